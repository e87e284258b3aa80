"""Every bad input gets a result or a one-line error; outputs are atomic, up to date ones skipped, and verifiable."""
from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RAW_THESIS, ROOT
from pipeline import Cleaner, Config
from pipeline import batch
from pipeline.batch import clean_file_to
from pipeline.verify import verify

PAGE = RAW_THESIS.read_text(encoding="utf-8")[:3000]


def ocrclean(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "250"})


def bad_inputs(folder: Path) -> dict[str, str | None]:
    """Files that must clean (None) or fail with a reason containing the value."""
    files = {
        "empty.txt": (b"", "empty"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(range(256)) * 8, "binary"),
        "invalid-utf8.txt": (PAGE.encode() + b"\xe2\x80 broken\n", "invalid UTF-8"),
        "notes.pdf": (b"%PDF-1.4\n" + bytes(range(256)) * 4, "binary"),
        "utf16.txt": (b"\xff\xfe" + PAGE.encode("utf-16-le"), None),
        "cp1252.txt": ("The caf\u00e9 \u201cpact\u201d \u2013 signed*\n".encode("cp1252") + PAGE.encode("ascii", "replace"), None),
        "crlf.txt": (PAGE.replace("\n", "\r\n").encode(), None),
        "cr.txt": (PAGE.replace("\n", "\r").encode(), None),
        "nul.txt": (PAGE[:500].encode() + b"\x00\x00" + PAGE[500:].encode(), None),
        "longline.txt": ((PAGE.replace("\n", " ") * 70)[:200_000].encode() + b"\n", None),
        "script.txt": (b'<script>alert(1)</script>\n"><img onerror=alert(1)>\n', None),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    (folder / "subfolder").mkdir()
    return {name: reason for name, (_, reason) in files.items()}


def test_bad_inputs_batch(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    expected = bad_inputs(raw)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir() if p.is_file()}
    proc = ocrclean("run", raw, "--out", out, "-q", "--workers", 1)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    for name, reason in expected.items():
        mine = [line for line in errors if f"{name}:" in line]
        if reason is None:
            assert not mine and (out / f"{Path(name).stem}.txt").is_file(), name
            assert verify(raw / name, out).ok, name
        else:
            assert len(mine) == 1 and reason in mine[0], (name, mine)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir() if p.is_file()} == before
    assert not list(out.glob(".*.tmp"))


def test_windows_1252_is_said(tmp_path):
    (tmp_path / "old.txt").write_bytes("na\u00efve caf\u00e9\n".encode("cp1252"))
    proc = ocrclean("run", tmp_path / "old.txt", "--out", tmp_path / "out")
    assert proc.returncode == 0 and "Windows-1252" in proc.stderr
    assert (tmp_path / "out" / "old.txt").read_text(encoding="utf-8") == "na\u00efve caf\u00e9\n"


