"""Balanced line wrapping, so boxes are compact and no word is wider than its box.

Widths are in columns: a Chinese, Japanese or Korean character or an emoji takes two,
a combining mark none, as terminals count them; Latin text is one column a character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=65_536)
def wrap(text: str, width: int) -> tuple[str, ...]:
    """The fewest lines of at most `width` columns, then the most even of those.

    Cached: a re-render after a save (`watch`, `serve`) wraps the same texts again, and
    wrapping was half of building the DOT for a large map.
    """
    return tuple(_balanced(text, width, len if text.isascii() else columns))


def columns(text: str) -> int:
    """How many columns the text takes."""
    total = 0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            total += 2
        elif not unicodedata.combining(char):
            total += 1
    return total


def _balanced(text: str, width: int, size: Callable[[str], int]) -> list[str]:
    words = text.split()
    if not words:
        return [""]
    sizes = [size(word) for word in words]
    longest = max(sizes)
    if longest > width:  # words are cut: the general path
        return _balanced_cutting(words, width, size)
    ends, lengths = _breaks(sizes, width)
    if len(ends) == 1:
        return [" ".join(words)]
    best, best_key = ends, (len(ends), max(lengths) - min(lengths))
    # No width below this fits the text into as few lines: stop trying there.
    total = sum(sizes) + len(words) - 1
    floor = max(width // 2, -(-(total - len(ends) + 1) // len(ends)), longest)
    # Line ends and lengths only, on the words' sizes: a large map wraps thousands of
    # texts, and building the lines' strings at every width was most of it. First fit
    # gives the same lines at every width from its longest line up, so only narrower
    # widths than that are tried.
    narrower = max(lengths) - 1
    while narrower >= max(1, floor):
        candidate, lengths = _breaks(sizes, narrower)
        if len(candidate) > len(ends):
            break
        key = (len(candidate), max(lengths) - min(lengths))
        if key < best_key:
            best, best_key = candidate, key
        narrower = min(narrower, max(lengths)) - 1
    starts = [0, *best[:-1]]
    return [" ".join(words[start:end]) for start, end in zip(starts, best, strict=True)]


def _breaks(sizes: list[int], width: int) -> tuple[list[int], list[int]]:
    """First fit of words no wider than `width`: where each line ends, and its length."""
    ends: list[int] = []
    lengths: list[int] = []
    current = -1  # the length of the line so far; -1 before its first word
    for index, word in enumerate(sizes):
        if current < 0:
            current = word
        elif current + 1 + word <= width:
            current += 1 + word
        else:
            ends.append(index)
            lengths.append(current)
            current = word
    ends.append(len(sizes))
    lengths.append(current)
    return ends, lengths


def _balanced_cutting(words: list[str], width: int, size: Callable[[str], int]) -> list[str]:
    """Balancing when some word is wider than the line and is cut into pieces."""
    lines = _greedy(words, width, size)
    if len(lines) == 1:
        return lines
    best, best_key = lines, (len(lines), _raggedness(lines, size))
    total = sum(size(word) for word in words) + len(words) - 1
    # A word cut anyway sets no floor.
    floor = max(width // 2, -(-(total - len(lines) + 1) // len(lines)))
    for narrower in range(width - 1, max(1, floor) - 1, -1):
        candidate = _greedy(words, narrower, size)
        if len(candidate) > len(lines):
            break
        key = (len(candidate), _raggedness(candidate, size))
        if key < best_key:
            best, best_key = candidate, key
    return best


def _greedy(words: list[str], width: int, size: Callable[[str], int]) -> list[str]:
    """First fit; a word longer than the line is cut into line-sized pieces (Chinese and
    Japanese, written without spaces, are cut between any two characters)."""
    lines: list[str] = []
    current = ""
    for word in words:
        while size(word) > width:
            if current:
                lines.append(current)
                current = ""
            cut = _fitting(word, width, size)
            lines.append(word[:cut])
            word = word[cut:]
        if not current:
            current = word
        elif size(current) + 1 + size(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _fitting(word: str, width: int, size: Callable[[str], int]) -> int:
    """How many characters of the word fit in `width` columns (at least one)."""
    if size is len:
        return max(1, width)
    taken = 0
    for index, char in enumerate(word):
        taken += size(char)
        if taken > width:
            return max(1, index)
    return len(word)


def _raggedness(lines: list[str], size: Callable[[str], int]) -> int:
    lengths = [size(line) for line in lines]
    return max(lengths) - min(lengths)
