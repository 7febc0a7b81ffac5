"""No input crashes argmap, hangs it or loses a file; engines that misbehave are reported."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import time

import pytest

import argmap
from argmap.cli import cli

from .conftest import CASES, ROOT, rewrite_svg


def _no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


@pytest.mark.parametrize("path", sorted((CASES / "bad").glob("*.yaml")), ids=lambda p: p.name)
def test_bad_inputs_give_located_errors_fast_on_every_command(runner, path, tmp_path):
    for command in (["check"], ["render", "-o", str(tmp_path / "x.svg")], ["outline"]):
        started = time.monotonic()
        result = runner.invoke(cli, [*command, str(path)])
        _no_traceback(result)
        assert result.exit_code in (1, 2), (command, result.output)
        assert f"{path}:" in result.output
        assert time.monotonic() - started < 10
    assert not (tmp_path / "x.svg").exists()


def test_ten_megabyte_file(runner, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("title: Big\nthesis:\n  text: " + "word " * 2_100_000 + "\n")
    result = runner.invoke(cli, ["check", str(big)])
    assert result.exit_code == 1 and "E009" in result.output
    assert "--max-bytes" in result.output


def test_hundred_thousand_claims(runner, tmp_path):
    huge = tmp_path / "huge.yaml"
    items = "".join(f"    - text: Claim number {i}.\n" for i in range(100_000))
    huge.write_text(f"title: Huge\nthesis:\n  text: Root.\n  reasons:\n{items}")
    started = time.monotonic()
    result = runner.invoke(cli, ["check", "--max-bytes", str(10**7), str(huge)])
    assert result.exit_code == 1 and "E009" in result.output and "--max-claims" in result.output
    assert time.monotonic() - started < 10


def test_metacharacters_round_trip_into_the_svg():
    import xml.etree.ElementTree as ET

    model = argmap.load(CASES / "good" / "metachars.yaml")
    svg = argmap.render(model)
    root = ET.fromstring(svg)
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert model.title in titles
    for claim in (model.thesis, *model.thesis.reasons):
        assert claim.text in titles
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<b>tags</b>" in texts and "]]>" in texts
    assert model.thesis.label in texts  # "<TABLE> \\N \\G \\l": no Graphviz escapes expanded


def test_unsafe_links_are_dropped_from_svg():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<g id="graph0" class="graph">\n<title>argmap</title>\n'
        b'<g id="a"><a xlink:href="javascript:alert(1)"><text>x</text></a></g>'
        b'<g id="b"><a xlink:href="https://example.org"><text>y</text></a></g></g></svg>'
    )
    out = rewrite_svg(svg).decode()
    assert "javascript" not in out and 'xlink:href="https://example.org"' in out


def _fake(tmp_path, body: str):
    script = tmp_path / "fake-graphviz"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("cat >/dev/null; sleep 30", "took longer than 1 s"),
        ("cat >/dev/null; kill -SEGV $$", "crashed (SIGSEGV)"),
        (
            "cat >/dev/null; echo 'Error: <stdin>: syntax error in line 3' >&2; exit 1",
            "syntax error in line 3",
        ),
        ("cat >/dev/null; exit 0", "failed with exit status 0"),
    ],
)
def test_misbehaving_engine_is_reported_in_plain_words(
    runner, tmp_path, monkeypatch, body, expected
):
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_PURE", _fake(tmp_path, body))
    out = tmp_path / "out.svg"
    out.write_text("previous")
    started = time.monotonic()
    result = runner.invoke(
        cli,
        [
            "render",
            str(CASES / "good" / "minimal.yaml"),
            "-o",
            str(out),
            "--engine",
            "pure",
            "--timeout",
            "1",
        ],
    )
    _no_traceback(result)
    assert result.exit_code == 2
    assert expected in result.output
    assert out.read_text() == "previous"
    assert time.monotonic() - started < 10


def test_missing_engine_gives_the_install_hint(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_PURE", str(tmp_path / "absent"))
    monkeypatch.setenv("ARGMAP_DOT", str(tmp_path / "absent"))
    result = runner.invoke(
        cli, ["render", str(CASES / "good" / "minimal.yaml"), "-o", str(tmp_path / "x.svg")]
    )
    assert result.exit_code == 2
    assert (
        "pip install graphviz-pure" in result.output and "apt-get install graphviz" in result.output
    )


def _digest(folder) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_inputs_are_never_modified(runner, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "maps", project / "maps")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "pyproject.toml").write_text("")
    before = _digest(project)
    summit = str(project / "maps" / "summit.yaml")
    for command in (
        ["check", summit],
        ["outline", summit],
        ["render", summit, "-o", str(tmp_path / "s.svg")],
        ["render", summit, "--steps", "-o", str(tmp_path / "steps")],
        ["build", str(project / "maps"), "-o", str(tmp_path / "site")],
    ):
        assert runner.invoke(cli, command).exit_code == 0, command
    assert _digest(project) == before


def test_output_write_failure_keeps_old_file(runner, tmp_path, monkeypatch):
    out = tmp_path / "out.svg"
    out.write_text("previous")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = runner.invoke(cli, ["render", str(CASES / "good" / "minimal.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and "No space left" in result.output
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]


def test_a_reader_that_stops_early_gets_no_error_message(tmp_path):
    """`argmap check maps | head -1` printed "error[E012]: cannot write: Broken pipe"."""
    import subprocess
    import sys

    target = tmp_path / "m.yaml"
    target.write_text("title: t\nthesis:\n  text: T is so.\n")
    command = [sys.executable, "-m", "argmap", "render", str(target), "-o", "-"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before argmap has written a byte
    said = process.stderr.read()
    assert process.wait(timeout=60) == 2 and b"Traceback" not in said and b"E012" not in said
