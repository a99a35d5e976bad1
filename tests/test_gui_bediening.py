"""Bediening: toetsenbord, toegankelijke namen, schaal 125-200 %, zoeken, instellingen en schermafdrukken."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QDialogButtonBox, QHeaderView,
    QLineEdit,
    QPlainTextEdit, QProgressBar, QTabBar, QWidget,
)

from doorbraak.domein.casus import lees_casus
from doorbraak.gui.casuslijst import OEFENING
from doorbraak.gui.editor import SECTIES
from doorbraak.instellingen import lees_instellingen
from tests.conftest import PROJECT, VOORBEELDEN
from tests.guihulp import ARTEFACTEN, bewaar_schermafdruk, maak_casus, typ

HUUR = VOORBEELDEN / "huurachterstand.json"


@pytest.fixture
def echte_prijslijst(monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)


def _bedienbaar(w: QWidget) -> bool:
    """Widgets die een gebruiker zelf bedient (niet de onderdelen binnen een keuzelijst of datumveld)."""
    if (w.objectName().startswith("qt_") or isinstance(w, QHeaderView)
            or isinstance(w.parent(), (QComboBox, QAbstractSpinBox, QTabBar, QLineEdit))
            or w.window() is not w.parentWidget().window() if w.parentWidget() else False):
        return False
    return isinstance(w, (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractItemView,
                          QAbstractSpinBox, QProgressBar))


def test_elk_bedieningselement_heeft_een_naam_voor_de_schermlezer(omgeving, qtbot, echte_prijslijst):
    v = omgeving.open(HUUR)
    zonder_naam = [f"{type(w).__name__} in {type(w.parent()).__name__}"
                   for w in v.findChildren(QWidget) if _bedienbaar(w) and w.window() is v
                   and not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text().strip()))]
    assert zonder_naam == []
    assert v.editor.velden["titel"].invoer.accessibleName() == "Titel"
    assert v.editor.lijsten["zonder_doorbraak"].velden["aantal"].invoer.accessibleName() == "Aantal"


def test_alles_met_het_toetsenbord(omgeving, qtbot, echte_prijslijst):
    v = omgeving.open(HUUR)
    # standaard sneltoetsen van het platform
    verwacht = {"nieuw": QKeySequence.New, "openen": QKeySequence.Open, "opslaan": QKeySequence.Save,
                "opslaan als": QKeySequence.SaveAs, "ongedaan": QKeySequence.Undo,
                "vernieuwen": QKeySequence.Refresh, "zoeken": QKeySequence.Find}
    for naam, standaard in verwacht.items():
        assert v.acties[naam].shortcuts() == QKeySequence.keyBindings(standaard), naam
    assert v.acties["pdf"].shortcut() == QKeySequence("Ctrl+E")
    assert v.acties["afsluiten"].shortcut() == QKeySequence("Ctrl+Q")  # ook op Windows (daar is Quit leeg)
    # elk menu heeft een geheugensteun (Alt+letter), en elke handeling staat in een menu
    menus = [a.text() for a in v.menuBar().actions()]
    assert all("&" in m for m in menus)
    for sleutel in ("indienen", "goedkeuren", "afwijzen", "besluit_ja", "besluit_nee", "prijsregel", "eigen regel",
                    "instellingen", "registermap", "voorbeeld herstellen"):
        assert v.acties[sleutel].associatedObjects(), sleutel
    # secties met Ctrl+1..7
    v.activateWindow()
    for i in range(len(SECTIES)):
        qtbot.keyClick(v, Qt.Key_1 + i, Qt.ControlModifier)
        assert v.editor.tabs.currentIndex() == i
    # Tab loopt in de volgorde van het formulier en blijft niet hangen in een tekstvak
    qtbot.keyClick(v, Qt.Key_1, Qt.ControlModifier)
    velden = v.editor.velden
    velden["casus_id"].invoer.setFocus()
    for naam in ("titel", "datum", "gemeente", "coach", "horizon_maanden", "discontovoet", "volwassenen", "kinderen",
                 "leefgebieden"):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is velden[naam].invoer or focus.parent() is velden[naam].invoer, naam
    qtbot.keyClick(v, Qt.Key_2, Qt.ControlModifier)
    velden["situatie"].invoer.setFocus()
    qtbot.keyClick(velden["situatie"].invoer, Qt.Key_Tab)
    assert QApplication.focusWidget() is velden["reguliere_route"].invoer
    # een regel uit de prijslijst met alleen het toetsenbord: Ctrl+L, zoeken, Enter, pijltje, Enter
    qtbot.keyClick(v, Qt.Key_3, Qt.ControlModifier)
    aantal_voor = len(v.editor.lijsten["zonder_doorbraak"].regels)
    v.acties["prijsregel"].trigger()
    kiezer = v.kiezer
    kiezer.activateWindow()
    qtbot.waitUntil(kiezer.isActiveWindow, timeout=3000)
    qtbot.keyClicks(kiezer.zoek, "crisis")
    qtbot.keyClick(kiezer.zoek, Qt.Key_Down)  # naar de tabel
    assert kiezer.tabel.hasFocus()
    qtbot.keyClick(kiezer.tabel, Qt.Key_Return)  # Enter in de tabel voegt het gekozen item toe
    assert not kiezer.isVisible()
    regels = v.editor.lijsten["zonder_doorbraak"].regels
    assert len(regels) == aantal_voor + 1 and "CRISIS" in regels[-1]["prijs"]
    # Delete in de tabel verwijdert de gekozen regel
    v.activateWindow()  # na het sluiten van de kiezer (offscreen geeft de activering niet vanzelf terug)
    qtbot.waitUntil(v.isActiveWindow, timeout=3000)
    tabel = v.editor.lijsten["zonder_doorbraak"].tabel
    tabel.setFocus()
    qtbot.keyClick(tabel, Qt.Key_Delete)
    assert len(v.editor.lijsten["zonder_doorbraak"].regels) == aantal_voor


def test_zoeken_in_de_casuslijst_en_openen_met_enter(omgeving, qtbot, echte_prijslijst):
    v = omgeving.open()
    assert {r.casus_id for r in v.lijst.regels if r.soort == OEFENING} == {
        lees_casus(p).casus_id for p in VOORBEELDEN.glob("*.json")}
    v.activateWindow()
    qtbot.waitUntil(v.isActiveWindow, timeout=3000)
    v.acties["zoeken"].trigger()
    assert v.lijst.zoek.hasFocus()
    qtbot.keyClicks(v.lijst.zoek, "HUUR")
    assert v.lijst.filter.rowCount() == 1
    qtbot.keyClick(v.lijst.zoek, Qt.Key_Return)  # naar de tabel
    assert v.lijst.tabel.hasFocus()
    v.lijst.tabel.setCurrentIndex(v.lijst.filter.index(0, 0))
    qtbot.keyClick(v.lijst.tabel, Qt.Key_Return)  # Enter opent de casus
    assert v.pad == omgeving.mappen.oefeningen / "huurachterstand.json"
    assert v.editor.velden["casus_id"].invoer.text() == "OEF-HUUR-01"
    # zoeken werkt ook op status en soort
    v.lijst.zoek.setText("voorbeeld")
    assert v.lijst.filter.rowCount() == 6


def test_prijslijstkiezer_zoekt_zonder_accenten_en_per_categorie(omgeving, qtbot, echte_prijslijst):
    v = omgeving.open(HUUR)
    v.acties["prijsregel"].trigger()
    kiezer = v.kiezer
    alle = kiezer.filter.rowCount()
    assert alle == len(v.prijslijst.items) == 132
    kiezer.categorie.setCurrentText("wonen")
    assert kiezer.filter.rowCount() == sum(1 for i in v.prijslijst.items.values() if i.categorie == "wonen")
    kiezer.categorie.setCurrentIndex(0)
    qtbot.keyClicks(kiezer.zoek, "UITZETTING")
    assert kiezer.filter.rowCount() >= 1
    assert kiezer.code() == "WON-UITZETTING"
    assert "Bron:" in kiezer.detail.toPlainText() and "€" in kiezer.detail.toPlainText()
    assert ("Niet optellen met SCH-DEURW-ONTRUIMING, WON-HUURACHTERSTAND-GEM, WON-UITZETTING-GEM: die prijzen dezelfde "
            "kosten.") in kiezer.detail.toPlainText()
    assert "Waarom prijsjaar 2014" in kiezer.detail.toPlainText()  # de hele toelichting, binnen een schuifvlak
    bewaar_schermafdruk(kiezer, "prijslijstkiezer.png")
    kiezer.zoek.setText("xyz-bestaat-niet")
    assert kiezer.filter.rowCount() == 0 and kiezer.detail.toPlainText() == "Niets gevonden."
    assert not kiezer.knoppen.button(QDialogButtonBox.Ok).isEnabled()
    kiezer.reject()


def test_instellingen_bewaren_en_een_andere_registermap(omgeving, qtbot, tmp_path):
    v = omgeving.open()
    v.acties["instellingen"].trigger()
    dlg = v.instellingendialoog
    assert dlg.isVisible()
    # wie u bent, is uw login: de eigen naam staat er alleen naast (zie test_gui_eerste_start.py)
    assert dlg.naam.invoer.accessibleName() == "Uw naam" and dlg.naam.invoer.placeholderText().startswith("leeg: uw login")
    typ(qtbot, dlg.prijslijst.invoer, str(tmp_path / "geen-prijslijst"))
    dlg.accept()
    assert dlg.isVisible() and dlg.prijslijst.fout  # een onleesbare prijslijstmap wordt niet bewaard
    dlg.prijslijst.invoer.clear()
    leeg = tmp_path / "nieuwe-share"
    leeg.mkdir()
    omgeving.dialogen.zet("kies_map", leeg)
    knop = [k for k in dlg.findChildren(QAbstractButton) if k.accessibleName() == "Registermap kiezen"][0]
    qtbot.mouseClick(knop, Qt.LeftButton)
    assert dlg.register.invoer.text() == str(leeg)
    dlg.accept()
    omgeving.wacht(v)
    inst, melding = lees_instellingen(omgeving.mappen)
    assert melding == "" and inst.registermap == str(leeg)
    assert v.registermap == leeg and v.stand is None
    assert "dit is geen register (de map records ontbreekt)" in v.banner.text()


def test_registermap_openen(omgeving, qtbot):
    v = omgeving.open()
    v.acties["registermap"].trigger()
    assert omgeving.dialogen.teksten("open_map") == [str(omgeving.mappen.standaardregister)]
    omgeving.dialogen.zet("open_map", False)  # het systeem kan de map niet tonen
    v.acties["registermap"].trigger()
    assert omgeving.dialogen.teksten("fout") == [
        f"Registermap openen: De registermap {omgeving.mappen.standaardregister} is niet te openen."]


def test_kapot_instellingenbestand_geeft_melding_en_standaard(omgeving, qtbot):
    omgeving.mappen.config.mkdir(parents=True)
    omgeving.mappen.instellingenbestand.write_text("{kapot", encoding="utf-8")
    v = omgeving.open()
    qtbot.waitUntil(lambda: bool(omgeving.dialogen.teksten("fout")), timeout=3000)
    assert "waren niet te lezen" in omgeving.dialogen.teksten("fout")[0]
    assert v.registermap == omgeving.mappen.standaardregister


def test_schermafdrukken_van_venster_en_secties(omgeving, qtbot, echte_prijslijst):
    """Om te bekijken: het hoofdvenster met een voorbeeldcasus en elke sectie van de editor."""
    v = omgeving.open(HUUR)
    v.resize(1366, 768)  # een gewone kantoorlaptop
    qtbot.wait(50)
    paden = [bewaar_schermafdruk(v, "hoofdvenster-voorbeeld.png")]
    for i, naam in enumerate(SECTIES):
        v.editor.tabs.setCurrentIndex(i)
        qtbot.wait(10)
        paden.append(bewaar_schermafdruk(v, f"editor-{i + 1}-{naam.lower().replace(' ', '-')}.png"))
    assert all(p.stat().st_size > 10_000 for p in paden)


def test_nieuwe_casus_met_fouten_schermafdruk(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="12,3,4")
    bewaar_schermafdruk(v, "editor-fout-bij-veld.png")
    assert v.paneel.problemen.count() == 1


SCHAAL = r"""
import sys
from pathlib import Path
from doorbraak.gui.app import maak_app
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Mappen
app = maak_app()
v = Hoofdvenster(Mappen(Path(sys.argv[1]) / "config", Path(sys.argv[1]) / "data"))
v.resize(1000, 700)
v.show()
v.begin(Path(sys.argv[2]))
v.taken.wacht(20000)
app.processEvents()
beeld = v.grab()
print(v.devicePixelRatioF(), beeld.width(), beeld.height(), v.minimumSizeHint().width())
beeld.save(sys.argv[3])
v.editor.undo.setClean()
"""


@pytest.mark.parametrize("schaal", ["1.25", "2"])
def test_werkt_bij_125_tot_200_procent(tmp_path, schaal):
    """Een eigen proces per schaal (QT_SCALE_FACTOR geldt bij het starten van Qt)."""
    uit = ARTEFACTEN / f"hoofdvenster-schaal-{schaal}.png"
    ARTEFACTEN.mkdir(exist_ok=True)
    omgeving_ = os.environ | {"QT_SCALE_FACTOR": schaal, "QT_QPA_PLATFORM": "offscreen"}
    omgeving_.pop("DOORBRAAK_PRIJSLIJST", None)
    r = subprocess.run([sys.executable, "-c", SCHAAL, str(tmp_path), str(HUUR), str(uit)], cwd=PROJECT,
                       capture_output=True, text=True, env=omgeving_, timeout=120)
    assert r.returncode == 0, r.stderr
    ratio, breed, hoog, minimum = r.stdout.split()
    assert float(ratio) == float(schaal)
    assert int(breed) == round(1000 * float(schaal)) and int(hoog) == round(700 * float(schaal))
    assert int(minimum) <= 1000  # past op een scherm van 1366 px breed bij 125 %: geen vaste pixelmaten
    assert uit.stat().st_size > 10_000


CRASH = r"""
import os, signal, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from doorbraak.gui.app import maak_app
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Mappen
app = maak_app()
v = Hoofdvenster(Mappen(Path(sys.argv[1]) / "config", Path(sys.argv[1]) / "data"))
v.show()
v.begin()
veld = v.editor.velden["titel"].invoer
veld.setFocus()
veld.insert("Werk van een uur")  # zoals typen: dat legt een stap vast
v.editor._na_wijziging("titel")
eind = time.time() + 10
while not v.herstel.bestand.exists() and time.time() < eind:
    app.processEvents()
    time.sleep(0.05)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL bestaat alleen op POSIX")
