"""A deck from a map: the planned slides (deckplan.py) numbered, stepped and drawn in one
pass, each a picture whose claim text is readable from the back row.

The writers (pptx, HTML, Markdown) take the drawn deck as it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..draw import RenderOptions, ViewSpec, branches_under, find_engine, render_model, select
from ..format import ArgumentMap, Claim, ClaimNode, MapTree, build_tree, source_citation
from ..words import Words
from .deckplan import DeckPlanner, PlannedSlide, crosslink_ends
from .longclaims import long_claims, shortened, with_text_slides
from .slideshape import DeckOptions, content_box
from .steps import assign_steps, render_steps


@dataclass(frozen=True)
class Slide:
    """One picture slide of a drawn deck: its plan, its number, the step of the plan it
    reveals, and its picture."""

    plan: PlannedSlide
    number: int
    spec: ViewSpec  # the plan's view as drawn: where folded branches and cross-links go
    claims: tuple[ClaimNode, ...]  # in full, for notes and alt texts
    svg: bytes
    png: bytes = b""
    # With --steps a planned slide becomes `steps` slides revealing it: this is `step`.
    step: int = 1
    steps: int = 1

    @property
    def title(self) -> str:
        return self.plan.title

    @property
    def text_pt(self) -> float:
        return self.plan.text_pt

    @property
    def crosslinks(self) -> tuple[str, ...]:
        return self.plan.crosslinks


@dataclass
class Deck:
    title: str
    subtitle: str
    aspect: str
    slides: list[Slide]
    warnings: list[str] = field(default_factory=list)
    words: Words = field(default_factory=Words)  # the map's language: notes, alt texts

    @property
    def box(self) -> tuple[float, float]:
        return content_box(self.aspect)


Progress = Callable[[str], None]


def make_deck(
    model: ArgumentMap,
    tree: MapTree,
    options: DeckOptions | None = None,
    progress: Progress | None = None,
) -> Deck:
    """Plan the slides, number them, then draw each (SVG, and PNG when asked)."""
    options = options or DeckOptions()
    engine = find_engine(options.picture.engine)
    statuses: dict[str, str] | None = None
    if options.evaluate:
        from ..assess import shown_statuses

        statuses = shown_statuses(tree)[0]
    full_tree, long = tree, long_claims(tree)
    if long:  # pictures show these by their label or first words; text slides in full
        model = shortened(model, long)
        tree = build_tree(model)
    planner = DeckPlanner(model, tree, options, engine, statuses)
    planned = with_text_slides(planner.plan(), long, model, options, engine, planner.words)
    stepped = [
        (plan, step, count)
        for plan in planned
        for count in [_step_count(tree, plan) if options.steps and not plan.text_map else 1]
        for step in range(1, count + 1)
    ]
    numbered = [(number, plan) for number, (plan, _, _) in enumerate(stepped, start=2)]
    continued = _continuations(numbered, tree, planner.words)
    showing = _first_showing(numbered)
    full = {node.key: node for node in full_tree.claims}  # notes say long claims whole
    slides: list[Slide] = []
    started = time.perf_counter()
    for number, (plan, step, count) in enumerate(stepped, start=2):
        if step == 1:
            where = _elsewhere(plan, showing, tree, planner.words)
            drawn = _draw(model, tree, plan, count, options, statuses, continued[number], where)
        spec, svg, png = drawn[step - 1]
        claims = tuple(full[node.key] for node in plan.claims)
        slides.append(Slide(plan, number, spec, claims, svg, png, step, count))
        if progress and time.perf_counter() - started > 1.0:
            progress(f"drawn slide {number} of {len(stepped) + 1}")
    return Deck(
        model.title, _subtitle(model), options.aspect, slides, planner.warnings, planner.words
    )


def _subtitle(model: ArgumentMap) -> str:
    """The source and the authors; the source's title once where it is the map's."""
    citation = source_citation(model) or ""
    if citation.startswith(f"{model.title}, "):
        citation = citation[len(model.title) + 2 :]
    return " · ".join(part for part in (citation, ", ".join(model.authors)) if part)


def _slide_options(options: DeckOptions, **drawing: Any) -> RenderOptions:
    """How a deck draws a slide's picture: the deck's theme, engine and scale, fitted
    already (the plan's width, direction and view)."""
    return options.picture.drawn(**drawing)


def _step_count(tree: MapTree, plan: PlannedSlide) -> int:
    return max(assign_steps(select(tree, plan.spec).tree).values())


def _draw(
    model: ArgumentMap,
    tree: MapTree,
    plan: PlannedSlide,
    steps: int,
    options: DeckOptions,
    statuses: dict[str, str] | None,
    where: dict[str, str],
    elsewhere: tuple[tuple[str, str], ...],
) -> list[tuple[ViewSpec, bytes, bytes]]:
    """A planned slide drawn, or each of its steps from one layout: (view, SVG, PNG)."""
    if plan.text_map is not None:
        render = _slide_options(options, width=plan.width, room=plan.room, compact=plan.compact)
        svg = render_model(plan.text_map, "svg", render)
        png = render_model(plan.text_map, "png", render) if options.png else b""
        return [(plan.spec, svg, png)]
    spec = plan.spec._replace(continued=tuple(sorted(where.items()))).on_slide(
        crosslink_stubs=True, elsewhere=elsewhere
    )
    render = _slide_options(
        options,
        width=plan.width,
        room=plan.room,
        compact=plan.compact,
        direction=plan.direction,
        view=spec,
        statuses=statuses,
    )
    if steps > 1:
        svgs = render_steps(model, "svg", render, tree)
        pngs = render_steps(model, "png", render, tree) if options.png else [b""] * len(svgs)
    else:
        svgs = [render_model(model, "svg", render, tree)]
        pngs = [render_model(model, "png", render, tree) if options.png else b""]
    return [(spec, svg, png) for svg, png in zip(svgs, pngs, strict=True)]


def _first_showing(numbered: list[tuple[int, PlannedSlide]]) -> dict[str, int]:
    """The number of the first slide that shows each claim."""
    first: dict[str, int] = {}
    for number, plan in numbered:
        for node in plan.claims:
            first.setdefault(node.key, number)
    return first


def _elsewhere(
    plan: PlannedSlide, showing: dict[str, int], tree: MapTree, words: Words
) -> tuple[tuple[str, str], ...]:
    """Where the far end of each cross-link from or to this slide is shown."""
    here = {node.key for node in plan.claims}
    found = {
        key: words.slide(showing[key])
        for key in crosslink_ends(tree)
        if key not in here and key in showing
    }
    return tuple(sorted(found.items()))


def _continuations(
    numbered: list[tuple[int, PlannedSlide]], tree: MapTree, words: Words
) -> dict[int, dict[str, str]]:
    """For each slide (by number), where the branches it folds continue, by the claim they
    hang under: the first other slide that shows any claim of them (the branch's own
    slide, or one it shares with its siblings)."""
    below = tree.below()
    nodes = {node.key: node for node in tree.claims}
    showing: dict[str, list[int]] = {}
    for number, plan in numbered:
        for node in plan.claims:
            showing.setdefault(node.key, []).append(number)
    found: dict[int, dict[str, str]] = {}
    for number, plan in numbered:
        shown_here = {node.key for node in plan.claims}
        where: dict[str, str] = {}
        for owner in plan.folded:
            numbers = [
                other
                for link in branches_under(nodes[owner], below)
                for premise in link.premises
                if premise.key not in shown_here
                for other in showing.get(premise.key, [])[:1]
            ]
            if numbers:
                where[owner] = words.slide(min(numbers))
        found[number] = where
    return found


def notes_for(slide: Slide, words: Words) -> str:
    """Speaker notes: every claim on the slide in full, with its quote and basis, and the
    cross-links from or to them (drawn only where both ends are on the slide)."""
    lines = []
    for node in slide.claims:
        claim: Claim = node.claim
        head = f"{claim.label}: " if claim.label else ""
        lines.append(f"- {head}{' '.join(claim.text.split())}")
        if claim.quote:
            lines.append(f"  \u201c{' '.join(claim.quote.split())}\u201d")
        if claim.basis:
            citation = f": {claim.basis.citation}" if claim.basis.citation else ""
            lines.append(f"  [{words[claim.basis.kind]}{citation}]")
    lines += [f"- {said}" for said in slide.crosslinks]
    return "\n".join(lines)


def alt_text(slide: Slide, words: Words) -> str:
    """A picture's description for screen readers: its title and its claims, in order."""
    texts = [" ".join(node.claim.text.split()) for node in slide.claims]
    return f"{words['argument_map']}: {slide.title}. " + " ".join(texts)
