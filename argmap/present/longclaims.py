"""Claims too long for any box at 18 pt: shown in the deck's pictures by their label or
first words, and in full on text slides of their own (IAC forum posts run to thousands
of characters)."""

from __future__ import annotations

import re
from typing import Any

from ..format import ArgumentMap, Claim, ClaimNode, MapTree

# A claim up to this long reaches 18 pt in one box on a 16:9 or 4:3 slide (measured: 950
# characters of ordinary words do at the widest wrap fit tries); a longer one is split.
LONG_CLAIM = 900
FIRST_WORDS = 10
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def long_claims(tree: MapTree) -> list[ClaimNode]:
    return [node for node in tree.claims if len(" ".join(node.claim.text.split())) > LONG_CLAIM]


def shown_as(claim: Claim) -> str:
    """What a picture shows of a long claim: its label, or its first words."""
    if claim.label:
        return claim.label
    words = claim.text.split()
    return " ".join(words[:FIRST_WORDS]) + " …"


def shortened(model: ArgumentMap, long: list[ClaimNode]) -> ArgumentMap:
    """The map with each long claim's text replaced by what the pictures show of it."""
    data = model.model_dump(mode="python", by_alias=True)
    for node in long:
        place: Any = data
        for part in node.path:
            place = place[part]
        place["text"] = shown_as(node.claim)
        if node.claim.label:  # the label is the text now: not twice
            place["label"] = None
    return ArgumentMap.model_validate(data)


def pieces(text: str, most: int = LONG_CLAIM) -> list[str]:
    """The text in pieces of at most `most` characters, at sentences where it can be,
    else at words: each piece one text slide."""
    flat = " ".join(text.split())
    units: list[str] = []
    for sentence in _SENTENCE_END.split(flat):
        while len(sentence) > most:
            cut = sentence[: most + 1].rsplit(" ", 1)[0] or sentence[:most]
            units.append(cut)
            sentence = sentence[len(cut) :].strip()
        if sentence:
            units.append(sentence)
    out: list[str] = []
    for unit in units:
        if out and len(out[-1]) + 1 + len(unit) <= most:
            out[-1] += " " + unit
        else:
            out.append(unit)
    return out


def text_model(model: ArgumentMap, text: str) -> ArgumentMap:
    """A map of one box holding a piece of a long claim, drawn like every other slide."""
    return ArgumentMap.model_validate(
        {"title": model.title, "style": model.style, "thesis": {"text": text}}
    )
