"""De berekening tegen met de hand nagerekende bedragen (testprijslijst: zie conftest.INDEX)."""

import json
import math
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from doorbraak.domein.berekening import GRONDSLAG_HERINNERING, TERUGVERDIEN, VOORZICHTIG_NEGATIEF, bereken
from doorbraak.domein.casus import lees_casus_tekst
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.prijslijst import laad_prijslijst
from doorbraak.domein.regels import ESCALATIE, VIER_OGEN, route
from tests.conftest import INDEX, casusdata, eigen_regel, schrijf_prijslijst


def casus(**velden):
    return lees_casus_tekst(json.dumps(casusdata(**velden)))


def andere(bc) -> tuple[str, ...]:
    """De waarschuwingen zonder de drie algemene van rekenmodel 2 (grondslag, niet terugverdiend, voorzichtig
    scenario negatief): die hebben eigen tests (tests/test_rekenmodel2.py); deze tests gaan over iets anders."""
    return tuple(w for w in bc.waarschuwingen
                 if w != GRONDSLAG_HERINNERING and TERUGVERDIEN not in w and not w.startswith(VOORZICHTIG_NEGATIEF))


@pytest.fixture
def pl(testprijslijst):
    return laad_prijslijst(testprijslijst)


def test_volledige_businesscase_met_de_hand_nagerekend(pl):
    c = casus(
        datum="2025-06-01",
        interventie=[{"omschrijving": "Huur", "bedrag": "12000.00"}, {"omschrijving": "Verhuizing", "bedrag": "3000.00"}],
        zonder_doorbraak=[
            {"prijs": "UUR-CPI", "aantal": 780, "kans": 0.75},  # 80,00 x 130/100 = 104,00; x 780 x 0,75 = 60.840,00
            {"prijs": "DAG-OVA", "aantal": 104},  # 200,00 x 104/100 = 208,00; x 104 = 21.632,00
            eigen_regel("5.35", "0.5", financier="huishouden"),  # 2,675 -> 2,68
        ],
        met_doorbraak=[
            {"prijs": "UUR-CPI", "aantal": 104},  # 104,00 x 104 = 10.816,00
            {"prijs": "NORM", "aantal": 3},  # 1.345,45 x 3, niet geïndexeerd = 4.036,35
        ],
    )
    bc = bereken(c, pl)
    assert [u.eenheidsprijs for u in bc.zonder] == [D("104.00"), D("208.00"), D("5.35")]
    assert [u.bedrag for u in bc.zonder] == [D("60840.00"), D("21632.00"), D("2.68")]
    assert [u.bedrag for u in bc.met] == [D("10816.00"), D("4036.35")]
    assert [u.indexfactor for u in bc.zonder] == [Fraction(13, 10), Fraction(104, 100), Fraction(1)]
    assert bc.interventie_totaal == D("15000.00")
    assert bc.kosten_zonder == D("82474.68")
    assert bc.kosten_met == D("14852.35")
    assert bc.vermeden_kosten == D("67622.33")
    assert bc.netto_rendement == D("52622.33")
    assert bc.rendement_ratio == D("4.51")  # 67.622,33 / 15.000 = 4,5081...
    assert bc.route == ESCALATIE and bc.limiet == D("5000.00")
    assert bc.per_financier == {
        "gemeente (Wmo)": D("50024.00"),
        "gemeente (Jeugdwet)": D("21632.00"),
        "huishouden": D("2.68"),
        "gemeente (Participatiewet)": D("-4036.35"),
    }
    assert list(bc.per_financier) == ["gemeente (Wmo)", "gemeente (Jeugdwet)", "huishouden", "gemeente (Participatiewet)"]
    assert sum(bc.per_financier.values()) == bc.vermeden_kosten
    assert bc.waarschuwingen == (GRONDSLAG_HERINNERING,)  # een /1-casus kent geen grondslagen
    uitvoer = bc.als_json()
    for nieuw in ("contant", "terugverdienjaar", "scenarios", "per_jaar", "grondslagen"):  # zie test_rekenmodel2.py
        uitvoer.pop(nieuw)
    assert uitvoer.pop("prijslijst") == {"versie": "zonder versie", "inhoud_hash": pl.inhoud_hash}
    assert uitvoer.pop("prijspeil") == "2025"  # de testindex heeft cijfers tot en met het casusjaar
    regels = uitvoer.pop("regels")
    # de indexcijfers zelf (issue 14): eenheidsprijs = bedrag × index_naar / index_van, half naar boven
    assert [(r["index_van"], r["index_naar"], r["indexjaar_van"], r["indexjaar_naar"]) for r in regels] == [
        ("100", "130", 2020, 2025), ("100", "104", 2024, 2025), (None, None, None, None), ("100", "130", 2020, 2025),
        (None, None, None, None)]
    assert {(r["jaar"], r["contant"] == r["bedrag"]) for r in regels} == {(1, True)}  # alles in jaar 1: niet verdisconteerd
    assert [(r["pad"], r["code"], r["eenheidsprijs"], r["prijsjaar"], r["indexfactor"], r["bedrag"])
            for r in regels] == [
        ("zonder_doorbraak[0]", "UUR-CPI", "104.00", 2020, "1.300000", "60840.00"),
        ("zonder_doorbraak[1]", "DAG-OVA", "208.00", 2024, "1.040000", "21632.00"),
        ("zonder_doorbraak[2]", None, "5.35", None, "1.000000", "2.68"),
        ("met_doorbraak[0]", "UUR-CPI", "104.00", 2020, "1.300000", "10816.00"),
        ("met_doorbraak[1]", "NORM", "1345.45", 2025, "1.000000", "4036.35"),
    ]
    assert uitvoer == {
        "casus_id": "TEST-001",
        "interventie_totaal": "15000.00",
        "kosten_zonder": "82474.68",
        "kosten_met": "14852.35",
        "vermeden_kosten": "67622.33",
        "netto_rendement": "52622.33",
        "rendement_ratio": "4.51",
        "route": "escalatie",
        "limiet": "5000.00",
        "per_financier": {"gemeente (Wmo)": "50024.00", "gemeente (Jeugdwet)": "21632.00",
                          "huishouden": "2.68", "gemeente (Participatiewet)": "-4036.35"},
        "waarschuwingen": [GRONDSLAG_HERINNERING],
    }


