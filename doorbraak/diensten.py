"""Wat een gebruiker kan doen, als functies die de CLI en (later) de GUI allebei aanroepen."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from doorbraak.domein.berekening import Businesscase, bereken
from doorbraak.domein.casus import Casus, casus_naar_json, lees_casus
from doorbraak.domein.fouten import InvoerFout, Probleem, Weigering, opdrachtregel
from doorbraak.domein.jsonbestand import maak_gedeelde_map
from doorbraak.domein.prijslijst import (
    INDEXCIJFERS_CSV, PRIJSLIJST_CSV, VERSIE_JSON, Prijsitem, Prijslijst, laad_prijslijst, prijslijst_uit_snapshot,
    schrijf_prijslijstmap,
)
from doorbraak.domein.regels import STANDAARD_LIMIET
from doorbraak import PROJECTMAP, uitvoer
from doorbraak.uitvoer import Invoer, controleer_uitvoer

if TYPE_CHECKING:  # alleen voor de typen: de export laadt pas bij gebruik
    from doorbraak.domein.nacalculatie import Gerealiseerd
    from doorbraak.domein.prijslijstcontrole import Bevinding, PrijslijstInvoer
    from doorbraak.domein.prijslijstverschil import Prijslijstverschil
    from doorbraak.export.pdf import Besluitspoor
    from doorbraak.register.getuige import Getuige
    from doorbraak.register.map_register import MapRegister
    from doorbraak.register.opslag import Gebruiker
    from doorbraak.register.workflow import Registerstand


class _Later:
    """Een module die pas bij het eerste gebruik laadt: `doorbraak pdf` en `bereken` hebben het register en de
    prijslijstcontrole niet nodig, en hun import kost een opdracht van een paar tienden van een seconde
    merkbaar veel (zie benchmarks/export.py)."""

    def __init__(self, naam: str):
        self._naam = naam

    def __getattr__(self, attribuut: str):
        import importlib

        return getattr(importlib.import_module(self._naam), attribuut)


_controle = _Later("doorbraak.domein.prijslijstcontrole")
_verschil = _Later("doorbraak.domein.prijslijstverschil")
_getuige = _Later("doorbraak.register.getuige")
_map = _Later("doorbraak.register.map_register")
_opslag = _Later("doorbraak.register.opslag")
workflow = _Later("doorbraak.register.workflow")

PRIJSLIJST_OMGEVING = "DOORBRAAK_PRIJSLIJST"
REGISTER_OMGEVING = "DOORBRAAK_REGISTER"
REGISTER_XLSX = "register.xlsx"


def standaard_prijslijstmap() -> Path:
    """De prijslijst van de organisatie (`DOORBRAAK_PRIJSLIJST`), anders de meegeleverde."""
    eigen = os.environ.get(PRIJSLIJST_OMGEVING, "").strip()
    return Path(eigen) if eigen else PROJECTMAP / "prijslijst"


def voorbeeldenmap() -> Path:
    return PROJECTMAP / "resources" / "voorbeelden"


def open_prijslijst(map_: Path | str | None = None) -> Prijslijst:
    """De prijslijst in `map_`, of de standaardprijslijst als er geen map is opgegeven."""
    if map_ is not None and not str(map_).strip():
        raise InvoerFout(Probleem("--prijslijst", "geen map opgegeven"))
    return laad_prijslijst(prijslijstmap_in_gebruik(map_))


def prijslijstmap_in_gebruik(map_: Path | str | None = None) -> Path:
    """De map waaruit `open_prijslijst(map_)` leest."""
    return Path(map_) if map_ is not None else standaard_prijslijstmap()


def lees_prijslijstinvoer(pad: Path | str | None = None) -> PrijslijstInvoer:
    """Een prijslijst als ruwe rijen: uit een map (CSV) of een Excel-bestand (.xlsx)."""
    pad = Path(pad) if pad is not None and str(pad).strip() else standaard_prijslijstmap()
    if pad.suffix.lower() in (".xlsx", ".xlsm"):
        from doorbraak.export.prijslijst_xlsx import lees_prijslijst_xlsx

        return lees_prijslijst_xlsx(pad)
    if pad.is_file():
        raise InvoerFout(Probleem(str(pad), "geef een prijslijstmap of een Excel-bestand (.xlsx)"))
    return _controle.lees_invoer_map(pad)


def open_prijslijst_of_excel(pad: Path | str) -> Prijslijst:
    """Een volledige prijslijst uit een map of een Excel-bestand; InvoerFout met alle problemen."""
    if Path(pad).suffix.lower() in (".xlsx", ".xlsm"):
        return _controle.maak_prijslijst(lees_prijslijstinvoer(pad))
    return open_prijslijst(pad)


def controleer_prijslijst(pad: Path | str | None = None, vandaag: date | None = None) -> tuple[PrijslijstInvoer, list[Bevinding]]:
    invoer = lees_prijslijstinvoer(pad)
    return invoer, _controle.controleer(invoer, vandaag or date.today())


def exporteer_prijslijst(uit: Path | str, map_: Path | str | None = None, *,
                        overschrijven: bool = False) -> tuple[Prijslijst, list[str]]:
    """Schrijf de prijslijst naar Excel; geeft ook de cellen waaruit stuurtekens zijn weggelaten.

    Nooit over de bestanden van de prijslijst zelf; een bestaand bestand alleen als het een eerdere
    prijslijstexport is, of met `overschrijven` (zie `doorbraak.uitvoer`)."""
    from doorbraak.export.prijslijst_xlsx import exporteer_prijslijst as schrijf

    if map_ is not None and not str(map_).strip():
        raise InvoerFout(Probleem("--prijslijst", "geen map opgegeven"))
    uit = controleer_uitvoer(uit, uitvoer.PRIJSLIJST_XLSX, uitvoer.prijslijstbestanden(prijslijstmap_in_gebruik(map_)),
                             overschrijven=overschrijven)
    prijslijst = open_prijslijst(map_)
    return prijslijst, schrijf(prijslijst, uit)


def importeer_prijslijst(
    xlsx: Path | str, naar: Path | str, *, versie: str | None = None, door: str | None = None,
    vandaag: date | None = None,
) -> tuple[Prijslijst, list[Bevinding], Prijslijstverschil | None]:
    """Lees een Excel-prijslijst, controleer alles, en schrijf pas als er geen enkele fout is.

    Zonder blad Versie zijn `versie` en `door` nodig; zonder blad Indexcijfers blijven de
    indexcijfers van de doelmap staan. Geeft de nieuwe lijst, de waarschuwingen en het verschil
    met wat er stond.
    """
    vandaag = vandaag or date.today()
    if not str(naar).strip():
        raise InvoerFout(Probleem("--naar", "geen map opgegeven"))
    if not str(xlsx).lower().endswith((".xlsx", ".xlsm")):
        raise InvoerFout(Probleem(str(xlsx), "importeren kan alleen uit een Excel-bestand (.xlsx)"))
    naar = Path(naar)
    if naar.exists() and not naar.is_dir():
        raise InvoerFout(Probleem(str(naar), "is een bestand, geen map"))
    if naar.is_dir():  # de bestanden die worden bijgewerkt, zijn nooit het Excel-bestand zelf (bv. via een link)
        for naam in (PRIJSLIJST_CSV, INDEXCIJFERS_CSV, VERSIE_JSON):
            controleer_uitvoer(naar / naam, uitvoer.PRIJSLIJSTMAP, [Invoer("het Excel-bestand dat wordt ingelezen", Path(xlsx))])
    invoer = lees_prijslijstinvoer(xlsx)
    if versie or door or invoer.versie is None:
        basis = invoer.versie or {}
        invoer.versie = {"versie": versie or basis.get("versie"), "datum": vandaag.isoformat(),
                         "vastgesteld_door": door or basis.get("vastgesteld_door"),
                         "opmerking": basis.get("opmerking", "")} | (
                             {"discontovoet": basis["discontovoet"]} if basis.get("discontovoet") else {})
    if invoer.index_rijen is None and (naar / INDEXCIJFERS_CSV).is_file():
        invoer.index_rijen, problemen = _controle.lees_index_rijen(naar / INDEXCIJFERS_CSV)
        invoer.leesproblemen += problemen
    bevindingen = _controle.controleer(invoer, vandaag)
    fouten = [b for b in bevindingen if b.ernst == _controle.FOUT]
    if fouten:
        raise InvoerFout([Probleem(b.plaats, b.melding) for b in fouten], str(xlsx))
    nieuw = _controle.maak_prijslijst(invoer)
    oud = None
    if (naar / "prijslijst.csv").is_file():
        try:
            oud = laad_prijslijst(naar)
        except InvoerFout:
            oud = None
    if (oud is not None and oud.versie is not None and nieuw.versie is not None
            and oud.versie.versie == nieuw.versie.versie and oud.inhoud_hash != nieuw.inhoud_hash):
        raise InvoerFout(Probleem(
            "versie", f"de inhoud verschilt van versie {oud.versie.versie} in {naar}, maar het versienummer is "
            "hetzelfde: geef een nieuw versienummer (blad Versie, of --versie en --door)"), str(xlsx))
    schrijf_prijslijstmap(naar, nieuw.items, nieuw.indexcijfers, nieuw.versie)
    return laad_prijslijst(naar), [b for b in bevindingen if b.ernst != _controle.FOUT], (_verschil.vergelijk(oud, nieuw) if oud else None)


def vergelijk_prijslijsten(oud: Path | str, nieuw: Path | str) -> tuple[Prijslijst, Prijslijst, Prijslijstverschil]:
    a, b = open_prijslijst_of_excel(oud), open_prijslijst_of_excel(nieuw)
    return a, b, _verschil.vergelijk(a, b)


def zoek_in_prijslijst(prijslijst: Prijslijst, zoekterm: str = "") -> list[Prijsitem]:
    """Items waarvan code, naam, categorie of financier de zoekterm bevat (hoofdletters en accenten tellen niet)."""
    term = _vergelijkbaar(zoekterm)
    return [i for i in prijslijst.items.values()
            if not term or any(term in _vergelijkbaar(t) for t in (i.code, i.naam, i.categorie, i.financier))]


def _vergelijkbaar(tekst: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c)).casefold()


def bereken_casus(
    casus: Casus,
    prijslijst: Prijslijst,
    limiet: Decimal | None = None,
    eerder_goedgekeurd: Decimal | None = None,
) -> Businesscase:
    """Bereken de businesscase; een onbekende prijscode geeft een InvoerFout met het veldpad."""
    return bereken(
        casus,
        prijslijst,
        limiet=STANDAARD_LIMIET if limiet is None else limiet,
        eerder_goedgekeurd=Decimal("0.00") if eerder_goedgekeurd is None else eerder_goedgekeurd,
    )


def bereken_met_vastgelegde_prijslijst(
    casus: Casus, snapshot: object, huidige_map: Path | str | None = None, limiet: Decimal | None = None,
) -> tuple[Businesscase, Businesscase | None, str]:
    """Reken met de vastgelegde prijslijst van een besluit, en met die van nu ter vergelijking.

    De vastgelegde uitkomst hangt niet af van de huidige prijslijst. De tweede uitkomst is None
    als de huidige prijslijst niet kan rekenen (onleesbaar, of een gebruikte code is verdwenen);
    de derde is een beschrijving van de huidige prijslijst.
    """
    vast = bereken_casus(casus, prijslijst_uit_snapshot(snapshot), limiet)
    try:
        huidige = open_prijslijst(huidige_map)
    except InvoerFout as fout:
        return vast, None, f"niet te lezen: {fout.problemen[0]}"
    try:
        return vast, bereken_casus(casus, huidige, limiet), f"versie {huidige.versienaam}"
    except InvoerFout as fout:
        return vast, None, f"versie {huidige.versienaam}: {fout.problemen[0]}"


def leg_prijslijst_vast(bc: Businesscase, prijslijst: Prijslijst) -> dict:
    """De snapshot die bij een besluit hoort: de gebruikte items, alle indexcijfers, versie en hash."""
    return prijslijst.snapshot(bc.gebruikte_codes)


def bereken_bestand(
    pad: Path | str,
    prijslijstmap: Path | str | None = None,
    limiet: Decimal | None = None,
) -> tuple[Casus, Businesscase, Prijslijst]:
    """Lees een casusbestand, valideer het en bereken de businesscase."""
    casus = lees_casus(pad)
    prijslijst = open_prijslijst(prijslijstmap)
    try:
        return casus, bereken_casus(casus, prijslijst, limiet), prijslijst
    except InvoerFout as fout:
        raise InvoerFout(fout.problemen, str(pad)) from None


# ---------------------------------------------------------------- het register


def getuige() -> Getuige:
    """De getuige van deze gebruiker: wat hij eerder van elk register zag, in zijn eigen datamap."""
    from doorbraak.instellingen import Mappen

    return _getuige.Getuige(Mappen.standaard().getuigen)


def open_register(map_: Path | str | None = None) -> MapRegister:
    """Het register in `map_`, anders in `DOORBRAAK_REGISTER`, met de getuige van deze gebruiker."""
    waarde = str(map_).strip() if map_ is not None else os.environ.get(REGISTER_OMGEVING, "").strip()
    if not waarde:
        raise InvoerFout(Probleem("--register", f"geen registermap opgegeven (of zet {REGISTER_OMGEVING})"))
    if is_postgresql(waarde):
        from doorbraak.register.pg_register import PgRegister

        controleer_register_url(waarde)
        return PgRegister(waarde)
    return _map.MapRegister(waarde, getuige=getuige())


def is_postgresql(locatie) -> bool:
    """Is `locatie` een PostgreSQL-URL (`postgresql://…`) in plaats van een map?"""
    from doorbraak.register.pg_register import is_postgresql as _is_url

    return _is_url(locatie)


GEEN_WACHTWOORD = "zet geen wachtwoord in de URL: gebruik PGPASSFILE, een servicebestand of GSSAPI/Kerberos"


def wachtwoord_in_url(url: str) -> bool:
    """Staat er een wachtwoord in deze PostgreSQL-URL: `postgresql://wie:wachtwoord@…` of `?password=…`?"""
    from doorbraak.register.pg_register import wachtwoord_in_url as _in_url

    return _in_url(url)


def controleer_register_url(url: str) -> None:
    """InvoerFout als er een wachtwoord in de URL staat: dat hoort nooit in een URL, een instelling of op de
    opdrachtregel (die anderen in de proceslijst zien)."""
    if wachtwoord_in_url(url):
        raise InvoerFout(Probleem("--register", GEEN_WACHTWOORD))


def toonbare_locatie(locatie: Path | str) -> str:
    """Waar het register staat, om te tonen: de map, of de URL met een eventueel wachtwoord vervangen door ***."""
    import re

    if not is_postgresql(locatie):
        return str(locatie)
    tekst = re.sub(r"(://[^:/@?#]*:)[^@?#]*@", r"\1***@", str(locatie).strip())
    return re.sub(r"(?i)([?&]password=)[^&#]*", r"\1***", tekst)


def _wie(register, gebruiker: Gebruiker | None) -> Gebruiker:
    """Wie handelt: de geverifieerde login. Bij PostgreSQL de geauthenticeerde databasegebruiker (session_user),
    bij een map de login van het besturingssysteem; nooit een naam die iemand opgeeft."""
    if hasattr(register, "sessiegebruiker"):
        return register.sessiegebruiker()
    return gebruiker or _opslag.huidige_gebruiker()


def wie_ben_ik(map_: Path | str | None = None) -> Gebruiker:
    """Wie bij dit register handelt: de login van het systeem, of bij PostgreSQL de aangemelde databasegebruiker."""
    return _wie(open_register(map_), None)


def _plaats(register) -> str:
    """Waar het register staat, voor een melding: de map, of de URL (zonder wachtwoord)."""
    return str(getattr(register, "map", None) or register.naam)


def maak_register(map_: Path | str, budget: Decimal, limiet: Decimal, escalatie: list[str], *,
                  oefenregister: bool = False, namen: dict[str, str] | None = None,
                  gebruiker: Gebruiker | None = None, gedeeld: bool = True, budgetjaar: int | None = None,
                  kostenplaats: str = "") -> Registerstand:
    """Een nieuw register; `escalatie` en de sleutels van `namen` zijn logins. Een gedeeld register is
    van de groep van zijn map (setgid, schrijfbaar voor de groep); een lokaal register niet. Met `budgetjaar`
    is `budget` de pot van dat jaar en opent `open_budget` de volgende jaren."""
    register = open_register(map_) if is_postgresql(map_) else _map.MapRegister(map_, getuige=getuige())
    workflow.maak_register(register, workflow.Instellingen(budget, limiet, tuple(escalatie), oefenregister,
                                                           dict(namen or {}), True, budgetjaar,
                                                           " ".join(kostenplaats.split())),
                           _wie(register, gebruiker), gedeeld=gedeeld)
    return _stand(register)


def escalatierollen(url: str, logins: list[str]) -> dict[str, bool | None]:
    """Bij een register op PostgreSQL: welke logins lid zijn van doorbraak_escalatie (True), een rol zonder dat
    lidmaatschap hebben (False) of nog geen rol in de database (None)."""
    return open_register(url).rollen(logins)


def _stand(register: MapRegister) -> Registerstand:
    st = workflow.lees_stand(register)
    st.meldingen = list(register.meldingen)
    return st


def register_stand(map_: Path | str | None = None) -> Registerstand:
    """De stand van het register, pas na de controle van de keten en van wat deze gebruiker eerder zag;
    `meldingen` zegt wat de gebruiker verder moet weten (een aanvaard herstel)."""
    return _stand(open_register(map_))


def migreer_register(van: Path | str, naar: str) -> tuple[Registerstand, Registerstand]:
    """Kopieer een register in een map naar PostgreSQL: elk record in volgorde, met de stukken en de gearchiveerde
    verantwoordingsdocumenten. De keten en het archief worden vooraf gecontroleerd, de keten ook erna; na afloop geeft het doel dezelfde stand. Geeft (stand van, stand naar)."""
    if not is_postgresql(naar):
        raise InvoerFout(Probleem("--naar", f"{naar} is geen PostgreSQL-URL (postgresql://…)"))
    bron = open_register(van)
    if is_postgresql(van):
        raise InvoerFout(Probleem("--van", "geef de map van het register dat naar PostgreSQL gaat"))
    st_van = _stand(bron)  # de keten van de map gecontroleerd (en wat deze gebruiker eerder zag)
    records = bron.records()
    stukken = {}
    for r in records:
        sleutel = (r.get("gegevens") or {}).get("stuk")
        if isinstance(sleutel, str) and sleutel not in stukken:
            stukken[sleutel] = bron.lees_stuk(sleutel)
    # het archief gaat mee: de documenten zoals ze bij het besluit zijn gemaakt, nadat ze zijn nagegaan
    problemen = _controleer_archief(bron, st_van)
    if problemen:
        raise InvoerFout([Probleem("--van", p) for p in problemen], f"register {van}")
    goedgekeurd = {a.aanvraag for a in st_van.aanvragen if a.status == workflow.GOEDGEKEURD}
    documenten = {aanvraag: pad.read_bytes() for aanvraag, pad in _documenten(bron).items() if aanvraag in goedgekeurd}
    doel = open_register(naar)
    doel.importeer(records, stukken, list(st_van.instellingen.escalatie), documenten)
    st_naar = workflow.lees_stand(doel)  # en opnieuw gecontroleerd, nu uit de database
    if (st_naar.aantal_records, st_naar.kop_hash, st_naar.register_id) != (st_van.aantal_records, st_van.kop_hash,
                                                                          st_van.register_id):
        raise InvoerFout(Probleem("--naar", "na het migreren is de keten in de database anders dan in de map"))
    return st_van, st_naar


def wis_stuk(aanvraag: str, reden: str, map_: Path | str | None = None) -> dict:
    """Het onderhoudspad van een register op PostgreSQL: wis het vastgelegde stuk (casus, berekening, prijzen) van
    een aanvraag, bijvoorbeeld omdat er per ongeluk een BSN in staat. Alleen de eigenaar van de database; de keten
    krijgt een record 'onderhoud' met de reden, de bedragen van de aanvraag blijven staan."""
    register = open_register(map_)
    if not hasattr(register, "wis_stuk"):
        raise InvoerFout(Probleem("--register", "een stuk wissen kan alleen in een register op PostgreSQL; in een "
                                  "map is elk stuk een bestand, en wie het weghaalt, ziet 'register verifieer' terug"))
    return register.wis_stuk(aanvraag, reden)


def wijzig_register(map_: Path | str | None, reden: str, *, budget: Decimal | None = None,
                    limiet: Decimal | None = None, escalatie: list[str] | None = None,
                    namen: dict[str, str] | None = None, gebruiker: Gebruiker | None = None) -> tuple[Registerstand, str]:
    """Budget, limiet, escalatielijst of weergavenamen wijzigen (alleen door de escalatielijst)."""
    register = open_register(map_)
    st = workflow.wijzig_instellingen(register, _wie(register, gebruiker), reden, budget=budget, limiet=limiet,
                                      escalatie=escalatie, namen=namen)
    return st, ververs_register_xlsx(register)


def monitor(map_: Path | str | None = None, van: date | None = None, tot: date | None = None,
            vandaag: date | None = None):
    """De monitor over het register (`doorbraak.analyse.monitor`); pandas laadt pas hier."""
    from doorbraak.analyse.monitor import bereken_monitor

    if van is not None and tot is not None and van > tot:
        raise InvoerFout(Probleem("--van", f"{van.isoformat()} ligt na --tot {tot.isoformat()}"))
    register = open_register(map_)
    st = _stand(register)
    return bereken_monitor(st, register.lees_stuk, van=van, tot=tot, vandaag=vandaag), st


def monitor_van_stand(st: Registerstand, map_: Path | str, van: date | None = None, tot: date | None = None,
                      vandaag: date | None = None):
    """De monitor over een stand die al gelezen en gecontroleerd is (zoals de app die heeft), zonder het register
    opnieuw te lezen; het register wordt alleen geopend als een record van vóór de monitor zijn stuk nodig heeft."""
    from doorbraak.analyse.monitor import bereken_monitor

    if van is not None and tot is not None and van > tot:
        raise InvoerFout(Probleem("--van", f"{van.isoformat()} ligt na --tot {tot.isoformat()}"))
    register: list = []

    def lees_stuk(naam: str) -> bytes:
        if not register:
            register.append(open_register(map_))
        return register[0].lees_stuk(naam)

    return bereken_monitor(st, lees_stuk, van=van, tot=tot, vandaag=vandaag)


def schrijf_monitor(m, uit: Path | str, *, overschrijven: bool = False) -> Path:
    """De monitor als Excel-werkmap (.xlsx) of als rapport (PDF/A), naar de extensie van `uit`."""
    soort = Path(str(uit)).suffix.lower()
    if soort not in (".xlsx", ".pdf"):
        raise InvoerFout(Probleem("-o", f"{uit}: kies een bestand dat eindigt op .xlsx of .pdf"))
    if soort == ".xlsx":
        from doorbraak.export.monitor_xlsx import schrijf_monitor_xlsx as schrijf

        doel = controleer_uitvoer(uit, uitvoer.MONITOR_XLSX, [], overschrijven=overschrijven)
    else:
        from doorbraak.export.monitor_pdf import schrijf_monitor_pdf as schrijf

        doel = controleer_uitvoer(uit, uitvoer.MONITOR_PDF, [], overschrijven=overschrijven)
    schrijf(m, doel)
    return doel


def open_budget(map_: Path | str | None, jaar: int, bedrag: Decimal, reden: str,
                gebruiker: Gebruiker | None = None) -> tuple[Registerstand, str]:
    """Open (of wijzig) de budgetpot van een jaar; alleen de escalatielijst."""
    register = open_register(map_)
    st = workflow.open_budget(register, _wie(register, gebruiker), jaar, bedrag, reden)
    return st, ververs_register_xlsx(register)


def aanvaard_herstel(map_: Path | str | None, reden: str,
                     gebruiker: Gebruiker | None = None) -> tuple[Registerstand, dict, str]:
    """Een herstel uit een back-up aanvaarden (alleen door de escalatielijst); het wordt een record."""
    register = open_register(map_)
    st, record = workflow.aanvaard_herstel(register, _wie(register, gebruiker), reden)
    return st, record, ververs_register_xlsx(register)


def dien_in(casus_pad: Path | str, map_: Path | str | None = None, prijslijstmap: Path | str | None = None,
            gebruiker: Gebruiker | None = None) -> tuple[workflow.Aanvraag, str]:
    """Dien een casusbestand in: berekening en vastgelegde prijzen gaan mee; ook een melding over register.xlsx."""
    register = open_register(map_)
    return _dien_in(register, lees_casus(casus_pad), prijslijstmap, gebruiker)


def dien_casus_in(casus: Casus, map_: Path | str | None = None, prijslijstmap: Path | str | None = None,
                  gebruiker: Gebruiker | None = None) -> tuple[workflow.Aanvraag, str]:
    """Dien een casus in die al in het geheugen staat (de GUI); verder als `dien_in`."""
    return _dien_in(open_register(map_), casus, prijslijstmap, gebruiker)


def _dien_in(register: MapRegister, casus: Casus, prijslijstmap: Path | str | None,
             gebruiker: Gebruiker | None) -> tuple[workflow.Aanvraag, str]:
    prijslijst = open_prijslijst(prijslijstmap)

    def reken(limiet: Decimal, eerder: Decimal):
        bc = bereken_casus(casus, prijslijst, limiet, eerder)
        stuk = {"formaat": "doorbraak-aanvraag/1", "casus_json": casus_naar_json(casus), "berekening": bc.als_json(),
                "prijslijst": leg_prijslijst_vast(bc, prijslijst)}
        return bc, stuk

    aanvraag = workflow.dien_in(register, casus, reken, _wie(register, gebruiker))
    return aanvraag, "\n".join(m for m in (*register.meldingen, ververs_register_xlsx(register)) if m)


def toets(casus_id: str, akkoord: bool, reden: str = "", map_: Path | str | None = None,
          gebruiker: Gebruiker | None = None, verwacht: str | None = None, *,
          app: bool = False) -> tuple[workflow.Aanvraag, str]:
    """Toetsen; met `verwacht` alleen als dat nog de open aanvraag is (wat de gebruiker zag). `app`: een weigering
    in de woorden van de app (zie workflow.waarom_niet_toetsen)."""
    register = open_register(map_)
    aanvraag = workflow.toets(register, casus_id, akkoord, reden, _wie(register, gebruiker), verwacht, app=app)
    return aanvraag, _na_besluit(register, aanvraag)


def besluit(casus_id: str, akkoord: bool, reden: str = "", map_: Path | str | None = None,
            gebruiker: Gebruiker | None = None, verwacht: str | None = None, *,
            app: bool = False) -> tuple[workflow.Aanvraag, str]:
    register = open_register(map_)
    aanvraag = workflow.besluit(register, casus_id, akkoord, reden, _wie(register, gebruiker), verwacht, app=app)
    return aanvraag, _na_besluit(register, aanvraag)


VERANTWOORDING = "verantwoording"


def _na_besluit(register: MapRegister, aanvraag: workflow.Aanvraag) -> str:
    """Na een goedkeuring: het verantwoordingsdocument in het archief van het register (de map verantwoording/, of
    de database); daarna register.xlsx.

    Het besluit is dan al vastgelegd; lukt het archiveren niet, dan zegt de melding precies dat: het
    besluit staat, het document niet, en hoe het alsnog te maken is."""
    meldingen = list(register.meldingen)
    if aanvraag.status == workflow.GOEDGEKEURD:
        try:
            _archiveer(register, None, aanvraag)
        except Exception as fout:  # het besluit staat; dit mag het niet laten mislukken
            nummer, _ = aanvraag.laatste_record
            meldingen.append(
                f"let op: het besluit over {aanvraag.aanvraag} IS vastgelegd in het register (record {nummer}), maar "
                f"het verantwoordingsdocument is NIET gearchiveerd in {_archiefplek(register)} ({_reden(fout)}). "
                f"Archiveer het alsnog met: {opdrachtregel('doorbraak', 'register', 'archiveer', '--register', _plaats(register))}")
    meldingen.append(ververs_register_xlsx(register))
    return "\n".join(m for m in meldingen if m)


def _archiefplek(register) -> str:
    return str(register.map / VERANTWOORDING) if hasattr(register, "map") else "de database"


def _archiveer(register, st: Registerstand | None, a: workflow.Aanvraag) -> None:
    """Het verantwoordingsdocument van goedgekeurde aanvraag `a` in het archief van het register."""
    from doorbraak.export.pdf import maak_pdf

    if st is None:  # na het besluit: de stand zoals die nu is (bij PostgreSQL alleen die van deze casus)
        st = register.stand_voor(a.casus_id) if hasattr(register, "stand_voor") else workflow.lees_stand(register)
        a = next(x for x in st.aanvragen if x.aanvraag == a.aanvraag)
    casus, bc, spoor = casus_uit_aanvraag(st, a, register)  # deze aanvraag, niet de laatste van de casus
    if hasattr(register, "map"):
        maak_gedeelde_map(register.map / VERANTWOORDING)
        doel = controleer_uitvoer(register.map / VERANTWOORDING / f"{a.aanvraag}.pdf", uitvoer.VERANTWOORDING_PDF,
                                  exportinvoer(registermap_=register.map))
        _schrijf_verantwoording(casus, bc, doel, spoor)
    else:
        register.archiveer(a.aanvraag, maak_pdf(casus, bc, spoor))


def archiveer_documenten(map_: Path | str | None = None) -> list[str]:
    """Archiveer het verantwoordingsdocument van elke goedgekeurde aanvraag die er nog geen heeft (bijvoorbeeld
    omdat het archiveren na het besluit mislukte). Geeft de aanvragen waarvoor het nu is gedaan."""
    register = open_register(map_)
    st = workflow.lees_stand(register)
    aanwezig = set(_documenten(register))
    gedaan, problemen = [], []
    for a in _zonder_archief(register, st, aanwezig):
        try:
            _archiveer(register, st, a)
            gedaan.append(a.aanvraag)
        except (OSError, InvoerFout, Weigering) as fout:  # de volgende aanvragen gaan gewoon door
            problemen.append(Probleem(a.aanvraag, f"niet gearchiveerd: {_reden(fout)}"))
    if problemen:
        raise InvoerFout(problemen, f"register {_plaats(register)}" + (
            f" (wel gearchiveerd: {', '.join(gedaan)})" if gedaan else ""))
    return gedaan


def _zonder_archief(register, st: Registerstand, aanwezig: set[str]) -> list[workflow.Aanvraag]:
    """De goedgekeurde aanvragen zonder gearchiveerd document, behalve die waarvan het stuk via het onderhoudspad
    is gewist (daar valt niets meer te maken, en dat is met reden)."""
    gewist = set()
    if not hasattr(register, "map"):
        gewist = {r["gegevens"].get("aanvraag") for r in register.records() if r["soort"] == "onderhoud"}
    return [a for a in st.aanvragen
            if a.status == workflow.GOEDGEKEURD and a.aanvraag not in aanwezig and a.aanvraag not in gewist]


def _documenten(register) -> dict[str, Path | str]:
    """Aanvraag -> iets om het gearchiveerde document mee te lezen: een bestand, of een stuk in de database."""
    if hasattr(register, "map"):
        archief = register.map / VERANTWOORDING
        try:
            return {p.stem: p for p in archief.iterdir() if p.suffix.lower() == ".pdf"}
        except FileNotFoundError:
            return {}
    return register.documenten()


def schrijf_document(aanvraag: str, uit: Path | str, map_: Path | str | None = None, *,
                     overschrijven: bool = False) -> Path:
    """Het gearchiveerde verantwoordingsdocument van een aanvraag naar `uit` (nooit over het register heen)."""
    from doorbraak.domein.jsonbestand import schrijf_bestanden_atomair

    register = open_register(map_)
    uit = controleer_uitvoer(uit, uitvoer.VERANTWOORDING_PDF, exportinvoer(registermap_=getattr(register, "map", None)),
                             overschrijven=overschrijven)
    schrijf_bestanden_atomair({uit: lees_document(aanvraag, map_)})
    return uit


def lees_document(aanvraag: str, map_: Path | str | None = None) -> bytes:
    """Het gearchiveerde verantwoordingsdocument van een aanvraag, zoals het bij het besluit is bewaard."""
    register = open_register(map_)
    bron = _documenten(register).get(aanvraag)
    if bron is None:
        raise InvoerFout(Probleem(aanvraag, f"heeft geen gearchiveerd verantwoordingsdocument in "
                                  f"{_archiefplek(register)}"), f"register {_plaats(register)}")
    return bron.read_bytes() if isinstance(bron, Path) else register.lees_stuk(bron)


def _reden(fout: BaseException) -> str:
    """Waarom schrijven mislukte, zonder 'er is niets gewijzigd' (het besluit is wel gewijzigd)."""
    from doorbraak.domein.jsonbestand import Schrijffout

    if isinstance(fout, Schrijffout):
        return fout.reden
    if isinstance(fout, InvoerFout):
        return fout.problemen[0].melding
    if isinstance(fout, Weigering):
        return fout.melding
    if isinstance(fout, PermissionError):
        return f"geen schrijfrechten: {fout.filename}"
    if isinstance(fout, OSError):
        return f"{fout.filename}: {fout.strerror}"
    return type(fout).__name__


def uit_register(casus_id: str, map_: Path | str | None = None) -> tuple[Casus, Businesscase, Besluitspoor]:
    """De laatste aanvraag voor een casus, opnieuw berekend met de vastgelegde prijzen, met haar spoor."""
    register = open_register(map_)
    # PostgreSQL: alleen de records van deze casus (de database bewaakt de keten); een map: de hele keten
    st = register.stand_voor(casus_id) if hasattr(register, "stand_voor") else workflow.lees_stand(register)
    a = st.laatste(casus_id)
    if a is None:
        raise InvoerFout(Probleem(casus_id, "staat niet in dit register"), f"register {_plaats(register)}")
    return casus_uit_aanvraag(st, a, register)


def nacalculeer(casus_id: str, bestand: Path | str, map_: Path | str | None = None,
                gebruiker: Gebruiker | None = None, prijslijstmap: Path | str | None = None,
                ) -> tuple[dict, Gerealiseerd, str]:
    """Leg de nacalculatie van een goedgekeurde casus vast (elke coach mag het; zijn login staat erbij).

    Gerekend wordt met de prijzen die bij de goedkeuring zijn vastgelegd: de cijfers verschuiven niet als de
    prijslijst later verandert. Een prijscode die de goedgekeurde casus niet gebruikte, komt uit de prijslijst
    in gebruik, geïndexeerd met de vastgelegde indexcijfers; het item gaat mee in het stuk van het record.
    Geeft (record, gerealiseerde cijfers, melding over register.xlsx)."""
    from doorbraak.domein.jsonbestand import lees_bytes

    # één keer gelezen: wat gecontroleerd wordt, is wat vastgelegd wordt
    return nacalculeer_document(casus_id, lees_bytes(bestand), map_, gebruiker, prijslijstmap, bron=str(bestand))


def nacalculeer_document(casus_id: str, ruw: bytes, map_: Path | str | None = None, gebruiker: Gebruiker | None = None,
                         prijslijstmap: Path | str | None = None, *, bron: str = "nacalculatie",
                         ) -> tuple[dict, Gerealiseerd, str]:
    """Als `nacalculeer`, met het nacalculatiebestand als bytes (zoals de app het uit het formulier maakt, zonder
    tijdelijk bestand). Het stuk van het record bewaart precies deze tekst. `bron` noemt het in een foutmelding."""
    from doorbraak.domein.geld import als_tekst
    from doorbraak.domein.nacalculatie import (
        Gerealiseerd, casus_voor_nacalculatie, lees_nacalculatie_tekst, nacalculatie_naar_dict, peildatum_probleem,
    )
    from doorbraak.register.opslag import canoniek

    n = lees_nacalculatie_tekst(ruw, bron)
    if n.casus_id.casefold() != casus_id.casefold():
        raise InvoerFout(Probleem("casus_id", f"het bestand gaat over {n.casus_id}, niet over {casus_id}"), bron)
    register = open_register(map_)
    uitkomst: list[Gerealiseerd] = []

    def gegevens_van(st: Registerstand, a: workflow.Aanvraag) -> tuple[Decimal, dict, bytes]:
        casus, verwacht, _ = casus_uit_aanvraag(st, a, register)
        if casus.is_oefening != n.oefening:
            raise Weigering(f"{a.casus_id} is {'een' if casus.is_oefening else 'geen'} oefencasus; zet in de "
                            f"nacalculatie \"oefening\": {'true' if casus.is_oefening else 'false'}")
        besloten, vandaag = workflow.lokale_datum(a.besloten_op), workflow.lokale_datum(opslag_nu())
        if (probleem := peildatum_probleem(n.peildatum, besloten, vandaag, a.aanvraag)) is not None:
            raise InvoerFout(Probleem("peildatum", probleem), bron)
        prijzen, aanvullend = _prijzen_voor_nacalculatie(register, a, n, prijslijstmap)
        try:
            werkelijk = bereken_casus(casus_voor_nacalculatie(casus, n), prijzen)
        except InvoerFout as fout:
            raise InvoerFout([Probleem(_nacalculatiepad(p.pad), p.melding) for p in fout.problemen],
                             bron) from None
        g = Gerealiseerd(verwacht.vermeden_kosten, werkelijk.kosten_zonder, werkelijk.kosten_met, n.werkelijke_uitgave,
                         st.goedgekeurd_voor(a.casus_id))
        uitkomst.append(g)
        gegevens = nacalculatie_naar_dict(n) | {
            "verwacht_vermeden": als_tekst(g.verwacht_vermeden), "kosten_zonder": als_tekst(g.kosten_zonder),
            "kosten_met": als_tekst(g.kosten_met), "gerealiseerd_vermeden": als_tekst(g.gerealiseerd_vermeden),
            "gerealiseerd_netto": als_tekst(g.gerealiseerd_netto), "toegekend": als_tekst(g.toegekend),
            "vrijgevallen": als_tekst(g.vrijgevallen),
            "prijslijst": a.gegevens.get("prijslijst"), "aanvullende_codes": sorted(aanvullend)}
        stuk = {"formaat": "doorbraak-nacalculatiestuk/1", "bestand": ruw.decode("utf-8-sig"),
                "aanvullende_prijzen": aanvullend}
        return n.werkelijke_uitgave, gegevens, canoniek(stuk)

    record = workflow.nacalculeer(register, casus_id, gegevens_van, _wie(register, gebruiker), n.oefening)
    return record, uitkomst[-1], ververs_register_xlsx(register)


def nacalculaties_van(casus_id: str, map_: Path | str | None = None) -> list[dict]:
    """Alle nacalculaties (records) van een casus, oudste eerst: de laatste telt, de eerdere blijven staan."""
    sleutel = casus_id.casefold()
    return [r for r in open_register(map_).records()
            if r.get("soort") == "nacalculatie" and str(r["gegevens"].get("casus_id", "")).casefold() == sleutel]


def opslag_nu() -> str:
    """Nu, zoals het volgende record het zal noemen (UTC)."""
    from doorbraak.register import opslag

    return opslag.nu_utc()


def _nacalculatiepad(pad: str) -> str:
    """Een veldpad van de doorgerekende casus terug naar het veld in het nacalculatiebestand."""
    for casus, eigen in (("met_doorbraak", "kosten_met"), ("zonder_doorbraak", "kosten_zonder_bijgesteld")):
        if pad.startswith(casus):
            return eigen + pad[len(casus):]
    return pad


def _prijzen_voor_nacalculatie(register: MapRegister, a: workflow.Aanvraag, n, prijslijstmap) -> tuple[Prijslijst, dict]:
    """De vastgelegde prijslijst van de goedkeuring, aangevuld met de items die de nacalculatie nieuw noemt
    (uit de prijslijst in gebruik). Geeft (prijslijst, {code: item als waarden})."""
    import json

    stuk = json.loads(register.lees_stuk(a.gegevens["stuk"]))
    vast = prijslijst_uit_snapshot(stuk["prijslijst"])
    nodig = {r.prijs for r in [*n.kosten_met, *(n.kosten_zonder_bijgesteld or [])] if r.prijs} - set(vast.items)
    if not nodig:
        return vast, {}
    huidig = open_prijslijst(prijslijstmap)
    extra = {c: huidig.items[c] for c in sorted(nodig) if c in huidig.items}
    prijzen = Prijslijst({**extra, **vast.items}, vast.indexcijfers, None, vast.inhoud_hash, vast.versie,
                         huidig.vervallen)
    return prijzen, {c: i.als_waarden() for c, i in extra.items()}


def casus_uit_aanvraag(st: Registerstand, a: workflow.Aanvraag,
                       register: MapRegister | Path | str) -> tuple[Casus, Businesscase, Besluitspoor]:
    """Eén aanvraag uit de stand van `register`: (casus, businesscase, besluitspoor), opnieuw berekend
    met de prijzen die bij het indienen zijn vastgelegd."""
    import json

    from doorbraak.domein.casus import lees_casus_tekst
    from doorbraak.domein.geld import lees_bedrag
    from doorbraak.export.pdf import Beslisstap, Besluitspoor

    if isinstance(register, (Path, str)):
        register = open_register(register)
    try:
        stuk = json.loads(register.lees_stuk(a.gegevens["stuk"]))
        casus = lees_casus_tekst(stuk["casus_json"])
        prijslijst = prijslijst_uit_snapshot(stuk["prijslijst"])
    except (KeyError, TypeError, ValueError):
        raise InvoerFout(Probleem(a.aanvraag, "de vastgelegde stukken zijn onleesbaar; draai 'doorbraak register "
                                  "verifieer'"), f"register {_plaats(register)}") from None
    bc = bereken_casus(casus, prijslijst, lees_bedrag(a.gegevens["limiet"]), a.eerder_goedgekeurd)
    stappen = [Beslisstap("ingediend", _opslag.persoon(a.indiener), a.indiener["machine"], a.ingediend_op)]
    for rol, stap in (("getoetst", a.toetsing), ("besloten", a.besluit)):
        if stap:
            stappen.append(Beslisstap(rol, _opslag.persoon(stap["gebruiker"]), stap["gebruiker"]["machine"], stap["tijd"],
                                      stap["akkoord"], stap.get("reden", "")))
    # het eigen laatste record van deze aanvraag (haar besluit), niet de kop van nu: dan geeft een latere
    # export precies hetzelfde document
    nummer, recordhash = a.laatste_record
    jaar = a.besluitjaar if st.jaarmodus and a.status == workflow.GOEDGEKEURD else None
    vastgelegd = ((a.besluit or a.toetsing or {}).get("budget") if a.status == workflow.GOEDGEKEURD else None)
    pot = None
    if isinstance(vastgelegd, dict):
        pot = {k: lees_bedrag(vastgelegd[k]) for k in ("budget", "toegekend_voor", "vrijgevallen", "beschikbaar_voor",
                                                       "beschikbaar_na")}
    spoor = Besluitspoor(a.aanvraag, a.status, a.route, tuple(stappen), st.register_id, recordhash, nummer,
                         jaar, st.instellingen.kostenplaats if a.status == workflow.GOEDGEKEURD else "", pot)
    return casus, bc, spoor


def schrijf_verantwoording(bron: Path | str, uit: Path | str, register: Path | str | None = None,
                           prijslijstmap: Path | str | None = None, *, overschrijven: bool = False) -> Path:
    """Het verantwoordingsdocument (PDF/A) van een casusbestand, of van een casus uit het register.

    Het doel wordt eerst gecontroleerd (`doorbraak.uitvoer`): nooit de invoer, een bestaand bestand
    alleen als het een eerdere verantwoording is of met `overschrijven`."""
    uit = controleer_uitvoer(uit, uitvoer.VERANTWOORDING_PDF, _exportinvoer(bron, register, prijslijstmap),
                             overschrijven=overschrijven)
    casus, bc, spoor = _casus_voor_export(bron, register, prijslijstmap)
    return _schrijf_verantwoording(casus, bc, uit, spoor)


def schrijf_verantwoording_casus(casus: Casus, bc: Businesscase, uit: Path | str, spoor: Besluitspoor | None = None,
                                 *, invoer: list[Invoer] | tuple = (), overschrijven: bool = False) -> Path:
    """Het verantwoordingsdocument (PDF/A) van een casus en haar berekening die al in het geheugen staan;
    `spoor` is het besluitspoor als de casus uit het register komt (zie `casus_uit_aanvraag`), `invoer`
    wat nooit overschreven mag worden (zie `exportinvoer`)."""
    uit = controleer_uitvoer(uit, uitvoer.VERANTWOORDING_PDF, invoer, overschrijven=overschrijven)
    return _schrijf_verantwoording(casus, bc, uit, spoor)


def _schrijf_verantwoording(casus: Casus, bc: Businesscase, uit: Path, spoor: Besluitspoor | None) -> Path:
    from doorbraak.domein.jsonbestand import schrijf_bestanden_atomair
    from doorbraak.export.pdf import maak_pdf

    schrijf_bestanden_atomair({uit: maak_pdf(casus, bc, spoor)})
    return uit


def schrijf_casusspreadsheet(bron: Path | str, uit: Path | str, register: Path | str | None = None,
                             prijslijstmap: Path | str | None = None, *, overschrijven: bool = False) -> list[str]:
    uit = controleer_uitvoer(uit, uitvoer.CASUS_XLSX, _exportinvoer(bron, register, prijslijstmap), overschrijven=overschrijven)
    casus, bc, spoor = _casus_voor_export(bron, register, prijslijstmap)
    return _schrijf_casusspreadsheet(casus, bc, uit, spoor)


def schrijf_casusspreadsheet_casus(casus: Casus, bc: Businesscase, uit: Path | str, spoor: Besluitspoor | None = None,
                                   *, invoer: list[Invoer] | tuple = (), overschrijven: bool = False) -> list[str]:
    """De casusspreadsheet van een casus en haar berekening die al in het geheugen staan; geeft de
    cellen waaruit tekens zijn weggelaten die Excel niet kan bewaren. `invoer` als bij de verantwoording."""
    uit = controleer_uitvoer(uit, uitvoer.CASUS_XLSX, invoer, overschrijven=overschrijven)
    return _schrijf_casusspreadsheet(casus, bc, uit, spoor)


def _schrijf_casusspreadsheet(casus: Casus, bc: Businesscase, uit: Path, spoor: Besluitspoor | None) -> list[str]:
    from doorbraak.export.casus_xlsx import schrijf_casus_xlsx

    extra: list[tuple[str, object]] = [] if spoor is None else [("aanvraag", spoor.aanvraag), ("status", spoor.status)]
    for stap in spoor.stappen if spoor is not None else ():
        extra += [(f"{stap.rol} door", stap.naam), (f"{stap.rol} op (Nederlandse tijd)", _lokale_tijd(stap.tijd))]
    return schrijf_casus_xlsx(casus, bc, uit, extra)


def _lokale_tijd(tijd: str):
    """Een recordtijd (UTC) als datum en tijd in Nederlandse tijd, zonder tijdzone (zo bewaart Excel ze)."""
    from datetime import datetime

    moment = datetime.fromisoformat(tijd.replace("Z", "+00:00"))
    zone = workflow._nederland()
    return (moment.astimezone(zone) if zone is not None else moment).replace(tzinfo=None, microsecond=0)


def exportinvoer(casuspad: Path | str | None = None, prijslijstmap: Path | str | None = None,
                 registermap_: Path | str | None = None) -> list[Invoer]:
    """Wat een export leest en dus nooit mag overschrijven: het casusbestand, de bestanden van de
    prijslijst en het register waar de casus uit komt (elk alleen als het er is)."""
    invoer = [uitvoer.casusbestand(casuspad)] if casuspad else []
    if prijslijstmap is not None and str(prijslijstmap).strip():
        invoer += uitvoer.prijslijstbestanden(prijslijstmap)
    if registermap_ is not None and str(registermap_).strip():
        invoer.append(uitvoer.registermap(registermap_))
    return invoer


def _uit_register(bron, register) -> bool:
    return register is not None and not str(bron).lower().endswith(".json")


def _exportinvoer(bron, register, prijslijstmap) -> list[Invoer]:
    if _uit_register(bron, register):
        # een map is invoer die een export nooit mag overschrijven; een database niet (daar schrijft niemand een bestand)
        return exportinvoer(registermap_=getattr(open_register(register), "map", None))
    return exportinvoer(bron, prijslijstmap_in_gebruik(prijslijstmap))


def _casus_voor_export(bron, register, prijslijstmap):
    if _uit_register(bron, register):
        return uit_register(str(bron), register)
    casus, bc, _ = bereken_bestand(bron, prijslijstmap)
    return casus, bc, None


def verifieer_register(map_: Path | str | None = None) -> tuple[MapRegister, list[str]]:
    """De hele keten, wat deze gebruiker eerder zag, en elk gearchiveerd verantwoordingsdocument:
    dat moet precies het document zijn dat bij het record van zijn besluit hoort."""
    register = open_register(map_)
    problemen = register.verifieer()  # de keten, de kop en de stukken
    if not problemen:
        records = register.records()
        try:
            st = workflow.stand(records)
        except workflow.OnleesbaarRegister as fout:
            return register, [fout.problemen[0].melding.removesuffix("; draai 'doorbraak register verifieer'")]
        afwijking = register.afwijking(records)
        if afwijking is not None and afwijking.aanvaard_door is None:
            problemen.append(afwijking.melding() + " Niemand van de escalatielijst heeft dit herstel aanvaard "
                             "('doorbraak register herstel-aanvaarden')")
        else:
            if afwijking is not None:
                register.meldingen.append(afwijking.melding_aanvaard())
            register.bevestig(records, st.instellingen.escalatie)
            problemen += _controleer_archief(register, st)
    if hasattr(register, "map"):
        register.meldingen += _controleer_groepsrechten(register.map)
    return register, problemen


def _controleer_groepsrechten(map_: Path) -> list[str]:
    """In een register van een groep: mappen die de groep niet kan beschrijven (zoals een oudere versie ze
    soms maakte) houden het werk van collega's tegen. Een melding, geen fout in de keten."""
    import stat

    if os.name != "posix":
        return []
    try:
        if not os.stat(map_).st_mode & (stat.S_IWGRP | stat.S_ISGID):
            return []  # geen register van een groep
        mappen = [map_, *(p for p in map_.iterdir() if p.is_dir() and not p.name.startswith("."))]
        fout = [p for p in mappen if (os.stat(p).st_mode & (stat.S_IWGRP | stat.S_ISGID)) != (stat.S_IWGRP | stat.S_ISGID)]
    except OSError:
        return []
    return [f"let op: de map {p} is niet schrijfbaar voor de groep (of mist setgid); collega's kunnen daar niet "
            f"schrijven. De eigenaar herstelt het met: chmod g+ws {p}" for p in fout]


