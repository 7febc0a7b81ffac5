"""`argmap build`: many maps rendered in parallel into one folder, with a gallery page."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..draw import RenderOptions
from ..errors import Issue
from ..files import make_folder, write_atomic
from ..limits import Limits
from ..speed import on
from ..version import __version__
from ..words import Words

MANIFEST = ".argmap-build.json"
MAP_SUFFIXES = (".yaml", ".yml")


@dataclass
class MapJob:
    path: str
    slug: str
    formats: tuple[str, ...]
    options: RenderOptions
    limits: Limits
    source_root: str | None


@dataclass
class MapResult:
    """What one worker made; files are written by the parent, inside the output folder."""

    slug: str
    path: str
    title: str = ""
    source: str = ""
    outline: str = ""
    language: str = ""
    key: str = ""
    issues: list[Issue] = field(default_factory=list)
    outputs: dict[str, bytes] = field(default_factory=dict)
    error: str = ""
    skipped: bool = False


def find_maps(paths: Iterable[Path]) -> list[Path]:
    """The map files named, and those in the folders named (recursively), each once."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                # Hidden folders below the one named are skipped; `..` above it is no
                # hidden folder (`build ../maps`).
                inside = candidate.relative_to(path).parts
                if (
                    candidate.suffix in MAP_SUFFIXES
                    and candidate.is_file()
                    and not any(part.startswith(".") for part in inside)
                ):
                    found[candidate] = None
        else:
            found[path] = None
    return list(found)


def slugs_for(maps: list[Path]) -> dict[Path, str]:
    """Output names: the stem, or the path's parts where two maps share a stem."""
    stems: dict[str, int] = {}
    for path in maps:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    names = {}
    for path in maps:
        raw = path.stem if stems[path.stem] == 1 else "-".join(path.with_suffix("").parts)
        names[path] = re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-") or "map"
    return names


def input_key(job: MapJob, map_bytes: bytes, source_bytes: bytes) -> str:
    """Everything an output depends on: map, source text, argmap version, options."""
    digest = hashlib.sha256()
    for part in (
        map_bytes,
        source_bytes,
        __version__.encode(),
        repr(job.formats).encode(),
        json.dumps(asdict(job.options), sort_keys=True, default=sorted).encode(),
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def build_one(job: MapJob, known_key: str = "") -> MapResult:
    """Check and render one map (runs in a worker process)."""
    from ..draw import EngineError, render_model
    from ..format import resolve_source, run_checks, to_html

    result = MapResult(job.slug, job.path)
    source_root = Path(job.source_root) if job.source_root else None
    checked = run_checks(Path(job.path), limits=job.limits, source_root=source_root)
    result.issues = checked.issues
    if not checked.ok or checked.model is None:
        return result
    model = checked.model
    if checked.tree is not None and checked.doc is not None:
        from ..draw import font_warnings

        drawn = "png" if "png" in job.formats else "svg"
        result.issues = [*result.issues, *font_warnings(model, checked.tree, checked.doc, drawn)]
    source_bytes = b""
    if model.source and model.source.text:
        target, _ = resolve_source(model.source.text, Path(job.path), source_root)
        if target and target.is_file():
            source_bytes = target.read_bytes()
    result.key = input_key(job, Path(job.path).read_bytes(), source_bytes)
    result.title = model.title
    result.language = model.language or ""
    if model.source:
        parts = [
            model.source.title,
            model.source.author,
            model.source.publisher,
            str(model.source.date) if model.source.date else None,
        ]
        result.source = ", ".join(p for p in parts if p)
    if result.key == known_key:
        result.skipped = True
        return result
    result.outline = to_html(model, checked.tree)
    try:
        for fmt in job.formats:
            result.outputs[fmt] = render_model(model, fmt, job.options, checked.tree)
    except EngineError as exc:
        result.error = str(exc)
        result.outputs.clear()
    return result


def build_site(
    paths: list[Path],
    outdir: Path,
    formats: tuple[str, ...],
    options: RenderOptions,
    limits: Limits,
    source_root: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[MapResult], None] | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> list[MapResult]:
    """Render what changed, keep what did not, and write the gallery."""
    make_folder(outdir)
    manifest_path = outdir / MANIFEST
    manifest = _read_manifest(manifest_path, warn)
    maps = find_maps(paths)
    names = slugs_for(maps)
    work = [
        MapJob(
            str(path),
            names[path],
            formats,
            options,
            limits,
            str(source_root) if source_root else None,
        )
        for path in maps
    ]

    def known(job: MapJob) -> str:
        entry = manifest.get(job.slug, {})
        present = all((outdir / f"{job.slug}.{fmt}").is_file() for fmt in formats)
        return entry.get("key", "") if present else ""

    workers = min(jobs or os.cpu_count() or 1, len(work)) if on("pool") else 1
    results: list[MapResult] = []
    if workers <= 1:
        for job in work:
            results.append(build_one(job, known(job)))
            if progress:
                progress(results[-1])
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(build_one, job, known(job)) for job in work]
            for future in futures:
                results.append(future.result())
                if progress:
                    progress(results[-1])
    new_manifest = {}
    for result in results:
        if result.skipped:
            new_manifest[result.slug] = manifest[result.slug]
            continue
        for fmt, data in result.outputs.items():
            write_atomic(outdir / f"{result.slug}.{fmt}", data)
        if result.outputs:
            new_manifest[result.slug] = {
                "key": result.key,
                "title": result.title,
                "source": result.source,
                "outline": result.outline,
                "path": result.path,
                "language": result.language,
            }
    write_atomic(manifest_path, json.dumps(new_manifest, indent=1, sort_keys=True).encode())
    write_atomic(outdir / "index.html", gallery(results, new_manifest, formats).encode())
    return results


