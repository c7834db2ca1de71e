"""Shared pieces of the benchmarks: results, timing, and synthetic reports and workspaces.

Every figure is a ratio to a floor measured in the same run on the same machine, so the
budgets hold on any hardware. Synthetic data is made in a temporary folder and thrown away.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import random
import re
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SHINY_REVIEW_CORPUS", REPO.parent / "shared" / "corpus" / "ofsted"))
STAMP = "2026-01-05 09:30:00.000000"  # how SQLAlchemy stores a DateTime in SQLite


@dataclass(frozen=True)
class Config:
    """Sizes of one run: the full run, or ``quick`` (tiny sizes, for the smoke test)."""

    tmp: Path
    quick: bool = False
    large: bool = False  # the opt-in sizes (a million annotations in the scale suite)

    def size(self, full: int, quick: int) -> int:
        return quick if self.quick else full


@dataclass
class Result:
    """One row of the table: a figure, its floor, the ratio and the budget."""

    name: str
    floor_label: str
    floor: float | None  # seconds, or MB for memory
    value: float
    unit: str = "ms"  # how value and floor are shown: "ms" (from seconds), "MB", "x"
    budget: float | None = None  # the ratio limit (or an absolute ms limit if absolute=True)
    absolute: bool = False
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    @property
    def met(self) -> bool | None:
        if self.budget is None:
            return None
        if self.absolute:
            return self.value * (1000 if self.unit == "ms" else 1) <= self.budget
        ratio = self.ratio
        return None if ratio is None else ratio <= self.budget


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(
    runs: dict[str, Callable[[], object]], repeats: int, before: Callable[[], object] | None = None
) -> dict[str, list[float]]:
    """Wall-clock seconds of each callable, alternating them so load on the machine hits all."""
    out: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            if before is not None:
                before()
            out[name].append(timed(fn))
    return out


# -- synthetic text ---------------------------------------------------------------------------

_COMMON_TEXT = (
    "the of and to in for children that is are with their social workers leaders plans "
    "care young people families not always have been services local authority this"
)
_WORDS_TEXT = (
    "supervision oversight management practice quality assessment planning support review "
    "protection conference timely effective improve improvement progress evidence audit "
    "partnership placement fostering adoption leaving disabled exploitation missing episodes "
    "strategy meetings threshold early help front door contact referral section visit "
    "independent reviewing officer chair caseloads recruitment retention agency staff "
    "training learning culture performance data scrutiny council members corporate parenting "
    "education health mental wellbeing advocacy participation voice wishes feelings "
    "permanence reunification kinship connected carers residential homes sufficiency "
    "commissioning transitions adult pathway personal advisers accommodation housing "
    "employment apprenticeships youth justice custody remand police schools attendance "
    "elective home neglect domestic abuse substance misuse parental risk harm significant "
    "outcomes national framework enabler consistent inconsistent variable strong weak "
    "purposeful meaningful direct work chronology genogram records recording case notes"
)
_COMMON = tuple(_COMMON_TEXT.split())
_WORDS = tuple(_WORDS_TEXT.split())


def sentence(rng: random.Random, words: int | None = None) -> str:
    n = words or rng.randint(9, 22)
    picked = [rng.choice(_COMMON) if rng.random() < 0.45 else rng.choice(_WORDS) for _ in range(n)]
    return " ".join(picked).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def report_text(chars: int, seed: int = 1) -> str:
    """Plain text of a report: headings and numbered paragraphs, about ``chars`` long."""
    rng = random.Random(seed)
    parts = ["Inspection of Synthshire local authority children's services", ""]
    parts += ["What needs to improve?", ""]
    parts += [f"{i}. The {rng.choice(_WORDS)} of {sentence(rng, 8).lower()}" for i in (1, 2, 3)]
    number = 1
    size = sum(len(p) + 1 for p in parts)
    while size < chars:
        if number % 12 == 1:
            heading = f"The {rng.choice(_WORDS)} of {rng.choice(_WORDS)}"
            parts += ["", heading.capitalize(), ""]
            size += len(heading) + 3
        para = f"{number}. {paragraph(rng)}"
        parts.append(para)
        size += len(para) + 1
        number += 1
    return "\n".join(parts)[:chars].rstrip() + "\n"


def make_report_pdf(path: Path, pages: int, seed: int = 1) -> Path:
    """A synthetic Ofsted-style report: running header and footer, headings, numbered
    paragraphs wrapped at the page width, a "What needs to improve?" list."""
    import pymupdf

    rng = random.Random(seed)
    doc = pymupdf.open()
    number = 1
    width = 95  # characters per line
    for page_no in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text(
            (56, 40), "Inspection of Synthshire local authority children's services", fontsize=8
        )
        page.insert_text((290, 810), str(page_no), fontsize=8)
        y = 90.0
        if page_no == 1:
            page.insert_text((56, y), "What needs to improve?", fontsize=13, fontname="hebo")
            y += 22
            for _ in range(3):
                page.insert_text((56, y), "• " + sentence(rng, 10), fontsize=10.5)
                y += 16
            y += 10
        while y < 760:
            if number % 10 == 1:
                heading = f"The {rng.choice(_WORDS)} of {rng.choice(_WORDS)}".capitalize()
                page.insert_text((56, y), heading, fontsize=12, fontname="hebo")
                y += 20
            text = f"{number}. {paragraph(rng)}"
            lines: list[str] = []
            line = ""
            for word in text.split():
                if len(line) + len(word) + 1 > width:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            lines.append(line)
            room = int((770 - y) // 14)
            if room <= 0:
                break
            lines = lines[:room]
            page.insert_text((56, y), "\n".join(lines), fontsize=10.5, lineheight=1.33)
            y += 14 * len(lines) + 8
            number += 1
    doc.save(path, garbage=0, deflate=True)
    doc.close()
    return path


# -- workspaces -------------------------------------------------------------------------------


def new_workspace(path: Path) -> Path:
    """A migrated, empty workspace file."""
    from shiny_review.storage.workspace import Workspace

    Workspace(path, "Benchmark").close()
    return path


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def insert_document(
    conn: sqlite3.Connection,
    text: str,
    *,
    title: str = "Synthetic report",
    page_starts: Sequence[int] = (0,),
    paragraphs: Sequence[Sequence[object]] = (),
    key: str = "",
) -> int:
    import hashlib

    digest = hashlib.sha256((text + key).encode()).hexdigest()
    cur = conn.execute(
        "INSERT INTO documents (title, kind, framework, authority, date, inspection_start, "
        "inspection_end, lead_inspector, pages, overall, source_name, source_hash, "
        "content_hash, text, page_starts, paragraphs, imported_at) "
        "VALUES (?, 'full inspection', 'ILACS', 'Synthshire', '2025-06-01', NULL, NULL, "
        "'A. Inspector', ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
        (
            title,
            len(page_starts),
            f"{title}.pdf",
            digest,
            hashlib.sha256(text.encode()).hexdigest(),
            text,
            json.dumps(list(page_starts)),
            json.dumps([list(p) for p in paragraphs]),
            STAMP,
        ),
    )
    return int(cur.lastrowid or 0)


def insert_recommendations(conn: sqlite3.Connection, document_id: int, count: int) -> list[int]:
    ids = []
    for i in range(count):
        cur = conn.execute(
            "INSERT INTO recommendations (document_id, position, grp, number, text, nf_kind, "
            "nf_number, page, heading, manual, deleted) "
            "VALUES (?, ?, 'local authority', ?, ?, NULL, NULL, 1, NULL, 0, 0)",
            (document_id, i, str(i + 1), f"Recommendation {i + 1}: improve the practice."),
        )
        ids.append(int(cur.lastrowid or 0))
    return ids


def spans_over(text: str, count: int, seed: int = 7) -> list[tuple[int, int]]:
    """``count`` non-overlapping spans of whole words spread evenly over ``text``."""
    rng = random.Random(seed)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    count = min(count, len(words))
    spans = []
    for i in range(count):
        first = i * len(words) // count
        room = (i + 1) * len(words) // count - first
        last = first + rng.randint(0, max(0, min(3, room - 1) - (room > 1)))
        spans.append((words[first][0], words[last][1]))
    return spans


def insert_annotations(
    conn: sqlite3.Connection,
    document_id: int,
    text: str,
    spans: Sequence[tuple[int, int]],
    page_starts: Sequence[int] = (0,),
    recommendation_ids: Sequence[int] = (),
    links_each: int = 0,
) -> int:
    """Annotations (and links) written with raw SQL, as the app would have stored them."""
    from shiny_review.domain.anchoring import content_hash

    digest = content_hash(text)
    stances = ("supports progress", "shows concern", "context", None)
    rows = []
    for i, (start, end) in enumerate(spans):
        rows.append(
            (
                document_id,
                text[start:end],
                text[max(0, start - 32) : start],
                text[end : end + 32],
                start,
                end,
                max(1, bisect.bisect_right(page_starts, start)),
                None,
                None,
                digest,
                stances[i % 4],
                None,
                f"note {i}" if i % 3 == 0 else "",
                "Benchmark",
                STAMP,
                STAMP,
                0,
                None,
                "exact",
            )
        )
    conn.execute("BEGIN")
    first = conn.execute("SELECT COALESCE(MAX(id), 0) FROM annotations").fetchone()[0] + 1
    conn.executemany(
        "INSERT INTO annotations (document_id, exact, prefix, suffix, start, end, page, "
        "paragraph, section, content_hash, stance, colour, note, author, created_at, "
        "updated_at, deleted, deleted_at, anchor_status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    if links_each and recommendation_ids:
        links = [
            (first + i, recommendation_ids[(i + k) % len(recommendation_ids)], STAMP)
            for i in range(len(rows))
            for k in range(links_each)
        ]
        conn.executemany(
            "INSERT INTO links (annotation_id, recommendation_id, created_at) VALUES (?, ?, ?)",
            links,
        )
    conn.execute("COMMIT")
    return len(rows)
