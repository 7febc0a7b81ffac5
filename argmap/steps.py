"""Stepwise reveal: which step each element of a map first appears in."""

from __future__ import annotations

from .graph import crosslink_id
from .tree import Link, MapTree

_PHASES = {"reason": 0, "objection": 1, "undercut": 1, "rebuttal": 2}


def assign_steps(tree: MapTree) -> dict[str, int]:
    """Element key -> step (1-based); every element appears no earlier than what it bears on."""
    explicit = tree.thesis.claim.step is not None or any(
        _explicit(link) is not None or any(p.claim.step is not None for p in link.premises)
        for link in tree.links)
    steps = _explicit_steps(tree) if explicit else _natural_steps(tree)
    ids = {node.claim.id: node.key for node in tree.claims if node.claim.id}
    owners: list[tuple[str, list[str], list[str]]] = [
        (node.key, node.claim.supports, node.claim.opposes) for node in tree.claims]
    owners += [(link.key, link.argument.supports, link.argument.opposes)
               for link in tree.links if link.argument]
    for key, supports, opposes in owners:
        for relation, names in (("support", supports), ("attack", opposes)):
            for name in names:
                if name in ids:
                    steps[crosslink_id(key, relation, name)] = max(steps[key], steps[ids[name]])
    return _renumber(steps)


def _explicit(link: Link) -> int | None:
    return link.step if link.argument else link.premises[0].claim.step


def _natural_steps(tree: MapTree) -> dict[str, int]:
    """Thesis; reasons one at a time, shallow first; objections; rebuttals; basis boxes."""
    steps: dict[str, int] = {tree.thesis.key: 1}
    order = sorted(enumerate(tree.links),
                   key=lambda item: (_PHASES[item[1].role], item[1].premises[0].depth, item[0]))
    pending = [link for _, link in order]
    current = 1
    while pending:
        later = []
        for link in pending:
            if link.target.key not in steps:
                later.append(link)
                continue
            current += 1
            steps[link.key] = current
            for premise in link.premises:
                steps[premise.key] = current
        pending = later
    with_basis = [node for node in tree.claims if node.claim.basis]
    if with_basis:
        current += 1
        for node in with_basis:
            steps[f"{node.key}-basis"] = current
    return steps


def _explicit_steps(tree: MapTree) -> dict[str, int]:
    """`step:` where written; elsewhere the step of what the element bears on."""
    steps: dict[str, int] = {tree.thesis.key: tree.thesis.claim.step or 1}
    for link in tree.links:  # written order: a target always comes before its links
        target = steps[link.target.key]
        steps[link.key] = max(_explicit(link) or target, target)
        for premise in link.premises:
            steps[premise.key] = max(premise.claim.step or steps[link.key], steps[link.key])
    for node in tree.claims:
        if node.claim.basis:
            steps[f"{node.key}-basis"] = steps[node.key]
    return steps


def _renumber(steps: dict[str, int]) -> dict[str, int]:
    numbers = {value: index for index, value in enumerate(sorted(set(steps.values())), start=1)}
    return {key: numbers[value] for key, value in steps.items()}


def hidden_at(steps: dict[str, int], step: int) -> frozenset[str]:
    return frozenset(key for key, value in steps.items() if value > step)

