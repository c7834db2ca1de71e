"""The inspection cycle on real documents: Shropshire's 2022 and 2025 reports, the 2024
focused-visit letter (seed 004) and the news articles (seeds 000, 001, 003)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from shiny_review import cli
from shiny_review.domain.errors import NotFoundError, ValidationError
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS
from shiny_review.domain.lineage import authority_key
from shiny_review.services.cycle_model import doc_order
from shiny_review.services.export.exporting import ExportFormat, export
from shiny_review.services.review import ReviewService
from shiny_review.storage.server_workspace import open_workspace
from shiny_review.storage.workspace import Workspace
from tests.conftest import CORPUS, SEEDS

R2022 = CORPUS / "shropshire-2022-march-25.pdf"
R2025 = CORPUS / "shropshire-2025-august-12.pdf"
LETTER = SEEDS / "004_22c072df4b2967a1.txt"
NEWS = [next(SEEDS.glob(f"{n}_*.txt")) for n in ("000", "001", "003")]
SUFFICIENCY = "The sufficiency of local placement options."
EMOTIONAL = "The partnership response to the emotional health needs of children in care."
CARE_LEAVERS = "The response to the emotional well-being and mental health needs of care leavers."
LETTER_QUOTE = "More children are being returned closer to home"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    """A workspace with the three Shropshire letters imported, made once for the module."""
    del shared_dir
    path = tmp_path_factory.mktemp("cycle") / "base.sqlite"
    with Workspace(path, "Test Officer") as ws:
        service = ReviewService(ws)
        for file in (R2022, R2025, LETTER):
            service.documents.import_file(file)
    return path


@pytest.fixture
def ws_path(base: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.sqlite"
    shutil.copy(base, path)
    return path


@pytest.fixture(scope="module")
def base_database(pg_server: Any) -> Iterator[str]:
    """The same three letters in a database on the tests' server, copied for each test."""
    name = pg_server.new_database()
    with open_workspace(pg_server.spec(name, "Test Officer"), None) as ws:
        service = ReviewService(ws)
        for file in (R2022, R2025, LETTER):
            service.documents.import_file(file)
    yield name
    pg_server.drop_database(name)


@pytest.fixture
def svc(ws_path: Path, engine_name: str, request: pytest.FixtureRequest) -> Iterator[ReviewService]:
    if engine_name == "sqlite":
        with Workspace(ws_path, "Test Officer") as ws:
            yield ReviewService(ws)
        return
    server = request.getfixturevalue("pg_server")
    name = server.new_database(request.getfixturevalue("base_database"))
    try:
        with open_workspace(server.spec(name, "Test Officer"), None) as ws:
            yield ReviewService(ws)
    finally:
        server.drop_database(name)


def doc_ids(service: ReviewService) -> dict[str, int]:
    by_source = {d.source_name: d.id for d in service.documents.all()}
    return {
        "2022": by_source[R2022.name],
        "2025": by_source[R2025.name],
        "2024": by_source[LETTER.name],
    }


def run_cli(service: ReviewService, *args: str) -> str:
    """A command, parsed as the command line parses it, on the open workspace."""
    out = io.StringIO()
    assert cli.run(cli.build_parser().parse_args(list(args)), service, out) == 0
    return out.getvalue()


def run_main(workspace: Path, *args: str) -> str:
    out = io.StringIO()
    assert cli.main([*args, "--workspace", str(workspace)], out=out) == 0
    return out.getvalue()


def pairs(service: ReviewService) -> set[tuple[str, str, str | None]]:
    docs = {v: k for k, v in doc_ids(service).items()}
    return {
        (v.earlier.text, docs[v.later_document.id], v.later.text if v.later else None)
        for v in service.cycle.proposals()
    }


def test_proposals_pair_later_items_with_the_2022_recommendations_they_continue(
    svc: ReviewService,
) -> None:
    # The letter names two 2022 areas in its own words; the 2025 report repeats the third's
    # subject for care leavers. No other pair (the PLO recommendation, the letter's own
    # items, the 2025 participation item) is proposed.
    assert pairs(svc) == {
        (SUFFICIENCY, "2024", None),
        (EMOTIONAL, "2024", None),
        (EMOTIONAL, "2025", CARE_LEAVERS + " (enabler 1, national framework)"),
    }
    named = [v for v in svc.cycle.proposals() if v.later is None]
    assert all("last judgement inspection" in v.proposal.quote for v in named)
    assert all(v.proposal.status == "open" for v in svc.cycle.proposals())
    assert svc.cycle.threads() == []  # nothing joined without a yes


