"""Classroom workflow: the build gallery with its cache, and watch's re-render on save."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from argmap.cli import cli
from argmap.draw.render import RenderOptions
from argmap.limits import Limits
from argmap.present.live import Watcher

from .conftest import CASES, MAPS, ROOT, wait_for


def test_build_writes_a_gallery_and_skips_unchanged_maps(runner, tmp_path):
    site = tmp_path / "site"
    first = runner.invoke(
        cli,
        ["build", str(ROOT / "maps"), "-o", str(site), "-f", "svg", "-f", "png", "--scale", "1"],
    )
    assert first.exit_code == 0, first.output
    index = (site / "index.html").read_text()
    for path in MAPS:
        assert f'src="{path.stem}.svg"' in index
        assert (site / f"{path.stem}.png").is_file()
    assert "Illusions of a summit with Russia" in index and "Park Sung-soo" in index
    assert "http" not in index.replace("http-equiv", "")  # offline: no external references
    every = len(list((ROOT / "maps").rglob("*.yaml")))  # maps/class/ too
    assert f"{every} rendered, 0 unchanged" in first.output
    mtimes = {p.name: p.stat().st_mtime_ns for p in site.iterdir() if p.suffix == ".svg"}
    second = runner.invoke(
        cli,
        ["build", str(ROOT / "maps"), "-o", str(site), "-f", "svg", "-f", "png", "--scale", "1"],
    )
    assert f"0 rendered, {every} unchanged" in second.output
    assert mtimes == {p.name: p.stat().st_mtime_ns for p in site.iterdir() if p.suffix == ".svg"}
    changed = runner.invoke(
        cli,
        [
            "build",
            str(ROOT / "maps"),
            "-o",
            str(site),
            "-f",
            "svg",
            "-f",
            "png",
            "--scale",
            "1",
            "--theme",
            "print",
        ],
    )
    assert f"{every} rendered" in changed.output


def test_build_goes_on_past_a_bad_map(runner, tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    shutil.copy(CASES / "good" / "minimal.yaml", maps / "a.yaml")
    shutil.copy(CASES / "bad" / "unknown-key.yaml", maps / "b.yaml")
    site = tmp_path / "site"
    result = runner.invoke(cli, ["build", str(maps), "-o", str(site)])
    assert result.exit_code == 1
    assert "b.yaml:5:7: error[E101]" in result.output
    assert (site / "a.svg").is_file() and not (site / "b.svg").exists()
    assert "Maps with errors" in (site / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps", "site"]


def test_build_names_maps_that_share_a_stem_apart(runner, tmp_path, monkeypatch):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        shutil.copy(CASES / "good" / "minimal.yaml", tmp_path / folder / "map.yaml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", "one", "two", "-o", "site"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "site").glob("*.svg")) == [
        "one-map.svg",
        "two-map.svg",
    ]


@pytest.fixture
def watched(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("Oil prices fell from $110 to $70 a barrel.\n")
    map_path = tmp_path / "m.yaml"
    map_path.write_text(
        "title: T\nsource:\n  text: source.txt\nthesis:\n  text: Oil fell.\n"
        "  quote: Oil prices fell from\n"
    )
    (tmp_path / "argmap.toml").write_text("")
    messages: list[str] = []
    watcher = Watcher(
        map_path,
        tmp_path / "m.svg",
        "svg",
        RenderOptions(),
        Limits(),
        interval=0.05,
        on_result=lambda checked, msg: messages.append(msg),
    )
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    assert wait_for(lambda: (tmp_path / "m.svg").exists())
    yield map_path, source, tmp_path / "m.svg", messages
    stop.set()
    thread.join(timeout=2)


def test_watch_rerenders_survives_bad_saves_and_recovers(watched):
    map_path, _, out, messages = watched
    map_path.write_text(map_path.read_text().replace("Oil fell.", "Oil got cheaper."))
    assert wait_for(lambda: "Oil got cheaper." in out.read_text())
    good = out.read_bytes()
    map_path.write_text(map_path.read_text().replace("  text: Oil", "  txt: Oil"))
    assert wait_for(lambda: any("keeps the last good" in m for m in messages))
    assert out.read_bytes() == good
    map_path.write_text(
        map_path.read_text().replace("  txt: Oil got cheaper.", "  text: Oil fell again.")
    )
    assert wait_for(lambda: "Oil fell again." in out.read_text())


def test_watch_handles_delete_and_recreate_and_source_edits(watched):
    map_path, source, out, messages = watched
    text = map_path.read_text()
    map_path.unlink()
    assert wait_for(lambda: any("waiting" in m for m in messages))
    map_path.write_text(text.replace("Oil fell.", "Recreated."))
    assert wait_for(lambda: "Recreated." in out.read_text())
    count = len(messages)
    # The quote is no longer in the source: a content error, so a draft with it marked.
    source.write_text("Something else entirely.\n")
    assert wait_for(lambda: len(messages) > count and "a draft" in messages[-1])
    assert ' error"' in out.read_text()
    count = len(messages)
    map_path.write_text(text.replace("thesis:", "thesis: [", 1))  # broken YAML: nothing drawn
    assert wait_for(lambda: len(messages) > count and "keeps the last good" in messages[-1])


def test_watch_command_stops_cleanly_on_ctrl_c(tmp_path):
    map_path = tmp_path / "m.yaml"
    shutil.copy(CASES / "good" / "minimal.yaml", map_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "watch", str(map_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert wait_for(lambda: (tmp_path / "m.svg").exists(), 10)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert b"stopped" in stderr and b"Traceback" not in stderr


def test_a_save_made_while_a_render_runs_is_not_missed(tmp_path, monkeypatch):
    import stat

    from argmap.draw.engine import available

    real = next(e.binary for e in available() if e.name == "pure")
    slow = tmp_path / "slow-graphviz"
    slow.write_text(f'#!/bin/sh\nsleep 0.6\nexec "{real}" "$@"\n')
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_PURE", str(slow))
    map_path = tmp_path / "m.yaml"
    map_path.write_text("title: T\nthesis:\n  text: First.\n")
    out = tmp_path / "m.svg"
    watcher = Watcher(
        map_path, out, "svg", RenderOptions(engine="pure", slide="none"), Limits(), interval=0.05
    )
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: out.exists(), 5)
        map_path.write_text("title: T\nthesis:\n  text: Second.\n")
        time.sleep(0.3)  # the render of "Second." is running now
        map_path.write_text("title: T\nthesis:\n  text: Third.\n")
        assert wait_for(lambda: "Third." in out.read_text(), 6)
    finally:
        stop.set()
        thread.join(timeout=3)
