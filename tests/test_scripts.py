"""Every script drawn: glyphs, not empty boxes; no text outside its box; missing fonts said."""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET

import pytest

import argmap
from argmap.cli import cli
from argmap.draw import fonts
from argmap.draw.wrap import columns, wrap

PIL = pytest.importorskip("PIL.Image")

# One claim per script the issue names: Korean, Chinese, Japanese, Arabic, Hebrew, Hindi,
# Cyrillic, Greek and emoji.
SCRIPTS = {
    "korean": "학교는 여러 언어로 가르쳐야 한다.",
    "chinese": "学校应该用多种语言教学。",
    "japanese": "学校は多くの言語で教えるべきだ。",
    "arabic": "يجب أن تدرّس المدارس بلغات كثيرة.",
    "hebrew": "בתי ספר צריכים ללמד בשפות רבות.",
    "hindi": "स्कूलों को कई भाषाओं में पढ़ाना चाहिए।",
    "cyrillic": "Школы должны учить на многих языках.",
    "greek": "Τα σχολεία πρέπει να διδάσκουν σε πολλές γλώσσες.",
    "emoji": "🎓📚🌍",
}
TOFU = "\U000f0000"  # a private-use character no font has: drawn as the empty box


def _map(text: str) -> str:
    return (
        "title: Scripts\nthesis:\n  text: Schools should teach in many languages.\n"
        f"  reasons:\n    - text: {text}\n"
    )


def _fonts_for(text: str) -> None:
    missing = fonts.missing_scripts(text)
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI installs the Noto fonts; missing: {[s.name for s in missing]}")
    if missing:
        pytest.skip(f"no font here for {[s.name for s in missing]}")


def _pixels(png: bytes):
    return PIL.open(io.BytesIO(png)).convert("RGB")


def _text_png(text: str, width: int = 600) -> bytes:
    """The text alone, drawn the way argmap's PNGs draw text beyond the engine's fonts."""
    from argmap.draw.render import svg_to_png
    from argmap.draw.svg import FONT_STACK

    family = FONT_STACK.format(font="Arial")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="40pt" '
        f'viewBox="0 0 {width} 40"><rect width="{width}" height="40" fill="white"/>'
        f'<text x="10" y="28" font-family="{family}" font-size="18">{escaped}</text></svg>'
    )
    return svg_to_png(svg.encode("utf-8"))


@pytest.mark.parametrize("rasteriser", ["rsvg-convert", "resvg"])
@pytest.mark.parametrize("name", list(SCRIPTS))
def test_every_glyph_is_drawn_not_an_empty_box(name, rasteriser, monkeypatch):
    import shutil

    if rasteriser == "resvg":  # what a plain pip install has
        monkeypatch.setattr(shutil, "which", lambda name: None)
    elif shutil.which("rsvg-convert") is None:
        pytest.skip("no rsvg-convert here")
    text = SCRIPTS[name]
    _fonts_for(text)
    drawn = _pixels(_text_png(text))
    boxes = _pixels(_text_png("".join(" " if c == " " else TOFU for c in text)))
    differing = sum(
        a != b for a, b in zip(drawn.get_flattened_data(), boxes.get_flattened_data(), strict=True)
    )
    assert differing > 200, f"{name}: drawn like empty boxes"


