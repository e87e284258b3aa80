"""citations: mend the misread stops inside the notes' citations.

Runs last, over note text the word and punctuation stages have mended, so
a second run finds nothing left to do.
"""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..correction.tokens import GLYPHS_AFTER, GLYPHS_BEFORE, glyph_led
from ..document import Change, Document
from ..registry import Stage, register
from .layout import quote_garbled

YEAR = r"1[\dOoQDlIiSZB]{3}\b"  # as the scan read it: later stages mend its digits
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
    ("date-comma", regex.compile(rf"(?<=\b\p{{Lu}}\p{{L}}{{2,8}} \d{{1,2}})[.*#»](?=\s{{0,3}}{YEAR})"), ","),
    # `Turkey# Surits# November 21`: a stop before a date inside a citation is a comma
    ("comma-before-date", regex.compile(rf"(?<=\p{{L}}{{2}})[*#»](?=\s+{DATE})"), ","),
    # `in Turkey# Surits# to the NKD`: a name set off by stops
    ("comma-before-name", regex.compile(rf"(?<=\p{{L}}{{2}})[*#»](?=\s+\p{{Lu}}\p{{Ll}}+[*#»,]\s+(?:\p{{Ll}}|{DATE}))"), ","),
    # `Vol*13* p*663`, `Vol.14>p.16`: the stop between volume and page
    ("stop-before-page", regex.compile(r"(?<=\d|\.\s?[lIO]{1,3})[*#»>](?=\s?pp?s?[.*#,»^>]?\s?\d)"), "."),
    # `pps. 441^444`, `pps.719#*721`, `1937**1940`: the dash of a range of pages or years
    ("range-dash", regex.compile(r"(?<=\bpps?[.*#,»]?\s?\d{1,4})[*#»^]{1,2}(?=\d{1,4}\b)|"
                                 r"(?<=\b1[89]\d\d)[*#»^]{1,2}(?=1[89]\d\d\b)"), "-"),
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
    return token.translate(str.maketrans("lIO", "110"))


# the rules that choose between a comma and a stop for the scan's `*`, `#`, `»`: the footnotes stage
# runs them before punctuation reads every such mark as a full stop
STOP_CHOICES = ("ibid-comma", "date-comma", "comma-before-date", "comma-before-name", "stop-before-page")


# a word and the stop or comma the typist set after it before a date (`Pravda. May 8`, `Surits, November 21`)
TYPED_BEFORE_DATE = regex.compile(rf"\b(?P<word>\p{{Lu}}\p{{Ll}}+)(?P<sep>[.,])\s+{DATE}")
LAST_WORD = regex.compile(r"\p{L}+$")


SOURCE_BEFORE_VOLUME = regex.compile(r"(?<![\p{L}\d])(?P<source>[\p{L}\d>)]{2,5})(?=[\s.*#]\s?Vol\b)")


def source_abbreviations(texts, is_word=lambda token: False) -> dict[str, str]:
    """Misreadings of the sources the document cites by volume, and the source each stands for.

    A source cited many times (`DVP Vol.13`) draws the tokens one letter
    from it that stand where it stands (`BVP Vol.13`, `PVP Vol.16`), unless
    they are cited often in their own right; tokens that are no word draw
    from two letters off (`pVF Vol.15`, `pyp Vol.1`):

    >>> sorted(source_abbreviations(["DVP Vol.13, p.4"] * 60 + ["BVP Vol.14, p.9"] * 11 + ["DBFP Vol.2", "DVF Vol*13",
    ...                                                       "pVF Vol.15", "pyp Vol.1", "Dev Vol.2"], {"dev"}.__contains__).items())
    [('BVP', 'DVP'), ('DVF', 'DVP'), ('pVF', 'DVP'), ('pyp', 'DVP')]

    A source the scan misread often (`BVP` above) is still a misreading:
    the tokens near it are read as the source it stands for.
    """
    counts: dict[str, int] = {}
    for text in texts:
        for m in SOURCE_BEFORE_VOLUME.finditer(text):
            counts[m["source"]] = counts.get(m["source"], 0) + 1
    # the most cited first: a token near two sources is read as the commoner (`PVP`: `DVP`, not `BVP`)
    sources = sorted((s for s, n in counts.items() if n >= 10 and s.isupper() and s.isalpha()), key=lambda s: -counts[s])
    out: dict[str, str] = {}
    for token, n in counts.items():
        reach = 1 if is_word(token.lower()) else 2
        for source in sources:
            if token != source and len(token) == len(source) and n * 5 <= counts[source] \
                    and Levenshtein.distance(token.upper(), source) <= reach:
                out[token] = source
                break
    return {token: source for token, source in out.items() if source not in out}  # a misread source is none


