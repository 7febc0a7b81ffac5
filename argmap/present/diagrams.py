"""A map as an editable diagram: yEd's GraphML, draw.io's mxfile, Mermaid's flowchart (mermaid.py).

GraphML and draw.io keep the positions Graphviz chose (its JSON layout of the same DOT
`render` draws) and the theme's colours; co-premise boxes become groups (yEd) or
containers (draw.io) holding their premises, so each claim is one node wherever it is.
Mermaid lays itself out: premises in a subgraph per co-premise box, connector words on
the edges, a class per side. Every text is escaped for its format (docs/interop.md).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from ..draw import DrawOptions, Theme, find_engine, resolve_theme, run_engine, to_dot
from ..format import ArgumentMap, ClaimNode, Link, MapTree, build_tree, connector, words_for


@dataclass
class Box:
    key: str
    text: str
    x: float  # top-left, points, y down
    y: float
    width: float
    height: float
    line: str
    fill: str
    kind: str  # claim, group, basis
    side: str = ""
    role: str = ""
    parent: str | None = None  # the group it sits in
    dashed: bool = False


@dataclass
class Line:
    key: str
    source: str
    target: str
    word: str
    colour: str
    style: str  # solid, dashed, dotted
    relation: str


@dataclass
class Diagram:
    title: str
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def link_source(link: Link, grouped: set[str]) -> str:
    return link.key if link.key in grouped else link.premises[0].key


def target_key(link: Link, grouped: set[str]) -> str:
    target = link.target
    if isinstance(target, ClaimNode):
        return target.key
    return link_source(target, grouped)  # an undercutter: the reason's box, or its premise


def diagram(model: ArgumentMap, theme_name: str = "default", engine: str = "auto") -> Diagram:
    """Boxes where Graphviz puts them, and the lines between them, from the tree."""
    tree = build_tree(model)
    drawing = to_dot(model, DrawOptions(theme=theme_name), tree)
    layout = json.loads(run_engine(find_engine(engine), drawing.dot, "json"))
    placed = _Placed(model, tree, resolve_theme(theme_name, model.style), layout)
    placed.groups()
    placed.claims()
    placed.tree_lines()
    placed.cross_lines()
    return placed.result


class _Placed:
    """The diagram of one layout, built kind by kind."""

    def __init__(self, model: ArgumentMap, tree: MapTree, theme: Theme, layout: dict[str, Any]):
        self.tree = tree
        self.theme = theme
        self.words = words_for(model)
        _, _, right, self.top = (float(v) for v in layout["bb"].split(","))
        self.objects = {str(o.get("id", o.get("name"))): o for o in layout.get("objects", [])}
        self.result = Diagram(model.title, right, self.top)
        self.grouped = {
            link.key
            for link in tree.links
            if link.key in self.objects and "bb" in self.objects[link.key]
        }

    def groups(self) -> None:
        """Each co-premise (or labelled) reason's box, as a group its premises sit in."""
        for link in self.tree.links:
            if link.key not in self.grouped:
                continue
            x1, y1, x2, y2 = (float(v) for v in self.objects[link.key]["bb"].split(","))
            line, _ = self.theme.role_colors(link.tone)
            word = connector(link, step=False, words=self.words)
            title = f"{word} {link.label}" if link.label else word
            self.result.boxes.append(
                Box(
                    link.key,
                    title,
                    x1,
                    self.top - y2,
                    x2 - x1,
                    y2 - y1,
                    line,
                    self.theme.background,
                    "group",
                    link.side,
                    link.role,
                )
            )

    def claims(self) -> None:
        """Each claim's box where Graphviz put it, in its group, and its basis box."""
        theme, tree = self.theme, self.tree
        group_of = {
            p.key: link.key
            for link in tree.links
            if link.key in self.grouped
            for p in link.premises
        }
        for node in tree.claims:
            placed = self.objects.get(node.key)
            if placed is None or "pos" not in placed:
                continue
            if node.role == "thesis":
                line, fill = theme.thesis_border, theme.thesis_fill
            else:
                line, fill = theme.role_colors(
                    node.link.tone if node.link is not None else "reason"
                )
            claim = node.claim
            text = claim.label + ": " + claim.text if claim.label else claim.text
            self.result.boxes.append(
                Box(
                    node.key,
                    " ".join(text.split()),
                    *_box(node.key, placed, self.top),
                    line,
                    fill,
                    "claim",
                    node.side,
                    node.role,
                    group_of.get(node.key),
                    claim.implicit,
                )
            )
            self._basis(node)

    def _basis(self, node: ClaimNode) -> None:
        basis = node.claim.basis
        basis_box = self.objects.get(f"{node.key}-basis")
        if basis is None or basis_box is None or "pos" not in basis_box:
            return
        theme = self.theme
        said = self.words[basis.kind] + (f": {basis.citation}" if basis.citation else "")
        key = f"{node.key}-basis"
        self.result.boxes.append(
            Box(
                key,
                said,
                *_box("", basis_box, self.top),
                theme.basis_border,
                theme.basis_fill,
                "basis",
            )
        )
        self.result.lines.append(
            Line(f"{key}-line", key, node.key, "", theme.basis_border, "dotted", "basis")
        )

    def tree_lines(self) -> None:
        """Each reason's and objection's line, with its connector word."""
        shown = {box.key for box in self.result.boxes}
        for link in self.tree.links:
            source = link_source(link, self.grouped)
            target = target_key(link, self.grouped)
            if source not in shown or target not in shown:
                continue
            colour, _ = self.theme.role_colors(link.tone)
            style = "solid" if link.relation == "support" else "dashed"
            word = connector(link, words=self.words)
            self.result.lines.append(
                Line(link.key, source, target, word, colour, style, link.relation)
            )

    def cross_lines(self) -> None:
        """Cross-links and cross-link undercuts, dotted, with their words."""
        theme, words, tree = self.theme, self.words, self.tree
        shown = {box.key for box in self.result.boxes}
        by_id = {node.claim.id: node for node in tree.claims if node.claim.id}
        for crosslink in tree.crosslinks:
            target_node = by_id.get(crosslink.target_id)
            source = self._source(crosslink.owner)
            if target_node is None or source not in shown:
                continue
            support = crosslink.relation == "support"
            self.result.lines.append(
                Line(
                    crosslink.key,
                    source,
                    target_node.key,
                    words["also_supports" if support else "also_opposes"],
                    theme.support if support else theme.attack,
                    "dotted",
                    crosslink.relation,
                )
            )
        for undercut, step in tree.undercut_targets():
            source = self._source(undercut.owner)
            target = link_source(step, self.grouped)  # the step's box, or its one premise
            if source in shown and target in shown:
                self.result.lines.append(
                    Line(
                        undercut.key,
                        source,
                        target,
                        words["also_opposes"],
                        theme.attack,
                        "dotted",
                        "attack",
                    )
                )

    def _source(self, owner: ClaimNode | Link) -> str:
        return owner.key if isinstance(owner, ClaimNode) else link_source(owner, self.grouped)


