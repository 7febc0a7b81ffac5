"""Every word argmap draws or writes for people, in each language it speaks (docs/languages.md).

One module per language (words/de.py: its DRAWN and PAGES words, read when a map needs
them), chosen by a map's `language:` (BCP 47: `de-CH` falls back to `de`; `zh-Hant` and
`zh-TW` are Traditional Chinese, other `zh` Simplified) and changed word by word by its
`style.words:`. Japanese and Korean connectors are forms that stand before the text
(なぜなら, 왜냐하면), so every language reads a box the same way: the word, then the claim.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

# What a basis may be (the map format's `basis.kind`), each with its word below.
BASIS_KINDS = (
    "quote",
    "statistic",
    "expert",
    "publication",
    "example",
    "common-knowledge",
    "definition",
    "law",
    "other",
)
# The words drawn in boxes and on lines, in the order of each language's DRAWN (words/de.py).
DRAWN_NAMES: tuple[str, ...] = (
    "because",
    "for_example",
    "but",
    "however",
    "against_the_step",
    "also_supports",
    "also_opposes",
    "more_one",
    "more_many",
    "see",
    "slide",
    "overview",
    "key",
    "stands",
    "falls",
    "contested",
    "open",
    "unstated",
    "against",
    "thesis",
    "note",
    "source",
    *BASIS_KINDS,
)

# Words of the legend, deck numbering and pages, in the order of each language's PAGES.
PAGE_NAMES: tuple[str, ...] = (
    "legend_reason",
    "legend_objection",
    "legend_rebuttal",
    "legend_step",
    "legend_double",
    "legend_crosslink",
    "legend_unstated",
    "basis",
    "legend_basis",
    "legend_stands",
    "legend_falls",
    "legend_contested",
    "legend_open",
    "key_title",
    "part",
    "argument_map",
    "argument_maps",
    "outline",
    "whole_map",
)
# The names a map's `style.words:` may change; `{n}`, `{i}` and `{where}` are filled in.
WORD_NAMES: tuple[str, ...] = (*DRAWN_NAMES, *PAGE_NAMES)
# The languages argmap speaks: each a module of this package (zh-Hans in zh_hans.py).
LANGUAGES: tuple[str, ...] = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "ru",
    "uk",
    "tr",
    "ar",
    "he",
    "hi",
    "ko",
    "ja",
    "zh-Hans",
    "zh-Hant",
)
# BCP 47's codes for several, undetermined or no language: English words, no warning.
_NO_LANGUAGE = frozenset({"mul", "und", "zxx", "mis"})
# Scripts read from the right: the connector word stands at a line's right end.
RIGHT_TO_LEFT = frozenset({"ar", "he"})


def table_for(language: str | None) -> str | None:
    """The table a BCP 47 tag names, or None when argmap has no words for it."""
    if not language:
        return "en"
    parts = language.replace("_", "-").split("-")
    base = parts[0].lower()
    if base in _NO_LANGUAGE:
        return "en"
    if base == "zh":
        rest = {part.lower() for part in parts[1:]}
        return "zh-Hant" if rest & {"hant", "tw", "hk", "mo"} else "zh-Hans"
    return base if base in LANGUAGES else None


def first_words(text: str, count: int) -> str:
    """The text's first `count` words, with " …" when there were more: a claim named in a
    title, a message or a completion."""
    parts = text.split()
    return " ".join(parts[:count]) + (" …" if len(parts) > count else "")


class Words:
    """The words of one language, with a map's own in front of them."""

    def __init__(self, language: str | None = None, overrides: Mapping[str, str] | None = None):
        self.language = table_for(language) or "en"
        table = import_module(f".{self.language.lower().replace('-', '_')}", __name__)
        self._words: dict[str, str] = dict(zip(DRAWN_NAMES, table.DRAWN, strict=True))
        self._words.update(zip(PAGE_NAMES, table.PAGES, strict=True))
        self._words.update(overrides or {})
        self.right_to_left = self.language in RIGHT_TO_LEFT

    def __getitem__(self, name: str) -> str:
        return self._words[name]

    def more(self, hidden: int, number: str | None = None) -> str:
        """ "+3 more claims": `number` is how the count is written (bold in a picture)."""
        template = self._words["more_one" if hidden == 1 else "more_many"]
        return template.replace("{n}", number if number is not None else f"+{hidden}")

    def see(self, where: str) -> str:
        return self._words["see"].replace("{where}", where)

    def slide(self, number: int) -> str:
        return self._words["slide"].replace("{n}", str(number))

    def part(self, index: int, count: int) -> str:
        """ "(2 of 3)": a slide's place among the slides one title is split over."""
        return self._words["part"].replace("{i}", str(index)).replace("{n}", str(count))

    def basis(self, kind: str) -> str:
        return self._words.get(kind, kind.replace("-", " ").capitalize())


ENGLISH = Words()
