"""Balanced line wrapping, so boxes are compact and no word is wider than its box."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65_536)
def wrap(text: str, width: int) -> tuple[str, ...]:
    """The fewest lines of at most `width` characters, then the most even of those.

    Cached: a re-render after a save (`watch`, `serve`) wraps the same texts again, and
    wrapping was half of building the DOT for a large map.
    """
    return tuple(_balanced(text, width))


def _balanced(text: str, width: int) -> list[str]:
    words = text.split()
    if not words:
        return [""]
    lines = _greedy(words, width)
    if len(lines) == 1:
        return lines
    best, best_key = lines, (len(lines), _raggedness(lines))
    # No width below this fits the text into as few lines: stop trying there.
    total = sum(len(word) for word in words) + len(words) - 1
    floor = max(
        width // 2,
        -(-(total - len(lines) + 1) // len(lines)),
        min(width, max(len(word) for word in words)),
    )
    for narrower in range(width - 1, max(1, floor) - 1, -1):
        candidate = _greedy(words, narrower)
        if len(candidate) > len(lines):
            break
        key = (len(candidate), _raggedness(candidate))
        if key < best_key:
            best, best_key = candidate, key
    return best


def _greedy(words: list[str], width: int) -> list[str]:
    """First fit; a word longer than the line is cut into line-sized pieces."""
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _raggedness(lines: list[str]) -> int:
    lengths = [len(line) for line in lines]
    return max(lengths) - min(lengths)
