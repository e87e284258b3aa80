"""Nothing lost: rebuild the raw file from the clean text and its change log.

The edit records say *why* the text changed, stage by stage, but layout also
splits, hides and reorders blocks, so they alone cannot run backwards.  What
makes the log complete is a reverse patch written after the edits:

* ``{"type": "restore", "at": [start, end], "raw": "..."}`` -- put ``raw`` back
  in place of ``clean[start:end]``.  Computed when the file is cleaned by
  aligning the clean text with the raw text word by word (unique words as
  anchors, then :mod:`difflib` between them); everything the pipeline removed
  or rewrote -- page numbers, noise lines, footnote marks, line breaks,
  CR/CRLF line ends -- sits in some ``raw`` field.
* ``{"type": "source", ...}`` -- the last line: the raw file's encoding, byte
  order mark, size and SHA-256, the clean text's SHA-256, and a fingerprint
  of code and configuration (what ``run`` uses to skip up-to-date outputs).

Readers that want the edits only skip lines that have a ``type``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import regex

from .align import matching_pairs
from .errors import InputError
from .io import BOMS, encode, last_line

WORD = regex.compile(r"\S+")

Span = tuple[int, int, str]  # clean[start:end] was raw text


def restore_spans(raw: str, clean: str, offset: int = 0) -> list[Span]:
    """The reverse patch: replacements that turn ``clean`` back into ``raw``.

    >>> raw, clean = "12.\\nThe pact  was\\r\\nsigned*\\n", "The pact was signed.\\n"
    >>> spans = restore_spans(raw, clean)
    >>> spans
    [(0, 0, '12.\\n'), (8, 9, '  '), (12, 21, '\\r\\nsigned*\\n')]
    >>> rebuild(clean, spans) == raw
    True
    """
    a = [(m.start(), m.end(), m.group()) for m in WORD.finditer(raw)]
    b = [(m.start(), m.end(), m.group()) for m in WORD.finditer(clean)]
    spans, raw_pos, clean_pos = [], 0, 0
    for i, j in matching_pairs([w for *_, w in a], [w for *_, w in b]):
        (ra, rb, _), (ca, cb, _) = a[i], b[j]
        if raw[raw_pos:ra] != clean[clean_pos:ca]:
            spans.append((offset + clean_pos, offset + ca, raw[raw_pos:ra]))
        raw_pos, clean_pos = rb, cb
    if raw[raw_pos:] != clean[clean_pos:]:
        spans.append((offset + clean_pos, offset + len(clean), raw[raw_pos:]))
    return spans


def rebuild(clean: str, spans: list[Span]) -> str:
    """Apply a reverse patch (sorted, non-overlapping spans)."""
    pieces, pos = [], 0
    for start, end, raw in spans:
        pieces += [clean[pos:start], raw]
        pos = end
    pieces.append(clean[pos:])
    return "".join(pieces)


def restore_records(spans: list[Span]) -> str:
    return "".join(json.dumps({"type": "restore", "at": [s, e], "raw": raw}, ensure_ascii=False) + "\n"
                   for s, e, raw in spans)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_source_record(log: Path) -> dict | None:
    """The ``source`` record that ends a complete log, or None (missing, old or cut short)."""
    try:
        record = json.loads(last_line(log))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("type") == "source" else None


@dataclass
class Verdict:
    ok: bool
    message: str
    problem: str = "MISMATCH"  # what to call a failure: the rebuild differs, or it could not be tried

    @property
    def label(self) -> str:
        return "ok" if self.ok else self.problem


def verify(raw_path: Path, out_dir: Path) -> Verdict:
    """Rebuild ``raw_path`` from its clean text in ``out_dir`` and its log; compare byte for byte.

    The clean text is ``<stem>.txt`` or, for ``--mode jsonl``, ``<stem>.jsonl``:
    the one the log's checksum names.
    """
    log_path = out_dir / f"{raw_path.stem}.changes.jsonl"
    try:
        original = raw_path.read_bytes()
        spans, source = read_log(log_path)
        if source is None:
            return Verdict(False, f"{log_path}: no source record (log from an older version or cut short)", "error")
        texts = [out_dir / f"{raw_path.stem}{suffix}" for suffix in (".txt", ".jsonl")]
        found = {path: path.read_bytes() for path in texts if path.is_file()} or {texts[0]: texts[0].read_bytes()}
    except OSError as exc:
        raise InputError(f"{exc.filename}: cannot read ({exc.strerror})") from None
    except MalformedLog as exc:
        return Verdict(False, str(exc), "malformed log")
    text_path, data = next(((p, d) for p, d in found.items() if hashlib.sha256(d).hexdigest() == source["clean_sha256"]),
                           next(iter(found.items())))
    if hashlib.sha256(data).hexdigest() != source["clean_sha256"]:
        return Verdict(False, f"{text_path}: does not match its log (edited or from another run)")
    try:
        rebuilt = encode(rebuild(data.decode("utf-8"), spans), source["encoding"], source["bom"])
    except UnicodeError as exc:
        return Verdict(False, f"{raw_path}: the rebuilt text cannot be written as {source['encoding']} ({exc.reason})")
    if rebuilt == original:
        return Verdict(True, f"{raw_path}: rebuilt byte for byte ({len(original)} bytes, {len(spans)} restore records)")
    at = next((k for k, (x, y) in enumerate(zip(rebuilt, original)) if x != y), min(len(rebuilt), len(original)))
    return Verdict(False, f"{raw_path}: rebuilt text differs from byte {at} "
                          f"(rebuilt {len(rebuilt)} bytes, original {len(original)})")


class MalformedLog(ValueError):
    """A log line that is not what ``run`` writes; the message is ``file:line: reason``."""


ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "cp1252")


def read_log(path: Path) -> tuple[list[Span], dict | None]:
    """The restore spans and the source record of a log, every line checked for its shape."""
    spans, source = [], None
    with path.open("rb") as log:
        for number, data in enumerate(log, 1):
            try:
                record = json.loads(data.decode("utf-8"))
                problem = log_problem(record)
            except UnicodeDecodeError as exc:
                problem = f"not UTF-8 (byte {exc.start})"
            except ValueError as exc:
                problem = f"not JSON ({exc})"
            if problem:
                raise MalformedLog(f"{path}:{number}: {problem}")
            if record.get("type") == "restore":
                spans.append((*record["at"], record["raw"]))
            elif record.get("type") == "source":
                source = record
    return spans, source


def log_problem(record) -> str | None:
    """What is wrong with one parsed log line, or None."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    kind = record.get("type")
    if kind == "restore":
        at = record.get("at")
        if not (isinstance(at, list) and len(at) == 2 and all(type(n) is int and n >= 0 for n in at) and at[0] <= at[1]):
            return f"restore 'at' must be [start, end], two whole numbers in order, got {at!r}"
        if not isinstance(record.get("raw"), str):
            return f"restore 'raw' must be text, got {record.get('raw')!r}"
    elif kind == "source":
        encoding, bom = record.get("encoding"), record.get("bom")
        if encoding not in ENCODINGS:
            return f"source 'encoding' must be one of {', '.join(ENCODINGS)}, got {encoding!r}"
        if not isinstance(bom, bool) or (bom and encoding not in BOMS):
            return f"source 'bom' must be true or false, and false for {encoding}, got {bom!r}"
        if not isinstance(record.get("clean_sha256"), str):
            return f"source 'clean_sha256' must be text, got {record.get('clean_sha256')!r}"
    return None
