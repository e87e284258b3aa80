"""insertions: put words typed above a line back where the typist's caret marks them."""
from __future__ import annotations

import regex

from ..document import Block, Change, Document
from ..registry import Stage, register

# a caret glued to the word before the gap, where the typist left out what the line above adds
CARET = regex.compile(r"(?P<left>\p{L}+)\^(?P<space> ?)(?=\p{L})")
MAX_WORDS, MAX_CHARS = 3, 16  # an insertion is a few short words, not a line of text
LOOK_BELOW = 2  # lines under the insertion in which its caret may be (a blank one may come between)


@register
class Insertions(Stage):
    """Words a typist added between the lines go where the caret under them points.

    A typescript's forgotten word is typed above the line, and a caret marks
    where it belongs; the scan gives the word a line of its own, with the gap
    between the lines above it.  Moved only when it is a known word or two and
    the line below has exactly one caret after a known word (raw thesis, lines
    3052-3053):

    >>> from pipeline.document import Document
    >>> doc = Insertions()(Document.from_text(
    ...     "-th-e.\\nbeing unable to pass over in silence the fact that^German Government and"))
    >>> doc.pages[0].blocks[0].text
    'being unable to pass over in silence the fact that the German Government and'
    >>> Insertions()(Document.from_text("and not ratify.\\n65. Buduroi^cjs, Polish-Soviet")).edits
    []
    """

    name = "insertions"
    requires = frozenset({"scan lines"})

    def __call__(self, doc: Document) -> Document:
        lexicon = self.lexicon
        known = lambda word: lexicon.is_known(word, 1e-6)
        return doc.rewrite(self.name, None, lambda block: self.propose(block, known))

    @staticmethod
    def propose(block: Block, known) -> list[Change]:
        lines = block.text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        changes, used = [], set()
        for i, line in enumerate(lines):
            # typed between the lines, it has the gap above it (a paragraph's short last line has text)
            words = inserted_words(line, known) if i not in used and (i == 0 or not lines[i - 1].strip()) else []
            if not words:
                continue
            for j in range(i + 1, min(i + 1 + LOOK_BELOW, len(lines))):
                carets = [m for m in CARET.finditer(lines[j]) if known(m["left"])]
                if len(carets) == 1 and j not in used:
                    caret = carets[0]
                    at = starts[j] + caret.end("left")
                    changes.append(Change(starts[i], min(starts[i + 1], len(block.text)), "", "caret-insertion", 0.8))
                    changes.append(Change(at, at + 1 + len(caret["space"]), f" {' '.join(words)} ", "caret-insertion", 0.8,
                                          {"from_line": block.line_at(starts[i])}))
                    used.update((i, j))
                    break
                if lines[j].strip():
                    break  # the caret is on the next line of text, or nowhere
        return changes


def inserted_words(line: str, known) -> list[str]:
    """The words of a line that may be an insertion: a few known words, the scan's specks taken off.

    >>> known = {"the", "an", "German"}.__contains__
    >>> inserted_words("-th-e.", known), inserted_words("  an", known), inserted_words("lôX.", known)
    (['the'], ['an'], [])
    >>> inserted_words("P m /h", lambda w: True)
    []
    """
    text = line.strip()
    if not text or len(text) > MAX_CHARS:
        return []
    words = [regex.sub(r"[^\p{L}']", "", piece) for piece in text.split()]
    # single letters are the specks of a line the scan could not read (P m /h), not words
    if not 0 < len(words) <= MAX_WORDS or not all(len(w) > 1 and w.isalpha() and known(w) for w in words):
        return []
    return words
