"""A checked map written as Argdown that the Argdown CLI reads with every claim and relation.

The thesis opens a relation tree (`+` reasons, `-` objections); a reason of co-premises,
or one with undercutters, is an argument with a premise-conclusion structure written after
the tree; claims in a group are defined under the group's heading at the end (Argdown puts
a statement in the section where its text is given). argmap's own fields ride in `{data}`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..format import ArgumentMap, Claim, ClaimNode, Link, MapTree, build_tree

_ESCAPE = re.compile(r"([\\#\[\]<>{}@*_`])")
# argmap's own fields of a claim and of an argument that ride in `{data}` (argdown_lower.py
# reads them back); a claim's group is its section instead.
CLAIM_DATA = ("id", "quote", "implicit", "mark", "basis", "note", "kind", "step")
ARGUMENT_DATA = ("id", "note", "group", "kind", "step")
_META_KEYS = ("description", "language", "source", "groups", "style", "synonyms", "lint", "views")
NEGATION = "negation"  # the data of a "Not so: …" conclusion, an objection of co-premises


def argdown_text(argmap: ArgumentMap) -> str:
    return _Writer(argmap, build_tree(argmap)).write()


def escape(text: str) -> str:
    """Argdown text: special characters escaped, one line, no comment openers, and no
    opening that reads as a relation, a list item or a numbered premise."""
    flat = " ".join(text.split())
    flat = _ESCAPE.sub(r"\\\1", flat)
    flat = flat.replace("//", "\\/\\/").replace("/*", "\\/*")
    if flat[:1] in ("+", "-", "(", "=") or re.match(r"\d+\.", flat):
        flat = "\\" + flat
    return flat


def _title_kind(title: str | None, label: str | None, explicit_id: str | None) -> dict[str, Any]:
    """What the reader needs to tell a label from a title made up of an id or a number."""
    if not title:
        return {}
    if label is None:
        return {} if explicit_id == title else {"untitled": True}
    return {"label": True} if explicit_id == label else {}


def _data(fields: dict[str, Any]) -> str:
    """`{yaml}` data as a flow mapping; braces inside strings are escaped for Argdown's lexer."""
    if not fields:
        return ""
    return " " + _flow(fields)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, str):
        quoted = json.dumps(value, ensure_ascii=False)
        for char in "{}#/<":  # what Argdown's lexer would take for data's end or a comment
            quoted = quoted.replace(char, f"\\x{ord(char):02X}")
        return quoted
    return json.dumps(value)


