"""A map to bytes in one format: DOT, then the engine, then post-processing or conversion."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..choices import DIRECTIONS, FONTS, PICTURE_FORMATS, SLIDES, THEMES
from ..errors import ArgmapError, expect
from ..format import ArgumentMap, MapSource, MapTree, build_tree, load
from ..speed import on, paused_gc
from .crosslabels import place_crosslink_labels
from .drawing import PAD_PT, Drawing, DrawOptions
from .engine import Engine, EngineError, find_engine, layout_size, run_engine
from .fit import MAX_FITTED_CLAIMS, fit
from .fonts import beyond_engine, extra_font_dirs
from .graph import to_dot
from .svg import SvgRewriter
from .views import ViewSpec, declared, select

PDF_HINT = (
    "PDF needs a system Graphviz (`apt-get install graphviz`), rsvg-convert "
    "(`apt-get install librsvg2-bin`) or `pip install cairosvg`"
)


MIN_WIDTH, MAX_WIDTH = 8, 400  # a box's line, in characters: the wrap widths fit tries
_NONE = type(None)
# What each option holds; checked first, so a wrong type is a TypeError naming the option.
_OPTION_TYPES: dict[str, tuple[type, ...]] = {
    "theme": (str,),
    "direction": (str,),
    "engine": (str,),
    "timeout": (int, float),
    "legend": (bool,),
    "notes": (bool,),
    "scale": (int, float),
    "max_pixels": (int,),
    "transparent": (bool,),
    "responsive": (bool,),
    "hidden": (frozenset,),
    "slide": (str,),
    "width": (int, _NONE),
    "view": (ViewSpec, _NONE),
    "statuses": (Mapping, _NONE),
    "strengths": (Mapping, _NONE),
    "flagged": (Mapping, _NONE),
    "ghosts": (frozenset,),
    "room": (bool,),
    "fonts": (str,),
    "compact": (bool,),
}


@dataclass(frozen=True)
class RenderOptions:
    """Everything `argmap render` can be told: how to draw (`drawing`, the options the
    DOT is made with) and how the drawing becomes a file, with the defaults a slide
    wants. `RenderOptions.of(theme="print", scale=1)` takes the names of both, flat."""

    drawing: DrawOptions = field(default_factory=DrawOptions)
    engine: str = "auto"
    timeout: float = 30.0
    scale: float = 2.0
    max_pixels: int = 40_000_000
    transparent: bool = False
    responsive: bool = False
    # The slide the drawing is fitted to (by its wrap width; see fit.py), or "none".
    slide: str = "16:9"
    fonts: str = "system"  # or "embed": the font's subset inside the SVG (draw/embed.py)

    @classmethod
    def of(cls, **options: Any) -> RenderOptions:
        """Options from flat keywords, as `argmap.render` and the command line give them."""
        drawn = {name: value for name, value in options.items() if name in DrawOptions._fields}
        rest = {name: value for name, value in options.items() if name not in drawn}
        return cls(DrawOptions(**drawn), **rest)

    def drawn(self, **changes: Any) -> RenderOptions:
        """The same options, drawn with `changes` (a view, flags, an evaluation, …)."""
        return replace(self, drawing=self.drawing._replace(**changes))

    def __post_init__(self) -> None:
        flat = {**self.drawing._asdict(), **{f.name: getattr(self, f.name) for f in fields(self)}}
        for name, kinds in _OPTION_TYPES.items():
            value = flat[name]
            if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
                named = " or ".join(k.__name__ for k in kinds if k is not type(None))
                raise TypeError(
                    f"render option `{name}` must be {named}, not {type(value).__name__}"
                )
        drawing = self.drawing
        if drawing.width is not None and not MIN_WIDTH <= drawing.width <= MAX_WIDTH:
            raise ValueError(f"width (characters a line) must be {MIN_WIDTH} to {MAX_WIDTH}")
        if self.fonts not in FONTS:
            raise ValueError(f"unknown fonts {self.fonts!r}; one of {', '.join(FONTS)}")
        if drawing.theme not in THEMES:
            raise ValueError(f"unknown theme {drawing.theme!r}; one of {', '.join(THEMES)}")
        if drawing.direction not in DIRECTIONS:
            raise ValueError(
                f"unknown direction {drawing.direction!r}; one of {', '.join(DIRECTIONS)}"
            )
        if not 0.1 <= self.scale <= 10:
            raise ValueError("scale must be between 0.1 and 10")
        if self.max_pixels < 1:
            raise ValueError("max_pixels must be positive")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if self.slide != "none" and self.slide not in SLIDES:
            raise ValueError(f"unknown slide {self.slide!r}; one of {', '.join(SLIDES)}, none")


# Every name RenderOptions.of takes: the drawing's and the output's.
OPTION_NAMES = frozenset(DrawOptions._fields) | {
    f.name for f in fields(RenderOptions) if f.name != "drawing"
}


def render(argmap: ArgumentMap | MapSource, format: str = "svg", **options: Any) -> bytes:
    """Render a map (a model, or a path or YAML text to load) to bytes in `format`.

    `view` may name a view the map declares; `hidden` may be any set of claim keys."""
    expect(argmap, (ArgumentMap, str, os.PathLike), "argmap", "render", "a map, path or YAML text")
    expect(format, str, "format", "render")
    model = argmap if isinstance(argmap, ArgumentMap) else load(argmap)
    return render_model(model, format, render_options(model, options))


def render_options(model: ArgumentMap, options: dict[str, Any]) -> RenderOptions:
    """The library's keywords as options: unknown names refused, a view by its name."""
    unknown = set(options) - OPTION_NAMES
    if unknown:
        raise TypeError(f"unknown render options: {', '.join(sorted(unknown))}")
    view = options.get("view")
    if isinstance(view, str):
        if view not in model.views:
            declared_views = ", ".join(model.views) or "none"
            raise ValueError(f"the map declares no view {view!r} (views: {declared_views})")
        options = {**options, "view": declared(model, view)}
    if isinstance(options.get("hidden"), set | list | tuple):
        options = {**options, "hidden": frozenset(options["hidden"])}
    return RenderOptions.of(**options)


