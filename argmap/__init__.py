"""argmap: argument maps as code — load, check and render hand-written YAML maps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ArgmapError", "ArgumentMap", "Issue", "check", "load", "render"]

if TYPE_CHECKING:
    from .diagnostics import ArgmapError, Issue
    from .loader import check, load
    from .model import ArgumentMap
    from .rendering import render

_LAZY = {"ArgmapError": "diagnostics", "Issue": "diagnostics", "check": "loader",
         "load": "loader", "ArgumentMap": "model", "render": "rendering"}


def __getattr__(name: str) -> Any:
    """Import on first use, so `argmap --help` does not pay for pydantic and graphviz."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
