"""Which claims stand: the student marks the basic claims, argmap computes the rest.

Every claim and link gets a status by the rules of docs/evaluation.md. Each rule is a
positive condition on the statuses of other parts (a claim *stands* when some support
*holds* and every attack *fails*; a link *holds* when every premise *stands* and every
undercutter *fails*; ...), so the statuses are the least fixed point of those rules,
computed from "nothing known" upwards: what is not forced stays undecided. That is the
grounded semantics of the argumentation framework docs/evaluation.md builds from a map,
and tests/test_evaluate.py checks the two agree on generated maps, cycles included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import Issue, expect
from ..format import ArgumentMap, ClaimNode, LocatedDocument, MapTree, build_tree


@dataclass
class Part:
    """A link of the evaluation graph: premises bearing on a claim, or on another link."""

    key: str
    kind: str  # reason, objection, rebuttal, undercut, supports, opposes, undercuts
    support: bool
    premises: list[str]
    target: str
    undercutters: list[str] = field(default_factory=list)


@dataclass
class Graph:
    """Claims (key -> mark or None) and links, in the order the map writes them."""

    marks: dict[str, str | None]
    links: dict[str, Part]

    def bearing_on(self) -> dict[str, list[Part]]:
        found: dict[str, list[Part]] = {key: [] for key in [*self.marks, *self.links]}
        for part in self.links.values():
            found[part.target].append(part)
        return found


@dataclass(frozen=True)
class Evaluation:
    claims: dict[str, str]  # key -> stands | falls | contested | open
    links: dict[str, str]  # key -> holds | fails | undecided


def graph_of(tree: MapTree) -> Graph:
    """The map as claims with marks and links; cross-links are links like the others."""
    marks: dict[str, str | None] = {node.key: node.claim.mark for node in tree.claims}
    links: dict[str, Part] = {}
    for link in tree.links:
        links[link.key] = Part(
            link.key,
            link.role,
            link.relation == "support",
            [p.key for p in link.premises],
            link.target.key,
            [u.key for u in link.undercutters],
        )
    ids = {node.claim.id: node.key for node in tree.claims if node.claim.id}
    for crosslink in tree.crosslinks:
        if crosslink.target_id in ids:
            support = crosslink.relation == "support"
            links[crosslink.key] = Part(
                crosslink.key,
                "supports" if support else "opposes",
                support,
                [p.key for p in crosslink.premises],
                ids[crosslink.target_id],
            )
    for undercut, step in tree.undercut_targets():
        links[undercut.key] = Part(
            undercut.key, "undercuts", False, [p.key for p in undercut.premises], step.key
        )
        links[step.key].undercutters.append(undercut.key)
    return Graph(marks, links)


def evaluate_graph(graph: Graph) -> Evaluation:
    """The least fixed point of the rules, by rounds until nothing changes."""
    bearing = graph.bearing_on()
    stands: set[str] = set()
    falls: set[str] = set()
    holds: set[str] = set()
    fails: set[str] = set()
    changed = True
    while changed:
        changed = False
        for key, part in graph.links.items():
            if (
                key not in holds
                and all(p in stands for p in part.premises)
                and all(u in fails for u in part.undercutters)
            ):
                holds.add(key)
                changed = True
            if key not in fails and (
                any(p in falls for p in part.premises) or any(u in holds for u in part.undercutters)
            ):
                fails.add(key)
                changed = True
        for key, mark in graph.marks.items():
            supports = [p.key for p in bearing[key] if p.support]
            attacks = [p.key for p in bearing[key] if not p.support]
            basic = not supports
            supported = mark == "accepted" if basic else any(s in holds for s in supports)
            unsupported = mark != "accepted" if basic else all(s in fails for s in supports)
            attacked = (mark == "rejected" and basic) or any(a in holds for a in attacks)
            unattacked = not (mark == "rejected" and basic) and all(a in fails for a in attacks)
            if key not in stands and supported and unattacked:
                stands.add(key)
                changed = True
            if key not in falls and attacked and unsupported:
                falls.add(key)
                changed = True
    claims: dict[str, str] = {}
    for key, mark in graph.marks.items():
        supports = [p.key for p in bearing[key] if p.support]
        attacks = [p.key for p in bearing[key] if not p.support]
        supported = mark == "accepted" if not supports else any(s in holds for s in supports)
        attacked = (mark == "rejected" and not supports) or any(a in holds for a in attacks)
        claims[key] = (
            "stands"
            if key in stands
            else "falls"
            if key in falls
            else "contested"
            if supported and attacked
            else "open"
        )
    links = {
        key: "holds" if key in holds else "fails" if key in fails else "undecided"
        for key in graph.links
    }
    return Evaluation(claims, links)


def strength(graph: Graph, rounds: int = 200) -> dict[str, float]:
    """DF-QuAD strengths (docs/evaluation.md): base scores from the marks, links as strong
    as their weakest premise, weakened by their undercutters."""
    bearing = graph.bearing_on()
    base = {key: _BASE.get(mark or "open", 0.5) for key, mark in graph.marks.items()}
    score = dict(base)
    link_score = {key: 0.0 for key in graph.links}
    for _ in range(rounds):
        before = (dict(score), dict(link_score))
        for key, part in graph.links.items():
            weakest = min((score[p] for p in part.premises), default=0.0)
            link_score[key] = weakest * (1 - _aggregate(link_score[u] for u in part.undercutters))
        for key in graph.marks:
            pro = _aggregate(link_score[p.key] for p in bearing[key] if p.support)
            con = _aggregate(link_score[p.key] for p in bearing[key] if not p.support)
            tau = base[key]
            if con >= pro:
                score[key] = tau - tau * (con - pro)
            else:
                score[key] = tau + (1 - tau) * (pro - con)
        if (score, link_score) == before:
            break
    return {key: round(value, 3) for key, value in score.items()}


_BASE = {"accepted": 1.0, "rejected": 0.0, "open": 0.5}


def _aggregate(values: Iterable[float]) -> float:
    """DF-QuAD's aggregation: 1 - (1 - v1)(1 - v2)..., 0 for none."""
    product = 1.0
    for value in values:
        product *= 1 - value
    return 1 - product