def render_model(
    model: ArgumentMap, output_format: str, options: RenderOptions, tree: MapTree | None = None
) -> bytes:
    if output_format not in PICTURE_FORMATS:
        raise ValueError(f"unknown format {output_format!r}; one of {', '.join(PICTURE_FORMATS)}")
    with paused_gc():
        tree = tree or build_tree(model)
        if output_format == "dot":
            # DOT needs no engine, but fitting it to a slide measures with one.
            with contextlib.suppress(EngineError):
                options = fitted(model, options, tree, find_engine(options.engine))
            return to_dot(model, options.drawing, tree).dot.encode("utf-8")
        engine = find_engine(options.engine)
        options = fitted(model, options, tree, engine)
        return render_drawing(to_dot(model, options.drawing, tree), engine, output_format, options)


def fitted(
    model: ArgumentMap, options: RenderOptions, tree: MapTree | None, engine: Engine
) -> RenderOptions:
    """The options with the wrap width that fits the drawing to `options.slide` best."""
    view = options.drawing.view
    if options.slide == "none" or options.drawing.width:
        return options
    shown = select(tree, view).tree if view and tree else tree
    if shown is not None and len(shown.claims) > MAX_FITTED_CLAIMS:
        return options  # far too many claims for one slide: no width would rescue them
    box = SLIDES[options.slide]
    chosen, _ = fit(model, tree, options.drawing, engine, box, options.timeout)
    return options.drawn(width=chosen.width, room=chosen.room, compact=chosen.compact)


def render_drawing(
    drawing: Drawing, engine: Engine, output_format: str, options: RenderOptions
) -> bytes:
    if output_format == "svg":
        svg = place_crosslink_labels(render_svg(drawing, engine, options))
        if options.fonts == "embed":
            from .embed import embed_fonts

            svg = embed_fonts(svg)
        return svg
    if output_format == "png":
        _check_png_size(drawing, engine, options)
        if beyond_engine(drawing.dot) or _has_crosslinks(drawing):
            return _png_from_svg(drawing, engine, options)
        args = [f"-Gdpi={96 * options.scale:g}"]
        if options.transparent:
            args.append("-Gbgcolor=transparent")
        return run_engine(engine, drawing.dot, "png", timeout=options.timeout, args=tuple(args))
    return _pdf(drawing, engine, options)


def _has_crosslinks(drawing: Drawing) -> bool:
    """Cross-links' words are placed in the SVG (crosslabels.py): such a PNG or PDF is drawn
    from it, so it shows them where the SVG does."""
    return 'class="crosslink ' in drawing.dot


def _png_from_svg(drawing: Drawing, engine: Engine, options: RenderOptions) -> bytes:
    """Text the embedded engine has no font for (Korean, Arabic, Hindi, emoji, …) is drawn
    from the SVG with the system's fonts."""
    args = ("-Gbgcolor=transparent",) if options.transparent else ()
    svg = place_crosslink_labels(render_svg(drawing, engine, options, args=args))
    return svg_to_png(svg, options.scale, options.timeout)


