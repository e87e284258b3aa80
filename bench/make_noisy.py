"""Realistic OCR noise for clean English text, learned from the thesis dev pages.

Error model (character level, context-free):

1. Each dev page pair ``shared/gold-dev/pNNN.{raw,gold}.txt`` is reduced to
   running body text: gold footnote lines and ``[^N]`` marks dropped, raw
   line-end hyphens joined, all whitespace runs made one space.
2. ``edlib`` aligns raw against gold.  Only small edits (at most 2 characters)
   with exact matches on both sides are counted: long gaps are layout (page
   numbers, footnotes), not misreading.
3. From the counts: for every gold character ``c``, the chance it is misread
   and the distribution of what it becomes (another character, two
   characters, or nothing), plus a per-character chance that a stray
   character is inserted after it.

``noisy(text, model, rng, scale)`` then draws errors independently for each
character; ``scale`` multiplies all rates (1.0 = the thesis scan's own rate).

Run as a script to print the model's headline figures:

    python bench/make_noisy.py
"""
from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import edlib

ROOT = Path(__file__).resolve().parent.parent
GOLD_DEV = ROOT.parent / "shared" / "gold-dev"
MAX_EDIT = 2  # longer gaps are layout, not misreading


def body_text(text: str, gold: bool) -> str:
    if gold:
        text = "\n".join(l for l in text.split("\n") if not l.startswith("[^"))
        text = re.sub(r"\[\^[^\]\s]+\]", "", text)
    else:
        text = re.sub(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])", "", text)  # line-end hyphens are layout
    return " ".join(text.split())


def _columns(cigar: str, raw: str, gold: str) -> tuple[str, str]:
    g, r, gi, ri = [], [], 0, 0
    for count, op in re.findall(r"(\d+)([=XID])", cigar):
        for _ in range(int(count)):
            if op in "=X":
                g.append(gold[gi]); r.append(raw[ri]); gi += 1; ri += 1
            elif op == "I":  # in raw only
                g.append("\0"); r.append(raw[ri]); ri += 1
            else:  # in gold only
                g.append(gold[gi]); r.append("\0"); gi += 1
    return "".join(g), "".join(r)


def learn(folder: Path = GOLD_DEV) -> dict:
    """Counts of what each gold character became, from every dev page."""
    seen: Counter = Counter()
    became: dict[str, Counter] = defaultdict(Counter)
    inserted: Counter = Counter()
    for gold_path in sorted(folder.glob("*.gold.txt")):
        raw_path = gold_path.with_name(gold_path.name.replace(".gold.", ".raw."))
        gold = body_text(gold_path.read_text(encoding="utf-8"), True)
        raw = body_text(raw_path.read_text(encoding="utf-8"), False)
        g, r = _columns(edlib.align(raw, gold, task="path")["cigar"], raw, gold)
        seen.update(c for c in g if c != "\0")
        i = 0
        while i < len(g):
            if g[i] == r[i]:
                i += 1
                continue
            j = i
            while j < len(g) and g[j] != r[j]:
                j += 1
            # a small edit between exact matches: what the scanner did to these characters
            if j - i <= MAX_EDIT and i > 0 and j < len(g):
                gold_part, raw_part = g[i:j].replace("\0", ""), r[i:j].replace("\0", "")
                if not gold_part:
                    if not raw_part.isdigit():  # a footnote mark the gold moved, not a misreading
                        inserted[raw_part] += 1
                elif len(gold_part) == 1:
                    became[gold_part][raw_part] += 1
                else:  # two gold characters: the first takes the whole reading, the second vanishes
                    became[gold_part[0]][raw_part] += 1
                    became[gold_part[1]][""] += 1
            i = j
    total = sum(seen.values())
    return {"chars": total, "seen": dict(seen), "became": {c: dict(v) for c, v in became.items()},
            "inserted": dict(inserted)}


def noisy(text: str, model: dict, rng: random.Random, scale: float = 1.0) -> str:
    """``text`` as the thesis scanner might have read it.

    >>> model = {"chars": 10, "seen": {"e": 10}, "became": {"e": {"o": 10}}, "inserted": {}}
    >>> noisy("see me", model, random.Random(0))
    'soo mo'
    """
    seen, became = model["seen"], model["became"]
    insert_rate = scale * sum(model["inserted"].values()) / model["chars"]
    insertions = list(model["inserted"].items())
    out = []
    for c in text:
        options = became.get(c)
        if options and c in seen and rng.random() < scale * sum(options.values()) / seen[c]:
            readings, weights = zip(*options.items())
            out.append(rng.choices(readings, weights)[0])
        else:
            out.append(c)
        if insertions and c != " " and rng.random() < insert_rate:
            readings, weights = zip(*insertions)
            out.append(rng.choices(readings, weights)[0])
    return "".join(out)


if __name__ == "__main__":
    model = learn()
    errors = sum(sum(v.values()) for v in model["became"].values())
    print(f"{model['chars']} gold characters, {errors} misread ({errors / model['chars']:.2%}), "
          f"{sum(model['inserted'].values())} inserted")
    top = sorted(((n, c, r) for c, v in model["became"].items() for r, n in v.items()), reverse=True)[:15]
    print(json.dumps([f"{c!r}->{r!r} x{n}" for n, c, r in top], ensure_ascii=False))
    print("inserted:", json.dumps(Counter(model["inserted"]).most_common(10), ensure_ascii=False))
