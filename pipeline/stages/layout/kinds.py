"""Line kinds: what each line of a page is before blocks are made (text, blank, page number, dust).

Each helper returns a new list; none changes its arguments.
"""
from __future__ import annotations

import regex

from ...document import Edit
from ...rules.notation import DEFINITION_START

BARE_NUMBER = regex.compile(r"^[\s\-.*#,]*\d{1,3}[\s\-.*#,]*$")
WORD = regex.compile(r"\p{L}+")
# the rule typed above the notes, run onto the first note's line by the scan
RULE_BEFORE_NOTE = regex.compile(r"^.*[-—_.]{10,}[^\p{L}\d]*(?:\p{L}{1,2}[^\p{L}\d]+)*(?=\d{1,3}\s?[.#*,]\s+\p{Lu})")


def is_page_number(line: str) -> bool:
    """A short token standing alone at the top of a page, garbled or not.

    >>> [is_page_number(s) for s in ["42.", "w*", "JJ*", "8,", "4.0 #", "- 42 -"]]
    [True, True, True, True, True, True]
    >>> [is_page_number(s) for s in ["Summary", "CHAPTER 2", "of the pact"]]
    [False, False, False]
    """
    s = line.strip()
    if not s or len(s) > 6:
        return False
    letters = WORD.findall(s)
    return not any(len(w) >= 3 for w in letters) and (any(c.isdigit() for c in s) or len(s) <= 4)


def typical_width(lines: list[str]) -> int:
    """The page's line width, a stray overlong line (a footnote rule run on) not counting.

    >>> typical_width(["x" * 70] * 5 + ["-" * 200, ""])
    70
    """
    widths = sorted(len(l.rstrip()) for l in lines if l.strip())
    return widths[int(0.8 * (len(widths) - 1))] if widths else 0


def noise_score(line: str, known, digits_are_content: bool = True) -> float:
    """Share of the line that is not language: 0 for prose, 1 for scanner dust.

    >>> from pipeline.lexicon import Lexicon
    >>> known = Lexicon().is_known
    >>> noise_score("\\u25a0ai.miiii*\\u00bb-f j\\u00bbi.irvn -i-l n mi.", known) > 0.6
    True
    >>> noise_score("the world economic crisis# which together with", known) < 0.1
    True
    >>> noise_score("olutions.", known), noise_score("2. Ibid.. p.32#", known) < 0.2
    (0.0, True)
    >>> noise_score(":", known) == noise_score(": :", known) > 0.6
    True
    >>> noise_score("Q", known) == noise_score("A A", known) > 0.6  # so joining lone letters keeps them dust
    True

    A note whose first line the scan garbled keeps a digit or two; asked to
    look past them, the score still tells it from a citation:

    >>> line = "l%r'Ko%mr'%ussia^ 'Renubli6. n ' . ' & 3 r \\u0022 \\u2022"
    >>> noise_score(line, known) < 0.3, noise_score(line, known, digits_are_content=False) > 0.5
    (True, True)
    >>> noise_score("for Foreign Affairs, Litvinov, May 3,1931* DVP Vq1*14* pps*308-309*", known, False) < 0.5
    True
    """
    s = line.strip()
    if not s:
        return 0.0
    symbols = sum(1 for c in s if not (c.isalnum() or c.isspace() or c in ".,;:'\"-()"))
    symbol_share = 1.5 * symbols / len(s.replace(" ", ""))
    words = WORD.findall(s)
    # a word fragment is content; stops alone are dust however they are spaced (`:` and `: :` alike)
    fragment = len(s.split()) < 2 and sum(c.isalnum() for c in s) > 1  # a lone letter is dust
    if (digits_are_content and any(c.isdigit() for c in s)) or (fragment and not symbols):
        return round(min(1.0, symbol_share), 3)  # numbers, citations and word fragments are content
    letters = sum(len(w) for w in words) or 1
    sound = sum(len(w) for w in words if len(w) >= 2 and known(w, 1e-6))
    return round(min(1.0, 0.7 * (1 - sound / letters) + symbol_share), 3)


