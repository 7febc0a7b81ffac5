"""Measure argmap as users run it — whole processes, cold — and write docs/performance.md.

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -q . \
        && .venv-bench/bin/python bench/run.py

Each figure is the median of --runs runs (at least 7) of a new process, the commands
interleaved so that a slow moment of the machine does not land on one of them. Floors
beside them: `python -c pass`, and the Graphviz engine alone on the same DOT. Scaling
maps come from bench/generate.py. The warm re-render is the path of `watch` and `serve`:
one process that has rendered the map before renders it again after a save.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

SUMMIT = ROOT / "maps" / "summit.yaml"
ARGDOWN_RATIO = 5.0  # a cold render of the summit map at least this much faster than Argdown's
BUDGETS_MS = {"help": 80, "check": 150, "render": 200, "check-5000": 1500}
COLD_SHARE_BUDGET = 0.10  # argmap's own share of a cold render of 5,000 claims
WARM_SHARE_BUDGET = 0.15  # argmap's own share of a warm re-render of 1,000 claims


@dataclass
class Sample:
    median_ms: float
    peak_mb: float
    times_ms: list[float]


def own_share(totals: list[float], in_engine: list[float]) -> tuple[float, float]:
    """argmap's own ms and share: the medians over runs of each run's time less its time
    in Graphviz, not a difference of two medians taken apart."""
    pairs = list(zip(totals, in_engine, strict=True))
    own = statistics.median(max(total - engine, 0.0) for total, engine in pairs)
    share = statistics.median(max(total - engine, 0.0) / total for total, engine in pairs)
    return own, share


class EngineSpans:
    """Graphviz's part of each cold render run through bench/spans.py, read after the run."""

    def __init__(self, path: Path):
        self.path = path
        self.ms: list[float] = []

    def command(self) -> list[str]:
        return [sys.executable, str(ROOT / "bench" / "spans.py"), str(self.path)]

    def collect(self, name: str | None) -> None:
        ends: dict[float, float] = {}
        if self.path.exists():
            for line in self.path.read_text().splitlines():
                begun, ended = map(float, line.split())
                ends[begun] = max(ends.get(begun, begun), ended)
            self.path.unlink()
        if name == "render":
            self.ms.append(sum(ended - begun for begun, ended in ends.items()) * 1000)


TIME = shutil.which("time", path="/usr/bin:/bin")


def measure_all(
    commands: dict[str, tuple[list[str], bytes | None]],
    runs: int,
    after_each: Callable[[str | None], None] | None = None,
) -> dict[str, Sample]:
    """Median wall time and the largest peak RSS of each whole process over `runs` rounds,
    one run of every command per round.

    Peak memory comes from GNU time, whose child starts small: a child forked from this
    Python process would inherit its resident size in ru_maxrss. One round runs untimed
    first: "cold" means a new process, not files never read (right after `pip install`
    the first runs also wait for the disk).
    """
    for command, stdin in commands.values():
        subprocess.run(command, input=stdin, capture_output=True, check=False)
    if after_each:
        after_each(None)  # forget what the untimed round left
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.NamedTemporaryFile("r") as report:
        for _ in range(runs):
            for name, (command, stdin) in commands.items():
                wrapped = [TIME, "-f", "%M", "-o", report.name, *command] if TIME else command
                started = time.perf_counter()
                done = subprocess.run(
                    wrapped,
                    input=stdin,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )
                times[name].append((time.perf_counter() - started) * 1000)
                if done.returncode not in (0, 1):
                    raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}")
                if TIME:
                    report.seek(0)
                    peaks[name].append(int(report.read().split()[-1]) / 1024)
                if after_each:
                    after_each(name)
    return {
        name: Sample(
            statistics.median(times[name]), max(peaks[name]) if peaks[name] else 0.0, times[name]
        )
        for name in commands
    }


def measure(command: list[str], runs: int, stdin: bytes | None = None) -> Sample:
    return measure_all({"one": (command, stdin)}, runs)["one"]


