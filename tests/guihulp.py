"""Hulpmiddelen voor de GUI-tests: nepdialogen, een venster met eigen mappen, typen zoals een mens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from doorbraak.gui.dialogen import ANNULEREN, Dialogen
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Mappen
from doorbraak.register.opslag import Gebruiker
from tests.conftest import PROJECT

ARTEFACTEN = PROJECT / "tests" / "artefacten"
ANN = Gebruiker("Ann de Coach", "ann", "pc-ann")
BEA = Gebruiker("Bea", "bea", "pc-bea")
TEAMLEIDER = Gebruiker("teamleider", "tl", "pc-tl")
NAMEN = {"ann": "Ann de Coach", "bea": "Bea", "tl": "Teamleider"}  # zoals het register ze kent
NIET_GEVRAAGD, ECHTE_DIALOOG = object(), object()  # antwoorden voor Nepdialogen.eerste_start


class Nepdialogen:
    """Geeft de antwoorden die een test klaarzet en onthoudt elke vraag en melding."""

    def __init__(self):
        self.antwoorden: dict[str, list] = {}
        self.log: list[tuple[str, str]] = []
        self.ouder = None  # het venster, voor een echte dialoog (zie eerste_start)

    def zet(self, methode: str, *antwoorden) -> None:
        self.antwoorden.setdefault(methode, []).extend(antwoorden)

    def _antwoord(self, methode: str, tekst: str, standaard=None):
        self.log.append((methode, tekst))
        rij = self.antwoorden.get(methode)
        return rij.pop(0) if rij else standaard

    def kies_casusbestand(self, map_):
        return self._antwoord("kies_casusbestand", str(map_))

    def kies_opslagbestand(self, titel, voorstel, filter_):
        return self._antwoord("kies_opslagbestand", f"{titel}: {voorstel}")

    def kies_map(self, titel, begin):
        return self._antwoord("kies_map", titel)

    def niet_opgeslagen(self, naam):
        return self._antwoord("niet_opgeslagen", naam, ANNULEREN)

    def bevestig(self, titel, vraag):
        return self._antwoord("bevestig", f"{titel}: {vraag}", False)

    def bevestig_handeling(self, titel, tekst, knop):
        """Standaard bevestigd (zoals een gebruiker die leest en doorgaat); een test die annuleert, zet False."""
        return self._antwoord("bevestig_handeling", f"{titel} [{knop}]: {tekst}", True)

    def melding_met_map(self, titel, tekst, map_):
        """Ook een melding (zo gelogd); het antwoord (standaard niet) is of de gebruiker 'Map openen' kiest."""
        self.melding(titel, tekst)
        if self._antwoord("melding_met_map", str(map_), False):
            self.open_map(map_)

    def vraag_tekst(self, titel, label):
        return self._antwoord("vraag_tekst", f"{titel}: {label}")

    def melding(self, titel, tekst):
        self._antwoord("melding", f"{titel}: {tekst}")

    def fout(self, titel, tekst):
        self._antwoord("fout", f"{titel}: {tekst}")

    def open_map(self, map_):
        return self._antwoord("open_map", str(map_), True)

    def teksten(self, methode: str) -> list[str]:
        return [t for m, t in self.log if m == methode]

    def eerste_start(self, login, standaardregister, klaar):
        """Standaard wordt er niets gevraagd (zoals bij een terugkerende gebruiker: het venster leest meteen het
        register, er wordt geen instellingenbestand geschreven). Een klaargezet antwoord: ECHTE_DIALOOG toont de
        echte dialoog (met deze nepdialogen voor 'Bladeren…'); anders gaat het antwoord meteen naar `klaar`
        (Instellingen, of None voor annuleren)."""
        antwoord = self._antwoord("eerste_start", login, NIET_GEVRAAGD)
        if antwoord is NIET_GEVRAAGD:
            return False
        if antwoord is ECHTE_DIALOOG:
            return Dialogen.eerste_start(self, login, standaardregister, klaar)
        klaar(antwoord)
        return True


class Omgeving:
    """Een venster met eigen mappen, een vaste prijslijst en een instelbare gebruiker.

    Het lokale register staat klaar zoals een team het inricht: de login `tl` beslist over escalaties
    en het register kent de namen bij de logins. Met `teamregister = False` maakt de app het zelf bij
    de eerste start (dan met de login van wie de tests draait)."""

    def __init__(self, qtbot, tmp_path: Path):
        self.qtbot = qtbot
        self.mappen = Mappen(tmp_path / "config", tmp_path / "data")
        self.dialogen = Nepdialogen()
        self.wie = ANN
        self.vensters: list[Hoofdvenster] = []
        self.teamregister = True

    def maak_teamregister(self) -> None:
        from decimal import Decimal

        from doorbraak import diensten

        if not self.mappen.standaardregister.exists():
            diensten.maak_register(self.mappen.standaardregister, Decimal("200000"), Decimal("5000"), ["tl"],
                                   namen=NAMEN, gebruiker=TEAMLEIDER)

    def open(self, bestand: Path | None = None, wachten: bool = True) -> Hoofdvenster:
        if self.teamregister:
            self.maak_teamregister()
        v = Hoofdvenster(self.mappen, dialogen=self.dialogen, gebruiker=lambda _inst: self.wie)
        self.dialogen.ouder = v
        self.qtbot.addWidget(v)
        self.vensters.append(v)
        v.show()
        v.begin(bestand)
        if wachten:
            self.wacht(v)
        return v

    def wacht(self, v: Hoofdvenster, timeout: int = 20000) -> None:
        self.qtbot.waitUntil(lambda: not v.bezig, timeout=timeout)

    def sluit_alles(self) -> None:
        for v in self.vensters:
            v.taken.wacht(20000)
            v.editor.undo.setClean()
            v.herstel.verwijder()


def typ(qtbot, widget, tekst: str) -> None:
    """Zoals een mens: veld leegmaken en tekst intikken (zodat textEdited afgaat)."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key_Backspace)
    for teken in tekst:
        if teken.isascii():
            qtbot.keyClicks(widget, teken)
        else:  # QTest kent alleen ASCII; een toetsaanslag met tekst zoals een toetsenbord die geeft
            for soort in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(soort, 0, Qt.NoModifier, teken))


