"""The user's corrections list: `dict fix WRONG RIGHT`, run again, the output changes."""
from __future__ import annotations

import shutil

from pipeline import Cleaner, Config

from conftest import ROOT

LINE = '210. Bwjer WarazawsWL, January 27,1932.Quoted in Buduroinroz.Poliah-Soviet\n'
BODY = "initialling was not hard to discover# The official \"Gaseta Polska\", whilst welcoming it.\n"


def cleaner_with(tmp_path, corrections: str) -> Cleaner:
    folder = tmp_path / "dictionaries"
    shutil.copytree(ROOT / "dictionaries", folder)
    (folder / "corrections.txt").write_text(corrections, encoding="utf-8")
    return Cleaner(Config.discover(ROOT).with_overrides(dictionaries=folder))


def test_a_listed_correction_is_applied_and_logged(tmp_path):
    before = cleaner_with(tmp_path / "a", "").clean(BODY).text
    assert '"Gaseta Polska"' in before or '"Gazeta Polska"' in before
    after = cleaner_with(tmp_path / "b", "Gaseta -> Gazeta\n").clean(BODY)
    assert '"Gazeta Polska"' in after.text
    edit = next(e for e in after.edits if e.stage == "corrections")
    assert (edit.before, edit.after, edit.rule, edit.line) == ("Gaseta", "Gazeta", "corrections-list", 1)
    assert not any(e.stage == "words" and "Gazeta" in e.before for e in after.edits)


def test_a_correction_reaches_footnote_text(tmp_path):
    result = cleaner_with(tmp_path, "Bwjer -> Kurjer\n").clean("A pact.\n\n" + LINE)
    assert "Kurjer" in result.text and "Bwjer" not in result.text
