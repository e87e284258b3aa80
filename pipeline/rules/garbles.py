"""Lines the scan garbled past reading: layout opens a note at one, citations takes its quotes out."""
from __future__ import annotations

import regex

from .glyphs import QUOTES

QUOTE_RUN = regex.compile(rf"[{QUOTES}]{{2,}}")
QUOTE_IN_WORD = regex.compile(rf"(?<=\p{{L}})[{QUOTES}](?=\p{{L}})(?!(?:s|t|d|ll|re|ve|m)\b)")


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
