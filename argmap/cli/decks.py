"""`argmap slides`: a map split into a deck that can be read from the back row."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import DECK_FORMATS, SLIDES
from .options import (
    ENGINE_OPTION,
    THEME_OPTION,
    TIMEOUT_OPTION,
    checked_or_exit,
    echo_font_warnings,
    echo_issues,
    limit_options,
)

if TYPE_CHECKING:
    from ..present import Deck


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the deck into (created if missing).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(DECK_FORMATS),
    default=("svg", "html", "md"),
    show_default=True,
    help="What to write; repeat for several. svg/png: one picture per slide; pptx: "
    "PowerPoint (needs python-pptx); html: one offline file; md: Marp/pandoc Markdown.",
)
@click.option("--aspect", type=click.Choice(list(SLIDES)), default="16:9", show_default=True)
@click.option(
    "--min-pt",
    type=click.FloatRange(8, 72),
    default=18.0,
    show_default=True,
    help="Smallest claim text, in points, once a picture fills its slide.",
)
@click.option("--steps", is_flag=True, help="Reveal each slide's picture step by step.")
@click.option(
    "--evaluate",
    "with_evaluation",
    is_flag=True,
    help="Show each claim's status from the marks (see `argmap evaluate`).",
)
@THEME_OPTION
@ENGINE_OPTION
@TIMEOUT_OPTION
@limit_options
def slides(
    map_file: Path,
    outdir: Path,
    formats: tuple[str, ...],
    aspect: str,
    min_pt: float,
    steps: bool,
    with_evaluation: bool,
    theme: str,
    engine: str,
    timeout: float,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Split MAP into a deck: an overview, then its branches, each readable on a slide.

    Every slide is measured and split again until its claim text is at least
    --min-pt when the picture fills the slide; folded branches name the slide that
    continues them, and the speaker notes hold every claim in full with its quote.

    \b
    argmap slides maps/summit.yaml -o deck                 SVGs, deck.html, deck.md
    argmap slides maps/summit.yaml -o deck -f pptx -f png  PowerPoint, PNG pictures
    """
    from ..errors import ArgmapError
    from ..present import DeckOptions, make_deck
    from ..report import exit_code, format_issue

    result = checked_or_exit(map_file, max_bytes, max_claims, max_depth, source_root)
    echo_issues(result, err=True)  # the warnings of a map that checks
    wanted = tuple(dict.fromkeys(formats))
    echo_font_warnings(result, "png" if {"png", "pptx"} & set(wanted) else "svg")
    if "pptx" in wanted:
        _needs_pptx()
    options = DeckOptions.of(
        aspect=aspect,
        min_pt=min_pt,
        theme=theme,
        engine=engine,
        timeout=timeout,
        png="png" in wanted or "pptx" in wanted,
        steps=steps,
        evaluate=with_evaluation,
    )
    from ..files import make_folder

    make_folder(outdir)
    try:
        deck = make_deck(
            result.model,
            result.tree,
            options,
            progress=lambda message: click.echo(message, err=True),
        )
    except ArgmapError as exc:
        for issue in exc.issues:
            click.echo(
                format_issue(issue) if issue.file else f"{map_file}: {issue.message}", err=True
            )
        sys.exit(exit_code(exc.issues))
    for warning in deck.warnings:
        click.echo(f"{map_file}: warning: {warning}", err=True)
    stem = map_file.stem
    written = _write(deck, outdir, stem, wanted, result.model.language or "en")
    for path in written:
        click.echo(str(path))
    click.echo(f"{len(deck.slides) + 1} slides (with the title slide) in {outdir}", err=True)


def _needs_pptx() -> None:
    try:
        import pptx  # noqa: F401
    except ImportError:
        from ..present import INSTALL_HINT

        raise click.UsageError(INSTALL_HINT) from None


def _write(
    deck: Deck, outdir: Path, stem: str, formats: tuple[str, ...], language: str
) -> list[Path]:
    """Pictures first, then the documents that show them; each file written atomically."""
    from ..files import write_atomic
    from ..present import deck_markdown, deck_pptx
    from ..present.deck_html import deck_html

    written: list[Path] = []
    pictures = {"svg"} if "md" in formats else set()
    pictures |= {fmt for fmt in formats if fmt in ("svg", "png")}
    for slide in deck.slides:
        for fmt in sorted(pictures):
            path = outdir / f"{stem}-slide{slide.number:02d}.{fmt}"
            write_atomic(path, slide.svg if fmt == "svg" else slide.png)
            written.append(path)
    if "html" in formats:
        written.append(outdir / f"{stem}.html")
        write_atomic(written[-1], deck_html(deck, language).encode("utf-8"))
    if "md" in formats:
        written.append(outdir / f"{stem}.md")
        text = deck_markdown(deck, lambda number: f"{stem}-slide{number:02d}.svg")
        write_atomic(written[-1], text.encode("utf-8"))
    if "pptx" in formats:
        written.append(outdir / f"{stem}.pptx")
        write_atomic(written[-1], deck_pptx(deck))
    return written
