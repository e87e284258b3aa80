"""The corrector: a noisy channel whose scan profile and language model each document teaches.

For a word ``w`` as scanned, every reading ``c`` scores

    log P(c | neighbours) + log P(w | c)

and keeping ``w`` is one more reading, with the prior of a word nobody
vouches for unless English or the dictionaries know it.  ``P(w | c)`` comes
from the document's scan profile (:mod:`.profile`), ``P(c | neighbours)``
from English mixed with the document's own counts (:mod:`.language`).

What the document teaches is found by EM over its examined words (those no
dictionary knows, and rare ones): the E step weighs each word's readings under
the current profile and counts; the M step re-estimates the confusions from
the expected alignments and the counts from the expected readings.  A handful
of rounds settle it.  Then each occurrence is decided in its context; the best
reading replaces the word when its posterior reaches ``Weights.confidence``,
otherwise a suspect word is listed as doubtful.

>>> from pipeline.lexicon import Lexicon
>>> c = Corrector(Lexicon.load("dictionaries"))
>>> texts = ["the Soviet Union signed the pact"] * 5 + ["the Soviet Uhion signed whioh paot"]
>>> [(d.before, d.after) for d in c.plan(texts).corrections]
[('Uhion', 'Union'), ('whioh', 'which'), ('paot', 'pact')]
"""
from __future__ import annotations

import dataclasses
import functools
import heapq
import math
import sys
from operator import itemgetter

import regex
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from ..lexicon import Lexicon, english_frequencies
from .candidates import REWRITES, Prefixes, ReadBack, WideSearch, WordIndex, prefixes, reverse_table, rewrites
from .abbreviations import read_abbreviations
from .decision import FREQUENT, Decision, Plan, normalise
from .grammar import be_before_participle
from .real_words import read_real_words
from .acronyms import read_acronyms
from .scan_case import ScanCase, inside, is_inside, learn_scan_case, read_odd_capitals, read_scan_capitals, written_small
from .stand_ins import read_stand_ins
from .language import SENTENCE, LanguageModel, Weights
from .memo import Lookalikes, WordMemo
from .profile import MAX_PIECE, ScanProfile, blocks, pieces
from rapidfuzz.distance import Levenshtein
from .tokens import (Token, broken_at_stop, broken_word, halves, hyphen_inside, in_capitals, in_title, joined,
                     joined_through, opens_sentence, words)

COMPOUND = regex.compile(r"\p{L}-\p{L}")
PRINTED_COMPOUND = regex.compile(r"(?<![\p{L}-])(\p{L}{2,})-(?=(\p{L}{2,})(?![\p{L}]))")
SUSPENDED = frozenset(("and", "or", "nor", "to"))  # a hyphen before these may be a suspended compound's (short- and long-term)
LATIN = regex.compile(r"^[\p{Latin}\P{L}]+$")
ROUNDS = 4  # EM rounds: the profile and counts move little after three
KEEP_OPTIONS = 6  # readings of a word carried from the EM into the decisions in context
REACHED = 3  # rewrites through the scan's confusions whose own look-alikes are weighed too
NEAR = 25  # plain look-alikes of a word weighed at most
SHORTLIST = 24  # readings of a word the EM weighs, the likeliest under the generic prior (more change little)
WIDE_FROM = 6  # letters from which a word no near reading explains is searched for in all English
MIN_PART = 2  # letters of a compound's part at least (co-sponsor)
JUNCTION = 0.01  # the generic prior's share of hyphens read as a letter that makes the letter a compound's junction
REAL_WORD_CONFUSION = 0.003  # confusions this likely under the generic prior make a known word a suspect (likelier_misread)


@dataclass
class DocumentState:
    """All a document teaches the corrector, made by :meth:`Corrector.learn`."""

    lines: list[list[Token]]
    examined: Counter  # lower-case word -> uses, for words weighed against their look-alikes
    known: Counter  # lower-case word -> uses, for words taken as written
    profile: ScanProfile
    lm: LanguageModel
    options: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # word -> (reading, posterior)
    capitals: Counter = field(default_factory=Counter)  # uses with a capital inside a sentence
    smalls: Counter = field(default_factory=Counter)
    unseen_case: Counter = field(default_factory=Counter)  # uses read from a garble whose first glyph has no case (15 for is)
    # word -> the expected confusions its own readings gave the profile, left out when the word is read:
    # a confusion only the word itself shows is no evidence for reading it so (leave-one-out)
    own: dict[str, Counter] = field(default_factory=dict)
    misread: set = field(default_factory=set)  # examined words read as another word (see :func:`misreadings`)
    # (word, reading) -> (the reading with hyphens, log share) for a reading whose parts a junction letter
    # joins: the scan's letter was a hyphen or a space (see :meth:`Corrector.junction_readings`)
    junctions: dict[tuple[str, str], tuple[str, float]] = field(default_factory=dict)
    scan_case: ScanCase = field(default_factory=ScanCase)  # the capitals the scan gives small letters
    inside: list[list[int]] = field(default_factory=list)  # each text's words surely inside a sentence (:func:`.scan_case.inside`)

    def channel(self, w: str, c: str) -> float:
        """``log P(w | c)``: the profile's, the confusions ``w``'s own readings gave it left out; for a reading
        through a junction letter, the letter as often as the document shows one between two words, shared
        between a hyphen and a space as the document writes them (:meth:`Corrector.junction_readings`)."""
        form, share = self.junctions.get((w, c), (c, 0.0))
        return self.profile.log_likelihood(w, form, self.own.get(w)) + share


