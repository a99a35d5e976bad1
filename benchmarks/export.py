"""Hoe snel zijn de exports? `doorbraak pdf` als heel proces naast een minimaal ReportLab-script, de PDF
en de spreadsheet van een casus met 200 regels, en de registerspreadsheet met 10.000 aanvragen.

Draai: python benchmarks/export.py [--processen 7]
Doelen: `doorbraak pdf` voor een voorbeeld hooguit 3x een ReportLab-script dat één regel schrijft (issue 14),
PDF van 200 regels onder 0,3 s in het proces (issue 14), registerspreadsheet onder 5 s (issue 5).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
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


MINIMAAL = """
from reportlab.pdfgen import canvas
c = canvas.Canvas(__import__("sys").argv[1])
c.drawString(72, 770, "Doorbraak")
c.save()
"""
VOORBEELD = Path(__file__).resolve().parent.parent / "resources" / "voorbeelden" / "huurachterstand.json"


#: zoals op de laptop van een gebruiker: Python bewaart zijn bytecode (.pyc); de eerste (niet getelde) start
#: schrijft die en de cache van de lettertypen
OMGEVING = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}


def proces(opdracht: list[str], keer: int, tmp: str) -> list[float]:
    """De tijd van een heel proces (starten, importeren, schrijven), `keer` keer."""
    tijden = []
    for i in range(keer):
        uit = Path(tmp) / f"p{i}.pdf"
        t0 = time.perf_counter()
        subprocess.run([*opdracht, str(uit)], check=True, capture_output=True, env=OMGEVING)
        tijden.append(time.perf_counter() - t0)
        uit.unlink()
    return tijden


def verhouding(keer: int) -> None:
    """`doorbraak pdf` voor een voorbeeld naast het kleinste ReportLab-script, om en om gemeten."""
    with tempfile.TemporaryDirectory() as tmp:
        proces([sys.executable, "-c", MINIMAAL], 1, tmp)  # opwarmen: bytecode en caches schrijven
        proces([sys.executable, "-m", "doorbraak", "pdf", str(VOORBEELD), "-o"], 1, tmp)
        minimaal, pdf = [], []
        for _ in range(keer):  # om en om: een drukke machine treft beide evenveel
            minimaal += proces([sys.executable, "-c", MINIMAAL], 1, tmp)
            pdf += proces([sys.executable, "-m", "doorbraak", "pdf", str(VOORBEELD), "-o"], 1, tmp)
        m, d = statistics.median(minimaal), statistics.median(pdf)
        print(f"{'minimaal ReportLab-script (één regel)':<44} mediaan {m:6.2f} s")
        print(f"{'doorbraak pdf ' + VOORBEELD.name:<44} mediaan {d:6.2f} s   verhouding {d / m:.2f}x   "
              f"doel <= 3x: {'gehaald' if d / m <= 3 else 'NIET gehaald'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--processen", type=int, default=7, help="hoe vaak elk proces wordt gestart")
    args = ap.parse_args()
    verhouding(args.processen)
    prijslijst = open_prijslijst()
    casus = maak_casus(200, sorted(prijslijst.items))
    bc = bereken(casus, prijslijst)
    maak_pdf(casus, bc)  # fonts laden en opwarmen
    with tempfile.TemporaryDirectory() as tmp:
        pdf = maak_pdf(casus, bc)
        print(f"casus met {len(bc.zonder) + len(bc.met)} kostenregels: PDF van {len(pdf) // 1024} kB")
        toon("PDF/A van een casus met 200 regels", meet(lambda: maak_pdf(casus, bc), 5), 0.3)
        toon("spreadsheet van die casus", meet(lambda: schrijf_casus_xlsx(casus, bc, Path(tmp) / "c.xlsx"), 5), 1.0)
        map_ = Path(tmp) / "register"
        bouw_register(map_, 10000)
        st = register_stand(map_)
        toon(f"registerspreadsheet, {len(st.aanvragen)} aanvragen",
             meet(lambda: schrijf_register_xlsx(st, Path(tmp) / "r.xlsx"), 3), 5.0)


if __name__ == "__main__":
    main()
