"""Editing the dictionary folder: term lists and ``corrections.txt``.

A file is its header (the comment and blank lines before the first entry),
then its entries, each with the comment lines just above it and any
trailing ``# comment``.  Every write keeps the header and the comments,
sorts the entries (case-insensitively), drops exact duplicates and replaces
the file atomically.  Every change reads and writes under the folder's lock
file (``.lock`` beside the lists), so edits made at once (two ``dict add``,
the review server) all land.
"""
from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from filelock import FileLock

from .errors import DictionaryError
from .io import remove_stale_temporaries, write_atomic
from .lexicon import CORRECTION, TERM_LISTS

CORRECTIONS = "corrections"
ALL_LISTS = (*TERM_LISTS, CORRECTIONS)


@dataclass
class Entry:
    value: str  # the term, or "wrong -> right"
    line: int = 0
    comments: list[str] = field(default_factory=list)  # whole comment lines just above
    note: str = ""  # trailing "# ..." kept as written

    @property
    def key(self) -> str:
        """The term, or a correction's wrong word."""
        m = CORRECTION.match(self.value)
        return m["wrong"] if m else self.value

    def lines(self) -> list[str]:
        return [*self.comments, self.value + (f"  {self.note}" if self.note else "")]


@dataclass
class DictionaryFile:
    path: Path
    header: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)  # comment lines after the last entry
    bom: bool = False  # as read; a write leaves both out
    crlf: bool = False

    @property
    def name(self) -> str:
        return self.path.stem

    @classmethod
    def read(cls, path: Path) -> "DictionaryFile":
        file = cls(path)
        if not path.exists():
            return file
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")  # a BOM read as text would glue itself to the first entry
        except UnicodeDecodeError as exc:
            raise DictionaryError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        file.bom, file.crlf = data.startswith(b"\xef\xbb\xbf"), b"\r\n" in data
        pending: list[str] = []  # comment lines waiting for the entry below them
        for number, line in enumerate(text.splitlines(), 1):
            value, hash_, note = line.partition("#")
            if value.strip():
                file.entries.append(Entry(" ".join(value.split()), number, pending, (hash_ + note).strip()))
                pending = []
            elif not file.entries:
                file.header.append(line)
            elif line.strip():
                pending.append(line)
        file.trailing = pending
        return file

    def find(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def write(self) -> None:
        seen, entries = set(), []
        for entry in sorted(self.entries, key=lambda e: (e.key.casefold(), e.key)):
            if entry.value not in seen:
                seen.add(entry.value)
                entries.append(entry)
        self.entries = entries
        lines = [*self.header, *(line for e in entries for line in e.lines()), *self.trailing]
        write_atomic(self.path, "\n".join(lines) + "\n")


class Dictionaries:
    """The dictionary folder: what ``ocrclean dict`` reads and changes."""

    def __init__(self, folder: Path):
        if not folder.is_dir():
            raise DictionaryError(f"{folder}: no such dictionary folder (choose one with --dictionaries)")
        self.folder = folder

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's lock from read to write: without it, two edits at once lose one."""
        with FileLock(self.folder / ".lock"):
            for name in ALL_LISTS:  # what an edit that was killed left behind
                remove_stale_temporaries(self.folder / f"{name}.txt")
            yield

    def file(self, name: str) -> DictionaryFile:
        if name not in ALL_LISTS:
            raise DictionaryError(f"unknown list {name!r} (lists: {', '.join(ALL_LISTS)})")
        return DictionaryFile.read(self.folder / f"{name}.txt")

    def holding(self, term: str) -> list[str]:
        """The term lists that hold ``term`` exactly."""
        return [name for name in TERM_LISTS if self.file(name).find(term)]

    def add(self, terms: list[str], list_name: str = "terms") -> list[str]:
        """Add terms; returns one message per term (added, or already there and left alone)."""
        if list_name not in TERM_LISTS:
            raise DictionaryError(f"--list {list_name}: terms go in {', '.join(TERM_LISTS)} "
                                  "(corrections: ocrclean dict fix WRONG RIGHT)")
        check_terms(*terms)
        with self.locked():
            return self._add(terms, list_name)

    def _add(self, terms: list[str], list_name: str) -> list[str]:
        file, messages = self.file(list_name), []
        for term in (" ".join(t.split()) for t in terms):
            if not term or "#" in term or "->" in term:
                raise DictionaryError(f"{term!r}: a term is words without '#' or '->'")
            where = self.holding(term) or ([list_name] if file.find(term) else [])
            if where:
                messages.append(f"{term}: already in {where[0]}.txt, nothing changed")
                continue
            file.entries.append(Entry(term))
            messages.append(f"{term}: added to {list_name}.txt")
        if any(m.endswith(f"added to {list_name}.txt") for m in messages):
            file.write()
        return messages

    def fix(self, wrong: str, right: str) -> str:
        check_terms(wrong, right)
        with self.locked():
            return self._fix(wrong, right)

    def _fix(self, wrong: str, right: str) -> str:
        if wrong == right or not wrong.strip() or not right.strip() or "#" in wrong + right or "->" in wrong + right:
            raise DictionaryError(f"{wrong!r} -> {right!r}: a correction needs two different words")
        file = self.file(CORRECTIONS)
        old = file.find(wrong)
        value = f"{wrong} -> {right}"
        if old is not None and old.value == value:
            return f"{value}: already in corrections.txt, nothing changed"
        if old is not None:
            file.entries.remove(old)
        file.entries.append(Entry(value, comments=old.comments if old else [], note=old.note if old else ""))
        file.write()
        return f"{value}: " + (f"replaces {old.value}" if old else "added to corrections.txt")

    def remove(self, terms: list[str], list_name: str | None = None) -> list[str]:
        """Remove terms (or corrections, by their wrong word) from one list or every list holding them."""
        check_terms(*terms)
        with self.locked():
            return self._remove(terms, list_name)

    def _remove(self, terms: list[str], list_name: str | None) -> list[str]:
        messages = []
        for term in terms:
            names = [list_name] if list_name else list(ALL_LISTS)
            found = False
            for name in names:
                file = self.file(name)
                entry = file.find(term)
                if entry is not None:
                    file.entries.remove(entry)
                    file.write()
                    messages.append(f"{term}: removed from {name}.txt")
                    found = True
            if not found:
                raise DictionaryError(f"{term}: not in {list_name + '.txt' if list_name else 'any dictionary'}")
        return messages

    def entries(self, list_name: str | None = None) -> list[tuple[str, str]]:
        names = [list_name] if list_name else list(ALL_LISTS)
        return [(name, e.value) for name in names for e in self.file(name).entries]

    def unsorted(self) -> list[str]:
        """Files whose entries are out of (case-insensitive) order; the next edit sorts them."""
        files = [self.file(name) for name in ALL_LISTS]
        return [f"{f.path}: not sorted (the next `ocrclean dict` edit sorts it)" for f in files
                if [e.key for e in f.entries] != sorted((e.key for e in f.entries), key=lambda k: (k.casefold(), k))]

    def check(self) -> list[str]:
        """Problems, one line each as ``file:line: message``: malformed lines, duplicates, conflicts."""
        problems, first_seen = [], {}
        for name in ALL_LISTS:
            file = self.file(name)
            if file.bom:
                problems.append(f"{file.path}:1: starts with a byte order mark (the next `ocrclean dict` edit removes it)")
            if file.crlf:
                problems.append(f"{file.path}: CRLF line ends (the next `ocrclean dict` edit makes them LF)")
        for name in TERM_LISTS:
            file = self.file(name)
            for e in file.entries:
                where = f"{file.path}:{e.line}"
                if "->" in e.value:
                    problems.append(f"{where}: {e.value!r} looks like a correction; it belongs in corrections.txt")
                elif e.value in first_seen:
                    problems.append(f"{where}: {e.value!r} duplicates {first_seen[e.value]}")
                else:
                    first_seen[e.value] = where
        file, rights, wrongs = self.file(CORRECTIONS), {}, {}
        for e in file.entries:
            where = f"{file.path}:{e.line}"
            m = CORRECTION.match(e.value)
            if not m:
                problems.append(f"{where}: expected 'wrong -> right', got {e.value!r}")
                continue
            wrong, right = m["wrong"], m["right"]
            if wrong in wrongs:
                problems.append(f"{where}: {wrong!r} is corrected twice (also {wrongs[wrong]})")
            wrongs[wrong], rights[right] = where, where
            if wrong == right:
                problems.append(f"{where}: {wrong!r} corrects to itself")
            if wrong in first_seen:
                problems.append(f"{where}: {wrong!r} is corrected, yet listed as right at {first_seen[wrong]}")
        for wrong, where in wrongs.items():
            if wrong in rights:
                problems.append(f"{where}: {wrong!r} is corrected, yet is the correction at {rights[wrong]}")
        return problems


def check_terms(*terms: str) -> None:
    """Refuse control characters and line separators: a term is one line of its file."""
    for term in terms:
        bad = next((c for c in term if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)
        if bad is not None:
            raise DictionaryError(f"{term!r}: control character {bad!r} in a term; a term is one line of text")
