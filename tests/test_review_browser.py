"""`ocrclean review` in a real headless Chromium (Debian's, driven by Playwright; nothing is downloaded).

On the thesis, a reviewer rejects `chose^ -> close` with the keyboard, corrects the doubtful
`reoongnise` and teaches the unknown name `Budurowycz` with the mouse; the next `ocrclean run`
keeps the raw reading, has the correction, no longer lists the name as unknown, and `verify`
still rebuilds the raw file.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import RAW_THESIS, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
OCRCLEAN = [sys.executable, "-m", "pipeline"]
SCREENSHOT = ROOT / "docs" / "review-screenshot.png"
SCREENSHOT_WORD = ROOT / "docs" / "review-screenshot-word.png"


def ocrclean(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*OCRCLEAN, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=600, **kw)


@pytest.fixture
def review_server(tmp_path):
    """`ocrclean review` on the thesis, with a copy of the dictionaries, cleaning into tmp_path/clean."""
    folder = tmp_path / "dictionaries"
    shutil.copytree(ROOT / "dictionaries", folder)
    server = subprocess.Popen([*OCRCLEAN, "review", RAW_THESIS, "--out", tmp_path / "clean", "--no-browser",
                               "--dictionaries", folder], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        first = server.stdout.readline()  # printed once the file is cleaned and the server listens
        assert "http://127.0.0.1:" in first, first + server.stderr.read()
        yield first.split(" at ")[1].strip(), tmp_path / "clean", folder
    finally:
        server.terminate()
        server.wait(timeout=30)


def item(page, kind: str, raw: str, line: int) -> str:
    """The CSS selector of the page's mark for the change or word with this raw text on this raw line."""
    if kind == "change":
        index = page.evaluate("([raw, line]) => HUNKS.findIndex((h) => h[3].raw === raw && h[3].line === line)",
                              [raw, line])
        assert index >= 0, f"no change of {raw!r} on line {line}"
        return f'ins[data-h="{index}"]'
    index = page.evaluate("([raw, line]) => DOUBTS.findIndex((d) => d.raw === raw && d.line === line)", [raw, line])
    assert index >= 0, f"no doubtful or unknown word {raw!r} on line {line}"
    return f'mark[data-d="{index}"]'


def saved(page, count: int) -> None:
    page.wait_for_function(f"() => Number(document.body.dataset.saved || 0) >= {count}", timeout=10_000)


def test_reject_correct_teach_then_run_again(review_server, tmp_path):
    url, out, folder = review_server
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_function("() => document.body.dataset.live === '1'", timeout=30_000)
        items = int(page.evaluate("document.body.dataset.items"))
        assert page.inner_text("#reviewed") == f"0 of {items}" and items > 2000

        page.click(item(page, "change", "chose^", 13))  # a caret the typist put after a word, taken out
        assert "chose^" in page.inner_text("#desc")
        page.keyboard.press("r")
        saved(page, 1)

        page.click(item(page, "word", "agrnvated", 1523))  # a garble the engine left
        page.keyboard.press("e")
        page.keyboard.press("Control+A")
        page.keyboard.type("aggravated")
        page.keyboard.press("Enter")
        saved(page, 2)

        page.click(item(page, "word", "Budurowycz", 4869))  # an unknown name, taught with the mouse
        page.select_option("#list", "names")
        page.click("#b-teach")
        saved(page, 3)
        assert page.inner_text("#reviewed") == f"3 of {items}"

        page.click(item(page, "change", "paot", 2261))  # the panel as a reviewer meets a change...
        assert "words" in page.inner_text("#desc") and page.is_visible("#b-reject")
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        page.click(item(page, "word", "abbombsheli", 5635))  # ... and an unknown word
        assert page.is_visible("#b-teach") and not page.is_visible("#b-reject")
        page.screenshot(path=str(SCREENSHOT_WORD))

        page.check("#unreviewed")  # then without the mouse: next, and accept (or keep) what is not yet reviewed
        page.keyboard.press("Escape")
        page.keyboard.press("j")
        first = page.evaluate("current && [current.kind, current.data.raw, current.key in DECIDED]")
        assert first is not None and first[2] is False
        page.keyboard.press("a" if first[0] == "change" else "o")
        saved(page, 4)
        after = page.evaluate("[current.data.raw, current.key in DECIDED]")
        assert after[1] is False and page.inner_text("#reviewed") == f"4 of {items}"
        browser.close()
    assert SCREENSHOT.stat().st_size > 30_000 and SCREENSHOT_WORD.stat().st_size > 30_000

    decisions = [json.loads(line) for line in (folder / "decisions.jsonl").read_text().splitlines()]
    kept = "accept" if first[0] == "change" else "own"
    assert sorted((d["action"], d["raw"]) for d in decisions) == sorted([
        ("correct", "agrnvated"), ("reject", "chose^"), ("teach", "Budurowycz"), (kept, first[1])])
    assert "Budurowycz" in (folder / "names.txt").read_text().split()

    run = ocrclean("run", RAW_THESIS, "--out", out, "--dictionaries", folder, "-q")
    assert run.returncode == 0, run.stderr
    text = (out / "thesis.txt").read_text()
    assert "was chose^ by the Bolsheviks" in text and "was chose by the Bolsheviks" not in text
    raw_line = RAW_THESIS.read_text().splitlines()[1522]
    assert "agrnvated" in raw_line and "agrnvated" not in text and "further aggravated Franco-Soviet relations" in text
    unknown = [row.split("\t")[0] for row in (out / "thesis.unknown.tsv").read_text().splitlines()]
    assert "Budurowycz" not in unknown and "abbombsheli" in unknown
    edits = [json.loads(line) for line in (out / "thesis.changes.jsonl").read_text().splitlines()]
    review = sorted((e["rule"], e["before"], e["after"], e["line"]) for e in edits if e.get("stage") == "review")
    assert review == [("reviewer-corrected-word", "agrnvated", "aggravated", 1523),
                      ("reviewer-rejected", "chose", "chose^", 13)]
    verify = ocrclean("verify", RAW_THESIS, "--out", out)
    assert verify.returncode == 0 and verify.stdout.startswith("ok:"), verify.stdout + verify.stderr
    report = (out / "thesis.report.html").read_text()
    # the rerun's report counts the decisions in force as reviewed: the rejection (no change left to show)
    # and the correction (now a change to recognise); the teaching took the word off the unknown list
    assert '"13|4|chose^": "reject"' in report and '"1523|' in report.split("const DECIDED = ", 1)[1].split("\n", 1)[0]
