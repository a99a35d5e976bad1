"""De regels rond een casus: beslisroute, BSN-elfproef en de horizoncontrole."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from doorbraak.domein.prijslijst import MAANDEN_PER_EENHEID

STANDAARD_LIMIET = Decimal("5000.00")
VIER_OGEN = "vier-ogen"
ESCALATIE = "escalatie"


def route(interventie_totaal: Decimal, limiet: Decimal = STANDAARD_LIMIET,
          eerder_goedgekeurd: Decimal = Decimal("0.00")) -> str:
    """`vier-ogen` zolang alles voor deze casus samen hoogstens de limiet is, anders `escalatie`.

    De limiet geldt voor het totaal dat voor één casus is toegekend: wat eerder is goedgekeurd
    telt mee, zodat een aanvraag opknippen de escalatie niet ontwijkt.
    """
    return VIER_OGEN if eerder_goedgekeurd + interventie_totaal <= limiet else ESCALATIE


def is_bsn(cijfers: str) -> bool:
    """De elfproef voor een BSN van negen cijfers (9·c1 + 8·c2 + … + 2·c8 − c9 ≡ 0 mod 11)."""
    if len(cijfers) != 9 or not cijfers.isdigit() or cijfers == "000000000":
        return False
    som = sum(int(c) * w for c, w in zip(cijfers, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return som % 11 == 0


# Negen cijfers los, of zoals op documenten: 1234.56.782 of 123 456 782.
_BSN_KANDIDAAT = re.compile(r"(?<![\d.,])(\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[ .-]\d{3}[ .-]\d{3})(?![\d]|[.,]\d)")


def vind_bsn(tekst: str) -> list[str]:
    """De nummers in een tekst die de elfproef halen, als negen cijfers."""
    gevonden = []
    for m in _BSN_KANDIDAAT.finditer(tekst):
        cijfers = re.sub(r"\D", "", m.group(1))
        if is_bsn(cijfers):
            gevonden.append(cijfers)
    return gevonden


def duur_in_maanden(eenheid: str, aantal: Decimal) -> Fraction | None:
    """Hoe lang een regel loopt als de eenheid een tijdsduur is (dag, week, maand, jaar)."""
    per = MAANDEN_PER_EENHEID.get(eenheid)
    return None if per is None else per * Fraction(aantal)
