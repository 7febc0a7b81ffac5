"""Colour and type themes: default (colour-blind-safe, WCAG AA), print (grayscale), dark."""

from __future__ import annotations

from typing import NamedTuple

from ..format import COLOR_KEYS, Style


class Theme(NamedTuple):
    """Every colour is #RRGGBB: slide tools mis-draw names, `transparent` and rgba()."""

    name: str
    background: str
    text: str
    thesis_fill: str
    thesis_border: str
    support: str
    support_fill: str
    attack: str
    attack_fill: str
    rebuttal: str
    rebuttal_fill: str
    connector_text: str  # the connector words' colour; '' for each link's own colour
    basis_fill: str
    basis_border: str
    group_fill: str
    group_border: str
    font: str = "Arial"
    font_size: float = 18.0
    width: int = 28

    def role_colors(self, role: str) -> tuple[str, str]:
        """(line, fill) for a reason, objection, rebuttal or undercutter."""
        if role == "reason":
            return self.support, self.support_fill
        if role == "rebuttal":
            return self.rebuttal, self.rebuttal_fill
        return self.attack, self.attack_fill


THEMES = {
    # Okabe-Ito hues (bluish green, vermillion, reddish purple), darkened to reach 4.5:1 for
    # text and 3:1 for lines; line style and connector words carry the meaning without colour.
    "default": Theme(
        "default",
        background="#FFFFFF",
        text="#1A1A1A",
        thesis_fill="#EEF3FA",
        thesis_border="#1A1A1A",
        support="#00785A",
        support_fill="#E7F4EA",
        attack="#B8420A",
        attack_fill="#FBE9E2",
        rebuttal="#8F3F97",
        rebuttal_fill="#F5EAF6",
        connector_text="",
        basis_fill="#F7F6EF",
        basis_border="#666666",
        group_fill="#FAFAFA",
        group_border="#666666",
    ),
    "print": Theme(
        "print",
        background="#FFFFFF",
        text="#000000",
        thesis_fill="#FFFFFF",
        thesis_border="#000000",
        support="#000000",
        support_fill="#FFFFFF",
        attack="#000000",
        attack_fill="#EDEDED",
        rebuttal="#404040",
        rebuttal_fill="#FFFFFF",
        connector_text="",
        basis_fill="#F5F5F5",
        basis_border="#404040",
        group_fill="#FFFFFF",
        group_border="#404040",
    ),
    "dark": Theme(
        "dark",
        background="#1E1E1E",
        text="#F2F2F2",
        thesis_fill="#2B3440",
        thesis_border="#F2F2F2",
        support="#5FD0A8",
        support_fill="#17332B",
        attack="#FF8A65",
        attack_fill="#3A221B",
        rebuttal="#D9A0E0",
        rebuttal_fill="#33213A",
        connector_text="",
        basis_fill="#2A2A2A",
        basis_border="#BDBDBD",
        group_fill="#242424",
        group_border="#9E9E9E",
    ),
}


def resolve_theme(name: str, style: Style | None) -> Theme:
    """The named theme with the map's own `style:` applied on top."""
    theme = THEMES[name]
    if style is None:
        return theme
    changes: dict[str, object] = {}
    if style.font:
        changes["font"] = style.font
    if style.font_size:
        changes["font_size"] = style.font_size
    if style.width:
        changes["width"] = style.width
    for key, value in (style.colors or {}).items():
        if key in COLOR_KEYS:
            changes[key] = value.upper()
    return theme._replace(**changes)  # type: ignore[arg-type]
