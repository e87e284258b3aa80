"""Fuzz: mutated thesis pages (substitutions, deleted and duplicated lines), a fixed number of them.

Each mutant must clean without raising, deterministically, and the restore log
must rebuild it exactly.
"""
from __future__ import annotations

import random

from conftest import RAW_THESIS
from pipeline.document import PAGE_BREAK
from pipeline.verify import rebuild, restore_spans

MUTANTS = 12  # each is cleaned twice: about a second each
NOISE = "*#»^~.,;:'\"-|/\\0123456789lIO \u00e9\u2019\ufffd\x00\t"


def mutate(page: str, rng: random.Random) -> str:
    lines = page.split("\n")
    for _ in range(rng.randint(0, 3)):
        if lines:
            del lines[rng.randrange(len(lines))]
    for _ in range(rng.randint(0, 3)):
        if lines:
            k = rng.randrange(len(lines))
            lines.insert(k, lines[k])
    chars = list("\n".join(lines))
    for _ in range(rng.randint(0, max(1, len(chars) // 20))):
        if chars:
            chars[rng.randrange(len(chars))] = rng.choice(NOISE)
    return "".join(chars)


def test_fuzz_mutated_thesis_pages(cleaner):
    pages = PAGE_BREAK.split(RAW_THESIS.read_text(encoding="utf-8"))
    rng = random.Random(20240601)
    done = 0
    for _ in range(MUTANTS):
        first = rng.randrange(len(pages) - 1)
        text = mutate("\n\n\n\n".join(pages[first:first + rng.randint(1, 2)]), rng)
        result = cleaner.clean(text, "fuzz")
        assert cleaner.clean(text, "fuzz").text == result.text, text
        assert rebuild(result.text, restore_spans(text, result.text)) == text
        done += 1
    assert done == MUTANTS
