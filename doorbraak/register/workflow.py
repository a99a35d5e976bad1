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

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from doorbraak.domein.fouten import InvoerFout, Probleem, Weigering
from doorbraak.domein.tijd import lokale_datum, maanden_erbij, nederland
from doorbraak.domein.geld import NUL, als_tekst, formatteer, lees_bedrag
from doorbraak.domein.regels import ESCALATIE, VIER_OGEN, route
from doorbraak.register import opslag as _opslag
from doorbraak.register.opslag import Gebruiker, Registeropslag, canoniek, login_sleutel, persoon

if TYPE_CHECKING:
    from doorbraak.domein.casus import Casus

INGEDIEND = "ingediend"
GEESCALEERD = "geëscaleerd"
GOEDGEKEURD = "goedgekeurd"
AFGEWEZEN = "afgewezen"
OPEN = (INGEDIEND, GEESCALEERD)


_nederland = nederland  # voor wie het hier zocht


def huidig_jaar() -> int:
    """Het jaar van nu, zoals een nieuw record het zou krijgen."""
    return lokale_datum(_opslag.nu_utc()).year


def _login(tekst: str | None) -> str:
    return " ".join((tekst or "").split()).casefold()


def _zelfde(gebruiker: Gebruiker, ander: dict[str, str]) -> bool:
    """Dezelfde persoon: dezelfde geverifieerde login, voor de zekerheid ook zonder onderscheid tussen
    hoofd- en kleine letters (vier ogen weigert liever één keer te veel). Een naam telt niet: die zegt
    niets over wie er achter het toetsenbord zit."""
    return bool(ander) and _login(gebruiker.os_login) == _login(ander.get("os_login"))


@dataclass(frozen=True)
class Instellingen:
    """De instellingen van een register. `escalatie` en de sleutels van `namen` zijn logins."""

    budget: Decimal
    limiet: Decimal
    escalatie: tuple[str, ...]
    oefenregister: bool = False
    namen: dict[str, str] = field(default_factory=dict)  # login -> weergavenaam
    # False: een register van vóór de logins, waarin de escalatielijst namen kon bevatten (zie waarom_niet_wijzigen)
    logins: bool = True
    #: het eerste budgetjaar (`budget` is dan de pot van dat jaar; volgende jaren opent `register budget`);
    #: None: één doorlopende pot, zoals in registers van vóór de budgetjaren
    budgetjaar: int | None = None
    kostenplaats: str = ""

    def als_dict(self) -> dict[str, Any]:
        d = {"budget": als_tekst(self.budget), "limiet": als_tekst(self.limiet),
             "escalatie": list(self.escalatie), "oefenregister": self.oefenregister}
        if self.namen:
            d["namen"] = dict(sorted(self.namen.items()))
        d["identiteit"] = "login"  # de escalatielijst en de namen gaan over logins van het systeem
        if self.budgetjaar is not None:
            d["budgetjaar"] = self.budgetjaar
        if self.kostenplaats:
            d["kostenplaats"] = self.kostenplaats
        return d

    @classmethod
    def uit_dict(cls, d: dict[str, Any]) -> Instellingen:
        namen = d.get("namen") or {}
        if not isinstance(namen, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in namen.items()):
            raise ValueError("namen")
        escalatie = d["escalatie"]
        if not isinstance(escalatie, list) or not all(isinstance(e, str) for e in escalatie):
            raise ValueError("escalatie")
        budgetjaar = d.get("budgetjaar")
        if budgetjaar is not None and (type(budgetjaar) is not int or not 2000 <= budgetjaar <= 2100):
            raise ValueError("budgetjaar")
        return cls(lees_bedrag(d["budget"]), lees_bedrag(d["limiet"]), tuple(escalatie),
                   bool(d.get("oefenregister")), dict(namen), d.get("identiteit") == "login", budgetjaar,
                   str(d.get("kostenplaats") or ""))

    def mag_escaleren(self, gebruiker: Gebruiker) -> bool:
        return login_sleutel(gebruiker.os_login) in {login_sleutel(n) for n in self.escalatie}

    def naam_van(self, login: str) -> str:
        """De weergavenaam die het register bij deze login kent, anders de login zelf."""
        sleutel = login_sleutel(login)
        return next((n for k, n in self.namen.items() if login_sleutel(k) == sleutel and n.strip()), login)

    def als_gebruiker(self, gebruiker: Gebruiker) -> Gebruiker:
        """De handelende gebruiker zoals het register hem kent: zijn login, met de naam uit de instellingen."""
        return Gebruiker(self.naam_van(gebruiker.os_login), gebruiker.os_login, gebruiker.machine)

    def wie(self, login: str) -> str:
        return persoon({"naam": self.naam_van(login), "os_login": login})

    @property
    def beslissers(self) -> str:
        return ", ".join(self.wie(login) for login in self.escalatie)


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
    hashes: list[str] = field(default_factory=list)  # per record van deze aanvraag, in dezelfde volgorde
    programmas: list[str] = field(default_factory=list)  # de versie die elk record schreef ("" vóór 0.2.0)

    @property
    def besloten_op(self) -> str | None:
        """Het tijdstip (UTC) van het eindbesluit: de toetsing langs vier ogen, of het besluit na escalatie."""
        if self.status not in (GOEDGEKEURD, AFGEWEZEN):
            return None
        return (self.besluit or self.toetsing or {}).get("tijd")

    @property
    def besluitjaar(self) -> int | None:
        """Het jaar (Nederlandse tijd) van het eindbesluit: een goedkeuring gaat ten laste van de pot van dat jaar."""
        tijd = self.besloten_op
        return None if tijd is None else lokale_datum(tijd).year

    @property
    def laatste_record(self) -> tuple[int, str]:
        """Volgnummer en hash van het laatste record van deze aanvraag (haar besluit, als dat er is)."""
        return self.volgnummers[-1], self.hashes[-1]

    def is_indiener(self, gebruiker: Gebruiker) -> bool:
        return _zelfde(gebruiker, self.indiener)


