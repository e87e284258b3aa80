"""ocrclean: staged OCR cleanup with domain dictionaries and a complete edit log.

>>> import pipeline
>>> result = pipeline.clean_text("The pact was signed*")
>>> result.text
'The pact was signed.\\n'
>>> [(e.stage, e.rule, e.before, e.after) for e in result.edits]
[('punctuation', 'sentence-stop', '*', '.')]
"""
from __future__ import annotations

from pathlib import Path

from .config import Config
from .core import Cleaner, Result
from .document import Document, Edit
from .errors import ConfigError, DictionaryError, InputError, OcrcleanError

__all__ = ["clean_text", "clean_file", "clean_records", "clean_batch", "Cleaner", "Config", "Result", "Document", "Edit",
           "OcrcleanError", "ConfigError", "DictionaryError", "InputError"]


def clean_text(text: str, config: Config | None = None) -> Result:
    """Clean one string with the configured stages (``Config.discover()`` by default)."""
    return Cleaner(config).clean(text)


def clean_file(path: str | Path, config: Config | None = None) -> Result:
    """Clean one UTF-8 text file; the file itself is never written."""
    from .io import read_text

    path = Path(path)
    return Cleaner(config).clean(read_text(path), path.stem)


def clean_records(text: str, config: Config | None = None) -> Result:
    """Clean every line of ``text`` as an independent record; as many lines come out as went in.

    >>> clean_records("It was signed*\\n\\nVol*12").text.split("\\n")
    ['It was signed.', '', 'Vol.12']
    """
    from .records import RecordCleaner

    return RecordCleaner(config).clean(text)


def clean_batch(files, out_dir: str | Path = "clean", config: Config | None = None, *, mode: str = "pages",
                field: str = "text", workers: int | None = None, engine: str = "local",
                scheduler: str | None = None) -> list:
    """Clean files (or folders of files) into ``out_dir``, as ``ocrclean run`` does.

    ``mode`` is ``pages``, ``lines`` or ``jsonl`` (cleaning ``field``); ``workers``
    processes run in parallel (default: one per core), or ``engine="dask"`` sends
    the files to the Dask scheduler at ``scheduler``. Returns one
    :class:`~pipeline.batch.FileReport` per file, in input order.
    """
    from .batch import collect_inputs
    from .parallel import Job, clean_batch as run_batch

    files = [files] if isinstance(files, (str, Path)) else files
    job = Job(config or Config.discover(), Path(out_dir), mode, field)
    return run_batch(collect_inputs([Path(f) for f in files]), job, workers, engine, scheduler)
