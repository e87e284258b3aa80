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
from ..vocabulary import TOKEN
from .changes import candidate_words

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
        return "names" if self.word[:1].isupper() else "terms"

    def command(self) -> str:
        """The one command that teaches the dictionaries this word."""
        if self.candidates and " " not in self.candidates[0]:
            return f"ocrclean dict fix {self.word} {self.candidates[0]}   # or: ocrclean dict add {self.word}"
        return f"ocrclean dict add {self.word} --list {self.suggested_list}"


def unknown_words(doc: Document, lexicon: Lexicon,
                  candidates: Callable[[str], list[str]] | None = None) -> list[Unknown]:
    """Unknown words of the clean text, most common first (ties alphabetical)."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for _, _, block in doc.blocks(KINDS):
        for m in TOKEN.finditer(block.text):
            word = m[0]
            if len(word) < 2 or known(word, lexicon):
                continue
            counts[word] += 1
            first.setdefault(word, block.line_at(m.start()))
    doubtful: dict[str, list[str]] = {}
    for item in doc.meta.get("doubtful") or []:
        if isinstance(item, dict) and item.get("word"):
            doubtful.setdefault(item["word"], candidate_words(item))
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
