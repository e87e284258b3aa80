"""Issue 17's guarantees under pressure: any record file keeps its records, and a run killed at any moment
leaves a folder that the next run completes."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import RAW_THESIS, ROOT
from pipeline import Config, batch
from pipeline.batch import clean_file_to
from pipeline.records import JsonlCleaner, RecordCleaner
from pipeline.verify import verify

STAGES = Config(stages=["unicode", "punctuation", "corrections"], dictionaries=ROOT / "dictionaries")
BIG = ("The pact was signed and sealed. " * 62_500)[:1_999_990] + " signed*"  # 2 MB, drawn as "<2 MB>"
# Whatever sits around the cleaned field must come back byte for byte: a number JSON cannot
# hold as a float, one that would round, a duplicate key, odd spacing.
PREFIX, SUFFIX = '{"text": "first", "n": 1e400,  "text" :', ', "f": 0.10000000000000000555, "z": [1 ,2]}'

record = st.one_of(st.just(""), st.text(st.sampled_from("ab *.,\r\t'\"é—AZ19"), max_size=60))


@pytest.fixture(scope="module")
def cleaners():
    return {"lines": RecordCleaner(STAGES), "jsonl": JsonlCleaner(STAGES, field="text")}


def line_of(mode: str, text: str) -> str:
    return PREFIX + json.dumps(text, ensure_ascii=False) + SUFFIX if mode == "jsonl" and text else text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mode=st.sampled_from(["lines", "jsonl"]), records=st.lists(record, max_size=40), end=st.sampled_from(["\n", ""]))
@example(mode="lines", records=["a*", "<2 MB>", "", "b*"], end="\n")
@example(mode="jsonl", records=["a*", "", "<2 MB>", "b*"], end="")
def test_records_in_equal_records_out_across_cuts(cleaners, mode, records, end):
    cleaner = cleaners[mode]
    records = [BIG if r == "<2 MB>" else r for r in records]
    text = "\n".join(line_of(mode, r) for r in records) + end
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch, "CHUNK_CHARS", 100)  # cut every few records
        source, out = Path(folder) / "r.txt", Path(folder) / "out"
        source.write_text(text, encoding="utf-8", newline="")
        if not text:
            return  # an empty file is refused, rightly
        report = clean_file_to(cleaner, source, out)
        assert report.error is None
        lines_out = (out / f"r{cleaner.suffix}").read_bytes().decode("utf-8").split("\n")
        lines_in = text.replace("\r\n", "\n").split("\n")  # a record's CR before LF makes a CRLF
        assert len(lines_out) == len(lines_in)
        for raw, clean in zip(lines_in, lines_out):
            if mode == "lines":
                assert clean == cleaner.clean_record(raw)[0]
            elif raw:
                assert clean.startswith(PREFIX) and clean.endswith(SUFFIX)
                assert clean[len(PREFIX):len(clean) - len(SUFFIX)] == \
                    json.dumps(json.loads(cleaner.clean_record(raw)[0])["text"], ensure_ascii=False)
            else:
                assert clean == ""
        assert verify(source, out).ok


def ocrclean(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def finished(out: Path, since: float) -> int:
    """Files whose log this run has written."""
    return sum(p.stat().st_mtime >= since for p in out.glob("*.changes.jsonl"))


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_kill_9_at_random_moments_then_a_rerun_completes(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    pages = [page[:1000] for page in RAW_THESIS.read_text(encoding="utf-8").split("\n\n\n\n")[10:30]]
    rng, killed = random.Random(17), 0
    for number, round in enumerate("abcde"):
        token = f"Quxzorp{round}"  # in every review file of this round's outputs, and in no older one
        for i, page in enumerate(pages):
            (raw / f"f{i:02}.txt").write_text(f"{token} was signed*\n\n{page}\n", encoding="utf-8")
        begun = time.time()
        run = ocrclean("run", raw, "--out", out, "--workers", "2", "-q", start_new_session=True)
        # a random moment, counted in files done so that it falls inside the run however fast the machine
        done, deadline = rng.randint(0, 12), time.monotonic() + 60
        while finished(out, begun) < done and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))
        if number % 2:
            run.send_signal(signal.SIGKILL)  # the parent alone: its workers must not go on writing
        else:
            os.killpg(run.pid, signal.SIGKILL)  # parent and workers at once, mid-write
        run.communicate()
        killed += run.returncode == -signal.SIGKILL
        rerun = ocrclean("run", raw, "--out", out, "--workers", "2", "-q")
        assert rerun.wait(120) == 0, rerun.stderr.read()
        assert all(verify(path, out).ok for path in sorted(raw.iterdir()))  # what `ocrclean verify` runs
        assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))
        for i in range(len(pages)):
            for suffix in (".report.html", ".diff", ".unknown.tsv"):
                assert token in (out / f"f{i:02}{suffix}").read_text(encoding="utf-8"), (round, i, suffix)
    assert killed == 5  # each kill landed while the run was still going
