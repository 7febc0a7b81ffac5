"""The lines that cross the tree: cross-links, cross-link undercuts, and lines to the claims
of other slides; each dotted, with its own words, entering where no arrowhead is yet."""

from __future__ import annotations

from ..format import ClaimNode, CrossLink, CrossUndercut, Link
from . import dot
from .labels import Labels, pt
from .plan import Plan
from .sheet import Sheet
from .views import Away
from .wrap import wrap

# The side of a box facing away from the thesis, for each direction.
_AWAY = {"TB": "s", "BT": "n", "LR": "e", "RL": "w"}
_TOWARD = {"TB": "n", "BT": "s", "LR": "w", "RL": "e"}  # the thesis's side of a box
# A second and third cross-link into one claim enter at the corners of that side, more
# at the sides beside it.
_HEAD_PORTS = {
    "s": ("s", "se", "sw", "e", "w"),
    "n": ("n", "ne", "nw", "e", "w"),
    "e": ("e", "se", "ne", "s", "n"),
    "w": ("w", "sw", "nw", "s", "n"),
}


class CrossLines:
    """Draws one drawing's cross-lines onto its sheet, after the tree's own."""

    def __init__(self, sheet: Sheet, plan: Plan, labels: Labels, direction: str):
        self.sheet = sheet
        self.plan = plan
        self.labels = labels
        self.words = labels.words
        self.theme = labels.theme
        self.direction = direction
        self.tree = plan.tree
        self.claim_ids = {node.claim.id: node for node in self.tree.claims if node.claim.id}
        self.crosslink_heads: dict[str, int] = {}  # cross-links drawn into each claim so far
        self.away_boxes: set[str] = set()  # the boxes standing for claims on other slides

    def crosslink(self, crosslink: CrossLink) -> None:
        support = crosslink.relation == "support"
        target = self.claim_ids[crosslink.target_id]
        verb = self.words["also_supports" if support else "also_opposes"]
        source, extra = self._line_start(crosslink.owner)
        end = self.plan.box(target.key)
        self._dotted_line(source, end, crosslink.key, crosslink.relation, extra)
        self.sheet.titles[crosslink.key] = f"{verb}: {' '.join(target.claim.text.split())}"

    def undercut(self, undercut: CrossUndercut, step: Link) -> None:
        """Into the box of the reason or objection whose step it attacks, as that link's
        own undercutters end there."""
        source, extra = self._line_start(undercut.owner)
        target_name, into = self._step_end(step)
        self._dotted_line(source, target_name, undercut.key, "undercut", {**extra, **into})
        texts = " + ".join(" ".join(p.claim.text.split()) for p in step.premises)
        verb = self.words["also_opposes"]
        self.sheet.titles[undercut.key] = f"{verb} ({self.words['against_the_step']}): {texts}"

    def away(self, away: Away) -> None:
        """A cross-link whose other end is not in this view (on another slide): its line to,
        or from, a small dashed box with that claim's first words and where it is."""
        other = away.other
        where = dict(self.plan.view.slide.elsewhere).get(other.key)
        said = other.claim.label or other.claim.text
        first_words = list(wrap(said, 18))
        if len(first_words) > 2:  # its first words: a signpost, not the claim
            first_words = [*first_words[:1], first_words[1] + " …"]
        key = f"{other.key}-away"  # one box per claim, whatever lines lead to it
        if key not in self.away_boxes:
            self.away_boxes.add(key)
            self._away_box(key, away, self.labels.away(first_words, where))
        toward = _TOWARD[self.direction]  # the stub's side facing its end
        if away.outward:
            source, extra = self._line_start(away.owner)
            self._dotted_line(source, key, away.key, away.relation, {**extra, "headport": toward})
        elif isinstance(away.target, ClaimNode):
            target = self.plan.box(away.target.key)
            self._dotted_line(key, target, away.key, away.relation, {"tailport": toward})
        else:
            target, into = self._step_end(away.target)
            self._dotted_line(key, target, away.key, away.relation, {**into, "tailport": toward})
        verb = self.words["also_supports" if away.relation == "support" else "also_opposes"]
        see = f" ({self.words.see(where)})" if where else ""
        self.sheet.titles[key] = " ".join(first_words) + see
        self.sheet.titles[away.key] = f"{verb}: {' '.join(other.claim.text.split())}"

    def _away_box(self, key: str, away: Away, label: str) -> None:
        attrs = self.sheet.visible(
            away.key,
            style="rounded,dashed",
            color=self.theme.group_border,
            fontsize=pt(self.theme.font_size - 2),
            margin="0.12,0.05",
            id=key,
            **{"class": "crosslink-stub"},
        )
        self.sheet.graph.body.append(dot.node(key, label, attrs))
        # It hangs beside the end it is drawn from, one rank further from the thesis, as
        # a folded branch's stub does: its line stays short and crosses the tree little.
        shown = away.owner if away.outward else away.target
        near = shown if isinstance(shown, ClaimNode) else shown.middle
        self.sheet.line(self.plan.box(near.key), key, style="invis", weight="0")

    def _line_start(self, owner: ClaimNode | Link) -> tuple[str, dict[str, str]]:
        """Where a cross-link leaves its owner: the claim, or the reason's box."""
        source = owner.key if isinstance(owner, ClaimNode) else self.plan.end(owner)
        extra = {"ltail": f"cluster_{owner.key}"} if owner.key in self.plan.clustered else {}
        return self.plan.box(source), extra

    def _step_end(self, step: Link) -> tuple[str, dict[str, str]]:
        """Where a line against a step ends: on the reason's box (its summary box)."""
        if step.key in self.plan.summarised:
            return step.key, {}
        return step.middle.key, {"lhead": f"cluster_{step.key}"}

    def _dotted_line(
        self, source: str, target_name: str, edge_id: str, relation: str, extra: dict[str, str]
    ) -> None:
        """A cross-link's own word and its own line (dotted, an open arrowhead), so it reads
        as neither a reason nor an objection of the tree, in colour or in grey. It leaves
        and enters on the side away from the thesis: reason boxes keep their connector
        word, and groups their titles, on the other sides, so it crosses neither."""
        color = self.theme.support if relation == "support" else self.theme.attack
        away = _AWAY[self.direction]
        attrs: dict[str, str] = {
            "color": color,
            "style": "dotted",
            "constraint": "false",
            "penwidth": "2.5",
            "dir": "forward",
            "arrowhead": "vee",
            "xlabel": self.labels.crosslink(relation),
            # Out of a claim whose own reasons arrive on that side: at its corner.
            "tailport": _HEAD_PORTS[away][1] if source in self.plan.tree_targets else away,
            "headport": extra.get("headport") or self._head_port(target_name, away),
            "fontcolor": color,
            "fontsize": self.labels.small,
            "id": edge_id,
            "class": f"crosslink {relation}",
        }
        self.sheet.line(source, target_name, **self.sheet.visible(edge_id, **{**attrs, **extra}))

    def _head_port(self, target: str, away: str) -> str:
        """Where a cross-link's arrow enters its claim: the side away from the thesis, then
        its corners, so two arrowheads into one claim never meet at one point; a claim
        whose own reasons and objections arrive on that side takes it at the corners."""
        taken = self.crosslink_heads.get(target, 0)
        self.crosslink_heads[target] = taken + 1
        ports: tuple[str, ...] = _HEAD_PORTS[away]
        if target in self.plan.tree_targets:
            ports = ports[1:]
        return ports[taken % len(ports)]
