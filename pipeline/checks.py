"""A proofreading queue over a clean text, like guiguts' checks: what a person should look at next.

Each check returns :class:`Finding` s, in text order, for ``ocrclean check FILE``:

* ``quotes``: a paragraph with an odd number of double quotes, or brackets that do not pair up;
* ``characters``: an inventory of the characters outside plain English text, with a place each shows;
* ``spacing``: a word broken by a space whose halves are no words but whose join is (``relat ionship``);
* ``he-be``: ``he`` where the grammar wants ``be`` (after a modal or ``to``: ``would he concluded``);
* ``hyphens``: a word written both with and without a hyphen (``non-aggression``, ``nonaggression``);
* ``case``: a word written in two cases inside sentences (``Soviet``, ``soviet``).

Unknown words (garbles with digits or symbols inside included) are ``<stem>.unknown.tsv``.
Lines are those of the clean text, one paragraph each.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

import regex

from .report.tokens import checked_tokens
from .rules.notation import MARK_OR_LABEL

CHECKS = ("quotes", "characters", "spacing", "he-be", "hyphens", "case")
PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()[]-/&%$£")
MODAL = regex.compile(r"\b(?:would|could|should|will|shall|can|cannot|may|might|must|to|not)\s+(he)\s+(\p{L}+)",
                      flags=regex.I)
PAIRS = (("(", ")"), ("[", "]"))
CONTEXT = 30


@dataclass
class Finding:
    check: str
    line: int  # line of the clean text
    text: str  # what was found
    context: str  # the words around it

    def __str__(self) -> str:
        return f"{self.line}: {self.text} | {self.context}"


def _around(line: str, start: int, end: int) -> str:
    return " ".join(line[max(0, start - CONTEXT):end + CONTEXT].split())


def quotes(lines: list[str]) -> list[Finding]:
    """Paragraphs whose double quotes or brackets do not pair up (note references aside).

    >>> [f.text for f in quotes(['He said "no.', 'fine (a) and [^3] too', 'a (b'])]
    ['1 double quote', "'(' 1, ')' 0"]
    """
    found = []
    for number, line in enumerate(lines, 1):
        text = MARK_OR_LABEL.sub("", line)
        if text.count('"') % 2:
            at = text.rfind('"')
            found.append(Finding("quotes", number, f"{text.count(chr(34))} double quote"
                                 + ("s" if text.count('"') > 1 else ""), _around(text, at, at + 1)))
        for left, right in PAIRS:
            if text.count(left) != text.count(right):
                at = max(text.rfind(left), text.rfind(right))
                found.append(Finding("quotes", number, f"{left!r} {text.count(left)}, {right!r} {text.count(right)}",
                                     _around(text, at, at + 1)))
    return found


def characters(lines: list[str]) -> list[Finding]:
    """Each character outside plain English text, most common first, with its first place.

    >>> [f.text for f in characters(["a » b", "c » d ©"])]
    ['» RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK x2', '© COPYRIGHT SIGN x1']
    """
    counts, first = Counter(), {}
    for number, line in enumerate(lines, 1):
        for at, ch in enumerate(line):
            if ch not in PLAIN and not (ch == "^" and line[at - 1:at] == "["):
                counts[ch] += 1
                first.setdefault(ch, (number, _around(line, at, at + 1)))
    return [Finding("characters", first[ch][0], f"{ch} {unicodedata.name(ch, hex(ord(ch)))} x{n}", first[ch][1])
            for ch, n in counts.most_common()]


def spacing(lines: list[str], known: Callable[[str], bool]) -> list[Finding]:
    """Two neighbouring pieces that are no words (one at least) and make a known word joined.

    >>> [f.text for f in spacing(["the relat ionship of rev olutions", "a pact was signed"], {"relationship",
    ...  "revolutions", "the", "of", "a", "pact", "was", "signed", "as"}.__contains__)]
    ['relat ionship -> relationship', 'rev olutions -> revolutions']
    """
    found = []
    for number, line in enumerate(lines, 1):
        words = list(regex.finditer(r"\p{L}+(?:-\p{L}+)*", line))
        for a, b in zip(words, words[1:]):
            if line[a.end():b.start()] != " " or min(len(a[0]), len(b[0])) < 2 or (
                    known(a[0].lower()) and known(b[0].lower())):
                continue
            joined = (a[0] + b[0]).replace("-", "")
            if known(joined.lower()):
                found.append(Finding("spacing", number, f"{a[0]} {b[0]} -> {joined}", _around(line, a.start(), b.end())))
    return found


def he_be(lines: list[str]) -> list[Finding]:
    """``he`` after a modal or ``to`` and before a word: the scan's ``be`` more often than not.

    >>> [f.text for f in he_be(["it would he concluded", "he said he would go"])]
    ['would he concluded']
    """
    return [Finding("he-be", number, " ".join(m[0].split()), _around(line, m.start(), m.end()))
            for number, line in enumerate(lines, 1) for m in MODAL.finditer(line)]


def hyphens(lines: list[str]) -> list[Finding]:
    """Words the text writes both with a hyphen and without (joined or as two words).

    >>> [f.text for f in hyphens(["a non-aggression pact", "the nonaggression pact", "non aggression"])]
    ['non-aggression x1, nonaggression x1, non aggression x1']
    """
    text = "\n".join(lines)
    lower = text.lower()
    hyphenated = Counter(m[0] for m in regex.finditer(r"(?<![\p{L}-])\p{L}+(?:-\p{L}+)+(?![\p{L}-])", lower))
    single = Counter(m[0] for m in regex.finditer(r"(?<![\p{L}-])\p{L}+(?![\p{L}-])", lower))
    pairs = Counter(m[0] for m in regex.finditer(r"(?<![\p{L}-])\p{L}+ \p{L}+(?![\p{L}-])", lower, overlapped=True))
    found = []
    for word, n in hyphenated.items():
        parts = word.split("-")
        counts = {word: n, "".join(parts): single["".join(parts)], " ".join(parts): pairs[" ".join(parts)]}
        if sum(1 for c in counts.values() if c) > 1:
            at = lower.find(word)
            found.append(Finding("hyphens", lower.count("\n", 0, at) + 1,
                                 ", ".join(f"{f} x{c}" for f, c in counts.items() if c), text[at:at + len(word)]))
    return sorted(found, key=lambda f: f.line)


def case(lines: list[str]) -> list[Finding]:
    """Words written in two cases inside sentences (not after a stop), the rarer form with its place.

    >>> [f.text for f in case(["The Soviet pact. Soviet aims", "the soviet view and the Soviet aims"])]
    ['soviet x1 / Soviet x2']

    The rarer form must be a slip (at most two, or a tenth): ``Foreign Affairs`` beside ``foreign policy``
    is usage.
    """
    forms: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(lines, 1):
        for start, word in checked_tokens(line):
            before = line[:start].rstrip()
            if not before or before[-1] in ".!?:\"'[" or not word[:1].isalpha():
                continue  # a sentence's first word may take a capital
            forms[word.lower()][word] += 1
            places.setdefault(word, (number, _around(line, start, start + len(word))))
    found = []
    for key, counts in forms.items():
        rare = min(counts, key=lambda w: (counts[w], w))
        if len(counts) > 1 and counts[rare] <= max(2, sum(counts.values()) // 10):  # a slip, not a usage
            text = " / ".join(f"{w} x{n}" for w, n in sorted(counts.items(), key=lambda wn: wn[1]))
            found.append(Finding("case", places[rare][0], text, places[rare][1]))
    return sorted(found, key=lambda f: f.line)


def run_checks(text: str, known: Callable[[str], bool]) -> dict[str, list[Finding]]:
    lines = text.split("\n")
    return {"quotes": quotes(lines), "characters": characters(lines), "spacing": spacing(lines, known),
            "he-be": he_be(lines), "hyphens": hyphens(lines), "case": case(lines)}
