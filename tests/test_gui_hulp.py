"""Hulp in de app: Qt's eigen dialogen in het Nederlands, Help › Sneltoetsen en Help › Handleiding, en de
voorbeeldcasussen voor training (op titel in het menu, alle werkkopieën in één keer herstellen)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QPoint, QTranslator
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from doorbraak.domein.casus import casus_naar_json, lees_casus
from doorbraak.gui import hulp
from doorbraak.gui.vertaling import AANVULLING
from tests.conftest import PROJECT, VOORBEELDEN
from tests.guihulp import ARTEFACTEN, typ


def _catalogus() -> QTranslator:
    """De Nederlandse catalogus van Qt zelf, om te weten wat er moet staan."""
    t = QTranslator()
    assert t.load(QLocale(QLocale.Dutch, QLocale.Netherlands), "qtbase", "_",
                  QLibraryInfo.path(QLibraryInfo.TranslationsPath)), "qtbase_nl.qm hoort bij PySide6"
    return t


def _schermafdruk_met_dialoog(v, dialoog, naam: str, maat=(1366, 768)) -> None:
    """Het hoofdvenster op `maat` met de dialoog erop, zoals een coach het ziet."""
    v.resize(*maat)
    QApplication.processEvents()
    beeld = v.grab()
    d = dialoog.grab()
    kop = dialoog.fontMetrics().height() + 10  # een titelbalk zoals het systeem die tekent
    x, y = (beeld.width() - d.width()) // 2, max(0, (beeld.height() - d.height() - kop) // 2)
    schilder = QPainter(beeld)
    schilder.fillRect(x - 1, y - 1, d.width() + 2, d.height() + kop + 2, QColor("#555555"))
    schilder.fillRect(x, y, d.width(), kop, QColor("#dde3ea"))
    schilder.drawText(x + 8, y + kop - 8, dialoog.windowTitle())
    schilder.drawPixmap(x, y + kop, d)
    schilder.end()
    ARTEFACTEN.mkdir(exist_ok=True)
    assert beeld.save(str(ARTEFACTEN / naam))


# ---------------------------------------------------------------- Qt's dialogen in het Nederlands


def test_bestandsdialoog_en_standaardknoppen_nederlands_ook_op_een_engels_systeem(omgeving, qtbot):
    app = QApplication.instance()
    # zoals een kantoorlaptop met Engelse landinstelling, en een venster dat niet via maak_app is gestart
    for vertaler in getattr(app, "_doorbraak_vertaling", None) or ():
        if vertaler is not None:
            app.removeTranslator(vertaler)
    app._doorbraak_vertaling = None
    oud = QLocale()
    QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
    try:
        v = omgeving.open()
        nl = _catalogus()
        dlg = QFileDialog(v, "Casus openen")
        dlg.setOption(QFileDialog.DontUseNativeDialog)
        qtbot.addWidget(dlg)
        dlg.show()
        labels = sorted(w.text() for w in dlg.findChildren(QLabel) if w.text())
        assert labels == ["&Zoeken in:", "Bestanden van &type:", "Bestands&naam:"]
        # dezelfde woorden als Qt's catalogus (zonder de sneltoetsletter)
        assert nl.translate("QFileDialog", "Look in:") == "Zoeken in:"
        assert nl.translate("QFileDialog", "Files of type:") == "Bestanden van type:"
        assert nl.translate("QFileDialog", "File &name:") == "Bestands&naam:"
        knoppen = dlg.findChild(QDialogButtonBox)
        assert [k.text() for k in knoppen.buttons()] == ["&Openen", "Annuleren"]
        acties = {a.text() for a in dlg.findChildren(QAction)}
        assert {"&Nieuwe map", "Verwij&deren", "He&rnoemen"} <= acties
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        assert [k.text() for k in knoppen.buttons()] == ["Op&slaan", "Annuleren"]
        dlg.close()

        vraag = QMessageBox(QMessageBox.Question, "Niet opgeslagen", "Opslaan?",
                            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel | QMessageBox.Yes
                            | QMessageBox.No, v)
        qtbot.addWidget(vraag)
        teksten = {vraag.button(k).text() for k in (QMessageBox.Save, QMessageBox.Discard, QMessageBox.Cancel,
                                                    QMessageBox.Yes, QMessageBox.No)}
        assert teksten == {"Opslaan", "Verwerpen", "Annuleren", "&Ja", "&Nee"}
        assert QKeySequence(QKeySequence.Find).toString(QKeySequence.NativeText) == "Ctrl+F"
        assert QKeySequence("Down").toString(QKeySequence.NativeText) == "Pijl omlaag"
    finally:
        QLocale.setDefault(oud)


VIA_CLI = r"""
import json, sys
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox
from doorbraak import cli
from doorbraak.gui.hoofdvenster import Hoofdvenster

