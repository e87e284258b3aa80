"""What the corrector decides: one :class:`Decision` per word it changes or doubts, gathered in a :class:`Plan`."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

# uses that make a word of the document's own a reading of its garbles (a rarer one may be a garble itself)
FREQUENT = 5


@dataclass
class Decision:
    """What the corrector decided about one word (or a pair it joins)."""

    line: int  # which text of the batch
    start: int
    end: int
    before: str
    after: str
    confidence: float
    rule: str
    candidates: list[tuple[str, float]] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)  # what else the rule went by, for the log

    @property
    def changes(self) -> bool:
        return self.after != self.before


@dataclass
class Plan:
    corrections: list[Decision]
    doubtful: list[Decision]
    learned: list[dict]  # the scan profile's commonest confusions
    trusted: list[str]  # words unknown to English and the dictionaries the document is taken to write
    noisy: bool = True
    profile: dict = field(default_factory=dict)  # the scan profile, for <stem>.profile.json


def normalise(scored: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Scores (log) to posteriors, in the same order.

    >>> normalise([("a", 0.0), ("b", 0.0)])
    [('a', 0.5), ('b', 0.5)]
    """
    top = max(s for _, s in scored)
    exp = [(c, math.exp(s - top)) for c, s in scored]
    total = sum(e for _, e in exp)
    return [(c, e / total) for c, e in exp]
