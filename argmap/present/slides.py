"""A deck from a map: an overview, then its branches, each slide measured and split until
its claim text is readable from the back row.

Every slide is a view (draw/views.py). The planner tries the deepest view of a branch
that fits the slide's content area at `min_pt`, folds what is deeper into stubs, and
gives each folded branch slides of its own; a claim whose reasons are too many for one
slide has them spread over several. Slides follow the teaching order of `--steps`:
reasons before objections, each branch followed by its continuations. Declared views
come first. The writers (pptx, HTML, Markdown) take the planned deck as it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..choices import SLIDES
from ..draw import (
    DrawOptions,
    Engine,
    RenderOptions,
    Selection,
    ViewSpec,
    branches_under,
    declared,
    find_engine,
    render_model,
    resolve_theme,
    select,
    stub_owner,
)
from ..draw.fit import fit
from ..format import (
    ArgumentMap,
    Claim,
    ClaimNode,
    Link,
    MapTree,
    build_tree,
    connector,
    source_citation,
    words_for,
)
from ..words import Words
from .longclaims import long_claims, pieces, shortened, shown_as, text_model
from .steps import assign_steps, render_steps

MARGIN_PT = 24.0
TITLE_BAND_PT = 64.0
# A slide tool fills the picture box; past this a map of three claims would look shouted.
MAX_SCALE = 1.6
SMALLEST_OTHER_PT = 14.0
_PHASE = {"reason": 0, "objection": 1, "undercut": 1, "rebuttal": 2}


def content_box(aspect: str) -> tuple[float, float]:
    """Where a slide's picture goes: below the title band, inside the margins."""
    width, height = SLIDES[aspect]
    return width - 2 * MARGIN_PT, height - TITLE_BAND_PT - 2 * MARGIN_PT


@dataclass
class Slide:
    """One picture slide: the view it draws and what it shows in full."""

    title: str
    spec: ViewSpec
    width: int | None
    text_pt: float
    number: int = 0
    # TB as the map; LR where one reason of long co-premises fits no other way.
    direction: str = "TB"
    # Room for arrows into captioned boxes, unless it alone keeps the text under 18 pt.
    room: bool = True
    # Closer boxes, where only they bring the text to 18 pt (draw/fit.py).
    compact: bool = False
    # Whether it shows a claim or a basis box in full that no slide before it did.
    new: bool = True
    claims: list[ClaimNode] = field(default_factory=list)
    # Claims whose branches this slide folds into stubs (by key).
    folded: list[str] = field(default_factory=list)
    # The cross-links of the claims it shows, as the notes say them ("also opposes: …"),
    # whether or not their other end is on the slide to draw the line to.
    crosslinks: list[str] = field(default_factory=list)
    # With --steps a planned slide becomes `steps` slides revealing it: this is `step`.
    step: int = 1
    steps: int = 1
    svg: bytes = b""
    png: bytes = b""


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


@dataclass(frozen=True)
class DeckOptions:
    aspect: str = "16:9"
    min_pt: float = 18.0
    theme: str = "default"
    engine: str = "auto"
    timeout: float = 30.0
    png: bool = False
    scale: float = 2.0
    steps: bool = False
    evaluate: bool = False


Progress = Callable[[str], None]


