import json
import os
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.domein import casus as casusmodule
from doorbraak.domein.casus import (
    Casus, Huishouden, Interventieregel, Kostenregel, Waardendriehoek, bewaar_casus, casus_naar_json, lees_casus,
    lees_casus_tekst,
)
from doorbraak.domein.fouten import InvoerFout
from tests.conftest import casusdata, eigen_regel


def problemen(data) -> list[str]:
    tekst = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(InvoerFout) as e:
        lees_casus_tekst(tekst, "casus.json")
    return [str(p) for p in e.value.problemen]


def test_minimale_casus_met_standaardwaarden():
    c = lees_casus_tekst(json.dumps(casusdata()))
    assert c.casus_id == "TEST-001"
    assert c.datum == date(2025, 5, 1) and c.jaar == 2025
    assert c.horizon == 12 and c.horizon_maanden is None
    assert c.is_oefening is False
    assert c.interventie == [Interventieregel("Interventie", D("1000.00"))]


def test_alle_velden_worden_gelezen():
    data = casusdata(
        gemeente="Den Haag", coach="A. Coach", horizon_maanden=24, oefening=True,
        huishouden={"volwassenen": 1, "kinderen": 5}, leefgebieden=["wonen", "opvoeding"],
        situatie="s", reguliere_route="r", doorbraak="d", perspectief="p",
        waardendriehoek={"rendement": "a", "legitimiteit": "b", "betrokkenheid": "c"},
        zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 780, "kans": 0.75, "toelichting": "t"}],
        met_doorbraak=[eigen_regel("75.00", 104, eenheid="uur")],
    )
    c = lees_casus_tekst(json.dumps(data))
    assert c.horizon == 24 and c.is_oefening
    assert (c.huishouden.volwassenen, c.huishouden.kinderen) == (1, 5)
    assert c.waardendriehoek.legitimiteit == "b"
    z = c.zonder_doorbraak[0]
    assert z.is_prijslijstregel and z.prijs == "UUR-CPI" and z.aantal == D(780) and z.kans == D("0.75")
    m = c.met_doorbraak[0]
    assert not m.is_prijslijstregel and m.bedrag_per_eenheid == D("75.00") and m.kans_of_zeker == 1


