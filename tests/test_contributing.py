"""Each recipe of CONTRIBUTING.md followed once, so that it stays true."""
from __future__ import annotations

import json

import pytest
import regex

from pipeline import batch
from pipeline.config import Config
from pipeline.core import Cleaner
from pipeline.document import Change, Document
from pipeline.errors import ConfigError
from pipeline.outputs import OUTPUTS, output
from pipeline.registry import STAGES, Stage, register
from pipeline.rules.punctuation import ABBREVIATIONS, Rule, _rules, apply_rules
from pipeline.stages import ORDER


def test_a_new_punctuation_rule():
    # a rule is a name, a pattern and a replacement; it runs after the rules before it
    dashes = Rule("double-hyphen", regex.compile(r"(?<=\p{L}) ?-- ?(?=\p{L})"), lambda m: " - ", 0.8)
    steps = apply_rules("the pact* It was signed--at last", [*_rules(ABBREVIATIONS), dashes])
    assert steps[-1][0] == "the pact. It was signed - at last"
    assert [c.rule for _, changes in steps for c in changes] == ["sentence-stop", "double-hyphen"]


def test_a_new_stage():
    @register
    class Quotes(Stage):
        """Pair the quotes the scan left open."""

        name = "quotes"
        requires = frozenset({"blocks"})

        def __call__(self, doc: Document) -> Document:
            return doc.rewrite(self.name, ("paragraph",), self.propose)

        @staticmethod
        def propose(block):
            text = block.text
            return [Change(len(text), len(text), '"', "close-quote", 0.6)] if text.count('"') % 2 else []

    try:
        order = [*ORDER[:ORDER.index("citations")], "quotes", *ORDER[ORDER.index("citations"):]]
        assert Config(order).build()  # its contract holds after layout...
        with pytest.raises(ConfigError, match="stage 'quotes' requires blocks, which 'layout' gives only after it"):
            Config(["quotes", "layout"]).build()  # ...and not before it
        result = Cleaner(Config(["layout", "quotes"])).clean('He said "no to the pact.')
        assert result.text == 'He said "no to the pact."\n'
        assert [(e.stage, e.rule) for e in result.edits] == [("quotes", "close-quote")]
    finally:
        del STAGES["quotes"]


def test_a_new_dictionary_list(tmp_path, monkeypatch):
    from pipeline import lexicon

    monkeypatch.setattr(lexicon, "TERM_LISTS", (*lexicon.TERM_LISTS, "ships"))
    (tmp_path / "ships.txt").write_text("# ships the thesis names\nAurora\n", encoding="utf-8")
    words = lexicon.Lexicon.load(tmp_path)
    assert words.is_known("Aurora") and words.terms["aurora"] == "ships"


def test_a_new_output(tmp_path):
    @output("blocks", ".blocks.json", always=True)
    def blocks(cleaned):
        kinds = [b.kind for _, _, b in cleaned.document.blocks()]  # from the document, not the rendered text
        return json.dumps(kinds) + "\n"

    try:
        source, out = tmp_path / "a.txt", tmp_path / "out"
        source.write_text("12.\n\nThe pact was signed*\n", encoding="utf-8")
        cleaner = Cleaner(Config(["layout", "punctuation"]))
        report = batch.clean_file_to(cleaner, source, out)
        assert report.error is None and out / "a.blocks.json" in report.outputs
        assert json.loads((out / "a.blocks.json").read_text()) == ["page_number", "paragraph"]
        (out / "a.blocks.json").unlink()  # a run that did not write it is not up to date
        assert not batch.clean_file_to(cleaner, source, out, force=False).skipped
        assert (out / "a.blocks.json").is_file()
    finally:
        del OUTPUTS["blocks"]
