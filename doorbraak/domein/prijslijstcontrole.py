"""De controle van een prijslijst voor de afdeling die haar onderhoudt (`doorbraak prijslijst controleer`).

Werkt op de ruwe rijen, uit een prijslijstmap (CSV) of uit een Excel-bestand, zodat elke fout met
zijn regel- of rijnummer en code gemeld wordt, ook als de lijst als geheel niet te laden is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from doorbraak.domein.fouten import InvoerFout, Probleem, Problemenlijst
from doorbraak.domein.geld import toon_waarde
from doorbraak.domein.jsonbestand import lees_bytes, lees_json_tekst
from doorbraak.domein.prijslijst import (
    _OVERLAPGROEP, _VERSIE, BRONTYPEN, CATEGORIEEN, HERZIENINGEN, INDEXCIJFERS_CSV, KOLOMMEN, PRIJSLIJST_CSV, REEKSNAAM,
    VERSIE_JSON, VERVALLEN_CSV, Prijsitem, Prijslijst, csv_rijen_als_waarden, datum_nl, indexcijfers_uit_waarden,
    inhoud_hash, item_uit_waarden, items_uit_waarden, lees_tekst, ritme, splits_groepen, vervallen_rijen,
    versie_uit_dict,
)

FOUT = "fout"
WAARSCHUWING = "waarschuwing"
MAANDEN_ONGECONTROLEERD = 12
_URL = re.compile(r"https?://[^\s/]+\.[^\s/]+(/\S*)?")
JAREN_OUD = 5


@dataclass(frozen=True)
class Bevinding:
    ernst: str  # FOUT of WAARSCHUWING
    plaats: str  # "regel 5 (WMO-HBH).url", "indexcijfers", "versie"
    melding: str

    def __str__(self) -> str:
        return f"{self.plaats}: {self.melding}" if self.plaats else self.melding


@dataclass
class PrijslijstInvoer:
    """Een prijslijst zoals ze binnenkomt: rijen met tekstwaarden en de plaats van elke rij."""

    naam: str  # map of bestand, voor meldingen
    item_rijen: list[tuple[str, dict[str, str]]]
    index_rijen: list[tuple[str, dict[str, str]]] | None
    versie: dict | None
    leesproblemen: list[Probleem] = field(default_factory=list)
    kolommen: list[str] = field(default_factory=list)
    #: `vervallen.csv` (alleen in een map): de rijen, en wat er aan het bestand zelf mis is
    vervallen: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    vervallen_problemen: list[Probleem] = field(default_factory=list)


def lees_invoer_map(map_: Path | str) -> PrijslijstInvoer:
    """Lees een prijslijstmap als ruwe rijen (voor controle of vergelijking)."""
    map_ = Path(map_)
    if not map_.is_dir():
        raise InvoerFout(Probleem(str(map_), "prijslijstmap niet gevonden"))
    kop, items, p1 = csv_rijen_als_waarden(lees_tekst(map_ / PRIJSLIJST_CSV), str(map_ / PRIJSLIJST_CSV),
                                           "meer velden dan kolommen (staat er een komma in een bedrag?)")
    index_rijen = None
    problemen = list(p1.problemen)
    if (map_ / INDEXCIJFERS_CSV).exists():
        index_rijen, p2 = lees_index_rijen(map_ / INDEXCIJFERS_CSV)
        problemen += p2
    versie = None
    if (map_ / VERSIE_JSON).exists():
        versie = lees_json_tekst(lees_bytes(map_ / VERSIE_JSON), str(map_ / VERSIE_JSON))
    invoer = PrijslijstInvoer(str(map_), items, index_rijen, versie, problemen, kop)
    if (map_ / VERVALLEN_CSV).exists():
        try:
            rijen, vp = vervallen_rijen(map_ / VERVALLEN_CSV)
            invoer.vervallen = [(f"{VERVALLEN_CSV} {plaats}", r) for plaats, r in rijen]
            invoer.vervallen_problemen = [Probleem(f"{VERVALLEN_CSV} {q.pad}", q.melding) for q in vp.problemen]
        except InvoerFout as fout:
            invoer.vervallen_problemen = [Probleem(VERVALLEN_CSV, q.melding) for q in fout.problemen]
    return invoer


def lees_index_rijen(pad: Path) -> tuple[list[tuple[str, dict[str, str]]], list[Probleem]]:
    """De rijen van een `indexcijfers.csv` (plaats: `indexcijfers.csv regel N`)."""
    _, rijen, p = csv_rijen_als_waarden(lees_tekst(pad), str(pad), "meer velden dan kolommen (schrijf indexcijfers met een punt)")
    return ([(f"{pad.name} {plaats}", r) for plaats, r in rijen],
            [Probleem(f"{pad.name} {q.pad}", q.melding) for q in p.problemen])


def maak_prijslijst(invoer: PrijslijstInvoer) -> Prijslijst:
    """De prijslijst uit de invoer, of een InvoerFout met alle problemen (rij, code, veld)."""
    problemen = Problemenlijst()
    problemen.problemen.extend(invoer.leesproblemen)
    ontbrekend = [k for k in KOLOMMEN if k not in invoer.kolommen]
    if ontbrekend:
        problemen.voeg_toe("kolommen", f"ontbreken: {', '.join(ontbrekend)}")
    if not invoer.item_rijen and not invoer.leesproblemen:
        problemen.voeg_toe("", "de prijslijst bevat geen enkel item")
    items = items_uit_waarden(invoer.item_rijen, problemen)
    if invoer.index_rijen is None:
        problemen.voeg_toe("indexcijfers", "ontbreken")
        index: dict = {"cpi": {}, "ova": {}}
    else:
        index = indexcijfers_uit_waarden(invoer.index_rijen, problemen)
    versie = None
    if invoer.versie is not None:
        vp = Problemenlijst()
        versie = versie_uit_dict(invoer.versie, vp)
        problemen.problemen.extend(Probleem(f"versie.{p.pad}" if p.pad else "versie", p.melding) for p in vp.problemen)
    problemen.werp_als_nodig(invoer.naam)
    return Prijslijst(items, index, None, inhoud_hash(items, index), versie)


def controleer(invoer: PrijslijstInvoer, vandaag: date) -> list[Bevinding]:
    """Alle fouten en waarschuwingen van een prijslijst, in de volgorde van het bestand."""
    bevindingen: list[Bevinding] = [Bevinding(FOUT, p.pad, p.melding) for p in invoer.leesproblemen]
    ontbrekend = [k for k in KOLOMMEN if k not in invoer.kolommen]
    if ontbrekend:
        bevindingen.append(Bevinding(FOUT, "kolommen", f"ontbreken: {', '.join(ontbrekend)}"))
    if not invoer.item_rijen and not invoer.leesproblemen:
        bevindingen.append(Bevinding(FOUT, "", "de prijslijst bevat geen enkel item"))

    index_problemen = Problemenlijst()
    if invoer.index_rijen is None:
        bevindingen.append(Bevinding(FOUT, "indexcijfers", "ontbreken"))
        index: dict = {"cpi": {}, "ova": {}}
    else:
        index = indexcijfers_uit_waarden(invoer.index_rijen, index_problemen)
    bevindingen += [Bevinding(FOUT, p.pad, p.melding) for p in index_problemen.problemen]
    bevindingen += _controleer_index(index, vandaag)

    codes: dict[str, str] = {}  # code -> plaats van het eerste voorkomen, ook als die rij fouten heeft
    groepen: dict[str, list[tuple[str, str]]] = {}  # groep -> (plaats, code), ook van rijen met een andere fout
    for plaats, waarden in invoer.item_rijen:
        problemen = Problemenlijst()
        item = item_uit_waarden(waarden, plaats, problemen)
        code = (waarden.get("code") or "").strip()
        if code and code in codes:
            problemen.voeg_toe(f"{plaats} ({code})", f"code {code} komt twee keer voor (ook op {codes[code]})")
            item = None
        codes.setdefault(code, plaats)
        bevindingen += [Bevinding(FOUT, p.pad, p.melding) for p in problemen.problemen]
        if item is not None:
            bevindingen += _controleer_item(item, f"{plaats} ({item.code})", index, vandaag)
        for groep in dict.fromkeys(splits_groepen(waarden.get("overlapgroep") or "")):
            if _OVERLAPGROEP.fullmatch(groep):
                groepen.setdefault(groep, []).append((plaats, code or "zonder code"))
    bevindingen += _controleer_groepen(groepen)
    bevindingen += _controleer_vervallen(invoer, codes)

    if invoer.versie is None:
        bevindingen.append(Bevinding(FOUT, "versie", "ontbreekt (versie, datum en vastgesteld_door)"))
    else:
        vp = Problemenlijst()
        versie_uit_dict(invoer.versie, vp)
        bevindingen += [Bevinding(FOUT, f"versie.{p.pad}" if p.pad else "versie", p.melding) for p in vp.problemen]
    return bevindingen


def _controleer_item(item: Prijsitem, pad: str, index: dict, vandaag: date) -> list[Bevinding]:
    b: list[Bevinding] = []

    def fout(veld: str, melding: str) -> None:
        b.append(Bevinding(FOUT, f"{pad}.{veld}" if veld else pad, melding))

    def waarschuw(melding: str) -> None:
        b.append(Bevinding(WAARSCHUWING, pad, melding))

    if item.categorie not in CATEGORIEEN:
        fout("categorie", f"'{item.categorie}' is geen bekende categorie ({', '.join(CATEGORIEEN)})")
    if item.bedrag <= 0:
        fout("bedrag", "moet groter dan € 0,00 zijn")
    if item.prijsjaar > vandaag.year + 1:  # tarieven voor volgend jaar komen in het najaar
        fout("prijsjaar", f"{item.prijsjaar} ligt meer dan een jaar in de toekomst")
    if not _URL.fullmatch(item.url):
        fout("url", "ontbreekt" if not item.url else f"{toon_waarde(item.url)} is geen volledig webadres (https://...)")
    if item.brontype not in BRONTYPEN:
        fout("brontype", f"'{item.brontype}' is geen bekend brontype (O officieel, R onderzoek, S secundair)")
    if item.gecontroleerd_op is None:
        fout("gecontroleerd_op", "ontbreekt: wanneer is het bedrag tegen de bron gecontroleerd?")
    elif item.gecontroleerd_op > vandaag:
        fout("gecontroleerd_op", f"{item.gecontroleerd_op.isoformat()} ligt in de toekomst")
    if (item.bedrag_min is None) != (item.bedrag_max is None):
        fout("bedrag_min" if item.bedrag_min is None else "bedrag_max", "een bandbreedte heeft zowel bedrag_min als bedrag_max")
    elif item.bedrag_min is not None and item.bedrag_max is not None:
        if not item.bedrag_min <= item.bedrag <= item.bedrag_max:
            fout("bedrag", f"ligt niet binnen de bandbreedte {item.bedrag_min} - {item.bedrag_max}")
        if not item.toelichting:
            fout("toelichting", "ontbreekt: leg uit welk bedrag uit de bandbreedte gekozen is en waarom")
    if item.indexatie in REEKSNAAM:
        reeks = index.get(item.indexatie, {})
        cpi = index.get("cpi", {})
        if item.prijsjaar in reeks:
            pass
        elif cpi and item.prijsjaar > max(cpi) and (not reeks or item.prijsjaar > max(reeks)):
            waarschuw(f"prijsjaar {item.prijsjaar} ligt na het laatst gepubliceerde indexcijfer: dit bedrag wordt "
                      "niet geïndexeerd tot het cijfer van dat jaar is toegevoegd")
        elif item.indexatie == "ova" and item.prijsjaar in cpi:
            waarschuw(f"geen OVA-indexcijfer voor prijsjaar {item.prijsjaar}: de berekening indexeert dit item met CPI")
        else:
            fout("prijsjaar", f"geen {REEKSNAAM[item.indexatie]}-indexcijfer voor {item.prijsjaar}")

    b += _controleer_herziening(item, pad, vandaag)
    if item.gecontroleerd_op is not None and item.gecontroleerd_op < _jaren_eerder(vandaag, 1):
        waarschuw(f"niet gecontroleerd sinds {item.gecontroleerd_op.isoformat()} (meer dan {MAANDEN_ONGECONTROLEERD} maanden)")
    grens = _jaren_eerder(vandaag, 1)
    recent_gecontroleerd = item.gecontroleerd_op is not None and item.gecontroleerd_op >= grens
    if item.herziening:
        pass  # een vast bedrag met een herzieningsmoment: _controleer_herziening zegt precies wanneer het verliep
    elif vandaag.year - item.prijsjaar > JAREN_OUD:
        waarschuw(f"prijsjaar {item.prijsjaar} is meer dan {JAREN_OUD} jaar oud: "
                  + ("controleer of dit vaste bedrag nog geldt" if item.indexatie == "geen" else "zoek een recentere bron"))
    elif item.indexatie == "geen" and not recent_gecontroleerd and item.prijsjaar < vandaag.year:
        waarschuw(f"vast bedrag uit {item.prijsjaar}: controleer of er voor {vandaag.year} een nieuw bedrag geldt")
    return b


def _controleer_herziening(item: Prijsitem, pad: str, vandaag: date) -> list[Bevinding]:
    """Wanneer een vast bedrag opnieuw wordt vastgesteld, en of dat moment al voorbij is."""
    b: list[Bevinding] = []
    if item.geldig_vanaf is not None and item.geldig_vanaf.year != item.prijsjaar:
        b.append(Bevinding(FOUT, f"{pad}.geldig_vanaf", f"{item.geldig_vanaf.isoformat()} ligt niet in het prijsjaar "
                           f"{item.prijsjaar}"))
    if item.indexatie != "geen":
        for veld in ("herziening", "geldig_vanaf"):
            if getattr(item, veld):
                b.append(Bevinding(FOUT, f"{pad}.{veld}", f"alleen voor een vast bedrag (indexatie geen); dit item "
                                   f"wordt met {REEKSNAAM[item.indexatie]} geïndexeerd"))
        return b
    if not item.herziening:
        return b + [Bevinding(WAARSCHUWING, pad, f"{item.naam}: vul de kolom herziening in ({', '.join(HERZIENINGEN)}): "
                              "wanneer wordt dit vaste bedrag opnieuw vastgesteld?")]
    if b:
        return b
    volgende = item.volgende_herziening()
    if volgende is not None and vandaag >= volgende:
        return [Bevinding(WAARSCHUWING, pad, (
            f"{item.naam}: dit bedrag geldt sinds {datum_nl(item.ingang)} en wordt {ritme(item.herziening)} "
            f"opnieuw vastgesteld; uiterlijk sinds {datum_nl(volgende)} geldt een nieuw bedrag. Vervang het door "
            "het bedrag van nu (met bron en geldig_vanaf)"))]
    return []


def _controleer_groepen(groepen: dict[str, list[tuple[str, str]]]) -> list[Bevinding]:
    """Een overlapgroep met één item is vrijwel altijd een tikfout in de groepsnaam."""
    b: list[Bevinding] = []
    for naam, leden in groepen.items():
        if len(leden) == 1:
            plaats, code = leden[0]
            bekend = sorted(g for g, andere in groepen.items() if len(andere) > 1)
            b.append(Bevinding(FOUT, f"{plaats} ({code}).overlapgroep", (
                f"groep '{naam}' heeft maar één item; een overlapgroep verbindt items die dezelfde kosten prijzen "
                f"(tikfout? bestaande groepen: {', '.join(bekend) or 'geen'})")))
    return b


def _controleer_vervallen(invoer: PrijslijstInvoer, codes: dict[str, str]) -> list[Bevinding]:
    """`vervallen.csv`: leesbaar, elke code één keer, niet meer in de lijst, en een vervanger die er wel in staat."""
    if invoer.vervallen_problemen:  # eerst het bestand zelf; de rijen zeggen dan nog niets
        return [Bevinding(FOUT, p.pad, p.melding) for p in invoer.vervallen_problemen]
    b: list[Bevinding] = []
    gezien: set[str] = set()
    for plaats, rij in invoer.vervallen:
        code, door, versie = rij.get("code", ""), rij.get("vervangen_door", ""), rij.get("versie", "")
        pad = f"{plaats} ({code or 'zonder code'})"
        if not code:
            b.append(Bevinding(FOUT, f"{pad}.code", "is leeg"))
        elif code in gezien:
            b.append(Bevinding(FOUT, f"{pad}.code", f"{code} staat twee keer in {VERVALLEN_CSV}"))
        elif code in codes:
            b.append(Bevinding(FOUT, f"{pad}.code", f"{code} staat nog in de prijslijst ({codes[code]})"))
        gezien.add(code)
        if door and door not in codes:
            b.append(Bevinding(FOUT, f"{pad}.vervangen_door", f"{door} staat niet in de prijslijst"))
        if not _VERSIE.fullmatch(versie):
            b.append(Bevinding(FOUT, f"{pad}.versie", f"{toon_waarde(versie)} is geen versie (zoals 2027.1)"))
    return b


def _controleer_index(index: dict, vandaag: date) -> list[Bevinding]:
    b: list[Bevinding] = []
    cpi = index.get("cpi", {})
    if not cpi:
        return [Bevinding(FOUT, "indexcijfers.cpi", "de CPI-reeks is leeg")]
    jaren = sorted(cpi)
    gaten = [j for j in range(jaren[0], jaren[-1]) if j not in cpi]
    if gaten:
        b.append(Bevinding(FOUT, "indexcijfers.cpi", f"jaren ontbreken in de reeks: {', '.join(map(str, gaten))}"))
    if jaren[-1] < vandaag.year - 1:
        b.append(Bevinding(WAARSCHUWING, "indexcijfers.cpi",
                           f"het laatste CPI-jaar is {jaren[-1]}; CBS publiceert het jaarcijfer van "
                           f"{vandaag.year - 1} in januari {vandaag.year}"))
    for reeks, cijfers in index.items():
        # een CPI-jaargemiddelde bestaat pas na afloop van het jaar; de (voorlopige) OVA van volgend jaar al wel
        toekomst = [j for j in cijfers if j > (vandaag.year - 1 if reeks == "cpi" else vandaag.year + 1)]
        if toekomst:
            b.append(Bevinding(FOUT, f"indexcijfers.{reeks}",
                               f"cijfers voor jaren die nog niet gepubliceerd kunnen zijn: {', '.join(map(str, sorted(toekomst)))}"))
    ova = sorted(index.get("ova", {}))
    if ova:
        gaten = [j for j in range(ova[0], ova[-1]) if j not in index["ova"]]
        if gaten:
            b.append(Bevinding(FOUT, "indexcijfers.ova", f"jaren ontbreken in de reeks: {', '.join(map(str, gaten))}"))
    return b


def _jaren_eerder(d: date, jaren: int) -> date:
    """Dezelfde dag `jaren` jaar eerder (29 februari wordt 28 februari)."""
    try:
        return d.replace(year=d.year - jaren)
    except ValueError:
        return d.replace(year=d.year - jaren, day=28)
