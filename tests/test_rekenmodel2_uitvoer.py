"""Rekenmodel 2 in de uitvoer: contante waarde, terugverdienjaar, scenario's, per jaar en grondslagen in de
samenvatting, het verantwoordingsdocument, de casusspreadsheet en het register.

De verwachte bedragen komen uit de berekening van de voorbeelden (zie tests/test_rekenmodel2.py voor het
narekenen met de hand); de uitvoer toont ze alleen.
"""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from doorbraak.samenvatting import procent
from tests.conftest import VOORBEELDEN, casusdata, draai, eigen_regel

MENTOR = VOORBEELDEN / "natuurlijk-mentor.json"
JOYCE = VOORBEELDEN / "joyce-woning.json"
HUUR = VOORBEELDEN / "huurachterstand.json"


def niet_terugverdiend(tmp_path):
    """Twee jaar, discontovoet 10%: 1.040,00 in jaar 2 is contant 945,45, minder dan de interventie van 1.000,00."""
    pad = tmp_path / "niet-terug.json"
    pad.write_text(json.dumps(casusdata(
        formaat="doorbraak-casus/2", casus_id="NIET-TERUG-1", datum="2025-01-10", horizon_maanden=24,
        discontovoet="0.1", zonder_doorbraak=[eigen_regel("104.00", aantal="10", jaar=2)])), encoding="utf-8")
    return pad


# ------------------------------------------------------------------ samenvatting van `doorbraak bereken`


def test_samenvatting_over_drie_jaar(capsys):
    code, uit, _ = draai(capsys, "bereken", MENTOR)
    assert code == 0
    verwacht = """\
Contante waarde (discontovoet 2,25%; jaar 1 is het jaar vanaf de casusdatum)
  Vermeden kosten                                                 € 246.983,04
  Interventie                                                      € 17.000,00
  Netto maatschappelijk rendement                                 € 229.983,04
  De interventie is terugverdiend in jaar 1.

Scenario's (nominaal)                                 vermeden           netto
  laag                                            € 141.415,40    € 124.415,40
  midden                                          € 252.439,64    € 235.439,64
  hoog                                            € 311.421,29    € 294.421,29

Per jaar (nominaal)
  jaar        zonder           met   interventie      vermeden         netto
     1   € 91.480,87    € 5.577,59   € 17.000,00   € 85.903,28   € 68.903,28
     2   € 86.737,69    € 3.469,51        € 0,00   € 83.268,18   € 83.268,18
     3   € 86.737,69    € 3.469,51        € 0,00   € 83.268,18   € 83.268,18

Grondslagen
  JW-2.3, Jeugdwet art. 2.3: Een natuurlijke mentor en het InVerbindingteam als passende jeugdhulp in plaats \
van een plaatsing op een leefgroep.

Per financier (vermeden = zonder − met)
"""
    assert verwacht in uit
    assert all(len(r) <= 78 for r in verwacht.splitlines() if not r.startswith("  JW-"))
    # de bestaande regels blijven zoals ze waren
    assert "  Route: escalatie (€ 17.000,00 is meer dan de vier-ogengrens van € 5.000,00)\n\nContante waarde" in uit


def test_samenvatting_contant_anders_dan_nominaal_en_twee_grondslagen(capsys):
    code, uit, _ = draai(capsys, "bereken", JOYCE)
    assert code == 0
    regels = uit.splitlines()
    begin = regels.index("Contante waarde (discontovoet 2,25%; jaar 1 is het jaar vanaf de casusdatum)")
    assert regels[begin + 1:begin + 5] == [
        "  Vermeden kosten                                                 € 216.499,59",
        "  Interventie                                                      € 18.601,96",
        "  Netto maatschappelijk rendement                                 € 197.897,63",
        "  De interventie is terugverdiend in jaar 1.",
    ]
    begin = regels.index("Per jaar (nominaal)")
    assert regels[begin + 2:begin + 4] == [
        "     1  € 119.079,48    € 9.625,42    € 9.800,00  € 109.454,06   € 99.654,06",
        "     2  € 119.079,48    € 9.625,42    € 9.000,00  € 109.454,06  € 100.454,06",
    ]
    begin = regels.index("Grondslagen")
    assert regels[begin + 1:begin + 3] == [
        "  JW-2.3, Jeugdwet art. 2.3: De passende voorziening is hier een woning waarin het gezin samen kan blijven, "
        "geen extra opvoedondersteuning.",
        "  GEMW-160, Gemeentewet art. 160: Het college huurt het huis en verhuurt het door; een privaatrechtelijke "
        "handeling van het college.",
    ]
    assert "  laag                                            € 192.659,92    € 173.859,92" in regels
    assert "  hoog                                            € 232.748,08    € 213.948,08" in regels


def test_samenvatting_een_jaar_zonder_tabel_per_jaar(capsys):
    code, uit, _ = draai(capsys, "bereken", HUUR)
    assert code == 0
    assert "Per jaar" not in uit
    assert ("Contante waarde (discontovoet 2,25%; jaar 1 is het jaar vanaf de casusdatum)\n"
            "  Vermeden kosten                                                  € 14.082,75\n") in uit
    assert "  De interventie is terugverdiend in jaar 1.\n" in uit
    assert "  midden                                           € 14.082,75     € 11.232,75\n" in uit
    assert ("Grondslagen\n  PW-35, Participatiewet art. 35: Bijzondere bijstand voor de huurachterstand, zodat de "
            "ontruiming van een gezin met kinderen niet doorgaat.\n  AWB-4:84, Algemene wet bestuursrecht art. 4:84: "
            "Schulden vallen buiten de bijzondere bijstand; de gevolgen van een ontruiming zijn hier onevenredig.\n") in uit


def test_samenvatting_niet_terugverdiend(capsys, tmp_path):
    code, uit, _ = draai(capsys, "bereken", niet_terugverdiend(tmp_path))
    assert code == 0
    assert ("Contante waarde (discontovoet 10,00%; jaar 1 is het jaar vanaf de casusdatum)\n"
            "  Vermeden kosten                                                     € 945,45\n"
            "  Interventie                                                       € 1.000,00\n"
            "  Netto maatschappelijk rendement                                     € -54,55\n"
            "  De interventie is niet terugverdiend binnen de horizon van 2 jaar.\n") in uit
    assert "\nGrondslagen" not in uit  # geen grondslagen: geen kop


@pytest.mark.parametrize("voet, tekst", [("0.0225", "2,25%"), ("0.1", "10,00%"), ("0", "0,00%"),
                                         ("0.03125", "3,125%"), ("0.000001", "0,0001%")])
def test_procent(voet, tekst):
    assert procent(D(voet)) == tekst
