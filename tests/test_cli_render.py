"""`argmap render` through CliRunner: targets, formats, stdout, folders, and safe failure."""

from __future__ import annotations

import itertools
import re
import shutil

import pytest

from argmap.cli import cli

from .conftest import CASES, SUMMIT


@pytest.fixture
def project(tmp_path):
    """A copy of the summit map and its seed, so renders beside the map stay in tmp."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SUMMIT, tmp_path / "maps" / "summit.yaml")
    for seed in (SUMMIT.parent.parent / "seeds").glob("*.txt"):
        shutil.copy(seed, tmp_path / "seeds" / seed.name)
    (tmp_path / "pyproject.toml").write_text("")
    return tmp_path


def test_default_target_is_beside_the_map(runner, project):
    result = runner.invoke(cli, ["render", str(project / "maps" / "summit.yaml")])
    assert result.exit_code == 0, result.output
    target = project / "maps" / "summit.svg"
    assert result.stdout.strip() == str(target)
    # Too big for one slide: no warning for a plain render, one tip pointing at decks.
    assert "W303" not in result.stderr and "warning" not in result.stderr
    tips = [line for line in result.stderr.splitlines() if line]
    assert len(tips) == 1 and tips[0].startswith("tip: ") and "argmap slides" in tips[0]
    assert target.read_bytes().startswith(b"<?xml")
    asked = runner.invoke(cli, ["render", str(project / "maps" / "summit.yaml"), "--slide", "16:9"])
    assert "warning[W303]" in asked.stderr


@pytest.mark.parametrize(
    ("name", "magic"), [("x.png", b"\x89PNG"), ("x.dot", b"digraph"), ("x.svg", b"<?xml")]
)
def test_format_from_suffix(runner, project, name, magic):
    out = project / name
    result = runner.invoke(cli, ["render", str(project / "maps" / "summit.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_format_option_wins_and_stdout(runner, project):
    result = runner.invoke(
        cli, ["render", str(project / "maps" / "summit.yaml"), "-f", "dot", "-o", "-"]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("digraph argmap {")


def test_several_maps_into_a_folder(runner, project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    other = CASES / "good" / "minimal.yaml"
    result = runner.invoke(
        cli,
        [
            "render",
            str(project / "maps" / "summit.yaml"),
            str(other),
            "-o",
            str(out),
            "-f",
            "png",
            "--scale",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["minimal.png", "summit.png"]


def test_broken_map_leaves_existing_output_untouched(runner, project):
    good = project / "maps" / "summit.yaml"
    out = project / "summit.svg"
    assert runner.invoke(cli, ["render", str(good), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    map_before = good.read_bytes()
    good.write_text(
        good.read_text().replace("label: Abandon the summit illusion", "lable: Abandon")
    )
    broken_bytes = good.read_bytes()
    result = runner.invoke(cli, ["render", str(good), "-o", str(out)])
    assert result.exit_code == 1
    assert "E101" in result.output
    assert out.read_bytes() == before
    assert good.read_bytes() == broken_bytes != map_before
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []


def test_missing_engine_names_both_ways_to_get_one(runner, project, monkeypatch):
    monkeypatch.setattr("argmap.draw.engine.available", lambda: [])
    result = runner.invoke(cli, ["render", str(project / "maps" / "summit.yaml")])
    assert result.exit_code == 2
    assert "graphviz-pure" in result.output and "apt-get install graphviz" in result.output


def test_usage_errors_exit_2(runner, project):
    summit = str(project / "maps" / "summit.yaml")
    assert runner.invoke(cli, ["render", summit, "--theme", "neon"]).exit_code == 2
    assert runner.invoke(cli, ["render", summit, summit, "-o", "-"]).exit_code == 2
    assert runner.invoke(cli, ["render", str(project / "nope.yaml")]).exit_code == 2


def test_steps_share_one_layout_and_grow(runner, project, tmp_path):
    import re

    out = tmp_path / "steps"
    result = runner.invoke(
        cli, ["render", str(project / "maps" / "summit.yaml"), "--steps", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("summit-step*.svg"))
    assert len(files) >= 4
    assert files[0].name == "summit-step01.svg"
    svgs = [f.read_text() for f in files]
    assert len({re.search(r'viewBox="([^"]+)"', svg).group(1) for svg in svgs}) == 1
    texts = [set(re.findall(r"<text[^>]*>([^<]+)</text>", svg)) for svg in svgs]
    for before, after in itertools.pairwise(texts):
        assert before <= after
        assert before != after
    full = runner.invoke(
        cli, ["render", str(project / "maps" / "summit.yaml"), "-o", "-", "--slide", "none"]
    ).stdout
    assert texts[-1] == set(re.findall(r"<text[^>]*>([^<]+)</text>", full))


def test_fragments_for_reveal_js(runner, project):
    result = runner.invoke(
        cli,
        [
            "render",
            str(project / "maps" / "summit.yaml"),
            "--steps",
            "fragments",
            "-o",
            "-",
            "--slide",
            "none",
        ],
    )
    assert result.exit_code == 0, result.output
    assert 'class="node claim thesis pro"' in result.stdout
    assert "fragment" in result.stdout and 'data-fragment-index="1"' in result.stdout


def test_outline_prints_every_claim(runner, project):
    import argmap
    from argmap.format.tree import build_tree

    summit = project / "maps" / "summit.yaml"
    result = runner.invoke(cli, ["outline", str(summit)])
    assert result.exit_code == 0
    for node in build_tree(argmap.load(summit)).claims:
        assert " ".join(node.claim.text.split()) in result.stdout
    for fmt, marker in (("md", "- **Thesis"), ("html", "<section")):
        assert marker in runner.invoke(cli, ["outline", "-f", fmt, str(summit)]).stdout


def test_outline_is_the_svg_description(runner, project):
    import xml.etree.ElementTree as ET

    summit = str(project / "maps" / "summit.yaml")
    svg = runner.invoke(cli, ["render", summit, "-o", "-", "--slide", "none"]).stdout_bytes
    desc = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}desc").text
    assert desc.strip() == runner.invoke(cli, ["outline", summit]).stdout.strip()


def test_slide_fit_warns_with_a_remedy(runner, project):
    result = runner.invoke(cli, ["check", "--slide", "16:9", str(project / "maps" / "summit.yaml")])
    assert result.exit_code == 0
    assert "W303" in result.output and "argmap slides" in result.output
    small = runner.invoke(cli, ["check", "--slide", "4:3", str(CASES / "good" / "minimal.yaml")])
    assert "W303" not in small.output
    strict = runner.invoke(
        cli, ["check", "--strict", "--slide", "16:9", str(project / "maps" / "summit.yaml")]
    )
    assert strict.exit_code == 1


def test_a_draft_draws_a_map_whose_only_errors_are_its_quotes(runner, project):
    summit = project / "maps" / "summit.yaml"
    text = summit.read_text()
    summit.write_text(text.replace("futile illusion of a summit", "useless dream of a summit"))
    out = project / "draft.svg"
    refused = runner.invoke(cli, ["render", str(summit), "-o", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    drawn = runner.invoke(cli, ["render", "--draft", str(summit), "-o", str(out)])
    assert drawn.exit_code == 1 and "error[E205]" in drawn.stderr and out.is_file()
    svg = out.read_text()
    marked = re.findall(r'<g id="([^"]+)" class="node claim[^"]* error"', svg)
    assert marked == ["abandon"] and "! QUOTE NOT IN THE TEXT" in svg
    # A structural error draws nothing, draft or not.
    summit.write_text(text.replace("opposes: [breakthrough]", "opposes: [no-such-claim]"))
    out.unlink()
    broken = runner.invoke(cli, ["render", "--draft", str(summit), "-o", str(out)])
    assert broken.exit_code == 1 and not out.exists()


def test_watch_draws_drafts_with_the_claims_marked(project):
    from argmap.draw.render import RenderOptions
    from argmap.limits import Limits
    from argmap.present.live import Watcher

    summit = project / "maps" / "summit.yaml"
    summit.write_text(summit.read_text().replace("futile illusion", "useless dream"))
    said: list[str] = []
    watcher = Watcher(
        summit,
        project / "w.svg",
        "svg",
        RenderOptions(),
        Limits(),
        on_result=lambda checked, message: said.append(message),
    )
    assert watcher.once() and "a draft: 1 claim(s) marked" in said[-1]
    assert ' error"' in (project / "w.svg").read_text()


def test_a_small_map_fits_a_slide_at_18_pt(runner, tmp_path):
    """phones-in-class (6 claims) drew at 17.4 pt: fitting now tries closer boxes last."""
    phones = SUMMIT.parent / "phones-in-class.yaml"
    rendered = runner.invoke(cli, ["render", str(phones), "-o", str(tmp_path / "p.svg")])
    assert rendered.exit_code == 0 and "tip:" not in rendered.stderr, rendered.stderr
    checked = runner.invoke(cli, ["check", "--slide", "16:9", str(phones)])
    assert checked.exit_code == 0 and "W303" not in checked.output
    size = re.search(
        r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', (tmp_path / "p.svg").read_text()
    )
    width, height = float(size.group(1)), float(size.group(2))
    assert 18 * min(1, 960 / width, 540 / height) >= 17.95
