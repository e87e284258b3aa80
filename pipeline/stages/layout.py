"""layout: split each page into classified blocks.

Page numbers and scanner noise are hidden (and logged as removed); headings,
quotations, paragraphs and footnotes become blocks of their own, so footnote
text never lands inside a body paragraph.
"""
from __future__ import annotations

import itertools

import regex

from ..document import Block, Document, Edit, Page, Structure
from ..registry import Stage, register
from .page_joins import CHAPTER, opens_lower as _opens_lower, rejoin

NOTE_START = regex.compile(r"^\s*['\u2018\u2019]?(?P<num>\d{1,3})\s?(?P<sep>[.#*,:;\"'»]{1,3})(?:\s+|(?<=\.)(?=[A-Z])|['\"]+\s*)(?=[\p{L}\"'(])")
GLUED_NOTE = regex.compile(r"(?<=[\p{P}\p{S}])\s*(?P<num>\d{1,3})\s?(?:[.#*]\s*|,\s+)(?=[A-Z])")
SENTENCE_END = regex.compile(r"[.*#»!?:;\"')\]]\s*$")
OWN_NOTE = regex.compile(r"^\[\^(?P<num>[^\]\s]+)\]:\s*")  # our own output format, read back
BARE_NUMBER = regex.compile(r"^[\s\-.*#,]*\d{1,3}[\s\-.*#,]*$")
WORD = regex.compile(r"\p{L}+")
GARBLED_NUMBER = regex.compile(r"^\s*[^\p{L}\d\s\"'(]{1,3}(?:\s?['\"])?\s*(?=\p{Lu})")  # `% ' Letter`: symbols where a number was
WORD_ISH = regex.compile(r"\p{L}{3}")
# the rule typed above the notes, run onto the first note's line by the scan
RULE_BEFORE_NOTE = regex.compile(r"^.*[-—_.]{10,}[^\p{L}\d]*(?:\p{L}{1,2}[^\p{L}\d]+)*(?=\d{1,3}\s?[.#*,]\s+\p{Lu})")
RULE_AFTER = regex.compile(r"\s*[-—_]{6,}\s*$")  # the rule under the notes' last line
NOTE_END = regex.compile(r"(?:[.*#»\"')\]]|\d)\W{0,3}$")  # a note that ends here is finished
CONTINUATION_LINES = 5  # the most lines of the last page's note (or of one whose number was lost) above the first
CITATION_END = regex.compile(r"\b1[89]\d\d\b|\bpp?s?[.*#,]\s?\d|\bIbid\b|\bVol\b")
PAGE_REFERENCE = regex.compile(r"\bpp?s?[.*#,»]\s?[\dlIO?]|\bVol[.*#,»]\s?[\dlIO^]|\bIbid\b")  # `p#?l*`, `Vol.14`
PASTED_BODY = regex.compile(r"^[ \t]+\p{L}")
GARBLED_HEAD = regex.compile(r"^\s*[^\s^%#~|]{0,8}[\^%#~|]\S*[\p{L}']{3}")  # the number's ghost in the first word
# quotes the scan strewed over a garbled line: runs of them (`''`, `'"'`) or one set inside a word
# (`'from'the`) where no apostrophe goes (`don't`, `Russia's`, `we'll` are English)
QUOTES = "'\"\u2018\u2019\u201c\u201d`"
QUOTE_RUN = regex.compile(rf"[{QUOTES}]{{2,}}")
QUOTE_IN_WORD = regex.compile(rf"(?<=\p{{L}})[{QUOTES}](?=\p{{L}})(?!(?:s|t|d|ll|re|ve|m)\b)")
# a note number the scan misread (`$6.`, `23B*`, `12Z'''`, `1 0 1 'Note`, `11 • The`): digits and the
# letters that look like them, or spaced digits; trusted only where it reads as the note due next
LOOKALIKE_START = regex.compile(
    r"^\s*(?P<num>(?=[\dlIO$SZB]*\d|[lIO]{2}\W|[lIO$SZB]{2,3}[#*])[\dlIO$SZB]{1,3}|\d(?: \d){1,2})\s?[.#*,:;\"'»•\u2019]{1,4}\s*(?=\p{Lu}|['\"])")
UNACCENTED = str.maketrans("\u00cc\u00cd\u00ce\u00cf\u00d2\u00d3\u00d4\u00d6", "IIIIOOOO")  # `\u00cf\u00d44.` is 104
DIGIT_LOOKALIKES = {"l": "1", "I": "1", "O": "0", "$": "58", "S": "58", "Z": "2", "B": "8"}
FIRST_SECTION = regex.compile(r"^\s*1\s?[.*#,]\s")  # `1. Poland.`, `1# The attempt...`: a chapter's first section


