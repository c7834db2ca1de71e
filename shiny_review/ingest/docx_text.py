"""Word (.docx) files to canonical text: the council's own audits, self-evaluations and
committee reports (issue 13).

Headings, numbered paragraphs, list items and table text are kept as blocks, so an evidence
log cites a Word file by section and paragraph (it has no pages: the whole file is page 1).
A file that is not a plain .docx (encrypted, an old .doc, macro-enabled, not a zip, one that
unpacks to far more than any report) is refused with one plain line, before python-docx
reads it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from shiny_review.domain.errors import InputFileError
from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest.blocks import Block, assemble
from shiny_review.ingest.normalise import clean

DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
MAX_UNPACKED = 200 * 1024**2  # all members, unpacked
MAX_RATIO = 200  # a member unpacking to more than this many times its packed size
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING = re.compile(r"^(?:heading\s*(\d)|title|subtitle)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MB = 1024**2


def check_docx(data: bytes, name: str) -> None:
    """Refuse, with one line, what is not a plain, reasonably sized .docx."""
    if data.startswith(_OLE):
        raise InputFileError(
            f"{name} is encrypted (password-protected) or an old Word .doc file: "
            "open it in Word and save it as a .docx without a password"
        )
    if not data.startswith(b"PK\x03\x04"):
        raise InputFileError(f"{name} is not a Word .docx file (it is not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputFileError(f"{name} is a damaged Word file ({exc})") from None
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED:
            raise InputFileError(
                f"{name} unpacks to {total / _MB:.0f} MB; Word files larger than "
                f"{MAX_UNPACKED // _MB} MB unpacked are not imported"
            )
        for info in infos:
            if info.file_size > _MB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputFileError(
                    f"{name} is not imported: {info.filename} inside it unpacks to "
                    f"{info.file_size / _MB:.0f} MB from {info.compress_size} bytes (a zip bomb?)"
                )
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if "word/vbaProject.bin" in names or b"macroEnabled" in types:
            raise InputFileError(
                f"{name} is a macro-enabled Word file (.docm): save it as a plain .docx "
                "(macros are never run or imported)"
            )
        if "word/document.xml" not in names:
            raise InputFileError(f"{name} is a zip archive, not a Word .docx file")


def _numbering_formats(document: Any) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> numFmt ('decimal', 'bullet', ...) from the numbering part."""
    formats: dict[tuple[str, str], str] = {}
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return formats
    abstract: dict[str, dict[str, str]] = {}
    for node in root.iter(f"{_W}abstractNum"):
        levels: dict[str, str] = {}
        for lvl in node.iter(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            levels[lvl.get(f"{_W}ilvl", "0")] = (
                fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal"
            )
        abstract[node.get(f"{_W}abstractNumId", "")] = levels
    for num in root.iter(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(f"{_W}val", ""), {}).items():
            formats[(num.get(f"{_W}numId", ""), ilvl)] = fmt
    return formats


def _list_level(paragraph: Any) -> tuple[str, str] | None:
    """(numId, ilvl) when the paragraph is in a Word list (directly or through its style)."""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None:
        style = paragraph.style
        while style is not None and num_pr is None:
            sppr = style.element.pPr
            num_pr = sppr.numPr if sppr is not None else None
            style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), str(ilvl)


def _body_items(document: Any) -> Iterator[Any]:
    """Paragraphs and tables in the order they stand in the body."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield Table(child, document)


def docx_blocks(document: Any) -> list[Block]:
    formats = _numbering_formats(document)
    counters: dict[tuple[str, int], int] = {}
    blocks: list[Block] = []
    for item in _body_items(document):
        if not hasattr(item, "style") or item.__class__.__name__ == "Table":
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = clean(" ".join(cell.text.split()))
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    blocks.append(Block(page=1, text=" | ".join(cells)))
            continue
        text = clean(" ".join(item.text.split()))
        if not text:
            continue
        style_name = item.style.name if item.style is not None else ""
        if _HEADING.match(style_name or ""):
            blocks.append(Block(page=1, heading=True, text=text))
            continue
        level = _list_level(item)
        if level is None and "list bullet" in (style_name or "").lower():
            blocks.append(Block(page=1, bullet=True, text=text))
            continue
        if level is None:
            blocks.append(Block(page=1, text=text))
            continue
        num_id, ilvl = level
        if formats.get(level, "decimal") in ("bullet", "none"):
            blocks.append(Block(page=1, bullet=True, text=text))
            continue
        depth = int(ilvl)
        key = (num_id, depth)
        counters[key] = counters.get(key, 0) + 1
        for deeper in [k for k in counters if k[0] == num_id and k[1] > depth]:
            del counters[deeper]  # a new item restarts the levels below it
        blocks.append(Block(page=1, number=counters[key], text=text))
    return blocks


def extract_docx(data: bytes, name: str) -> tuple[ExtractedText, str | None]:
    """Canonical text of a .docx, and its title from the file's properties (if any)."""
    check_docx(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken part
        raise InputFileError(f"{name} could not be read as a Word file ({exc})") from None
    blocks = docx_blocks(document)
    if not blocks:
        raise InputFileError(f"{name} has no text in it")
    title = (document.core_properties.title or "").strip() or None
    return assemble(blocks, 1), title
