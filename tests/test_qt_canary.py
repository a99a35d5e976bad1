"""Kanarie voor de Qt-binding: een release die bij elke Qt-aanroep de referentietelling van None (of
True/False) verlaagt, laat de app op Python 3.11 na een paar dozijn toetsaanslagen crashen
(PySide6-Essentials 6.12.0 deed dat: 'Fatal Python error: none_dealloc'). Deze test faalt op elke
release met hetzelfde gebrek, zodat de pin in pyproject.toml pas omhoog gaat als het weer goed is.

De meting draait in een eigen proces: een kapotte release mag deze pytest-sessie niet meenemen. Dat
proces meet per methode in kleine porties en stopt met een methode bij haar eerste daling: alle
getroffen methoden staan in de melding en geen telling komt in de buurt van nul."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import PROJECT

onsterfelijk_none = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="vanaf Python 3.12 zijn None, True en False onsterfelijk (PEP 683): een verkeerde telling kan daar "
           "niet crashen en sys.getrefcount meet er niets",
)

AANROEPEN = 2000  # per Qt-methode
PORTIE = 20
MARGE = 5  # kleine schommelingen van tijdelijke verwijzingen; een kapotte release zakt PORTIE per portie

METING = f"""
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QTableWidget, QTableWidgetItem

app = QApplication([])


class Zender(QObject):
    tekst = Signal(str)
    leeg = Signal()


invoer, label, vinkje, tabel = QLineEdit(), QLabel(), QCheckBox(), QTableWidget(2, 2)
cel = QTableWidgetItem()
tabel.setItem(0, 0, cel)
zender = Zender()
ontvangen = []
zender.tekst.connect(ontvangen.append)
zender.leeg.connect(lambda: None)

AANROEPEN = {{
    "QLineEdit.setText": lambda i: invoer.setText(str(i)),
    "QLineEdit.setEnabled": lambda i: invoer.setEnabled(i % 2 == 0),
    "QLineEdit.setToolTip": lambda i: invoer.setToolTip("uitleg"),
    "QLineEdit.setReadOnly": lambda i: invoer.setReadOnly(i % 2 == 0),
    "QLabel.setText": lambda i: label.setText(str(i)),
    "QLabel.setVisible": lambda i: label.setVisible(False),
    "QCheckBox.setChecked": lambda i: vinkje.setChecked(i % 2 == 0),
    "QTableWidgetItem.setText": lambda i: cel.setText(str(i)),
    "QTableWidget.setRowCount": lambda i: tabel.setRowCount(2),
    "Signal(str).emit": lambda i: (zender.tekst.emit("x"), ontvangen.clear()),
    "Signal().emit": lambda i: zender.leeg.emit(),
}}


def tellingen():
    return {{"None": sys.getrefcount(None), "True": sys.getrefcount(True), "False": sys.getrefcount(False)}}


gebrek = []
for naam, aanroep in AANROEPEN.items():
    aanroep(0)  # eerste aanroep: caches van de binding mogen iets vasthouden
    begin = tellingen()
    for portie in range({AANROEPEN} // {PORTIE}):
        for i in range({PORTIE}):
            aanroep(i)
        nu = tellingen()
        gedaald = {{k: begin[k] - nu[k] for k in nu if begin[k] - nu[k] > {MARGE}}}
        if gedaald:
            n = (portie + 1) * {PORTIE}
            print(f"DAALT {{naam}}: na {{n}} aanroepen " + ", ".join(
                f"{{k}} {{-d}} ({{-d / n:.2f}} per aanroep)" for k, d in gedaald.items()), flush=True)
            gebrek.append(naam)
            break  # niet verder met deze methode: elke portie brengt een telling dichter bij nul
if not gebrek:
    print(f"GOED: {{len(AANROEPEN)}} methoden, elk {AANROEPEN} keer", flush=True)
sys.exit(1 if gebrek else 0)
"""


@onsterfelijk_none
def test_qt_aanroepen_verlagen_geen_referentietelling_van_none_true_false():
    import PySide6

    omgeving = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    proces = subprocess.run([sys.executable, "-X", "faulthandler", "-c", METING], capture_output=True, text=True,
                            env=omgeving, timeout=120)
    uitvoer = proces.stdout + proces.stderr
    assert proces.returncode == 0 and "GOED" in proces.stdout, (
        f"PySide6 {PySide6.__version__} op Python {sys.version.split()[0]} verlaagt de referentietelling van "
        f"None/True/False bij Qt-aanroepen; de app crasht daarmee na een paar dozijn toetsaanslagen "
        f"(exitcode {proces.returncode}):\n{uitvoer}")


def _pyside_eisen(python: str) -> list:
    from packaging.requirements import Requirement

    eisen = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return [r for r in map(Requirement, eisen) if r.name.lower() == "pyside6-essentials"
            and (r.marker is None or r.marker.evaluate({"python_version": python}))]


@pytest.mark.parametrize("python", ["3.11", "3.12", "3.13", "3.14"])
def test_pyproject_installeert_geen_kapotte_pyside_combinatie(python):
    """Op Python 3.11 nooit PySide6 6.12.0 (zie test hierboven); vanaf 3.12 mag die wel."""
    eisen = _pyside_eisen(python)
    assert len(eisen) == 1, f"precies één eis voor PySide6-Essentials op Python {python}: {eisen}"
    toegestaan = eisen[0].specifier
    assert "6.11.3" in toegestaan
    if python == "3.11":
        assert not toegestaan.contains("6.12.0"), f"Python 3.11 met PySide6 6.12.0 crasht; de eis is '{toegestaan}'"
    else:
        assert toegestaan.contains("6.12.0"), f"op Python {python} is 6.12 goed: niet onnodig vastzetten"
