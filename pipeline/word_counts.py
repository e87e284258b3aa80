"""What the document teaches about itself: how often it writes each word (not the English word pairs of
``correction/vocabulary.py``)."""
from __future__ import annotations

from collections import Counter

import regex

from .document import Document

TOKEN = regex.compile(r"\p{L}+(?:['-]\p{L}+)*")
BROKEN_AT_END = regex.compile(r"[-*^]\s*$")


def document_vocabulary(doc: Document, kinds=("heading", "paragraph", "quotation", "footnote")) -> Counter:
    """Lower-cased words and hyphenated compounds as the document writes them whole.

    Words broken at a line end are not counted, so a break never votes for itself.

    >>> doc = Document.from_text("a non-aggression pact, non-\\naggression")
    >>> counts = document_vocabulary(doc, ("paragraph",))
    >>> counts["non-aggression"], counts["non"]
    (1, 0)
    """
    counts: Counter = Counter()
    for _, _, block in doc.blocks(kinds):
        for line in block.text.split("\n"):
            words = TOKEN.findall(line.rstrip())
            if words and BROKEN_AT_END.search(line):
                words = words[:-1]
            counts.update(map(str.lower, words))
    return counts
