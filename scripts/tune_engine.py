#!/usr/bin/env python3
"""Fit the word engine's hyperparameters on one half of the development data; report both halves.

    python scripts/tune_engine.py --show                 # the figures with the current weights
    python scripts/tune_engine.py --set unknown=1e-9     # ... with one weight changed
    python scripts/tune_engine.py --search --write       # coordinate search on the fit halves; save the best

The halves: the thesis's gold pages alternately (p003 fit, p009 held, ...); mca-dev's documents
alternately by name; bln600-train's records 2000-2999 (fit) and 0-1999 (held, what dev-figures
scores).  Everything before the words stage is run once and kept, so a setting costs only the
words and citations stages.  The objective is the mean CER reduction of the three fit halves, less
the share of BLN600's fit records made worse (see :func:`objective`).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import edlib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pipeline.config import Config  # noqa: E402
from pipeline.core import Cleaner  # noqa: E402
from pipeline.correction.engine import Corrector  # noqa: E402
from pipeline.correction.language import WEIGHTS_FILE, Weights  # noqa: E402
from pipeline.document import Block, Document, Page  # noqa: E402
from pipeline.records import record_config  # noqa: E402
from pipeline.render import render  # noqa: E402

SHARED = ROOT.parent / "shared"
AFTER = ("words", "citations")  # the stages each setting reruns


def dist(a: str, b: str) -> int:
    return max(len(a), len(b)) if not a or not b else edlib.align(a, b)["editDistance"]


class Thesis:
    def __init__(self):
        config = Config.discover(ROOT)
        before = [s for s in config.stages if s not in AFTER]
        self.cleaner = Cleaner(dataclasses.replace(config, stages=[s for s in config.stages if s in AFTER]))
        self.doc = Cleaner(dataclasses.replace(config, stages=before)).clean(
            (ROOT / "raw/thesis.txt").read_text(encoding="utf-8"), "thesis").document

    def score(self, corrector) -> dict:
        self.cleaner.resources.corrector = corrector
        text = render(self.cleaner.run(self.doc).document)
        with tempfile.TemporaryDirectory() as tmp:
            clean, out = Path(tmp) / "thesis.txt", Path(tmp) / "score.json"
            clean.write_text(text, encoding="utf-8")
            subprocess.run([sys.executable, str(SHARED / "eval/score_pages.py"), "--raw", str(ROOT / "raw/thesis.txt"),
                            "--clean", str(clean), "--gold", str(SHARED / "gold-dev"), "--json", str(out)],
                           check=True, capture_output=True)
            pages = json.loads(out.read_text())["pages"]
        names = sorted(pages)
        halves = {"fit": names[0::2], "held": names[1::2]}
        out = {}
        for half, chosen in halves.items():
            err = sum(pages[n]["body_err"] for n in chosen)
            raw = sum(pages[n]["raw_body_err"] for n in chosen)
            out[half] = 1 - err / raw
        return out


class Records:
    """Line-aligned OCR with ground truth, split into fit and held records."""

    def __init__(self, name: str, files: dict[str, list[tuple[Path, Path]]], lines: dict[str, slice] | None = None):
        self.name = name
        config = record_config(Config.discover(ROOT))
        before = [s for s in config.stages if s not in AFTER]
        self.cleaner = Cleaner(dataclasses.replace(config, stages=[s for s in config.stages if s in AFTER]))
        pre = Cleaner(dataclasses.replace(config, stages=before))
        self.docs: dict[str, list] = {}
        for half, pairs in files.items():
            for ocr, gt in pairs:
                o = ocr.read_text(encoding="utf-8", errors="replace").split("\n")
                g = gt.read_text(encoding="utf-8", errors="replace").split("\n")
                if lines:
                    o, g = o[lines[half]], g[lines[half]]
                blocks = [Block("paragraph" if t.strip() else "blank", t, 1, i + 1) for i, t in enumerate(o)]
                doc = pre.run(Document(ocr.stem, [Page(1, blocks)])).document
                self.docs.setdefault(half, []).append((doc, o, g))

    def score(self, corrector) -> dict:
        self.cleaner.resources.corrector = corrector
        out = {}
        for half, docs in self.docs.items():
            e0 = e1 = worse = records = 0
            for doc, ocr, gt in docs:
                cleaned = [b.text.replace("\n", " ") for _, _, b in self.cleaner.run(doc).document.blocks()]
                for x, y, z in zip(ocr, cleaned, gt):
                    before, after = dist(x, z), dist(y, z)
                    e0, e1 = e0 + before, e1 + after
                    worse, records = worse + (after > before), records + 1
            out[half] = 1 - e1 / e0
            out[f"{half} worse"] = worse / max(1, records)
        return out


class CleanTexts:
    """The corpus's two clean texts: words the engine changes there (at most two allowed)."""

    def __init__(self):
        self.texts = [[p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
                      for path in sorted((SHARED / "corpus").glob("*-*.txt")) if "raw" not in path.name]

    def score(self, corrector) -> dict:
        changed = [len(corrector.plan(text).corrections) for text in self.texts]
        return {"fit": max(changed), "held": sum(changed)}


def datasets() -> list:
    mca = sorted((SHARED / "external/mca-dev").glob("*.ocr.txt"))
    pair = lambda p: (p, p.with_name(p.name.replace(".ocr.txt", ".gt.txt")))
    bln = SHARED / "external/bln600-train"
    return [
        ("clean", CleanTexts()),
        ("thesis", Thesis()),
        ("mca", Records("mca", {"fit": [pair(p) for p in mca[0::2]], "held": [pair(p) for p in mca[1::2]]})),
        ("bln", Records("bln", {"fit": [(bln / "ocr.txt", bln / "gt.txt")], "held": [(bln / "ocr.txt", bln / "gt.txt")]},
                        {"fit": slice(2000, 3000), "held": slice(0, 2000)})),
    ]


def evaluate(sets, weights: Weights) -> dict:
    corrector = Corrector(sets[1][1].cleaner.resources.lexicon, weights)
    return {name: data.score(corrector) for name, data in sets}


def objective(figures: dict) -> float:
    """Mean CER reduction of the fit halves, less the share of BLN600's records made worse (a record made
    worse costs what a point of reduction gains: a reader trusts the tool by the lines it breaks), less a
    penalty for each word changed in clean text past two.  mca-dev's records made worse are not counted:
    most are its ground truth's own OCR slips (``tha``, ``trada``, ``agraamant``) that the engine mends."""
    reductions = [f["fit"] for name, f in figures.items() if name != "clean"]
    return (sum(reductions) / len(reductions) - figures["bln"]["fit worse"]
            - 0.02 * max(0, figures["clean"]["fit"] - 2))


def show(weights, figures) -> None:
    row = " ".join(f"{name} {f['fit']:.3f}/{f['held']:.3f}" + (f" (worse {f['fit worse']:.3f}/{f['held worse']:.3f})"
                                                               if "fit worse" in f else "")
                   for name, f in figures.items())
    row = row.replace("clean ", "clean(max/sum) ")
    print(f"{objective(figures):.4f}  {row}  {dataclasses.asdict(weights)}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", default=[], help="name=value, a weight to try")
    ap.add_argument("--search", action="store_true", help="coordinate search over the weights")
    ap.add_argument("--passes", type=int, default=1, help="rounds of the coordinate search")
    ap.add_argument("--write", action="store_true", help=f"save the best weights to {WEIGHTS_FILE}")
    a = ap.parse_args()
    weights = Weights.load()
    for item in a.set:
        name, value = item.split("=", 1)
        weights = dataclasses.replace(weights, **{name: float(value)})
    sets = datasets()
    best = evaluate(sets, weights)
    show(weights, best)
    if a.search:
        factors = {"unknown": (0.1, 10), "plain": (0.5, 2), "strength": (0.25, 4), "document": (0.6, 1.4),
                   "pairs": (0.5, 1.5), "confidence": (0.9, 1.08), "examine": (0.3, 3), "spelling": (0.5, 1.5),
                   "names": (0.3, 3)}
        for _ in range(a.passes):
            for name, steps in factors.items():
                for f in steps:
                    value = getattr(weights, name) * f
                    if name in ("document", "pairs", "confidence", "spelling") and not 0 < value <= 1:
                        continue
                    trial = dataclasses.replace(weights, **{name: value})
                    figures = evaluate(sets, trial)
                    show(trial, figures)
                    if objective(figures) > objective(best) + 1e-4:
                        weights, best = trial, figures
        print("best:")
        show(weights, best)
    if a.write:
        weights.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