def exec_(app):
    # in plaats van de gebeurtenislus: kijken wat de dialogen van het gestarte venster zeggen, dan netjes stoppen
    v = next(w for w in QApplication.topLevelWidgets() if isinstance(w, Hoofdvenster))
    d = QFileDialog(v, "Casus opslaan als")
    d.setOption(QFileDialog.DontUseNativeDialog)
    d.setAcceptMode(QFileDialog.AcceptSave)
    m = QMessageBox(QMessageBox.Question, "Vraag", "Doorgaan?", QMessageBox.Yes | QMessageBox.Cancel, v)
    print(json.dumps({"labels": sorted(l.text() for l in d.findChildren(QLabel) if l.text()),
                      "knoppen": [k.text() for k in d.findChild(QDialogButtonBox).buttons()],
                      "vraag": sorted(k.text() for k in m.buttons())}))
    v.taken.wacht(20000)
    v.editor.undo.setClean()
    v.herstel.verwijder()
    return 0

QApplication.exec = exec_
sys.exit(cli.main(["open"]))
"""


def test_via_doorbraak_open_op_een_engels_systeem_nederlandse_dialogen(tmp_path):
    """De echte start (`doorbraak open`: cli -> gui.app.start -> maak_app) met een Engelse landinstelling."""
    env = os.environ | {"LANG": "en_US.UTF-8", "LC_ALL": "C", "LANGUAGE": "en", "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", VIA_CLI], cwd=PROJECT, capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    uit = json.loads(r.stdout.strip().splitlines()[-1])
    assert uit == {"labels": ["&Zoeken in:", "Bestanden van &type:", "Bestands&naam:"],
                   "knoppen": ["Op&slaan", "Annuleren"], "vraag": ["&Ja", "Annuleren"]}


def test_aanvulling_vertaalt_alleen_wat_qtbase_nl_mist():
    nl = _catalogus()
    for (context, bron), vertaling in AANVULLING.items():
        assert nl.translate(context, bron) == "", f"{bron!r} staat al in qtbase_nl.qm: haal het uit AANVULLING"
        assert vertaling and vertaling != bron


# ---------------------------------------------------------------- Help › Sneltoetsen


def _open_sneltoetsen(v, qtbot) -> hulp.Sneltoetsendialoog:
    v.acties["sneltoetsen"].trigger()
    dlg = v.findChildren(hulp.Sneltoetsendialoog)[-1]
    qtbot.waitUntil(dlg.isVisible)
    return dlg


def test_sneltoetsen_noemt_elke_sneltoets_van_het_venster(omgeving, qtbot):
    v = omgeving.open()
    rijen = _open_sneltoetsen(v, qtbot).rijen()
    toetsen = dict(rijen)
    assert toetsen["Bestand › Nieuwe casus"] == "Ctrl+N"
    assert toetsen["Bestand › Opslaan"] == "Ctrl+S"
    assert toetsen["Bestand › Verantwoording exporteren (PDF)"] == "Ctrl+E"
    assert toetsen["Bewerken › Regel uit de prijslijst"] == "Ctrl+L"
    assert toetsen["Bewerken › Eigen regel"] == "Ctrl+Shift+L"
    assert toetsen["Bewerken › Ongedaan maken"].startswith("Ctrl+Z")
    assert toetsen["Bewerken › Opnieuw"] == "Ctrl+Y of Ctrl+Shift+Z"
    assert toetsen["Register › Vernieuwen"] == "F5"
    assert toetsen["Beeld › Casussen tonen of verbergen"] == "Ctrl+Shift+1"
    assert toetsen["Help › Handleiding"] == "F1"
    assert [toetsen[f"Beeld › Sectie {naam}"] for naam in ("Casus", "Verhaal", "Zonder doorbraak", "Met doorbraak",
                                                            "Interventie", "Waardendriehoek", "Besluit")] == \
        [f"Ctrl+{i}" for i in range(1, 8)]
    assert toetsen["De gekozen regel verwijderen (Zonder doorbraak, Met doorbraak, Interventie, Nacalculatie)"] == "Del"
    assert toetsen["De gekozen grondslag verwijderen (Waardendriehoek)"] == "Del"
    assert "Ongedaan maken" not in toetsen["Bewerken › Ongedaan maken"]  # niet de aparte knop van een toetsenbord

    # kan niet verouderen: elke actie en elke widget-sneltoets van het venster staat erin, met al haar toetsen
    gevonden = " | ".join(f"{wat} = {toets}" for wat, toets in rijen)
    for a in v.findChildren(QAction):
        for reeks in a.shortcuts():
            if hulp.is_toetsenbordtoets(reeks):
                tekst = reeks.toString(QKeySequence.NativeText)
                assert any(tekst in toets.split(" of ") and hulp._naam(v, a) in wat for wat, toets in rijen), \
                    f"{a.text()!r} ({tekst}) ontbreekt in: {gevonden}"
    for s in v.findChildren(QShortcut):
        assert s.whatsThis(), "een sneltoets van een widget heeft een beschrijving nodig (setWhatsThis)"
        assert any(wat.startswith(s.whatsThis()) and toets == s.key().toString(QKeySequence.NativeText)
                   for wat, toets in rijen)
    assert len({wat for wat, _ in rijen}) == len(rijen)  # geen dubbele regels
    assert all(toets for _, toets in rijen)


def test_een_nieuwe_sneltoets_staat_vanzelf_in_de_lijst(omgeving, qtbot):
    v = omgeving.open()
    eerst = _open_sneltoetsen(v, qtbot)
    assert not any("Proef" in wat for wat, _ in eerst.rijen())
    eerst.reject()
    extra = QAction("&Proefhandeling…", v)
    extra.setShortcut(QKeySequence("Ctrl+Shift+K"))
    v.menuBar().actions()[-1].menu().addAction(extra)  # in het menu Help
    assert ("Help › Proefhandeling", "Ctrl+Shift+K") in _open_sneltoetsen(v, qtbot).rijen()


def test_sneltoetsendialoog_op_1366(omgeving, qtbot):
    v = omgeving.open()
    dlg = _open_sneltoetsen(v, qtbot)
    assert dlg.windowTitle() == "Sneltoetsen"
    assert [dlg.tabel.horizontalHeaderItem(i).text() for i in range(2)] == ["Handeling", "Toets"]
    assert dlg.findChild(QDialogButtonBox).buttons()[0].text() == "Sluiten"
    qtbot.waitUntil(lambda: dlg.tabel.columnWidth(1) > 0)
    # de langste handeling past zonder afkappen
    breedste = max(dlg.tabel.fontMetrics().horizontalAdvance(wat) for wat, _ in dlg.rijen())
    assert dlg.tabel.columnWidth(0) >= breedste
    _schermafdruk_met_dialoog(v, dlg, "help-sneltoetsen-1366x768.png")
    _schermafdruk_met_dialoog(v, dlg, "help-sneltoetsen-1920x1080.png", (1920, 1080))
    dlg.reject()
    qtbot.waitUntil(lambda: not dlg.isVisible())


# ---------------------------------------------------------------- Help › Handleiding


def _handleiding_tekst() -> str:
    return hulp.HANDLEIDING.read_text(encoding="utf-8")


def test_handleiding_opent_in_de_app_met_f1(omgeving, qtbot):
    v = omgeving.open()
    v.activateWindow()
    assert v.acties["handleiding"].shortcuts()[0] == QKeySequence(QKeySequence.HelpContents)
    v.acties["handleiding"].trigger()
    dlg = v.findChild(hulp.Handleidingvenster)
    qtbot.waitUntil(dlg.isVisible)
    assert not dlg.isModal()  # naast het werk te houden
    tekst = dlg.tekst.toPlainText()
    assert tekst.startswith("Een casus van begin tot besluit")
    for kop in ("1. Nieuwe casus", "2. Kosten uit de prijslijst", "4. Opslaan en indienen",
                "5. Toetsing door een tweede coach (vier ogen)", "6. Escalatie en besluit", "7. De verantwoording",
                "8. Nacalculatie na 6, 12 en 24 maanden", "Hulp"):
        assert f"\n{kop}\n" in tekst
    v.acties["handleiding"].trigger()  # nogmaals: hetzelfde venster, geen tweede
    assert len(v.findChildren(hulp.Handleidingvenster)) == 1
    _schermafdruk_met_dialoog(v, dlg, "help-handleiding-1366x768.png")
    _schermafdruk_met_dialoog(v, dlg, "help-handleiding-1920x1080.png", (1920, 1080))


def test_elk_menupad_in_de_handleiding_bestaat_met_de_genoemde_sneltoets(omgeving, qtbot):
    v = omgeving.open()
    paden = {hulp.zonder_ampersand(p): a for p, a in hulp.menupaden(v).items()}
    bron = _handleiding_tekst()
    genoemd = [html.unescape(re.sub(r"\s+", " ", m)) for m in re.findall(r'<span class="menu">([^<]*)</span>', bron)]
    assert len(genoemd) >= 15
    assert bron.count("›") == sum(p.count("›") for p in genoemd), "elk menupad staat in <span class=\"menu\">"
    for pad in genoemd:
        if pad == "Bestand › Voorbeeldcasus openen":
            assert any(p.startswith(pad + " › ") for p in paden)
            continue
        assert pad in paden, f"{pad} staat niet in de menu's"
    # een sneltoets direct achter een menupad is die van dat menu-item
    for pad, toets in re.findall(r'<span class="menu">([^<]*)</span> \(<span class="toets">([^<]*)</span>\)', bron):
        pad = html.unescape(re.sub(r"\s+", " ", pad))
        assert toets in hulp.toetstekst(paden[pad].shortcuts()).split(" of "), f"{pad}: {toets}"
    for i in range(1, 8):  # de secties
        assert QKeySequence(f"Ctrl+{i}") in v.acties[f"sectie:{i - 1}"].shortcuts()


def test_handleiding_hoort_bij_de_meegeleverde_bestanden():
    from doorbraak import PROJECTMAP, diensten

    # zoals de voorbeelden: resources/ naast het pakket (in een bundel mee te nemen als datamap 'resources')
    assert hulp.HANDLEIDING.parent.parent == diensten.voorbeeldenmap().parent == PROJECTMAP / "resources"
    assert hulp.HANDLEIDING.is_file()


# ---------------------------------------------------------------- training: de voorbeelden


def test_voorbeeldmenu_noemt_elk_voorbeeld_op_titel_ook_de_meerjarige(omgeving, qtbot):
    v = omgeving.open()
    paden = hulp.menupaden(v)
    submenu = [p.split(" › ", 2)[2] for p in paden if p.startswith("Bestand › Voorbeeldcasus openen › ")]
    titels = {}
    for pad in sorted(VOORBEELDEN.glob("*.json")):
        data = json.loads(pad.read_text(encoding="utf-8"))
        titels[pad.stem] = data["titel"]
    assert len(submenu) == len(titels) == 6
    assert "Joyce: een huis in plaats van opvoedondersteuning (over 2 jaar)" in submenu
    assert "Een zelfgekozen mentor in plaats van een uithuisplaatsing (over 3 jaar)" in submenu
    assert "Huurachterstand betalen voordat de ontruiming komt" in submenu
    assert {re.sub(r" \(over \d jaar\)$", "", s) for s in submenu} == set(titels.values())
    _schermafdruk_voorbeeldmenu(v, qtbot)
    # kiezen opent de werkkopie van dat voorbeeld
    paden["Bestand › Voorbeeldcasus openen › Joyce: een huis in plaats van opvoedondersteuning (over 2 jaar)"].trigger()
    assert v.voorbeeld == VOORBEELDEN / "joyce-woning.json"
    assert v.pad == omgeving.mappen.oefeningen / "joyce-woning.json"
    assert v.editor.velden["titel"].invoer.text() == titels["joyce-woning"]


def _schermafdruk_voorbeeldmenu(v, qtbot) -> None:
    """Bestand › Voorbeeldcasus openen, opengeklapt over het venster op 1366×768."""
    v.resize(1366, 768)
    QApplication.processEvents()
    bestand = v.menuBar().actions()[0].menu()
    bestand.popup(v.mapToGlobal(v.menuBar().actionGeometry(v.menuBar().actions()[0]).bottomLeft()))
    qtbot.waitUntil(bestand.isVisible)
    item = next(a for a in bestand.actions() if a.menu() is not None)
    sub = item.menu()
    sub.popup(bestand.mapToGlobal(bestand.actionGeometry(item).topRight()))
    qtbot.waitUntil(sub.isVisible)
    beeld = v.grab()
    schilder = QPainter(beeld)
    links = v.mapFromGlobal(bestand.mapToGlobal(bestand.rect().topLeft()))
    schilder.drawPixmap(links, bestand.grab())
    # het submenu rechts ernaast, zoals op een breed scherm (het offscreen-scherm is smaller en schuift het)
    schilder.drawPixmap(links + QPoint(bestand.width(), bestand.actionGeometry(item).top()), sub.grab())
    schilder.end()
    sub.hide()
    bestand.hide()
    ARTEFACTEN.mkdir(exist_ok=True)
    assert beeld.save(str(ARTEFACTEN / "bestand-voorbeeldcasussen-1366x768.png"))


def _verander_en_bewaar(qtbot, v, titel: str) -> None:
    typ(qtbot, v.editor.velden["titel"].invoer, titel)
    assert v.documenten.opslaan()


def test_alle_voorbeelden_herstellen_ook_het_geopende_als_ongedaan_te_maken_stap(omgeving, qtbot, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST")  # de voorbeelden rekenen met de meegeleverde prijslijst
    v = omgeving.open()
    paden = hulp.menupaden(v)
    originelen = {p.name: p.read_bytes() for p in VOORBEELDEN.glob("*.json")}
    for stem in ("huurachterstand", "natuurlijk-mentor", "joyce-woning"):
        v.acties[f"voorbeeld:{stem}"].trigger()
        _verander_en_bewaar(qtbot, v, f"Cursist veranderde {stem}")
    typ(qtbot, v.editor.velden["titel"].invoer, "Niet opgeslagen in het voorbeeld")  # joyce staat open

    # eerst nee: er verandert niets
    omgeving.dialogen.zet("bevestig", False)
    paden["Bestand › Alle voorbeelden herstellen"].trigger()
    vraag = omgeving.dialogen.teksten("bevestig")[-1]
    assert vraag.startswith("Alle voorbeelden herstellen: 3 werkkopieën van voorbeeldcasussen terugzetten naar het "
                            "origineel?\n• huurachterstand\n• joyce-woning\n• natuurlijk-mentor\n\n")
    assert vraag.endswith("Het voorbeeld in de editor kan daarna nog ongedaan worden gemaakt (Ctrl+Z).")
    kopie = omgeving.mappen.oefeningen / "huurachterstand.json"
    assert lees_casus(kopie).titel == "Cursist veranderde huurachterstand"

    omgeving.dialogen.zet("bevestig", True)
    paden["Bestand › Alle voorbeelden herstellen"].trigger()
    for stem in ("huurachterstand", "natuurlijk-mentor", "joyce-woning"):
        kopie, origineel = omgeving.mappen.oefeningen / f"{stem}.json", VOORBEELDEN / f"{stem}.json"
        assert casus_naar_json(lees_casus(kopie)) == casus_naar_json(lees_casus(origineel))
    assert v.editor.velden["titel"].invoer.text() == lees_casus(VOORBEELDEN / "joyce-woning.json").titel
    assert v.editor.undo.isClean() and v.voorbeeld == VOORBEELDEN / "joyce-woning.json"
    assert {p.name: p.read_bytes() for p in VOORBEELDEN.glob("*.json")} == originelen  # nooit aangeraakt
    assert omgeving.dialogen.teksten("fout") == []
    assert v.statusBar().currentMessage() == "3 voorbeeld(en) hersteld naar het origineel"
    v.acties["ongedaan"].trigger()  # het geopende voorbeeld: herstellen is één stap terug
    assert v.editor.velden["titel"].invoer.text() == "Niet opgeslagen in het voorbeeld"


def test_alle_voorbeelden_herstellen_laat_een_ander_document_met_wijzigingen_staan(omgeving, qtbot, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST")
    v = omgeving.open()
    v.acties["voorbeeld:ov-kaart"].trigger()
    _verander_en_bewaar(qtbot, v, "Veranderd ov")
    v.acties["nieuw"].trigger()  # het voorbeeld is opgeslagen: geen vraag
    assert omgeving.dialogen.teksten("niet_opgeslagen") == []
    typ(qtbot, v.editor.velden["titel"].invoer, "Mijn eigen casus, nog niet bewaard")
    assert not v.editor.undo.isClean()
    omgeving.dialogen.zet("bevestig", True)
    v.acties["alle voorbeelden herstellen"].trigger()
    assert omgeving.dialogen.teksten("bevestig")[-1].endswith("Wat erin is veranderd gaat verloren.")
    kopie = omgeving.mappen.oefeningen / "ov-kaart.json"
    assert lees_casus(kopie).titel == lees_casus(VOORBEELDEN / "ov-kaart.json").titel
    assert v.editor.velden["titel"].invoer.text() == "Mijn eigen casus, nog niet bewaard"
    assert not v.editor.undo.isClean() and v.voorbeeld is None and v.pad is None


def test_alle_voorbeelden_herstellen_zonder_werkkopieen_zegt_dat(omgeving):
    v = omgeving.open()
    v.acties["alle voorbeelden herstellen"].trigger()
    assert omgeving.dialogen.teksten("bevestig") == []
    assert omgeving.dialogen.teksten("melding") == [
        "Alle voorbeelden herstellen: Er zijn geen werkkopieën van voorbeeldcasussen: elk voorbeeld opent nog als "
        "het origineel."]


def test_voorbeeldlijst_met_een_kapot_bestand_en_een_ampersand(tmp_path, monkeypatch):
    from doorbraak import diensten
    from doorbraak.gui import voorbeelden as V

    (tmp_path / "kapot.json").write_text('{"titel": "half', encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"titel": "Huur & zorg", "interventie": [{"jaar": 4}],
                                                 "zonder_doorbraak": [{"jaar": None}]}), encoding="utf-8")
    monkeypatch.setattr(diensten, "voorbeeldenmap", lambda: tmp_path)
    lijst = V.voorbeelden()
    assert [(vb.pad.name, vb.titel, vb.jaren) for vb in lijst] == [("a.json", "Huur & zorg", 4),
                                                                  ("kapot.json", "kapot", 1)]
    assert lijst[0].menutekst == "Huur && zorg (over 4 jaar)"  # de & is geen sneltoetsletter


def test_over_doorbraak_noemt_versies_prijslijst_register_en_gegevensmap(omgeving):
    """Dezelfde regels als `doorbraak --versie` (Doorbraak, prijslijst, Python, Qt), plus register en gegevensmap."""
    import platform

    import PySide6
    from PySide6.QtCore import qVersion

    from doorbraak import __version__, diensten

    v = omgeving.open()
    v.acties["over"].trigger()
    (tekst,) = omgeving.dialogen.teksten("melding")
    prijslijst = f"{v.prijslijst.versienaam} ({diensten.standaard_prijslijstmap()})"
    assert tekst == ("Over Doorbraak: De maatschappelijke businesscase van een doorbraakcasus.\n"
                     f"Doorbraak {__version__}\nPrijslijst: {prijslijst}\n"
                     f"Python {platform.python_version()}\nQt: PySide6 {PySide6.__version__}, Qt {qVersion()}\n"
                     f"Register: {v.registerplaats}\nGegevens: {v.mappen.data}")
