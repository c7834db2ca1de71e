"""The improvement-board report as a printable PDF, made offline with pymupdf.

It lives in ingest/ because pymupdf may only be imported here (the layer rule); it reads
nothing but the plain report rows it is given (``domain/board_report.py``). Layout: a cover
page (title, date, statutory deadlines, RAG key), a chart page drawn with vector drawings
(RAG counts per judgement area; evidence per recommendation, gaps marked), then one section
per recommendation: what Ofsted said (then, and since in later letters), its actions and
their RAG, the latest update and the quotes that evidence it with document, page and
paragraph. Every text from the workspace passes through ``html.escape`` before the Story's
HTML sees it; chart labels are drawn with the same escaping.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from typing import Any

import pymupdf as _pymupdf

from shiny_review.domain.action_plan import (
    RAG_AMBER,
    RAG_DONE,
    RAG_GREEN,
    RAG_NO_ACTIONS,
    RAG_NOT_STARTED,
    RAG_RED,
    Rag,
)
from shiny_review.domain.board_report import BoardReport, ReportRecommendation

pymupdf: Any = _pymupdf  # pymupdf has no type hints

PAGE = pymupdf.paper_rect("a4")
MARGIN = 48
BODY = pymupdf.Rect(PAGE.x0 + MARGIN, PAGE.y0 + MARGIN, PAGE.x1 - MARGIN, PAGE.y1 - MARGIN)
RAG_KEY = (RAG_RED, RAG_AMBER, RAG_GREEN, RAG_NOT_STARTED, RAG_DONE, RAG_NO_ACTIONS)
CHART_TITLE_RAG = "RAG counts per judgement area"
CHART_TITLE_EVIDENCE = "Evidence per recommendation (gaps marked)"

CSS = """
* { font-family: sans-serif; }
body { font-size: 10pt; line-height: 1.3; }
h1 { font-size: 22pt; margin-bottom: 6pt; }
h2 { font-size: 13pt; margin-top: 14pt; margin-bottom: 4pt; }
h3 { font-size: 10.5pt; margin-top: 8pt; margin-bottom: 2pt; }
p { margin-top: 2pt; margin-bottom: 2pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.5pt solid #999999; padding: 2pt; vertical-align: top; font-size: 9pt; }
th { background-color: #e0e0e0; text-align: left; }
.rag { color: #ffffff; font-weight: bold; padding: 1pt 3pt; }
.overdue { color: #c62828; font-weight: bold; }
.quote { margin-left: 12pt; font-style: italic; }
.where { margin-left: 12pt; color: #444444; font-size: 8.5pt; }
.muted { color: #555555; }
"""


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    content: bytes
    pages: int


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def rag_html(rag: Rag) -> str:
    return f'<span class="rag" style="background-color: {rag.colour}">{esc(rag.label)}</span>'


def _cover_html(report: BoardReport) -> str:
    parts = [
        f"<h1>{esc(report.title)}</h1>",
        f"<p>Made on {esc(report.today.isoformat())} from the review workspace.</p>",
        f"<p>{len(report.recommendations)} recommendations; "
        f"{sum(len(r.actions) for r in report.recommendations)} actions; "
        f"{sum(len(r.updates) for r in report.recommendations)} progress updates.</p>",
        "<h2>Statutory deadlines</h2>",
    ]
    if report.deadlines:
        parts.append(
            "<table><tr><th>Letter</th><th>Response</th><th>Due</th><th>Working days left</th></tr>"
        )
        for d in report.deadlines:
            left = ""
            if d.working_days_left is not None:
                left = (
                    f'<span class="overdue">{-d.working_days_left} overdue</span>'
                    if d.working_days_left < 0
                    else str(d.working_days_left)
                )
            parts.append(
                f"<tr><td>{esc(d.document_title)}</td><td>{esc(d.title)}</td>"
                f"<td>{esc(d.due.isoformat() if d.due else 'none')}</td><td>{left}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>None.</p>")
    parts.append("<h2>RAG key</h2><p>")
    parts.append(" &#160; ".join(rag_html(r) for r in RAG_KEY))
    parts.append("</p>")
    return "".join(parts)


def _recommendation_html(rec: ReportRecommendation, report: BoardReport) -> str:
    parts = [
        f"<h2>{esc(rec.label)}: {esc(rec.text)}</h2>",
        f"<p>{rag_html(rec.rag)} <span class='muted'>Thread {esc(rec.thread)}; "
        f"judgement area: {esc(rec.area)}</span></p>",
        "<h3>What Ofsted said</h3>",
        f"<p>{esc(rec.document_title)}: {esc(rec.text)}</p>",
    ]
    since = [q for q in rec.evidence if q.later_letter]
    if since:
        parts.append("<h3>Since</h3>")
        for q in since:
            parts.append(
                f'<p class="quote">“{esc(q.quote)}”</p>'
                f'<p class="where">{esc(q.document_title)}, page {esc(q.page or "-")}</p>'
            )
    parts.append("<h3>Actions</h3>")
    if rec.actions:
        parts.append(
            "<table><tr><th>Action</th><th>Owner</th><th>Start</th><th>Due</th><th>RAG</th></tr>"
        )
        for a in rec.actions:
            late = a.days_overdue(report.today)
            due = esc(a.due_date.isoformat())
            if late:
                due += f'<br/><span class="overdue">{late} days overdue</span>'
            start = esc(a.start_date.isoformat()) if a.start_date else ""
            parts.append(
                f"<tr><td>{esc(a.text)}</td><td>{esc(a.owner)}</td><td>{start}</td>"
                f"<td>{due}</td><td>{rag_html(a.status.rag)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p class='muted'>No actions yet.</p>")
    latest = rec.latest_update
    parts.append("<h3>Latest update</h3>")
    if latest is not None:
        stamp = latest.at.isoformat(sep=" ", timespec="minutes")
        parts.append(
            f"<p class='muted'>{esc(stamp)}, {esc(latest.author)}</p><p>{esc(latest.text)}</p>"
        )
    else:
        parts.append("<p class='muted'>No update yet.</p>")
    parts.append("<h3>Evidence</h3>")
    if rec.evidence:
        for q in rec.evidence:
            where = f"{q.document_title}, page {q.page or '-'}"
            if q.paragraph is not None:
                where += f", paragraph {q.paragraph}"
            if q.stance:
                where += f"; {q.stance}"
            if q.cited_by:
                where += "; cited by update " + ", ".join(str(u) for u in q.cited_by)
            parts.append(f'<p class="quote">“{esc(q.quote)}”</p><p class="where">{esc(where)}</p>')
            if q.note:
                parts.append(f'<p class="where">Note: {esc(q.note)}</p>')
    else:
        parts.append("<p class='overdue'>GAP: no evidence linked yet.</p>")
    return "".join(parts)


def _write_story(writer: Any, body: str) -> int:
    """Lay ``body`` out over as many pages as it needs; returns how many."""
    story = pymupdf.Story(html=f"<body>{body}</body>", user_css=CSS)
    more, pages = True, 0
    while more:
        device = writer.begin_page(PAGE)
        more, _ = story.place(BODY)
        story.draw(device)
        writer.end_page()
        pages += 1
    return pages


def _label(page: Any, rect: Any, text: str, size: float = 8) -> None:
    page.insert_htmlbox(
        rect,
        f'<p style="font-size:{size}pt; font-family:sans-serif; margin:0">{esc(text)}</p>',
    )


def _draw_charts(page: Any, report: BoardReport) -> None:
    x0, y = BODY.x0, BODY.y0
    width = BODY.width
    _label(page, pymupdf.Rect(x0, y, BODY.x1, y + 24), CHART_TITLE_RAG, 13)
    y += 28
    counts = report.rag_counts_by_area()
    biggest = max((sum(c.values()) for c in counts.values()), default=1) or 1
    bar_x = x0 + width * 0.38
    bar_w = width * 0.58
    for area, by_label in counts.items():
        _label(page, pymupdf.Rect(x0, y, bar_x - 6, y + 30), area, 7.5)
        x = bar_x
        for rag in RAG_KEY:
            n = by_label.get(rag.label, 0)
            if not n:
                continue
            w = bar_w * n / biggest
            rect = pymupdf.Rect(x, y + 2, x + w, y + 16)
            page.draw_rect(rect, color=None, fill=_rgb(rag.colour), width=0)
            _label(page, pymupdf.Rect(x + 2, y + 17, x + max(w, 60), y + 30), f"{n} {rag.label}")
            x += w
        y += 36
    # legend: colour and label side by side
    y += 4
    for i, rag in enumerate(RAG_KEY):
        lx = x0 + (i % 3) * width / 3
        ly = y + (i // 3) * 14
        page.draw_rect(pymupdf.Rect(lx, ly + 2, lx + 9, ly + 11), color=None, fill=_rgb(rag.colour))
        _label(page, pymupdf.Rect(lx + 12, ly, lx + width / 3, ly + 13), rag.label)
    y += 40
    _label(page, pymupdf.Rect(x0, y, BODY.x1, y + 24), CHART_TITLE_EVIDENCE, 13)
    y += 28
    most = max((len(r.evidence) for r in report.recommendations), default=1) or 1
    bar_x = x0 + width * 0.18
    bar_w = width * 0.6
    row_h = min(22.0, (BODY.y1 - y) / max(len(report.recommendations), 1))
    for rec in report.recommendations:
        n = len(rec.evidence)
        _label(page, pymupdf.Rect(x0, y, bar_x - 4, y + row_h), rec.label)
        if n:
            rect = pymupdf.Rect(bar_x, y + 2, bar_x + bar_w * n / most, y + row_h - 4)
            page.draw_rect(rect, color=None, fill=_rgb("#1565c0"))
            _label(
                page,
                pymupdf.Rect(rect.x1 + 4, y, BODY.x1, y + row_h),
                f"{n} quote" + ("s" if n != 1 else ""),
            )
        else:
            rect = pymupdf.Rect(bar_x, y + 2, bar_x + 14, y + row_h - 4)
            page.draw_rect(rect, color=_rgb("#c62828"), width=1.2, dashes="[2] 0")
            page.draw_line(rect.tl, rect.br, color=_rgb("#c62828"), width=1)
            page.draw_line(rect.bl, rect.tr, color=_rgb("#c62828"), width=1)
            _label(page, pymupdf.Rect(rect.x1 + 4, y, BODY.x1, y + row_h), "GAP: no evidence")
        y += row_h


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    return (
        int(value[0:2], 16) / 255,
        int(value[2:4], 16) / 255,
        int(value[4:6], 16) / 255,
    )


def render_board_pdf(report: BoardReport) -> RenderedPdf:
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    cover_pages = _write_story(writer, _cover_html(report))
    body = "".join(_recommendation_html(r, report) for r in report.recommendations)
    _write_story(writer, body or "<p>No recommendations in the workspace.</p>")
    writer.close()
    doc = pymupdf.open(stream=buffer.getvalue(), filetype="pdf")
    try:
        doc.new_page(pno=cover_pages, width=PAGE.width, height=PAGE.height)
        _draw_charts(doc[cover_pages], report)
        doc.set_metadata({"title": report.title, "creator": "Shiny Review", "producer": ""})
        content = doc.tobytes(garbage=3, deflate=True)
        pages = doc.page_count
    finally:
        doc.close()
    return RenderedPdf(content, pages)