@pytest.mark.parametrize(
    "aanpassing, verwacht",
    [
        ({"formaat": None}, "formaat: ontbreekt"),
        ({"formaat": "doorbraak-casus/3"}, "formaat: 'doorbraak-casus/3' wordt niet ondersteund; verwacht "
                                           "'doorbraak-casus/1' of 'doorbraak-casus/2'"),
        ({"casus_id": None}, "casus_id: ontbreekt"),
        ({"casus_id": "ab"}, "casus_id: 'ab' is ongeldig"),
        ({"casus_id": "ABC\n"}, "casus_id: 'ABC\\n' is ongeldig"),
        ({"casus_id": "Zoë-001"}, "casus_id: 'Zoë-001' is ongeldig: 3 tot 40 tekens, alleen letters zonder accent"),
        ({"titel": "a\ud800b"}, "titel: bevat een ongeldig teken"),
        ({"zonder_doorbraak": [{"prijs": "X", "aantal": 0.1234567}]}, "zonder_doorbraak[0].aantal: 0.1234567 heeft meer dan 6 decimalen"),
        ({"casus_id": "Jan de Vries"}, "casus_id: 'Jan de Vries' is ongeldig"),
        ({"casus_id": "x" * 41}, "casus_id: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is ongeldig"),
        ({"titel": "  "}, "titel: is leeg"),
        ({"titel": 12}, "titel: moet tekst zijn, niet het getal 12"),
        ({"datum": "2026-02-30"}, "datum: '2026-02-30' is geen geldige datum"),
        ({"datum": "1-3-2026"}, "datum: '1-3-2026' is geen geldige datum"),
        ({"datum": "1999-12-31"}, "datum: '1999-12-31': het jaar moet tussen 2000 en 2100 liggen"),
        ({"horizon_maanden": 0}, "horizon_maanden: 0 ligt buiten het bereik 1 tot en met 120"),
        ({"horizon_maanden": 121}, "horizon_maanden: 121 ligt buiten het bereik 1 tot en met 120"),
        ({"horizon_maanden": "12"}, "horizon_maanden: '12' is geen geheel getal"),
        ({"oefening": "ja"}, "oefening: 'ja' moet true of false zijn"),
        ({"huishouden": {"kinderen": -1}}, "huishouden.kinderen: -1 ligt buiten het bereik 0 tot en met 30"),
        ({"huishouden": []}, "huishouden: moet een object zijn"),
        ({"leefgebieden": ["wonen", 3]}, "leefgebieden[1]: moet een niet-lege tekst zijn, niet het getal 3"),
        ({"waardendriehoek": {"rendement": 5}}, "waardendriehoek.rendement: moet tekst zijn"),
        ({"interventie": {"bedrag": 5}}, "interventie: moet een lijst zijn"),
        ({"interventie": ["x"]}, "interventie[0]: moet een object zijn"),
        ({"interventie": [{"omschrijving": "a", "bedrag": "12,3x"}]}, "interventie[0].bedrag: '12,3x' is geen geldig bedrag"),
        ({"interventie": [{"omschrijving": "a", "bedrag": "-5"}]}, "interventie[0].bedrag: '-5' is negatief"),
        ({"interventie": [{"omschrijving": "a", "bedrag": -5}]}, "interventie[0].bedrag: -5 is negatief"),
        ({"interventie": [{"omschrijving": "a", "bedrag": 10.005}]}, "interventie[0].bedrag: 10.005 heeft meer dan twee decimalen"),
        ({"interventie": [{"omschrijving": "a"}]}, "interventie[0].bedrag: ontbreekt"),
        ({"interventie": [{"bedrag": "5"}]}, "interventie[0].omschrijving: ontbreekt"),
        ({"zonder_doorbraak": [{"prijs": "X", "aantal": 1, "kans": 1.5}]}, "zonder_doorbraak[0].kans: 1.5 ligt buiten het bereik 0 tot en met 1"),
        ({"zonder_doorbraak": [{"prijs": "X", "aantal": -2}]}, "zonder_doorbraak[0].aantal: -2 ligt buiten het bereik 0 tot en met 1.000.000"),
        ({"zonder_doorbraak": [{"prijs": "X"}]}, "zonder_doorbraak[0].aantal: ontbreekt"),
        ({"zonder_doorbraak": [{"prijs": "X", "aantal": "veel"}]}, "zonder_doorbraak[0].aantal: 'veel' is geen geldig aantal"),
        ({"met_doorbraak": [{"prijs": "X", "aantal": 1, "bedrag_per_eenheid": "5.00"}]},
         "met_doorbraak[0].bedrag_per_eenheid: hoort niet bij een prijslijstregel"),
        ({"met_doorbraak": [eigen_regel("5.00", eenheid="rit")]}, "met_doorbraak[0].eenheid: 'rit' is geen bekende eenheid"),
        ({"met_doorbraak": [eigen_regel("5.00") | {"bron": ""}]}, "met_doorbraak[0].bron: is leeg"),
        ({"met_doorbraak": [{k: v for k, v in eigen_regel("5.00").items() if k != "bron"}]},
         "met_doorbraak[0].bron: ontbreekt (een eigen regel heeft een bron nodig)"),
        ({"met_doorbraak": [{"aantal": 1}]}, "met_doorbraak[0].omschrijving: ontbreekt (of gebruik 'prijs' met een prijscode)"),
        ({"met_doorbraak": [eigen_regel("abc")]}, "met_doorbraak[0].bedrag_per_eenheid: 'abc' is geen geldig bedrag"),
    ],
)
def test_elke_fout_noemt_veldpad_en_waarde(aanpassing, verwacht):
    data = casusdata()
    for k, v in aanpassing.items():
        if v is None:
            data.pop(k)
        else:
            data[k] = v
    gevonden = problemen(data)
    assert any(p.startswith(verwacht) for p in gevonden), gevonden


