"""Checks that need the whole map: ids, references, cycles, placement, links, language, and
the quotes against the source text (sourcetext.py)."""

from __future__ import annotations

from pathlib import Path as FilePath

from ..errors import Issue
from ..limits import Limits
from ..suggest import did_you_mean
from ..urls import is_safe_url
from .model import ArgumentMap
from .quotes import SourceText
from .sourcetext import check_quotes
from .tree import ClaimNode, Link, MapTree
from .yamlsource import DataPath, LocatedDocument


def check_semantics(
    argmap: ArgumentMap,
    tree: MapTree,
    doc: LocatedDocument,
    map_path: FilePath | None,
    limits: Limits,
    source_root: FilePath | None = None,
) -> tuple[list[Issue], SourceText | None]:
    """The issues, and the source text as it was read for the quotes (the preview shows
    passages from this text, never from a second read that no check has seen)."""
    issues: list[Issue] = []
    if len(tree.claims) > limits.max_claims:
        issues.append(
            doc.issue(
                (),
                "E009",
                f"the map has {len(tree.claims):,} claims; the limit is {limits.max_claims:,}",
                hint="split it, or use --max-claims",
            )
        )
        return issues, None
    ids = _check_ids(argmap, tree, doc, issues)
    _check_references(argmap, tree, doc, ids, issues)
    _check_cycles(tree, doc, ids, issues)
    _check_placement(tree, doc, issues)
    _check_links(argmap, tree, doc, issues)
    for node in tree.claims:
        if not node.claim.text.strip():
            issues.append(
                doc.issue(
                    (*node.path, "text"),
                    "E204",
                    "the claim's text is empty",
                    hint="state the claim as a full sentence",
                )
            )
    _check_language(argmap, doc, issues)
    source = check_quotes(argmap, tree, doc, map_path, limits, source_root, issues)
    return sorted(issues, key=lambda i: (i.line, i.col, i.code)), source


def _check_ids(
    argmap: ArgumentMap, tree: MapTree, doc: LocatedDocument, issues: list[Issue]
) -> dict[str, ClaimNode]:
    """Claim ids, for references; reports every id written twice."""
    seen: dict[str, DataPath] = {}
    written: list[tuple[str, DataPath]] = [
        (g.id, ("groups", i, "id")) for i, g in enumerate(argmap.groups)
    ]
    written += [(n.claim.id, (*n.path, "id")) for n in tree.claims if n.claim.id]
    written += [(link.explicit_id, (*link.path, "id")) for link in tree.links if link.explicit_id]
    for name, path in written:
        if name not in seen:
            seen[name] = path
            continue
        # Report the later of the two places, pointing back at the earlier one.
        first, second = sorted((seen[name], path), key=doc.locate)
        seen[name] = first
        issues.append(
            doc.issue(
                second,
                "E201",
                f"the id `{name}` is already used on line {doc.locate(first)[0]}",
                hint="ids must be unique in a map",
            )
        )
    return {n.claim.id: n for n in tree.claims if n.claim.id}


def _check_references(
    argmap: ArgumentMap,
    tree: MapTree,
    doc: LocatedDocument,
    ids: dict[str, ClaimNode],
    issues: list[Issue],
) -> None:
    groups = {g.id for g in argmap.groups}
    reasons = {link.explicit_id for link in tree.links if link.explicit_id}
    for crosslink in tree.crosslinks:
        name = crosslink.target_id
        if name in ids:
            continue
        key = crosslink.path[-2]
        if name in reasons:
            message = f"`{name}` is the id of a reason, not of a claim"
            hint = (
                f"`{key}:` names claims: give the claim you mean an `id:` (a premise "
                f"of `{name}`, or the claim it supports) and name that"
            )
        elif name in groups:
            message = f"`{name}` is the id of a group, not of a claim"
            hint = f"`{key}:` names claims; to draw a claim in the group, use `group: {name}`"
        else:
            message, hint = f"no claim has the id `{name}`", _suggest(name, ids)
        issues.append(doc.issue(crosslink.path, "E202", message, hint=hint, about=name))
    _check_undercut_targets(tree, doc, ids, issues)
    named: set[tuple[DataPath, str]] = set()
    entries = [(c.path, c.target_id) for c in tree.crosslinks]
    entries += [(u.path, u.target_id) for u in tree.undercuts]
    for path, name in entries:
        if (path[:-1], name) in named:  # two lines with one id in the SVG
            issues.append(
                doc.issue(
                    path, "E201", f"`{name}` is named twice in `{path[-2]}:`", hint="remove one"
                )
            )
        named.add((path[:-1], name))
    for name, view in argmap.views.items():
        if view.root and view.root not in ids and view.root not in reasons:
            issues.append(
                doc.issue(
                    ("views", name, "root"),
                    "E202",
                    f"no claim or reason has the id `{view.root}`",
                    hint=_suggest(view.root, {*ids, *reasons}),
                    about=view.root,
                )
            )
    owners: list[tuple[str | None, DataPath]] = [(n.claim.group, n.path) for n in tree.claims]
    owners += [(link.argument.group, link.path) for link in tree.links if link.argument]
    for group, path in owners:
        if group and group not in groups:
            hint = _suggest(group, groups) if groups else "declare it under `groups:`"
            issues.append(
                doc.issue(
                    (*path, "group"),
                    "E202",
                    f"no group has the id `{group}`",
                    hint=hint,
                    about=group,
                )
            )


