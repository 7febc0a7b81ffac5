"""Graphviz SVG made fit for slides and the web: accessible, self-contained, hex colours only.

Graphviz writes SVG in one regular shape, so a few anchored substitutions do in one pass
what parsing and re-serialising the tree did in four times the time on large maps; the
tests check the result with an XML parser on both engines.
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
_PROLOGUE = re.compile(r"\A.*?(?=<svg[\s>])", re.S)
_ANY_GROUP = re.compile(r'<g id="[^"]*" class="')
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_ROOT = re.compile(r"<svg\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_GROUP = re.compile(r'<g id="([^"]*)" class="([^"]*)"([^>]*)>\n<title>[^<]*</title>\n')
# A literal prefix per attribute lets the regex engine skip ahead quickly on large files.
_COLORS = {
    name: re.compile(f' {name}="(?!#[0-9a-fA-F]{{6}}"|none")([^"]*)"')
    for name in ("fill", "stroke")
}
_FONT = re.compile(r'font-family="[^"]*"')
_HREF = re.compile(r' (xlink:href|href)="([^"]*)"')
_LINK_TITLE = re.compile(r' xlink:title="[^"]*"')
_FORBIDDEN = re.compile(r"<(style|script|foreignObject)\b.*?</\1>", re.S)


def postprocess(
    svg: bytes,
    *,
    title: str,
    description: str,
    titles: dict[str, str],
    font: str = "Arial",
    responsive: bool = False,
    fragments: dict[str, int] | None = None,
) -> bytes:
    """Rewrite Graphviz's SVG; the same input always gives the same bytes."""
    text = svg.decode("utf-8")
    text = _PROLOGUE.sub("", text, count=1)
    text = _COMMENT.sub("", text)
    text = _FORBIDDEN.sub("", text)
    text, roots = _ROOT.subn(
        lambda match: _root(match.group(1), title, description, responsive), text, count=1
    )
    expected_groups = len(_ANY_GROUP.findall(text))
    fragments = fragments or {}

    def group(match: re.Match[str]) -> str:
        element_id, classes, rest = match.groups()
        if "&" in element_id:  # Graphviz writes "-" as "&#45;"
            element_id = element_id.replace("&#45;", "-")
            if "&" in element_id:
                element_id = html.unescape(element_id)
        if classes == "graph":  # its <title> repeats the DOT name; the root title replaces it
            return f'<g id="{element_id}" class="graph"{rest}>\n'
        extra = ""
        if element_id in fragments:
            classes += " fragment"
            extra = f' data-fragment-index="{fragments[element_id]}"'
        name = html.escape(titles.get(element_id, ""), quote=False)
        return f'<g id="{element_id}" class="{classes}"{extra}{rest}>\n<title>{name}</title>\n'

    text, groups = _GROUP.subn(group, text)
    if roots != 1 or groups != expected_groups or not groups:
        raise EngineError(
            f"Graphviz wrote SVG in a shape argmap does not know ({roots} root, {groups} of "
            f"{expected_groups} groups recognised), so it cannot be made accessible; please "
            "report it with the engine's version (`dot -V`)"
        )
    for name, pattern in _COLORS.items():
        text = pattern.sub(_color_fixer(name), text)
    family = html.escape(FONT_STACK.format(font=font))
    text = _FONT.sub(f'font-family="{family}"', text)
    text = _HREF.sub(lambda m: m.group(0) if is_safe_url(html.unescape(m.group(2))) else "", text)
    text = _LINK_TITLE.sub("", text)
    if beyond_engine(text):
        text = _NODE_BODY.sub(_recentre, text)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + text).encode("utf-8")


_NODE_BODY = re.compile(r'(<g id="[^"]*" class="node[^"]*"[^>]*>\n)(.*?)(</g>)', re.S)
_TEXT = re.compile(
    r'<text xml:space="preserve" text-anchor="start" x="([-\d.]+)" y="([-\d.]+)"'
    r"([^>]*)>([^<]*)</text>\n?"
)
_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_SIZE = re.compile(r'font-size="([\d.]+)"')


def _recentre(match: re.Match[str]) -> str:
    """Lines the engine measured wrong (Korean, Chinese and emoji short, Arabic and Hindi
    long) are placed by their start from that width, and run out of their box or sit off
    its middle: centre each line on its box again, a line of one piece by its middle, a
    line of several (the connector word, then the text) from better widths. The pieces
    stay separate texts: resvg draws one text in one font, which would lose the word's
    bold face to a fallback font."""
    head, body, tail = match.groups()
    if not beyond_engine(body):
        return match.group(0)
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
        x = centre - sum(widths) / 2
        for piece, width in zip(pieces, widths, strict=True):
            rewritten.append(
                f'<text xml:space="preserve" text-anchor="start" x="{x:.2f}" y="{y}"'
                f"{piece.group(3)}>{piece.group(4)}</text>\n"
            )
            x += width
    kept = _TEXT.sub("", body)
    return head + kept + "".join(rewritten) + tail


def _color_fixer(name: str) -> Callable[[re.Match[str]], str]:
    def fix(match: re.Match[str]) -> str:
        return f' {name}="{_hex(match.group(1))}"'

    return fix


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


def _root(attributes: str, title: str, description: str, responsive: bool) -> str:
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
    )
