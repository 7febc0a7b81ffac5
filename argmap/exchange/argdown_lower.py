"""An Argdown syntax tree as argmap's neutral graph: what each element means for a map.

Statements become statements (a title that is no generated id becomes the label);
arguments with premise-conclusion steps become inferences, their last step carrying the
argument's own fields; relations become supports, attacks and undercuts, with a warning
wherever argmap draws something other than what Argdown says (a contradiction as one
attack, support for an argument as support for its conclusion, ...).
"""

from __future__ import annotations

from typing import Any

from .argdown_parse import ArgumentNode, Document, Endpoint, RelationNode
from .argdown_write import ARGUMENT_DATA, CLAIM_DATA, NEGATION
from .neutral import ExchangeGraph, Inference, InferenceKind, Statement

_PENDING = "pending:"  # an undercut's target until the step it bears on is known
_KINDS: dict[str, InferenceKind] = {
    "support": "support",
    "attack": "attack",
    "undercut": "undercut",
}


def lower(document: Document) -> ExchangeGraph:
    """The graph of what the document says, with its warnings after the parser's."""
    return _Lowering(document).lower()


class _Lowering:
    def __init__(self, document: Document):
        self.doc = document
        self.graph = ExchangeGraph(document.file)
        self.graph.meta = dict(document.meta)
        self.graph.meta_line = document.meta_line
        self.graph.sections = dict(document.sections)
        self.graph.issues = list(document.issues)

    def lower(self) -> ExchangeGraph:
        graph = self.graph
        negations: set[str] = set()
        for statement in self.doc.statements.values():
            text = statement.text
            if not text:
                text = statement.title or ""
            data = {k: statement.data[k] for k in CLAIM_DATA if k in statement.data}
            if _is_label(statement.title, statement.data):
                data["label"] = statement.title
            if statement.tags:
                data["tags"] = statement.tags
            if statement.data.get(NEGATION):
                negations.add(statement.key)
            graph.statements[statement.key] = Statement(
                statement.key, text, statement.title, data, statement.section, statement.line
            )
        for argument in self.doc.arguments.values():
            if not argument.steps:
                text = argument.description or argument.title or "(an argument with no text)"
                data = {"label": argument.title} if argument.title else {}
                data.update({k: argument.data[k] for k in CLAIM_DATA if k in argument.data})
                graph.statements[argument.key] = Statement(
                    argument.key, text, argument.title, data, argument.section, argument.line
                )
        for argument in self.doc.arguments.values():
            self._steps(argument)
        attacks_on_arguments: list[int] = []
        for relation in self.doc.relations:
            self._relation_to_graph(relation, attacks_on_arguments)
        if attacks_on_arguments:
            lines = ", ".join(str(n) for n in attacks_on_arguments[:8])
            graph.warn(
                attacks_on_arguments[0],
                f"{len(attacks_on_arguments)} attack(s) on an argument with premises and "
                f"conclusion read as undercuts of its inference (line {lines})",
            )
        graph.inferences = _unique(_resolve_pending(graph.inferences))
        _collapse_negations(graph, negations)
        return graph

    def _steps(self, argument: ArgumentNode) -> None:
        for number, step in enumerate(argument.steps, start=1):
            details: dict[str, Any] | None = None
            if number == len(argument.steps) and argument.data.get("premise") != "claim":
                details = {k: argument.data[k] for k in ARGUMENT_DATA if k in argument.data}
                if _is_label(argument.title, argument.data):
                    details["label"] = argument.title
                if argument.description and "note" not in details:
                    details["note"] = argument.description
            key = argument.key if number == len(argument.steps) else f"{argument.key}#{number}"
            self.graph.inferences.append(
                Inference(
                    key,
                    "support",
                    list(step.premises),
                    step.conclusion,
                    details,
                    argument.section,
                    step.line,
                )
            )

    def _resolve(self, endpoint: Endpoint) -> tuple[str, str]:
        """A statement's key; an argument with premises stands for its main conclusion."""
        if endpoint.kind == "argument" and self.doc.arguments[endpoint.key].steps:
            return "inference", endpoint.key
        return "statement", endpoint.key

    def _relation_to_graph(self, relation: RelationNode, attacks_on_arguments: list[int]) -> None:
        graph = self.graph
        source_kind, source = self._resolve(relation.source)
        target_kind, target = self._resolve(relation.target)
        kind = relation.kind
        if source_kind == "inference":
            source = self.doc.arguments[source].steps[-1].conclusion
            if source == target and kind == "support":
                return  # `[T] + <A>` where A concludes T: said twice, meant once
        if kind == "contradiction":
            graph.warn(
                relation.line,
                "a contradiction (`><`) is symmetric; argmap draws it as one attack, from "
                "the statement below to the one above",
                relation.col,
            )
            kind = "attack"
        if target_kind == "inference":
            conclusion = self.doc.arguments[target].steps[-1].conclusion
            if kind == "support":
                graph.warn(
                    relation.line,
                    "support for an argument cannot be drawn in argmap; it is drawn as "
                    "support for the argument's conclusion",
                    relation.col,
                )
                target = conclusion
            elif kind == "attack":
                attacks_on_arguments.append(relation.line)
                kind = "undercut"
        elif relation.target.kind == "argument" and kind == "support":
            graph.warn(
                relation.line,
                "support for an argument cannot be drawn in argmap; it is drawn as support "
                "for the argument's claim (its gist)",
                relation.col,
            )
        elif kind == "undercut":
            undercut = self._step_of(target) if relation.target.kind == "argument" else None
            if undercut is None:
                graph.warn(
                    relation.line,
                    "an undercut of a statement (not of an argument) is drawn as an attack",
                    relation.col,
                )
                kind = "attack"
            else:
                target = undercut
        if source == target:
            graph.warn(relation.line, "a statement related to itself was left out", relation.col)
            return
        key = f"rel-{relation.line}-{relation.col}-{len(graph.inferences)}"
        graph.inferences.append(Inference(key, _KINDS[kind], [source], target, line=relation.line))

    def _step_of(self, statement: str) -> str | None:
        """What an undercut of an argument without premises bears on: the step from its
        claim to what it supports or attacks (found once every relation is read)."""
        for relation in self.doc.relations:
            if relation.source.key == statement and relation.kind != "undercut":
                return f"{_PENDING}{statement}"
        return None


