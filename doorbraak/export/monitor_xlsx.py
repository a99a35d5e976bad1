"""De monitor als Excel-werkmap (`doorbraak monitor -o monitor.xlsx`): één blad per weergave.

Bladen: Samenvatting (de alinea 'Feiten en cijfers' en elk kengetal), Per maand, Per financier, Per leefgebied,
Nacalculatie en Alle aanvragen. Geschreven met XlsxWriter, omdat dat twee dingen kan die openpyxl niet kan:

- een totaal is een formule (`=SUM(C2:C5)`) mét haar uitkomst, in `Decimal` berekend. Excel rekent de formule
  opnieuw uit; een programma dat alleen de opgeslagen uitkomst leest (openpyxl met `data_only=True`, een
  voorbeeldweergave) ziet toch het juiste bedrag;
- echte Excel-grafieken: toegekend per maand, verwacht vermeden per financier, en verwacht tegenover
  gerealiseerd vermeden per nagecalculeerde casus.

Bedragen zijn getallen met een euro-opmaak (nooit float in deze code: XlsxWriter schrijft een `Decimal`
zelf), datums echte Excel-datums (dd-mm-jjjj). Tekst gaat altijd via `write_string`: een titel die met `=`
begint wordt nooit een formule; stuurtekens (behalve tab en regelovergang) worden weggelaten. Een lege
weergave krijgt haar kopregel en een regel 'Geen ...', en geen grafiek.

De werkmap wordt in het geheugen gebouwd en daarna alles-of-niets geschreven (`schrijf_bestanden_atomair`):
houdt Excel het oude bestand open, dan volgt een duidelijke melding en blijft het oude bestand staan. Maker,
laatst gewijzigd door en categorie zeggen dat het een ongewijzigde monitorexport is (`doorbraak.uitvoer.herken`).
"""

from __future__ import annotations

import io
import math
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from doorbraak.domein.geld import NUL, formatteer
from doorbraak.domein.jsonbestand import schrijf_bestanden_atomair
from doorbraak.register.workflow import GOEDGEKEURD
from doorbraak.uitvoer import MAKER, MONITOR_XLSX

EURO = '"€" #,##0.00;"€" -#,##0.00'
EURO_AS = '"€" #,##0'
DATUM = "dd-mm-yyyy"
VERHOUDING = "0.00"

#: De bladen, in deze volgorde.
SAMENVATTING, PER_MAAND, PER_FINANCIER, PER_LEEFGEBIED, NACALCULATIE, AANVRAGEN = (
    "Samenvatting", "Per maand", "Per financier", "Per leefgebied", "Nacalculatie", "Alle aanvragen")

_STUURTEKENS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MAX_TEKST = 32767  # de grens van Excel per cel
NVT = "n.v.t."


def schoon(tekst: Any) -> str:
    """Tekst zoals hij in een cel mag: zonder stuurtekens (tab en regelovergang blijven), hoogstens 32.767 tekens."""
    return _STUURTEKENS.sub("", str(tekst))[:_MAX_TEKST]


def _leeg(waarde: Any) -> bool:
    """None, of NaN zoals pandas een ontbrekende waarde in een rij zet."""
    return waarde is None or (isinstance(waarde, float) and math.isnan(waarde))


def _geheel(waarde: Any) -> int | None:
    """Een aantal (dagen): pandas maakt van een kolom gehele getallen met een gat floats; terug naar int."""
    return None if _leeg(waarde) else int(waarde)


