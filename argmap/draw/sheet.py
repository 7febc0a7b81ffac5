"""What one drawing has written so far: its statements, and each element's title and key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import dot


@dataclass
class Sheet:
    """The statements written so far and, for SVG post-processing, each element's title
    (its tooltip) and the key that decides when it shows in a stepwise reveal."""

    hidden: frozenset[str]
    graph: dot.Block = field(default_factory=lambda: dot.Block("argmap"))
    titles: dict[str, str] = field(default_factory=dict)
    element_keys: dict[str, str] = field(default_factory=dict)

    def visible(self, key: str, **attrs: Any) -> dict[str, str]:
        """Hidden elements keep their place in the layout (stepwise reveal)."""
        if "id" in attrs:
            self.element_keys[attrs["id"]] = key
        if key in self.hidden:
            attrs["style"] = "invis"
            attrs["class"] = attrs.get("class", "") + " hidden"
        return {name: str(value) for name, value in attrs.items()}

    def line(self, tail: str, head: str, **attrs: str) -> None:
        self.graph.body.append(dot.edge(tail, head, attrs))
