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
    g.onthoud(tmp_path / "r", records)
    data = g.lees(records[0]["hash"])
    assert data["aantal"] == 7 and [s["nummer"] for s in data["records"]] == [5, 6, 7]
    afwijking = g.vergelijk(tmp_path / "r", records[:3])
    assert (afwijking.splitsing, afwijking.gezien_aantal, afwijking.nu_aantal) == (1, 7, 3)
    melding = afwijking.melding()
    # of record 2 en 3 nog hetzelfde zijn, weet de getuige niet meer: dus niet 'korter', maar 'anders na record 1'
    assert "korter" not in melding and "tot en met record 1 is het hetzelfde, daarna anders" in melding
    assert "6 records die u zag, zijn weg of vervangen" in melding
    assert "record 5 (indiening A-5" in melding and "van 3 oudere records weet u niet meer wie en wanneer" in melding
    # nooit terug naar minder
    g.onthoud(tmp_path / "r", records[:5])
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
