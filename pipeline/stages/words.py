"""words: correct garbled words with an OCR-aware noisy channel and the document's own vocabulary."""
from __future__ import annotations

import gc

from ..document import BODY_KINDS, Change, Document
from ..registry import Stage, register
from .punctuation import rules_for

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
    max_rounds = 4  # corrections that depend on corrected neighbours settle within a few rounds

    def background(self, doc: Document):
        """Search candidates for the raw text's words on the second core while the first stages run;
        the corrector takes what was found when its first round needs it."""
        from ..correction.prefetch import Prefetch

        corrector = self.corrector()
        corrector.prefetch = Prefetch(corrector, [block.text for _, _, block in doc.blocks()])
        return corrector.prefetch

    def __call__(self, doc: Document) -> Document:
        """Correct until nothing changes, so running the stage on its own output changes nothing."""
        corrector = self.corrector()
        rules = rules_for(doc, corrector.lexicon)
        learned, trusted, noisy = None, None, None
        readings: dict = {}  # what each garble was read as, round after round (Corrector.read_as_elsewhere)
        try:
            for _ in range(self.max_rounds):
                # what a round starts with (the document, the corrector's memos) outlives it: frozen, the
                # garbage collector does not scan it again in each full collection (some 0.3 s on the thesis)
                gc.freeze()
                # a raw scan stays one in later rounds; clean text takes fewer corrections, so a second run
                # (which finds clean text) does no more than the last round here did
                doc, plan, changed = self.one_round(doc, corrector, rules, noisy, readings)
                if learned is None:  # the first round saw every garbled word: its lessons are the report
                    learned, trusted, noisy = plan.learned, plan.trusted, plan.noisy
                if not changed:
                    break
        finally:
            gc.unfreeze()  # all collectable again
        doc.meta["learned_confusions"] = learned
        doc.meta["trusted_words"] = trusted
        return doc

    def one_round(self, doc: Document, corrector, rules, noisy: bool | None = None, readings: dict | None = None):
        blocks = [block for _, _, block in doc.blocks(KINDS)]
        plan = corrector.plan([b.text for b in blocks], noisy, readings)
        by_block: dict[int, list[Change]] = {}
        for d in plan.corrections:
            if makes_punctuation_work(blocks[d.line].text, d, rules):
                continue  # punctuation runs first and would have mended it: a second run must not
            detail = {"candidates": d.candidates, **d.evidence}
            by_block.setdefault(id(blocks[d.line]), []).append(
                Change(d.start, d.end, d.after, d.rule, d.confidence, detail))
        doc = doc.rewrite(self.name, KINDS, lambda block: by_block.get(id(block), []))
        doc.meta["doubtful"] = [
            {"word": d.before, "page": blocks[d.line].page, "line": blocks[d.line].line_at(d.start),
             "candidates": d.candidates} for d in plan.doubtful]
        return doc, plan, bool(by_block)

    def corrector(self):
        from ..correction import Corrector
        from ..lexicon import Lexicon

        if self.resources is not None and hasattr(self.resources, "corrector"):
            corrector = self.resources.corrector
        else:  # doctests and bare use: the project's dictionaries
            corrector = Corrector(Lexicon.load("dictionaries"))
        corrector.min_confidence = self.settings["min_confidence"]
        return corrector


WINDOW = 24  # characters either side of a correction that punctuation's rules may read


def makes_punctuation_work(text: str, d, rules) -> bool:
    """Would the correction give punctuation's rules something new to do around it?

    Punctuation runs before words, so text the words stage makes that a rule
    would rewrite (``Foẑ eign`` -> ``For eign``, ``non- nggression`` ->
    ``non- aggression``) would be rewritten by a second run.

    >>> from types import SimpleNamespace as S
    >>> from pipeline.lexicon import Lexicon
    >>> from collections import Counter
    >>> from pipeline.stages.punctuation import ABBREVIATIONS, _rules
    >>> rules = _rules(ABBREVIATIONS)
    >>> makes_punctuation_work("see Xbid*# p.4", S(start=4, end=8, after="Ibid"), rules)
    True
    >>> makes_punctuation_work("see whioh pact", S(start=4, end=9, after="which"), rules)
    False
    """
    lo, hi = max(0, d.start - WINDOW), d.end + WINDOW
    before = text[lo:hi]
    after = text[lo:d.start] + d.after + text[d.end:hi]
    new_work = work(after, rules)
    return new_work > 0 and new_work > work(before, rules)  # nearly always none: the text before need not be read


def work(text: str, rules) -> int:
    from .punctuation import apply_rules

    return sum(len(changes) for _, changes in apply_rules(text, rules))
