"""Issue 16: het tabblad Monitor (het beeld van de teamleider), door de echte widgets.

Het register is dat van tests/test_monitor.py (elk getal daar met de hand nagerekend), hier met een budgetjaar
2026 en een nacalculatie van M-1: M-1 € 1.000,00 (goedgekeurd 14 januari, verwacht vermeden € 10.000,00);
M-2 € 2.000,00 (3 maart) en € 500,00 (20 maart), verwacht € 5.000,00; M-3 afgewezen (2 mei); M-4 open sinds
1 juni."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QByteArray, QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from doorbraak import diensten
from doorbraak.gui import venstermaat
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Instellingen, bewaar_instellingen, lees_vensterstand
from doorbraak.register import opslag
from tests.conftest import PROJECT, eigen_regel
from tests.guihulp import ANN, BEA, NAMEN, TEAMLEIDER, bewaar_schermafdruk
from tests.test_monitor import AANVRAGEN, casus


def klok(monkeypatch, dag: str) -> None:
    monkeypatch.setattr(opslag, "nu_utc", lambda: f"{dag}T10:00:00.000000Z")


@pytest.fixture
def register(omgeving, tmp_path, monkeypatch):
    """Het register van de module-docstring, op de plek waar de app het lokale register zoekt."""
    r = omgeving.mappen.standaardregister
    echte_klok = opslag.nu_utc
    klok(monkeypatch, "2026-01-02")
    diensten.maak_register(r, D("100000"), D("5000"), ["tl"], namen=NAMEN, gebruiker=TEAMLEIDER, budgetjaar=2026,
                           kostenplaats="6.71.40")
    for dag_in, dag_uit, cid, bedrag, verm, akkoord, extra in AANVRAGEN:
        klok(monkeypatch, dag_in)
        diensten.dien_in(casus(tmp_path, cid, bedrag, verm, **extra), r, gebruiker=ANN)
        if dag_uit:
            klok(monkeypatch, dag_uit)
            diensten.toets(cid, akkoord, "", r, gebruiker=BEA)
    klok(monkeypatch, "2026-09-01")
    n = tmp_path / "nacalculatie.json"
    n.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "casus_id": "M-1", "peildatum": "2026-08-31",
                             "maanden": 6, "uitkomst": "deels", "toelichting": "x", "werkelijke_uitgave": "900.00",
                             "kosten_met": [eigen_regel("2500.00")]}), encoding="utf-8")
    diensten.nacalculeer("M-1", n, r, gebruiker=BEA)
    monkeypatch.setattr(opslag, "nu_utc", echte_klok)  # wat hierna gebeurt, gebeurt nu
    return r


def open_monitor(omgeving, v, qtbot):
    """Beeld › Monitor met de sneltoets, en wachten tot de cijfers er staan."""
    qtbot.keyClick(v, Qt.Key_M, Qt.ControlModifier)
    assert v.monitor.zichtbaar
    omgeving.wacht(v)
    qtbot.waitUntil(lambda: not v.monitor.bezig)


def zet_periode(qtbot, omgeving, v, van: QDate, tot: QDate) -> None:
    beeld = v.monitor.beeld
    beeld.van.setDate(van)
    beeld.tot.setDate(tot)
    qtbot.mouseClick(beeld.toepassen, Qt.LeftButton)
    # de uitkomst komt via de gebeurtenissenlus: tot dan is het tabblad bezig, en kan er niets
    assert beeld.status.text() == "Bezig… de monitor wordt berekend." and beeld.status.isVisible()
    assert not beeld.toepassen.isEnabled() and not beeld.excel.isEnabled() and not beeld.inhoud.isEnabled()
    omgeving.wacht(v)
    qtbot.waitUntil(lambda: not v.monitor.bezig)


def cijfers(v) -> dict[str, str]:
    return {sleutel: label.text() for sleutel, label in v.monitor.beeld.cijfers.items()}


def test_de_monitor_toont_de_cijfers_van_de_periode(omgeving, register, qtbot):
    v = omgeving.open()
    beeld = v.monitor.beeld
    assert not v.monitor.zichtbaar and v.lijstdock.isVisible() and v.paneeldock.isVisible()
    assert v.monitor.m is None  # niets berekend zolang het tabblad dicht is
    # standaard: dit kalenderjaar
    jaar = date.today().year
    assert beeld.periode() == (date(jaar, 1, 1), date(jaar, 12, 31))
    open_monitor(omgeving, v, qtbot)
    assert v.acties["monitor"].isChecked()
    # de docks horen bij de casus: weg zolang de monitor open is
    assert not v.lijstdock.isVisible() and not v.paneeldock.isVisible()
    zet_periode(qtbot, omgeving, v, QDate(2026, 1, 1), QDate(2026, 12, 31))
    assert [m for m, _t in omgeving.dialogen.log if m != "eerste_start"] == []  # geen melding of vraag
    assert not beeld.status.isVisible()
    assert cijfers(v) == {
        "aanvragen": "5 (3 toegekend, 1 afgewezen, 1 open)",
        "toegekend": "€ 3.500,00",
        "gemiddeld": "€ 1.166,67",
        "mediaan": "€ 1.000,00",
        "laagste_hoogste": "€ 500,00 – € 2.000,00",
        "vermeden": "€ 15.000,00 (2 casussen)",
        "netto": "€ 11.500,00",
        "rendement": "4,29 vermeden per euro",
        "doorlooptijd": "mediaan 1,5 dagen, langste 4",
        "route": "vier ogen 3, escalatie 0",
        "nog_na": "1 casus",
        "beschikbaar": "€ 96.600,00 van € 100.000,00",  # 100.000 − 3.500 + 100 teruggevallen
    }
    assert beeld.cijfers["nog_na"].toolTip() == "M-2"  # M-1 is nagecalculeerd
    assert beeld.feiten.text().startswith("Tussen 1 januari 2026 en 31 december 2026 is het doorbraakbudget 3 keer "
                                          "ingezet, gemiddeld €\u00a01.166,67 per toekenning")
    # de maanden van de hele periode, tot en met de maand van vandaag (de tests lopen na maart 2026)
    tot_maand = 12 if date.today().year > 2026 else date.today().month
    namen = ["april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
    assert beeld.maanden.accessibleDescription() == "; ".join([
        "januari 2026: € 1.000,00 (1 toekenning)", "februari 2026: € 0,00 (0 toekenningen)",
        "maart 2026: € 2.500,00 (2 toekenningen)", *(f"{naam} 2026: € 0,00 (0 toekenningen)"
                                                      for naam in namen[:tot_maand - 3])])
    assert beeld.financiers.accessibleDescription() == "gemeente (Wmo): € 10.000,00; woningcorporatie: € 5.000,00"
    assert beeld.nacalculatie.accessibleDescription() == (
        "Verwacht vermeden: € 10.000,00; Gerealiseerd vermeden: € 7.500,00")
    assert beeld.nacalculatietekst.text() == ("Realisatiegraad 0,75; 1 casus nagecalculeerd; werkelijk uitgegeven "
                                              "€\u00a0900,00, terug in de pot €\u00a0100,00.")
    assert beeld.budget.accessibleDescription() == (
        "2026: pot € 100.000,00, toegekend € 3.500,00, vrijgevallen € 100,00, beschikbaar € 96.600,00")
    for naam, grafiek in (("Toegekend per maand", beeld.maanden), ("Budget per jaar", beeld.budget),
                          ("Vermeden kosten per financier", beeld.financiers)):
        assert grafiek.accessibleName() == naam
    for breedte, hoogte in ((1366, 768), (1920, 1080)):
        v.resize(breedte, hoogte)
        qtbot.waitUntil(lambda: v.width() == breedte)
        # alles past: geen schuifbalk (op 1280 × 720 mag het tabblad schuiven)
        qtbot.waitUntil(lambda: not beeld.schuif.verticalScrollBar().isVisible())
        bewaar_schermafdruk(v, f"monitor-{breedte}x{hoogte}.png")

    # de muis op de staaf van maart: haar bedrag
    staaf = beeld.maanden._staaf(2)
    beeld.maanden.event(QHelpEvent(QEvent.ToolTip, staaf.center().toPoint(), beeld.maanden.mapToGlobal(QPoint(0, 0))))
    assert QToolTip.text() == "maart 2026: € 2.500,00 (2 toekenningen)"

    # een andere periode: maart
    zet_periode(qtbot, omgeving, v, QDate(2026, 3, 1), QDate(2026, 3, 31))
    c = cijfers(v)
    assert (c["aanvragen"], c["toegekend"], c["vermeden"]) == ("2 (2 toegekend, 0 afgewezen, 0 open)", "€ 2.500,00",
                                                               "€ 5.000,00 (1 casus)")
    assert beeld.maanden.accessibleDescription() == "maart 2026: € 2.500,00 (2 toekenningen)"
    assert beeld.nacalculatie.accessibleDescription() == "Nog geen nacalculaties van casussen in deze periode."
    # een periode die niet kan: een melding, en de cijfers blijven staan
    beeld.van.setDate(QDate(2026, 4, 1))
    qtbot.mouseClick(beeld.toepassen, Qt.LeftButton)
    assert beeld.status.isVisible() and beeld.status.text() == (
        "De begindatum (01-04-2026) ligt na de einddatum (31-03-2026); kies een periode en klik op Toepassen.")
    assert cijfers(v)["toegekend"] == "€ 2.500,00"

    # terug naar de casus: de docks zoals ze waren
    qtbot.keyClick(v, Qt.Key_M, Qt.ControlModifier)
    assert not v.monitor.zichtbaar and not v.acties["monitor"].isChecked()
    assert v.lijstdock.isVisible() and v.paneeldock.isVisible()


def test_vernieuwen_rekent_opnieuw_en_een_sectie_gaat_terug_naar_de_casus(omgeving, register, qtbot, tmp_path):
    v = omgeving.open()
    v.monitor.beeld.zet_periode(date(2026, 1, 1), date(2026, 12, 31))
    open_monitor(omgeving, v, qtbot)
    assert cijfers(v)["toegekend"] == "€ 3.500,00"
    # een collega keurt intussen M-4 goed; Register › Vernieuwen (F5) leest het register en de monitor opnieuw
    omgeving.wie = BEA
    diensten.toets("M-4", True, "", register, gebruiker=BEA)
    qtbot.keyClick(v, Qt.Key_F5)
    omgeving.wacht(v)
    qtbot.waitUntil(lambda: cijfers(v)["toegekend"] == "€ 4.300,00")
    assert cijfers(v)["aanvragen"] == "5 (4 toegekend, 1 afgewezen, 0 open)"
    # Ctrl+3 is een sectie van de casus: terug naar het tabblad Casus, met de focus in die sectie
    qtbot.keyClick(v, Qt.Key_3, Qt.ControlModifier)
    assert not v.monitor.zichtbaar and v.editor.tabs.currentIndex() == 2
    assert v.lijstdock.isVisible() and v.paneeldock.isVisible()
    assert v.editor.tabs.currentWidget().isAncestorOf(v.focusWidget()) or v.focusWidget() is v.editor.tabs.currentWidget()
    # in de monitor de Casussen erbij (Ctrl+Shift+1) en daaruit een aanvraag openen: terug naar de casus
    open_monitor(omgeving, v, qtbot)
    qtbot.keyClick(v, Qt.Key_1, Qt.ControlModifier | Qt.ShiftModifier)
    assert v.lijstdock.isVisible() and v.monitor.zichtbaar
    v.lijst.zoek.setText("M-4")
    v.lijst.tabel.setCurrentIndex(v.lijst.filter.index(0, 0))
    qtbot.mouseClick(v.lijst.knop_open, Qt.LeftButton)
    omgeving.wacht(v)
    assert not v.monitor.zichtbaar and v.editor.toestand()["casus_id"] == "M-4"
    assert v.lijstdock.isVisible() and v.paneeldock.isVisible()


def test_exporteer_als_excel_en_pdf(omgeving, register, qtbot, tmp_path):
    from openpyxl import load_workbook

    from doorbraak.uitvoer import MONITOR_PDF, MONITOR_XLSX, herken

    v = omgeving.open()
    v.monitor.beeld.zet_periode(date(2026, 1, 1), date(2026, 12, 31))
    open_monitor(omgeving, v, qtbot)
    beeld = v.monitor.beeld
    for knop, naam, titel in ((beeld.excel, "monitor", "Exporteer als Excel"),
                              (beeld.pdf, "monitor.pdf", "Exporteer als PDF")):
        assert knop.isEnabled(), beeld.status.text()
        omgeving.dialogen.zet("kies_opslagbestand", tmp_path / naam)
        omgeving.dialogen.zet("melding_met_map", naam.endswith(".pdf"))  # na de PDF: Map openen
        qtbot.mouseClick(knop, Qt.LeftButton)
        omgeving.wacht(v)
        assert omgeving.dialogen.teksten("fout") == []
    xlsx, pdf = tmp_path / "monitor.xlsx", tmp_path / "monitor.pdf"  # zonder extensie gekozen: .xlsx erbij
    assert omgeving.dialogen.teksten("kies_opslagbestand")[0].endswith("monitor-2026.xlsx")
    assert omgeving.dialogen.teksten("melding") == [f"Exporteer als Excel: Geschreven: {xlsx}",
                                                    f"Exporteer als PDF: Geschreven: {pdf}"]
    assert omgeving.dialogen.teksten("melding_met_map") == [str(tmp_path), str(tmp_path)]
    assert omgeving.dialogen.teksten("open_map") == [str(tmp_path)]  # alleen na de PDF gekozen
    assert herken(xlsx) == (MONITOR_XLSX.kenmerk, "") and herken(pdf) == (MONITOR_PDF.kenmerk, "")
    ws = load_workbook(xlsx)["Samenvatting"]
    assert ws["A1"].value == "Monitor doorbraakbudget"
    assert ws["A2"].value == beeld.feiten.text().replace("\u00a0", " ")  # de cijfers die het tabblad toont
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_een_onbereikbaar_register_geeft_een_melding_in_het_tabblad(omgeving, register, qtbot, tmp_path):
    # het register van het team staat op een share (Bestand › Instellingen), niet in de eigen datamap
    gedeeld = tmp_path / "share" / "register"
    gedeeld.parent.mkdir()
    register.rename(gedeeld)
    omgeving.teamregister = False
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=str(gedeeld)))
    v = omgeving.open()
    assert v.stand is not None and v.registermap == gedeeld
    register = gedeeld
    register.rename(tmp_path / "weg")  # de share is weg, en het venster leest het register opnieuw (F5)
    qtbot.keyClick(v, Qt.Key_F5)
    omgeving.wacht(v)
    assert v.stand is None and v.registerfout
    open_monitor(omgeving, v, qtbot)
    beeld = v.monitor.beeld
    assert beeld.status.isVisible() and beeld.status.property("soort") == "fout"
    assert beeld.status.text().startswith(f"De monitor is niet te berekenen: register {register}: de registermap is "
                                          "niet bereikbaar")
    assert beeld.status.text().endswith("Controleer de registermap (Bestand › Instellingen) en kies Register › "
                                        "Vernieuwen (F5).")
    assert not beeld.inhoud.isVisible()  # geen lege grafieken die 'geen gegevens' zeggen
    assert not beeld.excel.isEnabled() and not beeld.pdf.isEnabled()
    assert cijfers(v)["toegekend"] == "—" and omgeving.dialogen.teksten("fout") == []
    bewaar_schermafdruk(v, "monitor-register-weg.png")
    # terug: Toepassen probeert het opnieuw
    (tmp_path / "weg").rename(register)
    qtbot.mouseClick(beeld.toepassen, Qt.LeftButton)
    omgeving.wacht(v)
    qtbot.waitUntil(lambda: not v.monitor.bezig)
    assert not beeld.status.isVisible() and beeld.excel.isEnabled() and beeld.inhoud.isVisible()


def test_de_monitor_van_de_stand_van_het_venster_is_die_van_het_register(register):
    """De app rekent over de stand die ze al las; dat geeft dezelfde monitor als het register opnieuw lezen, ook
    met records van vóór de monitor (die lezen hun vastgelegde stuk)."""
    van, tot = date(2026, 1, 1), date(2026, 12, 31)
    verwacht = diensten.monitor(register, van, tot)[0].als_json()
    st = diensten.register_stand(register)
    assert diensten.monitor_van_stand(st, register, van, tot).als_json() == verwacht
    for a in st.aanvragen:
        for sleutel in ("per_financier", "leefgebieden", "voorkomen"):
            del a.gegevens[sleutel]
    assert diensten.monitor_van_stand(st, register, van, tot).als_json() == verwacht


STARTEN = r"""
import sys, time
from pathlib import Path
from doorbraak.gui.app import maak_app
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Mappen

