"""Hoe het venster eruitziet: schermafdrukken van elke sectie op een laptop- en een gewoon scherm, de grafiek
per financier, het paneel over de jaren, de casuslijst, zijpanelen die meegroeien, kolombreedtes die blijven en
een formulier dat niet verspringt. De schermafdrukken staan in tests/artefacten/ om te bekijken."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QGroupBox, QLabel, QTableWidget, QVBoxLayout

from doorbraak.domein.berekening import Jaaruitkomst
from doorbraak.domein.geld import formatteer
from doorbraak.gui import venstermaat
from doorbraak.gui.editor import SECTIES
from doorbraak.gui.grafieken import BESPAARD, EXTRA
from tests.conftest import VOORBEELDEN, casusdata, eigen_regel
from tests.guihulp import bewaar_schermafdruk, typ

JOYCE = VOORBEELDEN / "joyce-woning.json"
LANG = "Zorgverzekeraar (Zorgverzekeringswet, basisverzekering)"
NBSP = "\u00a0"


@pytest.fixture
def echte_prijslijst(omgeving, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)  # de voorbeelden rekenen met de meegeleverde lijst


def _op_maat(qtbot, v, breedte: int, hoogte: int) -> None:
    """Het venster op schermmaat; de zijpanelen krijgen hun nieuwe breedte bij de volgende indeling (een
    LayoutRequest), die hier meteen gebeurt."""
    v.resize(breedte, hoogte)
    qtbot.waitUntil(lambda: v.width() == breedte and v.height() == hoogte)
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert all(d.width() >= min(venstermaat._dockwens(d, breedte), d.minimumSizeHint().width())
               for d in (v.lijstdock, v.paneeldock))


def _vak(v, widget) -> QRect:
    return QRect(widget.mapTo(v, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("breedte,hoogte", [(1366, 768), (1920, 1080)])
def test_schermafdrukken_van_elke_sectie(omgeving, echte_prijslijst, qtbot, breedte, hoogte):
    """Om te bekijken: elke sectie van een ingevulde casus over meerdere jaren, met paneel en casuslijst."""
    v = omgeving.open(JOYCE)
    _op_maat(qtbot, v, breedte, hoogte)
    assert v.bc is not None and v.bc.horizon_jaren > 1
    e = v.editor
    assert [e.tabs.tabText(i).replace("&", "") for i in range(len(SECTIES))] == list(SECTIES)
    for i, sectie in enumerate(SECTIES):
        e.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: e.tabs.currentWidget().isVisible())
        pad = bewaar_schermafdruk(v, f"weergave-{sectie.lower().replace(' ', '-')}-{breedte}x{hoogte}.png")
        assert pad.stat().st_size > 10_000
    v.lijst.tabel.selectRow(0)
    bewaar_schermafdruk(v.paneeldock, f"weergave-paneel-{breedte}x{hoogte}.png")
    bewaar_schermafdruk(v.lijstdock, f"weergave-casussen-{breedte}x{hoogte}.png")
    # het paneel past zonder schuiven, niet in de hoogte en niet in de breedte
    vlak = v.paneeldock.widget()
    assert vlak.verticalScrollBar().maximum() == 0 and vlak.horizontalScrollBar().maximum() == 0
    # geen label in het paneel of de casuslijst half te zien
    afgesneden = [label.text() for label in [*v.paneel.findChildren(QLabel), *v.lijst.findChildren(QLabel)]
                  if label.isVisible() and label.text() and (
                      (not label.wordWrap() and label.width() < label.minimumSizeHint().width())
                      or label.visibleRegion().boundingRect() != label.rect())]
    assert afgesneden == []


def test_zijpanelen_groeien_op_een_breed_scherm(omgeving, qtbot):
    v = omgeving.open()
    _op_maat(qtbot, v, 1366, 768)
    laptop = {naam: _vak(v, w).width() for naam, w in (("lijst", v.lijstdock), ("paneel", v.paneeldock),
                                                        ("editor", v.centralWidget()))}
    _op_maat(qtbot, v, 1920, 1080)
    breed = {naam: _vak(v, w).width() for naam, w in (("lijst", v.lijstdock), ("paneel", v.paneeldock),
                                                       ("editor", v.centralWidget()))}
    assert breed["lijst"] >= laptop["lijst"] + 80 and breed["paneel"] >= laptop["paneel"] + 80, (laptop, breed)
    assert breed["editor"] > laptop["editor"] + 200  # het midden krijgt nog steeds het meeste erbij
    # terug naar de laptop: de panelen krimpen weer mee, het midden houdt zijn ruimte
    _op_maat(qtbot, v, 1366, 768)
    assert _vak(v, v.lijstdock).width() <= laptop["lijst"] + 2 and _vak(v, v.centralWidget()).width() >= \
        laptop["editor"] - 2


def test_casuslijst_toont_bedrag_route_en_details_van_de_gekozen_casus(omgeving, echte_prijslijst, qtbot):
    v = omgeving.open(JOYCE)
    _op_maat(qtbot, v, 1366, 768)
    lijst = v.lijst
    tabel = lijst.tabel
    assert lijst.details.text().startswith("Kies een casus")
    rij = next(r for r in range(lijst.filter.rowCount()) if lijst.filter.index(r, 0).data() == "OEF-JOYCE-01")
    regel = next(r for r in lijst.regels if r.casus_id == "OEF-JOYCE-01")
    # het bedrag staat helemaal in beeld, naast de casus
    bedragkolom = lijst.filter.index(rij, 1)
    assert bedragkolom.data() == formatteer(regel.bedrag)
    assert tabel.viewport().rect().contains(tabel.visualRect(bedragkolom))
    # de gekozen casus: alles wat in een smalle lijst buiten beeld kan vallen staat eronder, ook als tooltip
    qtbot.mouseClick(tabel.viewport(), Qt.LeftButton, pos=tabel.visualRect(lijst.filter.index(rij, 0)).center())
    verwacht = (f"OEF-JOYCE-01 (oefening, voorbeeld): {formatteer(regel.bedrag).replace(' ', NBSP)}, escalatie\n"
                f"{regel.titel}")
    assert lijst.details.text() == verwacht and lijst.details.isVisible()
    assert all(lijst.filter.index(rij, k).data(Qt.ToolTipRole) == verwacht for k in range(6))
    # met het toetsenbord naar een andere casus: de regel eronder volgt
    qtbot.keyClick(tabel, Qt.Key_Down if rij < lijst.filter.rowCount() - 1 else Qt.Key_Up)
    assert not lijst.details.text().startswith("OEF-JOYCE-01") and "€" + NBSP in lijst.details.text()
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert lijst.details.height() >= lijst.details.heightForWidth(lijst.details.width())  # alle regels te zien
    bewaar_schermafdruk(v.lijstdock, "weergave-casuslijst-details-1366.png")


def _sleep_kolomrand(qtbot, tabel, kolom: int, extra: int) -> None:
    """Met de muis de rechterrand van een kolomkop `extra` pixels naar rechts slepen, zoals een gebruiker."""
    kop = tabel.horizontalHeader()
    rand = kop.sectionViewportPosition(kolom) + kop.sectionSize(kolom) - 1
    y = kop.height() // 2
    qtbot.mousePress(kop.viewport(), Qt.LeftButton, pos=QPoint(rand, y))
    qtbot.mouseMove(kop.viewport(), QPoint(rand + extra // 2, y))
    qtbot.mouseMove(kop.viewport(), QPoint(rand + extra, y))
    qtbot.mouseRelease(kop.viewport(), Qt.LeftButton, pos=QPoint(rand + extra, y))


def test_kolombreedtes_blijven_na_opnieuw_starten(omgeving, qtbot):
    v = omgeving.open()
    kop = v.lijst.tabel.horizontalHeader()
    assert kop.objectName() == "kolommen-casussen"
    oud = kop.sectionSize(0)
    _sleep_kolomrand(qtbot, v.lijst.tabel, 0, 40)
    assert kop.sectionSize(0) == oud + 40
    # ook een tabel in een dialoog die pas later opengaat (zoals de prijslijstkiezer)
    dialoog = _dialoog_met_tabel(v)
    dialoog.show()
    qtbot.waitUntil(dialoog.isVisible)
    _sleep_kolomrand(qtbot, dialoog.tabel, 1, 55)
    proefbreedte = dialoog.tabel.horizontalHeader().sectionSize(1)
    dialoog.close()
    assert v.close()

    w = omgeving.open()
    assert w.lijst.tabel.horizontalHeader().sectionSize(0) == oud + 40
    dialoog = _dialoog_met_tabel(w)
    assert dialoog.tabel.horizontalHeader().sectionSize(1) != proefbreedte  # pas bij het tonen
    dialoog.show()
    qtbot.waitUntil(dialoog.isVisible)
    assert dialoog.tabel.horizontalHeader().sectionSize(1) == proefbreedte
    dialoog.close()


def _dialoog_met_tabel(venster) -> QDialog:
    dialoog = QDialog(venster)
    dialoog.tabel = QTableWidget(3, 3)
    dialoog.tabel.horizontalHeader().setObjectName("kolommen-proef")
    QVBoxLayout(dialoog).addWidget(dialoog.tabel)
    return dialoog


def test_grafiek_breekt_lange_namen_af_en_tekent_negatief_links_van_de_nullijn(omgeving, qtbot, tmp_path):
    bestand = tmp_path / "financiers.json"
    bestand.write_text(json.dumps(casusdata(
        zonder_doorbraak=[eigen_regel("5000.00", financier=LANG), eigen_regel("800.00", financier="gemeente (Wmo)")],
        met_doorbraak=[eigen_regel("1200.00", financier=LANG),
                       eigen_regel("420.00", financier="gemeente (schuldhulp)")])), encoding="utf-8")
    v = omgeving.open(bestand)
    _op_maat(qtbot, v, 1366, 768)
    grafiek = v.paneel.grafiek
    assert v.bc is not None
    assert {s.financier for s in grafiek.saldi} == {LANG, "gemeente (Wmo)", "gemeente (schuldhulp)"}
    qtbot.waitUntil(lambda: grafiek.height() >= grafiek.indeling().hoogte)
    indeling = grafiek.indeling()
    fm = grafiek.fontMetrics()
    namen = {" ".join(rij.regels): rij for rij in indeling.rijen}
    assert set(namen) == {s.financier for s in grafiek.saldi}  # elke naam helemaal, in de volgorde van de woorden
    lang = namen[LANG]
    assert len(lang.regels) > 1 and all(fm.horizontalAdvance(r) <= lang.tekstvak.width() for r in lang.regels)
    assert lang.tekstvak.right() <= grafiek.width()
    # negatief: links van de nullijn, rood, met de waarde; positief rechts ervan
    negatief = namen["gemeente (schuldhulp)"]
    assert negatief.negatief and negatief.staaf.right() <= indeling.nul_x < lang.staaf.left() + 1
    assert negatief.waarde == f"€{NBSP}-420,00" and lang.waarde == f"€{NBSP}3.800,00"
    for rij in indeling.rijen:  # de waarde naast de staaf, niet erover, en binnen de grafiek
        assert rij.staaf.right() < rij.waardevak.left() and rij.waardevak.right() <= grafiek.width()
        assert rij.waardevak.width() >= fm.horizontalAdvance(rij.waarde)
    assert 0 < indeling.nul_x < grafiek.width()
    # wat er getekend is: de nullijn tussen twee staven, rood links en groen rechts ervan
    beeld = grafiek.grab().toImage()
    x = round(indeling.nul_x)
    midden = int(negatief.staaf.center().y())
    tussen = int((lang.staaf.bottom() + negatief.tekstvak.top()) / 2)
    assert beeld.pixelColor(x, tussen) == grafiek.palette().color(grafiek.foregroundRole())
    assert beeld.pixelColor(int(negatief.staaf.center().x()), midden) == EXTRA
    assert beeld.pixelColor(int(lang.staaf.center().x()), int(lang.staaf.center().y())) == BESPAARD
    assert grafiek.accessibleDescription().startswith(f"{LANG}: € 3.800,00")
    bewaar_schermafdruk(v.paneeldock, "weergave-grafiek-lange-namen-1366.png")


def test_over_de_jaren_compact_met_een_staaf_per_jaar(omgeving, echte_prijslijst, qtbot):
    v = omgeving.open(JOYCE)
    _op_maat(qtbot, v, 1366, 768)
    bc, p = v.bc, v.paneel
    assert [p.bedragen[n].text() for n in ("laag", "midden", "hoog")] == [
        formatteer(bc.scenarios[n].netto_rendement) for n in ("laag", "midden", "hoog")]
    # compact: het hele paneel past op een laptopscherm zonder te schuiven, de staven staan onder de bedragen
    assert v.paneeldock.widget().verticalScrollBar().maximum() == 0
    assert p.jaarstaven.mapTo(p, QPoint(0, 0)).y() > p.bedragen["terugverdienjaar"].mapTo(p, QPoint(0, 0)).y()
    assert p.jaarstaven.height() <= 3 * p.fontMetrics().height()
    staven = p.jaarstaven
    assert staven.accessibleDescription() == "Netto per jaar (nominaal): " + "; ".join(
        f"jaar {j.jaar}: {formatteer(j.netto)}" for j in bc.per_jaar)
    indeling, nul_y = staven.indeling()
    assert [s.jaartekst for s in indeling] == [str(j.jaar) for j in bc.per_jaar]
    assert [s.terugverdiend for s in indeling] == [j.jaar == bc.terugverdienjaar for j in bc.per_jaar]
    assert all(s.staaf.bottom() <= nul_y + 0.01 and not s.negatief for s in indeling)  # winst: boven de lijn
    assert all(staven.rect().contains(s.staaf.toRect()) and staven.rect().contains(s.jaarvak.toRect())
               for s in indeling)
    # een jaar met netto kosten: rood, onder de nullijn
    staven.zet((Jaaruitkomst(1, Decimal("100"), Decimal("0"), Decimal("900")),
                Jaaruitkomst(2, Decimal("1500"), Decimal("0"), Decimal("0"))), 2)
    (kosten, winst), nul_y = staven.indeling()
    assert kosten.negatief and kosten.staaf.top() >= nul_y - 0.01 and winst.staaf.bottom() <= nul_y + 0.01
    assert staven.grab().toImage().pixelColor(kosten.staaf.center().toPoint()) == EXTRA
    assert "jaar 1: € -800,00; jaar 2: € 1.500,00" in staven.accessibleDescription()


def test_formulier_verspringt_niet_als_er_problemen_bijkomen(omgeving, echte_prijslijst, qtbot):
    v = omgeving.open(JOYCE)
    _op_maat(qtbot, v, 1366, 768)
    e = v.editor
    voor = (_vak(v, v.centralWidget()), _vak(v, v.paneeldock))
    assert v.paneel.problemen.isHidden()
    e.toon_lijst("interventie")
    lijst = e.lijsten["interventie"]
    lijst.tabel.selectRow(0)
    typ(qtbot, lijst.velden["bedrag"].invoer, "12,3,4")
    qtbot.waitUntil(lambda: v.paneel.problemen.isVisible())
    qtbot.waitUntil(lambda: not v.paneel.problemen.isHidden() and v.paneel.problemen.height() > 0)
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    vlak = v.paneeldock.widget()
    qtbot.waitUntil(lambda: not vlak.horizontalScrollBar().isVisible() and not vlak.verticalScrollBar().isVisible())
    # en niets in het paneel is samengedrukt om het passend te maken (de lijsten zijn twee regels hoog of meer)
    vakken = [w for w in v.paneel.findChildren(QGroupBox) if w.isVisible()]
    assert len(vakken) == 4 and all(w.height() >= w.minimumSizeHint().height() for w in vakken)
    regel = v.paneel.fontMetrics().lineSpacing()
    assert v.paneel.problemen.height() >= 2 * regel and v.paneel.waarschuwingen.height() >= 2 * regel
    bewaar_schermafdruk(v, "weergave-met-probleem-1366x768.png")
    assert (_vak(v, v.centralWidget()), _vak(v, v.paneeldock)) == voor
    # een lange melding in de lijst maakt het paneel ook niet breder
    typ(qtbot, lijst.velden["omschrijving"].invoer, "")
    e.tabs.setCurrentIndex(0)
    typ(qtbot, e.velden["titel"].invoer, "")
    qtbot.waitUntil(lambda: v.paneel.problemen.count() >= 2)
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert (_vak(v, v.centralWidget()), _vak(v, v.paneeldock)) == voor
    # en weer goed: de lijst verdwijnt, het formulier blijft staan
    v.acties["ongedaan"].trigger()
    v.acties["ongedaan"].trigger()
    v.acties["ongedaan"].trigger()
    qtbot.waitUntil(lambda: v.paneel.problemen.isHidden() and v.bc is not None)
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert (_vak(v, v.centralWidget()), _vak(v, v.paneeldock)) == voor


def test_bedragen_breken_niet_af_na_het_eurosteken(omgeving, echte_prijslijst, qtbot):
    v = omgeving.open(JOYCE)
    _op_maat(qtbot, v, 1366, 768)
    qtbot.waitUntil(lambda: v.lijst.budgettekst.text().startswith("€"))
    assert v.paneel.route.text() == f"Escalatie: boven de limiet van €{NBSP}5.000,00"
    assert v.lijst.budgettekst.text().startswith(f"€{NBSP}0,00 toegekend van €{NBSP}200.000,00")
    afbrekend = [w for w in [*v.paneel.findChildren(QLabel), *v.lijst.findChildren(QLabel)] if w.wordWrap()]
    assert afbrekend and all("€ " not in w.text() for w in afbrekend)
    lijsten = (v.paneel.waarschuwingen, v.paneel.problemen, v.paneel.nog)
    assert all("€ " not in lijst.item(i).text() for lijst in lijsten for i in range(lijst.count()))
    # bedragen in het paneel zelf breken nergens: één regel, en breed genoeg voor hun tekst
    for label in v.paneel.bedragen.values():
        assert not label.wordWrap() and label.width() >= label.fontMetrics().horizontalAdvance(label.text())


def test_formulier_verspringt_niet_bij_een_nieuwe_casus(omgeving, qtbot):
    """Van leeg via berekend (ratio 'geen') naar nog in te vullen en een fout: het midden blijft staan."""
    v = omgeving.open()
    _op_maat(qtbot, v, 1366, 768)
    e = v.editor
    plaats = lambda: (_vak(v, v.centralWidget()), _vak(v, v.lijstdock), _vak(v, v.paneeldock))  # noqa: E731
    voor = plaats()
    typ(qtbot, e.velden["titel"].invoer, "Een titel")
    qtbot.waitUntil(lambda: v.bc is not None and v.paneel.bedragen["ratio"].text() == "geen")
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert plaats() == voor
    e.tabs.setCurrentIndex(4)
    lijst = e.lijsten["interventie"]
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    qtbot.waitUntil(lambda: v.paneel.nog.isVisible())
    typ(qtbot, lijst.velden["bedrag"].invoer, "12,3,4")
    qtbot.waitUntil(lambda: v.paneel.problemen.isVisible())
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert plaats() == voor
    typ(qtbot, lijst.velden["omschrijving"].invoer, "Huurachterstand betalen")
    typ(qtbot, lijst.velden["bedrag"].invoer, "2.400,00")
    qtbot.waitUntil(lambda: v.bc is not None and v.paneel.problemen.isHidden() and v.paneel.nog.isHidden())
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert plaats() == voor


def test_eerste_start_en_gemaximaliseerd_op_een_breed_scherm(tmp_path):
    """In een eigen proces met een echt scherm van 1366 en van 1920 breed (zie test_venstermaat): bij de eerste
    start zijn de zijpanelen op het brede scherm breder; een venster over het hele scherm geeft ze hun deel van de
    breedte, en bij de volgende start zijn ze nog zo breed."""
    from tests.test_venstermaat import controleer_past, start_op_scherm

    (laptop,) = start_op_scherm(tmp_path, 1366, 768, {})
    breed = tmp_path / "breed"
    breed.mkdir()
    eerste, tweede = start_op_scherm(breed, 1920, 1080, {"zet": [0, 30, 1900, 1000]}, {})
    for meting in (laptop, eerste, tweede):
        controleer_past(meting)
    breedte = {naam: [m["delen"][naam]["vak"][2] for m in (laptop, eerste, tweede)] for naam in ("casussen",
                                                                                             "businesscase")}
    for naam, (op_laptop, eerst, daarna) in breedte.items():
        assert op_laptop < eerst < daarna, breedte
    assert breedte["casussen"][2] >= 0.18 * 1900 and breedte["businesscase"][2] >= 0.21 * 1900, breedte


def test_tabbladen_houden_geen_ruimte_vrij_voor_een_kader_dat_er_niet_is(omgeving, echte_prijslijst, qtbot):
    """Casus/Monitor en de secties van de editor zijn tabbladen zonder kader (documentmodus): het blad vult de hele
    breedte, dus het minimum is dat van het breedste blad, ook als dat verandert (een eigen regel toont meer velden
    dan een regel uit de prijslijst). Qt zou er 4 px per laag bij tellen; dan past het venster niet in 1000 px."""
    v = omgeving.open(JOYCE)
    _op_maat(qtbot, v, 1366, 768)
    e, midden = v.editor, v.monitor.tabs.widget(0)
    assert midden.width() == v.monitor.tabs.width() and e.tabs.currentWidget().width() == e.tabs.width()

    def minimum_volgt() -> bool:
        blad = max(e.tabs.widget(i).minimumSizeHint().width() for i in range(e.tabs.count()))
        return e.tabs.minimumWidth() == blad and v.monitor.tabs.minimumWidth() == midden.minimumSizeHint().width()

    qtbot.waitUntil(minimum_volgt)
    e.toon_lijst("zonder_doorbraak")
    lijst = e.lijsten["zonder_doorbraak"]
    smal = e.tabs.minimumWidth()
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)  # een eigen regel: ook bedrag per eenheid, bron, ...
    qtbot.waitUntil(lambda: e.tabs.minimumWidth() > smal and minimum_volgt())
    assert v.minimumSizeHint().width() <= 1000
