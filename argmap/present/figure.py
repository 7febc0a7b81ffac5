"""Maps inside documents: one map as an SVG fragment safe to inline in any HTML page."""

from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ArgmapError, Issue
from ..format import ArgumentMap, Loaded, MapTree, is_path, run_checks

# The options a figure takes, as documents spell them (fences, directives, magics).
FIGURE_OPTIONS = ("file", "view", "theme", "direction", "evaluate", "legend", "caption", "alt")
_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")

_ID = re.compile(r'\bid="([^"]*)"')
_LOCAL_REFERENCE = re.compile(r'((?:xlink:)?href="#|url\(#)([^")]*)')
_LABELLED_BY = re.compile(r'\baria-(labelledby|describedby)="([^"]*)"')
_SVG_START = re.compile(r"<svg\b")
_SVG_SIZE = re.compile(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')


@dataclass(frozen=True)
class Figure:
    """A drawn map ready for a page: `svg` inlines in HTML, `render` gives PDF or PNG for
    the builders that cannot (LaTeX, Word), drawn with the same options."""

    svg: str
    title: str
    alt: str
    caption: str | None
    prefix: str
    depends: tuple[Path, ...]  # what the figure is drawn from: rebuild when they change
    warnings: tuple[Issue, ...]
    model: ArgumentMap
    tree: MapTree
    options: object  # the RenderOptions, kept opaque so documents need not import drawing

    def html(self) -> str:
        """The figure as HTML: the SVG, and its caption when it has one."""
        caption = f"\n<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        return f'<figure class="argmap-figure">\n{self.svg}{caption}\n</figure>'

    def render(self, output_format: str) -> bytes:
        """The same drawing as PDF, PNG or a whole SVG file."""
        from ..draw import RenderOptions, render_model

        assert isinstance(self.options, RenderOptions)
        return render_model(self.model, output_format, self.options, self.tree)


def figure(
    source: str | os.PathLike[str],
    *,
    base: str | os.PathLike[str] | None = None,
    view: str | None = None,
    theme: str = "default",
    direction: str = "TB",
    evaluate: bool = False,
    legend: bool = False,
    caption: str | None = None,
    alt: str | None = None,
    prefix: str | None = None,
    where: tuple[str, int] | None = None,
) -> Figure:
    """A map (a path, or YAML text whose `source: text:` is relative to `base`) drawn as
    `argmap render` draws it, every id prefixed so that figures on one page never clash.

    `where` names the document and the line the YAML text starts after, so errors point
    into the document. Raises ArgmapError with located issues."""
    checked = _checked(source, base, where)
    from ..draw import render_model, render_options

    model, tree = checked.model, checked.tree
    try:
        options = render_options(
            model,
            {"view": view, "theme": theme, "direction": direction, "legend": legend},
        )
    except (ValueError, TypeError) as exc:
        raise ArgmapError([_option_issue(checked.file, str(exc))]) from None
    options = replace(options, responsive=False)
    if evaluate:
        from ..assess import shown_statuses

        options = options.drawn(statuses=shown_statuses(tree)[0])
    svg = render_model(model, "svg", options, tree).decode("utf-8")
    chosen_prefix = prefix if prefix is not None else "argmap-" + _digest(svg) + "-"
    title = model.title
    return Figure(
        svg=fragment(svg, chosen_prefix, alt),
        title=title,
        alt=alt or title,
        caption=caption,
        prefix=chosen_prefix,
        depends=_depends(checked, model),
        warnings=tuple(i for i in checked.issues if i.severity != "error"),
        model=model,
        tree=tree,
        options=options,
    )


def _checked(
    source: str | os.PathLike[str],
    base: str | os.PathLike[str] | None,
    where: tuple[str, int] | None,
) -> Loaded:
    if is_path(source):
        checked = run_checks(source)
    else:
        # Checked as if saved in `base`, so its quotes are found in the source text.
        folder = Path(base) if base is not None else Path.cwd()
        checked = run_checks(folder / "inline-map.yaml", text=str(source))
        name, offset = where if where else ("<inline map>", 0)
        checked.issues = [_relocated(issue, name, offset) for issue in checked.issues]
        checked.file = name
    return checked.valid()


def _relocated(issue: Issue, name: str, offset: int) -> Issue:
    if not issue.file.endswith("inline-map.yaml"):
        return issue  # about the source text, which has its own name
    return replace(issue, file=name, line=issue.line + offset if issue.line else 0)


def _depends(checked: Loaded, model: ArgumentMap) -> tuple[Path, ...]:
    found: list[Path] = []
    if checked.path is not None and checked.path.name != "inline-map.yaml":
        found.append(checked.path.resolve())
    if checked.path is not None and model.source and model.source.text:
        text = (checked.path.parent / model.source.text).resolve()
        if text.is_file():
            found.append(text)
    return tuple(found)


def _option_issue(name: str, message: str) -> Issue:
    return Issue(name, 0, 0, "E014", message, hint="see docs/documents.md for each option")


def _digest(svg: str) -> str:
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8]


