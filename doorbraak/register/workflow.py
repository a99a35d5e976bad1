"""De regels van het register: indienen, toetsen (vier ogen), besluiten (escalatie) en de budgetpot.

Alles gebeurt binnen een exclusieve sessie van de opslag: lezen, beslissen en schrijven met de
stand van dat moment, zodat twee coaches die tegelijk goedkeuren de pot nooit samen overschrijden.
Regels die iets weigeren geven een `Weigering` (exitcode 3).

De regels staan één keer, in `waarom_niet_indienen`, `waarom_niet_toetsen` en
`waarom_niet_besluiten`: pure functies over een `Registerstand` die de reden geven waarom een
handeling niet mag (of None als ze mag). De handelingen hieronder weigeren met precies die reden;
de GUI gebruikt dezelfde functies om knoppen uit te schakelen en de reden te tonen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from doorbraak.domein.fouten import InvoerFout, Probleem, Weigering
from doorbraak.domein.geld import NUL, als_tekst, formatteer, lees_bedrag
from doorbraak.domein.regels import ESCALATIE, VIER_OGEN, route
from doorbraak.register.opslag import Gebruiker, Registeropslag, canoniek

if TYPE_CHECKING:
    from doorbraak.domein.casus import Casus

INGEDIEND = "ingediend"
GEESCALEERD = "geëscaleerd"
GOEDGEKEURD = "goedgekeurd"
AFGEWEZEN = "afgewezen"
OPEN = (INGEDIEND, GEESCALEERD)


def _zelfde(gebruiker: Gebruiker, ander: dict[str, str]) -> bool:
    """Dezelfde persoon: zelfde naam of zelfde systeemlogin (hoofdletters en spaties tellen niet)."""
    def n(tekst: str | None) -> str:
        return " ".join((tekst or "").split()).casefold()

    return bool(ander) and (n(gebruiker.naam) == n(ander.get("naam")) or n(gebruiker.os_login) == n(ander.get("os_login")))


@dataclass(frozen=True)
class Instellingen:
    budget: Decimal
    limiet: Decimal
    escalatie: tuple[str, ...]
    oefenregister: bool = False

    def als_dict(self) -> dict[str, Any]:
        return {"budget": als_tekst(self.budget), "limiet": als_tekst(self.limiet),
                "escalatie": list(self.escalatie), "oefenregister": self.oefenregister}

    @classmethod
    def uit_dict(cls, d: dict[str, Any]) -> Instellingen:
        return cls(lees_bedrag(d["budget"]), lees_bedrag(d["limiet"]), tuple(d.get("escalatie") or ()),
                   bool(d.get("oefenregister")))

    def mag_escaleren(self, gebruiker: Gebruiker) -> bool:
        namen = {" ".join(n.split()).casefold() for n in self.escalatie}
        return " ".join(gebruiker.naam.split()).casefold() in namen or gebruiker.os_login.casefold() in namen


@dataclass
class Aanvraag:
    aanvraag: str  # casus_id-volgnummer, bijv. "C-2026-001-1"
    casus_id: str
    titel: str
    bedrag: Decimal
    route: str
    eerder_goedgekeurd: Decimal
    gegevens: dict[str, Any]
    indiener: dict[str, str]
    ingediend_op: str
    status: str = INGEDIEND
    toetsing: dict[str, Any] | None = None
    besluit: dict[str, Any] | None = None
    volgnummers: list[int] = field(default_factory=list)

    def is_indiener(self, gebruiker: Gebruiker) -> bool:
        return _zelfde(gebruiker, self.indiener)


@dataclass
class Registerstand:
    instellingen: Instellingen
    aanvragen: list[Aanvraag]
    aantal_records: int
    kop_hash: str
    aangemaakt: dict[str, Any]

    @property
    def toegekend(self) -> Decimal:
        return sum((a.bedrag for a in self.aanvragen if a.status == GOEDGEKEURD), NUL)

    @property
    def beschikbaar(self) -> Decimal:
        return self.instellingen.budget - self.toegekend

    # Casus-id's worden zonder onderscheid tussen hoofd- en kleine letters vergeleken: `c-1` is
    # dezelfde casus als `C-1`, zodat opknippen via de schrijfwijze de grens niet ontwijkt.

    def van_casus(self, casus_id: str) -> list[Aanvraag]:
        sleutel = casus_id.casefold()
        return [a for a in self.aanvragen if a.casus_id.casefold() == sleutel]

    def open_aanvraag(self, casus_id: str) -> Aanvraag | None:
        return next((a for a in reversed(self.van_casus(casus_id)) if a.status in OPEN), None)

    def goedgekeurd_voor(self, casus_id: str) -> Decimal:
        return sum((a.bedrag for a in self.van_casus(casus_id) if a.status == GOEDGEKEURD), NUL)

    def laatste(self, casus_id: str) -> Aanvraag | None:
        aanvragen = self.van_casus(casus_id)
        return aanvragen[-1] if aanvragen else None


class OnleesbaarRegister(InvoerFout):
    """De records vormen geen geldig register (beschadigd, aangepast of iets anders dan een register)."""

    def __init__(self, melding: str):
        super().__init__(Probleem("", melding + "; draai 'doorbraak register verifieer'"), "register")


def stand(records: list[dict[str, Any]]) -> Registerstand:
    """De stand van het register uit zijn records (de records zijn de bron, de stand is afgeleid)."""
    try:
        return _stand(records)
    except OnleesbaarRegister:
        raise
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, IndexError) as e:
        raise OnleesbaarRegister(f"de records zijn niet te lezen als register ({type(e).__name__})") from None


def _stand(records: list[dict[str, Any]]) -> Registerstand:
    if not records or records[0].get("soort") != "register":
        raise OnleesbaarRegister("record 1 is niet de aanmaak van een register")
    eerste = records[0]
    instellingen = Instellingen.uit_dict(eerste["gegevens"])
    aanvragen: dict[str, Aanvraag] = {}
    for r in records[1:]:
        g = r["gegevens"]
        if r["soort"] == "indiening":
            aanvragen[g["aanvraag"]] = Aanvraag(
                aanvraag=g["aanvraag"], casus_id=g["casus_id"], titel=g.get("titel", ""),
                bedrag=Decimal(g["bedrag"]), route=g["route"], eerder_goedgekeurd=Decimal(g["eerder_goedgekeurd"]),
                gegevens=g, indiener=r["gebruiker"], ingediend_op=r["tijd"], volgnummers=[r["volgnummer"]],
            )
        elif r["soort"] in ("toetsing", "besluit"):
            a = aanvragen[g["aanvraag"]]
            stap = {"gebruiker": r["gebruiker"], "tijd": r["tijd"], "akkoord": g["akkoord"], "reden": g.get("reden", ""),
                    "uitkomst": g["uitkomst"]}
            setattr(a, r["soort"], stap)
            a.status = g["uitkomst"]
            a.volgnummers.append(r["volgnummer"])
    return Registerstand(instellingen, list(aanvragen.values()), len(records), records[-1]["hash"],
                         {"gebruiker": eerste["gebruiker"], "tijd": eerste["tijd"]})


# ---------------------------------------------------------------- de regels (pure functies)
#
# Elke functie geeft de reden waarom een handeling niet mag, of None als ze mag. Ze lezen alleen de
# stand; de handelingen hieronder weigeren met precies deze reden, binnen hun exclusieve sessie.


def waarom_niet_indienen(st: Registerstand, casus: Casus, bedrag: Decimal | None = None) -> str | None:
    """Waarom `casus` niet in dit register kan worden ingediend, of None.

    `bedrag` is het interventietotaal als dat al berekend is; zonder bedrag wordt de regel over
    € 0,00 overgeslagen. Het budget telt pas bij goedkeuren, niet bij indienen.
    """
    if casus.is_oefening and not st.instellingen.oefenregister:
        return f"{casus.casus_id} is een oefencasus; die kan niet in een echt register"
    if st.instellingen.oefenregister and not casus.is_oefening:
        return f"dit is een oefenregister; {casus.casus_id} is geen oefencasus"
    lopend = st.open_aanvraag(casus.casus_id)
    if lopend is not None:
        return (f"voor {casus.casus_id} loopt al aanvraag {lopend.aanvraag} ({lopend.status}); "
                "wacht op de toetsing of het besluit")
    if bedrag is not None and bedrag <= 0:
        return "de interventie is € 0,00: er valt niets aan te vragen"
    return None


def waarom_niet_toetsen(st: Registerstand, casus_id: str, gebruiker: Gebruiker, akkoord: bool = True) -> str | None:
    """Waarom `gebruiker` de open aanvraag voor `casus_id` niet mag toetsen (goed- of afkeuren), of None.

    Het budget telt alleen bij goedkeuren langs de vier-ogenroute: dan is de toetsing het besluit.
    """
    a = st.open_aanvraag(casus_id)
    if a is None:
        return _niets_open(st, casus_id)
    if a.status == GEESCALEERD:
        return (f"{a.aanvraag} is al getoetst en geëscaleerd; nu beslist "
                f"{' of '.join(st.instellingen.escalatie)} ('doorbraak besluiten')")
    if a.is_indiener(gebruiker):
        return f"{gebruiker.naam} heeft {a.aanvraag} zelf ingediend; een andere coach moet toetsen (vier ogen)"
    if akkoord and _route_nu(st, a) == VIER_OGEN:
        return _budgettekort(st, a)
    return None


def waarom_niet_besluiten(st: Registerstand, casus_id: str, gebruiker: Gebruiker, akkoord: bool = True) -> str | None:
    """Waarom `gebruiker` niet over de geëscaleerde aanvraag voor `casus_id` mag besluiten, of None.

    Het budget telt alleen bij goedkeuren (`akkoord`)."""
    a = st.open_aanvraag(casus_id)
    if a is None:
        return _niets_open(st, casus_id)
    if a.status != GEESCALEERD:
        return (f"{a.aanvraag} wacht nog op de toetsing door een tweede coach ('doorbraak toetsen'); "
                "pas daarna volgt een besluit")
    if not st.instellingen.mag_escaleren(gebruiker):
        return (f"{gebruiker.naam} mag niet over escalaties beslissen; dat mogen: "
                f"{', '.join(st.instellingen.escalatie)}")
    if a.is_indiener(gebruiker):
        return f"{gebruiker.naam} heeft {a.aanvraag} zelf ingediend en mag er niet over beslissen"
    if _zelfde(gebruiker, (a.toetsing or {}).get("gebruiker") or {}):
        return (f"{gebruiker.naam} heeft {a.aanvraag} al getoetst; het besluit neemt een ander "
                "(vier ogen, plus een derde bij escalatie)")
    if akkoord:
        return _budgettekort(st, a)
    return None


def _niets_open(st: Registerstand, casus_id: str) -> str:
    laatste = st.laatste(casus_id)
    if laatste is None:
        return f"er is geen aanvraag voor {casus_id} in dit register"
    return (f"de laatste aanvraag voor {casus_id} ({laatste.aanvraag}) is al {laatste.status}; "
            "er staat niets open")


def _route_nu(st: Registerstand, a: Aanvraag) -> str:
    """De route van een open aanvraag: alles wat al voor dezelfde casus is goedgekeurd telt mee."""
    return route(a.bedrag, st.instellingen.limiet, st.goedgekeurd_voor(a.casus_id))


def _budgettekort(st: Registerstand, a: Aanvraag) -> str | None:
    if a.bedrag > st.beschikbaar:
        return (f"{a.aanvraag} vraagt {formatteer(a.bedrag)}, maar in de budgetpot is nog "
                f"{formatteer(st.beschikbaar)} beschikbaar (van {formatteer(st.instellingen.budget)})")
    return None


def _weiger(reden: str | None) -> None:
    if reden is not None:
        raise Weigering(reden)


# ---------------------------------------------------------------- handelingen


def maak_register(opslag, instellingen: Instellingen, gebruiker: Gebruiker) -> dict[str, Any]:
    for naam, bedrag in (("--budget", instellingen.budget), ("--limiet", instellingen.limiet)):
        if bedrag <= 0:
            raise InvoerFout(Probleem(naam, "moet groter zijn dan € 0,00"))
        try:
            lees_bedrag(bedrag)
        except ValueError as e:
            raise InvoerFout(Probleem(naam, str(e))) from None
    if not instellingen.escalatie:
        raise InvoerFout(Probleem("--escalatie", "noem minstens één persoon die over escalaties beslist"))
    return opslag.maak(instellingen.als_dict(), gebruiker)


def lees_stand(opslag: Registeropslag) -> Registerstand:
    return stand(opslag.records())


Berekening = Callable[[Decimal, Decimal], tuple[Any, dict[str, Any]]]
"""Rekent de casus door met (limiet, eerder goedgekeurd); geeft (businesscase, stuk)."""


def dien_in(opslag: Registeropslag, casus: Casus, reken: Berekening, gebruiker: Gebruiker) -> Aanvraag:
    """Dien een aanvraag in: de casus, haar berekening en de vastgelegde prijzen.

    De route telt alles wat al voor dezelfde casus is goedgekeurd, zodat opknippen niet helpt.
    """
    with opslag.exclusief(gebruiker) as sessie:
        st = stand(sessie.records())
        _weiger(waarom_niet_indienen(st, casus))
        eerder = st.goedgekeurd_voor(casus.casus_id)
        bc, stuk = reken(st.instellingen.limiet, eerder)
        _weiger(waarom_niet_indienen(st, casus, bc.interventie_totaal))
        nummer = len(st.van_casus(casus.casus_id)) + 1
        sleutel = sessie.bewaar_stuk(canoniek(stuk))
        gegevens = {
            "aanvraag": f"{casus.casus_id}-{nummer}", "casus_id": casus.casus_id, "titel": casus.titel,
            "gemeente": casus.gemeente or "", "bedrag": als_tekst(bc.interventie_totaal), "route": bc.route,
            "limiet": als_tekst(st.instellingen.limiet), "eerder_goedgekeurd": als_tekst(eerder),
            "kosten_zonder": als_tekst(bc.kosten_zonder), "kosten_met": als_tekst(bc.kosten_met),
            "vermeden_kosten": als_tekst(bc.vermeden_kosten), "netto_rendement": als_tekst(bc.netto_rendement),
            "rendement_ratio": None if bc.rendement_ratio is None else f"{bc.rendement_ratio:f}",
            "categorieen": sorted({r.categorie for r in casus.interventie if r.categorie}),
            "prijslijst": {"versie": bc.prijslijst_versie, "inhoud_hash": bc.prijslijst_hash},
            "stuk": sleutel,
        }
        sessie.voeg_toe("indiening", gegevens, gebruiker)
        return _aanvraag(sessie, gegevens["aanvraag"])


def _controleer_verwacht(st: Registerstand, casus_id: str, verwacht: str | None) -> None:
    """De gebruiker beoordeelt wat hij zag: is er intussen een andere aanvraag open, dan niet."""
    if verwacht is None:
        return
    a = st.open_aanvraag(casus_id)
    if a is not None and a.aanvraag != verwacht:
        raise Weigering(f"de open aanvraag voor {casus_id} is nu {a.aanvraag}, niet {verwacht}; open haar opnieuw "
                        "uit de lijst en beoordeel wat er nu is ingediend")


def toets(opslag: Registeropslag, casus_id: str, akkoord: bool, reden: str, gebruiker: Gebruiker,
          verwacht: str | None = None) -> Aanvraag:
    """De toetsing door een tweede coach: nooit de indiener zelf."""
    with opslag.exclusief(gebruiker) as sessie:
        st = stand(sessie.records())
        _controleer_verwacht(st, casus_id, verwacht)
        _weiger(waarom_niet_toetsen(st, casus_id, gebruiker, akkoord))
        a = st.open_aanvraag(casus_id)
        if not akkoord:
            uitkomst = AFGEWEZEN
        elif _route_nu(st, a) == VIER_OGEN:
            uitkomst = GOEDGEKEURD
        else:
            uitkomst = GEESCALEERD
        sessie.voeg_toe("toetsing", {"aanvraag": a.aanvraag, "akkoord": akkoord, "reden": reden,
                                     "uitkomst": uitkomst}, gebruiker)
        return _aanvraag(sessie, a.aanvraag)


def besluit(opslag: Registeropslag, casus_id: str, akkoord: bool, reden: str, gebruiker: Gebruiker,
            verwacht: str | None = None) -> Aanvraag:
    """Het besluit over een geëscaleerde aanvraag: alleen wie daarvoor is aangewezen, nooit de indiener."""
    with opslag.exclusief(gebruiker) as sessie:
        st = stand(sessie.records())
        _controleer_verwacht(st, casus_id, verwacht)
        _weiger(waarom_niet_besluiten(st, casus_id, gebruiker, akkoord))
        a = st.open_aanvraag(casus_id)
        sessie.voeg_toe("besluit", {"aanvraag": a.aanvraag, "akkoord": akkoord, "reden": reden,
                                    "uitkomst": GOEDGEKEURD if akkoord else AFGEWEZEN}, gebruiker)
        return _aanvraag(sessie, a.aanvraag)


def _aanvraag(sessie, naam: str) -> Aanvraag:
    """De aanvraag zoals die nu is, uit de records van de sessie (inclusief het zojuist toegevoegde)."""
    return next(a for a in stand(sessie.records()).aanvragen if a.aanvraag == naam)


__all__ = ["AFGEWEZEN", "ESCALATIE", "GEESCALEERD", "GOEDGEKEURD", "INGEDIEND", "VIER_OGEN", "Aanvraag",
           "Instellingen", "Registerstand", "besluit", "dien_in", "lees_stand", "maak_register", "stand", "toets",
           "waarom_niet_besluiten", "waarom_niet_indienen", "waarom_niet_toetsen"]
