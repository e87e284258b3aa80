"""Words the scan cut in pieces or shrank, corrected as the one word they are.

The hyphenation stage joins ``separ-``/``ate`` when the joined word is known;
when the scan also garbled a half (``activ-``/``ieation``) the joint is no word
and the pieces are left as ``activ- ieation``.  Corrected one by one, such
pieces become other words (``lmfao- curable`` for ``imfav- ourable``);
corrected as the one word they are, they mostly become the right one
(:func:`hyphen_breaks`).  The same holds, more strictly, for a word a space
split (``ccontin ued``, :func:`split_words`), and a typed ``an`` the scan closed
into one ``m`` (:func:`lone_letters`), alone or spaced out with a neighbour
(``m y`` for ``any``, :func:`letter_pairs`).
"""
from __future__ import annotations

from .tokens import Token

BREAK_GAP = "- "  # what reflow leaves of a hyphen at a line's end
MAX_BREAK_COST = 2.0  # the joint may be this far from its correction (two plain edits)
SPLIT_GAPS = (" ", ", ")  # a space, or a comma the scan made of a letter (regulo,tion)
SPLIT_COST = 1.0  # a word split by a space is joined only where the joint is one edit or confusion from a word
FUNCTION_WORD = 1e-3  # a second piece this common (of, the, in) is a word of its own, not a word's rest


def hyphen_breaks(corrector, lines: list[list[Token]], texts: list[str]) -> list:
    """Decisions that mend ``xxx- yyy`` into the one word the two pieces garble.

    Only where the second piece starts small, as the rest of a word does, and
    is not one of the commonest words (``decision- of`` and ``anti- Polish`` stay).
    The document never writes ``activisation``, so English's ``activation`` is
    the best it can do for that one.

    >>> from pipeline.correction import Corrector
    >>> from pipeline.lexicon import Lexicon
    >>> c = Corrector(Lexicon.load("dictionaries"))
    >>> texts = ["the activisation of the pact and the negotiations"] * 3 + [
    ...     "the activ- ieation of the pact and the willing- nose to sign it and a decision- of note"]
    >>> plan = c.plan(texts)
    >>> [(d.before, d.after) for d in hyphen_breaks(c, [c.tokens(t, i) for i, t in enumerate(texts)], texts)]
    [('activ- ieation', 'activation'), ('willing- nose', 'willingness')]
    """
    out = []
    for tokens, text in zip(lines, texts):
        for k in corrector.sites(break_sites, tokens, text):
            decision = mend_break(corrector, tokens, k, text)
            if decision is not None:
                out.append(decision)
    return out


def break_sites(corrector, tokens: list[Token], text: str) -> list[int]:
    """Where ``xxx- yyy`` may be the pieces of one word."""
    out = []
    for k in range(len(tokens) - 1):
        a, b = tokens[k], tokens[k + 1]
        if text[a.end:b.start] != BREAK_GAP or not b.text[0].islower() or text[a.start - 1:a.start] == "-":
            continue
        if not (a.checkable and b.checkable) or len(a.text) < 2 or len(b.text) < 2:
            continue  # diplo- j matio: a third piece, not the rest of the word
        if corrector.english_frequency(b.low) >= FUNCTION_WORD:
            continue  # strengthening- of
        out.append(k)
    return out


def split_words(corrector, lines: list[list[Token]], texts: list[str]) -> list:
    """Decisions that join ``xxx yyy`` (or ``xxx, yyy``) into the word the two pieces garble.

    Stricter than :func:`hyphen_breaks`, since nothing says the pieces belong
    together: neither may be a word, and the correction of the joint must be
    cheap (one confusion or edit) and drop no more than one letter, so
    ``Russia's cover`` or ``oonolude tlie`` are not joined.

    >>> from pipeline.correction import Corrector
    >>> from pipeline.lexicon import Lexicon
    >>> c = Corrector(Lexicon.load("dictionaries"))
    >>> texts = ["the Soviet Union and the pact and the negotiations"] * 3 + [
    ...     "Soviet discontentment ccontin ued to be voiced, the regulo, tion of economic difficulties"]
    >>> plan = c.plan(texts)
    >>> [(d.before, d.after) for d in split_words(c, [c.tokens(t, i) for i, t in enumerate(texts)], texts)]
    [('ccontin ued', 'continued'), ('regulo, tion', 'regulation')]
    """
    out = []
    for tokens, text in zip(lines, texts):
        for k in corrector.sites(split_sites, tokens, text):
            a, b = tokens[k], tokens[k + 1]
            if corrector.vouched(a.low) or corrector.vouched(b.low):
                continue  # a word, or a garble the corrector would make a word of on its own
            decision = mend_break(corrector, tokens, k, text, "split-word")
            if decision is not None and corrector.cost(a.text + b.text, decision.after.lower()) <= SPLIT_COST \
                    and len(decision.after) >= len(a.text + b.text) - 1:
                out.append(decision)
    return out


