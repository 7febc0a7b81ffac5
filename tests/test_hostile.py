"""Hostile inputs to the server, import, every output path and the library API: each is
answered or refused in plain words, never a traceback, a hang or a half-written file."""

from __future__ import annotations

import contextlib
import http.client
import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import argmap
from argmap.cli import cli
from argmap.limits import Limits
from argmap.present import preview_http
from argmap.present import serve as serving
from argmap.present.gallery import MANIFEST
from argmap.present.preview_http import make_server
from argmap.present.serve import Preview

from .conftest import ROOT, SUMMIT

SEED = ROOT / "seeds" / "illusions-of-a-summit-with-russia.txt"


def _clean(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


# -- the preview server ------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SUMMIT, tmp_path / "maps" / "summit.yaml")
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "argmap.toml").write_text("")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("password: hunter2 is the secret line\n")
    yield tmp_path, outside / "secret.txt"
    shutil.rmtree(outside)


@pytest.fixture
def server(project):
    root, secret = project
    preview = Preview([root / "maps" / "summit.yaml"], Limits(), None)
    httpd = make_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield root, secret, preview, httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _get(port: int, path: str, timeout: float = 10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_a_map_replaced_by_a_link_out_of_the_project_shows_nothing_of_it(server):
    root, secret, preview, port = server
    summit = root / "maps" / "summit.yaml"
    summit.unlink()
    summit.symlink_to(secret)
    preview.on_change()
    status, body = _get(port, "/map/summit/state")
    state = json.loads(body)
    assert status == 200 and not state["ok"]
    assert [issue["code"] for issue in state["issues"]] == ["E208"]
    assert b"hunter2" not in body and all(not i["source_line"] for i in state["issues"])


def test_a_source_replaced_by_a_link_serves_only_the_checked_text(server):
    root, secret, preview, port = server
    seed = root / "seeds" / SEED.name
    seed.unlink()
    seed.symlink_to(secret)
    # Before and after the re-check: the passage comes from the text the check read.
    for refresh in (False, True):
        if refresh:
            preview.on_change()
        status, body = _get(port, "/map/summit/claim/abandon")
        assert status == 200 and b"hunter2" not in body
    state = json.loads(_get(port, "/map/summit/state")[1])
    assert "E208" in {issue["code"] for issue in state["issues"]}


@pytest.mark.parametrize(
    "query",
    ["step=%C2%B2", "step=" + "9" * 5000, "step=-1", "theme=neon", "direction=up", "evaluate=2"],
)
def test_query_values_are_parsed_strictly(server, query):
    *_, port = server
    started = time.monotonic()
    status, body = _get(port, f"/map/summit/svg?{query}")
    assert status == 400 and len(body) < 200 and time.monotonic() - started < 5


def test_too_many_query_fields_are_a_bad_request(server):
    *_, port = server
    status, _ = _get(port, "/map/summit/svg?" + "&".join(f"a{n}=1" for n in range(50)))
    assert status == 400


def test_the_picture_cache_is_bounded(server, monkeypatch):
    *_, preview, port = server
    monkeypatch.setattr(serving, "PICTURES_KEPT", 3)
    for step in range(1, 7):
        assert _get(port, f"/map/summit/svg?step={step}")[0] == 200
    assert len(preview.maps["summit"].pictures) == 3


def test_a_burst_of_connections_is_answered_or_refused_promptly(server):
    *_, port = server
    _get(port, "/map/summit/svg")  # drawn once; the burst reads it from the cache
    statuses: list[int] = []
    lock = threading.Lock()

    def one() -> None:
        try:
            status, _ = _get(port, "/map/summit/svg", timeout=20)
        except OSError:
            status = 0
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=one) for _ in range(200)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(statuses) == 200 and time.monotonic() - started < 30
    assert set(statuses) <= {200, 503} and statuses.count(200) >= 50


def test_slow_and_vanishing_clients_do_not_stop_the_others(server, monkeypatch, capfd):
    *_, port = server
    monkeypatch.setattr(preview_http, "REQUEST_SECONDS", 1.0)
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
    trickling = [socket.create_connection(("127.0.0.1", port)) for _ in range(5)]
    for client in trickling:
        client.sendall(b"GET /map/summit/svg HTTP/1.1\r\n")
    gone = socket.create_connection(("127.0.0.1", port))
    gone.sendall(f"GET /map/summit/svg HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    gone.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    gone.close()  # a reset mid-picture
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:  # a byte now and then never keeps a slot
        for client in trickling:
            with contextlib.suppress(OSError):
                client.sendall(b"X")
        time.sleep(0.2)
    assert _get(port, "/map/summit/state")[0] == 200
    closed = 0
    for client in trickling:
        client.settimeout(2)
        try:
            closed += client.recv(100) == b""
        except OSError:
            closed += 1
    assert closed == len(trickling)
    for client in idle + trickling:
        client.close()
    time.sleep(0.3)
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_the_server_listens_on_loopback_only_by_default():
    from argmap.cli.serving import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


# -- import ------------------------------------------------------------------------------

_BOMB = [
    "a0: &a0 [x, x, x, x, x, x, x, x, x, x]",
    *(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)),
]


