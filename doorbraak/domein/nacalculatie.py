"""De nacalculatie van één goedgekeurde casus: `doorbraak-nacalculatie/1` (zie docs/nacalculatie.md).

Na 6, 12 of 24 maanden legt een coach vast wat er werkelijk gebeurde: de uitkomst, wat het budget
werkelijk betaalde en de kosten die na de doorbraak echt optraden (`kosten_met`). Weet de coach het
scenario zonder doorbraak nu beter, dan geeft hij bijgestelde regels (`kosten_zonder_bijgesteld`) met
een reden. De bedragen komen uit de prijslijst die bij de goedkeuring is vastgelegd, zodat ze niet
verschuiven als de lijst later verandert.
"""

from __future__ import annotations

import difflib

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from doorbraak.domein.casus import (
    MAX_JAAR, Casus, Interventieregel, Kostenregel, _kostenregel, _kostenregel_naar_dict, _Lezer,
)
from doorbraak.domein.fouten import InvoerFout, Probleem, Problemenlijst
from doorbraak.domein.geld import NUL, als_tekst, toon_waarde
from doorbraak.domein.jsonbestand import lees_json, lees_json_tekst, naar_json
from doorbraak.domein.regels import NACALCULATIEMOMENTEN

FORMAAT = "doorbraak-nacalculatie/1"
MAANDEN = NACALCULATIEMOMENTEN
UITKOMSTEN = ("bereikt", "deels", "niet")
VELDEN = ("formaat", "casus_id", "peildatum", "maanden", "uitkomst", "toelichting", "werkelijke_uitgave", "kosten_met",
          "kosten_zonder_bijgesteld", "reden_bijstelling", "oefening")


@dataclass
class Nacalculatie:
    casus_id: str
    peildatum: date
    maanden: int
    uitkomst: str
    toelichting: str
    werkelijke_uitgave: Decimal
    kosten_met: list[Kostenregel] = field(default_factory=list)
    kosten_zonder_bijgesteld: list[Kostenregel] | None = None
    reden_bijstelling: str | None = None
    oefening: bool = False  # een nacalculatie van een oefencasus (alleen in een oefenregister)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Gerealiseerd:
    """Wat de doorbraak werkelijk opleverde, naast wat bij de goedkeuring werd verwacht."""

    verwacht_vermeden: Decimal  # uit de goedgekeurde berekening
    kosten_zonder: Decimal  # de verwachting, of de bijgestelde regels
    kosten_met: Decimal  # wat er na de doorbraak echt aan kosten optrad
    werkelijke_uitgave: Decimal
    toegekend: Decimal

    @property
    def gerealiseerd_vermeden(self) -> Decimal:
        return self.kosten_zonder - self.kosten_met

    @property
    def gerealiseerd_netto(self) -> Decimal:
        return self.gerealiseerd_vermeden - self.werkelijke_uitgave

    @property
    def vrijgevallen(self) -> Decimal:
        """Wat het budget minder betaalde dan toegekend: het valt terug in de pot."""
        return max(self.toegekend - self.werkelijke_uitgave, NUL)


def lees_nacalculatie(pad: Path | str) -> Nacalculatie:
    return nacalculatie_uit_dict(lees_json(pad), str(pad))


def lees_nacalculatie_tekst(tekst: str | bytes, bron: str = "") -> Nacalculatie:
    return nacalculatie_uit_dict(lees_json_tekst(tekst, bron), bron)


