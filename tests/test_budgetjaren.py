"""Issue 13: budgetjaren. Een goedkeuring gaat ten laste van de pot van het jaar van haar besluit."""

import json
from decimal import Decimal as D

import pytest

from doorbraak.diensten import dien_in, maak_register, nacalculeer, open_budget, register_stand, toets
from doorbraak.domein.fouten import InvoerFout, Weigering
from doorbraak.register import opslag
from tests import conftest
from tests.conftest import casusdata, eigen_regel
from tests.registerhulp import ANNA, BERT, MANAGER

KOSTENPLAATS = "6.71.40 Doorbraakbudget"


def klok(monkeypatch, tijd):
    monkeypatch.setattr(opslag, "nu_utc", lambda: tijd)


def casus(map_, casus_id, bedrag):
    pad = map_ / f"{casus_id}.json"
    pad.write_text(json.dumps(casusdata(casus_id=casus_id, datum="2026-03-01",
                                        interventie=[{"omschrijving": "x", "bedrag": bedrag}],
                                        zonder_doorbraak=[eigen_regel("20000.00")])), encoding="utf-8")
    return pad


@pytest.fixture
def reg(tmp_path, monkeypatch, testprijslijst):
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    klok(monkeypatch, "2026-05-04T10:00:00.000000Z")
    map_ = tmp_path / "register"
    maak_register(map_, D("10000"), D("5000"), ["marieke"], namen={"marieke": "Marieke de Boer"}, gebruiker=ANNA,
                  budgetjaar=2026, kostenplaats=KOSTENPLAATS)
    dien_in(casus(tmp_path, "J-1", "4000.00"), map_, gebruiker=ANNA)
    toets("J-1", True, "", map_, gebruiker=BERT)
    return map_


def test_pot_per_jaar(reg, tmp_path, monkeypatch, capsys):
    st = register_stand(reg)
    assert (st.budgetjaar, st.budget, st.toegekend, st.beschikbaar) == (2026, D("10000"), D("4000.00"), D("6000.00"))
    # op 1 januari 2027 (Nederlandse tijd) is er nog geen pot 2027
    klok(monkeypatch, "2026-12-31T23:30:00.000000Z")
    dien_in(casus(tmp_path, "J-2", "3000.00"), reg, gebruiker=ANNA)
    with pytest.raises(Weigering, match=r"er is nog geen budgetpot voor 2027; .*register budget --jaar 2027"):
        toets("J-2", True, "", reg, gebruiker=BERT)
    with pytest.raises(Weigering, match="staat niet op de escalatielijst"):
        open_budget(reg, 2027, D("5000"), "begroting 2027", gebruiker=ANNA)
    with pytest.raises(InvoerFout, match="2029 kan niet"):
        open_budget(reg, 2029, D("5000"), "te vroeg", gebruiker=MANAGER)
    open_budget(reg, 2027, D("5000"), "begroting 2027 vastgesteld", gebruiker=MANAGER)
    a, _ = toets("J-2", True, "", reg, gebruiker=BERT)
    assert a.besluitjaar == 2027  # 23.30 uur UTC op 31 december is 0.30 uur op 1 januari in Nederland
    st = register_stand(reg)
    jaren = {j["jaar"]: j for j in st.jaren()}
    assert (jaren[2026]["budget"], jaren[2026]["toegekend"], jaren[2026]["beschikbaar"]) == (
        D("10000"), D("4000.00"), D("6000.00"))
    assert (jaren[2027]["budget"], jaren[2027]["toegekend"], jaren[2027]["beschikbaar"]) == (
        D("5000"), D("3000.00"), D("2000.00"))
    assert st.beschikbaar == D("2000.00")  # de pot van nu
    # een nacalculatie van J-1 (2026) geeft € 500,00 terug aan de pot van 2026, niet aan die van 2027
    n = tmp_path / "n.json"
    n.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "casus_id": "J-1", "peildatum": "2027-01-01",
                             "maanden": 6, "uitkomst": "bereikt", "toelichting": "gelukt",
                             "werkelijke_uitgave": "3500.00", "kosten_met": []}), encoding="utf-8")
    nacalculeer("J-1", n, reg, gebruiker=BERT)
    st = register_stand(reg)
    assert st.beschikbaar_in(2026) == D("6500.00") and st.beschikbaar_in(2027) == D("2000.00")
    with pytest.raises(Weigering, match=r"kan niet lager worden dan wat er al uit is toegekend \(€ 3.000,00\)"):
        open_budget(reg, 2027, D("2999.99"), "bezuiniging", gebruiker=MANAGER)
    # de status noemt elk jaar
    monkeypatch.setattr(opslag, "systeemlogin", lambda: "bert")
    code, uit, _ = conftest.draai(capsys, "register", "status", "--register", reg)
    assert code == 0
    assert f"budget 2027 (kostenplaats {KOSTENPLAATS}) € 5.000,00, toegekend € 3.000,00" in uit
    assert "  2026: budget € 10.000,00, toegekend € 4.000,00, vrijgevallen € 500,00, beschikbaar € 6.500,00" in uit
    assert "  2027: budget € 5.000,00, toegekend € 3.000,00, vrijgevallen € 0,00, beschikbaar € 2.000,00" in uit
    code, uit, _ = conftest.draai(capsys, "register", "status", "--register", reg, "--json")
    data = json.loads(uit)
    assert data["budgetjaar"] == 2027 and data["kostenplaats"] == KOSTENPLAATS
    assert data["budgetjaren"][0] == {"jaar": 2026, "budget": "10000.00", "toegekend": "4000.00",
                                      "vrijgevallen": "500.00", "beschikbaar": "6500.00"}
    code, uit, fout = conftest.draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 0, uit + fout  # ook de documenten met pot en kostenplaats worden byte voor byte nagemaakt


