"""Search candidates for the raw text's words on the second core while the first stages run.

Most of the words stage's first round is finding each garble's look-alikes
and aligning it with them (:meth:`Corrector.known_near`, :meth:`Channel.align`).
Those results depend on the word alone, not on the document, and are kept in
memos.  So when a document enters the pipeline a forked child runs that part
of the search for the raw text's words and writes, batch by batch, what it
added to the memos; when the first round has counted the document's words,
the child is stopped, the batches it finished are merged, and the rest is
searched here.  A memo holds what this process would have computed itself,
so the output is the same with the child or without it, however far it got.

Nothing is started where it cannot help or might not be safe: without fork,
with one core, inside a pool's worker process (the pool keeps the cores
busy), or beside other threads (fork copies no thread but this one).
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import pickle
import tempfile
import threading

from .channel import ALIGNMENTS, LETTER_OPTIONS, Channel
from .engine import ENGLISH_NEAR, Corrector
from .tokens import WORD

BATCH = 250  # words the child searches between two writes
MIN_CHARS = 20000  # a shorter text (some eight pages) is searched here in little more than a fork costs
SIZE = 8  # bytes of the length before each batch


def pure_memos(corrector: Corrector) -> list[dict]:
    """The memos that hold results of a word (or word pair) alone; they only ever grow."""
    return [corrector._known_near, corrector._probes, corrector._frequency,
            ENGLISH_NEAR, ALIGNMENTS, LETTER_OPTIONS]


def second_core_free() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores > 1 and "fork" in multiprocessing.get_all_start_methods() and \
        multiprocessing.parent_process() is None and threading.active_count() == 1


class Prefetch:
    """A child process warming the corrector's memos; :meth:`collect` stops it and merges what it found.

    Use it as a context manager: leaving it ends the child if it is still running.
    """

    def __init__(self, corrector: Corrector, texts: list[str]):
        self.corrector = corrector
        self.process = None
        if sum(map(len, texts)) < MIN_CHARS or not second_core_free():
            return
        # a file, not a pipe: the child never waits for this process to read
        self.found = tempfile.TemporaryFile()
        context = multiprocessing.get_context("fork")
        self.process = context.Process(target=self._search, args=(texts,), daemon=True)
        gc.freeze()  # the child's garbage collections then leave the objects it shares alone (no copied pages)
        try:
            self.process.start()
        except OSError:  # no process to be had (a limit on them): the search runs here
            self.found.close()
            self.process = None
        finally:
            gc.unfreeze()

    def _search(self, texts: list[str]) -> None:
        """In the child: search the suspect words in batches, writing each batch's new memo entries."""
        os.nice(19)  # work done ahead, maybe in vain: only with a core nothing else wants
        corrector = self.corrector
        corrector.channel = Channel()  # the base table: the child learns nothing
        # the words as a pattern finds them, not as the corrector's tokens: nearly the same, and found at once
        found = dict.fromkeys(word for text in texts for word in WORD.findall(text))
        suspects = [word for word in found if corrector.suspicious(word)]
        out = open(self.found.fileno(), "ab", closefd=False)
        for start in range(0, len(suspects), BATCH):
            sizes = [len(memo) for memo in pure_memos(corrector)]
            for word in suspects[start:start + BATCH]:
                corrector.look_ahead(word)
            batch = pickle.dumps([list(itertools.islice(memo.items(), size, None))
                                  for memo, size in zip(pure_memos(corrector), sizes)], pickle.HIGHEST_PROTOCOL)
            out.write(len(batch).to_bytes(SIZE, "little") + batch)
            out.flush()

    def collect(self) -> None:
        """Stop the child and merge the batches it wrote whole; what is left is searched here."""
        if self.process is None:
            return
        self.stop()
        data = os.pread(self.found.fileno(), os.fstat(self.found.fileno()).st_size, 0)
        self.close()
        at = 0
        while at + SIZE <= len(data):
            end = at + SIZE + int.from_bytes(data[at:at + SIZE], "little")
            if end > len(data):  # stopped while writing it
                break
            for memo, entries in zip(pure_memos(self.corrector), pickle.loads(data[at + SIZE:end])):
                for key, value in entries:
                    memo.setdefault(key, value)
            at = end

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def close(self) -> None:
        if self.process is not None:
            self.stop()
            self.process.close()
            self.found.close()
            self.process = None

    def __enter__(self) -> "Prefetch":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
