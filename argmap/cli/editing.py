"""`argmap lsp`: the language server editors start (docs/editors.md)."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--stdio", is_flag=True, help="Speak over stdin and stdout (the default; editors pass it)."
)
def lsp(stdio: bool) -> None:
    """Run the language server: diagnostics as you type, completion of keys, ids and
    quotes, hover, go to definition, references, rename, the outline and quick fixes.

    \b
    pip install 'argmap[lsp]'               pygls, for this command only
    argmap lsp                              started by the editor, over stdio

    Setup for VS Code, Neovim, Helix and Emacs: docs/editors.md.
    """
    del stdio  # stdio is the only transport
    try:
        from ..present import run_language_server
    except ImportError as exc:
        if "pygls" not in str(exc) and "lsprotocol" not in str(exc):
            raise
        click.echo("argmap: error: `argmap lsp` needs pygls: pip install 'argmap[lsp]'", err=True)
        raise SystemExit(2) from None
    import gc

    gc.enable()  # a long run: main() turned the collector off for one-shot commands
    gc.freeze()  # what the imports made lives on: collections need not walk it
    run_language_server()
    import os

    os._exit(0)  # the protocol has closed stdout: nothing is left to flush