def test_budget_per_jaar_via_de_opdrachtregel(reg, capsys, monkeypatch):
    klok(monkeypatch, "2026-11-30T10:00:00.000000Z")
    monkeypatch.setattr(opslag, "systeemlogin", lambda: "marieke")
    code, uit, fout = conftest.draai(capsys, "register", "budget", "--register", reg, "--jaar", "2027",
                                     "--bedrag", "250000", "--reden", "begroting 2027")
    assert code == 0, fout
    assert "Budgetpot 2027: € 250.000,00" in uit
    code, _, fout = conftest.draai(capsys, "register", "instellen", "--register", reg, "--budget", "1",
                                   "--reden", "x")
    assert code == 2 and "register budget --jaar JJJJ" in fout
    monkeypatch.setattr(opslag, "systeemlogin", lambda: "anna")
    code, _, fout = conftest.draai(capsys, "register", "budget", "--register", reg, "--jaar", "2027",
                                   "--bedrag", "1", "--reden", "x")
    assert code == 3 and "escalatielijst" in fout
    with pytest.raises(SystemExit) as stop:
        conftest.draai(capsys, "register", "budget", "--register", reg, "--jaar", "27", "--bedrag", "1", "--reden", "x")
    assert stop.value.code == 2 and "'27' is geen jaar" in capsys.readouterr().err


def test_verantwoording_noemt_pot_en_kostenplaats(reg, tmp_path):
    from pypdfium2 import PdfDocument

    pdf = reg / "verantwoording" / "J-1-1.pdf"
    tekst = "".join(pagina.get_textpage().get_text_range() for pagina in PdfDocument(pdf))
    assert f"Ten laste van de budgetpot 2026, kostenplaats {KOSTENPLAATS}." in " ".join(tekst.split())


def test_zonder_budgetjaar_een_doorlopende_pot(tmp_path, monkeypatch, testprijslijst):
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    map_ = tmp_path / "register"
    maak_register(map_, D("10000"), D("5000"), ["marieke"], gebruiker=ANNA)
    klok(monkeypatch, "2026-05-04T10:00:00.000000Z")
    dien_in(casus(tmp_path, "J-1", "4000.00"), map_, gebruiker=ANNA)
    toets("J-1", True, "", map_, gebruiker=BERT)
    klok(monkeypatch, "2027-05-04T10:00:00.000000Z")
    dien_in(casus(tmp_path, "J-2", "3000.00"), map_, gebruiker=ANNA)
    toets("J-2", True, "", map_, gebruiker=BERT)
    st = register_stand(map_)
    assert (st.jaarmodus, st.toegekend, st.beschikbaar) == (False, D("7000.00"), D("3000.00"))
    with pytest.raises(InvoerFout, match="één doorlopende pot"):
        open_budget(map_, 2027, D("5000"), "x", gebruiker=MANAGER)
    # een kostenplaats kan ook bij één doorlopende pot
    st = maak_register(tmp_path / "r2", D("1"), D("1"), ["marieke"], gebruiker=ANNA, kostenplaats="6.71.40")
    assert (st.jaarmodus, st.instellingen.kostenplaats) == (False, "6.71.40")
