"""AIF JSON (the Argument Interchange Format of AIFdb and OVA), written and read."""

from __future__ import annotations

import json
from typing import Any

from ..errors import ArgmapError
from ..format import (
    LINK_LISTS,
    NESTED_LISTS,
    ArgumentMap,
    Basis,
    CrossLink,
    CrossUndercut,
    Link,
    build_tree,
)
from .neutral import ExchangeGraph, Inference, InferenceKind, Statement

_SCHEME_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}
# What the nodes and edges say already (the text, the items under a claim, its links, its
# basis box), kept out of the `argmap` fields written on a node.
_CHILD_KEYS = {*NESTED_LISTS, *LINK_LISTS, "text", "basis"}
_DIALOGUE = {"L", "TA", "YA", "PA"}


def to_aif(argmap: ArgumentMap) -> dict[str, Any]:
    """I-nodes for claims, one RA or CA per reason, objection, undercutter and cross-link.

    Never an I→I edge; every scheme node has one outgoing edge. argmap's own fields travel
    in an `argmap` key on each node (and on the document), so reading it back loses nothing.
    """
    tree = build_tree(argmap)
    writer = _AifWriter()
    names: dict[str, str] = {}
    for claim in tree.claims:
        fields = claim.claim.model_dump(mode="json", exclude_defaults=True, exclude=_CHILD_KEYS)
        if claim is tree.thesis:
            fields["thesis"] = True
        names[claim.key] = writer.node(claim.key, claim.claim.text, "I", fields)
    for link in tree.links:
        extra: dict[str, Any] = {}
        if link.path[-2] == "rebuttals":
            extra["list"] = "rebuttals"
        if link.argument:
            extra["argument"] = link.argument.model_dump(
                mode="json", exclude_defaults=True, exclude=_CHILD_KEYS
            )
        kind = "RA" if link.relation == "support" else "CA"
        names[link.key] = writer.node(link.key, _SCHEME_TEXT[kind], kind, extra)
    for link in tree.links:
        for premise in link.premises:
            writer.edge(names[premise.key], names[link.key])
        writer.edge(names[link.key], names[link.target.key])
    for claim in tree.claims:
        if claim.claim.basis:
            writer.basis(claim.key, claim.claim.basis, names[claim.key])
    ids = {c.claim.id: c for c in tree.claims if c.claim.id}
    for cross in tree.crosslinks:
        if cross.target_id in ids:
            kind = "RA" if cross.relation == "support" else "CA"
            writer.cross(cross, kind, names, names[ids[cross.target_id].key])
    for undercut, step in tree.undercut_targets():
        writer.cross(undercut, "CA", names, names[step.key])
    meta = argmap.model_dump(mode="json", exclude_defaults=True, exclude={"thesis"})
    return {"nodes": writer.nodes, "edges": writer.edges, "locutions": [], "argmap": meta}


