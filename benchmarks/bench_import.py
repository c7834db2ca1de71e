"""Import: the whole in-process import (extraction, structure, database) of each corpus report
and of synthetic 10, 100 and 1,000-page reports, against raw ``page.get_text()``; and the extra
cost of the child process the app imports through."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from benchmarks.common import (
    CORPUS,
    REPO,
    Config,
    Result,
    interleaved,
    make_report_pdf,
    median,
    new_workspace,
    timed,
)


def floor_text(path: Path) -> None:
    """The floor: open the file and read every page's plain text."""
    import pymupdf

    doc = pymupdf.open(path)
    try:
        for page in doc:
            page.get_text()
    finally:
        doc.close()


class Importer:
    """A fresh copy of an empty workspace per round, and the in-process import into it."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.template = new_workspace(tmp / "template.sqlite")
        self.round = 0
        self.service: object | None = None

    def fresh(self) -> None:
        from shiny_review.ingest import ingest_file
        from shiny_review.services.review import ReviewService
        from shiny_review.storage.workspace import Workspace

        self.close()
        self.round += 1
        path = self.tmp / f"import-{self.round}.sqlite"
        shutil.copy(self.template, path)
        self.service = ReviewService(Workspace(path, "Benchmark"), ingester=ingest_file)

    def import_file(self, path: Path) -> None:
        from shiny_review.services.review import ReviewService

        assert isinstance(self.service, ReviewService)
        outcome = self.service.documents.import_file(path)
        assert outcome.value.created

    def close(self) -> None:
        from shiny_review.services.review import ReviewService

        if isinstance(self.service, ReviewService):
            self.service.close()
            self.service = None


def corpus_files(cfg: Config) -> list[Path]:
    files = sorted(CORPUS.glob("*.pdf"))
    if not files:
        raise SystemExit(f"the corpus is missing: expected PDFs in {CORPUS}")
    return files[:2] if cfg.quick else files


def run(cfg: Config) -> list[Result]:
    results: list[Result] = []
    importer = Importer(cfg.tmp)
    try:
        files = corpus_files(cfg)
        pages = _page_counts(files)
        importer.fresh()
        importer.import_file(files[0])  # warm: pymupdf and the ORM load once per process
        floor_text(files[0])
        rounds = cfg.size(5, 1)
        floors: list[float] = []
        figures: list[float] = []
        per_file: dict[str, list[tuple[float, float]]] = {f.name: [] for f in files}
        for _ in range(rounds):
            importer.fresh()
            floor_sum = figure_sum = 0.0
            for path in files:
                f = timed(lambda p=path: floor_text(p))
                g = timed(lambda p=path: importer.import_file(p))
                per_file[path.name].append((f, g))
                floor_sum += f
                figure_sum += g
            floors.append(floor_sum)
            figures.append(figure_sum)
        worst = max(
            per_file,
            key=lambda n: median([g for _, g in per_file[n]]) / median([f for f, _ in per_file[n]]),
        )
        worst_ratio = median([g for _, g in per_file[worst]]) / median(
            [f for f, _ in per_file[worst]]
        )
        results.append(
            Result(
                f"Import: {len(files)} corpus reports ({sum(pages)} pages), in process",
                "page.get_text() of every page",
                median(floors),
                median(figures),
                budget=1.3,
                note=f"median of {rounds} rounds; highest single report {worst} {worst_ratio:.2f}x",
            )
        )
        results.append(_words_on_first_need(cfg, files))
        results.append(_reading_alone(cfg, files))
        results += _scaling(cfg, importer)
        results.append(_two_cores(cfg, importer))
        results.append(_child_overhead(cfg, files))
        results.append(_command_line(cfg, files))
    finally:
        importer.close()
    return results


def _words_on_first_need(cfg: Config, files: list[Path]) -> Result:
    """The word boxes the import no longer makes (issue 16, round 9): what the page view's
    child (or the annotated PDF) spends making them the first time a PDF's pages show."""
    from shiny_review.ingest import page_words

    datas = [(path.read_bytes(), path.name) for path in files]

    def floor() -> None:
        for path in files:
            floor_text(path)

    def figure() -> None:
        for data, name in datas:
            page_words(data, name)

    figure()
    samples = interleaved({"floor": floor, "figure": figure}, cfg.size(5, 1))
    return Result(
        f"Word boxes made on first need: the same {len(files)} corpus reports, in process",
        "page.get_text() of every page",
        median(samples["floor"]),
        median(samples["figure"]),
        note="recorded, no budget: once a document, off the import (the page view's child "
        "process, or the annotated PDF export), then stored",
    )


