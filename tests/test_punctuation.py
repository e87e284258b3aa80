"""punctuation: its rules, in order, on real lines of the thesis scan."""
from __future__ import annotations

import pytest
from conftest import run

from pipeline.rules.punctuation import ABBREVIATIONS, _rules, apply_rules, makes_punctuation_work
from pipeline.stages.punctuation import Punctuation


@pytest.mark.parametrize("raw, expected", [
    ("weakened by each new blow struck* The spirit", "weakened by each new blow struck. The spirit"),
    ("Ibid., Vol*13, pps* 292-293*", "Ibid., Vol.13, pps. 292-293."),
    ("the odds on Rapallo* s ultimate success", "the odds on Rapallo's ultimate success"),
    ("by the 1930*s the pact", "by the 1930's the pact"),
    ("in the period 1930*1933 and", "in the period 1930-1933 and"),
    ("signed in 193Q by", "signed in 1930 by"),
    ("Trotsky wrote \"Anyone who merely repeats ' from year to year", "Trotsky wrote \"Anyone who merely repeats from year to year"),
    ("at the beginning of the thirties# the deterioration", "at the beginning of the thirties, the deterioration"),
    ("between our countries*.* It is enough", "between our countries... It is enough"),
    ("the conciliation c o m m i s s i o n # A n article", "the conciliation commission. An article"),
    ("talks on t r a d e , w h i c h took place", "talks on trade, which took place"),
    ("the successful conclusion^ of five such pacts", "the successful conclusion of five such pacts"),
    ("a non-aggression pact. The non^aggression pact was", "a non-aggression pact. The non-aggression pact was"),
    ("a newly^won position", "a newly won position"),
    ("intervention in 1918^19 gave", "intervention in 1918-19 gave"),
    ("renewed in February 1928.^^\" The pact remained", "renewed in February 1928. The pact remained"),
    ("did not possess*^^* Further, the old", "did not possess. Further, the old"),
    ("period has remained clear and unchanged*,, Throughout the", "period has remained clear and unchanged, Throughout the"),
    ("carried away by the waves of anti-Soviet 'crusade*, which", "carried away by the waves of anti-Soviet 'crusade', which"),
    ("colonies, etc#, and also in eliminating", "colonies, etc., and also in eliminating"),
])
def test_punctuation_on_thesis_faults(raw, expected):
    assert run([Punctuation()], raw).pages[0].blocks[0].text == expected


USAGE = ("The Bolsheviks and a Bolshevik, the powers and a power, the observers and an observer, "
         "the states and a state, the makers and a maker. ") * 2


@pytest.mark.parametrize("raw, expected", [
    ("the Versailles powers* foreign policies", "the Versailles powers' foreign policies"),
    ("the capitalist states* ability to", "the capitalist states' ability to"),
    ("confirmed the Bolshevika* ideological belief", "confirmed the Bolshevika' ideological belief"),
    # clause openers, verb forms, adverbs and unknown words keep the clause comma
    ("other observers* it seemed", "other observers, it seemed"),
    ("other observers* including the French", "other observers, including the French"),
    ("the decision makers* probably Stalin", "the decision makers, probably Stalin"),
    ("the great powers* stated that", "the great powers, stated that"),
    ("nothing less* foreign", "nothing less, foreign"),
    ("offer more powers* let the revolution", "offer more powers, let the revolution"),
    ("Soviet-German powers* pps.97-98.", "Soviet-German powers, pps.97-98."),
])
def test_punctuation_plural_possessive_or_clause_comma(raw, expected):
    text = run([Punctuation()], USAGE + raw).pages[0].blocks[0].text
    assert text[len(USAGE):] == expected


def test_punctuation_leaves_citations_alone():
    text = "DVP Vol.13, p.111. Izvestiia, January 22, 1929."
    assert run([Punctuation()], text).edits == []


@pytest.mark.parametrize("raw, expected", [
    # raw thesis lines 601, 2031, 269
    ("to reoongnise Poland* s protectorate, open or concealed, over the", "to reoongnise Poland's protectorate, open or concealed, over the"),
    ("whereas France, in early 193Q, was still not", "whereas France, in early 1930, was still not"),
    ('"The Bases of Soviet Foreign Policy," Foreign Affairs Vol*12,', '"The Bases of Soviet Foreign Policy," Foreign Affairs Vol.12,'),
])
def test_rules_in_order_on_raw_lines(raw, expected):
    steps = apply_rules(raw, _rules(ABBREVIATIONS))
    assert steps and steps[-1][0] == expected


def test_each_rule_runs_over_what_the_ones_before_it_left():
    steps = apply_rules("Poland* s pact of 193Q* It was", _rules(ABBREVIATIONS))
    assert [c.rule for _, changes in steps for c in changes] == ["possessive", "year-digit", "sentence-stop"]


def test_a_later_stage_asks_before_it_gives_punctuation_work():
    class Fix:
        def __init__(self, start, end, after):
            self.start, self.end, self.after = start, end, after

    rules = _rules(ABBREVIATIONS)
    assert makes_punctuation_work("see Xbid*# p.4", Fix(4, 8, "Ibid"), rules)  # Ibid*# would be mended next run
    assert not makes_punctuation_work("the latter idiioh held", Fix(11, 17, "which"), rules)


def test_notes_typed_with_tight_commas_keep_them_and_the_body_gets_its_space():
    from pipeline.document import Block, Document, Page

    # raw thesis lines 8713 and 6060: the typist's notes type `Khinchuk,to`; a body's tight comma is the scan's
    notes = [Block("footnote", "Letter from the Soviet Ambassador in Germany,Khinchuk,to the Deputy Commissar", 1, n,
                   label=str(n)) for n in range(1, 6)]
    body = [Block("paragraph", "It is probable, that this decision was swayed. Nevertheless,it is probable", 1, 9)]
    body += [Block("paragraph", "The pact, as he said, was signed, and ratified.", 1, 10)] * 5
    doc = Punctuation()(Document("d", [Page(1, body + notes)]))
    texts = [b.text for b in doc.pages[0].blocks]
    assert texts[0].endswith("Nevertheless, it is probable")
    assert texts[-1] == notes[0].text


@pytest.mark.parametrize("raw, expected", [
    # mca-dev, Tesseract on a 1980s typescript: a possessive after capitals read as capital (ground truth: CMA's)
    ("In a case 1n whlch plalntlffs have put the CMA'S actlvltles regard",
     "In a case 1n whlch plalntlffs have put the CMA's actlvltles regard"),
    # ... and where a sentence in small letters comes before it, at a record's end or before a name
    ("Perslstently attacked was EPA'S", "Perslstently attacked was EPA's"),
    ("The Presldent would present flrst an overvlew of MCA'S Situation,",
     "The Presldent would present flrst an overvlew of MCA's Situation,"),
    # BLN600: a title in capitals keeps its possessive in capitals
    ('The particulars were given in " LLOYD\'S NEWSPAPER" some two', 'The particulars were given in " LLOYD\'S NEWSPAPER" some two'),
])
def test_a_possessive_s_is_as_small_as_the_sentence_around_it(raw, expected):
    steps = apply_rules(raw, _rules(ABBREVIATIONS))
    assert (steps[-1][0] if steps else raw) == expected