def split_sites(corrector, tokens: list[Token], text: str) -> list[int]:
    """Where ``xxx yyy`` may be the pieces of one word: two suspects a space (or a comma) apart."""
    return [k for k, (a, b) in enumerate(zip(tokens, tokens[1:]))
            if text[a.end:b.start] in SPLIT_GAPS and a.clean and b.clean and a.checkable and b.checkable and
            b.text.islower() and len(a.text) > 1 and len(b.text) > 1 and
            corrector.suspicious(a.text) and corrector.suspicious(b.text)]


def mend_break(corrector, tokens: list[Token], k: int, text: str, rule: str = "hyphen-break"):
    """The correction of the joined pieces ``tokens[k]`` and ``tokens[k + 1]``, if a confident one."""
    a, b = tokens[k], tokens[k + 1]
    joint = Token(a.start, b.end, a.text + b.text, a.line, a.index)
    options = sorted(corrector.context_free(joint.text), key=lambda o: -o[1])[:5]
    prev = tokens[k - 1].low if k and corrector.adjacent(text, tokens[k - 1], a) else None
    nxt = tokens[k + 2].low if k + 2 < len(tokens) and corrector.adjacent(text, b, tokens[k + 2]) else None
    decision = corrector.decide(joint, options, prev, nxt, rule)
    best = decision.after.lower()
    if " " in best or decision.confidence < corrector.min_confidence:
        return None
    if best == joint.low and not (corrector.vouched(best) or corrector.english_frequency(best) > 0):
        return None  # no word either way: leave the pieces as the scan gave them
    if corrector.cost(joint.text, best) > MAX_BREAK_COST:
        return None
    decision.before = text[a.start:b.end]
    return decision


LONE_WORD = 1e-4  # a lone letter is read as one of the commonest short words only


def lone_letters(corrector, lines: list[list[Token]], texts: list[str]) -> list:
    """A lone small letter between two words (``found m response``) is a longer word the scan
    shrank into one letter (``an``), where one confusion makes it one and the neighbours want it.

    Lone letters that may be a word's split-off piece (``to s eek``, ``Natio s``) are left alone:
    both neighbours must be words.

    >>> from pipeline.correction import Corrector
    >>> from pipeline.lexicon import Lexicon
    >>> c = Corrector(Lexicon.load("dictionaries"))
    >>> texts = ["the Soviet Union and the pact and the negotiations"] * 3 + [
    ...     "to such m extent that France would seek m agreement, accept, m offer and to s eek new ones"]
    >>> plan = c.plan(texts)
    >>> [(d.before, d.after) for d in lone_letters(c, [c.tokens(t, i) for i, t in enumerate(texts)], texts)]
    [('m', 'an'), ('m', 'an'), ('m', 'an')]
    """
    out = []
    for tokens, text in zip(lines, texts):
        for k in corrector.sites(lone_letter_sites, tokens, text):
            tok, prev, nxt = tokens[k], tokens[k - 1], tokens[k + 1]
            options = [(tok.low, 0.0)] + [(w, 0.0) for w in short_words(corrector, tok.text)]
            before = prev.low if corrector.adjacent(text, prev, tok) else None  # accept, m offer
            decision = corrector.decide(tok, options, before, nxt.low, "lone-letter")
            if decision.changes and decision.confidence >= corrector.min_confidence:
                out.append(decision)
    return out


