from decimal import Decimal as D
from fractions import Fraction

import pytest

from doorbraak.domein.geld import MAX_BEDRAG, als_tekst, formatteer, lees_bedrag, lees_getal, lees_invoer, rond_af


@pytest.mark.parametrize(
    "waarde, verwacht",
    [
        (D("0.005"), D("0.01")),
        (D("0.0049999"), D("0.00")),
        (D("2.675"), D("2.68")),
        (D("1.005"), D("1.01")),
        (D("-0.005"), D("-0.01")),  # half naar boven = weg van nul, ook negatief
        (D("-2.674"), D("-2.67")),
        (Fraction(1, 200), D("0.01")),  # precies een halve cent
        (Fraction(1, 3), D("0.33")),
        (Fraction(-1, 200), D("-0.01")),
        (Fraction(2, 3), D("0.67")),
        (7, D("7.00")),
    ],
)
def test_rond_af_half_naar_boven(waarde, verwacht):
    assert rond_af(waarde) == verwacht
    assert str(rond_af(waarde)) == str(verwacht)


def test_float_zou_een_cent_verkeerd_zitten():
    # 2,675 en 1,005 bestaan niet als binaire float: round() komt een cent te laag uit.
    assert round(2.675, 2) == 2.67 and round(1.005, 2) == 1.0
    assert rond_af(D("2.675")) == D("2.68")
    assert rond_af(D("1.005")) == D("1.01")


def test_rond_af_op_andere_stap():
    assert rond_af(Fraction(1, 8), D("0.01")) == D("0.13")
    assert rond_af(D("4.9321"), D("0.01")) == D("4.93")
    assert rond_af(Fraction(25, 2), D("1")) == D("13")


@pytest.mark.parametrize(
    "waarde, verwacht",
    [("2850.00", D("2850.00")), ("2850", D("2850.00")), (2850, D("2850.00")), (D("2850.5"), D("2850.50")),
     (" 12.30 ", D("12.30")), ("0", D("0.00")), (D("1E+3"), D("1000.00")), (MAX_BEDRAG, MAX_BEDRAG)],
)
def test_lees_bedrag_goed(waarde, verwacht):
    assert lees_bedrag(waarde) == verwacht
    assert lees_bedrag(waarde).as_tuple().exponent == -2


@pytest.mark.parametrize(
    "waarde, melding",
    [
        ("12,3x", "'12,3x' is geen geldig bedrag"),
        ("-5", "'-5' is negatief"),
        (-5, "-5 is negatief"),
        ("1.005", "'1.005' heeft meer dan twee decimalen"),
        (D("0.001"), "0.001 heeft meer dan twee decimalen"),
        (True, "true is geen geldig bedrag"),
        (None, "null is geen geldig bedrag"),
        ("NaN", "'NaN' is geen geldig bedrag"),
        ("1e3", "'1e3' is geen geldig bedrag"),
        ([1], "een lijst is geen geldig bedrag"),
        ("", "'' is geen geldig bedrag"),
        (MAX_BEDRAG + D("0.01"), "onmogelijk hoog"),
    ],
)
def test_lees_bedrag_fout(waarde, melding):
    with pytest.raises(ValueError) as e:
        lees_bedrag(waarde)
    assert melding in str(e.value)


def test_lees_getal_grenzen_en_decimalen():
    assert lees_getal(D("0.35"), maximum=D(1), decimalen=4) == D("0.35")
    assert lees_getal(1, maximum=D(1), decimalen=4) == D(1)
    assert lees_getal("0.5", maximum=D(1), decimalen=4) == D("0.5")
    with pytest.raises(ValueError, match="1.5 ligt buiten het bereik 0 tot en met 1"):
        lees_getal(D("1.5"), maximum=D(1), decimalen=4, wat="kans")
    with pytest.raises(ValueError, match="meer dan 4 decimalen"):
        lees_getal(D("0.12345"), maximum=D(1), decimalen=4)
    with pytest.raises(ValueError, match="geen geldig aantal"):
        lees_getal("veel", maximum=D(10), decimalen=0, wat="aantal")


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("1.234,56", D("1234.56")),
        ("€ 250", D("250.00")),
        ("€250,-", D("250.00")),
        ("250,5", D("250.50")),
        ("2850.00", D("2850.00")),
        ("1.250", D("1250.00")),  # duizendtal, zoals een Nederlander het typt
        ("12.5", D("12.50")),
        ("1.234.567,89", D("1234567.89")),
        ("  3 000,00 EUR ", D("3000.00")),
        ("0,01", D("0.01")),
    ],
)
def test_lees_invoer_op_zijn_nederlands(tekst, verwacht):
    assert lees_invoer(tekst) == verwacht


@pytest.mark.parametrize("tekst", ["12,3x", "1,234,56", "1.23,45", "12,345", "-5", "€", "", "1.2345"])
def test_lees_invoer_weigert_in_plaats_van_te_raden(tekst):
    with pytest.raises(ValueError):
        lees_invoer(tekst)


@pytest.mark.parametrize(
    "bedrag, tekst",
    [(D("1234.56"), "€ 1.234,56"), (D("0"), "€ 0,00"), (D("-420"), "€ -420,00"),
     (D("1234567.891"), "€ 1.234.567,89"), (D("999.995"), "€ 1.000,00")],
)
def test_formatteer(bedrag, tekst):
    assert formatteer(bedrag) == tekst


def test_als_tekst():
    assert als_tekst(D("7017.5")) == "7017.50"
    assert als_tekst(D("-0.004")) == "0.00"  # nooit "-0.00"
    assert formatteer(D("-0.004")) == "€ 0,00"
