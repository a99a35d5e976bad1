"""Gedeelde hulpmiddelen voor de werkmappen van Doorbraak (casus, register, prijslijst), geschreven met XlsxWriter.

Waarom XlsxWriter: het slaat bij elke formule ook haar uitkomst op. openpyxl schrijft alleen de formule, zodat
Beveiligde weergave, de voorbeeldweergave van een mailprogramma en elke lezer die alleen opgeslagen waarden leest
(openpyxl met `data_only=True`) lege cellen zien. Hier rekent Doorbraak elke uitkomst zelf uit (in `Decimal`) en
geeft haar mee; Excel rekent de formule bij het openen opnieuw uit, zodat een controller die een invoercel wijzigt
het gevolg ziet. Lezen (prijslijst importeren, tests) blijft openpyxl.

- Tekst gaat altijd via `write_string`: een titel die met `=`, `+`, `-` of `@` begint wordt nooit een formule.
  Tekens die Excel niet kan bewaren (stuurtekens, behalve tab en regelovergang) worden weggelaten en gemeld;
  een losse CR wordt een regelovergang; hoogstens 32.767 tekens per cel.
- Bedragen zijn getallen met euro-opmaak; een `Decimal` gaat rechtstreeks naar XlsxWriter (nooit via float in
  deze code). Datums en tijdstippen zijn echte Excel-datums.
- De werkmap wordt in het geheugen gebouwd en alles-of-niets geschreven (`schrijf_bestanden_atomair`). Maker,
  laatst gewijzigd door en categorie zeggen dat het een ongewijzigde export van die soort is
  (`doorbraak.uitvoer.herken`).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from doorbraak.domein.geld import formatteer
from doorbraak.domein.jsonbestand import schrijf_bestanden_atomair
from doorbraak.uitvoer import MAKER, Soort

EURO = '"€" #,##0.00;"€" -#,##0.00'
EURO_AS = '"€" #,##0'
DATUM = "dd-mm-yyyy"
DATUMTIJD = "dd-mm-yyyy hh:mm:ss"
MAAND = "yyyy-mm"
PROCENT = "0.00####%"
VERHOUDING = "0.00"
FACTOR = "0.000000"

#: Wat Excel niet in een cel kan bewaren: stuurtekens (tab en regelovergang mogen), losse surrogaten en de
#: twee niet-tekens. Een CR wordt vooraf een regelovergang (Excel kent alleen die).
_STUURTEKENS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: alles wat schoonmaken of meten per regel nodig maakt (ook tab, CR en LF): zonder zulke tekens, de snelle weg
_BIJZONDER = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_TEKST = 32767


def _regels(tekst: str) -> str:
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def schoon(tekst: Any) -> str:
    """Tekst zoals hij in een cel kan: zonder stuurtekens, regelovergangen als LF, hoogstens 32.767 tekens."""
    return _STUURTEKENS.sub("", _regels(str(tekst)))[:MAX_TEKST]


def blad_ref(blad: str, cel: str) -> str:
    """`Kostenregels!J2`, of `'Per jaar'!A2` als de bladnaam aanhalingstekens nodig heeft."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", blad):
        return f"{blad}!{cel}"
    return "'" + blad.replace("'", "''") + f"'!{cel}"


