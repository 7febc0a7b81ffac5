"""Graphviz SVG made fit for slides and the web: accessible, self-contained, hex colours only.

Graphviz writes SVG in one regular shape, so a few anchored substitutions, made on each
run of elements as it arrives, do what parsing and re-serialising the tree did in four
times the time on large maps; the tests check the result with an XML parser on both
engines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from ..errors import EngineError
from ..urls import is_safe_url
from .fonts import beyond_engine, estimate_em, indic

FONT_STACK = "{font},Arimo,Liberation Sans,Helvetica,sans-serif"
_NAMED = {"white": "#ffffff", "black": "#000000", "transparent": "none"}
# The passes work on Graphviz's bytes: no decoding and encoding of megabytes, and UTF-8
# text stays one byte a character where a str with one curly quote takes two.
_PROLOGUE = re.compile(rb"\A.*?(?=<svg[\s>])", re.S)
_ANY_GROUP = re.compile(rb'<g id="[^"]*" class="')
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.S)
_ROOT = re.compile(rb"<svg\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_GROUP = re.compile(rb'<g id="([^"]*)" class="([^"]*)"([^>]*)>\n<title>[^<]*</title>\n')
# A literal prefix lets the regex engine skip ahead quickly on large files.
_COLOR = re.compile(rb' (fill|stroke)="(?!#[0-9a-fA-F]{6}"|none")([^"]*)"')
_FONT = re.compile(rb'font-family="[^"]*"')
_HREF = re.compile(rb' (xlink:href|href)="([^"]*)"')
_LINK_TITLE = re.compile(rb' xlink:title="[^"]*"')
_FORBIDDEN = re.compile(rb"<(style|script|foreignObject)\b.*?</\1>", re.S)
_FORBIDDEN_START = re.compile(rb"<(?:style|script|foreignObject)\b")  # one scan, not three
# The invisible spacer clusters that make room under a box (plan.room_below): empty.
_ROOM_GROUP = re.compile(rb'<g id="[^"]*" class="cluster room">\n<title>[^<]*</title>\n</g>\n')


class SvgRewriter:
    """Rewrites Graphviz's SVG as it arrives (`feed`), a run of whole elements at a time,
    while Graphviz is still writing the rest; `finish` gives the document.

    Every substitution is local to an element, and a run is cut only where an element
    group begins, so each group's head, and each node with the texts to centre again,
    lies within one run. The description is asked for only when the root is written.
    """

    def __init__(
        self,
        *,
        title: str,
        description: Callable[[], str],
        titles: dict[str, str],
        font: str = "Arial",
        responsive: bool = False,
        fragments: dict[str, int] | None = None,
    ):
        self.title = title
        self.description = description
        self.titles = titles
        self.responsive = responsive
        self.fragments = fragments or {}
        family = html.escape(FONT_STACK.format(font=font)).encode("utf-8")
        self.font = b'font-family="' + family.replace(b"\\", b"\\\\") + b'"'
        self.pending = b""
        self.done: list[bytes] = [b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n']
        self.roots = self.groups = self.expected_groups = 0
        self.forbidden = False

    def feed(self, piece: bytes) -> None:
        self.pending += piece
        cut = _last_group_start(self.pending)
        if cut > 0:
            self.done.append(self._rewrite(self.pending[:cut]))
            self.pending = self.pending[cut:]

    def finish(self) -> bytes:
        self.done.append(self._rewrite(self.pending))
        self.pending = b""
        if self.roots != 1 or self.groups != self.expected_groups or not self.groups:
            raise EngineError(
                f"Graphviz wrote SVG in a shape argmap does not know ({self.roots} root, "
                f"{self.groups} of {self.expected_groups} groups recognised), so it cannot be "
                "made accessible; please report it with the engine's version (`dot -V`)"
            )
        text = b"".join(self.done)
        if self.forbidden:
            text = _FORBIDDEN.sub(b"", text)
        return text

    def _rewrite(self, text: bytes) -> bytes:
        if not self.roots:
            text = _PROLOGUE.sub(b"", text, count=1)
        # Each pass reads the whole run: skip the ones with nothing to do, and make them
        # all before the titles go in, so that no title's words pass for an attribute.
        if b"<!--" in text:
            text = _COMMENT.sub(b"", text)
        if _FORBIDDEN_START.search(text):
            self.forbidden = True
        text = _COLOR.sub(_fix_color, text)
        text = _FONT.sub(self.font, text)
        if b"<text text-anchor=" in text:  # Graphviz before 2.50 keeps no spaces: " Reason"
            text = text.replace(b"<text text-anchor=", b'<text xml:space="preserve" text-anchor=')
        if b"href=" in text:
            text = _HREF.sub(_safe_link, text)
        if b" xlink:title=" in text:
            text = _LINK_TITLE.sub(b"", text)
        if not text.isascii():
            decoded = text.decode("utf-8")
            if beyond_engine(decoded):
                text = _NODE_BODY.sub(_recentre, decoded).encode("utf-8")
        if b'class="cluster room"' in text:
            text = _ROOM_GROUP.sub(b"", text)
        self.expected_groups += len(_ANY_GROUP.findall(text))
        text, groups = _GROUP.subn(self._group, text)
        self.groups += groups
        if not self.roots:
            text, self.roots = _ROOT.subn(self._root, text, count=1)
        return text

    def _group(self, match: re.Match[bytes]) -> bytes:
        element_id = match.group(1).decode("utf-8")
        classes = match.group(2).decode("utf-8")
        rest = match.group(3).decode("utf-8")
        if "&" in element_id:  # Graphviz writes "-" as "&#45;"
            element_id = element_id.replace("&#45;", "-")
            if "&" in element_id:
                element_id = html.unescape(element_id)
        if classes == "graph":  # its <title> repeats the DOT name; the root title replaces it
            return f'<g id="{element_id}" class="graph"{rest}>\n'.encode()
        extra = ""
        if element_id in self.fragments:
            classes += " fragment"
            extra = f' data-fragment-index="{self.fragments[element_id]}"'
        name = html.escape(self.titles.get(element_id, ""), quote=False)
        return (
            f'<g id="{element_id}" class="{classes}"{extra}{rest}>\n<title>{name}</title>\n'
        ).encode()

    def _root(self, match: re.Match[bytes]) -> bytes:
        attributes = match.group(1).decode("utf-8")
        return _root(attributes, self.title, self.description(), self.responsive)


def _last_group_start(text: bytes) -> int:
    """Where the last element group (a node, edge or cluster) begins: its line's start,
    or -1. A link's anchor group (`<g id="a_...">`, no class) lies inside a node's."""
    end = len(text)
    while (start := text.rfind(b'\n<g id="', 0, end)) >= 0:
        line_end = text.find(b">", start)
        if line_end >= 0 and b'" class="' in text[start:line_end]:
            return start + 1
        end = start
    return -1


def _fix_color(match: re.Match[bytes]) -> bytes:
    color = _hex(match.group(2).decode("utf-8", "replace")).encode()
    return b" " + match.group(1) + b'="' + color + b'"'


def _safe_link(match: re.Match[bytes]) -> bytes:
    return match.group(0) if is_safe_url(html.unescape(match.group(2).decode("utf-8"))) else b""


_NODE_BODY = re.compile(r'(<g id="[^"]*" class="node[^"]*"[^>]*>\n)(.*?)(</g>)', re.S)
_TEXT = re.compile(
    r'<text xml:space="preserve" text-anchor="start" x="([-\d.]+)" y="([-\d.]+)"'
    r"([^>]*)>([^<]*)</text>\n?"
)
_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_SIZE = re.compile(r'font-size="([\d.]+)"')
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")  # Hebrew, Arabic


def _recentre(match: re.Match[str]) -> str:
    """Lines the engine measured wrong (Korean, Chinese and emoji short, Arabic and Hindi
    long) are placed by their start from that width, and run out of their box or sit off
    its middle: centre each line on its box again, a line of one piece by its middle, a
    line of several (the connector word, then the text) from better widths. The pieces
    stay separate texts: resvg draws one text in one font, which would lose the word's
    bold face to a fallback font."""
    head, body, tail = match.groups()
    if not beyond_engine(body) or 'class="node legend"' in head:
        return match.group(0)  # the legend's cells are measured where it is made
    shape = body[: body.find("<text")] if "<text" in body else body
    xs = [float(x) for x, _ in _POINT.findall(shape)]
    lines: dict[str, list[re.Match[str]]] = {}
    for piece in _TEXT.finditer(body):
        lines.setdefault(piece.group(2), []).append(piece)
    if not xs or not lines:
        return match.group(0)
    centre = (min(xs) + max(xs)) / 2
    rewritten = []
    for y, pieces in lines.items():
        if len(pieces) == 1:  # one piece: centred exactly, whatever its true width
            piece = pieces[0]
            rewritten.append(
                f'<text xml:space="preserve" text-anchor="middle" x="{centre:.2f}" y="{y}"'
                f"{piece.group(3)}>{piece.group(4)}</text>\n"
            )
            continue
        starts = [float(p.group(1)) for p in pieces]
        # The engine centred its own width: the last piece ends where that width does.
        ends = [*starts[1:], centre + (centre - starts[0])]
        widths = []
        for piece, begin, finish in zip(pieces, starts, ends, strict=True):
            found = _SIZE.search(piece.group(3))
            size = float(found.group(1)) if found else 14.0
            words = html.unescape(piece.group(4))
            if not beyond_engine(words):
                widths.append(finish - begin)  # Latin: the engine measured it right
            elif indic(words):  # the engine takes Indic letters for much wider than they are
                widths.append(estimate_em(words) * size)
            else:  # wide characters, Arabic, …: never narrower than either measure
                widths.append(max(finish - begin, estimate_em(words) * size))
        if _RIGHT_TO_LEFT.search(html.unescape(pieces[0].group(4))):
            # Arabic: the connector word ends the line at its right, and each piece is set
            # from its right end, so a piece narrower than measured leaves room at the
            # left instead of pushing the word over the box's border.
            x = centre + sum(widths) / 2
            for piece, width in reversed(list(zip(pieces, widths, strict=True))):
                rewritten.append(
                    f'<text xml:space="preserve" text-anchor="end" x="{x:.2f}" y="{y}"'
                    f"{piece.group(3)}>{piece.group(4).rstrip()}</text>\n"
                )
                found = _SIZE.search(piece.group(3))
                bold = 1.15 if "bold" in piece.group(3) else 1.0  # estimated as regular
                x -= width * bold + 0.3 * (float(found.group(1)) if found else 14.0)
            continue
        x = centre - sum(widths) / 2
        for piece, width in zip(pieces, widths, strict=True):
            rewritten.append(
                f'<text xml:space="preserve" text-anchor="start" x="{x:.2f}" y="{y}"'
                f"{piece.group(3)}>{piece.group(4)}</text>\n"
            )
            x += width
    kept = _TEXT.sub("", body)
    return head + kept + "".join(rewritten) + tail


def _hex(color: str) -> str:
    """Named, #rgb and #rrggbbaa colours as #rrggbb (or none): what every slide tool reads."""
    lowered = color.lower()
    if lowered in _NAMED:
        return _NAMED[lowered]
    if re.fullmatch(r"#[0-9a-f]{3}", lowered):
        return "#" + "".join(c * 2 for c in lowered[1:])
    if re.fullmatch(r"#[0-9a-f]{8}", lowered):
        return lowered[:7]
    return "#000000"


def _root(attributes: str, title: str, description: str, responsive: bool) -> bytes:
    kept = [
        (name, value)
        for name, value in _ATTRIBUTE.findall(attributes)
        if not (responsive and name in ("width", "height"))
    ]
    kept += [("role", "img"), ("aria-labelledby", "argmap-title argmap-desc")]
    opening = "<svg " + " ".join(f'{name}="{value}"' for name, value in kept) + ">"
    return (
        f'{opening}\n<title id="argmap-title">{html.escape(title, quote=False)}</title>\n'
        f'<desc id="argmap-desc">{html.escape(description, quote=False)}</desc>'
    ).encode()