def is_page_number(line: str) -> bool:
    """A short token standing alone at the top of a page, garbled or not.

    >>> [is_page_number(s) for s in ["42.", "w*", "JJ*", "8,", "4.0 #", "- 42 -"]]
    [True, True, True, True, True, True]
    >>> [is_page_number(s) for s in ["Summary", "CHAPTER 2", "of the pact"]]
    [False, False, False]
    """
    s = line.strip()
    if not s or len(s) > 6:
        return False
    letters = WORD.findall(s)
    return not any(len(w) >= 3 for w in letters) and (any(c.isdigit() for c in s) or len(s) <= 4)


def quote_garbled(line: str) -> bool:
    r"""A line the scan strewed with quotes: the garbled first line of a note whose number it ate.

    Typed prose quotes a phrase with one pair at word edges; these lines hold
    runs of quotes and quotes inside words.

    >>> quote_garbled("8f^'T\u00abdegS\u00ab\u00ee'frS\"the3\u00f4viet''AjiSss\u00bbad\u00f4r")
    True
    >>> quote_garbled("\u00ee\u00efir'Report''of '''ihe' sov Sixth 'G6ngi%ss\"of''8 March 8,")
    True
    >>> quote_garbled("his opinion to Zdeski*\" Surits reported that the Pole's 'gentle' manner")
    False
    """
    return len(QUOTE_RUN.findall(line)) + len(QUOTE_IN_WORD.findall(line)) >= 2


def lookalike_note_start(line: str, expected: int) -> int | None:
    """Where the text starts after a misread note number that reads as ``expected``, else None.

    A letter for a digit is read as the digits it looks like, or dropped as
    a stray (``12Z`` is 12, ``23B`` 238, ``$6`` 56 or 86):

    >>> lookalike_note_start("$6. See Chapter 1#", 86), lookalike_note_start("23B* Dyck, Weimar Germany", 238)
    (4, 5)
    >>> lookalike_note_start("ll.Ibid,. January 2, 1931*", 11), lookalike_note_start("Is. It", 15)
    (3, None)
    >>> lookalike_note_start("1 0 1 'Note ''of 'a ''oonversaMonb ' Commissar", 101)
    7
    >>> lookalike_note_start("\u00cf\u00d44. See, for Sample, conversation of troa^ovs^ with", 104)
    5
    >>> lookalike_note_start("12Z'''%j'*Eudin'md R.M.''", 12), lookalike_note_start("$6. See Chapter 1#", 57)
    (5, None)
    >>> lookalike_note_start("SO# Note of a conversation", 50), lookalike_note_start("SO# Note of a conversation", 51)
    (4, None)
    """
    m = LOOKALIKE_START.match(line.translate(UNACCENTED))
    if not m:
        return None
    num = m["num"].replace(" ", "")
    readings = {"".join(p) for p in itertools.product(*(DIGIT_LOOKALIKES.get(c, c) for c in num))}
    readings.add("".join(c for c in num if c.isdigit()))
    return m.end() if str(expected) in readings else None


def typical_width(lines: list[str]) -> int:
    """The page's line width, a stray overlong line (a footnote rule run on) not counting.

    >>> typical_width(["x" * 70] * 5 + ["-" * 200, ""])
    70
    """
    widths = sorted(len(l.rstrip()) for l in lines if l.strip())
    return widths[int(0.8 * (len(widths) - 1))] if widths else 0



