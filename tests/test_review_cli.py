"""The smaller faults a new user met: diff re-cleaning, an unknown --stage, dictionaries lost outside the
project, export into raw/, two page numberings, file names cut on 80 columns."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time

import pytest
import regex
from typer.testing import CliRunner

from conftest import RAW_THESIS, ROOT
from pipeline.batch import clean_file_to, fingerprint
from pipeline.cli import app

runner = CliRunner()


def ocrclean(*args, cwd=ROOT, **kw):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, **kw)


@pytest.fixture(scope="module")
def thesis_out(cleaner, config, tmp_path_factory):
    """The thesis's outputs as `ocrclean run raw/thesis.txt --out DIR` writes them."""
    out = tmp_path_factory.mktemp("clean")
    report = clean_file_to(cleaner, RAW_THESIS, out, stamp=fingerprint(config, "pages", "text"))
    assert report.error is None
    return out


def test_diff_reads_the_outputs_instead_of_cleaning_again(thesis_out, thesis_result, monkeypatch):
    from pipeline.report.worddiff import read_word_diff

    monkeypatch.chdir(ROOT)
    start = time.perf_counter()
    done = runner.invoke(app, ["diff", str(RAW_THESIS), "--out", str(thesis_out), "--stage", "words", "--page", "12"])
    seconds = time.perf_counter() - start
    assert done.exit_code == 0, done.output
    assert seconds < 1.0, f"{seconds:.2f} s"
    assert "page 12" in done.output and "tJSSR → USSR" in done.output
    pages, changes = read_word_diff((thesis_out / "thesis.diff").read_text(encoding="utf-8"))
    shown = [c for c in changes if c["page"] == 12 and "words" in c["stages"]]
    assert done.output.strip().endswith(f"{len(shown)} changes") and len(shown) > 3
    assert pages == len(thesis_result.document.pages)
    doubtful = runner.invoke(app, ["diff", str(RAW_THESIS), "--out", str(thesis_out), "--doubtful"])
    assert doubtful.output.strip().endswith(f"{sum(c['confidence'] < 0.8 for c in changes)} changes")


def test_an_unknown_stage_is_an_error_that_lists_the_stages(thesis_out, monkeypatch):
    monkeypatch.chdir(ROOT)
    done = runner.invoke(app, ["diff", str(RAW_THESIS), "--out", str(thesis_out), "--stage", "word"])
    assert done.exit_code == 2
    assert "--stage word: unknown stage (stages: unicode, " in done.output and "words" in done.output


def test_dictionaries_come_from_the_project_not_the_current_folder(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "raw").mkdir(parents=True)
    (project / "dictionaries").mkdir()
    elsewhere.mkdir()
    (project / "pyproject.toml").write_text('[tool.ocrclean]\nstages = ["corrections"]\n', encoding="utf-8")
    (project / "dictionaries" / "corrections.txt").write_text("Bwjer -> Kurjer\n", encoding="utf-8")
    (project / "raw" / "a.txt").write_text("the Bwjer said\n", encoding="utf-8")
    done = ocrclean("run", "../project/raw/a.txt", "--out", "out", "-q", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "out" / "a.txt").read_text(encoding="utf-8") == "the Kurjer said\n"
    missing = ocrclean("run", "../project/raw/a.txt", "--out", "out", "--dictionaries", tmp_path / "nonexistent",
                       cwd=elsewhere)
    assert missing.returncode == 2 and "--dictionaries" in missing.stderr and "no such folder" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_export_never_writes_into_raw(thesis_out):
    before = sorted(p.name for p in RAW_THESIS.parent.iterdir())
    done = ocrclean("export", RAW_THESIS, "--out-dir", thesis_out)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in RAW_THESIS.parent.iterdir()) == before
    markdown = (thesis_out / "thesis.md").read_text(encoding="utf-8")
    assert "[^c1-1]" in markdown and "non-aggression pact played as an instrument" in markdown  # the clean text, not the raw
    refused = ocrclean("export", thesis_out / "thesis.txt", "--out", ROOT / "raw" / "thesis.md")
    assert refused.returncode == 2 and "raw/ is only ever read" in refused.stderr
    assert sorted(p.name for p in RAW_THESIS.parent.iterdir()) == before


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
def test_export_to_html_through_pandoc(thesis_out):
    done = ocrclean("export", thesis_out / "thesis.txt", "--to", "html")
    assert done.returncode == 0, done.stderr
    html = (thesis_out / "thesis.html").read_text(encoding="utf-8")
    assert "<html" in html and 'class="footnotes' in html


def test_export_without_pandoc_is_one_line(thesis_out, tmp_path):
    done = ocrclean("export", thesis_out / "thesis.txt", "--to", "epub", env={"PATH": str(tmp_path)})
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0 and "needs pandoc" in done.stderr


