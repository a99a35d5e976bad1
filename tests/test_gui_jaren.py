"""Formaat /2 in de app: jaar, kansbereik, discontovoet en grondslagen bewerken, en het paneel met de contante
waarde, het terugverdienjaar en de scenario's. Schermafdrukken in tests/artefacten/ om te bekijken."""

from __future__ import annotations

import json
from decimal import Decimal
from html import escape

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from doorbraak.domein.casus import FORMAAT_2, lees_casus
from doorbraak.domein.geld import formatteer
from doorbraak.domein.grondslagen import standaard_grondslagen
from doorbraak.gui.grondslagenlijst import GEEN_KEUZE, grondslagnaam
from tests.conftest import VOORBEELDEN
from tests.guihulp import bedrag, bewaar_schermafdruk, typ

MENTOR = VOORBEELDEN / "natuurlijk-mentor.json"
JOYCE = VOORBEELDEN / "joyce-woning.json"
ZONDER, MET, INTERVENTIE = 2, 3, 4
DRIEHOEK = 5


@pytest.fixture(autouse=True)
def echte_prijslijst(omgeving, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)  # de voorbeelden rekenen met de meegeleverde lijst


def _kies_regel(qtbot, v, kant: str, rij: int):
    """Een regel kiezen zoals een mens: de sectie openen en op de regel klikken."""
    v.editor.toon_lijst(kant)
    lijst = v.editor.lijsten[kant]
    tabel = lijst.tabel
    qtbot.mouseClick(tabel.viewport(), Qt.LeftButton, pos=tabel.visualItemRect(tabel.item(rij, 0)).center())
    assert lijst.gekozen() == rij
    return lijst


def _afgesneden(widget) -> list[str]:
    """Zichtbare labels die niet helemaal te zien zijn: smaller dan hun tekst, of deels buiten beeld (een
    schuifvlak dat te smal is)."""
    return [label.text() for label in widget.findChildren(QLabel)
            if label.isVisible() and label.text() and (
                (not label.wordWrap() and label.width() < label.minimumSizeHint().width())
                or label.visibleRegion().boundingRect() != label.rect())]


def test_velden_tonen_jaar_kansbereik_en_grondslagen_van_een_voorbeeld(omgeving, qtbot):
    v = omgeving.open(MENTOR)
    casus = lees_casus(MENTOR)
    e = v.editor
    assert e.velden["discontovoet"].invoer.text() == ""  # niet in het bestand: de standaard van de prijslijst
    assert "2,25%" in e.velden["discontovoet"].invoer.placeholderText()
    zonder = _kies_regel(qtbot, v, "zonder_doorbraak", 1)
    assert [zonder.velden[n].invoer.text() for n in ("aantal", "jaar", "kans", "kans_laag", "kans_hoog")] == [
        "365", "2", "0,75", "0,5", "0,9"]
    assert all(zonder.velden[n].invoer.isVisible() for n in ("jaar", "kans_laag", "kans_hoog"))
    assert [zonder.tabel.item(i, 1).text() for i in range(4)] == ["1", "2", "3", "1"]  # de kolom Jaar
    assert zonder.tabel.item(1, 4).text() == "0,75 (0,5–0,9)"
    interventie = _kies_regel(qtbot, v, "interventie", 1)
    assert interventie.velden["jaar"].invoer.text() == "1"
    # de grondslag: code, toelichting, en wat het artikel zegt met de link
    g = e.grondslagen
    e.tabs.setCurrentIndex(DRIEHOEK)
    (verwijzing,) = casus.grondslagen
    lijst = standaard_grondslagen()
    assert g.tabel.rowCount() == 1 and g.tabel.item(0, 0).text() == "JW-2.3 – Jeugdwet art. 2.3"
    assert g.code.currentData() == "JW-2.3" and g.code.currentText() == grondslagnaam(lijst["JW-2.3"])
    assert g.velden["toelichting"].invoer.text() == verwijzing.toelichting
    assert g.uitleg.isVisible() and escape(lijst["JW-2.3"].url) in g.uitleg.text()
    assert lijst["JW-2.3"].omschrijving in g.uitleg.text()
    # de keuzelijst: alle grondslagen uit de lijst, als "code – wet art. artikel"
    assert [g.code.itemText(i) for i in range(g.code.count())] == [GEEN_KEUZE, *map(grondslagnaam, lijst.values())]
    assert "PW-35 – Participatiewet art. 35" in [g.code.itemText(i) for i in range(g.code.count())]


