"""The map as a nested outline: handouts, screen readers (the SVG's <desc>) and notes."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..words import ENGLISH, Words
from .markdown import md_text
from .model import ArgumentMap, Claim
from .tree import Link, MapTree, build_tree


def words_for(argmap: ArgumentMap) -> Words:
    """The map's words: its language's, with its own `style.words` in front."""
    return Words(argmap.language, argmap.style.words if argmap.style else None)


def connector(link: Link, *, step: bool = True, words: Words = ENGLISH) -> str:
    """because or for example; an attack on the thesis's side is "but", an attack on an
    attack (a defence of the thesis's side) "however", at any depth; an undercutter's word
    says it is against the step, not the claim."""
    if link.role == "reason":
        return words["for_example"] if link.kind == "example" else words["because"]
    word = words["however"] if link.side == "pro" else words["but"]
    return f"{word} ({words['against_the_step']})" if step and link.role == "undercut" else word


@dataclass
class Entry:
    """One line of the outline: a connector word and the claims it introduces."""

    word: str
    label: str | None
    claims: list[Claim]
    children: list[Entry] = field(default_factory=list)
    against: bool = False
    css: str = ""  # its class in HTML: the English word, whatever the language
    words: Words = ENGLISH


def outline_entries(argmap: ArgumentMap, tree: MapTree | None = None) -> Entry:
    tree = tree or build_tree(argmap)
    words = words_for(argmap)
    children: dict[int, list[Link]] = {}
    for link in tree.links:
        children.setdefault(id(link.target), []).append(link)

    def entry_for(link: Link) -> Entry:
        claims = [p.claim for p in link.premises]
        entry = Entry(
            connector(link, words=words),
            link.label,
            claims,
            against=link.side == "con",
            css=connector(link).split()[0],
            words=words,
        )
        for premise in link.premises:
            entry.children += [entry_for(child) for child in children.get(id(premise), [])]
        entry.children += [entry_for(child) for child in children.get(id(link), [])]
        return entry

    root = Entry(words["thesis"], None, [tree.thesis.claim], css="thesis", words=words)
    root.children = [entry_for(link) for link in children.get(id(tree.thesis), [])]
    return root


def _claim_text(claim: Claim, words: Words) -> str:
    parts = [" ".join(claim.text.split())]
    if claim.label:
        parts.insert(0, f"{claim.label}:")
    if claim.implicit:
        parts.insert(0, words["unstated"])
    if claim.quote:
        parts.append(f"(\u201c{' '.join(claim.quote.split())}\u201d)")
    if claim.basis:
        citation = f": {claim.basis.citation}" if claim.basis.citation else ""
        parts.append(f"[{words.basis(claim.basis.kind)}{citation}]")
    if claim.note:
        parts.append(f"{words['note']}: {claim.note}")
    return " ".join(parts)


def _head(entry: Entry) -> str:
    head = f"{entry.word} ({entry.label})" if entry.label else entry.word
    return f"{head} {entry.words['against']}" if entry.against else head


def source_citation(argmap: ArgumentMap) -> str | None:
    """The analysed text as one line: title, author, publisher, date, link."""
    source = argmap.source
    if source is None:
        return None
    parts = [source.title, source.author, source.publisher, source.date, source.url]
    written = [str(part) for part in parts if part]
    return ", ".join(written) if written else None


def _preamble(argmap: ArgumentMap) -> list[str]:
    citation = source_citation(argmap)
    return [f"{words_for(argmap)['source']}: {citation}"] if citation else []


def to_text(argmap: ArgumentMap, tree: MapTree | None = None) -> str:
    """Plain text, two spaces a level; linked co-premises joined by `+`."""
    lines = [argmap.title, *_preamble(argmap)]

    def walk(entry: Entry, depth: int) -> None:
        texts = " + ".join(_claim_text(c, entry.words) for c in entry.claims)
        lines.append(f"{'  ' * depth}{_head(entry)}: {texts}")
        for child in entry.children:
            walk(child, depth + 1)

    walk(outline_entries(argmap, tree), 0)
    return "\n".join(lines) + "\n"


def to_markdown(argmap: ArgumentMap, tree: MapTree | None = None) -> str:
    """A nested list in which every claim is the parent of what bears on it.

    Each entry opens with the same head as in the text outline (`because (label):`);
    co-premises, which only work together, follow it as one item each.
    """
    lines = [f"# {md_text(argmap.title)}", ""]
    if argmap.description:
        lines += [md_text(argmap.description), ""]
    if _preamble(argmap):
        lines += [*map(md_text, _preamble(argmap)), ""]

    def walk(entry: Entry, depth: int) -> None:
        pad = "  " * depth
        head = md_text(_head(entry))
        if len(entry.claims) == 1:
            lines.append(f"{pad}- **{head}:** {md_text(_claim_text(entry.claims[0], entry.words))}")
        else:
            lines.append(f"{pad}- **{head}:**")
            lines.extend(
                f"{pad}  - {md_text(_claim_text(claim, entry.words))}" for claim in entry.claims
            )
        for child in entry.children:
            walk(child, depth + 1)

    walk(outline_entries(argmap, tree), 0)
    return "\n".join(lines) + "\n"


def to_html(argmap: ArgumentMap, tree: MapTree | None = None) -> str:
    """An HTML fragment (nested lists, shaped like the Markdown), for galleries and handouts."""
    out = [f'<section class="argmap-outline"><h2>{html.escape(argmap.title)}</h2>']
    out += [f'<p class="source">{html.escape(line)}</p>' for line in _preamble(argmap)]

    def walk(entry: Entry) -> None:
        head = f"<strong>{html.escape(_head(entry))}:</strong>"
        if len(entry.claims) == 1:
            out.append(
                f'<li class="{entry.css}">{head} '
                f"{html.escape(_claim_text(entry.claims[0], entry.words))}"
            )
        else:
            out.append(f'<li class="{entry.css}">{head}<ul>')
            out.extend(f"<li>{html.escape(_claim_text(c, entry.words))}</li>" for c in entry.claims)
            out.append("</ul>")
        if entry.children:
            out.append("<ul>")
            for child in entry.children:
                walk(child)
            out.append("</ul>")
        out.append("</li>")

    out.append("<ul>")
    walk(outline_entries(argmap, tree))
    out.append("</ul></section>")
    return "\n".join(out) + "\n"