def fragment(svg: str, prefix: str, alt: str | None = None) -> str:
    """The SVG without its XML prologue, every id and local reference prefixed, sized to
    shrink with a narrow page (never to grow past its drawn size)."""
    start = _SVG_START.search(svg)
    body = svg[start.start() :] if start else svg
    body = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = _LOCAL_REFERENCE.sub(lambda m: m.group(1) + prefix + m.group(2), body)
    body = _LABELLED_BY.sub(
        lambda m: f'aria-{m.group(1)}="' + " ".join(prefix + n for n in m.group(2).split()) + '"',
        body,
    )
    body = _SVG_SIZE.sub(
        lambda m: (
            f'<svg width="{m.group(1)}pt" height="{m.group(2)}pt" '
            'style="max-width:100%;height:auto"'
        ),
        body,
        count=1,
    )
    if alt:
        body = re.sub(
            r'(<title id="[^"]*">)[^<]*(</title>)',
            lambda m: m.group(1) + html.escape(alt, quote=False) + m.group(2),
            body,
            count=1,
        )
    return body.rstrip() + "\n"


def figure_options(values: dict[str, str], where: str) -> dict[str, object]:
    """The options a document gave as text, typed; unknown names and bad values are E014."""
    typed: dict[str, object] = {}
    for name, value in values.items():
        key = name.replace("-", "_")
        if key == "fig_cap":
            key = "caption"
        elif key == "fig_alt":
            key = "alt"
        if key not in FIGURE_OPTIONS:
            raise ArgmapError.at(
                where,
                0,
                0,
                "E014",
                f"unknown argmap option `{name}`",
                hint=f"the options are {', '.join(FIGURE_OPTIONS)}",
            )
        if key in ("evaluate", "legend"):
            lowered = str(value).strip().lower()
            if lowered not in _TRUE + _FALSE:
                raise ArgmapError.at(
                    where,
                    0,
                    0,
                    "E014",
                    f"argmap option `{name}` is {value!r}, not true or false",
                    hint=f"write `{name}: true` or `{name}: false`",
                )
            typed[key] = lowered in _TRUE
        else:
            typed[key] = str(value).strip()
    return typed


def error_html(issues: list[Issue]) -> str:
    """Located errors as a block a reader of the page cannot miss."""
    from ..report import format_issue

    listed = "\n\n".join(format_issue(issue) for issue in issues)
    return (
        '<div class="argmap-error" role="alert" style="border:2px solid #b00020;'
        'padding:0.5em 1em;margin:1em 0;color:#b00020;background:#fff5f5">'
        f"<p><strong>argmap: this map has {_count(issues)}</strong></p>"
        f'<pre style="white-space:pre-wrap;color:inherit;background:none">'
        f"{html.escape(listed)}</pre></div>"
    )


def _count(issues: list[Issue]) -> str:
    errors = sum(issue.severity == "error" for issue in issues) or len(issues)
    return f"{errors} error{'s' * (errors != 1)}"
