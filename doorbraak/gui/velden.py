"""Kleine bouwstenen voor formulieren: velden met een toegankelijke naam en een foutmelding erbij."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

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
        zet_eigenschap(self.invoer, "fout", "true" if melding else "false")
        if melding:
            geef_stijl(self.melding)  # pas bij de eerste melding: de meeste velden tonen er nooit een
        self.invoer.setToolTip(melding)
        self.invoer.setAccessibleDescription(f"Fout: {melding}" if melding else "")
        self.melding.setText(melding)
        self.melding.setVisible(bool(melding))

    @property
    def fout(self) -> str:
        return self.melding.text()


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


def zet_tekst(widget: QWidget, tekst: str) -> None:
    """Tekst zetten zonder de cursor onnodig te verplaatsen (ongedaan maken tijdens het typen)."""
    if tekst_van(widget) == tekst:
        return
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(tekst)
    else:
        widget.setText(tekst)
