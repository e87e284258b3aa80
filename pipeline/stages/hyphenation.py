"""hyphenation: join words broken at line ends, keep real compounds.

Decides with the dictionaries and with how the document itself writes the
word elsewhere: ``separ-``/``ate`` becomes ``separate``, ``econ``/``omic``
(hyphen lost) becomes ``economic``, while ``non-``/``aggression`` and even
``non``/``aggression`` stay ``non-aggression`` because that is how the text
writes it.
"""
from __future__ import annotations

from collections import Counter

import regex

from ..document import Block, Change, Document
from ..lexicon import Lexicon
from ..registry import Stage, register
from ..word_counts import document_vocabulary

# a word's start, not a clitic ending a line (Russia's / need is no Russia'sneed; d'Af- / faires is one word)
BREAK = regex.compile(r"(?<!\p{L})(?!(?<=['\u2019])(?:s|t|d|ll|re|ve|m)[ \t]*\n)"
                      r"(?P<left>\p{L}+)(?P<mark>[-*^~]?)(?P<gap>[ \t]*\n[ \t]*)"
                      r"(?:(?<=-[ \t]*\n[ \t]*)(?P<glued>\d{1,3}[#*,.]?)(?=\p{L}))?(?P<right>\p{L}+)")
# `(?P<glued>...)`: a note's number the scan set before the second half (`friend-` / `99#ship`)

PAIR_WORD = regex.compile(r"\p{L}+")


