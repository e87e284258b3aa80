"""OCR-aware word correction: candidates, a noisy channel and a document that teaches itself.

- :mod:`.channel`: how the scanner garbles letters (confusion costs, learning);
- :mod:`.vocabulary`: what words exist and how common (English, domain, cached index);
- :mod:`.context`: which word pairs go together (bigrams);
- :mod:`.tokens`: which pieces of a line are words worth looking at;
- :mod:`.engine`: the :class:`Corrector` that puts them together.
"""
from .engine import Corrector  # noqa: F401
