"""Paragraphs cut by a page break, or by a blank line the scan put inside one, joined again.

A typed paragraph ends on a full stop, or on a colon before a quotation.  One
that stops on a small letter, a comma or a word's hyphen runs on in the next
body block: past the page number, the scanner's dust and the page's notes
(which stay after the whole paragraph).  Layout calls :func:`rejoin`; the
footnotes stage counts what is left open with ``rules.paragraphs.ends_open``.

Not a stage: the helpers here return values and log through ``Block.rewrite``.
"""
from __future__ import annotations

from collections import Counter

import regex

from ...document import Block, Change, Document, Edit
from ...rules.paragraphs import CHAPTER, SENTENCE_END, ends_open, opens_lower

CATCHWORD = regex.compile(r"(?:^|\s)(?P<word>\p{L}+)/\s*$")
# the colon before a quotation, read by the scan as an `s` glued to the last word (`a general feeling of
# that times`, `in this periods`, `As Lenin expressed its`): a singular determiner takes no plural, and
# `its` ends no sentence
LEAD_IN_S = regex.compile(r"(?:\b(?:[Tt]his|[Tt]hat|an?)\s+(?:\p{Ll}+\s+)?(?P<stem>\p{Ll}+)|\b(?P<stem>it))(?<!s)s[ \t]*$")
# words that never end a sentence: a paragraph stopping on one runs on, whatever the next opens with
NEVER_LAST = frozenset("""a an the of to in on at by for with from into upon than and or nor but as its their his
    her our your my is are was were be been being has have had would could should will shall may might must
    not very such he she they we you which who whom whose some any every each no""".split())
# words that open sentences: after a name (``Weimar``, ``Kellogg``) one of these starts a sentence whose stop was lost
OPENERS = NEVER_LAST | frozenset("""it this these those there he she they we i during whilst while although when
    after before since despite if yet so thus then""".split())
LAST_WORD = regex.compile(r"(?r)(\p{L}+)[ \t]*$")  # (?r): searched from the end, where it is
FIRST_WORD = regex.compile(r"^[\s\d#*.,'\"]*(\p{Lu}\p{L}*)")
WORDS = regex.compile(r"(?<=\p{L}[,;]?[ \t\n]+)\p{L}+")  # a word after another one, inside a sentence
TITLE_CHARS = 40  # a one-line block this short that opens in capitals is a title, which no sentence runs out of


def is_title(block: Block) -> bool:
    """A short one-line block in capitals (``Summary``): a title, not a paragraph cut short.

    >>> is_title(Block.from_lines("paragraph", ["Summary"], 1, 1))
    True
    >>> is_title(Block.from_lines("paragraph", ["In accordance with its policy of bilateral approaches, the Soviet"], 1, 1))
    False
    """
    text = block.text.strip()
    return "\n" not in text and len(text) <= TITLE_CHARS and text[:1].isupper()


def continues(before: Block, after: Block, named=lambda word: True) -> bool:
    """``after`` is the rest of the paragraph ``before`` stopped in.

    A paragraph that stops on a comma, a word's hyphen or a word that never
    ends a sentence (``the``, ``to``) runs on, whatever the next one opens
    with; one that stops on another small letter runs on unless the next
    opens a sentence, with a capital the document writes only there
    (``The``, not ``Soviet``: ``named`` tells), or, after a name, with a word
    that opens sentences (``Weimar`` / ``A further...``): then the scan lost
    the stop, or the rest of the paragraph.
    A heading opens something new.

    >>> para = lambda text: Block.from_lines("paragraph", text.split("\\n"), 1, 1)
    >>> continues(para("was hailed in Moscow\\nas the foundation of a"), para("Soviet security system whioh was"))
    True
    >>> continues(para("to improve Franco-Soviet relations"), para("The diplomatic intercourse"), lambda w: w != "The")
    False
    >>> continues(para("the prolongation\\nof the Berlin treaty."), para("Soviet security system whioh was"))
    False
    >>> continues(para("Summary"), para("The year 1931 was"))
    False
    >>> continues(para("what the future would unfold,"), para("Chapter 5: The Bessarabian Impasse"))
    False
    """
    if after.kind not in ("paragraph", "quotation") or is_title(before) or CHAPTER.match(after.text):
        return False
    if ends_open(before.text):
        last = LAST_WORD.search(before.text)
        first = FIRST_WORD.match(after.text)
        if last is None or first is None or last[1].lower() in NEVER_LAST:
            return True  # a comma, a hyphen, `the`: the sentence goes on
        if last[1][0].isupper():  # a name, then a capital (``the French`` / ``Foreign Minister's``)
            return first[1].lower() not in OPENERS
        return named(first[1])
    return not SENTENCE_END.search(before.text) and after.kind == "paragraph" and opens_lower(after.text)


