"""Maps in the class's language: the words argmap draws come from one table per language."""

from __future__ import annotations

import re

import pytest

import argmap
from argmap.format.tree import build_tree
from argmap.present.slides import DeckOptions, make_deck, notes_for
from argmap.words import LANGUAGES, WORD_NAMES, Words, table_for

from .conftest import ROOT

_MAP = """title: t
language: {language}
thesis:
  text: {thesis}
  reasons:
    - id: r
      text: {reason}
      basis: {{kind: statistic, citation: "2017"}}
      kind: example
    - text: {reason} 2
      objections:
        - text: {objection}
          rebuttals:
            - text: {reason} 3
          undercutters: []
  objections:
    - text: {objection} 2
      supports: [r]
"""

# Words argmap itself drew into every map before: none may appear in another language's.
_ENGLISH = ["because", "for example", "however", "also supports", "Statistic"]


def _map(language: str) -> str:
    return _MAP.format(
        language=language, thesis="Thesis text", reason="Reason text", objection="Objection"
    )


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_a_map_in_each_language_draws_that_languages_words(language):
    words = Words(language)
    svg = argmap.render(_map(language), slide="none").decode()
    drawn = " ".join(re.findall(r">([^<>]+)</text>", svg))
    for english in _ENGLISH:
        # As a word: Italian's "Statistica" holds the English word.
        assert not re.search(rf"\b{english}\b", drawn), (language, english)
    for name in ("for_example", "but", "however", "also_supports", "statistic"):
        assert words[name] in drawn, (language, name)
    outline = argmap.load(_map(language))
    from argmap.format.outline import to_text

    text = to_text(outline)
    assert words["thesis"] in text and words["against"] in text and "[against]" not in text


def test_tags_fall_back_and_unknown_languages_warn():
    assert table_for("de-CH") == "de" and table_for("zh-TW") == "zh-Hant"
    assert table_for("zh") == "zh-Hans" and table_for("pt-BR") == "pt" and table_for(None) == "en"
    issues = argmap.check(_map("tlh"))
    assert [i.code for i in issues] == ["W307"] and issues[0].line == 2
    assert "because" in argmap.render(_map("tlh"), "dot").decode()


def test_a_teachers_own_words_replace_any_word():
    text = _map("de").replace("thesis:", "style:\n  words: {because: denn, but: doch}\nthesis:")
    dot = argmap.render(text.replace("kind: example", ""), "dot").decode()
    assert ">denn<" in dot and ">doch<" in dot and ">weil<" not in dot
    bad = argmap.check(text.replace("because:", "becuase:"))
    assert [i.code for i in bad] == ["E103"] and "did you mean `because`" in bad[0].message
    assert bad[0].line == 4  # the line of `words:`, where the unknown name stands


def test_every_language_has_every_word():
    for language in LANGUAGES:
        words = Words(language)
        for name in WORD_NAMES:
            assert words[name].strip(), (language, name)
        assert "{n}" in Words(language)._words["more_many"]
        assert "{where}" in Words(language)._words["see"]


def test_a_german_deck_speaks_german():
    model = argmap.load(_map("de"))
    deck = make_deck(model, build_tree(model), DeckOptions())
    titles = [slide.title for slide in deck.slides]
    assert all("Overview" not in title for title in titles)
    assert any("Überblick" in title or "Weil" in title or "Zum" in title for title in titles)
    assert "also supports" not in " ".join(notes_for(s) for s in deck.slides)


def test_languages_doc_lists_every_word_of_every_language():
    """docs/languages.md shows the tables as argmap/words.py holds them."""
    doc = (ROOT / "docs" / "languages.md").read_text()
    rows = {line.split(" | ")[0] for line in doc.splitlines() if line.startswith("| `")}
    for name in WORD_NAMES:
        assert f"| `{name}`" in rows
    for language in LANGUAGES:
        assert f"`{language}`" in doc
        for name in WORD_NAMES:
            assert Words(language)[name].replace("|", "\\|") in doc, (language, name)


@pytest.mark.parametrize("language", ["ar", "he"])
def test_in_right_to_left_maps_the_word_stands_at_the_right(language):
    thesis = "يجب على المدرسة منع الهواتف." if language == "ar" else "על בית הספר לאסור טלפונים."
    reason = (
        "الهواتف تشتت انتباه الطلاب." if language == "ar" else "טלפונים מסיחים את דעת התלמידים."
    )
    text = f"title: t\nlanguage: {language}\nthesis:\n  text: {thesis}\n  reasons:\n"
    text += f"    - text: {reason}\n"
    svg = argmap.render(text, slide="none").decode()
    box = re.search(r'<g id="[^"]+" class="node claim premise[^"]*">(.*?)</g>', svg, re.S)
    assert box
    pieces = re.findall(
        r'<text[^>]* text-anchor="(\w+)" x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)<', box.group(1)
    )
    word = Words(language)["because"]
    first_y = pieces[0][2]
    line = [(anchor, float(x), content) for anchor, x, y, content in pieces if y == first_y]
    word_x = next(x for anchor, x, content in line if content.strip() == word)
    others = [x for anchor, x, content in line if content.strip() != word]
    assert others and all(word_x > x for x in others), line
