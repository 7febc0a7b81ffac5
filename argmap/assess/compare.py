"""A student's map against the teacher's key (and one version of a map against the next).

Claims are matched one to one, best first: by the overlap of the source passages their
quotes cover, else by their wording (docs/compare.md). The matched pairs are then read for
the mistakes mapping courses find (a reason drawn as an objection, co-premises split into
separate reasons, …), each a finding located at the student's line, and the findings are
weighed by a rubric into a score out of 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Issue
from ..format import (
    ClaimNode,
    Link,
    Loaded,
    LocatedDocument,
    MapTree,
    SourceText,
    split_quote,
)
from .rubric import CODES, KINDS, Rubric
from .words import Vocabulary


@dataclass(frozen=True)
class Match:
    student: str
    key: str
    why: str  # "thesis", "quote overlap 0.83", "wording 0.71"
    score: float


@dataclass(frozen=True)
class Finding:
    kind: str
    student: str | None  # the student's claim, as the tree names it
    key: str | None  # the key's claim
    issue: Issue  # located at the student's line

    def to_dict(self) -> dict[str, object]:
        issue = self.issue
        return {
            "code": issue.code,
            "kind": self.kind,
            "student": self.student,
            "key": self.key,
            "file": issue.file,
            "line": issue.line,
            "col": issue.col,
            "message": issue.message,
            "hint": issue.hint,
        }


@dataclass
class Comparison:
    score: float
    matches: list[Match]
    findings: list[Finding]
    # The key claims the student lacks, each with the student's claim it belongs under.
    ghosts: list[tuple[ClaimNode, str | None]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counted = dict.fromkeys(KINDS, 0)
        for finding in self.findings:
            counted[finding.kind] += 1
        return counted

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "matches": [{"student": m.student, "key": m.key, "why": m.why} for m in self.matches],
            "findings": [finding.to_dict() for finding in self.findings],
        }


class _Side:
    """One map made ready to compare: its claims' passages and significant words."""

    def __init__(self, checked: Loaded, vocabulary: Vocabulary):
        self.tree: MapTree = checked.tree
        self.doc: LocatedDocument = checked.doc
        self.source = checked.source
        self.claims = self.tree.claims
        self.index = {node.key: number for number, node in enumerate(self.claims)}
        self.words = {
            node.key: frozenset(vocabulary.significant(node.claim.text)) for node in self.claims
        }
        self.spans = {node.key: _spans(node, self.source) for node in self.claims}
        self.plain = {
            node.key: " ".join(node.claim.text.casefold().split()) for node in self.claims
        }


def _spans(node: ClaimNode, source: SourceText | None) -> list[tuple[int, int]]:
    """Where the claim's quote lies in the normalised source, part by part."""
    if not node.claim.quote or source is None:
        return []
    found, position = [], 0
    for part in split_quote(node.claim.quote):
        start = source.normal.find(part, position)
        if start < 0:
            return []
        found.append((start, start + len(part)))
        position = start + len(part)
    return found


def _overlap(one: list[tuple[int, int]], other: list[tuple[int, int]]) -> float:
    """Characters in common, as a share of the shorter passage."""
    common = sum(
        max(0, min(end, last) - max(start, first)) for start, end in one for first, last in other
    )
    shorter = min(sum(e - s for s, e in one), sum(e - s for s, e in other))
    return common / shorter if shorter else 0.0


def _dice(one: frozenset[str], other: frozenset[str]) -> float:
    if not one and not other:
        return 0.0
    return 2 * len(one & other) / (len(one) + len(other))


def match_claims(student: _Side, key: _Side, rubric: Rubric) -> list[Match]:
    """One to one, best first; the theses always match each other."""
    same_text = (
        student.source is not None
        and key.source is not None
        and student.source.normal == key.source.normal
    )
    thesis_words = _dice(student.words[student.tree.thesis.key], key.words[key.tree.thesis.key])
    matches = [Match(student.tree.thesis.key, key.tree.thesis.key, "thesis", 2.0 + thesis_words)]
    # Only pairs that share a word, or a text of stop words only ("It is not."), or that
    # both quote the text can reach a threshold.
    theirs_all = key.claims
    by_word: dict[str, list[int]] = {}
    by_text: dict[str, list[int]] = {}
    for number, theirs in enumerate(theirs_all[1:], start=1):
        for word in key.words[theirs.key]:
            by_word.setdefault(word, []).append(number)
        by_text.setdefault(key.plain[theirs.key], []).append(number)
    quoted_key = [n for n, t in enumerate(theirs_all) if n and same_text and key.spans[t.key]]
    candidates = []
    for mine in student.claims[1:]:
        words, plain, spans = (
            student.words[mine.key],
            student.plain[mine.key],
            student.spans[mine.key],
        )
        near: set[int] = set(by_text.get(plain, ()))
        near.update(*(by_word.get(word, ()) for word in words))
        if spans:
            near.update(quoted_key)
        for number in sorted(near):
            theirs = theirs_all[number]
            wording = 1.0 if plain == key.plain[theirs.key] else _dice(words, key.words[theirs.key])
            their_spans = key.spans[theirs.key]
            overlap = _overlap(spans, their_spans) if same_text and spans and their_spans else 0.0
            if overlap >= rubric.quote_overlap:
                score, why = 1.0 + overlap + wording / 100, f"quote overlap {overlap:.2f}"
            elif wording >= rubric.wording:
                score, why = wording, f"wording {wording:.2f}"
            else:
                continue
            candidates.append((-score, number, student.index[mine.key], mine.key, theirs.key, why))
    candidates.sort()
    taken_student, taken_key = set(), set()
    for negative, _, _, mine_key, their_key, why in candidates:
        if mine_key in taken_student or their_key in taken_key:
            continue
        taken_student.add(mine_key)
        taken_key.add(their_key)
        matches.append(Match(mine_key, their_key, why, -negative))
    matches.sort(key=lambda m: key.index[m.key])
    return matches


