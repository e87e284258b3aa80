"""The candidate search begun on the raw text in a second process changes no output."""
import multiprocessing

import pytest

from pipeline import Cleaner
from pipeline.correction import prefetch
from tests.conftest import RAW_THESIS


def clean(config, text: str):
    result = Cleaner(config).clean(text, "thesis")  # a new corrector: its own memos start empty
    return result.text, [e.to_json() for e in result.edits], result.document.meta["learned_confusions"]


def test_the_thesis_is_cleaned_the_same_with_the_search_begun_in_another_process(config, monkeypatch):
    if not prefetch.second_core_free():
        pytest.skip("no second core or no fork here")
    text = RAW_THESIS.read_text(encoding="utf-8")[:120000]  # some forty pages
    merged = []
    collect = prefetch.Prefetch.collect

    def collect_all(self):  # let the child finish, so that all it found is used
        self.process.join(60)
        before = len(self.corrector._known_near)
        collect(self)
        merged.append(len(self.corrector._known_near) - before)

    monkeypatch.setattr(prefetch.Prefetch, "collect", collect_all)
    begun = clean(config, text)
    assert merged and merged[0] > 500  # the child searched the garbles' look-alikes...
    assert not multiprocessing.active_children()  # ...and is gone
    monkeypatch.undo()
    monkeypatch.setattr(prefetch, "second_core_free", lambda: False)
    assert begun == clean(config, text)  # ...and every correction is what this process finds alone


def test_nothing_is_started_for_a_short_text():
    from pipeline.correction import Corrector
    from pipeline.lexicon import Lexicon

    corrector = Corrector(Lexicon.load("dictionaries"))
    assert prefetch.Prefetch(corrector, ["the Soviet tkiion, whioh oould not aooept the paot"] * 10).process is None


def test_nor_in_a_pool_worker_process():  # a batch keeps the cores busy with its files already
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(prefetch.second_core_free) is False
