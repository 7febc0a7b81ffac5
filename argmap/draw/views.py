"""Views: the part of a map one picture shows — a subtree, so deep, in so many words.

A view selects from the claim tree: the claims and links under its root down to its
depth; every claim whose branches it cuts off gets a stub that counts the claims hidden
there and says where they continue. The selection is a MapTree like any other, so the
DOT writer, stepwise reveal and outline draw a view as they draw a whole map.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from ..format import ArgumentMap, ClaimNode, Link, MapTree
from ..suggest import closest


class SlideView(NamedTuple):
    """What a deck's slide adds to a view (present/deckplan.py decides it)."""

    # Only these links of the top claim (by key): a crowded claim's reasons over slides.
    only: tuple[str, ...] = ()
    # The top claim small and muted, as orientation: it is shown in full elsewhere.
    top_as_context: bool = False
    # Claims whose branches fold into their stubs whatever the depth (by key): a slide
    # for a reason's undercutters folds the reasons of its premises.
    fold: frozenset[str] = frozenset()
    # A cross-link with one end outside the view drawn to (or from) a box naming that end,
    # and where it is shown, by claim key ("slide N").
    crosslink_stubs: bool = False
    elsewhere: tuple[tuple[str, str], ...] = ()


class ViewSpec(NamedTuple):
    """What to show: a map's view (`views:`, `--root`, `--depth`, …), with what a slide of
    a deck adds; `continued` names where folded branches continue, by claim key."""

    root: str | None = None
    depth: int | None = None
    labels: bool = False
    context: bool = False
    hide: frozenset[str] = frozenset()
    title: str | None = None
    continued: tuple[tuple[str, str], ...] = ()
    # Claims (by key) whose folded branches were opened beyond the depth: the preview's
    # click on a stub unfolds that branch in place, one level at a time.
    unfold: frozenset[str] = frozenset()
    slide: SlideView = SlideView()

    def on_slide(self, **changes: Any) -> ViewSpec:
        """The view with the slide's part changed."""
        return self._replace(slide=self.slide._replace(**changes))


class Stub(NamedTuple):
    """A folded branch: below `owner`, `hidden` claims, continued at `where` (may be '')."""

    owner: str
    hidden: int
    where: str


class Away(NamedTuple):
    """A cross-link (or cross-link undercut) with one end in the view: `outward` when its
    owner is shown and its target is not."""

    key: str
    relation: str  # support, attack or undercut
    owner: ClaimNode | Link
    target: ClaimNode | Link
    outward: bool

    @property
    def other(self) -> ClaimNode:
        """The claim that stands for the end not shown (a reason's middle premise)."""
        end = self.target if self.outward else self.owner
        return end if isinstance(end, ClaimNode) else end.middle


class Selection(NamedTuple):
    tree: MapTree
    stubs: tuple[Stub, ...]
    # The chain above the view's top claim, from the thesis down: (key, text) pairs, and
    # the links from each claim of it, and from the top claim, to the claim above.
    context: tuple[tuple[str, str], ...]
    context_links: tuple[Link, ...] = ()
    away: tuple[Away, ...] = ()


class UnknownRoot(KeyError):
    """A view's root names no claim or reason of the map."""


def declared(model: ArgumentMap, name: str) -> ViewSpec:
    """The view the map declares under `name` (KeyError when it declares none)."""
    view = model.views[name]
    return ViewSpec(
        root=view.root,
        depth=view.depth,
        labels=view.text == "labels",
        context=view.context == "path",
        hide=frozenset(view.hide),
        title=view.title,
    )


class NoSuchView(ValueError):
    """A view or root id the map does not have; the message says what it has instead."""


def view_for(
    model: ArgumentMap,
    tree: MapTree,
    name: str | None,
    root: str | None = None,
    depth: int | None = None,
    labels: bool = False,
    context: bool = False,
) -> ViewSpec | None:
    """The view `name` declares, changed by a root, a depth, labels only or the context
    above; None when nothing is asked. Folded branches name the declared views that open
    them."""
    if name is None and root is None and depth is None and not labels and not context:
        return None
    spec = ViewSpec()
    if name is not None:
        if name not in model.views:
            known = ", ".join(model.views) or "none"
            raise NoSuchView(f"the map declares no view {name!r} (views: {known})")
        spec = declared(model, name)
    spec = spec._replace(
        root=root if root is not None else spec.root,
        depth=depth if depth is not None else spec.depth,
        labels=labels or spec.labels,
        context=context or spec.context,
    )
    try:
        find_root(tree, spec.root)
    except UnknownRoot:
        ids = [n.claim.id for n in tree.claims if n.claim.id]
        ids += [link.explicit_id for link in tree.links if link.explicit_id]
        close = closest(str(spec.root), ids)
        hint = f"; did you mean {close!r}?" if close else ""
        raise NoSuchView(f"no claim or reason has the id {spec.root!r}{hint}") from None
    opened = []
    for other, view in model.views.items():
        with contextlib.suppress(UnknownRoot):  # reported by the check (E202)
            node = find_root(tree, view.root) if view.root else None
            if isinstance(node, ClaimNode) and other != name:
                opened.append((node.key, f"view {other}"))
    return spec._replace(continued=tuple(opened))


def find_root(tree: MapTree, root: str | None) -> ClaimNode | Link:
    """A claim or reason by its id (or its stable key); the thesis when None."""
    if root is None:
        return tree.thesis
    for node in tree.claims:
        if root in (node.claim.id, node.key):
            return node
    for link in tree.links:
        if root in (link.explicit_id, link.key):
            return link
    raise UnknownRoot(root)


