"""The OpenAPI document turned into plain data a template can lay out for people (no JS viewer)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")


@dataclass(frozen=True)
class TypePart:
    """A piece of a type description; ``schema`` names a component schema to link to."""

    text: str
    schema: str | None = None


@dataclass(frozen=True)
class FieldDoc:
    """One property of a schema, or one parameter of an operation."""

    name: str
    type: tuple[TypePart, ...]
    required: bool
    description: str
    location: str = ""  # "query", "path", "header" for parameters; "" for properties


@dataclass(frozen=True)
class ResponseDoc:
    """One documented response status."""

    status: str
    description: str
    type: tuple[TypePart, ...]


@dataclass(frozen=True)
class OperationDoc:
    """One method on one path."""

    method: str
    path: str
    anchor: str
    summary: str
    description: str
    tag: str
    parameters: tuple[FieldDoc, ...]
    request_body: tuple[TypePart, ...]
    request_fields: tuple[FieldDoc, ...]
    responses: tuple[ResponseDoc, ...]


@dataclass(frozen=True)
class SchemaDoc:
    """A named component schema with its properties."""

    name: str
    anchor: str
    description: str
    type: tuple[TypePart, ...]
    fields: tuple[FieldDoc, ...]


@dataclass(frozen=True)
class ApiDoc:
    """Everything the /docs page shows."""

    title: str
    version: str
    openapi_version: str
    description: str
    operations: tuple[OperationDoc, ...]
    schemas: tuple[SchemaDoc, ...]
    tags: tuple[str, ...] = field(default=())


def _ref_name(ref: str) -> str:
    """Schema name from a $ref: "#/components/schemas/Report" (or OpenAPI 2 "#/definitions/...")."""
    return ref.rsplit("/", 1)[-1]


def schema_anchor(name: str) -> str:
    """Fragment id for a component schema's section."""
    return "schema-" + "".join(c if c.isalnum() else "-" for c in name)


def describe_type(schema: Any, depth: int = 0) -> tuple[TypePart, ...]:
    """A short readable type for a JSON schema: "string (uri)", "array of Report", "object"."""
    if not isinstance(schema, dict):
        return (TypePart("any"),)
    if "$ref" in schema:
        return (TypePart(_ref_name(str(schema["$ref"])), _ref_name(str(schema["$ref"]))),)
    if depth > 4:  # nested deeper than people read; also guards self-referencing schemas
        return (TypePart("…"),)
    for combiner, word in (("oneOf", " or "), ("anyOf", " or "), ("allOf", " and ")):
        if isinstance(schema.get(combiner), list) and schema[combiner]:
            parts: list[TypePart] = []
            for index, sub in enumerate(schema[combiner]):
                if index:
                    parts.append(TypePart(word))
                parts.extend(describe_type(sub, depth + 1))
            return tuple(parts)
    kind = schema.get("type", "object" if "properties" in schema else "any")
    if isinstance(kind, list):  # OpenAPI 3.1: ["string", "null"]
        kind = " or ".join(str(k) for k in kind)
    if kind == "array":
        return (TypePart("array of "), *describe_type(schema.get("items", {}), depth + 1))
    text = str(kind)
    if schema.get("format"):
        text += f" ({schema['format']})"
    if isinstance(schema.get("enum"), list):
        text += ": one of " + ", ".join(str(value) for value in schema["enum"])
    if schema.get("nullable"):
        text += " or null"
    return (TypePart(text),)


def _fields(schema: Any, components: dict[str, Any]) -> tuple[FieldDoc, ...]:
    """The properties of an object schema (following one $ref), required ones first."""
    if isinstance(schema, dict) and "$ref" in schema:
        schema = components.get(_ref_name(str(schema["$ref"])), {})
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return ()
    required = set(schema.get("required") or ())
    docs = [
        FieldDoc(
            name=str(name),
            type=describe_type(prop),
            required=name in required,
            description=_text(prop.get("description")) if isinstance(prop, dict) else "",
        )
        for name, prop in schema["properties"].items()
    ]
    return tuple(sorted(docs, key=lambda doc: not doc.required))


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _json_schema(content: Any) -> Any:
    """The schema of the JSON (or first) media type of a request body or response."""
    if not isinstance(content, dict) or not content:
        return None
    media = content.get("application/json") or next(iter(content.values()))
    return media.get("schema") if isinstance(media, dict) else None