class Corrector:
    def __init__(self, lexicon: Lexicon, weights: Weights | None = None, english=None, min_confidence: float | None = None):
        self.lexicon = lexicon
        self.weights = weights or Weights.load()
        if min_confidence is not None:
            self.min_confidence = min_confidence
        self._english = english
        self.index = WordIndex.english()
        self.domain = WordIndex(t for t in lexicon.terms if t.isalpha())
        self.vocabulary = Prefixes(self.index.words, self.domain.words)
        prior = ScanProfile.prior()
        self.prior = dataclasses.replace(prior, plain=prior.plain * self.weights.plain)
        self.real_word_table = reverse_table(self.prior, floor=REAL_WORD_CONFUSION)
        # the confusions likelier than an edit nobody has seen (those the plain look-alikes reach)
        self.search_table = reverse_table(self.prior, floor=self.prior.plain)
        self.junctions = frozenset(s for (t, s) in self.prior.counts
                                   if t == "-" and len(s) == 1 and s.isalpha() and self.prior.probability(t, s) >= JUNCTION)
        self.memo = WordMemo(self.weights)
        # carry what a word alone decides to the next document (record mode: a batch of small files shares
        # its garbles); a single book's is dropped with it, for the memory
        self.carry = False
        self.state: DocumentState | None = None  # the last document's, for the review files

    @property
    def min_confidence(self) -> float:
        return self.weights.confidence

    @min_confidence.setter
    def min_confidence(self, value: float) -> None:
        self.weights = dataclasses.replace(self.weights, confidence=value)

    @functools.cached_property
    def wide_search(self) -> WideSearch:
        """All the commoner English words and the dictionaries' terms, by length (built when first asked)."""
        return WideSearch(self.index.words | self.domain.words, english_frequencies(), self.domain)

    # -- what is known --------------------------------------------------------
    def known(self, low: str, lm: LanguageModel) -> bool:
        return low in self.lexicon.terms or lm.frequency(low) >= self.weights.unknown * 10

    def examine(self, low: str, lm: LanguageModel) -> bool:
        """Weigh the word against its look-alikes: unknown, or a rare English word; in Latin letters
        (an English scan's Greek or Cyrillic is the writer's)."""
        if low[:1].isdigit():
            return True  # a number standing among words (see :func:`.tokens.with_numbers`)
        return low not in self.lexicon.terms and lm.frequency(low) < self.weights.examine and LATIN.match(low) is not None

    def likelier_misread(self, low: str, lm: LanguageModel) -> bool:
        """A word English knows that is likelier, by English and the generic prior alone, a misreading of
        another (``m`` for *to*, ``tho`` for *the*): the document's own uses of it vouch for nothing until
        EM has weighed them."""
        if not low.isalpha() or low in self.lexicon.terms:
            return False
        own = lm.frequency(low)
        return any(lm.frequency(c) * math.exp(self.prior.log_likelihood(low, c)) > own
                   for c in self.one_confusion_away(low, self.real_word_table, lm))

    # -- learning ---------------------------------------------------------------
    def learn(self, texts: list[str]) -> DocumentState:
        """Read the document and learn its scan profile and counts by EM."""
        if self.memo.weights != self.weights:  # what the memo holds was worked out with the old ones
            self.memo = WordMemo(self.weights)
        memo = self.memo
        lm = LanguageModel(self.lexicon, self.weights, self._english, memo.frequency)
        # a later round changed a few texts: the others' words are as they were
        tokens = {(t, i): memo.tokens.get((t, i)) or self.rejoined(words(t, i), t, lm) for i, t in enumerate(texts)}
        memo.tokens = tokens
        lines = list(tokens.values())
        written, capitals, smalls = Counter(), Counter(), Counter()
        keys = list(zip(texts, [""] + texts))  # a text's counts depend on it and the text before it
        read = [memo.lines.get(key) or line_words(tokens, *key) for tokens, key in zip(lines, keys)]
        memo.lines = dict(zip(keys, read))
        for line in read:  # in the text's order, as the counters' orders matter downstream
            written.update(line.words)
            capitals.update(line.capitals)
            smalls.update(line.smalls)
        examined = Counter({w: n for w, n in written.items() if self.suspect(w, lm)})
        # taken as written: what English or the dictionaries know, unless it is weighed against its look-alikes
        known = Counter({w: n for w, n in written.items() if self.known(w, lm) and w not in examined})
        lm.count_known(known)
        lm.spelling.learn(known)
        for line in read:
            lm.pairs.update(pair for pair in line.pairs if (pair[0] in known or pair[0] == SENTENCE) and pair[1] in known)
            lm.openings += sum(first == SENTENCE for first, _ in line.pairs)
        state = DocumentState(lines, examined, known, self.prior, lm, capitals=capitals, smalls=smalls)
        self.em(state, texts)
        # a word the scan always garbles is written in small letters as often as its garbles are (1n for in);
        # not so its capitals, which may be the garble's (Hlth for with), nor where the scan made its first
        # letter glyphs of another letter, whose case tells nothing of the word's (bhion for Union)
        for w, options in state.options.items():
            best, q = options[0]
            if best == w or q < 0.5:
                continue
            if same_glyphs(blocks(best, w)[0]):
                smalls[best] += smalls[w]
            if not w[0].isalpha():
                state.unseen_case[best] += written[w]
        state.inside = [inside(tokens, text, state.known) for tokens, text in zip(lines, texts)]
        state.scan_case = learn_scan_case(state, texts)
        return state

    def rejoined(self, tokens: list[Token], text: str, lm: LanguageModel) -> list[Token]:
        """The tokens, a word broken by a hyphen and a space inside a line read whole (``pro- ceodings``,
        ``jmter- ested``): its halves are no words of their own, and read alone a half becomes a word
        it never was (``ceodings`` -> *ceilings*); and one whose letter the scan read as a hyphen, where a
        word has a letter there (``prop-sed``, ``regulat-ry``).  Two halves taken as written stay two words: a
        compound spaced so (``Police- court``)."""
        out: list[Token] = []
        for tok in tokens:
            last = out[-1] if out else None
            halves_odd = last is not None and (self.examine(last.low, lm) or self.examine(tok.low, lm))
            if halves_odd and broken_word(text, last, tok):
                out[-1] = joined(last, tok)
            elif halves_odd and broken_at_stop(text, last, tok) and self.known(last.low + tok.low, lm) \
                    and not self.examine(last.low + tok.low, lm):
                out[-1] = joined(last, tok)
            elif last is not None and (halves_odd or len(tok.text) == 1) and hyphen_inside(text, last, tok) \
                    and self.letter_between(last.low, tok.low, lm):  # a letter alone is no word's end (conceal-d)
                out[-1] = joined_through(last, tok, text)
            else:
                out.append(tok)
        if len(out) < len(tokens):
            for i, tok in enumerate(out):
                tok.index = i
        return out

    def letter_between(self, first: str, second: str, lm: LanguageModel) -> bool:
        """Whether a word English knows has a letter between ``first`` and ``second`` (``prop``, ``sed``:
        *proposed*): then a hyphen the scan put there may be that letter."""
        whole = first + second
        return any(len(c) == len(whole) + 1 and c.startswith(first) and c.endswith(second) and self.known(c, lm)
                   for c in self.index.near(whole, 1))

    def suspect(self, low: str, lm: LanguageModel) -> bool:
        """Whether the word is weighed against its look-alikes: English and the dictionaries say, once."""
        found = self.memo.suspect.get(low)
        if found is None:
            found = self.memo.suspect[low] = self.examine(low, lm) or self.likelier_misread(low, lm)
        return found

    def em(self, state: DocumentState, texts: list[str]) -> None:
        """Re-estimate the profile and the counts from the readings they make likely, a few rounds."""
        found = self.find_candidates(state, texts)
        # before anything is read, the document is taken to be as noisy as its share of examined words
        # says (one garbled letter in each), and EM goes on from there
        typed = known_only = Typed(state.known, {})
        letters = typed.letters + sum(len(w) * n for w, n in state.examined.items())
        first_rate = sum(state.examined.values()) / letters
        state.profile = self.prior.adapted(Counter(), typed, letters, self.weights.strength, first_rate)
        first: dict[str, dict[str, float]] = {}  # the shortlist's scores
        for w, candidates in found.items():
            scored = self.scores(w, candidates, state)
            if len(w) >= WIDE_FROM and max(scored, key=itemgetter(1))[0] == w and not self.known(w, state.lm):
                # a word of no English that nothing near explains
                wide = [c for c in self.memo.wide(w, self.wide_search) if c not in candidates and c != w]
                scored += self.scores(w, wide, state)[1:]
            shortlist = likeliest(w, scored, SHORTLIST)
            found[w] = [c for c, _ in shortlist if c != w]
            first[w] = dict(shortlist)
        for step in range(ROUNDS):
            expected: Counter = Counter()
            readings, own = {}, {}
            misread = state.misread = misreadings(state)
            for w, n in state.examined.items():
                if step == 0:  # the profile and counts that shortlisted the readings: their scores stand
                    scored = [(c, first[w][c]) for c in [w, *found[w]]]
                else:
                    scored = self.scores(w, [c for c in found[w] if c not in misread], state)
                posterior = normalise(likeliest(w, scored, KEEP_OPTIONS))
                state.options[w] = posterior
                readings[w] = (n, dict(posterior))
                own[w] = Counter()
                for c, q in posterior:
                    if c != w and q > 1e-4:
                        for piece in pieces(state.junctions.get((w, c), (c,))[0], w):
                            own[w][piece] += n * q
                expected.update(own[w])
            typed = Typed(state.known, readings, base=known_only)
            state.profile = self.prior.adapted(expected, typed, typed.letters, self.weights.strength)
            state.own = own
            state.lm.recount(state.known, readings)
        state.misread = misreadings(state)

    def find_candidates(self, state: DocumentState, texts: list[str]) -> dict[str, list[str]]:
        """Readings worth weighing for each examined word: what the scan's confusions rewrite it to,
        and its nearest look-alikes in English, the dictionaries and the document (see :mod:`.candidates`)."""
        # words of its own the document may be read as: known ones English lacks, and names it writes
        # often with a capital inside sentences (a garble of a common word is in small letters)
        local = WordIndex(w for w, n in state.known.items() if w not in self.index)
        for w, n in state.examined.items():
            if state.capitals[w] >= FREQUENT and state.smalls[w] == 0 and w.isalpha():
                local.add(w)
        frequent = [w for w, n in state.known.items() if n >= FREQUENT and len(w) >= 4] + \
            sorted(w for w in local.words if w not in state.known)
        lm = state.lm
        own = prefixes(local.words)
        far_reach = self.memo.far_reach
        far_reach.start(frequent)
        out = {}
        for w in state.examined:
            fixed = self.lookalikes(w, lm)
            read = self.memo.read_backs.get(w)
            if read is None or not read.holds_for(own):  # the document's own words would steer the search elsewhere
                read = self.memo.read_backs[w] = ReadBack(w, self.search_table, self.vocabulary, own)
            found = set(read.words(self.vocabulary, local.words))
            for r, known, near in fixed.rewritten:
                if known or r in local:
                    found.add(r)
                else:
                    found.update(near)
            if len(w) >= 4:
                found.update(far_reach(w))
            ranked = self.nearest(w, fixed, local.near(w, 2), found, lm)
            found.discard(w)
            out[w] = [c for c in sorted(found) + ranked if c.isalpha()] + fixed.splits + [c for c, _ in fixed.compounds]
        state.junctions = self.junction_readings(state, texts)
        for (w, c) in state.junctions:
            if c not in out[w]:
                out[w].append(c)
        return out

    def junction_readings(self, state: DocumentState, texts: list[str]) -> dict[tuple[str, str], tuple[str, float]]:
        """A compound read through a junction letter (``costieffectlve``) may have had a hyphen or a space
        there (``theiowners``: *the owners*).  Which, the document says: a pair it writes with a hyphen or
        apart, as often as it does; a pair it never writes, as often as the scan's compounds come out with
        a junction letter rather than a printed hyphen (a Tesseract typescript's nearly always; a newspaper
        printing its hyphens, seldom: there the letter was a space)."""
        lm = state.lm
        printed = Counter()
        for text in texts:
            for m in PRINTED_COMPOUND.finditer(text):
                a, b = m[1].lower(), m[2].lower()
                if self.read_part(a, lm) == [a] and self.read_part(b, lm) == [b]:  # no garble (stat-ments)
                    printed[a, b] += 1
        compounds = {w: self.memo.lookalikes[w].compounds for w in state.examined}
        read = sum(state.examined[w] for w, found in compounds.items() if found)
        # the share counts the words the scan plainly wrote so: two words as they are, a junction letter between
        # (theiowners); a word only a read-back makes a compound of is no evidence of how the scan writes them
        plain = sum(state.examined[w] for w, found in compounds.items() if any(plainly(w, c, ls) for c, ls in found))
        share = (plain + 1) / (plain + sum(printed.values()) + 2)
        # how often a junction letter stands between two words of the document, in either form
        rate = math.log((read + 1) / (sum(state.known.values()) + sum(state.examined.values()) + 1))
        out = {}
        for w, found in compounds.items():
            for c, letters in found:
                parts = c.split("-")
                hyphen = apart = 0.0
                for a, b, letter in zip(parts, parts[1:], letters):
                    q = (printed[a, b] + share) / (printed[a, b] + lm.pairs[a, b] + 1)
                    # the document's rate in place of the hyphen's piece (taken at the prior's value: the
                    # profile changes in each EM step, and these are worked out once)
                    junction = rate - math.log(self.prior.probability("-", letter))
                    hyphen, apart = hyphen + junction + math.log(q), apart + junction + math.log1p(-q)
                out[w, c] = (c, hyphen)
                out[w, " ".join(parts)] = (c, apart)
        return out

    def lookalikes(self, w: str, lm: LanguageModel) -> Lookalikes:
        """What English, the dictionaries and the prior's confusions offer for ``w``, found once."""
        fixed = self.memo.lookalikes.get(w)
        if fixed is None:
            near = {**dict(self.index.distances(w, 2)), **dict(self.domain.distances(w, 2))}
            by_distance = [tuple(sys.intern(c) for c, d in near.items() if d == edits) for edits in (1, 2)]  # 0: w itself
            rewritten = []
            for i, (r, _) in enumerate(rewrites(w, self.search_table)[1:REWRITES]):
                known = r in self.index or r in self.domain
                rewritten.append((r, known, self.index.near(r, 1) if not known and i < REACHED else []))
            fixed = self.memo.lookalikes[w] = Lookalikes(by_distance, rewritten, self.splits(w, lm), self.compounds(w, lm))
        return fixed

    def nearest(self, w: str, fixed: Lookalikes, local_near: list[str], found: set[str], lm: LanguageModel) -> list[str]:
        """The ``NEAR`` plain look-alikes of ``w`` not found otherwise: nearest first, commonest first among
        equals (a short word has hundreds).  For a word the document does not count that order is
        English's alone, the same in every round (:meth:`.Lookalikes.ranked`): only the first ``NEAR`` of
        those are weighed here with the words the document counts, and its own."""
        key = lambda c: (Levenshtein.distance(w, c), -lm.unigram(c), c)
        counted = lm.counts
        others = {c for group in fixed.near for c in counted.keys() & group if c not in found}
        others.update(c for c in local_near if c not in found)
        others.discard(w)
        plain = []
        for c in fixed.ranked(lm.english_unigram, self.memo.rarity):
            if c in found or c == w or c in counted:
                continue
            plain.append(c)
            if len(plain) == NEAR:
                break
        return heapq.nsmallest(NEAR, set(plain) | others, key=key)

    def splits(self, w: str, lm: LanguageModel) -> list[str]:
        """Two common words the scan ran together (``wasthat`` -> ``was that``): each part a word
        English knows well enough not to be examined itself.  A word English knows is no two words
        (``creditor`` is not *credit or*)."""
        if not w.isalpha() or self.known(w, lm):
            return []
        return [f"{w[:i]} {w[i:]}" for i in range(2, len(w) - 1)
                if w[:i] in self.index and w[i:] in self.index and not self.examine(w[:i], lm)
                and not self.examine(w[i:], lm)]

    def compounds(self, w: str, lm: LanguageModel, parts: int = 3) -> list[tuple[str, str]]:
        """Compounds whose hyphen the scan read as a letter it often makes of one (``costieffectlve`` ->
        *cost-effective*, ``rlghtitoiknow`` -> *right-to-know*), each with the letters at its junctions:
        each part a word English knows well enough not to be a suspect itself (``th`` is no part), as
        written or as the prior's likeliest confusions read it back.  Whether a junction letter was a
        hyphen or a space is the document's to say (:meth:`junction_readings`)."""
        if not w.isalpha() or len(w) < 2 * MIN_PART + 1 or self.known(w, lm):
            return []
        out = []
        for i in range(MIN_PART, len(w) - MIN_PART):
            if w[i] not in self.junctions:
                continue
            for first in self.read_part(w[:i], lm):
                rest = [(r, "") for r in self.read_part(w[i + 1:], lm)] or \
                    (self.compounds(w[i + 1:], lm, parts - 1) if parts > 2 else [])
                out.extend((f"{first}-{second}", w[i] + letters) for second, letters in rest)
        return out

    def read_part(self, part: str, lm: LanguageModel) -> list[str]:
        """A compound's part as English knows it: as written, else the prior's likeliest read-back of it
        that is a word (``effectlve`` -> *effective*).  What English alone says, so worked out once a part."""
        found = self.memo.parts.get(part)
        if found is None:
            found = self.memo.parts[part] = self._read_part(part, lm)
        return found

    def _read_part(self, part: str, lm: LanguageModel) -> list[str]:
        if self.known(part, lm) and not self.suspect(part, lm):
            return [part]
        for r, _ in rewrites(part, self.search_table)[1:REWRITES]:
            if r in self.index and not self.likelier_misread(r, lm):  # a rare word too (tarlff: tariff)
                return [r]
        return []

    def keep_prior(self, w: str, state: DocumentState) -> float:
        """A word English or the dictionaries know is as common as they and the document say; any other is
        a new word (``Weights.unknown``) spelled as the document spells (:class:`.language.Spelling`), and
        likelier a name the more of its uses the document writes with a capital inside a sentence
        (``Weights.names``)."""
        lm = state.lm
        if self.known(w, lm):
            return lm.unigram(w)
        named = state.capitals[w] / max(1, state.examined[w])
        return self.weights.unknown * lm.spelling.probability(w) ** self.weights.spelling * self.weights.names ** named

    def scores(self, w: str, candidates: list[str], state: DocumentState) -> list[tuple[str, float]]:
        """``w`` and each candidate with its log score alone: its prior and the scan's making ``w`` of it
        (without the confusions ``w``'s own readings gave the profile)."""
        channel, prior = state.channel, state.lm.log_unigram
        scored = [(w, math.log(self.keep_prior(w, state)) + state.profile.log_likelihood(w, w))]
        scored += [(c, prior(c) + channel(w, c)) for c in candidates]
        return scored

    # -- deciding -----------------------------------------------------------------
    def plan(self, texts: list[str]) -> Plan:
        """Learn the document, then run the passes over it (:data:`PASSES`, in order); a later pass
        does not touch a word an earlier one decided."""
        self.state = None  # the last round's state is not read while this one is learned: not held twice
        state = self.state = self.learn(texts)
        corrections, doubtful = [], []
        taken: dict[int, list[tuple[int, int]]] = {}  # line -> the spans decided
        for run in PASSES:
            found, doubted = run(self, state, texts)
            found = [d for d in found if not any(a < d.end and d.start < b for a, b in taken.get(d.line, ()))]
            corrections += found
            doubtful += doubted
            for d in found:
                taken.setdefault(d.line, []).append((d.start, d.end))
        corrections.sort(key=lambda d: (d.line, d.start))
        trusted = sorted(w for w, opts in state.options.items()
                         if state.examined[w] >= 3 and opts[0][0] == w and opts[0][1] >= self.weights.confidence)
        profile = {"error_rate": round(state.profile.error_rate(), 5), "confusions": state.profile.top(40)}
        return Plan(corrections, doubtful, profile["confusions"], trusted, True, profile)

    def read_words(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Each examined word in its context: replaced by its best reading when that is sure enough,
        else, if no dictionary knows it, listed as doubtful."""
        corrections, doubtful = [], []
        memo: dict[tuple, tuple] = {}
        for tokens, text, before in zip(state.lines, texts, [""] + texts):
            for k, tok in enumerate(tokens):
                if not tok.checkable or tok.low not in state.options:
                    continue
                opens = opens_sentence(text, tok.start, before)
                prev = self.preceding(state, tokens, text, k, opens)
                nxt = self.neighbour(state, tokens, text, k + 1, k)
                capital = tok.text[:1].isupper() and not opens
                key = (tok.low, prev, nxt, capital)
                if key not in memo:
                    memo[key] = self.in_context(tok.low, prev, nxt, state, capital)
                best, q, options = memo[key]
                listed = [(c, round(p, 3)) for c, p in options[:5]]
                if best != tok.low and q >= self.weights.confidence:
                    rule = "ocr-word" if not self.known(tok.low, state.lm) else "real-word"
                    after = best.upper() if in_capitals(tokens, k) and len(best) > 1 else \
                        self.cased(tok, best, state, opens or in_title(tokens, k))
                    if after[:1].isupper() and after[1:] == best[1:] and written_small(self, state, best) \
                            and is_inside(tokens, text, k, state.known):
                        after = best  # the scan's capital on a word the document writes small (:mod:`.scan_case`)
                    if after != tok.text:
                        corrections.append(Decision(tok.line, tok.start, tok.end, tok.text, after, round(q, 3), rule, listed))
                elif not self.known(tok.low, state.lm) and dict(options).get(tok.low, 0) < self.weights.confidence:
                    doubtful.append(Decision(tok.line, tok.start, tok.end, tok.text, self.cased(tok, best, state, opens),
                                             round(q, 3), "ocr-word", listed))
        return corrections, doubtful

    def broken_words(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """A word broken inside a line whose whole is a word as written (``pro- perty``, ``estab. lishment``;
        see :meth:`rejoined`) is written whole: a half that is no word and the other half, against the whole.
        (A whole that is no word is read like any garble, by :meth:`read_words`.)  Two words with a hyphen and
        a space between (``twenty- three``, ``Police- court``) are a compound the scan's line joining left
        spaced, as sure as the document's compounds written with a hyphen alone outnumber them; not before
        a conjunction (``short- and long-term``)."""
        corrections = []
        spaced = [(a, b) for tokens, text in zip(state.lines, texts) for a, b in zip(tokens, tokens[1:])
                  if a.checkable and b.checkable and broken_word(text, a, b) and b.low not in SUSPENDED
                  and a.low in state.known and b.low in state.known]
        if spaced:
            # how the document writes a compound: with a hyphen alone (Police-court), or with a space after it
            closed = sum(len(COMPOUND.findall(text)) for text in texts)
            q = (closed + 1) / (closed + len(spaced) + 2)
            if q >= self.weights.confidence:
                for a, b in spaced:
                    corrections.append(Decision(a.line, a.end, b.start, texts[a.line][a.end:b.start], "-", round(q, 3),
                                                "compound", [("-", round(q, 3)), ("- ", round(1 - q, 3))]))
        for tokens, text in zip(state.lines, texts):
            for tok in tokens:
                written = text[tok.start:tok.end]
                if not tok.checkable or tok.low in state.options or written == tok.text:
                    continue
                first, second = halves(written.lower())
                apart = math.log(self.keep_prior(first, state)) + math.log(self.keep_prior(second, state))
                options = normalise([(tok.low, state.lm.log_unigram(tok.low)), (f"{first} {second}", apart)])
                best, q = options[0]
                if best == tok.low and q >= self.weights.confidence:
                    corrections.append(Decision(tok.line, tok.start, tok.end, written, tok.text, round(q, 3), "broken-word",
                                                [(c, round(p, 3)) for c, p in options]))
        return corrections, []

    def real_words(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Known words the scan made of other known words, read by their contexts (:mod:`.real_words`)."""
        return read_real_words(self, state, texts), []

    def stand_ins(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Forms the scan writes for one of English's commonest words (``mm`` for *with*; :mod:`.stand_ins`)."""
        return read_stand_ins(self, state, texts), []

    def acronyms(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Small words standing for the document's acronyms (``the cm staff``: *CMA*; :mod:`.acronyms`)."""
        return read_acronyms(self, state, texts), []

    def odd_capitals(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Capitals the scan put inside a word the document or English knows (``LitVinov``; :mod:`.scan_case`)."""
        return read_odd_capitals(self, state, texts), []

    def scan_capitals(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Capitals the scan gave a word the document writes small, inside sentences (:mod:`.scan_case`)."""
        return read_scan_capitals(self, state, texts), []

    def one_confusion_away(self, w: str, table, lm: LanguageModel) -> list[str]:
        """Known words the scan makes ``w`` of by one likely confusion."""
        found = set()
        for i in range(len(w)):
            for a in range(1, 4):
                piece = w[i:i + a]
                if len(piece) < a:
                    break
                for t, _ in table.get(piece, ()):
                    c = w[:i] + t + w[i + a:]
                    if c != w and c.isalpha() and c in self.index and not self.examine(c, lm):
                        found.add(c)
        return sorted(found)

    def abbreviations(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Capital words the document writes seldom, read as its frequent abbreviations (:mod:`.abbreviations`)."""
        return read_abbreviations(self, state, texts), []

    def grammar(self, state: DocumentState, texts: list[str]) -> tuple[list[Decision], list[Decision]]:
        """Readings English grammar settles where word statistics cannot (:mod:`.grammar`)."""
        return be_before_participle(self, state.lines, texts), []

    def preceding(self, state: DocumentState, tokens: list[Token], text: str, k: int, opens: bool) -> str | None:
        """The word before token ``k`` (:meth:`neighbour`), or :data:`.language.SENTENCE` if it opens a sentence."""
        prev = self.neighbour(state, tokens, text, k - 1, k)
        return SENTENCE if prev is None and opens else prev

    def neighbour(self, state: DocumentState, tokens: list[Token], text: str, j: int, k: int) -> str | None:
        """The word next to token ``k`` as it is likeliest read, if only spaces are between them."""
        if not 0 <= j < len(tokens):
            return None
        a, b = (tokens[j], tokens[k]) if j < k else (tokens[k], tokens[j])
        if not text[a.end:b.start].isspace():
            return None
        options = state.options.get(tokens[j].low)
        return options[0][0] if options else tokens[j].low

    def in_context(self, w: str, prev: str | None, nxt: str | None, state: DocumentState, capital: bool = False):
        """The readings of ``w`` between its neighbours, best first, with posteriors.  A capital inside a
        sentence on a reading neither the document nor the dictionaries write so is one more unseen edit."""
        profile, lm = state.profile, state.lm
        scored = []
        case_flip = math.log(profile.plain)
        for c, _ in state.options[w]:
            if c != w and c in state.misread:
                continue  # the document reads that word as another: a garble is no reading (tkiion is not Ikiion)
            uni = self.keep_prior(w, state) if c == w else None
            score = state.channel(w, c) + lm.log_context(prev, c, nxt, uni)
            if capital and c != w and not self.capitalised(c, state):
                score += case_flip
            scored.append((c, score))
        scored.sort(key=lambda o: -o[1])
        options = normalise(scored)
        return options[0][0], options[0][1], options

    def cased(self, tok: Token, reading: str, state: DocumentState, opens: bool) -> str:
        """The reading cased as the dictionaries write it, else as the scan cased the word, else as the
        document cases it (a capital inside sentences, almost never without: ``Union``).  Of two words the
        scan ran together, the first keeps the scan's capital, and the second too if the document capitalises
        the word (``Thegirl`` -> ``The girl``, ``onSaturday`` -> ``on Saturday``, ``fromiSir`` -> ``from Sir``; not ``edWas``)."""
        first, _, second = reading.partition(" ")
        junction = (tok.low, reading) in state.junctions  # the scan's letter between the words (fromiSir)
        if second and (tok.text.lower() == first + second or junction):
            scanned = (tok.text[:len(first)], tok.text[len(first) + junction:])
            return " ".join(part.capitalize() if written[0].isupper() and (k == 0 or self.capitalised(part, state))
                            else part for k, (part, written) in enumerate(zip((first, second), scanned)))
        canonical = self.lexicon_case(reading)
        if canonical:
            return canonical
        letters = [ch for ch in tok.text if ch.isalpha()]
        capitals = sum(ch.isupper() for ch in letters)
        if capitals > 2 and 3 * capitals >= 2 * len(letters) and len(reading) > 1:
            return reading.upper()  # capitals, a garbled one or two among them (iVIARLBOROUGH)
        # a capital the scan put for another letter is the garble's, unless the document capitalises the
        # reading inside sentences (Hlth -> with; Koreign -> Foreign where the document writes Foreign Affairs)
        scanned_capital = tok.text[0].isupper() and (tok.text[0].lower() == reading[:1] or opens or
                                                     self.capitalised(reading, state))
        # the document's habit, if it shows it on as many uses as the scan hid the case of (15 for is: the
        # few Is of a scan that reads is as 15 are a title's, or its capital I for i)
        shown = state.capitals[reading] + state.smalls[reading]
        habit = state.capitals[reading] >= 3 and state.smalls[reading] * 10 <= state.capitals[reading] \
            and state.unseen_case[reading] <= shown
        if scanned_capital or habit \
                or opens and not tok.text[0].isalpha():
            return reading[:1].upper() + reading[1:]
        return reading

    def capitalised(self, low: str, state: DocumentState) -> bool:
        """Written with a capital: a name the dictionaries list so, or one the document capitalises inside
        sentences at least as often as not."""
        return self.lexicon_case(low) is not None or state.capitals[low] >= max(1, state.smalls[low])

    def lexicon_case(self, reading: str) -> str | None:
        for term in (reading.capitalize(), reading.upper()):
            if term in self.lexicon.cased:
                return term
        return None

    def candidates(self, word: str) -> list[str]:
        """Readings of a word the last document weighed, likeliest first; else its plain look-alikes."""
        low = word.lower()
        options = self.state.options.get(low) if self.state is not None else None
        if options:
            return [c for c, _ in options if c != low]
        return sorted(set(self.index.near(low, 2)) | set(self.domain.near(low, 2)) - {low})

    def release_caches(self) -> None:
        """Nothing of a document outlives it but what its words alone decide (:meth:`.memo.WordMemo.carried`).

        The alignments of its words with their readings go too (:func:`.profile.pieces`, ~35 MB on the
        thesis): the outputs written next reuse that memory instead of adding to the run's peak.
        """
        self.state = None
        self.forget()
        pieces.cache_clear()

    def forget(self) -> None:
        """Drop what the document's counts decided from the memo (:mod:`.memo`) when its last round is
        read: the state stays."""
        self.memo = self.memo.carried() if self.carry else WordMemo(self.weights)


class LineWords(NamedTuple):
    """What learning counts in one text: its words that may be corrected, those of them written with a
    capital inside a sentence and those in small letters (each as often as written), and the pairs of
    neighbouring words with only spaces between them."""

    words: list[str]
    capitals: list[str]
    smalls: list[str]
    pairs: list[tuple[str, str]]


def misreadings(state: DocumentState) -> set[str]:
    """Examined words the document reads as another word: no reading for a third (a garble the scan
    repeats with a capital, ``Ikiion`` for Union, is read as Union, and ``tkiion`` is not read as it)."""
    return {w for w, options in state.options.items() if options[0][0] != w}


def line_words(tokens: list[Token], text: str, before: str) -> LineWords:
    """:class:`LineWords` of a text (``before``: the text before it).

    >>> line_words(words("So Uhion and the pact"), "So Uhion and the pact", "")
    LineWords(words=['so', 'uhion', 'and', 'the', 'pact'], capitals=['uhion'], smalls=['and', 'the', 'pact'], pairs=[('so', 'uhion'), ('uhion', 'and'), ('and', 'the'), ('the', 'pact'), ('<s>', 'so')])
    """
    found, openers = LineWords([], [], [], []), []
    for tok in tokens:
        if not tok.checkable:
            continue
        found.words.append(tok.low)
        opens = opens_sentence(text, tok.start, before)
        if opens:
            openers.append((SENTENCE, tok.low))
        if tok.clean and tok.text[0].isupper() and not opens:
            found.capitals.append(tok.low)
        elif tok.text.islower():  # digits among the letters too (1n, wh1ch): the scan read them small
            found.smalls.append(tok.low)
    found.pairs.extend((a.low, b.low) for a, b in zip(tokens, tokens[1:]) if text[a.end:b.start].isspace())
    found.pairs.extend(openers)
    return found


class Typed(dict):
    """How often each typed piece was there to be garbled: counted in the text the document is believed
    to have been typed as (known words, and each examined word's likeliest reading).

    >>> typed = Typed(Counter({"union": 3, "pact": 2}), {"uhion": (1, {"union": 0.9, "uhion": 0.1})})
    >>> typed.get("un"), typed.get("a"), typed.get("zz")
    (5.0, 3.0, 1.0)
    >>> alone = Typed(Counter({"union": 3, "pact": 2}), {})
    >>> Typed(None, {"uhion": (1, {"union": 0.9, "uhion": 0.1})}, alone) == typed
    True

    ``known``'s pieces can be counted once for all of EM's rounds: pass ``base``, ``Typed(known, {})``.
    Every count is a whole number, so the sums come out the same, to the last bit, in either order.
    """

    def __init__(self, known: Counter | None, readings: dict[str, tuple[int, dict[str, float]]],
                 base: "Typed | None" = None):
        super().__init__(base or ())
        self.letters = base.letters if base is not None else 1.0
        if base is None:
            self.count(known)
        believed = Counter()
        for w, (n, posterior) in readings.items():
            believed[max(posterior, key=posterior.get)] += n
        self.count(believed)

    def count(self, words: Counter) -> None:
        for w, n in words.items():
            for size in range(1, MAX_PIECE + 1):
                for i in range(len(w) - size + 1):
                    piece = w[i:i + size]
                    self[piece] = dict.get(self, piece, 1.0) + n  # one unseen use each, as the smoothing
        self.letters += sum(len(w) * n for w, n in words.items())

    def get(self, key, default=None):
        return dict.get(self, key, 1.0)


def plainly(w: str, compound: str, letters: str) -> bool:
    """Whether ``w`` is the compound's parts as they are, with the junction letters for its hyphens.

    >>> plainly("theiowners", "the-owners", "i"), plainly("costieffectlve", "cost-effective", "i")
    (True, False)
    """
    parts = compound.split("-")
    return w == parts[0] + "".join(letter + part for letter, part in zip(letters, parts[1:]))


def same_glyphs(block: tuple[str, str]) -> bool:
    """Whether the scan's first glyph stands for the typed first letter, so its case is the letter's: the
    letter itself, a digit, or one look-alike for one letter (``lssues``); not ``bh`` for ``Un``.

    >>> same_glyphs(("i", "l")), same_glyphs(("i", "1")), same_glyphs(("un", "bh")), same_glyphs(("u", "u"))
    (True, True, False, True)
    """
    typed, scanned = block
    return typed == scanned or not scanned[:1].isalpha() or len(typed) == len(scanned) == 1


def likeliest(w: str, scored: list[tuple[str, float]], keep: int) -> list[tuple[str, float]]:
    """The ``keep`` best scored readings, best first (ties in their order), ``w`` always among them.

    >>> likeliest("paot", [("paot", -9.0), ("pact", -2.0), ("part", -3.0)], 2)
    [('pact', -2.0), ('paot', -9.0)]
    """
    scored = sorted(scored, key=itemgetter(1), reverse=True)  # a stable sort: ties keep their order
    return scored[:keep] if any(c == w for c, _ in scored[:keep]) else \
        scored[:keep - 1] + [o for o in scored if o[0] == w]


# what the corrector does with a learned document, in order (as ftfy's fixers)
PASSES = (Corrector.abbreviations, Corrector.read_words, Corrector.broken_words, Corrector.grammar, Corrector.real_words,
          Corrector.stand_ins, Corrector.acronyms, Corrector.scan_capitals, Corrector.odd_capitals)
