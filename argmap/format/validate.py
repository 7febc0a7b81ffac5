"""Pydantic's errors, translated into located issues that say how to fix them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Issue
from ..suggest import closest, did_you_mean
from .model import BASIS_KINDS, FIELD_MODELS, Argument, ArgumentMap, Claim
from .validator import map_validator
from .yamlsource import DataPath, LocatedDocument

_UNION_TAGS: dict[str, type[BaseModel]] = {"claim": Claim, "argument": Argument}
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing",
}


@dataclass
class Validated:
    """The model, or the issues that stop it from being built and, where the bad values
    could be set aside, a model without them, so later checks still run in the same pass."""

    model: ArgumentMap | None
    issues: list[Issue] = field(default_factory=list)
    repaired: ArgumentMap | None = None
    # Ids that were invalid and set aside: references to them are not reported again.
    dropped_ids: set[str] = field(default_factory=set)


def validate(doc: LocatedDocument) -> Validated:
    validator = map_validator()
    try:
        return Validated(validator.validate_python(doc.data))
    except ValidationError as exc:
        errors = exc.errors()
    result = Validated(None, _issues(doc, errors))
    data = copy.deepcopy(doc.data)
    for _ in range(_REPAIR_ROUNDS):
        if not all(_set_aside(data, error, result.dropped_ids) for error in errors):
            return result
        try:
            result.repaired = validator.validate_python(data)
            return result
        except ValidationError as exc:
            errors = exc.errors()
    return result


_REPAIR_ROUNDS = 5
# Required values that a placeholder can stand in for while the rest of the map is checked.
_PLACEHOLDERS: dict[str, Any] = {"text": "…", "title": "…", "label": "…"}


def _set_aside(data: Any, error: Any, dropped_ids: set[str]) -> bool:
    """Remove or stand in for the value an error is about; False when that is not safe.

    List items are never removed (the positions of later items would shift), only values
    under keys, and required ones are given a placeholder.
    """
    path, _ = _walk(data, error["loc"])
    if error["type"] == "colour":
        path = (*path, error["ctx"]["colour"])
    if not path or not isinstance(path[-1], str):
        return False
    *above, key = path
    parent = data
    for part in above:
        parent = parent[part]
    if not isinstance(parent, dict):
        return False
    if key in _PLACEHOLDERS:
        parent[key] = _PLACEHOLDERS[key]
    elif key in ("thesis", "premises", "kind") or error["type"] == "missing":
        if not above or not isinstance(above[-1], str) or above[-1] == "thesis":
            return False
        grandparent = data
        for part in above[:-1]:
            grandparent = grandparent[part]
        del grandparent[above[-1]]  # an optional mapping (basis, source, style) set aside
    else:
        if key == "id" and isinstance(parent.get(key), str):
            dropped_ids.add(parent[key])
        parent.pop(key, None)
    return True


def _issues(doc: LocatedDocument, errors: list[Any]) -> list[Issue]:
    issues: list[Issue] = []
    suggested: set[tuple[DataPath, str]] = set()
    for error in sorted(errors, key=lambda e: e["type"] != "extra_forbidden"):
        path, model = _walk(doc.data, error["loc"])
        issue = _translate(doc, error, path, model)
        if error["type"] == "extra_forbidden" and issue.hint.startswith("did you mean"):
            suggested.add((path[:-1], issue.hint.split("`")[1]))
        if error["type"] == "missing" and (path[:-1], str(path[-1])) in suggested:
            continue
        if error["type"] == "missing" and (path[:-1], "premises") in suggested:
            continue  # `premise:` for `premises:`: a reason of co-premises needs no text
        issues.append(issue)
    return sorted(issues, key=lambda i: (i.line, i.col))


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[DataPath, type[BaseModel]]:
    """Drop the union tags from Pydantic's loc and note which model the last mapping is."""
    path: list[str | int] = []
    model: type[BaseModel] = ArgumentMap
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            model = FIELD_MODELS.get(str(part), model)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif part in _UNION_TAGS:
            model = _UNION_TAGS[part]
        else:
            path.append(part)  # a missing or extra key
            break
    return tuple(path), model


