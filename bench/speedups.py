"""What each of argmap's speed tricks buys (argmap/speed.py): the same cold command with
all of them on, and with each one turned off by ARGMAP_NO_SPEEDUPS.

    python bench/speedups.py [--runs 15]

Every figure is the median of interleaved runs of a new process, so a slow moment of the
machine lands on all variants alike. The commands: a cold `render` of the summit map to
SVG (the first command of README), a `check` of a generated 5,000-claim map (for
`paused-gc`) and a `build` of a folder of eight maps (for `pool`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

SUMMIT = ROOT / "maps" / "summit.yaml"
RENDER_TRICKS = ("gc", "validator", "plugins", "early-engine", "overlap", "exit")


def _argmap() -> str:
    found = shutil.which("argmap", path=str(Path(sys.executable).parent))
    if not found:
        sys.exit("argmap is not installed beside this Python (pip install .)")
    return found


def _time(command: list[str], switch: str) -> float:
    """One cold run; `{fresh}` in the command is a new empty folder (a build that skips
    nothing)."""
    env = {**os.environ, "ARGMAP_NO_SPEEDUPS": switch}
    with tempfile.TemporaryDirectory() as fresh:
        ran = [part.replace("{fresh}", fresh) for part in command]
        started = time.perf_counter()
        subprocess.run(ran, env=env, check=True, capture_output=True)
        return (time.perf_counter() - started) * 1000


def measure(command: list[str], switches: list[str], runs: int) -> dict[str, float]:
    """Median ms of each switch setting, the settings interleaved run by run."""
    _time(command, "")  # the validator's cache written, the disk warm
    times: dict[str, list[float]] = {switch: [] for switch in switches}
    for _ in range(runs):
        for switch in switches:
            times[switch].append(_time(command, switch))
    return {switch: statistics.median(found) for switch, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    argmap = _argmap()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        large = work / "large.yaml"
        large.write_text(generate(5000, 6), encoding="utf-8")
        maps = work / "maps"
        maps.mkdir()
        for number in range(8):
            (maps / f"m{number}.yaml").write_text(generate(60, number), encoding="utf-8")
        render = [argmap, "render", str(SUMMIT), "-o", str(work / "s.svg")]
        build = [argmap, "build", str(maps), "-o", "{fresh}/site"]
        # (command, [(trick, the switch without it, the switch with it too)]); paused-gc
        # only counts where the one-shot `gc` trick has not turned the collector off.
        commands = {
            "render summit": (
                render,
                [(name, "", name) for name in RENDER_TRICKS] + [("all", "", "1")],
            ),
            "check 5,000 claims": (
                [argmap, "check", str(large)],
                [("paused-gc", "gc", "gc,paused-gc"), ("all", "", "1")],
            ),
            "build 8 maps": (build, [("pool", "", "pool"), ("all", "", "1")]),
        }
        print("| command | trick | with it, ms | without it, ms | it buys |")
        print("|---|---|---:|---:|---:|")
        for label, (command, tricks) in commands.items():
            switches = sorted({switch for _, a, b in tricks for switch in (a, b)})
            found = measure(command, switches, runs)
            for name, base, without in tricks:
                shown = "all" if name == "all" else f"`{name}`"
                print(
                    f"| {label} | {shown} | {found[base]:.0f} | {found[without]:.0f} | "
                    f"{found[without] - found[base]:.0f} ms |"
                )


if __name__ == "__main__":
    main()
