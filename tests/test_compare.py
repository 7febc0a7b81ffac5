"""argmap compare and diff: matching, each kind of finding, the score, the class report."""

from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.assess.changes import diff
from argmap.assess.compare import compare
from argmap.assess.rubric import CODES, KINDS, Rubric, read_rubric
from argmap.cli import cli
from argmap.errors import ArgmapError
from argmap.format.loader import Loaded, run_checks

from .conftest import MAPS, ROOT
from .test_properties import claims

CLASS = ROOT / "maps" / "class"
KEY = CLASS / "key.yaml"
sys.path.insert(0, str(ROOT / "bench"))


def _loaded(path: Path) -> Loaded:
    """A map that validated (quote errors of a draft and all), as compare and diff take."""
    loaded = run_checks(path).loaded()
    assert loaded is not None
    return loaded


@pytest.fixture
def project(tmp_path):
    """A project folder with the seeds, where student maps are written."""
    (tmp_path / "maps").mkdir()
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "argmap.toml").write_text("")
    return tmp_path


def _data(path):
    model = argmap.load(path)
    data = model.model_dump(exclude_defaults=True, by_alias=True, mode="json")
    if model.source and model.source.text:
        data["source"]["text"] = "../seeds/" + model.source.text.rsplit("/", 1)[-1]
    return data


def _write(project, name, data):
    path = project / "maps" / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


@pytest.mark.parametrize("path", [*MAPS, KEY], ids=lambda p: p.stem)
def test_a_map_against_itself_scores_100_with_no_findings(path):
    checked = _loaded(path)
    result = compare(checked, checked)
    assert result.score == 100 and result.findings == []
    assert len(result.matches) == len(checked.tree.claims)
    assert result.matches[0].why == "thesis"


def test_ids_never_matter_and_claims_match_by_their_quotes(project):
    from perturb import rename

    data = _data(ROOT / "maps" / "summit.yaml")
    changed, _ = rename(data, random.Random(1))
    key, student = _loaded(_write(project, "key.yaml", data)), None
    student = _loaded(_write(project, "s.yaml", changed))
    result = compare(student, key)
    assert result.score == 100 and not result.findings
    assert any(m.why.startswith("quote overlap") for m in result.matches)
    assert {m.student for m in result.matches} != {m.key for m in result.matches}


def test_a_map_with_nothing_of_the_key_scores_0(project):
    path = _write(
        project, "s.yaml", {"title": "t", "thesis": {"text": "Trains are faster than buses."}}
    )
    result = compare(_loaded(path), _loaded(KEY))
    assert result.score == 0
    assert {f.kind for f in result.findings} == {"missing", "implicit"}


@pytest.mark.parametrize(
    ("student", "kinds"),
    [
        ("ana", {"implicit"}),
        ("ben", {"missing", "side", "parent", "attack-kind"}),
        ("chloe", {"missing", "split", "quote", "extra"}),
    ],
)
def test_the_class_examples_find_what_each_student_did(student, kinds):
    result = compare(_loaded(CLASS / "students" / f"{student}.yaml"), _loaded(KEY))
    assert {f.kind for f in result.findings} == kinds
    for finding in result.findings:
        assert finding.issue.code == CODES[finding.kind] and finding.issue.line > 0
        assert finding.issue.file.endswith(f"{student}.yaml") and finding.issue.hint
    assert 0 < result.score < 100


@pytest.mark.parametrize(
    "kind", ["drop", "move", "flip", "split", "merge", "attack-kind", "requote", "drop-premise"]
)
def test_each_perturbation_of_a_real_map_is_found(project, kind):
    """The known answer and nothing else, on the example maps (bench/perturb.py)."""
    import compare_truth
    from perturb import PERTURBATIONS, requote

    found_any = False
    for path in MAPS:
        data = compare_truth.tagged(_data(path))
        key = _loaded(_write(project, "key.yaml", data))
        sentences = (
            [s for s in key.source.normal.split(". ") if len(s.split()) > 6] if key.source else []
        )
        rng = random.Random(kind)
        for _ in range(3):
            made = (
                requote(data, rng, sentences)
                if kind == "requote"
                else PERTURBATIONS[kind](data, rng)
            )
            if made is None:
                continue
            changed, answer = made
            student = _loaded(_write(project, "s.yaml", changed))
            if not student.ok:
                continue
            expected = {(k, compare_truth._tag(data, p)) for k, p in answer}
            assert compare_truth._found(compare(student, key), key, student) == expected
            found_any = True
    assert found_any