def test_out_equal_to_input_folder_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("It was signed*\n")
    proc = ocrclean("run", tmp_path, "--out", tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "holds the inputs" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_same_stem_is_an_error_not_an_overwrite(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.md").write_text("It was signed*\n")
    (raw / "a.txt").write_text("Another text*\n")
    proc = ocrclean("run", raw, "--out", tmp_path / "out", "-q")
    assert proc.returncode == 1 and "same output name" in proc.stderr
    assert (tmp_path / "out" / "a.txt").read_text() == "It was signed.\n"


@pytest.fixture(scope="module")
def small_cleaner():
    return Cleaner(Config(stages=["unicode", "layout", "reflow", "punctuation"]))


def test_unreadable_file_is_one_error(tmp_path, small_cleaner, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("text\n")
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if p.name == "locked.txt" else real(p))
    report = clean_file_to(small_cleaner, path, tmp_path / "out")
    assert report.error == f"{path}: cannot read (Permission denied)"


def test_a_bug_in_a_stage_is_one_error_with_traceback_kept(tmp_path, small_cleaner, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("text\n")
    monkeypatch.setattr(small_cleaner, "clean", lambda *a, **k: 1 / 0)
    report = clean_file_to(small_cleaner, path, tmp_path / "out")
    assert "internal error (ZeroDivisionError" in report.error and "Traceback" in report.traceback
    assert not (tmp_path / "out" / "a.txt").exists()


def test_interrupted_run_leaves_old_outputs_whole(tmp_path, small_cleaner, monkeypatch):
    path, out = tmp_path / "a.txt", tmp_path / "out"
    path.write_text("It was signed*\n")
    clean_file_to(small_cleaner, path, out)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    path.write_text("Something else*\n")

    def interrupt(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "restore_records", interrupt)  # mid-write, after the text was streamed
    with pytest.raises(KeyboardInterrupt):
        clean_file_to(small_cleaner, path, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old  # no temp files, nothing half written


def test_up_to_date_outputs_are_skipped_unless_forced(tmp_path, small_cleaner):
    path, out = tmp_path / "a.txt", tmp_path / "out"
    path.write_text("It was signed*\n")
    assert not clean_file_to(small_cleaner, path, out, force=False).skipped
    assert clean_file_to(small_cleaner, path, out, force=False).skipped
    assert not clean_file_to(small_cleaner, path, out, force=True).skipped
    (out / "a.txt").write_text("hand edited\n")  # an output changed since: not up to date
    assert not clean_file_to(small_cleaner, path, out, force=False).skipped
    path.write_text("It was signed* again\n")
    assert not clean_file_to(small_cleaner, path, out, force=False).skipped


def test_cli_skips_then_forces(tmp_path):
    (tmp_path / "a.txt").write_text("It was signed*\n")
    assert ocrclean("run", tmp_path / "a.txt", "--out", tmp_path / "out").returncode == 0
    again = ocrclean("run", tmp_path / "a.txt", "--out", tmp_path / "out")
    assert "up to date" in again.stdout
    forced = ocrclean("run", tmp_path / "a.txt", "--out", tmp_path / "out", "--force")
    assert "up to date" not in forced.stdout


def test_large_files_are_cleaned_in_pieces_and_still_verify(tmp_path, small_cleaner, monkeypatch):
    monkeypatch.setattr(batch, "CHUNK_CHARS", 20_000)
    path = tmp_path / "big.txt"
    path.write_bytes(RAW_THESIS.read_bytes()[:120_000].replace(b"\n", b"\r\n"))
    report = clean_file_to(small_cleaner, path, tmp_path / "out")
    assert report.error is None and "in pieces" in report.note
    assert verify(path, tmp_path / "out").ok


@pytest.mark.parametrize("toml, expected", [
    ('stages = ["unicode",\n  "bogus"]\n', ":2: unknown stage 'bogus'"),
    ('[layout]\nnoise_threshold = 2.0\n', ":2: layout.noise_threshold = 2.0 is out of range"),
    ('stages = ["unicode"]\nfoo = = 1\n', ":2: Invalid value"),
    ('[reflow]\nwidth = 3\n', ":2: stage 'reflow' has no setting 'width'"),
])
def test_bad_configuration_names_file_and_line(tmp_path, toml, expected):
    (tmp_path / "ocrclean.toml").write_text(toml)
    (tmp_path / "a.txt").write_text("text\n")
    proc = ocrclean("run", tmp_path / "a.txt", "--out", tmp_path / "out", "--config", tmp_path / "ocrclean.toml")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert f"ocrclean.toml{expected}" in proc.stderr
    assert not (tmp_path / "out").exists()  # before any work


def test_bad_dictionary_names_file_and_line(tmp_path):
    (tmp_path / "dicts").mkdir()
    (tmp_path / "dicts" / "corrections.txt").write_text("a -> b\nbroken line\n")
    (tmp_path / "a.txt").write_text("text\n")
    proc = ocrclean("run", tmp_path / "a.txt", "--out", tmp_path / "out", "--dictionaries", tmp_path / "dicts")
    assert proc.returncode == 2 and "corrections.txt:2:" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_verify_rebuilds_the_whole_thesis_and_catches_tampering(tmp_path):
    assert ocrclean("run", RAW_THESIS, "--out", tmp_path, "-q").returncode == 0
    proc = ocrclean("verify", RAW_THESIS, "--out", tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("ok:"), proc.stderr
    text = tmp_path / "thesis.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("pact", "pakt", 1), encoding="utf-8")
    tampered = ocrclean("verify", RAW_THESIS, "--out", tmp_path)
    assert tampered.returncode == 1 and "does not match its log" in tampered.stderr
