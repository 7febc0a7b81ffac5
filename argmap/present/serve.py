"""`argmap serve`: a live preview in any browser, redrawn the moment a map is saved.

What the preview serves, as plain data: the maps watched, each map's picture (drawn on
request with the options the page asks for, cached per version), its state (version and
located errors) and its claims' details with the quoted passage in the source text. The
HTTP server in front of it is preview_http.py.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..choices import DIRECTIONS, THEMES
from ..draw import (
    RenderOptions,
    StatementCache,
    UnknownRoot,
    ViewSpec,
    declared,
    find_root,
    render_model,
)
from ..format import MapTree, SourceText
from ..limits import Limits
from ..words import Words
from .live import LiveMap, watch_files
from .steps import assign_steps

# Pictures kept per map (docs/limits.md); the server's own bounds are in preview_http.py.
PICTURES_KEPT = 16
_STEP = re.compile(r"[0-9]{1,4}")
_DEPTH = re.compile(r"[1-9][0-9]?")
# A map larger than this opens folded to FOLDED_DEPTH levels: Graphviz lays out only what is
# shown (0.47 s at 1,000 claims, 6-9 s at 5,000), and a click on a stub unfolds its branch.
FOLD_OVER, FOLDED_DEPTH = 300, 2


class BadRequest(ValueError):
    """A query value argmap does not accept: 400 with the message."""


def _choice(query: dict[str, str], name: str, allowed: tuple[str, ...]) -> str:
    """The value of `name`, one of `allowed` (the first when it is not given)."""
    value = query.get(name) or allowed[0]
    if value not in allowed:
        raise BadRequest(f"`{name}` cannot be {_shown(value)}")
    return value


def _step(query: dict[str, str]) -> int:
    """The step asked for, 0 for the whole map: ASCII digits only, four at most."""
    value = query.get("step") or "0"
    if not _STEP.fullmatch(value):
        raise BadRequest(f"`step` cannot be {_shown(value)}")
    return int(value)


def _folding(query: dict[str, str], tree: MapTree) -> tuple[int | None, frozenset[str]]:
    """The depth the page folds a large map to, and the claims it has unfolded."""
    depth = query.get("depth") or ""
    if depth and not _DEPTH.fullmatch(depth):
        raise BadRequest(f"`depth` cannot be {_shown(depth)}")
    opened = frozenset(key for key in (query.get("open") or "").split(",") if key)
    if len(opened) > len(tree.claims) or not opened <= {node.key for node in tree.claims}:
        raise BadRequest("`open` names claims the map does not have")
    return (int(depth) if depth else None), opened


def _shown(value: str) -> str:
    return repr(value[:40] + ("…" if len(value) > 40 else ""))


@dataclass
class Served:
    """One map as served: its live state and its pictures for the current version."""

    slug: str
    live: LiveMap
    pictures: dict[tuple[Any, ...], bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Each save redraws only the claims that changed (the rest are remembered).
    statements: StatementCache = field(default_factory=StatementCache)


class Preview:
    """The maps, the change listeners, and what every request reads."""

    def __init__(
        self, maps: list[Path], limits: Limits, source_root: Path | None, engine: str = "auto"
    ):
        self.engine = engine
        self.maps: dict[str, Served] = {}
        for path, slug in zip(maps, _slugs(maps), strict=True):
            served = Served(slug, LiveMap(path, limits, source_root))
            served.live.refresh()
            self.maps[slug] = served
        self.changed = threading.Condition()
        self.stop = threading.Event()

    def files(self) -> set[Path]:
        return {path for served in self.maps.values() for path in served.live.files()}

    def on_change(self) -> None:
        """A save: check every map again, and wake the pages of those that changed."""
        for served in self.maps.values():
            before = _signature(served.live)
            with served.lock:
                served.live.refresh()
                served.pictures.clear()
            if _signature(served.live) == before:
                served.live.version -= 1  # nothing of it changed
        with self.changed:
            self.changed.notify_all()

    def listen(self) -> threading.Thread:
        thread = threading.Thread(
            target=watch_files, args=(self.files, self.on_change, self.stop), daemon=True
        )
        thread.start()
        return thread

    # -- what the page asks for -------------------------------------------------------------

    def state(self, served: Served) -> dict[str, Any]:
        live = served.live
        checked = live.checked
        good = live.good
        issues = checked.issues if checked else []
        lines = checked.text.splitlines() if checked and checked.text else []
        model = good.model if good else None
        steps = 1
        if good:
            steps = max(assign_steps(good.tree).values())
        notes: list[dict[str, Any]] = []
        if checked and checked.ok and checked.model and checked.tree and checked.doc:
            from ..assess.lint import lint

            notes = [n.to_dict() for n in lint(checked.model, checked.tree, checked.doc)]
        return {
            "slug": served.slug,
            "version": live.version,
            "notes": notes,
            "ok": bool(checked and checked.ok),
            # Only content errors (quotes): the picture is this save, drawn as a draft.
            "draft": bool(live.flags),
            "title": model.title if model else live.path.name,
            "file": str(live.path),
            "views": list(model.views) if model else [],
            # Large maps open folded; the page sends `depth` and the claims it unfolded.
            "folded": FOLDED_DEPTH if good and len(good.tree.claims) > FOLD_OVER else None,
            # The map's language: the page's lang and the words it shows of the map.
            "language": (model.language if model else None) or "en",
            "whole_map": Words(model.language if model else None)["whole_map"],
            "steps": steps,
            "issues": [
                {
                    **issue.to_dict(),
                    "source_line": lines[issue.line - 1] if 0 < issue.line <= len(lines) else "",
                }
                for issue in issues
            ],
        }

    def picture(self, served: Served, query: dict[str, str]) -> bytes:
        """The last good map drawn as the page asks; errors are the state's business."""
        good = served.live.good
        if good is None:
            raise LookupError("the map has never checked clean")
        theme = _choice(query, "theme", THEMES)
        direction = _choice(query, "direction", DIRECTIONS)
        evaluate = _choice(query, "evaluate", ("0", "1")) == "1"
        step = _step(query)
        view = None
        if query.get("view"):
            try:
                view = declared(good.model, query["view"])
            except KeyError:
                raise BadRequest("the map declares no such view") from None
        depth, opened = _folding(query, good.tree)
        if depth is not None:
            view = view or ViewSpec()
            shallower = depth if view.depth is None else min(depth, view.depth)
            view = view._replace(depth=shallower, unfold=opened)
        statuses = None
        if evaluate:
            from ..assess import shown_statuses

            statuses = shown_statuses(good.tree)[0]
        flagged = served.live.good_flags or None  # a draft's claims with content errors
        folding = (depth, tuple(sorted(opened)))
        key = (served.live.version, theme, direction, query.get("view"), evaluate, step, folding)
        with served.lock:
            if key in served.pictures:
                served.pictures[key] = served.pictures.pop(key)  # the most recently used
                return served.pictures[key]
        options = RenderOptions.of(
            theme=theme,
            direction=direction,
            engine=self.engine,
            view=view,
            statuses=statuses,
            flagged=flagged,
            responsive=True,
            statements=served.statements,
        )
        if step:
            from .steps import render_steps

            pictures = render_steps(good.model, "svg", options, good.tree)
            data = pictures[min(step, len(pictures)) - 1]
        else:
            data = render_model(good.model, "svg", options, good.tree)
        with served.lock:
            served.pictures[key] = data
            while len(served.pictures) > PICTURES_KEPT:
                del served.pictures[next(iter(served.pictures))]  # the least recently used
        return data

    def claim(self, served: Served, key: str) -> dict[str, Any]:
        """A claim's full text, quote, basis and the quoted passage in its context."""
        good = served.live.good
        if good is None:
            raise LookupError(key)
        try:
            node = find_root(good.tree, key)
        except UnknownRoot:
            raise LookupError(key) from None
        if not hasattr(node, "claim"):
            raise LookupError(key)
        claim = node.claim
        basis = claim.basis
        return {
            "key": key,
            "id": claim.id,
            "label": claim.label,
            "text": claim.text,
            "quote": claim.quote,
            "implicit": claim.implicit,
            "mark": claim.mark,
            "note": claim.note,
            "basis": basis.model_dump() if basis else None,
            "passage": _passage(good.source, claim.quote),
        }


def _signature(live: LiveMap) -> tuple[str | None, tuple[str, ...], str]:
    """What a page shows of a map: its text, its problems, its source text (as checked)."""
    checked = live.checked
    source = checked.source.text if checked and checked.source else ""
    codes = tuple(issue.code for issue in checked.issues) if checked else ()
    return (checked.text if checked else None), codes, source


def _passage(
    source: SourceText | None, quote: str | None, around: int = 300
) -> dict[str, str] | None:
    """The quote in the source text its check read, with some words either side (None
    when not found): never a second read of a file no check has seen."""
    if source is None or not quote:
        return None
    from ..format import split_quote

    text = source.normal
    parts = split_quote(quote)
    if not parts:
        return None
    start = text.find(parts[0])
    if start < 0:
        return None
    end = start + len(parts[0])
    for part in parts[1:]:
        found = text.find(part, end)
        if found < 0:
            break
        end = found + len(part)
    return {
        "before": text[max(0, start - around) : start],
        "quoted": text[start:end],
        "after": text[end : end + around],
    }


def _slugs(maps: list[Path]) -> list[str]:
    from .gallery import slugs_for

    names = slugs_for(maps)
    return [names[path] for path in maps]
