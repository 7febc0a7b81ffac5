"""A checked map as DOT, the seam to every engine: the plan's boxes and lines, each drawn once.

Which boxes there are is decided in plan.py, the words inside them in labels.py, and the
DOT text itself in dot.py; this module says how each kind of box and line looks.
"""

from __future__ import annotations

import itertools

from ..format import (
    ArgumentMap,
    ClaimNode,
    Link,
    MapTree,
    build_tree,
    connector,
    words_for,
)
from ..urls import is_safe_url
from . import dot
from .crosslines import CrossLines
from .drawing import PAD_PT, Drawing, DrawOptions, StatementCache
from .labels import COMPACT_MARGIN, MARGIN, ROOM, Labels, error_colour, escaped, muted, pt
from .plan import Plan, make_plan
from .sheet import Sheet
from .themes import Theme, resolve_theme
from .views import Selection, Stub, select


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
    plan = make_plan(selection, options.view, options.direction, options.notes, options.room)
    return _Drawer(argmap, plan, theme, options).draw()


class _Drawer:
    """Writes one drawing's statements, in the order Graphviz reads them for its layout."""

    def __init__(self, argmap: ArgumentMap, plan: Plan, theme: Theme, options: DrawOptions):
        self.map = argmap
        self.plan = plan
        self.tree = plan.tree
        self.theme = theme
        self.options = options
        self.labels = Labels(
            theme,
            words_for(argmap),  # every word the drawing shows (argmap/words/)
            labels_only=plan.view.labels,
            show_notes=plan.show_notes,
            compact=options.compact,
            statuses=options.statuses or {},
            strengths=options.strengths or {},
        )
        self.words = self.labels.words
        self.sheet = Sheet(options.hidden)
        self.graph = self.sheet.graph
        self.titles = self.sheet.titles
        self.shown_links = {link.key for link in self.tree.links}
        statements = options.statements or StatementCache()
        self.statements = statements
        self.drawn = statements.table((theme, plan.view.labels, plan.show_notes))
        self.groups: dict[str, dot.Block] = {}
        self.group_slots: dict[str, int] = {}

    # -- structure -------------------------------------------------------------------------

    def draw(self) -> Drawing:
        self._claim(self.tree.thesis)
        for link in self.tree.links:
            self._link_nodes(link)
        for stub in self.plan.stubs:
            self._stub(stub)
        self._place_groups()
        for link in self.tree.links:
            self._link_edges(link)
        for node in self.tree.claims:
            if node.claim.basis and self.plan.show_basis and node.key not in self.plan.drawn_as:
                self._basis_edge(node)
        self._keep_written_order()
        self._context()
        lines = CrossLines(self.sheet, self.plan, self.labels, self.options.direction)
        for crosslink in self.tree.crosslinks:
            lines.crosslink(crosslink)
        for undercut, step in self.plan.undercuts:
            lines.undercut(undercut, step)
        for away in self.plan.selection.away:
            lines.away(away)
        if self.options.legend:
            self._legend()
        title = self.map.title
        if self.options.view and self.options.view.title:
            title = f"{title}: {self.options.view.title}"
        source = dot.digraph("argmap", *self._defaults(), self.graph.body)
        return Drawing(
            source, title, self.map, self.tree, self.titles, self.theme, self.sheet.element_keys
        )

    def _defaults(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """Graph, node and edge defaults: the common case keeps each statement short."""
        theme, compact = self.theme, self.options.compact
        graph = {
            "rankdir": self.options.direction,
            "compound": "true",
            "newrank": "true",
            "ordering": "out",
            "nodesep": "0.2" if compact else "0.25",
            "ranksep": "0.5",
            "bgcolor": theme.background,
            "fontname": theme.font,
            "pad": pt(PAD_PT / 72),
            "outputorder": "edgesfirst",
            "id": "map",
        }
        nodes = {
            "fontname": theme.font,
            "fontcolor": theme.text,
            "fontsize": pt(theme.font_size),
            "shape": "box",
            "style": "rounded,filled",
            "penwidth": "1.5",
            "margin": COMPACT_MARGIN if compact else MARGIN,
        }
        edges = {"fontname": theme.font, "penwidth": "2", "arrowsize": "1.1", "dir": "none"}
        return graph, nodes, edges

    def _place(self, container: dot.Block, key: str, lines: list[str]) -> None:
        """A box's DOT statements, inside its spacer when it needs room below."""
        if key in self.plan.room_below:
            room = {"label": ROOM, "labelloc": "b", "style": "invis", "margin": "0"}
            spacer = dot.Block(f"cluster_{key}.room", {**room, "id": f"{key}.room"})
            spacer.attrs["class"] = "room"
            spacer.body.extend(lines)
            lines = spacer.subgraph()
        container.body.extend(lines)

    def _container(self, key: str) -> dot.Block:
        group_id = self.plan.group_of.get(key)
        if not group_id:
            return self.graph
        if group_id not in self.groups:
            group = next(g for g in self.map.groups if g.id == group_id)
            theme = self.theme
            attrs = {
                "label": f"<<B>{escaped(group.label)}</B>>",
                "style": "rounded,dashed,filled",
                "fillcolor": theme.group_fill,
                "color": theme.group_border,
                "penwidth": "1.5",
                "fontcolor": theme.text,
                "fontsize": str(theme.font_size),
                "labeljust": "l",
                # Lines come into a group from the thesis's side: its title sits on the
                # far side, where no line runs through it.
                "labelloc": "b" if self.options.direction == "TB" else "t",
                "margin": "14",
                "id": group_id,
                "class": "group",
            }
            self.titles[group_id] = group.label
            self.groups[group_id] = dot.Block(f"cluster_group_{group_id}", attrs)
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
            body[slot : slot + 1] = self.groups[group_id].subgraph()

    # -- boxes -----------------------------------------------------------------------------

    def _claim(self, node: ClaimNode, into: dot.Block | None = None) -> None:
        claim, options = node.claim, self.options
        if node is self.tree.thesis and options.view and options.view.slide.top_as_context:
            self._context_node(node.key, claim.label or claim.text, self.graph, node.key)
            return
        inline: Link | None = None
        if node.role != "thesis" and node.link is not None:
            shown = node.link.key in self.shown_links  # not the link above a view's top
            if shown and not self.plan.boxed_word(node.link):
                inline = node.link
        status = (options.statuses or {}).get(node.key)
        badge = self.labels.badge(node.key)
        flag = (options.flagged or {}).get(node.key)
        if flag:
            marker = self.labels.marker(flag)
            badge = f"{marker}<BR/>{badge}" if badge else marker
        # Everything the statement is made from, beside the drawing's settings.
        signature = (
            node.key,
            node.role,
            node.side,
            node.link.tone if node.link is not None else None,
            (inline.tone, self.labels.word_text(inline)) if inline is not None else None,
            claim.text,
            claim.label,
            claim.note,
            claim.implicit,
            status,
            badge,
            flag,
            node.key in options.ghosts,
            options.compact,
            node.key in options.hidden,
        )
        statement = self.drawn.get(signature)
        if statement is None:
            statement = self._claim_statement(node, inline, status, badge, bool(flag))
            self.statements.remember(self.drawn, signature, statement)
        container = into if into is not None else self._container(node.key)
        self._place(container, node.key, [statement])
        self.sheet.element_keys[node.key] = node.key
        self.titles[node.key] = claim.text
        if claim.basis and self.plan.show_basis:
            self._basis(node, self._container(node.key))

    def _claim_statement(
        self, node: ClaimNode, inline: Link | None, status: str | None, badge: str, flagged: bool
    ) -> str:
        theme, claim = self.theme, node.claim
        extra: dict[str, str] = {}
        if node.role == "thesis":
            size, width = theme.font_size + 3, theme.width + 4
            line, fill = theme.thesis_border, theme.thesis_fill
            extra = {"penwidth": "3", "fontsize": pt(size)}
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
            extra.update(color=error_colour(theme), penwidth="3")
        if node.key in self.options.ghosts:  # not in the map: where it would belong
            classes.append("ghost")
            extra.update(
                style="rounded,dashed", fontcolor=theme.basis_border, fillcolor=theme.background
            )
        floor = self.labels.text_floor(claim, size, width, inline)
        if floor:
            extra["width"] = pt(round(floor, 2))
        return dot.node(
            node.key,
            self.labels.claim(claim, size, width, inline, badge),
            self.sheet.visible(
                node.key,
                **{"fillcolor": fill, "color": line, "id": node.key, **extra},
                **{"class": " ".join(classes)},
            ),
        )

    def _basis(self, node: ClaimNode, container: dot.Block) -> None:
        theme, basis = self.theme, node.claim.basis
        assert basis is not None
        key = f"{node.key}-basis"
        extra: dict[str, str] = {}
        if basis.url and is_safe_url(basis.url):
            extra = {"URL": basis.url.replace("\\", "\\\\"), "target": "_blank"}
        attrs = self.sheet.visible(
            key,
            style="filled",
            fillcolor=theme.basis_fill,
            color=theme.basis_border,
            penwidth="1",
            fontsize=pt(theme.font_size - 2),
            margin="0.12,0.06",
            id=key,
            **{"class": f"basis basis-{basis.kind}"},
            **extra,
        )
        container.body.append(dot.node(key, self.labels.basis(basis), attrs))
        kind = self.words.basis(basis.kind)
        self.titles[key] = f"{kind}: {basis.citation}" if basis.citation else kind

    def _link_nodes(self, link: Link) -> None:
        container = self._container(link.key)
        target = link.target
        target_text = target.claim.text if isinstance(target, ClaimNode) else "the step above"
        word = connector(link, words=self.words)
        self.titles[f"{link.key}-link"] = f"{word}: {' '.join(target_text.split())}"
        if link.key in self.plan.summarised:
            self._summary(link, container)
            return
        if link.key not in self.plan.clustered:
            for premise in link.premises:
                self._claim(premise, container)
            return
        label = self.labels.caption(link, self.plan.boxed_word(link))
        # A box drawn only for undercutters to point at keeps a wide gap around its claim:
        # so close, two lines would read as the double border of a claim against the thesis.
        margin = "10" if label else "16"
        theme = self.theme
        attrs = self.sheet.visible(
            link.key,
            label=f"<{label}>" if label else "",
            style="rounded,filled",
            fillcolor=theme.background,
            color=theme.role_colors(link.tone)[0],
            penwidth="2",
            fontcolor=theme.text,
            fontsize=pt(theme.font_size),
            margin=margin,
            labeljust="c",
            labelloc="t",
            id=link.key,
            **{"class": f"argument {link.role} {link.side}"},
        )
        # Co-premises side by side (the cluster is one rank), in written order.
        cluster = dot.Block(f"cluster_{link.key}", {**attrs, "rank": "same"})
        self.titles[link.key] = link.label or f"{word} (linked premises)"
        for premise in link.premises:
            self._claim(premise, cluster)
        for left, right in itertools.pairwise(link.premises):
            invisible = {"style": "invis"}
            cluster.body.append(dot.edge(*self._in_order(left.key, right.key), invisible))
        self._place(container, link.key, cluster.subgraph())

    def _summary(self, link: Link, container: dot.Block) -> None:
        """A labelled reason as one box (labels-only views): its word and its label."""
        line, fill = self.theme.role_colors(link.tone)
        attrs = self.sheet.visible(
            link.key,
            fillcolor=fill,
            color=line,
            id=link.key,
            **{"class": f"claim premise summary {link.role} {link.side}"},
        )
        self._place(container, link.key, [dot.node(link.key, self.labels.summary(link), attrs)])
        texts = " + ".join(" ".join(p.claim.text.split()) for p in link.premises)
        self.titles[link.key] = f"{link.label}: {texts}"

    # -- lines -----------------------------------------------------------------------------

    def _link_edges(self, link: Link) -> None:
        """One line from the premises (or their box) to the claim, or to the box of the
        reason an undercutter attacks; the arrow ends where the link bears."""
        plan = self.plan
        line, _ = self.theme.role_colors(link.tone)
        target = link.target
        extra: dict[str, str] = {}
        if isinstance(target, ClaimNode):
            target_name = plan.box(target.key)
        elif target.key in plan.summarised:
            target_name = target.key
        else:  # an undercutter: the target reason is always drawn as a box
            target_name = target.middle.key
            extra["ltail"] = f"cluster_{target.key}"
        if link.key in plan.clustered:
            extra["lhead"] = f"cluster_{link.key}"
        if link.relation == "attack":
            extra["style"] = "dashed"
        status = (self.options.statuses or {}).get(link.key)
        if status == "fails":
            line = self.theme.basis_border  # muted; the dashes or solid line still say which
        if link.key in plan.clustered and isinstance(target, ClaimNode):
            # Invisible pulls from every premise, so the claim sits centred over the box.
            for premise in link.premises:
                if premise is not link.middle:
                    self.sheet.line(target.key, premise.key, style="invis")
        classes = f"link {link.role} {link.relation} {link.side}" + (f" {status}" if status else "")
        self.sheet.line(
            target_name,
            plan.end(link),
            **self.sheet.visible(
                link.key,
                dir="back",
                color=line,
                id=f"{link.key}-link",
                **{"class": classes},
                **extra,
            ),
        )

    def _keep_written_order(self) -> None:
        """Siblings run left to right as written: an invisible chain from the last premise
        of each link to the first premise of the next."""
        for links in self.tree.below().values():
            for left, right in itertools.pairwise(links):
                last, first = self.plan.box(left.premises[-1].key), right.premises[0].key
                a, b = self._in_order(last, self.plan.box(first))
                self.sheet.line(a, b, style="invis", constraint="false", weight="0")

    def _in_order(self, first: str, second: str) -> tuple[str, str]:
        """A flat edge runs left to right in TB and BT, but bottom to top in LR and RL."""
        return (second, first) if self.options.direction in ("LR", "RL") else (first, second)

    def _basis_edge(self, node: ClaimNode) -> None:
        key = f"{node.key}-basis"
        self.sheet.line(
            node.key,
            key,
            **self.sheet.visible(
                key,
                style="dotted",
                penwidth="1.5",
                color=self.theme.basis_border,
                id=f"{key}-link",
                **{"class": "basis-link"},
            ),
        )
        self.titles[f"{key}-link"] = "rests on"

    def _stub(self, stub: Stub) -> None:
        """A folded branch: how many claims it hides, and where they continue."""
        theme, words = self.theme, self.words
        owner = stub.owner  # merged: already the box it hangs under
        key = f"{stub.owner}-more"
        attrs = self.sheet.visible(
            stub.owner,
            style="rounded,dashed",
            color=theme.group_border,
            fontsize=pt(theme.font_size - 2),
            margin="0.12,0.05",
            id=key,
            **{"class": "stub"},
        )
        label = self.labels.stub(stub.hidden, stub.where)
        self._container(owner).body.append(dot.node(key, label, attrs))
        self.sheet.line(
            owner,
            key,
            **self.sheet.visible(
                stub.owner,
                style="dashed",
                penwidth="1.5",
                color=theme.group_border,
                id=f"{key}-link",
                **{"class": "stub-link"},
            ),
        )
        see = f", {words.see(stub.where)}" if stub.where else ""
        self.titles[key] = words.more(stub.hidden) + see

    def _context_node(
        self, name: str, text: str, container: dot.Block, key: str | None = None
    ) -> None:
        """A claim shown for orientation only, small and muted (in full on another slide)."""
        theme = self.theme
        attrs = {
            "fontsize": self.labels.small,
            "fontcolor": theme.basis_border,
            "style": "rounded",  # not dashed: dashes mark an unstated premise
            "color": theme.group_border,
            "penwidth": "1",
            "margin": "0.12,0.05",
            "id": name,
            "class": "context",
        }
        if key:
            attrs = self.sheet.visible(key, **attrs)
        self._place(container, name, [dot.node(name, self.labels.context(text), attrs)])
        self.titles[name] = text

    def _context(self) -> None:
        """The chain above the view's top claim, small and muted, thesis first."""
        theme, selection = self.theme, self.plan.selection
        names = [key for key, _ in selection.context] + [self.tree.thesis.key]
        for key, text in selection.context:
            self._context_node(f"{key}-context", text, self.graph)
        links = selection.context_links
        for number, (upper, lower) in enumerate(itertools.pairwise(names)):
            above = upper if upper == self.tree.thesis.key else f"{upper}-context"
            below = lower if lower == self.tree.thesis.key else f"{lower}-context"
            link = links[number] if number < len(links) else None
            # Each link drawn as what it is, muted: an attack dashed, its colour and word.
            line = theme.role_colors(link.tone)[0] if link else theme.group_border
            attrs = {"dir": "back", "color": muted(line, theme.background), "penwidth": "1.5"}
            if link is not None:
                attrs["class"] = f"context-link {link.role} {link.relation} {link.side}"
                attrs["label"] = self.labels.context_word(link)
                if link.relation == "attack":
                    attrs["style"] = "dashed"
            else:
                attrs["class"] = "context-link"
            self.sheet.line(above, below, **attrs)

    def _legend(self) -> None:
        tree = self.tree
        crosslinks = bool(tree.crosslinks or tree.undercuts or self.plan.selection.away)
        table = self.labels.legend(bool(self.options.statuses), crosslinks)
        attrs = {"shape": "plain", "fontsize": pt(self.theme.font_size - 2), "id": "legend"}
        self.graph.body.append(dot.node("legend", table, {**attrs, "class": "legend"}))
        self.titles["legend"] = self.words["key_title"]
