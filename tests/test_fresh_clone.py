"""The README's Quick start on a fresh clone writes the report, also when the committed clean/ is up to date."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import regex

from conftest import ROOT
from pipeline import Cleaner, Config
from pipeline.batch import clean_file_to

GIT = shutil.which("git")


def quick_start() -> str:
    """The first command block of the README's Quick start section."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1]
    return regex.search(r"```\n(.*?)\n```", section, flags=regex.S)[1].strip()


@pytest.mark.skipif(GIT is None or not (ROOT / ".git").exists(), reason="needs git and a git checkout")
def test_quick_start_on_a_fresh_clone_writes_the_report(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run([GIT, "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    assert (clone / "clean" / "thesis.txt").is_file() and not (clone / "clean" / "thesis.report.html").exists()
    command = quick_start()
    assert command.startswith("python3 -m venv .venv") and "ocrclean run" in command
    for attempt in ("fresh clone", "report gone, text and log up to date"):
        done = subprocess.run(["bash", "-c", command], cwd=clone, capture_output=True, text=True, timeout=1200)
        assert done.returncode == 0, attempt + "\n" + done.stderr[-3000:]
        assert (clone / "clean" / "thesis.report.html").is_file(), attempt
        # what a fresh clone holds when the committed clean/ is current: text and log, no report
        (clone / "clean" / "thesis.report.html").unlink()
    verify = subprocess.run([clone / ".venv" / "bin" / "ocrclean", "verify"], cwd=clone, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_up_to_date_needs_the_review_files(tmp_path):
    source = tmp_path / "raw" / "a.txt"
    source.parent.mkdir()
    source.write_text("The pact was signed*\n", encoding="utf-8")
    cleaner = Cleaner(Config(stages=["punctuation"]))
    out = tmp_path / "clean"
    assert not clean_file_to(cleaner, source, out, force=False).skipped
    assert clean_file_to(cleaner, source, out, force=False).skipped
    (out / "a.report.html").unlink()
    again = clean_file_to(cleaner, source, out, force=False)
    assert not again.skipped and (out / "a.report.html").is_file()
