"""De maatschappelijke prijslijst: items, indexcijfers en versie, lezen, schrijven en vastleggen.

Een prijslijstmap bevat `prijslijst.csv`, `indexcijfers.csv` en `versie.json` (zie
`prijslijst/README.md`). De inhoudshash is die van de canonieke CSV-tekst, zodat een export
naar Excel en een import terug dezelfde hash geven.
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
from doorbraak.domein.geld import lees_bedrag, lees_getal, rond_af, toon_waarde
from doorbraak.domein.jsonbestand import lees_bytes, lees_json_tekst, naar_json, schrijf_bestanden_atomair

PRIJSLIJST_CSV = "prijslijst.csv"
INDEXCIJFERS_CSV = "indexcijfers.csv"
VERSIE_JSON = "versie.json"
#: De standaarddiscontovoet voor maatschappelijke kosten-batenanalyses sinds 2021 (Werkgroep discontovoet 2020,
#: overgenomen door het kabinet; https://www.rwseconomie.nl/discontovoet). `versie.json` kan een andere noemen.
STANDAARD_DISCONTOVOET = Decimal("0.0225")
MAX_DISCONTOVOET = Decimal("0.2")
#: Codes die uit de lijst zijn gehaald, met wat ervoor in de plaats kwam (alleen voor meldingen).
VERVALLEN_CSV = "vervallen.csv"
SNAPSHOT_FORMAAT = "doorbraak-prijslijst-snapshot/1"

KOLOMMEN = (
    "code", "naam", "categorie", "eenheid", "bedrag", "prijsjaar", "indexatie",
    "financier", "bron", "url", "brontype", "gecontroleerd_op",
)
#: Optionele kolommen die in elke canonieke lijst staan (ook leeg).
BASIS_OPTIONELE_KOLOMMEN = ("bedrag_min", "bedrag_max", "toelichting")
#: Optionele kolommen sinds prijslijst 2027.1. In de canonieke tekst (en dus de inhoudshash) staan ze
#: alleen als een item ze gebruikt: een lijst of snapshot van vóór 2027.1 houdt zo dezelfde hash.
AANVULLENDE_KOLOMMEN = ("overlapgroep", "herziening", "geldig_vanaf")
OPTIONELE_KOLOMMEN = (*BASIS_OPTIONELE_KOLOMMEN, *AANVULLENDE_KOLOMMEN)
#: De domeinen (categorieën) van de prijslijst.
CATEGORIEEN = (
    "jeugd", "wonen", "schulden", "inkomen", "zorg", "ggz", "wmo", "justitie", "veiligheid", "onderwijs", "werk",
)
#: Wanneer een vast (wettelijk) bedrag opnieuw wordt vastgesteld (zie `Prijsitem.volgende_herziening`), in woorden.
HERZIENINGEN = {
    "jaarlijks": "jaarlijks",  # een jaar na geldig_vanaf, standaard 1 januari
    "halfjaarlijks": "halfjaarlijks (1 januari en 1 juli)",
    "wetswijziging": "alleen bij een wijziging van de regeling",
}
_OVERLAPGROEP = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])")
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
_VERSIE = re.compile(r"[0-9]{4}\.[0-9]{1,3}")


def _maal_op_centen(bedrag: Decimal, factor: Fraction) -> Decimal:
    """bedrag × factor, half naar boven op centen, exact in gehele getallen (bedrag en factor >= 0).

    Gelijk aan `rond_af(Fraction(bedrag) * factor)`, maar zonder breuken: de eerste berekening na het openen
    van een casus rekent zo voor elk gebruikt item een eenheidsprijs uit.
    """
    if bedrag.as_tuple().exponent < -2 or bedrag < 0 or factor < 0:  # komt niet voor; dan de algemene weg
        return rond_af(Fraction(bedrag) * factor)
    teller = int(bedrag.scaleb(2)) * factor.numerator
    return Decimal((2 * teller + factor.denominator) // (2 * factor.denominator)).scaleb(-2)


def per_eenheid(eenheid: str) -> str:
    """`uur` -> `per uur`; `eenmalig` blijft `eenmalig`."""
    return eenheid if eenheid == "eenmalig" else f"per {eenheid}"


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
    bedrag_min: Decimal | None = None
    bedrag_max: Decimal | None = None
    toelichting: str = ""
    #: Items die dezelfde gebeurtenis of hetzelfde verblijf prijzen delen een groep (geen dubbeltelling).
    #: Een item dat met verschillende andere overlapt (een totaal en zijn onderdelen) staat in meer groepen,
    #: gescheiden door een spatie: `schulden-incasso schulden-werkgever`.
    overlapgroep: str = ""
    #: Bij een vast bedrag (indexatie `geen`): wanneer het opnieuw wordt vastgesteld (zie HERZIENINGEN).
    herziening: str = ""
    #: Vanaf wanneer het vaste bedrag geldt; leeg: 1 januari van het prijsjaar.
    geldig_vanaf: date | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def als_waarden(self) -> dict[str, str]:
        """Het item als de tekstwaarden van een CSV-rij (canoniek: bedragen met twee decimalen).

        De aanvullende kolommen (overlapgroep, herziening, geldig_vanaf) staan er alleen in als ze gevuld zijn.
        """
        def bedrag(d: Decimal | None) -> str:
            return "" if d is None else f"{d:.2f}"

        aanvullend = {"overlapgroep": self.overlapgroep, "herziening": self.herziening,
                      "geldig_vanaf": self.geldig_vanaf.isoformat() if self.geldig_vanaf else ""}

        return {
            "code": self.code, "naam": self.naam, "categorie": self.categorie, "eenheid": self.eenheid,
            "bedrag": bedrag(self.bedrag), "prijsjaar": str(self.prijsjaar), "indexatie": self.indexatie,
            "financier": self.financier, "bron": self.bron, "url": self.url, "brontype": self.brontype,
            "gecontroleerd_op": self.gecontroleerd_op.isoformat() if self.gecontroleerd_op else "",
            "bedrag_min": bedrag(self.bedrag_min), "bedrag_max": bedrag(self.bedrag_max),
            "toelichting": self.toelichting,
        } | {k: v for k, v in aanvullend.items() if v} | self.extra

    @property
    def overlapgroepen(self) -> tuple[str, ...]:
        return tuple(self.overlapgroep.split())

    @property
    def ingang(self) -> date:
        """De datum vanaf wanneer het bedrag geldt (`geldig_vanaf`, anders 1 januari van het prijsjaar)."""
        return self.geldig_vanaf or date(self.prijsjaar, 1, 1)

    def herzieningswaarschuwing(self, op: date) -> str | None:
        """Of dit vaste bedrag op datum `op` geldt: nog niet, of mogelijk niet meer (None: het geldt)."""
        if self.indexatie != "geen" or not self.herziening:
            return None
        if op < self.ingang:
            return (f"{self.code} is een vast bedrag uit {self.prijsjaar} dat pas geldt vanaf {datum_nl(self.ingang)}; "
                    f"op de casusdatum ({datum_nl(op)}) gold een ander bedrag")
        volgende = self.volgende_herziening()
        if volgende is not None and op >= volgende:
            return (f"{self.code} is een vast bedrag uit {self.prijsjaar}, geldig sinds {datum_nl(self.ingang)} en "
                    f"{ritme(self.herziening)} opnieuw vastgesteld: op de casusdatum ({datum_nl(op)}) geldt mogelijk al "
                    "een nieuw bedrag; werk de prijslijst bij")
        return None

    def volgende_herziening(self) -> date | None:
        """De eerste datum na `ingang` waarop een vast bedrag opnieuw wordt vastgesteld (None: niet periodiek)."""
        begin = self.ingang
        if self.herziening == "jaarlijks":  # een jaar na de ingangsdatum (29 februari: 28 februari)
            return begin.replace(year=begin.year + 1, day=min(begin.day, 28) if begin.month == 2 else begin.day)
        if self.herziening == "halfjaarlijks":
            return date(begin.year, 7, 1) if begin < date(begin.year, 7, 1) else date(begin.year + 1, 1, 1)
        return None


@dataclass(frozen=True)
class Prijslijstversie:
    """Wie welke versie van de prijslijst wanneer heeft vastgesteld (`versie.json`)."""

    versie: str
    datum: date
    vastgesteld_door: str
    opmerking: str = ""
    #: De discontovoet voor de contante waarde als de casus er geen noemt (None: STANDAARD_DISCONTOVOET).
    discontovoet: Decimal | None = None

    def als_dict(self) -> dict[str, str]:
        d = {"versie": self.versie, "datum": self.datum.isoformat(), "vastgesteld_door": self.vastgesteld_door}
        d |= {"opmerking": self.opmerking} if self.opmerking else {}
        return d | ({"discontovoet": f"{self.discontovoet:f}"} if self.discontovoet is not None else {})


@dataclass(frozen=True)
class Indexering:
    """Hoe een prijs van het prijsjaar naar het casusjaar is gebracht."""

    factor: Fraction
    reeks: str  # "cpi", "ova" of "geen"
    van_jaar: int
    naar_jaar: int
    waarschuwingen: tuple[str, ...] = ()
    #: de indexcijfers zelf: factor = index_naar / index_van (exact); None als er niet geïndexeerd is. Met deze
    #: twee getallen rekent een controller de eenheidsprijs na: bedrag × index_naar / index_van, half naar boven.
    index_van: Decimal | None = None
    index_naar: Decimal | None = None


@dataclass(frozen=True)
class Prijslijst:
    items: dict[str, Prijsitem]
    indexcijfers: dict[str, dict[int, Decimal]]
    map: Path | None = None
    inhoud_hash: str = ""
    versie: Prijslijstversie | None = None
    #: Vervallen codes: code -> (vervangen door, in versie, reden). Telt niet mee in de inhoudshash.
    vervallen: dict[str, tuple[str, str, str]] = field(default_factory=dict, compare=False)
    _prijzen: dict[tuple[str, int], tuple[Indexering, Decimal]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _factoren: dict[tuple[str, int, int], Fraction] = field(default_factory=dict, compare=False, repr=False)
    _indexeringen: dict[tuple[str, int, int, bool], Indexering] = field(default_factory=dict, compare=False, repr=False)

    def item(self, code: str) -> Prijsitem | None:
        return self.items.get(code)

    def onbekend(self, code: str) -> str:
        """Waarom een code niet in de lijst staat: onbekend, of vervallen (met wat ervoor in de plaats kwam)."""
        if code in self.vervallen:
            door, versie, reden = self.vervallen[code]
            melding = f"prijscode {code} is vervallen" + (f" in prijslijst {versie}" if versie else "")
            melding += f" ({reden})" if reden else ""
            return melding + (f"; gebruik {door}" if door else "; kies een ander item")
        return f"onbekende prijscode {toon_waarde(code)}: staat niet in de prijslijst"

    @property
    def versienaam(self) -> str:
        return self.versie.versie if self.versie else "zonder versie"

    def snapshot(self, codes: set[str] | None = None) -> dict:
        """Wat een besluit vastlegt: versie, hash, de gebruikte items en alle indexcijfers.

        Met `prijslijst_uit_snapshot` geeft dezelfde casus jaren later dezelfde centen.
        """
        gekozen = {c: i for c, i in self.items.items() if codes is None or c in codes}
        return {
            "formaat": SNAPSHOT_FORMAAT,
            "versie": self.versie.als_dict() if self.versie else None,
            "inhoud_hash": self.inhoud_hash,
            "snapshot_hash": snapshot_hash(gekozen, self.indexcijfers, self.versie),
            "items": [i.als_waarden() for i in gekozen.values()],
            "indexcijfers": {r: {str(j): indexcijfer_tekst(v) for j, v in sorted(c.items())}
                             for r, c in self.indexcijfers.items()},
        }

    def eenheidsprijs(self, item: Prijsitem, casusjaar: int) -> tuple[Indexering, Decimal]:
        """De indexering en de eenheidsprijs in het casusjaar (half naar boven op centen).

        Onthouden per code en jaar: de GUI rekent bij elke toetsaanslag opnieuw. Een InvoerFout
        (indexcijfer ontbreekt) wordt niet onthouden.
        """
        sleutel = (item.code, casusjaar)
        if sleutel not in self._prijzen:
            ix = self.indexeer(item, casusjaar)
            self._prijzen[sleutel] = (ix, _maal_op_centen(item.bedrag, ix.factor))
        return self._prijzen[sleutel]

    def indexeer(self, item: Prijsitem, casusjaar: int) -> Indexering:
        """De indexfactor `index[casusjaar] / index[prijsjaar]` voor een item.

        Ontbreekt het casusjaar in de reeks (nog niet gepubliceerd), dan geldt het laatste
        jaar dat er wel is, met een waarschuwing. Ontbreekt een OVA-cijfer, dan wordt met
        CPI geïndexeerd en dat gemeld (nooit stilzwijgend).

        Items met dezelfde indexatie en hetzelfde prijsjaar delen hun indexering (onthouden), zolang
        geen waarschuwing het item zelf noemt: de eerste berekening na het openen van een casus.
        """
        sleutel = (item.indexatie, item.prijsjaar, casusjaar, bool(item.herziening))
        gedeeld = self._indexeringen.get(sleutel)
        if gedeeld is not None:
            return gedeeld
        ix = self._indexeer(item, casusjaar)
        if not any(item.code in w for w in ix.waarschuwingen):
            self._indexeringen[sleutel] = ix
        return ix

    def _indexeer(self, item: Prijsitem, casusjaar: int) -> Indexering:
        if item.indexatie == "geen" or item.prijsjaar == casusjaar:
            waarschuwingen = ()
            if item.prijsjaar < casusjaar and not item.herziening:  # met herziening: zie herzieningswaarschuwing
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
        sleutel = (reeks, van, naar)
        factor = self._factoren.get(sleutel)
        if factor is None:  # exact: indexcijfers hebben hoogstens 6 decimalen; veel items delen een prijsjaar
            factor = self._factoren[sleutel] = Fraction(int(cijfers[naar].scaleb(6)), int(cijfers[van].scaleb(6)))
        return Indexering(factor, reeks, van, naar, tuple(waarschuwingen), cijfers[van], cijfers[naar])

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
    teksten = {naam: lees_tekst(map_ / naam) for naam in (PRIJSLIJST_CSV, INDEXCIJFERS_CSV)}
    items = lees_items(teksten[PRIJSLIJST_CSV], str(map_ / PRIJSLIJST_CSV))
    index = lees_indexcijfers(teksten[INDEXCIJFERS_CSV], str(map_ / INDEXCIJFERS_CSV))
    versie = lees_versie(map_ / VERSIE_JSON) if (map_ / VERSIE_JSON).exists() else None
    vervallen: dict[str, tuple[str, str, str]] = {}
    if (map_ / VERVALLEN_CSV).exists():
        try:
            vervallen = lees_vervallen(map_ / VERVALLEN_CSV)
        except InvoerFout:
            pass  # alleen voor meldingen: de berekening gaat door, `prijslijst controleer` meldt de fout
    return Prijslijst(items, index, map_, inhoud_hash(items, index), versie, vervallen)


VERVALLEN_KOLOMMEN = ("code", "vervangen_door", "versie", "reden")


def vervallen_rijen(pad: Path) -> tuple[list[tuple[str, dict[str, str]]], Problemenlijst]:
    """De rijen van `vervallen.csv` met hun plaats, en wat er aan het bestand zelf mis is."""
    kop, rijen, problemen = csv_rijen_als_waarden(
        lees_tekst(pad), str(pad),
        "meer velden dan kolommen (staat er een komma in de reden? zet de reden tussen aanhalingstekens)")
    ontbrekend = [k for k in VERVALLEN_KOLOMMEN if k not in kop]
    if ontbrekend:
        problemen.voeg_toe("kolommen", f"ontbreken: {', '.join(ontbrekend)} (de kop is {','.join(VERVALLEN_KOLOMMEN)})")
    return rijen, problemen


def lees_vervallen(pad: Path) -> dict[str, tuple[str, str, str]]:
    """`vervallen.csv` (code, vervangen_door, versie, reden): alleen voor duidelijke meldingen."""
    rijen, problemen = vervallen_rijen(pad)
    problemen.werp_als_nodig(str(pad))
    return {r["code"]: (r["vervangen_door"], r["versie"], r["reden"]) for _, r in rijen if r["code"]}


def snapshot_hash(items: dict[str, Prijsitem], index: dict[str, dict[int, Decimal]],
                  versie: Prijslijstversie | None) -> str:
    """De controlehash van een vastgelegde prijslijst: de inhoud, en de discontovoet als de versie die noemt
    (die telt mee in de contante waarde). Een snapshot zonder discontovoet houdt zijn oude hash."""
    h = inhoud_hash(items, index)
    if versie is None or versie.discontovoet is None:
        return h
    return hashlib.sha256(f"{h}\0discontovoet\0{versie.discontovoet:f}".encode()).hexdigest()


def inhoud_hash(items: dict[str, Prijsitem], index: dict[str, dict[int, Decimal]]) -> str:
    """SHA-256 van de canonieke inhoud: onafhankelijk van opmaak, aanhalingstekens of BOM."""
    h = hashlib.sha256(b"doorbraak-prijslijst/1\0")
    h.update(prijslijst_csv_tekst(items).encode("utf-8"))
    h.update(b"\0")
    h.update(indexcijfers_csv_tekst(index).encode("utf-8"))
    return h.hexdigest()


def lees_tekst(pad: Path) -> str:
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


def csv_rijen_als_waarden(tekst: str, bestandsnaam: str, meer_velden: str) -> tuple[list[str], list[tuple[str, dict[str, str]]], Problemenlijst]:
    """De niet-lege rijen van een CSV als (plaats, {kolom: tekst}), met problemen per rij."""
    kop, rijen = _csv_rijen(tekst, bestandsnaam)
    problemen = Problemenlijst()
    uit: list[tuple[str, dict[str, str]]] = []
    for nr, rij in rijen:
        if not any((v or "").strip() for v in rij.values() if isinstance(v, str)):
            continue
        if None in rij:
            problemen.voeg_toe(f"regel {nr}", meer_velden)
            continue
        uit.append((f"regel {nr}", {k: (v or "").strip() for k, v in rij.items()}))
    return kop, uit, problemen


def lees_items(tekst: str, bestandsnaam: str = PRIJSLIJST_CSV) -> dict[str, Prijsitem]:
    kop, rijen, problemen = csv_rijen_als_waarden(
        tekst, bestandsnaam,
        "meer velden dan kolommen (staat er een komma in een bedrag? schrijf 12.50, of zet de waarde tussen aanhalingstekens)",
    )
    ontbrekend = [k for k in KOLOMMEN if k not in kop]
    if ontbrekend:
        raise InvoerFout(Probleem(bestandsnaam, f"kolommen ontbreken: {', '.join(ontbrekend)}"))
    items = items_uit_waarden(rijen, problemen)
    problemen.werp_als_nodig(bestandsnaam)
    return items


def items_uit_waarden(rijen: list[tuple[str, dict[str, str]]], problemen: Problemenlijst) -> dict[str, Prijsitem]:
    """Items uit rijen met tekstwaarden (uit CSV of Excel); problemen met plaats, code en veld."""
    items: dict[str, Prijsitem] = {}
    for plaats, waarden in rijen:
        item = item_uit_waarden(waarden, plaats, problemen, items)
        if item is not None:
            items[item.code] = item
    return items


def item_uit_waarden(waarden: dict[str, str], plaats: str, problemen: Problemenlijst,
                     eerder: dict[str, Prijsitem] | None = None) -> Prijsitem | None:
    """Eén item uit de tekstwaarden van een rij; None (en problemen) als de rij niet bruikbaar is."""
    w = {k: (waarden.get(k) or "").strip() for k in (*KOLOMMEN, *OPTIONELE_KOLOMMEN)}
    code = w["code"]
    pad = f"{plaats} ({code or 'zonder code'})"
    fouten_voor = len(problemen.problemen)
    if not _CODE.fullmatch(code):
        problemen.voeg_toe(pad, f"code {toon_waarde(code)} is ongeldig (hoofdletters, cijfers, . _ -)")
    elif eerder is not None and code in eerder:
        problemen.voeg_toe(pad, f"code {code} komt twee keer voor")
    for verplicht in ("naam", "categorie", "financier", "bron"):
        if not w[verplicht]:
            problemen.voeg_toe(f"{pad}.{verplicht}", "is leeg")
    if w["eenheid"] not in EENHEDEN:
        problemen.voeg_toe(f"{pad}.eenheid", f"{toon_waarde(w['eenheid'])} is geen bekende eenheid ({', '.join(EENHEDEN)})")
    if w["indexatie"] not in INDEXATIES:
        problemen.voeg_toe(f"{pad}.indexatie", f"{toon_waarde(w['indexatie'])} is geen bekende indexatie (cpi, ova, geen)")
    bedragen: dict[str, Decimal | None] = {}
    for kolom in ("bedrag", "bedrag_min", "bedrag_max"):
        if not w[kolom] and kolom != "bedrag":
            bedragen[kolom] = None
            continue
        try:
            bedragen[kolom] = lees_bedrag(w[kolom])
        except ValueError as e:
            problemen.voeg_toe(f"{pad}.{kolom}", str(e))
    prijsjaar = _jaar(w["prijsjaar"])
    if prijsjaar is None:
        problemen.voeg_toe(f"{pad}.prijsjaar", f"{toon_waarde(w['prijsjaar'])} is geen jaar tussen 1990 en 2100")
    gecontroleerd = _datum(w["gecontroleerd_op"], f"{pad}.gecontroleerd_op", problemen)
    geldig_vanaf = _datum(w["geldig_vanaf"], f"{pad}.geldig_vanaf", problemen)
    groepen = splits_groepen(w["overlapgroep"])
    for groep in groepen:
        if not _OVERLAPGROEP.fullmatch(groep):
            problemen.voeg_toe(f"{pad}.overlapgroep", f"{toon_waarde(groep)} is geen geldige groepsnaam "
                               "(2 tot 40 tekens: kleine letters, cijfers en -, zoals uithuisplaatsing; meer groepen "
                               "met een spatie ertussen)")
    for groep in sorted({g for g in groepen if groepen.count(g) > 1}):
        problemen.voeg_toe(f"{pad}.overlapgroep", f"noemt groep {groep} twee keer")
    if w["herziening"] and w["herziening"] not in HERZIENINGEN:
        problemen.voeg_toe(f"{pad}.herziening", f"{toon_waarde(w['herziening'])} is geen bekende herziening "
                           f"({', '.join(HERZIENINGEN)})")
    if len(problemen.problemen) > fouten_voor:
        return None
    return Prijsitem(
        code=code, naam=w["naam"], categorie=w["categorie"], eenheid=w["eenheid"],
        bedrag=bedragen["bedrag"], prijsjaar=prijsjaar, indexatie=w["indexatie"],
        financier=w["financier"], bron=w["bron"], url=w["url"], brontype=w["brontype"],
        gecontroleerd_op=gecontroleerd, bedrag_min=bedragen["bedrag_min"], bedrag_max=bedragen["bedrag_max"],
        toelichting=w["toelichting"], overlapgroep=" ".join(groepen), herziening=w["herziening"],
        geldig_vanaf=geldig_vanaf,
        extra={k: v for k, v in waarden.items() if k not in KOLOMMEN and k not in OPTIONELE_KOLOMMEN and k},
    )


def splits_groepen(tekst: str) -> list[str]:
    """`a b`, `a, b` en `a; b` zijn twee groepen."""
    return tekst.replace(",", " ").replace(";", " ").split()


_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december")


def datum_nl(d: date) -> str:
    """`2026-07-01` -> `1 juli 2026`."""
    return f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"


def ritme(herziening: str) -> str:
    return HERZIENINGEN.get(herziening, herziening)


def _datum(tekst: str, pad: str, problemen: Problemenlijst) -> date | None:
    if not tekst:
        return None
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        problemen.voeg_toe(pad, f"{toon_waarde(tekst)} is geen datum (JJJJ-MM-DD)")
        return None


def lees_indexcijfers(tekst: str, bestandsnaam: str = INDEXCIJFERS_CSV) -> dict[str, dict[int, Decimal]]:
    kop, rijen, problemen = csv_rijen_als_waarden(
        tekst, bestandsnaam, "meer velden dan kolommen (schrijf indexcijfers met een punt: 99.4)"
    )
    if "jaar" not in kop or "cpi" not in kop:
        raise InvoerFout(Probleem(bestandsnaam, "kolommen 'jaar' en 'cpi' zijn verplicht"))
    reeksen = indexcijfers_uit_waarden(rijen, problemen)
    problemen.werp_als_nodig(bestandsnaam)
    return reeksen


def indexcijfers_uit_waarden(rijen: list[tuple[str, dict[str, str]]], problemen: Problemenlijst) -> dict[str, dict[int, Decimal]]:
    """Indexreeksen uit rijen met tekstwaarden `jaar`, `cpi`, `ova`."""
    reeksen: dict[str, dict[int, Decimal]] = {r: {} for r in ("cpi", "ova")}
    gezien: set[int] = set()
    for plaats, rij in rijen:
        jaar = _jaar((rij.get("jaar") or "").strip())
        if jaar is None:
            problemen.voeg_toe(f"{plaats}.jaar", f"{toon_waarde(rij.get('jaar'))} is geen jaar tussen 1990 en 2100")
            continue
        if jaar in gezien:
            problemen.voeg_toe(f"{plaats}.jaar", f"jaar {jaar} komt twee keer voor")
            continue
        gezien.add(jaar)
        for reeks in ("cpi", "ova"):
            waarde = (rij.get(reeks) or "").strip()
            if not waarde:
                continue
            if not _INDEXCIJFER.fullmatch(waarde) or not 1 <= Decimal(waarde) <= 10000:
                problemen.voeg_toe(
                    f"{plaats}.{reeks}", f"{toon_waarde(waarde)} is geen indexcijfer (een getal van 1 tot 10000, zoals 134.6)"
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
    return reeksen


def lees_versie(pad: Path) -> Prijslijstversie:
    data = lees_json_tekst(lees_bytes(pad), str(pad))
    problemen = Problemenlijst()
    versie = versie_uit_dict(data, problemen)
    problemen.werp_als_nodig(str(pad))
    assert versie is not None
    return versie


def versie_uit_dict(data: object, problemen: Problemenlijst) -> Prijslijstversie | None:
    if not isinstance(data, dict):
        problemen.voeg_toe("", "versiegegevens moeten een object zijn met versie, datum en vastgesteld_door")
        return None
    versie = str(data.get("versie") or "").strip()
    if not _VERSIE.fullmatch(versie):
        problemen.voeg_toe("versie", f"{toon_waarde(data.get('versie'))} is geen versie (zoals 2026.1)")
    try:
        datum = date.fromisoformat(str(data.get("datum") or ""))
    except ValueError:
        problemen.voeg_toe("datum", f"{toon_waarde(data.get('datum'))} is geen datum (JJJJ-MM-DD)")
        datum = None
    door = str(data.get("vastgesteld_door") or "").strip()
    if not door:
        problemen.voeg_toe("vastgesteld_door", "ontbreekt: wie heeft deze versie vastgesteld?")
    discontovoet = None
    if data.get("discontovoet") is not None:
        try:
            discontovoet = lees_getal(data["discontovoet"], maximum=MAX_DISCONTOVOET, decimalen=6, wat="discontovoet")
        except ValueError as e:
            problemen.voeg_toe("discontovoet", str(e))
    if not _VERSIE.fullmatch(versie) or datum is None or not door or (data.get("discontovoet") is not None
                                                                        and discontovoet is None):
        return None
    return Prijslijstversie(versie, datum, door, str(data.get("opmerking") or "").strip(), discontovoet)


# ---------------------------------------------------------------- schrijven


def prijslijst_csv_tekst(items: dict[str, Prijsitem]) -> str:
    """De canonieke `prijslijst.csv`: vaste kolomvolgorde, bedragen met twee decimalen."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, kolommen(items), lineterminator="\n")
    w.writeheader()
    for item in items.values():
        w.writerow(item.als_waarden())
    return buf.getvalue()


