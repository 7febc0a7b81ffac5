"""The YAML stage: positions, duplicates, tags, encodings and limits."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path

import pytest
import yaml

from argmap.errors import ArgmapError
from argmap.format.yamlsource import decode, parse

from .conftest import CASES, MAPS

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, {b: c}]\nd: *x\ne: *x\n",
        "a: &s plain\nb: *s\n*s : key from an alias\n",
        "&k key: 1\nother: *k\n",
        "q: '1'\nr: \"true\"\ns: 1.5\nt: ~\nu:\nv: 0x1F\nw: .inf\nx: yes\ny: ''\n",
        "folded: >\n  two\n  lines\nliteral: |\n  kept\n  as is\n",
        "tagged: !!str 12\nint: !!int '7'\nempty: {}\nnone: []\n",
        "flow: {a: [1, 2, {b: [c, d]}], 'e f': g}\n",
    ],
)
def test_data_equals_what_the_safe_loader_reads(text):
    assert parse(text).data == yaml.load(text, Loader=SAFE)


@pytest.mark.parametrize(
    "path",
    [*MAPS, *sorted((CASES / "good").glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_maps_read_as_the_safe_loader_reads_them(path: Path):
    text = path.read_text(encoding="utf-8")
    assert parse(text).data == _dates_as_written(yaml.load(text, Loader=SAFE))


def _dates_as_written(value):
    """argmap keeps a date as the text it was written as; the safe loader makes a date."""
    if isinstance(value, dict):
        return {key: _dates_as_written(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_written(item) for item in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def test_aliases_give_copies_a_later_repair_cannot_share():
    doc = parse("a: &x {k: [1]}\nb: *x\n")
    assert doc.data["a"] == doc.data["b"] and doc.data["a"] is not doc.data["b"]


def test_problems_inside_a_dropped_value_are_not_reported():
    doc = parse("title: a\ntitle: !!binary aGk=\n")
    assert [issue.code for issue in doc.issues] == ["E006"]


def test_a_second_document_and_an_undefined_alias_are_syntax_errors():
    for text, line in (("title: a\n---\ntitle: b\n", 2), ("title: a\nb: *nowhere\n", 2)):
        with pytest.raises(ArgmapError) as caught:
            parse(text)
        assert (caught.value.issues[0].code, caught.value.issues[0].line) == ("E004", line)


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
