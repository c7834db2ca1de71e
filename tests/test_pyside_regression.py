"""PySide6-Essentials 6.12.0 on Python 3.11 corrupts the refcount of None on every Qt call that
returns nothing, and the interpreter aborts after some thousands of calls. The pins in
pyproject.toml keep 3.11 on 6.11.x; this test makes 200,000 such calls so a bad upgrade fails.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    doc = QTextDocument("x" * 100)
    cursor = QTextCursor(doc)
    before = sys.getrefcount(None)
    for i in range(200_000):
        cursor.setPosition(i % 100)
    after = sys.getrefcount(None)
    print(before, after)
    """
)


def test_200k_void_qt_calls_do_not_corrupt_none() -> None:
    # In a child process: if the bug is present the interpreter aborts, which must not take
    # the test run down with it.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, f"Qt child died: {result.returncode} {result.stderr[-500:]}"
    before, after = (int(n) for n in result.stdout.split())
    assert abs(after - before) < 1000
