"""Student maps with known mistakes: a real map changed in one known way, and the answer.

Each perturbation takes a map's data (as `model_dump` gives it) and a random generator
and returns the changed data with the findings `argmap compare` must report, as
(kind, path of the key's claim), or None when the map offers no place for it. Used by
bench/compare_truth.py (figures in docs/compare.md) and tests/test_compare.py.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator
from typing import Any

Data = dict[str, Any]
Path = tuple[Any, ...]
Answer = set[tuple[str, Path]]
LISTS = ("reasons", "objections", "rebuttals", "undercutters")


def _at(data: Data, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def items(data: Data) -> Iterator[tuple[Path, str, Data]]:
    """Every reason, objection, rebuttal and undercutter: (its path, its list, the item)."""
    stack: list[Path] = [("thesis",)]
    while stack:
        path = stack.pop()
        owner = _at(data, path)
        for name in LISTS:
            for index, item in enumerate(owner.get(name, [])):
                here = (*path, name, index)
                yield here, name, item
                if "premises" in item:
                    stack.append(here)  # its undercutters
                    stack.extend((*here, "premises", n) for n in range(len(item["premises"])))
                else:
                    stack.append(here)


def _claim_paths(path: Path, item: Data) -> list[Path]:
    """The claims an item is: its own path, or each premise's."""
    if "premises" in item:
        return [(*path, "premises", n) for n in range(len(item["premises"]))]
    return [path]


def _subtree(data: Data, path: Path) -> list[Path]:
    """The claims at and below a path, as paths into the same data."""
    found = [path]
    for here, _, item in items({"thesis": _at(data, path)}):
        found += [(*path, *p[1:]) for p in _claim_paths(here, item)]
    return found