def test_the_truth_benchmark_holds_on_a_sample(tmp_path):
    """bench/compare_truth.py in small: precision and recall of at least 0.95."""
    import compare_truth

    keys = compare_truth.example_keys() + compare_truth.generated_keys(2)
    try:
        tally = compare_truth.cases(keys, per=2)
    finally:
        for _, _, folder in keys:
            shutil.rmtree(folder)
    from collections import Counter

    total: Counter[str] = Counter()
    for counts in tally.values():
        total.update(counts)
    precision, recall = compare_truth._ratios(total)
    assert total["cases"] > 80 and precision >= 0.95 and recall >= 0.95, total


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(claims(2))
def test_generated_maps_against_themselves_score_100(tmp_path_factory, thesis):
    path = tmp_path_factory.mktemp("m") / "m.yaml"
    path.write_text(yaml.safe_dump({"title": "t", "thesis": thesis}, allow_unicode=True))
    checked = _loaded(path)
    if not checked.ok:
        return
    result = compare(checked, checked)
    assert result.score == 100 and result.findings == []


def test_the_rubric_weighs_each_kind(tmp_path):
    student, key = _loaded(CLASS / "students" / "ben.yaml"), _loaded(KEY)
    default = compare(student, key).score
    harsh = compare(student, key, Rubric({**Rubric().weights, "attack-kind": 1.0})).score
    assert harsh < default
    rubric = read_rubric({"weights": {"attack-kind": 0}, "wording": 0.6}, "r.yaml")
    assert compare(student, key, rubric).score > default
    with pytest.raises(ArgmapError) as error:
        read_rubric({"weights": {"sides": 1}}, "r.yaml")
    assert "did you mean `side`" in error.value.issues[0].hint
    with pytest.raises(ArgmapError):
        read_rubric({"wording": 2}, "r.yaml")


def test_compare_prints_located_findings_and_the_score(runner):
    result = runner.invoke(cli, ["compare", str(CLASS / "students" / "ben.yaml"), str(KEY)])
    assert result.exit_code == 0, result.output
    assert "ben.yaml:" in result.output and "warning[C103]" in result.output
    assert "help: " in result.output
    assert (
        result.output.rstrip().splitlines()[-1].startswith(f"{CLASS / 'students' / 'ben.yaml'}: ")
    )


def test_compare_json_has_the_documented_shape(runner):
    args = ["compare", str(CLASS / "students" / "chloe.yaml"), str(KEY), "--format", "json"]
    result = runner.invoke(cli, args)
    data = json.loads(result.output)
    assert set(data) == {"score", "matches", "findings"}
    assert set(data["matches"][0]) == {"student", "key", "why"}
    fields = {"code", "kind", "student", "key", "file", "line", "col", "message", "hint"}
    assert all(set(f) == fields for f in data["findings"])
    missing = [f for f in data["findings"] if f["kind"] == "missing"]
    assert missing and all(f["student"] is None and f["key"] for f in missing)
    extra = [f for f in data["findings"] if f["kind"] == "extra"]
    assert extra and extra[0]["key"] is None and extra[0]["student"]
    assert {f["kind"] for f in data["findings"]} <= set(KINDS)


