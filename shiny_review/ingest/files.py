"""Reading a file given to import: checks, type sniffing and plain error messages."""

from __future__ import annotations

from pathlib import Path

from shiny_review.domain.errors import InputFileError
from shiny_review.ingest.plain_text import wide_codec

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive or Word/Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an ``InputFileError`` saying plainly why it cannot be read."""
    name = path.name or str(path)
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    if path.is_dir():
        raise InputFileError(f"{path} is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"{name} cannot be read: {exc.strerror or exc}") from exc
    if not data:
        raise InputFileError(f"{name} is empty (0 bytes)")
    return data


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def looks_like_text(data: bytes) -> bool:
    """Mostly printable characters and no NUL bytes in the first few kilobytes."""
    sample = data[:8192]
    codec = wide_codec(sample)
    if codec is not None:  # UTF-16 (Notepad's "Unicode") or UTF-32: NUL bytes are normal
        unit = 4 if "32" in codec else 2
        text = sample[: len(sample) - len(sample) % unit].decode(codec, errors="replace")
        text = text.lstrip("\ufeff")
    elif b"\x00" in sample:
        return False
    else:
        text = _narrow(sample)
    if not text:
        return False
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t\f")
    return printable / len(text) > 0.95 and text.count("\ufffd") < len(text) * 0.01


def _narrow(sample: bytes) -> str:
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:
            text = sample[: exc.start].decode("utf-8-sig")
        else:
            text = sample.decode("cp1252", errors="replace")
    return text


def describe(data: bytes) -> str:
    """A short plain description of what some bytes look like."""
    head = data[:512].lstrip()
    lowered = head.lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "a web page (HTML)"
    if lowered.startswith(b"<?xml") or lowered.startswith(b"<"):
        return "an XML or HTML file"
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return what
    if looks_like_text(data):
        return "plain text"
    return "binary data"


def wrong_type(path: Path, data: bytes) -> InputFileError:
    what = describe(data)
    wanted = "a PDF" if path.suffix.lower() == ".pdf" else "a PDF or text file"
    return InputFileError(f"{path.name} is not {wanted}: it looks like {what}")
