"""Wat de start van de desktopapp laadt (zie benchmarks/start.py): alleen wat het eerste venster nodig heeft.
Elke test draait in een eigen proces, zodat wat andere tests al laadden niet meetelt."""

import json
import os
import subprocess
import sys

from tests.conftest import PROJECT

#: Pas bij gebruik: exports, de monitor (pandas, en het beeld met zijn grafieken), de prijslijstcontrole, de dialogen
#: achter een menu of knop (ook de eerste-startdialoog, als het geen eerste start is) en de woorden van de bevestigingen.
NIET_BIJ_DE_START = ("doorbraak.export", "doorbraak.analyse", "doorbraak.samenvatting", "doorbraak.domein.nacalculatie",
                     "doorbraak.domein.prijslijstcontrole", "doorbraak.domein.prijslijstverschil",
                     "doorbraak.gui.instellingendialoog", "doorbraak.gui.monitorbeeld", "doorbraak.gui.monitorgrafiek",
                     "doorbraak.gui.eerste_start", "doorbraak.gui.hulp", "doorbraak.gui.kiezers",
                     "doorbraak.gui.bevestigen")

START = """
import json, sys
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Mappen
from doorbraak.gui.app import maak_app
app = maak_app()
v = Hoofdvenster(Mappen.standaard())
v.show()
v.begin(__import__("pathlib").Path("resources/voorbeelden/huurachterstand.json"))
while v.bc is None or v.bezig:
    app.processEvents()
print(json.dumps({"bc": v.bc.interventie_totaal is not None, "modules": sorted(sys.modules)}))
v.editor.undo.setClean()
v.herstel.verwijder()
"""


def _draai(code: str, tmp_path) -> subprocess.CompletedProcess:
    """In een nieuw proces, als een gebruiker die al eens startte (met instellingen: geen eerste-startvraag)."""
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "instellingen.json").write_text('{"schema": 1}\n', encoding="utf-8")
    omgeving = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOORBRAAK_CONFIG": str(tmp_path / "config"),
                "DOORBRAAK_DATA": str(tmp_path / "data")}
    for naam in ("DOORBRAAK_REGISTER", "DOORBRAAK_PRIJSLIJST"):
        omgeving.pop(naam, None)
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, env=omgeving,
                          timeout=120)


def test_de_start_laadt_geen_export_monitor_of_prijslijstcontrole(tmp_path):
    r = _draai(START, tmp_path)
    assert r.returncode == 0, r.stderr
    uitkomst = json.loads(r.stdout.strip().splitlines()[-1])
    assert uitkomst["bc"], "de voorbeeldcasus is doorgerekend"
    geladen = [m for m in uitkomst["modules"] if m.startswith(NIET_BIJ_DE_START)]
    assert geladen == []
    assert not {"pandas", "openpyxl", "reportlab", "pikepdf"} & {m.split(".")[0] for m in uitkomst["modules"]}


def test_de_gui_laadt_de_modules_zonder_qt_voor_pyside6(tmp_path):
    """PySide6 leest de broncode van elke module die ná PySide6 geladen wordt; doorbraak.gui laadt de modules
    zonder Qt die de start nodig heeft daarom eerst, en laadt zelf geen Qt."""
    r = _draai("import json, sys, doorbraak.gui; print(json.dumps(sorted(sys.modules)))", tmp_path)
    assert r.returncode == 0, r.stderr
    geladen = set(json.loads(r.stdout))
    assert not {m for m in geladen if m.startswith(("PySide6", "shiboken6"))}
    assert {"doorbraak.diensten", "doorbraak.instellingen", "doorbraak.register.workflow",
            "doorbraak.register.map_register"} <= geladen


def _meet_register_lezen(monkeypatch) -> list[bool]:
    """Per keer dat het register gelezen wordt: was het venster toen al getekend?"""
    from doorbraak.gui import registeracties

    getekend: list[bool] = []
    echt = registeracties.lees_overzicht
    _Tekenwacht.ja = False

    def lees(*args, **kwargs):
        getekend.append(_Tekenwacht.ja)
        return echt(*args, **kwargs)

    monkeypatch.setattr(registeracties, "lees_overzicht", lees)
    return getekend


class _Tekenwacht:
    ja = False

    @classmethod
    def volg(cls, venster) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    cls.ja = True
                return False

        cls.ja = False
        cls.filter = Filter(venster)
        venster.installEventFilter(cls.filter)


