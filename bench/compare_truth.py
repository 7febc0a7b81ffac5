"""Does `argmap compare` find the mistakes we put in? `python bench/compare_truth.py [N]`

Each case is a real map (maps/*.yaml) or a generated one, taken as the key, and a copy
changed by one perturbation of bench/perturb.py with a known answer: the findings compare
must report, as (kind, the key's claim). Precision is the share of reported findings that
are in the answers, recall the share of answers reported, over every case; N cases per
perturbation and map (default 6). Figures in docs/compare.md.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from perturb import PERTURBATIONS, Data, items, requote, unquote  # noqa: E402

from argmap.assess.compare import compare  # noqa: E402
from argmap.format.loader import Loaded, run_checks  # noqa: E402
from argmap.format.quotes import normalise  # noqa: E402

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "to",
    "va",
    "sul",
    "dri",
    "pen",
    "ox",
    "ma",
    "tel",
    "ru",
    "fin",
    "go",
    "bra",
    "nes",
    "qui",
    "lav",
    "dor",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


def generated(seed: int) -> tuple[Data, str]:
    """A map of 10 to 25 claims whose words are its own, each claim quoting the
    sentence of a generated source that says it; the source holds spare sentences too."""
    rng = random.Random(seed)
    sentences: list[str] = []

    def claim() -> Data:
        words = [_word(rng) for _ in range(rng.randint(6, 10))]
        text = " ".join(words).capitalize() + "."
        sentences.append(text)
        return {"text": text, "quote": text}

    thesis = claim()
    frontier, count, total = [thesis], 1, rng.randint(10, 25)
    while frontier and count < total:
        owner = frontier.pop(0)
        for name in ("reasons", "objections"):
            for _ in range(rng.randint(1, 2) if name == "reasons" else rng.randint(0, 1)):
                if count >= total:
                    break
                if name == "reasons" and rng.random() < 0.3:
                    premises = [claim() for _ in range(rng.randint(2, 3))]
                    count += len(premises)
                    item: Data = {"premises": premises}
                    if rng.random() < 0.4:
                        under = claim()
                        count += 1
                        item["undercutters"] = [under]
                    frontier.extend(premises)
                else:
                    item = claim()
                    count += 1
                    frontier.append(item)
                owner.setdefault(name, []).append(item)
    for _ in range(6):
        sentences.append(" ".join(_word(rng) for _ in range(8)).capitalize() + ".")
    rng.shuffle(sentences)
    data = {
        "title": f"Generated {seed}",
        "source": {"title": "Generated", "text": "../seeds/source.txt"},
        "thesis": thesis,
    }
    return data, "\n".join(sentences) + "\n"


def _write(folder: Path, name: str, data: Data) -> Path:
    path = folder / "maps" / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _project(source_file: Path | None, source_text: str | None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="argmap-truth-"))
    (folder / "maps").mkdir()
    (folder / "seeds").mkdir()
    (folder / "argmap.toml").write_text("")
    if source_file is not None:
        shutil.copy(source_file, folder / "seeds" / source_file.name)
    if source_text is not None:
        (folder / "seeds" / "source.txt").write_text(source_text, "utf-8")
    return folder


def tagged(data: Data) -> Data:
    """Each claim's note set to a tag of its own: how an answer names a claim however the
    map is changed around it (compare reads no notes)."""
    import copy

    data = copy.deepcopy(data)
    data["thesis"]["note"] = "#0"
    number = 1
    for path, _, item in items(data):
        for claim in item.get("premises", [item]):
            claim["note"] = f"#{number}"
            number += 1
        del path
    return data


def _tag(data: Data, path: tuple[Any, ...]) -> str:
    for step in path:
        data = data[step]
    return str(data["note"])


def _places(data: Data) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Each claim's place: the claim it bears on, its list, its co-premises."""
    places = {}
    for path, name, item in items(data):
        owner: Any = data
        for step in path[:-2]:
            owner = owner[step]
        premises = item.get("premises", [item])
        group = tuple(sorted(p["note"] for p in premises))
        for claim in premises:
            places[claim["note"]] = (owner.get("note", "?"), name, group)
    return places


def _perturb(kind: str, data: Data, rng: random.Random, sentences: list[str]) -> Any:
    return requote(data, rng, sentences) if kind == "requote" else PERTURBATIONS[kind](data, rng)


def _touched(before: Data, after: Data) -> set[str]:
    old, new = _places(before), _places(after)
    changed = {tag for tag in old if new.get(tag) != old[tag]}
    return changed | {old[tag][0] for tag in changed}  # and the claims they bore on


def mixed(
    data: Data, rng: random.Random, sentences: list[str], count: int = 3
) -> tuple[Data, set[tuple[str, str]]] | None:
    """Several perturbations on claims apart from one another, their answers together."""
    kinds = [k for k in PERTURBATIONS if k not in ("reword", "rename", "unquote", "paraphrase")]
    answer: set[tuple[str, str]] = set()
    touched: set[str] = set()
    applied = 0
    for _ in range(count * 6):
        if applied == count:
            break
        made = _perturb(rng.choice(kinds), data, rng, sentences)
        if made is None:
            continue
        changed, found = made
        tags = {(kind, _tag(data, path)) for kind, path in found}
        moved = _touched(data, changed) | {tag for _, tag in tags}
        if moved & touched:
            continue
        touched |= moved
        answer |= tags
        data = changed
        applied += 1
    return (data, answer) if applied == count else None


