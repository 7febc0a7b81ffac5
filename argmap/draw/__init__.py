"""Drawing: a checked map in, a picture out (DOT, SVG, PNG, PDF).

drawing (the options a drawing takes, what it gives) → views (which part of the tree one
picture shows) → plan (which boxes, clusters and lines, as plain data) → labels (the words
and markup inside them, measured) → graph and crosslines (each kind of box and line, written
through dot, the one DOT writer: the seam) → engine (Graphviz as a child process) → svg and
crosslabels (post-processing for slides and the web). render runs them all, fit chooses the
wrap width for a slide, diagram wraps the result for notebooks. Imports the format, never
presenting or the CLI. Other stages import the names below from `argmap.draw` (`fit`, which
shares its module's name, from the module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .drawing import PAD_PT, DrawOptions, StatementCache
    from .engine import Engine, EngineError, find_engine, layout_size, run_engine, start_early
    from .fit import READABLE_PT
    from .fontcheck import font_warnings
    from .graph import to_dot
    from .render import (
        RenderOptions,
        fitted,
        render_drawing,
        render_model,
        render_options,
        render_svg,
    )
    from .themes import Theme, resolve_theme
    from .views import (
        NoSuchView,
        Selection,
        SlideView,
        UnknownRoot,
        ViewSpec,
        branches_under,
        declared,
        find_root,
        select,
        stub_owner,
        view_for,
    )

__all__ = [
    "PAD_PT",
    "READABLE_PT",
    "DrawOptions",
    "Engine",
    "EngineError",
    "NoSuchView",
    "RenderOptions",
    "Selection",
    "SlideView",
    "StatementCache",
    "Theme",
    "UnknownRoot",
    "ViewSpec",
    "branches_under",
    "declared",
    "find_engine",
    "find_root",
    "fitted",
    "font_warnings",
    "layout_size",
    "render_drawing",
    "render_model",
    "render_options",
    "render_svg",
    "resolve_theme",
    "run_engine",
    "select",
    "start_early",
    "stub_owner",
    "to_dot",
    "view_for",
]

# What the other stages use, by the module that defines it: imported on first use, so
# that importing one part of the stage never loads the rest (and the start-up stays short).
_ENTRY_POINTS = {
    "DrawOptions": "drawing",
    "Engine": "engine",
    "EngineError": "engine",
    "NoSuchView": "views",
    "PAD_PT": "drawing",
    "READABLE_PT": "fit",
    "RenderOptions": "render",
    "Selection": "views",
    "StatementCache": "drawing",
    "Theme": "themes",
    "UnknownRoot": "views",
    "SlideView": "views",
    "ViewSpec": "views",
    "branches_under": "views",
    "declared": "views",
    "find_engine": "engine",
    "find_root": "views",
    "fitted": "render",
    "font_warnings": "fontcheck",
    "layout_size": "engine",
    "render_drawing": "render",
    "render_model": "render",
    "render_options": "render",
    "render_svg": "render",
    "resolve_theme": "themes",
    "run_engine": "engine",
    "select": "views",
    "start_early": "engine",
    "stub_owner": "views",
    "to_dot": "graph",
    "view_for": "views",
}


__getattr__ = lazy_names(__name__, _ENTRY_POINTS)
