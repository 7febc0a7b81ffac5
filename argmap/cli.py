"""The `argmap` command: a thin click layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__

_LIMIT_OPTIONS = [
    click.option("--max-bytes", type=click.IntRange(1), default=4 * 1024 * 1024,
                 show_default=True, help="Largest map or source file read."),
    click.option("--max-claims", type=click.IntRange(1), default=10_000, show_default=True,
                 help="Most claims in one map."),
    click.option("--max-depth", type=click.IntRange(1), default=120, show_default=True,
                 help="Deepest YAML nesting."),
    click.option("--source-root", type=click.Path(file_okay=False, path_type=Path),
                 help="Folder source texts must lie in [default: the project folder "
                 "around the map]."),
]


def _apply(options: list[Any], function: Any) -> Any:
    for option in reversed(options):
        function = option(function)
    return function


def limit_options(function: Any) -> Any:
    return _apply(_LIMIT_OPTIONS, function)


def make_limits(max_bytes: int, max_claims: int, max_depth: int) -> Any:
    from .limits import Limits

    return Limits(max_bytes=max_bytes, max_claims=max_claims, max_depth=max_depth,
                  max_nodes=max(1_000_000, max_claims * 40))


def echo_issues(result: Any, *, err: bool = False) -> None:
    """Each issue with its source line and caret; colour only on a terminal."""
    from .report import format_issue

    stream = sys.stderr if err else sys.stdout
    color = stream.isatty()
    lines = result.text.splitlines() if result.text else None
    for issue in result.issues:
        click.echo(format_issue(issue, lines, color) + "\n", err=err)


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


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the issues.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
@click.option("--slide", type=click.Choice(["16:9", "4:3"]),
              help="Also warn (W303) when the text would be under 18 pt once the map is "
              "scaled to fit this slide.")
@limit_options
def check(files: tuple[Path, ...], output_format: str, strict: bool, quiet: bool,
          slide: str | None, max_bytes: int, max_claims: int, max_depth: int,
          source_root: Path | None) -> None:
    """Check maps and report every problem at file:line:col.

    Exit status: 0 no errors (warnings allowed unless --strict), 1 a map has
    errors, 2 a file could not be read or the command was misused.
    """
    from .loader import run_checks
    from .report import exit_code, summary, to_json

    limits = make_limits(max_bytes, max_claims, max_depth)
    everything = []
    for file in files:
        result = run_checks(file, limits=limits, source_root=source_root)
        if slide and result.ok:
            result.issues.append(_slide_issue(result, slide, None))
        result.issues = [issue for issue in result.issues if issue is not None]
        everything.extend(result.issues)
        if output_format == "text":
            echo_issues(result)
            if not result.issues and not quiet:
                click.echo(f"{file}: ok")
    if output_format == "json":
        click.echo(to_json(everything, len(files)))
    else:
        click.echo(summary(everything, len(files)))
    sys.exit(exit_code(everything, strict=strict))


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of printing it.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the map format (for editor completion)."""
    from .schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from .files import write_atomic

    write_atomic(output, text.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default="A new argument map", show_default=True,
              help="The map's title.")
def new(file: Path, title: str) -> None:
    """Write a commented starter map to FILE (never overwrites).

    The map names `argmap.schema.json` beside it for editor completion; that file
    is written too when it is missing.
    """
    from .files import write_atomic
    from .schema import schema_text
    from .starter import starter_map

    if file.exists():
        raise click.UsageError(f"{file} exists already; argmap new never overwrites a file")
    if not file.parent.is_dir():
        raise click.UsageError(f"the folder {file.parent} does not exist")
    schema_file = file.parent / "argmap.schema.json"
    write_atomic(file, starter_map(title, file.name, schema_file.name).encode("utf-8"))
    click.echo(f"wrote {file}")
    if not schema_file.exists():
        write_atomic(schema_file, schema_text().encode("utf-8"))
        click.echo(f"wrote {schema_file} (the JSON Schema your editor uses for completion)")


FORMAT_SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


def _format_from_suffix(output: Path | None) -> str:
    """svg by default; else the output's suffix, which must name a format."""
    if output is None:
        return "svg"
    if output.suffix.lower() not in FORMAT_SUFFIXES:
        raise click.UsageError(f"cannot tell the format from {output.name!r}; name it with -f "
                               "svg|png|pdf|dot or use one of .svg .png .pdf .dot")
    return FORMAT_SUFFIXES[output.suffix.lower()]


