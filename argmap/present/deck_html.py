"""A deck as one self-contained HTML file: arrow keys, full screen, one slide per printed page.

Pictures are inlined as data URIs (no request leaves the file, and the ids inside each
SVG cannot clash with another slide's); speaker notes are in each slide's <aside>.
"""

from __future__ import annotations

import base64
import html

from ..choices import SLIDES
from .slides import Deck, alt_text, notes_for
from .slideshape import MARGIN_PT, TITLE_BAND_PT

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; background: #222; }}
body {{ font-family: Arial, "Liberation Sans", Arimo, Helvetica, sans-serif; color: #1a1a1a; }}
.slide {{ display: none; position: absolute; inset: 0; margin: auto; box-sizing: border-box;
  width: min(100vw, calc(100vh * {ratio})); height: min(100vh, calc(100vw / {ratio}));
  background: #fff; overflow: hidden; padding: {margin_pct}% {margin_pct}%; }}
.slide.current {{ display: flex; flex-direction: column; }}
.slide h1, .slide h2 {{ margin: 0 0 0.4em; line-height: 1.15; }}
.slide h2 {{ font-size: calc(min(100vw, 100vh * {ratio}) * 0.03); height: {band_pct}%; }}
.slide h1 {{ font-size: calc(min(100vw, 100vh * {ratio}) * 0.045); margin-top: 20%; }}
.slide p.subtitle {{ font-size: calc(min(100vw, 100vh * {ratio}) * 0.022); color: #444; }}
.slide img {{ flex: 1; min-height: 0; width: 100%; object-fit: contain; }}
.slide aside {{ display: none; }}
.counter {{ position: fixed; right: 1em; bottom: 0.6em; color: #bbb; font-size: 14px; }}
@media print {{
  @page {{ size: {page_w}pt {page_h}pt; margin: 0; }}
  html, body {{ background: #fff; height: auto; }}
  .slide {{ display: flex !important; flex-direction: column; position: relative;
    width: {page_w}pt; height: {page_h}pt; page-break-after: always; break-after: page; }}
  .slide h2 {{ font-size: 28pt; }}
  .slide h1 {{ font-size: 40pt; }}
  .slide p.subtitle {{ font-size: 20pt; }}
  .counter {{ display: none; }}
}}
</style>
</head>
<body>
{slides}
<div class="counter" aria-hidden="true"></div>
<script>
(function () {{
  var slides = document.querySelectorAll(".slide"), index = 0;
  var counter = document.querySelector(".counter");
  function show(next) {{
    index = Math.max(0, Math.min(slides.length - 1, next));
    slides.forEach(function (slide, i) {{ slide.classList.toggle("current", i === index); }});
    counter.textContent = (index + 1) + " / " + slides.length;
    if (location.hash !== "#" + (index + 1)) history.replaceState(null, "", "#" + (index + 1));
  }}
  document.addEventListener("keydown", function (event) {{
    var key = event.key, forward = ["ArrowRight", "ArrowDown", "PageDown", " "];
    if (forward.indexOf(key) >= 0) show(index + 1);
    else if (["ArrowLeft", "ArrowUp", "PageUp"].indexOf(key) >= 0) show(index - 1);
    else if (key === "Home") show(0);
    else if (key === "End") show(slides.length - 1);
    else if (key === "f" || key === "F") {{
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen();
    }} else return;
    event.preventDefault();
  }});
  document.addEventListener("click", function (event) {{
    show(index + (event.clientX > window.innerWidth / 3 ? 1 : -1));
  }});
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
}})();
</script>
</body>
</html>
"""


def deck_html(deck: Deck, language: str = "en") -> str:
    """The whole deck in one file that loads nothing from anywhere."""
    esc = html.escape
    width, height = SLIDES[deck.aspect]
    words = deck.words

    def label(number: int) -> str:
        said = words.slide(number)
        return esc(said[:1].upper() + said[1:])

    sections = [
        f'<section class="slide" id="slide-1" aria-label="{label(1)}">\n'
        f"<h1>{esc(deck.title)}</h1>\n"
        + (f'<p class="subtitle">{esc(deck.subtitle)}</p>\n' if deck.subtitle else "")
        + "</section>"
    ]
    for slide in deck.slides:
        data = base64.b64encode(slide.svg).decode("ascii")
        alt = esc(alt_text(slide, words))
        sections.append(
            f'<section class="slide" id="slide-{slide.number}" '
            f'aria-label="{label(slide.number)}">\n<h2>{esc(slide.title)}</h2>\n'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}">\n'
            f"<aside>{esc(notes_for(slide, words))}</aside>\n</section>"
        )
    return _PAGE.format(
        lang=esc(language),
        title=esc(deck.title),
        ratio=f"{width / height:.6f}",
        margin_pct=f"{100 * MARGIN_PT / width:.3f}",
        band_pct=f"{100 * TITLE_BAND_PT / height:.3f}",
        page_w=f"{width:g}",
        page_h=f"{height:g}",
        slides="\n".join(sections),
    )
