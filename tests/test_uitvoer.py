"""Geen opdracht vernietigt invoer: waar `pdf`, `xlsx`, `register exporteer`, `prijslijst exporteer`,
`prijslijst importeer`, `bereken --vastleggen` en de export in de app wel en niet mogen schrijven."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from doorbraak.diensten import dien_in, toets
from doorbraak.uitvoer import CASUS_XLSX, PRIJSLIJST_XLSX, REGISTER_XLSX, VERANTWOORDING_PDF, herken
from tests.conftest import PROJECT, VOORBEELDEN, casusdata, draai
from tests.registerhulp import ANNA, BERT, nieuw_register, schrijf_casus

PRIJSLIJST = PROJECT / "prijslijst"


@pytest.fixture
def casus(tmp_path: Path) -> Path:
    pad = tmp_path / "casus.json"
    shutil.copy(VOORBEELDEN / "huurachterstand.json", pad)
    return pad


@pytest.fixture(autouse=True)
def meegeleverde_prijslijst(monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)


def _inhoud(map_: Path) -> dict[str, bytes]:
    """Elk bestand onder `map_` met zijn bytes (ook verborgen tijdelijke bestanden)."""
    return {str(p.relative_to(map_)): p.read_bytes() for p in sorted(map_.rglob("*")) if p.is_file() and not p.is_symlink()}


def _link(doel: Path, naam: Path, hard: bool = False) -> Path:
    try:
        os.link(doel, naam) if hard else os.symlink(doel, naam)
    except (OSError, NotImplementedError) as fout:
        pytest.skip(f"links maken kan hier niet: {fout}")
    return naam


def _vreemd_excel(pad: Path) -> Path:
    """Een eigen werkmap van een gebruiker (zoals Excel die zou opslaan, met een andere maker)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "mijn eigen begroting"
    wb.properties.creator = wb.properties.lastModifiedBy = "Jan Jansen"
    wb.save(pad)
    return pad


def _vreemde_pdf(pad: Path) -> Path:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Creator"] = "Word"
    pdf.save(pad)
    return pad


# ------------------------------------------------------------------ de invoer zelf


@pytest.mark.parametrize("opdracht", ["pdf", "xlsx"])
@pytest.mark.parametrize("schrijfwijze", ["zelfde", "andere schrijfwijze", "symbolische link", "harde link"])
def test_export_nooit_over_de_casus(tmp_path, casus, capsys, monkeypatch, opdracht, schrijfwijze):
    voor = casus.read_bytes()
    (tmp_path / "sub").mkdir()
    doel = {
        "zelfde": lambda: casus,
        "andere schrijfwijze": lambda: tmp_path / "sub" / ".." / "." / "casus.json",
        "symbolische link": lambda: _link(casus, tmp_path / "link.json"),
        "harde link": lambda: _link(casus, tmp_path / "hard.json", hard=True),
    }[schrijfwijze]()
    inhoud = _inhoud(tmp_path)
    for extra in ((), ("--overschrijven",)):  # ook --overschrijven overschrijft de invoer nooit
        code, uit, err = draai(capsys, opdracht, casus, "-o", doel, *extra)
        assert code == 2 and uit == ""
        assert f"doorbraak: {doel}: is " in err and "het casusbestand" in err and "de invoer van deze opdracht" in err
        assert "er is niets gewijzigd" in err
        assert casus.read_bytes() == voor and _inhoud(tmp_path) == inhoud  # geen .tmp-restanten
    if schrijfwijze.endswith("link"):
        assert f"hetzelfde bestand als het casusbestand {casus}" in err
    else:
        assert "is het casusbestand zelf" in err


def test_casus_uit_een_andere_map_via_een_relatief_pad(tmp_path, casus, capsys, monkeypatch):
    (tmp_path / "werk").mkdir()
    monkeypatch.chdir(tmp_path / "werk")
    voor = casus.read_bytes()
    code, _, err = draai(capsys, "pdf", "../casus.json", "-o", str(casus))
    assert code == 2 and "is hetzelfde bestand als het casusbestand ../casus.json" in err and casus.read_bytes() == voor