def test_het_register_wordt_pas_na_het_eerste_tekenen_gelezen(omgeving, qtbot, monkeypatch):
    """De start zet eerst het venster op het scherm; het register lezen (een thread) begint daarna. Het telt wel
    meteen als bezig: de knoppen wachten erop en een test of het afsluiten ook."""
    getekend = _meet_register_lezen(monkeypatch)
    from doorbraak.gui.hoofdvenster import Hoofdvenster

    omgeving.maak_teamregister()
    v = Hoofdvenster(omgeving.mappen, dialogen=omgeving.dialogen, gebruiker=lambda _inst: omgeving.wie)
    qtbot.addWidget(v)
    omgeving.vensters.append(v)
    _Tekenwacht.volg(v)
    v.show()
    v.begin()
    assert v.bezig and v.stand is None and getekend == []
    assert v.besluitdeel.redenen["indienen"].text() != ""  # "het register wordt nog gelezen"
    qtbot.waitUntil(lambda: not v.bezig, timeout=20000)
    assert getekend == [True] and v.stand is not None and v.registerfout == ""


def test_een_venster_dat_niet_getekend_wordt_leest_het_register_toch(omgeving, qtbot, monkeypatch):
    getekend = _meet_register_lezen(monkeypatch)
    from doorbraak.gui.hoofdvenster import Hoofdvenster

    omgeving.maak_teamregister()
    v = Hoofdvenster(omgeving.mappen, dialogen=omgeving.dialogen, gebruiker=lambda _inst: omgeving.wie)
    qtbot.addWidget(v)
    omgeving.vensters.append(v)
    v.begin()  # niet getoond
    assert v.bezig
    qtbot.waitUntil(lambda: not v.bezig, timeout=20000)
    assert getekend == [False] and v.stand is not None


def test_de_collector_staat_alleen_tijdens_de_start_uit(tmp_path):
    """Uit vanaf het laden van doorbraak.gui, aan zodra het venster getekend is (en hoe dan ook na een paar
    seconden, ook zonder venster)."""
    na_laden = "from doorbraak.gui.app import maak_app\nimport gc\nuit_bij_laden = not gc.isenabled()"
    code = START.replace("from doorbraak.gui.app import maak_app", na_laden).replace(
        'print(json.dumps({"bc"', 'print(json.dumps({"uit_bij_laden": uit_bij_laden, "aan": gc.isenabled(), "bc"')
    r = _draai(code, tmp_path)
    assert r.returncode == 0, r.stderr
    uitkomst = json.loads(r.stdout.strip().splitlines()[-1])
    assert uitkomst["uit_bij_laden"] and uitkomst["aan"]

    zonder_venster = "import gc, time, doorbraak.gui as g\nuit = not gc.isenabled()\n" \
                     "time.sleep(g.GC_UITERLIJK_S + 0.5)\nprint(uit, gc.isenabled())"
    r = _draai(zonder_venster, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["True", "True"]


def test_pyside6_leest_de_broncode_van_geladen_modules_en_de_gui_niet(tmp_path):
    """gui.app zet de modules die er al zijn en die van de GUI op 'negeer deze module' in de feature-tabel van
    PySide6, zodat PySide6 hun broncode niet leest (inspect.getsource); een nieuwe module leest PySide6 wel."""
    code = """
import inspect, json, sys
import doorbraak.gui.app
gelezen = []
echt = inspect.getsource
inspect.getsource = lambda obj: gelezen.append(obj.__name__) or echt(obj)
from doorbraak.gui.hoofdvenster import Hoofdvenster
import colorsys
tabel = sys.modules["PySide6.support.feature"].pyside_feature_dict
print(json.dumps({"gelezen": gelezen, "typing": tabel["typing"], "editor": tabel["doorbraak.gui.editor"]}))
"""
    r = _draai(code, tmp_path)
    assert r.returncode == 0, r.stderr
    uitkomst = json.loads(r.stdout.strip().splitlines()[-1])
    assert uitkomst["typing"] == -1 and uitkomst["editor"] == -1
    assert [m for m in uitkomst["gelezen"] if m.startswith("doorbraak") or m in ("typing", "datetime", "logging")] == []
    assert "colorsys" in uitkomst["gelezen"]
