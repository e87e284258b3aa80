"""Record mode: every input line is one independent record.

Collections kept in databases and JSON hold articles, sentences or captions,
one per line, not pages of a book.  Record mode runs the configured stages
minus those that read page structure (page numbers, footnotes, line-end
hyphens, paragraph reflow) over each line on its own, so a record never
borrows words from its neighbour and the output has exactly as many lines as
the input.  A stage registered later (say ``words``) is picked up as soon as
the configuration lists it, unless it is named in :data:`PAGE_STAGES`.

>>> cleaner = RecordCleaner(Config(stages=["unicode", "layout", "punctuation"]))
>>> [s.name for s in cleaner.stages]
['unicode', 'punctuation']
>>> result = cleaner.clean("The pact was signed*\\n\\n  \\n12.\\nSeite f\\u00fcr Seite\\n")
>>> result.text.split("\\n")
['The pact was signed.', '', '  ', '12.', 'Seite für Seite', '']
>>> [(e.rule, e.line) for e in result.edits]
[('sentence-stop', 1)]
"""
from __future__ import annotations

import dataclasses
import json
import re

from .config import Config
from .core import Cleaner, Result
from .document import Block, Document, Edit, Page
from .errors import InputError

# Stages that only make sense on pages of a book: they find page numbers,
# footnotes and paragraphs, or join text across line ends.
PAGE_STAGES = frozenset({"layout", "hyphenation", "reflow", "footnotes"})


def record_config(config: Config) -> Config:
    """The same configuration with the page-structure stages left out.

    Records keep their own typography (curly quotes, dashes, no-break spaces)
    unless the configuration asks for plain punctuation explicitly: a
    collection's clean text must come out as it went in.
    """
    settings = {k: dict(v) for k, v in config.settings.items()}
    settings.setdefault("unicode", {}).setdefault("plain_punctuation", False)
    return dataclasses.replace(config, stages=[s for s in config.stages if s not in PAGE_STAGES], settings=settings)


class RecordCleaner:
    """Clean text line by line; ``clean(text, name) -> Result`` like :class:`Cleaner`.

    Edits carry the record's line number; the result's document holds one
    block per record (``blank`` for empty ones), all on page 1.
    """

    suffix = ".txt"  # the output file's ending, read by batch.output_paths
    records = True  # batch: cut pieces at record ends and join them as they are

    def __init__(self, config: Config | None = None):
        self.cleaner = Cleaner(record_config(config or Config.discover()))
        self.config, self.stages, self.resources = self.cleaner.config, self.cleaner.stages, self.cleaner.resources
        if "words" in self.config.stages:
            self.resources.corrector.carry = True  # the batch's files share their garbles (see WordMemo.carried)

    def clean_record(self, record: str, number: int = 1) -> tuple[str, list[Edit]]:
        """One record, cleaned on its own, still one line.

        >>> RecordCleaner(Config(stages=["punctuation"])).clean_record("Vol*12, p* 3", 7)[0]
        'Vol.12, p. 3'
        """
        texts, edits = self.clean_pieces([(number, record)])
        return texts[0], edits

    def clean_pieces(self, pieces: list[tuple[int, str]]) -> tuple[list[str], list[Edit]]:
        """Clean pieces of text (record number, text) as one document, each piece still one line.

        The file is one document: the words stage learns its scan profile and
        counts from all records together, and each record is one block of it,
        so a record never borrows words from its neighbour.
        """
        blocks = [Block("paragraph" if text.strip() else "blank", text, 1, number) for number, text in pieces]
        result = self.cleaner.run(Document("records", [Page(1, blocks)]))
        cleaned = [b.text.replace("\n", " ") if b.kind != "blank" else b.text
                   for _, _, b in result.document.blocks()]
        if len(cleaned) != len(pieces):  # the promise of record mode, checked before anything is written
            raise InputError(f"record mode: {len(pieces)} records in, {len(cleaned)} out")
        return cleaned, [dataclasses.replace(e, line=e.line) for e in result.edits]

    def clean(self, text: str, name: str = "records") -> Result:
        records = text.split("\n")
        try:
            cleaned, edits = self.clean_pieces(list(enumerate(records, 1)))
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from None
        blocks = [Block("paragraph" if line.strip() else "blank", line, 1, number)
                  for number, line in enumerate(cleaned, 1)]
        return Result("\n".join(cleaned), Document(name, [Page(1, blocks)], edits))


