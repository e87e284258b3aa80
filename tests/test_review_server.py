"""The review server lets nobody else in, answers bad requests with a 4xx and a log line, and loses no decision;
the review stage finds a decision's item again after the raw file moved."""
from __future__ import annotations

import http.client
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from pipeline import Cleaner, Config
from pipeline.decisions import Decisions, context_fingerprint
from pipeline.document import ReviewTally
from pipeline.server import ReviewServer

PAGE = '<html><body>report<script id="review-config" type="application/json">null</script></body></html>'


@pytest.fixture
def server(tmp_path):
    report = tmp_path / "thesis.report.html"
    report.write_text(PAGE, encoding="utf-8")
    folder = tmp_path / "dictionaries"
    folder.mkdir()
    (folder / "names.txt").write_text("# names\nLitvinov\n", encoding="utf-8")
    lines: list[str] = []
    srv = ReviewServer(report, "thesis", folder, log=lines.append)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    srv.lines = lines
    yield srv
    srv.shutdown()
    srv.server_close()


def request(srv, method, path, body=None, headers=None, token=True):
    conn = http.client.HTTPConnection("127.0.0.1", srv.server_port, timeout=10)
    if token:
        path += ("&" if "?" in path else "?") + f"token={srv.token}"
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    sent = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=data, headers={**sent, **(headers or {})})
    response = conn.getresponse()
    answer = response.status, response.read().decode("utf-8", "replace")
    conn.close()
    return answer


def decision(n: int = 0, **kw) -> dict:
    return {"item": "change", "action": "reject", "line": 13 + n, "offset": 4, "raw": "chose^", "context": "abc",
            "target": "close", **kw}


def test_the_page_and_decisions_need_the_token(server):
    assert request(server, "GET", "/", token=False)[0] == 403
    assert request(server, "GET", "/decisions", token=False)[0] == 403
    assert request(server, "GET", "/?token=wrong", token=False)[0] == 403
    assert request(server, "POST", "/decisions", decision(), token=False)[0] == 403
    status, page = request(server, "GET", "/")
    assert status == 200 and f'"token": "{server.token}"' in page
    assert not server.decisions.path.exists()


def test_cross_origin_writes_are_refused(server):
    assert request(server, "POST", "/decisions", decision(), {"Origin": "http://evil.example"})[0] == 403
    assert request(server, "POST", "/decisions", decision(), {"Origin": "http://127.0.0.1:1"})[0] == 403
    assert request(server, "POST", "/decisions", decision(), {"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert request(server, "GET", "/", headers={"Host": "evil.example"})[0] == 403  # DNS rebinding
    assert not server.decisions.path.exists()
    own = f"http://127.0.0.1:{server.server_port}"
    assert request(server, "POST", "/decisions", decision(), {"Origin": own, "Sec-Fetch-Site": "same-origin"})[0] == 200


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                                  "/%252e%252e%252fetc%252fpasswd", "//etc/passwd", "/decisions/../../../etc/passwd",
                                  "/..\\..\\etc\\passwd", "/thesis.report.html", "/dictionaries/names.txt",
                                  "/%2F..%2F..%2Fetc%2Fpasswd"])
def test_no_path_outside_its_own_pages(server, path):
    status, body = request(server, "GET", path)
    assert status == 404 and "root:" not in body
    assert any("404" in line for line in server.lines)


@pytest.mark.parametrize("body, headers, status", [
    (b"{not json", None, 400),
    (b"\xff\xfe", None, 400),
    ([1, 2], None, 400),
    (decision(action="explode"), None, 400),
    (decision(item="word", action="reject"), None, 400),
    (decision(line="13"), None, 400),
    (decision(line=True), None, 400),
    (decision(raw="x" * 5000), None, 400),
    (decision(action="correct"), None, 400),
    (decision(action="correct", value="two\nlines"), None, 400),
    (decision(item="word", action="teach", list="secrets"), None, 400),
    (decision(), {"Content-Type": "text/plain"}, 415),
    (b"x" * 70_000, None, 413),
])
def test_bad_requests_get_a_4xx_and_a_log_line(server, body, headers, status):
    got, answer = request(server, "POST", "/decisions", body, headers)
    assert got == status and "error" in json.loads(answer)
    assert any(f": {status} " in line for line in server.lines)
    assert not any("Traceback" in line for line in server.lines)
    assert not server.decisions.path.exists()


