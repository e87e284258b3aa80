"""Acronyms the scan wrote in small letters: ``the cm staff`` where the document writes *the CMA staff*.

A Tesseract typescript may read an organisation's initials as a small word, often a letter short: in
mca-dev's 50 documents ``cm`` stands for CMA 640 times, beside some 530 CMA read right.  The document
tells which: it writes the acronym in capitals often, and the small form stands where the acronym
stands (``the CMA staff``, ``the cm staff``), not where English puts the small word (``5 cm``; ``to do``
beside DOT).

For each acronym the document writes in capitals (:data:`.decision.FREQUENT` times or more, its letters
seldom as a word: not a heading's THE) and each small form of it (its letters, or all but one of them),
EM over the form's uses learns the share that are the acronym's.  The E step weighs each use by its two
neighbours: as the acronym, by how often they stand beside its uses in capitals, drawn towards how often
the document writes them at all as much as the acronym's neighbours vary (Witten-Bell); as itself, by
English's pairs alone, against chance (:meth:`.vocabulary.English.association`; the document's pairs
hold the form's own uses).  The M step counts the share again.  A
use is written as the acronym when its posterior is ``Weights.confidence`` or more.

>>> from collections import Counter
>>> neighbours = Counter({("the", "staff"): 12, ("the", "members"): 8, ("of", "<s>"): 5})
>>> forms = [("the", "staff"), ("the", "board"), ("5", "of")]
>>> share, posteriors = learn_share(neighbours, 40, forms, lambda p, n: 300.0 if p == "5" else 0.01,
...                                 Counter({"the": 5000, "of": 3000, "staff": 40, "members": 30, "board": 20, "5": 10}))
>>> [round(q, 2) for q in posteriors]
[1.0, 0.91, 0.0]
"""
from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict

from .decision import FREQUENT, Decision

ROUNDS = 10
EDGE = "<s>"  # no word on that side, in the same text


def acronym_forms(acronyms) -> dict[str, list[str]]:
    """Small form -> the acronyms it may stand for: their letters, or all but one of them (two at least).

    >>> dict(acronym_forms(["CMA"]))
    {'cma': ['CMA'], 'ma': ['CMA'], 'ca': ['CMA'], 'cm': ['CMA']}
    """
    forms: dict[str, list[str]] = defaultdict(list)
    for a in acronyms:
        low = a.lower()
        for form in [low] + [low[:i] + low[i + 1:] for i in range(len(low))]:
            if len(form) >= 2 and a not in forms[form]:
                forms[form].append(a)
    return forms


def learn_share(beside: Counter, uses: int, form_uses: list[tuple[str, str]], english, counts: Counter):
    """EM for one acronym and one small form: the share of the form's uses that are the acronym's, and
    each use's posterior.  ``beside``: (previous, next) word -> the acronym's uses in capitals between them;
    ``uses``: how many; ``form_uses``: each use of the form, (previous, next); ``english(prev, next)``:
    how likely English finds the form between them, against its own frequency; ``counts``: the
    document's words, what an unseen neighbour is drawn towards."""
    total = sum(counts.values()) or 1
    before, after = Counter(), Counter()
    for (p, n), k in beside.items():
        before[p] += k
        after[n] += k

    def background(w):
        return (counts.get(w, 0) + 1) / (total + len(counts) + 1)

    # the acronym's neighbours are those of its uses in capitals alone: the form's own uses would make any
    # form fit (``will be presented`` read as BET's once a few of ``be``'s uses are counted for it); drawn
    # towards the background as much as they vary (Witten-Bell: as many uses as kinds of neighbour seen)
    seen_before, seen_after = len(before), len(after)
    fits = [((before[p] + seen_before * background(p)) / (uses + seen_before)
             * (after[n] + seen_after * background(n)) / (uses + seen_after),
             english(p, n) * background(p) * background(n)) for p, n in form_uses]
    share, q = 0.5, [0.5] * len(form_uses)
    for _ in range(ROUNDS):
        q = [share * yes / (share * yes + (1 - share) * no) if yes or no else 0.0 for yes, no in fits]
        share = min(1 - 1e-6, max(1e-6, sum(q) / len(q)))
    return share, q


def read_acronyms(corrector, state, texts: list[str]) -> list[Decision]:
    """Each small word that stands for one of the document's acronyms (``the cm staff``), written as the
    acronym, if sure enough."""
    capitals, beside = Counter(), defaultdict(Counter)
    counts, written = Counter(), Counter()
    for tokens in state.lines:
        for k, tok in enumerate(tokens):
            counts[tok.low] += 1
            if tok.text.isupper() and tok.text.isalpha() and 2 <= len(tok.text) <= 6:
                capitals[tok.text] += 1
                beside[tok.text][neighbours(tokens, k)] += 1
            elif tok.text[1:].islower():
                written[tok.low] += 1
    # an acronym, not a heading's word (THE, TRADE): the document writes its letters as a word seldom
    acronyms = [a for a, n in capitals.items() if n >= FREQUENT and written[a.lower()] < n]
    if not acronyms:
        return []
    forms = acronym_forms(acronyms)
    found: dict[tuple[str, str], list] = defaultdict(list)
    for tokens in state.lines:
        for k, tok in enumerate(tokens):
            if tok.text.islower() and tok.low in forms and tok.low not in state.options:
                for a in forms[tok.low]:
                    found[(tok.low, a)].append((tok, neighbours(tokens, k)))
    association = functools.lru_cache(maxsize=None)(state.lm.english.association)  # forms share neighbours
    decisions: dict[tuple[int, int], Decision] = {}  # (line, start) -> the use's reading

    def english(prev: str, w: str, nxt: str) -> float:
        """How much likelier English's pairs find ``w`` between the neighbours than at random (the
        document's pairs hold the form's own uses); a text's edge tells nothing."""
        return math.exp((association(prev, w) if prev != EDGE else 0.0) + (association(w, nxt) if nxt != EDGE else 0.0))

    for (form, a), uses in found.items():
        _, posteriors = learn_share(beside[a], capitals[a], [ctx for _, ctx in uses],
                                    lambda p, n, form=form: english(p, form, n), counts)
        for (tok, _), q in zip(uses, posteriors):
            held = decisions.get((tok.line, tok.start))  # a form of two acronyms (ma: CMA or MCA) reads the likelier
            if q >= corrector.weights.confidence and (held is None or q > held.confidence):
                decisions[(tok.line, tok.start)] = Decision(tok.line, tok.start, tok.end, tok.text, a, round(q, 3), "acronym",
                                                            [(a, round(q, 3)), (tok.text, round(1 - q, 3))],
                                                            {"acronym uses": capitals[a]})
    return list(decisions.values())


def neighbours(tokens, k: int) -> tuple[str, str]:
    return (tokens[k - 1].low if k else EDGE, tokens[k + 1].low if k + 1 < len(tokens) else EDGE)
