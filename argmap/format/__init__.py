"""The map format: bytes in, a checked map out (model, claim tree, located issues).

yamlsource (YAML → located data) → validate (Pydantic models in model) → tree (claims,
links and cross-links with stable keys) → semantics (whole-map checks, quotes against the
source) — run as one call by loader. Nothing here imports drawing, presenting or the CLI.
"""
