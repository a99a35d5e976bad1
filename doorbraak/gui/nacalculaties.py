"""De nacalculatie vanuit het venster: de sectie bij een goedgekeurde aanvraag, vastleggen op de achtergrond
(diensten.nacalculeer_document, met hetzelfde bestandsformaat als `doorbraak nacalculatie`) en de lijst 'Nog na te
calculeren' (workflow.nog_na_te_calculeren, dezelfde definitie als de monitor)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from doorbraak import diensten
from doorbraak.domein.fouten import InvoerFout, Probleem
from doorbraak.domein.geld import NUL, lees_bedrag
from doorbraak.domein.regels import NACALCULATIEMOMENTEN as MAANDEN
from doorbraak.domein.prijslijst import datum_nl
from doorbraak.domein.tijd import lokale_datum, maanden_tussen
from doorbraak.gui.casuslijst import AANVRAAG, Lijstregel
from doorbraak.gui.formulier import _bedrag, _kostenregel_dict, euro
from doorbraak.gui.nacalculatiedeel import UITKOMSTNAAM, Nacalculatiedeel, Nalijst
from doorbraak.gui.overzicht import melding_van
from doorbraak.gui.venstermaat import Kolomgeheugen
from doorbraak.register import workflow
from doorbraak.register.opslag import persoon

if TYPE_CHECKING:
    from doorbraak.domein.nacalculatie import Nacalculatie
    from doorbraak.gui.hoofdvenster import Hoofdvenster
    from doorbraak.gui.regellijst import Regellijst


def lees_nacalculatieformulier(f: dict[str, Any], casus_id: str, oefening: bool) -> tuple[Nacalculatie | None, list[Probleem]]:
    """De nacalculatie uit het formulier (tekst zoals getypt), of None met de problemen bij hun veld: het formaat
    `doorbraak-nacalculatie/1` controleert, zoals bij een bestand."""
    from doorbraak.domein.nacalculatie import FORMAAT, nacalculatie_uit_dict  # pas bij gebruik: niet bij de start

    problemen: list[Probleem] = []
    d: dict[str, Any] = {"formaat": FORMAAT, "casus_id": casus_id, "peildatum": f["peildatum"], "maanden": f["maanden"],
                         "uitkomst": f["uitkomst"], "toelichting": f["toelichting"].strip()}
    uitgave = f["werkelijke_uitgave"].strip()
    if uitgave.startswith("-"):
        problemen.append(Probleem("werkelijke_uitgave", f"'{uitgave}' is negatief: de werkelijke uitgave is 0 of meer"))
    elif (bedrag := _bedrag(uitgave, "werkelijke_uitgave", problemen)) is not None:
        d["werkelijke_uitgave"] = bedrag
    d["kosten_met"] = [_kostenregel_dict(r, f"kosten_met[{i}]", problemen) for i, r in enumerate(f["kosten_met"])]
    if f["bijstellen"]:
        d["kosten_zonder_bijgesteld"] = [_kostenregel_dict(r, f"kosten_zonder_bijgesteld[{i}]", problemen)
                                         for i, r in enumerate(f["kosten_zonder_bijgesteld"])]
        d["reden_bijstelling"] = f["reden_bijstelling"].strip()
    if oefening:
        d["oefening"] = True
    n = None
    try:
        n = nacalculatie_uit_dict(d)
    except InvoerFout as fout:
        problemen += fout.problemen
    gezien: set[str] = set()
    uniek = [p for p in problemen if not (p.pad in gezien or gezien.add(p.pad))]
    return (n if not uniek else None), uniek


def veld_van(pad: str) -> tuple[str, int | None, str]:
    """(lijst, regel, veld) van een probleem: ('kosten_met', 0, 'aantal') of ('', None, 'peildatum')."""
    if m := re.fullmatch(r"(kosten_met|kosten_zonder_bijgesteld)\[(\d+)\](?:\.(\w+))?", pad):
        return m[1], int(m[2]), m[3] or ""
    return "", None, pad


class Nacalculaties:
    def __init__(self, venster: Hoofdvenster):
        self.v = v = venster
        self._deel: Nacalculatiedeel | None = None  # het formulier: pas gebouwd als het nodig is (zie deel)
        # in een schuifvlak, zoals de andere secties: het venster blijft even klein als zonder deze sectie
        self.vlak = vlak = QScrollArea()
        vlak.setWidgetResizable(True)
        vlak.setFrameShape(QScrollArea.NoFrame)
        self.index = v.editor.tabs.addTab(vlak, "Nacalculatie")
        v.editor.tabs.setTabVisible(self.index, False)
        self.nalijst = Nalijst()
        # onder de casuslijst, in hetzelfde dock. Geen splitser: die gaf de lijst bij een laag venster (125 %) geen
        # ruimte en drukte de tekst onder de casuslijst samen; zo krijgt de lijst haar eigen hoogte en krimpt de tabel
        dock = QWidget()
        laag = QVBoxLayout(dock)
        laag.setContentsMargins(0, 0, 0, 0)
        laag.setSpacing(0)
        laag.addWidget(v.lijstdock.widget(), 1)
        laag.addWidget(self.nalijst)
        v.lijstdock.setWidget(dock)
        self.voor: str | None = None  # de aanvraag waarvoor het formulier nu is
        self.naar: str | None = None  # na het openen van deze aanvraag naar de sectie
        self.fouten_getoond = False
        self.nalijst.open_gevraagd.connect(self.open)
        v.taken.bezig_veranderd.connect(lambda _n: self._werk_knop_bij())

    @property
    def deel(self) -> Nacalculatiedeel:
        """Het formulier van de sectie, gebouwd bij het eerste gebruik (een goedgekeurde aanvraag, de lijst met
        sneltoetsen): de start van de app bouwt de drie tabs met hun tabellen niet voor niets."""
        if self._deel is None:
            self._deel = d = Nacalculatiedeel()
            self.vlak.setWidget(d)
            self._verbind(d)
            self._werk_knop_bij()
            if (geheugen := self.v.findChild(Kolomgeheugen, "kolomgeheugen")) is not None:
                geheugen.neem_op(d)  # de kolommen zoals de gebruiker ze achterliet, ook nu het deel later komt
        return self._deel

    def _verbind(self, d: Nacalculatiedeel) -> None:
        d.vastleggen_gevraagd.connect(self.vastleggen)
        for lijst in d.lijsten.values():
            lijst.kies_uit_prijslijst.connect(lambda l=lijst: self._prijslijst(l))
            lijst.rekenhulp_gevraagd.connect(lambda l=lijst: self._rekenhulp(l))
            lijst.gewijzigd.connect(lambda _pad: self._gewijzigd())
        for signaal in (d.uitgave.textEdited, d.toelichting.textChanged, d.peildatum.dateChanged, d.reden.textEdited,
                        d.bijstellen.toggled, d.moment.currentIndexChanged, d.uitkomst.currentIndexChanged):
            signaal.connect(lambda *_: self._gewijzigd())

    # ------------------------------------------------------------ wat er open is

    def _aanvraag(self) -> workflow.Aanvraag | None:
        a = self.v.aanvraag if self.v.soort == AANVRAAG else None
        return a if a is not None and a.status == workflow.GOEDGEKEURD else None

    @staticmethod
    def _vandaag() -> date:
        return lokale_datum(diensten.opslag_nu())

    def werk_bij(self) -> None:
        """Na elke wijziging van document of register: de sectie alleen bij een goedgekeurde aanvraag."""
        v, a = self.v, self._aanvraag()
        v.editor.tabs.setTabVisible(self.index, a is not None)
        v.editor.tabs.setTabEnabled(self.index, a is not None)
        if a is None:
            self.voor = None
            return
        if a.aanvraag != self.voor:
            self.voor = a.aanvraag
            self._nieuw_formulier(a)
            self._lees_eerdere(a.casus_id)
        for lijst in self.deel.lijsten.values():
            lijst.prijslijst = v.prijslijst
            lijst.casusjaar = v.casus.jaar if v.casus else lijst.casusjaar
        self._toon_stand(a)
        self._werk_knop_bij()
        if self.naar == a.aanvraag:
            self.naar = None
            QTimer.singleShot(0, self.toon)  # na het openen zelf (dat kiest de sectie Besluit)

    def _nieuw_formulier(self, a: workflow.Aanvraag) -> None:
        besloten, vandaag = lokale_datum(a.besloten_op), self._vandaag()
        verstreken = maanden_tussen(besloten, vandaag)
        moment = max([m for m in MAANDEN if m <= verstreken] or [MAANDEN[0]])
        toegekend = self.v.stand.goedgekeurd_voor(a.casus_id) if self.v.stand else a.bedrag
        self.deel.leeg(moment, max(vandaag, besloten), f"toegekend: {euro(toegekend)}")
        self.deel.toon_uitkomst(None)
        self.deel.toon_eerdere([])
        self.fouten_getoond = False

    def _toon_stand(self, a: workflow.Aanvraag) -> None:
        v, st = self.v, self.v.stand
        besloten = lokale_datum(a.besloten_op)
        tekst = (f"Aanvraag {a.aanvraag} is goedgekeurd op {datum_nl(besloten)} ({euro(a.bedrag)}). Leg na 6, 12 "
                 "of 24 maanden vast wat er werkelijk gebeurde; het register rekent met de prijzen van de goedkeuring.")
        laatste = st.nacalculatie(a.casus_id) if st is not None else None
        if st is not None:
            tekst += f" U legt vast als {st.instellingen.wie(v.gebruiker.os_login)}."
        self.deel.status.setText(tekst)
        if laatste is not None:
            g = laatste["gegevens"]
            self.deel.toon_uitkomst(g, f"Laatste nacalculatie: na {g['maanden']} maanden, peildatum "
                                       f"{datum_nl(date.fromisoformat(g['peildatum']))}, "
                                       f"{UITKOMSTNAAM.get(g['uitkomst'], g['uitkomst']).lower()}; door "
                                       f"{persoon(laatste['gebruiker'])}.")

    def _reden(self) -> str | None:
        """Waarom 'Vastleggen' nu niet kan (dezelfde regel als het register), of None."""
        v, a = self.v, self._aanvraag()
        if v.bezig_met:
            bezig = v.bezig_met[0].rstrip("…")
            return f"even wachten: {bezig[0].lower()}{bezig[1:]}"
        if a is None:
            return "open een goedgekeurde aanvraag"
        if v.stand is None:
            return f"het register is niet bereikbaar ({v.registerfout})" if v.registerfout else "het register wordt gelezen"
        return workflow.waarom_niet_nacalculeren(v.stand, a.casus_id, NUL, self._oefening(), app=True)

    def _oefening(self) -> bool:
        return bool(self.v.casus and self.v.casus.is_oefening)

    def _werk_knop_bij(self) -> None:
        if self._deel is not None:  # nog niet gebouwd: werk_bij zet de knop zodra het formulier er is
            self._deel.zet_knop(self._reden())

    # ------------------------------------------------------------ openen en tonen

    def toon(self) -> None:
        """Naar de sectie (Ctrl+8), met de focus op het eerste veld."""
        v = self.v
        if not v.editor.tabs.isTabVisible(self.index):
            v.lijstdock.show()
            v.statusBar().showMessage("De nacalculatie hoort bij een goedgekeurde aanvraag: open er een uit de "
                                      "casuslijst of uit 'Nog na te calculeren'.", 10000)
            if self.nalijst.aanvragen:
                self.nalijst.tabel.setFocus()
            return
        v.editor.tabs.setCurrentIndex(self.index)
        self.deel.delen.setCurrentIndex(0)
        self.deel.moment.setFocus()

    def open(self, aanvraag: str) -> None:
        """Een aanvraag uit 'Nog na te calculeren' openen, bij de sectie Nacalculatie."""
        v = self.v
        if (a := self._aanvraag()) is not None and a.aanvraag == aanvraag:
            self.toon()
            return
        a = next((x for x in v.stand.aanvragen if x.aanvraag == aanvraag), None) if v.stand else None
        if a is None:
            v.dialogen.fout("Aanvraag openen", f"{aanvraag} staat niet (meer) in het register; kies Vernieuwen (F5).")
            return
        self.naar = aanvraag
        v.documenten.open_lijstregel(Lijstregel(AANVRAAG, a.casus_id, a.titel, a.status, a.bedrag, a.route,
                                                aanvraag=a.aanvraag))

    def werk_lijst_bij(self) -> None:
        """De lijst 'Nog na te calculeren', na elke keer dat het register is gelezen."""
        v, st = self.v, self.v.stand
        if st is None or v.register_onbetrouwbaar:
            self.nalijst.zet([], "Nog na te calculeren: onbekend (het register is niet gelezen).")
            return
        vandaag = self._vandaag()
        rijen = []
        for a in workflow.nog_na_te_calculeren(st, vandaag):
            besloten = lokale_datum(a.besloten_op)
            rijen.append((a.casus_id, a.aanvraag, besloten.strftime("%d-%m-%Y"), str(maanden_tussen(besloten, vandaag))))
        n = workflow.NACALCULATIE_NA_MAANDEN
        # leeg: één regel (het dock is op een laag scherm al vol); de uitleg staat in de tooltip
        self.nalijst.zet(rijen, f"<b>Nog na te calculeren ({len(rijen)})</b><br>Langer dan {n} maanden geleden "
                                "goedgekeurd, zonder nacalculatie. Dubbelklik om te openen." if rijen else
                         "<b>Nog na te calculeren: geen.</b>")
        self.nalijst.kop.setToolTip(f"Casussen die langer dan {n} maanden geleden zijn goedgekeurd en nog geen "
                                    "nacalculatie hebben.")

    def _lees_eerdere(self, casus_id: str) -> None:
        v, map_ = self.v, self.v.registermap

        def klaar(records: list[dict]) -> None:
            if (a := self._aanvraag()) is not None and a.casus_id.casefold() == casus_id.casefold():
                self.deel.toon_eerdere([self._rij(r, i == len(records) - 1) for i, r in reversed(list(enumerate(records)))])

        v.start(f"Nacalculaties van {casus_id} lezen…", lambda: diensten.nacalculaties_van(casus_id, map_), klaar,
                blokkeert=False, mislukt=lambda fout: v._mislukt(fout, opnieuw_lezen=False))

    @staticmethod
    def _rij(r: dict, telt: bool) -> list[str]:
        g = r["gegevens"]
        return [f"na {g['maanden']} mnd", date.fromisoformat(g["peildatum"]).strftime("%d-%m-%Y"),
                UITKOMSTNAAM.get(g["uitkomst"], g["uitkomst"]), euro(lees_bedrag(g["gerealiseerd_vermeden"])),
                euro(lees_bedrag(g["vrijgevallen"])), persoon(r["gebruiker"]) + (" (telt)" if telt else "")]

    # ------------------------------------------------------------ invullen

    def _prijslijst(self, lijst: Regellijst) -> None:
        from doorbraak.gui.kiezers import Prijslijstkiezer

        v = self.v
        if v.prijslijst is None:
            return
        v.kiezer = Prijslijstkiezer(v.prijslijst, v.casus.jaar if v.casus else self._vandaag().year, v)
        v.kiezer.gekozen.connect(lambda code: lijst.voeg_prijsregel_toe(code))
        v.kiezer.open()

    def _rekenhulp(self, lijst: Regellijst) -> None:
        from doorbraak.gui.kiezers import Aantalhulp

        self.v.hulp = Aantalhulp(self.v)
        self.v.hulp.gekozen.connect(lijst.zet_aantal)
        self.v.hulp.open()

    def _gewijzigd(self) -> None:
        if self.fouten_getoond and self._aanvraag() is not None and self.v.stand is not None:  # een getoonde fout verdwijnt zodra ze is opgelost
            self._toon_fouten(self._controleer()[1], springen=False)

    def _controleer(self) -> tuple[Nacalculatie | None, list[Probleem]]:
        """Wat het register ook zou weigeren, vooraf bij het veld: het formaat, de peildatum (niet vóór het besluit,
        niet in de toekomst) en een uitgave boven wat is toegekend."""
        from doorbraak.domein.nacalculatie import peildatum_probleem

        v, a = self.v, self._aanvraag()
        f = self.deel.formulier()
        n, problemen = lees_nacalculatieformulier(f, a.casus_id, self._oefening())
        laatste = [x for x in v.stand.van_casus(a.casus_id) if x.status == workflow.GOEDGEKEURD][-1]
        if melding := peildatum_probleem(date.fromisoformat(f["peildatum"]), lokale_datum(laatste.besloten_op),
                                         self._vandaag(), laatste.aanvraag):
            problemen = [p for p in problemen if p.pad != "peildatum"] + [Probleem("peildatum", melding)]
        if n is not None and (reden := workflow.waarom_niet_nacalculeren(v.stand, a.casus_id, n.werkelijke_uitgave,
                                                                         self._oefening(), app=True)):
            problemen.append(Probleem("werkelijke_uitgave", reden))
        return (n if not problemen else None), problemen

    def _toon_fouten(self, problemen: list[Probleem], springen: bool = True) -> list[Probleem]:
        """Elke fout bij haar veld; geeft wat nergens bij een veld hoort."""
        per_veld: dict[str, str] = {}
        per_regel: dict[str, dict[int, dict[str, str]]] = {}
        elders = []
        for p in problemen:
            kant, rij, veld = veld_van(p.pad)
            if rij is not None:
                per_regel.setdefault(kant, {}).setdefault(rij, {}).setdefault(veld, p.melding)
            elif veld in self.deel.velden:
                per_veld.setdefault(veld, p.melding)
            else:
                elders.append(p)
        self.deel.zet_fouten(per_veld, per_regel)
        self.fouten_getoond = bool(problemen)
        if springen and problemen:  # naar de eerste fout in de volgorde van het formulier
            volgorde = [*self.deel.velden, "kosten_met", "kosten_zonder_bijgesteld"]
            eerste = min(problemen, key=lambda p: volgorde.index(k) if (k := veld_van(p.pad)[0] or veld_van(p.pad)[2])
                         in volgorde else len(volgorde))
            self.deel.ga_naar(*veld_van(eerste.pad))
        return elders

    # ------------------------------------------------------------ vastleggen

    def vastleggen(self) -> None:
        from doorbraak.domein.nacalculatie import Gerealiseerd, nacalculatie_als_bytes

        v, a = self.v, self._aanvraag()
        if (reden := self._reden()) is not None:
            v.dialogen.fout("Nacalculatie", reden[0].upper() + reden[1:] + ".")
            return
        n, problemen = self._controleer()
        if n is None:
            elders = self._toon_fouten(problemen)
            v.statusBar().showMessage("Niet vastgelegd: los eerst de fouten bij de velden op.", 10000)
            if elders:
                v.dialogen.fout("Niet vastgelegd", "\n".join(str(p) for p in elders))
            return
        self._toon_fouten([])
        toegekend = v.stand.goedgekeurd_voor(a.casus_id)
        terug = Gerealiseerd(NUL, NUL, NUL, n.werkelijke_uitgave, toegekend).vrijgevallen
        bijgesteld = ("; het scenario zonder doorbraak wordt bijgesteld met "
                      f"{len(n.kosten_zonder_bijgesteld)} regel(s)" if n.kosten_zonder_bijgesteld is not None else "")
        if not v.dialogen.bevestig("Nacalculatie vastleggen", (
                f"De nacalculatie na {n.maanden} maanden van {a.casus_id} wordt vastgelegd in het register, met uw login "
                f"(peildatum {datum_nl(n.peildatum)}, uitkomst: {UITKOMSTNAAM[n.uitkomst].lower()}).\n\n"
                f"Werkelijke uitgave {euro(n.werkelijke_uitgave)} van {euro(toegekend)} toegekend: "
                f"{euro(terug)} valt terug in de budgetpot. {len(n.kosten_met)} kostenregel(s) met doorbraak"
                f"{bijgesteld}.\n\nDit is niet ongedaan te maken; een latere nacalculatie telt dan in haar plaats.")):
            return
        ruw = nacalculatie_als_bytes(n)
        casus_id, map_, gebruiker, prijslijstmap = a.casus_id, v.registermap, v.gebruiker, v.inst.prijslijstmap or None
        v.start("Nacalculatie vastleggen…", lambda: diensten.nacalculeer_document(
            casus_id, ruw, map_, gebruiker, prijslijstmap, bron="Nacalculatie"), self._vastgelegd, mislukt=self._mislukt)

    def _vastgelegd(self, uitkomst) -> None:
        v = self.v
        record, g, melding = uitkomst
        d = record["gegevens"]
        if (a := self._aanvraag()) is not None and a.casus_id.casefold() == d["casus_id"].casefold():
            self._nieuw_formulier(a)  # vastgelegd: een volgende nacalculatie begint leeg
            self._lees_eerdere(a.casus_id)
            self.deel.toon_uitkomst(d, f"Vastgelegd: na {d['maanden']} maanden, peildatum "
                                       f"{datum_nl(date.fromisoformat(d['peildatum']))}, "
                                       f"{UITKOMSTNAAM[d['uitkomst']].lower()}; door {persoon(record['gebruiker'])}.")
        v.dialogen.melding("Nacalculatie vastgelegd", (
            f"De nacalculatie van {d['casus_id']} is vastgelegd (record {record['volgnummer']}).\n"
            f"Verwacht vermeden {euro(g.verwacht_vermeden)}, gerealiseerd {euro(g.gerealiseerd_vermeden)}; "
            f"netto {euro(g.gerealiseerd_netto)}. {euro(g.vrijgevallen)} valt terug in de budgetpot."
            + (f"\n\n{melding}" if melding else "")))
        v.registeracties.lees()

    def _mislukt(self, fout: BaseException) -> None:
        if isinstance(fout, InvoerFout) and self._aanvraag() is not None:
            elders = self._toon_fouten(fout.problemen)
            self.v.dialogen.fout("Niet vastgelegd", melding_van(fout) if elders or not fout.problemen else
                                 "De nacalculatie is niet vastgelegd; de fouten staan bij de velden.")
            return
        self.v._mislukt(fout)
