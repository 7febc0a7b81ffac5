"""The bounds that keep argmap's time and memory finite on any input (see docs/limits.md)."""

from __future__ import annotations

from typing import NamedTuple


class Limits(NamedTuple):
    """Each bound is a CLI option too, for the rare map that truly needs more."""

    max_bytes: int = 4 * 1024 * 1024
    max_depth: int = 120
    max_nodes: int = 1_000_000
    max_claims: int = 10_000


DEFAULT_LIMITS = Limits()
