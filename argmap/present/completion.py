"""Completion as a map is typed: the keys allowed where the cursor is, ids where a claim
is named, the values a field takes, and passages of the source text for `quote:`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..format import normalise
from ..words import first_words
from .editing import Analysis, Position


def _fields(name: str) -> list[str]:
    from ..format import model

    cls = getattr(model, name)
    return [info.alias or key for key, info in cls.model_fields.items()]


_CONTAINERS = {
    None: "ArgumentMap",
    "thesis": "Claim",
    "premises": "Claim",
    "source": "Source",
    "basis": "Basis",
    "style": "Style",
    "groups": "Group",
    "lint": "Lint",
}
_LISTS = ("reasons", "objections", "rebuttals", "undercutters")


def _ancestors(lines: list[str], line: int, indent: int) -> list[str]:
    """The keys of the mappings and lists around a line, innermost first."""
    keys = []
    for number in range(line - 1, -1, -1):
        text = lines[number]
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        own = len(text) - len(stripped)
        if stripped.startswith("- "):
            own += 2
            stripped = stripped[2:]
        match = re.match(r"([A-Za-z_]+):", stripped)
        if own < indent and match:
            keys.append(match.group(1))
            indent = own
        elif own < indent:
            indent = own
        if indent == 0:
            break
    return keys


def _keys_for(ancestors: list[str]) -> list[str]:
    if not ancestors:
        return _fields("ArgumentMap")
    first = ancestors[0]
    if first in _LISTS:
        return sorted(set(_fields("Claim")) | set(_fields("Argument")))
    if len(ancestors) > 1 and ancestors[1] == "views":
        return _fields("View")
    if first == "colors":
        from ..format import COLOR_KEYS

        return list(COLOR_KEYS)
    if first == "words":
        from ..words import WORD_NAMES

        return list(WORD_NAMES)
    name = _CONTAINERS.get(first)
    return _fields(name) if name else []


@dataclass(frozen=True)
class Completion:
    label: str
    insert: str
    kind: str  # key, id, value, quote
    detail: str = ""


def complete(analysis: Analysis, position: Position) -> list[Completion]:
    """Keys, ids, enumerated values or quotes, from what the cursor's line holds."""
    lines = analysis.text.split("\n")
    if position[0] >= len(lines):
        return []
    before = lines[position[0]][: position[1]]
    value = re.match(r"^(\s*(?:-\s+)?)([A-Za-z_]+):\s*(.*)$", before)
    if value:
        indent = len(value.group(1))
        return _values(analysis, lines, position[0], indent, value.group(2), value.group(3))
    item = re.match(r"^(\s*)-\s*([\w-]*)$", before)
    if item:
        parent = _ancestors(lines, position[0], len(item.group(1)) + 1)
        if parent and parent[0] in ("supports", "opposes"):
            return _ids(analysis, item.group(2))
        if parent and parent[0] == "undercuts":
            return _ids(analysis, item.group(2), steps=True)
    key = re.match(r"^(\s*(?:-\s+)?)([A-Za-z_]*)$", before)
    if key:
        ancestors = _ancestors(lines, position[0], len(key.group(1)))
        typed = key.group(2)
        return [
            Completion(name, f"{name}: ", "key")
            for name in _keys_for(ancestors)
            if name.startswith(typed)
        ]
    return []


def _values(
    analysis: Analysis, lines: list[str], line: int, indent: int, key: str, typed: str
) -> list[Completion]:
    from ..words import BASIS_KINDS

    if key in ("supports", "opposes"):
        return _ids(analysis, typed.lstrip("[ ").split(",")[-1].strip())
    if key == "undercuts":
        return _ids(analysis, typed.lstrip("[ ").split(",")[-1].strip(), steps=True)
    if key == "root":
        return _ids(analysis, typed, arguments=True)
    if key == "group":
        model = analysis.checked.model
        groups = [g.id for g in model.groups] if model else _group_ids(analysis.text)
        return [Completion(g, g, "id") for g in groups if g.startswith(typed)]
    if key == "kind":
        parent = _ancestors(lines, line, indent)
        choices = BASIS_KINDS if parent and parent[0] == "basis" else ("reason", "example")
        return [Completion(c, c, "value") for c in choices if c.startswith(typed)]
    if key == "mark":
        return [Completion(c, c, "value") for c in ("accepted", "rejected", "open")]
    if key == "implicit":
        return [Completion(c, c, "value") for c in ("true", "false")]
    if key == "quote":
        return _quotes(analysis, typed, indent)
    return []