def test_export_nooit_over_de_prijslijst(tmp_path, casus, capsys, monkeypatch):
    prijslijst = shutil.copytree(PRIJSLIJST, tmp_path / "prijslijst")
    inhoud = _inhoud(prijslijst)
    for opdracht in ("pdf", "xlsx"):
        for naam in ("prijslijst.csv", "indexcijfers.csv", "versie.json"):
            code, _, err = draai(capsys, opdracht, casus, "--prijslijst", prijslijst, "-o", prijslijst / naam,
                                 "--overschrijven")
            assert code == 2 and "is een bestand van de prijslijst zelf, de invoer van deze opdracht" in err
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(prijslijst))  # ook de prijslijst die standaard geldt
    code, _, err = draai(capsys, "pdf", casus, "-o", prijslijst / "prijslijst.csv", "--overschrijven")
    assert code == 2 and "de invoer van deze opdracht" in err
    assert _inhoud(prijslijst) == inhoud


def test_prijslijst_exporteer_nooit_over_de_prijslijst(tmp_path, capsys):
    prijslijst = shutil.copytree(PRIJSLIJST, tmp_path / "prijslijst")
    inhoud = _inhoud(prijslijst)
    link = _link(prijslijst / "prijslijst.csv", tmp_path / "lijst.xlsx")
    for doel in (prijslijst / "prijslijst.csv", prijslijst / "indexcijfers.csv", link):
        for extra in ((), ("--overschrijven",)):
            code, uit, err = draai(capsys, "prijslijst", "exporteer", doel, "--prijslijst", prijslijst, *extra)
            assert code == 2 and uit == "" and f"{doel}: is " in err and "de invoer van deze opdracht" in err
    assert _inhoud(prijslijst) == inhoud
    # naast de CSV-bestanden in dezelfde map mag wel
    code, _, _ = draai(capsys, "prijslijst", "exporteer", prijslijst / "prijslijst.xlsx", "--prijslijst", prijslijst)
    assert code == 0 and herken(prijslijst / "prijslijst.xlsx")[0] == PRIJSLIJST_XLSX.kenmerk


