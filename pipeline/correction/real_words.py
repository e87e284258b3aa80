"""Real-word errors: a word English knows that the scan made of another (``lie`` for *he*, ``bad`` for *had*).

How often a letter is misread says little here.  A typeface may print *he* as ``lie`` one time in thirty
and ``h`` as ``li`` almost nowhere else, and the EM over the examined words never sees it, as ``lie`` is
a word.  So each pair of words the scan confuses has a rate of its own, learned by EM over the uses of
the scanned word in their contexts: the E step reads each use between its neighbours, the M step counts
how often the document's *he* came out ``lie``; the letters' profile is where each rate starts and what
it is smoothed towards (``Weights.strength`` words of it), so a pair the document shows seldom keeps
the letters' rate.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from .candidates import reverse_table
from .decision import Decision, normalise
from .tokens import opens_sentence

CANDIDATE_CONFUSION = 1e-4  # confusions of letters this likely weigh one known word against another
ROUNDS = 4  # EM rounds, as for the examined words


def read_real_words(corrector, state, texts: list[str]) -> list[Decision]:
    """Each use of a known word one likely confusion from another known word (``hut`` and ``but``) is
    read as the one its neighbours make likelier, with the word pair's learned rate, if sure enough.

    In 1,500 records of a London newspaper the scan prints *he* as ``lie`` and *had* as ``bad`` again and
    again, and ``h`` as ``li`` or ``b`` hardly anywhere else; ``that lie had been sent`` is read *he*, and
    ``a very bad gang`` stays (``tests/test_words.py``).
    """
    table = reverse_table(state.profile, floor=CANDIDATE_CONFUSION)
    alternatives: dict[str, list[str]] = {}
    uses: dict[tuple, list[tuple]] = defaultdict(list)  # (word, prev, next) -> its tokens, and whether each opens a sentence
    for tokens, text, before in zip(state.lines, texts, [""] + texts):
        for k, tok in enumerate(tokens):
            w = tok.low
            if not tok.checkable or w in state.options or not tok.clean:
                continue
            if w not in alternatives:
                alternatives[w] = corrector.one_confusion_away(w, table, state.lm)
            if not alternatives[w]:
                continue
            opens = opens_sentence(text, tok.start, before)
            prev = corrector.preceding(state, tokens, text, k, opens)
            nxt = corrector.neighbour(state, tokens, text, k + 1, k)
            if prev is not None or nxt is not None:
                uses[(w, prev, nxt)].append((tok, opens))
    if not uses:
        return []
    fits = {key: [(c, state.lm.log_context(key[1], c, key[2])) for c in [key[0]] + alternatives[key[0]]]
            for key in uses}
    rates = PairRates(state.profile, state.lm.counts, {w: alternatives[w] for w in {key[0] for key in uses}},
                      corrector.weights.strength)
    for _ in range(ROUNDS):
        expected: Counter = Counter()
        for key, fit in fits.items():
            w = key[0]
            for c, q in rates.posterior(w, fit):
                if c != w:
                    expected[(w, c)] += len(uses[key]) * q
        rates.update(expected)
    corrections = []
    for key, fit in fits.items():
        w = key[0]
        options = sorted(rates.posterior(w, fit), key=lambda o: -o[1])
        best, q = options[0]
        if best == w or q < corrector.weights.confidence:
            continue
        listed = [(c, round(p, 3)) for c, p in options[:5]]
        for tok, opens in uses[key]:
            after = corrector.cased(tok, best, state, opens)
            corrections.append(Decision(tok.line, tok.start, tok.end, tok.text, after, round(q, 3), "real-word", listed,
                                        {"pair rate": round(math.exp(rates.log_rate(w, best)), 5)}))
    return corrections


class PairRates:
    """``log P(scanned word | typed word)`` for each pair the scan may confuse: the letters' profile at
    first, then what the document's uses show, smoothed towards it."""

    def __init__(self, profile, counts, alternatives: dict[str, list[str]], strength: float):
        self.counts, self.strength = counts, strength  # the document's believed uses of each word
        self.letters = {(w, c): profile.log_likelihood(w, c) for w, cs in alternatives.items() for c in [w, *cs]}
        self.rates = dict(self.letters)

    def log_rate(self, w: str, c: str) -> float:
        return self.rates[(w, c)]

    def posterior(self, w: str, fit: list[tuple[str, float]]) -> list[tuple[str, float]]:
        return normalise([(c, self.rates[(w, c)] + context) for c, context in fit])

    def update(self, expected: Counter) -> None:
        """The M step: each pair's expected misreadings over the typed word's uses in the document."""
        read_as = Counter()
        for (w, c), n in expected.items():
            read_as[c] += n
        for (w, c), letters in self.letters.items():
            if w == c:
                continue
            typed = self.counts.get(c, 0.0) + read_as[c]
            self.rates[(w, c)] = math.log((expected[(w, c)] + self.strength * math.exp(letters)) / (typed + self.strength))
