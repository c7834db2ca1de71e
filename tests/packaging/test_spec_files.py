"""The packaging definitions refer only to files that exist (no build needed).

The full build (python packaging/build.py) is too slow for every CI run; these checks catch
the usual breakage instead: a renamed icon, a moved resource folder, an installer line that
names a file nobody builds.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(PACKAGING))
    try:
        spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(PACKAGING))


cfg = _load("bundle_config")


def test_every_path_in_the_bundle_config_exists() -> None:
    missing = {k: v for k, v in cfg.repository_paths().items() if not (REPO / v).exists()}
    assert missing == {}


def test_bundled_data_holds_the_self_test_letter_and_migrations() -> None:
    sources = [REPO / src for src, _dest in cfg.DATAS]
    assert all(s.is_dir() for s in sources)
    files = {p.relative_to(REPO).as_posix() for s in sources for p in s.rglob("*") if p.is_file()}
    assert "resources/self-test/self-test-letter.txt" in files
    assert "shiny_review/storage/migrations/env.py" in files
    assert "shiny_review/storage/migrations/script.py.mako" in files
    assert any(re.match(r"shiny_review/storage/migrations/versions/\w+\.py$", f) for f in files)
    # Each destination is where the code looks in a wheel: migrations beside their module
    # (Alembic's script_location), resources inside the package.
    assert dict(cfg.DATAS) == {
        "resources": "shiny_review/resources",
        "shiny_review/storage/migrations": "shiny_review/storage/migrations",
    }


def test_spec_compiles_and_names_only_existing_files() -> None:
    spec = (REPO / cfg.SPEC_FILE).read_text(encoding="utf-8")
    compile(spec, cfg.SPEC_FILE, "exec")
    assert "onefile" not in spec.lower() or "never one-file" in spec.lower()
    assert "COLLECT(" in spec, "the build must be one-folder (COLLECT)"
    assert "exclude_binaries=True" in spec
    # Files the build writes into packaging/build (the version resource, the drop report).
    generated = set(re.findall(r"cfg\.WORK\)\s*/\s*\"([^\"]+)\"", spec))
    assert "version_info.txt" in generated
    assert "version_info.txt" in (PACKAGING / "build.py").read_text(encoding="utf-8")
    literals = re.findall(r"[\"']([\w./-]+\.(?:py|ico|png|svg|txt|iss|desktop))[\"']", spec)
    for literal in set(literals) - generated:
        assert (REPO / literal).exists() or (PACKAGING / literal).exists(), literal


def _iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))


def _iss_expand(value: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)


def test_inno_setup_script_refers_only_to_existing_or_built_files() -> None:
    iss_path = REPO / cfg.INNO_SCRIPT
    text = iss_path.read_text(encoding="utf-8")
    defines = _iss_defines(text)
    assert defines["WindowedExe"] == f"{cfg.WINDOWED_EXE}.exe"
    assert defines["ConsoleExe"] == f"{cfg.CONSOLE_EXE}.exe"
    bundle = (iss_path.parent / defines["BundleDir"].replace("\\", "/")).resolve()
    assert bundle == (cfg.DIST / cfg.BUNDLE_DIR).resolve()
    built = {f"{cfg.WINDOWED_EXE}.exe", f"{cfg.CONSOLE_EXE}.exe", "_internal/*"}

    refs = re.findall(r'^Source:\s*"([^"]+)"', text, re.MULTILINE)
    refs += re.findall(r"^(?:SetupIconFile|LicenseFile|InfoBeforeFile)=(.+)$", text, re.MULTILINE)
    assert len(refs) >= 4
    for ref in refs:
        path = (iss_path.parent / _iss_expand(ref.strip(), defines).replace("\\", "/")).resolve()
        if path.is_relative_to(bundle):
            assert path.relative_to(bundle).as_posix() in built, ref
        else:
            assert path.exists(), f"{ref} -> {path}"
    output_dir = re.search(r"^OutputDir=(.+)$", text, re.MULTILINE)
    assert output_dir is not None
    output = output_dir.group(1).strip().replace("\\", "/")
    assert (iss_path.parent / output).resolve() == cfg.DIST.resolve()


def test_inno_setup_installs_per_machine_into_program_files() -> None:
    text = (REPO / cfg.INNO_SCRIPT).read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=admin$", text, re.MULTILINE)
    assert re.search(r"^DefaultDirName=\{autopf\}\\", text, re.MULTILINE)
    assert not re.search(r"^PrivilegesRequiredOverridesAllowed=", text, re.MULTILINE)
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, re.MULTILINE)
    # the version comes from the package (via /DAppVersion or the exe's version resource)
    assert "#ifndef AppVersion" in text and "GetVersionNumbersString" in text


def test_desktop_file_is_well_formed() -> None:
    lines = (REPO / cfg.DESKTOP_FILE).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entries = dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))
    assert entries["Type"] == "Application"
    assert entries["Icon"] == cfg.APP_ID
    assert entries["Exec"].split()[0] == cfg.CONSOLE_EXE
    assert entries["Terminal"] == "false"
    assert entries["Categories"].endswith(";")


def test_windows_icon_is_a_valid_ico_with_a_large_image() -> None:
    data = (REPO / cfg.ICON_ICO).read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _p, _b, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert offset + size <= len(data)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        sizes.append(width or 256)
    assert 256 in sizes and 16 in sizes
    assert (REPO / cfg.ICON_PNG).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", None),
        ("shiny_review/resources/self-test/self-test-letter.txt", None),
    ],
)
def test_only_the_qt_plugins_the_app_uses_are_kept(dest: str, kept: bool | None) -> None:
    assert cfg.plugin_kept(dest) is kept


def test_qt_libraries_of_dropped_modules_are_dropped() -> None:
    assert cfg.qt_library_dropped("PySide6/Qt/lib/libQt6Network.so.6")
    assert cfg.qt_library_dropped("PySide6\\Qt6Quick.dll")
    assert not cfg.qt_library_dropped("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert not cfg.qt_library_dropped("PySide6/Qt/lib/libQt6Gui.so.6")
    assert cfg.is_qt_translation("PySide6/Qt/translations/qtbase_de.qm")


def test_version_comes_from_the_package() -> None:
    import shiny_review

    assert cfg.version() == shiny_review.__version__
    assert cfg.version_tuple()[:3] == tuple(int(n) for n in shiny_review.__version__.split(".")[:3])


def test_windows_version_resource_parses() -> None:
    """The VSVersionInfo text is the Python expression PyInstaller evaluates (its classes
    need pefile, a Windows-only dependency, so stand-ins record the arguments here)."""
    build = _load("build")
    text = build.version_info_text(cfg.version(), cfg.version_tuple())
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable")
    names += ("StringStruct", "VarFileInfo", "VarStruct")

    def stand_in(name: str) -> Callable[..., tuple[str, tuple[Any, ...], dict[str, Any]]]:
        return lambda *a, **k: (name, a, k)

    stand_ins = {n: stand_in(n) for n in names}
    parsed = eval(text.split("\n", 1)[1], {"__builtins__": {}}, stand_ins)
    assert parsed[0] == "VSVersionInfo"
    assert parsed[2]["ffi"][2]["filevers"] == cfg.version_tuple()
    strings = dict(s[1] for s in parsed[2]["kids"][0][1][0][0][1][1])
    assert strings["FileVersion"] == strings["ProductVersion"] == cfg.version()
    assert strings["ProductName"] == cfg.APP_NAME


def test_documentation_exists() -> None:
    for doc in ("docs/it-deployment.md", "docs/packaging.md"):
        assert (REPO / doc).is_file(), doc
