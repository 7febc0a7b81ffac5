"""`argmap slides`: every slide readable at 18 pt, every claim in full somewhere, few slides."""

from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import argmap
from argmap.cli import cli
from argmap.draw.views import branches_under
from argmap.format.tree import build_tree
from argmap.present.slideshape import MAX_SCALE, content_box

from .conftest import ROOT, SUMMIT

SVG = "{http://www.w3.org/2000/svg}"


def _sizes(svg: bytes, aspect: str = "16:9") -> tuple[float, float]:
    """The smallest claim text and the smallest text of any kind, in points on the slide."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    box_w, box_h = content_box(aspect)
    scale = min(box_w / width, box_h / height, MAX_SCALE)
    claim, other = [], []
    for group in root.iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        sizes = [float(t.get("font-size")) for t in group.iter(f"{SVG}text")]
        (claim if "claim" in classes else other).extend(sizes)
    return min(claim) * scale, min(claim + other) * scale


def _texts(svg: bytes) -> str:
    root = ET.fromstring(svg)
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    return "\n".join(titles)


@pytest.fixture(scope="module")
def summit_deck(tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("deck")
    formats = ["-f", "svg", "-f", "png", "-f", "pptx", "-f", "html", "-f", "md"]
    result = CliRunner().invoke(cli, ["slides", str(SUMMIT), "-o", str(out), *formats])
    assert result.exit_code == 0, result.output
    return out


def test_every_slide_is_readable_from_the_back_row(summit_deck):
    pictures = sorted(summit_deck.glob("summit-slide*.svg"))
    assert pictures
    for picture in pictures:
        claim_pt, any_pt = _sizes(picture.read_bytes())
        assert claim_pt >= 18 - 0.05, (picture.name, claim_pt)
        assert any_pt >= 14 - 0.05, (picture.name, any_pt)


def test_every_claim_in_full_on_some_slide_and_few_slides(summit_deck):
    tree = build_tree(argmap.load(SUMMIT))
    shown = "\n".join(_texts(p.read_bytes()) for p in summit_deck.glob("summit-slide*.svg"))
    for node in tree.claims:
        assert node.claim.text in shown, node.claim.text
    slides = len(list(summit_deck.glob("summit-slide*.svg"))) + 1  # and the title slide
    assert slides <= len(tree.claims) / 2


def test_stubs_name_the_slide_that_continues_them(summit_deck):
    stubs = []
    for picture in summit_deck.glob("summit-slide*.svg"):
        text = " ".join(ET.fromstring(picture.read_bytes()).itertext())
        stubs += re.findall(r"see slide (\d+)", text)
    assert stubs
    for number in stubs:
        assert (summit_deck / f"summit-slide{int(number):02d}.svg").exists()


LABELLED_REASONS = """\
title: Labels
thesis:
  text: The town should build a new library.
  reasons:
    - label: Crowded rooms
      premises:
        - text: The old library turns readers away on most afternoons.
        - text: A building that turns readers away fails its purpose.
    - label: Cheap land
      premises:
        - text: The council already owns a free plot near the station.
        - text: Building on owned land halves the cost of a new library.
  objections:
    - text: The money would do more good in schools.
"""


@pytest.mark.parametrize("name", ["free-transit", "phones-in-class", "labelled-reasons"])
def test_every_claim_is_drawn_in_full_on_some_slide(name, tmp_path):
    """Not only as its reason's label in the overview (labelled reasons whose premises
    have nothing below them were never shown in full)."""
    from click.testing import CliRunner

    if name == "labelled-reasons":
        path = tmp_path / "labels.yaml"
        path.write_text(LABELLED_REASONS)
    else:
        path = ROOT / "maps" / f"{name}.yaml"
    out = tmp_path / "deck"
    result = CliRunner().invoke(cli, ["slides", str(path), "-o", str(out), "-f", "svg"])
    assert result.exit_code == 0, result.output
    drawn: dict[str, list[str]] = {}
    for picture in out.glob("*.svg"):
        for group in ET.fromstring(picture.read_bytes()).iter(f"{SVG}g"):
            if "claim" in group.get("class", "").split():
                words = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
                drawn.setdefault(group.get("id", ""), []).append(" ".join(words.split()))
    for node in build_tree(argmap.load(path)).claims:
        text = " ".join(node.claim.text.split())
        assert any(text in words for words in drawn.get(node.key, [])), text


UNDERCUT_STEP = """\
title: Homework
thesis:
  text: Schools should abolish homework for pupils under twelve.
  reasons:
    - id: little-gain
      label: Little gain
      premises:
        - text: >-
            Large reviews of classroom research find almost no link between homework
            and test scores before secondary school.
        - text: A practice that costs family time should show a clear benefit to be kept.
        - text: Young pupils already spend six hours a day in lessons and need time to play.
      undercutters:
        - id: schools-not-pupils
          text: >-
            The reviews compare schools, not pupils, so a benefit for the pupils who do
            their homework carefully would not show up in them.
          rebuttals:
            - text: >-
                Studies that follow single pupils over years find the same small effect
                for the under-twelves.
              objections:
                - text: >-
                    Those studies rely on what parents report about homework time, which
                    is known to be inflated.
