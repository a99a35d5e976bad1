"""De regels rond een casus: beslisroute, BSN-elfproef en de horizoncontrole."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from doorbraak.domein.prijslijst import MAANDEN_PER_EENHEID

#: na hoeveel maanden na het besluit een nacalculatie wordt gedaan (de evaluaties na een half jaar, een jaar en twee jaar)
NACALCULATIEMOMENTEN = (6, 12, 24)

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


# Negen cijfers los, of zoals op documenten: 1234.56.782 of 123 456 782; niet midden in een
# langer getal of bedrag. Het patroon begint met \d zodat re snel naar kandidaten springt.
_BSN_KANDIDAAT = re.compile(
    r"\d(?<!\d\d)(?<!\d[.,]\d)(?:\d{8}|\d{3}[. ]\d{2}[. ]\d{3}|\d{2}[ .-]\d{3}[ .-]\d{3})(?![\d]|[.,]\d)",
    re.ASCII,
)


def vind_bsn(tekst: str) -> list[str]:
    """De nummers in een tekst die de elfproef halen, als negen cijfers."""
    gevonden = []
    for m in _BSN_KANDIDAAT.finditer(tekst):
        cijfers = re.sub(r"\D", "", m.group(0))
        if is_bsn(cijfers):
            gevonden.append(cijfers)
    return gevonden


def duur_boven_horizon(eenheid: str, aantal: Decimal, horizon_maanden: int) -> Fraction | None:
    """De duur in maanden als een regel in tijdseenheden (dag, week, maand, jaar) langer loopt dan
    de horizon, anders None. Exact vergeleken: aantal x teller > horizon x noemer."""
    per = MAANDEN_PER_EENHEID.get(eenheid)
    if per is None or aantal * per.numerator <= horizon_maanden * per.denominator:
        return None
    return per * Fraction(aantal)