def lone_letter_sites(corrector, tokens: list[Token], text: str) -> list[int]:
    """Where a lone small letter between two words is one confusion from a short common word."""
    out = []
    for k in range(1, len(tokens) - 1):
        tok = tokens[k]
        if len(tok.text) != 1 or not tok.text.islower() or tok.text in "ai" or not tok.checkable:
            continue
        prev, nxt = tokens[k - 1], tokens[k + 1]
        if not (prev.clean and nxt.clean and len(prev.text) > 1 and len(nxt.text) > 1) or \
                text[tok.end:nxt.start] != " " or not text[prev.end:tok.start].endswith(" ") or \
                corrector.suspicious(prev.text) or corrector.suspicious(nxt.text):
            continue
        if short_words(corrector, tok.text):
            out.append(k)
    return out


def short_words(corrector, letter: str) -> list[str]:
    """Common words of more than one letter one confusion of the table away from a letter."""
    return [right for right, cost in corrector.channel.base_table.get(letter, ())
            if len(right) > 1 and corrector.english_frequency(right) >= LONE_WORD]


LETTER_PAIR_COST = 0.5  # two lone letters are joined only into a word one cheap confusion from their joint


def letter_pairs(corrector, lines: list[list[Token]], texts: list[str]) -> list:
    """Two lone small letters between two words (``at m y time``, ``hand m d Poland``) are one short
    word the scan spaced out and shrank (``any``, ``and``): joined, and read by the neighbours.

    >>> from pipeline.correction import Corrector
    >>> from pipeline.lexicon import Lexicon
    >>> c = Corrector(Lexicon.load("dictionaries"))
    >>> texts = ["the Soviet Union and the pact and the negotiations"] * 3 + [
    ...     "diplomats denied m y anti-German move, Poland on the one hand m d France on the other, it c m be said"]
    >>> plan = c.plan(texts)
    >>> [(d.before, d.after) for d in letter_pairs(c, [c.tokens(t, i) for i, t in enumerate(texts)], texts)]
    [('m y', 'any'), ('m d', 'and'), ('c m', 'can')]
    """
    out = []
    for tokens, text in zip(lines, texts):
        for k in corrector.sites(letter_pair_sites, tokens, text):
            a, b, prev, nxt = tokens[k], tokens[k + 1], tokens[k - 1], tokens[k + 2]
            joint = Token(a.start, b.end, a.text + b.text, a.line, a.index)
            options = [(c, 0.0) for c in corrector.cheap_alternatives(joint.text)
                       if corrector.cost(joint.text, c) <= LETTER_PAIR_COST]
            if corrector.known(joint.low):
                options.append((joint.low, 0.0))
            if not options:
                continue
            before = prev.low if corrector.adjacent(text, prev, a) else None  # power, m y aggression
            decision = corrector.decide(joint, options, before, nxt.low, "letter-pair")
            # a word the scan spaced out and shrank is one of the commonest (ms, mg and di are not read)
            if decision.confidence >= corrector.min_confidence and \
                    corrector.english_frequency(decision.after.lower()) >= LONE_WORD:
                decision.before = text[a.start:b.end]
                out.append(decision)
    return out


def letter_pair_sites(corrector, tokens: list[Token], text: str) -> list[int]:
    """Where two lone small letters stand between two words, single spaces apart."""
    out = []
    for k in range(1, len(tokens) - 2):
        a, b = tokens[k], tokens[k + 1]
        if len(a.text) != 1 or len(b.text) != 1 or not (a.text + b.text).islower() or "a" in (a.text, b.text) \
                or "i" in (a.text, b.text) or not (a.checkable and b.checkable):
            continue
        prev, nxt = tokens[k - 1], tokens[k + 2]
        if not (prev.clean and nxt.clean and len(prev.text) > 1 and len(nxt.text) > 1) or \
                text[a.end:b.start] != " " or text[b.end:nxt.start] != " " or \
                not text[prev.end:a.start].endswith(" ") or \
                corrector.suspicious(prev.text) or corrector.suspicious(nxt.text):
            continue
        out.append(k)
    return out
