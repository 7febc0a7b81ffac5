"""Argdown text as tokens: comments blanked out, then each line classified by its form.

A line is blank, a heading, an inference line, a premise-conclusion item, a relation, a
list item, or text; which element it opens or continues is the parser's business
(argdown_parse.py). Columns and line numbers are the file's, so errors point into it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import ArgmapError

HEADING = re.compile(r"(#{1,6})\s+(.*)")
PCS_ITEM = re.compile(r"\((\d+)\)\s*(.*)")
INFERENCE = re.compile(r"-{2,}\s*$")
_INFERENCE_ONE_LINE = re.compile(r"-{2,}\s*(\S.*?)\s*-{2,}\s*$")
_RELATION = re.compile(r"(<\+|\+>|<-|->|<_|_>|><|\+|-|_)(?:\s+|(?=[\[<]))(.*)")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)\s+(.*)")


class Line(NamedTuple):
    """One line of the file: its number, the column its text starts at, its indentation
    (tabs as four spaces) and its text without the indentation."""

    number: int
    col: int
    indent: int
    text: str


class Blank(NamedTuple):
    line: Line
    comment_only: bool  # held a comment only: it ends no paragraph


class Heading(NamedTuple):
    line: Line
    level: int
    title: str


class InferenceLine(NamedTuple):
    line: Line
    plain: bool  # dashes alone (`----`), which may open an inference rule's text


class PcsItem(NamedTuple):
    line: Line
    content: str
    content_col: int


class Relation(NamedTuple):
    line: Line
    symbol: str  # + - _ >< and their directed forms
    content: str
    content_col: int


class ListItem(NamedTuple):
    line: Line
    content: str
    content_col: int


class Text(NamedTuple):
    line: Line


Token = Blank | Heading | InferenceLine | PcsItem | Relation | ListItem | Text


def tokens(lines: list[str], comment_only: set[int]) -> list[Token]:
    """Each line as the token its form makes it, in order."""
    return [_token(number, raw, comment_only) for number, raw in enumerate(lines, start=1)]


def _token(number: int, raw: str, comment_only: set[int]) -> Token:
    expanded = raw.expandtabs(4)
    text = expanded.strip()
    indent = len(expanded) - len(expanded.lstrip())
    line = Line(number, indent + 1, indent, text)
    if not text:
        return Blank(line, number in comment_only)
    heading = HEADING.fullmatch(text)
    if heading and indent == 0:
        return Heading(line, len(heading.group(1)), heading.group(2))
    if INFERENCE.fullmatch(text):
        return InferenceLine(line, True)
    if _INFERENCE_ONE_LINE.fullmatch(text):
        return InferenceLine(line, False)
    item = PCS_ITEM.fullmatch(text)
    if item:
        return PcsItem(line, item.group(2), line.col + item.start(2))
    relation = _RELATION.fullmatch(text)
    if relation:
        return Relation(line, relation.group(1), relation.group(2), line.col + relation.start(2))
    listed = _LIST_ITEM.fullmatch(text)
    if listed:
        return ListItem(line, listed.group(1), line.col + listed.start(1))
    return Text(line)


def without_comments(lines: list[str], file: str) -> tuple[list[str], set[int]]:
    """`<!-- -->`, `/* */` and `//` comments become spaces, so columns and lines stay;
    and the numbers of the lines that held only a comment."""
    text = "\n".join(lines)
    out: list[str] = []
    index = 0
    line = 1
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\" and index + 1 < length:
            out.append(text[index : index + 2])
            index += 2
            continue
        closer = _comment_closer(text, index)
        if closer is None:
            if char == "\n":
                line += 1
            out.append(char)
            index += 1
            continue
        end = text.find(closer, index + 2)
        if end < 0:
            if closer != "\n":
                col = index - text.rfind("\n", 0, index)
                raise ArgmapError.at(
                    file, line, col, "E501", f"this comment is never closed by `{closer}`"
                )
            end = length
        stop = end if closer == "\n" else end + len(closer)
        skipped = text[index:stop]
        out.append("".join("\n" if c == "\n" else " " for c in skipped))
        line += skipped.count("\n")
        index = stop
    stripped = "".join(out).split("\n")
    comment_only = {
        number
        for number, (before, after) in enumerate(zip(lines, stripped, strict=True), 1)
        if before.strip() and not after.strip()
    }
    return stripped, comment_only


def _comment_closer(text: str, index: int) -> str | None:
    """What closes a comment opening at `index`, or None where none opens."""
    if text.startswith("<!--", index):
        return "-->"
    if text.startswith("/*", index):
        return "*/"
    if text.startswith("//", index) and (index == 0 or text[index - 1] in " \t\n"):
        return "\n"
    return None
