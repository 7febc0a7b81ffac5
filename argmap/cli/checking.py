"""Commands of the format: `check`, `schema`, `new`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import SLIDES
from .options import (
    echo_issues,
    limit_options,
    make_limits,
    output_file_option,
    print_or_write,
    report_format_option,
)

if TYPE_CHECKING:
    from ..errors import Issue
    from ..format import Checked, Loaded


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@report_format_option("How to print the issues.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
@click.option(
    "--lint",
    "with_lint",
    is_flag=True,
    help="Also report the teaching rules of `argmap lint` (notes).",
)
@click.option(
    "--slide",
    type=click.Choice(list(SLIDES)),
    help="Also warn (W303) when the text would be under 18 pt once the map is "
    "scaled to fit this slide.",
)
@limit_options
def check(
    files: tuple[Path, ...],
    output_format: str,
    strict: bool,
    quiet: bool,
    with_lint: bool,
    slide: str | None,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Check maps and report every problem at file:line:col.

    Exit status: 0 no errors (warnings allowed unless --strict), 1 a map has
    errors, 2 a file could not be read or the command was misused.
    """
    from ..format import run_checks
    from ..report import exit_code, summary, to_json

    limits = make_limits(max_bytes, max_claims, max_depth)
    everything: list[Issue] = []
    for file in files:
        result = run_checks(file, limits=limits, source_root=source_root)
        if slide and result.ok:
            fit_issue = _slide_issue(result.valid(), slide)
            if fit_issue is not None:
                result.issues.append(fit_issue)
        if with_lint:
            result.issues = _with_notes(result)
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


def _with_notes(
    result: Checked, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()
) -> list[Issue]:
    """The check's issues and the lint notes, in file order (none for a broken map)."""
    from ..assess.lint import lint

    loaded = result.loaded()
    if loaded is None:
        return result.issues
    notes = lint(loaded.model, loaded.tree, loaded.doc, select, ignore)
    return sorted([*result.issues, *notes], key=lambda i: (i.line, i.col, i.code))


@click.command(name="lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@report_format_option("How to print the findings.")
@click.option(
    "--select",
    default="",
    metavar="CODES",
    help="Only these rules, by code or prefix, comma-separated (e.g. L1,L205).",
)
@click.option(
    "--ignore",
    default="",
    metavar="CODES",
    help="Leave out these rules, by code or prefix, comma-separated.",
)
@click.option("--strict", is_flag=True, help="Exit 1 when there is any note.")
@limit_options
def lint_command(
    files: tuple[Path, ...],
    output_format: str,
    select: str,
    ignore: str,
    strict: bool,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Report where maps break the rules argument-mapping courses teach (docs/lint.md).

    The Rabbit and Holding Hands rules name the words that lack a partner; the Golden
    rule suggests the unstated co-premise; the wording rules point at the claim. Notes
    exit 0 (1 with --strict); a map with errors exits 1 as with `check`.
    """
    from ..format import run_checks
    from ..report import exit_code, summary, to_json

    chosen = tuple(code.strip().upper() for code in select.split(",") if code.strip())
    skipped = tuple(code.strip().upper() for code in ignore.split(",") if code.strip())
    limits = make_limits(max_bytes, max_claims, max_depth)
    everything: list[Issue] = []
    for file in files:
        result = run_checks(file, limits=limits, source_root=source_root)
        result.issues = _with_notes(result, chosen, skipped)
        everything.extend(result.issues)
        if output_format == "text":
            echo_issues(result)
    if output_format == "json":
        click.echo(to_json(everything, len(files)))
    else:
        click.echo(summary(everything, len(files)).replace("checked", "linted"))
    sys.exit(exit_code(everything, strict=strict))


def _slide_issue(result: Loaded, slide: str) -> Issue | None:
    """W303 when the map's text would be too small on the slide, else None."""
    from ..draw import DrawOptions, EngineError, find_engine
    from ..present import slide_fit

    try:
        fit = slide_fit(result.model, slide, DrawOptions(), find_engine("auto"), result.tree)
    except EngineError as exc:
        raise click.UsageError(f"--slide needs a Graphviz engine: {exc.message}") from None
    if fit.readable:
        return None
    return result.doc.issue(
        ("title",), "W303", fit.message(), severity="warning", hint=fit.advice()
    )


@click.command()
@output_file_option("Write the schema to this file instead of printing it.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the map format (for editor completion)."""
    from ..format import schema_text

    print_or_write(schema_text(), output)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default="A new argument map", show_default=True, help="The map's title.")
def new(file: Path, title: str) -> None:
    """Write a commented starter map to FILE (never overwrites).

    The map names `argmap.schema.json` beside it for editor completion; that file
    is written too when it is missing.
    """
    from ..files import write_atomic
    from ..format import schema_text, starter_map

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
