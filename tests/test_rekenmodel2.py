"""Rekenmodel 2: jaren, contante waarde, terugverdienjaar, scenario's en grondslagen, met de hand nagerekend."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from doorbraak.domein.berekening import GRONDSLAG_HERINNERING, TERUGVERDIEN, bereken
from doorbraak.domein.casus import casus_naar_json, lees_casus, lees_casus_tekst
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.prijslijst import laad_prijslijst
from tests.conftest import PROJECT, VOORBEELDEN, casusdata, draai, eigen_regel

V1 = PROJECT / "tests" / "data" / "huurachterstand-formaat1.json"


def casus2(**velden):
    return lees_casus_tekst(json.dumps(casusdata(formaat="doorbraak-casus/2", **velden)))


@pytest.fixture
def pl(testprijslijst):
    return laad_prijslijst(testprijslijst)


def casus_a():
    """Drie jaar vermeden kosten tegen een interventie in jaar 1 en 2, discontovoet 2,25%."""
    zonder = [eigen_regel("3500.00", kans="0.8", jaar=j, kans_laag="0.6", kans_hoog="0.9") for j in (1, 2, 3)]
    return casus2(datum="2025-06-01", horizon_maanden=36, discontovoet="0.0225",
                  interventie=[{"omschrijving": "Start", "bedrag": "5000.00", "jaar": 1},
                               {"omschrijving": "Vervolg", "bedrag": "2000.00", "jaar": 2}],
                  zonder_doorbraak=zonder, met_doorbraak=[eigen_regel("500.00")],
                  waardendriehoek={"legitimiteit": "x", "grondslagen": [{"code": "AWB-4:84", "toelichting": "Afwijken."}]})


def test_contante_waarde_en_terugverdienjaar_met_de_hand(pl):
    bc = bereken(casus_a(), pl)
    # nominaal, zoals altijd: 3 x 3.500 x 0,8 = 8.400; met 500; interventie 7.000
    assert (bc.kosten_zonder, bc.kosten_met, bc.interventie_totaal) == (D("8400.00"), D("500.00"), D("7000.00"))
    assert (bc.vermeden_kosten, bc.netto_rendement, bc.rendement_ratio) == (D("7900.00"), D("900.00"), D("1.13"))
    assert bc.route == "escalatie"  # de route rekent met het nominale totaal: 7.000 > 5.000
    # contant per regel: 2.800 / 1,0225^(jaar-1): 2.800,00; 2.738,3863... -> 2.738,39; 2.678,1284... -> 2.678,13
    assert [u.contant for u in bc.zonder] == [D("2800.00"), D("2738.39"), D("2678.13")]
    assert [r.contant for r in bc.interventie] == [D("5000.00"), D("1955.99")]  # 2.000 / 1,0225 = 1.955,9902...
    c = bc.contant
    assert (c.kosten_zonder, c.kosten_met, c.interventie_totaal) == (D("8216.52"), D("500.00"), D("6955.99"))
    assert (c.vermeden_kosten, c.netto_rendement, c.rendement_ratio) == (D("7716.52"), D("760.53"), D("1.11"))
    # cumulatief: jaar 1 2.300 < 5.000; jaar 2 5.038,39 < 6.955,99; jaar 3 7.716,52 >= 6.955,99
    assert bc.terugverdienjaar == 3
    # scenario's (nominaal): laag 0,6 -> 3 x 2.100 = 6.300; hoog 0,9 -> 3 x 3.150 = 9.450
    assert {n: (s.vermeden_kosten, s.netto_rendement, s.rendement_ratio) for n, s in bc.scenarios.items()} == {
        "laag": (D("5800.00"), D("-1200.00"), D("0.83")),
        "midden": (D("7900.00"), D("900.00"), D("1.13")),
        "hoog": (D("8950.00"), D("1950.00"), D("1.28")),
    }
    assert [(j.jaar, j.zonder, j.met, j.interventie, j.vermeden, j.netto) for j in bc.per_jaar] == [
        (1, D("2800.00"), D("500.00"), D("5000.00"), D("2300.00"), D("-2700.00")),
        (2, D("2800.00"), D("0.00"), D("2000.00"), D("2800.00"), D("800.00")),
        (3, D("2800.00"), D("0.00"), D("0.00"), D("2800.00"), D("2800.00")),
    ]
    assert bc.waarschuwingen == ("in het voorzichtige scenario (kans_laag zonder doorbraak, kans_hoog met doorbraak) is "
                                 "het nettorendement negatief: € -1.200,00",)
    uit = bc.als_json()
    assert uit["contant"] == {"discontovoet": "0.0225", "interventie_totaal": "6955.99", "kosten_zonder": "8216.52",
                              "kosten_met": "500.00", "vermeden_kosten": "7716.52", "netto_rendement": "760.53",
                              "rendement_ratio": "1.11"}
    assert uit["terugverdienjaar"] == 3
    assert uit["scenarios"]["laag"] == {"vermeden_kosten": "5800.00", "netto_rendement": "-1200.00", "rendement_ratio": "0.83"}
    assert uit["per_jaar"][0] == {"jaar": 1, "zonder": "2800.00", "met": "500.00", "interventie": "5000.00",
                                  "vermeden": "2300.00", "netto": "-2700.00"}
    assert [(r["jaar"], r["contant"]) for r in uit["regels"]] == [(1, "2800.00"), (2, "2738.39"), (3, "2678.13"), (1, "500.00")]
    (g,) = uit["grondslagen"]
    assert (g["code"], g["artikel"], g["toelichting"]) == ("AWB-4:84", "4:84", "Afwijken.")
    assert g["url"].startswith("https://wetten.overheid.nl/jci1.3:c:BWBR0005537")


def test_terugverdienen_niet_binnen_de_horizon_en_discontovoet_tien_procent(pl):
    # UUR-CPI: 80 x 130/100 = 104,00 per uur; 10 uur in jaar 2 = 1.040,00; contant 1.040 / 1,1 = 945,4545... -> 945,45
    c = casus2(datum="2025-01-10", horizon_maanden=24, discontovoet="0.1",
               interventie=[{"omschrijving": "Interventie", "bedrag": "1000.00"}],
               zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 10, "jaar": 2}])
    bc = bereken(c, pl)
    assert bc.zonder[0].contant == D("945.45") and bc.contant.vermeden_kosten == D("945.45")
    assert bc.terugverdienjaar is None  # jaar 1: 0 < 1.000; jaar 2: 945,45 < 1.000
    assert bc.vermeden_kosten == D("1040.00") and bc.netto_rendement == D("40.00")  # nominaal wel positief
    assert "de interventie verdient zich binnen de horizon van 2 jaar niet terug (contante waarde, discontovoet 10,00%)" \
        in bc.waarschuwingen
    assert GRONDSLAG_HERINNERING in bc.waarschuwingen
    assert [j.jaar for j in bc.per_jaar] == [1, 2]


def test_discontovoet_nul_en_standaard_uit_de_prijslijst(pl, testprijslijst):
    regels = [eigen_regel("1000.00", jaar=2)]
    nul = bereken(casus2(horizon_maanden=24, discontovoet=0, zonder_doorbraak=regels), pl)
    assert nul.zonder[0].contant == D("1000.00") and nul.discontovoet == 0
    standaard = bereken(casus2(horizon_maanden=24, zonder_doorbraak=regels), pl)
    assert standaard.discontovoet == D("0.0225")  # de testprijslijst heeft geen versie.json: de standaard
    assert standaard.zonder[0].contant == D("978.00")  # 1.000 / 1,0225 = 977,9951... -> 978,00
    (testprijslijst / "versie.json").write_text(json.dumps({"versie": "2027.9", "datum": "2026-11-30",
                                                            "vastgesteld_door": "Test", "discontovoet": "0.04"}))
    eigen = bereken(casus2(horizon_maanden=24, zonder_doorbraak=regels), laad_prijslijst(testprijslijst))
    assert eigen.discontovoet == D("0.04") and eigen.zonder[0].contant == D("961.54")  # 1.000 / 1,04 = 961,538...


@pytest.mark.parametrize("velden, pad, melding", [
    ({"horizon_maanden": 24, "zonder_doorbraak": [eigen_regel("1.00", jaar=3)]}, "zonder_doorbraak[0].jaar",
     "3 ligt na de horizon: die is 2 jaar"),
    ({"horizon_maanden": 120, "interventie": [{"omschrijving": "x", "bedrag": "1.00", "jaar": 11}]}, "interventie[0].jaar",
     "11 ligt buiten het bereik 1 tot en met 10"),
    ({"zonder_doorbraak": [eigen_regel("1.00", jaar=0)]}, "zonder_doorbraak[0].jaar", "0 ligt buiten het bereik"),
    ({"zonder_doorbraak": [eigen_regel("1.00", kans="0.5", kans_laag="0.6")]}, "zonder_doorbraak[0].kans_laag",
     "0,6 is hoger dan de kans (0,5); kans_laag ≤ kans ≤ kans_hoog"),
    ({"met_doorbraak": [eigen_regel("1.00", kans_hoog="0.9")]}, "met_doorbraak[0].kans_hoog",
     "0,9 is lager dan de kans (1); kans_laag ≤ kans ≤ kans_hoog"),
    ({"zonder_doorbraak": [eigen_regel("1.00", kans_laag="1.5")]}, "zonder_doorbraak[0].kans_laag", "ligt buiten het bereik"),
    ({"discontovoet": "0.25"}, "discontovoet", "ligt buiten het bereik 0 tot en met 0,2"),
])
def test_grenzen_van_het_formaat(velden, pad, melding):
    with pytest.raises(InvoerFout) as fout:
        casus2(**velden)
    assert any(p.pad == pad and melding in p.melding for p in fout.value.problemen), fout.value.problemen


def test_grenzen_die_mogen(pl):
    c = casus2(horizon_maanden=25, zonder_doorbraak=[eigen_regel("1.00", jaar=1), eigen_regel("1.00", jaar=3,
                                                                                        kans="0.5", kans_laag="0.5",
                                                                                        kans_hoog="0.5")])
    bc = bereken(c, pl)  # jaar 3 bij een horizon van 25 maanden (naar boven: 3 jaar); kansbereik gelijk aan de kans
    assert [u.jaar for u in bc.zonder] == [1, 3] and bc.scenarios["laag"] == bc.scenarios["midden"] == bc.scenarios["hoog"]
    assert len(bc.per_jaar) == 3


def test_onbekende_grondslag_is_exitcode_2(capsys, tmp_path):
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(formaat="doorbraak-casus/2",
                                        waardendriehoek={"grondslagen": [{"code": "AWB-9:99"}]})), encoding="utf-8")
    code, _, err = draai(capsys, "bereken", pad)
    assert code == 2 and "waardendriehoek.grondslagen[0].code: 'AWB-9:99' staat niet in de lijst met grondslagen" in err


def test_formaat_1_geeft_elke_oude_sleutel_zoals_versie_0_1(capsys):
    """De uitkomst van versie 0.1 (vóór rekenmodel 2) voor hetzelfde /1-bestand en dezelfde prijslijst staat in
    tests/data/huurachterstand-formaat1.uitkomst-0.1.json. Elke sleutel van toen is gelijk; alleen komen er
    sleutels bij (ook per regel: jaar en contant) en één herinnering (de grondslag)."""
    oud = json.loads((PROJECT / "tests" / "data" / "huurachterstand-formaat1.uitkomst-0.1.json").read_text(encoding="utf-8"))
    code, uit, _ = draai(capsys, "bereken", V1, "--json")
    nieuw = json.loads(uit)
    assert code == 0
    for sleutel, waarde in oud.items():
        if sleutel == "regels":
            assert [{k: r[k] for k in o} for r, o in zip(nieuw["regels"], waarde)] == waarde
            assert len(nieuw["regels"]) == len(waarde)
        elif sleutel == "waarschuwingen":
            assert nieuw[sleutel] == waarde + [GRONDSLAG_HERINNERING]
        else:
            assert nieuw[sleutel] == waarde, sleutel


def test_een_bestand_in_formaat_1_geeft_precies_de_oude_uitkomst(capsys):
    """Het voorbeeld huurachterstand zoals het in formaat /1 was: dezelfde bedragen als altijd, met de hand
    nagerekend in tests/test_cli.py; de nieuwe sleutels staan ernaast."""
    code, uit, _ = draai(capsys, "bereken", V1, "--json")
    data = json.loads(uit)
    assert code == 0 and lees_casus(V1).formaat == "doorbraak-casus/1"
    oud = {k: data[k] for k in ("interventie_totaal", "kosten_zonder", "kosten_met", "vermeden_kosten",
                                "netto_rendement", "rendement_ratio", "route")}
    assert oud == {"interventie_totaal": "2850.00", "kosten_zonder": "15347.61", "kosten_met": "1264.86",
                   "vermeden_kosten": "14082.75", "netto_rendement": "11232.75", "rendement_ratio": "4.94",
                   "route": "vier-ogen"}
    # alles in jaar 1: de contante waarde is het nominale bedrag, terugverdiend in jaar 1
    assert data["contant"]["vermeden_kosten"] == "14082.75" and data["terugverdienjaar"] == 1
    assert data["grondslagen"] == [] and GRONDSLAG_HERINNERING in data["waarschuwingen"]
    # en opslaan (dit bestand is door Doorbraak geschreven) verandert geen byte
    assert casus_naar_json(lees_casus(V1)) == V1.read_text(encoding="utf-8")


def test_voorbeelden_over_meer_jaren(capsys):
    for naam, jaren in (("natuurlijk-mentor", 3), ("joyce-woning", 2)):
        code, uit, _ = draai(capsys, "bereken", VOORBEELDEN / f"{naam}.json", "--json")
        data = json.loads(uit)
        assert code == 0 and len(data["per_jaar"]) == jaren
        assert {r["jaar"] for r in data["regels"]} == set(range(1, jaren + 1))
        laag, midden, hoog = (D(data["scenarios"][s]["vermeden_kosten"]) for s in ("laag", "midden", "hoog"))
        assert laag < midden < hoog
        assert D(data["contant"]["vermeden_kosten"]) < D(data["vermeden_kosten"])
        assert not any(TERUGVERDIEN in w or w == GRONDSLAG_HERINNERING for w in data["waarschuwingen"])


from fractions import Fraction  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from doorbraak.domein.berekening import Discontering  # noqa: E402
from doorbraak.domein.geld import rond_af  # noqa: E402
from doorbraak.domein.prijslijst import _maal_op_centen  # noqa: E402


@given(st.decimals(min_value=0, max_value=10_000_000, places=2), st.integers(1, 10),
       st.decimals(min_value=0, max_value="0.2", places=6))
@settings(max_examples=500, deadline=None)
def test_contant_in_gehele_centen_is_gelijk_aan_de_breuk(bedrag, jaar, voet):
    verwacht = rond_af(Fraction(bedrag) / (1 + Fraction(voet)) ** (jaar - 1))
    assert Discontering(voet).contant(bedrag, jaar) == verwacht


@given(st.decimals(min_value=0, max_value=10_000_000, places=2), st.integers(1, 10**8), st.integers(1, 10**8))
@settings(max_examples=500, deadline=None)
def test_eenheidsprijs_in_gehele_centen_is_gelijk_aan_de_breuk(bedrag, teller, noemer):
    factor = Fraction(teller, noemer)
    assert _maal_op_centen(bedrag, factor) == rond_af(Fraction(bedrag) * factor)


# ------------------------------------------------------------------ na een tweede lezing


def test_terugverdiend_moet_tot_de_horizon_blijven(pl):
    """€ 100 vermeden in jaar 1, de interventie (€ 10.000) pas in jaar 2: niet 'terugverdiend in jaar 1'."""
    c = casus2(horizon_maanden=24, discontovoet=0, interventie=[{"omschrijving": "Later", "bedrag": "10000.00", "jaar": 2}],
               zonder_doorbraak=[eigen_regel("100.00")],
               waardendriehoek={"grondslagen": [{"code": "PW-35"}]})
    bc = bereken(c, pl)
    assert bc.terugverdienjaar is None and bc.contant.netto_rendement == D("-9900.00")
    assert any(TERUGVERDIEN in w for w in bc.waarschuwingen)
    # terugverdiend in jaar 2 en daarna niet meer onder nul: jaar 2
    c = casus2(horizon_maanden=36, discontovoet=0, interventie=[{"omschrijving": "Start", "bedrag": "1000.00"}],
               zonder_doorbraak=[eigen_regel("600.00", jaar=1), eigen_regel("600.00", jaar=2),
                                 eigen_regel("600.00", jaar=3)],
               waardendriehoek={"grondslagen": [{"code": "PW-35"}]})
    assert bereken(c, pl).terugverdienjaar == 2  # 600 < 1.000; 1.200 >= 1.000; 1.800 >= 1.000


def test_voorzichtig_negatief_ook_zonder_kansbereik(pl):
    bc = bereken(casus2(zonder_doorbraak=[eigen_regel("100.00")]), pl)  # interventie 1.000, vermeden 100
    assert ("in het voorzichtige scenario (kans_laag zonder doorbraak, kans_hoog met doorbraak) is het "
            "nettorendement negatief: € -900,00") in bc.waarschuwingen


def test_de_route_rekent_met_het_nominale_bedrag(pl):
    """Nominaal € 5.100 (boven de limiet), contant € 2.000 + 3.100 / 1,0225^9 = € 4.537,42 (eronder)."""
    c = casus2(horizon_maanden=120, interventie=[{"omschrijving": "Nu", "bedrag": "2000.00", "jaar": 1},
                                                 {"omschrijving": "Jaar 10", "bedrag": "3100.00", "jaar": 10}])
    bc = bereken(c, pl)
    assert bc.interventie_totaal == D("5100.00") and bc.contant.interventie_totaal == D("4537.42")
    assert bc.route == "escalatie"


def test_velden_van_formaat_2_in_een_bestand_van_formaat_1(tmp_path):
    data = casusdata(discontovoet="0.03", waardendriehoek={"grondslagen": [{"code": "PW-35"}]},
                     zonder_doorbraak=[eigen_regel("1.00", jaar=2, kans_laag="0.5")])
    with pytest.raises(InvoerFout) as fout:
        lees_casus_tekst(json.dumps(data))
    uitleg = 'hoort bij formaat doorbraak-casus/2; zet "formaat" op "doorbraak-casus/2" om het mee te laten tellen'
    assert [(p.pad, p.melding) for p in fout.value.problemen] == [
        ("discontovoet", uitleg), ("waardendriehoek.grondslagen", uitleg),
        ("zonder_doorbraak[0].jaar", uitleg), ("zonder_doorbraak[0].kans_laag", uitleg)]


def test_horizonwaarschuwing_telt_vanaf_het_jaar_van_de_regel(pl):
    c = casus2(horizon_maanden=13, zonder_doorbraak=[eigen_regel("10.00", aantal="12", eenheid="maand", jaar=2)])
    (w,) = [w for w in bereken(c, pl).waarschuwingen if "langer dan" in w]
    assert w == ("zonder_doorbraak[0] (Eigen regel): 12 maand is ongeveer 12,0 maanden, langer dan wat er in jaar 2 nog "
                 "over is van de horizon van 13 maanden (1 maand) (tenzij het om meer personen tegelijk gaat)")


def test_grondslagen_null_en_dubbel():
    c = casus2(waardendriehoek={"legitimiteit": "x", "grondslagen": None})
    assert c.waardendriehoek.grondslagen is None and "grondslagen" not in casus_naar_json(c)
    with pytest.raises(InvoerFout, match="waardendriehoek.grondslagen: noemt PW-35 twee keer"):
        casus2(waardendriehoek={"grondslagen": [{"code": "PW-35"}, {"code": "PW-35"}]})


def test_vastgelegde_discontovoet_telt_mee_en_is_niet_te_wijzigen(tmp_path, capsys, testprijslijst):
    (testprijslijst / "versie.json").write_text(json.dumps({"versie": "2027.9", "datum": "2026-11-30",
                                                            "vastgesteld_door": "Test", "discontovoet": "0.04"}))
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(formaat="doorbraak-casus/2", horizon_maanden=24,
                                        waardendriehoek={"grondslagen": [{"code": "PW-35"}]},
                                        zonder_doorbraak=[eigen_regel("1000.00", jaar=2)])), encoding="utf-8")
    vast = tmp_path / "vast.json"
    code, _, _ = draai(capsys, "bereken", pad, "--prijslijst", testprijslijst, "--vastleggen", vast)
    assert code == 0
    (testprijslijst / "versie.json").write_text(json.dumps({"versie": "2027.9", "datum": "2026-11-30",
                                                            "vastgesteld_door": "Test", "discontovoet": "0.05"}))
    code, uit, _ = draai(capsys, "bereken", pad, "--vastgelegd", vast, "--prijslijst", testprijslijst)
    assert code == 0
    assert "discontovoet: 4,00% -> 5,00%" in uit and "vermeden kosten, contant: € 961,54 -> € 952,38" in uit
    data = json.loads(vast.read_text(encoding="utf-8"))
    data["versie"]["discontovoet"] = "0.1"  # achteraf gewijzigd
    vast.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = draai(capsys, "bereken", pad, "--vastgelegd", vast, "--prijslijst", testprijslijst)
    assert code == 2 and "de vastgelegde prijzen zijn na het vastleggen gewijzigd" in err


def test_bereken_controleert_het_jaar_ook_bij_een_casus_uit_code(pl):
    from doorbraak.domein.casus import Interventieregel

    c = casus2(horizon_maanden=12)
    c.interventie.append(Interventieregel("Later", D("10.00"), jaar=3))
    with pytest.raises(InvoerFout) as fout:
        bereken(c, pl)
    assert [(p.pad, p.melding) for p in fout.value.problemen] == [("interventie[1].jaar",
                                                                   "3 ligt buiten de horizon van 1 jaar")]