def nacalculatie_uit_dict(data: object, bron: str = "") -> Nacalculatie:
    """Lees en controleer een nacalculatie; InvoerFout met alle problemen en hun veldpad."""
    p = Problemenlijst()
    if not isinstance(data, dict):
        raise InvoerFout(Probleem(bron, "een nacalculatie is één JSON-object ({ ... })"), bron)
    v = _Lezer(data, "", p)
    formaat = v.tekst("formaat", verplicht=True)
    if formaat is not None and formaat != FORMAAT:
        p.voeg_toe("formaat", f"{toon_waarde(formaat)} wordt niet ondersteund; verwacht {FORMAAT!r}")
        p.werp_als_nodig(bron)
    casus_id = v.tekst("casus_id", verplicht=True)
    peildatum = v.datum("peildatum", verplicht=True)
    maanden = v.geheel("maanden", 1, 120)
    if "maanden" not in data or data.get("maanden") is None:
        p.voeg_toe("maanden", f"ontbreekt (kies {', '.join(map(str, MAANDEN))})")
    elif maanden is not None and maanden not in MAANDEN:
        p.voeg_toe("maanden", f"{maanden} is geen moment van nacalculatie (kies {', '.join(map(str, MAANDEN))})")
    uitkomst = v.tekst("uitkomst", verplicht=True)
    if uitkomst is not None and uitkomst not in UITKOMSTEN:
        p.voeg_toe("uitkomst", f"{toon_waarde(uitkomst)} is geen uitkomst (kies {', '.join(UITKOMSTEN)})")
    toelichting = v.tekst("toelichting", verplicht=True, uitleg="wat is er bereikt, en wat niet?")
    uitgave = v.bedrag("werkelijke_uitgave", verplicht=True)
    kosten_met = [_kostenregel(r, True, MAX_JAAR) for r in v.objectlijst("kosten_met")]
    if "kosten_met" not in data:
        p.voeg_toe("kosten_met", "ontbreekt (een lege lijst als er na de doorbraak geen kosten waren)")
    oefening = data.get("oefening", False)
    v.gelezen.add("oefening")
    if not isinstance(oefening, bool):
        p.voeg_toe("oefening", f"{toon_waarde(oefening)} is geen true of false")
        oefening = False
    bijgesteld = None
    reden = v.tekst("reden_bijstelling")
    if data.get("kosten_zonder_bijgesteld") is not None:
        bijgesteld = [_kostenregel(r, True, MAX_JAAR) for r in v.objectlijst("kosten_zonder_bijgesteld")]
        if not reden or not reden.strip():
            p.voeg_toe("reden_bijstelling", "ontbreekt: waarom weet u het scenario zonder doorbraak nu beter?")
    else:
        v.gelezen.add("kosten_zonder_bijgesteld")
    # een nacalculatie telt mee in het budget: een verschreven veld (kosten_zonder_bijgesteldd) mag niet stil
    # wegvallen, zoals een onbekend veld in een casus dat wel mag
    for onbekend in sorted(v.rest()):
        bedoeld = difflib.get_close_matches(onbekend, VELDEN, n=1)
        p.voeg_toe(onbekend, "onbekend veld" + (f"; bedoelt u {bedoeld[0]}?" if bedoeld else
                                                f" (bekend zijn: {', '.join(VELDEN)})"))
    nacalculatie = Nacalculatie(casus_id or "", peildatum or date(2000, 1, 1), maanden or 0, uitkomst or "",
                                toelichting or "", uitgave if uitgave is not None else NUL, kosten_met, bijgesteld,
                                reden, oefening, {})
    p.werp_als_nodig(bron)
    return nacalculatie


def casus_voor_nacalculatie(casus: Casus, n: Nacalculatie) -> Casus:
    """De goedgekeurde casus met de werkelijkheid erin: de werkelijke uitgave als interventie, de echte kosten
    met doorbraak, en (als die er zijn) de bijgestelde kosten zonder. Met het prijspeil en de horizon van de
    casus: dezelfde eenheidsprijzen als bij de goedkeuring."""
    return replace(
        casus,
        interventie=[Interventieregel("Werkelijke uitgave uit het doorbraakbudget", n.werkelijke_uitgave)],
        zonder_doorbraak=casus.zonder_doorbraak if n.kosten_zonder_bijgesteld is None else n.kosten_zonder_bijgesteld,
        met_doorbraak=n.kosten_met,
    )


def nacalculatie_naar_dict(n: Nacalculatie) -> dict[str, Any]:
    """Wat het register vastlegt (naast het bestand zelf als stuk)."""
    return {"casus_id": n.casus_id, "peildatum": n.peildatum.isoformat(), "maanden": n.maanden,
            "uitkomst": n.uitkomst, "toelichting": n.toelichting, "werkelijke_uitgave": als_tekst(n.werkelijke_uitgave),
            "kosten_zonder_bijgesteld": n.kosten_zonder_bijgesteld is not None,
            "reden_bijstelling": n.reden_bijstelling or "", "oefening": n.oefening}


def nacalculatie_als_bestand(n: Nacalculatie) -> dict[str, Any]:
    """Het bestand (`doorbraak-nacalculatie/1`) van een nacalculatie: wat `nacalculatie_uit_dict` weer leest."""
    d: dict[str, Any] = {"formaat": FORMAAT, "casus_id": n.casus_id, "peildatum": n.peildatum.isoformat(),
                         "maanden": n.maanden, "uitkomst": n.uitkomst, "toelichting": n.toelichting,
                         "werkelijke_uitgave": als_tekst(n.werkelijke_uitgave),
                         "kosten_met": [_kostenregel_naar_dict(r) for r in n.kosten_met]}
    if n.kosten_zonder_bijgesteld is not None:
        d["kosten_zonder_bijgesteld"] = [_kostenregel_naar_dict(r) for r in n.kosten_zonder_bijgesteld]
        d["reden_bijstelling"] = n.reden_bijstelling or ""
    if n.oefening:
        d["oefening"] = True
    return d


def nacalculatie_als_bytes(n: Nacalculatie) -> bytes:
    """Het bestand als tekst in UTF-8, zoals een coach het ook met de hand zou schrijven."""
    return naar_json(nacalculatie_als_bestand(n)).encode("utf-8")


def peildatum_probleem(peildatum: date, besloten: date, vandaag: date, aanvraag: str) -> str | None:
    """Waarom deze peildatum niet kan (vóór het besluit over `aanvraag`, of in de toekomst), of None."""
    if peildatum < besloten:
        return f"{peildatum.isoformat()} ligt vóór het besluit over {aanvraag} ({besloten.isoformat()})"
    if peildatum > vandaag:
        return f"{peildatum.isoformat()} ligt in de toekomst"
    return None
