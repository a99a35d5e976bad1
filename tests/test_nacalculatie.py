"""Issue 13: de nacalculatie van een goedgekeurde casus. Elk bedrag is met de hand nagerekend."""

import json
import shutil
from decimal import Decimal as D

import pytest

from doorbraak.diensten import besluit, dien_in, nacalculeer, register_stand, toets
from doorbraak.domein.fouten import Weigering
from doorbraak.register import opslag
from tests import conftest
from tests.conftest import casusdata, eigen_regel
from tests.registerhulp import ANNA, BERT, MANAGER, nieuw_register


@pytest.fixture(autouse=True)
def klok(monkeypatch):
    """Alles op 1 december 2025: goedkeuring en nacalculatie op dezelfde dag (de peildatum mag niet ervoor)."""
    monkeypatch.setattr(opslag, "nu_utc", lambda: "2025-12-01T10:00:00.000000Z")


def draai(capsys, monkeypatch, login, *args):
    monkeypatch.setattr(opslag, "systeemlogin", lambda: login)
    return conftest.draai(capsys, *args)


@pytest.fixture
def opzet(tmp_path, testprijslijst, monkeypatch):
    """Een register met budget € 10.000 en één goedgekeurde casus N-1 van € 2.400,00:
    zonder doorbraak € 20.000,00; met doorbraak € 1.500,00 (2 × € 1.500,00 × kans 0,5), verwacht vermeden
    € 18.500,00."""
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    reg = nieuw_register(tmp_path / "register")
    casus = tmp_path / "N-1.json"
    casus.write_text(json.dumps(casusdata(
        casus_id="N-1", datum="2025-06-01",
        interventie=[{"omschrijving": "Huurachterstand betalen", "bedrag": "2400.00"}],
        zonder_doorbraak=[eigen_regel("20000.00", financier="gemeente (Wmo)")],
        met_doorbraak=[eigen_regel("1500.00", aantal="2", kans="0.5")])), encoding="utf-8")
    dien_in(casus, reg, gebruiker=ANNA)
    a, _ = toets("N-1", True, "akkoord", reg, gebruiker=BERT)
    assert a.status == "goedgekeurd"
    return reg, tmp_path


def schrijf(map_, naam, **velden):
    data = {"formaat": "doorbraak-nacalculatie/1", "casus_id": "N-1", "peildatum": "2025-12-01", "maanden": 6,
            "uitkomst": "bereikt", "toelichting": "Het gezin woont er nog; de schuld is gesaneerd.",
            "werkelijke_uitgave": "1950.00", "kosten_met": [eigen_regel("412.50", aantal="4")]} | velden
    pad = map_ / naam
    pad.write_text(json.dumps(data), encoding="utf-8")
    return pad


def test_vrijgevallen_budget_en_gerealiseerde_cijfers(opzet):
    reg, map_ = opzet
    record, g, _ = nacalculeer("N-1", schrijf(map_, "n6.json"), reg, gebruiker=MANAGER)
    # zonder: de vastgelegde verwachting € 20.000,00; met: 4 × € 412,50 = € 1.650,00
    assert g.verwacht_vermeden == D("18500.00")
    assert g.kosten_zonder == D("20000.00") and g.kosten_met == D("1650.00")
    assert g.gerealiseerd_vermeden == D("18350.00")  # 20.000,00 − 1.650,00
    assert g.gerealiseerd_netto == D("16400.00")  # 18.350,00 − 1.950,00
    assert g.vrijgevallen == D("450.00")  # 2.400,00 − 1.950,00
    d = record["gegevens"]
    assert (d["aanvraag"], d["maanden"], d["uitkomst"], d["vrijgevallen"]) == ("N-1-1", 6, "bereikt", "450.00")
    assert record["gebruiker"]["os_login"] == "marieke"  # elke coach mag het; de login staat erbij
    st = register_stand(reg)
    assert st.toegekend == D("2400.00") and st.vrijgevallen == D("450.00")
    assert st.beschikbaar == D("8050.00")  # 10.000,00 − 2.400,00 + 450,00


