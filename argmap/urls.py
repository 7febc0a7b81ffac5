"""Which links a map may carry: a leaf, so SVG post-processing needs no pydantic or YAML."""

from __future__ import annotations

SAFE_SCHEMES = ("http", "https", "mailto")


def is_safe_url(url: str) -> bool:
    """http(s), mailto, or relative: what a slide or web page can follow without risk."""
    head = url.strip().split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return not url.strip().startswith("//") and not any(ord(c) < 32 for c in url)
    return head.split(":", 1)[0].lower() in SAFE_SCHEMES