def test_alle_problemen_tegelijk():
    data = casusdata(
        casus_id="?", datum="morgen",
        interventie=[{"omschrijving": "a", "bedrag": "12,3x"}, {"omschrijving": "b", "bedrag": "-5"}],
        zonder_doorbraak=[{"prijs": "X", "aantal": 1, "kans": 1.5}],
    )
    paden = [p.split(":")[0] for p in problemen(data)]
    assert paden == ["casus_id", "datum", "interventie[0].bedrag", "interventie[1].bedrag", "zonder_doorbraak[0].kans"]


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("{", "ongeldige JSON op regel 1, kolom 2: veldnaam tussen dubbele aanhalingstekens verwacht"),
        ('{"a": 1,}', "ongeldige JSON op regel 1, kolom 9: "),
        ('{"a": 1 "b": 2}', "ongeldige JSON op regel 1, kolom 9: komma verwacht"),
        ('{"a": 1, "a": 2}', "ongeldige JSON: veld 'a' komt twee keer voor"),
        ('{"bedrag": NaN}', "ongeldige JSON: NaN is geen geldig JSON-getal"),
        ("[1, 2]", "een casusbestand is één JSON-object"),
        (b"\xff\xfe{}", "is geen UTF-8-tekst"),
        ("", "ongeldige JSON op regel 1, kolom 1: waarde verwacht"),
        ('{"a": ' + "9" * 5000 + "}", "ongeldige JSON: een getal met te veel cijfers"),
        ('{"a": "\\u12"}', "ongeldige JSON op regel 1, kolom 9: ongeldige \\u-escape in tekst"),
        (b"\xef\xbb\xbf\xef\xbb\xbf{}", "ongeldige JSON op regel 1, kolom 1: dubbele BOM"),
    ],
)
def test_onleesbare_json(tekst, verwacht):
    assert any(verwacht in p for p in problemen(tekst))


def test_utf8_met_bom_wordt_gelezen():
    c = lees_casus_tekst(b"\xef\xbb\xbf" + json.dumps(casusdata(titel="Zoë Özdemir-Çelik")).encode())
    assert c.titel == "Zoë Özdemir-Çelik"


def test_te_groot_bestand_en_lege_naam(tmp_path):
    from doorbraak.domein.jsonbestand import lees_bytes

    pad = tmp_path / "groot.json"
    pad.write_bytes(b" " * 2048)
    assert len(lees_bytes(pad, max_bytes=2048)) == 2048
    with pytest.raises(InvoerFout, match="is te groot"):
        lees_bytes(pad, max_bytes=2047)
    with pytest.raises(InvoerFout, match="geen bestandsnaam opgegeven"):
        lees_casus("")


def test_extreem_getal_in_onbekend_veld_blijft_klein_en_exact(tmp_path):
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata())[:-1] + ', "x": 1e999999999, "y": 2.50}', encoding="utf-8")
    bewaar_casus(lees_casus(pad), tmp_path / "d.json")
    tekst = (tmp_path / "d.json").read_text(encoding="utf-8")
    assert '"x": 1E+999999999' in tekst and '"y": 2.50' in tekst
    assert lees_casus(tmp_path / "d.json").extra == {"x": D("1E+999999999"), "y": D("2.50")}


def test_ontbrekend_bestand_en_map(tmp_path):
    with pytest.raises(InvoerFout, match="bestand niet gevonden"):
        lees_casus(tmp_path / "bestaat-niet.json")
    with pytest.raises(InvoerFout, match="is een map, geen bestand"):
        lees_casus(tmp_path)


# ------------------------------------------------------------------ rondreis