def test_a_failure_inside_is_a_500_and_one_line(server, monkeypatch):
    monkeypatch.setattr(server.decisions, "record", lambda d: 1 / 0)
    status, answer = request(server, "POST", "/decisions", decision())
    assert status == 500 and json.loads(answer) == {"error": "internal error; see the server's log"}
    assert any("ZeroDivisionError" in line for line in server.lines)
    assert not any("Traceback" in line for line in server.lines)


def test_teaching_adds_the_word_to_its_list(server):
    word = {"item": "word", "action": "teach", "line": 4869, "offset": 17, "raw": "Budurowycz", "context": "x",
            "target": "Budurowycz", "list": "names"}
    status, answer = request(server, "POST", "/decisions", word)
    assert status == 200 and json.loads(answer)["decision"]["message"] == "Budurowycz: added to names.txt"
    assert (server.dictionaries / "names.txt").read_text().splitlines() == ["# names", "Budurowycz", "Litvinov"]


def test_200_concurrent_decisions_lose_none(server):
    with ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(lambda n: request(server, "POST", "/decisions", decision(n)), range(200)))
    assert [status for status, _ in answers] == [200] * 200
    lines = server.decisions.path.read_text(encoding="utf-8").splitlines()
    saved = [json.loads(line) for line in lines]  # every line whole JSON
    assert sorted(d["line"] for d in saved) == list(range(13, 213))
    status, listed = request(server, "GET", "/decisions")
    assert status == 200 and len(json.loads(listed)) == 200
    assert not [p for p in server.dictionaries.iterdir() if p.name.endswith(".tmp")]


def test_a_later_decision_replaces_the_earlier_and_a_failed_write_leaves_the_file_whole(tmp_path, monkeypatch):
    store = Decisions(tmp_path)
    store.record({**decision(), "file": "thesis"})
    store.record({**decision(), "file": "thesis", "action": "accept"})
    assert [d["action"] for d in store.load("thesis")] == ["accept"]
    before = store.path.read_bytes()

    def crash(fd):
        raise OSError("disk full")
    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        store.record({**decision(1), "file": "thesis"})
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decisions.jsonl", "decisions.jsonl.lock"]


RAW = "The treaty\n\n\n\nwas chose^ by the Bolsheviks as a novel way of\nachieving the primary aim.\n"


def test_a_decision_follows_its_item_when_the_raw_file_gains_lines(tmp_path):
    """Keyed by raw line, column, raw text and context: two lines added above, the rejection still applies;
    a decision whose raw text is gone is left unapplied and counted."""
    page = RAW[RAW.index("was"):]
    context = context_fingerprint(page, page.index("chose^"), page.index("chose^") + 6)
    Decisions(tmp_path).record({"file": "doc", "item": "change", "action": "reject", "line": 5, "offset": 4,
                                "raw": "chose^", "context": context, "target": "chose"})
    Decisions(tmp_path).record({"file": "doc", "item": "change", "action": "reject", "line": 6, "offset": 0,
                                "raw": "gone", "context": context, "target": "achieving"})
    stages = ["layout", "reflow", "punctuation", "review"]
    assert "was chose by" in Cleaner(Config(stages=stages, dictionaries=tmp_path / "none")).clean(RAW, "doc").text
    cleaner = Cleaner(Config(stages=stages, dictionaries=tmp_path))
    for raw in (RAW, "A new line.\nAnother.\n" + RAW):
        result = cleaner.clean(raw, "doc")
        assert "was chose^ by the Bolsheviks" in result.text, result.text
        assert [(e.rule, e.before) for e in result.edits if e.stage == "review"] == [("reviewer-rejected", "chose")]
        assert result.document.review == ReviewTally(applied=1, stale=1)
    other = Cleaner(Config(stages=stages, dictionaries=tmp_path)).clean(RAW, "another-file")
    assert "was chose by" in other.text and other.document.review is None
