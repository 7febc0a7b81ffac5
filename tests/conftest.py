"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SUMMIT = ROOT / "maps" / "summit.yaml"
MAPS = sorted((ROOT / "maps").glob("*.yaml"))


def wait_for(condition, seconds: float = 2.0) -> bool:
    """Poll until the condition holds or the time is up (for watch, serve, the browser)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def bad_cases() -> list[tuple[str, str, int]]:
    """(file, code, line) from cases/bad/expected.txt."""
    rows = []
    for line in (CASES / "bad" / "expected.txt").read_text().splitlines():
        if line.strip():
            name, code, number = line.split()
            rows.append((name, code, int(number)))
    return rows


def _hypothesis_profiles() -> None:
    """CI replays the same examples every run, so a landing never hinges on a random draw;
    developers' runs keep exploring new ones (and hypothesis saves any failure it finds)."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()


def _private_cache() -> None:
    """The suite never reads or writes the user's own cache of argmap's validator."""
    import os
    import tempfile

    os.environ["ARGMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="argmap-cache-")


_private_cache()


def rewrite_svg(svg: bytes, titles: dict[str, str] | None = None) -> bytes:
    """Graphviz's SVG rewritten in one piece, as `render` does it piece by piece."""
    from argmap.draw.svg import SvgRewriter

    rewriter = SvgRewriter(title="t", description=lambda: "d", titles=titles or {})
    rewriter.feed(svg)
    return rewriter.finish()


# -- a real browser: Debian's chromium through its chromedriver ------------------------------

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM.exists() and DRIVER.exists()):
        if os.environ.get("CI"):  # .ci/run installs them: there a missing browser is a failure
            pytest.fail("chromium and chromium-driver must be installed for CI")
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
    ):
        options.add_argument(flag)
    options.binary_location = str(CHROMIUM)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()
