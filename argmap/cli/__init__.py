"""The command line: a thin click layer over the library, one module per group of commands.

Arguments and options in; the library called; issues printed through `argmap.report`;
exit 0 ok, 1 a map has errors, 2 usage or I/O. Nothing in argmap imports this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import cli

__all__ = ["cli", "main"]


def main() -> None:
    """The console script and `python -m argmap`.

    Imports (click, pydantic, YAML, Graphviz) allocate hundreds of thousands of objects
    that live until the process ends; the cyclic garbage collector finds nothing among
    them and cost about 10 ms of every cold start. So it is off before click is imported
    (`watch`, `build` and `serve`, which run long, turn it back on)."""
    from ..speed import collector_off

    collector_off()
    from .app import main as run

    run()


def __getattr__(name: str) -> Any:
    """`cli` (the click group) is imported on first use, after main has turned the
    garbage collector off."""
    if name == "cli":
        from .app import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
