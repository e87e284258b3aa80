"""Where readings of a suspect word come from.

Three searches, each cheap, each reaching what the others miss:

- plain look-alikes: words of English, the dictionaries and the document within
  two edits (a symspell delete index; rapidfuzz checks the distances in C);
- rewrites through the scan's confusions: the word with its likeliest scanned
  pieces read back as what they stand for (``admlnlstratlon`` ->
  ``administration``, three edits away), then looked up at distance one;
- the document's own common words, up to four edits away when the word is
  long (``Goveiwaent`` -> ``Government``).

Every reading found is scored by the engine; finding is generous, deciding is not.
"""
from __future__ import annotations

import array
import bisect
import functools
import heapq
import math
from collections import defaultdict

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .profile import MAX_PIECE, ScanProfile
from .vocabulary import cache_folder, cached

LETTERS = regex.compile(r"^\p{L}+(?:'\p{L}+)?$")
PREFIX = 7  # symspell keys words by their first letters; deletes beyond them are not indexed
# English's rarer forms (wordfreq's large list goes down to 1e-8) are mostly names and junk when short, and
# words when long (*polychlorinated*, *unrested*): of 7, 8, 10 letters or all of them, the tuning script's
# objective prefers 8 (0.3883; 0.3716 without them), and those down to 2e-8 do as well (0.3877) in half
# the words (51,000 against 93,000: 437 MB at the thesis's peak against 465)
MIN_ENGLISH = 1e-7
LONG_RARE = 8
LONG_RARE_FLOOR = 2e-8
INDEX_VERSION = "packed-long8-2e8"
BEAM, REWRITES, EDITS = 12, 8, 4  # rewrites kept while reading a word back, looked up, and confusions at most in one


@functools.lru_cache(maxsize=50000)
def deletions(prefix: str, distance: int) -> frozenset[str]:
    """The prefix and what it becomes by deleting up to ``distance`` letters.

    >>> sorted(deletions("pact", 1))
    ['act', 'pac', 'pact', 'pat', 'pct']
    """
    probes, frontier = {prefix}, {prefix}
    for _ in range(distance):
        frontier = {p[:i] + p[i + 1:] for p in frontier for i in range(len(p))} - probes
        probes |= frontier
    return frozenset(probes)


class WordIndex:
    """Lower-case words searchable within two edits.

    >>> index = WordIndex(["which", "whiff", "pact"])
    >>> index.near("whioh", 1), index.near("paot", 2)
    (['which'], ['pact'])
    """

    def __init__(self, words=()):
        self.words: set[str] = set()
        self.deletes: dict = defaultdict(list)
        for w in words:
            self.add(w)

    def add(self, word: str) -> None:
        if word in self.words:
            return
        self.words.add(word)
        for d in deletions(word[:PREFIX], 2):
            self.deletes[d].append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def near(self, word: str, distance: int) -> list[str]:
        return [w for w, _ in self.distances(word, distance)]

    def distances(self, word: str, distance: int) -> list[tuple[str, int]]:
        """:meth:`near`'s words with their distances from ``word``."""
        deletes = self.deletes
        hits = [deletes[p] for p in deletions(word[:PREFIX], distance) if p in deletes]
        found = set().union(*hits) if hits else set()
        return within(word, found, distance) if found else []

    @classmethod
    def english(cls) -> "PackedIndex":
        """English words at least ``MIN_ENGLISH`` common, or ``LONG_RARE`` letters long and at least
        ``LONG_RARE_FLOOR`` common, packed, from a disk cache built once."""
        def build() -> PackedIndex:
            from ..lexicon import english_frequencies

            return PackedIndex(cls(w for w, f in english_frequencies().items()
                                   if (f >= MIN_ENGLISH or len(w) >= LONG_RARE and f >= LONG_RARE_FLOOR) and LETTERS.match(w)))

        return cached(cache_folder() / f"english-index-{INDEX_VERSION}.pickle", build)


WIDEST = 1 << 64  # a key packs into an array's 64 bits when its UTF-8 is seven bytes or fewer


def packed(key: str) -> int:
    """A delete key as one number, exactly: its UTF-8 bytes after a 1 byte (so that ``""`` is a number too).

    >>> packed(""), packed("a"), packed("pact") < WIDEST < packed("éééé")
    (1, 353, True)
    """
    return int.from_bytes(b"\x01" + key.encode("utf-8"), "big")


