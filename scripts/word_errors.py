#!/usr/bin/env python3
"""List the words a cleaned thesis still gets wrong on the gold pages: raw -> clean (gold), commonest first.

    python scripts/word_errors.py CLEAN.txt [--gold ../shared/gold-dev]

For looking at what kinds of errors remain; the figures come from score_pages.py.
"""
import argparse
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
import score_pages as sp  # noqa: E402


def aligned(gold: list[str], other: list[str]) -> dict[int, str]:
    """Gold word index -> the other's word in its place, for one-to-one replacements and matches."""
    out = {}
    for tag, g1, g2, o1, o2 in Levenshtein.opcodes(gold, other):
        if tag in ("equal", "replace") and g2 - g1 == o2 - o1:
            out.update({g1 + k: other[o1 + k] for k in range(g2 - g1)})
        elif tag == "replace":
            out[g1] = " ".join(other[o1:o2])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("clean", type=Path)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold-dev")
    ap.add_argument("--raw", type=Path, default=ROOT / "raw" / "thesis.txt")
    a = ap.parse_args()
    raw_norm, _ = sp.normalize(a.raw.read_text(encoding="utf-8"))
    clean_norm, _ = sp.normalize(sp.split_doc(a.clean.read_text(encoding="utf-8"))[0])
    errors = Counter()
    for page in sorted(a.gold.glob("*.gold.txt")):
        g, _ = sp.normalize(sp.split_doc(page.read_text(encoding="utf-8"))[0])
        _, s, e = sp.locate(g, clean_norm)
        _, rs, re_ = sp.locate(g, raw_norm)
        gw = g.split()
        cw, rw = sp.word_span(clean_norm, s, e).split(), sp.word_span(raw_norm, rs, re_).split()
        in_clean, in_raw = aligned(gw, cw), aligned(gw, rw)
        for i, word in enumerate(gw):
            if in_clean.get(i) != word:
                kind = "broken" if in_raw.get(i) == word else "left" if in_raw.get(i) == in_clean.get(i) else "wrong"
                errors[(kind, in_raw.get(i, "?"), in_clean.get(i, "?"), word)] += 1
    for (kind, r, c, g), n in sorted(errors.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"{kind}\t{n}\t{r}\t{c}\t{g}")
    print(Counter(k[0] for k in errors.elements()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
