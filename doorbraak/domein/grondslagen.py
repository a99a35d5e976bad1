"""De grondslagen: de wetsartikelen waarop een doorbraak steunt of waarvan ze afwijkt.

De lijst staat in `resources/grondslagen.csv` (kolommen `code,wet,artikel,omschrijving,url,gecontroleerd_op`)
en wordt onderhouden zoals de prijslijst; zie `docs/casusformaat.md`, "Grondslagen". Een organisatie met
een eigen lijst wijst die aan met de omgevingsvariabele `DOORBRAAK_GRONDSLAGEN`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from doorbraak import PROJECTMAP
from doorbraak.domein.fouten import InvoerFout, Probleem, Problemenlijst
from doorbraak.domein.geld import toon_waarde
from doorbraak.domein.prijslijst import csv_rijen_als_waarden, lees_tekst

GRONDSLAGEN_CSV = "grondslagen.csv"
GRONDSLAGEN_OMGEVING = "DOORBRAAK_GRONDSLAGEN"
KOLOMMEN = ("code", "wet", "artikel", "omschrijving", "url", "gecontroleerd_op")
#: Hoofdletters, cijfers en `-` `.` `:`, 2 tot 40 tekens, zoals `AWB-4:84`, `PW-35` of `WMO-2.3.5`.
_CODE = re.compile(r"[A-Z0-9][A-Z0-9.:-]{1,39}")


@dataclass(frozen=True)
class Grondslag:
    code: str
    wet: str
    artikel: str
    omschrijving: str
    url: str
    gecontroleerd_op: date


def standaard_grondslagenbestand() -> Path:
    """De lijst van de organisatie (`DOORBRAAK_GRONDSLAGEN`), anders de meegeleverde."""
    eigen = os.environ.get(GRONDSLAGEN_OMGEVING, "").strip()
    return Path(eigen) if eigen else PROJECTMAP / "resources" / GRONDSLAGEN_CSV


def laad_grondslagen(pad: Path | str | None = None) -> dict[str, Grondslag]:
    """Lees de grondslagen (code -> Grondslag); InvoerFout met regel, code en kolom als iets niet klopt."""
    pad = Path(pad) if pad is not None else standaard_grondslagenbestand()
    return lees_grondslagen(lees_tekst(pad), str(pad))


def lees_grondslagen(tekst: str, bestandsnaam: str = GRONDSLAGEN_CSV) -> dict[str, Grondslag]:
    kop, rijen, problemen = csv_rijen_als_waarden(
        tekst, bestandsnaam,
        "meer velden dan kolommen (staat er een komma in de omschrijving? zet de omschrijving tussen aanhalingstekens)",
    )
    ontbrekend = [k for k in KOLOMMEN if k not in kop]
    if ontbrekend:
        raise InvoerFout(Probleem("kolommen", f"ontbreken: {', '.join(ontbrekend)} (de kop is {','.join(KOLOMMEN)})"),
                         bestandsnaam)
    grondslagen: dict[str, Grondslag] = {}
    gezien: set[str] = set()  # ook de codes van rijen met een fout: een dubbele code blijft een fout
    for plaats, waarden in rijen:
        grondslag = _grondslag(waarden, plaats, problemen, gezien)
        gezien.add(waarden["code"])
        if grondslag is not None:
            grondslagen[grondslag.code] = grondslag
    problemen.werp_als_nodig(bestandsnaam)
    return grondslagen


def _grondslag(w: dict[str, str], plaats: str, problemen: Problemenlijst,
               eerder: set[str]) -> Grondslag | None:
    code = w["code"]
    pad = f"{plaats} ({code or 'zonder code'})"
    fouten_voor = len(problemen.problemen)
    if code and not _CODE.fullmatch(code):
        problemen.voeg_toe(pad, f"code {toon_waarde(code)} is ongeldig (2 tot 40 tekens: hoofdletters, cijfers, - . :)")
    elif code and code in eerder:
        problemen.voeg_toe(pad, f"code {code} komt twee keer voor")
    for kolom in KOLOMMEN:
        if not w[kolom]:
            problemen.voeg_toe(f"{pad}.{kolom}", "is leeg")
    url = w["url"]
    if url:
        delen = urlsplit(url)
        if delen.scheme != "https" or not delen.netloc:
            problemen.voeg_toe(f"{pad}.url", f"{toon_waarde(url)} is geen https-adres (begin met https://)")
    gecontroleerd: date | None = None
    if w["gecontroleerd_op"]:
        try:
            gecontroleerd = date.fromisoformat(w["gecontroleerd_op"])
        except ValueError:
            problemen.voeg_toe(f"{pad}.gecontroleerd_op", f"{toon_waarde(w['gecontroleerd_op'])} is geen datum (JJJJ-MM-DD)")
    if len(problemen.problemen) > fouten_voor or gecontroleerd is None:
        return None
    return Grondslag(code=code, wet=w["wet"], artikel=w["artikel"], omschrijving=w["omschrijving"], url=url,
                     gecontroleerd_op=gecontroleerd)


_CACHE: dict[tuple[str, int], dict[str, Grondslag]] = {}


def standaard_grondslagen() -> dict[str, Grondslag]:
    """De standaardlijst, één keer gelezen zolang het bestand niet verandert (de app rekent bij elke toets)."""
    pad = standaard_grondslagenbestand()
    try:
        sleutel = (str(pad), pad.stat().st_mtime_ns)
    except OSError:
        return laad_grondslagen(pad)  # geeft de Nederlandse melding dat het bestand ontbreekt
    if sleutel not in _CACHE:
        _CACHE.clear()
        _CACHE[sleutel] = laad_grondslagen(pad)
    return _CACHE[sleutel]
