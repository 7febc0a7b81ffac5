"""Will the map's text be readable once the diagram is scaled to fit a slide?"""

from __future__ import annotations

from typing import NamedTuple

from ..choices import SLIDES
from ..draw import PAD_PT, READABLE_PT, DrawOptions, Engine, layout_size, resolve_theme, to_dot
from ..draw.fit import fit
from ..format import ArgumentMap, MapTree


class Fit(NamedTuple):
    slide: str
    text_pt: float
    width_pt: float
    height_pt: float
    best_direction: str
    best_text_pt: float

    @property
    def readable(self) -> bool:
        """Judged on the size as printed (one decimal), so 17.96 pt is "18.0 pt", readable."""
        return round(self.text_pt, 1) >= READABLE_PT

    def advice(self) -> str:
        tips = []
        if self.best_text_pt > self.text_pt * 1.1:
            tips.append(f"--direction {self.best_direction} gives {self.best_text_pt:.1f} pt")
        tips.append("`argmap slides MAP -o DIR` splits it into a deck readable at 18 pt")
        tips.append("--view, or --root ID --depth N, draws one part of it")
        return "; ".join(tips)

    def message(self) -> str:
        return (
            f"on a {self.slide} slide ({SLIDES[self.slide][0]:g}x"
            f"{SLIDES[self.slide][1]:g} pt) the diagram ({self.width_pt:.0f}x"
            f"{self.height_pt:.0f} pt) shrinks its text to {self.text_pt:.1f} pt, "
            f"below the {READABLE_PT:g} pt readable from the back row"
        )


def fit_for_size(width: float, height: float, font: float, slide: str) -> Fit:
    """The fit of a diagram whose size is already known (from the rendered output)."""
    slide_w, slide_h = SLIDES[slide]
    size = font * min(1.0, slide_w / width, slide_h / height)
    return Fit(slide, size, width, height, "", size)


def output_size(data: bytes, output_format: str, scale: float) -> tuple[float, float] | None:
    """Width and height in points of a rendered SVG or PNG, without another layout."""
    import re
    import struct

    if output_format == "svg":
        box = re.search(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', data[:2000])
        return (float(box.group(1)), float(box.group(2))) if box else None
    if output_format == "png" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width * 72 / (96 * scale), height * 72 / (96 * scale)
    return None


def slide_fit(
    model: ArgumentMap,
    slide: str,
    options: DrawOptions,
    engine: Engine,
    tree: MapTree | None = None,
    timeout: float = 30.0,
) -> Fit:
    font = resolve_theme(options.theme, model.style).font_size

    def text_size(direction: str) -> tuple[float, float, float]:
        # Drawn as `render` draws it: with the wrap width fitted to the slide.
        fitted, _ = fit(
            model, tree, options._replace(direction=direction), engine, SLIDES[slide], timeout
        )
        drawing = to_dot(model, fitted, tree)
        width, height = layout_size(engine, drawing.dot, timeout, PAD_PT)
        slide_w, slide_h = SLIDES[slide]
        return font * min(1.0, slide_w / width, slide_h / height), width, height

    current, width, height = text_size(options.direction)
    best_direction, best = options.direction, current
    if current < READABLE_PT:
        for direction in ("TB", "LR"):
            if direction != options.direction:
                size = text_size(direction)[0]
                if size > best:
                    best_direction, best = direction, size
    return Fit(slide, current, width, height, best_direction, best)
