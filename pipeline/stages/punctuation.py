"""punctuation: undo the scan's punctuation faults, one named rule at a time.

The rules, in the order they run, are in :mod:`pipeline.rules.punctuation`.
"""
from __future__ import annotations

from ..document import Document
from ..registry import Stage, register
from ..rules.punctuation import apply_rules, rules_for, rules_for_kind, typed_tight


@register
class Punctuation(Stage):
    """Read the scan's `*`, `#`, `»` as stops or commas, mend abbreviations, possessives, years and spacing.

    >>> from pipeline.document import Document
    >>> doc = Punctuation()(Document.from_text("DVP Vol*12, pps* 33-56* Rapallo* s odds on 193Q were low# it seemed"))
    >>> doc.pages[0].blocks[0].text
    "DVP Vol.12, pps. 33-56. Rapallo's odds on 1930 were low, it seemed"
    >>> Punctuation()(Document.from_text("A p r i l . I n Mo scow we separ- ate as it contin ued")).pages[0].blocks[0].text
    'April. In Moscow we separate as it continued'

    """

    name = "punctuation"
    requires = frozenset({"note links"})  # it reads the marks footnotes wrote
    provides = frozenset({"stops read"})
    defaults = {"clause_comma": True}

    def __call__(self, doc: Document) -> Document:
        lexicon = self.lexicon
        rules = rules_for(doc, lexicon, self.settings["clause_comma"])
        kinds = ("heading", "paragraph", "quotation", "footnote")
        # a kind of block the typist types commas tight in keeps them (the notes' `Germany,Khinchuk,to`)
        by_kind = {kind: rules_for_kind(rules, typed_tight(b.text for _, _, b in doc.blocks((kind,)))) for kind in kinds}
        doc = doc.copy()
        for page, i, block in doc.blocks(kinds):
            for _, changes in apply_rules(block.text, by_kind[block.kind]):
                block, edits = block.rewrite(self.name, changes)
                doc.edits.extend(edits)
            page.blocks[i] = block
        return doc
