"""Policy texts written for these tests (not from the corpus): two versions of one site's policy."""

from __future__ import annotations

_COMMON_START = """Privacy Policy

Last updated: March 3, 2025

This Privacy Policy explains how Examplify Ltd ("we", "us") collects, uses and shares personal
information when you use our website and mobile apps.

Information We Collect
We collect the information you give us when you create an account, such as your name, email address
and password. We also collect information about how you use our services, including your IP address,
browser type, pages visited and the date and time of each visit. We use cookies and similar
technologies to remember your preferences.

How We Use Your Information
We use personal information to provide and improve our services, to process payments, to send you
service messages, and to personalise content and advertising.

How We Share Your Information
We share personal information with service providers who process it on our behalf under contract.
"""

_V1_SHARING = """\
We may disclose your personal information to law enforcement or other third parties if we believe
in good faith that disclosure is necessary to comply with the law, to protect our rights or property,
or in connection with a merger, acquisition or sale of assets.

Your Choices
If you do not agree with this policy, please do not use our services. By using the services you
consent to the collection and use of your information as described here.

Data Retention
We may retain your personal information in our backups and archives even after you delete your
account, and deleted content may persist in backup copies for an indefinite period.
"""

_V2_SHARING = """\
We may disclose your personal information to law enforcement or other third parties if we believe
in good faith that disclosure is necessary to comply with the law, to protect our rights or property,
or in connection with a merger, acquisition or sale of assets.

Your Choices
You can opt out of marketing emails at any time by clicking the unsubscribe link in any email or by
changing your settings. You may also contact us to access, correct or delete your information.

Data Retention
When you delete your account we delete your personal information from our systems within 30 days,
including from backups.
"""

_COMMON_END = """
Contact Us
If you have questions about this Privacy Policy, contact us at privacy@examplify.example.
"""

#: Version 1: broad disclosure, take-it-or-leave-it, retention after deletion.
POLICY_V1 = _COMMON_START + _V1_SHARING + _COMMON_END
#: Version 2: the same site after it added an opt-out and a deletion promise.
POLICY_V2 = _COMMON_START + _V2_SHARING + _COMMON_END

NOT_A_POLICY = "Buy two pizzas, get one free! Offer valid until Sunday at all participating stores."


def long_policy(words: int = 2500) -> str:
    """A policy of about ``words`` words: version 1 plus numbered filler sections."""
    parts = [POLICY_V1]
    section = 0
    while sum(len(part.split()) for part in parts) < words:
        section += 1
        parts.append(
            f"\nSection {section}. Additional terms\nWe process account information number {section} to "
            "operate the service, to keep it secure, and to answer your support requests. We keep "
            "records of transactions as long as the law requires and review this practice every year.\n"
        )
    return "".join(parts)


def as_html(text: str, title: str = "Privacy Policy") -> str:
    """``text`` as a web page would carry it: short lines become headings, the rest paragraphs, inside
    a navigation bar and a footer that extraction must drop."""
    body, paragraph = [], []
    for line in text.splitlines():
        line = line.strip()
        if line and len(line) < 40 and not line.endswith("."):
            if paragraph:
                body.append(f"<p>{' '.join(paragraph)}</p>")
                paragraph = []
            body.append(f"<h2>{line}</h2>")
        elif line:
            paragraph.append(line)
    if paragraph:
        body.append(f"<p>{' '.join(paragraph)}</p>")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
        "<script>window.analytics = [];</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/shop'>Shop</a> <a href='/cart'>Cart</a></nav>"
        f"<main>{''.join(body)}</main>"
        "<footer><p>Copyright Examplify Ltd. All rights reserved.</p></footer></body></html>"
    )