class _AifWriter:
    """Nodes with names unique in the document, and numbered edges between them."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.used: set[str] = set()

    def node(self, key: str, text: str, kind: str, extra: dict[str, Any]) -> str:
        name = key
        while name in self.used:
            name += "_"
        self.used.add(name)
        entry: dict[str, Any] = {"nodeID": name, "text": text, "type": kind}
        if extra:
            entry["argmap"] = extra
        self.nodes.append(entry)
        return name

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": f"e{len(self.edges) + 1}", "fromID": source, "toID": target})

    def basis(self, key: str, basis: Basis, claim: str) -> None:
        """A basis box as an I-node supporting its claim through an RA of its own."""
        source = self.node(
            f"{key}-basis",
            basis.citation or basis.kind,
            "I",
            {"basis": basis.model_dump(mode="json", exclude_defaults=True)},
        )
        scheme = self.node(f"{key}-basis-ra", _SCHEME_TEXT["RA"], "RA", {"basis": True})
        self.edge(source, scheme)
        self.edge(scheme, claim)

    def cross(
        self, cross: CrossLink | CrossUndercut, kind: str, names: dict[str, str], target: str
    ) -> None:
        """A cross-link (or cross-link undercut): a scheme node of its own, marked so."""
        owner = {"owner": names[cross.owner.key]} if isinstance(cross.owner, Link) else {}
        scheme = self.node(cross.key, _SCHEME_TEXT[kind], kind, {"crosslink": owner})
        for premise in cross.premises:
            self.edge(names[premise.key], scheme)
        self.edge(scheme, target)


def aif_text(argmap: ArgumentMap) -> str:
    return json.dumps(to_aif(argmap), indent=2, ensure_ascii=False) + "\n"


def read_aif(text: str, file: str = "<aif>") -> ExchangeGraph:
    """I-nodes become statements; RA and CA nodes become inferences from all their inputs."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArgmapError.at(
            file, exc.lineno, exc.colno, "E501", f"not valid JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise ArgmapError.at(file, 1, 1, "E501", "the JSON nests too deep for AIF") from None
    if isinstance(document, dict) and isinstance(document.get("AIF"), dict):
        document = document["AIF"]  # xAIF (OVA 3, the argument-mining services) wraps it
    nodes, edges = _shape(document, file)
    graph = ExchangeGraph(file, lone_statement_is_thesis=False)
    meta = document.get("argmap")
    if isinstance(meta, dict):
        graph.meta = {k: v for k, v in meta.items() if k != "thesis"}
        # The document's own `argmap` object is written last, after every node's.
        graph.meta_line = text.count("\n", 0, max(text.rfind('"argmap"'), 0)) + 1
    types = {str(n["nodeID"]): str(n.get("type", "")).upper() for n in nodes}
    inputs, outputs = _wiring(graph, edges, types)
    _statements(graph, nodes, types, own=isinstance(meta, dict))
    pairs: list[tuple[str, str]] = []
    for entry in nodes:
        key = str(entry["nodeID"])
        kind = types[key]
        if kind == "MA":
            found = [
                (source, target)
                for source in inputs.get(key, [])
                for target in outputs.get(key, [])
                if source in graph.statements and target in graph.statements
            ]
            graph.rephrasings += 1 if found else 0
            pairs += found
        elif kind in ("RA", "CA"):
            extra = _extra(entry)
            _scheme(graph, key, kind, extra, inputs.get(key, []), outputs.get(key, []), types)
    _rephrase(graph, pairs)
    return graph