def noise_score(line: str, known, digits_are_content: bool = True) -> float:
    """Share of the line that is not language: 0 for prose, 1 for scanner dust.

    >>> from pipeline.lexicon import Lexicon
    >>> known = Lexicon().is_known
    >>> noise_score("\\u25a0ai.miiii*\\u00bb-f j\\u00bbi.irvn -i-l n mi.", known) > 0.6
    True
    >>> noise_score("the world economic crisis# which together with", known) < 0.1
    True
    >>> noise_score("olutions.", known), noise_score("2. Ibid.. p.32#", known) < 0.2
    (0.0, True)
    >>> noise_score(":", known) == noise_score(": :", known) > 0.6
    True
    >>> noise_score("Q", known) == noise_score("A A", known) > 0.6  # so joining lone letters keeps them dust
    True

    A note whose first line the scan garbled keeps a digit or two; asked to
    look past them, the score still tells it from a citation:

    >>> line = "l%r'Ko%mr'%ussia^ 'Renubli6. n ' . ' & 3 r \\u0022 \\u2022"
    >>> noise_score(line, known) < 0.3, noise_score(line, known, digits_are_content=False) > 0.5
    (True, True)
    >>> noise_score("for Foreign Affairs, Litvinov, May 3,1931* DVP Vq1*14* pps*308-309*", known, False) < 0.5
    True
    """
    s = line.strip()
    if not s:
        return 0.0
    symbols = sum(1 for c in s if not (c.isalnum() or c.isspace() or c in ".,;:'\"-()"))
    symbol_share = 1.5 * symbols / len(s.replace(" ", ""))
    words = WORD.findall(s)
    # a word fragment is content; stops alone are dust however they are spaced (`:` and `: :` alike)
    fragment = len(s.split()) < 2 and sum(c.isalnum() for c in s) > 1  # a lone letter is dust
    if (digits_are_content and any(c.isdigit() for c in s)) or (fragment and not symbols):
        return round(min(1.0, symbol_share), 3)  # numbers, citations and word fragments are content
    letters = sum(len(w) for w in words) or 1
    sound = sum(len(w) for w in words if len(w) >= 2 and known(w, 1e-6))
    return round(min(1.0, 0.7 * (1 - sound / letters) + symbol_share), 3)


def split_glued_notes(text: str, expected: int) -> list[tuple[str, str | None]]:
    """Notes the scan ran together on one line, split where the next number is due.

    >>> split_glued_notes("(London 1952), pps. 55-56%26. NKD Statement. DVP Vol.9, p.404*27* J.Beck", 26)
    [('(London 1952), pps. 55-56%', None), ('NKD Statement. DVP Vol.9, p.404*', '26'), ('J.Beck', '27')]
    """
    pieces, pos, label = [], 0, None
    for m in GLUED_NOTE.finditer(text):
        if int(m["num"]) != expected:
            continue
        pieces.append((text[pos:m.start()], label))
        label, pos, expected = m["num"], m.end(), expected + 1
    pieces.append((text[pos:], label))
    return [(t, l) for t, l in pieces if t.strip()]