def test_compare_draws_the_marked_map(runner, tmp_path):
    out = tmp_path / "marked.svg"
    args = ["compare", str(CLASS / "students" / "ben.yaml"), str(KEY), "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    svg = out.read_text()
    assert 'class="node claim premise' in svg and " ghost" in svg and " error" in svg
    assert "the other side in the key" in svg and "missing: in the key" in svg
    png = tmp_path / "marked.png"
    args[-1] = str(png)
    assert runner.invoke(cli, args).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    bad = runner.invoke(cli, [*args[:-1], str(tmp_path / "marked.txt")])
    assert bad.exit_code == 2 and not (tmp_path / "marked.txt").exists()


_EVE = """title: Eve
source:
  text: ../../../seeds/illusions-of-a-summit-with-russia.txt
thesis:
  text: Kim Jong-un should abandon the illusion of a summit with Putin.
  quote: Kim should give up his summit dreams.
  reasons:
    - text: Russia's economy is in crisis.
"""


def test_a_draft_is_compared_and_says_so(runner, tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    eve = tmp_path / "maps" / "class" / "students" / "eve.yaml"
    eve.parent.mkdir(parents=True)
    eve.write_text(_EVE)
    (tmp_path / "argmap.toml").write_text("")
    result = runner.invoke(cli, ["compare", str(eve), str(KEY)])
    assert result.exit_code == 1
    assert "E205" in result.output and "compared as a draft" in result.output


def test_a_broken_key_or_bad_rubric_stops_with_its_error(runner, tmp_path):
    broken = tmp_path / "key.yaml"
    broken.write_text("title: t\nthesis: [\n")
    assert runner.invoke(cli, ["compare", str(KEY), str(broken)]).exit_code == 1
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("weights: {sidee: 2}\n")
    args = ["compare", str(KEY), str(KEY), "--rubric", str(rubric)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and "E013" in result.output and "`side`" in result.output
    result = runner.invoke(cli, ["compare", str(KEY), str(KEY), "--weight", "side"])
    assert result.exit_code == 2 and "KIND=NUMBER" in result.output
    result = runner.invoke(cli, ["compare", str(KEY), str(KEY), "--weight", "side=1"])
    assert result.exit_code == 0 and "100 of 100" in result.output


def test_a_class_report(runner, tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(CLASS, tmp_path / "maps" / "class")
    (tmp_path / "argmap.toml").write_text("")
    students = tmp_path / "maps" / "class" / "students"
    (students / "broken.yaml").write_text("title: t\nthesis: [\n")
    (students / "eve.yaml").write_text(_EVE)
    out = tmp_path / "report"
    key = tmp_path / "maps" / "class" / "key.yaml"
    result = runner.invoke(cli, ["compare", str(key), str(students), "-o", str(out)])
    assert result.exit_code == 1, result.output  # two maps with errors, listed
    rows = list(csv.DictReader((out / "grades.csv").open()))
    assert [row["file"].rsplit("/", 1)[-1] for row in rows] == [
        "ana.yaml",
        "ben.yaml",
        "broken.yaml",
        "chloe.yaml",
        "dev.yaml",
        "eve.yaml",
    ]
    by_name = {row["file"].rsplit("/", 1)[-1]: row for row in rows}
    assert by_name["broken.yaml"]["score"] == "" and "YAML" in by_name["broken.yaml"]["error"]
    assert float(by_name["ana.yaml"]["score"]) > float(by_name["dev.yaml"]["score"])
    assert by_name["ana.yaml"]["implicit"] == "1" and by_name["eve.yaml"]["error"]
    index = (out / "index.html").read_text()
    assert "ana.html" in index and "could not be compared" in index
    assert "Key claims most often missed" in index and "http" not in index
    page = (out / "ben.html").read_text()
    assert 'src="ben.svg"' in page and "C103" not in page and "side" in page
    assert (out / "ben.svg").read_text().count(" ghost") >= 1
    assert "[6/6]" in result.output


def test_diff_says_what_changed(runner, project):
    from perturb import flip

    old_data = _data(ROOT / "maps" / "phones-in-class.yaml")
    new_data = json.loads(json.dumps(old_data))
    new_data["thesis"]["objections"][0]["text"] = "Parents must be able to reach their children."
    new_data["thesis"]["objections"].append({"text": "Phones help look things up quickly."})
    new_data, _ = flip(new_data, random.Random(2))
    old, new = _write(project, "old.yaml", old_data), _write(project, "new.yaml", new_data)
    changes = diff(_loaded(old), _loaded(new))
    kinds = {c.kind for c in changes}
    assert {"added", "reworded", "side"} <= kinds, changes
    result = runner.invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 0 and "+ " in result.output and "reworded" in result.output
    data = json.loads(runner.invoke(cli, ["diff", str(old), str(new), "--format", "json"]).output)
    assert {"kind", "old", "new", "line", "message"} == set(data[0])
    same = runner.invoke(cli, ["diff", str(old), str(old)])
    assert same.output.strip() == "no change to the argument"
    git = runner.invoke(cli, ["diff", "m.yaml", str(old), "a1", "100644", str(new), "b2", "100644"])
    assert git.exit_code == 0 and "reworded" in git.output
    assert runner.invoke(cli, ["diff", str(old)]).exit_code == 2


def test_diff_works_as_gits_diff_driver(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("no git")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    (tmp_path / "argmap.toml").write_text("")
    target = tmp_path / "maps" / "phones.yaml"
    shutil.copy(ROOT / "maps" / "phones-in-class.yaml", target)
    argmap_command = shutil.which("argmap", path=str(ROOT / ".venv" / "bin")) or "argmap"

    def git(*args):
        return subprocess.run(
            ["git", "-C", str(tmp_path), *args], capture_output=True, text=True, check=True
        ).stdout

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    git("config", "diff.argmap.command", f"{argmap_command} diff")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=argmap\n")
    git("add", ".")
    git("commit", "-qm", "one")
    target.write_text(
        target.read_text().replace("Parents need to reach", "Parents must be able to reach")
    )
    output = git("diff")
    assert "reworded" in output and "Parents must be able" in output
