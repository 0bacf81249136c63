"""Every page is well-formed HTML with one h1, no skipped heading levels, labelled form fields and
unique ids: the structure screen readers and keyboard users rely on."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import POLICY, make_report

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets you omit; our templates close them anyway, so none are listed.
OPTIONAL_END: set[str] = set()


class Structure(HTMLParser):
    """Records nesting errors, headings, ids, labels and form controls."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.headings: list[int] = []
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.controls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label" and values.get("for"):
            self.label_for.add(str(values["for"]))
        if tag in ("input", "textarea", "select") and values.get("type") != "hidden":
            self.controls.append(str(values.get("id") or ""))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()


def check(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    assert parser.errors == [], parser.errors[:5]
    assert parser.stack == [], f"unclosed: {parser.stack}"
    assert parser.headings.count(1) == 1, parser.headings
    for before, after in zip(parser.headings, parser.headings[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    duplicates = {i for i in parser.ids if parser.ids.count(i) > 1}
    assert not duplicates, duplicates
    unlabelled = [c for c in parser.controls if c not in parser.label_for]
    assert not unlabelled, unlabelled
    return parser


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/sites",
        "/sites?q=zzz",
        "/sites/birchwood.example",
        "/sites/unknown.example",
        "/docs",
        "/reports/x",
    ],
)
def test_page_structure(client, seed, path: str) -> None:
    seed("birchwood.example", make_report(scored_at="2026-10-01T00:00:00Z"))
    seed("birchwood.example", make_report(POLICY + "v2"), epoch=2.0)
    check(client.get(path).data.decode())


def test_paste_result_and_form_error_structure(client, scorer) -> None:
    check(client.post("/", data={"text": POLICY}).data.decode())
    check(client.post("/", data={"text": ""}).data.decode())


def test_checker_catches_broken_markup() -> None:
    with pytest.raises(AssertionError):
        check("<html><body><h1>x</h1><div><p>y</div></body></html>")
    with pytest.raises(AssertionError):
        check("<html><body><h1>x</h1><h3>skipped</h3></body></html>")
    with pytest.raises(AssertionError):
        check('<html><body><h1>x</h1><input id="q"></body></html>')
