"""`undercuts:`: a claim drawn elsewhere that attacks another reason's step, end to end."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

import argmap
from argmap.assess.evaluate import evaluate_graph, graph_of
from argmap.cli import cli
from argmap.exchange.convert import import_maps
from argmap.format.tree import build_tree
from argmap.present.completion import complete
from argmap.present.diagrams import export_diagram
from argmap.present.editing import analyse

from .conftest import CASES
from .test_crosslinks import crossed_words, problems
from .test_exchange import _argdown_cli

MAP = CASES / "good" / "undercuts.yaml"
SHORT = """\
title: Act
thesis:
  text: We should act.
  reasons:
    - id: r
      label: R
      premises:
        - text: It is cheap.
  objections:
    - text: Costs are high.
      undercuts: [r]
"""


def test_a_step_is_named_by_its_arguments_id_or_its_one_premise():
    tree = build_tree(argmap.load(MAP))
    named = {u.target_id: step.key for u, step in tree.undercut_targets()}
    assert named == {"cheap-labour": "thesis-r1", "shipping-step": "shipping-step"}
    assert [u.key for u in tree.undercuts] == [
        "thesis-o1-c-r1-c-undercuts-cheap-labour",
        "thesis-o1-c-r1-c-undercuts-shipping-step",
    ]


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
@pytest.mark.parametrize("text", [MAP.read_text(), SHORT], ids=["two", "short"])
def test_drawn_into_the_steps_box_with_its_words_and_arrowhead_clear(text, direction):
    drawing = argmap.render(text, "dot", direction=direction, slide="none").decode()
    for key, box in (("cheap-labour", "thesis-r1"), ("shipping-step", "shipping-step")):
        if f"undercuts-{key}" in drawing:
            line = next(x for x in drawing.splitlines() if f"undercuts-{key}" in x)
            assert f'lhead="cluster_{box}"' in line and 'class="crosslink undercut"' in line
            assert f'subgraph "cluster_{box}"' in drawing  # the step is drawn as a box
    svg = argmap.render(text, direction=direction, slide="none")
    assert b'class="edge crosslink undercut"' in svg
    assert problems(svg) == [] and crossed_words(svg) == []
    # The words never sit on the line's own arrowhead (Graphviz put them there in SHORT).
    for group in re.finditer(rb'class="edge crosslink undercut">\n(.*?)</g>', svg, re.S):
        body = group.group(1)
        heads = re.findall(
            rb'<polygon fill="[^"]*" stroke="(?!none)[^"]*"[^>]*points="([^"]+)"', body
        )
        label = re.search(rb'<polygon fill="[^"]*" stroke="none" points="([^"]+)"', body)
        assert heads and label
        assert not _overlap(_box(heads[0]), _box(label.group(1)))


def _box(points: bytes) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(rb"-?\d+(?:\.\d+)?", points)]
    xs, ys = numbers[::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_the_svg_names_what_it_attacks_and_the_legend_shows_it():
    svg = argmap.render(MAP, legend=True, slide="none").decode()
    assert "<title>also opposes (against the step): Labour costs abroad are a third of ours." in svg
    assert "also supports" in svg  # the legend's row for cross-links


def test_a_png_shows_the_words_where_the_svg_does():
    """The PNG is drawn from the placed SVG, not by Graphviz again (which hid the head)."""
    from argmap.draw.render import svg_to_png

    png = argmap.render(SHORT, "png", slide="none")
    assert png == svg_to_png(argmap.render(SHORT, slide="none"), scale=2.0)


def test_evaluation_counts_it_against_the_step():
    text = SHORT.replace(
        "    - text: Costs are high.\n", "    - text: Costs are high.\n      mark: accepted\n"
    )
    text = text.replace(
        "        - text: It is cheap.\n", "        - text: It is cheap.\n          mark: accepted\n"
    )
    result = evaluate_graph(graph_of(build_tree(argmap.load(text))))
    assert result.links["r"] == "fails"
    assert result.links["thesis-o1-c-undercuts-r"] == "holds"
    assert result.claims["thesis"] == "falls"


def test_a_view_without_the_step_leaves_it_out():
    text = MAP.read_text() + "views:\n  part: {root: cheap-labour}\n"
    assert b"undercut" not in argmap.render(text, view="part", slide="none")
    assert b"undercut" in argmap.render(text, slide="none")


def test_aif_and_argdown_round_trips_keep_it():
    model = argmap.load(MAP)
    assert argmap.load_aif(argmap.export(model, "aif")).model_dump() == model.model_dump()
    again = argmap.load_argdown(argmap.export(model, "argdown"))
    found = [u.target_id for u in build_tree(again).undercuts]
    assert len(found) == 2 and again.thesis.objections[0].reasons[0].undercuts == found


def test_aif_from_elsewhere_an_undercut_by_a_claim_drawn_elsewhere_is_kept():
    """A CA into an RA whose source is drawn elsewhere was dropped with W501."""
    nodes = [
        {"nodeID": "1", "type": "I", "text": "We should act."},
        {"nodeID": "2", "type": "I", "text": "It is cheap."},
        {"nodeID": "3", "type": "RA", "text": "Default Inference"},
        {"nodeID": "4", "type": "I", "text": "Costs are high."},
        {"nodeID": "5", "type": "CA", "text": "Default Conflict"},
        {"nodeID": "6", "type": "CA", "text": "Default Conflict"},
    ]
    edges = [("2", "3"), ("3", "1"), ("4", "5"), ("5", "1"), ("4", "6"), ("6", "3")]
    document = {
        "nodes": nodes,
        "edges": [{"edgeID": str(n), "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)],
    }
    imported = import_maps(json.dumps(document), "aif")
    assert not [i for i in imported.issues if i.code == "W501"], imported.issues
    model = argmap.load(imported.maps[0].yaml)
    objection = model.thesis.objections[0]
    assert objection.text == "Costs are high."
    assert objection.undercuts == [model.thesis.reasons[0].id]
    assert not [i for i in argmap.check(imported.maps[0].yaml) if i.severity == "error"]


def test_argdown_from_elsewhere_and_a_cycle_left_out_with_a_warning():
    text = (
        "[T]: We act.\n  + <R>\n  - [Q]: Costs are high.\n\n"
        "<R>\n\n(1) [P]: It is cheap.\n----\n(2) [T]\n\n<R>\n  <_ [Q]\n"
    )
    model = argmap.load(import_maps(text, "argdown").maps[0].yaml)
    assert model.thesis.objections[0].undercuts == ["r"] and model.thesis.reasons[0].id == "r"
    # P undercutting the step from itself would attack itself: left out, said.
    looping = text.replace("<R>\n  <_ [Q]\n", "<R>\n  <_ [P]\n")
    imported = import_maps(looping, "argdown")
    assert any("cycle" in i.message for i in imported.issues if i.code == "W501")
    assert "undercuts" not in imported.maps[0].yaml


def test_the_argdown_cli_reads_it_as_an_undercut(tmp_path):
    argdown = _argdown_cli()
    if argdown is None:
        pytest.skip("the Argdown CLI (npm install -g @argdown/cli) is not installed")
    source = tmp_path / "map.argdown"
    source.write_text(argmap.export(argmap.load(MAP), "argdown"))
    run = subprocess.run(
        [argdown, "json", str(source), str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
    relations = json.loads((tmp_path / "map.json").read_text())["relations"]
    assert sum(r["relationType"] == "undercut" for r in relations) == 2


def test_diagrams_and_slides_carry_it(tmp_path, runner):
    model = argmap.load(MAP)
    mermaid = export_diagram(model, "mermaid")
    assert mermaid.count("also opposes") == 2
    graphml = export_diagram(model, "graphml")
    assert graphml.count("undercuts-") == 2
    out = tmp_path / "deck"
    result = runner.invoke(cli, ["slides", str(MAP), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    notes = (out / "undercuts.md").read_text()
    assert "also opposes (against the step): Labour costs abroad are a third of ours." in notes


def test_completion_offers_only_steps(tmp_path):
    path = tmp_path / "m.yaml"
    text = MAP.read_text().replace("undercuts: [cheap-labour, shipping-step]", "undercuts: [")
    path.write_text(text)
    analysis = analyse(text, path)
    line = next(n for n, x in enumerate(text.splitlines()) if "undercuts: [" in x)
    column = text.splitlines()[line].index("[") + 1
    names = {c.label for c in complete(analysis, (line, column))}
    assert names == {"cheap-labour", "shipping-step"}
