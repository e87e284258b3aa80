"""Shared fixtures: the project's real inputs and one cleaner built once."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import Cleaner, Config

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RAW_THESIS = ROOT / "raw" / "thesis.txt"


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
