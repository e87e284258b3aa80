"""One module per stage; importing this package registers them all."""
from . import unicode, insertions, layout, hyphenation, footnotes, reflow, punctuation, corrections, words, citations, review  # noqa: F401
