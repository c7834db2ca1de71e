"""The page view's use cases: the kept original, highlight rectangles, drag to text range,
the annotated PDF export, and rectangles recomputed for a new version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pymupdf
import pytest

from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import ValidationError
from shiny_review.domain.geometry import PageRect, WordBoxes
from shiny_review.services.review import ReviewService
from shiny_review.storage.restore import restore_backup
from shiny_review.storage.workspace import Workspace
from tests.conftest import CORPUS

REPORT = "bedford-2025-august-27.pdf"


def quote_on_page(service: ReviewService, doc: int, page: int) -> tuple[int, int]:
    """Eight words from the first long paragraph that starts on ``page``."""
    extracted = service.documents.text(doc)
    for paragraph in extracted.paragraphs:
        body = extracted.text[paragraph.start : paragraph.end]
        if paragraph.page == page and not paragraph.is_heading and len(body.split()) >= 14:
            words = body.split()
            start = paragraph.start + body.index(words[2] + " " + words[3])
            end = start + len(" ".join(words[2:10]))
            return start, end
    raise AssertionError(f"no long paragraph starts on page {page}")


def pymupdf_boxes(pdf: Path, page: int, quote: str) -> list[pymupdf.Rect]:
    """The word boxes pymupdf gives for ``quote`` on ``page`` (1-based)."""
    with pymupdf.open(pdf) as doc:
        words = doc[page - 1].get_text("words")
    wanted = quote.split()
    texts = [w[4] for w in words]
    for i in range(len(texts) - len(wanted) + 1):
        if texts[i : i + len(wanted)] == wanted:
            return [pymupdf.Rect(w[:4]) for w in words[i : i + len(wanted)]]
    raise AssertionError(f"pymupdf does not find {quote!r} on page {page}")


def covers(rects: list[PageRect], box: pymupdf.Rect, page: int) -> bool:
    """At least 90% of ``box`` lies inside one of the rectangles on ``page``."""
    for r in rects:
        if r.page != page:
            continue
        inside = pymupdf.Rect(r.x0, r.y0, r.x1, r.y1) & box
        if not inside.is_empty and inside.get_area() >= 0.9 * box.get_area():
            return True
    return False


@pytest.fixture
def report(tmp_path: Path, shared_dir: Path) -> Path:
    copy = tmp_path / REPORT
    shutil.copy(CORPUS / REPORT, copy)
    return copy


def test_the_original_is_kept_once_and_outlives_the_file(
    service: ReviewService, report: Path, tmp_path: Path
) -> None:
    data = report.read_bytes()
    doc = service.documents.import_file(report).value.document.id
    again = tmp_path / "again.pdf"
    shutil.copy(report, again)
    assert service.documents.import_file(again).value.document.id == doc
    report.unlink()
    again.unlink()
    assert service.pages.original(doc) == data
    assert service.pages.stored_size() == (1, len(data))


def test_highlight_rectangles_cover_the_quote_words_on_page_4(
    service: ReviewService, report: Path
) -> None:
    doc = service.documents.import_file(report).value.document.id
    # The import leaves the word boxes until first needed (issue 16): a highlight made
    # before then has no rectangles yet, and gets them when the boxes are made.
    assert service.pages.words_pending(doc) and service.pages.has_pages(doc)
    assert service.pages.word_boxes(doc) is None
    start, end = quote_on_page(service, doc, 4)
    quote = service.documents.text(doc).text[start:end]
    ann = service.annotations.add(doc, start, end, stance=Stance.SHOWS_CONCERN).value
    assert service.pages.highlights(doc) == []
    words = service.pages.make_word_boxes(doc)
    assert isinstance(words, WordBoxes) and not service.pages.words_pending(doc)
    assert service.pages.make_word_boxes(doc) is words  # made once
    placed = next(h for h in service.pages.highlights(doc) if h.annotation_id == ann.id)
    boxes = pymupdf_boxes(report, 4, quote)
    assert len(boxes) == 8
    assert all(covers(list(placed.rects), box, 4) for box in boxes)
    assert {r.page for r in placed.rects} == {4}
    # A highlight made once the boxes exist is placed as it is made.
    later = service.annotations.add(doc, start, end, stance=Stance.SUPPORTS_PROGRESS).value
    again = next(h for h in service.pages.highlights(doc) if h.annotation_id == later.id)
    assert again.rects == placed.rects


def test_a_drag_between_two_words_selects_the_text_between_them(
    service: ReviewService, report: Path
) -> None:
    doc = service.documents.import_file(report).value.document.id
    service.pages.make_word_boxes(doc)
    start, end = quote_on_page(service, doc, 4)
    quote = service.documents.text(doc).text[start:end]
    boxes = pymupdf_boxes(report, 4, quote)
    first, last = boxes[0], boxes[-1]
    found = service.pages.range_between(
        doc,
        4,
        ((first.x0 + first.x1) / 2, (first.y0 + first.y1) / 2),
        ((last.x0 + last.x1) / 2, (last.y0 + last.y1) / 2),
    )
    assert found == (start, end)


def test_annotated_pdf_has_one_highlight_per_highlight_with_quads_and_note(
    service: ReviewService, report: Path, tmp_path: Path
) -> None:
    doc = service.documents.import_file(report).value.document.id
    rec = service.recommendations.all(doc)[0]
    start, end = quote_on_page(service, doc, 4)
    quote = service.documents.text(doc).text[start:end]
    service.annotations.add(doc, start, end, stance=Stance.SUPPORTS_PROGRESS, note="Plans improved")
    service.annotations.add_quote(
        doc,
        service.documents.text(doc).text[10:40].strip(),
        recommendation_ids=[rec.id],
        note="Second",
    )
    out = tmp_path / "annotated.pdf"
    assert service.pages.words_pending(doc)  # the export makes them first
    assert service.pages.export_pdf(doc, out) == 2
    annots = read_highlights(out)
    assert len(annots) == 2
    assert all(a["type"] == "Highlight" for a in annots)
    page4 = [a for a in annots if a["page"] == 4]
    assert len(page4) == 1
    info = page4[0]["info"]
    assert "Plans improved" in info["content"]
    assert info["title"] == "Test Officer"
    assert info["creationDate"].startswith("D:")
    for box in pymupdf_boxes(report, 4, quote):
        assert any((q & box).get_area() >= 0.9 * box.get_area() for q in page4[0]["quads"])
    second = next(a for a in annots if "Second" in a["info"]["content"])
    assert rec.text[:40] in second["info"]["content"].replace("\n", " ")
    assert [round(c * 255) for c in page4[0]["stroke"]] == [0xBF, 0xE8, 0xC0]


def read_highlights(pdf_path: Path) -> list[dict[str, object]]:
    """Every annotation of a PDF as plain values, read with pymupdf."""
    found: list[dict[str, object]] = []
    with pymupdf.open(pdf_path) as pdf:
        for page in pdf:
            for annot in page.annots():
                vertices = annot.vertices
                quads = [pymupdf.Quad(vertices[i : i + 4]).rect for i in range(0, len(vertices), 4)]
                found.append(
                    {
                        "page": page.number + 1,
                        "type": annot.type[1],
                        "info": dict(annot.info),
                        "quads": quads,
                        "stroke": annot.colors["stroke"],
                    }
                )
    return found


def test_a_text_document_refuses_pdf_export_in_one_line(
    service: ReviewService, tmp_path: Path
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("A plain note about the inspection.\n", encoding="utf-8")
    doc = service.documents.import_file(text).value.document.id
    with pytest.raises(ValidationError) as err:
        service.pages.export_pdf(doc, tmp_path / "out.pdf")
    assert "\n" not in str(err.value) and "text document" in str(err.value)
    assert not service.pages.has_pages(doc)


def _letter(path: Path, lead: str) -> Path:
    with pymupdf.open() as pdf:
        page = pdf.new_page()
        page.insert_text((72, 100), lead, fontsize=11)
        page.insert_text((72, 130), "Leaders know their services well and act on it.", fontsize=11)
        pdf.save(path)
    return path


def test_a_new_version_moves_the_rectangles_with_the_anchor(
    service: ReviewService, tmp_path: Path
) -> None:
    doc = service.documents.import_file(
        _letter(tmp_path / "v1.pdf", "Opening line.")
    ).value.document.id
    ann = service.annotations.add_quote(doc, "know their services").value
    service.pages.make_word_boxes(doc)
    before = service.pages.highlights(doc)[0].rects
    longer = "A much longer opening line that pushes nothing down but changes the text."
    service.versions.import_file(doc, _letter(tmp_path / "v2.pdf", longer))
    assert service.pages.words_pending(doc)  # the new version's boxes: on first need
    service.pages.make_word_boxes(doc)
    after = service.pages.highlights(doc)[0]
    assert after.annotation_id == ann.id
    assert after.rects and after.rects[0].page == 1
    assert service.documents.text(doc).text[: len(longer)] == longer
    words = service.pages.word_boxes(doc)
    assert isinstance(words, WordBoxes)
    moved = service.annotations.get(ann.id).anchor
    expected = words.rects_for(moved.start, moved.end)
    assert len(after.rects) == len(expected) == 1
    assert after.rects[0].as_list() == pytest.approx(expected[0].as_list(), abs=0.06)
    assert before[0].y0 == pytest.approx(after.rects[0].y0, abs=1)


def test_restore_from_backup_carries_the_original(workspace_path: Path, report: Path) -> None:
    with Workspace(workspace_path, "Officer") as ws:
        service = ReviewService(ws)
        doc = service.documents.import_file(report).value.document.id
        backup = ws.backup_now()
        data = report.read_bytes()
    report.unlink()
    workspace_path.unlink()
    restore_backup(backup, workspace_path)
    with Workspace(workspace_path, "Officer") as ws:
        assert ReviewService(ws).pages.original(doc) == data


def test_word_boxes_round_trip_through_bytes() -> None:
    words = WordBoxes()
    words.add(0, 5, 1, (10.0, 20.0, 50.5, 32.0))
    words.add(6, 11, 1, (55.0, 20.0, 90.2, 32.0))
    words.add(12, 20, 2, (10.0, 40.0, 70.0, 52.0))
    back = WordBoxes.from_bytes(words.to_bytes())
    assert back.starts == words.starts and back.ends == words.ends
    assert back.rects_for(0, 11) == [PageRect(1, 10.0, 20.0, 90.2, 32.0)]
    assert [r.page for r in back.rects_for(3, 15)] == [1, 2]
