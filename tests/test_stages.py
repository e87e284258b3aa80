"""Each structural stage on real snippets of the thesis scan."""
from __future__ import annotations

import pytest

from pipeline import Cleaner, Config, ConfigError
from pipeline.document import Document
from pipeline.stages.hyphenation import Hyphenation
from pipeline.stages.insertions import Insertions
from pipeline.stages.layout import Layout
from pipeline.stages.punctuation import Punctuation
from pipeline.stages.reflow import Reflow
from pipeline.stages.unicode import Unicode


def run(stages, text):
    doc = Document.from_text(text)
    for stage in stages:
        doc = stage(doc)
    return doc


def body(doc):
    return [b.text for p in doc.pages for b in p.blocks if b.visible and b.kind != "footnote"]


def test_unicode_drops_stray_marks_and_plains_quotes():
    doc = run([Unicode()], "(London\u0302 ^\u0302  mdl, p.62\u0302\nQuai d\u2019Orsey \u201cspirit\u201d")
    assert body(doc) == ["(London ^  mdl, p.62\nQuai d'Orsey \"spirit\""]
    assert {e.rule for e in doc.edits} == {"drop-stray-marks", "plain-punctuation"}
    assert all(e.line in (1, 2) for e in doc.edits)


def test_unicode_keeps_real_accents():
    doc = run([Unicode()], "the d\u00e9tente of Herriot's caf\u00e9")
    assert body(doc) == ["the d\u00e9tente of Herriot's caf\u00e9"] and doc.edits == []


def test_layout_hides_garbled_page_numbers_and_noise():
    text = "JJ*\n\nparties, but was weakened by each new blow struck.\n\u25a0ai.miiii*\u00bb-f j\u00bbi.irvn -i-l n mi.\nThe end."
    doc = run([Layout()], text)
    kinds = [b.kind for b in doc.pages[0].blocks]
    assert kinds[0] == "page_number" and "noise" in kinds
    assert doc.pages[0].printed is None  # "JJ*" holds no readable number
    removed = [e for e in doc.edits if e.after == ""]
    assert {e.rule for e in removed} == {"page-number", "noise"} and removed[0].before == "JJ*"


def test_layout_keeps_notes_out_of_the_body():
    lines = ["hinted at its willingness to conclude a pact guaranteeing the existing"] * 12
    lines += ["", "24* J.Korbel, Poland Between East and West (Princeton 1963).",
              "25. Press interview in Warsaw, September 28,1925. Quoted in",
              "J.Degras, Soviet Documents on Foreign Policy, Vol.2 (London 1952)."]
    doc = run([Layout()], "\n".join(lines))
    notes = doc.pages[0].notes
    assert [n.label for n in notes] == ["24", "25"]
    assert notes[1].text.endswith("(London 1952).") and notes[1].line_at(len(notes[1].text) - 1) == 16
    assert not any("Korbel" in t for t in body(doc))


def test_layout_rejoins_paragraph_cut_by_page_break_and_drops_catchword():
    text = "the prolongation\nof/\n\n\n\nof the Berlin treaty related."
    doc = run([Layout(), Reflow()], text)
    assert body(doc) == ["the prolongation of the Berlin treaty related."]
    assert {"catchword", "paragraph-continues"} <= {e.rule for e in doc.edits}


def test_layout_reads_numbered_section_heading_as_body():
    prose = "was formed with Lenin at its head. The revolution which had proceeded its\n" * 20
    text = "Chapter 1; The Emergence of Soviet Foreign Policy.\n\n1. The need for a foreign policy.\n" + prose
    doc = run([Layout()], text)
    assert doc.pages[0].notes == []


@pytest.mark.parametrize("raw, expected, rule", [
    ("conclusion of the German neg\notiations with the west", "negotiations", "join-lost-hyphen"),
    ("the desirab\nility of a trade agreement", "desirability", "join-lost-hyphen"),
    ("a mutual guar-\nantee of neutrality", "guarantee", "join-hyphen"),
    ("a non-aggression pact covering non-\naggression, the joint", "non-aggression,", "keep-compound"),
    ("the role which the non* \naggression pact played", "non-aggression", "keep-compound"),
])
def test_hyphenation_on_thesis_breaks(raw, expected, rule):
    doc = run([Hyphenation()], raw)
    assert expected in doc.pages[0].blocks[0].text.split()
    assert rule in {e.rule for e in doc.edits}