def test_bewerken_via_de_velden_komt_in_toestand_en_bestand(omgeving, qtbot):
    v = omgeving.open(JOYCE)
    e = v.editor
    pad = v.pad
    assert pad == omgeving.mappen.oefeningen / "joyce-woning.json"
    origineel = e.toestand()
    # discontovoet als percentage
    e.tabs.setCurrentIndex(0)
    typ(qtbot, e.velden["discontovoet"].invoer, "3%")
    # jaar en kans laag van een kostenregel
    zonder = _kies_regel(qtbot, v, "zonder_doorbraak", 0)
    assert zonder.velden["jaar"].invoer.text() == "1"
    assert zonder.velden["kans"].invoer.text() == "" and zonder.velden["kans_laag"].invoer.text() == ""
    typ(qtbot, zonder.velden["jaar"].invoer, "2")
    typ(qtbot, zonder.velden["kans"].invoer, "0,8")
    typ(qtbot, zonder.velden["kans_laag"].invoer, "0,5")
    typ(qtbot, zonder.velden["kans_hoog"].invoer, "0,95")
    assert [zonder.tabel.item(0, k).text() for k in (1, 4)] == ["2", "0,8 (0,5–0,95)"]  # de tabel volgt het typen
    # jaar van een interventieregel
    interventie = _kies_regel(qtbot, v, "interventie", 2)
    assert interventie.velden["jaar"].invoer.text() == "1"
    typ(qtbot, interventie.velden["jaar"].invoer, "2")
    # een grondslag erbij: de knop, een code uit de keuzelijst met het toetsenbord, een toelichting
    e.tabs.setCurrentIndex(DRIEHOEK)
    g = e.grondslagen
    aantal = g.tabel.rowCount()
    qtbot.mouseClick(g.knop_nieuw, Qt.LeftButton)
    assert g.tabel.rowCount() == aantal + 1 and g.gekozen() == aantal and g.code.hasFocus()
    assert g.code.currentText() == GEEN_KEUZE
    qtbot.keyClicks(g.code, "PW-35")
    _toets(qtbot, g.code, Qt.Key_Return)  # de code aanwijzen en Enter, zoals in een zoekveld
    assert g.code.currentData() == "PW-35"
    assert escape(standaard_grondslagen()["PW-35"].url) in g.uitleg.text()
    typ(qtbot, g.velden["toelichting"].invoer, "Bijzondere bijstand kon niet op tijd.")
    v.herbereken()
    assert v.problemen == [], v.problemen

    f = e.toestand()
    assert f["discontovoet"] == "3%"
    assert {k: f["zonder_doorbraak"][0][k] for k in ("jaar", "kans_laag", "kans_hoog")} == {
        "jaar": "2", "kans_laag": "0,5", "kans_hoog": "0,95"}
    assert f["zonder_doorbraak"][0]["kans"] == "0,8"
    assert f["interventie"][2]["jaar"] == "2"
    assert f["grondslagen"][:-1] == origineel["grondslagen"]
    assert f["grondslagen"][-1] == {"code": "PW-35", "toelichting": "Bijzondere bijstand kon niet op tijd.", "_extra": {}}
    # het paneel rekent al met de nieuwe discontovoet
    assert v.bc.discontovoet == Decimal("0.03") and "3%" in v.paneel.jarenvak.title()

    assert v.documenten.opslaan()
    data = json.loads(pad.read_text(encoding="utf-8"))
    assert data["formaat"] == FORMAAT_2
    casus = lees_casus(pad)
    assert casus.discontovoet == Decimal("0.03")
    regel = casus.zonder_doorbraak[0]
    assert (regel.jaar, regel.kans, regel.kans_laag, regel.kans_hoog) == (2, Decimal("0.8"), Decimal("0.5"),
                                                                          Decimal("0.95"))
    assert casus.interventie[2].jaar == 2
    assert [(x.code, x.toelichting) for x in casus.grondslagen][-1] == ("PW-35", "Bijzondere bijstand kon niet op tijd.")
    assert len(casus.grondslagen) == len(origineel["grondslagen"]) + 1
    assert data["waardendriehoek"]["grondslagen"][-1] == {"code": "PW-35",
                                                          "toelichting": "Bijzondere bijstand kon niet op tijd."}


