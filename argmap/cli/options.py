"""Options several commands share, and the helpers that turn them into library objects."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..choices import DIRECTIONS, ENGINES, FONTS, PICTURE_FORMATS, REPORT_FORMATS, THEMES

if TYPE_CHECKING:
    from ..draw import RenderOptions
    from ..format import Checked, Loaded
    from ..limits import Limits

F = TypeVar("F", bound=Callable[..., Any])

# The context object of a process that ends with its command (the console script), as
# against click's test runner or a notebook calling the commands again and again.
ONE_SHOT = "one-shot"

_LIMIT_OPTIONS = [
    click.option(
        "--max-bytes",
        type=click.IntRange(1),
        default=4 * 1024 * 1024,
        show_default=True,
        help="Largest map or source file read.",
    ),
    click.option(
        "--max-claims",
        type=click.IntRange(1),
        default=10_000,
        show_default=True,
        help="Most claims in one map.",
    ),
    click.option(
        "--max-depth",
        type=click.IntRange(1),
        default=120,
        show_default=True,
        help="Deepest YAML nesting.",
    ),
    click.option(
        "--source-root",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder source texts must lie in [default: the project folder "
        "around the map; see docs/format.md].",
    ),
]
_FORMAT_OPTION = click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(PICTURE_FORMATS),
    help="Output format [default: from OUT's suffix, else svg].",
)


def theme_option(
    default: str = "default",
    help_text: str = "default: colour-blind-safe; print: grayscale; dark: dark slides.",
) -> Callable[[F], F]:
    """`--theme`, as every command that draws takes it."""
    return click.option(
        "--theme", type=click.Choice(THEMES), default=default, show_default=True, help=help_text
    )


THEME_OPTION = theme_option()
ENGINE_OPTION = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="pure: the embedded graphviz-pure; dot: a system Graphviz; auto: pure, then dot.",
)
TIMEOUT_OPTION = click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds Graphviz may take for one picture before it is stopped.",
)
_DRAWING_OPTIONS = [
    THEME_OPTION,
    click.option(
        "--direction",
        type=click.Choice(DIRECTIONS),
        default="TB",
        show_default=True,
        help="Where the thesis sits: TB top, BT bottom, LR left, RL right.",
    ),
    ENGINE_OPTION,
    TIMEOUT_OPTION,
    click.option("--legend", is_flag=True, help="Add a key to the diagram."),
    click.option("--notes", is_flag=True, help="Show claims' notes."),
    click.option(
        "--scale",
        type=click.FloatRange(0.1, 10),
        default=2.0,
        show_default=True,
        help="PNG resolution: 1 is 96 dpi.",
    ),
    click.option(
        "--max-pixels",
        type=click.IntRange(1),
        default=40_000_000,
        show_default=True,
        help="Largest PNG drawn, in pixels (width x height).",
    ),
]
_SINGLE_PICTURE_OPTIONS = [
    click.option("--transparent", is_flag=True, help="PNG with a transparent background."),
    click.option(
        "--responsive",
        is_flag=True,
        help="SVG without fixed width and height "
        "(it fills its container; the viewBox keeps the proportions).",
    ),
    click.option(
        "--fonts",
        type=click.Choice(FONTS),
        default="system",
        show_default=True,
        help="system: name Arial and its metric twins, drawn with the viewer's fonts; "
        "embed: put the subset of Liberation Sans the picture uses inside the SVG.",
    ),
]


def _apply(options: Sequence[Callable[[Any], Any]], function: F) -> F:
    for option in reversed(options):
        function = option(function)
    return function


def limit_options(function: F) -> F:
    return _apply(_LIMIT_OPTIONS, function)


def drawing_options(function: F) -> F:
    """How a map is drawn: shared by `render`, `watch` and `build`."""
    return _apply(_DRAWING_OPTIONS, function)


def render_options(function: F) -> F:
    """Drawing options plus the format and picture options of `render` and `watch`."""
    return _apply([_FORMAT_OPTION, *_DRAWING_OPTIONS, *_SINGLE_PICTURE_OPTIONS], function)


def output_file_option(help_text: str) -> Callable[[F], F]:
    """`-o FILE`: where a command that prints one text writes it instead."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text
    )


def print_or_write(text: str, output: Path | None, *, said: str = "wrote {}") -> None:
    """The text on stdout, or written whole to OUTPUT (a problem writing it is E012, exit 2)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from ..files import write_atomic

    write_atomic(output, text.encode("utf-8"))
    click.echo(said.format(output), err=True)


def start_engine_early(output_formats: Sequence[str], engine: str) -> None:
    """A one-shot render to SVG starts Graphviz before importing the rest of argmap: see
    draw.engine.start_early. (A PNG first asks for a layout, `-Tplain`, to check its size:
    an engine started for it would go unused.)"""
    from ..speed import on

    if click.get_current_context().obj != ONE_SHOT or not on("early-engine"):
        return
    if output_formats and output_formats[0] == "svg":
        from ..draw import start_early

        start_early(engine, "svg")


def make_limits(max_bytes: int, max_claims: int, max_depth: int) -> Limits:
    from ..limits import Limits

    return Limits(
        max_bytes=max_bytes,
        max_claims=max_claims,
        max_depth=max_depth,
        max_nodes=max(1_000_000, max_claims * 40),
    )


def make_render_options(values: dict[str, Any]) -> RenderOptions:
    """The drawing options a command was given (`**drawing`: every name is one of
    RenderOptions.of's, so a misspelt option fails loudly here, not silently)."""
    from ..draw import RenderOptions

    return RenderOptions.of(**values)


def report_format_option(help_text: str) -> Callable[[F], F]:
    """`--format text|json`, as check, lint and evaluate take it."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(REPORT_FORMATS),
        default="text",
        show_default=True,
        help=help_text,
    )


def checked_or_exit(
    map_file: Path, max_bytes: int, max_claims: int, max_depth: int, source_root: Path | None
) -> Loaded:
    """The checked map; a map with errors prints them and exits 1 (2 when unreadable)."""
    from ..format import run_checks
    from ..report import exit_code

    result = run_checks(
        map_file, limits=make_limits(max_bytes, max_claims, max_depth), source_root=source_root
    )
    loaded = result.loaded()
    if loaded is None or not result.ok:
        echo_issues(result, err=True)
        sys.exit(exit_code(result.issues))
    return loaded


def echo_issues(result: Checked | Loaded, *, err: bool = False) -> None:
    """Each issue with its source line and caret; colour only on a terminal."""
    from ..report import format_issue

    stream = sys.stderr if err else sys.stdout
    color = stream.isatty()
    lines = result.text.splitlines() if result.text else None
    for issue in result.issues:
        click.echo(format_issue(issue, lines, color) + "\n", err=err)


def echo_font_warnings(result: Checked | Loaded, output_format: str) -> None:
    """W305 and W306: a script or a `style.font` this machine has no font for."""
    from ..draw import font_warnings
    from ..report import format_issue

    if result.model is None or result.tree is None or result.doc is None:
        return
    lines = result.text.splitlines() if result.text else None
    for issue in font_warnings(result.model, result.tree, result.doc, output_format):
        click.echo(format_issue(issue, lines, sys.stderr.isatty()) + "\n", err=True)
