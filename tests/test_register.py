"""Issue 4: het register. Elke regel heeft een test die zonder die regel zou falen."""

import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import time
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from doorbraak.cli import main
from doorbraak.diensten import besluit, dien_in, register_stand, toets
from doorbraak.domein.fouten import Weigering
from doorbraak.register import map_register, opslag
from doorbraak.register.map_register import SLOT, MapRegister, RegisterBezet, RegisterFout
from doorbraak.register.opslag import Gebruiker, recordhash
from tests import conftest
from tests.conftest import PROJECT
from tests.registerhulp import ANNA, BERT, maak_tegelijk, nieuw_register, schrijf_casus


def draai(capsys, *args, gebruiker=None, monkeypatch=None):
    """In dit proces, als de login `gebruiker` (de echte OS-gebruikers staan in test_personen.py)."""
    if gebruiker is not None:
        monkeypatch.setattr(opslag, "systeemlogin", lambda: gebruiker.lower())
    return conftest.draai(capsys, *args)


@pytest.fixture
def reg(tmp_path):
    return nieuw_register(tmp_path / "register")


# ------------------------------------------------------------------ aanmaken en identiteit


def test_init_via_cli_en_weigeringen(tmp_path, capsys, monkeypatch):
    code, uit, _ = draai(capsys, "register", "init", tmp_path / "r", "--budget", "200.000,00", "--limiet", "5000",
                         "--escalatie", "marieke, tl", "--naam", "tl=Teamleider Jeugd", gebruiker="anna",
                         monkeypatch=monkeypatch)
    assert code == 0 and "budget € 200.000,00" in uit and "escalatie: marieke, Teamleider Jeugd (tl)" in uit
    (record,) = MapRegister(tmp_path / "r").records()
    assert record["gebruiker"]["naam"] == "anna" and record["gebruiker"]["machine"] == socket.gethostname()
    code, _, err = draai(capsys, "register", "init", tmp_path / "r", "--budget", "1", "--escalatie", "x")
    assert code == 2 and "de map bestaat al en is niet leeg" in err
    code, _, err = draai(capsys, "register", "init", tmp_path / "r2", "--budget", "0", "--escalatie", "x")
    assert code == 2 and "--budget: moet groter zijn dan € 0,00" in err
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    code, _, err = draai(capsys, "register", "init", tmp_path / "bestand", "--budget", "1", "--escalatie", "x")
    assert code == 2 and "is een bestand, geen map" in err


def test_wie_handelt_is_de_login_en_geen_omgevingsvariabele(monkeypatch):
    import pwd

    from doorbraak.register.opslag import huidige_gebruiker, systeemlogin

    echt = pwd.getpwuid(os.geteuid()).pw_name
    for naam in ("DOORBRAAK_GEBRUIKER", "LOGNAME", "USER", "USERNAME"):
        monkeypatch.setenv(naam, "teamleider")  # niets hiervan maakt van deze gebruiker een ander
    g = huidige_gebruiker()
    assert systeemlogin() == echt and (g.naam, g.os_login, g.machine) == (echt, echt, socket.gethostname())


def test_uid_zonder_naam_is_toch_een_geverifieerde_login(monkeypatch):
    import pwd

    def onbekend(uid):
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", onbekend)
    monkeypatch.setenv("USER", "teamleider")
    assert opslag.systeemlogin() == f"uid-{os.geteuid()}"


def test_op_windows_het_domeinaccount_uit_de_windows_api(monkeypatch):
    """Op Windows komt de login van GetUserNameExW (DOMEIN\\gebruiker), niet uit USERNAME."""
    import ctypes

    class Secur32:
        def GetUserNameExW(self, soort, buffer, grootte):  # noqa: N802 - de naam van de Windows-API
            assert soort == 2  # NameSamCompatible
            buffer.value = "GEMEENTE\\anna"
            return 1

    class Windll:
        secur32 = Secur32()

    monkeypatch.setattr(ctypes, "windll", Windll(), raising=False)
    monkeypatch.setenv("USERNAME", "teamleider")
    assert opslag._windowslogin() == "GEMEENTE\\anna"


