"""`--fonts embed`: the subset of an Arial-compatible font that a picture uses, inside its
SVG, so every viewer that reads web fonts draws it as argmap measured it."""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from ..errors import ArgmapError
from .fonts import font_dirs

FAMILY = "argmap-embedded"
# Metric-compatible with Arial, which the engine measures: Liberation Sans (Debian's
# fonts-liberation) or Arimo, else Arial itself.
_FILES = {
    "normal": ("LiberationSans-Regular.ttf", "Arimo-Regular.ttf", "Arial.ttf", "arial.ttf"),
    "bold": ("LiberationSans-Bold.ttf", "Arimo-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"),
}
_TEXT = re.compile(rb"<text([^>]*)>([^<]*)</text>")
_AFTER_DESC = re.compile(rb"</desc>")


def find_font(weight: str) -> Path | None:
    for name in _FILES[weight]:
        for folder in font_dirs():
            if folder.is_dir():
                found = sorted(folder.rglob(name))
                if found:
                    return found[0]
    return None


def embed_fonts(svg: bytes) -> bytes:
    """The SVG with a @font-face per weight it uses, each the subset of its characters."""
    characters: dict[str, set[str]] = {"normal": set(), "bold": set()}
    for attributes, text in _TEXT.findall(svg):
        weight = "bold" if b'font-weight="bold"' in attributes else "normal"
        characters[weight] |= set(html.unescape(text.decode("utf-8")))
    faces = []
    for weight, wanted in characters.items():
        if not wanted:
            continue
        path = find_font(weight)
        if path is None:
            raise ArgmapError.at(
                "",
                0,
                0,
                "E401",
                "--fonts embed needs an Arial-compatible font to embed, and none is installed",
                hint="install Liberation Sans (Debian: `apt-get install "
                "fonts-liberation`) or Arimo",
            )
        data = base64.b64encode(_subset(path, wanted)).decode("ascii")
        faces.append(
            f'@font-face{{font-family:"{FAMILY}";font-weight:{400 if weight == "normal" else 700};'
            f'src:url(data:font/woff;base64,{data}) format("woff")}}'
        )
    if not faces:
        return svg
    style = f"\n<defs><style>{''.join(faces)}</style></defs>".encode()
    svg = _AFTER_DESC.sub(lambda match: match.group(0) + style, svg, count=1)
    return svg.replace(b'font-family="', f'font-family="{FAMILY},'.encode())


def _subset(path: Path, characters: set[str]) -> bytes:
    """The font cut to `characters`, as WOFF; the same bytes for the same input (its
    timestamp is not renewed)."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    # It warns of tables it drops (FFTM, a FontForge timestamp): nothing a user can act on.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    font = TTFont(str(path), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]  # keep the licence and the family's names
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out, reorderTables=True)
    return out.getvalue()
