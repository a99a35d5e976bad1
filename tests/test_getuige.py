"""De controle van de keten bij elke lezer, de getuige per gebruiker, en de records die instellingen
wijzigen of een herstel aanvaarden. De mensen zijn hier nagebootst (een login per aanroep, een datamap
per gebruiker); tests/test_personen.py doet hetzelfde met echte OS-gebruikers."""

from __future__ import annotations

import json
import os
from decimal import Decimal as D
from pathlib import Path

import pytest

from doorbraak.diensten import (
    aanvaard_herstel, besluit, dien_in, register_stand, toets, verifieer_register, wijzig_register,
)
from doorbraak.domein.fouten import InvoerFout, Weigering
from doorbraak.register import getuige as getuige_module
from doorbraak.register.map_register import AfwijkingFout, KetenFout, MapRegister
from doorbraak.register.opslag import Gebruiker, maak_record, recordhash
from doorbraak.register.workflow import OnleesbaarRegister
from tests import conftest
from tests.registerhulp import ANNA, BERT, MANAGER, nieuw_register, schrijf_casus


@pytest.fixture
def reg(tmp_path):
    return nieuw_register(tmp_path / "register")


def als(monkeypatch, tmp_path: Path, login: str) -> None:
    """Vanaf nu kijkt `login` (met zijn eigen datamap, dus zijn eigen getuige)."""
    monkeypatch.setenv("DOORBRAAK_DATA", str(tmp_path / f"data-{login}"))


def _records(reg: Path) -> list[Path]:
    return sorted((reg / "records").glob("*.json"))


def _vervang_staart(reg: Path, vanaf: int, gebruiker: Gebruiker = BERT) -> None:
    """Schrijf vanaf record `vanaf` een andere, op zich kloppende keten (zoals een terugzetting en nieuw werk)."""
    for pad in _records(reg)[vanaf - 1:]:
        pad.unlink()
    vorige = json.loads(_records(reg)[-1].read_text(encoding="utf-8"))
    record = maak_record(vanaf, vorige["hash"], "indiening", dict(json.loads(
        _records(reg)[1].read_text(encoding="utf-8"))["gegevens"], aanvraag="ANDERS-1", casus_id="ANDERS"), gebruiker)
    (reg / "records" / f"{vanaf:012d}.json").write_text(json.dumps(record), encoding="utf-8")
    (reg / "kop.json").write_text(json.dumps({"aantal": vanaf, "hash": record["hash"]}), encoding="utf-8")


def test_een_afgesplitst_register_noemt_waar_het_anders_wordt(reg, tmp_path, monkeypatch, capsys):
    for i in range(3):
        dien_in(schrijf_casus(tmp_path, f"F-{i}", "10.00"), reg, gebruiker=ANNA)
    assert register_stand(reg).aantal_records == 4
    _vervang_staart(reg, 3)
    with pytest.raises(AfwijkingFout) as fout:
        register_stand(reg)
    assert fout.value.afwijking.splitsing == 2 and [s["nummer"] for s in fout.value.afwijking.verloren] == [3, 4]
    code, uit, _ = conftest.draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 1 and "dit register wijkt af van wat u eerder zag: tot en met record 2 is het hetzelfde" in uit
    assert "record 3 (indiening F-1" in uit and "record 4 (indiening F-2" in uit and "door anna)" in uit
    with pytest.raises(AfwijkingFout):
        dien_in(schrijf_casus(tmp_path, "G-1", "10.00"), reg, gebruiker=ANNA)
    assert len(_records(reg)) == 3
    # een collega die nooit verder keek dan record 2 ziet een gewoon register
    als(monkeypatch, tmp_path, "nieuw")
    assert register_stand(reg).aantal_records == 3


def test_een_ander_register_op_dezelfde_plek_valt_op(reg, tmp_path, monkeypatch):
    dien_in(schrijf_casus(tmp_path, "A-1", "10.00"), reg, gebruiker=ANNA)
    register_stand(reg)
    import shutil

    shutil.rmtree(reg)
    eerder = os.environ["DOORBRAAK_DATA"]
    als(monkeypatch, tmp_path, "iemand-anders")
    nieuw_register(reg, budget="99999")  # een ander maakt er een nieuw register
    assert register_stand(reg).instellingen.budget == D("99999.00")
    monkeypatch.setenv("DOORBRAAK_DATA", eerder)
    with pytest.raises(AfwijkingFout, match="op deze plek zag u eerder een ander register .met 2 records."):
        register_stand(reg)