def make_deck(
    model: ArgumentMap,
    tree: MapTree,
    options: DeckOptions = DeckOptions(),
    progress: Progress | None = None,
) -> Deck:
    """Plan the slides, number them, then draw each (SVG, and PNG when asked)."""
    engine = find_engine(options.engine)
    statuses: dict[str, str] | None = None
    if options.evaluate:
        from ..assess import shown_statuses

        statuses = shown_statuses(tree)[0]
    full_tree, long = tree, long_claims(tree)
    if long:  # pictures show these by their label or first words; text slides in full
        model = shortened(model, long)
        tree = build_tree(model)
    planner = _Planner(model, tree, options, engine, statuses)
    planned = _with_text_slides(planner.plan(), long, model, options, engine, planner.words)
    citation = source_citation(model) or ""
    if citation.startswith(f"{model.title}, "):  # the source's title is the map's: once
        citation = citation[len(model.title) + 2 :]
    subtitle = " · ".join(part for part in (citation, ", ".join(model.authors)) if part)
    slides = [
        replace(slide, step=step, steps=count)
        for slide in planned
        for count in [_step_count(tree, slide) if options.steps and not slide.svg else 1]
        for step in range(1, count + 1)
    ]
    deck = Deck(model.title, subtitle, options.aspect, slides, planner.warnings, planner.words)
    for number, slide in enumerate(slides, start=2):  # slide 1 is the title slide
        slide.number = number
    started = time.perf_counter()
    continued = _continuations(slides, tree, planner.words)
    showing = _first_showing(slides)
    for slide in slides:
        if slide.step == 1 and not slide.svg:  # a text slide is drawn already
            elsewhere = _elsewhere(slide, showing, tree, planner.words)
            _draw(model, tree, slide, deck, options, statuses, continued[slide.number], elsewhere)
        if progress and time.perf_counter() - started > 1.0:
            progress(f"drawn slide {slide.number} of {len(slides) + 1}")
    if long:  # notes and alt texts say the claims in full
        full = {node.key: node for node in full_tree.claims}
        for slide in slides:
            slide.claims = [full[node.key] for node in slide.claims]
    return deck


def _slide_options(options: DeckOptions, **drawing: Any) -> RenderOptions:
    """How a deck draws a slide's picture: its theme, engine and scale, fitted already."""
    return RenderOptions(
        theme=options.theme,
        engine=options.engine,
        timeout=options.timeout,
        scale=options.scale,
        slide="none",
        **drawing,
    )


def _with_text_slides(
    planned: list[Slide],
    long: list[ClaimNode],
    model: ArgumentMap,
    options: DeckOptions,
    engine: Engine,
    words: Words,
) -> list[Slide]:
    """Each long claim's text slides, after the first slide that shows the claim."""
    slides = list(planned)
    for node in long:
        texts = pieces(node.claim.text)
        made = []
        for number, text in enumerate(texts, start=1):
            piece = text_model(model, text)
            drawing, size = fit(
                piece,
                build_tree(piece),
                DrawOptions(theme=options.theme),
                engine,
                content_box(options.aspect),
                options.timeout,
                target_pt=options.min_pt,
                max_scale=MAX_SCALE,
            )
            render = _slide_options(
                options, width=drawing.width, room=drawing.room, compact=drawing.compact
            )
            count = words.part(number, len(texts)) if len(texts) > 1 else ""
            made.append(
                Slide(
                    slide_title(shown_as(node.claim), count),
                    ViewSpec(),
                    drawing.width,
                    size,
                    claims=[node],
                    svg=render_model(piece, "svg", render),
                    png=render_model(piece, "png", render) if options.png else b"",
                )
            )
        first = next(
            (n for n, slide in enumerate(slides) if any(c.key == node.key for c in slide.claims)),
            len(slides) - 1,
        )
        after = first + 1
        while after < len(slides) and slides[after].svg:  # another claim's text slides
            after += 1
        slides[after:after] = made
    return slides


def _step_count(tree: MapTree, slide: Slide) -> int:
    return max(assign_steps(select(tree, slide.spec).tree).values())


def _draw(
    model: ArgumentMap,
    tree: MapTree,
    slide: Slide,
    deck: Deck,
    options: DeckOptions,
    statuses: dict[str, str] | None,
    where: dict[str, str],
    elsewhere: tuple[tuple[str, str], ...],
) -> None:
    """Draw a planned slide, or all the steps of it, from one layout."""
    spec = slide.spec._replace(
        continued=tuple(sorted(where.items())), crosslink_stubs=True, elsewhere=elsewhere
    )
    render = _slide_options(
        options,
        width=slide.width,
        room=slide.room,
        compact=slide.compact,
        direction=slide.direction,
        view=spec,
        statuses=statuses,
    )
    first = deck.slides.index(slide)
    group = deck.slides[first : first + slide.steps]  # its steps follow it
    if slide.steps > 1:
        svgs = render_steps(model, "svg", render, tree)
        pngs = render_steps(model, "png", render, tree) if options.png else [b""] * len(svgs)
    else:
        svgs = [render_model(model, "svg", render, tree)]
        pngs = [render_model(model, "png", render, tree) if options.png else b""]
    for member, svg, png in zip(group, svgs, pngs, strict=True):
        member.spec, member.svg, member.png = spec, svg, png


