"""The JSON Schema editors use for completion, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

# Beside the package root, where maps name it (`$schema=../argmap/argmap.schema.json`).
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "argmap.schema.json"
SCHEMA_ID = "https://argmap.dev/schema/argmap.schema.json"


def schema_text() -> str:
    """The schema as the shipped file holds it (a test keeps the two equal)."""
    from .model import ArgumentMap

    schema = ArgumentMap.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
