"""Commands that draw one map at a time: `render` and `outline`."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..choices import OUTLINE_FORMATS, SLIDES
from .options import (
    checked_or_exit,
    echo_font_warnings,
    echo_issues,
    limit_options,
    make_limits,
    make_render_options,
    output_file_option,
    print_or_write,
    render_options,
    start_engine_early,
)
from .outputs import PlanError, Target, plan_outputs

if TYPE_CHECKING:
    from ..draw import RenderOptions, ViewSpec
    from ..format import Loaded


@click.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output file, `-` for stdout, or a folder (created if missing) for several "
    "maps or --steps [default: beside each map].",
)
@click.option(
    "--slide",
    type=click.Choice([*SLIDES, "none"]),
    default="16:9",
    show_default=True,
    help="Fit the drawing to this slide (by the width of its boxes); given explicitly, "
    "also warn (W303) when its text would still be under 18 pt there.",
)
@click.option(
    "--steps",
    type=click.Choice(["files", "fragments"]),
    is_flag=False,
    flag_value="files",
    default=None,
    help="Stepwise reveal from one layout: `--steps` writes <stem>-step01.svg, "
    "-step02.svg, … into OUT (a folder); `--steps fragments` one SVG whose steps "
    "are reveal.js fragments.",
)
@click.option(
    "--view",
    "view_name",
    metavar="NAME",
    help="Draw the view the map declares under `views:` with this name.",
)
@click.option("--root", metavar="ID", help="Draw only the subtree under this claim or reason.")
@click.option(
    "--depth",
    type=click.IntRange(0),
    help="Levels shown below the root; deeper branches fold into a box that counts them.",
)
@click.option("--labels", is_flag=True, help="Claims with a label show only the label.")
@click.option(
    "--evaluate",
    "with_evaluation",
    is_flag=True,
    help="Show each claim's status "
    "(stands, falls, contested, open) from the marks; see `argmap evaluate`.",
)
@click.option("--strength", is_flag=True, help="With --evaluate: each claim's DF-QuAD score too.")
@click.option(
    "--context",
    is_flag=True,
    help="Show the chain from the root up to the thesis, small, above it.",
)
@click.option(
    "--draft",
    is_flag=True,
    help="Draw a map whose only errors are in its content (quotes not found or too "
    "short), each such claim marked in red with the class `error`; exit 1 all the same.",
)
@render_options
@limit_options
def render(
    maps: tuple[Path, ...],
    output: str | None,
    output_format: str | None,
    steps: str | None,
    slide: str,
    view_name: str | None,
    root: str | None,
    depth: int | None,
    labels: bool,
    context: bool,
    with_evaluation: bool,
    strength: bool,
    draft: bool,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
    **drawing: Any,
) -> None:
    """Draw maps as SVG, PNG, PDF or DOT.

    \b
    argmap render maps/summit.yaml                 writes maps/summit.svg
    argmap render maps/summit.yaml -o summit.png   format from the suffix
    argmap render maps/*.yaml -o out/ -f pdf       several maps into a folder
    argmap render maps/summit.yaml -f dot -o -     DOT text on stdout
    argmap render maps/summit.yaml --steps -o steps/   one picture per step
    """
    from ..errors import ArgmapError
    from ..format import draft_flags, run_checks
    from ..report import exit_code, format_issue

    try:
        plan = plan_outputs(maps, output, output_format, steps)
    except PlanError as exc:
        raise click.UsageError(str(exc)) from None
    start_engine_early([target.output_format for target in plan.targets], drawing["engine"])
    source = click.get_current_context().get_parameter_source("slide")
    asked_for_slide = source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")
    options = make_render_options({**drawing, "slide": slide})
    limits = make_limits(max_bytes, max_claims, max_depth)
    if plan.folder_to_create is not None:
        from ..files import make_folder

        make_folder(plan.folder_to_create)
    failed = 0
    for target in plan.targets:
        result = run_checks(target.map_path, limits=limits, source_root=source_root)
        echo_issues(result, err=True)
        flags = draft_flags(result) if draft and not result.ok else None
        loaded = result.loaded()
        if (not result.ok and flags is None) or loaded is None:
            failed = max(failed, exit_code(result.issues))
            continue
        echo_font_warnings(loaded, target.output_format)
        try:
            view = view_spec(loaded, view_name, root, depth, labels, context)
            shown = options.drawn(view=view, flagged=flags)
            if with_evaluation or strength:
                shown = _evaluated(loaded, shown, strength)
            status = _draw(loaded, target, steps, shown, slide, asked_for_slide)
            if flags is not None:  # a draft: drawn, and the map still has errors
                status = max(status, exit_code(result.issues))
        except ArgmapError as exc:
            for issue in exc.issues:
                located = replace(issue, file=issue.file or str(target.map_path))
                click.echo(format_issue(located) + "\n", err=True)
            status = exit_code(exc.issues)
        failed = max(failed, status)
    sys.exit(failed)


def _evaluated(result: Loaded, options: RenderOptions, strength: bool) -> RenderOptions:
    """The options with the map's evaluation to draw as badges."""
    from ..assess import shown_statuses

    statuses, strengths = shown_statuses(result.tree, strength)
    return options.drawn(statuses=statuses, strengths=strengths)


def view_spec(
    result: Loaded,
    name: str | None,
    root: str | None,
    depth: int | None,
    labels: bool,
    context: bool,
) -> ViewSpec | None:
    """The library's view for these options; an unknown name or id is a usage error."""
    from ..draw import NoSuchView, view_for

    try:
        return view_for(result.model, result.tree, name, root, depth, labels, context)
    except NoSuchView as exc:
        raise click.UsageError(str(exc)) from None


def _draw(
    result: Loaded,
    target: Target,
    steps: str | None,
    options: RenderOptions,
    slide: str,
    asked: bool = False,
) -> int:
    """Draw and write one map's output; the exit status it earns."""
    from ..draw import render_model
    from ..files import write_atomic

    fmt = target.output_format
    if steps == "files":
        from ..present import render_steps

        assert target.path is not None
        pictures = render_steps(result.model, fmt, options, result.tree)
        for number, picture in enumerate(pictures, start=1):
            write_atomic(target.step_file(number), picture)
            click.echo(str(target.step_file(number)))
        return 0
    if steps == "fragments":
        from ..present import render_fragments

        data = render_fragments(result.model, options, result.tree)
    else:
        data = render_model(result.model, fmt, options, result.tree)
    if slide != "none":
        _warn_slide_fit(result, data, fmt, slide, options, asked)
    if target.path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    write_atomic(target.path, data)
    click.echo(str(target.path))
    return 0


def _warn_slide_fit(
    result: Loaded, data: bytes, fmt: str, slide: str, options: RenderOptions, asked: bool
) -> None:
    """W303 from the rendered picture's own size (no second layout) when `--slide` was
    asked for; a plain render of a map larger than a slide is no mistake: one tip line."""
    from ..draw import resolve_theme
    from ..present import fit_for_size, output_size

    size = output_size(data, fmt, options.scale)
    if size is None:
        return
    font = resolve_theme(options.drawing.theme, result.model.style).font_size
    fit = fit_for_size(*size, font, slide)
    if not fit.readable and not asked:
        click.echo(
            f"tip: {result.file} is {fit.text_pt:.1f} pt on one {slide} slide; "
            f"`argmap slides {result.file} -o deck` splits it into slides at 18 pt",
            err=True,
        )
    elif not fit.readable:
        result.issues = [
            result.doc.issue(
                ("title",),
                "W303",
                fit.message(),
                severity="warning",
                hint=fit.advice() + f"; `argmap check --slide {slide}` also tries other directions",
            )
        ]
        echo_issues(result, err=True)


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(OUTLINE_FORMATS),
    default="txt",
    show_default=True,
    help="Plain text, Markdown or an HTML fragment.",
)
@output_file_option("Write to a file instead of printing.")
@limit_options
def outline(
    map_file: Path,
    output_format: str,
    output: Path | None,
    max_bytes: int,
    max_claims: int,
    max_depth: int,
    source_root: Path | None,
) -> None:
    """Print the map as a nested outline: thesis; because …; but …; however ….

    The plain-text outline is the SVG's <desc>, the long description screen readers
    read; Markdown and HTML suit handouts and lecture notes.
    """
    from ..format import to_html, to_markdown, to_text

    result = checked_or_exit(map_file, max_bytes, max_claims, max_depth, source_root)
    make = {"txt": to_text, "md": to_markdown, "html": to_html}[output_format]
    print_or_write(make(result.model, result.tree), output, said="{}")
