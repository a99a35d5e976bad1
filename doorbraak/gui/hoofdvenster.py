"""Het hoofdvenster: stelt casuslijst, editor en businesscasepaneel samen en verbindt ze met de controllers
per onderwerp (documenten.py, registeracties.py, herstel.py, menu.py). Hier staat wat het venster toont."""

from __future__ import annotations

import functools
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget

from doorbraak import diensten
from doorbraak.domein.berekening import Businesscase
from doorbraak.domein.casus import Casus
from doorbraak.domein.fouten import InvoerFout, Probleem, Weigering
from doorbraak.domein.prijslijst import Prijslijst
from doorbraak.gui import venstermaat
from doorbraak.gui.besluit import Besluitdeel
from doorbraak.gui.casuslijst import AANVRAAG, CONCEPT, OEFENING, Casuslijst
from doorbraak.gui.dialogen import Dialogen
from doorbraak.gui.documenten import Documenten
from doorbraak.gui.editor import Casuseditor
from doorbraak.gui.formulier import lees_formulier, om_te_tonen, zonder_onvolledige_regels
from doorbraak.gui.herstel import Herstel
from doorbraak.gui.menu import maak_menus
from doorbraak.gui.monitor import Monitorbediening
from doorbraak.gui.nacalculaties import Nacalculaties
from doorbraak.gui.overzicht import melding_van
from doorbraak.gui.paneel import Businesscasepaneel, Schuifvlak
from doorbraak.gui.registeracties import Registeracties
from doorbraak.gui.taken import Taken
from doorbraak.gui.velden import zet_eigenschap, zet_rol
from doorbraak.gui.vertaling import nederlands
from doorbraak.instellingen import Instellingen, Mappen, bewaar_instellingen, lees_instellingen, registermap
from doorbraak.instellingen import is_eerste_start
from doorbraak.register import workflow
from doorbraak.register.opslag import Gebruiker, huidige_gebruiker, persoon, systeemlogin

if TYPE_CHECKING:
    from doorbraak.gui.kiezers import Aantalhulp, Prijslijstkiezer

log = logging.getLogger(__name__)


