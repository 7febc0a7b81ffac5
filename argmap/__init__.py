"""argmap: argument maps as code — load, check and render hand-written YAML maps.

The library API: `load` (a checked model, or ArgmapError with every issue), `check` (the
issues, never raising), `render` (bytes in one format), `diagram` (an object Jupyter
shows as its picture), `evaluate`, `export` (AIF or Argdown text) and `load_argdown` /
`load_aif` (a model from another format). Each is imported on first use, so
`argmap --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .lazy import lazy_names
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
    "export",
    "load",
    "load_aif",
    "load_argdown",
    "render",
]

if TYPE_CHECKING:
    from .assess.evaluate import evaluate
    from .draw.diagram import Diagram, diagram
    from .draw.render import render
    from .errors import ArgmapError, EngineError, Issue
    from .exchange.convert import export, load_aif, load_argdown
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
    "export": "exchange.convert",
    "load_argdown": "exchange.convert",
    "load_aif": "exchange.convert",
}


# Imported on first use, so `argmap --help` does not pay for pydantic and graphviz.
__getattr__ = lazy_names(__name__, _LAZY)


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext argmap` in Jupyter: the `%%argmap` cell magic (docs/documents.md)."""
    from .documents.jupyter import load_ipython_extension as load

    load(ipython)


def __dir__() -> list[str]:
    """The lazy names too, so notebooks and editors complete `argmap.lo` to `load`."""
    return sorted({*globals(), *__all__})
