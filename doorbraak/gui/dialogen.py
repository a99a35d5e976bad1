"""Elke vraag aan de gebruiker is één methode hier (zodat een test ze kan vervangen en nooit blokkeert).

De app krijgt één `Dialogen`-object; de tests geven er een dat vooraf ingestelde antwoorden geeft
en bijhoudt wat er gevraagd is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

OPSLAAN, WEGGOOIEN, ANNULEREN = "opslaan", "weggooien", "annuleren"


class Dialogen:
    """De echte dialogen (modaal, met de dialogen van het platform)."""

    def __init__(self, ouder: QWidget | None = None):
        self.ouder = ouder

    def kies_casusbestand(self, map_: Path) -> Path | None:
        pad, _ = QFileDialog.getOpenFileName(self.ouder, "Casus openen", str(map_), "Casus (*.json)")
        return Path(pad) if pad else None

    def kies_opslagbestand(self, titel: str, voorstel: Path, filter_: str) -> Path | None:
        pad, _ = QFileDialog.getSaveFileName(self.ouder, titel, str(voorstel), filter_)
        return Path(pad) if pad else None

    def kies_map(self, titel: str, begin: Path) -> Path | None:
        pad = QFileDialog.getExistingDirectory(self.ouder, titel, str(begin))
        return Path(pad) if pad else None

    def niet_opgeslagen(self, naam: str) -> str:
        """Opslaan, weggooien of annuleren, voor wijzigingen die nog niet bewaard zijn."""
        knop = QMessageBox.question(
            self.ouder, "Niet opgeslagen", f"De wijzigingen in {naam} zijn nog niet opgeslagen. Opslaan?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        return {QMessageBox.Save: OPSLAAN, QMessageBox.Discard: WEGGOOIEN}.get(knop, ANNULEREN)

    def bevestig(self, titel: str, vraag: str) -> bool:
        return QMessageBox.question(self.ouder, titel, vraag, QMessageBox.Yes | QMessageBox.No,
                                    QMessageBox.No) == QMessageBox.Yes

    def bevestig_handeling(self, titel: str, tekst: str, knop: str) -> bool:
        """Een blijvende handeling bevestigen: `tekst` zegt wat er gebeurt, de knop `knop` doet het. Annuleren is de
        standaardknop (Enter) en ook die van Escape: wie niet leest, legt niets vast."""
        doos = QMessageBox(QMessageBox.Question, titel, tekst, QMessageBox.NoButton, self.ouder)
        doe = doos.addButton(knop, QMessageBox.AcceptRole)
        annuleer = doos.addButton("Annuleren", QMessageBox.RejectRole)
        doos.setDefaultButton(annuleer)
        doos.setEscapeButton(annuleer)
        doos.exec()
        return doos.clickedButton() is doe

    def melding_met_map(self, titel: str, tekst: str, map_: Path) -> None:
        """Een melding over een geschreven bestand, met de knop 'Map openen' voor de map waarin het staat."""
        doos = QMessageBox(QMessageBox.Information, titel, tekst, QMessageBox.Ok, self.ouder)
        open_ = doos.addButton("Map openen", QMessageBox.ActionRole)
        doos.setDefaultButton(QMessageBox.Ok)
        doos.exec()
        if doos.clickedButton() is open_ and not self.open_map(map_):
            self.fout(titel, f"De map {map_} is niet te openen.")

    def vraag_tekst(self, titel: str, label: str) -> str | None:
        tekst, ok = QInputDialog.getMultiLineText(self.ouder, titel, label)
        return tekst if ok else None

    def melding(self, titel: str, tekst: str) -> None:
        QMessageBox.information(self.ouder, titel, tekst)

    def fout(self, titel: str, tekst: str) -> None:
        QMessageBox.warning(self.ouder, titel, tekst)

    def open_map(self, map_: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(map_)))

    def eerste_start(self, login: str, standaardregister: Path, klaar) -> bool:
        """De eerste-startdialoog (gui/eerste_start.py), zonder te wachten: `klaar` krijgt daarna de gekozen
        instellingen (register en eigen naam), of None als de gebruiker annuleerde. True: er is gevraagd."""
        from doorbraak.gui.eerste_start import Eerstestartdialoog

        self.eerstestart = dlg = Eerstestartdialoog(login, standaardregister, self, self.ouder)
        dlg.finished.connect(lambda uitkomst: klaar(dlg.keuze() if uitkomst == Eerstestartdialoog.Accepted else None))
        dlg.open()
        return True
