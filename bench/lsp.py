"""How soon `argmap lsp` answers a change with diagnostics: `python bench/lsp.py [ROUNDS]`.

A warm server (the map opened, checked once) is sent one change at a time, each a word of
one claim altered, and the time until its diagnostics arrive is measured, for the summit
map and for a generated 1,000-claim map. Figures in docs/performance.md.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lspclient import Client  # noqa: E402


def measure(
    client: Client, path: Path, rounds: int, rounds_each: int
) -> tuple[list[float], list[float]]:
    """Seconds from each change to its first diagnostics, and to its last (a map of 300
    claims or more gets its errors first and lint's notes in a second round)."""
    text = path.read_text()
    uri = client.open(path)
    client.wait_diagnostics(uri, rounds_each)
    first, last = [], []
    for number in range(rounds):
        changed = text.replace("text: ", f"text: Round{number} ", 1)
        seen = len(client.diagnostics[uri])
        started = time.perf_counter()
        client.change(uri, changed)
        client.wait_diagnostics(uri, seen + rounds_each)
        arrived = [when for when, _ in client.diagnostics[uri][seen:]]
        first.append(arrived[0] - started)
        last.append(arrived[-1] - started)
        time.sleep(0.05)  # a pause between keystrokes: each change is checked alone
    return first, last


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(ROOT / "seeds", folder / "seeds")
        (folder / "maps").mkdir()
        (folder / "argmap.toml").write_text("")
        summit = folder / "maps" / "summit.yaml"
        shutil.copy(ROOT / "maps" / "summit.yaml", summit)
        large = folder / "maps" / "large.yaml"
        large.write_text(
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "generate.py"), "1000"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        client = Client(folder)
        try:
            for name, path, each in (
                ("summit map (31 claims)", summit, 1),
                ("1,000 claims", large, 2),
            ):
                first, last = measure(client, path, rounds, each)
                print(
                    f"{name}: diagnostics after a median {statistics.median(first) * 1000:.0f} ms "
                    f"(slowest {max(first) * 1000:.0f} ms)"
                    + (
                        f", lint's notes after {statistics.median(last) * 1000:.0f} ms "
                        f"(slowest {max(last) * 1000:.0f} ms)"
                        if each > 1
                        else ""
                    )
                    + f", over {rounds} changes; 15 ms of each is the pause that gathers keystrokes"
                )
        finally:
            client.close()
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
