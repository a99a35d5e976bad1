"""Issue 13: de monitor reproduceert de cijfers van Den Haag, over een register dat echte, verschillende
OS-gebruikers met de echte opdrachten vulden (zie tests/personen.py).

Den Haag: "13 keer ingezet, gemiddeld 3.000 euro per casus. Het laagste bedrag … 120 euro; het hoogste
12.000 euro. Het gemiddelde besparingspotentieel is 20.000 euro per casus. Type hulp voorkomen:
uithuisplaatsing, gesloten plaatsing, hogere schulden, belastingschulden."
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal as D

import pytest

pytest.importorskip("grp", reason="echte OS-gebruikers en groepen: alleen op Linux en macOS")

VOORKOMEN = {"U": ("Uithuisplaatsing", "gemeente (Jeugdwet)"), "G": ("Gesloten plaatsing", "gemeente (Jeugdwet)"),
             "S": ("Hogere schulden", "schuldeisers"), "B": ("Belastingschulden", "Belastingdienst")}
# (bedrag, [(soort, verwachte kosten zonder doorbraak)], leefgebieden): samen € 39.000,00 en € 260.000,00
AANVRAGEN = [
    ("120.00", [("S", "8000.00")], ["financien"]),
    ("12000.00", [("U", "30000.00"), ("G", "15000.00")], ["gezin", "wonen"]),
    ("1500.00", [("S", "12000.00")], ["financien"]),
    ("1800.00", [("B", "15000.00")], ["financien"]),
    ("2000.00", [("U", "18000.00")], ["gezin"]),
    ("2200.00", [("U", "20000.00")], ["gezin", "wonen"]),
    ("2400.00", [("S", "12000.00"), ("B", "10000.00")], ["financien"]),
    ("2500.00", [("U", "25000.00")], ["gezin"]),
    ("2600.00", [("G", "30000.00")], ["gezin"]),
    ("2880.00", [("S", "16000.00")], ["financien", "wonen"]),
    ("3000.00", [("B", "14000.00")], ["financien"]),
    ("3000.00", [("U", "19000.00")], ["gezin"]),
    ("3000.00", [("S", "16000.00")], ["financien"]),
]


def _casus(team, casus_id: str, bedrag: str, regels, leefgebieden) -> str:
    pad = team.casussen / f"{casus_id}.json"
    pad.write_text(json.dumps({
        "formaat": "doorbraak-casus/1", "casus_id": casus_id, "titel": f"Casus {casus_id}",
        "datum": "2026-01-15", "leefgebieden": leefgebieden,
        "interventie": [{"omschrijving": "Maatwerk uit het doorbraakbudget", "bedrag": bedrag}],
        "zonder_doorbraak": [{"omschrijving": VOORKOMEN[s][0], "bedrag_per_eenheid": b, "eenheid": "stuk",
                              "aantal": "1", "financier": VOORKOMEN[s][1], "bron": "inschatting van de coach"}
                             for s, b in regels],
        "met_doorbraak": []}), encoding="utf-8")
    pad.chmod(0o644)
    return str(pad)


def _nacalculatie(team, naam: str, **velden) -> str:
    pad = team.casussen / naam
    from doorbraak.register import opslag, workflow

    vandaag = workflow.lokale_datum(opslag.nu_utc())  # de besluiten van vandaag, in Nederlandse tijd
    pad.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "peildatum": vandaag.isoformat(),
                               "maanden": 6, "uitkomst": "bereikt", "toelichting": "Gezin thuis, schulden geregeld.",
                               "kosten_met": []} | velden), encoding="utf-8")
    pad.chmod(0o644)
    return str(pad)


def test_de_monitor_geeft_de_cijfers_van_den_haag(team):
    reg = team.share / "register"
    jaar = str(date.today().year)
    u = team.als("teamleider", "register", "init", reg, "--budget", "50000", "--escalatie", "teamleider",
                 "--naam", "teamleider=Tess de Teamleider", "--budgetjaar", jaar, "--kostenplaats", "6.71.40 Doorbraak")
    assert u.code == 0, u.fout
    for i, (bedrag, regels, leef) in enumerate(AANVRAGEN, 1):
        casus_id = f"H-{i:02d}"
        indiener, toetser = ("anna", "bram") if i % 2 else ("carl", "anna")
        u = team.als(indiener, "indienen", _casus(team, casus_id, bedrag, regels, leef), "--register", reg)
        assert u.code == 0, u.fout
        u = team.als(toetser, "toetsen", casus_id, "--register", reg, "--akkoord", "--reden", "onderbouwd")
        assert u.code == 0, u.fout
        if D(bedrag) > 5000:
            assert "status geëscaleerd" in u.uit
            u = team.als("teamleider", "besluiten", casus_id, "--register", reg, "--akkoord", "--reden", "akkoord MT")
            assert u.code == 0, u.fout
        assert "status goedgekeurd" in u.uit
    # een afgewezen en een open aanvraag tellen mee in de aantallen, niet in de bedragen
    assert team.als("anna", "indienen", _casus(team, "H-AF", "4000.00", [("S", "9000.00")], ["financien"]),
                    "--register", reg).code == 0
    assert team.als("bram", "toetsen", "H-AF", "--register", reg, "--afwijzen", "--reden", "past niet").code == 0
    assert team.als("carl", "indienen", _casus(team, "H-OPEN", "2500.00", [("U", "20000.00")], ["gezin"]),
                    "--register", reg).code == 0

    # nacalculaties door een andere coach: H-06 (toegekend € 2.200,00, verwacht vermeden € 20.000,00) kostte
    # € 2.000,00 en daarna nog 2 × € 750,00 aan hulp (gerealiseerd € 18.500,00); H-08 (€ 2.500,00; verwacht € 25.000,00) met een bijgesteld
    # scenario zonder doorbraak van € 15.000,00 (gerealiseerd € 15.000,00)
    n = _nacalculatie(team, "n6.json", casus_id="H-06", werkelijke_uitgave="2000.00",
                      kosten_met=[{"omschrijving": "Gezinscoach", "bedrag_per_eenheid": "750.00", "eenheid": "maand",
                                   "aantal": "2", "financier": "gemeente (Jeugdwet)", "bron": "factuur"}])
    u = team.als("carl", "nacalculatie", "H-06", "--register", reg, "--bestand", n)
    assert u.code == 0, u.fout
    assert "door carl" in u.uit and "vrijgevallen: € 200,00" in re.sub(r" +", " ", u.uit)
    n = _nacalculatie(team, "n8.json", casus_id="H-08", werkelijke_uitgave="2500.00", uitkomst="deels",
                      kosten_zonder_bijgesteld=[{"omschrijving": "Uithuisplaatsing", "bedrag_per_eenheid": "15000.00",
                                                 "eenheid": "stuk", "aantal": "1", "financier": "gemeente (Jeugdwet)",
                                                 "bron": "jeugdbeschermer"}],
                      reden_bijstelling="De plaatsing zou korter zijn geweest dan gedacht.")
    assert team.als("bram", "nacalculatie", "H-08", "--register", reg, "--bestand", n).code == 0
    # meer uitgeven dan toegekend: geweigerd, niets geschreven
    n = _nacalculatie(team, "n1.json", casus_id="H-01", werkelijke_uitgave="120.01")
    u = team.als("anna", "nacalculatie", "H-01", "--register", reg, "--bestand", n)
    assert u.code == 3 and "nieuwe aanvraag" in u.fout

    u = team.als("bram", "monitor", "--register", reg, "--json")
    assert u.code == 0, u.fout
    m = json.loads(u.uit)
    from doorbraak.register import opslag, workflow

    vandaag = workflow.lokale_datum(opslag.nu_utc()).isoformat()
    assert m["periode"] == {"van": vandaag, "tot": vandaag}
    assert (m["aantal_aanvragen"], m["aantal_toegekend"], m["aantal_afgewezen"], m["aantal_open"]) == (15, 13, 1, 1)
    assert (m["toegekend_totaal"], m["gemiddeld_bedrag"], m["laagste_bedrag"], m["hoogste_bedrag"]) == (
        "39000.00", "3000.00", "120.00", "12000.00")
    assert m["mediaan_bedrag"] == "2500.00"  # de zevende van dertien
    assert (m["vermeden_totaal"], m["gemiddeld_vermeden"], m["netto_totaal"]) == ("260000.00", "20000.00", "221000.00")
    assert m["rendement_ratio"] == "6.67"  # 260.000 / 39.000 = 6,666…
    assert m["per_route"] == {"vier-ogen": 12, "escalatie": 1}
    assert m["per_maand"] == [{"maand": vandaag[:7], "aantal": 13, "toegekend": "39000.00", "vermeden": "260000.00"}]
    assert m["per_financier"] == {"gemeente (Jeugdwet)": "157000.00", "schuldeisers": "64000.00",
                                  "Belastingdienst": "39000.00"}
    assert m["per_leefgebied"] == {"financien": 7, "gezin": 6, "wonen": 3}
    assert [(v["omschrijving"], v["aantal"]) for v in m["voorkomen"]] == [
        ("Hogere schulden", 5), ("Uithuisplaatsing", 5), ("Belastingschulden", 3), ("Gesloten plaatsing", 2)]
    assert m["doorlooptijd_dagen"]["max"] in (0, 1)  # alles op één dag (of net over middernacht)
    assert m["nacalculatie"] == {"aantal": 2, "verwacht_vermeden": "45000.00", "gerealiseerd_vermeden": "33500.00",
                                 "realisatiegraad": "0.74", "werkelijk_uitgegeven": "4500.00",
                                 "vrijgevallen": "200.00"}
    assert m["nog_na_te_calculeren"] == []
    assert m["budget"] == {"budget_totaal": "50000.00", "toegekend": "39000.00", "vrijgevallen": "200.00",
                           "beschikbaar": "11200.00"}
    assert m["kostenplaats"] == "6.71.40 Doorbraak"

    u = team.als("anna", "monitor", "--register", reg)
    assert u.code == 0, u.fout
    tekst = re.sub(r"\s+", " ", u.uit)
    assert "is het doorbraakbudget 13 keer ingezet, gemiddeld € 3.000,00 per casus" in tekst
    assert "Het laagste bedrag was € 120,00; het hoogste € 12.000,00." in tekst
    assert "Het gemiddelde besparingspotentieel is € 20.000,00 per casus" in tekst
    assert ("Type hulp voorkomen: Hogere schulden; Uithuisplaatsing; Belastingschulden; Gesloten plaatsing."
            in tekst)
    assert "Aanvragen: 15 (13 toegekend, 1 afgewezen, 1 open); vier ogen 12, escalatie 1." in tekst
    assert "realisatiegraad 0,74" in tekst and "€ 200,00 viel terug in de pot" in tekst

    # de werkmap voor financiën, door de teamleider in haar eigen map
    from openpyxl import load_workbook

    uit = team.data("teamleider") / "monitor.xlsx"
    u = team.als("teamleider", "monitor", "--register", reg, "-o", uit)
    assert u.code == 0 and "Monitor geschreven naar" in u.uit, u.fout
    for alleen_waarden in (False, True):
        wb = load_workbook(uit, data_only=alleen_waarden)
        kengetallen = {r[0].value: r[1].value for r in wb["Samenvatting"].iter_rows() if len(r) > 1}
        assert (kengetallen["Toegekend"], kengetallen["Toegekend bedrag, totaal"]) == (13, 39000)
        assert (kengetallen["Laagste toegekend bedrag"], kengetallen["Hoogste toegekend bedrag"]) == (120, 12000)
        assert kengetallen["Verwacht vermeden kosten, gemiddeld per casus"] == 20000
        maand = wb["Per maand"]
        totaal = next(r for r in maand.iter_rows() if r[0].value == "Totaal")
        if alleen_waarden:  # de totalen zijn formules met hun uitkomst opgeslagen
            assert [c.value for c in totaal[1:4]] == [13, 39000, 260000]
        else:
            assert str(totaal[2].value).startswith("=SUM(")

    # de status toont het vrijgevallen bedrag; de periode kan leeg zijn
    st = json.loads(team.als("carl", "register", "status", "--register", reg, "--json").uit)
    assert (st["vrijgevallen"], st["beschikbaar"]) == ("200.00", "11200.00")
    u = team.als("carl", "monitor", "--register", reg, "--json", "--tot", "2000-01-01")
    leeg = json.loads(u.uit)
    assert (leeg["aantal_aanvragen"], leeg["aantal_toegekend"], leeg["toegekend_totaal"]) == (0, 0, "0.00")
