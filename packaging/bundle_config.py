"""What goes into the frozen app: one place read by the spec, build.py and the tests.

Paths are relative to the repository root. Nothing here imports PyInstaller, so the tests
can check it without a build.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
DIST = PACKAGING / "dist"
WORK = PACKAGING / "build"

APP_NAME = "Shiny Review"
APP_ID = "shiny-review"
# The folder PyInstaller writes (packaging/dist/<BUNDLE_DIR>) and the console executable
# (command line, --self-test). On Windows a second, windowed executable starts the window
# without a console; on Linux and macOS the one executable does both.
BUNDLE_DIR = "shiny-review"
CONSOLE_EXE = "shiny-review"
WINDOWED_EXE = "ShinyReview"
ENTRY_SCRIPT = "packaging/entry.py"
SPEC_FILE = "packaging/shiny-review.spec"

ICON_SVG = "packaging/icons/shiny-review.svg"
ICON_ICO = "packaging/icons/shiny-review.ico"
ICON_PNG = "packaging/icons/shiny-review-256.png"
DESKTOP_FILE = "packaging/linux/shiny-review.desktop"
LINUX_INSTALL_SCRIPT = "packaging/linux/install.sh"
LINUX_README = "packaging/linux/README.txt"
INNO_SCRIPT = "packaging/windows/shiny-review.iss"

# (source in the repository, destination folder inside the bundle). The migrations must be
# files on disk: Alembic reads env.py, script.py.mako and versions/*.py from a folder.
# resources/ goes inside the package in the bundle, as it does in the wheel, so
# shiny_review.runtime.resources finds it there as it does in a checkout.
DATAS: tuple[tuple[str, str], ...] = (
    ("resources", "shiny_review/resources"),
    ("shiny_review/storage/migrations", "shiny_review/storage/migrations"),
)

# Modules the analysis cannot see (Alembic loads the migration scripts from files; the
# scripts import these).
HIDDEN_IMPORTS: tuple[str, ...] = (
    "alembic.op",
    "alembic.context",
    "alembic.ddl.sqlite",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
)

# Never in the bundle: Qt modules the app does not use (QtWebEngine, QML/Quick, 3D,
# multimedia, networking...), test and development tools, and Tk.
EXCLUDES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "openpyxl",
    "mypy",
    "mypyc",
    "ruff",
    "importlinter",
    "grimp",
    "IPython",
    "numpy",
    "PIL",
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtHttpServer",
    "PySide6.QtWebSockets",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebView",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DExtras",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSpatialAudio",
    "PySide6.QtTextToSpeech",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSerialBus",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtStateMachine",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtAxContainer",
)

# Qt plugins kept, by plugin folder; a folder not named here is dropped whole. Names are
# matched without the "lib"/"q" prefixes and the file extension ("xcb" keeps libqxcb.so and
# qxcb.dll is not on Linux; "windows" keeps qwindows.dll).
QT_PLUGINS: dict[str, tuple[str, ...]] = {
    # offscreen and minimal for headless runs and tests; xcb for X11 and XWayland desktops;
    # windows on Windows; cocoa on macOS.
    "platforms": ("offscreen", "minimal", "xcb", "windows", "cocoa"),
    "imageformats": ("svg", "ico"),  # PNG is built into QtGui
    "iconengines": ("svgicon",),
    "styles": ("modernwindowsstyle", "windowsvistastyle", "macstyle"),
    # dead keys and compose sequences on Linux desktops
    "platforminputcontexts": ("composeplatforminputcontextplugin",),
}

# Qt translation catalogues are not used (the app is in English).
DROP_QT_TRANSLATIONS = True

# Qt shared libraries that only the dropped modules and plugins need.
DROP_QT_LIBRARIES: tuple[str, ...] = (
    "Network",
    "Qml",
    "QmlModels",
    "QmlMeta",
    "QmlWorkerScript",
    "Quick",
    "Pdf",
    "VirtualKeyboard",
    "WaylandClient",
    "WaylandEglClientHwIntegration",
    "WlShellIntegration",
    "EglFSDeviceIntegration",
    "EglFsKmsSupport",
    "EglFsKmsGbmSupport",
    "OpenGLWidgets",
)


def plugin_kept(dest: str) -> bool | None:
    """For a file in the bundle: None if it is not a Qt plugin, else whether to keep it."""
    parts = dest.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return None
    i = len(parts) - 1 - parts[::-1].index("plugins")
    if i == 0 or parts[i - 1] not in ("Qt", "PySide6", "Qt6"):
        return None
    if len(parts) < i + 3:
        return False
    folder, filename = parts[i + 1], parts[-1]
    stem = filename.split(".")[0]
    stem = stem.removeprefix("lib").removeprefix("q")
    keep = QT_PLUGINS.get(folder, ())
    return any(stem == name or stem == name.removeprefix("q") for name in keep)


def is_qt_translation(dest: str) -> bool:
    parts = dest.replace("\\", "/").split("/")
    return "translations" in parts and parts[-1].endswith(".qm")


_QT_LIB = re.compile(r"^(?:lib)?Qt6([A-Za-z0-9]+?)(?:\.so(?:\.\d+)*|\.dll|\.dylib)?$")


def qt_library_dropped(dest: str) -> bool:
    name = dest.replace("\\", "/").split("/")[-1]
    match = _QT_LIB.match(name)
    return bool(match) and match.group(1) in DROP_QT_LIBRARIES


def version() -> str:
    """The package version, read from shiny_review/__init__.py without importing it."""
    text = (REPO / "shiny_review" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise RuntimeError("no __version__ in shiny_review/__init__.py")
    return match.group(1)


def version_tuple() -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version())[:4]]
    while len(numbers) < 4:
        numbers.append(0)
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def repository_paths() -> dict[str, str]:
    """Every repository file or folder the spec, build.py and installers refer to."""
    paths = {
        "entry script": ENTRY_SCRIPT,
        "spec": SPEC_FILE,
        "SVG icon": ICON_SVG,
        "Windows icon": ICON_ICO,
        "PNG icon": ICON_PNG,
        "desktop file": DESKTOP_FILE,
        "Linux install script": LINUX_INSTALL_SCRIPT,
        "Linux readme": LINUX_README,
        "Inno Setup script": INNO_SCRIPT,
    }
    for src, _dest in DATAS:
        paths[f"data {src}"] = src
    return paths