def _read_manifest(path: Path, warn: Callable[[str], None]) -> dict[str, dict[str, str]]:
    """What the last build wrote; a damaged manifest is rebuilt (every map drawn again)."""
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        manifest = None
    entries = ("key", "title", "source", "outline", "path")
    if isinstance(manifest, dict) and all(
        isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in entries)
        for entry in manifest.values()
    ):
        return manifest
    warn(f"{path}: the manifest of the last build is damaged; every map is drawn again")
    return {}


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap {version}">
<title>{heading}</title>
<style>
body {{ font-family: Arial, "Liberation Sans", Arimo, sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }}
article {{ border-top: 2px solid #ccc; padding: 1rem 0 2rem; }}
article img {{ max-width: 100%; height: auto; border: 1px solid #eee; }}
.source {{ color: #555; margin-top: -0.5rem; }}
.formats a {{ margin-right: 1rem; }}
.errors {{ background: #fbe9e2; padding: 1rem; }}
@media print {{
  article {{ page-break-after: always; border: none; }}
  .formats, nav {{ display: none; }}
  details {{ display: block; }}
  details > summary {{ display: none; }}
}}
</style>
</head>
<body>
<h1>{heading}</h1>
<nav><ul>
{toc}
</ul></nav>
{errors}
{cards}
</body>
</html>
"""


def gallery(
    results: list[MapResult], manifest: dict[str, dict[str, str]], formats: tuple[str, ...]
) -> str:
    """A page that works offline and prints as one handout per map, each card in its
    map's language (the page's own words too, when every map shares one)."""
    esc = html.escape
    picture = next((fmt for fmt in ("svg", "png") if fmt in formats), None)
    toc, cards, languages = [], [], set()
    for result in results:
        entry = manifest.get(result.slug)
        if not entry:
            continue
        language = entry.get("language", "")
        languages.add(language or "en")
        words = Words(language)
        slug = esc(result.slug)
        toc.append(f'<li><a href="#{slug}">{esc(entry["title"])}</a></li>')
        links = " ".join(f'<a href="{slug}.{fmt}">{fmt.upper()}</a>' for fmt in formats)
        image = (
            f'<img src="{slug}.{picture}" alt="{esc(words["argument_map"])}: '
            f'{esc(entry["title"])}">'
            if picture
            else ""
        )
        source = (
            f'<p class="source">{esc(words["source"])}: {esc(entry["source"])}</p>'
            if entry["source"]
            else ""
        )
        lang = f' lang="{esc(language)}"' if language else ""
        cards.append(
            f'<article id="{slug}"{lang}>\n<h2>{esc(entry["title"])}</h2>\n{source}\n'
            f'{image}\n<p class="formats">{links}</p>\n<details><summary>'
            f"{esc(words['outline'])}</summary>\n{entry['outline']}</details>\n</article>"
        )
    failed = [
        r for r in results if (r.issues and any(i.severity == "error" for i in r.issues)) or r.error
    ]
    errors = ""
    if failed:
        items = "".join(
            f"<li>{esc(r.path)}: {esc(r.error or _first_error(r.issues))}</li>" for r in failed
        )
        errors = f'<section class="errors"><h2>Maps with errors</h2><ul>{items}</ul></section>'
    shared = languages.pop() if len(languages) == 1 else "en"
    return _PAGE.format(
        version=__version__,
        lang=esc(shared),
        heading=esc(Words(shared)["argument_maps"]),
        toc="\n".join(toc),
        cards="\n".join(cards),
        errors=errors,
    )


def _first_error(issues: list[Issue]) -> str:
    first = next(i for i in issues if i.severity == "error")
    count = sum(i.severity == "error" for i in issues)
    more = f" (and {count - 1} more)" if count > 1 else ""
    return f"line {first.line}: {first.message}{more}"
