"""OCR-aware word correction: a noisy channel whose scan profile and counts each document teaches.

- :mod:`.profile`: what the scan does to letters, ``P(scanned piece | typed piece)``, learned;
- :mod:`.language`: how likely words are, alone and in pairs (English and the document);
- :mod:`.candidates`: which readings of a word are worth weighing;
- :mod:`.tokens`: which pieces of a line are words worth looking at;
- :mod:`.grammar`: readings English grammar settles (``would he concluded``);
- :mod:`.decision`: what the corrector decides (:class:`Decision`, :class:`Plan`);
- :mod:`.engine`: the :class:`Corrector`: EM over the document, then its passes in order.
"""
from .engine import Corrector  # noqa: F401
