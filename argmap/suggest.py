"""The one closest known name to a mistyped one, for every message that asks "did you mean"."""

from __future__ import annotations

from collections.abc import Iterable


def closest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name most like `name`, or None when none is alike enough."""
    import difflib  # only when something is wrong: keeps start-up short

    found = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name: str, known: Iterable[str], otherwise: str, cutoff: float = 0.6) -> str:
    """A hint: "did you mean `x`?", or `otherwise` when nothing is close."""
    close = closest(name, known, cutoff)
    return f"did you mean `{close}`?" if close else otherwise
