"""The scan profile: what this scan does to letters, as probabilities learned from data.

A typed piece of one to three letters comes out of the scan as a scanned
piece of none to three: ``P(scanned | typed)``.  ``rn`` for ``m``, ``1`` for
``i``, ``ihi`` for ``un`` are single events, which plain edit distance cannot
express.  The table starts from a generic OCR prior, learned offline from
pairs of OCR and ground truth (``scripts/learn_prior.py`` rebuilds
``pipeline/data/ocr_prior.json``), and is re-estimated for each document by
EM over its own suspect words (:mod:`.engine`): expected confusion counts
from the readings the document makes likely, smoothed towards the prior.

A word's likelihood multiplies the probabilities of the pieces an alignment
cuts it into: letters kept as typed, and blocks of differing letters.

>>> p = ScanProfile.prior()
>>> p.log_likelihood("whioh", "which") > p.log_likelihood("whiff", "which")
True
>>> blocks("union", "ihiion")
[('un', 'ihi'), ('i', 'i'), ('o', 'o'), ('n', 'n')]
"""
from __future__ import annotations

import functools
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from rapidfuzz.distance import Levenshtein

MAX_PIECE = 3  # longest typed or scanned piece that is one confusion
PRIOR_FILE = "ocr_prior.json"


# not cached: its caller pieces() is, and a second cache of the same pairs would only hold memory
def blocks(typed: str, scanned: str) -> list[tuple[str, str]]:
    """An alignment of ``typed`` with ``scanned``: kept letters one by one, and each run of
    differing letters as one (typed, scanned) block.  Found by Levenshtein (in C).

    >>> blocks("which", "whioh"), blocks("modern", "modem")
    ([('w', 'w'), ('h', 'h'), ('i', 'i'), ('c', 'o'), ('h', 'h')], [('m', 'm'), ('o', 'o'), ('d', 'd'), ('e', 'e'), ('rn', 'm')])
    """
    out: list[tuple[str, str]] = []
    pending_t, pending_s = "", ""
    for tag, t0, t1, s0, s1 in Levenshtein.opcodes(typed, scanned):
        if tag == "equal":
            if pending_t or pending_s:
                out.append((pending_t, pending_s))
                pending_t, pending_s = "", ""
            out.extend((ch, ch) for ch in typed[t0:t1])
        else:
            pending_t += typed[t0:t1]
            pending_s += scanned[s0:s1]
    if pending_t or pending_s:
        out.append((pending_t, pending_s))
    return out


@functools.lru_cache(maxsize=1 << 18)
def pieces(typed: str, scanned: str) -> tuple[tuple[str, str], ...]:
    """The differing blocks of an alignment, cut to pieces of at most ``MAX_PIECE`` letters a side.

    >>> pieces("government", "goveiwaent")
    (('rnm', 'iwa'),)
    >>> pieces("administration", "admlnlstratlon")
    (('i', 'l'), ('i', 'l'), ('i', 'l'))
    """
    out = []
    for t, s in blocks(typed, scanned):
        if t == s:
            continue
        while len(t) > MAX_PIECE or len(s) > MAX_PIECE:  # a long block: one piece at a time, front first
            out.append((t[:1], s[:1]))
            t, s = t[1:], s[1:]
        out.append((t, s))
    return tuple(out)


