"""Every message a first-time user met, right: located, and with a hint that fixes it."""

from __future__ import annotations

import shutil

import pytest

import argmap
from argmap.cli import cli
from argmap.present.slidefit import fit_for_size

from .conftest import ROOT, SUMMIT

MAP = "title: t\nthesis:\n  text: A claim.\n"


def _check(tmp_path, text: str, name: str = "map.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return argmap.check(path)


def _codes(issues):
    return [(i.code, i.line) for i in issues]


def test_a_comma_in_a_flow_mapping_says_to_quote_the_value(tmp_path):
    text = MAP + "  basis: {kind: publication, citation: Ward et al., 2017}\n"
    [issue] = _check(tmp_path, text)
    assert issue.code == "E101" and issue.line == 4
    assert 'citation: "Ward et al., 2017"' in issue.hint
    fixed = text.replace("Ward et al., 2017", '"Ward et al., 2017"')
    assert _check(tmp_path, fixed) == []


@pytest.mark.parametrize(
    ("basis", "fixed", "line"),
    [
        ("  basis: example\n", "  basis: {kind: example}\n", 4),
        ("  basis:\n    - kind: example\n", "  basis:\n    kind: example\n", 5),
    ],
)
def test_basis_hints_lead_to_a_valid_map(tmp_path, basis, fixed, line):
    [issue] = _check(tmp_path, MAP + basis)
    assert issue.code == "E103" and issue.line == line
    assert "basis" in issue.hint and "text:" not in issue.hint
    assert _check(tmp_path, MAP + fixed) == []


def test_a_bad_colour_is_reported_on_its_own_line(tmp_path):
    text = 'style:\n  colors:\n    support: "#123456"\n    attack: "#12345"\n' + MAP
    [issue] = _check(tmp_path, text)
    assert (issue.code, issue.line, issue.col) == ("E103", 4, 13)
    unknown = _check(
        tmp_path, 'style:\n  colors:\n    support: "#123456"\n    atack: "#123456"\n' + MAP
    )
    assert (unknown[0].line, unknown[0].col) == (4, 5) and "attack" in unknown[0].message


def test_invalid_values_do_not_hide_the_later_checks(tmp_path):
    text = MAP.replace("  text", "  id: 1bad\n  step: two\n  text") + (
        "  reasons:\n    - text: x\n      supports: [nothere]\n    - text: y\n      id: 1bad\n"
    )
    issues = _check(tmp_path, text)
    assert ("E103", 3) in _codes(issues) and ("E103", 4) in _codes(issues)
    assert ("E202", 8) in _codes(issues)  # found in the same pass
    assert not any("1bad" in i.message for i in issues if i.code == "E202")


def test_a_cross_link_to_a_reason_says_so(tmp_path):
    text = MAP + (
        "  reasons:\n    - id: r1\n      premises:\n        - text: a\n        - text: b\n"
        "    - text: c\n      supports: [r1]\n"
    )
    [issue] = _check(tmp_path, text)
    assert issue.code == "E202" and "is the id of a reason" in issue.message
    assert "premise" in issue.hint


def test_a_teachers_plain_folder_needs_no_flags(tmp_path):
    course = tmp_path / "course"
    (course / "maps").mkdir(parents=True)
    (course / "texts").mkdir()
    (course / "texts" / "a.txt").write_text("The quoted words are here.\n")
    text = "source: {text: ../texts/a.txt}\n" + MAP + "  quote: The quoted words are\n"
    assert _check(course / "maps", text) == []


def test_a_source_outside_the_project_says_how_to_fix_it_for_good(tmp_path):
    (tmp_path / "deep" / "maps" / "unit1").mkdir(parents=True)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("words\n")
    text = "source: {text: ../../../texts/a.txt}\n" + MAP
    [issue] = _check(tmp_path / "deep" / "maps" / "unit1", text)
    assert issue.code == "E208" and "argmap.toml" in issue.hint
    (tmp_path / "argmap.toml").write_text("")
    assert _check(tmp_path / "deep" / "maps" / "unit1", text) == []


def test_watch_of_a_missing_file_exits_2(runner, tmp_path):
    result = runner.invoke(cli, ["watch", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}: error[E001]: no such file" in result.output
    assert ":0:0" not in result.output


def test_render_steps_into_a_picture_name_is_refused(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(SUMMIT), "--steps", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2 and "folder" in result.output
    assert not (tmp_path / "x.svg").exists()


def test_render_of_several_maps_creates_the_folder(runner, tmp_path):
    maps = [str(m) for m in sorted((ROOT / "maps").glob("*.yaml"))[:2]]
    result = runner.invoke(cli, ["render", *maps, "-o", f"{tmp_path / 'new'}/", "--slide", "none"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "new").glob("*.svg"))) == 2


def test_a_huge_png_is_refused_at_once_with_the_scale_that_fits(runner, tmp_path):
    out = tmp_path / "big.png"
    result = runner.invoke(cli, ["render", str(SUMMIT), "--scale", "10", "-o", str(out)])
    assert result.exit_code == 1 and "E009" in result.output
    assert "--scale" in result.output and "--max-pixels" in result.output
    assert not out.exists()


def test_slide_fit_compares_what_it_prints():
    fit = fit_for_size(960 * 18 / 17.96, 100, 18, "16:9")  # 17.96 pt prints as 18.0
    assert fit.readable
    assert not fit_for_size(960 * 18 / 17.9, 100, 18, "16:9").readable


def test_outlines_agree_and_cite_the_source(runner, tmp_path):
    text = runner.invoke(cli, ["outline", str(SUMMIT)]).stdout.splitlines()
    markdown = runner.invoke(cli, ["outline", "-f", "md", str(SUMMIT)]).stdout.splitlines()
    assert text[1].startswith("Source: Illusions of a summit with Russia, Park Sung-soo")
    assert any(line.startswith("Source: Illusions") for line in markdown)
    thesis = next(i for i, line in enumerate(markdown) if line.startswith("- **Thesis:**"))
    assert all(line.startswith("  ") for line in markdown[thesis + 1 :] if line)
    heads = [line.strip().split(":", 1)[0] for line in text[2:]]
    md_heads = [
        # As a reader shows them: Markdown's escapes (`\[against\]`) are not seen.
        line.strip()[4:].split(":**", 1)[0].replace("\\", "")
        for line in markdown
        if line.strip().startswith("- **")
    ]
    assert heads == md_heads  # `because (label)`, `but`, … the same, in the same order


def test_errors_and_format_docs_agree_on_sources_and_links():
    errors = (ROOT / "docs" / "errors.md").read_text()
    fmt = (ROOT / "docs" / "format.md").read_text()
    assert "project folder" in errors and "project folder" in fmt
    for scheme in ("http", "https", "mailto"):
        assert scheme in errors.split("E207")[1].split("\n")[0]
        assert scheme in fmt.split("E207")[0].rsplit("Links", 1)[1]


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    return tmp_path


_HEAD = "title: t\nthesis:\n  text: A thesis here.\n"


@pytest.mark.parametrize(
    "text, code, said, not_said",
    [
        (
            _HEAD + "  reasons:\n    - premise:\n        - text: A premise.\n",
            "E101",
            "did you mean `premises`?",
            "missing required key",
        ),
        (_HEAD + "  because:\n    - text: A reason.\n", "E101", "`reasons`", "allowed keys"),
        (
            "title: t\nthesis:\n  text:\n  reasons:\n    - text: A reason.\n",
            "E103",
            "has no value: write it after the colon",
            "quotes",
        ),
        (
            "title: t\nthesis:\n  - text: One.\n  - text: Two.\n",
            "E103",
            "a map has one thesis",
            "on its own line",
        ),
        (
            _HEAD + "  reasons:\n    - text: A reason.\n   - text: Another.\n",
            "E004",
            "move this `- ` to column 5 (under line 5)",
            "did not find expected",
        ),
        (
            _HEAD + "  reasons:\n    - text: a\n    text: b\n",
            "E004",
            "a key of that item starts at column 7",
            "indicator",
        ),
        (
            _HEAD + "  objections:\n    - text: An objection.\n      rebuttals:\n"
            "        - The school office can pass on an urgent call within minutes.\n",
            "E103",
            "write `text: The school office can pass on an urgent…`",
            "urgent c`",
        ),
    ],
    ids=["premise", "because", "empty text", "thesis list", "dash column", "key column", "cut"],
)
def test_beginners_mistakes_get_plain_words(tmp_path, text, code, said, not_said):
    path = tmp_path / "m.yaml"
    path.write_text(text)
    issues = argmap.check(path)
    assert [i.code for i in issues if i.severity == "error"][:1] == [code], issues
    words = " ".join(f"{i.message} {i.hint}" for i in issues)
    assert said in words and not_said not in words, words


def test_a_source_path_from_the_working_folder_gets_the_path_from_the_map(tmp_path, monkeypatch):
    (tmp_path / "argmap.toml").write_text("")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Some words of the text.\n")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "m.yaml").write_text(
        "title: t\nsource: {text: texts/a.txt}\nthesis:\n  text: A thesis.\n"
    )
    monkeypatch.chdir(tmp_path)
    issues = argmap.check("maps/m.yaml")
    assert [i.code for i in issues] == ["E206"] and "`text: ../texts/a.txt`" in issues[0].hint