def test_herstel_aanvaarden_alleen_op_een_kloppende_keten(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "H-1", "10.00"), reg, gebruiker=ANNA)
    pad = _records(reg)[1]
    record = json.loads(pad.read_text(encoding="utf-8"))
    record["gegevens"]["bedrag"] = "1.00"  # zonder de hash bij te werken
    pad.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(KetenFout, match="de hashketen klopt niet: record 2"):
        register_stand(reg)
    with pytest.raises(KetenFout):
        aanvaard_herstel(reg, "back-up", gebruiker=MANAGER)
    assert len(_records(reg)) == 2


def test_alleen_een_weggehaald_laatste_record_kan_worden_aanvaard(reg, tmp_path, monkeypatch, capsys):
    """Zonder getuige (een nieuwe collega) valt het op via kop.json; de teamleider aanvaardt het herstel."""
    eerder = os.environ["DOORBRAAK_DATA"]  # de getuige van wie hier indiende en toetste
    dien_in(schrijf_casus(tmp_path, "K-1", "10.00"), reg, gebruiker=ANNA)
    toets("K-1", True, "", reg, gebruiker=BERT)
    _records(reg)[-1].unlink()
    (reg / "verantwoording" / "K-1-1.pdf").unlink()  # een back-up van vóór het besluit
    als(monkeypatch, tmp_path, "marieke")
    with pytest.raises(KetenFout, match=r"het register telde 3 records \(kop.json\) en nu 2"):
        register_stand(reg)
    with pytest.raises(Weigering, match="anna staat niet op de escalatielijst"):
        aanvaard_herstel(reg, "back-up", gebruiker=ANNA)
    with pytest.raises(InvoerFout, match="geef een reden"):
        aanvaard_herstel(reg, "  ", gebruiker=MANAGER)
    st, record, _ = aanvaard_herstel(reg, "back-up teruggezet", gebruiker=MANAGER)
    assert (record["volgnummer"], record["soort"], record["gebruiker"]["naam"]) == (3, "herstel", "Marieke de Boer")
    assert record["gegevens"]["kop_voor_herstel"]["aantal"] == 2 and record["gegevens"]["kop_json"]["aantal"] == 3
    assert [r["volgnummer"] for r in st.herstellingen] == [3] and st.aanvragen[0].status == "ingediend"
    # wie record 3 (de toetsing) wel zag, hoort één keer van het herstel, en kan daarna verder
    monkeypatch.setenv("DOORBRAAK_DATA", eerder)
    st = register_stand(reg)
    (melding,) = st.meldingen
    assert melding.startswith("let op: dit register wijkt af van wat u eerder zag: tot en met record 2 is het hetzelfde")
    assert "Dit herstel is aanvaard in record 3 door Marieke de Boer (marieke)" in melding
    assert "(reden: back-up teruggezet)" in melding
    assert register_stand(reg).meldingen == [] and verifieer_register(reg)[1] == []


def test_de_getuige_onthoudt_de_laatste_records_en_zegt_wat_hij_niet_meer_weet(tmp_path, monkeypatch):
    monkeypatch.setattr(getuige_module, "SAMENVATTINGEN", 3)
    g = getuige_module.Getuige(tmp_path / "getuigen")
    records = []
    vorige = "0" * 64
    for i in range(1, 8):
        records.append(maak_record(i, vorige, "register" if i == 1 else "indiening", {"aanvraag": f"A-{i}"}, ANNA))
        vorige = records[-1]["hash"]
    g.onthoud(tmp_path / "r", records, ["tl"])
    data = g.lees(records[0]["hash"])
    assert data["aantal"] == 7 and [s["nummer"] for s in data["records"]] == [5, 6, 7]
    afwijking = g.vergelijk(tmp_path / "r", records[:3])
    assert (afwijking.splitsing, afwijking.zeker, afwijking.gezien_aantal, afwijking.nu_aantal) == (1, False, 7, 3)
    melding = afwijking.melding()
    # of record 2 en 3 nog hetzelfde zijn, weet de getuige niet meer: dus niet 'korter' en geen aantal dat niet klopt
    assert "korter" not in melding and "waar het anders wordt, ligt vóór de laatste 3 records die u nog kent" in melding
    assert "records die u zag, zijn weg of vervangen: record 5 (indiening A-5" in melding
    # binnen wat de getuige kent, weet hij het zeker
    afwijking = g.vergelijk(tmp_path / "r", records[:5])
    assert (afwijking.splitsing, afwijking.zeker, afwijking.korter) == (5, True, True)
    assert afwijking.melding().startswith("dit register is korter dan u het eerder zag: u zag 7 records, nu zijn er 5. "
                                          "2 records die u zag, zijn weg of vervangen: record 6 (indiening A-6")
    # nooit terug naar minder
    g.onthoud(tmp_path / "r", records[:5], ["tl"])
    assert g.lees(records[0]["hash"])["aantal"] == 7
    assert g.vergelijk(tmp_path / "r", records) is None


