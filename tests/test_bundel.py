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
from tests.test_monitor import reg  # noqa: F401 (fixture: een register met vijf aanvragen)

VOORBEELD = PROJECTMAP / "resources" / "voorbeelden" / "huurachterstand.json"
# Bibliotheken van het Linux-bureaublad die PyInstaller niet meeneemt als ze op de bouwmachine ontbreken (zoals
# in CI, zonder bureaublad); een bureaublad met X11 of Wayland heeft ze. Alleen deze mogen ontbreken.
BUREAUBLAD = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libwayland-cursor.so.0",
              "libwayland-egl.so.1", "libwayland-client.so.0"}
DOEL_MB = 250
BOUWTIJD: list[float] = []  # s, van de bouw in deze sessie


@pytest.fixture(scope="session")
def bundel(tmp_path_factory) -> Path:
    if sys.platform != "linux":  # de controles hieronder (ldd, .so, PySide6/Qt/plugins) zijn die van Linux
        pytest.skip("de bundel wordt hier alleen op Linux getest; voor Windows: zie README")
    if os.environ.get("DOORBRAAK_ZONDER_BUNDEL"):
        if os.environ.get("CI") == "true":
            pytest.fail("DOORBRAAK_ZONDER_BUNDEL is gezet in CI: de bundel moet daar gebouwd en getest worden")
        pytest.skip("DOORBRAAK_ZONDER_BUNDEL gezet: de bundel wordt niet gebouwd")
    begin = time.monotonic()
    map_ = bouw(tmp_path_factory.mktemp("dist"))
    BOUWTIJD.append(time.monotonic() - begin)
    return map_


@pytest.fixture
def registers(pgcluster, tmp_path):
    from tests.registerhulp import Registers

    r = Registers("postgresql", tmp_path, pgcluster)
    yield r
    r.ruim_op()


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
    assert mb < DOEL_MB, (f"de bundel is {mb:.0f} MB, het budget van issue 17 is {DOEL_MB} MB: kijk wat er "
                          "meekomt (packaging/doorbraak.spec; python -m doorbraak.bouw --uitgebreid)")


def test_bundel_zonder_wat_een_kantoorlaptop_niet_gebruikt(bundel):
    """packaging/doorbraak.spec laat Qt-plugins en bibliotheken weg; wat een bureaublad nodig heeft, blijft."""
    intern = bundel / "_internal"
    plugins = {f"{p.parent.name}/{p.name}" for p in (intern / "PySide6" / "Qt" / "plugins").glob("*/*")}
    for nodig in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                  "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                  "platforminputcontexts/libibusplatforminputcontextplugin.so",
                  "platformthemes/libqxdgdesktopportal.so", "iconengines/libqsvgicon.so",
                  "wayland-shell-integration/libxdg-shell.so", "xcbglintegrations/libqxcb-glx-integration.so"):
        assert nodig in plugins
    for weg in ("platforms/libqvnc.so", "platforms/libqeglfs.so", "platformthemes/libqgtk3.so",
                "imageformats/libqtiff.so", "imageformats/libqwebp.so"):
        assert weg not in plugins
    assert not [p for p in plugins if p.startswith(("generic/", "egldeviceintegrations/"))]
    namen = {p.name for p in intern.rglob("*")}
    for weg in ("libQt6Network.so.6", "libcairo.so.2", "libgtk-3.so.0", "libsqlite3.so.0", "jsonschema", "rpds",
                "pydoc_data", "f2py"):
        assert weg not in namen
    assert not list(intern.glob("lxml/objectify*")) and not list(intern.glob("PIL/_avif*"))
    assert (intern / "pikepdf" / "pdfa" / "data" / "sRGB.icc").is_file()  # het kleurprofiel van PDF/A blijft
    assert not [p for p in intern.rglob("*") if p.is_symlink() and not p.exists()], "koppeling naar iets wat weg is"
    # Gestript: libpython zonder debuginformatie (was 23 MB); de modules als .pyc met -OO, één keer voor beide.
    assert [p.stat().st_size < 10_000_000 for p in intern.glob("libpython3*.so*") if not p.is_symlink()] == [True]
    assert (bundel / "doorbraak").stat().st_size < 2_000_000 and (bundel / "doorbraak-app").stat().st_size < 2_000_000
    diensten = (intern / "doorbraak" / "diensten.pyc").read_bytes()
    assert not list(intern.rglob("doorbraak/*.py"))
    assert b"toonbare_locatie" in diensten and "Waar het register staat, om te tonen".encode() not in diensten  # -OO