def _box(key: str, placed: dict[str, Any], top: float) -> tuple[float, float, float, float]:
    x, y = (float(v) for v in placed["pos"].split(","))
    width, height = float(placed["width"]) * 72, float(placed["height"]) * 72
    return (x - width / 2, top - y - height / 2, width, height)


def _xml(text: str) -> str:
    return html.escape(text, quote=True)


def to_drawio(picture: Diagram) -> str:
    """An uncompressed draw.io file: every box a vertex with its geometry, each co-premise
    box a container whose premises sit inside it, each line an edge between vertices."""
    groups = {box.key: box for box in picture.boxes if box.kind == "group"}
    cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    for box in picture.boxes:
        style = (
            f"rounded={0 if box.kind == 'basis' else 1};whiteSpace=wrap;html=1;"
            f"fillColor={box.fill};strokeColor={box.line};fontFamily=Arial;"
        )
        if box.kind == "group":
            style = (
                "swimlane;rounded=1;whiteSpace=wrap;html=1;startSize=26;container=1;"
                f"fillColor=none;strokeColor={box.line};fontFamily=Arial;fontStyle=1;"
            )
        if box.dashed:
            style += "dashed=1;"
        parent = box.parent if box.parent in groups else "1"
        x, y = box.x, box.y
        if parent != "1":
            x, y = x - groups[parent].x, y - groups[parent].y
        # html=1: the value is HTML inside an XML attribute, so the text is escaped twice.
        value = _xml(html.escape(box.text, quote=False))
        cells.append(
            f'<mxCell id="{_xml(box.key)}" value="{value}" style="{style}" vertex="1" '
            f'parent="{_xml(parent)}"><mxGeometry x="{x:.1f}" y="{y:.1f}" '
            f'width="{box.width:.1f}" height="{box.height:.1f}" as="geometry"/></mxCell>'
        )
    for line in picture.lines:
        dash = {"solid": "", "dashed": "dashed=1;", "dotted": "dashed=1;dashPattern=1 4;"}[
            line.style
        ]
        style = f"endArrow=block;html=1;strokeColor={line.colour};fontColor={line.colour};{dash}"
        cells.append(
            f'<mxCell id="line-{_xml(line.key)}" '
            f'value="{_xml(html.escape(line.word, quote=False))}" '
            f'style="{style}" edge="1" parent="1" source="{_xml(line.source)}" '
            f'target="{_xml(line.target)}"><mxGeometry relative="1" as="geometry"/></mxCell>'
        )
    body = "\n".join(cells)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mxfile host="argmap" type="device">\n'
        f'<diagram id="argmap" name="{_xml(picture.title)}">\n'
        f'<mxGraphModel dx="{picture.width:.0f}" dy="{picture.height:.0f}" grid="1" '
        'gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" '
        f'pageScale="1" pageWidth="{picture.width:.0f}" pageHeight="{picture.height:.0f}">\n'
        f"<root>\n{body}\n</root>\n</mxGraphModel>\n</diagram>\n</mxfile>\n"
    )