def test_twee_namen_op_dezelfde_login_zijn_een_persoon(reg, tmp_path, monkeypatch):
    monkeypatch.setattr(opslag, "systeemlogin", lambda: "gedeeld")
    monkeypatch.setenv("DOORBRAAK_GEBRUIKER", "anna")
    dien_in(schrijf_casus(tmp_path, "G-1", "10.00"), reg)
    monkeypatch.setenv("DOORBRAAK_GEBRUIKER", "bob")
    with pytest.raises(Weigering, match="gedeeld heeft G-1-1 zelf ingediend"):
        toets("G-1", True, "", reg)
    # en een naam die een aanroeper meegeeft, telt niet: alleen de login
    with pytest.raises(Weigering, match="gedeeld heeft G-1-1 zelf ingediend"):
        toets("G-1", True, "", reg, gebruiker=Gebruiker("Bob", "gedeeld", "pc-bob"))


def test_het_register_noemt_iemand_met_zijn_naam_en_login(reg, tmp_path):
    """De naam in een record komt uit de instellingen van het register, niet van wie handelt."""
    a, _ = dien_in(schrijf_casus(tmp_path, "N-1", "6000.00"), reg, gebruiker=Gebruiker("De Baas", "anna", "pc-anna"))
    assert a.indiener == {"naam": "anna", "os_login": "anna", "machine": "pc-anna"}
    toets("N-1", True, "", reg, gebruiker=BERT)
    a, _ = besluit("N-1", True, "", reg, gebruiker=Gebruiker("wie dan ook", "marieke", "pc-m"))
    assert a.besluit["gebruiker"] == {"naam": "Marieke de Boer", "os_login": "marieke", "machine": "pc-m"}


# ------------------------------------------------------------------ register.xlsx (de workflow zelf: test_register_gedeeld.py)


def test_register_xlsx_na_de_workflow(reg, tmp_path, capsys, monkeypatch):
    casus = schrijf_casus(tmp_path, "K-1", "6000.00")
    code, uit, _ = draai(capsys, "indienen", casus, "--register", reg, gebruiker="anna", monkeypatch=monkeypatch)
    assert code == 0
    code, uit, _ = draai(capsys, "toetsen", "K-1", "--register", reg, "--akkoord", "--reden", "prima",
                         gebruiker="bert", monkeypatch=monkeypatch)
    assert code == 0
    code, uit, _ = draai(capsys, "besluiten", "K-1", "--register", reg, "--akkoord", "--reden", "akkoord MT",
                         gebruiker="Marieke", monkeypatch=monkeypatch)
    assert code == 0 and "status goedgekeurd" in uit
    ws = load_workbook(reg / "register.xlsx")["Aanvragen"]
    kop = [c.value for c in ws[1]]
    rij = {kop[i]: cel.value for i, cel in enumerate(ws[2])}
    assert (rij["casus_id"], rij["status"], rij["bedrag"], rij["besloten_door"]) == ("K-1", "goedgekeurd", 6000, "Marieke de Boer (marieke)")
    budget = {r[0].value: r[1].value for r in load_workbook(reg / "register.xlsx")["Budget"].iter_rows()}
    assert (budget["toegekend"], budget["beschikbaar"]) == (6000, 4000)


def test_register_xlsx_open_in_excel_verliest_niets(reg, tmp_path, capsys, monkeypatch):
    echt = os.replace

    def excel_houdt_open(bron, doel, *a, **k):
        if str(doel).endswith("register.xlsx"):
            raise PermissionError(13, "in gebruik")
        return echt(bron, doel, *a, **k)

    monkeypatch.setattr(os, "replace", excel_houdt_open)
    code, uit, err = draai(capsys, "indienen", schrijf_casus(tmp_path, "E-1", "10.00"), "--register", reg,
                           gebruiker="anna", monkeypatch=monkeypatch)
    assert code == 0 and "Ingediend" in uit
    assert "de wijziging IS vastgelegd in het register, maar register.xlsx is NIET bijgewerkt" in err
    assert "doorbraak register exporteer" in err
    assert [a.casus_id for a in register_stand(reg).aanvragen] == ["E-1"]
    monkeypatch.setattr(os, "replace", echt)
    code, uit, _ = draai(capsys, "register", "exporteer", "--register", reg, "-o", reg / "register.xlsx")
    assert code == 0 and load_workbook(reg / "register.xlsx")["Aanvragen"]["B2"].value == "E-1"


def test_onbereikbaar_register(tmp_path, capsys):
    code, _, err = draai(capsys, "register", "status", "--register", tmp_path / "weg")
    assert code == 2 and "de registermap is niet bereikbaar" in err
    code, _, err = draai(capsys, "indienen", schrijf_casus(tmp_path, "Z-1", "10.00"), "--register", tmp_path / "weg")
    assert code == 2 and "niet bereikbaar" in err
    (tmp_path / "leeg").mkdir()
    code, _, err = draai(capsys, "register", "status", "--register", tmp_path / "leeg")
    assert code == 2 and "dit is geen register" in err


