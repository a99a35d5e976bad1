"""Het formulier van de casuseditor als gewone gegevens, zonder Qt.

Een formulier is een dict met alleen tekst (en `oefening` als waar/onwaar): precies wat de coach
getypt heeft, ook als het (nog) niet klopt. Zo kunnen ongedaan maken en automatisch bewaren elke
toestand vasthouden, en wordt ongeldige invoer nooit stil aangepast. `lees_formulier` maakt er een
`Casus` van, of geeft de problemen met het veldpad van het casusformaat
(`zonder_doorbraak[2].aantal`), zodat de editor ze bij het juiste veld kan zetten.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from doorbraak.domein.berekening import Businesscase
from doorbraak.domein.casus import (
    AANTAL_DECIMALEN, FORMAAT_1, FORMAAT_2, MAX_AANTAL, MAX_DISCONTOVOET, VRIJE_TEKSTEN, WAARDEN, Casus, Kostenregel,
    casus_uit_dict,
)
from doorbraak.domein.fouten import InvoerFout, Probleem
from doorbraak.domein.geld import als_tekst, formatteer, getal_nl, lees_getal_invoer, lees_invoer

KANTEN = ("zonder_doorbraak", "met_doorbraak")
TEKSTVELDEN = ("casus_id", "titel", "datum", "gemeente", "coach", "horizon_maanden", "discontovoet", "volwassenen",
               "kinderen", "leefgebieden", *VRIJE_TEKSTEN, *WAARDEN)
KOSTENVELDEN = ("prijs", "omschrijving", "bedrag_per_eenheid", "eenheid", "aantal", "kans", "kans_laag", "kans_hoog",
                "jaar", "financier", "bron", "toelichting")
INTERVENTIEVELDEN = ("omschrijving", "bedrag", "categorie", "jaar")
#: velden die alleen formaat /2 kent: ingevuld -> de casus wordt als /2 opgeslagen
NIEUW_IN_2 = ("jaar", "kans_laag", "kans_hoog")
# waar een probleem uit het casusformaat in het formulier staat (huishouden.kinderen -> kinderen)
_VELDNAAM = {"huishouden.volwassenen": "volwassenen", "huishouden.kinderen": "kinderen",
             **{f"waardendriehoek.{w}": w for w in WAARDEN}, "waardendriehoek.grondslagen": "grondslagen"}


def leeg_formulier(casus_id: str = "", datum: date | None = None, coach: str = "", oefening: bool = False) -> dict[str, Any]:
    f: dict[str, Any] = {naam: "" for naam in TEKSTVELDEN}
    f |= {"casus_id": casus_id, "datum": (datum or date.today()).isoformat(), "coach": coach, "oefening": oefening,
          "interventie": [], "zonder_doorbraak": [], "met_doorbraak": [], "grondslagen": [], "_extra": {}}
    return f


def lege_kostenregel(prijs: str = "", aantal: str = "1") -> dict[str, Any]:
    regel = {naam: "" for naam in KOSTENVELDEN} | {"prijs": prijs, "aantal": aantal, "_extra": {}}
    if not prijs:
        regel["eenheid"] = "uur"
    return regel


def lege_interventieregel() -> dict[str, Any]:
    return {naam: "" for naam in INTERVENTIEVELDEN} | {"_extra": {}}


def lege_grondslag(code: str = "") -> dict[str, Any]:
    return {"code": code, "toelichting": "", "_extra": {}}


def euro_vast(tekst: str) -> str:
    """Tekst voor een label dat afbreekt: het €-teken blijft bij zijn bedrag (een harde spatie). `formatteer`
    houdt een gewone spatie, zoals de exports en de opdrachtregel die verwachten."""
    return tekst.replace("€ ", "€\u00a0")


def euro(bedrag: Decimal) -> str:
    """Een bedrag (`formatteer`) voor een label dat afbreekt: het €-teken blijft bij het getal."""
    return euro_vast(formatteer(bedrag))


def bedrag_tekst(d: Decimal | None) -> str:
    return "" if d is None else formatteer(d, teken=False)


def getal_tekst(d: Decimal | None) -> str:
    return "" if d is None else getal_nl(d.normalize() if d != 0 else Decimal(0))


def formulier_uit_casus(casus: Casus) -> dict[str, Any]:
    """Het formulier van een casus, met bedragen en getallen op z'n Nederlands (`2.850,00`, `0,5`)."""
    f = leeg_formulier(casus.casus_id, casus.datum, casus.coach or "", bool(casus.oefening))
    f["titel"] = casus.titel
    f["gemeente"] = casus.gemeente or ""
    f["horizon_maanden"] = "" if casus.horizon_maanden is None else str(casus.horizon_maanden)
    f["discontovoet"] = getal_tekst(casus.discontovoet)
    h = casus.huishouden
    if h is not None:
        f["volwassenen"] = "" if h.volwassenen is None else str(h.volwassenen)
        f["kinderen"] = "" if h.kinderen is None else str(h.kinderen)
    f["leefgebieden"] = ", ".join(casus.leefgebieden or [])
    for naam in VRIJE_TEKSTEN:
        f[naam] = getattr(casus, naam) or ""
    w = casus.waardendriehoek
    for naam in WAARDEN:
        f[naam] = (getattr(w, naam) or "") if w is not None else ""
    f["interventie"] = [{"omschrijving": r.omschrijving, "bedrag": bedrag_tekst(r.bedrag), "categorie": r.categorie or "",
                         "jaar": "" if r.jaar is None else str(r.jaar), "_extra": copy.deepcopy(r.extra)}
                        for r in casus.interventie]
    f["grondslagen"] = [{"code": g.code, "toelichting": g.toelichting or "", "_extra": copy.deepcopy(g.extra)}
                        for g in (w.grondslagen or [] if w is not None else [])]
    for kant in KANTEN:
        f[kant] = [_regel_uit_kostenregel(r) for r in getattr(casus, kant)]
    # wat de editor niet toont, gaat ongewijzigd mee terug naar het bestand
    f["_extra"] = {"casus": copy.deepcopy(casus.extra),
                   "huishouden": copy.deepcopy(h.extra) if h is not None else None,
                   "waardendriehoek": copy.deepcopy(w.extra) if w is not None else None,
                   "oefening_veld": casus.oefening is not None,
                   "formaat": casus.formaat,
                   "grondslagen_veld": w is not None and w.grondslagen is not None,
                   # een leefgebied met een komma erin blijft één leefgebied zolang het veld niet verandert
                   "leefgebieden": list(casus.leefgebieden or [])}
    return f


