"""What an editor asks of a map as it is typed: located diagnostics, hover (completion in
completion.py), ids' definitions and references, renames, the outline and quick fixes.

Plain data in and out, positions 0-based (line, character) as the Language Server
Protocol counts them; the server (present/lsp.py) only translates. Everything is read
from the buffer's text, checked as if saved at its path, so a source text next to it is
found as `check` finds it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Issue
from ..format import ID_PATTERN, Checked, ClaimNode, MapTree, run_checks
from ..limits import DEFAULT_LIMITS, Limits
from ..words import first_words

Position = tuple[int, int]  # 0-based line, character
Range = tuple[Position, Position]
DOCS = "https://github.com/argmap/argmap/blob/main/docs/errors.md"


@dataclass(frozen=True)
class Diagnostic:
    range: Range
    severity: str  # error, warning, note
    code: str
    message: str
    hint: str

    @property
    def href(self) -> str:
        return f"{DOCS}#{self.code.lower()}" if self.code[:1] in "EW" else _rule_doc(self.code)


def _rule_doc(code: str) -> str:
    page = "lint" if code.startswith("L") else "compare" if code.startswith("C") else "errors"
    return f"https://github.com/argmap/argmap/blob/main/docs/{page}.md#{code.lower()}"


@dataclass
class Place:
    """A written scalar: an id where it is defined or named."""

    name: str
    range: Range
    definition: bool


@dataclass
class Analysis:
    path: Path
    text: str
    checked: Checked
    notes: list[Issue] = field(default_factory=list)
    noted: bool = False  # lint has been run (notes may come after a large map's errors)
    # The end of each node an issue starts at, by its start, 0-based.
    ends: dict[Position, Position] = field(default_factory=dict)
    root: yaml.Node | None = None
    # The claim tree, also of a map with errors its values could be set aside for (an
    # unknown key as it is typed): hover and the outline go on working.
    tree: MapTree | None = None

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @functools.cached_property
    def places(self) -> list[Place]:
        """The scalars that name ids: found when an editor first asks (not for diagnostics,
        which must be quick on a large map)."""
        return list(_places(self.root)) if self.root is not None else []


def analyse(
    text: str,
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    source_root: Path | None = None,
    *,
    with_notes: bool = True,
) -> Analysis:
    """Check the buffer as `check` and `lint` would, and index its YAML nodes; lint's notes
    may come later (`add_notes`), after a large map's errors are shown."""
    checked = run_checks(path, limits=limits, source_root=source_root, text=text)
    analysis = Analysis(path, text, checked)
    analysis.tree = checked.tree
    if checked.tree is None and checked.doc is not None:
        from ..format import build_tree
        from ..format.validate import validate

        validated = validate(checked.doc)
        model = validated.model or validated.repaired
        analysis.tree = build_tree(model) if model is not None else None
    if checked.doc is not None:
        try:
            analysis.root = checked.doc.root
        except yaml.YAMLError:
            analysis.root = None
    _find_ends(analysis, checked.issues)
    if with_notes:
        add_notes(analysis)
    return analysis


def add_notes(analysis: Analysis) -> None:
    """Lint's notes, for a map that checks clean."""
    checked = analysis.checked
    if analysis.noted:
        return
    analysis.noted = True
    if checked.ok and checked.model and checked.tree and checked.doc:
        from ..assess.lint import lint

        analysis.notes = lint(checked.model, checked.tree, checked.doc)
        _find_ends(analysis, analysis.notes)


def _find_ends(analysis: Analysis, issues: list[Issue]) -> None:
    wanted = {(i.line - 1, i.col - 1) for i in issues} - set(analysis.ends)
    if analysis.root is not None and wanted:
        analysis.ends.update(_ends(analysis.root, wanted))


def _start(node: yaml.Node) -> Position:
    return (node.start_mark.line, node.start_mark.column)


def _end(node: yaml.Node) -> Position:
    return (node.end_mark.line, node.end_mark.column)


_ID_KEYS = {"supports", "opposes", "undercuts", "root", "group"}