# ------------------------------------------------------------------ verifieer


def test_verifieer_vindt_elke_wijziging(reg, tmp_path, capsys):
    for i in range(3):
        dien_in(schrijf_casus(tmp_path, f"V-{i}", "100.00"), reg, gebruiker=ANNA)
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 0 and "4 records, keten in orde" in uit

    def kopie(naam):
        doel = tmp_path / naam
        shutil.copytree(reg, doel)
        return doel

    r = kopie("gewijzigd")
    pad = r / "records" / "000000000003.json"
    pad.write_text(pad.read_text(encoding="utf-8").replace('"100.00"', '"10.00"', 1), encoding="utf-8")
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", r)
    assert code == 1 and "record 3 is gewijzigd: de inhoud past niet bij zijn hash" in uit

    r = kopie("verwijderd")
    (r / "records" / "000000000002.json").unlink()
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", r)
    assert code == 1 and "record 2 ontbreekt" in uit and "record 3 verwijst niet naar het record ervoor" in uit

    r = kopie("verwisseld")
    a, b = r / "records" / "000000000002.json", r / "records" / "000000000003.json"
    a.rename(r / "tmp")
    b.rename(a)
    (r / "tmp").rename(b)
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", r)
    assert code == 1 and "record 2 draagt volgnummer 3" in uit and "record 3 draagt volgnummer 2" in uit

    r = kopie("opnieuw-gehasht")  # ook wie de hash bijwerkt, breekt de keten naar het volgende record
    pad = r / "records" / "000000000002.json"
    record = json.loads(pad.read_text(encoding="utf-8"))
    record["gegevens"]["bedrag"] = "1.00"
    record["hash"] = recordhash(record)
    pad.write_text(json.dumps(record), encoding="utf-8")
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", r)
    assert code == 1 and "record 3 verwijst niet naar het record ervoor" in uit

    r = kopie("stuk")
    stuk = next((r / "stukken").iterdir())
    stuk.write_bytes(stuk.read_bytes().replace(b"Interventie", b"Iets anders"))
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", r)
    assert code == 1 and "het stuk van record" in uit and "is gewijzigd" in uit


def test_schrijven_op_een_gewijzigd_register_wordt_geweigerd(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "W-1", "100.00"), reg, gebruiker=ANNA)
    pad = reg / "records" / "000000000002.json"
    pad.write_text(pad.read_text(encoding="utf-8").replace('"100.00"', '"1.00"', 1), encoding="utf-8")
    with pytest.raises(RegisterFout, match="record 2 is gewijzigd, verwijderd of verplaatst. Er wordt niets uit dit register gemeld of aan toegevoegd"):
        toets("W-1", True, "", reg, gebruiker=BERT)


# ------------------------------------------------------------------ slot, restanten, gelijktijdigheid


def _slot(reg, **inhoud):
    (reg / SLOT).write_text(json.dumps({"token": "t", "naam": "carla", "machine": socket.gethostname(),
                                        "pid": os.getpid(), "tijd": "nu", "sinds": time.time()} | inhoud),
                            encoding="utf-8")


def test_bezet_slot_geeft_een_duidelijke_melding(reg, tmp_path):
    _slot(reg)  # dit proces leeft en het slot is vers
    register = MapRegister(reg, wachttijd=0.2)
    with pytest.raises(RegisterBezet, match="het register is bezet door carla op .* sinds nu; probeer het zo opnieuw"):
        with register.exclusief(ANNA):
            pass
    assert (reg / SLOT).exists()


def test_verlopen_slot_wordt_overgenomen(reg, tmp_path):
    dood = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    _slot(reg, pid=int(dood.stdout))  # proces op deze machine bestaat niet meer
    dien_in(schrijf_casus(tmp_path, "S-1", "10.00"), reg, gebruiker=ANNA)
    _slot(reg, machine="andere-pc", sinds=time.time() - 3600)  # ander apparaat, een uur oud
    dien_in(schrijf_casus(tmp_path, "S-2", "10.00"), reg, gebruiker=ANNA)
    assert not (reg / SLOT).exists() and len(register_stand(reg).aanvragen) == 2


