"""Het hoofdvenster: casuslijst, editor, businesscasepaneel en de handelingen van het register."""

from __future__ import annotations

import functools
import json
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget,
)

from doorbraak import diensten
from doorbraak.domein.berekening import Businesscase
from doorbraak.domein.casus import Casus, bewaar_casus, lees_casus
from doorbraak.domein.fouten import InvoerFout, Probleem, Weigering
from doorbraak.domein.geld import NUL, formatteer
from doorbraak.domein.jsonbestand import schrijf_atomair
from doorbraak.domein.prijslijst import Prijslijst
from doorbraak.domein.regels import route
from doorbraak.gui import besluit as B, venstermaat
from doorbraak.gui.besluit import Besluitdeel
from doorbraak.gui.casuslijst import AANVRAAG, CONCEPT, OEFENING, Casuslijst, Lijstregel
from doorbraak.gui.dialogen import ANNULEREN, OPSLAAN, Dialogen
from doorbraak.gui.editor import SECTIES, Casuseditor
from doorbraak.gui.formulier import formulier_uit_casus, leeg_formulier, lees_formulier
from doorbraak.gui.kiezers import Aantalhulp, Prijslijstkiezer
from doorbraak.gui.paneel import Businesscasepaneel, Schuifvlak
from doorbraak.gui.taken import Taken
from doorbraak.gui.velden import STIJL, zet_eigenschap
from doorbraak.instellingen import (
    Instellingen, Mappen, bewaar_instellingen, lees_instellingen, registermap, zorg_voor_standaardregister,
)
from doorbraak.register import workflow
from doorbraak.register.map_register import AfwijkingFout, KetenFout
from doorbraak.register.opslag import Gebruiker, huidige_gebruiker, persoon, systeemlogin

log = logging.getLogger(__name__)
HERSTEL_SCHEMA = 1
BESTAND = "bestand"


@dataclass
class Overzicht:
    """Wat een achtergrondtaak over het register en de lokale casussen vond."""

    stand: workflow.Registerstand | None
    registerfout: str
    regels: list[Lijstregel]
    nieuw_register: bool = False
    onbetrouwbaar: bool = False  # het register is er wel, maar de keten klopt niet of het is teruggezet
    meldingen: list[str] = field(default_factory=list)


def melding_van(fout: BaseException) -> str:
    """Een Nederlandse melding die zegt wat er mis is; nooit een traceback voor de gebruiker."""
    if isinstance(fout, InvoerFout):
        bron = f"{fout.bron}: " if fout.bron and len(fout.problemen) == 1 else (f"{fout.bron}:\n" if fout.bron else "")
        return bron + "\n".join(str(p) for p in fout.problemen[:12]) + (
            f"\n… en nog {len(fout.problemen) - 12} problemen" if len(fout.problemen) > 12 else "")
    if isinstance(fout, Weigering):
        return fout.melding
    if isinstance(fout, PermissionError):
        return f"Geen toegang tot {fout.filename or 'het bestand'}: is het geopend in een ander programma (Excel)?"
    if isinstance(fout, OSError):
        return f"{fout.filename or 'Bestand of map'}: {fout.strerror or fout}"
    return f"Onverwachte fout ({type(fout).__name__}); zie het logboek."


