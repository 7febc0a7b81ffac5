"""Exchange: argmap maps to and from other formats (AIF JSON, Argdown).

In: Argdown text or AIF JSON, read into one neutral graph (`neutral.py`) of statements and
inferences, then cut into maps of one thesis each (`cutting.py`) and written as YAML a person
would write (`yamlwrite.py`). Out: a checked map (its `MapTree`) written as AIF or Argdown.
Builds on the format only; draws nothing. Other stages import the names below from
`argmap.exchange`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .convert import SUFFIXES, export_map, format_of, import_maps, moved_source, text_format

__all__ = [
    "SUFFIXES",
    "export_map",
    "format_of",
    "import_maps",
    "moved_source",
    "text_format",
]

# What the other stages use, by the module that defines it: imported on first use, so
# that importing one part of the stage never loads the rest (and the start-up stays short).
_ENTRY_POINTS = {
    "SUFFIXES": "convert",
    "export_map": "convert",
    "format_of": "convert",
    "import_maps": "convert",
    "moved_source": "convert",
    "text_format": "convert",
}


__getattr__ = lazy_names(__name__, _ENTRY_POINTS)