def svg_to_png(svg: bytes, scale: float = 1.0, timeout: float = 30.0) -> bytes:
    """An SVG drawn to PNG at 96 dpi times `scale`: by rsvg-convert where installed (Pango
    picks a font glyph by glyph), else by resvg, which pip installs (it picks one font per
    line, so a line mixing two scripts beyond Latin can lose one; docs/limits.md)."""
    converter = shutil.which("rsvg-convert")
    # Both read the SVG's size in points at 96 dpi, as Graphviz's own PNG is drawn: the same
    # map gives the same pixels whichever way it is drawn.
    if converter and not extra_font_dirs():
        return _convert(converter, ["-f", "png", "-z", f"{scale:g}"], svg, timeout)
    import resvg_py

    try:
        png = resvg_py.svg_to_bytes(
            svg_string=svg.decode("utf-8"),
            dpi=96.0 * scale,
            font_dirs=extra_font_dirs() or None,
        )
    except ValueError as exc:
        raise EngineError(f"resvg could not draw the picture: {exc}") from None
    return bytes(png)


def _convert(converter: str, args: list[str], svg: bytes, timeout: float) -> bytes:
    """Run rsvg-convert on the SVG: its output, or an EngineError saying what went wrong."""
    try:
        done = subprocess.run(
            [converter, *args],
            input=svg,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise EngineError("rsvg-convert took too long converting the SVG") from None
    if done.returncode == 0 and done.stdout:
        return done.stdout
    raise EngineError("rsvg-convert failed: " + done.stderr.decode("utf-8", "replace")[:300])


def _check_png_size(drawing: Drawing, engine: Engine, options: RenderOptions) -> None:
    """Refuse a PNG too large to hold in memory before Graphviz allocates it.

    The summit map at --scale 10 would be 660 megapixels: 5 GB and half a minute. The
    layout alone (Graphviz's plain output) is cheap, and tells the size first.
    """
    width_pt, height_pt = layout_size(engine, drawing.dot, options.timeout, PAD_PT)
    dots = 96 * options.scale / 72
    width, height = round(width_pt * dots), round(height_pt * dots)
    if width * height <= options.max_pixels:
        return
    fitting = options.scale * (options.max_pixels / (width * height)) ** 0.5
    raise ArgmapError.at(
        "",
        0,
        0,
        "E009",
        f"the PNG would be {width:,} x {height:,} pixels "
        f"({width * height / 1e6:,.0f} megapixels), more than the limit of "
        f"{options.max_pixels / 1e6:g} megapixels",
        hint=f"use --scale {max(0.1, int(fitting * 10) / 10):g} or less, SVG or PDF (which "
        "scale without pixels), or raise --max-pixels",
    )


def render_svg(
    drawing: Drawing,
    engine: Engine,
    options: RenderOptions,
    fragments: dict[str, int] | None = None,
    args: tuple[str, ...] = (),
) -> bytes:
    rewriter = SvgRewriter(
        title=drawing.title,
        description=lambda: drawing.description,
        titles=drawing.titles,
        font=drawing.theme.font if drawing.theme else "Arial",
        responsive=options.responsive,
        fragments=fragments,
    )
    if not on("overlap"):
        rewriter.feed(run_engine(engine, drawing.dot, "svg", timeout=options.timeout, args=args))
        return rewriter.finish()
    # The outline for the SVG's description is written while Graphviz lays out the
    # graph, and the SVG rewritten while Graphviz writes it.
    run_engine(
        engine,
        drawing.dot,
        "svg",
        timeout=options.timeout,
        args=args,
        on_output=rewriter.feed,
        meanwhile=lambda: drawing.description,
    )
    return rewriter.finish()


def _pdf(drawing: Drawing, engine: Engine, options: RenderOptions) -> bytes:
    """Vector PDF with embedded fonts: from `dot` itself, else converted from the SVG."""
    converter = shutil.which("rsvg-convert")
    if engine.name == "dot" and not (converter and _has_crosslinks(drawing)):
        return run_engine(engine, drawing.dot, "pdf", timeout=options.timeout)
    svg = place_crosslink_labels(render_svg(drawing, engine, options))
    if converter:
        return _convert(converter, ["-f", "pdf"], svg, options.timeout)
    try:
        import cairosvg
    except ImportError:
        cairosvg = None
    if cairosvg is not None:
        return bytes(cairosvg.svg2pdf(bytestring=svg))
    system = shutil.which("dot")
    if system:
        return run_engine(Engine("dot", system), drawing.dot, "pdf", timeout=options.timeout)
    raise EngineError(PDF_HINT)
