"""Which scripts a picture's text is in, and which fonts on this machine can draw them.

The embedded engine (graphviz-pure) carries Arimo, Tinos and Cousine: Latin, Greek,
Cyrillic and Hebrew, measured and drawn. Text in any other script is drawn into PNG from
the SVG by resvg, with the system's fonts (and any in `ARGMAP_FONT_DIRS`); which fonts
cover which characters is read from their `cmap` tables once and cached.
"""

from __future__ import annotations

import bisect
import os
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple


class Script(NamedTuple):
    """A writing system, what font draws it, and the Debian package that installs one."""

    name: str
    font: str
    package: str


_NOTO = "fonts-noto-core"
_CJK = Script("Chinese, Japanese and Korean", "Noto Sans CJK", "fonts-noto-cjk")
_EMOJI = Script("emoji", "Noto Color Emoji", "fonts-noto-color-emoji")
_LATIN = Script("Latin", "Liberation Sans", "fonts-liberation")

# (first, last, script) for the ranges argmap knows by name; sorted by first.
_RANGES: list[tuple[int, int, Script]] = sorted(
    [
        (0x0041, 0x024F, _LATIN),
        (0x0370, 0x03FF, Script("Greek", "Noto Sans", _NOTO)),
        (0x0400, 0x052F, Script("Cyrillic", "Noto Sans", _NOTO)),
        (0x0530, 0x058F, Script("Armenian", "Noto Sans Armenian", _NOTO)),
        (0x0590, 0x05FF, Script("Hebrew", "Noto Sans Hebrew", _NOTO)),
        (0x0600, 0x06FF, Script("Arabic", "Noto Sans Arabic", _NOTO)),
        (0x0750, 0x077F, Script("Arabic", "Noto Sans Arabic", _NOTO)),
        (
            0x0900,
            0x097F,
            Script("Devanagari (Hindi, Marathi, Nepali)", "Noto Sans Devanagari", _NOTO),
        ),
        (0x0980, 0x09FF, Script("Bengali", "Noto Sans Bengali", _NOTO)),
        (0x0A00, 0x0A7F, Script("Gurmukhi", "Noto Sans Gurmukhi", _NOTO)),
        (0x0A80, 0x0AFF, Script("Gujarati", "Noto Sans Gujarati", _NOTO)),
        (0x0B80, 0x0BFF, Script("Tamil", "Noto Sans Tamil", _NOTO)),
        (0x0C00, 0x0C7F, Script("Telugu", "Noto Sans Telugu", _NOTO)),
        (0x0C80, 0x0CFF, Script("Kannada", "Noto Sans Kannada", _NOTO)),
        (0x0D00, 0x0D7F, Script("Malayalam", "Noto Sans Malayalam", _NOTO)),
        (0x0E00, 0x0E7F, Script("Thai", "Noto Sans Thai", _NOTO)),
        (0x10A0, 0x10FF, Script("Georgian", "Noto Sans Georgian", _NOTO)),
        (0x1100, 0x11FF, _CJK),
        (0x1200, 0x139F, Script("Ethiopic", "Noto Sans Ethiopic", _NOTO)),
        (0x2E80, 0x9FFF, _CJK),
        (0xAC00, 0xD7AF, _CJK),
        (0xF900, 0xFAFF, _CJK),
        (0xFB1D, 0xFB4F, Script("Hebrew", "Noto Sans Hebrew", _NOTO)),
        (0xFB50, 0xFDFF, Script("Arabic", "Noto Sans Arabic", _NOTO)),
        (0xFE70, 0xFEFF, Script("Arabic", "Noto Sans Arabic", _NOTO)),
        (0xFF00, 0xFFEF, _CJK),
        (0x1F000, 0x1FAFF, _EMOJI),
        (0x20000, 0x3134F, _CJK),
    ],
    key=lambda entry: entry[0],
)
_STARTS = [first for first, _, _ in _RANGES]
# What the embedded engine's own fonts measure and draw.
ENGINE_SCRIPTS = {"Latin", "Greek", "Cyrillic", "Hebrew"}
# Family names the embedded engine answers with its own fonts.
ENGINE_FAMILIES = {
    "arial",
    "arimo",
    "helvetica",
    "liberation sans",
    "sans-serif",
    "sans",
    "times",
    "times new roman",
    "tinos",
    "liberation serif",
    "serif",
    "courier",
    "courier new",
    "cousine",
    "liberation mono",
    "monospace",
}


def script_of(char: str) -> Script | None:
    """The named script of a character; None for punctuation, digits, spaces and marks."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0:
        first, last, script = _RANGES[index]
        if first <= code <= last and unicodedata.category(char)[0] in "LSN":
            return script
    return None


def beyond_engine(text: str) -> bool:
    """Whether the embedded engine's fonts cannot draw some of this text."""
    if text.isascii():
        return False
    for char in set(text):
        script = None if char.isascii() else script_of(char)
        if script is not None and script.name not in ENGINE_SCRIPTS:
            return True
    return False


def wide(char: str) -> bool:
    """Drawn one em wide: CJK ideographs, kana, Hangul, fullwidth forms, emoji."""
    return unicodedata.east_asian_width(char) in "WF"


def line_width_em(line: str) -> float | None:
    """How wide a line is, in ems, when it holds characters drawn one em wide (Chinese,
    Japanese, Korean, emoji), which the embedded engine takes for 0.83 em; None for other
    lines, which the engine measures right or a little wide (Arabic, Indic scripts)."""
    if line.isascii() or not any(wide(char) for char in line):
        return None
    total = 0.0
    for char in line:
        if wide(char):
            total += 1.0
        elif char.isspace():
            total += 0.28
        elif unicodedata.category(char) not in ("Mn", "Me", "Cf"):
            total += 0.62 if char.isupper() else 0.52
    return total


