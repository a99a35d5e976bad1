"""Lang typen zoals een coach dat doet: toets voor toets, en de app rekent na elke toets opnieuw.

Hier viel de app om met PySide6 6.12.0 op Python 3.11 (na een paar dozijn toetsen, zie
test_qt_canary.py), en hier bleek dat het herstelbestand nooit werd geschreven zolang iemand bleef typen.
"""

from __future__ import annotations

import gc
import json
import sys
import time

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests.guihulp import bedrag

#: Zoveel mag de referentietelling van None tijdens het typen zakken (objecten die None vasthielden en
#: opgeruimd worden; gemeten: ze zakt niet, ze stijgt); met het gebrek van 6.12.0 zakt ze ruim honderd per toets.
MARGE_NONE = 50


class Toetsenbord:
    """Tikt toets voor toets zoals een mens. Na elke toets handelt de app haar gebeurtenissen af (herberekenen
    staat op een timer van 0 ms, net als in het echt) en mag de referentietelling van None niet gezakt zijn:
    een kapotte Qt-binding wordt zo bij de eerste toetsen gemeld, voordat ze het hele testproces laat vallen."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.toetsen = 0
        # eerst het afval van eerdere tests opruimen: anders zakt de telling vanzelf zodra de garbage
        # collector dat tijdens het typen doet (gemeten: 2.261 in één keer, na de GUI-tests ervoor)
        gc.collect()
        self.none_begin = self.none_laagste = sys.getrefcount(None)

    def tik(self, widget, teken: str) -> None:
        if teken.isascii():
            self.qtbot.keyClicks(widget, teken)
        else:  # QTest kent alleen ASCII; een toetsaanslag met tekst zoals een toetsenbord die geeft
            for soort in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(soort, 0, Qt.NoModifier, teken))
        QApplication.processEvents()
        self.toetsen += 1
        if sys.version_info < (3, 12):  # daarna is None onsterfelijk en zegt de telling niets
            self.none_laagste = min(self.none_laagste, sys.getrefcount(None))
            assert self.none_laagste >= self.none_begin - MARGE_NONE, (
                f"na {self.toetsen} toetsen is de referentietelling van None {self.none_begin - self.none_laagste} "
                f"gezakt: de Qt-binding verlaagt die bij Qt-aanroepen (zie test_qt_canary.py)")


def herstelformulier(v) -> dict | None:
    try:
        return json.loads(v.herstel.bestand.read_text(encoding="utf-8"))["formulier"]
    except FileNotFoundError:
        return None


def test_herstelbestand_ook_tijdens_onafgebroken_typen(omgeving, qtbot):
    """Wie blijft typen, verliest bij een crash hooguit de laatste paar seconden: het herstelbestand wordt
    uiterlijk `herstel.uiterlijk_ms` na de eerste niet-bewaarde wijziging geschreven, ook al valt er
    nooit een pauze van `herstel.na_rust_ms`."""
    v = omgeving.open()
    toetsenbord = Toetsenbord(qtbot)
    # ruim genoeg dat een trage CI-machine tussen twee toetsen geen rustpauze haalt
    v.herstel.na_rust_ms = 1000
    v.herstel.uiterlijk_ms = 2000
    typeduur = 3 * v.herstel.uiterlijk_ms / 1000
    veld = v.editor.velden["titel"].invoer
    veld.setFocus()
    zin = "Huur, energie en zorg in één keer geregeld; "
    tekst = ""
    gezien: list[tuple[int, str, float]] = []  # (toetsen getypt, titel in het herstelbestand, seconden)
    begin = vorige = time.monotonic()
    grootste_pauze = 0.0
    while time.monotonic() - begin < typeduur:
        teken = zin[len(tekst) % len(zin)]
        toetsenbord.tik(veld, teken)
        tekst += teken
        qtbot.wait(30)  # zo'n 25 toetsen per seconde: vlot, maar zonder pauze
        nu = time.monotonic()
        grootste_pauze, vorige = max(grootste_pauze, nu - vorige), nu
        f = herstelformulier(v)
        if f is not None and (not gezien or gezien[-1][1] != f["titel"]):
            gezien.append((len(tekst), f["titel"], nu - begin))
    duur = time.monotonic() - begin

    # geldig als proef: geen enkele pauze tussen twee toetsen was lang genoeg voor de rusttimer
    assert grootste_pauze < v.herstel.na_rust_ms / 1000, f"pauze van {grootste_pauze:.2f} s tussen twee toetsen"
    # alles in `gezien` is gelezen tussen twee toetsen in, dus voordat het typen stopte
    assert gezien, f"geen herstelbestand geschreven tijdens {duur:.1f} s onafgebroken typen"
    assert gezien[0][2] < (v.herstel.uiterlijk_ms + 1000) / 1000, gezien[0]
    assert len(gezien) >= 2, f"tijdens {duur:.1f} s typen maar één keer bewaard: {gezien}"  # en steeds opnieuw
    for getypt, titel, _ in gezien:
        assert titel == tekst[:getypt], "het herstelbestand heeft precies wat er op dat moment getypt was"

    # na de laatste toets: binnen de rusttijd alles
    qtbot.waitUntil(lambda: (herstelformulier(v) or {}).get("titel") == tekst, timeout=3000)


def test_duizend_toetsen_in_een_nieuwe_casus(omgeving, qtbot):
    """Een coach tikt een nieuwe casus in: duizend toetsaanslagen, na elk ervan rekent de app opnieuw."""
    v = omgeving.open()
    e = v.editor
    casus_id = e.velden["casus_id"].invoer.text()
    e.datum.setDate(QDate(2025, 5, 1))  # prijspeil van de testprijslijst
    titel = "Huurachterstand en dreigende uitzetting: één betaling voorkomt een ontruiming"
    invoer = [
        (0, e.velden["titel"].invoer, titel),
        (0, e.velden["gemeente"].invoer, "'s-Hertogenbosch"),
        (0, e.velden["leefgebieden"].invoer, "wonen, financiën, gezondheid"),
        (4, "omschrijving", "Huurachterstand van drie maanden betalen aan de corporatie"),
        (4, "bedrag", "1.234,56"),
        (4, "categorie", "wonen"),
        (5, e.velden["rendement"].invoer, "Geen ontruiming, geen maatschappelijke opvang, de kinderen blijven op "
                                         "hun eigen school en de schuldhulp kan weer verder. "),
    ]
    al = sum(len(t) for *_, t in invoer)
    situatie = ("Een gezin met twee kinderen heeft drie maanden huurachterstand na een stopgezette toeslag. "
                "De corporatie heeft de zaak bij de deurwaarder gelegd; de rechter heeft een datum gepland. ")
    invoer.insert(3, (1, e.velden["situatie"].invoer, (situatie * 10)[:1000 - al]))
    assert sum(len(t) for *_, t in invoer) == 1000

    interventie = e.lijsten["interventie"]
    e.toon_lijst("interventie")
    qtbot.mouseClick(interventie.knop_nieuw, Qt.LeftButton)
    QApplication.processEvents()

    toetsenbord = Toetsenbord(qtbot)
    begin = time.monotonic()
    for tab, doel, tekst in invoer:
        e.tabs.setCurrentIndex(tab)
        widget = interventie.velden[doel].invoer if isinstance(doel, str) else doel
        widget.setFocus()
        for teken in tekst:
            toetsenbord.tik(widget, teken)
            assert not v._reken.isActive(), "de app rekent na elke toets, voor de volgende"
    duur = time.monotonic() - begin
    print(f"{toetsenbord.toetsen} toetsen in {duur:.1f} s; referentietelling van None {toetsenbord.none_begin} -> "
          f"laagste {toetsenbord.none_laagste}, nu {sys.getrefcount(None)}")

    assert toetsenbord.toetsen == 1000
    assert v.isVisible() and QApplication.instance() is not None
    assert e.velden["titel"].invoer.text() == titel
    assert e.velden["situatie"].invoer.toPlainText() == invoer[3][2]
    assert v.windowTitle() == f"{casus_id} – {titel}[*] — Doorbraak" and v.isWindowModified()
    assert v.problemen == [], v.problemen
    assert bedrag(v, "interventie") == "€ 1.234,56"
    assert v.paneel.route.text().startswith("Vier ogen")
    assert len(e.lijsten["interventie"].regels) == 1
    assert interventie.tabel.item(0, 0).text() == "Huurachterstand van drie maanden betalen aan de corporatie"

    qtbot.waitUntil(lambda: herstelformulier(v) == e.toestand(), timeout=5000)
    f = herstelformulier(v)
    assert f["titel"] == titel and f["gemeente"] == "'s-Hertogenbosch"
    assert f["interventie"][0]["bedrag"] == "1.234,56" and f["rendement"].startswith("Geen ontruiming")
