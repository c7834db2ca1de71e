"""Memory: peak RSS of the window showing a 1 MB document with 10,000 highlights, against a
bare QPlainTextEdit showing the same text and spans. Each side runs in its own process
(``python -m benchmarks.bench_memory floor|app ...``) so the peaks do not mix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.common import REPO, Config, Result, median

_MB = 1024 * 1024


def _peak_mb() -> float:
    """Peak RSS of this process. On Linux from VmHWM: ru_maxrss survives exec, so a child of
    a big parent would report the parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / _MB


def child_floor(text_file: Path, spans_file: Path) -> float:
    from benchmarks import bench_window as bw

    bw.qapp()
    text = text_file.read_text(encoding="utf-8")
    spans = bw.utf16_spans(text, [tuple(s) for s in json.loads(spans_file.read_text())])
    editor, highlighter = bw.bare_editor(bw.WIDTH, bw.HEIGHT)
    bw.open_floor(editor, highlighter, text, spans)()
    return _peak_mb()


def child_app(workspace: Path, document_id: int, tmp: Path) -> float:
    from benchmarks import bench_window as bw

    bw.qapp()
    prepared = bw.Prepared(workspace, document_id, "", [])
    window, service = bw.make_window(prepared, tmp)
    view = window.view  # type: ignore[attr-defined]
    window.open_document(document_id)  # type: ignore[attr-defined]
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    bw.paint(view)
    # A reviewing session's peak: one real highlight, made with the window's H action as a
    # person makes it (the write path a session loads for it, issue 16), then painted.
    spans = service.annotations.highlight_spans(document_id)  # type: ignore[attr-defined]
    text = service.documents.text(document_id).text  # type: ignore[attr-defined]
    shown = bw.Prepared(workspace, document_id, text, [(s.start, s.end) for s in spans])
    view.select_range(*bw._free_range(shown, view, set()))
    window.actions["highlight"].trigger()  # type: ignore[attr-defined]
    bw.paint(view)
    after = service.annotations.highlight_spans(document_id)  # type: ignore[attr-defined]
    if len(after) != len(spans) + 1:
        raise RuntimeError("the H action made no highlight")
    return _peak_mb()


def _spawn(*args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_memory", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"memory child failed: {done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def run(cfg: Config) -> list[Result]:
    from benchmarks import bench_window as bw

    pages = cfg.size(280, 3)  # about 1 MB of text at 280 synthetic pages
    count = cfg.size(10_000, 200)
    prepared = bw.prepare(cfg, pages, count, name="memory")
    text_file = cfg.tmp / "text.txt"
    text_file.write_text(prepared.text, encoding="utf-8")
    spans_file = cfg.tmp / "spans.json"
    spans_file.write_text(json.dumps(prepared.spans))
    repeats = cfg.size(3, 1)
    floors, figures = [], []
    for _ in range(repeats):
        floors.append(_spawn("floor", str(text_file), str(spans_file)))
        figures.append(
            _spawn("app", str(prepared.workspace), str(prepared.document_id), str(cfg.tmp))
        )
    size = len(prepared.text.encode("utf-8")) / _MB
    return [
        Result(
            f"Memory: peak RSS, {size:.1f} MB document with {len(prepared.spans):,} highlights",
            "bare QPlainTextEdit, same text and spans",
            median(floors),
            median(figures),
            unit="MB",
            budget=1.3,  # issue 16: peak at most 1.3 times the bare editor
            note=(
                "whole window and workspace, after one highlight made with the window's H "
                f"action (a reviewing session's writes); median of {repeats} processes each"
            ),
        )
    ]


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "floor":
        print(child_floor(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        print(child_app(Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])))
    sys.stdout.flush()
    os._exit(0)  # skip teardown: only the peak matters
