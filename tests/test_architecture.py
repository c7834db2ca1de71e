"""Layers (import-linter), lint and format (ruff) and types (mypy strict) hold for the tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    which = shutil.which(name)
    assert which, f"{name} is not installed: install the [test] extra"
    return which


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


def test_import_linter_contracts_hold() -> None:
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_lint() -> None:
    result = _run(_tool("ruff"), "check", "shiny_review", "tests", "benchmarks", "packaging")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(_tool("ruff"), "format", "--check", "shiny_review", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_outside_ui() -> None:
    result = _run(_tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_network_modules_in_the_package() -> None:
    banned = ("socket", "urllib.request", "http.client", "requests", "httpx", "ftplib", "smtplib")
    offenders = []
    for path in (REPO / "shiny_review").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            for module in banned:
                if stripped.startswith((f"import {module}", f"from {module} import")):
                    offenders.append(f"{path.relative_to(REPO)}: {stripped}")
    assert offenders == []


def test_no_module_over_400_lines() -> None:
    # ui/main_window.py is being split into a window state and controllers (issue 10).
    allowed = {"shiny_review/ui/main_window.py"}
    long = []
    for path in sorted((REPO / "shiny_review").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > 400 and name not in allowed:
            long.append(f"{name}: {lines} lines")
    assert long == []


def _cycles_inside(package: str) -> list[list[str]]:
    """Import cycles among ``package``'s modules (imports under TYPE_CHECKING included)."""
    import grimp

    graph = grimp.build_graph("shiny_review", cache_dir=None)
    modules = {m for m in graph.modules if m == package or m.startswith(package + ".")}
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & modules) for m in modules}
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for imported in edges[module]:
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(modules):
        visit(module, [])
    return cycles


def test_no_import_cycle_inside_storage() -> None:
    assert _cycles_inside("shiny_review.storage") == []
