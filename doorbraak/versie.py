"""Welke Doorbraak, welke prijslijst, welke Python en welke Qt: voor `doorbraak --versie` en Help › Over Doorbraak.

Zonder Qt op moduleniveau: de CLI laadt PySide6 alleen om het versienummer te tonen, en meldt het als PySide6
ontbreekt (een installatie met alleen de opdrachtregel).
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import TYPE_CHECKING

from doorbraak import __version__

if TYPE_CHECKING:
    from doorbraak.domein.prijslijst import Prijslijst


def prijslijstregel(map_: Path | str | None = None, prijslijst: Prijslijst | None = None) -> str:
    """De prijslijst in gebruik: de al geladen `prijslijst`, anders die in `map_` (of de standaard). Een prijslijst
    die niet te lezen is, wordt gemeld in plaats van een fout te geven: de versie moet altijd te zien zijn."""
    from doorbraak import diensten
    from doorbraak.domein.fouten import InvoerFout

    pad = diensten.prijslijstmap_in_gebruik(map_)
    if prijslijst is None:
        try:
            prijslijst = diensten.open_prijslijst(map_)
        except (InvoerFout, OSError, ValueError) as fout:
            reden = " ".join(str(fout).split())
            return f"Prijslijst: niet te lezen ({reden})"
    return f"Prijslijst: {prijslijst.versienaam} ({pad})"


def qtregel() -> str:
    """PySide6 en de Qt-bibliotheek waarmee het draait (die kunnen verschillen); PySide6 laadt pas hier."""
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except ImportError:
        return "Qt: niet beschikbaar (PySide6 is niet geïnstalleerd)"
    return f"Qt: PySide6 {PySide6.__version__}, Qt {qVersion()}"


def versieregels(map_: Path | str | None = None, prijslijst: Prijslijst | None = None) -> list[str]:
    """De regels van `doorbraak --versie`, ook getoond in Over Doorbraak."""
    return [f"Doorbraak {__version__}", prijslijstregel(map_, prijslijst), f"Python {platform.python_version()}",
            qtregel()]