def _group_ids(text: str) -> list[str]:
    return re.findall(r"^\s*-\s*id:\s*([\w-]+)", text.split("thesis:")[0], flags=re.M)


def _ids(
    analysis: Analysis, typed: str, arguments: bool = False, steps: bool = False
) -> list[Completion]:
    """Claim ids; with `arguments`, reasons' too; with `steps`, only what `undercuts:`
    can name."""
    tree = analysis.tree
    found: dict[str, str] = {}
    if tree is not None and steps:
        for name, link in tree.steps().items():
            found[name] = link.label or " + ".join(p.claim.text for p in link.premises)
    elif tree is not None:
        for node in tree.claims:
            if node.claim.id:
                found[node.claim.id] = node.claim.text
        if arguments:
            for link in tree.links:
                if link.explicit_id:
                    found[link.explicit_id] = link.label or ""
    else:  # the buffer does not parse as it is typed: the ids written below `thesis:`
        claims = analysis.text.split("\nthesis:", 1)[-1]
        for name in re.findall(r"^\s*(?:-\s+)?id:\s*([A-Za-z][\w-]*)", claims, flags=re.M):
            found.setdefault(name, "")
    return [
        Completion(name, name, "id", first_words(text, 10))
        for name, text in sorted(found.items())
        if name.startswith(typed)
    ]


_CLAUSE_END = re.compile(r"[.!?](?=\s|$)")


def _quotes(analysis: Analysis, typed: str, indent: int) -> list[Completion]:
    """Passages of the source text that begin with the words typed: each to the end of
    its sentence, exactly as the text has them, folded when longer than a line."""
    source = analysis.checked.source or _source_of(analysis)
    words = normalise(typed.strip("\"'>|- ")).casefold()
    if source is None or len(words) < 3:
        return []
    text = source.normal
    folded = text.casefold()
    found: dict[str, None] = {}
    start = folded.find(words)
    while start >= 0 and len(found) < 10:
        end = _CLAUSE_END.search(text, start + len(words))
        passage = text[start : end.end() if end else len(text)]
        found.setdefault(passage, None)
        start = folded.find(words, start + 1)
    return [
        Completion(first_words(p, 12), _yaml_text(p, indent), "quote", "from the source text")
        for p in found
    ]


def _source_of(analysis: Analysis) -> Any:
    """The source text of a map that does not check yet (being typed)."""
    match = re.search(r"^\s+text:\s*(\S+\.(?:txt|md))\s*$", analysis.text, flags=re.M)
    if not match:
        return None
    from ..format import SourceText

    path = analysis.path.parent / match.group(1)
    try:
        return SourceText(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _yaml_text(passage: str, indent: int) -> str:
    """The passage as the value after `quote: `: plain if it fits a line and YAML reads it
    back unchanged, else a folded block at the claim's indentation."""
    if len(passage) + indent + 7 <= 92:
        try:
            if yaml.safe_load(f"q: {passage}") == {"q": passage}:
                return passage
        except yaml.YAMLError:
            pass
        if len(passage) + indent + 9 <= 92:
            return json.dumps(passage, ensure_ascii=False)
    import textwrap

    pad = " " * (indent + 2)
    wrapped = textwrap.wrap(passage, width=max(30, 88 - len(pad)))
    return ">-\n" + "\n".join(pad + line for line in wrapped)