class _Blad:
    """Een werkblad met de opmaak van deze werkmap, dat bijhoudt hoe breed elke kolom moet zijn."""

    def __init__(self, wb, naam: str, opmaak: dict[str, Any]):
        self.ws = wb.add_worksheet(naam)
        self.opmaak = opmaak
        self.breedtes: dict[int, int] = {}

    def breedte(self, kolom: int, tekens: int) -> None:
        """Onthoud dat `kolom` minstens `tekens` tekens breed moet zijn."""
        self.breedtes[kolom] = max(self.breedtes.get(kolom, 0), tekens)

    def tekst(self, rij: int, kolom: int, waarde: Any, opmaak: str | None = None, meten: bool = True) -> None:
        tekst = schoon(waarde)
        self.ws.write_string(rij, kolom, tekst, self.opmaak.get(opmaak) if opmaak else None)
        if meten:
            self.breedte(kolom, max((len(r) for r in tekst.split("\n")), default=0))

    def bedrag(self, rij: int, kolom: int, waarde: Decimal | None) -> None:
        if waarde is None:
            self.tekst(rij, kolom, NVT)
            return
        self.ws.write_number(rij, kolom, waarde, self.opmaak["euro"])
        self.breedte(kolom, len(formatteer(waarde)))

    def getal(self, rij: int, kolom: int, waarde: int | Decimal | None, opmaak: str | None = None) -> None:
        if waarde is None:
            self.tekst(rij, kolom, NVT)
            return
        self.ws.write_number(rij, kolom, waarde, self.opmaak.get(opmaak) if opmaak else None)
        self.breedte(kolom, len(str(waarde)))

    def datum(self, rij: int, kolom: int, waarde: date | None) -> None:
        if _leeg(waarde):
            return
        self.ws.write_datetime(rij, kolom, waarde, self.opmaak["datum"])
        self.breedte(kolom, 10)

    def waarde(self, rij: int, kolom: int, waarde: Any, soort: str) -> None:
        """Eén cel naar zijn soort: 'tekst', 'euro', 'aantal', 'datum'. Een lege waarde blijft een lege cel."""
        if _leeg(waarde):
            return
        if soort == "euro":
            self.bedrag(rij, kolom, waarde)
        elif soort == "aantal":
            self.getal(rij, kolom, _geheel(waarde))
        elif soort == "datum":
            self.datum(rij, kolom, waarde)
        elif soort == "maand":  # "JJJJ-MM": een echte datum (de eerste van de maand), getoond als jjjj-mm
            jaar, maand = str(waarde).split("-")
            self.ws.write_datetime(rij, kolom, date(int(jaar), int(maand), 1), self.opmaak["maand"])
            self.breedte(kolom, 8)
        else:
            self.tekst(rij, kolom, waarde)

    def kopregel(self, rij: int, koppen: list[str]) -> None:
        for k, kop in enumerate(koppen):
            self.tekst(rij, k, kop, "kop")

    def som(self, rij: int, kolom: int, eerste: int, laatste: int, waarden: list, soort: str) -> None:
        """Het totaal van een kolom als formule (`=SUM(C2:C5)`), met de uitkomst zelf berekend in Decimal."""
        from xlsxwriter.utility import xl_range

        totaal = sum(waarden, NUL) if soort == "euro" else sum(waarden, 0)
        opmaak = self.opmaak["euro_totaal" if soort == "euro" else "totaal"]
        self.ws.write_formula(rij, kolom, f"=SUM({xl_range(eerste, kolom, laatste, kolom)})", opmaak, totaal)
        self.breedte(kolom, len(formatteer(totaal)) if soort == "euro" else len(str(totaal)))

    def kolombreedtes(self, minimum: int = 8, maximum: int = 60) -> None:
        for kolom, tekens in self.breedtes.items():
            self.ws.set_column(kolom, kolom, min(max(tekens + 2, minimum), maximum))


def _tabel(blad: _Blad, koppen: list[str], soorten: list[str], rijen: list[list[Any]], geen: str,
           totalen: tuple[int, ...] = ()) -> int:
    """Kopregel (vet, vastgezet), de rijen, en een totaalregel met formules voor de kolommen in `totalen`.
    Zonder rijen: de kopregel en de regel `geen`. Geeft het aantal rijen."""
    blad.kopregel(0, koppen)
    blad.ws.freeze_panes(1, 0)
    if not rijen:
        blad.tekst(1, 0, geen, "notitie", meten=False)
        return 0
    for r, rij in enumerate(rijen, 1):
        for k, (waarde, soort) in enumerate(zip(rij, soorten)):
            blad.waarde(r, k, waarde, soort)
    if totalen:
        totaalrij = len(rijen) + 1
        blad.tekst(totaalrij, 0, "Totaal", "totaal")
        for k in totalen:
            blad.som(totaalrij, k, 1, len(rijen), [rij[k] for rij in rijen], soorten[k])
    return len(rijen)


