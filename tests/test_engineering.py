"""The seams the layout promises: layers, output planning, the cycle finder, SVG shape."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli.outputs import PlanError, plan_outputs
from argmap.errors import EngineError
from argmap.format.semantics import strongly_connected

from .conftest import SUMMIT as SUMMIT_PATH
from .conftest import rewrite_svg


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_format_loads_no_drawing():
    loaded = _modules_after("import argmap.format.loader, argmap.format.outline")
    assert "pydantic" in loaded
    assert not {m for m in loaded if m.startswith(("argmap.draw", "argmap.present", "graphviz"))}


def test_svg_postprocessing_needs_no_pydantic_or_yaml():
    loaded = _modules_after("import argmap.draw.svg")
    assert not {m for m in loaded if m.split(".")[0] in ("pydantic", "yaml", "click")}


def test_help_loads_only_the_command_line():
    loaded = _modules_after("import argmap.cli")
    assert not {m for m in loaded if m.split(".")[0] in ("pydantic", "yaml", "graphviz")}


def _is_dir(*folders: str):
    return lambda path: str(path) in folders


MAPS = [Path("maps/a.yaml")]


@pytest.mark.parametrize(
    ("maps", "output", "fmt", "steps", "paths", "create"),
    [
        (MAPS, None, None, None, ["maps/a.svg"], None),
        (MAPS, None, "png", None, ["maps/a.png"], None),
        (MAPS, "x.pdf", None, None, ["x.pdf"], None),
        (MAPS, "-", None, None, [None], None),
        (MAPS, "out", None, None, ["out/a.svg"], None),  # an existing folder
        (MAPS, "new/", "png", None, ["new/a.png"], "new"),
        ([Path("a.yaml"), Path("b.yaml")], "new", None, None, ["new/a.svg", "new/b.svg"], "new"),
        (MAPS, "steps", None, "files", ["steps"], "steps"),
        (MAPS, None, None, "files", ["maps"], None),
        (MAPS, "f.svg", None, "fragments", ["f.svg"], None),
    ],
)
def test_output_planning(maps, output, fmt, steps, paths, create):
    plan = plan_outputs(maps, output, fmt, steps, is_dir=_is_dir("out"))
    assert [str(t.path) if t.path else None for t in plan.targets] == paths
    assert (str(plan.folder_to_create) if plan.folder_to_create else None) == create


@pytest.mark.parametrize(
    ("maps", "output", "fmt", "steps", "words"),
    [
        (MAPS, "x.svg", None, "files", "looks like a file"),
        ([Path("a.yaml"), Path("b.yaml")], "-", None, None, "one map"),
        (MAPS, "-", None, "files", "FOLDER"),
        (MAPS, "x.txt", None, None, "cannot tell the format"),
        (MAPS, "x.png", "svg", None, "does not match"),
        (MAPS, "x.png", None, "fragments", "one SVG"),
        ([Path("a/m.yaml"), Path("b/m.yaml")], "out", None, None, "build"),
    ],
)
def test_output_planning_refuses_what_names_no_sensible_output(maps, output, fmt, steps, words):
    with pytest.raises(PlanError, match=words):
        plan_outputs(maps, output, fmt, steps, is_dir=_is_dir("out"))


def test_cycle_finder():
    parts = strongly_connected({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"], "e": ["e"]})
    assert parts["a"] == parts["b"] == parts["c"]
    assert len({parts["a"], parts["d"], parts["e"]}) == 3
    chain = {str(i): [str(i + 1)] for i in range(20_000)} | {"20000": ["0"]}
    assert len(set(strongly_connected(chain).values())) == 1  # iterative: no recursion limit


def test_svg_in_an_unknown_shape_fails_loudly():
    unknown = b'<svg xmlns="http://www.w3.org/2000/svg"><g id="n1" class="node"><text/></g></svg>'
    with pytest.raises(EngineError, match="shape"):
        rewrite_svg(unknown)


def _check_in_a_new_process(cache: Path, env_extra: dict[str, str] | None = None) -> str:
    import os

    from .conftest import SUMMIT

    env = {**os.environ, "ARGMAP_CACHE_DIR": str(cache), **(env_extra or {})}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(SUMMIT)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_validator_is_built_once_then_loaded(tmp_path):
    cache = tmp_path / "cache"
    first = _check_in_a_new_process(cache)
    [cached] = cache.glob("validator-*.pickle")
    stamp = cached.stat().st_mtime_ns
    assert _check_in_a_new_process(cache) == first
    assert cached.stat().st_mtime_ns == stamp  # loaded, not rebuilt


def test_a_broken_or_foreign_cache_is_never_trusted(tmp_path):
    cache = tmp_path / "cache"
    first = _check_in_a_new_process(cache)
    [cached] = cache.glob("validator-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert _check_in_a_new_process(cache) == first
    cached.chmod(0o666)  # writable by others: rebuilt in-process, never unpickled
    assert _check_in_a_new_process(cache) == first
    assert _check_in_a_new_process(tmp_path / "off", {"ARGMAP_CACHE_DIR": ""}) == first
    assert not (tmp_path / "off").exists()


def test_the_cached_validator_rejects_what_pydantic_rejects(tmp_path):
    import argmap

    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nthesis:\n  text: x\n  step: two\n")
    assert [i.code for i in argmap.check(bad)] == ["E103"]


@pytest.mark.parametrize("engine", ["pure", "dot"])
def test_svg_rewritten_piece_by_piece_is_the_svg_rewritten_whole(engine):
    """Graphviz's output arrives in pieces of any size; the rewriter cuts them only where
    an element group begins, so every way of splitting gives the same bytes."""
    import random

    from argmap.draw import to_dot
    from argmap.draw.engine import find_engine, run_engine
    from argmap.draw.svg import SvgRewriter
    from argmap.format.loader import load

    from .conftest import MAPS

    try:
        found = find_engine(engine)
    except EngineError:
        pytest.skip(f"no {engine} engine here")
    for path in MAPS:
        drawing = to_dot(load(path))
        raw = run_engine(found, drawing.dot, "svg")
        titles = drawing.titles
        whole = rewrite_svg(raw, titles)
        chooser = random.Random(path.name)
        for sizes in ([1], [7, 64], [4096], [len(raw) // 3 + 1]):
            rewriter = SvgRewriter(title="t", description=lambda: "d", titles=titles)
            at = 0
            while at < len(raw):
                size = chooser.choice(sizes)
                rewriter.feed(raw[at : at + size])
                at += size
            assert rewriter.finish() == whole, (path.name, sizes)


def test_the_engine_streams_its_output_and_work_runs_meanwhile():
    import argmap
    from argmap.draw.engine import find_engine, run_engine

    from .conftest import SUMMIT

    engine = find_engine()
    source = argmap.render(SUMMIT, "dot", slide="none").decode()
    pieces: list[bytes] = []
    order: list[str] = []
    returned = run_engine(
        engine,
        source,
        "svg",
        on_output=lambda piece: (order.append("output"), pieces.append(piece)),
        meanwhile=lambda: order.append("meanwhile"),
    )
    assert returned == b"" and order[0] == "meanwhile" and len(order) > 1
    assert b"".join(pieces) == run_engine(engine, source, "svg")


def test_output_argmap_cannot_use_stops_the_engine():
    from argmap.draw.engine import find_engine, run_engine

    def refuse(piece: bytes) -> None:
        raise EngineError("not this")

    with pytest.raises(EngineError, match="not this"):
        run_engine(find_engine(), "digraph { a -> b }", "svg", on_output=refuse)


def test_an_engine_past_its_timeout_is_stopped(tmp_path):
    import os
    import time

    from argmap.draw.engine import Engine, run_engine

    slow = tmp_path / "slow-engine"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    if os.name == "nt":
        pytest.skip("a shell script engine")
    started = time.monotonic()
    with pytest.raises(EngineError, match="longer than"):
        run_engine(Engine("pure", str(slow)), "digraph { a }", "svg", timeout=0.5)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("name", ["pure", "dot"])
def test_an_engine_started_early_draws_what_a_fresh_one_draws(name):
    from argmap.draw import engine as engines

    from .conftest import SUMMIT

    if name not in {engine.name for engine in engines.available()}:
        pytest.skip(f"no {name} engine")
    source = __import__("argmap").render(SUMMIT, "dot", slide="none").decode()
    fresh = engines.run_engine(engines.find_engine(name), source, "svg")
    engines.start_early(name, "svg")
    (started,) = engines._started_early.values()
    assert engines.run_engine(engines.find_engine(name), source, "svg") == fresh
    assert not engines._started_early and started.returncode == 0


def test_an_engine_started_early_and_never_used_exits_drawing_nothing():
    """What happens when argmap exits (a map with errors): the engine reads end of file."""
    from argmap.draw import engine as engines

    engines.start_early("auto", "svg")
    (started,) = engines._started_early.values()
    engines._started_early.clear()
    output, _ = started.communicate(timeout=10)
    assert started.returncode == 0 and output == b""


def test_only_a_one_shot_render_starts_its_engine_early(tmp_path):
    from click.testing import CliRunner

    from argmap.cli.app import cli
    from argmap.cli.options import ONE_SHOT
    from argmap.draw import engine as engines

    from .conftest import SUMMIT

    broken = tmp_path / "broken.yaml"
    broken.write_text("title: x\nthesis: [\n")
    runner = CliRunner()
    assert runner.invoke(cli, ["render", str(broken), "-o", str(tmp_path / "a.svg")]).exit_code
    assert not engines._started_early  # the test runner, a notebook: no engine left waiting
    result = runner.invoke(
        cli, ["render", str(broken), "-o", str(tmp_path / "b.svg")], obj=ONE_SHOT
    )
    assert result.exit_code == 1 and len(engines._started_early) == 1
    engines._started_early.popitem()[1].communicate(timeout=10)
    result = runner.invoke(
        cli, ["render", str(SUMMIT), "-o", str(tmp_path / "c.svg")], obj=ONE_SHOT
    )
    assert result.exit_code == 0 and not engines._started_early  # taken by the render
    result = runner.invoke(
        cli, ["render", str(SUMMIT), "-o", str(tmp_path / "d.png")], obj=ONE_SHOT
    )
    assert result.exit_code == 0 and not engines._started_early  # a PNG lays out first


def _choices(command: str, option: str) -> tuple[str, ...]:
    import click

    from argmap.cli.app import cli

    found = cli.get_command(click.Context(cli), command)
    assert found is not None
    for parameter in found.params:
        if option in getattr(parameter, "opts", ()):
            assert isinstance(parameter.type, click.Choice)
            return tuple(parameter.type.choices)
    raise AssertionError(f"{command} has no {option}")


def test_the_command_line_offers_the_choices_the_library_accepts():
    """Themes, directions and slide sizes were spelled in four places and could drift."""
    from argmap import choices
    from argmap.draw.render import RenderOptions

    assert _choices("render", "--theme") == choices.THEMES
    assert _choices("render", "--direction") == choices.DIRECTIONS
    assert _choices("render", "--engine") == choices.ENGINES
    assert _choices("render", "--slide") == (*choices.SLIDES, "none")
    assert _choices("slides", "--aspect") == tuple(choices.SLIDES)
    assert _choices("slides", "--format") == choices.DECK_FORMATS
    for theme in choices.THEMES:
        for direction in choices.DIRECTIONS:
            RenderOptions.of(theme=theme, direction=direction)  # accepted
    with pytest.raises(ValueError, match="one of default, print, dark"):
        RenderOptions.of(theme="neon")


def test_an_error_at_one_place_is_made_one_way():
    from argmap.errors import ArgmapError

    error = ArgmapError.at("m.yaml", 3, 5, "E101", "unknown key `txt`", hint="did you mean?")
    (issue,) = error.issues
    assert (issue.file, issue.line, issue.col, issue.code, issue.severity, issue.hint) == (
        "m.yaml",
        3,
        5,
        "E101",
        "error",
        "did you mean?",
    )
    assert str(error) == "m.yaml:3:5: unknown key `txt`"


def test_an_unknown_id_says_which_id_it_is_about():
    """The loader set aside E202s about invalid claims by searching messages for `name`."""
    import argmap

    text = "title: t\nthesis:\n  text: T.\n  reasons:\n    - text: R.\n      supports: [nope]\n"
    (issue,) = [i for i in argmap.check(text) if i.code == "E202"]
    assert issue.about == "nope" and "about" not in issue.to_dict()


def test_stages_import_each_other_through_their_entry_points():
    """Each stage's __init__ names what the others use; a submodule is imported from
    another stage only for a name it shares with its module (`fit`, `compare`, …)."""
    import ast

    root = Path(__file__).resolve().parent.parent / "argmap"
    stages = {"format", "draw", "assess", "exchange", "present"}
    reached_in = []
    for path in root.rglob("*.py"):
        here = path.relative_to(root).parts[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or node.level != 2 or not node.module:
                continue
            stage, _, module = node.module.partition(".")
            outside = stage in stages and stage != here and module
            if outside and any(alias.name != module for alias in node.names):
                reached_in.append(f"{path.relative_to(root)}: from ..{node.module}")
    assert reached_in == []
    import importlib
    import types

    for stage in sorted(stages):
        package = importlib.import_module(f"argmap.{stage}")
        for name in package.__all__:  # each entry point is there, and is no module
            assert not isinstance(getattr(package, name), types.ModuleType), (stage, name)


def test_dot_ids_are_quoted_as_the_graphviz_package_quotes_them():
    from graphviz.quoting import quote as graphviz_quote

    from argmap.draw.dot import quote_id

    samples = ["TB", "true", "0.25", "-1", ".5", "1.", "#FFFFFF", "0.16,0.1", "rounded,filled"]
    samples += ["Arial", "Liberation Sans", "node", "Graph", "map", "a b", 'say "x"', "é", ""]
    samples += ["_x1", "1x", "-.5", "--1", "Arial,Arimo,Liberation Sans,Helvetica,sans-serif"]
    for sample in samples:
        assert quote_id(sample) == graphviz_quote(sample), sample


def test_a_diagram_gives_its_dot_to_the_graphviz_package():
    import argmap

    from .conftest import SUMMIT

    source = argmap.diagram(argmap.load(SUMMIT)).source()
    assert source.source.startswith("digraph argmap {") and source.engine == "dot"


def test_a_one_shot_render_imports_no_graphviz_package(tmp_path):
    out = tmp_path / "s.svg"
    code = (
        "import contextlib, sys; from argmap.cli.app import cli\n"
        "with contextlib.suppress(SystemExit):\n"
        f"    cli.main(['render', {str(SUMMIT_PATH)!r}, '-o', {str(out)!r}],"
        " standalone_mode=False)\n"
        "print('graphviz' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.exists() and done.stdout.strip().splitlines()[-1] == "False"


def test_the_speed_switch_changes_no_output(tmp_path):
    """ARGMAP_NO_SPEEDUPS=1 (argmap/speed.py) turns every trick off for debugging: the
    same pictures, reports and exit statuses, slower."""
    import os
    import shutil

    from argmap import speed

    from .conftest import MAPS

    argmap = shutil.which("argmap", path=str(Path(sys.executable).parent))
    assert argmap
    outputs = {}
    for switch in ("", "1"):
        env = {**os.environ, speed.SWITCH: switch}
        folder = tmp_path / (switch or "on")
        folder.mkdir()
        runs = [
            [argmap, "render", str(SUMMIT_PATH), "-o", str(folder / "s.svg")],
            [argmap, "check", str(SUMMIT_PATH), "--format", "json"],
            [argmap, "build", *map(str, MAPS), "-o", str(folder / "site"), "-j", "2"],
        ]
        done = [subprocess.run(run, capture_output=True, text=True, env=env) for run in runs]
        outputs[switch] = (
            [(d.returncode, d.stdout.replace(str(folder), "OUT")) for d in done],
            (folder / "s.svg").read_bytes(),
            sorted(p.name for p in (folder / "site").iterdir()),
        )
    assert outputs[""] == outputs["1"]


def test_the_speed_switch_names_each_trick(monkeypatch):
    from argmap import speed

    monkeypatch.setenv(speed.SWITCH, "")
    assert all(speed.on(name) for name in speed.NAMES)
    monkeypatch.setenv(speed.SWITCH, "1")
    assert not any(speed.on(name) for name in speed.NAMES)
    monkeypatch.setenv(speed.SWITCH, "exit, pool")
    assert [name for name in speed.NAMES if not speed.on(name)] == ["exit", "pool"]
