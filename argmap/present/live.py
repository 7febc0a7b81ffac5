"""Maps kept checked and drawn while they are edited: the machinery of `watch` and `serve`.

The operating system tells of saves through watchfiles (inotify, FSEvents, ...), with
polling where it cannot; a save that lands while a render runs marks the map dirty
again, so it is never missed. A save whose only errors are its quotes is drawn as a draft;
any other bad save keeps the last good picture.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..draw import RenderOptions, StatementCache, render_model
from ..errors import ArgmapError, Issue
from ..files import write_atomic
from ..format import Checked, Loaded, draft_flags, find_source_root, resolve_source, run_checks
from ..limits import Limits

Fingerprint = tuple[tuple[int, int, int] | None, ...]


@dataclass
class LiveMap:
    """One map: its last check, its last good check, and a version that counts changes."""

    path: Path
    limits: Limits
    source_root: Path | None = None
    version: int = 0
    checked: Checked | None = None
    good: Loaded | None = None  # the last check that can be drawn
    source_path: Path | None = None
    # A draft's marked claims (format/loader.draft_flags), now and in the last good check.
    flags: dict[str, str] | None = None
    good_flags: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The project the map was given in: a save that turns the map into a link out of
        # it is refused like a source path that leaves it (E208), and nothing of it read.
        roots = [find_source_root(self.path), *([self.source_root] if self.source_root else [])]
        self.roots = [root.resolve() for root in roots]

    def refresh(self) -> Checked:
        """Check the map again (a missing file is an E001, as for `check`)."""
        target = self.path.resolve()
        if not any(target == root or root in target.parents for root in self.roots):
            checked = Checked(
                str(self.path),
                [
                    Issue(
                        str(self.path),
                        0,
                        0,
                        "E208",
                        f"the map file now leads out of the project folder {self.roots[0]}",
                        hint="save the map as a file inside the project again",
                    )
                ],
            )
        else:
            checked = run_checks(self.path, limits=self.limits, source_root=self.source_root)
        model = checked.model
        self.source_path = None
        if model and model.source and model.source.text:
            self.source_path, _ = resolve_source(model.source.text, self.path, self.source_root)
        self.checked = checked
        self.flags = draft_flags(checked) if not checked.ok else {}
        loaded = checked.loaded()
        if loaded is not None and (checked.ok or self.flags is not None):
            self.good = loaded  # a draft is drawn too, its claims marked
            self.good_flags = self.flags or {}
        self.version += 1
        return checked

    def files(self) -> set[Path]:
        return {self.path, *([self.source_path] if self.source_path else [])}


def watch_files(
    files: Callable[[], set[Path]],
    on_change: Callable[[], None],
    stop: threading.Event,
    interval: float = 0.25,
) -> None:
    """Call `on_change` after each save to any of `files()` until `stop` is set.

    Folders are watched rather than files, so a save that deletes and recreates the file
    (as many editors do) is seen; the set of files is read again after every change.
    """
    try:
        import watchfiles
    except ImportError:  # pragma: no cover - a dependency; polling keeps watch working
        _poll(files, on_change, stop, interval)
        return
    while not stop.is_set():
        wanted = {path.resolve() for path in files()}
        folders = sorted({str(path.parent) for path in wanted if path.parent.is_dir()})
        if not folders:
            stop.wait(interval)
            continue
        try:
            for changes in watchfiles.watch(
                *folders,
                stop_event=stop,
                debounce=40,
                step=20,
                rust_timeout=int(interval * 1000) * 4,
                yield_on_timeout=True,
                force_polling=None,
            ):
                touched = {Path(name).resolve() for _, name in changes}
                if touched & wanted:
                    on_change()
                now = {path.resolve() for path in files()}
                if now != wanted:  # a new source text: watch its folder too
                    break
        except (OSError, RuntimeError):  # e.g. too many watches: fall back to polling
            _poll(files, on_change, stop, interval)
            return


def _poll(
    files: Callable[[], set[Path]],
    on_change: Callable[[], None],
    stop: threading.Event,
    interval: float,
) -> None:
    seen = _fingerprint(files())
    while not stop.wait(interval):
        current = _fingerprint(files())
        if current != seen:
            seen = current
            on_change()


def _fingerprint(paths: set[Path]) -> Fingerprint:
    return tuple(_stat(path) for path in sorted(paths))


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


@dataclass
class Watcher:
    """`argmap watch`: render MAP to OUTPUT now and after every save of it or its source."""

    map_path: Path
    output: Path
    output_format: str
    options: RenderOptions
    limits: Limits
    source_root: Path | None = None
    interval: float = 0.25
    on_result: Callable[[Checked, str], None] = lambda checked, message: None
    live: LiveMap = field(init=False)

    def __post_init__(self) -> None:
        self.live = LiveMap(self.map_path, self.limits, self.source_root)
        self.dirty = threading.Event()
        # Each save redraws only the claims that changed (the rest are remembered).
        self.options = self.options.drawn(statements=StatementCache())

    def once(self) -> bool:
        """Check and render now; True when a new output was written."""
        if not self.map_path.exists():
            self.on_result(Checked(str(self.map_path)), "waiting for the file to reappear")
            return False
        checked = self.live.refresh()
        flags = self.live.flags
        if checked.model is None or (not checked.ok and flags is None):
            self.on_result(checked, f"not rendered; {self.output} keeps the last good picture")
            return False
        started = time.perf_counter()
        options = self.options.drawn(flagged=flags or None)
        try:
            data = render_model(checked.model, self.output_format, options, checked.tree)
            write_atomic(self.output, data)
        except (ArgmapError, OSError) as exc:  # EngineError and OutputError among them
            self.on_result(checked, f"not rendered: {exc}")
            return False
        elapsed = (time.perf_counter() - started) * 1000
        message = f"rendered {self.output} in {elapsed:.0f} ms"
        if flags:
            message += f", a draft: {len(flags)} claim(s) marked for errors in their content"
        self.on_result(checked, message)
        return True

    def run(self, stop: threading.Event) -> None:
        """Render, then again after every change, until `stop` is set."""
        listener = threading.Thread(
            target=watch_files,
            args=(self.live.files, self.dirty.set, stop, self.interval),
            daemon=True,
        )
        self.once()
        listener.start()
        while not stop.is_set():
            if not self.dirty.wait(self.interval):
                continue
            self.dirty.clear()  # before rendering: a save during the render is seen
            self.once()
