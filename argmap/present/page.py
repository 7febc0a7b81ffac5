"""The preview page and its script, served by `argmap serve`: nothing from the network."""

from __future__ import annotations

import html
from pathlib import Path

_ASSETS = Path(__file__).with_name("assets")
PAGE = (_ASSETS / "preview.html").read_text("utf-8")
APP_JS = (_ASSETS / "preview.js").read_text("utf-8")


def gallery_page(maps: list[tuple[str, str]]) -> str:
    """The first page when several maps are served: a link to each."""
    items = "\n".join(
        f'<li><a href="/map/{html.escape(slug)}">{html.escape(title)}</a></li>'
        for slug, title in maps
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Argument maps · argmap</title>\n<style>body { font-family: Arial, "
        '"Liberation Sans", sans-serif; margin: 2rem auto; max-width: 50rem; }</style>\n'
        f"</head>\n<body>\n<h1>Argument maps</h1>\n<ul>\n{items}\n</ul>\n</body>\n</html>\n"
    )
