"""De meegeleverde lijst met grondslagen en de controle van een (eigen) lijst."""

import ast
from datetime import date

import pytest

from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.geld import toon_waarde
from doorbraak.domein.grondslagen import (
    GRONDSLAGEN_OMGEVING, KOLOMMEN, Grondslag, laad_grondslagen, standaard_grondslagenbestand,
)
from tests.conftest import PROJECT

MEEGELEVERD = PROJECT / "resources" / "grondslagen.csv"
VERPLICHTE_CODES = {
    "AWB-4:84", "AWB-3:4", "AWB-4:23", "PW-15", "PW-16", "PW-18", "PW-35", "JW-2.3",
    "WMO-2.3.2", "WMO-2.3.5", "GEMW-160", "HARDHEIDSCLAUSULE",
}
KOP = ",".join(KOLOMMEN)
GOED = ("PW-35,Participatiewet,35,Bijzondere bijstand,"
        "https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=35,2026-11-30")


def _schrijf(tmp_path, *regels, kop=KOP):
    pad = tmp_path / "grondslagen.csv"
    pad.write_text("\n".join((kop, *regels)) + "\n", encoding="utf-8")
    return pad


def _meldingen(pad, bron=True) -> list[str]:
    with pytest.raises(InvoerFout) as fout:
        laad_grondslagen(pad)
    assert fout.value.bron == (str(pad) if bron else "")
    return [str(p) for p in fout.value.problemen]


def test_meegeleverde_lijst_laadt(monkeypatch):
    monkeypatch.delenv(GRONDSLAGEN_OMGEVING, raising=False)
    assert standaard_grondslagenbestand() == MEEGELEVERD
    grondslagen = laad_grondslagen()
    assert grondslagen == laad_grondslagen(MEEGELEVERD)
    assert len(grondslagen) >= 12
    assert VERPLICHTE_CODES <= set(grondslagen)
    for code, g in grondslagen.items():
        assert isinstance(g, Grondslag) and g.code == code
        assert g.wet and g.artikel and g.omschrijving
        assert isinstance(g.gecontroleerd_op, date)
        assert g.url.startswith("https://wetten.overheid.nl/jci1.3:c:BWBR") or code == "HARDHEIDSCLAUSULE", code
    hardheid = grondslagen["HARDHEIDSCLAUSULE"]
    assert (hardheid.wet, hardheid.artikel) == ("eigen verordening", "hardheidsclausule")
    assert hardheid.url == "https://lokaleregelgeving.overheid.nl/"


def test_meegeleverde_lijst_heeft_precies_de_kolommen():
    kop = MEEGELEVERD.read_text(encoding="utf-8").splitlines()[0]
    assert kop == "code,wet,artikel,omschrijving,url,gecontroleerd_op"


def test_artikel_in_de_link_is_het_artikel_van_de_regel():
    for g in laad_grondslagen(MEEGELEVERD).values():
        if g.code != "HARDHEIDSCLAUSULE":
            assert g.url.endswith(f"&artikel={g.artikel.split()[0]}"), g.code


def test_eigen_lijst_via_de_omgevingsvariabele(tmp_path, monkeypatch):
    pad = _schrijf(tmp_path, GOED)
    monkeypatch.setenv(GRONDSLAGEN_OMGEVING, str(pad))
    assert standaard_grondslagenbestand() == pad
    assert list(laad_grondslagen()) == ["PW-35"]


def test_ontbrekende_kolommen(tmp_path):
    pad = _schrijf(tmp_path, "PW-35,Participatiewet,35,Bijzondere bijstand", kop="code,wet,artikel,omschrijving")
    assert _meldingen(pad) == [
        f"kolommen: ontbreken: url, gecontroleerd_op (de kop is {KOP})",
    ]


def test_leeg_veld(tmp_path):
    pad = _schrijf(tmp_path, GOED, "PW-16,Participatiewet,16,,https://wetten.overheid.nl/x,2026-11-30")
    assert _meldingen(pad) == ["regel 3 (PW-16).omschrijving: is leeg"]


def test_lege_code(tmp_path):
    pad = _schrijf(tmp_path, ",Participatiewet,16,Zeer dringende redenen,https://wetten.overheid.nl/x,2026-11-30")
    assert _meldingen(pad) == ["regel 2 (zonder code).code: is leeg"]


def test_dubbele_code(tmp_path):
    pad = _schrijf(tmp_path, GOED, GOED)
    assert _meldingen(pad) == ["regel 3 (PW-35): code PW-35 komt twee keer voor"]


def test_ongeldige_code(tmp_path):
    pad = _schrijf(tmp_path, GOED.replace("PW-35", "pw 35", 1))
    assert _meldingen(pad) == [
        "regel 2 (pw 35): code 'pw 35' is ongeldig (2 tot 40 tekens: hoofdletters, cijfers, - . :)",
    ]


@pytest.mark.parametrize("url", ["http://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=35",
                                 "wetten.overheid.nl/BWBR0015703", "https://"])
def test_url_zonder_https(tmp_path, url):
    pad = _schrijf(tmp_path, GOED.replace("https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=35", url))
    assert _meldingen(pad) == [f"regel 2 (PW-35).url: {toon_waarde(url)} is geen https-adres (begin met https://)"]


@pytest.mark.parametrize("datum", ["30-11-2026", "2026-02-30"])
def test_ongeldige_datum(tmp_path, datum):
    pad = _schrijf(tmp_path, GOED.replace("2026-11-30", datum))
    assert _meldingen(pad) == [f"regel 2 (PW-35).gecontroleerd_op: {datum!r} is geen datum (JJJJ-MM-DD)"]


def test_alle_fouten_tegelijk(tmp_path):
    pad = _schrijf(
        tmp_path,
        GOED,
        "PW-35,Participatiewet,35,Nog eens,https://wetten.overheid.nl/x,2026-11-30",
        "JW-2.3,Jeugdwet,,Jeugdhulp,http://wetten.overheid.nl/x,2026-13-01",
    )
    assert _meldingen(pad) == [
        "regel 3 (PW-35): code PW-35 komt twee keer voor",
        "regel 4 (JW-2.3).artikel: is leeg",
        "regel 4 (JW-2.3).url: 'http://wetten.overheid.nl/x' is geen https-adres (begin met https://)",
        "regel 4 (JW-2.3).gecontroleerd_op: '2026-13-01' is geen datum (JJJJ-MM-DD)",
    ]


def test_bestand_niet_gevonden(tmp_path):
    pad = tmp_path / "bestaat-niet.csv"
    assert _meldingen(pad, bron=False) == [f"{pad}: bestand niet gevonden"]


def test_geen_qt_in_de_grondslagen():
    bron = (PROJECT / "doorbraak" / "domein" / "grondslagen.py").read_text(encoding="utf-8")
    modules = set()
    for knoop in ast.walk(ast.parse(bron)):
        if isinstance(knoop, ast.Import):
            modules |= {a.name for a in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module:
            modules.add(knoop.module)
    verboden = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "doorbraak.gui", "doorbraak.cli", "doorbraak.export",
                "doorbraak.diensten")
    assert not [m for m in modules if m.startswith(verboden)]