def _grafiek(wb, soort: str, titel: str, blad: str, n: int, categorieen: int, reeksen: list[tuple[str, int]]):
    """Een staafgrafiek over de rijen 2 tot en met n+1 van `blad`."""
    grafiek = wb.add_chart({"type": soort})
    for naam, kolom in reeksen:
        grafiek.add_series({"name": naam, "categories": [blad, 1, categorieen, n, categorieen],
                            "values": [blad, 1, kolom, n, kolom]})
    grafiek.set_title({"name": titel, "name_font": {"size": 12}})
    waarden = {"num_format": EURO_AS, "major_gridlines": {"visible": True}}
    if soort == "bar":  # liggende staven: de waarden staan op de x-as; de eerste financier bovenaan
        grafiek.set_x_axis(waarden)
        grafiek.set_y_axis({"reverse": True})
    else:
        grafiek.set_y_axis(waarden)
    grafiek.set_legend({"position": "bottom"} if len(reeksen) > 1 else {"none": True})
    return grafiek


def _regelhoogte(tekst: str, breedte: int) -> float:
    """Een ruime schatting van de hoogte van een regel met afgebroken tekst over `breedte` tekens (Excel
    past de hoogte bij het openen niet zelf aan); hoogstens 409 punt, het maximum van Excel."""
    regels = sum(max(1, math.ceil(len(deel) / max(breedte, 1))) for deel in tekst.split("\n"))
    return min(15.0 * regels + 4, 409.0)


