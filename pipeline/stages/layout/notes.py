"""Where a page's notes are, and the notes region as numbered note blocks."""
from __future__ import annotations

import regex

from ...document import Block, Edit
from ...rules.garbles import quote_garbled
from ...rules.paragraphs import opens_lower
from .kinds import BARE_NUMBER, noise_score, typical_width
from .numbering import NOTE_START, FIRST_SECTION, Numbering, lookalike_note_start, next_number, note_starts, split_glued_notes

STAGE = "layout"  # the stage the edits of this module are logged under
GARBLED_NUMBER = regex.compile(r"^\s*[^\p{L}\d\s\"'(]{1,3}(?:\s?['\"])?\s*(?=\p{Lu})")  # `% ' Letter`: symbols where a number was
WORD_ISH = regex.compile(r"\p{L}{3}")
RULE_AFTER = regex.compile(r"\s*[-—_]{6,}\s*$")  # the rule under the notes' last line
CONTINUATION_LINES = 5  # the most lines of the last page's note (or of one whose number was lost) above the first
CITATION_END = regex.compile(r"\b1[89]\d\d\b|\bpp?s?[.*#,]\s?\d|\bIbid\b|\bVol\b")
PAGE_REFERENCE = regex.compile(r"\bpp?s?[.*#,»]\s?[\dlIO?]|\bVol[.*#,»]\s?[\dlIO^]|\bIbid\b")  # `p#?l*`, `Vol.14`
PASTED_BODY = regex.compile(r"^[ \t]+\p{L}")
GARBLED_HEAD = regex.compile(r"^\s*[^\s^%#~|]{0,8}[\^%#~|]\S*[\p{L}']{3}")  # the number's ghost in the first word


