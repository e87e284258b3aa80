"""citations: mend the misread stops inside the notes' citations, and the words the notes repeat.

Runs last, over note text the word and punctuation stages have mended, so
a second run finds nothing left to do.  It first learns from all the notes
(:mod:`.learn`: the sources they cite, the forms they repeat, their names,
years and marks), then reads each note with what it learned (:mod:`.fix`),
a few rounds, since one mend can open the way to another.  The stops and
commas of a citation, which the footnotes stage chooses too, are
:mod:`pipeline.rules.citations`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable

from ...correction.profile import Costs, ScanProfile
from ...document import Change, Document
from ...registry import Stage, register
from ...rules.citations import citation_changes, stops_before_dates
from ...rules.punctuation import makes_punctuation_work, rules_for, rules_for_kind, typed_tight
from ...word_counts import document_vocabulary
from .fix import (comma_pair_changes, final_stop_changes, form_block_changes, form_changes, glues_glyph, month_changes, name_changes, pipe_changes,
                  source_changes, strewn_quote_changes, year_changes)
from .learn import (citation_forms, comma_pairs, date_years, digit_confusions, document_names, ends_with_stop,
                    separator_after_years, source_abbreviations)


@dataclass
class Learned:
    """What the notes teach before any is mended."""

    stop_words: frozenset[str]  # words the document follows with a stop before a date (`Izvestiia.`)
    sources: dict[str, str]  # misread sources and the source each stands for (`BVP` -> `DVP`)
    names: dict[str, int]  # the document's names, with their counts
    after_years: str | None  # the mark typed between a span of years and the next word
    pairs: frozenset[tuple[str, str]]  # words the notes part with a comma (`Korbel, Poland`)
    forms: list[str]  # the phrases the notes repeat
    final_stop: bool  # the notes end their last number with a full stop
    years: Counter  # how often the notes date a document in each year
    confusions: frozenset[tuple[str, str]]  # digits the scan misreads (read, typed)
    is_known: Callable[[str], bool]  # a word of the document's or of English: no garble
    is_word: Callable[[str], bool]  # as punctuation joins a split word


@register
class Citations(Stage):
    """Mend the misread stops of the notes' citations (`Ibid..`, `p*663`, `November 19#1930`) and take out strewn quotes."""

    name = "citations"
    requires = frozenset({"blocks", "stops read", "words read"})  # the notes, mended by those before
    max_rounds = 3

    def learn(self, doc: Document) -> Learned:
        lexicon = self.lexicon
        notes = [block.text for _, _, block in doc.blocks(("footnote",))]
        texts = [block.text for _, _, block in doc.blocks()]
        vocabulary = document_vocabulary(doc)
        return Learned(
            stop_words=stops_before_dates(texts),
            sources=source_abbreviations(notes, lambda token: lexicon.is_known(token, 1e-6)),
            names=document_names(texts),
            after_years=separator_after_years(notes),
            # a common English word (`The`, `There`) is capitalised where a sentence opens, not after a comma
            pairs=comma_pairs(notes, lambda word: lexicon.frequency(word.lower()) >= 1e-3),
            forms=citation_forms(notes),
            final_stop=ends_with_stop(notes),
            years=date_years(notes),
            confusions=digit_confusions(doc.edits),
            # a garble the document has more than twice is its own word, not a misreading
            is_known=lambda word: vocabulary[word.lower()] > 2 or lexicon.is_known(word, 1e-9),
            # as punctuation joins a split word: the document's own word, or a known English one
            is_word=lambda word: vocabulary[word.lower()] >= 3 or lexicon.is_known(word, 1e-5),
        )

    def __call__(self, doc: Document) -> Document:
        learned = self.learn(doc)
        corrector = self.resources.corrector if self.resources else None
        english = corrector.candidates if corrector is not None else (lambda w: [])
        channel = Costs(doc.reading.scan if doc.reading else ScanProfile.prior())  # as the words stage learned it
        readings: dict[str, str | None] = {}  # a garbled word's name, for the rest of the document
        read_forms: dict[str, list[Change]] = {}  # each round sees most notes unchanged
        read_runs: dict[str, list[Change]] = {}  # (so both readings by the forms are made once per note text)
        # the quotes strewn over a garbled line go last: taken out earlier, the words the word stage
        # mends after them could draw the rule again on a second run
        rules = rules_for_kind(rules_for(doc, self.lexicon), typed_tight(b.text for _, _, b in doc.blocks(("footnote",))))

        def quiet(text: str, change: Change) -> bool:
            # punctuation and words ran before: a change must not leave them work a second run would do
            # (a quote taken out from between a glyph and a word, &''See, glues them into one for words)
            return not makes_punctuation_work(text, SimpleNamespace(start=change.start, end=change.end, after=change.new),
                                              rules) and not glues_glyph(text, change)

        def changes(block):
            text = block.text
            fixes = citation_changes(text, None, learned.stop_words)
            fixes += [c for c in strewn_quote_changes(text, learned.is_word) + source_changes(text, learned.sources)
                      + comma_pair_changes(text, learned.pairs) + pipe_changes(text, learned.after_years)
                      + final_stop_changes(text, learned.final_stop)
                      if quiet(text, c)]
            taken = [(c.start, c.end) for c in fixes]
            fixes += [c for c in name_changes(text, learned.names, channel, english, learned.is_known, readings)
                      + month_changes(text, channel.cost) + year_changes(text, learned.years, learned.confusions)
                      if not any(c.start < e and s < c.end for s, e in taken) and quiet(text, c)]
            taken = [(c.start, c.end) for c in fixes]
            # the citation forms the notes repeat read the words the others left garbled
            if text not in read_forms:
                read_forms[text] = form_changes(text, learned.forms, learned.is_word)
            fixes += [c for c in read_forms[text]
                      if not any(c.start < e and s < c.end for s, e in taken) and quiet(text, c)]
            # then a garbled run the form's words do not meet one for one (words broken apart, run
            # together or eaten), once the word-for-word readings are in
            if not fixes:
                if text not in read_runs:
                    read_runs[text] = form_block_changes(text, learned.forms, learned.is_word)
                fixes = [c for c in read_runs[text] if quiet(text, c)]
            return sorted(fixes, key=lambda c: c.start)

        for _ in range(self.max_rounds):  # one mend can open the way to another (`p*5l8` -> `p.5l8` -> `p.518`)
            edits = len(doc.edits)
            doc = doc.rewrite(self.name, ("footnote",), changes)
            if len(doc.edits) == edits:
                break
        return doc
