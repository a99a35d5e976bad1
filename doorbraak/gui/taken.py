"""Traag werk (een register op een netwerkschijf, exports) buiten de UI-thread.

`Taken.start(functie, klaar, mislukt)` draait `functie` in de QThreadPool; `klaar(uitkomst)` of
`mislukt(fout)` draait daarna op de UI-thread. Zo blijft het venster reageren, ook als een
share niet antwoordt.

Wat vóór de eerste keer tekenen van het venster gestart wordt (het register lezen bij de start), begint pas
daarna: anders vraagt die thread juist dan de processor en de GIL, en staat het venster later op het scherm.
Zo'n taak telt wel meteen mee in `lopend`.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from doorbraak.gui import start_klaar

log = logging.getLogger(__name__)

#: Wordt het venster zo lang na het maken nog niet getekend (verborgen, of een test), dan starten de taken toch.
UITERLIJK_MS = 500


class _Signalen(QObject):
    klaar = Signal(object)
    mislukt = Signal(object)


class _Taak(QRunnable):
    def __init__(self, functie: Callable[[], Any], signalen: _Signalen):
        super().__init__()
        self.functie = functie
        self.signalen = signalen

    def run(self) -> None:
        try:
            uitkomst = self.functie()
        except BaseException as fout:  # alles gaat terug naar de UI-thread, die het meldt
            self.signalen.mislukt.emit(fout)
        else:
            self.signalen.klaar.emit(uitkomst)


class Taken(QObject):
    """Draait taken in een eigen threadpool en houdt bij hoeveel er nog lopen."""

    bezig_veranderd = Signal(int)

    def __init__(self, ouder: QObject | None = None):
        super().__init__(ouder)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.lopend = 0
        self._signalen: set[_Signalen] = set()
        self._wachtrij: list[_Taak] | None = None  # None: een taak start meteen
        if isinstance(ouder, QWidget):
            self._wachtrij = []
            ouder.installEventFilter(self)
            QTimer.singleShot(UITERLIJK_MS, self, self._laat_los)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._laat_los)  # na het tekenen, niet ertussen
        return False

    def _laat_los(self) -> None:
        start_klaar()  # de collector weer aan, vóór het werk van de taken
        if self._wachtrij is not None:
            wachtend, self._wachtrij = self._wachtrij, None
            for taak in wachtend:
                self.pool.start(taak)

    def start(self, functie: Callable[[], Any], klaar: Callable[[Any], None],
              mislukt: Callable[[BaseException], None]) -> None:
        # hoort bij de UI-thread (de slots draaien daar); Taken is de eigenaar, en het object wordt pas
        # na afloop van het signaal opgeruimd (deleteLater): nooit midden in zijn eigen emit
        signalen = _Signalen(self)
        self._signalen.add(signalen)

        def einde(handler, waarde):
            self._signalen.discard(signalen)
            signalen.deleteLater()
            self.lopend -= 1
            self.bezig_veranderd.emit(self.lopend)
            handler(waarde)

        signalen.klaar.connect(lambda w: einde(klaar, w))
        signalen.mislukt.connect(lambda f: einde(mislukt, f))
        self.lopend += 1
        self.bezig_veranderd.emit(self.lopend)
        taak = _Taak(functie, signalen)
        if self._wachtrij is not None:
            self._wachtrij.append(taak)
        else:
            self.pool.start(taak)

    def wacht(self, ms: int = 30000) -> bool:
        self._laat_los()
        return self.pool.waitForDone(ms)
