"""Where `render` writes: a pure function of the maps, `-o`, `-f` and `--steps`, tested alone."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

FORMAT_SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


class PlanError(ValueError):
    """A combination of options that names no sensible output; said as a usage error."""


class Target(NamedTuple):
    """One map's output: a file, stdout (path None), or with --steps a folder of step files."""

    map_path: Path
    output_format: str
    path: Path | None

    def step_file(self, number: int) -> Path:
        assert self.path is not None
        return self.path / f"{self.map_path.stem}-step{number:02d}.{self.output_format}"


class Plan(NamedTuple):
    targets: list[Target]
    folder_to_create: Path | None = None
    steps: str | None = None


def format_from_suffix(path: Path) -> str | None:
    return FORMAT_SUFFIXES.get(path.suffix.lower())


def plan_outputs(
    maps: Sequence[Path],
    output: str | None,
    output_format: str | None,
    steps: str | None = None,
    is_dir: Callable[[Path], bool] = Path.is_dir,
) -> Plan:
    """Decide every output path before anything is drawn.

    `-o` names a folder when it is one, ends in `/`, or when several maps or `--steps`
    (one file per step) need one; that folder is created if missing. A folder name that
    looks like a picture (`x.svg`) is refused rather than created.
    """
    if steps == "fragments" and output_format not in (None, "svg"):
        raise PlanError("--steps fragments makes one SVG; use -f svg")
    if output == "-":
        if len(maps) > 1:
            raise PlanError("-o - takes one map; give a folder for several")
        if steps == "files":
            raise PlanError("--steps writes one file per step; give -o FOLDER")
        return Plan([Target(maps[0], output_format or "svg", None)], steps=steps)
    if output is None:
        fmt = output_format or "svg"
        targets = [
            Target(m, fmt, m.parent if steps == "files" else m.with_suffix(f".{fmt}")) for m in maps
        ]
        return Plan(targets, steps=steps)
    out = Path(output)
    folder = is_dir(out) or output.endswith(("/", os.sep)) or len(maps) > 1 or steps == "files"
    if not folder:
        chosen = output_format or format_from_suffix(out)
        if chosen is None:
            raise PlanError(
                f"cannot tell the format from {out.name!r}; name it with -f "
                "svg|png|pdf|dot or use one of .svg .png .pdf .dot"
            )
        suffix_format = format_from_suffix(out)
        if suffix_format and suffix_format != chosen:
            raise PlanError(f"-f {chosen} does not match the file name {out.name!r}")
        if steps == "fragments" and chosen != "svg":
            raise PlanError("--steps fragments makes one SVG; use -f svg")
        return Plan([Target(maps[0], chosen, out)], steps=steps)
    if not is_dir(out) and format_from_suffix(out):
        why = "--steps writes one file per step" if steps == "files" else "several maps"
        raise PlanError(
            f"{why}: -o must name a folder, and {out.name!r} looks like a file "
            f"name; use e.g. -o {out.with_suffix('')}/"
        )
    fmt = output_format or "svg"
    if steps == "files":
        targets = [Target(m, fmt, out) for m in maps]
    else:
        targets = [Target(m, fmt, out / f"{m.stem}.{fmt}") for m in maps]
        stems = [m.stem for m in maps]
        clashes = sorted({s for s in stems if stems.count(s) > 1})
        if clashes:
            raise PlanError(
                f"several maps are named {clashes[0]!r}: each would overwrite the "
                "other in one folder; use `argmap build`, which names them apart"
            )
    return Plan(targets, None if is_dir(out) else out, steps=steps)
