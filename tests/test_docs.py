"""README, docs and --help stay true to the code."""

from __future__ import annotations

import re

import pytest

import argmap
from argmap.cli import cli

from .conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# The group loads its commands on demand; the tests look at all of them.
COMMANDS = {name: cli.get_command(None, name) for name in cli.list_commands(None)}


def test_every_lazy_command_is_found_under_its_own_name():
    assert all(command.name == name for name, command in COMMANDS.items())


README = (ROOT / "README.md").read_text()


def _shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    first, second = _shell_blocks(README)[:2]
    assert "argmap render maps/summit.yaml" in first and "pip install" in first
    assert "pytest" in second
    assert second in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_readme_and_has_help(runner, name):
    assert f"argmap {name}" in README
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage: argmap" in result.output
    # Examples keep their lines: click's no-rewrap marker is the character, not "\\b".
    assert "\\b" not in result.output
    for line in result.output.splitlines():
        if line.strip().startswith("argmap ") and "  " in line.strip():
            assert line.strip().count("argmap ") == 1, line


def test_render_options_in_readme_exist():
    help_text = " ".join(
        param.opts[-1] for param in COMMANDS["render"].params if hasattr(param, "opts")
    )
    for option in re.findall(r"`(--[a-z-]+)", README):
        if option in ("--steps", "--slide", "--max-bytes", "--max-claims", "--source-root"):
            continue
        assert any(
            option in " ".join(getattr(p, "opts", []))
            for command in COMMANDS.values()
            for p in command.params
        ), option
    assert "--steps" in help_text and "--slide" in help_text


def test_limits_doc_names_real_options():
    limits = (ROOT / "docs" / "limits.md").read_text()
    options = {
        opt
        for command in COMMANDS.values()
        for p in command.params
        for opt in getattr(p, "opts", [])
    }
    for option in re.findall(r"`(--[a-z-]+)`", limits):
        assert option in options, option


def _blocks(language: str) -> list[tuple[str, int, str]]:
    """(file name, block number, text) of every fenced block in README and docs/."""
    found = []
    for doc in DOCS:
        pattern = rf"```{language}\n(.*?)```"
        for number, block in enumerate(re.findall(pattern, doc.read_text(), flags=re.S)):
            found.append((doc.name, number, block))
    return found


@pytest.mark.parametrize(("doc", "number", "block"), _blocks("yaml"), ids=lambda v: str(v)[:20])
def test_every_yaml_block_in_the_docs_checks_clean(tmp_path, doc, number, block):
    import importlib

    import yaml

    named = re.findall(r"!!python/name:([\w.]+)", block)
    if named:  # an mkdocs.yml: the objects it names exist, and so does its plugin
        for dotted in named:
            module, name = dotted.rsplit(".", 1)
            assert callable(getattr(importlib.import_module(module), name)), dotted
        assert (
            '[project.entry-points."mkdocs.plugins"]\nargmap = '
            in (ROOT / "pyproject.toml").read_text()
        )
        return
    data = yaml.safe_load(block) or {}
    if "filters" in data:  # a Quarto configuration: the filter is a script argmap installs
        scripts = (ROOT / "pyproject.toml").read_text()
        assert all(f'\n{name} = "argmap.' in scripts for name in data["filters"])
        return
    if "repos" in data:  # a pre-commit configuration: its hooks are ours
        ours = {
            hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
        }
        used = {hook["id"] for repo in data["repos"] for hook in repo["hooks"]}
        assert used <= ours
        return
    if "weights" in data:  # a rubric for `argmap compare` (docs/compare.md)
        from argmap.assess.rubric import read_rubric

        read_rubric(data, doc)
        return
    text = block
    if "thesis" not in data:  # a fragment: shown inside the smallest map
        text = "title: A fragment\nthesis:\n  text: A claim.\n" + block
    quotes = re.findall(r"quote: (.+)", block)
    source = (data.get("source") or {}).get("text")
    if source:  # the example's source text holds what its quotes quote
        (tmp_path / source).write_text("\n".join(q.strip("\"'") for q in quotes) + "\n")
    (tmp_path / "argmap.toml").write_text("")
    (tmp_path / "map.yaml").write_text(text)
    errors = [i for i in argmap.check(tmp_path / "map.yaml") if i.severity == "error"]
    assert not errors, f"{doc} yaml block {number}: {errors}"


@pytest.mark.parametrize(("doc", "number", "block"), _blocks("sh"), ids=lambda v: str(v)[:20])
def test_every_shell_block_in_the_docs_runs(runner, tmp_path, monkeypatch, doc, number, block):
    """argmap commands run for real (in a copy of maps/ and seeds/); set-up steps name
    extras and scripts that exist."""
    import shutil

    for folder in ("maps", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "pyproject.toml").write_text("")
    monkeypatch.chdir(tmp_path)
    pyproject = (ROOT / "pyproject.toml").read_text()
    for step in (part.strip() for line in block.splitlines() for part in line.split("&&")):
        words = step.split()
        if words[0].endswith("argmap"):
            result = runner.invoke(cli, words[1:])
            assert result.exit_code == 0, f"{doc}: {step}: {result.output}"
        elif "pip" in words[0] and "install" in words:
            for extra in re.findall(r"\[(\w+)\]", step):
                assert f"\n{extra} = [" in pyproject, extra
        elif words[0].endswith("python") and len(words) > 1:
            assert (ROOT / words[1]).is_file(), step


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end > 0 else len(text)]


@pytest.mark.parametrize(
    "model, heading",
    [("ArgumentMap", "## Top level"), ("Claim", "## Claims"), ("View", "## Views")],
)
def test_every_field_of_the_model_is_in_the_format_reference(model, heading):
    from argmap.format import model as models

    section = _section((ROOT / "docs" / "format.md").read_text(), heading)
    keys = set(re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)?", section, re.MULTILINE))
    documented = {name for pair in keys for name in pair if name}
    fields = set(getattr(models, model).model_fields)
    assert fields <= documented, sorted(fields - documented)
