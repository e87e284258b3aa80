"""Record mode on general English: CER before and after, and harm to clean text.

Ground truth: public-domain and clean English reachable without a network,
one record per line:

- the King James Bible (1611; Debian's ``bible-kjv`` package, read with its
  ``bible`` command), several books, one verse per record;
- the two cleanly typed texts in ``shared/corpus`` (modern English prose),
  one paragraph per record.

OCR side: the same lines through ``make_noisy`` (the thesis scan's own error
model, see that file) with a fixed seed.  Figures:

- CER = edit distance / ground-truth characters, before and after cleaning;
- on the clean lines themselves, the share of words the cleaner changes
  (must stay at or below 0.1%);
- records per second.

    python bench/bench_records.py [--scale 1.0] [--seed 7]
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import edlib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_noisy import ROOT, learn, noisy  # noqa: E402
from pipeline import Config  # noqa: E402
from pipeline.records import RecordCleaner  # noqa: E402

BOOKS = ("Gen1:1-50:26", "Ruth1:1-4:22", "Luke1:1-24:53", "Acts1:1-28:31")
CORPUS = ROOT.parent / "shared" / "corpus"


def kjv_lines() -> list[str]:
    if not shutil.which("bible"):
        return []
    lines = []
    for book in BOOKS:
        out = subprocess.run(["bible", "-f", book], capture_output=True, text=True).stdout
        lines += [l.split(" ", 1)[1].strip() for l in out.splitlines() if " " in l and l[0].isalpha()]
    return [l for l in lines if l]


def corpus_lines() -> list[str]:
    lines = []
    for name in ("article-litvinov-agreement.txt", "essay-litvinov-foreign-policy.txt"):
        path = CORPUS / name
        if path.exists():
            lines += [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if len(l.split()) >= 4]
    return lines


def cer(outputs: list[str], truth: list[str]) -> float:
    errors = sum(edlib.align(o, t)["editDistance"] for o, t in zip(outputs, truth))
    return errors / sum(len(t) for t in truth)


WORD = re.compile(r"\w+(?:['-]\w+)*")


def words_changed(outputs: list[str], truth: list[str]) -> tuple[int, int]:
    """Words (letters and digits, not the spacing of punctuation) of the truth the output lost."""
    changed = total = 0
    for o, t in zip(outputs, truth):
        a, b = WORD.findall(t), WORD.findall(o)
        total += len(a)
        same = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
        changed += len(a) - same
    return changed, total


def measure(name: str, truth: list[str], cleaner: RecordCleaner, model: dict, scale: float, seed: int) -> None:
    rng = random.Random(seed)
    ocr = [noisy(t, model, rng, scale) for t in truth]
    start = time.perf_counter()
    cleaned = cleaner.clean("\n".join(ocr)).text.split("\n")
    seconds = time.perf_counter() - start
    untouched = cleaner.clean("\n".join(truth)).text.split("\n")
    assert len(cleaned) == len(truth) and len(untouched) == len(truth)
    changed, total = words_changed(untouched, truth)
    print(f"| {name} | {len(truth)} | {cer(ocr, truth):.2%} | {cer(cleaned, truth):.2%} | "
          f"{changed}/{total} = {changed / total:.3%} | {len(truth) / seconds:,.0f} |")
    return cleaned, untouched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the learned error rates")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print this many words changed on clean text")
    args = parser.parse_args()
    model = learn()
    cleaner = RecordCleaner(Config.discover(ROOT))
    print(f"stages: {', '.join(s.name for s in cleaner.stages)}; noise scale {args.scale}, seed {args.seed}\n")
    print("| text | records | CER before | CER after | words changed on clean input | records/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, truth in (("KJV Bible (4 books)", kjv_lines()), ("modern prose (shared/corpus)", corpus_lines())):
        if not truth:
            print(f"| {name} | not available | | | | |")
            continue
        _, untouched = measure(name, truth, cleaner, model, args.scale, args.seed)
        shown = 0
        for t, u in zip(truth, untouched):
            if t != u and shown < args.show:
                print(f"    {t!r}\n -> {u!r}")
                shown += 1


if __name__ == "__main__":
    main()
