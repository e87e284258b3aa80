"""Shared fixtures: the project's real inputs and one cleaner built once."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from pipeline import Cleaner, Config
from pipeline.document import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RAW_THESIS = ROOT / "raw" / "thesis.txt"

# The suite must give the same verdict on every run, so property tests draw a fixed set of
# examples; `pytest --hypothesis-profile=explore tests/test_properties.py` draws fresh random
# ones on each run to hunt for new failures (each one found goes into the test as an @example).
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("fixed")


def run(stages, text):
    """A text through the given stages, in order (the stage tests' way to call them)."""
    doc = Document.from_text(text)
    for stage in stages:
        doc = stage(doc)
    return doc


def body(doc):
    """The visible body blocks' texts, notes left out."""
    return [b.text for p in doc.pages for b in p.blocks if b.visible and b.kind != "footnote"]


@pytest.fixture(scope="session")
def config() -> Config:
    return Config.discover(ROOT)


@pytest.fixture(scope="session")
def cleaner(config) -> Cleaner:
    return Cleaner(config)


@pytest.fixture(scope="session")
def thesis_result(cleaner):
    return cleaner.clean(RAW_THESIS.read_text(encoding="utf-8"), "thesis")


def page_text(number: int) -> str:
    """A real raw page of the thesis (dev set slice) when shared/ is present."""
    path = SHARED / "gold-dev" / f"p{number:03d}.raw.txt"
    if not path.exists():
        pytest.skip("shared/gold-dev not available")
    return path.read_text(encoding="utf-8")
