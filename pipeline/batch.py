"""Clean files into an output folder: ``<stem>.txt``, ``<stem>.changes.jsonl`` and the other outputs.

One bad file never stops a batch: its error is recorded on its report and the
next file is cleaned.  Outputs are written atomically, and a file whose
outputs are up to date (same raw bytes, same code and configuration, clean
text untouched since) is skipped unless ``force``.
"""
from __future__ import annotations

import errno
import hashlib
import json
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import regex
from filelock import FileLock

from .config import Config
from .core import Cleaner, Result
from .errors import InputError, OcrcleanError
from .io import Source, atomic_writer, normalise_newlines, read_source, remove_stale_temporaries, write_atomic
from .outputs import OUTPUTS, Cleaned
from .verify import read_source_record, restore_records, restore_spans

# A file larger than this is cleaned in pieces cut at page breaks, so memory
# holds one piece's document at a time (a paragraph or note run across the
# cut is not rejoined).  A document costs ~200 bytes of memory per character
# on top of the ~160 MB of dictionaries: 1M characters (a 600-page book and
# a half) keeps a worker near 350 MB whatever the file's size.
CHUNK_CHARS = 1_000_000
# The report and the word diff are slow on very long lines (minutes for a 2 MB
# line); such files get text and log, and a note, but none of the other outputs.
REVIEW_MAX_LINE = 100_000
ANY_PAGE_BREAK = regex.compile(r"(?:\r\n?|\n)(?:[ \t]*(?:\r\n?|\n)){3}")
ANY_NEWLINE = regex.compile(r"\r\n?|\n")
# Records end at LF (CRLF included); a lone CR is part of its record, as `wc -l` counts.
RECORD_END = regex.compile(r"\n")


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


def output_paths(source: Path, out_dir: Path, suffix: str = ".txt") -> dict[str, Path]:
    """Where each output of ``source`` goes, by name (``suffix``: the clean text's, .jsonl in jsonl mode)."""
    return {name: out_dir / f"{source.stem}{suffix if name == 'text' else o.suffix}" for name, o in OUTPUTS.items()}


def fingerprint(config: Config, *extra: str) -> str:
    """What the outputs depend on besides the raw bytes: code, stages, settings, dictionaries, mode."""
    digest = hashlib.sha256(json.dumps([config.stages, config.settings, extra], sort_keys=True, default=str).encode())
    package = Path(__file__).parent
    folder = Path(config.dictionaries)
    # decisions.jsonl: a reviewer's decision changes the output as a dictionary entry does
    for path in sorted(package.rglob("*.py")) + (sorted([*folder.glob("*.txt"), *folder.glob("decisions.jsonl")])
                                                  if folder.is_dir() else []):
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
        with output_lock(out_dir, source.stem):  # another run writing this stem's outputs: wait for it
            for path in paths.values():
                remove_stale_temporaries(path)  # left by a run that was killed
            if not force and up_to_date(raw, paths, stamp, reviewed(raw, cleaner)):
                report.skipped = True
            else:
                extras: list[Path] = []

                def whole_outputs(cleaned: Cleaned | None) -> None:
                    if cleaned is None:  # they need the whole document: not for files cleaned in pieces
                        report.note = f"{source}: large file cleaned in pieces; no review files"
                    elif too_long(cleaned.raw):
                        report.note = f"{source}: a line over {REVIEW_MAX_LINE:,} characters; no review files"
                    else:
                        extras.extend(write_extras(cleaned, paths))
                    for name, o in OUTPUTS.items():  # an older run's would no longer match
                        if o.whole and paths[name] not in extras:
                            paths[name].unlink(missing_ok=True)

                write_outputs(cleaner, raw, paths, stamp, report, whole_outputs)
                report.outputs = [paths["text"], paths["changes"], *extras]
    except OcrcleanError as exc:
        report.error = str(exc)
    except OSError as exc:
        report.error = f"{source}: {exc.strerror or exc}"
    except Exception as exc:  # a bug met on one file must not cost the rest of the batch
        report.error = f"{source}: internal error ({type(exc).__name__}: {exc}); --debug shows the traceback"
        report.traceback = traceback.format_exc()
    report.seconds = time.perf_counter() - start
    return report


