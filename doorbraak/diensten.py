"""Wat een gebruiker kan doen, als functies die de CLI en (later) de GUI allebei aanroepen."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from doorbraak.domein.berekening import Businesscase, bereken
from doorbraak.domein.casus import Casus, lees_casus
from doorbraak.domein.fouten import InvoerFout, Probleem
from doorbraak.domein.prijslijst import Prijslijst, laad_prijslijst
from doorbraak.domein.regels import STANDAARD_LIMIET

PROJECTMAP = Path(__file__).resolve().parent.parent
PRIJSLIJST_OMGEVING = "DOORBRAAK_PRIJSLIJST"


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
    return laad_prijslijst(map_ if map_ is not None else standaard_prijslijstmap())


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


__all__ = [
    "InvoerFout", "Probleem", "bereken_bestand", "bereken_casus", "open_prijslijst",
    "standaard_prijslijstmap", "voorbeeldenmap",
]
