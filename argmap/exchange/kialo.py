"""Kialo's text export read into the exchange graph (docs/interop.md).

The export is a `Discussion Title:` line, then every claim numbered by its place in the
tree: `1.` a thesis, `1.1. Pro: …` and `1.1.2. Con: …` below it, at any depth. A claim's
text may run over several lines; `-> See 1.2.2.` stands for a claim used again there;
brackets and other Markdown characters come backslash-escaped, and links as Markdown.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import ArgmapError, Issue
from .neutral import ExchangeGraph, Inference, InferenceKind, Statement

HEADER = "Discussion Title:"
_CLAIM = re.compile(r"^((?:\d+\.)+)(?!\d)\s*(?:(Pro|Con|Thesis)\s*:\s*)?(.*)$")
_LOOKS_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s")
_SEE = re.compile(r"^->\s*See\s+((?:\d+\.)*\d+)\.?\s*$", re.I)
_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def is_kialo(text: str) -> bool:
    return text.lstrip("\ufeff \n").startswith(HEADER)


def read_kialo(text: str, file: str = "<kialo>") -> ExchangeGraph:
    """Every claim of the file, each Pro and Con an inference on the claim above it."""
    graph = ExchangeGraph(file)
    lines = text.splitlines()
    first = _header(lines, file)
    graph.meta = {"title": lines[first].split(":", 1)[1].strip()}
    graph.meta_line = first + 1
    reader = _Claims(graph)
    reader.read(_entries(lines, first, file, reader.errors))
    reader.link_references()
    if reader.errors:
        raise ArgmapError(reader.errors)
    return graph


class _Entry(NamedTuple):
    """A numbered claim as written: its number, stance, lines of text and first line."""

    numbering: str
    stance: str | None
    parts: list[str]
    row: int


def _header(lines: list[str], file: str) -> int:
    """The index of the `Discussion Title:` line, or the error that this is no export."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip("\ufeff ").startswith(HEADER):
        raise ArgmapError.at(
            file,
            (first or 0) + 1,
            1,
            "E501",
            "not a Kialo export: it does not begin with `Discussion Title:`",
            hint="export the discussion from Kialo as text (… → Export discussion), "
            "or name the format with --from",
        )
    return first


def _entries(lines: list[str], first: int, file: str, errors: list[Issue]) -> list[_Entry]:
    """The numbered claims after the header, each with the lines its text runs over."""
    entries: list[_Entry] = []
    for number, line in enumerate(lines[first + 1 :], start=first + 2):
        stripped = line.strip()
        match = _CLAIM.match(stripped)
        if match and stripped:
            entries.append(_Entry(match.group(1), match.group(2), [match.group(3)], number))
        elif _LOOKS_NUMBERED.match(stripped):
            errors.append(
                _error(
                    number,
                    f"a claim's number must end with a dot: `{stripped.split()[0]}.`",
                    "Kialo numbers claims 1., 1.1., 1.1.2., each part followed by a dot",
                    file,
                )
            )
        elif entries:
            entries[-1].parts.append(line)  # a text running over several lines
        elif stripped:
            errors.append(
                _error(
                    number,
                    "text before the first numbered claim",
                    "the thesis comes first, as `1. The thesis.`",
                    file,
                )
            )
    return entries


def _error(row: int, message: str, hint: str, file: str) -> Issue:
    return Issue(file, row, 1, "E501", message, hint=hint)


class _Claims:
    """The entries as statements and inferences, by their places (`1.2.`); a `-> See`
    line is linked to the claim it names once every claim is read."""

    def __init__(self, graph: ExchangeGraph):
        self.graph = graph
        self.errors: list[Issue] = []
        self.keys: dict[str, str] = {}  # place -> statement key ('' for a `-> See` line)
        self.seen: dict[str, int] = {}  # place -> its line
        self.references: list[tuple[str, str, str, int]] = []  # parent key, stance, see, row

    def fail(self, row: int, message: str, hint: str = "") -> None:
        self.errors.append(_error(row, message, hint, self.graph.file))

    def read(self, entries: list[_Entry]) -> None:
        for entry in entries:
            place = entry.numbering.rstrip(".")
            parent = place.rsplit(".", 1)[0] if "." in place else None
            if self._placed(entry, place, parent):
                self._claim(entry, place, parent)

    def _placed(self, entry: _Entry, place: str, parent: str | None) -> bool:
        """Whether the entry stands where a claim can: once, under a claim, with a stance."""
        if place in self.seen:
            self.fail(
                entry.row, f"claim {place}. appears twice", f"first on line {self.seen[place]}"
            )
        elif parent is not None and parent not in self.keys:
            self.fail(
                entry.row,
                f"claim {place}. has no claim {parent}. above it",
                "a claim's place is its parent's place and one more part",
            )
        elif parent is not None and entry.stance not in ("Pro", "Con"):
            self.fail(
                entry.row,
                f"claim {place}. says neither `Pro:` nor `Con:`",
                f"write `{place}. Pro: …` or `{place}. Con: …`",
            )
        else:
            self.seen[place] = entry.row
            return True
        return False

    def _claim(self, entry: _Entry, place: str, parent: str | None) -> None:
        body, row = "\n".join(entry.parts).strip(), entry.row
        see = _SEE.match(body)
        if see and parent is not None:
            self.references.append((self.keys[parent], entry.stance or "Pro", see.group(1), row))
            self.keys[place] = ""  # a reference: claims below it would belong to the original
            return
        if not body:
            self.fail(row, f"claim {place}. has no text")
            return
        text, links = _clean(body)
        key = f"k{place.replace('.', '-')}"
        data: dict[str, object] = {"note": "Sources: " + ", ".join(links)} if links else {}
        self.graph.statements[key] = Statement(key, text, data=data, line=row)
        self.keys[place] = key
        if parent is None:
            return
        if not self.keys[parent]:
            self.fail(
                row,
                f"claim {place}. is under a `-> See` line, which stands for a claim drawn "
                "elsewhere",
                "put it under the claim the line points at",
            )
            return
        kind: InferenceKind = "support" if entry.stance == "Pro" else "attack"
        self.graph.inferences.append(
            Inference(f"i{place}", kind, [key], self.keys[parent], line=row)
        )

    def link_references(self) -> None:
        """Each `-> See N.`: the claim drawn where it was written first, and linked from
        there to the claim above the line (a cross-link)."""
        for parent_key, stance, target, row in self.references:
            original = self.keys.get(target)
            if not original:
                self.fail(
                    row,
                    f"`-> See {target}.` names no claim",
                    "the number of a claim of this discussion",
                )
                continue
            kind: InferenceKind = "support" if stance == "Pro" else "attack"
            self.graph.inferences.append(
                Inference(f"see{row}", kind, [original], parent_key, line=row, crosslink=True)
            )


def _clean(body: str) -> tuple[str, list[str]]:
    """The claim's text as a reader sees it, and the links it held."""
    links = [url for _, url in _LINK.findall(body)]
    text = _LINK.sub(lambda m: m.group(1), body)
    text = _ESCAPED.sub(lambda m: m.group(1), text)
    return " ".join(text.split()), links
