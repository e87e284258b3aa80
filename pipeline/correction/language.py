"""The language side: how likely a word is, alone and beside its neighbours.

English (wordfreq's frequencies, symspellpy's bigram counts) is interpolated
with the document's own counts.  The document counts a word as often as it is
believed to be written: every known word fully, and every suspect word as the
readings the current scan profile gives it (:meth:`LanguageModel.recount`), so
the 124 copies of ``paot`` count for ``pact`` and a garble repeated 59 times
vouches for nothing.

>>> from pipeline.lexicon import Lexicon
>>> lm = LanguageModel(Lexicon(), Weights())
>>> lm.count_known(Counter(["the", "pact", "was", "signed", "the", "pact"]))
>>> lm.unigram("pact") > lm.unigram("part") * 0.1
True
"""
from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..lexicon import Lexicon, english_frequencies
from .vocabulary import English

JOINED = re.compile(r"[ -]")  # between the words of a reading that is two (``was that``, ``cost-effective``)
DOMAIN = 3e-6  # a dictionary term is at least as common as a rare English word
WEIGHTS_FILE = Path(__file__).resolve().parents[1] / "data" / "engine_weights.json"


@dataclass(frozen=True)
class Weights:
    """The engine's hyperparameters, fitted by ``scripts/tune_engine.py`` (values in the README).

    - ``unknown``: prior of a word neither English nor the document vouches for;
    - ``plain``: scale on the prior's probability of an edit nobody has seen;
    - ``strength``: how many letters' worth of evidence the generic prior counts in a document's profile;
    - ``document``: weight of the document's own counts against English;
    - ``pairs``: weight of word pairs (English and the document's) against single words;
    - ``confidence``: posterior the best reading needs to replace the word;
    - ``examine``: English words rarer than this are weighed against their look-alikes too;
    - ``spelling``: how much a new word's odd letter pairs count against it (0: not at all, 1: fully);
    - ``names``: how much likelier (above 1) or less likely (below 1) a new word is when the document writes it
      with a capital inside sentences.
    """

    unknown: float = 1e-8
    plain: float = 1.0
    strength: float = 5000.0
    document: float = 0.5
    pairs: float = 0.3
    confidence: float = 0.8
    examine: float = 3e-6
    spelling: float = 0.5
    names: float = 1.0

    @classmethod
    def load(cls) -> "Weights":
        """The fitted weights shipped with the package (the defaults above if there are none)."""
        path = resources.files("pipeline.data").joinpath(WEIGHTS_FILE.name)
        if not path.is_file():
            return cls()
        return cls(**json.loads(path.read_text(encoding="utf-8"))["weights"])

    def save(self) -> None:
        data = {"about": "fitted by scripts/tune_engine.py --search --write", "weights": dataclasses.asdict(self)}
        WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


SENTENCE = "<s>"  # the previous word of a sentence's first: how the document opens its sentences (He, The)


class LanguageModel:
    def __init__(self, lexicon: Lexicon, weights: Weights, english: English | None = None,
                 frequencies: dict[str, float] | None = None):
        self.lexicon = lexicon
        self.weights = weights
        self._english = english
        self.counts: Counter = Counter()  # believed uses of each word in the document
        self.pairs: Counter = Counter()  # (previous, word) -> uses, from known words only
        self.openings = 0  # sentences the document opens with a word (SENTENCE pairs counted or not)
        self.total = 1.0
        # English's frequencies never change: a corrector's rounds over one document share them
        self._frequency: dict[str, float] = {} if frequencies is None else frequencies
        self.spelling = Spelling()
        self._log_unigram: dict[str, float] = {}  # until the counts change

    @property
    def english(self) -> English:
        if self._english is None:
            self._english = English.load()
        return self._english

    def frequency(self, low: str) -> float:
        """English frequency, a dictionary term counting at least as ``DOMAIN``."""
        found = self._frequency.get(low)
        if found is None:
            found = self.lexicon.frequency(low) if not low[:1].isdigit() else number_frequency(low)
            if low in self.lexicon.terms:
                found = max(found, DOMAIN)
            self._frequency[low] = found
        return found

    def count_known(self, words: Counter) -> None:
        """Count words believed as written."""
        self.counts.update(words)
        self.total = max(1.0, sum(self.counts.values()))
        self._log_unigram.clear()

    def recount(self, known: Counter, readings: dict[str, tuple[int, dict[str, float]]]) -> None:
        """The document's counts: known words as written, suspects as their expected readings."""
        self.counts = Counter(known)
        for n, posterior in readings.values():
            for reading, q in posterior.items():
                self.counts[reading] += n * q
        self.total = max(1.0, sum(self.counts.values()))
        self._log_unigram.clear()

    def unigram(self, low: str) -> float:
        """P(word): the document's share interpolated with English's; for two words a scan ran together
        (a reading ``was that``) or a compound (``cost-effective``), the first's and the second's after it."""
        if " " in low or "-" in low:  # no counted word has a hyphen: the words stage's words are letters
            a, b = JOINED.split(low, 1)
            return self.unigram(a) * self.follows(a, b)
        w = self.weights
        doc = self.counts.get(low, 0.0) / self.total
        english = self._frequency.get(low)
        if english is None:
            english = self.frequency(low)
        return max(w.document * doc + (1 - w.document) * english, w.unknown)

    def log_unigram(self, low: str) -> float:
        """``log(unigram(low))``, worked out once while the counts stay as they are (many words share readings)."""
        found = self._log_unigram.get(low)
        if found is None:
            found = self._log_unigram[low] = math.log(self.unigram(low))
        return found

    def english_unigram(self, low: str) -> float:
        """:meth:`unigram` of a word the document does not count, to the last bit (its share, 0.0, adds
        nothing): the same for every document, so a ranking by it is made once."""
        w = self.weights
        english = self._frequency.get(low)
        if english is None:
            english = self.frequency(low)
        return max((1 - w.document) * english, w.unknown)

    def follows(self, prev: str | None, low: str, uni: float | None = None) -> float:
        """P(low | prev): English's and the document's pairs, backed off to the unigram
        (``uni``, if the word's own prior is not its share of the counts)."""
        if prev and (" " in prev or "-" in prev):
            prev = JOINED.split(prev)[-1]
        if uni is None and (" " in low or "-" in low):
            a, b = JOINED.split(low, 1)
            return self.follows(prev, a) * self.follows(a, b)
        uni = self.unigram(low) if uni is None else uni
        if not prev:
            return uni
        english = self.english
        en_prev = english.count(prev)
        en = english.pair(prev, low) / en_prev if en_prev else 0.0
        doc_prev = self.openings if prev == SENTENCE else self.counts.get(prev, 0.0)
        doc = self.pairs.get((prev, low), 0) / doc_prev if doc_prev else 0.0
        pair = 0.5 * min(en, 1.0) + 0.5 * min(doc, 1.0)
        return self.weights.pairs * pair + (1 - self.weights.pairs) * uni

    def log_context(self, prev: str | None, low: str, nxt: str | None, uni: float | None = None) -> float:
        """log P(low | prev) + log P(next | low) - log P(next): the word's fit between its neighbours."""
        score = math.log(self.follows(prev, low, uni))
        if nxt:
            score += math.log(self.follows(low, nxt)) - math.log(self.unigram(nxt))
        return score


