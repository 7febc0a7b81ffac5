"""A cross-link's words moved along its own line to where no other line runs through them.

Graphviz keeps an edge's external label off nodes but not off other edges, so a tree line
could run through "also opposes". After layout, each such label slides along its own
line (or just beside it) to the nearest place where no other line, no box and no other
label touches it; its own line may run under it (the words sit on it, on a patch of the
background). Where no such place is near (two cross-links sharing one corridor all the
way), the line that crosses the words is painted before them, so it runs under their patch
and never through the letters.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

_GROUP_HEAD = re.compile(rb'<g id="([^"]*)" class="(edge|node|cluster)([^"]*)"[^>]*>\n')
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
# Graphviz writes coordinates as plain decimals between commas, spaces and the path
# letters M and C: read at C speed by turning those into spaces (anything else: _NUMBER).
_SEPARATORS = bytes.maketrans(b",MC", b"   ")
_DECIMALS = re.compile(rb"[-\d. \t\n]*")
_PATH = re.compile(rb'<path[^>]*stroke="(?!none)[^"]*"[^>]*\sd="([^"]+)"')
_LABEL = re.compile(rb'<polygon fill="[^"]*" stroke="none" points="([^"]+)"/>')
_HEAD = re.compile(rb'<polygon fill="[^"]*" stroke="(?!none)[^"]*"[^>]*points="([^"]+)"')
_SHAPE = re.compile(rb'(?:points|d)="([^"]+)"')
_CANVAS = re.compile(rb'class="graph"[^>]*>\n<polygon fill="[^"]*" stroke="none" points="([^"]+)"')
_TEXT_AT = re.compile(rb'(<text[^>]*? x=")([-\d.]+)(" y=")([-\d.]+)(")')

Box = tuple[float, float, float, float]
Point = tuple[float, float]


class Group(NamedTuple):
    """One edge, node or cluster of Graphviz's SVG: its id, kind and classes, and where it
    and its body are in the text."""

    name: bytes
    kind: bytes
    classes: bytes
    start: int
    body: slice
    end: int  # after its </g>


def groups(svg: bytes) -> list[Group]:
    """Every edge, node and cluster group, in the order of the text."""
    found: list[Group] = []
    position = 0
    while head := _GROUP_HEAD.search(svg, position):
        close = svg.find(b"</g>", head.end())
        if close < 0:
            break
        name, kind, classes = head.groups()
        found.append(Group(name, kind, classes, head.start(), slice(head.end(), close), close + 4))
        position = close + 4
    return found


def place_crosslink_labels(svg: bytes) -> bytes:
    """The SVG with each cross-link label that another line crosses moved (or as it was)."""
    if b"crosslink" not in svg:
        return svg
    drawn = groups(svg)
    paths, shapes, labels = _read(svg, drawn)
    boxes = _Cells(shapes)
    canvas = _CANVAS.search(svg)
    inside = _bounds(_numbers(canvas.group(1))) if canvas else None
    placed: list[Box] = [box for _, box in labels]
    grid = _Lines(paths)
    moves: dict[bytes, Point] = {}
    for index, (group, box) in enumerate(labels):
        name = group.name
        rest = placed[:index] + placed[index + 1 :]
        if _clear(box, grid, name, boxes, rest, inside):
            continue
        found = _nearest_clear(box, grid, name, boxes, rest, inside)
        if found is not None:
            moves[name], placed[index] = found
    crossing = {
        group.name: under
        for (group, _), box in zip(labels, placed, strict=True)
        if (under := grid.crossing((box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1), group.name))
    }
    if not moves and not crossing:
        return svg
    out, last = [], 0
    for group in drawn:
        shift = moves.get(group.name)
        if shift is None:
            continue
        out += [svg[last : group.body.start], _shifted(svg[group.body], shift)]
        last = group.body.stop
    out.append(svg[last:])
    return _painted_under(b"".join(out), crossing)


def _read(
    svg: bytes, found: list[Group]
) -> tuple[dict[bytes, list[list[float]]], list[Box], list[tuple[Group, Box]]]:
    """Every line's path pieces (their numbers) by group, every box and arrowhead the
    words must not cover, and each cross-link's label with its box."""
    paths: dict[bytes, list[list[float]]] = {}
    boxes: list[Box] = []
    labels: list[tuple[Group, Box]] = []
    for group in found:
        body = svg[group.body]
        if group.kind == b"node":
            numbers = [n for shape in _SHAPE.findall(body) for n in _numbers(shape)]
            if numbers:
                boxes.append(_bounds(numbers))
            continue
        paths[group.name] = [_numbers(d) for d in _PATH.findall(body)]
        if group.kind == b"cluster":  # a reason's box: its border is a line like the others
            continue
        # Arrowheads, its own too: the words never hide where a line ends.
        boxes += [_bounds(_numbers(head)) for head in _HEAD.findall(body)]
        label = _LABEL.search(body)
        if b"crosslink" in group.classes and label:
            labels.append((group, _bounds(_numbers(label.group(1)))))
    return paths, boxes, labels


