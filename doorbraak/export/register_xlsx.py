"""`register.xlsx`: het register zoals financiën het in Excel leest (een afgeleide weergave; de
records in de registermap zijn de bron).

Bladen: Aanvragen (elke aanvraag, met een totaalregel van formules), Budget (de pot, toegekend per maand van het
besluit en per categorie), Per financier (verwacht vermeden kosten van de goedgekeurde aanvragen), Wijzigingen
(instellingen en herstel) en Logboek (elk record van de hashketen). Tijdstippen zijn echte Excel-datums in
Nederlandse tijd (Europe/Amsterdam); de records zelf staan in UTC.

Kent de schrijver de registermap (`registermap`, of vanzelf als `register.xlsx` in zijn eigen register staat),
dan komen de casusdatum uit het vastgelegde stuk (alleen als de indiening haar niet zelf noemt) en per
goedgekeurde aanvraag een relatieve koppeling naar `verantwoording/<aanvraag>.pdf` met de SHA-256 van dat bestand.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from doorbraak.domein.geld import NUL
from doorbraak.export.excel import Blad, Werkmap, bereik, staafgrafiek
from doorbraak.register.opslag import persoon
from doorbraak.register.workflow import GOEDGEKEURD, Aanvraag, Registerstand, lokale_datum
from doorbraak.uitvoer import REGISTER_XLSX

KOLOMMEN = (
    "aanvraag", "casus_id", "titel", "casusdatum", "status", "route", "bedrag", "vermeden_kosten", "netto_rendement",
    "rendement_ratio", "discontovoet", "netto_rendement_contant", "terugverdienjaar",
    "ingediend_door", "ingediend_login", "ingediend_op",
    "getoetst_door", "getoetst_login", "getoetst_op", "reden_toetsing",
    "besloten_door", "besloten_login", "besloten_op", "reden_besluit",
    "datum_eindbesluit", "verantwoording", "verantwoording_sha256", "prijslijst_versie", "prijslijst_hash",
)
BEDRAGEN = ("bedrag", "vermeden_kosten", "netto_rendement", "netto_rendement_contant")
#: alleen het bedrag telt op over aanvragen: de vermeden kosten en het rendement gaan over de hele casus en staan
#: bij elke aanvraag voor dezelfde casus opnieuw (een tweede aanvraag zou ze dubbel tellen; zie Per financier)
OPTELBAAR = ("bedrag",)
OPMAAK = {"discontovoet": "procent", "rendement_ratio": "verhouding"}
LOGBOEKKOLOMMEN = ("record", "tijd", "soort", "aanvraag", "door", "login", "machine", "hash")
WIJZIGINGKOLOMMEN = ("record", "tijd", "wie", "soort", "reden", "inhoud")
VERANTWOORDING = "verantwoording"
MAX_KOPPELINGEN = 65000  # Excel bewaart hoogstens 65.530 koppelingen per blad; daarna de naam als tekst

LeesStuk = Callable[[str], bytes]
#: per stuk (inhoudshash, dus onveranderlijk): (casusdatum, vermeden kosten per financier)
_UIT_STUK: dict[str, tuple[date | None, dict[str, str] | None]] = {}


def lokale_tijd(tijd: str | None) -> datetime | None:
    """Een recordtijd (UTC, ISO 8601) in Nederlandse tijd, zonder tijdzone (zoals Excel een tijdstip kent), op
    hele seconden (zoals de cel hem toont; Excel zou een breuk van een seconde bij het tonen afronden)."""
    if not tijd:
        return None
    moment = datetime.fromisoformat(tijd.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo("Europe/Amsterdam")
    except Exception:  # geen tijdzonegegevens op deze machine: dan UTC, zoals `workflow.lokale_datum`
        zone = timezone.utc
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0)


def _terugverdienjaar(g: dict) -> int | str | None:
    """Het jaar, of 'niet binnen N jaar'; leeg bij een aanvraag van vóór rekenmodel 2 (zonder deze gegevens)."""
    if "terugverdienjaar" not in g:
        return None
    jaar = g["terugverdienjaar"]
    return jaar if jaar is not None else f"niet binnen {len(g.get('per_jaar') or [])} jaar"


def _uit_stuk(a: Aanvraag, lees_stuk: LeesStuk | None) -> tuple[date | None, dict[str, str] | None]:
    """Casusdatum en vermeden kosten per financier: uit de indiening, anders uit het vastgelegde stuk."""
    g = a.gegevens
    datum = g.get("casus_datum") or g.get("casusdatum")
    per_financier = g.get("per_financier")
    if datum is not None and per_financier is not None:
        return date.fromisoformat(datum), per_financier
    sleutel = g.get("stuk")
    if lees_stuk is None or not isinstance(sleutel, str):
        return (date.fromisoformat(datum) if datum else None), per_financier
    if sleutel not in _UIT_STUK:
        try:
            stuk = json.loads(lees_stuk(sleutel))
            casus = json.loads(stuk["casus_json"])
            _UIT_STUK[sleutel] = (date.fromisoformat(casus["datum"]),
                                  stuk.get("berekening", {}).get("per_financier"))
        except Exception:  # een ontbrekend of onleesbaar stuk: dan blijven de cellen leeg (verifieer meldt het)
            return (date.fromisoformat(datum) if datum else None), per_financier
    uit_stuk = _UIT_STUK[sleutel]
    return (date.fromisoformat(datum) if datum else uit_stuk[0]), (
        per_financier if per_financier is not None else uit_stuk[1])


class _Archief:
    """De gearchiveerde verantwoordingsdocumenten: de koppeling (relatief aan de werkmap) en de SHA-256."""

    def __init__(self, registermap: Path | None, werkmap: Path):
        self.namen: set[str] = set()
        self.voorvoegsel = ""
        if registermap is None:
            return
        archief = registermap / VERANTWOORDING
        try:
            self.namen = {n for n in os.listdir(archief) if n.lower().endswith(".pdf")}
        except OSError:
            return
        try:
            self.voorvoegsel = os.path.relpath(archief, werkmap.parent).replace(os.sep, "/")
        except ValueError:  # een ander station (Windows): een absoluut pad
            self.voorvoegsel = str(archief.resolve())
        self.archief = archief

    def __call__(self, aanvraag: str) -> tuple[str, str] | None:
        naam = f"{aanvraag}.pdf"
        if naam not in self.namen:
            return None
        try:
            sha = hashlib.sha256((self.archief / naam).read_bytes()).hexdigest()
        except OSError:
            return None
        doel = naam if self.voorvoegsel in ("", ".") else f"{self.voorvoegsel}/{naam}"
        return doel, sha


def _is_register(map_: Path) -> bool:
    from doorbraak.register.map_register import MapRegister

    try:
        return MapRegister(map_).bestaat()
    except OSError:
        return False


def schrijf_register_xlsx(st: Registerstand, pad: Path | str, *, records: list[dict[str, Any]] | None = None,
                          registermap: Path | str | None = None) -> None:
    """Schrijf `register.xlsx` voor de stand `st`.

    `records`: alle records waaruit `st` is afgeleid (voor het blad Logboek; alleen gebruikt als record
    `st.aantal_records` de kop van de stand is). Zonder wordt het logboek uit de stand opgebouwd, en dan
    ontbreken eerdere nacalculaties van een casus (die vervangt de stand).
    `registermap`: de map van het register (koppelingen naar `verantwoording/`, hun SHA-256 en de casusdatum uit de
    stukken); zonder: de map van `pad` als dat een register is."""
    pad = Path(pad)
    if registermap is None and _is_register(pad.parent):
        registermap = pad.parent
    lees_stuk: LeesStuk | None = None
    if registermap is not None:
        from doorbraak.register.map_register import MapRegister

        registermap = Path(registermap)
        lees_stuk = MapRegister(registermap).lees_stuk
    archief = _Archief(registermap, pad)

    wm = Werkmap(REGISTER_XLSX, "Register doorbraakbudget")
    ws, budget, financiers, wijzigingen, logboek = (wm.blad(n) for n in (
        "Aanvragen", "Budget", "Per financier", "Wijzigingen", "Logboek"))
    per_financier = _aanvragen(ws, st, lees_stuk, archief)
    _budget(wm, budget, st)
    _per_financier(wm, financiers, st, per_financier)
    _wijzigingen(wijzigingen, st)
    _logboek(logboek, st, records)
    wm.bewaar(pad)


def _aanvragen(ws: Blad, st: Registerstand, lees_stuk: LeesStuk | None,
               archief: _Archief) -> list[tuple[Aanvraag, dict[str, str] | None]]:
    """Het blad Aanvragen; geeft per goedgekeurde aanvraag de verwacht vermeden kosten per financier (of None)."""
    k = {naam: i for i, naam in enumerate(KOLOMMEN)}
    goedgekeurd: list[tuple[Aanvraag, dict[str, str] | None]] = []
    totalen = {naam: NUL for naam in BEDRAGEN}
    toegekend = {naam: NUL for naam in BEDRAGEN}
    koppelingen = 0
    for r, a in enumerate(st.aanvragen, 1):
        g = a.gegevens
        toetsing, besluit = a.toetsing or {}, a.besluit or {}
        contant = g.get("contant") or {}  # leeg bij een aanvraag van vóór rekenmodel 2
        casusdatum, financiering = _uit_stuk(a, lees_stuk)
        if a.status == GOEDGEKEURD:
            goedgekeurd.append((a, financiering))
        besloten = a.besloten_op
        waarden = {
            "aanvraag": a.aanvraag, "casus_id": a.casus_id, "titel": a.titel, "casusdatum": casusdatum,
            "status": a.status, "route": a.route,
            "bedrag": a.bedrag, "vermeden_kosten": Decimal(g["vermeden_kosten"]),
            "netto_rendement": Decimal(g["netto_rendement"]),
            "rendement_ratio": Decimal(g["rendement_ratio"]) if g.get("rendement_ratio") else None,
            "discontovoet": Decimal(contant["discontovoet"]) if contant else None,
            "netto_rendement_contant": Decimal(contant["netto_rendement"]) if contant else None,
            "terugverdienjaar": _terugverdienjaar(g),
            # de naam die het register kent, met de login ernaast: "Anna de Vries (anna)"; en de login apart
            "ingediend_door": persoon(a.indiener), "ingediend_login": (a.indiener or {}).get("os_login"),
            "ingediend_op": lokale_tijd(a.ingediend_op),
            "getoetst_door": persoon(toetsing.get("gebruiker")),
            "getoetst_login": (toetsing.get("gebruiker") or {}).get("os_login"),
            "getoetst_op": lokale_tijd(toetsing.get("tijd")), "reden_toetsing": toetsing.get("reden"),
            "besloten_door": persoon(besluit.get("gebruiker")),
            "besloten_login": (besluit.get("gebruiker") or {}).get("os_login"),
            "besloten_op": lokale_tijd(besluit.get("tijd")), "reden_besluit": besluit.get("reden"),
            "datum_eindbesluit": lokale_datum(besloten) if besloten else None,
            "prijslijst_versie": g["prijslijst"]["versie"], "prijslijst_hash": g["prijslijst"]["inhoud_hash"],
        }
        for naam, waarde in waarden.items():
            ws.waarde(r, k[naam], waarde, "euro" if naam in BEDRAGEN else OPMAAK.get(naam))
            if naam in BEDRAGEN and waarde is not None:
                totalen[naam] += waarde
                if a.status == GOEDGEKEURD:
                    toegekend[naam] += waarde
        document = archief(a.aanvraag)
        if document is not None:
            doel, sha = document
            if koppelingen < MAX_KOPPELINGEN and len(doel) <= 255:
                ws.link(r, k["verantwoording"], doel, f"{VERANTWOORDING}/{a.aanvraag}.pdf")
                koppelingen += 1
            else:
                ws.tekst(r, k["verantwoording"], doel)
            ws.tekst(r, k["verantwoording_sha256"], sha)
        elif a.status == GOEDGEKEURD and archief.voorvoegsel:
            ws.tekst(r, k["verantwoording"], "ontbreekt in het archief")
    n = len(st.aanvragen)
    ws.tabel("Aanvragen", KOLOMMEN, n)
    # twee totaalregels onder de tabel (een lege regel ertussen): wat zichtbaar is na filteren, en wat is toegekend
    if n:
        status = bereik(1, n, k["status"])
        for rij, label, sommen in ((n + 2, "Totaal (zichtbare rijen)", totalen),
                                   (n + 3, f"Toegekend (status {GOEDGEKEURD})", toegekend)):
            ws.tekst(rij, 0, label, "totaal", meten=False)
            for naam in OPTELBAAR:
                kolom = bereik(1, n, k[naam])
                formule = f"=SUBTOTAL(109,{kolom})" if rij == n + 2 else \
                    f"=SUMIFS({kolom},{status},\"{GOEDGEKEURD}\")"
                ws.formule(rij, k[naam], formule, sommen[naam], "euro_totaal")
    ws.kolombreedtes()
    return goedgekeurd


def _budget(wm: Werkmap, blad: Blad, st: Registerstand) -> None:
    regels: list[tuple[str, Any]] = [
        ("budget_totaal", st.budget), ("toegekend", st.toegekend), ("beschikbaar", st.beschikbaar),
        ("vier-ogengrens", st.instellingen.limiet), ("escalatie", st.instellingen.beslissers),
        ("aantal records", st.aantal_records), ("kop van de hashketen", st.kop_hash)]
    if st.nacalculaties:
        regels.append(("vrijgevallen (nacalculatie)", st.vrijgevallen))
    if st.jaarmodus:
        regels += [("budgetjaar", st.budgetjaar), ("kostenplaats", st.instellingen.kostenplaats)]
    regels.append(("tijden", "in Nederlandse tijd (Europe/Amsterdam)"))
    for r, (sleutel, waarde) in enumerate(regels):
        blad.tekst(r, 0, sleutel, "kop")
        blad.waarde(r, 1, waarde, "euro" if isinstance(waarde, Decimal) else None)
    rij = len(regels) + 1
    if st.jaarmodus:
        jaren = st.jaren()
        rij = _tabel_met_totaal(blad, rij, "per budgetjaar", "PerBudgetjaar",
                                ("budgetjaar", "budget", "toegekend", "vrijgevallen", "beschikbaar"),
                                [(j["jaar"], j["budget"], j["toegekend"], j["vrijgevallen"], j["beschikbaar"])
                                 for j in jaren])
    # toegekend per maand van het besluit (Nederlandse tijd, zoals het budgetjaar) en per categorie
    per_maand: dict[date, Decimal] = {}
    per_categorie: dict[str, Decimal] = {}
    for a in st.aanvragen:
        if a.status != GOEDGEKEURD or not a.besloten_op:
            continue
        besluit = lokale_datum(a.besloten_op)
        maand = date(besluit.year, besluit.month, 1)
        per_maand[maand] = per_maand.get(maand, NUL) + a.bedrag
        categorie = ", ".join(a.gegevens.get("categorieen") or []) or "(geen categorie)"
        per_categorie[categorie] = per_categorie.get(categorie, NUL) + a.bedrag
    rij = _tabel_met_totaal(blad, rij, "toegekend per maand van het besluit", "PerMaand",
                            ("maand van het besluit", "toegekend"), sorted(per_maand.items()), eerste="maand")
    _tabel_met_totaal(blad, rij, "toegekend per categorie", "PerCategorie", ("categorie", "toegekend"),
                      sorted(per_categorie.items()))
    blad.kolombreedtes(maximum=70)


def _tabel_met_totaal(blad: Blad, rij: int, titel: str, naam: str, koppen: tuple[str, ...], rijen: list[tuple],
                      eerste: str | None = None) -> int:
    """Een titel, een tabel (de eerste kolom een sleutel, de rest bedragen) en een totaalregel met SUM-formules.
    Geeft de eerste vrije rij eronder."""
    blad.tekst(rij, 0, titel, "kop", meten=False)
    kop = rij + 1
    for r, waarden in enumerate(rijen, kop + 1):
        blad.waarde(r, 0, waarden[0], eerste)
        for k, bedrag in enumerate(waarden[1:], 1):
            blad.bedrag(r, k, bedrag)
    blad.tabel(naam, koppen, len(rijen), eerste_rij=kop, stijl="Table Style Light 9")
    totaal = kop + max(len(rijen), 1) + 1
    blad.tekst(totaal, 0, "totaal", "totaal", meten=False)
    for k in range(1, len(koppen)):
        blad.formule(totaal, k, f"=SUM({bereik(kop + 1, kop + max(len(rijen), 1), k)})",
                     sum((w[k] for w in rijen), NUL), "euro_totaal")
    return totaal + 2


def _per_financier(wm: Werkmap, blad: Blad, st: Registerstand,
                   goedgekeurd: list[tuple[Aanvraag, dict[str, str] | None]]) -> None:
    """Verwacht vermeden kosten per financier van de goedgekeurde casussen (elke casus één keer, met haar laatste
    goedgekeurde aanvraag, zoals de monitor telt): links elke casus per financier,
    rechts het totaal per financier (formules over de linker tabel, met EXACT: een naam letterlijk) en een grafiek."""
    detail: list[tuple[str, str, str, Decimal]] = []
    zonder = 0
    laatste = {a.casus_id.casefold(): (a, f) for a, f in goedgekeurd}  # per casus één keer: haar laatste toekenning
    for a, financiering in laatste.values():
        if financiering is None:
            zonder += 1
            continue
        detail += [(a.aanvraag, a.casus_id, financier, Decimal(bedrag)) for financier, bedrag in financiering.items()]
    for r, (aanvraag, casus_id, financier, bedrag) in enumerate(detail, 1):
        blad.tekst(r, 0, aanvraag)
        blad.tekst(r, 1, casus_id)
        blad.tekst(r, 2, financier)
        blad.bedrag(r, 3, bedrag)
    blad.tabel("Financiering", ("aanvraag", "casus_id", "financier", "verwacht vermeden"), len(detail))
    sommen: dict[str, list] = {}
    for _, _, financier, bedrag in detail:
        som = sommen.setdefault(financier, [0, NUL])
        som[0] += 1
        som[1] += bedrag
    volgorde = sorted(sommen.items(), key=lambda x: (-x[1][1], x[0].casefold()))
    namen, bedragen = bereik(1, max(len(detail), 1), 2, True), bereik(1, max(len(detail), 1), 3, True)
    for r, (financier, (aantal, bedrag)) in enumerate(volgorde, 1):
        blad.tekst(r, 5, financier)
        blad.formule(r, 6, f"=SUMPRODUCT(--EXACT({namen},F{r + 1}))", aantal)
        blad.formule(r, 7, f"=SUMPRODUCT(--EXACT({namen},F{r + 1}),{bedragen})", bedrag, "euro")
    blad.tabel("PerFinancier", ("financier", "casussen", "verwacht vermeden (goedgekeurd)"), len(volgorde),
               eerste_kolom=5)
    onder = max(len(volgorde), 1) + 2
    if volgorde:
        blad.tekst(onder, 5, "totaal", "totaal", meten=False)
        blad.formule(onder, 7, f"=SUM({bereik(1, len(volgorde), 7)})", sum((s[1] for _, s in volgorde), NUL),
                     "euro_totaal")
        grafiek = staafgrafiek(wm, "Verwacht vermeden kosten per financier (goedgekeurd)", blad.naam, 1,
                               len(volgorde), 5, [("verwacht vermeden", 7)])
        blad.ws.insert_chart(onder + 2, 5, grafiek,
                             {"x_scale": 1.4, "y_scale": max(1.0, min(3.0, 0.4 + 0.15 * len(volgorde)))})
    else:
        blad.tekst(onder, 5, "Geen goedgekeurde aanvragen met bedragen per financier.", "notitie", meten=False)
    if zonder:
        blad.tekst(onder + 1, 5, f"{zonder} goedgekeurde aanvra{'ag' if zonder == 1 else 'gen'} zonder bedragen per "
                   "financier (van vóór deze gegevens, en het stuk is hier niet te lezen)", "notitie", meten=False)
    blad.kolombreedtes()


def _wijzigingen(ws: Blad, st: Registerstand) -> None:
    """Wie de instellingen wijzigde of een herstel uit een back-up aanvaardde, wanneer en waarom."""
    records = sorted(st.wijzigingen + st.herstellingen, key=lambda r: r["volgnummer"])
    for r, record in enumerate(records, 1):
        g = record["gegevens"]
        if record["soort"] == "instellingen":
            i = g["instellingen"]
            inhoud = (f"budget {i['budget']}, limiet {i['limiet']}, escalatie {', '.join(i['escalatie'])}"
                      + (f", namen {', '.join(f'{k}={v}' for k, v in (i.get('namen') or {}).items())}" if i.get("namen") else ""))
        else:
            gezien = g.get("gezien") or {}
            inhoud = (f"keten had {g['kop_voor_herstel']['aantal']} records"
                      + (f"; de aanvaarder had er {gezien['aantal']} gezien" if gezien else ""))
        for k, waarde in enumerate((record["volgnummer"], lokale_tijd(record["tijd"]), persoon(record["gebruiker"]),
                                    record["soort"], g.get("reden", ""), inhoud)):
            ws.waarde(r, k, waarde)
    ws.kopregel(0, WIJZIGINGKOLOMMEN)
    ws.ws.freeze_panes(1, 0)
    ws.kolombreedtes(maximum=70)


def _logboek_uit_stand(st: Registerstand) -> list[dict[str, Any]]:
    """De records zoals de stand ze kent: alles behalve eerdere nacalculaties van een casus."""
    uit = [{"volgnummer": 1, "tijd": st.aangemaakt.get("tijd"), "soort": "register",
            "gebruiker": st.aangemaakt.get("gebruiker") or {}, "hash": st.register_id, "gegevens": {}}]
    for a in st.aanvragen:
        stappen = [("indiening", a.indiener, a.ingediend_op)] + [
            (soort, stap["gebruiker"], stap["tijd"]) for soort, stap in (("toetsing", a.toetsing), ("besluit", a.besluit))
            if stap]
        for (soort, gebruiker, tijd), nummer, hash_ in zip(stappen, a.volgnummers, a.hashes):
            uit.append({"volgnummer": nummer, "tijd": tijd, "soort": soort, "gebruiker": gebruiker, "hash": hash_,
                        "gegevens": {"aanvraag": a.aanvraag}})
    uit += st.wijzigingen + st.herstellingen + st.budgetrecords + list(st.nacalculaties.values())
    return sorted(uit, key=lambda r: r["volgnummer"])


def _logboek(ws: Blad, st: Registerstand, records: list[dict[str, Any]] | None) -> None:
    """Elk record van de hashketen: volgnummer, tijd, soort, aanvraag, wie (naam, login, machine) en de hash."""
    lijst = records[:st.aantal_records] if records is not None else []
    if len(lijst) != st.aantal_records or lijst[-1].get("hash") != st.kop_hash:
        lijst = _logboek_uit_stand(st)  # geen records, of niet die van deze stand: wat de stand zelf weet
    for r, record in enumerate(lijst, 1):
        gebruiker = record.get("gebruiker") or {}
        g = record.get("gegevens") or {}
        for k, waarde in enumerate((record["volgnummer"], lokale_tijd(record.get("tijd")), record.get("soort"),
                                    g.get("aanvraag") if isinstance(g, dict) else None, gebruiker.get("naam"),
                                    gebruiker.get("os_login"), gebruiker.get("machine"), record.get("hash"))):
            ws.waarde(r, k, waarde)
    ws.tabel("Logboek", LOGBOEKKOLOMMEN, len(lijst))
    if len(lijst) < st.aantal_records:
        ws.tekst(len(lijst) + 2, 0, f"{st.aantal_records - len(lijst)} van de {st.aantal_records} records staan hier "
                 "niet: eerdere nacalculaties van dezelfde casus (de laatste telt). 'doorbraak register verifieer' "
                 "leest de hele keten.", "notitie", meten=False)
    ws.kolombreedtes(maximum=70)
