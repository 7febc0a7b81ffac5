"""Themes meet WCAG AA; text wraps into balanced lines that never outgrow their box."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.draw.themes import THEMES, Theme
from argmap.draw.wrap import wrap
from argmap.format.model import COLOR_KEYS


def luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_theme_meets_wcag_aa(theme: Theme):
    for fill in (
        theme.thesis_fill,
        theme.support_fill,
        theme.attack_fill,
        theme.rebuttal_fill,
        theme.basis_fill,
        theme.group_fill,
        theme.background,
    ):
        assert contrast(theme.text, fill) >= 4.5, fill
    for line in (theme.support, theme.attack, theme.rebuttal, theme.thesis_border):
        assert contrast(line, theme.background) >= 3, line
        # Connector words are the link's own colour, bold, on the box's fill.
        assert theme.connector_text == ""


def test_theme_fields_are_the_style_colour_keys():
    theme_colors = [
        name for name in Theme._fields if name not in ("name", "font", "font_size", "width")
    ]
    assert theme_colors == list(COLOR_KEYS)


def test_print_theme_is_grayscale():
    for name in COLOR_KEYS:
        value = getattr(THEMES["print"], name)
        assert value[1:3] == value[3:5] == value[5:7], name


def test_wrap_is_balanced():
    lines = wrap("Moscow is in no position to give North Korea any concessions now.", 28)
    assert len(lines) == 3
    assert max(map(len, lines)) - min(map(len, lines)) <= 8


@given(
    st.lists(st.sampled_from(["a", "of", "the", "cities", "revenue", "x" * 14]), max_size=40),
    st.integers(min_value=14, max_value=60),
)
def test_wrap_keeps_the_fewest_lines_and_picks_the_most_even(words, width):
    """Against first fit at every width: as few lines as first fit at `width`, and no
    narrower width (down to half the line) with as few lines is more even."""
    text = " ".join(words)
    lines = wrap(text, width)
    assert " ".join(lines).split() == words
    assert all(len(line) <= width for line in lines)

    def first_fit(at):
        result = []
        for word in words:
            if result and len(result[-1]) + 1 + len(word) <= at:
                result[-1] += " " + word
            else:
                result.append(word)
        return result or [""]

    fewest = len(first_fit(width))
    assert len(lines) == fewest
    spread = max(map(len, lines)) - min(map(len, lines))
    for narrower in range(max([width // 2, *map(len, words)]), width + 1):
        other = first_fit(narrower)
        if len(other) == fewest:
            assert spread <= max(map(len, other)) - min(map(len, other))


def test_long_words_are_broken():
    lines = wrap("see https://example.org/a/very/long/path/that/never/ends/at/all", 20)
    assert all(len(line) <= 20 for line in lines)


def test_short_text_is_one_line():
    assert wrap("  A   claim. ", 28) == ("A claim.",)


def test_connector_text_colours_the_connector_words():
    text = (
        "title: t\nstyle: {colors: {connector_text: '#123456'}}\nthesis:\n  text: A thesis.\n"
        "  reasons:\n    - text: A reason.\n  objections:\n    - text: An objection.\n"
    )
    plain = argmap.render(text.replace("style: {colors: {connector_text: '#123456'}}\n", ""), "dot")
    coloured = argmap.render(text, "dot").decode()
    assert coloured.count('<FONT COLOR="#123456"><B>') == 2 and b"#123456" not in plain
