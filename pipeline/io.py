"""Reading inputs safely and writing outputs atomically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def read_text(path: Path) -> str:
    """Decode an input file; a clear :class:`InputError` for what is not text.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; other
    bytes that are not UTF-8 are read as Windows-1252, the usual legacy
    encoding of English text. Line ends become LF.
    """
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    text = decode(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096] and data[:4096].count(b"\x00") > len(data[:4096]) // 8:
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: neither UTF-8 nor Windows-1252 text (byte {exc.start})") from None
    if sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f") > 16:
        raise InputError(f"{path}: binary file, not text")
    return text


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename: readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
