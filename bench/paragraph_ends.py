#!/usr/bin/env python3
"""Count body paragraphs of a cleaned text that stop in mid-sentence or in a hyphen.

A body paragraph is a line that is not a ``[^N]:`` note definition.  It ends
mid-sentence when its last character (after any ``[^N]`` mark) is a small
letter or a comma; it ends in a hyphen when its last character is ``-``.
Most such cases are one paragraph cut at a page break (issue 15).

    python bench/paragraph_ends.py clean/thesis.txt [--show N]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

NOTE_DEF = re.compile(r"^\[\^[^\]\s]+\]:")
MARK = re.compile(r"\[\^[^\]\s]+\]")


def paragraph_ends(text: str) -> dict[str, list[str]]:
    """Body paragraphs ending mid-sentence and in a hyphen.

    >>> ends = paragraph_ends("the ageing bogey of France-\\n\\nSoviet relations.[^48]\\n\\nthat it was,\\n\\n[^48]: Ibid, of")
    >>> ends["mid_sentence"], ends["hyphen"]
    (['that it was,'], ['the ageing bogey of France-'])
    """
    out: dict[str, list[str]] = {"mid_sentence": [], "hyphen": []}
    for line in text.splitlines():
        if not line.strip() or NOTE_DEF.match(line):
            continue
        end = MARK.sub("", line).rstrip()[-1:]
        if end == "-":
            out["hyphen"].append(line)
        elif end.islower() or end == ",":
            out["mid_sentence"].append(line)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("clean", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print the last 100 characters of N cases of each")
    a = ap.parse_args()
    ends = paragraph_ends(a.clean.read_text(encoding="utf-8"))
    for kind, lines in ends.items():
        print(f"{kind}: {len(lines)}")
        for line in lines[: a.show]:
            print("   ..." + line[-100:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
