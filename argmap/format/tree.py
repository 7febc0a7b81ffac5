"""The map as a graph of claims and links, each with a stable key, role and data path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .model import Argument, ArgumentMap, Claim
from .yamlsource import DataPath

Role = Literal["thesis", "reason", "objection", "rebuttal", "undercut"]
Relation = Literal["support", "attack"]
# Which side of the thesis a claim or link argues for: the thesis is pro; a reason shares
# its claim's side, an objection (or rebuttal) takes the other, an undercutter the side
# opposite the link it undercuts. An attack on an attack is a defence, at any depth.
Side = Literal["pro", "con"]
_CROSS_KEYS: tuple[tuple[str, Relation], ...] = (("supports", "support"), ("opposes", "attack"))
LIST_ROLES: dict[str, Role] = {
    "reasons": "reason",
    "objections": "objection",
    "rebuttals": "rebuttal",
    "undercutters": "undercut",
}
_PREFIX = {"reason": "r", "objection": "o", "rebuttal": "b", "undercut": "u"}


@dataclass(eq=False)
class ClaimNode:
    """A claim where it stands: its key doubles as DOT name and SVG id."""

    claim: Claim
    key: str
    path: DataPath
    role: Role
    link: Link | None = None
    depth: int = 0
    side: Side = "pro"


@dataclass(eq=False)
class Link:
    """A reason, objection, rebuttal or undercutter: premises that bear on one target."""

    key: str
    path: DataPath
    role: Role
    target: ClaimNode | Link
    premises: list[ClaimNode] = field(default_factory=list)
    argument: Argument | None = None
    undercutters: list[Link] = field(default_factory=list)
    side: Side = "pro"

    @property
    def relation(self) -> Relation:
        return "support" if self.role == "reason" else "attack"

    @property
    def tone(self) -> Literal["reason", "objection", "rebuttal"]:
        """How it is drawn and worded: a reason ("because"), an attack against the thesis's
        side ("but") or a defence of it, an attack on an attack ("however")."""
        if self.role == "reason":
            return "reason"
        return "rebuttal" if self.side == "pro" else "objection"

    @property
    def label(self) -> str | None:
        return self.argument.label if self.argument else None

    @property
    def kind(self) -> str:
        """`example` for a reason that supports its claim by an instance of it."""
        return self.argument.kind if self.argument else self.premises[0].claim.kind

    @property
    def note(self) -> str | None:
        return self.argument.note if self.argument else None

    @property
    def group(self) -> str | None:
        if self.argument:
            return self.argument.group
        return self.premises[0].claim.group if self.premises else None

    @property
    def step(self) -> int | None:
        return self.argument.step if self.argument else None

    @property
    def explicit_id(self) -> str | None:
        return self.argument.id if self.argument else None

    @property
    def middle(self) -> ClaimNode:
        """The premise its line leaves from, so the line is centred on its box."""
        return self.premises[(len(self.premises) - 1) // 2]


class CrossLink(NamedTuple):
    """A `supports:` or `opposes:` entry: its owner (a claim, or a reason whose premises
    carry it) bears on the claim with `target_id` too."""

    owner: ClaimNode | Link
    relation: Relation
    target_id: str
    path: DataPath

    @property
    def key(self) -> str:
        """The stable DOT name and SVG id of the drawn line."""
        verb = "supports" if self.relation == "support" else "opposes"
        return f"{self.owner.key}-{verb}-{self.target_id}"

    @property
    def premises(self) -> list[ClaimNode]:
        """The claims the line starts from."""
        return [self.owner] if isinstance(self.owner, ClaimNode) else self.owner.premises


class CrossUndercut(NamedTuple):
    """An `undercuts:` entry: its owner (a claim, or a reason whose premises carry it)
    bears on the step from another reason or objection to its claim, named by `target_id`
    (that argument's id, or the id of a one-premise link's claim)."""

    owner: ClaimNode | Link
    target_id: str
    path: DataPath

    @property
    def key(self) -> str:
        return f"{self.owner.key}-undercuts-{self.target_id}"

    @property
    def premises(self) -> list[ClaimNode]:
        return [self.owner] if isinstance(self.owner, ClaimNode) else self.owner.premises


@dataclass
class MapTree:
    """Claims and links in written order (depth first), thesis first; cross-links after."""

    thesis: ClaimNode
    claims: list[ClaimNode]
    links: list[Link]
    crosslinks: list[CrossLink] = field(default_factory=list)
    undercuts: list[CrossUndercut] = field(default_factory=list)

    def below(self) -> dict[str, list[Link]]:
        """The links under each claim, and each reason's undercutters, by key, as written."""
        table: dict[str, list[Link]] = {}
        for link in self.links:
            table.setdefault(link.target.key, []).append(link)
        return table

    def by_key(self) -> dict[str, ClaimNode | Link]:
        table: dict[str, ClaimNode | Link] = {node.key: node for node in self.claims}
        table.update({link.key: link for link in self.links})
        return table

    def steps(self) -> dict[str, Link]:
        """The links `undercuts:` can name: by an argument's id, or a one-premise link by its
        premise's id (the step from that claim to what it bears on)."""
        table: dict[str, Link] = {}
        for link in self.links:
            if link.explicit_id:
                table[link.explicit_id] = link
        for link in self.links:
            if len(link.premises) == 1 and link.premises[0].claim.id:
                table.setdefault(link.premises[0].claim.id, link)
        return table

    def undercut_targets(self) -> list[tuple[CrossUndercut, Link]]:
        """Each `undercuts:` entry whose name is a step, with that step."""
        steps = self.steps()
        return [(u, steps[u.target_id]) for u in self.undercuts if u.target_id in steps]


