"""De desktopapp (PySide6).

Vóór de eerste import van PySide6 laden we hier de modules zonder Qt die elke start nodig heeft (rekenen, de
instellingen, het register lezen). PySide6 leest bij elke module die ná PySide6 geladen wordt de hele broncode
(`inspect.getsource`, om te zien of de module zijn `__feature__`-schakelaars gebruikt); voor een module die er
al is, gebeurt dat niet. Zie benchmarks/start.py.

Tijdens het laden staat ook de cyclische garbage collector uit: de imports (en de enums van PySide6) maken
tienduizenden objecten zonder kringen, en de collector doorzocht die tijdens de start zo'n 70 keer (10 ms).
`start_klaar` zet hem weer aan als het venster getekend is (taken.py), en hoe dan ook na GC_UITERLIJK_S, ook als
er geen venster komt. Net als bij het lezen van het register (workflow._zonder_gc).
"""

import gc
import threading

#: Hooguit zo lang (seconden) na het laden staat de collector uit.
GC_UITERLIJK_S = 3.0


def start_klaar() -> None:
    """De start is voorbij: wat er nu is naar de oudste generatie (anders doorzoekt de eerstvolgende ronde van de
    jongste generatie alles nog één keer), en de collector weer aan. Doet alleen de eerste keer iets."""
    global _collector_uit
    if _collector_uit:
        _collector_uit = False
        _wekker.cancel()
        gc.freeze()
        gc.unfreeze()
        gc.enable()


_collector_uit = gc.isenabled()
_wekker = threading.Timer(GC_UITERLIJK_S, start_klaar)
if _collector_uit:
    gc.disable()
    _wekker.daemon = True
    _wekker.start()

import html  # noqa: E402,F401  (escape, in het paneel en bij de grondslagen; html.entities is een groot bestand)

import doorbraak.diensten  # noqa: E402,F401  (rekenen en de prijslijst)
import doorbraak.instellingen  # noqa: E402,F401
import doorbraak.register.map_register  # noqa: E402,F401  (het register lezen, bij de start op de achtergrond)
import doorbraak.register.pg_register  # noqa: E402,F401  (is het register een database?)
import doorbraak.register.workflow  # noqa: E402,F401
import platformdirs  # noqa: E402,F401  (Mappen.standaard)
