"""The corrector: a noisy-channel choice among candidates, taught by the document.

For a suspicious word ``w`` each candidate ``c`` scores

    log P(c | previous word) + log P(next word | c) - BETA * channel cost(w -> c)

and keeping ``w`` competes as one more option.  The language side mixes
English (wordfreq, symspellpy's bigrams) with the document's own counts, so a
thesis full of ``pact`` prefers ``pact`` to ``part`` for ``paot``.  The scores
become a confidence by softmax; below ``min_confidence`` the word is left as
it is and reported as doubtful.

The document teaches itself three ways: clean words it uses often that no
cheap confusion explains (``Dovgalevsky``, ``Berthelot``) are trusted
vocabulary; the confusions of confident corrections get cheaper
(:class:`Channel`) before the final pass; and a garble it reads one way again
and again is read that way where the context leaves a copy in doubt
(:meth:`Corrector.read_as_elsewhere`).

A text with few suspect words (under 5%: a clean essay, not a scan) is the
writer's own: there only junk-laden words and single cheap confusions are
corrected, and no real-word errors.  A run on clean output is therefore never
bolder than the last round of the run that made it.

Real words (``hut``, ``wore``, ``win be``) are weighed against one-confusion
alternatives by their neighbours alone, between single spaces, and must win
by ``REAL_WORD_MARGIN`` nats.

Idempotence (cleaning the clean output changes nothing) rests on three rules:
the document's counts and word pairs vouch only for words known otherwise
(a garble repeated 59 times is still a garble); nothing is trusted for its
count alone when it is lower-case and unknown to English; and a confusion is
learned once per distinct word, not once per garbled copy.  The words stage
then corrects to a fixed point.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import regex

from ..lexicon import Lexicon
from .breaks import hyphen_breaks, letter_pairs, lone_letters, split_words
from .channel import Channel
from .grammar import be_before_participle
from .tokens import Token, odd_capitals, words
from .vocabulary import English, FoldedIndex

BETA = 5.0  # nats of language evidence one unit of channel cost is worth
UNKNOWN = 1e-9  # prior of a word nobody vouches for
SUSPECT = 1e-6  # English words rarer than this are checked, like unknown ones
RARE_BUT_REAL = 1e-7  # longer English words this common are real, however often the document uses them
DOMAIN_FLOOR = 3e-6  # a domain term is at least this common
TRUST_COUNT = 3  # a clean unknown word used this often may be the document's own vocabulary
CHEAP = 0.5
NOISY = 0.05  # share of checkable words that are suspects above which a text is a raw scan
CLEAN_TEXT_COST = 0.45  # in a text that is not, only corrections this cheap (one typical confusion)
TRUST_DISTANCE = 2.0  # a trusted word has no vouched look-alike this close (two plain edits)
SPLIT_COST, JOIN_COST = 0.6, 0.6
REAL_WORD_MARGIN = 6.0
CLAUSE_OPENER = 1e-4  # after a comma, a word this common is as written (assurances, he maintained)
SEEN_PAIR_RATIO = 30  # a real word seen beside its neighbour yields only to one seen there this many times as often
CASE_MISMATCH = 1.0  # nats against a small-letter word for a capitalised garble inside a sentence
NEVER_CAPITAL = 10  # small-letter uses of a word, with no capitalised one, that make a capital garble no use of it
FREQUENT, FAR_LENGTH = 20, 5  # words the document uses this often are candidates two folded edits away
FAR_COST = 2.0  # ... if the scan can have made the garble of them with two plain edits at most
ENGLISH_BONUS = 4.5  # nats a rare but real English word gets for being one
LOWER_ENGLISH_BONUS = 9.0  # more for a long lower-case one that English really uses:
DIGIT_KEEP = 4.0  # nats against keeping a word with a digit inside (anc4ogous): no word is written so
DIGIT_REACH = 1.5  # ... so its candidates must be this near (one plain edit and one confusion)
# a capital the scan put on a common word inside a sentence (step Which could): words this common
# the document writes between small words in small letters this often, and this many times as often
SMALL_WORD, SMALL_USES, SMALL_SHARE = 1e-3, 20, 10
# ... but a capital the scan makes of a small letter (a dotless i read as I: the more Important effect) needs
# only a word English knows that the document writes in small letters a few times
CAPITAL_FOR_SMALL, LOOKALIKE_WORD, LOOKALIKE_USES = "I", 1e-6, 5
LIKELY_PAIR = 2.0  # ... and English writes it after the word before more often than this times its own frequency
COMBINING_SHARE = 5  # ... written in compounds five times as often as alone
WORD_END = ("", " ", ",", ".", ";", ":", "\n")  # what may follow a word standing alone
COMBINING_USES = 10  # compounds that make a word a combining form, and lone uses that make its look-alike common
# an abbreviation the scan garbled (UBSR, HKD) is rare beside the one the document keeps using (USSR, NKD):
ABBREVIATION_SIZE = (3, 6)
ABBREVIATION_CONFUSION, ABBREVIATION_RATIO = 0.6, 10  # one or two cheap confusions, ten times rarer
ABBREVIATION_EDIT, ABBREVIATION_EDIT_RATIO = 1.3, 50  # one plain edit and a typical confusion (UBSE), fifty times rarer
GUESS_LENGTH, GUESS_COST = 8, 1.0  # a reading this short, this far from its garble, needs the document's use of it
MISSPELLED_LENGTH, MISSPELLED_RATIO = 6, 100  # a rare long word a doubling from one this many times commoner
LONG_WORD, USED = 6, 5e-8   # wordfreq also knows scan garbles such as suoh and oould, but only barely
SENTENCE_END = set('.!?:;"')
PREFIXES = ("un", "re", "non", "dis", "mis", "pre", "over", "under", "anti", "counter", "inter", "semi")
FOOTNOTE_MARK = regex.compile(r"\[\^[^\]\s]+\]")
ENGLISH_NEAR: dict[tuple, list[tuple[str, int]]] = {}  # (index, probe, distance) -> English look-alikes, for all runs


@dataclass
class Decision:
    """What the corrector decided about one word (or a pair it joins)."""

    line: int
    start: int
    end: int
    before: str
    after: str
    confidence: float
    rule: str
    candidates: list[tuple[str, float]] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)  # what else the rule went by, for the log (read_as_elsewhere)

    @property
    def changes(self) -> bool:
        return self.after != self.before


@dataclass
class Plan:
    corrections: list[Decision]
    doubtful: list[Decision]
    learned: list[dict]
    trusted: list[str]
    noisy: bool = True  # whether the texts read as a raw scan (see Corrector.sure_enough)


class DocumentStats:
    """Counts of the document's own words and word pairs, and how it capitalises them.

    Rounds of correction change a few texts of the same document, so the
    counts are brought up to date text by text (:meth:`update`) rather than
    made again from some 100,000 words each round.
    """

    FIELDS = ("count", "lower", "capital", "pairs", "capital_pairs", "checkable", "upper")

    def __init__(self, lines: list[list[Token]] | None = None):
        self.counted: dict[int, list[Token]] = {}  # text number -> the tokens its counts come from
        self.reset()
        if lines is not None:
            self.update(lines)

    def reset(self) -> None:
        for name in self.FIELDS:
            setattr(self, name, Counter())
        self.counted = {}

    def update(self, lines: list[list[Token]]) -> None:
        """Count these texts, redoing only those that changed since the last update."""
        changed = [i for i, tokens in enumerate(lines) if self.counted.get(i) is not tokens]
        gone = [i for i in self.counted if i >= len(lines)]
        if 2 * (len(changed) + len(gone)) > len(lines):  # another document, or most of it new: start afresh
            self.reset()
            changed, gone = range(len(lines)), []
        for i in [*changed, *gone]:
            if i in self.counted:
                for name, keys in contribution(self.counted.pop(i)).items():
                    getattr(self, name).subtract(keys)
        for i in changed:
            for name, keys in contribution(lines[i]).items():
                getattr(self, name).update(keys)  # counts in C
            self.counted[i] = lines[i]
        self.total = max(1, sum(self.count.values()))

    def proper(self, low: str) -> bool:
        """Written with a capital inside sentences and almost never without (``Union``)."""
        return self.capital[low] >= 3 and self.lower[low] * 10 <= self.capital[low]


def contribution(tokens: list[Token]) -> dict[str, list[str]]:
    """What one text adds to each count of :class:`DocumentStats`."""
    clean = [t for t in tokens if t.clean]
    return {
        "count": [t.low for t in clean],
        "lower": [t.low for t in clean if not t.text[0].isupper()],
        # capitals at the start of a text may start a sentence: only those inside count
        "capital": [t.low for t in tokens[1:] if t.clean and t.text[0].isupper()],
        "pairs": [f"{a.low} {b.low}" for a, b in zip(tokens, tokens[1:])],
        # pairs written with two capitals after a small word (the United States, the Foreign Office): a
        # phrase the document capitalises; after a capital it may be a title's (Alliance Against Hitler)
        "capital_pairs": [f"{a.low} {b.low}" for before, a, b in zip(tokens, tokens[1:], tokens[2:])
                          if a.clean and b.clean and before.text.islower() and a.text[0].isupper()
                          and b.text[0].isupper()],
        "checkable": [t.text for t in tokens if t.checkable],
        "upper": [t.text for t in tokens if ABBREVIATION_SIZE[0] <= len(t.text) <= ABBREVIATION_SIZE[1]
                  and t.text.isupper() and t.text.isalpha()],
    }


class Corrector:
    """Corrects the words of a batch of texts (a document's blocks) together.

    >>> c = Corrector(Lexicon.load("dictionaries"))
    >>> texts = ["the Soviet Union signed the pact"] * 5 + ["the Soviet tkiion signed whioh paot"]
    >>> [(d.before, d.after) for d in c.plan(texts).corrections]
    [('tkiion', 'Union'), ('whioh', 'which'), ('paot', 'pact')]
    """

    def __init__(self, lexicon: Lexicon, english: English | None = None, min_confidence: float = 0.7):
        self.lexicon = lexicon
        self.english = english or English.load()
        self.min_confidence = min_confidence
        self._frequency: dict[str, float] = {}
        self._known_near: dict[str, dict[str, float]] = {}
        self._suspicious: dict[str, bool] = {}
        self._probes: dict[str, dict[str, float]] = {}
        self._alternatives: dict[tuple[str, str], list[str]] = {}
        self._spelled: dict[str, tuple[str, ...]] = {}
        self._tokens: dict[tuple[str, int], list[Token]] = {}
        self._sites: dict[tuple, tuple[list[Token], list]] = {}  # (finder, id of tokens) -> (tokens, sites)
        self._stats = DocumentStats()  # kept from round to round: only changed texts are counted again
        self.prefetch = None  # a search of the next document's words begun elsewhere (see prefetch.py)
        # the document's trusted and common words, remade each round (see read_alone)
        self.local, self.frequent = FoldedIndex(remember=True), FoldedIndex(remember=True)
        self.domain = FoldedIndex()
        self.cased: dict[str, str] = {}
        for term in lexicon.cased:
            if term.replace("'", "").isalpha():
                self.domain.add(term.lower())
                if term != term.lower():
                    self.cased.setdefault(term.lower(), term)

    # -- language side -------------------------------------------------------
    def english_frequency(self, low: str) -> float:
        freq = self._frequency.get(low)
        if freq is None:
            freq = self._frequency[low] = self.lexicon.frequency(low)
        return freq

    def vouched(self, low: str) -> bool:
        """Known well enough that the document's own use of it counts as evidence (``pacts``)."""
        found = self._vouched.get(low)
        if found is None:
            freq = self.english_frequency(low)
            found = self._vouched[low] = low in self.lexicon.terms or low in self.trusted or freq >= SUSPECT or \
                freq >= RARE_BUT_REAL and len(low) >= 5  # short rare "words" are often garbles (aro, oan)
        return found

    def trust(self, low: str) -> None:
        """Take a word as the document's own vocabulary; what was known of it changes."""
        self.trusted.add(low)
        self.local.add(low)  # a rarer look-alike of it will not be trusted
        self._vouched.pop(low, None)
        self._prior.pop(low, None)

    def prior(self, low: str) -> float:
        """P(word), from English and the document; kept for the round (the counts do not change in it)."""
        if " " in low:
            a, b = low.split(" ", 1)
            return self.prior(a) * self.follows(a, b)
        found = self._prior.get(low)
        if found is None:
            found = self._prior[low] = self._word_prior(low)
        return found

    def _word_prior(self, low: str) -> float:
        en = self.english_frequency(low)
        doc = self.document_count(low) / self.stats.total if self.vouched(low) else 0.0
        p = 0.5 * en + 0.5 * doc
        if low in self.lexicon.terms:
            p = max(p, DOMAIN_FLOOR)
        return max(p, UNKNOWN)

    def document_count(self, low: str) -> float:
        """Uses of the word in the document, and half those of its singular if it uses the plural
        too: a thesis full of ``Nazi`` makes ``Nazis`` likelier than ``basis`` for ``Nasis``
        (but a thesis full of ``France`` that never writes ``Frances`` does not help it)."""
        count = self.stats.count[low]
        if count and len(low) > 3 and low.endswith("s") and self.vouched(low[:-1]):
            count += self.stats.count[low[:-1]] / 2
        return count

    def follows(self, prev: str | None, low: str, doubted: str | None = None) -> float:
        """P(low | prev): seen pairs in English and in the document, backed off to the prior.

        The document's pairs of a ``doubted`` word do not count: where the scan
        makes ``must he`` of ``must be`` again and again, they are its garbles.
        """
        if prev is None:
            return self.prior(low)
        key = f"{prev} {low}"
        en = self.english.bigrams.get(key, 0) / self.english.unigrams.get(prev, 0) if key in self.english.bigrams and self.english.unigrams.get(prev) else 0.0
        doc = self.stats.pairs[key] / self.stats.count[prev] if self.vouched(low) and self.vouched(prev) \
            and self.stats.count[prev] and self.stats.pairs[key] > 1 and doubted not in (prev, low) \
            else 0.0  # garbled pairs vouch for nothing
        return 0.6 * min(1.0, 0.5 * en + 0.5 * doc) + 0.4 * self.prior(low)

    def seen_pair(self, prev: str, low: str) -> bool:
        key = f"{prev} {low}"
        # (get: a Counter's look-up of a missing pair, the common case, calls Python code)
        return key in self.english.bigrams or self.stats.pairs.get(key, 0) > 1 and self.vouched(prev) and self.vouched(low)

    # -- candidates ----------------------------------------------------------
    def candidates(self, word: str) -> list[str]:
        """Vouched words a cheap path of confusions or a few edits away."""
        if word not in self._candidates:
            self._candidates[word] = self._find_candidates(word)
        return self._candidates[word]

    def probes(self, word: str) -> dict[str, float]:
        """The word and its rewrites by one multi-letter or capital confusion, with their base cost.

        Small lower-case keys match capitals too (Vdiat). Every round looks for the same words
        again: the probes (base costs only) are kept.
        """
        probes = self._probes.get(word)
        if probes is None:
            probes = self._probes[word] = {word: 0.0}
            low = word.lower()
            for wrong, options in self.channel.probe_confusions:
                if wrong in word:
                    for right, cost in options:
                        probes.setdefault(word.replace(wrong, right, 1), cost)
                elif len(wrong) > 1 and wrong.islower() and wrong in low:
                    for right, cost in options:
                        probes.setdefault(low.replace(wrong, right, 1), cost)
        return probes

    def known_near(self, word: str) -> dict[str, float]:
        """English and domain look-alikes with their folded distance; they never change, so kept."""
        found = self._known_near.get(word)
        if found is None:
            found = self._known_near[word] = self.near(word, lambda probe, d: [
                *self.english_near(probe, 1 if len(word) <= 5 or d < 2 else 2), *self.domain.near_distances(probe, d)])
        return found

    def look_ahead(self, word: str, nearest: int = 5) -> None:
        """The part of a suspect's candidate search that needs no document: its look-alikes and its
        alignments with the nearest (those the ranking is likeliest to keep).  Only fills memos.

        >>> from pipeline.correction.channel import ALIGNMENTS
        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> c.channel = Channel()
        >>> c.look_ahead("whioh")
        >>> c._known_near["whioh"]["which"], ALIGNMENTS[("whioh", "which")]
        (0.0, (('o', 'c'),))
        """
        near = self.known_near(word)
        for c in sorted(near, key=lambda c: (near[c], -self.english_frequency(c), c))[:nearest]:
            self.channel.align(word, c)

    def near(self, word: str, look) -> dict[str, float]:
        """Look-alikes of the word and of its probes; ``look(probe, distance)`` gives (word, folded distance)."""
        found: dict[str, float] = {}
        for probe, extra in self.probes(word).items():
            for c, d in look(probe, 2 - bool(extra)):
                d += extra
                if d < found.get(c, 9):
                    found[c] = d
        return found

    def _find_candidates(self, word: str) -> list[str]:
        found = dict(self.known_near(word))
        if self.local.words:
            for c, d in self.near(word, self.local.near_distances).items():
                if d < found.get(c, 9):
                    found[c] = d
        for c, d in list(found.items()):  # usefull, a misspelling wordfreq knows, stands for useful
            for right in self.spelled_right(c):
                found.setdefault(right, d + 1)
        ranked = self.ranked(found)
        if self.look_far(word, ranked[:5]):  # Genmny: two edits from Germany, which the document uses 400 times
            far = {c: d for c, d in self.near(word, lambda probe, d: self.frequent.near_distances(probe, 2)).items()
                   if c not in found and self.cost(word, c) <= FAR_COST}
            if far:
                found.update(far)
                ranked = self.ranked(found)
        # a lone letter left of a longer garble is too little to read it by (pVF -> w, sô -> s)
        nearest = min((found[c] for c in ranked), default=0.0)
        out = [c for c in ranked[:5] if found[c] <= nearest + 1 and (len(c) > 1 or len(word) == 1)]
        if any(ch.isdigit() for ch in word):  # a digit makes keeping it unlikely: take only near candidates
            out = [c for c in out if self.cost(word, c) <= DIGIT_REACH]
        if word.isalpha() and len(word) >= 4:  # glued words: "ona" -> "on a"
            for i in range(1, len(word)):
                a, b = word[:i].lower(), word[i:].lower()
                if (len(a) > 1 or a in "ai") and (len(b) > 1 or b in "ai") and \
                        self.english_frequency(a) >= 1e-5 and self.english_frequency(b) >= 1e-5 and self.seen_pair(a, b):
                    out.append(f"{a} {b}")
        return out

    def ranked(self, found: dict[str, float]) -> list[str]:
        """Vouched look-alikes, likeliest first: by the score their distance and prior promise, so a
        common word a confusion further (``the`` for ``tlxe``) is not crowded out by five rare ones."""
        return sorted((c for c in found if self.vouched(c)),
                      key=lambda c: (BETA * found[c] - math.log(self.prior(c)), c))

    def spelled_right(self, low: str) -> tuple[str, ...]:
        """A word English hardly writes that is a common word with one letter doubled or undoubled
        (a misspelling wordfreq knows): the common word, which the garble may stand for as well.

        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> c.spelled_right("usefull"), c.spelled_right("useful"), c.spelled_right("initialled")
        (('useful',), (), ())
        """
        # asked of every look-alike of every suspect, round after round, and English never changes;
        # kept as tuples, which the garbage collector soon stops looking at (lists it scans every time)
        found = self._spelled.get(low)
        if found is None:
            found = self._spelled[low] = self._spelled_right(low)
        return found

    def _spelled_right(self, low: str) -> tuple[str, ...]:
        freq = self.english_frequency(low)
        if not 0 < freq < SUSPECT or len(low) < MISSPELLED_LENGTH:
            return ()
        out = set()
        for i in range(1, len(low)):
            if low[i] == low[i - 1]:
                out.add(low[:i] + low[i + 1:])
            else:
                out.add(low[:i] + low[i - 1] + low[i:])
        return tuple(sorted(w for w in out if self.english_frequency(w) >= MISSPELLED_RATIO * freq and w != low))

    def look_far(self, word: str, nearest: list[str]) -> bool:
        """Only for a long garble no English knows, with no cheap candidate among the nearest."""
        if len(word) < FAR_LENGTH or not self.frequent.words or self.english_frequency(word.lower()) > 0 \
                or word.lower() in self.lexicon.terms:
            return False
        return all(self.cost(word, c) >= 1.0 for c in nearest)

    def english_near(self, probe: str, distance: int) -> list[tuple[str, int]]:
        """English look-alikes of a probe, with their folded distance; the English index never changes, so they are kept."""
        key = (id(self.english.index), probe, distance)
        found = ENGLISH_NEAR.get(key)
        if found is None:
            # a look-alike one edit away almost always beats those two away: look further only without one
            found = self.english.index.near_distances(probe, 1)
            if distance > 1 and not found:
                found = self.english.index.near_distances(probe, distance)
            ENGLISH_NEAR[key] = found
        return found

    def keep_bonus(self, word: str) -> float:
        """A real English word, however rare (``pariah``, ``striven``), needs clear evidence to go.

        Long lower-case ones in real use need more: a writer's ``treatises`` is
        far likelier than a scan that garbled ``treaties`` into another word.
        """
        freq = self.english_frequency(word.lower()) if word.isalpha() else 0.0
        if freq <= 0 and any(ch.isdigit() for ch in word):
            return -DIGIT_KEEP
        if freq <= 0:
            return ENGLISH_BONUS if word.islower() and self.derived(word) else 0.0
        if word.islower() and len(word) >= LONG_WORD and freq >= USED:
            return LOWER_ENGLISH_BONUS
        return ENGLISH_BONUS

    def derived(self, low: str) -> bool:
        """An English prefix on a common English word (``unrested``, ``reshuffled``) makes a word.

        >>> c = Corrector(Lexicon())
        >>> c.derived("unrested"), c.derived("unoould"), c.derived("nited")
        (True, False, False)
        """
        return any(low.startswith(p) and len(low) - len(p) >= 4 and self.english_frequency(low[len(p):]) >= 1e-6
                   for p in PREFIXES)

    def cost(self, word: str, candidate: str) -> float:
        if " " in candidate:
            return SPLIT_COST + self.channel.cost(word, candidate.replace(" ", ""))
        return self.channel.cost(word, candidate)

    def context_free(self, word: str) -> list[tuple[str, float]]:
        """Options (keeping the word first) with scores that ignore the neighbours."""
        low = word.lower()
        options = [(low, math.log(self.prior(low)) + self.keep_bonus(word))]
        for c in self.candidates(word):
            if c != low:
                options.append((c, math.log(self.prior(c)) - BETA * self.cost(word, c)))
        return options

    # -- the plan --------------------------------------------------------------
    def plan(self, texts: list[str], noisy: bool | None = None, readings: dict[str, Counter] | None = None) -> Plan:
        """Decide on every word of the texts.

        ``noisy`` says whether they are a raw scan; by default the share of
        suspect words decides.  Rounds that correct their own output pass on
        what the first round found: the text looks cleaner after each round,
        and ``readings`` (see :meth:`read_as_elsewhere`) holds what earlier
        rounds read each garble as.
        """
        lines = [self.tokens(t, i) for i, t in enumerate(texts)]  # the passes zip these with texts
        first, suspects = self.read_alone(lines, noisy)
        self.learn_confusions(first, suspects)

        corrections, doubtful, opening = [], [], set()
        for tokens, text in zip(lines, texts):
            last = len(tokens) - 1
            for k in self.sites(Corrector.words_to_weigh, tokens, text):
                tok = tokens[k]
                if tok.text in first:
                    prev = self.guess(tokens[k - 1], first) if k and self.adjacent(text, tokens[k - 1], tok) else None
                    # a capital after a small word is a name's (the Nasis); after capitals, a title's too
                    after_small = prev is not None and tokens[k - 1].text.islower()
                    nxt = self.guess(tokens[k + 1], first) if k < last and self.adjacent(text, tok, tokens[k + 1]) else None
                    decision = self.decide_in_context(tok, first, prev, nxt, after_small)
                elif 0 < k < last and self.in_phrase(text, tokens, k):  # a real word, judged between single spaces
                    decision = self.real_word(tok, self.guess(tokens[k - 1], first), self.guess(tokens[k + 1], first))
                elif 0 < k < last and self.opens_clause(text, tokens, k) and self.english_frequency(tok.low) < CLAUSE_OPENER:
                    decision = self.real_word(tok, None, self.guess(tokens[k + 1], first))  # by the word after it
                else:
                    decision = None
                if decision is None or not decision.changes:
                    continue
                # a glyph for a text's first letter hides its case: a paragraph opens with a capital (and
                # the layout stage reads one opening with a small letter as the last one's continuation)
                if self.starts_sentence(text, tokens, k) or k == 0 and not tok.text[0].isalpha():
                    opening.add((tok.line, tok.start))
                    decision.after = decision.after[0].upper() + decision.after[1:]  # t&ileas -> Unless
                if decision.confidence >= self.min_confidence and self.sure_enough(decision) and not self.guesswork(decision):
                    corrections.append(decision)
                elif decision.rule == "ocr-word":
                    doubtful.append(decision)
        settled, doubtful = self.read_as_elsewhere(corrections, doubtful, {} if readings is None else readings, opening)
        corrections += settled
        joined = self.joins(lines, texts, first)
        if self.noisy:  # words a scan cut or shrank: satisfact- orlly, ccontin ued, seek m agreement
            joined += hyphen_breaks(self, lines, texts) + split_words(self, lines, texts) + lone_letters(self, lines, texts) + \
                letter_pairs(self, lines, texts)
        spans = {(d.line, d.start) for d in joined} | {(d.line, d.end) for d in joined}
        # a join (Mo scow -> Moscow) wins over a correction of either half
        corrections = [d for d in corrections if (d.line, d.start) not in spans and (d.line, d.end) not in spans]
        corrections += joined
        corrections += self.capitalised_phrases(lines, texts)
        if self.noisy:
            corrections += self.abbreviations(lines, texts)
            corrections += self.combining_forms(lines, texts)
            taken = {(d.line, d.start) for d in corrections}
            corrections += [d for d in self.small_words(lines, texts) + be_before_participle(self, lines, texts)
                            if (d.line, d.start) not in taken]
        corrections.sort(key=lambda d: (d.line, d.start))
        return Plan(corrections, doubtful, self.channel.learned(), sorted(self.trusted), self.noisy)

    def read_as_elsewhere(self, corrections: list[Decision], doubtful: list[Decision], readings: dict[str, Counter],
                          opening: set[tuple[int, int]]) -> tuple[list[Decision], list[Decision]]:
        """A garble the document reads one way again and again is read that way where its neighbours
        leave it in doubt: the scan repeats its garbles, and one word is behind most copies of each.

        The 124 confident readings of ``paot`` as ``pact`` settle ``the paot because``, which English
        alone (``in part because``) would read as ``part``.  ``readings`` counts, per garble, what
        confident corrections made of it (in this round and those before); a doubtful copy takes the
        commonest reading, with confidence ``n / (all + 1)`` if that reaches ``min_confidence`` (at the words
        stage's 0.8, four readings out of four; here 0.7, three out of three).

        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> _ = c.plan(["the pact was signed"])  # the document's counts, which cased_like reads
        >>> d = lambda after, confidence: Decision(0, 0, 4, "paot", after, confidence, "ocr-word", [])
        >>> settled, left = c.read_as_elsewhere([d("pact", 0.99)] * 5, [d("part", 0.7)], {}, set())
        >>> [(s.after, s.rule, s.confidence, s.evidence) for s in settled], left
        ([('pact', 'document-reading', 0.833, {'read_elsewhere': {'pact': 5}})], [])
        >>> c.read_as_elsewhere([d("pact", 0.99)] * 3 + [d("fact", 0.9)], [d("part", 0.7)], {}, set())[0]
        []
        """
        for d in corrections:
            if d.rule == "ocr-word" and d.changes:
                readings.setdefault(d.before, Counter())[d.after.lower()] += 1
        settled, left = [], []
        for d in doubtful:
            found = readings.get(d.before) or Counter({None: 0})
            reading, n = found.most_common(1)[0]
            confidence = round(n / (sum(found.values()) + 1), 3)
            if confidence < self.min_confidence:
                left.append(d)
                continue
            after = self.cased_like(d.before, reading)
            if (d.line, d.start) in opening:
                after = after[0].upper() + after[1:]
            settled.append(Decision(d.line, d.start, d.end, d.before, after, confidence, "document-reading",
                                    d.candidates, {"read_elsewhere": dict(found.most_common(3))}))
        return settled, left

    def words_to_weigh(self, tokens: list[Token], text: str) -> list[int]:
        """Suspects (the words ``first`` reads: it reads every checkable word that is suspicious) and
        clean words one cheap confusion from another word; most words are neither."""
        return [k for k, tok in enumerate(tokens) if tok.checkable and
                (self.suspicious(tok.text) or tok.clean and self.has_alternatives(tok.text))]

    def sites(self, find, tokens: list[Token], text: str) -> list:
        """``find(corrector, tokens, text)``: where in a text a pass has something to look at, found by
        what no round changes (the words, the gaps between them), kept while the text is the same:
        after the first round few texts change."""
        key = (find, id(tokens))
        found = self._sites.get(key)
        if found is None or found[0] is not tokens:
            found = self._sites[key] = (tokens, find(self, tokens, text))
        return found[1]

    def read_alone(self, lines: list[list[Token]], noisy: bool | None = None) -> tuple[dict, Counter]:
        """Start a round on these texts: count them, learn their vocabulary, and read each suspect
        word without its neighbours (options, best first).  Returns those readings and the suspects."""
        self.stats = self._stats
        self.stats.update(lines)
        self.channel = Channel()
        self.trusted: set[str] = set()
        # an index with the same words as last round's is that one: it has found what this round looks for
        last_local, last_frequent = self.local, self.frequent
        self.local = FoldedIndex(remember=True)
        self._candidates: dict[str, list[str]] = {}
        self._prior: dict[str, float] = {}  # these depend on the document's counts: one round only
        self._vouched: dict[str, bool] = {}
        self._decided: dict[tuple, Decision] = {}
        self.frequent = FoldedIndex(remember=True)  # the document's own common words, looked for further afield
        for low, n in self.stats.count.items():
            if n >= FREQUENT and len(low) >= FAR_LENGTH and self.vouched(low):
                self.frequent.add(low)
        if self.frequent.same_words(last_frequent):
            self.frequent = last_frequent
        checkable = self.stats.checkable
        suspects = Counter({w: n for w, n in checkable.items() if n > 0 and self.suspicious(w)})
        # in clean text an unknown word is mostly the writer's own (nited States, Makaim): touch less
        self.noisy = sum(suspects.values()) >= NOISY * sum(checkable.values()) if noisy is None else noisy
        if self.prefetch is not None:  # the search another process began on the raw text: take what it found
            self.prefetch.collect()
            self.prefetch = None
        self.learn_vocabulary(suspects)
        if self.local.same_words(last_local):
            self.local = last_local
        first = {w: sorted(self.context_free(w), key=lambda o: -o[1]) for w in suspects}
        return first, suspects

    @staticmethod
    def opens_clause(text: str, tokens: list[Token], k: int) -> bool:
        """After a comma, a single space before the next word (``terminate the agreement, hut such``):
        a real word there is weighed by the word after it alone."""
        return text[tokens[k - 1].end:tokens[k].start] == ", " and text[tokens[k].end:tokens[k + 1].start] == " "

    @staticmethod
    def in_phrase(text: str, tokens: list[Token], k: int) -> bool:
        """Single spaces either side: a comma or a bracket ends the context a real word is judged by
        (``assurances, he maintained`` is no ``be maintained``)."""
        return text[tokens[k - 1].end:tokens[k].start] == " " == text[tokens[k].end:tokens[k + 1].start]

    @staticmethod
    def starts_sentence(text: str, tokens: list[Token], k: int) -> bool:
        """After a full stop that ends a word longer than an abbreviation (``p.``, ``cf.``, ``Mr.``).

        A footnote mark after the stop changes nothing (``policy.[^106] t&ileas``).

        >>> text = "It failed. t&ileas they agreed, see p. whioh policy.[^106] t&ileas"
        >>> toks = words(text)
        >>> [t.text for k, t in enumerate(toks) if Corrector.starts_sentence(text, toks, k)]
        ['t&ileas', 't&ileas']
        """
        if k == 0:
            return False  # a text may begin mid-sentence (a footnote, a page's first line)
        before = tokens[k - 1]
        gap = FOOTNOTE_MARK.sub("", text[before.end:tokens[k].start])
        return len(before.text) > 3 and gap.rstrip("\"'”’ ") in (".", "!", "?") and gap.endswith(" ")

    def sure_enough(self, d: Decision) -> bool:
        """A raw scan takes any confident correction; clean text only junk-laden words (Manuils&y)
        and the cheapest confusions (whioh, LitVinov).

        What runs on its own output sees clean text, so this only ever holds back.
        """
        return self.noisy or d.rule == "ocr-word" and (
            not d.before.isalpha() or self.cost(d.before, d.after.lower()) <= CLEAN_TEXT_COST)

    def guesswork(self, d: Decision) -> bool:
        """A short word more than one plain edit from its garble of letters, that the document never
        writes: one guess among the many words that near (``Fmnoe`` is no ``Fence``, ``Tteoh`` no ``Tech``).
        A glyph in the garble (``usef\\il``) stands for letters lost, which no edit count measures.

        The candidates are a handful of the look-alikes; the scores weigh only those, so a short far
        reading can look sure and still be one of dozens.  Left as doubtful, the garble shows.

        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> _ = c.plan(["France and the USSR signed the pact"])
        >>> guess = lambda before, after: c.guesswork(Decision(0, 0, 5, before, after, 0.9, "ocr-word"))
        >>> guess("Fmnoe", "Fence"), guess("Fmnoe", "France"), guess("tJSSR", "USSR"), guess("ooficer", "officer")
        (True, False, False, False)
        """
        low = d.after.lower()
        if d.rule != "ocr-word" or not d.before.isalpha() or len(low) >= GUESS_LENGTH or " " in low:
            return False
        # (the counts of words leave out what is written in capitals: USSR)
        written = self.stats.count[low] or self.stats.checkable[d.after] or self.stats.upper[d.after]
        return not written and self.cost(d.before, low) > GUESS_COST

    def tokens(self, text: str, line: int) -> list[Token]:
        """Tokens of a text, kept: rounds of correction see mostly the same texts again."""
        key = (text, line)
        found = self._tokens.get(key)
        if found is None:
            if len(self._tokens) > 20000:
                self._tokens.clear()
                self._sites.clear()
            found = self._tokens[key] = words(text, line)
        return found

    def release_caches(self) -> None:
        """Forget the tokens kept for the texts just corrected, and where the passes look in them;
        changes no output (pure memos)."""
        self._tokens.clear()
        self._sites.clear()

    def suspicious(self, word: str) -> bool:
        found = self._suspicious.get(word)
        if found is None:
            found = self._suspicious[word] = self._is_suspicious(word)
        return found

    def _is_suspicious(self, word: str) -> bool:
        if not word.isalpha():
            return True
        if len(word) < 2:
            return False
        low = word.lower()
        return not self.known(low) or self.miscapitalised(word)

    def known(self, low: str) -> bool:
        return low in self.lexicon.terms or self.english_frequency(low) >= SUSPECT

    def miscapitalised(self, word: str) -> bool:
        """A known word with a capital the scan put inside it (``LitVinov``, ``cOuld``);
        unknown ones (``StudentShare``) may be written so on purpose."""
        return odd_capitals(word) and word not in self.lexicon.cased and self.known(word.lower())

    def learn_vocabulary(self, suspects: Counter) -> None:
        """Clean words the document uses often, with no cheap known look-alike, are its own."""
        # commonest first, in an order that does not depend on the round
        for word, n in sorted(suspects.items(), key=lambda kv: (-kv[1], kv[0])):
            low = word.lower()
            # the document teaches names (written capitalised) and rare words English knows;
            # an unknown lower-case word it repeats is a repeated garble (idiioh, govemmmt)
            teachable = self.stats.proper(low) or self.english_frequency(low) > 0
            if self.stats.count[low] >= TRUST_COUNT and word.isalpha() and teachable:
                near = [c for c in self._find_candidates(word) if " " not in c and c != low and self.cost(word, c) <= TRUST_DISTANCE]
                if not near:
                    self.trust(low)

    def learn_confusions(self, first: dict, suspects: Counter) -> None:
        """Confusions in confident context-free corrections cost less for the final pass."""
        for word, options in first.items():
            best, score = options[0]
            if best != word.lower() and " " not in best and softmax(options)[0] >= 0.95:
                steps = self.channel.align(word, best)[1]
                # once per distinct word: how many garbled copies there are must not decide
                self.channel.seen.update(s for s in steps if self.channel.known(s))
        self.channel.rebuild()

    @staticmethod
    def adjacent(text: str, a: Token, b: Token) -> bool:
        """Neighbours for context: only a space or a hyphen between, no sentence end."""
        if b.start - a.end == 1 and text[a.end] == " ":  # nearly always
            return True
        gap = text[a.end:b.start]
        return len(gap) <= 2 and not (set(gap) & SENTENCE_END)

    def guess(self, tok: Token, first: dict) -> str:
        options = first.get(tok.text)
        return options[0][0].split(" ")[-1] if options else tok.low

    def decide_in_context(self, tok: Token, first: dict, prev: str | None, nxt: str | None,
                          after_small: bool = False) -> Decision:
        """The same garble between the same neighbours (``Soviet Ihiion and``) is decided once a round."""
        key = (tok.text, prev, nxt, after_small)
        found = self._decided.get(key)
        if found is None:
            found = self._decided[key] = self.decide(tok, first[tok.text][:5], prev, nxt, "ocr-word", after_small)
        return Decision(tok.line, tok.start, tok.end, found.before, found.after, found.confidence, found.rule,
                        found.candidates)  # (a copy: a correction at a sentence's start changes its own)

    def decide(self, tok: Token, options: list[tuple[str, float]], prev, nxt, rule: str,
               after_small: bool = False, doubted: str | None = None) -> Decision:
        word = tok.text
        scored = []
        for c, _ in options:
            cost = 0.0 if c == word.lower() else self.cost(word, c)
            head, tail = c.split(" ")[0], c.split(" ")[-1]
            left = self.follows(prev, head, doubted) if prev else self.prior(head)
            right = self.follows(tail, nxt, doubted) / max(self.prior(nxt), UNKNOWN) if nxt else 1.0
            if " " in c:
                left *= self.follows(head, tail)
            if c != word.lower():
                bonus = self.case_evidence(word, c, after_small)
            else:  # a real word weighed against real words needs no bonus for being one: the margin guards it
                bonus = self.keep_bonus(word) if rule == "ocr-word" else 0.0
            scored.append((c, math.log(left) + math.log(right) - BETA * cost + bonus))
        scored.sort(key=lambda o: -o[1])
        confidence = softmax(scored)[0]
        best = scored[0][0]
        # keeping a word still mends capitals the scan put inside it (LitVinov -> Litvinov)
        after = word if best == word.lower() and not self.miscapitalised(word) else self.cased_like(word, best)
        return Decision(tok.line, tok.start, tok.end, word, after, round(confidence, 3), rule,
                        [(c, round(s, 2)) for c, s in scored[:4]])

    def case_evidence(self, word: str, candidate: str, after_small: bool) -> float:
        """A capital after a small word seldom starts a word the document writes in small letters.

        (``the Nasis`` is ``Nazis``, not ``basis``.)  Not at a sentence's start,
        nor after another capital: titles capitalise every word.
        """
        if not after_small or not word[0].isupper() or " " in candidate:
            return 0.0
        small, capital = self.stats.lower[candidate], self.stats.capital[candidate]
        if capital == 0 and small >= NEVER_CAPITAL:  # a word the document never capitalises inside a sentence
            return -3 * CASE_MISMATCH
        return -CASE_MISMATCH if small > 3 * capital + 2 else 0.0

    def real_word(self, tok: Token, prev: str, nxt: str) -> Decision | None:
        """A real word that makes no sense here (``Soviet Onion``, ``win be``) - only on strong evidence.

        A word English writes after its neighbour (``would he``) may still be the scan's
        when the alternative follows it far more often and the margin holds (``would be``).
        """
        low = tok.low
        if len(low) < 2 or not self.cheap_alternatives(tok.text):
            return None
        alternatives = {alt for alt in self.cheap_alternatives(tok.text)
                        if (self.seen_pair(prev, alt) or self.seen_pair(alt, nxt)) and self.outweighs(prev, low, nxt, alt)}
        if not alternatives:
            return None
        # a word in small letters is judged by English alone beside its neighbours: the document's own
        # pairs of it may be the same misreading repeated (must he, wore delayed); a capital's are its own
        decision = self.decide(tok, [(low, 0.0)] + [(a, 0.0) for a in alternatives], prev, nxt, "real-word",
                               doubted=low if tok.text.islower() else None)
        scores = dict(decision.candidates)
        if decision.changes and scores[decision.after.lower()] - scores.get(low, -1e9) >= REAL_WORD_MARGIN:
            return decision
        return None

    def outweighs(self, prev: str, low: str, nxt: str, alt: str) -> bool:
        """Where the word read is seen beside a neighbour, English writes the alternative there
        ``SEEN_PAIR_RATIO`` times as often (``must he`` / ``must be``, not ``on those`` / ``on these``).

        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> c.stats = DocumentStats([])
        >>> c._vouched = {}
        >>> c.outweighs("must", "he", "delegated", "be"), c.outweighs("on", "those", "instructions", "these")
        (True, False)
        """
        bigrams = self.english.bigrams
        for key, key_alt in ((f"{prev} {low}", f"{prev} {alt}"), (f"{low} {nxt}", f"{alt} {nxt}")):
            a, b = key.split(" ")
            if self.seen_pair(a, b) and bigrams.get(key_alt, 0) < SEEN_PAIR_RATIO * bigrams.get(key, 0):
                return False
        return True

    def has_alternatives(self, word: str) -> bool:
        found = self._alternatives.get(word)
        return bool(self.cheap_alternatives(word) if found is None else found)

    def cheap_alternatives(self, word: str) -> list[str]:
        """Common English words one cheap confusion away (``Onion`` -> ``union``)."""
        found = self._alternatives.get(word)
        if found is not None:
            return found
        low, found = word.lower(), set()
        for wrong, at in self.confusions_in(word, low).items():
            # every base confusion is cheap, and learning only lowers costs
            for right, cost in self.channel.base_table[wrong]:
                alt = low[:at] + right + low[at + len(wrong):]
                # not the other spelling of the same word (organisations, organizations)
                if cost <= CHEAP and alt.replace("z", "s") != low.replace("z", "s") and self.english_frequency(alt) >= 1e-5:
                    found.add(alt)
        found = self._alternatives[word] = sorted(found)
        return found

    def confusions_in(self, word: str, low: str) -> dict[str, int]:
        """Where each scanned form of the confusion table first occurs in the word.

        Capital forms (``B`` for ``U``) must match the word as written, lower-case
        ones match either case.  Reading the word's pieces is faster than
        searching it for every form of the table.

        >>> c = Corrector(Lexicon())
        >>> c.channel = Channel()
        >>> sorted(c.confusions_in("Onion", "onion").items())
        [('O', 0), ('i', 2), ('n', 1), ('o', 0)]
        """
        table, found = self.channel.base_table, {}
        for i in range(len(word)):
            for a in range(1, self.channel.longest + 1):
                if i + a > len(word):
                    break
                as_written, lowered = word[i:i + a], low[i:i + a]
                for piece in (as_written, lowered):
                    if piece in table and piece not in found and \
                            (lowered if piece.islower() else as_written) == piece:
                        found[piece] = i
        return found

    def joins(self, lines: list[list[Token]], texts: list[str], first: dict) -> list[Decision]:
        """Words the scan split: ``Mo scow`` -> ``Moscow`` when one half is no word at all."""
        out = []
        for tokens, text in zip(lines, texts):
            for k in self.sites(Corrector.pairs_to_join, tokens, text):
                a, b = tokens[k], tokens[k + 1]
                if a.text in first and first[a.text][0][0] != a.low:
                    continue
                joined = a.low + b.low
                if self.vouched(joined) and self.prior(joined) >= 1e-6 and not self.seen_pair(a.low, b.low):
                    out.append(Decision(a.line, a.start, b.end, text[a.start:b.end], self.cased_like(a.text, joined),
                                        0.9, "join", [(joined, round(math.log(self.prior(joined)), 2))]))
        return out

    def pairs_to_join(self, tokens: list[Token], text: str) -> list[int]:
        """Two clean words a space apart, one of them suspect (most pairs are two words neither of which is);
        not a letter elided before the next word (``Quai d'Orsay``), which is that word's.

        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> text = "the Quai d'Orsay and Mo scow"
        >>> toks = words(text)
        >>> [(toks[k].text, toks[k + 1].text) for k in c.pairs_to_join(toks, text)]
        [('the', 'Quai'), ('Orsay', 'and'), ('Mo', 'scow')]
        """
        return [k for k, (a, b) in enumerate(zip(tokens, tokens[1:]))
                if a.clean and b.clean and a.checkable and b.checkable and
                (self.suspicious(a.text) or self.suspicious(b.text)) and text[a.end:b.start] == " "
                and not (len(b.text) == 1 and text[b.end:b.end + 1] == "'" and text[b.end + 1:b.end + 2].isalpha())]

    def capitalised_phrases(self, lines: list[list[Token]], texts: list[str]) -> list[Decision]:
        """``the united States`` -> ``the United States`` where the document nearly always capitalises the pair."""
        phrases = {key for key, capital in self.stats.capital_pairs.items()
                   if capital >= TRUST_COUNT and capital >= 4 * (self.stats.pairs[key] - capital)}
        firsts = {key.split(" ")[0] for key in phrases}  # few: most pairs need no closer look
        out = []
        for tokens, text in zip(lines, texts):
            for a, b in zip(tokens, tokens[1:]):
                if a.low not in firsts or not (a.clean and b.clean and a.checkable and a.text.islower()
                                               and b.text[0].isupper()) or text[a.end:b.start] != " ":
                    continue
                key = f"{a.low} {b.low}"
                capital = self.stats.capital_pairs[key]
                if key in phrases:
                    out.append(Decision(a.line, a.start, a.end, a.text, a.text.capitalize(), 0.9, "case",
                                        [(f"{a.text.capitalize()} {b.text}", capital)]))
        return out

    def small_words(self, lines: list[list[Token]], texts: list[str]) -> list[Decision]:
        """``allies in Which case``: a common word the scan capitalised inside a sentence, where the
        document writes it between small words in small letters nearly always and English writes it
        after the word before.

        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> texts = ["the pact which was signed in the spring, and its terms"] * 30 + [
        ...     "allies in Which case France would act, and the question In detail, in spite of Its terms"]
        >>> [(d.before, d.after) for d in c.plan(texts, noisy=True).corrections]
        [('Which', 'which'), ('In', 'in'), ('Its', 'its')]
        """
        small, capital = Counter(), Counter()
        between = []  # (word before, word) of capitalised words between two small-letter words
        for tokens, text in zip(lines, texts):
            lows, capitals = self.sites(Corrector.between_small_words, tokens, text)
            small.update(lows)
            capital.update(t.low for _, t in capitals)
            between += capitals
        out = []
        for a, t in between:
            low = t.low
            lookalike = t.text[0] in CAPITAL_FOR_SMALL
            if len(low) < 2 or not t.checkable or t.text in self.lexicon.cased or \
                    self.english_frequency(low) < (LOOKALIKE_WORD if lookalike else SMALL_WORD) or \
                    small[low] < (LOOKALIKE_USES if lookalike else SMALL_USES) or capital[low] * SMALL_SHARE > small[low] or \
                    not self.seen_pair(a.low, low) or self.unlikely_pair(a.low, low):
                continue
            out.append(Decision(t.line, t.start, t.end, t.text, low, 0.9, "case",
                                [(low, small[low]), (t.text, capital[low])]))
        return out

    def between_small_words(self, tokens: list[Token], text: str) -> tuple[list[str], list[tuple[Token, Token]]]:
        """Clean words between two small-letter words, single spaces apart: those in small letters
        (lower case), and the capitalised ones with the word before them."""
        lows, capitals = [], []
        for a, t, b in zip(tokens, tokens[1:], tokens[2:]):
            if a.text.islower() and a.clean and len(a.text) > 1 and b.text[0].islower() and t.clean and \
                    text[a.end:t.start] == " " == text[t.end:b.start]:
                if t.text.islower():
                    lows.append(t.low)
                else:
                    capitals.append((a, t))
        return lows, capitals

    def unlikely_pair(self, prev: str, low: str) -> bool:
        """English writes the pair, but hardly more often than chance would (``the On``, ``the This``):
        a sentence's end the scan ate, not a capital on a word inside one.

        >>> c = Corrector(Lexicon.load("dictionaries"))
        >>> c.unlikely_pair("the", "on"), c.unlikely_pair("debates", "on")
        (True, False)
        """
        key = f"{prev} {low}"
        if key not in self.english.bigrams or not self.english.unigrams.get(prev):
            return False
        follows = self.english.bigrams[key] / self.english.unigrams[prev]
        return follows < LIKELY_PAIR * self.english_frequency(low)

    def combining_forms(self, lines: list[list[Token]], texts: list[str]) -> list[Decision]:
        """``in Franco and``: a capitalised word the document writes nearly always as the first part of a
        compound (Franco-Soviet, Anglo-German) is, standing alone, a cheap confusion of a word the document
        uses alone many times (France)."""
        compound, alone = Counter(), Counter()
        for tokens, text in zip(lines, texts):
            joined, lone, _ = self.sites(Corrector.capitalised_words, tokens, text)
            compound.update(joined)
            alone.update(lone)
        forms = {w for w, n in compound.items() if n >= COMBINING_USES and alone[w] * COMBINING_SHARE <= n}
        out = []
        for tokens, text in zip(lines, texts):
            for t in self.sites(Corrector.capitalised_words, tokens, text)[2]:
                if t.low not in forms:
                    continue
                options = [a for a in self.cheap_alternatives(t.text) if a[0] == t.low[0]
                           and alone[a] >= COMBINING_USES and alone[a] >= 2 * compound[t.low]
                           and self.cost(t.text, a) <= CHEAP]
                if len(options) == 1:
                    out.append(Decision(t.line, t.start, t.end, t.text, self.cased_like(t.text, options[0]), 0.9,
                                        "combining-form", [(options[0], alone[options[0]]), (t.low, alone[t.low])]))
        return out

    def capitalised_words(self, tokens: list[Token], text: str) -> tuple[list[str], list[str], list[Token]]:
        """Clean capitalised words written before a hyphen (their lower case), and elsewhere; and the
        checkable capitalised words that stand alone, which a combining form may be."""
        joined, lone, alone = [], [], []
        for t in tokens:
            after = text[t.end:t.end + 1]
            if t.clean and t.text[0].isupper():
                (joined if after == "-" else lone).append(t.low)
            if t.checkable and t.text[0].isupper() and after in WORD_END:
                alone.append(t)
        return joined, lone, alone

    def abbreviations(self, lines: list[list[Token]], texts: list[str]) -> list[Decision]:
        """``UBSR`` -> ``USSR``: a capitals-only word nobody knows, a confusion or two from one the
        document uses many times more often (``SSSR``, used seven times and a plain edit away, stays)."""
        upper = self.stats.upper
        common = [a for a, n in upper.items() if n >= ABBREVIATION_RATIO]
        most = max((upper[a] for a in common), default=0)
        fixes: dict[str, str | None] = {}
        out = []
        for tokens in lines:
            for tok in tokens:
                word = tok.text
                if word not in upper or upper[word] * ABBREVIATION_RATIO > most:
                    continue
                if word not in fixes:
                    fixes[word] = self.abbreviation_for(word, common)
                if fixes[word]:
                    out.append(Decision(tok.line, tok.start, tok.end, word, fixes[word], 0.9, "abbreviation",
                                        [(fixes[word], upper[fixes[word]]), (word, upper[word])]))
        return out

    def abbreviation_for(self, word: str, common: list[str]) -> str | None:
        low = word.lower()
        if low in self.lexicon.terms or self.english_frequency(low) >= SUSPECT:
            return None
        upper, best = self.stats.upper, None
        for a in common:
            if len(a) != len(word) or a == word:
                continue
            cost = self.channel.align(word, a)[0]
            ratio = upper[a] / upper[word]
            if cost <= ABBREVIATION_CONFUSION and ratio >= ABBREVIATION_RATIO or \
                    cost <= ABBREVIATION_EDIT and ratio >= ABBREVIATION_EDIT_RATIO:
                if best is None or upper[a] > upper[best]:
                    best = a
        return best

    def cased_like(self, original: str, low: str) -> str:
        """The candidate written as the original was: names keep their own capitals."""
        if low in self.cased:
            return self.cased[low]
        if self.stats.proper(low):
            return low.capitalize()
        if next((ch for ch in original if ch.isalpha()), "").isupper():  # a glyph may come first (#Karskhm)
            return low.upper() if original.isupper() and len(original) > 1 and len(low) > 1 else low.capitalize()
        return low


def softmax(options: list[tuple[str, float]]) -> list[float]:
    top = max(s for _, s in options)
    weights = [math.exp(s - top) for _, s in options]
    total = sum(weights)
    return [w / total for w in weights]
