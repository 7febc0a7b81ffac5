"""Balanced line wrapping, so boxes are compact and no word is wider than its box."""

from __future__ import annotations

import textwrap


def wrap(text: str, width: int) -> list[str]:
    """The fewest lines of at most `width` characters, then the most even of those."""
    words = " ".join(text.split())
    if not words:
        return [""]
    lines = _wrap(words, width)
    if len(lines) == 1:
        return lines
    low, high = max(1, width // 2), width
    while low < high:  # the narrowest width that still needs no more lines
        middle = (low + high) // 2
        if len(_wrap(words, middle)) <= len(lines):
            high = middle
        else:
            low = middle + 1
    best = min((_wrap(words, w) for w in range(low, width + 1)),
               key=lambda found: (len(found), _raggedness(found)))
    return best


def _raggedness(lines: list[str]) -> int:
    lengths = [len(line) for line in lines]
    return max(lengths) - min(lengths)


def _wrap(words: str, width: int) -> list[str]:
    return textwrap.wrap(words, width, break_long_words=True, break_on_hyphens=True)
