"""What a fenced block holds: a map written inline, or `file:` naming one, and its options."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..present import FIGURE_OPTIONS, figure_options

_OPTION_LINE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
_HEADER_OPTION = re.compile(r"""([A-Za-z][\w-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'}]+)""")


@dataclass(frozen=True)
class FenceRequest:
    """A block's map: a path (relative to the document's base) or YAML text, typed options,
    and the line of the block the YAML starts after (for located errors)."""

    source: str | Path
    options: dict[str, object] = field(default_factory=dict)
    yaml_offset: int = 0


def header_options(header: str) -> dict[str, str]:
    """`theme=print view="the case"` (or `{theme=print}`) as a dictionary."""
    return {name: value.strip("\"'") for name, value in _HEADER_OPTION.findall(header)}


def read_fence(body: str, header: dict[str, str], base: Path, where: str) -> FenceRequest:
    """A block that starts with `file:` names a map and may set options line by line;
    any other block is the map itself, its options given in the fence's header."""
    lines = body.splitlines()
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    named = first is not None and lines[first].lstrip().startswith("file:")
    given = dict(header)
    if named:
        for line in lines:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            match = _OPTION_LINE.match(line.strip())
            if match is None:
                given[line.strip()] = ""  # reported as an unknown option
                continue
            given[match.group(1)] = match.group(2).strip("\"'")
    options = figure_options(given, where)
    path = options.pop("file", None)
    if path is not None:
        return FenceRequest(base / str(path), options)
    return FenceRequest(body, options)


__all__ = ["FIGURE_OPTIONS", "FenceRequest", "header_options", "read_fence"]
