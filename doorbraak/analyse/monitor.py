"""De monitor: wat het doorbraakbudget heeft opgeleverd, over alle aanvragen van een register.

Werkt op een `Registerstand` (dus op elke opslag achter de registerinterface). pandas doet het groeperen
en de draaitabellen; geldbedragen blijven `Decimal` (kolommen van het type object, opgeteld met `sum`),
nooit float. Dit is de enige module die pandas importeert, zodat de app en `bereken` er niet op wachten.

Definities (ook in docs/monitor.md):
- de periode filtert op de datum van het eindbesluit (Nederlandse tijd): de toetsing langs vier ogen, of
  het besluit na escalatie. Een open aanvraag telt mee als ze uiterlijk op de einddatum is ingediend;
- bedragen over goedgekeurde aanvragen; `vermeden_totaal` telt de verwachte vermeden kosten van elke casus
  één keer (die van haar laatste goedgekeurde aanvraag), zodat een opgeknipte aanvraag niet dubbel telt;
  `gemiddeld_vermeden` deelt door het aantal casussen met een goedkeuring;
- mediaan, gemiddelde en verhoudingen worden half naar boven afgerond (bedragen op centen, verhoudingen op
  twee decimalen).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

import pandas as pd

from doorbraak.domein.geld import NUL, als_tekst, rond_af
from doorbraak.register.workflow import (
    AFGEWEZEN, GOEDGEKEURD, NACALCULATIE_NA_MAANDEN, OPEN, Aanvraag, Registerstand, lokale_datum, nog_na_te_calculeren,
)

CENT = Decimal("0.01")
ROUTES = ("vier-ogen", "escalatie")


def _som(reeks) -> Decimal:
    return sum(reeks, NUL)


def _deel(teller: Decimal, noemer: Decimal | int, stap: Decimal = CENT) -> Decimal | None:
    if not noemer:
        return None
    return (Decimal(teller) / Decimal(noemer)).quantize(stap, rounding=ROUND_HALF_UP)


def _mediaan(waarden: list[Decimal]) -> Decimal | None:
    if not waarden:
        return None
    w = sorted(waarden)
    midden = len(w) // 2
    return rond_af(w[midden] if len(w) % 2 else (w[midden - 1] + w[midden]) / 2)


@dataclass
class Monitor:
    """De cijfers van de monitor; `als_json()` geeft ze met bedragen als tekst met twee decimalen."""

    van: date | None
    tot: date | None
    aantal_aanvragen: int
    aantal_toegekend: int
    aantal_afgewezen: int
    aantal_open: int
    toegekend_totaal: Decimal
    gemiddeld_bedrag: Decimal | None
    mediaan_bedrag: Decimal | None
    laagste_bedrag: Decimal | None
    hoogste_bedrag: Decimal | None
    aantal_casussen: int
    vermeden_totaal: Decimal
    gemiddeld_vermeden: Decimal | None
    netto_totaal: Decimal
    rendement_ratio: Decimal | None
    per_route: dict[str, int]
    per_maand: list[dict[str, Any]]
    per_financier: dict[str, Decimal]
    per_leefgebied: dict[str, int]
    voorkomen: list[dict[str, Any]]
    doorlooptijd_mediaan: Decimal | None
    doorlooptijd_max: int | None
    nacalculatie: dict[str, Any]
    nog_na_te_calculeren: list[str]
    budget: dict[str, Decimal]
    budgetjaren: list[dict[str, Any]] = field(default_factory=list)
    kostenplaats: str = ""
    #: alle aanvragen in de periode, één rij per aanvraag (voor het blad 'Alle aanvragen')
    aanvragen: list[dict[str, Any]] = field(default_factory=list)
    nacalculaties: list[dict[str, Any]] = field(default_factory=list)
    oefenregister: bool = False

    def als_json(self) -> dict[str, Any]:
        def bedrag(b: Decimal | None) -> str | None:
            return None if b is None else als_tekst(b)

        def ratio(r: Decimal | None) -> str | None:
            return None if r is None else f"{r:.2f}"

        n = self.nacalculatie
        return {
            "periode": {"van": self.van.isoformat() if self.van else None,
                        "tot": self.tot.isoformat() if self.tot else None},
            "aantal_aanvragen": self.aantal_aanvragen, "aantal_toegekend": self.aantal_toegekend,
            "aantal_afgewezen": self.aantal_afgewezen, "aantal_open": self.aantal_open,
            "toegekend_totaal": bedrag(self.toegekend_totaal), "gemiddeld_bedrag": bedrag(self.gemiddeld_bedrag),
            "mediaan_bedrag": bedrag(self.mediaan_bedrag), "laagste_bedrag": bedrag(self.laagste_bedrag),
            "hoogste_bedrag": bedrag(self.hoogste_bedrag),
            "aantal_casussen": self.aantal_casussen,
            "vermeden_totaal": bedrag(self.vermeden_totaal), "gemiddeld_vermeden": bedrag(self.gemiddeld_vermeden),
            "netto_totaal": bedrag(self.netto_totaal), "rendement_ratio": ratio(self.rendement_ratio),
            "per_route": dict(self.per_route),
            "per_maand": [{"maand": m["maand"], "aantal": m["aantal"], "toegekend": bedrag(m["toegekend"]),
                           "vermeden": bedrag(m["vermeden"])} for m in self.per_maand],
            "per_financier": {k: bedrag(v) for k, v in self.per_financier.items()},
            "per_leefgebied": dict(self.per_leefgebied),
            "voorkomen": [dict(v) for v in self.voorkomen],
            "doorlooptijd_dagen": {"mediaan": None if self.doorlooptijd_mediaan is None else _getal(self.doorlooptijd_mediaan),
                                   "max": self.doorlooptijd_max},
            "nacalculatie": {"aantal": n["aantal"], "verwacht_vermeden": bedrag(n["verwacht_vermeden"]),
                             "gerealiseerd_vermeden": bedrag(n["gerealiseerd_vermeden"]),
                             "realisatiegraad": ratio(n["realisatiegraad"]),
                             "werkelijk_uitgegeven": bedrag(n["werkelijk_uitgegeven"]),
                             "vrijgevallen": bedrag(n["vrijgevallen"])},
            "nog_na_te_calculeren": list(self.nog_na_te_calculeren),
            "budget": {k: bedrag(v) for k, v in self.budget.items()},
            "budgetjaren": [{"jaar": j["jaar"]} | {k: bedrag(j[k]) for k in ("budget", "toegekend", "vrijgevallen",
                                                                              "beschikbaar")} for j in self.budgetjaren],
            "kostenplaats": self.kostenplaats,
        }


def _getal(d: Decimal) -> int | float:
    """Een aantal dagen als JSON-getal: geheel, of met één decimaal (een mediaan van twee)."""
    return int(d) if d == d.to_integral_value() else float(d)


def _regel(a: Aanvraag, lees_stuk: Callable[[str], bytes] | None) -> dict[str, Any]:
    """Eén aanvraag als rij. Records van vóór de monitor missen per_financier, leefgebieden en voorkomen; die
    komen dan uit het vastgelegde stuk (de berekening en de casus zoals ingediend)."""
    g = a.gegevens
    per_financier, leefgebieden, voorkomen_ = g.get("per_financier"), g.get("leefgebieden"), g.get("voorkomen")
    if (per_financier is None or leefgebieden is None or voorkomen_ is None) and lees_stuk is not None:
        from doorbraak.register.workflow import voorkomen

        stuk = json.loads(lees_stuk(g["stuk"]))
        berekening = stuk["berekening"]
        per_financier = berekening.get("per_financier", {})
        leefgebieden = json.loads(stuk["casus_json"]).get("leefgebieden") or []
        voorkomen_ = voorkomen(berekening.get("regels", []))
    ingediend = lokale_datum(a.ingediend_op)
    besloten = a.besloten_op
    besluitdatum = lokale_datum(besloten) if besloten else None
    return {
        "aanvraag": a.aanvraag, "casus_id": a.casus_id, "titel": a.titel, "status": a.status, "route": a.route,
        "bedrag": a.bedrag, "vermeden": Decimal(g["vermeden_kosten"]), "netto": Decimal(g["netto_rendement"]),
        "ingediend": ingediend, "besloten": besluitdatum,
        "maand": besluitdatum.strftime("%Y-%m") if besluitdatum else None,
        "doorlooptijd": (besluitdatum - ingediend).days if besluitdatum else None,
        "per_financier": {k: Decimal(v) for k, v in (per_financier or {}).items()},
        "leefgebieden": list(leefgebieden or []), "voorkomen": list(voorkomen_ or []),
        "indiener": (a.indiener or {}).get("os_login", ""),
    }


def bereken_monitor(st: Registerstand, lees_stuk: Callable[[str], bytes] | None = None, *,
                    van: date | None = None, tot: date | None = None, vandaag: date | None = None) -> Monitor:
    """De monitor over de aanvragen van `st`, met het eindbesluit tussen `van` en `tot` (beide inclusief)."""
    vandaag = vandaag or date.today()
    kolommen = ["aanvraag", "casus_id", "titel", "status", "route", "bedrag", "vermeden", "netto", "ingediend",
                "besloten", "maand", "doorlooptijd", "per_financier", "leefgebieden", "voorkomen", "indiener"]
    rijen = [_regel(a, lees_stuk) for a in st.aanvragen]
    df = pd.DataFrame(rijen, columns=kolommen)
    open_ = df["status"].isin(OPEN)
    besloten = df["besloten"].notna()
    in_periode = besloten.copy()
    if van is not None:
        in_periode &= df["besloten"].map(lambda d: d is not None and d >= van)
    if tot is not None:
        in_periode &= df["besloten"].map(lambda d: d is not None and d <= tot)
    open_in_periode = open_ & (df["ingediend"].map(lambda d: tot is None or d <= tot))
    mee = in_periode | open_in_periode
    rijen = [rij for rij, erin in zip(rijen, mee) if erin]
    df = df[mee]
    toegekend = df[df["status"] == GOEDGEKEURD]
    afgewezen = df[df["status"] == AFGEWEZEN]
    bedragen = list(toegekend["bedrag"])
    totaal = _som(bedragen)

    # per casus één keer: de laatste goedgekeurde aanvraag (de aanvragen staan in volgorde van de keten)
    casussen = toegekend.assign(sleutel=toegekend["casus_id"].str.casefold()).drop_duplicates("sleutel", keep="last")
    vermeden = _som(casussen["vermeden"])

    per_maand = []
    if len(toegekend):
        groepen = toegekend.groupby("maand", sort=True).agg(aantal=("bedrag", "size"), toegekend=("bedrag", _som))
        verm = casussen.groupby("maand").agg(vermeden=("vermeden", _som))
        # Over de hele gekozen periode (ook maanden zonder besluit aan het begin en eind), maar niet verder dan
        # de maand van vandaag; zonder grens van het eerste tot het laatste besluit.
        eerste, laatste = min(groepen.index), max(groepen.index)
        if van is not None:
            eerste = min(eerste, f"{van:%Y-%m}")
        if tot is not None:
            laatste = max(laatste, min(f"{tot:%Y-%m}", f"{vandaag:%Y-%m}"))
        maanden = pd.period_range(eerste, laatste, freq="M").strftime("%Y-%m")
        groepen = groepen.join(verm).reindex(maanden)
        per_maand = [{"maand": m, "aantal": int(r.aantal) if pd.notna(r.aantal) else 0,
                      "toegekend": r.toegekend if isinstance(r.toegekend, Decimal) else NUL,
                      "vermeden": r.vermeden if isinstance(r.vermeden, Decimal) else NUL}
                     for m, r in groepen.iterrows()]

    financiers = casussen["per_financier"].map(lambda d: list(d.items())).explode().dropna()
    per_financier: dict[str, Decimal] = {}
    if len(financiers):
        fin = pd.DataFrame(financiers.tolist(), columns=["financier", "vermeden"])
        som = fin.groupby("financier", sort=False)["vermeden"].agg(_som)
        per_financier = dict(sorted(som.items(), key=lambda kv: (-kv[1], kv[0].casefold())))

    leef = casussen["leefgebieden"].explode().dropna()
    per_leefgebied = {k: int(v) for k, v in sorted(leef.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))}

    voork = casussen["voorkomen"].explode().dropna()
    voorkomen: list[dict[str, Any]] = []
    if len(voork):
        vk = pd.DataFrame(voork.tolist())
        vk["sleutel"] = vk["code"].where(vk["code"].notna(), vk["omschrijving"].str.casefold().str.split().str.join(" "))
        telling = vk.groupby("sleutel", sort=False).agg(aantal=("omschrijving", "size"), code=("code", "first"),
                                                        omschrijving=("omschrijving", "first"))
        telling = telling.reset_index().sort_values(["aantal", "sleutel"], ascending=[False, True], kind="stable")
        voorkomen = [{"code": None if pd.isna(r.code) else r.code, "omschrijving": r.omschrijving,
                      "aantal": int(r.aantal)} for r in telling.head(10).itertuples()]

    doorloop = df.loc[df["status"].isin((GOEDGEKEURD, AFGEWEZEN)), "doorlooptijd"].dropna().astype(int)
    doorloop_mediaan = None
    if len(doorloop):
        w = sorted(doorloop)
        midden = len(w) // 2
        doorloop_mediaan = Decimal(w[midden]) if len(w) % 2 else (Decimal(w[midden - 1]) + w[midden]) / 2

    nacalculaties, nacalculatie = _nacalculatie(st, casussen)
    # dezelfde definitie als de lijst 'Nog na te calculeren' in de app: over de goedgekeurde aanvragen in de periode
    nog = [a.casus_id for a in nog_na_te_calculeren(st, vandaag, (a for a, erin in zip(st.aanvragen, mee) if erin))]

    jaren = st.jaren()
    budget_totaal = _som(j["budget"] for j in jaren)
    budget = {"budget_totaal": budget_totaal, "toegekend": st.toegekend_in(None),
              "vrijgevallen": st.vrijgevallen_in(None),
              "beschikbaar": budget_totaal - st.toegekend_in(None) + st.vrijgevallen_in(None)}

    periode_van = van or (min(df.loc[df["besloten"].notna(), "besloten"]) if df["besloten"].notna().any() else None)
    periode_tot = tot or (max(df.loc[df["besloten"].notna(), "besloten"]) if df["besloten"].notna().any() else None)
    per_route = {r: int((toegekend["route"] == r).sum()) for r in ROUTES}
    return Monitor(
        van=periode_van, tot=periode_tot, aantal_aanvragen=len(df), aantal_toegekend=len(toegekend),
        aantal_afgewezen=len(afgewezen), aantal_open=int(df["status"].isin(OPEN).sum()), toegekend_totaal=totaal,
        gemiddeld_bedrag=_deel(totaal, len(bedragen)), mediaan_bedrag=_mediaan(bedragen),
        laagste_bedrag=min(bedragen) if bedragen else None, hoogste_bedrag=max(bedragen) if bedragen else None,
        aantal_casussen=len(casussen), vermeden_totaal=vermeden, gemiddeld_vermeden=_deel(vermeden, len(casussen)),
        netto_totaal=vermeden - totaal, rendement_ratio=_deel(vermeden, totaal),
        per_route=per_route, per_maand=per_maand, per_financier=per_financier, per_leefgebied=per_leefgebied,
        voorkomen=voorkomen, doorlooptijd_mediaan=doorloop_mediaan,
        doorlooptijd_max=int(max(doorloop)) if len(doorloop) else None,
        nacalculatie=nacalculatie, nog_na_te_calculeren=nog, budget=budget,
        budgetjaren=jaren if st.jaarmodus else [], kostenplaats=st.instellingen.kostenplaats,
        aanvragen=[{k: v for k, v in rij.items() if k not in ("per_financier", "leefgebieden", "voorkomen")}
                   for rij in rijen],
        nacalculaties=nacalculaties, oefenregister=st.instellingen.oefenregister,
    )


def _nacalculatie(st: Registerstand, casussen: pd.DataFrame) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """De laatste nacalculatie van elke goedgekeurde casus in de periode die er een heeft."""
    rijen = []
    for casus_id in casussen["casus_id"]:
        record = st.nacalculaties.get(casus_id.casefold())
        if record is None:
            continue
        g = record["gegevens"]
        rijen.append({"casus_id": casus_id, "aanvraag": g["aanvraag"], "maanden": g["maanden"],
                      "peildatum": date.fromisoformat(g["peildatum"]), "uitkomst": g["uitkomst"],
                      "toegekend": Decimal(g["toegekend"]), "werkelijke_uitgave": Decimal(g["werkelijke_uitgave"]),
                      "verwacht_vermeden": Decimal(g["verwacht_vermeden"]),
                      "gerealiseerd_vermeden": Decimal(g["gerealiseerd_vermeden"]),
                      "gerealiseerd_netto": Decimal(g["gerealiseerd_netto"]), "vrijgevallen": Decimal(g["vrijgevallen"]),
                      "door": record["gebruiker"].get("os_login", "")})
    verwacht = _som(r["verwacht_vermeden"] for r in rijen)
    gerealiseerd = _som(r["gerealiseerd_vermeden"] for r in rijen)
    return rijen, {"aantal": len(rijen), "verwacht_vermeden": verwacht, "gerealiseerd_vermeden": gerealiseerd,
                   "realisatiegraad": _deel(gerealiseerd, verwacht) if verwacht else None,
                   "werkelijk_uitgegeven": _som(r["werkelijke_uitgave"] for r in rijen),
                   "vrijgevallen": _som(r["vrijgevallen"] for r in rijen)}


def feiten_en_cijfers(m: Monitor) -> str:
    """De alinea 'Feiten en cijfers', zoals Den Haag haar resultaten meldt."""
    from doorbraak.domein.geld import formatteer
    from doorbraak.domein.prijslijst import datum_nl

    if m.van and m.tot and m.van == m.tot:
        periode = f"Op {datum_nl(m.van)}"
    elif m.van and m.tot:
        periode = f"Tussen {datum_nl(m.van)} en {datum_nl(m.tot)}"
    elif m.van:
        periode = f"Sinds {datum_nl(m.van)}"
    elif m.tot:
        periode = f"Tot en met {datum_nl(m.tot)}"
    else:
        periode = "Tot nu toe"
    budget = "het oefenbudget" if m.oefenregister else "het doorbraakbudget"
    if not m.aantal_toegekend:
        return f"{periode} is {budget} niet ingezet."
    keer = "1 keer" if m.aantal_toegekend == 1 else f"{m.aantal_toegekend} keer"
    per = "per casus" if m.aantal_casussen == m.aantal_toegekend else "per toekenning"  # een casus kan er meer hebben
    zinnen = [f"{periode} is {budget} {keer} ingezet, gemiddeld {formatteer(m.gemiddeld_bedrag)} {per} "
              f"(samen {formatteer(m.toegekend_totaal)})."]
    if m.aantal_toegekend > 1:
        zinnen.append(f"Het laagste bedrag was {formatteer(m.laagste_bedrag)}; het hoogste "
                      f"{formatteer(m.hoogste_bedrag)}.")
    zinnen.append(f"Het gemiddelde besparingspotentieel is {formatteer(m.gemiddeld_vermeden)} per casus "
                  f"(samen {formatteer(m.vermeden_totaal)}; netto {formatteer(m.netto_totaal)}"
                  + (f", rendement {_ratio_nl(m.rendement_ratio)} euro vermeden per euro budget)." if m.rendement_ratio
                     is not None else ")."))
    if m.voorkomen:
        # puntkomma's: een omschrijving uit de prijslijst heeft zelf vaak komma's
        zinnen.append("Type hulp voorkomen: " + "; ".join(v["omschrijving"] for v in m.voorkomen[:5]) + ".")
    n = m.nacalculatie
    if n["aantal"]:
        graad = f" (realisatiegraad {_ratio_nl(n['realisatiegraad'])})" if n["realisatiegraad"] is not None else ""
        zinnen.append(f"Van {n['aantal']} {'casus' if n['aantal'] == 1 else 'casussen'} is de nacalculatie gedaan: "
                      f"verwacht vermeden {formatteer(n['verwacht_vermeden'])}, gerealiseerd "
                      f"{formatteer(n['gerealiseerd_vermeden'])}{graad}; {formatteer(n['vrijgevallen'])} "
                      "viel terug in de pot.")
    return " ".join(zinnen)


def monitor_tekst(m: Monitor) -> str:
    """Het tekstrapport: de alinea en daarna de tabellen."""
    from doorbraak.domein.geld import formatteer

    def tabel(kop: str, rijen: list[tuple[str, ...]], kolommen: tuple[str, ...]) -> list[str]:
        if not rijen:
            return []
        breedtes = [max(len(str(r[i])) for r in [kolommen, *rijen]) for i in range(len(kolommen))]
        regels = ["", kop]
        for r in [kolommen, *rijen]:
            regels.append("  " + "  ".join(str(c).ljust(b) if i == 0 else str(c).rjust(b)
                                           for i, (c, b) in enumerate(zip(r, breedtes))).rstrip())
        return regels

    regels = ["Feiten en cijfers", "", *_afbreken(feiten_en_cijfers(m)), ""]
    regels.append(f"Aanvragen: {m.aantal_aanvragen} ({m.aantal_toegekend} toegekend, {m.aantal_afgewezen} afgewezen, "
                  f"{m.aantal_open} open); vier ogen {m.per_route['vier-ogen']}, escalatie {m.per_route['escalatie']}.")
    if m.mediaan_bedrag is not None:
        regels.append(f"Mediaan toegekend bedrag: {formatteer(m.mediaan_bedrag)}.")
    if m.doorlooptijd_mediaan is not None:
        regels.append(f"Doorlooptijd van indienen tot eindbesluit: mediaan {_getal(m.doorlooptijd_mediaan)} dagen, "
                      f"langste {m.doorlooptijd_max} dagen.")
    b = m.budget
    plaats = f" (kostenplaats {m.kostenplaats})" if m.kostenplaats else ""
    regels.append(f"Budget{plaats}: {formatteer(b['budget_totaal'])}; toegekend {formatteer(b['toegekend'])}, "
                  f"vrijgevallen {formatteer(b['vrijgevallen'])}, beschikbaar {formatteer(b['beschikbaar'])}.")
    regels += tabel("Per budgetjaar", [(str(j["jaar"]), formatteer(j["budget"]), formatteer(j["toegekend"]),
                                         formatteer(j["vrijgevallen"]), formatteer(j["beschikbaar"]))
                                        for j in m.budgetjaren],
                    ("jaar", "budget", "toegekend", "vrijgevallen", "beschikbaar"))
    regels += tabel("Per maand van het besluit", [(p["maand"], str(p["aantal"]), formatteer(p["toegekend"]),
                                                   formatteer(p["vermeden"])) for p in m.per_maand],
                    ("maand", "aantal", "toegekend", "verwacht vermeden"))
    regels += tabel("Verwacht vermeden kosten per financier", [(k, formatteer(v)) for k, v in m.per_financier.items()],
                    ("financier", "vermeden"))
    regels += tabel("Per leefgebied", [(k, str(v)) for k, v in m.per_leefgebied.items()], ("leefgebied", "casussen"))
    regels += tabel("Voorkomen (meest genoemd)", [(v["omschrijving"], v["code"] or "eigen regel", str(v["aantal"]))
                                                  for v in m.voorkomen], ("omschrijving", "code", "casussen"))
    regels += tabel("Nacalculatie (de laatste per casus)",
                    [(r["casus_id"], f"{r['maanden']} mnd", r["uitkomst"], formatteer(r["verwacht_vermeden"]),
                      formatteer(r["gerealiseerd_vermeden"]), formatteer(r["werkelijke_uitgave"]),
                      formatteer(r["vrijgevallen"])) for r in m.nacalculaties],
                    ("casus", "na", "uitkomst", "verwacht", "gerealiseerd", "uitgegeven", "vrijgevallen"))
    if m.nog_na_te_calculeren:
        regels += ["", f"Nog na te calculeren (langer dan {NACALCULATIE_NA_MAANDEN} maanden geleden goedgekeurd): "
                   + ", ".join(m.nog_na_te_calculeren)]
    return "\n".join(regels) + "\n"


def _ratio_nl(r: Decimal) -> str:
    return f"{r:.2f}".replace(".", ",")


def _afbreken(tekst: str, breedte: int = 100) -> list[str]:
    """Afbreken op woorden, maar nooit tussen € en het bedrag."""
    import textwrap

    return [r.replace("\0", " ") for r in textwrap.wrap(tekst.replace("€ ", "€\0"), breedte)]
