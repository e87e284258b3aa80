"""``<stem>.diff``: raw vs clean word by word, for terminals and version control.

One line per change, grouped by page, with a few words of context::

    @@ page 2 (printed 1) @@
    36 punctuation: of the Berlin treaty [-related*-]{+related.+} It ia emphasised,
"""
from __future__ import annotations

from .changes import Hunk, PageView

CONTEXT_WORDS = 4


def word_diff(name: str, views: list[PageView]) -> str:
    lines = [f"# {name}: raw vs clean, word by word: [-raw-]{{+clean+}}, one change a line, "
             f"'<raw line> <stages>:' first"]
    for view in views:
        if view.hunks:
            lines.append(f"@@ {view.title} @@")
            lines += [change_line(view, hunk) for hunk in view.hunks]
    return "\n".join(lines) + "\n"


def change_line(view: PageView, hunk: Hunk) -> str:
    before = " ".join(view.raw[:hunk.raw_span[0]].split()[-CONTEXT_WORDS:])
    after = " ".join(view.raw[hunk.raw_span[1]:].split()[:CONTEXT_WORDS])
    change = (f"[-{hunk.before}-]" if hunk.before else "") + (f"{{+{hunk.after}+}}" if hunk.after else "")
    return f"{hunk.line} {'+'.join(hunk.stages)}: " + " ".join(p for p in (before, change, after) if p)