_GRAPHML_HEAD = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:y="http://www.yworks.com/xml/graphml" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">',
    '<key id="text" for="node" attr.name="text" attr.type="string"/>',
    '<key id="role" for="node" attr.name="role" attr.type="string"/>',
    '<key id="side" for="node" attr.name="side" attr.type="string"/>',
    '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '<key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
    '<key id="word" for="edge" attr.name="word" attr.type="string"/>',
    '<key id="ng" for="node" yfiles.type="nodegraphics"/>',
    '<key id="eg" for="edge" yfiles.type="edgegraphics"/>',
    '<graph id="G" edgedefault="directed">',
]


def to_graphml(picture: Diagram) -> str:
    """yEd's GraphML: shape nodes with geometry, colours and labels, co-premise boxes as
    group nodes holding their premises; plain `text`, `role` and `side` data beside the
    drawing for any other reader (networkx)."""
    out = list(_GRAPHML_HEAD)
    members: dict[str, list[Box]] = {}
    for box in picture.boxes:
        if box.parent:
            members.setdefault(box.parent, []).append(box)
    for box in picture.boxes:
        if box.parent:
            continue
        if box.kind == "group":
            out.append(_graphml_group(box, members.get(box.key, [])))
        else:
            out.append(_graphml_shape(box))
    out += [_graphml_edge(line) for line in picture.lines]
    out += ["</graph>", "</graphml>", ""]
    return "\n".join(out)


def _graphml_data(box: Box) -> str:
    return (
        f'<data key="text">{_xml(box.text)}</data><data key="role">{_xml(box.role)}</data>'
        f'<data key="side">{_xml(box.side)}</data><data key="kind">{box.kind}</data>'
    )


def _graphml_geometry(box: Box) -> str:
    return (
        f'<y:Geometry x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
        f'height="{box.height:.1f}"/>'
    )


def _graphml_shape(box: Box) -> str:
    kind = "rectangle" if box.kind == "basis" else "roundrectangle"
    border = "dashed" if box.dashed else "line"
    return (
        f'<node id="{_xml(box.key)}">{_graphml_data(box)}<data key="ng"><y:ShapeNode>'
        f"{_graphml_geometry(box)}"
        f'<y:Fill color="{box.fill}" transparent="false"/>'
        f'<y:BorderStyle color="{box.line}" type="{border}" width="1.5"/>'
        f'<y:NodeLabel fontFamily="Arial" fontSize="14" autoSizePolicy="node_size" '
        f'configuration="CroppingLabel">{_xml(box.text)}</y:NodeLabel>'
        f'<y:Shape type="{kind}"/></y:ShapeNode></data></node>'
    )


def _graphml_group(box: Box, members: list[Box]) -> str:
    """A co-premise box: a yEd group node with its premises inside."""
    return (
        f'<node id="{_xml(box.key)}" yfiles.foldertype="group">{_graphml_data(box)}'
        '<data key="ng"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>'
        f'{_graphml_geometry(box)}<y:Fill color="{box.fill}" transparent="true"/>'
        f'<y:BorderStyle color="{box.line}" type="line" width="1.5"/>'
        f'<y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Arial" '
        f'fontSize="14" fontStyle="bold" modelName="internal" modelPosition="t">'
        f"{_xml(box.text)}</y:NodeLabel>"
        '<y:Shape type="roundrectangle"/><y:State closed="false"/></y:GroupNode>'
        "</y:Realizers></y:ProxyAutoBoundsNode></data>"
        f'<graph id="{_xml(box.key)}:" edgedefault="directed">'
        + "".join(_graphml_shape(member) for member in members)
        + "</graph></node>"
    )


def _graphml_edge(line: Line) -> str:
    kind = {"solid": "line", "dashed": "dashed", "dotted": "dotted"}[line.style]
    return (
        f'<edge id="line-{_xml(line.key)}" source="{_xml(line.source)}" '
        f'target="{_xml(line.target)}"><data key="relation">{line.relation}</data>'
        f'<data key="word">{_xml(line.word)}</data><data key="eg"><y:PolyLineEdge>'
        f'<y:LineStyle color="{line.colour}" type="{kind}" width="1.5"/>'
        '<y:Arrows source="none" target="standard"/>'
        f'<y:EdgeLabel textColor="{line.colour}">{_xml(line.word)}</y:EdgeLabel>'
        "</y:PolyLineEdge></data></edge>"
    )


def export_diagram(
    model: ArgumentMap, fmt: str, theme: str = "default", engine: str = "auto"
) -> str:
    if fmt == "mermaid":
        from .mermaid import to_mermaid

        return to_mermaid(model, theme_name=theme)
    picture = diagram(model, theme, engine)
    return to_drawio(picture) if fmt == "drawio" else to_graphml(picture)
