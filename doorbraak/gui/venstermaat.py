"""Maat en plaats van het hoofdvenster: bij elke start passend op het beschikbare scherm (ook op een
kantoorlaptop van 1280 × 720), en zoals de gebruiker het achterliet als dat op het scherm van nu past."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget, QHeaderView, QMainWindow, QStyle, QStyleOptionTabWidgetFrame, QTabWidget, QWidget,
)

from doorbraak.domein.fouten import InvoerFout
from doorbraak.instellingen import Mappen, Vensterstand, bewaar_vensterstand, lees_vensterstand

log = logging.getLogger(__name__)

#: Hoger zetten als de docks van het hoofdvenster veranderen: Qt negeert dan een oude indeling.
INDELING_VERSIE = 1
#: Een kopregel (QHeaderView) met een objectName die hiermee begint, onthoudt zijn kolombreedtes tussen twee starts.
KOLOMMEN = "kolommen-"
#: Per dock (objectName): het deel van de vensterbreedte dat hij krijgt, en de grootste breedte in tekens ("x").
DOCKAANDEEL = {"casussen": (0.19, 70), "businesscase": (0.22, 80)}


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
    docks = [d for d in _zijdocks(venster) if d.objectName() in DOCKAANDEEL]
    if docks:
        venster.resizeDocks(docks, [_dockwens(d, maat.width()) for d in docks], Qt.Horizontal)


def past_op_een_scherm(kader: QRect) -> bool:
    return any(scherm.availableGeometry().contains(kader) for scherm in QGuiApplication.screens())


def herstel_of_pas(venster: QMainWindow, mappen: Mappen) -> bool:
    """Het venster zoals het werd afgesloten, als het zo op een scherm past; anders de standaardmaat.
    True als de vorige maat en indeling zijn teruggezet."""
    stand = lees_vensterstand(mappen)
    Kolomgeheugen(venster, stand.kolommen if stand is not None else {})
    venster.installEventFilter(Dockverdeling(venster))
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
                         _base64(venster.saveState(INDELING_VERSIE)), Kolomgeheugen.van(venster))
    try:
        bewaar_vensterstand(mappen, stand)
    except (OSError, InvoerFout) as fout:
        log.warning("vensterstand niet bewaard: %s", fout)


def _base64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _zijdocks(venster: QMainWindow) -> list[QDockWidget]:
    return [d for d in venster.findChildren(QDockWidget) if d.parent() is venster and not d.isFloating()
            and not d.isHidden() and venster.dockWidgetArea(d) in (Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea)]


def _dockwens(dock: QDockWidget, vensterbreedte: int) -> int:
    """Hoe breed een dock bij deze vensterbreedte mag worden: een deel ervan, niet breder dan nodig, nooit
    smaller dan zijn minimum."""
    deel, tekens = DOCKAANDEEL[dock.objectName()]
    wens = min(int(vensterbreedte * deel), dock.fontMetrics().horizontalAdvance("x") * tekens)
    return max(wens, dock.minimumSizeHint().width())


class Dockverdeling(QObject):
    """Laat de zijpanelen meegroeien als het venster breder wordt (tot hun deel van de breedte) en naar
    verhouding krimpen als het smaller wordt. Zonder dit krijgt alleen het midden de extra ruimte, en blijven
    casuslijst en businesscase op een breed scherm even smal als op een laptop."""

    def eventFilter(self, venster: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Resize and isinstance(venster, QMainWindow) and venster.isVisible():
            oud, nieuw = event.oldSize().width(), event.size().width()
            if oud > 0 and nieuw != oud:
                self._verdeel(venster, oud, nieuw)
        return False

    @staticmethod
    def _verdeel(venster: QMainWindow, oud: int, nieuw: int) -> None:
        docks = [d for d in _zijdocks(venster) if d.objectName() in DOCKAANDEEL]
        breedtes = []
        for d in docks:
            naar_verhouding = d.width() * nieuw / oud
            if nieuw > oud:  # groeien tot de wens; nooit smaller dan nu (de gebruiker kan hem breder hebben gemaakt)
                breedtes.append(max(d.width(), min(int(naar_verhouding), _dockwens(d, nieuw))))
            else:
                breedtes.append(max(int(naar_verhouding), d.minimumSizeHint().width()))
        if docks:
            venster.resizeDocks(docks, breedtes, Qt.Horizontal)


class Bladenminimum(QObject):
    """Het minimum van tabbladen in documentmodus: wat de bladen en de tabbalk nodig hebben. Qt telt er ruimte
    voor een kader om de bladen bij (de stijl, CT_TabWidget: 4 px breed en hoog), maar in documentmodus tekent
    het geen kader en vult het blad de hele breedte. Zonder dit werd het hoofdvenster per laag tabbladen (Casus
    en Monitor, de secties van de editor) 4 px breder dan nodig, en paste het niet meer in 1000 px (een scherm
    van 1366 bij 125 %). Het minimum volgt de bladen: bij elke nieuwe indeling opnieuw."""

    def __init__(self, tabs: QTabWidget):
        super().__init__(tabs)
        self.tabs = tabs
        tabs.installEventFilter(self)
        self.werk_bij()

    def werk_bij(self) -> None:
        if not self.tabs.documentMode():
            self.tabs.setMinimumSize(0, 0)  # met kader: de minimumSizeHint van Qt klopt
            return
        kader = self.tabs.style().sizeFromContents(QStyle.CT_TabWidget, QStyleOptionTabWidgetFrame(), QSize(0, 0),
                                                   self.tabs)
        nodig = self.tabs.minimumSizeHint() - kader
        self.tabs.setMinimumSize(max(nodig.width(), 1), max(nodig.height(), 1))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Polish, QEvent.LayoutRequest, QEvent.StyleChange, QEvent.FontChange):
            self.werk_bij()
        return False


class Kolomgeheugen(QObject):
    """Onthoudt breedte, volgorde en sortering van de kolommen van elke kopregel in het venster waarvan de
    objectName met `KOLOMMEN` begint, ook in een dialoog die later opengaat (de prijslijstkiezer). Bewaard met de
    vensterstand als "aantal kolommen:base64" (een tabel met andere kolommen negeert een oude stand)."""

    def __init__(self, venster: QMainWindow, bewaard: dict[str, str]):
        super().__init__(venster)
        self.setObjectName("kolomgeheugen")
        self.standen = dict(bewaard)
        venster.installEventFilter(self)
        self.neem_op(venster)

    @staticmethod
    def van(venster: QMainWindow) -> dict[str, str]:
        geheugen = venster.findChild(Kolomgeheugen, "kolomgeheugen")
        return dict(geheugen.standen) if geheugen is not None else {}

    def neem_op(self, wortel: QWidget) -> None:
        """Elke nieuwe kopregel met een naam: de bewaarde stand terugzetten en voortaan elke wijziging onthouden."""
        for kop in wortel.findChildren(QHeaderView):
            if not kop.objectName().startswith(KOLOMMEN) or kop.property("kolomgeheugen"):
                continue
            kop.setProperty("kolomgeheugen", True)
            self._herstel(kop)
            for signaal in (kop.sectionResized, kop.sectionMoved, kop.sortIndicatorChanged):
                signaal.connect(lambda *_, k=kop: self._onthoud(k))

    def _herstel(self, kop: QHeaderView) -> None:
        aantal, _, stand = self.standen.get(kop.objectName(), "").partition(":")
        if stand and aantal == str(kop.count()):
            kop.restoreState(QByteArray.fromBase64(stand.encode("ascii")))

    def _onthoud(self, kop: QHeaderView) -> None:
        self.standen[kop.objectName()] = f"{kop.count()}:{_base64(kop.saveState())}"

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.ChildPolished and isinstance(event.child(), QWidget):
            self.neem_op(event.child())  # een dialoog of dock, klaar opgebouwd
        return False
