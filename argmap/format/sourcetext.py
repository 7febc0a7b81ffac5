"""Quotes checked against the map's source text: where the text may be, reading it, and
whether each quote is in it and points at one passage."""

from __future__ import annotations

import os
import re
from pathlib import Path as FilePath

from ..errors import Issue
from ..limits import Limits
from .model import ArgumentMap
from .quotes import SourceText, split_quote
from .tree import MapTree
from .yamlsource import LocatedDocument

_ROOT_MARKERS = (".git", "pyproject.toml", "argmap.toml")


def find_source_root(map_path: FilePath) -> FilePath:
    """The project around a map: the nearest folder above it holding a marker, else the
    folder above the map's own, so that `course/maps/x.yaml` may quote `course/texts/`."""
    folder = map_path.resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in _ROOT_MARKERS):
            return candidate
    return folder.parent


def resolve_source(
    text_path: str, map_path: FilePath, source_root: FilePath | None
) -> tuple[FilePath | None, str]:
    """The source file, or why it may not be read (absolute, or outside the root)."""
    if os.path.isabs(text_path) or text_path.startswith("~"):
        return None, "a source path must be relative to the map"
    root = (source_root or find_source_root(map_path)).resolve()
    target = (map_path.resolve().parent / text_path).resolve()
    if target != root and root not in target.parents:
        return None, f"the source path leaves the project folder {root}"
    return target, ""


def check_quotes(
    argmap: ArgumentMap,
    tree: MapTree,
    doc: LocatedDocument,
    map_path: FilePath | None,
    limits: Limits,
    source_root: FilePath | None,
    issues: list[Issue],
) -> SourceText | None:
    """The source text as read, with an issue for each quote not found in it (or too short
    to say which passage), or for a source that cannot be read."""
    quoted = [node for node in tree.claims if node.claim.quote is not None]
    text_path = argmap.source.text if argmap.source else None
    if text_path is None or map_path is None:
        if quoted:
            why = (
                "no `source: text:` is given"
                if text_path is None
                else "the map was given as text, not a file"
            )
            issues.append(
                doc.issue(
                    (*quoted[0].path, "quote"),
                    "W301",
                    f"quotes are not checked: {why}",
                    severity="warning",
                    hint="add `source:` with `text: path/to/source.txt`",
                )
            )
        return None
    source = _read_source(text_path, map_path, limits, source_root, doc, issues)
    if source is None:
        return None
    for node in quoted:
        quote = node.claim.quote or ""
        short = quote_too_short(quote, source) if quote.strip() else ""
        if not quote.strip():
            issues.append(doc.issue((*node.path, "quote"), "E204", "the quote is empty"))
        elif short:
            issues.append(
                doc.issue(
                    (*node.path, "quote"),
                    "E210",
                    short,
                    hint=f"quote more of the passage: a part between `...` of fewer than "
                    f"{QUOTE_MIN_WORDS} words must occur only once in the source",
                )
            )
        elif not source.contains(quote):
            closest = source.closest(quote)
            hint = (
                f'closest passage: "{closest}"'
                if closest
                else "copy the words exactly; `...` may skip words"
            )
            issues.append(
                doc.issue(
                    (*node.path, "quote"), "E205", "the quote is not in the source text", hint=hint
                )
            )
    return source


QUOTE_MIN_WORDS = 4
_WORD = re.compile(r"\w", re.UNICODE)


def quote_too_short(quote: str, source: SourceText) -> str:
    """Why a quote does not point at one passage ('' when it does).

    A part between `...` identifies its passage when it has four words or more, or when it
    occurs exactly once in the source (as whole words, in any case): "That's costly!" is a
    real quote; `the ... of` could be anywhere. A quote of no words is never one.
    """
    parts = split_quote(quote)
    if not any(_WORD.search(part) for part in parts):
        return "the quote has no words: it could be found almost anywhere"
    for part in parts:
        if len(part.split()) >= QUOTE_MIN_WORDS:
            continue
        found = source.occurrences(part, most=100)
        if found > 1:
            times = f"{found}{'+' * (found == 100)} times"
            return f"`{part}` occurs {times} in the source: it does not say which passage"
    return ""


def _missing_source_hint(text_path: str, map_path: FilePath) -> str:
    """A path written from the working folder names the file a map's folder does not:
    say which path leads there from the map."""
    written = FilePath(text_path)
    if written.is_file() and not os.path.isabs(text_path):
        mended = os.path.relpath(written.resolve(), map_path.resolve().parent)
        return (
            f"the path is relative to the map's folder, not the working folder: "
            f"write `text: {FilePath(mended).as_posix()}`"
        )
    return "the path is relative to the map's folder"


def _read_source(
    text_path: str,
    map_path: FilePath,
    limits: Limits,
    source_root: FilePath | None,
    doc: LocatedDocument,
    issues: list[Issue],
) -> SourceText | None:
    path = ("source", "text")
    target, why = resolve_source(text_path, map_path, source_root)
    if target is None:
        hint = (
            "put the text inside the project, or mark the folder that holds both the maps "
            "and the texts as the project with an empty `argmap.toml` (for one run: "
            "--source-root FOLDER)"
        )
        issues.append(doc.issue(path, "E208", why, hint=hint))
        return None
    try:
        if target.is_dir():
            issues.append(
                doc.issue(path, "E206", f"the source text {text_path!r} is a folder, not a file")
            )
            return None
        if not target.is_file():
            raise FileNotFoundError
        if target.stat().st_size > limits.max_bytes:
            issues.append(
                doc.issue(
                    path, "E206", f"the source text is larger than {limits.max_bytes:,} bytes"
                )
            )
            return None
        return SourceText(target.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        issues.append(
            doc.issue(
                path,
                "E206",
                f"the source text {text_path!r} does not exist",
                hint=_missing_source_hint(text_path, map_path),
            )
        )
    except UnicodeDecodeError:
        issues.append(doc.issue(path, "E206", f"the source text {text_path!r} is not UTF-8"))
    except OSError as exc:
        issues.append(
            doc.issue(path, "E206", f"the source text cannot be read: {exc.strerror or exc}")
        )
    return None
