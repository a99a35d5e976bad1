"""Invoeren zonder hindernissen: geen fouten in een sectie die u nog niet aanraakte, totalen die blijven staan
terwijl u een regel invult (met een teken bij die regel en op de tab), de focus na Ctrl+1…7, de prijslijstkiezer
met het toetsenbord, de kolommen en de schrijfwijze van bedragen en negatieve getallen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView, QTableWidget

from doorbraak.gui.editor import SECTIES
from tests.guihulp import bedrag, bewaar_schermafdruk, maak_casus, typ, voeg_prijsregel_toe


@pytest.fixture
def echte_prijslijst(monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)


def teksten(lijst) -> list[str]:
    return [lijst.item(i).text() for i in range(lijst.count())]


def tabteken(v, i: int) -> tuple[bool, str, str]:
    """(heeft een icoon, toegankelijke naam, tooltip) van de tab van sectie i."""
    balk = v.editor.tabs.tabBar()
    return not v.editor.tabs.tabIcon(i).isNull(), balk.accessibleTabName(i), v.editor.tabs.tabToolTip(i)


def actief(qtbot, venster) -> None:
    venster.activateWindow()
    qtbot.waitUntil(venster.isActiveWindow, timeout=3000)


# ------------------------------------------------------------------ 3. fouten


def test_een_sectie_die_u_niet_aanraakte_toont_geen_fouten(omgeving, qtbot):
    v = omgeving.open()
    e = v.editor
    # een nieuwe casus: in geen enkele sectie een fout, op geen enkele tab een teken
    for i in range(len(SECTIES)):
        v.toon_sectie(i)
        assert tabteken(v, i) == (False, "", ""), SECTIES[i]
    assert all(veld.fout == "" and veld.melding.isHidden() for veld in e.velden.values())
    assert v.paneel.problemen.isHidden() and teksten(v.paneel.nog) == ["Titel"]
    # in elke regelsectie een regel erbij: wat daar leeg is, is nog in te vullen, geen fout; de tab zegt dat de
    # regel onvolledig is (een informatieteken, geen waarschuwing), en de andere secties blijven zonder teken
    for i, kant in ((2, "zonder_doorbraak"), (3, "met_doorbraak"), (4, "interventie")):
        v.toon_sectie(i)
        lijst = e.lijsten[kant]
        qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
        v.herbereken()
        assert all(veld.fout == "" for veld in lijst.velden.values()), kant
        assert lijst.tabel.item(0, 0).background().style() == Qt.NoBrush  # niet rood: er is niets fout
        assert tabteken(v, i) == (True, f"{SECTIES[i]} (1 regel onvolledig)", f"{SECTIES[i]} (1 regel onvolledig)")
    for i in (0, 1, 5, 6):
        assert tabteken(v, i) == (False, "", ""), SECTIES[i]
    assert v.paneel.problemen.isHidden()
    # een veld dat u bewerkte en weer leeg maakte, is wel een fout: dan krijgt de tab een waarschuwing
    titel = e.velden["titel"].invoer
    typ(qtbot, titel, "Huur")
    typ(qtbot, titel, "")
    v.herbereken()
    assert e.velden["titel"].fout == "is leeg"
    assert tabteken(v, 0) == (True, "Casus (1 probleem)", "Casus (1 probleem)")
    # en wat er staat maar niet klopt ook, meteen
    aantal = e.lijsten["zonder_doorbraak"].velden["aantal"].invoer
    typ(qtbot, aantal, "veel")
    v.herbereken()
    assert tabteken(v, 2)[1] == "Zonder doorbraak (1 probleem, 1 regel onvolledig)"
    assert v.editor.tabs.tabBar().accessibleTabName(3) == "Met doorbraak (1 regel onvolledig)"


def test_regel_toevoegen_laat_de_totalen_staan_zonder_die_regel(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="2.850,00")
    # UUR-CPI: € 104,00 per uur in 2025; 12,5 uur = € 1.300,00
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "12,5")
    assert v.bc is not None and bedrag(v, "zonder") == "€ 1.300,00"
    lijst = v.editor.lijsten["zonder_doorbraak"]

    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)  # Eigen regel: nog helemaal leeg
    v.herbereken()
    # de totalen blijven, over de volledige regels
    assert bedrag(v, "interventie") == "€ 2.850,00" and bedrag(v, "zonder") == "€ 1.300,00"
    assert bedrag(v, "vermeden") == "€ 1.300,00" and bedrag(v, "netto") == "€ -1.550,00"
    assert v.paneel.waarschuwingen.item(0).text() == (
        "Voorlopig: de totalen zijn zonder 1 onvolledige regel (Zonder doorbraak, regel 2). Vul die aan; tot dan "
        "kan de casus niet worden ingediend of geëxporteerd.")
    # bovenaan het paneel, altijd in beeld: de route zegt dat het voorlopig is, in de neutrale kleur
    assert v.paneel.route.text().replace("\u00a0", " ") == (
        "Voorlopig: totalen zonder 1 onvolledige regel (zie Waarschuwingen)")
    assert v.paneel.route.property("soort") == "geen"
    # de regel heeft een teken, en wat ontbreekt staat nog steeds in de lijst
    cel = lijst.tabel.item(1, 0)
    assert not cel.icon().isNull() and cel.data(Qt.AccessibleTextRole) == " (onvolledig)"
    assert cel.toolTip() == ("Onvolledig: deze regel telt nog niet mee in de totalen (Omschrijving, Bedrag per "
                             "eenheid, Financier, Bron).")
    assert lijst.tabel.item(1, 6).text() == "onvolledig"  # de kolom Bedrag
    assert lijst.tabel.item(0, 0).icon().isNull() and lijst.tabel.item(0, 6).text() == "€ 1.300,00"
    assert teksten(v.paneel.nog) == ["Zonder doorbraak, regel 2, Omschrijving",
                                     "Zonder doorbraak, regel 2, Bedrag per eenheid",
                                     "Zonder doorbraak, regel 2, Financier", "Zonder doorbraak, regel 2, Bron"]
    assert tabteken(v, 2)[1] == "Zonder doorbraak (1 regel onvolledig)"
    v.resize(1366, 768)
    qtbot.wait(20)
    bewaar_schermafdruk(v, "invoer-onvolledige-regel-1366.png")

    # zo'n voorlopige casus wordt nooit ingediend of geëxporteerd
    assert v.casus is None and v.bc is None and v.voorlopig is not None
    assert not v.besluitdeel.knoppen["indienen"].isEnabled()
    assert v.besluitdeel.redenen["indienen"].text().startswith("Kan niet: los eerst de problemen in de invoer op")
    v.registeracties.handeling("indienen")
    assert omgeving.dialogen.teksten("fout")[-1].startswith("Niet mogelijk: Los eerst de problemen")
    assert not v.acties["pdf"].isEnabled() and not v.acties["xlsx"].isEnabled()
    v.documenten.exporteer_pdf()
    assert omgeving.dialogen.teksten("fout")[-1].startswith("Verantwoording exporteren: Los eerst de problemen")
    assert omgeving.dialogen.teksten("kies_opslagbestand") == []

    # een fout in de regel: de rij wordt rood, de tab krijgt een waarschuwing, de totalen blijven
    typ(qtbot, lijst.velden["bedrag_per_eenheid"].invoer, "12,3,4")
    v.herbereken()
    assert lijst.tabel.item(1, 0).background().color().name() == "#fde7e6"
    assert lijst.tabel.item(1, 0).data(Qt.AccessibleTextRole) == " (onvolledig, met een fout)"
    assert tabteken(v, 2)[1] == "Zonder doorbraak (1 probleem, 1 regel onvolledig)"
    assert bedrag(v, "zonder") == "€ 1.300,00"

    # de regel afmaken: hij telt mee, het teken is weg, indienen mag weer
    typ(qtbot, lijst.velden["omschrijving"].invoer, "Taxi naar de rechtbank")
    typ(qtbot, lijst.velden["bedrag_per_eenheid"].invoer, "45,00")
    typ(qtbot, lijst.velden["aantal"].invoer, "2")
    typ(qtbot, lijst.velden["financier"].invoer, "gemeente")
    typ(qtbot, lijst.velden["bron"].invoer, "offerte")
    v.herbereken()
    assert v.bc is not None and v.voorlopig is None and v.casus is not None
    assert bedrag(v, "zonder") == "€ 1.390,00"
    assert not teksten(v.paneel.waarschuwingen)[0].startswith("Voorlopig")
    assert lijst.tabel.item(1, 0).icon().isNull() and lijst.tabel.item(1, 0).data(Qt.AccessibleTextRole) is None
    assert lijst.tabel.item(1, 6).text() == "€ 90,00"
    assert tabteken(v, 2) == (False, "Zonder doorbraak", "")
    assert v.acties["pdf"].isEnabled()

    # een probleem buiten de regels (de titel): dan is er niets te berekenen, ook niet voorlopig
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    typ(qtbot, v.editor.velden["titel"].invoer, "")
    v.herbereken()
    assert v.voorlopig is None and bedrag(v, "zonder") == "—"
    assert lijst.tabel.item(2, 6).text() == "onvolledig"


def test_de_interventietabel_toont_bedragen_zoals_overal(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="2400")
    lijst = v.editor.lijsten["interventie"]
    assert lijst.tabel.item(0, 2).text() == "€ 2.400,00"
    typ(qtbot, lijst.velden["bedrag"].invoer, "12,3,4")  # niet te lezen: zoals getypt, en de rij is rood
    v.herbereken()
    assert lijst.tabel.item(0, 2).text() == "12,3,4"
    assert lijst.tabel.item(0, 0).background().style() != Qt.NoBrush


def test_negatieve_getallen_zeggen_dat_negatief_niet_mag(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v)
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "-5")
    velden = v.editor.lijsten["zonder_doorbraak"].velden
    assert velden["aantal"].fout == "'-5': een aantal kan niet negatief zijn"
    typ(qtbot, velden["aantal"].invoer, "5")
    typ(qtbot, velden["kans"].invoer, "-50%")
    v.herbereken()
    assert velden["kans"].fout == "'-50%': een kans kan niet negatief zijn"
    interventie = v.editor.lijsten["interventie"].velden["bedrag"]
    typ(qtbot, interventie.invoer, "-2.400,00")
    v.herbereken()
    assert interventie.fout == "'-2.400,00': een bedrag kan niet negatief zijn"
    # een foutmelding met een bedrag erin breekt niet af tussen € en het bedrag
    typ(qtbot, interventie.invoer, "99.999.999,00")
    v.herbereken()
    assert "€ " in interventie.fout and "€ " not in interventie.melding.text() and "€\u00a0" in interventie.melding.text()


# ------------------------------------------------------------------ 4. focus


def test_ctrl_cijfer_zet_de_focus_op_het_eerste_veld_en_typen_komt_daar(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v)
    e = v.editor
    actief(qtbot, v)
    qtbot.keyClick(v, Qt.Key_2, Qt.ControlModifier)
    assert e.tabs.currentIndex() == 1 and e.velden["situatie"].invoer.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Huurachterstand")
    assert e.velden["situatie"].invoer.toPlainText() == "Huurachterstand"
    qtbot.keyClick(v, Qt.Key_6, Qt.ControlModifier)
    assert e.velden["rendement"].invoer.hasFocus()
    qtbot.keyClick(v, Qt.Key_1, Qt.ControlModifier)
    casus_id = e.velden["casus_id"].invoer
    assert casus_id.hasFocus() and casus_id.selectedText() == casus_id.text()  # typen vervangt, zoals na Tab
    qtbot.keyClicks(casus_id, "C-2026-099")
    assert casus_id.text() == "C-2026-099"
    # een regelsectie zonder regels: de tabel (daarna Tab naar de knoppen)
    qtbot.keyClick(v, Qt.Key_4, Qt.ControlModifier)
    assert e.tabs.currentIndex() == 3 and e.lijsten["met_doorbraak"].tabel.hasFocus()
    # met een gekozen eigen regel: de omschrijving; met een prijsregel: het aantal
    qtbot.mouseClick(e.lijsten["met_doorbraak"].knop_nieuw, Qt.LeftButton)
    qtbot.keyClick(v, Qt.Key_1, Qt.ControlModifier)
    qtbot.keyClick(v, Qt.Key_4, Qt.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "Taxi")
    assert e.lijsten["met_doorbraak"].regels[0]["omschrijving"] == "Taxi"
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "3")
    actief(qtbot, v)
    qtbot.keyClick(v, Qt.Key_1, Qt.ControlModifier)
    qtbot.keyClick(v, Qt.Key_3, Qt.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "7")
    assert e.lijsten["zonder_doorbraak"].regels[0]["aantal"] == "7"
    qtbot.keyClick(v, Qt.Key_5, Qt.ControlModifier)
    assert e.lijsten["interventie"].velden["omschrijving"].invoer.hasFocus()


def test_tab_gaat_van_aantal_naar_kans(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v)
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "3")
    actief(qtbot, v)
    lijst = v.editor.lijsten["zonder_doorbraak"]
    lijst.velden["aantal"].invoer.setFocus()
    volgorde = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        volgorde.append(QApplication.focusWidget())
    assert volgorde == [lijst.velden[n].invoer for n in ("kans", "kans_laag", "kans_hoog", "jaar", "toelichting")]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is lijst.knop_rekenhulp  # de rekenhulp blijft bereikbaar, achteraan
    # bij een eigen regel ook via financier en bron
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    lijst.velden["aantal"].invoer.setFocus()
    qtbot.keyClick(lijst.velden["aantal"].invoer, Qt.Key_Tab)
    assert QApplication.focusWidget() is lijst.velden["kans"].invoer
    lijst.velden["jaar"].invoer.setFocus()
    qtbot.keyClick(lijst.velden["jaar"].invoer, Qt.Key_Tab)
    assert QApplication.focusWidget() is lijst.velden["financier"].invoer


def test_prijslijstkiezer_pijltjes_en_enter_voegen_de_gekozen_regel_toe(omgeving, qtbot, echte_prijslijst):
    v = omgeving.open()
    maak_casus(qtbot, v)
    actief(qtbot, v)
    qtbot.keyClick(v, Qt.Key_3, Qt.ControlModifier)
    v.acties["prijsregel"].trigger()
    kiezer = v.kiezer
    actief(qtbot, kiezer)
    assert kiezer.zoek.hasFocus()
    qtbot.keyClicks(kiezer.zoek, "uur")
    assert kiezer.filter.rowCount() >= 3
    derde = kiezer.filter.index(2, 0).data()
    assert kiezer.code() == kiezer.filter.index(0, 0).data()  # zolang u zoekt, is de eerste gekozen
    qtbot.keyClick(kiezer.zoek, Qt.Key_Down)  # naar de uitkomsten: de volgende
    assert kiezer.tabel.hasFocus() and kiezer.code() == kiezer.filter.index(1, 0).data()
    qtbot.keyClick(kiezer.tabel, Qt.Key_Down)
    assert kiezer.code() == derde
    detail = kiezer.detail.document().toRawText()
    assert "€\u00a0" in detail and "€ " not in detail  # het €-teken breekt niet af van zijn bedrag
    qtbot.keyClick(kiezer.tabel, Qt.Key_Return)
    assert not kiezer.isVisible()
    assert [r["prijs"] for r in v.editor.lijsten["zonder_doorbraak"].regels] == [derde]


# ------------------------------------------------------------------ 5. kolommen


def test_kolommen_de_omschrijving_krijgt_de_ruimte(omgeving, qtbot, echte_prijslijst):
    v = omgeving.open()
    v.resize(1366, 768)
    maak_casus(qtbot, v)
    lijst = v.editor.lijsten["zonder_doorbraak"]
    v.toon_sectie(2)
    lijst.voeg_eigen_regel_toe()
    typ(qtbot, lijst.velden["omschrijving"].invoer, "Begeleiding")
    typ(qtbot, lijst.velden["financier"].invoer, "Zorgverzekeraar (Zorgverzekeringswet, basisverzekering, "
                                                 "wijkverpleging en eerstelijnszorg)")
    v.herbereken()
    qtbot.wait(20)
    kop = lijst.tabel.horizontalHeader()
    assert kop.objectName() == "kolommen-zonder_doorbraak"
    assert v.editor.lijsten["interventie"].tabel.horizontalHeader().objectName() == "kolommen-interventie"
    assert v.editor.grondslagen.tabel.horizontalHeader().objectName() == "kolommen-grondslagen"
    kolommen = [s for _, s in lijst.kolommen]
    breedte = {s: kop.sectionSize(k) for k, s in enumerate(kolommen)}
    assert breedte["omschrijving"] == max(breedte.values())  # de lange financier eet de omschrijving niet op
    assert kop.sectionResizeMode(kolommen.index("omschrijving")) == QHeaderView.Stretch
    assert kop.sectionResizeMode(kolommen.index("financier")) == QHeaderView.Interactive  # te verslepen, en te onthouden
    financier = lijst.tabel.item(0, kolommen.index("financier"))
    # afgekort: de hele naam in de tooltip (na wat er aan de regel nog ontbreekt)
    assert financier.toolTip().splitlines()[-1].startswith("Zorgverzekeraar (Zorgverzekeringswet, basisverzekering")
    # bedragen en jaren krijgen wat ze nodig hebben, ook als een bedrag breder wordt
    fm = lijst.tabel.fontMetrics()
    typ(qtbot, lijst.velden["bedrag_per_eenheid"].invoer, "1.234.567,00")
    typ(qtbot, lijst.velden["bron"].invoer, "offerte")
    v.herbereken()
    cel = lijst.tabel.item(0, kolommen.index("bedrag"))
    assert cel.text() == "€ 1.234.567,00" and kop.sectionSize(kolommen.index("bedrag")) > fm.horizontalAdvance(cel.text())
    # de kiezer: de naam krijgt de ruimte
    v.acties["prijsregel"].trigger()
    kiezer = v.kiezer
    qtbot.waitUntil(kiezer.isVisible)
    assert kiezer.width() <= kiezer.screen().availableGeometry().width()
    kiezer.resize(1120, 600)  # zoals op een scherm van 1366 breed (het scherm zonder beeld is kleiner)
    qtbot.wait(20)
    kiezerkop = kiezer.tabel.horizontalHeader()
    assert isinstance(kiezer.tabel, QTableView) and kiezerkop.objectName() == "kolommen-prijslijstkiezer"
    assert kiezerkop.sectionResizeMode(1) == QHeaderView.Stretch
    assert kiezerkop.sectionSize(1) == max(kiezerkop.sectionSize(k) for k in range(6))
    bewaar_schermafdruk(kiezer, "invoer-prijslijstkiezer-1120.png")
    kiezer.reject()
    assert all(t.horizontalHeader().objectName().startswith("kolommen-") for t in v.findChildren(QTableWidget))


# ------------------------------------------------------------------ schermafdrukken


@pytest.mark.parametrize("breedte,hoogte", [(1366, 768), (1920, 1080)])
def test_schermafdruk_onvolledige_regel_en_tabtekens(omgeving, qtbot, breedte, hoogte):
    v = omgeving.open()
    v.resize(breedte, hoogte)
    maak_casus(qtbot, v, interventie="2.850,00")
    v.editor.datum.setDate(QDate(2025, 5, 1))
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "12,5")
    voeg_prijsregel_toe(qtbot, v, "met_doorbraak", "uur-cpi", "2")
    lijst = v.editor.lijsten["zonder_doorbraak"]
    v.toon_sectie(2)
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    typ(qtbot, lijst.velden["omschrijving"].invoer, "Taxi naar de rechtbank")
    typ(qtbot, lijst.velden["aantal"].invoer, "-2")
    v.herbereken()
    qtbot.wait(50)
    assert v.voorlopig is not None and tabteken(v, 2)[0]
    bewaar_schermafdruk(v, f"invoer-onvolledige-regel-{breedte}x{hoogte}.png")


def test_schermafdruk_tekens_op_alle_tabs_passen_op_1366(omgeving, qtbot):
    v = omgeving.open()
    v.resize(1366, 768)
    e = v.editor
    typ(qtbot, e.velden["titel"].invoer, "x")
    typ(qtbot, e.velden["titel"].invoer, "")
    for i, kant in ((2, "zonder_doorbraak"), (3, "met_doorbraak"), (4, "interventie")):
        v.toon_sectie(i)
        qtbot.mouseClick(e.lijsten[kant].knop_nieuw, Qt.LeftButton)
    v.herbereken()
    qtbot.wait(50)
    assert [tabteken(v, i)[0] for i in range(len(SECTIES))] == [True, False, True, True, True, False, False]
    balk = e.tabs.tabBar()
    assert balk.tabRect(len(SECTIES) - 1).right() <= balk.width()  # alle tabs in beeld, zonder schuifpijltjes
    bewaar_schermafdruk(v, "invoer-tabtekens-1366x768.png")
