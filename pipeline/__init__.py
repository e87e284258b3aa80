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

__all__ = ["clean_text", "clean_file", "Cleaner", "Config", "Result", "Document", "Edit",
           "OcrcleanError", "ConfigError", "DictionaryError", "InputError"]


def clean_text(text: str, config: Config | None = None) -> Result:
    """Clean one string with the configured stages (``Config.discover()`` by default)."""
    return Cleaner(config).clean(text)


def clean_file(path: str | Path, config: Config | None = None) -> Result:
    """Clean one UTF-8 text file; the file itself is never written."""
    from .io import read_text

    path = Path(path)
    return Cleaner(config).clean(read_text(path), path.stem)
