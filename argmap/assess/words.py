"""Significant words: lower-cased, stop words out, lightly stemmed, synonyms made one.

Stemming is deliberately light (-s, -es, -ies, -ed, -ing, a final -e, doubled final
consonants, and a table of irregular forms): the rules it serves compare the words of a
claim with the words of its premises, so what matters is that two forms of one word
meet, not that the stem is a dictionary word. English only; `stop_words` says which
languages have a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_APOSTROPHE = "\u2019"
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['\u2019-](?=[^\W_]))*|\d+(?:[.,]\d+)*%?")

_ENGLISH_WORDS = """
    a about above after again against all also although am an and any are as at be
    because been before being below between both but by can cannot could did do does
    doing done down during each either else even ever every few for from further had has
    have having he her here hers herself him himself his how however i if in into is it
    its itself just least less let like may me might more most much must my myself
    neither no nor not now of off on once one only or other others our ours ourselves out
    over own per rather same shall she should since so some such than that the their
    theirs them themselves then there therefore these they this those though through
    thus to too under until up upon us very was we were what whatever when where whether
    which while who whom whose why will with within without would yet you your yours
    yourself yourselves many any anyone anything everyone everything someone something
    well still already always never often
"""
_ENGLISH_STOP = frozenset(_ENGLISH_WORDS.split())
STOP_WORDS: dict[str, frozenset[str]] = {"en": _ENGLISH_STOP}

# Irregular forms and their base, tested in tests/test_lint.py.
IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "crises": "crisis",
    "analyses": "analysis",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "fell": "fall",
    "fallen": "fall",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "made": "make",
    "said": "say",
    "knew": "know",
    "known": "know",
    "thought": "think",
    "brought": "bring",
    "bought": "buy",
    "sold": "sell",
    "paid": "pay",
    "left": "leave",
    "lost": "lose",
    "won": "win",
    "ran": "run",
    "began": "begin",
    "begun": "begin",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "spent": "spend",
    "kept": "keep",
    "met": "meet",
    "held": "hold",
    "led": "lead",
    "meant": "mean",
    "built": "build",
    "sent": "send",
    "felt": "feel",
    "found": "find",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "saw": "see",
    "seen": "see",
    "came": "come",
    "became": "become",
    "got": "get",
    "gotten": "get",
    "stood": "stand",
    "understood": "understand",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
}


def stem(word: str) -> str:
    """The light stem of one lower-case word."""
    word = IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "xes", "zes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ied"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 2 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The words of a text as written, lower-cased (possessive 's dropped)."""
    found = []
    for match in _WORD.findall(text):
        word = match.lower().replace(_APOSTROPHE, "'")
        if word.endswith("'s"):
            word = word[:-2]
        found.append(word)
    return found


class Vocabulary:
    """Significant words of one map: its language's stop words, its own synonyms."""

    def __init__(self, language: str = "en", synonyms: Mapping[str, Iterable[str]] = {}):
        self.stop = STOP_WORDS.get(language.split("-")[0].lower(), _ENGLISH_STOP)
        # Every synonym, and the word itself, stands for the first word's stem.
        self.same: dict[str, str] = {}
        for head, others in synonyms.items():
            for word in [head, *others]:
                for part in words(word):
                    self.same[stem(part)] = stem(words(head)[0]) if words(head) else part

    def significant(self, text: str) -> dict[str, str]:
        """Stem (synonyms made one) -> the word as first written."""
        found: dict[str, str] = {}
        for word in words(text):
            if word in self.stop or (word.isdigit() and len(word) < 2):
                continue
            key = stem(word)
            key = self.same.get(key, key)
            found.setdefault(key, word)
        return found
