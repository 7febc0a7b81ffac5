"""Views: a subtree, so deep, labels only, with its context; declared or asked ad hoc."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import argmap
from argmap.cli import cli
from argmap.draw import DrawOptions, to_dot
from argmap.draw.views import ViewSpec, select
from argmap.format.tree import build_tree

from .conftest import SUMMIT

SVG = "{http://www.w3.org/2000/svg}"


def _ids(svg: bytes) -> dict[str, str]:
    return {g.get("id"): g.get("class", "") for g in ET.fromstring(svg).iter(f"{SVG}g")}


def test_depth_folds_deeper_branches_into_counted_stubs():
    tree = build_tree(argmap.load(SUMMIT))
    selection = select(tree, ViewSpec(depth=1))
    top_level = [link for link in tree.links if link.target is tree.thesis]
    assert {link.key for link in selection.tree.links} == {link.key for link in top_level}
    shown = len(selection.tree.claims)
    hidden = sum(stub.hidden for stub in selection.stubs)
    assert shown + hidden == len(tree.claims)  # every claim is shown or counted once


def test_a_reason_root_shows_the_claim_it_supports_and_that_reason_only():
    tree = build_tree(argmap.load(SUMMIT))
    selection = select(tree, ViewSpec(root="no-concessions", depth=1, context=True))
    assert selection.tree.thesis is tree.thesis
    assert {link.key for link in selection.tree.links} == {"no-concessions"}
    deeper = select(tree, ViewSpec(root="moscow-cannot", context=True))
    assert [key for key, _ in deeper.context] == [tree.thesis.key]


def test_labels_only_and_hidden_basis():
    model = argmap.load(SUMMIT)
    dot = to_dot(
        model, DrawOptions(view=ViewSpec(depth=1, labels=True, hide=frozenset({"basis"})))
    ).dot
    assert "Abandon the summit illusion" in dot
    assert "Kim Jong-un should abandon the illusion" not in dot
    assert "-basis" not in dot


def test_render_a_declared_view_and_an_ad_hoc_one(runner, tmp_path):
    text = SUMMIT.read_text().replace(
        "\nthesis:\n",
        "\nviews:\n  russia: {root: moscow-cannot, depth: 2, context: path, title: Russia}\n"
        "\nthesis:\n",
        1,
    )
    path = SUMMIT.parent / "views-test.yaml"
    try:
        path.write_text(text)
        out = tmp_path / "russia.svg"
        result = runner.invoke(cli, ["render", str(path), "--view", "russia", "-o", str(out)])
        assert result.exit_code == 0, result.output
        svg = out.read_bytes()
        ids = _ids(svg)
        assert any("stub" in c for c in ids.values()) and any("context" in c for c in ids.values())
        assert "China's leverage" not in " ".join(ET.fromstring(svg).itertext())
        assert ET.fromstring(svg).find(f"{SVG}title").text.endswith(": Russia")
        ad_hoc = runner.invoke(
            cli,
            [
                "render",
                str(path),
                "--root",
                "china-leverage",
                "--depth",
                "1",
                "--labels",
                "-o",
                "-",
                "--slide",
                "none",
            ],
        )
        assert ad_hoc.exit_code == 0 and "Moscow" not in ad_hoc.stdout
        unknown = runner.invoke(cli, ["render", str(path), "--view", "rusia", "-o", "-"])
        assert unknown.exit_code == 2 and "russia" in unknown.output
        wrong = runner.invoke(cli, ["render", str(path), "--root", "no-concesions", "-o", "-"])
        assert wrong.exit_code == 2 and "no-concessions" in wrong.output
    finally:
        path.unlink()


def test_an_unknown_root_in_a_declared_view_is_located(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(
        "title: t\nviews:\n  one:\n    root: nowhere\n    depth: 1\n"
        "thesis:\n  id: top\n  text: A claim.\n"
    )
    [issue] = argmap.check(path)
    assert (issue.code, issue.line, issue.col) == ("E202", 4, 11)
    assert re.search("`nowhere`", issue.message)


def test_a_folded_branch_names_the_declared_view_that_opens_it(runner, tmp_path):
    text = SUMMIT.read_text().replace(
        "\nthesis:\n",
        "\nviews:\n  top: {depth: 1}\n  russia: {root: moscow-cannot, depth: 2}\n\nthesis:\n",
        1,
    )
    path = SUMMIT.parent / "views-named.yaml"
    try:
        path.write_text(text)
        result = runner.invoke(
            cli, ["render", str(path), "--view", "top", "-o", "-", "--slide", "none"]
        )
        assert result.exit_code == 0, result.output
        assert "see view russia" in " ".join(ET.fromstring(result.stdout_bytes).itertext())
    finally:
        path.unlink()


def test_the_context_path_draws_each_link_as_what_it_is():
    """An objection in the path is dashed with its word, not a solid grey arrow that reads
    as support; the context boxes are not dashed (the sign of an unstated premise)."""
    from argmap.draw import DrawOptions, to_dot

    model = argmap.load(SUMMIT)
    tree = build_tree(model)
    spec = ViewSpec(root="unconditional-talks", context=True)
    dot = to_dot(model, DrawOptions(view=spec), tree).dot
    edges = [line for line in dot.splitlines() if "context-link" in line]
    assert len(edges) == 3
    attack = [line for line in edges if " attack " in line]
    assert len(attack) == 1 and 'style="dashed"' in attack[0] and ">but<" in attack[0]
    supports = [line for line in edges if " support " in line]
    assert len(supports) == 2 and all(">because<" in e and "dashed" not in e for e in supports)
    boxes = [line for line in dot.splitlines() if 'class="context"' in line]
    assert boxes and not any("dashed" in line for line in boxes)
