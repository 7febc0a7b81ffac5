"""argmap lint: each rule with a map that breaks it and one that keeps it."""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.assess.lint import RULES, lint
from argmap.assess.words import IRREGULAR, Vocabulary, stem
from argmap.cli import cli
from argmap.format.loader import run_checks

from .conftest import MAPS, ROOT

BAN = "title: t\nthesis:\n  text: Our school should ban phones during lessons.\n"

# rule -> (a map that breaks it, the same map mended)
CASES = {
    "L101": (
        BAN + "  reasons:\n    - text: Phones pull students' attention away from the lesson.\n",
        BAN + "  reasons:\n    - premises:\n"
        "        - text: Phones pull students' attention away from the lesson.\n"
        "        - text: Our school should ban what pulls students' attention away "
        "during lessons.\n          implicit: true\n",
    ),
    "L102": (
        BAN + "  reasons:\n    - premises:\n        - text: Phones ring loudly in lessons.\n"
        "        - text: Our school should ban phones.\n",
        BAN + "  reasons:\n    - premises:\n        - text: Phones ring loudly in lessons.\n"
        "        - text: Our school should ban what rings loudly during lessons.\n",
    ),
    "L103": (
        BAN + "  reasons:\n    - text: Phones distract.\n",
        BAN + "  reasons:\n    - premises:\n        - text: Phones distract.\n"
        "        - text: What distracts should go.\n",
    ),
    "L201": (
        "title: t\nthesis:\n  text: Fares should go because the buses are empty.\n",
        "title: t\nthesis:\n  text: Fares should go.\n  reasons:\n"
        "    - text: The buses are empty.\n",
    ),
    "L202": (
        "title: t\nthesis:\n  text: Should fares go?\n",
        "title: t\nthesis:\n  text: Fares should go.\n",
    ),
    "L203": (
        "title: t\nthesis:\n  text: Free buses\n",
        "title: t\nthesis:\n  text: Our city should make its buses free.\n",
    ),
    "L204": (
        "title: t\nthesis:\n  text: Fares are high. Buses are empty.\n",
        "title: t\nthesis:\n  text: Fares are high for families.\n",
    ),
    "L205": (
        "title: t\nthesis:\n  text: Fares should go.\n  reasons:\n    - text: Fares should go!\n",
        "title: t\nthesis:\n  text: Fares should go.\n  reasons:\n"
        "    - text: Fares keep people off the buses.\n",
    ),
}


def _codes(text: str, tmp_path) -> list[str]:
    path = tmp_path / "map.yaml"
    path.write_text(text)
    result = run_checks(path)
    assert result.ok, result.issues
    return [issue.code for issue in lint(result.model, result.tree, result.doc)]


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_finds_its_violation_and_passes_the_mended_map(code, tmp_path):
    bad, good = CASES[code]
    assert code in _codes(bad, tmp_path)
    assert code not in _codes(good, tmp_path)


def test_every_rule_is_documented_and_tested():
    doc = (ROOT / "docs" / "lint.md").read_text()
    for code in RULES:
        assert f"## {code}" in doc or code == "L001", code
    assert set(CASES) == set(RULES) - {"L001"}


def test_rabbit_names_the_missing_words_and_points_at_the_reason(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(CASES["L101"][0])
    result = run_checks(path)
    [note] = [n for n in lint(result.model, result.tree, result.doc) if n.code == "L101"]
    assert "“school” and “ban”" in note.message and (note.line, note.col) == (5, 7)
    assert note.severity == "note" and note.hint


@pytest.mark.parametrize(("form", "base"), sorted(IRREGULAR.items()))
def test_irregular_forms_meet_their_base(form, base):
    assert stem(form) == stem(base)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("cities", "city"),
        ("taxes", "tax"),
        ("stopped", "stop"),
        ("running", "run"),
        ("making", "make"),
        ("used", "use"),
        ("raises", "raise"),
        ("studied", "study"),
        ("lessons", "lesson"),
    ],
)
def test_light_stemming_joins_regular_forms(first, second):
    assert stem(first) == stem(second)


def test_synonyms_make_words_one():
    vocabulary = Vocabulary("en", {"cost": ["price", "expensive"]})
    assert set(vocabulary.significant("The price rose")) & set(vocabulary.significant("Costs"))


