"""Graphviz SVG made fit for slides and the web: accessible, self-contained, hex colours only."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .semantics import is_safe_url

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

FONT_STACK = "{font},Arimo,Liberation Sans,Helvetica,sans-serif"
_NAMED = {"white": "#ffffff", "black": "#000000", "transparent": "none"}
_COLOR_ATTRS = ("fill", "stroke")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_FORBIDDEN = {f"{{{SVG}}}style", f"{{{SVG}}}script", f"{{{SVG}}}foreignObject"}


def postprocess(svg: bytes, *, title: str, description: str, titles: dict[str, str],
                font: str = "Arial", responsive: bool = False,
                fragments: dict[str, int] | None = None) -> bytes:
    """Rewrite Graphviz's SVG; the same input always gives the same bytes."""
    root = ET.fromstring(svg)
    root.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
    if responsive:
        root.attrib.pop("width", None)
        root.attrib.pop("height", None)
    root.set("role", "img")
    root.set("aria-labelledby", "argmap-title argmap-desc")
    title_element = ET.Element(f"{{{SVG}}}title", {"id": "argmap-title"})
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG}}}desc", {"id": "argmap-desc"})
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    family = FONT_STACK.format(font=font)
    for parent in root.iter():
        for child in list(parent):
            if child.tag in _FORBIDDEN:
                parent.remove(child)
        _clean_element(parent, titles, family)
        if fragments and parent.get("id") in fragments:
            # reveal.js: a wrapping <g> with class "fragment" appears at its index.
            parent.set("class", f"{parent.get('class', '')} fragment".strip())
            parent.set("data-fragment-index", str(fragments[parent.get("id", "")]))
    # Graphviz's graph-level <title> repeats the DOT name; the root title replaces it.
    for group in root.findall(f"{{{SVG}}}g"):
        if group.get("class") == "graph":
            for old in group.findall(f"{{{SVG}}}title"):
                group.remove(old)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body + "\n").encode()


def _clean_element(element: ET.Element, titles: dict[str, str], family: str) -> None:
    tag = element.tag
    if tag == f"{{{SVG}}}g":
        element_id = element.get("id")
        if element_id in titles:
            title = element.find(f"{{{SVG}}}title")
            if title is not None:
                title.text = titles[element_id]
    for name in _COLOR_ATTRS:
        value = element.get(name)
        if value is None:
            continue
        lowered = value.lower()
        if lowered in _NAMED:
            element.set(name, _NAMED[lowered])
        elif lowered != "none" and not _HEX.fullmatch(value):
            element.set(name, _to_hex(lowered))
    if element.get("font-family") is not None:
        element.set("font-family", family)
    href = element.get(f"{{{XLINK}}}href")
    if href is not None and not is_safe_url(href):
        del element.attrib[f"{{{XLINK}}}href"]
    if tag == f"{{{SVG}}}a":
        element.attrib.pop(f"{{{XLINK}}}title", None)


def _to_hex(value: str) -> str:
    """#rgb and #rrggbbaa to #rrggbb; anything else Graphviz writes is already hex or named."""
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(c * 2 for c in value[1:])
    if re.fullmatch(r"#[0-9a-f]{8}", value):
        return value[:7]
    return "#000000"