def test_bijgestelde_regels_en_de_laatste_telt(opzet):
    reg, map_ = opzet
    nacalculeer("N-1", schrijf(map_, "n6.json"), reg, gebruiker=ANNA)
    pad = schrijf(map_, "n12.json", maanden=12, uitkomst="deels",
                  werkelijke_uitgave="2400.00",
                  kosten_zonder_bijgesteld=[eigen_regel("1250.00", aantal="12", eenheid="maand", kans="0.8")],
                  reden_bijstelling="De verhuurder had al een ontruimingsvonnis; de opvang was korter dan gedacht.",
                  kosten_met=[eigen_regel("412.50", aantal="4"), {"prijs": "NORM", "aantal": "2"}])
    record, g, _ = nacalculeer("N-1", pad, reg, gebruiker=BERT)
    # zonder, bijgesteld: 12 × € 1.250,00 × 0,8 = € 12.000,00; met: € 1.650,00 + 2 × € 1.345,45 = € 4.340,90
    assert (g.kosten_zonder, g.kosten_met) == (D("12000.00"), D("4340.90"))
    assert g.gerealiseerd_vermeden == D("7659.10")
    assert g.gerealiseerd_netto == D("5259.10")  # 7.659,10 − 2.400,00
    assert g.vrijgevallen == D("0.00")
    st = register_stand(reg)
    assert st.nacalculatie("n-1")["volgnummer"] == record["volgnummer"]  # de laatste telt
    assert st.vrijgevallen == D("0.00") and st.beschikbaar == D("7600.00")
    soorten = [r["soort"] for r in __import__("doorbraak.diensten", fromlist=["x"]).open_register(reg).records()]
    assert soorten.count("nacalculatie") == 2  # de eerdere blijft in de keten
    assert record["gegevens"]["reden_bijstelling"].startswith("De verhuurder")


def test_prijzen_uit_de_goedkeuring_niet_uit_de_nieuwe_lijst(opzet, monkeypatch, tmp_path):
    reg, map_ = opzet
    casus = tmp_path / "P-1.json"  # gebruikt NORM (€ 1.345,45 per maand, vast bedrag): die prijs is vastgelegd
    casus.write_text(json.dumps(casusdata(casus_id="P-1", datum="2025-06-01",
                                          interventie=[{"omschrijving": "x", "bedrag": "1000.00"}],
                                          zonder_doorbraak=[{"prijs": "NORM", "aantal": "6"}])), encoding="utf-8")
    dien_in(casus, reg, gebruiker=ANNA)
    toets("P-1", True, "", reg, gebruiker=BERT)
    nieuw = tmp_path / "nieuwe-lijst"
    shutil.copytree(__import__("os").environ["DOORBRAAK_PRIJSLIJST"], nieuw)
    csv = nieuw / "prijslijst.csv"
    tekst = csv.read_text(encoding="utf-8")
    csv.write_text(tekst.replace("1345.45", "1500.00").replace("33.33", "40.00"), encoding="utf-8")
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(nieuw))
    record, g, _ = nacalculeer("P-1", schrijf(map_, "p.json", casus_id="P-1", werkelijke_uitgave="1000.00",
                                              kosten_met=[{"prijs": "NORM", "aantal": "3"},
                                                          {"prijs": "ZORG", "aantal": "10"}]), reg, gebruiker=ANNA)
    # NORM vastgelegd: 3 × € 1.345,45 = € 4.036,35 (niet 3 × € 1.500,00). ZORG gebruikte de casus niet: uit de
    # lijst in gebruik, € 40,00 in prijsjaar 2021, CPI-geïndexeerd met de vastgelegde indexcijfers
    from doorbraak.diensten import open_register
    from doorbraak.domein.prijslijst import prijslijst_uit_snapshot

    stuk = json.loads(open_register(reg).lees_stuk(
        next(a for a in register_stand(reg).aanvragen if a.casus_id == "P-1").gegevens["stuk"]))
    vast = prijslijst_uit_snapshot(stuk["prijslijst"])
    from doorbraak.domein.prijslijst import Prijslijst
    import dataclasses
    zorg = dataclasses.replace(vast.items["NORM"], code="ZORG", bedrag=D("40.00"), prijsjaar=2021, indexatie="cpi")
    _, prijs = Prijslijst({"ZORG": zorg}, vast.indexcijfers).eenheidsprijs(zorg, 2025)
    assert g.kosten_met == D("4036.35") + 10 * prijs
    assert g.kosten_zonder == D("8072.70")  # 6 × € 1.345,45, de vastgelegde verwachting
    assert record["gegevens"]["aanvullende_codes"] == ["ZORG"]


def test_hogere_uitgave_vraagt_een_nieuwe_aanvraag(opzet, capsys, monkeypatch):
    reg, map_ = opzet
    voor = register_stand(reg).aantal_records
    code, uit, fout = draai(capsys, monkeypatch, "anna", "nacalculatie", "N-1", "--register", reg, "--bestand",
                            schrijf(map_, "te-veel.json", werkelijke_uitgave="2400.01"))
    assert code == 3 and uit == ""
    assert "€ 2.400,01" in fout and "€ 0,01" in fout and "nieuwe aanvraag" in fout
    assert register_stand(reg).aantal_records == voor  # niets geschreven


