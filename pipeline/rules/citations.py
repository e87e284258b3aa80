"""The stops and commas of a note's citation, as the typist set them and as the scan misread them.

Both the footnotes stage (which chooses a comma or a stop for the scan's
``*``, ``#``, ``»`` before punctuation reads every one as a full stop:
:data:`STOP_CHOICES`) and the citations stage (which mends the rest) run
:func:`citation_changes`.
"""
from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from ..document import Change
from .glyphs import CITATION_DIGITS, YEAR_DIGIT

YEAR = rf"1{YEAR_DIGIT}{{3}}\b"  # as the scan read it: later stages mend its digits
# `November 21, 1930`, `Maroh 7.1930`: any month as the scan spelt it (the word stage mends it later)
DATE = rf"\p{{Lu}}\p{{L}}{{2,8}}\s{{1,3}}\d{{1,2}}[,.*#»]?\s{{0,3}}{YEAR}"
# the scan's misread stops inside a citation, and what the typist wrote there
CITATION_FIXES = [
    # `Ibid.. p.32`, `Ibid*. Preface`, `Ibid,, pps`: Ibid. with the comma before what it points to
    # (a plain `Ibid. ` is as typed)
    ("ibid-comma", regex.compile(r"\bIbid(?!\.\s)(?!\.\p{L})[.,*#»]{1,3}(?=\s+\S|[\p{L}\d])"), "Ibid.,"),
    # `P#324`, `Vol.15.P.652`: the page's abbreviation in capitals, which the typist never used
    ("page-capital", regex.compile(r"(?<=[\s.,;:)])P[.*#»,^>](?=\s?\d)"), "p."),
    # `Ibid*.o*620`, `Docs#o*388`: an o or nought for the p before a page number
    ("page-letter", regex.compile(r"(?<=[.,#*»]\s?)[o0][*#»](?=\d)"), "p."),
    # `p*663`, `pps*350`, `Vol*13`, `p,159`: the abbreviation's stop before a number
    ("citation-stop", regex.compile(r"\b(?P<abbr>pps|pp|p|Vol|Vo1)[*#,»^>](?=\s?\d)"), None),
    # `Vo1.14`, `V0l#15`, `Vq1*14`: a one for an ell (and the stop after it)
    ("vol-letter", regex.compile(r"\b(?:Vo1|V0I|V0l|V01|VoI|Vq1|Yol)(?P<stop>[.*#,»]?)(?=\s?[\dlI])"),
     lambda m: "Vol." if m["stop"] else "Vol"),
    # `November 19#1930`, `January 8.1931`: the comma between day and year
    # (the year's third digit may be any glyph, `March 31*19)0`: citations' year_changes reads it after)
    ("date-comma", regex.compile(rf"(?<=\b\p{{Lu}}\p{{L}}{{2,8}} \d{{1,2}})[.*#»](?=\s{{0,3}}(?:{YEAR}|1[89]\S\d\b))"), ","),
    # `Turkey# Surits# November 21`: a stop before a date inside a citation is a comma
    ("comma-before-date", regex.compile(rf"(?<=\p{{L}}{{2}})[*#»](?=\s+{DATE})"), ","),
    # `in Turkey# Surits# to the NKD`: a name set off by stops
    ("comma-before-name", regex.compile(rf"(?<=\p{{L}}{{2}})[*#»](?=\s+\p{{Lu}}\p{{Ll}}+[*#»,]\s+(?:\p{{Ll}}|{DATE}))"), ","),
    # `Vol*13* p*663`, `Vol.14>p.16`: the stop between volume and page
    ("stop-before-page", regex.compile(r"(?<=\d|\.\s?[lIO]{1,3})[*#»>](?=\s?pp?s?[.*#,»^>]?\s?\d)"), "."),
    # `pps. 441^444`, `pps.719#*721`, `1937**1940`: the dash of a range of pages or years
    ("range-dash", regex.compile(r"(?<=\bpps?[.*#,»]?\s?\d{1,4})[*#»^]{1,2}(?=\d{1,4}\b)|"
                                 r"(?<=\b1[89]\d\d)[*#»^]{1,2}(?=1[89]\d\d\b)"), "-"),
    # `(New York 19577T p.3`, `(London 195^, pps.`: the parenthesis a book's place and year are set in, closed
    # before the page as the notes close it (`(London 1952), p.`), its mark lost or misread
    ("paren-after-year", regex.compile(rf"(?<=\(\p{{Lu}}\p{{Ll}}+(?: \p{{Lu}}\p{{Ll}}+){{0,2}} 1{YEAR_DIGIT}{{2}}[\d^?$])"
                                       r"[^\s)]{0,3}(?=\s?[pP][ps]{0,2}[.*#,»^>]?\s?\d)"), "),"),
    # `Charge d*Affaires`: the apostrophe of a French elision before a capital vowel
    ("elision", regex.compile(r"(?<=\b[dlDL])[*#»](?=[AEIOUY]\p{Ll})"), "'"),
    # `p.26l`, `Vol.l6`, `p.lO`, `p.Vlll`: letters for the digits (or roman numerals) of a page or volume
    ("citation-number", regex.compile(r"(?<=\b(?:pps|pp|p|Vol|No|N)\.\s?)[\dlIOVX]+\b"), lambda m: citation_number(m.group())),
]


