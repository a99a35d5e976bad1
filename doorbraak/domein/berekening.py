"""De maatschappelijke businesscase van één casus, exact tot op de cent.

Eén functie, `bereken`, rekent; de CLI, de GUI en de exports tonen haar uitkomst en rekenen
nooit zelf. Afronding: eenheidsprijs en regelbedrag half naar boven op centen; totalen zijn
sommen van regelbedragen; de ratio half naar boven op twee decimalen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Context, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import NamedTuple

from doorbraak.domein.casus import Casus, Kostenregel, padnaam
from doorbraak.domein.fouten import InvoerFout, Problemenlijst
from doorbraak.domein.geld import NUL, REKENCONTEXT, als_tekst, getal_nl, rond_af
from doorbraak.domein.prijslijst import Indexering, Prijsitem, Prijslijst
from doorbraak.domein.regels import STANDAARD_LIMIET, duur_boven_horizon, route, vind_bsn

ZONDER = "zonder_doorbraak"
MET = "met_doorbraak"
_EXACT = Context(prec=80, traps=[Inexact])  # producten van bedragen zijn altijd exact
_EEN = Fraction(1)


class Regeluitkomst(NamedTuple):
    """Eén kostenregel zoals berekend: waar de eenheidsprijs vandaan komt en wat de regel kost.

    Een NamedTuple: onveranderlijk en snel te maken (een casus kan honderden regels hebben).
    """

    pad: str  # "zonder_doorbraak[2]"
    omschrijving: str
    code: str | None  # prijscode, of None voor een eigen regel
    eenheid: str
    financier: str
    bron: str
    bedrag_bron: Decimal  # bedrag uit de prijslijst (prijsjaar) of de eigen eenheidsprijs
    prijsjaar: int | None
    indexatie: str | None  # zoals in de prijslijst: cpi, ova of geen
    indexreeks: str | None  # de reeks die echt gebruikt is (cpi als een ova-cijfer ontbrak)
    indexfactor: Fraction  # 1 voor een eigen regel
    eenheidsprijs: Decimal  # geïndexeerd naar het casusjaar, op centen
    aantal: Decimal
    kans: Decimal
    bedrag: Decimal  # eenheidsprijs x aantal x kans, op centen


@dataclass(frozen=True)
class Financierssaldo:
    financier: str
    zonder: Decimal
    met: Decimal

    @property
    def vermeden(self) -> Decimal:
        return self.zonder - self.met


@dataclass(frozen=True)
class Businesscase:
    casus_id: str
    prijsjaar: int
    interventie_totaal: Decimal
    kosten_zonder: Decimal
    kosten_met: Decimal
    vermeden_kosten: Decimal
    netto_rendement: Decimal
    rendement_ratio: Decimal | None
    route: str
    limiet: Decimal
    eerder_goedgekeurd: Decimal
    zonder: tuple[Regeluitkomst, ...]
    met: tuple[Regeluitkomst, ...]
    financiers: tuple[Financierssaldo, ...]
    waarschuwingen: tuple[str, ...] = field(default=())
    prijslijst_hash: str = ""
    prijslijst_versie: str = ""

    @property
    def gebruikte_codes(self) -> set[str]:
        return {u.code for u in self.zonder + self.met if u.code}

    @property
    def per_financier(self) -> dict[str, Decimal]:
        """Vermeden kosten per financier (zijn regels zonder min zijn regels met doorbraak)."""
        return {f.financier: f.vermeden for f in self.financiers}

    def als_json(self) -> dict[str, object]:
        """De uitvoer van `doorbraak bereken --json`: bedragen als tekst met twee decimalen."""
        return {
            "casus_id": self.casus_id,
            "interventie_totaal": als_tekst(self.interventie_totaal),
            "kosten_zonder": als_tekst(self.kosten_zonder),
            "kosten_met": als_tekst(self.kosten_met),
            "vermeden_kosten": als_tekst(self.vermeden_kosten),
            "netto_rendement": als_tekst(self.netto_rendement),
            "rendement_ratio": None if self.rendement_ratio is None else f"{self.rendement_ratio:f}",
            "route": self.route,
            "limiet": als_tekst(self.limiet),
            "per_financier": {naam: als_tekst(b) for naam, b in self.per_financier.items()},
            "waarschuwingen": list(self.waarschuwingen),
            "prijslijst": {"versie": self.prijslijst_versie, "inhoud_hash": self.prijslijst_hash},
            "regels": [
                {
                    "pad": u.pad, "code": u.code, "omschrijving": u.omschrijving, "eenheid": u.eenheid,
                    "eenheidsprijs": als_tekst(u.eenheidsprijs), "prijsjaar": u.prijsjaar, "indexreeks": u.indexreeks,
                    "indexfactor": f"{rond_af(u.indexfactor, Decimal('0.000001')):f}", "aantal": f"{u.aantal:f}",
                    "kans": f"{u.kans:f}", "bedrag": als_tekst(u.bedrag), "financier": u.financier,
                }
                for u in self.zonder + self.met
            ],
        }


def bereken(
    casus: Casus,
    prijslijst: Prijslijst,
    *,
    limiet: Decimal = STANDAARD_LIMIET,
    eerder_goedgekeurd: Decimal = NUL,
) -> Businesscase:
    """Bereken de businesscase; InvoerFout (met veldpaden) als een prijs niet te bepalen is.

    Rekent in `REKENCONTEXT`, wat de aanroeper ook met `decimal.getcontext()` heeft gedaan.
    """
    with localcontext(REKENCONTEXT):
        return _bereken(casus, prijslijst, limiet, eerder_goedgekeurd)


def _bereken(casus: Casus, prijslijst: Prijslijst, limiet: Decimal, eerder_goedgekeurd: Decimal) -> Businesscase:
    problemen = Problemenlijst()
    waarschuwingen: list[str] = []
    per_code: dict[str, tuple[Prijsitem, Indexering, Decimal] | str] = {}

    def prijs_van(code: str) -> tuple[Prijsitem, Indexering, Decimal] | str:
        """Eenheidsprijs van een item in het casusjaar, of waarom die er niet is; één keer per code."""
        if code not in per_code:
            item = prijslijst.item(code)
            if item is None:
                per_code[code] = prijslijst.onbekend(code)
                return per_code[code]
            try:
                ix, eenheidsprijs = prijslijst.eenheidsprijs(item, casus.jaar)
            except InvoerFout as fout:
                per_code[code] = (
                    f"{code} kan niet naar het casusjaar {casus.jaar} (uit datum {casus.datum.isoformat()}) "
                    f"worden gebracht: {fout.problemen[0].melding}"
                )
                return per_code[code]
            waarschuwingen.extend(ix.waarschuwingen)
            if (herzien := item.herzieningswaarschuwing(casus.datum)) is not None:
                waarschuwingen.append(herzien)
            per_code[code] = (item, ix, eenheidsprijs)
        return per_code[code]

    def uitkomst(regel: Kostenregel, pad: str) -> Regeluitkomst | None:
        kans = regel.kans_of_zeker
        if regel.is_prijslijstregel:
            gevonden = prijs_van(regel.prijs or "")
            if isinstance(gevonden, str):
                problemen.voeg_toe(f"{pad}.prijs", gevonden)
                return None
            item, ix, eenheidsprijs = gevonden
            return Regeluitkomst(
                pad=pad, omschrijving=item.naam, code=item.code, eenheid=item.eenheid, financier=item.financier,
                bron=item.bron, bedrag_bron=item.bedrag, prijsjaar=item.prijsjaar, indexatie=item.indexatie,
                indexreeks=ix.reeks, indexfactor=ix.factor, eenheidsprijs=eenheidsprijs, aantal=regel.aantal, kans=kans,
                bedrag=_regelbedrag(eenheidsprijs, regel.aantal, kans),
            )
        eenheidsprijs = regel.bedrag_per_eenheid or NUL
        return Regeluitkomst(
            pad=pad, omschrijving=regel.omschrijving or "", code=None, eenheid=regel.eenheid or "",
            financier=(regel.financier or "").strip(), bron=regel.bron or "", bedrag_bron=eenheidsprijs,
            prijsjaar=None, indexatie=None, indexreeks=None, indexfactor=_EEN, eenheidsprijs=eenheidsprijs,
            aantal=regel.aantal, kans=kans, bedrag=_regelbedrag(eenheidsprijs, regel.aantal, kans),
        )

    kanten = {}
    for kant in (ZONDER, MET):
        kanten[kant] = tuple(
            u for i, r in enumerate(getattr(casus, kant)) if (u := uitkomst(r, f"{kant}[{i}]")) is not None
        )
    problemen.werp_als_nodig()

    interventie_totaal = sum((r.bedrag for r in casus.interventie), NUL)
    kosten_zonder = sum((u.bedrag for u in kanten[ZONDER]), NUL)
    kosten_met = sum((u.bedrag for u in kanten[MET]), NUL)
    vermeden = kosten_zonder - kosten_met
    ratio = None if interventie_totaal == 0 else rond_af(Fraction(vermeden) / Fraction(interventie_totaal))

    waarschuwingen += overlapwaarschuwingen(kanten, prijslijst)
    for u in kanten[ZONDER] + kanten[MET]:
        maanden = duur_boven_horizon(u.eenheid, u.aantal, casus.horizon)
        if maanden is not None:
            waarschuwingen.append(
                f"{u.pad} ({u.omschrijving}): {getal_nl(u.aantal)} {u.eenheid} is ongeveer "
                f"{getal_nl(maanden, 1)} maanden, langer dan de horizon van {casus.horizon} maanden"
                " (tenzij het om meer personen tegelijk gaat)"
            )
    teksten = list(casus.vrije_teksten())
    # Eén zoekslag over alle tekst samen; alleen bij een treffer per veld (voor het pad).
    for pad, tekst in teksten if vind_bsn("\n".join(t for _, t in teksten)) else ():
        for bsn in vind_bsn(tekst):
            waarschuwingen.append(
                f"{padnaam(pad)} bevat een nummer dat een BSN kan zijn (elfproef klopt; eindigt op {bsn[-3:]}): "
                "neem geen BSN op in een casus"
            )

    return Businesscase(
        casus_id=casus.casus_id,
        prijsjaar=casus.jaar,
        interventie_totaal=interventie_totaal,
        kosten_zonder=kosten_zonder,
        kosten_met=kosten_met,
        vermeden_kosten=vermeden,
        netto_rendement=vermeden - interventie_totaal,
        rendement_ratio=ratio,
        route=route(interventie_totaal, limiet, eerder_goedgekeurd),
        limiet=limiet,
        eerder_goedgekeurd=eerder_goedgekeurd,
        zonder=kanten[ZONDER],
        met=kanten[MET],
        financiers=_per_financier(kanten[ZONDER], kanten[MET]),
        waarschuwingen=tuple(dict.fromkeys(waarschuwingen)),
        prijslijst_hash=prijslijst.inhoud_hash,
        prijslijst_versie=prijslijst.versienaam,
    )


SCENARIONAAM = {ZONDER: "zonder doorbraak", MET: "met doorbraak"}


def overlapwaarschuwingen(kanten: dict[str, tuple[Regeluitkomst, ...]], prijslijst: Prijslijst) -> list[str]:
    """Twee verschillende items uit één overlapgroep in hetzelfde scenario tellen mogelijk dubbel.

    Twee regels met hetzelfde item (bijvoorbeeld per jaar) zijn geen dubbeltelling.
    """
    uit: list[str] = []
    for kant, regels in kanten.items():
        per_groep: dict[str, dict[str, Prijsitem]] = {}
        for u in regels:
            item = prijslijst.item(u.code) if u.code else None
            for groep in item.overlapgroepen if item is not None else ():
                per_groep.setdefault(groep, {})[item.code] = item
        gemeld: dict[frozenset[str], list[str]] = {}  # dezelfde items in twee groepen: één waarschuwing
        for groep, items in per_groep.items():
            if len(items) > 1:
                gemeld.setdefault(frozenset(items), []).append(groep)
        for codes, groepen in gemeld.items():
            items = per_groep[groepen[0]]
            namen = [f"{i.code} ({i.naam})" for i in items.values()]
            uit.append(f"{SCENARIONAAM.get(kant, kant)}: {', '.join(namen[:-1])} en {namen[-1]} tellen mogelijk "
                       f"dezelfde kosten dubbel (overlapgroep {', '.join(groepen)})")
    return uit


def _regelbedrag(eenheidsprijs: Decimal, aantal: Decimal, kans: Decimal) -> Decimal:
    """round_half_up(eenheidsprijs x aantal x kans, 0,01); het product zelf is exact."""
    return rond_af(_EXACT.multiply(_EXACT.multiply(eenheidsprijs, aantal), kans))


def _per_financier(zonder: tuple[Regeluitkomst, ...], met: tuple[Regeluitkomst, ...]) -> tuple[Financierssaldo, ...]:
    sommen: dict[str, list[Decimal]] = {}
    for i, regels in enumerate((zonder, met)):
        for u in regels:
            sommen.setdefault(u.financier, [NUL, NUL])[i] += u.bedrag
    saldi = [Financierssaldo(naam, z, m) for naam, (z, m) in sommen.items()]
    saldi.sort(key=lambda f: (-f.vermeden, f.financier.casefold()))
    return tuple(saldi)
