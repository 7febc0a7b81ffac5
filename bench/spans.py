"""`argmap` as the console script runs it, noting how long each Graphviz run took.

    python bench/spans.py SPANS-FILE render MAP ...

bench/run.py runs cold renders through this to tell Graphviz's part of a process from
argmap's own: each engine run appends "started ended" (perf_counter seconds, from
the DOT starting to go in to the engine's output closing) to SPANS-FILE. A one-shot
render starts its engine early, while Python still imports; that wait is not time in
Graphviz, so a span starts when the engine is given its DOT, not when it was started.
Timing the engine alone in another process instead adds that process's noise: at 5,000
claims Graphviz's ten seconds move by more than a second from run to run, more than
argmap's own time.
"""

from __future__ import annotations

import sys
import time

from argmap.draw import engine

spans_file = sys.argv.pop(1)
feed, read = engine._feed, engine._Drain._read
started: list[float] = []


def timed_feed(*args: object) -> None:
    started.append(time.perf_counter())
    feed(*args)  # type: ignore[arg-type]


def timed_read(drain: engine._Drain) -> None:
    """Runs when one of the engine's pipes closes (stdout and stderr: the later ends it)."""
    read(drain)
    with open(spans_file, "a") as spans:  # the command line ends with os._exit: write now
        spans.write(f"{started[-1]} {time.perf_counter()}\n")


engine._feed = timed_feed
engine._Drain._read = timed_read  # type: ignore[method-assign]

from argmap.cli import main  # noqa: E402

main()