def bedrag(v: Hoofdvenster, sleutel: str) -> str:
    return v.paneel.bedragen[sleutel].text()


def maak_casus(qtbot, v: Hoofdvenster, titel: str = "Voorbeeld", interventie: str = "1.000,00") -> None:
    """Een geldige casus met datum in 2025 en één interventieregel."""
    e = v.editor
    typ(qtbot, e.velden["titel"].invoer, titel)
    e.datum.setDate(QDate(2025, 5, 1))
    e.tabs.setCurrentIndex(4)
    lijst = e.lijsten["interventie"]
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    typ(qtbot, lijst.velden["omschrijving"].invoer, "Huurachterstand betalen")
    typ(qtbot, lijst.velden["bedrag"].invoer, interventie)
    v.herbereken()


def voeg_prijsregel_toe(qtbot, v: Hoofdvenster, kant: str, zoekterm: str, aantal: str) -> None:
    lijst = v.editor.lijsten[kant]
    v.editor.tabs.setCurrentIndex(2 if kant == "zonder_doorbraak" else 3)
    qtbot.mouseClick(lijst.knop_prijslijst, Qt.LeftButton)
    kiezer = v.kiezer
    assert kiezer is not None and kiezer.isVisible()
    qtbot.keyClicks(kiezer.zoek, zoekterm)
    assert kiezer.filter.rowCount() == 1, "de zoekterm moet precies één item vinden"
    qtbot.mouseClick(kiezer.knoppen.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert not kiezer.isVisible()
    typ(qtbot, lijst.velden["aantal"].invoer, aantal)
    v.herbereken()


def bewaar_schermafdruk(widget, naam: str) -> Path:
    ARTEFACTEN.mkdir(exist_ok=True)
    pad = ARTEFACTEN / naam
    assert widget.grab().save(str(pad))
    return pad
