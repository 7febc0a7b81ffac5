"""Presenting: pictures in, what people look at out — steps, slide fit, galleries, live re-
renders.

Builds on drawing (and assessing); never imports the CLI. Other stages import the names
below from `argmap.present` (`figure` and `deck_html`, which share their module's name, from
the module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .deck_md import deck_markdown
    from .diagrams import export_diagram
    from .figure import FIGURE_OPTIONS, Figure, error_html, figure_options
    from .gallery import MapResult, build_site, find_maps
    from .live import Watcher
    from .lsp import run_language_server
    from .marking import class_report, marked_picture
    from .pptx import INSTALL_HINT, deck_pptx
    from .preview_http import free_port, make_server
    from .serve import Preview
    from .slidefit import fit_for_size, output_size, slide_fit
    from .slides import Deck, make_deck
    from .slideshape import DeckOptions
    from .steps import render_fragments, render_steps

__all__ = [
    "FIGURE_OPTIONS",
    "INSTALL_HINT",
    "Deck",
    "DeckOptions",
    "Figure",
    "MapResult",
    "Preview",
    "Watcher",
    "build_site",
    "class_report",
    "deck_markdown",
    "deck_pptx",
    "error_html",
    "export_diagram",
    "figure_options",
    "find_maps",
    "fit_for_size",
    "free_port",
    "make_deck",
    "make_server",
    "marked_picture",
    "output_size",
    "render_fragments",
    "render_steps",
    "run_language_server",
    "slide_fit",
]

# What the other stages use, by the module that defines it: imported on first use, so
# that importing one part of the stage never loads the rest (and the start-up stays short).
_ENTRY_POINTS = {
    "Deck": "slides",
    "DeckOptions": "slideshape",
    "FIGURE_OPTIONS": "figure",
    "Figure": "figure",
    "INSTALL_HINT": "pptx",
    "MapResult": "gallery",
    "Preview": "serve",
    "Watcher": "live",
    "build_site": "gallery",
    "class_report": "marking",
    "deck_markdown": "deck_md",
    "deck_pptx": "pptx",
    "error_html": "figure",
    "export_diagram": "diagrams",
    "figure_options": "figure",
    "find_maps": "gallery",
    "fit_for_size": "slidefit",
    "free_port": "preview_http",
    "make_deck": "slides",
    "make_server": "preview_http",
    "marked_picture": "marking",
    "output_size": "slidefit",
    "render_fragments": "steps",
    "render_steps": "steps",
    "run_language_server": "lsp",
    "slide_fit": "slidefit",
}


__getattr__ = lazy_names(__name__, _ENTRY_POINTS)
