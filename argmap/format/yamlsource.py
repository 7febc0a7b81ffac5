"""YAML text to plain data, keeping the line and column of every key and value."""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import ArgmapError, Issue
from ..limits import DEFAULT_LIMITS, Limits
from .yamlsyntax import syntax_issue

DataPath = tuple[str | int, ...]
Position = tuple[int, int]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
}
ALIAS_EXPANSION_LIMIT = 10_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_scalars = yaml.constructor.SafeConstructor()
# Characters XML (and so SVG) cannot hold, which YAML's "\x07"-style escapes can still produce.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
UNSAFE_CHARACTERS = _UNSAFE


@dataclass
class LocatedDocument:
    """Parsed data, and where in the text each part of it was written."""

    file: str
    text: str
    data: dict[str, Any]
    # Problems that still left usable data (a repeated key, a tag, a control character).
    issues: list[Issue] = field(default_factory=list)

    @functools.cached_property
    def _resolved(self) -> dict[DataPath, Any]:
        """(key node, value node), or None, of each path prefix located so far."""
        return {}

    @functools.cached_property
    def root(self) -> yaml.Node:
        """The YAML nodes, which know where each part was written: composed again only
        when a problem needs a position (the text parsed once already)."""
        node = yaml.compose(self.text, Loader=_Loader)
        assert node is not None  # the text held a mapping when it was parsed
        return node

    def locate(self, path: DataPath, *, key: bool = False) -> Position:
        """1-based line:col of path's value (or key), else of its nearest written ancestor.

        Positions are looked up only for the few paths that have a problem, by walking
        the node tree, so a clean map pays nothing for them.
        """
        node, key_node, found = self.root, None, True
        resolved = self._resolved
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]  # paths of one map share their beginnings: each walked once
            child = resolved.get(prefix, _UNKNOWN)
            if child is _UNKNOWN:
                child = resolved[prefix] = _child(node, path[depth - 1])
            if child is None:
                found = False
                break
            key_node, node = child
        if key_node is not None and (key or not found):
            return _pos(key_node)
        return _pos(node)

    def in_flow_mapping(self, path: DataPath) -> bool:
        """Whether path's parent was written inline, `{a: 1, b: 2}`."""
        node: yaml.Node | None = self.root
        for part in path[:-1]:
            child = _child(node, part) if node is not None else None
            node = child[1] if child else None
        return isinstance(node, yaml.MappingNode) and bool(node.flow_style)

    def issue(
        self,
        path: DataPath,
        code: str,
        message: str,
        *,
        key: bool = False,
        severity: str = "error",
        hint: str = "",
        about: str = "",
    ) -> Issue:
        line, col = self.locate(path, key=key)
        return Issue(self.file, line, col, code, message, severity, hint, about)  # type: ignore[arg-type]


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (with or without a byte-order mark) or a located E002."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArgmapError.at(
            file, 1, 1, "E002", "the file is UTF-16, not UTF-8", hint="save it as UTF-8"
        )
    nul = raw.find(b"\x00")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArgmapError.at(
            file,
            line,
            col,
            "E002",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            hint="save the file as UTF-8 text",
        ) from None
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise ArgmapError.at(
            file,
            line,
            1,
            "E002",
            "the file holds NUL bytes: it looks binary",
            hint="argmap reads YAML text files",
        )
    return text


def within_size(size: int, file: str, limits: Limits) -> None:
    """The one size bound of every way in: a map file, a source, standard input, a text."""
    if size > limits.max_bytes:
        raise ArgmapError.at(
            file,
            1,
            1,
            "E009",
            f"the input is larger than {limits.max_bytes:,} bytes",
            hint="split it, or raise the limit with --max-bytes",
        )


