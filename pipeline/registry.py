"""Named stages in a registry, run in the order the configuration gives.

A stage is a small class: a ``name``, a one-line docstring summary (shown by
``ocrclean stages``), ``defaults`` for its settings with their allowed
``ranges``, and ``__call__(doc) -> doc`` that returns a new document and logs
every edit.  ``@register`` puts it in :data:`STAGES`.
"""
from __future__ import annotations

import contextlib
from typing import ClassVar

from .document import Document
from .errors import ConfigError

STAGES: dict[str, type["Stage"]] = {}


def register(cls: type["Stage"]) -> type["Stage"]:
    STAGES[cls.name] = cls
    return cls


class Stage:
    name: ClassVar[str]
    defaults: ClassVar[dict] = {}
    ranges: ClassVar[dict[str, tuple[float, float]]] = {}

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

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - interface
        raise NotImplementedError

    def background(self, doc: Document) -> contextlib.AbstractContextManager:
        """Work the stage begins on the document as it enters the pipeline, while the stages
        before it run; the pipeline leaves the returned context when the document is done."""
        return contextlib.nullcontext()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.settings})"


def load_all() -> dict[str, type[Stage]]:
    """Import the stage modules (each registers itself) and return the registry."""
    from . import stages  # noqa: F401  (import registers)
    return STAGES
