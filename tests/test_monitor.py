"""Issue 13: de monitor, in dit proces met een gezette klok. Elk getal is met de hand nagerekend.

De cijfers van Den Haag met echte OS-gebruikers staan in test_monitor_denhaag.py.
"""

import json
import sys
from datetime import date
from decimal import Decimal as D

import pytest

from doorbraak.analyse.monitor import bereken_monitor, monitor_tekst
from doorbraak.diensten import dien_in, maak_register, monitor, nacalculeer, open_register, register_stand, toets
from doorbraak.register import opslag
from tests import conftest
from tests.conftest import casusdata, eigen_regel
from tests.registerhulp import ANNA, BERT

VANDAAG = date(2026, 11, 30)


#: De aanvragen van het voorbeeldregister: (ingediend, besloten, casus, bedrag, verwacht vermeden, akkoord, extra).
AANVRAGEN = (
    ("2026-01-10", "2026-01-14", "M-1", "1000.00", "10000.00", True, {}),
    ("2026-03-01", "2026-03-03", "M-2", "2000.00", "5000.00", True,
     {"financier": "woningcorporatie", "leef": ("wonen", "financien"), "omschrijving": "Huisuitzetting"}),
    ("2026-03-19", "2026-03-20", "M-2", "500.00", "5000.00", True,
     {"financier": "woningcorporatie", "leef": ("wonen", "financien"), "omschrijving": "Huisuitzetting"}),
    ("2026-05-01", "2026-05-02", "M-3", "700.00", "900.00", False, {}),
    ("2026-06-01", None, "M-4", "800.00", "4000.00", None, {}),
)


def klok(monkeypatch, dag: str, uur: str = "10:00"):
    monkeypatch.setattr(opslag, "nu_utc", lambda: f"{dag}T{uur}:00.000000Z")


def casus(map_, casus_id, bedrag, vermeden, financier="gemeente (Wmo)", leef=("wonen",), omschrijving="Ontruiming"):
    pad = map_ / f"{casus_id}.json"
    pad.write_text(json.dumps(casusdata(
        casus_id=casus_id, datum="2026-01-01", leefgebieden=list(leef),
        interventie=[{"omschrijving": "x", "bedrag": bedrag}],
        zonder_doorbraak=[eigen_regel(vermeden, financier=financier) | {"omschrijving": omschrijving}])),
        encoding="utf-8")
    return pad


@pytest.fixture
def reg(tmp_path, monkeypatch):
    """M-1: ingediend 10 januari, goedgekeurd 14 januari (€ 1.000,00; verwacht vermeden € 10.000,00).
    M-2: € 2.000,00 op 1 → 3 maart, daarna nog € 500,00 op 19 → 20 maart (verwacht € 5.000,00, één casus).
    M-3: afgewezen (1 → 2 mei). M-4: open sinds 1 juni."""
    r = tmp_path / "register"
    klok(monkeypatch, "2026-01-02")
    maak_register(r, D("100000"), D("5000"), ["marieke"], gebruiker=ANNA)
    for dag_in, dag_uit, cid, bedrag, verm, akkoord, extra in AANVRAGEN:
        klok(monkeypatch, dag_in)
        dien_in(casus(tmp_path, cid, bedrag, verm, **extra), r, gebruiker=ANNA)
        if dag_uit:
            klok(monkeypatch, dag_uit)
            toets(cid, akkoord, "", r, gebruiker=BERT)
    return r


