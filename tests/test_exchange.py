"""Argdown and AIF, in and out: round trips, the parser's constructs, located errors, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import cli
from argmap.exchange.aif import aif_text, to_aif
from argmap.exchange.argdown_read import read_argdown
from argmap.exchange.convert import import_maps
from argmap.format.tree import ClaimNode, build_tree

from .conftest import MAPS, ROOT, SUMMIT

INTEROP = Path(__file__).resolve().parent / "interop"
GOOD = sorted((INTEROP / "good").glob("*.argdown"))


def _links(model: argmap.ArgumentMap) -> Counter[tuple[tuple[str, ...], str, str]]:
    """Every link and cross-link as (premise texts, relation, what it bears on)."""
    tree = build_tree(model)

    def name(target: object) -> str:
        if isinstance(target, ClaimNode):
            return " ".join(target.claim.text.split())
        return "step:" + "|".join(" ".join(p.claim.text.split()) for p in target.premises)  # type: ignore[attr-defined]

    found: Counter[tuple[tuple[str, ...], str, str]] = Counter()
    for link in tree.links:
        premises = tuple(sorted(" ".join(p.claim.text.split()) for p in link.premises))
        relation = "undercut" if link.role == "undercut" else link.relation
        found[(premises, relation, name(link.target))] += 1
    ids = {node.claim.id: node for node in tree.claims if node.claim.id}
    for cross in tree.crosslinks:
        premises = tuple(sorted(" ".join(p.claim.text.split()) for p in cross.premises))
        found[(premises, cross.relation, name(ids[cross.target_id]))] += 1
    return found


def _claims(model: argmap.ArgumentMap) -> Counter[str]:
    return Counter(" ".join(n.claim.text.split()) for n in build_tree(model).claims)


# -- AIF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_aif_round_trip_gives_the_same_map(path):
    model = argmap.load(path)
    again = argmap.load_aif(argmap.export(model, "aif"))
    assert again.model_dump() == model.model_dump()


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_aif_export_is_valid_aif(path):
    document = to_aif(argmap.load(path))
    types = {node["nodeID"]: node["type"] for node in document["nodes"]}
    assert len(types) == len(document["nodes"])
    outgoing = Counter(edge["fromID"] for edge in document["edges"])
    incoming = Counter(edge["toID"] for edge in document["edges"])
    for edge in document["edges"]:
        assert edge["fromID"] in types and edge["toID"] in types
        assert not (types[edge["fromID"]] == "I" and types[edge["toID"]] == "I")
    for node_id, kind in types.items():
        if kind in ("RA", "CA"):
            assert outgoing[node_id] == 1 and incoming[node_id] >= 1, node_id
    tree = build_tree(argmap.load(path))
    claims = [
        n for n in document["nodes"] if n["type"] == "I" and "basis" not in n.get("argmap", {})
    ]
    assert len(claims) == len(tree.claims)


def test_summit_in_aif_has_a_co_premise_ra_and_an_undercut_on_a_scheme_node():
    document = to_aif(argmap.load(ROOT / "maps" / "phones-in-class.yaml"))
    types = {node["nodeID"]: node["type"] for node in document["nodes"]}
    into = Counter(edge["toID"] for edge in document["edges"] if types[edge["fromID"]] == "I")
    assert any(types[n] == "RA" and count == 3 for n, count in into.items())
    assert any(types[e["fromID"]] == "CA" and types[e["toID"]] == "RA" for e in document["edges"])


def test_aif_from_elsewhere_linked_premises_undercuts_rephrases_and_dialogue():
    document = {
        "nodes": [
            {"nodeID": 1, "type": "I", "text": "We should tax sugar."},
            {"nodeID": 2, "type": "I", "text": "Sugar harms health."},
            {"nodeID": 3, "type": "I", "text": "Taxes cut what harms health."},
            {"nodeID": 4, "type": "RA", "text": "Default Inference"},
            {"nodeID": 5, "type": "I", "text": "People would buy sugar elsewhere."},
            {"nodeID": 6, "type": "CA", "text": "Default Conflict"},
            {"nodeID": 7, "type": "I", "text": "Sugar is bad for you."},
            {"nodeID": 8, "type": "MA", "text": "Default Rephrase"},
            {"nodeID": 9, "type": "L", "text": "Ann: sugar harms health"},
            {"nodeID": 10, "type": "YA", "text": "Asserting"},
        ],
        "edges": [
            {"edgeID": 1, "fromID": 2, "toID": 4},
            {"edgeID": 2, "fromID": 3, "toID": 4},
            {"edgeID": 3, "fromID": 4, "toID": 1},
            {"edgeID": 4, "fromID": 5, "toID": 6},
            {"edgeID": 5, "fromID": 6, "toID": 4},
            {"edgeID": 6, "fromID": 2, "toID": 8},
            {"edgeID": 7, "fromID": 8, "toID": 7},
            {"edgeID": 8, "fromID": 9, "toID": 10},
            {"edgeID": 9, "fromID": 10, "toID": 2},
            {"edgeID": 10, "fromID": 7, "toID": 1},
        ],
        "locutions": [],
    }
    imported = import_maps(json.dumps(document), "aif")
    assert len(imported.maps) == 1
    model = argmap.load(imported.maps[0].yaml)
    reason = model.thesis.reasons[0]
    assert [p.text for p in reason.premises] == [
        "Sugar harms health.",
        "Taxes cut what harms health.",
    ]
    assert reason.undercutters[0].text == "People would buy sugar elsewhere."
    assert reason.premises[0].note == "Also worded: Sugar is bad for you."
    messages = " ".join(issue.message for issue in imported.issues)
    assert "1 L, 1 YA" in messages  # dialogue nodes counted once
    assert "I-node straight to another" in messages


# -- Argdown out -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_argdown_round_trip_keeps_every_claim_and_link(path):
    model = argmap.load(path)
    again = argmap.load_argdown(argmap.export(model, "argdown"))
    assert _claims(again) == _claims(model)
    assert _links(again) == _links(model)
    assert again.title == model.title and again.source == model.source
    labels = {n.claim.text: n.claim.label for n in build_tree(model).claims}
    assert {n.claim.text: n.claim.label for n in build_tree(again).claims} == labels


def _argdown_cli() -> str | None:
    found = shutil.which("argdown")
    if found is None and os.environ.get("CI"):
        pytest.fail("CI installs @argdown/cli (npm); `argdown` is not on the PATH")
    return found


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_the_argdown_cli_reads_every_claim_and_relation(tmp_path, path):
    """The real Argdown CLI is the oracle: one statement per claim (plus the `Not so:`
    conclusion of each objection of co-premises), one relation or argument per link."""
    argdown = _argdown_cli()
    if argdown is None:
        pytest.skip("the Argdown CLI (npm install -g @argdown/cli) is not installed")
    model = argmap.load(path)
    source = tmp_path / "map.argdown"
    source.write_text(argmap.export(model, "argdown"))
    run = subprocess.run(
        [argdown, "json", str(source), str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0 and "error" not in (run.stdout + run.stderr).lower(), run.stdout
    document = json.loads((tmp_path / "map.json").read_text())

    def negation(member: dict) -> bool:
        return bool((member.get("data") or {}).get("negation"))

    statements = document["statements"].values()
    negations = sum(any(negation(m) for m in s["members"]) for s in statements)
    tree = build_tree(model)
    assert len(document["statements"]) - negations == len(tree.claims)
    concluding = sum(
        1 for a in document["arguments"].values() if a.get("pcs") and not negation(a["pcs"][-1])
    )
    assert len(document["relations"]) + concluding == len(tree.links) + len(tree.crosslinks)


# -- Argdown in ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_argdown_imports_and_checks_clean(tmp_path, path):
    imported = import_maps(path.read_text(), "argdown", file=str(path))
    for number, one in enumerate(imported.maps):
        target = tmp_path / f"{number}.yaml"
        target.write_text(one.yaml)
        errors = [i for i in argmap.check(target) if i.severity == "error"]
        assert not errors, errors
        assert one.yaml.startswith("# yaml-language-server: $schema=argmap.schema.json\n")


def _load(name: str, **kwargs) -> argmap.ArgumentMap:
    return argmap.load(
        import_maps((INTEROP / "good" / name).read_text(), "argdown", **kwargs).maps[0].yaml
    )


def test_relations_in_every_direction_nest_by_indentation():
    imported = import_maps((INTEROP / "good" / "relations.argdown").read_text(), "argdown")
    tradition = argmap.load(next(m.yaml for m in imported.maps if m.name == "tradition"))
    thesis = tradition.thesis.objections[0]  # `-> [Tradition]`: the thesis attacks it
    assert thesis.label == "Thesis" and thesis.tags == ["sleep"]
    sleep = thesis.reasons[0]
    assert [r.label for r in sleep.reasons] == ["Study"]  # `<+`
    assert sleep.objections[0].objections[0].label == "Rhythm"  # nested two deep
    assert [o.label for o in thesis.objections] == ["Buses", "Cost"]  # `<-`, and `->` below
    assert {m.name for m in imported.maps} == {"tradition", "wellbeing"}  # `+>`: two theses


def test_arguments_premise_conclusion_structures_chains_and_undercuts():
    model = _load("arguments.argdown")
    health = model.thesis.reasons[0]
    assert health.label == "Health" and health.note == "Sleep matters for health."
    assert [p.label for p in health.premises] == ["Harm", None]
    chain = health.premises[0].reasons[0]  # the intermediate conclusion's own reason
    assert [p.label for p in chain.premises] == ["Sleepy", None]
    assert chain.premises[1].implicit
    assert health.undercutters[0].label == "Other causes"
    money = model.thesis.objections[0]  # an argument without premises: its gist is a claim
    assert money.text.startswith("Later starts cost") and money.undercutters[0].label == "Cheap"
    assert not model.groups  # {isGroup: false}


def test_syntax_comments_escapes_mentions_links_data_tags_frontmatter():
    model = _load("syntax.argdown")
    assert model.title == "Syntax odds and ends"
    assert model.description == "Escapes, mentions, links, data and comments"
    main = model.thesis.reasons[0]
    assert main.text == "The library should open on Sundays #1 (see Reading and the plan)."
    assert main.quote == "open on Sundays" and main.note == "a note"
    assert [r.label for r in main.reasons] == ["Reading", "Families"]
    assert main.reasons[0].tags == ["reading habits"]
    assert main.reasons[0].text == "Pupils read more when the library is open."
    assert main.reasons[1].text == "Families can visit together at weekends."


def test_windows_line_endings_read_like_any_other():
    model = _load("crlf.argdown")
    assert model.thesis.reasons[0].text == "They are read like any other."


def test_headings_become_groups_and_co_premises_give_theirs_to_the_reason():
    text = (
        "# Costs\n\n[Budget]: The budget is short.\n\n# Main\n\n[T]: We should wait.\n"
        "  + <Why>\n\n<Why>\n\n(1) [Budget]\n(2) Short budgets call for waiting.\n----\n(3) [T]\n"
    )
    model = argmap.load(import_maps(text, "argdown").maps[0].yaml)
    assert {g.id: g.label for g in model.groups} == {"main": "Main"}
    assert model.thesis.group == "main"
    reason = model.thesis.reasons[0]  # defined under "Main"; its co-premise's group goes
    assert reason.group == "main" and all(p.group is None for p in reason.premises)


def test_constructs_argmap_cannot_draw_are_warnings_at_their_line():
    text = (
        "[A]: Taxes should rise.\n  >< [B]: Taxes should fall.\n\n"
        "<Arg>\n\n(1) [P]: Public services need money.\n----\n(2) [A]\n\n"
        "<Arg>\n  + [S]: Services are underfunded.\n  - [Q]: Money is wasted.\n"
    )
    imported = import_maps(text, "argdown", file="t.argdown")
    by_line = {(i.line, i.code): i.message for i in imported.issues}
    assert "symmetric" in by_line[(2, "W501")]
    assert "support for an argument" in by_line[(11, "W501")]
    assert "undercuts" in by_line[(12, "W501")]
    assert not [i for i in argmap.check(imported.maps[0].yaml) if i.severity == "error"]


def test_a_claim_used_twice_is_drawn_once_with_a_cross_link():
    text = "[T]: We should act.\n  + [P]: It is cheap.\n  + [Q]: It is popular.\n    + [P]\n"
    model = argmap.load(import_maps(text, "argdown").maps[0].yaml)
    texts = [n.claim.text for n in build_tree(model).claims]
    assert texts.count("It is cheap.") == 1
    cheap, popular = model.thesis.reasons
    # P also supports Q: a cross-link from P, and Q gets the id it needs for one.
    assert cheap.supports == ["q"] and popular.id == "q" and popular.reasons == []


def test_cycles_are_left_out_with_a_warning():
    text = "[A]: One.\n  + [B]: Two.\n    + [A]\n\n[C]: Three.\n  <- [A]\n"
    imported = import_maps(text, "argdown")
    assert any("cycle" in i.message for i in imported.issues)
    for one in imported.maps:
        assert not [i for i in argmap.check(one.yaml) if i.severity == "error"]


def test_prose_paragraphs_are_kept_as_notes_and_lone_claims_left_out_with_a_count():
    text = (
        "Some prose about the debate.\n\n[T]: A thesis.\n  + A reason.\n\n"
        "[Lone]: A titled claim nothing relates to.\n\nMore prose at the end.\n"
    )
    imported = import_maps(text, "argdown", file="p.argdown")
    model = argmap.load(imported.maps[0].yaml)
    assert model.thesis.note == "Some prose about the debate."
    assert model.thesis.reasons[0].note == "More prose at the end."
    messages = {i.message for i in imported.issues if i.code == "W502"}
    assert any("2 untitled paragraph(s)" in m for m in messages)
    assert any("1 statement(s) that nothing relates to" in m and "line 6" in m for m in messages)


@pytest.mark.parametrize(
    ("name", "code", "line", "col"),
    [
        tuple(row.split()[:2]) + tuple(int(n) for n in row.split()[2:])
        for row in (INTEROP / "bad" / "expected.txt").read_text().splitlines()
        if row.strip()
    ],
)
def test_bad_inputs_are_located_errors(runner, name, code, line, col):
    result = runner.invoke(cli, ["import", str(INTEROP / "bad" / name)])
    assert result.exit_code == 1
    assert f"{name}:{line}:{col}: error[{code}]" in result.output


# -- hypothesis ------------------------------------------------------------------------------

TEXT = st.text(
    st.characters(
        exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufffe\uffff\ufeff"
    ),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip())


def _claims_strategy(depth: int) -> st.SearchStrategy[dict]:
    optional: dict[str, st.SearchStrategy] = {
        "label": TEXT,
        "implicit": st.booleans(),
        "note": TEXT,
        "tags": st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), max_size=2, unique=True),
        "mark": st.sampled_from(["accepted", "rejected", "open"]),
        "step": st.integers(1, 4),
    }
    if depth > 0:
        child = _claims_strategy(depth - 1)
        argument = st.fixed_dictionaries(
            {"premises": st.lists(child, min_size=1, max_size=3)},
            optional={"label": TEXT, "undercutters": st.lists(child, max_size=1)},
        )
        item = st.one_of(child, argument)
        optional |= {
            "reasons": st.lists(item, max_size=2),
            "objections": st.lists(item, max_size=2),
            "undercutters": st.lists(child, max_size=1),
        }
    return st.fixed_dictionaries({"text": TEXT}, optional=optional)


@st.composite
def generated_maps(draw) -> str:
    data = {"title": draw(TEXT), "thesis": draw(_claims_strategy(2))}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    issues = argmap.check(text)
    assume(not [i for i in issues if i.severity == "error"])
    # Cross-links between two claims neither of which is below the other.
    model = argmap.load(text)
    tree = build_tree(model)
    if len(tree.claims) > 3 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(tree.claims[1:]), min_size=2, max_size=2, unique=True))
        # A cross-link repeating the claim's own link is one relation in Argdown.
        assume(a.link is None or a.link.target is not b)
        _at(data, b.path)["id"] = "target"
        _at(data, a.path)[draw(st.sampled_from(["supports", "opposes"]))] = ["target"]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        assume(not [i for i in argmap.check(text) if i.severity == "error"])
    return text


def _at(data: dict, path: tuple) -> dict:
    node = data
    for part in path:
        node = node[part]
    return node


@settings(
    max_examples=int(os.environ.get("EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(generated_maps())
def test_generated_maps_survive_both_round_trips(text):
    model = argmap.load(text)
    assert argmap.load_aif(argmap.export(model, "aif")).model_dump() == model.model_dump()
    again = argmap.load_argdown(argmap.export(model, "argdown"))
    assert _claims(again) == _claims(model)
    assert _links(again) == _links(model)


# -- the command line ------------------------------------------------------------------------


def test_cli_export_prints_or_writes_and_import_gives_it_back(runner, tmp_path):
    summit = ROOT / "maps" / "summit.yaml"
    printed = runner.invoke(cli, ["export", str(summit), "-f", "argdown"])
    assert printed.exit_code == 0 and printed.output.startswith("===\n")
    # A project of its own: the export names the source text relative to itself, and the
    # import relative to where the map goes, so both lead to the same file.
    for folder in ("maps", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "argmap.toml").write_text("")
    summit = tmp_path / "maps" / "summit.yaml"
    out = tmp_path / "exports" / "deep" / "summit.json"
    out.parent.mkdir(parents=True)
    assert runner.invoke(cli, ["export", str(summit), "-o", str(out)]).exit_code == 0
    exported = json.loads(out.read_text())
    assert exported["nodes"]
    assert exported["argmap"]["source"]["text"].startswith("../../seeds/")
    again = tmp_path / "maps" / "imported" / "again.yaml"
    written = runner.invoke(cli, ["import", str(out), "-o", str(again)])
    assert written.exit_code == 0, written.output
    loaded = argmap.load(again).model_dump()
    assert loaded["source"]["text"] == "../../seeds/illusions-of-a-summit-with-russia.txt"
    loaded["source"]["text"] = "../seeds/illusions-of-a-summit-with-russia.txt"
    assert loaded == argmap.load(summit).model_dump()
    assert (again.parent / "argmap.schema.json").is_file()


def test_cli_export_needs_a_format(runner, tmp_path):
    result = runner.invoke(cli, ["export", str(ROOT / "maps" / "summit.yaml")])
    assert result.exit_code == 2 and "-f aif" in result.output


def test_cli_import_one_map_per_thesis_into_a_folder_and_never_overwrites(runner, tmp_path):
    source = INTEROP / "good" / "relations.argdown"
    first = runner.invoke(cli, ["import", str(source), "-o", f"{tmp_path}/maps/"])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in (tmp_path / "maps").glob("*.yaml")) == [
        "tradition.yaml",
        "wellbeing.yaml",
    ]
    before = (tmp_path / "maps" / "tradition.yaml").read_text()
    again = runner.invoke(cli, ["import", str(source), "-o", f"{tmp_path}/maps/"])
    assert again.exit_code == 2 and "--force" in again.output
    assert (tmp_path / "maps" / "tradition.yaml").read_text() == before
    forced = runner.invoke(cli, ["import", str(source), "-o", f"{tmp_path}/maps/", "--force"])
    assert forced.exit_code == 0


def test_cli_import_one_file_takes_the_named_thesis(runner, tmp_path):
    source = INTEROP / "good" / "relations.argdown"
    out = tmp_path / "one.yaml"
    result = runner.invoke(cli, ["import", str(source), "-o", str(out), "--thesis", "wellbeing"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text())["thesis"]["label"] == "Wellbeing"
    missing = runner.invoke(cli, ["import", str(source), "--thesis", "Nothing like it"])
    assert missing.exit_code == 1 and "E502" in missing.output and "Wellbeing" in missing.output


def test_cli_import_from_stdin_needs_from(runner):
    text = (INTEROP / "good" / "crlf.argdown").read_bytes()
    assert runner.invoke(cli, ["import", "-"], input=text).exit_code == 2
    result = runner.invoke(cli, ["import", "-", "--from", "argdown"], input=text)
    assert result.exit_code == 0 and "Line endings from Windows." in result.output


def test_cli_import_of_an_argmap_map_says_it_needs_none(runner):
    result = runner.invoke(cli, ["import", str(ROOT / "maps" / "summit.yaml")])
    assert result.exit_code == 2 and "needs no import" in result.output
    assert "argmap check" in result.output


def test_cli_import_of_a_missing_file_or_unknown_suffix_exits_2(runner, tmp_path):
    assert runner.invoke(cli, ["import", str(tmp_path / "none.argdown")]).exit_code == 2
    other = tmp_path / "notes.txt"
    other.write_text("[T]: x\n  + y\n")
    assert runner.invoke(cli, ["import", str(other)]).exit_code == 2
    assert runner.invoke(cli, ["import", str(other), "--from", "argdown"]).exit_code == 0


def test_cli_import_never_touches_the_input(runner, tmp_path):
    source = tmp_path / "in.argdown"
    source.write_bytes((INTEROP / "good" / "syntax.argdown").read_bytes())
    before = source.read_bytes()
    runner.invoke(cli, ["import", str(source), "-o", str(tmp_path / "out/")])
    assert source.read_bytes() == before


def test_the_reader_keeps_lines_for_every_statement():
    graph = read_argdown((INTEROP / "good" / "arguments.argdown").read_text())
    assert graph.statements["[Sleepy]"].line == 10


@pytest.mark.parametrize("command", [["export", "-f", "aif"], ["outline"]])
def test_an_output_that_cannot_be_written_exits_2_without_a_traceback(runner, tmp_path, command):
    target = tmp_path / "no-such-folder" / "out.txt"
    result = runner.invoke(
        cli, [command[0], str(ROOT / "maps" / "summit.yaml"), *command[1:], "-o", str(target)]
    )
    assert result.exit_code == 2 and "error[E012]: cannot write" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


HOSTILE = {
    "stars": "[T]: " + "*a " * 20000 + "\n  + x\n",
    "mentions": "[T]: " + "@[" * 20000 + "\n  + x\n",
    "links": "[T]: " + "[a](" * 20000 + "\n  + x\n",
    "trailing tags": "[T]: x" + " #a" * 20000 + " y\n  + r\n",
    "tag parentheses": "[T]: " + "#(" * 20000 + "\n  + r\n",
    "nested data": "[T]: x {" + "{" * 5000 + "}" * 5000 + "}\n  + y\n",
    "deep relations": "[T]: x\n" + "".join("  " * (i + 1) + f"+ c{i}\n" for i in range(2000)),
    "long chain": "<A>\n\n(1) a\n" + "".join(f"----\n({i}) c{i}\n" for i in range(2, 3000)),
    "unclosed title": "[T]: x\n  + " + "[" * 20000 + "\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=list(HOSTILE))
def test_hostile_argdown_gives_maps_or_located_errors_quickly(text):
    try:
        imported = import_maps(text, "argdown")
    except argmap.ArgmapError as error:
        assert error.issues[0].code in ("E501", "E009")
    else:
        assert imported.maps


@pytest.mark.parametrize("text", ["[" * 100_000, '{"nodes": 5}', "[]", '{"nodes": [1]}', ""])
def test_hostile_aif_is_a_located_error(text):
    with pytest.raises(argmap.ArgmapError) as caught:
        import_maps(text, "aif")
    assert caught.value.issues[0].code == "E501"


TAMPERED = [
    ("mark", True, "`mark`"),
    ("group", {"x": 1}, "`group`"),
    ("note", ["a"], "`note`"),
    ("basis", "book", "`basis`"),
    ("id", "two words", "`id`"),
    ("tags", "one", "`tags`"),
]


@pytest.mark.parametrize(("key", "value", "named"), TAMPERED, ids=[t[0] for t in TAMPERED])
def test_argmaps_own_fields_edited_wrongly_in_aif_are_errors_naming_the_node(
    runner, tmp_path, key, value, named
):
    """argmap's AIF carries each claim's fields; a wrong one edited in by hand is an E501
    that names the field and the node, and no map is written."""
    document = to_aif(argmap.load(SUMMIT))
    node = next(n for n in document["nodes"] if n["type"] == "I" and n["nodeID"] != "thesis")
    node["argmap"][key] = value
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(document))
    result = runner.invoke(cli, ["import", str(source), "-o", str(tmp_path / "maps/")])
    assert result.exit_code == 1, result.output
    assert f"error[E501]: argmap's field {named}" in result.output
    assert f"(on node `{node['nodeID']}`)" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "maps").exists()


def test_argmaps_own_links_and_texts_in_aif_come_from_the_graph_not_the_fields():
    """Links and texts are the graph's to say: a node's `argmap` fields cannot add a link
    or change the text it is drawn with."""
    document = to_aif(argmap.load(SUMMIT))
    node = next(n for n in document["nodes"] if n["type"] == "I" and n["nodeID"] != "thesis")
    node["argmap"].update(supports=5, reasons="x", text={"a": 1})
    edited = import_maps(json.dumps(document), "aif").maps[0].yaml
    assert edited == import_maps(aif_text(argmap.load(SUMMIT)), "aif").maps[0].yaml


def test_sections_join_the_groups_the_frontmatter_declares():
    """A map whose frontmatter declares groups keeps them, and a section its claims are in
    becomes one more group (it once went missing, and the map failed its check: E202)."""
    text = (
        "===\nargmap: {title: T, groups: [{id: costs, label: Costs}]}\n===\n\n"
        "## Safety\n\n[Ban]: Schools should ban phones.\n  - [Reach]: Parents call.\n"
    )
    model = argmap.load(import_maps(text, "argdown").maps[0].yaml)
    assert [(g.id, g.label) for g in model.groups] == [("costs", "Costs"), ("safety", "Safety")]
    assert model.thesis.group == "safety"


def test_an_inference_rule_between_long_dash_lines_is_skipped():
    text = "<A>\n\n(1) p\n(2) q\n-----\n...with a rule\n-----\n(3) [C]: c\n  + r\n"
    model = argmap.load(import_maps(text, "argdown").maps[0].yaml)
    assert [p.text for p in model.thesis.reasons[0].premises] == ["p", "q"]


def test_an_indented_relation_after_a_blank_line_belongs_to_the_element_above():
    model = argmap.load(import_maps("[A]: a\n\n    + b\n", "argdown").maps[0].yaml)
    assert model.thesis.text == "a" and model.thesis.reasons[0].text == "b"


def test_list_items_are_statements_of_their_own():
    graph = read_argdown("* [One]: first\n* [Two]: second\n  + three\n")
    assert graph.statements["[One]"].text == "first"
    assert graph.statements["[Two]"].text == "second"


def test_xaif_wrapped_in_an_aif_key_is_read_too():
    """OVA 3 and the argument-mining services wrap AIF as {"AIF": {...}, "text": ...}."""
    document = {
        "AIF": {
            "nodes": [
                {"nodeID": "1", "text": "Parks need more benches.", "type": "I"},
                {"nodeID": "2", "text": "Older visitors need to rest.", "type": "I"},
                {"nodeID": "3", "text": "Default Inference", "type": "RA"},
                {"nodeID": "4", "text": "Ann: older visitors need to rest", "type": "L"},
            ],
            "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
            "locutions": [],
            "participants": [],
        },
        "text": "Ann: older visitors need to rest.",
    }
    model = argmap.load_aif(json.dumps(document))
    assert model.thesis.text == "Parks need more benches."
    assert model.thesis.reasons[0].text == "Older visitors need to rest."


def _aif(nodes: list[tuple[int, str, str]], edges: list[tuple[int, int]]) -> str:
    return json.dumps(
        {
            "nodes": [{"nodeID": n, "type": kind, "text": text} for n, kind, text in nodes],
            "edges": [{"edgeID": i, "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
        }
    )


def test_a_chain_of_rephrasings_keeps_every_wording_on_the_claim_drawn():
    """A as B, B as C, where only A is in the argument: B and C both survive in A's note,
    and the warning says they were kept, not left out."""
    text = _aif(
        [
            (1, "I", "Taxes on sugar are right."),
            (2, "I", "Sugar harms health."),
            (3, "RA", "Default Inference"),
            (4, "I", "Sugar is bad for you."),
            (5, "MA", "Default Rephrase"),
            (6, "I", "Sugar damages your body."),
            (7, "MA", "Default Rephrase"),
        ],
        [(2, 3), (3, 1), (2, 5), (5, 4), (4, 7), (7, 6)],
    )
    imported = import_maps(text, "aif")
    note = argmap.load(imported.maps[0].yaml).thesis.reasons[0].note
    assert note == "Also worded: Sugar is bad for you. Also worded: Sugar damages your body."
    messages = [issue.message for issue in imported.issues if issue.code == "W502"]
    assert messages == [
        "2 statement(s) related only as a rephrase (MA) of a claim drawn were kept as its "
        "wording, in its note `Also worded: …` (4; 6)"
    ]


@pytest.mark.parametrize(
    "nodes, edges, says",
    [
        ([(1, "I", "One claim.")], [], "nothing to import"),
        ([(1, "I", "One claim."), (2, "I", "Another.")], [], "nothing to import"),
        (
            [(1, "I", "One claim."), (2, "I", "The same, reworded."), (3, "MA", "Rephrase")],
            [(1, 3), (3, 2)],
            "its 1 MA relation says that wordings rephrase each other",
        ),
    ],
    ids=["one statement", "two statements", "only a rephrase"],
)
def test_aif_with_nothing_to_draw_is_e502_naming_what_it_found(nodes, edges, says):
    with pytest.raises(argmap.ArgmapError) as caught:
        import_maps(_aif(nodes, edges), "aif")
    (issue,) = [i for i in caught.value.issues if i.code == "E502"]
    assert says in issue.message


def test_import_to_dash_prints_instead_of_making_a_folder(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = Path("w.argdown")
    source.write_text("[T]: We act.\n  + [P]: It is cheap.\n")
    result = runner.invoke(cli, ["import", str(source), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "text: We act." in result.output and not Path("-").exists()
