"""Argdown tokens as a small syntax tree: statements, arguments with their premise-
conclusion steps, relations, sections, and the frontmatter's fields.

Relations nest by indentation under the element above them; text lines continue the
element they follow; numbered items and inference lines fill an argument's steps. What
the tree means for argmap is argdown_lower.py's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from ..errors import ArgmapError, Issue
from ..format import parse
from . import argdown_lex as lex
from .cutting import slug

_TAG = re.compile(r"(?<![\\\w])#(?:\(([^)\n]{0,100})\)|([\w-]{1,100}))")
# Bounded spans keep every pattern linear on hostile input (a line of 20,000 `*` or `@[`).
_LAST_TAG = re.compile(r"(?<![\\\w])#(?:\([^)\n]{0,100}\)|[\w-]{1,100})\Z")
_MENTION = re.compile(r"(?<!\\)@(?:\[([^\]\n]{0,300})\]|<([^>\n]{0,300})>)")
_LINK = re.compile(r"(?<!\\)\[([^\]\n]{0,300})\]\([^)\s]{0,2000}\)")
_EMPHASIS = re.compile(r"(?<![\\\w])(\*\*|__|\*|_)(?=[^\s*_])([^*_]{1,300}?)(?<=\S)\1(?!\w)")
_DATA_DEPTH = 20
_ESCAPED = re.compile(r"\\(.)")


class Endpoint(NamedTuple):
    """What a relation joins: a statement or an argument, by key."""

    kind: Literal["statement", "argument"]
    key: str


@dataclass
class StatementNode:
    key: str
    title: str | None
    line: int
    col: int
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # its {…}: YAML, any shape
    section: str | None = None


@dataclass
class Step:
    premises: list[str]
    conclusion: str
    line: int


@dataclass
class ArgumentNode:
    key: str
    title: str | None
    line: int
    col: int
    description: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    steps: list[Step] = field(default_factory=list)


@dataclass
class RelationNode:
    source: Endpoint
    kind: str  # support | attack | undercut | contradiction
    target: Endpoint
    line: int
    col: int


@dataclass
class Document:
    """What an Argdown file says, element by element, before argmap reads it as a graph."""

    file: str
    statements: dict[str, StatementNode] = field(default_factory=dict)
    arguments: dict[str, ArgumentNode] = field(default_factory=dict)
    relations: list[RelationNode] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)  # key → heading
    meta: dict[str, Any] = field(default_factory=dict)  # the frontmatter's fields
    meta_line: int = 0  # where argmap's own fields were written, for their errors
    issues: list[Issue] = field(default_factory=list)

    def warn(self, line: int, message: str, col: int = 1) -> None:
        self.issues.append(Issue(self.file, line, col if line else 0, "W501", message, "warning"))


@dataclass
class _Steps:
    """The premise-conclusion structure being read: its argument, the premises of its
    next step, whether an inference line came last, and whether its rule's text runs."""

    argument: ArgumentNode | None = None
    premises: list[str] = field(default_factory=list)
    after_inference: bool = False
    in_rule: bool = False


@dataclass
class _Open:
    """The element whose text the following lines continue."""

    endpoint: Endpoint | None
    heading: int | None
    parts: list[str]
    line: int
    col: int


def parse_argdown(text: str, file: str = "<argdown>") -> Document:
    return _Parser(text, file).parse()


