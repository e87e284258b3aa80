"""Which pieces of a text are words the corrector may look at.

A word may carry scanner junk inside it (``Manuils&y``, ``inq»ortant``) and
ends with a letter; it starts with one too, unless the scan put a glyph or two
for its first letters (``#ich``, ``©lear``: see :func:`leading_glyphs`).  Left alone: footnote marks ``[^N]``, URLs,
numbers, all-capital abbreviations (``DVP``, ``NKD``) and words glued to a
digit, which belong to citations (``Vol.13``, ``p.111``).
"""
from __future__ import annotations

import regex

WORD = regex.compile(r"\p{L}(?:[\p{L}&£»«^%\\/|$~!]*\p{L})?")
# with digits and ``*`` the scan put inside a word (litt3*e, anc4ogous) or a digit at its start (3molny)
JUNK_WORD = regex.compile(r"(?<![\p{L}\d.,/:*-])[0-9]?\p{L}(?:[\p{L}\d&£»«^%\\/|$~!*]*\p{L})?(?![\d])")
DIGITS = regex.compile(r"\d")
ORDINAL = regex.compile(r"^\d+(?:st|nd|rd|th|s|d|ies)$", regex.I)
# a capital between small letters is the scanner's (LitVinov, cOuld); names that write one
# (McDonald, MacArthur, DeWitt, LaGuardia, O'Brien) start with one of these
ODD_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}\p{Ll}")
NAME_PREFIX = regex.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O)\p{Lu}")
# glyphs the scan put for a word's first letters (``%he``, ``#ich``, ``©lear``, ``?/hat``): never a word's
# start in English; not ``*`` (a stop set apart), quotes or brackets (they open words), nor digits (footnote marks)
LEADING_GLYPHS = frozenset("%#@|\\/~^&?!©•■♦€¥{}")
# ... and for its last letters (``th©``, ``wa%``): not the scan's stops (``*`` ``#`` ``»``), marks or quotes
TRAILING_GLYPHS = frozenset("%@|~&©•■♦€¥{}")
WORD_AFTER = frozenset(" \n.,;:")  # what may follow a word's last glyph
# a number of one or two digits (or a digit with a colon or two: ``1:``, ``1::``, ``1:5``) standing alone
# a word the scan wrote with look-alike digits (``Th1:``, ``b111``, ``011`` for oil, ``5:111`` for still):
# letters and the digits that look like letters, standing alone; a colon after a digit is the scan's ``t`` or ``s``
DIGIT_WORD = regex.compile(r"(?<!\S)(?=[\p{L}\d:]*\d)[\p{L}0135:]*[\p{L}0135](?:(?<=\d):)?(?=[,.;]?(?:\s|$))")
LOOKALIKE_DIGITS = regex.compile(r"^(?:0[0135:]*|[\p{L}0135:]*\p{L}[\p{L}0135:]*)$")
DIGIT_CAPITAL = regex.compile(r"\d\p{Lu}")
NUMBER = regex.compile(r"(?<!\S)(?:\d{1,2}|\d:{1,2}\d?)(?=[,.;]?(?:\s|$))")
BROKEN_AT = regex.compile(r"- +")  # what a word broken inside a line has between its halves
BROKEN_AT_STOP = regex.compile(r"\. +")  # ... when the scan read the hyphen as a full stop (``estab. lishment``)
NEGATION = regex.compile(r"(?<=\p{L}n)['’]t(?!\p{L})")  # the n't of a contraction (doesn't, couldn't)
OPENING_QUOTES = "\"“‘"
CLOSING = "\"'”’)]"  # what may stand between a full stop and the next sentence
PROTECTED = regex.compile(r"\[\^[^\]\s]*\]|\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")


class Token:
    """One word of a text: where it is, and what the corrector reads of it.

    A plain class with slots, not a dataclass: the thesis has some 100,000
    words, and every round of correction makes tokens for the texts it changed.
    """

    __slots__ = ("start", "end", "text", "line", "index", "checkable", "low", "clean")

    def __init__(self, start: int, end: int, text: str, line: int, index: int, checkable: bool = True):
        self.start, self.end, self.text = start, end, text
        self.line, self.index, self.checkable = line, index, checkable
        self.low = text.lower()
        # letters only, cased as English writes them (``Litvinov``, ``pact``, not ``LitVinov``)
        self.clean = text.isalpha() and (text.islower() or (text[0].isupper() and text[1:].islower()))

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r}, line={self.line}, index={self.index})"