@dataclass
class ScanProfile:
    """``P(scanned piece | typed piece)`` as counts over opportunities, with a backoff for the unseen.

    ``counts[(typed, scanned)]`` is how often the typed piece came out as the
    scanned one; ``chances[typed]`` how often the typed piece was there to be
    garbled; ``plain`` the probability of an edit of one letter nobody has
    seen, per letter it touches.
    """

    counts: Counter = field(default_factory=Counter)
    chances: Counter = field(default_factory=Counter)
    letters: float = 1.0  # typed letters in all: the chances of an insertion
    plain: float = 1e-3
    prior_of: "ScanProfile | None" = None
    strength: float = 0.0  # pseudo-chances the prior is worth, per typed piece
    rate: float | None = None  # the document's error rate, when known better than its counts tell

    def __post_init__(self):
        self._memo: dict[tuple[str, str], float] = {}  # piece -> log probability
        self._error_rate: float | None = None
        rate = self.rate if self.rate is not None else self.error_rate()
        self._keep = math.log1p(-min(0.5, rate))
        self._scale = rate / self.prior_of.error_rate() if self.prior_of is not None else 1.0
    @classmethod
    @functools.lru_cache(maxsize=1)
    def prior(cls) -> "ScanProfile":
        """The generic OCR prior shipped with the package."""
        data = json.loads(resources.files("pipeline.data").joinpath(PRIOR_FILE).read_text(encoding="utf-8"))
        counts = Counter({(t, s): n for t, s, n in data["counts"]})
        return cls(counts, Counter(data["chances"]), data["letters"], data["plain"])

    def adapted(self, expected: Counter, chances: Counter, letters: float, strength: float,
                rate: float | None = None) -> "ScanProfile":
        """A document's profile: its expected confusion counts, smoothed towards this one."""
        return ScanProfile(expected, chances, letters, self.plain, self, strength, rate)

    def probability(self, typed: str, scanned: str) -> float:
        """``P(scanned | typed)`` for one differing piece.

        >>> p = ScanProfile.prior()
        >>> p.probability("i", "l") > p.probability("i", "q")
        True
        """
        return self._probability(typed, scanned)

    def _probability(self, typed: str, scanned: str, own: float = 0.0) -> float:
        if self.prior_of is None:
            backoff = self.plain ** max(len(typed), len(scanned), 1)
            chances = self.chances.get(typed, 0) if typed else self.letters
            n = self.counts.get((typed, scanned), 0)
            return max(n / chances, backoff) if n and chances else backoff
        # the prior, scaled to how noisy this document is: a clean text makes every confusion rarer
        backoff = self.prior_of._probability(typed, scanned) * self._scale
        chances = self.chances.get(typed, 0) if typed else self.letters
        n = max(0.0, self.counts.get((typed, scanned), 0) - own)
        return (n + self.strength * backoff) / (chances + self.strength)

    def error_rate(self) -> float:
        """Share of typed letters the scan garbled.  Worked out once: a profile is not changed once made (as
        ``_memo`` assumes too), and the abbreviations ask it of every word they weigh, each asking the prior's,
        a sum over its whole table."""
        if self._error_rate is None:
            self._error_rate = self._count_error_rate()
        return self._error_rate

    def _count_error_rate(self) -> float:
        wrong = sum(n * max(len(t), 1) for (t, s), n in self.counts.items())
        own = wrong / self.letters if self.letters else 0.0
        if self.prior_of is None:
            return own
        base = self.prior_of.error_rate()
        return (wrong + self.strength * base) / (self.letters + self.strength)

    def log_likelihood(self, scanned: str, typed: str, without: dict | None = None) -> float:
        """``log P(scanned | typed)``, both in lower case: each piece's probability, and each letter
        kept as typed the chance of no error.

        ``without``: expected counts of pieces to leave out, those the scanned word itself gave the
        profile.  A confusion only one word shows is that word's own say-so, not what the scan does:

        >>> doc = ScanProfile.prior().adapted(Counter({("u", "ren"): 3.0}), Counter({"u": 500}), 5000, 5000)
        >>> doc.log_likelihood("rennless", "unless") > -11
        True
        >>> doc.log_likelihood("rennless", "unless", without={("u", "ren"): 3.0}) < -15
        True
        """
        total, garbled = 0.0, 0
        memo = self._memo
        for piece in pieces(typed, scanned):
            own = without.get(piece) if without else None
            if own:
                logp = math.log(self._probability(*piece, own))
            else:
                logp = memo.get(piece)
                if logp is None:
                    logp = memo[piece] = math.log(self._probability(*piece))
            total += logp
            garbled += len(piece[0])
        return total + self._keep * (len(typed) - garbled)

    def top(self, n: int = 40) -> list[dict]:
        """The commonest confusions with their probabilities, for the report."""
        rows = [{"typed": t, "scanned": s, "count": round(c, 2), "probability": round(self.probability(t, s), 4)}
                for (t, s), c in self.counts.most_common(n) if c > 0]
        return rows


class Costs:
    """A profile's likelihoods as costs in plain edits (an edit nobody has seen costs 1.0), for rules
    that weigh a few readings of a word against a limit (the citations stage's names and months).

    >>> costs = Costs(ScanProfile.prior())
    >>> costs.cost("Ju3y", "July") < costs.cost("Ju3y", "June")
    True
    """

    def __init__(self, profile: ScanProfile):
        self.profile = profile
        self.unit = -math.log(profile.probability("\x00", "\x01"))  # an edit of a letter nobody has seen

    def cost(self, wrong: str, right: str, ceiling: float = math.inf) -> float:
        w, r = wrong.lower(), right.lower()
        return round((self.profile.log_likelihood(r, r) - self.profile.log_likelihood(w, r)) / self.unit, 3)

    def ranked(self, wrong: str, options, limit: float, within: float = 1.0) -> list[tuple[float, str]]:
        """``(cost, option)`` pairs, cheapest first, at most ``limit + within``."""
        found = sorted((self.cost(wrong, o), o) for o in options)
        return [(c, o) for c, o in found if c <= limit + within]
