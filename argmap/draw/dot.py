"""DOT text as small pure functions: statements, attribute lists, subgraphs, the graph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A DOT ID that needs no quotes: a name or a numeral, as the graphviz package's quoting
# reads the grammar (tests hold the two equal); DOT's keywords always need them.
_BARE = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


def quote(value: str) -> str:
    """A statement's attribute value: HTML-like labels as they are, all else double-quoted.

    Trying every value as a bare ID first, as the graphviz package does, was most of the
    drawing's time with thousands of claims; a quoted value is always valid DOT."""
    if value[:1] == "<" and value[-1:] == ">":
        return value
    return f'"{value}"' if '"' not in value else '"' + value.replace('"', '\\"') + '"'


def attributes(attrs: dict[str, str]) -> str:
    return " ".join([f"{name}={quote(value)}" for name, value in attrs.items()])


def node(name: str, label: str, attrs: dict[str, str]) -> str:
    return f"\t{quote(name)} [label={label} {attributes(attrs)}]\n"


def edge(tail: str, head: str, attrs: dict[str, str]) -> str:
    return f"\t{quote(tail)} -> {quote(head)} [{attributes(attrs)}]\n"


def quote_id(value: str) -> str:
    """A name or value bare where DOT allows it, else double-quoted."""
    if _BARE.match(value) and value.lower() not in _KEYWORDS:
        return value
    return quote(value)


def defaults(attrs: dict[str, str]) -> str:
    """Graph-wide attributes as graphviz writes them: sorted, bare where DOT allows."""
    return " ".join(f"{quote_id(name)}={quote_id(attrs[name])}" for name in sorted(attrs))


@dataclass
class Block:
    """A graph or subgraph being written: its attributes and its statements, in order."""

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)

    def subgraph(self) -> list[str]:
        """The block as a subgraph's lines, to go into another block's body."""
        head = f"\tsubgraph {quote(self.name)} {{\n\t\tgraph [{attributes(self.attrs)}]\n"
        return [head, *("\t" + line for line in self.body), "\t}\n"]


def digraph(
    name: str,
    graph: dict[str, str],
    nodes: dict[str, str],
    edges: dict[str, str],
    body: list[str],
) -> str:
    """The whole DOT text: defaults for graph, nodes and edges, then the statements."""
    head = [
        f"digraph {quote_id(name)} {{\n",
        f"\t{defaults(graph)}\n",
        f"\tnode [{defaults(nodes)}]\n",
        f"\tedge [{defaults(edges)}]\n",
    ]
    return "".join([*head, *body, "}\n"])