@dataclass
class Registerstand:
    instellingen: Instellingen
    aanvragen: list[Aanvraag]
    aantal_records: int
    kop_hash: str
    aangemaakt: dict[str, Any]
    register_id: str = ""  # de hash van record 1: verandert nooit zolang het hetzelfde register is
    wijzigingen: list[dict[str, Any]] = field(default_factory=list)  # records 'instellingen'
    herstellingen: list[dict[str, Any]] = field(default_factory=list)  # records 'herstel'
    meldingen: list[str] = field(default_factory=list)  # van de opslag: wat de lezer verder moet weten
    #: de laatste nacalculatie per casus (casus-id zonder onderscheid in hoofdletters -> het record)
    nacalculaties: dict[str, dict[str, Any]] = field(default_factory=dict)

    #: de budgetpotten per jaar (alleen als het register budgetjaren heeft): jaar -> bedrag
    potten: dict[int, Decimal] = field(default_factory=dict)
    budgetrecords: list[dict[str, Any]] = field(default_factory=list)  # records 'budget'
    #: bij de stand van één casus (PostgreSQL, sql/006): per besluitjaar (toegekend, vrijgevallen) van het hele
    #: register, uit de database; None bij een stand uit alle records
    totalen: dict[int, tuple[Decimal, Decimal]] | None = None

    @property
    def jaarmodus(self) -> bool:
        """Werkt dit register met een pot per budgetjaar (`register init --budgetjaar`)?"""
        return self.instellingen.budgetjaar is not None

    @property
    def budgetjaar(self) -> int | None:
        """Het jaar waarvan de pot nu telt (het jaar van vandaag), of None bij één doorlopende pot."""
        return huidig_jaar() if self.jaarmodus else None

    def _in_jaar(self, jaar: int | None, a: Aanvraag) -> bool:
        return jaar is None or a.besluitjaar == jaar

    def toegekend_in(self, jaar: int | None) -> Decimal:
        """Toegekend ten laste van de pot van `jaar` (None: alles)."""
        if self.totalen is not None:
            return sum((t[0] for j, t in self.totalen.items() if jaar is None or j == jaar), NUL)
        return sum((a.bedrag for a in self.aanvragen if a.status == GOEDGEKEURD and self._in_jaar(jaar, a)), NUL)

    def vrijgevallen_in(self, jaar: int | None) -> Decimal:
        """Wat volgens de laatste nacalculatie van elke casus minder is uitgegeven dan toegekend (None: alle potten).
        Het valt terug in de potten waaruit het betaald is: eerst bij de nagecalculeerde aanvraag, dan bij de
        eerdere goedgekeurde aanvragen van de casus, elk hooguit tot haar eigen bedrag, in het jaar van haar besluit.
        Zo krijgt geen pot meer terug dan eruit ging."""
        if self.totalen is not None:
            return sum((t[1] for j, t in self.totalen.items() if jaar is None or j == jaar), NUL)
        return sum((bedrag for j, bedrag in self.vrijgevallen_per_jaar().items() if jaar is None or j == jaar), NUL)

    def vrijgevallen_per_jaar(self) -> dict[int | None, Decimal]:
        """Besluitjaar -> wat daarin is vrijgevallen (zie vrijgevallen_in)."""
        uit: dict[int | None, Decimal] = {}
        per_casus: dict[str, list[Aanvraag]] = {}  # zoals van_casus, maar in één keer: niet per nacalculatie alles af
        if self.nacalculaties:
            for a in self.aanvragen:
                per_casus.setdefault(a.casus_id.casefold(), []).append(a)
        for r in self.nacalculaties.values():
            g = r["gegevens"]
            aanvragen = per_casus.get(g["casus_id"].casefold(), [])
            tot = next(i for i, a in enumerate(aanvragen) if a.aanvraag == g["aanvraag"])
            rest = Decimal(g["vrijgevallen"])
            for a in reversed(aanvragen[:tot + 1]):
                if rest <= 0:
                    break
                if a.status == GOEDGEKEURD:
                    deel = min(rest, a.bedrag)
                    uit[a.besluitjaar] = uit.get(a.besluitjaar, NUL) + deel
                    rest -= deel
        return uit

    def budget_in(self, jaar: int | None) -> Decimal | None:
        """De pot van `jaar` (None als die niet geopend is); zonder budgetjaren de ene pot."""
        if not self.jaarmodus or jaar is None:
            return self.instellingen.budget
        return self.potten.get(jaar)

    def beschikbaar_in(self, jaar: int | None) -> Decimal:
        return (self.budget_in(jaar) or NUL) - self.toegekend_in(jaar) + self.vrijgevallen_in(jaar)

    @property
    def budget(self) -> Decimal:
        """De pot die nu telt: die van dit jaar (€ 0,00 als die nog niet geopend is), of de ene pot."""
        return self.budget_in(self.budgetjaar) or NUL

    @property
    def toegekend(self) -> Decimal:
        return self.toegekend_in(self.budgetjaar)

    @property
    def vrijgevallen(self) -> Decimal:
        return self.vrijgevallen_in(self.budgetjaar)

    @property
    def beschikbaar(self) -> Decimal:
        return self.beschikbaar_in(self.budgetjaar)

    def jaren(self) -> list[dict[str, Any]]:
        """Per budgetjaar: budget, toegekend, vrijgevallen en beschikbaar (ook een jaar met toekenningen zonder
        geopende pot). Zonder budgetjaren één regel met jaar None."""
        if not self.jaarmodus:
            jaren: list[int | None] = [None]
        else:
            jaren = sorted(set(self.potten) | {a.besluitjaar for a in self.aanvragen if a.status == GOEDGEKEURD})
        return [{"jaar": j, "budget": self.budget_in(j) or NUL, "toegekend": self.toegekend_in(j),
                 "vrijgevallen": self.vrijgevallen_in(j), "beschikbaar": self.beschikbaar_in(j)} for j in jaren]

    def nacalculatie(self, casus_id: str) -> dict[str, Any] | None:
        return self.nacalculaties.get(casus_id.casefold())

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


