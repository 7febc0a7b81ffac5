"""argmap's own map fields carried inside another format, checked as a map's are."""

from __future__ import annotations

from typing import Any

from ..errors import ArgmapError, Issue


def checked_meta(meta: dict[str, Any], file: str, line: int) -> dict[str, Any]:
    """The fields a map may have, each of its type; a wrong one is a located E501, since
    writing it into the map would fail later with no place in the input to point at."""
    from pydantic import TypeAdapter, ValidationError

    from ..format import ArgumentMap

    fields = ArgumentMap.model_fields
    issues: list[Issue] = []
    for key, value in meta.items():
        if key not in fields or key == "thesis":
            continue
        try:
            TypeAdapter(fields[key].annotation or object).validate_python(value)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in (key, *error["loc"]))
            issues.append(
                Issue(
                    file,
                    line,
                    1 if line else 0,
                    "E501",
                    f"argmap's field `{where}`: {error['msg'][0].lower()}{error['msg'][1:]}",
                    hint=f"write `{key}` as in a map (docs/format.md), or leave it out",
                )
            )
    if issues:
        raise ArgmapError(issues)
    return meta
