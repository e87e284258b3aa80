"""citations: mend the misread stops inside the notes' citations.

Runs last, over note text the word and punctuation stages have mended, so
a second run finds nothing left to do.
"""
from __future__ import annotations

import regex

from ..document import Change, Document
from ..registry import Stage, register

YEAR = r"1[\dOoQDlIiSZB]{3}\b"  # as the scan read it: later stages mend its digits
# `November 21, 1930`, `Maroh 7.1930`: any month as the scan spelt it (the word stage mends it later)
DATE = rf"\p{{Lu}}\p{{L}}{{2,8}} \d{{1,2}}[,.*#»]?\s{{0,3}}{YEAR}"
# the scan's misread stops inside a citation, and what the typist wrote there
CITATION_FIXES = [
    # `Ibid.. p.32`, `Ibid*. Preface`, `Ibid,, pps`: Ibid. with the comma before what it points to
    # (a plain `Ibid. ` is as typed)
    ("ibid-comma", regex.compile(r"\bIbid(?!\.\s)[.,*#»]{1,3}(?=\s+\S)"), "Ibid.,"),
    # `p*663`, `pps*350`, `Vol*13`, `p,159`: the abbreviation's stop before a number
    ("citation-stop", regex.compile(r"\b(?P<abbr>pps|pp|p|Vol|Vo1)[*#,»^>](?=\s?\d)"), None),
    # `Vo1.14`: a one for an ell
    ("vol-letter", regex.compile(r"\bVo1(?=\.\s?\d)"), "Vol"),
    # `November 19#1930`, `January 8.1931`: the comma between day and year
    ("date-comma", regex.compile(rf"(?<=\b\p{{Lu}}\p{{L}}{{2,8}} \d{{1,2}})[.*#»](?=\s{{0,3}}{YEAR})"), ","),
    # `Turkey# Surits# November 21`: a stop before a date inside a citation is a comma
    ("comma-before-date", regex.compile(rf"(?<=\p{{L}}{{2}})[*#»](?=\s+{DATE})"), ","),
    # `in Turkey# Surits# to the NKD`: a name set off by stops
    ("comma-before-name", regex.compile(rf"(?<=\p{{L}}{{2}})[*#»](?=\s+\p{{Lu}}\p{{Ll}}+[*#»,]\s+(?:\p{{Ll}}|{DATE}))"), ","),
    # `Vol*13* p*663`, `Vol.14>p.16`: the stop between volume and page
    ("stop-before-page", regex.compile(r"(?<=\d)[*#»>](?=\s?pp?s?[.*#,»^>]?\s?\d)"), "."),
]


def citation_changes(text: str) -> list[Change]:
    """The misread stops of a note's citation, put right.

    >>> from pipeline.document import Block
    >>> fix = lambda t: Block.from_lines("footnote", [t], 1, 1).rewrite("x", citation_changes(t))[0].text
    >>> fix("Telegram from the Soviet Ambassador in Turkey# Surits# to the NKD, November 19#1930# BVP Vol*13* p*663#")
    'Telegram from the Soviet Ambassador in Turkey, Surits# to the NKD, November 19,1930# BVP Vol.13. p.663#'
    >>> fix("Stalin to the Soviet Ambassador in Turkey# Surits# November 21, 1930* Ibid** p*669*")
    'Stalin to the Soviet Ambassador in Turkey, Surits, November 21, 1930* Ibid., p.669*'
    >>> fix("Germany,Khinchuk,January 8.1931.DVP Vo1.14>p.16.")
    'Germany,Khinchuk,January 8,1931.DVP Vol.14.p.16.'
    """
    changes, taken = [], []
    for rule, pattern, new in CITATION_FIXES:
        for m in pattern.finditer(text):
            start, end = (m.end("abbr"), m.end()) if new is None else m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            replacement = "." if new is None else new
            if text[start:end] != replacement:
                changes.append(Change(start, end, replacement, rule, 0.8))
                taken.append((start, end))
    return sorted(changes, key=lambda c: c.start)


@register
class Citations(Stage):
    """Mend the misread stops of the notes' citations (`Ibid..`, `p*663`, `November 19#1930`)."""

    name = "citations"

    def __call__(self, doc: Document) -> Document:
        return doc.rewrite(self.name, ("footnote",), lambda block: citation_changes(block.text))
