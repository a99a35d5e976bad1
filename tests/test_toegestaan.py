"""Wat mag deze gebruiker nu? De regels staan één keer in `waarom_niet_*`; de handelingen weigeren
met precies dezelfde reden. Ook: indienen en exporteren vanuit een casus in het geheugen (de GUI)."""

from datetime import datetime
import json
import subprocess
import sys
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from doorbraak.diensten import (
    bereken_casus, besluit, casus_uit_aanvraag, dien_casus_in, dien_in, open_prijslijst, register_stand,
    schrijf_casusspreadsheet, schrijf_casusspreadsheet_casus, schrijf_verantwoording, schrijf_verantwoording_casus,
    toets, uit_register,
)
from doorbraak.domein.casus import casus_naar_json, casus_uit_dict, lees_casus
from doorbraak.domein.fouten import Weigering
from doorbraak.register.map_register import MapRegister
from doorbraak.register.opslag import Gebruiker
from doorbraak.register.workflow import (
    AFGEWEZEN, GEESCALEERD, GOEDGEKEURD, INGEDIEND, waarom_niet_besluiten, waarom_niet_indienen, waarom_niet_toetsen,
)
from tests.conftest import PROJECT, VOORBEELDEN, casusdata, eigen_regel
from tests.registerhulp import ANNA, BERT, MANAGER, nieuw_register, schrijf_casus

CARLA = Gebruiker("carla", "carla", "pc-carla")


@pytest.fixture
def reg(tmp_path):
    return nieuw_register(tmp_path / "register")  # budget € 10.000, grens € 5.000, escalatie: login marieke (Marieke de Boer)


def casus(tmp_path, casus_id: str, bedrag: str):
    return lees_casus(schrijf_casus(tmp_path, casus_id, bedrag))


def geweigerd(map_, melding: str, handeling, *args, **kwargs) -> None:
    """De handeling op het register in `map_` weigert met precies deze melding en schrijft niets."""
    voor = len(MapRegister(map_).records())
    with pytest.raises(Weigering) as fout:
        handeling(*args, **kwargs)
    assert fout.value.melding == melding
    assert len(MapRegister(map_).records()) == voor


# ------------------------------------------------------------------ indienen


def test_oefencasus_niet_in_een_echt_register(reg):
    oefen = lees_casus(VOORBEELDEN / "huurachterstand.json")
    melding = "OEF-HUUR-01 is een oefencasus; die kan niet in een echt register"
    assert waarom_niet_indienen(register_stand(reg), oefen) == melding
    geweigerd(reg, melding, dien_casus_in, oefen, reg, gebruiker=ANNA)
    geweigerd(reg, melding, dien_in, VOORBEELDEN / "huurachterstand.json", reg, gebruiker=ANNA)


def test_echte_casus_niet_in_een_oefenregister(tmp_path):
    oefenreg = nieuw_register(tmp_path / "oefen", oefenregister=True)
    echt = casus(tmp_path, "ECHT-1", "10.00")
    melding = "dit is een oefenregister; ECHT-1 is geen oefencasus"
    assert waarom_niet_indienen(register_stand(oefenreg), echt) == melding
    geweigerd(oefenreg, melding, dien_casus_in, echt, oefenreg, gebruiker=ANNA)
    assert waarom_niet_indienen(register_stand(oefenreg), lees_casus(VOORBEELDEN / "huurachterstand.json")) is None


@pytest.mark.parametrize("stap, status", [(None, "ingediend"), ("toets", "geëscaleerd")])
def test_niet_twee_aanvragen_tegelijk_voor_dezelfde_casus(reg, tmp_path, stap, status):
    dien_in(schrijf_casus(tmp_path, "X-1", "6000.00"), reg, gebruiker=ANNA)
    if stap:
        toets("X-1", True, "", reg, gebruiker=BERT)
    melding = f"voor X-1 loopt al aanvraag X-1-1 ({status}); wacht op de toetsing of het besluit"
    nog_een = casus(tmp_path, "X-1", "100.00")
    assert waarom_niet_indienen(register_stand(reg), nog_een) == melding
    geweigerd(reg, melding, dien_casus_in, nog_een, reg, gebruiker=ANNA)
    # de schrijfwijze van het casus-id ontwijkt de regel niet
    assert waarom_niet_indienen(register_stand(reg), casus(tmp_path, "x-1", "100.00")).startswith("voor x-1 loopt al")