def source_changes(text: str, sources: dict[str, str]) -> list[Change]:
    """The cited sources the scan misread, as the document's own citations spell them.

    >>> [(c.new, c.rule) for c in source_changes("Ibid. BVP Vol.13. p.663.", {"BVP": "DVP"})]
    [('DVP', 'source-abbreviation')]
    """
    return [Change(m.start("source"), m.end("source"), sources[m["source"]], "source-abbreviation", 0.7)
            for m in SOURCE_BEFORE_VOLUME.finditer(text) if m["source"] in sources]


FORM_TOKEN = regex.compile(r"^\p{L}[\p{L}.'\-]*,?$")  # a word of a citation form, as typed (`Affairs,`, `d'Affaires`)
TOKEN = regex.compile(r"[^\s,]+")
LETTERS = regex.compile(r"\p{L}+")


def citation_forms(texts, min_notes: int = 4, min_chars: int = 16) -> list[str]:
    """The phrases the notes repeat (``Telegram from the Soviet Ambassador in France``), longest first.

    Runs of three to seven words, no numbers, found in at least ``min_notes``
    notes; a run inside a longer one found as often is left out.

    >>> notes = ["Telegram from the Soviet Ambassador in France, Dovgalevsky, to the NKD, May 3,1931."] * 4
    >>> forms = citation_forms(notes + ["Telegram from the Soviet Ambassador in Turkey, Surits, to the NKD."] * 2)
    >>> "Telegram from the Soviet Ambassador in" in forms, any("Turkey" in f or "1931" in f for f in forms)
    (True, False)
    """
    counts: Counter = Counter()
    for text in texts:
        words = text.split()
        counts.update({" ".join(words[k:k + n]).rstrip(",") for n in range(3, 8) for k in range(len(words) - n + 1)
                       if all(FORM_TOKEN.match(w) for w in words[k:k + n])})
    forms = [f for f, n in counts.items() if n >= min_notes and len(f) >= min_chars]
    forms = [f for f in forms if not any(f != g and f in g and counts[g] >= counts[f] for g in forms)]
    return sorted(forms, key=len, reverse=True)


def _letters(token: str) -> str:
    return "".join(LETTERS.findall(token)).lower()


def form_changes(text: str, forms: list[str], is_word) -> list[Change]:
    """Garbled words of a citation form the document repeats, read as that form's words.

    The garbled stretch must hold the form's words one for one: each that
    differs is no word of its own (``Turkey`` is not read as ``France``),
    is near the form's word, and is not two words run together:

    >>> forms = ["Note of a conversation between the Commissar for Foreign Affairs", "of the Collegium of the NKD"]
    >>> is_word = lambda w: w.lower() in {"turkey", "of", "the"}
    >>> [(c.new, c.rule) for c in form_changes("'Note of 'a oonversaMonb between the Commissar for Foreign Affairs", forms, is_word)]
    [('conversation', 'citation-form')]
    >>> [c.new for c in form_changes("a member of the Oollegitna of the NKD and Patek", forms, is_word)]
    ['Collegium']
    >>> form_changes("Note of a conversation between the Commissar for Turkey Affairs", forms, is_word)
    []
    """
    out: list[Change] = []
    words = {_letters(t) for t in TOKEN.findall(text)}
    for form in forms:
        want = TOKEN.findall(form)
        if len(text) < 0.7 * len(form) or len(want) - sum(_letters(w) in words for w in want) > 2:
            continue  # (cheap: all but a garbled word or two of the form must be there as they are)
        found = fuzz.partial_ratio_alignment(form, text, score_cutoff=75)
        if found is None:
            continue
        span = [m for m in TOKEN.finditer(text)
                if m.end() > found.dest_start and m.start() < found.dest_end and _letters(m.group())]
        if len(span) != len(want) or any(c.isdigit() for m in span for c in m.group()):
            continue
        pairs = [(m, w) for m, w in zip(span, want) if _letters(m.group()) != _letters(w)]
        if pairs and all(_garble_of(m.group(), w, is_word) for m, w in pairs):
            out += [Change(m.start(), m.end(), w, "citation-form", 0.7, {"form": form}) for m, w in pairs
                    if not any(m.start() < c.end and c.start < m.end() for c in out)]
    return sorted(out, key=lambda c: c.start)


