#!/usr/bin/env python3
"""Learn how far English's commonest words stray from their rate in a document
(pipeline/data/word_rates.json), from the ground truth of the training pairs.

    python scripts/learn_word_rates.py [--external ../shared/external] [--out pipeline/data/word_rates.json]

A document writes *with* about as often as English does (seven in a thousand words), and *he*
or *I* as its genre decides: a report may never write *I*.  So each of English's commonest words
gets a negative binomial's dispersion: a word's count in a document of N words has mean
N * frequency (wordfreq's) and variance mean + dispersion * mean**2, the dispersion fitted by the
method of moments over the training documents (the same ones scripts/learn_prior.py reads: the
first half of mca-dev's documents, and bln600-train's records from 2,000 on, in documents of
100 records).  The stand-in pass (pipeline/correction/stand_ins.py) weighs a word's deficit with it.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from wordfreq import top_n_list, word_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.learn_prior import training_documents, write_json  # noqa: E402

COMMONEST = 100  # English's commonest words, the ones a document of a few thousand words must write
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def ground_truth(external: Path):
    """Each training document's ground truth, as one text (the halves :func:`learn_prior.training_documents` reads)."""
    for document in training_documents(external):
        yield "\n".join(gt for _, gt in document)


def learn(documents) -> dict:
    counts = [Counter(WORD.findall(text.lower())) for text in documents]
    sizes = [sum(c.values()) for c in counts]
    words = [w for w in top_n_list("en", 2 * COMMONEST) if w.isalpha()][:COMMONEST]
    dispersion = {}
    for w in words:
        f = word_frequency(w, "en")
        excess = sum((c[w] - n * f) ** 2 - n * f for c, n in zip(counts, sizes))
        scale = sum((n * f) ** 2 for n in sizes)
        dispersion[w] = round(max(excess / scale, 1e-3), 4)
    return {"about": "negative binomial dispersion of English's commonest words' counts in a document, "
                     "around wordfreq's rate; rebuilt by scripts/learn_word_rates.py",
            "documents": len(counts), "words": sum(sizes), "dispersion": dispersion}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("--external", type=Path, default=root.parent / "shared" / "external")
    ap.add_argument("--out", type=Path, default=root / "pipeline" / "data" / "word_rates.json")
    a = ap.parse_args()
    if not a.external.is_dir():
        print(f"error: no training data at {a.external}", file=sys.stderr)
        return 2
    rates = learn(ground_truth(a.external))
    write_json(a.out, rates)
    print(f"{a.out}: {len(rates['dispersion'])} words over {rates['documents']} documents ({rates['words']} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
