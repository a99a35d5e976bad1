import pytest

from doorbraak.domein.regels import is_bsn, vind_bsn


@pytest.mark.parametrize("nummer", ["111222333", "123456782", "999999990"])
def test_elfproef_geldig(nummer):
    assert is_bsn(nummer)


@pytest.mark.parametrize("nummer", ["123456789", "111222334", "000000000", "12345678", "1234567890", "12345678a"])
def test_elfproef_ongeldig(nummer):
    assert not is_bsn(nummer)


@pytest.mark.parametrize(
    "tekst, gevonden",
    [
        ("BSN 111222333.", ["111222333"]),
        ("bsn:123456782", ["123456782"]),
        ("nummer 1234.56.782 op de pas", ["123456782"]),
        ("nummer 123 456 782", ["123456782"]),
        ("nummer 123-456-782", ["123456782"]),
        ("nr.111222333 en BSN,123456782 en bsn.111222333", ["111222333", "123456782", "111222333"]),
        ("eerst 111222333 dan 123456782", ["111222333", "123456782"]),
        ("dossier 123456789", []),  # haalt de elfproef niet
        ("06-12345678 of 0612345678", []),  # telefoonnummers
        ("€ 123.456.782,00 schuld", []),  # een bedrag
        ("1234567829 en 91112223330", []),  # langere getallen
        ("IBAN NL91ABNA0417164300", []),
        ("", []),
    ],
)
def test_bsn_vinden_in_tekst(tekst, gevonden):
    assert vind_bsn(tekst) == gevonden