def test_restanten_worden_genegeerd_en_opgeruimd(reg, tmp_path):
    (reg / "records" / ".000000000002.json.abc.tmp").write_text('{"half', encoding="utf-8")
    (reg / "stukken" / ".x.json.def.tmp").write_bytes(b"half")
    assert len(MapRegister(reg).records()) == 1 and MapRegister(reg).verifieer() == []
    with MapRegister(reg, opruim_na=0).exclusief(ANNA) as sessie:
        sessie.voeg_toe("notitie", {"tekst": "opruimen"}, ANNA)
    assert sorted(p.name for p in (reg / "records").iterdir()) == ["000000000001.json", "000000000002.json"]
    assert list((reg / "stukken").iterdir()) == []


SCHRIJVER = """
import sys, os
from doorbraak.register.map_register import MapRegister
from doorbraak.register.opslag import Gebruiker
ik = Gebruiker("schrijver", "schrijver", "pc")
register = MapRegister(sys.argv[1], opruim_na=0)
i = 0
while True:
    with register.exclusief(ik) as sessie:
        sleutel = sessie.bewaar_stuk(os.urandom(20000).hex().encode())
        sessie.voeg_toe("notitie", {"i": i, "stuk": sleutel, "vulling": "x" * 5000}, ik)
    i += 1
"""


def test_afgebroken_schrijvers_laten_een_leesbaar_en_kloppend_register_achter(reg, tmp_path):
    import random

    script = tmp_path / "schrijver.py"
    script.write_text(SCHRIJVER, encoding="utf-8")
    omgeving = dict(os.environ, PYTHONPATH=str(PROJECT))
    rng = random.Random(20261123)
    for _ in range(25):
        p = subprocess.Popen([sys.executable, str(script), str(reg)], env=omgeving)
        time.sleep(0.25 + rng.random() * 0.35)  # opstarten en dan op een willekeurig moment doden
        p.kill()
        p.wait()
        map_register._GELEZEN.clear()
        assert MapRegister(reg).verifieer() == []
        records = MapRegister(reg).records()
        assert [r["volgnummer"] for r in records] == list(range(1, len(records) + 1))
    aantal = len(MapRegister(reg).records())
    assert aantal > 25  # er is echt geschreven
    # de volgende schrijver neemt het achtergebleven slot over en ruimt restanten op
    with MapRegister(reg, opruim_na=0).exclusief(ANNA) as sessie:
        sessie.voeg_toe("notitie", {"na": "het breken"}, ANNA)
    assert not (reg / SLOT).exists()
    assert not [p for p in (reg / "records").iterdir() if p.name.endswith(".tmp")]
    assert not [p for p in (reg / "stukken").iterdir() if p.name.endswith(".tmp")]
    assert MapRegister(reg).verifieer() == [] and len(MapRegister(reg).records()) == aantal + 1


# ------------------------------------------------------------------ tweede lezing


def test_tweede_init_in_hetzelfde_register_wordt_geweigerd(reg, tmp_path):
    with pytest.raises(RegisterFout, match="niet leeg"):
        MapRegister(reg).maak({"budget": "1.00"}, BERT)
    # acht processen die tegelijk hetzelfde register maken: er komt er precies één
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        uitkomsten = pool.map(maak_tegelijk, [(str(tmp_path / "samen"), i) for i in range(8)])
    assert sum(u == "gemaakt" for u in uitkomsten) == 1, uitkomsten
    assert all(u == "gemaakt" or "niet leeg" in u or "zojuist al een register" in u for u in uitkomsten)
    map_register._GELEZEN.clear()
    assert len(MapRegister(tmp_path / "samen").records()) == 1


def test_afgebroken_init_kan_opnieuw(tmp_path):
    (tmp_path / "r" / "records").mkdir(parents=True)
    (tmp_path / "r" / "stukken").mkdir()
    nieuw_register(tmp_path / "r")
    assert register_stand(tmp_path / "r").instellingen.budget == D("10000.00")


def test_laatste_record_weghalen_valt_op(reg, tmp_path, capsys):
    dien_in(schrijf_casus(tmp_path, "L-1", "6000.00"), reg, gebruiker=ANNA)
    toets("L-1", True, "", reg, gebruiker=BERT)
    (reg / "records" / "000000000003.json").unlink()
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 1 and "het register telde 3 records, er zijn er nog 2" in uit
    with pytest.raises(RegisterFout, match=r"het register telde 3 records \(kop.json\) en nu 2"):
        toets("L-1", True, "", reg, gebruiker=BERT)
    # ook lezen meldt niets uit een register waaruit records zijn verdwenen
    for opdracht in (["register", "status", "--register", reg], ["register", "status", "--register", reg, "--json"],
                     ["register", "exporteer", "--register", reg, "-o", tmp_path / "x.xlsx"],
                     ["pdf", "L-1", "--register", reg, "-o", tmp_path / "x.pdf"]):
        code, uit, err = draai(capsys, *opdracht)
        assert code == 2 and uit == "" and "het register telde 3 records (kop.json) en nu 2" in err, opdracht
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pdf").exists()


