"""Map data to YAML as a person writes it: block style, plain words, folded long texts."""

from __future__ import annotations

import json
import re
import textwrap
from typing import TYPE_CHECKING, Any

import yaml

from ..format import LINK_LISTS, NESTED_LISTS

if TYPE_CHECKING:
    from ..format import ArgumentMap

_SCHEMA_LINE = "# yaml-language-server: $schema=argmap.schema.json"  # written beside the maps
_WIDTH = 92
_PLAIN = re.compile(r"[A-Za-z0-9\u00c0-\uffff(][^\n\t]*")
_RESERVED = re.compile(
    r"(?i)(y|n|yes|no|true|false|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?"
    r"|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan|\d+(:\d+)+|\d{4}-\d\d-\d\d.*)"
)
_WRITING_ORDER = {
    "id": 0,
    "label": 0,
    **dict.fromkeys(NESTED_LISTS, 2),
    **dict.fromkeys(LINK_LISTS, 3),
}
_SPACED_KEYS = {"groups", "thesis", "synonyms", "lint", "views"}
# What YAML cannot carry as it is, even inside double quotes (C0 and C1 controls, DEL,
# surrogates, U+FFFE/U+FFFF; JSON escapes only the C0 ones): written as \uXXXX escapes.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def dump_map(argmap: ArgumentMap) -> str:
    """The map's YAML, which loads back to the same map, with the schema line editors read."""
    data = _as_written(argmap.model_dump(mode="json", exclude_defaults=True))
    lines = [_SCHEMA_LINE]
    for key, value in data.items():
        if key in _SPACED_KEYS:
            lines.append("")
        lines += _entry(key, value, 0)
    text = "\n".join(lines) + "\n"
    if yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) != data:
        # A scalar the plain style misread: fall back to quoting every string.
        lines = [_SCHEMA_LINE]
        for key, value in data.items():
            lines += _entry(key, value, 0, quote_all=True)
        text = "\n".join(lines) + "\n"
    return text


def _as_written(data: dict[str, Any]) -> dict[str, Any]:
    """Each claim and argument in the order a person writes it: its name (id, label) first,
    then what it says, the items under it, and its links last; without recursion."""
    stack = [data["thesis"]]
    while stack:
        item = stack.pop()
        for key in sorted(item, key=lambda key: _WRITING_ORDER.get(key, 1)):
            item[key] = item.pop(key)
        for key in NESTED_LISTS:
            stack.extend(item.get(key, []))
    return data


def _entry(key: str, value: Any, indent: int, quote_all: bool = False) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        out = [f"{pad}{key}:"]
        for sub_key, sub_value in value.items():
            out += _entry(str(sub_key), sub_value, indent + 2, quote_all)
        return out
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []"]
        if all(_is_short_scalar(v) for v in value):
            items = ", ".join(_scalar(v, quote_all, flow=True) for v in value)
            if len(pad) + len(key) + len(items) < _WIDTH:
                return [f"{pad}{key}: [{items}]"]
        out = [f"{pad}{key}:"]
        for item in value:
            out += _item(item, indent + 2, quote_all)
        return out
    if isinstance(value, str) and "\n" in value and _literal(value, quote_all):
        body = [
            line
            for paragraph in value.split("\n")
            for line in (textwrap.wrap(paragraph, _WIDTH - indent - 2) if paragraph else [""])
        ]
        if "\n".join(body) == value:
            return [f"{pad}{key}: |-", *(f"{pad}  {line}".rstrip() for line in body)]
        return [f"{pad}{key}: >-", *_folded_paragraphs(value, pad)]
    too_long = isinstance(value, str) and indent + len(key) + len(value) + 2 > _WIDTH
    if too_long and _foldable(value, quote_all):
        body = textwrap.wrap(value, _WIDTH - indent - 2, break_long_words=False)
        if " ".join(body) == value:
            return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in body)]
    return [f"{pad}{key}: {_scalar(value, quote_all)}"]


def _item(item: Any, indent: int, quote_all: bool) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict) and item:
        lines: list[str] = []
        for sub_key, sub_value in item.items():
            lines += _entry(str(sub_key), sub_value, indent + 2, quote_all)
        lines[0] = f"{pad}- {lines[0][indent + 2 :]}"
        return lines
    if isinstance(item, list):
        return [f"{pad}- {_quoted(item)}"]
    return [f"{pad}- {_scalar(item, quote_all)}"]


def _literal(text: str, quote_all: bool) -> bool:
    """Paragraphs a block scalar holds exactly: no edge spaces, no tabs, no odd breaks."""
    lines = text.split("\n")
    return (
        not quote_all
        and all(line == line.strip() and line.isprintable() for line in lines)
        and bool(lines[0])
        and bool(lines[-1])
        and "  " not in text
    )


def _folded_paragraphs(text: str, pad: str) -> list[str]:
    """Folded style: a blank line between paragraphs stands for one line break."""
    out: list[str] = []
    for number, paragraph in enumerate(text.split("\n")):
        if number:
            out.append("")
        out += [f"{pad}  {line}" for line in textwrap.wrap(paragraph, _WIDTH - len(pad) - 2)]
    return out


def _is_short_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list) and len(str(value)) < 40


def _foldable(text: str, quote_all: bool) -> bool:
    return (
        not quote_all
        and text == text.strip()
        and "  " not in text
        and not any(c in text for c in "\n\t\r\x85\u2028\u2029")
        and text.isprintable()
    )


def _scalar(value: Any, quote_all: bool, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    plain = (
        not quote_all
        and _PLAIN.fullmatch(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not _RESERVED.fullmatch(text)
        and not (flow and any(c in text for c in ",[]{}"))
        and text.isprintable()
    )
    return text if plain else _quoted(text)


def _quoted(value: Any) -> str:
    """JSON, which YAML reads as double-quoted flow text, escaped where YAML needs more."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
