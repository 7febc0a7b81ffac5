"""The one place issues become text or JSON, and exit codes are decided."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import Issue

EXIT_OK, EXIT_MAP_ERRORS, EXIT_USAGE = 0, 1, 2
# A file that cannot be read or written, or no Graphviz to draw with: not the map's fault.
IO_CODES = {"E001", "E012", "E013", "E401"}


def exit_code(issues: Iterable[Issue], *, strict: bool = False) -> int:
    """2 when a file could not be read, 1 when a map has errors (or, with strict, warnings
    or lint notes)."""
    issues = list(issues)
    if any(issue.code in IO_CODES for issue in issues):
        return EXIT_USAGE
    failing = {"error", "warning", "note"} if strict else {"error"}
    return EXIT_MAP_ERRORS if any(issue.severity in failing for issue in issues) else EXIT_OK


def format_issue(issue: Issue, source_lines: list[str] | None = None, color: bool = False) -> str:
    """`path:line:col: error[E101]: message`, the line, a caret, and the hint."""
    # A file that could not be read at all has no line to point at (line 0).
    where = f"{issue.file}:{issue.line}:{issue.col}" if issue.line else issue.file
    head = f"{where}: {issue.severity}[{issue.code}]: {issue.message}"
    if color:
        tint = {"error": "\x1b[31m", "warning": "\x1b[33m"}.get(issue.severity, "\x1b[36m")
        head = (
            f"\x1b[1m{where}:\x1b[0m {tint}{issue.severity}[{issue.code}]\x1b[0m: {issue.message}"
        )
    out = [head]
    if source_lines and 0 < issue.line <= len(source_lines):
        text, caret = _window(_visible(source_lines[issue.line - 1]), max(issue.col - 1, 0))
        gutter = f"{issue.line:>4} | "
        out.append(gutter + text)
        out.append(" " * (len(gutter) + caret) + "^")
    if issue.hint:
        out.append(f"     = help: {issue.hint}")
    return "\n".join(out)


def _visible(line: str) -> str:
    """Control characters as their printable pictures, so echoing a line cannot ring or erase."""
    return "".join(
        " "
        if c == "\t"
        else chr(0x2400 + ord(c))
        if ord(c) < 32
        else "\u2421"
        if c == "\x7f"
        else c
        for c in line
    )


def _window(text: str, column: int, width: int = 120) -> tuple[str, int]:
    """A long line cut to `width` characters around the column, and the caret's offset."""
    if len(text) <= width:
        return text, column
    start = max(0, min(column - width // 2, len(text) - width))
    shown = text[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def _counts(issues: list[Issue]) -> dict[str, int]:
    return {kind: sum(i.severity == kind for i in issues) for kind in ("error", "warning", "note")}


def summary(issues: list[Issue], files: int) -> str:
    maps = "map" if files == 1 else "maps"
    if not issues:
        return f"{files} {maps} checked: no problems"
    counts = _counts(issues)
    parts = [
        f"{counts['error']} error{'s' * (counts['error'] != 1)}",
        f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}",
    ]
    if counts["note"]:
        parts.append(f"{counts['note']} note{'s' * (counts['note'] != 1)}")
    return f"{files} {maps} checked: " + ", ".join(parts)


def to_json(issues: list[Issue], files: int) -> str:
    import json  # only for --format json: a text report does without it

    counts = _counts(issues)
    return json.dumps(
        {
            "files": files,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "notes": counts["note"],
            "issues": [issue.to_dict() for issue in issues],
        },
        indent=2,
        ensure_ascii=False,
    )