def footnote_rules_dropped(lines: list[str], page: int, first: int, stage: str = "layout") -> tuple[list[str], list[Edit]]:
    """The rule typed above the notes, run onto the first note's line, taken off: the note keeps its line.

    >>> lines = [" —    ------------------, •■JV ------------ -  6. Curtius to Dirksen, March 16,1931*"]
    >>> lines, edits = footnote_rules_dropped(lines, 1, 1)
    >>> [e.rule for e in edits], lines
    (['footnote-rule'], ['6. Curtius to Dirksen, March 16,1931*'])
    """
    kept, edits = [], []
    for i, line in enumerate(lines):
        m = RULE_BEFORE_NOTE.match(line)
        if m:
            line = line[m.end():]
            edits.append(Edit(stage, "footnote-rule", m.group(), "", page, first + i, 0.8))
        kept.append(line)
    return kept, edits


def line_kinds(lines: list[str], known, noise_threshold: float = 0.6) -> list[str]:
    """Each line's kind: ``text``, ``blank``, ``page_number`` (at the top) or ``noise`` (scanner dust).

    (A page number inside the page, where the scan lost a page break, is :func:`inner_page_numbers`'.)
    """
    kinds = ["blank" if not l.strip() else "text" for l in lines]
    top = next((i for i, k in enumerate(kinds) if k == "text"), None)
    alone = top is not None and (top + 1 == len(lines) or kinds[top + 1] == "blank" or BARE_NUMBER.match(lines[top]))
    # A page whose only text is a short number-ish line (``0 0``) is content, not a page number:
    # a page number heads other text (else cleaning clean output would hide it).
    others = top is not None and any(k == "text" for k in kinds[top + 1:])
    if alone and others and is_page_number(lines[top]):  # `207.` right above the text is still the page number
        kinds[top] = "page_number"
    for i, line in enumerate(lines):
        if kinds[i] == "text" and not DEFINITION_START.match(line) and noise_score(line, known) >= noise_threshold:
            kinds[i] = "noise"
    return fragment_paragraphs(lines, kinds, known, noise_threshold)


def inner_page_numbers(lines: list[str], kinds: list[str]) -> list[str]:
    """A page break the scan lost: a bare number alone between blank lines, with text elsewhere on the page.

    A page that holds nothing but the number (``. 0``) keeps it as content,
    so cleaning the output again does not hide it.

    >>> inner_page_numbers([". 0"], ["text"])
    ['text']
    >>> inner_page_numbers(["the pact.", "", "42", "", "The next page"], ["text", "blank", "text", "blank", "text"])[2]
    'page_number'
    """
    kinds = list(kinds)
    if sum(k == "text" for k in kinds) < 2:
        return kinds
    for i, line in enumerate(lines):
        if kinds[i] == "text" and BARE_NUMBER.match(line) and "text" in kinds[i + 1:]:
            # (between two stretches of text: a number closing the text is content, which a page of its
            # own kept, so a second run over the output must keep it too)
            if all(k != "text" for k in kinds[max(0, i - 1):i] + kinds[i + 1:i + 2]):
                kinds[i] = "page_number"
    return kinds


def fragment_paragraphs(lines: list[str], kinds: list[str], known, noise_threshold: float = 0.6) -> list[str]:
    """A paragraph made only of one-word lines is judged as the line reflow makes of it,
    so a second run, which sees that line, judges it the same.

    >>> from pipeline.lexicon import Lexicon
    >>> fragment_paragraphs(["A\u00e9", "xA", "", "olutions."], ["text", "text", "blank", "text"], Lexicon().is_known)
    ['noise', 'noise', 'blank', 'text']
    """
    kinds, i = list(kinds), 0
    while i < len(lines):
        j = i
        while j < len(lines) and kinds[j] == "text" and len(lines[j].split()) == 1:
            j += 1
        ends = j == len(lines) or kinds[j] != "text"
        starts = i == 0 or kinds[i - 1] != "text"
        if j - i > 1 and starts and ends and \
                noise_score(" ".join(lines[i:j]), known) >= noise_threshold:
            kinds[i:j] = ["noise"] * (j - i)
        i = j + 1 if j == i else j
    return kinds
