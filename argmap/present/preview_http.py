"""The preview's HTTP server: a small threaded server on loopback that serves only what
`Preview` makes (the page and its script, pictures, states, claims' details).

No URL names a file, so no URL can reach one; requests whose Host is not the address
served are refused (DNS rebinding); only GET and HEAD are answered. Saves reach every
open page through server-sent events. Every connection is bounded (docs/limits.md).
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..draw import EngineError
from ..errors import ArgmapError
from .page import APP_JS, PAGE, gallery_page
from .serve import BadRequest, Preview

# Bounds that keep any web page, or any client, from wearing the preview down
# (docs/limits.md): connections served at once, the event streams among them, seconds a
# client may take to send a request, and a request line's length.
MAX_CONNECTIONS = 64
MAX_EVENT_STREAMS = 16
REQUEST_SECONDS = 10.0
MAX_REQUEST_LINE = 8192

_MAP_ROUTE = re.compile(r"^/map/([A-Za-z0-9_-]+)(?:/(svg|state|claim/([A-Za-z0-9_-]+)))?$")


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the routes above; everything else 404, 405 or 421."""

    preview: Preview
    allowed_hosts: frozenset[str]
    server_version = "argmap"
    protocol_version = "HTTP/1.1"

    timeout = REQUEST_SECONDS  # a socket that sends or takes nothing for so long is closed

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the CLI says what matters
        return

    def handle_one_request(self) -> None:
        """A request must arrive whole within REQUEST_SECONDS: a client trickling bytes
        (slowloris) is cut off, however often it sends one."""
        deadline = threading.Timer(REQUEST_SECONDS, self._hang_up)
        deadline.daemon = True
        self._deadline = deadline
        deadline.start()
        try:
            super().handle_one_request()
        finally:
            deadline.cancel()

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self._deadline.cancel()  # the request is in: answering it has no deadline
        if parsed and len(self.requestline) > MAX_REQUEST_LINE:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        return parsed

    def _hang_up(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_POST(self) -> None:
        self._send(
            HTTPStatus.METHOD_NOT_ALLOWED, b"read only\n", "text/plain", {"Allow": "GET, HEAD"}
        )

    do_PUT = do_DELETE = do_PATCH = do_POST

    def do_GET(self, head: bool = False) -> None:
        host = (self.headers.get("Host") or "").lower()
        if host not in self.allowed_hosts:
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"unknown host\n", "text/plain")
            return
        preview = self.preview
        try:
            url = urlsplit(self.path)
            query = {
                key: values[-1] for key, values in parse_qs(url.query, max_num_fields=16).items()
            }
            path = url.path
            if path == "/":
                if len(preview.maps) == 1:
                    slug = next(iter(preview.maps))
                    self._send(HTTPStatus.FOUND, b"", "text/plain", {"Location": f"/map/{slug}"})
                else:
                    page = gallery_page(
                        [(s.slug, preview.state(s)["title"]) for s in preview.maps.values()]
                    )
                    self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8", head=head)
                return
            if path == "/app.js":
                self._send(
                    HTTPStatus.OK, APP_JS.encode(), "text/javascript; charset=utf-8", head=head
                )
                return
            if path == "/events":
                self._events()
                return
            match = _MAP_ROUTE.match(path)
            if not match or match.group(1) not in preview.maps:
                raise LookupError(path)
            served = preview.maps[match.group(1)]
            what = match.group(2)
            if what is None:
                state = preview.state(served)
                page = (
                    PAGE.replace("{{slug}}", served.slug)
                    .replace("{{title}}", html.escape(state["title"]))
                    .replace("{{lang}}", html.escape(state["language"]))
                    .replace("{{whole_map}}", html.escape(state["whole_map"]))
                )
                self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8", head=head)
            elif what == "svg":
                self._send(
                    HTTPStatus.OK,
                    preview.picture(served, query),
                    "image/svg+xml; charset=utf-8",
                    head=head,
                )
            elif what == "state":
                self._json(preview.state(served), head)
            else:
                self._json(preview.claim(served, match.group(3)), head)
        except BadRequest as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"{exc}\n".encode(), "text/plain", head=head)
        except ValueError:  # more query fields than any page sends, or a malformed URL
            self._send(HTTPStatus.BAD_REQUEST, b"malformed request\n", "text/plain", head=head)
        except LookupError:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head=head)
        except (EngineError, ArgmapError) as exc:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, str(exc).encode(), "text/plain", head=head)

    def _json(self, data: dict[str, Any], head: bool) -> None:
        body = json.dumps(data, ensure_ascii=False).encode()
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", head=head)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        kind: str,
        headers: dict[str, str] | None = None,
        head: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
        )
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: each map's version, now and after every change."""
        server = self.server
        assert isinstance(server, PreviewServer)
        if not server.streams.acquire(blocking=False):
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"too many open pages\n", "text/plain")
            return
        try:
            self._stream_events()
        finally:
            server.streams.release()

    def _stream_events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        preview = self.preview
        sent: dict[str, int] = {}
        try:
            while not preview.stop.is_set():
                for slug, served in preview.maps.items():
                    if sent.get(slug) != served.live.version:
                        sent[slug] = served.live.version
                        data = json.dumps({"slug": slug, "version": served.live.version})
                        self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                with preview.changed:
                    preview.changed.wait(timeout=10)
        except OSError:  # the page was closed
            return


class PreviewServer(ThreadingHTTPServer):
    """A thread per connection, at most MAX_CONNECTIONS at once: one more is answered 503
    at once and closed; a client that went away is no error worth a word."""

    daemon_threads = True
    request_queue_size = 128  # Python's default of 5 drops connections in a burst

    def __init__(self, address: tuple[str, int], handler: type[Handler]):
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_EVENT_STREAMS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.settimeout(1.0)
                request.sendall(_BUSY)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError | TimeoutError):
            return  # reset, broken pipe, timed out: the client's doing
        print(f"argmap serve: a request failed: {error!r}", file=sys.stderr)


_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
    b"Content-Length: 5\r\nRetry-After: 1\r\nConnection: close\r\n\r\nbusy\n"
)


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """Bound and ready; the caller runs serve_forever (raises OSError when the port is taken)."""
    loopback = host in ("127.0.0.1", "localhost", "::1")
    names = {host, "localhost", "127.0.0.1", "[::1]"} if loopback else {host}
    server = PreviewServer((host, port), Handler)
    bound = server.server_address[1]
    # Each server its own handler class: what it serves, and the Host names it answers.
    server.RequestHandlerClass = type(
        "PreviewHandler",
        (Handler,),
        {"preview": preview, "allowed_hosts": frozenset(f"{name}:{bound}" for name in names)},
    )
    return server


def free_port(host: str) -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
