"""Gedeelde hulpmiddelen voor de tests. Geen QApplication nodig: het domein kent geen Qt."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parent.parent
VOORBEELDEN = PROJECT / "resources" / "voorbeelden"
KOLOMMEN = "code,naam,categorie,eenheid,bedrag,prijsjaar,indexatie,financier,bron,url,brontype,gecontroleerd_op".split(",")


def schrijf_prijslijst(map_: Path, items: list[dict], index: dict[int, tuple[str, str]]) -> Path:
    """Schrijf een kleine prijslijstmap met bekende cijfers, om met de hand na te rekenen."""
    map_.mkdir(parents=True, exist_ok=True)
    kolommen = KOLOMMEN + sorted({k for item in items for k in item} - set(KOLOMMEN))
    with open(map_ / "prijslijst.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, kolommen, lineterminator="\n")
        w.writeheader()
        for item in items:
            rij = {
                "naam": item["code"].title(), "categorie": "test", "eenheid": "uur",
                "prijsjaar": "2020", "indexatie": "cpi", "financier": "gemeente", "bron": "testbron",
                "url": "https://example.org/bron", "brontype": "O", "gecontroleerd_op": "2026-01-01",
            } | item
            w.writerow(rij)
    with open(map_ / "indexcijfers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["jaar", "cpi", "ova"])
        for jaar in sorted(index):
            w.writerow([jaar, *index[jaar]])
    return map_


#: Een indexreeks met ronde getallen: 2020 = 100, 2024 = 125, 2025 = 130 (CPI); OVA 2024-2025.
INDEX = {
    2020: ("100", ""),
    2021: ("110", ""),
    2024: ("125", "100"),
    2025: ("130", "104"),
}


@pytest.fixture(autouse=True)
def eigen_mappen(tmp_path_factory, monkeypatch):
    """Elke test zijn eigen instellingen- en datamap (met de getuige van 'deze gebruiker'): nooit die
    van wie de tests draait."""
    basis = tmp_path_factory.mktemp("gebruiker")
    monkeypatch.setenv("DOORBRAAK_CONFIG", str(basis / "config"))
    monkeypatch.setenv("DOORBRAAK_DATA", str(basis / "data"))
    monkeypatch.delenv("DOORBRAAK_REGISTER", raising=False)
    return basis


@pytest.fixture
def team():
    """Vier echte OS-gebruikers in één groep (zie tests/personen.py); zonder root overgeslagen, behalve in CI."""
    from tests.personen import team_voor_een_test

    yield from team_voor_een_test()


@pytest.fixture
def testprijslijst(tmp_path: Path) -> Path:
    return schrijf_prijslijst(
        tmp_path / "prijslijst",
        [
            {"code": "UUR-CPI", "bedrag": "80.00", "prijsjaar": "2020", "indexatie": "cpi", "financier": "gemeente (Wmo)"},
            {"code": "DAG-OVA", "eenheid": "dag", "bedrag": "200.00", "prijsjaar": "2024", "indexatie": "ova",
             "financier": "gemeente (Jeugdwet)"},
            {"code": "NORM", "eenheid": "maand", "bedrag": "1345.45", "prijsjaar": "2025", "indexatie": "geen",
             "financier": "gemeente (Participatiewet)"},
            {"code": "OVA-OUD", "bedrag": "50.00", "prijsjaar": "2021", "indexatie": "ova", "financier": "gemeente (Wmo)"},
            {"code": "ZORG", "eenheid": "contact", "bedrag": "33.33", "prijsjaar": "2021", "indexatie": "cpi",
             "financier": "zorgverzekeraar"},
        ],
        INDEX,
    )


def draai(capsys, *args):
    """Draai de opdrachtregel in dit proces; nooit een traceback. Geeft (exitcode, stdout, stderr)."""
    from doorbraak.cli import main

    code = main([str(a) for a in args])
    uit = capsys.readouterr()
    assert "Traceback" not in uit.out + uit.err
    return code, uit.out, uit.err


def casusdata(**velden) -> dict:
    """Een minimale geldige casus als dict; velden overschrijven of vullen aan."""
    data = {
        "formaat": "doorbraak-casus/1",
        "casus_id": "TEST-001",
        "titel": "Testcasus",
        "datum": "2025-05-01",
        "interventie": [{"omschrijving": "Interventie", "bedrag": "1000.00"}],
        "zonder_doorbraak": [],
        "met_doorbraak": [],
    }
    data.update(velden)
    return data


def eigen_regel(bedrag: str, aantal="1", financier: str = "gemeente", eenheid: str = "stuk", **extra) -> dict:
    return {"omschrijving": "Eigen regel", "bedrag_per_eenheid": bedrag, "eenheid": eenheid,
            "aantal": aantal, "financier": financier, "bron": "testbron"} | extra


@pytest.fixture
def omgeving(qtbot, tmp_path, monkeypatch, testprijslijst):
    """Een hoofdvenster met eigen mappen, de testprijslijst en nepdialogen (zie tests/guihulp.py)."""
    from tests.guihulp import Omgeving

    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    o = Omgeving(qtbot, tmp_path)
    yield o
    o.sluit_alles()



@pytest.fixture(scope="session")
def pgcluster(tmp_path_factory):
    """Een PostgreSQL 15-cluster: dat van .ci/run (DOORBRAAK_TEST_PGHOST/PORT), anders een eigen wegwerpcluster.
    Zonder PostgreSQL of root overgeslagen, behalve in CI: daar is overslaan een fout."""
    from pathlib import Path

    from tests import pgcluster as pgc

    host, poort = os.environ.get("DOORBRAAK_TEST_PGHOST"), os.environ.get("DOORBRAAK_TEST_PGPORT")
    if host and poort:
        cluster = pgc.Cluster(Path(host), int(poort))
        pgc.maak_testrollen(cluster)
        yield cluster
        return
    reden = pgc.beschikbaar()
    if reden is not None:
        if os.environ.get("CI"):
            pytest.fail(f"in CI moeten de tests met PostgreSQL draaien: {reden}")
        pytest.skip(reden)
    import tempfile

    basis = Path(tempfile.mkdtemp(prefix="doorbraak-pg-"))  # niet onder pytest-of-root (0700): postgres moet erbij
    try:
        cluster = pgc.start(basis)
        pgc.maak_testrollen(cluster)
        yield cluster
    finally:
        pgc.stop(basis)
