"""Pydantic models of a template's answer files, built from the template itself.

One model describes every answer file of a template (each file holds a subset of the
sections). It validates the YAML (unknown sections, fields and columns, wrong types, too
many rows) and produces the JSON Schema that editors use, so the two never disagree.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Literal

from tui.core.template import Section, Template

if TYPE_CHECKING:  # imported where used: a command that finds every answer accepted before
    from pydantic import BaseModel  # (tui/core/accepted_answers.py) loads no pydantic

DONE_KEY = "klar"
DONE_VALUE = "ja"


def _alias_name(key: str) -> str:
    return "f_" + key.replace(".", "_")


def _section_model(section: Section) -> type[BaseModel]:
    from pydantic import ConfigDict, Field, create_model

    fields: dict[str, Any] = {_alias_name(spec.key): spec.answer_field(section.id) for spec in section.fields}
    fields[_alias_name(DONE_KEY)] = (Literal[DONE_VALUE, ""] | None, Field(
        None, alias=DONE_KEY, title="Klart",
        description="Skribentens markering att avsnittet är färdigskrivet (ja).")
    )
    return create_model(
        f"Avsnitt_{section.id.replace('.', '_')}",
        # The file model builds the validator for all sections at once (67 builds cost ~25 ms).
        __config__=ConfigDict(extra="forbid", title=section.number_title, defer_build=True),
        **fields,
    )


@functools.lru_cache(maxsize=16)
def answers_model(template: Template) -> type[BaseModel]:
    from pydantic import ConfigDict, Field, create_model

    fields: dict[str, Any] = {}
    for section in template.answerable():
        guidance = "\n\n".join(t for t in [section.guidance, *[f.section_guidance for f in section.fields]] if t)
        fields[_alias_name(section.id)] = (_section_model(section) | None, Field(
            None, alias=section.id, title=section.number_title, description=guidance or None))
    return create_model(
        "Svar",
        __config__=ConfigDict(extra="forbid", title=f"Svarsfil för {template.title} ({template.id})"),
        **fields,
    )


@functools.cache
def _editor_schema() -> Any:
    from pydantic.json_schema import GenerateJsonSchema

    class EditorSchema(GenerateJsonSchema):
        """Schema for editors: empty (``null``) allowed exactly where ``check`` allows it, written
        as a type list rather than pydantic's ``anyOf`` (clearer messages in editors), and no
        ``default: null`` noise."""

        def nullable_schema(self, schema: Any) -> Any:
            inner = self.generate_inner(schema["schema"])
            if isinstance(inner.get("type"), str):
                inner["type"] = [inner["type"], "null"]
                if "enum" in inner:
                    inner["enum"] = [*inner["enum"], None]
            elif "$ref" not in inner:  # a section's $ref: its definition allows null (below)
                return {"anyOf": [inner, {"type": "null"}]}
            return inner

        def default_schema(self, schema: Any) -> Any:
            return self.generate_inner(schema["schema"])

    return EditorSchema


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= _refs(value)
        return found
    if isinstance(node, list):
        return set().union(*map(_refs, node)) if node else set()
    return set()


def answers_json_schema(template: Template, key: str | None = None) -> dict[str, Any]:
    """The JSON Schema of the answer files, or with ``key`` (``"1.2"``) of the one file
    ``1.2.yaml``: only its sections, so a section placed in another file is an error there."""
    schema = answers_model(template).model_json_schema(by_alias=True, schema_generator=_editor_schema())
    sections = template.answerable() if key is None else template.sections_in_file(key)
    wanted = {s.id for s in sections}
    schema["properties"] = {sid: value for sid, value in schema["properties"].items() if sid in wanted}
    for section in sections:
        prop = schema["properties"][section.id]
        # pydantic leaves out a title equal to the referenced model's; editors show this one.
        prop["title"] = section.number_title
        # An empty section (`1.2.1:` with nothing under it) is accepted by check.
        schema["$defs"][prop["$ref"].rsplit("/", 1)[-1]]["type"] = ["object", "null"]
    used: set[str] = set()
    pending = _refs(schema["properties"])
    while pending:
        name = pending.pop()
        used.add(name)
        pending |= _refs(schema["$defs"][name]) - used
    schema["$defs"] = {name: value for name, value in schema["$defs"].items() if name in used}
    schema["$schema"] = _editor_schema().schema_dialect
    if key is None:
        schema["$id"] = f"https://aterrapport.invalid/schema/{template.id}.json"
    else:
        schema["$id"] = f"https://aterrapport.invalid/schema/{template.id}/{key}.json"
        schema["title"] = f"{key}.yaml i {template.title} ({template.id})"
    schema["description"] = (
        f"Svar i en återrapportering enligt mallen {template.title}. Varje nyckel är ett "
        "avsnitts nummer; under den står fälten (svar, insatser …).")
    return schema