@contextmanager
def _zonder_gc() -> Iterator[None]:
    """Records lezen en de stand opbouwen zonder de cyclische garbage collector. Een register van 100.000 aanvragen
    wordt miljoenen dicts, lijsten en strings, en de collector doorzoekt die tijdens het opbouwen telkens opnieuw
    (meer dan de helft van de tijd). Records en stand bevatten geen kringen: referentietelling ruimt ze op.

    Daarna gaat alles wat er dan is meteen naar de oudste generatie (`freeze` en `unfreeze` verplaatsen alleen de
    lijsten): anders doorzoekt de eerstvolgende ronde van de jongste generatie alles nog één keer (0,5 s). Ook de
    oudste generatie wordt nog opgeruimd, bij de volgende volledige ronde. Stond de collector al uit (ook in een
    omringende aanroep), dan blijft hij uit en blijft de rest aan de omringende aanroep."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _sessiestand(sessie, casus_id: str | None = None) -> Registerstand:
    """De stand uit de records van een exclusieve sessie (gelezen en opgebouwd zonder de collector). Gaat de
    handeling over één casus en kan de opslag die apart lezen (PostgreSQL), dan alleen wat die casus nodig heeft:
    haar records, de instellingen en de totalen van de potten."""
    if casus_id is not None and hasattr(sessie, "stand_voor"):
        return sessie.stand_voor(casus_id)
    with _zonder_gc():
        return stand(sessie.records())


def stand(records: list[dict[str, Any]]) -> Registerstand:
    """De stand van het register uit zijn records (de records zijn de bron, de stand is afgeleid)."""
    try:
        with _zonder_gc():
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
    wijzigingen: list[dict[str, Any]] = []
    herstellingen: list[dict[str, Any]] = []
    nacalculaties: dict[str, dict[str, Any]] = {}
    potten: dict[int, Decimal] = {}
    budgetrecords: list[dict[str, Any]] = []
    for r in records[1:]:
        g = r["gegevens"]
        if r["soort"] == "indiening":
            aanvragen[g["aanvraag"]] = Aanvraag(
                aanvraag=g["aanvraag"], casus_id=g["casus_id"], titel=g.get("titel", ""),
                bedrag=Decimal(g["bedrag"]), route=g["route"], eerder_goedgekeurd=Decimal(g["eerder_goedgekeurd"]),
                gegevens=g, indiener=r["gebruiker"], ingediend_op=r["tijd"], volgnummers=[r["volgnummer"]],
                hashes=[r["hash"]], programmas=[str(r.get("programma", ""))],
            )
        elif r["soort"] in ("toetsing", "besluit"):
            a = aanvragen[g["aanvraag"]]
            stap = {"gebruiker": r["gebruiker"], "tijd": r["tijd"], "akkoord": g["akkoord"], "reden": g.get("reden", ""),
                    "uitkomst": g["uitkomst"]}
            if isinstance(g.get("budget"), dict):
                stap["budget"] = g["budget"]
            setattr(a, r["soort"], stap)
            a.status = g["uitkomst"]
            a.volgnummers.append(r["volgnummer"])
            a.hashes.append(r["hash"])
            a.programmas.append(str(r.get("programma", "")))
        elif r["soort"] == "nacalculatie":
            if g.get("aanvraag") not in aanvragen or aanvragen[g["aanvraag"]].status != GOEDGEKEURD:
                raise OnleesbaarRegister(f"record {r['volgnummer']} (nacalculatie) hoort bij geen goedgekeurde aanvraag")
            nacalculaties[str(g["casus_id"]).casefold()] = r  # de laatste telt; eerdere blijven in de keten
        elif r["soort"] in ("instellingen", "herstel", "budget"):
            # alleen wie op dat moment mocht (zie _mag_wijzigen); anders is het record er buiten Doorbraak om
            # in gekomen
            wie = Gebruiker(str(r["gebruiker"].get("naam", "")), str(r["gebruiker"]["os_login"]), "")
            if not _mag_wijzigen(instellingen, eerste["gebruiker"], wijzigingen, wie):
                raise OnleesbaarRegister(f"record {r['volgnummer']} ({r['soort']}) is gemaakt door "
                                         f"{persoon(r['gebruiker'])}, die niet op de escalatielijst stond")
            if not isinstance(g.get("reden"), str):
                raise OnleesbaarRegister(f"record {r['volgnummer']} ({r['soort']}) heeft geen reden")
            if r["soort"] == "budget":
                if instellingen.budgetjaar is None or type(g.get("jaar")) is not int:
                    raise OnleesbaarRegister(f"record {r['volgnummer']} (budget) hoort niet in dit register")
                potten[g["jaar"]] = lees_bedrag(g["bedrag"])
                budgetrecords.append(r)
            elif r["soort"] == "instellingen":
                vast = {"oefenregister": instellingen.oefenregister}
                if instellingen.budgetjaar is not None:  # de budgetjaren liggen vast sinds de aanmaak
                    vast |= {"budgetjaar": instellingen.budgetjaar, "kostenplaats": instellingen.kostenplaats}
                instellingen = Instellingen.uit_dict(g["instellingen"] | vast)
                wijzigingen.append(r)
            else:
                if not isinstance(g.get("kop_voor_herstel"), dict) or type(g["kop_voor_herstel"].get("aantal")) is not int:
                    raise OnleesbaarRegister(f"record {r['volgnummer']} (herstel) is onvolledig")
                herstellingen.append(r)
    if instellingen.budgetjaar is not None:
        potten = {instellingen.budgetjaar: instellingen.budget} | potten
    return Registerstand(instellingen, list(aanvragen.values()), len(records), records[-1]["hash"],
                         {"gebruiker": eerste["gebruiker"], "tijd": eerste["tijd"]}, eerste["hash"],
                         wijzigingen, herstellingen, nacalculaties=nacalculaties, potten=potten,
                         budgetrecords=budgetrecords)


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


# Een reden zegt soms hoe het verder moet. Op de opdrachtregel is dat een opdracht; in de app (`app=True`) het menu
# of wie het moet doen: de app toont nooit een opdracht of een optie die de gebruiker daar niet kan geven.
_VERDER = {
    "toetsen": ("'doorbraak toetsen'", "Register › Toetsing: goedkeuren of afwijzen"),
    "besluiten": ("'doorbraak besluiten'", "Register › Escalatie: toekennen of afwijzen"),
}


def _verder(handeling: str, app: bool) -> str:
    return _VERDER[handeling][1 if app else 0]


def waarom_niet_toetsen(st: Registerstand, casus_id: str, gebruiker: Gebruiker, akkoord: bool = True, *,
                        app: bool = False) -> str | None:
    """Waarom `gebruiker` de open aanvraag voor `casus_id` niet mag toetsen (goed- of afkeuren), of None.

    Het budget telt alleen bij goedkeuren langs de vier-ogenroute: dan is de toetsing het besluit.
    `app`: de reden in de woorden van de app (menu's), niet die van de opdrachtregel.
    """
    a = st.open_aanvraag(casus_id)
    if a is None:
        return _niets_open(st, casus_id)
    if a.status == GEESCALEERD:
        beslissers = " of ".join(st.instellingen.wie(n) for n in st.instellingen.escalatie)
        return f"{a.aanvraag} is al getoetst en geëscaleerd; nu beslist {beslissers} ({_verder('besluiten', app)})"
    if a.is_indiener(gebruiker):
        return (f"{st.instellingen.wie(gebruiker.os_login)} heeft {a.aanvraag} zelf ingediend; een andere coach moet "
                "toetsen (vier ogen)")
    if akkoord and _route_nu(st, a) == VIER_OGEN:
        return _budgettekort(st, a, app)
    return None


def waarom_niet_besluiten(st: Registerstand, casus_id: str, gebruiker: Gebruiker, akkoord: bool = True, *,
                          app: bool = False) -> str | None:
    """Waarom `gebruiker` niet over de geëscaleerde aanvraag voor `casus_id` mag besluiten, of None.

    Het budget telt alleen bij goedkeuren (`akkoord`). `app`: zie waarom_niet_toetsen."""
    a = st.open_aanvraag(casus_id)
    if a is None:
        return _niets_open(st, casus_id)
    if a.status != GEESCALEERD:
        return (f"{a.aanvraag} wacht nog op de toetsing door een tweede coach ({_verder('toetsen', app)}); "
                "pas daarna volgt een besluit")
    wie = st.instellingen.wie(gebruiker.os_login)
    if not st.instellingen.mag_escaleren(gebruiker):
        return f"{wie} mag niet over escalaties beslissen; dat mogen: {st.instellingen.beslissers}"
    if a.is_indiener(gebruiker):
        return f"{wie} heeft {a.aanvraag} zelf ingediend en mag er niet over beslissen"
    if _zelfde(gebruiker, (a.toetsing or {}).get("gebruiker") or {}):
        return (f"{wie} heeft {a.aanvraag} al getoetst; het besluit neemt een ander "
                "(vier ogen, plus een derde bij escalatie)")
    if akkoord:
        return _budgettekort(st, a, app)
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


def _uitkomst_toetsing(st: Registerstand, a: Aanvraag, akkoord: bool) -> str:
    """Wat een toetsing van de open aanvraag `a` wordt: afgewezen, goedgekeurd (vier ogen: de toetsing is het besluit)
    of geëscaleerd (dan beslist de escalatielijst)."""
    if not akkoord:
        return AFGEWEZEN
    return GOEDGEKEURD if _route_nu(st, a) == VIER_OGEN else GEESCALEERD


@dataclass(frozen=True)
class Gevolg:
    """Wat een handeling zou doen, met de stand van nu: om het vooraf precies te kunnen zeggen (de handeling zelf
    beslist opnieuw, in haar exclusieve sessie, en weigert als het intussen anders is)."""

    aanvraag: str  # de aanvraag die ontstaat (indienen) of waarover het gaat
    casus_id: str
    bedrag: Decimal
    uitkomst: str  # de status daarna: INGEDIEND, GEESCALEERD, GOEDGEKEURD of AFGEWEZEN
    route: str  # VIER_OGEN of ESCALATIE: wat al voor dezelfde casus is goedgekeurd telt mee
    limiet: Decimal
    eerder_goedgekeurd: Decimal  # wat al voor dezelfde casus is goedgekeurd (zonder deze aanvraag)
    goedgekeurd: tuple[Aanvraag, ...]  # de goedgekeurde aanvragen van de casus
    #: het jaar van de pot van nu (None: één doorlopende pot); een goedkeuring gaat ten laste van de pot van het jaar van
    #: het besluit: bij GOEDGEKEURD is dat dit jaar, anders valt het besluit later (misschien in een volgend jaar)
    jaar: int | None
    beschikbaar_na: Decimal | None = None  # bij GOEDGEKEURD: wat er daarna in die pot over is


def gevolg_indienen(st: Registerstand, casus_id: str, bedrag: Decimal) -> Gevolg:
    """Wat indienen van `bedrag` voor `casus_id` doet: een nieuwe aanvraag (ingediend) met de route van `dien_in`."""
    eerder = st.goedgekeurd_voor(casus_id)
    return Gevolg(f"{casus_id}-{len(st.van_casus(casus_id)) + 1}", casus_id, bedrag, INGEDIEND,
                  route(bedrag, st.instellingen.limiet, eerder), st.instellingen.limiet, eerder,
                  tuple(a for a in st.van_casus(casus_id) if a.status == GOEDGEKEURD), st.budgetjaar)


def _gevolg(st: Registerstand, a: Aanvraag, uitkomst: str) -> Gevolg:
    goedgekeurd = tuple(g for g in st.van_casus(a.casus_id) if g.status == GOEDGEKEURD)
    return Gevolg(a.aanvraag, a.casus_id, a.bedrag, uitkomst, _route_nu(st, a), st.instellingen.limiet,
                  st.goedgekeurd_voor(a.casus_id), goedgekeurd, st.budgetjaar,
                  st.beschikbaar - a.bedrag if uitkomst == GOEDGEKEURD else None)


def gevolg_toetsen(st: Registerstand, casus_id: str, akkoord: bool) -> Gevolg | None:
    """Wat toetsen van de open aanvraag voor `casus_id` doet (zoals `toets`), of None als er niets open staat."""
    a = st.open_aanvraag(casus_id)
    return None if a is None else _gevolg(st, a, _uitkomst_toetsing(st, a, akkoord))


def gevolg_besluiten(st: Registerstand, casus_id: str, akkoord: bool) -> Gevolg | None:
    """Wat besluiten over de open aanvraag voor `casus_id` doet (zoals `besluit`), of None als er niets open staat."""
    a = st.open_aanvraag(casus_id)
    return None if a is None else _gevolg(st, a, GOEDGEKEURD if akkoord else AFGEWEZEN)


def _budgettekort(st: Registerstand, a: Aanvraag, app: bool = False) -> str | None:
    jaar = st.budgetjaar
    if jaar is not None and st.budget_in(jaar) is None:
        # de app opent geen potten: dat doet iemand van de escalatielijst op de opdrachtregel
        hoe = "moet die eerst openen" if app else f"opent die met 'doorbraak register budget --jaar {jaar} --bedrag …'"
        return (f"er is nog geen budgetpot voor {jaar}; iemand van de escalatielijst ({st.instellingen.beslissers}) "
                + hoe)
    if jaar is not None and a.bedrag > st.beschikbaar:
        return (f"{a.aanvraag} vraagt {formatteer(a.bedrag)}, maar in de budgetpot {jaar} is nog "
                f"{formatteer(st.beschikbaar)} beschikbaar (van {formatteer(st.budget)})")
    if a.bedrag > st.beschikbaar:
        return (f"{a.aanvraag} vraagt {formatteer(a.bedrag)}, maar in de budgetpot is nog "
                f"{formatteer(st.beschikbaar)} beschikbaar (van {formatteer(st.instellingen.budget)})")
    return None


def _weiger(reden: str | None) -> None:
    if reden is not None:
        raise Weigering(reden)


# ---------------------------------------------------------------- handelingen


def maak_register(opslag, instellingen: Instellingen, gebruiker: Gebruiker, *, gedeeld: bool = True) -> dict[str, Any]:
    for naam, bedrag in (("--budget", instellingen.budget), ("--limiet", instellingen.limiet)):
        if bedrag <= 0:
            raise InvoerFout(Probleem(naam, "moet groter zijn dan € 0,00"))
        try:
            lees_bedrag(bedrag)
        except ValueError as e:
            raise InvoerFout(Probleem(naam, str(e))) from None
    _controleer_escalatie(instellingen)
    if instellingen.budgetjaar is not None and not 2000 <= instellingen.budgetjaar <= huidig_jaar() + 1:
        raise InvoerFout(Probleem("--budgetjaar", f"{instellingen.budgetjaar} kan niet: kies een jaar tot en met "
                                  f"{huidig_jaar() + 1}"))
    return opslag.maak(instellingen.als_dict(), instellingen.als_gebruiker(gebruiker), gedeeld=gedeeld)


def _controleer_escalatie(instellingen: Instellingen) -> None:
    if not instellingen.escalatie:
        raise InvoerFout(Probleem("--escalatie", "noem de login van minstens één persoon die over escalaties beslist"))
    for login in instellingen.escalatie:
        if not login.strip() or any(t.isspace() for t in login.strip()) or "," in login:
            raise InvoerFout(Probleem("--escalatie", f"{login!r} is geen login (een login heeft geen spaties; "
                                      "scheid logins met komma's)"))
    for login in instellingen.namen:
        if not login.strip() or any(t.isspace() for t in login.strip()):
            raise InvoerFout(Probleem("--naam", f"{login!r} is geen login (LOGIN=Weergavenaam)"))


def lees_stand(opslag: Registeropslag) -> Registerstand:
    """De stand, pas nadat de keten is gecontroleerd (en vergeleken met wat deze gebruiker eerder zag);
    pas als ook de inhoud klopt, onthoudt de getuige wat deze gebruiker zag."""
    with _zonder_gc():
        records = opslag.keten()
        st = stand(records)
    opslag.bevestig(records, st.instellingen.escalatie)
    return st


def _na_schrijven(sessie) -> Registerstand:
    """De stand met het zojuist geschreven record; de schrijver zag het (zijn getuige onthoudt het)."""
    st = _sessiestand(sessie)
    sessie.bevestig(st.instellingen.escalatie)
    return st


Berekening = Callable[[Decimal, Decimal], tuple[Any, dict[str, Any]]]
"""Rekent de casus door met (limiet, eerder goedgekeurd); geeft (businesscase, stuk)."""


def dien_in(opslag: Registeropslag, casus: Casus, reken: Berekening, gebruiker: Gebruiker) -> Aanvraag:
    """Dien een aanvraag in: de casus, haar berekening en de vastgelegde prijzen.

    De route telt alles wat al voor dezelfde casus is goedgekeurd, zodat opknippen niet helpt.
    """
    with opslag.exclusief(gebruiker) as sessie:
        st = _sessiestand(sessie, casus.casus_id)
        gebruiker = st.instellingen.als_gebruiker(gebruiker)
        _weiger(waarom_niet_indienen(st, casus))
        eerder = st.goedgekeurd_voor(casus.casus_id)
        bc, stuk = reken(st.instellingen.limiet, eerder)
        _weiger(waarom_niet_indienen(st, casus, bc.interventie_totaal))
        nummer = len(st.van_casus(casus.casus_id)) + 1
        sleutel = sessie.bewaar_stuk(canoniek(stuk))
        berekening = bc.als_json()
        gegevens = {
            "aanvraag": f"{casus.casus_id}-{nummer}", "casus_id": casus.casus_id, "titel": casus.titel,
            "casus_datum": casus.datum.isoformat(),
            "gemeente": casus.gemeente or "", "bedrag": als_tekst(bc.interventie_totaal), "route": bc.route,
            "limiet": als_tekst(st.instellingen.limiet), "eerder_goedgekeurd": als_tekst(eerder),
            "kosten_zonder": als_tekst(bc.kosten_zonder), "kosten_met": als_tekst(bc.kosten_met),
            "vermeden_kosten": als_tekst(bc.vermeden_kosten), "netto_rendement": als_tekst(bc.netto_rendement),
            "rendement_ratio": None if bc.rendement_ratio is None else f"{bc.rendement_ratio:f}",
            # rekenmodel 2 (ontbreekt in records van daarvoor): de contante waarde met haar discontovoet, het
            # terugverdienjaar (None: niet binnen de horizon), de scenario's, de bedragen per jaar en de grondslagen
            "contant": berekening["contant"], "terugverdienjaar": bc.terugverdienjaar,
            "scenarios": berekening["scenarios"], "per_jaar": berekening["per_jaar"],
            "grondslagen": [g.grondslag.code for g in bc.grondslagen],
            "categorieen": sorted({r.categorie for r in casus.interventie if r.categorie}),
            # voor de monitor (ontbreekt in records van daarvoor; die leest het stuk): de vermeden kosten per
            # financier, de leefgebieden en wat voorkomen wordt (elke regel zonder doorbraak, één keer)
            "per_financier": berekening["per_financier"], "leefgebieden": list(casus.leefgebieden or []),
            "voorkomen": voorkomen(berekening["regels"]),
            "prijslijst": {"versie": bc.prijslijst_versie, "inhoud_hash": bc.prijslijst_hash},
            "stuk": sleutel,
        }
        sessie.voeg_toe("indiening", gegevens, gebruiker)
        return _aanvraag(sessie, st, gegevens["aanvraag"])


def voorkomen(regels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wat een casus voorkomt: de kosten (prijscode, anders omschrijving) die zonder doorbraak hoger zijn dan met,
    elk één keer. Hulp die met de doorbraak net zo goed (of meer) doorgaat, is niet voorkomen."""
    saldo: dict[str, Decimal] = {}
    eerste: dict[str, dict[str, Any]] = {}
    for r in regels:
        kant = str(r["pad"]).split("[")[0]
        if kant not in ("zonder_doorbraak", "met_doorbraak"):
            continue
        sleutel = r["code"] or " ".join(str(r["omschrijving"]).split()).casefold()
        bedrag = Decimal(str(r.get("bedrag") or "0"))
        saldo[sleutel] = saldo.get(sleutel, NUL) + (bedrag if kant == "zonder_doorbraak" else -bedrag)
        if kant == "zonder_doorbraak":
            eerste.setdefault(sleutel, {"code": r["code"], "omschrijving": r["omschrijving"]})
    return [v for k, v in eerste.items() if saldo[k] > 0]


def _controleer_verwacht(st: Registerstand, casus_id: str, verwacht: str | None) -> None:
    """De gebruiker beoordeelt wat hij zag: is er intussen een andere aanvraag open, dan niet."""
    if verwacht is None:
        return
    a = st.open_aanvraag(casus_id)
    if a is not None and a.aanvraag != verwacht:
        raise Weigering(f"de open aanvraag voor {casus_id} is nu {a.aanvraag}, niet {verwacht}; open haar opnieuw "
                        "uit de lijst en beoordeel wat er nu is ingediend")


def toets(opslag: Registeropslag, casus_id: str, akkoord: bool, reden: str, gebruiker: Gebruiker,
          verwacht: str | None = None, *, app: bool = False) -> Aanvraag:
    """De toetsing door een tweede coach: nooit de indiener zelf. `app`: een weigering in de woorden van de app."""
    with opslag.exclusief(gebruiker) as sessie:
        st = _sessiestand(sessie, casus_id)
        gebruiker = st.instellingen.als_gebruiker(gebruiker)
        _controleer_verwacht(st, casus_id, verwacht)
        _weiger(waarom_niet_toetsen(st, casus_id, gebruiker, akkoord, app=app))
        a = st.open_aanvraag(casus_id)
        uitkomst = _uitkomst_toetsing(st, a, akkoord)
        gegevens = {"aanvraag": a.aanvraag, "akkoord": akkoord, "reden": reden, "uitkomst": uitkomst}
        if uitkomst == GOEDGEKEURD:
            gegevens["budget"] = _budget_bij_besluit(st, a)
        sessie.voeg_toe("toetsing", gegevens, gebruiker)
        return _aanvraag(sessie, st, a.aanvraag)


def besluit(opslag: Registeropslag, casus_id: str, akkoord: bool, reden: str, gebruiker: Gebruiker,
            verwacht: str | None = None, *, app: bool = False) -> Aanvraag:
    """Het besluit over een geëscaleerde aanvraag: alleen wie daarvoor is aangewezen, nooit de indiener."""
    with opslag.exclusief(gebruiker) as sessie:
        st = _sessiestand(sessie, casus_id)
        gebruiker = st.instellingen.als_gebruiker(gebruiker)
        _controleer_verwacht(st, casus_id, verwacht)
        _weiger(waarom_niet_besluiten(st, casus_id, gebruiker, akkoord, app=app))
        a = st.open_aanvraag(casus_id)
        gegevens = {"aanvraag": a.aanvraag, "akkoord": akkoord, "reden": reden,
                    "uitkomst": GOEDGEKEURD if akkoord else AFGEWEZEN}
        if akkoord:
            gegevens["budget"] = _budget_bij_besluit(st, a)
        sessie.voeg_toe("besluit", gegevens, gebruiker)
        return _aanvraag(sessie, st, a.aanvraag)


def _budget_bij_besluit(st: Registerstand, a: Aanvraag) -> dict[str, Any]:
    """De pot op het moment van een goedkeuring, voor het verantwoordingsdocument: jaar (None: één pot),
    kostenplaats, de pot, wat er al uit was toegekend, en wat er vóór en na deze toekenning beschikbaar is."""
    jaar = st.budgetjaar
    return {"jaar": jaar, "kostenplaats": st.instellingen.kostenplaats, "budget": als_tekst(st.budget),
            "toegekend_voor": als_tekst(st.toegekend), "vrijgevallen": als_tekst(st.vrijgevallen),
            "beschikbaar_voor": als_tekst(st.beschikbaar), "beschikbaar_na": als_tekst(st.beschikbaar - a.bedrag)}


def waarom_niet_nacalculeren(st: Registerstand, casus_id: str, werkelijke_uitgave: Decimal,
                             oefening: bool = False, *, app: bool = False) -> str | None:
    """Waarom voor `casus_id` geen nacalculatie kan worden vastgelegd, of None. Elke coach mag het.

    `oefening`: de nacalculatie (of de casus waarover ze gaat) is een oefening. `app`: zie waarom_niet_toetsen."""
    if oefening and not st.instellingen.oefenregister:
        return f"de nacalculatie van {casus_id} is een oefening; die kan niet in een echt register"
    if st.instellingen.oefenregister and not oefening:
        return (f"dit is een oefenregister; de nacalculatie van {casus_id} is geen oefening"
                + ("" if app else ' (zet "oefening": true)'))
    goedgekeurd = [a for a in st.van_casus(casus_id) if a.status == GOEDGEKEURD]
    if not goedgekeurd:
        laatste = st.laatste(casus_id)
        stand_nu = f"de laatste aanvraag, {laatste.aanvraag}, is {laatste.status}" if laatste else "er is geen aanvraag"
        return f"{casus_id} heeft geen goedgekeurde aanvraag in dit register ({stand_nu}); nacalculeren kan pas na een goedkeuring"
    toegekend = st.goedgekeurd_voor(casus_id)
    if werkelijke_uitgave > toegekend:
        return (f"de werkelijke uitgave ({formatteer(werkelijke_uitgave)}) is hoger dan wat voor {casus_id} is toegekend "
                f"({formatteer(toegekend)}); het extra bedrag ({formatteer(werkelijke_uitgave - toegekend)}) vraagt een "
                "nieuwe aanvraag, die de route volgt zoals elke aanvraag voor dezelfde casus")
    return None


def nacalculeer(opslag: Registeropslag, casus_id: str, gegevens_van: Any, gebruiker: Gebruiker,
                oefening: bool = False) -> dict[str, Any]:
    """Leg een nacalculatie vast. `gegevens_van(st, aanvraag)` rekent (met de vastgelegde prijzen van de
    goedgekeurde aanvraag) en geeft (werkelijke uitgave, gegevens voor het record, het stuk in bytes)."""
    with opslag.exclusief(gebruiker) as sessie:
        st = _sessiestand(sessie, casus_id)
        gebruiker = st.instellingen.als_gebruiker(gebruiker)
        _weiger(waarom_niet_nacalculeren(st, casus_id, NUL, oefening))  # eerst wat zonder rekenen vaststaat
        a = [a for a in st.van_casus(casus_id) if a.status == GOEDGEKEURD][-1]
        uitgave, gegevens, stuk = gegevens_van(st, a)
        _weiger(waarom_niet_nacalculeren(st, casus_id, uitgave, oefening))
        gegevens = {"aanvraag": a.aanvraag, "casus_id": a.casus_id} | gegevens | {"stuk": sessie.bewaar_stuk(stuk)}
        return sessie.voeg_toe("nacalculatie", gegevens, gebruiker)


#: na zoveel maanden hoort een goedgekeurde casus zijn eerste nacalculatie te hebben (het eerste moment van de drie)
NACALCULATIE_NA_MAANDEN = 6


def nog_na_te_calculeren(st: Registerstand, vandaag: date, aanvragen: Iterable[Aanvraag] | None = None) -> list[Aanvraag]:
    """Per casus de laatste goedgekeurde aanvraag, als haar besluit (Nederlandse datum) langer dan
    NACALCULATIE_NA_MAANDEN maanden vóór `vandaag` ligt en de casus nog geen nacalculatie heeft. In de volgorde van
    de keten (van die laatste aanvraag). `aanvragen`: alleen deze (de monitor geeft die van zijn periode); anders alle.
    Dezelfde definitie als de monitor (`nog_na_te_calculeren`), en de lijst in de app."""
    laatste: dict[str, Aanvraag] = {}
    for a in st.aanvragen if aanvragen is None else aanvragen:
        if a.status == GOEDGEKEURD:
            sleutel = a.casus_id.casefold()
            laatste.pop(sleutel, None)  # de volgorde van de laatste goedgekeurde aanvraag telt
            laatste[sleutel] = a
    grens = maanden_erbij(vandaag, -NACALCULATIE_NA_MAANDEN)
    return [a for sleutel, a in laatste.items()
            if a.besloten_op and lokale_datum(a.besloten_op) < grens and sleutel not in st.nacalculaties]


def _mag_wijzigen(instellingen: Instellingen, maker: dict[str, Any], wijzigingen: list, gebruiker: Gebruiker) -> bool:
    """Wie op de escalatielijst staat. En in een register van vóór de logins (waarin de lijst namen kon
    bevatten die niemand meer als login heeft), eenmalig ook wie het register maakte (record 1): die zet
    de lijst om naar logins; daarna geldt alleen de lijst."""
    if instellingen.mag_escaleren(gebruiker):
        return True
    return (not instellingen.logins and not wijzigingen
            and login_sleutel(gebruiker.os_login) == login_sleutel(str(maker.get("os_login", ""))))


def waarom_niet_wijzigen(st: Registerstand, gebruiker: Gebruiker) -> str | None:
    """Waarom `gebruiker` de instellingen niet mag wijzigen of een herstel niet mag aanvaarden, of None."""
    if not _mag_wijzigen(st.instellingen, st.aangemaakt["gebruiker"], st.wijzigingen, gebruiker):
        return (f"{st.instellingen.wie(gebruiker.os_login)} staat niet op de escalatielijst; alleen "
                f"{st.instellingen.beslissers} mag de instellingen wijzigen of een herstel aanvaarden")
    return None


def _reden_nodig(reden: str) -> str:
    reden = " ".join((reden or "").split())
    if not reden:
        raise InvoerFout(Probleem("--reden", "geef een reden; die komt in het register"))
    return reden


def wijzig_instellingen(opslag: Registeropslag, gebruiker: Gebruiker, reden: str, *, budget: Decimal | None = None,
                        limiet: Decimal | None = None, escalatie: list[str] | None = None,
                        namen: dict[str, str] | None = None) -> Registerstand:
    """Budget, limiet, escalatielijst of weergavenamen wijzigen: een eigen record, alleen door iemand die
    al op de escalatielijst staat. Een lege naam haalt de weergavenaam van die login weg."""
    reden = _reden_nodig(reden)
    with opslag.exclusief(gebruiker) as sessie:
        st = _sessiestand(sessie)
        gebruiker = st.instellingen.als_gebruiker(gebruiker)
        _weiger(waarom_niet_wijzigen(st, gebruiker))
        oud = st.instellingen
        nieuwe_namen = dict(oud.namen)
        for login, naam in (namen or {}).items():
            bestaand = next((k for k in nieuwe_namen if login_sleutel(k) == login_sleutel(login)), None)
            if bestaand is not None:
                del nieuwe_namen[bestaand]
            if " ".join(naam.split()):
                nieuwe_namen[login.strip()] = " ".join(naam.split())
        if budget is not None and oud.budgetjaar is not None:
            raise InvoerFout(Probleem("--budget", "dit register heeft een pot per budgetjaar; wijzig of open de pot "
                                      "van een jaar met 'doorbraak register budget --jaar JJJJ --bedrag …'"))
        nieuw = Instellingen(oud.budget if budget is None else budget, oud.limiet if limiet is None else limiet,
                             oud.escalatie if escalatie is None else tuple(e.strip() for e in escalatie),
                             oud.oefenregister, nieuwe_namen, True, oud.budgetjaar,
                             oud.kostenplaats)  # en vanaf nu zeker over logins
        for naam, bedrag in (("--budget", nieuw.budget), ("--limiet", nieuw.limiet)):
            if bedrag <= 0:
                raise InvoerFout(Probleem(naam, "moet groter zijn dan € 0,00"))
        _controleer_escalatie(nieuw)
        if nieuw == oud:
            raise InvoerFout(Probleem("instellingen", "er verandert niets; er is niets vastgelegd"))
        if nieuw.budget < st.toegekend:
            raise Weigering(f"het budget kan niet lager worden dan wat al is toegekend ({formatteer(st.toegekend)})")
        gegevens = nieuw.als_dict()
        for vast in ("oefenregister", "budgetjaar", "kostenplaats"):  # vast sinds de aanmaak
            gegevens.pop(vast, None)
        sessie.voeg_toe("instellingen", {"instellingen": gegevens, "reden": reden}, gebruiker)
        return _na_schrijven(sessie)


def open_budget(opslag: Registeropslag, gebruiker: Gebruiker, jaar: int, bedrag: Decimal, reden: str) -> Registerstand:
    """Open de budgetpot van een jaar (of wijzig die): een eigen record, alleen door de escalatielijst. Een
    goedkeuring gaat ten laste van de pot van het jaar van het besluit."""
    reden = _reden_nodig(reden)
    with opslag.exclusief(gebruiker) as sessie:
        st = _sessiestand(sessie)
        gebruiker = st.instellingen.als_gebruiker(gebruiker)
        _weiger(waarom_niet_wijzigen(st, gebruiker))
        if not st.jaarmodus:
            raise InvoerFout(Probleem("--jaar", "dit register heeft één doorlopende pot, zonder budgetjaren; wijzig "
                                      "die met 'doorbraak register instellen --budget …'"))
        eerste = st.instellingen.budgetjaar
        if not eerste <= jaar <= huidig_jaar() + 1:
            raise InvoerFout(Probleem("--jaar", f"{jaar} kan niet: kies een jaar van {eerste} (het eerste budgetjaar) "
                                      f"tot en met {huidig_jaar() + 1} (volgend jaar)"))
        if bedrag <= 0:
            raise InvoerFout(Probleem("--bedrag", "moet groter zijn dan € 0,00"))
        if st.budget_in(jaar) == bedrag:
            raise InvoerFout(Probleem("--bedrag", f"de pot van {jaar} is al {formatteer(bedrag)}; er is niets vastgelegd"))
        nodig = st.toegekend_in(jaar) - st.vrijgevallen_in(jaar)
        if bedrag < nodig:
            raise Weigering(f"de pot van {jaar} kan niet lager worden dan wat er al uit is toegekend "
                            f"({formatteer(nodig)})")
        sessie.voeg_toe("budget", {"jaar": jaar, "bedrag": als_tekst(bedrag), "reden": reden,
                                   "was": None if st.budget_in(jaar) is None else als_tekst(st.budget_in(jaar))},
                        gebruiker)
        return _na_schrijven(sessie)


def aanvaard_herstel(opslag: Registeropslag, gebruiker: Gebruiker, reden: str) -> tuple[Registerstand, dict[str, Any]]:
    """Leg vast dat het register (legitiem) is teruggezet uit een back-up: een record `herstel` in de keten,
    alleen door iemand van de escalatielijst. Daarna kunnen ook collega's die de verdwenen records zagen,
    weer verder (hun getuige ziet het herstel ná het punt van afsplitsing). De keten zelf moet kloppen."""
    reden = _reden_nodig(reden)
    with opslag.exclusief(gebruiker, herstel=True) as sessie:
        records = sessie.records()
        st = stand(records)
        gebruiker = st.instellingen.als_gebruiker(gebruiker)
        _weiger(waarom_niet_wijzigen(st, gebruiker))
        afwijking = sessie.afwijking
        gegevens: dict[str, Any] = {"reden": reden, "kop_voor_herstel": {"aantal": len(records), "hash": records[-1]["hash"]}}
        kop = opslag.lees_kop() if hasattr(opslag, "lees_kop") else {}
        if kop:
            gegevens["kop_json"] = {"aantal": kop.get("aantal"), "hash": kop.get("hash")}
        if afwijking is not None:
            gegevens["gezien"] = {"aantal": afwijking.gezien_aantal, "hash": afwijking.gezien_hash,
                                  "splitsing": afwijking.splitsing, "verloren": afwijking.verloren[:200]}
        record = sessie.voeg_toe("herstel", gegevens, gebruiker)
        return _na_schrijven(sessie), record


def _aanvraag(sessie, st: Registerstand, naam: str) -> Aanvraag:
    """De aanvraag zoals die nu is, uit de records van de sessie (inclusief het zojuist toegevoegde); `st` is de
    stand van vlak ervoor. Een indiening, toetsing of besluit raakt alleen de eigen aanvraag, niet de instellingen:
    de rest van de stand is niet opnieuw nodig (bij 100.000 aanvragen 0,4 s), alleen record 1 en de records van
    deze aanvraag. Verder als `_na_schrijven`: de schrijver zag wat hij schreef (zijn getuige onthoudt het)."""
    records = sessie.records()
    eigen = [r for r in records
             if r["soort"] in ("indiening", "toetsing", "besluit") and r["gegevens"]["aanvraag"] == naam]
    aanvraag = next(a for a in stand([records[0], *eigen]).aanvragen if a.aanvraag == naam)
    sessie.bevestig(st.instellingen.escalatie)
    return aanvraag


__all__ = ["AFGEWEZEN", "ESCALATIE", "GEESCALEERD", "GOEDGEKEURD", "INGEDIEND", "VIER_OGEN", "Aanvraag", "Gevolg",
           "Instellingen", "Registerstand", "aanvaard_herstel", "besluit", "dien_in", "gevolg_besluiten",
           "gevolg_indienen", "gevolg_toetsen", "lees_stand", "maak_register", "nacalculeer", "nog_na_te_calculeren",
           "open_budget", "stand", "toets", "waarom_niet_besluiten", "waarom_niet_indienen", "waarom_niet_nacalculeren",
           "waarom_niet_toetsen", "waarom_niet_wijzigen", "wijzig_instellingen"]
