"""The cleaned document -> Markdown that pandoc renders with working footnotes (``<stem>.md``).

The thesis numbers its notes afresh in each chapter,
so ``[^1]`` occurs once per chapter.  Pandoc needs every label once: here
each becomes ``[^cK-N]`` (chapter K, note N).  A chapter starts at a
``Chapter N`` title, or where the references start again from a low number.
Each definition goes with the earliest reference of its number still
waiting for one, so notes placed after their paragraph, at the chapter's
end or at the document's end are all labelled alike.
"""
from __future__ import annotations

from collections import defaultdict, deque

import regex

from .document import Document
from .rules.notation import CONTINUED, REFERENCE, reference
from .rules.paragraphs import CHAPTER

# what Markdown would read as markup at a paragraph's start: a heading, a list, a quote, a rule
BLOCK_MARKUP = regex.compile(r"^(?:#|>|[-+*](?=\s)|\d+[.)](?=\s)|={3,}|-{3,})")
INLINE_MARKUP = regex.compile(r"([\\*_`<>\[\]~|$])")


def escape(text: str) -> str:
    """Plain text made safe for Markdown; our ``[^N]`` references are left to the caller.

    >>> escape("1. The need for a foreign policy.")
    '1\\\\. The need for a foreign policy.'
    >>> escape("relations* ^5# and [sic] USSR#^^*")
    'relations\\\\* ^5# and \\\\[sic\\\\] USSR#^^\\\\*'
    """
    text = INLINE_MARKUP.sub(r"\\\1", text)
    m = BLOCK_MARKUP.match(text)
    if m:
        end = m.end()
        text = text[:end - 1] + "\\" + text[end - 1:] if m.group()[-1] in ".)" else "\\" + text
    return text


def markdown(doc: Document) -> str:
    """The document as Markdown, note labels unique across chapters.

    >>> from pipeline.document import Block, Page
    >>> def page(n, *blocks): return Page(n, [Block(kind, text, n, 1, label=label) for kind, text, label in blocks])
    >>> doc = Document("d", [page(1, ("heading", "Chapter 1: The Emergence.", None), ("paragraph", "A pact.[^1]", None),
    ...                               ("footnote", "DVP Vol.13.", "1")),
    ...                      page(2, ("heading", "Chapter 2: The Opening Move.", None),
    ...                               ("paragraph", "A loan.[^1] More.[^2]", None), ("footnote", "Ibid.", "1"),
    ...                               ("footnote", "Pravda.", "2"))])
    >>> print(markdown(doc))
    Chapter 1: The Emergence.
    <BLANKLINE>
    A pact.[^c1-1]
    <BLANKLINE>
    [^c1-1]: DVP Vol.13.
    <BLANKLINE>
    Chapter 2: The Opening Move.
    <BLANKLINE>
    A loan.[^c2-1] More.[^c2-2]
    <BLANKLINE>
    [^c2-1]: Ibid.
    <BLANKLINE>
    [^c2-2]: Pravda.
    <BLANKLINE>
    """
    chapter, last_reference = 0, 0
    waiting: dict[str, deque[str]] = defaultdict(deque)  # label -> unique labels of references awaiting their note
    used: dict[str, int] = defaultdict(int)  # unique label -> how often given
    blocks: list[str] = []
    previous_note: int | None = None  # index in blocks of the last definition, for ``[^cont]``
    for _, _, block in doc.blocks():
        line = " ".join(part.strip() for part in block.text.split("\n") if part.strip())
        if not line or not block.visible:
            continue
        if block.kind == "footnote":
            label, body = block.label or CONTINUED, escape_with_references(" ".join(line.split()), lambda n: n)
            if label == CONTINUED and previous_note is not None:  # the rest of the note before the page break
                blocks[previous_note] += " " + body
                continue
            if not waiting[label]:  # a note whose mark was not found: pandoc would drop it, so keep it as text
                blocks.append(f"Note {label} (its mark in the text was not found): {body}")
                previous_note = len(blocks) - 1
                continue
            blocks.append(f"{reference(waiting[label].popleft())}: {body}")
            previous_note = len(blocks) - 1
            continue
        if CHAPTER.match(line):
            chapter, last_reference = chapter + 1, 0
        homes = []
        for m in REFERENCE.finditer(line):
            number = int(m["label"]) if m["label"].isdigit() else None
            if number is not None and number <= 5 and last_reference > number + 10:
                chapter += 1  # the numbers start again: a chapter whose title the scan lost
            if number is not None:
                last_reference = number
            unique = _label(max(chapter, 1), m["label"])
            used[unique] += 1
            if used[unique] > 1:  # the same number twice in a chapter (a misread): pandoc needs two labels
                unique += "-" + "abcdefghijklmnopqrstuvwxyz"[min(used[unique], 26) - 1]
            waiting[m["label"]].append(unique)
            homes.append(unique)
        labels = iter(homes)
        blocks.append(escape_with_references(line, lambda n: next(labels)))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _label(chapter: int, label: str) -> str:
    """``[^14]`` of chapter 2 as pandoc sees it: ``c2-14``."""
    return f"c{chapter}-{label}"


def escape_with_references(text: str, relabel) -> str:
    """Escape the text around each ``[^N]`` and write the reference as ``relabel(N)``."""
    parts, pos = [], 0
    for m in REFERENCE.finditer(text):
        parts.append(escape(text[pos:m.start()]) if pos == 0 else INLINE_MARKUP.sub(r"\\\1", text[pos:m.start()]))
        parts.append(reference(relabel(m["label"])))
        pos = m.end()
    rest = text[pos:]
    parts.append(escape(rest) if pos == 0 else INLINE_MARKUP.sub(r"\\\1", rest))
    return "".join(parts)
