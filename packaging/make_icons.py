"""Render the app icon's PNGs from its SVG and pack them into the Windows .ico and macOS .icns."""

# Run from the checkout after editing peelviewer/resources/icons/peelviewer.svg:
#     .venv/bin/python packaging/make_icons.py
# and commit what it writes; nothing is generated at build time. Needs only PySide6.

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "peelviewer" / "resources" / "icons"
SVG = ICONS / "peelviewer.svg"
ICO = ROOT / "packaging" / "windows" / "peelviewer.ico"
ICNS = ROOT / "packaging" / "macos" / "peelviewer.icns"
SIZES = (16, 32, 48, 64, 128, 256, 512)

# Windows picks the frame nearest the size it needs; 256 is the largest an .ico holds.
ICO_SIZES = (16, 32, 48, 64, 128, 256)
# icns element types holding PNG data, with the pixel size of each.
ICNS_TYPES = (
    (b"icp4", 16), (b"ic11", 32),    # 16 pt at 1x and 2x
    (b"icp5", 32), (b"ic12", 64),    # 32 pt
    (b"ic07", 128), (b"ic13", 256),  # 128 pt
    (b"ic08", 256), (b"ic14", 512),  # 256 pt
    (b"ic09", 512),                  # 512 pt at 1x
)


def png_path(size: int) -> Path:
    return ICONS / f"peelviewer-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn into a transparent size x size image (straight, not premultiplied, alpha)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    return bytes(buffer.data())


def dib_bytes(image: QImage) -> bytes:
    """An .ico frame in the classic form: 32-bit BGRA rows bottom-up, then the AND mask."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    width, height = image.width(), image.height()
    stride = image.bytesPerLine()
    pixels = bytes(image.constBits())[: stride * height]
    rows = [pixels[y * stride: y * stride + width * 4] for y in range(height)]
    mask_stride = (width + 31) // 32 * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(mask_stride)
        for x in range(width):
            if row[x * 4 + 3] == 0:  # fully transparent: let old viewers see through
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    color = b"".join(reversed(rows))  # Format_ARGB32 is B, G, R, A in memory
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0,
                         len(color) + len(mask), 0, 0, 0, 0)
    return header + color + bytes(mask)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """A Windows icon: DIB frames at 16-48 px (every Windows reads them), PNG above."""
    frames = [(size, png_bytes(images[size]) if size >= 64 else dib_bytes(images[size]))
              for size in ICO_SIZES]
    offset = 6 + 16 * len(frames)
    directory = struct.pack("<HHH", 0, 1, len(frames))
    for size, data in frames:
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(data for _size, data in frames)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon family: every element a PNG, as macOS 10.7 and later read them."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: {SVG} is not a valid SVG", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in SIZES}
    pngs = {size: png_bytes(image) for size, image in images.items()}
    for size, data in pngs.items():
        png_path(size).write_bytes(data)
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico_bytes(images))
    ICNS.parent.mkdir(parents=True, exist_ok=True)
    ICNS.write_bytes(icns_bytes(pngs))
    for path in [*map(png_path, SIZES), ICO, ICNS]:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
