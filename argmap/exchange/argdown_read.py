"""Argdown text read in Python (no Node), in three stages: argdown_lex.py (comments out,
each line a token), argdown_parse.py (tokens to a syntax tree of statements, arguments,
relations and sections), argdown_lower.py (the tree to argmap's neutral graph).
"""

from __future__ import annotations

from .argdown_lower import lower
from .argdown_parse import parse_argdown
from .neutral import ExchangeGraph


def read_argdown(text: str, file: str = "<argdown>") -> ExchangeGraph:
    return lower(parse_argdown(text, file))
