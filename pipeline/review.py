"""The review files a run writes beside the clean text: report, word diff, unknown words."""
from __future__ import annotations

from pathlib import Path

from .decisions import Decisions
from .io import write_atomic
from .report import html_report, page_views, word_diff
from .report.unknown import unknown_tsv, unknown_words


REVIEW_FILES = ("report", "diff", "unknown")


def review_paths(source: Path, out_dir: Path) -> dict[str, Path]:
    return {"report": out_dir / f"{source.stem}.report.html", "diff": out_dir / f"{source.stem}.diff",
            "unknown": out_dir / f"{source.stem}.unknown.tsv"}


def candidate_finder(cleaner):
    """The word corrector's candidates when this run built it (the words stage ran), else none."""
    corrector = vars(cleaner.resources).get("corrector")
    # citations builds the corrector too, but only a words round readies its candidates
    return corrector.candidates if corrector is not None and hasattr(corrector, "_candidates") else None


def write_review(cleaner, result, raw: str, paths: dict[str, Path]) -> list[Path]:
    doc = result.document
    unknown = unknown_words(doc, cleaner.resources.lexicon, candidate_finder(cleaner))
    views = page_views(doc, raw, {u.word: u.candidates for u in unknown})
    decisions = Decisions(cleaner.config.dictionaries).load(doc.name)
    write_atomic(paths["report"], html_report(doc, raw, views, decisions))
    write_atomic(paths["diff"], word_diff(doc.name, views))
    write_atomic(paths["unknown"], unknown_tsv(unknown))
    return [paths["report"], paths["diff"], paths["unknown"]]
