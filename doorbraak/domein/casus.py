"""De casus en de bestandsformaten `doorbraak-casus/1` en `/2` (zie docs/casusformaat.md).

Formaat /2 voegt toe: `jaar` op elke kosten- en interventieregel, `kans_laag` en `kans_hoog` op
kostenregels, `discontovoet` op de casus en `waardendriehoek.grondslagen`. Een /1-bestand wordt gelezen
zoals altijd (die velden zijn daar onbekend en blijven bewaard in `extra`); opslaan schrijft /2 zodra
een van de nieuwe velden gebruikt wordt, en laat een /1-bestand anders byte voor byte gelijk.

`lees_casus` valideert alles tegelijk en meldt elk probleem met het pad van het veld
(`interventie[0].bedrag`). Velden die dit programma niet kent blijven bewaard in `extra`,
zodat laden en opslaan niets weggooit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from doorbraak.domein.fouten import InvoerFout, Probleem, Problemenlijst
from doorbraak.domein.geld import als_tekst, getal_nl, lees_bedrag, lees_getal, toon_waarde
from doorbraak.domein.jsonbestand import lees_json, lees_json_tekst, naar_json, schrijf_atomair
from doorbraak.domein.prijslijst import EENHEDEN

FORMAAT_1 = "doorbraak-casus/1"
FORMAAT_2 = "doorbraak-casus/2"
FORMAAT = FORMAAT_1  # een nieuwe casus zonder nieuwe velden blijft /1
FORMATEN = (FORMAAT_1, FORMAAT_2)
MAX_JAAR = 10
MAX_DISCONTOVOET = Decimal("0.2")
STANDAARD_HORIZON = 12
MAX_AANTAL = Decimal("1000000")
MAX_TEKST = 100_000
_CASUS_ID = re.compile(r"[A-Za-z0-9._-]{3,40}")
AANTAL_DECIMALEN = 6

_SURROGAAT = re.compile("[\ud800-\udfff]")
VRIJE_TEKSTEN = ("situatie", "reguliere_route", "doorbraak", "perspectief")
WAARDEN = ("rendement", "legitimiteit", "betrokkenheid")


@dataclass
class Huishouden:
    volwassenen: int | None = None
    kinderen: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Grondslagverwijzing:
    """Een artikel uit de lijst met grondslagen (`resources/grondslagen.csv`) met de toelichting van de coach."""

    code: str
    toelichting: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Waardendriehoek:
    rendement: str | None = None
    legitimiteit: str | None = None
    betrokkenheid: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    grondslagen: list[Grondslagverwijzing] | None = None  # formaat /2


@dataclass
class Interventieregel:
    omschrijving: str
    bedrag: Decimal
    categorie: str | None = None
    jaar: int | None = None  # formaat /2; leeg: jaar 1
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def in_jaar(self) -> int:
        return 1 if self.jaar is None else self.jaar


@dataclass
class Kostenregel:
    """Een prijslijstregel (`prijs` gezet) of een eigen regel (omschrijving, bedrag, bron)."""

    aantal: Decimal
    prijs: str | None = None
    kans: Decimal | None = None
    toelichting: str | None = None
    omschrijving: str | None = None
    bedrag_per_eenheid: Decimal | None = None
    eenheid: str | None = None
    financier: str | None = None
    bron: str | None = None
    jaar: int | None = None  # formaat /2; leeg: jaar 1
    kans_laag: Decimal | None = None  # formaat /2; leeg: kans
    kans_hoog: Decimal | None = None  # formaat /2; leeg: kans
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_prijslijstregel(self) -> bool:
        return self.prijs is not None

    @property
    def kans_of_zeker(self) -> Decimal:
        return Decimal(1) if self.kans is None else self.kans

    @property
    def in_jaar(self) -> int:
        return 1 if self.jaar is None else self.jaar

    @property
    def kans_laag_of_kans(self) -> Decimal:
        return self.kans_of_zeker if self.kans_laag is None else self.kans_laag

    @property
    def kans_hoog_of_kans(self) -> Decimal:
        return self.kans_of_zeker if self.kans_hoog is None else self.kans_hoog

    @property
    def gebruikt_formaat_2(self) -> bool:
        return self.jaar is not None or self.kans_laag is not None or self.kans_hoog is not None


@dataclass
class Casus:
    casus_id: str
    titel: str
    datum: date
    formaat: str = FORMAAT
    gemeente: str | None = None
    coach: str | None = None
    horizon_maanden: int | None = None
    oefening: bool | None = None
    huishouden: Huishouden | None = None
    leefgebieden: list[str] | None = None
    situatie: str | None = None
    reguliere_route: str | None = None
    doorbraak: str | None = None
    perspectief: str | None = None
    waardendriehoek: Waardendriehoek | None = None
    interventie: list[Interventieregel] = field(default_factory=list)
    zonder_doorbraak: list[Kostenregel] = field(default_factory=list)
    met_doorbraak: list[Kostenregel] = field(default_factory=list)
    discontovoet: Decimal | None = None  # formaat /2; leeg: die van de prijslijst
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def horizon_jaren(self) -> int:
        """De horizon in hele jaren, naar boven afgerond: het hoogste `jaar` dat een regel mag hebben."""
        return -(-self.horizon // 12)

    @property
    def grondslagen(self) -> list[Grondslagverwijzing]:
        return (self.waardendriehoek.grondslagen or []) if self.waardendriehoek else []

    @property
    def gebruikt_formaat_2(self) -> bool:
        """Gebruikt de casus een veld dat alleen formaat /2 kent? Dan wordt zij als /2 opgeslagen."""
        return (self.discontovoet is not None
                or (self.waardendriehoek is not None and self.waardendriehoek.grondslagen is not None)
                or any(r.jaar is not None for r in self.interventie)
                or any(r.gebruikt_formaat_2 for r in self.zonder_doorbraak + self.met_doorbraak))

    @property
    def jaar(self) -> int:
        """Het prijspeil van de berekening: het jaar van de casusdatum."""
        return self.datum.year

    @property
    def horizon(self) -> int:
        return STANDAARD_HORIZON if self.horizon_maanden is None else self.horizon_maanden

    @property
    def is_oefening(self) -> bool:
        return bool(self.oefening)

    def vrije_teksten(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Alle tekst die een mens typt (ook in onbekende velden), met het pad als tuple
        (`("zonder_doorbraak", 2, "bron")`; zie `padnaam`). Voor de BSN-controle."""
        yield ("casus_id",), self.casus_id
        yield ("titel",), self.titel
        for naam in ("gemeente", "coach", *VRIJE_TEKSTEN):
            if waarde := getattr(self, naam):
                yield (naam,), waarde
        for i, g in enumerate(self.leefgebieden or ()):
            yield ("leefgebieden", i), g
        for deel, naam, velden in ((self.huishouden, "huishouden", ()), (self.waardendriehoek, "waardendriehoek", WAARDEN)):
            if deel is not None:
                for veld in velden:
                    if waarde := getattr(deel, veld):
                        yield (naam, veld), waarde
                yield from _teksten_in(deel.extra, (naam,))
        for i, r in enumerate(self.interventie):
            yield ("interventie", i, "omschrijving"), r.omschrijving
            if r.categorie:
                yield ("interventie", i, "categorie"), r.categorie
            if r.extra:
                yield from _teksten_in(r.extra, ("interventie", i))
        for kant in ("zonder_doorbraak", "met_doorbraak"):
            for i, r in enumerate(getattr(self, kant)):
                if r.toelichting:
                    yield (kant, i, "toelichting"), r.toelichting
                if r.prijs is None:
                    yield (kant, i, "omschrijving"), r.omschrijving or ""
                    yield (kant, i, "financier"), r.financier or ""
                    yield (kant, i, "bron"), r.bron or ""
                if r.extra:
                    yield from _teksten_in(r.extra, (kant, i))
        yield from _teksten_in(self.extra, ())