def _nearest_clear(
    box: Box, grid: _Lines, name: bytes, boxes: _Cells, rest: list[Box], inside: Box | None
) -> tuple[Point, Box] | None:
    """The shift to the clear place nearest the label's own line, and the box there: on
    its line, else just beside it (above, below, left, right, at the corners), at most
    20 pt off, so the words still read as the line's; nearest to the line first, then
    nearest to where Graphviz put them."""
    width, height = box[2] - box[0], box[3] - box[1]
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    points = grid.points(name)[::2]
    levels: list[list[Point]] = [[(0.0, 0.0)]]
    for gap in (3.0, 8.0, 14.0, 20.0):
        up, side = height / 2 + gap, width / 2 + gap
        levels.append([(0.0, -up), (0.0, up), (-side, 0.0), (side, 0.0), (-side, -up)])
        levels[-1] += [(side, -up), (-side, up), (side, up)]
    for offsets in levels:  # each gap's places sorted only when the nearer gaps failed
        candidates = sorted(
            ((x + dx - cx) ** 2 + (y + dy - cy) ** 2, x + dx, y + dy)
            for x, y in points
            for dx, dy in offsets
        )
        for _, x, y in candidates:
            moved = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if _clear(moved, grid, name, boxes, rest, inside):
                return (x - cx, y - cy), moved
    return None


def _painted_under(svg: bytes, crossing: dict[bytes, set[bytes]]) -> bytes:
    """Each labelled line's group moved after the lines that cross its words (edges come
    before boxes in Graphviz's SVG, so the move changes no other overlap); where two
    labels' lines cross each other's words, the later label wins."""
    if not crossing:
        return svg
    spans = {group.name: (group.start, group.end) for group in groups(svg) if group.kind == b"edge"}
    order = sorted(spans, key=lambda name: spans[name][0])
    for owner in [name for name in order if name in crossing]:
        after = [name for name in crossing[owner] if name in spans]
        last = max((order.index(name) for name in after), default=-1)
        if last > order.index(owner):
            order.remove(owner)
            order.insert(last, owner)  # `last` shifted down by one with the removal
    if order == sorted(spans, key=lambda name: spans[name][0]):
        return svg
    first = min(start for start, _ in spans.values())
    stop = max(end for _, end in spans.values())
    between = svg[first:stop]
    for name in spans:  # the edges must be one run, or moving them would reorder boxes
        start, end = spans[name]
        between = between.replace(svg[start:end], b"", 1)
    if between.strip():
        return svg
    body = b"\n".join(svg[spans[name][0] : spans[name][1]] for name in order)
    return svg[:first] + body + svg[stop:]