def test_ongedaan_maken_en_herstel_na_een_crash_met_de_nieuwe_velden(omgeving, qtbot):
    v = omgeving.open(MENTOR)
    e = v.editor
    voor = e.toestand()
    e.tabs.setCurrentIndex(DRIEHOEK)
    g = e.grondslagen
    qtbot.mouseClick(g.knop_nieuw, Qt.LeftButton)
    qtbot.keyClicks(g.code, "AWB-4:84")
    _toets(qtbot, g.code, Qt.Key_Tab)  # Tab kiest ook, en gaat naar de toelichting
    assert g.velden["toelichting"].invoer.hasFocus()
    typ(qtbot, g.velden["toelichting"].invoer, "Afwijken van de beleidsregel")
    zonder = _kies_regel(qtbot, v, "zonder_doorbraak", 2)
    typ(qtbot, zonder.velden["kans_laag"].invoer, "0,4")
    na = e.toestand()
    assert na["grondslagen"][-1]["code"] == "AWB-4:84" and na["zonder_doorbraak"][2]["kans_laag"] == "0,4"
    # vier stappen: grondslag erbij, code, toelichting, kans laag
    for _ in range(4):
        v.acties["ongedaan"].trigger()
    assert e.toestand() == voor
    assert g.tabel.rowCount() == 1 and zonder.velden["kans_laag"].invoer.text() == "0,5"
    for _ in range(4):
        v.acties["opnieuw"].trigger()
    assert e.toestand() == na
    assert g.code.currentData() == "AWB-4:84" and zonder.velden["kans_laag"].invoer.text() == "0,4"
    # het herstelbestand bewaart de nieuwe velden, en een nieuw venster zet ze terug
    v.herstel.bewaar()
    bewaard = json.loads(v.herstel.bestand.read_text(encoding="utf-8"))["formulier"]
    assert bewaard["grondslagen"] == na["grondslagen"]
    assert bewaard["zonder_doorbraak"][2]["kans_laag"] == "0,4"
    omgeving.dialogen.zet("bevestig", True)
    v2 = omgeving.open()
    assert v2.editor.toestand()["grondslagen"] == na["grondslagen"]
    assert v2.editor.toestand()["zonder_doorbraak"] == na["zonder_doorbraak"]
    v2.editor.tabs.setCurrentIndex(DRIEHOEK)
    assert v2.editor.grondslagen.tabel.rowCount() == 2
    assert v2.editor.grondslagen.tabel.item(1, 0).text().startswith("AWB-4:84 – Algemene wet bestuursrecht art. 4:84")


