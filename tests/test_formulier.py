"""Het formulier van de casuseditor (zonder Qt) en hoe getypte getallen worden gelezen."""

import copy
import decimal
import json
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.domein.casus import MAX_AANTAL, casus_naar_json, lees_casus, lees_casus_tekst
from doorbraak.domein.geld import getal_nl, lees_getal_invoer
from doorbraak.gui.formulier import (
    formulier_uit_casus, leeg_formulier, leesbaar_pad, lege_grondslag, lege_interventieregel, lege_kostenregel,
    lees_formulier, veld_van_pad, verdeel_problemen, waarde_van_pad,
)
from tests.conftest import VOORBEELDEN, casusdata, eigen_regel


def aantal(tekst: str):
    return lees_getal_invoer(tekst, maximum=MAX_AANTAL, decimalen=6, wat="aantal")


def kans(tekst: str):
    return lees_getal_invoer(tekst, maximum=D(1), decimalen=6, wat="kans", procent=True)


def weigering(lees, tekst: str) -> str:
    with pytest.raises(ValueError) as e:
        lees(tekst)
    return str(e.value)


# ------------------------------------------------------------------ getallen zoals een mens ze typt


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("0,5", D("0.5")),
        ("1.000", D("1000")),  # een punt met drie cijfers: duizendtallen
        ("12.5", D("12.5")),  # anders is de punt het decimaalteken
        ("1.234,5", D("1234.5")),
        ("1.000.000", D("1000000")),
        ("0,000001", D("0.000001")),
        ("0", D("0")),
        (" 3 ", D("3")),
        ("1 000,25", D("1000.25")),
        ("1\u00a0000,25", D("1000.25")),  # harde spatie, zoals uit een tekstverwerker geplakt
        ("2,500000", D("2.5")),
        ("0,5" + "0" * 40, D("0.5")),  # nullen achteraan veranderen de waarde niet
    ],
)
def test_getal_op_zijn_nederlands(tekst, verwacht):
    uitkomst = aantal(tekst)
    assert uitkomst == verwacht
    assert str(uitkomst) == str(verwacht.normalize())  # de kortste schrijfwijze, zoals in het bestand


@pytest.mark.parametrize(
    "tekst, verwacht",
    [("80%", D("0.8")), ("1,5%", D("0.015")), ("100%", D("1")), ("0%", D("0")), ("80 %", D("0.8")),
     ("0,0001%", D("0.000001")), ("0,8", D("0.8")), ("1", D("1"))],
)
def test_kans_ook_als_percentage(tekst, verwacht):
    assert kans(tekst) == verwacht


def test_procentteken_alleen_waar_het_mag():
    assert weigering(aantal, "80%") == "'80%' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"
    assert weigering(kans, "%") == "'%' is geen geldige kans (schrijf bijvoorbeeld 0,5)"
    assert weigering(kans, "80%%") == "'80%%' is geen geldige kans (schrijf bijvoorbeeld 0,5)"


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("abc", "'abc' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("1,2,3", "'1,2,3' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("", "'' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("   ", "'   ' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("-1", "'-1': een aantal kan niet negatief zijn"),
        ("+1", "'+1' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("1.00,5", "'1.00,5' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("1,000.5", "'1,000.5' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("1.000,", "'1.000,' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        (",5", "',5' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("1e3", "'1e3' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),
        ("\u0663", "'\u0663' is geen geldig aantal (schrijf bijvoorbeeld 0,5)"),  # een Arabisch-Indisch cijfer
        ("1.000.001", "'1.000.001' is te groot (hoogstens 1.000.000)"),
        ("0,1234567", "'0,1234567' heeft meer dan 6 decimalen"),
        ("12.3456789", "'12.3456789' heeft meer dan 6 decimalen"),
        # meer cijfers dan de decimal-context (28) telt: niet stil afronden naar 0,5
        ("0,5" + "0" * 30 + "1", "'0,5" + "0" * 30 + "1' heeft meer dan 6 decimalen"),
    ],
)
def test_getal_weigert_en_noemt_wat_er_getypt_is(tekst, verwacht):
    assert weigering(aantal, tekst) == verwacht


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("120%", "'120%' is te groot (hoogstens 1)"),
        ("1,5", "'1,5' is te groot (hoogstens 1)"),
        ("0,00005%", "'0,00005%' heeft meer dan 6 decimalen"),
        ("50," + "0" * 30 + "1%", "'50," + "0" * 30 + "1%' heeft meer dan 6 decimalen"),
        ("-5%", "'-5%': een kans kan niet negatief zijn"),
    ],
)
def test_kans_weigert_en_noemt_wat_er_getypt_is(tekst, verwacht):
    assert weigering(kans, tekst) == verwacht


