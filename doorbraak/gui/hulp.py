"""Het menu Help: de sneltoetsen (gemaakt uit de echte acties van het venster) en de handleiding.

De lijst met sneltoetsen wordt bij het openen opgebouwd uit de menu's, de acties en de sneltoetsen van de
widgets in het venster: wat het venster kent, staat in de lijst, en een nieuwe sneltoets komt er vanzelf bij.
De handleiding staat in resources/handleiding/ en opent in de app zelf: geen browser, ook zonder netwerk.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMenu, QStyle,
                               QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from doorbraak import PROJECTMAP

if TYPE_CHECKING:
    from doorbraak.gui.hoofdvenster import Hoofdvenster

#: De handleiding; de hele map resources/ gaat mee met de app (zie diensten.voorbeeldenmap).
HANDLEIDING = PROJECTMAP / "resources" / "handleiding" / "handleiding.html"
PIJL = " › "

#: Toetsen die geen sneltoets van een actie zijn, maar die een coach moet kennen (zonder een actie erachter).
VASTE_TOETSEN = (
    ("Volgend veld / vorig veld", "Tab / Shift+Tab"),
    ("Knop of veld met een onderstreepte letter", "Alt+letter"),
    ("Prijslijstkiezer: van het zoekvak naar de resultaten", "Pijl omlaag"),
    ("Prijslijstkiezer: de gekozen regel toevoegen", "Enter"),
    ("Een dialoog sluiten zonder iets te doen", "Esc"),
)


def zonder_ampersand(tekst: str) -> str:
    """De tekst zoals de gebruiker hem ziet: zonder de sneltoetsletter-markering en zonder '…'."""
    return tekst.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".").strip()


def is_toetsenbordtoets(reeks: QKeySequence) -> bool:
    """Te typen op een gewoon toetsenbord: letters, cijfers, Esc, Tab, pijlen, Delete, F1–F35. Niet de aparte
    'Ongedaan maken'- of 'Vernieuwen'-knoppen die sommige toetsenborden hebben (Qt geeft ze bij de standaardtoetsen)."""
    if reeks.isEmpty():
        return False
    for i in range(reeks.count()):
        if reeks[i].key().value > Qt.Key_F35.value:  # speciale toetsen liggen in Qt na F35
            return False
    return True


def toetstekst(reeksen: list[QKeySequence]) -> str:
    """De toetsen in de taal van de app ('Ctrl+Z of Ctrl+Shift+Z')."""
    teksten = [r.toString(QKeySequence.NativeText) for r in reeksen if is_toetsenbordtoets(r)]
    return " of ".join(dict.fromkeys(teksten))


def menupaden(v: Hoofdvenster) -> dict[str, QAction]:
    """Elk menu-item als 'Bestand › Nieuwe casus' (ook in submenu's), in de volgorde van de menu's."""
    paden: dict[str, QAction] = {}

    def loop(menu: QMenu, pad: str) -> None:
        for a in menu.actions():
            if a.isSeparator():
                continue
            naam = pad + PIJL + _naam(v, a)
            if a.menu() is not None:
                loop(a.menu(), naam)
            else:
                paden[naam] = a

    for a in v.menuBar().actions():
        if a.menu() is not None:
            loop(a.menu(), zonder_ampersand(a.text()))
    return paden


def _naam(v: Hoofdvenster, a: QAction) -> str:
    if a is v.acties.get("ongedaan"):
        return "Ongedaan maken"  # de tekst van deze acties noemt ook de laatste wijziging
    if a is v.acties.get("opnieuw"):
        return "Opnieuw"
    naam = zonder_ampersand(a.text())
    return f"{naam} tonen of verbergen" if a.isCheckable() else naam


def _plaats(w: QWidget, secties: QTabWidget) -> tuple[int, str]:
    """De sectie (tab van `secties`) waarin een widget staat, met haar plaats: (2, 'Zonder doorbraak'); ook als
    het in een tab binnen die sectie staat (de kostenlijsten van de Nacalculatie)."""
    for i in range(secties.count()):
        if secties.widget(i) is w or secties.widget(i).isAncestorOf(w):
            return i, zonder_ampersand(secties.tabText(i))
    return -1, ""


def sneltoetsen(v: Hoofdvenster) -> list[tuple[str, str]]:
    """(handeling, toets) voor elke sneltoets van het venster: de menu's, andere acties, de sneltoetsen van
    widgets (met de secties waar ze gelden), en tot slot de vaste toetsen."""
    v.nacalculaties.deel  # de sectie Nacalculatie wordt pas bij gebruik gebouwd; haar sneltoetsen horen er wel bij
    rijen: list[tuple[str, str]] = []
    gehad: set[int] = set()
    for pad, a in menupaden(v).items():
        gehad.add(id(a))
        if toetsen := toetstekst(a.shortcuts()):
            rijen.append((pad, toetsen))
    for a in v.findChildren(QAction):
        if id(a) not in gehad and a.menu() is None and (toetsen := toetstekst(a.shortcuts())):
            rijen.append((_naam(v, a), toetsen))
    per_handeling: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for s in v.findChildren(QShortcut):
        if s.isEnabled() and (toetsen := toetstekst([s.key()])):
            plaatsen = per_handeling.setdefault((s.whatsThis() or "Sneltoets", toetsen), [])
            plaats = _plaats(s.parent(), v.editor.tabs) if isinstance(s.parent(), QWidget) else (-1, "")
            if plaats[1] and plaats not in plaatsen:
                plaatsen.append(plaats)
    for (wat, toetsen), plaatsen in sorted(per_handeling.items(), key=lambda p: min(p[1], default=(-1, ""))):
        namen = ", ".join(naam for _, naam in sorted(plaatsen))
        rijen.append((f"{wat} ({namen})" if namen else wat, toetsen))
    return rijen + list(VASTE_TOETSEN)


class Sneltoetsendialoog(QDialog):
    """Alle sneltoetsen in een tabel: handeling en toets."""

    def __init__(self, rijen: list[tuple[str, str]], ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setWindowTitle("Sneltoetsen")
        uitleg = QLabel("Alle sneltoetsen van Doorbraak. Bij een menu-item staat het menu ervoor (Bestand › Opslaan); "
                        "in het menu zelf staat de toets achter het item.")
        uitleg.setWordWrap(True)
        self.tabel = QTableWidget(len(rijen), 2, self)
        self.tabel.setHorizontalHeaderLabels(["Handeling", "Toets"])
        self.tabel.setAccessibleName("Sneltoetsen")
        self.tabel.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tabel.verticalHeader().setVisible(False)
        self.tabel.setWordWrap(False)
        self.tabel.setAlternatingRowColors(True)
        self.tabel.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)  # veel regels in beeld
        for rij, (wat, toets) in enumerate(rijen):
            self.tabel.setItem(rij, 0, QTableWidgetItem(wat))
            self.tabel.setItem(rij, 1, QTableWidgetItem(toets))
        kop = self.tabel.horizontalHeader()
        self.tabel.resizeColumnsToContents()
        nodig = self.tabel.columnWidth(0) + self.tabel.columnWidth(1) + self.style().pixelMetric(
            QStyle.PM_ScrollBarExtent) + 4 * self.tabel.frameWidth() + 40  # plus de marges van de dialoog
        kop.setSectionResizeMode(0, QHeaderView.Stretch)
        kop.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        knoppen = QDialogButtonBox(QDialogButtonBox.Close)
        knoppen.rejected.connect(self.reject)
        laag = QVBoxLayout(self)
        laag.addWidget(uitleg)
        laag.addWidget(self.tabel, 1)
        laag.addWidget(knoppen)
        past_in(self, 56, 44, nodig)

    def rijen(self) -> list[tuple[str, str]]:
        return [(self.tabel.item(r, 0).text(), self.tabel.item(r, 1).text()) for r in range(self.tabel.rowCount())]


class Handleidingvenster(QDialog):
    """De handleiding in de app, naast het hoofdvenster te houden (niet modaal)."""

    def __init__(self, pad: Path, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setWindowTitle("Handleiding — Doorbraak")
        self.tekst = QTextBrowser(self)
        self.tekst.setAccessibleName("Handleiding")
        self.tekst.setOpenExternalLinks(True)
        if pad.is_file():
            self.tekst.setSource(QUrl.fromLocalFile(str(pad)))
        else:
            self.tekst.setPlainText(f"De handleiding is niet gevonden: {pad}. Zij hoort bij de installatie van "
                                    "Doorbraak; installeer de app opnieuw of vraag het uw beheerder.")
        knoppen = QDialogButtonBox(QDialogButtonBox.Close)
        knoppen.rejected.connect(self.reject)
        laag = QVBoxLayout(self)
        laag.addWidget(self.tekst, 1)
        laag.addWidget(knoppen)
        past_in(self, 58, 50)


def past_in(dialoog: QDialog, breed_em: int, hoog_em: int, minstens: int = 0) -> None:
    """Een prettige maat in letterbreedtes (en minstens `minstens` pixels breed), nooit groter dan het scherm."""
    m = dialoog.fontMetrics()
    breedte, hoogte = max(m.horizontalAdvance("M") * breed_em, minstens), m.height() * hoog_em
    scherm = QGuiApplication.primaryScreen()
    if scherm is not None:
        vrij = scherm.availableGeometry()
        breedte, hoogte = min(breedte, vrij.width() - 40), min(hoogte, vrij.height() - 60)
    dialoog.resize(breedte, hoogte)


def toon_sneltoetsen(v: Hoofdvenster) -> Sneltoetsendialoog:
    dlg = Sneltoetsendialoog(sneltoetsen(v), v)
    dlg.setAttribute(Qt.WA_DeleteOnClose)
    dlg.open()
    return dlg


def toon_handleiding(v: Hoofdvenster) -> Handleidingvenster:
    """Eén handleidingvenster; nogmaals kiezen brengt het naar voren."""
    dlg = v.findChild(Handleidingvenster)
    if dlg is None:
        dlg = Handleidingvenster(HANDLEIDING, v)
    dlg.show()
    dlg.raise_()
    dlg.activateWindow()
    return dlg


def toon_over(v: Hoofdvenster) -> None:
    """Help › Over Doorbraak: dezelfde versieregels als `doorbraak --versie` (Doorbraak, prijslijst, Python, Qt),
    en welk register en welke gegevensmap in gebruik zijn."""
    from doorbraak.versie import versieregels

    regels = versieregels(v.inst.prijslijstmap or None, v.prijslijst)
    v.dialogen.melding("Over Doorbraak", "\n".join(["De maatschappelijke businesscase van een doorbraakcasus.", *regels,
                                                    f"Register: {v.registerplaats}", f"Gegevens: {v.mappen.data}"]))