def cel(rij: int, kolom: int, absoluut: bool = False) -> str:
    """De celnaam van (rij, kolom), beide vanaf 0: (1, 0) is `A2`."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(rij, kolom, absoluut, absoluut)


def bereik(eerste: int, laatste: int, kolom: int, absoluut: bool = False) -> str:
    """`J2:J9` voor de rijen `eerste` tot en met `laatste` (vanaf 0) van één kolom."""
    return f"{cel(eerste, kolom, absoluut)}:{cel(max(laatste, eerste), kolom, absoluut)}"


class Werkmap:
    """Een werkmap in het geheugen met de opmaak van Doorbraak; `bewaar` schrijft haar alles-of-niets weg."""

    def __init__(self, soort: Soort, titel: str):
        from xlsxwriter import Workbook

        self._buf = io.BytesIO()
        self.wb = Workbook(self._buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                       "strings_to_urls": False})
        self.wb.set_properties({"title": schoon(titel), "author": MAKER, "category": soort.kenmerk,
                                "comments": "Gemaakt door Doorbraak"})
        nieuw = self.wb.add_format
        self.opmaak = {
            "kop": nieuw({"bold": True}),
            "titel": nieuw({"bold": True, "font_size": 13}),
            "notitie": nieuw({"italic": True}),
            "euro": nieuw({"num_format": EURO}),
            "euro_totaal": nieuw({"num_format": EURO, "bold": True, "top": 1}),
            "totaal": nieuw({"bold": True, "top": 1}),
            "datum": nieuw({"num_format": DATUM, "align": "left"}),
            "datumtijd": nieuw({"num_format": DATUMTIJD, "align": "left"}),
            "maand": nieuw({"num_format": MAAND, "align": "left"}),
            "procent": nieuw({"num_format": PROCENT}),
            "verhouding": nieuw({"num_format": VERHOUDING}),
            "factor": nieuw({"num_format": FACTOR}),
            "link": nieuw({"font_color": "blue", "underline": 1}),
        }
        #: cellen waaruit tekens zijn weggelaten die Excel niet kan bewaren ("Kostenregels!D2")
        self.ingekort: list[str] = []

    def blad(self, naam: str) -> Blad:
        return Blad(self, naam)

    def bewaar(self, pad: Path | str) -> None:
        """Alles of niets; houdt Excel het doelbestand open, dan een duidelijke melding en blijft het oude staan."""
        self.wb.close()
        schrijf_bestanden_atomair({Path(pad): self._buf.getvalue()})


class Blad:
    """Een werkblad dat onthoudt hoe breed elke kolom moet zijn. Rijen en kolommen tellen vanaf 0."""

    def __init__(self, werkmap: Werkmap, naam: str):
        self.werkmap, self.naam = werkmap, naam
        self.ws = werkmap.wb.add_worksheet(naam)
        self.breedtes: dict[int, int] = {}

    def _opmaak(self, opmaak: str | None):
        return self.werkmap.opmaak[opmaak] if opmaak else None

    def breedte(self, kolom: int, tekens: int) -> None:
        self.breedtes[kolom] = max(self.breedtes.get(kolom, 0), tekens)

    def ref(self, rij: int, kolom: int, absoluut: bool = False) -> str:
        """De cel met bladnaam, voor een formule op een ander blad."""
        return blad_ref(self.naam, cel(rij, kolom, absoluut))

    def tekst(self, rij: int, kolom: int, waarde: Any, opmaak: str | None = None, meten: bool = True) -> None:
        """Altijd platte tekst, nooit een formule; weggelaten tekens worden gemeld in `werkmap.ingekort`."""
        tekst = str(waarde)
        gewoon = len(tekst) <= MAX_TEKST and not _BIJZONDER.search(tekst)  # bijna altijd: niets te doen
        if not gewoon:
            ruw = _regels(tekst)
            tekst = schoon(ruw)
            if tekst != ruw:
                self.werkmap.ingekort.append(f"{self.naam}!{cel(rij, kolom)}")
        self.ws.write_string(rij, kolom, tekst, self._opmaak(opmaak))
        if meten:
            self.breedte(kolom, len(tekst) if gewoon else max((len(r) for r in tekst.split("\n")), default=0))

    def getal(self, rij: int, kolom: int, waarde: int | Decimal, opmaak: str | None = None) -> None:
        self.ws.write_number(rij, kolom, waarde, self._opmaak(opmaak))
        self.breedte(kolom, _breedte(waarde, opmaak))

    def bedrag(self, rij: int, kolom: int, waarde: Decimal) -> None:
        self.getal(rij, kolom, waarde, "euro")

    def datum(self, rij: int, kolom: int, waarde: date | datetime, opmaak: str | None = None) -> None:
        """Een echte Excel-datum (een tijdstip met tijd, zonder tijdzone: zet het eerst om naar lokale tijd)."""
        if opmaak is None:
            opmaak = "datumtijd" if isinstance(waarde, datetime) else "datum"
        self.ws.write_datetime(rij, kolom, waarde, self._opmaak(opmaak))
        self.breedte(kolom, 19 if opmaak == "datumtijd" else 10)

    def formule(self, rij: int, kolom: int, formule: str, uitkomst: Decimal | int | str,
                opmaak: str | None = None) -> None:
        """Een formule mét haar uitkomst (door Doorbraak berekend), zodat elke lezer een waarde ziet."""
        self.ws.write_formula(rij, kolom, formule, self._opmaak(opmaak), uitkomst)
        self.breedte(kolom, len(uitkomst) if isinstance(uitkomst, str) else _breedte(uitkomst, opmaak))

    def waarde(self, rij: int, kolom: int, waarde: Any, opmaak: str | None = None) -> None:
        """Eén cel naar haar soort; None en lege tekst blijven een lege cel."""
        if waarde is None or waarde == "":
            return
        if isinstance(waarde, bool):
            self.tekst(rij, kolom, "ja" if waarde else "nee")
        elif isinstance(waarde, (Decimal, int)):
            self.getal(rij, kolom, waarde, opmaak)
        elif isinstance(waarde, (date, datetime)):
            self.datum(rij, kolom, waarde, opmaak)
        else:
            self.tekst(rij, kolom, waarde, opmaak)

    def link(self, rij: int, kolom: int, doel: str, tekst: str) -> None:
        """Een koppeling naar een bestand (`doel` relatief aan de werkmap, of absoluut)."""
        tekst = schoon(tekst)
        self.ws.write_url(rij, kolom, f"external:{doel}", self._opmaak("link"), tekst)
        self.breedte(kolom, len(tekst))

    def kopregel(self, rij: int, koppen: list[str] | tuple[str, ...], kolom: int = 0) -> None:
        for k, kop in enumerate(koppen, kolom):
            self.tekst(rij, k, kop, "kop")

    def tabel(self, naam: str, koppen: list[str] | tuple[str, ...], rijen: int, eerste_rij: int = 0,
              eerste_kolom: int = 0, stijl: str = "Table Style Medium 2") -> None:
        """Een Excel-tabel met filterknoppen over de kopregel en `rijen` rijen eronder (minstens één, leeg mag).

        Boven aan een blad wordt de kopregel vastgezet. Kan Excel de kopregel niet als tabel hebben (twee koppen
        die alleen in hoofdletters verschillen), dan alleen filterknoppen."""
        self.kopregel(eerste_rij, koppen, eerste_kolom)
        laatste_rij = eerste_rij + max(rijen, 1)
        laatste_kolom = eerste_kolom + len(koppen) - 1
        kolommen = [{"header": schoon(k), "header_format": self._opmaak("kop")} for k in koppen]
        if self.ws.add_table(eerste_rij, eerste_kolom, laatste_rij, laatste_kolom,
                             {"name": naam, "columns": kolommen, "style": stijl}) == -2:
            self.ws.autofilter(eerste_rij, eerste_kolom, laatste_rij, laatste_kolom)
        if eerste_rij == 0:
            self.ws.freeze_panes(1, 0)

    def kolombreedtes(self, minimum: int = 8, maximum: int = 60) -> None:
        for kolom, tekens in self.breedtes.items():
            self.ws.set_column(kolom, kolom, min(max(tekens + 2, minimum), maximum))


def _breedte(waarde: Any, opmaak: str | None) -> int:
    if isinstance(waarde, Decimal) and opmaak in ("euro", "euro_totaal"):
        return len(formatteer(waarde))
    return len(str(waarde))


def staafgrafiek(werkmap: Werkmap, titel: str, blad: str, eerste: int, laatste: int, categorieen: int,
                 reeksen: list[tuple[str, int]], liggend: bool = True):
    """Een echte Excel-staafgrafiek over de rijen `eerste` tot en met `laatste` van `blad` (vanaf 0)."""
    grafiek = werkmap.wb.add_chart({"type": "bar" if liggend else "column"})
    for naam, kolom in reeksen:
        grafiek.add_series({"name": naam, "categories": [blad, eerste, categorieen, laatste, categorieen],
                            "values": [blad, eerste, kolom, laatste, kolom]})
    grafiek.set_title({"name": titel, "name_font": {"size": 12}})
    waarden = {"num_format": EURO_AS, "major_gridlines": {"visible": True}}
    if liggend:  # de waarden op de x-as; de eerste rij bovenaan
        grafiek.set_x_axis(waarden)
        grafiek.set_y_axis({"reverse": True})
    else:
        grafiek.set_y_axis(waarden)
    grafiek.set_legend({"position": "bottom"} if len(reeksen) > 1 else {"none": True})
    return grafiek