def test_getal_hangt_niet_af_van_de_decimal_context_van_de_aanroeper():
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert aantal("1.234,5") == D("1234.5")
        assert kans("12,3456%") == D("0.123456")


dutch_decimalen = st.builds(
    lambda n, k: D(f"{n}E-{k}"), st.integers(0, 10**12), st.integers(0, 6),
).filter(lambda d: d <= MAX_AANTAL)


@given(st.one_of(dutch_decimalen, st.decimals(min_value=0, max_value=MAX_AANTAL, places=6)))
@settings(max_examples=400, deadline=None)
def test_getal_nl_en_terug_is_exact(d):
    assert aantal(getal_nl(d)) == d


@given(st.decimals(min_value=0, max_value=1, places=6))
@settings(max_examples=200, deadline=None)
def test_kans_als_percentage_en_terug_is_exact(d):
    assert kans(getal_nl(d.scaleb(2)) + "%") == d
    assert kans(getal_nl(d)) == d


# ------------------------------------------------------------------ formulier <-> casus


def terug(casus):
    """De casus na een rondgang door het formulier, zonder problemen."""
    f = formulier_uit_casus(casus)
    nieuw, problemen = lees_formulier(f)
    assert problemen == []
    return nieuw


@pytest.mark.parametrize("pad", sorted(VOORBEELDEN.glob("*.json")), ids=lambda p: p.stem)
def test_elk_voorbeeld_komt_ongewijzigd_terug(pad):
    casus = lees_casus(pad)
    assert casus_naar_json(terug(casus)) == casus_naar_json(casus)


def test_er_zijn_voorbeelden():
    assert len(list(VOORBEELDEN.glob("*.json"))) >= 6


ONBEKEND = {"notitie": "van de teamleider", "lijst": [1, "twee", {"drie": D("3.5")}], "leeg": None}


def volle_casusdata(**velden) -> dict:
    return casusdata(
        gemeente="Den Haag", coach="A. Coach", horizon_maanden=24, oefening=True,
        huishouden={"volwassenen": 2, "kinderen": 3, "huisdieren": {"honden": 1}},
        leefgebieden=["wonen", "financiën"],
        situatie="Regel 1\nRegel 2", reguliere_route="r", doorbraak="d", perspectief="p",
        waardendriehoek={"rendement": "a", "legitimiteit": "b", "betrokkenheid": "c", "weging": [1, 2, 3]},
        interventie=[{"omschrijving": "Huur", "bedrag": "2850.00", "categorie": "wonen", "factuur": "F-12"},
                     {"omschrijving": "Kleding", "bedrag": "0.01"}],
        zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 780, "kans": D("0.75"), "toelichting": "t",
                           "aanname": {"bron": "wijkteam"}},
                          eigen_regel("1234.56", D("12.5"), eenheid="uur", kans=D("0.000001"))],
        met_doorbraak=[eigen_regel("75.00", 104, eenheid="uur", financier="gemeente (Wmo)", extra_notitie="x"),
                       {"prijs": "NORM", "aantal": D("0.5")}],
        **velden,
    )


def test_onbekende_velden_overleven_het_formulier():
    data = volle_casusdata(**ONBEKEND)
    casus = lees_casus_tekst(json.dumps(data, default=str))
    nieuw = terug(casus)
    assert casus_naar_json(nieuw) == casus_naar_json(casus)
    uit = json.loads(casus_naar_json(nieuw))
    assert uit["notitie"] == "van de teamleider" and uit["lijst"] == [1, "twee", {"drie": "3.5"}]
    assert "leeg" in uit and uit["leeg"] is None
    assert uit["huishouden"] == {"volwassenen": 2, "kinderen": 3, "huisdieren": {"honden": 1}}
    assert uit["waardendriehoek"]["weging"] == [1, 2, 3]
    assert uit["interventie"][0]["factuur"] == "F-12"
    assert uit["zonder_doorbraak"][0]["aanname"] == {"bron": "wijkteam"}
    assert uit["met_doorbraak"][0]["extra_notitie"] == "x"