_FORMAT_OPTION = click.option(
    "-f", "--format", "output_format", type=click.Choice(["svg", "png", "pdf", "dot"]),
    help="Output format [default: from OUT's suffix, else svg].")
_DRAWING_OPTIONS = [
    click.option("--theme", type=click.Choice(["default", "print", "dark"]), default="default",
                 show_default=True,
                 help="default: colour-blind-safe; print: grayscale; dark: dark slides."),
    click.option("--direction", type=click.Choice(["TB", "BT", "LR", "RL"]), default="TB",
                 show_default=True, help="Where the thesis sits: TB top, BT bottom, "
                 "LR left, RL right."),
    click.option("--engine", type=click.Choice(["auto", "pure", "dot"]), default="auto",
                 show_default=True, help="pure: the embedded graphviz-pure; dot: a system "
                 "Graphviz; auto: pure, then dot."),
    click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
                 help="Seconds Graphviz may take for one picture before it is stopped."),
    click.option("--legend", is_flag=True, help="Add a key to the diagram."),
    click.option("--notes", is_flag=True, help="Show claims' notes."),
    click.option("--scale", type=click.FloatRange(0.1, 10), default=2.0, show_default=True,
                 help="PNG resolution: 1 is 96 dpi."),
]
_SINGLE_PICTURE_OPTIONS = [
    click.option("--transparent", is_flag=True, help="PNG with a transparent background."),
    click.option("--responsive", is_flag=True, help="SVG without fixed width and height "
                 "(it fills its container; the viewBox keeps the proportions)."),
]


def drawing_options(function: Any) -> Any:
    """How a map is drawn: shared by `render`, `watch` and `build`."""
    return _apply(_DRAWING_OPTIONS, function)


def render_options(function: Any) -> Any:
    """Drawing options plus the format and picture options of `render` and `watch`."""
    return _apply([_FORMAT_OPTION, *_DRAWING_OPTIONS, *_SINGLE_PICTURE_OPTIONS], function)


def make_render_options(values: dict[str, Any]) -> Any:
    from .rendering import RenderOptions

    names = ("theme", "direction", "engine", "timeout", "legend", "notes", "scale",
             "transparent", "responsive")
    return RenderOptions(**{name: values[name] for name in names})


@cli.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file, `-` for stdout, or a folder for several maps "
              "[default: beside each map].")
@click.option("--slide", type=click.Choice(["16:9", "4:3", "none"]), default="16:9",
              show_default=True, help="Warn when text would be under 18 pt on this slide.")
@click.option("--steps", type=click.Choice(["files", "fragments"]), is_flag=False,
              flag_value="files", default=None,
              help="Stepwise reveal from one layout: `--steps` writes <stem>-step01.svg, "
              "-step02.svg, … into OUT (a folder); `--steps fragments` one SVG whose steps "
              "are reveal.js fragments.")
