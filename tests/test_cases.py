"""Data-driven: every good map checks clean, every bad map gives its code at its line."""

from __future__ import annotations

import json

import pytest

from argmap.cli import cli

from .conftest import CASES, MAPS, bad_cases

GOOD = sorted((CASES / "good").glob("*.yaml")) + MAPS


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_maps_check_clean(path, runner):
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


@pytest.mark.parametrize(("name", "code", "line"), bad_cases(), ids=lambda v: str(v))
def test_bad_maps_report_code_and_line(name, code, line, runner):
    result = runner.invoke(cli, ["check", "--format", "json", str(CASES / "bad" / name)])
    assert result.exit_code == 1, result.output
    issues = json.loads(result.output)["issues"]
    assert (issues[0]["code"], issues[0]["line"]) == (code, line), issues
    assert all(issue["message"] for issue in issues)


def test_every_bad_file_is_listed():
    listed = {name for name, _, _ in bad_cases()}
    on_disk = {p.name for p in (CASES / "bad").iterdir() if p.name != "expected.txt"}
    assert listed == on_disk