def test_onbekende_velden_blijven_ook_na_een_wijziging():
    casus = lees_casus_tekst(json.dumps(volle_casusdata(**ONBEKEND), default=str))
    f = formulier_uit_casus(casus)
    f["titel"] = "Nieuwe titel"
    f["kinderen"] = "4"
    f["rendement"] = "nieuw"
    f["interventie"][0]["bedrag"] = "3.000"
    f["zonder_doorbraak"][0]["aantal"] = "781"
    f["met_doorbraak"][0]["omschrijving"] = "Andere regel"
    nieuw, problemen = lees_formulier(f)
    assert problemen == []
    uit = json.loads(casus_naar_json(nieuw))
    assert uit["titel"] == "Nieuwe titel" and uit["notitie"] == "van de teamleider"
    assert uit["huishouden"] == {"volwassenen": 2, "kinderen": 4, "huisdieren": {"honden": 1}}
    assert uit["waardendriehoek"]["rendement"] == "nieuw" and uit["waardendriehoek"]["weging"] == [1, 2, 3]
    assert uit["interventie"][0] == {"omschrijving": "Huur", "bedrag": "3000.00", "categorie": "wonen", "factuur": "F-12"}
    assert uit["zonder_doorbraak"][0] == {"prijs": "UUR-CPI", "aantal": 781, "kans": 0.75, "toelichting": "t",
                                          "aanname": {"bron": "wijkteam"}}
    assert uit["met_doorbraak"][0]["omschrijving"] == "Andere regel" and uit["met_doorbraak"][0]["extra_notitie"] == "x"


def test_formulier_toont_getallen_op_zijn_nederlands():
    f = formulier_uit_casus(lees_casus_tekst(json.dumps(volle_casusdata(), default=str)))
    assert f["interventie"][0]["bedrag"] == "2.850,00"
    assert f["zonder_doorbraak"][0]["aantal"] == "780" and f["zonder_doorbraak"][0]["kans"] == "0,75"
    assert f["zonder_doorbraak"][1]["bedrag_per_eenheid"] == "1.234,56"
    assert f["zonder_doorbraak"][1]["aantal"] == "12,5" and f["zonder_doorbraak"][1]["kans"] == "0,000001"
    assert f["leefgebieden"] == "wonen, financiën"
    assert (f["volwassenen"], f["kinderen"], f["horizon_maanden"]) == ("2", "3", "24")
    assert f["oefening"] is True


def formulier_met_fouten() -> dict:
    data = casusdata(zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 2}, eigen_regel("10.00", 3)],
                     met_doorbraak=[eigen_regel("5.00", kans="0.5")])
    f = formulier_uit_casus(lees_casus_tekst(json.dumps(data)))
    f["interventie"][0]["bedrag"] = "12.345,678"
    f["zonder_doorbraak"][1]["aantal"] = "1,2,3"
    f["met_doorbraak"][0]["kans"] = "120%"
    f["titel"] = ""
    return f


def test_alle_veldfouten_tegelijk_met_hun_pad():
    f = formulier_met_fouten()
    voor = copy.deepcopy(f)
    casus, problemen = lees_formulier(f)
    assert casus is None
    assert [str(p) for p in problemen] == [
        "interventie[0].bedrag: '12.345,678' is geen geldig bedrag (schrijf bijvoorbeeld 1.234,56)",
        "zonder_doorbraak[1].aantal: '1,2,3' is geen geldig aantal (schrijf bijvoorbeeld 0,5)",
        "met_doorbraak[0].kans: '120%' is te groot (hoogstens 1)",
        "titel: is leeg",
    ]
    assert f == voor  # wat er getypt is, blijft precies staan


def test_een_fout_bedrag_wordt_niet_stil_nul():
    f = formulier_met_fouten()
    f["titel"] = "Titel"
    f["zonder_doorbraak"][1]["aantal"] = "3"
    f["met_doorbraak"][0]["kans"] = "50%"
    casus, problemen = lees_formulier(f)
    assert casus is None  # niet een casus met interventiebedrag 0,00
    assert [str(p) for p in problemen] == [
        "interventie[0].bedrag: '12.345,678' is geen geldig bedrag (schrijf bijvoorbeeld 1.234,56)"]
    f["interventie"][0]["bedrag"] = "12.345,67"
    casus, problemen = lees_formulier(f)
    assert problemen == [] and casus.interventie[0].bedrag == D("12345.67")
    assert casus.met_doorbraak[0].kans == D("0.5") and casus.zonder_doorbraak[1].aantal == D(3)