def _is_label(title: str | None, data: dict[str, Any]) -> bool:
    """A title is a label unless argmap wrote it from an id or a number (its data says)."""
    if not title or data.get("untitled"):
        return False
    return data.get("id") != title or data.get("label") is True


def _collapse_negations(graph: ExchangeGraph, negations: set[str]) -> None:
    """argmap writes an objection of co-premises as an argument concluding "Not so: …"
    (data `negation: true`); read back, its premises attack the target directly."""
    for key in [key for key in graph.statements if key in negations]:
        into = [i for i in graph.inferences if i.target == key and i.kind == "support"]
        out = [i for i in graph.inferences if key in i.premises]
        if len(into) != 1 or len(out) != 1:
            continue
        step, attack = into[0], out[0]
        step.kind = attack.kind
        step.target = attack.target
        graph.inferences.remove(attack)
        del graph.statements[key]


def _resolve_pending(inferences: list[Inference]) -> list[Inference]:
    """Undercuts of an argument without premises bear on the step from its claim, known
    only once every relation is read: point each at that step, or drop it."""
    steps: dict[str, str] = {}
    for inference in inferences:
        if inference.kind != "undercut" and len(inference.premises) == 1:
            steps.setdefault(inference.premises[0], inference.key)
    kept: list[Inference] = []
    for inference in inferences:
        if inference.target.startswith(_PENDING):
            step = steps.get(inference.target.removeprefix(_PENDING))
            if step is None:
                continue
            inference.target = step
        kept.append(inference)
    return kept


def _unique(inferences: list[Inference]) -> list[Inference]:
    """One inference per (premises, kind, target): Argdown states a relation in several
    places (`+ <A>` under a statement and A's conclusion) without meaning two."""
    seen: set[tuple[tuple[str, ...], str, str]] = set()
    kept: list[Inference] = []
    for inference in inferences:
        signature = (tuple(inference.premises), inference.kind, inference.target)
        if signature not in seen:
            seen.add(signature)
            kept.append(inference)
    return kept
