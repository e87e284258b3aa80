"""The smaller stages on real snippets of the thesis scan (layout, punctuation and citations have files of their own)."""
from __future__ import annotations

import pytest
from conftest import body, run

from pipeline import Cleaner, Config, ConfigError
from pipeline.document import Document
from pipeline.stages.hyphenation import Hyphenation
from pipeline.stages.insertions import Insertions
from pipeline.stages.layout import Layout
from pipeline.stages.reflow import Reflow
from pipeline.stages.unicode import Unicode


def test_unicode_drops_stray_marks_and_plains_quotes():
    doc = run([Unicode()], "(London\u0302 ^\u0302  mdl, p.62\u0302\nQuai d\u2019Orsey \u201cspirit\u201d")
    assert body(doc) == ["(London ^  mdl, p.62\nQuai d'Orsey \"spirit\""]
    assert {e.rule for e in doc.edits} == {"drop-stray-marks", "plain-punctuation"}
    assert all(e.line in (1, 2) for e in doc.edits)


def test_unicode_keeps_real_accents():
    doc = run([Unicode()], "the d\u00e9tente of Herriot's caf\u00e9")
    assert body(doc) == ["the d\u00e9tente of Herriot's caf\u00e9"] and doc.edits == []


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
