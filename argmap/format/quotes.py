"""Finding a quote in its source text, forgiving only typography, never wording."""

from __future__ import annotations

import re

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\[\.\.\.\])\s*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def normalise(text: str) -> str:
    """Same wording, same quote marks, dashes and spacing."""
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def split_quote(quote: str) -> list[str]:
    """The parts of a quote between its `...` (or `…`, `[...]`), normalised, none empty."""
    return [part for part in _ELLIPSIS.split(normalise(quote).strip("\"' ")) if part]


class SourceText:
    """A source prepared once, so that many quotes are checked cheaply."""

    def __init__(self, text: str):
        self.text = text
        self.normal = normalise(text)
        self._sentences: list[str] | None = None
        self._folded: str | None = None

    def contains(self, quote: str) -> bool:
        """True when every part of the quote, split at `...`, occurs in order."""
        position = 0
        for part in split_quote(quote):
            found = self.normal.find(part, position)
            if found < 0:
                return False
            position = found + len(part)
        return True

    def occurrences(self, part: str, most: int = 2) -> int:
        """How often a normalised part occurs as whole words, in any case (up to `most`)."""
        if self._folded is None:
            self._folded = self.normal.casefold()
        # A part's edge counts as a word's edge only where it is a letter or digit.
        head = r"(?<!\w)" if part[:1].isalnum() else ""
        tail = r"(?!\w)" if part[-1:].isalnum() else ""
        pattern = re.compile(head + re.escape(part.casefold()) + tail)
        count = 0
        for _ in pattern.finditer(self._folded):
            count += 1
            if count >= most:
                break
        return count

    def closest(self, quote: str) -> str | None:
        """The sentence most like the quote, to suggest when it is not found."""
        import difflib  # only when something is wrong: keeps start-up short

        if self._sentences is None:
            self._sentences = [s for s in _SENTENCE.split(self.normal) if s]
        wanted = normalise(quote)
        best, best_score = None, 0.0
        for sentence in self._sentences:
            matcher = difflib.SequenceMatcher(None, wanted, sentence, autojunk=False)
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
            if score > best_score:
                best, best_score = sentence, score
        return best if best_score >= 0.4 else None
