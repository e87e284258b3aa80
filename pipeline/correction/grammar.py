"""Readings that English grammar settles where word statistics cannot.

``would he concluded`` is ``would be concluded``: the scan reads b as h, and
both ``would he`` and ``he concluded`` are common pairs, so neither side of
the word gives the misreading away; the three words together do.
"""
from __future__ import annotations

from .decision import Decision

# what may stand before a passive's be: the modals, and to
BEFORE_BE = frozenset("would could should will can may might must shall cannot to".split())
PARTICIPLE = 5e-8  # English frequency of the word after: a real participle, not a garble that ends in ed
SHORTEST_PARTICIPLE = 5
# irregular participles that are no base form (set, put and read are both, and stay out)
IRREGULAR = frozenset("""been done made seen taken given known shown held kept left lost paid said sent told thought
brought bought built won written driven broken chosen spoken drawn grown thrown understood found felt heard met led
meant sold taught fought caught sought beaten forgotten hidden forbidden undertaken overtaken withdrawn""".split())


def be_before_participle(corrector, lines, texts) -> list:
    """``he`` between a modal (or ``to``) and a past participle is the scan's ``be``; ``not`` may
    stand between (``could not he missed``).  English puts no participle after ``would he``.

    >>> from pipeline.correction import Corrector
    >>> from pipeline.lexicon import Lexicon
    >>> c = Corrector(Lexicon.load("dictionaries"))
    >>> texts = ["a neutrality pact would he concluded, the trade was to he exerted and could not he missed",
    ...          "would he succeed, he said, and could he agree? he visited Paris and would he need it",
    ...          "the answer can he found in the Sejm, soon to he convoked, and could he understood"]
    >>> from pipeline.correction.tokens import words
    >>> [(d.before, d.after) for d in be_before_participle(c, [words(t, i) for i, t in enumerate(texts)], texts)]
    [('he', 'be'), ('he', 'be'), ('he', 'be'), ('he', 'be'), ('he', 'be'), ('he', 'be')]
    """
    out = []
    for tokens, text in zip(lines, texts):
        for k in range(1, len(tokens) - 1):
            tok, prev, nxt = tokens[k], tokens[k - 1], tokens[k + 1]
            if tok.text != "he" or text[prev.end:tok.start] != " " or text[tok.end:nxt.start] != " ":
                continue
            modal = prev.low in BEFORE_BE or prev.low == "not" and k > 1 and tokens[k - 2].low in BEFORE_BE
            if modal and participle(corrector, nxt.text):
                out.append(Decision(tok.line, tok.start, tok.end, "he", "be", 0.95, "be-before-participle",
                                    [("be", 1.0), ("he", 0.0)]))
    return out


def participle(corrector, word: str) -> bool:
    """A past participle English knows: irregular (``found``, ``understood``) or in ed (``concluded``),
    not a base form ending so (``need``, ``succeed``)."""
    if word in IRREGULAR:
        return True
    return word.islower() and len(word) >= SHORTEST_PARTICIPLE and word.endswith("ed") and not word.endswith("eed") \
        and corrector.lexicon.frequency(word) >= PARTICIPLE
