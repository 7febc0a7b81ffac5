"""Running Graphviz as a child process with a timeout: the embedded binary or system `dot`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import EngineError

__all__ = ["Engine", "EngineError", "available", "find_engine", "run"]

ENGINE_CHOICES = ("auto", "pure", "dot")
INSTALL_HINT = (
    "install one: `pip install graphviz-pure` (argmap's own dependency, on x86-64 "
    "Linux, macOS and Windows) or a system Graphviz (`apt-get install graphviz`, "
    "`brew install graphviz`, or graphviz.org)"
)


@dataclass(frozen=True)
class Engine:
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
    if choice not in ENGINE_CHOICES:
        raise EngineError(f"unknown engine {choice!r}; choose one of {', '.join(ENGINE_CHOICES)}")
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


def run(
    engine: Engine,
    dot_source: str,
    output_format: str,
    *,
    timeout: float = 30.0,
    args: tuple[str, ...] = (),
) -> bytes:
    """DOT on stdin, the rendering on stdout; never waits longer than `timeout` seconds."""
    command = [engine.binary, f"-T{output_format}", *args]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=os.name != "nt",
        )
    except OSError as exc:
        raise EngineError(f"cannot run {engine.binary}: {exc.strerror or exc}") from None
    try:
        stdout, stderr = process.communicate(dot_source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise EngineError(
            f"Graphviz ({engine.name}) took longer than {timeout:g} s and was "
            "stopped; raise --timeout, or split the map"
        ) from None
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    message = _clean(done.stderr.decode("utf-8", "replace"))
    if done.returncode < 0:
        name = (
            signal.Signals(-done.returncode).name
            if -done.returncode in signal.valid_signals()
            else str(-done.returncode)
        )
        raise EngineError(
            f"Graphviz ({engine.name}) crashed ({name})" + (f": {message}" if message else "")
        )
    if done.returncode != 0 or not done.stdout:
        raise EngineError(
            f"Graphviz ({engine.name}) failed"
            + (f": {message}" if message else f" with exit status {done.returncode}")
        )
    return done.stdout


def layout_size(
    engine: Engine, dot_source: str, timeout: float, pad: float = 0.0
) -> tuple[float, float]:
    """Width and height of the picture in points, from Graphviz's plain output (which
    leaves out the `pad` margin on every side, so it is added back)."""
    plain = run(engine, dot_source, "plain", timeout=timeout)
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
    process.communicate()


def _clean(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return "; ".join(lines[:5])[:500]
