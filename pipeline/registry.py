"""Named stages, what each needs and gives, and the check that an order of them makes sense.

A stage is a small class: a ``name``, a one-line docstring summary (shown by
``ocrclean stages``), ``defaults`` for its settings with their allowed
``ranges``, and ``__call__(doc) -> doc`` that returns a new document and logs
every edit.  ``@register`` puts it in :data:`STAGES`; the default order is
``pipeline.stages.ORDER``, the only list of the stages.

Its **contract** says what the document must hold when it runs and what it
holds after, as a few named facts (:data:`FACTS`): ``requires``,
``provides`` and ``ends`` (a fact the stage undoes: reflow ends the scan's
line breaks).  :func:`order_problem` checks an order against them, as
spaCy's ``analyze_pipes`` does.
"""
from __future__ import annotations

import contextlib
import functools
from typing import ClassVar

from .document import Document
from .errors import ConfigError

STAGES: dict[str, type["Stage"]] = {}

# the facts a contract names, and what each means
FACTS = {
    "scan lines": "the scan's line breaks inside paragraphs and notes",
    "blocks": "pages split into headings, paragraphs, quotations and numbered notes; page numbers and dust hidden",
    "page structure": "where pages and chapters start, and where a paragraph runs on across a page break",
    "note links": "each note's mark in the body written [^N]",
    "one line per paragraph": "each paragraph and note on one line",
    "stops read": "the scan's * # » read as stops, commas or apostrophes",
    "words read": "garbled words read by the word engine",
}
INITIAL = frozenset({"scan lines"})  # what a document cut from raw text holds before any stage


def register(cls: type["Stage"]) -> type["Stage"]:
    unknown = (cls.requires | cls.provides | cls.ends) - set(FACTS)
    if unknown:
        raise TypeError(f"stage {cls.name!r} names an unknown fact {sorted(unknown)[0]!r} (facts: {', '.join(FACTS)})")
    STAGES[cls.name] = cls
    return cls


class Stage:
    name: ClassVar[str]
    defaults: ClassVar[dict] = {}
    ranges: ClassVar[dict[str, tuple[float, float]]] = {}
    requires: ClassVar[frozenset[str]] = frozenset()  # facts a stage before it must give, if one gives them
    provides: ClassVar[frozenset[str]] = frozenset()
    ends: ClassVar[frozenset[str]] = frozenset()  # facts that no longer hold after it

    def __init__(self, resources=None, **settings):
        unknown = set(settings) - set(self.defaults)
        if unknown:
            raise ConfigError(f"stage {self.name!r} has no setting {sorted(unknown)[0]!r} "
                              f"(settings: {', '.join(sorted(self.defaults)) or 'none'})")
        self.settings = {**self.defaults, **settings}
        for key, (lo, hi) in self.ranges.items():
            value = self.settings[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
                raise ConfigError(f"{self.name}.{key} = {value!r} is out of range [{lo}, {hi}]")
        self.resources = resources

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]

    @property
    def lexicon(self):
        """The run's lexicon; in bare use (doctests, ``Layout()(doc)``) the project's, as the words stage's."""
        return self.resources.lexicon if self.resources is not None else project_lexicon()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - interface
        raise NotImplementedError

    def background(self, doc: Document) -> contextlib.AbstractContextManager:
        """Work the stage begins on the document as it enters the pipeline, while the stages
        before it run; the pipeline leaves the returned context when the document is done."""
        return contextlib.nullcontext()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.settings})"


@functools.lru_cache(maxsize=1)
def project_lexicon():
    from .lexicon import Lexicon

    return Lexicon.load("dictionaries")


def order_problem(stages: list[type[Stage]], facts=INITIAL) -> str | None:
    """What is wrong with running ``stages`` in this order, in one line; None if nothing.

    A stage needs each fact it ``requires`` from a stage before it.  Where no
    configured stage gives the fact at all, the stage runs on what there is
    (footnotes without layout finds no notes): every stage can be switched off.

    >>> from pipeline.stages import ORDER
    >>> order_problem([STAGES[n] for n in ORDER]) is None
    True
    >>> order_problem([STAGES["words"], STAGES["layout"]])
    "stage 'words' requires blocks, which 'layout' gives only after it: put 'layout' first"
    >>> order_problem([STAGES["reflow"], STAGES["layout"]])
    "stage 'layout' requires scan lines, which 'reflow' before it ends: put 'layout' first"
    >>> order_problem([STAGES["footnotes"], STAGES["citations"]]) is None  # no layout: no notes to link
    True
    """
    have = set(facts)
    for k, stage in enumerate(stages):
        for need in sorted(stage.requires - have):
            later = next((s for s in stages[k + 1:] if need in s.provides), None)
            if later is not None:
                return f"stage {stage.name!r} requires {need}, which {later.name!r} gives only after it: " \
                       f"put {later.name!r} first"
            ender = next((s for s in reversed(stages[:k]) if need in s.ends), None)
            if ender is not None:
                return f"stage {stage.name!r} requires {need}, which {ender.name!r} before it ends: " \
                       f"put {stage.name!r} first"
        have = (have - stage.ends) | stage.provides
    return None
