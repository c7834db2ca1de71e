"""Offline: the guard refuses and logs any network access; no module imports a network library.

Audit hooks cannot be removed, so the guard is installed only in child processes here.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pymupdf

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "shiny_review"
NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib.request", "urllib3", "ftplib", "smtplib", "poplib",
    "imaplib", "nntplib", "telnetlib", "socketserver", "xmlrpc", "requests", "httpx",
    "aiohttp", "websocket", "websockets", "webbrowser", "asyncio",
    "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets", "PySide6.QtWebChannel",
}  # fmt: skip

FLOW = r"""
import json, socket, sys
from pathlib import Path
from shiny_review.app import main
from shiny_review.runtime.network_guard import refused_count

def run():
    work = Path(sys.argv[1])
    ws = ["--workspace", str(work / "w.sqlite")]
    codes = [
        main(["import", str(work / "letter.pdf"), *ws]),
        main(["annotate", "1", "--quote", "timeliness", "--note", "é 🙂", *ws]),
        main(["export", "--format", "csv", "-o", str(work / "log.csv"), *ws]),
        main(["export", "--format", "xlsx", "-o", str(work / "log.xlsx"), *ws]),
        main(["export", "--format", "json", "-o", str(work / "log.json"), *ws]),
    ]
    refused = []
    for attempt in (
        lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
        lambda: socket.getaddrinfo("example.org", 443),
        lambda: __import__("urllib.request").request.urlopen("http://example.org", timeout=1),
    ):
        try:
            attempt()
            refused.append("CONNECTED")
        except OSError as exc:
            refused.append(type(exc).__name__)
    print(json.dumps({"codes": codes, "refused": refused, "count": refused_count()}))

if __name__ == "__main__":
    run()
"""


def test_network_module_imports_are_absent_from_the_package() -> None:
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {name}")
    assert found == []


def test_whole_flow_runs_with_the_network_refused(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "Focused visit to Westmarsh Borough Council children's services",
        "What needs to improve in this area of social work practice?",
        "The timeliness of initial child protection conferences.",
        "The quality of supervision for social workers.",
    ]
    for k, line in enumerate(lines):
        page.insert_text((72, 300 + 18 * k), line)
    doc.save(tmp_path / "letter.pdf")
    doc.close()
    script = tmp_path / "flow.py"
    script.write_text(FLOW, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO), XDG_STATE_HOME=str(tmp_path / "state"))
    env["HOME"] = str(tmp_path / "home")
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["codes"] == [0, 0, 0, 0, 0], proc.stderr
    assert result["refused"] == ["NetworkBlockedError"] * 3
    assert result["count"] >= 3
    for name in ("log.csv", "log.xlsx", "log.json"):
        assert (tmp_path / name).stat().st_size > 0
    logs = list((tmp_path).rglob("shiny-review.log"))
    assert logs, "no log file in the per-user folder"
    text = logs[0].read_text(encoding="utf-8")
    assert "network access refused: socket.getaddrinfo '127.0.0.1', 9" in text
    assert "network access refused: urllib.Request 'http://example.org'" in text


def test_guard_in_a_child_refuses_even_local_connections(tmp_path: Path) -> None:
    code = (
        "import socket\n"
        "from shiny_review.runtime.network_guard import install_network_guard\n"
        "install_network_guard()\n"
        "s = socket.socket()\n"
        "try:\n"
        "    s.connect(('127.0.0.1', 1))\n"
        "except ConnectionRefusedError as e:\n"
        "    print(type(e).__name__, 'offline only' in str(e))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.strip() == "NetworkBlockedError True", proc.stderr
