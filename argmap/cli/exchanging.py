"""`argmap export` and `argmap import`: maps to and from Argdown and AIF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import DIAGRAM_FORMATS, EXCHANGE_FORMATS
from .options import (
    checked_or_exit,
    echo_issues,
    limit_options,
    make_limits,
    output_file_option,
    print_or_write,
    report_format_option,
    theme_option,
)

if TYPE_CHECKING:
    from ..errors import Issue
    from ..limits import Limits


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["aif", "argdown", *DIAGRAM_FORMATS]),
    help="aif: AIF JSON (AIFdb, OVA); argdown: Argdown text; graphml: yEd; drawio: "
    "draw.io; mermaid: a Mermaid flowchart (GitHub, GitLab, Obsidian) [default: from OUT's "
    "suffix: .json, .argdown, .ad, .graphml, .drawio, .mmd].",
)
@theme_option(help_text="The colours of graphml, drawio and mermaid.")
@output_file_option("Write here instead of printing.")
@limit_options
def export(
    map_file: Path,
    output_format: str | None,
    theme: str,
    output: Path | None,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Write a map as AIF JSON, Argdown, or an editable diagram (yEd, draw.io, Mermaid).

    \b
    argmap export maps/summit.yaml -f aif -o summit.json
    argmap export maps/summit.yaml -f argdown | argdown map - out/
    argmap export maps/summit.yaml -o summit.drawio    positions as drawn
    argmap export maps/summit.yaml -f mermaid          for a README on GitHub

    AIF keeps every argmap field (in an `argmap` key per node), so `argmap import`
    gives the same map back; Argdown keeps every claim and relation; GraphML and
    draw.io keep Graphviz's positions and the theme's colours (docs/interop.md).
    Exit 0 when written, 1 when the map has errors, 2 on a usage or file problem.
    """
    from ..exchange import SUFFIXES, export_map, moved_source

    diagrams = {".graphml": "graphml", ".drawio": "drawio", ".mmd": "mermaid"}
    if output_format is None:
        suffix = output.suffix.lower() if output else ""
        if (suffix not in SUFFIXES and suffix not in diagrams) or SUFFIXES.get(suffix) == "kialo":
            raise click.UsageError(
                "say which format with -f aif, argdown, graphml, drawio or mermaid "
                "(or name an output ending in .json, .argdown, .ad, .graphml, .drawio or .mmd)"
            )
        output_format = diagrams.get(suffix) or SUFFIXES[suffix]
    result = checked_or_exit(map_file, max_bytes, max_claims, max_depth, source_root)
    echo_issues(result, err=True)
    if output_format in diagrams.values():
        from ..present import export_diagram

        print_or_write(export_diagram(result.model, output_format, theme), output)
        return
    model = moved_source(result.model, map_file.parent, output.parent if output else Path.cwd())
    print_or_write(export_map(model, "aif" if output_format == "aif" else "argdown"), output)


