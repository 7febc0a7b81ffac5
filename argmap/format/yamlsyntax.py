"""YAML syntax errors as located issues a person can act on."""

from __future__ import annotations

import re

import yaml

from ..errors import Issue


def syntax_issue(exc: yaml.MarkedYAMLError, text: str, file: str) -> Issue:
    """Where the YAML went wrong, in plain words: an unclosed quote where it opened, a
    tab, a line indented unlike those above it, with what to do."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if "end of stream" in problem and exc.context_mark:
        # An unclosed quote or bracket: point where it opened, not at the end of the file.
        mark = exc.context_mark
        opened = {
            "while scanning a quoted scalar": "a quoted value",
            "while parsing a flow sequence": "a `[` list",
            "while parsing a flow mapping": "a `{` mapping",
        }
        problem = f"{opened.get(exc.context or '', 'something')} opens here and is never closed"
    elif exc.context and "single document" in exc.context:
        problem = "a map file holds one YAML document, but `---` starts another"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "maximum nesting depth" in problem:  # libyaml 0.2.5+ stops runaway nesting itself
        return Issue(
            file, line, col, "E009", "the YAML is nested too deeply", hint="flatten the map"
        )
    lines = text.splitlines()
    for number, content in enumerate(lines[:line], start=1):
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        if "\t" in indent:
            return Issue(
                file,
                number,
                indent.index("\t") + 1,
                "E005",
                "a tab in indentation; YAML indents with spaces only",
                hint="replace the tab with spaces",
            )
    if _INDENTATION_PROBLEMS.search(problem) and 0 < line <= len(lines):
        message, hint = _indentation(lines, line)
        return Issue(file, line, col, "E004", message, hint=hint)
    return Issue(file, line, col, "E004", f"YAML syntax: {problem}", hint=_syntax_hint(problem))


# libyaml's words for a line whose indentation fits no list or mapping above it.
_INDENTATION_PROBLEMS = re.compile(
    r"did not find expected (key|'-' indicator)|expected <block end>, but found"
)


def _indentation(lines: list[str], line: int) -> tuple[str, str]:
    """A line indented unlike the lines above, said in plain words with what to do."""
    here = lines[line - 1]
    column = _indent(here)
    item = here.lstrip(" ").startswith("- ")
    above = [
        (number, text)
        for number, text in enumerate(lines[: line - 1], start=1)
        if text.strip() and not text.lstrip().startswith("#")
    ]
    items = [(n, t) for n, t in above if t.lstrip(" ").startswith("- ")]
    if items:  # inside a list: line up with its last item, or with that item's keys
        number, text = items[-1]
        dash = _indent(text) + 1
        if item:
            return (
                f"this list item (`- `) starts at column {column + 1}, the one on line "
                f"{number} at column {dash}",
                f"items of one list start in the same column: move this `- ` to column "
                f"{dash} (under line {number}), or to column {dash + 2} for a list inside it",
            )
        return (
            f"this key starts at column {column + 1}, inside the list item on line {number}",
            f"a key of that item starts at column {dash + 2}, under its first key; "
            f"a new item starts with `- ` at column {dash}",
        )
    if above:
        number, text = above[-1]
        return (
            f"this line starts at column {column + 1}, line {number} at column {_indent(text) + 1}",
            f"indent it as line {number} is, or two spaces more under a key ending in `:`",
        )
    return "this line is indented, but nothing above holds it", "start it at column 1"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value holding ': ' must be quoted, e.g. text: \"Claim: detail\""
    if "could not find expected ':'" in problem:
        return "each key needs a colon; check the line above for a missing ':' or quote"
    if "found character" in problem and "`" in problem:
        return "quote the value"
    if "never closed" in problem:
        return "close the quote or bracket opened here"
    if "`---`" in problem:
        return "remove the `---` line and what follows, or split it into another file"
    return "check indentation and quotes on this line and the one above"
