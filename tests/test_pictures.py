"""Golden pictures of tricky cases, and cross-links that cross no title and no pill."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest

import argmap
from argmap.draw import fonts

from . import pictures
from .conftest import ROOT

pytest.importorskip("PIL")
SVG = "{http://www.w3.org/2000/svg}"


def _fonts_ready(case) -> None:
    """The fonts, and rsvg-convert, the reference of a case beyond the engine's fonts was
    drawn with (CI installs both)."""
    import shutil

    text = case.read_text(encoding="utf-8")
    if fonts.beyond_engine(text) and shutil.which("rsvg-convert") is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs rsvg-convert (librsvg2-bin)")
        pytest.skip("its reference was drawn by rsvg-convert, which is not installed")
    missing = fonts.missing_scripts(text)
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI installs the Noto fonts; missing: {[s.name for s in missing]}")
    if missing:
        pytest.skip("this machine lacks a font the case needs")


@pytest.mark.parametrize("case", pictures.cases(), ids=lambda p: p.stem)
def test_the_drawing_matches_its_reference_picture(case):
    _fonts_ready(case)
    reference = case.with_suffix(".png")
    assert reference.exists(), "no reference: run python -m tests.pictures --accept"
    share, _ = pictures.compare(reference.read_bytes(), pictures.draw(case))
    assert share <= pictures.THRESHOLD, (
        f"{case.stem}: {share:.2%} of the pixels changed; look with `python -m tests.pictures` "
        "(tests/pictures/review/index.html), accept with `python -m tests.pictures --accept`"
    )


def test_the_comparison_sees_a_real_change():
    """A moved box is more than the threshold; the same picture is nothing."""
    case = pictures.FOLDER / "deep-chain.yaml"
    same, _ = pictures.compare(pictures.draw(case), pictures.draw(case))
    assert same == 0
    other = pictures.draw(pictures.FOLDER / "undercut-of-undercut.yaml")
    assert pictures.compare(pictures.draw(case), other)[0] > pictures.THRESHOLD


def _bezier_points(d: str) -> list[tuple[float, float]]:
    """Points along a Graphviz edge path (M x,y C x,y x,y x,y …), sampled finely."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    points = list(zip(numbers[0::2], numbers[1::2], strict=False))
    sampled = []
    for start in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[start : start + 4]
        for step in range(21):
            t = step / 20
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            sampled.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1],
                )
            )
    return sampled


def _title_boxes(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """The connector word and title of every reason box and named group, as rectangles."""
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if "cluster" not in (group.get("class") or ""):
            continue
        texts = [t for t in group if t.tag == f"{SVG}text"]
        for text in texts:
            size = float(text.get("font-size", "14"))
            x, y = float(text.get("x")), float(text.get("y"))
            width = len("".join(text.itertext())) * size * 0.6
            anchor = text.get("text-anchor", "start")
            left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
            boxes.append((group.get("id"), left, y - size, left + width, y + size * 0.3))
    return boxes


CROSSED = [ROOT / "maps" / "summit.yaml", ROOT / "maps" / "free-transit.yaml"]
CROSSED += [pictures.FOLDER / "crosslinks.yaml"]


@pytest.mark.parametrize("direction", ["TB", "BT", "LR"])
@pytest.mark.parametrize("path", CROSSED, ids=lambda p: p.stem)
def test_no_cross_link_crosses_a_connector_word_or_a_group_title(path, direction):
    model = argmap.load(path)
    root = ET.fromstring(argmap.render(model, "svg", engine="pure", direction=direction))
    boxes = _title_boxes(root)
    assert boxes
    for group in root.iter(f"{SVG}g"):
        if "crosslink" not in (group.get("class") or ""):
            continue
        line = next(p for p in group if p.tag == f"{SVG}path")
        for x, y in _bezier_points(line.get("d")):
            for name, left, top, right, bottom in boxes:
                inside = left <= x <= right and top <= y <= bottom
                assert not inside, f"{group.get('id')} crosses the title of {name}"