def test_onbekende_velden_en_bedragen_blijven_bewaard(tmp_path):
    data = casusdata(
        toekomstig_veld={"a": [1, D("2.50")]},
        huishouden={"volwassenen": 2, "huisdier": "hond"},
        waardendriehoek={"rendement": "r", "notitie": "n"},
        interventie=[{"omschrijving": "Huur", "bedrag": 2850, "categorie": "wonen", "factuur": "F-1"}],
        zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": D("12.5"), "kans": D("0.35"), "bijlage": None}],
        met_doorbraak=[eigen_regel("10.10", D("0.3333"), extra_veld=True)],
    )
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(data, default=str), encoding="utf-8")
    c = lees_casus(pad)
    bewaar_casus(c, tmp_path / "d.json")
    terug = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert terug["toekomstig_veld"] == {"a": [1, "2.50"]}
    assert terug["huishouden"] == {"volwassenen": 2, "huisdier": "hond"}
    assert terug["waardendriehoek"]["notitie"] == "n"
    assert terug["interventie"][0] == {"omschrijving": "Huur", "bedrag": "2850.00", "categorie": "wonen", "factuur": "F-1"}
    assert terug["zonder_doorbraak"][0] == {"prijs": "UUR-CPI", "aantal": 12.5, "kans": 0.35, "bijlage": None}
    assert terug["met_doorbraak"][0]["extra_veld"] is True
    # exact: de getallen in het bestand zijn letterlijk de Decimals
    tekst = (tmp_path / "d.json").read_text(encoding="utf-8")
    assert '"aantal": 0.3333' in tekst and '"kans": 0.35' in tekst
    assert lees_casus(tmp_path / "d.json") == c


def test_kanoniek_bestand_blijft_byte_voor_byte_gelijk(tmp_path):
    pad = tmp_path / "c.json"
    pad.write_text(casus_naar_json(lees_casus_tekst(json.dumps(casusdata(
        situatie="Regel 1\nRegel 2 — met € en ë",
        zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 3, "kans": 0.5}],
    )))), encoding="utf-8")
    eerst = pad.read_bytes()
    bewaar_casus(lees_casus(pad), pad)
    assert pad.read_bytes() == eerst
    assert "€" in eerst.decode("utf-8")  # leesbaar UTF-8, geen \u20ac


def test_bewaren_is_alles_of_niets(tmp_path, monkeypatch):
    pad = tmp_path / "c.json"
    pad.write_text("oud", encoding="utf-8")
    c = lees_casus_tekst(json.dumps(casusdata()))

    def faalt(*a):
        raise PermissionError(13, "Toegang geweigerd")

    monkeypatch.setattr(os, "replace", faalt)
    with pytest.raises(InvoerFout, match="geopend in een ander programma .*er is niets gewijzigd"):
        bewaar_casus(c, pad)
    assert pad.read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]  # geen tijdelijk restant


# ---------------------------------------------------------------- hypothesis

tekst = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda t: t.strip())
getal6 = st.decimals(min_value=0, max_value=100_000, places=6)
bedrag = st.decimals(min_value=0, max_value=10_000_000, places=2)
json_waarden = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.decimals(min_value=-10**6, max_value=10**6, places=2),
              st.text(max_size=20)),
    lambda kind: st.one_of(st.lists(kind, max_size=3), st.dictionaries(st.text(max_size=8), kind, max_size=3)),
    max_leaves=8,
)
onbekend = st.dictionaries(st.from_regex(r"x_[a-z]{1,8}", fullmatch=True), json_waarden, max_size=3)
kans = st.one_of(st.none(), st.decimals(min_value=0, max_value=1, places=6))
prijsregel = st.builds(Kostenregel, aantal=getal6, prijs=st.from_regex(r"[A-Z]{2,6}-[0-9]{1,3}", fullmatch=True),
                       kans=kans, toelichting=st.one_of(st.none(), tekst), extra=onbekend)
eigenregel = st.builds(Kostenregel, aantal=getal6, kans=kans, omschrijving=tekst, bedrag_per_eenheid=bedrag,
                       eenheid=st.sampled_from(casusmodule.EENHEDEN), financier=tekst, bron=tekst, extra=onbekend)
jaar = st.one_of(st.none(), st.integers(1, 10))
prijsregel2 = st.builds(Kostenregel, aantal=getal6, prijs=st.from_regex(r"[A-Z]{2,6}-[0-9]{1,3}", fullmatch=True),
                        kans=st.just(D("0.5")), kans_laag=st.one_of(st.none(), st.decimals(0, "0.5", places=6)),
                        kans_hoog=st.one_of(st.none(), st.decimals("0.5", 1, places=6)), jaar=jaar,
                        toelichting=st.one_of(st.none(), tekst), extra=onbekend)
