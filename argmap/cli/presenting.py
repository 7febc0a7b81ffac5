"""Commands for many maps or for a session of edits: `build` and `watch`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..choices import PICTURE_FORMATS
from .options import (
    drawing_options,
    echo_issues,
    limit_options,
    make_limits,
    make_render_options,
    render_options,
)
from .outputs import PlanError, plan_outputs

if TYPE_CHECKING:
    from ..format import Checked
    from ..present import MapResult


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write pictures and index.html into.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(PICTURE_FORMATS),
    default=("svg",),
    show_default=True,
    help="Formats to write; repeat for several.",
)
@click.option("--jobs", "-j", type=click.IntRange(1), help="Parallel workers [default: cores].")
@drawing_options
@limit_options
def build(
    paths: tuple[Path, ...],
    outdir: Path,
    formats: tuple[str, ...],
    jobs: int | None,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
    **drawing: Any,
) -> None:
    """Render every map under PATHs into OUTDIR, with an index.html gallery.

    Maps are rendered in parallel; a rerun skips maps whose map file, source text,
    argmap version and options are unchanged. A bad map does not stop the others:
    its errors are listed and the exit status is 1.
    """
    import gc

    gc.enable()  # a long run: main() turned the collector off for one-shot commands
    from ..draw import EngineError, find_engine
    from ..present import build_site, find_maps
    from ..report import format_issue

    options = make_render_options(drawing)
    try:
        find_engine(options.engine)
    except EngineError as exc:
        raise click.UsageError(exc.message) from None
    maps = find_maps(paths)
    if not maps:
        raise click.UsageError("no .yaml maps found in " + ", ".join(map(str, paths)))
    for path in paths:
        if not find_maps([path]):
            click.echo(f"{path}: warning: no .yaml maps found here", err=True)
    counts = {"rendered": 0, "unchanged": 0, "failed": 0}
    with click.progressbar(length=len(maps), label="Rendering", file=sys.stderr) as bar:

        def advance(result: MapResult) -> None:
            failed = result.error or any(i.severity == "error" for i in result.issues)
            counts["failed" if failed else "unchanged" if result.skipped else "rendered"] += 1
            bar.update(1)

        results = build_site(
            maps,
            outdir,
            tuple(dict.fromkeys(formats)),
            options,
            make_limits(max_bytes, max_claims, max_depth),
            source_root,
            jobs,
            advance,
            lambda message: click.echo(f"warning: {message}", err=True),
        )
    for result in results:
        if result.error:
            click.echo(f"{result.path}: error: {result.error}", err=True)
        try:
            lines: list[str] | None = Path(result.path).read_text("utf-8", "replace").splitlines()
        except OSError:
            lines = None
        for issue in result.issues:
            if issue.severity == "error":
                click.echo(format_issue(issue, lines) + "\n", err=True)
    click.echo(
        f"{outdir / 'index.html'}: {counts['rendered']} rendered, "
        f"{counts['unchanged']} unchanged, {counts['failed']} with errors"
    )
    sys.exit(1 if counts["failed"] else 0)


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Output file [default: beside the map, as SVG].",
)
@render_options
@limit_options
def watch(
    map_file: Path,
    output: str | None,
    output_format: str | None,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
    **drawing: Any,
) -> None:
    """Re-render MAP on every save (of the map or its source text) until Ctrl-C.

    An invalid save prints its located errors and keeps the last good output; one whose
    only errors are quotes is drawn as a draft, those claims marked in red. A map
    that does not exist when the watch starts is an error (exit 2), as for `render`;
    one deleted later is waited for.
    """
    import gc

    gc.enable()  # a long run: main() turned the collector off for one-shot commands
    import threading
    import time

    from ..errors import ArgmapError
    from ..format import read_map_bytes
    from ..present import Watcher
    from ..report import exit_code, format_issue

    try:
        plan = plan_outputs([map_file], output, output_format)
    except PlanError as exc:
        raise click.UsageError(str(exc)) from None
    target = plan.targets[0]
    if target.path is None:
        raise click.UsageError("watch rewrites a file on every save; give -o FILE, not -")
    limits = make_limits(max_bytes, max_claims, max_depth)
    try:
        read_map_bytes(map_file, limits)
    except ArgmapError as exc:
        for issue in exc.issues:
            click.echo(format_issue(issue), err=True)
        sys.exit(exit_code(exc.issues))

    def report(result: Checked, message: str) -> None:
        echo_issues(result, err=True)
        click.echo(f"[{time.strftime('%H:%M:%S')}] {map_file}: {message}", err=not result.ok)

    watcher = Watcher(
        map_file,
        target.path,
        target.output_format,
        make_render_options(drawing),
        limits,
        source_root,
        on_result=report,
    )
    click.echo(f"watching {map_file} (Ctrl-C to stop)", err=True)
    stop = threading.Event()
    try:
        watcher.run(stop)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