def _boxes(svg: bytes) -> dict[str, tuple[float, float, float, float]]:
    """Each claim's box (x0, y0, x1, y1) in SVG points, from its path or polygon."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if "claim" not in (group.get("class") or ""):
            continue
        for shape in group:
            data = shape.get("d") or shape.get("points")
            if data:
                numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", data)]
                xs, ys = numbers[0::2], numbers[1::2]
                found[group.get("id")] = (min(xs), min(ys), max(xs), max(ys))
                break
    return found


@pytest.mark.parametrize(
    ("engine", "rasteriser"), [("pure", "rsvg-convert"), ("pure", "resvg"), ("dot", "rsvg-convert")]
)
@pytest.mark.parametrize("name", list(SCRIPTS))
def test_no_text_leaves_its_box(name, engine, rasteriser, monkeypatch):
    """Beside each box, along the rows of its text, the PNG holds only the background."""
    import shutil

    text = SCRIPTS[name]
    _fonts_for(text)
    if engine == "dot" and shutil.which("dot") is None:
        pytest.skip("no system Graphviz")
    if rasteriser == "resvg":  # a plain pip install: no rsvg-convert
        from argmap.draw import render

        real = shutil.which
        monkeypatch.setattr(
            render.shutil, "which", lambda name: None if name == "rsvg-convert" else real(name)
        )
    model = argmap.load(_map(text))
    svg = argmap.render(model, "svg", engine=engine)
    png = _pixels(argmap.render(model, "png", engine=engine, scale=1))
    root = ET.fromstring(svg)
    viewbox = [float(v) for v in root.get("viewBox").split()]
    scale_x = png.width / viewbox[2]
    transform = root.find("{http://www.w3.org/2000/svg}g").get("transform")
    dx, dy = (float(v) for v in re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", transform).groups())
    for key, (x0, y0, x1, y1) in _boxes(svg).items():
        top, bottom = (y0 + dy) * scale_x + 4, (y1 + dy) * scale_x - 4
        for edge, step in (((x0 + dx) * scale_x, -1), ((x1 + dx) * scale_x, 1)):
            for offset in range(5, 11):  # past the border and its anti-aliasing
                x = round(edge + step * offset)
                if not 0 <= x < png.width:
                    continue
                for y in range(round(top), round(bottom)):
                    r, g, b = png.getpixel((x, y))
                    assert min(r, g, b) > 200, f"{name}: ink at ({x}, {y}) beside {key}"


def test_wide_characters_take_two_columns_and_latin_wraps_as_before():
    assert columns("学校") == 4 and columns("abc") == 3 and columns("é") == 1
    assert wrap("学校应该用多种语言教学。" * 3, 30) == ("学校应该用多种语言教学。",) * 3
    assert wrap("Schools should teach in many languages and more words here.", 30) == (
        "Schools should teach in many",
        "languages and more words here.",
    )


def test_scripts_are_named_by_their_characters():
    assert fonts.script_of("학").name.startswith("Chinese, Japanese and Korean")
    assert fonts.script_of("ب").name == "Arabic"
    assert fonts.script_of("क").name.startswith("Devanagari")
    assert fonts.script_of("🎓").name == "emoji"
    assert fonts.script_of("!") is None and fonts.script_of("1") is None
    assert not fonts.beyond_engine("Σχολεία, школы, בתי ספר, café")
    assert fonts.beyond_engine("a 학교")


def test_a_missing_script_font_and_style_font_are_warnings_at_their_lines(
    runner, tmp_path, monkeypatch
):
    source = tmp_path / "m.yaml"
    source.write_text(
        "title: t\nstyle: {font: Comic Neue}\nthesis:\n  text: 학교는 여러 언어로\n"
        "  reasons:\n    - text: स्कूलों को कई\n"
    )
    with monkeypatch.context() as patch:  # a machine with no fonts at all
        patch.setattr(fonts, "font_dirs", lambda: [])
        patch.setenv("ARGMAP_CACHE_DIR", "")
        fonts.installed.cache_clear()
        result = runner.invoke(cli, ["render", str(source), "-o", str(tmp_path / "m.png")])
        svg_only = runner.invoke(cli, ["render", str(source), "-o", str(tmp_path / "m.svg")])
    fonts.installed.cache_clear()  # the next test sees this machine's fonts again
    assert result.exit_code == 0, result.output
    assert f"{source}:2:15: warning[W306]: the font `Comic Neue` is not installed" in result.output
    assert f"{source}:4:9: warning[W305]: no font on this machine draws Chinese" in result.output
    assert "fonts-noto-cjk" in result.output and "fonts-noto-core" in result.output
    assert (tmp_path / "m.png").is_file()
    assert "W305" not in svg_only.output and "W306" in svg_only.output


def test_latin_maps_keep_the_engines_own_png(monkeypatch):
    """Only text beyond the engine's fonts goes through resvg: Latin PNGs are unchanged."""
    import resvg_py

    def refuse(**_: object) -> bytes:
        raise AssertionError("resvg used for a Latin map")

    monkeypatch.setattr(resvg_py, "svg_to_bytes", refuse)
    model = argmap.load(_map("Пример and Ελληνικά and עברית are the engine's own."))
    assert argmap.render(model, "png", engine="pure").startswith(b"\x89PNG")
