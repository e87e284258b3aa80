#!/usr/bin/env python3
"""Learn the generic OCR prior (pipeline/data/ocr_prior.json) from pairs of OCR and ground truth.

    python scripts/learn_prior.py [--external ../shared/external] [--out pipeline/data/ocr_prior.json]

Each record's OCR line is aligned with its ground truth (pipeline.correction.profile.blocks);
every block of differing letters of at most three a side, inside words, is one confusion
event.  Only the training part of each set is read, so the other part stays for evaluation:
the first half of mca-dev's documents (sorted by name) and bln600-train's records from
2,000 on (`dev-figures` scores the first 2,000).  Confusions seen once give, by Good-Turing,
the probability of an unseen edit per letter (`plain`).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.correction.profile import MAX_PIECE, blocks  # noqa: E402
from pipeline.io import atomic_writer  # noqa: E402

BLN_EVALUATED = 2000
RECORDS_PER_DOCUMENT = 100


def training_documents(external: Path):
    """The training halves, each document as its (OCR, ground truth) record pairs: the first half of
    mca-dev's documents (sorted by name), and bln600-train's records from 2,000 on, in documents of
    100 records (`dev-figures` scores the first 2,000)."""
    mca = sorted(external.glob("mca-dev/*.ocr.txt"))
    for ocr in mca[: len(mca) // 2]:
        gt = ocr.with_name(ocr.name.replace(".ocr.txt", ".gt.txt"))
        yield list(zip(ocr.read_text(encoding="utf-8").splitlines(), gt.read_text(encoding="utf-8").splitlines()))
    bln = external / "bln600-train"
    ocr = (bln / "ocr.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    gt = (bln / "gt.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    records = list(zip(ocr, gt))[BLN_EVALUATED:]
    for k in range(0, len(records), RECORDS_PER_DOCUMENT):
        yield records[k:k + RECORDS_PER_DOCUMENT]


def training_pairs(external: Path):
    for document in training_documents(external):
        yield from document


def write_json(path: Path, data: dict) -> None:
    """The table, written whole or not at all (:func:`pipeline.io.atomic_writer`)."""
    with atomic_writer(path) as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=0) + "\n")


def learn(pairs) -> dict:
    counts: Counter = Counter()
    letters = 0
    typed_text = []
    for ocr, gt in pairs:
        ocr, gt = ocr.lower(), gt.lower()
        if not gt or not ocr:
            continue
        letters += sum(ch.isalpha() for ch in gt)
        typed_text.append(gt)
        for t, s in blocks(gt, ocr):
            if t == s or len(t) > MAX_PIECE or len(s) > MAX_PIECE or any(ch.isspace() for ch in t + s):
                continue
            if not any(ch.isalpha() for ch in t + s):
                continue  # punctuation against punctuation belongs to the punctuation stage
            counts[(t, s)] += 1
    singletons = sum(1 for n in counts.values() if n == 1)
    kept = {k: n for k, n in counts.items() if n >= 2}
    typed = {t for t, _ in kept if t}
    text = "\n".join(typed_text)
    chances = {t: text.count(t) for t in sorted(typed)}
    return {
        "about": "P(scanned|typed) = count / chances[typed]; insertions (typed '') over letters; "
                 "unseen edits cost plain per letter. Rebuilt by scripts/learn_prior.py.",
        "letters": letters,
        "plain": round(singletons / max(letters, 1), 8),
        "chances": chances,
        "counts": sorted(([t, s, n] for (t, s), n in kept.items()), key=lambda r: (-r[2], r[0], r[1])),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("--external", type=Path, default=root.parent / "shared" / "external")
    ap.add_argument("--out", type=Path, default=root / "pipeline" / "data" / "ocr_prior.json")
    a = ap.parse_args()
    if not a.external.is_dir():
        print(f"error: no training data at {a.external}", file=sys.stderr)
        return 2
    prior = learn(training_pairs(a.external))
    write_json(a.out, prior)
    print(f"{a.out}: {len(prior['counts'])} confusions over {prior['letters']} letters, plain {prior['plain']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
