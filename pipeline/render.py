"""Document -> clean text, in the output format the scorer and readers rely on.

Body paragraphs one per line with a blank line between them; footnote
definitions as ``[^N]: text`` lines, in the place their blocks hold in the
document (the page's end, or wherever the footnotes stage moves them).
"""
from __future__ import annotations

from .document import Document
from .rules.notation import definition


def render(doc: Document) -> str:
    """Clean text of the whole document, ending in one newline.

    >>> from pipeline.document import Block, Page
    >>> page = Page(1, [Block("paragraph", "A pact.[^4]", 1, 1), Block("footnote", "DVP Vol.13.", 1, 3, label="4")])
    >>> print(render(Document("d", [page])))
    A pact.[^4]
    <BLANKLINE>
    [^4]: DVP Vol.13.
    <BLANKLINE>
    """
    parts: list[str] = []
    notes: list[str] = []
    for _, _, block in doc.blocks():
        text = block.text.strip()
        if not text or not block.visible:
            continue
        if block.kind == "footnote":
            notes.append(definition(block.label, text))
            continue
        if notes:
            parts.append("\n".join(notes))
            notes = []
        parts.append(text)
    if notes:
        parts.append("\n".join(notes))
    return "\n\n".join(parts) + "\n" if parts else ""
