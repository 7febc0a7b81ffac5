"""Kialo discussions in; GraphML (yEd), draw.io and Mermaid out."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

import argmap
from argmap.cli import cli
from argmap.format.tree import build_tree

from .conftest import MAPS

DISCUSSION = """Discussion Title: Should schools ban phones?

1. Schools should ban phones during lessons.
1.1. Pro: Phones distract students from the lesson, as
studies of classrooms show \\[Ward 2017\\].
1.1.1. Con: Not every student is distracted by a phone in the bag.
1.1.1.1. Pro: -> See 1.2.1.
1.1.2. Pro: Attention drops when a phone is merely visible ([a study](https://example.org/brain-drain)).
1.1.2.1. Con: The study measured adults, not children: "Brain Drain" \\*only\\*.
1.2. Con: Parents need to reach their children in an emergency.
1.2.1. Con: The school office can pass on an urgent call within minutes.
1.2.2. Pro: Some students care for family members & need to be reachable.
1.3. Con: Phones are useful tools for looking things up.
"""


def _import(runner, tmp_path, text, *args):
    source = tmp_path / "discussion.txt"
    source.write_text(text)
    return runner.invoke(cli, ["import", str(source), *args])


def test_a_kialo_discussion_comes_in_with_every_claim(runner, tmp_path):
    out = tmp_path / "phones.yaml"
    result = _import(runner, tmp_path, DISCUSSION, "-o", str(out))
    assert result.exit_code == 0, result.output
    model = argmap.load(out)
    tree = build_tree(model)
    texts = [" ".join(node.claim.text.split()) for node in tree.claims]
    assert len(texts) == 9  # ten numbered lines, one of them `-> See`
    assert model.title == "Should schools ban phones?"
    assert (
        "Phones distract students from the lesson, as studies of classrooms show [Ward 2017]."
        in texts
    )
    assert any('"Brain Drain" *only*.' in t for t in texts)
    noted = next(n for n in tree.claims if n.claim.note)
    assert "https://example.org/brain-drain" in noted.claim.note and "(a study)" in noted.claim.text
    assert len(tree.crosslinks) == 1 and tree.crosslinks[0].relation == "support"
    office = next(n for n in tree.claims if n.claim.text.startswith("The school office"))
    assert office.role in ("objection", "rebuttal") and office.link.target.claim.text.startswith(
        "Parents"
    )
    sides = {n.claim.text[:20]: n.side for n in tree.claims}
    assert sides["Not every student is"] == "con" and sides["Some students care f"] == "con"
    assert argmap.check(out) == [] or all(i.severity != "error" for i in argmap.check(out))


def test_several_theses_make_several_maps(runner, tmp_path):
    text = (
        DISCUSSION
        + "2. Schools should teach phone use instead.\n2.1. Pro: Pupils need the skill.\n"
    )
    result = _import(runner, tmp_path, text, "-o", str(tmp_path / "maps") + "/")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "maps").glob("*.yaml"))) == 2


@pytest.mark.parametrize(
    ("line", "number", "said"),
    [
        ("1.4 Pro: No dot after the number.", 14, "must end with a dot"),
        ("1.9.1. Pro: An orphan.", 14, "has no claim 1.9. above it"),
        ("1.4. Maybe: A stance Kialo does not have.", 14, "neither `Pro:` nor `Con:`"),
        ("1.4. Pro: -> See 7.7.", 14, "names no claim"),
        ("1.2. Pro: Twice.", 14, "appears twice"),
    ],
)
def test_malformed_lines_are_located_errors_and_nothing_is_written(
    runner, tmp_path, line, number, said
):
    out = tmp_path / "out.yaml"
    result = _import(runner, tmp_path, DISCUSSION + line + "\n", "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert f"discussion.txt:{number}:1: error[E501]" in result.output and said in result.output


def test_a_text_file_that_is_not_kialo_says_so(runner, tmp_path):
    result = _import(runner, tmp_path, "Just some notes.\n1. Not a discussion.\n")
    assert result.exit_code == 2 and "not a Kialo export" in result.output
    forced = _import(runner, tmp_path, "Just some notes.\n", "--from", "kialo")
    assert forced.exit_code == 1 and "error[E501]" in forced.output


def test_a_kialo_export_is_known_by_its_header_whatever_its_name(runner, tmp_path):
    source = tmp_path / "debate.argdown"
    source.write_text(DISCUSSION)
    out = tmp_path / "d.yaml"
    assert runner.invoke(cli, ["import", str(source), "-o", str(out)]).exit_code == 0
    assert "Schools should ban phones" in out.read_text()


def _large_discussion(claims: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    numbers, lines = ["1"], ["Discussion Title: A large debate", "", "1. The thesis of the debate."]
    for n in range(claims - 1):
        parent = rng.choice([m for m in numbers[-60:] if m.count(".") < 6] or ["1"])
        children = sum(1 for m in numbers if m.rsplit(".", 1)[0] == parent and m != parent)
        number = f"{parent}.{children + 1}"
        numbers.append(number)
        stance = rng.choice(["Pro", "Con"])
        lines.append(f"{number}. {stance}: Claim {n} about point {rng.randrange(10**6)}.")
    return "\n".join(lines) + "\n"


def test_a_generated_discussion_of_2000_claims_comes_in_whole(runner, tmp_path):
    out = tmp_path / "large.yaml"
    result = _import(runner, tmp_path, _large_discussion(2000), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(build_tree(argmap.load(out)).claims) == 2000


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_graphml_reads_back_in_networkx_with_one_node_per_claim(runner, tmp_path, path):
    nx = pytest.importorskip("networkx")
    out = tmp_path / "map.graphml"
    result = runner.invoke(cli, ["export", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    tree = build_tree(argmap.load(path))
    claims = [n for n, d in graph.nodes(data=True) if d.get("kind") == "claim"]
    assert sorted(claims) == sorted(node.key for node in tree.claims)
    texts = {graph.nodes[node.key]["text"] for node in tree.claims}
    assert len(texts) == len({" ".join(n.claim.text.split()) for n in tree.claims}) or texts
    assert graph.number_of_edges() >= len(tree.links) + len(tree.crosslinks)
    root = ET.parse(out).getroot()
    geometry = root.findall(".//{http://www.yworks.com/xml/graphml}Geometry")
    assert len(geometry) >= len(claims) and all(float(g.get("width")) > 0 for g in geometry)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_drawio_keeps_positions_styles_and_containers(runner, tmp_path, path):
    out = tmp_path / "map.drawio"
    assert runner.invoke(cli, ["export", str(path), "-o", str(out)]).exit_code == 0
    root = ET.parse(out).getroot()
    assert root.tag == "mxfile" and root.find("diagram/mxGraphModel/root") is not None
    cells = root.findall(".//mxCell")
    ids = {cell.get("id") for cell in cells}
    assert len(ids) == len(cells)
    for cell in cells:
        if cell.get("edge"):
            assert cell.get("source") in ids and cell.get("target") in ids
        if cell.get("vertex") or cell.get("edge"):
            assert cell.find("mxGeometry") is not None
        if cell.get("vertex"):
            assert "fillColor=" in cell.get("style") and cell.get("parent") in ids
    tree = build_tree(argmap.load(path))
    vertices = {cell.get("id") for cell in cells if cell.get("vertex")}
    assert {node.key for node in tree.claims} <= vertices
    grouped = [cell for cell in cells if "container=1" in (cell.get("style") or "")]
    inside = [cell for cell in cells if cell.get("parent") in {g.get("id") for g in grouped}]
    assert not grouped or inside


_TRICKY = """title: Escapes
thesis:
  text: 'A "quoted" claim with # and <b>tags</b> | pipes [brackets] {braces} & `ticks`.'
  reasons:
    - text: "Another: with a colon; and --> an arrow."
"""


def test_mermaid_escapes_every_text(tmp_path):
    from argmap.present.mermaid import to_mermaid

    flowchart = to_mermaid(argmap.load(_TRICKY))
    labels = [line for line in flowchart.splitlines() if re.match(r"\s+c\d+\(", line)]
    assert len(labels) == 2
    for line in labels:
        inside = line.split('"', 1)[1].rsplit('"', 1)[0]
        for char in '"#<>|[]{}`':
            assert char not in inside.replace("#quot;", "").replace("#35;", "").replace(
                "#lt;", ""
            ).replace("#gt;", "").replace("#124;", "").replace("#91;", "").replace(
                "#93;", ""
            ).replace("#123;", "").replace("#125;", "").replace("#96;", "").replace("#amp;", ""), (
                char,
                line,
            )
    assert flowchart.startswith("flowchart BT\n") and "-->" in flowchart


@pytest.mark.parametrize("path", [*MAPS, None], ids=lambda p: p.stem if p else "escapes")
def test_mermaid_cli_renders_the_exports(tmp_path, path):
    mmdc = shutil.which("mmdc")
    chromium = shutil.which("chromium")
    if mmdc is None or chromium is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs @mermaid-js/mermaid-cli and chromium")
        pytest.skip("no mermaid-cli here")
    from argmap.present.mermaid import to_mermaid

    source = tmp_path / "map.mmd"
    source.write_text(to_mermaid(argmap.load(path if path else _TRICKY)))
    (tmp_path / "puppeteer.json").write_text(
        json.dumps({"executablePath": chromium, "args": ["--no-sandbox"]})
    )
    done = subprocess.run(
        [
            mmdc,
            "-i",
            str(source),
            "-o",
            str(tmp_path / "map.svg"),
            "-p",
            str(tmp_path / "puppeteer.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "map.svg").read_text()
    tree = build_tree(argmap.load(path if path else _TRICKY))
    assert svg.count('class="node') >= len(tree.claims) - sum(
        len(link.premises) for link in tree.links if len(link.premises) > 1 or link.label
    )


def test_export_says_which_formats_it_knows(runner, tmp_path):
    result = runner.invoke(cli, ["export", str(MAPS[0]), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "mermaid" in result.output
