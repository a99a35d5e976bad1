"""Het register vanuit het venster: lezen op de achtergrond, en indienen, toetsen en besluiten met de
reden waarom een knop uit staat (dezelfde regels als het register zelf, workflow.waarom_niet_*)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from doorbraak import diensten
from doorbraak.domein.geld import formatteer
from doorbraak.gui import besluit as B
from doorbraak.gui.casuslijst import AANVRAAG
from doorbraak.gui.overzicht import Overzicht, lees_overzicht
from doorbraak.register import workflow
from doorbraak.register.opslag import persoon

if TYPE_CHECKING:
    from doorbraak.gui.hoofdvenster import Hoofdvenster


class Registeracties:
    def __init__(self, venster: Hoofdvenster):
        self.v = venster

    def lees(self) -> None:
        """Register en lokale casussen lezen, op de achtergrond: een trage share of databaseserver bevriest niets."""
        v = self.v
        map_, standaard, mappen = v.registermap, not v.inst.registermap, v.mappen

        def klaar(overzicht: Overzicht) -> None:
            if map_ == v.registermap:  # anders is intussen een ander register gekozen, en wordt dat al gelezen
                self.toon_overzicht(overzicht)

        v.start("Register lezen…", lambda: lees_overzicht(mappen, map_, standaard), klaar, blokkeert=False,
                mislukt=lambda fout: v._mislukt(fout, opnieuw_lezen=False))

    def toon_overzicht(self, overzicht: Overzicht) -> None:
        v = self.v
        v.stand, v.registerfout = overzicht.stand, overzicht.registerfout
        v.registergebruiker = overzicht.gebruiker
        v.register_onbetrouwbaar, v.registermeldingen = overzicht.onbetrouwbaar, overzicht.meldingen
        v.lijst.zet(overzicht.regels)
        v.nacalculaties.werk_lijst_bij()
        if overzicht.onbetrouwbaar:
            v.lijst.zet_budget(None, "Het register klopt niet: geen cijfers (zie de melding bovenaan).")
        else:
            # de hele melding staat bovenaan; hier kort, zodat een lange URL of map de lijst niet breder maakt
            v.lijst.zet_budget(v.stand, "Register niet bereikbaar: geen cijfers (zie de melding bovenaan)."
                               if v.registerfout else "")
        if v.documenten.voorlopig_id and v.pad is None and v.editor.undo.isClean() and v.stand is not None:
            v.documenten.nieuw_document()  # een casus-id dat vrij is, ook in het register
        v.documenten.voorlopig_id = False
        if overzicht.nieuw_register:
            v.statusBar().showMessage(f"Lokaal register aangemaakt in {v.registermap}; collega's zien het niet. Een "
                                      "gedeeld register kiest u in Bestand › Instellingen.", 15000)
        if v.soort == AANVRAAG and v.stand is not None and v.aanvraag is not None:
            oud = v.aanvraag
            v.aanvraag = next((a for a in v.stand.aanvragen if a.aanvraag == oud.aanvraag), oud)
            if v.aanvraag.laatste_record != oud.laatste_record:
                self._ververs_spoor(v.aanvraag)
        v.herbereken()
        v.register_gelezen.emit()

    def _ververs_spoor(self, aanvraag: workflow.Aanvraag) -> None:
        """De geopende aanvraag is getoetst of besloten (hier of elders): haar besluitspoor opnieuw, zodat een export
        het document geeft dat bij het laatste besluit hoort. Tot dan kan er niet geëxporteerd worden."""
        v = self.v
        st, map_, document = v.stand, v.registermap, v.herstel.sleutel

        def klaar(spoor) -> None:
            if document == v.herstel.sleutel and v.aanvraag is not None and v.aanvraag.aanvraag == aanvraag.aanvraag:
                v.spoor = spoor

        v.start(f"Aanvraag {aanvraag.aanvraag} bijwerken…", lambda: diensten.casus_uit_aanvraag(st, aanvraag, map_)[2],
                klaar, mislukt=lambda fout: v._mislukt(fout, opnieuw_lezen=False))

    def redenen(self) -> dict[str, str | None]:
        """Per handeling: None als ze mag, anders waarom niet (dezelfde regels als het register zelf)."""
        v = self.v
        st = v.stand
        if v.bezig_met:
            bezig = v.bezig_met[0].rstrip("…")
            return {s: f"even wachten: {bezig[0].lower()}{bezig[1:]}" for s, _t, _u in B.KNOPPEN}
        if st is None:
            return {s: self._registerreden() for s, _t, _u in B.KNOPPEN}
        gebruiker = v.gebruiker
        casus_id = v.editor.toestand().get("casus_id", "").strip()
        r: dict[str, str | None] = {}
        if v.soort == AANVRAAG:
            r[B.INDIENEN] = "dit is de vastgelegde aanvraag; sla haar op als concept om een nieuwe versie in te dienen"
        elif v.casus is None or v.bc is None:
            r[B.INDIENEN] = "los eerst de problemen in de invoer op (zie het paneel Businesscase)"
        else:
            r[B.INDIENEN] = workflow.waarom_niet_indienen(st, v.casus, v.bc.interventie_totaal)
        for sleutel, functie, akkoord in ((B.GOEDKEUREN, workflow.waarom_niet_toetsen, True),
                                          (B.AFWIJZEN, workflow.waarom_niet_toetsen, False),
                                          (B.BESLUIT_JA, workflow.waarom_niet_besluiten, True),
                                          (B.BESLUIT_NEE, workflow.waarom_niet_besluiten, False)):
            reden = (functie(st, casus_id, gebruiker, akkoord, app=True) if casus_id
                     else "de casus heeft nog geen casus-id")
            if reden is None and v.soort != AANVRAAG:
                reden = "open de aanvraag uit de casuslijst (soort Register) om te zien wat u beoordeelt"
            elif reden is None and v.aanvraag is not None and (
                    open_ := st.open_aanvraag(casus_id)) is not None and open_.aanvraag != v.aanvraag.aanvraag:
                reden = (f"u bekijkt {v.aanvraag.aanvraag}, maar nu staat {open_.aanvraag} open; open die uit de "
                         "casuslijst")
            r[sleutel] = reden
        return r

    def _registerreden(self) -> str:
        """Waarom er zonder stand van het register niets kan. De melding van het register zelf kan een opdracht voor
        de opdrachtregel noemen (zoals 'doorbraak register verifieer'); die staat bovenaan, niet naast een knop."""
        v = self.v
        if not v.registerfout:
            return "het register wordt nog gelezen"
        if v.register_onbetrouwbaar:
            return "het register klopt niet (zie de melding bovenaan)"
        if "doorbraak " in v.registerfout or "--" in v.registerfout:
            return "het register is niet bereikbaar (zie de melding bovenaan)"
        return f"het register is niet bereikbaar ({v.registerfout})"

    def _nieuwe_aanvraag(self, redenen: dict[str, str | None]) -> workflow.Gevolg | None:
        """Wat Indienen nu zou doen, als de casus al een goedgekeurde aanvraag heeft (dan is het een nieuwe ernaast)."""
        v = self.v
        if redenen.get(B.INDIENEN) is not None or v.stand is None or v.casus is None or v.bc is None:
            return None
        g = workflow.gevolg_indienen(v.stand, v.casus.casus_id, v.bc.interventie_totaal)
        return g if g.goedgekeurd else None

    def werk_bij(self) -> None:
        """Knoppen, menu's en het besluitdeel volgen de stand van het register en het document."""
        v = self.v
        redenen = self.redenen()
        casus_id = v.editor.toestand().get("casus_id", "").strip()
        status, spoor = "Nog niet ingediend.", ""
        if v.stand is None:
            status = "Het register wordt gelezen…" if not v.registerfout else f"Register niet bereikbaar: {v.registerfout}"
        elif casus_id and (a := v.stand.laatste(casus_id)) is not None:
            status = (f"Aanvraag {a.aanvraag}: {a.status}, {formatteer(a.bedrag)} ({a.route.replace('-', ' ')}). "
                      f"Ingediend door {persoon(a.indiener)} op {a.ingediend_op[:16].replace('T', ' ')}.")
            stappen = []
            for rol, stap in (("Getoetst", a.toetsing), ("Besloten", a.besluit)):
                if stap:
                    stappen.append(f"{rol} door {persoon(stap['gebruiker'])} op {stap['tijd'][:16].replace('T', ' ')}: "
                                   f"{'akkoord' if stap['akkoord'] else 'niet akkoord'}"
                                   f"{' (' + stap['reden'] + ')' if stap.get('reden') else ''}.")
            spoor = "\n".join(stappen)
        if v.stand is not None:
            status += f"\nU handelt als {v.stand.instellingen.wie(v.gebruiker.os_login)}" + (
                ": zo meldt de database u aan." if v.register_in_database else ".")
        opmerkingen, knoptekst = {}, B.KNOPPEN[0][1]
        if (nieuw := self._nieuwe_aanvraag(redenen)) is not None:
            opmerkingen[B.INDIENEN] = f"Let op: {_bevestigen().nieuwe_aanvraag(nieuw)}."
            knoptekst = B.NIEUWE_AANVRAAG
        v.besluitdeel.zet(status, redenen, spoor, opmerkingen)
        v.besluitdeel.zet_knoptekst(B.INDIENEN, knoptekst)
        v.acties[B.INDIENEN].setText(knoptekst)
        for sleutel, reden in redenen.items():
            actie = v.acties[sleutel]
            actie.setEnabled(reden is None)
            actie.setStatusTip(f"Kan niet: {reden}" if reden is not None else opmerkingen.get(sleutel, ""))
        kan_export = v.bc is not None and not v.bezig_met
        for sleutel in ("pdf", "xlsx"):
            v.acties[sleutel].setEnabled(kan_export)
        v.acties["voorbeeld herstellen"].setEnabled(v.voorbeeld is not None)
        registermap = v.acties["registermap"]
        registermap.setEnabled(not v.register_in_database)
        uitleg = ("Kan niet: het register staat in een PostgreSQL-database, niet in een map"
                  if v.register_in_database else "De registermap tonen in de bestandsbeheerder")
        registermap.setStatusTip(uitleg)
        registermap.setToolTip(uitleg)
        for sleutel in ("prijsregel", "eigen regel"):
            v.acties[sleutel].setEnabled(not v.editor.alleen_lezen)

    def handeling(self, sleutel: str) -> None:
        """Een blijvende handeling: eerst de reden als ze niet mag, dan een bevestiging die zegt wat er gebeurt."""
        v = self.v
        reden = self.redenen().get(sleutel)
        if reden is not None:
            v.dialogen.fout("Niet mogelijk", reden[0].upper() + reden[1:] + ".")
            return
        map_, prijslijstmap, gebruiker, st = v.registermap, v.inst.prijslijstmap or None, v.gebruiker, v.stand
        casus_id = v.editor.toestand()["casus_id"].strip()
        beslissers = st.instellingen.beslissers
        if sleutel == B.INDIENEN:
            vraag = _bevestigen().indienen(workflow.gevolg_indienen(st, v.casus.casus_id, v.bc.interventie_totaal),
                                        beslissers)
            if not v.dialogen.bevestig_handeling(vraag.titel, vraag.tekst, vraag.knop):
                return
            if not v.editor.undo.isClean() and v.soort != AANVRAAG and not v.documenten.opslaan():
                return
            casus = v.casus
            v.start("Indienen…", lambda: diensten.dien_casus_in(casus, map_, prijslijstmap, gebruiker),
                    lambda u: self._na_handeling("Ingediend", u))
            return
        akkoord = sleutel in (B.GOEDKEUREN, B.BESLUIT_JA)
        reden_tekst = ""
        if not akkoord:
            reden_tekst = v.dialogen.vraag_tekst("Afwijzen", f"Waarom wordt {casus_id} afgewezen? (komt in het register)")
            if reden_tekst is None:
                return
            if not reden_tekst.strip():
                v.dialogen.fout("Afwijzen", "Een afwijzing heeft een reden nodig; er is niets vastgelegd.")
                return
        toetsing = sleutel in (B.GOEDKEUREN, B.AFWIJZEN)
        gevolg = (workflow.gevolg_toetsen if toetsing else workflow.gevolg_besluiten)(st, casus_id, akkoord)
        vraag = (_bevestigen().toetsen(gevolg, reden_tekst.strip(), beslissers) if toetsing
                 else _bevestigen().besluiten(gevolg, reden_tekst.strip()))
        if not v.dialogen.bevestig_handeling(vraag.titel, vraag.tekst, vraag.knop):
            return
        functie = diensten.toets if toetsing else diensten.besluit
        verwacht = v.aanvraag.aanvraag if v.aanvraag else None
        v.start("Vastleggen…",
                lambda: functie(casus_id, akkoord, reden_tekst.strip(), map_, gebruiker, verwacht, app=True),
                lambda u: self._na_handeling("Vastgelegd", u))

    def _na_handeling(self, wat: str, uitkomst) -> None:
        v = self.v
        aanvraag, melding = uitkomst
        tekst = {workflow.INGEDIEND: "wacht nu op de toetsing door een andere coach",
                 workflow.GEESCALEERD: "gaat nu naar de beslissers: " + (
                     v.stand.instellingen.beslissers if v.stand else ""),
                 workflow.GOEDGEKEURD: "is goedgekeurd; het bedrag is gereserveerd in " + _bevestigen().pot(
                     ((aanvraag.besluit or aanvraag.toetsing or {}).get("budget") or {}).get("jaar")),
                 workflow.AFGEWEZEN: "is afgewezen"}.get(aanvraag.status, aanvraag.status)
        v.dialogen.melding(wat, f"Aanvraag {aanvraag.aanvraag} ({formatteer(aanvraag.bedrag)}) {tekst}."
                           + (f"\n\n{melding}" if melding else ""))
        v.stand = None  # tot het register opnieuw gelezen is, mag er niets op de oude stand
        self.lees()


def _bevestigen():
    """gui/bevestigen.py (de woorden van de bevestigingen) pas bij gebruik: niet bij de start."""
    from doorbraak.gui import bevestigen

    return bevestigen
