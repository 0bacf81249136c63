"""Runs the extension's pure-logic unit tests (`node --test tests/extension/`) inside pytest."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_node_unit_tests_pass(node: str) -> None:
    """Every tests/extension/*.test.mjs passes; the node runner's summary is shown on failure."""
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", "tests/extension/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    passed = re.search(r"^# pass (\d+)", output, re.M)
    failed = re.search(r"^# fail (\d+)", output, re.M)
    failures = "\n".join(line for line in output.splitlines() if line.startswith("not ok"))
    assert result.returncode == 0, f"node --test failed:\n{failures}\n{output[-4000:]}"
    assert passed and int(passed.group(1)) >= 100, f"expected the full node suite to run:\n{output[-2000:]}"
    assert failed and int(failed.group(1)) == 0
