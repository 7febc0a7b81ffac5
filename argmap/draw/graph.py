"""A checked map as a Graphviz graph; the DOT text this returns is the seam to every engine."""

from __future__ import annotations

import functools
import html
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeAlias

import graphviz

from ..format.model import ArgumentMap, Claim
from ..format.outline import connector, to_text, words_for
from ..format.tree import ClaimNode, CrossLink, CrossUndercut, Link, MapTree, build_tree
from ..urls import is_safe_url
from .fonts import beyond_engine, estimate_em, line_width_em
from .themes import Theme, resolve_theme
from .views import Away, Selection, Stub, ViewSpec, select
from .wrap import wrap

DIRECTIONS = {"TB": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}
# The side of a box facing away from the thesis, for each direction.
_AWAY = {"TB": "s", "BT": "n", "LR": "e", "RL": "w"}
_TOWARD = {"TB": "n", "BT": "s", "LR": "w", "RL": "e"}  # the thesis's side of a box
_COUNT = "\x00"  # where a stub's bold count goes in its (escaped) words
# A claim box's padding around its text, in inches (horizontal, vertical).
_MARGIN, _COMPACT_MARGIN = "0.16,0.1", "0.1,0.08"
# A second and third cross-link into one claim enter at the corners of that side, more
# at the sides beside it.
_HEAD_PORTS = {
    "s": ("s", "se", "sw", "e", "w"),
    "n": ("n", "ne", "nw", "e", "w"),
    "e": ("e", "se", "ne", "s", "n"),
    "w": ("w", "sw", "nw", "s", "n"),
}
THEME_NAMES = ("default", "print", "dark")
# The margin around the drawing, on every side; Graphviz's plain output leaves it out.
PAD_PT = 18.0
# A draft's flagged claims: red that keeps 4.5:1 on light fills, and on dark ones.
_ERROR, _ERROR_ON_DARK = "#C00000", "#FF8A8A"


def _error_colour(theme: Theme) -> str:
    return _ERROR_ON_DARK if int(theme.background[1:3], 16) < 0x80 else _ERROR


# An empty caption, under a box whose lines run down into a captioned reason box: see
# _Builder._above_captions. 8 pt tall, padded to 16 (a cell of height 0 makes dot 2.43
# abort in xlabels.c on a map with cross-links).
_ROOM = (
    '<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0">'
    '<TR><TD HEIGHT="8" WIDTH="1"></TD></TR></TABLE>>'
)
# Past this many claims, no room: Graphviz's time for the spacer clusters grows faster
# than the map (+10 % at 1,000 and 2,000 claims, +22 % at 3,000, +37 % at 5,000).
ROOM_LIMIT = 2_000


class _Statements:
    """Claims' node statements drawn before in this process, by the drawing's settings,
    then by everything a statement is made from: a re-render after a save (`watch`,
    `serve`) writes again only the claims that changed. Bounded in all: 20,000 statements
    (some 20 MB) and 32 settings (fitting to a slide tries many widths); past either, it
    starts again empty."""

    def __init__(self, limit: int = 20_000, settings: int = 32):
        self.tables: dict[tuple[Theme, bool, bool], dict[tuple[object, ...], str]] = {}
        self.size = 0
        self.limit = limit
        self.settings = settings

    def table(self, settings: tuple[Theme, bool, bool]) -> dict[tuple[object, ...], str]:
        if len(self.tables) >= self.settings and settings not in self.tables:
            self.forget()
            self.tables.clear()
        return self.tables.setdefault(settings, {})

    def remember(
        self, table: dict[tuple[object, ...], str], signature: tuple[object, ...], statement: str
    ) -> None:
        if self.size >= self.limit:
            self.forget()
        table[signature] = statement
        self.size += 1

    def forget(self) -> None:
        for table in self.tables.values():  # emptied, not dropped: builders hold them
            table.clear()
        self.size = 0


_DRAWN = _Statements()


class DrawOptions(NamedTuple):
    """How to draw; `hidden` names elements laid out but not shown (stepwise reveal);
    `width` replaces the theme's characters per line (chosen to fit a slide)."""

    theme: str = "default"
    direction: str = "TB"
    legend: bool = False
    notes: bool = False
    hidden: frozenset[str] = frozenset()
    width: int | None = None
    view: ViewSpec | None = None
    # An evaluation to show (assess/evaluate.py): status by claim and link key, and
    # DF-QuAD strength by claim key when asked for.
    statuses: Mapping[str, str] | None = None
    strengths: Mapping[str, float] | None = None
    # A draft's claims with content errors (format/loader.draft_flags): key -> the words
    # of their marker; drawn with a red border and the class `error`.
    flagged: Mapping[str, str] | None = None
    # Claims drawn as ghosts: dashed, grey and unfilled, with the class `ghost` (the key
    # claims a student's map lacks, drawn where they belong by `argmap compare`).
    ghosts: frozenset[str] = frozenset()
    # Room for the arrows into captioned reason boxes (_Builder._above_captions); fitting
    # to a slide goes without it where it alone would keep the text under 18 pt.
    room: bool = True
    # Boxes a little closer and their text a little nearer their borders: what fitting to
    # a slide tries last, where only that brings the text to 18 pt (fit.py).
    compact: bool = False


@dataclass
class Drawing:
    """DOT text plus what SVG post-processing needs to make it accessible."""

    dot: str
    title: str
    map: ArgumentMap = field(repr=False)
    tree: MapTree = field(repr=False)
    titles: dict[str, str] = field(default_factory=dict)
    theme: Theme | None = None
    # SVG element id -> the key that decides when it shows in a stepwise reveal.
    element_keys: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def description(self) -> str:
        """The map as an outline, for the SVG's <desc>: written only when asked for (while
        Graphviz lays the graph out), and not at all for PNG and PDF."""
        return to_text(self.map, self.tree)


