"""A map to bytes in one format: DOT, then the engine, then post-processing or conversion."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, fields, replace
from typing import Any

from .engine import Engine, EngineError, find_engine, run
from .gcpause import paused_gc
from .graph import DIRECTIONS, THEME_NAMES, Drawing, DrawOptions, to_dot
from .loader import MapSource, load
from .model import ArgumentMap
from .svgpost import postprocess
from .tree import MapTree, build_tree

FORMATS = ("svg", "png", "pdf", "dot")
PDF_HINT = ("PDF needs a system Graphviz (`apt-get install graphviz`), rsvg-convert "
            "(`apt-get install librsvg2-bin`) or `pip install cairosvg`")


@dataclass(frozen=True)
class RenderOptions:
    """Everything `argmap render` can be told, with the defaults a slide wants."""

    theme: str = "default"
    direction: str = "TB"
    engine: str = "auto"
    timeout: float = 30.0
    legend: bool = False
    notes: bool = False
    scale: float = 2.0
    transparent: bool = False
    responsive: bool = False
    hidden: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.theme not in THEME_NAMES:
            raise ValueError(f"unknown theme {self.theme!r}; one of {', '.join(THEME_NAMES)}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}; one of "
                             f"{', '.join(DIRECTIONS)}")
        if not 0.1 <= self.scale <= 10:
            raise ValueError("scale must be between 0.1 and 10")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")

    def drawing(self) -> DrawOptions:
        return DrawOptions(theme=self.theme, direction=self.direction, legend=self.legend,
                           notes=self.notes, hidden=self.hidden)


def render(argmap: ArgumentMap | MapSource, format: str = "svg", **options: Any) -> bytes:
    """Render a map (a model, or a path or YAML text to load) to bytes in `format`."""
    model = argmap if isinstance(argmap, ArgumentMap) else load(argmap)
    known = {f.name for f in fields(RenderOptions)}
    unknown = set(options) - known
    if unknown:
        raise TypeError(f"unknown render options: {', '.join(sorted(unknown))}")
    return render_model(model, format, RenderOptions(**options))


def render_model(model: ArgumentMap, output_format: str, options: RenderOptions,
                 tree: MapTree | None = None) -> bytes:
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; one of {', '.join(FORMATS)}")
    with paused_gc():
        drawing = to_dot(model, options.drawing(), tree)
        if output_format == "dot":
            return drawing.dot.encode("utf-8")
        engine = find_engine(options.engine)
        return render_drawing(drawing, engine, output_format, options)


def render_drawing(drawing: Drawing, engine: Engine, output_format: str,
                   options: RenderOptions) -> bytes:
    if output_format == "svg":
        return _svg(drawing, engine, options)
    if output_format == "png":
        args = [f"-Gdpi={96 * options.scale:g}"]
        if options.transparent:
            args.append("-Gbgcolor=transparent")
        return run(engine, drawing.dot, "png", timeout=options.timeout, args=tuple(args))
    return _pdf(drawing, engine, options)


def _svg(drawing: Drawing, engine: Engine, options: RenderOptions,
         fragments: dict[str, int] | None = None) -> bytes:
    raw = run(engine, drawing.dot, "svg", timeout=options.timeout)
    font = drawing.theme.font if drawing.theme else "Arial"
    return postprocess(raw, title=drawing.title, description=drawing.description,
                       titles=drawing.titles, font=font, responsive=options.responsive,
                       fragments=fragments)


def render_steps(model: ArgumentMap, output_format: str, options: RenderOptions,
                 tree: MapTree | None = None) -> list[bytes]:
    """One picture per step, all from one layout: hidden elements stay in it, invisible."""
    from .steps import assign_steps, hidden_at

    tree = tree or build_tree(model)
    steps = assign_steps(tree)
    engine = None if output_format == "dot" else find_engine(options.engine)
    pictures = []
    for step in range(1, max(steps.values()) + 1):
        step_options = replace(options, hidden=hidden_at(steps, step))
        drawing = to_dot(model, step_options.drawing(), tree)
        if engine is None:
            pictures.append(drawing.dot.encode("utf-8"))
        else:
            pictures.append(render_drawing(drawing, engine, output_format, step_options))
    return pictures


def render_fragments(model: ArgumentMap, options: RenderOptions,
                     tree: MapTree | None = None) -> bytes:
    """One SVG whose later steps are reveal.js fragments, for inline use in slides."""
    from .steps import assign_steps

    tree = tree or build_tree(model)
    steps = assign_steps(tree)
    drawing = to_dot(model, options.drawing(), tree)
    fragments = {element: steps[key] - 1 for element, key in drawing.element_keys.items()
                 if steps.get(key, 1) > 1}
    return _svg(drawing, find_engine(options.engine), options, fragments)


def _pdf(drawing: Drawing, engine: Engine, options: RenderOptions) -> bytes:
    """Vector PDF with embedded fonts: from `dot` itself, else converted from the SVG."""
    if engine.name == "dot":
        return run(engine, drawing.dot, "pdf", timeout=options.timeout)
    svg = _svg(drawing, engine, options)
    converter = shutil.which("rsvg-convert")
    if converter:
        try:
            done = subprocess.run([converter, "-f", "pdf"], input=svg, capture_output=True,
                                  timeout=options.timeout, check=False)
        except subprocess.TimeoutExpired:
            raise EngineError("rsvg-convert took too long converting to PDF") from None
        if done.returncode == 0 and done.stdout:
            return done.stdout
        raise EngineError("rsvg-convert failed: " + done.stderr.decode("utf-8", "replace")[:300])
    try:
        import cairosvg
    except ImportError:
        cairosvg = None
    if cairosvg is not None:
        return bytes(cairosvg.svg2pdf(bytestring=svg))
    system = shutil.which("dot")
    if system:
        return run(Engine("dot", system), drawing.dot, "pdf", timeout=options.timeout)
    raise EngineError(PDF_HINT)