def test_ontbrekende_waarden_worden_gemeld_niet_ingevuld():
    f = leeg_formulier("C-2026-001", date(2026, 3, 1))
    f["titel"] = "Titel"
    f["interventie"] = [lege_interventieregel() | {"omschrijving": "Huur"}]
    f["met_doorbraak"] = [lege_kostenregel() | {"aantal": ""}]
    voor = copy.deepcopy(f)
    casus, problemen = lees_formulier(f)
    assert casus is None
    assert [str(p) for p in problemen] == [
        "met_doorbraak[0].aantal: ontbreekt",
        "interventie[0].bedrag: ontbreekt",
        "met_doorbraak[0].omschrijving: is leeg",
        "met_doorbraak[0].bedrag_per_eenheid: ontbreekt",
        "met_doorbraak[0].financier: is leeg",
        "met_doorbraak[0].bron: is leeg",
    ]
    assert f == voor


@pytest.mark.parametrize("getypt", ["€ 2.850", "2850", "2.850,00", "2850.00", "2850,-", " 2 850,00 ", "EUR 2850"])
def test_elke_schrijfwijze_van_een_bedrag_geeft_hetzelfde(getypt):
    f = formulier_uit_casus(lees_casus_tekst(json.dumps(casusdata())))
    f["interventie"][0]["bedrag"] = getypt
    casus, problemen = lees_formulier(f)
    assert problemen == []
    assert casus.interventie[0].bedrag == D("2850.00")
    assert str(casus.interventie[0].bedrag) == "2850.00"
    assert json.loads(casus_naar_json(casus))["interventie"][0]["bedrag"] == "2850.00"


def test_leeg_formulier_mist_alleen_een_titel():
    f = leeg_formulier("C-2026-001")
    assert f["casus_id"] == "C-2026-001" and f["datum"] == date.today().isoformat()
    casus, problemen = lees_formulier(f)
    assert casus is None
    assert [str(p) for p in problemen] == ["titel: is leeg"]
    f["titel"] = "Nieuwe casus"
    casus, problemen = lees_formulier(f)
    assert problemen == [] and casus.titel == "Nieuwe casus" and casus.interventie == []


@pytest.mark.parametrize(
    "pad, verwacht",
    [
        ("titel", ("casus", None, "titel")),
        ("casus_id", ("casus", None, "casus_id")),
        ("huishouden.kinderen", ("casus", None, "kinderen")),
        ("huishouden.volwassenen", ("casus", None, "volwassenen")),
        ("waardendriehoek.rendement", ("casus", None, "rendement")),
        ("waardendriehoek.betrokkenheid", ("casus", None, "betrokkenheid")),
        ("leefgebieden[2]", ("casus", None, "leefgebieden")),
        ("leefgebieden", ("casus", None, "leefgebieden")),
        ("met_doorbraak[3].kans", ("met_doorbraak", 3, "kans")),
        ("zonder_doorbraak[12].bedrag_per_eenheid", ("zonder_doorbraak", 12, "bedrag_per_eenheid")),
        ("interventie[0]", ("interventie", 0, "")),
        ("interventie[1].bedrag", ("interventie", 1, "bedrag")),
        ("interventie[0].jaar", ("interventie", 0, "jaar")),
        ("zonder_doorbraak[2].kans_laag", ("zonder_doorbraak", 2, "kans_laag")),
        ("met_doorbraak[0].kans_hoog", ("met_doorbraak", 0, "kans_hoog")),
        ("discontovoet", ("casus", None, "discontovoet")),
        ("waardendriehoek.grondslagen[0].code", ("grondslagen", 0, "code")),
        ("waardendriehoek.grondslagen[3].toelichting", ("grondslagen", 3, "toelichting")),
        ("waardendriehoek.grondslagen[1]", ("grondslagen", 1, "")),
        ("waardendriehoek.grondslagen", ("casus", None, "grondslagen")),
    ],
)
def test_veld_van_pad(pad, verwacht):
    assert veld_van_pad(pad) == verwacht


