"""``<stem>.diff``: raw vs clean word by word, for terminals and version control.

One line per change, grouped by page, with a few words of context::

    @@ page 2 (printed 1) @@
    36 punctuation 0.9: of the Berlin treaty [-related*-]{+related.+} It ia emphasised,

``ocrclean diff`` reads it back (:func:`read_word_diff`) instead of cleaning the file again.
"""
from __future__ import annotations

import regex

from ..decisions import words_after, words_before
from .changes import Hunk, PageView

CONTEXT_WORDS = 4


def word_diff(name: str, views: list[PageView]) -> str:
    lines = [f"# {name}: raw vs clean, word by word: [-raw-]{{+clean+}}, one change a line, "
             f"'<raw line> <stages> <confidence>:' first; {len(views)} pages"]
    for view in views:
        if view.hunks:
            lines.append(f"@@ {view.title} @@")
            lines += [change_line(view, hunk) for hunk in view.hunks]
    return "\n".join(lines) + "\n"


def change_line(view: PageView, hunk: Hunk) -> str:
    before = " ".join(words_before(view.raw, hunk.raw_span[0], CONTEXT_WORDS, str.split))
    after = " ".join(words_after(view.raw, hunk.raw_span[1], CONTEXT_WORDS, str.split))
    change = (f"[-{hunk.before}-]" if hunk.before else "") + (f"{{+{hunk.after}+}}" if hunk.after else "")
    return (f"{hunk.line} {'+'.join(hunk.stages)} {round(hunk.confidence, 3):g}: "
            + " ".join(p for p in (before, change, after) if p))


PAGE_LINE = regex.compile(r"^@@ page (?P<index>\d+)(?: \(printed (?P<printed>.*)\))? @@$")
CHANGE_LINE = regex.compile(r"^(?P<line>\d+) (?P<stages>\S+) (?P<confidence>[\d.]+): (?P<text>.*)$")
CHANGE = regex.compile(r"\[-(?P<before>.*?)-\](?:\{\+(?P<after>.*?)\+\})?|\{\+(?P<only>.*?)\+\}")
PAGES = regex.compile(r"; (\d+) pages$")


def read_word_diff(text: str) -> tuple[int, list[dict]]:
    """The page count and the changes of a ``.diff``: page, printed, line, stages, confidence, before, after.

    >>> pages, changes = read_word_diff("# d: ...; 3 pages\\n@@ page 2 (printed 1) @@\\n36 punctuation 0.9: the [-x*-]{+x.+} y")
    >>> pages, changes[0]["page"], changes[0]["stages"], changes[0]["before"], changes[0]["after"]
    (3, 2, ['punctuation'], 'x*', 'x.')
    """
    lines = text.splitlines()
    found = PAGES.search(lines[0]) if lines else None
    pages, changes, page, printed = int(found[1]) if found else 0, [], 0, None
    for line in lines[1:]:
        if m := PAGE_LINE.match(line):
            page, printed = int(m["index"]), m["printed"]
        elif (m := CHANGE_LINE.match(line)) and (c := CHANGE.search(m["text"])):
            changes.append({"page": page, "printed": printed, "line": int(m["line"]), "stages": m["stages"].split("+"),
                            "confidence": float(m["confidence"]), "before": c["before"] or "",
                            "after": c["after"] if c["before"] is not None else c["only"]})
    return pages, [c for c in changes if c["after"] is not None]
