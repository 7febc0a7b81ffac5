"""Teaching rules of argument mapping, checked claim by claim: located notes with a hint.

The rules come from the courses that grade maps by hand (van Gelder's Rationale
tutorials; Davies on computer-aided argument mapping); docs/lint.md gives each rule's
source, a good and a bad example. Each rule is one small function from part of the map
to findings; `lint` runs those selected, minus those the map or the caller ignores.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import Issue
from ..format import ArgumentMap, ClaimNode, DataPath, Link, LocatedDocument, MapTree
from .words import STOP_WORDS, Vocabulary, vocabulary_for

RULES: dict[str, str] = {
    "L001": "the map's language has no word list: the word rules are not checked",
    "L101": "Rabbit rule: a word of the claim appears in no premise of its reason",
    "L102": "Holding Hands rule: a word of a premise appears neither in the claim nor in "
    "another premise",
    "L103": "Golden rule: a reason of one premise probably hides a co-premise",
    "L201": "a claim joins two thoughts with because, therefore, but or so",
    "L202": "a claim is a question",
    "L203": "a claim is not a full sentence",
    "L204": "a claim holds more than one sentence",
    "L205": "a claim repeats the claim it bears on word for word",
}


@dataclass(frozen=True)
class Finding:
    path: DataPath
    message: str
    hint: str = ""
    key: bool = False


def lint(
    model: ArgumentMap,
    tree: MapTree,
    doc: LocatedDocument,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> list[Issue]:
    """Notes for the rules selected (all by default; a code or its prefix, e.g. `L1`)."""
    skipped = (*ignore, *(model.lint.ignore if model.lint else ()))
    language = (model.language or "en").split("-")[0].lower()
    vocabulary = vocabulary_for(language, model.synonyms)
    chosen = {
        code: check
        for code, check in _CHECKS.items()
        if (not select or code.startswith(select)) and not code.startswith(skipped)
    }
    notes: list[Issue] = []
    if language not in STOP_WORDS:
        word_rules = {"L101", "L102", "L103"}
        chosen = {code: check for code, check in chosen.items() if code not in word_rules}
        if "L001" not in skipped:
            notes.append(
                doc.issue(
                    ("language",),
                    "L001",
                    f"the map's language is {model.language!r}: lint knows the words of "
                    f"{', '.join(STOP_WORDS)} only, so the Rabbit, Holding Hands and Golden "
                    "rules are not checked",
                    severity="note",
                )
            )
    for code, check in chosen.items():
        for finding in check(tree, vocabulary):
            notes.append(
                doc.issue(
                    finding.path,
                    code,
                    finding.message,
                    key=finding.key,
                    severity="note",
                    hint=finding.hint,
                )
            )
    return sorted(notes, key=lambda i: (i.line, i.col, i.code))


Check = Callable[[MapTree, Vocabulary], Iterator[Finding]]


def _reasons(tree: MapTree) -> Iterator[tuple[Link, ClaimNode]]:
    """Reasons (not examples) with the claim they support."""
    for link in tree.links:
        if link.role == "reason" and link.kind == "reason" and isinstance(link.target, ClaimNode):
            yield link, link.target


def _listed(words: list[str]) -> str:
    quoted = [f"“{word}”" for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def rabbit(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Every significant word of a claim must appear in one of its reason's premises."""
    for link, claim in _reasons(tree):
        wanted = vocabulary.significant(claim.claim.text)
        given: set[str] = set()
        for premise in link.premises:
            given |= set(vocabulary.significant(premise.claim.text))
        missing = [word for key, word in wanted.items() if key not in given]
        if missing:
            yield Finding(
                link.path,
                f"{_listed(missing)} of the claim above appear{'s' * (len(missing) == 1)} "
                "in no premise of this reason",
                "a reason must say everything its claim says: add a co-premise that "
                "brings the word in, or name a synonym under `synonyms:`",
            )


