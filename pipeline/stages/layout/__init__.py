"""layout: split each page into classified blocks.

Page numbers and scanner noise are hidden (and logged as removed); headings,
quotations, paragraphs and footnotes become blocks of their own, so footnote
text never lands inside a body paragraph.  The stage is a few steps, each in
its own module, each returning what it found:

- :mod:`.kinds`: what each line is (text, blank, page number, dust);
- :mod:`.numbering`: note numbers read and made to fit the sequence;
- :mod:`.notes`: where a page's notes are, and the notes as numbered blocks;
- :mod:`.joins`: paragraphs cut by a page break joined again.

What the stage learns of the pages it hands on as ``doc.structure``
(:class:`~pipeline.document.Structure`): pages' first lines, chapters, joins.
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from ...document import Block, Document, Edit, Page, Structure
from ...registry import Stage, register
from ...rules.notation import DEFINITION_START
from ...rules.paragraphs import CHAPTER, SENTENCE_END
from .joins import rejoin
from .kinds import footnote_rules_dropped, inner_page_numbers, line_kinds
from .notes import Notes
from .numbering import Numbering

NOTE_END = regex.compile(r"(?:[.*#»\"')\]]|\d)\W{0,3}$")  # a note that ends here is finished


class PageLayout(NamedTuple):
    """What :meth:`Layout.split_page` makes of one page."""

    blocks: list[Block]
    last_note: int | None  # the last note number given out, for the next page
    edits: list[Edit]
    chapters: list[int]  # raw lines where a chapter starts on this page


@register
class Layout(Stage):
    """Split pages into headings, paragraphs, quotations and footnotes; hide page numbers and scanner noise."""

    name = "layout"
    requires = frozenset({"scan lines"})
    provides = frozenset({"blocks", "page structure"})
    defaults = {"noise_threshold": 0.6, "max_note_jump": 10, "max_note_lines": 12}
    ranges = {"noise_threshold": (0.0, 1.0), "max_note_jump": (1, 50), "max_note_lines": (2, 100)}

    def __init__(self, resources=None, **settings):
        super().__init__(resources, **settings)
        self.numbering = Numbering(self.settings["max_note_jump"])
        self.notes = Notes(self.numbering, self.settings["max_note_lines"])

    def __call__(self, doc: Document) -> Document:
        doc = doc.copy()
        # where each page starts in the raw text: blocks move across pages later (rejoin)
        first_lines = {p.index: p.blocks[0].first_line for p in doc.pages if p.blocks}
        known = self.lexicon.is_known
        own_format = any(DEFINITION_START.match(line) for p in doc.pages for b in p.blocks for line in b.lines)
        last_note = None  # no note seen yet: any number may open the sequence
        chapters: list[int] = []  # raw line where each chapter starts (its notes numbered afresh)
        continued = False  # the last page's last note broke off mid-sentence
        for page in doc.pages:
            found = self.split_page(page, known, last_note, continued)
            notes = [b for b in found.blocks if b.kind == "footnote"]
            continued = bool(notes) and not NOTE_END.search(notes[-1].text)
            page.blocks, last_note = found.blocks, found.last_note
            page.printed = next((_digits(b.text) for b in found.blocks if b.kind == "page_number"), None)
            doc.edits.extend(found.edits)
            chapters += found.chapters
        # our own output read back: its paragraphs were joined by the run that wrote it (its notes, now
        # between two paragraphs, would otherwise no longer tell where one ended)
        edits, joins = ([], []) if own_format else rejoin(doc, self.name, known)
        doc.edits.extend(edits)
        doc.structure = Structure(first_lines, chapters, joins)
        return doc

    def split_page(self, page: Page, known, last_note: int | None, continued: bool = False) -> PageLayout:
        """One page as blocks: the body's, then its notes' (a lost page break: body and notes again)."""
        first = page.blocks[0].first_line
        lines, edits = footnote_rules_dropped([line for b in page.blocks for line in b.lines], page.index, first,
                                              self.name)
        kinds = inner_page_numbers(lines, line_kinds(lines, known, self.settings["noise_threshold"]))
        # text already in ocrclean's output format: its notes are marked, trust them
        own_format = any(DEFINITION_START.match(line) for line in lines)
        blocks, chapters, start = [], [], 0
        title = next((i for i, line in enumerate(lines) if CHAPTER.match(line)), None)
        if title is not None:
            last_note = 0  # notes are numbered afresh in each chapter
            chapters.append(first + title)
        notes = self.notes
        while start < len(lines):
            notes_from = len(lines) if own_format else notes.notes_start(lines, kinds, start, last_note)
            if notes_from == len(lines) and not own_format and last_note:
                notes_from = notes.garbled_note_alone(lines, kinds, start)
            section = notes.chapter_opening(lines, kinds, range(start, notes_from))
            if section is not None and (last_note or 0) > self.settings["max_note_jump"]:
                # a chapter whose title the scan lost: its first section restarts the notes (a chapter's
                # own first section comes a few notes at most after its title)
                chapters.append(first + section)
                last_note = 0
            if notes_from < len(lines):
                notes_from = notes.garbled_start_above(lines, kinds, start, notes_from, last_note, known)
                if start == 0:
                    notes_from = notes.continuation_above(lines, kinds, notes_from, continued)
            notes_to, lost_break = notes.notes_end(lines, kinds, notes_from, last_note)
            if lost_break:  # the lost break's page number: the next page starts there
                kinds = kinds[:notes_to] + ["page_number"] + kinds[notes_to + 1:]
            body, log = self.body_blocks(lines, kinds, range(start, notes_from), page.index, first, blocks[-1:])
            blocks += body
            edits += log
            found, last_note, log = notes.note_blocks(lines, kinds, range(notes_from, notes_to), page.index, first,
                                                      last_note, known)
            edits += log
            edits += [Edit(self.name, "noise", note.text, "", note.page, note.first_line, 0.8)
                      for note in found if note.kind == "noise"]
            blocks += found
            start = notes_to
        return PageLayout(blocks, last_note, edits, chapters)

    def body_blocks(self, lines, kinds, indexes, page, first, before: list[Block]) -> tuple[list[Block], list[Edit]]:
        """Paragraphs, headings, quotations (and our own ``[^N]:`` notes) of a run of body lines.

        ``before`` holds the block above the run, if any: a heading follows a finished sentence.
        """
        blocks, edits, chunk = [], [], []

        def flush():
            if chunk:
                blocks.append(self.body_block(lines, chunk, page, first, (before + blocks)[-1:]))
                chunk.clear()

        for i in indexes:
            line = lines[i]
            own = DEFINITION_START.match(line)
            if own:
                flush()
                blocks.append(Block.from_lines("footnote", [line[own.end():]], page, first + i, label=own["label"]))
                continue
            if kinds[i] == "text":
                chunk.append(i)
                continue
            flush()
            if kinds[i] != "blank":
                block = Block.from_lines("paragraph", [line], page, first + i)
                block, log = block.retyped(kinds[i], self.name, kinds[i].replace("_", "-"))
                blocks.append(block)
                edits += log
        flush()
        return blocks, edits

    @staticmethod
    def body_block(lines, chunk, page, first, previous: list[Block]) -> Block:
        """A run of text lines as a paragraph, or as a heading (short, no stop, after a finished sentence) or
        a quotation (opening on a quote)."""
        text = [lines[i] for i in chunk]
        block = Block.from_lines("paragraph", text, page, first + chunk[0])
        joined = " ".join(l.strip() for l in text)
        follows_sentence = not previous or previous[-1].kind != "paragraph" or SENTENCE_END.search(previous[-1].text)
        if len(text) <= 2 and len(joined) <= 60 and not SENTENCE_END.search(joined) and joined[:1].isupper() and follows_sentence:
            block.kind = "heading"
        elif joined[:1] in "\"'":
            block.kind = "quotation"
        return block


def _digits(text: str) -> str | None:
    digits = "".join(c for c in text if c.isdigit())
    return digits or None
