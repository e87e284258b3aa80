"""The tokens a proofreader checks: words, and garbles that mix letters with digits or symbols.

``3molny``, ``8?wards``, ``2î``, ``Vo1.14`` are kept whole, so they are listed and underlined
as they stand instead of hiding behind the word inside them (``molny``) or being skipped.
"""
from __future__ import annotations

import functools
from typing import Iterator

import regex

from ..rules.notation import MARK_OR_LABEL
from ..word_counts import TOKEN

WORD = regex.compile(r"\S+")
EDGE = "\"'’“”.,;:!?()[]"
# inside a word: a symbol the typist did not type (at its edges it is mostly a misread stop, left to the stages)
ODD = regex.compile(r"(?<=[\p{L}\d])[^\p{L}\d\s'’.,;:()\[\]\"/&-]+(?=[\p{L}\d])")
LETTER_DIGIT = regex.compile(r"\p{L}\d|\d\p{L}")
ORDINAL = regex.compile(r"^\d+(?:st|nd|rd|th|s|'s|’s|[a-z])$")  # 21st, 1930s, 1930's, note 12a


@functools.lru_cache(maxsize=1 << 16)  # asked of every word of a document, which repeats its words
def garbled(token: str) -> bool:
    """A token with letters and a digit or symbol inside that no word or number has.

    >>> [t for t in ["3molny", "8?wards", "2î", "Vo1.14", "con%rsatiZ", "Budurowycz#", "%he", "1930's", "21st",
    ...  "p.266", "USSR's", "d'Affaires"] if garbled(t)]
    ['3molny', '8?wards', '2î', 'Vo1.14', 'con%rsatiZ']
    """
    if not any(ch.isalpha() for ch in token):
        return False
    return bool(ODD.search(token)) or (bool(LETTER_DIGIT.search(token)) and not ORDINAL.match(token))


def checked_tokens(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, token)`` for each word of ``text``, a garble whole, else the words (``TOKEN``) in it.

    >>> list(checked_tokens("the 3molny Institute, (pact.[^12]) non-aggression"))
    [(0, 'the'), (4, '3molny'), (11, 'Institute'), (23, 'pact'), (35, 'non-aggression')]
    """
    for m in WORD.finditer(text):
        for start, token in word_tokens(m[0]):
            yield m.start() + start, token


@functools.lru_cache(maxsize=1 << 16)  # a document repeats its words: each is read once
def word_tokens(word: str) -> tuple[tuple[int, str], ...]:
    """:func:`checked_tokens` of one word (no spaces in it).

    >>> word_tokens("(pact.[^12])"), word_tokens("3molny,")
    (((1, 'pact'),), ((0, '3molny'),))
    """
    core = MARK_OR_LABEL.sub("", word).strip(EDGE)
    if core and garbled(core) and core in word:
        return ((word.find(core), core),)
    return tuple((t.start(), t[0]) for t in TOKEN.finditer(word))
