"""The `argmap` group and the console entry point; each command lives in its own module."""

from __future__ import annotations

import sys

import click

from .. import __version__
from . import checking, drawing, presenting


@click.group(name="argmap", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def cli() -> None:
    """Argument maps as code: check and render hand-written YAML maps.

    \b
    argmap new my-map.yaml                  start a map from a commented template
    argmap check maps/*.yaml                report every problem at file:line:col
    argmap render maps/x.yaml               draw it (SVG beside the map)
    argmap render x.yaml --steps -o steps/  one picture per step, for slides
    argmap watch maps/x.yaml                re-draw on every save
    argmap build maps -o site               every map, with a gallery page
    argmap outline maps/x.yaml              the argument as a nested outline
    argmap schema                           the JSON Schema for editor completion

    Exit status: 0 ok, 1 a map has errors, 2 a usage or file problem.
    """


for module in (checking, drawing, presenting):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    """Console entry point: usage and I/O problems exit 2 with a message, never a traceback.

    Once the command has finished and its output is flushed, the process ends without
    tearing the interpreter down (about 30 ms of freeing objects nobody will use again);
    every file argmap writes is closed and renamed into place before that.
    """
    import os

    try:
        # Without standalone mode click returns --help's and --version's status.
        returned = cli.main(prog_name="argmap", standalone_mode=False)
        status = returned if isinstance(returned, int) else 0
    except KeyboardInterrupt:
        status = 130
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, int) and exc.code is not None:
            click.echo(exc.code, err=True)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        status = 1
    except click.ClickException as exc:
        exc.show()
        status = exc.exit_code
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        status = status or 1
    os._exit(status)