def kolommen(items: dict[str, Prijsitem], *, alle_aanvullende: bool = False) -> list[str]:
    """De kolommen van een lijst: verplicht, optioneel, dan de gebruikte aanvullende en onbekende samen, gesorteerd.

    Samen gesorteerd, omdat een versie van vóór 2027.1 de aanvullende kolommen als onbekende kolommen leest
    en die gesorteerd schrijft: zo berekenen oude en nieuwe versies dezelfde inhoudshash, en leest een
    collega met een oudere versie een nieuw vastgelegd besluit zonder vals alarm.
    """
    gebruikt = {k for i in items.values() for k in i.als_waarden()}
    aanvullend = {k for k in AANVULLENDE_KOLOMMEN if alle_aanvullende or k in gebruikt}
    extra = {k for i in items.values() for k in i.extra}
    return [*KOLOMMEN, *BASIS_OPTIONELE_KOLOMMEN, *sorted(aanvullend | extra)]


def indexcijfers_csv_tekst(index: dict[str, dict[int, Decimal]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["jaar", "cpi", "ova"])
    for jaar in sorted(set(index.get("cpi", {})) | set(index.get("ova", {}))):
        w.writerow([jaar, *(indexcijfer_tekst(index.get(r, {}).get(jaar)) for r in ("cpi", "ova"))])
    return buf.getvalue()


def indexcijfer_tekst(d: Decimal | None) -> str:
    """Canoniek: `100.00` -> `100`, `84.80` -> `84.8` (dezelfde waarde, één schrijfwijze)."""
    return "" if d is None else f"{d.normalize():f}"


def schrijf_prijslijstmap(map_: Path | str, items: dict[str, Prijsitem], index: dict[str, dict[int, Decimal]],
                          versie: Prijslijstversie | None) -> None:
    """Schrijf een prijslijstmap; elk bestand atomair (eerst alles gecontroleerd door de aanroeper)."""
    map_ = Path(map_)
    if map_.exists() and not map_.is_dir():
        raise InvoerFout(Probleem(str(map_), "is een bestand, geen map"))
    try:
        map_.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InvoerFout(Probleem(str(map_), f"kan de map niet maken (systeemfout {e.errno})")) from None
    bestanden = {map_ / INDEXCIJFERS_CSV: indexcijfers_csv_tekst(index), map_ / PRIJSLIJST_CSV: prijslijst_csv_tekst(items)}
    if versie is not None:
        bestanden[map_ / VERSIE_JSON] = naar_json(versie.als_dict())
    schrijf_bestanden_atomair(bestanden)


def prijslijst_uit_snapshot(data: object, bron: str = "snapshot") -> Prijslijst:
    """De vastgelegde prijslijst van een besluit terug, om exact na te rekenen."""
    if not isinstance(data, dict) or data.get("formaat") != SNAPSHOT_FORMAAT:
        raise InvoerFout(Probleem(bron, f"geen prijslijst-snapshot (verwacht formaat {SNAPSHOT_FORMAAT!r})"))
    problemen = Problemenlijst()
    ruwe_items, ruwe_index = data.get("items"), data.get("indexcijfers")
    if not isinstance(ruwe_items, list) or not all(isinstance(r, dict) for r in ruwe_items):
        raise InvoerFout(Probleem(f"{bron}: items", "moet een lijst van objecten zijn"))
    if not isinstance(ruwe_index, dict) or not all(isinstance(c, dict) for c in ruwe_index.values()):
        raise InvoerFout(Probleem(f"{bron}: indexcijfers", "moet een object met reeksen (cpi, ova) zijn"))
    items = items_uit_waarden([(f"items[{i}]", {k: str(v) for k, v in rij.items()}) for i, rij in enumerate(ruwe_items)],
                              problemen)
    index_rijen: dict[str, dict[str, str]] = {}
    for reeks, cijfers in ruwe_index.items():
        for jaar, waarde in cijfers.items():
            index_rijen.setdefault(str(jaar), {"jaar": str(jaar)})[reeks] = str(waarde)
    index = indexcijfers_uit_waarden([(f"indexcijfers {j}", r) for j, r in sorted(index_rijen.items())], problemen)
    versie = versie_uit_dict(data["versie"], problemen) if data.get("versie") else None
    problemen.werp_als_nodig(bron)
    if data.get("snapshot_hash") != snapshot_hash(items, index, versie):
        raise InvoerFout(Probleem(bron, "de vastgelegde prijzen zijn na het vastleggen gewijzigd (de controlehash klopt "
                                  "niet); met deze snapshot wordt niet gerekend"))
    return Prijslijst(items, index, None, str(data.get("inhoud_hash") or ""), versie)


def _jaar(tekst: str) -> int | None:
    if not re.fullmatch(r"[0-9]{4}", tekst):
        return None
    jaar = int(tekst)
    return jaar if 1990 <= jaar <= 2100 else None
