"""Kleine bouwstenen voor formulieren: velden met een toegankelijke naam en een foutmelding erbij."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QStyle, QTableWidget, QVBoxLayout, QWidget,
)

from doorbraak.gui.formulier import euro_vast

FOUTKLEUR = "#b3261e"
STIJL = f"""
*[fout="true"] {{ border: 2px solid {FOUTKLEUR}; border-radius: 3px; }}
QLabel[rol="foutmelding"] {{ color: {FOUTKLEUR}; }}
QLabel[rol="banner"] {{ padding: 6px; border-radius: 4px; }}
QLabel[rol="banner"][soort="oefening"] {{ background: #fff3c4; color: #4d3b00; border: 1px solid #d9b200; }}
QLabel[rol="banner"][soort="register"] {{ background: #e3ecfa; color: #0b2a5b; border: 1px solid #7a9cd6; }}
QLabel[rol="banner"][soort="fout"] {{ background: #fde7e6; color: #5c0f0a; border: 1px solid {FOUTKLEUR}; }}
QLabel[rol="route"] {{ padding: 4px 8px; border-radius: 4px; font-weight: bold; }}
QLabel[rol="route"][soort="vier-ogen"] {{ background: #dff3e4; color: #0d4a1f; border: 1px solid #3c9a5f; }}
QLabel[rol="route"][soort="escalatie"] {{ background: #fde7e6; color: #5c0f0a; border: 1px solid {FOUTKLEUR}; }}
QLabel[rol="route"][soort="geen"] {{ background: #eeeeee; color: #333333; border: 1px solid #999999; }}
QLabel[rol="reden"] {{ color: #555555; font-style: italic; }}
"""


#: Waarden waarvoor STIJL geen regel heeft: een widget zonder eigen stylesheet houdt dan de gewone stijl.
_ZONDER_REGEL = ("", "false")


def geef_stijl(widget: QWidget) -> None:
    """STIJL als eigen stylesheet van deze widget (en haar kinderen).

    STIJL hangt bewust niet aan het hele venster: dan tekent Qt élke widget via de (trage) stylesheetstijl,
    en dat kostte bij de start een vijfde van de tijd. Alleen de widgets met een `rol` of `fout` krijgen hem,
    via `zet_rol` en `zet_eigenschap`."""
    if widget.styleSheet() != STIJL:
        widget.setStyleSheet(STIJL)


def zet_rol(widget: QWidget, rol: str) -> None:
    """Een label met een rol uit STIJL (banner, foutmelding, route, reden), meteen met de stijl."""
    widget.setProperty("rol", rol)
    geef_stijl(widget)


def zet_eigenschap(widget: QWidget, naam: str, waarde: str) -> None:
    """Een dynamische eigenschap zetten en de stijl opnieuw toepassen."""
    if widget.property(naam) != waarde:
        widget.setProperty(naam, waarde)
        if widget.styleSheet() != STIJL:
            if waarde not in _ZONDER_REGEL:  # een nooit foute invoer heeft geen stylesheet nodig
                geef_stijl(widget)  # setStyleSheet past de stijl zelf toe
            return
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class Veld(QWidget):
    """Een invoerveld met daaronder een foutmelding die alleen zichtbaar is als er iets mis is."""

    def __init__(self, invoer: QWidget, naam: str, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.invoer = invoer
        self.naam = naam
        invoer.setAccessibleName(naam)
        self.melding = QLabel(self)
        self.melding.setProperty("rol", "foutmelding")
        self.melding.setWordWrap(True)
        self.melding.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.melding.hide()
        laag = QVBoxLayout(self)
        laag.setContentsMargins(0, 0, 0, 0)
        laag.setSpacing(2)
        laag.addWidget(invoer)
        laag.addWidget(self.melding)
        self.setSizePolicy(invoer.sizePolicy().horizontalPolicy(), QSizePolicy.Maximum
                           if not isinstance(invoer, QPlainTextEdit) else QSizePolicy.Expanding)

    def zet_fout(self, melding: str) -> None:
        if euro_vast(melding) == self.melding.text() and self.invoer.property("fout") == ("true" if melding else "false"):
            return  # bij elke toets: niets te doen
        zet_eigenschap(self.invoer, "fout", "true" if melding else "false")
        if melding:
            geef_stijl(self.melding)  # pas bij de eerste melding: de meeste velden tonen er nooit een
        self.invoer.setToolTip(melding)
        self.invoer.setAccessibleDescription(f"Fout: {melding}" if melding else "")
        self.melding.setText(euro_vast(melding))
        self.melding.setVisible(bool(melding))

    @property
    def fout(self) -> str:
        return self.melding.text().replace("€\u00a0", "€ ")


def regelinvoer(placeholder: str = "") -> QLineEdit:
    veld = QLineEdit()
    veld.setPlaceholderText(placeholder)
    veld.setClearButtonEnabled(False)
    return veld


def tekstvak(placeholder: str = "") -> QPlainTextEdit:
    vak = QPlainTextEdit()
    vak.setPlaceholderText(placeholder)
    vak.setTabChangesFocus(True)  # Tab gaat naar het volgende veld, zoals overal
    vak.setMinimumHeight(70)
    return vak


def tekst_van(widget: QWidget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def zet_focus(widget: QWidget) -> None:
    """De focus zoals met een sneltoets: in een regelveld is de tekst dan geselecteerd (typen vervangt haar, zoals
    na Tab), ook als het veld de focus al had (Qt geeft die bij het wisselen van tab aan het vorige veld)."""
    widget.setFocus(Qt.ShortcutFocusReason)
    if isinstance(widget, QLineEdit):
        widget.selectAll()


def zet_tekst(widget: QWidget, tekst: str) -> None:
    """Tekst zetten zonder de cursor onnodig te verplaatsen (ongedaan maken tijdens het typen)."""
    if tekst_van(widget) == tekst:
        return
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(tekst)
    else:
        widget.setText(tekst)


#: kolommen die niet meer breedte krijgen dan dit aantal tekens (de rest in de tooltip); de omschrijving krijgt de rest
SMALLE_KOLOMMEN = {"financier": 22, "categorie": 14}


def richt_kolommen_in(kop: QHeaderView, sleutels: list[str], naam: str, breed: str = "omschrijving",
                      passend: QHeaderView.ResizeMode = QHeaderView.ResizeToContents) -> None:
    """De beschrijving neemt de ruimte die over is; codes, jaren en bedragen krijgen wat ze nodig hebben (`passend`;
    met Interactive zet `pas_kolommen_aan` de breedte); een lange financier of categorie wordt afgekort (met de
    volledige naam in de tooltip). De objectnaam is er om de kolombreedtes te kunnen onthouden."""
    kop.setObjectName(f"kolommen-{naam}")
    kop.setMinimumSectionSize(kop.fontMetrics().horizontalAdvance("x") * 4)
    for k, sleutel in enumerate(sleutels):
        if sleutel == breed:
            kop.setSectionResizeMode(k, QHeaderView.Stretch)
        elif sleutel in SMALLE_KOLOMMEN:
            kop.setSectionResizeMode(k, QHeaderView.Interactive)
            kop.resizeSection(k, kop.fontMetrics().horizontalAdvance("x") * SMALLE_KOLOMMEN[sleutel])
        else:
            kop.setSectionResizeMode(k, passend)


def pas_kolommen_aan(tabel: QTableWidget, kolommen: list[int], rijen: list[int] | None = None) -> None:
    """Kolommen zo breed als hun inhoud, zoals ResizeToContents; maar die kijkt bij elke gewijzigde cel alle rijen
    na (milliseconden per toets bij honderden regels). Met `rijen` alleen die rijen, en wordt een kolom alleen
    breder; zonder `rijen` alle rijen (na het laden, toevoegen of verwijderen)."""
    kop, fm = tabel.horizontalHeader(), tabel.fontMetrics()
    ruimte = 2 * tabel.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, tabel) + 12
    for k in kolommen:
        breedte = kop.sectionSizeHint(k) if rijen is None else kop.sectionSize(k)
        for i in range(tabel.rowCount()) if rijen is None else rijen:
            if (item := tabel.item(i, k)) is not None:
                breedte = max(breedte, fm.horizontalAdvance(item.text()) + ruimte)
        if breedte != kop.sectionSize(k):
            kop.resizeSection(k, breedte)
