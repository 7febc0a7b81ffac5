"""A rubric: how much each kind of finding costs a student's score, read from a file or
changed on the command line (docs/compare.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..errors import ArgmapError
from ..suggest import did_you_mean

# Each kind's code (docs/errors.md) and its default weight: the share of one key claim's
# worth a finding of that kind costs. A missing claim costs all of it, and so does an
# unstated premise the student did not supply: a map with nothing of the key scores 0.
CODES: dict[str, str] = {
    "missing": "C101",
    "extra": "C102",
    "side": "C103",
    "parent": "C104",
    "split": "C105",
    "merge": "C106",
    "attack-kind": "C107",
    "implicit": "C108",
    "quote": "C109",
}
KINDS: tuple[str, ...] = tuple(CODES)
DEFAULT_WEIGHTS: dict[str, float] = {
    "missing": 1.0,
    "extra": 0.0,
    "side": 0.5,
    "parent": 0.5,
    "split": 0.25,
    "merge": 0.25,
    "attack-kind": 0.25,
    "implicit": 1.0,
    "quote": 0.25,
}
# A match by quotes needs this share of the shorter passage in common; a match by wording
# this Dice score of significant words (stems, stop words out, synonyms made one).
QUOTE_OVERLAP = 0.5
WORDING = 0.5


@dataclass(frozen=True)
class Rubric:
    """How findings weigh: per kind, a share of one key claim's worth."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    wording: float = WORDING
    quote_overlap: float = QUOTE_OVERLAP

    def weight(self, kind: str) -> float:
        return self.weights.get(kind, DEFAULT_WEIGHTS[kind])


_Problem = Callable[..., ArgmapError]


def read_rubric(data: object, where: str) -> Rubric:
    """A rubric from a parsed YAML file: `weights:` per kind, `wording:`, `quote_overlap:`."""

    def problem(message: str, hint: str = "") -> ArgmapError:
        return ArgmapError.at(where, 0, 0, "E013", message, hint=hint)

    if not isinstance(data, dict):
        raise problem("a rubric is a mapping: `weights:`, `wording:`, `quote_overlap:`")
    unknown = set(data) - {"weights", "wording", "quote_overlap"}
    if unknown:
        raise problem(
            f"unknown rubric key `{sorted(unknown)[0]}`",
            _did_you_mean(sorted(unknown)[0], ("weights", "wording", "quote_overlap")),
        )
    weights = dict(DEFAULT_WEIGHTS)
    given = data.get("weights") or {}
    if not isinstance(given, dict):
        raise problem("`weights:` maps each kind of finding to a number")
    for kind, value in given.items():
        weights[_known_kind(str(kind), problem)] = _number(value, f"weights.{kind}", problem)
    return Rubric(
        weights,
        _share(data.get("wording", WORDING), "wording", problem),
        _share(data.get("quote_overlap", QUOTE_OVERLAP), "quote_overlap", problem),
    )


def with_weights(rubric: Rubric, pairs: Iterable[tuple[str, float]]) -> Rubric:
    """The rubric with some weights changed (`--weight side=1`)."""

    def problem(message: str, hint: str = "") -> ArgmapError:
        return ArgmapError.at("--weight", 0, 0, "E013", message, hint=hint)

    weights = dict(rubric.weights)
    for kind, value in pairs:
        weights[_known_kind(kind, problem)] = value
    return Rubric(weights, rubric.wording, rubric.quote_overlap)


def _known_kind(kind: str, problem: _Problem) -> str:
    if kind not in CODES:
        raise problem(f"no finding is of kind `{kind}`", _did_you_mean(kind, KINDS))
    return kind


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    return did_you_mean(name, choices, f"one of {', '.join(choices)}")


def _number(value: object, name: str, problem: _Problem) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise problem(f"`{name}` must be a number of 0 or more, not {value!r}")
    return float(value)


def _share(value: object, name: str, problem: _Problem) -> float:
    number = _number(value, name, problem)
    if not 0 < number <= 1:
        raise problem(f"`{name}` must lie between 0 and 1, not {value!r}")
    return number
