"""Kialo's text export read into the exchange graph (docs/interop.md).

The export is a `Discussion Title:` line, then every claim numbered by its place in the
tree: `1.` a thesis, `1.1. Pro: …` and `1.1.2. Con: …` below it, at any depth. A claim's
text may run over several lines; `-> See 1.2.2.` stands for a claim used again there;
brackets and other Markdown characters come backslash-escaped, and links as Markdown.
"""

from __future__ import annotations

import re

from ..errors import ArgmapError, Issue
from .neutral import ExchangeGraph, Inference, Statement

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
    errors: list[Issue] = []
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
    graph.meta = {"title": lines[first].split(":", 1)[1].strip()}
    graph.meta_line = first + 1
    entries: list[tuple[str, str | None, list[str], int]] = []  # number, stance, text, line
    for number, line in enumerate(lines[first + 1 :], start=first + 2):
        match = _CLAIM.match(line.strip())
        if match and line.strip():
            entries.append((match.group(1), match.group(2), [match.group(3)], number))
        elif _LOOKS_NUMBERED.match(line.strip()):
            errors.append(
                Issue(
                    file,
                    number,
                    1,
                    "E501",
                    f"a claim's number must end with a dot: `{line.strip().split()[0]}.`",
                    hint="Kialo numbers claims 1., 1.1., 1.1.2., each part followed by a dot",
                )
            )
        elif entries:
            entries[-1][2].append(line)  # a text running over several lines
        elif line.strip():
            errors.append(
                Issue(
                    file,
                    number,
                    1,
                    "E501",
                    "text before the first numbered claim",
                    hint="the thesis comes first, as `1. The thesis.`",
                )
            )
    keys: dict[str, str] = {}
    seen: dict[str, tuple[str, int]] = {}
    pending: list[tuple[str, str, str, int]] = []  # key of the parent, stance, see, row
    for numbering, stance, parts, row in entries:
        place = numbering.rstrip(".")
        parent = place.rsplit(".", 1)[0] if "." in place else None
        body = "\n".join(parts).strip()
        if place in seen:
            errors.append(
                Issue(
                    file,
                    row,
                    1,
                    "E501",
                    f"claim {place}. appears twice",
                    hint=f"first on line {seen[place][1]}",
                )
            )
            continue
        if parent is not None and parent not in keys:
            errors.append(
                Issue(
                    file,
                    row,
                    1,
                    "E501",
                    f"claim {place}. has no claim {parent}. above it",
                    hint="a claim's place is its parent's place and one more part",
                )
            )
            continue
        if parent is not None and stance not in ("Pro", "Con"):
            errors.append(
                Issue(
                    file,
                    row,
                    1,
                    "E501",
                    f"claim {place}. says neither `Pro:` nor `Con:`",
                    hint=f"write `{place}. Pro: …` or `{place}. Con: …`",
                )
            )
            continue
        seen[place] = (body, row)
        see = _SEE.match(body)
        if see and parent is not None:
            pending.append((keys[parent], stance or "Pro", see.group(1), row))
            keys[place] = ""  # a reference: claims below it would belong to the original
            continue
        if not body:
            errors.append(Issue(file, row, 1, "E501", f"claim {place}. has no text"))
            continue
        text, links = _clean(body)
        key = f"k{place.replace('.', '-')}"
        fields: dict[str, object] = {}
        if links:
            fields["note"] = "Sources: " + ", ".join(links)
        graph.statements[key] = Statement(key, text, fields=fields, line=row)
        keys[place] = key
        if parent is not None:
            if not keys[parent]:
                errors.append(
                    Issue(
                        file,
                        row,
                        1,
                        "E501",
                        f"claim {place}. is under a `-> See` line, which stands for a claim "
                        "drawn elsewhere",
                        hint="put it under the claim the line points at",
                    )
                )
                continue
            kind = "support" if stance == "Pro" else "attack"
            graph.inferences.append(
                Inference(f"i{place}", kind, [key], keys[parent], line=row)  # type: ignore[arg-type]
            )
    for parent_key, stance, target, row in pending:
        original = keys.get(target)
        if not original:
            errors.append(
                Issue(
                    file,
                    row,
                    1,
                    "E501",
                    f"`-> See {target}.` names no claim",
                    hint="the number of a claim of this discussion",
                )
            )
            continue
        kind = "support" if stance == "Pro" else "attack"
        # Drawn where the claim was written first, and linked from there (a cross-link).
        graph.inferences.append(
            Inference(
                f"see{row}",
                kind,  # type: ignore[arg-type]
                [original],
                parent_key,
                fields={"crosslink": {}},
                line=row,
            )
        )
    if errors:
        raise ArgmapError(errors)
    return graph


def _clean(body: str) -> tuple[str, list[str]]:
    """The claim's text as a reader sees it, and the links it held."""
    links = [url for _, url in _LINK.findall(body)]
    text = _LINK.sub(lambda m: m.group(1), body)
    text = _ESCAPED.sub(lambda m: m.group(1), text)
    return " ".join(text.split()), links
