"""Stepwise reveal: which step each element appears in, and the pictures of every step."""

from __future__ import annotations

from ..draw import RenderOptions, find_engine, fitted, render_drawing, render_svg, select, to_dot
from ..format import ArgumentMap, Link, MapTree, build_tree

_PHASES = {"reason": 0, "objection": 1, "undercut": 1, "rebuttal": 2}


def assign_steps(tree: MapTree) -> dict[str, int]:
    """Element key -> step (1-based); every element appears no earlier than what it bears on."""
    explicit = tree.thesis.claim.step is not None or any(
        _explicit(link) is not None or any(p.claim.step is not None for p in link.premises)
        for link in tree.links
    )
    steps = _explicit_steps(tree) if explicit else _natural_steps(tree)
    ids = {node.claim.id: node.key for node in tree.claims if node.claim.id}
    for crosslink in tree.crosslinks:
        if crosslink.target_id in ids:
            steps[crosslink.key] = max(steps[crosslink.owner.key], steps[ids[crosslink.target_id]])
    for undercut, step in tree.undercut_targets():
        steps[undercut.key] = max(steps[undercut.owner.key], steps[step.key])
    return _renumber(steps)


def _explicit(link: Link) -> int | None:
    return link.step if link.argument else link.premises[0].claim.step


def _natural_steps(tree: MapTree) -> dict[str, int]:
    """Thesis; reasons one at a time, shallow first; objections; rebuttals; basis boxes."""
    steps: dict[str, int] = {tree.thesis.key: 1}
    order = sorted(
        enumerate(tree.links),
        key=lambda item: (_PHASES[item[1].role], item[1].premises[0].depth, item[0]),
    )
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


def render_steps(
    model: ArgumentMap, output_format: str, options: RenderOptions, tree: MapTree | None = None
) -> list[bytes]:
    """One picture per step, all from one layout: hidden elements stay in it, invisible."""
    tree = tree or build_tree(model)
    steps = assign_steps(_shown(tree, options))
    engine = None if output_format == "dot" else find_engine(options.engine)
    if engine is not None:
        options = fitted(model, options, tree, engine)
    pictures = []
    for step in range(1, max(steps.values()) + 1):
        step_options = options.drawn(hidden=hidden_at(steps, step))
        drawing = to_dot(model, step_options.drawing, tree)
        if engine is None:
            pictures.append(drawing.dot.encode("utf-8"))
        else:
            pictures.append(render_drawing(drawing, engine, output_format, step_options))
    return pictures


def render_fragments(
    model: ArgumentMap, options: RenderOptions, tree: MapTree | None = None
) -> bytes:
    """One SVG whose later steps are reveal.js fragments, for inline use in slides."""
    tree = tree or build_tree(model)
    steps = assign_steps(_shown(tree, options))
    engine = find_engine(options.engine)
    options = fitted(model, options, tree, engine)
    drawing = to_dot(model, options.drawing, tree)
    fragments = {
        element: steps[key] - 1
        for element, key in drawing.element_keys.items()
        if steps.get(key, 1) > 1
    }
    return render_svg(drawing, engine, options, fragments)


def _shown(tree: MapTree, options: RenderOptions) -> MapTree:
    """The part of the tree the picture shows: its view's selection, or all of it."""
    view = options.drawing.view
    return select(tree, view).tree if view else tree
