"""One module per stage; importing this package registers them all."""
from . import unicode, layout, hyphenation, reflow, punctuation, words  # noqa: F401