def test_op_een_gewijzigd_ouder_record_wordt_niet_voortgebouwd(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "BIG", "6000.00"), reg, gebruiker=ANNA)
    dien_in(schrijf_casus(tmp_path, "SM-1", "10.00"), reg, gebruiker=ANNA)
    pad = reg / "records" / "000000000002.json"
    pad.write_text(pad.read_text(encoding="utf-8").replace('"6000.00"', '"600.00"'), encoding="utf-8")
    with pytest.raises(RegisterFout, match="record 2 is gewijzigd, verwijderd of verplaatst"):
        toets("BIG", True, "", reg, gebruiker=BERT)


def test_gewijzigd_stuk_wordt_niet_hergebruikt(reg, tmp_path):
    register = MapRegister(reg)
    with register.exclusief(ANNA) as sessie:
        sleutel = sessie.bewaar_stuk(b'{"a": 1}')
    (reg / "stukken" / f"{sleutel}.json").write_bytes(b'{"a": 2}')
    with pytest.raises(RegisterFout, match="is gewijzigd"):
        with register.exclusief(ANNA) as sessie:
            sessie.bewaar_stuk(b'{"a": 1}')


def test_verifieer_van_een_onbereikbaar_register_is_exitcode_2(tmp_path, capsys):
    code, _, err = draai(capsys, "register", "verifieer", "--register", tmp_path / "weg")
    assert code == 2 and "niet bereikbaar" in err


def test_vers_slot_van_een_andere_machine_wordt_gerespecteerd(reg):
    _slot(reg, machine="andere-pc", pid=1)
    with pytest.raises(RegisterBezet, match="bezet door carla op andere-pc"):
        with MapRegister(reg, wachttijd=0.3).exclusief(ANNA):
            pass


def test_slot_dat_niet_weg_kan_geeft_na_de_wachttijd_een_melding(reg, monkeypatch):
    _slot(reg, machine="andere-pc", sinds=time.time() - 3600)
    echt = os.unlink

    def geen_recht(pad, *a, **k):
        if str(pad).endswith(SLOT):
            raise PermissionError(13, "geen recht")
        return echt(pad, *a, **k)

    monkeypatch.setattr(os, "unlink", geen_recht)
    begin = time.monotonic()
    with pytest.raises(RegisterBezet, match="een verlopen slot .* kon niet worden weggehaald"):
        with MapRegister(reg, wachttijd=0.5).exclusief(ANNA):
            pass
    assert time.monotonic() - begin < 5


def test_afgebroken_breker_wordt_herkend(reg, tmp_path):
    dood = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dood.stdout)
    _slot(reg, pid=pid)
    (reg / "register.lock.breken").write_text(json.dumps({"machine": socket.gethostname(), "pid": pid,
                                                          "sinds": time.time()}), encoding="utf-8")
    begin = time.monotonic()
    dien_in(schrijf_casus(tmp_path, "BR-1", "10.00"), reg, gebruiker=ANNA)
    assert time.monotonic() - begin < 5 and not (reg / "register.lock.breken").exists()


def test_restant_van_register_xlsx_wordt_opgeruimd(reg, tmp_path):
    (reg / ".register.abc.xlsx.tmp").write_bytes(b"half")
    with MapRegister(reg, opruim_na=0).exclusief(ANNA) as sessie:
        sessie.voeg_toe("notitie", {}, ANNA)
    assert not (reg / ".register.abc.xlsx.tmp").exists()


def test_opnieuw_gemaakt_register_in_hetzelfde_proces(tmp_path):
    nieuw_register(tmp_path / "r", budget="1000")
    assert register_stand(tmp_path / "r").instellingen.budget == D("1000.00")
    shutil.rmtree(tmp_path / "r")
    nieuw_register(tmp_path / "r", budget="250000")
    assert register_stand(tmp_path / "r").instellingen.budget == D("250000.00")