def _parameters(raw: Any, spec: dict[str, Any]) -> list[FieldDoc]:
    docs = []
    for param in raw if isinstance(raw, list) else ():
        if isinstance(param, dict) and "$ref" in param:
            param = spec.get("components", {}).get("parameters", {}).get(_ref_name(param["$ref"]), {})
        if not isinstance(param, dict) or "name" not in param:
            continue
        docs.append(
            FieldDoc(
                name=str(param["name"]),
                type=describe_type(param.get("schema", param)),
                required=bool(param.get("required")),
                description=_text(param.get("description")),
                location=str(param.get("in", "")),
            )
        )
    return docs


def _responses(raw: Any, spec: dict[str, Any]) -> tuple[ResponseDoc, ...]:
    docs = []
    shared = spec.get("components", {}).get("responses", {})
    for status, response in (raw or {}).items():
        if isinstance(response, dict) and "$ref" in response:
            response = shared.get(_ref_name(response["$ref"]), {})
        if not isinstance(response, dict):
            continue
        schema = _json_schema(response.get("content")) or response.get("schema")
        docs.append(
            ResponseDoc(
                status=str(status),
                description=_text(response.get("description")),
                type=describe_type(schema) if schema is not None else (),
            )
        )
    return tuple(sorted(docs, key=lambda doc: (doc.status == "default", doc.status)))


def _anchor(method: str, path: str) -> str:
    return "op-" + method + "-" + "".join(c if c.isalnum() else "-" for c in path).strip("-")


def build_api_doc(spec: dict[str, Any]) -> ApiDoc:
    """Operations (in path order) and component schemas (by name) from an OpenAPI 3 document."""
    components = spec.get("components", {}).get("schemas", {}) or spec.get("definitions", {}) or {}
    operations = []
    for path, item in (spec.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        shared_params = _parameters(item.get("parameters"), spec)
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            body_schema = _json_schema((op.get("requestBody") or {}).get("content"))
            operations.append(
                OperationDoc(
                    method=method.upper(),
                    path=str(path),
                    anchor=_anchor(method, str(path)),
                    summary=_text(op.get("summary")),
                    description=_text(op.get("description")),
                    tag=str((op.get("tags") or [""])[0]),
                    parameters=tuple(shared_params + _parameters(op.get("parameters"), spec)),
                    request_body=describe_type(body_schema) if body_schema is not None else (),
                    request_fields=_fields(body_schema, components) if body_schema is not None else (),
                    responses=_responses(op.get("responses"), spec),
                )
            )
    schemas = tuple(
        SchemaDoc(
            name=str(name),
            anchor=schema_anchor(str(name)),
            description=_text(schema.get("description")) if isinstance(schema, dict) else "",
            type=describe_type({k: v for k, v in schema.items() if k != "$ref"})
            if isinstance(schema, dict)
            else (),
            fields=_fields(schema, components),
        )
        for name, schema in sorted(components.items())
    )
    info = spec.get("info") or {}
    return ApiDoc(
        title=_text(info.get("title")) or "API",
        version=_text(str(info.get("version", ""))),
        openapi_version=str(spec.get("openapi") or spec.get("swagger") or ""),
        description=_text(info.get("description")),
        operations=tuple(operations),
        schemas=schemas,
        tags=tuple(dict.fromkeys(op.tag for op in operations if op.tag)),
    )


@dataclass(frozen=True)
class InlinePart:
    """A run of description text; ``code`` marks a literal written as ``x`` (RST) or `x` (Markdown)."""

    text: str
    code: bool = False


_INLINE_CODE = re.compile(r"``(.+?)``|`([^`]+)`")


def inline_parts(text: str) -> tuple[InlinePart, ...]:
    """Split a docstring-derived description into plain text and code literals (rendered escaped)."""
    parts: list[InlinePart] = []
    cursor = 0
    for match in _INLINE_CODE.finditer(text):
        if match.start() > cursor:
            parts.append(InlinePart(text[cursor : match.start()]))
        parts.append(InlinePart(match.group(1) or match.group(2), code=True))
        cursor = match.end()
    if cursor < len(text):
        parts.append(InlinePart(text[cursor:]))
    return tuple(parts)
