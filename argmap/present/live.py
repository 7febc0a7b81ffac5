"""`argmap watch`: re-render on every save, keeping the last good output when a save is bad."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..draw.engine import EngineError
from ..draw.render import RenderOptions, render_model
from ..files import write_atomic
from ..format.loader import Checked, run_checks
from ..format.semantics import resolve_source
from ..limits import Limits

Fingerprint = tuple[tuple[int, int, int] | None, ...]


@dataclass
class Watcher:
    """Polls the map and its source text; portable, and quick enough for a save (4 Hz)."""

    map_path: Path
    output: Path
    output_format: str
    options: RenderOptions
    limits: Limits
    source_root: Path | None = None
    interval: float = 0.25
    on_result: Callable[[Checked, str], None] = lambda checked, message: None

    def __post_init__(self) -> None:
        self.source_path: Path | None = None

    def fingerprint(self) -> Fingerprint:
        return (_stat(self.map_path), _stat(self.source_path) if self.source_path else None)

    def stable_fingerprint(self) -> Fingerprint:
        """Wait until two reads agree, so a half-written save is not rendered."""
        previous = self.fingerprint()
        while True:
            time.sleep(min(self.interval, 0.1))
            current = self.fingerprint()
            if current == previous:
                return current
            previous = current

    def once(self) -> bool:
        """Check and render now; True when a new output was written."""
        if not self.map_path.exists():
            self.on_result(Checked(str(self.map_path)), "waiting for the file to reappear")
            return False
        checked = run_checks(self.map_path, limits=self.limits, source_root=self.source_root)
        if checked.model and checked.model.source and checked.model.source.text:
            self.source_path, _ = resolve_source(
                checked.model.source.text, self.map_path, self.source_root
            )
        if not checked.ok or checked.model is None:
            self.on_result(checked, f"not rendered; {self.output} keeps the last good picture")
            return False
        started = time.perf_counter()
        try:
            data = render_model(checked.model, self.output_format, self.options, checked.tree)
            write_atomic(self.output, data)
        except (EngineError, OSError) as exc:
            self.on_result(checked, f"not rendered: {exc}")
            return False
        elapsed = (time.perf_counter() - started) * 1000
        self.on_result(checked, f"rendered {self.output} in {elapsed:.0f} ms")
        return True

    def run(self, stop: threading.Event) -> None:
        """Render, then again after every change, until `stop` is set."""
        self.once()
        seen = self.fingerprint()
        while not stop.wait(self.interval):
            if self.fingerprint() == seen:
                continue
            seen = self.stable_fingerprint()
            self.once()
            seen = self.fingerprint()


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)