def test_interventie_van_nul_valt_pas_op_met_het_bedrag(reg, tmp_path):
    nul = casus(tmp_path, "N-1", "0.00")
    st = register_stand(reg)
    melding = "de interventie is € 0,00: er valt niets aan te vragen"
    assert waarom_niet_indienen(st, nul) is None  # zonder bedrag: nog niet berekend
    assert waarom_niet_indienen(st, nul, D("0.00")) == melding
    geweigerd(reg, melding, dien_casus_in, nul, reg, gebruiker=ANNA)
    assert waarom_niet_indienen(st, nul, D("0.01")) is None
    # de andere regels gaan voor: een lopende aanvraag wordt ook met een bedrag gemeld
    dien_in(schrijf_casus(tmp_path, "N-1", "5.00"), reg, gebruiker=ANNA)
    assert waarom_niet_indienen(register_stand(reg), nul, D("0.00")).startswith("voor N-1 loopt al aanvraag N-1-1")


def test_indienen_mag_en_na_een_afwijzing_weer(reg, tmp_path):
    c = casus(tmp_path, "OK-1", "100.00")
    assert waarom_niet_indienen(register_stand(reg), c) is None
    assert waarom_niet_indienen(register_stand(reg), c, D("100.00")) is None
    a, _ = dien_casus_in(c, reg, gebruiker=ANNA)
    toets("OK-1", False, "nog niet", reg, gebruiker=BERT)
    assert waarom_niet_indienen(register_stand(reg), c) is None
    a, _ = dien_casus_in(c, reg, gebruiker=ANNA)
    assert (a.aanvraag, a.status) == ("OK-1-2", INGEDIEND)


# ------------------------------------------------------------------ toetsen


def test_toetsen_zonder_open_aanvraag(reg, tmp_path):
    melding = "er is geen aanvraag voor X-1 in dit register"
    assert waarom_niet_toetsen(register_stand(reg), "X-1", BERT) == melding
    geweigerd(reg, melding, toets, "X-1", True, "", reg, gebruiker=BERT)
    dien_in(schrijf_casus(tmp_path, "X-1", "100.00"), reg, gebruiker=ANNA)
    toets("X-1", False, "", reg, gebruiker=BERT)
    melding = "de laatste aanvraag voor X-1 (X-1-1) is al afgewezen; er staat niets open"
    for akkoord in (True, False):
        assert waarom_niet_toetsen(register_stand(reg), "X-1", BERT, akkoord) == melding
        geweigerd(reg, melding, toets, "X-1", akkoord, "", reg, gebruiker=BERT)


def test_geescaleerde_aanvraag_wordt_niet_nog_eens_getoetst(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "C-2", "6000.00"), reg, gebruiker=ANNA)
    toets("C-2", True, "", reg, gebruiker=BERT)
    melding = "C-2-1 is al getoetst en geëscaleerd; nu beslist Marieke de Boer (marieke) ('doorbraak besluiten')"
    assert waarom_niet_toetsen(register_stand(reg), "C-2", CARLA) == melding
    geweigerd(reg, melding, toets, "C-2", True, "", reg, gebruiker=CARLA)


@pytest.mark.parametrize("akkoord", [True, False])
def test_indiener_toetst_niet_zelf(reg, tmp_path, akkoord):
    dien_in(schrijf_casus(tmp_path, "C-1", "100.00"), reg, gebruiker=ANNA)
    melding = "anna heeft C-1-1 zelf ingediend; een andere coach moet toetsen (vier ogen)"
    assert waarom_niet_toetsen(register_stand(reg), "C-1", ANNA, akkoord) == melding
    geweigerd(reg, melding, toets, "C-1", akkoord, "", reg, gebruiker=ANNA)
    assert waarom_niet_toetsen(register_stand(reg), "C-1", BERT, akkoord) is None


