"""Fixtures for the extension tests: paths, and the Node tools (node, npx web-ext) they need."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "extension"


def require_tool(name: str) -> str:
    """Path of an executable; under CI a missing one fails loudly, locally the test is skipped."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (the extension tests need Node.js 20+ and npm: apt-get install npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def node() -> str:
    """The node executable."""
    return require_tool("node")


@pytest.fixture(scope="session")
def web_ext() -> str:
    """The web-ext CLI from node_modules (installed by `make test` from package.json)."""
    path = REPO / "node_modules" / ".bin" / "web-ext"
    if path.exists():
        return str(path)
    message = "node_modules/.bin/web-ext is missing: `npm install` in the repository root (make test does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
