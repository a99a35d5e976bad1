"""Geld als `Decimal`: inlezen, afronden (half naar boven) en tonen als `€ 1.234,56`.

Bedragen gaan nooit door `float`. Afronden gebeurt exact: ook een quotiënt (indexatie,
ratio) wordt als `Fraction` afgerond, zodat er geen tussentijdse afronding meetelt.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from fractions import Fraction

CENT = Decimal("0.01")
NUL = Decimal("0.00")
#: Hoger dan dit is geen bedrag voor één casusregel maar een tikfout.
MAX_BEDRAG = Decimal("10000000.00")

#: Het rekenklimaat van Doorbraak, los van wat een aanroeper met `decimal.getcontext()` doet:
#: ruim genoeg voor elk product van bedrag, aantal en kans; fouten worden nooit stil ingeslikt.
REKENCONTEXT = Context(prec=80, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow])


def rond_af(waarde: Decimal | Fraction | int, stap: Decimal = CENT) -> Decimal:
    """Rond exact af op `stap` (standaard een cent), half naar boven (weg van nul)."""
    if isinstance(waarde, Decimal):
        uitkomst = waarde.quantize(stap, rounding=ROUND_HALF_UP, context=REKENCONTEXT)
        return uitkomst.copy_abs() if uitkomst == 0 else uitkomst  # geen "-0.00"
    q = Fraction(waarde) / Fraction(stap)
    teken = -1 if q < 0 else 1
    q = abs(q)
    geheel, rest = divmod(q.numerator, q.denominator)
    if 2 * rest >= q.denominator:
        geheel += 1
    return REKENCONTEXT.multiply(Decimal(teken * geheel), stap).quantize(stap, context=REKENCONTEXT)


def _als_decimal(waarde: object) -> Decimal:
    """Een JSON-waarde (getal of tekst) als Decimal, of ValueError."""
    if isinstance(waarde, bool) or waarde is None:
        raise ValueError
    if isinstance(waarde, Decimal):
        d = waarde
    elif isinstance(waarde, int):
        d = Decimal(waarde)
    elif isinstance(waarde, str):
        tekst = waarde.strip()
        if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", tekst):
            raise ValueError
        d = Decimal(tekst)
    else:  # float komt niet voor: JSON wordt met parse_float=Decimal gelezen
        raise ValueError
    if not d.is_finite():
        raise ValueError
    return d


def lees_bedrag(waarde: object) -> Decimal:
    """Een bedrag uit een bestand: een getal of tekst als `"2850.00"`, hoogstens twee decimalen.

    Geeft het bedrag op centen (`Decimal('2850.00')`); ValueError met een Nederlandse melding.
    """
    try:
        d = _als_decimal(waarde)
    except (ValueError, InvalidOperation):
        raise ValueError(
            f"{toon_waarde(waarde)} is geen geldig bedrag (schrijf bijvoorbeeld 2850.00)"
        ) from None
    if d < 0:
        raise ValueError(f"{toon_waarde(waarde)} is negatief; een bedrag is 0 of meer")
    if d > MAX_BEDRAG:
        raise ValueError(f"{toon_waarde(waarde)} is onmogelijk hoog (meer dan {formatteer(MAX_BEDRAG)})")
    if d.as_tuple().exponent < -2 and d != rond_af(d):
        raise ValueError(f"{toon_waarde(waarde)} heeft meer dan twee decimalen")
    return rond_af(d)


def lees_getal(
    waarde: object,
    *,
    minimum: Decimal = Decimal(0),
    maximum: Decimal,
    decimalen: int,
    wat: str = "getal",
) -> Decimal:
    """Een niet-geldbedrag (aantal, kans) uit een bestand, exact, binnen grenzen."""
    try:
        d = _als_decimal(waarde)
    except (ValueError, InvalidOperation):
        raise ValueError(f"{toon_waarde(waarde)} is geen geldig{'e' if wat in ('kans', 'discontovoet') else ''} {wat}") from None
    if d < minimum or d > maximum:
        raise ValueError(
            f"{toon_waarde(waarde)} ligt buiten het bereik {getal_nl(minimum)} tot en met {getal_nl(maximum)}"
        )
    if d.as_tuple().exponent < -decimalen and d != rond_af(d, Decimal(1).scaleb(-decimalen)):
        raise ValueError(f"{toon_waarde(waarde)} heeft meer dan {decimalen} decimalen")
    return d.normalize() if d != 0 else Decimal(0)


def lees_invoer(tekst: str) -> Decimal:
    """Een bedrag zoals een mens het typt: `1.234,56`, `€ 250`, `250,-`, `2850.00`.

    Schrijfwijzen zoals bij `_nl_getal` (`1.250` = 1250, `12.5` = 12,50). Nooit stil aangepast:
    wat niet klopt geeft ValueError.
    """
    t = tekst.strip().replace("\u00a0", " ")
    t = re.sub(r"^(€|eur|euro)\s*", "", t, flags=re.IGNORECASE)
    t = re.sub(r"\s*(€|eur|euro)$", "", t, flags=re.IGNORECASE)
    t = t.replace(" ", "")
    if t.endswith(",-"):
        t = t[:-2]
    getal = _nl_getal(t, "{1,2}")
    if getal is None and t.startswith("-") and _nl_getal(t[1:], "{1,2}") is not None:
        raise ValueError(f"'{tekst}': een bedrag kan niet negatief zijn")
    if getal is None:
        raise ValueError(f"'{tekst}' is geen geldig bedrag (schrijf bijvoorbeeld 1.234,56)")
    return lees_bedrag(getal)


def _nl_getal(t: str, decimalen: str = "+") -> str | None:
    """Getypte cijfers (zonder spaties) als `1234.5`, of None als het geen getal is.

    Een komma is het decimaalteken en punten zijn dan duizendtallen; zonder komma is een punt met
    precies drie cijfers erachter een duizendtalscheiding (`1.250` = 1250), anders het decimaalteken.
    `decimalen` is het aantal cijfers na het decimaalteken als regex-kwantor.
    """
    if "," in t:
        if not re.fullmatch(rf"([0-9]{{1,3}}(\.[0-9]{{3}})+|[0-9]+),[0-9]{decimalen}", t):
            return None
        return t.replace(".", "").replace(",", ".")
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", t):
        return t.replace(".", "")
    return t if re.fullmatch(rf"[0-9]+(\.[0-9]{decimalen})?", t) else None


def lees_getal_invoer(tekst: str, *, maximum: Decimal, decimalen: int, wat: str, procent: bool = False) -> Decimal:
    """Een aantal of kans zoals een mens het typt: `0,5`, `1.000`, `12.5`; met `procent` ook `80%`.

    Dezelfde schrijfwijzen als bij `lees_invoer` (zie `_nl_getal`). Nooit stil aangepast.
    """
    t = tekst.strip().replace("\u00a0", "").replace(" ", "")
    exponent = ""
    if procent and t.endswith("%"):
        t, exponent = t[:-1], "E-2"  # door 100, exact: delen zou afronden op de precisie van de context
    getal = _nl_getal(t)
    if getal is None and t.startswith("-") and _nl_getal(t[1:]) is not None:  # zeg wat er mis is, niet alleen dat
        raise ValueError(f"'{tekst}': een {wat} kan niet negatief zijn")
    if getal is None:
        voorbeeld = "2,25% of 0,0225" if wat == "discontovoet" else "0,5"
        raise ValueError(f"'{tekst}' is geen geldig{'e' if wat in ('kans', 'discontovoet') else ''} {wat} "
                         f"(schrijf bijvoorbeeld {voorbeeld})")
    waarde = Decimal(getal + exponent)
    if waarde > maximum:
        raise ValueError(f"'{tekst}' is te groot (hoogstens {getal_nl(maximum)})")
    if waarde.as_tuple().exponent < -decimalen and waarde != waarde.quantize(Decimal(1).scaleb(-decimalen),
                                                                         context=REKENCONTEXT):
        raise ValueError(f"'{tekst}' heeft meer dan {decimalen} decimalen")
    with localcontext(REKENCONTEXT):  # ook het normaliseren niet met de precisie van de aanroeper
        return lees_getal(waarde, maximum=maximum, decimalen=decimalen, wat=wat)


def formatteer(bedrag: Decimal, *, teken: bool = True) -> str:
    """`Decimal('1234.5')` -> `€ 1.234,50`; negatief als `€ -1.234,50`."""
    d = rond_af(bedrag)
    tekst = f"{abs(d):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if d < 0:
        tekst = "-" + tekst
    return f"€ {tekst}" if teken else tekst


def als_tekst(bedrag: Decimal) -> str:
    """Machineleesbaar met twee decimalen: `Decimal('7017.5')` -> `"7017.50"`."""
    return f"{rond_af(bedrag):f}"


def getal_nl(d: Decimal | Fraction, decimalen: int | None = None) -> str:
    """Een getal op z'n Nederlands: `1234.5` -> `1.234,5`; met `decimalen` vast afgerond."""
    if decimalen is not None:
        d = rond_af(d, Decimal(1).scaleb(-decimalen))
    elif isinstance(d, Fraction):
        d = Decimal(d.numerator) / Decimal(d.denominator)
    tekst = f"{d:,f}" if decimalen is None else f"{d:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def toon_waarde(waarde: object) -> str:
    """Een waarde zoals een foutmelding haar noemt: tekst tussen aanhalingstekens, ingekort."""
    if isinstance(waarde, str):
        return repr(waarde) if len(waarde) <= 40 else repr(waarde[:37] + "...")
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if waarde is None:
        return "null"
    if isinstance(waarde, (list, dict)):
        return "een lijst" if isinstance(waarde, list) else "een object"
    tekst = str(waarde)
    return tekst if len(tekst) <= 40 else tekst[:37] + "..."