def test_herstel_na_een_echt_afgebroken_proces(omgeving, qtbot, tmp_path):
    r = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], cwd=PROJECT, capture_output=True, text=True,
                       env=os.environ | {"QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert len(list(omgeving.mappen.herstel.glob("*.json"))) == 1
    omgeving.dialogen.zet("bevestig", True)
    v = omgeving.open()
    assert v.editor.velden["titel"].invoer.text() == "Werk van een uur" and v.isWindowModified()
    assert list(omgeving.mappen.herstel.glob("*.json")) == [v.herstel.bestand]


def test_onverwachte_fout_geeft_melding_en_bewaart_het_werk(omgeving, qtbot, tmp_path):
    from doorbraak.gui.app import installeer_uitzonderingshaak

    v = omgeving.open()
    typ(qtbot, v.editor.velden["titel"].invoer, "Niet verliezen")
    oud = sys.excepthook
    try:
        installeer_uitzonderingshaak(v, tmp_path / "doorbraak.log")
        try:
            raise RuntimeError("kapot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = oud
    assert "Er ging iets mis in Doorbraak (RuntimeError)" in omgeving.dialogen.teksten("fout")[-1]
    assert v.herstel.bestand.exists() and "Niet verliezen" in v.herstel.bestand.read_text(encoding="utf-8")