def test_toetsen_telt_het_budget_alleen_bij_goedkeuren_langs_vier_ogen(reg, tmp_path):
    for casus_id, bedrag in (("B-1", "4000.00"), ("B-2", "4000.00"), ("B-3", "2500.00")):
        dien_in(schrijf_casus(tmp_path, casus_id, bedrag), reg, gebruiker=ANNA)
    toets("B-1", True, "", reg, gebruiker=BERT)
    toets("B-2", True, "", reg, gebruiker=BERT)
    melding = "B-3-1 vraagt € 2.500,00, maar in de budgetpot is nog € 2.000,00 beschikbaar (van € 10.000,00)"
    assert waarom_niet_toetsen(register_stand(reg), "B-3", BERT) == melding
    geweigerd(reg, melding, toets, "B-3", True, "", reg, gebruiker=BERT)
    assert waarom_niet_toetsen(register_stand(reg), "B-3", BERT, akkoord=False) is None  # afkeuren mag altijd
    a, _ = toets("B-3", False, "past niet", reg, gebruiker=BERT)
    assert a.status == AFGEWEZEN


def test_escalerende_toetsing_kijkt_niet_naar_het_budget(tmp_path):
    reg = nieuw_register(tmp_path / "r", budget="3000")
    dien_in(schrijf_casus(tmp_path, "E-1", "6000.00"), reg, gebruiker=ANNA)
    assert waarom_niet_toetsen(register_stand(reg), "E-1", BERT) is None  # het besluit komt pas bij de escalatie
    a, _ = toets("E-1", True, "", reg, gebruiker=BERT)
    assert a.status == GEESCALEERD


def test_toetsen_mag(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "C-1", "2850.00"), reg, gebruiker=ANNA)
    st = register_stand(reg)
    assert waarom_niet_toetsen(st, "C-1", BERT) is None and waarom_niet_toetsen(st, "c-1", BERT, False) is None
    a, _ = toets("C-1", True, "", reg, gebruiker=BERT)
    assert a.status == GOEDGEKEURD


# ------------------------------------------------------------------ besluiten


def test_besluiten_zonder_open_aanvraag(reg, tmp_path):
    melding = "er is geen aanvraag voor X-1 in dit register"
    assert waarom_niet_besluiten(register_stand(reg), "X-1", MANAGER) == melding
    geweigerd(reg, melding, besluit, "X-1", True, "", reg, gebruiker=MANAGER)
    dien_in(schrijf_casus(tmp_path, "X-1", "100.00"), reg, gebruiker=ANNA)
    toets("X-1", True, "", reg, gebruiker=BERT)
    melding = "de laatste aanvraag voor X-1 (X-1-1) is al goedgekeurd; er staat niets open"
    assert waarom_niet_besluiten(register_stand(reg), "X-1", MANAGER, False) == melding
    geweigerd(reg, melding, besluit, "X-1", False, "", reg, gebruiker=MANAGER)


def test_besluiten_pas_na_de_escalatie(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "C-2", "6000.00"), reg, gebruiker=ANNA)
    melding = "C-2-1 wacht nog op de toetsing door een tweede coach ('doorbraak toetsen'); pas daarna volgt een besluit"
    assert waarom_niet_besluiten(register_stand(reg), "C-2", MANAGER) == melding
    geweigerd(reg, melding, besluit, "C-2", True, "", reg, gebruiker=MANAGER)


def test_alleen_wie_op_de_escalatielijst_staat_besluit(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "C-2", "6000.00"), reg, gebruiker=ANNA)
    toets("C-2", True, "", reg, gebruiker=BERT)
    melding = "carla mag niet over escalaties beslissen; dat mogen: Marieke de Boer (marieke)"
    for akkoord in (True, False):
        assert waarom_niet_besluiten(register_stand(reg), "C-2", CARLA, akkoord) == melding
        geweigerd(reg, melding, besluit, "C-2", akkoord, "", reg, gebruiker=CARLA)


