"""Text that Markdown readers show as written: the one escaper of the outline and the deck."""

from __future__ import annotations

import re
from urllib.parse import quote

# What CommonMark (and pandoc's and GFM's extensions: tables, strike-through, sub- and
# superscript, TeX math) may read as markup inside a line; a backslash before ASCII
# punctuation is always a literal.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|&~^$])")
# What starts a block at the beginning of a line: a list item (`-`, `+`, `1.`, `1)`), a
# setext heading's rule (`=`); `>` and `#` are escaped wherever they stand.
_BLOCK_START = re.compile(r"^(?:(\d{1,9})([.)])|([-+=]))")


def md_text(text: str) -> str:
    """One line of plain text: white space folded (no line of it can become a heading or a
    list item), every character that could start markup escaped (`&lt;` stays `&lt;`)."""
    escaped = _MARKUP.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    number, closer, marker = match.groups()
    return f"{number}\\{closer}" if number else f"\\{marker}"


def md_link(name: str) -> str:
    """A file name as a link's destination: spaces, brackets and `%` percent-encoded."""
    return quote(name)