@render_options
@limit_options
def render(maps: tuple[Path, ...], output: Path | None, output_format: str | None,
           steps: str | None, slide: str, max_bytes: int, max_claims: int, max_depth: int,
           source_root: Path | None, **drawing: Any) -> None:
    """Draw maps as SVG, PNG, PDF or DOT.

    \b
    argmap render maps/summit.yaml                 writes maps/summit.svg
    argmap render maps/summit.yaml -o summit.png   format from the suffix
    argmap render maps/*.yaml -o out/ -f pdf       several maps into a folder
    argmap render maps/summit.yaml -f dot -o -     DOT text on stdout
    argmap render maps/summit.yaml --steps -o steps/   one picture per step
    """
    from .engine import EngineError
    from .files import write_atomic
    from .loader import run_checks
    from .rendering import render_fragments, render_model, render_steps
    from .report import exit_code

    options = make_render_options(drawing)
    limits = make_limits(max_bytes, max_claims, max_depth)
    to_stdout = output is not None and str(output) == "-"
    if steps == "files":
        if to_stdout:
            raise click.UsageError("--steps writes one file per step; give -o FOLDER")
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)
    into_folder = output is not None and not to_stdout and (
        len(maps) > 1 or output.is_dir() or steps == "files")
    if to_stdout and len(maps) > 1:
        raise click.UsageError("-o - takes one map; give a folder for several")
    if into_folder and output is not None and not output.is_dir():
        raise click.UsageError(f"{output} is not a folder; several maps need -o FOLDER")
    failed = 0
    for map_path in maps:
        result = run_checks(map_path, limits=limits, source_root=source_root)
        echo_issues(result, err=True)
        if not result.ok or result.model is None:
            failed = max(failed, exit_code(result.issues))
            continue
        fmt = output_format or _format_from_suffix(output if not into_folder and not to_stdout
                                                   else None)
        if output is None:
            target: Path | None = map_path.with_suffix(f".{fmt}")
        elif into_folder:
            target = output / f"{map_path.stem}.{fmt}"
        else:
            target = None if to_stdout else output
        if steps == "fragments" and fmt != "svg":
            raise click.UsageError("--steps fragments makes one SVG; use -f svg")
        try:
            if steps == "files":
                pictures = render_steps(result.model, fmt, options, result.tree)
            else:
                data = render_fragments(result.model, options, result.tree) \
                    if steps == "fragments" else render_model(result.model, fmt, options,
                                                               result.tree)
        except EngineError as exc:
            click.echo(f"{map_path}: error: {exc}", err=True)
            failed = 2
            continue
        if steps == "files":
            folder = output if output is not None else map_path.parent
            try:
                for number, picture in enumerate(pictures, start=1):
                    step_file = folder / f"{map_path.stem}-step{number:02d}.{fmt}"
                    write_atomic(step_file, picture)
                    click.echo(str(step_file))
            except OSError as exc:
                click.echo(f"{folder}: error: cannot write: {exc.strerror or exc}", err=True)
                failed = 2
            continue
        if slide != "none":
            _warn_slide_fit(result, data, fmt, slide, options)
        if target is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            continue
        try:
            write_atomic(target, data)
        except OSError as exc:
            click.echo(f"{target}: error: cannot write: {exc.strerror or exc}", err=True)
            failed = 2
            continue
        click.echo(str(target))
    sys.exit(failed)


def _warn_slide_fit(result: Any, data: bytes, fmt: str, slide: str, options: Any) -> None:
    """W303 from the rendered picture's own size: no second layout."""
    from .slidefit import fit_for_size, output_size
    from .themes import resolve_theme

    size = output_size(data, fmt, options.scale)
    if size is None:
        return
    font = resolve_theme(options.theme, result.model.style).font_size
    fit = fit_for_size(*size, font, slide)
    if not fit.readable:
        result.issues = [result.doc.issue(("title",), "W303", fit.message(),
                                          severity="warning",
                                          hint=fit.advice() + "; `argmap check --slide "
                                          f"{slide}` also tries other directions")]
        echo_issues(result, err=True)


def _slide_issue(result: Any, slide: str, options: Any) -> Any:
    """W303 when the map's text would be too small on the slide, else None."""
    from .engine import EngineError, find_engine
    from .graph import DrawOptions
    from .slidefit import slide_fit

    try:
        engine = find_engine(options.engine if options else "auto")
        fit = slide_fit(result.model, slide, options.drawing() if options else DrawOptions(),
                        engine, result.tree, options.timeout if options else 30.0)
    except EngineError as exc:
        raise click.UsageError(f"--slide needs a Graphviz engine: {exc}") from None
    if fit.readable:
        return None
    return result.doc.issue(("title",), "W303", fit.message(), severity="warning",
                            hint=fit.advice())


@cli.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("-f", "--format", "output_format", type=click.Choice(["txt", "md", "html"]),
              default="txt", show_default=True, help="Plain text, Markdown or an HTML fragment.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file instead of printing.")