class JsonlCleaner(RecordCleaner):
    """JSON Lines: clean one string field of each object, keep the other fields.

    A line whose field is absent, not a string or unchanged is written back
    byte for byte; a field holding several lines is cleaned line by line.
    Only the field's value is rewritten: the rest of the line keeps its bytes
    (numbers as written, duplicate keys, spacing), since re-encoding the
    object would change them.

    >>> cleaner = JsonlCleaner(Config(stages=["punctuation"]), field="text")
    >>> print(cleaner.clean('{"id": 1, "text": "It was signed* Then"}\\n\\n{"id": 2}').text)
    {"id": 1, "text": "It was signed. Then"}
    <BLANKLINE>
    {"id": 2}
    """

    suffix = ".jsonl"

    def __init__(self, config: Config | None = None, field: str = "text"):
        super().__init__(config)
        self.field = field

    def clean_record(self, record: str, number: int = 1) -> tuple[str, list[Edit]]:
        lines, edits = self.clean_lines([record], number)
        return lines[0], edits

    def clean(self, text: str, name: str = "records") -> Result:
        try:
            lines, edits = self.clean_lines(text.split("\n"))
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from None
        blocks = [Block("paragraph" if line.strip() else "blank", line, 1, number)
                  for number, line in enumerate(lines, 1)]
        return Result("\n".join(lines), Document(name, [Page(1, blocks)], edits))

    def clean_lines(self, records: list[str], first: int = 1) -> tuple[list[str], list[Edit]]:
        """The records with their field cleaned, all fields of the file as one document."""
        values: dict[int, str] = {}
        for number, record in enumerate(records, first):
            value = self.field_value(record, number)
            if value is not None:
                values[number] = value
        pieces = [(number, piece) for number, value in values.items() for piece in value.split("\n")]
        cleaned, edits = self.clean_pieces(pieces) if pieces else ([], [])
        by_record: dict[int, list[str]] = {}
        for (number, _), piece in zip(pieces, cleaned):
            by_record.setdefault(number, []).append(piece)
        changed = {e.line for e in edits}
        out = []
        for number, record in enumerate(records, first):
            if number not in changed:
                out.append(record)  # unchanged: byte for byte
                continue
            start, end = value_span(record, self.field)
            out.append(record[:start] + json.dumps("\n".join(by_record[number]), ensure_ascii=False) + record[end:])
        return out, edits

    def field_value(self, record: str, number: int) -> str | None:
        """The field's string value, or None for a blank line or an object without it."""
        if not record.strip():
            return None
        try:
            obj = json.loads(record)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number}: not JSON ({exc.msg} at column {exc.colno})") from None
        value = obj.get(self.field) if isinstance(obj, dict) else None
        return value if isinstance(value, str) else None


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def value_span(line: str, key: str) -> tuple[int, int]:
    """Where the value of ``key`` sits in a JSON object line that parses; the last one
    if the key repeats, as :func:`json.loads` keeps the last.

    >>> line = '{"text": "a", "n": 1e400, "text" : "b*"}'
    >>> start, end = value_span(line, "text")
    >>> line[start:end]
    '"b*"'
    """
    span = None
    pos = _SPACE.match(line, _SPACE.match(line).end() + 1).end()  # past "{"
    while line[pos] == '"':
        name, pos = json.decoder.scanstring(line, pos + 1)
        pos = _SPACE.match(line, _SPACE.match(line, pos).end() + 1).end()  # past ":"
        _, end = _DECODER.raw_decode(line, pos)
        if name == key:
            span = (pos, end)
        pos = _SPACE.match(line, end).end()
        if line[pos] == ",":
            pos = _SPACE.match(line, pos + 1).end()
    if span is None:
        raise ValueError(f"no key {key!r}")
    return span


def make_cleaner(config: Config | None = None, mode: str = "pages", field: str = "text"):
    """The cleaner for a mode: ``pages`` (books), ``lines`` or ``jsonl`` (records)."""
    from .errors import ConfigError

    if mode == "pages":
        return Cleaner(config)
    if mode == "lines":
        return RecordCleaner(config)
    if mode == "jsonl":
        return JsonlCleaner(config, field)
    raise ConfigError(f"--mode {mode!r}: expected pages, lines or jsonl")
