"""Maps inside documents: the figure entry point, Markdown and MkDocs, Sphinx and MyST,
pandoc, and Jupyter, each built for real."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from argmap import render
from argmap.errors import ArgmapError
from argmap.present.figure import figure

from .conftest import ROOT, SUMMIT

BIN = Path(sys.executable).parent
PHONES = ROOT / "maps" / "phones-in-class.yaml"
INLINE = """\
title: Phones
thesis:
  id: ban
  text: Our school should ban phones during lessons.
  reasons:
    - id: focus
      text: Phones pull students' attention away from the lesson.
"""
BROKEN = "title: broken\nthesis:\n  id: t\n  txt: oops\n"


def _ids(html: str) -> list[str]:
    return re.findall(r'\bid="([^"]*)"', html)


def _tool(name: str) -> str:
    """A program the document tests drive; in CI a missing one is a failure."""
    found = shutil.which(name) or (str(BIN / name) if (BIN / name).exists() else None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} must be installed for CI (.ci/run)")
        pytest.skip(f"{name} is not installed")
    return found


def _run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """A build in `folder`, with this environment's scripts (argmap-pandoc) on the PATH."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)


def _project(tmp_path: Path) -> Path:
    """A course folder with the example maps and the article they quote."""
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path


# -- the entry point -------------------------------------------------------------------------


def test_every_id_and_reference_is_prefixed_so_two_figures_never_clash():
    first = figure(SUMMIT, prefix="one-")
    second = figure(SUMMIT, prefix="two-")
    for drawn, prefix in ((first, "one-"), (second, "two-")):
        ids = _ids(drawn.svg)
        assert len(ids) > 40 and len(ids) == len(set(ids))
        assert all(name.startswith(prefix) for name in ids)
        labelled = re.search(r'aria-labelledby="([^"]*)"', drawn.svg).group(1).split()
        assert labelled and set(labelled) <= set(ids)
        assert not drawn.svg.startswith("<?xml")
    assert not set(_ids(first.svg)) & set(_ids(second.svg))


def test_without_a_prefix_figures_of_different_maps_still_differ():
    assert not set(_ids(figure(SUMMIT).svg)) & set(_ids(figure(PHONES).svg))


def test_a_figure_is_drawn_as_render_draws_it():
    drawn = figure(PHONES, theme="print", prefix="p-")
    rendered = render(PHONES, theme="print").decode()
    unprefixed = drawn.svg.replace('id="p-', 'id="').replace("p-argmap-", "argmap-")
    unprefixed = unprefixed.replace(' style="max-width:100%;height:auto"', "")
    assert unprefixed.strip() == rendered[rendered.index("<svg") :].strip()


def test_a_figure_keeps_title_and_desc_and_shrinks_with_the_page():
    drawn = figure(PHONES, alt="Phones in class, as a map", caption="Week 3")
    assert "<title id=" in drawn.svg and "<desc id=" in drawn.svg
    assert ">Phones in class, as a map</title>" in drawn.svg
    assert 'style="max-width:100%;height:auto"' in drawn.svg and "viewBox=" in drawn.svg
    assert drawn.html().endswith("<figcaption>Week 3</figcaption>\n</figure>")
    assert {path.name for path in drawn.depends} == {"phones-in-class.yaml"}
    assert {path.name for path in figure(SUMMIT).depends} == {
        "summit.yaml",
        "illusions-of-a-summit-with-russia.txt",
    }


def test_inline_yaml_is_checked_against_its_base_and_located_in_the_document(tmp_path):
    (tmp_path / "text.txt").write_text("Phones distract. Bans work.\n")
    good = INLINE + "source:\n  text: text.txt\n"
    good = good.replace("lesson.\n", "lesson.\n      quote: Phones distract.\n", 1)
    assert figure(good, base=tmp_path).svg
    bad = good.replace("quote: Phones distract.", "quote: Phones are banned in Korea.")
    with pytest.raises(ArgmapError) as caught:
        figure(bad, base=tmp_path, where=("notes.md", 10))
    (issue,) = [i for i in caught.value.issues if i.severity == "error"]
    assert (issue.file, issue.code, issue.line) == ("notes.md", "E205", 10 + 8)


