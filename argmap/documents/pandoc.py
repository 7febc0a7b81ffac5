"""`argmap-pandoc`, a JSON filter for pandoc and Quarto: ```argmap blocks become figures.

HTML, reveal.js and EPUB get the SVG inline; LaTeX and Beamer a PDF; every other format
(docx, pptx, odt, …) a PNG. Pictures are written to `argmap-figures/` (or the folder in
ARGMAP_FIGURES). An error is printed to stderr with its place and drawn as a visible
block; ARGMAP_STRICT=1 makes it stop pandoc instead.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import ArgmapError, Issue
from ..present import Figure, error_html
from ..present.figure import figure
from ..report import format_issue
from .fence import header_options, read_fence

_HTML = ("html", "html4", "html5", "revealjs", "epub", "epub2", "epub3", "slidy", "s5")
_PDF = ("latex", "beamer", "context")
Json = dict[str, Any]


class _Filter:
    def __init__(self, target: str, api: list[int]) -> None:
        self.target = target
        self.api = api
        self.count = 0
        self.failed = False
        self.folder = Path(os.environ.get("ARGMAP_FIGURES", "argmap-figures"))

    def walk(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.walk(item) for item in value]
        if not isinstance(value, dict):
            return value
        if value.get("t") == "CodeBlock" and "argmap" in value["c"][0][1]:
            return self.block(value)
        return {key: self.walk(item) for key, item in value.items()}

    def block(self, code: Json) -> Json:
        (identifier, _classes, pairs), body = code["c"]
        self.count += 1
        where = f"argmap block {self.count}"
        header = {key: value for key, value in pairs}
        try:
            request = read_fence(body, header, Path.cwd(), where)
            drawn = figure(
                request.source,
                base=Path.cwd(),
                prefix=f"argmap{self.count}-",
                where=(where, 0),
                **request.options,  # type: ignore[arg-type]
            )
        except ArgmapError as exc:
            return self.error(exc.issues)
        if self.target in _HTML:
            return {"t": "RawBlock", "c": ["html", drawn.html()]}
        return self.picture(drawn, identifier, "pdf" if self.target in _PDF else "png")

    def picture(self, drawn: Figure, identifier: str, suffix: str) -> Json:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{drawn.prefix.rstrip('-')}.{suffix}"
        path.write_bytes(drawn.render(suffix))
        caption = _inlines(drawn.caption or "")
        attributes = [identifier, [], [["alt", drawn.alt]] if drawn.alt else []]
        if self.api[:2] >= [1, 23]:  # pandoc 3: a Figure block with its caption
            image = {"t": "Image", "c": [["", [], []], _inlines(drawn.alt), [str(path), ""]]}
            return {
                "t": "Figure",
                "c": [
                    attributes,
                    [None, [{"t": "Plain", "c": caption}]] if caption else [None, []],
                    [{"t": "Plain", "c": [image]}],
                ],
            }
        # pandoc 2: an image alone in a paragraph, titled "fig:", is a figure.
        image = {"t": "Image", "c": [attributes, caption, [str(path), "fig:"]]}
        return {"t": "Para", "c": [image]}

    def error(self, issues: list[Issue]) -> Json:
        self.failed = True
        for issue in issues:
            print(format_issue(issue), file=sys.stderr)
        if self.target in _HTML:
            return {"t": "RawBlock", "c": ["html", error_html(issues)]}
        listed = "\n\n".join(format_issue(issue) for issue in issues)
        return {"t": "CodeBlock", "c": [["", ["argmap-error"], []], "argmap: " + listed]}


def _inlines(text: str) -> list[Json]:
    words: list[Json] = []
    for word in text.split():
        if words:
            words.append({"t": "Space"})
        words.append({"t": "Str", "c": word})
    return words


def main() -> None:
    """Read pandoc's JSON on stdin, write it back with the maps drawn."""
    target = sys.argv[1] if len(sys.argv) > 1 else "html"
    document = json.load(sys.stdin)
    api = document.get("pandoc-api-version", [1, 22])
    run = _Filter(target, list(api))
    document["blocks"] = run.walk(document["blocks"])
    json.dump(document, sys.stdout)
    if run.failed and os.environ.get("ARGMAP_STRICT") == "1":
        sys.exit(1)


__all__ = ["header_options", "main"]