def test_cijfers_met_de_hand(reg):
    m, _ = monitor(reg, vandaag=VANDAAG)
    j = m.als_json()
    assert j["periode"] == {"van": "2026-01-14", "tot": "2026-05-02"}  # eerste en laatste eindbesluit
    assert (j["aantal_aanvragen"], j["aantal_toegekend"], j["aantal_afgewezen"], j["aantal_open"]) == (5, 3, 1, 1)
    assert j["toegekend_totaal"] == "3500.00"
    assert j["gemiddeld_bedrag"] == "1166.67"  # 3.500 / 3 = 1.166,666…, half naar boven
    assert (j["mediaan_bedrag"], j["laagste_bedrag"], j["hoogste_bedrag"]) == ("1000.00", "500.00", "2000.00")
    # M-2 telt één keer mee (haar laatste goedgekeurde aanvraag): 10.000 + 5.000
    assert (j["aantal_casussen"], j["vermeden_totaal"], j["gemiddeld_vermeden"]) == (2, "15000.00", "7500.00")
    assert (j["netto_totaal"], j["rendement_ratio"]) == ("11500.00", "4.29")  # 15.000 / 3.500 = 4,2857…
    assert j["per_maand"] == [
        {"maand": "2026-01", "aantal": 1, "toegekend": "1000.00", "vermeden": "10000.00"},
        {"maand": "2026-02", "aantal": 0, "toegekend": "0.00", "vermeden": "0.00"},  # een maand zonder besluit
        {"maand": "2026-03", "aantal": 2, "toegekend": "2500.00", "vermeden": "5000.00"}]
    assert j["per_financier"] == {"gemeente (Wmo)": "10000.00", "woningcorporatie": "5000.00"}
    assert j["per_leefgebied"] == {"wonen": 2, "financien": 1}
    assert j["voorkomen"] == [{"code": None, "omschrijving": "Huisuitzetting", "aantal": 1},
                              {"code": None, "omschrijving": "Ontruiming", "aantal": 1}]
    # doorlooptijden 4, 2, 1 (M-2 tweede keer) en 1 (M-3): mediaan 1,5, langste 4
    assert j["doorlooptijd_dagen"] == {"mediaan": 1.5, "max": 4}
    assert j["nog_na_te_calculeren"] == ["M-1", "M-2"]  # langer dan 6 maanden geleden goedgekeurd
    assert j["budget"] == {"budget_totaal": "100000.00", "toegekend": "3500.00", "vrijgevallen": "0.00",
                           "beschikbaar": "96500.00"}
    assert j["per_route"] == {"vier-ogen": 3, "escalatie": 0}


def test_periode_filtert_op_het_eindbesluit(reg):
    m, _ = monitor(reg, date(2026, 3, 1), date(2026, 3, 31), vandaag=VANDAAG)
    j = m.als_json()
    assert j["periode"] == {"van": "2026-03-01", "tot": "2026-03-31"}
    # M-4 is pas in juni ingediend: niet open in maart
    assert (j["aantal_aanvragen"], j["aantal_toegekend"], j["aantal_open"], j["toegekend_totaal"]) == (2, 2, 0, "2500.00")
    assert [p["maand"] for p in j["per_maand"]] == ["2026-03"]
    m, _ = monitor(reg, date(2026, 6, 1), None, vandaag=VANDAAG)
    assert (m.aantal_aanvragen, m.aantal_toegekend, m.aantal_open) == (1, 0, 1)
    assert "Sinds 1 juni 2026 is het doorbraakbudget niet ingezet." in monitor_tekst(m)


def test_per_maand_over_de_hele_periode_tot_vandaag(reg):
    """De maanden lopen over de gekozen periode, ook zonder besluit aan het begin en eind, maar niet voorbij de
    maand van vandaag; zonder periode van het eerste tot het laatste toegekende besluit."""
    m, _ = monitor(reg, date(2025, 11, 15), date(2026, 12, 31), vandaag=date(2026, 6, 30))
    assert [(p["maand"], p["aantal"], p["toegekend"]) for p in m.als_json()["per_maand"]] == [
        ("2025-11", 0, "0.00"), ("2025-12", 0, "0.00"), ("2026-01", 1, "1000.00"), ("2026-02", 0, "0.00"),
        ("2026-03", 2, "2500.00"), ("2026-04", 0, "0.00"), ("2026-05", 0, "0.00"), ("2026-06", 0, "0.00")]
    m, _ = monitor(reg, None, None, vandaag=VANDAAG)
    assert [p["maand"] for p in m.als_json()["per_maand"]] == ["2026-01", "2026-02", "2026-03"]
    m, _ = monitor(reg, date(2026, 1, 1), date(2026, 3, 31), vandaag=VANDAAG)
    assert [p["maand"] for p in m.als_json()["per_maand"]] == ["2026-01", "2026-02", "2026-03"]


