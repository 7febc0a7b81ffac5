"""A slide's shape and title, and a deck's options: what the planner, the drawing and every
deck format (HTML, PowerPoint) share."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ..choices import SLIDES
from ..draw import RenderOptions

MARGIN_PT = 24.0
TITLE_BAND_PT = 64.0
# A slide tool fills the picture box; past this a map of three claims would look shouted.
MAX_SCALE = 1.6


def content_box(aspect: str) -> tuple[float, float]:
    """Where a slide's picture goes: below the title band, inside the margins."""
    width, height = SLIDES[aspect]
    return width - 2 * MARGIN_PT, height - TITLE_BAND_PT - 2 * MARGIN_PT


def _slide_pictures(**options: Any) -> RenderOptions:
    return RenderOptions.of(slide="none", **options)  # fitted by the planner, not by render


@dataclass(frozen=True)
class DeckOptions:
    """How a deck is made: the slides' shape and smallest text, whether they step and
    show an evaluation, and how each picture is drawn and written (`picture`: the theme,
    engine, timeout and scale, as `argmap render` takes them)."""

    aspect: str = "16:9"
    min_pt: float = 18.0
    picture: RenderOptions = field(default_factory=_slide_pictures)
    png: bool = False
    steps: bool = False
    evaluate: bool = False

    @classmethod
    def of(cls, **options: Any) -> DeckOptions:
        """Options from flat keywords, as the command line gives them: the deck's own, and
        the rest for its pictures (theme, engine, timeout, scale)."""
        own = {f.name for f in fields(cls)}
        picture = _slide_pictures(**{k: v for k, v in options.items() if k not in own})
        return cls(**{k: v for k, v in options.items() if k in own}, picture=picture)

    @property
    def theme(self) -> str:
        return self.picture.drawing.theme


# A title longer than this would run over the title band at 28 pt on a 4:3 slide.
TITLE_CHARACTERS = 56


def slide_title(title: str, numbering: str = "") -> str:
    """The title on one line of at most TITLE_CHARACTERS, cut at a word, never inside one;
    a numbering such as "(2 of 3)" is kept whole at its end."""
    tail = f" {numbering}" if numbering else ""
    flat = " ".join(title.split())
    if len(flat) + len(tail) <= TITLE_CHARACTERS:
        return flat + tail
    room = TITLE_CHARACTERS - len(tail) - 2
    cut = flat[: room + 1].rsplit(" ", 1)[0] if " " in flat[:room] else flat[:room]
    return cut.rstrip(" ,;:\u2013-") + " …" + tail
