"""De maatschappelijke businesscase van één casus, exact tot op de cent.

Eén functie, `bereken`, rekent; de CLI, de GUI en de exports tonen haar uitkomst en rekenen
nooit zelf. Afronding: eenheidsprijs en regelbedrag half naar boven op centen; totalen zijn
sommen van regelbedragen; de ratio half naar boven op twee decimalen.

Meerdere jaren (formaat /2): elke regel valt in een `jaar` (1 = het jaar vanaf de casusdatum). De
bedragen en de route blijven nominaal; daarnaast de contante waarde per regel,
`bedrag / (1 + discontovoet)^(jaar - 1)`, exact en per regel half naar boven op centen, het
terugverdienjaar, de scenario's laag/midden/hoog uit het kansbereik, en de bedragen per jaar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import NamedTuple

from typing import Mapping

from doorbraak.domein.casus import Casus, Kostenregel, padnaam
from doorbraak.domein.fouten import InvoerFout, Problemenlijst
from doorbraak.domein.geld import CENT, NUL, REKENCONTEXT, als_tekst, formatteer, getal_nl, rond_af, toon_waarde
from doorbraak.domein.grondslagen import Grondslag, standaard_grondslagen
from doorbraak.domein.prijslijst import STANDAARD_DISCONTOVOET, Indexering, Prijsitem, Prijslijst
from doorbraak.domein.regels import STANDAARD_LIMIET, duur_boven_horizon, route, vind_bsn

ZONDER = "zonder_doorbraak"
MET = "met_doorbraak"
GRONDSLAG_HERINNERING = (
    "noem de grondslag van de uitzondering (waardendriehoek.grondslagen): het wetsartikel waarvan de doorbraak "
    "afwijkt of waarop hij steunt, zoals art. 4:84 Awb of art. 35 Participatiewet")
TERUGVERDIEN = "verdient zich binnen de horizon"
VOORZICHTIG_NEGATIEF = "in het voorzichtige scenario"
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
    jaar: int = 1
    contant: Decimal = NUL  # bedrag / (1 + r)^(jaar - 1), op centen
    bedrag_laag: Decimal = NUL  # het bedrag in het voorzichtige scenario (zie Scenario)
    bedrag_hoog: Decimal = NUL  # het bedrag in het gunstige scenario
    indexering: Indexering | None = None  # None voor een eigen regel
    #: het prijslijstitem van de regel (naam, bron, url, gecontroleerd_op: de bijlage van de verantwoording);
    #: None voor een eigen regel. Het item is er al: meegeven kost niets extra.
    prijsitem: Prijsitem | None = None

    @property
    def geindexeerd(self) -> bool:
        """Is de prijs met indexcijfers naar het casusjaar gebracht (en niet 1-op-1 overgenomen)?"""
        return self.indexering is not None and self.indexering.index_van is not None

    @property
    def index_van(self) -> Decimal | None:
        """Het indexcijfer van het prijsjaar (of van het laatste gepubliceerde jaar als het prijsjaar later ligt)."""
        return self.indexering.index_van if self.indexering else None

    @property
    def index_naar(self) -> Decimal | None:
        """Het indexcijfer van het casusjaar, of van het laatste gepubliceerde jaar."""
        return self.indexering.index_naar if self.indexering else None


class Interventieuitkomst(NamedTuple):
    pad: str  # "interventie[0]"
    omschrijving: str
    jaar: int
    bedrag: Decimal
    contant: Decimal


class Scenario(NamedTuple):
    """Nominaal: `laag` rekent zonder-regels met kans_laag en met-regels met kans_hoog, `hoog` omgekeerd."""

    kosten_zonder: Decimal
    kosten_met: Decimal
    interventie_totaal: Decimal

    @property
    def vermeden_kosten(self) -> Decimal:
        return self.kosten_zonder - self.kosten_met

    @property
    def netto_rendement(self) -> Decimal:
        return self.vermeden_kosten - self.interventie_totaal

    @property
    def rendement_ratio(self) -> Decimal | None:
        return _ratio(self.vermeden_kosten, self.interventie_totaal)

    def als_json(self) -> dict[str, object]:
        return {"vermeden_kosten": als_tekst(self.vermeden_kosten), "netto_rendement": als_tekst(self.netto_rendement),
                "rendement_ratio": _ratio_tekst(self.rendement_ratio)}


class Jaaruitkomst(NamedTuple):
    """Nominale bedragen van één jaar."""

    jaar: int
    zonder: Decimal
    met: Decimal
    interventie: Decimal

    @property
    def vermeden(self) -> Decimal:
        return self.zonder - self.met

    @property
    def netto(self) -> Decimal:
        return self.vermeden - self.interventie


class Grondslaguitkomst(NamedTuple):
    grondslag: Grondslag
    toelichting: str


def _ratio(vermeden: Decimal, interventie: Decimal) -> Decimal | None:
    return None if interventie == 0 else rond_af(Fraction(vermeden) / Fraction(interventie))


def _ratio_tekst(ratio: Decimal | None) -> str | None:
    return None if ratio is None else f"{ratio:f}"


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
    discontovoet: Decimal = STANDAARD_DISCONTOVOET
    horizon_jaren: int = 1
    interventie: tuple[Interventieuitkomst, ...] = ()
    #: contante waarde (jaar 1 = casusdatum): interventie, zonder, met
    contant: Scenario = Scenario(NUL, NUL, NUL)
    terugverdienjaar: int | None = None
    scenarios: dict[str, Scenario] = field(default_factory=dict)  # laag, midden, hoog (nominaal)
    per_jaar: tuple[Jaaruitkomst, ...] = ()
    grondslagen: tuple[Grondslaguitkomst, ...] = ()

    @property
    def indexjaren(self) -> dict[str, int]:
        """Per indexreeks het jaar tot waar is geïndexeerd (het casusjaar, of het laatst gepubliceerde jaar)."""
        jaren: dict[str, int] = {}
        for u in self.zonder + self.met:
            if u.geindexeerd:
                jaren[u.indexreeks] = max(jaren.get(u.indexreeks, 0), u.indexering.naar_jaar)
        return jaren

    @property
    def prijspeil(self) -> str:
        """`2026`, of eerlijk `2026 (indexcijfers t/m 2025)` als de cijfers van het casusjaar er nog niet zijn."""
        achter = {r: j for r, j in self.indexjaren.items() if j < self.prijsjaar}
        if not achter:
            return str(self.prijsjaar)
        if len(set(achter.values())) == 1:
            return f"{self.prijsjaar} (indexcijfers t/m {next(iter(achter.values()))})"
        delen = ", ".join(f"{r.upper()} t/m {j}" for r, j in sorted(achter.items()))
        return f"{self.prijsjaar} (indexcijfers {delen})"

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
            "prijspeil": self.prijspeil,
            "regels": [
                {
                    "pad": u.pad, "code": u.code, "omschrijving": u.omschrijving, "eenheid": u.eenheid,
                    "eenheidsprijs": als_tekst(u.eenheidsprijs), "prijsjaar": u.prijsjaar, "indexreeks": u.indexreeks,
                    "indexfactor": f"{rond_af(u.indexfactor, Decimal('0.000001')):f}",
                    # de indexcijfers zelf: eenheidsprijs = bedrag × index_naar / index_van, half naar boven
                    "index_van": None if u.index_van is None else f"{u.index_van:f}",
                    "index_naar": None if u.index_naar is None else f"{u.index_naar:f}",
                    "indexjaar_van": u.indexering.van_jaar if u.geindexeerd else None,
                    "indexjaar_naar": u.indexering.naar_jaar if u.geindexeerd else None,
                    "aantal": f"{u.aantal:f}",
                    "kans": f"{u.kans:f}", "bedrag": als_tekst(u.bedrag), "financier": u.financier,
                    "jaar": u.jaar, "contant": als_tekst(u.contant),
                }
                for u in self.zonder + self.met
            ],
            "contant": {
                "discontovoet": f"{self.discontovoet:f}",
                "interventie_totaal": als_tekst(self.contant.interventie_totaal),
                "kosten_zonder": als_tekst(self.contant.kosten_zonder),
                "kosten_met": als_tekst(self.contant.kosten_met),
            } | self.contant.als_json(),
            "terugverdienjaar": self.terugverdienjaar,
            "scenarios": {naam: s.als_json() for naam, s in self.scenarios.items()},
            "per_jaar": [
                {"jaar": j.jaar, "zonder": als_tekst(j.zonder), "met": als_tekst(j.met),
                 "interventie": als_tekst(j.interventie), "vermeden": als_tekst(j.vermeden), "netto": als_tekst(j.netto)}
                for j in self.per_jaar
            ],
            "grondslagen": [
                {"code": g.grondslag.code, "wet": g.grondslag.wet, "artikel": g.grondslag.artikel,
                 "omschrijving": g.grondslag.omschrijving, "url": g.grondslag.url, "toelichting": g.toelichting}
                for g in self.grondslagen
            ],
        }


def bereken(
    casus: Casus,
    prijslijst: Prijslijst,
    *,
    limiet: Decimal = STANDAARD_LIMIET,
    eerder_goedgekeurd: Decimal = NUL,
    grondslagen: Mapping[str, Grondslag] | None = None,
) -> Businesscase:
    """Bereken de businesscase; InvoerFout (met veldpaden) als een prijs niet te bepalen is.

    `grondslagen`: de lijst met wetsartikelen; zonder: de standaardlijst (alleen gelezen als de casus
    grondslagen noemt). Rekent in `REKENCONTEXT`, wat de aanroeper ook met `decimal.getcontext()` heeft gedaan.
    """
    with localcontext(REKENCONTEXT):
        return _bereken(casus, prijslijst, limiet, eerder_goedgekeurd, grondslagen)


def _bereken(casus: Casus, prijslijst: Prijslijst, limiet: Decimal, eerder_goedgekeurd: Decimal,
             lijst: Mapping[str, Grondslag] | None) -> Businesscase:
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

    discontovoet = casus.discontovoet
    if discontovoet is None:
        discontovoet = prijslijst.versie.discontovoet if prijslijst.versie and prijslijst.versie.discontovoet is not None \
            else STANDAARD_DISCONTOVOET
    disconto = Discontering(discontovoet)

    def uitkomst(regel: Kostenregel, pad: str, kant: str) -> Regeluitkomst | None:
        kans = regel.kans_of_zeker
        # het voorzichtige scenario: minder vermeden kosten zonder doorbraak, meer kosten met doorbraak
        kans_laag, kans_hoog = ((regel.kans_laag_of_kans, regel.kans_hoog_of_kans) if kant == ZONDER
                                else (regel.kans_hoog_of_kans, regel.kans_laag_of_kans))
        aantal, jaar = regel.aantal, regel.in_jaar
        if regel.is_prijslijstregel:
            gevonden = prijs_van(regel.prijs or "")
            if isinstance(gevonden, str):
                problemen.voeg_toe(f"{pad}.prijs", gevonden)
                return None
            item, ix, eenheidsprijs = gevonden
            bedrag = _regelbedrag(eenheidsprijs, aantal, kans)
            # positioneel, in de volgorde van Regeluitkomst: dit gebeurt bij elke toets voor elke regel
            return Regeluitkomst(
                pad, item.naam, item.code, item.eenheid, item.financier, item.bron, item.bedrag, item.prijsjaar,
                item.indexatie, ix.reeks, ix.factor, eenheidsprijs, aantal, kans, bedrag, jaar,
                disconto.contant(bedrag, jaar),
                bedrag if kans_laag == kans else _regelbedrag(eenheidsprijs, aantal, kans_laag),
                bedrag if kans_hoog == kans else _regelbedrag(eenheidsprijs, aantal, kans_hoog), ix, item,
            )
        eenheidsprijs = regel.bedrag_per_eenheid or NUL
        bedrag = _regelbedrag(eenheidsprijs, aantal, kans)
        return Regeluitkomst(
            pad, regel.omschrijving or "", None, regel.eenheid or "", (regel.financier or "").strip(), regel.bron or "",
            eenheidsprijs, None, None, None, _EEN, eenheidsprijs, aantal, kans, bedrag, jaar,
            disconto.contant(bedrag, jaar),
            bedrag if kans_laag == kans else _regelbedrag(eenheidsprijs, aantal, kans_laag),
            bedrag if kans_hoog == kans else _regelbedrag(eenheidsprijs, aantal, kans_hoog),
        )

    kanten = {}
    for kant in (ZONDER, MET):
        kanten[kant] = tuple(
            u for i, r in enumerate(getattr(casus, kant)) if (u := uitkomst(r, f"{kant}[{i}]", kant)) is not None
        )
    gevonden_grondslagen = _grondslagen(casus, lijst, problemen)
    jaren = casus.horizon_jaren
    for lijst_naam, regels in (("interventie", casus.interventie), (ZONDER, casus.zonder_doorbraak),
                               (MET, casus.met_doorbraak)):  # een casus uit code, niet uit een bestand
        for i, r in enumerate(regels):
            if not 1 <= r.in_jaar <= jaren:
                problemen.voeg_toe(f"{lijst_naam}[{i}].jaar", f"{r.in_jaar} ligt buiten de horizon van {jaren} jaar")
    problemen.werp_als_nodig()

    interventie = tuple(
        Interventieuitkomst(f"interventie[{i}]", r.omschrijving, r.in_jaar, r.bedrag, disconto.contant(r.bedrag, r.in_jaar))
        for i, r in enumerate(casus.interventie)
    )
    interventie_totaal = sum((r.bedrag for r in interventie), NUL)
    kosten_zonder = sum((u.bedrag for u in kanten[ZONDER]), NUL)
    kosten_met = sum((u.bedrag for u in kanten[MET]), NUL)
    vermeden = kosten_zonder - kosten_met
    ratio = _ratio(vermeden, interventie_totaal)
    contant = Scenario(sum((u.contant for u in kanten[ZONDER]), NUL), sum((u.contant for u in kanten[MET]), NUL),
                       sum((r.contant for r in interventie), NUL))
    scenarios = {
        "laag": Scenario(sum((u.bedrag_laag for u in kanten[ZONDER]), NUL), sum((u.bedrag_laag for u in kanten[MET]), NUL),
                         interventie_totaal),
        "midden": Scenario(kosten_zonder, kosten_met, interventie_totaal),
        "hoog": Scenario(sum((u.bedrag_hoog for u in kanten[ZONDER]), NUL), sum((u.bedrag_hoog for u in kanten[MET]), NUL),
                         interventie_totaal),
    }
    # één doorgang per soort regel: nominaal en contant per jaar (niet per jaar opnieuw over alle regels)
    nominaal = {j: [NUL, NUL, NUL] for j in range(1, jaren + 1)}
    contant_per_jaar = {j: [NUL, NUL, NUL] for j in range(1, jaren + 1)}
    for plek, regels in ((0, kanten[ZONDER]), (1, kanten[MET]), (2, interventie)):
        for r in regels:
            if r.jaar in nominaal:
                nominaal[r.jaar][plek] += r.bedrag
                contant_per_jaar[r.jaar][plek] += r.contant
    per_jaar = tuple(Jaaruitkomst(j, *nominaal[j]) for j in range(1, jaren + 1))
    terugverdienjaar = _terugverdienjaar([contant_per_jaar[j] for j in range(1, jaren + 1)])

    waarschuwingen += overlapwaarschuwingen(kanten, prijslijst)
    if scenarios["laag"].netto_rendement < 0:
        waarschuwingen.append(
            f"{VOORZICHTIG_NEGATIEF} (kans_laag zonder doorbraak, kans_hoog met doorbraak) is het nettorendement "
            f"negatief: {formatteer(scenarios['laag'].netto_rendement)}")
    if terugverdienjaar is None:
        waarschuwingen.append(
            f"de interventie {TERUGVERDIEN} van {jaren} jaar niet terug (contante waarde, "
            f"discontovoet {getal_nl(discontovoet * 100, 2)}%)")
    if interventie_totaal > 0 and not casus.grondslagen:
        waarschuwingen.append(GRONDSLAG_HERINNERING)
    for u in kanten[ZONDER] + kanten[MET]:
        rest = casus.horizon - 12 * (u.jaar - 1)  # een regel in jaar j begint na 12 × (j - 1) maanden
        maanden = duur_boven_horizon(u.eenheid, u.aantal, rest)
        if maanden is not None:
            waar = (f"de horizon van {casus.horizon} maanden" if u.jaar == 1 else
                    f"wat er in jaar {u.jaar} nog over is van de horizon van {casus.horizon} maanden ({rest} "
                    f"{'maand' if rest == 1 else 'maanden'})")
            waarschuwingen.append(
                f"{u.pad} ({u.omschrijving}): {getal_nl(u.aantal)} {u.eenheid} is ongeveer "
                f"{getal_nl(maanden, 1)} maanden, langer dan {waar} (tenzij het om meer personen tegelijk gaat)"
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
        discontovoet=discontovoet,
        horizon_jaren=jaren,
        interventie=interventie,
        contant=contant,
        terugverdienjaar=terugverdienjaar,
        scenarios=scenarios,
        per_jaar=per_jaar,
        grondslagen=gevonden_grondslagen,
    )


class Discontering:
    """`bedrag / (1 + r)^(jaar - 1)`, exact, half naar boven op centen; de factor één keer per jaar.

    In gehele centen: met (1 + r)^(jaar - 1) = p / q is het bedrag in centen c × q / p, half naar boven
    (c >= 0: een regelbedrag is nooit negatief). Exact, en zonder breuken per regel: de app rekent bij
    elke toets opnieuw.
    """

    def __init__(self, discontovoet: Decimal):
        self.groei = 1 + Fraction(discontovoet)
        self._factoren: dict[int, tuple[int, int]] = {}

    def contant(self, bedrag: Decimal, jaar: int) -> Decimal:
        if jaar == 1 or bedrag == 0:
            return bedrag
        if jaar not in self._factoren:
            f = self.groei ** (jaar - 1)
            self._factoren[jaar] = (f.numerator, f.denominator)
        p, q = self._factoren[jaar]
        centen = int(bedrag.scaleb(2))  # een bedrag op centen: exact
        return Decimal((2 * centen * q + p) // (2 * p)).scaleb(-2)


def _terugverdienjaar(contant_per_jaar: list[list[Decimal]]) -> int | None:
    """Het eerste jaar t waarin de cumulatieve contante waarde van (zonder - met) over de jaren <= t minstens
    die van de interventie is, en dat tot en met de horizon blijft; None als dat binnen de horizon niet lukt.

    "Blijft": een interventie die pas in jaar 2 betaald wordt, is niet 'terugverdiend in jaar 1' omdat er in
    jaar 1 al iets vermeden werd.
    """
    vermeden = investering = NUL
    jaar: int | None = None
    for t, (zonder, met, interventie) in enumerate(contant_per_jaar, start=1):  # [zonder, met, interventie] per jaar
        vermeden += zonder - met
        investering += interventie
        if vermeden < investering:
            jaar = None  # (weer) niet terugverdiend: een latere interventie of latere kosten tellen mee
        elif jaar is None:
            jaar = t
    return jaar


def _grondslagen(casus: Casus, lijst: Mapping[str, Grondslag] | None,
                 problemen: Problemenlijst) -> tuple[Grondslaguitkomst, ...]:
    """De genoemde grondslagen uit de lijst; een onbekende code is een fout bij het veld."""
    if not casus.grondslagen:
        return ()
    lijst = standaard_grondslagen() if lijst is None else lijst
    uit = []
    for i, g in enumerate(casus.grondslagen):
        if g.code in lijst:
            uit.append(Grondslaguitkomst(lijst[g.code], g.toelichting or ""))
        else:
            problemen.voeg_toe(f"waardendriehoek.grondslagen[{i}].code",
                               f"{toon_waarde(g.code)} staat niet in de lijst met grondslagen"
                               + (f"; kies uit: {', '.join(lijst)}" if lijst else " (de lijst is leeg)"))
    return tuple(uit)


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
    """round_half_up(eenheidsprijs x aantal x kans, 0,01); het product zelf is exact.

    Zoals `rond_af`, zonder de algemene controles: alle drie zijn >= 0, dus nooit "-0.00" (per regel, per toets).
    """
    return _EXACT.multiply(_EXACT.multiply(eenheidsprijs, aantal), kans).quantize(CENT, ROUND_HALF_UP, REKENCONTEXT)


def _per_financier(zonder: tuple[Regeluitkomst, ...], met: tuple[Regeluitkomst, ...]) -> tuple[Financierssaldo, ...]:
    sommen: dict[str, list[Decimal]] = {}
    for i, regels in enumerate((zonder, met)):
        for u in regels:
            sommen.setdefault(u.financier, [NUL, NUL])[i] += u.bedrag
    saldi = [Financierssaldo(naam, z, m) for naam, (z, m) in sommen.items()]
    saldi.sort(key=lambda f: (-f.vermeden, f.financier.casefold()))
    return tuple(saldi)