def warm_rerender(path: Path, engine: str, runs: int) -> tuple[float, float, float, float]:
    """Median ms of a re-render after a save in a process that has rendered the map
    before (the `watch` and `serve` path), of Graphviz's part of it, and of argmap's own
    time and share, run by run.

    Each run saves a different edit of one claim, so nothing is reused by accident.
    Graphviz's part is the time from starting the engine until it closed its output:
    argmap works on a second core meanwhile (the outline, the SVG rewritten as it
    arrives, read on a thread of its own so Graphviz never waits), and only the time the
    user waits beyond Graphviz is argmap's own. Timing the engine again apart would add
    its noise: on this machine it moves 50 ms between two runs of the same DOT.
    """
    from argmap.draw import StatementCache
    from argmap.draw import engine as engines
    from argmap.draw.render import RenderOptions, render_model
    from argmap.format.loader import run_checks

    marks: list[float] = []
    popen, read = engines.subprocess.Popen, engines._Drain._read

    def started(*args: object, **kwargs: object) -> object:
        marks.append(time.perf_counter())
        return popen(*args, **kwargs)  # type: ignore[call-overload]

    def closed(drain: object) -> None:
        read(drain)  # type: ignore[arg-type]
        marks.append(time.perf_counter())

    # As `watch` and `serve` render: with the claims' statements kept from the last save.
    options = RenderOptions.of(engine=engine, timeout=600, statements=StatementCache())
    original = path.read_text()
    totals, inside = [], []
    engines.subprocess.Popen = started  # type: ignore[assignment, misc]
    engines._Drain._read = closed  # type: ignore[method-assign]
    try:
        for number in range(runs + 1):  # the first render warms the process up
            path.write_text(original.replace("    text: ", f"    text: Edit {number} - ", 1))
            marks.clear()
            began = time.perf_counter()
            checked = run_checks(path)
            assert checked.model is not None, checked.issues[:3]
            render_model(checked.model, "svg", options, checked.tree)
            totals.append((time.perf_counter() - began) * 1000)
            assert len(marks) == 3, "one engine run, two pipes closed"
            inside.append((max(marks) - marks[0]) * 1000)
    finally:
        engines.subprocess.Popen = popen  # type: ignore[misc]
        engines._Drain._read = read  # type: ignore[method-assign]
        path.write_text(original)
    return (
        statistics.median(totals[1:]),
        statistics.median(inside[1:]),
        *own_share(totals[1:], inside[1:]),
    )


def argmap_command() -> list[str]:
    script = Path(sys.executable).parent / "argmap"
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def import_costs(out: Path, runs: int) -> dict[str, float]:
    """Median ms that a cold render of the summit map spends importing, by package: each
    module's own time (`python -X importtime`, which adds overhead of its own)."""
    code = (
        "import sys; from argmap.cli import main; "
        f"sys.argv = ['argmap', 'render', {str(SUMMIT)!r}, '-o', {str(out)!r}]; main()"
    )
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        done = subprocess.run(  # run elsewhere: `-c` puts the current folder on the path
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            cwd=out.parent,
        )
        totals: dict[str, float] = {}
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            own, _, name = line.removeprefix("import time:").split("|")
            if own.strip().isdigit():  # each module's own time, to its package
                root = name.strip().split(".")[0]
                totals[root] = totals.get(root, 0.0) + int(own) / 1000
        for root, ms in totals.items():
            found.setdefault(root, []).append(ms)
    return {root: statistics.median(times) for root, times in found.items()}


def engines() -> dict[str, str]:
    from argmap.draw.engine import available

    return {engine.name: engine.binary for engine in available()}


