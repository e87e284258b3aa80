"""review: a reviewer's decisions (``dictionaries/decisions.jsonl``, saved by ``ocrclean review``) applied last.

A change rejected gets its raw reading back, a change or a word corrected
gets the reviewer's word; each is logged like any other edit (rule
``reviewer-rejected``, ``reviewer-corrected``, ``reviewer-corrected-word``).
Accepting a change, teaching a word (that goes to the dictionary lists) and
"the typist's own spelling" change nothing here.

A decision names its item by the raw text (line, column, raw words); the
stage finds that raw line's piece of the clean text and, in it, the clean
words the decision was made on, nearest the column.  A decision whose item
the text no longer holds in that form (the code now reads it otherwise) is
left unapplied and counted in ``doc.review.stale``: the report
shows the item as not reviewed again.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import regex

from ..decisions import Decisions, context_fingerprint
from ..document import BODY_KINDS, Block, Change, Document, ReviewTally
from ..registry import Stage, register

KINDS = (*BODY_KINDS, "footnote")
RULES = {("change", "reject"): "reviewer-rejected", ("change", "correct"): "reviewer-corrected",
         ("word", "correct"): "reviewer-corrected-word"}


@register
class Review(Stage):
    """Apply the reviewer's per-occurrence decisions (reject or correct a change, correct a word).

    >>> from pipeline.document import Document
    >>> raw = "it was his chose^ to\\nsign the paot."
    >>> stage = Review(None, decisions=[
    ...     {"item": "change", "action": "reject", "line": 1, "offset": 11, "raw": "chose^", "target": "close"},
    ...     {"item": "word", "action": "correct", "line": 2, "offset": 9, "raw": "paot", "target": "paot",
    ...      "value": "pact"}])
    >>> doc = Document.from_text(raw)
    >>> with stage.background(doc):
    ...     doc = doc.rewrite("words", None, lambda b: [Change(11, 17, "close", "demo")])
    ...     doc = stage(doc)
    >>> doc.pages[0].blocks[0].text
    'it was his chose^ to\\nsign the pact.'
    >>> [(e.stage, e.rule, e.before, e.after, e.line) for e in doc.edits[1:]]
    [('review', 'reviewer-rejected', 'close', 'chose^', 1), ('review', 'reviewer-corrected-word', 'paot', 'pact', 2)]
    """

    name = "review"
    requires = frozenset({"words read"})  # last: the reviewer's word over every stage's

    def __init__(self, resources=None, decisions: list[dict] | None = None, **settings):
        super().__init__(resources, **settings)
        self.given = decisions  # for tests and doctests; else read from the dictionary folder
        self.folder = Path(resources.config.dictionaries) if resources is not None else None
        self.pending: dict[str, tuple[list[dict], int]] = {}  # document -> decisions found, decisions not found
        self._cache: tuple = (None, [])

    def decisions(self, name: str) -> list[dict]:
        if self.given is not None:
            return [d for d in self.given if d.get("action") in ("reject", "correct")]
        if self.folder is None:
            return []
        store = Decisions(self.folder)
        try:
            stamp = store.path.stat().st_mtime_ns
        except OSError:
            return []
        if self._cache[0] != stamp:  # read once, not once per record in --mode lines
            self._cache = (stamp, store.load())
        return [d for d in self._cache[1] if d.get("file") in (name, None) and d.get("action") in ("reject", "correct")]

    def background(self, doc: Document) -> contextlib.AbstractContextManager:
        """Find each decision's item in the raw pages (the document as it enters the pipeline)."""
        wanted = self.decisions(doc.name)
        if wanted:
            pages = [(b.first_line, b.text) for p in doc.pages for b in p.blocks[:1]]
            found = [located for d in wanted if (located := locate(d, pages))]
            self.pending[doc.name] = found, len(wanted) - len(found)
        return contextlib.nullcontext()

    def __call__(self, doc: Document) -> Document:
        wanted, stale = self.pending.pop(doc.name, None) or (self.decisions(doc.name), 0)
        if not wanted:
            return doc
        by_line: dict[int, list[dict]] = {}
        for d in wanted:
            by_line.setdefault(d["line"], []).append(d)
        done: set[int] = set()
        doc = doc.rewrite(self.name, KINDS, lambda block: self.propose(block, by_line, done))
        doc.review = ReviewTally(applied=len(done), stale=stale + len(wanted) - len(done))
        return doc

    @staticmethod
    def propose(block: Block, by_line: dict[int, list[dict]], done: set[int]) -> list[Change]:
        numbers = block.line_numbers or [block.first_line + i for i in range(len(block.line_starts))]
        changes = []
        for k, number in enumerate(numbers):
            for d in by_line.get(number, ()):
                if id(d) in done:
                    continue
                span = where(block, numbers, k, d)
                if span is None:
                    continue
                new = " ".join(d["raw"].split()) if d["action"] == "reject" else " ".join(str(d.get("value", "")).split())
                if not new and d["action"] == "correct":
                    continue
                changes.append(Change(*span, new, RULES[d.get("item", "change"), d["action"]], 1.0,
                                      {"decision": d["action"]}))
                done.add(id(d))
        return changes


def where(block: Block, numbers: list[int], k: int, d: dict) -> tuple[int, int] | None:
    """The span of the decision's clean words in the block, nearest its column on raw line ``numbers[k]``."""
    target = d.get("target") or ""
    if not target.strip():
        return None
    lines = d["raw"].count("\n") + 2  # the clean words may run into the next raw line's piece
    start = block.line_starts[k]
    end = block.line_starts[k + lines] if k + lines < len(block.line_starts) else len(block.text)
    edge = r"[\p{L}\d]" if d.get("item") == "word" else r"\S"
    pattern = regex.compile(rf"(?<!{edge}){regex.escape(target)}(?!{edge})")
    found = [m.span() for m in pattern.finditer(block.text, start, end)]
    if not found:
        return None
    return min(found, key=lambda s: abs(s[0] - start - int(d.get("offset", 0))))


def locate(d: dict, pages: list[tuple[int, str]]) -> dict | None:
    """The decision with its line and column where its raw text is now (lines may have moved), or None."""
    raw, line, offset = d.get("raw"), d.get("line"), d.get("offset")
    if not isinstance(raw, str) or not isinstance(line, int) or not isinstance(offset, int):
        return None
    for first, text in reversed(pages):
        if first <= line:
            starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
            if line - first < len(starts):
                pos = starts[line - first] + offset
                if text[pos:pos + len(raw)] == raw:
                    return d
            break
    if not raw.strip() or not d.get("context"):
        return None
    matches = []
    for first, text in pages:
        for m in regex.finditer(regex.escape(raw), text):
            if context_fingerprint(text, m.start(), m.end()) == d["context"]:
                line_start = text.rfind("\n", 0, m.start()) + 1
                matches.append({**d, "line": first + text.count("\n", 0, m.start()), "offset": m.start() - line_start})
    return matches[0] if len(matches) == 1 else None
