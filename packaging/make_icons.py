"""Render packaging/icons/shiny-review.svg to the PNG and ICO files the builds use.

    python packaging/make_icons.py

Run it after changing the SVG and commit the results (the builds and the installer refer to
the committed files). Qt's own SVG renderer draws the pixels; the ICO is written here with
PNG-compressed entries (supported since Windows Vista), so no image plugin or download is
needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICONS = HERE / "icons"
SVG = ICONS / "shiny-review.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZES = (48, 128, 256)


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(images: dict[int, bytes], target: Path) -> None:
    """An ICO file whose entries are PNG images (ICONDIR + ICONDIRENTRY + data)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries = b""
    payload = b""
    for size in sizes:
        data = images[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    target.write_bytes(header + entries + payload)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render_png(size) for size in sorted(set(ICO_SIZES) | set(PNG_SIZES))}
    for size in PNG_SIZES:
        (ICONS / f"shiny-review-{size}.png").write_bytes(images[size])
    write_ico({s: images[s] for s in ICO_SIZES}, ICONS / "shiny-review.ico")
    del app
    print(f"wrote {len(PNG_SIZES)} PNG files and shiny-review.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
