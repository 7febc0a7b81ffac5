"""A student's map drawn with the comparison's findings on it, and the class report.

The picture is the student's own map: each claim with a finding gets a marker saying what
the key has instead, and each key claim the student lacks is drawn as a dashed grey ghost
under the claim it belongs to. The class report is a folder a teacher opens offline:
index.html (every student, score and counts by kind; the key claims most often missed), a
page and a picture per student, and grades.csv for a gradebook.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..assess import KINDS, Comparison, Rubric
from ..assess.compare import compare
from ..draw import RenderOptions, render_model
from ..errors import Issue
from ..files import make_folder, write_atomic
from ..format import ArgumentMap, DataPath, Loaded, build_tree, draft_flags, run_checks
from ..limits import Limits

# The marker's words for each kind: what the key has instead, in a few words.
MARKS = {
    "missing": "missing: in the key",
    "implicit": "unstated premise in the key",
    "extra": "not in the key",
    "side": "the other side in the key",
    "parent": "under another claim in the key",
    "split": "co-premises in the key",
    "merge": "separate reasons in the key",
    "attack-kind": "another kind of objection in the key",
    "quote": "another passage in the key",
}


def marked_model(
    student: Loaded, comparison: Comparison
) -> tuple[ArgumentMap, dict[DataPath, list[str]], set[DataPath]]:
    """The student's map with the ghosts added at the end of the lists they belong in,
    so that every claim of the student's keeps its path."""
    data: dict[str, Any] = student.model.model_dump(exclude_none=True, by_alias=True)
    by_key = {node.key: node for node in student.tree.claims}
    ghost_paths: set[DataPath] = set()
    for ghost, under in comparison.ghosts:
        parent = by_key[under] if under else student.tree.thesis
        assert ghost.link is not None
        place: Any = data
        for step in parent.path:
            place = place[step]
        lists = "reasons" if ghost.link.relation == "support" else "objections"
        entries = place.setdefault(lists, [])
        claim: dict[str, Any] = {"text": ghost.claim.text}
        if ghost.claim.label:
            claim["label"] = ghost.claim.label
        entries.append(claim)
        ghost_paths.add((*parent.path, lists, len(entries) - 1))
    flagged: dict[DataPath, list[str]] = {}
    for finding in comparison.findings:
        if finding.student is not None:
            flagged.setdefault(by_key[finding.student].path, []).append(MARKS[finding.kind])
    model = ArgumentMap.model_validate(data)
    return model, flagged, ghost_paths


def marked_picture(
    student: Loaded, comparison: Comparison, output_format: str, options: RenderOptions
) -> bytes:
    """The student's map with the findings drawn on it."""
    model, flagged_paths, ghost_paths = marked_model(student, comparison)
    tree = build_tree(model)
    keys = {node.path: node.key for node in tree.claims}
    flagged = {keys[path]: "; ".join(dict.fromkeys(marks)) for path, marks in flagged_paths.items()}
    ghosts = frozenset(keys[path] for path in ghost_paths)
    for key in ghosts:
        flagged[key] = MARKS["missing"]
    from dataclasses import replace

    shown = replace(options.drawn(flagged=flagged, ghosts=ghosts), slide="none")
    return render_model(model, output_format, shown, tree)


@dataclass
class StudentResult:
    path: Path
    slug: str
    comparison: Comparison | None = None
    issues: list[Issue] = field(default_factory=list)  # why it could not be compared


def class_report(
    key: Loaded,
    students: list[Path],
    outdir: Path,
    rubric: Rubric,
    options: RenderOptions,
    limits: Limits,
    source_root: Path | None,
    progress: Callable[[str], None] = lambda message: None,
) -> list[StudentResult]:
    """Compare every student's map with the key and write the report folder."""
    make_folder(outdir)
    results = []
    slugs = _slugs(students)
    for number, path in enumerate(students, start=1):
        result = StudentResult(path, slugs[path])
        checked = run_checks(path, limits=limits, source_root=source_root)
        result.issues = [i for i in checked.issues if i.severity == "error"]
        loaded = checked.loaded()
        if loaded is None or (not checked.ok and draft_flags(checked) is None):
            pass  # nothing to compare: its first error goes in the table
        else:  # a draft (quotes not in the text) is compared too, its errors listed
            result.comparison = compare(loaded, key, rubric)
            picture = marked_picture(loaded, result.comparison, "svg", options)
            write_atomic(outdir / f"{result.slug}.svg", picture)
            write_atomic(
                outdir / f"{result.slug}.html",
                _student_page(result, result.comparison, loaded.model).encode("utf-8"),
            )
        results.append(result)
        done = f"{result.comparison.score:g}" if result.comparison else "not compared"
        if result.issues:
            first = result.issues[0]
            done += f" ({len(result.issues)} error(s); line {first.line}: {first.message})"
        progress(f"[{number}/{len(students)}] {path}: {done}")
    write_atomic(outdir / "grades.csv", grades_csv(results).encode("utf-8"))
    write_atomic(outdir / "index.html", _index(key, results).encode("utf-8"))
    return results


