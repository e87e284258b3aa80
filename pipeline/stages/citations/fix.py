"""The citations stage's fixers: each reads one note with what :mod:`.learn` found and proposes changes."""
from __future__ import annotations

import bisect
import functools
from collections import Counter

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ...correction.tokens import glyph_led
from ...document import Change
from ...rules.citations import LAST_WORD, YEAR
from ...rules.garbles import quote_garbled
from ...rules.glyphs import QUOTES
from .learn import AFTER_YEARS, DATE_YEAR, NOTE_END, NOTE_WORD, PARTED_WORDS, SOURCE_BEFORE_VOLUME


def source_changes(text: str, sources: dict[str, str]) -> list[Change]:
    """The cited sources the scan misread, as the document's own citations spell them.

    >>> [(c.new, c.rule) for c in source_changes("Ibid. BVP Vol.13. p.663.", {"BVP": "DVP"})]
    [('DVP', 'source-abbreviation')]
    """
    return [Change(m.start("source"), m.end("source"), sources[m["source"]], "source-abbreviation", 0.7)
            for m in SOURCE_BEFORE_VOLUME.finditer(text) if m["source"] in sources]


TOKEN = regex.compile(r"[^\s,]+")
LETTERS = regex.compile(r"\p{L}+")


@functools.lru_cache(maxsize=1 << 16)  # the forms' words are read against every note: a million calls on the thesis
def _letters(token: str) -> str:
    return "".join(LETTERS.findall(token)).lower()


@functools.lru_cache(maxsize=1 << 12)
def _form_words(form: str) -> tuple[list[str], list[str]]:
    """A form's words, and their letters."""
    words = TOKEN.findall(form)
    return words, [_letters(w) for w in words]


@functools.lru_cache(maxsize=1 << 12)
def _form_tokens(form: str) -> list:
    """A form's ``TOKEN`` matches: each form is read against every note."""
    return list(TOKEN.finditer(form))


class _Tokens:
    """A note's ``TOKEN`` matches, found once for all the forms it is read against, and those a stretch of
    it overlaps: the matches are in order and apart, so they are a slice found by two bisections."""

    def __init__(self, text: str):
        self.matches = list(TOKEN.finditer(text))
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]

    def overlapping(self, start: int, end: int) -> list:
        """The matches ``m`` with ``m.end() > start and m.start() < end``."""
        return self.matches[bisect.bisect_right(self.ends, start):bisect.bisect_left(self.starts, end)]


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
    tokens = _Tokens(text)
    words = {_letters(m.group()) for m in tokens.matches}
    for form in forms:
        want, letters = _form_words(form)
        if len(text) < 0.7 * len(form) or len(want) - sum(map(words.__contains__, letters)) > 2:
            continue  # (cheap: all but a garbled word or two of the form must be there as they are)
        found = fuzz.partial_ratio_alignment(form, text, score_cutoff=75)
        if found is None:
            continue
        span = [m for m in tokens.overlapping(found.dest_start, found.dest_end) if _letters(m.group())]
        if len(span) != len(want) or any(map(str.isdigit, "".join([m.group() for m in span]))):
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


CITED_NUMBER = regex.compile(r"\d[.,*#]|[.,*#]\d")  # a number of a citation, its stop beside it (`p.243*Tho`, `F#0.`)
FORM_MATCH = 60  # how closely (rapidfuzz's partial ratio) a stretch of the note must follow a form to be read as it
FORM_LETTERS = 0.6  # the share of the form's letters the stretch must hold, in order
BLOCK_LETTERS = 0.5  # ... and each garbled run within it, of the words it stands for
TYPED_TOKEN = regex.compile(r"\p{L}[\p{L}'\-]*[.;]?")  # a word with a quote or a stop about it, no glyph inside
MAX_LOST_WORDS = 2  # words a garble may have eaten that the form puts back


