"""Propose domain terms from the thesis and the clean corpus texts (see README.md).

    PYTHONPATH=. python dictionaries/harvest.py raw/thesis.txt ../shared/corpus/*.txt

Prints capitalised words that English does not know (or knows as rare),
used at least four times in the scan or at all in a clean text, minus the
scan's garbles of them: a form one cheap OCR confusion away from a commoner
form (or from an English word) is dropped.  The output is reviewed by hand.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import regex

from pipeline.correction.channel import Channel
from pipeline.correction.vocabulary import English
from pipeline.lexicon import english_frequencies

NAME = regex.compile(r"\b\p{Lu}\p{Ll}{2,}\b")


def harvest(scan: str, clean: list[str]) -> list[str]:
    english, channel, index = english_frequencies(), Channel(), English.load().index
    counts, trusted = Counter(NAME.findall(scan)), set()
    for text in clean:
        trusted |= set(NAME.findall(text))
    pool = {w: n for w, n in counts.items() if n >= 4} | {w: counts[w] + 100 for w in trusted}
    pool = {w: n for w, n in pool.items() if english.get(w.lower(), 0) < 1e-5}
    kept: list[str] = []
    for word in sorted(pool, key=lambda w: -pool[w]):
        if any(channel.cost(word, k) <= 1.0 for k in kept):
            continue  # a garble of a commoner form
        if word not in trusted and any(english.get(c, 0) >= 1e-6 and channel.cost(word, c) <= 0.6
                                       for c in index.near(word, 2)):
            continue  # a garble of an English word (Boviet, Januaiy)
        kept.append(word)
    return sorted(kept)


if __name__ == "__main__":
    scan = Path(sys.argv[1]).read_text(encoding="utf-8")
    print("\n".join(harvest(scan, [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]])))