def _regel_uit_kostenregel(r: Kostenregel) -> dict[str, Any]:
    return {"prijs": r.prijs or "", "omschrijving": r.omschrijving or "", "bedrag_per_eenheid": bedrag_tekst(r.bedrag_per_eenheid),
            "eenheid": r.eenheid or "", "aantal": getal_tekst(r.aantal), "kans": getal_tekst(r.kans),
            "kans_laag": getal_tekst(r.kans_laag), "kans_hoog": getal_tekst(r.kans_hoog),
            "jaar": "" if r.jaar is None else str(r.jaar),
            "financier": r.financier or "", "bron": r.bron or "", "toelichting": r.toelichting or "",
            "_extra": copy.deepcopy(r.extra)}


def lees_formulier(f: dict[str, Any]) -> tuple[Casus | None, list[Probleem]]:
    """De casus uit een formulier, of None met alle problemen (elk met zijn veldpad)."""
    problemen: list[Probleem] = []
    d = _casus_dict(f, problemen)
    try:
        casus = casus_uit_dict(d)
    except InvoerFout as fout:
        problemen += fout.problemen
        casus = None
    # een getypt bedrag dat niet te lezen is, is vervangen door 0 om de rest te kunnen controleren:
    # meld het dan één keer, met de melding over wat er getypt is
    gezien: set[str] = set()
    uniek = []
    for p in problemen:
        if p.pad not in gezien:
            gezien.add(p.pad)
            uniek.append(p)
    return (casus if not uniek else None), uniek


