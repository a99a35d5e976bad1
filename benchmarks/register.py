"""Hoe snel is het register? Openen en samenvatten van registers met 1.000 en 10.000 aanvragen,
en één aanvraag indienen in elk.

Draai: python benchmarks/register.py [--aantallen 1000 10000]
Doel (issue 4): 10.000 aanvragen samengevat in minder dan 1 s.

De registers worden snel opgebouwd door geldige records met hashketen direct weg te schrijven
(zoals het register ze zelf schrijft), niet door 10.000 keer `indienen` te draaien.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from meten import meet  # noqa: E402

from doorbraak.diensten import dien_in, maak_register, register_stand  # noqa: E402
from doorbraak.domein.casus import lees_casus, bewaar_casus  # noqa: E402
from doorbraak.register import map_register  # noqa: E402
from doorbraak.register.map_register import RECORDS, MapRegister, _bestandsnaam  # noqa: E402
from doorbraak.register.opslag import Gebruiker, maak_record  # noqa: E402

ANNA = Gebruiker("anna", "anna", "pc-1")
BERT = Gebruiker("bert", "bert", "pc-2")
VOORBEELD = Path(__file__).resolve().parent.parent / "resources" / "voorbeelden" / "huurachterstand.json"


def bouw_register(map_: Path, aanvragen: int) -> None:
    from decimal import Decimal

    maak_register(map_, Decimal("10000000"), Decimal("5000"), ["manager"], gebruiker=ANNA)
    records = MapRegister(map_).records()
    vorige = records[-1]
    for i in range(aanvragen):
        casus_id = f"BENCH-{i:05d}"
        gegevens = {
            "aanvraag": f"{casus_id}-1", "casus_id": casus_id, "titel": "Benchmark", "gemeente": "",
            "bedrag": "120.00", "route": "vier-ogen", "limiet": "5000.00", "eerder_goedgekeurd": "0.00",
            "kosten_zonder": "15320.67", "kosten_met": "1264.14", "vermeden_kosten": "14056.53",
            "netto_rendement": "11206.53", "rendement_ratio": "4.93", "categorieen": ["wonen"],
            "prijslijst": {"versie": "2026.1", "inhoud_hash": "0" * 64}, "stuk": None,
        }
        for soort, g, wie in (("indiening", gegevens, ANNA),
                              ("toetsing", {"aanvraag": f"{casus_id}-1", "akkoord": True, "reden": "",
                                            "uitkomst": "goedgekeurd"}, BERT)):
            if soort == "toetsing" and i % 2:
                continue  # de helft blijft openstaan
            record = maak_record(vorige["volgnummer"] + 1, vorige["hash"], soort, g, wie)
            (map_ / RECORDS / _bestandsnaam(record["volgnummer"])).write_text(
                json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            vorige = record



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--aantallen", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--herhalingen", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        casus = lees_casus(VOORBEELD)
        casus.oefening = False
        casus.casus_id = "BENCH-NIEUW"
        casuspad = Path(tmp) / "casus.json"
        bewaar_casus(casus, casuspad)
        for n in args.aantallen:
            map_ = Path(tmp) / f"register-{n}"
            t0 = time.perf_counter()
            bouw_register(map_, n)
            opbouw = time.perf_counter() - t0
            def koud():  # zoals een nieuw proces: niets van dit register al gelezen
                map_register._GELEZEN.clear()
                return register_stand(map_)

            st = koud()
            tijden = meet(koud, args.herhalingen)
            warm = meet(lambda: register_stand(map_), args.herhalingen)
            t0 = time.perf_counter()
            dien_in(casuspad, map_, gebruiker=ANNA)
            indienen = time.perf_counter() - t0
            doel = " (doel < 1 s: " + ("gehaald" if statistics.median(tijden) < 1 else "NIET gehaald") + ")" \
                if n >= 10000 else ""
            print(f"{n:>6} aanvragen ({st.aantal_records} records, opgebouwd in {opbouw:.1f} s): openen en samenvatten "
                  f"mediaan {statistics.median(tijden) * 1000:.0f} ms, min {min(tijden) * 1000:.0f} ms{doel}; "
                  f"opnieuw in hetzelfde proces {statistics.median(warm) * 1000:.0f} ms; "
                  f"één aanvraag indienen (met register.xlsx) {indienen * 1000:.0f} ms")


if __name__ == "__main__":
    main()
