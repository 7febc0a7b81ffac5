"""`argmap serve`: a live preview in the browser."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from .options import ENGINE_OPTION, limit_options, make_limits


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on (0: any free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; anything but loopback shares your maps.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@ENGINE_OPTION
@limit_options
def serve(
    paths: tuple[Path, ...],
    port: int,
    host: str,
    open_browser: bool,
    engine: str,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Preview maps in the browser, redrawn the moment a map or its source is saved.

    PATHS are maps or folders of maps (then the first page lists them). A broken save
    shows its located errors over the last good picture (a save whose only errors are
    quotes over itself, drawn as a draft); the next good save clears them. Click a
    claim for its text, quote, basis and the quoted passage. Ctrl-C stops.
    """
    import gc

    from ..present import Preview, find_maps, free_port, make_server

    gc.enable()  # a long run: main() turned the collector off for one-shot commands
    maps = find_maps(paths)
    if not maps:
        raise click.UsageError("no .yaml maps found in " + ", ".join(map(str, paths)))
    preview = Preview(maps, make_limits(max_bytes, max_claims, max_depth), source_root, engine)
    try:
        server = make_server(preview, host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.UsageError(f"port {port} is in use; try --port {free_port(host)}") from None
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.server_address[1]}/"
    click.echo(f"serving {len(maps)} map{'s' * (len(maps) != 1)} at {url} (Ctrl-C to stop)")
    preview.listen()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        preview.stop.set()
        with preview.changed:
            preview.changed.notify_all()
        server.server_close()
