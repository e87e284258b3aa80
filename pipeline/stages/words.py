"""words: correct garbled words with an OCR-aware noisy channel and the document's own vocabulary."""
from __future__ import annotations

import contextlib
import gc

from ..document import BODY_KINDS, Change, Document, Doubtful, Reading
from ..correction.language import Weights
from ..registry import Stage, register
from ..rules.punctuation import makes_punctuation_work, rules_for

KINDS = (*BODY_KINDS, "footnote")


@register
class Words(Stage):
    """Correct garbled words: candidates within a few OCR confusions, scored by English and the document's own usage.

    Every correction is logged with its candidates' scores; words whose best
    candidate is below ``min_confidence`` stay as they are and are listed in
    ``doc.reading.doubtful``.  The confusions the document taught the engine
    are in ``doc.reading.confusions``.

    >>> doc = Document.from_text("The Soviet Union and the pact.\\n" * 4 +
    ...                          "It seems the Soviet Uhion, whioh could sign a paot, vfith France.")
    >>> from pipeline.stages.words import Words
    >>> out = Words()(doc)
    >>> out.pages[0].blocks[0].text.splitlines()[-1]
    'It seems the Soviet Union, which could sign a pact, with France.'
    >>> [(e.before, e.after) for e in out.edits]
    [('Uhion', 'Union'), ('whioh', 'which'), ('paot', 'pact'), ('vfith', 'with')]
    """

    name = "words"
    requires = frozenset({"blocks", "stops read"})
    provides = frozenset({"words read"})
    defaults = {"min_confidence": Weights.load().confidence}  # the fitted value (scripts/tune_engine.py)
    ranges = {"min_confidence": (0.0, 1.0)}
    # a round learns afresh from the last one's output, as a second run would, so a rerun leaves the output nearly
    # as it is; a third round changed 26 of the thesis's 3,900 edits and no development figure (README, tenth session)
    max_rounds = 2

    def __call__(self, doc: Document) -> Document:
        """Correct, then read the corrected text once more as a rerun would, so that running the stage on its
        own output changes next to nothing."""
        corrector = self.corrector()
        rules = rules_for(doc, corrector.lexicon)
        profile = None
        with collector_paused():
            for _ in range(self.max_rounds):
                doc, plan, changed = self.one_round(doc, corrector, rules)
                if profile is None:  # the first round saw every garbled word: its lessons are the report
                    profile, learned, trusted = plan.profile, plan.learned, plan.trusted
                if not changed:
                    break
            corrector.forget()  # what the rounds shared is of no use to the stages after
        doc.reading = Reading(doc.reading.doubtful, learned, trusted, profile, corrector.state.profile)
        return doc

    def one_round(self, doc: Document, corrector, rules):
        blocks = [block for _, _, block in doc.blocks(KINDS)]
        plan = corrector.plan([b.text for b in blocks])
        by_block: dict[int, list[Change]] = {}
        for d in plan.corrections:
            if makes_punctuation_work(blocks[d.line].text, d, rules):
                continue  # punctuation runs first and would have mended it: a second run must not
            detail = {"candidates": d.candidates, **d.evidence}
            by_block.setdefault(id(blocks[d.line]), []).append(
                Change(d.start, d.end, d.after, d.rule, d.confidence, detail))
        doc = doc.rewrite(self.name, KINDS, lambda block: by_block.get(id(block), []))
        doc.reading = Reading([Doubtful(d.before, blocks[d.line].page, blocks[d.line].line_at(d.start), d.candidates)
                               for d in plan.doubtful])
        return doc, plan, bool(by_block)

    def corrector(self):
        from ..correction import Corrector
        from ..lexicon import Lexicon

        if self.resources is not None and hasattr(self.resources, "corrector"):
            corrector = self.resources.corrector
        else:  # doctests and bare use: the project's dictionaries
            corrector = Corrector(Lexicon.load("dictionaries"))
        if self.settings["min_confidence"] != self.defaults["min_confidence"]:  # the user's, over the fitted one
            corrector.min_confidence = self.settings["min_confidence"]
        return corrector


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector off while the rounds run, on again after (if it was on).

    The rounds make a million small objects (tokens, look-alikes, counts) that live until the stage ends
    and form no cycles (the thesis's collections free next to none), so each full collection, which the growing heap
    sets off, scans everything for nothing: 1 s of the thesis's 11.  Reference counting frees all else as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