def form_block_changes(text: str, forms: list[str], is_word) -> list[Change]:
    r"""A stretch of a note the scan garbled, read as the citation form the notes repeat, run by run.

    The form's words are aligned with the note's; each run of garbled words
    between the words typed as they are is read as the form's words there,
    even where the garble broke a word apart or ate a short one, and the
    quotes strewn on its words inside the stretch go:

    >>> forms = ["Telegram from the Commissar for Foreign Affairs", "Telegram from the Deputy Commissar for Foreign"]
    >>> is_word = lambda w: w.lower() in {"telegram", "from", "the", "semi", "for", "affairs", "deputy", "commissar",
    ...                                   "foreign", "soviet", "ambassador"}
    >>> note = "Telegram 'from the' \"c semi sSr Tor For ei Affairs J Litvinov, to the Soviet Ambassador"
    >>> [(note[c.start:c.end], c.new) for c in form_block_changes(note, forms, is_word)]
    [("'from", 'from'), ("the'", 'the'), ('"c semi sSr Tor For ei', 'Commissar for Foreign')]

    A run of words typed as they are is another phrase, not the form
    garbled (``Deputy`` stays out of a note that has none), and a word is put
    back only beside a garble that could have eaten it:

    >>> form_block_changes("Telegram from the Soviet Ambassador", forms, is_word)
    []
    >>> form_block_changes("Telegram from the Commissar for Foreign Affairs", forms, is_word)
    []
    """
    best: list[tuple[tuple[float, int], list[Change]]] = []
    tokens = _Tokens(text)
    typed = functools.cache(lambda token: _typed(token, is_word))  # a note's words are asked of every form
    for form in forms:
        read = _form_reading(text, form, typed, tokens)
        if read is not None:
            best.append(read)
    out: list[Change] = []
    for _, changes in sorted(best, key=lambda r: r[0], reverse=True):  # the closest form first, then the longest
        if not any(c.start <= o.end and o.start <= c.end for c in changes for o in out):
            out += changes
    return sorted(out, key=lambda c: c.start)


def _typed(token: str, is_word) -> bool:
    """A token typed as it is: a word of the document or of English, a quote or a stop about it
    (``'from``, ``Affairs.``), no glyph inside (``Common*``, ``sSr`` are garbles)."""
    token = token.strip("'\"")
    if len(_letters(token)) == 1 and token not in ("a", "A", "I"):
        return False  # a letter standing alone (`Affairs J Litvinov`) is no word of a citation but an initial's
    return bool(TYPED_TOKEN.fullmatch(token)) and is_word(token.rstrip(".;"))


def _form_reading(text: str, form: str, typed, tokens: _Tokens):
    """The changes that read the stretch of ``text`` nearest ``form`` as the form, with their
    ``(share of letters in common, length of form)``; None if the stretch is no garble of it.
    ``typed``: :func:`_typed` of a token; ``tokens``: the text's ``TOKEN`` matches (:class:`_Tokens`)."""
    found = fuzz.partial_ratio_alignment(form, text, score_cutoff=FORM_MATCH)
    if found is None:
        return None
    span = tokens.overlapping(found.dest_start, found.dest_end)
    want = _form_tokens(form)
    mine, theirs = [_letters(m.group()) for m in span], _form_words(form)[1]
    quoted = _quoted_words(span, want, mine, theirs)
    if not span or all(typed(m.group()) for m in span) and not quoted:
        return None
    if any(CITED_NUMBER.search(m.group()) or not _letters(m.group()) and any(c.isdigit() for c in m.group())
           for m in span):
        return None  # a number is no word of a form (`p.243*Tho`): the stretch runs past it
    # one edge is the form's word as typed, the other that word or a garble of it with no more letters
    if not ((mine[0] == theirs[0] or mine[-1] == theirs[-1])
            and _edge_of(mine[0], theirs[0]) and _edge_of(mine[-1], theirs[-1])):
        return None
    share = Levenshtein.normalized_similarity("".join(mine), "".join(theirs))
    if share < FORM_LETTERS:
        return None
    changes = [Change(m.start(), m.end(), w.group(), "citation-form-run", 0.6, {"form": form}) for m, w in quoted]
    for a1, a2, b1, b2 in _garbled_runs(mine, theirs):
        tokens = [m.group() for m in span[a1:a2]]
        words = form[want[b1].start():want[b2 - 1].end()] if b2 > b1 else ""
        others = [t for t in tokens if typed(t) and _letters(t) not in theirs[b1:b2]]
        if tokens and (2 * len(others) >= len(tokens) or any(len(_letters(t)) > 4 for t in others)):
            return None  # as many words typed as they are, not the form's, as garbles: another phrase
        if not tokens:  # words lost: only beside a garble that could have eaten them
            if b2 - b1 > MAX_LOST_WORDS or not any(0 <= k < len(span) and not typed(span[k].group())
                                                   for k in (a1 - 1, a1)):
                return None
            at = span[a1].start() if a1 < len(span) else span[-1].end()
            changes.append(Change(at, at, words + " ", "citation-form-run", 0.6, {"form": form}))
        elif "".join(mine[a1:a2]) == "".join(theirs[b1:b2]):
            continue  # the words are all there, only the marks between them differ: punctuation's
        elif not words:  # dust between the form's words: what the form has between them instead
            if sum(map(len, mine[a1:a2])) > 2 or a1 == 0 or a2 == len(span):
                return None
            gap = form[want[b1 - 1].end():want[b1].start()]  # (`Affairs J Litvinov`: `Affairs, Litvinov`)
            changes.append(Change(span[a1 - 1].end(), span[a2].start(), gap, "citation-form-run", 0.6, {"form": form}))
        elif Levenshtein.normalized_similarity("".join(mine[a1:a2]), "".join(theirs[b1:b2])) < BLOCK_LETTERS:
            return None
        elif a2 - a1 == b2 - b1:  # word for word: the note's own marks between them stay (`NKB,Ju3y`: `NKD,July`)
            changes += [Change(m.start(), m.end(), w.group(), "citation-form-run", 0.6, {"form": form})
                        for m, w in zip(span[a1:a2], want[b1:b2]) if m.group() != w.group()]
        else:
            changes.append(Change(span[a1].start(), span[a2 - 1].end(), words, "citation-form-run", 0.6, {"form": form}))
    return ((share, len(form)), changes) if changes else None