def select(tree: MapTree, spec: ViewSpec) -> Selection:
    """The claims, links and cross-links the view shows, the stubs and the context."""
    start = find_root(tree, spec.root)
    top = start.target if isinstance(start, Link) else start
    while isinstance(top, Link):  # an undercutter's reason: show the claim it supports
        top = top.target
    below = tree.below()
    limit = spec.depth if spec.depth is not None else len(tree.claims)
    claims: list[ClaimNode] = [top]
    links: list[Link] = []
    stubs: list[Stub] = []
    where = dict(spec.continued)
    # (owner, level of the claims its links bring in); owners are claims or links.
    work: list[tuple[ClaimNode | Link, int]] = [(top, 1)]
    while work:
        owner, level = work.pop(0)
        children = below.get(owner.key, [])
        if owner is top and isinstance(start, Link):
            children = [start]
        elif owner is top and spec.slide.only:
            children = [link for link in children if link.key in spec.slide.only]
        if not children:
            continue
        if (level > limit and stub_owner(owner) not in spec.unfold) or owner.key in spec.slide.fold:
            hidden = sum(_size(link, below) for link in children)
            key = stub_owner(owner)
            stubs.append(Stub(key, hidden, where.get(key, "")))
            continue
        for link in children:
            links.append(link)
            claims.extend(link.premises)
            work.extend((premise, level + 1) for premise in link.premises)
            work.append((link, level + 1))  # its undercutters
    shown = {node.key for node in claims}
    order = {node.key: index for index, node in enumerate(tree.claims)}
    claims.sort(key=lambda node: order[node.key])
    link_order = {link.key: index for index, link in enumerate(tree.links)}
    links.sort(key=lambda link: link_order[link.key])
    crosslinks = [
        c
        for c in tree.crosslinks
        if all(p.key in shown for p in c.premises) and _target_key(tree, c.target_id) in shown
    ]
    # An undercut is drawn only where its step is too (the selected tree's own steps).
    undercuts = [u for u in tree.undercuts if all(p.key in shown for p in u.premises)]
    context = _context(top) if spec.context else ()
    context_links = _context_links(top) if spec.context else ()
    away = _away(tree, shown, {link.key for link in links}) if spec.slide.crosslink_stubs else ()
    return Selection(
        MapTree(top, claims, links, crosslinks, undercuts),
        merge_stubs(stubs),
        context,
        context_links,
        away,
    )


def merge_stubs(
    stubs: Iterable[Stub], drawn_as: Mapping[str, str] | None = None
) -> tuple[Stub, ...]:
    """One stub per box: a claim's own branches and its reason's undercutters, or (in a
    labels-only view) all its premises' under a summarised reason's box."""
    merged: dict[str, Stub] = {}
    for stub in stubs:
        owner = (drawn_as or {}).get(stub.owner, stub.owner)
        before = merged.get(owner)
        hidden = stub.hidden + (before.hidden if before else 0)
        merged[owner] = Stub(owner, hidden, (before.where if before else "") or stub.where)
    return tuple(merged.values())


def _away(tree: MapTree, shown: set[str], shown_links: set[str]) -> tuple[Away, ...]:
    ids = {node.claim.id: node for node in tree.claims if node.claim.id}
    found = []
    for crosslink in tree.crosslinks:
        target = ids.get(crosslink.target_id)
        owner_in = all(p.key in shown for p in crosslink.premises)
        if target is not None and owner_in != (target.key in shown):
            found.append(Away(crosslink.key, crosslink.relation, crosslink.owner, target, owner_in))
    for undercut, step in tree.undercut_targets():
        owner_in = all(p.key in shown for p in undercut.premises)
        if owner_in != (step.key in shown_links):
            found.append(Away(undercut.key, "undercut", undercut.owner, step, owner_in))
    return tuple(found)


def _size(link: Link, below: dict[str, list[Link]]) -> int:
    """Claims in a link and everything beneath it."""
    count, stack = 0, [link]
    while stack:
        current = stack.pop()
        count += len(current.premises)
        stack.extend(below.get(current.key, []))
        for premise in current.premises:
            stack.extend(below.get(premise.key, []))
    return count


def stub_owner(owner: ClaimNode | Link) -> str:
    """The claim a stub hangs under (a link's undercutters: under its middle premise)."""
    if isinstance(owner, ClaimNode):
        return owner.key
    return owner.middle.key


def branches_under(owner: ClaimNode, below: dict[str, list[Link]]) -> list[Link]:
    """The links a stub under `owner` can stand for: the claim's own, and, under the
    middle premise of a reason, the undercutters of that reason."""
    links = list(below.get(owner.key, []))
    if owner.link is not None and stub_owner(owner.link) == owner.key:
        links += below.get(owner.link.key, [])
    return links


def _target_key(tree: MapTree, target_id: str) -> str | None:
    return next((node.key for node in tree.claims if node.claim.id == target_id), None)


def _context_links(top: ClaimNode) -> tuple[Link, ...]:
    """The link by which each claim of the chain bears on the claim above it, thesis
    first (an undercutter's step is passed through to the claim its reason supports)."""
    found: list[Link] = []
    node: ClaimNode | Link | None = top
    while isinstance(node, ClaimNode) and node.link is not None:
        found.append(node.link)
        target: ClaimNode | Link = node.link.target
        while isinstance(target, Link):
            target = target.target
        node = target
    return tuple(reversed(found))


def _context(top: ClaimNode) -> tuple[tuple[str, str], ...]:
    chain: list[tuple[str, str]] = []
    node: ClaimNode | Link | None = top.link.target if top.link else None
    while node is not None:
        if isinstance(node, ClaimNode):
            claim = node.claim
            chain.append((node.key, claim.label or claim.text))
            node = node.link.target if node.link else None
        else:
            node = node.target
    return tuple(reversed(chain))