class _Writer:
    def __init__(self, argmap: ArgumentMap, tree: MapTree):
        self.argmap = argmap
        self.tree = tree
        self.lines: list[str] = []
        self.defined: set[str] = set()
        self.grouped = {node.key for node in tree.claims if node.claim.group}
        self.undercut = tree.undercut_targets()
        self.undercut_steps = {step.key for _, step in self.undercut}
        self.titles = self._titles()
        self.arguments: list[Link] = []
        self.argument_titles: dict[str, str] = {}

    def _titles(self) -> dict[str, str]:
        """Every claim that is referred to needs a title: its label, else its id."""
        needs = set(self.grouped)
        for link in self.tree.links:
            if self._as_argument(link) and isinstance(link.target, ClaimNode):
                needs.add(link.target.key)
        for cross in self.tree.crosslinks:  # both ends are referred to after the tree
            needs |= {premise.key for premise in cross.premises}
        for undercut in self.tree.undercuts:
            needs |= {premise.key for premise in undercut.premises}
        titles: dict[str, str] = {}
        used: set[str] = set()
        for node in self.tree.claims:
            title = node.claim.label or node.claim.id
            if title is None and node.key not in needs:
                continue
            title = " ".join((title or node.key).split())
            while title in used:
                title += "'"
            used.add(title)
            titles[node.key] = title
        return titles

    def _as_argument(self, link: Link) -> bool:
        """Undercuts name an argument: a reason with any is written as one."""
        return (
            link.argument is not None or bool(link.undercutters) or link.key in self.undercut_steps
        )

    def write(self) -> str:
        self._frontmatter()
        self.lines.append("")
        self._claim_line(self.tree.thesis, "", "")
        self._children(self.tree.thesis, 1)
        index = 0
        while index < len(self.arguments):
            self._argument(self.arguments[index])
            index += 1
        self._crosslinks()
        self._groups()
        return "\n".join(self.lines).rstrip() + "\n"

    def _frontmatter(self) -> None:
        meta: dict[str, Any] = {"title": self.argmap.title}
        if self.argmap.authors:
            meta["author"] = list(self.argmap.authors)
        extra = self.argmap.model_dump(mode="json", exclude_defaults=True, include=set(_META_KEYS))
        if extra:
            meta["argmap"] = extra
        self.lines.append("===")
        for key, value in meta.items():
            self.lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        self.lines.append("===")

    def _claim_ref(self, node: ClaimNode) -> str:
        """The statement as written here: defined at its first place, referred to after."""
        title = self.titles.get(node.key)
        if node.key in self.defined or (node.key in self.grouped and title):
            return f"[{escape(title or '')}]"
        self.defined.add(node.key)
        return self._definition(node)

    def _definition(self, node: ClaimNode) -> str:
        claim: Claim = node.claim
        title = self.titles.get(node.key)
        head = f"[{escape(title)}]: " if title else ""
        tags = "".join(f" #({t.replace(')', '')})" for t in claim.tags)
        fields = claim.model_dump(mode="json", exclude_defaults=True, include=set(CLAIM_DATA))
        fields.update(_title_kind(title, claim.label, claim.id))
        return head + escape(claim.text) + tags + _data(fields)

    def _claim_line(self, node: ClaimNode, indent: str, symbol: str) -> None:
        self.lines.append(f"{indent}{symbol}{self._claim_ref(node)}")

    def _children(self, node: ClaimNode, depth: int) -> None:
        indent = "  " * depth
        for link in self.tree.links:
            if link.target is not node:
                continue
            symbol = "+ " if link.relation == "support" else "- "
            if self._as_argument(link):
                self.lines.append(f"{indent}{symbol}<{escape(self._argument_title(link))}>")
                self.arguments.append(link)
                continue
            premise = link.premises[0]
            self._claim_line(premise, indent, symbol)
            self._children(premise, depth + 1)

    def _argument_title(self, link: Link) -> str:
        if link.key not in self.argument_titles:
            title = link.label or link.explicit_id or f"Argument {len(self.argument_titles) + 1}"
            title = " ".join(title.split())
            while title in self.argument_titles.values() or title in self.titles.values():
                title += "'"
            self.argument_titles[link.key] = title
        return self.argument_titles[link.key]

    def _argument(self, link: Link) -> None:
        plain_title = self._argument_title(link)
        title = escape(plain_title)
        fields: dict[str, Any] = {}
        if link.argument:
            fields = link.argument.model_dump(
                mode="json", exclude_defaults=True, include=set(ARGUMENT_DATA)
            )
            fields.update(_title_kind(plain_title, link.argument.label, link.argument.id))
        elif link.key in self.argument_titles:
            fields["untitled"] = True
        if link.argument is None:
            fields["premise"] = "claim"  # one premise, written as an argument for its undercut
        self.lines += ["", f"<{title}>{_data(fields)}", ""]
        for number, premise in enumerate(link.premises, start=1):
            self.lines.append(f"({number}) {self._claim_ref(premise)}")
            self._children(premise, 2)
        self.lines.append("----")
        conclusion = len(link.premises) + 1
        target = link.target
        if link.relation == "support" and isinstance(target, ClaimNode):
            self.lines.append(f"({conclusion}) {self._claim_ref(target)}")
        else:
            about = (
                target.claim.text
                if isinstance(target, ClaimNode)
                else f"the step to {self._step_name(target)}"
            )
            text = escape(f"Not so: {about}")
            self.lines.append(f"({conclusion}) {text}{_data({NEGATION: True})}")
            if isinstance(target, ClaimNode):
                self.lines.append(f"  -> {self._claim_ref(target)}")
            else:
                self.lines.append(f"  _> <{escape(self._argument_title(target))}>")
        for undercut in link.undercutters:
            if self._as_argument(undercut):
                self.lines += ["", f"<{title}>", f"  <_ <{escape(self._argument_title(undercut))}>"]
                self.arguments.append(undercut)
                continue
            premise = undercut.premises[0]
            self.lines += ["", f"<{title}>"]
            self._claim_line(premise, "  ", "<_ ")
            self._children(premise, 2)

    def _step_name(self, link: Link) -> str:
        target = link.target
        if isinstance(target, ClaimNode):
            return " ".join(target.claim.text.split())
        return self._argument_title(target)

    def _crosslinks(self) -> None:
        ids = {node.claim.id: node for node in self.tree.claims if node.claim.id}
        written = False
        for cross in self.tree.crosslinks:
            target = ids.get(cross.target_id)
            if target is None:
                continue
            symbol = "+>" if cross.relation == "support" else "->"
            if not written:
                self.lines += ["", "// Cross-links (`supports:` and `opposes:`)"]
                written = True
            self.lines.append("")
            if isinstance(cross.owner, Link) and self._as_argument(cross.owner):
                owner = f"<{escape(self._argument_title(cross.owner))}>"
                self.lines += [owner, f"  {symbol} {self._claim_ref(target)}"]
                continue
            for premise in cross.premises:
                self.lines += [self._claim_ref(premise), f"  {symbol} {self._claim_ref(target)}"]
        if self.undercut:
            self.lines += ["", "// Undercuts of steps elsewhere (`undercuts:`)"]
        for undercut, step in self.undercut:
            self.lines += ["", f"<{escape(self._argument_title(step))}>"]
            if isinstance(undercut.owner, Link) and self._as_argument(undercut.owner):
                self.lines.append(f"  <_ <{escape(self._argument_title(undercut.owner))}>")
                continue
            self.lines += [f"  <_ {self._claim_ref(premise)}" for premise in undercut.premises]

    def _groups(self) -> None:
        labels = {group.id: group.label for group in self.argmap.groups}
        for group in self.argmap.groups:
            members = [n for n in self.tree.claims if n.claim.group == group.id]
            if not members:
                continue
            self.lines += ["", f"# {escape(labels[group.id])}{_data({'id': group.id})}", ""]
            for node in members:
                self.defined.add(node.key)
                self.lines.append(self._definition(node))
                self.lines.append("")
