"""Hoe snel is één berekening? Een casus van 200 regels: rekenen, en laden + valideren.

Elke regel heeft een `jaar` (1 tot en met 10, horizon 120 maanden) en een kansbereik (formaat /2), dus
de berekening doet ook de contante waarde, het terugverdienjaar, de scenario's en de bedragen per jaar.

Draai: python benchmarks/bereken.py [--regels 200] [--herhalingen 300] [--processen 15]
Doel: rekenen onder 2 ms (warm), en onder 3 ms voor de eerste berekening in een nieuw proces.
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
from doorbraak.domein.casus import (  # noqa: E402
    Casus, Grondslagverwijzing, Interventieregel, Kostenregel, Waardendriehoek, bewaar_casus, lees_casus,
)
from doorbraak.domein.prijslijst import Prijslijst  # noqa: E402


def maak_casus(regels: int, codes: list[str]) -> Casus:
    def kostenregels(start: int, n: int) -> list[Kostenregel]:
        lijst = []
        for i in range(start, start + n):
            jaar = i % 10 + 1
            if i % 4 == 3:  # een op de vier is een eigen regel met bron
                lijst.append(Kostenregel(aantal=Decimal(i % 17 + 1), kans=Decimal("0.35"), omschrijving=f"Eigen regel {i}",
                                         bedrag_per_eenheid=Decimal("123.45"), eenheid="uur",
                                         financier=f"financier {i % 5}", bron="Benchmark, geen echte bron",
                                         jaar=jaar, kans_laag=Decimal("0.2"), kans_hoog=Decimal("0.5")))
            else:
                lijst.append(Kostenregel(aantal=Decimal(i % 11) + Decimal("0.5"), prijs=codes[i % len(codes)],
                                         kans=Decimal("0.8") if i % 2 else None, toelichting="benchmark", jaar=jaar,
                                         kans_laag=Decimal("0.6") if i % 2 else Decimal("0.9"),
                                         kans_hoog=Decimal("0.95") if i % 2 else None))
        return lijst

    helft = regels // 2
    return Casus(
        casus_id="BENCH-200", titel="Benchmark", datum=__import__("datetime").date(2025, 6, 1), horizon_maanden=120,
        situatie="Een lange situatiebeschrijving. " * 50,
        interventie=[Interventieregel(f"Interventie {i}", Decimal("250.00"), jaar=i + 1) for i in range(5)],
        zonder_doorbraak=kostenregels(0, helft), met_doorbraak=kostenregels(helft, regels - helft),
        waardendriehoek=Waardendriehoek(legitimiteit="Benchmark", grondslagen=[Grondslagverwijzing("AWB-4:84", "bench")]),
    )


EERSTE_KEER = """
import sys, time
sys.path.insert(0, {pad!r})
from doorbraak.diensten import open_prijslijst
from doorbraak.domein.berekening import bereken
from doorbraak.domein.casus import lees_casus
prijslijst = open_prijslijst()
casus = lees_casus({casus!r})
t = time.perf_counter()
bereken(casus, prijslijst)
print(time.perf_counter() - t)
"""


def eerste_keer(pad: Path, processen: int) -> list[float]:
    """De eerste berekening in een nieuw proces (imports en prijslijst al geladen, niets onthouden)."""
    import subprocess

    code = EERSTE_KEER.format(pad=str(Path(__file__).resolve().parent.parent), casus=str(pad))
    return [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(processen)]



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
    ap.add_argument("--processen", type=int, default=15)
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
        toon(f"bereken ({args.regels} regels), nieuwe prijslijst", meet(koud, args.herhalingen), 2.0)
        toon(f"bereken ({args.regels} regels), eerste in een proces", eerste_keer(pad, args.processen), 3.0)
        toon("laden + valideren van het bestand", meet(lambda: lees_casus(pad), args.herhalingen))
        toon("laden + valideren + bereken", meet(lambda: bereken(lees_casus(pad), prijslijst), args.herhalingen))
        toon("prijslijst laden", meet(lambda: open_prijslijst(), max(args.herhalingen // 10, 10)))


if __name__ == "__main__":
    main()
