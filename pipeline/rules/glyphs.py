"""The scan's glyphs: what it makes of a full stop, the quotes it strews, the letters it reads for digits.

One scan's habits, in one place; the stages' patterns are built from these.
The confusions of letters inside words are not listed here: the word engine
learns them from each document (``pipeline/correction/profile.py``).
"""
from __future__ import annotations

STOPS = "*#»"  # what the scan makes of a typed full stop (or comma, or apostrophe)
STOP = rf"[{STOPS}]"  # the same, as a piece of a pattern
QUOTES = "'\"\u2018\u2019\u201c\u201d`"  # straight, curly and back quotes

# Letters and signs the scan reads for digits, each set for its own place:
# - a note number at the start of a note's line: a sign may stand for two digits (`$6.` is 56 or 86);
NOTE_NUMBER_LOOKALIKES = {"l": "1", "I": "1", "O": "0", "$": "58", "S": "58", "Z": "2", "B": "8"}
# - the accented capitals the scan makes of a note number's digits (`ÏÔ4.` is 104);
UNACCENTED = str.maketrans("\u00cc\u00cd\u00ce\u00cf\u00d2\u00d3\u00d4\u00d6", "IIIIOOOO")
# - a year in the text (`193Q` is 1930): the characters that may stand for its digits, and their readings;
YEAR_DIGIT = r"[\dOoQDlIiSZB]"
YEAR_DIGITS = str.maketrans({"O": "0", "o": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "i": "1",
                             "S": "5", "B": "8", "Z": "2", "G": "6"})
# - a page or volume number in a citation (`p.26l`, `Vol.l6`).
CITATION_DIGITS = str.maketrans("lIO", "110")
