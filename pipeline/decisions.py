"""A reviewer's decisions, one per change or word, in ``dictionaries/decisions.jsonl``.

A decision is keyed so that it survives reruns: the raw file's stem, the raw
line and the column where the item starts in it, the raw text of the item,
and a fingerprint of the raw words around it (which finds the item again if
the raw file gained or lost lines).  Which item it is never depends on the
clean text, which changes with the code.

Each line is one JSON object; a later decision on the same item replaces the
earlier one.  The whole file is rewritten under an exclusive lock to a
temporary file renamed over it, so concurrent writers lose nothing and a
reader never sees half a file.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import regex

from .io import write_atomic

FILE_NAME = "decisions.jsonl"
CHANGE_ACTIONS = ("accept", "reject", "correct")
WORD_ACTIONS = ("correct", "teach", "own")
CONTEXT_WORDS = 3  # raw words each side that fingerprint an item's surroundings
WORD = regex.compile(r"\S+")


def context_fingerprint(page_raw: str, start: int, end: int) -> str:
    """A short hash of the raw words around ``page_raw[start:end]``, blind to line breaks.

    >>> context_fingerprint("a b c chose^ d e f", 6, 12) == context_fingerprint("a b\\nc chose^ d e\\nf", 6, 12)
    True
    """
    before = words_before(page_raw, start)
    after = words_after(page_raw, end)
    return hashlib.sha1(" ".join([*before, "|", *after]).encode("utf-8")).hexdigest()[:12]


def words_before(text: str, start: int, n: int = CONTEXT_WORDS, split=WORD.findall) -> list[str]:
    """The last ``n`` words of ``text[:start]`` (``split`` finds the words), read back only as far as
    they reach: a record file is one long page, and reading all of it for each item is quadratic.

    >>> words_before("one two three four", 13, 2), words_before("one two", 5, 3)
    (['two', 'three'], ['one', 't'])
    """
    size = 64
    while True:
        lo = max(0, start - size)
        found = split(text[lo:start])
        if lo == 0 or len(found) > n:  # more than n: only the first can be cut short by the window
            return found[-n:]
        size *= 4


def words_after(text: str, end: int, n: int = CONTEXT_WORDS, split=WORD.findall) -> list[str]:
    """The first ``n`` words of ``text[end:]``, read only as far as they reach.

    >>> words_after("one two three four", 3, 2), words_after("one two", 2, 3)
    (['two', 'three'], ['e', 'two'])
    """
    size = 64
    while True:
        hi = min(len(text), end + size)
        found = split(text[end:hi])
        if hi == len(text) or len(found) > n:  # more than n: only the last can be cut short by the window
            return found[:n]
        size *= 4


def item_key(page_raw: str, first_line: int, start: int, end: int) -> dict:
    """The fields that name an item of a page: raw line, column, raw text, context."""
    line_start = page_raw.rfind("\n", 0, start) + 1
    return {"line": first_line + page_raw.count("\n", 0, start), "offset": start - line_start,
            "raw": page_raw[start:end], "context": context_fingerprint(page_raw, start, end)}


def key_of(decision: dict) -> tuple:
    return (decision.get("file"), decision.get("item"), decision.get("line"), decision.get("offset"),
            decision.get("raw"))


@dataclass
class Decisions:
    """The decisions file of a dictionary folder."""

    folder: Path

    @property
    def path(self) -> Path:
        return Path(self.folder) / FILE_NAME

    def load(self, file: str | None = None) -> list[dict]:
        """The decisions in force (the last one per item), for one raw file's stem or all.

        Lines that are not decisions (hand-edited, from a later version) are skipped.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        latest: dict[tuple, dict] = {}
        for line in text.splitlines():
            try:
                decision = json.loads(line)
            except ValueError:
                continue
            if isinstance(decision, dict) and isinstance(decision.get("line"), int) and (
                    file is None or decision.get("file") == file):
                latest[key_of(decision)] = decision
        return list(latest.values())

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(FILE_NAME + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held by this process until the file closes
            yield

    def record(self, decision: dict) -> dict:
        """Save one decision, replacing any earlier one on the same item."""
        decision = {**decision, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        with self._locked():
            kept = [d for d in self.load() if key_of(d) != key_of(decision)]
            write_atomic(self.path, "".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n"
                                            for d in [*kept, decision]))
        return decision
