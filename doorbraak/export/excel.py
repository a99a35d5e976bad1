"""Gedeelde hulpmiddelen voor Excel-bestanden (openpyxl): veilige tekstcellen, tabellen, atomair opslaan."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from doorbraak.domein.jsonbestand import schrijf_bestanden_atomair
from doorbraak.uitvoer import MAKER, Soort

EURO = '"€" #,##0.00;"€" -#,##0.00'
DATUM = "yyyy-mm-dd"


def tekstcel(cel, tekst: str) -> bool:
    """Zet tekst als platte tekst, nooit als formule (ook niet bij `=`, `+`, `-`, `@`).

    Tekens die Excel niet kan bewaren (stuurtekens) worden verwijderd; geeft True als dat gebeurde.
    """
    schoon = ILLEGAL_CHARACTERS_RE.sub("", tekst)
    cel.value = schoon
    cel.data_type = "s"
    return schoon != tekst


def maak_tabel(ws, naam: str, kolommen: int, rijen: int) -> None:
    """Een Excel-tabel met filterknoppen over A1 tot de laatste cel, en een vastgezette kopregel."""
    bereik = f"A1:{get_column_letter(kolommen)}{max(rijen, 2)}"
    tabel = Table(displayName=naam, ref=bereik)
    tabel.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(tabel)
    ws.freeze_panes = "A2"


def kolombreedtes(ws, minimum: int = 8, maximum: int = 60) -> None:
    """Kolombreedtes die bij de inhoud passen."""
    breedtes: dict[int, int] = {}
    for rij in ws.iter_rows():
        for cel in rij:
            if cel.value is not None:
                lengte = len(str(cel.value)) if not hasattr(cel.value, "year") else 10
                breedtes[cel.column] = max(breedtes.get(cel.column, 0), lengte)
    for kolom, breedte in breedtes.items():
        ws.column_dimensions[get_column_letter(kolom)].width = min(max(breedte + 2, minimum), maximum)


def bewaar_werkmap(wb, pad: Path | str, soort: Soort) -> None:
    """Sla op zoals elk bestand van Doorbraak: alles of niets, en een duidelijke melding als Excel
    het doelbestand open houdt (Windows: PermissionError); dan blijft het oude bestand staan.

    Maker, laatst gewijzigd door en categorie zeggen dat dit een ongewijzigde export van deze soort
    is (zie `doorbraak.uitvoer.herken`): alleen zo'n bestand wordt zonder --overschrijven vervangen."""
    wb.properties.creator = wb.properties.lastModifiedBy = MAKER
    wb.properties.category = soort.kenmerk
    buf = io.BytesIO()
    wb.save(buf)
    schrijf_bestanden_atomair({Path(pad): buf.getvalue()})
