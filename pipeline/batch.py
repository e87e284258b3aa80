"""Clean files into an output folder: ``<stem>.txt``, ``<stem>.changes.jsonl`` and the review files."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .core import Cleaner, Result
from .errors import InputError, OcrcleanError
from .io import read_text, write_atomic
from .review import review_paths, write_review


@dataclass
class FileReport:
    source: Path
    result: Result | None = None
    seconds: float = 0.0
    error: str | None = None
    outputs: list[Path] = field(default_factory=list)


def changes_jsonl(result: Result) -> str:
    return "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in result.edits)


def output_paths(source: Path, out_dir: Path) -> dict[str, Path]:
    return {"text": out_dir / f"{source.stem}.txt", "changes": out_dir / f"{source.stem}.changes.jsonl",
            "notes": out_dir / f"{source.stem}.notes.json", **review_paths(source, out_dir)}


def clean_file_to(cleaner: Cleaner, source: Path, out_dir: Path) -> FileReport:
    """Clean one file; errors are reported, never raised, so a batch goes on."""
    report, start = FileReport(source), time.perf_counter()
    try:
        paths = output_paths(source, out_dir)
        if any(p.resolve() == source.resolve() for p in paths.values()):
            raise InputError(f"{source}: output would overwrite the input; choose another --out")
        raw = read_text(source)
        result = cleaner.clean(raw, source.stem)
        write_atomic(paths["text"], result.text)
        write_atomic(paths["changes"], changes_jsonl(result))
        written = [paths["text"], paths["changes"]]
        if "footnotes" in result.document.meta:  # per-chapter note counts, when the footnotes stage ran
            write_atomic(paths["notes"], json.dumps(result.document.meta["footnotes"], indent=1) + "\n")
            written.append(paths["notes"])
        written += write_review(cleaner, result, raw, paths)
        report.result, report.outputs = result, written
    except OcrcleanError as exc:
        report.error = str(exc)
    except OSError as exc:
        report.error = f"{source}: {exc.strerror or exc}"
    report.seconds = time.perf_counter() - start
    return report


def collect_inputs(paths: list[Path]) -> list[Path]:
    """Files named, and the files inside folders named (sorted, hidden ones skipped)."""
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files