class Hoofdvenster(QMainWindow):
    register_gelezen = Signal()  # na elke keer dat het register (opnieuw) gelezen is

    def __init__(self, mappen: Mappen, *, dialogen: Dialogen | None = None,
                 gebruiker: Callable[[Instellingen], Gebruiker] | None = None):
        super().__init__()
        nederlands(QApplication.instance())  # ook zonder maak_app (een test): Qt's dialogen in het Nederlands
        self.mappen = mappen
        mappen.maak()
        self.inst, instellingenmelding = lees_instellingen(mappen)
        self.dialogen = dialogen or Dialogen(self)
        self._gebruiker = gebruiker or _standaard_gebruiker
        self.taken = Taken(self)
        # het register, zoals het laatst gelezen is
        self.stand: workflow.Registerstand | None = None
        self.registerfout = ""
        self.register_onbetrouwbaar = False
        self.registermeldingen: list[str] = []
        # bij PostgreSQL: wie de database aanmeldde (session_user), gelezen met het register op de achtergrond
        self.registergebruiker: Gebruiker | None = None
        self.prijslijst: Prijslijst | None = None
        self.prijslijstfout = ""
        # het document in de editor
        self.pad: Path | None = None
        self.soort = CONCEPT
        self.voorbeeld: Path | None = None
        self.aanvraag: workflow.Aanvraag | None = None
        self.spoor = None
        self.vastgelegd: Businesscase | None = None  # de berekening van een geopende aanvraag
        self.casus: Casus | None = None
        self.bc: Businesscase | None = None
        self.voorlopig: Businesscase | None = None  # totalen zonder de onvolledige regels: alleen om te tonen
        self.problemen: list[Probleem] = []
        self.bezig_met: list[str] = []  # wat nu op de achtergrond loopt en andere handelingen tegenhoudt
        self.kiezer: Prijslijstkiezer | None = None
        self.hulp: Aantalhulp | None = None
        self.herstel = Herstel(self)
        self.documenten = Documenten(self)
        self.registeracties = Registeracties(self)

        self.editor = Casuseditor()
        self.besluitdeel = Besluitdeel()
        self.editor.tabs.addTab(self.besluitdeel, "Besluit")
        self.banner = QLabel()
        zet_rol(self.banner, "banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Melding")
        self.banner.hide()
        midden = QWidget()
        laag = QVBoxLayout(midden)
        laag.setContentsMargins(6, 6, 6, 6)
        laag.addWidget(self.banner)
        laag.addWidget(self.editor, 1)
        self.monitor = Monitorbediening(self, midden)  # tabbladen Casus en Monitor
        self.setCentralWidget(self.monitor.tabs)
        for tabs in (self.editor.tabs, self.monitor.tabs):  # binnenste eerst; geen ruimte voor een kader dat er niet is
            venstermaat.Bladenminimum(tabs)

        self.lijst = Casuslijst()
        self.lijstdock = QDockWidget("Casussen", self)
        self.lijstdock.setObjectName("casussen")
        self.lijstdock.setWidget(self.lijst)
        self.lijst.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 36)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.lijstdock)
        self.paneel = Businesscasepaneel()
        self.paneeldock = QDockWidget("Businesscase", self)
        self.paneeldock.setObjectName("businesscase")
        self.paneeldock.setWidget(Schuifvlak(self.paneel))
        self.addDockWidget(Qt.RightDockWidgetArea, self.paneeldock)
        self.nacalculaties = Nacalculaties(self)  # de sectie Nacalculatie en de lijst onder de casussen

        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 0)
        self.voortgang.setMaximumWidth(160)
        self.voortgang.setAccessibleName("Bezig")
        self.voortgang.hide()
        self.bezigtekst = QLabel()
        self.statusBar().addPermanentWidget(self.bezigtekst)
        self.statusBar().addPermanentWidget(self.voortgang)

        self._reken = QTimer(self)
        self._reken.setSingleShot(True)
        self._reken.setInterval(0)  # rekenen kost een paar ms: na elke toets, maar één keer per gebeurtenis
        self._reken.timeout.connect(self.herbereken)

        self.acties = maak_menus(self)
        self.editor.gewijzigd.connect(self._na_wijziging)
        self.editor.undo.cleanChanged.connect(lambda schoon: self.werk_titel_bij())
        self.editor.rekenhulp_gevraagd.connect(self.toon_rekenhulp)
        self.editor.prijslijst_gevraagd.connect(self.toon_prijslijst)
        self.paneel.probleem_gekozen.connect(self.editor.ga_naar)
        self.lijst.open_gevraagd.connect(self.documenten.open_lijstregel)
        self.besluitdeel.gevraagd.connect(self.registeracties.handeling)
        self.taken.bezig_veranderd.connect(self._toon_bezig)

        self.laad_prijslijst()
        venstermaat.herstel_of_pas(self, mappen)
        if instellingenmelding:
            QTimer.singleShot(0, lambda: self.dialogen.fout("Instellingen", instellingenmelding))

    def begin(self, bestand: Path | None = None) -> None:
        """Na het tonen: werk herstellen of het bestand openen, en het register lezen (op de achtergrond)."""
        eerste = is_eerste_start(self.mappen)  # vóór het openen: een geopend bestand komt in de instellingen (recent)
        if not self.herstel.biedt_aan():
            if bestand is not None:
                self.documenten.open_bestand(bestand)
            else:
                self.documenten.nieuw_document()
        if eerste:  # de vraag (en haar module) alleen dan; het register pas na de keuze
            from doorbraak.gui import eerste_start
            if eerste_start.vraag(self):
                return
        self.registeracties.lees()

    @property
    def gebruiker(self) -> Gebruiker:
        """Wie handelt: de login van het systeem; bij een register in PostgreSQL de gebruiker waarmee de database
        aanmeldt (die bepaalt de database, ook wat er wordt vastgelegd)."""
        if self.register_in_database and self.registergebruiker is not None:
            return self.registergebruiker
        return self._gebruiker(self.inst)

    @property
    def registermap(self) -> Path | str:
        """De registermap, of de PostgreSQL-URL (als tekst)."""
        return registermap(self.mappen, self.inst)

    @property
    def register_in_database(self) -> bool:
        return diensten.is_postgresql(self.inst.registermap)

    @property
    def registerplaats(self) -> str:
        """Waar het register staat, om te tonen (een URL zonder wachtwoord)."""
        return diensten.toonbare_locatie(self.registermap)

    def laad_prijslijst(self) -> None:
        try:
            self.prijslijst = diensten.open_prijslijst(self.inst.prijslijstmap or None)
            self.prijslijstfout = ""
        except InvoerFout as fout:
            self.prijslijstfout = f"De prijslijst is niet te lezen: {melding_van(fout)}"
            try:  # met de meegeleverde lijst blijft rekenen mogelijk; de banner zegt het
                self.prijslijst = diensten.open_prijslijst(diensten.PROJECTMAP / "prijslijst")
            except InvoerFout:
                self.prijslijst = None

    # ------------------------------------------------------------ rekenen en tonen

    def _na_wijziging(self) -> None:
        self._reken.start()
        self.herstel.gewijzigd()
        self.werk_titel_bij()

    def herbereken(self) -> None:
        """Eén functie rekent (domein.berekening); hier wordt alleen getoond. Met een onvolledige regel: voorlopige
        totalen over de volledige regels (`voorlopig`); `casus` en `bc` blijven None (niet indienen of exporteren)."""
        self._reken.stop()
        formulier = self.editor.huidig()
        self.casus, self.problemen = lees_formulier(formulier)
        self.bc = self.voorlopig = None
        casus, weggelaten = (self.casus, []) if self.casus else zonder_onvolledige_regels(formulier, self.problemen)
        if self.soort == AANVRAAG and self.vastgelegd is not None and self.casus is not None:
            self.bc = self.vastgelegd  # alleen-lezen: precies wat er is ingediend
        elif casus is not None and self.prijslijst is not None:
            limiet = self.stand.instellingen.limiet if self.stand else None
            eerder = self.stand.goedgekeurd_voor(casus.casus_id) if self.stand else None
            try:
                bc = diensten.bereken_casus(casus, self.prijslijst, limiet, eerder)
                self.voorlopig, self.bc = (bc, None) if weggelaten else (None, bc)
            except InvoerFout as fout:
                self.problemen = self.problemen if weggelaten else fout.problemen
        elif self.prijslijst is None:
            self.problemen = self.problemen + [Probleem("prijslijst", self.prijslijstfout or "geen prijslijst")]
        jaar = casus.jaar if casus else datetime.now().year
        fouten, nog = self.editor.verdeel(self.problemen)
        getoond = om_te_tonen(self.bc or self.voorlopig, weggelaten)
        self.editor.toon(getoond, fouten, self.prijslijst, jaar, nog, weggelaten)
        self.paneel.toon(getoond, fouten, nog, len(weggelaten) if self.voorlopig is not None else 0)
        self.werk_titel_bij()
        self._werk_banner_bij()
        self.registeracties.werk_bij()
        self.nacalculaties.werk_bij()

    def werk_titel_bij(self) -> None:
        casus_id, titel, oefening = self.editor.kop()
        naam = casus_id or "Nieuwe casus"
        titel = titel.strip()
        soort = {OEFENING: " (oefening)", AANVRAAG: " (aanvraag, alleen-lezen)"}.get(self.soort, "")
        if oefening and self.soort != OEFENING:
            soort = " (oefening)"
        self.setWindowTitle(f"{naam}{' – ' + titel if titel else ''}{soort}[*] — Doorbraak")
        self.setWindowModified(not self.editor.undo.isClean())

    def _werk_banner_bij(self) -> None:
        teksten, soort = [], "register"
        fout = self.registerfout + ("" if self.registerfout.endswith((".", "!", "?")) else ".")
        if self.prijslijstfout:
            teksten.append(self.prijslijstfout + " Er wordt gerekend met de meegeleverde prijslijst.")
            soort = "fout"
        if self.registerfout and self.register_onbetrouwbaar:
            teksten.append(f"Het register klopt niet, er wordt niets uit getoond of aan toegevoegd: {self.registerfout}")
            soort = "fout"
        elif self.registerfout and self.register_in_database:
            teksten.append(f"Het register is niet bereikbaar: {fout} Controleer de URL van het register "
                           "(Bestand › Instellingen), of de databaseserver bereikbaar is en u er mag aanmelden, en "
                           "kies Register › Vernieuwen (F5).")
            soort = "fout"
        elif self.registerfout:
            teksten.append(f"Het register is niet bereikbaar: {fout} Controleer de registermap "
                           "(Bestand › Instellingen) en kies Register › Vernieuwen (F5).")
            soort = "fout"
        teksten += self.registermeldingen
        if self.soort == AANVRAAG and self.aanvraag is not None:
            teksten.append(f"Aanvraag {self.aanvraag.aanvraag} uit het register ({self.aanvraag.status}), zoals ingediend "
                           f"door {persoon(self.aanvraag.indiener)}: alleen-lezen. Opslaan maakt er een nieuw concept van.")
        if self.editor.oefening.isChecked() or self.soort == OEFENING:
            teksten.append("Oefencasus: voor training. Kan niet in een echt register worden ingediend." +
                           (" Bestand › Voorbeeld herstellen zet het origineel terug." if self.voorbeeld else ""))
            soort = "fout" if soort == "fout" else "oefening"
        self.banner.setText("\n".join(teksten))
        self.banner.setVisible(bool(teksten))
        zet_eigenschap(self.banner, "soort", soort)

    # ------------------------------------------------------------ mappen en instellingen

    def open_registermap(self) -> None:
        if self.register_in_database:  # de actie staat dan uit; dit vangt een oude sneltoets of een test
            self.dialogen.fout("Registermap openen", f"Het register staat in een PostgreSQL-database "
                               f"({self.registerplaats}), niet in een map: er is geen map om te openen.")
            return
        map_ = self.registermap
        if not self.dialogen.open_map(map_):  # geen stat() op een share in de UI-thread; het systeem meldt het
            self.dialogen.fout("Registermap openen", f"De registermap {map_} is niet te openen.")

    def toon_instellingen(self) -> None:
        from doorbraak.gui.instellingendialoog import Instellingendialoog

        self.instellingendialoog = dlg = Instellingendialoog(self.inst, self.mappen, systeemlogin(), self.dialogen, self)
        dlg.accepted.connect(lambda: self._instellingen_gewijzigd(dlg.instellingen(self.inst)))
        dlg.open()

    def _instellingen_gewijzigd(self, nieuw: Instellingen) -> None:
        try:
            bewaar_instellingen(self.mappen, nieuw)
        except (OSError, InvoerFout) as fout:
            self.dialogen.fout("Instellingen", f"De instellingen zijn niet bewaard: {melding_van(fout)}")
            return
        self.inst = nieuw
        self.laad_prijslijst()
        self.stand, self.registerfout, self.registergebruiker = None, "", None
        self.lijst.zet_budget(None)
        self.herbereken()
        self.registeracties.lees()

    # ------------------------------------------------------------ dialogen in de editor

    def huidige_kant(self, met_interventie: bool = False) -> str:
        i = self.editor.tabs.currentIndex()
        kanten = {2: "zonder_doorbraak", 3: "met_doorbraak", 4: "interventie" if met_interventie else "zonder_doorbraak"}
        return kanten.get(i, "zonder_doorbraak")

    def toon_prijslijst(self, kant: str) -> None:
        if self.prijslijst is None or self.editor.alleen_lezen:
            return
        self.editor.toon_lijst(kant if kant != "interventie" else "zonder_doorbraak")
        jaar = self.editor.datum.date().year()  # het prijspeil, ook terwijl een regel nog onvolledig is
        from doorbraak.gui.kiezers import open_prijslijstkiezer  # de dialogen laden pas bij gebruik
        open_prijslijstkiezer(self, self.prijslijst, jaar, self.editor.lijsten[kant])

    def eigen_regel(self) -> None:
        if self.editor.alleen_lezen:
            return
        kant = self.huidige_kant(True)
        self.editor.toon_lijst(kant)
        self.editor.lijsten[kant].voeg_eigen_regel_toe()

    def toon_rekenhulp(self, kant: str) -> None:
        from doorbraak.gui.kiezers import open_aantalhulp
        open_aantalhulp(self, self.editor.lijsten[kant])

    def toon_sectie(self, i: int) -> None:
        self.editor.toon_sectie(i)  # met de focus op het eerste veld

    def zoek(self) -> None:
        self.lijstdock.show()
        self.lijst.zoek.setFocus()
        self.lijst.zoek.selectAll()

    # ------------------------------------------------------------ achtergrondwerk

    def start(self, wat: str, functie, klaar, blokkeert: bool = True, mislukt=None) -> None:
        """`functie` op de achtergrond; `klaar` (of bij een fout `mislukt`, standaard de melding) daarna op de
        UI-thread."""
        if blokkeert:
            self.bezig_met.append(wat)
        self.bezigtekst.setText(wat)

        def einde(handler, waarde):
            if blokkeert and wat in self.bezig_met:
                self.bezig_met.remove(wat)
            handler(waarde)
            self.registeracties.werk_bij()

        self.taken.start(functie, lambda u: einde(klaar, u), lambda f: einde(mislukt or self._mislukt, f))
        self.registeracties.werk_bij()

    def _mislukt(self, fout: BaseException, opnieuw_lezen: bool = True) -> None:
        if not isinstance(fout, (InvoerFout, Weigering, OSError)):
            log.error("taak mislukt", exc_info=(type(fout), fout, fout.__traceback__))
        titel = "Niet toegestaan" if isinstance(fout, Weigering) else "Niet gelukt"
        self.dialogen.fout(titel, melding_van(fout))
        if opnieuw_lezen:  # nooit na een mislukte keer lezen zelf: dan zou elke melding de volgende geven
            self.registeracties.lees()

    def _toon_bezig(self, aantal: int) -> None:
        self.voortgang.setVisible(aantal > 0)
        if aantal == 0:
            self.bezigtekst.setText("")

    @property
    def bezig(self) -> bool:
        return self.taken.lopend > 0

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.bezig_met:
            self.dialogen.fout("Even wachten", f"{self.bezig_met[0].rstrip('…')} is nog bezig. Sluit af als dat klaar "
                               "is; dan weet u zeker of het is vastgelegd.")
            event.ignore()
            return
        if not self.documenten.mag_weg():
            event.ignore()
            return
        self.herstel.verwijder()
        self.taken.wacht(5000)
        venstermaat.bewaar(self, self.mappen)
        event.accept()


@functools.cache
def _ik() -> Gebruiker:
    return huidige_gebruiker()  # de login verandert niet zolang het proces loopt (en NSS/LDAP kan traag zijn)


def _standaard_gebruiker(inst: Instellingen) -> Gebruiker:
    """De login van het systeem; geen instelling of omgevingsvariabele maakt van u een ander."""
    return _ik()
