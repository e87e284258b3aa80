"""Scan capitals: a small letter the scan reads as its capital, inside a sentence.

The thesis's typewriter prints *i* at a word's start so that the scan reads ``I`` about one time in
fifty (``interested In a pact``, ``were Initiated``); other scans do it with other letters, or not at
all.  Which letters, and how often, the document tells by the words it writes inside sentences
(:func:`inside`: right after a known word in small letters, not before a capital, not in a title):

- a word the document writes in small letters has capitals there only from the scan, at its first
  letter's rate, or where a sentence opens whose full stop the scan lost (``relations The``), as often
  as the word opens sentences;
- a name or a title's word (``French``, ``Policy``) has capitals of its own, as many as it likes.

The share of openings that lost their stop is at most what any word shows: its capitals inside, for
each sentence it opens (``the``, which opens the most).  EM over the words learns the rest: for each
letter the scan's rate of capitals (from the words taken to be small, each word's own uses left out,
drawn towards the rate of all letters), and the share of words with capitals of their own.  The E
step weighs each word's capitals under both kinds; the M step counts the rates and the share again.
A capital inside a sentence is written small when the word is small and the capital the scan's, with
posterior ``Weights.confidence`` or more.

>>> capitals = Counter({"in": 30, "its": 12, "it": 3, "the": 6, "french": 400, "pact": 25})
>>> smalls = Counter({"in": 1500, "its": 600, "it": 500, "the": 4000, "to": 3000, "that": 1500,
...                   "french": 6, "pact": 450, "policy": 300})
>>> openings = Counter({"the": 400, "it": 150, "in": 60, "french": 20, "pact": 1})
>>> case = ScanCase.learn(capitals, smalls, openings)
>>> round(case.rates["i"], 3), round(case.rates["t"], 4), round(case.lost, 4)
(0.015, 0.0002, 0.0175)
>>> [w for w in sorted(capitals) if case.flipped(w) >= 0.72]
['in', 'its']
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .decision import Decision
from .tokens import in_title, odd_capitals, opens_sentence

ROUNDS = 20  # EM rounds at most
SETTLED = 1e-3  # ... or until no word's posterior moves more than this


@dataclass
class ScanCase:
    rates: dict[str, float] = field(default_factory=dict)  # letter -> the scan's rate of capitals for it
    posteriors: dict[str, float] = field(default_factory=dict)  # word -> probability a capital inside is the scan's
    lost: float = 0.0  # sentences whose full stop the scan lost, for each one it kept
    named: dict[int, float] = field(default_factory=dict)  # band -> share of its words with capitals of their own

    @classmethod
    def learn(cls, capitals: Counter, smalls: Counter, openings: Counter, bands: dict[str, int] | None = None) -> "ScanCase":
        """EM over the words' uses inside sentences (``capitals``, ``smalls``) and at their openings
        (``openings``), each ``Counter`` of word -> uses; ``bands``: word -> how common English finds it
        (:func:`band`), each band with its own share of words with capitals of their own."""
        # a word never capitalised inside a sentence is small, and only tells its letter's rate
        words = sorted(w for w in capitals if len(w) > 1 and w[0].isalpha())
        plain = Counter()
        for w, n in smalls.items():
            if w not in capitals:
                plain[w[:1]] += n
        if not words:
            return cls()
        # the share of openings whose full stop the scan lost is at most what any word shows: its capitals
        # inside for each sentence it opens (``the``: 6 for 400)
        lost = min(((capitals[w] + 1) / openings[w] for w in words if openings[w]), default=0.0)
        band_of = {w: (bands or {}).get(w, 0) for w in words}
        # each band's share of named words is over all its words, those never capitalised (not named) too
        members = Counter((bands or {}).get(w, 0) for w in set(capitals) | set(smalls) if len(w) > 1 and w[0].isalpha())
        # a word never written small tells nothing of the scan's rates (Kellogg, Krestinsky)
        telling = [w for w in words if smalls[w]]
        small, flip = dict.fromkeys(words, 1.0), dict.fromkeys(words, 1.0)
        named = dict.fromkeys(members, 0.5)
        for _ in range(ROUNDS):
            before = dict(small)
            flips, uses = Counter(), Counter(plain)
            for w in telling:
                flips[w[0]] += small[w] * flip[w] * capitals[w]
                uses[w[0]] += small[w] * (capitals[w] + smalls[w])
            # a letter's rate is drawn around the scan's rate for all letters, worth one capital of it
            pooled = (sum(flips.values()) + 1) / (sum(uses.values()) + 2)
            for w in words:
                c, n, letter = capitals[w], capitals[w] + smalls[w], w[0]
                own_flips, own_uses = (small[w] * flip[w] * c, small[w] * n) if smalls[w] else (0.0, 0.0)
                rate = (flips[letter] - own_flips + 1) / (uses[letter] - own_uses + 1 / pooled)  # leave-one-out
                flipped, opening = rate * n, lost * openings[w]  # capitals expected of either
                flip[w] = flipped / (flipped + opening)
                # a named word's capitals at any rate alike: each count of them as likely, 1 / (n + 1)
                small[w] = posterior(log_binomial(c, n, min(0.999, (flipped + opening) / n)),
                                     -math.log(n + 1), 1 - named[band_of[w]])
            shares = Counter()
            for w in words:
                shares[band_of[w]] += 1 - small[w]
            named = {b: min(1 - 1e-6, max(1e-6, shares[b] / members[b])) for b in members}
            if max(abs(small[w] - before[w]) for w in words) < SETTLED:
                break
        rates = {letter: (flips[letter] + 1) / (uses[letter] + 1 / pooled) for letter in uses}
        return cls(rates, {w: small[w] * flip[w] for w in words}, lost, named)

    def flipped(self, word: str) -> float:
        """The probability that a capital the scan gave ``word`` inside a sentence is the scan's: the
        document writes the word small, and the capital is no opening whose full stop the scan lost."""
        return self.posteriors.get(word, 0.0)


def band(frequency: float) -> int:
    """How common English finds a word, in powers of ten: its function words (*of*, *were*) are nobody's
    name, and its rarer nouns often are (*Protocol*, *States*).

    >>> band(0.02), band(3e-5), band(0.0)
    (1, 4, 8)
    """
    return min(8, max(1, math.floor(-math.log10(max(frequency, 1e-8)))))


def posterior(log_yes: float, log_no: float, prior: float) -> float:
    """P(yes) from the log likelihoods of yes and no and the prior of yes.

    >>> round(posterior(math.log(0.2), math.log(0.1), 0.5), 3)
    0.667
    """
    odds = math.log(prior) - math.log(1 - prior) + log_yes - log_no
    return 1 / (1 + math.exp(-odds)) if odds > -700 else 0.0


def log_binomial(k: float, n: float, p: float) -> float:
    return log_choose(n, k) + k * math.log(p) + (n - k) * math.log(1 - p)


def log_choose(n: float, k: float) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def inside(tokens, text: str, known) -> list[int]:
    """The clean words surely inside a sentence and no name's part: right after a ``known`` word of two
    letters or more in small letters (not the scan's junk: ``ak With regard``), and not right before a
    word with a capital (``at The Lodge``, ``the Foreign Affairs``), with only spaces between; and not
    among a title's words (:func:`.tokens.in_title`).

    >>> from pipeline.correction.tokens import words
    >>> text = "it was interested In a pact, and In 1931 the Pact was signed at The Lodge, h Was the Path to Peace"
    >>> tokens = words(text)
    >>> [tokens[k].text for k in inside(tokens, text, {"interested", "the", "at", "h"})]
    ['In', 'Pact']
    """
    return [k for k in range(1, len(tokens)) if is_inside(tokens, text, k, known)]


def is_inside(tokens, text: str, k: int, known) -> bool:
    """Whether token ``k`` is one of :func:`inside`'s."""
    if k == 0:
        return False
    a, b = tokens[k - 1], tokens[k]
    if not (a.checkable and b.checkable and b.clean and len(a.text) > 1 and a.text.isalpha() and a.text.islower()
            and a.low in known and text[a.end:b.start].isspace()):
        return False
    c = tokens[k + 1] if k + 1 < len(tokens) else None
    if c is not None and c.text[:1].isupper() and text[b.end:c.start].isspace():
        return False
    return not in_title(tokens, k)  # a title's words (Community of Fate, the Path to Peace)


def read_scan_capitals(corrector, state, texts: list[str]) -> list[Decision]:
    """Each capital the scan gave a word inside a sentence (:func:`inside`) that the document writes in
    small letters (``that it was interested In a pact``), written small, if sure enough; not a word the
    dictionaries write with a capital, nor one the word engine reads as another word (the reading it
    settles on is cased there): a rare word it keeps as written is cased here (``the great Imperialist powers``)."""
    case, found = state.scan_case, []
    for tokens, at in zip(state.lines, state.inside):
        for k in at:
            tok = tokens[k]
            q = case.flipped(tok.low)
            if tok.text[0].isupper() and read_as_itself(state, tok.low) and written_small(corrector, state, tok.low):
                found.append(Decision(tok.line, tok.start, tok.end, tok.text, tok.low, round(q, 3), "scan-capital",
                                      [(tok.low, round(q, 3)), (tok.text, round(1 - q, 3))],
                                      {"letter rate": round(case.rates.get(tok.low[0], 0.0), 4)}))
    return found


def written_small(corrector, state, word: str) -> bool:
    """Whether a capital the scan gave ``word`` inside a sentence is written small: the document writes
    the word small and the capital is the scan's, sure enough, and no dictionary capitalises it."""
    return state.scan_case.flipped(word) >= corrector.weights.confidence and corrector.lexicon_case(word) is None


def learn_scan_case(state, texts: list[str]) -> ScanCase:
    """The document's :class:`ScanCase`, from its uses inside sentences (``state.inside``, :func:`inside`), each word counted
    as the word engine's likeliest reading if that starts with the scanned letter (``Varlous``: *various*)."""
    capitals, smalls, openings = Counter(), Counter(), Counter()

    def reading(tok):
        options = state.options.get(tok.low)
        word = options[0][0] if options and options[0][1] >= 0.5 else tok.low
        return word if word[:1] == tok.low[:1] and word.isalpha() else None

    for tokens, text, before, at in zip(state.lines, texts, [""] + texts, state.inside):
        for k in at:
            word = reading(tokens[k])
            if word:
                (capitals if tokens[k].text[0].isupper() else smalls)[word] += 1
        for tok in tokens:
            if tok.checkable and tok.clean and tok.text[0].isupper() and opens_sentence(text, tok.start, before):
                word = reading(tok)
                if word:
                    openings[word] += 1
    bands = {w: band(state.lm.frequency(w)) for w in capitals.keys() | smalls.keys()}
    return ScanCase.learn(capitals, smalls, openings, bands)


def read_as_itself(state, word: str) -> bool:
    """Whether the word engine reads ``word`` as written: it weighs no look-alikes for it, or settles on it."""
    options = state.options.get(word)
    return not options or options[0][0] == word


def read_odd_capitals(corrector, state, texts: list[str]) -> list[Decision]:
    """A word with a capital inside where no name puts one (``LitVinov``, ``frOm``), written as the word it
    is, when the dictionaries or English know it well enough to take it as written (not ``vAio``: English's
    rarest words are garbles' look-alikes); a garble among them is the word engine's to read."""
    found = []
    for tokens in state.lines:
        for tok in tokens:
            # one capital inside: a heading mixing its cases (EcoNoMIc) is no word in small letters; a word taken
            # as written (``state.known``) is one the word engine weighs against no look-alikes
            if tok.checkable and tok.text.isalpha() and len(tok.text) > 3 and odd_capitals(tok.text) \
                    and sum(ch.isupper() for ch in tok.text[1:]) == 1 and state.known[tok.low]:
                after = corrector.lexicon_case(tok.low) or tok.text[0] + tok.text[1:].lower()
                found.append(Decision(tok.line, tok.start, tok.end, tok.text, after, 0.95, "odd-capital", [(after, 0.95)]))
    return found