def test_eenheidsprijs_half_naar_boven_op_de_cent(testprijslijst, tmp_path):
    pad = schrijf_prijslijst(tmp_path / "p2", [{"code": "HALF", "bedrag": "33.11", "prijsjaar": "2021"}], INDEX)
    # 33,11 x 125/110 = 37,625 precies: half naar boven 37,63 (bankiersafronding zou 37,62 geven)
    bc = bereken(casus(datum="2024-01-01", zonder_doorbraak=[{"prijs": "HALF", "aantal": 1}]), laad_prijslijst(pad))
    assert bc.zonder[0].eenheidsprijs == D("37.63")
    assert bc.zonder[0].indexfactor == Fraction(125, 110)


def test_regelbedrag_half_naar_boven_en_niet_via_float(pl):
    bc = bereken(casus(zonder_doorbraak=[eigen_regel("10.01", "0.5"), eigen_regel("5.35", "0.5"),
                                         eigen_regel("0.35", "3", kans="0.5")]), pl)
    assert [u.bedrag for u in bc.zonder] == [D("5.01"), D("2.68"), D("0.53")]
    assert round(5.35 * 0.5, 2) == 2.67  # wat float ervan zou maken: een cent te weinig
    assert bc.kosten_zonder == D("8.22")


def test_json_getallen_worden_exact_gelezen_niet_als_float(pl):
    # In het bestand staat 5.35 en 0.5 als JSON-getal; via float zou 5.35 x 0.5 op 2,67 uitkomen.
    c = lees_casus_tekst('{"formaat": "doorbraak-casus/1", "casus_id": "ABC", "titel": "t", "datum": "2025-01-01",'
                         ' "met_doorbraak": [{"omschrijving": "x", "bedrag_per_eenheid": 5.35, "eenheid": "uur",'
                         ' "aantal": 0.5, "financier": "f", "bron": "b"}]}')
    assert bereken(c, pl).met[0].bedrag == D("2.68")


def test_totalen_zijn_sommen_van_afgeronde_regels(pl):
    # drie keer 0,333 -> elk 0,33; het totaal is 0,99, niet 1,00
    bc = bereken(casus(zonder_doorbraak=[eigen_regel("1.00", "0.333")] * 3), pl)
    assert bc.kosten_zonder == D("0.99")


