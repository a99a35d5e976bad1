"""De casus in de editor als document: nieuw, openen (ook een voorbeeld of een aanvraag), opslaan, exporteren."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doorbraak import diensten
from doorbraak.domein.casus import Casus, bewaar_casus, lees_casus
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.jsonbestand import schrijf_atomair
from doorbraak.gui.casuslijst import AANVRAAG, CONCEPT, OEFENING, Lijstregel
from doorbraak.gui.dialogen import ANNULEREN, OPSLAAN
from doorbraak.gui.editor import SECTIES
from doorbraak.gui.formulier import formulier_uit_casus, leeg_formulier, lees_formulier
from doorbraak.gui.herstel import BESTAND
from doorbraak.gui.overzicht import melding_van
from doorbraak.instellingen import bewaar_instellingen, coachnaam, lees_instellingen
from doorbraak.register import workflow

if TYPE_CHECKING:
    from doorbraak.gui.hoofdvenster import Hoofdvenster


class Documenten:
    """Wat er met het document in de editor gebeurt. De toestand (pad, soort, voorbeeld, aanvraag) staat
    in het venster; dit zijn de handelingen erop."""

    def __init__(self, venster: Hoofdvenster):
        self.v = venster
        self.voorlopig_id = False  # het casus-id van een nieuw document is gekozen voordat het register gelezen was

    # ------------------------------------------------------------ nieuw en openen

    def nieuw_document(self) -> None:
        v = self.v
        login = v.gebruiker.os_login if v.stand is not None else ""  # de naam uit het register gaat voor
        naam = coachnaam(v.inst, login, v.stand.instellingen.naam_van(login) if v.stand is not None else None)
        self.zet_document(leeg_formulier(self._volgend_id(), coach=naam), None, CONCEPT)
        self.voorlopig_id = True  # zie Registeracties.toon_overzicht

    def _volgend_id(self) -> str:
        jaar = datetime.now().year
        bestaand = {p.stem.casefold() for p in self.v.mappen.concepten.glob("*.json")}
        if self.v.stand is not None:
            bestaand |= {a.casus_id.casefold() for a in self.v.stand.aanvragen}
        n = 1
        while f"c-{jaar}-{n:03d}" in bestaand:
            n += 1
        return f"C-{jaar}-{n:03d}"

    def zet_document(self, formulier: dict[str, Any], pad: Path | None, soort: str, *, voorbeeld: Path | None = None,
                     aanvraag: workflow.Aanvraag | None = None, spoor=None) -> None:
        v = self.v
        v.herstel.nieuw_document()
        v.pad, v.soort, v.voorbeeld, v.aanvraag, v.spoor = pad, soort, voorbeeld, aanvraag, spoor
        if soort != AANVRAAG:
            v.vastgelegd = None
        v.editor.laad(formulier)
        v.editor.zet_alleen_lezen(soort == AANVRAAG)
        v.editor.tabs.setCurrentIndex(0)
        v.herbereken()

    def naam(self) -> str:
        return self.v.editor.toestand().get("casus_id") or "de nieuwe casus"

    def mag_weg(self) -> bool:
        """Mag het huidige document dicht? Vraagt bij niet-opgeslagen wijzigingen."""
        if self.v.editor.undo.isClean():
            return True
        keuze = self.v.dialogen.niet_opgeslagen(self.naam())
        if keuze == ANNULEREN:
            return False
        if keuze == OPSLAAN:
            return self.opslaan()
        self.v.herstel.verwijder()
        return True

    def nieuwe_casus(self) -> None:
        if self.mag_weg():
            self.nieuw_document()

    def open_kiezen(self) -> None:
        if not self.mag_weg():
            return
        pad = self.v.dialogen.kies_casusbestand(self.v.mappen.concepten)
        if pad:
            self.open_bestand(pad, gevraagd=False)

    def open_bestand(self, pad: Path, gevraagd: bool = True) -> bool:
        v = self.v
        if gevraagd and not self.mag_weg():
            return False
        pad = Path(pad)
        if pad.resolve().parent == diensten.voorbeeldenmap().resolve():
            self.open_voorbeeld(pad, gevraagd=False)  # nooit het origineel van een voorbeeld bewerken
            return True
        try:
            casus = lees_casus(pad)
        except InvoerFout as fout:
            v.dialogen.fout("Casus niet te openen", f"{pad} is niet geopend:\n{melding_van(fout)}")
            return False
        binnen_concepten = pad.resolve().parent == v.mappen.concepten.resolve()
        binnen_oefeningen = pad.resolve().parent == v.mappen.oefeningen.resolve()
        voorbeeld = diensten.voorbeeldenmap() / pad.name if binnen_oefeningen else None
        soort = OEFENING if binnen_oefeningen else (CONCEPT if binnen_concepten else BESTAND)
        self.zet_document(formulier_uit_casus(casus), pad, soort,
                          voorbeeld=voorbeeld if voorbeeld and voorbeeld.exists() else None)
        self._onthoud_recent(pad)
        return True

    def open_voorbeeld(self, origineel: Path, gevraagd: bool = True) -> None:
        """Een voorbeeldcasus opent als werkkopie; het origineel blijft onaangeroerd."""
        if gevraagd and not self.mag_weg():
            return
        kopie = self.v.mappen.oefeningen / origineel.name
        if not kopie.exists():
            schrijf_atomair(kopie, origineel.read_bytes())
        if self.open_bestand(kopie, gevraagd=False):
            self.v.voorbeeld = origineel

    def herstel_voorbeeld(self) -> None:
        v = self.v
        if v.voorbeeld is None:
            v.dialogen.melding("Voorbeeld herstellen", "De casus in de editor is geen werkkopie van een voorbeeldcasus.")
            return
        if not v.dialogen.bevestig("Voorbeeld herstellen", f"De werkkopie van {v.voorbeeld.stem} terugzetten naar "
                                   "het origineel? Ongedaan maken (Ctrl+Z) kan daarna nog in deze sessie."):
            return
        try:
            origineel = lees_casus(v.voorbeeld)
        except InvoerFout as fout:
            v.dialogen.fout("Voorbeeld herstellen", melding_van(fout))
            return
        v.editor.vervang(formulier_uit_casus(origineel), "voorbeeld hersteld")
        self.opslaan()

    def open_lijstregel(self, regel: Lijstregel) -> None:
        v = self.v
        if regel.soort in (CONCEPT, OEFENING):
            if regel.soort == OEFENING and regel.pad and regel.pad.parent == diensten.voorbeeldenmap():
                self.open_voorbeeld(regel.pad)
            elif regel.pad:
                self.open_bestand(regel.pad)
            return
        if not self.mag_weg():
            return
        map_, st = v.registermap, v.stand
        aanvraag = next((a for a in st.aanvragen if a.aanvraag == regel.aanvraag), None) if st else None
        if aanvraag is None:
            v.dialogen.fout("Aanvraag openen", f"{regel.aanvraag} staat niet (meer) in het register; kies Vernieuwen (F5).")
            return
        document = v.herstel.sleutel
        v.start(f"Aanvraag {regel.aanvraag} lezen…", lambda: diensten.casus_uit_aanvraag(st, aanvraag, map_),
                lambda u: self._toon_aanvraag(u, aanvraag, document))

    def _toon_aanvraag(self, uitkomst, aanvraag: workflow.Aanvraag, document: str) -> None:
        v = self.v
        if document != v.herstel.sleutel or not v.editor.undo.isClean():
            # intussen is er een ander document geopend of is er getypt: dat gaat voor
            v.statusBar().showMessage(f"Aanvraag {aanvraag.aanvraag} niet geopend: er is intussen ander werk "
                                      "geopend. Kies haar opnieuw in de lijst.", 10000)
            return
        casus, bc, spoor = uitkomst
        v.vastgelegd = bc  # met de vastgelegde prijzen van de indiening, niet met de prijslijst van nu
        self.zet_document(formulier_uit_casus(casus), None, AANVRAAG, aanvraag=aanvraag, spoor=spoor)
        v.editor.tabs.setCurrentIndex(SECTIES.index("Besluit"))

    # ------------------------------------------------------------ opslaan

    def opslaan(self) -> bool:
        v = self.v
        casus, problemen = lees_formulier(v.editor.toestand())
        if casus is None:
            v.editor.alles_tonen = True  # nu ook wat nog leeg is als fout bij het veld
            v.herbereken()
            v.dialogen.fout("Niet opgeslagen", "De casus kan nog niet worden opgeslagen; eerst dit oplossen:\n" +
                            "\n".join(str(p) for p in problemen[:12]) +
                            "\n\nUw invoer gaat niet verloren: zij wordt automatisch bewaard voor herstel.")
            if problemen:
                v.editor.ga_naar(problemen[0].pad)
            return False
        pad = v.pad
        if pad is None or v.soort == AANVRAAG:
            pad = v.mappen.concepten / f"{casus.casus_id}.json"
            if pad.exists() and not v.dialogen.bevestig(
                    "Bestaat al", f"Er is al een concept {casus.casus_id}. Overschrijven?"):
                return self.opslaan_als()
        return self._schrijf(casus, pad)

    def opslaan_als(self) -> bool:
        v = self.v
        casus, problemen = lees_formulier(v.editor.toestand())
        if casus is None:
            return self.opslaan()  # meldt de problemen
        pad = v.dialogen.kies_opslagbestand("Casus opslaan als", v.mappen.concepten / f"{casus.casus_id}.json",
                                            "Casus (*.json)")
        if not pad:
            return False
        if pad.suffix.lower() != ".json":
            pad = pad.with_name(pad.name + ".json")
        return self._schrijf(casus, pad)

    def _schrijf(self, casus: Casus, pad: Path) -> bool:
        v = self.v
        try:
            bewaar_casus(casus, pad)
        except (OSError, InvoerFout) as fout:
            v.dialogen.fout("Niet opgeslagen", f"{pad} is niet opgeslagen: {melding_van(fout)}\n"
                            "Er is niets overschreven; uw invoer staat nog in de editor.")
            return False
        if v.soort == AANVRAAG:
            v.soort, v.aanvraag, v.spoor = CONCEPT, None, None
            v.editor.zet_alleen_lezen(False)
        elif v.pad is None or pad.resolve() != v.pad.resolve():
            # elders opgeslagen: dit is geen werkkopie van een voorbeeld (meer)
            v.voorbeeld = None
            v.soort = CONCEPT if pad.resolve().parent == v.mappen.concepten.resolve() else BESTAND
        v.pad = pad
        v.editor.undo.setClean()
        v.herstel.verwijder()
        self._onthoud_recent(pad)
        v.statusBar().showMessage(f"Opgeslagen: {pad}", 8000)
        v.werk_titel_bij()
        v.registeracties.lees()
        return True

    def _onthoud_recent(self, pad: Path) -> None:
        inst = self.v.inst
        inst.recent = ([str(pad)] + [r for r in inst.recent if r != str(pad)])[:10]
        try:  # alleen 'recent' bijwerken: een ander venster kan intussen iets anders hebben ingesteld
            op_schijf, melding = lees_instellingen(self.v.mappen)
            if melding:
                return
            op_schijf.recent = inst.recent
            bewaar_instellingen(self.v.mappen, op_schijf)
        except (OSError, InvoerFout):  # InvoerFout: een wachtwoord in de register-URL wordt nooit bewaard
            pass

    # ------------------------------------------------------------ exporteren

    def exporteer_pdf(self) -> None:
        self._exporteer("Verantwoording exporteren", "verantwoording.pdf", "PDF (*.pdf)",
                        diensten.schrijf_verantwoording_casus)

    def exporteer_xlsx(self) -> None:
        self._exporteer("Spreadsheet exporteren", "businesscase.xlsx", "Excel-werkmap (*.xlsx)",
                        diensten.schrijf_casusspreadsheet_casus)

    def _exporteer(self, titel: str, achtervoegsel: str, filter_: str, schrijf) -> None:
        v = self.v
        if v.bc is None or v.casus is None:
            v.dialogen.fout(titel, "Los eerst de problemen in de invoer op; dan kan de casus worden geëxporteerd.")
            return
        voorstel = Path.home() / f"{v.casus.casus_id}-{achtervoegsel}"
        pad = v.dialogen.kies_opslagbestand(titel, voorstel, filter_)
        if not pad:
            return
        casus, bc, spoor = v.casus, v.bc, v.spoor
        # het opslagvenster vroeg al of een bestaand bestand vervangen mag; de invoer blijft beschermd
        # een register in PostgreSQL heeft geen map die een export zou kunnen overschrijven
        invoer = diensten.exportinvoer(v.pad, v.prijslijst.map if v.prijslijst else None,
                                       v.registermap if v.soort == AANVRAAG and not v.register_in_database else None)
        v.start(f"{titel}…", lambda: (schrijf(casus, bc, pad, spoor, invoer=invoer, overschrijven=True), pad)[1],
                lambda p: self._geschreven(titel, p))

    def _geschreven(self, titel: str, pad: Path) -> None:
        """Zeggen waar het bestand staat, met 'Map openen' voor de map waarin het is geschreven."""
        self.v.statusBar().showMessage(f"Geschreven: {pad}", 10000)
        self.v.dialogen.melding_met_map(titel, f"Geschreven: {pad}", pad.parent)