def test_nacalculatie_telt_en_haalt_van_de_lijst(reg, tmp_path, monkeypatch):
    klok(monkeypatch, "2026-09-01")
    n = tmp_path / "n.json"
    n.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "casus_id": "M-1", "peildatum": "2026-08-31",
                             "maanden": 6, "uitkomst": "deels", "toelichting": "x", "werkelijke_uitgave": "900.00",
                             "kosten_met": [eigen_regel("2500.00")]}), encoding="utf-8")
    nacalculeer("M-1", n, reg, gebruiker=BERT)
    j = monitor(reg, vandaag=VANDAAG)[0].als_json()
    assert j["nog_na_te_calculeren"] == ["M-2"]
    # verwacht 10.000; gerealiseerd 10.000 − 2.500 = 7.500; graad 0,75; € 100,00 terug
    assert j["nacalculatie"] == {"aantal": 1, "verwacht_vermeden": "10000.00", "gerealiseerd_vermeden": "7500.00",
                                 "realisatiegraad": "0.75", "werkelijk_uitgegeven": "900.00", "vrijgevallen": "100.00"}
    assert j["budget"]["vrijgevallen"] == "100.00" and j["budget"]["beschikbaar"] == "96600.00"


def test_oudere_records_lezen_het_stuk(reg):
    """Records van vóór de monitor missen per_financier, leefgebieden en voorkomen: dan het vastgelegde stuk."""
    register = open_register(reg)
    st = register_stand(reg)
    nieuw = bereken_monitor(st, register.lees_stuk, vandaag=VANDAAG).als_json()
    for a in st.aanvragen:
        for sleutel in ("per_financier", "leefgebieden", "voorkomen"):
            del a.gegevens[sleutel]
    oud = bereken_monitor(st, register.lees_stuk, vandaag=VANDAAG).als_json()
    assert oud == nieuw


def test_opdrachtregel(reg, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(opslag, "systeemlogin", lambda: "bert")
    code, _, fout = conftest.draai(capsys, "monitor", "--register", reg, "--van", "2026-04-01", "--tot", "2026-03-01")
    assert code == 2 and "--van: 2026-04-01 ligt na --tot 2026-03-01" in fout
    code, _, fout = conftest.draai(capsys, "monitor", "--register", reg, "-o", tmp_path / "monitor.txt")
    assert code == 2 and "kies een bestand dat eindigt op .xlsx of .pdf" in fout
    code, _, fout = conftest.draai(capsys, "monitor", "--register", tmp_path / "weg")
    assert code == 2 and "niet bereikbaar" in fout
    code, uit, _ = conftest.draai(capsys, "monitor", "--register", reg)
    assert code == 0 and uit.startswith("Feiten en cijfers\n")
    assert "Nog na te calculeren (langer dan 6 maanden geleden goedgekeurd): M-1, M-2" in uit


def test_pandas_alleen_in_de_monitor():
    """De app en bereken laden pandas niet (het kost een halve seconde)."""
    import subprocess

    code = ("import sys, doorbraak.cli, doorbraak.diensten, doorbraak.domein.berekening, doorbraak.register.workflow; "
            "print('pandas' in sys.modules)")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert uit.strip() == "False"


def test_voorkomen_is_alleen_wat_zonder_doorbraak_meer_kost():
    """Hulp die met de doorbraak net zo goed doorgaat, is niet voorkomen (alleen het saldo zonder − met > 0)."""
    from doorbraak.register.workflow import voorkomen

    regels = [{"pad": "zonder_doorbraak[0]", "code": "WON-UITZETTING", "omschrijving": "Huisuitzetting", "bedrag": "8124.75"},
              {"pad": "zonder_doorbraak[1]", "code": "WMO-MW-CONTACT", "omschrijving": "Maatschappelijk werk", "bedrag": "844.86"},
              {"pad": "met_doorbraak[0]", "code": "WMO-MW-CONTACT", "omschrijving": "Maatschappelijk werk", "bedrag": "844.86"},
              {"pad": "zonder_doorbraak[2]", "code": None, "omschrijving": "Opvang  kinderen", "bedrag": "500.00"},
              {"pad": "met_doorbraak[1]", "code": None, "omschrijving": "opvang kinderen", "bedrag": "200.00"}]
    assert voorkomen(regels) == [{"code": "WON-UITZETTING", "omschrijving": "Huisuitzetting"},
                                 {"code": None, "omschrijving": "Opvang  kinderen"}]


def test_gemiddeld_per_toekenning_als_een_casus_er_meer_heeft(reg):
    m, _ = monitor(reg, vandaag=VANDAAG)  # M-2 heeft twee toekenningen: drie toekenningen, twee casussen
    assert "is het doorbraakbudget 3 keer ingezet, gemiddeld € 1.166,67 per toekenning" in " ".join(
        monitor_tekst(m).split())