"""


def test_folded_undercutters_continue_under_the_step_they_attack(tmp_path):
    """Not on a slide of the middle premise alone, then on one without the reason."""
    from click.testing import CliRunner

    path = tmp_path / "homework.yaml"
    path.write_text(UNDERCUT_STEP)
    out = tmp_path / "deck"
    result = CliRunner().invoke(cli, ["slides", str(path), "-o", str(out), "-f", "svg"])
    assert result.exit_code == 0, result.output
    assert "does not fit" not in result.output
    drawn = []
    for picture in sorted(out.glob("*.svg")):
        ids = {g.get("id") for g in ET.fromstring(picture.read_bytes()).iter(f"{SVG}g")}
        drawn.append(ids)
        if "schools-not-pupils" in ids:
            assert "little-gain" in ids, picture.name  # the reason's box, or its label
    keys = {node.key for node in build_tree(argmap.load(path)).claims}
    for index, ids in enumerate(drawn):  # no slide repeats only what one before showed
        assert not any(ids & keys <= earlier for earlier in drawn[:index]), index


@pytest.mark.parametrize("seed", [1, 4])
def test_no_slide_only_repeats_the_slides_before_it(runner, tmp_path, seed):
    """A thesis whose one reason has a branch too deep for a slide: the overview showed
    the reason in full, and a second slide showed exactly that again."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    path = tmp_path / "map.yaml"
    path.write_text(generate(30, seed))
    out = tmp_path / "deck"
    result = runner.invoke(cli, ["slides", str(path), "-o", str(out), "-f", "svg"])
    assert result.exit_code == 0, result.output
    seen: set[tuple[str, str]] = set()
    for picture in sorted(out.glob("*.svg")):
        boxes = set()
        for group in ET.fromstring(picture.read_bytes()).iter(f"{SVG}g"):
            kinds = group.get("class", "").split()
            if "claim" in kinds or "basis" in kinds:
                words = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
                boxes.add((group.get("id", ""), " ".join(words.split())))
        assert boxes - seen, picture.name
        seen |= boxes


@pytest.mark.parametrize("name", ["summit", "free-transit", "phones-in-class"])
def test_every_stub_names_a_slide_showing_what_it_folds(name, tmp_path):
    """Also under a reason's box in the overview, and for a reason's undercutters."""
    from click.testing import CliRunner

    path = ROOT / "maps" / f"{name}.yaml"
    result = CliRunner().invoke(cli, ["slides", str(path), "-o", str(tmp_path), "-f", "svg"])
    assert result.exit_code == 0, result.output
    tree = build_tree(argmap.load(path))
    below: dict[str, list] = {}
    for link in tree.links:
        below.setdefault(link.target.key, []).append(link)
    nodes = {node.key: node for node in tree.claims}
    links = {link.key: link for link in tree.links}
    stubs = 0
    for picture in sorted(tmp_path.glob("*.svg")):
        root = ET.fromstring(picture.read_bytes())
        for group in root.iter(f"{SVG}g"):
            if "stub" not in group.get("class", "").split():
                continue
            stubs += 1
            text = " ".join(group.itertext())
            found = re.search(r"see slide (\d+)", text)
            assert found, (picture.name, text)
            target = (tmp_path / f"{name}-slide{int(found.group(1)):02d}.svg").read_bytes()
            key = group.get("id").removesuffix("-more")
            # A summarised reason's box (labels only) gathers its premises' stubs.
            owners = [nodes[key]] if key in nodes else links[key].premises
            folded = [
                p.key
                for owner in owners
                for link in branches_under(owner, below)
                for p in link.premises
            ]
            assert any(f'id="{key}"'.encode() in target for key in folded), (picture.name, text)
    assert stubs


