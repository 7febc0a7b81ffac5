"""Every claim's side of the thesis, the same in the drawing, its words, classes and outline."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

import argmap
from argmap.draw import DrawOptions, to_dot
from argmap.format.outline import to_text
from argmap.format.tree import build_tree

from .conftest import MAPS

CHAIN = """\
title: A long chain
thesis:
  text: T.
  objections:
    - text: O1 attacks the thesis.
      objections:
        - text: O2 defends the thesis.
          objections:
            - text: O3 attacks again.
              objections:
                - text: O4 defends again.
              reasons:
                - text: R3 supports the attack.
  reasons:
    - text: R1 supports the thesis.
      undercutters:
        - text: U1 attacks the step of a reason.
    - text: R2 also supports it.
  rebuttals: []
"""

UNDERCUT_OF_AN_OBJECTION = """\
title: Undercutting an objection
thesis:
  text: T.
  objections:
    - text: O attacks the thesis.
      undercutters:
        - text: U says O does not bear on T.
          objections:
            - text: V says it does.
"""


def _sides(text: str) -> dict[str, str]:
    return {node.claim.text: node.side for node in build_tree(argmap.load(text)).claims}


def test_sides_alternate_down_a_chain_of_attacks_at_any_depth():
    sides = _sides(CHAIN)
    assert sides == {
        "T.": "pro",
        "R1 supports the thesis.": "pro",
        "R2 also supports it.": "pro",
        "U1 attacks the step of a reason.": "con",
        "O1 attacks the thesis.": "con",
        "O2 defends the thesis.": "pro",
        "O3 attacks again.": "con",
        "O4 defends again.": "pro",
        "R3 supports the attack.": "con",
    }


def test_an_undercutter_of_an_objection_defends_and_an_attack_on_it_attacks():
    sides = _sides(UNDERCUT_OF_AN_OBJECTION)
    assert sides["U says O does not bear on T."] == "pro"
    assert sides["V says it does."] == "con"


def _drawn(text: str, theme: str = "default") -> dict[str, tuple[str, str, bool]]:
    """Each claim's (connector word, classes, double border) as the DOT draws it."""
    model = argmap.load(text)
    dot = to_dot(model, DrawOptions(theme=theme)).dot
    drawn = {}
    for node in build_tree(model).claims:
        line = next(row for row in dot.splitlines() if row.strip().startswith(f'"{node.key}" ['))
        word = re.search(r"<B>(because|but|however|for example)</B>", line)
        classes = re.search(r'class="([^"]*)"', line).group(1)
        drawn[node.claim.text] = (word.group(1) if word else "", classes, "peripheries" in line)
    return drawn


@pytest.mark.parametrize("theme", ["default", "print", "dark"])
def test_the_drawing_shows_each_side_by_word_border_and_class_in_every_theme(theme):
    drawn = _drawn(CHAIN, theme)
    expected_words = {
        "O1 attacks the thesis.": "but",
        "O2 defends the thesis.": "however",
        "O3 attacks again.": "but",
        "O4 defends again.": "however",
        "R3 supports the attack.": "because",
        "U1 attacks the step of a reason.": "but",
    }
    sides = _sides(CHAIN)
    for text, (word, classes, double) in drawn.items():
        if text in expected_words:
            assert word == expected_words[text], text
        assert sides[text] in classes.split(), text
        assert double == (sides[text] == "con"), text
    undercut = _drawn(UNDERCUT_OF_AN_OBJECTION, theme)
    assert undercut["U says O does not bear on T."][0] == "however"
    assert not undercut["U says O does not bear on T."][2]
    assert undercut["V says it does."][0] == "but" and undercut["V says it does."][2]


def test_defences_take_the_rebuttal_colour_and_attacks_the_attack_colour():
    from argmap.draw.themes import THEMES

    theme = THEMES["default"]
    model = argmap.load(CHAIN)
    dot = to_dot(model).dot
    keys = {node.claim.text: node.key for node in build_tree(model).claims}
    lines = {
        text: next(row for row in dot.splitlines() if row.strip().startswith(f'"{keys[text]}" ['))
        for text in ("O2 defends the thesis.", "O3 attacks again.")
    }
    assert f'color="{theme.rebuttal}"' in lines["O2 defends the thesis."]
    assert f'color="{theme.attack}"' in lines["O3 attacks again."]


@pytest.mark.parametrize("text", [CHAIN, UNDERCUT_OF_AN_OBJECTION], ids=["chain", "undercut"])
def test_the_outline_agrees_with_the_drawing(text):
    model = argmap.load(text)
    drawn = _drawn(text)
    outline = to_text(model)
    for claim_text, (word, _, double) in drawn.items():
        if claim_text == "T.":
            continue
        line = next(row for row in outline.splitlines() if claim_text in row)
        head = line.strip().split(":")[0]
        assert head.startswith(word), (head, word)
        assert ("[against]" in head) == double, line


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_svg_classes_agree_with_the_tree_on_every_claim_and_link(path):
    model = argmap.load(path)
    tree = build_tree(model)
    root = ET.fromstring(argmap.render(model, "svg"))
    classes = {
        g.get("id"): (g.get("class") or "").split()
        for g in root.iter("{http://www.w3.org/2000/svg}g")
    }
    for node in tree.claims:
        if node.key in classes:
            assert node.side in classes[node.key], node.key
            assert ({"pro", "con"} - {node.side}).isdisjoint(classes[node.key])
    for link in tree.links:
        edge = classes.get(f"{link.key}-link")
        if edge is not None:
            assert link.side in edge, link.key
