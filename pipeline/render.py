"""Document -> clean text, in the output format the scorer and readers rely on.

Body paragraphs one per line with a blank line between them; footnote
definitions as ``[^N]: text`` lines after the page's body (the footnotes
stage may place them elsewhere by giving blocks an ``anchor``).
"""
from __future__ import annotations

from .document import BODY_KINDS, Document


def note_line(label: str | None, text: str) -> str:
    return f"[^{label or 'cont'}]: {' '.join(text.split())}"


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
    for page in doc.pages:
        body = [b.text.strip() for b in page.blocks if b.kind in BODY_KINDS and b.text.strip()]
        notes = [note_line(b.label, b.text) for b in page.blocks if b.kind == "footnote" and b.text.strip()]
        parts.extend(body)
        if notes:
            parts.append("\n".join(notes))
    return "\n\n".join(parts) + "\n" if parts else ""