def _wiring(
    graph: ExchangeGraph, edges: list[dict[str, Any]], types: dict[str, str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each node's inputs and outputs; edges to no node, or straight between two
    I-nodes (not valid AIF), left out with a warning."""
    inputs: dict[str, list[str]] = {}
    outputs: dict[str, list[str]] = {}
    direct = 0
    for entry in edges:
        source, target = str(entry["fromID"]), str(entry["toID"])
        if source not in types or target not in types:
            graph.warn(0, f"an edge names a node that does not exist ({source} → {target})")
            continue
        if types[source] == "I" and types[target] == "I":
            direct += 1
            continue
        outputs.setdefault(source, []).append(target)
        inputs.setdefault(target, []).append(source)
    if direct:
        graph.warn(
            0, f"{direct} edge(s) from one I-node straight to another (not valid AIF) left out"
        )
    return inputs, outputs


def _statements(
    graph: ExchangeGraph, nodes: list[dict[str, Any]], types: dict[str, str], own: bool
) -> None:
    """Each I-node as a statement (argmap's own text kept exactly, others' tidied); the
    nodes argmap has no place for counted in one warning."""
    dropped: dict[str, int] = {}
    for entry in nodes:
        key, kind = str(entry["nodeID"]), types[str(entry["nodeID"])]
        if kind == "I":
            raw = entry.get("text")
            text = "" if raw is None else str(raw)
            if not own:
                text = " ".join(text.split())
            if not text.strip():
                text = "(no text in the source)"
                graph.warn(0, f"I-node {key} has no text")
            data = _extra(entry)
            thesis = data.pop("thesis", None) is True
            graph.statements[key] = Statement(key, text, data=data, thesis=thesis)
        elif kind not in ("RA", "CA", "MA"):
            dropped[kind or "untyped"] = dropped.get(kind or "untyped", 0) + 1
    if dropped:
        counted = ", ".join(f"{n} {kind}" for kind, n in sorted(dropped.items()))
        graph.warn(
            0,
            f"nodes argmap has no place for were left out: {counted} "
            "(dialogue and preference nodes)",
        )


def _extra(entry: dict[str, Any]) -> dict[str, Any]:
    """argmap's own fields on a node it wrote; nothing on anyone else's."""
    extra = entry.get("argmap")
    return dict(extra) if isinstance(extra, dict) else {}


def _shape(document: Any, file: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    def fail(message: str) -> ArgmapError:
        return ArgmapError.at(file, 1, 1, "E501", message, hint="see docs/interop.md")

    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise fail("not AIF: expected an object with a `nodes` list (and `edges`)")
    nodes = document["nodes"]
    edges = document.get("edges", [])
    if not isinstance(edges, list):
        raise fail("`edges` must be a list")
    for number, entry in enumerate(nodes, start=1):
        if not isinstance(entry, dict) or "nodeID" not in entry:
            raise fail(f"node {number} has no `nodeID`")
    for number, entry in enumerate(edges, start=1):
        if not isinstance(entry, dict) or "fromID" not in entry or "toID" not in entry:
            raise fail(f"edge {number} needs `fromID` and `toID`")
    seen: set[str] = set()
    for entry in nodes:
        name = str(entry["nodeID"])
        if name in seen:
            raise fail(f"two nodes have the nodeID {name}")
        seen.add(name)
    return nodes, edges


def _rephrase(graph: ExchangeGraph, pairs: list[tuple[str, str]]) -> None:
    """MA nodes: every wording stays a statement of its own and notes all the others it is
    a rephrase of, through chains (A as B, B as C), so whichever is drawn carries them all."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for source, target in pairs:
        parent[root(source)] = root(target)
    classes: dict[str, list[str]] = {}
    order = {key: n for n, key in enumerate(graph.statements)}
    for key in sorted(parent, key=order.__getitem__):
        classes.setdefault(root(key), []).append(key)
    for members in classes.values():
        for this in members:
            others = [other for other in members if other != this]
            graph.wordings[this] = others
            words = " ".join(f"Also worded: {graph.statements[o].text}" for o in others)
            data = graph.statements[this].data
            note = data.get("note")
            data["note"] = f"{note} {words}" if note else words


def _scheme(
    graph: ExchangeGraph,
    key: str,
    kind: str,
    extra: dict[str, Any],
    sources: list[str],
    targets: list[str],
    types: dict[str, str],
) -> None:
    # Scheme nodes pointing here undercut (or support) this inference: their own business.
    premises = [s for s in sources if types.get(s) == "I"]
    if not premises or not targets:
        graph.warn(0, f"{kind}-node {key} lacks a premise or a conclusion and was left out")
        return
    if len(targets) > 1:
        graph.warn(0, f"{kind}-node {key} has {len(targets)} conclusions: one inference each")
    for number, target in enumerate(targets):
        name = key if number == 0 else f"{key}#{number + 1}"
        relation: InferenceKind
        if types[target] == "I":
            relation = "support" if kind == "RA" else "attack"
        elif kind == "CA":
            relation = "undercut"
        else:
            graph.warn(0, f"RA-node {key} supports an inference, which argmap cannot draw")
            continue
        graph.inferences.append(_inference(name, relation, premises, target, extra))


def _inference(
    key: str, kind: InferenceKind, premises: list[str], target: str, extra: dict[str, Any]
) -> Inference:
    """An RA or CA as an inference, with what argmap wrote on it: the argument its premises
    form, a rebuttal, a cross-link (from an argument), a basis box's tie."""
    argument = extra.get("argument")
    crosslink = extra.get("crosslink")
    owner = crosslink.get("owner") if isinstance(crosslink, dict) else None
    return Inference(
        key,
        kind,
        premises,
        target,
        dict(argument) if isinstance(argument, dict) else None,
        rebuttal=extra.get("list") == "rebuttals",
        crosslink=isinstance(crosslink, dict),
        owner=owner if isinstance(owner, str) else None,
        basis="basis" in extra,
    )