def citation_number(token: str) -> str:
    """A page or volume number as typed: ells and capital i's are ones, O's noughts, unless it is a roman numeral.

    >>> [citation_number(t) for t in ["26l", "l6", "lO", "ll", "Vlll", "II", "XIV", "245"]]
    ['261', '16', '10', '11', 'VIII', 'II', 'XIV', '245']
    """
    if set(token) <= set("IVXl") and ("V" in token or "X" in token or "l" not in token):
        return token.replace("l", "I")  # a roman numeral: the scan's ell is an I
    return token.translate(CITATION_DIGITS)


# the rules that choose between a comma and a stop for the scan's `*`, `#`, `»`: the footnotes stage
# runs them before punctuation reads every such mark as a full stop
STOP_CHOICES = ("ibid-comma", "date-comma", "comma-before-date", "comma-before-name", "stop-before-page")
# a word and the stop or comma the typist set after it before a date (`Pravda. May 8`, `Surits, November 21`)
TYPED_BEFORE_DATE = regex.compile(rf"\b(?P<word>\p{{Lu}}\p{{Ll}}+)(?P<sep>[.,])\s+{DATE}")
LAST_WORD = regex.compile(r"(?r)\p{L}+$")  # (?r): searched from the end, where it is


def stops_before_dates(texts) -> frozenset[str]:
    """Words the document itself follows with a full stop before a date, more often than with a comma.

    A newspaper's name ends its part of a citation (`Izvestiia. January 22, 1929`),
    a person's or a place's runs on with a comma (`Surits, November 21, 1930`):

    >>> sorted(stops_before_dates(["Quoted in Pravda. May 8, 1931.", "Pravda. April 30,1933.",
    ...                            "Pravda, May 3, 1931.", "in Turkey, Surits, November 21, 1930."]))
    ['Pravda']
    """
    votes: dict[str, int] = {}
    for text in texts:
        for m in TYPED_BEFORE_DATE.finditer(text):
            votes[m["word"]] = votes.get(m["word"], 0) + (1 if m["sep"] == "." else -1)
    return frozenset(word for word, vote in votes.items() if vote > 0)


