"""A deck as Markdown for Marp, and for pandoc (reveal.js, Beamer): one slide per `---`.

The pictures are the deck's SVG files beside it; speaker notes are HTML comments, which
Marp shows as presenter notes and pandoc leaves out of the slides.
"""

from __future__ import annotations

from .slides import Deck, alt_text, notes_for


def deck_markdown(deck: Deck, picture_name: str) -> str:
    """`picture_name` is a format string taking the slide number (e.g. `x-slide{:02d}.svg`)."""
    lines = [
        "---",
        f"title: {_yaml_string(deck.title)}",
        "marp: true",
        "paginate: true",
        f"size: {deck.aspect}",
    ]
    if deck.subtitle:
        lines.append(f"subtitle: {_yaml_string(deck.subtitle)}")
    lines += ["---", "", f"# {_inline(deck.title)}", ""]
    if deck.subtitle:
        lines += [_inline(deck.subtitle), ""]
    for slide in deck.slides:
        notes = notes_for(slide).replace("--", "\u2013")  # `--` would end the comment
        lines += [
            "---",
            "",
            f"## {_inline(slide.title)}",
            "",
            f"![{_inline(alt_text(slide))}]({picture_name.format(slide.number)})",
            "",
            "<!--",
            notes,
            "-->",
            "",
        ]
    return "\n".join(lines)


def _inline(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links or headings by accident."""
    escaped = " ".join(text.split())
    for char in "\\`*_[]<>#|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def _yaml_string(text: str) -> str:
    import json

    return json.dumps(" ".join(text.split()), ensure_ascii=False)
