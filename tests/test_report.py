"""The review outputs: HTML report, word diff, unknown words, on real thesis text."""
from __future__ import annotations

import html
import subprocess
import sys
import time
from collections import Counter
from html.parser import HTMLParser

import regex

from conftest import RAW_THESIS, ROOT
from pipeline.batch import clean_file_to
from pipeline.document import Document, Edit
from pipeline.report import html_report, page_views, word_diff
from pipeline.report.changes import clean_pages, word_opcodes
from pipeline.report.unknown import unknown_tsv, unknown_words
from pipeline.verify import verify

THESIS_PAGE = """ Summary

The central theme of this thesis is the role which the non*
aggression pact played as an instrument of Soviet diplomacy in the
period 1930*1933 and the consequences for Soviet foreign policy of
the successful conclusion of five such pacts# It also seeks to cast
light on the actual foreign policy techniques as utilised by the USSR.
"""


def test_thesis_changes_are_found_and_explained(thesis_result):
    raw = RAW_THESIS.read_text(encoding="utf-8")
    views = page_views(thesis_result.document, raw)
    assert len(views) == len(thesis_result.document.pages)
    hunks = [h for v in views for h in v.hunks]
    assert len(hunks) > 3000
    first = {(h.before, h.after): h for h in views[0].hunks}
    assert first[("non* aggression", "non-aggression")].stages == ["hyphenation"]
    assert first[("1930*1933", "1930-1933")].stages == ["punctuation"]
    unexplained = [h for h in hunks if h.stage == "unexplained"]
    assert len(unexplained) < 0.03 * len(hunks)
    for view in views:  # spans point at the words they claim
        for h in view.hunks:
            assert " ".join(view.raw[slice(*h.raw_span)].split()) == h.before
            assert " ".join(view.clean[slice(*h.clean_span)].split()) == h.after


def test_clean_pages_hold_every_clean_word_once(thesis_result):
    pages = clean_pages(thesis_result.document, lambda line: 1)  # one page: every piece lands on it
    assert Counter(pages[1].split()) == Counter(thesis_result.text.split())


def test_report_escapes_document_text(cleaner):
    raw = THESIS_PAGE + "A raw file may hold <script>alert('x')</script> & <b>tags</b>*\n"
    result = cleaner.clean(raw, "evil<name>")
    page = html_report(result.document, raw)
    assert "<script>alert" not in page and "<b>tags" not in page
    assert html.escape("<script>alert(") in page.replace("&#39;", "'") or "&lt;script&gt;alert(" in page
    assert "evil&lt;name&gt;" in page
    assert page.count("<script>") == 1  # the report's own script only