def _samenvatting(wb, blad: _Blad, m) -> None:
    from doorbraak.analyse.monitor import NACALCULATIE_NA_MAANDEN, feiten_en_cijfers

    ws = blad.ws
    titel = "Monitor doorbraakbudget" + (" (oefenregister)" if m.oefenregister else "")
    blad.tekst(0, 0, titel, "titel", meten=False)
    alinea = schoon(feiten_en_cijfers(m))
    ws.merge_range(1, 0, 1, 4, "", blad.opmaak["alinea"])
    blad.tekst(1, 0, alinea, "alinea", meten=False)

    n = m.nacalculatie
    b = m.budget
    kengetallen: list[tuple[str, Any, str]] = [
        ("Periode van (datum eindbesluit)", m.van, "datum"),
        ("Periode tot en met", m.tot, "datum"),
        ("Aanvragen", m.aantal_aanvragen, "aantal"),
        ("Toegekend", m.aantal_toegekend, "aantal"),
        ("Afgewezen", m.aantal_afgewezen, "aantal"),
        ("Open", m.aantal_open, "aantal"),
        ("Toegekend langs vier ogen", m.per_route.get("vier-ogen", 0), "aantal"),
        ("Toegekend na escalatie", m.per_route.get("escalatie", 0), "aantal"),
        ("Toegekend bedrag, totaal", m.toegekend_totaal, "euro"),
        ("Gemiddeld toegekend bedrag", m.gemiddeld_bedrag, "euro"),
        ("Mediaan toegekend bedrag", m.mediaan_bedrag, "euro"),
        ("Laagste toegekend bedrag", m.laagste_bedrag, "euro"),
        ("Hoogste toegekend bedrag", m.hoogste_bedrag, "euro"),
        ("Casussen met een goedkeuring", m.aantal_casussen, "aantal"),
        ("Verwacht vermeden kosten, totaal", m.vermeden_totaal, "euro"),
        ("Verwacht vermeden kosten, gemiddeld per casus", m.gemiddeld_vermeden, "euro"),
        ("Netto (verwacht vermeden min toegekend)", m.netto_totaal, "euro"),
        ("Rendement (euro vermeden per euro budget)", m.rendement_ratio, "verhouding"),
        ("Doorlooptijd tot eindbesluit, mediaan (dagen)", m.doorlooptijd_mediaan, "dagen"),
        ("Doorlooptijd tot eindbesluit, langste (dagen)", m.doorlooptijd_max, "dagen"),
        ("Nacalculaties", n["aantal"], "aantal"),
        ("Nacalculatie: verwacht vermeden", n["verwacht_vermeden"], "euro"),
        ("Nacalculatie: gerealiseerd vermeden", n["gerealiseerd_vermeden"], "euro"),
        ("Realisatiegraad (gerealiseerd per euro verwacht)", n["realisatiegraad"], "verhouding"),
        ("Nacalculatie: werkelijk uitgegeven", n["werkelijk_uitgegeven"], "euro"),
        ("Nacalculatie: vrijgevallen (terug in de pot)", n["vrijgevallen"], "euro"),
        (f"Nog na te calculeren (langer dan {NACALCULATIE_NA_MAANDEN} maanden geleden goedgekeurd)",
         ", ".join(m.nog_na_te_calculeren) or "geen", "tekst"),
        ("Kostenplaats", m.kostenplaats or "geen", "tekst"),
        ("Budget, totaal", b["budget_totaal"], "euro"),
        ("Budget: toegekend", b["toegekend"], "euro"),
        ("Budget: vrijgevallen", b["vrijgevallen"], "euro"),
        ("Budget: beschikbaar", b["beschikbaar"], "euro"),
    ]
    rij = 3
    blad.kopregel(rij, ["Kengetal", "Waarde"])
    for label, waarde, soort in kengetallen:
        rij += 1
        blad.tekst(rij, 0, label)
        if waarde is None:
            blad.tekst(rij, 1, NVT, "rechts")
        elif soort == "datum":
            blad.datum(rij, 1, waarde)
        elif soort == "euro":
            blad.bedrag(rij, 1, waarde)
        elif soort == "verhouding":
            blad.getal(rij, 1, waarde, "verhouding")
        elif soort in ("aantal", "dagen"):
            blad.getal(rij, 1, waarde)
        else:
            blad.tekst(rij, 1, waarde, "rechts", meten=False)

    if m.budgetjaren:
        rij += 2
        blad.tekst(rij, 0, "Per budgetjaar", "kop", meten=False)
        rij += 1
        blad.kopregel(rij, ["Jaar", "Budget", "Toegekend", "Vrijgevallen", "Beschikbaar"])
        eerste = rij + 1
        for j in m.budgetjaren:
            rij += 1
            blad.tekst(rij, 0, str(j["jaar"]), "links", meten=False)
            for k, sleutel in enumerate(("budget", "toegekend", "vrijgevallen", "beschikbaar"), 1):
                blad.bedrag(rij, k, j[sleutel])
        rij += 1
        blad.tekst(rij, 0, "Totaal", "totaal", meten=False)
        for k, sleutel in enumerate(("budget", "toegekend", "vrijgevallen", "beschikbaar"), 1):
            blad.som(rij, k, eerste, rij - 1, [j[sleutel] for j in m.budgetjaren], "euro")

    lang: list[tuple[int, str]] = []  # (rij, omschrijving): afgebroken als ze niet in kolom A past
    if m.voorkomen:
        rij += 2
        blad.tekst(rij, 0, "Type hulp voorkomen (meest genoemd)", "kop", meten=False)
        rij += 1
        blad.kopregel(rij, ["Omschrijving", "Code", "Casussen"])
        for v in m.voorkomen:
            rij += 1
            lang.append((rij, schoon(v["omschrijving"])))
            blad.tekst(rij, 0, v["omschrijving"], "afbreken", meten=False)
            blad.tekst(rij, 1, v["code"] or "eigen regel")
            blad.getal(rij, 2, v["aantal"])
    # kolom A zo breed als het langste kengetal; de rest zo breed als de inhoud, minstens 16
    breedtes = {0: min(blad.breedtes.get(0, 40) + 2, 80)} | {
        k: min(max(blad.breedtes.get(k, 0) + 2, 16), 60) for k in range(1, 5)}
    for k, breedte in breedtes.items():
        ws.set_column(k, k, breedte)
    ws.set_row(1, _regelhoogte(alinea, int(sum(breedtes.values()) * 1.1)))
    for r, tekst in lang:
        if len(tekst) > breedtes[0]:
            ws.set_row(r, _regelhoogte(tekst, breedtes[0]))