def zonder_onvolledige_regels(f: dict[str, Any], problemen: list[Probleem]) -> tuple[Casus | None, list[tuple[str, int]]]:
    """Voor een voorlopige berekening terwijl de coach een regel invult: de casus uit alleen de volledige regels,
    en welke regels (kant, index) zijn weggelaten. (None, []) als er buiten de regels iets ontbreekt of niet
    klopt, of als er niets weg te laten is. Zo'n casus is nooit om in te dienen of te exporteren."""
    weg: set[tuple[str, int]] = set()
    for p in problemen:
        kant, rij, _ = veld_van_pad(p.pad)
        if rij is None:
            return None, []
        weg.add((kant, rij))
    if not weg:
        return None, []
    rest = dict(f) | {kant: [r for i, r in enumerate(f.get(kant, [])) if (kant, i) not in weg]
                      for kant in ("interventie", *KANTEN, "grondslagen")}
    casus, _ = lees_formulier(rest)
    return (casus, sorted(weg)) if casus is not None else (None, [])


def om_te_tonen(bc: Businesscase | None, weggelaten: list[tuple[str, int]]) -> Businesscase | None:
    """De berekening zoals het paneel haar toont: met voorop de melding dat de totalen voorlopig zijn als er
    regels zijn weggelaten, en waarschuwingen waarin het €-teken bij zijn bedrag blijft als de regel afbreekt."""
    if bc is None:
        return None
    waarschuwingen = tuple(euro_vast(w) for w in bc.waarschuwingen)
    if weggelaten:
        regels = "; ".join(f"{_SECTIENAAM[kant]}, regel {rij + 1}" for kant, rij in weggelaten)
        aantal = "1 onvolledige regel" if len(weggelaten) == 1 else f"{len(weggelaten)} onvolledige regels"
        waarschuwingen = (f"Voorlopig: de totalen zijn zonder {aantal} ({regels}). Vul die aan; tot dan kan de "
                          "casus niet worden ingediend of geëxporteerd.", *waarschuwingen)
    return replace(bc, waarschuwingen=waarschuwingen)


def _casus_dict(f: dict[str, Any], problemen: list[Probleem]) -> dict[str, Any]:
    extra = f.get("_extra") or {}
    twee = extra.get("formaat") == FORMAAT_2 or bool(f.get("discontovoet", "").strip()) or bool(f.get("grondslagen")) \
        or any(r.get(veld, "").strip() for kant in ("interventie", *KANTEN) for r in f.get(kant, []) for veld in NIEUW_IN_2)
    d: dict[str, Any] = {"formaat": FORMAAT_2 if twee else FORMAAT_1}
    for naam in ("casus_id", "titel", "datum"):
        d[naam] = f.get(naam, "").strip()
    for naam in ("gemeente", "coach", *VRIJE_TEKSTEN):
        if tekst := f.get(naam, "").strip():
            d[naam] = f[naam].strip() if naam in ("gemeente", "coach") else f[naam]
    if f.get("horizon_maanden", "").strip():
        d["horizon_maanden"] = _geheel(f["horizon_maanden"], "horizon_maanden", problemen)
    if f.get("discontovoet", "").strip():
        d["discontovoet"] = _getal(f["discontovoet"], "discontovoet", MAX_DISCONTOVOET, "discontovoet", problemen)
    if f.get("oefening") or extra.get("oefening_veld"):
        d["oefening"] = bool(f.get("oefening"))
    huishouden = dict(extra.get("huishouden") or {})
    for naam in ("volwassenen", "kinderen"):
        if f.get(naam, "").strip():
            huishouden[naam] = _geheel(f[naam], f"huishouden.{naam}", problemen)
    if huishouden or extra.get("huishouden") is not None:
        d["huishouden"] = huishouden
    origineel = extra.get("leefgebieden") or []
    if origineel and f.get("leefgebieden", "") == ", ".join(origineel):
        d["leefgebieden"] = list(origineel)
    elif tekst := f.get("leefgebieden", "").strip():
        d["leefgebieden"] = [g.strip() for g in tekst.split(",") if g.strip()]
    driehoek = dict(extra.get("waardendriehoek") or {})
    for naam in WAARDEN:
        if f.get(naam, "").strip():
            driehoek[naam] = f[naam]
    if f.get("grondslagen") or extra.get("grondslagen_veld"):
        driehoek["grondslagen"] = [
            ({"code": g.get("code", "").strip()} | ({"toelichting": g["toelichting"]} if g.get("toelichting", "").strip()
                                                    else {}) | (g.get("_extra") or {}))
            for g in f.get("grondslagen", [])]
    if driehoek or extra.get("waardendriehoek") is not None:
        d["waardendriehoek"] = driehoek
    d["interventie"] = []
    for i, r in enumerate(f.get("interventie", [])):
        regel = {"omschrijving": r.get("omschrijving", "").strip(),
                 "bedrag": _bedrag(r.get("bedrag", ""), f"interventie[{i}].bedrag", problemen)}
        if r.get("categorie", "").strip():
            regel["categorie"] = r["categorie"].strip()
        if r.get("jaar", "").strip():
            regel["jaar"] = _geheel(r["jaar"], f"interventie[{i}].jaar", problemen)
        d["interventie"].append(regel | (r.get("_extra") or {}))
    for kant in KANTEN:
        d[kant] = [_kostenregel_dict_bewaard(r, f"{kant}[{i}]", problemen) for i, r in enumerate(f.get(kant, []))]
    return d | {k: w for k, w in (extra.get("casus") or {}).items() if k not in d}