@functools.lru_cache(maxsize=4096)
def number_frequency(text: str) -> float:
    """How often English writes a number: wordfreq's ``word_frequency(text, "en")``, to the last bit.

    wordfreq estimates a number from how often English writes numbers of its length and how its digits
    spread (Benford's law, years).  Its own ``word_frequency`` reads its whole word list for that (some
    40 MB, beside ours); the same frequencies are in the disk cache (:func:`..lexicon.english_frequencies`),
    so the steps of wordfreq's lookup are taken here on those.

    >>> number_frequency("15") > number_frequency("1:5")
    True
    """
    if not text.isdigit():
        return 0.0
    from wordfreq import lossy_tokenize
    from wordfreq.numbers import digit_freq, smash_numbers

    english = english_frequencies()
    tokens = lossy_tokenize(text, "en")
    if not tokens:
        return 0.0
    one_over = 0.0  # several tokens combine as 1 / f = 1 / f1 + 1 / f2 + ...
    for token in tokens:
        smashed = smash_numbers(token)  # a run of digits stands for every number of its length
        if smashed not in english:
            return 0.0
        frequency = english[smashed]
        if smashed != token:
            frequency *= digit_freq(token)
        one_over += 1.0 / frequency
    frequency = 1.0 / one_over
    return round(frequency, math.floor(-math.log(frequency, 10)) + 3)  # wordfreq's three significant digits


class Spelling:
    """How typical a string's letter pairs are of the document's known words, as a factor on the prior
    of a new word: 1.0 for a string whose pairs are as common as the document's words' on average.

    A new word is rarely a string of letters no word of the document puts together, so
    ``oharaoteristic`` is a poor new word and ``Krestinsky`` a fair one.

    >>> sp = Spelling()
    >>> sp.learn(Counter({"the": 5, "pact": 3, "characteristic": 1, "treaty": 2}))
    >>> sp.probability("pact") > sp.probability("qxzt")
    True
    """

    def __init__(self):
        self.pairs: Counter = Counter()
        self.firsts: Counter = Counter()
        self.symbols = 1

    def learn(self, words: Counter) -> None:
        for w, n in words.items():
            padded = f"^{w}$"
            for a, b in zip(padded, padded[1:]):
                self.pairs[a + b] += n
                self.firsts[a] += n
        self.symbols = len({k[1] for k in self.pairs}) + 1
        self.typical = 0.0
        self._memo: dict[str, float] = {}
        pairs = sum(n * (len(w) + 1) for w, n in words.items())
        if pairs:
            self.typical = sum(n * self.log_pairs(w) for w, n in words.items()) / pairs

    def log_pairs(self, word: str) -> float:
        padded = f"^{word}$"
        return sum(math.log((self.pairs.get(a + b, 0) + 0.5) / (self.firsts.get(a, 0) + 0.5 * self.symbols))
                   for a, b in zip(padded, padded[1:]))

    def probability(self, word: str) -> float:
        """The factor for a new word, read on all its characters: a digit or glyph among letters
        (``anc4ogous``, ``Ruasi£ms``) is a pair no word of the document has, and nobody types it, so
        keeping such a word as written is unlikely against a reading a few confusions away.

        >>> sp = Spelling()
        >>> sp.learn(Counter({"the": 5, "analogous": 3, "across": 2, "gone": 2}))
        >>> sp.probability("anc4ogous") < sp.probability("ancrogous") < sp.probability("analogous")
        True
        """
        found = self._memo.get(word) if hasattr(self, "_memo") else None
        if found is None:
            found = math.exp(min(0.0, self.log_pairs(word) - self.typical * (len(word) + 1)))
            if hasattr(self, "_memo"):
                self._memo[word] = found
        return found
