"""Issue 17: the ways found to lose data or break a run, each run as the user meets it."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import RAW_THESIS, ROOT
from pipeline import Cleaner, Config, batch, parallel
from pipeline.batch import clean_file_to, output_paths
from pipeline.dictionaries import Dictionaries
from pipeline.errors import DictionaryError
from pipeline.lexicon import Lexicon
from pipeline.parallel import Job, clean_batch
from pipeline.records import JsonlCleaner, RecordCleaner
from pipeline.verify import verify

PAGE = RAW_THESIS.read_text(encoding="utf-8")[:3000]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}


def sh(script: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """A shell command as the issue gives it, with `ocrclean` this checkout's command."""
    setup = f'ocrclean() {{ "{sys.executable}" -m pipeline "$@"; }}\n'
    return subprocess.run(["bash", "-c", setup + script], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def ocrclean(*args, cwd=ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def small_cleaner():
    return Cleaner(Config(stages=["unicode", "layout", "reflow", "punctuation"]))


# 1-3: data lost or corrupted, run as the commands

def test_1_lines_mode_keeps_every_record_across_internal_cuts(tmp_path):
    proc = sh("python3 -c \"print('\\n'.join(f'Record {i} was signed*' for i in range(80000)))\" > r.txt\n"
              "ocrclean run r.txt --mode lines --only punctuation --out o -q && wc -l < o/r.txt", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "80000"
    lines = (tmp_path / "o" / "r.txt").read_text().split("\n")
    assert lines[-1] == "" and lines[:-1] == [f"Record {i} was signed." for i in range(80000)]
    assert verify(tmp_path / "r.txt", tmp_path / "o").ok


def test_1_jsonl_mode_keeps_every_record_across_internal_cuts(tmp_path):
    # fewer, longer records than the 80,000: still past the 1M-character cut, in half the time
    proc = sh("python3 -c \"import json; print('\\n'.join(json.dumps({'id': i, 'text': f'Record {i} was "
              "signed* ' + 'x' * 40}) for i in range(25000)))\" > r.jsonl\n"
              "ocrclean run r.jsonl --mode jsonl --only punctuation --out o -q && wc -l < o/r.jsonl", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "25000"
    records = [json.loads(line) for line in (tmp_path / "o" / "r.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == list(range(25000))
    assert all(r["text"] == f"Record {r['id']} was signed, " + "x" * 40 for r in records)


def test_1_a_record_count_that_changes_is_refused_before_the_rename(tmp_path, monkeypatch):
    cleaner = RecordCleaner(Config(stages=["punctuation"]))
    path, out = tmp_path / "r.txt", tmp_path / "out"
    path.write_text("a*\nb*\n")
    monkeypatch.setattr(cleaner, "clean_pieces", lambda pieces: ([text + "\nextra" for _, text in pieces], []))
    report = clean_file_to(cleaner, path, out)
    assert "line ends in" in report.error and not (out / "r.txt").exists()


def test_2_out_above_the_input_folder_is_refused_before_any_work(tmp_path):
    proc = sh("mkdir -p rw/sub; echo keep > rw/a.txt; echo 'x*' > rw/sub/a.txt\n"
              "ocrclean run rw/sub --out rw; echo \"exit $?\"; cat rw/a.txt", tmp_path)
    assert proc.stdout.splitlines() == ["exit 2", "keep"]
    assert proc.stderr.count("\n") == 1 and "holds the inputs" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "rw").rglob("*")) == ["a.txt", "a.txt", "sub"]


@pytest.mark.parametrize("named, out", [("a/b/c", "a"), ("a/b/c/x.txt", "a/b"), ("a/b/c", "a/b/c"),
                                        ("link/c", "a/b"), ("a/b/c", "link")])
def test_2_out_overlapping_the_inputs_at_any_depth_is_refused(tmp_path, named, out):
    (tmp_path / "a/b/c").mkdir(parents=True)
    (tmp_path / "a/b/c/x.txt").write_text("x*\n")
    (tmp_path / "link").symlink_to(tmp_path / "a/b")
    proc = ocrclean("run", named, "--out", out, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: --out")
    assert sorted(p.name for p in (tmp_path / "a").rglob("*")) == ["b", "c", "x.txt"]


def test_2_out_inside_the_input_folder_is_allowed(tmp_path):
    # inputs are the folder's own files, not its subfolders': no output can be one of them
    (tmp_path / "x.txt").write_text("It was signed*\n")
    proc = ocrclean("run", ".", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "clean" / "x.txt").read_text() == "It was signed.\n"
    assert (tmp_path / "x.txt").read_text() == "It was signed*\n"


def test_3_concurrent_dict_adds_on_the_command_line_lose_nothing(tmp_path):
    # the loop, 2 x 6 rather than 2 x 50 (half a second a command); 2 x 50 below, in processes
    (tmp_path / "d").mkdir()
    proc = sh("for i in $(seq 6); do ocrclean dict add A$i --dictionaries d >/dev/null & "
              "ocrclean dict add B$i --dictionaries d >/dev/null & wait; done", tmp_path, timeout=300)
    assert proc.returncode == 0 and proc.stderr == ""
    words = (tmp_path / "d" / "terms.txt").read_text().split()
    assert sorted(words) == sorted(f"{c}{i}" for c in "AB" for i in range(1, 7))


def add_many(folder: Path, prefix: str, start) -> None:
    start.wait()
    for i in range(50):
        Dictionaries(folder).add([f"{prefix}{i}"])


def test_3_two_times_fifty_concurrent_dict_adds_lose_nothing(tmp_path):
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    start = context.Event()
    workers = [context.Process(target=add_many, args=(tmp_path, prefix, start)) for prefix in "AB"]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    words = (tmp_path / "terms.txt").read_text().split()
    assert sorted(words) == sorted(f"{c}{i}" for c in "AB" for i in range(50))


# 4-15: defects

def test_4_a_kill_before_the_review_files_cannot_leave_them_stale(tmp_path, small_cleaner, monkeypatch):
    path, out = tmp_path / "a.txt", tmp_path / "out"
    path.write_text("Firstversion was signed*\n")
    clean_file_to(small_cleaner, path, out, force=False)
    path.write_text("Secondversion was signed*\n")
    real = batch.write_extras

    def killed(*args):  # the run stops while writing the review files
        raise RuntimeError("killed")

    monkeypatch.setattr(batch, "write_extras", killed)
    assert clean_file_to(small_cleaner, path, out, force=False).error
    monkeypatch.setattr(batch, "write_extras", real)
    report = clean_file_to(small_cleaner, path, out, force=False)
    assert not report.skipped and not report.error
    for name in ("report", "diff", "unknown"):
        assert "Secondversion" in output_paths(path, out)[name].read_text(), name


def test_4_a_missing_review_file_is_not_up_to_date(tmp_path, small_cleaner):
    path, out = tmp_path / "a.txt", tmp_path / "out"
    path.write_text("It was signed*\n")
    clean_file_to(small_cleaner, path, out, force=False)
    (out / "a.unknown.tsv").unlink()
    assert not clean_file_to(small_cleaner, path, out, force=False).skipped
    assert (out / "a.unknown.tsv").is_file()
    assert clean_file_to(small_cleaner, path, out, force=False).skipped


@pytest.mark.parametrize("stage", Config.discover(ROOT).stages)
def test_5_every_stage_can_be_switched_off(tmp_path, stage):
    path, out = tmp_path / "page.txt", tmp_path / "out"
    path.write_text(PAGE)
    proc = ocrclean("run", path, "--out", out, "--disable", stage, "-q")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    # notes and the scan profile come from the footnotes and words stages, when they run
    assert all(p.is_file() for p in output_paths(path, out).values()
               if not p.name.endswith((".notes.json", ".profile.json")))
    assert verify(path, out).ok


def test_6_jsonl_keeps_every_other_field_byte_for_byte():
    cleaner = JsonlCleaner(Config(stages=["punctuation"]), field="text")
    line = '{"n": 1e400, "text": "old", "f": 0.10000000000000000555,  "text" : "It was signed* Then", "z":[1 ,2]}'
    out, edits = cleaner.clean_record(line)
    assert edits and out == line.replace("signed*", "signed.")


def test_7_a_newline_in_dict_fix_is_refused_and_runs_go_on(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "corrections.txt").write_text("teh -> the\n")
    (tmp_path / "a.txt").write_text("It was teh pact*\n")
    proc = sh("ocrclean dict fix $'wr\\nong' right --dictionaries d", tmp_path)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "control character" in proc.stderr
    assert (tmp_path / "d" / "corrections.txt").read_text() == "teh -> the\n"
    assert ocrclean("run", "a.txt", "--dictionaries", "d", "--out", "out", "-q", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("bad", ["\n", "\r", "\x00", "\t", "\u2028", "\x85"])
def test_7_control_characters_in_terms_are_refused(tmp_path, bad):
    folder = Dictionaries(tmp_path)
    for action in (lambda: folder.add([f"wr{bad}ong"]), lambda: folder.fix(f"wr{bad}ong", "right"),
                   lambda: folder.fix("wrong", f"ri{bad}ght"), lambda: folder.remove([f"wr{bad}ong"])):
        with pytest.raises(DictionaryError, match="control character"):
            action()
    assert not any(p.suffix == ".txt" for p in tmp_path.iterdir())


WORKER_SCRIPT = """
import os, sys, time
from pathlib import Path
from pipeline import Config, parallel
from pipeline.parallel import Job, clean_batch

def stuck(cleaner, source, out_dir, *a):  # a worker busy for long
    Path(out_dir).mkdir(exist_ok=True)
    (Path(out_dir) / f"{os.getpid()}.pid").write_text("")
    time.sleep(60)

parallel.clean_file_to = stuck
files = [Path(sys.argv[1]) / f"{i}.txt" for i in range(4)]
for f in files:
    f.write_text("x*\\n")
clean_batch(files, Job(Config(stages=["punctuation"]), Path(sys.argv[1]) / "out"), workers=2)
"""


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_8_workers_die_with_their_parent(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT, str(tmp_path)], env=ENV)
    try:
        deadline = time.monotonic() + 30
        while len(list(tmp_path.glob("out/*.pid"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.stem) for p in tmp_path.glob("out/*.pid")]
        assert len(workers) == 2 and all(map(alive, workers))
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 5
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in filter(alive, workers):
        os.kill(pid, signal.SIGKILL)
        pytest.fail(f"worker {pid} outlived its parent by 5 s")


def test_9_a_dead_worker_costs_its_file_not_the_batch(tmp_path, monkeypatch):
    files = [tmp_path / f"f{i}.txt" for i in range(8)]
    for f in files:
        f.write_text("It was signed*\n")
    real = parallel.clean_file_to

    def dies_on_f2(cleaner, source, *args):
        if source.name == "f2.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(cleaner, source, *args)

    monkeypatch.setattr(parallel, "clean_file_to", dies_on_f2)  # forked workers inherit it
    reports = clean_batch(files, Job(Config(stages=["punctuation"]), tmp_path / "out"), workers=2)
    assert [r.source for r in reports] == files
    assert [bool(r.error) for r in reports] == [i == 2 for i in range(8)]
    assert "worker cleaning it died" in reports[2].error and "\n" not in reports[2].error
    assert all((tmp_path / "out" / f.name).read_text() == "It was signed.\n" for f in files if f.name != "f2.txt")


DYING_WORKER = """
import os, signal, sys
from pipeline import cli, parallel

real = parallel.clean_file_to

def dies_on_f2(cleaner, source, *args):
    if source.name == "f2.txt":
        os.kill(os.getpid(), signal.SIGKILL)
    return real(cleaner, source, *args)

parallel.clean_file_to = dies_on_f2
cli.app(sys.argv[1:])
"""


def test_9_the_command_goes_on_and_prints_its_summary(tmp_path):
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text("It was signed*\n")
    proc = subprocess.run([sys.executable, "-c", DYING_WORKER, "run", str(tmp_path), "--out", str(tmp_path / "out"),
                           "--workers", "2", "--only", "punctuation"], env=ENV, capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [  # the progress bar may leave a blank line
        f"error: {tmp_path / 'f2.txt'}: the worker cleaning it died (killed, or out of memory); file skipped"]
    assert "ocrclean summary" in proc.stdout and all(f"f{i}.txt" in proc.stdout for i in range(6))
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == [f"f{i}.txt" for i in range(6) if i != 2]


def test_stale_temporary_files_of_a_dictionary_edit_are_removed(tmp_path):
    (tmp_path / ".terms.txt.abcdefgh.tmp").write_text("half")
    Dictionaries(tmp_path).add(["Litvinov"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "terms.txt"]


def tamper(out: Path, line: str | None = None, **source) -> None:
    log = out / "a.changes.jsonl"
    lines = log.read_text().splitlines()
    record = json.loads(lines[-1])
    for key, value in source.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
    lines[-1] = json.dumps(record)
    log.write_text("\n".join(([line] if line else []) + lines) + "\n")


@pytest.mark.parametrize("line, source", [
    ("[1,2]", {}), ("5", {}), ("null", {}),
    ('{"type": "restore", "at": [1], "raw": "x"}', {}),
    ('{"type": "restore", "at": [1, 2, 3], "raw": "x"}', {}),
    ('{"type": "restore", "at": ["1", "2"], "raw": "x"}', {}),
    ('{"type": "restore", "at": [0, 0], "raw": 7}', {}),
    (None, {"encoding": "latin-9"}), (None, {"encoding": None}), (None, {"encoding": "cp1252", "bom": True}),
    ("{not json", {}),
])
def test_10_verify_says_malformed_log_in_one_line(tmp_path, small_cleaner, line, source):
    (tmp_path / "a.txt").write_text("It was signed*\n")
    out = tmp_path / "out"
    clean_file_to(small_cleaner, tmp_path / "a.txt", out)
    lines = (out / "a.changes.jsonl").read_text().count("\n")
    tamper(out, line, **source)
    verdict = verify(tmp_path / "a.txt", out)
    assert not verdict.ok and verdict.label == "malformed log"
    assert verdict.message.startswith(f"{out / 'a.changes.jsonl'}:{1 if line else lines}: ")


def test_10_verify_command_prints_one_line_for_a_malformed_log(tmp_path, small_cleaner):
    (tmp_path / "a.txt").write_text("It was signed*\n")
    clean_file_to(small_cleaner, tmp_path / "a.txt", tmp_path / "out")
    tamper(tmp_path / "out", "[1,2]")
    proc = ocrclean("verify", tmp_path / "a.txt", "--out", tmp_path / "out")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == f"malformed log: {tmp_path / 'out' / 'a.changes.jsonl'}:1: expected a JSON object, got list\n"


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "nonsense:::"])
def test_11_a_wrong_dask_scheduler_is_one_line_within_the_timeout(tmp_path, address):
    pytest.importorskip("distributed")
    (tmp_path / "a.txt").write_text("x*\n")
    start = time.monotonic()
    proc = ocrclean("run", tmp_path / "a.txt", "--out", tmp_path / "out", "--engine", "dask",
                    "--scheduler", address, "--connect-timeout", "1", "--only", "punctuation")
    assert time.monotonic() - start < 20
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"error: --scheduler {address}: cannot connect")


def test_12_a_dictionary_with_a_bom_keeps_its_first_entry(tmp_path):
    (tmp_path / "terms.txt").write_bytes(b"\xef\xbb\xbfLitvinov\r\nZaleski\r\n")
    folder = Dictionaries(tmp_path)
    assert folder.entries("terms") == [("terms", "Litvinov"), ("terms", "Zaleski")]
    assert "Litvinov" in Lexicon.load(tmp_path).cased
    problems = folder.check()
    assert any("byte order mark" in p for p in problems) and any("CRLF" in p for p in problems)
    assert folder.add(["Litvinov"]) == ["Litvinov: already in terms.txt, nothing changed"]
    folder.add(["Barthou"])
    assert (tmp_path / "terms.txt").read_bytes() == b"Barthou\nLitvinov\nZaleski\n"
    assert folder.check() == []


def test_13_stale_temporary_files_of_the_same_outputs_are_removed(tmp_path, small_cleaner):
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".a.txt.k2j4_x9z.tmp", out / ".a.changes.jsonl.abcdefgh.tmp", out / ".a.report.html.00000000.tmp"]
    others = [out / ".b.txt.abcdefgh.tmp", out / ".a.txt.txt.abcdefgh.tmp", out / "keep.tmp"]
    for path in stale + others:
        path.write_text("half")
    (tmp_path / "a.txt").write_text("It was signed*\n")
    assert not clean_file_to(small_cleaner, tmp_path / "a.txt", out).error
    assert not any(p.exists() for p in stale) and all(p.exists() for p in others)


def test_14_a_second_run_into_the_same_out_waits_for_the_first(tmp_path, small_cleaner):
    out = tmp_path / "out"
    (tmp_path / "a.txt").write_text("It was signed*\n")
    out.mkdir()
    done = []
    with FileLock(out / ".a.lock"):  # as a first run holds it while writing
        thread = threading.Thread(target=lambda: done.append(clean_file_to(small_cleaner, tmp_path / "a.txt", out)))
        thread.start()
        time.sleep(1)
        assert not done and not (out / "a.txt").exists()
    thread.join(30)
    assert done and not done[0].error and (out / "a.txt").read_text() == "It was signed.\n"


def test_15_verify_checks_jsonl_output(tmp_path):
    (tmp_path / "r.jsonl").write_text('{"id": 1, "text": "It was signed*"}\n{"id": 2}\n')
    proc = ocrclean("run", tmp_path / "r.jsonl", "--mode", "jsonl", "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    proc = ocrclean("verify", tmp_path / "r.jsonl", "--out", tmp_path / "out")
    assert proc.returncode == 0 and proc.stdout.startswith("ok: "), proc.stderr


# Also

def test_a_second_pass_keeps_a_trailing_number(small_cleaner):
    cleaner = Cleaner(Config.discover(ROOT))
    once = cleaner.clean("The pact was signed in Paris.\n\n\n\n12\n", "p").text
    assert cleaner.clean(once, "p").text == once


def test_a_lone_cr_in_lines_mode_stays_inside_its_record(tmp_path):
    (tmp_path / "r.txt").write_bytes(b"one signed*\rstill one\r\ntwo\nthree")
    proc = ocrclean("run", tmp_path / "r.txt", "--mode", "lines", "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "r.txt").read_bytes().count(b"\n") == 2
    assert verify(tmp_path / "r.txt", tmp_path / "out").ok


def test_broken_symbolic_links_in_an_input_folder_are_said(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("It was signed*\n")
    (raw / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    proc = ocrclean("run", raw, "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0
    assert f"warning: {raw / 'gone.txt'}: dangling symbolic link, skipped" in proc.stderr
    assert f"warning: {raw / 'loop.txt'}: symbolic link loop, skipped" in proc.stderr


def test_invalid_utf8_in_the_clean_text_is_blamed_on_the_text(tmp_path, small_cleaner):
    (tmp_path / "a.txt").write_text("It was signed*\n")
    clean_file_to(small_cleaner, tmp_path / "a.txt", tmp_path / "out")
    (tmp_path / "out" / "a.txt").write_bytes(b"It was \xff signed.\n")
    verdict = verify(tmp_path / "a.txt", tmp_path / "out")
    assert not verdict.ok and verdict.message.startswith(f"{tmp_path / 'out' / 'a.txt'}: ")
