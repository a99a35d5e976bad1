"""Issue 4 en 15: de regels van het register, op beide backends (een map en PostgreSQL), zodat die twee nooit
uit elkaar kunnen groeien. Wie handelt is bij een map de login van het systeem (hier meegegeven als
`gebruiker=`), bij PostgreSQL de aanmelding die de database verifieert (`Plaats.als`).

Wat alleen voor een map geldt (slot, restanten, register.xlsx, een gewijzigd bestand) staat in test_register.py;
wat alleen voor PostgreSQL geldt (rechten op tabellen, rollen, gedode clients) in test_pg_register.py.
"""

import json
import multiprocessing
import re
import socket
from decimal import Decimal as D

import pytest

from doorbraak.diensten import open_register
from doorbraak.domein.fouten import Weigering
from doorbraak.register.opslag import Gebruiker
from doorbraak.register.workflow import AFGEWEZEN, GEESCALEERD, GOEDGEKEURD, INGEDIEND
from tests import conftest
from tests.conftest import VOORBEELDEN
from tests.registerhulp import (ANNA, BERT, MANAGER, Registers, besluit_als, dien_in_als, racer, records,
                                schrijf_casus, stand, toets_als)
from doorbraak.register import opslag


@pytest.fixture(params=["map", "postgresql"])
def registers(request, tmp_path):
    cluster = None
    if request.param == "postgresql":
        pytest.importorskip("psycopg", reason="pip install -e '.[postgresql]'")
        cluster = request.getfixturevalue("pgcluster")
    r = Registers(request.param, tmp_path, cluster)
    yield r
    if cluster is not None:
        r.ruim_op()


@pytest.fixture
def reg(registers):
    return registers.nieuw()


# ------------------------------------------------------------------ aanmaken


def test_init_legt_instellingen_vast_in_het_eerste_record(reg):
    (record,) = records(reg)
    assert record["soort"] == "register" and record["volgnummer"] == 1 and record["vorige"] == "0" * 64
    assert record["gegevens"] == {"budget": "10000.00", "limiet": "5000.00", "escalatie": ["marieke"],
                                  "oefenregister": False, "namen": {"marieke": "Marieke de Boer"},
                                  "identiteit": "login"}
    if reg.soort == "map":
        assert record["gebruiker"] == {"naam": "anna", "os_login": "anna", "machine": "pc-anna"}
    else:  # de eigenaar van de database maakt het register; de database zegt wie dat is
        assert record["gebruiker"]["os_login"] == record["gebruiker"]["naam"] == "eigenaar"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", record["tijd"])


def test_tweede_init_wordt_geweigerd(registers, reg):
    from doorbraak.diensten import maak_register
    from doorbraak.domein.fouten import InvoerFout

    with pytest.raises((InvoerFout, Weigering)) as fout:
        maak_register(reg.als("eigenaar" if reg.soort == "postgresql" else ANNA), D("1"), D("1"), ["marieke"],
                      gebruiker=ANNA)
    assert re.search("niet leeg|bestaat al", str(fout.value)), str(fout.value)
    assert len(records(reg)) == 1


# ------------------------------------------------------------------ vier ogen en escalatie


def test_vier_ogen_goedkeuring_reserveert_het_bedrag(reg, tmp_path):
    a, _ = dien_in_als(reg, schrijf_casus(tmp_path, "C-1", "2850.00"), ANNA)
    assert (a.aanvraag, a.status, a.route, a.bedrag) == ("C-1-1", INGEDIEND, "vier-ogen", D("2850.00"))
    assert stand(reg).toegekend == 0
    a, _ = toets_als(reg, "C-1", True, "akkoord, goed onderbouwd", BERT)
    assert a.status == GOEDGEKEURD and a.toetsing["gebruiker"]["naam"] == "bert"
    assert a.toetsing["gebruiker"]["os_login"] == "bert"
    st = stand(reg)
    assert (st.toegekend, st.beschikbaar) == (D("2850.00"), D("7150.00"))


@pytest.mark.parametrize("toetser", [ANNA, Gebruiker("Bram", "anna", "pc-bram"), Gebruiker("x", "ANNA", "pc-anna")])
def test_eigen_aanvraag_toetsen_wordt_geweigerd(reg, tmp_path, toetser):
    dien_in_als(reg, schrijf_casus(tmp_path, "C-1", "100.00"), ANNA)
    with pytest.raises(Weigering, match="heeft C-1-1 zelf ingediend; een andere coach moet toetsen"):
        toets_als(reg, "C-1", True, "", toetser)
    assert stand(reg).aanvragen[0].status == INGEDIEND


