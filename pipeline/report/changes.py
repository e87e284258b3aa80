"""Raw beside clean, page by page: the word-level changes a reviewer reads.

The clean document no longer follows raw pages (a paragraph may continue
across a page break), but every block remembers the raw line each of its
lines came from.  So the clean text is cut back into raw pages, each page's
raw and clean words are diffed, and each difference (a :class:`Hunk`) is
explained by the logged edits on its raw lines.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import regex
from rapidfuzz.distance import Indel

from ..document import Document, Edit, raw_pages
from ..rules.notation import CONTINUED, DEFINITION_ANYWHERE, MARK, reference
from .tokens import word_tokens

WORD = regex.compile(r"\S+")
NOTE_LABEL = regex.compile(rf"^{MARK}:")  # how the clean text writes a footnote's number
DOUBTFUL_BELOW = 0.8  # "show only doubtful changes": confidence under this


@dataclass
class Hunk:
    """Raw words replaced by clean words (either side may be empty)."""

    page: int
    line: int  # raw line of the first word
    before: str
    after: str
    raw_span: tuple[int, int]  # offsets in the page's raw text
    clean_span: tuple[int, int]  # offsets in the page's clean text
    edits: list[Edit] = field(default_factory=list)

    @cached_property
    def stages(self) -> list[str]:
        return list(dict.fromkeys(e.stage for e in self.edits)) or ["unexplained"]

    @property
    def stage(self) -> str:
        """The stage that made the change last: the one the report colours it by."""
        return self.stages[-1]

    @property
    def confidence(self) -> float:
        return min((e.confidence for e in self.edits), default=0.0)

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL_BELOW

    def describe(self) -> str:
        """One line per edit: stage, rule, confidence, before -> after, other candidates."""
        lines = []
        for e in self.edits:
            text = f"{e.stage} · {e.rule} · {e.confidence:.2f}: {_shown(e.before)} → {_shown(e.after)}"
            others = [c for c in candidate_words(e.detail) if c != e.after]
            if others:
                text += f" (also: {', '.join(others[:4])})"
            lines.append(text)
        return "\n".join(lines) or "no logged edit explains this change"


@dataclass
class Doubt:
    """A word the pipeline left as it was but was not sure about."""

    word: str
    line: int
    candidates: list[str]
    unknown: bool = False  # no dictionary knows it (it was not doubted: the engine had no reading for it)


@dataclass
class PageView:
    index: int
    printed: str | None
    first_line: int
    raw: str
    clean: str
    hunks: list[Hunk]
    doubts: list[tuple[tuple[int, int], Doubt, tuple[int, int]]]  # clean and raw spans of doubtful words

    @property
    def title(self) -> str:
        return f"page {self.index}" + (f" (printed {self.printed})" if self.printed else "")


def candidate_words(detail: dict | None) -> list[str]:
    """Candidate words from an edit's ``candidates`` (words or ``[word, score]`` pairs)."""
    return readings((detail or {}).get("candidates") or [])


def readings(candidates: list) -> list[str]:
    """The words of a list of candidates (words or ``[word, score]`` pairs)."""
    found = []
    for item in candidates:
        word = item[0] if isinstance(item, (list, tuple)) and item else item
        if isinstance(word, str):
            found.append(word)
    return found


def _shown(text: str) -> str:
    return repr(text) if not text.strip() else " ".join(text.split())


def _squash(text: str) -> str:
    return " ".join(text.split())


def clean_pages(doc: Document, page_of_line) -> dict[int, str]:
    """The clean text cut back into raw pages, footnotes written as ``[^N]: text``."""
    pieces: dict[int, list[tuple[int, str]]] = {}
    for _, _, block in doc.blocks():
        if not block.visible or not block.text.strip():
            continue
        runs = _runs_by_page(block, page_of_line)
        if block.kind == "footnote":
            page, line, text = runs[0]
            runs[0] = (page, line, f"{reference(block.label or CONTINUED)}: {text.strip()}")
        for page, line, text in runs:
            pieces.setdefault(page, []).append((line, text))
    return {page: "\n\n".join(text.strip() for _, text in sorted(items, key=lambda item: item[0]) if text.strip())
            for page, items in pieces.items()}


def _runs_by_page(block, page_of_line) -> list[tuple[int, int, str]]:
    """The block's text cut where its raw lines pass from one page to the next: ``(page, first line, text)``."""
    numbers = block.line_numbers or [block.first_line + i for i in range(len(block.line_starts))]
    runs, start = [], 0
    for k in range(1, len(numbers) + 1):
        if k == len(numbers) or page_of_line(numbers[k]) != page_of_line(numbers[k - 1]):
            end = block.line_starts[k] if k < len(numbers) else len(block.text)
            runs.append((page_of_line(numbers[k - 1]), numbers[start], block.text[block.line_starts[start]:end]))
            start = k
    return runs