def _translate(doc: LocatedDocument, error: Any, path: DataPath, model: type[BaseModel]) -> Issue:
    """Pydantic's error as a located issue in the map's own words, with a way to fix it."""
    kind = error["type"]
    value = error.get("input")
    where = ".".join(str(p) for p in path) or "top level"
    if kind == "extra_forbidden":
        return _unknown_key(doc, path, model, value)
    if kind == "colour":
        name = error["ctx"]["colour"]
        return doc.issue((*path, name), "E103", error["msg"], key=error["ctx"]["key"])
    if kind == "missing":
        field = str(path[-1])
        return doc.issue(
            path[:-1],
            "E102",
            f"missing required key `{field}` in {_name(model)}",
            hint=_missing_hint(field),
        )
    if kind in ("model_type", "dict_type") and path == ("thesis",) and isinstance(value, list):
        return doc.issue(
            path,
            "E103",
            f"a map has one thesis, and this one is a list of {len(value)}",
            hint="keep one claim under `thesis:` (no `- `); put the others under its "
            "`reasons:` or `objections:`, or give each thesis a map of its own",
        )
    if kind == "too_short" and path and path[-1] == "premises":
        return doc.issue(
            path,
            "E103",
            "a reason needs at least one premise",
            hint="add `- text: ...` under `premises:`",
        )
    said, hint = plain_words(error, path)
    if kind == "string_pattern_mismatch":
        return doc.issue(path, "E103", said, hint=hint)
    return doc.issue(path, "E103", f"{where}: {said}", hint=hint)


def plain_words(error: Any, path: DataPath) -> tuple[str, str]:
    """What is wrong with a value, in the map's own words, and how to fix it: for a map's
    errors and for argmap's fields carried in another format (exchange/fields.py)."""
    kind = error["type"]
    value = error.get("input")
    if kind in _EXPECTED:
        expected, hint_for = _EXPECTED[kind]
        return f"expected {expected}, found {_describe(value)}", hint_for(path, value)
    if kind == "string_pattern_mismatch":
        hint = "begin with a letter; then letters, digits, `_` or `-`"
        return f"the id {value!r} is not a valid id", hint
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in allowed.replace(" or ", ", ").split(",")]
        said = did_you_mean(str(value), choices, f"one of: {', '.join(choices)}")
        return f"{value!r} is not allowed", said
    message = error["msg"].removeprefix("Value error, ")
    return message[0].lower() + message[1:], ""


def _unknown_key(
    doc: LocatedDocument, path: DataPath, model: type[BaseModel], value: object
) -> Issue:
    """E101 at the key, with the key meant (a connector word's real key, or the closest),
    or the keys allowed there."""
    key = str(path[-1])
    allowed = sorted(model.model_fields)
    if _in_item_list(path):  # an item may be a claim or a reason of co-premises
        allowed = sorted({*Claim.model_fields, *Argument.model_fields})
    close = _CONNECTOR_KEYS.get(key) or closest(key, allowed)
    hint = f"did you mean `{close}`?" if close else "allowed keys: " + ", ".join(allowed)
    if key in ("because", "but", "however"):
        hint += f" (argmap draws the word *{key}* from `{close}:`)"
    comma = _comma_in_flow_mapping(doc, path, value)
    return doc.issue(path, "E101", f"unknown key `{key}`", key=True, hint=comma or hint)


def _no_hint(path: DataPath, value: object) -> str:
    return ""


# Errors of a value's type: what was expected there, and how to say it instead.
_EXPECTED: dict[str, tuple[str, Callable[[DataPath, object], str]]] = {
    "model_type": ("a mapping of keys", lambda path, value: _mapping_hint(path, value)),
    "dict_type": ("a mapping of keys", lambda path, value: _mapping_hint(path, value)),
    "list_type": ("a list", lambda path, value: "begin each item with `- `"),
    "string_type": ("text", lambda path, value: _text_hint(path, value)),
    "bool_parsing": ("true or false", lambda path, value: "write `true` or `false`"),
    "bool_type": ("true or false", lambda path, value: "write `true` or `false`"),
    "int_parsing": ("a whole number", _no_hint),
    "int_type": ("a whole number", _no_hint),
    "int_from_float": ("a whole number", _no_hint),
}