@pytest.mark.parametrize(
    "vermeden, interventie, ratio",
    [("1.00", "8.00", "0.13"), ("0.00", "8.00", "0.00"), ("30.00", "8.00", "3.75"), ("0.00", "0.00", None),
     ("100.00", "0.00", None)],
)
def test_rendementsratio(pl, vermeden, interventie, ratio):
    bc = bereken(casus(interventie=[{"omschrijving": "x", "bedrag": interventie}],
                       zonder_doorbraak=[eigen_regel(vermeden)]), pl)
    assert bc.rendement_ratio == (None if ratio is None else D(ratio))
    assert bc.als_json()["rendement_ratio"] == ratio


def test_negatieve_ratio_rondt_weg_van_nul(pl):
    bc = bereken(casus(interventie=[{"omschrijving": "x", "bedrag": "8.00"}], met_doorbraak=[eigen_regel("1.00")]), pl)
    assert bc.vermeden_kosten == D("-1.00") and bc.netto_rendement == D("-9.00")
    assert bc.rendement_ratio == D("-0.13")


@pytest.mark.parametrize(
    "bedrag, eerder, limiet, verwacht",
    [("5000.00", "0", "5000.00", VIER_OGEN), ("5000.01", "0", "5000.00", ESCALATIE),
     ("0.00", "0", "5000.00", VIER_OGEN), ("1000.00", "4000.00", "5000.00", VIER_OGEN),
     ("1000.01", "4000.00", "5000.00", ESCALATIE), ("500.01", "0", "500.00", ESCALATIE)],
)
def test_route_grens(pl, bedrag, eerder, limiet, verwacht):
    bc = bereken(casus(interventie=[{"omschrijving": "x", "bedrag": bedrag}]), pl,
                 limiet=D(limiet), eerder_goedgekeurd=D(eerder))
    assert bc.route == verwacht
    assert route(D(bedrag), D(limiet), D(eerder)) == verwacht


@given(st.decimals(min_value=0, max_value=100_000, places=2), st.decimals(min_value=0, max_value=100_000, places=2))
def test_route_kantelt_precies_boven_de_limiet(totaal, limiet):
    assert route(totaal, limiet) == (VIER_OGEN if totaal <= limiet else ESCALATIE)
    assert route(limiet, limiet) == VIER_OGEN
    assert route(limiet + D("0.01"), limiet) == ESCALATIE


# ------------------------------------------------------------------ indexering en waarschuwingen


def test_casusjaar_zonder_indexcijfer_gebruikt_laatste_jaar_met_waarschuwing(pl):
    bc = bereken(casus(datum="2026-03-01", zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 1},
                                                               {"prijs": "DAG-OVA", "aantal": 1}]), pl)
    assert [u.eenheidsprijs for u in bc.zonder] == [D("104.00"), D("208.00")]
    assert andere(bc) == (
        "CPI-indexcijfer voor 2026 ontbreekt nog; prijzen zijn geïndexeerd tot 2025 (het laatst bekende jaar)",
        "OVA-indexcijfer voor 2026 ontbreekt nog; prijzen zijn geïndexeerd tot 2025 (het laatst bekende jaar)",
    )


def test_ontbrekend_ova_cijfer_valt_terug_op_cpi_en_zegt_dat(pl):
    bc = bereken(casus(datum="2025-01-01", zonder_doorbraak=[{"prijs": "OVA-OUD", "aantal": 1}]), pl)
    assert bc.zonder[0].eenheidsprijs == D("59.09")  # 50,00 x 130/110 = 59,0909...
    assert (bc.zonder[0].indexatie, bc.zonder[0].indexreeks) == ("ova", "cpi")
    assert andere(bc) == ("OVA-indexcijfer voor 2021 ontbreekt in de prijslijst; OVA-OUD is met CPI geïndexeerd",)