def _garble_of(token: str, word: str, is_word) -> bool:
    """``oonversaMonb`` for ``conversation``: near it, no word of its own, not two words run together."""
    bare = token.strip(".'\"")
    if bare.isalpha() and is_word(bare):
        return False
    mine, theirs = _letters(token), _letters(word)
    if mine.startswith(theirs) or mine.endswith(theirs) or theirs.startswith(mine) or theirs.endswith(mine):
        return False  # `Affairs#Litvinov`, `J.Degras`: words run together, not a garble
    return Levenshtein.normalized_distance(mine, theirs) <= 0.4


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


# a word of a note as the scan may have garbled it: letters with digits and marks among them (`U33R`, `T3Legram`)
# (glyphs glued before or after it are the word's: the word stage reads them with it, ``©xteausion``)
NOTE_WORD = regex.compile(rf"(?:{GLYPHS_BEFORE})?(?<![\p{{L}}\d])\p{{L}}[\p{{L}}\d%?$]*\p{{L}}(?:{GLYPHS_AFTER})?(?![\p{{L}}\d])")
NAME_MIN_COUNT = 10  # a capitalised word the document writes this often is one of its own names
NAME_MAX_COST = 0.3  # channel cost per letter of the garble a name may be read through
ENGLISH_MARGIN = 0.5  # how much cheaper than any English candidate the name must be


def document_names(texts) -> dict[str, int]:
    """The capitalised words the document writes often, with their counts (its names and title words).

    >>> document_names(["Litvinov wrote to Litvinov."] * 5 + ["the end"])
    {'Litvinov': 10}
    """
    counts: dict[str, int] = {}
    for text in texts:
        for m in NOTE_WORD.finditer(text):
            counts[m.group()] = counts.get(m.group(), 0) + 1
    return {w: n for w, n in counts.items() if n >= NAME_MIN_COUNT and len(w) >= 4 and w.isalpha() and w[0].isupper()}


def name_for(word: str, names: dict[str, int], channel, english) -> str | None:
    """The document's own name a garbled note word stands for, when one is clearly the cheapest reading.

    The name must be within ``NAME_MAX_COST`` per letter, a full confusion
    cheaper than the next name, and cheaper than every English word the
    corrector would offer (``english``) by ``ENGLISH_MARGIN``, so a garbled
    English word is left to the word stage:

    >>> from pipeline.correction.profile import Costs, ScanProfile
    >>> names = {"Commissar": 174, "Embassy": 40, "Krestinsky": 68, "Russian": 102}
    >>> [name_for(w, names, Costs(ScanProfile.prior()), lambda w: ["session"]) for w in ["Cornmissar", "hre8tinsky", "ression"]]
    ['Commissar', 'Krestinsky', None]

    Capitals are read as one of the document's acronyms even where an
    English word is as near (`U3SR` and `user`):

    >>> [name_for("U3SR", {"USSR": 278}, Costs(ScanProfile.prior()), lambda w: [c]) for c in ["user"]]
    ['USSR']
    """
    limit = NAME_MAX_COST * len(word)
    costs = channel.ranked(word, [name for name in names if abs(len(name) - len(word)) <= 2], limit)
    if not costs or costs[0][0] > limit:
        return None
    best, name = costs[0]
    if len(costs) > 1 and costs[1][0] - best < 1.0:
        return None
    if name.isupper() and not any(ch.islower() for ch in word):
        return name  # capitals read as an acronym the document uses: an English word would be in small letters
    rivals = [channel.cost(word, c) for c in english(word) if c.lower() != name.lower()]
    if rivals and min(rivals) - best < ENGLISH_MARGIN:
        return None
    return name


