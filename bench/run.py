"""Measure argmap as users run it — whole processes, cold — and write docs/performance.md.

    python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/python bench/run.py

Each figure is the median of --runs runs (at least 5) of a new process. Floors beside
them: `python -c pass`, and the Graphviz engine alone on the same DOT. Scaling maps come
from bench/generate.py.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

SUMMIT = ROOT / "maps" / "summit.yaml"
BUDGETS_MS = {"help": 120, "check": 250, "render": 350, "check-5000": 1500}
OWN_SHARE_BUDGET = 0.10


@dataclass
class Sample:
    median_ms: float
    peak_mb: float


TIME = shutil.which("time", path="/usr/bin:/bin")


def measure(command: list[str], runs: int, stdin: bytes | None = None) -> Sample:
    """Median wall time and the largest peak RSS of a whole process, over `runs` runs.

    Peak memory comes from GNU time, whose child starts small: a child forked from this
    Python process would inherit its resident size in ru_maxrss.
    """
    times, peaks = [], []
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = [TIME, "-f", "%M", "-o", report.name, *command] if TIME else command
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(
                wrapped,
                input=stdin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            times.append((time.perf_counter() - started) * 1000)
            if done.returncode not in (0, 1):
                raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}")
            if TIME:
                report.seek(0)
                peaks.append(int(report.read().split()[-1]) / 1024)
    return Sample(statistics.median(times), max(peaks) if peaks else float("nan"))


def argmap_command() -> list[str]:
    script = Path(sys.executable).parent / "argmap"
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def engines() -> dict[str, str]:
    from argmap.draw.engine import available

    return {engine.name: engine.binary for engine in available()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (at least 5)")
    parser.add_argument("--sizes", default="10,100,1000,5000", help="claims per scaling map")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    runs = max(5, args.runs)
    sizes = [int(size) for size in args.sizes.split(",")]
    argmap = argmap_command()
    found = engines()
    work = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    rows: list[str] = []

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        python = measure([sys.executable, "-c", "pass"], runs)
        helps = measure([*argmap, "--help"], runs)
        check = measure([*argmap, "check", str(SUMMIT)], runs)
        summit_dot = subprocess.run(
            [*argmap, "render", str(SUMMIT), "-f", "dot", "-o", "-"],
            capture_output=True,
            check=True,
        ).stdout
        summit = {}
        for name, binary in found.items():
            render = measure(
                [
                    *argmap,
                    "render",
                    str(SUMMIT),
                    "--engine",
                    name,
                    "--slide",
                    "none",
                    "-o",
                    str(work / f"summit-{name}.svg"),
                ],
                runs,
            )
            alone = measure([binary, "-Tsvg"], runs, stdin=summit_dot)
            summit[name] = (render, alone)
            log(f"summit {name}: {render.median_ms:.0f} ms (engine alone {alone.median_ms:.0f} ms)")
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
                render = measure(
                    [
                        *argmap,
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
                    runs,
                )
                alone = measure([binary, "-Tsvg"], runs, stdin=dot)
                own = max(render.median_ms - alone.median_ms, 0.0)
                scaling.append((size, name, checked, render, alone, own))
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
        f"| `argmap --help` | {helps.median_ms:.0f} | {helps.peak_mb:.0f} | ≤ 120 ms | "
        f"{ok(helps.median_ms <= BUDGETS_MS['help'])} |"
    )
    rows.append(
        f"| `argmap check` summit map | {check.median_ms:.0f} | {check.peak_mb:.0f} | "
        f"≤ 250 ms | {ok(check.median_ms <= BUDGETS_MS['check'])} |"
    )
    for name, (render, alone) in summit.items():
        rows.append(
            f"| `argmap render` summit → SVG, engine `{name}` | {render.median_ms:.0f} "
            f"| {render.peak_mb:.0f} | ≤ 350 ms | "
            f"{ok(render.median_ms <= BUDGETS_MS['render'])} |"
        )
        rows.append(
            f"| engine `{name}` alone, same DOT (floor) | {alone.median_ms:.0f} | "
            f"{alone.peak_mb:.0f} | | |"
        )
    scale_rows = [
        "| claims | engine | check ms | render ms | engine alone ms | argmap's own "
        "ms | own share | peak RSS MB (check / render / engine) | budget |",
        "|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for size, name, checked, render, alone, own in scaling:
        share = own / render.median_ms if render.median_ms else 0.0
        budgets = []
        if size >= 1000:
            budgets.append(f"own ≤ 10 %: {ok(share <= OWN_SHARE_BUDGET)}")
        if size == 5000:
            budgets.append(f"check ≤ 1.5 s: {ok(checked.median_ms <= BUDGETS_MS['check-5000'])}")
        scale_rows.append(
            f"| {size:,} | {name} | {checked.median_ms:.0f} | "
            f"{render.median_ms:.0f} | {alone.median_ms:.0f} | {own:.0f} | "
            f"{share:.0%} | {checked.peak_mb:.0f} / {render.peak_mb:.0f} / "
            f"{alone.peak_mb:.0f} | {'; '.join(budgets)} |"
        )
    growth = []
    by_engine: dict[str, list[tuple[int, float, float]]] = {}
    for size, name, checked, _, _, own in scaling:
        by_engine.setdefault(name, []).append((size, checked.median_ms, own))
    for name, points in by_engine.items():
        for (n1, c1, o1), (n2, c2, o2) in itertools.pairwise(points):
            per = 1000 / (n2 - n1)
            growth.append(
                f"| {name} | {n1:,} → {n2:,} | {(c2 - c1) * per:.0f} | {(o2 - o1) * per:.0f} |"
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
            "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/python "
            "bench/run.py",
            "```",
            "",
            f"Measured {datetime.date.today().isoformat()} on {platform.machine()} with "
            f"{os.cpu_count()} cores, Python {platform.python_version()}; engines: "
            f"{engine_versions}. Every figure is the median of {runs} runs of a whole new "
            "process (cold start); peak RSS (GNU time) is the largest resident set of the "
            "process and the children it waited for.",
            "",
            "## The summit map and start-up",
            "",
            *rows,
            "",
            "## Scaling (bench/generate.py N)",
            "",
            "argmap's own time is the render time less the engine alone on the same DOT: "
            "start-up, YAML, validation, checks, DOT, SVG post-processing.",
            "",
            *scale_rows,
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
        ]
    )
    args.output.write_text(text)
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