_INDIC = (
    "Devanagari",
    "Bengali",
    "Gurmukhi",
    "Gujarati",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
)


def indic(text: str) -> bool:
    """Whether the text holds letters of an Indic script (and no wide characters)."""
    if any(wide(char) for char in text):
        return False
    return any((s := script_of(c)) is not None and s.name.startswith(_INDIC) for c in text)


def estimate_em(text: str) -> float:
    """A rough width in ems, from typical Noto advances: a place to start a piece of a line
    the engine cannot measure (the connector word beside Hindi or Arabic text)."""
    total = 0.0
    for char in text:
        category = unicodedata.category(char)
        if wide(char):
            total += 1.0
        elif char.isspace():
            total += 0.28
        elif category in ("Mn", "Me", "Cf"):
            continue
        elif category == "Mc":
            total += 0.3
        else:
            script = script_of(char)
            name = script.name if script else ""
            if name.startswith(_INDIC):
                total += 0.75
            elif name == "Arabic":
                total += 0.45
            else:
                total += 0.62 if char.isupper() else 0.52
    return total


# -- which fonts this machine has --------------------------------------------------------------


def font_dirs() -> list[Path]:
    """Where fonts are installed, on Linux, macOS and Windows, and `ARGMAP_FONT_DIRS`."""
    home = Path.home()
    extra = [Path(p) for p in os.environ.get("ARGMAP_FONT_DIRS", "").split(os.pathsep) if p]
    if sys.platform == "darwin":
        system = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    elif sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home))
        system = [windows / "Fonts", local / "Microsoft/Windows/Fonts"]
    else:
        data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local/share")
        system = [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            data / "fonts",
            home / ".fonts",
        ]
    return [*extra, *system]


def extra_font_dirs() -> list[str]:
    """`ARGMAP_FONT_DIRS`, for resvg to load beside the system's fonts."""
    return [p for p in os.environ.get("ARGMAP_FONT_DIRS", "").split(os.pathsep) if p]


class FontIndex:
    """The families installed and the characters their fonts cover, as sorted ranges."""

    def __init__(self, families: set[str], ranges: list[tuple[int, int]]):
        self.families = families
        self.ranges = ranges

    def covers(self, char: str) -> bool:
        code = ord(char)
        index = bisect.bisect_right(self.ranges, (code, sys.maxsize)) - 1
        return index >= 0 and self.ranges[index][0] <= code <= self.ranges[index][1]


@lru_cache(maxsize=1)
def installed() -> FontIndex:
    """Every font file's families and coverage, read once per file and cached by its size
    and time (the first run on a machine with hundreds of fonts takes a few seconds)."""
    files = sorted(
        str(path)
        for folder in font_dirs()
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc")
    )
    import json

    cache_file = _cache_file()
    cached: dict[str, dict[str, object]] = {}
    if cache_file is not None:
        try:
            cached = json.loads(cache_file.read_text())
        except (OSError, ValueError):
            cached = {}
    entries: dict[str, dict[str, object]] = {}
    for name in files:
        try:
            stat = os.stat(name)
        except OSError:
            continue
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
        entry = cached.get(name)
        if not entry or entry.get("stamp") != stamp:
            entry = {"stamp": stamp, **_read_font(name)}
        entries[name] = entry
    if cache_file is not None and entries != cached:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache_file.with_suffix(".tmp")
            temporary.write_text(json.dumps(entries))
            temporary.replace(cache_file)
        except OSError:
            pass
    families: set[str] = set()
    spans: list[tuple[int, int]] = []
    for entry in entries.values():
        families.update(str(f).casefold() for f in entry.get("families", []))  # type: ignore[attr-defined]
        spans.extend((int(a), int(b)) for a, b in entry.get("ranges", []))  # type: ignore[attr-defined]
    return FontIndex(families, _merge(spans))


def _cache_file() -> Path | None:
    configured = os.environ.get("ARGMAP_CACHE_DIR")
    if configured is not None:
        return Path(configured) / "fonts.json" if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "argmap" / "fonts.json"


def _read_font(name: str) -> dict[str, object]:
    """Families and coverage of one font file (every font of a collection)."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if name.lower().endswith((".ttc", ".otc")):
            fonts = list(TTCollection(name, lazy=True).fonts)
        else:
            fonts = [TTFont(name, lazy=True)]
        families: set[str] = set()
        codes: set[int] = set()
        for font in fonts:
            codes.update((font["cmap"].getBestCmap() or {}).keys())
            for record in font["name"].names:
                if record.nameID in (1, 16):
                    families.add(record.toUnicode())
    except Exception:
        return {"families": [], "ranges": []}
    return {"families": sorted(families), "ranges": _merge([(c, c) for c in codes])}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def missing_scripts(text: str) -> dict[Script, str]:
    """Scripts in the text that no installed font draws (each with a character of it)."""
    needed = [c for c in dict.fromkeys(text) if not c.isascii() and script_of(c) is not None]
    if not needed:
        return {}
    fonts = installed()
    missing: dict[Script, str] = {}
    for char in needed:
        script = script_of(char)
        if script is None or script.name in ENGINE_SCRIPTS:
            continue
        if not fonts.covers(char) and script not in missing:
            missing[script] = char
    return missing


def family_installed(family: str) -> bool:
    """Whether a font family is on this machine (or is one the embedded engine carries)."""
    wanted = family.strip().casefold()
    return wanted in ENGINE_FAMILIES or wanted in installed().families