def test_cli_schrijft_en_status_toont_vrijgevallen(opzet, capsys, monkeypatch):
    reg, map_ = opzet
    code, uit, _ = draai(capsys, monkeypatch, "bert", "nacalculatie", "N-1", "--register", reg, "--bestand",
                         schrijf(map_, "n.json"))
    assert code == 0
    regels = {r.split(":")[0].strip(): r.split(":", 1)[1].strip() for r in uit.splitlines()[1:]}
    assert regels["gerealiseerd vermeden"] == "€ 18.350,00" and regels["gerealiseerd netto"] == "€ 16.400,00"
    assert regels["vrijgevallen"] == "€ 450,00 (terug in de budgetpot)"
    code, uit, _ = draai(capsys, monkeypatch, "bert", "register", "status", "--register", reg)
    assert code == 0
    assert "toegekend € 2.400,00, vrijgevallen € 450,00, beschikbaar € 8.050,00" in uit
    assert "nacalculatie na 6 maanden (2025-12-01, bereikt)" in uit
    code, uit, _ = draai(capsys, monkeypatch, "bert", "register", "status", "--register", reg, "--json")
    data = json.loads(uit)
    assert (data["vrijgevallen"], data["beschikbaar"]) == ("450.00", "8050.00")
    assert data["casussen"][0]["nacalculatie"]["gerealiseerd_netto"] == "16400.00"
    code, uit, fout = draai(capsys, monkeypatch, "anna", "register", "verifieer", "--register", reg)
    assert code == 0, uit + fout


@pytest.mark.parametrize("velden, melding", [
    ({"maanden": 7}, "maanden: 7 is geen moment van nacalculatie (kies 6, 12, 24)"),
    ({"uitkomst": "half"}, "uitkomst: 'half' is geen uitkomst"),
    ({"kosten_zonder_bijgesteld": [eigen_regel("1.00")]}, "reden_bijstelling: ontbreekt"),
    ({"werkelijke_uitgave": "-5"}, "werkelijke_uitgave"),
    ({"casus_id": "N-2"}, "het bestand gaat over N-2, niet over N-1"),
    ({"peildatum": "2025-11-30"}, "peildatum: 2025-11-30 ligt vóór het besluit over N-1-1 (2025-12-01)"),
    ({"peildatum": "2025-12-02"}, "peildatum: 2025-12-02 ligt in de toekomst"),
    ({"kosten_zonder_bijgesteldd": [], "reden_bijstelling": "x"},
     "kosten_zonder_bijgesteldd: onbekend veld; bedoelt u kosten_zonder_bijgesteld?"),
])
def test_foute_invoer_exit_2(opzet, capsys, monkeypatch, velden, melding):
    reg, map_ = opzet
    voor = register_stand(reg).aantal_records
    code, uit, fout = draai(capsys, monkeypatch, "anna", "nacalculatie", "N-1", "--register", reg, "--bestand",
                            schrijf(map_, "fout.json", **velden))
    assert code == 2, fout
    assert melding in fout
    assert register_stand(reg).aantal_records == voor


def test_geen_goedkeuring_geen_nacalculatie(opzet, tmp_path):
    reg, map_ = opzet
    with pytest.raises(Weigering, match="er is geen aanvraag"):
        nacalculeer("N-9", schrijf(map_, "n9.json", casus_id="N-9"), reg, gebruiker=ANNA)
    open_casus = tmp_path / "N-2.json"
    open_casus.write_text(json.dumps(casusdata(casus_id="N-2", datum="2025-06-01")), encoding="utf-8")
    dien_in(open_casus, reg, gebruiker=ANNA)
    with pytest.raises(Weigering, match=r"de laatste aanvraag, N-2-1, is ingediend\); nacalculeren kan pas na"):
        nacalculeer("N-2", schrijf(map_, "n2.json", casus_id="N-2"), reg, gebruiker=BERT)
    toets("N-2", False, "niet nodig", reg, gebruiker=BERT)
    with pytest.raises(Weigering, match="N-2-1, is afgewezen"):
        nacalculeer("N-2", schrijf(map_, "n2.json", casus_id="N-2"), reg, gebruiker=BERT)


def test_oefening_niet_in_een_echt_register(opzet):
    reg, map_ = opzet
    with pytest.raises(Weigering, match="is een oefening; die kan niet in een echt register"):
        nacalculeer("N-1", schrijf(map_, "oef.json", oefening=True), reg, gebruiker=ANNA)


