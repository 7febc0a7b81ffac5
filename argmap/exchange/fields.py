"""argmap's own map fields carried inside another format, checked as a map's are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ArgmapError, Issue

if TYPE_CHECKING:
    from pydantic import ValidationError


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
            issues += field_issues(exc, file, line, within=key)[:1]
    if issues:
        raise ArgmapError(issues)
    return meta


def field_issues(
    exc: ValidationError, file: str, line: int, node: str = "", within: str = ""
) -> list[Issue]:
    """An E501 for each wrong value, said as a map's error is: at the line, or naming the
    node (AIF has no lines)."""
    from ..format import plain_words

    issues = []
    for error in exc.errors():
        loc = (within, *error["loc"]) if within else error["loc"]
        where = ".".join(str(part) for part in loc)
        place = f" (on {node})" if node and not line else ""
        said, hint = plain_words(error, tuple(loc))
        issues.append(
            Issue(
                file,
                line,
                1 if line else 0,
                "E501",
                f"argmap's field `{where}`{place}: {said}",
                hint=hint or f"write `{loc[0]}` as in a map (docs/format.md), or leave it out",
            )
        )
    return issues
