"""Reading inputs safely and writing outputs atomically.

A raw file is decoded into a :class:`Source` that remembers how it was
encoded (encoding, BOM) so the exact bytes can be rebuilt from the text:
every decoding accepted here round-trips, and :func:`read_source` checks it.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from .errors import InputError

BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
SNIFF = 4096  # bytes looked at to tell binary from text


@dataclass
class Source:
    """A raw file as text, with what is needed to turn the text back into its bytes."""

    path: Path
    text: str  # decoded, line ends as in the file (CR and CRLF kept)
    encoding: str  # a Python codec name: utf-8, utf-16-le, utf-16-be, cp1252
    bom: bool
    sha256: str
    size: int

    @property
    def normalised(self) -> str:
        """The text the pipeline cleans: line ends become LF."""
        return normalise_newlines(self.text)

    @property
    def note(self) -> str | None:
        """What the user should know about how the file was read, if anything unusual."""
        if self.encoding == "cp1252":
            return f"{self.path}: not UTF-8, decoded as Windows-1252"
        if self.encoding.startswith("utf-16"):
            return f"{self.path}: decoded as UTF-16 (byte order mark)"
        return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """The inverse of decoding: the bytes a :class:`Source` came from."""
    return (BOMS[encoding] if bom else b"") + text.encode(encoding)


def read_source(path: Path) -> Source:
    """Read and decode one input file, or raise a one-line :class:`InputError`."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(f"{path}: empty file, nothing to clean")
    text, encoding, bom = decode(data, path)
    if encode(text, encoding, bom) != data:  # never accept a reading we could not undo
        raise InputError(f"{path}: bytes do not round-trip through {encoding}; not plain text")
    return Source(path, text, encoding, bom, hashlib.sha256(data).hexdigest(), len(data))


def read_text(path: Path) -> str:
    """Decoded text of an input file with LF line ends (the Python API's reader)."""
    return read_source(path).normalised


def decode(data: bytes, path: Path) -> tuple[str, str, bool]:
    """``(text, encoding, bom)``: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    >>> decode("café".encode("cp1252"), Path("f"))
    ('café', 'cp1252', False)
    >>> decode(b"\\xff\\xfea\\x00", Path("f"))
    ('a', 'utf-16-le', True)
    """
    for encoding in ("utf-16-le", "utf-16-be"):
        if data.startswith(BOMS[encoding]):
            try:
                return data[2:].decode(encoding), encoding, True
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: invalid UTF-16 (byte {exc.start + 2})") from None
    bom = data.startswith(BOMS["utf-8"])
    body = data[3:] if bom else data
    if _looks_binary(body):
        raise InputError(f"{path}: binary file, not text{_kind(body)}")
    try:
        return body.decode("utf-8"), "utf-8", bom
    except UnicodeDecodeError as exc:
        if bom or _looks_like_utf8(body):
            raise InputError(f"{path}: invalid UTF-8 at byte {exc.start + 3 * bom}") from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: neither UTF-8 nor Windows-1252 text (byte {exc.start})") from None
    return text, "cp1252", False


MAGIC = {b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"%PDF": "PDF",
         b"PK\x03\x04": "zip archive", b"II*\x00": "TIFF image", b"MM\x00*": "TIFF image", b"\x1f\x8b": "gzip"}
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"


def _looks_binary(data: bytes) -> bool:
    """A known file signature, or many control bytes (a few stray NULs are still text)."""
    head = data[:SNIFF]
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return bool(_kind(data)) or controls > max(16, len(head) // 20)


def _kind(data: bytes) -> str:
    return next((f" ({name})" for magic, name in MAGIC.items() if data.startswith(magic)), "")


def _looks_like_utf8(data: bytes) -> bool:
    """Holds well-formed multi-byte UTF-8 sequences: damaged UTF-8, not a legacy encoding."""
    import re

    return re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data) is not None


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """A text handle on a temporary file renamed over ``path`` only when the block succeeds.

    An interrupted run (Ctrl-C, kill, an error) leaves the old file or none, never half a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(path: Path) -> None:
    """Delete what :func:`atomic_writer` left for ``path`` when its process was killed.

    Call it only while no other writer of ``path`` can be running (batch holds the stem's lock).
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(path.parent):
            if pattern.fullmatch(entry.name):
                Path(entry.path).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename: readers see the old or the new file, never half."""
    with atomic_writer(path) as handle:
        handle.write(text)


def last_line(path: Path, limit: int = 1 << 16) -> str:
    """The last line of a text file, read from its end (logs can be large)."""
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - limit))
        tail = handle.read().rstrip(b"\n")
    return tail.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")