def _found(result: Any, key: Loaded, student: Loaded) -> set[tuple[str, str]]:
    assert key.tree is not None and student.tree is not None
    key_tags = {node.key: node.claim.note for node in key.tree.claims}
    student_tags = {node.key: node.claim.note for node in student.tree.claims}
    found = set()
    for finding in result.findings:
        tag = key_tags[finding.key] if finding.key is not None else student_tags[finding.student]
        found.add((finding.kind, str(tag)))
    return found


def cases(keys: list[tuple[str, Data, Path]], per: int, seed: int = 1) -> dict[str, Counter[str]]:
    """Every perturbation `per` times on every key, and as many of three at once."""
    tally: dict[str, Counter[str]] = {}
    for name, original, folder in keys:
        data = tagged(original)
        key_path = _write(folder, "key.yaml", data)
        key = run_checks(key_path).valid()
        assert key.ok, (name, [i.message for i in key.issues if i.severity == "error"])
        text = key.source.text if key.source is not None else ""
        sentences = [normalise(s) for s in text.split("\n") if s.strip()]
        sentences = [part for s in sentences for part in s.split(". ") if part]
        for kind in [*PERTURBATIONS, "mixed", "mixed-unquoted"]:
            counts = tally.setdefault(kind, Counter())
            rng = random.Random(f"{seed}-{name}-{kind}")
            for number in range(per):
                if kind.startswith("mixed"):
                    made = mixed(data, rng, sentences if kind == "mixed" else [])
                    if made is not None and kind == "mixed-unquoted":
                        made = unquote(made[0], rng)[0], made[1]
                else:
                    made = _perturb(kind, data, rng, sentences)
                    if made is not None:
                        changed, found = made
                        made = changed, {(k, _tag(data, path)) for k, path in found}
                if made is None:
                    counts["no place"] += 1
                    continue
                changed, answer = made
                student_path = _write(folder, f"student-{kind}-{number}.yaml", changed)
                student = run_checks(student_path).loaded()
                if student is None or not student.ok:
                    counts["invalid"] += 1
                    continue
                result = compare(student, key)
                found_now = _found(result, key, student)
                counts["cases"] += 1
                counts["expected"] += len(answer)
                counts["found"] += len(found_now)
                counts["right"] += len(found_now & answer)
                if found_now != answer:
                    counts["wrong cases"] += 1
                    if "-v" in sys.argv:
                        print(name, kind, number, sorted(answer), "found", sorted(found_now))
    return tally


def example_keys() -> list[tuple[str, Data, Path]]:
    import argmap

    keys = []
    for path in sorted((ROOT / "maps").glob("*.yaml")):
        model = argmap.load(path)
        data = model.model_dump(exclude_defaults=True, by_alias=True, mode="json")
        source = None
        if model.source and model.source.text:
            source = (path.parent / model.source.text).resolve()
            data["source"]["text"] = f"../seeds/{source.name}"
        keys.append((path.stem, data, _project(source, None if source else "")))
    return keys


def generated_keys(count: int) -> list[tuple[str, Data, Path]]:
    keys = []
    for seed in range(count):
        data, text = generated(seed)
        keys.append((f"generated-{seed}", data, _project(None, text)))
    return keys


def report(tally: dict[str, Counter[str]]) -> tuple[float, float]:
    print(
        f"{'perturbation':<14}{'cases':>7}{'answers':>9}{'found':>7}{'right':>7}"
        f"{'precision':>11}{'recall':>8}{'wrong':>7}{'skipped':>9}"
    )
    total: Counter[str] = Counter()
    for kind, counts in tally.items():
        total.update(counts)
        print(_row(kind, counts))
    print(_row("all", total))
    return _ratios(total)


def _ratios(counts: Counter[str]) -> tuple[float, float]:
    precision = counts["right"] / counts["found"] if counts["found"] else 1.0
    recall = counts["right"] / counts["expected"] if counts["expected"] else 1.0
    return precision, recall


def _row(name: str, counts: Counter[str]) -> str:
    precision, recall = _ratios(counts)
    skipped = counts["no place"] + counts["invalid"]
    return (
        f"{name:<14}{counts['cases']:>7}{counts['expected']:>9}{counts['found']:>7}"
        f"{counts['right']:>7}{precision:>11.3f}{recall:>8.3f}{counts['wrong cases']:>7}"
        f"{skipped:>9}"
    )


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    per = int(numbers[0]) if numbers else 6
    started = time.perf_counter()
    keys = example_keys() + generated_keys(8)
    tally = cases(keys, per)
    precision, recall = report(tally)
    cases_run = sum(c["cases"] for c in tally.values())
    print(
        f"\n{cases_run} cases over {len(keys)} keys (4 example maps, 8 generated) in "
        f"{time.perf_counter() - started:.1f} s: precision {precision:.3f}, recall {recall:.3f}"
    )
    for _, _, folder in keys:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