def _check_undercut_targets(
    tree: MapTree, doc: LocatedDocument, ids: dict[str, ClaimNode], issues: list[Issue]
) -> None:
    steps = tree.steps()
    for undercut in tree.undercuts:
        name = undercut.target_id
        if name in steps:
            continue
        node = ids.get(name)
        if node is tree.thesis:
            message = f"`{name}` is the thesis, which is no step to undercut"
            hint = "`undercuts:` names a reason or objection; to attack the thesis, use `opposes:`"
        elif node is not None:
            message = f"`{name}` is a co-premise: its step is the argument's, not its own"
            hint = "give the argument an `id:` beside `premises:` and name that"
        else:
            message = f"no reason or objection has the id `{name}`"
            hint = (
                _suggest(name, set(steps))
                if steps
                else "give the claim of the reason or objection you mean an `id:`"
            )
        issues.append(doc.issue(undercut.path, "E202", message, hint=hint, about=name))


def _suggest(name: str, known: dict[str, ClaimNode] | set[str]) -> str:
    return did_you_mean(name, known, "give the target claim this `id:`", cutoff=0.5)


def _check_cycles(
    tree: MapTree, doc: LocatedDocument, ids: dict[str, ClaimNode], issues: list[Issue]
) -> None:
    """A cross-link whose target already leads back to it closes a cycle (Tarjan's SCCs)."""
    edges: dict[str, list[str]] = {node.key: [] for node in tree.claims}
    for link in tree.links:
        if isinstance(link.target, ClaimNode):
            for premise in link.premises:
                edges[premise.key].append(link.target.key)
    cross = [
        (premise.key, ids[c.target_id].key, c.path)
        for c in tree.crosslinks
        if c.target_id in ids
        for premise in c.premises
    ]
    for undercut, step in tree.undercut_targets():
        if undercut.owner is tree.thesis:
            continue  # E209 already
        conclusion = step.target
        while isinstance(conclusion, Link):
            conclusion = conclusion.target
        cross += [(premise.key, conclusion.key, undercut.path) for premise in undercut.premises]
        if any(premise in step.premises for premise in undercut.premises):
            cross.append((step.premises[0].key, step.premises[0].key, undercut.path))
    for start, end, _ in cross:
        edges[start].append(end)
    component = strongly_connected(edges)
    reported: set[DataPath] = set()
    for start, end, path in cross:
        if (start == end or component[start] == component[end]) and path not in reported:
            reported.add(path)
            issues.append(
                doc.issue(
                    path,
                    "E203",
                    "this link closes a cycle: the claim ends up supporting or attacking itself",
                    hint="an argument map is read from evidence up to the "
                    "thesis; remove or redirect this link",
                )
            )


def strongly_connected(edges: dict[str, list[str]]) -> dict[str, int]:
    """Iterative Tarjan: each node's strongly connected component, in linear time."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    component: dict[str, int] = {}
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component


def _check_placement(tree: MapTree, doc: LocatedDocument, issues: list[Issue]) -> None:
    thesis = tree.thesis.claim
    for key in ("undercutters", "supports", "opposes", "undercuts"):
        if getattr(thesis, key):
            issues.append(
                doc.issue(
                    ("thesis", key),
                    "E209",
                    f"the thesis cannot have `{key}`",
                    key=True,
                    hint="the thesis bears on no other claim",
                )
            )
    for node in tree.claims:
        link = node.link
        if link is None:
            continue
        if link.argument is not None and node.claim.undercutters:
            issues.append(
                doc.issue(
                    (*node.path, "undercutters"),
                    "E209",
                    "undercutters of a reason with co-premises belong to the "
                    "reason, not to one premise",
                    key=True,
                    hint="move `undercutters:` up beside `premises:`",
                )
            )
        if node.claim.kind == "example" and (link.role != "reason" or link.argument):
            where = "on the reason, beside `premises:`" if link.argument else "under `reasons:`"
            issues.append(
                doc.issue(
                    (*node.path, "kind"),
                    "E209",
                    "`kind: example` marks a reason; here it has no meaning",
                    key=True,
                    hint=f"put it {where}",
                )
            )
        if link.argument is not None and node.claim.group:
            issues.append(
                doc.issue(
                    (*node.path, "group"),
                    "E209",
                    "a co-premise is drawn inside its reason; set `group:` on the reason",
                    key=True,
                )
            )
        if node.claim.rebuttals and link.relation != "attack":
            issues.append(
                doc.issue(
                    (*node.path, "rebuttals"),
                    "W302",
                    "rebuttals answer objections; this claim is not an objection",
                    key=True,
                    severity="warning",
                    hint="use `objections:` here",
                )
            )


def _check_links(
    argmap: ArgumentMap, tree: MapTree, doc: LocatedDocument, issues: list[Issue]
) -> None:
    urls: list[tuple[str, DataPath]] = []
    if argmap.source and argmap.source.url:
        urls.append((argmap.source.url, ("source", "url")))
    urls += [
        (n.claim.basis.url, (*n.path, "basis", "url"))
        for n in tree.claims
        if n.claim.basis and n.claim.basis.url
    ]
    for url, path in urls:
        if not is_safe_url(url):
            issues.append(
                doc.issue(
                    path,
                    "E207",
                    f"the link {url[:60]!r} is not allowed",
                    hint="use an http(s), mailto or relative link",
                )
            )


def _check_language(argmap: ArgumentMap, doc: LocatedDocument, issues: list[Issue]) -> None:
    from ..words import LANGUAGES, table_for

    if argmap.language and table_for(argmap.language) is None:
        issues.append(
            doc.issue(
                ("language",),
                "W307",
                f"argmap has no words for the language `{argmap.language}`: it draws English "
                "ones (because, but, however, …)",
                severity="warning",
                hint=f"it speaks {', '.join(LANGUAGES)}; give your own under `style: words:` "
                "(docs/languages.md)",
            )
        )
