"""The company's own names: found in third-person policies, read as "we", "us" and "our"."""

from __future__ import annotations

import pytest

from scoring.detectors._company import as_first_person, company_names, name_pattern

DEFINED = (
    'Privacy Policy\n\nBrightline Backup GmbH ("Brightline") stores backups for its customers. '
    "Brightline will not disclose customer files. Questions go to privacy@example.test."
)
SUBJECT = (
    "Northwind Hosting Privacy Notice\n\nNorthwind collects billing details. Northwind uses cookies to keep "
    "you signed in. Northwind may share invoices with its bank. Google may also set cookies on our pages."
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (DEFINED, ("brightline backup", "brightline")),
        (SUBJECT, ("northwind hosting", "northwind")),
        # a first-person policy has no names to rewrite; a third party it describes is not its author
        ("We collect your email. Google may use cookies. Google may show ads. Google may track visits.", ()),
    ],
)
def test_company_names(text: str, names: tuple[str, ...]) -> None:
    assert company_names(text) == names


@pytest.mark.parametrize(
    ("low", "rewritten"),
    [
        ("northwind may share invoices with its bank.", "we may share invoices with its bank."),
        ("you can write to northwind at any time.", "you can write to us at any time."),
        ("northwind's servers keep logs.", "our servers keep logs."),
        ("northwind hosting inc. will not sell data.", "we will not sell data."),
        ("the company does not sell data.", None),
    ],
)
def test_names_read_as_first_person(low: str, rewritten: str | None) -> None:
    pattern = name_pattern(("northwind hosting", "northwind"))
    assert pattern is not None
    result = as_first_person(low, pattern)
    if rewritten is None:
        assert result is None
        return
    assert result is not None
    text, offsets = result
    assert text == rewritten
    assert len(offsets) == len(text) + 1
    # every character maps back into the original text, in order
    assert offsets == sorted(offsets) and offsets[-1] == len(low)