def _controleer_archief(register: MapRegister, st: Registerstand) -> list[str]:
    from doorbraak.export.pdf import maak_pdf, pdf_versiekenmerk, versiekenmerk_van

    in_map = hasattr(register, "map")
    try:
        documenten = _documenten(register)
    except OSError as e:
        return [f"de map {register.map / VERANTWOORDING} is niet te lezen (systeemfout {e.errno})"]
    goedgekeurd = {a.aanvraag: a for a in st.aanvragen if a.status == workflow.GOEDGEKEURD}
    gewist = set() if in_map else {r["gegevens"].get("document") for r in register.records() if r["soort"] == "onderhoud"}
    problemen = []
    for aanvraag, bron in sorted(documenten.items()):
        naam = f"{VERANTWOORDING}/{aanvraag}.pdf" if in_map else f"het document van {aanvraag} in de database"
        a = goedgekeurd.get(aanvraag)
        if a is None:
            problemen.append(f"{naam} hoort bij geen goedgekeurde aanvraag in dit register (een besluit dat uit het "
                             "register verdween? Bewaar het document buiten de registermap)")
            continue
        if bron in gewist:
            continue  # met reden gewist via het onderhoudspad; het record 'onderhoud' zegt wie, wanneer en waarom
        nummer, _ = a.laatste_record
        try:
            gearchiveerd = bron.read_bytes() if in_map else register.lees_stuk(bron)
            if not in_map and _opslag.stukhash(gearchiveerd) != bron:
                problemen.append(f"{naam} past niet bij zijn sleutel: gewijzigd")
                continue
            kenmerk = versiekenmerk_van(gearchiveerd)
            vastgelegd_met = a.programmas[-1]  # de versie die het besluit vastlegde en het document maakte
            opnieuw = opdrachtregel("doorbraak", "pdf", a.casus_id, "--register", _plaats(register), "-o", "BESTAND.pdf")
            if kenmerk is None:
                problemen.append(f"{naam} is geen leesbaar PDF-document (beschadigd of vervangen); "
                                 f"de cijfers van het besluit staan in record {nummer}")
            elif kenmerk == pdf_versiekenmerk():  # deze versie: byte voor byte na te maken
                casus, bc, spoor = casus_uit_aanvraag(st, a, register)
                if gearchiveerd != maak_pdf(casus, bc, spoor):
                    problemen.append(f"{naam} komt niet overeen met het besluit in record {nummer}: "
                                     "gewijzigd of vervangen, of gemaakt met een andere versie van ReportLab "
                                     f"(maak het opnieuw met: {opnieuw} en vergelijk)")
            elif kenmerk != vastgelegd_met:
                problemen.append(f"{naam} noemt {kenmerk or 'geen versie van Doorbraak'}, maar het "
                                 f"besluit in record {nummer} is vastgelegd met "
                                 f"{vastgelegd_met or 'een versie van vóór Doorbraak 0.2.0'}: gewijzigd of vervangen "
                                 f"(maak het opnieuw met: {opnieuw} en vergelijk)")
            else:  # een eerdere versie maakt het document anders op: byte voor byte nagaan kan dan niet
                register.meldingen.append(
                    f"let op: {naam} is gemaakt met {kenmerk or 'een eerdere versie van Doorbraak'}; "
                    f"deze versie ({pdf_versiekenmerk()}) maakt het document anders op, dus het is niet byte voor byte "
                    f"na te gaan. De cijfers staan in record {nummer}; een document van deze versie maakt u met: {opnieuw}")
        except (OSError, InvoerFout) as e:
            problemen.append(f"{naam} is niet te controleren: {_reden(e)}")
    ontbreekt = [a.aanvraag for a in _zonder_archief(register, st, set(documenten))]
    if ontbreekt:
        maak = opdrachtregel("doorbraak", "register", "archiveer", "--register", _plaats(register))
        register.meldingen.append(f"let op: het verantwoordingsdocument van {', '.join(ontbreekt)} staat niet in "
                                  f"{_archiefplek(register)} (archiveer het met: {maak})")
    return problemen