def name_changes(text: str, names: dict[str, int], channel, english, is_known, read: dict | None = None) -> list[Change]:
    """The garbled words of a note put back as the document's own names (`U33R` -> `USSR`).

    ``read`` keeps each word's reading for the rest of the document: a garble recurs, and the stage
    runs more than once.

    >>> from pipeline.correction.profile import Costs, ScanProfile
    >>> names = {"Commissar": 174, "USSR": 278}
    >>> [(c.new, c.rule) for c in name_changes("the Cornmissar and the U3SR", names, Costs(ScanProfile.prior()),
    ...                                         lambda w: [], lambda w: w == "the")]
    [('Commissar', 'document-name'), ('USSR', 'document-name')]
    """
    changes, read = [], {} if read is None else read
    for m in NOTE_WORD.finditer(text):
        word = m.group()
        if word in names or is_known(word):
            continue
        if word not in read:
            read[word] = name_for(word, names, channel, english)
        name = read[word]
        if name is not None:
            changes.append(Change(m.start(), m.end(), name, "document-name", 0.6))
    return changes


# two capitalised words a stop or a comma parts (`Budurowycz, Polish-Soviet`, `Korbel.Poland`)
PARTED_WORDS = regex.compile(r"(?<![\p{L}.])(?P<first>\p{Lu}\p{Ll}{2,})(?P<sep>[.,]\s?)(?=(?P<second>\p{Lu}[\p{L}-]+))")


def comma_pairs(texts, opens_sentences=lambda word: False) -> frozenset[tuple[str, str]]:
    """Pairs of words the notes part with a comma at least twice, and more often than with a stop.

    An author and the title after him (`Budurowycz, Polish-Soviet Relations`)
    is one such pair; a sentence's end before the next is not, nor is a pair
    whose second word is one that opens sentences (`Germany, The`):

    >>> texts = ["Korbel, Poland Between East and West", "Germany, The Treaty"] * 2 + ["Korbel. Poland"]
    >>> sorted(comma_pairs(texts, {"The"}.__contains__))
    [('Korbel', 'Poland')]
    """
    votes: dict[tuple[str, str], int] = {}
    commas: dict[tuple[str, str], int] = {}
    for text in texts:
        for m in PARTED_WORDS.finditer(text):
            pair = (m["first"], m["second"])
            comma = m["sep"].startswith(",")
            votes[pair] = votes.get(pair, 0) + (1 if comma else -1)
            commas[pair] = commas.get(pair, 0) + comma
    return frozenset(pair for pair, vote in votes.items()
                     if vote > 0 and commas[pair] >= 2 and not opens_sentences(pair[1]))


def comma_pair_changes(text: str, pairs: frozenset[tuple[str, str]]) -> list[Change]:
    """A stop glued between two words the document parts with a comma is the comma and its space.

    >>> [(c.new, c.rule) for c in comma_pair_changes("Quoted in Korbel.Poland Between", frozenset({("Korbel", "Poland")}))]
    [(', ', 'comma-between-words')]
    """
    return [Change(m.start("sep"), m.end("sep"), ", ", "comma-between-words", 0.6) for m in PARTED_WORDS.finditer(text)
            if m["sep"] == "." and (m["first"], m["second"]) in pairs]


# the mark glued between a span of years and the capital word after it (`1922-1923;Turkey`, `1922-1923|Turkey`)
AFTER_YEARS = regex.compile(r"(?<=\b1[89]\d\d-1[89]\d\d)(?P<sep>[;,.|])(?=\p{Lu}\p{Ll})")


def separator_after_years(texts) -> str | None:
    """The mark the notes most often type between a span of years and the word glued after it.

    >>> separator_after_years(["Norway 1922-1923;Turkey,1923-1934;Germany,1934-1937.France", "1918-1919|Denmark"])
    ';'
    """
    counts: dict[str, int] = {}
    for text in texts:
        for m in AFTER_YEARS.finditer(text):
            if m["sep"] != "|":
                counts[m["sep"]] = counts.get(m["sep"], 0) + 1
    return max(counts, key=counts.get) if counts else None


def pipe_changes(text: str, separator: str | None) -> list[Change]:
    """A bar, which no typist types, between a span of years and the next word is the notes' usual mark there.

    >>> [(c.new, c.rule) for c in pipe_changes("Afghanistan, 1919-1921;Norway 1922-1923|Turkey,1923-1934", ";")]
    [(';', 'pipe-after-years')]
    """
    if separator is None:
        return []
    return [Change(m.start(), m.end(), separator, "pipe-after-years", 0.6)
            for m in AFTER_YEARS.finditer(text) if m["sep"] == "|"]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# a word standing where a date's month stands: before its day and year (`Ju3y 2, 1931`, `dune 28,1932`)
