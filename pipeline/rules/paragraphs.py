"""Where a sentence, a paragraph or a chapter ends: what layout and footnotes both read.

Not a stage: pure functions of text.
"""
from __future__ import annotations

import regex

# (?r): the patterns anchored at the text's end are searched from there, not from the start of a long
# paragraph (the same match, found at once; layout asks them of every block)
SENTENCE_END = regex.compile(r"(?r)[.*#»!?:;\"')\]]\s*$")
CHAPTER = regex.compile(r"^\s*Chapter\s+\w{1,2}\W{0,2}\s+\p{Lu}")  # a chapter's title (its notes start again at 1)
# a small letter, a comma, or a word's hyphen (`friend-`, or set apart from a garbled half: `so W l -`) at the
# end: the sentence goes on
OPEN_END = regex.compile(r"(?r)(?:\p{Ll}|(?<=\p{L})[ \t]?-|,)[ \t]*$")
# a note number the scan set before the next word (the footnotes stage's glued-number shapes: 28therefore, 34.a, 99#ship)
GLUED_MARK = regex.compile(r"^\d{1,3}(?:[*,#]|\.(?=\p{Ll}))?(?=\p{Ll})")


def ends_open(text: str) -> bool:
    """The text stops in mid-sentence: on a small letter, a comma or a word's hyphen.

    >>> [ends_open(t) for t in ["the ageing bogey of France-", "by the UBBE,", "foundation of a ", "rest.", "- -", "so W l -"]]
    [True, True, True, False, False, True]
    """
    return bool(OPEN_END.search(text))


def opens_lower(text: str) -> bool:
    """Starts in lower case, a note mark glued to the front (``28therefore``) not counting.

    >>> opens_lower("28therefore strenuously"), opens_lower("33.solving the"), opens_lower("99#ship in"), opens_lower("1930 was")
    (True, True, True, False)
    """
    return GLUED_MARK.sub("", text.lstrip(), count=1)[:1].islower()
