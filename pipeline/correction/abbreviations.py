"""Abbreviations the scan garbled, read as the ones the document writes often.

A document's abbreviations are its own words: the thesis writes USSR 250
times, NKD 48, DVP 97; a typescript writes CMA and EPA hundreds of times.
English says nothing of them, so the word engine leaves capitals alone, and
their garbles stay (``USSE``, ``U3SE``, ``HKD``).  Here each capital word the
document writes seldom is weighed, as the engine weighs a word, against the
abbreviations it writes often (five times at least, and more than it): the
reading's share of the document's words times the scan's making the garble of
it (how the scan garbles capitals, learned from the document's capital words),
against keeping it as a new word.  All of a word's uses are weighed together,
so a garble the scan repeats (``UBSR`` 10 times) is no more its own evidence
than one it makes once.
"""
from __future__ import annotations

import math
from collections import Counter

import regex
from rapidfuzz.distance import Levenshtein

from .decision import FREQUENT, Decision, normalise
from .profile import MAX_PIECE, pieces

# capitals, with look-alike digits among them; two letters at least (a single one is an initial)
CAPITAL_WORD = regex.compile(r"(?<![\p{L}\d'’.-])(?=(?:[\p{Lu}\d]*\p{Lu}){2})\p{Lu}[\p{Lu}\d]{1,5}(?![\p{L}\d])")
ROUNDS = 3  # of EM; a few hundred capital words settle fast


def capital_words(texts: list[str]) -> Counter:
    """The capital words of the texts, with how often each is written.

    >>> capital_words(["the USSR and the U3SE, in DVP Vol.14", "USSR's NKD, A. B. Smith"])
    Counter({'USSR': 2, 'U3SE': 1, 'DVP': 1, 'NKD': 1})
    """
    return Counter(m.group() for text in texts for m in CAPITAL_WORD.finditer(text))


class CapitalConfusions:
    """How the scan garbles capitals, learned by EM over the document's capital words: a typeface's
    capitals are confused otherwise than its small letters (``R`` read as ``E``, ``S`` as ``B``), and
    the small letters' profile knows little of it.  A confusion starts from the profile's probability
    for the small letters, worth one use, and each round adds the uses the readings expect of it;
    a word is read without the uses its own readings gave (leave-one-out, as the word engine does)."""

    def __init__(self, profile):
        self.profile = profile
        self.expected: Counter = Counter()  # (typed piece, scanned piece) -> expected uses
        self.typed: Counter = Counter()  # typed piece -> uses in the words as read
        self.own: dict[str, Counter] = {}

    def log_likelihood(self, scanned: str, typed: str) -> float:
        own = self.own.get(scanned, {})
        score = 0.0
        for t, s in pieces(typed, scanned):
            base = self.profile.probability(t.lower(), s.lower())
            score += math.log((self.expected[t, s] - own.get((t, s), 0.0) + base) / (self.typed[t] + 1.0))
        return score

    def learn(self, posteriors: dict[str, list[tuple[str, float]]], counts: Counter) -> None:
        self.expected, self.typed, self.own = Counter(), Counter(), {}
        for a in counts:
            options = posteriors.get(a, [(a, 1.0)])
            own = self.own[a] = Counter()
            for b, q in options:
                for size in range(1, MAX_PIECE + 1):
                    for i in range(len(b) - size + 1):
                        self.typed[b[i:i + size]] += counts[a] * q
                if b != a:
                    for piece in pieces(b, a):
                        own[piece] += counts[a] * q
            self.expected.update(own)


