"""argmap: argument maps as code — load, check and render hand-written YAML maps.

The library API: `load` (a checked model, or ArgmapError with every issue), `check` (the
issues, never raising), `render` (bytes in one format) and `diagram` (an object Jupyter
shows as its picture). Each is imported on first use, so `argmap --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__ as __version__

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Diagram",
    "EngineError",
    "Issue",
    "check",
    "diagram",
    "evaluate",
    "load",
    "render",
]

if TYPE_CHECKING:
    from .assess.evaluate import evaluate
    from .draw.diagram import Diagram, diagram
    from .draw.render import render
    from .errors import ArgmapError, EngineError, Issue
    from .format.loader import check, load
    from .format.model import ArgumentMap

_LAZY = {
    "ArgmapError": "errors",
    "EngineError": "errors",
    "Issue": "errors",
    "check": "format.loader",
    "load": "format.loader",
    "ArgumentMap": "format.model",
    "render": "draw.render",
    "diagram": "draw.diagram",
    "evaluate": "assess.evaluate",
    "Diagram": "draw.diagram",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so `argmap --help` does not pay for pydantic and graphviz."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The lazy names too, so notebooks and editors complete `argmap.lo` to `load`."""
    return sorted({*globals(), *__all__})