def test_indiener_besluit_niet_over_eigen_aanvraag(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "C-3", "7000.00"), reg, gebruiker=MANAGER)
    toets("C-3", True, "", reg, gebruiker=BERT)
    melding = "Marieke de Boer (marieke) heeft C-3-1 zelf ingediend en mag er niet over beslissen"
    assert waarom_niet_besluiten(register_stand(reg), "C-3", MANAGER) == melding
    geweigerd(reg, melding, besluit, "C-3", True, "", reg, gebruiker=MANAGER)


def test_toetser_besluit_niet_ook(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "T-1", "7000.00"), reg, gebruiker=ANNA)
    toets("T-1", True, "", reg, gebruiker=MANAGER)
    melding = "Marieke de Boer (marieke) heeft T-1-1 al getoetst; het besluit neemt een ander (vier ogen, plus een derde bij escalatie)"
    assert waarom_niet_besluiten(register_stand(reg), "T-1", MANAGER) == melding
    geweigerd(reg, melding, besluit, "T-1", False, "", reg, gebruiker=MANAGER)


def test_besluiten_telt_het_budget_alleen_bij_goedkeuren(tmp_path):
    reg = nieuw_register(tmp_path / "r", budget="6000")
    dien_in(schrijf_casus(tmp_path, "E-1", "7000.00"), reg, gebruiker=ANNA)
    toets("E-1", True, "", reg, gebruiker=BERT)
    melding = "E-1-1 vraagt € 7.000,00, maar in de budgetpot is nog € 6.000,00 beschikbaar (van € 6.000,00)"
    assert waarom_niet_besluiten(register_stand(reg), "E-1", MANAGER) == melding
    geweigerd(reg, melding, besluit, "E-1", True, "", reg, gebruiker=MANAGER)
    assert waarom_niet_besluiten(register_stand(reg), "E-1", MANAGER, akkoord=False) is None
    a, _ = besluit("E-1", False, "te duur", reg, gebruiker=MANAGER)
    assert a.status == AFGEWEZEN


def test_besluiten_mag(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "C-2", "6000.00"), reg, gebruiker=ANNA)
    toets("C-2", True, "", reg, gebruiker=BERT)
    st = register_stand(reg)
    assert waarom_niet_besluiten(st, "C-2", MANAGER) is None
    assert waarom_niet_besluiten(st, "C-2", MANAGER, akkoord=False) is None
    a, _ = besluit("C-2", True, "", reg, gebruiker=MANAGER)
    assert a.status == GOEDGEKEURD


def test_de_regels_lezen_alleen(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "C-1", "100.00"), reg, gebruiker=ANNA)
    st = register_stand(reg)
    voor = (len(MapRegister(reg).records()), [a.status for a in st.aanvragen], st.beschikbaar)
    waarom_niet_indienen(st, casus(tmp_path, "C-1", "1.00"), D("1.00"))
    waarom_niet_toetsen(st, "C-1", BERT)
    waarom_niet_besluiten(st, "C-1", MANAGER)
    assert voor == (len(MapRegister(reg).records()), [a.status for a in st.aanvragen], st.beschikbaar)


# ------------------------------------------------------------------ vanuit het geheugen (de GUI)


def test_dien_casus_in_zonder_bestand(reg):
    data = casusdata(casus_id="GEH-1", datum="2025-06-01",
                     interventie=[{"omschrijving": "Borg", "bedrag": "1250.00", "categorie": "wonen"}],
                     zonder_doorbraak=[eigen_regel("20000.00", financier="gemeente (Wmo)")])
    c = casus_uit_dict(data)
    a, melding = dien_casus_in(c, reg, gebruiker=ANNA)
    assert (a.aanvraag, a.status, a.route, a.bedrag, a.titel) == ("GEH-1-1", INGEDIEND, "vier-ogen", D("1250.00"),
                                                                 "Testcasus")
    assert a.indiener["naam"] == "anna" and a.gegevens["categorieen"] == ["wonen"] and melding == ""
    stuk = json.loads(MapRegister(reg).lees_stuk(a.gegevens["stuk"]))
    assert stuk["casus_json"] == casus_naar_json(c)
    assert (reg / "register.xlsx").is_file()
    # dezelfde casus als bestand geeft dezelfde vastgelegde gegevens
    tweede = nieuw_register(reg.parent / "tweede")
    pad = reg.parent / "GEH-1.json"
    pad.write_text(casus_naar_json(c), encoding="utf-8")
    b, _ = dien_in(pad, tweede, gebruiker=ANNA)
    assert b.gegevens == a.gegevens


