"""corrections: the user's explicit ``wrong -> right`` list, applied as written."""
from __future__ import annotations

import regex

from ..document import Block, Change, Document
from ..registry import Stage, register


def correction_pattern(corrections: dict[str, str]) -> regex.Pattern | None:
    """One pattern for every wrong form, matched as a whole word (longest first).

    >>> pattern = correction_pattern({"Bwjer": "Kurjer", "Soviet Onion": "Soviet Union"})
    >>> [m.group() for m in pattern.finditer("the Bwjer and Soviet Onion, not Bwjerx")]
    ['Bwjer', 'Soviet Onion']
    """
    if not corrections:
        return None
    wrongs = sorted(corrections, key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}\d])(?:" + "|".join(regex.escape(w) for w in wrongs) + r")(?![\p{L}\d])")


@register
class Corrections(Stage):
    """Apply the user's corrections list (dictionaries/corrections.txt) where the engine cannot reach.

    >>> from types import SimpleNamespace
    >>> from pipeline.document import Document
    >>> from pipeline.lexicon import Lexicon
    >>> stage = Corrections(SimpleNamespace(lexicon=Lexicon(corrections={"Bwjer": "Kurjer"})))
    >>> doc = stage(Document.from_text('the "Bwjer Warszawski" said'))
    >>> doc.pages[0].blocks[0].text, doc.edits[0].rule
    ('the "Kurjer Warszawski" said', 'corrections-list')
    """

    name = "corrections"

    def __call__(self, doc: Document) -> Document:
        pattern = correction_pattern(self.lexicon.corrections)
        if pattern is None:
            return doc
        return doc.rewrite(self.name, ("heading", "paragraph", "quotation", "footnote"),
                           lambda block: self.propose(block, pattern))

    def propose(self, block: Block, pattern: regex.Pattern) -> list[Change]:
        return [Change(m.start(), m.end(), self.lexicon.corrections[m.group()], "corrections-list", 1.0)
                for m in pattern.finditer(block.text)]
