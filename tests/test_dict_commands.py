"""`ocrclean dict ...`: editing the dictionary folder, and the run-review-teach loop on the thesis."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import RAW_THESIS, ROOT
from pipeline.dictionaries import Dictionaries
from pipeline.errors import DictionaryError

NAMES = "# People of the thesis.\n# One a line.\nBarthou\nLitvinov  # the Commissar\n# Poles\nZaleski\n"


def ocrclean(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "names.txt").write_text(NAMES, encoding="utf-8")
    (tmp_path / "corrections.txt").write_text("# wrong -> right\nBwjer -> Kurjer\n", encoding="utf-8")
    return tmp_path


def test_add_keeps_comments_sorted_and_deduplicated(folder):
    messages = Dictionaries(folder).add(["Krestinsky", "Litvinov", "Krestinsky", "aardvark"], "names")
    assert messages == ["Krestinsky: added to names.txt", "Litvinov: already in names.txt, nothing changed",
                        "Krestinsky: already in names.txt, nothing changed", "aardvark: added to names.txt"]
    assert (folder / "names.txt").read_text(encoding="utf-8") == (
        "# People of the thesis.\n# One a line.\naardvark\nBarthou\nKrestinsky\nLitvinov  # the Commissar\n"
        "# Poles\nZaleski\n")


def test_adding_an_existing_term_changes_nothing(folder):
    before = (folder / "names.txt").stat().st_mtime_ns
    assert Dictionaries(folder).add(["Zaleski"], "places") == ["Zaleski: already in names.txt, nothing changed"]
    assert (folder / "names.txt").stat().st_mtime_ns == before and not (folder / "places.txt").exists()


def test_fix_and_remove(folder):
    d = Dictionaries(folder)
    assert d.fix("whioh", "which") == "whioh -> which: added to corrections.txt"
    assert d.fix("Bwjer", "Kurier") == "Bwjer -> Kurier: replaces Bwjer -> Kurjer"
    assert (folder / "corrections.txt").read_text(encoding="utf-8") == "# wrong -> right\nBwjer -> Kurier\nwhioh -> which\n"
    assert d.remove(["whioh", "Barthou"]) == ["whioh: removed from corrections.txt", "Barthou: removed from names.txt"]
    with pytest.raises(DictionaryError, match="Nobody: not in any dictionary"):
        d.remove(["Nobody"])


def test_check_reports_file_and_line(folder):
    (folder / "places.txt").write_text("Riga\nLitvinov\nMoscow -> Moskva\n", encoding="utf-8")
    (folder / "corrections.txt").write_text("Riga -> Riga\nwhioh which\nKurjer -> Kurier\nBwjer -> Kurjer\n",
                                            encoding="utf-8")
    problems = Dictionaries(folder).check()
    assert f"{folder / 'places.txt'}:2: 'Litvinov' duplicates {folder / 'names.txt'}:4" in problems
    assert any(p.startswith(f"{folder / 'places.txt'}:3:") and "corrections.txt" in p for p in problems)
    assert f"{folder / 'corrections.txt'}:2: expected 'wrong -> right', got 'whioh which'" in problems
    assert f"{folder / 'corrections.txt'}:1: 'Riga' corrects to itself" in problems
    assert any("'Kurjer' is corrected, yet is the correction" in p for p in problems)


def test_project_dictionaries_pass_check():
    assert Dictionaries(ROOT / "dictionaries").check() == []


def test_cli_dict_commands(folder):
    proc = ocrclean("dict", "add", "Krestinsky", "--list", "names", "--dictionaries", folder)
    assert proc.returncode == 0 and proc.stdout == "Krestinsky: added to names.txt\n"
    proc = ocrclean("dict", "list", "--list", "names", "--dictionaries", folder)
    assert proc.stdout.split() == ["Barthou", "Krestinsky", "Litvinov", "Zaleski"]
    proc = ocrclean("dict", "check", "--dictionaries", folder)
    assert proc.returncode == 0, proc.stderr
    for args, code, message in [(("dict", "remove", "Nobody"), 1, "Nobody: not in any dictionary"),
                                (("dict", "add", "X", "--list", "people"), 1, "--list people"),
                                (("dict", "fix", "same", "same"), 1, "two different words")]:
        proc = ocrclean(*args, "--dictionaries", folder)
        assert proc.returncode == code and message in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    proc = ocrclean("dict", "list", "--dictionaries", folder / "missing")
    assert proc.returncode == 2 and "no such dictionary folder" in proc.stderr


def test_help_has_examples():
    for command in (["--help"], ["diff", "--help"], ["dict", "--help"], *[["dict", c, "--help"] for c in
                    ("add", "fix", "remove", "list", "check", "suggest")]):
        proc = ocrclean(*command)
        # the top-level help teaches the daily loop (a list of example commands) instead of one example
        example = "The daily loop:" if command == ["--help"] else "Example: ocrclean"
        assert proc.returncode == 0 and example in proc.stdout and "ocrclean " in proc.stdout, command


def test_teaching_a_name_fixes_the_output_and_the_unknown_list(tmp_path):
    """The README's loop on the real thesis: run, review, add the names, run again."""
    dictionaries = tmp_path / "dictionaries"
    shutil.copytree(ROOT / "dictionaries", dictionaries)
    assert ocrclean("dict", "remove", "Titulescu", "Krestinsky", "--dictionaries", dictionaries).returncode == 0
    raw_titulescu = RAW_THESIS.read_text(encoding="utf-8").count("Titulescu")

    def run():
        proc = ocrclean("run", RAW_THESIS, "--out", tmp_path / "out", "--dictionaries", dictionaries, "-q")
        assert proc.returncode == 0, proc.stderr
        unknown = (tmp_path / "out" / "thesis.unknown.tsv").read_text(encoding="utf-8")
        return (tmp_path / "out" / "thesis.txt").read_text(encoding="utf-8"), {l.split("\t")[0] for l in unknown.splitlines()}

    text, unknown = run()
    assert text.count("Titulescu") < raw_titulescu  # the name, unknown, was "corrected" away
    assert "Krestinsky" in unknown  # flagged for a person to decide
    proc = ocrclean("dict", "add", "Titulescu", "Krestinsky", "--list", "names", "--dictionaries", dictionaries)
    assert proc.returncode == 0 and "Titulescu: added to names.txt" in proc.stdout
    text, unknown = run()
    assert text.count("Titulescu") >= raw_titulescu
    assert "Krestinsky" not in unknown and "Titulescu" not in unknown