def words(text: str, line: int = 0) -> list[Token]:
    """The words of a text in order, marked whether they may be corrected.

    >>> [t.text for t in words("Soviet Ihiion[^12] and the DVP Vol.13, p.111 of Manuils&y, CMA/EPA") if t.checkable]
    ['Soviet', 'Ihiion', 'and', 'the', 'of', 'Manuils&y']
    >>> [t.text for t in words("It doesn't matter, Litvinov's men can't") if t.checkable]
    ['It', 'matter', 'Litvinov', 's', 'men']
    """
    masked = PROTECTED.sub(lambda m: " " * len(m.group()), text) if may_protect(text) else text
    found = []
    for s, e in spans(masked):
        if s and masked[s - 1] in LEADING_GLYPHS:  # seldom: the calls are saved for the few
            s -= leading_glyphs(masked, s)
        if masked[e:e + 1] in TRAILING_GLYPHS:
            e += trailing_glyphs(masked, e)
        t = masked[s:e]
        before, after = masked[s - 1:s], masked[e:e + 2]
        abbreviation = len(t) > 1 and t.isupper() and (t.isalpha() or sum(ch.isalpha() for ch in t) > 2 and "/" in t)
        citation = before.isdigit() or after[:1].isdigit() or (after[:1] in ".*," and after[1:].isdigit())
        # a contraction's halves are no words of their own (doesn is no garble of does, nor t of a)
        contraction = after[:1] in "'’" and NEGATION.match(masked, e) or t == "t" and s > 0 and NEGATION.match(masked, s - 1)
        found.append(Token(s, e, t, line, len(found), not (abbreviation or citation or contraction)))
    if any(ch.isdigit() for ch in masked):
        found = with_numbers(masked, found, line)
    return found


def with_numbers(text: str, found: list[Token], line: int) -> list[Token]:
    """The words, and the short numbers standing between words: a scan may read a word as digits
    (``15`` for *is*, ``1n`` for *in*), and which it did is the profile's and the context's to say.

    >>> [t.text for t in words("the devaluation 15 that, on page 15. and 1: the")]
    ['the', 'devaluation', '15', 'that', 'on', 'page', 'and', '1:', 'the']
    >>> [t.text for t in words("thls year 15 1mprobable, Mr. M1115 15 reported")]
    ['thls', 'year', '15', '1mprobable', 'Mr', 'M1115', '15', 'reported']
    >>> [t.text for t in words("the decision of Congress 15")], [t.text for t in words("on pages 14, 15")]
    (['the', 'decision', 'of', 'Congress', '15'], ['on', 'pages'])
    """
    found_numbers = list(NUMBER.finditer(text))
    if not found_numbers:
        return found
    # a number is among words when a word, a clause's comma or colon, or the text's start is before it and
    # a word after it; or another such number is on that side, with only a space between (``1: 15 unclear``).
    # A word written with look-alike digits is a word (``year 15 1mprobable``)
    starts, ends = {t.start for t in found}, {t.end for t in found}
    spaced = lambda a, b: text[a.end():b.start()].isspace()
    after_ok = [False] * len(found_numbers)
    for i in reversed(range(len(found_numbers))):
        m = found_numbers[i]
        after = text[m.end():].lstrip()
        chained = i + 1 < len(found_numbers) and after_ok[i + 1] and spaced(m, found_numbers[i + 1])
        after_ok[i] = after[:1].isalpha() or len(text) - len(after) in starts or chained
    extra, before_ok = [], False
    for i, m in enumerate(found_numbers):
        before = text[:m.start()].rstrip()
        chained = i > 0 and before_ok and spaced(found_numbers[i - 1], m)
        before_ok = not before or before[-1].isalpha() or len(before) in ends or before[-1] in ",;:" or chained
        # a record's line may end in the middle of a sentence: a number ending it after a word is among words
        last = not text[m.end():].strip() and before[-1:].isalpha()
        if before_ok and (after_ok[i] or last):
            extra.append(Token(m.start(), m.end(), m.group(), line, 0))
    if not extra:
        return found
    merged = sorted(found + extra, key=lambda t: t.start)
    for i, tok in enumerate(merged):
        tok.index = i
    return merged


