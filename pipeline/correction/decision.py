"""What the corrector decides: one :class:`Decision` per word it changes or doubts, gathered in a :class:`Plan`."""
from __future__ import annotations

from dataclasses import dataclass, field


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
