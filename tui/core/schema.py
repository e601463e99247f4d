"""JSON Schema of ``rapport.yaml`` (the answer files' schema is in :mod:`tui.core.answers`)."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from tui.core.head import json_schema


def head_json_schema() -> dict[str, Any]:
    schema = json_schema()
    schema["$schema"] = GenerateJsonSchema.schema_dialect
    schema["$id"] = "https://aterrapport.invalid/schema/rapport.json"
    schema["description"] = "Huvudfilen i en återrapportering: mall, region, år, diarienummer, underskrift."
    return schema