def broken_word(text: str, a: Token, b: Token) -> bool:
    """Whether neighbouring tokens ``a`` and ``b`` may be the halves of one word broken by a hyphen and a
    space inside a line (``pro- ceodings``, ``jmter- ested``): a hyphen no compound writes so.

    >>> text = "criminal pro- ceodings and a Police- court, the well-known- man"
    >>> t = words(text)
    >>> [(a.text, b.text) for a, b in zip(t, t[1:]) if broken_word(text, a, b)]
    [('pro', 'ceodings'), ('Police', 'court')]
    """
    return (BROKEN_AT.fullmatch(text, a.end, b.start) is not None and len(a.text) > 1 and a.text.isalpha()
            and b.text[:1].islower() and text[a.start - 1:a.start] != "-")


def broken_at_stop(text: str, a: Token, b: Token) -> bool:
    """Whether neighbouring tokens may be the halves of a broken word whose hyphen the scan read as a full
    stop: small letters on both sides of it, as no sentence ends and starts (the corrector then asks
    whether the whole is a word and a half is none).

    >>> text = "His estab. lishment at Oxford, etc. and Mr. Smith"
    >>> t = words(text)
    >>> [(a.text, b.text) for a, b in zip(t, t[1:]) if broken_at_stop(text, a, b)]
    [('estab', 'lishment'), ('etc', 'and')]
    """
    return (BROKEN_AT_STOP.fullmatch(text, a.end, b.start) is not None and len(a.text) > 1 and a.text.isalpha()
            and a.text.islower() and b.text[:1].islower() and text[a.start - 1:a.start] != "-")


def hyphen_inside(text: str, a: Token, b: Token) -> bool:
    """Whether neighbouring tokens may be the halves of one word whose letter the scan read as a hyphen
    (Tesseract's ``prop-sed``, ``regulat-ry``): a hyphen alone between letters, the second half small,
    in no chain of hyphens (the corrector then asks whether a word has a letter there and a half is none).

    >>> text = "a prop-sed rule, the Police-court and a well-to-do man"
    >>> t = words(text)
    >>> [(a.text, b.text) for a, b in zip(t, t[1:]) if hyphen_inside(text, a, b)]
    [('prop', 'sed'), ('Police', 'court')]
    """
    return (text[a.end:b.start] == "-" and a.text.isalpha() and b.text.isalpha() and b.text.islower()
            and text[a.start - 1:a.start] != "-" and text[b.end:b.end + 1] != "-")


def halves(written: str) -> tuple[str, str]:
    """The two halves of a word broken inside a line, as written.

    >>> halves("pro- perty"), halves("estab. lishment")
    (('pro', 'perty'), ('estab', 'lishment'))
    """
    first, second = (BROKEN_AT if BROKEN_AT.search(written) else BROKEN_AT_STOP).split(written, maxsplit=1)
    return first, second


def joined(a: Token, b: Token) -> Token:
    """One token for the two halves of a broken word, read whole; it spans the hyphen and space between them.

    >>> t = joined(*words("pro- ceodings"))
    >>> t.text, t.start, t.end
    ('proceodings', 0, 13)
    """
    return Token(a.start, b.end, a.text + b.text, a.line, a.index, a.checkable and b.checkable)


def joined_through(a: Token, b: Token, text: str) -> Token:
    """One token for two halves and the glyph between them, the scan's for a letter (``prop-sed``)."""
    return Token(a.start, b.end, text[a.start:b.end], a.line, a.index, a.checkable and b.checkable)


def may_protect(text: str) -> bool:
    """Whether the text has what every protected piece starts with (most paragraphs have none)."""
    return "[^" in text or "http" in text or "www." in text or "@" in text


