"""The structure of a text: every unit's kind, lead-in, heading, column and role, with exact offsets."""

from __future__ import annotations

import time

import pytest

from scoring._structure import EVIDENCE_KINDS, analyse


def kinds(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every unit, after checking every offset."""
    structure = analyse(text)
    for unit in structure.units:
        assert text[unit.start : unit.end] == unit.text
    return [(unit.kind, unit.text) for unit in structure.units]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headings: short lines, title case, capitals, numbers, questions, markdown
        (
            "How We Share Information\n\nWe share data with our hosting provider.",
            [
                ("heading", "How We Share Information"),
                ("sentence", "We share data with our hosting provider."),
            ],
        ),
        (
            "4.2 DISCLOSURE IN A MERGER\nIf we are sold, your data goes to the buyer.",
            [
                ("heading", "4.2 DISCLOSURE IN A MERGER"),
                ("sentence", "If we are sold, your data goes to the buyer."),
            ],
        ),
        (
            "What do we collect?\nYour name and email address, when you register.",
            [
                ("heading", "What do we collect?"),
                ("sentence", "Your name and email address, when you register."),
            ],
        ),
        (
            "### Retention\nWe keep invoices for six years.",
            [("heading", "### Retention"), ("sentence", "We keep invoices for six years.")],
        ),
        # a line that carries on the previous one's sentence joins it, even in a text not hard-wrapped
        (
            "Deletion\nWhen you leave, we erase your files within 30 days, and they are\npurged from backups "
            "within 60 days.\n\nContact\nWrite to us.",
            [
                ("heading", "Deletion"),
                (
                    "sentence",
                    "When you leave, we erase your files within 30 days, and they are\npurged from backups "
                    "within 60 days.",
                ),
                ("heading", "Contact"),
                ("sentence", "Write to us."),
            ],
        ),
        # a section number the splitter would cut off stays with its title
        (
            "We collect your name.\n\n6.1. Requests From Authorities\n\nWe answer binding orders only.",
            [
                ("sentence", "We collect your name."),
                ("heading", "6.1. Requests From Authorities"),
                ("sentence", "We answer binding orders only."),
            ],
        ),
        # ... but a clause without a full stop is still a sentence
        (
            "Your choices\nDeleted posts may remain in our backups",
            [("heading", "Your choices"), ("sentence", "Deleted posts may remain in our backups")],
        ),
        # labels: a bullet lead before the sentence on its line
        (
            "Corporate Transactions. If the company is sold, records may pass to the buyer.",
            [
                ("label", "Corporate Transactions."),
                ("sentence", "If the company is sold, records may pass to the buyer."),
            ],
        ),
        (
            "Transfers in the Event of a Sale, Merger or Change of Control. Records may pass to "
            "the buyer.",
            [
                ("label", "Transfers in the Event of a Sale, Merger or Change of Control."),
                ("sentence", "Records may pass to the buyer."),
            ],
        ),
        (
            "Legal Requests: We answer valid court orders only.",
            [("label", "Legal Requests:"), ("sentence", "We answer valid court orders only.")],
        ),
        (
            "With courts or regulators. The company may share records with them.",
            [
                ("label", "With courts or regulators."),
                ("sentence", "The company may share records with them."),
            ],
        ),
        # ... a sentence in the third person is no label
        (
            "Acme collects your name. Acme shares it with its printer.",
            [("sentence", "Acme collects your name."), ("sentence", "Acme shares it with its printer.")],
        ),
        # navigation left in a capture
        (
            "Home | Pricing | Blog\nSign in\nPrivacy Notice\n\nWe collect what you type.",
            [
                ("nav", "Home"),
                ("nav", "Pricing"),
                ("nav", "Blog"),
                ("nav", "Sign in"),
                ("heading", "Privacy Notice"),
                ("sentence", "We collect what you type."),
            ],
        ),
        # one line alone is what the caller asked about, whatever its shape
        ("to comply with a court order", [("sentence", "to comply with a court order")]),
    ],
)
def test_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


def test_list_items_know_their_lead_in_and_never_run_together() -> None:
    text = (
        "Sharing\n\nWe may disclose your information when:\nit is needed to protect our rights;\n"
        "a court orders it;\nthe company is sold\n\nWe never sell data."
    )
    structure = analyse(text)
    items = [u for u in structure.units if u.kind == "list_item"]
    assert [u.text for u in items] == [
        "it is needed to protect our rights;",
        "a court orders it;",
        "the company is sold",
    ]
    lead = structure.units[items[0].lead_in]  # type: ignore[index]
    assert lead.text == "We may disclose your information when:"
    assert all(u.lead_in == items[0].lead_in for u in items)
    assert structure.context_of(items[1]) == "We may disclose your information when:"
    # the blank line ends the list
    assert structure.units[-1].kind == "sentence" and structure.units[-1].lead_in is None


def test_bullets_inside_a_line_are_items_and_numbered_titles_are_headings() -> None:
    text = "2. WHO GETS YOUR DATA\n\u2022 our payment processor\n\u2022 the police, if they ask"
    assert kinds(text) == [
        ("heading", "WHO GETS YOUR DATA"),
        ("list_item", "our payment processor"),
        ("list_item", "the police, if they ask"),
    ]


def test_table_cells_know_their_column_and_the_legal_basis_column_its_role() -> None:
    text = (
        "Purposes\n\nPurpose\tData\tLegal basis\n"
        "Fraud checks\tPayment details\tLegitimate interest\n"
        "Support\tMessages you send us\tWe need them to answer you, so we keep them for a year.\n"
        "Billing\tInvoices\t6 years after the account ends\n"
    )
    structure = analyse(text)
    by_text = {u.text: u for u in structure.units}
    assert by_text["Legal basis"].kind == "table_heading"
    cell = by_text["Legitimate interest"]
    assert cell.kind == "label" and cell.column == "legal basis" and cell.role == "legal_basis"
    sentence = by_text["We need them to answer you, so we keep them for a year."]
    assert sentence.kind == "table_cell" and sentence.column == "legal basis"
    # a short cell with a number is a value, not a label
    assert by_text["6 years after the account ends"].kind == "table_cell"
    # a row never becomes one sentence
    assert all("\t" not in u.text for u in structure.units)


def test_a_legal_basis_heading_gives_its_sentences_that_role() -> None:
    text = (
        "Legitimate interests relied on\n\nIt is in our interest to defend our rights in court.\n\n"
        "Contact\n\nWrite to us."
    )
    structure = analyse(text)
    assert [u.role for u in structure.units if u.kind == "sentence"] == ["legal_basis", None]


def test_hard_wrapped_text_joins_its_lines() -> None:
    lines = [
        "We may share the information we collect with companies that help us run",
        "the service, with advertisers who show you ads, and with the police when",
        "they ask us for it. We keep backups of your account for thirty days after",
        "you delete it, and we erase them after that. You can opt out of marketing",
        "emails at any time by clicking the link at the bottom of each message we",
        "send. If you do not agree with this policy, please do not use our service",
        "or any of our apps, websites or other products described in this notice.",
        "We will post any changes to this policy on this page before they apply.",
        "Questions about this policy can be sent to the address given below here.",
    ]
    text = "\n".join(lines)
    sentences = [u.text for u in analyse(text).units]
    assert sentences[0].startswith("We may share") and sentences[0].endswith("when\nthey ask us for it.")
    assert all(u.kind == "sentence" for u in analyse(text).units)


def test_only_statements_can_be_evidence() -> None:
    assert {"sentence", "list_item", "table_cell"} == EVIDENCE_KINDS


def test_adversarial_input_stays_linear() -> None:
    # A flood of newlines, table cells, headings or one long word: four times the text may take
    # about four times as long, never sixteen (a blow-up would be quadratic).
    for unit in ("\n", "a\tb\n", "Title Case Line\n", "x"):
        small, large = unit * (50_000 // len(unit)), unit * (200_000 // len(unit))
        timings = []
        for text in (small, large):
            started = time.perf_counter()
            analyse(text)
            timings.append(time.perf_counter() - started)
        assert timings[1] < 8 * timings[0] + 0.5, (unit, timings)
