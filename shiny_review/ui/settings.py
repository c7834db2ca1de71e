"""What the window remembers per user (QSettings): author, geometry, splitters, last
document, export folder and text size. Tests inject a QSettings on an INI file in a temp folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "ShinyReview"
APPLICATION = "ShinyReview"


def user_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


class WindowSettings:
    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    def _get(self, key: str) -> object:
        return self.qsettings.value(key)

    def author(self) -> str | None:
        value = self._get("author")
        return str(value) if value else None

    def set_author(self, name: str) -> None:
        self.qsettings.setValue("author", name)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._get(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(key, value)

    def last_document(self, workspace: Path) -> int | None:
        value = self._get(f"last_document/{_key(workspace)}")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    def set_last_document(self, workspace: Path, document_id: int) -> None:
        self.qsettings.setValue(f"last_document/{_key(workspace)}", document_id)

    def export_folder(self) -> Path:
        value = self._get("export_folder")
        folder = Path(str(value)) if value else Path.home()
        return folder if folder.is_dir() else Path.home()

    def set_export_folder(self, folder: Path) -> None:
        self.qsettings.setValue("export_folder", str(folder))

    def text_size(self) -> float | None:
        """The document text's size in points the person chose (Ctrl+plus/minus), if any."""
        try:
            value = float(str(self._get("text_size")))
        except ValueError:
            return None
        return value if value > 0 else None

    def set_text_size(self, points: float | None) -> None:
        if points is None:
            self.qsettings.remove("text_size")
        else:
            self.qsettings.setValue("text_size", points)

    def sync(self) -> None:
        self.qsettings.sync()


def _key(workspace: Path) -> str:
    """The settings key of a workspace file: the start of its path's SHA-1 (keys already in
    people's settings must keep their value). CPython's own ``_sha1`` gives the same digest
    as ``hashlib``'s, without loading OpenSSL (~2.5 ms of the window's first stage)."""
    try:
        from _sha1 import sha1
    except ImportError:  # a Python built without it
        from hashlib import sha1
    return sha1(str(Path(workspace).resolve()).encode()).hexdigest()[:12]