def spans(text: str):
    """Where the words are: letters with junk between them, and digits or ``*`` too where the
    whole reads as a garbled word rather than a number, a citation or a possessive.

    >>> t = "a litt3*e Vol.13 of 3molny, the 1930s, Herriot*s and anc4ogous p.111 non*aggression"
    >>> [t[s:e] for s, e in spans(t)]
    ['a', 'litt3*e', 'Vol', 'of', '3molny', 'the', 's', 'Herriot', 's', 'and', 'anc4ogous', 'p', 'non', 'aggression']
    """
    out = []
    pos = 0
    for m in JUNK_WORD.finditer(text):
        piece = m.group()
        if piece.isalpha() or not (DIGITS.search(piece) and junk_word(piece)):  # nearly all are plain words
            continue
        out.extend((pos + a.start(), pos + a.end()) for a in WORD.finditer(text[pos:m.start()]))
        out.append(m.span())
        pos = m.end()
    out.extend((pos + a.start(), pos + a.end()) for a in WORD.finditer(text[pos:]))
    if any(ch.isdigit() for ch in text):
        out = with_digit_words(text, out)
    return out


def with_digit_words(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, and words written with look-alike digits read whole in place of their letters' spans:
    a number has no letters and does not start with 0, an ordinal is a number (``31st``); two capitals are an
    abbreviation's (``U3SR``), a capital after a digit a footnote mark's (``5Ambassador``).

    >>> t = "Th1: b111, the 011 and at 5:30 in 1931, the 131 and 31st, 1nclude: this U3SR 5Ambassador"
    >>> [t[s:e] for s, e in spans(t)]
    ['Th1:', 'b111', 'the', '011', 'and', 'at', 'in', 'the', 'and', 'st', '1nclude', 'this', 'U', 'SR', 'Ambassador']
    """
    digit_words = [m.span() for m in DIGIT_WORD.finditer(text)
                   if LOOKALIKE_DIGITS.match(m.group()) and not ORDINAL.match(m.group())
                   and sum(ch.isupper() for ch in m.group()) < 2 and not DIGIT_CAPITAL.search(m.group())]
    if not digit_words:
        return found
    kept = [(s, e) for s, e in found if not any(a <= s < b for a, b in digit_words)]
    return sorted(kept + digit_words)


def leading_glyphs(text: str, start: int) -> int:
    """How many glyphs (one or two) the scan glued before the word at ``start``, after a space:
    they belong to the word, which the corrector then reads whole.

    >>> [leading_glyphs(t, t.index("h")) for t in ["said %he", "#%hich", "said%he", "see (he", "said %%%he"]]
    [1, 2, 0, 0, 0]
    """
    n = 0
    while n < 2 and start - n > 0 and text[start - n - 1] in LEADING_GLYPHS:
        n += 1
    return n if n and (start == n or text[start - n - 1].isspace()) else 0


def trailing_glyphs(text: str, end: int) -> int:
    """How many glyphs (one or two) the scan glued after the word ending at ``end``, before a space or a stop.

    >>> [trailing_glyphs(t, t.index("h") + 1) for t in ["th© and", "th©. And", "th©x", "th©©", "th%%% so"]]
    [1, 1, 0, 2, 0]
    """
    n = 0
    while n < 2 and end + n < len(text) and text[end + n] in TRAILING_GLYPHS:
        n += 1
    return n if n and (end + n == len(text) or text[end + n] in WORD_AFTER) else 0


# the same as patterns, for stages that find words with their own patterns (citations' note words)
GLYPHS_BEFORE = r"(?:^|(?<=\s))[" + regex.escape("".join(sorted(LEADING_GLYPHS))) + r"]{1,2}"
GLYPHS_AFTER = r"[" + regex.escape("".join(sorted(TRAILING_GLYPHS))) + r"]{1,2}(?=[ \n.,;:]|$)"
GLYPH_LED = regex.compile(rf"{GLYPHS_BEFORE}(?=\p{{L}})|(?<=\p{{L}}){GLYPHS_AFTER}")


def glyph_led(text: str) -> int:
    """How many words of the text have glyphs glued before or after them (which the corrector reads with them).

    >>> glyph_led("Quoted' &See and a ©lear case, th© end, not a&b")
    3
    """
    return len(GLYPH_LED.findall(text))


def junk_word(piece: str) -> bool:
    """A word with digits in it the scan put there: mostly small letters, few digits, no ordinal (1930s, 3rd)
    nor an abbreviation's garble (IJ3SR)."""
    digits = len(DIGITS.findall(piece))
    letters = sum(ch.isalpha() for ch in piece)
    capitals = sum(ch.isupper() for ch in piece)
    if ORDINAL.match(piece) or letters < digits or capitals > 1:
        return False
    if piece[0].isdigit() and (piece[1].isupper() or piece[0] not in "0123568"):
        return False  # a footnote mark glued to a word (9amicable) or a reference (2A)
    return True


def odd_capitals(word: str) -> bool:
    """A capital inside a word where no name puts one: the scan's doing.

    >>> odd_capitals("LitVinov"), odd_capitals("cOuld"), odd_capitals("McDonald"), odd_capitals("USSRs")
    (True, True, False, False)
    """
    return bool(ODD_CAPITAL.search(word)) and not NAME_PREFIX.match(word)


def opens_sentence(text: str, start: int, before: str = "") -> bool:
    """Whether a word at ``start`` opens a sentence: after a full stop (a quote or bracket may close
    between), glued to an opening quote, or at the text's start if the text ``before`` it (the previous
    line of a record) ended a sentence or there is none.  A colon or semicolon goes on with the sentence.

    >>> opens_sentence("It was. Then", 8), opens_sentence("It was then", 7), opens_sentence('so." Then', 5)
    (True, False, True)
    >>> opens_sentence("in the house", 0), opens_sentence("in the house", 0, before="he sat")
    (True, False)
    >>> opens_sentence("in 1972", 0, before="on display March 579"), opens_sentence("to assist: in", 11)
    (False, False)
    >>> opens_sentence('he said, "We are', 10)
    True
    """
    if start and text[start - 1] in OPENING_QUOTES:
        return True
    ahead = text[:start].rstrip() or before.rstrip()
    if not ahead:
        return True
    ahead = ahead.rstrip(CLOSING)
    return not ahead or ahead[-1] in ".!?"


def in_capitals(tokens: list[Token], k: int) -> bool:
    """Whether token ``k``, with a capital of its own, stands among words in capitals (a headline): of the
    nearest two words of two letters or more on each side, most are in capitals, two at least.

    >>> t = words("the EPA Will vote on the DARING ROBBERY AT PoRT")
    >>> [t[k].text for k in range(len(t)) if in_capitals(t, k)]
    ['PoRT']
    >>> t = words("ARREST OF A NoTomlous BunRLAr.")
    >>> [t[k].text for k in range(len(t)) if in_capitals(t, k)]
    ['NoTomlous']
    """
    if not tokens[k].text[:1].isupper() or tokens[k].text.isupper():
        return False
    return mostly(tokens, k, 2, str.isupper)


def in_title(tokens: list[Token], k: int) -> bool:
    """Whether token ``k``, with a capital of its own, stands among words in title case (a heading): of the
    nearest two words of four letters or more on each side (a title leaves its short words small), most
    start with a capital, two at least.

    >>> t = words("Chapter 1; The Bmeraenoe of Soviet Foreign Policy")
    >>> [t[k].text for k in range(len(t)) if in_title(t, k)]
    ['Chapter', 'The', 'Bmeraenoe', 'Soviet', 'Foreign', 'Policy']
    >>> t = words("Office of Dccupatlonal Safety and Health")
    >>> [t[k].text for k in range(len(t)) if in_title(t, k)]
    ['Office', 'Dccupatlonal', 'Safety', 'Health']
    >>> t = words("the committee met Hlthln the agency of the state")
    >>> [t[k].text for k in range(len(t)) if in_title(t, k)]
    []
    """
    if not tokens[k].text[:1].isupper():
        return False
    return mostly(tokens, k, 4, lambda text: text[:1].isupper())


def mostly(tokens: list[Token], k: int, shortest: int, cased) -> bool:
    """Whether, of the nearest two words of ``shortest`` letters or more on each side of token ``k``,
    most are ``cased`` so, two at least."""
    near = []
    for step in (-1, 1):
        j, found = k + step, 0
        while 0 <= j < len(tokens) and found < 2:
            if len(tokens[j].text) >= shortest:
                near.append(cased(tokens[j].text))
                found += 1
            j += step
    return sum(near) >= 2 and 2 * sum(near) > len(near)
