"""Het hoofdvenster past op het scherm (1280 × 720 tot 1920 × 1080) en opent zoals het werd afgesloten.

Het offscreen-platform van Qt krijgt een schermmaat uit een JSON-bestand
(`QT_QPA_PLATFORM=offscreen:configfile=...`); dat geldt per proces, dus elke schermmaat draait in
een eigen proces. `windowFrameMargins` geeft het venster een rand, zoals een echt bureaublad.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from doorbraak.instellingen import Mappen, lees_vensterstand
from tests.conftest import PROJECT, VOORBEELDEN
from tests.guihulp import ARTEFACTEN

# Start het hoofdvenster een of meer keren na elkaar (dezelfde mappen) en meet elke keer wat er
# op het scherm staat. Per ronde kan het venster daarna verschoven of anders ingedeeld worden;
# sluiten bewaart dat voor de volgende ronde of het volgende proces.
VENSTER = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QPoint, QRect, Qt
from doorbraak.gui.app import maak_app
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Mappen

def vak(r):
    return [r.x(), r.y(), r.width(), r.height()]

def wacht(app, seconden):
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        app.processEvents()
        time.sleep(0.01)

app = maak_app()
mappen = Mappen(Path("config"), Path("data"))
metingen = []
for ronde in json.loads(sys.argv[1]):
    v = Hoofdvenster(mappen)
    v.show()
    v.begin(Path(ronde["open"]) if ronde.get("open") else None)
    v.taken.wacht(20000)
    wacht(app, 0.3)
    delen = (("casussen", v.lijstdock), ("editor", v.centralWidget()), ("businesscase", v.paneeldock))
    metingen.append({
        "scherm": vak(v.screen().availableGeometry()), "kader": vak(v.frameGeometry()), "venster": vak(v.geometry()),
        "delen": {naam: {"vak": vak(QRect(w.mapTo(v, QPoint(0, 0)), w.size())), "zichtbaar": w.isVisible(),
                         "minimum": [w.minimumSizeHint().width(), w.minimumSizeHint().height()]}
                  for naam, w in delen}})
    if ronde.get("schermafdruk"):
        assert v.grab().save(ronde["schermafdruk"])
    if ronde.get("zet"):
        v.setGeometry(*ronde["zet"])
        wacht(app, 0.1)
    if ronde.get("paneelbreedte"):
        v.resizeDocks([v.paneeldock], [ronde["paneelbreedte"]], Qt.Horizontal)
        wacht(app, 0.1)
    v.editor.undo.setClean()
    assert v.close()
print(json.dumps(metingen))
"""


def start_op_scherm(map_, breedte: int, hoogte: int, *rondes: dict, schaal: float = 1) -> list[dict]:
    """Start het venster in een nieuw proces op een scherm van breedte × hoogte (pixels, met de schaal
    van Windows' beeldscherminstellingen); de metingen per ronde, in Qt's logische pixels."""
    (map_ / "scherm.json").write_text(json.dumps({
        "windowFrameMargins": True,
        "screens": [{"name": "scherm", "x": 0, "y": 0, "width": breedte, "height": hoogte,
                     "logicalDpi": round(96 * schaal), "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    # een relatief pad: Qt splitst de platformopties op ':' (ook in C:\ op Windows)
    omgeving = os.environ | {"QT_QPA_PLATFORM": "offscreen:configfile=scherm.json", "PYTHONPATH": str(PROJECT)}
    r = subprocess.run([sys.executable, "-c", VENSTER, json.dumps(rondes)], cwd=map_, capture_output=True, text=True,
                       env=omgeving, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.splitlines()[-1])


def binnen(vak: list[int], rand: list[int]) -> bool:
    x, y, b, h = vak
    rx, ry, rb, rh = rand
    return rx <= x and ry <= y and x + b <= rx + rb and y + h <= ry + rh


def controleer_past(meting: dict) -> None:
    """Het venster met rand op het beschikbare scherm; de drie delen helemaal in het venster en niet
    smaller dan ze minstens nodig hebben."""
    assert binnen(meting["kader"], meting["scherm"]), meting
    _, _, breedte, hoogte = meting["venster"]
    for naam, deel in meting["delen"].items():
        assert deel["zichtbaar"], naam
        assert binnen(deel["vak"], [0, 0, breedte, hoogte]), (naam, deel, meting["venster"])
        assert deel["vak"][2] >= deel["minimum"][0] and deel["vak"][3] >= deel["minimum"][1], (naam, deel)
    links, midden, rechts = (meting["delen"][n]["vak"] for n in ("casussen", "editor", "businesscase"))
    assert links[0] + links[2] <= midden[0] and midden[0] + midden[2] <= rechts[0]  # naast elkaar, niet over elkaar


@pytest.mark.parametrize("breedte, hoogte, schaal", [
    (1366, 768, 1), (1920, 1080, 1), (1280, 720, 1),
    (1366, 728, 1.25),  # een kantoorlaptop op 125 %, zonder de taakbalk van 40 pixels
])
def test_venster_past_op_het_scherm_met_alle_drie_de_delen(tmp_path, breedte, hoogte, schaal):
    ARTEFACTEN.mkdir(exist_ok=True)
    afdruk = ARTEFACTEN / f"hoofdvenster-scherm-{breedte}x{hoogte}{f'-{schaal:g}' if schaal != 1 else ''}.png"
    afdruk.unlink(missing_ok=True)
    (meting,) = start_op_scherm(tmp_path, breedte, hoogte, {"schermafdruk": str(afdruk),
                                                             "open": str(VOORBEELDEN / "huurachterstand.json")},
                                schaal=schaal)
    assert meting["scherm"] == [0, 0, round(breedte / schaal), round(hoogte / schaal)]
    controleer_past(meting)
    assert afdruk.stat().st_size > 10_000
    # de vensterstand is bij het sluiten bewaard, met het kader zoals het op het scherm stond
    assert lees_vensterstand(Mappen(tmp_path / "config", tmp_path / "data")).kader == tuple(meting["kader"])


def test_vorige_maat_en_indeling_terug_als_ze_passen(tmp_path):
    eerste, tweede, derde = start_op_scherm(
        tmp_path, 1920, 1080, {"zet": [100, 80, 1400, 900], "paneelbreedte": 420},
        # grotendeels rechts buiten beeld, zoals op een tweede scherm dat er niet meer is
        {"zet": [1800, 100, 900, 600]}, {})
    assert eerste["venster"] != [100, 80, 1400, 900]  # de eerste keer: de standaardmaat
    assert tweede["venster"] == [100, 80, 1400, 900]
    assert tweede["delen"]["businesscase"]["vak"][2] == 420
    controleer_past(tweede)
    assert derde["venster"] == eerste["venster"]  # wat niet past, wordt weer de standaardmaat
    controleer_past(derde)


def test_te_groot_bewaard_venster_past_zich_aan_een_kleiner_scherm_aan(tmp_path):
    (groot,) = start_op_scherm(tmp_path, 1920, 1080, {"zet": [10, 30, 1880, 1000]})
    (klein,) = start_op_scherm(tmp_path, 1366, 768, {})
    controleer_past(klein)
    assert klein["venster"][2] < 1366 and klein["venster"][3] < 768