def test_report_is_self_contained_and_lean(thesis_result):
    raw = RAW_THESIS.read_text(encoding="utf-8")
    start = time.perf_counter()
    page = html_report(thesis_result.document, raw)
    assert time.perf_counter() - start < 10
    assert not regex.search(r"""(src|href)=["'](https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert len(page) < 3 * len(raw) + 2_000_000
    for stage in ("unicode", "layout", "hyphenation", "punctuation", "words"):
        assert f'class="s-{stage}"' in page


def test_summary_counts_edits_per_stage(thesis_result):
    raw = RAW_THESIS.read_text(encoding="utf-8")
    page = html_report(thesis_result.document, raw)
    per_stage = thesis_result.edits_per_stage()
    for stage, count in per_stage.items():
        assert regex.search(rf">{stage}</span></td><td>{count}</td>", page), stage
    doubtful = len(thesis_result.document.reading.doubtful)
    assert f"words left doubtful: {doubtful}" in page


def test_word_opcodes_group_changed_runs():
    assert word_opcodes("a b c".split(), "a x y c".split()) == [("equal", 0, 1, 0, 1), ("change", 1, 2, 1, 3),
                                                               ("equal", 2, 3, 3, 4)]


def test_word_diff_lines(cleaner):
    result = cleaner.clean(THESIS_PAGE, "summary")
    text = word_diff("summary", page_views(result.document, THESIS_PAGE))
    assert "@@ page 1 @@" in text
    assert "3 hyphenation 0.7: the role which the [-non* aggression-]{+non-aggression+} pact played as an" in text
    assert "[-1930*1933-]{+1930-1933+}" in text and "[-pacts#-]{+pacts.+}" in text


def test_an_edit_explains_one_change():
    doc = Document.from_text("x* and y*")
    doc.pages[0].blocks[0] = doc.pages[0].blocks[0].__class__("paragraph", "x. and y.", 1, 1)
    doc.edits = [Edit("punctuation", "stop", "*", ".", 1, 1, 0.8), Edit("punctuation", "stop", "*", ".", 1, 1, 0.6)]
    hunks = page_views(doc, "x* and y*")[0].hunks
    assert [(h.before, [e.confidence for e in h.edits]) for h in hunks] == [("x*", [0.8]), ("y*", [0.6])]


def test_unknown_words_are_counted_with_candidates(thesis_result, cleaner):
    rows = unknown_words(thesis_result.document, cleaner.resources.lexicon)
    words = {r.word: r for r in rows}
    assert "Budurowycz" in words and words["Budurowycz"].count >= 3  # a historian the lists do not know
    assert "Litvinov" not in words and "Litvinov's" not in words and "the" not in words
    counts = [r.count for r in rows]
    assert counts == sorted(counts, reverse=True)
    tsv = unknown_tsv(rows)
    assert tsv.startswith("word\tcount\tfirst_line\tcandidates\n")
    assert all(len(line.split("\t")) == 4 for line in tsv.splitlines())


def test_run_writes_review_files(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(RAW_THESIS), "--out", str(tmp_path), "-q"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    report = (tmp_path / "thesis.report.html").read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>") and "raw beside clean" in report
    assert (tmp_path / "thesis.diff").read_text(encoding="utf-8").startswith("# thesis: raw vs clean")
    assert "Budurowycz\t" in (tmp_path / "thesis.unknown.tsv").read_text(encoding="utf-8")


class _Tags(HTMLParser):
    """Every live tag and attribute of a page, the text it shows, and what its scripts hold."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text, self.scripts, self._open = [], [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self._open = tag

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        (self.scripts if self._open == "script" else self.text).append(data)


PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def test_raw_markup_renders_as_text_in_the_report_only(cleaner, tmp_path):
    """A raw file holding markup: the report shows it as text, never as live tags or attributes;
    the clean text and the word diff keep it as plain characters, unescaped."""
    raw = THESIS_PAGE + f"A raw file may hold {PAYLOADS[0]} in its text.\nAnd {PAYLOADS[1]} as well.\n"
    source = tmp_path / "raw" / "evil.txt"
    source.parent.mkdir()
    source.write_text(raw, encoding="utf-8")
    report = clean_file_to(cleaner, source, tmp_path / "out")
    assert report.error is None and (tmp_path / "out" / "evil.report.html") in report.outputs
    page = _Tags()
    page.feed((tmp_path / "out" / "evil.report.html").read_text(encoding="utf-8"))
    page.close()
    # the report's own script, and the JSON slot `ocrclean review` fills with its token
    assert "img" not in page.tags and page.tags.count("script") == 2
    assert not {"onerror", "src"} & set(page.attributes)
    assert not any(a.startswith("on") for a in page.attributes)
    shown = "".join(page.text)
    assert PAYLOADS[0] in shown and '"><img src=x' in shown  # visible, as the characters they are
    for script in page.scripts:  # the hunk data (JSON) holds the payloads only with "<" escaped
        assert not regex.search(r"<(?:script|img|/|!--)", script, flags=regex.I)
    clean = (tmp_path / "out" / "evil.txt").read_text(encoding="utf-8")
    assert PAYLOADS[0] in clean and '"><img src=x ' in clean
    diff = (tmp_path / "out" / "evil.diff").read_text(encoding="utf-8")
    for text in (clean, diff):
        assert not regex.search(r"&(?:lt|gt|quot|amp|#\d+);", text)
    assert verify(source, tmp_path / "out").ok