@functools.lru_cache(maxsize=50000)
def packed_deletions(prefix: str, distance: int) -> tuple[int, ...]:
    # the strings are not kept too: a second cache of the same deletions held 27 MB of the thesis's run
    return tuple(packed(p) for p in deletions.__wrapped__(prefix, distance))


class PackedIndex:
    """A :class:`WordIndex` packed for English's 94,000 words under 730,000 delete keys: the keys as sorted
    numbers in one array (:func:`packed`; a binary search finds one), the words under each key as one
    UTF-8 string in one blob.  A third of a dictionary's memory, read from disk in a few hundredths of a
    second, and searched nearly as fast.

    >>> index = PackedIndex(WordIndex(["which", "whiff", "pact", "café", "étéséé"]))
    >>> index.near("whioh", 1), set(index.near("paot", 2)), set(index.near("cafe", 1)), set(index.near("étésé", 1))
    (['which'], {'pact'}, {'café'}, {'étéséé'})
    >>> "pact" in index, "paot" in index
    (True, False)
    """

    def __init__(self, index: WordIndex):
        self.words = set(index.words)
        self.long: dict[int, bytes] = {}  # the few keys too long for the array (accented letters take two bytes)
        rows = []
        for key, words in index.deletes.items():
            number, value = packed(key), " ".join(words).encode("utf-8")
            if number < WIDEST:
                rows.append((number, value))
            else:
                self.long[number] = value
        rows.sort()
        self.keys = array.array("Q", [number for number, _ in rows])
        self.starts = array.array("I", [0])  # the words under keys[i] are blob[starts[i]:starts[i + 1]]
        for _, value in rows:
            self.starts.append(self.starts[-1] + len(value))
        self.blob = b"".join(value for _, value in rows)

    def __getstate__(self):
        return {**self.__dict__, "words": "\n".join(sorted(self.words))}

    def __setstate__(self, state):
        self.__dict__.update(state, words=set(state["words"].split("\n")))

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def near(self, word: str, distance: int) -> list[str]:
        return [w for w, _ in self.distances(word, distance)]

    def distances(self, word: str, distance: int) -> list[tuple[str, int]]:
        """:meth:`near`'s words with their distances from ``word``."""
        keys, starts, blob, size = self.keys, self.starts, self.blob, len(self.keys)
        hits = []
        for number in packed_deletions(word[:PREFIX], distance):
            if number >= WIDEST:
                if number in self.long:
                    hits.append(self.long[number])
                continue
            i = bisect.bisect_left(keys, number)
            if i < size and keys[i] == number:
                hits.append(blob[starts[i]:starts[i + 1]])
        if not hits:
            return []
        found = b" ".join(hits).decode("utf-8").split()  # a word under several keys is checked (and found) twice
        return within(word, found, distance)


def within(word: str, found, distance: int) -> list[tuple[str, int]]:
    """The words found that are at most ``distance`` edits from ``word``, with their distances (in C)."""
    return [(w, d) for w, d, _ in process.extract(word, found, scorer=Levenshtein.distance,
                                                  score_cutoff=distance, limit=None)]


def reverse_table(profile: ScanProfile, floor: float = 1e-3, per_piece: int = 6) -> dict[str, list[tuple[str, float]]]:
    """Scanned piece -> the typed pieces it most likely stands for, with ``log P(scanned | typed)``:
    those likelier than ``floor``."""
    table: dict[str, list[tuple[str, float]]] = defaultdict(list)
    sources = [profile]
    if profile.prior_of is not None:
        sources.append(profile.prior_of)
    seen = set()
    for source in sources:
        for (t, s) in source.counts:
            if s and (t, s) not in seen and (not t or t.isalpha()):  # readings are words: typed letters only
                seen.add((t, s))
                p = profile.probability(t, s)
                if p > floor:
                    table[s].append((t, math.log(p)))
    return {s: sorted(options, key=lambda o: -o[1])[:per_piece] for s, options in table.items()}


