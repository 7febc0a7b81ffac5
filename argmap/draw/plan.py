"""What a drawing will hold, decided before any markup: which boxes, which of them nest."""

from __future__ import annotations

from typing import NamedTuple

from ..format import ClaimNode, CrossUndercut, Link, MapTree
from .views import Selection, Stub, ViewSpec, merge_stubs

# Past this many claims, no room above captioned boxes: Graphviz's time for the spacer
# clusters grows faster than the map (+10 % at 1,000 and 2,000 claims, +22 % at 3,000,
# +37 % at 5,000).
ROOM_LIMIT = 2_000


class Plan(NamedTuple):
    """The boxes of one drawing and how they nest, by key; plain data, no markup."""

    selection: Selection
    view: ViewSpec
    # Labelled reasons drawn as one box of their own (labels-only views), and the box
    # each of their premises is drawn as.
    summarised: frozenset[str]
    drawn_as: dict[str, str]
    # Reasons drawn as a box around their premises: co-premises, a label, or a step that
    # undercutters point at.
    clustered: frozenset[str]
    group_of: dict[str, str | None]  # the map's group each claim and reason is drawn in
    # Boxes with an invisible caption below them, so the arrow into the captioned reason
    # box under them keeps its length (Graphviz would leave it 8 pt).
    room_below: frozenset[str]
    # Claims with lines arriving on the side away from the thesis: their links', or the
    # dashed line of a folded branch's stub; cross-links take their corners.
    tree_targets: frozenset[str]
    undercuts: tuple[tuple[CrossUndercut, Link], ...]  # cross-link undercuts and their steps
    stubs: tuple[Stub, ...]  # one per drawn box
    show_basis: bool
    show_notes: bool

    @property
    def tree(self) -> MapTree:
        return self.selection.tree

    def box(self, key: str) -> str:
        """The node a claim is drawn as: its own, or its summarised reason's box."""
        return self.drawn_as.get(key, key)

    def end(self, link: Link) -> str:
        """The node a link's line starts from: its middle premise, or its summary box."""
        return link.key if link.key in self.summarised else link.middle.key

    def boxed_word(self, link: Link) -> bool:
        """Whether the word heads the reason's box (co-premises, a label) rather than its
        one premise (a box drawn only for undercutters to point at)."""
        return link.key in self.clustered and (len(link.premises) > 1 or bool(link.label))


def make_plan(
    selection: Selection, view: ViewSpec | None, direction: str, notes: bool, room: bool
) -> Plan:
    view = view or ViewSpec()
    tree = selection.tree
    summarised = frozenset(link.key for link in tree.links if view.labels and link.label)
    drawn_as = {
        premise.key: link.key
        for link in tree.links
        if link.key in summarised
        for premise in link.premises
    }
    undercuts = tuple(tree.undercut_targets())
    steps = {step.key for _, step in undercuts}
    clustered = frozenset(
        link.key
        for link in tree.links
        if link.key not in summarised
        and (
            (link.argument and (len(link.premises) > 1 or link.argument.label))
            or link.undercutters  # their arrows end on the reason's own box
            or link.key in steps
        )
    )
    plan = Plan(
        selection=selection,
        view=view,
        summarised=summarised,
        drawn_as=drawn_as,
        clustered=clustered,
        group_of=_groups(tree),
        room_below=frozenset(),
        tree_targets=frozenset(
            {link.target.key for link in tree.links if isinstance(link.target, ClaimNode)}
            | {stub.owner for stub in selection.stubs}
        ),
        undercuts=undercuts,
        stubs=merge_stubs(selection.stubs, drawn_as),
        show_basis="basis" not in view.hide,
        show_notes=notes and "notes" not in view.hide,
    )
    if room and direction in ("TB", "BT") and len(tree.claims) <= ROOM_LIMIT:
        return plan._replace(room_below=_above_captions(plan))
    return plan


def _groups(tree: MapTree) -> dict[str, str | None]:
    """A group applies to the claim or reason naming it and everything beneath."""
    group_of = {tree.thesis.key: tree.thesis.claim.group}
    for link in tree.links:
        inherited = group_of.get(link.target.key)
        group = link.argument.group if link.argument else link.premises[0].claim.group
        group_of[link.key] = group or inherited
        for premise in link.premises:
            group_of[premise.key] = group_of[link.key]
    return group_of


def _above_captions(plan: Plan) -> frozenset[str]:
    """The boxes whose lines run down (or up, in BT) into a captioned reason box.

    Graphviz keeps only 8 pt between a rank and a cluster next to it once the cluster's
    caption and margin are taller than the gap between ranks, so the arrowhead would sit
    on the box's border, over its caption. An invisible cluster around the box above, its
    empty caption below the box, widens that gap to 24 pt, and only there. In LR and RL
    the caption is beside the line, not across it."""
    boxes = set()
    for link in plan.tree.links:
        captioned = plan.boxed_word(link) or link.label or (plan.show_notes and link.note)
        if link.key not in plan.clustered or not captioned:
            continue
        target = link.target
        if isinstance(target, ClaimNode):
            box = plan.box(target.key)
            own = target.link
            if box == target.key and own is not None and own.key in plan.clustered:
                box = own.key  # a premise in a reason's box: the box faces the rank below
        else:  # an undercutter's line leaves the box of the reason it attacks
            box = target.key
        boxes.add(box)
    return frozenset(boxes)
