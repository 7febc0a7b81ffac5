"""Argdown text read in Python (no Node): statements, arguments, relations and sections.

A line-based reader: comments and frontmatter go first (keeping line numbers), then each
line is a heading, a premise-conclusion item, an inference line, a relation (`+ - _` and
their directed forms), or text that opens or continues an element. Relations nest by
indentation under the element above them. The result is an `ExchangeGraph`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ArgmapError
from ..format import parse
from .cutting import slug
from .neutral import ExchangeGraph, Inference, Statement

_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_PCS_ITEM = re.compile(r"\((\d+)\)\s*(.*)")
_INFERENCE = re.compile(r"-{2,}\s*$")
_INFERENCE_ONE_LINE = re.compile(r"-{2,}\s*(\S.*?)\s*-{2,}\s*$")
_RELATION = re.compile(r"(<\+|\+>|<-|->|<_|_>|><|\+|-|_)(?:\s+|(?=[\[<]))(.*)")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)\s+(.*)")
_TAG = re.compile(r"(?<![\\\w])#(?:\(([^)\n]{0,100})\)|([\w-]{1,100}))")
# Bounded spans keep every pattern linear on hostile input (a line of 20,000 `*` or `@[`).
_LAST_TAG = re.compile(r"(?<![\\\w])#(?:\([^)\n]{0,100}\)|[\w-]{1,100})\Z")
_MENTION = re.compile(r"(?<!\\)@(?:\[([^\]\n]{0,300})\]|<([^>\n]{0,300})>)")
_LINK = re.compile(r"(?<!\\)\[([^\]\n]{0,300})\]\([^)\s]{0,2000}\)")
_EMPHASIS = re.compile(r"(?<![\\\w])(\*\*|__|\*|_)(?=[^\s*_])([^*_]{1,300}?)(?<=\S)\1(?!\w)")
_DATA_DEPTH = 20
_PENDING = "pending:"  # an undercut's target until the step it bears on is known
_ESCAPED = re.compile(r"\\(.)")
_CLAIM_DATA = ("id", "quote", "implicit", "mark", "basis", "note", "kind", "step")
_ARGUMENT_DATA = ("id", "note", "group", "kind", "step")

Endpoint = tuple[str, str]  # ("statement" | "argument", key)


@dataclass
class _Statement:
    key: str
    title: str | None
    line: int
    col: int
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None


@dataclass
class _Step:
    premises: list[str]
    conclusion: str
    line: int


@dataclass
class _Argument:
    key: str
    title: str | None
    line: int
    col: int
    description: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    steps: list[_Step] = field(default_factory=list)


@dataclass
class _Relation:
    source: Endpoint
    kind: str  # support | attack | undercut | contradiction
    target: Endpoint
    line: int
    col: int


@dataclass
class _Open:
    """The element whose text the following lines continue."""

    endpoint: Endpoint | None
    heading: int | None
    parts: list[str]
    line: int
    col: int


def read_argdown(text: str, file: str = "<argdown>") -> ExchangeGraph:
    return _Reader(text, file).read()


class _Reader:
    def __init__(self, text: str, file: str):
        self.file = file
        self.graph = ExchangeGraph(file)
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        self.statements: dict[str, _Statement] = {}
        self.arguments: dict[str, _Argument] = {}
        self.relations: list[_Relation] = []
        self.section: str | None = None
        self.section_levels: list[tuple[int, str | None]] = []
        self.open: _Open | None = None
        self.stack: list[tuple[int, Endpoint]] = []
        self.saved_stack: list[tuple[int, Endpoint]] = []
        self.argument: _Argument | None = None  # the argument a premise-conclusion list fills
        self.pcs_premises: list[str] = []
        self.pcs_after_inference = False
        self.in_rule = False
        self.untitled = 0
        self.comment_only: set[int] = set()

    # -- reading -------------------------------------------------------------------------

    def read(self) -> ExchangeGraph:
        self._frontmatter()
        self._strip_comments()
        for number, raw in enumerate(self.lines, start=1):
            self._line(number, raw)
        self._close()
        self._finish_pcs()
        self._to_graph()
        return self.graph

    def fail(self, line: int, col: int, message: str, hint: str = "") -> ArgmapError:
        return ArgmapError.at(self.file, line, col, "E501", message, hint=hint)

    def _frontmatter(self) -> None:
        first = next((n for n, line in enumerate(self.lines) if line.strip()), None)
        if first is None or self.lines[first].strip() != "===":
            return
        for end in range(first + 1, len(self.lines)):
            if self.lines[end].strip() == "===":
                break
        else:
            raise self.fail(first + 1, 1, "the frontmatter opened here is never closed by `===`")
        # Blank lines in place of what comes before, so the loader's lines are the file's.
        body = "\n" * (first + 1) + "\n".join(self.lines[first + 1 : end])
        meta = self._yaml(body, first + 2, 1, "the frontmatter")
        if isinstance(meta, dict):
            keys = (n for n in range(first + 1, end) if self.lines[n].startswith("argmap:"))
            self.graph.meta_line = next(keys, first) + 1
            self._meta(meta)
        for number in range(first, end + 1):
            self.lines[number] = ""

    def _yaml(self, text: str, line: int, col: int, what: str) -> dict[str, Any]:
        """YAML read with a map's own loader and limits (aliases, depth, size): an alias
        bomb is refused as in a map, any other problem is a warning and nothing is read."""
        try:
            return parse(text, self.file).data
        except ArgmapError as exc:
            issue = exc.issues[0]
            if issue.code == "E003":  # nothing but comments: nothing to read
                return {}
            if issue.code == "E009":
                raise ArgmapError.at(
                    self.file,
                    issue.line or line,
                    issue.col or col,
                    "E009",
                    f"{what}: {issue.message}",
                    hint=issue.hint,
                ) from None
            self.graph.warn(
                issue.line or line,
                f"{what} is not valid YAML and was ignored: {issue.message}",
                issue.col or col,
            )
            return {}

    def _meta(self, meta: dict[str, Any]) -> None:
        if isinstance(meta.get("title"), str):
            self.graph.meta["title"] = " ".join(meta["title"].split())
        author = meta.get("author")
        if isinstance(author, str):
            self.graph.meta["authors"] = [author]
        elif isinstance(author, list):
            self.graph.meta["authors"] = [str(a) for a in author]
        extra = meta.get("argmap")
        if isinstance(extra, dict):
            self.graph.meta.update(extra)
        elif isinstance(meta.get("subTitle"), str):
            self.graph.meta["description"] = " ".join(meta["subTitle"].split())

    def _strip_comments(self) -> None:
        """`<!-- -->`, `/* */` and `//` comments become spaces, so columns and lines stay."""
        text = "\n".join(self.lines)
        out: list[str] = []
        index = 0
        line = 1
        length = len(text)
        while index < length:
            char = text[index]
            if char == "\\" and index + 1 < length:
                out.append(text[index : index + 2])
                index += 2
                continue
            closer = None
            if text.startswith("<!--", index):
                closer = "-->"
            elif text.startswith("/*", index):
                closer = "*/"
            elif text.startswith("//", index) and (index == 0 or text[index - 1] in " \t\n"):
                closer = "\n"
            if closer is None:
                if char == "\n":
                    line += 1
                out.append(char)
                index += 1
                continue
            end = text.find(closer, index + 2)
            if end < 0:
                if closer == "\n":
                    end = length
                else:
                    col = index - text.rfind("\n", 0, index)
                    raise self.fail(line, col, f"this comment is never closed by `{closer}`")
            stop = end if closer == "\n" else end + len(closer)
            skipped = text[index:stop]
            out.append("".join("\n" if c == "\n" else " " for c in skipped))
            line += skipped.count("\n")
            index = stop
        stripped = "".join(out).split("\n")
        # A line that held only a comment is no blank line: it does not end a paragraph.
        self.comment_only = {
            number
            for number, (before, after) in enumerate(zip(self.lines, stripped, strict=True), 1)
            if before.strip() and not after.strip()
        }
        self.lines = stripped

    def _line(self, number: int, raw: str) -> None:
        expanded = raw.expandtabs(4)
        stripped = expanded.strip()
        indent = len(expanded) - len(expanded.lstrip())
        col = indent + 1
        if not stripped and number in self.comment_only:
            return
        if not stripped:
            self._close()
            if self.stack:  # an indented relation after the blank line still belongs here
                self.saved_stack = self.stack
            self.stack = []
            return
        if self.in_rule:
            if _INFERENCE.fullmatch(stripped):
                self.in_rule = False
            return
        heading = _HEADING.fullmatch(stripped)
        if heading and indent == 0:
            self._close()
            self.stack = []
            self._end_pcs()
            self.saved_stack = []
            self.open = _Open(None, len(heading.group(1)), [heading.group(2)], number, col)
            return
        if _INFERENCE.fullmatch(stripped) or _INFERENCE_ONE_LINE.fullmatch(stripped):
            self._inference(number, col, stripped)
            return
        item = _PCS_ITEM.fullmatch(stripped)
        if item:
            self._close()
            self._pcs_item(number, col + item.start(2), indent, item.group(2))
            return
        relation = _RELATION.fullmatch(stripped)
        if relation and not self.stack and not self.open and indent and self.saved_stack:
            self.stack = self.saved_stack
        if relation and (self.stack or self.open):
            self._close()
            self._relation(number, col, indent, relation.group(1), relation.group(2), relation)
            return
        listed = _LIST_ITEM.fullmatch(stripped)
        if self.open is not None and not listed:
            self.open.parts.append(stripped)
            return
        self._close()
        if listed:  # each list item is a statement of its own
            stripped = listed.group(1)
            col += listed.start(1)
        self.saved_stack = []
        self._end_pcs()  # a new element at the top ends the argument above
        endpoint = self._element(number, col, stripped, top=True)
        self.stack = [(indent, endpoint)]

    def _close(self) -> None:
        """The open element's text is complete: split off its title, tags and data."""
        current = self.open
        if current is None:
            return
        self.open = None
        text = " ".join(current.parts)
        if current.heading is not None:
            self._heading(current.heading, text, current.line)
            return
        assert current.endpoint is not None
        kind, key = current.endpoint
        body, tags, data = self._split(text, current.line, current.col)
        if kind == "statement":
            statement = self.statements[key]
            if body and not statement.text:
                statement.text = body
                statement.section = statement.section or self.section
            elif body and body != statement.text:
                self.graph.warn(
                    current.line,
                    f"`[{statement.title}]` is given a second, different text; argmap keeps "
                    "the first",
                    current.col,
                )
            statement.tags = list(dict.fromkeys([*statement.tags, *tags]))
            statement.data.update(data)
        else:
            argument = self.arguments[key]
            if body and not argument.description:
                argument.description = body
            argument.data.update(data)
            argument.section = argument.section or self.section

    def _split(self, text: str, line: int, col: int) -> tuple[str, list[str], dict[str, Any]]:
        data: dict[str, Any] = {}
        stripped = text.rstrip()
        if stripped.endswith("}") and not stripped.endswith("\\}"):
            start = _data_start(stripped)
            if start is not None and _nesting(stripped[start:]) > _DATA_DEPTH:
                self.graph.warn(line, "this element's {data} nests too deep: ignored", col)
                stripped = stripped[:start]
            elif start is not None:
                padded = "\n" * (line - 1) + stripped[start:]
                data = self._yaml(padded, line, col, "this element's {data}")
                stripped = stripped[:start]
        stripped = _LINK.sub(lambda m: m.group(1), stripped)  # a `#` in a URL is no tag
        tags = [a or b for a, b in _TAG.findall(stripped)]
        # Tags at the end are labels on the statement; one inside a sentence keeps its word.
        body = _without_trailing_tags(stripped)
        body = _TAG.sub(lambda m: m.group(1) or m.group(2), body)
        return _clean(body), tags, data

    def _heading(self, level: int, text: str, line: int) -> None:
        body, _, data = self._split(text, line, 1)
        while self.section_levels and self.section_levels[-1][0] >= level:
            self.section_levels.pop()
        key: str | None = None
        if data.get("isGroup") is not False and body:
            key = str(data["id"]) if isinstance(data.get("id"), str) else slug(body)
            base, number = key, 2
            while key in self.graph.sections and self.graph.sections[key] != body:
                key, number = f"{base}-{number}", number + 1
            self.graph.sections[key] = body
        self.section_levels.append((level, key))
        self.section = next((k for _, k in reversed(self.section_levels) if k), None)

    def _element(self, number: int, col: int, content: str, top: bool = False) -> Endpoint:
        """A statement or argument, defined or referred to; its text may go on below."""
        if content.startswith("["):
            end = _closing(content, "[", "]")
            if end is None:
                raise self.fail(number, col, "this `[` title is never closed by `]`")
            title = _clean(content[1:end])
            rest = content[end + 1 :]
            endpoint = ("statement", self._statement(title, number, col))
            if rest.lstrip().startswith(":"):
                rest = rest.lstrip()[1:]
            self.open = _Open(endpoint, None, [rest.strip()], number, col)
            return endpoint
        if content.startswith("<"):
            end = _closing(content, "<", ">")
            if end is None:
                raise self.fail(number, col, "this `<` argument title is never closed by `>`")
            title = _clean(content[1:end])
            rest = content[end + 1 :]
            argument = self._argument(title, number, col)
            endpoint = ("argument", argument.key)
            if rest.lstrip().startswith(":"):
                rest = rest.lstrip()[1:]
            self.open = _Open(endpoint, None, [rest.strip()], number, col)
            if top:  # its premises and conclusion may follow
                self.argument = argument
            return endpoint
        endpoint = ("statement", self._statement(None, number, col))
        self.open = _Open(endpoint, None, [content], number, col)
        return endpoint

    def _statement(self, title: str | None, line: int, col: int) -> str:
        if title is None or not title:
            self.untitled += 1
            key = f"untitled-{self.untitled}"
            self.statements[key] = _Statement(key, None, line, col)
            return key
        key = f"[{title}]"
        if key not in self.statements:
            self.statements[key] = _Statement(key, title, line, col)
        return key

    def _argument(self, title: str | None, line: int, col: int) -> _Argument:
        if not title:
            self.untitled += 1
            title = None
            key = f"<untitled-{self.untitled}>"
        else:
            key = f"<{title}>"
        if key not in self.arguments:
            self.arguments[key] = _Argument(key, title, line, col, section=self.section)
        return self.arguments[key]

    def _relation(
        self, number: int, col: int, indent: int, symbol: str, content: str, match: Any
    ) -> None:
        while len(self.stack) > 1 and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            self.graph.warn(number, "a relation with nothing above it to relate to", col)
            self.stack = [(indent, self._element(number, col, content, top=True))]
            return
        parent = self.stack[-1][1]
        child = self._element(number, col + match.start(2), content)
        kind = {"+": "support", "-": "attack", "_": "undercut", "><": "contradiction"}[
            symbol.strip("<>") or "><"
        ]
        outgoing = symbol.endswith(">") and symbol != "><"
        source, target = (parent, child) if outgoing else (child, parent)
        self.relations.append(_Relation(source, kind, target, number, col))
        self.stack.append((indent, child))

    # -- premise-conclusion structures ---------------------------------------------------

    def _pcs_item(self, number: int, col: int, indent: int, content: str) -> None:
        if self.argument is None:
            self.argument = self._argument(None, number, col)
            self.argument.section = self.section
        endpoint = self._element(number, col, content)
        self.stack = [(indent, endpoint)]
        key = endpoint[1]
        if endpoint[0] != "statement":
            raise self.fail(number, col, "a premise or conclusion must be a statement, not <…>")
        if self.pcs_after_inference:
            self.argument.steps.append(_Step(self.pcs_premises, key, number))
            self.pcs_premises = [key]
            self.pcs_after_inference = False
        else:
            self.pcs_premises.append(key)

    def _inference(self, number: int, col: int, stripped: str) -> None:
        self._close()
        self.stack = []
        if self.argument is None or not self.pcs_premises:
            raise self.fail(number, col, "an inference line (`--`) with no premises above it")
        self.pcs_after_inference = True
        if _INFERENCE.fullmatch(stripped):
            self.in_rule = self._rule_follows(number)

    def _rule_follows(self, number: int) -> bool:
        """A dash line opens an inference rule when text, not a numbered statement,
        follows it, and another dash line closes that text before the conclusion."""
        rest = [line.strip() for line in self.lines[number:] if line.strip()]
        if not rest or _PCS_ITEM.fullmatch(rest[0]):
            return False
        for line in rest[1:]:
            if _INFERENCE.fullmatch(line):
                return True
            if _PCS_ITEM.fullmatch(line):
                return False
        return False

    def _end_pcs(self) -> None:
        self._finish_pcs()
        self.argument = None

    def _finish_pcs(self) -> None:
        if self.argument is not None and self.pcs_after_inference:
            self.graph.warn(
                self.argument.line, "this argument's last inference has no conclusion below it"
            )
        if self.argument is not None and self.pcs_premises and not self.argument.steps:
            self.graph.warn(
                self.argument.line,
                "numbered statements without an inference line (`----`): read as the "
                "premises of an argument with no conclusion, and left out",
            )
        self.pcs_premises = []
        self.pcs_after_inference = False

    # -- the neutral graph ---------------------------------------------------------------

    def _to_graph(self) -> None:
        graph = self.graph
        for statement in self.statements.values():
            text = statement.text
            if not text:
                text = statement.title or ""
            fields = {k: statement.data[k] for k in _CLAIM_DATA if k in statement.data}
            if _is_label(statement.title, statement.data):
                fields["label"] = statement.title
            if statement.tags:
                fields["tags"] = statement.tags
            if statement.data.get("negation"):
                fields["negation"] = True
            graph.statements[statement.key] = Statement(
                statement.key, text, statement.title, fields, statement.section, statement.line
            )
        for argument in self.arguments.values():
            if not argument.steps:
                text = argument.description or argument.title or "(an argument with no text)"
                fields = {"label": argument.title} if argument.title else {}
                fields.update({k: argument.data[k] for k in _CLAIM_DATA if k in argument.data})
                graph.statements[argument.key] = Statement(
                    argument.key, text, argument.title, fields, argument.section, argument.line
                )
        for argument in self.arguments.values():
            self._steps(argument)
        attacks_on_arguments: list[int] = []
        for relation in self.relations:
            self._relation_to_graph(relation, attacks_on_arguments)
        if attacks_on_arguments:
            lines = ", ".join(str(n) for n in attacks_on_arguments[:8])
            graph.warn(
                attacks_on_arguments[0],
                f"{len(attacks_on_arguments)} attack(s) on an argument with premises and "
                f"conclusion read as undercuts of its inference (line {lines})",
            )
        graph.inferences = _unique(_resolve_pending(graph.inferences))
        _collapse_negations(graph)

    def _steps(self, argument: _Argument) -> None:
        for number, step in enumerate(argument.steps, start=1):
            fields: dict[str, Any] = {}
            if number == len(argument.steps) and argument.data.get("premise") != "claim":
                details = {k: argument.data[k] for k in _ARGUMENT_DATA if k in argument.data}
                if _is_label(argument.title, argument.data):
                    details["label"] = argument.title
                if argument.description and "note" not in details:
                    details["note"] = argument.description
                fields["argument"] = details
            key = argument.key if number == len(argument.steps) else f"{argument.key}#{number}"
            self.graph.inferences.append(
                Inference(
                    key,
                    "support",
                    list(step.premises),
                    step.conclusion,
                    fields,
                    argument.section,
                    step.line,
                )
            )

    def _resolve(self, endpoint: Endpoint) -> tuple[str, str]:
        """A statement's key; an argument with premises stands for its main conclusion."""
        kind, key = endpoint
        if kind == "argument" and self.arguments[key].steps:
            return "inference", key
        return "statement", key

    def _relation_to_graph(self, relation: _Relation, attacks_on_arguments: list[int]) -> None:
        graph = self.graph
        source_kind, source = self._resolve(relation.source)
        target_kind, target = self._resolve(relation.target)
        kind = relation.kind
        if source_kind == "inference":
            source = self.arguments[source].steps[-1].conclusion
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
            conclusion = self.arguments[target].steps[-1].conclusion
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
        elif relation.target[0] == "argument" and kind == "support":
            graph.warn(
                relation.line,
                "support for an argument cannot be drawn in argmap; it is drawn as support "
                "for the argument's claim (its gist)",
                relation.col,
            )
        elif kind == "undercut":
            undercut = self._step_of(target) if relation.target[0] == "argument" else None
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
        graph.inferences.append(
            Inference(key, kind, [source], target, line=relation.line)  # type: ignore[arg-type]
        )

    def _step_of(self, statement: str) -> str | None:
        """What an undercut of an argument without premises bears on: the step from its
        claim to what it supports or attacks (found once every relation is read)."""
        for relation in self.relations:
            if relation.source[1] == statement and relation.kind != "undercut":
                return f"{_PENDING}{statement}"
        return None