class _Parser:
    def __init__(self, text: str, file: str):
        self.file = file
        self.doc = Document(file)
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        self.tokens: list[lex.Token] = []
        self.section: str | None = None
        self.section_levels: list[tuple[int, str | None]] = []
        self.open: _Open | None = None
        self.stack: list[tuple[int, Endpoint]] = []
        self.saved_stack: list[tuple[int, Endpoint]] = []
        self.pcs = _Steps()
        self.untitled = 0

    def parse(self) -> Document:
        self._frontmatter()
        lines, comment_only = lex.without_comments(self.lines, self.file)
        self.tokens = lex.tokens(lines, comment_only)
        for index, token in enumerate(self.tokens):
            self._token(token, index)
        self._close()
        self._finish_pcs()
        return self.doc

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
            self.doc.meta_line = next(keys, first) + 1
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
            self.doc.warn(
                issue.line or line,
                f"{what} is not valid YAML and was ignored: {issue.message}",
                issue.col or col,
            )
            return {}

    def _meta(self, meta: dict[str, Any]) -> None:
        if isinstance(meta.get("title"), str):
            self.doc.meta["title"] = " ".join(meta["title"].split())
        author = meta.get("author")
        if isinstance(author, str):
            self.doc.meta["authors"] = [author]
        elif isinstance(author, list):
            self.doc.meta["authors"] = [str(a) for a in author]
        extra = meta.get("argmap")
        if isinstance(extra, dict):
            self.doc.meta.update(extra)
        elif isinstance(meta.get("subTitle"), str):
            self.doc.meta["description"] = " ".join(meta["subTitle"].split())

    def _token(self, token: lex.Token, index: int) -> None:
        line = token.line
        if isinstance(token, lex.Blank):
            if not token.comment_only:
                self._close()
                if self.stack:  # an indented relation after the blank line still belongs
                    self.saved_stack = self.stack
                self.stack = []
            return
        if self.pcs.in_rule:
            if isinstance(token, lex.InferenceLine) and token.plain:
                self.pcs.in_rule = False
            return
        if isinstance(token, lex.Heading):
            self._close()
            self.stack = []
            self._end_pcs()
            self.saved_stack = []
            self.open = _Open(None, token.level, [token.title], line.number, line.col)
        elif isinstance(token, lex.InferenceLine):
            self._inference(token, index)
        elif isinstance(token, lex.PcsItem):
            self._close()
            self._pcs_item(line.number, token.content_col, line.indent, token.content)
        elif isinstance(token, lex.Relation) and self._relates(line.indent):
            self._close()
            self._relation(token)
        elif isinstance(token, lex.ListItem):  # each list item is a statement of its own
            self._top_element(line, token.content, token.content_col)
        elif self.open is not None:
            self.open.parts.append(line.text)
        else:
            self._top_element(line, line.text, line.col)

    def _relates(self, indent: int) -> bool:
        """Whether a relation line has an element above it (after a blank line, an
        indented one still has the element it was indented under)."""
        if not self.stack and not self.open and indent and self.saved_stack:
            self.stack = self.saved_stack
        return bool(self.stack or self.open)

    def _top_element(self, line: lex.Line, content: str, col: int) -> None:
        self._close()
        self.saved_stack = []
        self._end_pcs()  # a new element at the top ends the argument above
        self.stack = [(line.indent, self._element(line.number, col, content, top=True))]

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
        key = current.endpoint.key
        body, tags, data = self._split(text, current.line, current.col)
        if current.endpoint.kind == "statement":
            statement = self.doc.statements[key]
            if body and not statement.text:
                statement.text = body
                statement.section = statement.section or self.section
            elif body and body != statement.text:
                self.doc.warn(
                    current.line,
                    f"`[{statement.title}]` is given a second, different text; argmap keeps "
                    "the first",
                    current.col,
                )
            statement.tags = list(dict.fromkeys([*statement.tags, *tags]))
            statement.data.update(data)
        else:
            argument = self.doc.arguments[key]
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
                self.doc.warn(line, "this element's {data} nests too deep: ignored", col)
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
            while key in self.doc.sections and self.doc.sections[key] != body:
                key, number = f"{base}-{number}", number + 1
            self.doc.sections[key] = body
        self.section_levels.append((level, key))
        self.section = next((k for _, k in reversed(self.section_levels) if k), None)

    def _element(self, number: int, col: int, content: str, top: bool = False) -> Endpoint:
        """A statement or argument, defined or referred to; its text may go on below."""
        if content.startswith("["):
            title, rest = self._titled(content, "]", "title", number, col)
            endpoint = Endpoint("statement", self._statement(title, number, col))
        elif content.startswith("<"):
            title, rest = self._titled(content, ">", "argument title", number, col)
            argument = self._argument(title, number, col)
            endpoint = Endpoint("argument", argument.key)
            if top:  # its premises and conclusion may follow
                self.pcs.argument = argument
        else:
            endpoint, rest = Endpoint("statement", self._statement(None, number, col)), content
        self.open = _Open(endpoint, None, [rest.strip()], number, col)
        return endpoint

    def _titled(
        self, content: str, closer: str, what: str, number: int, col: int
    ) -> tuple[str, str]:
        """`[Title]: text` or `<Title>: text`: the title, and the text after it."""
        end = _closing(content, content[0], closer)
        if end is None:
            raise self.fail(
                number, col, f"this `{content[0]}` {what} is never closed by `{closer}`"
            )
        rest = content[end + 1 :]
        if rest.lstrip().startswith(":"):
            rest = rest.lstrip()[1:]
        return _clean(content[1:end]), rest

    def _statement(self, title: str | None, line: int, col: int) -> str:
        if title is None or not title:
            self.untitled += 1
            key = f"untitled-{self.untitled}"
            self.doc.statements[key] = StatementNode(key, None, line, col)
            return key
        key = f"[{title}]"
        if key not in self.doc.statements:
            self.doc.statements[key] = StatementNode(key, title, line, col)
        return key

    def _argument(self, title: str | None, line: int, col: int) -> ArgumentNode:
        if not title:
            self.untitled += 1
            title = None
            key = f"<untitled-{self.untitled}>"
        else:
            key = f"<{title}>"
        if key not in self.doc.arguments:
            self.doc.arguments[key] = ArgumentNode(key, title, line, col, section=self.section)
        return self.doc.arguments[key]

    def _relation(self, token: lex.Relation) -> None:
        number, col, indent = token.line.number, token.line.col, token.line.indent
        symbol, content = token.symbol, token.content
        while len(self.stack) > 1 and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            self.doc.warn(number, "a relation with nothing above it to relate to", col)
            self.stack = [(indent, self._element(number, col, content, top=True))]
            return
        parent = self.stack[-1][1]
        child = self._element(number, token.content_col, content)
        kind = {"+": "support", "-": "attack", "_": "undercut", "><": "contradiction"}[
            symbol.strip("<>") or "><"
        ]
        outgoing = symbol.endswith(">") and symbol != "><"
        source, target = (parent, child) if outgoing else (child, parent)
        self.doc.relations.append(RelationNode(source, kind, target, number, col))
        self.stack.append((indent, child))

    # -- premise-conclusion structures ---------------------------------------------------

    def _pcs_item(self, number: int, col: int, indent: int, content: str) -> None:
        if self.pcs.argument is None:
            self.pcs.argument = self._argument(None, number, col)
            self.pcs.argument.section = self.section
        endpoint = self._element(number, col, content)
        self.stack = [(indent, endpoint)]
        key = endpoint.key
        if endpoint.kind != "statement":
            raise self.fail(number, col, "a premise or conclusion must be a statement, not <…>")
        if self.pcs.after_inference:
            self.pcs.argument.steps.append(Step(self.pcs.premises, key, number))
            self.pcs.premises = [key]
            self.pcs.after_inference = False
        else:
            self.pcs.premises.append(key)

    def _inference(self, token: lex.InferenceLine, index: int) -> None:
        self._close()
        self.stack = []
        number, col = token.line.number, token.line.col
        if self.pcs.argument is None or not self.pcs.premises:
            raise self.fail(number, col, "an inference line (`--`) with no premises above it")
        self.pcs.after_inference = True
        if token.plain:
            self.pcs.in_rule = self._rule_follows(index)

    def _rule_follows(self, index: int) -> bool:
        """A dash line opens an inference rule when text, not a numbered statement,
        follows it, and another dash line closes that text before the conclusion."""
        rest = [t for t in self.tokens[index + 1 :] if not isinstance(t, lex.Blank)]
        if not rest or isinstance(rest[0], lex.PcsItem):
            return False
        for token in rest[1:]:
            if isinstance(token, lex.InferenceLine) and token.plain:
                return True
            if isinstance(token, lex.PcsItem):
                return False
        return False

    def _end_pcs(self) -> None:
        self._finish_pcs()
        self.pcs.argument = None

    def _finish_pcs(self) -> None:
        if self.pcs.argument is not None and self.pcs.after_inference:
            self.doc.warn(
                self.pcs.argument.line, "this argument's last inference has no conclusion below it"
            )
        if self.pcs.argument is not None and self.pcs.premises and not self.pcs.argument.steps:
            self.doc.warn(
                self.pcs.argument.line,
                "numbered statements without an inference line (`----`): read as the "
                "premises of an argument with no conclusion, and left out",
            )
        self.pcs.premises = []
        self.pcs.after_inference = False


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