_GELEZEN: dict[tuple, tuple[dict[str, Any], list[Probleem]]] = {}  # per regeltekst en veldpad: zie hieronder


def _kostenregel_dict_bewaard(r: dict[str, Any], pad: str, problemen: list[Probleem]) -> dict[str, Any]:
    """`_kostenregel_dict`, maar een regel die sinds de vorige toets niet veranderde, wordt niet opnieuw gelezen
    (bij elke toets, over honderden regels)."""
    if r.get("_extra"):
        return _kostenregel_dict(r, pad, problemen)
    sleutel = (pad, *(item for item in r.items() if item[0] != "_extra"))
    if (bewaard := _GELEZEN.get(sleutel)) is None:
        if len(_GELEZEN) > 4000:
            _GELEZEN.clear()
        eigen: list[Probleem] = []
        bewaard = _GELEZEN[sleutel] = (_kostenregel_dict(r, pad, eigen), eigen)
    problemen += bewaard[1]
    return dict(bewaard[0])


def _kostenregel_dict(r: dict[str, Any], pad: str, problemen: list[Probleem]) -> dict[str, Any]:
    regel: dict[str, Any] = {}
    if r.get("prijs", "").strip():
        regel["prijs"] = r["prijs"].strip()
    else:
        for naam in ("omschrijving", "eenheid", "financier", "bron"):
            regel[naam] = r.get(naam, "").strip()
        regel["bedrag_per_eenheid"] = _bedrag(r.get("bedrag_per_eenheid", ""), f"{pad}.bedrag_per_eenheid", problemen)
    regel["aantal"] = _getal(r.get("aantal", ""), f"{pad}.aantal", MAX_AANTAL, "aantal", problemen, verplicht=True)
    for veld in ("kans", "kans_laag", "kans_hoog"):
        if r.get(veld, "").strip():
            regel[veld] = _getal(r[veld], f"{pad}.{veld}", Decimal(1), "kans", problemen)
    if r.get("jaar", "").strip():
        regel["jaar"] = _geheel(r["jaar"], f"{pad}.jaar", problemen)
    if r.get("toelichting", "").strip():
        regel["toelichting"] = r["toelichting"]
    return regel | (r.get("_extra") or {})


def _bedrag(tekst: str, pad: str, problemen: list[Probleem]) -> str | None:
    if not tekst.strip():
        return None  # het casusformaat meldt 'ontbreekt'
    try:
        return als_tekst(lees_invoer(tekst))
    except ValueError as fout:
        problemen.append(Probleem(pad, str(fout)))
        return "0.00"


def _getal(tekst: str, pad: str, maximum: Decimal, wat: str, problemen: list[Probleem], verplicht: bool = False) -> Decimal | None:
    if not tekst.strip():
        if verplicht:
            problemen.append(Probleem(pad, "ontbreekt"))
            return Decimal(0)
        return None
    try:
        return lees_getal_invoer(tekst, maximum=maximum, decimalen=AANTAL_DECIMALEN, wat=wat,
                                 procent=wat in ("kans", "discontovoet"))
    except ValueError as fout:
        problemen.append(Probleem(pad, str(fout)))
        return Decimal(0)


