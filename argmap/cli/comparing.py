"""`argmap compare` (a student's map against the key, or a class) and `argmap diff`."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import (
    checked_or_exit,
    limit_options,
    make_limits,
    report_format_option,
    theme_option,
)

if TYPE_CHECKING:
    from ..assess import Rubric
    from ..draw import RenderOptions
    from ..format import Loaded


def _weight(value: str) -> tuple[str, float]:
    kind, _, number = value.partition("=")
    try:
        return kind.strip(), float(number)
    except ValueError:
        raise click.BadParameter(f"{value!r}: write KIND=NUMBER, e.g. side=1") from None


@click.command()
@click.argument("first", metavar="STUDENT", type=click.Path(path_type=Path))
@click.argument("second", metavar="KEY", type=click.Path(path_type=Path))
@report_format_option("Findings for people, or JSON for programs (one map against the key).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="One map: the student's map drawn with the findings (.svg, .png or .pdf). "
    "A class: the report folder.",
)
@click.option(
    "--rubric",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A YAML rubric: `weights:` per kind of finding, `wording:` (docs/compare.md).",
)
@click.option(
    "--weight",
    "weights",
    multiple=True,
    metavar="KIND=N",
    help="One kind's weight, over the rubric's (repeatable): --weight side=1.",
)
@theme_option("print", "How the marked-up pictures are drawn (print: for handing back on paper).")
@limit_options
def compare(
    first: Path,
    second: Path,
    output_format: str,
    output: Path | None,
    rubric: Path | None,
    weights: tuple[str, ...],
    theme: str,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Compare a student's map with the teacher's KEY: every difference, and a score.

    \b
    argmap compare student.yaml key.yaml              findings and the score
    argmap compare student.yaml key.yaml -o marked.svg   and the marked-up map
    argmap compare key.yaml students/ -o report/      a class: report/index.html,
                                                      a page per student, grades.csv

    Claims match by the passages their quotes cover, else by their wording; ids
    never matter (docs/compare.md). Exit 0 when compared, 1 when a map has errors
    (a student's map whose only errors are quotes not in the text is compared as a
    draft; in a class, one that cannot be compared is listed and the others are),
    2 for a usage or file problem.
    """
    from ..assess import Rubric, with_weights
    from ..assess.compare import compare as compare_maps
    from ..draw import RenderOptions

    chosen = _rubric(rubric)
    chosen = with_weights(chosen or Rubric(), [_weight(w) for w in weights])
    options = RenderOptions.of(theme=theme)
    if second.is_dir():
        _class(
            first, second, output, chosen, options, max_bytes, max_claims, max_depth, source_root
        )
        return
    student = _student(first, max_bytes, max_claims, max_depth, source_root)
    key = checked_or_exit(second, max_bytes, max_claims, max_depth, source_root)
    result = compare_maps(student, key, chosen)
    if output is not None:
        from ..files import write_atomic
        from ..present import marked_picture
        from .outputs import format_from_suffix

        picture_format = format_from_suffix(output)
        if picture_format not in ("svg", "png", "pdf"):
            raise click.UsageError(f"-o {output}: name a .svg, .png or .pdf file")
        write_atomic(output, marked_picture(student, result, picture_format, options))
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    from ..report import format_issue

    lines = student.text.splitlines()
    for finding in result.findings:
        click.echo(format_issue(finding.issue, lines, sys.stdout.isatty()) + "\n")
    drafted = not student.ok
    counts = ", ".join(f"{n} {kind}" for kind, n in result.counts().items() if n)
    matched = len(result.matches)
    click.echo(
        f"{first}: {result.score:g} of 100 against {second} "
        f"({matched} of {len(key.tree.claims)} key claims matched"
        + (f"; {counts})" if counts else "; no differences)")
        + (": compared as a draft, its errors above" if drafted else "")
    )
    if drafted:
        sys.exit(1)


