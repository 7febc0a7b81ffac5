"""The check pipeline: bytes → located YAML → model → semantic checks."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ArgmapError, Issue, expect
from ..limits import DEFAULT_LIMITS, Limits
from ..speed import paused_gc
from .model import ArgumentMap
from .quotes import SourceText
from .semantics import check_semantics
from .tree import MapTree, build_tree
from .validate import validate
from .yamlsource import LocatedDocument, decode, parse, within_size

MapSource = str | os.PathLike[str]


@dataclass
class Checked:
    """Everything one check learned; model and tree are None when the map did not validate.

    What draws, compares or exports a map asks for `loaded()` or `valid()`: a record whose
    model, tree and document are there, so nothing downstream tests them again."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    model: ArgumentMap | None = None
    tree: MapTree | None = None
    doc: LocatedDocument | None = None
    path: Path | None = None
    text: str | None = None
    source: SourceText | None = None  # the source text as the quotes were checked in it

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(i.severity == "error" for i in self.issues)

    def loaded(self) -> Loaded | None:
        """The map as validated, errors of content and all (a draft); None when it did not
        validate."""
        if self.model is None or self.tree is None or self.doc is None:
            return None
        return Loaded(
            self.file,
            self.model,
            self.tree,
            self.doc,
            self.issues,
            self.path,
            self.text or "",
            self.source,
        )

    def valid(self) -> Loaded:
        """The map when it checked clean; its issues raised as the error otherwise."""
        loaded = self.loaded()
        if loaded is None or not self.ok:
            raise ArgmapError(self.issues)
        return loaded


@dataclass
class Loaded:
    """A map that validated: its model, claim tree and located document are all there
    (its issues may still hold warnings, or a draft's errors of content)."""

    file: str
    model: ArgumentMap
    tree: MapTree
    doc: LocatedDocument
    issues: list[Issue]
    path: Path | None
    text: str
    source: SourceText | None

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)


def is_path(source: MapSource) -> bool:
    """Paths are PathLike, or one-line strings naming a YAML file; anything else is text."""
    if isinstance(source, os.PathLike):
        return True
    return "\n" not in source and source.endswith((".yaml", ".yml"))


def read_map_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, or an E001 issue saying why not (never reads a device or a huge file)."""
    name = str(path)
    try:
        if path.is_dir():
            raise ArgmapError.at(name, 0, 0, "E001", "this is a folder, not a map file")
        if not path.exists():
            raise ArgmapError.at(name, 0, 0, "E001", "no such file")
        if not path.is_file():
            raise ArgmapError.at(name, 0, 0, "E001", "not a regular file")
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise ArgmapError.at(name, 0, 0, "E001", f"cannot read: {exc.strerror or exc}") from None
    within_size(len(raw), name, limits)
    return raw


def run_checks(
    source: MapSource,
    *,
    limits: Limits = DEFAULT_LIMITS,
    source_root: Path | None = None,
    text: str | None = None,
) -> Checked:
    """Every stage, collecting issues rather than stopping at the first. `text` is the
    map's text as an editor holds it, checked as if saved at the path `source`."""
    with paused_gc():
        return _run_checks(source, limits, source_root, text)


def _run_checks(
    source: MapSource, limits: Limits, source_root: Path | None, text: str | None = None
) -> Checked:
    expect(source, (str, os.PathLike), "source", "load", "a path or YAML text")
    expect(limits, Limits, "limits", "load")
    if source_root is not None:
        expect(source_root, os.PathLike, "source_root", "load")
    if is_path(source):
        path: Path | None = Path(source)
        name = str(source)
    else:
        path, name = None, "<text>"
    result = Checked(name, path=path)
    try:
        if text is not None:
            within_size(len(text.encode("utf-8")), name, limits)
            result.text = text
        else:
            result.text = decode(read_map_bytes(path, limits), name) if path else str(source)
        doc = parse(result.text, name, limits)
    except ArgmapError as exc:
        result.issues = exc.issues
        return result
    result.doc = doc
    validated = validate(doc)
    model = validated.model or validated.repaired
    if model is None:
        result.issues = _in_file_order(doc.issues + validated.issues)
        return result
    tree = build_tree(model)
    semantic, result.source = check_semantics(model, tree, doc, path, limits, source_root)
    if validated.model is None:
        # Checked on a copy with the invalid values set aside: report the rest, not the
        # references to ids that were themselves invalid.
        semantic = [i for i in semantic if not _about(i, validated.dropped_ids)]
        result.issues = _in_file_order(doc.issues + validated.issues + semantic)
        return result
    result.issues = _in_file_order(doc.issues + semantic)
    result.model, result.tree = model, tree
    return result


# Errors of content, not of structure: a map with no others can be drawn as a draft.
DRAFT_CODES = frozenset({"E205", "E210"})


def draft_flags(result: Checked) -> dict[str, str] | None:
    """The claims a draft marks, by key, with the words of their marker; None when the
    map has an error no draft can be drawn with (YAML, unknown ids, no thesis, …)."""
    from .sourcetext import quote_too_short

    if result.model is None or result.tree is None:
        return None
    if any(i.severity == "error" and i.code not in DRAFT_CODES for i in result.issues):
        return None
    flags: dict[str, str] = {}
    source = result.source
    for node in result.tree.claims:
        quote = node.claim.quote
        if source is None or not quote or not quote.strip():
            continue
        if quote_too_short(quote, source):
            flags[node.key] = "QUOTE TOO SHORT"
        elif not source.contains(quote):
            flags[node.key] = "QUOTE NOT IN THE TEXT"
    return flags


def _about(issue: Issue, names: set[str]) -> bool:
    return issue.code == "E202" and issue.about in names


def _in_file_order(issues: list[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda issue: (issue.line, issue.col, issue.code))


def check(
    source: MapSource, *, limits: Limits = DEFAULT_LIMITS, source_root: Path | None = None
) -> list[Issue]:
    """All issues of a map (errors and warnings), in file order; never raises for bad input."""
    return run_checks(source, limits=limits, source_root=source_root).issues


def load(
    source: MapSource, *, limits: Limits = DEFAULT_LIMITS, source_root: Path | None = None
) -> ArgumentMap:
    """The validated map; raises ArgmapError carrying every issue when it has errors."""
    return run_checks(source, limits=limits, source_root=source_root).valid().model
