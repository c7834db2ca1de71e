"""Evidence rows made by hand for the writers' tests (no workspace needed)."""

from __future__ import annotations

import pytest

from shiny_review.domain.export_rows import EvidenceRow


@pytest.fixture
def rows() -> list[EvidenceRow]:
    common = ("Letter é", "focused visit", "Westmarsh", "2024-08-30")
    stamp = ("2024-09-01T10:00:00Z", "2024-09-01T10:00:00Z", "exact")
    return [
        EvidenceRow(1, *common, 2, 7, "Main findings", "=SUM(A1)", "19", "Text", "context",
                    "note\nline", "Officer", *stamp),
        EvidenceRow(2, *common, None, None, "", "quote 🙂", None, "", "", "", "Officer", *stamp),
    ]  # fmt: skip
