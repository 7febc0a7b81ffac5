"""Maps in the class's language: the words argmap draws come from one table per language."""

from __future__ import annotations

import io
import os
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
    assert "also supports" not in " ".join(notes_for(s, deck.words) for s in deck.slides)


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


def _choose_rasteriser(rasteriser: str, monkeypatch) -> None:
    """rsvg-convert where installed, or resvg, which a plain pip install has."""
    import shutil

    from argmap.draw import render

    if rasteriser == "resvg":
        real = shutil.which
        monkeypatch.setattr(
            render.shutil, "which", lambda name: None if name == "rsvg-convert" else real(name)
        )
    elif shutil.which("rsvg-convert") is None:
        pytest.skip("no rsvg-convert here")


def _rtl_map(language: str) -> str:
    thesis = "يجب على المدرسة منع الهواتف." if language == "ar" else "על בית הספר לאסור טלפונים."
    reason = (
        "الهواتف تشتت انتباه الطلاب." if language == "ar" else "טלפונים מסיחים את דעת התלמידים."
    )
    return (
        f"title: t\nlanguage: {language}\n"
        'style: {colors: {connector_text: "#ff00ff"}}\n'  # the word alone in this colour
        f"thesis:\n  text: {thesis}\n  reasons:\n    - text: {reason}\n"
    )


