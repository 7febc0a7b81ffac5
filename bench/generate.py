"""Print a realistic synthetic argument map of N claims: `python bench/generate.py N`.

Nested linked reasons, objections and rebuttals, 10-30-word texts, basis boxes and
cross-links; the same N always gives the same map.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field

SENTENCE = """the policy would reduce costs for families while raising revenue from sources that
can bear it and evidence from other cities suggests ridership grows when fares fall although
critics argue that service quality matters more than price for most commuters and budgets are
limited by law"""
WORDS = SENTENCE.split()
KINDS = ("statistic", "expert", "publication", "example", "common-knowledge")


@dataclass
class Claim:
    number: int
    lists: dict[str, list[list[Claim]]] = field(default_factory=dict)


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(10, 30))).capitalize() + "."


def grow(total: int, rng: random.Random) -> Claim:
    """Allocate claims breadth first, so the map is bushy rather than one long chain."""
    root = Claim(0)
    made, frontier = 1, [root]
    while made < total:
        claim = frontier.pop(0)
        for key, low, high in (("reasons", 1, 3), ("objections", 0, 1)):
            for _ in range(rng.randint(low, high)):
                if made >= total:
                    break
                size = min(rng.randint(2, 3) if rng.random() < 0.35 else 1, total - made)
                group = [Claim(made + i) for i in range(size)]
                made += size
                claim.lists.setdefault(key, []).append(group)
                frontier.extend(group)
    return root


def emit(claim: Claim, indent: str, bullet: str, rng: random.Random, lines: list[str]) -> None:
    lines.append(f"{bullet}id: c{claim.number}")
    lines.append(f"{indent}text: {sentence(rng)}")
    if claim.number and rng.random() < 0.15:
        lines.append(
            f"{indent}basis: {{kind: {rng.choice(KINDS)}, citation: Source {claim.number}}}"
        )
    if claim.number > 10 and rng.random() < 0.03:
        lines.append(f"{indent}supports: [c{rng.randint(1, claim.number // 2)}]")
    for key, groups in claim.lists.items():
        lines.append(f"{indent}{key}:")
        for group in groups:
            if len(group) == 1:
                emit(group[0], indent + "    ", indent + "  - ", rng, lines)
                continue
            lines.append(f"{indent}  - premises:")
            for premise in group:
                emit(premise, indent + "        ", indent + "      - ", rng, lines)


def generate(total: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = [
        "# A synthetic map for benchmarks (bench/generate.py)",
        f"title: Synthetic map of {total} claims",
        "thesis:",
    ]
    emit(grow(total, rng), "  ", "  ", rng, lines)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: python bench/generate.py N   (N claims, N >= 1)")
    sys.stdout.write(generate(int(sys.argv[1])))