class _Cells:
    """Boxes by the cells of a coarse grid they touch, so a question about one place looks
    at the boxes near it only (a map of 1,000 claims has some 2,000 lines and boxes). Two
    boxes that touch share a cell, so this only ever leaves out what could not touch. A
    long line's box is filed by its rows (running across) or its columns (running down)
    instead of by hundreds of cells; one large both ways is always looked at."""

    SIZE = 144.0
    SPREAD = 12  # cells, rows or columns at most a box is filed in

    def __init__(self, boxes: dict[bytes, Box] | list[Box]):
        self.boxes: dict[bytes | int, Box] = dict(
            boxes.items() if isinstance(boxes, dict) else enumerate(boxes)
        )
        self.cells: dict[tuple[int, int], list[bytes | int]] = {}
        self.rows: dict[int, list[bytes | int]] = {}
        self.columns: dict[int, list[bytes | int]] = {}
        self.wide: list[bytes | int] = []
        for key, box in self.boxes.items():
            x0, y0, x1, y1 = self._span(box)
            if (x1 - x0 + 1) * (y1 - y0 + 1) <= self.SPREAD:
                for x in range(x0, x1 + 1):
                    for y in range(y0, y1 + 1):
                        self.cells.setdefault((x, y), []).append(key)
            elif y1 - y0 < self.SPREAD:
                for y in range(y0, y1 + 1):
                    self.rows.setdefault(y, []).append(key)
            elif x1 - x0 < self.SPREAD:
                for x in range(x0, x1 + 1):
                    self.columns.setdefault(x, []).append(key)
            else:
                self.wide.append(key)

    def _span(self, box: Box) -> tuple[int, int, int, int]:
        size = self.SIZE
        return int(box[0] // size), int(box[1] // size), int(box[2] // size), int(box[3] // size)

    def near(self, box: Box) -> set[bytes | int]:
        x0, y0, x1, y1 = self._span(box)
        found = set(self.wide)
        for x in range(x0, x1 + 1):
            found.update(self.columns.get(x, ()))
            for y in range(y0, y1 + 1):
                found.update(self.cells.get((x, y), ()))
        for y in range(y0, y1 + 1):
            found.update(self.rows.get(y, ()))
        return found

    def any_overlaps(self, box: Box) -> bool:
        return any(_overlap(box, self.boxes[key]) for key in self.near(box))


class _Lines:
    """Each line sampled only when a label's box meets the box of its control points (a
    curve lies inside those): most labels are clear, and their check samples few lines."""

    def __init__(self, paths: dict[bytes, list[list[float]]]):
        self.paths = paths
        self.hulls: dict[bytes, Box] = {}
        for name, found in paths.items():
            numbers = [n for d in found for n in d]
            if numbers:
                self.hulls[name] = _bounds(numbers)
        self.near = _Cells(self.hulls).near
        self.sampled: dict[bytes, list[Point]] = {}
        self.ordered: dict[bytes, tuple[list[float], list[Point]]] = {}

    def points(self, name: bytes) -> list[Point]:
        if name not in self.sampled:
            self.sampled[name] = [p for d in self.paths.get(name, []) for p in _sampled(d)]
        return self.sampled[name]

    def crossed(self, box: Box, own: bytes) -> bool:
        """A point of a line other than `own` strictly inside the box."""
        return any(self._through(name, box) for name in self._near(box) if name != own)

    def crossing(self, box: Box, own: bytes) -> set[bytes]:
        """The lines other than `own` with a point strictly inside the box."""
        return {name for name in self._near(box) if name != own and self._through(name, box)}

    def _near(self, box: Box) -> list[bytes]:
        return [name for name in self.near(box) if isinstance(name, bytes)]

    def _through(self, name: bytes, box: Box) -> bool:
        if not _touches(self.hulls[name], box):
            return False
        xs, points = self._by_x(name)
        for index in range(bisect.bisect_right(xs, box[0]), bisect.bisect_left(xs, box[2])):
            if box[1] < points[index][1] < box[3]:
                return True
        return False

    def _by_x(self, name: bytes) -> tuple[list[float], list[Point]]:
        if name not in self.ordered:
            points = sorted(self.points(name))
            self.ordered[name] = ([x for x, _ in points], points)
        return self.ordered[name]


def _clear(
    box: Box, grid: _Lines, own: bytes, nodes: _Cells, labels: list[Box], inside: Box | None
) -> bool:
    """No other line through it, no box or label under it, and all of it on the canvas."""
    if inside and not (
        inside[0] <= box[0] and inside[1] <= box[1] and box[2] <= inside[2] and box[3] <= inside[3]
    ):
        return False
    if grid.crossed((box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1), own):
        return False
    return not nodes.any_overlaps(box) and not any(_overlap(box, other) for other in labels)


def _touches(a: Box, b: Box) -> bool:
    """Overlap or touch: a straight line's box has no width or no height."""
    return min(a[2], b[2]) >= max(a[0], b[0]) and min(a[3], b[3]) >= max(a[1], b[1])


def _overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _shifted(body: bytes, shift: Point) -> bytes:
    """The label's patch and words moved; its line stays where Graphviz drew it."""
    dx, dy = shift

    def polygon(match: re.Match[bytes]) -> bytes:
        points = _points(match.group(1))
        moved = " ".join(f"{x + dx:.2f},{y + dy:.2f}" for x, y in points)
        return match.group(0).replace(match.group(1), moved.encode())

    def text(match: re.Match[bytes]) -> bytes:
        x, y = float(match.group(2)) + dx, float(match.group(4)) + dy
        return (
            match.group(1)
            + f"{x:.2f}".encode()
            + match.group(3)
            + f"{y:.2f}".encode()
            + match.group(5)
        )

    return _TEXT_AT.sub(text, _LABEL.sub(polygon, body))


def _numbers(text: bytes) -> list[float]:
    """x, y, x, y, …: the numbers of a list of points (a last one without a partner left
    out)."""
    spaced = text.translate(_SEPARATORS)
    if _DECIMALS.fullmatch(spaced):
        numbers = list(map(float, spaced.split()))
    else:
        numbers = [float(n) for n in _NUMBER.findall(text)]
    if len(numbers) % 2:
        numbers.pop()
    return numbers


def _points(text: bytes) -> list[Point]:
    numbers = _numbers(text)
    return list(zip(numbers[::2], numbers[1::2], strict=False))


def _bounds(numbers: list[float]) -> Box:
    """The box of the points x, y, x, y, …"""
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _curve(d: bytes, steps: int | None = None) -> list[Point]:
    """Points along a path of cubic pieces (M x,y C x,y x,y x,y …), as Graphviz writes: by
    default one every 4 pt or so, so no label (17 pt tall) fits between two of them."""
    return _sampled(_numbers(d), steps)


def _sampled(numbers: list[float], steps: int | None = None) -> list[Point]:
    points = list(zip(numbers[::2], numbers[1::2], strict=False))
    if not points:
        return []
    sampled = [points[0]]
    for start in range(0, len(points) - 3, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[start : start + 4]
        hull = (abs(x1 - x0) + abs(y1 - y0)) + (abs(x2 - x1) + abs(y2 - y1))
        hull += abs(x3 - x2) + abs(y3 - y2)
        count = steps or max(4, min(200, int(hull / 4)))
        sampled += [
            (a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3)
            for a, b, c, e in _weights(count)
        ]
    return sampled


@functools.cache
def _weights(count: int) -> tuple[tuple[float, float, float, float], ...]:
    """The four Bernstein weights at t = 1/count, 2/count, … 1."""
    weights = []
    for step in range(1, count + 1):
        t = step / count
        u = 1 - t
        weights.append((u**3, 3 * u * u * t, 3 * u * t * t, t**3))
    return tuple(weights)
