"""`argmap check`, `schema` and `new` through click's CliRunner."""

from __future__ import annotations

import json

import jsonschema
import yaml

from argmap.cli import cli
from argmap.format.schema import SCHEMA_FILE, schema_text

from .conftest import MAPS, SUMMIT


def test_check_all_maps(runner):
    result = runner.invoke(cli, ["check", *map(str, MAPS)])
    assert result.exit_code == 0, result.output
    assert f"{len(MAPS)} maps checked: no problems" in result.output


def test_text_report_has_location_line_and_caret(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nthesis:\n  txt: hi\n")
    result = runner.invoke(cli, ["check", str(bad)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{bad}:3:3: error[E101]: unknown key `txt`"
    assert lines[1] == "   3 |   txt: hi"
    assert lines[2] == "         ^"
    assert "did you mean `text`?" in lines[3]
    assert "1 error, 0 warnings" in result.output


def test_missing_file_is_exit_2(runner, tmp_path):
    result = runner.invoke(cli, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "E001" in result.output


def test_usage_error_is_exit_2(runner):
    assert runner.invoke(cli, ["check"]).exit_code == 2
    assert runner.invoke(cli, ["check", "--format", "xml", str(SUMMIT)]).exit_code == 2


def test_strict_fails_on_warnings(runner, tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("title: T\nthesis:\n  text: C\n  quote: C\n")
    assert runner.invoke(cli, ["check", str(path)]).exit_code == 0
    assert runner.invoke(cli, ["check", "--strict", str(path)]).exit_code == 1


def test_json_format(runner, tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("title: T\nthesis:\n  text: C\n  quote: C\n")
    data = json.loads(runner.invoke(cli, ["check", "--format", "json", str(path)]).output)
    assert data["warnings"] == 1
    assert set(data["issues"][0]) == {"file", "line", "col", "code", "message", "severity", "hint"}


def test_schema_is_in_sync_and_validates_every_map(runner):
    printed = runner.invoke(cli, ["schema"]).output
    assert printed == schema_text() == SCHEMA_FILE.read_text()
    validator = jsonschema.Draft202012Validator(json.loads(printed))
    for path in MAPS:
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text()))), path
        assert path.read_text().startswith("# yaml-language-server: $schema=")


def test_schema_describes_every_field():
    schema = json.loads(schema_text())
    for model in [schema, *schema["$defs"].values()]:
        for name, spec in model.get("properties", {}).items():
            assert spec.get("description") and spec.get("examples"), name


def test_new_writes_a_clean_starter_and_never_overwrites(runner, tmp_path):
    target = tmp_path / "m.yaml"
    result = runner.invoke(cli, ["new", str(target), "--title", "My: map"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "argmap.schema.json").exists()
    assert runner.invoke(cli, ["check", "--strict", str(target)]).exit_code == 0
    before = target.read_bytes()
    again = runner.invoke(cli, ["new", str(target)])
    assert again.exit_code == 2
    assert target.read_bytes() == before


def test_every_code_is_documented():
    from argmap.errors import CODES

    from .conftest import ROOT

    documented = (ROOT / "docs" / "errors.md").read_text()
    for code, meaning in CODES.items():
        assert f"| `{code}` | {meaning} |" in documented, code


def test_unreadable_file_names_no_line(runner, tmp_path):
    result = runner.invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{tmp_path}: error[E001]: this is a folder")