def test_the_pptx_has_alt_text_notes_and_vector_pictures(summit_deck):
    from pptx import Presentation

    deck = Presentation(str(summit_deck / "summit.pptx"))
    slides = list(deck.slides)
    assert len(slides) == len(list(summit_deck.glob("summit-slide*.svg"))) + 1
    assert "Illusions of a summit" in slides[0].shapes.title.text
    for slide in slides[1:]:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1
        assert pictures[0]._element.nvPicPr.cNvPr.get("descr").startswith("Argument map:")
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    with zipfile.ZipFile(summit_deck / "summit.pptx") as package:
        names = package.namelist()
        assert sum(name.endswith(".svg") for name in names) == len(slides) - 1
        assert "svgBlip" in package.read("ppt/slides/slide2.xml").decode()


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_the_pptx_title_slide_is_centred(tmp_path, aspect):
    from pptx import Presentation

    from argmap.present.pptx import deck_pptx
    from argmap.present.slides import DeckOptions, make_deck

    model = argmap.load(ROOT / "maps" / "phones-in-class.yaml")
    deck = make_deck(model, build_tree(model), DeckOptions(aspect=aspect, png=True))
    presentation = Presentation(io.BytesIO(deck_pptx(deck)))
    width, height = presentation.slide_width, presentation.slide_height
    title = presentation.slides[0]
    heading, subtitle = title.shapes.title, title.placeholders[1]
    for shape in (heading, subtitle):
        assert abs(shape.left + shape.width / 2 - width / 2) < width * 0.01, aspect
        assert shape.width > width * 0.8
        assert shape.top > 0 and shape.height > height * 0.1  # on the slide, not a sliver
        assert shape.top + shape.height <= height
    assert heading.top + heading.height <= subtitle.top


def test_the_html_deck_loads_nothing_from_the_network(summit_deck):
    page = (summit_deck / "summit.html").read_text()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert page.count('<section class="slide"') == len(list(summit_deck.glob("*.svg"))) + 1
    assert "requestFullscreen" in page and "@media print" in page


def test_the_markdown_deck_names_its_pictures_and_notes(summit_deck):
    text = (summit_deck / "summit.md").read_text()
    assert text.startswith("---\ntitle:") and "marp: true" in text
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert pictures and all((summit_deck / name).exists() for name in pictures)
    assert text.count("<!--") == len(pictures)


