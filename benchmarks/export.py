"""Hoe snel zijn de exports? De PDF en de spreadsheet van een casus met 200 regels, en de
registerspreadsheet met 10.000 aanvragen.

Draai: python benchmarks/export.py
Doelen (issue 5): PDF onder 0,5 s, registerspreadsheet onder 5 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from meten import meet  # noqa: E402

from bereken import maak_casus  # noqa: E402
from register import bouw_register  # noqa: E402

from doorbraak.diensten import open_prijslijst, register_stand  # noqa: E402
from doorbraak.domein.berekening import bereken  # noqa: E402
from doorbraak.export.casus_xlsx import schrijf_casus_xlsx  # noqa: E402
from doorbraak.export.pdf import maak_pdf  # noqa: E402
from doorbraak.export.register_xlsx import schrijf_register_xlsx  # noqa: E402



def toon(naam: str, tijden: list[float], doel: float) -> None:
    mediaan = statistics.median(tijden)
    print(f"{naam:<44} mediaan {mediaan:6.2f} s   min {min(tijden):6.2f} s   ({len(tijden)}x)   "
          f"doel < {doel:g} s: {'gehaald' if mediaan < doel else 'NIET gehaald'}")


def main() -> None:
    prijslijst = open_prijslijst()
    casus = maak_casus(200, sorted(prijslijst.items))
    bc = bereken(casus, prijslijst)
    maak_pdf(casus, bc)  # fonts laden en opwarmen
    with tempfile.TemporaryDirectory() as tmp:
        pdf = maak_pdf(casus, bc)
        print(f"casus met {len(bc.zonder) + len(bc.met)} kostenregels: PDF van {len(pdf) // 1024} kB")
        toon("PDF/A van een casus met 200 regels", meet(lambda: maak_pdf(casus, bc), 5), 0.5)
        toon("spreadsheet van die casus", meet(lambda: schrijf_casus_xlsx(casus, bc, Path(tmp) / "c.xlsx"), 5), 1.0)
        map_ = Path(tmp) / "register"
        bouw_register(map_, 10000)
        st = register_stand(map_)
        toon(f"registerspreadsheet, {len(st.aanvragen)} aanvragen",
             meet(lambda: schrijf_register_xlsx(st, Path(tmp) / "r.xlsx"), 3), 5.0)


if __name__ == "__main__":
    main()