@pytest.mark.parametrize(
    "text",
    [
        "===\n" + "\n".join(_BOMB) + "\nargmap: {description: *a8}\n===\n\n[T]: A thesis.\n"
        "  + <A>: A reason.\n",
        "[T]: A thesis. {"
        + ", ".join(line.replace(": ", ": ", 1) for line in _BOMB[:7])
        + "}\n  + <A>: A reason.\n",
    ],
    ids=["frontmatter", "data"],
)
def test_alias_bombs_in_argdown_are_refused_fast(runner, tmp_path, text):
    (tmp_path / "bomb.argdown").write_text(text)
    started = time.monotonic()
    result = runner.invoke(cli, ["import", str(tmp_path / "bomb.argdown")])
    _clean(result)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1 and "E009" in result.output


@pytest.mark.parametrize(
    "name, text",
    [
        ("f.argdown", "===\nargmap:\n  groups: 5\n===\n\n[T]: A thesis.\n  + <A>: A reason.\n"),
        (
            "f.json",
            json.dumps(
                {
                    "nodes": [
                        {"nodeID": "1", "type": "I", "text": "A thesis."},
                        {"nodeID": "2", "type": "I", "text": "A reason."},
                        {"nodeID": "3", "type": "RA"},
                    ],
                    "edges": [
                        {"edgeID": "a", "fromID": "2", "toID": "3"},
                        {"edgeID": "b", "fromID": "3", "toID": "1"},
                    ],
                    "argmap": {"style": {"font_size": "big"}, "groups": 5},
                },
                indent=1,
            ),
        ),
    ],
)
def test_argmaps_own_fields_in_imported_files_are_validated(runner, tmp_path, name, text):
    (tmp_path / name).write_text(text)
    result = runner.invoke(cli, ["import", str(tmp_path / name)])
    _clean(result)
    assert result.exit_code == 1 and "error[E501]" in result.output and "`groups`" in result.output
    line = result.output.split(":")[1]
    assert line.isdigit() and int(line) > 1


@pytest.mark.parametrize("char", ["\u0092", "\u0095", "\u0080", "\u009f", "\x7f", "\x01"])
def test_control_characters_never_break_an_import(runner, tmp_path, char):
    """C1 controls (from Windows-1252 text read as Latin-1) are kept, escaped; those a map
    may not hold (C0, DEL) are left out with a warning."""
    (tmp_path / "c.argdown").write_text(
        f"[T]: The thesis{char}s claim.\n  + <A>: A reason{char}.\n"
    )
    out = tmp_path / "c.yaml"
    result = runner.invoke(cli, ["import", str(tmp_path / "c.argdown"), "-o", str(out)])
    _clean(result)
    assert result.exit_code == 0, result.output
    assert char not in out.read_text("utf-8")
    kept = char in argmap.load(out).thesis.text
    assert kept == ("\x80" <= char <= "\x9f")
    assert kept or "control character(s) a map cannot hold were left out" in result.output


def test_standard_input_has_the_files_size_limit(runner):
    text = "[T]: A thesis.\n  + <A>: A reason.\n" * 200_000  # 7 MB
    result = runner.invoke(cli, ["import", "-", "--from", "argdown"], input=text)
    _clean(result)
    assert result.exit_code == 1 and "E009" in result.output


def test_import_is_linear_in_the_number_of_theses(tmp_path):
    """A generous bound: benchmarked in bench/hostile.py (about 1 s each here)."""
    from argmap.exchange.convert import import_maps
    from bench.hostile import aif, argdown

    for text, fmt, every in ((argdown(8000), "argdown", True), (aif(10_000), "aif", False)):
        started = time.monotonic()
        imported = import_maps(text, fmt, every=every)  # type: ignore[arg-type]
        assert time.monotonic() - started < 10
        assert imported.maps


# -- where commands write ----------------------------------------------------------------


def _blocked(tmp_path: Path) -> Path:
    """A file where a folder would have to be: refused as root too (unlike permissions)."""
    (tmp_path / "file").write_text("in the way")
    return tmp_path / "file"


