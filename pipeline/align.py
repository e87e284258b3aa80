"""Aligning two sequences fast enough for whole books."""
from __future__ import annotations

import bisect
import difflib

MAX_GAP_PRODUCT = 4_000_000  # larger stretches without anchors are aligned greedily (time bound)
RESYNC_WINDOW = 12


def matching_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Index pairs of equal items, in order in both: a diff's matches in about linear time.

    Items that occur once in each list anchor the alignment (patience diff);
    :mod:`difflib` matches the short stretches between anchors.

    >>> matching_pairs("the pact was signed".split(), "the pact is signed".split())
    [(0, 0), (1, 1), (3, 3)]
    """
    pairs: list[tuple[int, int]] = []
    anchors = _unique_anchors(a, b)
    prev_i, prev_j = 0, 0
    for i, j in [*anchors, (len(a), len(b))]:
        pairs += _gap_pairs(a, b, prev_i, i, prev_j, j)
        if i < len(a):
            pairs.append((i, j))
        prev_i, prev_j = i + 1, j + 1
    return pairs


def _gap_pairs(a, b, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
    """Matches inside a stretch without anchors: difflib when small, else lockstep."""
    if (i1 - i0) * (j1 - j0) <= MAX_GAP_PRODUCT:
        matcher = difflib.SequenceMatcher(None, a[i0:i1], b[j0:j1], autojunk=False)
        return [(i0 + bi + k, j0 + bj + k) for bi, bj, size in matcher.get_matching_blocks() for k in range(size)]
    # too long to diff in time (a 2 MB line, a book repeated): walk both in step,
    # and past a difference resume at the nearest pair of equal items ahead
    pairs, i, j = [], i0, j0
    while i < i1 and j < j1:
        if a[i] == b[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
            continue
        ahead = [(di + dj, di, dj) for di in range(RESYNC_WINDOW) for dj in range(RESYNC_WINDOW)
                 if i + di < i1 and j + dj < j1 and a[i + di] == b[j + dj]]
        _, di, dj = min(ahead, default=(0, 1, 1))
        i, j = i + di, j + dj
    return pairs


def _unique_anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Words occurring once in each sequence, kept where their order agrees (longest run)."""
    where_a: dict[str, int] = {}
    for i, w in enumerate(a):
        where_a[w] = -1 if w in where_a else i
    where_b: dict[str, int] = {}
    for j, w in enumerate(b):
        where_b[w] = -1 if w in where_b else j
    pairs = sorted((i, where_b[w]) for w, i in where_a.items() if i >= 0 and where_b.get(w, -1) >= 0)
    # longest increasing subsequence of the b positions (patience sorting)
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
        back[k] = tail_at[pos - 1] if pos else -1
    chain, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]
