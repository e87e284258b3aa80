"""What words exist and how common they are, with a fast look-up of near misses.

Near misses are found on *folded* spellings: letters the scanner confuses
fold to one symbol (``c e o -> o``, ``r i l 1 -> i``, ``rn -> m``...), so
``whioh`` and ``which`` share the key ``wbiob`` and one symspell look-up at a
small distance reaches candidates that are several plain edits away.  The
English index (wordfreq's large list, which knows British spelling, plus
symspellpy's bigram counts) is built once and pickled under the user's cache
folder; domain and document words go in a small index built per run.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.resources
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from symspellpy import SymSpell

INDEX_VERSION = "2"
MIN_ENGLISH = 1e-7  # rarer English forms are mostly names and junk; they stay "known" but are no candidates
LETTERS = regex.compile(r"^\p{L}+$")
FOLD_GROUPS = regex.compile(r"rn|vf|vr|v/")
FOLD_MAP = str.maketrans({"c": "o", "e": "o", "r": "i", "l": "i", "1": "i", "!": "i", "|": "i",
                          "j": "i", "h": "b", "z": "s", "0": "o"})


def fold(word: str) -> str:
    """The spelling with scanner-confusable letters merged.

    >>> fold("whioh") == fold("which"), fold("Januaiy") == fold("January"), fold("Govemment")
    (True, True, 'govommont')
    """
    found = FOLDED.get(word)
    if found is None:
        if len(FOLDED) > 200000:  # a long batch of documents: start again rather than grow
            FOLDED.clear()
        low = FOLD_GROUPS.sub(lambda m: "m" if m.group() == "rn" else "w", word.lower())
        found = FOLDED[word] = low.translate(FOLD_MAP)
    return found


FOLDED: dict[str, str] = {}  # every candidate is folded again for every garble it is near


SMALL_INDEX = 500  # keys an index checks one by one rather than through symspell's deletes


class FoldedIndex:
    """Words by folded key, searchable within a small edit distance (symspellpy).

    An index made with ``remember`` keeps what each search found until a word
    is added: the document's small indexes are searched for the same words
    round after round.
    """

    found: dict | None = None  # (word, distance) -> near_distances (at class level: older pickles lack it)

    def __init__(self, max_distance: int = 2, remember: bool = False):
        self.symspell = SymSpell(max_dictionary_edit_distance=max_distance, prefix_length=6)
        self.words: dict[str, list[str]] = {}
        self.frozen = False
        if remember:
            self.found = {}

    def freeze(self) -> None:
        """Keep each list as one space-joined string, for an index that is pickled and never grows.

        Unpickling a few hundred thousand strings is several times faster than
        unpickling the 1.4 million items of the lists (0.1 s, not 0.45 s).
        """
        self.symspell._deletes = {k: " ".join(v) for k, v in self.symspell._deletes.items()}
        self.words = {k: " ".join(v) for k, v in self.words.items()}
        self.frozen = True

    def add(self, word: str) -> None:
        key = fold(word)
        assert not self.frozen, "a frozen index does not grow"
        if key not in self.words:
            self.words[key] = []
            self.symspell.create_dictionary_entry(key, 1)
        if word not in self.words[key]:
            self.words[key].append(word)
        if self.found:
            self.found.clear()

    def same_words(self, other: "FoldedIndex | None") -> bool:
        """Whether the other index holds the same words added in the same order, so finds the same."""
        return other is not None and list(self.words.items()) == list(other.words.items())

    def near(self, word: str, distance: int) -> list[str]:
        """Words whose folded spelling is within ``distance`` of this one's."""
        return [w for w, _ in self.near_distances(word, distance)]

    def near_distances(self, word: str, distance: int) -> list[tuple[str, int]]:
        """Words whose folded spelling is within ``distance`` of this one's, with that distance.

        Symspell's delete index proposes the keys; rapidfuzz (in C) checks
        the distance, much faster than symspellpy's own pure-Python check.

        >>> index = FoldedIndex()
        >>> for w in ("which", "whiff", "pact"):
        ...     index.add(w)
        >>> index.near_distances("whioh", 1)
        [('which', 0)]
        """
        if self.found is not None:  # (kept as a tuple, which the garbage collector soon stops looking at)
            found = self.found.get((word, distance))
            if found is None:
                found = self.found[(word, distance)] = tuple(self._near_distances(word, distance))
            return found
        return self._near_distances(word, distance)

    def _near_distances(self, word: str, distance: int) -> list[tuple[str, int]]:
        key = fold(word)
        distance = min(distance, self.symspell._max_dictionary_edit_distance)
        if len(self.words) <= SMALL_INDEX and not self.frozen:
            # the deletes propose every key within the distance (of a prefix within it, deletes of both
            # prefixes meet), so checking all keys finds the same: for a few hundred, faster
            keys = self.words.keys()
        else:
            probes = deletions(key[:self.symspell._prefix_length], distance)
            deletes = self.symspell._deletes
            found = [deletes[p] for p in probes if p in deletes]
            # a key is under several of the probes: checking it twice (in C) is cheaper than a set of them all
            keys = " ".join(found).split() if self.frozen else set().union(*found)
        close = dict((k, d) for k, d, _ in process.extract(key, keys, scorer=Levenshtein.distance,
                                                           score_cutoff=distance, limit=None))
        if self.frozen:
            return [(w, d) for k, d in close.items() for w in self.words[k].split()]
        return [(w, d) for k, d in close.items() for w in self.words[k]]