def test_bundel_mist_geen_bibliotheek(bundel):
    """Elke bibliotheek die een meegeleverd bestand nodig heeft, zit in de bundel, of is er een die PyInstaller
    bewust van het systeem laat nemen (libc, libGL, ...), of is een bibliotheek van het bureaublad (BUREAUBLAD).
    Zo kan het snoeien in de spec niets weghalen wat nog nodig is: een weggehaalde Qt-bibliotheek staat niet op
    het systeem, dus ldd meldt haar als 'not found'."""
    import re

    from PyInstaller.depend.dylib import include_library

    intern = bundel / "_internal"
    aanwezig = {p.name for p in intern.rglob("*")}
    ontbreekt, bekeken = {}, 0
    for bestand in intern.rglob("*.so*"):
        if bestand.is_symlink() or not bestand.is_file() or bestand.read_bytes()[:4] != b"\x7fELF":
            continue
        bekeken += 1
        uit = subprocess.run(["ldd", str(bestand)], capture_output=True, text=True,
                             env={"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(intern)}).stdout
        for naam, pad in re.findall(r"^\s*(\S+) => (.+?)(?: \(0x[0-9a-f]+\))?$", uit, re.MULTILINE):
            if pad != "not found" and (naam in aanwezig or not include_library(naam)):
                continue  # in de bundel, of bewust van het systeem
            if pad == "not found" and naam in BUREAUBLAD:
                continue
            ontbreekt.setdefault(naam, []).append(bestand.relative_to(intern).as_posix())
    assert bekeken > 100 and not ontbreekt, ontbreekt


def _venv_omgeving(kaal: dict[str, str]) -> dict[str, str]:
    """De omgeving voor de vergelijking met de venv: die van dit proces, met dezelfde lege mappen als de bundel en
    zonder eigen prijslijst."""
    omgeving = {**os.environ, **{k: kaal[k] for k in ("HOME", "DOORBRAAK_CONFIG", "DOORBRAAK_DATA")}}
    omgeving.pop("DOORBRAAK_PRIJSLIJST", None)
    return omgeving


def test_bundel_bereken_gelijk_aan_venv(bundel, kaal, tmp_path):
    uit_bundel = _draai(bundel / "doorbraak", "bereken", VOORBEELD, "--json", env=kaal, cwd=tmp_path)
    assert uit_bundel.returncode == 0, uit_bundel.stderr
    venv = subprocess.run([sys.executable, "-m", "doorbraak", "bereken", str(VOORBEELD), "--json"],
                          capture_output=True, text=True, encoding="utf-8", check=True, env=_venv_omgeving(kaal))
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


def test_bundel_monitor_met_pandas(bundel, kaal, reg, tmp_path):  # noqa: F811 (reg: de fixture hierboven)
    """De monitor (pandas en numpy, met -OO in de bundel) over een register met aanvragen: dezelfde cijfers als de
    venv, en een Excel-bestand met de bedragen."""
    import openpyxl

    uit_bundel = _draai(bundel / "doorbraak", "monitor", "--register", reg, "--json", env=kaal, cwd=tmp_path)
    assert uit_bundel.returncode == 0, uit_bundel.stderr
    venv = subprocess.run([sys.executable, "-m", "doorbraak", "monitor", "--register", str(reg), "--json"],
                          capture_output=True, text=True, encoding="utf-8", check=True, env=_venv_omgeving(kaal))
    assert json.loads(uit_bundel.stdout) == json.loads(venv.stdout)
    cijfers = json.loads(uit_bundel.stdout)
    assert (cijfers["aantal_aanvragen"], cijfers["toegekend_totaal"], cijfers["rendement_ratio"]) == \
        (5, "3500.00", "4.29"), cijfers
    xlsx = tmp_path / "monitor.xlsx"
    proces = _draai(bundel / "doorbraak", "monitor", "--register", reg, "-o", xlsx, env=kaal, cwd=tmp_path)
    assert proces.returncode == 0, proces.stderr
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    getallen = {Decimal(str(v)) for ws in wb for rij in ws.iter_rows(values_only=True) for v in rij
                if isinstance(v, (int, float))}
    assert {Decimal("3500"), Decimal("1000"), Decimal("2500")} <= getallen


def test_bundel_met_postgresql(bundel, kaal, registers, tmp_path):
    """Het register in PostgreSQL vanuit de bundel (psycopg met eigen libpq, het meegeleverde schema): aanmaken,
    indienen, stand en hashketen; de stand is dezelfde als die van de venv. Een server die er niet is, geeft de
    Nederlandse melding en exitcode 2."""
    from tests.pgcluster import psql
    from tests.registerhulp import schrijf_casus

    plek = registers.leeg()
    database = plek.basis.split("///")[1].split("?")[0]
    init = _draai(bundel / "doorbraak", "register", "init", plek.als("eigenaar"), "--budget", "10000",
                  "--escalatie", "marieke", env=kaal, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert psql(registers.cluster, "postgres", 'GRANT doorbraak_coach TO "anna", "bert"', database).returncode == 0
    casus = schrijf_casus(tmp_path, "PG-1", "1250.00")
    dien_in = _draai(bundel / "doorbraak", "indienen", casus, "--register", plek.als("anna"), env=kaal, cwd=tmp_path)
    assert dien_in.returncode == 0, dien_in.stderr
    toets = _draai(bundel / "doorbraak", "toetsen", "PG-1", "--akkoord", "--register", plek.als("bert"), env=kaal,
                   cwd=tmp_path)
    assert toets.returncode == 0, toets.stderr
    stand = _draai(bundel / "doorbraak", "register", "status", "--register", plek.als("bert"), "--json", env=kaal,
                   cwd=tmp_path)
    assert stand.returncode == 0, stand.stderr
    venv = subprocess.run([sys.executable, "-m", "doorbraak", "register", "status", "--register", plek.als("bert"),
                           "--json"], capture_output=True, text=True, encoding="utf-8", check=True,
                          env=_venv_omgeving(kaal))
    assert json.loads(stand.stdout) == json.loads(venv.stdout)
    assert (json.loads(stand.stdout)["toegekend"], json.loads(stand.stdout)["beschikbaar"]) == ("1250.00", "8750.00")
    keten = _draai(bundel / "doorbraak", "register", "verifieer", "--register", plek.als("bert"), env=kaal,
                   cwd=tmp_path)
    assert keten.returncode == 0, keten.stderr
    weg = _draai(bundel / "doorbraak", "register", "status", "--register",
                 f"postgresql:///doorbraak?host={tmp_path / 'geen-server'}&port=5999&user=anna", env=kaal, cwd=tmp_path)
    assert weg.returncode == 2 and "Traceback" not in weg.stderr
    assert "niet bereikbaar" in weg.stderr or "geen verbinding" in weg.stderr, weg.stderr


def _afdruk_van_de_rooktest(opdracht: list, env: dict[str, str], cwd: Path, png: Path) -> None:
    proces = subprocess.run(list(map(str, opdracht)), env={**env, "DOORBRAAK_ROOKTEST": "1",
                            "DOORBRAAK_ROOKTEST_AFDRUK": str(png)}, cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert proces.returncode == 0 and png.is_file(), proces.stderr


def test_bundel_venster_ziet_eruit_als_in_de_venv(bundel, tmp_path):
    """Een schermafdruk van het hoofdvenster uit de bundel (met zijn eigen Qt, lettertypen en plugins) naast die
    uit de venv, allebei met lege mappen: even groot, en de casus en de businesscase vrijwel pixel voor pixel
    gelijk (tests/artefacten/). Het linkerpaneel telt niet mee: daar leest het register nog op de achtergrond,
    en hoe ver dat is als het venster klaar is, verschilt per start."""
    from PySide6.QtGui import QImage

    from tests.guihulp import ARTEFACTEN

    ARTEFACTEN.mkdir(exist_ok=True)
    afdrukken = {}
    # Elk met zijn eigen voorbeeld, zodat beide de werkkopie als voorbeeld herkennen (met "Voorbeeld herstellen").
    eigen = bundel / "_internal" / "resources" / "voorbeelden" / VOORBEELD.name
    for soort, opdracht in (("bundel", [bundel / "doorbraak-app", eigen]),
                            ("venv", [sys.executable, "-m", "doorbraak", "open", VOORBEELD])):
        mappen = {naam: tmp_path / soort / naam for naam in ("home", "config", "data")}
        for map_ in mappen.values():
            map_.mkdir(parents=True)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(mappen["home"]), "DOORBRAAK_CONFIG": str(mappen["config"]),
               "DOORBRAAK_DATA": str(mappen["data"]), "QT_QPA_PLATFORM": "offscreen"}
        if soort == "venv":
            env = {**_venv_omgeving(env), "QT_QPA_PLATFORM": "offscreen"}
        png = ARTEFACTEN / f"rooktest-{soort}.png"
        png.unlink(missing_ok=True)
        _afdruk_van_de_rooktest(opdracht, env, tmp_path, png)
        afdrukken[soort] = QImage(str(png))
    bundel_beeld, venv_beeld = afdrukken["bundel"], afdrukken["venv"]
    assert bundel_beeld.size() == venv_beeld.size() and bundel_beeld.width() >= 800
    breedte, hoogte = bundel_beeld.width(), bundel_beeld.height()
    punten = [(x, y) for y in range(0, hoogte, 2) for x in range(breedte * 3 // 10, breedte, 2)]
    anders = sum(bundel_beeld.pixel(x, y) != venv_beeld.pixel(x, y) for x, y in punten)
    assert anders <= 0.001 * len(punten), f"{anders} van de {len(punten)} pixels verschillen"


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
    """Dezelfde rooktest zonder bundel (ook als DOORBRAAK_ZONDER_BUNDEL gezet is): `doorbraak open CASUS`, met een
    schermafdruk van het venster; een afdruk die niet bewaard kan worden, wordt gemeld."""
    from PySide6.QtGui import QImage

    env = {**os.environ, **kaal, "DOORBRAAK_ROOKTEST": "1", "PATH": os.environ["PATH"],
           "DOORBRAAK_ROOKTEST_AFDRUK": str(tmp_path / "venster.png")}
    proces = subprocess.run([sys.executable, "-m", "doorbraak", "open", str(VOORBEELD)], env=env, cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proces.returncode == 0, proces.stderr
    regels = [r for r in proces.stdout.splitlines() if r.startswith("DOORBRAAK-ROOKTEST-KLAAR ")]
    assert [json.loads(r.split(" ", 1)[1].replace("\xa0", " ")) for r in regels] == \
        [{"casus_id": "OEF-HUUR-01", "interventie": "€ 2.850,00"}]
    afdruk = QImage(str(tmp_path / "venster.png"))
    assert afdruk.width() >= 800 and afdruk.height() >= 500
    weg = tmp_path / "bestaat-niet" / "venster.png"
    proces = subprocess.run([sys.executable, "-m", "doorbraak", "open", str(VOORBEELD)], cwd=tmp_path,
                            env={**env, "DOORBRAAK_ROOKTEST_AFDRUK": str(weg)}, capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert proces.returncode == 0 and f"de schermafdruk {weg} kon niet bewaard worden" in proces.stderr
