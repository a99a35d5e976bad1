"""Tijd zoals Doorbraak die telt: records in UTC, datums (budgetjaar, maand, peildatum) in Nederlandse tijd."""

from __future__ import annotations

import calendar
import functools
from datetime import date, datetime


def lokale_datum(tijd: str) -> date:
    """De datum in Nederlandse tijd van een recordtijd (UTC, ISO 8601): een besluit op 31 december om 23.30 uur
    Nederlandse tijd (22.30 uur UTC) hoort bij dat jaar, een besluit om 0.30 uur op 1 januari bij het volgende."""
    moment = datetime.fromisoformat(tijd.replace("Z", "+00:00"))
    zone = nederland()
    return moment.astimezone(zone).date() if zone is not None else moment.date()


@functools.lru_cache(maxsize=1)
def nederland():
    """De tijdzone Europe/Amsterdam, of None als deze machine geen tijdzonegegevens heeft (dan geldt UTC)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Amsterdam")
    except Exception:
        return None


def maanden_erbij(d: date, maanden: int) -> date:
    """`d` plus (of min) een aantal kalendermaanden; 31 augustus min 6 maanden is 28 of 29 februari."""
    jaar, maand = divmod(d.month - 1 + maanden, 12)
    jaar += d.year
    maand += 1
    return date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))


def maanden_tussen(van: date, tot: date) -> int:
    """Het aantal hele kalendermaanden van `van` tot `tot` (1 januari tot 31 januari: 0; tot 1 februari: 1)."""
    maanden = (tot.year - van.year) * 12 + tot.month - van.month
    return maanden - 1 if maanden_erbij(van, maanden) > tot else maanden