def test_hyphenation_leaves_two_real_words_apart():
    doc = run([Hyphenation()], "it was a\nway to peace and the\nother side")
    assert doc.pages[0].blocks[0].text == "it was a\nway to peace and the\nother side"


@pytest.mark.parametrize("raw, expected", [
    ("weakened by each new blow struck* The spirit", "weakened by each new blow struck. The spirit"),
    ("Ibid., Vol*13, pps* 292-293*", "Ibid., Vol.13, pps. 292-293."),
    ("the odds on Rapallo* s ultimate success", "the odds on Rapallo's ultimate success"),
    ("by the 1930*s the pact", "by the 1930's the pact"),
    ("in the period 1930*1933 and", "in the period 1930-1933 and"),
    ("signed in 193Q by", "signed in 1930 by"),
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


def test_reflow_makes_one_line_per_paragraph():
    doc = run([Layout(), Reflow()], "The second chapter surveys \nthe Soviet   position.\n\nA new one.")
    assert body(doc) == ["The second chapter surveys the Soviet position.", "A new one."]


def test_config_refuses_bad_parameters_by_name():
    with pytest.raises(ConfigError, match="noise_threshold"):
        Config().with_overrides(settings=["layout.noise_threshold=3"])
    with pytest.raises(ConfigError, match="no setting 'colour'"):
        Config().with_overrides(settings=["layout.colour=1"])
    with pytest.raises(ConfigError, match="unknown stage 'spelling'"):
        Config.from_mapping({"stages": ["unicode", "spelling"]})


def test_config_switches_stages_off_without_code_edits():
    cleaner = Cleaner(Config().with_overrides(disable=["punctuation"]))
    assert "punctuation" not in [s.name for s in cleaner.stages]
    assert [s.name for s in cleaner.stages][:4] == ["unicode", "insertions", "layout", "hyphenation"]
    assert cleaner.clean("struck* The end*").text == "struck* The end*\n"


@pytest.mark.parametrize("scan, paragraph", [
    # raw lines 3049-3053: the word typed above the line, garbled, and the caret under it
    ("In March 1931, Molotov, reporting to the Sixth Soviet Congress, whilst\n\n-th-e.\n"
     "being unable to pass over in silence the fact that^German Government and",
     "In March 1931, Molotov, reporting to the Sixth Soviet Congress, whilst being unable to pass over "
     "in silence the fact that the German Government and"),
    # raw lines 9009-9011
    ("negotiations. Titulescu had stead-\n\nthe\nfastly opposed^Vaida-Voivod Government's attempts",
     "negotiations. Titulescu had steadfastly opposed the Vaida-Voivod Government's attempts"),
])
def test_a_word_typed_above_the_line_goes_to_its_caret(scan, paragraph):
    doc = run([Unicode(), Insertions(), Layout(), Hyphenation(), Reflow()], scan)
    assert body(doc) == [paragraph]
    assert [e.rule for e in doc.edits if e.stage == "insertions"] == ["caret-insertion"] * 2


@pytest.mark.parametrize("scan", [
    "that Chicherin was a stronger supporter of collaboration than\nwas Litvinov.\nSoviet 'Union^London n",
    "he meant sign\nand not ratify.\n\n65. Buduroi^cjs, Polish-Soviet Relations, p.16.",
    "had hoped\n\nP m /h\nratification did not occur as quickly as^onoour had hoped",
])
def test_a_short_line_that_is_no_insertion_stays(scan):
    assert Insertions()(Document.from_text(scan)).edits == []


def test_line_end_join_never_glues_two_words_the_document_writes_apart():
    # raw line 4941 of the thesis: `interested in` / `a non-aggression pact`; the scan has `Ina` once
    # elsewhere, but the document writes `in a` as two words hundreds of times
    text = "Minister, to Dirksen Ina long policy directive.\n" + "it was in a way in a sense.\n" * 3 + \
        "his Government was interested in\na non-aggression pact with the Soviet Union"
    doc = run([Hyphenation()], text)
    assert "interested in\na non-aggression" in doc.pages[0].blocks[0].text
    assert not any(e.stage == "hyphenation" and e.line == 5 for e in doc.edits)