# Keys people write for the connector words argmap draws from the real keys.
_CONNECTOR_KEYS = {
    "because": "reasons",
    "reason": "reasons",
    "premise": "premises",
    "but": "objections",
    "objection": "objections",
    "however": "rebuttals",
    "rebuttal": "rebuttals",
    "undercutter": "undercutters",
}
_ITEM_LISTS = frozenset({"reasons", "objections", "rebuttals", "undercutters"})


def _in_item_list(path: DataPath) -> bool:
    """Whether the mapping holding the last key is an item of reasons, objections, …"""
    return len(path) >= 3 and isinstance(path[-2], int) and path[-3] in _ITEM_LISTS


def _text_hint(path: DataPath, value: Any) -> str:
    key = str(path[-1]) if path else "text"
    if value is None:
        return f"`{key}:` has no value: write it after the colon, on the same line"
    if isinstance(value, list):
        return f"`{key}:` takes one text, not a list: drop the `- ` or the brackets"
    if isinstance(value, dict):
        return f"`{key}:` takes one text; a value holding `: ` must be in quotes"
    return f'put the value in quotes, e.g. {key}: "{value}"'


def _comma_in_flow_mapping(doc: LocatedDocument, path: DataPath, value: Any) -> str:
    """`{citation: Ward et al., 2017}`: the comma ended the value and `2017` became a key."""
    if value is not None or not doc.in_flow_mapping(path):
        return ""
    parent: Any = doc.data
    for part in path[:-1]:
        parent = parent[part]
    keys = list(parent) if isinstance(parent, dict) else []
    position = keys.index(path[-1]) if path[-1] in keys else 0
    if position == 0:
        return ""
    before = keys[position - 1]
    return (
        f"inside `{{...}}` a comma separates keys, so the text after it became the key "
        f'`{path[-1]}`; quote the value: {before}: "{parent[before]}, {path[-1]}"'
    )


def _mapping_hint(path: DataPath, value: Any) -> str:
    """What the mapping under this key looks like, so following the hint fixes it."""
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    if key == "basis":
        if isinstance(value, list):
            return "a claim has one basis: drop the `- ` and write its keys under `basis:`"
        if isinstance(value, str) and value in BASIS_KINDS:
            return f"write `basis: {{kind: {value}}}`, adding `citation: ...` for its source"
        return (
            f"write `basis: {{kind: ..., citation: ...}}`; kind is one of {', '.join(BASIS_KINDS)}"
        )
    if key in ("source", "style"):
        fields = ", ".join(f"`{name}`" for name in FIELD_MODELS[key].model_fields)
        return f"`{key}:` takes keys on the lines below it: {fields}"
    if key == "groups":
        return "each group is `- {id: name, label: Caption}`"
    if isinstance(value, str):
        return f"a claim is a mapping: write `text: {_words(value, 40)}` on its own line"
    return "write `text: ...` on its own line"


def _words(text: str, most: int) -> str:
    """At most `most` characters, cut at a word (never inside one)."""
    if len(text) <= most:
        return text
    cut = text[: most + 1].rsplit(" ", 1)[0] if " " in text[:most] else text[:most]
    return cut.rstrip(" ,;:") + "…"


def _name(model: type[BaseModel]) -> str:
    return {
        "ArgumentMap": "the map",
        "Claim": "this claim",
        "Argument": "this reason",
        "Basis": "this basis",
        "Group": "this group",
    }.get(model.__name__, model.__name__)


def _missing_hint(field: str) -> str:
    return {
        "text": "every claim needs `text: ...`",
        "thesis": "a map has exactly one `thesis:` with its `text:`",
        "title": "add `title: ...` at the top",
        "kind": "e.g. `kind: statistic`",
        "label": "e.g. `label: Russia's position`",
    }.get(field, f"add `{field}: ...`")


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"text {value!r}" if len(value) < 40 else "text"
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    return f"{name} ({value!r})" if isinstance(value, (int, float, bool)) else name