def lost_stop(before: Block, after: Block, named, known) -> Change | None:
    """The full stop the scan lost at a paragraph's end, where the next paragraph opens a sentence.

    The paragraph stops on a word that may end a sentence, and the next
    opens with a capital the document writes only at a sentence's start:

    >>> para = lambda text: Block.from_lines("paragraph", [text], 1, 1)
    >>> opener = lambda word: word not in ("The", "This")
    >>> lost_stop(para("debt question had been resolved"), para("The economic negotiations"), opener,
    ...           lambda w: True).new
    'resolved.'
    >>> lost_stop(para("as the foundation of a"), para("The security system"), opener, lambda w: True)
    >>> lost_stop(para("prepared to improve Franco-Soviet relations"), para("Soviet security"), opener, lambda w: True)

    Not after a word in ``s``: that may be the colon before a quotation
    (``its predictable courses``, typed ``course:``), as costly to miss as the stop.

    >>> lost_stop(para("departed from its predictable courses"), para("But apparently"), opener, lambda w: True)
    """
    if after.kind not in ("paragraph", "quotation") or is_title(before) or not ends_open(before.text):
        return None
    last, first = LAST_WORD.search(before.text), FIRST_WORD.match(after.text)
    if last is None or first is None or not last[1].islower() or last[1] in NEVER_LAST:
        return None
    if named(first[1]) or not known(last[1]) or not known(first[1]) or len(first[1]) == 1 and first[1] not in "AI":
        return None  # (`H 8to an accord`: dust, not a sentence, opens the next block)
    if last[1].endswith("s"):
        return None  # `its predictable courses` may end in the colon the scan read as `s`: `course:`
    return Change(last.start(1), last.end(1), last[1] + ".", "lost-stop", 0.6)


def name_test(doc: Document):
    """``named(word)``: the document writes the word with its capital inside sentences too (``Soviet``,
    ``Government``), so a capital does not mean a sentence starts there (as it does for ``The``)."""
    capital, small = Counter(), Counter()
    for _, _, block in doc.blocks(("paragraph", "quotation")):
        for word in WORDS.findall(block.text):
            (capital if word[0].isupper() else small)[word.lower()] += 1
    return lambda word: capital[word.lower()] >= small[word.lower()]


def lead_in_colon(text: str, known) -> Change | None:
    """The colon before a quotation that the scan read as an ``s`` on the paragraph's last word.

    Only where the word without it is a word (``time``, ``period``, ``it``):

    >>> lead_in_colon("A statement by the Emir expresses a general feeling of that times", lambda w: True).new
    'time:'
    >>> lead_in_colon("As Lenin expressed its", lambda w: True).new
    'it:'
    >>> lead_in_colon("as soon as this process", lambda w: True), lead_in_colon("the last of its interests", lambda w: True)
    (None, None)
    """
    m = LEAD_IN_S.search(text)
    if not m or not known(m["stem"]):
        return None
    end = m.end() - len(m.group()) + len(m.group().rstrip())
    return Change(m.start("stem"), end, m["stem"] + ":", "lead-in-colon", 0.7)


def rejoin(doc: Document, stage: str, known) -> tuple[list[Edit], list[int]]:
    """Join every paragraph to the rest of it on a later line or page; (edits, raw lines of page joins).

    The joined paragraph stays where its first part is, so the first page's
    notes, which follow it there, come after the whole paragraph.  A typist's
    catchword (``of/`` at the foot, ``of the...`` at the head of the next
    page) is dropped.  A paragraph left open before a quotation gets the colon
    the scan read as ``s`` (:func:`lead_in_colon`), one before a new sentence
    the stop the scan lost (:func:`lost_stop`).
    """
    edits: list[Edit] = []
    joins: list[int] = []
    named = name_test(doc)
    prev = None  # (page, index) of the last body paragraph or quotation
    for page in doc.pages:
        i = 0
        while i < len(page.blocks):
            block = page.blocks[i]
            if block.kind not in ("paragraph", "quotation", "heading"):
                i += 1  # notes, page numbers and dust lie between the parts of a paragraph
                continue
            if prev is not None:
                ppage, pi = prev
                before = ppage.blocks[pi]
                catch = CATCHWORD.search(before.text)
                if catch and ppage is not page and block.text.lstrip().startswith(catch["word"] + " "):
                    before, log = before.rewrite(stage, [Change(catch.start("word"), len(before.text), "", "catchword", 0.9)])
                    edits += log
                    ppage.blocks[pi] = before
                colon = lead_in_colon(before.text, known) if ends_open(before.text) and block.kind != "heading" \
                    and not opens_lower(block.text) else None
                if colon is not None:
                    before, log = before.rewrite(stage, [colon])
                    edits += log
                    ppage.blocks[pi] = before
                stop = lost_stop(before, block, named, known)
                if stop is not None:
                    before, log = before.rewrite(stage, [stop])
                    edits += log
                    ppage.blocks[pi] = before
                if continues(before, block, named):
                    ppage.blocks[pi] = before.joined(block, "\n")
                    edits.append(Edit(stage, "paragraph-continues", "\n\n", "\n", block.page, block.first_line, 0.85,
                                      {"across_page": ppage is not page}))
                    if ppage is not page:
                        joins.append(block.first_line)
                    del page.blocks[i]
                    continue
            prev = None if block.kind == "heading" else (page, i)
            i += 1
    return edits, joins
