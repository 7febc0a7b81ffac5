"""The summit map: complete, quoted, and every broken edit named at its line."""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.cli import cli
from argmap.format.tree import build_tree

from .conftest import SUMMIT


def test_summit_map_is_the_whole_argument():
    model = argmap.load(SUMMIT)
    tree = build_tree(model)
    assert len(tree.claims) >= 20
    texts = " ".join(node.claim.text for node in tree.claims)
    for figure in [
        "$110",
        "$70",
        "40 percent",
        "$1 billion",
        "$6.6 billion",
        "60 co-sponsors",
        "grain and oil",
        "$25 billion",
        "$9.7 trillion",
        "equidistant",
    ]:
        assert figure in texts, figure
    stated = [node for node in tree.claims if not node.claim.implicit]
    assert all(node.claim.quote for node in stated)
    roles = {node.role for node in tree.claims}
    assert {"thesis", "reason", "objection", "rebuttal"} <= roles


def _edit(tmp_path, old: str, new: str) -> tuple[int, list[dict]]:
    text = SUMMIT.read_text()
    assert old in text
    edited = tmp_path / "maps" / "summit.yaml"
    edited.parent.mkdir()
    (tmp_path / "seeds").mkdir()
    for seed in (SUMMIT.parent.parent / "seeds").glob("*.txt"):
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "pyproject.toml").write_text("")
    edited.write_text(text.replace(old, new, 1))
    line = text[: text.index(old)].count("\n") + 1
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["check", "--format", "json", str(edited)])
    assert result.exit_code == 1, result.output
    return line, json.loads(result.output)["issues"]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("  label: Abandon the summit illusion", "  label: Abandon: the summit: illusion", "E004"),
        ("  label: Abandon the summit illusion", "  label: Abandon\n  label: Again", "E006"),
        (
            "quote: the value of the ruble dropped 40 percent",
            "quote: the value of the ruble doubled",
            "E205",
        ),
        ("  label: Abandon the summit illusion", "  lable: Abandon the summit illusion", "E101"),
        ("opposes: [breakthrough]", "opposes: [breakthru]", "E202"),
    ],
    ids=["syntax", "repeated-key", "quote", "unknown-key", "unknown-id"],
)
def test_each_edit_is_named_at_its_line(tmp_path, old, new, code):
    line, issues = _edit(tmp_path, old, new)
    expected_line = line + 1 if code == "E006" else line
    assert any(i["code"] == code and i["line"] == expected_line for i in issues), issues