@register
class Layout(Stage):
    """Split pages into headings, paragraphs, quotations and footnotes; hide page numbers and scanner noise."""

    name = "layout"
    requires = frozenset({"scan lines"})
    provides = frozenset({"blocks", "page structure"})
    defaults = {"noise_threshold": 0.6, "max_note_jump": 10, "max_note_lines": 12}
    ranges = {"noise_threshold": (0.0, 1.0), "max_note_jump": (1, 50), "max_note_lines": (2, 100)}

    def __call__(self, doc: Document) -> Document:
        doc = doc.copy()
        # where each page starts in the raw text: blocks move across pages later (rejoin)
        first_lines = {p.index: p.blocks[0].first_line for p in doc.pages if p.blocks}
        known = self.lexicon.is_known
        own_format = any(OWN_NOTE.match(line) for p in doc.pages for b in p.blocks for line in b.lines)
        last_note = None  # no note seen yet: any number may open the sequence
        chapters: list[int] = []  # raw line where each chapter starts (its notes numbered afresh)
        continued = False  # the last page's last note broke off mid-sentence
        for page in doc.pages:
            blocks, last_note, edits = self.split_page(page, known, last_note, chapters, continued)
            notes = [b for b in blocks if b.kind == "footnote"]
            continued = bool(notes) and not NOTE_END.search(notes[-1].text)
            page.blocks = blocks
            page.printed = next((_digits(b.text) for b in blocks if b.kind == "page_number"), None)
            doc.edits.extend(edits)
        # our own output read back: its paragraphs were joined by the run that wrote it (its notes, now
        # between two paragraphs, would otherwise no longer tell where one ended)
        edits, joins = ([], []) if own_format else rejoin(doc, self.name, known)
        doc.edits.extend(edits)
        doc.structure = Structure(first_lines, chapters, joins)
        return doc

    def split_page(self, page: Page, known, last_note: int, chapters: list[int] | None = None,
                   continued: bool = False) -> tuple[list[Block], int, list[Edit]]:
        lines = [line for b in page.blocks for line in b.lines]
        first = page.blocks[0].first_line
        rule_edits = self.drop_footnote_rules(lines, page.index, first)
        kinds = self.line_kinds(lines, known)
        self.mark_inner_page_numbers(lines, kinds)
        # text already in ocrclean's output format: its notes are marked, trust them
        own_format = any(OWN_NOTE.match(line) for line in lines)
        blocks, edits, start = [], rule_edits, 0
        chapters = [] if chapters is None else chapters
        title = next((i for i, line in enumerate(lines) if CHAPTER.match(line)), None)
        if title is not None:
            last_note = 0  # notes are numbered afresh in each chapter
            chapters.append(first + title)
        while start < len(lines):
            notes_from = len(lines) if own_format else self.notes_start(lines, kinds, start, last_note)
            if notes_from == len(lines) and not own_format and last_note:
                notes_from = self.garbled_note_alone(lines, kinds, start)
            section = self.chapter_opening(lines, kinds, range(start, notes_from))
            if section is not None and (last_note or 0) > self.settings["max_note_jump"]:
                # a chapter whose title the scan lost: its first section restarts the notes (a chapter's
                # own first section comes a few notes at most after its title)
                chapters.append(first + section)
                last_note = 0
            if notes_from < len(lines):
                notes_from = self.garbled_start_above(lines, kinds, start, notes_from, last_note, known)
                if start == 0:
                    notes_from = self.continuation_above(lines, kinds, notes_from, continued)
            notes_to = self.notes_end(lines, kinds, notes_from, last_note)
            edits += self.body_blocks(lines, kinds, range(start, notes_from), page.index, first, blocks)
            notes, last_note, log = self.note_blocks(lines, kinds, range(notes_from, notes_to), page.index, first, last_note,
                                                     known)
            edits += log
            for note in notes:
                if note.kind == "noise":
                    edits.append(Edit(self.name, "noise", note.text, "", note.page, note.first_line, 0.8))
            blocks += notes
            start = notes_to
        return blocks, last_note, edits

    def drop_footnote_rules(self, lines: list[str], page: int, first: int) -> list[Edit]:
        """The rule typed above the notes, run onto the first note's line: the note keeps its line.

        >>> lines = [" —    ------------------, •■JV ------------ -  6. Curtius to Dirksen, March 16,1931*"]
        >>> [e.rule for e in Layout().drop_footnote_rules(lines, 1, 1)], lines
        (['footnote-rule'], ['6. Curtius to Dirksen, March 16,1931*'])
        """
        edits = []
        for i, line in enumerate(lines):
            m = RULE_BEFORE_NOTE.match(line)
            if m:
                lines[i] = line[m.end():]
                edits.append(Edit(self.name, "footnote-rule", m.group(), "", page, first + i, 0.8))
        return edits

    def body_blocks(self, lines, kinds, indexes, page, first, blocks) -> list[Edit]:
        """Paragraphs, headings, quotations (and our own ``[^N]:`` notes) of a run of body lines."""
        edits, chunk = [], []

        def flush():
            if chunk:
                blocks.append(self.body_block(lines, chunk, page, first, blocks))
                chunk.clear()

        for i in indexes:
            line = lines[i]
            own = OWN_NOTE.match(line)
            if own:
                flush()
                blocks.append(Block.from_lines("footnote", [line[own.end():]], page, first + i, label=own["num"]))
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
        return edits

    def note_starts(self, lines, kinds, start) -> list[tuple[int, int]]:
        """(line, number) of every line from ``start`` on that opens like a note."""
        found = []
        for i in range(start, len(lines)):
            m = NOTE_START.match(lines[i]) if kinds[i] in ("text", "noise") else None
            if m:
                found.append((i, int(m["num"])))
        return found

    def notes_start(self, lines, kinds, start, last_note) -> int:
        """First line of the notes below the body: a note start that fits the sequence.

        A numbered section heading looks like a note; it is told apart by its
        short line followed by prose, and by the numbers after it not
        running on from its own.
        """
        starts = self.note_starts(lines, kinds, start)
        for k, (i, number) in enumerate(starts):
            if not any(kind == "text" for kind in kinds[start:i]):
                continue  # a page is never all notes: the line opens the body
            if i - start < min(0.25 * (len(lines) - start), 10):
                continue  # a numbered section heading high on the page is not a note
            number = self.fitted(number, last_note)
            if number is None or self.is_heading(lines, kinds, i):
                continue
            later = starts[k + 1] if k + 1 < len(starts) else None
            if later and later[1] > number + self.settings["max_note_jump"]:
                continue  # the notes below run on from another number: this is a section heading
            if later and self.plausible(later[1], last_note) and later[1] < number <= later[1] + 3 \
                    and not NOTE_START.match(lines[i])[0].endswith(" "):
                continue  # `30.Pact or the...` above `28. Note of...`: the body's mark, glued to its line
            return i
        return len(lines)

    def garbled_note_alone(self, lines, kinds, start) -> int:
        r"""The page's only notes, when the first one's line is quote-garbled and none has a readable number.

        The garbled line sits in the page's lower part, and what follows it
        is a short run that ends like a citation:

        >>> lines = ["relied upon to gain acceptance in the international system were the insurm"] * 6 + [
        ...     "ountable obstacles to its policy of acquiring reliable non-aggression pacts",
        ...     "'ir\"Welegrmrfrom\"'#e\"8o%Gt''5 to 'the'\"\u00ef\u00ae,''\"", "",
        ...     "April 20,1951* DVP Vol.14 (Moscow 1968), p.252. Philippe Berthelot was"]
        >>> kinds = ["blank" if not l else "text" for l in lines]
        >>> Layout().garbled_note_alone(lines, kinds, 0)
        7
        """
        low = start + (len(lines) - start) // 3
        for i in range(len(lines) - 1, low, -1):
            if kinds[i] in ("text", "noise") and quote_garbled(lines[i]):
                after = [j for j in range(i + 1, len(lines)) if kinds[j] == "text"]
                if len(after) <= self.settings["max_note_lines"] and any(
                        CITATION_END.search(lines[j]) for j in [i, *after]):
                    return i
                break
        return len(lines)

    def chapter_opening(self, lines, kinds, indexes) -> int | None:
        """A body heading numbered 1 (``1. '#K$ Prolongation of the Berlin Treaty*``): sections, like notes, restart per chapter."""
        return next((i for i in indexes
                     if kinds[i] == "text" and FIRST_SECTION.match(lines[i]) and self.is_heading(lines, kinds, i)), None)

    def is_heading(self, lines, kinds, i) -> bool:
        """A short numbered line with prose after it: a section title, not a note.

        A note's first line stops short only where the note ends, so the
        line after it opens another note (or the page ends).
        """
        nxt = next((j for j in range(i + 1, len(lines)) if kinds[j] != "blank"), None)
        if nxt is None or kinds[nxt] != "text" or NOTE_START.match(lines[nxt]):
            return False
        return len(lines[i].rstrip()) < 0.6 * typical_width(lines)

    def notes_end(self, lines, kinds, start, last_note) -> int:
        """Where the body comes back after notes: the scan lost a page break.

        A note runs on for a few lines at most; a long run of prose with
        no note start in it is the next page's body.  So is a line the scan
        indented by one space (notes and body lines start at the margin).
        """
        run = 0
        for i in range(start + 1, len(lines)):
            if kinds[i] != "text":
                continue
            if BARE_NUMBER.match(lines[i]):
                kinds[i] = "page_number"  # the lost break's page number: the next page starts here
                return i
            if NOTE_START.match(lines[i]):
                run = 0
                continue
            if PASTED_BODY.match(lines[i]):
                return i  # `` border states had also...``: the next page's body, pasted in after the notes
            run += 1
            if run > self.settings["max_note_lines"]:
                j = i
                while run > 1:  # back to the run's first line
                    j -= 1
                    run -= kinds[j] == "text"
                return j
        return len(lines)

    def mark_inner_page_numbers(self, lines: list[str], kinds: list[str]) -> None:
        """A page break the scan lost: a bare number alone between blank lines, with text elsewhere on the page.

        A page that holds nothing but the number (``. 0``) keeps it as content,
        so cleaning the output again does not hide it.

        >>> kinds = ["text"]
        >>> Layout().mark_inner_page_numbers([". 0"], kinds); kinds
        ['text']
        >>> kinds = ["text", "blank", "text", "blank", "text"]
        >>> Layout().mark_inner_page_numbers(["the pact.", "", "42", "", "The next page"], kinds); kinds[2]
        'page_number'
        """
        if sum(k == "text" for k in kinds) < 2:
            return
        for i, line in enumerate(lines):
            if kinds[i] == "text" and BARE_NUMBER.match(line) and "text" in kinds[i + 1:]:
                # (between two stretches of text: a number closing the text is content, which a page of its
                # own kept, so a second run over the output must keep it too)
                if all(k != "text" for k in kinds[max(0, i - 1):i] + kinds[i + 1:i + 2]):
                    kinds[i] = "page_number"

    def line_kinds(self, lines: list[str], known) -> list[str]:
        kinds = ["blank" if not l.strip() else "text" for l in lines]
        top = next((i for i, k in enumerate(kinds) if k == "text"), None)
        alone = top is not None and (top + 1 == len(lines) or kinds[top + 1] == "blank" or BARE_NUMBER.match(lines[top]))
        # A page whose only text is a short number-ish line (``0 0``) is content, not a page number:
        # a page number heads other text (else cleaning clean output would hide it).
        others = top is not None and any(k == "text" for k in kinds[top + 1:])
        if alone and others and is_page_number(lines[top]):  # `207.` right above the text is still the page number
            kinds[top] = "page_number"
        for i, line in enumerate(lines):
            if kinds[i] == "text" and not OWN_NOTE.match(line) and noise_score(line, known) >= self.settings["noise_threshold"]:
                kinds[i] = "noise"
        self.mark_fragment_paragraphs(lines, kinds, known)
        return kinds

    def mark_fragment_paragraphs(self, lines: list[str], kinds: list[str], known) -> None:
        """A paragraph made only of one-word lines is judged as the line reflow makes of it,
        so a second run, which sees that line, judges it the same.

        >>> from pipeline.lexicon import Lexicon
        >>> kinds = ["text", "text", "blank", "text"]
        >>> Layout().mark_fragment_paragraphs(["A\u00e9", "xA", "", "olutions."], kinds, Lexicon().is_known); kinds
        ['noise', 'noise', 'blank', 'text']
        """
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and kinds[j] == "text" and len(lines[j].split()) == 1:
                j += 1
            ends = j == len(lines) or kinds[j] != "text"
            starts = i == 0 or kinds[i - 1] != "text"
            if j - i > 1 and starts and ends and \
                    noise_score(" ".join(lines[i:j]), known) >= self.settings["noise_threshold"]:
                kinds[i:j] = ["noise"] * (j - i)
            i = j + 1 if j == i else j

    def plausible(self, number: int, last: int | None) -> bool:
        """Note numbers run 1, 2, 3... per chapter: a start must fit the sequence."""
        return last is None or number <= 3 or last - 2 <= number <= last + self.settings["max_note_jump"]

    def fitted(self, number: int, last: int | None) -> int | None:
        """The number as printed if it fits the sequence, else the one a single misread digit hides.

        >>> Layout().fitted(39, 57), Layout().fitted(57, 54), Layout().fitted(12, 54)
        (59, 57, None)
        """
        if self.plausible(number, last):
            return number
        if not last:
            return None
        near = [n for n in range(last + 1, last + 4) if _one_digit_apart(n, number)]  # a guess: only the next few
        return near[0] if len(near) == 1 else None

    def body_block(self, lines, chunk, page, first, previous) -> Block:
        text = [lines[i] for i in chunk]
        block = Block.from_lines("paragraph", text, page, first + chunk[0])
        joined = " ".join(l.strip() for l in text)
        follows_sentence = not previous or previous[-1].kind != "paragraph" or SENTENCE_END.search(previous[-1].text)
        if len(text) <= 2 and len(joined) <= 60 and not SENTENCE_END.search(joined) and joined[:1].isupper() and follows_sentence:
            block.kind = "heading"
        elif joined[:1] in "\"'":
            block.kind = "quotation"
        return block

    def note_blocks(self, lines, kinds, region, page, first, last, known=None) -> tuple[list[Block], int, list[Edit]]:
        """The notes region as footnote blocks, numbers repaired by the sequence (the page's later notes too)."""
        notes: list[Block] = []
        edits: list[Edit] = []
        last = self.resynced(lines, kinds, region, last)
        for i in region:
            if kinds[i] == "blank":
                continue
            m = NOTE_START.match(lines[i]) if kinds[i] in ("text", "noise") else None
            fitted = self.fitted(int(m["num"]), last) if m else None
            if fitted is not None:
                number = self.repaired(fitted, last, self.next_number(lines, kinds, i + 1))
                if str(number) != m["num"]:
                    edits.append(Edit(self.name, "note-number", m["num"], str(number), page, first + i, 0.7,
                                      {"previous": last}))
                last = number
                notes.append(Block.from_lines("footnote", [lines[i][m.end():]], page, first + i, label=str(number)))
                continue
            cut = lookalike_note_start(lines[i], last + 1) if last is not None and kinds[i] in ("text", "noise") else None
            if cut is not None:  # `$6. See Chapter 1#` where note 56 is due
                last += 1
                notes.append(Block.from_lines("footnote", [lines[i][cut:]], page, first + i, label=str(last)))
                edits.append(Edit(self.name, "note-number", lines[i][:cut], str(last), page, first + i, 0.6,
                                  {"lookalike": True}))
                continue
            garbled = GARBLED_NUMBER.match(lines[i]) if kinds[i] == "text" else None
            following = self.next_number(lines, kinds, i + 1)
            # no number below (the region opens here), or one past the next: a note was eaten; so was a new
            # chapter's first (`2. Telegram` after note 81)
            skipped = following is None or following >= (last or 0) + 2 or following <= 3 < (last or 0)
            # a region that opens on a line with no number: the search above moved it there (an eaten note's first)
            opens_region = i == region[0] and kinds[i] == "text" and not _opens_lower(lines[i])
            if not notes and last is not None and (kinds[i] == "noise" or skipped and (
                    garbled or opens_region or self.garbled_line(lines[i], known))):
                # the region opens on a garbled line: the note whose number the scan ate
                if following is not None and following <= 3 < last:
                    last = following - 2  # a new chapter's first note (`2. Telegram` below it)
                last += 1
                cut = garbled.end() if garbled else 0
                notes.append(Block.from_lines("footnote", [lines[i][cut:]], page, first + i, label=str(last)))
                edits.append(Edit(self.name, "note-number", lines[i][:cut], str(last), page, first + i, 0.5,
                                  {"inferred": True}))
                continue
            if kinds[i] == "noise" and notes and notes[-1].kind == "footnote" and WORD_ISH.search(lines[i]):
                # a garbled line under a note (``Toward PoiandTTmi:I%T~``) is the rest of that note, not dust
                line = RULE_AFTER.sub("", lines[i])
                notes[-1] = notes[-1].joined(Block.from_lines("footnote", [line], page, first + i))
                edits.append(Edit(self.name, "note-garbled-line", lines[i], line, page, first + i, 0.5))
                continue
            if kinds[i] != "text":
                notes.append(Block.from_lines(kinds[i], [lines[i]], page, first + i))
                continue
            for text, label in split_glued_notes(lines[i], (last or 0) + 1):
                if label is None and notes and notes[-1].kind == "footnote":
                    notes[-1] = notes[-1].joined(Block.from_lines("footnote", [text], page, first + i))
                else:
                    notes.append(Block.from_lines("footnote", [text], page, first + i, label=label))
                    last = int(label) if label else last
        return notes, last, edits

    def resynced(self, lines, kinds, region, last: int | None) -> int | None:
        """The running count, set back where the page's own notes say it drifted.

        The numbers printed at the foot of a page are the strongest evidence:
        two in a row read as consecutive (``28.``, ``29.``) are not both
        misread.  If they restate numbers the count already gave out, the
        count ran ahead (a line taken for a note on an earlier page) and the
        drift stops here instead of shifting every later note by a constant:

        >>> lines = ["28. Note of a conversation", "29. See page 108.", "30. Note of a conversation"]
        >>> Layout().resynced(lines, ["text"] * 3, range(3), 30), Layout().resynced(lines, ["text"] * 3, range(3), 27)
        (27, 27)
        >>> Layout().resynced(["23. Ibid.", "5. Dirksen"], ["text"] * 2, range(2), 24)
        24
        """
        printed = [int(m["num"]) for i in region if kinds[i] in ("text", "noise") and (m := NOTE_START.match(lines[i]))]
        if last is None or len(printed) < 2 or printed[1] != printed[0] + 1:
            return last
        if last - self.settings["max_note_jump"] < printed[0] <= last:
            return printed[0] - 1
        return last

    def repaired(self, number: int, last: int | None, following: int | None = None) -> int:
        """A printed note number made to fit the sequence: a number that runs backwards was misread.

        So was one the next note's number does not run on from (``2* See
        Chapter 1``, ``5* treaty of...``, ``5, Dirksen...``: the first 5 is a 3).

        >>> Layout().repaired(23, 24), Layout().repaired(26, 24), Layout().repaired(1, 40), Layout().repaired(5, 2, 5)
        (25, 26, 1, 3)
        """
        if following is not None and last is not None and last + 1 < following <= number:
            return last + 1
        if last is None or number == 1 or last < number <= last + self.settings["max_note_jump"]:
            return number
        return last + 1

    def continuation_above(self, lines, kinds, i, continued: bool = True) -> int:
        """The region's start moved up to the rest of the last page's note.

        It is a short run of lines right above the first note, set off from
        the body by a blank line and ending like a citation::

            non-aggression and neutrality. May 6,1931* SEJÜSiâM;» pps*318*#19*

        Where the last page's last note looked finished, the run must cite a
        page or volume (a year alone is found in the body too):

        >>> lines = ["Body text of the page that runs on as the thesis does."] * 4 + ["",
        ...          "Latvia. Lithuania (London 1958), p#?l*", "24. Ibid., p.52."]
        >>> kinds = ["blank" if not l else "text" for l in lines]
        >>> Layout().continuation_above(lines, kinds, 6, continued=False)
        5
        >>> lines[5] = "In 1958 the pact was signed."
        >>> Layout().continuation_above(lines, kinds, 6, continued=False)
        6
        """
        top, end = self.run_above(kinds, i)
        set_off = top > 0 and kinds[top - 1] != "text" and any(k == "text" for k in kinds[:top])
        if not (top < end and set_off) or NOTE_START.match(lines[top]):
            return i
        if continued and CITATION_END.search(lines[end - 1]):
            return top
        return top if PAGE_REFERENCE.search(" ".join(lines[top:end])) and not _opens_lower(lines[top]) else i

    def garbled_line(self, line: str, known) -> bool:
        """A line opening on symbols, on a garbled first word (``dy^'rZegrml'from'``), or mostly garbled."""
        if GARBLED_NUMBER.match(line) or GARBLED_HEAD.match(line) or quote_garbled(line):
            return True
        return known is not None and noise_score(line, known, digits_are_content=False) >= 0.5

    def next_number(self, lines, kinds, start) -> int | None:
        """The number of the next note start below ``start``, if any."""
        for i in range(start, len(lines)):
            m = NOTE_START.match(lines[i]) if kinds[i] in ("text", "noise") else None
            if m:
                return int(m["num"])
        return None

    def garbled_start_above(self, lines, kinds, start, i, last, known=None) -> int:
        """The region's start moved up to a garbled line that opens the note the scan ate.

        When the first readable number skips one, a scanner-noise line just
        above (with at most a few continuation lines between) is that note;
        so is a line opening on symbols where the number was (``% ' Letter``)
        or one mostly garbled (``l%r'Ko%mr'%ussia^ 'Renubli6.``); failing those,
        below a page break the scan lost, a cited run set off right above
        (:meth:`cited_run_above`).
        """
        m = NOTE_START.match(lines[i])
        if m and last and int(m["num"]) <= 3 < last:
            last = 0  # `2. Telegram...` after note 81: a new chapter, whose note 1 the scan may have eaten
        number = (self.fitted(int(m["num"]), last) or int(m["num"])) if m else None  # `349*` is note 149
        if last is None or not m or not last + 2 <= number <= last + self.settings["max_note_jump"]:
            return i
        eaten, seen, found = number - last - 1, 0, None
        for j in range(i - 1, start, -1):
            if kinds[j] in ("text", "noise") and quote_garbled(lines[j]):
                return j  # a line strewn with quotes is a note's first, whatever lies between
            # dust may be any short line (a spaced-out word); the first garbled line going up is the note's
            # first, unless a quote-strewn one further up (within the same lines) opens it
            if found is None and kinds[j] == "noise" and seen <= 3 * eaten:
                found = j
            if found is None and kinds[j] == "text" and (self.garbled_line(lines[j], known) or
                                                         lookalike_note_start(lines[j], last + 1) is not None):
                found = j
            if kinds[j] == "text":
                seen += 1
                if seen > self.settings["max_note_lines"] * eaten:  # a note's lines for each one eaten
                    break
        if found is not None:
            return found
        # (atop a page's first notes the run is the last page's note going on: see continuation_above)
        return self.cited_run_above(lines, kinds, start, i) if start > 0 else i

    @staticmethod
    def run_above(kinds, i, floor: int = 0) -> tuple[int, int]:
        """(first, end) of the run of at most ``CONTINUATION_LINES`` text lines right above line ``i``
        (blank lines between skipped), not reaching above ``floor``."""
        end = i
        while end > floor and kinds[end - 1] == "blank":
            end -= 1
        top = end
        while top > floor and kinds[top - 1] == "text" and end - top < CONTINUATION_LINES:
            top -= 1
        return top, end

    def cited_run_above(self, lines, kinds, start, i) -> int:
        """The top of a short run right above line ``i``, set off by a blank line, that cites a page or
        volume: a note whose number the scan lost whole (``Report of the...`` over ``pps.271-274.``)."""
        top, end = self.run_above(kinds, i, start)
        if top < end and top > start and kinds[top - 1] == "blank" and not _opens_lower(lines[top]) \
                and PAGE_REFERENCE.search(" ".join(lines[top:end])):
            return top
        return i


def _one_digit_apart(a: int, b: int) -> bool:
    """``59`` read as ``39``: the same number of digits, one of them different."""
    x, y = str(a), str(b)
    return len(x) == len(y) and sum(c != d for c, d in zip(x, y)) == 1


def _digits(text: str) -> str | None:
    digits = "".join(c for c in text if c.isdigit())
    return digits or None

