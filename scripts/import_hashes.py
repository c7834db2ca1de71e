"""Hashes of every corpus report's import result, to show an ingest change keeps it the same.

    python scripts/import_hashes.py write /tmp/before.json   # on the code before the change
    python scripts/import_hashes.py check /tmp/before.json   # on the code after it

For each PDF under the corpus (``../shared/corpus``: ofsted and ofsted-wide) and synthetic
reports of 1, 3, 10, 100 and 1,000 pages (made once, kept beside the JSON file, as the same
files must be read before and after): a SHA-256 of the canonical text, page starts,
paragraphs, page count, JavaScript flag, warnings, structure (metadata, judgements,
recommendations, checks) and source and content hashes; a SHA-256 of the word boxes' stored
bytes (made as the page view makes them, ``ingest.page_words``: the import leaves them since
issue 16's round 9, so they are checked against the import's text hash); and the number of
words. ``check`` prints each report whose hashes differ and exits 1
if any does. Run from the worktree (the corpus is found from it).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import make_report_pdf  # noqa: E402
from shiny_review.ingest import ingest_file, page_words  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def hashes(synthetic: Path) -> dict[str, object]:
    files = sorted(CORPUS.rglob("*.pdf"))
    synthetic.mkdir(exist_ok=True)
    for pages in (1, 3, 10, 100, 1000):
        pdf = synthetic / f"s{pages}.pdf"
        if not pdf.exists():
            make_report_pdf(pdf, pages, seed=pages)
        files.append(pdf)
    out: dict[str, object] = {}
    for path in files:
        key = str(path.relative_to(CORPUS)) if path.is_relative_to(CORPUS) else path.name
        try:
            document = ingest_file(path)
        except Exception as exc:  # a refused file: its message is its result
            out[key] = f"refused: {exc}"
            continue
        ex = document.extracted
        summary = (ex.text, ex.page_starts, ex.paragraphs, ex.page_count, ex.has_javascript)
        digest = hashlib.sha256(repr((*summary, ex.warnings)).encode())
        digest.update(repr(document.structure).encode())
        digest.update(repr((document.source_hash, document.content_hash)).encode())
        boxes = ex.words
        if boxes is None and document.original is not None:
            made = page_words(document.original, path.name)
            if made.content_hash != document.content_hash:
                out[key] = "word boxes made from another text than the import's"
                continue
            boxes = made.words
        words = boxes.to_bytes() if boxes is not None else b""
        count = len(boxes) if boxes is not None else 0
        out[key] = [digest.hexdigest(), hashlib.sha256(words).hexdigest(), count]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("write", "check"):
        print(__doc__)
        return 2
    target = Path(argv[2])
    found = hashes(target.parent / "synthetic-reports")
    if argv[1] == "write":
        target.write_text(json.dumps(found, indent=1))
        print(f"wrote {len(found)} import hashes to {target}")
        return 0
    before = json.loads(target.read_text())
    differ = [name for name in before if before[name] != found.get(name)]
    for name in differ:
        print(f"differs: {name}: {before[name]} -> {found.get(name)}")
    print(f"checked {len(before)} imports: {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
