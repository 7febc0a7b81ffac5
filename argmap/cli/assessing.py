"""`argmap evaluate`: which claims stand, given the student's marks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .options import checked_or_exit, echo_issues, limit_options, report_format_option


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@report_format_option("A table for people, or JSON for programs.")
@click.option(
    "--strength", is_flag=True, help="Also a gradual score per claim (DF-QuAD; docs/evaluation.md)."
)
@limit_options
def evaluate(
    map_file: Path,
    output_format: str,
    strength: bool,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Compute which claims stand from the marks on the basic claims.

    Every claim gets stands, falls, contested or open, and every link holds, fails
    or is undecided, each with why in one line (docs/evaluation.md). A mark that
    disagrees with what argmap computes is a warning at its line (W304). Exit 0 when
    evaluated, 1 when the map has errors.
    """
    from ..assess import disagreement_issues, evaluate_tree, evaluation_data

    result = checked_or_exit(map_file, max_bytes, max_claims, max_depth, source_root)
    claims, links = evaluate_tree(result.tree, strength)
    result.issues += disagreement_issues(result.tree, result.doc, claims)
    echo_issues(result, err=True)
    if output_format == "json":
        data = evaluation_data(claims, links)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max(len(v.id or v.key) for v in [*claims, *links])
    click.echo(f"{map_file}: claims")
    for verdict in claims:
        mark = f" (marked {verdict.mark})" if verdict.mark else ""
        score = f" {verdict.strength:.2f}" if verdict.strength is not None else ""
        click.echo(
            f"  {verdict.status:<9}{score} {verdict.id or verdict.key:<{width}}  "
            f"{verdict.why}{mark}"
        )
    click.echo(f"{map_file}: links")
    for verdict in links:
        click.echo(f"  {verdict.status:<9} {verdict.id or verdict.key:<{width}}  {verdict.why}")
