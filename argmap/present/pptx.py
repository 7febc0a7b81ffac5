"""A deck as PowerPoint: a title slide, then one slide per picture with alt text and notes.

Each picture is the slide's PNG (at twice its size) carrying the SVG as PowerPoint's own
vector extension (`asvg:svgBlip`, Office 2016 and later): PowerPoint draws the vector,
older viewers and LibreOffice the PNG. python-pptx is imported only here, and only when
a .pptx is written.
"""

from __future__ import annotations

import io
from typing import Any

from ..choices import SLIDES
from .slides import Deck, alt_text, notes_for
from .slideshape import MARGIN_PT, TITLE_BAND_PT

_SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
INSTALL_HINT = "writing .pptx needs python-pptx: `pip install 'argmap[pptx]'`"


def deck_pptx(deck: Deck) -> bytes:
    """The .pptx file's bytes; every slide's PNG must be drawn already."""
    try:
        from pptx import Presentation
        from pptx.util import Pt
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        raise RuntimeError(INSTALL_HINT) from exc

    width, height = SLIDES[deck.aspect]
    presentation = Presentation()
    presentation.slide_width = Pt(width)
    presentation.slide_height = Pt(height)
    title_layout, title_only = presentation.slide_layouts[0], presentation.slide_layouts[5]

    first = presentation.slides.add_slide(title_layout)
    first.shapes.title.text = deck.title
    first.placeholders[1].text = deck.subtitle
    # The default template places both for a 4:3 slide (0.75" from the left, 8.5" wide):
    # centred on the slide of every aspect instead, as wide as the content area, at the
    # template's heights (a placeholder given only some of its box gets 0 for the rest).
    for shape, top, tall in ((first.shapes.title, 0.31, 0.21), (first.placeholders[1], 0.57, 0.23)):
        shape.left, shape.width = Pt(MARGIN_PT), Pt(width - 2 * MARGIN_PT)
        shape.top, shape.height = Pt(height * top), Pt(height * tall)
    for slide in deck.slides:
        page = presentation.slides.add_slide(title_only)
        title = page.shapes.title
        title.left, title.top = Pt(MARGIN_PT), Pt(MARGIN_PT / 2)
        title.width, title.height = Pt(width - 2 * MARGIN_PT), Pt(TITLE_BAND_PT)
        title.text = slide.title
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(28)
        left, top, box_w, box_h = _placement(slide.png, deck)
        picture = page.shapes.add_picture(
            io.BytesIO(slide.png), Pt(left), Pt(top), Pt(box_w), Pt(box_h)
        )
        _add_svg(page, picture, slide.svg, slide.number)
        picture._element.nvPicPr.cNvPr.set("descr", alt_text(slide, deck.words))
        page.notes_slide.notes_text_frame.text = notes_for(slide, deck.words)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _placement(png: bytes, deck: Deck) -> tuple[float, float, float, float]:
    """The picture fitted to the content area, centred, its proportions kept."""
    import struct

    pixels_w, pixels_h = struct.unpack(">II", png[16:24])
    box_w, box_h = deck.box
    scale = min(box_w / pixels_w, box_h / pixels_h)
    width, height = pixels_w * scale, pixels_h * scale
    left = MARGIN_PT + (box_w - width) / 2
    top = TITLE_BAND_PT + MARGIN_PT + (box_h - height) / 2
    return left, top, width, height


def _add_svg(page: Any, picture: Any, svg: bytes, number: int) -> None:
    """Attach the SVG to the picture as its vector original (the PNG stays as fallback)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.oxml.ns import qn

    part = Part(
        PackURI(f"/ppt/media/argmap-slide{number:02d}.svg"),
        "image/svg+xml",
        page.part.package,
        svg,
    )
    relation = page.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    blip = picture._element.blipFill.find(qn("a:blip"))
    extensions = etree.SubElement(blip, qn("a:extLst"))
    extension = etree.SubElement(extensions, qn("a:ext"), uri=_SVG_EXTENSION)
    svg_blip = etree.SubElement(
        extension, f"{{{_SVG_NAMESPACE}}}svgBlip", nsmap={"asvg": _SVG_NAMESPACE}
    )
    svg_blip.set(qn("r:embed"), relation)
