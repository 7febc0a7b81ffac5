"""Validation and semantic checks through the library API."""

from __future__ import annotations

import pytest

import argmap
from argmap.format.quotes import SourceText, normalise


def codes(text: str) -> list[str]:
    return [issue.code for issue in argmap.check(text)]


def test_load_returns_model_and_raises_one_error_type():
    model = argmap.load("title: T\nthesis:\n  text: A claim.\n")
    assert model.thesis.text == "A claim."
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.load("title: T\nthesis:\n  txt: A claim.\n")
    assert [i.code for i in caught.value.issues] == ["E101"]
    assert caught.value.issues[0].hint == "did you mean `text`?"


def test_missing_text_is_not_reported_twice_with_its_typo():
    assert codes("title: T\nthesis:\n  txt: A claim.\n") == ["E101"]


def test_short_and_long_forms_are_equivalent_in_structure():
    short = argmap.load("title: T\nthesis:\n  text: C\n  reasons:\n    - text: P\n")
    long = argmap.load(
        "title: T\nthesis:\n  text: C\n  reasons:\n    - premises:\n        - text: P\n"
    )
    assert short.thesis.reasons[0].text == long.thesis.reasons[0].premises[0].text


def test_all_errors_are_reported_at_once():
    text = (
        "title: T\nthesis:\n  text: C\n  reasons:\n    - text: P\n      supports: [nope]\n"
        "    - id: x\n      text: Q\n    - id: x\n      text: R\n"
    )
    assert codes(text) == ["E202", "E201"]


def test_rebuttals_on_a_reason_are_a_warning():
    text = (
        "title: T\nthesis:\n  text: C\n  reasons:\n    - text: P\n      rebuttals:\n"
        "        - text: R\n"
    )
    issues = argmap.check(text)
    assert [(i.code, i.severity) for i in issues] == [("W302", "warning")]


def test_quote_without_source_is_a_warning():
    issues = argmap.check("title: T\nthesis:\n  text: C\n  quote: C\n")
    assert [(i.code, i.severity) for i in issues] == [("W301", "warning")]


def test_normalisation_forgives_typography_only():
    assert normalise("“Curly”  —\n‘quotes’") == "\"Curly\" - 'quotes'"
    source = SourceText("It said: “the ruble dropped 40 percent” – and more.")
    assert source.contains('the ruble dropped 40 percent" - and')
    assert source.contains("It said ... 40 percent")
    assert not source.contains("the ruble dropped 50 percent")
    assert not source.contains("40 percent ... It said")


def test_closest_passage_is_suggested():
    source = SourceText("First sentence here. The ruble dropped 40 percent. Last one.")
    assert source.closest("the ruble fell 40 percent") == "The ruble dropped 40 percent."


def test_cross_link_cycle_through_two_links():
    text = (
        "title: T\nthesis:\n  text: C\n  reasons:\n    - id: a\n      text: A\n"
        "      opposes: [b]\n    - id: b\n      text: B\n      supports: [a]\n"
    )
    assert codes(text) == ["E203", "E203"]


def test_too_many_claims_is_a_limit_error():
    from argmap.limits import Limits

    items = "".join(f"    - text: P{i}\n" for i in range(20))
    issues = argmap.check(
        f"title: T\nthesis:\n  text: C\n  reasons:\n{items}", limits=Limits(max_claims=10)
    )
    assert [i.code for i in issues] == ["E009"]


def test_yaml_level_problems_do_not_hide_later_ones():
    text = (
        "title: T\nsource:\n  text: ../nowhere.txt\nthesis:\n  id: a\n  id: b\n"
        "  text: C\n  reasons:\n    - text: P\n      supports: [zz]\n"
    )
    assert codes(text) == ["E006", "E202"]
