"""Claims too long for any box at 18 pt: shown in the deck's pictures by their label or
first words, and in full on text slides of their own (IAC forum posts run to thousands
of characters)."""

from __future__ import annotations

import re
from typing import Any

from ..draw import DrawOptions, Engine, ViewSpec
from ..draw.fit import fit
from ..format import ArgumentMap, Claim, ClaimNode, MapTree, build_tree
from ..words import Words
from .deckplan import PlannedSlide
from .slideshape import MAX_SCALE, DeckOptions, content_box, slide_title

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


def with_text_slides(
    planned: list[PlannedSlide],
    long: list[ClaimNode],
    model: ArgumentMap,
    options: DeckOptions,
    engine: Engine,
    words: Words,
) -> list[PlannedSlide]:
    """Each long claim's text slides, after the first slide that shows the claim: each a
    small map of one box holding a piece of the claim's text, fitted as a slide is."""
    slides = list(planned)
    for node in long:
        texts = pieces(node.claim.text)
        made = []
        for number, text in enumerate(texts, start=1):
            piece = text_model(model, text)
            drawing, size = fit(
                piece,
                build_tree(piece),
                DrawOptions(theme=options.theme),
                engine,
                content_box(options.aspect),
                options.picture.timeout,
                target_pt=options.min_pt,
                max_scale=MAX_SCALE,
            )
            count = words.part(number, len(texts)) if len(texts) > 1 else ""
            made.append(
                PlannedSlide(
                    slide_title(shown_as(node.claim), count),
                    ViewSpec(),
                    drawing.width,
                    size,
                    room=drawing.room,
                    compact=drawing.compact,
                    claims=(node,),
                    text_map=piece,
                )
            )
        first = next(
            (n for n, slide in enumerate(slides) if any(c.key == node.key for c in slide.claims)),
            len(slides) - 1,
        )
        after = first + 1
        while after < len(slides) and slides[after].text_map:  # another claim's text slides
            after += 1
        slides[after:after] = made
    return slides
