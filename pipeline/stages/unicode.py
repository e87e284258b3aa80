"""unicode: repair encoding damage and make characters consistent."""
from __future__ import annotations

import unicodedata

import ftfy
import regex

from ..document import Block, Change, Document, diff_changes
from ..registry import Stage, register

STRAY_MARK = regex.compile(r"\p{Mn}+")
CONTROL = regex.compile(r"[^\S\n]*[\p{Cc}\p{Cf}--[\n\t]]+", regex.V1)
HAS_CONTROL = regex.compile(r"[\p{Cc}\p{Cf}--[\n\t]]", regex.V1)  # where CONTROL matches: found faster
PUNCTUATION = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\t": " ",
})
RULE_CONFIDENCE = {"repair": 0.95, "drop_stray_marks": 0.9}
FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, normalization=None, explain=True)


def repair(line: str) -> tuple[str, str]:
    """ftfy's mojibake repair; returns the text and the fixers that fired.

    >>> repair("Quai d\\u00e2\\u20ac\\u2122Orsay")
    ('Quai d’Orsay', 'ftfy:encode/decode')
    >>> repair("plain text")
    ('plain text', '')
    """
    fixed, steps = ftfy.fix_and_explain(line, config=FTFY)
    actions = [step.action for step in steps or [] if step.action != "normalize"]
    return fixed, "ftfy:" + "/".join(actions) if actions else ""


def drop_stray_marks(line: str) -> str:
    """NFC; a combining mark that composes with nothing is scanner dust.

    >>> drop_stray_marks("p.62\\u0302 and *\\u0302 *")
    'p.62 and * *'
    >>> drop_stray_marks("Rene\\u0301")
    'René'
    """
    return STRAY_MARK.sub("", unicodedata.normalize("NFC", line))


def plain_punctuation(line: str) -> str:
    """Curly quotes and typographic dashes as a typewriter writes them.

    >>> plain_punctuation("Burits\\u2019s \\u201cspirit\\u201d \\u2014 1930\\u20131933")
    'Burits\\'s "spirit" - 1930-1933'
    """
    return CONTROL.sub("", line).translate(PUNCTUATION)


@register
class Unicode(Stage):
    """Repair mojibake (ftfy), NFC, drop control characters and stray combining marks, plain quotes and dashes."""

    name = "unicode"
    defaults = {"plain_punctuation": True}

    def __call__(self, doc: Document) -> Document:
        # ftfy judges the composed text a second run would see, and may uncover marks of its own
        steps = [drop_stray_marks, repair, drop_stray_marks]
        if self.settings["plain_punctuation"]:
            steps.append(plain_punctuation)
        for step in steps:  # one pass per fixer, so each edit names the fixer that made it
            doc = doc.rewrite(self.name, None, lambda block: self.propose(block, step))
        return doc

    @staticmethod
    def propose(block: Block, step) -> list[Change]:
        control = HAS_CONTROL.search(block.text) is not None  # nearly never: then no line need be searched
        if not control and block.text.isascii():
            return []
        changes, pos = [], 0
        for line in block.text.split("\n"):
            if not line.isascii() or control and HAS_CONTROL.search(line):
                fixed = step(line)
                rule = step.__name__.replace("_", "-")
                if isinstance(fixed, tuple):
                    fixed, rule = fixed
                if fixed != line:
                    changes += diff_changes(line, fixed, rule, RULE_CONFIDENCE.get(step.__name__, 1.0), pos)
            pos += len(line) + 1
        return changes
