"""The MkDocs plugin `argmap`: errors name the page, and `mkdocs serve` watches the maps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from . import markdown as fences


class ArgmapPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """`plugins: [argmap]` beside the `argmap` Markdown extension or superfences fence."""

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        source = Path(page.file.abs_src_path)
        try:
            fences.PAGE.name = str(source.relative_to(Path.cwd()))
        except ValueError:
            fences.PAGE.name = str(source)
        return markdown

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for path in sorted(fences.DEPENDS):
            server.watch(str(path))
        return server