def test_unknown_options_and_names_are_errors_not_tracebacks():
    with pytest.raises(ArgmapError) as caught:
        figure(PHONES, theme="neon")
    assert caught.value.issues[0].code == "E014" and "neon" in caught.value.issues[0].message
    with pytest.raises(ArgmapError) as caught:
        figure(PHONES, view="nope")
    assert "declares no view" in caught.value.issues[0].message


# -- Python-Markdown and MkDocs ----------------------------------------------------------------


def _markdown(text: str, **configs: object) -> str:
    markdown = pytest.importorskip("markdown")
    return markdown.markdown(text, **configs)


def test_the_markdown_extension_draws_fences_and_shows_errors_in_place(tmp_path):
    project = _project(tmp_path)
    page = (
        "# Week 3\n\n```argmap\nfile: maps/summit.yaml\n```\n\n"
        "```argmap theme=print\nfile: maps/summit.yaml\n```\n\n"
        f"```argmap\n{INLINE}```\n\n~~~argmap\n{BROKEN}~~~\n"
    )
    html = _markdown(
        page,
        extensions=["argmap"],
        extension_configs={"argmap": {"base_dir": str(project)}},
    )
    assert html.count("<svg") == 3
    ids = _ids(html)
    assert len(ids) == len(set(ids))
    assert 'class="argmap-error"' in html
    # The broken fence opens on line 21; its `txt:` is the fourth line of its YAML.
    assert "page:25:3: error[E101]: unknown key `txt`" in html
    assert "did you mean `text`?" in html


def test_a_fence_naming_a_file_refuses_unknown_options(tmp_path):
    project = _project(tmp_path)
    html = _markdown(
        "```argmap\nfile: maps/summit.yaml\ncolour: red\n```\n",
        extensions=["argmap"],
        extension_configs={"argmap": {"base_dir": str(project)}},
    )
    assert "E014" in html and "unknown argmap option `colour`" in html


def test_the_superfences_fence_works_inside_an_admonition():
    pytest.importorskip("pymdownx")
    from argmap.documents.markdown import fence_format, fence_validator

    page = (
        '!!! note "Homework"\n\n    ```argmap theme="print"\n'
        "    file: maps/phones-in-class.yaml\n    ```\n"
    )
    fence = {"name": "argmap", "class": "argmap"}
    fence |= {"validator": fence_validator, "format": fence_format}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        html = _markdown(
            page,
            extensions=["admonition", "pymdownx.superfences"],
            extension_configs={"pymdownx.superfences": {"custom_fences": [fence]}},
        )
    finally:
        os.chdir(cwd)
    assert '<div class="admonition note">' in html and html.count("<svg") == 1


MKDOCS_YML = """\
site_name: Course
plugins: [argmap]
markdown_extensions:
  - argmap
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: argmap
          class: argmap
          validator: !!python/name:argmap.documents.markdown.fence_validator
          format: !!python/name:argmap.documents.markdown.fence_format
"""
MKDOCS_PAGE = """\
# Week 3

```argmap
file: maps/summit.yaml
```

!!! note "Homework"

    ```argmap theme="print"
    file: maps/phones-in-class.yaml
    ```
"""


