"""`argmap serve`: a live preview in any browser, redrawn the moment a map is saved.

A small threaded HTTP server on loopback. It serves only what it makes: the page and
its script, each map's picture (drawn on request with the options the page asks for,
cached per version), its state (version and located errors) and its claims' details
with the quoted passage in the source text. No URL names a file, so no URL can reach
one; requests whose Host is not the address served are refused (DNS rebinding); only
GET and HEAD are answered. Saves reach every open page through server-sent events.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import socket
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..choices import DIRECTIONS, THEMES
from ..draw import (
    EngineError,
    RenderOptions,
    StatementCache,
    UnknownRoot,
    ViewSpec,
    declared,
    find_root,
    render_model,
)
from ..errors import ArgmapError
from ..format import MapTree, SourceText
from ..limits import Limits
from ..words import Words
from .live import LiveMap, watch_files
from .page import APP_JS, PAGE, gallery_page
from .steps import assign_steps

# Bounds that keep any web page, or any client, from wearing the preview down
# (docs/limits.md): pictures kept per map, connections served at once, the event streams
# among them, seconds a client may take to send a request, and a request line's length.
PICTURES_KEPT = 16
MAX_CONNECTIONS = 64
MAX_EVENT_STREAMS = 16
REQUEST_SECONDS = 10.0
MAX_REQUEST_LINE = 8192
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
