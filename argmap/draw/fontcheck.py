"""Warnings, at the claim that needs it, when this machine lacks a font a picture needs."""

from __future__ import annotations

from ..errors import Issue
from ..format import ArgumentMap, LocatedDocument, MapTree
from .fonts import ENGINE_SCRIPTS, beyond_engine, family_installed, missing_scripts

# Formats whose text is drawn here, with this machine's fonts (an SVG's viewer has its own).
DRAWN_HERE = ("png", "pdf")


def font_warnings(
    model: ArgumentMap, tree: MapTree, doc: LocatedDocument, output_format: str
) -> list[Issue]:
    """W305 once per script no installed font draws; W306 for a `style.font` not installed."""
    issues: list[Issue] = []
    font = model.style.font if model.style else None
    if font and not family_installed(font):
        issues.append(
            doc.issue(
                ("style", "font"),
                "W306",
                f"the font `{font}` is not installed on this machine: text is drawn in "
                "Arial (or its metric twin Arimo) instead",
                severity="warning",
                hint="install it, name an installed family, or leave `font` out",
            )
        )
    if output_format not in DRAWN_HERE:
        return issues
    texts = [
        (node, " ".join(filter(None, (node.claim.label, node.claim.text, node.claim.note))))
        for node in tree.claims
    ]
    everything = "\n".join(text for _, text in texts)
    if not beyond_engine(everything):
        return issues
    for script, char in missing_scripts(everything).items():
        if script.name in ENGINE_SCRIPTS:
            continue
        node = next((n for n, text in texts if char in text), tree.thesis)
        issues.append(
            doc.issue(
                (*node.path, "text"),
                "W305",
                f"no font on this machine draws {script.name} text (such as “{char}”): "
                f"the {output_format.upper()} would show it as empty boxes",
                severity="warning",
                hint=f"install {script.package} (Debian, Ubuntu) or another font with "
                f"{script.name} ({script.font}), or put one in a folder named by "
                "ARGMAP_FONT_DIRS; the SVG is drawn by its viewer's fonts",
            )
        )
    return issues
