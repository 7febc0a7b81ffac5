"""The Sphinx extension `argmap.documents.sphinx`: the `argmap` directive (and MyST fence).

HTML builders inline the SVG; LaTeX builders include a PDF; texinfo a PNG; text and man,
which hold no pictures, the map's title. The map and its source text are the page's
dependencies, so editing either rebuilds the page. An error is a warning at the
directive's line (`-W` fails the build) and a visible block in the page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..errors import ArgmapError
from ..present import Figure, figure_options
from ..present.figure import figure
from ..report import format_issue

log = logging.getLogger(__name__)


class argmap_figure(nodes.General, nodes.Element):  # type: ignore[misc]
    """A map to draw when the builder is known: its source, options and id prefix."""


def _flag(argument: str | None) -> str:
    return "true" if argument is None or not argument.strip() else argument


class ArgmapDirective(SphinxDirective):
    """`.. argmap:: maps/summit.yaml` or inline YAML as the content."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {  # noqa: RUF012 (docutils reads it from the class)
        "view": directives.unchanged_required,
        "theme": directives.unchanged_required,
        "direction": directives.unchanged_required,
        "caption": directives.unchanged,
        "alt": directives.unchanged,
        "evaluate": _flag,
        "legend": _flag,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        document = self.env.doc2path(docname)
        where = f"{document}:{self.lineno}"
        given = {k: v for k, v in self.options.items() if k not in ("name", "class")}
        serial = self.env.new_serialno("argmap")
        prefix = "argmap-" + re.sub(r"[^A-Za-z0-9]+", "-", docname) + f"-{serial}-"
        base = Path(document).parent
        try:
            options = figure_options(given, where)
            if self.arguments:
                relative, absolute = self.env.relfn2path(self.arguments[0], docname)
                self.env.note_dependency(relative)
                source: str = absolute
            else:
                source = "\n".join(self.content) + "\n"
            drawn = figure(
                Path(source) if self.arguments else source,
                base=base,
                prefix=prefix,
                where=(str(document), self.content_offset),
                **options,  # type: ignore[arg-type]
            )
        except ArgmapError as exc:
            return [self._error(exc)]
        for depended in drawn.depends:
            self.env.note_dependency(str(depended))
        node = argmap_figure()
        node["source"] = source
        node["is_path"] = bool(self.arguments)
        node["base"] = str(base)
        node["options"] = options
        node["prefix"] = prefix
        node["classes"] += self.options.get("class", [])
        self.add_name(node)
        return [node]

    def _error(self, exc: ArgmapError) -> nodes.Node:
        for issue in exc.issues:
            where = f"{issue.file}:{issue.line}" if issue.line else issue.file
            help_ = f"; help: {issue.hint}" if issue.hint else ""
            log.warning(
                "argmap %s[%s]: %s (column %d%s)",
                issue.severity,
                issue.code,
                issue.message,
                issue.col,
                help_,
                location=where or (self.env.docname, self.lineno),
            )
        listed = "\n\n".join(format_issue(issue) for issue in exc.issues)
        block = nodes.error()
        block += nodes.paragraph(text="argmap: this map has errors")
        block += nodes.literal_block(listed, listed)
        return block


def _drawn(node: argmap_figure) -> Figure:
    source = Path(node["source"]) if node["is_path"] else node["source"]
    return figure(source, base=node["base"], prefix=node["prefix"], **node["options"])


def _html_visit(translator: Any, node: argmap_figure) -> None:
    translator.body.append(_drawn(node).html())
    raise nodes.SkipNode


def _latex_visit(translator: Any, node: argmap_figure) -> None:
    drawn = _drawn(node)
    name = drawn.prefix.rstrip("-") + ".pdf"
    out = Path(translator.builder.outdir) / name
    out.write_bytes(drawn.render("pdf"))
    caption = drawn.caption
    lines = [
        "\n\\begin{figure}[htbp]\n\\centering\n",
        "\\sphinxincludegraphics[width=\\linewidth,height=0.8\\textheight,keepaspectratio]"
        f"{{{name}}}\n",
    ]
    if caption:
        lines.append(f"\\caption{{{translator.encode(caption)}}}\n")
    lines.append("\\end{figure}\n")
    translator.body.append("".join(lines))
    raise nodes.SkipNode


def _texinfo_visit(translator: Any, node: argmap_figure) -> None:
    drawn = _drawn(node)
    name = drawn.prefix.rstrip("-")
    (Path(translator.builder.outdir) / f"{name}.png").write_bytes(drawn.render("png"))
    translator.body.append(f"\n@image{{{name},,,{translator.escape_arg(drawn.alt)},png}}\n")
    if drawn.caption:
        translator.body.append(f"\n{translator.escape(drawn.caption)}\n")
    raise nodes.SkipNode


def _text_visit(translator: Any, node: argmap_figure) -> None:
    drawn = _drawn(node)
    words = f"[argument map: {drawn.alt}]"
    if hasattr(translator, "new_state"):  # the text builder: a paragraph of its own
        translator.new_state(0)
        translator.add_text(words)
        translator.end_state()
    else:  # man
        translator.body.append(f"\n.sp\n{words}\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    text = (_text_visit, None)
    app.add_node(
        argmap_figure,
        html=(_html_visit, None),
        latex=(_latex_visit, None),
        text=text,
        man=text,
        texinfo=(_texinfo_visit, None),
    )
    app.add_directive("argmap", ArgmapDirective)
    from ..version import __version__

    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