def _word_right_of_text(png: bytes) -> None:
    """In the drawn picture the magenta word's pixels lie right of the text on its line."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGBA")
    width, height = image.size
    pixels = image.load()
    word = [
        (x, y)
        for y in range(height)
        for x in range(width)
        if (p := pixels[x, y])[0] > 170 and p[2] > 170 and p[1] < 110 and p[3] > 200
    ]
    assert word, "the word is not drawn"
    top, bottom = min(y for _, y in word), max(y for _, y in word)
    text = [
        x
        for y in range(top, bottom + 1)
        for x in range(width)
        if max((p := pixels[x, y])[:3]) < 90 and p[3] > 200  # the text on the word's line
    ]
    assert text, "no text on the word's line"
    word_x = sum(x for x, _ in word) / len(word)
    assert min(x for x, _ in word) > sum(text) / len(text), (word_x, min(text), max(text))
    assert max(x for x, _ in word) >= max(text) - 2


@pytest.mark.parametrize("rasteriser", ["rsvg-convert", "resvg"])
@pytest.mark.parametrize("language", ["ar", "he"])
def test_right_to_left_words_stand_at_the_right_in_png(language, rasteriser, monkeypatch):
    _choose_rasteriser(rasteriser, monkeypatch)
    _word_right_of_text(argmap.render(_rtl_map(language), "png", slide="none"))


@pytest.mark.parametrize("engine", ["pure", "dot"])
@pytest.mark.parametrize("language", ["ar", "he"])
def test_right_to_left_words_stand_at_the_right_in_pdf(language, engine, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None or (engine == "dot" and shutil.which("dot") is None):
        if os.environ.get("CI"):
            pytest.fail("CI installs poppler-utils and graphviz")
        pytest.skip("no pdftoppm or dot here")
    pdf = argmap.render(_rtl_map(language), "pdf", slide="none", engine=engine)
    (tmp_path / "map.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "96", "-singlefile", "map.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    _word_right_of_text((tmp_path / "page.png").read_bytes())


_LEGEND_WORDS = ["solid line", "dashed box", "square box", "a link across", "Key to the diagram"]


@pytest.mark.parametrize("language", ["de", "ko", "ar", "zh-Hant"])
def test_the_legend_explains_in_the_maps_language(language):
    words = Words(language)
    from argmap.assess.evaluate import evaluate_graph, graph_of

    model = argmap.load(_map(language))
    evaluation = evaluate_graph(graph_of(build_tree(model)))
    statuses = {**evaluation.claims, **evaluation.links}
    svg = argmap.render(model, slide="none", legend=True, statuses=statuses).decode()
    for english in _LEGEND_WORDS:
        assert english not in svg, (language, english)
    for name in ("legend_reason", "legend_unstated", "legend_stands", "legend_crosslink"):
        assert words[name] in svg, (language, name)
    assert f"<title>{words['key_title']}</title>" in svg


def test_every_language_numbers_and_describes_slides_in_its_words():
    for language in LANGUAGES:
        words = Words(language)
        assert words.part(2, 3).count("2") == 1 and "3" in words.part(2, 3)
    from argmap.present.slideshape import slide_title

    title = slide_title("Überblick über die vielen Gründe gegen das Gipfeltreffen", "(2 von 3)")
    assert title.endswith(" … (2 von 3)") and len(title) <= 56


def test_a_german_decks_notes_alt_texts_and_labels_are_german(tmp_path):
    from argmap.present.deck_html import deck_html
    from argmap.present.slides import alt_text

    model = argmap.load(_map("de"))
    deck = make_deck(model, build_tree(model), DeckOptions())
    notes = " ".join(notes_for(s, deck.words) for s in deck.slides)
    assert "[Statistik: 2017]" in notes and "statistic" not in notes
    assert alt_text(deck.slides[0], deck.words).startswith("Argumentkarte: ")
    page = deck_html(deck, "de")
    assert 'aria-label="Folie 2"' in page and "Slide" not in page


def test_the_gallery_speaks_each_maps_language(runner, tmp_path):
    from argmap.cli import cli

    for language in ("de", "ko"):
        (tmp_path / f"{language}.yaml").write_text(
            _map(language).replace("title: t", f"title: {language}\nsource: {{title: S}}")
        )
    result = runner.invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "index.html").read_text()
    assert '<article id="de" lang="de">' in page and "<summary>Gliederung</summary>" in page
    assert "Quelle: S" in page and "<summary>목차</summary>" in page
    assert 'alt="Argumentkarte: de"' in page and 'alt="논증 지도: ko"' in page
    assert '<html lang="en">' in page  # two languages: the page's own words stay English
    (tmp_path / "ko.yaml").unlink()
    runner.invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "site")])
    page = (tmp_path / "site" / "index.html").read_text()
    assert '<html lang="de">' in page and "<h1>Argumentkarten</h1>" in page


def test_the_preview_page_speaks_the_maps_language(tmp_path):
    from argmap.limits import Limits
    from argmap.present.serve import Preview

    path = tmp_path / "m.yaml"
    path.write_text(_map("ja"))
    preview = Preview([path], Limits(), None)
    state = preview.state(preview.maps["m"])
    assert state["language"] == "ja" and state["whole_map"] == "マップ全体"


@pytest.mark.parametrize("rasteriser", ["rsvg-convert", "resvg"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_languages_words_are_drawn_as_glyphs_not_boxes(language, rasteriser, monkeypatch):
    """Each of its words, drawn alone, differs from the same count of empty boxes; and the
    fonts argmap finds cover every script the words use."""
    from PIL import Image

    from argmap.draw import fonts

    from .test_scripts import TOFU, _text_png

    _choose_rasteriser(rasteriser, monkeypatch)
    words = Words(language)
    drawn = [words[name] for name in ("because", "but", "however", "also_supports", "stands")]
    text = " ".join(drawn)
    missing = fonts.missing_scripts(text)
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI installs the Noto fonts; missing: {[s.name for s in missing]}")
        pytest.skip(f"no font here for {[s.name for s in missing]}")
    for word in drawn:
        glyphs = Image.open(io.BytesIO(_text_png(word, 1400))).convert("L")
        boxes = Image.open(
            io.BytesIO(_text_png("".join(" " if c == " " else TOFU for c in word), 1400))
        ).convert("L")
        differing = sum(
            abs(a - b) > 60
            for a, b in zip(glyphs.get_flattened_data(), boxes.get_flattened_data(), strict=True)
        )
        inked = sum(v < 128 for v in glyphs.get_flattened_data())
        assert inked and differing > inked // 3, (language, word)
