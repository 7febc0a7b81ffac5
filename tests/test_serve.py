"""argmap serve: what it serves, what it refuses, and the page in a real headless Chromium."""

from __future__ import annotations

import contextlib
import http.client
import json
import shutil
import threading

import pytest
import yaml

from argmap.limits import Limits
from argmap.present.preview_http import make_server
from argmap.present.serve import Preview

from .conftest import ROOT, SUMMIT, wait_for


@contextlib.contextmanager
def _serving(paths):
    """A preview of `paths` on a free port: (port, preview)."""
    preview = Preview(paths, Limits(), None)
    server = make_server(preview, "127.0.0.1", 0)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    ).start()
    preview.listen()
    try:
        yield server.server_address[1], preview
    finally:
        preview.stop.set()
        with preview.changed:
            preview.changed.notify_all()
        server.shutdown()
        server.server_close()


@pytest.fixture
def served(tmp_path):
    """The summit map and its seed in a project of their own, served on a free port."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SUMMIT, tmp_path / "maps" / "summit.yaml")
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, tmp_path / "seeds" / seed.name)
    (tmp_path / "argmap.toml").write_text("")
    (tmp_path / "secret.txt").write_text("not for the browser\n")
    with _serving([tmp_path / "maps" / "summit.yaml"]) as (port, preview):
        yield tmp_path / "maps" / "summit.yaml", port, preview


def _large_map(fan: tuple[int, ...] = (8, 8, 6)) -> str:
    """A discussion of 1 + 8 + 64 + 384 = 457 claims, each with an id `c-1-2-3`."""

    def reasons(path: tuple[int, ...], level: int) -> list[dict[str, object]]:
        if level == len(fan):
            return []
        made = []
        for n in range(1, fan[level] + 1):
            here = (*path, n)
            name = "c-" + "-".join(map(str, here))
            claim: dict[str, object] = {"id": name, "text": f"Reason {name} holds."}
            below = reasons(here, level + 1)
            if below:
                claim["reasons"] = below
            made.append(claim)
        return made

    thesis = {"id": "t", "text": "The thesis holds.", "reasons": reasons((), 0)}
    return yaml.safe_dump({"title": "A large discussion", "thesis": thesis}, sort_keys=False)


@pytest.fixture
def served_large(tmp_path):
    path = tmp_path / "large.yaml"
    path.write_text(_large_map())
    (tmp_path / "argmap.toml").write_text("")
    with _serving([path]) as (port, _preview):
        yield port


def _get(port: int, path: str, host: str | None = None, method: str = "GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{port}"}
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def test_the_page_the_picture_the_state_and_a_claim(served):
    _, port, _ = served
    status, page = _get(port, "/map/summit")
    assert status == 200 and b"/app.js" in page and b"http" not in page.split(b"<body")[1]
    assert _get(port, "/app.js")[0] == 200
    status, svg = _get(port, "/map/summit/svg?theme=dark&evaluate=1")
    assert status == 200 and svg.startswith(b"<?xml")
    state = json.loads(_get(port, "/map/summit/state")[1])
    assert state["ok"] and state["issues"] == [] and state["steps"] > 1
    claim = json.loads(_get(port, "/map/summit/claim/abandon")[1])
    assert claim["quote"] and "futile illusion" in claim["passage"]["quoted"]
    assert _get(port, "/map/summit/svg?step=2")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/map/summit/..%2f..%2fsecret.txt",
        "/map/..%2fsecret.txt/state",
        "//etc/passwd",
        "/map/summit/claim/..%2f..",
        "/etc/passwd",
        "/map/summit/svg/../../secret.txt",
        "/seeds/illusions-of-a-summit-with-russia.txt",
    ],
)
def test_no_path_reaches_a_file(served, path):
    _, port, _ = served
    status, body = _get(port, path)
    assert status == 404 and b"not for the browser" not in body


def test_a_foreign_host_and_writes_are_refused(served):
    _, port, _ = served
    assert _get(port, "/map/summit/state", host=f"evil.example:{port}")[0] == 421
    assert _get(port, "/map/summit/state", host=f"localhost:{port}")[0] == 200
    for method in ("POST", "PUT", "DELETE"):
        assert _get(port, "/map/summit/state", method=method)[0] == 405


def test_a_save_reaches_every_listener(served):
    path, port, _ = served
    streams = []
    for _ in range(2):  # two browsers
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        assert response.readline().startswith(b"data:")
        streams.append(response)
    path.write_text(path.read_text().replace("abandon the illusion", "drop the illusion", 1))
    for response in streams:
        line = b""
        while not line.startswith(b"data:"):
            line = response.readline()
        assert json.loads(line[5:])["version"] >= 2
    state = json.loads(_get(port, "/map/summit/state")[1])
    assert state["ok"]
    assert b"drop the illusion" in _get(port, "/map/summit/svg")[1]


def test_a_broken_save_keeps_the_last_good_picture(served):
    path, port, _ = served
    good = _get(port, "/map/summit/svg")[1]
    text = path.read_text()
    path.write_text(text.replace("  label: Abandon the summit illusion", "  lable: Abandon"))
    assert wait_for(lambda: not json.loads(_get(port, "/map/summit/state")[1])["ok"], 5)
    state = json.loads(_get(port, "/map/summit/state")[1])
    assert state["issues"][0]["code"] == "E101" and state["issues"][0]["source_line"]
    assert _get(port, "/map/summit/svg")[1] == good
    path.write_text(text)
    assert wait_for(lambda: json.loads(_get(port, "/map/summit/state")[1])["ok"], 5)


def test_port_in_use_names_a_free_one(served, runner):
    from argmap.cli import cli

    path, port, _ = served
    result = runner.invoke(cli, ["serve", str(path), "--port", str(port)])
    assert result.exit_code == 2 and "--port" in result.output and "in use" in result.output


# -- the page in a real browser --------------------------------------------------------------


def test_the_page_redraws_saves_shows_errors_and_recovers(served, browser):
    path, port, _ = served
    browser.get(f"http://127.0.0.1:{port}/")
    assert wait_for(
        lambda: (
            browser.execute_script("return document.querySelectorAll('#canvas svg g.claim').length")
            > 10
        ),
        15,
    )
    browser.execute_script("window.notReloaded = true;")
    text = path.read_text()
    path.write_text(
        text.replace("abandon the illusion of a summit", "give up the illusion of a summit", 1)
    )
    assert wait_for(
        lambda: (
            "give up the illusion"
            in browser.execute_script("return document.getElementById('canvas').textContent")
        ),
        10,
    )
    assert browser.execute_script("return window.notReloaded") is True
    path.write_text(text.replace("  label: Abandon the summit illusion", "  lable: Abandon"))
    assert wait_for(
        lambda: browser.execute_script("return !document.getElementById('errors').hidden"), 10
    )
    overlay = browser.execute_script("return document.getElementById('errors').textContent")
    assert "E101" in overlay and "summit.yaml:" in overlay
    assert "give up the illusion" in browser.execute_script(
        "return document.getElementById('canvas').textContent"
    )
    path.write_text(text)
    assert wait_for(
        lambda: browser.execute_script("return document.getElementById('errors').hidden"), 10
    )
    assert wait_for(
        lambda: (
            "abandon the illusion"
            in browser.execute_script("return document.getElementById('canvas').textContent")
        ),
        10,
    )
    assert browser.execute_script("return window.notReloaded") is True


def test_clicking_a_claim_shows_its_passage(served, browser):
    _, port, _ = served
    browser.get(f"http://127.0.0.1:{port}/map/summit")
    assert wait_for(
        lambda: browser.execute_script("return !!document.querySelector('#canvas g.claim')"), 15
    )
    browser.execute_script(
        "document.getElementById('abandon').dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    assert wait_for(
        lambda: browser.execute_script("return !document.getElementById('details').hidden"), 10
    )
    assert "futile illusion" in browser.execute_script(
        "return document.querySelector('#details mark').textContent"
    )
    status, _ = _get(port, "/map/summit/../../secret.txt")
    assert status == 404


def test_the_state_carries_lint_notes(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: t\nthesis:\n  text: Our school should ban phones.\n  reasons:\n"
        "    - text: Phones distract.\n"
    )
    preview = Preview([path], Limits(), None)
    state = preview.state(preview.maps["m"])
    assert state["ok"] and {note["code"] for note in state["notes"]} >= {"L101", "L103"}


def _claims_in(svg: bytes) -> int:
    return svg.count(b'class="node claim')


def test_a_large_map_opens_folded_and_unfolds_one_branch(served_large):
    port = served_large
    state = json.loads(_get(port, "/map/large/state")[1])
    assert state["folded"] == 2
    status, whole = _get(port, "/map/large/svg")
    assert status == 200 and _claims_in(whole) == 457
    folded = _get(port, "/map/large/svg?depth=2")[1]
    assert _claims_in(folded) == 1 + 8 + 64 and folded.count(b'class="node stub') == 64
    opened = _get(port, "/map/large/svg?depth=2&open=c-3-5")[1]
    assert _claims_in(opened) == 1 + 8 + 64 + 6 and b'id="c-3-5-6"' in opened
    assert b'id="c-3-5-more"' not in opened and b'id="c-3-4-more"' in opened
    assert _get(port, "/map/large/svg?depth=2&open=nope")[0] == 400
    assert _get(port, "/map/large/svg?depth=0")[0] == 400


def test_a_small_map_is_not_folded(served):
    _, port, _ = served
    assert json.loads(_get(port, "/map/summit/state")[1])["folded"] is None


def test_a_click_on_a_stub_unfolds_its_branch_in_the_page(served_large, browser):
    port = served_large
    browser.get(f"http://127.0.0.1:{port}/map/large")

    def claims() -> int:
        return browser.execute_script(
            "return document.querySelectorAll('#canvas svg g.claim').length"
        )

    assert wait_for(lambda: claims() == 73, seconds=20)
    browser.execute_script(
        "document.getElementById('c-2-7-more').dispatchEvent(new MouseEvent('click', "
        "{bubbles: true}))"
    )
    assert wait_for(lambda: claims() == 79, seconds=20)
    assert browser.execute_script("return !!document.getElementById('c-2-7-6')")
