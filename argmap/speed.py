"""What makes argmap fast, in one place: each trick, what it buys, and one switch that turns
them off for debugging: `ARGMAP_NO_SPEEDUPS=1` (all), or a comma list of their names.

- `gc` (cli.main): the cyclic collector off for a one-shot command; what the imports make
  lives until the process ends. Within this machine's noise on a cold render (-1 to +17 ms
  over three runs of 21-25).
- `paused-gc` (format.loader, draw.render, present.lsp): no collections while a map is
  built, checked or drawn; nothing made there is cyclic garbage. 29 ms of a 5,000-claim
  `check` where the collector runs (watch, serve, the library).
- `validator` (format/validator.py): Pydantic's validator pickled once per installation
  (ARGMAP_CACHE_DIR), then loaded. 28 ms of a cold render.
- `plugins` (cli/app.py): Pydantic told there are no plugins, so it reads no package
  metadata looking for them. Within the noise (3 ms).
- `early-engine` (draw.engine.start_early): a one-shot SVG render starts Graphviz while
  Python still imports. Within the noise with either engine (-8 to +22 ms); it was measured
  at ~10 ms for system `dot` when Python's imports were slower.
- `overlap` (draw.render.render_svg): the SVG's outline written while Graphviz lays out, the
  SVG rewritten while Graphviz writes it. Within the noise on the summit map (-13 to +15
  ms); it is the larger the larger the map.
- `exit` (cli/app.py): a one-shot command ends without tearing the interpreter down, its
  files closed and its output flushed. 28 ms of a cold render.
- `pool` (present/gallery.py): `build` draws a folder's maps in parallel processes. 180 ms
  of a `build` of eight maps on two cores (759 → 580 ms).

Measured by bench/speedups.py (2 cores, medians of 21 interleaved cold runs, all on against
each one turned off; the summit render took 268 ms with all on, 358 ms with all off). Each
changes how long a command takes, never what it writes or says: the tests run a render, a
check and a build both ways and compare.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH = "ARGMAP_NO_SPEEDUPS"
NAMES = ("gc", "paused-gc", "validator", "plugins", "early-engine", "overlap", "exit", "pool")


def on(name: str) -> bool:
    """Whether the named trick is in use: each is, unless the switch says 1 or names it."""
    said = os.environ.get(SWITCH, "").strip().lower()
    if said in ("", "0", "no", "false"):
        return True
    if said in ("1", "yes", "true", "all"):
        return False
    return name not in {part.strip() for part in said.split(",")}


def collector_off() -> None:
    """`gc`: for a command whose process ends with it (long runs turn it on again)."""
    if on("gc"):
        gc.disable()


@contextmanager
def paused_gc() -> Iterator[None]:
    """`paused-gc`: loading a large map allocates hundreds of thousands of small objects,
    and each automatic collection rescans all of them; collecting afterwards loses
    nothing."""
    was_enabled = gc.isenabled()
    if on("paused-gc"):
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_plugins() -> None:
    """`plugins`: argmap's command line uses no Pydantic plugin ('' allows them again)."""
    if on("plugins"):
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def leave(status: int) -> None:
    """`exit`: end a one-shot command's process at once, every file already closed and
    renamed into place and the output flushed; else an ordinary exit."""
    if on("exit"):
        os._exit(status)
    raise SystemExit(status)