BEFORE_DAY_AND_YEAR = regex.compile(rf"(?<![\p{{L}}\d])\p{{L}}[\p{{L}}\d]{{1,9}}(?=\s{{1,3}}\d{{1,2}}[,.*#»]?\s{{0,3}}{YEAR})")
MONTH_MAX_COST = 0.4  # channel cost per letter of the month


def month_for(word: str, cost) -> str | None:
    """The month a word before a day and a year stands for, when one is clearly the cheapest reading.

    A month's own abbreviation (`Apr`, `Sept`) is as typed:

    >>> from pipeline.correction.profile import Costs, ScanProfile
    >>> [month_for(w, Costs(ScanProfile.prior()).cost) for w in ["Ju1y", "dune", "Hay", "Anriil", "Apr", "Mr", "May", "have"]]
    ['July', 'June', 'May', 'April', None, None, None, None]
    """
    if word in MONTHS or any(month.startswith(word) for month in MONTHS):
        return None
    costs = sorted((cost(word, month), month) for month in MONTHS)
    (best, month), (second, _) = costs[0], costs[1]
    return month if best <= MONTH_MAX_COST * len(month) and second - best >= 1.0 else None


def month_changes(text: str, cost) -> list[Change]:
    """The garbled months of a note's dates, put right.

    >>> from pipeline.correction.profile import Costs, ScanProfile
    >>> [(c.new, c.rule) for c in month_changes("Dirksen, Ju1y 2, 1931. Pravda, dune 28,1932.", Costs(ScanProfile.prior()).cost)]
    [('July', 'month'), ('June', 'month')]
    """
    changes = []
    for m in BEFORE_DAY_AND_YEAR.finditer(text):
        month = month_for(m.group(), cost)
        if month is not None:
            changes.append(Change(m.start(), m.end(), month, "month", 0.7))
    return changes


# a year after a month and a day (`May 3,1951`, `June 24,19)1`): when the document it dates was written
DATE_YEAR = regex.compile(r"(?<=\b(?:January|February|March|April|May|June|July|August|September|October|November"
                          r"|December) \d{1,2}[,.]? ?)(?P<year>1[89]\S\d)\b")
YEAR_RATIO = 4  # a year is misread when a year one character from it dates this many times more documents
YEAR_MIN = 20  # ...and at least this many


def date_years(texts) -> Counter:
    """How often the notes date a document in each year (``May 3,1931``).

    >>> date_years(["Litvinov, May 3,1931.", "Izvestiia. June 24,19)1", "(London 1952)"])
    Counter({'1931': 1, '19)1': 1})
    """
    return Counter(m["year"] for text in texts for m in DATE_YEAR.finditer(text))


def digit_confusions(edits, min_count: int = 5) -> frozenset[tuple[str, str]]:
    """The digits this scan misreads, learned from the note numbers layout repaired by their sequence:
    ``(read, typed)`` pairs seen at least ``min_count`` times (``23.`` where 25 was due: 3 for 5).

    >>> from pipeline.document import Edit
    >>> edits = [Edit("layout", "note-number", "23.", "25", 1, 1)] * 5 + [Edit("layout", "note-number", "31", "34", 1, 1)]
    >>> sorted(digit_confusions(edits))
    [('3', '5')]
    """
    counts: Counter = Counter()
    for edit in edits:
        if edit.stage == "layout" and edit.rule == "note-number":
            read = edit.before.strip().rstrip(".*#,:;\"'»")
            if len(read) == len(edit.after) and read.isdigit():
                pairs = [(a, b) for a, b in zip(read, edit.after) if a != b]
                counts.update(pairs if len(pairs) == 1 else [])
    return frozenset(pair for pair, n in counts.items() if n >= min_count)


def _one_misread(read: str, typed: str, confusions) -> bool:
    """``typed`` differs from ``read`` in one character, which the scan misreads so (or is no digit)."""
    diffs = [(a, b) for a, b in zip(read, typed) if a != b]
    return len(diffs) == 1 and (diffs[0] in confusions or not diffs[0][0].isdigit())


