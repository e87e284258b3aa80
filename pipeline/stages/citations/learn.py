"""What the citations stage learns from the document's notes before it mends any: the sources it cites,
the forms it repeats, its names, the marks it types between words, the years its documents date from,
the digits the scan misreads.

Each learner reads all the notes and returns what it found; :mod:`.fix` applies it to one note.
"""
from __future__ import annotations

from collections import Counter

import regex
from rapidfuzz.distance import Levenshtein

from ...correction.tokens import GLYPHS_AFTER, GLYPHS_BEFORE

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


FORM_TOKEN = regex.compile(r"^\p{L}[\p{L}.'\-]*,?$")  # a word of a citation form, as typed (`Affairs,`, `d'Affaires`)


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
        typed = [FORM_TOKEN.match(w) is not None for w in words]  # each word asked once, not once per run it is in
        counts.update({" ".join(words[k:k + n]).rstrip(",") for n in range(3, 8) for k in range(len(words) - n + 1)
                       if all(typed[k:k + n])})
    forms = [f for f, n in counts.items() if n >= min_notes and len(f) >= min_chars]
    forms = [f for f in forms if not any(f != g and f in g and counts[g] >= counts[f] for g in forms)]
    return sorted(forms, key=lambda f: (-len(f), f))  # (the same order under any hash seed)


# a word of a note as the scan may have garbled it: letters with digits and marks among them (`U33R`, `T3Legram`)
# (glyphs glued before or after it are the word's: the word stage reads them with it, ``©xteausion``)
NOTE_WORD = regex.compile(rf"(?:{GLYPHS_BEFORE})?(?<![\p{{L}}\d])\p{{L}}[\p{{L}}\d%?$]*\p{{L}}(?:{GLYPHS_AFTER})?(?![\p{{L}}\d])")
NAME_MIN_COUNT = 10  # a capitalised word the document writes this often is one of its own names


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


# a note's end after its last number: the mark the typist ended it with, or the scan's dust for it
# (`p.344-*`, `Note 123,`, `pps. 182-183`)
NOTE_END = regex.compile(r"(?<=\d)(?P<end>[-.,*#»'\"^~ ]*)$")
FINAL_STOP_SHARE = 0.9  # the share of the notes ending in a number that end it with a stop, for the rest to follow


def ends_with_stop(texts) -> bool:
    """Do the notes that end in a number end it with a full stop, as a rule (``Ibid., p.344.``)?

    In the thesis 513 of the 528 notes that end in a number as the stages before leave them do:

    >>> ends_with_stop(["Ibid., p.344."] * 19 + ["Ibid., pps. 182-183"]), ends_with_stop(["p.3", "p.4."])
    (True, False)
    """
    ends = [m["end"] for m in map(NOTE_END.search, texts) if m]
    return bool(ends) and sum(end.startswith(".") for end in ends) >= FINAL_STOP_SHARE * len(ends)


# a year after a month and a day (`May 3,1951`, `June 24,19)1`): when the document it dates was written
DATE_YEAR = regex.compile(r"(?<=\b(?:January|February|March|April|May|June|July|August|September|October|November"
                          r"|December) \d{1,2}[,.]? ?)(?P<year>1[89]\S\d)\b")


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