def test_escalatie_boven_de_limiet(reg, tmp_path):
    dien_in_als(reg, schrijf_casus(tmp_path, "C-2", "6000.00"), ANNA)
    with pytest.raises(Weigering, match="wacht nog op de toetsing"):
        besluit_als(reg, "C-2", True, "", MANAGER)
    a, _ = toets_als(reg, "C-2", True, "", BERT)
    assert (a.route, a.status) == ("escalatie", GEESCALEERD) and stand(reg).toegekend == 0
    with pytest.raises(Weigering, match="is al getoetst en geëscaleerd"):
        toets_als(reg, "C-2", True, "", Gebruiker("carla", "carla", "pc"))
    with pytest.raises(Weigering, match=r"bert mag niet over escalaties beslissen; dat mogen: Marieke de Boer \(marieke\)"):
        besluit_als(reg, "C-2", True, "", BERT)
    a, _ = besluit_als(reg, "C-2", True, "noodzakelijk", MANAGER)
    assert a.status == GOEDGEKEURD and stand(reg).toegekend == D("6000.00")
    assert a.besluit["gebruiker"]["os_login"] == "marieke"


def test_indiener_mag_ook_als_beslisser_niet_over_eigen_aanvraag_beslissen(reg, tmp_path):
    dien_in_als(reg, schrijf_casus(tmp_path, "C-3", "7000.00"), MANAGER)
    toets_als(reg, "C-3", True, "", BERT)
    with pytest.raises(Weigering, match="heeft C-3-1 zelf ingediend en mag er niet over beslissen"):
        besluit_als(reg, "C-3", True, "", MANAGER)


def test_toetser_beslist_niet_ook_over_de_escalatie(registers, tmp_path):
    reg = registers.nieuw(escalatie=("marieke", "bert"))
    dien_in_als(reg, schrijf_casus(tmp_path, "T-1", "6000.00"), ANNA)
    toets_als(reg, "T-1", True, "", BERT)
    with pytest.raises(Weigering, match="bert heeft T-1-1 al getoetst; het besluit neemt een ander"):
        besluit_als(reg, "T-1", True, "", Gebruiker("Bert", "bert", "pc-9"))
    assert besluit_als(reg, "T-1", True, "", MANAGER)[0].status == GOEDGEKEURD


def test_opknippen_ontwijkt_de_limiet_niet(reg, tmp_path):
    dien_in_als(reg, schrijf_casus(tmp_path, "C-4", "3000.00"), ANNA)
    toets_als(reg, "C-4", True, "", BERT)
    a, _ = dien_in_als(reg, schrijf_casus(tmp_path, "C-4", "2500.00"), ANNA)
    assert (a.aanvraag, a.route, a.eerder_goedgekeurd) == ("C-4-2", "escalatie", D("3000.00"))
    a, _ = toets_als(reg, "C-4", True, "", BERT)
    assert a.status == GEESCALEERD
    # een aanvraag die samen precies op de grens uitkomt blijft vier ogen
    besluit_als(reg, "C-4", False, "niet nodig", MANAGER)
    a, _ = dien_in_als(reg, schrijf_casus(tmp_path, "C-4", "2000.00"), ANNA)
    assert (a.aanvraag, a.route) == ("C-4-3", "vier-ogen")


def test_opknippen_via_hoofdletters_helpt_niet(reg, tmp_path):
    dien_in_als(reg, schrijf_casus(tmp_path, "C-1", "4000.00"), ANNA)
    toets_als(reg, "C-1", True, "", BERT)
    a, _ = dien_in_als(reg, schrijf_casus(tmp_path, "c-1", "4000.00"), ANNA)
    assert (a.aanvraag, a.route, a.eerder_goedgekeurd) == ("c-1-2", "escalatie", D("4000.00"))
    with pytest.raises(Weigering, match="voor C-1 loopt al aanvraag c-1-2"):
        dien_in_als(reg, schrijf_casus(tmp_path, "C-1", "10.00"), ANNA)
    assert toets_als(reg, "C-1", True, "", BERT)[0].status == GEESCALEERD


# ------------------------------------------------------------------ budget, status, oefenen