class Notes:
    """Where a page's notes are (the region's start and end) and the region as numbered note blocks.

    Notes sit at the foot of the page, under the body; the searches move the
    region's start up to a note whose number the scan ate, and end it where
    the body of a page whose break the scan lost comes back.
    """

    def __init__(self, numbering: Numbering | None = None, max_note_lines: int = 12):
        self.numbering = numbering or Numbering()
        self.max_note_lines = max_note_lines  # the most lines of one note

    def notes_start(self, lines, kinds, start, last_note) -> int:
        """First line of the notes below the body: a note start that fits the sequence.

        A numbered section heading looks like a note; it is told apart by its
        short line followed by prose, and by the numbers after it not
        running on from its own.
        """
        starts = note_starts(lines, kinds, start)
        for k, (i, number) in enumerate(starts):
            if not any(kind == "text" for kind in kinds[start:i]):
                continue  # a page is never all notes: the line opens the body
            if i - start < min(0.25 * (len(lines) - start), 10):
                continue  # a numbered section heading high on the page is not a note
            number = self.numbering.fitted(number, last_note)
            if number is None or self.is_heading(lines, kinds, i):
                continue
            later = starts[k + 1] if k + 1 < len(starts) else None
            if later and later[1] > number + self.numbering.max_note_jump:
                continue  # the notes below run on from another number: this is a section heading
            if later and self.numbering.plausible(later[1], last_note) and later[1] < number <= later[1] + 3 \
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
        >>> Notes().garbled_note_alone(lines, kinds, 0)
        7
        """
        low = start + (len(lines) - start) // 3
        for i in range(len(lines) - 1, low, -1):
            if kinds[i] in ("text", "noise") and quote_garbled(lines[i]):
                after = [j for j in range(i + 1, len(lines)) if kinds[j] == "text"]
                if len(after) <= self.max_note_lines and any(
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

    def notes_end(self, lines, kinds, start, last_note) -> tuple[int, bool]:
        """Where the body comes back after notes: the scan lost a page break.

        A note runs on for a few lines at most; a long run of prose with
        no note start in it is the next page's body.  So is a line the scan
        indented by one space (notes and body lines start at the margin).
        The flag says the end is the lost break's page number, which opens the next page.
        """
        run = 0
        for i in range(start + 1, len(lines)):
            if kinds[i] != "text":
                continue
            if BARE_NUMBER.match(lines[i]):
                return i, True  # the lost break's page number: the next page starts here
            if NOTE_START.match(lines[i]):
                run = 0
                continue
            if PASTED_BODY.match(lines[i]):
                return i, False  # `` border states had also...``: the next page's body, pasted in after the notes
            run += 1
            if run > self.max_note_lines:
                j = i
                while run > 1:  # back to the run's first line
                    j -= 1
                    run -= kinds[j] == "text"
                return j, False
        return len(lines), False

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
        >>> Notes().continuation_above(lines, kinds, 6, continued=False)
        5
        >>> lines[5] = "In 1958 the pact was signed."
        >>> Notes().continuation_above(lines, kinds, 6, continued=False)
        6
        """
        top, end = self.run_above(kinds, i)
        set_off = top > 0 and kinds[top - 1] != "text" and any(k == "text" for k in kinds[:top])
        if not (top < end and set_off) or NOTE_START.match(lines[top]):
            return i
        if continued and CITATION_END.search(lines[end - 1]):
            return top
        return top if PAGE_REFERENCE.search(" ".join(lines[top:end])) and not opens_lower(lines[top]) else i

    def garbled_line(self, line: str, known) -> bool:
        """A line opening on symbols, on a garbled first word (``dy^'rZegrml'from'``), or mostly garbled."""
        if GARBLED_NUMBER.match(line) or GARBLED_HEAD.match(line) or quote_garbled(line):
            return True
        return known is not None and noise_score(line, known, digits_are_content=False) >= 0.5

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
        number = (self.numbering.fitted(int(m["num"]), last) or int(m["num"])) if m else None  # `349*` is note 149
        if last is None or not m or not last + 2 <= number <= last + self.numbering.max_note_jump:
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
                if seen > self.max_note_lines * eaten:  # a note's lines for each one eaten
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
        if top < end and top > start and kinds[top - 1] == "blank" and not opens_lower(lines[top]) \
                and PAGE_REFERENCE.search(" ".join(lines[top:end])):
            return top
        return i

    def note_blocks(self, lines, kinds, region, page, first, last, known=None) -> tuple[list[Block], int, list[Edit]]:
        """The notes region as footnote blocks, numbers repaired by the sequence (the page's later notes too)."""
        notes: list[Block] = []
        edits: list[Edit] = []
        last = self.numbering.resynced(lines, kinds, region, last)
        for i in region:
            if kinds[i] == "blank":
                continue
            m = NOTE_START.match(lines[i]) if kinds[i] in ("text", "noise") else None
            fitted = self.numbering.fitted(int(m["num"]), last) if m else None
            if fitted is not None:
                number = self.numbering.repaired(fitted, last, next_number(lines, kinds, i + 1))
                if str(number) != m["num"]:
                    edits.append(Edit(STAGE, "note-number", m["num"], str(number), page, first + i, 0.7,
                                      {"previous": last}))
                last = number
                notes.append(Block.from_lines("footnote", [lines[i][m.end():]], page, first + i, label=str(number)))
                continue
            cut = lookalike_note_start(lines[i], last + 1) if last is not None and kinds[i] in ("text", "noise") else None
            if cut is not None:  # `$6. See Chapter 1#` where note 56 is due
                last += 1
                notes.append(Block.from_lines("footnote", [lines[i][cut:]], page, first + i, label=str(last)))
                edits.append(Edit(STAGE, "note-number", lines[i][:cut], str(last), page, first + i, 0.6,
                                  {"lookalike": True}))
                continue
            garbled = GARBLED_NUMBER.match(lines[i]) if kinds[i] == "text" else None
            following = next_number(lines, kinds, i + 1)
            # no number below (the region opens here), or one past the next: a note was eaten; so was a new
            # chapter's first (`2. Telegram` after note 81)
            skipped = following is None or following >= (last or 0) + 2 or following <= 3 < (last or 0)
            # a region that opens on a line with no number: the search above moved it there (an eaten note's first)
            opens_region = i == region[0] and kinds[i] == "text" and not opens_lower(lines[i])
            if not notes and last is not None and (kinds[i] == "noise" or skipped and (
                    garbled or opens_region or self.garbled_line(lines[i], known))):
                # the region opens on a garbled line: the note whose number the scan ate
                if following is not None and following <= 3 < last:
                    last = following - 2  # a new chapter's first note (`2. Telegram` below it)
                last += 1
                cut = garbled.end() if garbled else 0
                notes.append(Block.from_lines("footnote", [lines[i][cut:]], page, first + i, label=str(last)))
                edits.append(Edit(STAGE, "note-number", lines[i][:cut], str(last), page, first + i, 0.5,
                                  {"inferred": True}))
                continue
            if kinds[i] == "noise" and notes and notes[-1].kind == "footnote" and WORD_ISH.search(lines[i]):
                # a garbled line under a note (``Toward PoiandTTmi:I%T~``) is the rest of that note, not dust
                line = RULE_AFTER.sub("", lines[i])
                notes[-1] = notes[-1].joined(Block.from_lines("footnote", [line], page, first + i))
                edits.append(Edit(STAGE, "note-garbled-line", lines[i], line, page, first + i, 0.5))
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
