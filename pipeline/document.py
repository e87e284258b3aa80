"""The document model every stage reads and returns.

Raw text -> pages -> blocks.  A block is a run of raw lines with a kind
(paragraph, heading, quotation, footnote, page_number, noise...) and keeps
the raw line numbers it came from, so any piece of output points back to its
page and line.  Every change goes through :meth:`Block.rewrite`, which
records an :class:`Edit` with stage, rule, before, after, location and
confidence: that log is what diff reports and reviews stand on.
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import regex

BODY_KINDS = ("heading", "paragraph", "quotation")
HIDDEN_KINDS = ("page_number", "noise", "blank")
PAGE_BREAK = regex.compile(r"\n[ \t]*\n[ \t]*\n[ \t]*\n")


@dataclass(frozen=True)
class Edit:
    """One change to the text, as the review shows it."""

    stage: str
    rule: str
    before: str
    after: str
    page: int  # 1-based page index in the raw file
    line: int  # 1-based raw line number
    confidence: float = 1.0
    detail: dict | None = None

    def to_json(self) -> dict:
        """The edit's fields in order, ``detail`` only when there is one.  Its values are JSON's already
        (strings, numbers, lists): not deep-copied, as ``dataclasses.asdict`` would for every edit logged."""
        data = dict(vars(self))
        if data["detail"] is None:
            del data["detail"]
        return data


@dataclass(frozen=True)
class Change:
    """A replacement a stage proposes: ``text[start:end] -> new``."""

    start: int
    end: int
    new: str
    rule: str
    confidence: float = 1.0
    detail: dict | None = None


def _moved(offset: int, applied: list[Change]) -> int:
    """Where ``offset`` lands once ``applied`` (sorted, disjoint) are made."""
    shift = 0
    for ch in applied:
        if ch.start >= offset:
            break
        if ch.end > offset:  # inside a replaced span: snap to its start
            return ch.start + shift
        shift += len(ch.new) - (ch.end - ch.start)
    return offset + shift


@dataclass
class Block:
    kind: str
    text: str
    page: int
    first_line: int
    line_starts: list[int] = field(default_factory=lambda: [0])
    label: str | None = None  # footnote number as printed (after repair)
    line_numbers: list[int] | None = None  # raw line of each line start, when not consecutive

    @classmethod
    def from_lines(cls, kind: str, lines: list[str], page: int, first_line: int, **kw) -> "Block":
        starts, pos = [], 0
        for line in lines:
            starts.append(pos)
            pos += len(line) + 1
        return cls(kind, "\n".join(lines), page, first_line, starts or [0], **kw)

    def joined(self, other: "Block", separator: str = "\n") -> "Block":
        """This block with ``other``'s text appended, line numbers kept.

        >>> a = Block.from_lines("footnote", ["DVP Vol.13,"], 1, 20)
        >>> b = a.joined(Block.from_lines("footnote", ["p.111."], 1, 22))
        >>> b.text, b.line_at(len("DVP Vol.13,\\np"))
        ('DVP Vol.13,\\np.111.', 22)
        """
        offset = len(self.text) + len(separator)
        numbers = self._numbers() + other._numbers()
        return dataclasses.replace(self, text=self.text + separator + other.text,
                                   line_starts=self.line_starts + [offset + s for s in other.line_starts],
                                   line_numbers=numbers)

    def _numbers(self) -> list[int]:
        return self.line_numbers or [self.first_line + i for i in range(len(self.line_starts))]

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def visible(self) -> bool:
        return self.kind not in HIDDEN_KINDS

    def line_at(self, offset: int) -> int:
        """Raw line number of the character at ``offset``."""
        index = max(0, bisect.bisect_right(self.line_starts, offset) - 1)
        return self.line_numbers[index] if self.line_numbers else self.first_line + index

    def rewrite(self, stage: str, changes: Iterable[Change]) -> tuple["Block", list[Edit]]:
        """Apply non-overlapping changes; return the new block and its edits.

        >>> b = Block.from_lines("paragraph", ["suoh a", "pact*"], 1, 10)
        >>> nb, edits = b.rewrite("demo", [Change(0, 4, "such", "c->o"), Change(11, 12, ".", "stop")])
        >>> nb.text, [(e.before, e.after, e.line) for e in edits]
        ('such a\\npact.', [('suoh', 'such', 10), ('*', '.', 11)])
        """
        applied, pieces, edits, pos = [], [], [], 0
        for ch in sorted(changes, key=lambda c: (c.start, c.end)):
            before = self.text[ch.start:ch.end]
            if ch.start < pos or before == ch.new:
                continue  # overlapping proposals: the first one wins
            pieces += [self.text[pos:ch.start], ch.new]
            edits.append(Edit(stage, ch.rule, before, ch.new, self.page, self.line_at(ch.start),
                              round(ch.confidence, 3), ch.detail))
            applied.append(ch)
            pos = ch.end
        if not edits:
            return self, []
        pieces.append(self.text[pos:])
        starts = [_moved(s, applied) for s in self.line_starts]
        return dataclasses.replace(self, text="".join(pieces), line_starts=starts), edits

    def retyped(self, kind: str, stage: str, rule: str, confidence: float = 1.0) -> tuple["Block", list[Edit]]:
        """The same block as another kind; hiding a block is logged as its removal."""
        if kind == self.kind:
            return self, []
        block = dataclasses.replace(self, kind=kind)
        if self.visible and not block.visible:
            return block, [Edit(stage, rule, self.text, "", self.page, self.first_line, confidence)]
        return block, []


@dataclass
class Page:
    index: int  # 1-based position in the raw file
    blocks: list[Block]
    printed: str | None = None  # the page number as printed, when readable

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in BODY_KINDS]

    @property
    def notes(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "footnote"]


@dataclass
class Structure:
    """What layout learns of the pages and hands the stages after it (typed, not ``meta`` keys)."""

    page_first_lines: dict[int, int] = field(default_factory=dict)  # page index -> its first raw line
    chapter_lines: list[int] = field(default_factory=list)  # raw line where each chapter starts
    joins: list[int] = field(default_factory=list)  # raw line where a paragraph runs on across a page break

    def chapter_of(self, line: int) -> int:
        """0 before the first chapter seen, then 1, 2... (a chapter's notes are numbered afresh)."""
        return bisect.bisect_right(self.chapter_lines, line)


@dataclass
class NoteCounts:
    """What the footnotes stage counted, per chapter and in all (``<stem>.notes.json``, the run's summary)."""

    chapters: list[dict]  # one row per chapter: its number, then a count per column
    total: dict[str, int]

    def to_json(self) -> dict:
        return {"chapters": self.chapters, "total": self.total}


@dataclass
class Doubtful:
    """A word the words stage left as it was, no reading sure enough (the report, ``<stem>.unknown.tsv``)."""

    word: str
    page: int
    line: int  # raw line
    candidates: list[tuple[str, float]]  # its readings, likeliest first, with their posteriors


@dataclass
class Reading:
    """What the words stage read of the document: what it doubts, and what the document taught it."""

    doubtful: list[Doubtful]
    confusions: list[dict] = field(default_factory=list)  # the scan profile's commonest confusions
    trusted: list[str] = field(default_factory=list)  # words no dictionary knows that the document is taken to write
    profile: dict | None = None  # the scan profile's error rate and confusions (``<stem>.profile.json``)
    scan: object = None  # the learned scan profile itself (a ``correction.profile.ScanProfile``), for later stages


@dataclass(frozen=True)
class ReviewTally:
    """The reviewer's decisions the review stage applied, and those whose words the text no longer holds."""

    applied: int
    stale: int


@dataclass
class Document:
    name: str
    pages: list[Page]
    edits: list[Edit] = field(default_factory=list)
    structure: Structure = field(default_factory=Structure)  # layout's
    note_counts: NoteCounts | None = None  # footnotes'
    reading: Reading | None = None  # words'
    review: ReviewTally | None = None  # review's

    @classmethod
    def from_text(cls, text: str, name: str = "document") -> "Document":
        """Split raw text into pages at runs of three or more blank lines.

        >>> doc = Document.from_text("one\\n\\n\\n\\ntwo\\nthree")
        >>> [(p.index, p.blocks[0].first_line, p.blocks[0].text) for p in doc.pages]
        [(1, 1, 'one'), (2, 5, 'two\\nthree')]
        """
        pages = [Page(index, [Block.from_lines("paragraph", chunk.split("\n"), index, line_no)])
                 for index, (line_no, chunk) in enumerate(raw_pages(text), 1)]
        return cls(name, pages)

    def copy(self) -> "Document":
        """A new document sharing the (immutable-by-convention) blocks."""
        return dataclasses.replace(self, pages=[dataclasses.replace(p, blocks=list(p.blocks)) for p in self.pages],
                                   edits=list(self.edits))

    def blocks(self, kinds: Iterable[str] | None = None) -> Iterator[tuple[Page, int, Block]]:
        kinds = tuple(kinds) if kinds is not None else None
        for page in self.pages:
            for i, block in enumerate(page.blocks):
                if kinds is None or block.kind in kinds:
                    yield page, i, block

    def rewrite(self, stage: str, kinds: Iterable[str] | None, propose) -> "Document":
        """Run ``propose(block) -> [Change]`` over blocks and apply the changes.

        Returns a new document; this one is left as it was.
        """
        doc = self.copy()
        for page, i, block in doc.blocks(kinds):
            changes = propose(block)
            if changes:
                page.blocks[i], edits = block.rewrite(stage, changes)
                doc.edits.extend(edits)
        return doc

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for _, _, b in self.blocks() if b.visible)


