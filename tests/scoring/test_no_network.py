"""Scoring opens no network connection, even on a machine where NLTK has never been set up.

A fresh interpreter runs with an empty HOME, NLTK_DATA and cache folder (so no dictionary downloaded
earlier can help), with every way to open a connection patched to fail, and scores a whole policy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "policies"

SCRIPT = r"""
import json, socket, sys

attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args[:2]))
    raise OSError("network access attempted during scoring")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import urllib.request
urllib.request.urlopen = refuse
import nltk
nltk.download = refuse

import scoring
from scoring import _readability

report = scoring.score_policy(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps({
    "attempts": attempts,
    "grade": report.grade,
    "words": report.readability.word_count,
    "flesch": report.readability.flesch_reading_ease,
    "data_dir": str(_readability.nltk_data_dir()),
}))
"""


def test_scoring_opens_no_connection_with_empty_nltk_and_home(tmp_path: Path) -> None:
    home, nltk_data, cache = tmp_path / "home", tmp_path / "nltk_data", tmp_path / "cache"
    for folder in (home, nltk_data, cache):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"POLICYGRADE_NLTK_DATA", "NLTK_DATA"}}
    env.update(HOME=str(home), NLTK_DATA=str(nltk_data), XDG_CACHE_HOME=str(cache))
    policy = GOLDEN / "lumen_notes_good.txt"
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(policy)], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["attempts"] == []
    assert outcome["grade"] is not None and outcome["words"] > 500
    assert outcome["data_dir"].startswith(str(cache))  # the dictionary was built in our own folder
    assert list(nltk_data.iterdir()) == []  # nothing was written where NLTK downloads to


def test_read_only_cache_falls_back_to_a_private_folder(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache folder should be")
    env = dict(os.environ, POLICYGRADE_NLTK_DATA=str(blocked / "nltk"), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(GOLDEN / "megadeal_bad.txt")], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["attempts"] == []