@functools.lru_cache(maxsize=50000)
def deletions(prefix: str, distance: int) -> frozenset[str]:
    """The prefix and all it becomes by deleting up to ``distance`` letters (symspell's probes).

    >>> sorted(deletions("pact", 1))
    ['act', 'pac', 'pact', 'pat', 'pct']
    """
    probes, frontier = {prefix}, {prefix}
    for _ in range(distance):
        frontier = {p[:i] + p[i + 1:] for p in frontier for i in range(len(p))} - probes
        probes |= frontier
    return frozenset(probes)


@dataclass
class English:
    """Bigram counts and the folded index of common English words.

    Frequencies themselves come from :meth:`pipeline.lexicon.Lexicon.frequency`.
    """

    bigrams: dict[str, int]  # "first second" -> count
    unigrams: dict[str, int]  # counts of the corpus the bigrams come from
    index: FoldedIndex = field(repr=False)

    @classmethod
    def load(cls, cache: Path | None = None) -> "English":
        """From the disk cache, building it first if it is missing or stale."""
        path = (cache or cache_folder()) / f"english-{fingerprint()}.pickle"
        if path.exists():
            try:
                with path.open("rb") as f:
                    return pickle.load(f)
            except Exception:  # a half-written or foreign file: rebuild it
                pass
        english = cls.build()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(english, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: parallel runs never read half a file
        return english

    @classmethod
    def build(cls) -> "English":
        import wordfreq

        index = FoldedIndex()
        for word, freq in wordfreq.get_frequency_dict("en", "large").items():
            if freq >= MIN_ENGLISH and LETTERS.match(word):
                index.add(word)
        data = importlib.resources.files("symspellpy")
        unigrams, bigrams = {}, {}
        for line in data.joinpath("frequency_dictionary_en_82_765.txt").read_text().splitlines():
            word, count = line.split()
            unigrams[word] = int(count)
        for line in data.joinpath("frequency_bigramdictionary_en_243_342.txt").read_text().splitlines():
            first, second, count = line.split()
            bigrams[f"{first} {second}"] = int(count)
        index.freeze()
        return cls(bigrams, unigrams, index)


def cache_folder() -> Path:
    """``$OCRCLEAN_CACHE``, else the user's cache folder (``~/.cache/ocrclean``)."""
    if os.environ.get("OCRCLEAN_CACHE"):
        return Path(os.environ["OCRCLEAN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ocrclean"


def fingerprint() -> str:
    """Changes whenever what the index is built from changes."""
    import symspellpy
    import wordfreq

    versions = f"{INDEX_VERSION} {wordfreq.__version__ if hasattr(wordfreq, '__version__') else ''}" \
               f" {symspellpy.__version__ if hasattr(symspellpy, '__version__') else ''} {MIN_ENGLISH}" \
               f" {FOLD_MAP} {FOLD_GROUPS.pattern}"
    return hashlib.sha1(versions.encode()).hexdigest()[:12]
