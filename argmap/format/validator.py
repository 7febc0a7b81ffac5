"""Pydantic's validator for the map format, built once per installation and then loaded.

Building it from the models takes 20-40 ms of every cold `check` and `render`; loading
the same validator pickled takes 0.3 ms. The cache file is keyed on the versions of
argmap, pydantic and pydantic-core and on the model's source, lives in the user's cache
folder (`ARGMAP_CACHE_DIR`, else `$XDG_CACHE_HOME/argmap` or `~/.cache/argmap`; set
`ARGMAP_CACHE_DIR=` empty to turn it off), and is only read when it belongs to this user.
Anything unexpected means building in-process, exactly as Pydantic would.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from ..speed import on
from .model import ArgumentMap

_validator: Any = None


def map_validator() -> Any:
    """The `SchemaValidator` that `ArgumentMap.model_validate` would use."""
    global _validator
    if _validator is None:
        folder = _cache_folder() if on("validator") else None
        cached = folder / f"validator-{_key()}.pickle" if folder else None
        _validator = _load(cached) if cached else None
        if _validator is None:
            ArgumentMap.model_rebuild(force=True)
            _validator = ArgumentMap.__pydantic_validator__
            if cached:
                _store(cached, _validator)
    return _validator


def _cache_folder() -> Path | None:
    configured = os.environ.get("ARGMAP_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "argmap"


def _key() -> str:
    import pydantic
    import pydantic_core

    from ..version import __version__

    digest = hashlib.sha256()
    for part in (__version__, pydantic.VERSION, pydantic_core.__version__):
        digest.update(part.encode() + b"\0")
    digest.update(Path(__file__).with_name("model.py").read_bytes())
    return digest.hexdigest()[:20]


def _load(path: Path) -> Any:
    try:
        status = path.stat()
        if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o022):
            return None  # written by someone else, or writable by others: never unpickled
        return pickle.loads(path.read_bytes())
    except Exception:  # a missing, partial or foreign file: build instead
        return None


def _store(path: Path, validator: Any) -> None:
    from ..files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(validator))
    except Exception:  # a read-only home or a validator that cannot be pickled: no cache
        return