def test_budgetpot_wordt_nooit_overschreden(reg, tmp_path):
    for casus_id, bedrag in (("B-1", "4000.00"), ("B-2", "4000.00"), ("B-3", "2500.00")):
        dien_in_als(reg, schrijf_casus(tmp_path, casus_id, bedrag), ANNA)
    toets_als(reg, "B-1", True, "", BERT)
    toets_als(reg, "B-2", True, "", BERT)
    with pytest.raises(Weigering, match=r"B-3-1 vraagt € 2\.500,00, maar in de budgetpot is nog € 2\.000,00 beschikbaar"):
        toets_als(reg, "B-3", True, "", BERT)
    a, _ = toets_als(reg, "B-3", False, "past niet meer", BERT)
    st = stand(reg)
    assert a.status == AFGEWEZEN and st.toegekend == D("8000.00") and st.beschikbaar == D("2000.00")


def test_verkeerde_status_en_dubbele_indiening(reg, tmp_path):
    with pytest.raises(Weigering, match="er is geen aanvraag voor X-1 in dit register"):
        toets_als(reg, "X-1", True, "", BERT)
    dien_in_als(reg, schrijf_casus(tmp_path, "X-1", "100.00"), ANNA)
    with pytest.raises(Weigering, match="voor X-1 loopt al aanvraag X-1-1"):
        dien_in_als(reg, schrijf_casus(tmp_path, "X-1", "100.00"), ANNA)
    toets_als(reg, "X-1", False, "", BERT)
    with pytest.raises(Weigering, match=r"de laatste aanvraag voor X-1 \(X-1-1\) is al afgewezen"):
        toets_als(reg, "X-1", True, "", BERT)


def test_oefencasus_niet_in_echt_register_en_omgekeerd(registers, reg, tmp_path):
    with pytest.raises(Weigering, match="OEF-HUUR-01 is een oefencasus; die kan niet in een echt register"):
        dien_in_als(reg, VOORBEELDEN / "huurachterstand.json", ANNA)
    assert len(records(reg)) == 1
    oefen = registers.nieuw("oefen", oefenregister=True)
    a, _ = dien_in_als(oefen, VOORBEELDEN / "huurachterstand.json", ANNA)
    assert a.status == INGEDIEND
    with pytest.raises(Weigering, match="dit is een oefenregister"):
        dien_in_als(oefen, schrijf_casus(tmp_path, "ECHT-1", "10.00"), ANNA)


def test_indiening_legt_casus_berekening_en_prijzen_vast(reg, tmp_path):
    from doorbraak.diensten import bereken_casus
    from doorbraak.domein.casus import lees_casus_tekst
    from doorbraak.domein.prijslijst import prijslijst_uit_snapshot

    a, _ = dien_in_als(reg, schrijf_casus(tmp_path, "P-1", "100.00",
                                          zonder_doorbraak=[{"prijs": "WON-UITZETTING", "aantal": 1}]), ANNA)
    stuk = json.loads(open_register(reg.als(ANNA)).lees_stuk(a.gegevens["stuk"]))
    casus = lees_casus_tekst(stuk["casus_json"])
    opnieuw = bereken_casus(casus, prijslijst_uit_snapshot(stuk["prijslijst"]), D("5000.00"))
    assert opnieuw.als_json()["kosten_zonder"] == stuk["berekening"]["kosten_zonder"] == a.gegevens["kosten_zonder"]
    assert a.gegevens["prijslijst"]["versie"] == "2027.1"


