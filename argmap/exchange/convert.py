"""The library's import and export: a file's text in, maps of one thesis each out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Literal

from ..errors import ArgmapError, Issue, expect
from ..format import UNSAFE_CHARACTERS, within_size
from ..limits import DEFAULT_LIMITS, Limits
from .cutting import cut_map, gather_prose, pick_thesis, short, slug, theses
from .drafts import CutMap
from .fields import checked_meta
from .neutral import ExchangeGraph, Statement
from .yamlwrite import dump_map

if TYPE_CHECKING:
    from ..format import ArgumentMap

Format = Literal["aif", "argdown", "kialo"]
FORMATS: tuple[Format, ...] = ("aif", "argdown", "kialo")
SUFFIXES: dict[str, Format] = {
    ".argdown": "argdown",
    ".ad": "argdown",
    ".json": "aif",
    ".txt": "kialo",
}


@dataclass
class ImportedMap:
    """One map: a file name to suggest, its YAML text and what it covers of the input."""

    name: str
    yaml: str
    built: CutMap


@dataclass
class Imported:
    """Every map a file holds (largest first) and the warnings reading it gave."""

    maps: list[ImportedMap]
    issues: list[Issue] = field(default_factory=list)
    statements: int = 0
    inferences: int = 0
    commentary: int = 0  # untitled paragraphs kept as notes


def format_of(path: str, given: str | None = None) -> Format:
    """The format named, else the one the suffix says; ArgmapError (E001) when neither."""
    if given:
        return given if given in ("aif", "kialo") else "argdown"  # type: ignore[return-value]
    suffix = PurePath(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix in (".yaml", ".yml"):
        raise ArgmapError.at(
            path,
            0,
            0,
            "E001",
            "this is an argmap map already: it needs no import",
            hint=f"check it with `argmap check {path}`; import reads .argdown, "
            ".ad and .json (AIF) files",
        )
    raise ArgmapError.at(
        path,
        0,
        0,
        "E001",
        f"cannot tell the format from the suffix `{suffix or '(none)'}`",
        hint="name it with --from argdown, aif or kialo "
        "(.argdown and .ad are Argdown, .json is AIF, .txt a Kialo export)",
    )


def text_format(path: str, text: str) -> Format:
    """A `.txt` file is a Kialo export when it begins like one; else the format is unknown."""
    from .kialo import is_kialo

    if is_kialo(text):
        return "kialo"
    raise ArgmapError.at(
        path,
        0,
        0,
        "E001",
        "this text file is not a Kialo export (it does not begin `Discussion Title:`)",
        hint="name its format with --from argdown, aif or kialo",
    )


def read_graph(text: str, fmt: Format, file: str = "<text>") -> ExchangeGraph:
    from .kialo import is_kialo, read_kialo

    if fmt == "kialo" or is_kialo(text):  # a Kialo export is known by its first line
        return read_kialo(text, file)
    if fmt == "aif":
        from .aif import read_aif

        return read_aif(text, file)
    from .argdown_read import read_argdown

    return read_argdown(text, file)


def import_maps(
    text: str,
    fmt: Format,
    *,
    file: str = "<text>",
    thesis: str | None = None,
    every: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    moved: tuple[Path, Path] | None = None,
) -> Imported:
    """The maps in a file: one per thesis, or only the named or the largest one.

    `moved` is (the input's folder, the folder the maps go to): a relative `source: text:`
    is rewritten to name the same file from there."""
    within_size(len(text.encode("utf-8", "surrogatepass")), file, limits)
    graph = read_graph(text, fmt, file)
    graph.meta = checked_meta(graph.meta, file, graph.meta_line)
    _drop_unsafe_characters(graph)
    found = theses(graph)
    if not found:
        raise ArgmapError(
            [
                *graph.issues,
                Issue(
                    file,
                    0,
                    0,
                    "E502",
                    "nothing to import: no statement is supported or attacked by another"
                    + _rephrasings_found(graph),
                    hint="argmap maps an argument: a thesis and what bears on it",
                ),
            ]
        )
    if thesis is not None:
        chosen = [pick_thesis(graph, found, thesis)]
    elif every:
        chosen = found
    else:
        chosen = found[:1]
    prose = gather_prose(graph)
    maps: list[ImportedMap] = []
    names: set[str] = set()
    for statement in chosen:
        built = cut_map(graph, statement, several=len(found) > 1)
        _within_limits(built, file, limits)
        argmap = built.argmap()
        name = slug(statement.title or statement.text)
        while name in names:
            name += "-2"
        names.add(name)
        if moved is not None:
            argmap = moved_source(argmap, *moved)
        maps.append(ImportedMap(name, dump_map(argmap), built))
    issues = list(dict.fromkeys(graph.issues))  # each map's walk may say the same thing
    result = Imported(maps, issues, len(graph.statements), len(graph.inferences))
    result.commentary = len(prose)
    _report_left_out(graph, result, len(found), {p.key for p in prose})
    if prose:
        result.issues.append(_commentary(file, prose))
    return result


def _commentary(file: str, prose: list[Statement]) -> Issue:
    return Issue(
        file,
        prose[0].line,
        1,
        "W502",
        f"{len(prose)} untitled paragraph(s) that nothing relates to were read as "
        "commentary: each is kept in the note of the claim that follows it",
        "warning",
        hint="give a paragraph a [Title] and a relation to make it a claim",
    )


def _rephrasings_found(graph: ExchangeGraph) -> str:
    """What the file did relate, when that was only wordings (MA nodes)."""
    if not graph.rephrasings:
        return ""
    count = graph.rephrasings
    return (
        f" (its {count} MA relation{'s' * (count != 1)} say{'s' * (count == 1)} that "
        "wordings rephrase each other, which gives no argument to draw)"
    )


def _drop_unsafe_characters(graph: ExchangeGraph) -> None:
    """Characters a map may not hold (C0 controls, DEL, lone surrogates; SVG cannot carry
    them) leave the statements' texts, with one warning; C1 controls stay, escaped."""
    dropped = 0
    first = 0
    for statement in graph.statements.values():
        cleaned, count = UNSAFE_CHARACTERS.subn("", statement.text)
        if count:
            statement.text = cleaned.strip() or "(no text in the source)"
            dropped += count
            first = first or statement.line
    if dropped:
        graph.warn(first, f"{dropped} control character(s) a map cannot hold were left out")


def rebase_path(text: str, read_from: Path, written_to: Path) -> str:
    """A path relative to one folder, relative to another (absolute ones stay)."""
    if os.path.isabs(text):
        return text
    target = os.path.normpath(os.path.join(os.path.abspath(read_from), text))
    return Path(os.path.relpath(target, os.path.abspath(written_to))).as_posix()


def moved_source(argmap: ArgumentMap, read_from: Path, written_to: Path) -> ArgumentMap:
    """The map with its `source: text:` naming the same file from `written_to`: an export
    written elsewhere names its source text relative to itself, as a map does."""
    source = argmap.source
    if source is None or source.text is None:
        return argmap
    text = rebase_path(source.text, read_from, written_to)
    return argmap.model_copy(update={"source": source.model_copy(update={"text": text})})


# The YAML writer recurses once per level: never deeper than Python allows.
_DEEPEST_WRITTEN = 300


def _within_limits(built: CutMap, file: str, limits: Limits) -> None:
    depth = built.depth
    deepest = min(limits.max_depth, _DEEPEST_WRITTEN)
    problem = ""
    if depth > deepest:
        problem = f"the map of `{_name(built)}` would nest {depth} levels deep"
        hint = f"the limit is {deepest}; raise --max-depth, or choose a thesis with --thesis"
    elif len(built.statements) > limits.max_claims:
        problem = f"the map of `{_name(built)}` would hold {len(built.statements):,} claims"
        hint = f"the limit is {limits.max_claims:,}; raise --max-claims"
    if problem:
        raise ArgmapError.at(
            file, built.thesis.line, 1 if built.thesis.line else 0, "E009", problem, hint=hint
        )


def _name(built: CutMap) -> str:
    return short(built.thesis.title or built.thesis.text, 50)


def _report_left_out(
    graph: ExchangeGraph, result: Imported, thesis_count: int, prose: set[str]
) -> None:
    carried: set[str] = set(prose)
    for imported in result.maps:
        carried |= imported.built.statements
    missing = [s for s in graph.statements.values() if s.key not in carried]
    worded = [s for s in missing if any(o in carried for o in graph.wordings.get(s.key, ()))]
    if worded:
        result.issues.append(
            _listed(
                graph.file,
                worded,
                "{n} statement(s) related only as a rephrase (MA) of a claim drawn were kept "
                "as its wording, in its note `Also worded: …` ({shown})",
                "relate a wording to the argument (RA or CA) to draw it as a claim",
            )
        )
        missing = [s for s in missing if s not in worded]
    if len(result.maps) < thesis_count:
        others = thesis_count - len(result.maps)
        result.issues.append(
            Issue(
                graph.file,
                0,
                0,
                "W502",
                f"the file holds {thesis_count} theses; {others} other(s) and what bears only "
                "on them were left out",
                "warning",
                hint="write one map per thesis with -o FOLDER/, or choose one with --thesis",
            )
        )
    lone = [s for s in missing if not s.data.get("basis")]
    if lone and len(result.maps) >= thesis_count:
        result.issues.append(
            _listed(
                graph.file,
                lone,
                "{n} statement(s) that nothing relates to were left out ({shown})",
                "a map holds what bears on its thesis; relate them to it to keep them",
            )
        )


def _listed(file: str, statements: list[Statement], message: str, hint: str) -> Issue:
    """A W502 naming the first five statements (by line, else key) and counting the rest."""
    shown = "; ".join(f"line {s.line}" if s.line else s.key for s in statements[:5])
    more = f" and {len(statements) - 5} more" if len(statements) > 5 else ""
    text = message.format(n=len(statements), shown=shown + more)
    return Issue(file, 0, 0, "W502", text, "warning", hint=hint)


def export_map(argmap: ArgumentMap, fmt: Format) -> str:
    """The map as AIF JSON or Argdown text."""
    if fmt == "aif":
        from .aif import aif_text

        return aif_text(argmap)
    from .argdown_write import argdown_text

    return argdown_text(argmap)


def export(argmap: ArgumentMap, fmt: str) -> str:
    """`argmap.export(model, "aif")`: the map as AIF JSON or Argdown text."""
    expect(argmap, _model_class(), "argmap", "export", "a loaded map (argmap.load)")
    if fmt not in FORMATS:
        raise ValueError(f"no export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return export_map(argmap, "aif" if fmt == "aif" else "argdown")


def load_argdown(text: str, *, thesis: str | None = None) -> ArgumentMap:
    """The map of Argdown text's largest (or the named) thesis, checked; warnings dropped."""
    return _load(text, "argdown", thesis)


def load_aif(text: str, *, thesis: str | None = None) -> ArgumentMap:
    """The map of an AIF JSON document's largest (or the named) thesis, checked."""
    return _load(text, "aif", thesis)


def _model_class() -> type:
    from ..format import ArgumentMap

    return ArgumentMap


def _load(text: str, fmt: Format, thesis: str | None) -> ArgumentMap:
    from ..format import load

    expect(text, str, "text", f"load_{fmt}", "the file's text")
    if thesis is not None:
        expect(thesis, str, "thesis", f"load_{fmt}")

    imported = import_maps(text, fmt, thesis=thesis, every=False)
    return load(imported.maps[0].yaml)
