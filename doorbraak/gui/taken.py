"""Traag werk (een register op een netwerkschijf, exports) buiten de UI-thread.

`Taken.start(functie, klaar, mislukt)` draait `functie` in de QThreadPool; `klaar(uitkomst)` of
`mislukt(fout)` draait daarna op de UI-thread. Zo blijft het venster reageren, ook als een
share niet antwoordt.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


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
        self.pool.start(_Taak(functie, signalen))

    def wacht(self, ms: int = 30000) -> bool:
        return self.pool.waitForDone(ms)