def test_other_languages_are_said_not_checked(tmp_path):
    codes = _codes(
        "title: t\nlanguage: sv\nthesis:\n  text: Staden borde agera.\n"
        "  reasons:\n    - text: Bussarna är tomma.\n",
        tmp_path,
    )
    assert "L001" in codes and "L101" not in codes


def test_lint_command_exit_codes_select_ignore_and_json(runner, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(CASES["L101"][0])
    result = runner.invoke(cli, ["lint", str(path)])
    assert result.exit_code == 0 and "note[L101]" in result.output
    assert runner.invoke(cli, ["lint", "--strict", str(path)]).exit_code == 1
    only = runner.invoke(cli, ["lint", "--select", "L2", str(path)])
    assert "L101" not in only.output
    skipped = runner.invoke(cli, ["lint", "--ignore", "L1", str(path)])
    assert "L10" not in skipped.output
    data = json.loads(runner.invoke(cli, ["lint", "--format", "json", str(path)]).output)
    assert data["notes"] >= 1 and data["issues"][0]["severity"] == "note"
    checked = runner.invoke(cli, ["check", "--lint", str(path)])
    assert checked.exit_code == 0 and "note[L101]" in checked.output


def test_the_maps_lint_clean_or_say_why():
    for path in MAPS:
        result = run_checks(path)
        notes = lint(result.model, result.tree, result.doc)
        assert notes == [], (path.name, notes[:2])
        if result.model.lint:
            assert result.model.lint.why


def test_short_quotes_are_errors(tmp_path):
    (tmp_path / "argmap.toml").write_text("")
    (tmp_path / "a.txt").write_text(
        "The council will close the harbour road on weekends. That's costly! "
        "Shops on the road lose trade, like your brother. Of the rest, K. said nothing.\n"
    )
    head = "title: t\nsource: {text: a.txt}\nthesis:\n  text: The road closes.\n  quote: "
    for quote, code in (
        ("the", "E210"),  # four times, in any case
        ("... road ...", "E210"),
        ("road", "E210"),  # twice
        ("road on", None),  # once
        ("harbour road ... costly!", None),  # each part once, in order
        ("the ... of", "E210"),
        ("K ... .", "E210"),
        ("...", "E210"),
        ("?! ...", "E210"),
        ("That's costly!", None),  # short, and once in the text
        ("like your brother.", None),
        ("council ... harbour road", None),
        ("will close the harbour", None),
        ("That is costly!", "E205"),
    ):
        (tmp_path / "m.yaml").write_text(head + f'"{quote}"\n')
        codes = [i.code for i in argmap.check(tmp_path / "m.yaml")]
        assert codes == ([code] if code else []), (quote, codes)


def test_for_example_reasons_are_drawn_so(tmp_path):
    text = (
        "title: t\nthesis:\n  text: Cities can run free buses.\n  reasons:\n"
        "    - text: Tallinn has run free buses since 2013.\n      kind: example\n"
    )
    dot = argmap.render(text, format="dot").decode()
    assert "for example" in dot and ">because<" not in dot
    bad = argmap.check(text.replace("  reasons:", "  objections:"))
    assert [i.code for i in bad] == ["E209"]


@pytest.mark.parametrize(
    "premise, claim, suggested",
    [
        (
            "When marks depend on homework, students copy it.",
            "Homework should not be marked.",
            "If it is true that when marks depend on homework, students copy it, then "
            "homework should not be marked.",
        ),
        (
            "Putin backs the North.",
            "Kim should look to Moscow.",
            "If Putin backs the North, then Kim should look to Moscow.",
        ),
        (
            "The buses are empty.",
            "Our city should drop fares.",
            "If the buses are empty, then our city should drop fares.",
        ),
    ],
)
def test_the_golden_rule_suggests_a_grammatical_sentence(premise, claim, suggested, tmp_path):
    text = f"title: t\nthesis:\n  text: {claim}\n  reasons:\n    - text: {premise}\n"
    path = tmp_path / "map.yaml"
    path.write_text(text)
    result = run_checks(path)
    hints = [i.hint for i in lint(result.model, result.tree, result.doc) if i.code == "L103"]
    assert hints and f"“{suggested}”" in hints[0], hints


@pytest.mark.parametrize(
    "language, bad, good",
    [
        (
            "de",
            "  text: Unsere Schule sollte Handys verbieten.\n  reasons:\n    - premises:\n"
            "        - text: Handys lenken Schüler ab.\n"
            "        - text: Was Schüler ablenkt, schadet dem Lernen.\n",
            "  text: Unsere Schule sollte Handys verbieten.\n  reasons:\n    - premises:\n"
            "        - text: Handys stören den Unterricht.\n"
            "        - text: Unsere Schule sollte verbieten, was den Unterricht stören kann.\n",
        ),
        (
            "fr",
            "  text: Notre école devrait interdire les téléphones.\n  reasons:\n"
            "    - premises:\n        - text: Les téléphones distraient les élèves.\n"
            "        - text: Ce qui distrait nuit à l'apprentissage.\n",
            "  text: Notre école devrait interdire les téléphones.\n  reasons:\n"
            "    - premises:\n        - text: Les téléphones gênent les élèves.\n"
            "        - text: Notre école devrait interdire ce qui gêne les élèves.\n",
        ),
        (
            "ru",
            "  text: Наша школа должна запретить телефоны.\n  reasons:\n    - premises:\n"
            "        - text: Телефоны отвлекают учеников.\n"
            "        - text: Что отвлекает учеников, вредит учёбе.\n",
            "  text: Наша школа должна запретить телефоны.\n  reasons:\n    - premises:\n"
            "        - text: Телефоны мешают урокам.\n"
            "        - text: Наша школа должна запретить то, что мешает урокам.\n",
        ),
        (
            "tr",
            "  text: Okulumuz telefonları yasaklamalı.\n  reasons:\n    - premises:\n"
            "        - text: Telefonlar öğrencilerin dikkatini dağıtır.\n"
            "        - text: Dikkat dağıtan şey öğrenmeye zarar verir.\n",
            "  text: Okulumuz telefonları yasaklamalı.\n  reasons:\n    - premises:\n"
            "        - text: Telefonlar çok zararlı.\n"
            "        - text: Okulumuz zararlı olanı yasaklamalı.\n",
        ),
        (
            "hi",
            "  text: हमारे स्कूल को फ़ोन पर रोक लगानी चाहिए।\n  reasons:\n    - premises:\n"
            "        - text: फ़ोन छात्रों का ध्यान भटकाते हैं।\n"
            "        - text: ध्यान भटकाने वाली चीज़ पढ़ाई को नुकसान पहुँचाती है।\n",
            "  text: स्कूल को फ़ोन पर रोक लगानी चाहिए।\n  reasons:\n    - premises:\n"
            "        - text: फ़ोन कक्षा में बाधा डालते हैं।\n"
            "        - text: जो कक्षा में बाधा डालते हैं, स्कूल को उन पर रोक लगानी चाहिए।\n",
        ),
    ],
)
def test_the_word_rules_speak_other_languages(tmp_path, language, bad, good):
    head = f"title: t\nlanguage: {language}\nthesis:\n"
    assert "L101" in _codes(head + bad, tmp_path)  # the Rabbit: a word from nowhere
    assert _codes(head + good, tmp_path) == []
    notes = lint_notes = _codes(
        head + "  text: Handys ablenken.\n  reasons:\n    - text: Ja.\n", tmp_path
    )
    assert "L001" not in notes and lint_notes is notes


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_polish_and_ukrainian_have_word_lists(tmp_path, language):
    text = "Szkoły powinny uczyć wielu języków." if language == "pl" else "Школи мають навчати."
    codes = _codes(f"title: t\nlanguage: {language}\nthesis:\n  text: {text}\n", tmp_path)
    assert "L001" not in codes


@pytest.mark.parametrize(
    "text, language",
    [
        ("学校应该用多种语言教学。", "zh"),
        ("学校は多くの言語で教えるべきだ。", "ja"),
        ("학교는 여러 언어로 가르쳐야 한다.", "ko"),
        ("يجب أن تدرّس المدارس بلغات كثيرة.", "ar"),
    ],
)
def test_sentences_of_other_scripts_are_full_sentences(tmp_path, text, language):
    codes = _codes(f"title: t\nlanguage: {language}\nthesis:\n  text: {text}\n", tmp_path)
    assert "L203" not in codes and "L202" not in codes
    question = text.rstrip("。.") + (
        "？" if language in ("zh", "ja") else "؟" if language == "ar" else "?"
    )
    codes = _codes(f"title: t\nlanguage: {language}\nthesis:\n  text: {question}\n", tmp_path)
    assert "L202" in codes