def raw_pages(text: str) -> list[tuple[int, str]]:
    """The raw text's pages as ``(first raw line, text)``, split as :meth:`Document.from_text` splits them.

    >>> raw_pages("one\\n\\n\\n\\ntwo\\nthree")
    [(1, 'one'), (5, 'two\\nthree')]
    """
    pages, line_no, pos = [], 1, 0
    for m in [*PAGE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        pages.append((line_no, chunk))
        if m:
            line_no += chunk.count("\n") + m.group().count("\n")
            pos = m.end()
    return pages


def diff_changes(old: str, new: str, rule: str, confidence: float = 1.0, offset: int = 0) -> list[Change]:
    """The smallest changes that turn ``old`` into ``new``, as :class:`Change` s.

    >>> [(c.start, c.end, c.new) for c in diff_changes("Ruasi\\u00a3ms said", "Russians said", "r")]
    [(2, 3, 's'), (5, 7, 'an')]
    """
    if len(old) > LONG_DIFF:
        return _diff_long(old, new, rule, confidence, offset)
    return _diff_chars(old, new, rule, confidence, offset)


def _diff_chars(old: str, new: str, rule: str, confidence: float, offset: int) -> list[Change]:
    import difflib

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [Change(offset + i1, offset + i2, new[j1:j2], rule, confidence)
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


LONG_DIFF = 2000  # characters; past this a character diff is too slow (quadratic)
TOKEN_OR_SPACE = regex.compile(r"\s+|\S+")


def _diff_long(old: str, new: str, rule: str, confidence: float, offset: int) -> list[Change]:
    """Diff word by word, then character by character inside the words that differ.

    A very long line (a whole article as one record) would take seconds with a
    character diff; changes inside words come out the same.

    >>> [(c.start, c.end, c.new) for c in _diff_long("a suoh pact " * 400, "a such pact " * 400, "r", 1.0, 0)][:2]
    [(4, 5, 'c'), (16, 17, 'c')]
    """
    import difflib

    a, b = TOKEN_OR_SPACE.findall(old), TOKEN_OR_SPACE.findall(new)
    starts_a, starts_b, pos = [], [], 0
    for token in a:
        starts_a.append(pos)
        pos += len(token)
    starts_a.append(pos)
    pos = 0
    for token in b:
        starts_b.append(pos)
        pos += len(token)
    starts_b.append(pos)
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            start, end = starts_a[i1], starts_a[i2]
            changes += _diff_chars(old[start:end], new[starts_b[j1]:starts_b[j2]], rule, confidence, offset + start)
    return changes