@limit_options
def outline(map_file: Path, output_format: str, output: Path | None, max_bytes: int,
            max_claims: int, max_depth: int, source_root: Path | None) -> None:
    """Print the map as a nested outline: thesis; because …; but …; however ….

    The plain-text outline is the SVG's <desc>, the long description screen readers
    read; Markdown and HTML suit handouts and lecture notes.
    """
    from .loader import run_checks
    from .outline import to_html, to_markdown, to_text
    from .report import exit_code

    result = run_checks(map_file, limits=make_limits(max_bytes, max_claims, max_depth),
                        source_root=source_root)
    if not result.ok or result.model is None:
        echo_issues(result, err=True)
        sys.exit(exit_code(result.issues))
    make = {"txt": to_text, "md": to_markdown, "html": to_html}[output_format]
    text = make(result.model, result.tree)
    if output is None:
        click.echo(text, nl=False)
        return
    from .files import write_atomic

    write_atomic(output, text.encode("utf-8"))
    click.echo(str(output))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write pictures and index.html into.")
@click.option("-f", "--format", "formats", multiple=True,
              type=click.Choice(["svg", "png", "pdf", "dot"]), default=("svg",),
              show_default=True, help="Formats to write; repeat for several.")
@click.option("--jobs", "-j", type=click.IntRange(1), help="Parallel workers [default: cores].")
@drawing_options
@limit_options
def build(paths: tuple[Path, ...], outdir: Path, formats: tuple[str, ...], jobs: int | None,
          max_bytes: int, max_claims: int, max_depth: int, source_root: Path | None,
          **drawing: Any) -> None:
    """Render every map under PATHs into OUTDIR, with an index.html gallery.

    Maps are rendered in parallel; a rerun skips maps whose map file, source text,
    argmap version and options are unchanged. A bad map does not stop the others:
    its errors are listed and the exit status is 1.
    """
    from .building import build as build_maps
    from .building import find_maps
    from .engine import EngineError, find_engine
    from .report import format_issue

    options = make_render_options({**drawing, "transparent": False, "responsive": False})
    try:
        find_engine(options.engine)
    except EngineError as exc:
        raise click.UsageError(str(exc)) from None
    maps = find_maps(paths)
    if not maps:
        raise click.UsageError("no .yaml maps found in " + ", ".join(map(str, paths)))
    counts = {"rendered": 0, "unchanged": 0, "failed": 0}
    with click.progressbar(length=len(maps), label="Rendering", file=sys.stderr) as bar:
        def advance(result: Any) -> None:
            failed = result.error or any(i.severity == "error" for i in result.issues)
            counts["failed" if failed else "unchanged" if result.skipped else "rendered"] += 1
            bar.update(1)

        results = build_maps(maps, outdir, tuple(dict.fromkeys(formats)), options,
                             make_limits(max_bytes, max_claims, max_depth), source_root, jobs,
                             advance)
    for result in results:
        if result.error:
            click.echo(f"{result.path}: error: {result.error}", err=True)
        try:
            lines = Path(result.path).read_text("utf-8", "replace").splitlines()
        except OSError:
            lines = None
        for issue in result.issues:
            if issue.severity == "error":
                click.echo(format_issue(issue, lines) + "\n", err=True)
    click.echo(f"{outdir / 'index.html'}: {counts['rendered']} rendered, "
               f"{counts['unchanged']} unchanged, {counts['failed']} with errors")
    sys.exit(1 if counts["failed"] else 0)


@cli.command()
@click.argument("map_file", metavar="MAP", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file [default: beside the map, as SVG].")
@render_options
@limit_options
def watch(map_file: Path, output: Path | None, output_format: str | None, max_bytes: int,
          max_claims: int, max_depth: int, source_root: Path | None, **drawing: Any) -> None:
    """Re-render MAP on every save (of the map or its source text) until Ctrl-C.

    An invalid save prints its located errors and keeps the last good output.
    """
    import threading

    from .watching import Watcher

    fmt = output_format or _format_from_suffix(output)
    target = output or map_file.with_suffix(f".{fmt}")

    def report(result: Any, message: str) -> None:
        stamp = __import__("time").strftime("%H:%M:%S")
        echo_issues(result, err=True)
        click.echo(f"[{stamp}] {map_file}: {message}", err=not result.ok)

    watcher = Watcher(map_file, target, fmt, make_render_options(drawing),
                      make_limits(max_bytes, max_claims, max_depth), source_root,
                      on_result=report)
    click.echo(f"watching {map_file} (Ctrl-C to stop)", err=True)
    stop = threading.Event()
    try:
        watcher.run(stop)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def main() -> None:
    """Console entry point: usage and I/O problems exit 2 with a message, never a traceback."""
    try:
        cli.main(prog_name="argmap", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
