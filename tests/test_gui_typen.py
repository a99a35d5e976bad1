"""Lang typen zoals een coach dat doet: toets voor toets, en de app rekent na elke toets opnieuw.

Hier viel de app om met PySide6 6.12.0 op Python 3.11 (na een paar dozijn toetsen, zie
test_qt_canary.py), en hier bleek dat het herstelbestand nooit werd geschreven zolang iemand bleef typen.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

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
        return json.loads(v.herstelbestand.read_text(encoding="utf-8"))["formulier"]
    except FileNotFoundError:
        return None


def test_herstelbestand_ook_tijdens_onafgebroken_typen(omgeving, qtbot):
    """Wie blijft typen, verliest bij een crash hooguit de laatste paar seconden: het herstelbestand wordt
    uiterlijk `autobewaar_uiterlijk_ms` na de eerste niet-bewaarde wijziging geschreven, ook al valt er
    nooit een pauze van `autobewaar_na_rust_ms`."""
    v = omgeving.open()
    toetsenbord = Toetsenbord(qtbot)
    v.autobewaar_na_rust_ms = 600
    v.autobewaar_uiterlijk_ms = 1500
    typeduur = 3 * v.autobewaar_uiterlijk_ms / 1000
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
    assert grootste_pauze < v.autobewaar_na_rust_ms / 1000, f"pauze van {grootste_pauze:.2f} s tussen twee toetsen"
    # alles in `gezien` is gelezen tussen twee toetsen in, dus voordat het typen stopte
    assert gezien, f"geen herstelbestand geschreven tijdens {duur:.1f} s onafgebroken typen"
    assert gezien[0][2] < (v.autobewaar_uiterlijk_ms + 1000) / 1000, gezien[0]
    assert len(gezien) >= 2, f"tijdens {duur:.1f} s typen maar één keer bewaard: {gezien}"  # en steeds opnieuw
    for getypt, titel, _ in gezien:
        assert titel == tekst[:getypt], "het herstelbestand heeft precies wat er op dat moment getypt was"

    # na de laatste toets: binnen de rusttijd alles
    qtbot.waitUntil(lambda: (herstelformulier(v) or {}).get("titel") == tekst, timeout=3000)