def test_uit_register_en_casus_uit_aanvraag(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "U-1", "300.00"), reg, gebruiker=ANNA)
    toets("U-1", False, "", reg, gebruiker=BERT)
    dien_in(schrijf_casus(tmp_path, "U-1", "200.00"), reg, gebruiker=ANNA)
    st = register_stand(reg)
    casus_, bc, spoor = uit_register("U-1", reg)
    assert (casus_.casus_id, bc.interventie_totaal, spoor.aanvraag, spoor.status) == ("U-1", D("200.00"), "U-1-2",
                                                                                      INGEDIEND)
    eerste = st.van_casus("U-1")[0]
    for register in (reg, MapRegister(reg), str(reg)):
        _, bc, spoor = casus_uit_aanvraag(st, eerste, register)
        assert (bc.interventie_totaal, spoor.aanvraag, spoor.status) == (D("300.00"), "U-1-1", AFGEWEZEN)
        assert [s.rol for s in spoor.stappen] == ["ingediend", "getoetst"]


def test_verantwoording_en_spreadsheet_uit_het_geheugen(reg, tmp_path):
    pad = schrijf_casus(tmp_path, "EXP-1", "1234.56")
    c = lees_casus(pad)
    bc = bereken_casus(c, open_prijslijst())
    uit = schrijf_verantwoording_casus(c, bc, tmp_path / "v.pdf")
    assert uit == tmp_path / "v.pdf" and uit.read_bytes().startswith(b"%PDF")
    # dezelfde code als de bestandsroute: byte-identiek
    assert schrijf_verantwoording(pad, tmp_path / "w.pdf").read_bytes() == uit.read_bytes()

    assert schrijf_casusspreadsheet_casus(c, bc, tmp_path / "c.xlsx") == []
    rijen = {r[0]: r[1] for r in load_workbook(tmp_path / "c.xlsx")["Samenvatting"].iter_rows(values_only=True)}
    assert isinstance(rijen["interventie"], (int, float)) and D(str(rijen["interventie"])) == D("1234.56")
    assert "aanvraag" not in rijen
    schrijf_casusspreadsheet(pad, tmp_path / "d.xlsx")
    rijen_bestand = {r[0]: r[1] for r in load_workbook(tmp_path / "d.xlsx")["Samenvatting"].iter_rows(values_only=True)}
    assert rijen_bestand == rijen


def test_export_uit_het_geheugen_met_besluitspoor(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "S-1", "2850.00"), reg, gebruiker=ANNA)
    toets("S-1", True, "akkoord", reg, gebruiker=BERT)
    st = register_stand(reg)
    c, bc, spoor = casus_uit_aanvraag(st, st.laatste("S-1"), reg)
    data = schrijf_verantwoording_casus(c, bc, tmp_path / "s.pdf", spoor).read_bytes()
    assert data.startswith(b"%PDF")
    assert data == schrijf_verantwoording("S-1", tmp_path / "t.pdf", reg).read_bytes()
    schrijf_casusspreadsheet_casus(c, bc, tmp_path / "s.xlsx", spoor)
    rijen = {r[0]: r[1] for r in load_workbook(tmp_path / "s.xlsx")["Samenvatting"].iter_rows(values_only=True)}
    assert (rijen["aanvraag"], rijen["status"]) == ("S-1-1", GOEDGEKEURD)
    assert rijen["getoetst door"] == "bert"
    assert isinstance(rijen["getoetst op (Nederlandse tijd)"], datetime)  # een echte datum, geen ISO-tekst
    assert D(str(rijen["interventie"])) == D("2850.00")


def test_diensten_laden_geen_zware_exportpakketten():
    code = ("import doorbraak.diensten, sys;"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'pikepdf'}))")
    r = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