ROLE_WORDS = {
    "reason": "a reason",
    "objection": "an objection",
    "rebuttal": "an objection",
    "undercut": "an undercutter",
}


def short(text: str, words: int = 9) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _named(node: ClaimNode) -> str:
    return (
        "the thesis" if node.role == "thesis" else f"“{short(node.claim.label or node.claim.text)}”"
    )


def _listed(nodes: list[ClaimNode]) -> str:
    names = [_named(node) for node in nodes]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def target_name(link: Link) -> str:
    target = link.target
    if isinstance(target, ClaimNode):
        return _named(target)
    return f"the step from {_named(target.premises[0])} to {_named(_claim_of(target))}"


def _claim_of(link: Link) -> ClaimNode:
    """The claim a link finally bears on (an undercutter's reason's claim)."""
    target = link.target
    while isinstance(target, Link):
        target = target.target
    return target


def _relation_word(link: Link) -> str:
    return "a reason" if link.relation == "support" else "an objection"


class _Comparer:
    def __init__(self, student: _Side, key: _Side, rubric: Rubric):
        self.student, self.key, self.rubric = student, key, rubric
        self.matches = match_claims(student, key, rubric)
        self.to_student = {m.key: m.student for m in self.matches}
        self.to_key = {m.student: m.key for m in self.matches}
        self.student_nodes = {node.key: node for node in student.claims}
        self.key_nodes = {node.key: node for node in key.claims}
        self.findings: list[Finding] = []
        self.costs: dict[str, float] = {}  # per key claim
        self.extra_cost = 0.0
        self.ghosts: list[tuple[ClaimNode, str | None]] = []
        self.sided: set[tuple[str, str]] = set()  # (student link, key link) said once

    def finding(
        self,
        kind: str,
        at: ClaimNode | None,
        key_node: ClaimNode | None,
        message: str,
        hint: str,
    ) -> None:
        where = at or self.student.tree.thesis
        severity = "note" if kind == "extra" else "warning"
        issue = self.student.doc.issue(
            (*where.path, "text"),
            CODES[kind],
            message,
            severity=severity,
            hint=hint,
        )
        absent = kind in ("missing", "implicit")  # located at the claim it belongs under
        student_id = at.key if at is not None and not absent else None
        self.findings.append(Finding(kind, student_id, key_node.key if key_node else None, issue))
        cost = self.rubric.weight(kind)
        if key_node is not None:
            self.costs[key_node.key] = self.costs.get(key_node.key, 0.0) + cost
        else:
            self.extra_cost += cost

    def run(self) -> Comparison:
        for theirs in self.key.claims[1:]:
            mine_key = self.to_student.get(theirs.key)
            if mine_key is None:
                self.absent(theirs)
            else:
                self.compare_pair(self.student_nodes[mine_key], theirs)
        self.groups()
        for mine in self.student.claims[1:]:
            if mine.key not in self.to_key:
                self.finding(
                    "extra",
                    mine,
                    None,
                    f"{_named(mine)} is not in the key",
                    "it may be a fair addition; check that the text says it",
                )
        self.findings.sort(key=lambda f: (f.issue.line, f.issue.col, KINDS.index(f.kind)))
        return Comparison(self.score(), self.matches, self.findings, self.ghosts)

    def score(self) -> float:
        worth = len(self.key.claims) - 1
        if worth == 0:
            return 100.0 if not self.findings else 0.0
        lost = sum(min(1.0, cost) for cost in self.costs.values()) + self.extra_cost
        return round(max(0.0, 100.0 * (1 - lost / worth)), 1)

    def placed_under(self, theirs: ClaimNode) -> ClaimNode | None:
        """The student's claim a key claim the student lacks belongs under."""
        assert theirs.link is not None
        parent = (
            _claim_of(theirs.link) if isinstance(theirs.link.target, Link) else theirs.link.target
        )
        found = self.to_student.get(parent.key)
        return self.student_nodes[found] if found else None

    def absent(self, theirs: ClaimNode) -> None:
        assert theirs.link is not None
        under = self.placed_under(theirs)
        self.ghosts.append((theirs, under.key if under else None))
        where = target_name(theirs.link)
        text = short(theirs.claim.label or theirs.claim.text, 14)
        if theirs.claim.implicit:
            self.finding(
                "implicit",
                under,
                theirs,
                f"the key supplies an unstated premise under {where}: {text}",
                "ask what must also be true for the reason to support its claim, and add it "
                "with `implicit: true`",
            )
            return
        role = ROLE_WORDS[theirs.link.role]
        self.finding(
            "missing",
            under,
            theirs,
            f"the key has {role} under {where}: {text}",
            "reread the passage and add it where it belongs",
        )

    def compare_pair(self, mine: ClaimNode, theirs: ClaimNode) -> None:
        assert mine.link is not None and theirs.link is not None
        mine_link, their_link = mine.link, theirs.link
        flipped = (mine_link.key, their_link.key)
        if mine_link.relation != their_link.relation and flipped not in self.sided:
            self.sided.add(flipped)  # a reason's co-premises flipped together: one finding
            self.finding(
                "side",
                mine,
                theirs,
                f"{_named(mine)} is drawn as {_relation_word(mine_link)}; in the key it is "
                f"{_relation_word(their_link)} of {target_name(their_link)}",
                "ask whether it makes the claim it bears on more or less believable",
            )
        undercut_mine, undercut_theirs = mine_link.role == "undercut", their_link.role == "undercut"
        if (
            mine_link.relation == their_link.relation == "attack"
            and undercut_mine != undercut_theirs
        ):
            drawn, meant = (
                ("an undercutter (against the step)", "an objection to the claim itself")
                if undercut_mine
                else ("an objection to the claim itself", "an undercutter (against the step)")
            )
            self.finding(
                "attack-kind",
                mine,
                theirs,
                f"{_named(mine)} is drawn as {drawn}; in the key it is {meant}",
                "does it deny the claim, or deny that the reason supports the claim?",
            )
        elif not self.same_target(mine_link, their_link):
            self.finding(
                "parent",
                mine,
                theirs,
                f"{_named(mine)} bears on {target_name(mine_link)}; in the key it bears on "
                f"{target_name(their_link)}",
                "move it under the claim it is about",
            )
        if self.student.spans[mine.key] and self.key.spans[theirs.key]:
            same = (
                self.student.source is not None
                and self.key.source is not None
                and self.student.source.normal == self.key.source.normal
            )
            overlap = _overlap(self.student.spans[mine.key], self.key.spans[theirs.key])
            if same and overlap < self.rubric.quote_overlap:
                self.finding(
                    "quote",
                    mine,
                    theirs,
                    f"{_named(mine)} quotes another passage than the key: "
                    f"“{short(theirs.claim.quote or '', 14)}”",
                    "quote the sentence of the text that says this claim",
                )

    def same_target(self, mine: Link, theirs: Link) -> bool:
        """Whether the student's link bears where the key's does (matched claims; for an
        undercutter, a step with a matched premise). Unknown when the key's target is
        itself missing: then the missing finding says it."""
        target, their_target = mine.target, theirs.target
        if isinstance(their_target, ClaimNode):
            matched = self.to_student.get(their_target.key)
            if matched is None:
                return True
            return isinstance(target, ClaimNode) and target.key == matched
        if not isinstance(target, Link):
            return False
        wanted = {self.to_student.get(p.key) for p in their_target.premises} - {None}
        if not wanted:
            return True
        return bool(wanted & {p.key for p in target.premises})

    def groups(self) -> None:
        """Co-premises the student split apart, and separate reasons merged into one."""
        for their_link in self.key.tree.links:
            mine = [self.to_student.get(p.key) for p in their_link.premises]
            present = [self.student_nodes[k] for k in mine if k is not None]
            if len(present) < 2:
                continue
            links = {id(node.link): node.link for node in present if node.link is not None}
            if len(links) > 1 and len({_target_key(link) for link in links.values()}) == 1:
                first = present[0]
                self.finding(
                    "split",
                    first,
                    their_link.premises[0],
                    f"{_listed(present)} are drawn as separate "
                    "reasons; in the key they are co-premises of one reason",
                    "put them in one reason's `premises:`: only together do they support the claim",
                )
        for my_link in self.student.tree.links:
            theirs = [self.to_key.get(p.key) for p in my_link.premises]
            present = [self.key_nodes[k] for k in theirs if k is not None]
            if len(present) < 2:
                continue
            links = {id(node.link): node.link for node in present if node.link is not None}
            if len(links) > 1 and len({_target_key(link) for link in links.values()}) == 1:
                first = my_link.premises[0]
                self.finding(
                    "merge",
                    first,
                    present[0],
                    f"{_listed(my_link.premises)} are drawn as "
                    "co-premises of one reason; in the key they are separate reasons",
                    "give each its own reason: each supports the claim without the other",
                )


def _target_key(link: Link) -> str:
    return link.target.key


def compare(student: Loaded, key: Loaded, rubric: Rubric | None = None) -> Comparison:
    """Every difference of the student's map from the key, and its score."""
    rubric = rubric or Rubric()
    synonyms = {**student.model.synonyms, **key.model.synonyms}
    vocabulary = Vocabulary(key.model.language or "en", synonyms)
    return _Comparer(_Side(student, vocabulary), _Side(key, vocabulary), rubric).run()
