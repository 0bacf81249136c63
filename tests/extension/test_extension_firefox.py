"""The extension in real Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi):
it installs, grades a policy page with the API's grade as its badge, and the popup quotes the policy."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from e2e_support import EXTENSION, REPO, get_json, missing

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FIREFOX = Path("/usr/bin/firefox-esr")
SCRIPT = Path(__file__).resolve().parent / "firefox-e2e.mjs"


def test_firefox_loads_the_extension_badges_a_policy_and_the_popup_quotes_it(
    api_base: str, site_port: int, tmp_path: Path
) -> None:
    """Third-person policy page -> the API's grade on Firefox's toolbar badge and a quote in the popup."""
    if not FIREFOX.exists():
        missing("Debian's firefox-esr is missing (scripts/ensure-firefox.sh installs it)")
    if not (REPO / "node_modules" / "puppeteer-core").is_dir():
        missing("node_modules/puppeteer-core is missing (npm ci)")
    node = shutil.which("node")
    if not node:
        missing("node is not installed")
    policy_url = f"http://firefox.brightwater.test:{site_port}/brightwater/privacy-policy.html"
    result = subprocess.run(
        [str(node), str(SCRIPT), api_base, policy_url, str(EXTENSION)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "MOZ_HEADLESS": "1"},
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no result from firefox-e2e.mjs:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    seen: dict[str, Any] = json.loads(lines[-1])
    assert "error" not in seen, seen
    assert seen["browserVersion"].startswith("firefox/")
    assert seen["status"] == "graded" and seen["source"] == "policy", seen
    report = get_json(f"{api_base}/api/v1/reports/{seen['reportId']}")
    assert seen["badge"]["text"] == report["grade"], seen
    assert seen["popupGrade"] == report["grade"]
    api_quotes = {e["quote"] for risk in report["risks"] for e in risk["evidence"]}
    assert api_quotes, report
    assert any(q.strip("\u201c\u201d") in api_quotes for q in seen["quotes"]), seen["quotes"]