def test_cli_workflow_status_en_exitcodes(reg, tmp_path, capsys, monkeypatch):
    def draai(*args, login=None):
        register = [] if login is None else ["--register", reg.als(login)]
        if login is not None:  # bij een map: de login van het systeem; bij PostgreSQL telt alleen de aanmelding
            monkeypatch.setattr(opslag, "systeemlogin", lambda: login.lower())
        return conftest.draai(capsys, *args, *register)

    casus = schrijf_casus(tmp_path, "K-1", "6000.00")
    code, uit, _ = draai("indienen", casus, login="anna")
    assert code == 0 and "K-1-1: € 6.000,00, route escalatie, status ingediend" in uit
    code, _, err = draai("toetsen", "K-1", "--akkoord", login="anna")
    assert code == 3 and err.startswith("doorbraak: geweigerd: anna heeft K-1-1 zelf ingediend")
    code, uit, _ = draai("toetsen", "K-1", "--akkoord", "--reden", "prima", login="bert")
    assert code == 0 and "status geëscaleerd" in uit
    code, _, err = draai("besluiten", "K-1", "--akkoord", login="bert")
    assert code == 3 and "mag niet over escalaties beslissen" in err
    code, uit, _ = draai("besluiten", "K-1", "--akkoord", "--reden", "akkoord MT", login="Marieke")
    assert code == 0 and "status goedgekeurd" in uit
    code, uit, _ = draai("register", "status", "--json", login="carla")
    st = json.loads(uit)
    assert (st["budget_totaal"], st["toegekend"], st["beschikbaar"]) == ("10000.00", "6000.00", "4000.00")
    (c,) = st["casussen"]
    assert {k: c[k] for k in ("casus_id", "status", "bedrag", "route", "indiener", "toetser", "besluiter", "reden")} == {
        "casus_id": "K-1", "status": "goedgekeurd", "bedrag": "6000.00", "route": "escalatie", "indiener": "anna",
        "toetser": "bert", "besluiter": "Marieke de Boer", "reden": "prima / akkoord MT"}
    assert (c["indiener_login"], c["toetser_login"], c["besluiter_login"]) == ("anna", "bert", "marieke")
    assert c["ingediend_op"] < c["getoetst_op"] < c["besloten_op"]
    code, uit, _ = draai("register", "verifieer", login="carla")
    assert code == 0 and "4 records, keten in orde" in uit
    code, uit, _ = draai("register", "status", login="carla")
    assert code == 0 and "\nU bent carla\n" in uit
    code, uit, _ = draai("register", "status", login="marieke")
    assert code == 0 and "\nU bent Marieke de Boer (marieke) en staat op de escalatielijst\n" in uit
    # de verantwoording en de spreadsheet van een casus uit het register, met het besluitspoor
    code, uit, err = draai("pdf", "K-1", "-o", tmp_path / "K-1.pdf", login="carla")
    assert code == 0, err
    from tests.test_export import pdf_tekst

    tekst = pdf_tekst((tmp_path / "K-1.pdf").read_bytes())
    assert "€ 6.000,00" in tekst and "Marieke de Boer" in tekst
    code, uit, err = draai("xlsx", "K-1", "-o", tmp_path / "K-1.xlsx", login="carla")
    assert code == 0, err


def test_acht_processen_tegelijk(registers, tmp_path):
    from doorbraak.register import map_register

    reg = registers.nieuw(budget="10000")
    casussen = tmp_path / "casussen"
    casussen.mkdir()
    for i in range(8):
        for j in (0, 1):
            schrijf_casus(casussen, f"RACE-{i}-{j}", "1000.00")
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        logs = pool.map(racer, [(reg, str(casussen), i) for i in range(8)])
    map_register._GELEZEN.clear()
    rs = records(reg)
    assert [r["volgnummer"] for r in rs] == list(range(1, len(rs) + 1))
    assert open_register(reg.als(ANNA)).verifieer() == []
    st = stand(reg)
    ingediend = sorted(a.casus_id for a in st.aanvragen)
    assert ingediend == sorted(f"RACE-{i}-{j}" for i in range(8) for j in (0, 1))  # niets kwijt, niets dubbel
    goedgekeurd = [a for a in st.aanvragen if a.status == GOEDGEKEURD]
    assert len(goedgekeurd) == 10 and st.toegekend == D("10000.00") and st.beschikbaar == 0
    assert sum(1 for r in rs if r["soort"] == "toetsing") == 10
    assert sum("getoetst" in regel for log in logs for regel in log) == 10
    assert all(a.toetsing["gebruiker"]["os_login"] != a.indiener["os_login"] for a in goedgekeurd)


def test_machine_is_die_van_de_coach(reg, tmp_path):
    """De machine in een record: bij een map die van de test, bij PostgreSQL de naam van deze computer."""
    a, _ = dien_in_als(reg, schrijf_casus(tmp_path, "M-1", "10.00"), ANNA)
    assert a.indiener["machine"] == ("pc-anna" if reg.soort == "map" else socket.gethostname())


def _nacalculatie(map_, casus_id: str, uitgave: str):
    from doorbraak.register.workflow import lokale_datum
    from tests.conftest import eigen_regel

    pad = map_ / f"nacalculatie-{casus_id}.json"
    vandaag = lokale_datum(opslag.nu_utc()).isoformat()  # niet vóór het besluit (vandaag) en niet in de toekomst
    pad.write_text(json.dumps({
        "formaat": "doorbraak-nacalculatie/1", "casus_id": casus_id, "peildatum": vandaag, "maanden": 6,
        "uitkomst": "bereikt", "toelichting": "Het gezin woont er nog.", "werkelijke_uitgave": uitgave,
        "kosten_met": [eigen_regel("412.50", aantal="4")]}), encoding="utf-8")
    return pad


