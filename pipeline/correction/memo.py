"""What the corrector works out about a word that no document's counts change, worked out once.

The words stage reads a document in two rounds, each learning it afresh
(:meth:`.engine.Corrector.learn`), and each round weighs some 3,000 words against
their look-alikes.  What depends only on the word, English, the dictionaries, the
generic prior and the weights is the same in every round, so it is kept here: the
look-alikes English and the dictionaries give a word, its read-backs through the
prior's confusions, whether it is examined at all, the tokens of an unchanged text.
What the document's own words and counts decide is kept only with what it was decided on,
and worked out again when that changed (a read-back, :class:`.candidates.ReadBack`).

A memo is built for one set of weights.  When a document is done, what depends on a word alone is
carried to the next (:meth:`WordMemo.carried`): a batch of typescripts or newspaper files shares
most of its garbles, and record mode would otherwise work them out again for every file.  What a
document's counts decided is dropped with it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from .candidates import FarReach, ReadBack
from .language import Weights
from .tokens import Token

CARRIED_WORDS = 50_000  # words whose look-alikes are carried to the next document at most (some 60 MB)


@dataclass
class Lookalikes:
    """A word's readings that English and the dictionaries give, whatever the document says."""

    # English's and the dictionaries' words one edit away, and two; each word one shared string (a word is
    # near hundreds, and the thesis's 5,000 examined words would otherwise hold 80 MB of copies)
    near: list[tuple[str, ...]]
    # the word read back through the prior's likeliest confusions: (reading, English or the dictionaries
    # know it, English words one edit from it when it is looked up at distance one)
    rewritten: list[tuple[str, bool, list[str]]]
    splits: list[str]  # two common words the scan ran together
    compounds: list[tuple[str, str]]  # compounds whose hyphens the scan read as letters, and those letters
    _ranked: list[bool] = field(default_factory=lambda: [False, False])

    def ranked(self, english: Callable[[str], float], rarity: dict[str, float]) -> Iterator[str]:
        """``near``'s words nearest first, then likeliest by ``english`` (a word's prior when the document
        does not count it), then alphabetical: the engine's order for such a word.  The words at each
        distance are ranked when first asked for (a short word has hundreds two edits away, seldom wanted);
        ``rarity`` keeps each word's ``-english(word)`` for every word's ranking."""
        for i, group in enumerate(self.near):
            if not self._ranked[i]:
                for c in group:
                    if c not in rarity:
                        rarity[c] = -english(c)
                # alphabetical, then (a stable sort) commonest first: by (-english, word), keys looked up in C
                group = self.near[i] = tuple(sorted(sorted(group), key=rarity.__getitem__))
                self._ranked[i] = True
            yield from group


@dataclass
class WordMemo:
    weights: Weights
    lookalikes: dict[str, Lookalikes] = field(default_factory=dict)
    suspect: dict[str, bool] = field(default_factory=dict)  # weighed against its look-alikes
    read_backs: dict[str, ReadBack] = field(default_factory=dict)  # kept while the document's own words steer them alike
    far_reach: FarReach = field(default_factory=FarReach)  # the document's common words near each word
    frequency: dict[str, float] = field(default_factory=dict)  # shared by each round's LanguageModel
    rarity: dict[str, float] = field(default_factory=dict)  # for Lookalikes.ranked
    tokens: dict[tuple[str, int], list[Token]] = field(default_factory=dict)  # (text, line) -> its words
    lines: dict = field(default_factory=dict)  # (text, the text before it) -> its engine.LineWords
    found_wide: dict[str, list[str]] = field(default_factory=dict)  # a word's wide search (engine.Corrector.wide_search)
    parts: dict[str, list[str]] = field(default_factory=dict)  # a compound's part as English knows it (engine.Corrector.read_part)

    def wide(self, word: str, search: Callable[[str], list[str]]) -> list[str]:
        if word not in self.found_wide:
            self.found_wide[word] = search(word)
        return self.found_wide[word]

    def carried(self) -> "WordMemo":
        """A memo for the next document: a word's look-alikes, read-backs (which check the document's own
        words again) and wide search, whether it is examined, and English's frequencies, unless
        ``CARRIED_WORDS`` words are held already; not what the document's counts decided."""
        if len(self.lookalikes) > CARRIED_WORDS:
            return WordMemo(self.weights)
        return WordMemo(self.weights, lookalikes=self.lookalikes, suspect=self.suspect, read_backs=self.read_backs,
                        frequency=self.frequency, rarity=self.rarity, found_wide=self.found_wide, parts=self.parts)