@dataclass(frozen=True)
class Verdict:
    """One claim's or link's evaluation, as `argmap evaluate` reports it."""

    key: str
    id: str | None
    text: str
    mark: str | None
    status: str
    why: str
    strength: float | None = None


def evaluate_tree(
    tree: MapTree, with_strength: bool = False
) -> tuple[list[Verdict], list[Verdict]]:
    """Claims and links in written order, each with its status and why in one line."""
    graph = graph_of(tree)
    result = evaluate_graph(graph)
    scores = strength(graph) if with_strength else {}
    names = _names(tree)
    bearing = graph.bearing_on()
    claims = [
        Verdict(
            node.key,
            node.claim.id,
            " ".join(node.claim.text.split()),
            node.claim.mark,
            result.claims[node.key],
            _why_claim(node.key, graph, result, bearing, names),
            scores.get(node.key),
        )
        for node in tree.claims
    ]
    links = [
        Verdict(
            key,
            _explicit_id(tree, key),
            names[key],
            None,
            result.links[key],
            _why_link(part, result, names),
        )
        for key, part in graph.links.items()
    ]
    return claims, links


def evaluate(model: ArgumentMap, with_strength: bool = False) -> dict[str, object]:
    """The evaluation as `argmap evaluate --format json` prints it."""
    expect(model, ArgumentMap, "model", "evaluate", "a loaded map (argmap.load)")
    return evaluation_data(*evaluate_tree(build_tree(model), with_strength))


def evaluation_data(claims: list[Verdict], links: list[Verdict]) -> dict[str, object]:
    """The one JSON shape of an evaluation (the command's and the library's)."""

    def row(verdict: Verdict, claim: bool) -> dict[str, object]:
        data: dict[str, object] = {"id": verdict.id or verdict.key, "text": verdict.text}
        if claim:
            data["mark"] = verdict.mark
        data["status"] = verdict.status
        data["why"] = verdict.why
        if verdict.strength is not None:
            data["strength"] = verdict.strength
        return data

    return {"claims": [row(c, True) for c in claims], "links": [row(v, False) for v in links]}


def _explicit_id(tree: MapTree, key: str) -> str | None:
    return next((link.explicit_id for link in tree.links if link.key == key), None)


def _names(tree: MapTree) -> dict[str, str]:
    """How a `why` names each part: its id, else its kind and first words."""
    names: dict[str, str] = {}
    for node in tree.claims:
        names[node.key] = node.claim.id or f"“{_first_words(node.claim.text)}”"
    words = {
        "reason": "reason",
        "objection": "objection",
        "rebuttal": "rebuttal",
        "undercut": "undercutter",
    }
    for link in tree.links:
        label = link.explicit_id or (link.label and f"“{link.label}”") or link.key
        names[link.key] = f"{words[link.role]} {label}"
    for crosslink in tree.crosslinks:
        verb = "also supports" if crosslink.relation == "support" else "also opposes"
        names[crosslink.key] = f"the cross-link ({verb} {crosslink.target_id})"
    for undercut in tree.undercuts:
        names[undercut.key] = f"the cross-link (undercuts {undercut.target_id})"
    return names


