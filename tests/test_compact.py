"""Small maps fit one 16:9 slide with their claim text at 18 pt or more, the thesis centred."""

from __future__ import annotations

import random

import pytest
import yaml

import argmap
from argmap.draw.engine import find_engine, run_engine
from argmap.draw.render import RenderOptions, render_model
from argmap.format.tree import build_tree
from argmap.present.slidefit import output_size

_VOCABULARY = (
    "the city school students council should would more less new old public transport "
    "library budget families parents teachers research shows because every year most "
    "people cost money time safety noise traffic buses trains shops weekends mornings "
    "evening survey report found rise fall twice half"
)
WORDS = _VOCABULARY.split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _claim(rng: random.Random, **more: object) -> dict[str, object]:
    return {"text": _sentence(rng), **more}


def _shapes(rng: random.Random) -> dict[str, dict[str, object]]:
    """Six claims each, never more than three side by side."""
    chain: dict[str, object] = _claim(rng)
    for _ in range(5):
        chain = _claim(rng, reasons=[chain])
    fan = _claim(
        rng,
        reasons=[
            {"premises": [_claim(rng), _claim(rng)]},
            _claim(rng, reasons=[_claim(rng)]),
            _claim(rng),
        ],
    )
    attack = _claim(
        rng,
        reasons=[_claim(rng, undercutters=[_claim(rng)])],
        objections=[_claim(rng, rebuttals=[_claim(rng, reasons=[_claim(rng)])])],
    )
    return {"chain": chain, "fan": fan, "attack": attack}


CASES = [
    (name, seed, thesis)
    for seed in range(6)
    for name, thesis in _shapes(random.Random(seed)).items()
]


def _positions(dot: str) -> dict[str, tuple[float, float, float]]:
    plain = run_engine(find_engine("auto"), dot, "plain").decode()
    found = {}
    for line in plain.splitlines():
        parts = line.split()
        if parts[0] == "node":
            found[parts[1].strip('"')] = (float(parts[2]), float(parts[3]), float(parts[4]))
    return found


@pytest.mark.parametrize(("shape", "seed", "thesis"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_small_map_fits_a_slide_at_18_pt(shape, seed, thesis):
    model = argmap.load(yaml.safe_dump({"title": shape, "thesis": thesis}, sort_keys=False))
    assert len(build_tree(model).claims) == 6
    svg = render_model(model, "svg", RenderOptions())
    width, height = output_size(svg, "svg", 1.0)
    text_pt = 18 * min(1.0, 960 / width, 540 / height)
    assert text_pt >= 18, f"{shape} {seed}: {width:.0f}x{height:.0f} pt gives {text_pt:.1f} pt"


@pytest.mark.parametrize(("shape", "seed", "thesis"), CASES[:3], ids=[c[0] for c in CASES[:3]])
def test_the_thesis_sits_centred_above_what_supports_it(shape, seed, thesis):
    model = argmap.load(yaml.safe_dump({"title": shape, "thesis": thesis}, sort_keys=False))
    tree = build_tree(model)
    dot = render_model(model, "dot", RenderOptions(), tree).decode()
    where = _positions(dot)
    below = [p.key for link in tree.links if link.target is tree.thesis for p in link.premises]
    left = min(where[k][0] - where[k][2] / 2 for k in below)
    right = max(where[k][0] + where[k][2] / 2 for k in below)
    thesis_x = where[tree.thesis.key][0]
    assert abs(thesis_x - (left + right) / 2) <= 0.1 * (right - left) + 0.5, (left, thesis_x, right)