@pytest.mark.parametrize(
    "args",
    [
        ["render", str(SUMMIT), "-o", "{blocked}/deep/"],
        ["render", str(SUMMIT), "-o", "{blocked}/x.svg"],
        ["build", str(SUMMIT), "-o", "{blocked}/site"],
        ["slides", str(SUMMIT), "-o", "{blocked}/deck", "-f", "svg"],
        ["import", "{argdown}", "-o", "{blocked}/maps/"],
        ["export", str(SUMMIT), "-f", "aif", "-o", "{blocked}/x.json"],
        ["outline", str(SUMMIT), "-o", "{blocked}/x.txt"],
        ["schema", "-o", "{blocked}/schema.json"],
        ["new", "{blocked}/new.yaml"],
    ],
    ids=lambda args: args[0] + " " + args[-1].split("/")[-1],
)
def test_every_output_path_problem_is_a_located_exit_2(runner, tmp_path, args):
    blocked = _blocked(tmp_path)
    (tmp_path / "in.argdown").write_text("[T]: A thesis.\n  + <A>: A reason.\n")
    words = [a.format(blocked=blocked, argdown=tmp_path / "in.argdown") for a in args]
    result = runner.invoke(cli, words)
    _clean(result)
    assert result.exit_code == 2, result.output
    assert "error[E012]: cannot write" in result.output or "does not exist" in result.output
    assert blocked.read_text() == "in the way"


def test_a_read_only_folder_is_a_located_exit_2(runner, tmp_path, monkeypatch):
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    for words in (
        ["render", str(SUMMIT), "-o", str(tmp_path / "x.svg")],
        ["slides", str(SUMMIT), "-o", str(tmp_path / "deck"), "-f", "svg"],
        ["build", str(SUMMIT), "-o", str(tmp_path / "site")],
    ):
        result = runner.invoke(cli, words)
        _clean(result)
        assert result.exit_code in (1, 2) and "error[E012]: cannot write: permission denied" in (
            result.output
        ), result.output


def test_a_long_legal_name_is_written(runner, tmp_path):
    name = "m" * 246 + ".svg"  # 250 characters: legal, its temporary name must fit too
    result = runner.invoke(cli, ["render", str(SUMMIT), "-o", str(tmp_path / name)])
    _clean(result)
    assert result.exit_code == 0 and (tmp_path / name).is_file()


def test_a_map_whose_slide_names_are_too_long(runner, tmp_path):
    project = tmp_path / "p"
    (project / "seeds").mkdir(parents=True)
    shutil.copy(SEED, project / "seeds" / SEED.name)
    (project / "argmap.toml").write_text("")
    (project / "maps").mkdir()
    long_map = project / "maps" / ("s" * 245 + ".yaml")
    shutil.copy(SUMMIT, long_map)
    result = runner.invoke(cli, ["slides", str(long_map), "-o", str(tmp_path / "deck")])
    _clean(result)
    assert result.exit_code == 2 and "error[E012]" in result.output
    assert "name is too long" in result.output


def test_slides_md_of_odd_file_names(runner, tmp_path):
    for stem in ("notes{v2}", "my map (draft)", "100% [sure]"):
        shutil.copy(ROOT / "maps" / "phones-in-class.yaml", tmp_path / f"{stem}.yaml")
        result = runner.invoke(
            cli,
            ["slides", str(tmp_path / f"{stem}.yaml"), "-o", str(tmp_path / "deck"), "-f", "md"],
        )
        _clean(result)
        assert result.exit_code == 0, result.output
        markdown = (tmp_path / "deck" / f"{stem}.md").read_text()
        from urllib.parse import quote

        assert f"]({quote(stem)}-slide02.svg)" in markdown


