"""Every output of a cleaned file, registered by name, each built from the ``Document`` and its log.

``<stem>.txt`` and ``<stem>.changes.jsonl`` are written piece by piece while a
file is cleaned (:func:`batch.write_outputs` adds to the log what ``verify``
needs to rebuild the raw file); the others need the whole document and are
written once it is cleaned, not for a file cleaned in pieces.  No output reads
the rendered text back.

A new output is one function ``Cleaned -> str | None`` (``None``: nothing to
write, as the notes when the footnotes stage did not run), registered with
:func:`output`; ``batch`` names, writes and checks it with the others.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from .core import Resources, Result
from .decisions import Decisions
from .document import Document, Edit
from .export import markdown as to_markdown
from .report import PageView, html_report, page_views, word_diff
from .report.unknown import Unknown, unknown_tsv, unknown_words


@dataclass
class Cleaned:
    """What cleaning made of one file (or of one piece of it), as the outputs read it."""

    result: Result  # the Document with its log, and the text the cleaner rendered from it
    raw: str  # the raw text cleaned, LF line ends
    resources: Resources  # the dictionaries: the lexicon, the reviewer's decisions
    pages_before: int = 0  # pages and raw lines of the pieces cleaned before this one
    lines_before: int = 0

    @property
    def document(self) -> Document:
        return self.result.document

    @cached_property
    def unknown(self) -> list[Unknown]:
        return unknown_words(self.document, self.resources.lexicon)

    @cached_property
    def views(self) -> list[PageView]:
        """Raw and clean side by side, page by page: the report's and the diff's."""
        return page_views(self.document, self.raw, {u.word: u.candidates for u in self.unknown})


@dataclass(frozen=True)
class Output:
    name: str
    suffix: str  # the file is ``<stem><suffix>`` (the text's suffix is the cleaner's: .jsonl in jsonl mode)
    build: Callable[[Cleaned], str | None]
    whole: bool  # built from the whole document: not written for a file cleaned in pieces
    always: bool  # written by every run of a whole file: outputs without it are not up to date


OUTPUTS: dict[str, Output] = {}


def output(name: str, suffix: str, whole: bool = True, always: bool = False):
    """Register ``build(cleaned) -> str | None`` as the output ``name``, written to ``<stem><suffix>``."""
    def register(build: Callable[[Cleaned], str | None]):
        OUTPUTS[name] = Output(name, suffix, build, whole, always)
        return build
    return register


def edit_record(edit: Edit, page_offset: int = 0, line_offset: int = 0) -> str:
    data = edit.to_json()
    data["page"] += page_offset
    data["line"] += line_offset
    return json.dumps(data, ensure_ascii=False) + "\n"


def as_json(data) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@output("text", ".txt", whole=False)
def text(cleaned: Cleaned) -> str:
    """The clean text, as the cleaner rendered the document (records: one a line, as they came in)."""
    return cleaned.result.text


@output("changes", ".changes.jsonl", whole=False)
def changes(cleaned: Cleaned) -> str:
    """One JSON object per edit, its page and raw line counted in the whole file."""
    return "".join(edit_record(e, cleaned.pages_before, cleaned.lines_before) for e in cleaned.result.edits)


@output("notes", ".notes.json")
def notes(cleaned: Cleaned) -> str | None:
    """The footnotes stage's counts, per chapter and in all."""
    counts = cleaned.document.note_counts
    return as_json(counts.to_json()) if counts is not None else None


@output("profile", ".profile.json")
def profile(cleaned: Cleaned) -> str | None:
    """The scan profile the words stage learned: the error rate and the commonest confusions."""
    reading = cleaned.document.reading
    return as_json(reading.profile) if reading is not None and reading.profile is not None else None


@output("report", ".report.html", always=True)
def report(cleaned: Cleaned) -> str:
    decisions = Decisions(cleaned.resources.config.dictionaries).load(cleaned.document.name)
    return html_report(cleaned.document, cleaned.raw, cleaned.views, decisions)


@output("diff", ".diff", always=True)
def diff(cleaned: Cleaned) -> str:
    return word_diff(cleaned.document.name, cleaned.views)


@output("unknown", ".unknown.tsv", always=True)
def unknown(cleaned: Cleaned) -> str:
    return unknown_tsv(cleaned.unknown)


@output("markdown", ".md", always=True)
def markdown(cleaned: Cleaned) -> str:
    """What ``ocrclean export`` writes, or hands pandoc."""
    return to_markdown(cleaned.document)
