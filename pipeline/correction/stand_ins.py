"""Stand-ins: a whole word the scan writes in place of another, again and again.

Tesseract reads one office's typed *with* as ``mm`` nearly every time (mca-dev: 525 times in 50
documents, and *with* itself almost never).  No letters' confusion reaches it: ``mm`` is four edits
from *with*, and an English word (millimetres), so the word engine never weighs it.  The document
still tells, in two ways English statistics can read:

- **a deficit**: it writes *with* 5 times in 3,400 words, where English writes it 24 times, and
  English's commonest words stray little from their rate (a negative binomial's dispersion, learned
  from ground truth by ``scripts/learn_word_rates.py``; *I* and *he* stray far, as genres do);
- **a fit**: the form sits where the word fits: ``comply mm the``, ``together mm``, ``along mm``.

A form English's word list lacks (symspellpy's 82,765 words: no ``mm``, no ``cm``), written in small
letters at least three times and left as it is by the other passes, is read as one of English's
commonest words when the log odds

    log P(form | word)                      the scan profile's, once: how far the habit is from letters' confusions
    + sum over its uses of English's association of the word with each neighbour, less the form's
    + log NB(count + uses) - log NB(count)  the word's count with the form's uses against without
    + log P(the form's uses, the word's plain uses | the rate the scan writes the word as the form)

make the word's posterior ``Weights.confidence`` or more; then each use whose neighbours fit the word
better than the form (``35 mm film`` stays) is read so.
"""
from __future__ import annotations

import functools
import json
import math
from collections import Counter, defaultdict
from importlib import resources

from .decision import Decision
from .tokens import opens_sentence

MIN_USES = 3  # a habit is seen more than twice


@functools.lru_cache(maxsize=1)
def dispersions() -> dict[str, float]:
    """English's commonest words, each with how far documents stray from its rate (``word_rates.json``)."""
    path = resources.files("pipeline.data").joinpath("word_rates.json")
    return json.loads(path.read_text(encoding="utf-8"))["dispersion"]


def log_nb(k: float, mean: float, dispersion: float) -> float:
    """``log P(k)`` under a negative binomial of that mean and variance ``mean + dispersion * mean**2``.

    >>> log_nb(0, 24.0, 0.08) < log_nb(0, 24.0, 0.6) < 0  # no *with* in a document is rarer than no *I*
    True
    """
    r = 1 / dispersion
    return (math.lgamma(k + r) - math.lgamma(r) - math.lgamma(k + 1)
            + r * math.log(r / (r + mean)) + k * math.log(mean / (r + mean)))


def read_stand_ins(corrector, state, texts: list[str]) -> list[Decision]:
    """Forms the scan writes for one of English's commonest words, read as it (see the module's doc)."""
    lm, english = state.lm, state.lm.english
    uses = defaultdict(list)  # form -> (token, previous word, next word, opens a sentence)
    forms: dict[str, bool] = {}
    for tokens, text, before in zip(state.lines, texts, [""] + texts):
        for k, tok in enumerate(tokens):
            if not tok.checkable:
                continue
            if tok.low not in forms:
                forms[tok.low] = stand_in_form(tok.low, corrector, state, english)
            if forms[tok.low]:
                opens = opens_sentence(text, tok.start, before)
                uses[tok.low].append((tok, corrector.neighbour(state, tokens, text, k - 1, k),
                                      corrector.neighbour(state, tokens, text, k + 1, k), opens))
    uses = {form: found for form, found in uses.items()
            if len(found) >= MIN_USES and sum(t.text.islower() for t, *_ in found) * 2 > len(found)}
    threshold = math.log(corrector.weights.confidence / (1 - corrector.weights.confidence))
    association = functools.lru_cache(maxsize=None)(english.association)  # the forms share their neighbours
    corrections = []
    for form, found in uses.items():
        contexts = Counter((prev, nxt) for _, prev, nxt, _ in found)
        best = None
        for word, dispersion in dispersions().items():
            fits = {context: fit(association, word, form, *context) for context in contexts}
            fitting = {context: n for context, n in contexts.items() if fits[context] > 0}  # the word's; the rest the form's
            if not fitting:
                continue
            read = sum(fitting.values())
            odds = state.profile.log_likelihood(form, word) + share(read, len(found)) + \
                sum(n * fits[context] for context, n in fitting.items()) + \
                habit(read, state.known.get(word, 0), lm.counts.get(word, 0.0), lm.total * lm.frequency(word), dispersion)
            if best is None or odds > best[0]:
                best = (odds, word, fits)
        if best is None or best[0] < threshold:
            continue
        odds, word, fits = best
        q = round(1 / (1 + math.exp(-odds)), 3)
        for tok, prev, nxt, opens in found:
            if fits[(prev, nxt)] > 0:
                after = corrector.cased(tok, word, state, opens)
                corrections.append(Decision(tok.line, tok.start, tok.end, tok.text, after, q, "stand-in",
                                            [(word, q), (form, round(1 - q, 3))], {"log odds": round(odds, 2)}))
    return corrections


def share(some: int, uses: int) -> float:
    """``log P`` of which uses of a form are the word's, some of them at the rate ``some / uses``: the
    price of a form that stands for the word only at times (``mm`` for *with*, and for *bill* too).

    >>> share(26, 26), round(share(13, 26), 1)
    (0.0, -18.0)
    """
    rate = some / uses
    return some * math.log(rate) + ((uses - some) * math.log(1 - rate) if some < uses else 0.0)


def habit(uses: int, written: int, count: float, expected: float, dispersion: float) -> float:
    """Log odds, from counts alone, that a form's ``uses`` are a word's: the word's believed ``count`` with
    them against without (a deficit they fill is likely, an excess they make is not), less the cost of a
    scan that writes the word as the form at the rate ``uses / (uses + written)`` and as itself otherwise
    (a word written plainly 166 times is no word the scan replaces 55 times).

    >>> habit(26, 0, 5.0, 24.3, 0.08) > 0 > habit(55, 166, 166.0, 304.4, 0.3)
    True
    """
    rate = uses / (uses + written)
    mixture = uses * math.log(rate) + (written * math.log(1 - rate) if written else 0.0)
    return log_nb(count + uses, expected, dispersion) - log_nb(count, expected, dispersion) + mixture


def stand_in_form(w: str, corrector, state, english) -> bool:
    """A form that may stand for another word: letters English's word list lacks, no term of the
    dictionaries', and no word the engine reads as another."""
    options = state.options.get(w)
    return (w.isalpha() and len(w) > 1 and english.count(w) == 0 and w not in corrector.lexicon.terms
            and (options is None or options[0][0] == w))


def fit(association, word: str, form: str, prev: str | None, nxt: str | None) -> float:
    """How much better ``word`` than ``form`` fits between the neighbours, by ``association`` (English's pairs)."""
    gain = 0.0
    if prev:
        gain += association(prev, word) - association(prev, form)
    if nxt:
        gain += association(word, nxt) - association(form, nxt)
    return gain