def _first_showing(slides: list[Slide]) -> dict[str, int]:
    """The number of the first slide that shows each claim."""
    first: dict[str, int] = {}
    for slide in slides:
        for node in slide.claims:
            first.setdefault(node.key, slide.number)
    return first


def _elsewhere(
    slide: Slide, showing: dict[str, int], tree: MapTree, words: Words
) -> tuple[tuple[str, str], ...]:
    """Where the far end of each cross-link from or to this slide is shown."""
    here = {node.key for node in slide.claims}
    found = {
        key: words.slide(showing[key])
        for key in _crosslink_ends(tree)
        if key not in here and key in showing
    }
    return tuple(sorted(found.items()))


def _crosslink_ends(tree: MapTree) -> set[str]:
    """The claims a cross-link's stub may name: its owner's and its target's."""
    ids = {node.claim.id: node.key for node in tree.claims if node.claim.id}
    ends = {stub_owner(c.owner) for c in tree.crosslinks}
    ends |= {ids[c.target_id] for c in tree.crosslinks if c.target_id in ids}
    for undercut, step in tree.undercut_targets():
        ends |= {stub_owner(undercut.owner), stub_owner(step)}
    return ends


def _continuations(slides: list[Slide], tree: MapTree, words: Words) -> dict[int, dict[str, str]]:
    """For each slide (by number), where the branches it folds continue, by the claim they
    hang under: the first other slide that shows any claim of them (the branch's own
    slide, or one it shares with its siblings)."""
    below = tree.below()
    nodes = {node.key: node for node in tree.claims}
    showing: dict[str, list[Slide]] = {}
    for slide in slides:
        for node in slide.claims:
            showing.setdefault(node.key, []).append(slide)
    found: dict[int, dict[str, str]] = {}
    for slide in slides:
        shown_here = {node.key for node in slide.claims}
        where: dict[str, str] = {}
        for owner in slide.folded:
            numbers = [
                other.number
                for link in branches_under(nodes[owner], below)
                for premise in link.premises
                if premise.key not in shown_here
                for other in showing.get(premise.key, [])[:1]
            ]
            if numbers:
                where[owner] = words.slide(min(numbers))
        found[slide.number] = where
    return found