def _read_dicts(path: Path) -> None:
    """What the app's extraction asks MuPDF for, and nothing after: each page's text page
    with the app's flags, read as ``dict`` (spans with their fonts and boxes)."""
    import pymupdf

    from shiny_review.ingest.pdf_text import _FLAGS

    doc = pymupdf.open(path)
    try:
        for page in doc:
            page.get_textpage(flags=_FLAGS).extractDICT(cb=page.cropbox)
    finally:
        doc.close()


def _reading_alone(cfg: Config, files: list[Path]) -> Result:
    """The part of the in-process import no Python of the app's can shorten (issue 16, round
    10): MuPDF's text page and its ``dict``, before any line, layout, structure or store."""

    def floor() -> None:
        for path in files:
            floor_text(path)

    def figure() -> None:
        for path in files:
            _read_dicts(path)

    figure()
    samples = interleaved({"floor": floor, "figure": figure}, cfg.size(5, 1))
    return Result(
        f"The import's MuPDF reading alone: the same {len(files)} corpus reports, text page "
        "and dict",
        "page.get_text() of every page",
        median(samples["floor"]),
        median(samples["figure"]),
        note="recorded, no budget: what the 1.3x import budget leaves for the lines, layout, "
        "structure and store is the gap between this ratio and 1.3",
    )


def _page_counts(files: list[Path]) -> list[int]:
    import pymupdf

    counts = []
    for path in files:
        with pymupdf.open(path) as doc:
            counts.append(doc.page_count)
    return counts


def _scaling(cfg: Config, importer: Importer) -> list[Result]:
    sizes = (2, 4) if cfg.quick else (10, 100, 1000)
    per_page: dict[int, float] = {}
    results = []
    for pages in sizes:
        pdf = make_report_pdf(cfg.tmp / f"synthetic-{pages}.pdf", pages, seed=pages)
        repeats = 1 if cfg.quick else (5 if pages < 1000 else 3)
        samples = interleaved(
            {"floor": lambda p=pdf: floor_text(p), "figure": lambda p=pdf: importer.import_file(p)},
            repeats,
            before=importer.fresh,
        )
        floor, figure = median(samples["floor"]), median(samples["figure"])
        per_page[pages] = figure / pages
        results.append(
            Result(
                f"Import: synthetic {pages:,}-page report, in process",
                "page.get_text() of every page",
                floor,
                figure,
                budget=1.3,
                note=f"{1000 * figure / pages:.2f} ms a page; median of {repeats}",
            )
        )
    small, large = sizes[1], sizes[-1]
    pdf = cfg.tmp / f"synthetic-{large}.pdf"
    repeats = 1 if cfg.quick else 3
    alone = interleaved(
        {"floor": lambda: floor_text(pdf), "figure": lambda: _read_dicts(pdf)}, repeats
    )
    results.append(
        Result(
            f"The import's MuPDF reading alone: synthetic {large:,}-page report, text page "
            "and dict",
            "page.get_text() of every page",
            median(alone["floor"]),
            median(alone["figure"]),
            note=f"recorded, no budget; median of {repeats}",
        )
    )
    growth = per_page[large] / per_page[small]
    results.append(
        Result(
            f"Import scaling: time a page at {large:,} pages / at {small:,} pages",
            "linear = 1.0",
            1.0,
            growth,
            unit="x",
            budget=1.2,
            note="linear in the page count when close to 1",
        )
    )
    return results


