"""`argmap` as the console script runs it, noting how long each Graphviz run took.

    python bench/spans.py SPANS-FILE render MAP ...

bench/run.py runs cold renders through this to tell Graphviz's part of a process from
argmap's own: each engine run appends "started ended" (perf_counter seconds, from
starting the engine to its output closing) to SPANS-FILE. Timing the engine alone in
another process instead adds that process's noise: at 5,000 claims Graphviz's ten
seconds move by more than a second from run to run, more than argmap's own time.
"""

from __future__ import annotations

import sys
import time

from argmap.draw import engine

spans_file = sys.argv.pop(1)
popen, read = engine.subprocess.Popen, engine._Drain._read
started: list[float] = []


def timed_popen(*args: object, **kwargs: object) -> object:
    started.append(time.perf_counter())
    return popen(*args, **kwargs)  # type: ignore[call-overload]


def timed_read(drain: engine._Drain) -> None:
    """Runs when one of the engine's pipes closes (stdout and stderr: the later ends it)."""
    read(drain)
    with open(spans_file, "a") as spans:  # the command line ends with os._exit: write now
        spans.write(f"{started[-1]} {time.perf_counter()}\n")


engine.subprocess.Popen = timed_popen  # type: ignore[assignment, misc]
engine._Drain._read = timed_read  # type: ignore[method-assign]

from argmap.cli import main  # noqa: E402

main()
