"""Fitting a drawing to a slide by changing the drawing, never the font: the wrap width.

A tall picture (a chain of reasons) gets wider boxes of fewer lines; a wide one (many
siblings) narrower boxes of more lines. Each candidate is one cheap layout (Graphviz's
plain output); the width that lets the text be largest on the slide wins, the theme's own
width on a tie, so a map that already fits is drawn as before. The room above captioned
reason boxes goes too where that alone makes the text readable.
"""

from __future__ import annotations

from ..format import ArgumentMap, MapTree
from .drawing import PAD_PT, DrawOptions
from .engine import Engine, layout_size
from .graph import to_dot
from .themes import resolve_theme

READABLE_PT = 18.0
_WIDER = (38, 50, 64, 80, 100)
_NARROWER = (22, 18)
# Below this share of the readable size no width will rescue the picture: one layout only.
_HOPELESS = 0.55
# Within this share of the readable size the compact spacing is tried as well.
_NEARLY = 0.9
# A 16:9 slide holds about a dozen boxes of claim text at 18 pt (three or four rows of three
# or four); past this many no width makes a map fit, and trying would lay it out twice.
MAX_FITTED_CLAIMS = 20
# Maps of at most this many claims are fitted whatever the first layout gives.
_FEW = 4


def _claims_shown(tree: MapTree | None, options: DrawOptions) -> int:
    if tree is None:
        return _FEW + 1
    if options.view is None:
        return len(tree.claims)
    from .views import select

    return len(select(tree, options.view).tree.claims)


def text_pt(
    size: tuple[float, float], box: tuple[float, float], font: float, max_scale: float = 1.0
) -> float:
    """The claim text's size once the picture is scaled to fit the box (enlarged at most
    `max_scale` times: a slide tool fills its picture box, a web page does not)."""
    width, height = size
    return font * min(max_scale, box[0] / width, box[1] / height)


def fit(
    model: ArgumentMap,
    tree: MapTree | None,
    options: DrawOptions,
    engine: Engine,
    box: tuple[float, float],
    timeout: float = 30.0,
    target_pt: float = READABLE_PT,
    max_scale: float = 1.0,
    may_drop_room: bool = True,
) -> tuple[DrawOptions, float]:
    """The options with the best wrap width, and the claim text size they give in `box`.

    Readable text comes before roomy arrows: where no width reaches `target_pt` with the
    room above captioned boxes (plan.room_below) and one does without it, the room goes (unless
    the caller has another way, as a deck has: a slide showing less)."""
    chosen, size = _best_width(model, tree, options, engine, box, timeout, target_pt, max_scale)
    if may_drop_room and options.room and target_pt * _HOPELESS <= size < target_pt:
        spare = options._replace(room=False)
        unroomy, unroomy_size = _best_width(
            model, tree, spare, engine, box, timeout, target_pt, max_scale
        )
        if unroomy_size >= target_pt:
            return unroomy, unroomy_size
    if may_drop_room and target_pt * _NEARLY <= size < target_pt:
        # Last, where only that is missing: boxes closer, text nearer their borders.
        for spare in (options._replace(compact=True), options._replace(compact=True, room=False)):
            closer, closer_size = _best_width(
                model, tree, spare, engine, box, timeout, target_pt, max_scale
            )
            if closer_size >= target_pt:
                return closer, closer_size
    return chosen, size


def _best_width(
    model: ArgumentMap,
    tree: MapTree | None,
    options: DrawOptions,
    engine: Engine,
    box: tuple[float, float],
    timeout: float,
    target_pt: float,
    max_scale: float,
) -> tuple[DrawOptions, float]:
    fixed = model.style is not None and bool(model.style.width)
    font = resolve_theme(options.theme, model.style).font_size
    default = resolve_theme(options.theme, model.style).width

    def measure(width: int) -> tuple[float, float]:
        drawing = to_dot(model, options._replace(width=width), tree)
        return layout_size(engine, drawing.dot, timeout, PAD_PT)

    size = measure(options.width or default)
    best_width, best_pt = options.width or default, text_pt(size, box, font, max_scale)
    if fixed:  # the author chose a width
        return options, best_pt
    # A few long claims are never hopeless: a wider box is what rescues them (a claim of
    # 950 characters was left a narrow column at 12 pt while render drew it at 20).
    hopeless = best_pt < target_pt * _HOPELESS and _claims_shown(tree, options) > _FEW
    if best_pt >= target_pt or hopeless:
        return options._replace(width=best_width), best_pt
    too_tall = size[1] / size[0] > box[1] / box[0]
    for width in _WIDER if too_tall else _NARROWER:
        candidate = text_pt(measure(width), box, font, max_scale)
        if candidate > best_pt + 0.05:
            best_width, best_pt = width, candidate
        if best_pt >= target_pt:
            break
    return options._replace(width=best_width), best_pt
