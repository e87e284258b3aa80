"""Which pieces of a text are words the corrector may look at.

A word may carry scanner junk inside it (``Manuils&y``, ``inq»ortant``) but
starts and ends with a letter.  Left alone: footnote marks ``[^N]``, URLs,
numbers, all-capital abbreviations (``DVP``, ``NKD``) and words glued to a
digit, which belong to citations (``Vol.13``, ``p.111``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

WORD = regex.compile(r"\p{L}(?:[\p{L}&£»«^%\\/|$~!]*\p{L})?")
PROTECTED = regex.compile(r"\[\^[^\]\s]*\]|\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    line: int  # which text of the batch it comes from
    index: int  # position among the words of that text
    checkable: bool = True  # False for abbreviations and pieces of citations
    low: str = field(init=False, compare=False)  # computed once: every round of correction reads them
    clean: bool = field(init=False, compare=False)

    def __post_init__(self):
        t = self.text
        object.__setattr__(self, "low", t.lower())
        # letters only, cased as English writes them (``Litvinov``, ``pact``, not ``LitVinov``)
        object.__setattr__(self, "clean", t.isalpha() and (t.islower() or (t[0].isupper() and t[1:].islower())))


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
