"""How much of real Argdown files argmap carries, against the Argdown CLI as the oracle.

    python bench/interop.py FILE.argdown...

For each file: the statements and arguments the Argdown CLI reads (`argdown json`), those
its own map draws (`argdown map -f dot`), and those argmap's import carries into maps,
with the import's warnings and whether every map checks clean. Needs `argdown` on the PATH
(npm install -g @argdown/cli).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argmap
from argmap.exchange.convert import import_maps


def oracle(path: Path, argdown: str) -> tuple[int, int, int, int]:
    """(statements, arguments) the CLI reads, then (statements, arguments) its map draws."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([argdown, "json", str(path), folder], capture_output=True, check=True)
        subprocess.run(
            [argdown, "map", "-f", "dot", str(path), folder], capture_output=True, check=True
        )
        document = json.loads(next(Path(folder).glob("*.json")).read_text())
        dot = next(Path(folder).glob("*.dot")).read_text()
    drawn_statements = len(re.findall(r'type="statement-map-node"', dot))
    drawn_arguments = len(re.findall(r'type="argument-map-node"', dot))
    read = (len(document["statements"]), len(document["arguments"]))
    return (*read, drawn_statements, drawn_arguments)


def carried(path: Path) -> tuple[int, int, int, int, list[str], int]:
    """(statements as claims, paragraphs kept as notes, arguments, maps, warnings, errors in
    the maps) of argmap's import."""
    imported = import_maps(path.read_text(encoding="utf-8"), "argdown", file=str(path))
    keys: set[str] = set()
    errors = 0
    for one in imported.maps:
        keys |= one.built.statements | one.built.inferences
        errors += sum(i.severity == "error" for i in argmap.check(one.yaml))
    statements = sum(1 for k in keys if k.startswith(("[", "untitled-")))
    arguments = len({k.split("#")[0].split("@")[0] for k in keys if k.startswith("<")})
    warnings = [f"{i.line}: {i.message}" for i in imported.issues]
    return statements, imported.commentary, arguments, len(imported.maps), warnings, errors


def main(paths: list[str]) -> None:
    argdown = shutil.which("argdown")
    if argdown is None:
        sys.exit("needs the Argdown CLI: npm install -g @argdown/cli")
    print(
        "| file | CLI reads (statements + arguments) | CLI's map draws | argmap carries "
        "(claims + paragraphs as notes + arguments) | ÷ read | ÷ drawn | maps | errors |"
    )
    print("|---|---|---|---|---|---|---|---|")
    notes = []
    for name in paths:
        path = Path(name)
        read_s, read_a, drawn_s, drawn_a = oracle(path, argdown)
        our_s, notes_kept, our_a, maps, warnings, errors = carried(path)
        ours = our_s + notes_kept + our_a
        print(
            f"| {path.name} | {read_s} + {read_a} | {drawn_s} + {drawn_a} "
            f"| {our_s} + {notes_kept} + {our_a} "
            f"| {ours / (read_s + read_a):.0%} | {ours / (drawn_s + drawn_a):.0%} "
            f"| {maps} | {errors} |"
        )
        notes += [f"- {path.name}:{w}" for w in warnings]
    print("\nWarnings:\n" + "\n".join(notes))


if __name__ == "__main__":
    main(sys.argv[1:])
