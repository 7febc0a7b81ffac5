"""The YAML stage: positions, duplicates, tags, encodings and limits."""

from __future__ import annotations

import itertools

import pytest

from argmap.errors import ArgmapError
from argmap.format.yamlsource import decode, parse


def test_positions_of_keys_and_values():
    doc = parse("title: x\nthesis:\n  text: hi\n  reasons:\n    - text: a\n")
    assert doc.locate(("thesis", "reasons", 0, "text")) == (5, 13)
    assert doc.locate(("thesis", "reasons", 0, "text"), key=True) == (5, 7)
    assert doc.locate(("thesis", "reasons", 0, "missing")) == (5, 7)
    assert doc.locate(("thesis", "missing")) == (2, 1)
    assert doc.locate(("nothing",)) == (1, 1)


def test_duplicate_key_is_located_at_the_second_and_the_first_is_kept():
    doc = parse("title: a\ntitle: b\nthesis: {text: x}\n")
    assert doc.data["title"] == "a"
    issue = doc.issues[0]
    assert (issue.code, issue.line, issue.col) == ("E006", 2, 1)
    assert "line 1" in issue.message


def test_scalars_keep_plain_types_and_dates_stay_text():
    doc = parse("a: 1\nb: true\nc: 2014-11-01\nd: null\n")
    assert doc.data == {"a": 1, "b": True, "c": "2014-11-01", "d": None}


def test_billion_laughs_is_stopped():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    names = "abcdefghij"
    for previous, name in itertools.pairwise(names):
        bomb += (
            f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, "
            f"*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
        )
    with pytest.raises(ArgmapError) as caught:
        parse(bomb)
    assert caught.value.issues[0].code == "E009"


def test_deep_nesting_is_a_located_error():
    text = "title: x\nthesis: " + "[" * 1000 + "]" * 1000 + "\n"
    with pytest.raises(ArgmapError) as caught:
        parse(text)
    assert caught.value.issues[0].code == "E009"


def test_bom_is_accepted_and_utf16_is_not():
    assert decode(b"\xef\xbb\xbftitle: x\n", "f") == "title: x\n"
    with pytest.raises(ArgmapError):
        decode(b"\xff\xfet\x00", "f")


def test_invalid_utf8_is_located():
    with pytest.raises(ArgmapError) as caught:
        decode(b"title: ok\nthesis: caf\xe9\n", "f")
    issue = caught.value.issues[0]
    assert (issue.line, issue.col) == (2, 12)