def _walk(value: Any) -> Iterator[Data]:
    """Every mapping in the data, outermost first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _referenced(data: Data) -> set[str]:
    """Ids something else names (cross-links, views): what a perturbation keeps."""
    named: set[str] = set()
    for mapping in _walk(data.get("thesis", {})):
        named.update(mapping.get("supports", []), mapping.get("opposes", []))
    named.update(view.get("root") for view in data.get("views", {}).values() if view.get("root"))
    return named


def _leaf(item: Data) -> bool:
    return "premises" not in item and not any(item.get(name) for name in LISTS)


def _remove(data: Data, path: Path) -> Data:
    owner = _at(data, path[:-2])
    del owner[path[-2]][path[-1]]
    if not owner[path[-2]]:
        del owner[path[-2]]
    return data


def _kind(item: Data) -> str:
    return "implicit" if item.get("implicit") else "missing"


def drop(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """A leaf claim left out: `missing` (or `implicit` for an unstated premise)."""
    referenced = _referenced(data)
    choices = [
        (path, item)
        for path, name, item in items(data)
        if _leaf(item) and item.get("id") not in referenced
    ]
    if not choices:
        return None
    path, item = rng.choice(choices)
    return _remove(copy.deepcopy(data), path), {(_kind(item), path)}


def drop_premise(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """One co-premise of three or more left out: `missing` or `implicit`."""
    referenced = _referenced(data)
    choices = [
        ((*path, "premises", n), premise)
        for path, _, item in items(data)
        if len(item.get("premises", [])) >= 3
        for n, premise in enumerate(item["premises"])
        if _leaf(premise) and premise.get("id") not in referenced
    ]
    if not choices:
        return None
    path, premise = rng.choice(choices)
    changed = copy.deepcopy(data)
    del _at(changed, path[:-1])[path[-1]]
    return changed, {(_kind(premise), path)}


def move(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """A leaf reason or objection put under another claim: `parent`."""
    choices = [
        (path, name, item)
        for path, name, item in items(data)
        if _leaf(item) and name in ("reasons", "objections") and "kind" not in item
    ]
    if not choices:
        return None
    path, name, item = rng.choice(choices)
    owner = path[:-2]
    claims = [("thesis",)] + [
        claim for here, _, other in items(data) for claim in _claim_paths(here, other)
    ]
    targets = [c for c in claims if c != owner and c != path]
    if not targets:
        return None
    target = rng.choice(targets)
    changed = copy.deepcopy(data)
    _at(changed, target).setdefault(name, []).append(copy.deepcopy(item))
    _remove(changed, path)  # after the append: the target's path may lie after this one
    return changed, {("parent", path)}


def flip(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """A reason drawn as an objection of the same claim, or the reverse: `side`."""
    choices = [
        (path, name, item)
        for path, name, item in items(data)
        if name in ("reasons", "objections", "rebuttals")
        and item.get("kind", "reason") == "reason"
        and not (name != "reasons" and "premises" in item)
    ]
    if not choices:
        return None
    path, name, item = rng.choice(choices)
    other = "objections" if name == "reasons" else "reasons"
    changed = copy.deepcopy(data)
    _at(changed, path[:-2]).setdefault(other, []).append(copy.deepcopy(item))
    _remove(changed, path)
    return changed, {("side", _claim_paths(path, item)[0])}  # co-premises: one finding


def split(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """Co-premises of one reason drawn as separate reasons: `split`."""
    referenced = _referenced(data)
    choices = [
        (path, name, item)
        for path, name, item in items(data)
        if len(item.get("premises", [])) >= 2
        and not item.get("undercutters")
        and item.get("id") not in referenced
        and item.get("kind", "reason") == "reason"
    ]
    if not choices:
        return None
    path, name, item = rng.choice(choices)
    changed = copy.deepcopy(data)
    owner = _at(changed, path[:-2])
    owner[name][path[-1] : path[-1] + 1] = [copy.deepcopy(p) for p in item["premises"]]
    return changed, {("split", (*path, "premises", 0))}


def merge(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """Two separate reasons of one claim drawn as co-premises of one: `merge`."""
    choices = []
    for path, name, item in items(data):
        if name != "reasons":
            continue
        siblings = _at(data, path[:-1])
        index = path[-1]
        if index + 1 < len(siblings):
            after = siblings[index + 1]
            if all(
                "premises" not in x and not x.get("undercutters") and "kind" not in x
                for x in (item, after)
            ):
                choices.append(path)
    if not choices:
        return None
    path = rng.choice(choices)
    changed = copy.deepcopy(data)
    siblings = _at(changed, path[:-1])
    first, second = siblings[path[-1]], siblings[path[-1] + 1]
    siblings[path[-1] : path[-1] + 2] = [{"premises": [first, second]}]
    return changed, {("merge", path)}


def attack_kind(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """An undercutter drawn as an objection to the reason's premise, or an objection to a
    lone premise drawn as an undercutter of its step: `attack-kind`."""
    choices: list[tuple[Path, str]] = []
    for path, name, item in items(data):
        if name == "undercutters" and "premises" not in item:
            owner = _at(data, path[:-2])
            if "premises" in owner or "text" in owner:
                choices.append((path, "to-objection"))
        if name == "objections" and "premises" not in item and path[-3] == "reasons":
            choices.append((path, "to-undercutter"))
    if not choices:
        return None
    path, way = rng.choice(choices)
    item = _at(data, path)
    changed = copy.deepcopy(data)
    owner_path = path[:-2]
    if way == "to-objection":
        owner = _at(changed, owner_path)
        premise = owner["premises"][0] if "premises" in owner else owner
        premise.setdefault("objections", []).append(copy.deepcopy(item))
    else:
        _at(changed, owner_path).setdefault("undercutters", []).append(copy.deepcopy(item))
    _remove(changed, path)
    return changed, {("attack-kind", path)}


def reword(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """A claim said in other words (its quote kept, or one word less): nothing to find."""
    choices = [
        claim
        for here, _, item in items(data)
        for claim in _claim_paths(here, item)
        if len(_at(data, claim)["text"].split()) >= 8
    ]
    if not choices:
        return None
    path = rng.choice(choices)
    changed = copy.deepcopy(data)
    claim = _at(changed, path)
    words = claim["text"].rstrip(".").split()
    del words[rng.randrange(1, len(words))]
    claim["text"] = " ".join(words) + "."
    return changed, set()


def rename(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """Every id renamed, every reference with it: nothing to find."""
    ids = {m["id"] for m in _walk(data) if isinstance(m.get("id"), str)}
    if not ids:
        return None
    prefix = f"x{rng.randrange(10**6)}-"

    def renamed(name: str) -> str:
        return prefix + name if name in ids else name

    changed = copy.deepcopy(data)
    for mapping in _walk(changed):
        for key in ("id", "root", "group"):
            if isinstance(mapping.get(key), str):
                mapping[key] = renamed(mapping[key])
        for key in ("supports", "opposes"):
            if key in mapping:
                mapping[key] = [renamed(name) for name in mapping[key]]
    return changed, set()


def requote(data: Data, rng: random.Random, sentences: list[str]) -> tuple[Data, Answer] | None:
    """A claim's quote replaced by a sentence of the text no claim quotes: `quote`."""
    choices = [
        claim
        for here, _, item in items(data)
        for claim in _claim_paths(here, item)
        if _at(data, claim).get("quote")
    ]
    quoted = " ".join(" ".join(m["quote"].split()) for m in _walk(data) if m.get("quote"))
    free = [s for s in sentences if len(s.split()) >= 6 and s[:40] not in quoted]
    if not choices or not free:
        return None
    path = rng.choice(choices)
    changed = copy.deepcopy(data)
    _at(changed, path)["quote"] = rng.choice(free)
    return changed, {("quote", path)}


def _every_claim(data: Data) -> Iterator[Data]:
    yield data["thesis"]
    for _, _, item in items(data):
        yield from item.get("premises", [item])


def unquote(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """No quote anywhere, and a word less in every claim of six or more: claims must
    match by wording alone; nothing to find."""
    changed = copy.deepcopy(data)
    for claim in _every_claim(changed):
        claim.pop("quote", None)
        words = claim["text"].rstrip(".").split()
        if len(words) >= 6:
            del words[rng.randrange(1, len(words))]
            claim["text"] = " ".join(words) + "."
    return changed, set()


_OTHER_WORDS = ["really", "clearly", "indeed", "certain", "various", "several", "given"]


def paraphrase(data: Data, rng: random.Random) -> tuple[Data, Answer] | None:
    """No quote anywhere, and a quarter of every claim's words replaced by others: a
    student's own wording, to be matched still; nothing to find."""
    changed = copy.deepcopy(data)
    for claim in _every_claim(changed):
        claim.pop("quote", None)
        words = claim["text"].rstrip(".").split()
        for index in rng.sample(range(len(words)), len(words) // 4):
            words[index] = rng.choice(_OTHER_WORDS)
        claim["text"] = " ".join(words) + "."
    return changed, set()


PERTURBATIONS: dict[str, Callable[..., tuple[Data, Answer] | None]] = {
    "drop": drop,
    "drop-premise": drop_premise,
    "move": move,
    "flip": flip,
    "split": split,
    "merge": merge,
    "attack-kind": attack_kind,
    "reword": reword,
    "rename": rename,
    "requote": requote,
    "unquote": unquote,
    "paraphrase": paraphrase,
}
