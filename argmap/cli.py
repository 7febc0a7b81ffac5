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


def limit_options(function: Any) -> Any:
    for option in reversed(_LIMIT_OPTIONS):
        function = option(function)
    return function


def make_limits(max_bytes: int, max_claims: int, max_depth: int) -> Any:
    from .limits import Limits

    return Limits(max_bytes=max_bytes, max_claims=max_claims, max_depth=max_depth,
                  max_nodes=max(1_000_000, max_claims * 40))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def cli() -> None:
    """Argument maps as code: check and render hand-written YAML maps.

    \b
    argmap new my-map.yaml          start a map from a commented template
    argmap check maps/*.yaml        report every problem at file:line:col
    argmap render maps/x.yaml       draw it (SVG beside the map)
    argmap schema                   the JSON Schema for editor completion
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the issues.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
@limit_options
def check(files: tuple[Path, ...], output_format: str, strict: bool, quiet: bool,
          max_bytes: int, max_claims: int, max_depth: int, source_root: Path | None) -> None:
    """Check maps and report every problem at file:line:col.

    Exit status: 0 no errors (warnings allowed unless --strict), 1 a map has
    errors, 2 a file could not be read or the command was misused.
    """
    from .loader import run_checks
    from .report import exit_code, format_issue, summary, to_json

    limits = make_limits(max_bytes, max_claims, max_depth)
    everything = []
    color = output_format == "text" and sys.stdout.isatty()
    for file in files:
        result = run_checks(file, limits=limits, source_root=source_root)
        everything.extend(result.issues)
        if output_format == "text":
            lines = result.text.splitlines() if result.text else None
            for issue in result.issues:
                click.echo(format_issue(issue, lines, color) + "\n")
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


def main() -> None:
    """Console entry point: usage and I/O problems exit 2 with a message, never a traceback."""
    try:
        cli.main(prog_name="argmap", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
