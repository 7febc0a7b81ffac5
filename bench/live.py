"""How fast a save shows: `argmap serve` (to the picture a page fetches) and `argmap watch`.

    .venv-bench/bin/python bench/live.py        (bench/run.py calls it too)

A copy of the summit map is edited again and again in a process that keeps running, as
a teacher's editor would. For serve: from the write to the event reaching a listener and
the new picture fetched over HTTP; for watch: from the write to the new file in place.
argmap's own work is the time spent checking and drawing less the time inside Graphviz.
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMIT = ROOT / "maps" / "summit.yaml"


class _Clock:
    """Time spent in Graphviz and in argmap's checking and drawing, per save."""

    def __init__(self) -> None:
        from argmap.draw import engine, render
        from argmap.present import live

        self.engine_ms = 0.0
        self.work_ms = 0.0
        run, refresh, render_model = engine.run_engine, live.LiveMap.refresh, render.render_model

        def timed_run(*args, **kwargs):  # type: ignore[no-untyped-def]
            # argmap's work handed to the engine's run (the outline while Graphviz lays
            # out, the SVG rewritten as it arrives) counts as argmap's, not Graphviz's.
            ours = [0.0]
            for name in ("on_output", "meanwhile"):
                if kwargs.get(name) is not None:
                    kwargs[name] = _clocked(kwargs[name], ours)
            started = time.perf_counter()
            try:
                return run(*args, **kwargs)
            finally:
                self.engine_ms += (time.perf_counter() - started) * 1000 - ours[0]

        def timed(function):  # type: ignore[no-untyped-def]
            def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
                started = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    self.work_ms += (time.perf_counter() - started) * 1000

            return wrapper

        engine.run_engine = timed_run
        render.run_engine = timed_run
        live.LiveMap.refresh = timed(refresh)
        render.render_model = timed(render_model)
        from argmap.present import serve

        serve.render_model = render.render_model
        live.render_model = render.render_model

    def reset(self) -> None:
        self.engine_ms = self.work_ms = 0.0


def _clocked(function, spent: list[float]):  # type: ignore[no-untyped-def]
    def wrapper(*args):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return function(*args)
        finally:
            spent[0] += (time.perf_counter() - started) * 1000

    return wrapper


def _project() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="argmap-live-"))
    (folder / "maps").mkdir()
    (folder / "seeds").mkdir()
    shutil.copy(SUMMIT, folder / "maps" / "summit.yaml")
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, folder / "seeds" / seed.name)
    (folder / "argmap.toml").write_text("")
    return folder


def _edit(text: str, number: int) -> str:
    return text.replace("abandon the illusion", f"abandon (edit {number}) the illusion", 1)


def measure_serve(saves: int, clock: _Clock) -> dict[str, float]:
    from argmap.limits import Limits
    from argmap.present.preview_http import make_server
    from argmap.present.serve import Preview

    folder = _project()
    path = folder / "maps" / "summit.yaml"
    original = path.read_text()
    preview = Preview([path], Limits(), None)
    server = make_server(preview, "127.0.0.1", 0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    preview.listen()
    host = {"Host": f"127.0.0.1:{port}"}
    stream = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    stream.request("GET", "/events", headers=host)
    events = stream.getresponse()
    fetch = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def picture() -> None:
        fetch.request("GET", "/map/summit/svg", headers=host)
        fetch.getresponse().read()

    picture()  # warm: the first picture is drawn
    totals, engine, own = [], [], []
    try:
        for number in range(saves):
            time.sleep(0.3)
            clock.reset()
            started = time.perf_counter()
            path.write_text(_edit(original, number))
            while True:
                line = events.readline()
                if line.startswith(b"data:") and json.loads(line[5:])["version"] > number + 1:
                    break
            picture()
            totals.append((time.perf_counter() - started) * 1000)
            engine.append(clock.engine_ms)
            own.append(clock.work_ms - clock.engine_ms)
    finally:
        preview.stop.set()
        with preview.changed:
            preview.changed.notify_all()
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    return _medians(totals, engine, own)


def measure_watch(saves: int, clock: _Clock) -> dict[str, float]:
    from argmap.draw.render import RenderOptions
    from argmap.limits import Limits
    from argmap.present.live import Watcher

    folder = _project()
    path = folder / "maps" / "summit.yaml"
    out = folder / "summit.svg"
    original = path.read_text()
    watcher = Watcher(path, out, "svg", RenderOptions(), Limits(), interval=0.05)
    stop = threading.Event()
    threading.Thread(target=watcher.run, args=(stop,), daemon=True).start()
    while not out.exists():
        time.sleep(0.01)
    totals, engine, own = [], [], []
    try:
        for number in range(saves):
            time.sleep(0.3)
            clock.reset()
            marker = f"(edit {number})".encode()
            started = time.perf_counter()
            path.write_text(_edit(original, number))
            while marker not in out.read_bytes():
                time.sleep(0.002)
            totals.append((time.perf_counter() - started) * 1000)
            engine.append(clock.engine_ms)
            own.append(clock.work_ms - clock.engine_ms)
    finally:
        stop.set()
        shutil.rmtree(folder, ignore_errors=True)
    return _medians(totals, engine, own)


def _medians(totals: list[float], engine: list[float], own: list[float]) -> dict[str, float]:
    return {
        "total": statistics.median(totals),
        "engine": statistics.median(engine),
        "own": statistics.median(own),
    }


def figures(saves: int = 9) -> list[str]:
    """Markdown rows for docs/performance.md."""
    clock = _Clock()
    rows = [
        "| path | save to picture ms | in Graphviz ms | argmap's own ms | budget |",
        "|---|---:|---:|---:|---|",
    ]
    for name, measure in (
        ("`serve` (event + picture fetched)", measure_serve),
        ("`watch` (file written)", measure_watch),
    ):
        result = measure(saves, clock)
        holds = result["total"] <= 300 and result["own"] <= 50
        rows.append(
            f"| {name} | {result['total']:.0f} | {result['engine']:.0f} | {result['own']:.0f} | "
            f"≤ 300 ms, own ≤ 50 ms: {'yes' if holds else '**no**'} |"
        )
    return rows


if __name__ == "__main__":
    print("\n".join(figures(int(sys.argv[1]) if len(sys.argv) > 1 else 9)))
