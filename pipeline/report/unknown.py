"""``<stem>.unknown.tsv``: words no dictionary knows that the pipeline left as they were.

Most common first, each with where it first shows and its best candidates,
so a person can teach the dictionaries in one command: ``ocrclean dict add
WORD --list names`` (it is right) or ``ocrclean dict fix WORD RIGHT`` (it is
a misreading the engine could not reach).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..document import BODY_KINDS, Document
from ..lexicon import Lexicon
from .changes import readings
from .tokens import checked_tokens, garbled

KINDS = (*BODY_KINDS, "footnote")
HEADER = "word\tcount\tfirst_line\tcandidates\n"


@dataclass
class Unknown:
    word: str
    count: int
    first_line: int
    candidates: list[str] = field(default_factory=list)

    @property
    def suggested_list(self) -> str:
        if self.word.isupper() and len(self.word) > 1:
            return "abbreviations"
        return "names" if self.word[:1].isupper() else "terms"

    def command(self, channel=None, often: dict[str, int] | None = None, common=None) -> str:
        """The one command that teaches the dictionaries this word, shell-quoted; or a warning.

        A fix only to a reading the scan's confusions make likely (``channel``: the engine's
        error model) of a ``common`` word, never to any word that merely looks close (``NKB`` is
        no ``No``, an abbreviation is not corrected into a word); no offer
        to add a word that is a likely misreading of a word the document writes ``often``
        (``Dovgalevslgr`` for ``Dovgalevsky``).

        >>> from pipeline.correction.profile import Costs, ScanProfile
        >>> print(Unknown("Khinohuk", 3, 1, ["Khinchuk"]).command(Costs(ScanProfile.prior())))
        ocrclean dict fix Khinohuk Khinchuk
        >>> print(Unknown("d'Affaires", 42, 1, ["affaires"]).command(Costs(ScanProfile.prior()), {"affaires": 3}))
        ocrclean dict add 'd'"'"'Affaires' --list terms
        >>> print(Unknown("Dovgalevslgr", 8, 1, []).command(Costs(ScanProfile.prior()), {"dovgalevsky": 40}))
        # not taught: a likely misreading of Dovgalevsky (40 times in the text); correct it in ocrclean review
        """
        from shlex import quote

        fixable = channel is None or self.suggested_list != "abbreviations"
        for candidate in (self.candidates if channel is not None else self.candidates[:1]) if fixable else ():
            if " " not in candidate and candidate.lower() != self.word.lower() and (channel is None or (
                    channel.cost(self.word, candidate) <= LIKELY and (common is None or common(candidate)))):
                return f"ocrclean dict fix {quote(self.word)} {quote(candidate)}"
        near = misreading_of(self.word, channel, often or {}) if channel is not None else None
        if near:
            return (f"# not taught: a likely misreading of {_cased_like(self.word, near)} ({often[near]} times "
                    "in the text); correct it in ocrclean review")
        return f"ocrclean dict add {quote(self.word)} --list {self.suggested_list}"


LIKELY = 1.0  # channel cost of a likely reading: one plain edit, or a few of the scan's cheap confusions
OFTEN = 3  # times the document writes a word for a garble of it to be kept out of the dictionaries


def misreading_of(word: str, channel, often: dict[str, int]) -> str | None:
    """The word the document writes ``often`` that ``word`` most likely misreads, if any.

    Within a cost of a quarter of an edit per letter; a word holding the other whole
    (``d'Affaires``, ``affaires``) is a form of it, not a misreading.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    lower = word.lower()
    if len(lower) < 5:
        return None
    pool = [w for w, n in often.items() if n >= OFTEN and w != lower and w not in lower and lower not in w]
    near = process.extract(lower, pool, scorer=Levenshtein.distance, score_cutoff=int(len(lower) * 0.4), limit=5)
    costs = [(channel.cost(word, w), -often[w], w) for w, _, _ in near]
    best = min(costs, default=None)
    return best[2] if best and best[0] <= 0.25 * len(lower) else None


def unknown_words(doc: Document, lexicon: Lexicon,
                  candidates: Callable[[str], list[str]] | None = None) -> list[Unknown]:
    """Unknown words of the clean text, garbles with digits or symbols inside too, most common first
    (ties alphabetical)."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    listed: dict[str, bool] = {}  # each word's verdict, worked out once: a document repeats its words
    for _, _, block in doc.blocks(KINDS):
        for start, word in checked_tokens(block.text):
            if word not in listed:
                listed[word] = len(word) >= 2 and (garbled(word) or not known(word, lexicon))
            if not listed[word]:
                continue
            counts[word] += 1
            first.setdefault(word, block.line_at(start))
    doubtful: dict[str, list[str]] = {}
    for item in doc.reading.doubtful if doc.reading else []:
        doubtful.setdefault(item.word, readings(item.candidates))
    rows = []
    for word, count in sorted(counts.items(), key=lambda wc: (-wc[1], wc[0].lower(), wc[0])):
        found = doubtful.get(word) or (candidates(word) if candidates else [])
        found = [_cased_like(word, c) for c in found if c.lower() != word.lower()]
        rows.append(Unknown(word, count, first[word], found[:3]))
    return rows


def known(word: str, lexicon: Lexicon) -> bool:
    """Known as it is, as a possessive of a known word, or as a compound of known words."""
    stem = word[:-2] if word.endswith(("'s", "’s")) else word
    return lexicon.is_known(stem) or ("-" in stem and all(lexicon.is_known(p) for p in stem.split("-") if p))


def _cased_like(word: str, candidate: str) -> str:
    return candidate[:1].upper() + candidate[1:] if word[:1].isupper() and candidate[:1].islower() else candidate


def unknown_tsv(rows: list[Unknown]) -> str:
    return HEADER + "".join(f"{u.word}\t{u.count}\t{u.first_line}\t{', '.join(u.candidates)}\n" for u in rows)
