"""The twelve real Ofsted reports against expected.json, with a per-field score."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest.authorities import canonical_name
from shiny_review.ingest.normalise import LIGATURES

FIELDS = (
    "authority",
    "framework",
    "inspection_start",
    "inspection_end",
    "lead_inspector",
    "overall",
    "judgements",
    "recommendations",
)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _got(doc: IngestedDocument) -> dict[str, Any]:
    s = doc.structure
    return {
        "authority": s.authority,
        "framework": s.framework,
        "inspection_start": s.inspection_start.isoformat() if s.inspection_start else None,
        "inspection_end": s.inspection_end.isoformat() if s.inspection_end else None,
        "lead_inspector": s.lead_inspector,
        "overall": s.overall,
        "judgements": [{"area": j.area, "grade": j.grade} for j in s.judgements],
        "recommendations": [
            {
                "group": r.group,
                "number": r.number,
                "text": _collapse(r.text),
                "nf_tag": None
                if r.nf_tag is None
                else {"kind": r.nf_tag.kind, "number": r.nf_tag.number},
            }
            for r in s.recommendations
        ],
    }


def _want(entry: dict[str, Any]) -> dict[str, Any]:
    want = {field: entry.get(field) for field in FIELDS}
    # expected.json gives the name as printed; the import gives the canonical authority.
    want["authority"] = canonical_name(entry.get("authority"))
    want["recommendations"] = [
        {
            "group": r["group"],
            "number": r["number"],
            "text": _collapse(r["text"]),
            "nf_tag": r["nf_tag"],
        }
        for r in entry["recommendations"]
    ]
    return want


def test_corpus_scores_every_field(
    corpus_docs: dict[str, IngestedDocument], expected: dict[str, Any]
) -> None:
    """Each report fully right; prints a per-field score so regressions are visible."""
    score = dict.fromkeys(FIELDS, 0)
    failures: list[str] = []
    fully_right = 0
    for name, entry in expected.items():
        got, want = _got(corpus_docs[name]), _want(entry)
        ok = True
        for field in FIELDS:
            if got[field] == want[field]:
                score[field] += 1
            else:
                ok = False
                failures.append(f"{name}: {field}: expected {want[field]!r}, got {got[field]!r}")
        fully_right += ok
    total = len(expected)
    report = ", ".join(f"{field} {n}/{total}" for field, n in score.items())
    print(f"\ncorpus: {fully_right}/{total} fully right; {report}")
    assert not failures, "\n".join([report, *failures])
    assert fully_right == total == 12


def test_corpus_keeps_the_printed_authority(
    corpus_docs: dict[str, IngestedDocument], expected: dict[str, Any]
) -> None:
    for name, entry in expected.items():
        assert corpus_docs[name].structure.authority_printed == entry["authority"], name


def test_recommendation_offsets_point_at_their_text(
    corpus_docs: dict[str, IngestedDocument],
) -> None:
    for name, doc in corpus_docs.items():
        text = doc.extracted.text
        for rec in doc.structure.recommendations:
            assert rec.start is not None and rec.end is not None, name
            assert _collapse(text[rec.start : rec.end]) == _collapse(rec.text), name
            assert doc.extracted.page_at(rec.start) == rec.page, name


def test_no_ligatures_and_nfc(corpus_docs: dict[str, IngestedDocument]) -> None:
    for name, doc in corpus_docs.items():
        text = doc.extracted.text
        assert not any(c in text for c in LIGATURES), name
        assert unicodedata.is_normalized("NFC", text), name
        assert not any("\ue000" <= c <= "\uf8ff" for c in text), name
        assert "\n\n" not in text and "  " not in text, name


def _raw_pages(path: Path) -> list[list[str]]:
    with pymupdf.open(path) as doc:
        return [
            [line.strip() for line in page.get_text().splitlines() if line.strip()] for page in doc
        ]


@pytest.fixture(scope="module")
def raw_pages(corpus_dir: Path, expected: dict[str, Any]) -> dict[str, list[list[str]]]:
    return {name: _raw_pages(corpus_dir / name) for name in expected}


def test_no_running_headers_or_footers(
    corpus_docs: dict[str, IngestedDocument], raw_pages: dict[str, list[list[str]]]
) -> None:
    """Lines repeated at the top or bottom of most pages do not survive into the text."""
    with_headers = 0
    for name, pages in raw_pages.items():
        counts: dict[str, int] = {}
        for lines in pages:
            edge = set(lines[:4] + lines[-4:])
            for line in edge:
                counts[line] = counts.get(line, 0) + 1
        repeated = [
            line
            for line, n in counts.items()
            if n >= len(pages) * 0.6 and len(line) > 8 and not re.fullmatch(r"[\d.]+", line)
        ]
        with_headers += bool(repeated)
        doc = corpus_docs[name]
        text = doc.extracted.text
        for line in repeated:
            hits = [m.start() for m in re.finditer(re.escape(line), text)]
            # The report's own title may read like the header, once, on page 1.
            assert len(hits) <= 1, f"{name}: {line!r} left in the text {len(hits)} times"
            if hits:
                assert doc.extracted.page_at(hits[0]) == 1, name
        paras = doc.extracted.paragraphs
        edges = [
            p
            for i, p in enumerate(paras)
            if i in (0, len(paras) - 1)
            or paras[i - 1].page != p.page
            or paras[i + 1].page != p.page
        ]
        for para in edges:  # a contents page may hold bare numbers mid-page
            block = text[para.start : para.end]
            assert block != str(para.page), f"{name}: page number {block!r} left"
    assert with_headers >= 6  # the 2019+ reports all carry a running header


def test_offset_map_sends_page_words_to_their_page(
    corpus_docs: dict[str, IngestedDocument], raw_pages: dict[str, list[list[str]]]
) -> None:
    """Words sampled from each page's raw text are found inside that page's range."""
    for name, pages in raw_pages.items():
        ext = corpus_docs[name].extracted
        text = ext.text
        starts = [*ext.page_starts, len(text)]
        seen: dict[str, int] = {}
        for lines in pages:
            for line in set(lines):
                seen[line] = seen.get(line, 0) + 1
        for number, lines in enumerate(pages, start=1):
            lines = [ln for ln in lines if seen[ln] < max(2, len(pages) // 2)]
            lo, hi = starts[number - 1], starts[number]
            page_text = text[lo:hi]
            body = lines
            eligible = [ln.split() for ln in body if len(ln.split()) >= 5]
            phrases = [" ".join(w[1:4]) for w in eligible[:: max(1, len(eligible) // 8)]]
            phrases = [p for p in phrases if p.isascii()]  # away from wrapped line ends
            for phrase in phrases:
                assert phrase in page_text, f"{name} p{number}: {phrase!r} not on its page"
            if len(eligible) > 20:
                assert len(phrases) >= 3, f"{name} p{number}: too few samples"