def test_a_damaged_manifest_is_rebuilt_with_one_warning(runner, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for damaged in ("[]", "{not json", '{"summit": 3}'):
        (site / MANIFEST).write_text(damaged)
        result = runner.invoke(cli, ["build", str(SUMMIT), "-o", str(site)])
        _clean(result)
        assert result.exit_code == 0 and result.output.count("is damaged") == 1, result.output
        assert json.loads((site / MANIFEST).read_text())


# -- what people read --------------------------------------------------------------------

_MARKUP = "<script>alert(1)</script> <img src=x> &lt;b&gt; &amp; *stars* [link](http://x)"


def _hostile_map(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: 'T # not a heading'\nthesis:\n"
        f"  text: {json.dumps(_MARKUP)}\n"
        '  note: "first line\\n# Injected heading\\n- a list\\n<script>x</script>"\n'
        "  reasons:\n    - text: A reason.\n"
    )
    return path


def _rendered_markdown(markdown: str) -> str:
    """Markdown as a CommonMark reader shows it (markdown-it, the parser Marp uses)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)


def test_claims_are_text_in_the_markdown_outline(runner, tmp_path):
    result = runner.invoke(cli, ["outline", str(_hostile_map(tmp_path)), "-f", "md"])
    html = _rendered_markdown(result.output)
    assert "<script>" not in html and "<img" not in html and "<h1>Injected" not in html
    assert "&amp;lt;b&amp;gt; &amp;amp;" in html  # shown as written: &lt;b&gt; &amp;
    assert "<em>" not in html and "<a " not in html


def test_claims_are_text_in_the_markdown_deck(runner, tmp_path):
    result = runner.invoke(
        cli, ["slides", str(_hostile_map(tmp_path)), "-o", str(tmp_path / "deck"), "-f", "md"]
    )
    assert result.exit_code == 0, result.output
    html = _rendered_markdown((tmp_path / "deck" / "m.md").read_text())
    assert "<script>" not in html.split("<!--")[0] and "&amp;lt;b&amp;gt;" in html


# -- the library API ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda m: argmap.load([1]), TypeError),
        (lambda m: argmap.check(3.5), TypeError),
        (lambda m: argmap.render(m, view="overview"), ValueError),
        (lambda m: argmap.render(m, width=-1), ValueError),
        (lambda m: argmap.render(m, width=10**9), ValueError),
        (lambda m: argmap.render(m, width="wide"), TypeError),
        (lambda m: argmap.render(m, theme=None), TypeError),
        (lambda m: argmap.render(m, format="gif"), ValueError),
        (lambda m: argmap.render(None), TypeError),
        (lambda m: argmap.render(m, colour="red"), TypeError),
        (lambda m: argmap.evaluate(None), TypeError),
        (lambda m: argmap.evaluate("maps/summit.yaml"), TypeError),
        (lambda m: argmap.export(None, "aif"), TypeError),
        (lambda m: argmap.export(m, "pdf"), ValueError),
        (lambda m: argmap.diagram(None), TypeError),
        (lambda m: argmap.load_argdown(None), TypeError),
        (lambda m: argmap.load_aif(b"{}"), TypeError),
        (lambda m: argmap.load_argdown("x" * (5 * 1024 * 1024)), argmap.ArgmapError),
    ],
)
def test_the_api_names_what_is_wrong(call, error):
    model = argmap.load(SUMMIT)
    with pytest.raises(error) as raised:
        call(model)
    assert "Error" not in type(raised.value).__name__ or str(raised.value)


def test_the_api_takes_a_declared_view_by_name(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(
        "title: t\nthesis:\n  text: A thesis.\n  reasons:\n    - id: r\n      text: A reason.\n"
        "views:\n  one: {root: r}\n"
    )
    svg = argmap.render(argmap.load(path), view="one").decode()
    assert "A reason." in svg and "A thesis." not in svg.split("<desc")[0].split("</title>", 1)[1]


def test_os_errors_from_any_command_are_not_tracebacks(runner, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(5, "Input/output error", str(tmp_path / "x"))

    monkeypatch.setattr(Path, "mkdir", broken)
    result = runner.invoke(cli, ["render", str(SUMMIT), "-o", str(tmp_path / "a" / "b") + "/"])
    _clean(result)
    assert result.exit_code == 2 and "error[E012]" in result.output


def test_a_source_root_elsewhere_does_not_refuse_the_map(tmp_path):
    """--source-root names where texts may be; the map itself stays allowed where it is."""
    from argmap.present.live import LiveMap

    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "argmap.toml").write_text("")
    path = tmp_path / "project" / "m.yaml"
    path.write_text("title: t\nthesis:\n  text: A thesis.\n")
    (tmp_path / "texts").mkdir()
    live = LiveMap(path, Limits(), tmp_path / "texts")
    assert live.refresh().ok


def test_serve_draws_a_save_whose_only_errors_are_quotes_as_a_draft(server):
    root, _, preview, port = server
    summit = root / "maps" / "summit.yaml"
    summit.write_text(summit.read_text().replace("futile illusion", "useless dream"))
    preview.on_change()
    state = json.loads(_get(port, "/map/summit/state")[1])
    assert not state["ok"] and state["draft"] and state["issues"][0]["code"] == "E205"
    status, svg = _get(port, "/map/summit/svg")
    assert status == 200 and b' error"' in svg and b"QUOTE NOT IN THE TEXT" in svg