def year_changes(text: str, years: Counter, confusions: frozenset[tuple[str, str]]) -> list[Change]:
    """A date's year the scan misread, read as the year the notes' dates hold far more often that one
    misread character (a digit this scan confuses, or no digit at all) makes of it: the documents a
    thesis cites date from a few years, which the notes repeat hundreds of times.

    >>> years = Counter({"1931": 167, "1932": 170, "1951": 19, "19)1": 4, "1920": 8, "1953": 9, "1933": 42})
    >>> text = "Litvinov, May 3,1951 DVP Vol.14; Pravda, June 24,19)1; March 8, 1920; July 1, 1933"
    >>> [c.new for c in year_changes(text, years, frozenset({("5", "3")}))]
    ['1931', '1931']
    """
    changes = []
    for m in DATE_YEAR.finditer(text):
        year = m["year"]
        near = [(years[y], y) for y in years if len(y) == 4 and y.isdigit() and _one_misread(year, y, confusions)]
        if not near:
            continue
        count, best = max(near)
        if count >= YEAR_MIN and count >= YEAR_RATIO * years[year]:
            changes.append(Change(m.start("year"), m.end("year"), best, "date-year", 0.7, {"seen": years[year]}))
    return changes


QUOTES = "'\"\u2018\u2019\u201c\u201d`"
# on a line the scan strewed with quotes, a run of them or one inside a word parts two words
# (`RepSSive''in`, `'from'the`; not French `d'Affaires`); elsewhere a run is dust (`'''Litvinov`), so is a quote standing alone
STREWN_QUOTES = [
    ("quotes-between-words", regex.compile(rf"(?<=\p{{L}})[{QUOTES}]{{2,}}(?=\p{{L}})|"
                                           rf"(?<=\p{{L}})(?<!\b[dlDL])[{QUOTES}](?=\p{{L}}{{2}})(?!(?:s|t|d|ll|re|ve|m)\b)"), " "),
    ("quote-run", regex.compile(rf"[{QUOTES}]{{2,}}|(?<=\s)[{QUOTES}](?:\s+|$)"), ""),
]


FIRST_WORD = regex.compile(r"^\p{L}+")


def joined_word(line: str, start: int, end: int) -> str:
    """The word the letters either side of ``line[start:end]`` make without it.

    >>> joined_word("Affairs ' Bri'and,'' to", 13, 14)
    'Briand'
    """
    left, right = LAST_WORD.search(line[:start]), FIRST_WORD.search(line[end:])
    return (left.group() if left else "") + (right.group() if right else "")


def strewn_quote_changes(text: str, is_word=lambda word: False) -> list[Change]:
    r"""The quotes the scan strewed over a note's garbled line, taken out so its words can be read.

    Only lines the quotes garbled are touched (see ``layout.quote_garbled``); a
    quotation in a note keeps its marks.  A quote inside a word goes without
    a trace where the letters around it make a word (``Bri'and``):

    >>> from pipeline.document import Block
    >>> line = "Telegram 'from %he' \"c ommi sSr'Tor''\"For ei^ ' Affairs J '''Lit%nov, to ' tJÎe'Soviot"
    >>> Block.from_lines("footnote", [line], 1, 1).rewrite("x", strewn_quote_changes(line))[0].text
    'Telegram \'from %he\' "c ommi sSr Tor For ei^ Affairs J Lit%nov, to tJÎe Soviot'
    >>> line = "letterT'r'th  'Foreign aff Srs ' Bri'and,'' to' 6ie ' '' ''"
    >>> Block.from_lines("footnote", [line], 1, 1).rewrite("x", strewn_quote_changes(line, {"Briand"}.__contains__))[0].text
    "letterT'r th  'Foreign aff Srs Briand, to' 6ie  "
    >>> strewn_quote_changes("the situation is revolutionary' is not a Bolshevik leader but a 'tub-thumping agitator.\"")
    []
    """
    changes, offset = [], 0
    for line in text.split("\n"):
        if quote_garbled(line):
            taken: list[tuple[int, int]] = []
            for rule, pattern, new in STREWN_QUOTES:
                for m in pattern.finditer(line):
                    if not any(m.start() < e and s < m.end() for s, e in taken):
                        taken.append(m.span())
                        if new == " " and is_word(joined_word(line, m.start(), m.end())):
                            new_text = ""
                        else:
                            new_text = new
                        changes.append(Change(offset + m.start(), offset + m.end(), new_text, rule, 0.6))
        offset += len(line) + 1
    return sorted(changes, key=lambda c: c.start)


