"""Which pieces of a text are words the corrector may look at.

A word may carry scanner junk inside it (``Manuils&y``, ``inq»ortant``) but
starts and ends with a letter.  Left alone: footnote marks ``[^N]``, URLs,
numbers, all-capital abbreviations (``DVP``, ``NKD``) and words glued to a
digit, which belong to citations (``Vol.13``, ``p.111``).
"""
from __future__ import annotations

import regex

WORD = regex.compile(r"\p{L}(?:[\p{L}&£»«^%\\/|$~!]*\p{L})?")
# a capital between small letters is the scanner's (LitVinov, cOuld); names that write one
# (McDonald, MacArthur, DeWitt, LaGuardia, O'Brien) start with one of these
ODD_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}\p{Ll}")
NAME_PREFIX = regex.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O)\p{Lu}")
PROTECTED = regex.compile(r"\[\^[^\]\s]*\]|\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")


class Token:
    """One word of a text: where it is, and what the corrector reads of it.

    A plain class with slots, not a dataclass: the thesis has some 100,000
    words, and every round of correction makes tokens for the texts it changed.
    """

    __slots__ = ("start", "end", "text", "line", "index", "checkable", "low", "clean")

    def __init__(self, start: int, end: int, text: str, line: int, index: int, checkable: bool = True):
        self.start, self.end, self.text = start, end, text
        self.line, self.index, self.checkable = line, index, checkable
        self.low = text.lower()
        # letters only, cased as English writes them (``Litvinov``, ``pact``, not ``LitVinov``)
        self.clean = text.isalpha() and (text.islower() or (text[0].isupper() and text[1:].islower()))

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r}, line={self.line}, index={self.index})"


def words(text: str, line: int = 0) -> list[Token]:
    """The words of a text in order, marked whether they may be corrected.

    >>> [t.text for t in words("Soviet Ihiion[^12] and the DVP Vol.13, p.111 of Manuils&y") if t.checkable]
    ['Soviet', 'Ihiion', 'and', 'the', 'of', 'Manuils&y']
    """
    masked = PROTECTED.sub(lambda m: " " * len(m.group()), text)
    found = []
    for m in WORD.finditer(masked):
        t, s, e = m.group(), m.start(), m.end()
        before, after = masked[s - 1:s], masked[e:e + 2]
        abbreviation = len(t) > 1 and t.isupper() and t.isalpha()
        citation = before.isdigit() or after[:1].isdigit() or (after[:1] in ".*," and after[1:].isdigit())
        found.append(Token(s, e, t, line, len(found), not (abbreviation or citation)))
    return found


def odd_capitals(word: str) -> bool:
    """A capital inside a word where no name puts one: the scan's doing.

    >>> odd_capitals("LitVinov"), odd_capitals("cOuld"), odd_capitals("McDonald"), odd_capitals("USSRs")
    (True, True, False, False)
    """
    return bool(ODD_CAPITAL.search(word)) and not NAME_PREFIX.match(word)
