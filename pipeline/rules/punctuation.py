"""The punctuation rules, in order: what the punctuation stage runs, and what the stages after it ask of them.

Each rule is a pattern and a replacement; the log names the rule that fired.
Rules run in the order listed, each over the text the previous ones left
(:func:`apply_rules`); :func:`rules_for` gives a document its rules (its
abbreviations, its own words).  A stage that runs after punctuation asks
:func:`makes_punctuation_work` before it changes text, so that a second run
finds nothing left for punctuation to do.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import regex

from ..document import Block, Change, Document
from ..lexicon import Lexicon
from ..word_counts import document_vocabulary
from .glyphs import STOP, YEAR_DIGIT, YEAR_DIGITS
from .notation import MARK

ABBREVIATIONS = ("Vol", "Vols", "pp", "pps", "p", "No", "Nos", "Ibid", "ibid", "op", "cit", "ed", "eds",
                 "cf", "Mr", "Mrs", "Dr", "St", "ch", "Ch", "fn", "vol", "art", "Art", "etc")
# words that open a clause: a `*` before one of them is a comma, not a plural's apostrophe
CLAUSE_OPENERS = frozenset("""a an the it its he she they we i you this that these those which who whom whose what
where when while whilst whereas as and but or nor yet so for to of in on at by from with without into onto upon
including included especially particularly though although since because if unless until after before then thus
therefore however moreover furthermore indeed not there here his her their our my your also even only still""".split())
COMPOUND_PREFIXES = frozenset({"anti", "non", "pro", "pre", "post", "pan", "neo", "ex", "semi"})  # anti-Soviet, pro-German
FUNCTION_WORD = 3e-4  # English frequency above which a word after `*` is taken to open a clause (let, made, was)
# where a word ends inside letters typed apart: after a stop (and its mark), or before a capital (the stop lost)
SPACED_WORD_END = regex.compile(rf"(?<=\p{{L}}[.,;:*#»](?:{MARK})?)(?=\p{{L}})|(?<=\p{{Ll}})(?=\p{{Lu}})")


TIGHT_COMMA = regex.compile(r"(?<=\p{Ll}{2}[,;])(?=\p{Ll}{2})")  # `Khinchuk,to`: no space after the comma
SPACED_COMMA = regex.compile(r"(?<=\p{Ll}{2}[,;]) (?=\p{Ll}{2})")
TYPED_TIGHT = 0.05  # share of tight commas above which the typist typed them so: the scan loses a space far less often
MIN_TIGHT = 5


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: regex.Pattern
    replace: Callable[[regex.Match], str | None]  # None: leave this match alone
    confidence: float
    overlapped: bool = False  # try every start, so one refusal does not hide the next pair


# Built once: compiling them again for every document made record mode (one document
# per line) spend most of its time in regex.compile.  Callers never change the lists.
@functools.lru_cache(maxsize=None)
def _glyph_rules() -> list[Rule]:
    """Specks the scan read as glyphs, dropped before any other rule reads the text (so that a
    second run finds nothing new: ``B V P ^ ^ .`` would be letters typed apart only without them).

    >>> apply_rules('the vanquished*" ^Litvinov; extremism > within Germany was .reduced.', _glyph_rules())[-1][0]
    'the vanquished*" Litvinov; extremism within Germany was reduced.'
    """
    return [
        # specks and rules on the page read as glyphs standing alone in prose (eastern ■ Europe, extremism > within);
        # not bullets nor bars, which a clean text's flattened lists and menus use (• APA, Home | About)
        Rule("stray-glyph", regex.compile(r"(?<=\S) [■<>^~]+(?= )"), lambda m: "", 0.8),
        # a single quote standing alone between two small words is a speck, as no quotation opens or closes so
        # (merely repeats ' from year to year): a plural's apostrophe follows a word, a quotation's mark touches one
        Rule("stray-quote", regex.compile(r"(?<=\p{Ll}) '(?= \p{Ll})"), lambda m: "", 0.75),
        # a speck read as a stop or comma glued before a small word (was .reduced., resistance ,against)
        Rule("mark-before-word", regex.compile(r"(?<=[\p{L}\d] )[.,:;](?=\p{Ll}{2,}\b)"), lambda m: "", 0.75),
        # a superscript's ghost before a word (border* ^Zaleski, "vanquished*" ^Litvinov): no word starts with one
        Rule("caret-before-word", regex.compile(r"(?<=^|\s)\^{1,3}(?=\p{L})"), lambda m: "", 0.75),
    ]


@functools.lru_cache(maxsize=16)
def _rules(abbreviations: tuple[str, ...]) -> list[Rule]:
    abbrev = "|".join(sorted((regex.escape(a) for a in abbreviations), key=len, reverse=True))
    return [
        Rule("stray-mark", regex.compile(r"(?<=[\p{L}\d.*#»\"'])\^{1,3}[*'\"#»]?(?=\s|$)"), lambda m: "", 0.75),
        # a dash left hanging after a paragraph's last mark: the typist's colon-dash before a quotation set
        # apart (a warning note: -), or specks (as dosed." - -); no paragraph ends in a dash
        Rule("dangling-dash", regex.compile(r"(?<=[:.!?\"'»*#])[ \t]+-(?:[ \t]*-)*[ \t]*$"), lambda m: "", 0.8),
        Rule("year-range-caret", regex.compile(r"(?<=\b1[6-9]\d\d)\^(?=\d{2,4}\b)"), lambda m: "-", 0.9),
        Rule("ellipsis", regex.compile(r"(?<=\p{L})(?:[*#.»]{3}|[*#»]\.\.|\.\.[*#»])(?!\.)"), lambda m: "...", 0.9),
        # ... that closes a word's quotation ('crusade*, 'minions'), as the word's opening quote tells
        Rule("quote-glyph-before-mark", regex.compile(r"(?<=(?:^|\s)(?P<quote>['\"])\p{L}[\p{L}-]*)[*#](?=[,;:.](?!\S))"),
             lambda m: m["quote"], 0.75),
        # a stop's glyph glued between a word and the stop or comma the scan read too (policy*. unchanged*,,)
        # (an abbreviation's is its stop: etc#, and)
        Rule("glyph-before-mark", regex.compile(r"(?<=\b(?P<word>\p{L}+)['\"]?)[*#](?=[,;:]+(?!\S)|\.(?![.\w]))"),
             lambda m: "." if m["word"] in abbreviations else "", 0.8),
        # the same mark twice (actions,, unchanged,,): English never doubles a comma, a colon or a semicolon
        Rule("doubled-mark", regex.compile(r"(?<=\p{L}['\"]?)(?P<mark>[,;:])(?P=mark)+(?!\S)"), lambda m: m["mark"], 0.85),
        Rule("abbreviation-stop", regex.compile(rf"\b(?:{abbrev}){STOP}+(?=\s*[\d\p{{L}}(]|\s*$)"),
             lambda m: regex.sub(STOP + "+$", ".", m.group()), 0.95),
        # the stop may stand apart from the word too (Berthelot *s initial reaction)
        Rule("possessive", regex.compile(rf"(?<=[\p{{L}}\d]{{2}}) ?(?:{STOP}|') ?s\b"), lambda m: "'s", 0.9),
        # an s and an S differ in size alone, and a scan reads one after capitals as capital too: a possessive
        # in a sentence written in small letters, after it or before, or before a word in small letters or
        # one with a capital (the EPA'S rule, review of EPA'S Office, CMA'S State Affairs) is small; a
        # headline's stays (at LLOYD'S NEWS)
        Rule("capital-possessive", regex.compile(r"(?<=\b\p{Lu}{2,})'S(?= \p{Ll}{2,}| \p{Lu}\p{Ll}| \"\p{Ll})|(?<=\b\p{Ll}{2,},? \p{Lu}{2,})'S\b(?! \p{Lu}{2,})"),
             lambda m: "'s", 0.85),
        # a French article elided before a vowel or h (Charge d*Affaires, D#Abernon): no English word is d or l
        Rule("elision", regex.compile(rf"(?<![\p{{L}}\d'*#»^])(?P<a>[dlDL]){STOP}\.?(?=[AEIOUHaeiouhÉé]\p{{L}})"),
             lambda m: m["a"] + "'", 0.85),
        Rule("decade", regex.compile(rf"\b(1[6-9]\d0){STOP}[s8]\b"), lambda m: m[1] + "'s", 0.9),
        Rule("year-digit", regex.compile(rf"\b1[6-9]{YEAR_DIGIT}{{2}}\b"), _year, 0.9),
        Rule("number-range", regex.compile(rf"(?<=\b1[6-9]\d\d){STOP}(?=1[6-9]\d\d\b)"), lambda m: "-", 0.9),
        # a star or hash after a sentence's end, its quote or its mark (pact.[^65] * According, masses* * The,
        # Poland*" * The): a speck, or a mark's ghost; one before a small letter may be a letter's (France. # e Soviet)
        # or glued to the next sentence's first word (sovereignty. *This, text* *It appears)
        Rule("stop-dust", regex.compile(rf"(?<=[.!?*#»][\"']{{0,2}}(?:{MARK})?)(?: [*#]+)+(?=\s+[\p{{Lu}}\"'(\d])|"
                                        rf"(?<=[.!?*#»][\"']{{0,2}}(?:{MARK})?)(?: [*#]+)* (?P<glued>[*#]+)(?=\p{{Lu}}\p{{Ll}})"),
             lambda m: " " if m["glued"] else "", 0.75),
        # a stop the scan set apart from its word (pact * Thus); not », which French spacing sets apart as a quote
        Rule("spaced-stop", regex.compile(r"(?<=[\p{L}\d)]) [*#](?=\s+[\p{Lu}\"'(])"), lambda m: ".", 0.7),
        # the footnotes stage ran first: a mark may stand between the stop and the next sentence
        Rule("sentence-stop", regex.compile(rf"(?<=[\p{{L}}\d)\"']){STOP}(?=[\"']?(?:{MARK})?(?:\s+[\p{{Lu}}\"'(\d]|\s*$))"),
             lambda m: ".", 0.85),
        Rule("clause-comma", regex.compile(rf"(?<=\p{{L}}{{2}}){STOP}(?=\s+\p{{Ll}})"), lambda m: ",", 0.7),
        Rule("space-before-punctuation", regex.compile(r"(?<=\p{L})[ \t]+(?=[,;:](?:\s|$))"), lambda m: "", 0.9),
        Rule("space-after-punctuation", TIGHT_COMMA, lambda m: " ", 0.8),
    ]


def _word_rules(lexicon: Lexicon, vocabulary) -> list[Rule]:
    """Rules that need to know words: letters typed apart, words cut by a space.

    Letters typed apart run on past a footnote mark, and past a stop the scan
    lost before a capital (real thesis lines):

    >>> from collections import Counter
    >>> rules = _word_rules(Lexicon(), Counter())
    >>> def fix(text):
    ...     return apply_rules(text, rules)[-1][0]
    >>> fix("occurred in A p r i l .[^124] I n May Litvinov")
    'occurred in April.[^124] In May Litvinov'
    >>> fix("Russo-German r e l a t i o n s I n March 1930")
    'Russo-German relations In March 1930'
    >>> fix("in Germany i t s e l f .[^116] T h e Russian perspective")
    'in Germany itself.[^116] The Russian perspective'

    An apostrophe and its s read as glyphs after a name (not ``France*a country``, a comma and an article):

    >>> apply_rules("In Briand*a idea, Berthelot*e comments and Germany*3 conditions; France*a country",
    ...             _word_rules(Lexicon(), Counter({"briand": 9, "berthelot": 9, "germany": 9, "france": 9})))[-1][0]
    "In Briand's idea, Berthelot's comments and Germany's conditions; France*a country"

    A star for a hyphen, or for nothing, between words:

    >>> apply_rules("a non*aggression pact, under*estimated, face#however, Soviet**German, invited#The, ire*Koskinen",
    ...             _word_rules(Lexicon.load("dictionaries"), Counter({"non-aggression": 40, "soviet-german": 9,
    ...                                                               "ire-koskinen": 2})))[-1][0]
    'a non-aggression pact, underestimated, face#however, Soviet-German, invited#The, ire*Koskinen'
    """

    def known(word: str) -> bool:
        return vocabulary[word.lower()] >= 2 or lexicon.is_known(word, 1e-6)

    fragments: dict[str, bool] = {}  # split-word asks about every pair of words: each word is judged once

    def fragment(word: str) -> bool:
        found = fragments.get(word)
        if found is None:
            found = fragments[word] = not (vocabulary[word.lower()] >= 2 or lexicon.is_known(word, 1e-6)) or len(word) == 1
        return found

    def spaced(m: regex.Match) -> str | None:
        letters = m.group().replace(" ", "")
        joined = regex.sub(SPACED_WORD_END, " ", letters)
        words = regex.findall(r"\p{L}+", joined)
        if not words or not known(words[0]):
            return None
        if regex.search(r"\p{Ll}\p{Lu}", letters) and (len(words[0]) < 3 or not all(len(w) > 1 and known(w) for w in words)):
            return None  # capitals inside junk (m A J f J b f e, G o S i S s), not a new sentence's
        return joined

    def split(m: regex.Match) -> str | None:
        joined = m["a"] + m["b"]
        if (fragment(m["a"]) or fragment(m["b"])) and (vocabulary[joined.lower()] >= 3 or lexicon.is_known(joined, 1e-5)):
            return joined
        return None

    def hyphen_space(m: regex.Match) -> str | None:
        joined = m["a"] + m["b"]
        if vocabulary[f"{m['a']}-{m['b']}".lower()] > vocabulary[joined.lower()]:
            return f"{m['a']}-{m['b']}"
        return joined if known(joined) else None

    def caret_inside(m: regex.Match) -> str | None:
        compound = f"{m['a']}-{m['b']}"
        if vocabulary[compound.lower()] >= 1:
            return compound
        english = [len(w) >= 3 and lexicon.is_known(w, 1e-6) for w in (m["a"], m["b"])]
        return f"{m['a']} {m['b']}" if all(english) else None

    def glyph_between_words(m: regex.Match) -> str | None:
        """One or two stars or hashes between two words where a hyphen was typed (``non*aggression``,
        ``Soviet**German``: the document writes the compound) or, between small letters, nothing at
        all (``under*estimated``: English knows the whole)."""
        compound = f"{m['a']}-{m['b']}"
        # cased as compounds are: small letters, capitals (Anglo-French), a prefix and a name (anti-Soviet)
        if vocabulary[compound.lower()] >= 2 and (m["a"].islower() == m["b"].islower() or m["a"] in COMPOUND_PREFIXES):
            return compound
        joined = m["a"] + m["b"]
        return joined if len(m["glyphs"]) == 1 and joined.islower() and known(m["a"]) and lexicon.is_known(joined, 1e-6) \
            else None

    def glyph_possessive(m: regex.Match) -> str | None:
        """``Briand*a idea``, ``Berthelot*e comments``, ``Germany*3 conditions``: the apostrophe read as a
        glyph and its s as a look-alike, after a name the document uses.  An ``a`` may be the article after
        a comma (``France*a country``): it is an s only where no article could stand (``a idea``, ``a aims``)."""
        if not known(m["a"]) or m["s"] == "a" and not m["b"].startswith(("a", "e", "i", "o", "u")):
            return None
        return m["a"] + "'s"

    def caret_after(m: regex.Match) -> str | None:
        return m["a"] if known(m["a"]) else None

    def plural_possessive(m: regex.Match) -> str | None:
        """``the Versailles powers* foreign policies``: a plural the document uses, then a word that opens
        no clause and is no verb form (``observers* it``, ``Affairs* stated``, ``makers* probably`` take commas)."""
        word, nxt = m["a"].lower(), m["b"]
        if nxt in CLAUSE_OPENERS or nxt in ABBREVIATIONS or nxt.endswith(("ing", "ed", "ly")) or not known(nxt) or word in CLAUSE_OPENERS \
                or lexicon.frequency(nxt) >= FUNCTION_WORD:  # the commonest words are mostly verbs and function words
            return None
        if word.endswith("a") and vocabulary[word[:-1] + "s"] >= 2:  # the scan's a for s (Bolshevika)
            word = word[:-1] + "s"
        if not word.endswith("s") or word.endswith(("ss", "us", "is")):
            return None
        singular = [word[:-1]] + ([word[:-2]] if word.endswith("es") else []) + \
                   ([word[:-3] + "y"] if word.endswith("ies") else [])
        return m["a"] + "'" if any(len(w) >= 3 and vocabulary[w] >= 1 for w in singular) else None

    return [
        Rule("plural-possessive", regex.compile(r"(?<![\p{L}\d])(?P<a>\p{L}{3,})\*(?= (?P<b>\p{Ll}{3,})(?![\p{L}\d]))"),
             plural_possessive, 0.75),
        Rule("glyph-possessive", regex.compile(r"(?<![\p{L}\d])(?P<a>\p{Lu}\p{Ll}{2,})[*#»'](?P<s>[ae»38])(?= (?P<b>\p{Ll}{2,})(?![\p{L}\d]))"),
             glyph_possessive, 0.8),
        Rule("caret-in-word", regex.compile(r"(?<![\p{L}^])(?P<a>\p{L}{2,})\^(?P<b>\p{L}{2,})(?![\p{L}^])"), caret_inside, 0.8),
        Rule("glyph-in-compound", regex.compile(r"(?<![\p{L}*#])(?P<a>\p{L}{2,})(?P<glyphs>[*#]{1,2})(?P<b>\p{L}{3,})(?![\p{L}*#])"),
             glyph_between_words, 0.8),
        Rule("caret-after-word", regex.compile(r"(?<![\p{L}^])(?P<a>\p{L}{3,})\^(?=[\s,;:])"), caret_after, 0.8),
        Rule("spaced-letters", regex.compile(rf"(?<![\p{{L}}\d])\p{{L}}(?: [\p{{L}}.,;:*#»](?:{MARK})?){{3,}}(?![\p{{L}}\d])"),
             spaced, 0.85),
        Rule("split-word", regex.compile(r"(?<![\p{L}\d'-])(?P<a>\p{L}{2,}) (?P<b>\p{Ll}{2,})(?![\p{L}\d'-])"), split, 0.75,
             overlapped=True),
        Rule("hyphen-space", regex.compile(r"(?<![\p{L}-])(?P<a>\p{L}{2,})- (?P<b>\p{Ll}{2,})(?![\p{L}-])"), hyphen_space, 0.8),
    ]


def _year(m: regex.Match) -> str | None:
    """Letters inside a year only where the reading is certain: ``193Q`` -> ``1930``."""
    token = m.group()
    return token.translate(YEAR_DIGITS) if not token.isdigit() else None


def apply_rules(text: str, rules: list[Rule]) -> list[tuple[str, list[Change]]]:
    """Run each rule over the text left by the previous ones.

    >>> steps = apply_rules("Poland* s pact of 193Q* It was", _rules(ABBREVIATIONS))
    >>> steps[-1][0]
    "Poland's pact of 1930. It was"
    >>> [c.rule for _, changes in steps for c in changes]
    ['possessive', 'year-digit', 'sentence-stop']
    >>> apply_rules('his proposal deserves attention*"[^21] Surits was', _rules(ABBREVIATIONS))[-1][0]
    'his proposal deserves attention."[^21] Surits was'
    >>> apply_rules('the pact * Thus if France, these masses* * The pact.[^65] * According to Poland*" * The',
    ...             _rules(ABBREVIATIONS))[-1][0]
    'the pact. Thus if France, these masses. The pact.[^65] According to Poland." The'
    >>> apply_rules("any government# # *We have seen Berthelot *s reaction", _rules(ABBREVIATIONS))[-1][0]
    "any government. We have seen Berthelot's reaction"
    >>> apply_rules("the Charge d*Affaires and Lord D#Abernon, not d*l URSS", _rules(ABBREVIATIONS))[-1][0]
    "the Charge d'Affaires and Lord D'Abernon, not d*l URSS"
    >>> apply_rules("the EPA'S rule and CMA'S view, at LLOYD'S NEWS; a review of EPA'S Office", _rules(ABBREVIATIONS))[-1][0]
    "the EPA's rule and CMA's view, at LLOYD'S NEWS; a review of EPA's Office"
    >>> apply_rules("programs. CMA'S State Affairs program", _rules(ABBREVIATIONS))[-1][0]
    "programs. CMA's State Affairs program"
    >>> [apply_rules(t, _rules(ABBREVIATIONS))[-1][0] for t in ["The editorial ended on a warning note: -", 'as dosed." - -']]
    ['The editorial ended on a warning note:', 'as dosed."']
    """
    steps = []
    for rule in rules:
        changes = []
        for m in rule.pattern.finditer(text, overlapped=rule.overlapped):
            new = rule.replace(m)
            if new is not None and new != m.group():
                changes.append(Change(m.start(), m.end(), new, rule.name, rule.confidence))
        if changes:
            text = Block("paragraph", text, 0, 0).rewrite("", changes)[0].text
            steps.append((text, changes))
    return steps


def rules_for(doc: Document, lexicon: Lexicon, clause_comma: bool = True) -> list[Rule]:
    """The rules, in order, for this document: its abbreviations and its own vocabulary."""
    extra = [t.rstrip(".") for t in lexicon.cased if lexicon.terms.get(t.lower()) == "abbreviations"]
    rules = _glyph_rules() + _word_rules(lexicon, document_vocabulary(doc)) + \
        _rules(ABBREVIATIONS + tuple(a for a in extra if a.isalpha()))
    return rules if clause_comma else [r for r in rules if r.name != "clause-comma"]


def typed_tight(texts) -> bool:
    """Does the typist type commas tight against the next word in these texts, as this thesis's notes do
    (``Germany,Khinchuk,to the NKD``)?  Then a tight comma there is as typed, not a space the scan lost.

    In the thesis, 67 of the notes' 436 commas between small letters are tight, 16 of the body's 2417:

    >>> notes = ["Germany,Khinchuk,to the NKD, July 4"] * 5 + ["Litvinov, to the NKD, May 3"] * 10
    >>> typed_tight(notes), typed_tight(["the pact, which was,in effect, signed"] + ["it was, as he said, done"] * 20)
    (True, False)
    """
    texts = list(texts)
    tight = sum(len(TIGHT_COMMA.findall(t)) for t in texts)
    spaced = sum(len(SPACED_COMMA.findall(t)) for t in texts)
    return tight >= MIN_TIGHT and tight >= TYPED_TIGHT * (tight + spaced)


def rules_for_kind(rules: list[Rule], tight: bool) -> list[Rule]:
    """The rules for blocks whose typist types commas tight: the space after them is not put in."""
    return [r for r in rules if r.name != "space-after-punctuation"] if tight else rules


WINDOW = 24  # characters either side of a correction that punctuation's rules may read


def makes_punctuation_work(text: str, d, rules) -> bool:
    """Would the correction give punctuation's rules something new to do around it?

    Punctuation runs before words, so text the words stage makes that a rule
    would rewrite (``Foẑ eign`` -> ``For eign``, ``non- nggression`` ->
    ``non- aggression``) would be rewritten by a second run.

    >>> from types import SimpleNamespace as S
    >>> from pipeline.lexicon import Lexicon
    >>> from collections import Counter
    >>> from pipeline.rules.punctuation import ABBREVIATIONS, _rules
    >>> rules = _rules(ABBREVIATIONS)
    >>> makes_punctuation_work("see Xbid*# p.4", S(start=4, end=8, after="Ibid"), rules)
    True
    >>> makes_punctuation_work("see whioh pact", S(start=4, end=9, after="which"), rules)
    False
    """
    lo, hi = max(0, d.start - WINDOW), d.end + WINDOW
    before = text[lo:hi]
    after = text[lo:d.start] + d.after + text[d.end:hi]
    new_work = work(after, rules)
    return new_work > 0 and new_work > work(before, rules)  # nearly always none: the text before need not be read


def work(text: str, rules) -> int:
    return sum(len(changes) for _, changes in apply_rules(text, rules))
