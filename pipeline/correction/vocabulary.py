"""English word pairs: symspellpy's bigram counts and the unigram counts they are relative to.

Loaded once and pickled under the user's cache folder (``$OCRCLEAN_CACHE`` or
``~/.cache/ocrclean``); single-word frequencies come from wordfreq through
:class:`pipeline.lexicon.Lexicon`, and the candidate index is in :mod:`.candidates`.
"""
from __future__ import annotations

import hashlib
import importlib.resources
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

INDEX_VERSION = "3"


@dataclass
class English:
    """Bigram counts (``"first second" -> count``) and the unigram counts of the same corpus."""

    bigrams: dict[str, int]
    unigrams: dict[str, int]

    @classmethod
    def load(cls, cache: Path | None = None) -> "English":
        """From the disk cache, building it first if it is missing or stale."""
        return cached((cache or cache_folder()) / f"english-{fingerprint()}.pickle", cls.build)

    @classmethod
    def build(cls) -> "English":
        data = importlib.resources.files("symspellpy")
        unigrams, bigrams = {}, {}
        for line in data.joinpath("frequency_dictionary_en_82_765.txt").read_text().splitlines():
            word, count = line.split()
            unigrams[word] = int(count)
        for line in data.joinpath("frequency_bigramdictionary_en_243_342.txt").read_text().splitlines():
            first, second, count = line.split()
            bigrams[f"{first} {second}"] = int(count)
        return cls(bigrams, unigrams)


_LOADED: dict[Path, object] = {}  # what this process has read from the cache, by file


def cached(path: Path, build):
    """The object pickled at ``path``, read once per process; built by ``build()`` and pickled there
    first if it is missing or unreadable."""
    if path not in _LOADED:
        _LOADED[path] = load_or_build(path, build)
    return _LOADED[path]


def load_or_build(path: Path, build):
    if path.exists():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except Exception:  # a half-written or foreign file: rebuild it
            pass
    made = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump(made, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)  # atomic: parallel runs never read half a file
    return made


def cache_folder() -> Path:
    """``$OCRCLEAN_CACHE``, else the user's cache folder (``~/.cache/ocrclean``)."""
    if os.environ.get("OCRCLEAN_CACHE"):
        return Path(os.environ["OCRCLEAN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ocrclean"


def fingerprint() -> str:
    """Changes whenever what the cache is built from changes."""
    import symspellpy

    versions = f"{INDEX_VERSION} {getattr(symspellpy, '__version__', '')}"
    return hashlib.sha1(versions.encode()).hexdigest()[:12]
