"""Python-Markdown and MkDocs: ```argmap fences drawn as inline SVG figures.

Two ways in: the extension `argmap` (`markdown_extensions: [argmap]`) draws fences at the
top level of a page; `fence_format` and `fence_validator` make a pymdownx.superfences
custom fence, which also works inside admonitions, tabs and lists. An error becomes a
visible block in the page and a warning, which fails `mkdocs build --strict`.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..errors import ArgmapError, Issue
from ..present import error_html
from ..present.figure import figure
from ..report import format_issue
from .fence import header_options, read_fence

# MkDocs counts warnings of loggers under `mkdocs.plugins` (and fails --strict on them).
log = logging.getLogger("mkdocs.plugins.argmap")

_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?argmap\b(?P<header>[^`]*)$")


class _Page:
    """Where a page's figures are: the page's name for errors, and a count for ids."""

    name = "page"


PAGE = _Page()
DEPENDS: set[Path] = set()  # every file a figure was drawn from (MkDocs watches them)


def draw_fence(md: Markdown, body: str, header: dict[str, str], base: Path, line: int) -> str:
    """One fence as HTML: the figure, or its located errors."""
    count = getattr(md, "argmap_figures", 0) + 1
    md.argmap_figures = count
    where = PAGE.name
    try:
        request = read_fence(body, header, base, f"{where}:{line}" if line else where)
        drawn = figure(
            request.source,
            base=base,
            prefix=f"argmap{count}-",
            where=(where, line),
            **request.options,  # type: ignore[arg-type]
        )
    except ArgmapError as exc:
        for issue in exc.issues:
            log.warning("argmap: %s", _one_line(issue))
        return error_html(exc.issues)
    DEPENDS.update(drawn.depends)
    for issue in drawn.warnings:
        log.info("argmap: %s", _one_line(issue))
    return drawn.html()


def _one_line(issue: Issue) -> str:
    return " ".join(format_issue(issue).replace("= help:", "(help:").split()) + (
        ")" if issue.hint else ""
    )


def _fence_line(md: Markdown, source: str) -> int:
    """The page line a superfences block's body starts after (0 when not found): the
    fence is found in the page's lines as the preprocessors received them."""
    lines = getattr(md, "lines", None) or []
    body = source.splitlines()
    if not body:
        return 0
    used: set[int] = getattr(md, "argmap_lines_used", set())
    for index, line in enumerate(lines):
        if _FENCE_OPEN.match(line.strip()) and index not in used:
            following = [text.strip() for text in lines[index + 1 : index + 1 + len(body)]]
            if following == [text.strip() for text in body]:
                used.add(index)
                md.argmap_lines_used = used
                return index + 1
    return 0


def fence_validator(
    language: str, inputs: dict[str, str], options: dict[str, str], attrs: Any, md: Markdown
) -> bool:
    """Every header option is the figure's; unknown ones are reported when it is drawn."""
    options.update(inputs)
    return True


def fence_format(
    source: str,
    language: str,
    class_name: str,
    options: dict[str, str],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """The superfences formatter: the block drawn, relative to the current folder."""
    base = Path(getattr(md, "argmap_base", "."))
    return draw_fence(md, source, dict(options), base, _fence_line(md, source))


class _FencePreprocessor(Preprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, base: Path) -> None:
        super().__init__(md)
        self.base = base

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            opened = _FENCE_OPEN.match(lines[index])
            closing = self._closing(lines, index, opened.group("fence")) if opened else None
            if opened is None or closing is None:
                out.append(lines[index])
                index += 1
                continue
            body = "\n".join(lines[index + 1 : closing]) + "\n"
            header = header_options(opened.group("header"))
            drawn = draw_fence(self.md, body, header, self.base, index + 1)
            out.extend(["", self.md.htmlStash.store(drawn), ""])
            index = closing + 1
        return out

    @staticmethod
    def _closing(lines: list[str], start: int, fence: str) -> int | None:
        for index in range(start + 1, len(lines)):
            stripped = lines[index].strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                return index
        return None


class ArgmapExtension(Extension):  # type: ignore[misc]
    """`markdown_extensions: [argmap]`, with `base_dir` for maps and source texts."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "base_dir": [".", "the folder `file:` paths and inline maps' sources are relative to"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        base = Path(self.getConfig("base_dir"))
        md.argmap_base = base
        md.registerExtension(self)
        # Before the fenced-code preprocessors (25), after whitespace is normalised (30).
        md.preprocessors.register(_FencePreprocessor(md, base), "argmap_fence", 28)


def makeExtension(**kwargs: Any) -> ArgmapExtension:
    return ArgmapExtension(**kwargs)


__all__ = ["ArgmapExtension", "fence_format", "fence_validator", "makeExtension"]
