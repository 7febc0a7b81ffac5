"""The map format: bytes in, a checked map out (model, claim tree, located issues).

yamlsource (YAML → located data) → validate (Pydantic models in model) → tree (claims, links
and cross-links with stable keys) → semantics (whole-map checks, quotes against the source)
— run as one call by loader. Nothing here imports drawing, presenting or the CLI. Other
stages import the names below from `argmap.format` (`validate`, which shares its module's
name, from the module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .loader import (
        Checked,
        Loaded,
        MapSource,
        draft_flags,
        is_path,
        load,
        read_map_bytes,
        run_checks,
    )
    from .markdown import md_link, md_text
    from .model import (
        COLOR_KEYS,
        ID_PATTERN,
        LINK_LISTS,
        NESTED_LISTS,
        Argument,
        ArgumentMap,
        Basis,
        Claim,
        Style,
    )
    from .outline import connector, source_citation, to_html, to_markdown, to_text, words_for
    from .quotes import SourceText, normalise, split_quote
    from .schema import schema_text
    from .sourcetext import find_source_root, resolve_source
    from .starter import starter_map
    from .tree import ClaimNode, CrossLink, CrossUndercut, Link, MapTree, build_tree
    from .validate import plain_words
    from .yamlsource import UNSAFE_CHARACTERS, DataPath, LocatedDocument, decode, parse, within_size

__all__ = [
    "COLOR_KEYS",
    "ID_PATTERN",
    "LINK_LISTS",
    "NESTED_LISTS",
    "UNSAFE_CHARACTERS",
    "Argument",
    "ArgumentMap",
    "Basis",
    "Checked",
    "Claim",
    "ClaimNode",
    "CrossLink",
    "CrossUndercut",
    "DataPath",
    "Link",
    "Loaded",
    "LocatedDocument",
    "MapSource",
    "MapTree",
    "SourceText",
    "Style",
    "build_tree",
    "connector",
    "decode",
    "draft_flags",
    "find_source_root",
    "is_path",
    "load",
    "md_link",
    "md_text",
    "normalise",
    "parse",
    "plain_words",
    "read_map_bytes",
    "resolve_source",
    "run_checks",
    "schema_text",
    "source_citation",
    "split_quote",
    "starter_map",
    "to_html",
    "to_markdown",
    "to_text",
    "within_size",
    "words_for",
]

# What the other stages use, by the module that defines it: imported on first use, so
# that importing one part of the stage never loads the rest (and the start-up stays short).
_ENTRY_POINTS = {
    "Argument": "model",
    "ArgumentMap": "model",
    "Basis": "model",
    "COLOR_KEYS": "model",
    "Checked": "loader",
    "Claim": "model",
    "ClaimNode": "tree",
    "CrossLink": "tree",
    "CrossUndercut": "tree",
    "DataPath": "yamlsource",
    "ID_PATTERN": "model",
    "LINK_LISTS": "model",
    "NESTED_LISTS": "model",
    "Link": "tree",
    "Loaded": "loader",
    "LocatedDocument": "yamlsource",
    "MapSource": "loader",
    "MapTree": "tree",
    "SourceText": "quotes",
    "Style": "model",
    "UNSAFE_CHARACTERS": "yamlsource",
    "build_tree": "tree",
    "connector": "outline",
    "decode": "yamlsource",
    "draft_flags": "loader",
    "find_source_root": "sourcetext",
    "is_path": "loader",
    "load": "loader",
    "md_link": "markdown",
    "md_text": "markdown",
    "normalise": "quotes",
    "parse": "yamlsource",
    "read_map_bytes": "loader",
    "plain_words": "validate",
    "resolve_source": "sourcetext",
    "run_checks": "loader",
    "schema_text": "schema",
    "source_citation": "outline",
    "split_quote": "quotes",
    "starter_map": "starter",
    "to_html": "outline",
    "to_markdown": "outline",
    "to_text": "outline",
    "within_size": "yamlsource",
    "words_for": "outline",
}


__getattr__ = lazy_names(__name__, _ENTRY_POINTS)