def _slugs(paths: list[Path]) -> dict[Path, str]:
    import re

    taken: set[str] = set()
    found = {}
    for path in paths:
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "student"
        slug, count = base, 2
        while slug in taken or slug == "index":
            slug, count = f"{base}-{count}", count + 1
        taken.add(slug)
        found[path] = slug
    return found


def _errors(result: StudentResult) -> str:
    """A draft's errors in one line: compared all the same."""
    if not result.issues:
        return ""
    first = result.issues[0]
    more = f" (and {len(result.issues) - 1} more)" if len(result.issues) > 1 else ""
    return f"line {first.line}: {first.message}{more}"


def grades_csv(results: list[StudentResult]) -> str:
    """file, score, then a count per kind; a map that could not be compared has no score."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "score", *KINDS, "error"])
    for result in results:
        if result.comparison is None:
            first = result.issues[0] if result.issues else None
            error = f"line {first.line}: {first.message}" if first else "not compared"
            writer.writerow([str(result.path), "", *([""] * len(KINDS)), error])
            continue
        counts = result.comparison.counts()
        errors = _errors(result)
        writer.writerow(
            [str(result.path), f"{result.comparison.score:g}", *(counts[k] for k in KINDS), errors]
        )
    return out.getvalue()


_STYLE = """
body { font-family: Arial, "Liberation Sans", Arimo, sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.6rem; text-align: left; }
td.n { text-align: right; }
.broken { background: #fbe9e2; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
li { margin: 0.3rem 0; }
.hint { color: #555; }
@media print { a { color: inherit; text-decoration: none; } .student { page-break-after: always; } }
"""


def _page(title: str, body: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def _index(key: Loaded, results: list[StudentResult]) -> str:
    esc = html.escape
    heads = "".join(f"<th>{esc(kind)}</th>" for kind in KINDS)
    rows = []
    missed: Counter[str] = Counter()
    for result in results:
        name = esc(str(result.path))
        if result.comparison is None:
            first = result.issues[0] if result.issues else None
            why = esc(f"line {first.line}: {first.message}" if first else "not compared")
            rows.append(
                f'<tr class="broken"><td>{name}</td><td colspan="{len(KINDS) + 1}">'
                f"could not be compared: {why}</td></tr>"
            )
            continue
        counts = result.comparison.counts()
        for finding in result.comparison.findings:
            if finding.kind in ("missing", "implicit") and finding.key:
                missed[finding.key] += 1
        cells = "".join(f'<td class="n">{counts[k]}</td>' for k in KINDS)
        errors = _errors(result)
        note = f'<br><span class="hint">a draft: {esc(errors)}</span>' if errors else ""
        rows.append(
            f'<tr><td><a href="{esc(result.slug)}.html">{name}</a>{note}</td>'
            f'<td class="n">{result.comparison.score:g}</td>{cells}</tr>'
        )
    texts = {node.key: node.claim.label or node.claim.text for node in key.tree.claims}
    compared = sum(r.comparison is not None for r in results)
    most = "".join(
        f'<li>{esc(texts[claim])} <span class="hint">({count} of {compared})</span></li>'
        for claim, count in sorted(missed.items(), key=lambda item: (-item[1], item[0]))[:10]
    )
    body = (
        f"<h1>{esc(key.model.title)}: the class against the key</h1>\n"
        f"<p>{len(results)} maps, {compared} compared. Scores out of 100 (docs/compare.md).</p>\n"
        f"<table>\n<tr><th>map</th><th>score</th>{heads}</tr>\n"
        + "\n".join(rows)
        + "\n</table>\n"
        + (f"<h2>Key claims most often missed</h2>\n<ol>{most}</ol>\n" if most else "")
    )
    return _page(f"{key.model.title}: class report", body, key.model.language or "en")


def _student_page(result: StudentResult, comparison: Comparison, model: ArgumentMap) -> str:
    esc = html.escape
    items = "".join(
        f"<li><b>{esc(f.kind)}</b> (line {f.issue.line}): {esc(f.issue.message)}"
        f'<br><span class="hint">{esc(f.issue.hint)}</span></li>'
        for f in comparison.findings
    )
    body = (
        f'<div class="student"><p><a href="index.html">class report</a></p>\n'
        f"<h1>{esc(str(result.path))}: {comparison.score:g} of 100</h1>\n"
        f'<a href="{esc(result.slug)}.svg"><img src="{esc(result.slug)}.svg" '
        f'alt="{esc(model.title)}, with the findings marked"></a>\n'
        + (f"<ol>{items}</ol>" if items else "<p>No differences from the key.</p>")
        + "</div>"
    )
    return _page(f"{result.path}: compared", body, model.language or "en")