def rewrites(word: str, table: dict[str, list[tuple[str, float]]], begins=None, beam: int = BEAM) -> list[tuple[str, float]]:
    """The word read back through the likeliest confusions, likeliest first, with their costs (a beam
    search); with ``begins``, only readings it accepts as the start of a word are grown.

    >>> [r for r, _ in rewrites("whioh", {"o": [("c", math.log(0.1))]})][:2]
    ['whioh', 'which']
    """
    hypotheses = [(0.0, 0, "", 0)]  # (minus log probability, position, typed so far, confusions)
    done: dict[str, float] = {}
    while hypotheses:
        grown = []
        for cost, pos, typed, edits in hypotheses:
            if pos == len(word):
                done[typed] = min(cost, done.get(typed, cost))
                continue
            kept = typed + word[pos]
            if begins is None or begins(kept):
                grown.append((cost, pos + 1, kept, edits))
            if edits >= EDITS:
                continue
            for a in range(1, MAX_PIECE + 1):
                piece = word[pos:pos + a]
                if len(piece) < a:
                    break
                for t, logp in table.get(piece, ()):
                    if begins is None or not t or begins(typed + t):
                        grown.append((cost - logp, pos + a, typed + t, edits + 1))
        hypotheses = heapq.nsmallest(beam, grown)
    return sorted(((t, c) for t, c in done.items() if t), key=lambda tc: (tc[1], tc[0]))


class Prefixes:
    """Words in order, asked whether any of them starts with a given string (a bisection, in C).

    >>> p = Prefixes(["which", "pact"], ["union"])
    >>> "whi" in p, "whio" in p, p.word("pact"), p.word("pac")
    (True, False, True, False)
    """

    def __init__(self, *vocabularies):
        self.words = sorted(set().union(*vocabularies))

    def __contains__(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.words, prefix)
        return i < len(self.words) and self.words[i].startswith(prefix)

    def word(self, text: str) -> bool:
        i = bisect.bisect_left(self.words, text)
        return i < len(self.words) and self.words[i] == text


def reachable(word: str, table: dict[str, list[tuple[str, float]]], vocabulary: Prefixes, own: set[str] = frozenset()) -> list[str]:
    """Words the scan likely made ``word`` of through its confusions, likeliest first: the read-back of
    :func:`rewrites` kept to what some word begins with, so three or four confusions in a long word
    are in reach (``actlvltles`` -> ``activities``).  The words: ``vocabulary``'s and the document's ``own``.

    >>> reachable("actlvltles", {"l": [("i", math.log(0.3))]}, Prefixes(["activities", "actively", "active"]))
    ['activities']
    >>> reachable("actlvltles", {"l": [("i", math.log(0.3))]}, Prefixes(["active"]), {"activities"})
    ['activities']
    """
    return ReadBack(word, table, vocabulary, prefixes(own)).words(vocabulary, own)


class ReadBack:
    """:func:`reachable`'s search for one word, with the questions it put to the document's own words.

    The search keeps to readings that some word begins with: one of English and the dictionaries (the
    ``vocabulary``, the same for every document) or one of the document's own (``own``, all their
    beginnings, :func:`prefixes`).  A later round whose own words answer every question as these did
    would search the same way to the same readings (:meth:`holds_for`), so its search can be skipped.
    """

    def __init__(self, word: str, table: dict[str, list[tuple[str, float]]], vocabulary: Prefixes, own: set[str],
                 beam: int = 3 * BEAM):
        self.asked: dict[str, bool] = {}  # a beginning no word of the vocabulary has -> whether an own word has it

        def begins(prefix: str) -> bool:
            if prefix in vocabulary:
                return True
            answer = self.asked[prefix] = prefix in own
            return answer

        self.readings = [t for t, _ in rewrites(word, table, begins, beam) if t != word]

    def holds_for(self, own: set[str]) -> bool:
        return all((prefix in own) == answer for prefix, answer in self.asked.items())

    def words(self, vocabulary: Prefixes, own_words) -> list[str]:
        """The readings that are words, at most ``REWRITES``."""
        return [t for t in self.readings if vocabulary.word(t) or t in own_words][:REWRITES]


def prefixes(words) -> set[str]:
    """Every beginning of the words, the empty one too: what :class:`Prefixes` says is in it, as a set.

    >>> sorted(prefixes(["pact"]))
    ['', 'p', 'pa', 'pac', 'pact']
    """
    return {w[:i] for w in words for i in range(len(w) + 1)}


