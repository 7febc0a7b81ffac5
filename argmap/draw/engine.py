"""Running Graphviz as a child process with a timeout: the embedded binary or system `dot`."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from ..choices import ENGINES
from ..errors import EngineError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["Engine", "EngineError", "available", "find_engine", "run_engine"]

INSTALL_HINT = (
    "install one: `pip install graphviz-pure` (argmap's own dependency, on x86-64 "
    "Linux, macOS and Windows) or a system Graphviz (`apt-get install graphviz`, "
    "`brew install graphviz`, or graphviz.org)"
)


class Engine(NamedTuple):
    name: str
    binary: str


def _pure_binary() -> str | None:
    override = os.environ.get("ARGMAP_GRAPHVIZ_PURE")
    if override:
        return override if Path(override).is_file() else None
    names = ["graphviz-pure.exe", "graphviz-pure"] if os.name == "nt" else ["graphviz-pure"]
    for folder in _script_folders():
        for name in names:
            candidate = Path(folder) / name
            if candidate.is_file():
                return str(candidate)
    return shutil.which("graphviz-pure")


def _script_folders() -> Iterator[str]:
    """Beside this Python first (a venv's bin), then the install scheme's scripts folder;
    sysconfig is imported only when the first place has no engine."""
    yield str(Path(sys.executable).parent)
    import sysconfig

    yield sysconfig.get_path("scripts")


def _dot_binary() -> str | None:
    override = os.environ.get("ARGMAP_DOT")
    if override:
        return override if Path(override).is_file() else None
    return shutil.which("dot")


def available() -> Iterator[Engine]:
    """The engines on this machine, in the order `auto` tries them; each is looked for
    only when the one before it was not taken."""
    pure = _pure_binary()
    if pure:
        yield Engine("pure", pure)
    dot = _dot_binary()
    if dot:
        yield Engine("dot", dot)


def find_engine(choice: str = "auto") -> Engine:
    if choice not in ENGINES:
        raise EngineError(f"unknown engine {choice!r}; choose one of {', '.join(ENGINES)}")
    for engine in available():
        if choice in ("auto", engine.name):
            return engine
    if choice == "pure":
        raise EngineError(
            "the embedded engine `graphviz-pure` is not installed; "
            "`pip install graphviz-pure`, or use --engine dot"
        )
    if choice == "dot":
        raise EngineError(
            "no system Graphviz `dot` on PATH; install Graphviz "
            "(`apt-get install graphviz`), or use --engine pure"
        )
    raise EngineError(f"no Graphviz engine found; {INSTALL_HINT}")


# Engines started before their DOT was written, by command line (see start_early).
_started_early: dict[tuple[str, ...], subprocess.Popen[bytes]] = {}


def start_early(choice: str, output_format: str) -> None:
    """Start the engine a one-shot render will use, to read its DOT once it is written.

    `dot` loads its plugins (cairo, pango, glib: about 10 ms) before it reads a byte,
    while a cold `argmap render` is still importing Python; this way the two overlap.
    The next `run` with the same command line takes the started engine. One never given
    its DOT reads end of file when argmap exits, and exits without drawing anything.
    """
    try:
        engine = find_engine(choice)
    except EngineError:
        return  # said when the map is drawn
    command = (engine.binary, f"-T{output_format}")
    if command not in _started_early:
        with contextlib.suppress(OSError):
            _started_early[command] = _start(command)


def _start(command: tuple[str, ...]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name != "nt",
    )


def run_engine(
    engine: Engine,
    dot_source: str,
    output_format: str,
    *,
    timeout: float = 30.0,
    args: tuple[str, ...] = (),
    on_output: Callable[[bytes], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> bytes:
    """DOT on stdin, the rendering on stdout; never waits longer than `timeout` seconds.

    `meanwhile` runs while Graphviz lays the graph out, and `on_output` is given the
    output piece by piece as Graphviz writes it (then nothing is returned): work done
    there costs no time of its own on a second core.
    """
    command = (engine.binary, f"-T{output_format}", *args)
    process = _started_early.pop(command, None)
    if process is None or process.poll() is not None:
        try:
            process = _start(command)
        except OSError as exc:
            raise EngineError(f"cannot run {engine.binary}: {exc.strerror or exc}") from None
    deadline = time.monotonic() + timeout
    stdout = _Drain(process.stdout, on_output)
    stderr = _Drain(process.stderr, None)
    feeder = threading.Thread(target=_feed, args=(process.stdin, dot_source), daemon=True)
    feeder.start()
    try:
        if meanwhile is not None:
            meanwhile()
        stdout.deliver(deadline)
        stderr.deliver(deadline)
        process.wait(max(0.0, deadline - time.monotonic()))
    except BaseException as exc:  # a timeout, Ctrl-C, or output argmap cannot use
        _kill(process)
        if not isinstance(exc, subprocess.TimeoutExpired):
            raise
        raise EngineError(
            f"Graphviz ({engine.name}) took longer than {timeout:g} s and was "
            "stopped; raise --timeout, or split the map"
        ) from None
    message = _clean(b"".join(stderr.pieces).decode("utf-8", "replace"))
    if process.returncode < 0:
        name = (
            signal.Signals(-process.returncode).name
            if -process.returncode in signal.valid_signals()
            else str(-process.returncode)
        )
        raise EngineError(
            f"Graphviz ({engine.name}) crashed ({name})" + (f": {message}" if message else "")
        )
    if process.returncode != 0 or not stdout.size:
        raise EngineError(
            f"Graphviz ({engine.name}) failed"
            + (f": {message}" if message else f" with exit status {process.returncode}")
        )
    return b"".join(stdout.pieces)


def _feed(pipe: IO[bytes] | None, dot_source: str) -> None:
    """Write the DOT and close the pipe; an engine that stopped reading has failed, which
    its exit status and message tell."""
    assert pipe is not None
    with contextlib.suppress(OSError):
        pipe.write(dot_source.encode("utf-8"))
    with contextlib.suppress(OSError):
        pipe.close()


class _Drain:
    """Reads a pipe on a thread of its own, so Graphviz never waits to write while the
    output is being worked on; hands the pieces over in order."""

    def __init__(self, pipe: IO[bytes] | None, on_output: Callable[[bytes], None] | None):
        assert pipe is not None
        self.pipe = pipe
        self.on_output = on_output
        self.pieces: list[bytes] = []
        self.size = 0
        self.queue: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        _widen(pipe)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            while piece := self.pipe.read1(1 << 20):  # type: ignore[attr-defined]
                self.queue.put(piece)
        self.queue.put(b"")

    def deliver(self, deadline: float) -> None:
        """Pass every piece on until the pipe closes; TimeoutExpired past the deadline."""
        while True:
            try:
                piece = self.queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise subprocess.TimeoutExpired("graphviz", 0) from None
            if not piece:
                return
            self.size += len(piece)
            if self.on_output is None:
                self.pieces.append(piece)
            else:
                self.on_output(piece)


def _widen(pipe: IO[bytes]) -> None:
    """A 1 MB pipe (Linux) rather than 64 kB: Graphviz writes megabytes at once."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if set_size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), set_size, 1 << 20)


def layout_size(
    engine: Engine, dot_source: str, timeout: float, pad: float = 0.0
) -> tuple[float, float]:
    """Width and height of the picture in points, from Graphviz's plain output (which
    leaves out the `pad` margin on every side, so it is added back)."""
    plain = run_engine(engine, dot_source, "plain", timeout=timeout)
    _, _, width, height = plain.split(b"\n", 1)[0].split()[:4]
    return float(width) * 72 + 2 * pad, float(height) * 72 + 2 * pad


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop the engine and anything it started, then reap it."""
    try:
        if os.name != "nt":
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()


def _clean(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return "; ".join(lines[:5])[:500]
