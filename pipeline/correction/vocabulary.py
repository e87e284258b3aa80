"""English word pairs: symspellpy's bigram counts and the unigram counts they are relative to.

Built once, packed into arrays and pickled under the user's cache folder
(``$OCRCLEAN_CACHE`` or ``~/.cache/ocrclean``), read from there once per process
(:func:`cached`); single-word frequencies come from wordfreq through
:class:`pipeline.lexicon.Lexicon`, and the candidate index is in :mod:`.candidates`;
both use the same cache.
"""
from __future__ import annotations

import array
import bisect
import hashlib
import importlib.resources
import math
import os
import pickle
from pathlib import Path

INDEX_VERSION = "4"


class English:
    """Word counts and word-pair counts of one English corpus, packed: each word a number, each pair
    of numbers one 64-bit key in a sorted array beside its count (a binary search finds it), a tenth of
    the memory of a dictionary of ``"first second"`` strings.

    >>> english = English({"the": 10, "pact": 3}, {"the pact": 2, "pact was": 1})
    >>> english.count("the"), english.count("was"), english.pair("the", "pact"), english.pair("pact", "the")
    (10, 0, 2, 0)
    """

    def __init__(self, unigrams: dict[str, int], bigrams: dict[str, int]):
        pairs = [(*key.split(" "), n) for key, n in bigrams.items()]
        words = list(unigrams) + sorted({w for a, b, _ in pairs for w in (a, b)} - unigrams.keys())
        self.numbers = {w: i for i, w in enumerate(words)}
        self.counts = array.array("Q", [unigrams.get(w, 0) for w in words])
        rows = sorted((self.numbers[a] << 32 | self.numbers[b], n) for a, b, n in pairs)
        self.keys = array.array("Q", [key for key, _ in rows])
        self.pair_counts = array.array("Q", [n for _, n in rows])

    def __getstate__(self):
        state = {**self.__dict__, "numbers": "\n".join(self.numbers)}
        state.pop("_margins", None)  # worked out again when needed
        return state

    def __setstate__(self, state):
        words = state["numbers"].split("\n")
        self.__dict__.update(state, numbers=dict(zip(words, range(len(words)))))

    def count(self, word: str) -> int:
        number = self.numbers.get(word)
        return 0 if number is None else self.counts[number]

    def pair(self, first: str, second: str) -> int:
        a, b = self.numbers.get(first), self.numbers.get(second)
        if a is None or b is None:
            return 0
        key = a << 32 | b
        i = bisect.bisect_left(self.keys, key)
        return self.pair_counts[i] if i < len(self.keys) and self.keys[i] == key else 0

    def association(self, first: str, second: str) -> float:
        """How much likelier the pair is than its words side by side at random: ``log P(a b) / (P(a·) P(·b))``
        over the pair table alone (its counts are not on the single words' scale).  A pair the table lacks
        counts as rare as the table's rarest, but no likelier than chance; a word the table lacks tells nothing.

        >>> english = English({}, {"deal with": 2, "with the": 30, "the deal": 30, "the pact": 30})
        >>> english.association("deal", "with") > 0 > english.association("the", "with")
        True
        >>> english.association("deal", "mm")
        0.0
        """
        a, b = self.numbers.get(first), self.numbers.get(second)
        if a is None or b is None:
            return 0.0
        firsts, seconds, total, floor = self.margins()
        if not firsts[a] or not seconds[b]:
            return 0.0
        key = a << 32 | b
        i = bisect.bisect_left(self.keys, key)
        found = self.pair_counts[i] if i < len(self.keys) and self.keys[i] == key else 0
        chance = firsts[a] * seconds[b] / total
        return math.log(found / chance) if found else min(0.0, math.log(floor / chance))

    def margins(self) -> tuple[array.array, array.array, float, float]:
        """Each word's pairs as first and as second word, all pairs, and half the rarest pair's count."""
        if getattr(self, "_margins", None) is None:
            firsts, seconds = [0] * len(self.counts), [0] * len(self.counts)
            for key, n in zip(self.keys, self.pair_counts):
                firsts[key >> 32] += n
                seconds[key & 0xFFFFFFFF] += n
            self._margins = (array.array("d", firsts), array.array("d", seconds), float(sum(self.pair_counts)),
                             min(self.pair_counts, default=1) / 2)
        return self._margins

    @classmethod
    def load(cls, cache: Path | None = None) -> "English":
        """From the disk cache, building it first if it is missing or stale."""
        return cached((cache or cache_folder()) / f"english-{fingerprint()}.pickle", cls.build)

    @classmethod
    def build(cls) -> "English":
        data = importlib.resources.files("symspellpy")
        unigrams, bigrams = {}, {}
        for line in data.joinpath("frequency_dictionary_en_82_765.txt").read_text().splitlines():
            word, count = line.split()
            unigrams[word] = int(count)
        for line in data.joinpath("frequency_bigramdictionary_en_243_342.txt").read_text().splitlines():
            first, second, count = line.split()
            bigrams[f"{first} {second}"] = int(count)
        return cls(unigrams, bigrams)


_LOADED: dict[Path, object] = {}  # what this process has read from the cache, by file


def cached(path: Path, build):
    """The object pickled at ``path``, read once per process; built by ``build()`` and pickled there
    first if it is missing or unreadable."""
    if path not in _LOADED:
        _LOADED[path] = load_or_build(path, build)
    return _LOADED[path]


def load_or_build(path: Path, build):
    if path.exists():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except Exception:  # a half-written or foreign file: rebuild it
            pass
    made = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump(made, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)  # atomic: parallel runs never read half a file
    return made


def cache_folder() -> Path:
    """``$OCRCLEAN_CACHE``, else the user's cache folder (``~/.cache/ocrclean``)."""
    if os.environ.get("OCRCLEAN_CACHE"):
        return Path(os.environ["OCRCLEAN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ocrclean"


def fingerprint() -> str:
    """Changes whenever what the cache is built from changes."""
    import symspellpy

    versions = f"{INDEX_VERSION} {getattr(symspellpy, '__version__', '')}"
    return hashlib.sha1(versions.encode()).hexdigest()[:12]
