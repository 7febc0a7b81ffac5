"""A map as Mermaid's flowchart, which GitHub, GitLab and Obsidian draw: it lays itself out,
premises in a subgraph per co-premise box, connector words on the edges, a class per side;
every text escaped as Mermaid's entity codes."""

from __future__ import annotations

from ..draw import Theme, resolve_theme
from ..format import ArgumentMap, ClaimNode, Link, MapTree, build_tree, connector, words_for
from .diagrams import link_source, target_key

_MERMAID_ESCAPES = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
}


def _mermaid_text(text: str) -> str:
    """Text inside a Mermaid label's quotes: its syntax characters as entity codes."""
    flat = " ".join(text.split())
    return "".join(_MERMAID_ESCAPES.get(char, char) for char in flat)


def to_mermaid(model: ArgumentMap, tree: MapTree | None = None, theme_name: str = "default") -> str:
    """A flowchart GitHub, GitLab and Obsidian draw: thesis on top, connector words on the
    edges, co-premise boxes as subgraphs, a class per side."""
    chart = _Mermaid(model, tree or build_tree(model), resolve_theme(theme_name, model.style))
    return "\n".join(["flowchart BT", *chart.boxes(), *chart.edges(), *chart.classes()]) + "\n"


class _Mermaid:
    """One map's flowchart, by Mermaid's short names for its claims (c0, c1, …) and
    co-premise boxes (g0, …)."""

    def __init__(self, model: ArgumentMap, tree: MapTree, theme: Theme):
        self.tree, self.theme, self.words = tree, theme, words_for(model)
        self.names = {node.key: f"c{number}" for number, node in enumerate(tree.claims)}
        self.grouped = {link.key for link in tree.links if len(link.premises) > 1 or link.label}
        self.names.update({key: f"g{number}" for number, key in enumerate(sorted(self.grouped))})

    def claim(self, node: ClaimNode, indent: str) -> str:
        claim = node.claim
        text = claim.text if not claim.label else f"{claim.label}: {claim.text}"
        shape = ('(["', '"])') if node.role == "thesis" else ('("', '")')
        return f"{indent}{self.names[node.key]}{shape[0]}{_mermaid_text(text)}{shape[1]}"

    def boxes(self) -> list[str]:
        """Every claim, those of a co-premise box inside its subgraph."""
        tree, names = self.tree, self.names
        lines = [self.claim(tree.thesis, "    ")]
        for node in tree.claims[1:]:
            if node.link is None or node.link.key not in self.grouped:
                lines.append(self.claim(node, "    "))
        for link in tree.links:
            if link.key not in self.grouped:
                continue
            word = connector(link, step=False, words=self.words)
            title = word + (f" {link.label}" if link.label else "")
            lines.append(f'    subgraph {names[link.key]}["{_mermaid_text(title)}"]')
            lines += [self.claim(premise, "        ") for premise in link.premises]
            lines.append("    end")
            colour, _ = self.theme.role_colors(link.tone)
            lines.append(
                f"    style {names[link.key]} fill:{self.theme.background},stroke:{colour}"
            )
        return lines

    def source(self, owner: ClaimNode | Link) -> str:
        key = owner.key if isinstance(owner, ClaimNode) else link_source(owner, self.grouped)
        return self.names[key]

    def edges(self) -> list[str]:
        """The tree's links with their words, then cross-links and cross-link undercuts."""
        tree, names, words, grouped = self.tree, self.names, self.words, self.grouped
        lines = []
        for link in tree.links:
            source = names[link_source(link, grouped)]
            target = names[target_key(link, grouped)]
            arrow = "-->" if link.relation == "support" else "-.->"
            word = _mermaid_text(connector(link, words=words))
            lines.append(f'    {source} {arrow}|"{word}"| {target}')
        by_id = {node.claim.id: node for node in tree.claims if node.claim.id}
        for crosslink in tree.crosslinks:
            target_node = by_id.get(crosslink.target_id)
            if target_node is None:
                continue
            verb = words["also_supports" if crosslink.relation == "support" else "also_opposes"]
            source = self.source(crosslink.owner)
            lines.append(f'    {source} -.->|"{_mermaid_text(verb)}"| {names[target_node.key]}')
        for undercut, step in tree.undercut_targets():
            verb = _mermaid_text(words["also_opposes"])
            target = names[link_source(step, grouped)]
            lines.append(f'    {self.source(undercut.owner)} -.->|"{verb}"| {target}')
        return lines

    def classes(self) -> list[str]:
        """The theme's colours by side, the thesis's border, unstated premises dashed."""
        theme, tree, names = self.theme, self.tree, self.names
        lines = [
            f"    classDef thesis fill:{theme.thesis_fill},stroke:{theme.thesis_border},"
            "stroke-width:3px",
            f"    classDef pro fill:{theme.support_fill},stroke:{theme.support}",
            f"    classDef con fill:{theme.attack_fill},stroke:{theme.attack},stroke-width:2px",
            "    classDef implicit stroke-dasharray:5 5",
            f"    class {names[tree.thesis.key]} thesis",
        ]
        for side in ("pro", "con"):
            members = [names[n.key] for n in tree.claims[1:] if n.side == side]
            if members:
                lines.append(f"    class {','.join(members)} {side}")
        implicit = [names[n.key] for n in tree.claims if n.claim.implicit]
        if implicit:
            lines.append(f"    class {','.join(implicit)} implicit")
        return lines
