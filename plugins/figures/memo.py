"""The counts found in each piece of a story's prose, kept between builds.

Finding the counts of a text (counts.find_counts: tokens, number words, ranges,
the words around each number) is most of the count rule's time on a big
archive, and it depends on the text alone; matching the counts to records,
which depends on the data, is quick and is done on every build. So the counts
of each text are kept in FIGURES_CACHE_PATH (default ``.figures-cache/`` beside
content/), keyed by a hash of the text, its line breaks and the plugin's code
(with every installed package's version): an edited story, or a new version
of the rule, finds its counts afresh. One file, rewritten when a run found new
texts, holding only the texts that run read. JSON, never pickle; a file that
does not load as expected is ignored and written again.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from datasets.cache import code_digest
from press.files import replacing

from .counts import Count, Token, find_counts

FORMAT = "1"  # bump when what is stored changes
FILE = "counts.json"


@cache
def _code_key() -> str:
    return f"{FORMAT}|{code_digest(Path(__file__).parent)}"


def _to_json(count: Count) -> list[Any]:
    t = count.token
    token = [t.kind, t.text, t.start, t.end, t.low, t.high, t.digits, t.grouped, t.suffix]
    return [token, list(count.sentence), count.words, count.qualifier, count.qualifier_text, count.cited_by]


def _from_json(entry: list[Any]) -> Count:
    token, sentence, words, qualifier, qualifier_text, cited_by = entry
    return Count(
        Token(*token),
        tuple(sentence),
        list(words),
        qualifier,
        qualifier_text,
        tuple(tuple(span) for span in cited_by),
    )


class CountsMemo:
    """find_counts with the counts of texts seen before read from the cache file."""

    def __init__(self, folder: str | None):
        self.folder = folder
        self.kept: dict[str, list[Any]] = {}
        self.used: dict[str, list[Any]] = {}
        self.found_new = False
        if folder:
            self.kept = self._load(os.path.join(folder, FILE))

    @staticmethod
    def _load(path: str) -> dict[str, list[Any]]:
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
            if document.get("code") != _code_key() or not isinstance(document.get("counts"), dict):
                return {}
            return document["counts"]
        except (OSError, ValueError, AttributeError):
            return {}

    def find(self, text: str, breaks=()) -> list[Count]:
        """What counts.find_counts(text, breaks) gives (fresh objects each call)."""
        key = hashlib.sha256(f"{list(breaks)}\x00{text}".encode()).hexdigest()
        entries = self.used.get(key) or self.kept.get(key)
        if entries is not None:
            try:
                counts = [_from_json(entry) for entry in entries]
                self.used[key] = entries
                return counts
            except (TypeError, ValueError):
                pass  # a damaged entry: find the counts again
        counts = find_counts(text, breaks)
        self.used[key] = [_to_json(count) for count in counts]
        self.found_new = True
        return counts

    def save(self) -> None:
        """Write the texts of this run when it found new ones (atomic replace)."""
        if not self.folder or not self.found_new:
            return
        with replacing(os.path.join(self.folder, FILE)) as out:
            json.dump({"code": _code_key(), "counts": self.used}, out, ensure_ascii=False)
        self.found_new = False


_memos: dict[str, CountsMemo] = {}


def memo_for(settings) -> CountsMemo:
    """The run's memo of FIGURES_CACHE_PATH (one per folder and process; "" turns it off)."""
    folder = settings.get("FIGURES_CACHE_PATH", ".figures-cache")
    if not folder:
        return CountsMemo(None)
    if not os.path.isabs(folder):
        folder = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), folder)
    if folder not in _memos:
        _memos[folder] = CountsMemo(folder)
    return _memos[folder]
