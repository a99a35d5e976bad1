"""Hoe snel is één berekening? Een casus van 200 regels: rekenen, en laden + valideren.

Draai: python benchmarks/bereken.py [--regels 200] [--herhalingen 300]
Doel (issue 2): rekenen onder 2 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from meten import meet  # noqa: E402

from doorbraak.diensten import open_prijslijst  # noqa: E402
from doorbraak.domein.berekening import bereken  # noqa: E402
from doorbraak.domein.casus import Casus, Interventieregel, Kostenregel, bewaar_casus, lees_casus  # noqa: E402
from doorbraak.domein.prijslijst import Prijslijst  # noqa: E402


def maak_casus(regels: int, codes: list[str]) -> Casus:
    def kostenregels(start: int, n: int) -> list[Kostenregel]:
        lijst = []
        for i in range(start, start + n):
            if i % 4 == 3:  # een op de vier is een eigen regel met bron
                lijst.append(Kostenregel(aantal=Decimal(i % 17 + 1), kans=Decimal("0.35"), omschrijving=f"Eigen regel {i}",
                                         bedrag_per_eenheid=Decimal("123.45"), eenheid="uur",
                                         financier=f"financier {i % 5}", bron="Benchmark, geen echte bron"))
            else:
                lijst.append(Kostenregel(aantal=Decimal(i % 11) + Decimal("0.5"), prijs=codes[i % len(codes)],
                                         kans=Decimal("0.8") if i % 2 else None, toelichting="benchmark"))
        return lijst

    helft = regels // 2
    return Casus(
        casus_id="BENCH-200", titel="Benchmark", datum=__import__("datetime").date(2025, 6, 1),
        situatie="Een lange situatiebeschrijving. " * 50,
        interventie=[Interventieregel(f"Interventie {i}", Decimal("250.00")) for i in range(5)],
        zonder_doorbraak=kostenregels(0, helft), met_doorbraak=kostenregels(helft, regels - helft),
    )



def toon(naam: str, tijden: list[float], doel_ms: float | None = None) -> None:
    ms = sorted(t * 1000 for t in tijden)
    mediaan = statistics.median(ms)
    oordeel = "" if doel_ms is None else f"   doel < {doel_ms:g} ms: {'gehaald' if mediaan < doel_ms else 'NIET gehaald'}"
    print(f"{naam:<38} mediaan {mediaan:7.3f} ms   p95 {ms[int(len(ms) * 0.95) - 1]:7.3f} ms   "
          f"min {ms[0]:7.3f} ms   ({len(ms)}x){oordeel}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--regels", type=int, default=200)
    ap.add_argument("--herhalingen", type=int, default=300)
    args = ap.parse_args()

    prijslijst = open_prijslijst()
    casus = maak_casus(args.regels, sorted(prijslijst.items))
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "bench.json"
        bewaar_casus(casus, pad)
        print(f"casus: {args.regels} kostenregels, {len(casus.interventie)} interventieregels, "
              f"{pad.stat().st_size} bytes; prijslijst: {len(prijslijst.items)} items; Python {sys.version.split()[0]}")
        bereken(casus, prijslijst)  # opwarmen
        toon(f"bereken ({args.regels} regels)", meet(lambda: bereken(casus, prijslijst), args.herhalingen), 2.0)
        # Zonder onthouden eenheidsprijzen: de eerste berekening met een net geladen prijslijst.
        def koud() -> None:
            bereken(casus, Prijslijst(prijslijst.items, prijslijst.indexcijfers, prijslijst.map, prijslijst.inhoud_hash))
        toon(f"bereken ({args.regels} regels), eerste keer", meet(koud, args.herhalingen), 2.0)
        toon("laden + valideren van het bestand", meet(lambda: lees_casus(pad), args.herhalingen))
        toon("laden + valideren + bereken", meet(lambda: bereken(lees_casus(pad), prijslijst), args.herhalingen))
        toon("prijslijst laden", meet(lambda: open_prijslijst(), max(args.herhalingen // 10, 10)))


if __name__ == "__main__":
    main()