def glues_glyph(text: str, change: Change, window: int = 3) -> bool:
    """Would the change glue a glyph to a word (``&''See`` -> ``&See``), which the word stage reads as one?

    >>> glues_glyph("Quoted' &''See", Change(9, 11, "", "strewn-quote", 0.7))
    True
    >>> glues_glyph("Quoted' ''See", Change(8, 10, "", "strewn-quote", 0.7))
    False
    """
    lo, hi = max(0, change.start - window), change.end + window
    return glyph_led(text[lo:change.start] + change.new + text[change.end:hi]) > glyph_led(text[lo:hi])


@register
class Citations(Stage):
    """Mend the misread stops of the notes' citations (`Ibid..`, `p*663`, `November 19#1930`) and take out strewn quotes."""

    name = "citations"
    requires = frozenset({"blocks", "stops read", "words read"})  # the notes, mended by those before
    max_rounds = 3

    def __call__(self, doc: Document) -> Document:
        from ..vocabulary import document_vocabulary
        from .punctuation import rules_for
        from .words import makes_punctuation_work

        stop_words = stops_before_dates(block.text for _, _, block in doc.blocks())
        lexicon = self.lexicon
        sources = source_abbreviations((block.text for _, _, block in doc.blocks(("footnote",))),
                                       lambda token: lexicon.is_known(token, 1e-6))
        vocabulary = document_vocabulary(doc)
        names = document_names(block.text for _, _, block in doc.blocks())
        after_years = separator_after_years(block.text for _, _, block in doc.blocks(("footnote",)))
        # a common English word (`The`, `There`) is capitalised where a sentence opens, not after a comma
        pairs = comma_pairs((block.text for _, _, block in doc.blocks(("footnote",))),
                            lambda word: lexicon.frequency(word.lower()) >= 1e-3)
        corrector = self.resources.corrector if self.resources else None
        english = corrector.candidates if corrector is not None else (lambda w: [])
        from ..correction.profile import Costs, ScanProfile
        learned = corrector.state.profile if corrector is not None and corrector.state is not None else None
        channel = Costs(learned or ScanProfile.prior())
        readings: dict[str, str | None] = {}
        forms = citation_forms(block.text for _, _, block in doc.blocks(("footnote",)))
        read_forms: dict[str, list[Change]] = {}  # each round sees most notes unchanged
        years = date_years(block.text for _, _, block in doc.blocks(("footnote",)))
        confusions = digit_confusions(doc.edits)
        # a garble the document has more than twice is its own word, not a misreading
        is_known = lambda word: vocabulary[word.lower()] > 2 or lexicon.is_known(word, 1e-9)
        # as punctuation joins a split word: the document's own word, or a known English one
        is_word = lambda word: vocabulary[word.lower()] >= 3 or lexicon.is_known(word, 1e-5)
        # the quotes strewn over a garbled line go last: taken out earlier, the words the word stage
        # mends after them could draw the rule again on a second run
        rules = rules_for(doc, lexicon)

        def quiet(text: str, change: Change) -> bool:
            # punctuation and words ran before: a change must not leave them work a second run would do
            # (a quote taken out from between a glyph and a word, &''See, glues them into one for words)
            return not makes_punctuation_work(text, SimpleNamespace(start=change.start, end=change.end, after=change.new),
                                              rules) and not glues_glyph(text, change)

        def changes(block):
            text = block.text
            fixes = citation_changes(text, None, stop_words)
            fixes += [c for c in strewn_quote_changes(text, is_word) + source_changes(text, sources)
                      + comma_pair_changes(text, pairs) + pipe_changes(text, after_years) if quiet(text, c)]
            taken = [(c.start, c.end) for c in fixes]
            fixes += [c for c in name_changes(text, names, channel, english, is_known, readings) + month_changes(text, channel.cost)
                      + year_changes(text, years, confusions)
                      if not any(c.start < e and s < c.end for s, e in taken) and quiet(text, c)]
            taken = [(c.start, c.end) for c in fixes]
            # the citation forms the notes repeat read the words the others left garbled
            if text not in read_forms:
                read_forms[text] = form_changes(text, forms, is_word)
            fixes += [c for c in read_forms[text]
                      if not any(c.start < e and s < c.end for s, e in taken) and quiet(text, c)]
            return sorted(fixes, key=lambda c: c.start)

        for _ in range(self.max_rounds):  # one mend can open the way to another (`p*5l8` -> `p.5l8` -> `p.518`)
            edits = len(doc.edits)
            doc = doc.rewrite(self.name, ("footnote",), changes)
            if len(doc.edits) == edits:
                break
        return doc