def test_pages_are_numbered_one_way(thesis_out):
    report = (thesis_out / "thesis.report.html").read_text(encoding="utf-8")
    buttons = regex.findall(r'<a href="#p(\d+)" id="n\d+" title="page \d+[^"]*">(\d+)</a>', report)
    assert len(buttons) > 150 and all(anchor == text for anchor, text in buttons)
    assert [int(text) for _, text in buttons] == list(range(1, len(buttons) + 1))
    assert 'title="page 101 (printed 134)">101</a>' in report


def test_the_summary_fits_80_columns_without_cutting_file_names(tmp_path):
    source = tmp_path / "a-typescript-with-a-long-name.txt"
    source.write_text("The pact was signed*\n", encoding="utf-8")
    done = ocrclean("run", source, "--out", tmp_path / "out", "--only", "punctuation", env={**os.environ, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert all(len(line) <= 80 for line in done.stdout.splitlines())
    assert "…" not in done.stdout
    assert source.name in "".join(line.split(" ")[0] for line in done.stdout.splitlines())


def test_dict_suggest_offers_only_safe_shell_quoted_commands(thesis_result, cleaner):
    from pipeline.correction.profile import Costs
    from pipeline.report.unknown import unknown_words
    from pipeline.word_counts import document_vocabulary

    lexicon = cleaner.resources.lexicon
    rows = {r.word: r for r in unknown_words(thesis_result.document, lexicon, cleaner.resources.corrector.candidates)}
    from pipeline.correction.profile import ScanProfile
    state = cleaner.resources.corrector.state
    channel, often = Costs(state.profile if state else ScanProfile.prior()), document_vocabulary(thesis_result.document)

    def command(word):
        return rows[word].command(channel, often, lambda w: lexicon.frequency(w.lower()) >= 1e-6)

    harmful = [w for w in ("NKB", "Palairet", "Eudin", "d'Affaires") if w in rows]  # the one-liners
    assert len(harmful) >= 3  # those the engine leaves unknown (it may read a garble of one as another word)
    for word in harmful:
        assert " fix " not in command(word), command(word)
    from pipeline.report.unknown import Unknown  # the engine now reads this garble itself; as if it had not:
    assert Unknown("Dovgalevslgr", 8, 1, []).command(channel, often).startswith(
        "# not taught: a likely misreading of Dovgalevsky")
    assert Unknown("NKB", 9, 1, []).command(channel, often) == "ocrclean dict add NKB --list abbreviations"
    assert command("Budurowycz") == "ocrclean dict add Budurowycz --list names"
    for word in list(rows)[:200]:  # every command survives the shell: the word comes back whole
        line = command(word)
        if not line.startswith("#"):
            argv = shlex.split(line)
            assert argv[:3] == ["ocrclean", "dict", argv[2]] and argv[3] == word, line


def test_no_unexplained_change_in_the_thesis_report(thesis_result):
    """The README promises a complete edit log: every change the report shows has a stage and a rule."""
    from pipeline.report import page_views

    hunks = [h for v in page_views(thesis_result.document, RAW_THESIS.read_text(encoding="utf-8")) for h in v.hunks]
    assert len(hunks) > 6000
    assert [(h.line, h.before, h.after) for h in hunks if not h.edits][:5] == []
    logged = {id(e) for e in thesis_result.document.edits}
    made_up = [e for h in hunks for e in h.edits if id(e) not in logged]
    assert {(e.stage, e.rule) for e in made_up} <= {("layout", "footnote-label")} and len(made_up) < 250


def test_unknown_words_include_garbles_listed_and_underlined(thesis_out):
    rows = {line.split("\t")[0] for line in (thesis_out / "thesis.unknown.tsv").read_text(encoding="utf-8").splitlines()}
    assert {"3?rance", "8?wards"} <= rows and not {"rance", "?rance", "wards"} & rows
    report = (thesis_out / "thesis.report.html").read_text(encoding="utf-8")
    for word in ("3?rance",):
        assert regex.search(rf'<mark class="unknown" data-d="\d+" title="unknown word[^"]*">{regex.escape(word)}</mark>', report), word


def test_check_is_a_proofreading_queue(thesis_out, monkeypatch):
    monkeypatch.chdir(ROOT)
    done = runner.invoke(app, ["check", str(RAW_THESIS), "--out", str(thesis_out), "--top", "100"])
    assert done.exit_code == 0, done.output
    sections = regex.findall(r"─ (\S+): (\d+)", done.output)
    assert [name for name, _ in sections] == ["unknown", "quotes", "characters", "spacing", "he-be", "hyphens", "case"]
    counts = {name: int(n) for name, n in sections}
    assert counts["unknown"] > 1000 and counts["quotes"] > 50 and counts["characters"] > 20
    assert "would he no war" in done.output  # he for be, after a modal
    assert regex.search(r"non-aggression x\d{3}, (?:nonaggression x\d, )?non aggression x\d", done.output.replace("\n", " "))
    assert "» RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK" in done.output
    bad = runner.invoke(app, ["check", str(RAW_THESIS), "--out", str(thesis_out), "--only", "spelling"])
    assert bad.exit_code == 2 and "unknown check" in bad.output