def test_instellingen_wijzigen_met_de_regels_van_de_pot(reg, tmp_path):
    dien_in(schrijf_casus(tmp_path, "B-1", "4000.00"), reg, gebruiker=ANNA)
    toets("B-1", True, "", reg, gebruiker=BERT)
    with pytest.raises(Weigering, match=r"het budget kan niet lager worden dan wat al is toegekend \(€ 4.000,00\)"):
        wijzig_register(reg, "bezuiniging", budget=D("3999.99"), gebruiker=MANAGER)
    with pytest.raises(InvoerFout, match="noem de login van minstens één persoon"):
        wijzig_register(reg, "niemand", escalatie=[], gebruiker=MANAGER)
    with pytest.raises(InvoerFout, match="'Marieke de Boer' is geen login"):
        wijzig_register(reg, "naam", escalatie=["Marieke de Boer"], gebruiker=MANAGER)
    with pytest.raises(InvoerFout, match="er verandert niets"):
        wijzig_register(reg, "niets", budget=D("10000"), gebruiker=MANAGER)
    with pytest.raises(Weigering, match="bert staat niet op de escalatielijst"):
        wijzig_register(reg, "ik", escalatie=["bert"], gebruiker=BERT)
    st, _ = wijzig_register(reg, "bert erbij", escalatie=["marieke", "bert"], limiet=D("3000"),
                            namen={"bert": "Bert Jansen", "marieke": ""}, gebruiker=MANAGER)
    assert (st.instellingen.escalatie, st.instellingen.limiet, st.instellingen.namen) == (
        ("marieke", "bert"), D("3000.00"), {"bert": "Bert Jansen"})
    assert st.instellingen.beslissers == "marieke, Bert Jansen (bert)"
    # de nieuwe limiet geldt voor wat nu wordt getoetst
    dien_in(schrijf_casus(tmp_path, "B-2", "3500.00"), reg, gebruiker=ANNA)
    a, _ = toets("B-2", True, "", reg, gebruiker=Gebruiker("x", "carla", "pc"))
    assert a.status == "geëscaleerd"
    a, _ = besluit("B-2", True, "", reg, gebruiker=BERT)
    assert a.besluit["gebruiker"]["naam"] == "Bert Jansen" and a.status == "goedgekeurd"


def test_een_instellingenrecord_van_buiten_de_escalatielijst_maakt_het_register_onleesbaar(reg, tmp_path, monkeypatch):
    """Wie records met de hand schrijft, kan de regels omzeilen; het register leest ze dan niet."""
    eerste = json.loads(_records(reg)[0].read_text(encoding="utf-8"))
    record = maak_record(2, eerste["hash"], "instellingen", {"instellingen": {
        "budget": "999999.00", "limiet": "5000.00", "escalatie": ["bert"]}, "reden": "zelf"}, BERT)
    (reg / "records" / "000000000002.json").write_text(json.dumps(record), encoding="utf-8")
    (reg / "kop.json").unlink()
    with pytest.raises(OnleesbaarRegister, match="record 2 .instellingen. is gemaakt door bert, die niet op de escalatielijst stond"):
        register_stand(reg)


def test_elke_lezer_controleert_eerst_de_keten(reg, tmp_path, capsys):
    dien_in(schrijf_casus(tmp_path, "R-1", "10.00"), reg, gebruiker=ANNA)
    pad = _records(reg)[1]
    record = json.loads(pad.read_text(encoding="utf-8"))
    record["gegevens"]["bedrag"] = "1.00"
    pad.write_text(json.dumps(record), encoding="utf-8")
    for opdracht in (["register", "status", "--register", reg], ["register", "status", "--register", reg, "--json"],
                     ["register", "exporteer", "--register", reg, "-o", tmp_path / "r.xlsx"],
                     ["xlsx", "R-1", "--register", reg, "-o", tmp_path / "r2.xlsx"]):
        code, uit, err = conftest.draai(capsys, *opdracht)
        assert (code, uit) == (2, "") and "de hashketen klopt niet: record 2 is gewijzigd" in err, opdracht
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "r2.xlsx").exists()
    assert recordhash(record) != record["hash"]
    assert MapRegister(reg).records()[1]["gegevens"]["bedrag"] == "1.00"  # de ruwe records blijven leesbaar