def page_views(doc: Document, raw_text: str, unknown: dict[str, list[str]] | None = None) -> list[PageView]:
    """Every raw page with its clean text, its word changes, its doubtful words and the ``unknown`` ones
    (word -> candidates, from :func:`report.unknown.unknown_words`)."""
    spans = raw_pages(raw_text)
    firsts = [first for first, _ in spans]

    def page_of_line(line: int) -> int:
        return max(1, bisect.bisect_right(firsts, line))

    clean = clean_pages(doc, page_of_line)
    edits: dict[int, list[Edit]] = {}  # by raw page of the line (a block's edits keep the page it began on)
    for e in doc.edits:
        edits.setdefault(page_of_line(e.line), []).append(e)
    doubts: dict[int, list[Doubt]] = {}
    for item in doc.reading.doubtful if doc.reading else []:
        doubts.setdefault(item.line, []).append(Doubt(item.word, item.line, readings(item.candidates)))
    printed = {p.index: p.printed for p in doc.pages}
    return [_view(index, printed.get(index), first, raw, clean.get(index, ""), edits.get(index, []), doubts, unknown or {})
            for index, (first, raw) in enumerate(spans, 1)]


def word_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Runs of equal words and of changed words (``"change"``) between two word lists.

    >>> word_opcodes("the non* aggression pact".split(), "the non-aggression pact".split())
    [('equal', 0, 1, 0, 1), ('change', 1, 3, 1, 2), ('equal', 3, 4, 2, 3)]
    """
    runs: list[tuple[str, int, int, int, int]] = []
    for op in Indel.opcodes(a, b):
        tag = "equal" if op.tag == "equal" else "change"
        if runs and runs[-1][0] == tag == "change":
            runs[-1] = (tag, runs[-1][1], op.src_end, runs[-1][3], op.dest_end)
        else:
            runs.append((tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return runs


def _view(index, printed, first_line, raw, clean, edits, doubts, unknown) -> PageView:
    raw_words, clean_words = list(WORD.finditer(raw)), list(WORD.finditer(clean))
    line_starts = [0] + [m.end() for m in regex.finditer(r"\n", raw)]

    def line_of(i: int) -> int:
        if not raw_words:
            return first_line
        pos = raw_words[min(i, len(raw_words) - 1)].start()
        return first_line + bisect.bisect_right(line_starts, pos) - 1

    def span(words, i, j):
        if i < j:
            return words[i].start(), words[j - 1].end()
        pos = words[i - 1].end() if i else 0
        return pos, pos

    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        by_line.setdefault(e.line, []).append(e)
    order, used = {id(e): k for k, e in enumerate(edits)}, set()
    hunks, found = [], []
    for op, i1, i2, j1, j2 in word_opcodes([m[0] for m in raw_words], [m[0] for m in clean_words]):
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                for doubt in doubts.get(line_of(i), ()):
                    if clean_words[j][0].strip(".,;:!?()[]\"'") == doubt.word:
                        at = raw_words[i].start() + raw_words[i][0].find(doubt.word)
                        found.append(((clean_words[j].start(), clean_words[j].end()), doubt, (at, at + len(doubt.word))))
                        break
                else:
                    for start, token in word_tokens(clean_words[j][0]):
                        if token in unknown:
                            at, clean_at = raw_words[i].start() + start, clean_words[j].start() + start
                            found.append(((clean_at, clean_at + len(token)), Doubt(token, line_of(i), unknown[token], True),
                                          (at, at + len(token))))
            continue
        first, last = line_of(i1 if i1 < i2 else max(i1 - 1, 0)), line_of(max(i2 - 1, i1))
        hunk = Hunk(index, first, " ".join(m[0] for m in raw_words[i1:i2]), " ".join(m[0] for m in clean_words[j1:j2]),
                    span(raw_words, i1, i2), span(clean_words, j1, j2))
        nearby = [e for line in range(first - 1, last + 2) for e in by_line.get(line, ()) if id(e) not in used]
        hunk.edits = explaining(hunk, last, sorted(nearby, key=lambda e: order[id(e)]))
        used.update(map(id, hunk.edits))  # an edit explains one change
        hunks.append(hunk)
    owner = {id(e): h for h in hunks for e in h.edits}
    for hunk in hunks:  # what the first pass left: a wider look; an edit a neighbour can spare; a note label
        if hunk.edits:
            continue
        last = hunk.line + hunk.before.count(" ")
        nearby = sorted((e for line in range(hunk.line - WIDER, last + WIDER + 1) for e in by_line.get(line, ())),
                        key=lambda e: order[id(e)])
        hunk.edits = explaining(hunk, last, [e for e in nearby if id(e) not in owner], WIDER)
        if not hunk.edits:  # a neighbour took it greedily, with others that explain it as well
            spare = [e for e in nearby if id(e) in owner and len(owner[id(e)].edits) > 1]
            for e in explaining(hunk, last, spare, WIDER):
                if len(owner[id(e)].edits) > 1:
                    owner[id(e)].edits = [x for x in owner[id(e)].edits if x is not e]
                    hunk.edits.append(e)
        if not hunk.edits:  # the edit that made it explains a neighbour too (both show it whole)
            near = [e for line in range(hunk.line - 2 * WIDER, last + 2 * WIDER + 1) for e in by_line.get(line, ())]
            hunk.edits = [e for e in explaining(hunk, last, sorted(near, key=lambda e: order[id(e)]), 2 * WIDER)
                          if shows_whole(e, hunk)]
        hunk.edits = hunk.edits or note_label(hunk)
        owner.update((id(e), hunk) for e in hunk.edits)
    return PageView(index, printed, first_line, raw, clean, hunks, found)


def shows_whole(e: Edit, hunk: Hunk) -> bool:
    """Both sides of the edit show in the change (for spaces: it joins words and the change does)."""
    before, after = _squash(e.before), _squash(e.after)
    if not before and not after:
        return bool(e.before) and not e.after and len(hunk.before.split()) > len(hunk.after.split())
    return bool(before) and before in hunk.before and after in hunk.after


def note_label(hunk: Hunk) -> list[Edit]:
    """A note's number become its label (``81 .Soviet`` -> ``[^81]: Soviet``), or the label of a note placed
    here: labels are written as the text is rendered, not as logged edits (as in :func:`explaining`)."""
    label = DEFINITION_ANYWHERE.search(hunk.after)
    if label and (label[1] in hunk.before or not hunk.before):
        return [Edit("layout", "footnote-label", hunk.before, hunk.after, hunk.page, hunk.line)]
    return []


WIDER = 3  # lines either side where a second look searches (a note's lines are numbered loosely)


def explaining(hunk: Hunk, last_line: int, edits: list[Edit], wider: int = 1) -> list[Edit]:
    """The logged edits on the hunk's raw lines that made it, in the order they were made.

    Best are edits whose before shows in the raw words and whose after in the
    clean words (each taken as often as its before shows); an edit of spaces
    counts when it split words or joined two lines' words.  Failing those,
    edits with one side showing (a later stage rewrote the other), then the
    neighbouring lines.
    """
    if NOTE_LABEL.fullmatch(hunk.after) and len(hunk.before.split()) == 1:
        return [Edit("layout", "footnote-label", hunk.before, hunk.after, hunk.page, hunk.line)]
    words_gained = abs(len(hunk.before.split()) - len(hunk.after.split()))

    def fit(e: Edit) -> int:
        before, after = _squash(e.before), _squash(e.after)
        if not (before or after):
            if words_gained and ((e.before == "" and e.after) or (e.before and e.after == "")):
                return 2  # a space put in or taken out splits or joins words
            # a block moved (a note placed after its paragraph): text leaves one place and shows at another
            return 1 if e.before == e.after == "" and not (hunk.before and hunk.after) else 0
        shows_before, shows_after = (not before or before in hunk.before), (not after or after in hunk.after)
        return 2 if shows_before and shows_after else int(shows_before or shows_after)

    def room(e: Edit, chosen: list[Edit]) -> bool:
        """Does the hunk hold one more of this edit's before than the chosen edits already account for?"""
        before = _squash(e.before)
        if not before:  # words joined or split: room while the edits chosen do not account for them all
            spaces = sum(1 for c in chosen if not _squash(c.before))
            words = sum(abs(len(c.before.split()) - len(c.after.split())) for c in chosen if _squash(c.before))
            return spaces + words < max(1, words_gained)
        return sum(_squash(c.before).count(before) for c in chosen) < max(1, hunk.before.count(before))

    for wanted, low, high in ((2, hunk.line, last_line), (2, hunk.line - 1, last_line + 1),
                              (1, hunk.line, last_line), (1, hunk.line - 1, last_line + 1),
                              (2, hunk.line - wider, last_line + wider), (1, hunk.line - wider, last_line + wider)):
        chosen: list[Edit] = []
        for e in sorted(edits, key=lambda e: -len(_squash(e.before))):  # the most specific first
            if low <= e.line <= high and fit(e) == wanted and room(e, chosen):
                chosen.append(e)
        if chosen:
            return sorted(chosen, key=lambda e: next(k for k, x in enumerate(edits) if x is e))
    return []