def test_accept_two_reject_one_threads_and_undo(svc: ReviewService, ws_path: Path) -> None:
    views = {(v.earlier.text, v.later is None): v.proposal.id for v in svc.cycle.proposals()}
    named_sufficiency = views[(SUFFICIENCY, True)]
    named_emotional = views[(EMOTIONAL, True)]
    care_leavers = views[(EMOTIONAL, False)]
    svc.cycle.accept(named_sufficiency)
    svc.cycle.accept(care_leavers)
    svc.cycle.reject(named_emotional)
    threads = {svc.recommendations.get(t.id).text: t for t in svc.cycle.threads()}
    assert set(threads) == {SUFFICIENCY, EMOTIONAL}
    assert [s.role for s in threads[SUFFICIENCY].steps] == [
        "raised",
        "still an area",
        "not repeated",
    ]
    assert [s.role for s in threads[EMOTIONAL].steps] == ["raised", "not repeated", "repeated"]
    assert svc.cycle.describe(threads[SUFFICIENCY]) == (
        "raised in full inspection, February 2022; still an area in focused visit, July 2024;"
        " not repeated in full inspection, July 2025"
    )
    actions = [(h.action, h.entity) for h in svc.history.entries()]
    assert actions.count(("accept", "lineage")) == 2
    assert actions.count(("reject", "lineage")) == 1

    # the command line shows the same threads, and the rejected pair is no longer open
    data = json.loads(run_cli(svc, "threads", "--json"))
    assert {t["thread"] for t in data["threads"]} == {t.id for t in threads.values()}
    assert data["proposals"] == []

    # undo (the inverse of accept) reverts an acceptance: the thread is gone
    svc.cycle.reopen(care_leavers)
    assert {svc.recommendations.get(t.id).text for t in svc.cycle.threads()} == {SUFFICIENCY}
    data = json.loads(run_cli(svc, "threads", "--json"))
    (reopened,) = data["proposals"]
    assert reopened["pair"] == care_leavers
    assert reopened["earlier"]["text"] == EMOTIONAL
    assert reopened["later"]["document"] == doc_ids(svc)["2025"]
    assert run_cli(svc, "threads", "--accept", str(care_leavers)).startswith("pair")


