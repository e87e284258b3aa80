"""Clean many files at once: a process pool on one machine, or a Dask cluster.

Every engine runs the same per-file function, :func:`batch.clean_file_to`,
so the outputs are byte for byte those of a one-worker run; only the order in
which files finish differs, and :func:`clean_batch` puts the reports back in
input order.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "a.txt").write_text("It was signed*\\n")
15
>>> [r.result.text for r in clean_batch([folder / "a.txt"], Job(Config(stages=["punctuation"]), folder / "out"))]
['It was signed.\\n']
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .batch import FileReport, clean_file_to
from .config import Config
from .errors import ConfigError
from .records import make_cleaner

ENGINES = ("local", "dask")
CONNECT_TIMEOUT = 10.0  # seconds to reach a Dask scheduler before giving up


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to clean any file of the batch (picklable)."""

    config: Config
    out_dir: Path
    mode: str = "pages"
    field: str = "text"
    force: bool = True  # clean even when the outputs are up to date
    stamp: str | None = None  # batch.fingerprint of code and configuration, computed once


# One cleaner per worker thread and job: building stages and loading the
# dictionaries costs far more than cleaning a page.  Per thread, because a
# stage may keep the document it is working on in itself (words does), and a
# Dask worker runs several tasks at once in threads.
_LOCAL = threading.local()


def cleaner_for(job: Job):
    cleaners = _LOCAL.__dict__.setdefault("cleaners", {})
    key = repr((job.config, job.mode, job.field))
    if key not in cleaners:
        cleaners[key] = make_cleaner(job.config, job.mode, job.field)
    return cleaners[key]


def clean_one(job: Job, source: Path) -> FileReport:
    """The unit of work every engine runs: one file in, its outputs written."""
    return clean_file_to(cleaner_for(job), Path(source), job.out_dir, job.force, job.stamp)


def check_engine(engine: str, scheduler: str | None) -> None:
    """Refuse an engine that cannot run, before any work."""
    if engine not in ENGINES:
        raise ConfigError(f"--engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if engine == "dask":
        if not scheduler:
            raise ConfigError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ConfigError("--engine dask needs the distributed package: pip install 'ocrclean[dask]'") from None


def iter_reports(sources: list[Path], job: Job, workers: int | None = None,
                 engine: str = "local", scheduler: str | None = None,
                 timeout: float = CONNECT_TIMEOUT) -> Iterator[FileReport]:
    """Reports as files finish (completion order), from the chosen engine."""
    check_engine(engine, scheduler)
    if engine == "dask":
        yield from _dask(sources, job, scheduler, timeout)
    else:
        workers = min(workers or os.cpu_count() or 1, len(sources))
        if workers <= 1:
            for source in sources:
                yield clean_one(job, source)
        else:
            yield from _pool(sources, job, workers)


def clean_batch(sources: list[Path], job: Job, workers: int | None = None,
                engine: str = "local", scheduler: str | None = None) -> list[FileReport]:
    """All reports, in input order."""
    order = {Path(s): i for i, s in enumerate(sources)}
    return sorted(iter_reports(sources, job, workers, engine, scheduler), key=lambda r: order[r.source])


def _pool(sources: list[Path], job: Job, workers: int) -> Iterator[FileReport]:
    """Reports from a process pool; a worker that dies costs the file it was cleaning, not the batch.

    When a worker dies (killed, out of memory) the pool breaks and every file
    not yet done fails with it.  Those no worker had started go on in a new
    pool; those that were being cleaned are tried again one at a time, each
    alone in a pool of its own, so the file that kills its worker is the one
    that gets the error.
    """
    # Fork where the platform has it: workers inherit the cleaner built here,
    # dictionaries and word frequencies included, instead of loading them again.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork":
        _warm(job)
    context = multiprocessing.get_context(method)
    pending, suspects = list(sources), []
    while pending or suspects:
        if suspects:
            group, size, alone = [suspects.pop(0)], 1, True
        else:
            group, size, alone, pending = pending, workers, False, []
        started = context.RawArray("b", len(group))  # set by a worker as it takes a file: no lock to die holding
        lost = []
        with ProcessPoolExecutor(min(size, len(group)), mp_context=context, initializer=_worker_start,
                                 initargs=(os.getpid(), started)) as pool:
            futures = {}
            for index, source in enumerate(group):
                try:
                    futures[pool.submit(_clean_marked, job, index, source)] = index
                except BrokenProcessPool:
                    lost.append(index)
            for future in as_completed(futures):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    lost.append(futures[future])
        for index in sorted(lost):
            if not started[index]:
                pending.append(group[index])
            elif alone:
                yield FileReport(Path(group[index]), error=f"{group[index]}: the worker cleaning it died "
                                                         "(killed, or out of memory); file skipped")
            else:
                suspects.append(group[index])


# Set in each pool worker: which files it has started (see _pool).
_STARTED = None


def _worker_start(parent: int, started) -> None:
    global _STARTED
    _STARTED = started
    threading.Thread(target=_die_with_parent, args=(parent,), daemon=True).start()


def _die_with_parent(parent: int) -> None:
    """A worker whose parent is gone (killed) would hang on, holding memory and locks: end it."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _clean_marked(job: Job, index: int, source: Path) -> FileReport:
    _STARTED[index] = 1
    return clean_one(job, source)


def _warm(job: Job) -> None:
    """Build the cleaner and load the word lists in this process, before forking."""
    from .lexicon import english_frequencies

    cleaner_for(job)
    english_frequencies()


def connect(scheduler: str, timeout: float = CONNECT_TIMEOUT):
    """A Dask client, or a one-line :class:`ConfigError` (bad address, nothing listening, timeout)."""
    from distributed import Client

    try:
        return Client(scheduler, timeout=timeout)
    except (OSError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"--scheduler {scheduler}: cannot connect ({reason})") from None


def _dask(sources: list[Path], job: Job, scheduler, timeout: float = CONNECT_TIMEOUT) -> Iterator[FileReport]:
    from distributed import as_completed as dask_completed

    # Workers read and write the same paths, so they are made absolute here:
    # on a real cluster the input and output folders must be shared storage.
    job = dataclasses.replace(job, out_dir=job.out_dir.resolve())
    if not job.config.dictionaries.is_absolute():
        job = dataclasses.replace(job, config=_absolute_dictionaries(job.config))
    with connect(scheduler, timeout) as client:
        futures = client.map(clean_one, [job] * len(sources), [Path(s).resolve() for s in sources], pure=False)
        back = {f.key: Path(s) for f, s in zip(futures, sources)}
        for future in dask_completed(futures):
            report = future.result()
            report.source = back[future.key]  # the path as the caller named it
            yield report


def _absolute_dictionaries(config: Config) -> Config:
    return dataclasses.replace(config, dictionaries=config.dictionaries.resolve())
