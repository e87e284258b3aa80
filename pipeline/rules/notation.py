"""How the clean text writes a footnote: ``[^N]`` where the note is cited, ``[^N]: text`` for the note.

The only place the notation is spelled: the footnotes stage writes it, the
stages after it read around it, the outputs and a second run read it back.
A note continued from the page before, whose number the page does not
repeat, is ``[^cont]``.

>>> reference("14"), definition("14", "DVP  Vol.13,\\np.111.")
('[^14]', '[^14]: DVP Vol.13, p.111.')
>>> [m["label"] for m in REFERENCE.finditer("a pact.[^14] [^15]: Ibid.")]
['14']
"""
from __future__ import annotations

import regex

CONTINUED = "cont"
LABEL = r"[^\]\s]+"
MARK = rf"\[\^{LABEL}\]"  # a mark, as a piece of a larger pattern
REFERENCE = regex.compile(rf"\[\^(?P<label>{LABEL})\](?!:)")  # a mark in the text (not a definition's label)
DEFINITION_START = regex.compile(rf"^\[\^(?P<label>{LABEL})\]:\s*")  # a note's line, read back
DEFINITION = regex.compile(rf"^\[\^(?P<label>{LABEL})\]:[ \t]*(?P<text>.*)$")
DEFINITION_ANYWHERE = regex.compile(rf"\[\^(?P<label>{LABEL})\]:")
MARK_OR_LABEL = regex.compile(r"\[\^[^\]\s]*\]:?")  # either, as a token of the text


def reference(label: str) -> str:
    return f"[^{label}]"


def definition(label: str | None, text: str) -> str:
    """A note's line: its label (``cont`` for the rest of the last page's note) and its text on one line."""
    return f"[^{label or CONTINUED}]: {' '.join(text.split())}"
