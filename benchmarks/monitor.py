"""Hoe snel is de monitor? Registers met 1.000 en 10.000 aanvragen, een derde met een nacalculatie.

Draai: python benchmarks/monitor.py [--aantallen 1000 10000] [--herhalingen 3]
Doel (issue 13): de monitor over 10.000 aanvragen in minder dan 1 s, inclusief het importeren van pandas.

Elke meting draait in een nieuw Python-proces (pandas is dan nog niet geladen) en meldt:
- monitor: pandas importeren + de cijfers berekenen uit de stand van het register (het doel);
- register lezen: de keten controleren en de stand opbouwen (hetzelfde als `register status`);
- de hele opdracht `doorbraak monitor --json`, met het opstarten van Python.

De registers worden snel opgebouwd door geldige records met hashketen direct weg te schrijven, zoals
benchmarks/register.py dat doet, niet door 10.000 keer `indienen` te draaien.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from doorbraak.diensten import maak_register  # noqa: E402
from doorbraak.register.map_register import RECORDS, MapRegister, _bestandsnaam  # noqa: E402
from doorbraak.register.opslag import Gebruiker, maak_record  # noqa: E402

ANNA = Gebruiker("anna", "anna", "pc-1")
BERT = Gebruiker("bert", "bert", "pc-2")
FINANCIERS = ("gemeente (Jeugdwet)", "gemeente (Wmo)", "woningcorporatie", "zorgverzekeraar", "Belastingdienst")
VOORKOMEN = ("Uithuisplaatsing", "Gesloten plaatsing", "Hogere schulden", "Belastingschulden", "Ontruiming")
LEEFGEBIEDEN = ("wonen", "financien", "gezin", "gezondheid", "werk")


def bouw_register(map_: Path, aanvragen: int) -> None:
    maak_register(map_, Decimal("10000000"), Decimal("5000"), ["manager"], gebruiker=ANNA)
    vorige = MapRegister(map_).records()[-1]

    def schrijf(soort, gegevens, wie, tijd):
        nonlocal vorige
        record = maak_record(vorige["volgnummer"] + 1, vorige["hash"], soort, gegevens, wie, tijd)
        (map_ / RECORDS / _bestandsnaam(record["volgnummer"])).write_text(
            json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        vorige = record

    for i in range(aanvragen):
        casus_id = f"BENCH-{i:05d}"
        bedrag = Decimal(120 + (i * 37) % 4800)
        vermeden = Decimal(5000 + (i * 113) % 30000)
        dag = f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}"
        gegevens = {
            "aanvraag": f"{casus_id}-1", "casus_id": casus_id, "titel": "Benchmark", "gemeente": "",
            "bedrag": f"{bedrag:.2f}", "route": "vier-ogen", "limiet": "5000.00", "eerder_goedgekeurd": "0.00",
            "kosten_zonder": f"{vermeden:.2f}", "kosten_met": "0.00", "vermeden_kosten": f"{vermeden:.2f}",
            "netto_rendement": f"{vermeden - bedrag:.2f}", "rendement_ratio": None, "categorieen": ["wonen"],
            "per_financier": {FINANCIERS[i % 5]: f"{vermeden:.2f}"},
            "leefgebieden": [LEEFGEBIEDEN[i % 5], LEEFGEBIEDEN[(i + 2) % 5]],
            "voorkomen": [{"code": None, "omschrijving": VOORKOMEN[i % 5]}],
            "prijslijst": {"versie": "2027.1", "inhoud_hash": "0" * 64}, "stuk": None,
        }
        schrijf("indiening", gegevens, ANNA, f"{dag}T09:00:00.000000Z")
        if i % 10 == 9:
            continue  # een op de tien blijft open
        akkoord = i % 10 != 8  # een op de tien afgewezen
        schrijf("toetsing", {"aanvraag": f"{casus_id}-1", "akkoord": akkoord, "reden": "",
                             "uitkomst": "goedgekeurd" if akkoord else "afgewezen"}, BERT, f"{dag}T15:00:00.000000Z")
        if akkoord and i % 3 == 0:
            uitgave = bedrag - 20
            schrijf("nacalculatie", {
                "aanvraag": f"{casus_id}-1", "casus_id": casus_id, "peildatum": "2026-06-30", "maanden": 6,
                "uitkomst": "bereikt", "toelichting": "", "werkelijke_uitgave": f"{uitgave:.2f}",
                "kosten_zonder_bijgesteld": False, "reden_bijstelling": "", "oefening": False,
                "verwacht_vermeden": f"{vermeden:.2f}", "kosten_zonder": f"{vermeden:.2f}", "kosten_met": "1000.00",
                "gerealiseerd_vermeden": f"{vermeden - 1000:.2f}", "gerealiseerd_netto": f"{vermeden - 1000 - uitgave:.2f}",
                "toegekend": f"{bedrag:.2f}", "vrijgevallen": "20.00", "stuk": None}, BERT, "2026-07-01T10:00:00.000000Z")


METING = """
import json, sys, time
t0 = time.perf_counter()
from doorbraak.diensten import open_register, _stand
register = open_register(sys.argv[1])
st = _stand(register)
t1 = time.perf_counter()
from doorbraak.analyse.monitor import bereken_monitor
t2 = time.perf_counter()
m = bereken_monitor(st, register.lees_stuk)
json.dumps(m.als_json())
t3 = time.perf_counter()
print(json.dumps({"lezen": t1 - t0, "pandas": t2 - t1, "rekenen": t3 - t2, "toegekend": m.aantal_toegekend,
                  "nacalculaties": m.nacalculatie["aantal"]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--aantallen", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--herhalingen", type=int, default=3)
    args = ap.parse_args()
    omgeving = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        omgeving["DOORBRAAK_DATA"] = str(Path(tmp) / "data")  # een eigen getuige, niet die van de gebruiker
        omgeving["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
        for n in args.aantallen:
            map_ = Path(tmp) / f"register-{n}"
            t0 = time.perf_counter()
            bouw_register(map_, n)
            opbouw = time.perf_counter() - t0
            metingen, geheel = [], []
            for _ in range(args.herhalingen):
                uit = subprocess.run([sys.executable, "-c", METING, str(map_)], capture_output=True, text=True,
                                     env=omgeving, check=True).stdout
                metingen.append(json.loads(uit))
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "doorbraak", "monitor", "--register", str(map_), "--json"],
                               capture_output=True, env=omgeving, check=True)
                geheel.append(time.perf_counter() - t0)
            mon = statistics.median(m["pandas"] + m["rekenen"] for m in metingen)
            pandas_ = statistics.median(m["pandas"] for m in metingen)
            lezen = statistics.median(m["lezen"] for m in metingen)
            doel = (" (doel < 1 s: " + ("gehaald" if mon < 1 else "NIET gehaald") + ")") if n >= 10000 else ""
            print(f"{n:>6} aanvragen ({metingen[0]['toegekend']} toegekend, {metingen[0]['nacalculaties']} "
                  f"nacalculaties; opgebouwd in {opbouw:.1f} s): monitor {mon * 1000:.0f} ms, waarvan pandas "
                  f"importeren {pandas_ * 1000:.0f} ms{doel}; register lezen {lezen * 1000:.0f} ms; "
                  f"hele opdracht 'doorbraak monitor --json' {statistics.median(geheel) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