def test_geen_indexatie_en_prijsjaar_gelijk_aan_casusjaar(tmp_path):
    pad = schrijf_prijslijst(tmp_path / "p", [
        {"code": "NORM", "bedrag": "1345.45", "prijsjaar": "2025", "indexatie": "geen"},
        {"code": "NIEUW", "bedrag": "99.99", "prijsjaar": "2026", "indexatie": "cpi"},
    ], INDEX)
    bc = bereken(casus(datum="2026-05-01", zonder_doorbraak=[{"prijs": "NORM", "aantal": 1},
                                                               {"prijs": "NIEUW", "aantal": 1}]), laad_prijslijst(pad))
    assert [u.eenheidsprijs for u in bc.zonder] == [D("1345.45"), D("99.99")]
    assert [u.indexfactor for u in bc.zonder] == [1, 1]
    assert andere(bc) == (
        "NORM is een vast bedrag uit 2025 dat niet geïndexeerd wordt; controleer of er voor 2026 een nieuw bedrag "
        "geldt en werk de prijslijst bij",
    )


def test_prijsjaar_buiten_de_indexreeks_is_een_fout_met_pad(pl, tmp_path):
    with pytest.raises(InvoerFout) as e:
        bereken(casus(datum="2023-01-01", zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 1}],
                      met_doorbraak=[{"prijs": "UUR-CPI", "aantal": 2}, {"prijs": "ZORG", "aantal": 1}]), pl)
    assert [str(p) for p in e.value.problemen] == [
        "zonder_doorbraak[0].prijs: UUR-CPI kan niet naar het casusjaar 2023 (uit datum 2023-01-01) worden gebracht: "
        "geen CPI-indexcijfer voor 2023 in indexcijfers.csv",
        "met_doorbraak[0].prijs: UUR-CPI kan niet naar het casusjaar 2023 (uit datum 2023-01-01) worden gebracht: "
        "geen CPI-indexcijfer voor 2023 in indexcijfers.csv",
        "met_doorbraak[1].prijs: ZORG kan niet naar het casusjaar 2023 (uit datum 2023-01-01) worden gebracht: "
        "geen CPI-indexcijfer voor 2023 in indexcijfers.csv",
    ]
    pad = schrijf_prijslijst(tmp_path / "p", [{"code": "OUD", "bedrag": "10.00", "prijsjaar": "2010"}], INDEX)
    with pytest.raises(InvoerFout, match=r"zonder_doorbraak\[0\]\.prijs: OUD kan niet .* geen CPI-indexcijfer voor 2010"):
        bereken(casus(zonder_doorbraak=[{"prijs": "OUD", "aantal": 1}]), laad_prijslijst(pad))


def test_rekent_los_van_de_decimal_context_van_de_aanroeper(pl):
    import decimal

    c = casus(interventie=[{"omschrijving": "a", "bedrag": "4999.99"}, {"omschrijving": "b", "bedrag": "0.02"}],
              zonder_doorbraak=[eigen_regel("123456.78", "987.6543", kans="0.3333")])
    met_standaard = bereken(c, pl)
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        ctx.rounding = decimal.ROUND_HALF_EVEN
        bc = bereken(c, pl)
    assert bc == met_standaard
    assert bc.interventie_totaal == D("5000.01") and bc.route == ESCALATIE
    # 123.456,78 x 987,6543 x 0,3333 = 40.640.142,1230636282 (exact) -> 40.640.142,12
    assert bc.kosten_zonder == D("40640142.12")


def test_onbekende_prijscodes_allemaal_met_pad(pl):
    with pytest.raises(InvoerFout) as e:
        bereken(casus(zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 1}, {"prijs": "BESTAAT-NIET", "aantal": 1}],
                      met_doorbraak=[{"prijs": "OOK-NIET", "aantal": 2}]), pl)
    assert [str(p) for p in e.value.problemen] == [
        "zonder_doorbraak[1].prijs: onbekende prijscode 'BESTAAT-NIET': staat niet in de prijslijst",
        "met_doorbraak[0].prijs: onbekende prijscode 'OOK-NIET': staat niet in de prijslijst",
    ]


def test_aantal_als_breuk_van_een_jaar(pl):
    bc = bereken(casus(zonder_doorbraak=[eigen_regel("12000.00", 0.083333, eenheid="jaar")]), pl)
    assert bc.zonder[0].bedrag == D("1000.00")  # 12.000 x 0,083333 = 999,996 -> 1.000,00
    assert bc.kosten_zonder == D("1000.00")


