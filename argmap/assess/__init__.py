"""Assessing: a checked map in, findings about it out — teaching rules (lint), which
claims stand (evaluate), a student's map against the key and one version against the
next (compare).

Builds on the format only; drawing and presenting may show what it finds. Other stages
import the names below from `argmap.assess` (`compare` and `lint`, which share their
module's name, from the module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .changes import diff
    from .compare import Comparison
    from .evaluate import (
        disagreement_issues,
        evaluate_graph,
        evaluate_tree,
        evaluation_data,
        graph_of,
        shown_statuses,
    )
    from .rubric import KINDS, Rubric, read_rubric, with_weights

__all__ = [
    "KINDS",
    "Comparison",
    "Rubric",
    "diff",
    "disagreement_issues",
    "evaluate_graph",
    "evaluate_tree",
    "evaluation_data",
    "graph_of",
    "read_rubric",
    "shown_statuses",
    "with_weights",
]

# What the other stages use, by the module that defines it: imported on first use, so
# that importing one part of the stage never loads the rest (and the start-up stays short).
_ENTRY_POINTS = {
    "Comparison": "compare",
    "KINDS": "rubric",
    "Rubric": "rubric",
    "diff": "changes",
    "disagreement_issues": "evaluate",
    "evaluate_graph": "evaluate",
    "evaluate_tree": "evaluate",
    "evaluation_data": "evaluate",
    "graph_of": "evaluate",
    "read_rubric": "rubric",
    "shown_statuses": "evaluate",
    "with_weights": "rubric",
}


__getattr__ = lazy_names(__name__, _ENTRY_POINTS)