def test_ongeldige_waarden_geven_een_fout_bij_het_veld(omgeving, qtbot):
    v = omgeving.open(JOYCE)
    e = v.editor
    horizon_jaren = lees_casus(JOYCE).horizon_jaren
    assert horizon_jaren == 2
    zonder = _kies_regel(qtbot, v, "zonder_doorbraak", 2)  # kans 0,9, bereik 0,7-1
    assert zonder.velden["kans"].invoer.text() == "0,9"
    typ(qtbot, zonder.velden["kans_laag"].invoer, "0,95")
    typ(qtbot, zonder.velden["jaar"].invoer, "3")
    v.herbereken()
    fout_laag = zonder.velden["kans_laag"].fout
    assert "0,95 is hoger dan de kans (0,9)" in fout_laag and zonder.velden["kans_laag"].melding.isVisible()
    assert "3 ligt na de horizon: die is 2 jaar" in zonder.velden["jaar"].fout
    assert zonder.velden["kans"].fout == "" and zonder.velden["kans_hoog"].fout == ""
    assert zonder.tabel.item(2, 0).background().color().name() == "#fde7e6"  # de regel is rood in de tabel
    paden = {p.pad for p in v.problemen}
    assert {"zonder_doorbraak[2].kans_laag", "zonder_doorbraak[2].jaar"} <= paden
    teksten = [v.paneel.problemen.item(i).text() for i in range(v.paneel.problemen.count())]
    assert any(t.startswith("Zonder doorbraak, regel 3, Kans laag: ") for t in teksten)
    assert any(t.startswith("Zonder doorbraak, regel 3, Jaar: ") for t in teksten)
    # een interventie na de horizon, en een discontovoet die te hoog is
    interventie = _kies_regel(qtbot, v, "interventie", 0)
    typ(qtbot, interventie.velden["jaar"].invoer, "5")
    e.tabs.setCurrentIndex(0)
    typ(qtbot, e.velden["discontovoet"].invoer, "25%")
    v.herbereken()
    assert "5 ligt na de horizon" in interventie.velden["jaar"].fout
    assert "te groot (hoogstens 0,2)" in e.velden["discontovoet"].fout
    v.resize(1366, 768)
    qtbot.wait(50)  # de lijst met problemen is erbij gekomen: eerst opnieuw indelen
    bewaar_schermafdruk(v, "jaren-fout-bij-veld.png")
    # een probleem in het paneel kiezen brengt de coach naar het veld
    e.tabs.setCurrentIndex(0)
    v.editor.ga_naar("zonder_doorbraak[2].kans_laag")
    assert e.tabs.currentIndex() == ZONDER and zonder.velden["kans_laag"].invoer.hasFocus()


def test_nieuwe_grondslag_zonder_code_is_nog_in_te_vullen_en_het_paneel_brengt_je_erheen(omgeving, qtbot):
    v = omgeving.open(MENTOR)
    e = v.editor
    e.tabs.setCurrentIndex(DRIEHOEK)
    g = e.grondslagen
    qtbot.mouseClick(g.knop_nieuw, Qt.LeftButton)
    v.herbereken()
    nog = [v.paneel.nog.item(i).text() for i in range(v.paneel.nog.count())]
    assert nog == ["Grondslagen, regel 2, Grondslag"]
    e.tabs.setCurrentIndex(0)
    p = v.paneel
    qtbot.mouseClick(p.nog.viewport(), Qt.LeftButton, pos=p.nog.visualItemRect(p.nog.item(0)).center())
    assert e.tabs.currentIndex() == DRIEHOEK and g.gekozen() == 1 and QApplication.focusWidget() is g.code
    # opslaan kan nog niet: de fout staat dan bij het veld
    assert not v.documenten.opslaan()
    assert g.velden["code"].fout != "" and g.tabel.item(1, 0).text() == GEEN_KEUZE
    # weghalen met Delete in de tabel
    g.tabel.setFocus()
    qtbot.keyClick(g.tabel, Qt.Key_Delete)
    v.herbereken()
    assert g.tabel.rowCount() == 1 and v.problemen == []


def test_onbekende_grondslag_uit_een_bestand_blijft_staan_met_de_fout_erbij(omgeving, qtbot, tmp_path):
    data = json.loads(MENTOR.read_text(encoding="utf-8"))
    data["waardendriehoek"]["grondslagen"].append({"code": "WET-99", "toelichting": "Bestaat niet."})
    pad = tmp_path / "onbekend.json"
    pad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    v = omgeving.open(pad)
    assert v.bc is None
    assert [p.pad for p in v.problemen] == ["waardendriehoek.grondslagen[1].code"]
    e = v.editor
    v.editor.ga_naar("waardendriehoek.grondslagen[1].code")
    g = e.grondslagen
    assert e.tabs.currentIndex() == DRIEHOEK and g.gekozen() == 1 and g.code.hasFocus()
    assert g.code.currentText() == "WET-99 (staat niet in de lijst)" and g.code.currentData() == "WET-99"
    assert "staat niet in de lijst met grondslagen" in g.velden["code"].fout
    assert g.tabel.item(1, 0).text() == "WET-99 (staat niet in de lijst)"
    assert not g.uitleg.isVisible()
    # een grondslag uit de lijst kiezen lost het op
    qtbot.keyClicks(g.code, "PW-16")
    _toets(qtbot, g.code, Qt.Key_Return)
    v.herbereken()
    assert v.problemen == [] and g.velden["code"].fout == "" and g.uitleg.isVisible()
    assert e.toestand()["grondslagen"][1] == {"code": "PW-16", "toelichting": "Bestaat niet.", "_extra": {}}