def _geheel(tekst: str, pad: str, problemen: list[Probleem]) -> int | None:
    if not re.fullmatch(r"\s*[0-9]{1,4}\s*", tekst):
        problemen.append(Probleem(pad, f"'{tekst}' is geen geheel getal"))
        return None
    return int(tekst)  # het casusformaat controleert het bereik


def veld_van_pad(pad: str) -> tuple[str, int | None, str]:
    """Waar een probleem in het formulier hoort: (`casus`, None, `titel`) of (`met_doorbraak`, 2, `aantal`)."""
    if m := re.fullmatch(r"(interventie|zonder_doorbraak|met_doorbraak)\[(\d+)\](?:\.(\w+))?", pad):
        return m[1], int(m[2]), m[3] or ""
    if m := re.fullmatch(r"waardendriehoek\.grondslagen\[(\d+)\](?:\.(\w+))?", pad):
        return "grondslagen", int(m[1]), m[2] or ""
    if pad.startswith("leefgebieden"):
        return "casus", None, "leefgebieden"
    return "casus", None, _VELDNAAM.get(pad, pad)


_SECTIENAAM = {"interventie": "Interventie", "zonder_doorbraak": "Zonder doorbraak", "met_doorbraak": "Met doorbraak",
               "grondslagen": "Grondslagen"}
_VELDLABEL = {"casus_id": "Casus-id", "horizon_maanden": "Horizon (maanden)", "bedrag_per_eenheid": "Bedrag per eenheid",
              "reguliere_route": "De reguliere route", "prijs": "Prijscode", "kans_laag": "Kans laag",
              "kans_hoog": "Kans hoog", "discontovoet": "Discontovoet", "code": "Grondslag"}


def leesbaar_pad(pad: str) -> str:
    """Het veldpad zoals de coach het op het scherm ziet: `zonder_doorbraak[2].aantal` -> `Zonder doorbraak, regel 3, Aantal`."""
    sectie, rij, veld = veld_van_pad(pad)
    naam = _VELDLABEL.get(veld, veld.replace("_", " ").capitalize()) if veld else ""
    if rij is not None:
        return ", ".join(d for d in (_SECTIENAAM[sectie], f"regel {rij + 1}", naam) if d)
    return naam or pad


def waarde_van_pad(f: dict[str, Any], pad: str) -> str | None:
    """Wat er in het formulier staat bij het veld van een probleem; None als het geen invoerveld is."""
    kant, rij, veld = veld_van_pad(pad)
    if rij is None:
        waarde = f.get(veld) if kant == "casus" else None
    else:
        regels = f.get(kant) or []
        waarde = regels[rij].get(veld) if veld and rij < len(regels) else None
    return waarde if isinstance(waarde, str) else None


def verdeel_problemen(f: dict[str, Any], problemen: list[Probleem], bewerkt: set[tuple[str, int | None, str]],
                      alles: bool = False) -> tuple[list[Probleem], list[Probleem]]:
    """(fouten, nog in te vullen). Een leeg veld dat de coach nog niet bewerkte, is nog niet ingevuld en
    geen fout; wat er wel staat maar niet klopt, is meteen een fout. Met `alles` (na een poging om op te
    slaan) is elk probleem een fout. `bewerkt` bevat (kant, regel, veld) zoals `veld_van_pad`."""
    fouten, open_ = [], []
    for p in problemen:
        waarde = waarde_van_pad(f, p.pad)
        if not alles and waarde is not None and not waarde.strip() and veld_van_pad(p.pad) not in bewerkt:
            open_.append(p)
        else:
            fouten.append(p)
    return fouten, open_


def nog_in_te_vullen(p: Probleem) -> str:
    """Een veld dat nog leeg is, als gewone tekst: `Titel`, `Met doorbraak, regel 1, Bron`."""
    if p.melding in ("is leeg", "ontbreekt"):
        return leesbaar_pad(p.pad)
    return f"{leesbaar_pad(p.pad)}: {p.melding}"
