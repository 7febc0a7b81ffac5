"""Pydantic's errors, translated into located issues that say how to fix them."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Issue
from .model import FIELD_MODELS, Argument, ArgumentMap, Claim
from .yamlsource import LocatedDocument, Path

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


def validate(doc: LocatedDocument) -> tuple[ArgumentMap | None, list[Issue]]:
    """The model, or the issues that stop it from being built."""
    try:
        return ArgumentMap.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _issues(doc, exc.errors())


def _issues(doc: LocatedDocument, errors: list[Any]) -> list[Issue]:
    issues: list[Issue] = []
    suggested: set[tuple[Path, str]] = set()
    for error in sorted(errors, key=lambda e: e["type"] != "extra_forbidden"):
        path, model = _walk(doc.data, error["loc"])
        issue = _translate(doc, error, path, model)
        if error["type"] == "extra_forbidden" and issue.hint.startswith("did you mean"):
            suggested.add((path[:-1], issue.hint.split("`")[1]))
        if error["type"] == "missing" and (path[:-1], str(path[-1])) in suggested:
            continue
        issues.append(issue)
    return sorted(issues, key=lambda i: (i.line, i.col))


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[Path, type[BaseModel]]:
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


def _translate(doc: LocatedDocument, error: Any, path: Path, model: type[BaseModel]) -> Issue:
    kind = error["type"]
    value = error.get("input")
    where = ".".join(str(p) for p in path) or "top level"
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = sorted(model.model_fields)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "allowed keys: " + ", ".join(allowed)
        return doc.issue(path, "E101", f"unknown key `{key}`", key=True, hint=hint)
    if kind == "missing":
        field = str(path[-1])
        return doc.issue(
            path[:-1],
            "E102",
            f"missing required key `{field}` in {_name(model)}",
            hint=_missing_hint(field),
        )
    if kind == "model_type" or kind == "dict_type":
        return doc.issue(
            path,
            "E103",
            f"{where}: expected a mapping of keys, found {_describe(value)}",
            hint="write `text: ...` on its own line",
        )
    if kind == "list_type":
        return doc.issue(
            path,
            "E103",
            f"{where}: expected a list, found {_describe(value)}",
            hint="begin each item with `- `",
        )
    if kind == "string_type":
        return doc.issue(
            path,
            "E103",
            f"{where}: expected text, found {_describe(value)}",
            hint="put the value in quotes",
        )
    if kind in ("bool_parsing", "bool_type"):
        return doc.issue(
            path,
            "E103",
            f"{where}: expected true or false, found {_describe(value)}",
            hint="write `true` or `false`",
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return doc.issue(
            path, "E103", f"{where}: expected a whole number, found {_describe(value)}"
        )
    if kind == "string_pattern_mismatch":
        return doc.issue(
            path,
            "E103",
            f"the id {value!r} is not a valid id",
            hint="begin with a letter; then letters, digits, `_` or `-`",
        )
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"one of: {', '.join(choices)}"
        return doc.issue(path, "E103", f"{where}: {value!r} is not allowed", hint=hint)
    if kind == "too_short" and path and path[-1] == "premises":
        return doc.issue(
            path,
            "E103",
            "a reason needs at least one premise",
            hint="add `- text: ...` under `premises:`",
        )
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return doc.issue(path, "E103", f"{where}: {message[0].lower()}{message[1:]}")


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