def _ends(root: yaml.Node, wanted: set[Position]) -> dict[Position, Position]:
    """Where each node that starts at a wanted position ends (its key's, for a key)."""
    found: dict[Position, Position] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        mark = node.start_mark
        if (mark.line, mark.column) in wanted and (mark.line, mark.column) not in found:
            found[(mark.line, mark.column)] = _end(node)
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                stack.append(value)
                stack.append(key_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found


def _places(root: yaml.Node) -> Iterator[Place]:
    stack: list[tuple[yaml.Node, str | None, str | None]] = [(root, None, None)]
    while stack:
        here, name, parent = stack.pop()
        if isinstance(here, yaml.MappingNode):
            for key_node, value in here.value:
                child = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
                stack.append((value, child, name))
        elif isinstance(here, yaml.SequenceNode):
            stack.extend((item, name, parent) for item in here.value)
        elif isinstance(here, yaml.ScalarNode) and isinstance(here.value, str):
            where = (_start(here), _end(here))
            if name == "id" and parent != "groups":
                yield Place(here.value, where, True)
            elif name in _ID_KEYS and here.value:
                yield Place(here.value, where, False)


def diagnostics(analysis: Analysis) -> list[Diagnostic]:
    """Every issue `check` and `lint` report, each over the node it is about."""
    found = []
    for issue in [*analysis.checked.issues, *analysis.notes]:
        found.append(
            Diagnostic(
                _issue_range(analysis, issue),
                issue.severity,
                issue.code,
                issue.message,
                issue.hint,
            )
        )
    return found


def _issue_range(analysis: Analysis, issue: Issue) -> Range:
    lines = analysis.lines
    if issue.line <= 0:
        return ((0, 0), (0, len(lines[0]) if lines else 0))
    start = (issue.line - 1, max(0, issue.col - 1))
    end = analysis.ends.get(start)
    if end is None or end <= start:
        line = lines[start[0]] if start[0] < len(lines) else ""
        end = (start[0], max(len(line.rstrip()), start[1] + 1))
    return start, end


def _within(position: Position, where: Range) -> bool:
    return where[0] <= position <= where[1]


def place_at(analysis: Analysis, position: Position) -> Place | None:
    return next((p for p in analysis.places if _within(position, p.range)), None)


def definition(analysis: Analysis, name: str) -> Place | None:
    return next((p for p in analysis.places if p.definition and p.name == name), None)


def references(analysis: Analysis, name: str, include_definition: bool = True) -> list[Place]:
    return [
        p for p in analysis.places if p.name == name and (include_definition or not p.definition)
    ]


class RenameError(ValueError):
    """A rename the map cannot take: said to the editor, nothing changed."""


def rename(analysis: Analysis, position: Position, new_name: str) -> list[tuple[Range, str]]:
    """Every place the id under the cursor is written, renamed; refused when the new name
    is not an id or is one already."""
    place = place_at(analysis, position)
    if place is None:
        raise RenameError("no id here to rename")
    if not re.match(ID_PATTERN, new_name):
        raise RenameError(f"`{new_name}` is not an id: a letter, then letters, digits, `_` or `-`")
    if new_name != place.name and any(p.definition and p.name == new_name for p in analysis.places):
        raise RenameError(f"the id `{new_name}` is in use already")
    return [(p.range, new_name) for p in references(analysis, place.name)]


def _claim_spans(analysis: Analysis) -> Iterator[tuple[ClaimNode, Range]]:
    tree = analysis.tree
    if tree is None or analysis.root is None:
        return
    for node in tree.claims:
        mapping = _node_at(analysis.root, node.path)
        if mapping is not None:
            yield node, (_start(mapping), _end(mapping))


def _node_at(root: yaml.Node, path: tuple[Any, ...]) -> yaml.Node | None:
    node: yaml.Node | None = root
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next(
                (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part),
                None,
            )
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
        if node is None:
            return None
    return node


def claim_at(analysis: Analysis, position: Position) -> ClaimNode | None:
    """The innermost claim whose mapping holds the position."""
    best: tuple[ClaimNode, Range] | None = None
    for node, where in _claim_spans(analysis):
        if _within(position, where) and (best is None or where[0] >= best[1][0]):
            best = (node, where)
    return best[0] if best else None


def _name(node: ClaimNode) -> str:
    return node.claim.label or first_words(node.claim.text, 8)


def hover(analysis: Analysis, position: Position) -> str | None:
    """Markdown: the claim an id names; a quote's passage in its context; a claim's role,
    side, path to the thesis and status."""
    tree = analysis.tree
    place = place_at(analysis, position)
    if place is not None and tree is not None:
        named = next((n for n in tree.claims if n.claim.id == place.name), None)
        if named is not None:
            return f"**{place.name}**: {named.claim.text}"
        link = next((link for link in tree.links if link.explicit_id == place.name), None)
        if link is not None:
            return f"**{place.name}**: " + " + ".join(p.claim.text for p in link.premises)
        return None
    node = claim_at(analysis, position)
    if node is None:
        return None
    line = analysis.lines[position[0]] if position[0] < len(analysis.lines) else ""
    on_quote = re.match(r"\s*quote:", line) or _in_value(analysis, node, "quote", position)
    if node.claim.quote and on_quote:
        passage = _passage(analysis, node.claim.quote or "")
        if passage:
            return passage
    return _about(analysis, node)


def _in_value(analysis: Analysis, node: ClaimNode, key: str, position: Position) -> bool:
    if analysis.root is None:
        return False
    value = _node_at(analysis.root, (*node.path, key))
    return value is not None and _within(position, (_start(value), _end(value)))


def _passage(analysis: Analysis, quote: str) -> str | None:
    """The quoted passage with the sentence before and the one after."""
    source = analysis.checked.source
    if source is None or not quote.strip():
        return None
    from ..format import split_quote

    parts = split_quote(quote)
    if not parts:
        return None
    text = source.normal
    start = text.find(parts[0])
    if start < 0:
        return None
    end = text.find(parts[-1], start) + len(parts[-1])
    before = _sentence_start(text, _sentence_start(text, start) - 1)
    after = _sentence_end(text, _sentence_end(text, end) + 1)
    return (
        f"{text[before:start].strip()} **{text[start:end].strip()}** {text[end:after].strip()}"
    ).strip()


_ENDS = ".!?"


def _sentence_start(text: str, at: int) -> int:
    at = max(0, at)
    while at > 0 and not (text[at - 1] in _ENDS and (at >= len(text) or text[at] == " ")):
        at -= 1
    return at


def _sentence_end(text: str, at: int) -> int:
    while at < len(text) and text[at] not in _ENDS:
        at += 1
    return min(len(text), at + 1)


def _about(analysis: Analysis, node: ClaimNode) -> str:
    from ..assess import evaluate_graph, graph_of

    tree = analysis.tree
    assert tree is not None
    chain = []
    here: ClaimNode | None = node
    while here is not None and here.link is not None:
        target = here.link.target
        while not isinstance(target, ClaimNode):
            target = target.target
        chain.append(target)
        here = target
    role = "the thesis" if node.role == "thesis" else f"{node.role} ({node.side} the thesis)"
    status = evaluate_graph(graph_of(tree)).claims.get(node.key, "open")
    path = " → ".join(_name(n) for n in [node, *chain])
    return f"**{_name(node)}**: {role}, evaluated **{status}**\n\n{path}"


# Keys valid where the cursor is, by the key of the list or mapping it is in.
@dataclass(frozen=True)
class Symbol:
    name: str
    detail: str
    range: Range
    selection: Range
    children: list[Symbol]


def symbols(analysis: Analysis) -> list[Symbol]:
    """The claim tree, as an editor's outline: each claim under the claim it bears on."""
    tree = analysis.tree
    if tree is None or analysis.root is None:
        return []
    spans = dict(_claim_spans(analysis))
    made: dict[str, Symbol] = {}
    top: list[Symbol] = []
    for node in tree.claims:  # written order: what a claim bears on comes first
        where = spans.get(node)
        if where is None:
            continue
        text_node = _node_at(analysis.root, (*node.path, "text"))
        selection = (_start(text_node), _end(text_node)) if text_node else where
        symbol = Symbol(_name(node), node.role, where, selection, [])
        made[node.key] = symbol
        parent = None
        if node.link is not None:
            target = node.link.target
            while not isinstance(target, ClaimNode):
                target = target.target
            parent = made.get(target.key)
        (parent.children if parent else top).append(symbol)
    return top


@dataclass(frozen=True)
class Fix:
    title: str
    edits: list[tuple[Range, str]]


_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`")
_CLOSEST = re.compile(r'closest passage: "(.*)"$')


def fixes(analysis: Analysis, diagnostic: Diagnostic) -> list[Fix]:
    """Quick fixes from the hints argmap already gives."""
    lines = analysis.text.split("\n")
    start, end = diagnostic.range
    found = []
    meant = _DID_YOU_MEAN.search(diagnostic.hint) or _DID_YOU_MEAN.search(diagnostic.message)
    if meant:
        line = lines[start[0]] if start[0] < len(lines) else ""
        word = re.match(r"[\w-]+", line[start[1] :])
        if word:
            where = (start, (start[0], start[1] + len(word.group())))
            found.append(Fix(f"Change to `{meant.group(1)}`", [(where, meant.group(1))]))
    closest = _CLOSEST.search(diagnostic.hint)
    if closest:
        found.append(
            Fix(
                "Quote the closest passage of the text",
                [((start, end), json.dumps(closest.group(1), ensure_ascii=False))],
            )
        )
    if "begin each item with `- `" in diagnostic.hint:
        edits = [(((start[0], start[1]), (start[0], start[1])), "- ")]
        for number in range(start[0] + 1, min(end[0] + 1, len(lines))):
            if lines[number].strip() and (number < end[0] or end[1] > 0):
                edits.append((((number, 0), (number, 0)), "  "))
        found.append(Fix("Make it a list item (`- `)", edits))
    if "must be quoted" in diagnostic.hint:
        line = lines[start[0]] if start[0] < len(lines) else ""
        match = re.match(r"^(\s*(?:-\s+)?[A-Za-z_]+:\s+)(.+?)\s*$", line)
        if match and not match.group(2).startswith(("'", '"')):
            where = (
                (start[0], len(match.group(1))),
                (start[0], len(match.group(1)) + len(match.group(2))),
            )
            found.append(
                Fix("Quote the value", [(where, json.dumps(match.group(2), ensure_ascii=False))])
            )
    return found