def test_een_vervangend_register_kan_zijn_eigen_vervanging_niet_aanvaarden(reg, tmp_path, monkeypatch):
    """Iemand maakt elders een register met zichzelf op de lijst, aanvaardt daar 'een herstel' en zet het
    op de plek van het echte: wie het echte kende, laat zich daar niet door overtuigen."""
    import shutil

    eerder = os.environ["DOORBRAAK_DATA"]
    dien_in(schrijf_casus(tmp_path, "A-1", "10.00"), reg, gebruiker=ANNA)
    register_stand(reg)
    als(monkeypatch, tmp_path, "bert")
    from doorbraak.diensten import maak_register

    nep = tmp_path / "nep"
    maak_register(nep, D("999999"), D("5000"), ["bert"], gebruiker=BERT)
    aanvaard_herstel(nep, "alles in orde", gebruiker=BERT)
    shutil.rmtree(reg)
    shutil.copytree(nep, reg)
    monkeypatch.setenv("DOORBRAAK_DATA", eerder)
    with pytest.raises(AfwijkingFout, match="op deze plek zag u eerder een ander register"):
        register_stand(reg)


def test_een_oud_herstel_dekt_geen_latere_terugzetting(reg, tmp_path, monkeypatch):
    for i in range(2):
        dien_in(schrijf_casus(tmp_path, f"O-{i}", "10.00"), reg, gebruiker=ANNA)
    _records(reg)[-1].unlink()
    als(monkeypatch, tmp_path, "marieke")
    aanvaard_herstel(reg, "eerste back-up", gebruiker=MANAGER)  # record 3: herstel
    for i in range(3):
        dien_in(schrijf_casus(tmp_path, f"P-{i}", "10.00"), reg, gebruiker=MANAGER)
    assert register_stand(reg).aantal_records == 6
    for pad in _records(reg)[3:]:  # terug naar record 3 (dat herstel kent marieke al)
        pad.unlink()
    (reg / "kop.json").unlink()
    with pytest.raises(AfwijkingFout, match="u zag 6 records, nu zijn er 3"):
        register_stand(reg)


