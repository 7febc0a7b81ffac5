"""README, docs and --help stay true to the code."""

from __future__ import annotations

import re

import pytest

from argmap.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text()


def _shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    first, second = _shell_blocks(README)[:2]
    assert "argmap render maps/summit.yaml" in first and "pip install" in first
    assert "pytest" in second
    assert second in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_readme_and_has_help(runner, name):
    assert f"argmap {name}" in README
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage: argmap" in result.output


def test_render_options_in_readme_exist():
    help_text = " ".join(
        param.opts[-1] for param in cli.commands["render"].params if hasattr(param, "opts")
    )
    for option in re.findall(r"`(--[a-z-]+)", README):
        if option in ("--steps", "--slide", "--max-bytes", "--max-claims", "--source-root"):
            continue
        assert any(
            option in " ".join(getattr(p, "opts", []))
            for command in cli.commands.values()
            for p in command.params
        ), option
    assert "--steps" in help_text and "--slide" in help_text


def test_limits_doc_names_real_options():
    limits = (ROOT / "docs" / "limits.md").read_text()
    options = {
        opt
        for command in cli.commands.values()
        for p in command.params
        for opt in getattr(p, "opts", [])
    }
    for option in re.findall(r"`(--[a-z-]+)`", limits):
        assert option in options, option