def test_oefenregister_vraagt_een_oefening(tmp_path, testprijslijst, monkeypatch):
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    reg = nieuw_register(tmp_path / "oefen", oefenregister=True)
    casus = tmp_path / "O-1.json"
    casus.write_text(json.dumps(casusdata(casus_id="O-1", oefening=True,
                                          zonder_doorbraak=[eigen_regel("5000.00")])), encoding="utf-8")
    dien_in(casus, reg, gebruiker=ANNA)
    toets("O-1", True, "", reg, gebruiker=BERT)
    with pytest.raises(Weigering, match="dit is een oefenregister"):
        nacalculeer("O-1", schrijf(tmp_path, "o.json", casus_id="O-1"), reg, gebruiker=ANNA)
    _, g, _ = nacalculeer("O-1", schrijf(tmp_path, "o.json", casus_id="O-1", oefening=True,
                                         werkelijke_uitgave="800.00", kosten_met=[]), reg, gebruiker=ANNA)
    assert (g.gerealiseerd_vermeden, g.vrijgevallen) == (D("5000.00"), D("200.00"))


def test_na_escalatie_telt_het_besluit(tmp_path, testprijslijst, monkeypatch):
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    reg = nieuw_register(tmp_path / "register", budget="20000")
    casus = tmp_path / "E-1.json"
    casus.write_text(json.dumps(casusdata(casus_id="E-1", interventie=[{"omschrijving": "x", "bedrag": "7000.00"}],
                                          zonder_doorbraak=[eigen_regel("30000.00")])), encoding="utf-8")
    dien_in(casus, reg, gebruiker=ANNA)
    toets("E-1", True, "", reg, gebruiker=BERT)
    with pytest.raises(Weigering, match="is geëscaleerd"):
        nacalculeer("E-1", schrijf(tmp_path, "e.json", casus_id="E-1"), reg, gebruiker=ANNA)
    besluit("E-1", True, "", reg, gebruiker=MANAGER)
    _, g, _ = nacalculeer("E-1", schrijf(tmp_path, "e.json", casus_id="E-1", werkelijke_uitgave="6500.00",
                                         kosten_met=[]), reg, gebruiker=ANNA)
    assert (g.gerealiseerd_netto, g.vrijgevallen) == (D("23500.00"), D("500.00"))
    assert register_stand(reg).beschikbaar == D("13500.00")  # 20.000 − 7.000 + 500


def test_nacalculatie_als_bytes_vastleggen_zoals_een_bestand(opzet):
    """De app legt het bestand vast als bytes (zonder tijdelijk bestand): dezelfde cijfers als `nacalculeer` met
    een bestand, en het stuk bewaart precies de tekst die is gecontroleerd."""
    from doorbraak.diensten import nacalculaties_van, nacalculeer_document, open_register
    from doorbraak.domein.nacalculatie import lees_nacalculatie, nacalculatie_als_bestand, nacalculatie_als_bytes

    reg, map_ = opzet
    pad = schrijf(map_, "n6.json", kosten_zonder_bijgesteld=[eigen_regel("1250.00", aantal="12", kans="0.8")],
                  reden_bijstelling="De opvang was korter.")
    n = lees_nacalculatie(pad)
    assert lees_nacalculatie_tekst_rond(nacalculatie_als_bestand(n)) == n  # heen en terug hetzelfde
    ruw = nacalculatie_als_bytes(n)
    record2, g2, _ = nacalculeer("N-1", pad, reg, gebruiker=ANNA)
    record, g, _ = nacalculeer_document("N-1", ruw, reg, gebruiker=ANNA, bron="Nacalculatie")
    assert g == g2 and g.kosten_zonder == D("12000.00") and g.gerealiseerd_vermeden == D("10350.00")
    vergelijk = ("verwacht_vermeden", "kosten_zonder", "kosten_met", "gerealiseerd_vermeden", "gerealiseerd_netto",
                 "toegekend", "vrijgevallen", "werkelijke_uitgave", "maanden", "peildatum", "reden_bijstelling")
    assert {k: record["gegevens"][k] for k in vergelijk} == {k: record2["gegevens"][k] for k in vergelijk}
    stuk = json.loads(open_register(reg).lees_stuk(record["gegevens"]["stuk"]))
    assert stuk["bestand"] == ruw.decode("utf-8")
    assert [r["volgnummer"] for r in nacalculaties_van("n-1", reg)] == [record2["volgnummer"], record["volgnummer"]]


def lees_nacalculatie_tekst_rond(d):
    from doorbraak.domein.nacalculatie import nacalculatie_uit_dict

    return nacalculatie_uit_dict(json.loads(json.dumps(d, default=str)))


def test_de_peildatum_voor_het_besluit_noemt_het_veld(opzet):
    from doorbraak.domein.fouten import InvoerFout

    reg, map_ = opzet
    with pytest.raises(InvoerFout) as fout:
        nacalculeer("N-1", schrijf(map_, "vroeg.json", peildatum="2025-11-30"), reg, gebruiker=ANNA)
    assert [(p.pad, p.melding) for p in fout.value.problemen] == [
        ("peildatum", "2025-11-30 ligt vóór het besluit over N-1-1 (2025-12-01)")]
