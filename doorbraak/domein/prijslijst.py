"""De maatschappelijke prijslijst zoals de berekening haar leest: items en indexcijfers.

Een prijslijstmap bevat `prijslijst.csv` en `indexcijfers.csv` (zie `prijslijst/README.md`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from doorbraak.domein.fouten import InvoerFout, Probleem, Problemenlijst
from doorbraak.domein.geld import lees_bedrag, rond_af, toon_waarde
from doorbraak.domein.jsonbestand import lees_bytes

PRIJSLIJST_CSV = "prijslijst.csv"
INDEXCIJFERS_CSV = "indexcijfers.csv"

KOLOMMEN = (
    "code", "naam", "categorie", "eenheid", "bedrag", "prijsjaar", "indexatie",
    "financier", "bron", "url", "brontype", "gecontroleerd_op",
)
#: De eenheden waarin prijzen en eigen kostenregels worden uitgedrukt.
EENHEDEN = (
    "uur", "dagdeel", "dag", "week", "maand", "jaar",
    "contact", "traject", "eenmalig", "stuk", "delict",
)
#: Hoeveel maanden één eenheid duurt, voor eenheden die een tijdsduur zijn.
MAANDEN_PER_EENHEID = {
    "dag": Fraction(12, 365),
    "week": Fraction(12, 52),
    "maand": Fraction(1),
    "jaar": Fraction(12),
}
INDEXATIES = ("cpi", "ova", "geen")
REEKSNAAM = {"cpi": "CPI", "ova": "OVA"}
BRONTYPEN = ("O", "R", "S")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9._-]{1,39}")
_INDEXCIJFER = re.compile(r"[0-9]{1,5}(\.[0-9]{1,6})?")


@dataclass(frozen=True)
class Prijsitem:
    code: str
    naam: str
    categorie: str
    eenheid: str
    bedrag: Decimal
    prijsjaar: int
    indexatie: str
    financier: str
    bron: str
    url: str
    brontype: str
    gecontroleerd_op: date | None
    extra: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Indexering:
    """Hoe een prijs van het prijsjaar naar het casusjaar is gebracht."""

    factor: Fraction
    reeks: str  # "cpi", "ova" of "geen"
    van_jaar: int
    naar_jaar: int
    waarschuwingen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prijslijst:
    items: dict[str, Prijsitem]
    indexcijfers: dict[str, dict[int, Decimal]]
    map: Path | None = None
    inhoud_hash: str = ""
    _prijzen: dict[tuple[str, int], tuple[Indexering, Decimal]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def item(self, code: str) -> Prijsitem | None:
        return self.items.get(code)

    def eenheidsprijs(self, item: Prijsitem, casusjaar: int) -> tuple[Indexering, Decimal]:
        """De indexering en de eenheidsprijs in het casusjaar (half naar boven op centen).

        Onthouden per code en jaar: de GUI rekent bij elke toetsaanslag opnieuw. Een InvoerFout
        (indexcijfer ontbreekt) wordt niet onthouden.
        """
        sleutel = (item.code, casusjaar)
        if sleutel not in self._prijzen:
            ix = self.indexeer(item, casusjaar)
            self._prijzen[sleutel] = (ix, rond_af(Fraction(item.bedrag) * ix.factor))
        return self._prijzen[sleutel]

    def indexeer(self, item: Prijsitem, casusjaar: int) -> Indexering:
        """De indexfactor `index[casusjaar] / index[prijsjaar]` voor een item.

        Ontbreekt het casusjaar in de reeks (nog niet gepubliceerd), dan geldt het laatste
        jaar dat er wel is, met een waarschuwing. Ontbreekt een OVA-cijfer, dan wordt met
        CPI geïndexeerd en dat gemeld (nooit stilzwijgend).
        """
        if item.indexatie == "geen" or item.prijsjaar == casusjaar:
            waarschuwingen = ()
            if item.prijsjaar < casusjaar:
                waarschuwingen = (
                    f"{item.code} is een vast bedrag uit {item.prijsjaar} dat niet geïndexeerd wordt; "
                    f"controleer of er voor {casusjaar} een nieuw bedrag geldt en werk de prijslijst bij",
                )
            return Indexering(Fraction(1), item.indexatie, item.prijsjaar, item.prijsjaar, waarschuwingen)
        reeks = item.indexatie
        waarschuwingen: list[str] = []
        if reeks == "ova" and not self._dekt("ova", item.prijsjaar, casusjaar):
            ontbrekend = [j for j in (item.prijsjaar, casusjaar) if j not in self.indexcijfers["ova"]]
            waarschuwingen.append(
                f"OVA-indexcijfer voor {', '.join(map(str, ontbrekend))} ontbreekt in de prijslijst; "
                f"{item.code} is met CPI geïndexeerd"
            )
            reeks = "cpi"
        cijfers = self.indexcijfers[reeks]
        if not cijfers:
            raise InvoerFout(Probleem(f"prijslijst {item.code}", f"geen {REEKSNAAM[reeks]}-indexcijfers in {INDEXCIJFERS_CSV}"))
        laatste = max(cijfers)
        naar = casusjaar
        if naar not in cijfers and naar > laatste:
            waarschuwingen.append(
                f"{REEKSNAAM[reeks]}-indexcijfer voor {casusjaar} ontbreekt nog; "
                f"prijzen zijn geïndexeerd tot {laatste} (het laatst bekende jaar)"
            )
            naar = laatste
        van = item.prijsjaar
        if van > laatste:
            waarschuwingen.append(
                f"{item.code}: prijsjaar {van} ligt na het laatste {REEKSNAAM[reeks]}-indexcijfer "
                f"({laatste}); de prijs is niet geïndexeerd"
            )
            van = naar = laatste
        for jaar in (van, naar):
            if jaar not in cijfers:
                raise InvoerFout(Probleem(
                    f"prijslijst {item.code}",
                    f"geen {REEKSNAAM[reeks]}-indexcijfer voor {jaar} in {INDEXCIJFERS_CSV}",
                ))
        factor = Fraction(cijfers[naar]) / Fraction(cijfers[van])
        return Indexering(factor, reeks, van, naar, tuple(waarschuwingen))

    def _dekt(self, reeks: str, prijsjaar: int, casusjaar: int) -> bool:
        cijfers = self.indexcijfers.get(reeks, {})
        if prijsjaar not in cijfers:
            return False
        return casusjaar in cijfers or (bool(cijfers) and casusjaar > max(cijfers))


def laad_prijslijst(map_: Path | str) -> Prijslijst:
    """Lees een prijslijstmap; InvoerFout met regelnummers als iets niet bruikbaar is."""
    map_ = Path(map_)
    if not map_.is_dir():
        raise InvoerFout(Probleem(str(map_), "prijslijstmap niet gevonden"))
    teksten = {}
    for naam in (PRIJSLIJST_CSV, INDEXCIJFERS_CSV):
        teksten[naam] = _lees_tekst(map_ / naam)
    items = lees_items(teksten[PRIJSLIJST_CSV], str(map_ / PRIJSLIJST_CSV))
    index = lees_indexcijfers(teksten[INDEXCIJFERS_CSV], str(map_ / INDEXCIJFERS_CSV))
    h = hashlib.sha256()
    for naam in (PRIJSLIJST_CSV, INDEXCIJFERS_CSV):
        data = teksten[naam].encode("utf-8")
        h.update(f"{naam}\0{len(data)}\0".encode())
        h.update(data)
    return Prijslijst(items, index, map_, h.hexdigest())


def _lees_tekst(pad: Path) -> str:
    try:
        return lees_bytes(pad).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvoerFout(Probleem(str(pad), f"geen UTF-8-tekst (ongeldige byte op positie {e.start})")) from None


def _csv_rijen(tekst: str, bestandsnaam: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """De kop en de rijen (met regelnummer) van een CSV-tekst; InvoerFout bij kapotte CSV."""
    lezer = csv.DictReader(io.StringIO(tekst, newline=None), strict=True)
    try:
        kop = list(lezer.fieldnames or [])
        return kop, [(lezer.line_num, rij) for rij in lezer]
    except csv.Error:
        raise InvoerFout(
            Probleem(f"regel {lezer.line_num + 1}", "onleesbare CSV (een losse regelovergang of aanhalingsteken in een veld, of een veld dat te lang is)"),
            bestandsnaam,
        ) from None


def lees_items(tekst: str, bestandsnaam: str = PRIJSLIJST_CSV) -> dict[str, Prijsitem]:
    kop, rijen = _csv_rijen(tekst, bestandsnaam)
    ontbrekend = [k for k in KOLOMMEN if k not in kop]
    if ontbrekend:
        raise InvoerFout(Probleem(bestandsnaam, f"kolommen ontbreken: {', '.join(ontbrekend)}"))
    problemen = Problemenlijst()
    items: dict[str, Prijsitem] = {}
    for nr, rij in rijen:
        if not any((v or "").strip() for v in rij.values() if isinstance(v, str)):
            continue
        if None in rij:
            problemen.voeg_toe(
                f"regel {nr}",
                "meer velden dan kolommen (staat er een komma in een bedrag? schrijf 12.50, of zet de waarde tussen aanhalingstekens)",
            )
            continue
        waarden = {k: (v or "").strip() for k, v in rij.items()}
        code = waarden["code"]
        pad = f"regel {nr} ({code or 'zonder code'})"
        fouten_voor = len(problemen.problemen)
        if not _CODE.fullmatch(code):
            problemen.voeg_toe(pad, f"code {code!r} is ongeldig (hoofdletters, cijfers, . _ -)")
        elif code in items:
            problemen.voeg_toe(pad, f"code {code} komt twee keer voor")
        for verplicht in ("naam", "categorie", "financier", "bron"):
            if not waarden[verplicht]:
                problemen.voeg_toe(f"{pad}.{verplicht}", "is leeg")
        if waarden["eenheid"] not in EENHEDEN:
            problemen.voeg_toe(f"{pad}.eenheid", f"{waarden['eenheid']!r} is geen bekende eenheid ({', '.join(EENHEDEN)})")
        if waarden["indexatie"] not in INDEXATIES:
            problemen.voeg_toe(f"{pad}.indexatie", f"{waarden['indexatie']!r} is geen bekende indexatie (cpi, ova, geen)")
        try:
            bedrag = lees_bedrag(waarden["bedrag"])
        except ValueError as e:
            problemen.voeg_toe(f"{pad}.bedrag", str(e))
        prijsjaar = _jaar(waarden["prijsjaar"])
        if prijsjaar is None:
            problemen.voeg_toe(f"{pad}.prijsjaar", f"{waarden['prijsjaar']!r} is geen jaar tussen 1990 en 2100")
        gecontroleerd = None
        if waarden["gecontroleerd_op"]:
            try:
                gecontroleerd = date.fromisoformat(waarden["gecontroleerd_op"])
            except ValueError:
                problemen.voeg_toe(f"{pad}.gecontroleerd_op", f"{waarden['gecontroleerd_op']!r} is geen datum (JJJJ-MM-DD)")
        if len(problemen.problemen) > fouten_voor:
            continue
        extra = {k: v for k, v in waarden.items() if k not in KOLOMMEN}
        items[code] = Prijsitem(
            code=code, naam=waarden["naam"], categorie=waarden["categorie"],
            eenheid=waarden["eenheid"], bedrag=bedrag, prijsjaar=prijsjaar,
            indexatie=waarden["indexatie"], financier=waarden["financier"], bron=waarden["bron"],
            url=waarden["url"], brontype=waarden["brontype"], gecontroleerd_op=gecontroleerd,
            extra=extra,
        )
    problemen.werp_als_nodig(bestandsnaam)
    return items


def lees_indexcijfers(tekst: str, bestandsnaam: str = INDEXCIJFERS_CSV) -> dict[str, dict[int, Decimal]]:
    kop, rijen = _csv_rijen(tekst, bestandsnaam)
    if "jaar" not in kop or "cpi" not in kop:
        raise InvoerFout(Probleem(bestandsnaam, "kolommen 'jaar' en 'cpi' zijn verplicht"))
    reeksen: dict[str, dict[int, Decimal]] = {r: {} for r in ("cpi", "ova")}
    problemen = Problemenlijst()
    for nr, rij in rijen:
        if not any((v or "").strip() for v in rij.values() if isinstance(v, str)):
            continue
        if None in rij:
            problemen.voeg_toe(f"regel {nr}", "meer velden dan kolommen (schrijf indexcijfers met een punt: 99.4)")
            continue
        jaar = _jaar((rij.get("jaar") or "").strip())
        if jaar is None:
            problemen.voeg_toe(f"regel {nr}.jaar", f"{rij.get('jaar')!r} is geen jaar tussen 1990 en 2100")
            continue
        if jaar in reeksen["cpi"] or jaar in reeksen["ova"]:
            problemen.voeg_toe(f"regel {nr}.jaar", f"jaar {jaar} komt twee keer voor")
            continue
        for reeks in ("cpi", "ova"):
            waarde = (rij.get(reeks) or "").strip()
            if not waarde:
                continue
            if not _INDEXCIJFER.fullmatch(waarde) or not 1 <= Decimal(waarde) <= 10000:
                problemen.voeg_toe(
                    f"regel {nr}.{reeks}", f"{toon_waarde(waarde)} is geen indexcijfer (een getal van 1 tot 10000, zoals 134.6)"
                )
                continue
            reeksen[reeks][jaar] = Decimal(waarde)
    for reeks, cijfers in reeksen.items():
        jaren = sorted(cijfers)
        for vorig, jaar in zip(jaren, jaren[1:]):
            if not Decimal("0.5") <= cijfers[jaar] / cijfers[vorig] <= 2:
                problemen.voeg_toe(
                    f"jaar {jaar}.{reeks}",
                    f"{cijfers[jaar]} wijkt te sterk af van {cijfers[vorig]} ({vorig}); "
                    "staat er een komma als decimaalteken? Schrijf 99.4, niet 99,4",
                )
    problemen.werp_als_nodig(bestandsnaam)
    return reeksen


def _jaar(tekst: str) -> int | None:
    if not re.fullmatch(r"[0-9]{4}", tekst):
        return None
    jaar = int(tekst)
    return jaar if 1990 <= jaar <= 2100 else None
