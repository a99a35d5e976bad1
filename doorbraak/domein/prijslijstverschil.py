"""Wat er tussen twee versies van de prijslijst veranderde (`doorbraak prijslijst verschil`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from doorbraak.domein.geld import rond_af
from doorbraak.domein.prijslijst import Prijsitem, Prijslijst, indexcijfer_tekst


@dataclass(frozen=True)
class Wijziging:
    code: str
    naam: str
    oud_bedrag: Decimal
    nieuw_bedrag: Decimal
    velden: dict[str, tuple[str, str]]  # veld -> (oud, nieuw), zonder bedrag

    @property
    def procent(self) -> Decimal | None:
        """Verandering van het bedrag in procenten, half naar boven op één decimaal."""
        if self.oud_bedrag == 0:
            return None
        return rond_af(Fraction(self.nieuw_bedrag - self.oud_bedrag) * 100 / Fraction(self.oud_bedrag), Decimal("0.1"))


@dataclass(frozen=True)
class Prijslijstverschil:
    toegevoegd: list[Prijsitem] = field(default_factory=list)
    verwijderd: list[Prijsitem] = field(default_factory=list)
    gewijzigd: list[Wijziging] = field(default_factory=list)
    index: list[tuple[str, int, str, str]] = field(default_factory=list)  # (reeks, jaar, oud, nieuw)

    @property
    def leeg(self) -> bool:
        return not (self.toegevoegd or self.verwijderd or self.gewijzigd or self.index)


def vergelijk(oud: Prijslijst, nieuw: Prijslijst) -> Prijslijstverschil:
    """Toegevoegde, verwijderde en gewijzigde items en indexcijfers; ongewijzigde items niet."""
    toegevoegd = [i for c, i in nieuw.items.items() if c not in oud.items]
    verwijderd = [i for c, i in oud.items.items() if c not in nieuw.items]
    gewijzigd = []
    for code, o in oud.items.items():
        n = nieuw.items.get(code)
        if n is None or n == o:
            continue
        ow, nw = o.als_waarden(), n.als_waarden()
        velden = {k: (ow.get(k, ""), nw.get(k, "")) for k in sorted(set(ow) | set(nw))
                  if k != "bedrag" and ow.get(k, "") != nw.get(k, "")}
        gewijzigd.append(Wijziging(code, n.naam, o.bedrag, n.bedrag, velden))
    index = []
    for reeks in ("cpi", "ova"):
        o, n = oud.indexcijfers.get(reeks, {}), nieuw.indexcijfers.get(reeks, {})
        for jaar in sorted(set(o) | set(n)):
            if o.get(jaar) != n.get(jaar):
                index.append((reeks, jaar, indexcijfer_tekst(o.get(jaar)), indexcijfer_tekst(n.get(jaar))))
    return Prijslijstverschil(toegevoegd, verwijderd, gewijzigd, index)