def schrijf_monitor_xlsx(m, pad: Path | str) -> None:
    """Schrijf de monitor `m` (`doorbraak.analyse.monitor.Monitor`) als werkmap naar `pad`, alles of niets."""
    from xlsxwriter import Workbook

    buf = io.BytesIO()
    wb = Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                        "strings_to_urls": False})
    wb.set_properties({"title": "Monitor doorbraakbudget", "author": MAKER, "category": MONITOR_XLSX.kenmerk,
                       "comments": "Gemaakt door Doorbraak"})
    opmaak = {
        "kop": wb.add_format({"bold": True, "bottom": 1}),
        "titel": wb.add_format({"bold": True, "font_size": 14}),
        "alinea": wb.add_format({"text_wrap": True, "valign": "top"}),
        "afbreken": wb.add_format({"text_wrap": True, "valign": "top"}),
        "notitie": wb.add_format({"italic": True}),
        "euro": wb.add_format({"num_format": EURO}),
        "euro_totaal": wb.add_format({"num_format": EURO, "bold": True, "top": 1}),
        "totaal": wb.add_format({"bold": True, "top": 1}),
        "datum": wb.add_format({"num_format": DATUM, "align": "left"}),
        "maand": wb.add_format({"num_format": "yyyy-mm", "align": "left"}),
        "verhouding": wb.add_format({"num_format": VERHOUDING}),
        "rechts": wb.add_format({"align": "right"}),
        "links": wb.add_format({"align": "left"}),
    }

    _samenvatting(wb, _Blad(wb, SAMENVATTING, opmaak), m)

    # Per maand van het eindbesluit
    blad = _Blad(wb, PER_MAAND, opmaak)
    n = _tabel(blad, ["Maand van het besluit", "Aantal toegekend", "Toegekend", "Verwacht vermeden"],
               ["maand", "aantal", "euro", "euro"],
               [[p["maand"], p["aantal"], p["toegekend"], p["vermeden"]] for p in m.per_maand],
               "Geen toegekende aanvragen in deze periode.", totalen=(1, 2, 3))
    blad.kolombreedtes()
    if n:
        blad.ws.insert_chart(1, 5, _grafiek(wb, "column", "Toegekend per maand", PER_MAAND, n, 0,
                                            [("Toegekend", 2)]),
                             {"x_scale": 1.3, "y_scale": 1.2})

    # Per financier: verwacht vermeden kosten
    blad = _Blad(wb, PER_FINANCIER, opmaak)
    n = _tabel(blad, ["Financier", "Verwacht vermeden kosten"], ["tekst", "euro"],
               [[naam, bedrag] for naam, bedrag in m.per_financier.items()],
               "Geen verwacht vermeden kosten per financier in deze periode.", totalen=(1,))
    blad.kolombreedtes()
    if n:
        blad.ws.insert_chart(1, 3, _grafiek(wb, "bar", "Verwacht vermeden kosten per financier", PER_FINANCIER, n, 0,
                                            [("Verwacht vermeden", 1)]),
                             {"x_scale": 1.3, "y_scale": max(1.0, min(3.0, 0.4 + 0.15 * n))})

    # Per leefgebied: casussen (een casus kan onder meer leefgebieden vallen: geen totaal)
    blad = _Blad(wb, PER_LEEFGEBIED, opmaak)
    n = _tabel(blad, ["Leefgebied", "Casussen"], ["tekst", "aantal"],
               [[naam, aantal] for naam, aantal in m.per_leefgebied.items()],
               "Geen leefgebieden: geen toegekende casussen in deze periode.")
    if n:
        blad.tekst(n + 2, 0, "Een casus kan onder meer dan één leefgebied vallen; de aantallen tellen daarom niet "
                   "op tot het aantal casussen.", "notitie", meten=False)
    blad.kolombreedtes()

    # Nacalculatie: de laatste per casus
    blad = _Blad(wb, NACALCULATIE, opmaak)
    kolommen = [("Casus", "casus_id", "tekst"), ("Aanvraag", "aanvraag", "tekst"),
                ("Na (maanden)", "maanden", "aantal"), ("Peildatum", "peildatum", "datum"),
                ("Uitkomst", "uitkomst", "tekst"),
                ("Toegekend", "toegekend", "euro"), ("Werkelijke uitgave", "werkelijke_uitgave", "euro"),
                ("Verwacht vermeden", "verwacht_vermeden", "euro"),
                ("Gerealiseerd vermeden", "gerealiseerd_vermeden", "euro"),
                ("Gerealiseerd netto", "gerealiseerd_netto", "euro"), ("Vrijgevallen", "vrijgevallen", "euro"),
                ("Door", "door", "tekst")]
    n = _tabel(blad, [k for k, _, _ in kolommen], [s for _, _, s in kolommen],
               [[r[sleutel] for _, sleutel, _ in kolommen] for r in m.nacalculaties],
               "Geen nacalculaties in deze periode.", totalen=(5, 6, 7, 8, 9, 10))
    blad.kolombreedtes()
    if n:
        blad.ws.insert_chart(n + 3, 0, _grafiek(wb, "column", "Nacalculatie: verwacht en gerealiseerd vermeden",
                                                NACALCULATIE, n, 0,
                                                [("Verwacht vermeden", 7), ("Gerealiseerd vermeden", 8)]),
                             {"x_scale": max(1.3, min(3.0, 0.6 + 0.2 * n)), "y_scale": 1.2})

    # Alle aanvragen in de periode, met filterknoppen
    blad = _Blad(wb, AANVRAGEN, opmaak)
    kolommen = [("Aanvraag", "aanvraag", "tekst"), ("Casus", "casus_id", "tekst"), ("Titel", "titel", "tekst"),
                ("Status", "status", "tekst"), ("Route", "route", "tekst"), ("Bedrag", "bedrag", "euro"),
                ("Verwacht vermeden", "vermeden", "euro"), ("Netto", "netto", "euro"),
                ("Ingediend", "ingediend", "datum"), ("Besloten", "besloten", "datum"),
                ("Maand van het besluit", "maand", "maand"), ("Doorlooptijd (dagen)", "doorlooptijd", "aantal"),
                ("Ingediend door", "indiener", "tekst")]
    rijen = [[r.get(sleutel) for _, sleutel, _ in kolommen] for r in m.aanvragen]
    n = _tabel(blad, [k for k, _, _ in kolommen], [s for _, _, s in kolommen], rijen,
               "Geen aanvragen in deze periode.")
    blad.ws.autofilter(0, 0, n, len(kolommen) - 1)
    if n:
        from xlsxwriter.utility import xl_range

        rij = n + 2  # een lege regel tussen de gefilterde rijen en het totaal
        blad.tekst(rij, 0, "Totaal toegekend (status goedgekeurd)", "totaal", meten=False)
        status, bedrag = 3, 5
        totaal = sum((r[bedrag] for r in rijen if r[status] == GOEDGEKEURD), NUL)
        blad.ws.write_formula(rij, bedrag, f'=SUMIF({xl_range(1, status, n, status)},"{GOEDGEKEURD}",'
                                           f'{xl_range(1, bedrag, n, bedrag)})', opmaak["euro_totaal"], totaal)
        blad.breedte(bedrag, len(formatteer(totaal)))
    blad.kolombreedtes()

    wb.close()
    schrijf_bestanden_atomair({Path(pad): buf.getvalue()})
