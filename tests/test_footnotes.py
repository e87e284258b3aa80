"""Footnote marks of every shape the scan makes, on real fragments of the thesis."""
from __future__ import annotations

from pipeline import Cleaner, Config
from pipeline.document import Document
from pipeline.stages.footnotes import Footnotes, assign, candidates
from pipeline.stages.layout import Layout

TAIL = "\n".join(["Filler line of body text that runs on as the thesis does for a while and"] * 4)


def linked(body: str, notes: str) -> str:
    """Body text after layout + footnotes, for a page whose notes are ``notes``."""
    doc = Footnotes()(Layout()(Document.from_text(body + "\n" + TAIL + ".\n\n" + notes)))
    return "\n".join(b.text for b in doc.pages[0].blocks if b.kind != "footnote")


def test_caret_mark_after_a_stop():
    out = linked("opposed to German collaboration with the USSR#^^* Their defeat would be advan\n"
                 "tageous to Russia though.", "66. For example, the resolution of the KPD Central Committee")
    assert "with the USSR.[^66] Their defeat" in out and "^^" not in out


def test_lone_star_after_quotation():
    out = linked('to the Soviet Union." * Either its value as a means of consolidating the\n'
                 "Comintern was great or small.", "68. Ibid*. Preface, p.Vlll.")
    assert 'Union."[^68] Either' in out


def test_number_glued_to_next_line_with_its_star():
    out = linked("but he had not yet studied the Soviet project pact and was\n"
                 "27about to relinquish his cabinet post* * Despite Harriot's comments.",
                 "27* Report on conversation of Commissar for Foreign Affairs, Litvinov.")
    assert "and was\nabout to relinquish his cabinet post.[^27] Despite" in out


def test_number_glued_to_next_line_marks_the_first_sentence_end():
    out = linked("It was a\n67stage towards a communist revolution. Sooial-demooraoy led the working class",
                 "67# See the speech of Manuils&y to the Eleventh FOCI Plenum, April 1931#")
    assert "It was a\nstage towards a communist revolution.[^67] Sooial" in out


def test_number_typed_in_the_line():
    out = linked("then it is possible to\ncomplete the negotiations very rapidly#207#\n\nUnfortunately the pact",
                 "207# Degras, Soviet Documents on Foreign Policy, Vol.2, p.522#")
    assert "very rapidly.[^207]" in out and "#207" not in out


def test_combining_caret_shape_after_unicode():
    text = "gave the same reply to a similar question from Dlrksen.\u0302 ^\u0302 *\n\nThe reason was two-fold."
    out = Cleaner(Config(stages=["unicode"])).clean(text).text
    assert [c.rule for c in candidates(out, 0)][0] == "caret-mark"


def test_lost_mark_is_inferred_at_the_paragraph_end():
    out = linked('as Trotsky said "since we could not engage in war,\nwe had to conclude peace."\n\n'
                 "An appeal was made for all belligerent states to open negotiations", "1* Quoted in L.Fischer, p.16.")
    assert 'conclude peace."[^1]' in out


def test_numbers_pin_their_notes_and_marks_fill_between():
    cands = candidates("relations#^^* Even so, policy#^^* Unless these were cleared, them.^^^* This was\n"
                       "110western tendency in foreign policy.", 0)
    chosen = assign(cands, [107, 108, 109, 110])
    assert cands[chosen[110]].rule == "glued-number"
    assert [cands[chosen[n]].rule for n in (107, 108, 109)] == ["caret-mark"] * 3


def test_note_numbers_repaired_by_the_sequence():
    assert Layout().repaired(23, 24) == 25  # `23.` printed where 25 is due: a misread 5
    assert Layout().repaired(1, 82) == 1  # a new chapter starts again


def test_counts_reported_per_chapter():
    doc = Footnotes()(Layout()(Document.from_text(
        "opposed to German collaboration with the USSR#^^* Their defeat would be advan\n" + TAIL
        + ".\n\n66. For example, the resolution\n67. Ibid.")))
    total = doc.meta["footnotes"]["total"]
    assert total["notes"] == 2 and total["linked"] == 1 and total["linked"] + total["inferred"] + total["unlinked"] == 2