def test_nacalculatie_geeft_wat_niet_is_uitgegeven_terug_aan_de_pot(reg, tmp_path):
    from doorbraak.diensten import nacalculeer

    dien_in_als(reg, schrijf_casus(tmp_path, "N-1", "2400.00"), ANNA)
    toets_als(reg, "N-1", True, "", BERT)
    assert stand(reg).beschikbaar == D("7600.00")
    record, g, _ = nacalculeer("N-1", _nacalculatie(tmp_path, "N-1", "1950.00"), reg.als(MANAGER), gebruiker=MANAGER)
    assert (g.toegekend, g.vrijgevallen, g.kosten_met) == (D("2400.00"), D("450.00"), D("1650.00"))
    assert record["gebruiker"]["os_login"] == "marieke" and record["gegevens"]["vrijgevallen"] == "450.00"
    assert stand(reg).beschikbaar == D("8050.00")  # € 10.000 - € 2.400 + € 450
    with pytest.raises(Weigering, match=r"de werkelijke uitgave \(€ 2\.500,00\) is hoger dan wat voor N-1 is toegekend"):
        nacalculeer("N-1", _nacalculatie(tmp_path, "N-1", "2500.00"), reg.als(ANNA), gebruiker=ANNA)


def test_het_verantwoordingsdocument_wordt_bij_de_goedkeuring_gearchiveerd(reg, tmp_path, capsys, monkeypatch):
    from doorbraak.diensten import lees_document, verifieer_register
    from tests.test_export import pdf_tekst

    dien_in_als(reg, schrijf_casus(tmp_path, "D-1", "1250.00"), ANNA)
    with pytest.raises(Exception, match="heeft geen gearchiveerd verantwoordingsdocument"):
        lees_document("D-1-1", reg.als(BERT))
    a, melding = toets_als(reg, "D-1", True, "prima", BERT)
    assert a.status == GOEDGEKEURD and "NIET gearchiveerd" not in melding
    gearchiveerd = lees_document("D-1-1", reg.als(BERT))
    assert gearchiveerd.startswith(b"%PDF-") and "€ 1.250,00" in pdf_tekst(gearchiveerd)
    # hetzelfde document als wat 'doorbraak pdf' uit het register maakt, en wat 'register document' teruggeeft
    register = ["--register", reg.als("carla")]
    assert conftest.draai(capsys, "pdf", "D-1", "-o", tmp_path / "opnieuw.pdf", *register)[0] == 0
    assert (tmp_path / "opnieuw.pdf").read_bytes() == gearchiveerd
    code, uit, err = conftest.draai(capsys, "register", "document", "D-1-1", "-o", tmp_path / "d.pdf", *register)
    assert code == 0 and "Het gearchiveerde verantwoordingsdocument van D-1-1 staat in" in uit, err
    assert (tmp_path / "d.pdf").read_bytes() == gearchiveerd
    code, uit, _ = conftest.draai(capsys, "register", "archiveer", *register)
    assert code == 0 and "Elke goedgekeurde aanvraag heeft al een gearchiveerd verantwoordingsdocument" in uit
    register_, problemen = verifieer_register(reg.als("carla"))
    assert problemen == [] and not [m for m in register_.meldingen if "verantwoordingsdocument" in m]
    code, _, err = conftest.draai(capsys, "register", "document", "D-9-1", "-o", tmp_path / "x.pdf", *register)
    assert code == 2 and "D-9-1: heeft geen gearchiveerd verantwoordingsdocument" in err


def test_een_nieuwe_limiet_geldt_ook_voor_wat_nog_op_de_toetsing_wacht(reg, tmp_path):
    """Ingediend als vier ogen (€ 3.000 onder de limiet van € 5.000); dan verlaagt de teamleider de limiet naar
    € 2.000. Bij het toetsen geldt de limiet van nu: de aanvraag escaleert, op beide backends."""
    from doorbraak.diensten import verifieer_register, wijzig_register

    a, _ = dien_in_als(reg, schrijf_casus(tmp_path, "L-1", "3000.00"), ANNA)
    assert a.route == "vier-ogen"
    wijzig_register(reg.als(MANAGER), "limiet omlaag", limiet=D("2000"), gebruiker=MANAGER)
    a, _ = toets_als(reg, "L-1", True, "", BERT)
    assert a.status == GEESCALEERD and stand(reg).toegekend == 0
    assert besluit_als(reg, "L-1", True, "", MANAGER)[0].status == GOEDGEKEURD
    assert verifieer_register(reg.als("carla"))[1] == []