def test_paneel_toont_contant_terugverdienjaar_scenarios_en_grondslagen(omgeving, qtbot):
    v = omgeving.open(MENTOR)
    bc = v.bc
    assert bc is not None and bc.horizon_jaren == 3
    assert bedrag(v, "contant_vermeden") == formatteer(bc.contant.vermeden_kosten)
    assert bedrag(v, "contant_netto") == formatteer(bc.contant.netto_rendement)
    assert bc.terugverdienjaar is not None
    assert bedrag(v, "terugverdienjaar") == f"in jaar {bc.terugverdienjaar}"
    for naam in ("laag", "midden", "hoog"):
        assert bedrag(v, naam) == formatteer(bc.scenarios[naam].netto_rendement), naam
    assert bedrag(v, "midden") == bedrag(v, "netto")  # het verwachte scenario is het netto rendement
    assert len({bedrag(v, n) for n in ("laag", "midden", "hoog")}) == 3  # het kansbereik doet ertoe
    assert v.paneel.jarenvak.title() == "Over 3 jaar (discontovoet 2,25%)"
    tip = v.paneel.bedragen["terugverdienjaar"].toolTip()
    assert all(f"jaar {j.jaar}: {formatteer(j.netto)}" in tip for j in bc.per_jaar)
    assert "JW-2.3" in v.paneel.grondslagen.text() and "Jeugdwet art. 2.3" in v.paneel.grondslagen.text()
    assert escape(bc.grondslagen[0].grondslag.url) in v.paneel.grondslagen.text()
    # een interventie die zich niet terugverdient
    interventie = _kies_regel(qtbot, v, "interventie", 0)
    typ(qtbot, interventie.velden["bedrag"].invoer, "9.000.000,00")
    v.herbereken()
    assert v.bc.terugverdienjaar is None
    assert bedrag(v, "terugverdienjaar") == "niet binnen de horizon"
    assert bedrag(v, "laag") == formatteer(v.bc.scenarios["laag"].netto_rendement)
    # zonder berekening (een fout buiten de regels): streepjes
    typ(qtbot, v.editor.velden["horizon_maanden"].invoer, "een jaar")
    v.herbereken()
    assert v.bc is None
    assert all(bedrag(v, n) == "—" for n in ("contant_vermeden", "terugverdienjaar", "laag", "midden", "hoog"))
    assert v.paneel.grondslagen.text() == "—"