def _student(
    path: Path, max_bytes: int, max_claims: int, max_depth: int, source_root: Path | None
) -> Loaded:
    """The student's checked map; one whose only errors are quotes not in the text (a
    draft) is compared too, its errors printed first."""
    from ..format import draft_flags, run_checks
    from .options import echo_issues

    result = run_checks(
        path, limits=make_limits(max_bytes, max_claims, max_depth), source_root=source_root
    )
    loaded = result.loaded()
    if loaded is not None and result.ok:
        return loaded
    echo_issues(result, err=True)
    if loaded is None or draft_flags(result) is None:
        from ..report import exit_code

        sys.exit(exit_code(result.issues))
    return loaded


def _rubric(path: Path | None) -> Rubric | None:
    """The rubric file's weights; a file that cannot be read or parsed is exit 2."""
    if path is None:
        return None
    from ..assess import read_rubric
    from ..errors import ArgmapError, Issue
    from ..files import os_reason
    from ..format import decode, parse

    try:
        raw = path.read_bytes()
    except OSError as exc:
        issue = Issue(str(path), 0, 0, "E001", f"cannot read the rubric: {os_reason(exc)}")
        raise ArgmapError([issue]) from None
    try:
        document = parse(decode(raw, str(path)), str(path))
    except ArgmapError as exc:  # its line and column, but a rubric is a usage problem
        raise ArgmapError([replace(issue, code="E013") for issue in exc.issues]) from None
    return read_rubric(document.data, str(path))


def _class(
    key_path: Path,
    folder: Path,
    output: Path | None,
    rubric: Rubric,
    options: RenderOptions,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    from ..present import class_report, find_maps

    if output is None:
        raise click.UsageError("a class needs -o REPORT_FOLDER")
    key = checked_or_exit(key_path, max_bytes, max_claims, max_depth, source_root)
    students = [p for p in find_maps([folder]) if p.resolve() != key_path.resolve()]
    if not students:
        raise click.UsageError(f"no maps (.yaml) in {folder}")
    results = class_report(
        key,
        students,
        output,
        rubric,
        options,
        make_limits(max_bytes, max_claims, max_depth),
        source_root,
        progress=lambda message: click.echo(message, err=True),
    )
    broken = sum(r.comparison is None for r in results)
    click.echo(
        f"{output / 'index.html'}: {len(results) - broken} maps compared"
        + (f", {broken} could not be" if broken else "")
        + f"; grades in {output / 'grades.csv'}",
        err=True,
    )
    if any(r.issues for r in results):  # in the table; the exit status says so too
        sys.exit(1)


@click.command("diff")
@click.argument("paths", metavar="OLD NEW", nargs=-1, type=click.Path(path_type=Path))
@report_format_option("Changes for people, or JSON for programs.")
@limit_options
def diff_command(
    paths: tuple[Path, ...],
    output_format: str,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Say what changed in the argument from OLD to NEW: claims added, removed, moved,
    reworded, sides flipped, links changed.

    As git's diff driver (docs/compare.md) it takes git's seven arguments and reads
    the second and fifth.
    """
    from ..assess import diff

    if len(paths) == 7:  # GIT_EXTERNAL_DIFF: path old-file old-hex old-mode new-file …
        old_path, new_path = paths[1], paths[4]
        old_name = new_name = paths[0]  # not git's temporary copies
        click.echo(f"argmap diff {paths[0]}")
    elif len(paths) == 2:
        old_path, new_path = old_name, new_name = paths
    else:
        raise click.UsageError("give OLD and NEW (two maps)")
    old = checked_or_exit(old_path, max_bytes, max_claims, max_depth, source_root)
    new = checked_or_exit(new_path, max_bytes, max_claims, max_depth, source_root)
    changes = diff(old, new)
    if output_format == "json":
        click.echo(json.dumps([c.to_dict() for c in changes], indent=2, ensure_ascii=False))
        return
    signs = {"added": "+", "removed": "-", "linked": "+", "unlinked": "-"}
    for change in changes:
        where = old_name if change.kind in ("removed", "unlinked") else new_name
        click.echo(f"{signs.get(change.kind, '~')} {where}:{change.line}: {change.message}")
    if not changes:
        click.echo("no change to the argument")
