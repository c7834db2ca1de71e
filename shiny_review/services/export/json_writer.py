"""Annotations as JSON in the W3C Web Annotation model.

Each highlight is an Annotation whose target carries a TextQuoteSelector and a
TextPositionSelector (code-point offsets into the canonical text); links to
recommendations are SpecificResource bodies with purpose "linking".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from shiny_review.domain.entities import Annotation, Document, Recommendation
from shiny_review.runtime.atomic_file import atomic_writer

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds") + "Z"


def annotation_to_w3c(
    annotation: Annotation, document: Document, recommendations: Mapping[int, Recommendation]
) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if annotation.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note})
    if annotation.stance is not None:
        body.append(
            {"type": "TextualBody", "purpose": "classifying", "value": annotation.stance.value}
        )
    for rec_id in annotation.recommendation_ids:
        rec = recommendations.get(rec_id)
        if rec is None:
            continue
        body.append(
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": f"urn:shiny-review:recommendation:{rec.id}",
                "number": rec.label,
                "value": rec.text,
            }
        )
    anchor = annotation.anchor
    return {
        "@context": CONTEXT,
        "id": f"urn:shiny-review:annotation:{annotation.id}",
        "type": "Annotation",
        "motivation": "linking" if annotation.recommendation_ids else "highlighting",
        "creator": {"type": "Person", "name": annotation.author},
        "created": _iso(annotation.created_at),
        "modified": _iso(annotation.updated_at),
        "body": body,
        "target": {
            "source": f"urn:sha256:{document.source_hash}",
            "title": document.title,
            "contentHash": anchor.content_hash,
            "page": anchor.page,
            "paragraph": anchor.paragraph,
            "anchorStatus": annotation.anchor_status.value,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": anchor.exact,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                },
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
        },
    }


def write_json(
    annotations: Iterable[Annotation],
    documents: Mapping[int, Document],
    recommendations: Mapping[int, Recommendation],
    target: Path,
) -> int:
    items = [annotation_to_w3c(a, documents[a.document_id], recommendations) for a in annotations]
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Shiny Review evidence log",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    with atomic_writer(target, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(collection, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return len(items)