@pytest.mark.parametrize(
    "eenheid, aantal, waarschuwt",
    [("dag", "365", False), ("dag", "366", True), ("week", "52", False), ("week", "53", True),
     ("maand", "12", False), ("maand", "12.5", True), ("jaar", "1", False), ("jaar", "1.1", True),
     ("uur", "5000", False), ("traject", "3", False)],
)
def test_regel_langer_dan_de_horizon(pl, eenheid, aantal, waarschuwt):
    bc = bereken(casus(horizon_maanden=12, met_doorbraak=[eigen_regel("1.00", aantal, eenheid=eenheid)]), pl)
    gevonden = [w for w in andere(bc) if "horizon" in w]
    assert bool(gevonden) == waarschuwt
    if waarschuwt:
        assert gevonden[0].startswith("met_doorbraak[0] (Eigen regel): ")
        assert gevonden[0].endswith("langer dan de horizon van 12 maanden (tenzij het om meer personen tegelijk gaat)")


def test_horizonwaarschuwing_voor_prijslijstregel(pl):
    bc = bereken(casus(horizon_maanden=6, zonder_doorbraak=[{"prijs": "DAG-OVA", "aantal": 200}]), pl)
    assert andere(bc) == (
        "zonder_doorbraak[0] (Dag-Ova): 200 dag is ongeveer 6,6 maanden, langer dan de horizon van 6 maanden"
        " (tenzij het om meer personen tegelijk gaat)",
    )


def test_bsn_in_vrije_tekst_geeft_waarschuwing_zonder_het_nummer_te_herhalen(pl):
    bc = bereken(casus(situatie="Moeder (BSN 111222333) belde.", met_doorbraak=[
        eigen_regel("1.00", toelichting="zie dossier 1234.56.782")]), pl)
    assert andere(bc) == (
        "situatie bevat een nummer dat een BSN kan zijn (elfproef klopt; eindigt op 333): neem geen BSN op in een casus",
        "met_doorbraak[0].toelichting bevat een nummer dat een BSN kan zijn (elfproef klopt; eindigt op 782): "
        "neem geen BSN op in een casus",
    )
    assert not any("111222333" in w for w in bc.waarschuwingen)


def test_bsn_ook_in_financier_categorie_en_onbekende_velden(pl):
    bc = bereken(casus(
        interventie=[{"omschrijving": "x", "bedrag": "1.00", "categorie": "cliënt 111222333"}],
        met_doorbraak=[eigen_regel("1.00", financier="cliënt 123456782")],
        notitie={"contact": ["moeder 1234.56.782"]},
    ), pl)
    paden = [w.split(" bevat ")[0] for w in andere(bc)]
    assert paden == ["interventie[0].categorie", "met_doorbraak[0].financier", "notitie.contact[0]"]


def test_geen_bsn_waarschuwing_voor_gewone_getallen(pl):
    bc = bereken(casus(situatie="Telefoon 0612345678, schuld € 123.456.782,00, dossier 123456789."), pl)
    assert andere(bc) == ()


# ------------------------------------------------------------------ eigenschappen
#
# Een onafhankelijke herberekening met Fraction en een eigen afronding (floor(x*100 + 1/2)/100),
# zodat bijvoorbeeld bankiersafronding of een tussentijdse afronding hier zou opvallen.

REFERENTIE_ITEMS = {  # code: (bedrag, prijsjaar, reeks)
    "AA": ("80.00", 2020, "cpi"), "BB": ("33.11", 2021, "cpi"), "CC": ("200.00", 2024, "ova"),
    "DD": ("1345.45", 2025, "geen"), "EE": ("0.07", 2020, "cpi"),
}
REFERENTIE_INDEX = {"cpi": {j: Fraction(c) for j, (c, _) in INDEX.items()},
                    "ova": {j: Fraction(o) for j, (_, o) in INDEX.items() if o}}


def _half_naar_boven(x: Fraction) -> Fraction:
    teken = -1 if x < 0 else 1
    return teken * Fraction(math.floor(abs(x) * 100 + Fraction(1, 2)), 100)