@pytest.mark.parametrize("breedte,hoogte", [(1366, 768), (1920, 1080)])
def test_schermafdrukken_nieuwe_velden_en_paneel(omgeving, qtbot, breedte, hoogte):
    """Om te bekijken: de nieuwe velden en het paneel op een laptop- en een gewoon scherm."""
    v = omgeving.open(MENTOR)
    v.resize(breedte, hoogte)
    qtbot.wait(50)
    e = v.editor
    paden = []
    e.tabs.setCurrentIndex(0)
    qtbot.wait(10)
    paden.append(bewaar_schermafdruk(v, f"jaren-casus-{breedte}.png"))
    _kies_regel(qtbot, v, "zonder_doorbraak", 1)
    qtbot.wait(10)
    paden.append(bewaar_schermafdruk(v, f"jaren-zonder-doorbraak-{breedte}.png"))
    e.lijsten["zonder_doorbraak"].voeg_eigen_regel_toe()  # een eigen regel heeft de meeste velden
    qtbot.wait(10)
    paden.append(bewaar_schermafdruk(v, f"jaren-eigen-regel-{breedte}.png"))
    v.acties["ongedaan"].trigger()
    _kies_regel(qtbot, v, "interventie", 0)
    qtbot.wait(10)
    paden.append(bewaar_schermafdruk(v, f"jaren-interventie-{breedte}.png"))
    e.tabs.setCurrentIndex(DRIEHOEK)
    qtbot.wait(10)
    paden.append(bewaar_schermafdruk(v, f"jaren-grondslagen-{breedte}.png"))
    paden.append(bewaar_schermafdruk(v.paneeldock, f"jaren-paneel-{breedte}.png"))
    assert all(p.stat().st_size > 5_000 for p in paden)
    # niets afgesneden: elk label heeft zijn breedte, de uitleg bij de grondslag haar hoogte
    assert _afgesneden(v.paneel) == [] and _afgesneden(e) == []
    g = e.grondslagen
    assert g.uitleg.isVisible() and g.uitleg.height() >= g.uitleg.heightForWidth(g.uitleg.width())
    assert g.isVisible() and g.velden["toelichting"].invoer.width() > 200
    vlak = e.tabs.currentWidget()
    assert g.mapTo(vlak.widget(), g.rect().bottomLeft()).y() <= vlak.widget().height()
    zonder = e.lijsten["zonder_doorbraak"]
    for naam in ("jaar", "kans_laag", "kans_hoog"):
        assert zonder.velden[naam].invoer.width() >= 60, naam
    for naam in ("contant_vermeden", "terugverdienjaar", "laag", "midden", "hoog"):
        label = v.paneel.bedragen[naam]
        assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), naam


def _toets(qtbot, keuze, toets) -> None:
    """Een toets zoals Qt hem bezorgt: bij open zoekresultaten aan die lijst (een popup krijgt het toetsenbord)."""
    popup = keuze.completer().popup()
    qtbot.keyClick(popup if popup.isVisible() else keuze, toets)


def test_de_grondslag_zoeken_door_te_typen(omgeving, qtbot):
    """De keuzelijst van de grondslag is doorzoekbaar: 'jeugd' vindt de Jeugdwet, ook midden in de naam; alleen een
    grondslag uit de lijst wordt gekozen, en losse tekst verdwijnt bij het verlaten van het veld."""
    v = omgeving.open(MENTOR)
    e = v.editor
    e.tabs.setCurrentIndex(DRIEHOEK)
    g = e.grondslagen
    qtbot.mouseClick(g.knop_nieuw, Qt.LeftButton)
    assert g.gekozen() == 1 and g.code.currentData() == ""
    g.code.setFocus()
    g.code.lineEdit().selectAll()
    qtbot.keyClicks(g.code.lineEdit(), "gemeentew")
    zoeker = g.code.completer()
    qtbot.waitUntil(lambda: zoeker.popup().isVisible())
    gevonden = [zoeker.completionModel().index(i, 0).data() for i in range(zoeker.completionCount())]
    assert gevonden == [grondslagnaam(standaard_grondslagen()["GEMW-160"])]
    qtbot.keyClick(zoeker.popup(), Qt.Key_Down)
    qtbot.keyClick(zoeker.popup(), Qt.Key_Return)
    assert g.code.currentData() == "GEMW-160" and g.regels[1]["code"] == "GEMW-160"
    assert g.tabel.item(1, 0).text() == "GEMW-160 – Gemeentewet art. 160"
    e.undo.undo()  # één stap: de keuze
    assert g.regels[1]["code"] == ""
    # tekst die niets kiest: de keuze blijft, de tekst gaat weg bij het verlaten van het veld
    e.undo.redo()
    g.kies(1)
    g.code.setFocus()
    g.code.lineEdit().selectAll()
    qtbot.keyClicks(g.code.lineEdit(), "bestaat niet")
    g.velden["toelichting"].invoer.setFocus()
    assert g.code.currentData() == "GEMW-160" and g.code.lineEdit().text() == "GEMW-160 – Gemeentewet art. 160"
