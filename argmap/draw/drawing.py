"""What a drawing is made with and what it gives: its options, the statements kept across
re-renders, and the DOT with what SVG post-processing needs."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..format import ArgumentMap, MapTree, to_text
from .themes import Theme
from .views import ViewSpec

# The margin around the drawing, on every side; Graphviz's plain output leaves it out.
PAD_PT = 18.0


class StatementCache:
    """Claims' node statements drawn before, by the drawing's settings, then by everything
    a statement is made from: a re-render after a save (`watch`, `serve`, which each keep
    one) writes again only the claims that changed. Bounded in all: 20,000 statements
    (some 20 MB) and 32 settings (fitting to a slide tries many widths); past either, it
    starts again empty."""

    def __init__(self, limit: int = 20_000, settings: int = 32):
        self.tables: dict[tuple[Theme, bool, bool], dict[tuple[object, ...], str]] = {}
        self.size = 0
        self.limit = limit
        self.settings = settings

    def table(self, settings: tuple[Theme, bool, bool]) -> dict[tuple[object, ...], str]:
        if len(self.tables) >= self.settings and settings not in self.tables:
            self.forget()
            self.tables.clear()
        return self.tables.setdefault(settings, {})

    def remember(
        self, table: dict[tuple[object, ...], str], signature: tuple[object, ...], statement: str
    ) -> None:
        if self.size >= self.limit:
            self.forget()
        table[signature] = statement
        self.size += 1

    def forget(self) -> None:
        for table in self.tables.values():  # emptied, not dropped: drawings hold them
            table.clear()
        self.size = 0


class DrawOptions(NamedTuple):
    """How to draw; `hidden` names elements laid out but not shown (stepwise reveal);
    `width` replaces the theme's characters per line (chosen to fit a slide)."""

    theme: str = "default"
    direction: str = "TB"
    legend: bool = False
    notes: bool = False
    hidden: frozenset[str] = frozenset()
    width: int | None = None
    view: ViewSpec | None = None
    # An evaluation to show (assess/evaluate.py): status by claim and link key, and
    # DF-QuAD strength by claim key when asked for.
    statuses: Mapping[str, str] | None = None
    strengths: Mapping[str, float] | None = None
    # A draft's claims with content errors (format/loader.draft_flags): key -> the words
    # of their marker; drawn with a red border and the class `error`.
    flagged: Mapping[str, str] | None = None
    # Claims drawn as ghosts: dashed, grey and unfilled, with the class `ghost` (the key
    # claims a student's map lacks, drawn where they belong by `argmap compare`).
    ghosts: frozenset[str] = frozenset()
    # Room for the arrows into captioned reason boxes (plan.room_below); fitting to a
    # slide goes without it where it alone would keep the text under 18 pt.
    room: bool = True
    # Boxes a little closer and their text a little nearer their borders: what fitting to
    # a slide tries last, where only that brings the text to 18 pt (fit.py).
    compact: bool = False
    # Statements kept across renders by whoever re-renders one map (watch, serve).
    statements: StatementCache | None = None


@dataclass
class Drawing:
    """DOT text plus what SVG post-processing needs to make it accessible."""

    dot: str
    title: str
    map: ArgumentMap = field(repr=False)
    tree: MapTree = field(repr=False)
    titles: dict[str, str] = field(default_factory=dict)
    theme: Theme | None = None
    # SVG element id -> the key that decides when it shows in a stepwise reveal.
    element_keys: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def description(self) -> str:
        """The map as an outline, for the SVG's <desc>: written only when asked for (while
        Graphviz lays the graph out), and not at all for PNG and PDF."""
        return to_text(self.map, self.tree)
