"""Teken het icoon van Doorbraak: een pijl die door een muur breekt, wit op een rustig blauw vlak.

Schrijft packaging/icons/doorbraak.png (256×256), packaging/icons/doorbraak.ico (16 tot 256 pixels, voor het
Windows-programma en de installatie) en een kopie van de PNG in resources/icons/ (het vensterpictogram van de app).
Elke maat wordt apart getekend, zodat de kleine maten scherp blijven. Opnieuw maken:

    QT_QPA_PLATFORM=offscreen python packaging/icons/maak_icoon.py
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPolygonF

MAP = Path(__file__).resolve().parent
PROJECT = MAP.parent.parent
MATEN = (16, 24, 32, 48, 64, 128, 256)
BLAUW = QColor("#2563a8")
WIT = QColor("#ffffff")


def teken(maat: int) -> QImage:
    """Het icoon op `maat` pixels, getekend op een raster van 16 eenheden (zodat 16 pixels scherp blijft)."""
    beeld = QImage(maat, maat, QImage.Format_ARGB32_Premultiplied)
    beeld.fill(Qt.transparent)
    p = QPainter(beeld)
    p.setRenderHint(QPainter.Antialiasing)
    p.scale(maat / 16, maat / 16)
    vlak = QPainterPath()
    vlak.addRoundedRect(QRectF(0.5, 0.5, 15, 15), 3.2, 3.2)
    p.fillPath(vlak, BLAUW)
    p.setPen(Qt.NoPen)
    # de muur: twee stukken met een bres in het midden, de brokstukken naar buiten gekanteld
    p.setBrush(WIT)
    p.drawPolygon(QPolygonF([QPointF(2.5, 9), QPointF(6.2, 9), QPointF(5.6, 11), QPointF(2.5, 11)]))
    p.drawPolygon(QPolygonF([QPointF(9.8, 9), QPointF(13.5, 9), QPointF(13.5, 11), QPointF(10.4, 11)]))
    # de pijl omhoog, door de bres
    p.drawPolygon(QPolygonF([QPointF(8, 2.5), QPointF(11.6, 6.3), QPointF(9.2, 6.3), QPointF(9.2, 13.5),
                             QPointF(6.8, 13.5), QPointF(6.8, 6.3), QPointF(4.4, 6.3)]))
    p.end()
    return beeld


def als_pil(beeld: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QBuffer.WriteOnly)
    beeld.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter vraagt een app
    beelden = {maat: als_pil(teken(maat)) for maat in MATEN}
    png = MAP / "doorbraak.png"
    beelden[256].save(png)
    # Pillow schaalt het grootste beeld naar de andere maten; geef de eigen tekeningen mee (append_images)
    beelden[256].save(MAP / "doorbraak.ico", format="ICO", sizes=[(m, m) for m in MATEN],
                      append_images=[beelden[m] for m in MATEN if m != 256])
    (PROJECT / "resources" / "icons").mkdir(exist_ok=True)
    shutil.copyfile(png, PROJECT / "resources" / "icons" / "doorbraak.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
