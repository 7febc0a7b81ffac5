"""`argmap diff`: what changed in the argument from one version of a map to the next, by
the same matching as a student's map against the key."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..format import CrossLink, CrossUndercut, Loaded, MapTree
from .compare import ROLE_WORDS, compare, short, target_name


@dataclass(frozen=True)
class Change:
    kind: str
    old: str | None
    new: str | None
    message: str
    line: int  # in the new file (the old one for a removed claim)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "line": self.line,
            "message": self.message,
        }


_DIFF_KINDS = {
    "missing": "removed",
    "implicit": "removed",
    "extra": "added",
    "side": "side",
    "parent": "moved",
    "split": "regrouped",
    "merge": "regrouped",
    "attack-kind": "kind",
    "quote": "requoted",
}


def diff(old: Loaded, new: Loaded) -> list[Change]:
    """What changed in the argument from one version of a map to the next."""
    comparison = compare(new, old)
    old_side_doc = old.doc
    changes = []
    for finding in comparison.findings:
        kind = _DIFF_KINDS[finding.kind]
        line = finding.issue.line
        message = finding.issue.message
        if kind == "removed":
            node = next(n for n in old.tree.claims if n.key == finding.key)
            line = old_side_doc.locate((*node.path, "text"))[0]
            message = (
                f"removed {message.removeprefix('the key has ').replace('the key supplies ', '')}"
            )
        elif kind == "added":
            added = next(n for n in new.tree.claims if n.key == finding.student)
            assert added.link is not None
            message = (
                f"added {ROLE_WORDS[added.link.role]} under {target_name(added.link)}: "
                f"{short(added.claim.label or added.claim.text, 14)}"
            )
        else:
            message = message.replace("the key", "the old map")
        changes.append(Change(kind, finding.key, finding.student, message, line))
    new_nodes = {node.key: node for node in new.tree.claims}
    for match in comparison.matches:
        before = next(n for n in old.tree.claims if n.key == match.key)
        after = new_nodes[match.student]
        if " ".join(before.claim.text.split()) != " ".join(after.claim.text.split()):
            changes.append(
                Change(
                    "reworded",
                    match.key,
                    match.student,
                    f"reworded: “{short(before.claim.text, 14)}” → “{short(after.claim.text, 14)}”",
                    new.doc.locate((*after.path, "text"))[0],
                )
            )
    changes += _crosslink_changes(old, new, {m.key: m.student for m in comparison.matches})
    # What went, in the old file's order; then what changed, in the new file's.
    changes.sort(key=lambda c: (c.kind not in ("removed", "unlinked"), c.line, c.kind))
    return changes


def _crosslink_changes(old: Loaded, new: Loaded, to_new: dict[str, str]) -> Iterator[Change]:
    old_ids = {n.claim.id: n.key for n in old.tree.claims if n.claim.id}
    new_ids = {n.claim.id: n.key for n in new.tree.claims if n.claim.id}

    def said(
        tree: MapTree, ids: dict[str, str], mapping: Mapping[str, str] | None
    ) -> dict[tuple[tuple[str, ...], str, str], CrossLink | CrossUndercut]:
        """Each cross-link by what it joins, in the new map's keys (`?` an unmatched one)."""

        def name(key: str) -> str:
            return key if mapping is None else mapping.get(key, "?" + key)

        found: dict[tuple[tuple[str, ...], str, str], CrossLink | CrossUndercut] = {}
        for crosslink in tree.crosslinks:
            owners = tuple(sorted(name(p.key) for p in crosslink.premises))
            target = name(ids.get(crosslink.target_id, crosslink.target_id))
            found[(owners, crosslink.relation, target)] = crosslink
        for undercut, step in tree.undercut_targets():
            owners = tuple(sorted(name(p.key) for p in undercut.premises))
            target = " + ".join(sorted(name(p.key) for p in step.premises))
            found[(owners, "undercut", target)] = undercut
        return found

    def verb(crosslink: CrossLink | CrossUndercut) -> str:
        if isinstance(crosslink, CrossUndercut):
            return "undercuts"
        return "supports" if crosslink.relation == "support" else "opposes"

    before = said(old.tree, old_ids, to_new)
    after = said(new.tree, new_ids, None)
    for link_key, crosslink in after.items():
        if link_key not in before:
            yield Change(
                "linked",
                None,
                crosslink.owner.key,
                f"new cross-link: {crosslink.owner.key} also {verb(crosslink)} "
                f"{crosslink.target_id}",
                new.doc.locate(crosslink.path)[0],
            )
    for link_key, crosslink in before.items():
        if link_key not in after:
            yield Change(
                "unlinked",
                crosslink.owner.key,
                None,
                f"cross-link gone: {crosslink.owner.key} no longer also {verb(crosslink)} "
                f"{crosslink.target_id}",
                old.doc.locate(crosslink.path)[0],
            )