def _quoted_words(span: list, want: list, mine: list[str], theirs: list[str]) -> list:
    """The form's words inside the stretch the scan strewed a quote onto (``Telegram 'from the' Commissar``),
    with the form's word for each; a quote at the stretch's edges may open or close a title, and stays."""
    out = []
    for tag, a1, a2, b1, b2 in Levenshtein.opcodes(mine, theirs):
        if tag == "equal":
            out += [(span[k], want[b1 + k - a1]) for k in range(max(a1, 1), min(a2, len(span) - 1))
                    if span[k].group() != want[b1 + k - a1].group()
                    and span[k].group().strip("'\"") == want[b1 + k - a1].group()]
    return out


def _edge_of(mine: str, theirs: str) -> bool:
    """The note's word at a form's edge is the form's word, or a garble of it with no other word glued on
    (``Office.FO``, ``!JS8R#Dirksen#to`` hold the word and more: no garble of it)."""
    if mine == theirs:
        return True
    return bool(mine) and theirs not in mine and Levenshtein.normalized_distance(mine, theirs) <= 0.5


def _garbled_runs(mine: list[str], theirs: list[str]) -> list[list[int]]:
    """Where the note's words (letters only) and the form's differ: ``[a1, a2, b1, b2]`` runs, two runs
    parted by one short word they share taken as one (``c semi sSr Tor For ei``: the garble's ``For``
    may be any of the form's).

    >>> _garbled_runs("telegram from the c semi ssr tor for ei affairs".split(),
    ...               "telegram from the commissar for foreign affairs".split())
    [[3, 9, 3, 6]]
    """
    ops = Levenshtein.opcodes(mine, theirs)
    runs: list[list[int]] = []
    for k, (tag, a1, a2, b1, b2) in enumerate(ops):
        if tag == "equal":
            continue
        if runs and runs[-1][1] == a1 and runs[-1][3] == b1:
            runs[-1][1], runs[-1][3] = a2, b2
        elif runs and k >= 2 and ops[k - 1].tag == "equal" and ops[k - 1].src_end - ops[k - 1].src_start == 1 \
                and len(mine[ops[k - 1].src_start]) <= 3 and runs[-1][1] == ops[k - 1].src_start:
            runs[-1][1], runs[-1][3] = a2, b2
        else:
            runs.append([a1, a2, b1, b2])
    return runs


NAME_MAX_COST = 0.3  # channel cost per letter of the garble a name may be read through
ENGLISH_MARGIN = 0.5  # how much cheaper than any English candidate the name must be


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


def final_stop_changes(text: str, ends_with_stop: bool) -> list[Change]:
    """The full stop a note ends its last number with, where the scan lost it or read dust for it.

    >>> [(c.new, c.rule) for c in final_stop_changes("Note from the HKD,May 18,1931. Ibid., p.344-*", True)]
    [('.', 'note-final-stop')]
    >>> [c.new for c in final_stop_changes("Ibid., p.798. Note 123,", True) + final_stop_changes("pps. 182-183", True)]
    ['.', '.']
    >>> final_stop_changes("Ibid., p.798.", True) + final_stop_changes("Ibid., p.798", False)
    []
    """
    m = NOTE_END.search(text)
    if not ends_with_stop or m is None or m["end"].startswith("."):  # dust after the stop is not the stop
        return []
    return [Change(m.start("end"), m.end("end"), ".", "note-final-stop", 0.6)]


def comma_pair_changes(text: str, pairs: frozenset[tuple[str, str]]) -> list[Change]:
    """A stop glued between two words the document parts with a comma is the comma and its space.

    >>> [(c.new, c.rule) for c in comma_pair_changes("Quoted in Korbel.Poland Between", frozenset({("Korbel", "Poland")}))]
    [(', ', 'comma-between-words')]
    """
    return [Change(m.start("sep"), m.end("sep"), ", ", "comma-between-words", 0.6) for m in PARTED_WORDS.finditer(text)
            if m["sep"] == "." and (m["first"], m["second"]) in pairs]


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


YEAR_RATIO = 4  # a year is misread when a year one character from it dates this many times more documents
YEAR_MIN = 20  # ...and at least this many


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
