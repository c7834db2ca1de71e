"""Build Shiny Review for the current operating system, from a clean clone.

    python packaging/build.py                 # build, package, run the frozen self-test
    python packaging/build.py --help

What it does:
1. Finds a Python that has PyInstaller and the app's dependencies. If the one running this
   script lacks them, it makes packaging/build/venv, installs the app and PyInstaller there
   (from the package index: the build machine needs it, the council laptops never do) and
   runs itself again with that Python.
2. Writes packaging/build/version_info.txt (the Windows version resource) from the package
   version in shiny_review/__init__.py.
3. Runs PyInstaller on packaging/shiny-review.spec: a one-folder bundle in
   packaging/dist/shiny-review/.
4. Packages it: on Linux a tarball with a .desktop file, an icon and an install script; on
   Windows the Inno Setup installer, if ISCC.exe is installed (else it says how).
5. Runs the frozen app's ``--self-test`` and fails the build if it fails.

Everything it writes is under packaging/build and packaging/dist (both git-ignored).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg

PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10,<7"
REQUIRED_MODULES = (
    "PyInstaller",
    "PySide6",
    "pymupdf",
    "sqlalchemy",
    "alembic",
    "platformdirs",
    "rapidfuzz",
    "xlsxwriter",
)
BUILD_VENV = cfg.WORK / "venv"


def say(message: str) -> None:
    print(f"build: {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


# -- 1. the build environment ------------------------------------------------------------------


def has_build_tools(python: str) -> bool:
    probe = (
        "import importlib.util,sys; sys.exit(any(importlib.util.find_spec(m) is None for m in %r))"
    )
    result = subprocess.run([python, "-c", probe % (REQUIRED_MODULES,)], capture_output=True)
    return result.returncode == 0


def venv_python(root: Path) -> Path:
    return root / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def make_build_venv() -> Path:
    python = venv_python(BUILD_VENV)
    if not python.exists():
        say(f"making a build environment in {BUILD_VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(BUILD_VENV)
    run([str(python), "-m", "pip", "install", "--upgrade", "pip"])
    run([str(python), "-m", "pip", "install", str(cfg.REPO), PYINSTALLER_REQUIREMENT])
    return python


# -- 2. version resource -----------------------------------------------------------------------


def version_info_text(version: str, numbers: tuple[int, int, int, int]) -> str:
    """A PyInstaller VSVersionInfo file (en-GB, Unicode) for the Windows executables."""
    strings = {
        "CompanyName": "Shiny Review developers",
        "FileDescription": cfg.APP_NAME,
        "FileVersion": version,
        "InternalName": cfg.APP_ID,
        "LegalCopyright": "Shiny Review developers. Licence: AGPL-3.0-or-later",
        "OriginalFilename": f"{cfg.CONSOLE_EXE}.exe",
        "ProductName": cfg.APP_NAME,
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# Written by packaging/build.py from shiny_review.__version__; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080904B0',
        [{table}])
    ]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def write_version_files() -> str:
    version = cfg.version()
    cfg.WORK.mkdir(parents=True, exist_ok=True)
    (cfg.WORK / "version_info.txt").write_text(
        version_info_text(version, cfg.version_tuple()), encoding="utf-8"
    )
    (cfg.WORK / "version.txt").write_text(version + "\n", encoding="utf-8")
    say(f"version {version}")
    return version


# -- 3. PyInstaller ----------------------------------------------------------------------------


def bundle_dir() -> Path:
    return cfg.DIST / cfg.BUNDLE_DIR


def console_exe() -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle_dir() / f"{cfg.CONSOLE_EXE}{suffix}"


def pyinstaller() -> None:
    shutil.rmtree(bundle_dir(), ignore_errors=True)
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(cfg.DIST),
            "--workpath",
            str(cfg.WORK / "pyinstaller"),
            str(cfg.REPO / cfg.SPEC_FILE),
        ],
        cwd=cfg.REPO,
    )


def check_bundle() -> None:
    internal = bundle_dir() / "_internal"
    required = [
        console_exe(),
        internal / "shiny_review" / "resources" / "self-test" / "self-test-letter.txt",
        internal / "shiny_review" / "storage" / "migrations" / "env.py",
        internal / "shiny_review" / "storage" / "migrations" / "script.py.mako",
    ]
    missing = [p for p in required if not p.exists()]
    versions = list((internal / "shiny_review/storage/migrations/versions").glob("*.py"))
    if missing or not versions:
        raise SystemExit(f"build: the bundle lacks {missing or 'the migration versions'}")
    forbidden = [
        p
        for p in internal.rglob("*")
        if any(w in p.name for w in ("WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Multimedia"))
    ]
    if forbidden:
        raise SystemExit(f"build: unwanted Qt parts in the bundle: {forbidden[:5]}")
    plugins = sorted(
        str(p.relative_to(internal))
        for p in internal.rglob("*")
        if "plugins" in p.parts and p.is_file()
    )
    say("Qt plugins in the bundle:\n    " + "\n    ".join(plugins))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# -- 4. packages -------------------------------------------------------------------------------


def linux_tarball(version: str) -> Path:
    arch = platform.machine() or "unknown"
    top = f"{cfg.APP_ID}-{version}"
    target = cfg.DIST / f"{top}-linux-{arch}.tar.gz"
    extras = {
        cfg.DESKTOP_FILE: f"{cfg.APP_ID}.desktop",
        cfg.ICON_PNG: f"{cfg.APP_ID}.png",
        cfg.ICON_SVG: f"{cfg.APP_ID}.svg",
        cfg.LINUX_INSTALL_SCRIPT: "install.sh",
        cfg.LINUX_README: "README.txt",
    }

    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(target, "w:gz") as tar:
        tar.add(bundle_dir(), arcname=top, filter=clean)
        for src, name in extras.items():
            tar.add(cfg.REPO / src, arcname=f"{top}/{name}", filter=clean)
    say(f"Linux tarball: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return target


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base:
            candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
            if candidate.exists():
                return str(candidate)
    return None


def windows_installer(version: str) -> Path | None:
    iscc = find_iscc()
    script = cfg.REPO / cfg.INNO_SCRIPT
    if iscc is None:
        say(
            "Inno Setup 6 (ISCC.exe) is not installed, so no installer was made. Install it "
            f'and run:  ISCC.exe /DAppVersion={version} "{script}"'
        )
        return None
    run([iscc, f"/DAppVersion={version}", str(script)])
    target = cfg.DIST / f"ShinyReview-{version}-setup.exe"
    say(f"Windows installer: {target} (sign it before deployment: see docs/it-deployment.md)")
    return target


# -- 5. self-test ------------------------------------------------------------------------------


def self_test() -> float:
    started = time.perf_counter()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(console_exe()), "--self-test"], env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build: the frozen self-test failed (exit {result.returncode})")
    say(f"frozen self-test passed in {elapsed:.2f} s")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--use-current-python",
        action="store_true",
        help="never make packaging/build/venv; fail if this Python lacks PyInstaller",
    )
    parser.add_argument("--no-package", action="store_true", help="skip tarball/installer")
    parser.add_argument("--no-self-test", action="store_true", help="skip the frozen self-test")
    args = parser.parse_args(argv)

    if not has_build_tools(sys.executable):
        if args.use_current_python:
            raise SystemExit(
                f"build: {sys.executable} lacks PyInstaller or the app's dependencies; "
                f'run: {sys.executable} -m pip install . "{PYINSTALLER_REQUIREMENT}"'
            )
        python = make_build_venv()
        rest = list(sys.argv[1:] if argv is None else argv)
        again = [str(python), str(Path(__file__).resolve()), "--use-current-python", *rest]
        return subprocess.run(again).returncode

    started = time.perf_counter()
    version = write_version_files()
    pyinstaller()
    check_bundle()
    size = folder_size(bundle_dir())
    took = time.perf_counter() - started
    say(f"bundle: {bundle_dir()} ({size / 1e6:.1f} MB) built in {took:.0f} s")
    if not args.no_package:
        if sys.platform.startswith("linux"):
            linux_tarball(version)
        elif sys.platform == "win32":
            windows_installer(version)
        else:
            say("no installer for this operating system; the folder is the build")
    if not args.no_self_test:
        self_test()
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
