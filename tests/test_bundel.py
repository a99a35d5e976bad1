"""De bundel (PyInstaller, één map): één keer per testsessie gebouwd met `python -m doorbraak.bouw` in een tijdelijke
map, dan gedraaid zoals op een kantoorlaptop zonder Python: geen virtuele omgeving op het PATH (/usr/bin:/bin), een
lege HOME en lege mappen voor instellingen en gegevens, geen LANG.

Lokaal overslaan (de bouw kost ruim een minuut): DOORBRAAK_ZONDER_BUNDEL=1. In CI (CI=true, zoals .ci/run) mag dat
niet: dan faalt de sessie in plaats van stil over te slaan.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from doorbraak import PROJECTMAP
from doorbraak.bouw import bouw, grootte

VOORBEELD = PROJECTMAP / "resources" / "voorbeelden" / "huurachterstand.json"
DOEL_MB = 250
BOUWTIJD: list[float] = []  # s, van de bouw in deze sessie


@pytest.fixture(scope="session")
def bundel(tmp_path_factory) -> Path:
    if os.environ.get("DOORBRAAK_ZONDER_BUNDEL"):
        if os.environ.get("CI") == "true":
            pytest.fail("DOORBRAAK_ZONDER_BUNDEL is gezet in CI: de bundel moet daar gebouwd en getest worden")
        pytest.skip("DOORBRAAK_ZONDER_BUNDEL gezet: de bundel wordt niet gebouwd")
    begin = time.monotonic()
    map_ = bouw(tmp_path_factory.mktemp("dist"))
    BOUWTIJD.append(time.monotonic() - begin)
    return map_


@pytest.fixture
def kaal(tmp_path) -> dict[str, str]:
    """De omgeving van een gebruiker zonder Python: alleen het systeem-PATH, lege HOME, lege mappen, geen LANG."""
    for naam in ("home", "config", "data"):
        (tmp_path / naam).mkdir()
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "DOORBRAAK_CONFIG": str(tmp_path / "config"),
            "DOORBRAAK_DATA": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}


def _draai(programma: Path, *args, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(programma), *map(str, args)], env=env, cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_bundel_heeft_twee_programmas_en_de_bestanden(bundel):
    assert os.access(bundel / "doorbraak", os.X_OK) and os.access(bundel / "doorbraak-app", os.X_OK)
    intern = bundel / "_internal"
    assert (intern / "prijslijst" / "prijslijst.csv").is_file()
    assert (intern / "resources" / "grondslagen.csv").is_file()
    assert (intern / "resources" / "handleiding" / "handleiding.html").is_file()
    assert sorted(p.name for p in (intern / "resources" / "voorbeelden").glob("*.json")) == \
        sorted(p.name for p in (PROJECTMAP / "resources" / "voorbeelden").glob("*.json"))
    assert list((intern / "resources" / "fonts").glob("DejaVuSans*.ttf"))
    vertalingen = sorted(p.name for p in (intern / "PySide6" / "Qt" / "translations").glob("*.qm"))
    assert "qtbase_nl.qm" in vertalingen and all("_nl." in naam for naam in vertalingen)
    assert not list(intern.rglob("*QtWebEngine*")) and not list(intern.rglob("*Qt6Quick*"))
    assert not (intern / "matplotlib").exists() and not (intern / "scipy").exists()


def test_bundel_grootte(bundel, capsys):
    mb = grootte(bundel) / 1_000_000
    delen = {p.name: grootte(p) / 1_000_000 if p.is_dir() else p.stat().st_size / 1_000_000
             for p in (bundel / "_internal").iterdir() if not p.is_symlink()}
    with capsys.disabled():  # ook in de uitvoer van een geslaagde run (CI)
        print(f"\nbundel: {mb:.0f} MB uitgepakt (doel: onder {DOEL_MB} MB), gebouwd in "
              f"{BOUWTIJD[0] if BOUWTIJD else 0:.0f} s; grootste delen: " + ", ".join(
                  f"{naam} {mb_:.0f} MB" for naam, mb_ in sorted(delen.items(), key=lambda d: -d[1])[:8]))
    assert mb < 400, "de bundel is veel groter geworden: kijk wat er meekomt (packaging/doorbraak.spec)"


def test_bundel_bereken_gelijk_aan_venv(bundel, kaal, tmp_path):
    uit_bundel = _draai(bundel / "doorbraak", "bereken", VOORBEELD, "--json", env=kaal, cwd=tmp_path)
    assert uit_bundel.returncode == 0, uit_bundel.stderr
    venv = subprocess.run([sys.executable, "-m", "doorbraak", "bereken", str(VOORBEELD), "--json"],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    assert uit_bundel.stdout == venv.stdout
    assert json.loads(uit_bundel.stdout)["interventie_totaal"] == "2850.00"


def test_bundel_pdf_en_xlsx(bundel, kaal, tmp_path):
    import openpyxl
    import pypdfium2

    pdf, xlsx = tmp_path / "huur.pdf", tmp_path / "huur.xlsx"
    for opdracht, uit in (("pdf", pdf), ("xlsx", xlsx)):
        proces = _draai(bundel / "doorbraak", opdracht, VOORBEELD, "-o", uit, env=kaal, cwd=tmp_path)
        assert proces.returncode == 0, proces.stderr
    document = pypdfium2.PdfDocument(pdf)
    try:
        tekst = "".join(pagina.get_textpage().get_text_range() for pagina in document)
    finally:
        document.close()
    assert "€ 2.850,00" in tekst.replace("\xa0", " ")
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    getallen = [Decimal(str(v)) for ws in wb for rij in ws.iter_rows(values_only=True) for v in rij
                if isinstance(v, (int, float))]
    assert Decimal("2850") in getallen


def test_bundel_app_start_tot_doorgerekend_venster(bundel, kaal, tmp_path):
    """De rooktest (doorbraak.gui.rooktest): het venster met de doorgerekende casus, dan netjes dicht, exitcode 0."""
    proces = _draai(bundel / "doorbraak-app", VOORBEELD, env={**kaal, "DOORBRAAK_ROOKTEST": "1"}, cwd=tmp_path)
    assert proces.returncode == 0, proces.stderr
    regels = [r for r in proces.stdout.splitlines() if r.startswith("DOORBRAAK-ROOKTEST-KLAAR ")]
    assert len(regels) == 1, proces.stdout + proces.stderr
    gegevens = json.loads(regels[0].split(" ", 1)[1].replace("\xa0", " "))
    assert gegevens == {"casus_id": "OEF-HUUR-01", "interventie": "€ 2.850,00"}
    assert "Traceback" not in proces.stderr


def test_bouw_zonder_pyinstaller_meldt_dat_in_het_nederlands(monkeypatch, tmp_path, capsys):
    import importlib.util

    from doorbraak import bouw as bouwmodule

    echte = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda naam, *a: None if naam == "PyInstaller" else echte(naam, *a))
    assert bouwmodule.main(["--uit", str(tmp_path / "dist")]) == 2
    assert capsys.readouterr().err == ('doorbraak.bouw: PyInstaller is niet geïnstalleerd. Installeer het met: '
                                       'pip install -e ".[test]"\n')
    assert not (tmp_path / "dist").exists()


def test_rooktest_in_de_venv(kaal, tmp_path):
    """Dezelfde rooktest zonder bundel (ook als DOORBRAAK_ZONDER_BUNDEL gezet is): `doorbraak open CASUS`."""
    env = {**os.environ, **kaal, "DOORBRAAK_ROOKTEST": "1", "PATH": os.environ["PATH"]}
    proces = subprocess.run([sys.executable, "-m", "doorbraak", "open", str(VOORBEELD)], env=env, cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proces.returncode == 0, proces.stderr
    regels = [r for r in proces.stdout.splitlines() if r.startswith("DOORBRAAK-ROOKTEST-KLAAR ")]
    assert [json.loads(r.split(" ", 1)[1].replace("\xa0", " ")) for r in regels] == \
        [{"casus_id": "OEF-HUUR-01", "interventie": "€ 2.850,00"}]
