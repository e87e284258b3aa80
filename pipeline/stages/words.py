"""words: correct garbled words with an OCR-aware noisy channel and the document's own vocabulary."""
from __future__ import annotations

from ..document import BODY_KINDS, Change, Document
from ..registry import Stage, register

KINDS = (*BODY_KINDS, "footnote")


@register
class Words(Stage):
    """Correct garbled words: candidates within a few OCR confusions, scored by English and the document's own usage.

    Every correction is logged with its candidates' scores; words whose best
    candidate is below ``min_confidence`` stay as they are and are listed in
    ``doc.meta["doubtful"]``.  The confusions the document taught the engine
    are in ``doc.meta["learned_confusions"]``.

    >>> doc = Document.from_text("The Soviet Union and the pact.\\n" * 4 +
    ...                          "It seems the Soviet tkiion, whioh oould sign the paot, vfith France.")
    >>> from pipeline.stages.words import Words
    >>> out = Words()(doc)
    >>> out.pages[0].blocks[0].text.splitlines()[-1]
    'It seems the Soviet Union, which could sign the pact, with France.'
    >>> [(e.before, e.after) for e in out.edits]
    [('tkiion', 'Union'), ('whioh', 'which'), ('oould', 'could'), ('paot', 'pact'), ('vfith', 'with')]
    """

    name = "words"
    defaults = {"min_confidence": 0.8}
    ranges = {"min_confidence": (0.0, 1.0)}

    def __call__(self, doc: Document) -> Document:
        corrector = self.corrector()
        blocks = [block for _, _, block in doc.blocks(KINDS)]
        plan = corrector.plan([b.text for b in blocks])
        by_block: dict[int, list[Change]] = {}
        for d in plan.corrections:
            detail = {"candidates": d.candidates}
            by_block.setdefault(id(blocks[d.line]), []).append(
                Change(d.start, d.end, d.after, d.rule, d.confidence, detail))
        doc = doc.rewrite(self.name, KINDS, lambda block: by_block.get(id(block), []))
        doc.meta["doubtful"] = [
            {"word": d.before, "page": blocks[d.line].page, "line": blocks[d.line].line_at(d.start),
             "candidates": d.candidates} for d in plan.doubtful]
        doc.meta["learned_confusions"] = plan.learned
        doc.meta["trusted_words"] = plan.trusted
        return doc

    def corrector(self):
        from ..correction import Corrector
        from ..lexicon import Lexicon

        if self.resources is not None and hasattr(self.resources, "corrector"):
            corrector = self.resources.corrector
        else:  # doctests and bare use: the project's dictionaries
            corrector = Corrector(Lexicon.load("dictionaries"))
        corrector.min_confidence = self.settings["min_confidence"]
        return corrector
