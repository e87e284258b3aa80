"""What several stages know alike: the layer under the stages, so that no stage imports another.

- :mod:`.notation`: how the clean text writes a note and its mark (``[^N]``), the only place it is spelled;
- :mod:`.glyphs`: the scan's glyphs: what it makes of a full stop, its quotes, the letters it reads for digits;
- :mod:`.paragraphs`: where a sentence or a paragraph ends, a chapter's title;
- :mod:`.garbles`: lines the scan garbled past reading;
- :mod:`.punctuation`: the punctuation rules, in order (the punctuation stage runs them; words and
  citations ask whether a change would give them work);
- :mod:`.citations`: the stops and commas of a note's citations (footnotes chooses them before
  punctuation reads every stop glyph as a full stop; citations mends the rest).

A stage imports from here and from the model (``pipeline.document``), never from another stage.
"""
