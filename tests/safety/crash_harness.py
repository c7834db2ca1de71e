"""Crash durability harness: kill the real save path with SIGKILL at random moments.

A child process opens the workspace exactly as the app does (writer lock, backup on open,
``ReviewService``) and saves annotations and note edits in a loop. Before each action it
prints ``T <kind> <id> <note>`` (intent); after the action has returned, that is, after
the commit, it prints ``A <kind> <id> <note>`` (acknowledged). The parent kills it with
SIGKILL (TerminateProcess on Windows) after a random number of acknowledgements plus a random
few milliseconds, so kills land before, inside and after transactions, and then checks that

* ``PRAGMA integrity_check`` is ``ok``;
* every acknowledged annotation is in the workspace, with the note last acknowledged for it
  (or the note of a later edit that committed but was killed before its acknowledgement);
* the next child can take the writer lock again (the lock recovers after the crash).

Run it longer by hand::

    python -m tests.safety.crash_harness --kills 200 --workspace /tmp/crash.sqlite
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV_KILLS = "SHINY_REVIEW_CRASH_KILLS"
DEFAULT_KILLS = 20


@dataclass
class Figures:
    kills: int = 0
    acknowledged: int = 0
    acknowledged_creates: int = 0
    acknowledged_edits: int = 0
    unacknowledged_but_saved: int = 0
    rows_lost: int = 0
    annotations_in_workspace: int = 0
    integrity_failures: int = 0
    lock_recoveries: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def prepare(workspace: Path) -> None:
    """A workspace with one document in it, saved through the real service."""
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace
    from tests.factories import make_ingested

    with Workspace(workspace, "crash-harness") as ws:
        ReviewService(ws).documents.add_ingested(make_ingested())


def child(workspace: Path, seed: int) -> None:  # runs in the killed process
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.workspace import Workspace

    rng = random.Random(seed)
    out = sys.stdout
    with Workspace(workspace, "crash-child") as ws:
        service = ReviewService(ws)
        doc = service.documents.all()[0].id
        recs = [r.id for r in service.recommendations.all(doc)]
        length = len(service.documents.text(doc).text)
        mine: list[int] = []
        out.write("ready\n")
        out.flush()
        i = 0
        while True:
            i += 1
            note = f"{seed}-{i} “voice” é £ 🙂"
            if mine and rng.random() < 0.3:
                target = rng.choice(mine)
                out.write(f"T edit {target} {note}\n")
                out.flush()
                service.annotations.set_note(target, note)
                out.write(f"A edit {target} {note}\n")
            else:
                start = rng.randrange(0, length - 40)
                end = start + rng.randrange(5, 40)
                out.write(f"T create 0 {note}\n")
                out.flush()
                ann = service.annotations.add(
                    doc, start, end, note=note, recommendation_ids=[rng.choice(recs)]
                ).value
                mine.append(ann.id)
                out.write(f"A create {ann.id} {note}\n")
            out.flush()


def _check(workspace: Path, acked: dict[int, str], pending: dict[int, str], fig: Figures) -> None:
    conn = sqlite3.connect(workspace)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            fig.integrity_failures += 1
            fig.problems.append(f"integrity_check after kill {fig.kills}: {result}")
        notes = dict(conn.execute("SELECT id, note FROM annotations").fetchall())
        links = {a for (a,) in conn.execute("SELECT annotation_id FROM links")}
    finally:
        conn.close()
    fig.annotations_in_workspace = len(notes)
    lost = 0
    for ann_id, note in acked.items():
        if ann_id not in notes or ann_id not in links:
            lost += 1
            fig.problems.append(f"annotation {ann_id} was acknowledged but is missing")
        elif notes[ann_id] == pending.get(ann_id):
            acked[ann_id] = notes[ann_id]  # the edit committed; the kill beat its acknowledgement
        elif notes[ann_id] != note:
            lost += 1
            fig.problems.append(
                f"annotation {ann_id}: note {notes[ann_id]!r}, acknowledged {note!r}, "
                f"pending {pending}"
            )
    fig.rows_lost = lost
    fig.unacknowledged_but_saved = len(set(notes) - set(acked))


class _Reader:
    """Reads one child's lines: intents (T) and acknowledgements (A)."""

    def __init__(self, acked: dict[int, str], fig: Figures) -> None:
        self.acked = acked
        self.fig = fig
        self.pending: dict[int, str] = {}
        self.seen = 0
        self.transcript: list[str] = []

    def take(self, line: str) -> None:
        self.transcript.append(line)
        tag, kind, ident, note = line.rstrip("\n").split(" ", 3)
        if tag == "T" and kind == "edit":
            self.pending[int(ident)] = note
        elif tag == "A":
            self.seen += 1
            self.acked[int(ident)] = note
            self.pending.pop(int(ident), None)
            self.fig.acknowledged += 1
            if kind == "create":
                self.fig.acknowledged_creates += 1
            else:
                self.fig.acknowledged_edits += 1


def run(workspace: Path, kills: int, seed: int = 1) -> Figures:
    """Run ``kills`` killed children against ``workspace``; return the figures."""
    rng = random.Random(seed)
    started = time.monotonic()
    if not workspace.exists():
        prepare(workspace)
    fig = Figures()
    acked: dict[int, str] = {}
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    errors_path = workspace.with_name("crash-child-stderr.txt")
    for n in range(kills):
        errors = errors_path.open("w", encoding="utf-8")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.safety.crash_harness",
                "--child",
                str(workspace),
                "--seed",
                str(seed * 100_000 + n),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if first != "ready\n":
            proc.kill()
            proc.wait()
            proc.stdout.close()
            errors.close()
            err = errors_path.read_text(encoding="utf-8")
            raise RuntimeError(f"the child did not start (kill {n}): {first!r} {err[-2000:]}")
        if n:
            fig.lock_recoveries += 1
        target = rng.randrange(0, 25)

        reader = _Reader(acked, fig)
        while reader.seen < target:
            line = proc.stdout.readline()
            if not line:
                break
            reader.take(line)
        time.sleep(rng.uniform(0, 0.004))  # a random moment, not a synchronisation
        proc.kill()
        # Read through the same buffered reader: communicate() would skip what it holds.
        rest = proc.stdout.read()
        proc.wait()
        proc.stdout.close()
        errors.close()
        for line in rest.splitlines(keepends=True):
            if line.endswith("\n"):  # a line cut by the kill was never acknowledged
                reader.take(line)
        fig.kills += 1
        _check(workspace, acked, reader.pending, fig)
        if fig.rows_lost or fig.integrity_failures:
            fig.problems.append("transcript: " + "".join(reader.transcript[-6:]))
            break
    fig.seconds = round(time.monotonic() - started, 1)
    return fig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kills", type=int, default=int(os.environ.get(ENV_KILLS, DEFAULT_KILLS)))
    parser.add_argument("--workspace", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child, args.seed)
        return 0
    if args.workspace is None:
        import tempfile

        args.workspace = Path(tempfile.mkdtemp(prefix="shiny-crash-")) / "workspace.sqlite"
    fig = run(args.workspace, args.kills, args.seed)
    print(json.dumps(asdict(fig), indent=2, ensure_ascii=False))
    return 0 if not fig.rows_lost and not fig.integrity_failures else 1


if __name__ == "__main__":
    sys.exit(main())
