"""Note numbers: read at a note's start (misread digits and look-alikes too), made to fit the sequence."""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from ...rules.glyphs import NOTE_NUMBER_LOOKALIKES, UNACCENTED

NOTE_START = regex.compile(r"^\s*['\u2018\u2019]?(?P<num>\d{1,3})\s?(?P<sep>[.#*,:;\"'»]{1,3})(?:\s+|(?<=\.)(?=[A-Z])|['\"]+\s*)(?=[\p{L}\"'(])")
GLUED_NOTE = regex.compile(r"(?<=[\p{P}\p{S}])\s*(?P<num>\d{1,3})\s?(?:[.#*]\s*|,\s+)(?=[A-Z])")
# a note number the scan misread (`$6.`, `23B*`, `12Z'''`, `1 0 1 'Note`, `11 • The`): digits and the
# letters that look like them, or spaced digits; trusted only where it reads as the note due next
LOOKALIKE_START = regex.compile(
    r"^\s*(?P<num>(?=[\dlIO$SZB]*\d|[lIO]{2}\W|[lIO$SZB]{2,3}[#*])[\dlIO$SZB]{1,3}|\d(?: \d){1,2})\s?[.#*,:;\"'»•\u2019]{1,4}\s*(?=\p{Lu}|['\"])")
FIRST_SECTION = regex.compile(r"^\s*1\s?[.*#,]\s")  # `1. Poland.`, `1# The attempt...`: a chapter's first section


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
    readings = {"".join(p) for p in itertools.product(*(NOTE_NUMBER_LOOKALIKES.get(c, c) for c in num))}
    readings.add("".join(c for c in num if c.isdigit()))
    return m.end() if str(expected) in readings else None


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


def note_starts(lines, kinds, start: int) -> list[tuple[int, int]]:
    """(line, number) of every line from ``start`` on that opens like a note."""
    found = []
    for i in range(start, len(lines)):
        m = NOTE_START.match(lines[i]) if kinds[i] in ("text", "noise") else None
        if m:
            found.append((i, int(m["num"])))
    return found


def next_number(lines, kinds, start) -> int | None:
    """The number of the next note start below ``start``, if any."""
    for i in range(start, len(lines)):
        m = NOTE_START.match(lines[i]) if kinds[i] in ("text", "noise") else None
        if m:
            return int(m["num"])
    return None


@dataclass(frozen=True)
class Numbering:
    """Note numbers run 1, 2, 3... within a chapter: what a number read at a note's start is taken for."""

    max_note_jump: int = 10  # the most notes a page's first number may skip past the last one seen

    def plausible(self, number: int, last: int | None) -> bool:
        """Note numbers run 1, 2, 3... per chapter: a start must fit the sequence."""
        return last is None or number <= 3 or last - 2 <= number <= last + self.max_note_jump

    def fitted(self, number: int, last: int | None) -> int | None:
        """The number as printed if it fits the sequence, else the one a single misread digit hides.

        >>> Numbering().fitted(39, 57), Numbering().fitted(57, 54), Numbering().fitted(12, 54)
        (59, 57, None)
        """
        if self.plausible(number, last):
            return number
        if not last:
            return None
        near = [n for n in range(last + 1, last + 4) if _one_digit_apart(n, number)]  # a guess: only the next few
        return near[0] if len(near) == 1 else None

    def repaired(self, number: int, last: int | None, following: int | None = None) -> int:
        """A printed note number made to fit the sequence: a number that runs backwards was misread.

        So was one the next note's number does not run on from (``2* See
        Chapter 1``, ``5* treaty of...``, ``5, Dirksen...``: the first 5 is a 3).

        >>> Numbering().repaired(23, 24), Numbering().repaired(26, 24), Numbering().repaired(1, 40), Numbering().repaired(5, 2, 5)
        (25, 26, 1, 3)
        """
        if following is not None and last is not None and last + 1 < following <= number:
            return last + 1
        if last is None or number == 1 or last < number <= last + self.max_note_jump:
            return number
        return last + 1

    def resynced(self, lines, kinds, region, last: int | None) -> int | None:
        """The running count, set back where the page's own notes say it drifted.

        The numbers printed at the foot of a page are the strongest evidence:
        two in a row read as consecutive (``28.``, ``29.``) are not both
        misread.  If they restate numbers the count already gave out, the
        count ran ahead (a line taken for a note on an earlier page) and the
        drift stops here instead of shifting every later note by a constant:

        >>> lines = ["28. Note of a conversation", "29. See page 108.", "30. Note of a conversation"]
        >>> Numbering().resynced(lines, ["text"] * 3, range(3), 30), Numbering().resynced(lines, ["text"] * 3, range(3), 27)
        (27, 27)
        >>> Numbering().resynced(["23. Ibid.", "5. Dirksen"], ["text"] * 2, range(2), 24)
        24
        """
        printed = [int(m["num"]) for i in region if kinds[i] in ("text", "noise") and (m := NOTE_START.match(lines[i]))]
        if last is None or len(printed) < 2 or printed[1] != printed[0] + 1:
            return last
        if last - self.max_note_jump < printed[0] <= last:
            return printed[0] - 1
        return last


def _one_digit_apart(a: int, b: int) -> bool:
    """``59`` read as ``39``: the same number of digits, one of them different."""
    x, y = str(a), str(b)
    return len(x) == len(y) and sum(c != d for c, d in zip(x, y)) == 1
