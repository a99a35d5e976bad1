"""De desktopapp (PySide6).

Vóór de eerste import van PySide6 laden we hier de modules zonder Qt die elke start nodig heeft (rekenen, de
instellingen, het register lezen). PySide6 leest bij elke module die ná PySide6 geladen wordt de hele broncode
(`inspect.getsource`, om te zien of de module zijn `__feature__`-schakelaars gebruikt); voor een module die er
al is, gebeurt dat niet. Zie benchmarks/start.py.
"""

import html  # noqa: F401  (escape, in het paneel en bij de grondslagen; html.entities is een groot bestand)

import doorbraak.diensten  # noqa: F401  (rekenen en de prijslijst)
import doorbraak.instellingen  # noqa: F401
import doorbraak.register.map_register  # noqa: F401  (het register lezen, bij de start op de achtergrond)
import doorbraak.register.pg_register  # noqa: F401  (is het register een database?)
import doorbraak.register.workflow  # noqa: F401
import platformdirs  # noqa: F401  (Mappen.standaard)
