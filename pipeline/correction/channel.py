"""The OCR error model: what a typewriter scan does to letters, as edit costs.

An arbitrary edit costs 1.0; the confusions this scanner makes cost less, so
``whioh`` is a cheap step from ``which`` while ``whiff`` is not.  Multi-letter
confusions (``rn`` for ``m``, ``vf`` for ``w``, ``Ih`` for ``U``) are single
steps, which plain Levenshtein cannot express.  Confusions seen in confident
corrections get cheaper for the rest of the document (:meth:`Channel.learn`).
"""
from __future__ import annotations

import functools
import math
import unicodedata
from collections import Counter

from rapidfuzz.distance import Levenshtein, LCSseq

# wrong (as scanned) -> right (as typed): cost.  Lower-case keys match either
# case; keys with capitals only match capitals (``B`` for ``U``, not ``b``).
CONFUSIONS: dict[tuple[str, str], float] = {
    **{pair: 0.3 for pair in [("o", "c"), ("o", "e"), ("e", "c"), ("e", "o"), ("c", "e"), ("c", "o"),
                              ("i", "r"), ("h", "b"), ("b", "h"), ("l", "i"), ("i", "l"), ("1", "l"),
                              ("1", "i"), ("!", "l"), ("|", "l"), ("rn", "m"), ("m", "rn"), ("vf", "w"),
                              ("vr", "w"), ("v/", "w"), ("iv", "w"), ("Ih", "U"), ("tk", "U"), ("t&", "U"),
                              ("IM", "U"), ("Ik", "U"), ("B", "U"), ("H", "N"), ("P", "F"), ("E", "F"),
                              ("F", "P"), ("B", "E"), ("B", "S"), ("B", "R"), ("B", "D"), ("X", "I"),
                              ("l", "I"), ("0", "o"), ("ii", "h"), ("li", "h"), ("tl", "th"), ("ti", "h"),
                              # the capital U with the n after it, as this typewriter's scan reads them
                              # (Soviet IMion, Ihiion, Ikiion, Iftiion, Bhion, Uhion)
                              ("IM", "Un"), ("Ihi", "Un"), ("Iki", "Un"), ("Ifti", "Un"), ("I&i", "Un"),
                              ("Tfti", "Un"), ("TM", "Un"), ("Bh", "Un"), ("Uh", "Un"), ("t&i", "Un"),
                              ("tM", "Un"), ("tki", "Un"), ("tfti", "Un"), ("tfe", "Un"), ("Ife", "Un"),
                              # the w and h of "wh" read as a thin letter and "di" (idiat, Vdiereas, tdiioh, T/diioh)
                              ("idi", "wh"), ("vdi", "wh"), ("fdi", "wh"), ("tdi", "wh"), ("udi", "wh"), ("T/di", "Wh")]},
    **{pair: 0.45 for pair in [("s", "z"), ("z", "s"), ("a", "s"), ("s", "a"), ("e", "a"), ("a", "e"),
                               ("o", "a"), ("n", "u"), ("u", "n"), ("n", "m"), ("m", "n"), ("k", "R"),
                               ("E", "Z"), ("y", "v"), ("v", "y"), ("3", "s"), ("3", "l"), ("cl", "d"),
                               ("d", "cl"), ("vd", "wh"), ("id", "wh"), ("T/", "W"), ("zy", "ry"),
                               ("h", "l"), ("l", "h"), ("i", "t"), ("t", "i"), ("f", "t"), ("t", "f"),
                               ("ü", "il"), ("Y", "V"), ("y", "v"), ("M", "N"), ("G", "C"), ("O", "C"),
                               ("Q", "O"), ("O", "U"), ("q", "c"), ("n", "ll"), ("sl", "k"), ("lc", "k"), ("fc", "k"),
                               # digits for the letters they look like (litt3*e, anc4ogous, 3molny, s5noe)
                               ("3", "e"), ("4", "l"), ("4", "a"), ("5", "s"), ("8", "s"), ("8", "b"),
                               ("2", "z"), ("0", "c"),
                               # a capital F with the letter after it read as one H (Hscher for Fischer)
                               ("H", "Fi"),
                               # a typed "an" the scan closed into one m (found m response, at m y time)
                               ("m", "an")]},
    # a blot for a letter and the h after it, at a word's start (#ich, #en, #ird: which, when, third);
    # the blots no word has inside, so no other word is looked up through them
    **{(blot, pair): 0.6 for blot in "#©•■♦" for pair in ("wh", "th", "sh", "ch")},
}
# a speck the scan took for an accent (tîie, ïn, fôul): the letter under it, for a fifth of an edit
SPECK = 0.2
JUNK = set("&£»«^%\\/|$*~#@0123456789!?©•■♦€¥{}")
SUBSTITUTE, INSERT, DELETE = 1.0, 1.0, 1.0
JUNK_SUBSTITUTE, JUNK_DELETE = 0.5, 0.4
ALIGNMENTS: dict[tuple[str, str], tuple] = {}  # (scanned, typed) -> steps, shared by all channels
LETTER_OPTIONS: dict[str, list] = {}  # scanned word -> what each of its letters may stand for (base costs)