def test_beschadigd_register_geeft_exitcode_2(reg, tmp_path, capsys, monkeypatch):
    dien_in(schrijf_casus(tmp_path, "D-1", "10.00"), reg, gebruiker=ANNA)
    pad = reg / "records" / "000000000002.json"
    record = json.loads(pad.read_text(encoding="utf-8"))
    record["gegevens"]["bedrag"] = "veel"
    record["hash"] = recordhash(record)
    pad.write_text(json.dumps(record), encoding="utf-8")
    (reg / "kop.json").unlink()
    opdrachten = (["register", "status", "--register", reg],
                  ["register", "exporteer", "--register", reg, "-o", tmp_path / "x.xlsx"])
    for opdracht in opdrachten:  # wie record 2 zag, ziet dat het anders is (ook met een nieuwe hash)
        code, _, err = draai(capsys, *opdracht)
        assert code == 2 and "dit register wijkt af van wat u eerder zag: tot en met record 1" in err
    monkeypatch.setenv("DOORBRAAK_DATA", str(tmp_path / "iemand-anders"))
    for opdracht in opdrachten:  # wie het nooit zag, struikelt over de inhoud
        code, _, err = draai(capsys, *opdracht)
        assert code == 2 and "niet te lezen als register" in err


def test_toetsen_zonder_keuze_is_nederlands(capsys):
    with pytest.raises(SystemExit) as e:
        main(["toetsen", "X", "--register", "r"])
    assert e.value.code == 2 and "een van deze argumenten is verplicht: --akkoord --afwijzen" in capsys.readouterr().err


def test_volle_of_weggevallen_schijf_laat_niets_half_achter(reg, tmp_path, capsys, monkeypatch):
    import errno

    def vol(*a, **k):
        raise OSError(errno.ENOSPC, "schijf vol")

    casus = schrijf_casus(tmp_path, "N-1", "10.00")
    monkeypatch.setattr(os, "link", vol)
    monkeypatch.setattr(os, "rename", vol)
    code, uit, err = draai(capsys, "indienen", casus, "--register", reg, gebruiker="anna", monkeypatch=monkeypatch)
    assert code == 2 and uit == "" and "kan niet schrijven in het register" in err and "niets half geschreven" in err
    monkeypatch.undo()
    assert len(MapRegister(reg).records()) == 1 and MapRegister(reg).verifieer() == []
    assert not [p for p in (reg / "records").iterdir() if p.name.endswith(".tmp")]
    assert not (reg / SLOT).exists()


def test_zonder_login_handelt_niemand(reg, tmp_path, capsys, monkeypatch):
    def geen():
        raise opslag.GeenLogin("Windows gaf geen account (GetUserNameExW)")

    monkeypatch.setattr(opslag, "systeemlogin", geen)
    code, _, err = conftest.draai(capsys, "indienen", schrijf_casus(tmp_path, "Z-1", "10.00"), "--register", reg)
    assert code == 2 and "uw login is niet vast te stellen (Windows gaf geen account (GetUserNameExW))" in err
    assert len(MapRegister(reg).records()) == 1


def test_opdrachten_in_meldingen_zijn_te_kopieren():
    from doorbraak.domein.fouten import opdrachtregel

    assert opdrachtregel("doorbraak", "pdf", "K-1", "--register", "/srv/Doorbraak register", "-o", "x.pdf") == (
        "doorbraak pdf K-1 --register '/srv/Doorbraak register' -o x.pdf")
    assert opdrachtregel("doorbraak", "register", "herstel-aanvaarden", "--reden", "...").endswith("--reden ...")


def test_archiveer_maakt_het_document_van_de_goedgekeurde_aanvraag_niet_van_de_laatste(reg, tmp_path):
    """Ontbreekt het document van C-1-1 en is er intussen C-1-2 ingediend, dan archiveert 'register archiveer' het
    document van C-1-1 (met haar bedrag en besluit), niet dat van de laatste aanvraag van de casus."""
    from doorbraak.diensten import archiveer_documenten, lees_document, verifieer_register
    from tests.test_export import pdf_tekst

    dien_in(schrijf_casus(tmp_path, "C-1", "1234.00"), reg, gebruiker=ANNA)
    toets("C-1", True, "", reg, gebruiker=BERT)
    eerst = lees_document("C-1-1", reg)
    (reg / "verantwoording" / "C-1-1.pdf").unlink()  # het archiveren na het besluit mislukte
    dien_in(schrijf_casus(tmp_path, "C-1", "777.00"), reg, gebruiker=ANNA)
    assert archiveer_documenten(reg) == ["C-1-1"]
    assert lees_document("C-1-1", reg) == eerst and "€ 1.234,00" in pdf_tekst(eerst)
    assert verifieer_register(reg)[1] == []