def language_server() -> list[str]:
    """bench/lsp.py's figures: from a keystroke to its diagnostics, on a warm server."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "lsp.py")], capture_output=True, text=True
    )
    if done.returncode != 0:  # pygls not installed: the section says so
        return ["## The language server", "", "Not measured: `pip install 'argmap[lsp]'`.", ""]
    return [
        "## The language server",
        "",
        "`bench/lsp.py`: `argmap lsp` over stdio with the map open and checked once; one "
        "change at a time (a word of one claim), timed from sending it to the diagnostics' "
        "arrival. A map of 300 claims or more gets its errors first and lint's notes in a "
        "second round.",
        "",
        *(f"- {line}" for line in done.stdout.splitlines()),
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (at least 7)")
    parser.add_argument("--sizes", default="10,100,1000,5000", help="claims per scaling map")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    runs = max(7, args.runs)
    sizes = [int(size) for size in args.sizes.split(",")]
    argmap = argmap_command()
    found = engines()
    if hasattr(os, "sync"):
        os.sync()  # what an install just wrote goes to disk now, not during the first figures
    work = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    rows: list[str] = []

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        summit_dot = subprocess.run(
            [*argmap, "render", str(SUMMIT), "-f", "dot", "-o", "-"],
            capture_output=True,
            check=True,
        ).stdout
        commands: dict[str, tuple[list[str], bytes | None]] = {
            "python": ([sys.executable, "-c", "pass"], None),
            "help": ([*argmap, "--help"], None),
            "check": ([*argmap, "check", str(SUMMIT)], None),
        }
        argdown = shutil.which("argdown")
        if argdown:  # the same argument drawn by the Argdown CLI, as a user runs each
            summit_argdown = work / "summit.argdown"
            subprocess.run(
                [*argmap, "export", str(SUMMIT), "-f", "argdown", "-o", str(summit_argdown)],
                capture_output=True,
                check=True,
            )
            out = str(work / "argdown-out")
            commands["argdown"] = ([argdown, "map", "-f", "svg", str(summit_argdown), out], None)
            readme = [*argmap, "render", str(SUMMIT), "-o", str(work / "summit-readme.svg")]
            commands["render-readme"] = (readme, None)
        for name, binary in found.items():
            out = str(work / f"summit-{name}.svg")
            commands[f"render-{name}"] = (
                [*argmap, "render", str(SUMMIT), "--engine", name, "--slide", "none", "-o", out],
                None,
            )
            commands[f"alone-{name}"] = ([binary, "-Tsvg"], summit_dot)
        samples = measure_all(commands, runs)
        imports = import_costs(work / "imports.svg", runs)
        python, helps, check = samples["python"], samples["help"], samples["check"]
        summit = {name: (samples[f"render-{name}"], samples[f"alone-{name}"]) for name in found}
        for name, (render, alone) in summit.items():
            log(f"summit {name}: {render.median_ms:.0f} ms (engine alone {alone.median_ms:.0f} ms)")
        warm = {}
        scaling = []
        for size in sizes:
            path = work / f"synthetic-{size}.yaml"
            path.write_text(generate(size))
            checked = measure([*argmap, "check", str(path)], runs)
            dot = subprocess.run(
                [*argmap, "render", str(path), "-f", "dot", "-o", "-"],
                capture_output=True,
                check=True,
            ).stdout
            for name, binary in found.items():
                spans = EngineSpans(work / f"spans-{size}-{name}")
                pair = measure_all(
                    {
                        "render": (
                            [
                                *spans.command(),
                                "render",
                                str(path),
                                "--engine",
                                name,
                                "--timeout",
                                "600",
                                "--slide",
                                "none",
                                "-o",
                                str(work / f"synthetic-{size}-{name}.svg"),
                            ],
                            None,
                        ),
                        "alone": ([binary, "-Tsvg"], dot),
                    },
                    runs,
                    after_each=spans.collect,
                )
                render, alone = pair["render"], pair["alone"]
                own, share = own_share(render.times_ms, spans.ms)
                scaling.append((size, name, checked, render, alone, own, share))
                if size == 1000:
                    warm[name] = warm_rerender(path, name, runs)
                    log(f"1000 claims, {name}: warm re-render {warm[name][0]:.0f} ms")
                log(
                    f"{size} claims, {name}: check {checked.median_ms:.0f} ms, render "
                    f"{render.median_ms:.0f} ms, engine alone {alone.median_ms:.0f} ms"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def ok(passed: bool) -> str:
        return "yes" if passed else "**no**"

    rows.append("| what | median ms | peak RSS MB | budget | holds |")
    rows.append("|---|---:|---:|---|---|")
    rows.append(f"| `python -c pass` (floor) | {python.median_ms:.0f} | {python.peak_mb:.0f} | | |")
    rows.append(
        f"| `argmap --help` | {helps.median_ms:.0f} | {helps.peak_mb:.0f} | ≤ 80 ms | "
        f"{ok(helps.median_ms <= BUDGETS_MS['help'])} |"
    )
    rows.append(
        f"| `argmap check` summit map | {check.median_ms:.0f} | {check.peak_mb:.0f} | "
        f"≤ 150 ms | {ok(check.median_ms <= BUDGETS_MS['check'])} |"
    )
    for name, (render, alone) in summit.items():
        rows.append(
            f"| `argmap render` summit → SVG, engine `{name}` | {render.median_ms:.0f} "
            f"| {render.peak_mb:.0f} | ≤ 200 ms | "
            f"{ok(render.median_ms <= BUDGETS_MS['render'])} |"
        )
        rows.append(
            f"| engine `{name}` alone, same DOT (floor) | {alone.median_ms:.0f} | "
            f"{alone.peak_mb:.0f} | | |"
        )
    if "argdown" in samples:
        argdown_run, readme_run = samples["argdown"], samples["render-readme"]
        ratio = argdown_run.median_ms / readme_run.median_ms
        rows.append(
            f"| `argmap render maps/summit.yaml` (README's first command, defaults) | "
            f"{readme_run.median_ms:.0f} | {readme_run.peak_mb:.0f} | | |"
        )
        rows.append(
            f"| Argdown CLI `argdown map -f svg`, the same argument (`argmap export -f "
            f"argdown`) | {argdown_run.median_ms:.0f} | {argdown_run.peak_mb:.0f} | | |"
        )
        rows.append(
            f"| argmap's render against Argdown's, same run | {ratio:.1f} times as fast | | "
            f"≥ {ARGDOWN_RATIO:g} times | {ok(ratio >= ARGDOWN_RATIO)} |"
        )
    import_rows = ["| package | import ms |", "|---|---:|"]
    for root, ms in sorted(imports.items(), key=lambda item: -item[1]):
        if ms >= 1.0:
            import_rows.append(f"| `{root}` | {ms:.0f} |")
    scale_rows = [
        "| claims | engine | check ms | render ms | engine alone ms | argmap's own "
        "ms | own share | peak RSS MB (check / render / engine) | budget |",
        "|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for size, name, checked, render, alone, own, share in scaling:
        budgets = []
        if size == 5000:
            budgets.append(f"own ≤ 10 %: {ok(share <= COLD_SHARE_BUDGET)}")
            budgets.append(f"check ≤ 1.5 s: {ok(checked.median_ms <= BUDGETS_MS['check-5000'])}")
        scale_rows.append(
            f"| {size:,} | {name} | {checked.median_ms:.0f} | "
            f"{render.median_ms:.0f} | {alone.median_ms:.0f} | {own:.0f} | "
            f"{share:.0%} | {checked.peak_mb:.0f} / {render.peak_mb:.0f} / "
            f"{alone.peak_mb:.0f} | {'; '.join(budgets)} |"
        )
    from live import figures

    live_rows = figures(runs)
    warm_rows = [
        "| engine | re-render ms | in Graphviz ms | argmap's own ms | own share | budget |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, (total, engine_ms, own_ms, share) in warm.items():
        warm_rows.append(
            f"| {name} | {total:.0f} | {engine_ms:.0f} | {own_ms:.0f} | {share:.0%} | "
            f"own ≤ 15 %: {ok(share <= WARM_SHARE_BUDGET)} |"
        )
    growth = []
    by_engine: dict[str, list[tuple[int, float, float]]] = {}
    for size, name, checked, _, _, own, _ in scaling:
        by_engine.setdefault(name, []).append((size, checked.median_ms, own))
    for name, points in by_engine.items():
        for (n1, c1, o1), (n2, c2, o2) in itertools.pairwise(points):
            per = 1000 / (n2 - n1)
            growth.append(
                f"| {name} | {n1:,} → {n2:,} | {(c2 - c1) * per:.0f} | {(o2 - o1) * per:.0f} |"
            )
    import argmap as package

    # The README's venv lies inside the work tree: look for site-packages, not the tree.
    editable = "site-packages" not in Path(package.__file__).resolve().parts
    install = (
        "from the work tree (editable: slower start)"
        if editable
        else "as users get it (`pip install .`)"
    )
    engine_versions = ", ".join(
        f"`{name}`: "
        + subprocess.run([binary, "-V"], capture_output=True, text=True)
        .stderr.strip()
        .splitlines()[0]
        for name, binary in found.items()
    )
    text = "\n".join(
        [
            "# Performance",
            "",
            "Written by `bench/run.py`; do not edit by hand. Re-run it on the machine you care "
            "about:",
            "",
            "```sh",
            "python3 -m venv .venv-bench && .venv-bench/bin/pip install -q . && "
            ".venv-bench/bin/python bench/run.py",
            "```",
            "",
            f"Measured {datetime.date.today().isoformat()} on {platform.machine()} with "
            f"{os.cpu_count()} cores, Python {platform.python_version()}; engines: "
            f"{engine_versions}; argmap installed {install}. Every figure is the median "
            f"of {runs} runs of a whole new process (cold start), the commands interleaved, "
            "after one untimed round; "
            "peak RSS (GNU time) is the largest resident set of the process and the "
            "children it waited for.",
            "",
            "## The summit map and start-up",
            "",
            *rows,
            "",
            "## What a cold render spends",
            "",
            "What the summit render imports, by package, from `python -X importtime` "
            "(medians; the tool adds overhead to each import, so the figures run high). "
            "argmap controls its own modules and which packages it imports when; the "
            "rest is Pydantic (its import and the model classes argmap defines with it), "
            "click, PyYAML and the standard library, then Graphviz's layout. No trick "
            "removes those without replacing the packages the project was built on "
            "(argmap/speed.py lists what each trick argmap uses buys).",
            "",
            *import_rows,
            "",
            "## Scaling (bench/generate.py N)",
            "",
            "argmap's own time is a render's time less its time in Graphviz (from giving "
            "the engine its DOT to its output closing, noted by bench/spans.py inside the "
            "same process; a one-shot render starts its engine while Python still imports, "
            "and that wait is argmap's); own ms and share are the medians over the runs: "
            "start-up, YAML, "
            "validation, checks, DOT, and whatever SVG post-processing does not overlap "
            "Graphviz. The engine alone on the same DOT, in a process of its own, is the "
            "floor beside it.",
            "",
            *scale_rows,
            "",
            "## Re-rendering after a save (1,000 claims, warm)",
            "",
            "The path of `watch` and `serve`: the process has rendered the map before; a save "
            "changes one claim; check, DOT, Graphviz and SVG post-processing run again. "
            "In Graphviz is the time from starting the engine until it closed its output; "
            "argmap's own time is the rest, what the user waits beyond Graphviz (the "
            "outline and the SVG are written on a second core while Graphviz runs, and its "
            "output is read on a thread of its own, so Graphviz never waits for argmap); "
            "own ms and share are medians of the runs' differences.",
            "",
            *warm_rows,
            "",
            "## A save of the summit map, live",
            "",
            "`bench/live.py`: a process that keeps running (`serve`, `watch`) and a copy of the "
            "summit map saved again and again; medians of the saves.",
            "",
            *live_rows,
            "",
            "## Growth",
            "",
            "What each further 1,000 claims costs between two sizes (the fixed start-up "
            "cancels out). Linear work costs the same per 1,000 claims at every size; "
            "quadratic work would cost several times more between the larger sizes.",
            "",
            "| engine | claims | check ms per 1,000 claims | argmap's own render ms per 1,000 "
            "claims |",
            "|---|---|---:|---:|",
            *growth,
            "",
            *language_server(),
        ]
    )
    args.output.write_text(text)
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
