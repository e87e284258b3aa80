"""Clean files into an output folder: ``<stem>.txt``, ``<stem>.changes.jsonl`` and the review files.

One bad file never stops a batch: its error is recorded on its report and the
next file is cleaned.  Outputs are written atomically, and a file whose
outputs are up to date (same raw bytes, same code and configuration, clean
text untouched since) is skipped unless ``force``.
"""
from __future__ import annotations

import hashlib
import json
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import regex

from .config import Config
from .core import Cleaner, Result
from .errors import InputError, OcrcleanError
from .io import Source, atomic_writer, normalise_newlines, read_source, write_atomic
from .review import review_paths, write_review
from .verify import read_source_record, restore_records, restore_spans, sha256

# A file larger than this is cleaned in pieces cut at page breaks, so memory
# holds one piece's document at a time (a paragraph or note run across the
# cut is not rejoined).  A document costs ~200 bytes of memory per character
# on top of the ~160 MB of dictionaries: 1M characters (a 600-page book and
# a half) keeps a worker near 350 MB whatever the file's size.
CHUNK_CHARS = 1_000_000
# The review writer (report, word diff) is slow on very long lines (minutes for
# a 2 MB line); such files get text and log, and a note, but no review files.
REVIEW_MAX_LINE = 100_000
ANY_PAGE_BREAK = regex.compile(r"(?:\r\n?|\n)(?:[ \t]*(?:\r\n?|\n)){3}")
ANY_NEWLINE = regex.compile(r"\r\n?|\n")


@dataclass
class FileReport:
    source: Path
    result: Result | None = None  # the last piece's result (the whole file's, unless it was cut)
    seconds: float = 0.0
    error: str | None = None
    traceback: str | None = None  # for --debug, when the error was a bug rather than bad input
    note: str | None = None  # e.g. "decoded as Windows-1252"
    skipped: bool = False  # outputs already up to date
    outputs: list[Path] = field(default_factory=list)
    pages: int = 0
    words: int = 0
    edits_per_stage: Counter = field(default_factory=Counter)


def edit_record(edit, page_offset: int = 0, line_offset: int = 0) -> str:
    data = edit.to_json()
    data["page"] += page_offset
    data["line"] += line_offset
    return json.dumps(data, ensure_ascii=False) + "\n"


def changes_jsonl(result: Result) -> str:
    return "".join(edit_record(e) for e in result.edits)


def output_paths(source: Path, out_dir: Path, suffix: str = ".txt") -> dict[str, Path]:
    return {"text": out_dir / f"{source.stem}{suffix}", "changes": out_dir / f"{source.stem}.changes.jsonl",
            "notes": out_dir / f"{source.stem}.notes.json", **review_paths(source, out_dir)}


def fingerprint(config: Config, *extra: str) -> str:
    """What the outputs depend on besides the raw bytes: code, stages, settings, dictionaries, mode."""
    digest = hashlib.sha256(json.dumps([config.stages, config.settings, extra], sort_keys=True, default=str).encode())
    package = Path(__file__).parent
    folder = Path(config.dictionaries)
    for path in sorted(package.rglob("*.py")) + (sorted(folder.glob("*.txt")) if folder.is_dir() else []):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def clean_file_to(cleaner: Cleaner, source: Path, out_dir: Path, force: bool = True,
                  stamp: str | None = None) -> FileReport:
    """Clean one file; errors are reported, never raised, so a batch goes on."""
    report, start = FileReport(source), time.perf_counter()
    try:
        paths = output_paths(source, out_dir, getattr(cleaner, "suffix", ".txt"))  # .jsonl in jsonl mode
        if any(p.resolve() == source.resolve() for p in paths.values()):
            raise InputError(f"{source}: output would overwrite the input; choose another --out")
        raw = read_source(source)
        report.note = raw.note
        stamp = stamp or fingerprint(cleaner.config)
        if not force and up_to_date(raw, paths, stamp):
            report.skipped = True
        else:
            whole = write_outputs(cleaner, raw, paths, stamp, report)
            report.outputs = [paths["text"], paths["changes"]]
            if whole is None:  # review files need the whole document: not for files cleaned in pieces
                report.note = f"{source}: large file cleaned in pieces; no review files"
            elif max(map(len, whole.split("\n"))) > REVIEW_MAX_LINE:
                report.note = f"{source}: a line over {REVIEW_MAX_LINE:,} characters; no review files"
            else:
                report.outputs += write_extras(cleaner, report.result, whole, paths)
    except OcrcleanError as exc:
        report.error = str(exc)
    except OSError as exc:
        report.error = f"{source}: {exc.strerror or exc}"
    except Exception as exc:  # a bug met on one file must not cost the rest of the batch
        report.error = f"{source}: internal error ({type(exc).__name__}: {exc}); --debug shows the traceback"
        report.traceback = traceback.format_exc()
    report.seconds = time.perf_counter() - start
    return report