def _is_label(title: str | None, data: dict[str, Any]) -> bool:
    """A title is a label unless argmap wrote it from an id or a number (its data says)."""
    if not title or data.get("untitled"):
        return False
    return data.get("id") != title or data.get("label") is True


def _collapse_negations(graph: ExchangeGraph) -> None:
    """argmap writes an objection of co-premises as an argument concluding "Not so: …"
    (data `negation: true`); read back, its premises attack the target directly."""
    for key, statement in list(graph.statements.items()):
        if not statement.fields.get("negation"):
            continue
        into = [i for i in graph.inferences if i.target == key and i.kind == "support"]
        out = [i for i in graph.inferences if key in i.premises]
        if len(into) != 1 or len(out) != 1:
            statement.fields.pop("negation")
            continue
        step, attack = into[0], out[0]
        step.kind = attack.kind
        step.target = attack.target
        graph.inferences.remove(attack)
        del graph.statements[key]
    for statement in graph.statements.values():
        statement.fields.pop("negation", None)


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


def _data_start(text: str) -> int | None:
    """Where a trailing `{…}` begins, matching braces from the end."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if index > 0 and text[index - 1] == "\\":
            continue
        if char == "}":
            depth += 1
        elif char == "{":
            depth -= 1
            if depth == 0:
                return index
    return None


def _without_trailing_tags(text: str) -> str:
    """The text without the tags that end it (looked for in the last 110 characters only,
    so a line of thousands of tags stays linear)."""
    text = text.rstrip()
    while True:
        found = _LAST_TAG.search(text, max(0, len(text) - 110))
        if found is None:
            return text
        text = text[: found.start()].rstrip()


def _nesting(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "{[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "}]":
            depth -= 1
    return deepest


def _closing(text: str, opener: str, closer: str) -> int | None:
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _clean(text: str) -> str:
    """Plain text: mentions, links and emphasis reduced to their words, escapes undone."""
    text = _MENTION.sub(lambda m: m.group(1) or m.group(2), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    for _ in range(2):
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _ESCAPED.sub(lambda m: m.group(1), text)
    return " ".join(text.split())