def to_dot(
    argmap: ArgumentMap, options: DrawOptions | None = None, tree: MapTree | None = None
) -> Drawing:
    if options is None:
        options = DrawOptions()
    tree = tree or build_tree(argmap)
    theme = resolve_theme(options.theme, argmap.style)
    if options.width:
        theme = theme._replace(width=options.width)
    selection = select(tree, options.view) if options.view else Selection(tree, (), ())
    builder = _Builder(argmap, selection, theme, options)
    return builder.build()


def _html(text: str) -> str:
    """Text for an HTML-like label; a doubled backslash keeps Graphviz from reading \\N, \\G."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text or "\\" in text:
        return html.escape(text, quote=True).replace("\\", "\\\\")
    return text  # most text needs no escaping, and a large map has thousands of lines


class _Builder:
    def __init__(
        self, argmap: ArgumentMap, selection: Selection, theme: Theme, options: DrawOptions
    ):
        self.map = argmap
        self.tree = selection.tree
        self.selection = selection
        view = options.view or ViewSpec()
        self.labels_only = view.labels
        self.show_basis = "basis" not in view.hide
        self.show_notes = options.notes and "notes" not in view.hide
        self.shown_links = {link.key for link in selection.tree.links}
        # In a labels-only view a reason with a label is one box: its word and its label.
        self.summarised = {link.key for link in selection.tree.links if view.labels and link.label}
        # The node drawn for a claim: its own, or its summarised reason's box.
        self.drawn_as: dict[str, str] = {
            premise.key: link.key
            for link in selection.tree.links
            if link.key in self.summarised
            for premise in link.premises
        }
        self.theme = theme
        self.options = options
        self.words = words_for(argmap)  # every word the drawing shows (argmap/words.py)
        self.titles: dict[str, str] = {}
        self.element_keys: dict[str, str] = {}
        self.claim_ids = {node.claim.id: node for node in self.tree.claims if node.claim.id}
        self.crosslink_heads: dict[str, int] = {}  # cross-links drawn into each claim so far
        # Claims with lines arriving on the side away from the thesis: their links', or the
        # dashed line of a folded branch's stub.
        self.tree_targets = {
            link.target.key for link in self.tree.links if isinstance(link.target, ClaimNode)
        } | {stub.owner for stub in selection.stubs}
        self.group_of: dict[str, str | None] = {}
        self.clustered: set[str] = set()
        self.undercuts = self.tree.undercut_targets()
        self.undercut_steps = {step.key for _, step in self.undercuts}
        self.away_boxes: set[str] = set()  # the boxes standing for claims on other slides
        self.graph = graphviz.Digraph("argmap")
        self.drawn = _DRAWN.table((theme, self.labels_only, self.show_notes))
        self.groups: dict[str, _Block] = {}
        self.group_slots: dict[str, int] = {}
        self.room_below: set[str] = set()

    # -- structure -------------------------------------------------------------------------

    def build(self) -> Drawing:
        self._assign_groups()
        self.room_below = self._above_captions()
        self._graph_attributes()
        self._claim(self.tree.thesis)
        for link in self.tree.links:
            self._link_nodes(link)
        for stub in self._stubs():
            self._stub(stub)
        self._place_groups()
        for link in self.tree.links:
            self._link_edges(link)
        for node in self.tree.claims:
            if node.claim.basis and self.show_basis and node.key not in self.drawn_as:
                self._basis_edge(node)
        self._keep_written_order()
        self._context()
        for crosslink in self.tree.crosslinks:
            self._cross_link(crosslink)
        for undercut, step in self.undercuts:
            self._cross_undercut(undercut, step)
        for away in self.selection.away:
            self._away(away)
        if self.options.legend:
            self._legend()
        title = self.map.title
        if self.options.view and self.options.view.title:
            title = f"{title}: {self.options.view.title}"
        return Drawing(
            self.graph.source,
            title,
            self.map,
            self.tree,
            self.titles,
            self.theme,
            self.element_keys,
        )

    def _assign_groups(self) -> None:
        """A group applies to the claim or reason naming it and everything beneath."""
        self.group_of[self.tree.thesis.key] = self.tree.thesis.claim.group
        for link in self.tree.links:
            target = link.target
            inherited = self.group_of.get(target.key)
            group = link.argument.group if link.argument else link.premises[0].claim.group
            self.group_of[link.key] = group or inherited
            for premise in link.premises:
                self.group_of[premise.key] = self.group_of[link.key]
            if link.key in self.summarised:
                continue
            if link.argument and (len(link.premises) > 1 or link.argument.label):
                self.clustered.add(link.key)
            if link.undercutters or link.key in self.undercut_steps:
                self.clustered.add(link.key)  # their arrows end on the reason's own box

    def _above_captions(self) -> set[str]:
        """The boxes whose lines run down (or up, in BT) into a captioned reason box.

        Graphviz keeps only 8 pt between a rank and a cluster next to it once the cluster's
        caption and margin are taller than the gap between ranks, so the arrowhead would sit
        on the box's border, over its caption. An invisible cluster around the box above,
        its empty caption below the box, widens that gap to 24 pt, and only there. In LR
        and RL the caption is beside the line, not across it."""
        if not self.options.room or self.options.direction not in ("TB", "BT"):
            return set()
        if len(self.tree.claims) > ROOM_LIMIT:
            return set()
        boxes = set()
        for link in self.tree.links:
            captioned = self._boxed_word(link) or link.label or (self.show_notes and link.note)
            if link.key not in self.clustered or not captioned:
                continue
            target = link.target
            if isinstance(target, ClaimNode):
                box = self.drawn_as.get(target.key, target.key)
                own = target.link
                if box == target.key and own is not None and own.key in self.clustered:
                    box = own.key  # a premise in a reason's box: the box faces the rank below
            else:  # an undercutter's line leaves the box of the reason it attacks
                box = target.key
            boxes.add(box)
        return boxes

    def _place(self, container: Container, key: str, lines: list[str]) -> None:
        """A box's DOT statements, inside its spacer when it needs room below."""
        if key in self.room_below:
            spacer = _Block(
                f"cluster_{key}.room",
                label=_ROOM,
                labelloc="b",
                style="invis",
                margin="0",
                id=f"{key}.room",
                **{"class": "room"},
            )
            spacer.body.extend(lines)
            lines = spacer.lines()
        container.body.extend(lines)

    def _container(self, key: str) -> Container:
        group_id = self.group_of.get(key)
        if not group_id:
            return self.graph
        if group_id not in self.groups:
            group = next(g for g in self.map.groups if g.id == group_id)
            theme = self.theme
            sub = _Block(
                f"cluster_group_{group_id}",
                label=f"<<B>{_html(group.label)}</B>>",
                style="rounded,dashed,filled",
                fillcolor=theme.group_fill,
                color=theme.group_border,
                penwidth="1.5",
                fontcolor=theme.text,
                fontsize=str(theme.font_size),
                labeljust="l",
                # Lines come into a group from the thesis's side: its title sits on the
                # far side, where no line runs through it.
                labelloc="b" if self.options.direction == "TB" else "t",
                margin="14",
                id=group_id,
                **{"class": "group"},
            )
            self.titles[group_id] = group.label
            self.groups[group_id] = sub
            # Keep the cluster where its first member is written: declaration order is
            # what Graphviz starts its left-to-right order from.
            self.group_slots[group_id] = len(self.graph.body)
            self.graph.body.append("")
        return self.groups[group_id]

    def _place_groups(self) -> None:
        """Each finished group cluster goes into the slot its first member reserved."""
        body = self.graph.body
        for group_id in sorted(self.group_slots, key=self.group_slots.__getitem__, reverse=True):
            slot = self.group_slots[group_id]
            body[slot : slot + 1] = self.groups[group_id].lines()

    def _graph_attributes(self) -> None:
        theme = self.theme
        self.graph.attr(
            rankdir=DIRECTIONS[self.options.direction],
            compound="true",
            newrank="true",
            ordering="out",
            nodesep="0.2" if self.options.compact else "0.25",
            ranksep="0.5",
            bgcolor=theme.background,
            fontname=theme.font,
            pad=_pt(PAD_PT / 72),
            outputorder="edgesfirst",
            id="map",
        )
        # Defaults for the common case keep each statement (and the DOT text) short.
        self.graph.attr(
            "node",
            fontname=theme.font,
            fontcolor=theme.text,
            fontsize=_pt(theme.font_size),
            shape="box",
            style="rounded,filled",
            penwidth="1.5",
            margin=_COMPACT_MARGIN if self.options.compact else _MARGIN,
        )
        self.graph.attr("edge", fontname=theme.font, penwidth="2", arrowsize="1.1", dir="none")

    # -- nodes -----------------------------------------------------------------------------

    def _badge(self, key: str) -> str:
        """The claim's status as a word (and its strength): readable without colour."""
        statuses, strengths = self.options.statuses or {}, self.options.strengths or {}
        if key not in statuses:
            return ""
        score = f" · {strengths[key]:.2f}" if key in strengths else ""
        size = _pt(max(14.0, self.theme.font_size - 4))
        return f'<FONT POINT-SIZE="{size}"><B>{_html(self.words[statuses[key]])}</B>{score}</FONT>'

    def _claim_label(
        self, claim: Claim, size: float, width: int, link: Link | None, badge: str = ""
    ) -> str:
        """Label (bold) and text, wrapped; a premise outside a reason's box opens with its
        connector word in the link's colour, wrapped with the words that follow it."""
        word = self._word_text(link) if link is not None else ""
        head = claim.label or claim.text
        lines = list(wrap(f"{word} {head}" if word else head, width))
        bold = bool(claim.label)
        shown = [f"<B>{_html(line)}</B>" if bold else _html(line) for line in lines]
        if link is not None:
            rest = lines[0][len(word) :]
            text = f"<B>{_html(rest)}</B>" if bold and rest else _html(rest)
            shown[0] = self._before_text(self._word(link), text)
        parts = [badge, "<BR/>".join(shown)] if badge else ["<BR/>".join(shown)]
        if claim.label and not self.labels_only:
            parts.append("<BR/>".join(_html(line) for line in wrap(claim.text, width)))
        if self.show_notes and claim.note:
            small = _pt(size - 2)
            parts.append(
                "<BR/>".join(
                    f'<FONT POINT-SIZE="{small}"><I>{_html(line)}</I></FONT>'
                    for line in wrap(claim.note, width + 4)
                )
            )
        return "<" + "<BR/>".join(parts) + ">"

    def _text_floor(self, claim: Claim, size: float, width: int, link: Link | None) -> float:
        """The box's least width in inches, for text the embedded engine measures short
        (Chinese, Japanese and Korean by a sixth; see draw/fonts.py); 0 for other text."""
        if claim.text.isascii() and (claim.label or "").isascii() and (claim.note or "").isascii():
            return 0.0  # the engine measures ASCII itself
        word = self._word_text(link) if link is not None else ""
        head = claim.label or claim.text
        lines = [
            (line, size * (1.08 if claim.label else 1.0))
            for line in wrap(f"{word} {head}" if word else head, width)
        ]
        if claim.label and not self.labels_only:
            lines += [(line, size) for line in wrap(claim.text, width)]
        if self.show_notes and claim.note:
            lines += [(line, size - 2) for line in wrap(claim.note, width + 4)]
        widest = 0.0
        for line, points in lines:
            ems = line_width_em(line)
            if ems is not None:
                widest = max(widest, ems * points)
        side = float((_COMPACT_MARGIN if self.options.compact else _MARGIN).split(",")[0])
        return (widest + 2 * side * 72) / 72 if widest else 0.0

    def _claim(self, node: ClaimNode, into: Container | None = None) -> None:
        claim = node.claim
        if node is self.tree.thesis and self.options.view and self.options.view.top_as_context:
            self._context_node(node.key, claim.label or claim.text, self.graph, node.key)
            return
        inline: Link | None = None
        if node.role != "thesis" and node.link is not None:
            shown = node.link.key in self.shown_links
            if shown and not self._boxed_word(node.link):
                inline = node.link
        status = (self.options.statuses or {}).get(node.key)
        badge = self._badge(node.key)
        flag = (self.options.flagged or {}).get(node.key)
        if flag:  # the marker first: readable in grey, and in any viewer
            size = _pt(max(14.0, self.theme.font_size - 4))
            red = _error_colour(self.theme)
            marker = f'<FONT POINT-SIZE="{size}" COLOR="{red}"><B>! {_html(flag)}</B></FONT>'
            badge = f"{marker}<BR/>{badge}" if badge else marker
        # Everything the statement is made from, beside the drawing's settings.
        signature = (
            node.key,
            node.role,
            node.side,
            node.link.tone if node.link is not None else None,
            (inline.tone, self._word_text(inline)) if inline is not None else None,
            claim.text,
            claim.label,
            claim.note,
            claim.implicit,
            status,
            badge,
            flag,
            node.key in self.options.ghosts,
            self.options.compact,
            node.key in self.options.hidden,
        )
        statement = self.drawn.get(signature)
        if statement is None:
            statement = self._claim_statement(node, inline, status, badge, bool(flag))
            _DRAWN.remember(self.drawn, signature, statement)
        container = into if into is not None else self._container(node.key)
        self._place(container, node.key, [statement])
        self.element_keys[node.key] = node.key
        self.titles[node.key] = claim.text
        if claim.basis and self.show_basis:
            self._basis(node, self._container(node.key))

    def _claim_statement(
        self,
        node: ClaimNode,
        inline: Link | None,
        status: str | None,
        badge: str,
        flagged: bool = False,
    ) -> str:
        theme, claim = self.theme, node.claim
        extra: dict[str, str] = {}
        if node.role == "thesis":
            size, width = theme.font_size + 3, theme.width + 4
            line, fill = theme.thesis_border, theme.thesis_fill
            extra = {"penwidth": "3", "fontsize": _pt(size)}
            classes = ["claim", "thesis", "pro"]
        else:
            size, width = theme.font_size, theme.width
            tone = node.link.tone if node.link is not None else "reason"
            line, fill = theme.role_colors(tone)
            classes = ["claim", "premise", node.role, node.side]
            if node.side == "con":  # against the thesis: a double border, readable in grey
                extra["peripheries"] = "2"
        if claim.implicit:
            extra["style"] = "rounded,filled,dashed"
            classes.append("implicit")
        if status:
            classes.append(f"status-{status}")
            if status == "falls":  # muted: grey text on the background, the word stays
                extra.update(fontcolor=theme.basis_border, fillcolor=theme.background)
        if flagged:  # a draft's claim with a content error
            classes.append("error")
            extra.update(color=_error_colour(theme), penwidth="3")
        if node.key in self.options.ghosts:  # not in the map: where it would belong
            classes.append("ghost")
            extra.update(
                style="rounded,dashed", fontcolor=theme.basis_border, fillcolor=theme.background
            )
        floor = self._text_floor(claim, size, width, inline)
        if floor:
            extra["width"] = _pt(round(floor, 2))
        return _node_statement(
            node.key,
            self._claim_label(claim, size, width, inline, badge),
            self._visible(
                node.key,
                **{"fillcolor": fill, "color": line, "id": node.key, **extra},
                **{"class": " ".join(classes)},
            ),
        )

    def _before_text(self, word: str, text: str) -> str:
        """The connector word where the language begins a line: the left, or the right in
        Arabic and Hebrew (Graphviz sets a line's pieces left to right in DOT order)."""
        if not word or not self.words.right_to_left:
            return word + text
        return f"{text.strip()} {word}" if text.strip() else word

    def _word_text(self, link: Link) -> str:
        """because, for example, but, however: the outline's word, without "(against the
        step)" (an undercutter's line ends on the reason's box, which says as much)."""
        return connector(link, step=False, words=self.words)

    def _boxed_word(self, link: Link) -> bool:
        """Whether the word heads the reason's box (co-premises, a label) rather than its
        one premise (a box drawn only for undercutters to point at)."""
        return link.key in self.clustered and (len(link.premises) > 1 or bool(link.label))

    def _word(self, link: Link) -> str:
        """The connector word in the link's colour, inside the box it introduces: it takes
        no rank of its own (a connector node did, doubling the height of every chain)."""
        line, _ = self.theme.role_colors(link.tone)
        colour = self.theme.connector_text or line  # `style.colors.connector_text`
        return f'<FONT COLOR="{colour}"><B>{self._word_text(link)}</B></FONT>'

    def _basis(self, node: ClaimNode, container: Container) -> None:
        theme, basis = self.theme, node.claim.basis
        assert basis is not None
        key = f"{node.key}-basis"
        kind = self.words.basis(basis.kind)
        lines = [f"<B>{_html(kind)}</B>"]
        if basis.citation:
            lines += [_html(line) for line in wrap(basis.citation, theme.width + 2)]
        extra: dict[str, str] = {}
        if basis.url and is_safe_url(basis.url):
            extra = {"URL": basis.url.replace("\\", "\\\\"), "target": "_blank"}
        _node(
            container,
            key,
            "<" + "<BR/>".join(lines) + ">",
            **self._visible(
                key,
                style="filled",
                fillcolor=theme.basis_fill,
                color=theme.basis_border,
                penwidth="1",
                fontsize=_pt(theme.font_size - 2),
                margin="0.12,0.06",
                id=key,
                **{"class": f"basis basis-{basis.kind}"},
                **extra,
            ),
        )
        self.titles[key] = f"{kind}: {basis.citation}" if basis.citation else kind

    def _link_nodes(self, link: Link) -> None:
        theme = self.theme
        line, _ = theme.role_colors(link.tone)
        container = self._container(link.key)
        target = link.target
        target_text = target.claim.text if isinstance(target, ClaimNode) else "the step above"
        word = connector(link, words=self.words)
        self.titles[f"{link.key}-link"] = f"{word}: {' '.join(target_text.split())}"
        if link.key in self.summarised:
            self._summary(link, container)
            return
        if link.key not in self.clustered:
            for premise in link.premises:
                self._claim(premise, container)
            return
        label = self._caption(link)
        # A box drawn only for undercutters to point at keeps a wide gap around its claim:
        # so close, two lines would read as the double border of a claim against the thesis.
        margin = "10" if label else "16"
        # Co-premises side by side (the cluster is one rank), in written order.
        cluster = _Block(
            f"cluster_{link.key}",
            **self._visible(
                link.key,
                label=f"<{label}>" if label else "",
                style="rounded,filled",
                fillcolor=theme.background,
                color=line,
                penwidth="2",
                fontcolor=theme.text,
                fontsize=_pt(theme.font_size),
                margin=margin,
                labeljust="c",
                labelloc="t",
                id=link.key,
                **{"class": f"argument {link.role} {link.side}"},
            ),
            rank="same",
        )
        word = connector(link, words=self.words)
        self.titles[link.key] = link.label or f"{word} (linked premises)"
        for premise in link.premises:
            self._claim(premise, cluster)
        for left, right in itertools.pairwise(link.premises):
            _edge(cluster, *self._in_order(left.key, right.key), style="invis")
        self._place(container, link.key, cluster.lines())

    def _caption(self, link: Link) -> str:
        """The caption of a reason's box: its word, its label, its note; or nothing."""
        caption = self._word(link) if self._boxed_word(link) else ""
        if link.label:
            caption = self._before_text(caption, f" <B>{_html(link.label)}</B>")
        if self.show_notes and link.note:
            note = "<BR/>".join(_html(x) for x in wrap(link.note, self.theme.width * 2))
            size = _pt(self.theme.font_size - 2)
            caption += f'<BR/><FONT POINT-SIZE="{size}"><I>{note}</I></FONT>'
        return caption.strip()

    # -- edges -----------------------------------------------------------------------------

    def _summary(self, link: Link, container: Container) -> None:
        """A labelled reason as one box (labels-only views): its word and its label."""
        line, fill = self.theme.role_colors(link.tone)
        label = (
            "<" + self._before_text(self._word(link), f" <B>{_html(link.label or '')}</B>") + ">"
        )
        attrs = self._visible(
            link.key,
            fillcolor=fill,
            color=line,
            id=link.key,
            **{"class": f"claim premise summary {link.role} {link.side}"},
        )
        self._place(container, link.key, [_node_statement(link.key, label, attrs)])
        texts = " + ".join(" ".join(p.claim.text.split()) for p in link.premises)
        self.titles[link.key] = f"{link.label}: {texts}"

    def _end(self, link: Link) -> str:
        """The node a link's line starts from: its middle premise, or its summary box."""
        return link.key if link.key in self.summarised else link.middle.key

    def _link_edges(self, link: Link) -> None:
        """One line from the premises (or their box) to the claim, or to the box of the
        reason an undercutter attacks; the arrow ends where the link bears."""
        line, _ = self.theme.role_colors(link.tone)
        target = link.target
        extra: dict[str, str] = {}
        if isinstance(target, ClaimNode):
            target_name = self.drawn_as.get(target.key, target.key)
        elif target.key in self.summarised:
            target_name = target.key
        else:  # an undercutter: the target reason is always drawn as a box
            target_name = target.middle.key
            extra["ltail"] = f"cluster_{target.key}"
        if link.key in self.clustered:
            extra["lhead"] = f"cluster_{link.key}"
        if link.relation == "attack":
            extra["style"] = "dashed"
        status = (self.options.statuses or {}).get(link.key)
        if status == "fails":
            line = self.theme.basis_border  # muted; the dashes or solid line still say which
        edge_id = f"{link.key}-link"
        if link.key in self.clustered and isinstance(target, ClaimNode):
            # Invisible pulls from every premise, so the claim sits centred over the box.
            for premise in link.premises:
                if premise is not link.middle:
                    _edge(self.graph, target.key, premise.key, style="invis")
        _edge(
            self.graph,
            target_name,
            self._end(link),
            **self._visible(
                link.key,
                dir="back",
                color=line,
                id=edge_id,
                **{
                    "class": f"link {link.role} {link.relation} {link.side}"
                    + (f" {status}" if status else "")
                },
                **extra,
            ),
        )

    def _keep_written_order(self) -> None:
        """Siblings run left to right as written: an invisible chain from the last premise
        of each link to the first premise of the next."""
        for links in self.tree.below().values():
            for left, right in itertools.pairwise(links):
                last, first = left.premises[-1].key, right.premises[0].key
                a, b = self._in_order(
                    self.drawn_as.get(last, last), self.drawn_as.get(first, first)
                )
                self.graph.body.append(
                    f"\t{_quote(a)} -> {_quote(b)} [style=invis constraint=false weight=0]\n"
                )

    def _in_order(self, first: str, second: str) -> tuple[str, str]:
        """A flat edge runs left to right in TB and BT, but bottom to top in LR and RL."""
        return (second, first) if self.options.direction in ("LR", "RL") else (first, second)

    def _basis_edge(self, node: ClaimNode) -> None:
        key = f"{node.key}-basis"
        _edge(
            self.graph,
            node.key,
            key,
            **self._visible(
                key,
                style="dotted",
                penwidth="1.5",
                color=self.theme.basis_border,
                id=f"{key}-link",
                **{"class": "basis-link"},
            ),
        )
        self.titles[f"{key}-link"] = "rests on"

    def _cross_link(self, crosslink: CrossLink) -> None:
        support = crosslink.relation == "support"
        target = self.claim_ids[crosslink.target_id]
        verb = self.words["also_supports" if support else "also_opposes"]
        source, extra = self._line_start(crosslink.owner)
        self._dotted_line(
            source,
            self.drawn_as.get(target.key, target.key),
            crosslink.key,
            crosslink.relation,
            extra,
        )
        self.titles[crosslink.key] = f"{verb}: {' '.join(target.claim.text.split())}"

    def _cross_undercut(self, undercut: CrossUndercut, step: Link) -> None:
        """Into the box of the reason or objection whose step it attacks, as that link's
        own undercutters end there."""
        source, extra = self._line_start(undercut.owner)
        target_name, into = self._step_end(step)
        self._dotted_line(source, target_name, undercut.key, "undercut", {**extra, **into})
        texts = " + ".join(" ".join(p.claim.text.split()) for p in step.premises)
        verb = self.words["also_opposes"]
        self.titles[undercut.key] = f"{verb} ({self.words['against_the_step']}): {texts}"

    def _away(self, away: Away) -> None:
        """A cross-link whose other end is not in this view (on another slide): its line to,
        or from, a small dashed box with that claim's first words and where it is."""
        other = away.other
        where = dict(self.options.view.elsewhere if self.options.view else ()).get(other.key)
        said = other.claim.label or other.claim.text
        lines = list(wrap(said, 18))
        if len(lines) > 2:  # its first words: a signpost, not the claim
            lines = [*lines[:1], lines[1] + " …"]
        words = " ".join(lines)
        key = f"{other.key}-away"  # one box per claim, whatever lines lead to it
        if key not in self.away_boxes:
            self.away_boxes.add(key)
            self._away_box(key, away, lines, where)
        toward = _TOWARD[self.options.direction]  # the stub's side facing its end
        if away.outward:
            source, extra = self._line_start(away.owner)
            self._dotted_line(source, key, away.key, away.relation, {**extra, "headport": toward})
        elif isinstance(away.target, ClaimNode):
            target = self.drawn_as.get(away.target.key, away.target.key)
            self._dotted_line(key, target, away.key, away.relation, {"tailport": toward})
        else:
            target, into = self._step_end(away.target)
            self._dotted_line(key, target, away.key, away.relation, {**into, "tailport": toward})
        verb = self.words["also_supports" if away.relation == "support" else "also_opposes"]
        self.titles[key] = words + (f" ({self.words.see(where)})" if where else "")
        self.titles[away.key] = f"{verb}: {' '.join(other.claim.text.split())}"

    def _away_box(self, key: str, away: Away, lines: list[str], where: str | None) -> None:
        see = f"<BR/>{_html(self.words.see(where))}" if where else ""
        _node(
            self.graph,
            key,
            "<" + "<BR/>".join(_html(line) for line in lines) + f"{see}>",
            **self._visible(
                away.key,
                style="rounded,dashed",
                color=self.theme.group_border,
                fontsize=_pt(self.theme.font_size - 2),
                margin="0.12,0.05",
                id=key,
                **{"class": "crosslink-stub"},
            ),
        )
        # It hangs beside the end it is drawn from, one rank further from the thesis, as
        # a folded branch's stub does: its line stays short and crosses the tree little.
        shown = away.owner if away.outward else away.target
        near = shown if isinstance(shown, ClaimNode) else shown.middle
        self.graph.body.append(
            f"\t{_quote(self.drawn_as.get(near.key, near.key))} -> {_quote(key)} "
            "[style=invis weight=0]\n"
        )

    def _line_start(self, owner: ClaimNode | Link) -> tuple[str, dict[str, str]]:
        """Where a cross-link leaves its owner: the claim, or the reason's box."""
        source = owner.key if isinstance(owner, ClaimNode) else self._end(owner)
        extra = {"ltail": f"cluster_{owner.key}"} if owner.key in self.clustered else {}
        return self.drawn_as.get(source, source), extra

    def _step_end(self, step: Link) -> tuple[str, dict[str, str]]:
        """Where a line against a step ends: on the reason's box (its summary box)."""
        if step.key in self.summarised:
            return step.key, {}
        return step.middle.key, {"lhead": f"cluster_{step.key}"}

    def _dotted_line(
        self, source: str, target_name: str, edge_id: str, relation: str, extra: dict[str, str]
    ) -> None:
        """A cross-link's own word and its own line (dotted, an open arrowhead), so it reads
        as neither a reason nor an objection of the tree, in colour or in grey. It leaves
        and enters on the side away from the thesis: reason boxes keep their connector
        word, and groups their titles, on the other sides, so it crosses neither."""
        support = relation == "support"
        verb = self.words["also_supports" if support else "also_opposes"]
        color = self.theme.support if support else self.theme.attack
        away = _AWAY[self.options.direction]
        attrs: dict[str, str] = {
            "color": color,
            "style": "dotted",
            "constraint": "false",
            "penwidth": "2.5",
            "dir": "forward",
            "arrowhead": "vee",
            "xlabel": (
                f'<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1" CELLSPACING="0" '
                f'BGCOLOR="{self.theme.background}"><TR><TD><B>{verb}</B></TD></TR></TABLE>>'
            ),
            # Out of a claim whose own reasons arrive on that side: at its corner.
            "tailport": _HEAD_PORTS[away][1] if source in self.tree_targets else away,
            "headport": extra.get("headport") or self._head_port(target_name, away),
            "fontcolor": color,
            "fontsize": _pt(max(14.0, self.theme.font_size - 4)),
            "id": edge_id,
            "class": f"crosslink {relation}",
        }
        _edge(self.graph, source, target_name, **self._visible(edge_id, **{**attrs, **extra}))

    def _head_port(self, target: str, away: str) -> str:
        """Where a cross-link's arrow enters its claim: the side away from the thesis, then
        its corners, so two arrowheads into one claim never meet at one point; a claim
        whose own reasons and objections arrive on that side takes it at the corners."""
        taken = self.crosslink_heads.get(target, 0)
        self.crosslink_heads[target] = taken + 1
        ports: tuple[str, ...] = _HEAD_PORTS[away]
        if target in self.tree_targets:
            ports = ports[1:]
        return ports[taken % len(ports)]

    def _stubs(self) -> list[Stub]:
        """One stub per drawn box: a summarised reason gathers its premises' stubs."""
        merged: dict[str, Stub] = {}
        for stub in self.selection.stubs:
            owner = self.drawn_as.get(stub.owner, stub.owner)
            before = merged.get(owner)
            if before is None:
                merged[owner] = Stub(owner, stub.hidden, stub.where)
            else:
                merged[owner] = Stub(owner, before.hidden + stub.hidden, before.where or stub.where)
        return list(merged.values())

    def _stub(self, stub: Stub) -> None:
        """A folded branch: how many claims it hides, and where they continue."""
        theme = self.theme
        owner = self.drawn_as.get(stub.owner, stub.owner)
        key = f"{stub.owner}-more"
        words = self.words
        where = f"<BR/>{_html(words.see(stub.where))}" if stub.where else ""
        count = f"<B>+{stub.hidden}</B>"
        _node(
            self._container(owner),
            key,
            "<" + _html(words.more(stub.hidden, _COUNT)).replace(_COUNT, count) + f"{where}>",
            **self._visible(
                stub.owner,
                style="rounded,dashed",
                color=theme.group_border,
                fontsize=_pt(theme.font_size - 2),
                margin="0.12,0.05",
                id=key,
                **{"class": "stub"},
            ),
        )
        _edge(
            self.graph,
            owner,
            key,
            **self._visible(
                stub.owner,
                style="dashed",
                penwidth="1.5",
                color=theme.group_border,
                id=f"{key}-link",
                **{"class": "stub-link"},
            ),
        )
        self.titles[key] = words.more(stub.hidden) + (
            f", {words.see(stub.where)}" if stub.where else ""
        )

    def _context_node(
        self, name: str, text: str, container: Container, key: str | None = None
    ) -> None:
        """A claim shown for orientation only, small and muted (in full on another slide)."""
        theme = self.theme
        lines = wrap(text, max(theme.width + 8, 50))  # short and wide: orientation only
        attrs = {
            "fontsize": _pt(max(14.0, theme.font_size - 4)),
            "fontcolor": theme.basis_border,
            "style": "rounded",  # not dashed: dashes mark an unstated premise
            "color": theme.group_border,
            "penwidth": "1",
            "margin": "0.12,0.05",
            "id": name,
            "class": "context",
        }
        if key:
            attrs = self._visible(key, **attrs)
        label = "<" + "<BR/>".join(_html(line) for line in lines) + ">"
        self._place(container, name, [_node_statement(name, label, attrs)])
        self.titles[name] = text

    def _context(self) -> None:
        """The chain above the view's top claim, small and muted, thesis first."""
        theme = self.theme
        chain = [*self.selection.context]
        names = [key for key, _ in chain] + [self.tree.thesis.key]
        for key, text in chain:
            self._context_node(f"{key}-context", text, self.graph)
        links = self.selection.context_links
        for number, (upper, lower) in enumerate(itertools.pairwise(names)):
            above = upper if upper == self.tree.thesis.key else f"{upper}-context"
            below = lower if lower == self.tree.thesis.key else f"{lower}-context"
            link = links[number] if number < len(links) else None
            # Each link drawn as what it is, muted: an attack dashed, its colour and word.
            line = theme.role_colors(link.tone)[0] if link else theme.group_border
            attrs = {"dir": "back", "color": _muted(line, theme.background), "penwidth": "1.5"}
            if link is not None:
                attrs["class"] = f"context-link {link.role} {link.relation} {link.side}"
                attrs["label"] = (
                    f'<<FONT POINT-SIZE="{_pt(max(14.0, theme.font_size - 4))}" '
                    f'COLOR="{line}">{_html(self._word_text(link))}</FONT>>'
                )
                if link.relation == "attack":
                    attrs["style"] = "dashed"
            else:
                attrs["class"] = "context-link"
            _edge(self.graph, above, below, **attrs)

    def _legend(self) -> None:
        theme, words = self.theme, self.words
        right_to_left = words.right_to_left

        points = theme.font_size - 2

        def width(text: str, bold: bool = False) -> str:
            """A cell's least width for text the embedded engine cannot measure (it takes
            a Korean or Arabic letter for a space): Noto's advances, as claim boxes use."""
            if not beyond_engine(text):
                return ""
            return f' WIDTH="{round(estimate_em(text) * points * (1.1 if bold else 1.0)) + 10}"'

        def row(sign: str, meaning: str, signed: str = "") -> str:
            """A sign and what it means, read from where the language begins a line."""
            text = words[meaning]
            align = "RIGHT" if right_to_left else "LEFT"
            said = f'<TD ALIGN="{align}"{width(text)}>{_html(text)}</TD>'
            sign = sign.replace("<TD", f"<TD{width(signed, bold=True)}", 1) if signed else sign
            return f"<TR>{said}{sign}</TR>" if right_to_left else f"<TR>{sign}{said}</TR>"

        rows = []
        for tone, word, meaning in (
            ("reason", words["because"], "legend_reason"),
            ("objection", words["but"], "legend_objection"),
            ("rebuttal", words["however"], "legend_rebuttal"),
            ("objection", f"{words['but']} / {words['however']}", "legend_step"),
        ):
            color, _ = theme.role_colors(tone)
            sign = f'<TD><FONT COLOR="{color}"><B>{_html(word)}</B></FONT></TD>'
            rows.append(row(sign, meaning, word))
        double = (
            '<TD><TABLE BORDER="1" CELLBORDER="1" CELLSPACING="2" STYLE="rounded">'
            '<TR><TD STYLE="rounded"> </TD></TR></TABLE></TD>'
        )
        rows.append(row(double, "legend_double"))
        if self.options.statuses:
            for status in ("stands", "falls", "contested", "open"):
                sign = f"<TD><B>{_html(words[status])}</B></TD>"
                rows.append(row(sign, "legend_" + status, words[status]))
        if self.tree.crosslinks or self.tree.undercuts or self.selection.away:
            also = _html(words["also_supports"])
            rows.append(
                row(
                    f'<TD><FONT COLOR="{theme.support}"><B>{also}</B></FONT></TD>',
                    "legend_crosslink",
                    words["also_supports"],
                )
            )
        rows.append(row("<TD>- - -</TD>", "legend_unstated"))
        basis = f'<TD BGCOLOR="{theme.basis_fill}"><B>{_html(words["basis"])}</B></TD>'
        rows.append(row(basis, "legend_basis", words["basis"]))
        table = (
            f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="4" CELLPADDING="4" '
            f'COLOR="{theme.group_border}" BGCOLOR="{theme.background}">'
            f'<TR><TD COLSPAN="2"{width(words["key"], bold=True)}><B>{_html(words["key"])}</B>'
            f"</TD></TR>{''.join(rows)}"
            "</TABLE>>"
        )
        self.graph.node(
            "legend",
            table,
            shape="plain",
            fontsize=_pt(theme.font_size - 2),
            id="legend",
            **{"class": "legend"},
        )
        self.titles["legend"] = words["key_title"]

    def _visible(self, key: str, **attrs: Any) -> dict[str, str]:
        """Hidden elements keep their place in the layout (stepwise reveal)."""
        if "id" in attrs:
            self.element_keys[attrs["id"]] = key
        if key in self.options.hidden:
            attrs["style"] = "invis"
            attrs["class"] = attrs.get("class", "") + " hidden"
        return {name: str(value) for name, value in attrs.items()}


