from pathlib import Path

import pytest

from pipeline.errors import DictionaryError
from pipeline.lexicon import TERM_LISTS, Lexicon

FOLDER = Path(__file__).parent.parent / "dictionaries"


def test_project_dictionaries_load():
    lex = Lexicon.load(FOLDER)
    assert lex.terms["litvinov"] == "names"
    assert lex.terms["bessarabia"] == "places"
    assert "Izvestiia" in lex.cased and lex.is_known("Narkomindel")
    for name in TERM_LISTS:
        assert (FOLDER / f"{name}.txt").read_text(encoding="utf-8")


def test_lists_hold_no_scanner_garbles():
    lex = Lexicon.load(FOLDER)
    for garble in ("isvestiia", "boviet", "januaiy", "khinohuk"):
        assert garble not in lex.terms


def test_bad_correction_line_is_reported(tmp_path):
    (tmp_path / "corrections.txt").write_text("whioh which\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="corrections.txt:1"):
        Lexicon.load(tmp_path)


def test_corrections_and_comments(tmp_path):
    (tmp_path / "names.txt").write_text("# people\nLitvinov  # the Commissar\n", encoding="utf-8")
    (tmp_path / "corrections.txt").write_text("Bwjer -> Kurjer\n", encoding="utf-8")
    lex = Lexicon.load(tmp_path)
    assert lex.corrections == {"Bwjer": "Kurjer"}
    assert lex.terms == {"litvinov": "names", "kurjer": "corrections"}  # a listed right form is known