def padnaam(pad: tuple[str | int, ...]) -> str:
    """`("zonder_doorbraak", 2, "bron")` -> `zonder_doorbraak[2].bron`."""
    tekst = ""
    for deel in pad:
        tekst += f"[{deel}]" if isinstance(deel, int) else (f".{deel}" if tekst else deel)
    return tekst


def _teksten_in(waarde: Any, pad: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Alle teksten in velden die Doorbraak niet kent (ook de veldnamen), met hun pad."""
    if isinstance(waarde, str):
        yield pad, waarde
    elif isinstance(waarde, dict):
        for k, w in waarde.items():
            yield (*pad, k), k
            yield from _teksten_in(w, (*pad, k))
    elif isinstance(waarde, list):
        for i, w in enumerate(waarde):
            yield from _teksten_in(w, (*pad, i))


# ---------------------------------------------------------------- lezen


def lees_casus(pad: Path | str) -> Casus:
    """Lees en valideer een casusbestand; InvoerFout met alle problemen tegelijk."""
    return casus_uit_dict(lees_json(pad), str(pad))


def lees_casus_tekst(tekst: str | bytes, bron: str = "") -> Casus:
    return casus_uit_dict(lees_json_tekst(tekst, bron), bron)


def casus_uit_dict(data: object, bron: str = "") -> Casus:
    p = Problemenlijst()
    if not isinstance(data, dict):
        raise InvoerFout(Probleem(bron, "een casusbestand is één JSON-object ({ ... })"), bron)
    v = _Lezer(data, "", p)
    formaat = v.tekst("formaat", verplicht=True)
    if formaat is not None and formaat not in FORMATEN:
        p.voeg_toe("formaat", f"{toon_waarde(formaat)} wordt niet ondersteund; verwacht {FORMAAT_1!r} of {FORMAAT_2!r}")
        p.werp_als_nodig(bron)
    twee = formaat == FORMAAT_2  # alleen /2 kent jaar, kansbereik, discontovoet en grondslagen
    if formaat == FORMAAT_1:
        _nieuw_in_formaat_1(data, p)
    casus_id = v.tekst("casus_id", verplicht=True)
    if casus_id is not None and not _CASUS_ID.fullmatch(casus_id):
        p.voeg_toe(
            "casus_id",
            f"{toon_waarde(casus_id)} is ongeldig: 3 tot 40 tekens, alleen letters zonder accent (a-z, A-Z), "
            "cijfers, '.', '_' en '-'",
        )
    titel = v.tekst("titel", verplicht=True)
    datum = v.datum("datum", verplicht=True)
    horizon = v.geheel("horizon_maanden", 1, 120)
    # een ongeldige horizon is al een fout: meet de jaren dan niet ook nog aan de standaardhorizon
    max_jaar = MAX_JAAR if horizon is None and data.get("horizon_maanden") is not None else \
        min(MAX_JAAR, -(-(STANDAARD_HORIZON if horizon is None else horizon) // 12))
    casus = Casus(
        casus_id=casus_id or "",
        titel=titel or "",
        datum=datum or date(2000, 1, 1),
        formaat=formaat or FORMAAT_1,
        gemeente=v.tekst("gemeente"),
        coach=v.tekst("coach"),
        horizon_maanden=horizon,
        oefening=v.waarheid("oefening"),
        huishouden=_huishouden(v.object("huishouden")),
        leefgebieden=v.tekstlijst("leefgebieden"),
        situatie=v.tekst("situatie"),
        reguliere_route=v.tekst("reguliere_route"),
        doorbraak=v.tekst("doorbraak"),
        perspectief=v.tekst("perspectief"),
        waardendriehoek=_waardendriehoek(v.object("waardendriehoek"), twee),
        interventie=[_interventieregel(r, twee, max_jaar) for r in v.objectlijst("interventie")],
        zonder_doorbraak=[_kostenregel(r, twee, max_jaar) for r in v.objectlijst("zonder_doorbraak")],
        met_doorbraak=[_kostenregel(r, twee, max_jaar) for r in v.objectlijst("met_doorbraak")],
        discontovoet=v.getal("discontovoet", maximum=MAX_DISCONTOVOET, decimalen=AANTAL_DECIMALEN,
                             wat="discontovoet") if twee else None,
        extra=v.rest(),
    )
    p.werp_als_nodig(bron)
    return casus


def _nieuw_in_formaat_1(data: dict, p: Problemenlijst) -> None:
    """Een veld van formaat /2 in een /1-bestand telt niet mee; stil negeren zou de coach misleiden."""
    uitleg = f"hoort bij formaat {FORMAAT_2}; zet \"formaat\" op \"{FORMAAT_2}\" om het mee te laten tellen"
    paden = ["discontovoet"] if data.get("discontovoet") is not None else []
    driehoek = data.get("waardendriehoek")
    if isinstance(driehoek, dict) and driehoek.get("grondslagen") is not None:
        paden.append("waardendriehoek.grondslagen")
    for lijst, velden in (("interventie", ("jaar",)), ("zonder_doorbraak", NIEUW_OP_REGEL),
                          ("met_doorbraak", NIEUW_OP_REGEL)):
        regels = data.get(lijst)
        for i, r in enumerate(regels if isinstance(regels, list) else ()):
            paden += [f"{lijst}[{i}].{v}" for v in velden if isinstance(r, dict) and r.get(v) is not None]
    for pad in paden:
        p.voeg_toe(pad, uitleg)


NIEUW_OP_REGEL = ("jaar", "kans_laag", "kans_hoog")


def _huishouden(v: _Lezer | None) -> Huishouden | None:
    if v is None:
        return None
    return Huishouden(v.geheel("volwassenen", 0, 30), v.geheel("kinderen", 0, 30), v.rest())


def _waardendriehoek(v: _Lezer | None, twee: bool) -> Waardendriehoek | None:
    if v is None:
        return None
    grondslagen = None
    if twee and "grondslagen" in v.data:
        if v.data["grondslagen"] is None:
            v.gelezen.add("grondslagen")  # null: weglaten, zoals elk ander veld
        else:
            grondslagen = [Grondslagverwijzing(g.tekst("code", verplicht=True) or "", g.tekst("toelichting"), g.rest())
                           for g in v.objectlijst("grondslagen")]
            codes = [g.code for g in grondslagen if g.code]
            for code in sorted({c for c in codes if codes.count(c) > 1}):
                v.probleem("grondslagen", f"noemt {code} twee keer")
    return Waardendriehoek(v.tekst("rendement"), v.tekst("legitimiteit"), v.tekst("betrokkenheid"), v.rest(),
                           grondslagen)


def _jaar(v: _Lezer, twee: bool, max_jaar: int) -> int | None:
    """`jaar` (alleen in /2): 1 tot en met de horizon in hele jaren (hoogstens 10)."""
    if not twee:
        return None
    jaar = v.geheel("jaar", 1, MAX_JAAR)
    if jaar is not None and jaar > max_jaar:
        v.probleem("jaar", f"{jaar} ligt na de horizon: die is {max_jaar} jaar (horizon_maanden naar boven afgerond "
                           "op hele jaren); verleng de horizon of kies een eerder jaar")
        return None
    return jaar


def _interventieregel(v: _Lezer, twee: bool, max_jaar: int) -> Interventieregel:
    return Interventieregel(
        omschrijving=v.tekst("omschrijving", verplicht=True) or "",
        bedrag=v.bedrag("bedrag", verplicht=True) or Decimal("0.00"),
        categorie=v.tekst("categorie"),
        jaar=_jaar(v, twee, max_jaar),
        extra=v.rest(),
    )


def _kansbereik(v: _Lezer, kans: Decimal | None, twee: bool) -> tuple[Decimal | None, Decimal | None]:
    """`kans_laag` ≤ `kans` ≤ `kans_hoog` (alleen in /2); elk standaard gelijk aan de kans."""
    if not twee:
        return None, None
    laag = v.getal("kans_laag", maximum=Decimal(1), decimalen=AANTAL_DECIMALEN, wat="kans")
    hoog = v.getal("kans_hoog", maximum=Decimal(1), decimalen=AANTAL_DECIMALEN, wat="kans")
    midden = Decimal(1) if kans is None else kans
    if laag is not None and laag > midden:
        v.probleem("kans_laag", f"{getal_nl(laag)} is hoger dan de kans ({getal_nl(midden)}); "
                                "kans_laag ≤ kans ≤ kans_hoog")
        laag = None
    if hoog is not None and hoog < midden:
        v.probleem("kans_hoog", f"{getal_nl(hoog)} is lager dan de kans ({getal_nl(midden)}); "
                                "kans_laag ≤ kans ≤ kans_hoog")
        hoog = None
    return laag, hoog


def _kostenregel(v: _Lezer, twee: bool, max_jaar: int) -> Kostenregel:
    aantal = v.getal("aantal", verplicht=True, maximum=MAX_AANTAL, decimalen=AANTAL_DECIMALEN, wat="aantal")
    kans = v.getal("kans", maximum=Decimal(1), decimalen=AANTAL_DECIMALEN, wat="kans")
    jaar = _jaar(v, twee, max_jaar)
    kans_laag, kans_hoog = _kansbereik(v, kans, twee)
    toelichting = v.tekst("toelichting")
    if "prijs" in v.data:
        code = v.tekst("prijs", verplicht=True)
        for veld in ("bedrag_per_eenheid", "eenheid", "financier"):
            if veld in v.data:
                v.probleem(
                    veld,
                    "hoort niet bij een prijslijstregel (die neemt bedrag, eenheid en financier uit "
                    "de prijslijst); laat het weg, of maak er een eigen regel van zonder 'prijs'",
                )
        return Kostenregel(aantal=aantal or Decimal(0), prijs=code or "", kans=kans, toelichting=toelichting,
                           jaar=jaar, kans_laag=kans_laag, kans_hoog=kans_hoog, extra=v.rest())
    eenheid = v.tekst("eenheid", verplicht=True)
    if eenheid is not None and eenheid not in EENHEDEN:
        v.probleem("eenheid", f"{toon_waarde(eenheid)} is geen bekende eenheid (kies uit: {', '.join(EENHEDEN)})")
    return Kostenregel(
        aantal=aantal or Decimal(0),
        kans=kans,
        toelichting=toelichting,
        omschrijving=v.tekst("omschrijving", verplicht=True, uitleg="of gebruik 'prijs' met een prijscode"),
        bedrag_per_eenheid=v.bedrag("bedrag_per_eenheid", verplicht=True),
        eenheid=eenheid,
        financier=v.tekst("financier", verplicht=True),
        bron=v.tekst("bron", verplicht=True, uitleg="een eigen regel heeft een bron nodig"),
        jaar=jaar,
        kans_laag=kans_laag,
        kans_hoog=kans_hoog,
        extra=v.rest(),
    )


class _Lezer:
    """Leest velden uit één JSON-object en noteert problemen met hun volledige pad."""

    def __init__(self, data: dict, pad: str, problemen: Problemenlijst):
        self.data = data
        self.pad = pad
        self.problemen = problemen
        self.gelezen: set[str] = set()

    def _veldpad(self, naam: str) -> str:
        return f"{self.pad}.{naam}" if self.pad else naam

    def probleem(self, naam: str, melding: str) -> None:
        self.problemen.voeg_toe(self._veldpad(naam), melding)

    def _haal(self, naam: str, verplicht: bool, uitleg: str = "") -> tuple[bool, Any]:
        self.gelezen.add(naam)
        if naam not in self.data or self.data[naam] is None:
            if verplicht:
                self.probleem(naam, "ontbreekt" + (f" ({uitleg})" if uitleg else ""))
            return False, None
        return True, self.data[naam]

    def tekst(self, naam: str, verplicht: bool = False, uitleg: str = "") -> str | None:
        aanwezig, w = self._haal(naam, verplicht, uitleg)
        if not aanwezig:
            return None
        if not isinstance(w, str):
            self.probleem(naam, f"moet tekst zijn, niet {_soort(w)}")
            return None
        if verplicht and not w.strip():
            self.probleem(naam, "is leeg")
            return None
        if len(w) > MAX_TEKST:
            self.probleem(naam, f"is te lang ({len(w)} tekens; hoogstens {MAX_TEKST})")
            return None
        if _SURROGAAT.search(w):
            self.probleem(naam, "bevat een ongeldig teken (een losse UTF-16-surrogaat) dat niet als UTF-8 op te slaan is")
            return None
        return w

    def datum(self, naam: str, verplicht: bool = False) -> date | None:
        w = self.tekst(naam, verplicht)
        if w is None:
            return None
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", w):
                raise ValueError
            d = date.fromisoformat(w)
        except ValueError:
            self.probleem(naam, f"{toon_waarde(w)} is geen geldige datum (schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01)")
            return None
        if not 2000 <= d.year <= 2100:
            self.probleem(naam, f"{toon_waarde(w)}: het jaar moet tussen 2000 en 2100 liggen")
            return None
        return d

    def geheel(self, naam: str, minimum: int, maximum: int) -> int | None:
        aanwezig, w = self._haal(naam, False)
        if not aanwezig:
            return None
        if isinstance(w, bool) or not isinstance(w, int):
            self.probleem(naam, f"{toon_waarde(w)} is geen geheel getal")
            return None
        if not minimum <= w <= maximum:
            self.probleem(naam, f"{w} ligt buiten het bereik {minimum} tot en met {maximum}")
            return None
        return w

    def waarheid(self, naam: str) -> bool | None:
        aanwezig, w = self._haal(naam, False)
        if not aanwezig:
            return None
        if not isinstance(w, bool):
            self.probleem(naam, f"{toon_waarde(w)} moet true of false zijn")
            return None
        return w

    def bedrag(self, naam: str, verplicht: bool = False) -> Decimal | None:
        aanwezig, w = self._haal(naam, verplicht)
        if not aanwezig:
            return None
        try:
            return lees_bedrag(w)
        except ValueError as e:
            self.probleem(naam, str(e))
            return None

    def getal(self, naam: str, *, verplicht: bool = False, maximum: Decimal, decimalen: int, wat: str) -> Decimal | None:
        aanwezig, w = self._haal(naam, verplicht)
        if not aanwezig:
            return None
        try:
            return lees_getal(w, maximum=maximum, decimalen=decimalen, wat=wat)
        except ValueError as e:
            self.probleem(naam, str(e))
            return None

    def object(self, naam: str) -> _Lezer | None:
        aanwezig, w = self._haal(naam, False)
        if not aanwezig:
            return None
        if not isinstance(w, dict):
            self.probleem(naam, f"moet een object zijn ({{ ... }}), niet {_soort(w)}")
            return None
        return _Lezer(w, self._veldpad(naam), self.problemen)

    def _lijst(self, naam: str) -> list:
        aanwezig, w = self._haal(naam, False)
        if not aanwezig:
            return []
        if not isinstance(w, list):
            self.probleem(naam, f"moet een lijst zijn ([ ... ]), niet {_soort(w)}")
            return []
        return w

    def objectlijst(self, naam: str) -> list[_Lezer]:
        lezers = []
        for i, w in enumerate(self._lijst(naam)):
            pad = f"{self._veldpad(naam)}[{i}]"
            if not isinstance(w, dict):
                self.problemen.voeg_toe(pad, f"moet een object zijn ({{ ... }}), niet {_soort(w)}")
                continue
            lezers.append(_Lezer(w, pad, self.problemen))
        return lezers

    def tekstlijst(self, naam: str) -> list[str] | None:
        if naam not in self.data or self.data[naam] is None:
            self.gelezen.add(naam)
            return None
        teksten = []
        for i, w in enumerate(self._lijst(naam)):
            if not isinstance(w, str) or not w.strip():
                self.problemen.voeg_toe(f"{self._veldpad(naam)}[{i}]", f"moet een niet-lege tekst zijn, niet {_soort(w)}")
                continue
            teksten.append(w)
        return teksten

    def rest(self) -> dict[str, Any]:
        """De velden die niet gelezen zijn: onbekend voor dit programma, maar bewaard."""
        return {k: w for k, w in self.data.items() if k not in self.gelezen}


def _soort(w: object) -> str:
    if isinstance(w, bool):
        return "true/false"
    if isinstance(w, (int, Decimal)):
        return f"het getal {w}"
    if isinstance(w, str):
        return f"de tekst {toon_waarde(w)}"
    if isinstance(w, list):
        return "een lijst"
    if isinstance(w, dict):
        return "een object"
    return "null"


# ---------------------------------------------------------------- schrijven


def casus_naar_dict(casus: Casus) -> dict[str, Any]:
    """Het JSON-object van een casus: bekende velden in vaste volgorde, onbekende erachter."""
    twee = casus.formaat == FORMAAT_2 or casus.gebruikt_formaat_2
    d: dict[str, Any] = {"formaat": FORMAAT_2 if twee else FORMAAT_1, "casus_id": casus.casus_id,
                         "titel": casus.titel, "datum": casus.datum.isoformat()}
    for naam in ("gemeente", "coach", "horizon_maanden", "oefening"):
        _zet(d, naam, getattr(casus, naam))
    if casus.discontovoet is not None:
        d["discontovoet"] = _getal(casus.discontovoet)
    if casus.huishouden is not None:
        h = casus.huishouden
        d["huishouden"] = _zonder_none({"volwassenen": h.volwassenen, "kinderen": h.kinderen}) | h.extra
    _zet(d, "leefgebieden", casus.leefgebieden)
    for naam in VRIJE_TEKSTEN:
        _zet(d, naam, getattr(casus, naam))
    if casus.waardendriehoek is not None:
        w = casus.waardendriehoek
        d["waardendriehoek"] = _zonder_none({n: getattr(w, n) for n in WAARDEN}) | w.extra
        if w.grondslagen is not None:
            d["waardendriehoek"]["grondslagen"] = [
                _zonder_none({"code": g.code, "toelichting": g.toelichting}) | g.extra for g in w.grondslagen]
    d["interventie"] = [
        _zonder_none({"omschrijving": r.omschrijving, "bedrag": als_tekst(r.bedrag), "categorie": r.categorie,
                      "jaar": r.jaar}) | r.extra
        for r in casus.interventie
    ]
    d["zonder_doorbraak"] = [_kostenregel_naar_dict(r) for r in casus.zonder_doorbraak]
    d["met_doorbraak"] = [_kostenregel_naar_dict(r) for r in casus.met_doorbraak]
    return d | {k: w for k, w in casus.extra.items() if k not in d}


def _kostenregel_naar_dict(r: Kostenregel) -> dict[str, Any]:
    nieuw = {"jaar": r.jaar, "kans_laag": _getal(r.kans_laag), "kans_hoog": _getal(r.kans_hoog)}
    if r.is_prijslijstregel:
        d = {"prijs": r.prijs, "aantal": _getal(r.aantal), "kans": _getal(r.kans)} | nieuw | {"toelichting": r.toelichting}
    else:
        d = {
            "omschrijving": r.omschrijving,
            "bedrag_per_eenheid": None if r.bedrag_per_eenheid is None else als_tekst(r.bedrag_per_eenheid),
            "eenheid": r.eenheid, "aantal": _getal(r.aantal), "kans": _getal(r.kans),
        } | nieuw | {"financier": r.financier, "bron": r.bron, "toelichting": r.toelichting}
    return _zonder_none(d) | r.extra


def _getal(d: Decimal | None) -> Decimal | None:
    """Zelfde waarde, kortste schrijfwijze: 12.50 -> 12.5, 0.0000 -> 0."""
    return None if d is None else (d.normalize() if d != 0 else Decimal(0))


def _zonder_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: w for k, w in d.items() if w is not None}


def _zet(d: dict[str, Any], naam: str, waarde: Any) -> None:
    if waarde is not None:
        d[naam] = waarde


def casus_naar_json(casus: Casus) -> str:
    return naar_json(casus_naar_dict(casus))


def bewaar_casus(casus: Casus, pad: Path | str) -> None:
    """Schrijf de casus atomair weg (een tijdelijk bestand, dan vervangen)."""
    schrijf_atomair(pad, casus_naar_json(casus))