def _first_words(text: str, count: int = 5) -> str:
    parts = text.split()
    return " ".join(parts[:count]) + ("…" if len(parts) > count else "")


def _why_claim(
    key: str,
    graph: Graph,
    result: Evaluation,
    bearing: dict[str, list[Part]],
    names: dict[str, str],
) -> str:
    mark = graph.marks[key]
    supports = [p for p in bearing[key] if p.support]
    attacks = [p for p in bearing[key] if not p.support]
    holding = [names[p.key] for p in attacks if result.links[p.key] == "holds"]
    status = result.claims[key]
    if not supports:
        if status == "contested":
            return f"accepted, but {holding[0]} holds"
        if status == "falls":
            return "rejected" if mark == "rejected" else f"{holding[0]} holds against it"
        if status == "stands":
            return "accepted" + (", and every objection fails" if attacks else "")
        open_attack = next(
            (names[p.key] for p in attacks if result.links[p.key] == "undecided"), ""
        )
        if mark == "accepted" and open_attack:
            return f"accepted, but hinges on {open_attack}, which is undecided"
        if mark == "open":
            return "marked open: a basic claim rests on the student's mark"
        return "no mark: a basic claim rests on the student's mark"
    good = [names[p.key] for p in supports if result.links[p.key] == "holds"]
    if status == "stands":
        return f"{good[0]} holds" + (" and no objection does" if attacks else "")
    if status == "falls":
        return f"{holding[0]} holds and no reason does"
    if status == "contested":
        return f"{good[0]} and {holding[0]} both hold"
    undecided = [p for p in [*supports, *attacks] if result.links[p.key] == "undecided"]
    if undecided:
        return f"hinges on {_hinge(undecided[0], result, names)}"
    return "every reason fails, and no objection holds"


def _hinge(part: Part, result: Evaluation, names: dict[str, str]) -> str:
    """The first open thing an undecided link waits for."""
    for undercutter in part.undercutters:
        if result.links[undercutter] == "undecided":
            return f"the undecided {names[undercutter]}"
    for premise in part.premises:
        if result.claims[premise] != "stands":
            return f"the {result.claims[premise]} premise {names[premise]} of {names[part.key]}"
    return names[part.key]


def _why_link(part: Part, result: Evaluation, names: dict[str, str]) -> str:
    status = result.links[part.key]
    if status == "holds":
        return "every premise stands" + (
            " and every undercutter fails" if part.undercutters else ""
        )
    falling = [names[p] for p in part.premises if result.claims[p] == "falls"]
    if falling:
        return f"its premise {falling[0]} falls"
    holding = [names[u] for u in part.undercutters if result.links[u] == "holds"]
    if holding:
        return f"{holding[0]} holds"
    return f"hinges on {_hinge(part, result, names)}"


def shown_statuses(
    tree: MapTree, with_strength: bool = False
) -> tuple[dict[str, str], dict[str, float] | None]:
    """What a drawing shows of the evaluation: the status of every claim and link by key,
    and each claim's DF-QuAD strength when asked for."""
    graph = graph_of(tree)
    evaluation = evaluate_graph(graph)
    return {**evaluation.claims, **evaluation.links}, strength(graph) if with_strength else None


def disagreement_issues(tree: MapTree, doc: LocatedDocument, claims: list[Verdict]) -> list[Issue]:
    """A warning (W304) at the mark of each claim whose mark disagrees with what argmap
    computes from the marks below it."""
    return [
        doc.issue(
            (*node.path, "mark"),
            "W304",
            f"marked {verdict.mark}, but it {_verb(verdict.status)}: {verdict.why}",
            severity="warning",
            hint="check the marks of the claims it rests on, or reconsider this verdict",
        )
        for node, verdict in _disagreements(tree, claims)
    ]


def _verb(status: str) -> str:
    """`stands`, `falls`; `is open`, `is contested`."""
    return status if status in ("stands", "falls") else f"is {status}"


def _disagreements(tree: MapTree, claims: list[Verdict]) -> list[tuple[ClaimNode, Verdict]]:
    """Claims with reasons whose mark disagrees with what argmap computes."""
    reasoned = {link.target.key for link in tree.links if link.relation == "support"}
    reasoned |= {c.target_id for c in tree.crosslinks if c.relation == "support"}
    nodes = {node.key: node for node in tree.claims}
    expected = {"accepted": "stands", "rejected": "falls"}
    found = []
    for verdict in claims:
        node = nodes[verdict.key]
        has_reasons = node.key in reasoned or node.claim.id in reasoned
        mark = verdict.mark or ""
        if has_reasons and mark in expected and verdict.status != expected[mark]:
            found.append((node, verdict))
    return found
