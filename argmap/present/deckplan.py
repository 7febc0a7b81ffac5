"""Planning a deck: which slides, in what order, each measured until its text is readable.

Every slide is a view (draw/views.py). The planner tries the deepest view of a branch
that fits the slide's content area at `min_pt`, folds what is deeper into stubs, and
gives each folded branch slides of its own; a claim whose reasons are too many for one
slide has them spread over several. Slides follow the teaching order of `--steps`:
reasons before objections, each branch followed by its continuations. Declared views
come first. The plan is frozen data; slides.py numbers it and draws it in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..draw import (
    DrawOptions,
    Engine,
    Selection,
    SlideView,
    ViewSpec,
    declared,
    resolve_theme,
    select,
    stub_owner,
)
from ..draw.fit import fit
from ..format import (
    ArgumentMap,
    ClaimNode,
    Link,
    MapTree,
    connector,
    words_for,
)
from ..words import first_words
from .slideshape import MAX_SCALE, DeckOptions, content_box, slide_title

SMALLEST_OTHER_PT = 14.0
_WORDS = 8  # of a claim without a label, in a title or a note's cross-link
_PHASE = {"reason": 0, "objection": 1, "undercut": 1, "rebuttal": 2}


@dataclass(frozen=True)
class PlannedSlide:
    """One slide as planned: the view it draws, fitted, and what it shows."""

    title: str
    spec: ViewSpec
    width: int | None
    text_pt: float
    # TB as the map; LR where one reason of long co-premises fits no other way.
    direction: str = "TB"
    # Room for arrows into captioned boxes, unless it alone keeps the text under 18 pt.
    room: bool = True
    # Closer boxes, where only they bring the text to 18 pt (draw/fit.py).
    compact: bool = False
    claims: tuple[ClaimNode, ...] = ()
    # What it shows in full (not as a label or a summary box), by key, and the claims
    # whose basis box it shows.
    full: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    # Claims whose branches this slide folds into stubs (by key).
    folded: tuple[str, ...] = ()
    # The cross-links of the claims it shows, as the notes say them ("also opposes: …"),
    # whether or not their other end is on the slide to draw the line to.
    crosslinks: tuple[str, ...] = ()
    # A text slide: a map of one box holding a piece of a claim too long for any box.
    text_map: ArgumentMap | None = None


class DeckPlanner:
    """Plans a deck's slides in teaching order. Each slide is measured before it is
    chosen; what the slides taken so far show in full (`take`) decides what still needs a
    slide, and whether a slide would only repeat others."""

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
        self.nodes = {node.key: node for node in tree.claims}
        self.position = {link.key: index for index, link in enumerate(tree.links)}
        self.shown_in_full: set[str] = set()
        self.shown_basis: set[str] = set()  # claims whose basis box a slide has shown
        self.placeholders = tuple(
            (key, self.words.slide(99)) for key in sorted(crosslink_ends(tree))
        )

    # -- measuring -------------------------------------------------------------------------

    def measure(
        self, spec: ViewSpec, direction: str = "TB", last_resort: bool = False
    ) -> tuple[DrawOptions, float, Selection]:
        """The drawing options that fit `spec` best (wrap width; room for arrows, given up
        only in a last resort: a smaller slide is the better way), the claim text size
        they give, the view."""
        # Cross-links leaving the slide end in stubs; measured with the longest "see slide".
        spec = spec.on_slide(crosslink_stubs=True, elsewhere=self.placeholders)
        options = DrawOptions(
            theme=self.options.theme, view=spec, direction=direction, statuses=self.statuses
        )
        chosen, size = fit(
            self.model,
            self.tree,
            options,
            self.engine,
            self.box,
            self.options.picture.timeout,
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

    def plan(self) -> list[PlannedSlide]:
        slides: list[PlannedSlide] = []
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
            slide=SlideView(only=tuple(link.key for link in links)),
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
        return sorted(links, key=lambda link: (_PHASE[link.role], self.position[link.key]))

    def declared(self, name: str) -> list[PlannedSlide]:
        spec = declared(self.model, name)
        drawing, size, selection = self.measure(spec)
        if self.readable(size):
            title = spec.title or name.replace("-", " ").capitalize()
            return [self.keep(self.slide(title, spec, drawing, size, selection))]
        # Too much for one slide: cover the same root, split as needed.
        top = selection.tree.thesis
        return self.cover(top, None, title=spec.title)

    def overview(self) -> list[PlannedSlide]:
        """The thesis and what bears on it directly, labels only, no basis boxes."""
        links = self.ordered(self.below.get(self.tree.thesis.key, []))
        overview = self.words["overview"]
        spec = ViewSpec(depth=1, labels=True, hide=frozenset({"basis"}), title=overview)
        return self.fit_links(self.tree.thesis, links, spec, overview)

    def fit_links(
        self, top: ClaimNode, links: list[Link], base: ViewSpec, title: str
    ) -> list[PlannedSlide]:
        """`base` with all of `links`, or runs of them in order, on as few slides as fit:
        each slide takes the next links while they still fit, so no slide holds one box
        that could have joined the one before."""
        spec = base.on_slide(only=tuple(link.key for link in links))
        measured = self.measure(spec)
        if self.readable(measured[1]) or len(links) <= 1:
            return [self.links_slide(title, spec, measured)]

        def of(run: list[Link]) -> ViewSpec:
            return base.on_slide(only=tuple(link.key for link in run))

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
        return [
            self.links_slide(title, of(run), measured, self.words.part(number, len(runs)))
            for number, (run, measured) in enumerate(runs, start=1)
        ]

    def links_slide(
        self,
        title: str,
        spec: ViewSpec,
        measured: tuple[DrawOptions, float, Selection],
        numbering: str = "",
    ) -> PlannedSlide:
        """One slide of `spec` as measured, taken; left to right, or a warning, where
        top-down is not readable."""
        drawing, size, selection = measured
        direction = "TB"
        if not self.readable(size):
            drawing, size, selection, direction = self.measure_directions(spec, True)
        if not self.readable(size):
            self.too_big(selection, size)
        return self.keep(self.slide(title, spec, drawing, size, selection, direction, numbering))

    def cover(
        self, top: ClaimNode, links: list[Link] | None, title: str | None = None
    ) -> list[PlannedSlide]:
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
            return [self.keep(self.slide(heading, spec, drawing, size, selection, direction))]
        deepest = self.depth_below(chosen)
        planned: PlannedSlide | None = None
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
                    slide=SlideView(only=tuple(link.key for link in chosen)),
                )
                drawing, size, selection, direction = self.measure_directions(spec)
                if self.readable(size):
                    planned = self.slide(heading, spec, drawing, size, selection, direction)
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
                slide=SlideView(only=tuple(link.key for link in chosen)),
            )
            drawing, size, selection = self.measure(spec, last_resort=True)
            # Last resorts: the claim above, already shown in full where its branch was
            # folded (the thesis: on an earlier slide), small as orientation; then left to
            # right as well.
            candidates = [(spec, "TB", drawing, size, selection)]
            if top is not self.tree.thesis or top.key in self.shown_in_full:
                for direction in ("TB", "LR"):
                    smaller = spec._replace(context=False).on_slide(top_as_context=True)
                    measured = self.measure(smaller, direction, last_resort=True)
                    candidates.append((smaller, direction, *measured))
            return self.best_of(heading, candidates)
        return self.and_after(planned)

    def best_of(
        self, heading: str, candidates: list[tuple[ViewSpec, str, DrawOptions, float, Selection]]
    ) -> list[PlannedSlide]:
        """The candidate with the largest text, readable or not (then with a warning), and
        the slides continuing what it folds."""
        spec, direction, drawing, size, selection = max(candidates, key=lambda c: c[3])
        if not self.readable(size):
            self.too_big(selection, size)
        return self.and_after(self.slide(heading, spec, drawing, size, selection, direction))

    def keep(self, slide: PlannedSlide) -> PlannedSlide:
        """The slide taken into the deck: what it shows in full counts as shown."""
        self.take(slide)
        return slide

    def take(self, slide: PlannedSlide) -> bool:
        """Record what the slide shows in full; whether any of it was not shown before."""
        new = bool(slide.full - self.shown_in_full or slide.evidence - self.shown_basis)
        self.shown_in_full |= slide.full
        self.shown_basis |= slide.evidence
        return new

    def and_after(self, slide: PlannedSlide) -> list[PlannedSlide]:
        """The slide, unless it only repeats what slides before it showed (a branch too
        deep to show below its claim, whose claim the overview showed in full), then the
        slides continuing what it folds."""
        new = self.take(slide)
        return [slide, *self.continue_from(slide)] if new else self.continue_from(slide)

    def continue_from(self, slide: PlannedSlide) -> list[PlannedSlide]:
        """Slides for the branches `slide` folds, each after the one before: a claim's
        own, and the undercutters of a reason (folded under its middle premise)."""
        following: list[PlannedSlide] = []
        shown = {node.key for node in slide.claims}
        for owner_key in slide.folded:
            if owner_key in slide.spec.slide.fold:  # folded here only; opened where they belong
                continue
            owner = self.nodes[owner_key]
            if self.below.get(owner_key):
                following += self.cover(owner, None)
            step = owner.link
            if step is not None and stub_owner(step) == owner_key:
                undercutters = self.below.get(step.key, [])
                if any(p.key not in shown for link in undercutters for p in link.premises):
                    following += self.cover_step(step, slide.title)
        return following

    def cover_step(self, link: Link, title: str) -> list[PlannedSlide]:
        """The undercutters of a reason, under its box, with the claim it supports small
        above: an undercutter questions the step from the premises to that claim."""
        undercutters = self.below.get(link.key, [])
        heading = f"{title}: {self.words['against_the_step']}"
        fold = frozenset(premise.key for premise in link.premises)
        base = ViewSpec(root=link.key, slide=SlideView(top_as_context=True, fold=fold))
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
            return first.label or f"{word}: {first_words(first.text, _WORDS)}"
        return top.claim.label or first_words(top.claim.text, _WORDS)

    def slide(
        self,
        title: str,
        spec: ViewSpec,
        drawing: DrawOptions,
        size: float,
        selection: Selection,
        direction: str = "TB",
        numbering: str = "",
    ) -> PlannedSlide:
        """The slide of a measured view; what it shows in full is worked out here and
        counted as shown only when the slide is taken."""
        shown = selection.tree.claims
        # Labels only: a claim with a label shows that, a reason with one its word and
        # label in one box (draw/plan.py), so neither it nor its premises are in full.
        summarised = {link.key for link in selection.tree.links if spec.labels and link.label}
        full = [
            n
            for n in shown
            if not (spec.labels and n.claim.label)
            and not (n.link is not None and n.link.key in summarised)
        ]
        if spec.slide.top_as_context:
            full = [n for n in full if n is not selection.tree.thesis]
        evidence = () if "basis" in spec.hide else (n.key for n in full if n.claim.basis)
        return PlannedSlide(
            slide_title(title, numbering),
            spec,
            drawing.width,
            size,
            direction=direction,
            room=drawing.room,
            compact=drawing.compact,
            claims=tuple(shown),
            full=frozenset(node.key for node in full),
            evidence=frozenset(evidence),
            folded=tuple(stub.owner for stub in selection.stubs),
            crosslinks=tuple(self.crosslinks_of({node.key for node in shown})),
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
            source = " + ".join(_named(node) for node in owners)
            if any(node.key in shown for node in owners) or target.key in shown:
                said.append(f"{source} {verb}: {_named(target)}")
        verb = f"{self.words['also_opposes']} ({self.words['against_the_step']})"
        for undercut, step in self.tree.undercut_targets():
            ends = [*undercut.premises, *step.premises]
            if any(node.key in shown for node in ends):
                source = " + ".join(_named(p) for p in undercut.premises)
                against = step.label or " + ".join(
                    first_words(p.claim.text, _WORDS) for p in step.premises
                )
                said.append(f"{source} {verb}: {against}")
        return said

    def too_big(self, selection: Selection, size: float) -> None:
        longest = max(selection.tree.claims, key=lambda node: len(node.claim.text))
        self.warnings.append(
            f"{first_words(longest.claim.text, _WORDS)!r} does not fit one slide at "
            f"{self.options.min_pt:g} pt: its slide shows text at {size:.1f} pt"
        )


def _named(node: ClaimNode) -> str:
    return node.claim.label or first_words(node.claim.text, _WORDS)


def crosslink_ends(tree: MapTree) -> set[str]:
    """The claims a cross-link's stub may name: its owner's and its target's."""
    ids = {node.claim.id: node.key for node in tree.claims if node.claim.id}
    ends = {stub_owner(c.owner) for c in tree.crosslinks}
    ends |= {ids[c.target_id] for c in tree.crosslinks if c.target_id in ids}
    for undercut, step in tree.undercut_targets():
        ends |= {stub_owner(undercut.owner), stub_owner(step)}
    return ends