class _Block:
    """A cluster written directly: graphviz.Digraph.subgraph and .attr re-quote every value
    through several checks, a third of building the DOT of a large map."""

    def __init__(self, name: str, **attrs: str):
        self.name = name
        self.attrs = attrs
        self.body: list[str] = []

    def lines(self) -> list[str]:
        head = f"\tsubgraph {_quote(self.name)} {{\n\t\tgraph [{_attributes(self.attrs)}]\n"
        return [head, *("\t" + line for line in self.body), "\t}\n"]


Container: TypeAlias = "graphviz.Digraph | _Block"


def _quote(value: str) -> str:
    """A DOT attribute value: HTML-like labels as they are, everything else double-quoted."""
    if value[:1] == "<" and value[-1:] == ">":
        return value
    return f'"{value}"' if '"' not in value else '"' + value.replace('"', '\\"') + '"'


def _attributes(attrs: dict[str, str]) -> str:
    return " ".join([f"{name}={_quote(value)}" for name, value in attrs.items()])


def _node(container: Container, name: str, label: str, **attrs: str) -> None:
    """A node statement appended to the graph's body."""
    container.body.append(_node_statement(name, label, attrs))


def _node_statement(name: str, label: str, attrs: dict[str, str]) -> str:
    """graphviz.Digraph.node quotes every name and value through several checks; with
    thousands of claims that was most of to_dot's time, and our values need only this."""
    return f"\t{_quote(name)} [label={label} {_attributes(attrs)}]\n"


def _edge(container: Container, tail: str, head: str, **attrs: str) -> None:
    container.body.append(f"\t{_quote(tail)} -> {_quote(head)} [{_attributes(attrs)}]\n")


def _muted(colour: str, background: str) -> str:
    """The colour halfway to the background: there, but quieter than the slide's own."""
    mixed = ((int(colour[i : i + 2], 16) + int(background[i : i + 2], 16)) // 2 for i in (1, 3, 5))
    return "#" + "".join(f"{channel:02X}" for channel in mixed)


def _pt(size: float) -> str:
    return f"{size:g}"
