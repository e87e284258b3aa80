"""Word knowledge shared by the stages: English frequencies plus domain lists.

English comes from ``wordfreq`` (its large list knows British spelling);
the domain lists are the plain-text files in ``dictionaries/`` that a person
edits: one term per line, ``#`` starts a comment.  ``corrections.txt`` holds
``wrong -> right`` pairs.
"""
from __future__ import annotations

import array
import functools
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .errors import DictionaryError

TERM_LISTS = ("names", "places", "terms", "abbreviations")
# British spelling doubles a verb's final l before an ending (initialled, initialed): one word, two spellings
DOUBLED_L = ("lled", "lling", "ller", "llers")
RARE = 1e-6  # only a rare spelling borrows from the other: a common word (filled, filed) stands alone
CORRECTION = regex.compile(r"^(?P<wrong>\S(?:.*\S)?)\s+->\s+(?P<right>\S(?:.*\S)?)$")


@functools.lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """wordfreq's English frequencies (its large list), from the disk cache of the English tables.

    wordfreq's own reader takes longer and keeps its word lists in memory beside the dictionary; the
    cache holds the words in one string and each word's frequency as a number into the list of the few
    hundred values wordfreq uses, so a frequency is one shared float, not one per word.
    """
    from importlib.metadata import version

    from .correction.vocabulary import cache_folder, cached

    def build() -> tuple[str, array.array, list[float]]:
        import wordfreq

        table = wordfreq.get_frequency_dict("en", "large")
        values = sorted(set(table.values()))
        number = {v: i for i, v in enumerate(values)}
        return "\n".join(table), array.array("H", [number[f] for f in table.values()]), values

    words, codes, values = cached(cache_folder() / f"english-frequencies-{version('wordfreq')}.pickle", build)
    return dict(zip(words.split("\n"), map(values.__getitem__, codes)))


def read_list(path: Path) -> list[tuple[int, str]]:
    """Non-comment lines of a dictionary file with their line numbers."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM is not part of the first entry
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        raise DictionaryError(f"{path}:{line}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror})") from None
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append((number, line))
    return entries


@dataclass
class Lexicon:
    """What words the pipeline knows, and how common they are."""

    terms: dict[str, str] = field(default_factory=dict)  # lower-case -> list name
    cased: set[str] = field(default_factory=set)  # terms exactly as the lists write them
    corrections: dict[str, str] = field(default_factory=dict)
    folder: Path | None = None

    @classmethod
    def load(cls, folder: Path | str | None) -> "Lexicon":
        lex = cls(folder=Path(folder) if folder else None)
        if lex.folder is None or not lex.folder.is_dir():
            return lex
        for name in TERM_LISTS:
            path = lex.folder / f"{name}.txt"
            if path.exists():
                for _, term in read_list(path):
                    lex.cased.add(term)
                    lex.terms.setdefault(term.lower(), name)
        path = lex.folder / "corrections.txt"
        if path.exists():
            for number, line in read_list(path):
                m = CORRECTION.match(line)
                if not m:
                    raise DictionaryError(f"{path}:{number}: expected 'wrong -> right', got {line!r}")
                lex.corrections[m["wrong"]] = m["right"]
                for word in m["right"].split():  # what the user calls right is a known word
                    lex.cased.add(word)
                    lex.terms.setdefault(word.lower(), "corrections")
        return lex

    def frequency(self, word: str) -> float:
        """Relative frequency in English (0.0 when unknown), a rare British spelling counting its American one.

        >>> lex = Lexicon()
        >>> lex.frequency("initialled") > lex.frequency("initialed") > 0, lex.frequency("filled") > lex.frequency("filed")
        (True, True)
        """
        low = word.lower()
        english = english_frequencies()
        freq = english.get(low, 0.0)
        if freq < RARE and low.endswith(DOUBLED_L):
            end = next(e for e in DOUBLED_L if low.endswith(e))
            freq += english.get(low[:-len(end)] + end[1:], 0.0)
        return freq

    def is_known(self, word: str, min_frequency: float = 1e-8) -> bool:
        """A domain term, or an English word at least this common."""
        low = word.lower()
        return low in self.terms or self.frequency(low) >= min_frequency
