"""Golden pictures: tricky maps drawn to PNG and compared with reference pictures.

    python -m tests.pictures            # draw every case; write tests/pictures/review/index.html
                                        # (reference | new | difference) for each that changed
    python -m tests.pictures --accept   # the new pictures become the references

The cases are `tests/pictures/*.yaml`; their references the `.png` beside them, drawn by
the embedded engine at scale 1. `tests/test_pictures.py` fails when a picture moves more
than THRESHOLD of its pixels, and names this command.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "pictures"
REVIEW = FOLDER / "review"
# A pixel counts as changed when a channel moves by more than this (anti-aliasing noise
# from another font build stays under it); a picture fails when more than THRESHOLD of its
# pixels change, or its size does.
CHANNEL_TOLERANCE = 48
THRESHOLD = 0.005


def cases() -> list[Path]:
    return sorted(FOLDER.glob("*.yaml"))


def draw(case: Path) -> bytes:
    import argmap

    model = argmap.load(case)
    return argmap.render(model, "png", engine="pure", scale=1, slide="none")


def compare(reference: bytes, new: bytes) -> tuple[float, bytes]:
    """The share of pixels that changed, and a picture of where (red on grey)."""
    from PIL import Image, ImageChops

    old = Image.open(io.BytesIO(reference)).convert("RGB")
    now = Image.open(io.BytesIO(new)).convert("RGB")
    if old.size != now.size:
        return 1.0, new
    delta = (
        ImageChops.difference(old, now)
        .convert("L")
        .point(lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    )
    changed = sum(1 for value in delta.get_flattened_data() if value)
    marked = Image.composite(
        Image.new("RGB", now.size, (220, 0, 0)), now.convert("L").convert("RGB"), delta
    )
    buffer = io.BytesIO()
    marked.save(buffer, "PNG")
    return changed / (now.size[0] * now.size[1]), buffer.getvalue()


def review(accept: bool = False) -> int:
    """Draw every case; write the review page, or accept the new pictures."""
    REVIEW.mkdir(exist_ok=True)
    rows = []
    for case in cases():
        new = draw(case)
        reference = case.with_suffix(".png")
        if accept:
            reference.write_bytes(new)
            print(f"accepted {reference.name}")
            continue
        share, diff = compare(reference.read_bytes(), new) if reference.exists() else (1.0, new)
        status = "changed" if share > THRESHOLD else "same"
        print(f"{case.stem}: {share:.2%} of pixels differ ({status})")
        if status == "changed":
            (REVIEW / f"{case.stem}.new.png").write_bytes(new)
            (REVIEW / f"{case.stem}.diff.png").write_bytes(diff)
            rows.append(
                f"<h2>{html.escape(case.stem)}: {share:.2%}</h2>"
                f'<p>reference</p><img src="../{reference.name}">'
                f'<p>new</p><img src="{case.stem}.new.png">'
                f'<p>difference</p><img src="{case.stem}.diff.png">'
            )
    if not accept:
        page = REVIEW / "index.html"
        body = "".join(rows) or "<p>No picture changed.</p>"
        page.write_text(
            "<!doctype html><meta charset=utf-8><title>argmap pictures</title>"
            f"<style>img{{max-width:100%;border:1px solid #ccc}}</style>{body}"
        )
        print(f"review: {page}  (accept with: python -m tests.pictures --accept)")
    return 0


if __name__ == "__main__":
    sys.exit(review(accept="--accept" in sys.argv[1:]))
