"""citations: what it learns from the notes and what it mends, on real note lines of the thesis scan."""
from __future__ import annotations

import pytest

from pipeline.correction.profile import Costs, ScanProfile
from pipeline.document import Block, Document, Edit
from pipeline.rules.citations import STOP_CHOICES, citation_changes, stops_before_dates
from pipeline.stages.citations import Citations
from pipeline.stages.citations.fix import (final_stop_changes, form_block_changes, month_changes, source_changes,
                                           year_changes)
from pipeline.stages.citations.learn import (citation_forms, date_years, digit_confusions, ends_with_stop,
                                             source_abbreviations)


def mended(text, **kw):
    return Block.from_lines("footnote", [text], 1, 1).rewrite("citations", citation_changes(text, **kw))[0].text


@pytest.mark.parametrize("raw, expected", [
    # raw thesis lines 1967, 2888, 3070, 2947
    ("Ibid** April 12, 1931.", "Ibid., April 12, 1931."),
    ("Soviet Ambassador in Germany,Krestin»ky,Maroh 7.1930,DVP Vol.l3* p,132#",
     "Soviet Ambassador in Germany,Krestin»ky,Maroh 7,1930,DVP Vol.13. p.132#"),
    ("Soviet Ambassador in Germ%y,Rhinchuk,January 8.1931.DVP Vo1.14>p#16#",
     "Soviet Ambassador in Germ%y,Rhinchuk,January 8,1931.DVP Vol.14.p.16#"),
    ("March 31*19)0» Ibid*, pps* 182-183", "March 31,19)0» Ibid., pps. 182-183"),  # the year read after
    # raw thesis line 569: the parenthesis of place and year closed before the page
    ("J.Beok, Final Report (New York 19577T P*3", "J.Beok, Final Report (New York 1957), p.3"),
])
def test_the_stops_of_raw_citations(raw, expected):
    assert mended(raw) == expected


def test_footnotes_chooses_only_between_comma_and_stop():
    rules = {c.rule for c in citation_changes("in Turkey# Surits# November 21, 1930* Ibid** p*669*", STOP_CHOICES)}
    assert rules <= set(STOP_CHOICES) and "citation-stop" not in rules


def test_a_newspaper_keeps_the_stop_the_document_gives_it_before_a_date():
    notes = ["Quoted in Izvestiia. January 22, 1929.", "Izvestiia. April 10, 1931.", "Surits, November 21, 1930."]
    words = stops_before_dates(notes)
    assert words == frozenset({"Izvestiia"})
    assert mended("Izvestiia* April 10, 1931* Dovgalevsky# April 22#1931", stop_words=words) == \
        "Izvestiia. April 10, 1931* Dovgalevsky, April 22,1931"


def test_learned_sources_read_their_misreadings():
    notes = ["DVP Vol.13, p.4"] * 30 + ["BVP Vol.14, p.9", "DVF Vol*13", "Pravda Vol.2"]
    sources = source_abbreviations(notes)
    assert sources == {"BVP": "DVP", "DVF": "DVP"}
    assert [c.new for c in source_changes("Ibid. BVP Vol.13. p.663.", sources)] == ["DVP"]


def test_learned_years_and_digit_confusions_read_a_misread_year():
    notes = ["Litvinov, May 3,1931."] * 30 + ["Izvestiia. June 24,1951"]
    edits = [Edit("layout", "note-number", "23.", "25", 1, 1)] * 5
    years, confusions = date_years(notes), digit_confusions(edits)
    assert years["1931"] == 30 and confusions == frozenset({("3", "5")})
    assert [c.new for c in year_changes("Izvestiia. June 24,1951", years, confusions)] == []  # 5 for 3 is not learned
    assert [c.new for c in year_changes("Izvestiia. June 24,1951", years, frozenset({("5", "3")}))] == ["1931"]


def test_a_garbled_month_before_a_day_and_a_year():
    assert [c.new for c in month_changes("Krestinsky,Maroh 7,1930,DVP", Costs(ScanProfile.prior()).cost)] == ["March"]