def build_tree(argmap: ArgumentMap) -> MapTree:
    """Walk the model once, iteratively, so deep maps cannot exhaust the stack."""
    taken = _explicit_ids(argmap)
    thesis = ClaimNode(
        argmap.thesis, argmap.thesis.id or _fresh("thesis", taken), ("thesis",), "thesis"
    )
    # Depth first in written order (the order of paths in the file), so nothing is sorted:
    # a claim, then its reasons, objections and rebuttals; a link, then its premises with
    # everything beneath them, then its undercutters.
    claims: list[ClaimNode] = []
    links: list[Link] = []
    stack: list[ClaimNode | Link] = [thesis]
    while stack:
        item = stack.pop()
        if isinstance(item, ClaimNode):
            claims.append(item)
            stack.extend(reversed(_links_under(item, taken)))
        else:
            links.append(item)
            stack.extend(reversed(_links_under(item, taken)))
            stack.extend(reversed(item.premises))
    _sides(links)
    crosslinks, undercuts = _crosslinks(claims, links)
    return MapTree(thesis, claims, links, crosslinks, undercuts)


def _sides(links: list[Link]) -> None:
    """In written order a link comes after what it bears on, so its target's side is known."""
    for link in links:
        base = link.target.side
        link.side = base if link.role == "reason" else ("con" if base == "pro" else "pro")
        for premise in link.premises:
            premise.side = link.side


def _crosslinks(
    claims: list[ClaimNode], links: list[Link]
) -> tuple[list[CrossLink], list[CrossUndercut]]:
    """The one place `supports:`, `opposes:` and `undercuts:` are read: claims' first, then
    reasons'."""
    owners: list[tuple[ClaimNode | Link, Claim | Argument, DataPath]] = [
        (node, node.claim, node.path) for node in claims
    ]
    owners += [(link, link.argument, link.path) for link in links if link.argument]
    found = []
    undercuts = []
    for owner, item, path in owners:
        for key, relation in _CROSS_KEYS:
            for index, name in enumerate(getattr(item, key)):
                found.append(CrossLink(owner, relation, name, (*path, key, index)))
        for index, name in enumerate(item.undercuts):
            undercuts.append(CrossUndercut(owner, name, (*path, "undercuts", index)))
    return found, undercuts


def _links_under(owner: ClaimNode | Link, taken: set[str]) -> list[Link]:
    """The links bearing on a claim, or the undercutters of a link."""
    if isinstance(owner, Link):
        link = owner
        items = (
            link.argument.undercutters
            if link.argument
            else link.premises[0].claim.undercutters
            if len(link.premises) == 1
            else []
        )
        base = link.path if link.argument else link.premises[0].path
        made = _make_links(link, "undercutters", items, base, taken)
        link.undercutters = made
        return made
    made = []
    for key in ("reasons", "objections", "rebuttals"):
        made += _make_links(owner, key, getattr(owner.claim, key), owner.path, taken)
    return made


def _make_links(
    target: ClaimNode | Link,
    key: str,
    items: list[Claim | Argument],
    base: DataPath,
    taken: set[str],
) -> list[Link]:
    role = LIST_ROLES[key]
    if role == "objection" and isinstance(target, ClaimNode) and _in_attack(target):
        role = "rebuttal"
    depth = (target.depth if isinstance(target, ClaimNode) else 0) + 1
    links = []
    for index, item in enumerate(items):
        path = (*base, key, index)
        generated = f"{target.key}-{_PREFIX[role]}{index + 1}"
        if isinstance(item, Argument):
            link = Link(item.id or _fresh(generated, taken), path, role, target, argument=item)
            premise_items = [(p, (*path, "premises", i)) for i, p in enumerate(item.premises)]
        else:
            link = Link(_fresh(generated, taken), path, role, target)
            premise_items = [(item, path)]
        for number, (claim, claim_path) in enumerate(premise_items, start=1):
            name = claim.id or _fresh(
                f"{link.key}-p{number}" if len(premise_items) > 1 else f"{link.key}-c", taken
            )
            link.premises.append(ClaimNode(claim, name, claim_path, role, link, depth))
        links.append(link)
    return links


def _in_attack(node: ClaimNode) -> bool:
    return node.link is not None and node.link.relation == "attack"


def _explicit_ids(argmap: ArgumentMap) -> set[str]:
    ids: set[str] = {group.id for group in argmap.groups}
    stack: list[Claim | Argument] = [argmap.thesis]
    while stack:
        item = stack.pop()
        if item.id:
            ids.add(item.id)
        if isinstance(item, Argument):
            stack.extend(item.premises)
            stack.extend(item.undercutters)
        else:
            for key in ("reasons", "objections", "rebuttals", "undercutters"):
                stack.extend(getattr(item, key))
    return ids


def _fresh(name: str, taken: set[str]) -> str:
    """A generated key that no explicit id already uses."""
    while name in taken:
        name += "_"
    taken.add(name)
    return name