class _Planner:
    def __init__(
        self,
        model: ArgumentMap,
        tree: MapTree,
        options: DeckOptions,
        engine: Engine,
        statuses: dict[str, str] | None = None,
    ) -> None:
        self.statuses = statuses
        self.model = model
        self.words = words_for(model)
        self.tree = tree
        self.options = options
        self.engine = engine
        self.box = content_box(options.aspect)
        self.font = resolve_theme(options.theme, model.style).font_size
        self.warnings: list[str] = []
        self.below = tree.below()
        self.shown_in_full: set[str] = set()
        self.shown_basis: set[str] = set()  # claims whose basis box a slide has shown
        self.placeholders = tuple(
            (key, self.words.slide(99)) for key in sorted(_crosslink_ends(tree))
        )

    # -- measuring -------------------------------------------------------------------------

    def measure(
        self, spec: ViewSpec, direction: str = "TB", last_resort: bool = False
    ) -> tuple[DrawOptions, float, Selection]:
        """The drawing options that fit `spec` best (wrap width; room for arrows, given up
        only in a last resort: a smaller slide is the better way), the claim text size
        they give, the view."""
        # Cross-links leaving the slide end in stubs; measured with the longest "see slide".
        spec = spec._replace(crosslink_stubs=True, elsewhere=self.placeholders)
        options = DrawOptions(
            theme=self.options.theme, view=spec, direction=direction, statuses=self.statuses
        )
        chosen, size = fit(
            self.model,
            self.tree,
            options,
            self.engine,
            self.box,
            self.options.timeout,
            target_pt=self.options.min_pt,
            max_scale=MAX_SCALE,
            may_drop_room=last_resort,
        )
        return chosen, size, select(self.tree, spec)

    def readable(self, size: float) -> bool:
        """Judged on the size as printed (17.96 pt is "18.0 pt"), as `check --slide` does."""
        return round(size, 1) >= self.options.min_pt

    def measure_directions(
        self, spec: ViewSpec, last_resort: bool = False
    ) -> tuple[DrawOptions, float, Selection, str]:
        """As `measure`, top-down, and left to right where top-down stays under the
        readable size: the directions `check --slide` tries (a map of two long claims
        was an 11 pt deck that LR draws at 21 pt)."""
        drawing, size, selection = self.measure(spec, "TB", last_resort)
        if self.readable(size):
            return drawing, size, selection, "TB"
        across, wide, shown = self.measure(spec, "LR", last_resort)
        if wide > size * 1.05:
            return across, wide, shown, "LR"
        return drawing, size, selection, "TB"

    # -- planning --------------------------------------------------------------------------

    def plan(self) -> list[Slide]:
        slides: list[Slide] = []
        for name in self.model.views:
            slides += self.declared(name)
        if not any(
            view.root in (None, self.tree.thesis.claim.id) for view in self.model.views.values()
        ):
            slides += self.overview()
        pending = [
            link
            for link in self.ordered(self.below.get(self.tree.thesis.key, []))
            if self.unseen_under(link)
        ]
        group: list[Link] = []
        for link in pending:  # small branches share a slide when all of them fit whole
            if group and not self.fits_whole(self.tree.thesis, [*group, link]):
                slides += self.cover(self.tree.thesis, group)
                group = []
            group.append(link)
        if group:
            slides += self.cover(self.tree.thesis, group)
        for node in self.tree.claims:  # anything a declared view folded and nothing opened
            if node.key not in self.shown_in_full:
                slides += self.cover(node, None)
        return slides

    def fits_whole(self, top: ClaimNode, links: list[Link]) -> bool:
        spec = ViewSpec(
            root=top.key,
            depth=self.depth_below(links),
            hide=frozenset({"basis"}),
            only=tuple(link.key for link in links),
        )
        return self.readable(self.measure(spec)[1])

    def unseen_under(self, link: Link) -> bool:
        """Whether a claim in this link, or anywhere beneath it, is not yet shown in full."""
        stack = [link]
        while stack:
            current = stack.pop()
            for premise in current.premises:
                if premise.key not in self.shown_in_full:
                    return True
                stack.extend(self.below.get(premise.key, []))
            stack.extend(self.below.get(current.key, []))
        return False

    def ordered(self, links: list[Link]) -> list[Link]:
        """Teaching order: reasons, then objections and undercutters, then rebuttals."""
        return sorted(links, key=lambda link: (_PHASE[link.role], self.tree.links.index(link)))

    def declared(self, name: str) -> list[Slide]:
        spec = declared(self.model, name)
        drawing, size, selection = self.measure(spec)
        if self.readable(size):
            return [
                self.slide(
                    spec.title or name.replace("-", " ").capitalize(),
                    spec,
                    drawing,
                    size,
                    selection,
                )
            ]
        # Too much for one slide: cover the same root, split as needed.
        top = selection.tree.thesis
        return self.cover(top, None, title=spec.title)

    def overview(self) -> list[Slide]:
        """The thesis and what bears on it directly, labels only, no basis boxes."""
        links = self.ordered(self.below.get(self.tree.thesis.key, []))
        overview = self.words["overview"]
        spec = ViewSpec(depth=1, labels=True, hide=frozenset({"basis"}), title=overview)
        return self.fit_links(self.tree.thesis, links, spec, overview)

    def fit_links(
        self, top: ClaimNode, links: list[Link], base: ViewSpec, title: str
    ) -> list[Slide]:
        """`base` with all of `links`, or runs of them in order, on as few slides as fit:
        each slide takes the next links while they still fit, so no slide holds one box
        that could have joined the one before."""
        spec = base._replace(only=tuple(link.key for link in links))
        measured = self.measure(spec)
        if self.readable(measured[1]) or len(links) <= 1:
            return [self.links_slide(title, spec, measured)]

        def of(run: list[Link]) -> ViewSpec:
            return base._replace(only=tuple(link.key for link in run))

        runs: list[tuple[list[Link], tuple[DrawOptions, float, Selection]]] = []
        start = 0
        while start < len(links):
            end = start + 1
            best = self.measure(of(links[start:end]))
            while end < len(links):
                trial = self.measure(of(links[start : end + 1]))
                if not self.readable(trial[1]):
                    break
                best, end = trial, end + 1
            runs.append((links[start:end], best))
            start = end
        # A last slide of one box takes the box before it, where both still fit.
        if len(runs) > 1 and len(runs[-1][0]) == 1 and len(runs[-2][0]) > 1:
            (before, _), (last, _) = runs[-2], runs[-1]
            joined = self.measure(of([before[-1], *last]))
            if self.readable(joined[1]):
                runs[-2:] = [
                    (before[:-1], self.measure(of(before[:-1]))),
                    ([before[-1], *last], joined),
                ]
        parts = [self.links_slide(title, of(run), measured) for run, measured in runs]
        for index, slide in enumerate(parts, start=1):
            slide.title = slide_title(title, self.words.part(index, len(parts)))
        return parts

    def links_slide(
        self, title: str, spec: ViewSpec, measured: tuple[DrawOptions, float, Selection]
    ) -> Slide:
        """One slide of `spec` as measured; left to right, or a warning, where top-down
        is not readable."""
        drawing, size, selection = measured
        direction = "TB"
        if not self.readable(size):
            drawing, size, selection, direction = self.measure_directions(spec, True)
        if not self.readable(size):
            self.too_big(selection, size)
        slide = self.slide(title, spec, drawing, size, selection)
        slide.direction = direction
        return slide

    def cover(
        self, top: ClaimNode, links: list[Link] | None, title: str | None = None
    ) -> list[Slide]:
        """Slides showing `links` under `top` (all its links when None), deepest first;
        what no slide could show yet is covered by slides rooted where it was folded."""
        chosen = self.ordered(links if links is not None else self.below.get(top.key, []))
        heading = title or self.title_for(top, chosen)
        context = top is not self.tree.thesis
        if not chosen:
            spec = ViewSpec(root=top.key, depth=0, context=context)
            drawing, size, selection, direction = self.measure_directions(spec)
            if not self.readable(size):
                self.too_big(selection, size)
            alone = self.slide(heading, spec, drawing, size, selection)
            alone.direction = direction
            return [alone]
        deepest = self.depth_below(chosen)
        planned: list[Slide] | None = None
        # Deepest first; at each depth with everything, then without basis boxes, then
        # without the path to the thesis (the title still names where the slide is).
        tries = [(frozenset(), context), (frozenset({"basis"}), context)]
        if context:
            tries.append((frozenset({"basis"}), False))
        for depth in range(deepest, 0, -1):
            for hide, with_path in tries:
                spec = ViewSpec(
                    root=top.key,
                    depth=depth,
                    context=with_path,
                    hide=hide,
                    only=tuple(link.key for link in chosen),
                )
                drawing, size, selection, direction = self.measure_directions(spec)
                if self.readable(size):
                    planned = [self.slide(heading, spec, drawing, size, selection)]
                    planned[0].direction = direction
                    break
            if planned:
                break
        if planned is None:
            if len(chosen) > 1:  # too many reasons side by side: spread them over slides
                half = (len(chosen) + 1) // 2
                return [
                    *self.cover(top, chosen[:half], heading),
                    *self.cover(top, chosen[half:], heading),
                ]
            spec = ViewSpec(
                root=top.key,
                depth=1,
                context=context,
                hide=frozenset({"basis"}),
                only=tuple(link.key for link in chosen),
            )
            drawing, size, selection = self.measure(spec, last_resort=True)
            # Last resorts: the claim above, already shown in full where its branch was
            # folded (the thesis: on an earlier slide), small as orientation; then left to
            # right as well.
            candidates = [(spec, "TB", drawing, size, selection)]
            if top is not self.tree.thesis or top.key in self.shown_in_full:
                for direction in ("TB", "LR"):
                    smaller = spec._replace(context=False, top_as_context=True)
                    measured = self.measure(smaller, direction, last_resort=True)
                    candidates.append((smaller, direction, *measured))
            return self.best_of(heading, candidates)
        return self.and_after(planned[0])

    def best_of(
        self, heading: str, candidates: list[tuple[ViewSpec, str, DrawOptions, float, Selection]]
    ) -> list[Slide]:
        """The candidate with the largest text, readable or not (then with a warning), and
        the slides continuing what it folds."""
        spec, direction, drawing, size, selection = max(candidates, key=lambda c: c[3])
        if not self.readable(size):
            self.too_big(selection, size)
        slide = self.slide(heading, spec, drawing, size, selection)
        slide.direction = direction
        return self.and_after(slide)

    def and_after(self, slide: Slide) -> list[Slide]:
        """The slide, unless it only repeats what slides before it showed (a branch too
        deep to show below its claim, whose claim the overview showed in full), then the
        slides continuing what it folds."""
        return [slide, *self.continue_from(slide)] if slide.new else self.continue_from(slide)

    def continue_from(self, slide: Slide) -> list[Slide]:
        """Slides for the branches `slide` folds, each after the one before: a claim's
        own, and the undercutters of a reason (folded under its middle premise)."""
        following: list[Slide] = []
        shown = {node.key for node in slide.claims}
        for owner_key in slide.folded:
            if owner_key in slide.spec.fold:  # folded here only; opened where they belong
                continue
            owner = next(node for node in self.tree.claims if node.key == owner_key)
            if self.below.get(owner_key):
                following += self.cover(owner, None)
            step = owner.link
            if step is not None and stub_owner(step) == owner_key:
                undercutters = self.below.get(step.key, [])
                if any(p.key not in shown for link in undercutters for p in link.premises):
                    following += self.cover_step(step, slide.title)
        return following

    def cover_step(self, link: Link, title: str) -> list[Slide]:
        """The undercutters of a reason, under its box, with the claim it supports small
        above: an undercutter questions the step from the premises to that claim."""
        undercutters = self.below.get(link.key, [])
        heading = f"{title}: {self.words['against_the_step']}"
        fold = frozenset(premise.key for premise in link.premises)
        base = ViewSpec(root=link.key, top_as_context=True, fold=fold)
        # The box in full, then without basis boxes, then (a labelled reason) as its label.
        tries = [(frozenset(), False), (frozenset({"basis"}), False)]
        if link.label:
            tries.append((frozenset({"basis"}), True))
        spec = base
        for depth in range(1 + self.depth_below(undercutters), 1, -1):
            for hide, labels in tries:
                spec = base._replace(depth=depth, hide=hide, labels=labels)
                drawing, size, selection = self.measure(spec)
                if self.readable(size):
                    return self.and_after(self.slide(heading, spec, drawing, size, selection))
        candidates = [(spec, d, *self.measure(spec, d, last_resort=True)) for d in ("TB", "LR")]
        return self.best_of(heading, candidates)

    def depth_below(self, links: list[Link]) -> int:
        deepest, stack = 1, [(link, 1) for link in links]
        while stack:
            current, level = stack.pop()
            deepest = max(deepest, level)
            for premise in current.premises:
                stack.extend((child, level + 1) for child in self.below.get(premise.key, []))
            stack.extend((child, level + 1) for child in self.below.get(current.key, []))
        return deepest

    def title_for(self, top: ClaimNode, links: list[Link]) -> str:
        """The reason's label, its one premise's label or words, else the claim's."""
        if len(links) == 1 and top is self.tree.thesis:
            link = links[0]
            if link.label:
                return link.label
            first = link.premises[0].claim
            word = connector(link, step=False, words=self.words)
            word = word[:1].upper() + word[1:]
            return first.label or f"{word}: {_short(first.text)}"
        return top.claim.label or _short(top.claim.text)

    def slide(
        self, title: str, spec: ViewSpec, drawing: DrawOptions, size: float, selection: Selection
    ) -> Slide:
        shown = selection.tree.claims
        # Labels only: a claim with a label shows that, a reason with one its word and
        # label in one box (draw/graph.py), so neither it nor its premises are in full.
        summarised = {link.key for link in selection.tree.links if spec.labels and link.label}
        full = [
            n
            for n in shown
            if not (spec.labels and n.claim.label)
            and not (n.link is not None and n.link.key in summarised)
        ]
        if spec.top_as_context:
            full = [n for n in full if n is not selection.tree.thesis]
        keys = {node.key for node in full}
        evidence = set() if "basis" in spec.hide else {n.key for n in full if n.claim.basis}
        new = bool(keys - self.shown_in_full or evidence - self.shown_basis)
        self.shown_in_full |= keys
        self.shown_basis |= evidence
        folded = [stub.owner for stub in selection.stubs]
        return Slide(
            slide_title(title),
            spec,
            drawing.width,
            size,
            room=drawing.room,
            compact=drawing.compact,
            claims=list(shown),
            folded=folded,
            new=new,
            crosslinks=self.crosslinks_of({node.key for node in shown}),
        )

    def crosslinks_of(self, shown: set[str]) -> list[str]:
        """Every cross-link from or to a shown claim, in words."""
        by_id = {node.claim.id: node for node in self.tree.claims if node.claim.id}
        said = []
        for crosslink in self.tree.crosslinks:
            owner = crosslink.owner
            owners = [owner] if isinstance(owner, ClaimNode) else owner.premises
            target = by_id.get(crosslink.target_id)
            if target is None:
                continue
            verb = self.words[
                "also_supports" if crosslink.relation == "support" else "also_opposes"
            ]
            source = " + ".join(_short(node.claim.label or node.claim.text) for node in owners)
            if any(node.key in shown for node in owners) or target.key in shown:
                said.append(f"{source} {verb}: {_short(target.claim.label or target.claim.text)}")
        verb = f"{self.words['also_opposes']} ({self.words['against_the_step']})"
        for undercut, step in self.tree.undercut_targets():
            ends = [*undercut.premises, *step.premises]
            if any(node.key in shown for node in ends):
                source = " + ".join(
                    _short(p.claim.label or p.claim.text) for p in undercut.premises
                )
                against = step.label or " + ".join(_short(p.claim.text) for p in step.premises)
                said.append(f"{source} {verb}: {against}")
        return said

    def too_big(self, selection: Selection, size: float) -> None:
        longest = max(selection.tree.claims, key=lambda node: len(node.claim.text))
        self.warnings.append(
            f"{_short(longest.claim.text)!r} does not fit one slide at "
            f"{self.options.min_pt:g} pt: its slide shows text at {size:.1f} pt"
        )


# A title longer than this would run over the title band at 28 pt on a 4:3 slide.
TITLE_CHARACTERS = 56


def slide_title(title: str, numbering: str = "") -> str:
    """The title on one line of at most TITLE_CHARACTERS, cut at a word, never inside one;
    a numbering such as "(2 of 3)" is kept whole at its end."""
    tail = f" {numbering}" if numbering else ""
    flat = " ".join(title.split())
    if len(flat) + len(tail) <= TITLE_CHARACTERS:
        return flat + tail
    body = flat
    room = TITLE_CHARACTERS - len(tail) - 2
    cut = body[: room + 1].rsplit(" ", 1)[0] if " " in body[:room] else body[:room]
    return cut.rstrip(" ,;:\u2013-") + " …" + tail


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


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
