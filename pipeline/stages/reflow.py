"""reflow: each paragraph on one line, one blank line between paragraphs."""
from __future__ import annotations

import regex

from ..document import BODY_KINDS, Block, Change, Document
from ..registry import Stage, register

LINE_BREAK = regex.compile(r"[ \t]*(?:\n[ \t]*)+")
EDGE_SPACE = regex.compile(r"^[ \t]+|[ \t]+$")
INNER_SPACE = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


@register
class Reflow(Stage):
    """Put each paragraph and footnote on one line, with single spaces.

    >>> from pipeline.document import Document
    >>> doc = Reflow()(Document.from_text("replied to Burits's  \\ntelegram stating  that \\nit was so."))
    >>> [b.text for b in doc.pages[0].blocks]
    ["replied to Burits's telegram stating that it was so."]
    >>> sorted({e.rule for e in doc.edits})
    ['collapse-space', 'join-lines']
    """

    name = "reflow"
    provides = frozenset({"one line per paragraph"})
    ends = frozenset({"scan lines"})

    def __call__(self, doc: Document) -> Document:
        return doc.rewrite(self.name, (*BODY_KINDS, "footnote"), self.propose)

    @staticmethod
    def propose(block: Block) -> list[Change]:
        changes = [Change(m.start(), m.end(), " ", "join-lines") for m in LINE_BREAK.finditer(block.text)]
        changes += [Change(m.start(), m.end(), "", "trim-space") for m in EDGE_SPACE.finditer(block.text)
                    if not any(c.start <= m.start() < c.end for c in changes)]
        changes += [Change(m.start(), m.end(), " ", "collapse-space") for m in INNER_SPACE.finditer(block.text)
                    if not any(c.start <= m.start() < c.end for c in changes)]
        return changes