def _referentie_regel(regel: dict, jaar: int) -> Fraction:
    if "prijs" in regel:
        bedrag, prijsjaar, reeks = REFERENTIE_ITEMS[regel["prijs"]]
        factor = 1 if reeks == "geen" else REFERENTIE_INDEX[reeks][jaar] / REFERENTIE_INDEX[reeks][prijsjaar]
        eenheid = _half_naar_boven(Fraction(bedrag) * factor)
    else:
        eenheid = Fraction(regel["bedrag_per_eenheid"])
    return _half_naar_boven(eenheid * Fraction(regel["aantal"]) * Fraction(regel.get("kans", "1")))


getallen4 = st.decimals(min_value=0, max_value=1_000, places=4).map(lambda d: f"{d:f}")
kansen = st.one_of(st.none(), st.sampled_from(["0.5", "0.25", "0.75", "0.1", "1", "0"]),
                   st.decimals(min_value=0, max_value=1, places=4).map(lambda d: f"{d:f}"))
prijsregels = st.builds(lambda code, aantal, kans: {"prijs": code, "aantal": aantal} | ({} if kans is None else {"kans": kans}),
                        st.sampled_from(sorted(REFERENTIE_ITEMS)), getallen4, kansen)
eigen_regels = st.builds(lambda b, aantal, kans, f: eigen_regel(f"{b:f}", aantal, financier=f) | ({} if kans is None else {"kans": kans}),
                         st.decimals(min_value=0, max_value=10_000, places=2), getallen4, kansen,
                         st.sampled_from(["gemeente (Wmo)", "zorgverzekeraar", "verhuurder"]))
regels = st.lists(st.one_of(prijsregels, eigen_regels), max_size=12)


@pytest.fixture(scope="module")
def referentieprijslijst(tmp_path_factory):
    items = [{"code": c, "bedrag": b, "prijsjaar": str(j), "indexatie": r} for c, (b, j, r) in REFERENTIE_ITEMS.items()]
    return laad_prijslijst(schrijf_prijslijst(tmp_path_factory.mktemp("pl"), items, INDEX))


@given(zonder=regels, met=regels, jaar=st.sampled_from([2024, 2025]),
       interventies=st.lists(st.decimals(min_value=0, max_value=50_000, places=2), max_size=4))
@example(zonder=[eigen_regel("10.01", "0.5")], met=[{"prijs": "EE", "aantal": "1"}], jaar=2025, interventies=[D("8.00")])
@settings(max_examples=300, deadline=None)
def test_bedragen_gelijk_aan_onafhankelijke_herberekening(referentieprijslijst, zonder, met, jaar, interventies):
    c = casus(datum=f"{jaar}-06-30", zonder_doorbraak=zonder, met_doorbraak=met,
              interventie=[{"omschrijving": "x", "bedrag": f"{b:f}"} for b in interventies])
    bc = bereken(c, referentieprijslijst)
    verwacht_zonder = [_referentie_regel(r, jaar) for r in zonder]
    verwacht_met = [_referentie_regel(r, jaar) for r in met]
    assert [Fraction(u.bedrag) for u in bc.zonder] == verwacht_zonder
    assert [Fraction(u.bedrag) for u in bc.met] == verwacht_met
    interventie = sum((Fraction(b) for b in interventies), Fraction(0))
    vermeden = sum(verwacht_zonder, Fraction(0)) - sum(verwacht_met, Fraction(0))
    assert Fraction(bc.kosten_zonder) == sum(verwacht_zonder, Fraction(0))
    assert Fraction(bc.kosten_met) == sum(verwacht_met, Fraction(0))
    assert Fraction(bc.vermeden_kosten) == vermeden
    assert Fraction(bc.netto_rendement) == vermeden - interventie
    assert bc.rendement_ratio == (None if interventie == 0 else _als_decimal(_half_naar_boven(vermeden / interventie)))
    assert sum(bc.per_financier.values(), D(0)) == bc.vermeden_kosten
    assert bc.route == (VIER_OGEN if interventie <= 5000 else ESCALATIE)
    for bedrag in (bc.kosten_zonder, bc.kosten_met, bc.vermeden_kosten, *(u.bedrag for u in bc.zonder + bc.met)):
        assert bedrag.as_tuple().exponent == -2  # altijd precies op centen


def _als_decimal(f: Fraction) -> D:
    """Een Fraction die al op centen ligt, exact als Decimal."""
    assert (f * 100).denominator == 1
    return D(int(f * 100)).scaleb(-2)