def parse(text: str, file: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> LocatedDocument:
    """Data built from the safe loader's events (no object construction), located problems."""
    within_size(len(text.encode("utf-8", "surrogatepass")), file, limits)
    builder = _EventReader(_Loader(text), file, limits)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as exc:
        raise ArgmapError([syntax_issue(exc, text, file)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise ArgmapError.at(
            file,
            line,
            col,
            "E004",
            f"the control character U+{ord(char):04X} is not allowed in YAML",
            hint="remove the invisible character (often pasted from the "
            "web); write line breaks as real new lines",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is marked
        raise ArgmapError.at(file, 1, 1, "E004", str(exc)) from None
    except RecursionError:
        raise ArgmapError.at(
            file, 1, 1, "E009", "the YAML is nested too deeply", hint="flatten the map"
        ) from None
    if data is None:
        raise ArgmapError.at(
            file, 1, 1, "E003", "the file holds no map", hint="start from `argmap new FILE`"
        )
    return LocatedDocument(file, text, data, builder.issues)


_UNKNOWN = object()


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """(key node, value node) of a mapping key or list index; the first of repeated keys."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and str(key_node.value) == part:
                return key_node, value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _pos(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _EventReader:
    """Builds data straight from the parser's events, recording problems at their marks
    and enforcing bounds. Composing nodes first cost more than half of parsing a large
    map; the nodes are composed later only if a problem needs a position."""

    def __init__(self, loader: Any, file: str, limits: Limits):
        self.next_event = loader.get_event
        self.resolve = loader.resolve
        self.implicit_resolvers: dict[str | None, list[Any]] = loader.yaml_implicit_resolvers
        self.file = file
        self.limits = limits
        self.issues: list[Issue] = []
        self.count = 0
        self.texts = 0
        self.reused = 0
        # anchor -> (value, how many values it holds)
        self.anchors: dict[str, tuple[Any, int]] = {}

    def fail(self, mark: Any, code: str, message: str, hint: str = "") -> None:
        line, col = mark.line + 1, mark.column + 1
        self.issues.append(Issue(self.file, line, col, code, message, hint=hint))

    def document(self) -> dict[str, Any] | None:
        """The one document's top-level mapping, or None for an empty file."""
        self.next_event()  # the stream's start
        start = self.next_event()
        if isinstance(start, yaml.StreamEndEvent):
            return None
        event = self.next_event()
        if not isinstance(event, yaml.MappingStartEvent) or event.tag not in (None, "!", _MAP):
            kind = "a list" if isinstance(event, yaml.SequenceStartEvent) else "a single value"
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            raise ArgmapError.at(
                self.file,
                line,
                col,
                "E007",
                f"the top level is {kind}; a map is a mapping of keys",
                hint="begin with `title:` and `thesis:`",
            )
        data: dict[str, Any] = self.value(event, 0)
        self.next_event()  # the document's end
        after = self.next_event()
        if not isinstance(after, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                after.start_mark,
            )
        return data

    def value(self, event: Any, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            self.fail(
                event.start_mark,
                "E009",
                f"more than {self.limits.max_nodes:,} YAML values "
                "(an alias bomb, or a map far too large)",
                hint="argmap maps need no aliases; remove `&anchor`/`*alias` chains",
            )
            raise ArgmapError(self.issues)
        if depth > self.limits.max_depth:
            self.fail(
                event.start_mark,
                "E009",
                f"nesting deeper than {self.limits.max_depth} levels",
                hint="flatten the map, or raise the limit with --max-depth",
            )
            raise ArgmapError(self.issues)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value: Any = self.scalar(event)
        elif kind is yaml.AliasEvent:
            return self.alias(event)
        elif kind is yaml.SequenceStartEvent:
            self.tagged(event, _SEQ)
            first = self.count
            value = []
            item = self.next_event()
            while type(item) is not yaml.SequenceEndEvent:
                value.append(self.value(item, depth + 1))
                item = self.next_event()
            if event.anchor:
                self.anchors[event.anchor] = (value, self.count - first + 1)
            return value
        else:
            first = self.count
            value = self.mapping(event, depth)
            if event.anchor:
                self.anchors[event.anchor] = (value, self.count - first + 1)
            return value
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        return value

    def mapping(self, event: Any, depth: int) -> dict[str, Any]:
        self.tagged(event, _MAP)
        result: dict[str, Any] = {}
        first_marks: dict[str, Any] = {}
        key_event = self.next_event()
        while type(key_event) is not yaml.MappingEndEvent:
            key = self.key(key_event, depth)
            value_event = self.next_event()
            if key is None:
                self.skip(value_event, depth)
            elif key in first_marks:
                self.fail(
                    key_event.start_mark,
                    "E006",
                    f"the key `{key}` is repeated (first at line {first_marks[key].line + 1})",
                    hint="argmap keeps the first; merge the two or rename one",
                )
                self.skip(value_event, depth)
            else:
                first_marks[key] = key_event.start_mark
                result[key] = self.value(value_event, depth + 1)
            key_event = self.next_event()
        if "text" in result:
            self.texts += 1
            if self.texts > self.limits.max_claims:
                self.fail(
                    event.start_mark,
                    "E009",
                    f"the map has more than {self.limits.max_claims:,} claims",
                    hint="split it, or raise the limit with --max-claims",
                )
                raise ArgmapError(self.issues)
        return result

    def key(self, event: Any, depth: int) -> str | None:
        """A key as written (`1:` is the key "1"); None, after an E010, for a list or mapping."""
        if type(event) is yaml.ScalarEvent:
            self.count += 1
            if event.anchor:
                self.anchors[event.anchor] = (event.value, 1)
            return str(event.value)
        if type(event) is yaml.AliasEvent and event.anchor in self.anchors:
            anchored, size = self.anchors[event.anchor]
            if size == 1 and not isinstance(anchored, (list, dict)):
                self.count += 1
                return str(anchored)
        self.skip(event, depth)
        self.fail(event.start_mark, "E010", "a key must be plain text, not a list or mapping")
        return None

    def skip(self, event: Any, depth: int) -> None:
        """Read past a value argmap drops (its key was repeated or not text); what is
        wrong inside it does not matter."""
        kept = len(self.issues)
        self.value(event, depth + 1)
        del self.issues[kept:]

    def alias(self, event: Any) -> Any:
        """A fresh copy of the anchored value; aliases expanding without bound are refused."""
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        anchored, size = self.anchors[event.anchor]
        self.reused += size
        self.count += size - 1
        if self.reused > ALIAS_EXPANSION_LIMIT:
            self.fail(
                event.start_mark,
                "E009",
                f"aliases expand to more than {ALIAS_EXPANSION_LIMIT:,} "
                'values (a "billion laughs" bomb?)',
                hint="argmap maps need no aliases; write the values out",
            )
            raise ArgmapError(self.issues)
        return copy.deepcopy(anchored)

    def tagged(self, event: Any, default: str) -> None:
        if event.tag not in (None, "!", default):
            self.fail(
                event.start_mark,
                "E008",
                f"the tag {_tag(event.tag)} is not accepted",
                hint="remove the tag",
            )

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                tag = _STR  # quoted
            elif value and value[0] not in self.implicit_resolvers:
                tag = _STR  # no implicit type (a number, true, null) starts this way
            else:
                tag = self.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            found = _UNSAFE.search(value)
            if found:
                self.fail(
                    event.start_mark,
                    "E011",
                    f"the value holds the control character U+{ord(found.group()):04X}",
                    hint="remove it; write line breaks as real new lines",
                )
            return value
        if tag in _PLAIN_TAGS:
            return _scalars.construct_object(yaml.ScalarNode(tag, value))
        if tag == _TIMESTAMP:
            return value
        self.fail(
            event.start_mark,
            "E008",
            f"the tag {_tag(tag)} is not accepted; argmap reads plain "
            "text, numbers and booleans only",
            hint="remove the tag",
        )
        return value
