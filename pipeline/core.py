"""Run the configured stages over one text: the heart of the Python API."""
from __future__ import annotations

import contextlib
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .config import Config
from .document import Document, Edit
from .lexicon import Lexicon
from .render import render


class Resources:
    """Heavy things stages share (dictionaries, indexes), built once on demand."""

    def __init__(self, config: Config):
        self.config = config

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon.load(self.config.dictionaries)

    @cached_property
    def corrector(self):
        from .correction import Corrector  # the English index loads from its disk cache

        return Corrector(self.lexicon)

    def release(self) -> None:
        """Drop what the text just cleaned left behind; the dictionaries and indexes stay.

        The word corrector keeps the last document's state (its words, counts and
        readings) for the stages after words; once the text is cleaned that is only
        memory, so the batch releases it before building the text's outputs, which
        then reuse that memory (:func:`.batch.write_outputs`).  Releasing it changes no output.
        """
        if "corrector" in vars(self):  # built by this run
            self.corrector.release_caches()


@dataclass
class Result:
    text: str
    document: Document
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def edits(self) -> list[Edit]:
        return self.document.edits

    def edits_per_stage(self) -> Counter:
        return Counter(e.stage for e in self.edits)


class Cleaner:
    """Build the stages once; clean many texts with them.

    >>> Cleaner(Config(stages=["unicode"])).clean("caf\\u00c3\\u00a9").text
    'café\\n'
    """

    def __init__(self, config: Config | None = None):
        self.config = config or Config.discover()
        self.resources = Resources(self.config)
        self.stages = self.config.build(self.resources)

    def clean(self, text: str, name: str = "document") -> Result:
        return self.run(Document.from_text(text, name))

    def run(self, doc: Document) -> Result:
        """Run the stages over a document already cut into pages and blocks."""
        seconds = {}
        with contextlib.ExitStack() as background:
            for stage in self.stages:
                background.enter_context(stage.background(doc))
            for stage in self.stages:
                start = time.perf_counter()
                doc = stage(doc)
                seconds[stage.name] = time.perf_counter() - start
        return Result(render(doc), doc, seconds)