def test_an_mkdocs_site_shows_two_maps_on_one_page(tmp_path, browser):
    mkdocs = _tool("mkdocs")
    project = _project(tmp_path)
    (project / "mkdocs.yml").write_text(MKDOCS_YML)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text(MKDOCS_PAGE)
    done = _run([mkdocs, "build", "--strict"], project)
    assert done.returncode == 0, done.stderr
    page = project / "site" / "index.html"
    html = page.read_text()
    assert html.count("<svg") == 2
    ids = _ids(html)
    assert len(ids) == len(set(ids))
    browser.get(page.as_uri())
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('figure.argmap-figure svg')].map(s => {"
        "const r = s.getBoundingClientRect(); return [r.width, r.height,"
        " s.querySelectorAll('g.node').length]; })"
    )
    assert len(sizes) == 2
    assert all(width > 200 and height > 50 and boxes > 3 for width, height, boxes in sizes)
    assert browser.get_screenshot_as_png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_mkdocs_strict_build_fails_on_a_broken_map_naming_the_page(tmp_path):
    mkdocs = _tool("mkdocs")
    project = _project(tmp_path)
    (project / "mkdocs.yml").write_text(MKDOCS_YML)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text(MKDOCS_PAGE + f"\n```argmap\n{BROKEN}```\n")
    done = _run([mkdocs, "build", "--strict"], project)
    assert done.returncode != 0
    assert "docs/index.md:17:3: error[E101]: unknown key `txt`" in done.stderr


# -- Sphinx and MyST ---------------------------------------------------------------------------

CONF = 'project = "Course"\nextensions = ["argmap.documents.sphinx", "myst_parser"]\n'
CONF += 'exclude_patterns = ["_build", "maps", "seeds"]\n'
INDEX_RST = """\
Week 3
======

.. argmap:: maps/summit.yaml
   :caption: The op-ed's argument

.. argmap:: maps/phones-in-class.yaml
   :theme: print
   :alt: Phones in class

.. toctree::

   notes
"""
NOTES_MD = """\
# Notes

```{argmap}
:theme: print

title: Phones
thesis:
  id: ban
  text: Our school should ban phones during lessons.
```
"""


def _sphinx(tmp_path: Path) -> tuple[str, Path]:
    builder = _tool("sphinx-build")
    pytest.importorskip("myst_parser")
    project = _project(tmp_path)
    (project / "conf.py").write_text(CONF)
    (project / "index.rst").write_text(INDEX_RST)
    (project / "notes.md").write_text(NOTES_MD)
    return builder, project


def test_a_sphinx_site_inlines_maps_and_rebuilds_when_a_map_or_its_text_changes(tmp_path):
    builder, project = _sphinx(tmp_path)

    def build() -> str:
        done = _run([builder, "-W", "-b", "html", ".", "_build/html"], project)
        assert done.returncode == 0, done.stderr
        return done.stdout

    build()
    index = (project / "_build" / "html" / "index.html").read_text()
    assert index.count("<svg") == 2 and "The op-ed&#x27;s argument</figcaption>" in index
    ids = _ids(index)
    assert len(ids) == len(set(ids))
    assert (project / "_build" / "html" / "notes.html").read_text().count("<svg") == 1
    assert "0 changed" in build()
    article = project / "seeds" / "illusions-of-a-summit-with-russia.txt"
    article.write_text(article.read_text() + "\n")
    assert "1 changed" in build()
    (project / "maps" / "phones-in-class.yaml").touch()
    os.utime(project / "maps" / "phones-in-class.yaml", (1e10, 1e10))
    assert "1 changed" in build()


def test_a_sphinx_build_warns_at_the_broken_line(tmp_path):
    builder, project = _sphinx(tmp_path)
    rst = INDEX_RST + "\n.. argmap::\n\n   " + BROKEN.replace("\n", "\n   ")
    (project / "index.rst").write_text(rst)
    done = _run([builder, "-W", "-b", "html", ".", "_build/html"], project)
    assert done.returncode != 0
    assert "index.rst:20: WARNING: argmap error[E101]: unknown key `txt`" in done.stderr
    assert "argmap: this map has errors" in (project / "_build/html/index.html").read_text()


def test_a_sphinx_latex_build_makes_a_pdf_with_the_maps(tmp_path):
    builder, project = _sphinx(tmp_path)
    _tool("latexmk")
    done = _run([builder, "-M", "latexpdf", ".", "_build"], project)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    latex = project / "_build" / "latex"
    assert (latex / "course.pdf").read_bytes()[:5] == b"%PDF-"
    figures = sorted(path.name for path in latex.glob("argmap-*.pdf"))
    assert figures == ["argmap-index-0.pdf", "argmap-index-1.pdf", "argmap-notes-0.pdf"]
    assert "\\sphinxincludegraphics" in (latex / "course.tex").read_text()


def test_a_sphinx_texinfo_build_uses_pngs_and_text_the_title(tmp_path):
    builder, project = _sphinx(tmp_path)
    assert _run([builder, "-W", "-b", "texinfo", ".", "_build/texinfo"], project).returncode == 0
    texinfo = project / "_build" / "texinfo"
    assert "@image{argmap-index-1,,,Phones in class,png}" in (texinfo / "course.texi").read_text()
    assert (texinfo / "argmap-index-1.png").read_bytes()[:4] == b"\x89PNG"
    assert _run([builder, "-W", "-b", "text", ".", "_build/text"], project).returncode == 0
    text = (project / "_build" / "text" / "index.txt").read_text()
    assert "[argument map: Phones in class]" in text


# -- pandoc ------------------------------------------------------------------------------------

HANDOUT = """\
# Handout

```{.argmap file="maps/summit.yaml" fig-cap="The op-ed's argument"}
```

```{.argmap theme=print}
file: maps/phones-in-class.yaml
```
"""


def _pandoc(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    pandoc = _tool("pandoc")
    return _run([pandoc, "handout.md", "--filter", "argmap-pandoc", *args], project)


def test_pandoc_to_html_inlines_both_maps(tmp_path):
    project = _project(tmp_path)
    (project / "handout.md").write_text(HANDOUT)
    done = _pandoc(project, "-s", "--metadata", "title=Handout", "-o", "handout.html")
    assert done.returncode == 0, done.stderr
    html = (project / "handout.html").read_text()
    assert html.count("<svg") == 2 and "<figcaption>The op-ed&#x27;s argument" in html
    ids = _ids(html)
    assert len(ids) == len(set(ids))


def test_pandoc_to_docx_and_latex_uses_png_and_pdf(tmp_path):
    project = _project(tmp_path)
    (project / "handout.md").write_text(HANDOUT)
    assert _pandoc(project, "-o", "handout.docx").returncode == 0
    with zipfile.ZipFile(project / "handout.docx") as docx:
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
        assert len(media) == 2
        assert all(docx.read(name)[:4] == b"\x89PNG" for name in media)
    done = _pandoc(project, "-t", "latex")
    assert done.returncode == 0, done.stderr
    included = re.findall(r"\\includegraphics(?:\[[^]]*\])?\{([^}]*)\}", done.stdout)
    assert len(included) == 2
    assert all((project / name).read_bytes()[:5] == b"%PDF-" for name in included)


def test_pandoc_shows_a_broken_block_and_can_stop_on_it(tmp_path):
    project = _project(tmp_path)
    (project / "handout.md").write_text(HANDOUT + f"\n```argmap\n{BROKEN}```\n")
    done = _pandoc(project, "-t", "html")
    assert done.returncode == 0
    assert "argmap block 3:4:3: error[E101]: unknown key `txt`" in done.stderr
    assert 'class="argmap-error"' in done.stdout
    os.environ["ARGMAP_STRICT"] = "1"
    try:
        assert _pandoc(project, "-t", "html").returncode != 0
    finally:
        del os.environ["ARGMAP_STRICT"]


# -- Jupyter -----------------------------------------------------------------------------------


def test_a_notebook_draws_cells_and_shows_located_errors(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    project = _project(tmp_path)
    cell = nbformat.v4.new_code_cell
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        cell("%load_ext argmap"),
        cell("%%argmap --theme print\n" + INLINE),
        cell("%argmap maps/summit.yaml --caption 'The op-ed'"),
        cell("%%argmap\n" + BROKEN),
        cell("%%argmap --colour red\n" + INLINE),
    ]
    client = nbclient.NotebookClient(
        notebook, timeout=120, resources={"metadata": {"path": project}}
    )
    client.execute()
    html = [
        output["data"]["text/html"]
        for c in notebook.cells
        for output in c.outputs
        if output.get("output_type") == "execute_result"
    ]
    assert len(html) == 2 and all("<svg" in page for page in html)
    assert "<figcaption>The op-ed</figcaption>" in html[1]
    assert not set(_ids(html[0])) & set(_ids(html[1]))
    errors = "".join(output.get("text", "") for output in notebook.cells[3].outputs)
    assert "cell:5:3: error[E101]: unknown key `txt`" in errors
    assert "Traceback" not in errors
    usage = "".join(output.get("text", "") for output in notebook.cells[4].outputs)
    assert "unrecognized arguments: --colour" in usage


def test_the_command_line_starts_without_any_document_integration():
    code = (
        "import sys, argmap.cli\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
        "('argmap.documents', 'markdown', 'sphinx', 'docutils', 'IPython', 'mkdocs')))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []
