"""`doorbraak --versie`: Doorbraak, de prijslijst in gebruik, Python en Qt; ook met een onleesbare prijslijst."""

import os
import platform
import subprocess
import sys

import pytest

from doorbraak import __version__
from doorbraak.versie import qtregel, versieregels
from tests.conftest import PROJECT


def _versie(prijslijst=None):
    omgeving = {k: w for k, w in os.environ.items() if k != "DOORBRAAK_PRIJSLIJST"}
    if prijslijst is not None:
        omgeving["DOORBRAAK_PRIJSLIJST"] = str(prijslijst)
    return subprocess.run([sys.executable, "-m", "doorbraak", "--versie"], cwd=PROJECT, env=omgeving,
                          capture_output=True, text=True, timeout=60)


def _qt():
    import PySide6
    from PySide6.QtCore import qVersion

    return f"Qt: PySide6 {PySide6.__version__}, Qt {qVersion()}"


def test_versie_noemt_doorbraak_de_meegeleverde_prijslijst_python_en_qt():
    r = _versie()
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout.splitlines() == [f"Doorbraak {__version__}", f"Prijslijst: 2027.1 ({PROJECT / 'prijslijst'})",
                                     f"Python {platform.python_version()}", _qt()]


def test_versie_noemt_de_prijslijst_van_de_organisatie(tmp_path):
    import shutil

    eigen = tmp_path / "eigen"
    shutil.copytree(PROJECT / "prijslijst", eigen)
    versie = (eigen / "versie.json").read_text(encoding="utf-8")
    assert '"2027.1"' in versie
    (eigen / "versie.json").write_text(versie.replace('"2027.1"', '"2027.9"'), encoding="utf-8")
    r = _versie(eigen)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1] == f"Prijslijst: 2027.9 ({eigen})"


def test_versie_met_een_onleesbare_prijslijst_meldt_dat_en_slaagt(tmp_path):
    r = _versie(tmp_path / "bestaat-niet")
    assert (r.returncode, r.stderr) == (0, "")
    weg = tmp_path / "bestaat-niet"
    assert r.stdout.splitlines() == [f"Doorbraak {__version__}",
                                     f"Prijslijst: niet te lezen ({weg}: prijslijstmap niet gevonden)",
                                     f"Python {platform.python_version()}", _qt()]
    kapot = tmp_path / "kapot"
    kapot.mkdir()
    (kapot / "prijslijst.csv").write_text("code;naam\nx\n", encoding="utf-8")
    r = _versie(kapot)
    assert r.returncode == 0, r.stderr
    ontbreekt = kapot / "indexcijfers.csv"
    assert r.stdout.splitlines()[1] == f"Prijslijst: niet te lezen ({ontbreekt}: bestand niet gevonden)"


def test_versie_in_het_proces_stopt_met_exitcode_0(capsys):
    from doorbraak.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--versie"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Doorbraak {__version__}"


def test_zonder_pyside6_zegt_de_versie_dat(monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6", None)  # import PySide6 geeft dan ImportError
    assert qtregel() == "Qt: niet beschikbaar (PySide6 is niet geïnstalleerd)"
    assert versieregels()[-1] == "Qt: niet beschikbaar (PySide6 is niet geïnstalleerd)"