FORM_NOTES = [  # clean notes of the thesis, each form four times over
    "Telegram from the Commissar for Foreign Affairs, Litvinov, to the NKD, July 10, 1932. Ibid., p.405.",
    "Telegram from the Soviet Ambassador in France, Dovgalevsky, to the NKD, July 26, 1932. Ibid., p.440.",
    "Note from the Deputy Commissar for Foreign Affairs,Krestinsky, to the Finnish Charge d'Affaires in the USSR",
    "The British Minister in Poland, Erskine, to the Foreign Office, January 5,1932. Public Record Office.",
] * 4


def is_word(word):
    return word.lower() in {"telegram", "from", "the", "semi", "for", "affairs", "soviet", "ambassador", "in", "tor",
                            "france", "to", "commissar", "foreign", "deputy", "office", "public", "record", "and"}


@pytest.mark.parametrize("garbled, read", [
    # raw thesis lines 1731 and 7120 as the stages before leave them: runs broken apart, run together, misread
    ("Telegram 'from the' \"c semi sSr Tor For ei Affairs J Litvinov, to the Soviet Ambassador in France",
     "Telegram from the Commissar for Foreign Affairs, Litvinov, to the Soviet Ambassador in France"),
    ("Telegram from the Soviet Ambassador in $'rance,Dovgalevsky, to the NKB,July 26,1932.",
     "Telegram from the Soviet Ambassador in France,Dovgalevsky, to the NKD,July 26,1932."),
    # another phrase, the form's words elsewhere, a number glued on: left alone
    ("Telegram from the Deputy Commissar for Foreign Affairs,Krestinsky", None),
    ("Public Record Office.FO N3859/25/63.", None),
    ("Telegram from the Commissar for Foreign Affairs and the Soviet Ambassador in France", None),
    ('See "Telegram from the Commissar for Foreign Affairs" in Izvestiia', None),  # a title's quotes stay
])
def test_a_garbled_run_read_as_the_citation_form_the_notes_repeat(garbled, read):
    block = Block.from_lines("footnote", [garbled], 1, 1)
    for _ in range(2):  # as the stage's rounds: one run of a form at a time where two forms overlap
        block = block.rewrite("citations", form_block_changes(block.text, citation_forms(FORM_NOTES), is_word))[0]
    assert block.text == (garbled if read is None else read)


@pytest.mark.parametrize("raw, expected", [
    # raw thesis lines 5071, 1822, 3137, 5074: the last number's stop lost or read as dust
    ("Note from the HKD to the Finnish Mission in the USSR,May 18,1931. Ibid., p.344-*",
     "Note from the HKD to the Finnish Mission in the USSR,May 18,1931. Ibid., p.344."),
    ("Krestinsky to the M3>, March 31*19)0. Ibid., pps. 182-183", "Krestinsky to the M3>, March 31*19)0. Ibid., pps. 182-183."),
    ("Herbette, July 26,1930. Ibid.,p.428,", "Herbette, July 26,1930. Ibid.,p.428."),
    ("in Geneva,May 19,1931. Ibid., p.798. Note 123.", "in Geneva,May 19,1931. Ibid., p.798. Note 123."),
])
def test_a_note_ends_its_last_number_with_the_stop_the_notes_end_with(raw, expected):
    notes = ["Ibid., p.344."] * 19 + [raw]
    block = Block.from_lines("footnote", [raw], 1, 1)
    assert block.rewrite("citations", final_stop_changes(raw, ends_with_stop(notes)))[0].text == expected


def test_the_stage_learns_then_mends_and_a_second_run_changes_nothing():
    from pipeline.document import Page

    notes = [Block("footnote", "Telegram from Litvinov to Surits, May 3,1931. DVP Vol*14, p*308.", 1, n, label=str(n))
             for n in range(1, 6)]
    doc = Document("d", [Page(1, notes)])
    once = Citations()(doc)
    assert all(b.text.endswith("DVP Vol.14, p.308.") for b in once.pages[0].blocks)
    assert Citations()(once).edits == once.edits
