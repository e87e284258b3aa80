"""``<stem>.report.html``: one self-contained page, raw beside clean, every change coloured by stage.

Text is escaped here (``markupsafe.escape``) or by the template's autoescape;
hunk details travel as JSON that ``tojson`` makes safe inside ``<script>``.
The page stays lean for a whole thesis: each change is a bare ``<del>`` /
``<ins>`` with an index, and the script looks the rest up on demand.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..decisions import item_key
from ..document import Document, NoteCounts
from .changes import DOUBTFUL_BELOW, PageView, page_views

STAGE_COLOURS = {
    "unicode": "#d9c2f0", "layout": "#c9d6e8", "hyphenation": "#c6ebd0", "reflow": "#e0e0e0",
    "punctuation": "#fde3a7", "words": "#f7b9b9", "footnotes": "#bde3f0", "unexplained": "#ffe0f0",
}
EXTRA_COLOURS = ["#e8d5b5", "#d5e8b5", "#b5e8e0", "#e0b5e8"]

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)


def html_report(doc: Document, raw_text: str, views: list[PageView] | None = None,
                decisions: list[dict] | None = None) -> str:
    """The whole review page for ``doc`` cleaned from ``raw_text``, with the reviewer's ``decisions`` on it."""
    views = views if views is not None else page_views(doc, raw_text)
    hunks = [h for v in views for h in v.hunks]
    hunk_keys, doubt_data = [], []
    for view in views:
        hunk_keys += [{**item_key(view.raw, view.first_line, *h.raw_span), "target": h.after} for h in view.hunks]
        doubt_data += [{**item_key(view.raw, view.first_line, *raw_span), "target": d.word,
                        "candidates": d.candidates[:5], "list": "names" if d.word[:1].isupper() else "terms",
                        "unknown": d.unknown}
                       for _, d, raw_span in view.doubts]
    stages = list(dict.fromkeys([*(e.stage for e in doc.edits), *(h.stage for h in hunks)]))
    colours = {s: STAGE_COLOURS.get(s) or EXTRA_COLOURS[i % len(EXTRA_COLOURS)] for i, s in enumerate(stages)}
    numbered, pages, doubts = {}, [], iter(range(len(doubt_data)))
    for view in views:
        for hunk in view.hunks:
            numbered[id(hunk)] = len(numbered)
        pages.append({"view": view, "raw": _side(view.raw, view, numbered, "raw"),
                      "clean": _side(view.clean, view, numbered, "clean", doubts)})
    edits_per_stage, changes_per_stage = Counter(e.stage for e in doc.edits), Counter(h.stage for h in hunks)
    return _env.get_template("report.html.j2").render(
        name=doc.name, pages=pages, stages=stages, colours=colours, doubtful_below=DOUBTFUL_BELOW,
        summary=[(s, edits_per_stage[s], changes_per_stage[s]) for s in stages],
        hunk_data=[[[stages.index(s) for s in h.stages], round(h.confidence, 3), h.describe(), key]
                   for h, key in zip(hunks, hunk_keys)],
        doubt_data=doubt_data, decided=in_force(decisions or [], hunk_keys, doubt_data),
        seen=sorted(f"{_key_string(d)}@{d.get('at')}" for d in decisions or []),
        doubtful_words=len(doc.reading.doubtful) if doc.reading else 0, footnotes=_footnote_counts(doc.note_counts),
        total_changes=len(hunks), total_edits=len(doc.edits), profile=doc.reading.profile if doc.reading else None)


def _key_string(d: dict) -> str:
    """How the page's script names an item: ``line|offset|raw``, whatever its kind (a doubtful word corrected
    is a change on the next run)."""
    return f"{d.get('line')}|{d.get('offset')}|{d.get('raw')}"


def in_force(decisions: list[dict], changes: list[dict], words: list[dict]) -> dict[str, str]:
    """Key -> action of the decisions the text still bears out; the others are left out, so their item
    shows as not reviewed: a reading accepted that the pipeline no longer gives, a rejection or a
    correction the review stage could not apply, a word kept or taught that the pipeline now changes.

    >>> change = {"line": 13, "offset": 4, "raw": "chose^", "target": "close"}
    >>> in_force([{**change, "action": "accept"}], [change], []), in_force([{**change, "action": "reject"}], [change], [])
    ({'13|4|chose^': 'accept'}, {})
    >>> in_force([{**change, "action": "correct", "value": "chosen"}], [{**change, "target": "chosen"}], [])
    {'13|4|chose^': 'correct'}
    """
    shown = {_key_string(c): " ".join(c["target"].split()) for c in changes}
    doubted = {_key_string(w) for w in words}
    standing = {}
    for d in decisions:
        key, action = _key_string(d), d.get("action")
        if key in shown:
            wanted = d.get("value") if action == "correct" else d.get("target") if action == "accept" else None
            if wanted is None or " ".join(str(wanted).split()) != shown[key]:
                continue
        elif key in doubted and action == "correct":
            continue
        standing[key] = action
    return standing


def _footnote_counts(counts: NoteCounts | None) -> list[tuple[str, object]]:
    """The footnotes stage's totals, when it ran."""
    return [(k.replace("_", " "), v) for k, v in counts.total.items()] if counts else []


def _side(text: str, view: PageView, numbered: dict[int, int], side: str, doubts=None) -> Markup:
    """One column's text with its changes (and, on the clean side, doubtful words) marked."""
    marks = []
    for hunk in view.hunks:
        start, end = hunk.raw_span if side == "raw" else hunk.clean_span
        if start < end:
            tag = "del" if side == "raw" else "ins"
            marks.append((start, end, Markup(f'<{tag} class="s-{escape(hunk.stage)}" data-h="{numbered[id(hunk)]}">'),
                          Markup(f"</{tag}>")))
    if side == "clean":
        for (start, end), doubt, _ in view.doubts:
            title = "doubtful" + (f"; candidates: {', '.join(doubt.candidates[:5])}" if doubt.candidates else "")
            if doubt.unknown:
                title = "unknown word" + (f"; candidates: {', '.join(doubt.candidates[:5])}" if doubt.candidates else "")
            kind = "unknown" if doubt.unknown else "doubt"
            marks.append((start, end, Markup(f'<mark class="{kind}" data-d="{next(doubts)}" title="{escape(title)}">'),
                          Markup("</mark>")))
    out, pos = [], 0
    for start, end, opening, closing in sorted(marks, key=lambda m: m[0]):
        if start < pos:
            continue
        out += [escape(text[pos:start]), opening, escape(text[start:end]), closing]
        pos = end
    out.append(escape(text[pos:]))
    return Markup("".join(out))  # every piece is markup already: escaped text, or a tag