def reach(word: str) -> int:
    """Edits between a garble and its abbreviation: one in every two letters (two letters of three
    changed leave no abbreviation to know it by).

    >>> reach("HKD"), reach("U3SE"), reach("TJBSR")
    (1, 2, 2)
    """
    return max(1, len(word) // 2)


def new_word(uses: int, total: int, first: float) -> float:
    """The log probability of a new word's ``uses`` in a text of ``total`` words: ``first`` for the first, then
    each as likely as the uses before it make it (a Chinese restaurant process's reuse).

    >>> round(new_word(1, 1000, 1e-9), 2), round(new_word(3, 1000, 1e-9), 2)
    (-20.72, -33.85)
    """
    return math.log(first) + sum(math.log(k / total) for k in range(1, uses))


def read_abbreviations(corrector, state, texts: list[str]) -> list[Decision]:
    """Each capital word that is no English word, read as a commoner abbreviation of the document that its
    scan most likely garbled (:class:`CapitalConfusions`), when that reading is sure enough
    (``Weights.confidence``).  A word's own uses but one vouch for keeping it, as a new abbreviation's would
    (``DBFP`` is no ``DVP``); a garble the scan repeats (``UBSR``) is no reading for a rarer one.

    >>> from pipeline.lexicon import Lexicon
    >>> from pipeline.correction import Corrector
    >>> c = Corrector(Lexicon.load("dictionaries"))
    >>> texts = ["the USSR signed the pact with Poland"] * 30 + ["in 1932 the USSE signed a pact, the UBSR, the UBSE"]
    >>> [(d.before, d.after) for d in c.plan(texts).corrections]
    [('USSE', 'USSR'), ('UBSR', 'USSR'), ('UBSE', 'USSR')]
    """
    counts = capital_words(texts)
    total = max(1, sum(state.known.values()) + sum(state.examined.values()))
    # the document's own: capital words English does not write (an English word in capitals is no abbreviation)
    listed = {a for a in counts if a.lower() in corrector.lexicon.terms}  # the dictionaries' own: never garbles
    own = listed | {a for a in counts if corrector.examine(a.lower(), state.lm)}
    near: dict[str, list[str]] = {}
    for a in own - listed:
        n = counts[a]
        found = [b for b in own if counts[b] >= FREQUENT and counts[b] > n and b.isalpha() and abs(len(b) - len(a)) <= 1
                 and Levenshtein.distance(a, b) <= reach(a)]
        if found:
            near[a] = found
    if not near:
        return []
    confusions = CapitalConfusions(state.profile)
    # before anything is read, each differing piece is as likely as the document's error rate says
    log_rate = math.log(state.profile.error_rate())
    flat = lambda a, b: len(pieces(b, a)) * log_rate
    # all of a word's uses are read alike, so they are weighed together: kept, the word is a new one, as
    # unlikely as one nobody vouches for (the word engine's prior) the first time, and then as likely each
    # time as its uses so far make it (1, 2, ... of ``total``: a repeated word is no new one); read, each use
    # is the reading's (see :func:`new_word`)
    weights = corrector.weights
    keep = {a: new_word(counts[a], total, weights.unknown * state.lm.spelling.probability(a.lower()) ** weights.spelling)
            for a in near}
    posteriors: dict[str, list[tuple[str, float]]] = {}
    misread: set[str] = set()
    typed = Counter(counts)  # how often each capital word was typed, as the readings have it
    for step in range(ROUNDS + 1):
        if step:
            confusions.learn(posteriors, counts)
            misread = {a for a, options in posteriors.items() if options[0][0] != a}
            typed = Counter({a: n for a, n in counts.items() if a not in posteriors})
            for a, options in posteriors.items():
                for b, q in options:
                    typed[b] += counts[a] * q
        channel = confusions.log_likelihood if step else flat
        for a, found in near.items():
            scored = [(a, keep[a])]
            scored += [(b, counts[a] * (math.log(typed[b] / total) + channel(a, b))) for b in found
                       if b not in misread and typed[b] > 0]
            posteriors[a] = sorted(normalise(scored), key=lambda o: -o[1])
    decisions = []
    for line, text in enumerate(texts):
        for m in CAPITAL_WORD.finditer(text):
            options = posteriors.get(m.group())
            if options and options[0][0] != m.group() and options[0][1] >= corrector.weights.confidence:
                listed = [(c, round(p, 3)) for c, p in options[:5]]
                decisions.append(Decision(line, m.start(), m.end(), m.group(), options[0][0], round(options[0][1], 3),
                                          "abbreviation", listed))
    return decisions

