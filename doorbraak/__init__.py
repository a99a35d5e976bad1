"""Doorbraak: de maatschappelijke businesscase van een doorbraakcasus."""

from pathlib import Path

__version__ = "0.3.0"

#: De projectmap, met de meegeleverde `prijslijst/` en `resources/`. Staat hier (en niet in
#: `doorbraak.diensten`) zodat ook het domein de meegeleverde bestanden kan vinden.
PROJECTMAP = Path(__file__).resolve().parent.parent
