"""Record mode keeps every line; parallel and Dask batches write what one worker writes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import RAW_THESIS, ROOT
from pipeline.parallel import Job, clean_batch
from pipeline.records import JsonlCleaner, RecordCleaner

RECORDS = [
    "The Soviet Union* s pact was signed in 193Q* It held",
    "",
    "   ",
    "x the pact* " * 3000,  # one very long record
    "Die Sowjetunion unterzeichnete den Vertrag über Nichtangriff.",
    "Советский Союз подписал пакт о ненападении.",
    "中华人民共和国",
    "",
    "Vol*12, pps* 33-56",
]


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", "run", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def records_cleaner(config):
    return RecordCleaner(config)


def test_record_mode_drops_page_stages_and_keeps_the_others(records_cleaner, config):
    names = [s.name for s in records_cleaner.stages]
    assert "layout" not in names and "hyphenation" not in names and "reflow" not in names
    assert names == [s for s in config.stages if s in names] and "punctuation" in names


@pytest.mark.parametrize("ending", ["\n", ""])
def test_lines_mode_keeps_every_line(records_cleaner, ending):
    text = "\n".join(RECORDS) + ending
    out = records_cleaner.clean(text).text
    assert out.count("\n") == text.count("\n")
    lines = out.split("\n")
    assert lines[0] == "The Soviet Union's pact was signed in 1930. It held"
    assert lines[1] == "" and lines[7] == "" and lines[2].strip() == ""
    assert len(lines[3]) > 30000
    assert lines[4:7] == RECORDS[4:7]  # non-English records survive untouched
    assert lines[8] == "Vol.12, pps. 33-56"


def test_records_are_independent(records_cleaner):
    """A record is cleaned the same alone as among others: no joining, no shared context."""
    together = records_cleaner.clean("\n".join(RECORDS)).text.split("\n")
    alone = [records_cleaner.clean(r).text for r in RECORDS]
    assert together == alone


def test_edits_point_at_the_record_line(records_cleaner):
    result = records_cleaner.clean("clean line\n\nthe end* Then")
    assert {e.line for e in result.edits} == {3}


def test_jsonl_mode_cleans_one_field_and_keeps_the_rest(config, tmp_path):
    rows = [{"id": 1, "text": "It was signed* Then", "meta": {"src": "Times*"}},
            {"id": 2, "title": "no text field"},
            {"id": 3, "text": "line one*\nline two"},
            {"id": 4, "text": "Already clean."}]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n\n" +
                      "\n".join(json.dumps(r) for r in rows[2:]) + "\n", encoding="utf-8")
    proc = run_cli(source, "--mode", "jsonl", "--field", "text", "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    out_lines = (tmp_path / "out" / "news.jsonl").read_text(encoding="utf-8").split("\n")
    in_lines = source.read_text(encoding="utf-8").split("\n")
    assert len(out_lines) == len(in_lines) and out_lines[2] == ""
    first = json.loads(out_lines[0])
    assert first == {"id": 1, "text": "It was signed. Then", "meta": {"src": "Times*"}}
    assert out_lines[1] == in_lines[1] and out_lines[4] == in_lines[4]  # untouched lines are byte-identical
    assert json.loads(out_lines[3])["text"] == "line one.\nline two"


def test_jsonl_mode_names_the_bad_line(config):
    with pytest.raises(Exception, match="line 2: not JSON"):
        JsonlCleaner(config).clean('{"text": "ok"}\n{broken')


def test_lines_mode_on_the_command_line(tmp_path):
    source = tmp_path / "captions.txt"
    source.write_text("\n".join(RECORDS) + "\n", encoding="utf-8")
    proc = run_cli(source, "--mode", "lines", "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "captions.txt").read_text(encoding="utf-8").count("\n") == len(RECORDS)


@pytest.fixture(scope="module")
def batch_inputs(tmp_path_factory):
    """Four files cut from the real thesis at page breaks."""
    folder = tmp_path_factory.mktemp("batch")
    pages = RAW_THESIS.read_text(encoding="utf-8").split("\n\n\n\n")[:40]
    for i in range(4):
        (folder / f"part{i}.txt").write_text("\n\n\n\n".join(pages[i::4]), encoding="utf-8")
    return sorted(folder.iterdir())


def outputs(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_workers_write_exactly_what_one_writes(config, batch_inputs, tmp_path):
    one = clean_batch(batch_inputs, Job(config, tmp_path / "one"), workers=1)
    two = clean_batch(batch_inputs, Job(config, tmp_path / "two"), workers=2)
    assert [r.source for r in two] == batch_inputs and not any(r.error for r in one + two)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two") and len(outputs(tmp_path / "one")) >= 8
    assert [r.result.text for r in one] == [r.result.text for r in two]


def test_workers_on_the_command_line_in_record_mode(batch_inputs, tmp_path):
    for workers in ("1", "2"):
        proc = run_cli(*batch_inputs, "--mode", "lines", "--workers", workers, "--out", tmp_path / workers, "-q")
        assert proc.returncode == 0, proc.stderr
    # Only the texts: the words stage's candidate lists in the edit log may
    # order ties differently in two separate runs (Python's hash seed).
    texts = [p.name for p in (tmp_path / "1").glob("*.txt")]
    assert len(texts) == 4
    assert {n: b for n, b in outputs(tmp_path / "1").items() if n in texts} == \
           {n: b for n, b in outputs(tmp_path / "2").items() if n in texts}


def test_dask_cluster_writes_exactly_what_one_worker_writes(config, batch_inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    clean_batch(batch_inputs, Job(config, tmp_path / "one"), workers=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        reports = clean_batch(batch_inputs, Job(config, tmp_path / "dask"), engine="dask",
                              scheduler=cluster.scheduler_address)
    assert [r.source for r in reports] == batch_inputs and not any(r.error for r in reports)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "dask")


def test_dask_without_scheduler_is_refused(tmp_path, batch_inputs):
    proc = run_cli(batch_inputs[0], "--engine", "dask", "--out", tmp_path)
    assert proc.returncode == 2 and "--scheduler" in proc.stderr
    assert not any(tmp_path.iterdir())