app = maak_app()
v = Hoofdvenster(Mappen.standaard())
v.show()
v.begin(None)
def wacht(voorwaarde):
    eind = time.monotonic() + 60
    while not voorwaarde():
        assert time.monotonic() < eind
        app.processEvents()
        time.sleep(0.01)
wacht(lambda: not v.bezig and v.stand is not None)
print("start", "pandas" in sys.modules)
v.acties["monitor"].trigger()
wacht(lambda: v.monitor.m is not None)
print("monitor", "pandas" in sys.modules, v.monitor.beeld.cijfers["aanvragen"].text())
v.editor.undo.setClean()
"""


def test_pandas_laadt_pas_als_de_monitor_opent(tmp_path):
    """In een eigen proces: andere tests hebben pandas hier misschien al geladen."""
    omgeving = os.environ | {"DOORBRAAK_CONFIG": str(tmp_path / "config"), "DOORBRAAK_DATA": str(tmp_path / "data"),
                             "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(PROJECT)}
    omgeving.pop("DOORBRAAK_REGISTER", None)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "instellingen.json").write_text('{"schema": 1}')  # geen eerste start: geen dialoog
    r = subprocess.run([sys.executable, "-c", STARTEN], cwd=PROJECT, capture_output=True, text=True, env=omgeving,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-2:] == ["start False", "monitor True 0 (0 toegekend, 0 afgewezen, 0 open)"]


def test_afsluiten_vanuit_de_monitor_bewaart_de_indeling_met_docks(omgeving, register, qtbot):
    v = omgeving.open()
    v.monitor.beeld.zet_periode(date(2026, 1, 1), date(2026, 12, 31))
    open_monitor(omgeving, v, qtbot)
    assert not v.lijstdock.isVisible()
    assert v.close()
    # bewaard is de casus met beide docks, niet de verborgen docks van de monitor
    assert not v.monitor.zichtbaar and not v.lijstdock.isHidden() and not v.paneeldock.isHidden()
    nieuw = Hoofdvenster(omgeving.mappen, dialogen=omgeving.dialogen, gebruiker=lambda _inst: ANN)
    qtbot.addWidget(nieuw)
    nieuw.lijstdock.hide()
    stand = lees_vensterstand(omgeving.mappen)
    assert nieuw.restoreState(QByteArray.fromBase64(stand.indeling.encode("ascii")), venstermaat.INDELING_VERSIE)
    assert not nieuw.lijstdock.isHidden() and not nieuw.paneeldock.isHidden()
