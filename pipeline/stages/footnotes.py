"""footnotes: link every mark in the body to its note, as ``[^N]``.

The layout stage finds the notes at the foot of each page and repairs their
numbers by the sequence (1, 2, 3... within a chapter).  This stage looks for
each note's mark in the body text of the same page: the superscripts the
scan mangled (``#^^*``, `` *``, ``socialism#44.``, a number glued to the
start of the next line or set at the end of the line) are strong evidence, a
number one digit off (``^5`` for 25) too, if weaker; where the mark was lost, a
sentence end (best the end of a paragraph or a quotation) takes it,
inferred.  Expected numbers and marks are matched in order by a small
dynamic programme, so a number that is readable pins its note, and marks
without numbers fall to the notes between.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from ..document import BODY_KINDS, Block, Change, Document, Edit, NoteCounts, Page
from ..errors import ConfigError
from ..registry import Stage, register
from ..rules.citations import STOP_CHOICES, citation_changes, stops_before_dates
from ..rules.glyphs import STOPS
from ..rules.notation import REFERENCE, reference
from ..rules.paragraphs import ends_open
from ..rules.punctuation import ABBREVIATIONS

# `USSR#^^*`, `relations»^^^*`, `Dirksen. ^ *`, `relations* ^5#`: the caret is the superscript's ghost
CARET_MARK = regex.compile(r"[ \t]?\^[\s^]*\d{0,3}\^*[ \t]?[*#]")
# `post* *`, `loans," *`, `majority* "`: a lone star or quote after the sentence's stop
LONE_MARK = regex.compile(r"(?<=[\p{L}\d][.,*#»\"'?!]{1,3})[ \t][*\"](?=\s|$)")
# `rapidly#207#`, `socialism#44.`: the number typed in the line, between stops
INLINE_NUMBER = regex.compile(r"(?<=\p{L}[\"']?)[#*»](?P<num>\d{1,3})[.#*»](?=\s|$)")
# `67stage towards`, `79*in the`, `20,Burits`, `62#during`: the superscript fell to the next line's start
GLUED_NUMBER = regex.compile(r"(?m)^[ \t]*(?P<num>\d{1,3})(?:[*,]|[.#](?=\p{Ll}))?(?=\p{L})(?!(?:st|nd|rd|th)\b)")
# `between our Governments. 36.`, `Kellogg Pact# 59*`: the number set after the sentence, at the line's end
LINE_END_NUMBER = regex.compile(r"(?m)(?<=(?P<word>\p{L}{3,})[.!?*#»][\"']?)[ \t](?P<num>\d{1,3})[.*#»]?(?=[ \t]*$)")
COMPOUND = regex.compile(r"\p{L}*(?:-\p{L}+)*")
CITED = {a.lower() for a in ABBREVIATIONS}  # a number after these (Vol., pps., Ibid.) is a page or a volume
# `c o m m i s s i o n #`: the raised number made the scan space out the line
SPACED_WORD = regex.compile(r"(?<!\S)(?:\p{L} ){3,}\p{L}[ \t]?[.#*,]")
SENTENCE_END = regex.compile(r"[.#*»?!][\"']?(?=[ \t\n]+[\"'(]?\p{Lu}|\s*$)")

STRONG, ANCHORED = 1.0, 3.0
MISREAD = 0.9  # a mark whose number the scan misread (15 for 13) is still a mark, if none fits better


@dataclass
class Candidate:
    """A place in the body where a mark is or may have been."""

    block: int  # index into the body blocks of the document
    start: int  # span the link replaces (the mangled mark, maybe empty)
    end: int
    at: int  # where ``[^N]`` goes, inside or at the end of the span
    weight: float  # how sure a mark is here
    rule: str
    number: int | None = None  # the number read in the mark, if any
    extra: tuple[int, int] | None = None  # a second span to drop (a glued number)


def candidates(text: str, index: int) -> list[Candidate]:
    """Marks and mark sites in one block's text, in text order.

    >>> [(c.rule, c.number) for c in candidates("opposed to German collaboration with the USSR#^^* Their defeat", 0)]
    [('caret-mark', None)]
    >>> [(c.rule, c.number) for c in candidates("the pro-\\n110western tendency in German foreign policy.\\nIn March", 0)]
    [('glued-number', 110)]
    >>> [(c.rule, c.number) for c in candidates("of all the questions pending between our Governments. 36.\\n", 0)]
    [('line-end-number', 36)]
    >>> [(c.rule, c.at) for c in candidates("The Soviet-Latvian \\n211non-aggression paot was signed on", 0)]
    [('glued-number', 37)]
    """
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return not any(a < e and s < b for s, e in taken)

    def add(c: Candidate):
        found.append(c)
        taken.append((c.start, c.end))
        if c.extra:
            taken.append(c.extra)

    for m in CARET_MARK.finditer(text):
        add(Candidate(index, m.start(), m.end(), m.start(), STRONG, "caret-mark", _number(m.group())))
    for m in INLINE_NUMBER.finditer(text):
        if free(m.start(), m.end()):
            add(Candidate(index, m.start(), m.end(), m.start(), ANCHORED, "inline-number", int(m["num"])))
    for m in LINE_END_NUMBER.finditer(text):
        if free(m.start(), m.end()) and m["word"].lower() not in CITED:
            add(Candidate(index, m.start(), m.end(), m.start(), ANCHORED, "line-end-number", int(m["num"])))
    lone = [m for m in LONE_MARK.finditer(text) if free(m.start(), m.end())]
    for m in GLUED_NUMBER.finditer(text):
        if not free(m.start(), m.end()):
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        on_line = next((l for l in lone if m.end() <= l.start() < line_end), None)
        if on_line is not None:  # the mark the number belongs to
            lone.remove(on_line)
            add(Candidate(index, on_line.start(), on_line.end(), on_line.start(), ANCHORED, "glued-number",
                          int(m["num"]), (m.start("num"), m.end())))
            continue
        stop = SENTENCE_END.search(text, m.end(), line_end + 1)
        # else after the word (a compound whole: `211non-aggression` is marked after `aggression`)
        at = stop.end() if stop else m.end() + len(COMPOUND.match(text, m.end()).group())
        add(Candidate(index, at, at, at, ANCHORED, "glued-number", int(m["num"]), (m.start("num"), m.end())))
    for m in lone:
        add(Candidate(index, m.start(), m.end(), m.start(), STRONG, "lone-mark"))
    for m in SPACED_WORD.finditer(text):
        if free(m.start(), m.end()):
            add(Candidate(index, m.end(), m.end(), m.end(), 0.5, "spaced-line"))
    for m in SENTENCE_END.finditer(text):
        if free(m.start(), m.end() + 1):
            paragraph_end = not text[m.end():].strip()
            weight = 0.3 if paragraph_end else 0.15 if m.group()[-1] in "\"'" else 0.05
            add(Candidate(index, m.end(), m.end(), m.end(), weight, "sentence-end"))
    return sorted(found, key=lambda c: c.at)


def _number(mark: str) -> int | None:
    digits = "".join(ch for ch in mark if ch.isdigit())
    return int(digits) if digits else None


def assign(cands: list[Candidate], labels: list[int]) -> dict[int, int]:
    """Best in-order matching of expected note numbers to candidates: {label: candidate index}.

    A candidate that shows a number is strong evidence for that number; for one a digit off
    it is a mark whose number the scan misread, worth ``MISREAD``.  The others take whatever
    falls between.  Every label may stay unmatched (score 0).

    >>> c = lambda w, n=None: Candidate(0, 0, 0, 0, w, "x", n)
    >>> assign([c(1.0), c(0.05), c(3.0, 7), c(0.3)], [5, 6, 7])
    {5: 0, 6: 1, 7: 2}
    >>> assign([c(0.05), c(3.0, 15), c(0.3)], [13, 14])  # 15could: the mark of 13 or 14
    {13: 1, 14: 2}
    >>> assign([c(0.05), c(3.0, 51), c(0.3)], [33, 34])  # 51economic: no misreading of 33
    {33: 0, 34: 2}
    """
    k, m = len(cands), len(labels)
    best = [[0.0] * (m + 1) for _ in range(k + 1)]
    for i in range(k - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            options.append(best[i + 1][j + 1] + weight(cands[i], labels[j]))
            best[i][j] = max(options)
    chosen, i, j = {}, 0, 0
    while i < k and j < m:
        if best[i][j] == best[i + 1][j + 1] + weight(cands[i], labels[j]):
            chosen[labels[j]] = i
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return chosen


def weight(c: Candidate, label: int) -> float:
    """How much a candidate counts as the mark of ``label``: fully with no number or the right one, as a
    misread mark with a number one digit off (``5`` or ``15`` for 25, ``101`` for 100), else not at all."""
    if c.number is None or c.number == label:
        return c.weight
    return min(c.weight, MISREAD) if Levenshtein.distance(str(c.number), str(label)) <= 1 else float("-inf")


@register
class Footnotes(Stage):
    """Link each note to its mark in the body as `[^N]` (found, or inferred at a sentence end) and place the notes.

    >>> from pipeline.stages.layout import Layout
    >>> page = ("the German social-democrats were seen in Moscow as being pro-western and \\n"
    ...         "opposed to German collaboration with the USSR#^^* Their defeat would be advan\\n"
    ...         "tageous to Russia though, of course, if this defeat was sustained at the cost\\n"
    ...         "of a Nazi victory.\\n\\n66. For example, the resolution of the KPD Central Committee")
    >>> doc = Footnotes()(Layout()(Document.from_text(page)))
    >>> doc.pages[0].blocks[0].text.split("\\n")[1]
    'opposed to German collaboration with the USSR.[^66] Their defeat would be advan'
    >>> [(b.kind, b.label) for b in doc.pages[0].blocks]
    [('paragraph', None), ('footnote', '66')]
    >>> doc.note_counts.total["linked"]
    1
    """

    name = "footnotes"
    requires = frozenset({"blocks", "page structure"})
    provides = frozenset({"note links"})
    defaults = {"placement": "paragraph", "infer": True}
    placements = ("paragraph", "chapter", "document")

    def __init__(self, resources=None, **settings):
        super().__init__(resources, **settings)
        if self.settings["placement"] not in self.placements:  # checked when the configuration is read
            raise ConfigError(f"footnotes.placement = {self.settings['placement']!r}: "
                              f"use one of {', '.join(self.placements)}")

    def __call__(self, doc: Document) -> Document:
        doc = doc.copy()
        body = [(page, i) for page, i, _ in doc.blocks(BODY_KINDS)]
        texts = [page.blocks[i] for page, i in body]
        linked = {m["label"] for b in texts for m in REFERENCE.finditer(b.text)}  # our own output, read back
        page_of = self._page_finder(doc)
        by_page: dict[int, list[Candidate]] = {}
        for index, block in enumerate(texts):
            if block.kind == "heading":
                continue  # titles carry no marks; their ends would only draw inferred ones
            for c in candidates(block.text, index):
                if c.weight < STRONG and not self.settings["infer"]:
                    continue
                by_page.setdefault(page_of(block.line_at(c.at)), []).append(c)
        changes: dict[int, list[Change]] = {}
        stats = Stats(doc.structure.chapter_lines)
        newly: dict[int, set[str]] = {}  # labels linked in this run, per page: only those notes move
        for page in doc.pages:
            if linked:  # our own output read back: its links were settled by the run that wrote it
                break
            labels = [b.label for b in page.notes if b.label and b.label.isdigit()]
            stats.notes(labels, page.notes[0].first_line if page.notes else 0)
            cands = by_page.get(page.index, [])
            chosen = assign(cands, [int(l) for l in labels])
            for label in labels:
                c = cands[chosen[int(label)]] if int(label) in chosen else None
                if c is None:
                    stats.unlinked(label)
                    doc.edits.append(Edit(self.name, "note-unlinked", "", "", page.index,
                                          page.notes[0].first_line, 0.3, {"label": label}))
                    continue
                stats.linked(label, inferred=c.weight < STRONG)
                if c.number is not None and c.number != int(label):
                    stats.count("marks_renumbered", texts[c.block].line_at(c.at))  # `^5` read as 25
                changes.setdefault(c.block, []).extend(self.link(texts[c.block].text, c, label))
            newly[page.index] = {label for label in labels if int(label) in chosen}
            used = set(chosen.values())
            stats.stray(sum(1 for n, c in enumerate(cands) if c.weight >= STRONG and n not in used))
        for index, found in changes.items():
            page, i = body[index]
            page.blocks[i], edits = page.blocks[i].rewrite(self.name, found)
            doc.edits.extend(edits)
        placement = self.settings["placement"]
        if placement == "paragraph":
            self.place_after_paragraphs(doc, newly)
        elif not linked:  # our own output read back: its notes are where the run that wrote it put them
            self.place_at_ends(doc, by_chapter=placement == "chapter")
        self.count_layout(doc, stats)
        doc.note_counts = stats.report()
        return self.choose_citation_stops(doc)

    @staticmethod
    def count_layout(doc: Document, stats: "Stats") -> None:
        """Per chapter: note numbers layout repaired, paragraphs it joined across pages, and body
        paragraphs still ending mid-sentence (where the text really stops, or a join was missed)."""
        for edit in doc.edits:
            if edit.stage == "layout" and edit.rule == "note-number":
                stats.count("numbers_repaired", edit.line)
        for line in doc.structure.joins:
            stats.count("joined_across_pages", line)
        for _, _, block in doc.blocks(("paragraph", "quotation")):
            if ends_open(REFERENCE.sub("", block.text)):
                stats.count("paragraphs_open_at_end", block.first_line)

    def choose_citation_stops(self, doc: Document) -> Document:
        """Read the scan's stops inside the notes' citations as commas where a citation has them.

        Punctuation, which runs next, reads a lone ``#`` or ``*`` as a full stop;
        in a citation the stop before a name or a date is a comma, and only
        here is the scan's mark still there to tell:

        >>> from pipeline.stages.layout import Layout
        >>> note = "23# Telegram from Stalin to the Soviet Ambassador in Turkey# Surits# November 21, 1930*"
        >>> doc = Footnotes()(Layout()(Document.from_text("Body.\\n\\n" + note)))
        >>> doc.pages[0].notes[0].text
        'Telegram from Stalin to the Soviet Ambassador in Turkey, Surits, November 21, 1930*'
        """
        stop_words = stops_before_dates(block.text for _, _, block in doc.blocks())
        return doc.rewrite(self.name, ("footnote",),
                           lambda block: citation_changes(block.text, STOP_CHOICES, stop_words))

    @staticmethod
    def link(text: str, c: Candidate, label: str) -> list[Change]:
        """The changes that write ``[^label]`` for a candidate, the mangled mark dropped.

        >>> text = "the treaty without notice,^^*"
        >>> [(c.new, c.rule) for c in Footnotes.link(text, candidates(text, 0)[0], "53")]
        [('.[^53]', 'caret-mark')]
        """
        detail = {"label": label, "shape": text[c.start:c.end]}
        confidence = min(0.95, 0.5 + c.weight / 2)
        out = []
        start = c.start
        if start > 0 and text[start - 1] in STOPS:  # the stop the mark sat on was a full stop
            start -= 1
            new = "." + reference(label)
        elif start > 0 and text[start - 1] == "," and not text[c.end:].strip():
            start -= 1  # `possible,^*` ending the paragraph: no paragraph ends on a comma, the scan misread the stop
            new = "." + reference(label)
        elif c.end > start and text[start] in STOPS:  # `rapidly#207#`: the mark opens on the stop
            new = "." + reference(label)
        else:
            new = reference(label)
        out.append(Change(start, c.end, new, c.rule if c.weight >= STRONG else "mark-inferred", confidence, detail))
        if c.extra:
            out.append(Change(*c.extra, "", "glued-number", confidence, detail))
        return out

    @staticmethod
    def _page_finder(doc: Document):
        """Raw line -> page index: marks are looked for on the page their notes are on."""
        known = doc.structure.page_first_lines
        starts = [(known.get(p.index) or min(b.first_line for b in p.blocks), p.index) for p in doc.pages if p.blocks]
        starts.sort()
        lines = [s for s, _ in starts]
        return lambda line: starts[max(0, bisect.bisect_right(lines, line) - 1)][1] if starts else 1

    def place_at_ends(self, doc: Document, by_chapter: bool) -> None:
        """Every note moved to the end of its chapter (or of the document), in order (logged block moves).

        A note continued from the previous page (``[^cont]``) joins the note
        it continues: once off the page, the page break means nothing.
        """
        starts = doc.structure.chapter_lines if by_chapter else []
        groups: dict[int, list[Block]] = {}
        for page in doc.pages:
            for block in page.notes:
                group = groups.setdefault(bisect.bisect_right(starts, block.first_line), [])
                if block.label is None and group:
                    group[-1] = group[-1].joined(block, "\n")
                    doc.edits.append(Edit(self.name, "note-continued", "", "", page.index, block.first_line, 0.8,
                                          {"label": group[-1].label}))
                else:
                    group.append(block)
                    doc.edits.append(Edit(self.name, "note-placed", "", "", page.index, block.first_line, 1.0,
                                          {"label": block.label, "placement": "chapter" if by_chapter else "document"}))
            page.blocks = [b for b in page.blocks if b.kind != "footnote"]
        for chapter in sorted(groups, reverse=True):  # later chapters first: earlier ones' boundaries stay put
            page, at = self._chapter_end(doc, starts[chapter] if chapter < len(starts) else None)
            page.blocks[at:at] = groups[chapter]

    @staticmethod
    def _chapter_end(doc: Document, next_start: int | None) -> tuple[Page, int]:
        """Where a chapter's notes go: before the first block of the next chapter, or at the very end."""
        if next_start is not None:
            for page in doc.pages:
                for i, block in enumerate(page.blocks):
                    if block.first_line >= next_start:
                        return page, i
        last = next((p for p in reversed(doc.pages) if p.blocks), doc.pages[-1])
        return last, len(last.blocks)

    def place_after_paragraphs(self, doc: Document, newly: dict[int, set[str]]) -> None:
        """Each note moved right after the paragraph that references it (a logged block move).

        The paragraph may have begun on an earlier page (layout joins a
        paragraph cut by a page break): the note follows the whole of it, on
        the page where it starts.  A mark's note is the one of the page the
        mark is on.  Only notes linked in this run move: notes read back from
        our own output are where an earlier run put them.  The rest of a note
        from the page before (``[^cont]``) goes along, just ahead of the
        page's first note, so the note it continues stays the one right above it.
        """
        notes = {(page.index, b.label): b for page in doc.pages for b in page.notes
                 if b.label in newly.get(page.index, ())}
        if not notes:
            return
        page_of = self._page_finder(doc)
        leading = {page.index: self._continuations(page) for page in doc.pages}
        emitted: set[int] = set()  # ids of blocks already placed
        moved: dict[int, list[tuple[str, Block]]] = {}  # page the notes came from -> (label, note) moved
        orders, landed = [], {}  # landed: note id -> the page it now sits on
        for page in doc.pages:
            order = []
            for block in page.blocks:
                if id(block) in emitted:
                    continue
                order.append(block)
                emitted.add(id(block))
                if block.kind not in BODY_KINDS:
                    continue
                for m in REFERENCE.finditer(block.text):
                    home = page_of(block.line_at(m.start()))
                    note = notes.get((home, m["label"]))
                    if note is None or id(note) in emitted:
                        continue
                    if home not in moved:
                        lead = [b for b in leading[home] if id(b) not in emitted]
                        order.extend(lead)
                        emitted.update(id(b) for b in lead)
                    order.append(note)
                    emitted.add(id(note))
                    landed[id(note)] = page.index
                    moved.setdefault(home, []).append((m["label"], note))
            orders.append(order)
        changed = set()
        for page, order in zip(doc.pages, orders):
            if [id(b) for b in order] != [id(b) for b in page.blocks]:
                page.blocks = order
                changed.add(page.index)
        for home, placed in sorted(moved.items()):
            if home not in changed and all(landed[id(note)] == home for _, note in placed):
                continue  # already where they belong: nothing moved
            doc.edits.extend(Edit(self.name, "note-placed", "", "", home, note.first_line, 1.0, {"label": label})
                             for label, note in sorted(placed, key=lambda p: p[1].first_line))

    @staticmethod
    def _continuations(page: Page) -> list[Block]:
        """The unnumbered notes ahead of the page's first numbered one: the last page's note, continued."""
        out = []
        for block in page.notes:
            if block.label is not None:
                break
            out.append(block)
        return out


