"""The OpenAPI document flattened for the /docs page."""

from __future__ import annotations

import pytest

from api.pages.openapi_doc import (
    InlinePart,
    TypePart,
    build_api_doc,
    describe_type,
    inline_parts,
    schema_anchor,
)

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "policygrade", "version": "v1"},
    "paths": {
        "/api/v1/score": {
            "post": {
                "summary": "Score a policy",
                "tags": ["score"],
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScoreRequest"}}}
                },
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}},
                    },
                    "422": {"$ref": "#/components/responses/UNPROCESSABLE_ENTITY"},
                    "default": {"$ref": "#/components/responses/DEFAULT_ERROR"},
                },
            }
        },
        "/api/v1/sites/{site}": {
            "parameters": [{"name": "site", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "summary": "A site's report",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int32"}}
                ],
                "responses": {"200": {"description": "OK"}, "404": {"description": "Unknown site"}},
            },
        },
    },
    "components": {
        "schemas": {
            "ScoreRequest": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "url": {"type": "string", "format": "uri", "nullable": True, "description": "Policy URL"},
                    "text": {"type": "string", "description": "Policy text"},
                },
            },
            "Report": {
                "type": "object",
                "properties": {
                    "grade": {"type": "string", "enum": ["A", "B", "C", "D", "E"]},
                    "risks": {"type": "array", "items": {"$ref": "#/components/schemas/Risk"}},
                },
            },
            "Risk": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Error": {"type": "object", "properties": {"code": {"type": "integer"}}},
        },
        "responses": {
            "UNPROCESSABLE_ENTITY": {
                "description": "Unprocessable Entity",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
            "DEFAULT_ERROR": {
                "description": "Default error response",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        },
    },
}


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, (TypePart("string"),)),
        ({"type": "string", "format": "uri", "nullable": True}, (TypePart("string (uri) or null"),)),
        ({"$ref": "#/components/schemas/Report"}, (TypePart("Report", "Report"),)),
        ({"type": "array", "items": {"$ref": "#/x/Risk"}}, (TypePart("array of "), TypePart("Risk", "Risk"))),
        ({"type": "string", "enum": ["a", "b"]}, (TypePart("string: one of a, b"),)),
        ({"type": ["string", "null"]}, (TypePart("string or null"),)),
        (
            {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            (TypePart("string"), TypePart(" or "), TypePart("integer")),
        ),
        ({}, (TypePart("any"),)),
        ("not a schema", (TypePart("any"),)),
    ],
)
def test_describe_type(schema: object, expected: tuple[TypePart, ...]) -> None:
    assert describe_type(schema) == expected


def test_self_referencing_depth_is_bounded() -> None:
    deep: dict = {"type": "array", "items": {}}
    node = deep
    for _ in range(50):
        node["items"] = {"type": "array", "items": {}}
        node = node["items"]
    assert describe_type(deep)[-1] == TypePart("…")


def test_operations_parameters_bodies_and_responses() -> None:
    doc = build_api_doc(SPEC)
    assert (doc.title, doc.version, doc.openapi_version) == ("policygrade", "v1", "3.0.3")
    assert [(op.method, op.path) for op in doc.operations] == [
        ("POST", "/api/v1/score"),
        ("GET", "/api/v1/sites/{site}"),
    ]
    score, site = doc.operations
    assert score.request_body == (TypePart("ScoreRequest", "ScoreRequest"),)
    # Required fields first.
    assert [(f.name, f.required) for f in score.request_fields] == [("text", True), ("url", False)]
    assert [(r.status, r.description) for r in score.responses] == [
        ("200", "OK"),
        ("422", "Unprocessable Entity"),
        ("default", "Default error response"),
    ]
    assert score.responses[1].type == (TypePart("Error", "Error"),)
    # Path-level parameters are shared with the operation's own.
    assert [(p.name, p.location, p.required) for p in site.parameters] == [
        ("site", "path", True),
        ("limit", "query", False),
    ]
    assert site.parameters[1].type == (TypePart("integer (int32)"),)
    assert score.anchor != site.anchor


def test_schemas_sorted_with_anchors() -> None:
    doc = build_api_doc(SPEC)
    assert [s.name for s in doc.schemas] == ["Error", "Report", "Risk", "ScoreRequest"]
    report = doc.schemas[1]
    assert report.anchor == schema_anchor("Report") == "schema-Report"
    assert report.fields[1].type == (TypePart("array of "), TypePart("Risk", "Risk"))


@pytest.mark.parametrize(
    "spec", [{}, {"paths": None}, {"paths": {"/x": "junk"}}, {"paths": {"/x": {"get": []}}}]
)
def test_malformed_documents_give_an_empty_page_not_a_crash(spec: dict) -> None:
    doc = build_api_doc(spec)
    assert doc.operations == () and doc.title == "API"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("plain", (InlinePart("plain"),)),
        ("Score ``text`` now", (InlinePart("Score "), InlinePart("text", True), InlinePart(" now"))),
        ("`a` and `b`", (InlinePart("a", True), InlinePart(" and "), InlinePart("b", True))),
        ("unclosed ``x", (InlinePart("unclosed ``x"),)),
        ("", ()),
    ],
)
def test_inline_code_parts(text: str, parts: tuple[InlinePart, ...]) -> None:
    assert inline_parts(text) == parts