class Hoofdvenster(QMainWindow):
    def __init__(self, mappen: Mappen, *, dialogen: Dialogen | None = None,
                 gebruiker: Callable[[Instellingen], Gebruiker] | None = None):
        super().__init__()
        self.mappen = mappen
        mappen.maak()
        self.inst, instellingenmelding = lees_instellingen(mappen)
        self.dialogen = dialogen or Dialogen(self)
        self._gebruiker = gebruiker or _standaard_gebruiker
        self.taken = Taken(self)
        self.stand: workflow.Registerstand | None = None
        self.registerfout = ""
        self.register_onbetrouwbaar = False
        self.registermeldingen: list[str] = []
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
        self.problemen: list[Probleem] = []
        self._herstelsleutel = uuid.uuid4().hex
        self._voorlopig_id = False
        self._bezig: list[str] = []
        self.kiezer: Prijslijstkiezer | None = None
        self.hulp: Aantalhulp | None = None

        self.setStyleSheet(STIJL)
        self.editor = Casuseditor()
        self.besluitdeel = Besluitdeel()
        self.editor.tabs.addTab(self.besluitdeel, "Besluit")
        self.banner = QLabel()
        self.banner.setProperty("rol", "banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Melding")
        self.banner.hide()
        midden = QWidget()
        laag = QVBoxLayout(midden)
        laag.setContentsMargins(6, 6, 6, 6)
        laag.addWidget(self.banner)
        laag.addWidget(self.editor, 1)
        self.setCentralWidget(midden)

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

        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 0)
        self.voortgang.setMaximumWidth(160)
        self.voortgang.setAccessibleName("Bezig")
        self.voortgang.hide()
        self.bezigtekst = QLabel()
        self.statusBar().addPermanentWidget(self.bezigtekst)
        self.statusBar().addPermanentWidget(self.voortgang)

        # Herstelbestand: zodra het typen even stilvalt, en bij doortypen toch uiterlijk een paar seconden
        # na de eerste niet-bewaarde wijziging (anders bewaart een coach die blijft typen nooit iets).
        self.autobewaar_na_rust_ms = 1500
        self.autobewaar_uiterlijk_ms = 4000
        self._autobewaar = QTimer(self)  # herstart bij elke wijziging
        self._autobewaar.setSingleShot(True)
        self._autobewaar.timeout.connect(self.bewaar_herstel)
        self._autobewaar_uiterlijk = QTimer(self)  # loopt vanaf de eerste wijziging na het laatste bewaren
        self._autobewaar_uiterlijk.setSingleShot(True)
        self._autobewaar_uiterlijk.timeout.connect(self.bewaar_herstel)
        self._reken = QTimer(self)
        self._reken.setSingleShot(True)
        self._reken.setInterval(0)  # rekenen kost een paar ms: na elke toets, maar één keer per gebeurtenis
        self._reken.timeout.connect(self.herbereken)

        self._maak_acties()
        self.editor.gewijzigd.connect(self._na_wijziging)
        self.editor.undo.cleanChanged.connect(lambda schoon: self._werk_titel_bij())
        self.editor.rekenhulp_gevraagd.connect(self.toon_rekenhulp)
        self.editor.prijslijst_gevraagd.connect(self.toon_prijslijst)
        self.paneel.probleem_gekozen.connect(self.editor.ga_naar)
        self.lijst.open_gevraagd.connect(self.open_lijstregel)
        self.besluitdeel.gevraagd.connect(self._handeling)
        self.taken.bezig_veranderd.connect(self._toon_bezig)

        self.laad_prijslijst()
        venstermaat.herstel_of_pas(self, mappen)
        if instellingenmelding:
            QTimer.singleShot(0, lambda: self.dialogen.fout("Instellingen", instellingenmelding))

    # ------------------------------------------------------------ opbouw

    def _actie(self, menu, tekst: str, functie, sneltoets=None, naam: str = "") -> QAction:
        actie = QAction(tekst, self)
        if isinstance(sneltoets, QKeySequence.StandardKey):
            actie.setShortcuts(sneltoets)  # alle toetsen die het platform hiervoor kent
        elif sneltoets is not None:
            actie.setShortcuts(sneltoets if isinstance(sneltoets, list) else [QKeySequence(sneltoets)])
        actie.triggered.connect(lambda _c=False: functie())
        menu.addAction(actie)
        self.acties[naam or tekst.replace("&", "").rstrip("…")] = actie
        return actie

    def _maak_acties(self) -> None:
        self.acties: dict[str, QAction] = {}
        m = self.menuBar().addMenu("&Bestand")
        self._actie(m, "&Nieuwe casus", self.nieuwe_casus, QKeySequence.New, "nieuw")
        self._actie(m, "&Openen…", self.open_kiezen, QKeySequence.Open, "openen")
        self.voorbeeldmenu = m.addMenu("&Voorbeeldcasus openen")
        for pad in sorted(diensten.voorbeeldenmap().glob("*.json")):
            self._actie(self.voorbeeldmenu, pad.stem, lambda p=pad: self.open_voorbeeld(p), None, f"voorbeeld:{pad.stem}")
        self._actie(m, "Voorbeeld &herstellen", self.herstel_voorbeeld, None, "voorbeeld herstellen")
        m.addSeparator()
        self._actie(m, "&Opslaan", self.opslaan, QKeySequence.Save, "opslaan")
        self._actie(m, "Opslaan &als…", self.opslaan_als, QKeySequence.SaveAs, "opslaan als")
        m.addSeparator()
        self._actie(m, "&Verantwoording exporteren (PDF)…", self.exporteer_pdf, "Ctrl+E", "pdf")
        self._actie(m, "&Spreadsheet exporteren (Excel)…", self.exporteer_xlsx, "Ctrl+Shift+E", "xlsx")
        self._actie(m, "&Registermap openen", self.open_registermap, None, "registermap")
        m.addSeparator()
        self._actie(m, "&Instellingen…", self.toon_instellingen, [QKeySequence("Ctrl+,")], "instellingen")
        # QKeySequence.Quit is leeg op Windows: daar geldt Alt+F4 al, Ctrl+Q geven we overal
        self._actie(m, "&Afsluiten", self.close, [QKeySequence("Ctrl+Q")], "afsluiten")

        m = self.menuBar().addMenu("Be&werken")
        ongedaan = self.editor.undo.createUndoAction(self, "&Ongedaan maken")
        ongedaan.setShortcuts(QKeySequence.Undo)
        opnieuw = self.editor.undo.createRedoAction(self, "O&pnieuw")
        opnieuw.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        m.addAction(ongedaan)
        m.addAction(opnieuw)
        self.acties["ongedaan"], self.acties["opnieuw"] = ongedaan, opnieuw
        m.addSeparator()
        self._actie(m, "Regel uit de &prijslijst…", lambda: self.toon_prijslijst(self._huidige_kant()), "Ctrl+L", "prijsregel")
        self._actie(m, "&Eigen regel", self.eigen_regel, "Ctrl+Shift+L", "eigen regel")

        m = self.menuBar().addMenu("&Register")
        self._actie(m, "&Vernieuwen", self.lees_register, QKeySequence.Refresh, "vernieuwen")
        for sleutel, tekst, _ in B.KNOPPEN:
            self._actie(m, tekst, lambda s=sleutel: self._handeling(s), None, sleutel)

        m = self.menuBar().addMenu("Bee&ld")
        for dock, sneltoets in ((self.lijstdock, "Ctrl+Shift+1"), (self.paneeldock, "Ctrl+Shift+2")):
            actie = dock.toggleViewAction()
            actie.setShortcut(QKeySequence(sneltoets))
            m.addAction(actie)
        self._actie(m, "&Zoeken in de casussen", self._zoek, QKeySequence.Find, "zoeken")
        m.addSeparator()
        for i, naam in enumerate(SECTIES):
            self._actie(m, f"Sectie {naam}", lambda i=i: self._toon_sectie(i), f"Ctrl+{i + 1}", f"sectie:{i}")

        m = self.menuBar().addMenu("&Help")
        self._actie(m, "&Over Doorbraak", self._over, None, "over")

    # ------------------------------------------------------------ start

    def begin(self, bestand: Path | None = None) -> None:
        """Na het tonen: werk herstellen of het bestand openen, en het register lezen (op de achtergrond)."""
        if not self._biedt_herstel_aan():
            if bestand is not None:
                self.open_bestand(bestand)
            else:
                self._nieuw_document()
        self.lees_register()

    @property
    def gebruiker(self) -> Gebruiker:
        return self._gebruiker(self.inst)

    @property
    def registermap(self) -> Path:
        return registermap(self.mappen, self.inst)

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

    # ------------------------------------------------------------ documenten

    def _nieuw_document(self) -> None:
        login = self.gebruiker.os_login
        naam = self.stand.instellingen.naam_van(login) if self.stand is not None else ""
        self._zet_document(leeg_formulier(self._volgend_id(), coach=naam), None, CONCEPT)
        self._voorlopig_id = True  # gekozen voordat het register gelezen was; zie _toon_overzicht

    def _volgend_id(self) -> str:
        jaar = datetime.now().year
        bestaand = {p.stem.casefold() for p in self.mappen.concepten.glob("*.json")}
        if self.stand is not None:
            bestaand |= {a.casus_id.casefold() for a in self.stand.aanvragen}
        n = 1
        while f"c-{jaar}-{n:03d}" in bestaand:
            n += 1
        return f"C-{jaar}-{n:03d}"

    def _zet_document(self, formulier: dict[str, Any], pad: Path | None, soort: str, *, voorbeeld: Path | None = None,
                      aanvraag: workflow.Aanvraag | None = None, spoor=None) -> None:
        self._verwijder_herstel()
        self.pad, self.soort, self.voorbeeld, self.aanvraag, self.spoor = pad, soort, voorbeeld, aanvraag, spoor
        if soort != AANVRAAG:
            self.vastgelegd = None
        self._herstelsleutel = uuid.uuid4().hex
        self.editor.laad(formulier)
        self.editor.zet_alleen_lezen(soort == AANVRAAG)
        self.editor.tabs.setCurrentIndex(0)
        self.herbereken()

    def _mag_weg(self) -> bool:
        """Mag het huidige document dicht? Vraagt bij niet-opgeslagen wijzigingen."""
        if self.editor.undo.isClean():
            return True
        keuze = self.dialogen.niet_opgeslagen(self._documentnaam())
        if keuze == ANNULEREN:
            return False
        if keuze == OPSLAAN:
            return self.opslaan()
        self._verwijder_herstel()
        return True

    def nieuwe_casus(self) -> None:
        if self._mag_weg():
            self._nieuw_document()

    def open_kiezen(self) -> None:
        if not self._mag_weg():
            return
        pad = self.dialogen.kies_casusbestand(self.mappen.concepten)
        if pad:
            self.open_bestand(pad, gevraagd=False)

    def open_bestand(self, pad: Path, gevraagd: bool = True) -> bool:
        if gevraagd and not self._mag_weg():
            return False
        pad = Path(pad)
        if pad.resolve().parent == diensten.voorbeeldenmap().resolve():
            self.open_voorbeeld(pad, gevraagd=False)  # nooit het origineel van een voorbeeld bewerken
            return True
        try:
            casus = lees_casus(pad)
        except InvoerFout as fout:
            self.dialogen.fout("Casus niet te openen", f"{pad} is niet geopend:\n{melding_van(fout)}")
            return False
        binnen_concepten = pad.resolve().parent == self.mappen.concepten.resolve()
        binnen_oefeningen = pad.resolve().parent == self.mappen.oefeningen.resolve()
        voorbeeld = diensten.voorbeeldenmap() / pad.name if binnen_oefeningen else None
        soort = OEFENING if binnen_oefeningen else (CONCEPT if binnen_concepten else BESTAND)
        self._zet_document(formulier_uit_casus(casus), pad, soort,
                           voorbeeld=voorbeeld if voorbeeld and voorbeeld.exists() else None)
        self._onthoud_recent(pad)
        return True

    def open_voorbeeld(self, origineel: Path, gevraagd: bool = True) -> None:
        """Een voorbeeldcasus opent als werkkopie; het origineel blijft onaangeroerd."""
        if gevraagd and not self._mag_weg():
            return
        kopie = self.mappen.oefeningen / origineel.name
        if not kopie.exists():
            schrijf_atomair(kopie, origineel.read_bytes())
        if self.open_bestand(kopie, gevraagd=False):
            self.voorbeeld = origineel

    def herstel_voorbeeld(self) -> None:
        if self.voorbeeld is None:
            self.dialogen.melding("Voorbeeld herstellen", "De casus in de editor is geen werkkopie van een voorbeeldcasus.")
            return
        if not self.dialogen.bevestig("Voorbeeld herstellen", f"De werkkopie van {self.voorbeeld.stem} terugzetten naar "
                                      "het origineel? Ongedaan maken (Ctrl+Z) kan daarna nog in deze sessie."):
            return
        try:
            origineel = lees_casus(self.voorbeeld)
        except InvoerFout as fout:
            self.dialogen.fout("Voorbeeld herstellen", melding_van(fout))
            return
        self.editor.vervang(formulier_uit_casus(origineel), "voorbeeld hersteld")
        self.opslaan()

    def open_lijstregel(self, regel: Lijstregel) -> None:
        if regel.soort in (CONCEPT, OEFENING):
            if regel.soort == OEFENING and regel.pad and regel.pad.parent == diensten.voorbeeldenmap():
                self.open_voorbeeld(regel.pad)
            elif regel.pad:
                self.open_bestand(regel.pad)
            return
        if not self._mag_weg():
            return
        map_, st = self.registermap, self.stand
        aanvraag = next((a for a in st.aanvragen if a.aanvraag == regel.aanvraag), None) if st else None
        if aanvraag is None:
            self.dialogen.fout("Aanvraag openen", f"{regel.aanvraag} staat niet (meer) in het register; kies Vernieuwen (F5).")
            return
        document = self._herstelsleutel
        self._start(f"Aanvraag {regel.aanvraag} lezen…", lambda: diensten.casus_uit_aanvraag(st, aanvraag, map_),
                    lambda u: self._toon_aanvraag(u, aanvraag, document))

    def _toon_aanvraag(self, uitkomst, aanvraag: workflow.Aanvraag, document: str) -> None:
        if document != self._herstelsleutel or not self.editor.undo.isClean():
            # intussen is er een ander document geopend of is er getypt: dat gaat voor
            self.statusBar().showMessage(f"Aanvraag {aanvraag.aanvraag} niet geopend: er is intussen ander werk "
                                         "geopend. Kies haar opnieuw in de lijst.", 10000)
            return
        casus, bc, spoor = uitkomst
        self.vastgelegd = bc  # met de vastgelegde prijzen van de indiening, niet met de prijslijst van nu
        self._zet_document(formulier_uit_casus(casus), None, AANVRAAG, aanvraag=aanvraag, spoor=spoor)
        self.editor.tabs.setCurrentIndex(SECTIES.index("Besluit"))

    # ------------------------------------------------------------ opslaan en herstellen

    def opslaan(self) -> bool:
        casus, problemen = lees_formulier(self.editor.toestand())
        if casus is None:
            self.editor.alles_tonen = True  # nu ook wat nog leeg is als fout bij het veld
            self.herbereken()
            self.dialogen.fout("Niet opgeslagen", "De casus kan nog niet worden opgeslagen; eerst dit oplossen:\n" +
                               "\n".join(str(p) for p in problemen[:12]) +
                               "\n\nUw invoer gaat niet verloren: zij wordt automatisch bewaard voor herstel.")
            if problemen:
                self.editor.ga_naar(problemen[0].pad)
            return False
        pad = self.pad
        if pad is None or self.soort == AANVRAAG:
            pad = self.mappen.concepten / f"{casus.casus_id}.json"
            if pad.exists() and not self.dialogen.bevestig(
                    "Bestaat al", f"Er is al een concept {casus.casus_id}. Overschrijven?"):
                return self.opslaan_als()
        return self._schrijf(casus, pad)

    def opslaan_als(self) -> bool:
        casus, problemen = lees_formulier(self.editor.toestand())
        if casus is None:
            return self.opslaan()  # meldt de problemen
        pad = self.dialogen.kies_opslagbestand("Casus opslaan als", self.mappen.concepten / f"{casus.casus_id}.json",
                                               "Casus (*.json)")
        if not pad:
            return False
        if pad.suffix.lower() != ".json":
            pad = pad.with_name(pad.name + ".json")
        return self._schrijf(casus, pad)

    def _schrijf(self, casus: Casus, pad: Path) -> bool:
        try:
            bewaar_casus(casus, pad)
        except (OSError, InvoerFout) as fout:
            self.dialogen.fout("Niet opgeslagen", f"{pad} is niet opgeslagen: {melding_van(fout)}\n"
                               "Er is niets overschreven; uw invoer staat nog in de editor.")
            return False
        if self.soort == AANVRAAG:
            self.soort, self.aanvraag, self.spoor = CONCEPT, None, None
            self.editor.zet_alleen_lezen(False)
        elif self.pad is None or pad.resolve() != self.pad.resolve():
            # elders opgeslagen: dit is geen werkkopie van een voorbeeld (meer)
            self.voorbeeld = None
            self.soort = CONCEPT if pad.resolve().parent == self.mappen.concepten.resolve() else BESTAND
        self.pad = pad
        self.editor.undo.setClean()
        self._verwijder_herstel()
        self._onthoud_recent(pad)
        self.statusBar().showMessage(f"Opgeslagen: {pad}", 8000)
        self._werk_titel_bij()
        self.lees_register(stil=True)
        return True

    @property
    def herstelbestand(self) -> Path:
        return self.mappen.herstel / f"{self._herstelsleutel}.json"

    def bewaar_herstel(self) -> None:
        """Elke paar seconden na een wijziging: de toestand van het formulier, ook als die nog niet klopt."""
        self._autobewaar.stop()
        self._autobewaar_uiterlijk.stop()
        if self.editor.undo.isClean():
            self._verwijder_herstel()
            return
        data = {"schema": HERSTEL_SCHEMA, "tijd": datetime.now().isoformat(timespec="seconds"), "pid": os.getpid(),
                "machine": socket.gethostname(), "pad": str(self.pad) if self.pad else None, "soort": self.soort,
                "voorbeeld": str(self.voorbeeld) if self.voorbeeld else None, "formulier": self.editor.toestand()}
        try:
            self.mappen.herstel.mkdir(parents=True, exist_ok=True)
            schrijf_atomair(self.herstelbestand, json.dumps(data, ensure_ascii=False, indent=1))
        except OSError as fout:
            self.statusBar().showMessage(f"Automatisch bewaren mislukt: {melding_van(fout)}", 8000)

    def _verwijder_herstel(self) -> None:
        self._autobewaar.stop()
        self._autobewaar_uiterlijk.stop()
        try:
            self.herstelbestand.unlink(missing_ok=True)
        except OSError:
            pass

    def _biedt_herstel_aan(self) -> bool:
        """Werk van een sessie die onverwacht stopte, terughalen. True als er iets hersteld is."""
        kandidaten = []
        for pad in self.mappen.herstel.glob("*.json"):
            try:
                data = json.loads(pad.read_text(encoding="utf-8"))
                if data.get("schema") != HERSTEL_SCHEMA or not isinstance(data.get("formulier"), dict):
                    raise ValueError
            except (OSError, ValueError):
                continue
            if data.get("machine") == socket.gethostname() and data.get("pid") != os.getpid() and _leeft(data.get("pid")):
                continue  # van een ander venster dat nog open is
            kandidaten.append((data.get("tijd", ""), pad, data))
        for tijd, pad, data in sorted(kandidaten, key=lambda k: k[0], reverse=True):
            f = data["formulier"]
            naam = f.get("casus_id") or "een nieuwe casus"
            if not self.dialogen.bevestig(
                    "Werk herstellen", f"Doorbraak is de vorige keer niet netjes afgesloten. Er is niet-opgeslagen werk "
                    f"aan {naam} van {tijd.replace('T', ' ')}.\n\nHerstellen? (Nee gooit dit werk weg.)"):
                pad.unlink(missing_ok=True)
                continue
            origineel = Path(data["pad"]) if data.get("pad") else None
            basis = leeg_formulier()
            if origineel and origineel.exists():
                try:
                    basis = formulier_uit_casus(lees_casus(origineel))
                except InvoerFout:
                    pass
            soort = data.get("soort") if data.get("soort") in (CONCEPT, OEFENING, BESTAND) else CONCEPT
            self._zet_document(basis, origineel, soort,
                               voorbeeld=Path(data["voorbeeld"]) if data.get("voorbeeld") else None)
            self.editor.vervang(f, "herstel")  # ongedaan maken gaat terug naar wat er opgeslagen was
            pad.unlink(missing_ok=True)
            self.bewaar_herstel()
            return True
        return False

    def _onthoud_recent(self, pad: Path) -> None:
        recent = [str(pad)] + [r for r in self.inst.recent if r != str(pad)]
        self.inst.recent = recent[:10]
        try:  # alleen 'recent' bijwerken: een ander venster kan intussen iets anders hebben ingesteld
            op_schijf, melding = lees_instellingen(self.mappen)
            if melding:
                return
            op_schijf.recent = self.inst.recent
            bewaar_instellingen(self.mappen, op_schijf)
        except OSError:
            pass

    # ------------------------------------------------------------ rekenen

    def _na_wijziging(self) -> None:
        self._reken.start()
        self._autobewaar.start(self.autobewaar_na_rust_ms)
        if not self._autobewaar_uiterlijk.isActive():
            self._autobewaar_uiterlijk.start(self.autobewaar_uiterlijk_ms)
        self._werk_titel_bij()

    def herbereken(self) -> None:
        """Eén functie rekent (domein.berekening); hier wordt alleen getoond."""
        self._reken.stop()
        self.casus, self.problemen = lees_formulier(self.editor.toestand())
        self.bc = None
        if self.soort == AANVRAAG and self.vastgelegd is not None and self.casus is not None:
            self.bc = self.vastgelegd  # alleen-lezen: precies wat er is ingediend
        elif self.casus is not None and self.prijslijst is not None:
            limiet = self.stand.instellingen.limiet if self.stand else None
            eerder = self.stand.goedgekeurd_voor(self.casus.casus_id) if self.stand else None
            try:
                self.bc = diensten.bereken_casus(self.casus, self.prijslijst, limiet, eerder)
            except InvoerFout as fout:
                self.problemen = fout.problemen
        elif self.prijslijst is None:
            self.problemen = self.problemen + [Probleem("prijslijst", self.prijslijstfout or "geen prijslijst")]
        jaar = self.casus.jaar if self.casus else datetime.now().year
        fouten, nog = self.editor.verdeel(self.problemen)
        self.editor.toon(self.bc, fouten, self.prijslijst, jaar)
        self.paneel.toon(self.bc, fouten, nog)
        self._werk_titel_bij()
        self._werk_banner_bij()
        self._werk_handelingen_bij()

    # ------------------------------------------------------------ weergave van de toestand

    def _documentnaam(self) -> str:
        f = self.editor.toestand()
        return f.get("casus_id") or "de nieuwe casus"

    def _werk_titel_bij(self) -> None:
        f = self.editor.toestand()
        naam = f.get("casus_id") or "Nieuwe casus"
        titel = f.get("titel", "").strip()
        soort = {OEFENING: " (oefening)", AANVRAAG: " (aanvraag, alleen-lezen)"}.get(self.soort, "")
        if f.get("oefening") and self.soort != OEFENING:
            soort = " (oefening)"
        self.setWindowTitle(f"{naam}{' – ' + titel if titel else ''}{soort}[*] — Doorbraak")
        self.setWindowModified(not self.editor.undo.isClean())

    def _werk_banner_bij(self) -> None:
        teksten, soort = [], "register"
        if self.prijslijstfout:
            teksten.append(self.prijslijstfout + " Er wordt gerekend met de meegeleverde prijslijst.")
            soort = "fout"
        if self.registerfout and self.register_onbetrouwbaar:
            teksten.append(f"Het register klopt niet, er wordt niets uit getoond of aan toegevoegd: {self.registerfout}")
            soort = "fout"
        elif self.registerfout:
            teksten.append(f"Het register is niet bereikbaar: {self.registerfout} Controleer de registermap "
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

    def redenen(self) -> dict[str, str | None]:
        """Per handeling: None als ze mag, anders waarom niet (dezelfde regels als het register zelf)."""
        st = self.stand
        if self._bezig:
            bezig = self._bezig[0].rstrip("…")
            return {s: f"even wachten: {bezig[0].lower()}{bezig[1:]}" for s, _t, _u in B.KNOPPEN}
        if st is None:
            reden = f"het register is niet bereikbaar ({self.registerfout})" if self.registerfout else "het register wordt nog gelezen"
            return {s: reden for s, _t, _u in B.KNOPPEN}
        gebruiker = self.gebruiker
        casus_id = self.editor.toestand().get("casus_id", "").strip()
        r: dict[str, str | None] = {}
        if self.soort == AANVRAAG:
            r[B.INDIENEN] = "dit is de vastgelegde aanvraag; sla haar op als concept om een nieuwe versie in te dienen"
        elif self.casus is None or self.bc is None:
            r[B.INDIENEN] = "los eerst de problemen in de invoer op (zie het paneel Businesscase)"
        else:
            r[B.INDIENEN] = workflow.waarom_niet_indienen(st, self.casus, self.bc.interventie_totaal)
        for sleutel, functie, akkoord in ((B.GOEDKEUREN, workflow.waarom_niet_toetsen, True),
                                          (B.AFWIJZEN, workflow.waarom_niet_toetsen, False),
                                          (B.BESLUIT_JA, workflow.waarom_niet_besluiten, True),
                                          (B.BESLUIT_NEE, workflow.waarom_niet_besluiten, False)):
            reden = functie(st, casus_id, gebruiker, akkoord) if casus_id else "de casus heeft nog geen casus-id"
            if reden is None and self.soort != AANVRAAG:
                reden = "open de aanvraag uit de casuslijst (soort Register) om te zien wat u beoordeelt"
            elif reden is None and self.aanvraag is not None and (
                    open_ := st.open_aanvraag(casus_id)) is not None and open_.aanvraag != self.aanvraag.aanvraag:
                reden = (f"u bekijkt {self.aanvraag.aanvraag}, maar nu staat {open_.aanvraag} open; open die uit de "
                         "casuslijst")
            r[sleutel] = reden
        return r

    def _werk_handelingen_bij(self) -> None:
        redenen = self.redenen()
        casus_id = self.editor.toestand().get("casus_id", "").strip()
        status, spoor = "Nog niet ingediend.", ""
        if self.stand is None:
            status = "Het register wordt gelezen…" if not self.registerfout else f"Register niet bereikbaar: {self.registerfout}"
        elif casus_id and (a := self.stand.laatste(casus_id)) is not None:
            status = (f"Aanvraag {a.aanvraag}: {a.status}, {formatteer(a.bedrag)} ({a.route.replace('-', ' ')}). "
                      f"Ingediend door {persoon(a.indiener)} op {a.ingediend_op[:16].replace('T', ' ')}.")
            stappen = []
            for rol, stap in (("Getoetst", a.toetsing), ("Besloten", a.besluit)):
                if stap:
                    stappen.append(f"{rol} door {persoon(stap['gebruiker'])} op {stap['tijd'][:16].replace('T', ' ')}: "
                                   f"{'akkoord' if stap['akkoord'] else 'niet akkoord'}"
                                   f"{' (' + stap['reden'] + ')' if stap.get('reden') else ''}.")
            spoor = "\n".join(stappen)
        if self.stand is not None:
            status += f"\nU handelt als {self.stand.instellingen.wie(self.gebruiker.os_login)}."
        self.besluitdeel.zet(status, redenen, spoor)
        for sleutel, reden in redenen.items():
            actie = self.acties[sleutel]
            actie.setEnabled(reden is None)
            actie.setStatusTip("" if reden is None else f"Kan niet: {reden}")
        kan_export = self.bc is not None and not self._bezig
        for sleutel in ("pdf", "xlsx"):
            self.acties[sleutel].setEnabled(kan_export)
        self.acties["voorbeeld herstellen"].setEnabled(self.voorbeeld is not None)
        for sleutel in ("prijsregel", "eigen regel"):
            self.acties[sleutel].setEnabled(not self.editor.alleen_lezen)

    # ------------------------------------------------------------ register

    def lees_register(self, stil: bool = False) -> None:
        """Register en lokale casussen lezen, op de achtergrond: een trage share bevriest niets."""
        map_, standaard = self.registermap, not self.inst.registermap
        mappen = self.mappen
        self._start("Register lezen…", lambda: _lees_overzicht(mappen, map_, standaard), self._toon_overzicht,
                    blokkeert=False)

    def _toon_overzicht(self, overzicht: Overzicht) -> None:
        self.stand, self.registerfout = overzicht.stand, overzicht.registerfout
        self.register_onbetrouwbaar, self.registermeldingen = overzicht.onbetrouwbaar, overzicht.meldingen
        self.lijst.zet(overzicht.regels)
        if overzicht.onbetrouwbaar:
            self.lijst.zet_budget(None, "Het register klopt niet: geen cijfers (zie de melding bovenaan).")
        else:
            self.lijst.zet_budget(self.stand, f"Register niet bereikbaar: {self.registerfout}" if self.registerfout else "")
        if self._voorlopig_id and self.pad is None and self.editor.undo.isClean() and self.stand is not None:
            self._nieuw_document()  # een casus-id dat vrij is, ook in het register
        self._voorlopig_id = False
        if overzicht.nieuw_register:
            self.statusBar().showMessage(f"Lokaal register aangemaakt in {self.registermap}", 10000)
        if self.soort == AANVRAAG and self.stand is not None and self.aanvraag is not None:
            naam = self.aanvraag.aanvraag
            self.aanvraag = next((a for a in self.stand.aanvragen if a.aanvraag == naam), self.aanvraag)
        self.herbereken()

    def _handeling(self, sleutel: str) -> None:
        reden = self.redenen().get(sleutel)
        if reden is not None:
            self.dialogen.fout("Niet mogelijk", reden[0].upper() + reden[1:] + ".")
            return
        map_, prijslijstmap, gebruiker = self.registermap, self.inst.prijslijstmap or None, self.gebruiker
        casus_id = self.editor.toestand()["casus_id"].strip()
        if sleutel == B.INDIENEN:
            if not self.editor.undo.isClean() and self.soort != AANVRAAG and not self.opslaan():
                return
            casus = self.casus
            self._start("Indienen…", lambda: diensten.dien_casus_in(casus, map_, prijslijstmap, gebruiker),
                        lambda u: self._na_handeling("Ingediend", u))
            return
        akkoord = sleutel in (B.GOEDKEUREN, B.BESLUIT_JA)
        reden_tekst = ""
        if not akkoord:
            reden_tekst = self.dialogen.vraag_tekst("Afwijzen", f"Waarom wordt {casus_id} afgewezen? (komt in het register)")
            if reden_tekst is None:
                return
            if not reden_tekst.strip():
                self.dialogen.fout("Afwijzen", "Een afwijzing heeft een reden nodig; er is niets vastgelegd.")
                return
        functie = diensten.toets if sleutel in (B.GOEDKEUREN, B.AFWIJZEN) else diensten.besluit
        verwacht = self.aanvraag.aanvraag if self.aanvraag else None
        self._start("Vastleggen…", lambda: functie(casus_id, akkoord, reden_tekst.strip(), map_, gebruiker, verwacht),
                    lambda u: self._na_handeling("Vastgelegd", u))

    def _na_handeling(self, wat: str, uitkomst) -> None:
        aanvraag, melding = uitkomst
        tekst = {workflow.INGEDIEND: "wacht nu op de toetsing door een andere coach",
                 workflow.GEESCALEERD: "gaat nu naar de beslissers: " + (
                     self.stand.instellingen.beslissers if self.stand else ""),
                 workflow.GOEDGEKEURD: "is goedgekeurd; het bedrag is gereserveerd in de budgetpot",
                 workflow.AFGEWEZEN: "is afgewezen"}.get(aanvraag.status, aanvraag.status)
        self.dialogen.melding(wat, f"Aanvraag {aanvraag.aanvraag} ({formatteer(aanvraag.bedrag)}) {tekst}."
                              + (f"\n\n{melding}" if melding else ""))
        self.stand = None  # tot het register opnieuw gelezen is, mag er niets op de oude stand
        self.lees_register()

    # ------------------------------------------------------------ exports en mappen

    def exporteer_pdf(self) -> None:
        self._exporteer("Verantwoording exporteren", "verantwoording.pdf", "PDF (*.pdf)",
                        diensten.schrijf_verantwoording_casus)

    def exporteer_xlsx(self) -> None:
        self._exporteer("Spreadsheet exporteren", "businesscase.xlsx", "Excel-werkmap (*.xlsx)",
                        diensten.schrijf_casusspreadsheet_casus)

    def _exporteer(self, titel: str, achtervoegsel: str, filter_: str, schrijf) -> None:
        if self.bc is None or self.casus is None:
            self.dialogen.fout(titel, "Los eerst de problemen in de invoer op; dan kan de casus worden geëxporteerd.")
            return
        voorstel = Path.home() / f"{self.casus.casus_id}-{achtervoegsel}"
        pad = self.dialogen.kies_opslagbestand(titel, voorstel, filter_)
        if not pad:
            return
        casus, bc, spoor = self.casus, self.bc, self.spoor
        # het opslagvenster vroeg al of een bestaand bestand vervangen mag; de invoer blijft beschermd
        invoer = diensten.exportinvoer(self.pad, self.prijslijst.map if self.prijslijst else None,
                                       self.registermap if self.soort == AANVRAAG else None)
        self._start(f"{titel}…", lambda: (schrijf(casus, bc, pad, spoor, invoer=invoer, overschrijven=True), pad)[1],
                    lambda p: self.statusBar().showMessage(f"Geschreven: {p}", 10000) or self.dialogen.melding(
                        titel, f"Geschreven: {p}"))

    def open_registermap(self) -> None:
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
        except OSError as fout:
            self.dialogen.fout("Instellingen", f"De instellingen zijn niet bewaard: {melding_van(fout)}")
            return
        self.inst = nieuw
        self.laad_prijslijst()
        self.stand, self.registerfout = None, ""
        self.lijst.zet_budget(None)
        self.herbereken()
        self.lees_register()

    # ------------------------------------------------------------ dialogen in de editor

    def _huidige_kant(self, met_interventie: bool = False) -> str:
        i = self.editor.tabs.currentIndex()
        kanten = {2: "zonder_doorbraak", 3: "met_doorbraak", 4: "interventie" if met_interventie else "zonder_doorbraak"}
        return kanten.get(i, "zonder_doorbraak")

    def toon_prijslijst(self, kant: str) -> None:
        if self.prijslijst is None or self.editor.alleen_lezen:
            return
        self.editor.toon_lijst(kant if kant != "interventie" else "zonder_doorbraak")
        jaar = self.casus.jaar if self.casus else datetime.now().year
        self.kiezer = Prijslijstkiezer(self.prijslijst, jaar, self)
        self.kiezer.gekozen.connect(lambda code: self.editor.lijsten[kant].voeg_prijsregel_toe(code))
        self.kiezer.open()

    def eigen_regel(self) -> None:
        if self.editor.alleen_lezen:
            return
        kant = self._huidige_kant(True)
        self.editor.toon_lijst(kant)
        self.editor.lijsten[kant].voeg_eigen_regel_toe()

    def toon_rekenhulp(self, kant: str) -> None:
        self.hulp = Aantalhulp(self)
        self.hulp.gekozen.connect(self.editor.lijsten[kant].zet_aantal)
        self.hulp.open()

    def _toon_sectie(self, i: int) -> None:
        self.editor.tabs.setCurrentIndex(i)
        self.editor.tabs.currentWidget().setFocus()

    def _zoek(self) -> None:
        self.lijstdock.show()
        self.lijst.zoek.setFocus()
        self.lijst.zoek.selectAll()

    def _over(self) -> None:
        from doorbraak import __version__

        self.dialogen.melding("Over Doorbraak", f"Doorbraak {__version__}: de maatschappelijke businesscase van een "
                              f"casus.\nPrijslijst: {self.prijslijst.versienaam if self.prijslijst else 'niet geladen'}"
                              f"\nRegister: {self.registermap}\nGegevens: {self.mappen.data}")

    # ------------------------------------------------------------ achtergrondwerk

    def _start(self, wat: str, functie, klaar, blokkeert: bool = True) -> None:
        if blokkeert:
            self._bezig.append(wat)
        self.bezigtekst.setText(wat)

        def einde(handler, waarde):
            if blokkeert and wat in self._bezig:
                self._bezig.remove(wat)
            handler(waarde)
            self._werk_handelingen_bij()

        self.taken.start(functie, lambda u: einde(klaar, u), lambda f: einde(self._mislukt, f))
        self._werk_handelingen_bij()

    def _mislukt(self, fout: BaseException) -> None:
        if not isinstance(fout, (InvoerFout, Weigering, OSError)):
            log.error("taak mislukt", exc_info=(type(fout), fout, fout.__traceback__))
        titel = "Niet toegestaan" if isinstance(fout, Weigering) else "Niet gelukt"
        self.dialogen.fout(titel, melding_van(fout))
        self.lees_register()

    def _toon_bezig(self, aantal: int) -> None:
        self.voortgang.setVisible(aantal > 0)
        if aantal == 0:
            self.bezigtekst.setText("")

    @property
    def bezig(self) -> bool:
        return self.taken.lopend > 0

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._bezig:
            self.dialogen.fout("Even wachten", f"{self._bezig[0].rstrip('…')} is nog bezig. Sluit af als dat klaar is; "
                               "dan weet u zeker of het is vastgelegd.")
            event.ignore()
            return
        if not self._mag_weg():
            event.ignore()
            return
        self._verwijder_herstel()
        self.taken.wacht(5000)
        venstermaat.bewaar(self, self.mappen)
        event.accept()


@functools.cache
def _ik() -> Gebruiker:
    return huidige_gebruiker()  # de login verandert niet zolang het proces loopt (en NSS/LDAP kan traag zijn)


def _standaard_gebruiker(inst: Instellingen) -> Gebruiker:
    """De login van het systeem; geen instelling of omgevingsvariabele maakt van u een ander."""
    return _ik()


def _leeft(pid: object) -> bool:
    """Draait dit proces nog (op deze machine)? Op Windows is os.kill(pid, 0) geen controle maar een
    Ctrl+C-signaal: daar geldt een herstelbestand daarom altijd als achtergelaten."""
    if not isinstance(pid, int) or pid <= 0 or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _lees_overzicht(mappen: Mappen, map_: Path, standaard: bool) -> Overzicht:
    """Op de achtergrond: het register (aangemaakt bij de eerste start) en de lokale casussen."""
    stand, fout, nieuw, onbetrouwbaar = None, "", False, False
    try:
        if standaard:
            nieuw = zorg_voor_standaardregister(mappen)
        stand = diensten.register_stand(map_)
    except (KetenFout, AfwijkingFout, workflow.OnleesbaarRegister) as e:
        fout, onbetrouwbaar = melding_van(e).replace("\n", " "), True
    except (InvoerFout, OSError) as e:
        fout = melding_van(e).replace("\n", " ")
    regels: list[Lijstregel] = []
    for soort, map_casussen in ((CONCEPT, mappen.concepten), (OEFENING, diensten.voorbeeldenmap())):
        for pad in sorted(map_casussen.glob("*.json")):
            try:
                casus = lees_casus(pad)
            except InvoerFout:
                regels.append(Lijstregel(soort, pad.stem, "(onleesbaar bestand)", "onleesbaar", None, "", pad))
                continue
            bedrag = sum((r.bedrag for r in casus.interventie), NUL)
            status = "concept" if soort == CONCEPT else "voorbeeld"
            eerder = NUL
            if stand is not None:
                if (open_ := stand.open_aanvraag(casus.casus_id)) is not None:
                    status = f"concept; aanvraag {open_.status}"
                eerder = stand.goedgekeurd_voor(casus.casus_id)
            limiet = stand.instellingen.limiet if stand else diensten.STANDAARD_LIMIET
            regels.append(Lijstregel(soort, casus.casus_id, casus.titel, status, bedrag, route(bedrag, limiet, eerder), pad))
    if stand is not None:
        laatste: dict[str, workflow.Aanvraag] = {}
        for a in stand.aanvragen:
            laatste[a.casus_id.casefold()] = a
        for a in laatste.values():
            regels.append(Lijstregel(AANVRAAG, a.casus_id, a.titel, a.status, a.bedrag, a.route, None, a.aanvraag,
                                     f"ingediend door {persoon(a.indiener)} op {a.ingediend_op[:10]}"))
    return Overzicht(stand, fout, regels, nieuw, onbetrouwbaar, stand.meldingen if stand is not None else [])

