"""Names a package offers but imports on first use, so importing it stays cheap."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` giving each name of `modules` from its module (relative to
    `package`), imported the first time the name is asked for."""

    def __getattr__(name: str) -> Any:
        if name in modules:
            import importlib

            return getattr(importlib.import_module(f".{modules[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