class Stats:
    """Per-chapter counts: chapters start where layout saw one start, or where the note numbers start again.

    ``linked`` marks were found in the body, ``inferred`` ones placed at a sentence end; the
    ``LINE_COUNTS`` are counted by the raw line they are on.
    """

    LINE_COUNTS = ("numbers_repaired", "marks_renumbered", "joined_across_pages", "paragraphs_open_at_end")

    def __init__(self, chapter_lines: list[int] | None = None):
        self.chapters: list[dict] = []
        self.last = 0
        self._stray = 0
        self.starts = chapter_lines or []
        self._extra = dict.fromkeys(self.LINE_COUNTS, 0)

    def _chapter(self) -> dict:
        return self.chapters[-1]

    def notes(self, labels: list[str], line: int = 0) -> None:
        chapter = bisect.bisect_right(self.starts, line)
        for label in labels:
            number = int(label)
            if self.starts:
                new = not self.chapters or chapter > self.chapters[-1]["chapter"]
            else:
                new = not self.chapters or (number < self.last - 10 and number <= 5)
            if new:
                self.chapters.append(self._row(chapter if self.starts else len(self.chapters) + 1))
            self._chapter()["notes"] += 1
            self.last = number

    @staticmethod
    def _row(chapter: int) -> dict:
        return {"chapter": chapter, "notes": 0, "linked": 0, "inferred": 0, "unlinked": 0, "marks_without_note": 0,
                **dict.fromkeys(Stats.LINE_COUNTS, 0)}

    def count(self, key: str, line: int) -> None:
        """One more ``key`` in the chapter that holds raw line ``line`` (in the total only when layout saw no
        chapter start: then chapters are told by note numbers alone, and a line does not say which)."""
        self._extra[key] += 1
        if not self.starts:
            return
        chapter = bisect.bisect_right(self.starts, line)
        row = next((c for c in self.chapters if c["chapter"] == chapter), None)
        if row is None:
            row = self._row(chapter)
            self.chapters.append(row)
            self.chapters.sort(key=lambda c: c["chapter"])
        row[key] += 1

    def linked(self, label: str, inferred: bool) -> None:
        self._chapter()["inferred" if inferred else "linked"] += 1

    def unlinked(self, label: str) -> None:
        self._chapter()["unlinked"] += 1

    def stray(self, count: int) -> None:
        if self.chapters:
            self._chapter()["marks_without_note"] += count
        else:
            self._stray += count

    def report(self) -> NoteCounts:
        keys = ("notes", "linked", "inferred", "unlinked", "marks_without_note")
        total = {k: sum(c[k] for c in self.chapters) for k in keys}
        total["marks_without_note"] += self._stray
        total.update(self._extra)
        return NoteCounts(self.chapters, total)
