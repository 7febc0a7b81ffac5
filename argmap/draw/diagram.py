"""A map's diagram as an object: bytes in every format, and an SVG view for notebooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..choices import PICTURE_FORMATS
from ..errors import expect
from ..files import write_atomic
from ..format import ArgumentMap
from .render import RenderOptions, render_model, render_options


@dataclass
class Diagram:
    """What `argmap.diagram(model)` returns: Jupyter shows it as its SVG (erdantic's way,
    which keeps the format free of any drawing import)."""

    model: ArgumentMap
    options: RenderOptions = field(default_factory=RenderOptions)

    def render(self, format: str = "svg") -> bytes:
        return render_model(self.model, format, self.options)

    def save(self, path: str | Path, format: str | None = None) -> Path:
        """Write atomically; the format defaults to the file's suffix."""
        target = Path(path)
        chosen = format or target.suffix.lstrip(".").lower() or "svg"
        if chosen not in PICTURE_FORMATS:
            raise ValueError(
                f"cannot tell the format from {target.name!r}; "
                f"pass format= one of {', '.join(PICTURE_FORMATS)}"
            )
        write_atomic(target, self.render(chosen))
        return target

    def _repr_svg_(self) -> str:
        return self.render("svg").decode("utf-8")

    def source(self) -> Any:
        """The DOT as a `graphviz.Source`, for what that package does beyond argmap: its
        other output formats and engines, `.view()`, `.pipe()`. The picture is argmap's
        before post-processing (no titles, no moved cross-link words)."""
        import graphviz

        return graphviz.Source(self.render("dot").decode("utf-8"), engine="dot")


def diagram(model: ArgumentMap, **options: Any) -> Diagram:
    """The diagram of a loaded map, drawn with `render`'s keyword options."""
    expect(model, ArgumentMap, "model", "diagram", "a loaded map (argmap.load)")
    return Diagram(model, render_options(model, options))
