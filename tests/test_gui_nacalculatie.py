"""De nacalculatie in de app: de sectie bij een goedgekeurde aanvraag en de lijst 'Nog na te calculeren'.

Goedgekeurd op 1 december 2025 (€ 2.400,00; zonder doorbraak € 20.000,00, met doorbraak 2 × € 1.500,00 × kans 0,5,
verwacht vermeden € 18.500,00); de klok staat daarna op 2 juli 2026, ruim zes maanden later."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate, Qt

from doorbraak import diensten
from doorbraak.gui.casuslijst import AANVRAAG
from doorbraak.register import opslag
from tests.conftest import eigen_regel
from tests.guihulp import ANN, BEA, bewaar_schermafdruk, typ
from tests.registerhulp import schrijf_casus

NBSP = "\u00a0"


def gewoon(tekst: str) -> str:
    """Harde spaties (tussen € en bedrag) als gewone, om teksten te vergelijken."""
    return tekst.replace(NBSP, " ")


@pytest.fixture
def klok(monkeypatch):
    nu = {"tijd": "2025-11-01T10:00:00.000000Z"}
    monkeypatch.setattr(opslag, "nu_utc", lambda: nu["tijd"])

    def zet(dag: str) -> None:
        nu["tijd"] = f"{dag}T10:00:00.000000Z"

    return zet


def goedgekeurd(omgeving, tmp_path, klok, casus_id="N-1", dag="2025-12-01", akkoord=True):
    register = omgeving.mappen.standaardregister
    omgeving.maak_teamregister()
    klok(dag)
    diensten.dien_in(schrijf_casus(tmp_path, casus_id, "2400.00", met_doorbraak=[
        eigen_regel("1500.00", aantal="2", kans="0.5")]), register, gebruiker=ANN)
    diensten.toets(casus_id, akkoord, "" if akkoord else "past niet", register, gebruiker=BEA)
    return register


def open_via_lijst(qtbot, omgeving, v, rij: int = 0) -> None:
    tabel = v.nacalculaties.nalijst.tabel
    rect = tabel.visualRect(tabel.model().index(rij, 0))
    qtbot.mouseClick(tabel.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tabel.viewport(), Qt.LeftButton, pos=rect.center())
    omgeving.wacht(v)
    qtbot.waitUntil(lambda: v.editor.tabs.currentIndex() == v.nacalculaties.index)


def eigen_kostenregel(qtbot, lijst, omschrijving, bedrag, aantal):
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    typ(qtbot, lijst.velden["omschrijving"].invoer, omschrijving)
    typ(qtbot, lijst.velden["bedrag_per_eenheid"].invoer, bedrag)
    typ(qtbot, lijst.velden["aantal"].invoer, aantal)
    typ(qtbot, lijst.velden["financier"].invoer, "gemeente (Wmo)")
    typ(qtbot, lijst.velden["bron"].invoer, "factuur van de aanbieder")


def test_vastleggen_vanuit_de_lijst_met_fouten_bij_het_veld(omgeving, qtbot, tmp_path, klok):
    register = goedgekeurd(omgeving, tmp_path, klok)
    klok("2026-07-02")
    v = omgeving.open()
    nalijst = v.nacalculaties.nalijst
    assert nalijst.kop.text() == ("<b>Nog na te calculeren (1)</b><br>Langer dan 6 maanden geleden goedgekeurd, "
                                  "zonder nacalculatie. Dubbelklik om te openen.")
    t = nalijst.tabel
    assert [[t.item(0, k).text() for k in range(4)]] == [["N-1", "N-1-1", "01-12-2025", "7"]]
    assert not v.editor.tabs.isTabVisible(v.nacalculaties.index)  # een nieuw concept: geen nacalculatie

    open_via_lijst(qtbot, omgeving, v)
    assert v.soort == AANVRAAG and v.aanvraag.aanvraag == "N-1-1"
    deel = v.nacalculaties.deel
    assert deel.isVisible() and deel.knop.isEnabled()
    assert deel.status.text().startswith(f"Aanvraag N-1-1 is goedgekeurd op 1 december 2025 (€{NBSP}2.400,00)")
    assert deel.moment.currentText() == "na 6 maanden"  # 7 maanden na het besluit
    assert gewoon(deel.uitgave.placeholderText()) == "toegekend: € 2.400,00"

    # Ctrl+8 (Register › Nacalculatie…): de sectie, met de focus op het eerste veld
    v.editor.tabs.setCurrentIndex(0)
    assert v.acties["nacalculatie"].shortcut().toString() == "Ctrl+8"
    v.acties["nacalculatie"].trigger()
    assert v.editor.tabs.currentIndex() == v.nacalculaties.index and v.focusWidget() is deel.moment

    # fout: een negatieve uitgave en een peildatum vóór het besluit; niets gevraagd, niets vastgelegd
    deel.peildatum.setDate(QDate(2025, 11, 30))
    typ(qtbot, deel.uitgave, "-5")
    typ(qtbot, deel.toelichting, "Het gezin woont er nog; de schuld is gesaneerd.")
    voor = diensten.register_stand(register).aantal_records
    qtbot.mouseClick(deel.knop, Qt.LeftButton)
    assert omgeving.dialogen.teksten("bevestig") == []
    assert deel.velden["werkelijke_uitgave"].fout == "'-5' is negatief: de werkelijke uitgave is 0 of meer"
    assert deel.velden["peildatum"].fout == "2025-11-30 ligt vóór het besluit over N-1-1 (2025-12-01)"
    assert deel.peildatum.isAncestorOf(v.focusWidget())  # naar de eerste fout in het formulier
    # meer dan toegekend: de regel van het register, bij het veld
    typ(qtbot, deel.uitgave, "2.400,01")
    assert gewoon(deel.velden["werkelijke_uitgave"].fout).startswith("de werkelijke uitgave (€ 2.400,01) is hoger dan wat")
    deel.peildatum.setDate(QDate(2026, 7, 1))
    assert deel.velden["peildatum"].fout == ""  # opgelost: de fout verdwijnt meteen
    typ(qtbot, deel.uitgave, "1.950,00")
    assert deel.velden["werkelijke_uitgave"].fout == ""

    # de werkelijke kosten met doorbraak: een eigen regel zonder bron is een fout bij die regel
    deel.delen.setCurrentIndex(1)
    lijst = deel.lijsten["kosten_met"]
    eigen_kostenregel(qtbot, lijst, "Budgetbegeleiding", "412,50", "4")
    typ(qtbot, lijst.velden["bron"].invoer, "")
    qtbot.mouseClick(deel.knop, Qt.LeftButton)
    assert omgeving.dialogen.teksten("bevestig") == []
    assert lijst.velden["bron"].fout != "" and deel.delen.tabText(1).startswith("⚠ ")
    typ(qtbot, lijst.velden["bron"].invoer, "factuur van de aanbieder")
    assert lijst.velden["bron"].fout == "" and not deel.delen.tabText(1).startswith("⚠ ")
    assert diensten.register_stand(register).aantal_records == voor

    # eerst annuleren: niets vastgelegd; dan bevestigen
    qtbot.mouseClick(deel.knop, Qt.LeftButton)
    assert diensten.register_stand(register).aantal_records == voor
    omgeving.dialogen.zet("bevestig", True)
    qtbot.mouseClick(deel.knop, Qt.LeftButton)
    omgeving.wacht(v)
    vraag = [gewoon(t) for t in omgeving.dialogen.teksten("bevestig")]
    assert len(vraag) == 2 and vraag[0] == vraag[1]
    assert vraag[0] == (
        "Nacalculatie vastleggen: De nacalculatie na 6 maanden van N-1 wordt vastgelegd in het register, met uw login "
        "(peildatum 1 juli 2026, uitkomst: bereikt).\n\nWerkelijke uitgave € 1.950,00 van € 2.400,00 toegekend: "
        "€ 450,00 valt terug in de budgetpot. 1 kostenregel(s) met doorbraak.\n\nDit is niet ongedaan te maken; een "
        "latere nacalculatie telt dan in haar plaats.")
    assert omgeving.dialogen.teksten("fout") == []

    st = diensten.register_stand(register)
    assert st.aantal_records == voor + 1
    record = st.nacalculatie("N-1")
    g = record["gegevens"]
    assert record["gebruiker"]["os_login"] == "ann"  # wie handelt: de login van het venster
    # zonder: de vastgelegde € 20.000,00; met: 4 × € 412,50 = € 1.650,00
    assert (g["aanvraag"], g["maanden"], g["peildatum"], g["uitkomst"]) == ("N-1-1", 6, "2026-07-01", "bereikt")
    assert (g["verwacht_vermeden"], g["kosten_zonder"], g["kosten_met"]) == ("18500.00", "20000.00", "1650.00")
    assert (g["gerealiseerd_vermeden"], g["gerealiseerd_netto"], g["vrijgevallen"]) == ("18350.00", "16400.00", "450.00")
    assert st.vrijgevallen == D("450.00")
    # de uitkomst in de sectie, en de melding
    assert deel.cijfers["gerealiseerd_vermeden"].text() == f"€{NBSP}18.350,00"
    assert deel.cijfers["verwacht_vermeden"].text() == f"€{NBSP}18.500,00"
    assert deel.cijfers["gerealiseerd_netto"].text() == f"€{NBSP}16.400,00"
    assert deel.cijfers["vrijgevallen"].text() == f"€{NBSP}450,00"
    assert gewoon(omgeving.dialogen.teksten("melding")[-1]).startswith(
        "Nacalculatie vastgelegd: De nacalculatie van N-1 is vastgelegd (record 4).\nVerwacht vermeden € 18.500,00, "
        "gerealiseerd € 18.350,00; netto € 16.400,00. € 450,00 valt terug in de budgetpot.")
    qtbot.waitUntil(lambda: deel.eerdere.rowCount() == 1)
    assert [gewoon(deel.eerdere.item(0, k).text()) for k in range(6)] == [
        "na 6 mnd", "01-07-2026", "Bereikt", "€ 18.350,00", "€ 450,00", "Ann de Coach (ann) (telt)"]
    # de casus is van de lijst; het formulier is weer leeg
    assert nalijst.aanvragen == [] and nalijst.kop.text().startswith("<b>Nog na te calculeren: geen.</b>")
    assert deel.uitgave.text() == "" and deel.lijsten["kosten_met"].regels == []

    # hetzelfde bestand via de CLI-dienst: precies dezelfde cijfers
    stuk = json.loads(diensten.open_register(register).lees_stuk(g["stuk"]))
    pad = tmp_path / "nacalculatie.json"
    pad.write_text(stuk["bestand"], encoding="utf-8")
    record2, uit, _ = diensten.nacalculeer("N-1", pad, register, gebruiker=ANN)
    zonder = ("stuk",)
    assert {k: w for k, w in record2["gegevens"].items() if k not in zonder} == {
        k: w for k, w in g.items() if k not in zonder}
    assert uit.gerealiseerd_vermeden == D("18350.00")
    assert json.loads(stuk["bestand"])["kosten_met"] == [{
        "omschrijving": "Budgetbegeleiding", "bedrag_per_eenheid": "412.50", "eenheid": "uur", "aantal": 4,
        "financier": "gemeente (Wmo)", "bron": "factuur van de aanbieder"}]


def test_alleen_bij_een_goedgekeurde_aanvraag(omgeving, qtbot, tmp_path, klok):
    goedgekeurd(omgeving, tmp_path, klok, "A-1", akkoord=False)
    klok("2026-07-02")
    v = omgeving.open()
    tabs, index = v.editor.tabs, v.nacalculaties.index
    assert not tabs.isTabVisible(index)  # een concept
    (regel,) = [r for r in v.lijst.regels if r.soort == AANVRAAG]
    v.documenten.open_lijstregel(regel)
    omgeving.wacht(v)
    assert v.aanvraag.status == "afgewezen" and not tabs.isTabVisible(index) and not tabs.isTabEnabled(index)
    v.acties["nacalculatie"].trigger()  # Ctrl+8: zegt waar het wel kan
    assert tabs.currentIndex() != index
    assert v.statusBar().currentMessage().startswith("De nacalculatie hoort bij een goedgekeurde aanvraag")
    assert v.nacalculaties.nalijst.aanvragen == []


def test_de_lijst_zonder_nacalculatie_en_na_zes_maanden(omgeving, qtbot, tmp_path, klok):
    register = goedgekeurd(omgeving, tmp_path, klok, "L-1", dag="2025-12-01")
    goedgekeurd(omgeving, tmp_path, klok, "L-2", dag="2026-01-15")
    goedgekeurd(omgeving, tmp_path, klok, "L-3", dag="2026-01-02")  # krijgt een nacalculatie
    goedgekeurd(omgeving, tmp_path, klok, "L-4", dag="2026-02-01")  # op 2 juli nog geen zes maanden
    klok("2026-07-01")
    pad = tmp_path / "n.json"
    pad.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "casus_id": "L-3", "peildatum": "2026-07-01",
                               "maanden": 6, "uitkomst": "deels", "toelichting": "x", "werkelijke_uitgave": "2400.00",
                               "kosten_met": []}), encoding="utf-8")
    diensten.nacalculeer("L-3", pad, register, gebruiker=BEA)
    klok("2026-07-16")
    v = omgeving.open()
    t = v.nacalculaties.nalijst.tabel
    rijen = [[t.item(i, k).text() for k in range(4)] for i in range(t.rowCount())]
    assert rijen == [["L-1", "L-1-1", "01-12-2025", "7"], ["L-2", "L-2-1", "15-01-2026", "6"]]
    # L-2 valt er op 15 juli nog buiten: precies zes maanden is niet 'langer dan'
    klok("2026-07-15")
    v.registeracties.lees()
    omgeving.wacht(v)
    assert v.nacalculaties.nalijst.aanvragen == ["L-1-1"]
    v.resize(1366, 768)
    bewaar_schermafdruk(v.lijstdock, "nacalculatie-lijst-1366x768.png")
    v.resize(1920, 1080)
    bewaar_schermafdruk(v.lijstdock, "nacalculatie-lijst-1920x1080.png")


@pytest.mark.parametrize("breedte, hoogte", [(1366, 768), (1920, 1080)])
def test_schermafdrukken_van_de_sectie(omgeving, qtbot, tmp_path, klok, breedte, hoogte):
    register = goedgekeurd(omgeving, tmp_path, klok)
    klok("2026-07-01")
    pad = tmp_path / "n.json"
    pad.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "casus_id": "N-1", "peildatum": "2026-06-30",
                               "maanden": 6, "uitkomst": "deels", "toelichting": "x", "werkelijke_uitgave": "2000.00",
                               "kosten_met": [eigen_regel("412.50", aantal="4")]}), encoding="utf-8")
    diensten.nacalculeer("N-1", pad, register, gebruiker=BEA)
    klok("2026-12-02")
    v = omgeving.open()
    v.resize(breedte, hoogte)
    (regel,) = [r for r in v.lijst.regels if r.soort == AANVRAAG]
    v.nacalculaties.open(regel.aanvraag)
    omgeving.wacht(v)
    qtbot.waitUntil(lambda: v.editor.tabs.currentIndex() == v.nacalculaties.index)
    deel = v.nacalculaties.deel
    qtbot.waitUntil(lambda: deel.eerdere.rowCount() == 1)
    assert deel.moment.currentText() == "na 12 maanden"
    assert deel.cijfers["vrijgevallen"].text() == f"€{NBSP}400,00"
    typ(qtbot, deel.uitgave, "-5")
    qtbot.mouseClick(deel.knop, Qt.LeftButton)
    vlak = v.editor.tabs.widget(v.nacalculaties.index)
    qtbot.waitUntil(lambda: not vlak.verticalScrollBar().isVisible())  # de sectie past, ook op 1366 × 768
    bewaar_schermafdruk(v, f"nacalculatie-{breedte}x{hoogte}.png")
    deel.delen.setCurrentIndex(1)
    eigen_kostenregel(qtbot, deel.lijsten["kosten_met"], "Budgetbegeleiding", "412,50", "4")
    qtbot.waitUntil(lambda: not vlak.verticalScrollBar().isVisible())
    bewaar_schermafdruk(v, f"nacalculatie-kosten-{breedte}x{hoogte}.png")


def test_bijstellen_met_reden_en_een_regel_uit_de_prijslijst(omgeving, qtbot, tmp_path, klok):
    """Zonder doorbraak bijgesteld: 12 × € 1.250,00 × kans 0,8 = € 12.000,00; met doorbraak 2 × NORM (€ 1.345,45 per
    maand, zonder indexatie) = € 2.690,90. Gerealiseerd vermeden € 9.309,10; netto − € 2.400,00 = € 6.909,10."""
    from PySide6.QtWidgets import QDialogButtonBox

    register = goedgekeurd(omgeving, tmp_path, klok)
    klok("2026-12-02")
    omgeving.wie = BEA
    v = omgeving.open()
    open_via_lijst(qtbot, omgeving, v)
    deel = v.nacalculaties.deel
    assert deel.moment.currentText() == "na 12 maanden"
    qtbot.keyClicks(deel.uitkomst, "D")  # Deels bereikt
    assert deel.uitkomst.currentData() == "deels"
    deel.peildatum.setDate(QDate(2026, 12, 1))
    typ(qtbot, deel.uitgave, "2400")
    typ(qtbot, deel.toelichting, "De schuld is deels gesaneerd.")
    deel.delen.setCurrentIndex(1)
    met = deel.lijsten["kosten_met"]
    qtbot.mouseClick(met.knop_prijslijst, Qt.LeftButton)
    qtbot.keyClicks(v.kiezer.zoek, "NORM")
    assert v.kiezer.filter.rowCount() == 1
    qtbot.mouseClick(v.kiezer.knoppen.button(QDialogButtonBox.Ok), Qt.LeftButton)
    typ(qtbot, met.velden["aantal"].invoer, "2")
    assert met.regels[0]["prijs"] == "NORM" and met.tabel.item(0, 0).text().endswith("(NORM)")
    # bijstellen zonder reden: een fout bij de reden, het onderdeel gemarkeerd
    deel.delen.setCurrentIndex(2)
    assert not deel.lijsten["kosten_zonder_bijgesteld"].isEnabled()
    qtbot.mouseClick(deel.bijstellen, Qt.LeftButton)
    zonder = deel.lijsten["kosten_zonder_bijgesteld"]
    assert zonder.isEnabled()
    eigen_kostenregel(qtbot, zonder, "Opvang", "1.250,00", "12")
    typ(qtbot, zonder.velden["kans"].invoer, "0,8")
    deel.delen.setCurrentIndex(0)
    qtbot.mouseClick(deel.knop, Qt.LeftButton)
    assert omgeving.dialogen.teksten("bevestig") == []
    assert deel.velden["reden_bijstelling"].fout == "ontbreekt: waarom weet u het scenario zonder doorbraak nu beter?"
    assert deel.delen.currentIndex() == 2 and deel.delen.tabText(2).startswith("⚠ ")
    v.resize(1366, 768)
    vlak = v.editor.tabs.widget(v.nacalculaties.index)
    qtbot.waitUntil(lambda: not vlak.verticalScrollBar().isVisible() and not vlak.horizontalScrollBar().isVisible())
    bewaar_schermafdruk(v, "nacalculatie-bijgesteld-1366x768.png")
    typ(qtbot, deel.reden, "De verhuurder had al een ontruimingsvonnis.")
    omgeving.dialogen.zet("bevestig", True)
    qtbot.mouseClick(deel.knop, Qt.LeftButton)
    omgeving.wacht(v)
    assert gewoon(omgeving.dialogen.teksten("bevestig")[0]).endswith(
        "€ 0,00 valt terug in de budgetpot. 1 kostenregel(s) met doorbraak; het scenario zonder doorbraak wordt "
        "bijgesteld met 1 regel(s).\n\nDit is niet ongedaan te maken; een latere nacalculatie telt dan in haar plaats.")
    assert omgeving.dialogen.teksten("fout") == []
    g = diensten.register_stand(register).nacalculatie("N-1")["gegevens"]
    assert (g["maanden"], g["uitkomst"], g["kosten_zonder_bijgesteld"]) == (12, "deels", True)
    assert (g["kosten_zonder"], g["kosten_met"], g["gerealiseerd_vermeden"]) == ("12000.00", "2690.90", "9309.10")
    assert (g["gerealiseerd_netto"], g["vrijgevallen"]) == ("6909.10", "0.00")
    assert g["reden_bijstelling"] == "De verhuurder had al een ontruimingsvonnis."
    assert deel.cijfers["gerealiseerd_netto"].text() == f"€{NBSP}6.909,10"
    # hetzelfde bestand via de dienst van de CLI: dezelfde cijfers
    stuk = json.loads(diensten.open_register(register).lees_stuk(g["stuk"]))
    pad = tmp_path / "n12.json"
    pad.write_text(stuk["bestand"], encoding="utf-8")
    record, _, _ = diensten.nacalculeer("N-1", pad, register, gebruiker=BEA)
    assert {k: w for k, w in record["gegevens"].items() if k != "stuk"} == {k: w for k, w in g.items() if k != "stuk"}


def test_de_sectie_wordt_pas_bij_gebruik_gebouwd_en_onthoudt_de_kolommen(omgeving, qtbot, tmp_path, klok):
    """De start bouwt het formulier niet; de eerste goedgekeurde aanvraag wel, en dan onthoudt het venster de
    kolommen van de tabellen, net als die van de tabellen die er vanaf de start zijn."""
    from doorbraak.gui.venstermaat import Kolomgeheugen

    goedgekeurd(omgeving, tmp_path, klok)
    klok("2026-07-02")
    v = omgeving.open()
    assert v.nacalculaties._deel is None
    open_via_lijst(qtbot, omgeving, v)
    kop = v.nacalculaties.deel.eerdere.horizontalHeader()
    assert kop.objectName().startswith("kolommen-") and kop.property("kolomgeheugen")
    kop.resizeSection(0, 123)
    assert v.findChild(Kolomgeheugen, "kolomgeheugen").standen[kop.objectName()].startswith(f"{kop.count()}:")
