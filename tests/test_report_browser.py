"""The thesis report in headless Chromium: it opens fast, shows the changes, and the stage filter works."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import regex

from conftest import RAW_THESIS, ROOT
from pipeline.report import html_report, page_views

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def report(thesis_result, tmp_path_factory):
    raw = RAW_THESIS.read_text(encoding="utf-8")
    views = page_views(thesis_result.document, raw)
    path = tmp_path_factory.mktemp("report") / "thesis.report.html"
    path.write_text(html_report(thesis_result.document, raw, views), encoding="utf-8")
    return path, [h for v in views for h in v.hunks]


def chromium(tmp_path, *args) -> str:
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def body(dom: str) -> dict:
    tag = regex.search(r"<body([^>]*)>", dom)[1]
    return dict(regex.findall(r'data-(\w+)="([^"]*)"', tag))


def test_report_opens_fast_with_every_change(report, tmp_path):
    path, hunks = report
    state = body(chromium(tmp_path, "--dump-dom", path.as_uri()))
    assert int(state["total"]) == int(state["shown"]) == len(hunks)
    assert int(state["ready"]) < 2000  # ms from navigation to the script's end


def test_stage_and_doubtful_filters(report, tmp_path):
    path, hunks = report
    dom = chromium(tmp_path, "--dump-dom", path.as_uri() + "#stages=words")
    assert int(body(dom)["shown"]) == sum("words" in h.stages for h in hunks) > 100
    assert 'class="s-punctuation off"' in dom and 'class="s-words"' in dom
    dom = chromium(tmp_path, "--dump-dom", path.as_uri() + "#stages=punctuation&doubtful=1")
    assert int(body(dom)["shown"]) == sum("punctuation" in h.stages and h.doubtful for h in hunks)


def test_screenshot_shows_highlighted_changes(report, tmp_path):
    path, _ = report
    shot = ROOT / "tests" / "artifacts" / "report.png"
    shot.parent.mkdir(exist_ok=True)
    chromium(tmp_path, "--window-size=1400,1000", f"--screenshot={shot}", path.as_uri())
    assert shot.stat().st_size > 20_000