def holding_hands(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Every significant word of a premise not in the claim must be in another premise."""
    for link, claim in _reasons(tree):
        in_claim = set(vocabulary.significant(claim.claim.text))
        for premise in link.premises:
            others: set[str] = set(in_claim)
            for other in link.premises:
                if other is not premise:
                    others |= set(vocabulary.significant(other.claim.text))
            lonely = [
                w
                for key, w in vocabulary.significant(premise.claim.text).items()
                if key not in others
            ]
            if lonely:
                yield Finding(
                    (*premise.path, "text"),
                    f"{_listed(lonely)} appear{'s' * (len(lonely) == 1)} neither in the claim "
                    "nor in another premise of this reason",
                    "each new word of a premise needs a partner premise that links it to "
                    "the claim; often an unstated one (`implicit: true`)",
                )


def golden(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    """A reason of one premise probably leaves a co-premise unstated."""
    for link, claim in _reasons(tree):
        if len(link.premises) == 1:
            premise = link.premises[0].claim.text.strip().rstrip(".")
            conclusion = claim.claim.text.strip().rstrip(".")
            hint = "make it explicit as a co-premise with `implicit: true`"
            if vocabulary.language == "en":  # the suggested sentence is English
                suggestion = _conditional(premise, conclusion) if premise and conclusion else "..."
                hint += f", e.g. “{suggestion}”"
            yield Finding(
                link.path,
                "this reason has one premise: another one, unstated, usually links it to the claim",
                hint,
            )


# Words that open a clause of their own: "If when marks …, then" is no sentence.
_CONJUNCTIONS = frozenset(
    [
        "if",
        "when",
        "whenever",
        "because",
        "since",
        "although",
        "though",
        "unless",
        "once",
        "while",
        "as",
        "after",
        "before",
        "until",
        "whether",
    ]
)
# Sentence openers that are lower case inside a sentence; any other word (a name:
# "Putin", "Kim") keeps its capital.
_LOWER_INSIDE = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "we",
        "our",
        "they",
        "their",
        "there",
        "he",
        "she",
        "his",
        "her",
        "you",
        "your",
        "my",
        "every",
        "each",
        "all",
        "some",
        "many",
        "most",
        "no",
        "any",
        "one",
    ]
)


def _conditional(premise: str, conclusion: str) -> str:
    """The unstated premise a one-premise reason suggests, as one grammatical sentence."""
    words = {word.strip('.,;:!?"()') for word in f"{premise} {conclusion}".split()}
    first = premise.split(maxsplit=1)[0].strip(",;:").casefold()
    inner = _inside(premise, words)
    if first in _CONJUNCTIONS:
        return f"If it is true that {inner}, then {_inside(conclusion, words)}."
    return f"If {inner}, then {_inside(conclusion, words)}."


def _inside(sentence: str, words: set[str]) -> str:
    """The sentence as it reads inside another: its first word in lower case unless it is
    a name (a word written with its capital only, such as "Putin")."""
    first = sentence.split(maxsplit=1)[0].strip(",;:")
    lower = first.casefold()
    if lower in _LOWER_INSIDE or lower in _CONJUNCTIONS or lower in words:
        return sentence[0].lower() + sentence[1:]
    return sentence


def _claims(tree: MapTree) -> Iterator[ClaimNode]:
    return iter(tree.claims)


_JOINED = re.compile(r"(?i)(?:\S\s+(because|therefore)\b|,\s*(but|so)\b|\S\s+(but)\s+\S)")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[a-z])(?<!\be\.g)(?<!\bi\.e)[.!?]\s+[A-Z]")


def joined_thoughts(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    for node in _claims(tree):
        match = _JOINED.search(node.claim.text)
        if match:
            word = next(group for group in match.groups() if group).lower()
            yield Finding(
                (*node.path, "text"),
                f"“{word}” joins two thoughts in one claim",
                "split it: each thought its own claim, linked as a reason or objection",
            )


def question(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    for node in _claims(tree):
        if node.claim.text.rstrip().endswith(_QUESTION_MARKS):
            yield Finding(
                (*node.path, "text"),
                "the claim is a question",
                "state what you hold to be true as a sentence",
            )


# How sentences end: Latin and Cyrillic, Devanagari's danda, Chinese and Japanese, Urdu,
# Armenian, Ethiopic, Burmese; and how questions do.
_FULL_STOPS = (
    ".",
    "!",
    "\u201d",
    '"',
    ")",
    "\u0964",
    "\u0965",
    "\u3002",
    "\uff01",
    "\uff0e",
    "\u06d4",
    "\u0589",
    "\u1362",
    "\u104b",
    "\u300d",
    "\u300f",
)
_QUESTION_MARKS = ("?", "\uff1f", "\u061f")


def _too_short(text: str) -> bool:
    """Fewer than three words; in scripts that write no spaces, fewer than four characters."""
    if not text.isascii() and any(unicodedata.east_asian_width(c) in "WF" for c in text):
        return len([char for char in text if not char.isspace()]) < 5
    return len(text.split()) < 3


def not_a_sentence(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    for node in _claims(tree):
        text = node.claim.text.strip()
        if text.endswith(_QUESTION_MARKS):
            continue  # a question has its own rule
        if _too_short(text) or not text.endswith(_FULL_STOPS):
            yield Finding(
                (*node.path, "text"),
                "the claim is not a full sentence",
                "write it as a sentence that can be true or false, ending with a full stop",
            )


def several_sentences(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    for node in _claims(tree):
        if _SENTENCE_END.search(node.claim.text.strip()):
            yield Finding(
                (*node.path, "text"),
                "the claim holds more than one sentence",
                "one claim, one sentence: split it into claims that support each other",
            )


def repeats_parent(tree: MapTree, vocabulary: Vocabulary) -> Iterator[Finding]:
    for node in _claims(tree):
        target = node.link.target if node.link else None
        if isinstance(target, ClaimNode) and _same(target.claim.text, node.claim.text):
            yield Finding(
                (*node.path, "text"),
                "the claim repeats the claim it bears on word for word",
                "a reason must say something else that makes the claim more likely",
            )


def _same(first: str, second: str) -> bool:
    def simple(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())

    return simple(first) == simple(second)


_CHECKS: dict[str, Check] = {
    "L101": rabbit,
    "L102": holding_hands,
    "L103": golden,
    "L201": joined_thoughts,
    "L202": question,
    "L203": not_a_sentence,
    "L204": several_sentences,
    "L205": repeats_parent,
}