def far_reach(word: str, frequent: list[str]) -> list[str]:
    """The document's common words within half the word's letters (four edits at most).

    >>> far_reach("goveiwaent", ["government", "governor", "pact"])
    ['government']
    """
    limit = min(4, len(word) // 2)
    return [w for w, _, _ in process.extract(word, frequent, scorer=Levenshtein.distance, score_cutoff=limit,
                                             limit=10)]


class FarReach:
    """:func:`far_reach` over rounds whose common words change a little: a word's distances to the common
    words are kept, and in the next round only those to the words new to the list are worked out.  The
    nearest ten come in :func:`far_reach`'s order: by distance, then by place in the list (rapidfuzz's).

    >>> reach = FarReach()
    >>> reach.start(["government", "governor", "pact"]); reach("goveiwaent")
    ['government']
    >>> reach.start(["governments", "pact"]); reach("goveiwaent")
    ['governments']
    """

    def __init__(self):
        self.frequent: list[str] = []
        self.found: dict[str, dict[str, int]] = {}  # word -> common words within its limit -> distance
        self.before: dict[str, dict[str, int]] = {}  # the same for the last round's common words

    def start(self, frequent: list[str]) -> None:
        """A round's common words; of the last round's distances, those asked for in it are kept."""
        old, new = set(self.frequent), set(frequent)
        self.added = [w for w in frequent if w not in old]
        self.removed = old - new
        self.place = {w: i for i, w in enumerate(frequent)}
        self.frequent, self.before, self.found = frequent, self.found, {}

    def __call__(self, word: str) -> list[str]:
        found = self.found.get(word)
        if found is None:
            kept = self.before.get(word)
            if kept is None:
                found = self.within(word, self.frequent)
            else:
                found = {w: d for w, d in kept.items() if w not in self.removed}
                found.update(self.within(word, self.added))
            self.found[word] = found
        return sorted(found, key=lambda w: (found[w], self.place[w]))[:10]

    @staticmethod
    def within(word: str, choices: list[str]) -> dict[str, int]:
        limit = min(4, len(word) // 2)
        return {w: d for w, d, _ in process.extract(word, choices, scorer=Levenshtein.distance, score_cutoff=limit,
                                                    limit=None)} if choices else {}


WIDE = 20  # readings a wide search gives, nearest first
WIDE_ENGLISH = 1e-6  # English words a wide search looks among: the commoner ones
COMMON_ENGLISH = 1e-4  # ... and the commonest, which it looks among further away


class WideSearch:
    """Words of about a garble's length within an edit in every three letters and one, nearest first:
    for a word the scan garbled past its near look-alikes (``suoooaafully``, ``Bmeraenoe``), searched in C
    (rapidfuzz) over every commoner English word and dictionary term of that length; the commonest
    words one edit further (``idiioh``, four from *which*), as their prior pays for an edit more.

    >>> search = WideSearch(["successfully", "unlawfully", "emergence", "pact", "which", "ditch"],
    ...                     {"successfully": 3e-5, "unlawfully": 4e-6, "emergence": 6e-6, "pact": 5e-6,
    ...                      "which": 4e-3, "ditch": 1e-5}, set())
    >>> search("suoooaafully"), search("bmeraenoe"), search("idiioh")
    (['successfully'], ['emergence'], ['ditch', 'which'])
    """

    def __init__(self, words, english: dict[str, float], terms):
        self.by_length: dict[int, list[str]] = defaultdict(list)
        self.common: dict[int, list[str]] = defaultdict(list)
        for w in sorted(words):
            if w.isalpha() and (w in terms or english.get(w, 0.0) >= WIDE_ENGLISH):
                self.by_length[len(w)].append(w)
            if w.isalpha() and english.get(w, 0.0) >= COMMON_ENGLISH:
                self.common[len(w)].append(w)

    def __call__(self, word: str) -> list[str]:
        pool = [w for size in range(len(word) - 1, len(word) + 2) for w in self.by_length.get(size, ())]
        found = [w for w, _, _ in process.extract(word, pool, scorer=Levenshtein.distance, limit=WIDE,
                                                  score_cutoff=len(word) // 3 + 1)]
        common = [w for size in range(len(word) - 1, len(word) + 2) for w in self.common.get(size, ())]
        found += [w for w, _, _ in process.extract(word, common, scorer=Levenshtein.distance, limit=WIDE,
                                                   score_cutoff=len(word) // 3 + 2) if w not in found]
        return found