def output_lock(out_dir: Path, stem: str) -> FileLock:
    """One run at a time writes a stem's outputs, so a text, its log and its review files match."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(out_dir / f".{stem}.lock")


def reviewed(raw: Source, cleaner) -> bool:
    """Whether a run writes review files for this file (one piece, no line too long for them)."""
    records = getattr(cleaner, "records", False)
    whole = next(pieces(raw.text, cut=RECORD_END if records else None))
    return len(whole) == len(raw.text) and not too_long(normalise(whole, records))


def normalise(piece: str, records: bool) -> str:
    """LF line ends; in record mode a lone CR stays inside its record."""
    return piece.replace("\r\n", "\n") if records else normalise_newlines(piece)


def too_long(whole: str) -> bool:
    return max(map(len, whole.split("\n"))) > REVIEW_MAX_LINE


def write_extras(cleaned: Cleaned, paths: dict[str, Path]) -> list[Path]:
    """The outputs built from the whole document (those with nothing to write left out); the files written."""
    written = []
    for name, o in OUTPUTS.items():
        content = o.build(cleaned) if o.whole else None  # text and log are written piece by piece
        if content is not None:
            write_atomic(paths[name], content)
            written.append(paths[name])
    return written


def write_outputs(cleaner: Cleaner, raw: Source, paths: dict[str, Path], stamp: str, report: FileReport,
                  before_commit=None) -> None:
    """Clean piece by piece, streaming text and log into temporary files renamed at the end.

    ``before_commit(cleaned)`` runs before the renames (the outputs of the whole
    document): the log, renamed last, is what says the outputs are complete.
    ``cleaned`` is what cleaning made of the file, or None when it was cleaned in pieces.
    """
    records = getattr(cleaner, "records", False)
    clean_digest, clean_length, pages, lines = hashlib.sha256(), 0, 0, 0
    with atomic_writer(paths["text"]) as text_out, atomic_writer(paths["changes"]) as log_out:
        for count, piece in enumerate(pieces(raw.text, cut=RECORD_END if records else None), 1):
            normalised = normalise(piece, records)
            report.result = result = cleaned = None  # let the last piece's document go before the next is built
            result = cleaner.clean(normalised, raw.path.stem)
            cleaner.resources.release()  # the outputs need the document, not what the corrector kept of it
            cleaned = Cleaned(result, normalised, cleaner.resources, pages, lines)
            text = OUTPUTS["text"].build(cleaned)
            if records:  # pieces end at a record's end: they join as they are
                check_records(normalised, text, lines)
                clean = text
            else:
                clean = ("\n" if clean_length and text else "") + text  # blank line between pieces
            log_out.write(OUTPUTS["changes"].build(cleaned))
            log_out.write(restore_records(restore_spans(piece, clean, clean_length)))
            text_out.write(clean)
            clean_digest.update(clean.encode("utf-8"))
            clean_length += len(clean)
            pages += len(result.document.pages)
            lines += normalised.count("\n")
            report.result, report.words = result, report.words + result.document.words
            report.edits_per_stage.update(result.edits_per_stage())
        report.pages = pages
        log_out.write(json.dumps({
            "type": "source", "name": raw.path.name, "encoding": raw.encoding, "bom": raw.bom,
            "bytes": raw.size, "sha256": raw.sha256, "clean_sha256": clean_digest.hexdigest(),
            "fingerprint": stamp}) + "\n")
        if before_commit is not None:
            before_commit(cleaned if count == 1 else None)


def check_records(raw: str, clean: str, offset: int = 0) -> None:
    """Records in = records out: a cleaner that broke this would shift every later record."""
    if raw.count("\n") != clean.count("\n"):
        raise RuntimeError(f"records after line {offset}: {raw.count(chr(10))} line ends in, "
                           f"{clean.count(chr(10))} out; nothing written")


def pieces(text: str, size: int | None = None, cut: regex.Pattern | None = None) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, cut after a page break (else a line end),
    or after a match of ``cut`` when given."""
    start, size = 0, size or CHUNK_CHARS
    while len(text) - start > size:
        end = (cut.search(text, start + size) if cut is not None else
               ANY_PAGE_BREAK.search(text, start + size) or ANY_NEWLINE.search(text, start + size))
        if end is None:
            break
        yield text[start:end.end()]
        start = end.end()
    yield text[start:]


def up_to_date(raw: Source, paths: dict[str, Path], stamp: str, review: bool = False) -> bool:
    """Outputs exist, come from these raw bytes with this code and configuration, and are untouched.

    The outputs of the whole document are written before the log is renamed into
    place, so a log from this run vouches for them; ``review`` asks that those
    every run writes still exist too.
    """
    record = read_source_record(paths["changes"]) if paths["changes"].is_file() else None
    if record is None or record.get("sha256") != raw.sha256 or record.get("fingerprint") != stamp:
        return False
    if review and not all(paths[name].is_file() for name, o in OUTPUTS.items() if o.always):
        return False
    try:
        return hashlib.sha256(paths["text"].read_bytes()).hexdigest() == record.get("clean_sha256")
    except OSError:
        return False


def current_output(text: Path, name: str) -> Path | None:
    """The output ``name`` written by the run that wrote the clean ``text`` beside it, if the text is still
    that run's; else None."""
    paths = output_paths(text, text.parent, text.suffix)
    record = read_source_record(paths["changes"])
    try:
        current = record is not None and hashlib.sha256(text.read_bytes()).hexdigest() == record.get("clean_sha256")
    except OSError:
        return None
    return paths[name] if current and paths[name].is_file() else None


def collect_inputs(paths: list[Path], skipped: list[str] | None = None) -> list[Path]:
    """Files named, and the files inside folders named (sorted, hidden ones skipped).

    Entries of a folder that are not files are left out; broken symbolic links
    (dangling, or a loop) are said in ``skipped``, since the user meant them as inputs.
    """
    files = []
    for path in paths:
        if path.is_dir():
            for entry in sorted(path.iterdir()):
                if entry.name.startswith("."):
                    continue
                if entry.is_file():
                    files.append(entry)
                elif entry.is_symlink() and not entry.exists() and skipped is not None:
                    skipped.append(f"{entry}: {broken_link(entry)}, skipped")
        else:
            files.append(path)
    return files


def broken_link(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11-3.12 raise this for a loop
        return "symbolic link loop"
    except OSError as exc:
        return "symbolic link loop" if exc.errno == errno.ELOOP else "dangling symbolic link"
    return "broken symbolic link"


def check_out_dir(out_dir: Path, inputs: list[Path]) -> None:
    """Never write where inputs live: neither into an input's folder nor into any folder above it.

    Outputs land directly in ``out_dir`` under names of their own, and inputs
    are collected one level deep, so no output can then be an input file.
    """
    target = out_dir.resolve()
    for path in inputs:
        folders = {path.parent.resolve(), path.resolve().parent}  # where it is named, and where it lives
        if any(target == folder or target in folder.parents for folder in folders):
            raise InputError(f"--out {out_dir} holds the inputs ({path}); choose another output folder")


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