@functools.lru_cache(maxsize=1 << 16)  # asked of every piece of every garble the channel reads
def speckless(text: str) -> str:
    """The text with accents taken off its letters, letter for letter (the scan's specks, or a writer's accents).

    >>> speckless("tîie"), speckless("Zaléski"), speckless("œuvre £5")
    ('tiie', 'Zaleski', 'œuvre £5')
    """
    return text if text.isascii() else "".join(_bare(ch) for ch in text)


def speck_cost(text: str, bare: str) -> float:
    """What reading the letters under the specks costs: ``SPECK`` for each letter that had one."""
    return SPECK * sum(a != b for a, b in zip(text, bare))


def _bare(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isascii() and base.isalpha() else ch


class Channel:
    """Cost of reading ``right`` as ``wrong``; cheaper for known confusions.

    >>> ch = Channel()
    >>> ch.cost("whioh", "which"), ch.cost("Ihiion", "union"), ch.cost("vfith", "with")
    (0.3, 0.3, 0.3)
    >>> ch.cost("Idtvlnov", "litvinov") < 2.0 < ch.cost("house", "mouse") + ch.cost("the", "ax")
    True

    An accent in an English scan is mostly a speck on the letter: it costs a fifth of an edit, and
    the letter under it may be confused as usual (``èn`` is ``on``; ``delàgatë``, scan line 4687):

    >>> ch.cost("èn", "on"), ch.cost("delàgatë", "delegate"), ch.cost("Fivncĥ", "french")
    (0.5, 0.85, 1.5)
    """

    def __init__(self, confusions: dict[tuple[str, str], float] | None = None):
        self.base = dict(confusions or CONFUSIONS)
        self.seen: Counter = Counter()  # (wrong, right) -> times in confident corrections
        self._alignments = ALIGNMENTS if confusions is None else {}
        self._letter_options = LETTER_OPTIONS if confusions is None else {}
        self._share_memo: dict[str, tuple] = {}
        self._build()

    def _build(self) -> None:
        self._prices: dict[tuple, float] = {}  # steps -> cost with this table
        self.table: dict[str, list[tuple[str, float]]] = {}
        for (wrong, right), cost in self.base.items():
            self.table.setdefault(wrong, []).append((right.lower(), self.weight(wrong, right, cost)))
        self.longest = max(len(w) for w in self.table)
        if not hasattr(self, "base_table"):  # alignments are chosen with the base costs only
            self.base_table = self.table
            # what candidate search rewrites before looking words up: the confusions a folded spelling
            # does not already merge (several letters, or capitals)
            self.probe_confusions = [(wrong, options) for wrong, options in self.base_table.items()
                                     if len(wrong) > 1 or not wrong.islower()]

    def weight(self, wrong: str, right: str, cost: float) -> float:
        """Learned confusions get cheaper the more often they were seen, down to a third."""
        n = self.seen.get((wrong, right.lower()), 0)
        return round(cost / (1 + math.log1p(n) / 2) if n else cost, 3) if n < 50 else round(cost / 3, 3)

    def cost(self, wrong: str, right: str, ceiling: float = math.inf) -> float:
        """The price of the reading; with a ``ceiling``, any price above it may come back as infinity.

        A ceiling lets the alignment give up as soon as every partial path is dearer, which is
        most of the work when many far options are weighed (a note word against every name).

        >>> ch = Channel()
        >>> ch.cost("Gcmiasar", "krestinsky", ceiling=2.4), ch.cost("Gcmiasar", "commissar", ceiling=2.4)
        (inf, 2.2)
        """
        if ceiling == math.inf or (wrong, right) in self._alignments:
            return self.align(wrong, right)[0]
        # learning makes steps up to three times cheaper than the base costs the path is chosen by
        base_ceiling = ceiling * 3 + 0.01 if self.seen else ceiling
        found, steps = self._align(wrong, right.lower(), base_ceiling)
        if found > base_ceiling:  # its path may be no cheapest one: not kept
            return math.inf
        self._alignments[(wrong, right)] = steps
        return self.align(wrong, right)[0]

    def lower_bound(self, wrong: str, right: str) -> float:
        """A cost no reading of ``right`` as ``wrong`` goes below, found without aligning them.

        Letters kept as typed are a common subsequence (found in C) and cost
        nothing.  Every other typed letter is written by a step, at best the
        cheapest confusion the scanned word offers for it (a share of one that
        writes two letters), else a plain edit; every other scanned letter is
        read by one.  The cheapest shares of as many letters as cannot be kept
        bound the cost.

        >>> ch = Channel()
        >>> ch.lower_bound("Gcmiasar", "commissar") <= ch.cost("Gcmiasar", "commissar")
        True
        >>> ch.lower_bound("Gcmiasar", "krestinsky") > 2.4
        True
        """
        low = wrong.lower()
        if len(low) != len(wrong):
            return 0.0
        kept = LCSseq.similarity(low, right.lower())
        typed, scanned = self._shares(wrong)
        plain = typed[""]
        written = sorted(typed.get(ch, plain) for ch in right.lower())[:len(right) - kept]
        # learned confusions cost down to a third of the base costs that offered them
        return max(sum(written), sum(scanned[:len(wrong) - kept])) * (0.33 if self.seen else 1.0)

    def _shares(self, wrong: str) -> tuple[dict[str, float], list[float]]:
        """The least each typed letter, and each scanned one (cheapest first), can cost in a reading of ``wrong``."""
        found = self._share_memo.get(wrong)
        if found is None:
            plan = self._letter_options.get(wrong) or [self._options_at(wrong, i) for i in range(len(wrong))]
            typed = {"": JUNK_SUBSTITUTE if any(ch in JUNK for ch in wrong) else min(SUBSTITUTE, INSERT)}
            scanned = [min(plain, delete) for _, plain, _, delete in plan]
            for i, (substitutes, _, longer, _) in enumerate(plan):
                for letter, c in substitutes.items():
                    typed[letter] = min(typed.get(letter, typed[""]), c)
                    scanned[i] = min(scanned[i], c)
                for a, right, c in longer:
                    for letter in right:
                        typed[letter] = min(typed.get(letter, typed[""]), c / len(right))
                    for k in range(i, i + a):
                        scanned[k] = min(scanned[k], c / a)
            found = self._share_memo[wrong] = (typed, sorted(scanned))
        return found

    def ranked(self, wrong: str, options, limit: float, within: float = 1.0) -> list[tuple[float, str]]:
        """``(cost, option)`` pairs, cheapest first, that surely hold the cheapest reading of ``wrong``
        if it costs at most ``limit``, and every other reading within ``within`` of it.

        Options are aligned in the order of their lower bounds, and no further
        once no cheaper reading is possible: most are never aligned at all.

        >>> Channel().ranked("Gcmiasar", ["Commissar", "Krestinsky", "Embassy"], limit=2.4)
        [(2.2, 'Commissar')]
        """
        found: list[tuple[float, str]] = []
        for bound, option in sorted((self.lower_bound(wrong, o), o) for o in options):
            best = found[0][0] if found else limit + 1
            if bound > (best + within if best <= limit else limit) + 1e-9:
                break
            # a dearer option no longer matters: the cheapest so far, or a later one under the limit, is within reach
            found.append((self.cost(wrong, option, ceiling=min(best, limit) + within), option))
            found.sort()
        return [(c, o) for c, o in found if c < math.inf]

    def align(self, wrong: str, right: str) -> tuple[float, tuple[tuple[str, str], ...]]:
        """Cheapest way to turn ``right`` (lower case) into the scanned ``wrong``, and its steps.

        Alignments are chosen with the base costs and kept across learning and
        across documents (only their steps are re-priced), so a word's
        alignment never depends on what was learned before.
        """
        key = (wrong, right)
        steps = self._alignments.get(key)
        if steps is None:
            steps = self._alignments[key] = self._align(wrong, right.lower())[1]
        price = self._prices.get(steps)
        if price is None:  # many pairs share their steps ((o, c) alone...): price each once per table
            price = self._prices[steps] = round(sum(self.step_cost(a, b) for a, b in steps), 3)
        return price, steps

    def step_cost(self, wrong: str, right: str) -> float:
        for key in (wrong, wrong.lower()):
            for r, c in self.table.get(key, ()):
                if r == right:
                    return c
        junk = len(wrong) == 1 and wrong in JUNK
        if not right:
            return JUNK_DELETE if junk else DELETE
        if not wrong:
            return INSERT
        bare = wrong if wrong.isascii() else speckless(wrong)
        if bare != wrong:  # the letters under the specks, then what they stand for
            return min(SUBSTITUTE, round(speck_cost(wrong, bare) + (0.0 if bare.lower() == right else self.step_cost(bare, right)), 3))
        return JUNK_SUBSTITUTE if junk else SUBSTITUTE

    def _align(self, w: str, r: str, ceiling: float = math.inf) -> tuple[float, tuple]:
        """Edit distance with confusion steps, keeping the cheapest path's steps.

        A single-letter confusion is just a cheaper substitution, so each
        scanned letter gets one table of substitution costs; only the
        confusions that change length (``rn``->``m``, ``ii``->``h``) are tried
        as separate steps.  This runs for every new (garble, candidate) pair.

        Cells dearer than ``ceiling`` are dropped; when none is left the cost is
        infinity.  Costs within the ceiling, and their paths, are as without it.
        """
        n, m = len(w), len(r)
        inf = float("inf")
        best = [[inf] * (m + 1) for _ in range(n + 1)]
        back: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        low = w.lower()
        plan = self._letter_options.get(w)
        if plan is None:  # a garble is aligned with each of its candidates: read its letters once
            plan = self._letter_options[w] = [self._options_at(w, i) for i in range(n)]
        # every step costs at most a plain edit, so plain Levenshtein (in C) bounds the cheapest path;
        # a cell dearer than that is on no cheapest path and need not be extended
        bound = min(Levenshtein.distance(low, r) if len(low) == n else inf, ceiling) + 1e-6
        for i in range(n + 1):
            row, back_row = best[i], back[i]
            # nothing reaches a cell to its left: start the row at its first live cell
            start = next((j for j in range(m + 1) if row[j] <= bound), None)
            if start is None:
                if all(x > bound for later in best[i + 1:i + self.longest] for x in later):
                    return inf, ()  # every path is dearer than the ceiling
                continue
            if i < n:
                nxt, back_nxt = best[i + 1], back[i + 1]
                letter, (substitutes, plain, longer, delete) = low[i], plan[i]
            for j in range(start, m + 1):
                here = row[j]
                if here > bound:
                    continue
                if j < m:  # the scan dropped r[j]
                    if here + INSERT < row[j + 1]:
                        row[j + 1], back_row[j + 1] = here + INSERT, (i, j, "", r[j])
                if i == n:
                    continue
                if j < m:
                    typed = r[j]
                    c = 0.0 if letter == typed else substitutes.get(typed, plain)
                    if here + c < nxt[j + 1]:
                        nxt[j + 1], back_nxt[j + 1] = here + c, (i, j, w[i], typed)
                for a, right, c in longer:
                    b = len(right)
                    if j + b <= m and r.startswith(right, j) and here + c < best[i + a][j + b] - 1e-9:
                        best[i + a][j + b], back[i + a][j + b] = here + c, (i, j, w[i:i + a], right)
                if here + delete < nxt[j] - 1e-9:
                    nxt[j], back_nxt[j] = here + delete, (i, j, w[i], "")
        steps, i, j = [], n, m
        while back[i][j]:
            i, j, a, b = back[i][j]
            if a.lower() != b:
                steps.append((a, b))
        return round(best[n][m], 3), tuple(reversed(steps))

    def _options_at(self, w: str, i: int) -> tuple[dict[str, float], float, list, float]:
        """What the scanned letter at ``i`` may stand for: substitution costs, the plain one,
        length-changing confusions starting here, and the cost of deleting it."""
        junk = w[i] in JUNK
        substitutes: dict[str, float] = {}
        longer = []
        for a in range(1, min(self.longest, len(w) - i) + 1):
            piece = w[i:i + a]
            keys = {piece: 0.0, piece.lower(): 0.0}
            if not piece.isascii():  # the letters under the specks, and what they stand for
                bare = speckless(piece)
                specks = speck_cost(piece, bare)
                if a == 1 and specks:
                    substitutes[bare.lower()] = specks
                keys.update({bare: specks, bare.lower(): specks})
            for key, extra in keys.items():
                for right, c in self.base_table.get(key, ()):
                    if a == 1 and len(right) == 1:
                        substitutes[right] = min(c + extra, substitutes.get(right, c + extra))
                    else:
                        longer.append((a, right, c + extra))
        return substitutes, JUNK_SUBSTITUTE if junk else SUBSTITUTE, longer, JUNK_DELETE if junk else DELETE

    def known(self, step: tuple[str, str]) -> bool:
        """A confusion of the table (arbitrary edits are not learned)."""
        wrong, right = step
        return any((w, r) in self.base for w in (wrong, wrong.lower()) for r in (right, right.upper()))

    def learn(self, steps) -> None:
        """Count the confusions of a confident correction; they cost less from now on."""
        self.seen.update(s for s in steps if self.known(s))
        self.rebuild()

    def rebuild(self) -> None:
        self._build()

    def learned(self) -> list[dict]:
        """The learned table, most seen first, for reports."""
        rows = []
        for (wrong, right), n in self.seen.most_common():
            base = next(c for (w, r), c in self.base.items() if w in (wrong, wrong.lower()) and r.lower() == right)
            rows.append({"scanned": wrong, "typed": right, "seen": n, "base_cost": base,
                         "cost": self.weight(wrong, right, base)})
        return rows
