"""De controle van een prijslijst voor de afdeling die haar onderhoudt (`doorbraak prijslijst controleer`).

Werkt op de ruwe rijen, uit een prijslijstmap (CSV) of uit een Excel-bestand, zodat elke fout met
zijn regel- of rijnummer en code gemeld wordt, ook als de lijst als geheel niet te laden is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from doorbraak.domein.fouten import InvoerFout, Probleem, Problemenlijst
from doorbraak.domein.jsonbestand import lees_bytes, lees_json_tekst
from doorbraak.domein.prijslijst import (
    BRONTYPEN, CATEGORIEEN, INDEXCIJFERS_CSV, KOLOMMEN, PRIJSLIJST_CSV, REEKSNAAM, VERSIE_JSON, Prijsitem,
    Prijslijst, csv_rijen_als_waarden, indexcijfers_uit_waarden, inhoud_hash, item_uit_waarden, items_uit_waarden,
    lees_tekst, versie_uit_dict,
)

FOUT = "fout"
WAARSCHUWING = "waarschuwing"
MAANDEN_ONGECONTROLEERD = 12
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
    return PrijslijstInvoer(str(map_), items, index_rijen, versie, problemen, kop)


def lees_index_rijen(pad: Path) -> tuple[list[tuple[str, dict[str, str]]], list[Probleem]]:
    """De rijen van een `indexcijfers.csv` (plaats: `indexcijfers.csv regel N`)."""
    _, rijen, p = csv_rijen_als_waarden(lees_tekst(pad), str(pad), "meer velden dan kolommen (schrijf indexcijfers met een punt)")
    return ([(f"{pad.name} {plaats}", r) for plaats, r in rijen],
            [Probleem(f"{pad.name} {q.pad}", q.melding) for q in p.problemen])


def maak_prijslijst(invoer: PrijslijstInvoer) -> Prijslijst:
    """De prijslijst uit de invoer, of een InvoerFout met alle problemen (rij, code, veld)."""
    problemen = Problemenlijst()
    problemen.problemen.extend(invoer.leesproblemen)
    ontbrekend = [k for k in KOLOMMEN if invoer.kolommen and k not in invoer.kolommen]
    if ontbrekend:
        problemen.voeg_toe("kolommen", f"ontbreken: {', '.join(ontbrekend)}")
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
    ontbrekend = [k for k in KOLOMMEN if invoer.kolommen and k not in invoer.kolommen]
    if ontbrekend:
        bevindingen.append(Bevinding(FOUT, "kolommen", f"ontbreken: {', '.join(ontbrekend)}"))

    index_problemen = Problemenlijst()
    if invoer.index_rijen is None:
        bevindingen.append(Bevinding(FOUT, "indexcijfers", "ontbreken"))
        index: dict = {"cpi": {}, "ova": {}}
    else:
        index = indexcijfers_uit_waarden(invoer.index_rijen, index_problemen)
    bevindingen += [Bevinding(FOUT, p.pad, p.melding) for p in index_problemen.problemen]
    bevindingen += _controleer_index(index, vandaag)

    eerder: dict[str, Prijsitem] = {}
    for plaats, waarden in invoer.item_rijen:
        problemen = Problemenlijst()
        item = item_uit_waarden(waarden, plaats, problemen, eerder)
        bevindingen += [Bevinding(FOUT, p.pad, p.melding) for p in problemen.problemen]
        if item is None:
            continue
        eerder[item.code] = item
        bevindingen += _controleer_item(item, f"{plaats} ({item.code})", index, vandaag)

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
    if item.prijsjaar > vandaag.year:
        fout("prijsjaar", f"{item.prijsjaar} ligt in de toekomst")
    if not item.url.startswith(("https://", "http://")):
        fout("url", "ontbreekt of is geen webadres (https://...)" if item.url else "ontbreekt")
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

    if item.gecontroleerd_op is not None and _maanden_tussen(item.gecontroleerd_op, vandaag) > MAANDEN_ONGECONTROLEERD:
        waarschuw(f"niet gecontroleerd sinds {item.gecontroleerd_op.isoformat()} (meer dan {MAANDEN_ONGECONTROLEERD} maanden)")
    recent_gecontroleerd = (item.gecontroleerd_op is not None
                            and _maanden_tussen(item.gecontroleerd_op, vandaag) <= MAANDEN_ONGECONTROLEERD)
    if item.indexatie == "geen":
        # Een vast (wettelijk) bedrag veroudert niet door zijn jaartal maar doordat niemand het nakijkt:
        # onlangs nog tegen de bron gecontroleerd (zoals de WIK-staffel uit 2012) is het in orde.
        if not recent_gecontroleerd and item.prijsjaar < vandaag.year:
            waarschuw(f"vast bedrag uit {item.prijsjaar}: controleer of er voor {vandaag.year} een nieuw bedrag geldt")
    elif vandaag.year - item.prijsjaar > JAREN_OUD:
        waarschuw(f"prijsjaar {item.prijsjaar} is meer dan {JAREN_OUD} jaar oud: zoek een recentere bron")
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
    ova = sorted(index.get("ova", {}))
    if ova:
        gaten = [j for j in range(ova[0], ova[-1]) if j not in index["ova"]]
        if gaten:
            b.append(Bevinding(FOUT, "indexcijfers.ova", f"jaren ontbreken in de reeks: {', '.join(map(str, gaten))}"))
    return b


def _maanden_tussen(van: date, tot: date) -> int:
    """Hele maanden van `van` tot `tot` (13 maanden = meer dan 12)."""
    maanden = (tot.year - van.year) * 12 + tot.month - van.month
    return maanden - (1 if tot.day < van.day else 0)
