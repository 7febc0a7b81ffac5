"""`%load_ext argmap`: the cell magic `%%argmap` draws the YAML in its cell, and the line
magic `%argmap maps/x.yaml` a map file; errors are located text under the cell."""

from __future__ import annotations

import argparse
import itertools
import shlex
import sys
from pathlib import Path
from typing import Any

from ..errors import ArgmapError
from ..present.figure import figure
from ..report import format_issue

_FIGURES = itertools.count(1)  # one notebook is one page: every figure's ids differ


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would exit the kernel
        raise ValueError(message)


def _parser() -> _Parser:
    parser = _Parser(prog="%%argmap", add_help=False)
    parser.add_argument("file", nargs="?")
    parser.add_argument("--view")
    parser.add_argument("--theme", default="default")
    parser.add_argument("--direction", default="TB")
    parser.add_argument("--caption")
    parser.add_argument("--alt")
    parser.add_argument("--base", default=".")
    parser.add_argument("--evaluate", action="store_true")
    parser.add_argument("--legend", action="store_true")
    return parser


def draw(line: str, cell: str | None = None) -> Any:
    """The figure as an HTML display object, or None after printing what went wrong."""
    from IPython.display import HTML

    try:
        given = vars(_parser().parse_args(shlex.split(line)))
    except ValueError as exc:
        print(f"%%argmap: {exc}", file=sys.stderr)
        print(
            "usage: %%argmap [--view V] [--theme T] [--direction D] [--caption C] [--alt A] "
            "[--base FOLDER] [--evaluate] [--legend]  (or %argmap FILE …)",
            file=sys.stderr,
        )
        return None
    path, base = given.pop("file"), Path(given.pop("base"))
    if path is None and not (cell or "").strip():
        print("%%argmap: write the map's YAML in the cell, or name a file", file=sys.stderr)
        return None
    source: str | Path = base / path if path else str(cell)
    try:
        # The cell's first line is the magic's, so YAML line 1 is the cell's line 2.
        drawn = figure(
            source, base=base, prefix=f"argmap{next(_FIGURES)}-", where=("cell", 1), **given
        )
    except ArgmapError as exc:
        for issue in exc.issues:
            print(format_issue(issue) + "\n", file=sys.stderr)
        return None
    for issue in drawn.warnings:
        print(format_issue(issue), file=sys.stderr)
    return HTML(drawn.html())  # type: ignore[no-untyped-call]


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magic_function(draw, "line_cell", "argmap")
