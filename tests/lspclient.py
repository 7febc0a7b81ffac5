"""A small JSON-RPC client that starts `argmap lsp` and speaks to it over stdio, as an
editor does: for the tests and bench/lsp.py."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


class Client:
    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[tuple[float, list[dict[str, Any]]]]] = {}
        self.responses: dict[int, dict[str, Any]] = {}
        self.arrived = threading.Condition()
        self.next_id = 0
        self.versions: dict[str, int] = {}
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
        )
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            length = int(
                next(
                    line.split(b":")[1]
                    for line in header.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
            )
            message = json.loads(stream.read(length))
            with self.arrived:
                if message.get("method") == "textDocument/publishDiagnostics":
                    params = message["params"]
                    self.diagnostics.setdefault(params["uri"], []).append(
                        (time.perf_counter(), params["diagnostics"])
                    )
                elif "id" in message and "method" not in message:
                    self.responses[message["id"]] = message
                self.arrived.notify_all()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 20) -> dict[str, Any]:
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self.arrived:
            while number not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(method)
                self.arrived.wait(left)
            return self.responses.pop(number)

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.resolve().as_uri()
        self.versions[uri] = 1
        language = "yaml" if path.suffix in (".yaml", ".yml") else "plaintext"
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": 1,
                    "text": path.read_text() if text is None else text,
                }
            },
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": self.versions[uri]},
                "contentChanges": [{"text": text}],
            },
        )

    def wait_diagnostics(
        self, uri: str, count: int = 1, timeout: float = 20
    ) -> list[dict[str, Any]]:
        """The newest diagnostics once `count` rounds of them have arrived for the uri."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.diagnostics.get(uri, [])) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"diagnostics for {uri}")
                self.arrived.wait(left)
            return self.diagnostics[uri][-1][1]

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except (TimeoutError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
