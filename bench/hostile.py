"""Import at the sizes of the hostile set: many theses in Argdown and AIF, timed.

Run: python bench/hostile.py [--runs 5]. Prints the median seconds of `import_maps` (read,
cut into maps, YAML written in memory) and of the command writing every map to a folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def argdown(theses: int) -> str:
    return "".join(f"[T{n}]: Thesis {n}.\n  + <A{n}>: Reason {n}.\n\n" for n in range(theses))


def aif(pairs: int) -> str:
    nodes, edges = [], []
    for n in range(pairs):
        nodes += [
            {"nodeID": f"t{n}", "type": "I", "text": f"Thesis {n} holds."},
            {"nodeID": f"r{n}", "type": "I", "text": f"Reason {n} is good."},
            {"nodeID": f"s{n}", "type": "RA"},
        ]
        edges += [
            {"edgeID": f"e{n}", "fromID": f"r{n}", "toID": f"s{n}"},
            {"edgeID": f"f{n}", "fromID": f"s{n}", "toID": f"t{n}"},
        ]
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from argmap.exchange.convert import import_maps

    print("| input | size | import_maps, every map (s) | `argmap import -o DIR/` (s) |")
    print("|---|---:|---:|---:|")
    for label, text, fmt, suffix in (
        ("Argdown, 8,000 theses", argdown(8000), "argdown", ".argdown"),
        ("AIF, 10,000 thesis-reason pairs", aif(10_000), "aif", ".json"),
    ):
        inside = []
        for _ in range(runs):
            started = time.perf_counter()
            import_maps(text, fmt, every=True)  # type: ignore[arg-type]
            inside.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / f"in{suffix}"
            source.write_text(text)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "argmap", "import", str(source), "-o", f"{folder}/out/"],
                check=False,
                capture_output=True,
            )
            whole = time.perf_counter() - started
        size = f"{len(text.encode()) / 1e6:.1f} MB"
        print(f"| {label} | {size} | {statistics.median(inside):.2f} | {whole:.2f} |")


if __name__ == "__main__":
    main()
