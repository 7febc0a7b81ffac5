"""Cut an exchange graph into maps of one thesis each: which statements, where, and how linked."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

from ..errors import ArgmapError
from ..format import ID_PATTERN, LINK_LISTS, NESTED_LISTS, Argument, ArgumentMap, Claim
from .drafts import CutMap, Draft, depth_of, nesting
from .neutral import ExchangeGraph, Inference, Statement

# An item's own fields, as a file may carry them: not the items under it, nor its links.
_CLAIM_DATA = frozenset(Claim.model_fields) - {*NESTED_LISTS, *LINK_LISTS, "text"}
_ARGUMENT_DATA = frozenset(Argument.model_fields) - {*NESTED_LISTS, *LINK_LISTS}
_ID = re.compile(ID_PATTERN)


def theses(graph: ExchangeGraph) -> list[Statement]:
    """Claims that nothing they are connected to points beyond, largest map first.

    A statement is a thesis when it is no premise of any inference; statements left over in
    a cycle (two contradicting claims) give one more thesis each, taking the first in order.
    """
    premises = {p for inf in graph.inferences if not _special(inf) for p in inf.premises}
    related = {inf.target for inf in graph.inferences} | premises
    marked = [s for s in graph.statements.values() if s.thesis]
    if marked:
        return marked
    if not related and len(graph.statements) == 1 and graph.lone_statement_is_thesis:
        return list(graph.statements.values())  # argmap's Argdown of a thesis alone
    found = [s for s in graph.statements.values() if s.key in related and s.key not in premises]
    by_target = _index(graph).by_target
    sizes = {s.key: len(_upstream(graph, s.key, by_target)) for s in found}
    covered: set[str] = set()
    for statement in found:
        covered |= _upstream(graph, statement.key, by_target)
    for statement in graph.statements.values():
        if statement.key in related and statement.key not in covered:
            found.append(statement)
            upstream = _upstream(graph, statement.key, by_target)
            sizes[statement.key] = len(upstream)
            covered |= upstream
    order = {s.key: n for n, s in enumerate(graph.statements.values())}
    return sorted(found, key=lambda s: (-sizes[s.key], order[s.key]))


def gather_prose(graph: ExchangeGraph) -> list[Statement]:
    """Untitled paragraphs that nothing relates to are the file's commentary, not claims:
    each is kept in the note of the claim that follows it in the file (or, at the end, the
    one before it). Returns them."""
    related = {p for inf in graph.inferences for p in inf.premises}
    related |= {inf.target for inf in graph.inferences}
    prose = [
        s
        for s in graph.statements.values()
        if s.line and s.title is None and s.key not in related and set(s.data) <= {"tags"}
    ]
    anchors = sorted(
        (s.line, s.key) for s in graph.statements.values() if s.key in related and s.line
    )
    if not anchors:
        return []
    for paragraph in prose:
        following = [key for line, key in anchors if line > paragraph.line]
        anchor = following[0] if following else anchors[-1][1]
        graph.prose.setdefault(anchor, []).append(paragraph.text)
    return prose


def pick_thesis(graph: ExchangeGraph, candidates: list[Statement], name: str) -> Statement:
    """The thesis a user named by title or text (case and spacing forgiven)."""
    wanted = " ".join(name.split()).casefold()
    for statement in graph.statements.values():
        names = {statement.title or "", statement.text, str(statement.data.get("label", ""))}
        if wanted in {" ".join(n.split()).casefold() for n in names if n}:
            return statement
    listed = "; ".join(f"`{s.title or short(s.text)}`" for s in candidates[:8]) or "none"
    raise ArgmapError.at(
        graph.file,
        0,
        0,
        "E502",
        f"no statement is titled or worded `{name}`",
        hint=f"the file's theses: {listed}",
    )


def _special(inference: Inference) -> bool:
    return inference.crosslink or inference.basis


def _upstream(graph: ExchangeGraph, key: str, by_target: dict[str, list[Inference]]) -> set[str]:
    """Every statement that bears on `key`, directly or through other inferences."""
    seen = {key}
    stack = [key]
    while stack:
        for inference in by_target.get(stack.pop(), []):
            for premise in inference.premises:
                if premise not in seen:
                    seen.add(premise)
                    stack.append(premise)
            if inference.key not in seen:
                seen.add(inference.key)
                stack.append(inference.key)
    return {k for k in seen if k in graph.statements}


def _by_target(graph: ExchangeGraph) -> dict[str, list[Inference]]:
    table: dict[str, list[Inference]] = {}
    for inference in graph.inferences:
        if not _special(inference):
            table.setdefault(inference.target, []).append(inference)
    return table


class _Index(NamedTuple):
    """What every map cut from one graph looks up, made once per graph: cutting a file of
    thousands of theses stays linear."""

    by_target: dict[str, list[Inference]]
    taken_ids: frozenset[str]
    position: dict[str, tuple[int, int]]
    special: list[Inference]


def _index(graph: ExchangeGraph) -> _Index:
    if not isinstance(graph.index, _Index):
        taken = {str(s.data["id"]) for s in graph.statements.values() if s.data.get("id")}
        taken |= {
            str(i.argument["id"]) for i in graph.inferences if i.argument and i.argument.get("id")
        }
        taken |= set(graph.sections)
        graph.index = _Index(
            _by_target(graph),
            frozenset(taken),
            {inf.key: (inf.line, n) for n, inf in enumerate(graph.inferences)},
            [inf for inf in graph.inferences if _special(inf)],
        )
    assert isinstance(graph.index, _Index)
    return graph.index


class _Cutter:
    """Walks from the thesis against the arrows; a statement met twice becomes a cross-link."""

    def __init__(self, graph: ExchangeGraph, thesis: Statement, several: bool):
        self.graph = graph
        self.several = several
        self.thesis = thesis
        self.index = _index(graph)
        self.by_target = self.index.by_target
        self.claims: dict[str, Draft] = {}
        self.containers: dict[str, Draft] = {}  # inference key → where undercuts go
        self.arguments: dict[str, Draft] = {}
        self.steps: dict[str, Inference] = {}  # inference key → the placed inference
        self.step_claims: dict[str, str] = {}  # a one-premise step → the statement drawn
        self.edges: dict[str, set[str]] = {}  # statement → statements it bears on
        self.used: set[str] = set()
        self.new_ids: set[str] = set()  # beside the graph's own, in index.taken_ids
        self.pending: list[tuple[str, Inference]] = []
        self.home = self._homes()

    def cut(self) -> CutMap:
        root = self._claim(self.thesis)
        self._walk([self.thesis.key])
        # Premises whose first use was elsewhere: linked to this conclusion by a cross-link,
        # or, when that first use never came (it bore on another thesis), placed here.
        while self.pending:
            premise, inference = self.pending.pop(0)
            if premise in self.claims:
                self._crosslink(premise, inference)
            else:
                alone = Inference(
                    f"{inference.key}@{premise}",
                    inference.kind,
                    [premise],
                    inference.target,
                    line=inference.line,
                    rebuttal=inference.rebuttal,
                )
                self.home[premise] = alone.key
                self._walk(self._place(alone))
        self._special_links()
        meta = {
            k: v
            for k, v in self._meta().items()
            if k in ArgumentMap.model_fields and k != "thesis" and v not in (None, [], {})
        }
        groups = self._groups()
        if groups:
            meta["groups"] = groups
        depth = max(nesting(meta), depth_of(root))
        return CutMap(self.thesis, set(self.claims), self.used, depth, self.graph.file, root, meta)

    def _claim(self, statement: Statement) -> Draft:
        data = {k: v for k, v in statement.data.items() if k in _CLAIM_DATA}
        data["text"] = statement.text
        if statement.key in self.graph.prose and _is_text(data, "note"):
            data["note"] = "\n".join(
                [*([data["note"]] if data.get("note") else []), *self.graph.prose[statement.key]]
            )
        if "group" not in data and statement.section in self.graph.sections:
            data["group"] = statement.section
        item = Draft(data, statement.key, statement.line)
        self.claims[statement.key] = item
        self.edges.setdefault(statement.key, set())
        return item

    def _walk(self, stack: list[str]) -> None:
        """Depth first from the given statements, against the arrows."""
        stack = list(reversed(stack))
        while stack:
            key = stack.pop()
            added = self._place_links(key)
            stack.extend(reversed(added))

    def _homes(self) -> dict[str, str]:
        """Each statement's home: the first inference in the file (bearing on this thesis)
        that uses it as a premise. It is drawn there; anywhere else it is a cross-link."""
        reached = {self.thesis.key}
        stack = [self.thesis.key]
        inferences: list[Inference] = []
        while stack:
            for inference in self.by_target.get(stack.pop(), []):
                inferences.append(inference)
                for key in (*inference.premises, inference.key):
                    if key not in reached:
                        reached.add(key)
                        stack.append(key)
        position = self.index.position
        homes: dict[str, str] = {}
        for inference in sorted(inferences, key=lambda i: position[i.key]):
            for premise in inference.premises:
                homes.setdefault(premise, inference.key)
        return homes

    def _place_links(self, key: str) -> list[str]:
        """Place the inferences bearing on `key` (a statement or an inference); return the
        statements newly placed, whose own links come next."""
        added: list[str] = []
        incoming = self.by_target.get(key, [])
        order = {"reasons": 0, "objections": 1, "rebuttals": 2, "undercutters": 3}
        for inference in sorted(incoming, key=lambda i: order[self._list_key(i)]):
            if inference.key in self.used:
                continue
            self.used.add(inference.key)
            added += self._place(inference)
        return added

    def _list_key(self, inference: Inference) -> str:
        if inference.kind == "support":
            return "reasons"
        if inference.kind == "undercut":
            return "undercutters"
        return "rebuttals" if inference.rebuttal else "objections"

    def _place(self, inference: Inference) -> list[str]:
        container = (
            self.containers.get(inference.target)
            if inference.kind == "undercut"
            else self.claims.get(inference.target)
        )
        if container is None:
            self.graph.warn(
                inference.line, "an undercut of a step argmap could not draw was left out"
            )
            return []
        fresh = [p for p in inference.premises if p not in self.claims]
        placed = [p for p in inference.premises if p in self.claims]
        for premise in placed:
            self._crosslink(premise, inference)
        later = [p for p in fresh if self.home.get(p, inference.key) != inference.key]
        self.pending += [(premise, inference) for premise in later]
        fresh = [p for p in fresh if p not in later]
        if not fresh:
            return []
        if (placed or later) and len(inference.premises) > 1:
            self.graph.warn(
                inference.line,
                "a co-premise is used by another argument too: argmap draws it once and "
                "links it to this conclusion by a cross-link",
            )
        claims = [self._claim(self.graph.statements[p]) for p in fresh]
        self.steps[inference.key] = inference
        if len(claims) == 1 and inference.argument is None:
            item = claims[0]
            self.step_claims[inference.key] = fresh[0]
        else:
            item = self._argument(inference, claims)
            self.arguments[inference.key] = item
        self.containers[inference.key] = item
        container.under.setdefault(self._list_key(inference), []).append(item)
        if inference.kind != "undercut":
            for premise in fresh:
                self.edges[premise].add(inference.target)
        added = list(fresh)
        added.append(inference.key)  # its undercutters are placed like a statement's links
        return added

    def _argument(self, inference: Inference, claims: list[Draft]) -> Draft:
        data = {k: v for k, v in (inference.argument or {}).items() if k in _ARGUMENT_DATA}
        # Co-premises are drawn inside their reason: the group belongs to the reason.
        groups = [c.data.pop("group") for c in claims if isinstance(c.data.get("group"), str)]
        section = inference.section if inference.section in self.graph.sections else None
        shared = groups[0] if len(groups) == len(claims) and len(set(groups)) == 1 else None
        if "group" not in data and (section or shared):
            data["group"] = section or shared
        return Draft(data, inference.key, inference.line, premises=claims)

    def _crosslink(self, premise: str, inference: Inference) -> None:
        if inference.kind == "undercut":
            self._undercut(premise, inference, self.claims)
            return
        self._link(premise, inference.target, inference.kind, inference.line, self.claims)

    def _undercut(self, owner: str, inference: Inference, table: dict[str, Draft]) -> None:
        """An undercut by a claim drawn elsewhere: `undercuts:` on that claim, naming the
        step (the argument's id, or its one premise's)."""
        step = self.steps[inference.target]
        conclusion = step.target
        while conclusion in self.steps:
            conclusion = self.steps[conclusion].target
        if owner in step.premises or self._reaches(conclusion, owner):
            self.graph.warn(
                inference.line,
                "this undercut would close a cycle (a claim attacking a step it leads to), "
                "which argmap cannot draw; it was left out",
            )
            return
        table[owner].link("undercuts", self._step_id(step))
        self.edges.setdefault(owner, set()).add(conclusion)

    def _step_id(self, step: Inference) -> str:
        argument = self.arguments.get(step.key)
        if argument is None:
            return self._id_for(self.step_claims[step.key])
        if not argument.data.get("id"):
            first = self.graph.statements[step.premises[0]]
            argument.data["id"] = self._new_id(
                str(argument.data.get("label") or "") or first.title or first.text
            )
        return str(argument.data["id"])

    def _link(self, owner: str, target: str, kind: str, line: int, table: dict[str, Draft]) -> None:
        if target not in self.claims:
            return
        if self._reaches(target, owner):
            self.graph.warn(
                line,
                "this relation would close a cycle (a claim supporting or attacking itself), "
                "which argmap cannot draw; it was left out",
            )
            return
        table[owner].link("supports" if kind == "support" else "opposes", self._id_for(target))
        self.edges.setdefault(owner, set()).add(target)

    def _reaches(self, start: str, goal: str) -> bool:
        seen = {start}
        stack = [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            for nxt in self.edges.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def _special_links(self) -> None:
        """Cross-links and basis boxes that an argmap export marked as such."""
        for inference in self.index.special:
            if inference.basis and inference.target in self.claims:
                basis = self.graph.statements[inference.premises[0]].data.get("basis")
                if isinstance(basis, dict):
                    self.claims[inference.target].data["basis"] = basis
                self.used.add(inference.key)
        for inference in self.index.special:
            if inference.crosslink and inference.kind == "undercut":
                self._special_undercut(inference, inference.owner)
            if not inference.crosslink or inference.target not in self.claims:
                continue
            owner = inference.owner
            if owner in self.arguments:
                self._link(owner, inference.target, inference.kind, inference.line, self.arguments)
            else:
                for premise in inference.premises:
                    if premise in self.claims:
                        self._link(
                            premise, inference.target, inference.kind, inference.line, self.claims
                        )
            self.used.add(inference.key)

    def _special_undercut(self, inference: Inference, owner: str | None) -> None:
        if inference.target not in self.steps:
            return
        if owner in self.arguments:
            self._undercut(owner, inference, self.arguments)
        else:
            for premise in inference.premises:
                if premise in self.claims:
                    self._undercut(premise, inference, self.claims)
        self.used.add(inference.key)

    def _id_for(self, key: str) -> str:
        claim = self.claims[key].data
        if claim.get("id"):
            return str(claim["id"])
        statement = self.graph.statements[key]
        claim["id"] = self._new_id(
            statement.title or str(claim.get("label") or "") or statement.text
        )
        return str(claim["id"])

    def _new_id(self, text: str) -> str:
        base = slug(text)
        name = base
        number = 2
        while name in self.index.taken_ids or name in self.new_ids:
            name = f"{base}-{number}"
            number += 1
        self.new_ids.add(name)
        return name

    def _meta(self) -> dict[str, Any]:
        meta = dict(self.graph.meta)
        own_title = self.thesis.title or short(self.thesis.text, 80)
        if self.several and meta.get("title"):
            # One of several maps from one file: named after its thesis, the file's title kept.
            meta.setdefault("description", f"From “{meta['title']}”.")
            meta["title"] = own_title
        meta.setdefault("title", own_title)
        return meta

    def _groups(self) -> list[dict[str, Any]]:
        """The groups the file declared, then its sections that claims here belong to."""
        declared = list(self.graph.meta.get("groups") or [])
        known = {str(group.get("id")) for group in declared if isinstance(group, dict)}
        used = {str(c.data.get("group")) for c in [*self.claims.values(), *self.arguments.values()]}
        sections = self.graph.sections.items()
        return declared + [{"id": k, "label": v} for k, v in sections if k in used - known]


def _is_text(data: dict[str, Any], key: str) -> bool:
    """The field is text or absent: a wrong value is left for the model to report."""
    return isinstance(data.get(key, ""), str)


def cut_map(graph: ExchangeGraph, thesis: Statement, *, several: bool = False) -> CutMap:
    """The map of everything that bears on `thesis`, in the order the file gave it; one of
    `several` maps from one file is titled after its thesis."""
    return _Cutter(graph, thesis, several).cut()


def slug(text: str) -> str:
    """An argmap id from a title: ASCII letters, digits and hyphens, starting with a letter."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())[:5]
    name = "-".join(words)[:40].strip("-")
    if not name or not _ID.match(name):
        name = f"claim-{name}" if name else "claim"
    return name


def short(text: str, width: int = 60) -> str:
    """The text on one line, cut to `width` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
