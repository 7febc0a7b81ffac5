"""Draw docs/compare/<kind>.svg: the class key changed in one way, as `compare -o` marks it.

`python bench/compare_pictures.py` (again whenever the drawing or the key changes).
"""

from __future__ import annotations

import copy
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.assess.compare import compare  # noqa: E402
from argmap.draw.render import RenderOptions  # noqa: E402
from argmap.format.loader import run_checks  # noqa: E402
from argmap.present.marking import marked_picture  # noqa: E402

Data = dict[str, Any]


def _reasons(data: Data) -> list[Data]:
    return data["thesis"]["reasons"]


def missing(data: Data) -> None:
    del _reasons(data)[1]  # China's leverage


def extra(data: Data) -> None:
    _reasons(data).append(
        {
            "text": "Colluding with a sanctioned Russia will deepen North Korea's isolation.",
            "quote": "colluding with Russia, which confronted international sanctions for its "
            "invasion into Ukraine, will only deepen North Korea's isolation",
        }
    )


def side(data: Data) -> None:
    consensus = _reasons(data)[2]
    consensus["reasons"] = [consensus.pop("objections")[0]]


def parent(data: Data) -> None:
    consensus = _reasons(data)[2]
    rebuttal = consensus["objections"][0].pop("rebuttals")[0]
    data["thesis"]["objections"][0].setdefault("rebuttals", []).append(rebuttal)


def split(data: Data) -> None:
    crisis = _reasons(data)[0]
    _reasons(data)[0:1] = [dict(p) for p in crisis["premises"]]


def merge(data: Data) -> None:
    china, consensus = _reasons(data)[1], _reasons(data)[2]
    consensus = {k: v for k, v in consensus.items() if k != "label"}
    _reasons(data)[1:3] = [{"premises": [china, consensus]}]


def attack_kind(data: Data) -> None:
    joint = data["thesis"]["objections"][0]
    joint["objections"] = joint.pop("undercutters")


def implicit(data: Data) -> None:
    crisis = _reasons(data)[0]
    _reasons(data)[0] = {"label": crisis["label"], **crisis["premises"][0]}


def quote(data: Data) -> None:
    _reasons(data)[1]["quote"] = (
        "Beijing has a strong interest in denuclearizing the Korean peninsula."
    )


CHANGES: dict[str, Callable[[Data], None]] = {
    "missing": missing,
    "extra": extra,
    "side": side,
    "parent": parent,
    "split": split,
    "merge": merge,
    "attack-kind": attack_kind,
    "implicit": implicit,
    "quote": quote,
}


def main() -> None:
    key_path = ROOT / "maps" / "class" / "key.yaml"
    model = argmap.load(key_path)
    data = model.model_dump(exclude_defaults=True, by_alias=True, mode="json")
    out = ROOT / "docs" / "compare"
    out.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "maps").mkdir()
        shutil.copytree(ROOT / "seeds", folder / "seeds")
        (folder / "argmap.toml").write_text("")
        data["source"]["text"] = "../seeds/illusions-of-a-summit-with-russia.txt"
        key_file = folder / "maps" / "key.yaml"
        key_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        key = run_checks(key_file).valid()
        for kind, change in CHANGES.items():
            student_data = copy.deepcopy(data)
            change(student_data)
            student_file = folder / "maps" / f"{kind}.yaml"
            student_file.write_text(yaml.safe_dump(student_data, sort_keys=False))
            student = run_checks(student_file).valid()
            assert student.ok, [i.message for i in student.issues]
            result = compare(student, key)
            kinds = {finding.kind for finding in result.findings}
            assert kind in kinds, (kind, kinds)
            picture = marked_picture(student, result, "svg", RenderOptions.of(theme="print"))
            (out / f"{kind}.svg").write_bytes(picture)
            print(f"docs/compare/{kind}.svg: {sorted(kinds)}, score {result.score:g}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