def _two_cores(cfg: Config, importer: Importer) -> Result:
    """The 1,000-page report imported as the import child does on two cores: its pages read
    by this process and a helper it starts (``PageSharer``, a fresh helper each time, as in
    the app), the layout, structure and database here, against one process reading every
    page's text."""
    from shiny_review.ingest import ingest_file
    from shiny_review.services.isolated_ingest import DEFAULT_MEMORY_LIMIT
    from shiny_review.services.split_ingest import PageSharer, page_chunks

    pages = 300 if cfg.quick else 1000  # the quick run still passes ``SPLIT_FROM``
    pdf = make_report_pdf(cfg.tmp / f"synthetic-{pages}.pdf", pages, seed=pages)
    sharer = PageSharer(DEFAULT_MEMORY_LIMIT)

    def figure() -> None:
        from shiny_review.services.review import ReviewService

        assert isinstance(importer.service, ReviewService)
        documents = importer.service.documents
        assert documents.add_ingested(ingest_file(pdf, read_parts=sharer)).value.created

    repeats = 1 if cfg.quick else 3
    samples = interleaved(
        {"floor": lambda: floor_text(pdf), "figure": figure}, repeats, before=importer.fresh
    )
    return Result(
        f"Import: synthetic {pages:,}-page report on 2 cores (this process and a helper)",
        "page.get_text() of every page, one process",
        median(samples["floor"]),
        median(samples["figure"]),
        budget=1.0,
        note=f"median of {repeats}; the helper's start included; it read "
        f"{sharer.helper_chunks} of {len(page_chunks(pages))} chunks in the last run",
    )


def _child_overhead(cfg: Config, files: list[Path]) -> Result:
    from shiny_review.ingest import ingest_file
    from shiny_review.services.isolated_ingest import ingest_isolated

    path = files[len(files) // 2]
    repeats = cfg.size(5, 1)
    samples = interleaved(
        {"in": lambda: ingest_file(path), "child": lambda: ingest_isolated(path)}, repeats
    )
    inside, child = median(samples["in"]), median(samples["child"])
    return Result(
        f"Import in a child process ({path.name})",
        "the same import in process",
        inside,
        child,
        note=f"child-process overhead {1000 * (child - inside):.0f} ms a file "
        "(spawn, imports, pickling); recorded, no budget",
    )


FLOOR_PROCESS = """
import sys
import pymupdf
for name in sys.argv[1:]:
    doc = pymupdf.open(name)
    for page in doc:
        page.get_text()
    doc.close()
"""


def _command_line(cfg: Config, files: list[Path]) -> Result:
    """``shiny-review import`` of the corpus reports in a fresh process (interpreter start,
    imports, a child process for the extraction, the workspace opened and written), against
    a fresh process that reads every page's text of the same files."""
    template = new_workspace(cfg.tmp / "cli-template.sqlite")
    env = dict(os.environ, PYTHONPATH=str(REPO), HOME=str(cfg.tmp))
    env["XDG_STATE_HOME"] = env["XDG_DATA_HOME"] = str(cfg.tmp / "xdg")
    names = [str(f) for f in files]
    rounds = cfg.size(3, 1)
    counter = iter(range(1_000_000))

    def floor() -> None:
        subprocess.run([sys.executable, "-c", FLOOR_PROCESS, *names], check=True, env=env)

    def figure() -> None:
        target = cfg.tmp / f"cli-{next(counter)}.sqlite"
        shutil.copy(template, target)
        subprocess.run(
            # --workspace after the subcommand: before it, the subcommand's default (None)
            # would replace it and the import would go to the user's default workspace
            [sys.executable, "-m", "shiny_review", "import", "--workspace", str(target), *names],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )

    figure()  # warm the disk cache
    check = sqlite3.connect(cfg.tmp / "cli-0.sqlite")
    assert check.execute("SELECT count(*) FROM documents").fetchone()[0] == len(files)
    check.close()
    samples = interleaved({"floor": floor, "figure": figure}, rounds)
    return Result(
        f"Import through the command line: {len(files)} corpus reports, process start included",
        "a fresh python process: pymupdf, get_text() of every page",
        median(samples["floor"]),
        median(samples["figure"]),
        budget=1.5,
        note=f"median of {rounds}; shiny-review import FILES... (two warm children for the batch)",
    )
