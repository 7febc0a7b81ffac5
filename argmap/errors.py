"""Located problems: the one error type every stage raises, and the catalogue of codes."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]

# Every code argmap can report, with what it means; docs/errors.md is checked against this.
CODES: dict[str, str] = {
    "E001": "the file cannot be read",
    "E002": "the file is not UTF-8 text",
    "E003": "the file is empty or holds only comments",
    "E004": "YAML syntax error",
    "E005": "a tab in indentation",
    "E006": "a key is repeated in one mapping",
    "E007": "the top level is not a mapping",
    "E008": "a YAML tag argmap does not accept",
    "E009": "a limit was exceeded (size, depth, aliases, claims)",
    "E010": "a key that is not text",
    "E011": "a control character inside a value",
    "E012": "an output cannot be written (permissions, a file in the way, a name too long)",
    "E101": "an unknown key",
    "E102": "a required key is missing",
    "E103": "a value of the wrong type or form",
    "E201": "an id is used twice",
    "E202": "a reference to an id that does not exist",
    "E203": "a cycle of support or attack",
    "E204": "an empty text",
    "E205": "a quote that is not in the source text",
    "E206": "the source text cannot be read",
    "E207": "a link with a scheme other than http, https or mailto",
    "E208": "a source path outside the project folder around the map (see docs/format.md)",
    "E209": "a key in a place where it has no meaning",
    "E210": "a quote that does not point at one passage: no words, or a short part found in "
    "several places",
    "E401": "Graphviz is missing, timed out, crashed or refused the graph",
    "E501": "`argmap import`: the Argdown or AIF file cannot be parsed",
    "E502": "`argmap import`: nothing to import, or no statement has the `--thesis` named",
    "W301": "a quote but no source text to check it against",
    "W302": "`rebuttals` on a claim that is not an objection",
    "W303": "the map may be too small to read on a slide",
    "W304": "a mark that disagrees with the status argmap computes",
    "W305": "no font on this machine draws a script the map uses (PNG, PDF)",
    "W306": "`style.font` names a font that is not installed",
    "W307": "a `language:` argmap has no words for: English ones are drawn",
    "W501": "`argmap import`: a construct argmap cannot express; the nearest faithful form is used",
    "W502": (
        "`argmap import`: statements or theses left out of the maps written, or kept only "
        "as another claim's wording"
    ),
}


def expect(
    value: object, kinds: type | tuple[type, ...], name: str, function: str, what: str = ""
) -> None:
    """The library's own type check: a TypeError that names the argument, not an
    AttributeError from deep inside."""
    if not isinstance(value, kinds):
        named = " or ".join(k.__name__ for k in (kinds if isinstance(kinds, tuple) else (kinds,)))
        raise TypeError(
            f"argmap.{function}: `{name}` must be {what or named}, not {type(value).__name__}"
        )


@dataclass(frozen=True)
class Issue:
    """One problem at one place; line and col are 1-based, 0 when unknown."""

    file: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"
    hint: str = ""
    # The id or name the issue is about, where it is about one (E202's unknown id), so
    # no one need search the message for it; not part of the report.
    about: str = ""

    def to_dict(self) -> dict[str, object]:
        found = asdict(self)
        del found["about"]
        return found


class ArgmapError(Exception):
    """Raised with every issue found, so a user fixes them all in one pass."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        first = issues[0] if issues else None
        summary = "error"
        if first:
            where = f"{first.file}:{first.line}:{first.col}" if first.line else first.file
            summary = f"{where}: {first.message}" if where else first.message
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(summary + more)

    @classmethod
    def at(
        cls, file: str, line: int, col: int, code: str, message: str, hint: str = ""
    ) -> ArgmapError:
        """One error at one place (line and column 0 where the whole file is meant)."""
        return cls([Issue(file, line, col, code, message, hint=hint)])


class EngineError(ArgmapError):
    """Graphviz is missing, timed out, crashed or refused the graph: no place in a map to
    point at, so its one issue (E401) names the map file when the caller knows it."""

    def __init__(self, message: str, file: str = ""):
        self.message = message
        super().__init__([Issue(file, 0, 0, "E401", message)])


class OutputError(ArgmapError):
    """An output that cannot be written: exit 2, naming the path and why."""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        super().__init__([Issue(self.path, 0, 0, "E012", f"cannot write: {reason}")])
