"""Property-based: generated maps check clean and render exactly; mutations never crash."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.format.tree import build_tree

from .conftest import ROOT

TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
    min_size=1,
    max_size=50,
).filter(lambda text: text.strip())


def claims(depth: int) -> st.SearchStrategy[dict]:
    base = st.fixed_dictionaries(
        {"text": TEXT}, optional={"label": TEXT, "implicit": st.booleans()}
    )
    if depth == 0:
        return base
    child = claims(depth - 1)
    item = st.one_of(
        child, st.fixed_dictionaries({"premises": st.lists(child, min_size=1, max_size=3)})
    )
    return st.fixed_dictionaries(
        {"text": TEXT},
        optional={
            "label": TEXT,
            "reasons": st.lists(item, max_size=3),
            "objections": st.lists(item, max_size=2),
        },
    )


MAPS = st.fixed_dictionaries({"title": TEXT, "thesis": claims(2)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MAPS)
def test_generated_maps_check_clean_and_render_every_text_exactly(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert argmap.check(text) == []
    model = argmap.load(text)
    root = ET.fromstring(argmap.render(model))
    svg = "{http://www.w3.org/2000/svg}"
    titles = {element.text for element in root.iter(f"{svg}title")}
    assert model.title in titles
    drawn = {
        group.get("id"): "".join(t.text or "" for t in group.iter(f"{svg}text"))
        for group in root.iter(f"{svg}g")
    }
    for node in build_tree(model).claims:
        assert node.claim.text in titles
        written = "".join(((node.claim.label or "") + node.claim.text).split())
        # A premise outside a reason's box opens with its connector word.
        words = ("", "because", "but", "however")
        assert "".join(drawn[node.key].split()) in {word + written for word in words}


SEED = (ROOT / "maps" / "phones-in-class.yaml").read_text()
NOISE = st.sampled_from(
    [*":-[]{}&*!|>'\"#%@`\t\n ,?\\", "\x07", "é", "text", "reasons", "premises"]
)


@st.composite
def mutations(draw) -> str:
    text = SEED
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if kind == "insert":
            text = text[:position] + draw(NOISE) + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)) :]
        else:
            lines = text.splitlines(keepends=True)
            index = draw(st.integers(0, len(lines) - 1))
            text = "".join([*lines[:index], lines[index], *lines[index:]])
    return text


@settings(max_examples=150, deadline=None)
@given(mutations())
def test_mutations_never_raise_anything_but_argmaps_error(text):
    issues = argmap.check(text)
    assert all(issue.line >= 0 and issue.code and issue.message for issue in issues)
    try:
        argmap.load(text)
    except argmap.ArgmapError as error:
        assert error.issues