def test_een_ongeldig_herstel_wist_de_getuige_niet(reg, tmp_path):
    """Een herstelrecord van iemand buiten de escalatielijst, met de hand geschreven: het register is
    onleesbaar, en wat deze gebruiker zag blijft onthouden."""
    for i in range(2):
        dien_in(schrijf_casus(tmp_path, f"W-{i}", "10.00"), reg, gebruiker=ANNA)
    register_stand(reg)
    (bestand,) = (Path(os.environ["DOORBRAAK_DATA"]) / "getuigen").glob("[0-9a-f]*.json")
    getuige = json.loads(bestand.read_text(encoding="utf-8"))
    _records(reg)[-1].unlink()
    vorige = json.loads(_records(reg)[-1].read_text(encoding="utf-8"))
    nep = maak_record(3, vorige["hash"], "herstel", {"reden": "zelf", "kop_voor_herstel": {"aantal": 2}}, BERT)
    (reg / "records" / "000000000003.json").write_text(json.dumps(nep), encoding="utf-8")
    (reg / "kop.json").unlink()
    # de getuige kent de escalatielijst: een herstel door bert overtuigt hem niet
    with pytest.raises(AfwijkingFout, match="u zag 3 records, nu zijn er 3"):
        register_stand(reg)
    # een getuige van een oudere versie kende de lijst niet: dan beslist de inhoud van het register, en die weigert
    bestand.write_text(json.dumps({k: v for k, v in getuige.items() if k != "escalatie"}), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(OnleesbaarRegister, match="record 3 .herstel. is gemaakt door bert, die niet op de escalatielijst"):
            register_stand(reg)
    assert verifieer_register(reg)[1] == ["record 3 (herstel) is gemaakt door bert, die niet op de escalatielijst stond"]
    assert json.loads(bestand.read_text(encoding="utf-8"))["aantal"] == 3  # niets overschreven
    (reg / "records" / "000000000003.json").unlink()
    with pytest.raises(AfwijkingFout, match="u zag 3 records, nu zijn er 2"):
        register_stand(reg)


def test_een_lezer_struikelt_niet_over_een_schrijver_die_tegelijk_schrijft(reg, tmp_path, monkeypatch):
    dien_in(schrijf_casus(tmp_path, "S-1", "10.00"), reg, gebruiker=ANNA)
    echt = MapRegister.records
    gedaan = []

    def en_intussen_een_schrijver(self):
        records = echt(self)
        if not gedaan:  # net nadat de lezer de records zag: een ander schrijft record 3 en de kop
            gedaan.append(1)
            dien_in(schrijf_casus(tmp_path, "S-2", "10.00"), reg, gebruiker=BERT)
        return records

    monkeypatch.setattr(MapRegister, "records", en_intussen_een_schrijver)
    assert register_stand(reg).aantal_records == 3 and gedaan  # geen vals alarm: een tweede lezing klopt
    monkeypatch.setattr(MapRegister, "records", echt)
    assert register_stand(reg).aantal_records == 3


def test_een_gewijzigd_stuk_wordt_door_elke_lezer_gezien(reg, tmp_path, capsys):
    dien_in(schrijf_casus(tmp_path, "S-1", "10.00"), reg, gebruiker=ANNA)
    (stuk,) = (reg / "stukken").glob("*.json")
    data = json.loads(stuk.read_text(encoding="utf-8"))
    data["casus_json"] = data["casus_json"].replace("Testcasus", "Vervalst")
    stuk.write_text(json.dumps(data), encoding="utf-8")
    code, uit, err = conftest.draai(capsys, "xlsx", "S-1", "--register", reg, "-o", tmp_path / "s.xlsx")
    assert (code, uit) == (2, "") and f"stuk {stuk.stem[:12]} is gewijzigd" in err
    assert not (tmp_path / "s.xlsx").exists()
    code, uit, _ = conftest.draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 1 and "het stuk van record 2 is gewijzigd" in uit


def test_een_beschadigde_getuige_wordt_gemeld_en_niet_genegeerd(reg, tmp_path, capsys):
    dien_in(schrijf_casus(tmp_path, "G-1", "10.00"), reg, gebruiker=ANNA)
    (bestand,) = (Path(os.environ["DOORBRAAK_DATA"]) / "getuigen").glob("[0-9a-f]*.json")
    for inhoud in ('{"formaat": "doorbraak-getuige/1"', json.dumps(
            json.loads(bestand.read_text(encoding="utf-8")) | {"aantal": True}), json.dumps(
            json.loads(bestand.read_text(encoding="utf-8")) | {"records": [{"nummer": "1", "hash": "x"}]})):
        goed = bestand.read_text(encoding="utf-8")
        bestand.write_text(inhoud, encoding="utf-8")
        code, uit, err = conftest.draai(capsys, "register", "status", "--register", reg)
        assert (code, uit) == (2, "") and f"uw getuigebestand {bestand} is beschadigd" in err
        bestand.write_text(goed, encoding="utf-8")
    assert conftest.draai(capsys, "register", "status", "--register", reg)[0] == 0


def test_een_register_van_voor_de_logins_zet_de_maker_eenmalig_om(tmp_path, monkeypatch):
    """Een oudere versie zette namen op de escalatielijst (het lokale register: 'teamleider'). Niemand heeft
    die als login; wie het register maakte, mag de lijst één keer omzetten naar logins."""
    reg = tmp_path / "oud"
    nieuw_register(reg)
    pad = _records(reg)[0]
    record = json.loads(pad.read_text(encoding="utf-8"))
    record["gegevens"] = {"budget": "10000.00", "limiet": "5000.00", "escalatie": ["teamleider"], "oefenregister": False}
    record["hash"] = recordhash(record)
    pad.write_text(json.dumps(record), encoding="utf-8")
    (reg / "kop.json").unlink()
    als(monkeypatch, tmp_path, "na-de-update")
    st = register_stand(reg)
    assert st.instellingen.logins is False and st.instellingen.escalatie == ("teamleider",)
    with pytest.raises(Weigering, match="bert staat niet op de escalatielijst"):
        wijzig_register(reg, "ik", escalatie=["bert"], gebruiker=BERT)
    st, _ = wijzig_register(reg, "omzetten naar logins", escalatie=["marieke"], gebruiker=ANNA)  # anna maakte het
    assert st.instellingen.logins and st.instellingen.escalatie == ("marieke",)
    with pytest.raises(Weigering, match="anna staat niet op de escalatielijst"):
        wijzig_register(reg, "nog eens", escalatie=["anna"], gebruiker=ANNA)  # eenmalig
    assert wijzig_register(reg, "budget", budget=D("20000"), gebruiker=MANAGER)[0].instellingen.budget == D("20000.00")
