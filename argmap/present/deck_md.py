"""A deck as Markdown for Marp, and for pandoc (reveal.js, Beamer): one slide per `---`.

The pictures are the deck's SVG files beside it; speaker notes are HTML comments, which
Marp shows as presenter notes and pandoc leaves out of the slides.
"""

from __future__ import annotations

from collections.abc import Callable

from ..format import md_link, md_text
from .slides import Deck, alt_text, notes_for


def deck_markdown(deck: Deck, picture_name: Callable[[int], str]) -> str:
    """`picture_name` names a slide's picture file from its number."""
    lines = [
        "---",
        f"title: {_yaml_string(deck.title)}",
        "marp: true",
        "paginate: true",
        f"size: {deck.aspect}",
    ]
    if deck.subtitle:
        lines.append(f"subtitle: {_yaml_string(deck.subtitle)}")
    lines += ["---", "", f"# {md_text(deck.title)}", ""]
    if deck.subtitle:
        lines += [md_text(deck.subtitle), ""]
    for slide in deck.slides:
        notes = notes_for(slide, deck.words).replace("--", "\u2013")  # `--` would end the comment
        lines += [
            "---",
            "",
            f"## {md_text(slide.title)}",
            "",
            f"![{md_text(alt_text(slide, deck.words))}]({md_link(picture_name(slide.number))})",
            "",
            "<!--",
            notes,
            "-->",
            "",
        ]
    return "\n".join(lines)


def _yaml_string(text: str) -> str:
    import json

    return json.dumps(" ".join(text.split()), ensure_ascii=False)