def ends_with_stop_word(text: str, stop_words: frozenset[str]) -> bool:
    """Does the text end in one of the words, perhaps as the scan misspelt it (a third of its letters)?

    >>> words = frozenset({"Izvestiia"})
    >>> [ends_with_stop_word(t, words) for t in ["Quoted in iBvestiia", "72. lisyestiia", "in Turkey, Surits"]]
    [True, True, False]
    """
    m = LAST_WORD.search(text)
    if not m:
        return False
    word = m.group().lower()
    return any(Levenshtein.distance(word, stop.lower()) <= len(stop) // 3 for stop in stop_words)


def citation_changes(text: str, rules: tuple[str, ...] | None = None,
                     stop_words: frozenset[str] = frozenset()) -> list[Change]:
    """The misread stops of a note's citation, put right.

    >>> from pipeline.document import Block
    >>> fix = lambda t: Block.from_lines("footnote", [t], 1, 1).rewrite("x", citation_changes(t))[0].text
    >>> fix("Telegram from the Soviet Ambassador in Turkey# Surits# to the NKD, November 19#1930# BVP Vol*13* p*663#")
    'Telegram from the Soviet Ambassador in Turkey, Surits# to the NKD, November 19,1930# BVP Vol.13. p.663#'
    >>> fix("Stalin to the Soviet Ambassador in Turkey# Surits# November 21, 1930* Ibid** p*669*")
    'Stalin to the Soviet Ambassador in Turkey, Surits, November 21, 1930* Ibid., p.669*'
    >>> fix("Germany,Khinchuk,January 8.1931.DVP Vo1.14>p.16.")
    'Germany,Khinchuk,January 8,1931.DVP Vol.14.p.16.'
    >>> fix("Patek,August 4,1931. DVP Vol. 14. pps* 441^444."), fix("Turkey,1923-1934;France, 1937**1940.")
    ('Patek,August 4,1931. DVP Vol. 14. pps. 441-444.', 'Turkey,1923-1934;France, 1937-1940.')
    >>> fix("Izvestiia. March 18, 1930*15. Ibid.")  # a year, then the next note's number
    'Izvestiia. March 18, 1930*15. Ibid.'

    >>> fix("the Soviet Charge d*Affaires in Germany, Brodovsky, November 12,1930.")
    "the Soviet Charge d'Affaires in Germany, Brodovsky, November 12,1930."
    >>> fix("Dovgalevsky, November 6,1930. Ibid*.o*620."), fix("Final Report (New York 1957), P*3.")
    ('Dovgalevsky, November 6,1930. Ibid.,p.620.', 'Final Report (New York 1957), p.3.')
    >>> fix("J.Beok, Final Report (New York 19577T P*3"), fix("Foreign Policy, Vol.2, 1923-1932 (London 195^, pps. 33-56")
    ('J.Beok, Final Report (New York 1957), p.3', 'Foreign Policy, Vol.2, 1923-1932 (London 195^), pps. 33-56')
    >>> fix("Krestinsky to the M3>, March 31*19)0» Ibid*, pps* 182-183")
    'Krestinsky to the M3>, March 31,19)0» Ibid., pps. 182-183'

    A word the document ends with a stop before a date keeps the stop there:

    >>> fix2 = lambda t: Block.from_lines("footnote", [t], 1, 1).rewrite("x", citation_changes(
    ...     t, stop_words=frozenset({"Izvestiia"})))[0].text
    >>> fix2("Izvestiia* April 10, 1931* Dovgalevsky# April 22#1931")
    'Izvestiia. April 10, 1931* Dovgalevsky, April 22,1931'

    Only some of the rules, when asked:

    >>> [c.rule for c in citation_changes("in Turkey# Surits# November 21, 1930* Ibid** p*669*", STOP_CHOICES)]
    ['comma-before-name', 'comma-before-date', 'ibid-comma']
    """
    changes, taken = [], []
    for rule, pattern, new in CITATION_FIXES:
        if rules is not None and rule not in rules:
            continue
        for m in pattern.finditer(text):
            start, end = (m.end("abbr"), m.end()) if new is None else m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            replacement = "." if new is None else new(m) if callable(new) else new
            if rule == "comma-before-date" and ends_with_stop_word(text[:start], stop_words):
                replacement = "."
            if text[start:end] != replacement:
                changes.append(Change(start, end, replacement, rule, 0.8))
                taken.append((start, end))
    return sorted(changes, key=lambda c: c.start)