@pytest.mark.parametrize(
    "pad, verwacht",
    [
        ("zonder_doorbraak[2].kans_laag", "Zonder doorbraak, regel 3, Kans laag"),
        ("met_doorbraak[0].kans_hoog", "Met doorbraak, regel 1, Kans hoog"),
        ("interventie[0].jaar", "Interventie, regel 1, Jaar"),
        ("discontovoet", "Discontovoet"),
        ("waardendriehoek.grondslagen[0].code", "Grondslagen, regel 1, Grondslag"),
        ("waardendriehoek.grondslagen[1].toelichting", "Grondslagen, regel 2, Toelichting"),
        ("waardendriehoek.grondslagen", "Grondslagen"),
    ],
)
def test_leesbaar_pad_van_de_velden_van_formaat_2(pad, verwacht):
    assert leesbaar_pad(pad) == verwacht


@pytest.mark.parametrize("getypt", ["2,25%", "0,0225", "0.0225", " 2,25 % "])
def test_discontovoet_als_percentage_of_als_getal(getypt):
    f = formulier_uit_casus(lees_casus(VOORBEELDEN / "huurachterstand.json"))
    f["discontovoet"] = getypt
    casus, problemen = lees_formulier(f)
    assert problemen == [] and casus.discontovoet == D("0.0225") and casus.formaat == "doorbraak-casus/2"


@pytest.mark.parametrize("getypt, melding", [
    ("25%", "'25%' is te groot (hoogstens 0,2)"),
    ("twee", "'twee' is geen geldige discontovoet (schrijf bijvoorbeeld 2,25% of 0,0225)"),
])
def test_ongeldige_discontovoet_staat_bij_het_veld(getypt, melding):
    f = formulier_uit_casus(lees_casus(VOORBEELDEN / "huurachterstand.json"))
    f["discontovoet"] = getypt
    _, problemen = lees_formulier(f)
    assert [(p.pad, p.melding) for p in problemen] == [("discontovoet", melding)]


def test_problemen_van_formaat_2_hebben_een_plek_en_een_waarde():
    f = formulier_uit_casus(lees_casus(VOORBEELDEN / "joyce-woning.json"))
    f["zonder_doorbraak"][2]["kans_laag"] = "0,95"  # boven de kans (0,9)
    f["met_doorbraak"][0]["jaar"] = "3"  # na de horizon (24 maanden = 2 jaar)
    f["grondslagen"].append(lege_grondslag())
    _, problemen = lees_formulier(f)
    plekken = {p.pad: veld_van_pad(p.pad) for p in problemen}
    assert plekken == {"zonder_doorbraak[2].kans_laag": ("zonder_doorbraak", 2, "kans_laag"),
                       "met_doorbraak[0].jaar": ("met_doorbraak", 0, "jaar"),
                       "waardendriehoek.grondslagen[2].code": ("grondslagen", 2, "code")}
    # de lege code is nog in te vullen zolang de coach het veld niet bewerkte; de rest is meteen een fout
    fouten, nog = verdeel_problemen(f, problemen, set())
    assert [p.pad for p in nog] == ["waardendriehoek.grondslagen[2].code"]
    assert waarde_van_pad(f, "waardendriehoek.grondslagen[2].code") == ""
    fouten, nog = verdeel_problemen(f, problemen, {("grondslagen", 2, "code")})
    assert nog == [] and len(fouten) == 3


def test_elk_probleem_van_het_formulier_heeft_een_plek():
    f = formulier_met_fouten()
    _, problemen = lees_formulier(f)
    assert [veld_van_pad(p.pad) for p in problemen] == [
        ("interventie", 0, "bedrag"), ("zonder_doorbraak", 1, "aantal"), ("met_doorbraak", 0, "kans"),
        ("casus", None, "titel")]


