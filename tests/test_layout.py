"""layout, step by step (line kinds, note numbers, the notes region, page joins), on real lines of the thesis scan."""
from __future__ import annotations

import pytest
from conftest import body, run

from pipeline.lexicon import Lexicon
from pipeline.stages.layout import Layout
from pipeline.stages.layout.kinds import footnote_rules_dropped, inner_page_numbers, line_kinds, noise_score
from pipeline.stages.layout.notes import Notes
from pipeline.stages.layout.numbering import NOTE_START, Numbering, lookalike_note_start
from pipeline.stages.reflow import Reflow


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


KNOWN = Lexicon().is_known


def test_line_kinds_of_a_page_top_leave_the_lines_as_they_were():
    # raw thesis lines 262-265: the page number on top, then prose
    lines = ["8.", "", "Soviet foreign policy was the policy of a state which, though surrounded by", "the capitalist"]
    kinds = line_kinds(lines, KNOWN)
    assert kinds == ["page_number", "blank", "text", "text"]
    assert lines[0] == "8."  # helpers return values, they do not change their arguments


def test_a_number_alone_between_two_stretches_of_text_is_a_lost_page_break():
    lines = ["Russia was prepared to reach agreement with any and every capitalist state;", "", "42", "",
             "it was the latter which held the decisive card."]
    kinds = ["text", "blank", "text", "blank", "text"]
    assert inner_page_numbers(lines, kinds) == ["text", "blank", "page_number", "blank", "text"]
    assert kinds[2] == "text"


def test_scanner_dust_scores_high_and_prose_low():
    assert noise_score("\u25a0ai.miiii*\u00bb-f j\u00bbi.irvn -i-l n mi.", KNOWN) > 0.6
    assert noise_score("efforts to utilise the inevitable cracks in the enemy camp and so avoid isol", KNOWN) < 0.3


def test_the_rule_above_the_notes_is_taken_off_a_copy():
    lines = [" \u2014    ------------------, \u2022\u25a0JV ------------ -  6. Curtius to Dirksen, March 16,1931*"]
    kept, edits = footnote_rules_dropped(lines, 3, 40)
    assert kept == ["6. Curtius to Dirksen, March 16,1931*"] and lines[0].startswith(" \u2014")
    assert [(e.rule, e.page, e.line) for e in edits] == [("footnote-rule", 3, 40)]


def test_note_numbers_as_the_scan_printed_them():
    # raw lines 1040 and 1967: a hash and a double star after the number
    assert NOTE_START.match("58# Stalin Works Vol.lO# (Moscow 1954), pps* 292-293*")["num"] == "58"
    assert NOTE_START.match("41. Ibid** April 12, 1931.")["num"] == "41"
    assert NOTE_START.match("1930. DVP Vol*13. 0*111.") is None  # a year opening a line is no note number
    assert lookalike_note_start("$6. See Chapter 1#", 56) == 4 and lookalike_note_start("$6. See Chapter 1#", 57) is None


def test_numbering_fits_a_misread_digit_to_the_sequence():
    numbering = Numbering(max_note_jump=10)
    assert numbering.fitted(39, 57) == 59  # a 3 read for a 5
    assert numbering.fitted(12, 54) is None  # no single misread digit makes 12 fit
    assert numbering.repaired(23, 24) == 25 and numbering.repaired(1, 82) == 1  # a new chapter starts again


def test_the_notes_region_starts_at_the_first_note_that_fits():
    body_lines = ["hinted at its willingness to conclude a pact guaranteeing the existing"] * 12
    lines = body_lines + ["", "24* J.Korbel, Poland Between East and West (Princeton 1963).",
                          "25. Press interview in Warsaw, September 28,1925. Quoted in"]
    kinds = line_kinds(lines, KNOWN)
    notes = Notes(Numbering())
    assert notes.notes_start(lines, kinds, 0, 23) == 13
    assert notes.notes_end(lines, kinds, 13, 23) == (len(lines), False)
    blocks, last, _ = notes.note_blocks(lines, kinds, range(13, len(lines)), 1, 1, 23, KNOWN)
    assert [b.label for b in blocks] == ["24", "25"] and last == 25


@pytest.mark.parametrize("max_note_lines", [2, 12])
def test_the_stage_passes_its_settings_to_its_helpers(max_note_lines):
    layout = Layout(max_note_lines=max_note_lines)
    assert layout.notes.max_note_lines == max_note_lines and layout.notes.numbering is layout.numbering