grondslag = st.builds(casusmodule.Grondslagverwijzing, code=st.from_regex(r"[A-Z]{2,4}-[0-9]{1,3}", fullmatch=True),
                      toelichting=st.one_of(st.none(), tekst), extra=onbekend)
casussen = st.builds(
    Casus,
    gemeente=st.one_of(st.none(), tekst),
    coach=st.one_of(st.none(), tekst),
    huishouden=st.one_of(st.none(), st.builds(Huishouden, st.one_of(st.none(), st.integers(0, 30)),
                                               st.one_of(st.none(), st.integers(0, 30)), onbekend)),
    leefgebieden=st.one_of(st.none(), st.lists(tekst, max_size=3)),
    waardendriehoek=st.one_of(st.none(), st.builds(Waardendriehoek, st.one_of(st.none(), tekst),
                                                     st.one_of(st.none(), tekst), st.one_of(st.none(), tekst), onbekend)),
    extra=onbekend,
    casus_id=st.from_regex(r"[A-Za-z0-9._-]{3,40}", fullmatch=True),
    titel=tekst,
    datum=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    horizon_maanden=st.one_of(st.none(), st.integers(1, 120)),
    oefening=st.one_of(st.none(), st.booleans()),
    situatie=st.one_of(st.none(), st.text(max_size=200)),
    interventie=st.lists(st.builds(Interventieregel, omschrijving=tekst, bedrag=bedrag,
                                   categorie=st.one_of(st.none(), tekst), extra=onbekend), max_size=4),
    zonder_doorbraak=st.lists(st.one_of(prijsregel, eigenregel), max_size=5),
    met_doorbraak=st.lists(st.one_of(prijsregel, eigenregel), max_size=5),
)
# formaat /2: jaar (binnen een horizon van 10 jaar), kansbereik, discontovoet en grondslagen
casussen2 = st.builds(
    Casus,
    casus_id=st.from_regex(r"[A-Za-z0-9._-]{3,40}", fullmatch=True),
    titel=tekst,
    datum=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    horizon_maanden=st.just(120),
    waardendriehoek=st.one_of(st.none(), st.builds(Waardendriehoek, legitimiteit=st.one_of(st.none(), tekst),
                                                     extra=onbekend, grondslagen=st.one_of(st.none(), st.lists(grondslag, max_size=3, unique_by=lambda g: g.code)))),
    interventie=st.lists(st.builds(Interventieregel, omschrijving=tekst, bedrag=bedrag, jaar=jaar, extra=onbekend),
                         max_size=3),
    zonder_doorbraak=st.lists(st.one_of(prijsregel2, eigenregel), max_size=4),
    met_doorbraak=st.lists(prijsregel2, max_size=3),
    discontovoet=st.one_of(st.none(), st.decimals(0, "0.2", places=6)),
    extra=onbekend,
)


@given(casussen)
@settings(max_examples=150, deadline=None)
def test_rondreis_opslaan_en_laden(c):
    tekst = casus_naar_json(c)
    terug = lees_casus_tekst(tekst)
    assert json.loads(tekst)["formaat"] == "doorbraak-casus/1"  # geen nieuw veld: formaat /1
    assert terug == c  # dezelfde waarden, ook elk bedrag, aantal en elke kans
    assert casus_naar_json(terug) == tekst  # en opnieuw opslaan verandert geen byte


@given(casussen2)
@settings(max_examples=150, deadline=None)
def test_rondreis_formaat_2(c):
    tekst = casus_naar_json(c)
    c.formaat = json.loads(tekst)["formaat"]  # /2 zodra een nieuw veld gebruikt wordt
    assert c.formaat == ("doorbraak-casus/2" if c.gebruikt_formaat_2 else "doorbraak-casus/1")
    terug = lees_casus_tekst(tekst)
    assert terug == c
    assert casus_naar_json(terug) == tekst
