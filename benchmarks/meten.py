"""Gedeeld door de benchmarkscripts: een functie een aantal keer timen."""

from __future__ import annotations

import time


def meet(functie, keer: int) -> list[float]:
    """De tijden (in seconden) van `keer` aanroepen van `functie`."""
    tijden = []
    for _ in range(keer):
        t0 = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - t0)
    return tijden