@register
class Hyphenation(Stage):
    """Join words broken across lines (with or without the hyphen); keep true compounds.

    >>> from pipeline.document import Document
    >>> stage = Hyphenation()
    >>> doc = stage(Document.from_text("the desirab\\nility of a non-\\naggression pact\\nto separ-\\nate them"))
    >>> print(doc.pages[0].blocks[0].text)
    the desirability of a non-aggression pact
    to separate them
    >>> [(e.rule, e.before, e.after) for e in doc.edits]
    [('join-lost-hyphen', '\\n', ''), ('keep-compound', '-\\n', '-'), ('join-hyphen', '-\\n', '')]

    Not a possessive's ending, which English writes before another word:

    >>> print(stage(Document.from_text("importance on Russia's\\nneed and the d'Af-\\nfaires")).pages[0].blocks[0].text)
    importance on Russia's
    need and the d'Affaires

    A note's number set before the second half goes before the whole word, where the footnotes stage
    reads it:

    >>> stage(Document.from_text("its previous policy of friend-\\n99#ship in relation")).pages[0].blocks[0].text
    'its previous policy of \\n99#friendship in relation'
    >>> stage(Document.from_text("the ageing bogey of France-\\n48*Soviet economic relations")).pages[0].blocks[0].text
    'the ageing bogey of \\n48*France-Soviet economic relations'

    A capital after the break is a name's, kept in the compound the document writes elsewhere:

    >>> doc = stage(Document.from_text("the anti-Soviet press and its anti-\\nSoviet campaign"))
    >>> print(doc.pages[0].blocks[0].text)
    the anti-Soviet press and its anti-Soviet campaign

    English breaks no word before a capital, so a word and a capital after the hyphen are a compound
    even where the document writes it only once:

    >>> print(stage(Document.from_text("the post-\\nVersailles order")).pages[0].blocks[0].text)
    the post-Versailles order

    Where no word ends at the hyphen the halves are one word, however garbled; the word stage reads it whole:

    >>> print(stage(Document.from_text("that the activ-\\nieation of the pact")).pages[0].blocks[0].text)
    that the activieation of the pact
    """

    name = "hyphenation"
    requires = frozenset({"scan lines"})
    defaults = {"min_frequency": 1e-7}
    ranges = {"min_frequency": (0.0, 1.0)}

    def __call__(self, doc: Document) -> Document:
        lexicon = self.lexicon
        vocabulary = document_vocabulary(doc)
        vocabulary.update(word_pairs(doc))
        return doc.rewrite(self.name, ("heading", "paragraph", "quotation", "footnote"),
                           lambda block: self.propose(block, lexicon, vocabulary))

    def propose(self, block: Block, lexicon: Lexicon, vocabulary: Counter) -> list[Change]:
        changes = []
        for m in BREAK.finditer(block.text):
            decision = self.decide(m["left"], m["mark"], m["right"], lexicon, vocabulary)
            if decision:
                joint, rule, confidence = decision
                if m["glued"]:  # the number goes before the whole word, where the footnotes stage reads a glued mark
                    changes.append(Change(m.start("left"), m.start("right"), m["gap"] + m["glued"] + m["left"] + joint,
                                          rule + "-around-mark", confidence))
                    continue
                changes.append(Change(m.end("left"), m.start("right"), joint, rule, confidence))
        return changes

    def decide(self, left: str, mark: str, right: str, lexicon: Lexicon, vocabulary: Counter):
        """``(joint, rule, confidence)`` for a line break between two words, or None.

        The joint replaces everything between the two halves.
        """
        whole, compound = (left + right).lower(), f"{left}-{right}".lower()
        seen_whole, seen_compound = vocabulary[whole], vocabulary[compound]
        if not mark and vocabulary[f"{left} {right}".lower()] > max(seen_whole, seen_compound):
            return None  # `in`/`a`, `The`/`Soviets`: two words, as the document writes them (not `ina`)
        known_whole = lexicon.is_known(whole, self.settings["min_frequency"]) or seen_whole
        if right[:1].isupper():
            if mark == "-" and (seen_compound or left[:1].isupper() or _is_word(left, lexicon, 1e-6)):
                return "-", "keep-compound", 0.9 if seen_compound else 0.75  # post-/Versailles: no word breaks before a capital
            if not left[:1].isupper():
                return None  # a new sentence or a name, not the rest of a word
        if mark and mark != "-" and not seen_compound and (len(left) > 5 or right[:1].isupper()):
            if known_whole:
                return "", "join-hyphen-misread", 0.8
            return None  # `Comintern*` + `The`, `revolutionary*` + `is`: a misread stop, not a prefix's hyphen
        if seen_compound > seen_whole or (mark and not known_whole and _is_word(left, lexicon) and _is_word(right, lexicon)):
            return "-", "keep-compound", 0.9 if seen_compound else 0.7
        if mark:
            if known_whole:
                return "", "join-hyphen" if mark == "-" else "join-hyphen-misread", 0.95 if mark == "-" else 0.8
            if mark == "-" and not _is_word(left, lexicon, 1e-6) and not vocabulary[left.lower()]:
                return "", "join-hyphen-garbled", 0.6  # activ-/ieation: no word ends at the hyphen, the word stage reads the whole
            return None  # unknown either way: leave it for the word stage
        if not known_whole:
            return None
        left_word, right_word = _is_word(left, lexicon, 1e-6), _is_word(right, lexicon, 1e-6)
        if left_word and right_word and not seen_whole:
            return None  # two real words: "a way" is not "away"
        return "", "join-lost-hyphen", 0.9 if seen_whole else 0.75


def word_pairs(doc: Document) -> Counter:
    """Two words in a row on one line, as ``"in a"``: how often the document writes the pair apart.

    >>> word_pairs(Document.from_text("interested in a pact\\nin a way"))["in a"]
    2
    """
    pairs: Counter = Counter()
    for _, _, block in doc.blocks(("heading", "paragraph", "quotation", "footnote")):
        for line in block.text.lower().split("\n"):
            words = line.split()
            pairs.update(f"{a} {b}" for a, b in zip(words, words[1:]) if PAIR_WORD.fullmatch(a) and PAIR_WORD.fullmatch(b))
    return pairs


def _is_word(word: str, lexicon: Lexicon, min_frequency: float = 1e-7) -> bool:
    return (len(word) > 1 or word in "aAI") and lexicon.is_known(word, min_frequency)