@click.command("import")
@click.argument("input_file", metavar="FILE", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A map file (.yaml) for one map, or a folder for one map per thesis "
    "[default, or `-`: print the largest map].",
)
@click.option(
    "--from",
    "input_format",
    type=click.Choice(EXCHANGE_FORMATS),
    help="The input's format [default: from the suffix: .argdown and .ad are Argdown, "
    ".json is AIF, .txt a Kialo export; a file beginning `Discussion Title:` is Kialo's].",
)
@click.option(
    "--thesis",
    metavar="TITLE",
    help="The thesis to keep, by title or text, when the file holds several.",
)
@click.option("--force", is_flag=True, help="Overwrite map files that exist.")
@report_format_option("Warnings as text, or JSON for programs (on stderr).")
@limit_options
def import_command(
    input_file: Path,
    output: Path | None,
    input_format: str | None,
    thesis: str | None,
    force: bool,
    output_format: str,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Turn an Argdown, AIF or Kialo file into argmap maps, one thesis each.

    \b
    argmap import debate.argdown -o maps/          one map per thesis
    argmap import discussion.txt -o maps/          a Kialo discussion's text export
    argmap import debate.argdown -o maps/x.yaml    the largest (or --thesis) only
    argmap import corpus/nodeset.json --thesis "Tax the rich"

    A thesis is a claim nothing it is connected to points beyond. What argmap cannot
    express is a warning naming its line, and the nearest faithful form is used
    (docs/interop.md). Every map written is checked. Exit 0 when imported, 1 when the
    input has errors, 2 on a usage or file problem.
    """
    from ..errors import ArgmapError
    from ..exchange import format_of, import_maps, text_format
    from ..format import decode, read_map_bytes
    from ..report import exit_code

    name = "<stdin>" if str(input_file) == "-" else str(input_file)
    if output is not None and str(output) == "-":
        output = None  # as for every other command: `-o -` is standard output
    limits = make_limits(max_bytes, max_claims, max_depth)
    lines: list[str] | None = None
    try:
        fmt = format_of(name, input_format) if name != "<stdin>" or input_format else None
        if fmt is None:
            raise click.UsageError(
                "reading stdin: say which format with --from argdown, aif or kialo"
            )
        raw = (
            sys.stdin.buffer.read(limits.max_bytes + 1)
            if name == "<stdin>"
            else read_map_bytes(input_file, limits)
        )
        text = decode(raw, name)
        if fmt == "kialo" and input_format is None:  # by the suffix .txt: the header decides
            fmt = text_format(name, text)
        lines = text.splitlines()
        imported = import_maps(
            text,
            fmt,
            file=name,
            thesis=thesis,
            every=output is not None and _is_folder(output),
            limits=limits,
            moved=_moved(input_file, output, name),
        )
    except ArgmapError as exc:
        _report(exc.issues, output_format, lines)
        sys.exit(exit_code(exc.issues))
    _report(imported.issues, output_format, lines)
    if output is None:
        click.echo(imported.maps[0].yaml, nl=False)
        return
    targets = _targets(output, [m.name for m in imported.maps])
    clash = [str(path) for path in targets if path.exists() and not force]
    if clash:
        click.echo(
            f"{clash[0]}: error[E001]: exists; argmap import does not overwrite a map"
            + (f" (and {len(clash) - 1} more)" if len(clash) > 1 else ""),
            err=True,
        )
        click.echo("     = help: choose another -o, or pass --force", err=True)
        sys.exit(2)
    failed = _write(targets, [m.yaml for m in imported.maps], limits, source_root)
    sys.exit(failed)


def _moved(input_file: Path, output: Path | None, name: str) -> tuple[Path, Path] | None:
    """Where a source path was relative to, and where the maps go (stdout: the working
    folder; standard input: it was the working folder already)."""
    read_from = Path.cwd() if name == "<stdin>" else input_file.parent
    if output is None:
        return read_from, Path.cwd()
    return read_from, output if _is_folder(output) else output.parent


def _is_folder(output: Path) -> bool:
    return output.is_dir() or str(output).endswith(("/", "\\")) or not output.suffix


def _targets(output: Path, names: list[str]) -> list[Path]:
    if _is_folder(output):
        return [output / f"{name}.yaml" for name in names]
    return [output]


def _write(targets: list[Path], texts: list[str], limits: Limits, source_root: Path | None) -> int:
    """Write every map and the schema beside them, then check what was written."""
    from ..files import make_folder, write_atomic
    from ..format import run_checks, schema_text
    from ..report import exit_code

    failed = 0
    for path, text in zip(targets, texts, strict=True):
        make_folder(path.parent)
        write_atomic(path, text.encode("utf-8"))
        schema_file = path.parent / "argmap.schema.json"
        if not schema_file.exists():
            write_atomic(schema_file, schema_text().encode("utf-8"))
    for path in targets:
        result = run_checks(path, limits=limits, source_root=source_root)
        claims = len(result.tree.claims) if result.tree else 0
        click.echo(f"wrote {path} ({claims} claims)")
        echo_issues(result, err=True)
        failed = max(failed, exit_code(result.issues))
    return failed


def _report(issues: list[Issue], output_format: str, lines: list[str] | None) -> None:
    from ..report import format_issue, to_json

    if output_format == "json":
        click.echo(to_json(issues, 1), err=True)
        return
    color = sys.stderr.isatty()
    for issue in issues:
        click.echo(format_issue(issue, lines, color) + "\n", err=True)
