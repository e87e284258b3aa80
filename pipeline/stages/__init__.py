"""The stages, one module (or package) each, and their default order: the only list of them.

Importing this package imports each stage's module, which registers the stage
(``@register``) in :data:`STAGES`.
"""
import importlib

from ..registry import STAGES

ORDER = ("unicode", "insertions", "layout", "hyphenation", "footnotes", "reflow", "punctuation", "corrections", "words",
         "citations", "review")

for _name in ORDER:
    importlib.import_module(f"{__name__}.{_name}")

__all__ = ["ORDER", "STAGES"]