def test_a_claim_too_long_for_a_slide_is_named_and_the_deck_still_written(runner, tmp_path):
    words = "word" * 400  # one unbreakable word: no box and no text slide holds it at 18 pt
    path = tmp_path / "long.yaml"
    path.write_text(f"title: t\nthesis:\n  text: A claim.\n  reasons:\n    - text: {words}.\n")
    result = runner.invoke(cli, ["slides", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "does not fit one slide" in result.stderr and "wordword" in result.stderr
    assert (tmp_path / "out" / "long.html").exists()


def test_steps_inside_slides(runner, tmp_path):
    path = ROOT / "maps" / "phones-in-class.yaml"
    result = runner.invoke(cli, ["slides", str(path), "-o", str(tmp_path), "--steps", "-f", "svg"])
    assert result.exit_code == 0, result.output
    pictures = sorted(tmp_path.glob("*.svg"))
    boxes = {re.search(rb'viewBox="([^"]+)"', p.read_bytes()).group(1) for p in pictures}
    assert len(pictures) > len(boxes)  # several steps share one layout


@pytest.mark.skipif(sys.platform == "win32", reason="timing on the CI machine")
def test_a_300_claim_map_gives_a_readable_deck(runner, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    path = tmp_path / "big.yaml"
    path.write_text(generate(300))
    out = tmp_path / "deck"
    result = runner.invoke(cli, ["slides", str(path), "-o", str(out), "-f", "svg"])
    assert result.exit_code == 0, result.output
    pictures = list(out.glob("*.svg"))
    assert len(pictures) + 1 <= 150
    for picture in pictures:
        claim_pt, any_pt = _sizes(picture.read_bytes())
        assert claim_pt >= 18 - 0.05 and any_pt >= 14 - 0.05, picture.name
    shown = "\n".join(_texts(p.read_bytes()) for p in pictures)
    for node in build_tree(argmap.load(path)).claims:
        assert " ".join(node.claim.text.split()) in shown


def test_4_3_decks_fit_their_own_slide(runner, tmp_path):
    result = runner.invoke(
        cli,
        [
            "slides",
            str(ROOT / "maps" / "free-transit.yaml"),
            "-o",
            str(tmp_path),
            "--aspect",
            "4:3",
            "-f",
            "svg",
        ],
    )
    assert result.exit_code == 0, result.output
    for picture in Path(tmp_path).glob("*.svg"):
        assert _sizes(picture.read_bytes(), "4:3")[0] >= 18 - 0.05


def test_declared_views_come_first(runner, tmp_path):
    text = SUMMIT.read_text().replace(
        "\nthesis:\n",
        "\nviews:\n  russia: {root: moscow-cannot, depth: 1, title: Russia's side}\n\nthesis:\n",
        1,
    )
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    for seed in (ROOT / "seeds").glob("*.txt"):
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "argmap.toml").write_text("")
    path = tmp_path / "maps" / "summit.yaml"
    path.write_text(text)
    out = tmp_path / "deck"
    result = runner.invoke(cli, ["slides", str(path), "-o", str(out), "-f", "md"])
    assert result.exit_code == 0, result.output
    titles = re.findall(r"^## (.+)$", (out / "summit.md").read_text(), flags=re.M)
    assert titles[0] == "Russia's side" and titles[1].startswith("Overview")


@pytest.mark.parametrize(
    "title",
    [
        "A label that goes on and on about the many reasons for the summit being futile",
        "Overview (2 of 3)",
        "Supercalifragilisticexpialidocious" * 3,
        "Because: the North must clarify its will to denuclearize first (2 of 3)",
    ],
)
def test_slide_titles_are_cut_at_a_word(title):
    from argmap.present.slideshape import TITLE_CHARACTERS, slide_title

    numbering = title[title.rindex(" (") + 1 :] if title.endswith(")") else ""
    cut = slide_title(title.removesuffix(f" {numbering}") if numbering else title, numbering)
    assert len(cut) <= TITLE_CHARACTERS
    if cut == title:
        return
    words = title.split()
    kept = cut.replace(" …", "").split(" (")[0].split()
    assert kept == words[: len(kept)] or len(words) == 1  # whole words, from the start
    assert title.endswith(")") == cut.endswith(")")


_LONG = (
    "The city council should immediately adopt a comprehensive plan to make every bus and "
    "tram line in the metropolitan area free of charge for all residents and visitors, "
    "because fares deter the poorest riders, slow down boarding, and cost nearly as much "
    "to collect as they bring in, while free transit would cut traffic and emissions."
)


@pytest.mark.parametrize(
    "text",
    [
        f"title: Two long claims\nthesis:\n  text: {_LONG}\n  reasons:\n"
        f"    - text: {_LONG.replace('The city council', 'Our mayor')}\n",
        "title: One long claim\nthesis:\n  text: "
        + " ".join(f"w{n}ord" for n in range(160))[:950]
        + ".\n",
        "title: One long claim\nthesis:\n  text: "
        + " ".join(f"w{n}ord" for n in range(160))[:900]
        + ".\n",
        "title: A thesis alone\nthesis:\n  text: Cities should run free buses.\n",
    ],
    ids=["two long claims", "950 characters", "900 characters", "a thesis alone"],
)
def test_long_claims_make_readable_decks(tmp_path, text):
    from argmap.present.slides import DeckOptions, make_deck

    model = argmap.load(text)
    deck = make_deck(model, build_tree(model), DeckOptions())
    assert deck.slides and not deck.warnings, deck.warnings
    for slide in deck.slides:
        assert _sizes(slide.svg)[0] >= 18 - 0.05, (slide.title, _sizes(slide.svg))


def test_no_overview_slide_holds_one_box_that_could_join_another():
    from argmap.present.slides import DeckOptions, make_deck

    model = argmap.load(SUMMIT)
    deck = make_deck(model, build_tree(model), DeckOptions())
    overviews = [slide for slide in deck.slides if slide.title.startswith("Overview (")]
    assert len(overviews) >= 2
    for slide in overviews:
        assert len(slide.spec.slide.only) >= 2, (slide.title, slide.spec.slide.only)


def test_every_cross_link_is_in_the_notes_of_a_slide_showing_it():
    from argmap.present.slides import DeckOptions, make_deck, notes_for

    path = ROOT / "maps" / "free-transit.yaml"
    model = argmap.load(path)
    tree = build_tree(model)
    deck = make_deck(model, tree, DeckOptions())
    notes = "\n".join(notes_for(slide, deck.words) for slide in deck.slides)
    verbs = [c.relation for c in tree.crosslinks]
    assert verbs and notes.count(" also opposes: ") + notes.count(" also supports: ") >= len(verbs)
    for crosslink in tree.crosslinks:
        verb = "supports" if crosslink.relation == "support" else "opposes"
        assert f" also {verb}: " in notes


def test_a_claim_too_long_for_any_box_gets_text_slides_of_its_own():
    from argmap.present.slides import DeckOptions, make_deck, notes_for

    sentence = "Fares keep the poorest riders off the buses the city runs for them. "
    post = sentence * 45  # about 3,000 characters: an Internet Argument Corpus post
    text = (
        f"title: A forum thread\nthesis:\n  text: {post}\n  reasons:\n"
        f"    - label: Second post\n      text: {sentence * 22}\n"
        "  objections:\n    - text: Free buses would cost the city too much.\n"
    )
    model = argmap.load(text)
    deck = make_deck(model, build_tree(model), DeckOptions())
    assert not deck.warnings, deck.warnings
    for slide in deck.slides:
        assert _sizes(slide.svg)[0] >= 18 - 0.05, (slide.title, _sizes(slide.svg))
    texts = [s for s in deck.slides if s.title.startswith("Fares keep the poorest")]
    assert len(texts) >= 3 and texts[0].title.endswith(f"(1 of {len(texts)})")
    titles = [t.text or "" for s in texts for t in ET.fromstring(s.svg).iter(f"{SVG}title")]
    shown = " ".join(" ".join(t.split()) for t in titles if t != "A forum thread")
    assert " ".join(post.split()) in shown  # every word, in order, across its slides
    overview = deck.slides[0]
    assert post.strip() not in _texts(overview.svg) and "Fares keep the poorest" in _texts(
        overview.svg
    )
    assert " ".join(post.split()) in " ".join(notes_for(overview, deck.words).split())
    assert any(s.title.startswith("Second post (1 of") for s in deck.slides)


def _deep_with_crosslinks() -> str:
    """Three deep branches, so no slide shows the whole map; two claims deep down bear on
    the thesis and on another branch's reason by cross-links only."""
    lines = ["title: Cross deck", "thesis:", "  id: t"]
    lines += ["  text: The town should close the old library and build a new one.", "  reasons:"]
    for i in range(3):
        lines += [f"    - id: r{i}", f"      text: Reason {i} says the old building costs more.."]
        lines += ["      reasons:"]
        for j in range(3):
            lines += [
                f"        - id: r{i}x{j}",
                f"          text: Evidence {i}.{j} shows rising bills.",
            ]
            lines += ["          reasons:"]
            for k in range(2):
                lines.append(f"            - id: r{i}x{j}x{k}")
                crossing = {(0, 0, 0): "opposes: [t]", (1, 1, 1): "opposes: [r2]"}.get((i, j, k))
                if crossing:
                    lines.append(f"              {crossing}")
                lines.append(f"              text: Detail {i}.{j}.{k} from the heating audit.")
    return "\n".join(lines) + "\n"


def test_a_cross_link_leaving_a_slide_ends_in_a_stub_naming_where_its_far_end_is():
    """A cross-link was drawn only on a slide with both its ends: on a deep map none, and
    the overview of a thesis attacked only by cross-links showed no attack."""
    from argmap.present.slides import DeckOptions, make_deck

    model = argmap.load(_deep_with_crosslinks())
    tree = build_tree(model)
    deck = make_deck(model, tree, DeckOptions())
    overview = deck.slides[0]
    assert overview.title.startswith("Overview")
    shown = {slide.number: {node.key for node in slide.claims} for slide in deck.slides}
    # The attack on the thesis, from a stub naming the slide its claim is drawn on.
    groups = {g.get("id"): g for g in ET.fromstring(overview.svg).iter(f"{SVG}g")}
    stub = groups["r0x0x0-away"]
    assert stub.get("class") == "node crosslink-stub" and "r0x0x0-opposes-t" in groups
    title = stub.find(f"{SVG}title").text
    number = int(re.fullmatch(r"Detail 0\.0\.0 .*\(see slide (\d+)\)", title).group(1))
    assert "r0x0x0" in shown[number]
    # An arrow into a claim whose branch is folded enters at a corner, not on the spot
    # where the stub's dashed line leaves (it did, under Reason 2).
    starts = [
        [float(n) for n in re.findall(r"-?\d+\.?\d*", g.find(f"{SVG}path").get("d"))[:2]]
        for g in groups.values()
        if "stub-link" in (g.get("class") or "")
    ]
    heads = [
        [float(n) for n in re.findall(r"-?\d+\.?\d*", g.find(f"{SVG}polygon").get("points"))]
        for g in groups.values()
        if "crosslink" in (g.get("class") or "").split()
    ]
    assert starts and heads
    for head in heads:
        xs, ys = head[::2], head[1::2]
        for x, y in starts:
            assert not (min(xs) - 4 <= x <= max(xs) + 4 and min(ys) - 4 <= y <= max(ys) + 4)
    for crosslink in tree.crosslinks:  # every one is drawn on some slide, whole or as a stub
        assert any(f'id="{crosslink.key}"' in s.svg.decode() for s in deck.slides)
    for slide in deck.slides:
        assert _sizes(slide.svg)[0] >= 17.95, slide.title
