"""A map while it is cut from a file: drafts the walk fills in, made models at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ArgmapError, Issue
from ..format import Argument, ArgumentMap, Claim
from .fields import field_issues
from .neutral import Statement


@dataclass(eq=False)
class Draft:
    """A claim or an argument while the walk fills it in; a model once the walk is done."""

    data: dict[str, Any]  # its own fields: text, id, label, note, group, basis, ...
    key: str  # its statement's (or inference's), named in errors where the file has no lines
    line: int
    premises: list[Draft] | None = None  # an argument's
    under: dict[str, list[Draft]] = field(default_factory=dict)  # reasons, objections, ...
    links: dict[str, list[str]] = field(default_factory=dict)  # supports, opposes, undercuts

    def link(self, kind: str, name: str) -> None:
        names = self.links.setdefault(kind, [])
        if name not in names:
            names.append(name)


@dataclass
class CutMap:
    """One map cut from a file: the statement it is about, what of the file it carries and
    how deep its YAML would nest, known before `argmap()` makes it a map."""

    thesis: Statement
    statements: set[str]
    inferences: set[str]
    depth: int
    file: str
    root: Draft = field(repr=False)
    meta: dict[str, Any] = field(repr=False)

    def argmap(self) -> ArgumentMap:
        """The map; ArgmapError (E501, at the statement) for a field argmap's own data in
        the file gave a wrong value."""
        from pydantic import ValidationError

        issues = _ids_given_twice(self.root, self.file)
        thesis, more = _models(self.root, self.file)
        issues += more
        if thesis is not None and not issues:
            try:
                return ArgumentMap.model_validate({**self.meta, "thesis": thesis})
            except ValidationError as exc:
                issues = field_issues(exc, self.file, 0)
        raise ArgmapError(issues)


def _in_order(root: Draft) -> list[tuple[Draft, int]]:
    """Every item with its depth in the tree (an argument's premises one deeper), each
    after the items under it: the order models are made in, without recursion."""
    ordered: list[tuple[Draft, int]] = []
    stack = [(root, 0)]
    while stack:
        item, depth = stack.pop()
        ordered.append((item, depth))
        for items in (item.premises or [], *item.under.values()):
            stack.extend((under, depth + 1) for under in items)
    ordered.reverse()
    return ordered


def depth_of(root: Draft) -> int:
    """How deep the YAML would nest: an item's mapping sits two levels below its parent's."""
    return max(
        1 + 2 * depth + nesting({**item.data, **item.links}) for item, depth in _in_order(root)
    )


def _ids_given_twice(root: Draft, file: str) -> list[Issue]:
    """An id the file gave two claims (or arguments) of this map: an E501 at the second,
    naming the first, rather than a map that fails its check far from the cause."""
    first: dict[str, Draft] = {}
    issues: list[Issue] = []
    in_file = sorted((item for item, _ in reversed(_in_order(root))), key=lambda i: i.line)
    for item in in_file:
        name = item.data.get("id")
        if not isinstance(name, str) or not name:
            continue
        if name not in first:
            first[name] = item
            continue
        other = first[name]
        earlier = f"line {other.line}" if other.line else f"node `{other.key}`"
        here = "" if item.line else f", here on node `{item.key}`"
        issues.append(
            Issue(
                file,
                item.line,
                1 if item.line else 0,
                "E501",
                f"the id `{name}` is given twice in one map (first on {earlier}){here}",
                hint="give each statement and argument an id of its own, or none",
            )
        )
    return issues


def _models(root: Draft, file: str) -> tuple[Claim | None, list[Issue]]:
    """The thesis as a Claim, every item made once the items under it are; an item whose
    own fields are wrong gives its issues and is left out of its parent."""
    from pydantic import ValidationError

    made: dict[int, Claim | Argument] = {}
    issues: list[Issue] = []
    for item, _ in _in_order(root):
        fields = dict(item.data)
        if item.premises is not None:
            fields["premises"] = [made[id(p)] for p in item.premises if id(p) in made]
        for kind, items in item.under.items():
            fields[kind] = [made[id(under)] for under in items if id(under) in made]
        fields.update(item.links)
        model = Claim if item.premises is None else Argument
        try:
            made[id(item)] = model.model_validate(fields)
        except ValidationError as exc:
            issues += field_issues(exc, file, item.line, f"node `{item.key}`")
    thesis = made.get(id(root))
    return thesis if isinstance(thesis, Claim) else None, issues


def nesting(data: Any) -> int:
    """How deep the YAML would nest (mappings and lists), counted without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in value)
    return deepest