def test_prijslijstregel_negeert_eerder_getypte_eigen_velden():
    f = leeg_formulier("C-2026-001", date(2025, 5, 1))
    f["titel"] = "Titel"
    regel = lege_kostenregel() | {"omschrijving": "Eerst een eigen regel", "bedrag_per_eenheid": "12,50",
                                  "eenheid": "uur", "financier": "gemeente", "bron": "offerte"}
    f["zonder_doorbraak"] = [regel | {"prijs": "UUR-CPI", "aantal": "780", "kans": "75%", "toelichting": "t"},
                             regel | {"prijs": "NORM", "bedrag_per_eenheid": "onzin"}]
    voor = copy.deepcopy(f)
    casus, problemen = lees_formulier(f)
    assert problemen == []
    assert not any("hoort niet bij een prijslijstregel" in str(p) for p in problemen)
    assert json.loads(casus_naar_json(casus))["zonder_doorbraak"] == [
        {"prijs": "UUR-CPI", "aantal": 780, "kans": 0.75, "toelichting": "t"},
        {"prijs": "NORM", "aantal": 1},
    ]
    r = casus.zonder_doorbraak[0]
    assert (r.omschrijving, r.bedrag_per_eenheid, r.eenheid, r.financier, r.bron) == (None,) * 5
    # het bestand laadt ook weer zonder problemen
    assert casus_naar_json(lees_casus_tekst(casus_naar_json(casus))) == casus_naar_json(casus)
    assert f == voor  # de getypte eigen velden blijven in het formulier, voor als de prijs weer weg gaat
    f["zonder_doorbraak"][0]["prijs"] = ""
    casus, problemen = lees_formulier(f)
    assert problemen == [] and casus.zonder_doorbraak[0].bedrag_per_eenheid == D("12.50")
    assert casus.zonder_doorbraak[0].omschrijving == "Eerst een eigen regel"


def test_oefening_onwaar_uit_het_bestand_blijft_staan():
    casus = lees_casus_tekst(json.dumps(casusdata(oefening=False)))
    assert casus.oefening is False
    f = formulier_uit_casus(casus)
    assert f["oefening"] is False
    nieuw, _ = lees_formulier(f)
    assert nieuw.oefening is False and '"oefening": false' in casus_naar_json(nieuw)
    assert casus_naar_json(nieuw) == casus_naar_json(casus)


def test_oefening_ontbreekt_in_een_nieuw_formulier_en_zonder_veld():
    f = leeg_formulier("C-2026-001")
    f["titel"] = "Titel"
    casus, _ = lees_formulier(f)
    assert casus.oefening is None and "oefening" not in json.loads(casus_naar_json(casus))
    zonder = lees_casus_tekst(json.dumps(casusdata()))
    nieuw = terug(zonder)
    assert nieuw.oefening is None and "oefening" not in json.loads(casus_naar_json(nieuw))
    f["oefening"] = True
    casus, _ = lees_formulier(f)
    assert json.loads(casus_naar_json(casus))["oefening"] is True


def test_lege_huishouden_en_waardendriehoek_blijven_leeg_maar_aanwezig():
    casus = lees_casus_tekst(json.dumps(casusdata(huishouden={}, waardendriehoek={})))
    uit = json.loads(casus_naar_json(terug(casus)))
    assert uit["huishouden"] == {} and uit["waardendriehoek"] == {}
    casus = lees_casus_tekst(json.dumps(casusdata()))
    uit = json.loads(casus_naar_json(terug(casus)))
    assert "huishouden" not in uit and "waardendriehoek" not in uit


@pytest.mark.parametrize(
    "veld, getypt, verwacht",
    [
        ("horizon_maanden", "12 maanden", "horizon_maanden: '12 maanden' is geen geheel getal"),
        ("horizon_maanden", "0", "horizon_maanden: 0 ligt buiten het bereik 1 tot en met 120"),
        ("kinderen", "-1", "huishouden.kinderen: '-1' is geen geheel getal"),
        ("volwassenen", "31", "huishouden.volwassenen: 31 ligt buiten het bereik 0 tot en met 30"),
        ("datum", "1-3-2026", "datum: '1-3-2026' is geen geldige datum (schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01)"),
    ],
)
def test_gehele_getallen_en_datum(veld, getypt, verwacht):
    f = formulier_uit_casus(lees_casus_tekst(json.dumps(casusdata())))
    f[veld] = getypt
    casus, problemen = lees_formulier(f)
    assert casus is None and [str(p) for p in problemen] == [verwacht]


def test_leefgebied_met_komma_blijft_een_leefgebied_tot_het_veld_verandert():
    from doorbraak.domein.casus import casus_uit_dict

    casus = casus_uit_dict(casusdata(leefgebieden=["wonen, werk", "zorg"]))
    f = formulier_uit_casus(casus)
    assert lees_formulier(f)[0].leefgebieden == ["wonen, werk", "zorg"]
    f["leefgebieden"] = "wonen, werk, zorg, school"
    assert lees_formulier(f)[0].leefgebieden == ["wonen", "werk", "zorg", "school"]
