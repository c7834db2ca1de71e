"""Check that the frozen app works with no network and never tries to reach one (Linux).

    python packaging/check_offline.py              # after python packaging/build.py
    python packaging/check_offline.py --measure    # also time start-up, for docs/packaging.md

Checks, each on the frozen executable in packaging/dist/shiny-review/:
1. ``unshare -rn shiny-review --self-test``: in a new network namespace (no interfaces but a
   downed loopback), the self-test imports, annotates, links and exports, and exits 0.
2. ``strace -f -e trace=network shiny-review --self-test``: the self-test, its import child
   process included, creates no AF_INET/AF_INET6 socket and connects to no internet address.
3. The same trace of the window starting (Qt "offscreen" platform) up to its first paint.

Prints one line per check and a verdict; exits 0 only if every check passed. Every run uses
a throwaway HOME and XDG folders, so nobody's data or settings are touched.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg

INET = re.compile(r"\b(AF_INET6?|PF_INET6?|AF_PACKET)\b")
SOCKET_CALL = re.compile(r"\b(socket|socketpair)\((\w+)")
PAINT_LINE = "qt.widgets.painting: Flushing QRegion"
PAINT_TIMEOUT_S = 60.0


def default_exe() -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return cfg.DIST / cfg.BUNDLE_DIR / f"{cfg.CONSOLE_EXE}{suffix}"


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        QT_QPA_PLATFORM="offscreen",
    )
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    os.chmod(home / "runtime", 0o700)
    env.update(extra)
    return env


def run(cmd: Sequence[str], env: dict[str, str], timeout: float = 300) -> tuple[int, str, float]:
    started = time.perf_counter()
    result = subprocess.run(
        list(cmd), env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - started


def analyse_trace(trace: Path) -> tuple[list[str], dict[str, int]]:
    """Internet socket lines in an strace -f -e trace=network log, and socket families seen."""
    bad: list[str] = []
    families: dict[str, int] = {}
    for line in trace.read_text(errors="replace").splitlines():
        call = SOCKET_CALL.search(line)
        if call:
            families[call.group(2)] = families.get(call.group(2), 0) + 1
        if INET.search(line):
            bad.append(line.strip())
    return bad, families


def check_unshare(exe: Path, home: Path) -> tuple[bool, str]:
    if shutil.which("unshare") is None:
        return False, "unshare is not installed (util-linux)"
    code, output, elapsed = run(["unshare", "-rn", str(exe), "--self-test"], isolated_env(home))
    if code != 0:
        tail = " | ".join(output.strip().splitlines()[-3:])
        return False, f"exit {code} with the network namespace removed: {tail}"
    passed = "self-test passed" in output
    return passed, f"self-test exit 0 in {elapsed:.2f} s with no network (unshare -rn)"


def check_strace(cmd: Sequence[str], home: Path, label: str) -> tuple[bool, str]:
    if shutil.which("strace") is None:
        return False, "strace is not installed (apt-get install -y strace)"
    trace = home / f"trace-{label}.txt"
    code, output, _elapsed = run(
        ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace), *cmd],
        isolated_env(home),
    )
    if code != 0:
        tail = " | ".join(output.strip().splitlines()[-3:])
        return False, f"exit {code} under strace: {tail}"
    bad, families = analyse_trace(trace)
    seen = ", ".join(f"{k} x{v}" for k, v in sorted(families.items())) or "none"
    if bad:
        return False, f"{len(bad)} internet socket call(s), first: {bad[0][:160]}"
    return True, f"no internet socket calls (socket families used: {seen})"


def first_paint(exe: Path, home: Path, wrapper: Sequence[str] = ()) -> float | None:
    """Seconds from exec to the main window's first flush to screen (offscreen platform)."""
    env = isolated_env(home, QT_LOGGING_RULES="qt.widgets.painting=true")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*wrapper, str(exe)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    assert proc.stderr is not None
    found: float | None = None
    try:
        for line in proc.stderr:
            if line.startswith(PAINT_LINE) and "MainWindow" in line:
                found = time.perf_counter() - started
                break
            if time.perf_counter() - started > PAINT_TIMEOUT_S:
                break
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return found


def check_window_strace(exe: Path, home: Path) -> tuple[bool, str]:
    if shutil.which("strace") is None:
        return False, "strace is not installed"
    trace = home / "trace-window.txt"
    seconds = first_paint(
        exe, home, ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace)]
    )
    if seconds is None:
        return False, "the window did not paint within the time limit"
    bad, families = analyse_trace(trace)
    seen = ", ".join(f"{k} x{v}" for k, v in sorted(families.items())) or "none"
    if bad:
        return False, f"{len(bad)} internet socket call(s) at start-up, first: {bad[0][:160]}"
    return True, f"window painted; no internet socket calls (socket families used: {seen})"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def measure(exe: Path, home: Path, runs: int) -> None:
    bundle = exe.parent
    print(f"\nmeasurements (median of {runs} runs after one warm-up):")
    print(f"  bundle folder: {folder_size(bundle) / 1e6:.1f} MB ({bundle})")
    for tarball in sorted(cfg.DIST.glob("*.tar.gz")):
        print(f"  tarball: {tarball.stat().st_size / 1e6:.1f} MB ({tarball.name})")
    for label, args in (("--version", ["--version"]), ("--self-test", ["--self-test"])):
        times = []
        for i in range(runs + 1):
            code, _out, elapsed = run([str(exe), *args], isolated_env(home / f"m{label}{i}"))
            if code != 0:
                print(f"  {label}: exit {code}")
                break
            if i:
                times.append(elapsed)
        if times:
            print(f"  start to exit, {label}: {statistics.median(times):.2f} s")
    paints = []
    for i in range(runs + 1):
        seconds = first_paint(exe, home / f"paint{i}")
        if seconds is not None and i:
            paints.append(seconds)
    if paints:
        print(f"  start to first window paint (offscreen): {statistics.median(paints):.2f} s")
    else:
        print("  start to first window paint: not measured (no paint seen)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", type=Path, default=default_exe(), help="frozen executable")
    parser.add_argument("--measure", action="store_true", help="also time start-up")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measurement")
    parser.add_argument("--no-window", action="store_true", help="skip the window check")
    args = parser.parse_args(argv)

    if not sys.platform.startswith("linux"):
        print("check_offline: needs Linux (unshare and strace)")
        return 2
    exe: Path = args.exe
    if not exe.is_file():
        print(f"check_offline: {exe} does not exist; run python packaging/build.py first")
        return 2

    results: list[tuple[str, bool, str]] = []
    with tempfile.TemporaryDirectory(prefix="shiny-review-offline-") as tmp:
        home = Path(tmp)
        ok, detail = check_unshare(exe, home / "unshare")
        results.append(("self-test without a network", ok, detail))
        ok, detail = check_strace([str(exe), "--self-test"], home / "strace", "self-test")
        results.append(("self-test under strace", ok, detail))
        if not args.no_window:
            ok, detail = check_window_strace(exe, home / "window")
            results.append(("window start under strace", ok, detail))
        for name, ok, detail in results:
            print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
        if args.measure:
            measure(exe, home / "measure", max(1, args.runs))
    passed = all(ok for _name, ok, _detail in results)
    print(f"\nverdict: {'OFFLINE CHECK PASSED' if passed else 'OFFLINE CHECK FAILED'} ({exe})")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