def test_vastleggen_nooit_over_de_invoer(tmp_path, casus, capsys):
    voor = casus.read_bytes()
    prijslijst = shutil.copytree(PRIJSLIJST, tmp_path / "prijslijst")
    link = _link(casus, tmp_path / "vast.json")
    code, _, err = draai(capsys, "bereken", casus, "--vastleggen", link)
    assert code == 2 and "is hetzelfde bestand als het casusbestand" in err and casus.read_bytes() == voor
    code, _, err = draai(capsys, "bereken", casus, "--prijslijst", prijslijst, "--vastleggen", prijslijst / "versie.json")
    assert code == 2 and "is een bestand van de prijslijst zelf" in err
    assert _inhoud(prijslijst) == _inhoud(PRIJSLIJST)
    code, _, err = draai(capsys, "bereken", casus, "--vastleggen", tmp_path)
    assert code == 2 and "is een map; geef een bestandsnaam" in err
    code, _, _ = draai(capsys, "bereken", casus, "--vastleggen", tmp_path / "nieuw.json")
    assert code == 0 and json.loads((tmp_path / "nieuw.json").read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("hard", [False, True])
def test_importeer_nooit_over_het_eigen_excelbestand(tmp_path, capsys, hard):
    """Het Excel-bestand staat in de doelmap onder de naam prijslijst.csv; de opdracht noemt het via een link."""
    naar = shutil.copytree(PRIJSLIJST, tmp_path / "naar")
    code, _, _ = draai(capsys, "prijslijst", "exporteer", tmp_path / "export.xlsx")
    assert code == 0
    os.replace(tmp_path / "export.xlsx", naar / "prijslijst.csv")
    xlsx = _link(naar / "prijslijst.csv", tmp_path / "lijst.xlsx", hard=hard)
    inhoud = _inhoud(naar)
    code, uit, err = draai(capsys, "prijslijst", "importeer", xlsx, "--naar", naar, "--versie", "2099.1", "--door", "Jan")
    assert code == 2 and uit == ""
    assert "prijslijst.csv: is hetzelfde bestand als het Excel-bestand dat wordt ingelezen" in err
    assert _inhoud(naar) == inhoud and xlsx.read_bytes() == (naar / "prijslijst.csv").read_bytes()


def test_importeer_doelbestand_is_een_map(tmp_path, capsys):
    naar = shutil.copytree(PRIJSLIJST, tmp_path / "naar")
    (naar / "versie.json").unlink()
    (naar / "versie.json").mkdir()
    code, _, _ = draai(capsys, "prijslijst", "exporteer", tmp_path / "lijst.xlsx")
    assert code == 0
    code, _, err = draai(capsys, "prijslijst", "importeer", tmp_path / "lijst.xlsx", "--naar", naar)
    assert code == 2 and "versie.json: is een map; geef een bestandsnaam" in err


# ------------------------------------------------------------------ een eerdere export, of een vreemd bestand


def test_eerdere_export_van_dezelfde_soort_wordt_vervangen(tmp_path, casus, capsys):
    ander = tmp_path / "ander.json"
    shutil.copy(VOORBEELDEN / "ov-kaart.json", ander)
    for opdracht, soort in (("pdf", VERANTWOORDING_PDF), ("xlsx", CASUS_XLSX)):
        doel = tmp_path / f"uit.{opdracht}"
        assert draai(capsys, opdracht, casus, "-o", doel)[0] == 0
        eerst = doel.read_bytes()
        assert herken(doel)[0] == soort.kenmerk
        code, uit, err = draai(capsys, opdracht, ander, "-o", doel)
        assert code == 0 and str(doel) in uit and doel.read_bytes() != eerst
    assert draai(capsys, "prijslijst", "exporteer", tmp_path / "p.xlsx")[0] == 0
    assert draai(capsys, "prijslijst", "exporteer", tmp_path / "p.xlsx")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ander.json", "casus.json", "p.xlsx", "uit.pdf", "uit.xlsx"]


def _casus_json(pad: Path) -> Path:
    shutil.copy(VOORBEELDEN / "ov-kaart.json", pad)
    return pad


def _csv(pad: Path) -> Path:
    pad.write_text("code,naam\nA,b\n", encoding="utf-8")
    return pad


def _bewerkte_export(pad: Path) -> Path:
    """Een export van Doorbraak die daarna in Excel is bewerkt en opgeslagen (Excel zet lastModifiedBy)."""
    from openpyxl import load_workbook

    assert draai_stil(["prijslijst", "exporteer", str(pad)]) == 0
    wb = load_workbook(pad)
    wb.worksheets[0]["B2"] = "door Jan aangepast"
    wb.properties.lastModifiedBy = "Jan Jansen"
    wb.save(pad)
    return pad


def _aangevulde_pdf(pad: Path) -> Path:
    """Een PDF van Doorbraak waar een ander programma een bijwerking aan heeft gehangen (incrementeel opslaan)."""
    assert draai_stil(["pdf", str(VOORBEELDEN / "huurachterstand.json"), "-o", str(pad)]) == 0
    with open(pad, "ab") as f:
        f.write(b"1 0 obj\n<< /Annots [] >>\nendobj\nxref\n0 0\ntrailer\n<< >>\nstartxref\n0\n%%EOF\n")
    return pad


def draai_stil(args: list[str]) -> int:
    import contextlib
    import io

    from doorbraak.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(args)


@pytest.mark.parametrize("opdracht, naam, maak", [
    ("pdf", "casus-kopie.json", _casus_json),
    ("pdf", "lijst.csv", _csv),
    ("pdf", "brief.pdf", _vreemde_pdf),
    ("pdf", "bewerkt.pdf", _aangevulde_pdf),
    ("pdf", "begroting.xlsx", _vreemd_excel),
    ("xlsx", "begroting.xlsx", _vreemd_excel),
    ("xlsx", "brief.pdf", _vreemde_pdf),
    ("prijslijst", "begroting.xlsx", _vreemd_excel),
    ("prijslijst", "bewerkt.xlsx", _bewerkte_export),
    ("register", "begroting.xlsx", _vreemd_excel),
], ids=lambda x: getattr(x, "__name__", x))
def test_vreemd_bestand_alleen_met_overschrijven(tmp_path, casus, capsys, opdracht, naam, maak):
    doel = maak(tmp_path / naam)
    reg = nieuw_register(tmp_path / "reg")
    opdrachten = {
        "pdf": ["pdf", casus, "-o", doel],
        "xlsx": ["xlsx", casus, "-o", doel],
        "prijslijst": ["prijslijst", "exporteer", doel],
        "register": ["register", "exporteer", "--register", reg, "-o", doel],
    }
    soort = {"pdf": VERANTWOORDING_PDF, "xlsx": CASUS_XLSX, "prijslijst": PRIJSLIJST_XLSX, "register": REGISTER_XLSX}
    voor = doel.read_bytes()
    inhoud = _inhoud(tmp_path)
    code, uit, err = draai(capsys, *opdrachten[opdracht])
    assert code == 2 and uit == ""
    assert f"doorbraak: {doel}: bestaat al en is geen eerder" in err and "--overschrijven" in err
    assert doel.read_bytes() == voor and _inhoud(tmp_path) == inhoud
    code, uit, err = draai(capsys, *opdrachten[opdracht], "--overschrijven")
    assert code == 0 and str(doel) in uit
    assert herken(doel)[0] == soort[opdracht].kenmerk
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_melding_noemt_wat_het_bestaande_bestand_is(tmp_path, casus, capsys):
    assert draai(capsys, "prijslijst", "exporteer", tmp_path / "lijst.xlsx")[0] == 0
    voor = (tmp_path / "lijst.xlsx").read_bytes()
    code, _, err = draai(capsys, "xlsx", casus, "-o", tmp_path / "lijst.xlsx")
    assert code == 2 and "geen eerdere casusspreadsheet van Doorbraak (het is een prijslijstspreadsheet" in err
    assert (tmp_path / "lijst.xlsx").read_bytes() == voor
    _bewerkte_export(tmp_path / "bewerkt.xlsx")
    code, _, err = draai(capsys, "prijslijst", "exporteer", tmp_path / "bewerkt.xlsx")
    assert code == 2 and "(na het exporteren gewijzigd door Jan Jansen)" in err


# ------------------------------------------------------------------ mappen en ontbrekende mappen


@pytest.mark.parametrize("opdracht", ["pdf", "xlsx", "prijslijst", "register", "vastleggen"])
def test_uitvoer_naar_een_map(tmp_path, casus, capsys, opdracht):
    reg = nieuw_register(tmp_path / "reg")
    (tmp_path / "uit").mkdir()
    argumenten = {
        "pdf": lambda o: ["pdf", casus, "-o", o],
        "xlsx": lambda o: ["xlsx", casus, "-o", o],
        "prijslijst": lambda o: ["prijslijst", "exporteer", o],
        "register": lambda o: ["register", "exporteer", "--register", reg, "-o", o],
        "vastleggen": lambda o: ["bereken", casus, "--vastleggen", o],
    }[opdracht]
    inhoud = _inhoud(tmp_path)
    for doel in (tmp_path / "uit", f"{tmp_path / 'nieuw'}{os.sep}", f"{tmp_path / 'uit'}{os.sep}", "."):
        code, _, err = draai(capsys, *argumenten(doel), *(("--overschrijven",) if opdracht != "vastleggen" else ()))
        assert code == 2 and f"doorbraak: {doel}: is een map; geef een bestandsnaam" in err, err
        assert ".tmp" not in err
    code, _, err = draai(capsys, *argumenten(tmp_path / "bestaat-niet" / "x.xlsx"))
    assert code == 2 and f"de map {tmp_path / 'bestaat-niet'} bestaat niet; er is niets geschreven" in err
    code, _, err = draai(capsys, *argumenten(casus / "x.xlsx"))
    assert code == 2 and f"{casus} is geen map" in err
    assert _inhoud(tmp_path) == inhoud and not (tmp_path / "nieuw").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")
def test_geen_gewoon_bestand(tmp_path, casus, capsys):
    """Een pipe of apparaat (zoals /dev/null) wordt nooit vervangen, ook niet met --overschrijven; de test
    gebruikt een eigen pipe, zodat een fout hier nooit een bestand van het systeem raakt."""
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    code, _, err = draai(capsys, "pdf", casus, "-o", pipe, "--overschrijven")
    assert code == 2 and f"{pipe}: is geen gewoon bestand" in err and not pipe.is_file() and pipe.exists()


# ------------------------------------------------------------------ het register


@pytest.fixture
def register_met_goedkeuring(tmp_path) -> Path:
    reg = nieuw_register(tmp_path / "reg")
    pad = schrijf_casus(tmp_path, "UIT-1", "1000.00")
    dien_in(pad, reg, gebruiker=ANNA)
    toets("UIT-1", True, "goed onderbouwd", reg, gebruiker=BERT)
    assert (reg / "verantwoording" / "UIT-1-1.pdf").is_file()  # het register schreef zijn eigen document
    return reg


def test_nooit_in_het_register(register_met_goedkeuring, tmp_path, casus, capsys):
    reg = register_met_goedkeuring
    stuk = next((reg / "stukken").iterdir())
    inhoud = _inhoud(reg)
    pogingen = [
        ["register", "exporteer", "--register", reg, "-o", reg / "records" / "000000000001.json"],
        ["register", "exporteer", "--register", reg, "-o", reg / "kop.json"],
        ["register", "exporteer", "--register", reg, "-o", stuk],
        ["register", "exporteer", "--register", reg, "-o", reg / "records" / "overzicht.xlsx"],
        ["register", "exporteer", "--register", reg, "-o", reg / "verantwoording" / "UIT-1-1.pdf"],
        ["xlsx", "UIT-1", "--register", reg, "-o", reg / "register.xlsx"],
        ["pdf", "UIT-1", "--register", reg, "-o", reg / "register.lock"],
        ["pdf", casus, "-o", reg / "verantwoording" / "UIT-1-1.pdf"],  # een casusbestand: het register is geen invoer
        ["xlsx", casus, "-o", reg / "records" / "000000000002.json"],
        ["prijslijst", "exporteer", reg / "stukken" / "lijst.xlsx"],
    ]
    for poging in pogingen:
        code, uit, err = draai(capsys, *poging, "--overschrijven")
        assert code == 2 and uit == "", poging
        assert f"doorbraak: {poging[poging.index('-o') + 1] if '-o' in poging else poging[2]}: ligt in het register " \
               f"{reg}" in err and "wordt nooit overschreven" in err, err
    link = _link(reg / "records" / "000000000001.json", tmp_path / "record.xlsx")
    code, _, err = draai(capsys, "register", "exporteer", "--register", reg, "-o", link, "--overschrijven")
    assert code == 2 and "ligt in het register" in err
    assert _inhoud(reg) == inhoud
    code, _, err = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 0, err


def test_het_register_schrijft_zijn_eigen_exports(register_met_goedkeuring, capsys):
    """`register exporteer -o MAP/register.xlsx` schrijft wat het register na elke wijziging zelf schrijft, en
    `pdf CASUS_ID --register MAP -o MAP/verantwoording/…pdf` wat het na een goedkeuring zelf schrijft."""
    reg = register_met_goedkeuring
    (reg / "register.xlsx").write_bytes(b"oud")  # ook een register.xlsx van een oudere versie
    code, uit, _ = draai(capsys, "register", "exporteer", "--register", reg, "-o", reg / "register.xlsx")
    assert code == 0 and herken(reg / "register.xlsx")[0] == REGISTER_XLSX.kenmerk
    document = reg / "verantwoording" / "UIT-1-1.pdf"
    voor = document.read_bytes()
    code, _, _ = draai(capsys, "pdf", "UIT-1", "--register", reg, "-o", document)
    assert code == 0 and document.read_bytes() == voor  # deterministisch: hetzelfde document
    code, _, _ = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 0


# ------------------------------------------------------------------ de app


def test_app_exporteert_nooit_over_de_open_casus(omgeving, tmp_path):
    pad = tmp_path / "open.json"
    pad.write_text(json.dumps(casusdata(casus_id="APP-1")), encoding="utf-8")
    voor = pad.read_bytes()
    v = omgeving.open(pad)
    assert v.pad == pad and v.bc is not None
    omgeving.dialogen.zet("kies_opslagbestand", pad, _link(pad, tmp_path / "link.xlsx"))
    for actie in ("pdf", "xlsx"):
        v.acties[actie].trigger()
        omgeving.wacht(v)
    fouten = omgeving.dialogen.teksten("fout")
    assert len(fouten) == 2 and "is het casusbestand zelf, de invoer van deze opdracht" in fouten[0]
    assert "is hetzelfde bestand als het casusbestand" in fouten[1]
    assert pad.read_bytes() == voor and [p.name for p in tmp_path.glob("*.tmp")] == []
    # het opslagvenster vroeg al of een bestaand bestand vervangen mag: dat geldt hier als --overschrijven
    vreemd = _vreemde_pdf(tmp_path / "brief.pdf")
    omgeving.dialogen.zet("kies_opslagbestand", vreemd)
    v.acties["pdf"].trigger()
    omgeving.wacht(v)
    assert len(omgeving.dialogen.teksten("fout")) == 2 and herken(vreemd)[0] == VERANTWOORDING_PDF.kenmerk
