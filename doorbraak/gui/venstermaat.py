"""Maat en plaats van het hoofdvenster: bij elke start passend op het beschikbare scherm (ook op een
kantoorlaptop van 1280 × 720), en zoals de gebruiker het achterliet als dat op het scherm van nu past."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QStyle

from doorbraak.domein.fouten import InvoerFout
from doorbraak.instellingen import Mappen, Vensterstand, bewaar_vensterstand, lees_vensterstand

log = logging.getLogger(__name__)

#: Hoger zetten als de docks van het hoofdvenster veranderen: Qt negeert dan een oude indeling.
INDELING_VERSIE = 1


def beschikbaar(venster: QMainWindow) -> QRect:
    """Het deel van het scherm dat een venster mag gebruiken (zonder taakbalk of dock)."""
    scherm = venster.screen() or QGuiApplication.primaryScreen()
    return scherm.availableGeometry()


def kadermarges(venster: QMainWindow) -> QMargins:
    """Titelbalk en randen om het venster: pas bekend als het venster getoond is, dus een ruime schatting,
    zodat ook de titelbalk van Windows of GNOME nog op het scherm past."""
    titel = max(venster.style().pixelMetric(QStyle.PM_TitleBarHeight), venster.fontMetrics().height() * 2)
    return QMargins(8, titel + 8, 8, 8)


def pas_op_scherm(venster: QMainWindow) -> None:
    """De standaardmaat: ruim voor casuslijst, editor en businesscase, maar nooit groter dan het scherm."""
    ruimte = beschikbaar(venster).marginsRemoved(kadermarges(venster))
    fm = venster.fontMetrics()
    wens = QSize(fm.horizontalAdvance("x") * 210, fm.height() * 56)
    maat = wens.boundedTo(ruimte.size()).expandedTo(venster.minimumSizeHint())
    x = ruimte.left() + max(0, (ruimte.width() - maat.width()) // 2)
    y = ruimte.top() + max(0, (ruimte.height() - maat.height()) // 2)
    venster.setGeometry(QRect(x, y, maat.width(), maat.height()))


def past_op_een_scherm(kader: QRect) -> bool:
    return any(scherm.availableGeometry().contains(kader) for scherm in QGuiApplication.screens())


def herstel_of_pas(venster: QMainWindow, mappen: Mappen) -> bool:
    """Het venster zoals het werd afgesloten, als het zo op een scherm past; anders de standaardmaat.
    True als de vorige maat en indeling zijn teruggezet."""
    stand = lees_vensterstand(mappen)
    if stand is not None and past_op_een_scherm(QRect(*stand.kader)):
        if venster.restoreGeometry(QByteArray.fromBase64(stand.geometrie.encode("ascii"))):
            venster.restoreState(QByteArray.fromBase64(stand.indeling.encode("ascii")), INDELING_VERSIE)
            return True
    pas_op_scherm(venster)
    return False


def bewaar(venster: QMainWindow, mappen: Mappen) -> None:
    """Bij het afsluiten: maat, plaats en indeling voor de volgende start. Mislukt dat, dan opent het
    venster de volgende keer gewoon passend op het scherm."""
    k = venster.frameGeometry()
    stand = Vensterstand((k.x(), k.y(), k.width(), k.height()), _base64(venster.saveGeometry()),
                         _base64(venster.saveState(INDELING_VERSIE)))
    try:
        bewaar_vensterstand(mappen, stand)
    except (OSError, InvoerFout) as fout:
        log.warning("vensterstand niet bewaard: %s", fout)


def _base64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
