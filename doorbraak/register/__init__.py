"""Het gedeelde register: aanvragen en besluiten, alleen toevoegen, met een hashketen."""

from __future__ import annotations

from pathlib import Path

RECORDS = "records"  # de map met één bestand per record in een registermap


def recordbestand(volgnummer: int) -> str:
    """De bestandsnaam van record `volgnummer` in een registermap."""
    return f"{volgnummer:012d}.json"


def is_mapregister(map_: Path | str) -> bool:
    """Is `map_` een register in een map (staat record 1 erin)? Licht: zonder de opslag zelf te laden."""
    try:
        return (Path(map_) / RECORDS / recordbestand(1)).is_file()
    except OSError:
        return False
