"""Doorbraak: de maatschappelijke businesscase van een doorbraakcasus."""

import sys
from pathlib import Path

__version__ = "0.3.0"



def _bronmap() -> Path:
    """De map met de meegeleverde `prijslijst/` en `resources/`: de projectmap, of in een bundel (PyInstaller,
    `sys.frozen`) de map die de bundel uitpakt (`sys._MEIPASS`, de map `_internal` naast de programma's), waar
    de bundel ook staat."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent)).resolve()
    return Path(__file__).resolve().parent.parent


#: De projectmap, met de meegeleverde `prijslijst/` en `resources/`: de enige plek die dat beslist. Staat hier
#: (en niet in `doorbraak.diensten`) zodat ook het domein de meegeleverde bestanden kan vinden.
PROJECTMAP = _bronmap()
