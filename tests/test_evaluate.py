"""Evaluation: hand-worked cases, and agreement with an independent grounded-semantics solver."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.assess.evaluate import Graph, Part, evaluate_graph
from argmap.cli import cli

from .conftest import ROOT

UNIFORMS = """
title: Uniforms
thesis:
  id: uniforms
  text: Our school should require uniforms.
  reasons:
    - id: r1
      premises:
        - {id: p1, text: Uniforms reduce bullying about clothes., mark: accepted}
        - {id: p2, text: The school should do what reduces bullying., mark: accepted}
      undercutters:
        - {id: u1, text: Bullying just moves to shoes and bags.}
  objections:
    - id: o1
      text: Uniforms cost families money.
      mark: accepted
      rebuttals:
        - {id: b1, text: The school will give uniforms to families for free., mark: accepted}
"""


def _map(body: str) -> str:
    return "title: t\nthesis:\n  id: t\n  text: The thesis.\n" + body


# (map, {id: expected status}) — the cases worked by hand in docs/evaluation.md.
CASES = [
    (
        UNIFORMS,
        {"p1": "stands", "u1": "open", "o1": "contested", "b1": "stands", "uniforms": "open"},
    ),
    (
        UNIFORMS.replace("bags.}", "bags., mark: rejected}"),
        {"u1": "falls", "o1": "contested", "uniforms": "open"},
    ),
    (
        UNIFORMS.replace("bags.}", "bags., mark: rejected}").replace(
            "      text: Uniforms cost families money.\n      mark: accepted\n",
            "      text: Uniforms cost families money.\n",
        ),
        {"u1": "falls", "o1": "falls", "uniforms": "stands"},
    ),
    (UNIFORMS.replace("bags.}", "bags., mark: accepted}"), {"uniforms": "open"}),
    (_map(""), {"t": "open"}),
    (_map("  mark: accepted\n"), {"t": "stands"}),
    (_map("  mark: rejected\n"), {"t": "falls"}),
    (_map("  reasons:\n    - {id: a, text: A reason., mark: accepted}\n"), {"t": "stands"}),
    (_map("  reasons:\n    - {id: a, text: A reason., mark: open}\n"), {"t": "open"}),
    (_map("  reasons:\n    - {id: a, text: A reason., mark: rejected}\n"), {"t": "open"}),
    (_map("  objections:\n    - {id: o, text: An objection., mark: accepted}\n"), {"t": "falls"}),
    (
        _map(
            "  reasons:\n    - {id: a, text: A reason., mark: accepted}\n"
            "  objections:\n    - {id: o, text: An objection., mark: accepted}\n"
        ),
        {"t": "contested"},
    ),
    (
        _map(
            "  mark: accepted\n  objections:\n    - {id: o, text: An objection., mark: accepted}\n"
        ),
        {"t": "contested"},
    ),
    (
        _map(
            "  reasons:\n    - premises:\n        - {id: a, text: One., mark: accepted}\n"
            "        - {id: b, text: Two., mark: rejected}\n"
        ),
        {"t": "open", "a": "stands", "b": "falls"},
    ),
    (
        _map(
            "  reasons:\n    - id: r\n      text: A reason.\n      mark: accepted\n"
            "      undercutters:\n        - {id: u, text: An undercutter., mark: accepted}\n"
        ),
        {"t": "open", "u": "stands"},
    ),
    (
        _map(
            "  reasons:\n    - {id: a, text: A reason., mark: accepted}\n"
            "    - {id: c, text: Another reason., mark: accepted, opposes: [a]}\n"
        ),
        {"a": "contested", "t": "stands"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_hand_worked_cases(text, expected):
    result = argmap.evaluate(argmap.load(text))
    statuses = {row["id"]: row["status"] for row in result["claims"]}
    for key, status in expected.items():
        if status is not None:
            assert statuses[key] == status, (key, statuses)


def test_why_names_what_the_status_hinges_on():
    rows = {row["id"]: row for row in argmap.evaluate(argmap.load(UNIFORMS))["claims"]}
    assert "u1" in rows["uniforms"]["why"]
    links = {row["id"]: row for row in argmap.evaluate(argmap.load(UNIFORMS))["links"]}
    assert links["r1"]["status"] == "undecided" and links["uniforms-o1"]["status"] == "undecided"


# -- an independent solver ---------------------------------------------------------------


def _grounded(arguments: set[str], attacks: set[tuple[str, str]]) -> set[str]:
    """The grounded extension, by iterating the characteristic function from nothing."""
    attackers = {a: {x for x, y in attacks if y == a} for a in arguments}
    extension: set[str] = set()
    while True:
        defeated = {y for x, y in attacks if x in extension}
        following = {a for a in arguments if attackers[a] <= defeated}
        if following == extension:
            return extension
        extension = following


def _framework(graph: Graph) -> tuple[set[str], set[tuple[str, str]]]:
    """The framework of docs/evaluation.md: for each proposition P = AND_i (OR_j Z_ij),
    an argument P attacked by one argument per conjunct, itself attacked by its Z_ij."""
    arguments, attacks = {"TOP"}, set()

    def define(name: str, conjuncts: list[list[str]]) -> None:
        arguments.add(name)
        for index, disjuncts in enumerate(conjuncts):
            helper = f"{name}#{index}"
            arguments.add(helper)
            attacks.add((helper, name))
            attacks.update((atom, helper) for atom in disjuncts)

    bearing: dict[str, list[Part]] = {k: [] for k in [*graph.marks, *graph.links]}
    for part in graph.links.values():
        bearing[part.target].append(part)
    for key, part in graph.links.items():
        define(
            f"H:{key}",
            [[f"S:{p}"] for p in part.premises] + [[f"X:{u}"] for u in part.undercutters],
        )
        define(
            f"X:{key}", [[f"F:{p}" for p in part.premises] + [f"H:{u}" for u in part.undercutters]]
        )
    for key, mark in graph.marks.items():
        supports = [p.key for p in bearing[key] if p.support]
        attacks_on = [p.key for p in bearing[key] if not p.support]
        if supports:
            define(f"S:{key}", [[f"H:{s}" for s in supports]] + [[f"X:{a}"] for a in attacks_on])
            define(f"F:{key}", [[f"H:{a}" for a in attacks_on]] + [[f"X:{s}"] for s in supports])
        else:
            stands = [["TOP"] if mark == "accepted" else []] + [[f"X:{a}"] for a in attacks_on]
            if mark == "rejected":
                stands.append([])
            define(f"S:{key}", stands)
            falls = [(["TOP"] if mark == "rejected" else []) + [f"H:{a}" for a in attacks_on]]
            if mark == "accepted":
                falls.append([])
            define(f"F:{key}", falls)
    return arguments, attacks


@st.composite
def graphs(draw):
    claims = [f"c{i}" for i in range(draw(st.integers(1, 6)))]
    marks = {c: draw(st.sampled_from([None, "accepted", "rejected", "open"])) for c in claims}
    links: dict[str, Part] = {}
    for index in range(draw(st.integers(0, 7))):
        key = f"l{index}"
        premises = draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3, unique=True))
        targets = claims + list(links)
        links[key] = Part(
            key, "link", draw(st.booleans()), premises, draw(st.sampled_from(targets))
        )
    for part in links.values():  # undercutters: links that target another link
        part.undercutters = [k for k, other in links.items() if other.target == part.key]
    return Graph(marks, links)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_the_fixed_point_is_the_grounded_extension(graph):
    result = evaluate_graph(graph)
    grounded = _grounded(*_framework(graph))
    for key, status in result.claims.items():
        assert (status == "stands") == (f"S:{key}" in grounded), (key, status)
        assert (status == "falls") == (f"F:{key}" in grounded), (key, status)
    for key, status in result.links.items():
        assert (status == "holds") == (f"H:{key}" in grounded), (key, status)
        assert (status == "fails") == (f"X:{key}" in grounded), (key, status)


# -- the command and the drawing ----------------------------------------------------------


def test_evaluate_command_text_json_and_disagreeing_marks(runner, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        UNIFORMS.replace(
            "  text: Our school should require uniforms.\n",
            "  text: Our school should require uniforms.\n  mark: accepted\n",
        )
    )
    result = runner.invoke(cli, ["evaluate", str(path)])
    assert result.exit_code == 0, result.output
    assert "W304" in result.stderr and f"{path}:6:9:" in result.stderr
    assert "open" in result.stdout and "u1" in result.stdout
    data = json.loads(
        runner.invoke(cli, ["evaluate", "--format", "json", "--strength", str(path)]).stdout
    )
    assert {"id", "text", "mark", "status", "why", "strength"} <= set(data["claims"][0])
    assert {"id", "text", "status", "why"} <= set(data["links"][0])
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: t\nthesis:\n  text: x\n  mark: maybe\n")
    assert runner.invoke(cli, ["evaluate", str(broken)]).exit_code == 1


@pytest.mark.parametrize("theme", ["default", "print", "dark"])
def test_render_evaluate_shows_words_and_classes(runner, theme):
    path = ROOT / "maps" / "summit-evaluated.yaml"
    result = runner.invoke(
        cli,
        [
            "render",
            str(path),
            "--evaluate",
            "--theme",
            theme,
            "--legend",
            "-o",
            "-",
            "--slide",
            "none",
        ],
    )
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout_bytes)
    classes = " ".join(g.get("class", "") for g in root.iter("{http://www.w3.org/2000/svg}g"))
    for name in ("status-stands", "status-falls", "status-open", "holds", "fails", "undecided"):
        assert name in classes, name
    text = " ".join(root.itertext())
    assert "STANDS" in text and "FALLS" in text


def test_strength_follows_df_quad():
    from argmap.assess.evaluate import strength

    graph = Graph(
        {"c": None, "p": "accepted", "q": "accepted"},
        {
            "s": Part("s", "reason", True, ["p"], "c"),
            "a": Part("a", "objection", False, ["q"], "c"),
        },
    )
    assert strength(graph)["c"] == 0.5  # support 1 and attack 1 cancel
    graph.links.pop("a")
    assert strength(graph)["c"] == 1.0


def test_the_command_and_the_library_give_the_same_json(runner):
    import json

    import argmap
    from argmap.cli import cli

    summit = ROOT / "maps" / "summit-evaluated.yaml"
    for flags, strength in (([], False), (["--strength"], True)):
        printed = runner.invoke(cli, ["evaluate", "--format", "json", *flags, str(summit)])
        assert printed.exit_code == 0
        data = json.loads(printed.stdout)
        expected = argmap.evaluate(argmap.load(summit), with_strength=strength)
        assert json.dumps(data) == json.dumps(expected)  # the same keys in the same order