def test_letter_passage_linked_to_2022_recommendation(svc: ReviewService, ws_path: Path) -> None:
    ids = doc_ids(svc)
    number = next(
        r.position + 1 for r in svc.recommendations.all(ids["2022"]) if r.text == SUFFICIENCY
    )
    out = run_cli(
        svc,
        "annotate",
        str(ids["2024"]),
        "--quote",
        LETTER_QUOTE,
        "--recommendation",
        f"{ids['2022']}:{number}",
        "--stance",
        "supports progress",
        "--json",
    )
    ann = json.loads(out)
    rec = svc.cycle.resolve(f"{ids['2022']}:{number}")
    (item,) = svc.evidence.of(rec.id)
    assert item.document_id == ids["2024"]
    assert item.annotation.anchor.exact == LETTER_QUOTE
    assert item.annotation.anchor.page == ann["page"] == 1
    assert item.annotation.anchor.paragraph == ann["paragraph"]

    matrix = svc.cycle.coverage()
    column = [d.id for d in matrix.columns].index(ids["2024"])
    row = next(r for r in matrix.rows if r.recommendation.id == rec.id)
    assert row.cells[column].count == 1
    assert row.cells[column].stances == (("supports progress", 1),)
    assert not row.gap

    target = ws_path.parent / "log.csv"
    export(svc, ExportFormat.CSV, target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    (linked,) = [r for r in rows if r["quote"] == LETTER_QUOTE]
    assert linked["document"].startswith("Focused visit to Shropshire")
    assert linked["recommendation_document"] == svc.documents.get(ids["2022"]).title
    assert linked["recommendation_document_date"] == ""  # the 2022 report has no letter date
    assert linked["recommendation_text"] == SUFFICIENCY
    assert linked["thread_first_raised"] == "full inspection, February 2022"
    assert list(rows[0]) == list(EVIDENCE_COLUMNS)


def test_links_stay_within_the_authority(svc: ReviewService) -> None:
    other = svc.documents.import_file(CORPUS / "bedford-2025-august-27.pdf").value.document
    bedford_rec = svc.recommendations.all(other.id)[0]
    letter = doc_ids(svc)["2024"]
    with pytest.raises(ValidationError, match="own authority"):
        svc.annotations.add_quote(letter, LETTER_QUOTE, recommendation_ids=[bedford_rec.id])
    ann = svc.annotations.add_quote(letter, LETTER_QUOTE).value
    with pytest.raises(ValidationError, match="own authority"):
        svc.annotations.link(ann.id, bedford_rec.id)
    assert svc.evidence.of(bedford_rec.id) == []
    assert pairs(svc) == {  # Bedford's import proposed nothing across authorities
        (SUFFICIENCY, "2024", None),
        (EMOTIONAL, "2024", None),
        (EMOTIONAL, "2025", CARE_LEAVERS + " (enabler 1, national framework)"),
    }


def test_gap_rows_in_the_matrix_the_csv_and_the_xlsx(svc: ReviewService, ws_path: Path) -> None:
    ids = doc_ids(svc)
    plo = svc.recommendations.all(ids["2022"])[0]
    assert plo.text.startswith("The effective application of the pre-proceedings stage")
    matrix = svc.cycle.coverage()
    row = next(r for r in matrix.rows if r.recommendation.id == plo.id)
    assert row.gap and row.total == 0

    coverage_csv = ws_path.parent / "coverage.csv"
    assert "wrote 8 rows" in run_cli(svc, "coverage", "--csv", str(coverage_csv))
    lines = list(csv.reader(io.StringIO(coverage_csv.read_text(encoding="utf-8-sig"))))
    (plo_line,) = [line for line in lines if line[3] == plo.text]
    assert plo_line[-1] == "gap: no evidence"

    log = ws_path.parent / "log.xlsx"
    export(svc, ExportFormat.XLSX, log)
    book = openpyxl.load_workbook(log)
    evidence = list(book["Evidence log"].iter_rows(values_only=True))
    header = evidence[0]
    gap_rows = [r for r in evidence[1:] if r[header.index("recommendation_text")] == plo.text]
    (gap,) = gap_rows
    assert gap[header.index("anchor_status")] == "no evidence"
    assert gap[header.index("annotation_id")] in (None, "")
    assert gap[header.index("quote")] in (None, "")
    sheet = list(book["Coverage"].iter_rows(values_only=True))
    (plo_sheet,) = [r for r in sheet if r[3] == plo.text]
    assert plo_sheet[-1] == "gap: no evidence"

    data = json.loads(run_cli(svc, "coverage", "--json"))
    (plo_json,) = [r for r in data["recommendations"] if r["id"] == plo.id]
    assert plo_json["gap"] is True and plo_json["text"] == plo.text


def test_news_articles_find_or_are_given_their_authority(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with Workspace(path, "Test Officer") as ws:
        service = ReviewService(ws)
        first = service.documents.import_file(NEWS[0]).value.document  # nothing known yet to find
        assert first.authority is None
        assert service.recommendations.all(first.id) == []
        report = service.documents.import_file(R2022).value.document
        with pytest.raises(ValidationError, match="no authority yet"):
            service.annotations.add_quote(
                first.id,
                "Shropshire",
                recommendation_ids=[service.recommendations.all(report.id)[0].id],
            )
        later = [service.documents.import_file(n).value.document for n in NEWS[1:]]
    # found at import: the known authority the article names
    assert [d.authority for d in later] == ["Shropshire", "Shropshire"]
    assert all(d.kind == "news article" for d in later)
    # chosen by the user in one step where the import could not tell
    assert (
        run_main(path, "set-authority", str(first.id), "Shropshire").strip().endswith("Shropshire")
    )
    with Workspace(path, "Test Officer") as ws:
        service = ReviewService(ws)
        rec = service.recommendations.all(report.id)[1]
        for doc in [first, *later]:
            assert service.recommendations.all(doc.id) == []
            quote = "Shropshire"
            ann = service.annotations.add_quote(doc.id, quote, recommendation_ids=[rec.id]).value
            assert rec.id in ann.recommendation_ids
        assert {e.document_id for e in service.evidence.of(rec.id)} == {
            first.id,
            *(d.id for d in later),
        }


def test_same_authority_reads_what_a_walk_over_every_document_finds(svc: ReviewService) -> None:
    """The window asks on every document it opens: it reads only the authority's documents
    (issue 16), and finds what comparing every document's authority finds."""
    ids = doc_ids(svc)

    def walked(document_id: int) -> list[int]:
        docs = svc.documents.all()
        mine = next(d for d in docs if d.id == document_id)
        key = authority_key(mine.authority)
        if key is None:
            return [document_id]
        return [d.id for d in sorted(docs, key=doc_order) if authority_key(d.authority) == key]

    cases = [
        {},  # the three Shropshire letters as imported
        {"2024": "Shropshire Council", "2025": "SHROPSHIRE"},  # other spellings, one authority
        {"2025": "Telford and Wrekin Council", "2024": None},  # two authorities and none
    ]
    for names in cases:
        for which, name in names.items():
            svc.cycle.set_authority(ids[which], name)
        for document_id in ids.values():
            found = svc.cycle.same_authority(document_id)
            assert [d.id for d in found] == walked(document_id)
            by_id = {d.id: d for d in svc.documents.all()}  # the same rows, counts and all
            assert found == [by_id[d.id] for d in found]
    svc.documents.remove(ids["2022"])
    with pytest.raises(NotFoundError):
        svc.cycle.same_authority(ids["2022"])
    with pytest.raises(NotFoundError):
        svc.cycle.same_authority(999)