def write_extras(cleaner: Cleaner, result: Result, raw: str, paths: dict[str, Path]) -> list[Path]:
    """Footnote counts (when the footnotes stage ran) and the review files."""
    written = []
    if "footnotes" in result.document.meta:
        write_atomic(paths["notes"], json.dumps(result.document.meta["footnotes"], indent=1) + "\n")
        written.append(paths["notes"])
    return written + write_review(cleaner, result, raw, paths)


def write_outputs(cleaner: Cleaner, raw: Source, paths: dict[str, Path], stamp: str, report: FileReport) -> str | None:
    """Clean piece by piece, streaming text and log into temporary files renamed at the end.

    Returns the cleaned (LF) raw text when the file was one piece, else None.
    """
    clean_digest, clean_length, pages, lines = hashlib.sha256(), 0, 0, 0
    with atomic_writer(paths["text"]) as text_out, atomic_writer(paths["changes"]) as log_out:
        for count, piece in enumerate(pieces(raw.text), 1):
            normalised = normalise_newlines(piece)
            report.result = result = None  # let the last piece's document go before the next is built
            result = cleaner.clean(normalised, raw.path.stem)
            clean = ("\n" if clean_length and result.text else "") + result.text  # blank line between pieces
            log_out.writelines(edit_record(e, pages, lines) for e in result.edits)
            log_out.write(restore_records(restore_spans(piece, clean, clean_length)))
            text_out.write(clean)
            clean_digest.update(clean.encode("utf-8"))
            clean_length += len(clean)
            pages += len(result.document.pages)
            lines += normalised.count("\n")
            report.result, report.words = result, report.words + result.document.words
            report.edits_per_stage.update(result.edits_per_stage())
            release_caches(cleaner)
        report.pages = pages
        log_out.write(json.dumps({
            "type": "source", "name": raw.path.name, "encoding": raw.encoding, "bom": raw.bom,
            "bytes": raw.size, "sha256": raw.sha256, "clean_sha256": clean_digest.hexdigest(),
            "fingerprint": stamp}) + "\n")
    return normalised if count == 1 else None


def release_caches(cleaner) -> None:
    """Drop what the word corrector memoised for the text just cleaned.

    Its token cache is bounded by count (20,000 texts), not size: on a big file
    it held ~400 MB of tokens of pieces already written.  Clearing it between
    pieces and files changes no output (the corrector keeps only pure memos).
    """
    corrector = vars(getattr(cleaner, "resources", None) or object()).get("corrector")
    if corrector is not None and hasattr(corrector, "release_caches"):
        corrector.release_caches()


def pieces(text: str, size: int | None = None) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, cut after a page break (else a line end)."""
    start, size = 0, size or CHUNK_CHARS
    while len(text) - start > size:
        cut = ANY_PAGE_BREAK.search(text, start + size) or ANY_NEWLINE.search(text, start + size)
        if cut is None:
            break
        yield text[start:cut.end()]
        start = cut.end()
    yield text[start:]


def up_to_date(raw: Source, paths: dict[str, Path], stamp: str) -> bool:
    """Outputs exist, come from these raw bytes with this code and configuration, and are untouched."""
    record = read_source_record(paths["changes"]) if paths["changes"].is_file() else None
    if record is None or record.get("sha256") != raw.sha256 or record.get("fingerprint") != stamp:
        return False
    try:
        return hashlib.sha256(paths["text"].read_bytes()).hexdigest() == record.get("clean_sha256")
    except OSError:
        return False


def collect_inputs(paths: list[Path]) -> list[Path]:
    """Files named, and the files inside folders named (sorted, hidden ones skipped)."""
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def check_out_dir(out_dir: Path, inputs: list[Path]) -> None:
    """Never write into a folder that holds inputs: raw files stay as they are."""
    target = out_dir.resolve()
    for path in inputs:
        if path.resolve().parent == target:
            raise InputError(f"--out {out_dir} holds the inputs ({path.name}); choose another output folder")


def shared_stems(inputs: list[Path]) -> dict[Path, Path]:
    """Inputs whose outputs would land on an earlier input's (``a.txt`` and ``a.md``): later -> earlier."""
    first: dict[str, Path] = {}
    clashes = {}
    for path in inputs:
        if path.stem in first:
            clashes[path] = first[path.stem]
        else:
            first[path.stem] = path
    return clashes