def exporteer_register(uit: Path | str, map_: Path | str | None = None, *, overschrijven: bool = False) -> Registerstand:
    """Het register als spreadsheet; nooit in de registermap, behalve haar eigen `register.xlsx`."""
    from doorbraak.export.register_xlsx import schrijf_register_xlsx

    register = open_register(map_)
    map_ = getattr(register, "map", None)
    uit = controleer_uitvoer(uit, uitvoer.REGISTER_XLSX, [uitvoer.registermap(map_)] if map_ else [],
                             overschrijven=overschrijven)
    st = _stand(register)  # na de controle van de keten: nooit cijfers uit een beschadigd register
    schrijf_register_xlsx(st, uit, registermap=map_, records=register.records())
    return st


def ververs_register_xlsx(register: MapRegister) -> str:
    """Schrijf `register.xlsx` opnieuw na een wijziging. Het record is dan al vastgelegd: lukt dit
    niet (Excel houdt het bestand open), dan is dat een melding, geen fout."""
    from doorbraak.export.register_xlsx import schrijf_register_xlsx

    if not hasattr(register, "map"):  # PostgreSQL: geen gedeelde map; 'register exporteer' schrijft er een
        return ""
    try:
        for _ in range(3):  # kwam er intussen een record bij, dan opnieuw: de nieuwste stand wint
            st = workflow.lees_stand(register)
            schrijf_register_xlsx(st, register.map / REGISTER_XLSX, registermap=register.map,
                                  records=register.records())
            if register.aantal_records() <= st.aantal_records:
                break
    except Exception as fout:  # het record is al vastgelegd: dit mag de handeling niet laten mislukken
        return (f"let op: de wijziging IS vastgelegd in het register, maar {REGISTER_XLSX} is NIET bijgewerkt "
                f"({_reden(fout)}). De spreadsheet wordt bij de volgende wijziging bijgewerkt, of maak haar met: "
                f"{opdrachtregel('doorbraak', 'register', 'exporteer', '--register', register.map, '-o', 'BESTAND.xlsx')}")
    return ""
