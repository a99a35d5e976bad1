"""Overlapgroepen (geen dubbeltelling) en herziening van vaste bedragen (prijslijst 2027.1)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from doorbraak.diensten import bereken_casus
from doorbraak.domein.casus import casus_uit_dict
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.prijslijst import laad_prijslijst, prijslijst_uit_snapshot
from doorbraak.domein.prijslijstcontrole import FOUT, WAARSCHUWING, controleer, lees_invoer_map
from tests.conftest import INDEX, PROJECT, casusdata, draai, schrijf_prijslijst

OUDE_LIJST = PROJECT / "tests" / "data" / "prijslijst-2026.1"


def _lijst(tmp_path: Path, *extra: dict) -> Path:
    items = [
        {"code": "HBH-GEMEENTE", "naam": "Hulp bij het huishouden, gemeentelijk tarief", "bedrag": "30.00",
         "overlapgroep": "hbh"},
        {"code": "HBH-LANDELIJK", "naam": "Hulp bij het huishouden, landelijke prijs", "bedrag": "32.00",
         "overlapgroep": "hbh"},
        {"code": "UITZETTING", "naam": "Huisuitzetting", "eenheid": "eenmalig", "bedrag": "7500.00",
         "overlapgroep": "huisuitzetting"},
        {"code": "UITZETTING-OPVANG", "naam": "Uitzetting met opvang", "eenheid": "eenmalig", "bedrag": "40000.00",
         "overlapgroep": "huisuitzetting"},
        {"code": "LOS", "naam": "Los item", "bedrag": "10.00"},
        *extra,
    ]
    map_ = schrijf_prijslijst(tmp_path / "lijst", [{"categorie": "wmo"} | i for i in items],
                              INDEX | {2022: ("115", ""), 2023: ("120", "")})
    (map_ / "versie.json").write_text(json.dumps({"versie": "2027.1", "datum": "2026-11-30", "vastgesteld_door": "Test"}))
    return map_


def _regel(code: str, aantal: str = "1") -> dict:
    return {"prijs": code, "aantal": aantal}


def _waarschuwingen(tmp_path, zonder, met=()):
    pl = laad_prijslijst(_lijst(tmp_path))
    casus = casus_uit_dict(casusdata(zonder_doorbraak=list(zonder), met_doorbraak=list(met)))
    return [w for w in bereken_casus(casus, pl).waarschuwingen if "overlapgroep" in w]


def test_twee_items_uit_een_groep_in_een_scenario_geven_een_waarschuwing(tmp_path):
    w = _waarschuwingen(tmp_path, [_regel("HBH-GEMEENTE", "10"), _regel("LOS"), _regel("HBH-LANDELIJK", "5")])
    assert w == [
        "zonder doorbraak: HBH-GEMEENTE (Hulp bij het huishouden, gemeentelijk tarief) en HBH-LANDELIJK "
        "(Hulp bij het huishouden, landelijke prijs) tellen mogelijk dezelfde kosten dubbel (overlapgroep hbh)"
    ]


def test_twee_regels_van_hetzelfde_item_zijn_geen_dubbeltelling(tmp_path):
    assert _waarschuwingen(tmp_path, [_regel("UITZETTING"), _regel("UITZETTING"), _regel("HBH-GEMEENTE")]) == []


def test_een_item_per_scenario_is_geen_dubbeltelling(tmp_path):
    """Zonder doorbraak een uitzetting met opvang, met doorbraak alleen de uitzetting: twee scenario's."""
    assert _waarschuwingen(tmp_path, [_regel("UITZETTING-OPVANG")], [_regel("UITZETTING")]) == []


def test_dubbeltelling_in_beide_scenarios_wordt_per_scenario_gemeld(tmp_path):
    w = _waarschuwingen(tmp_path, [_regel("UITZETTING"), _regel("UITZETTING-OPVANG")],
                        [_regel("HBH-LANDELIJK"), _regel("HBH-GEMEENTE")])
    assert [x.split(":")[0] for x in w] == ["zonder doorbraak", "met doorbraak"]
    assert "(overlapgroep huisuitzetting)" in w[0] and "HBH-LANDELIJK (Hulp bij het huishouden, landelijke prijs) en " \
        "HBH-GEMEENTE" in w[1]


def test_de_waarschuwing_staat_in_de_uitvoer_van_bereken(tmp_path, capsys):
    lijst = _lijst(tmp_path)
    casus = tmp_path / "casus.json"
    casus.write_text(json.dumps(casusdata(zonder_doorbraak=[_regel("HBH-GEMEENTE"), _regel("HBH-LANDELIJK")])))
    code, uit, _ = draai(capsys, "bereken", casus, "--prijslijst", lijst)
    assert code == 0 and "tellen mogelijk dezelfde kosten dubbel (overlapgroep hbh)" in uit
    code, uit, _ = draai(capsys, "bereken", casus, "--prijslijst", lijst, "--json")
    assert any("overlapgroep hbh" in w for w in json.loads(uit)["waarschuwingen"])


def test_toon_json_geeft_de_overlapgroep(tmp_path, capsys):
    code, uit, _ = draai(capsys, "prijslijst", "toon", "--prijslijst", _lijst(tmp_path), "--json", "--jaar", "2025")
    groepen = {i["code"]: i["overlapgroep"] for i in json.loads(uit)}
    assert code == 0 and groepen == {"HBH-GEMEENTE": "hbh", "HBH-LANDELIJK": "hbh", "UITZETTING": "huisuitzetting",
                                     "UITZETTING-OPVANG": "huisuitzetting", "LOS": None}
    code, uit, _ = draai(capsys, "prijslijst", "toon", "uitzetting", "--prijslijst", _lijst(tmp_path), "--jaar", "2025")
    assert "overlapgroep huisuitzetting: niet optellen met UITZETTING-OPVANG" in uit


def test_controleer_groepsnamen(tmp_path):
    lijst = _lijst(tmp_path, {"code": "EENLING", "bedrag": "5.00", "overlapgroep": "hhb"},
                   {"code": "FOUTE-NAAM", "bedrag": "5.00", "overlapgroep": "huis_uitzetting"})
    fouten = [str(b) for b in controleer(lees_invoer_map(lijst), date(2026, 6, 1)) if b.ernst == FOUT]
    assert fouten == [
        "regel 8 (FOUTE-NAAM).overlapgroep: 'huis_uitzetting' is geen geldige groepsnaam (2 tot 40 tekens: "
        "kleine letters, cijfers en -, zoals uithuisplaatsing; meer groepen met een spatie ertussen)",
        "regel 7 (EENLING).overlapgroep: groep 'hhb' heeft maar één item; een overlapgroep verbindt items die dezelfde "
        "kosten prijzen (tikfout? bestaande groepen: hbh, huisuitzetting)",
    ]
    with pytest.raises(InvoerFout) as fout:  # de berekening weigert een onbruikbare groepsnaam ook
        laad_prijslijst(lijst)
    assert "FOUTE-NAAM" in str(fout.value.problemen[0].pad)


def test_een_totaal_overlapt_met_zijn_onderdelen_maar_die_niet_met_elkaar(tmp_path):
    """Een totaalbedrag (schulden per huishouden) staat in de groep van elk onderdeel; onderdelen onderling niet."""
    lijst = _lijst(tmp_path,
                   {"code": "SCHULD-TOTAAL", "naam": "Schulden totaal", "eenheid": "jaar", "bedrag": "11000.00",
                    "overlapgroep": "schuld-incasso schuld-beslag"},
                   {"code": "INCASSO", "naam": "Incassokosten", "eenheid": "stuk", "bedrag": "70.00",
                    "overlapgroep": "schuld-incasso"},
                   {"code": "BESLAG", "naam": "Loonbeslag", "eenheid": "stuk", "bedrag": "80.00",
                    "overlapgroep": "schuld-beslag"})
    pl = laad_prijslijst(lijst)
    assert pl.items["SCHULD-TOTAAL"].overlapgroepen == ("schuld-incasso", "schuld-beslag")

    def waarschuwingen(*codes):
        casus = casus_uit_dict(casusdata(zonder_doorbraak=[_regel(c) for c in codes]))
        return [w for w in bereken_casus(casus, pl).waarschuwingen if "overlapgroep" in w]

    assert waarschuwingen("INCASSO", "BESLAG") == []
    assert waarschuwingen("SCHULD-TOTAAL", "INCASSO", "BESLAG") == [
        "zonder doorbraak: SCHULD-TOTAAL (Schulden totaal) en INCASSO (Incassokosten) tellen mogelijk dezelfde kosten "
        "dubbel (overlapgroep schuld-incasso)",
        "zonder doorbraak: SCHULD-TOTAAL (Schulden totaal) en BESLAG (Loonbeslag) tellen mogelijk dezelfde kosten "
        "dubbel (overlapgroep schuld-beslag)",
    ]
    assert not [b for b in controleer(lees_invoer_map(lijst), date(2026, 6, 1)) if b.ernst == FOUT]


NORMEN = [
    {"code": "NORM-HALF", "naam": "Bijstandsnorm alleenstaande", "eenheid": "maand", "bedrag": "1401.50",
     "prijsjaar": "2026", "indexatie": "geen", "herziening": "halfjaarlijks", "geldig_vanaf": "2026-01-01"},
    {"code": "NORM-JULI", "naam": "Bijstandsnorm gehuwden", "eenheid": "maand", "bedrag": "2000.00",
     "prijsjaar": "2026", "indexatie": "geen", "herziening": "halfjaarlijks", "geldig_vanaf": "2026-07-01"},
    {"code": "PLEEG", "naam": "Pleegvergoeding 0-8 jaar", "eenheid": "dag", "bedrag": "24.00",
     "prijsjaar": "2026", "indexatie": "geen", "herziening": "jaarlijks"},
    {"code": "VERHUIS", "naam": "Minimumbijdrage verhuiskosten", "eenheid": "eenmalig", "bedrag": "7428.00",
     "prijsjaar": "2024", "indexatie": "geen", "herziening": "jaarlijks", "geldig_vanaf": "2024-02-29"},
    {"code": "WIK", "naam": "Incassokosten minimum", "eenheid": "stuk", "bedrag": "40.00",
     "prijsjaar": "2012", "indexatie": "geen", "herziening": "wetswijziging"},
]


@pytest.mark.parametrize("peildatum, verlopen", [
    (date(2025, 2, 27), []),
    (date(2025, 2, 28), ["VERHUIS"]),  # een jaar na 29 februari 2024
    (date(2026, 6, 30), ["VERHUIS"]),
    (date(2026, 7, 1), ["NORM-HALF", "VERHUIS"]),
    (date(2026, 12, 31), ["NORM-HALF", "VERHUIS"]),
    (date(2027, 1, 1), ["NORM-HALF", "NORM-JULI", "PLEEG", "VERHUIS"]),
])
def test_controleer_waarschuwt_bij_naam_na_de_herzieningsdatum(tmp_path, peildatum, verlopen):
    lijst = _lijst(tmp_path, *NORMEN)
    bevindingen = controleer(lees_invoer_map(lijst), peildatum)
    assert not [b for b in bevindingen if b.ernst == FOUT and ("herziening" in b.plaats or "geldig_vanaf" in b.plaats)]
    gemeld = [b for b in bevindingen if b.ernst == WAARSCHUWING and "geldt een nieuw bedrag" in b.melding]
    assert [b.plaats.split("(")[1].rstrip(")") for b in gemeld] == verlopen
    if "VERHUIS" in verlopen:
        assert "geldt sinds 29 februari 2024 en wordt jaarlijks opnieuw vastgesteld; uiterlijk sinds 28 februari 2025" \
            in gemeld[-1].melding
    if "NORM-HALF" in verlopen:
        assert gemeld[0].melding == (
            "Bijstandsnorm alleenstaande: dit bedrag geldt sinds 1 januari 2026 en wordt halfjaarlijks (1 januari en "
            "1 juli) opnieuw vastgesteld; uiterlijk sinds 1 juli 2026 geldt een nieuw bedrag. Vervang het door het "
            "bedrag van nu (met bron en geldig_vanaf)")
    # een bedrag dat alleen bij een wetswijziging verandert, krijgt geen datumwaarschuwing en geen leeftijdswaarschuwing
    assert not [b for b in bevindingen if "(WIK)" in b.plaats and b.ernst == WAARSCHUWING]


def test_controleer_herziening_fouten(tmp_path):
    lijst = _lijst(tmp_path,
                   {"code": "GEINDEXEERD", "bedrag": "5.00", "herziening": "jaarlijks"},
                   {"code": "ZONDER-HERZIENING", "naam": "Vast zonder herziening", "bedrag": "5.00",
                    "prijsjaar": "2025", "indexatie": "geen"},
                   {"code": "VERKEERD-JAAR", "bedrag": "5.00", "prijsjaar": "2025", "indexatie": "geen",
                    "herziening": "jaarlijks", "geldig_vanaf": "2024-07-01"})
    bevindingen = [str(b) for b in controleer(lees_invoer_map(lijst), date(2025, 3, 1))]
    assert "regel 7 (GEINDEXEERD).herziening: alleen voor een vast bedrag (indexatie geen); dit item wordt met CPI " \
        "geïndexeerd" in bevindingen
    assert "regel 8 (ZONDER-HERZIENING): Vast zonder herziening: vul de kolom herziening in (jaarlijks, halfjaarlijks, " \
        "wetswijziging): wanneer wordt dit vaste bedrag opnieuw vastgesteld?" in bevindingen
    assert "regel 9 (VERKEERD-JAAR).geldig_vanaf: 2024-07-01 ligt niet in het prijsjaar 2025" in bevindingen
    lijst = _lijst(tmp_path, {"code": "ONBEKEND", "bedrag": "5.00", "indexatie": "geen", "herziening": "maandelijks"})
    with pytest.raises(InvoerFout) as fout:
        laad_prijslijst(lijst)
    assert fout.value.problemen[0].melding == "'maandelijks' is geen bekende herziening (jaarlijks, halfjaarlijks, " \
        "wetswijziging)"


def test_lijst_zonder_nieuwe_kolommen_houdt_haar_hash():
    """De 2026.1-lijst (zonder overlapgroep en herziening) heeft dezelfde inhoudshash als in versie 2026.1:
    vastgelegde besluiten en snapshots blijven na te rekenen."""
    pl = laad_prijslijst(OUDE_LIJST)
    assert pl.inhoud_hash == "68c80c5eed867849171bb3a5bdf561df46ef10a7a101cf9747e1043a29de43ed"
    assert prijslijst_uit_snapshot(pl.snapshot({"ZRG-SEH"})).items["ZRG-SEH"].overlapgroep == ""


def test_nieuwe_kolommen_gaan_mee_in_snapshot_en_excel(tmp_path):
    from doorbraak.export.prijslijst_xlsx import exporteer_prijslijst, lees_prijslijst_xlsx
    from doorbraak.domein.prijslijstcontrole import maak_prijslijst

    pl = laad_prijslijst(_lijst(tmp_path, *NORMEN))
    terug = prijslijst_uit_snapshot(json.loads(json.dumps(pl.snapshot())))
    assert terug.items["NORM-JULI"].geldig_vanaf == date(2026, 7, 1) and terug.items["HBH-GEMEENTE"].overlapgroep == "hbh"
    exporteer_prijslijst(pl, tmp_path / "lijst.xlsx")
    uit_excel = maak_prijslijst(lees_prijslijst_xlsx(tmp_path / "lijst.xlsx"))
    assert uit_excel.inhoud_hash == pl.inhoud_hash
    assert uit_excel.items["NORM-HALF"].herziening == "halfjaarlijks"
    assert uit_excel.items["NORM-JULI"].geldig_vanaf == date(2026, 7, 1)


def test_vervallen_code_zegt_wat_ervoor_in_de_plaats_kwam(tmp_path):
    lijst = _lijst(tmp_path)
    (lijst / "vervallen.csv").write_text(
        "code,vervangen_door,versie,reden\nOUD-ITEM,UITZETTING,2027.1,samengevoegd met een nieuwere bron\n"
        "WEG,,2027.1,\n", encoding="utf-8")
    pl = laad_prijslijst(lijst)
    casus = casus_uit_dict(casusdata(zonder_doorbraak=[_regel("OUD-ITEM")], met_doorbraak=[_regel("WEG")]))
    with pytest.raises(InvoerFout) as fout:
        bereken_casus(casus, pl)
    assert [(p.pad, p.melding) for p in fout.value.problemen] == [
        ("zonder_doorbraak[0].prijs", "prijscode OUD-ITEM is vervallen in prijslijst 2027.1 (samengevoegd met een "
                                      "nieuwere bron); gebruik UITZETTING"),
        ("met_doorbraak[0].prijs", "prijscode WEG is vervallen in prijslijst 2027.1; kies een ander item"),
    ]
    # vervallen.csv is geen prijs: de inhoudshash verandert er niet door
    assert pl.inhoud_hash == laad_prijslijst(_lijst(tmp_path / "b")).inhoud_hash


# ------------------------------------------------------------------ na de tweede lezing


def test_groepen_met_komma_of_puntkomma_en_een_dubbele_groep(tmp_path):
    lijst = _lijst(tmp_path, {"code": "KOMMA", "bedrag": "1.00", "overlapgroep": "hbh, huisuitzetting"},
                   {"code": "PUNTKOMMA", "bedrag": "1.00", "overlapgroep": "hbh;huisuitzetting"})
    pl = laad_prijslijst(lijst)
    assert pl.items["KOMMA"].overlapgroepen == pl.items["PUNTKOMMA"].overlapgroepen == ("hbh", "huisuitzetting")
    lijst = _lijst(tmp_path / "b", {"code": "DUBBEL", "bedrag": "1.00", "overlapgroep": "hbh hbh"})
    with pytest.raises(InvoerFout) as fout:
        laad_prijslijst(lijst)
    assert [(p.pad, p.melding) for p in fout.value.problemen] == [
        ("regel 7 (DUBBEL).overlapgroep", "noemt groep hbh twee keer")]


def test_een_paar_in_twee_groepen_geeft_een_waarschuwing(tmp_path):
    lijst = _lijst(tmp_path, {"code": "AA", "naam": "Een", "bedrag": "1.00", "overlapgroep": "groep-a groep-b"},
                   {"code": "BB", "naam": "Twee", "bedrag": "1.00", "overlapgroep": "groep-a groep-b"})
    casus = casus_uit_dict(casusdata(zonder_doorbraak=[_regel("AA"), _regel("BB")]))
    w = [x for x in bereken_casus(casus, laad_prijslijst(lijst)).waarschuwingen if "overlapgroep" in x]
    assert w == ["zonder doorbraak: AA (Een) en BB (Twee) tellen mogelijk dezelfde kosten dubbel "
                 "(overlapgroep groep-a, groep-b)"]


def test_een_groep_is_niet_eenzaam_als_het_andere_item_een_andere_fout_heeft(tmp_path):
    lijst = _lijst(tmp_path, {"code": "PAAR-1", "bedrag": "1.00", "overlapgroep": "paar"},
                   {"code": "PAAR-2", "bedrag": "5,00", "overlapgroep": "paar"})
    fouten = [str(b) for b in controleer(lees_invoer_map(lijst), date(2026, 6, 1)) if b.ernst == FOUT]
    assert len(fouten) == 1 and fouten[0].startswith("regel 8 (PAAR-2).bedrag:")


def test_geldig_vanaf_alleen_bij_een_vast_bedrag_en_in_het_prijsjaar(tmp_path):
    lijst = _lijst(tmp_path,
                   {"code": "CPI-MET-DATUM", "bedrag": "1.00", "prijsjaar": "2025", "geldig_vanaf": "2025-03-01"},
                   {"code": "VAST-ZONDER-H", "bedrag": "1.00", "prijsjaar": "2025", "indexatie": "geen",
                    "geldig_vanaf": "2023-07-01"})
    fouten = [str(b) for b in controleer(lees_invoer_map(lijst), date(2026, 6, 1)) if b.ernst == FOUT]
    assert fouten == [
        "regel 7 (CPI-MET-DATUM).geldig_vanaf: alleen voor een vast bedrag (indexatie geen); dit item wordt met CPI "
        "geïndexeerd",
        "regel 8 (VAST-ZONDER-H).geldig_vanaf: 2023-07-01 ligt niet in het prijsjaar 2025",
    ]


@pytest.mark.parametrize("datum, verwacht", [
    ("2025-06-30", "NORM is een vast bedrag uit 2025 dat pas geldt vanaf 1 juli 2025; op de casusdatum (30 juni 2025) "
                   "gold een ander bedrag"),
    ("2025-07-01", None),
    ("2025-12-31", None),
    ("2026-01-01", "NORM is een vast bedrag uit 2025, geldig sinds 1 juli 2025 en halfjaarlijks (1 januari en 1 juli) "
                   "opnieuw vastgesteld: op de casusdatum (1 januari 2026) geldt mogelijk al een nieuw bedrag; werk de "
                   "prijslijst bij"),
])
def test_bereken_kijkt_naar_de_casusdatum_bij_een_vast_bedrag(tmp_path, datum, verwacht):
    lijst = _lijst(tmp_path, {"code": "NORM", "naam": "Norm", "eenheid": "maand", "bedrag": "1369.06",
                              "prijsjaar": "2025", "indexatie": "geen", "herziening": "halfjaarlijks",
                              "geldig_vanaf": "2025-07-01"},
                   {"code": "WET", "bedrag": "40.00", "prijsjaar": "2012", "indexatie": "geen",
                    "herziening": "wetswijziging"})
    casus = casus_uit_dict(casusdata(datum=datum, zonder_doorbraak=[_regel("NORM"), _regel("WET")]))
    waarschuwingen = [w for w in bereken_casus(casus, laad_prijslijst(lijst)).waarschuwingen
                      if "NORM" in w or "WET" in w]
    assert waarschuwingen == ([] if verwacht is None else [verwacht])  # een bedrag bij wetswijziging: geen melding


def test_vervallen_csv_wordt_gecontroleerd_en_blokkeert_de_berekening_niet(tmp_path, capsys):
    lijst = _lijst(tmp_path)
    (lijst / "vervallen.csv").write_text(
        "code,vervangen_door,versie,reden\n"
        "OUD,BESTAAT-NIET,2027.1,samengevoegd, met een ander\n", encoding="utf-8")
    code, uit, _ = draai(capsys, "prijslijst", "controleer", lijst, "--peildatum", "2026-11-30")
    assert code == 1 and "vervallen.csv regel 2: meer velden dan kolommen (staat er een komma in de reden?" in uit
    casus = tmp_path / "casus.json"
    casus.write_text(json.dumps(casusdata(zonder_doorbraak=[_regel("LOS")])), encoding="utf-8")
    code, uit, _ = draai(capsys, "bereken", casus, "--prijslijst", lijst, "--json")
    assert code == 0 and json.loads(uit)["kosten_zonder"] == "13.00"  # 1 uur × 10,00 × 130 / 100

    (lijst / "vervallen.csv").write_text(
        "code,vervangen_door,versie,reden\nOUD,BESTAAT-NIET,2027.1,x\nOUD,,2027.1,x\nLOS,,,nog in gebruik\n,,2027.1,\n",
        encoding="utf-8")
    fouten = [str(b) for b in controleer(lees_invoer_map(lijst), date(2026, 11, 30)) if b.ernst == FOUT]
    assert fouten == [
        "vervallen.csv regel 2 (OUD).vervangen_door: BESTAAT-NIET staat niet in de prijslijst",
        "vervallen.csv regel 3 (OUD).code: OUD staat twee keer in vervallen.csv",
        "vervallen.csv regel 4 (LOS).code: LOS staat nog in de prijslijst (regel 6)",
        "vervallen.csv regel 4 (LOS).versie: '' is geen versie (zoals 2027.1)",
        "vervallen.csv regel 5 (zonder code).code: is leeg",
    ]
    assert laad_prijslijst(lijst).onbekend("OUD").startswith("prijscode OUD is vervallen in prijslijst 2027.1")

    (lijst / "vervallen.csv").write_text("Code;Vervangen door\nOUD;LOS\n", encoding="utf-8")
    fouten = [str(b) for b in controleer(lees_invoer_map(lijst), date(2026, 11, 30)) if b.ernst == FOUT]
    assert fouten == ["vervallen.csv kolommen: ontbreken: code, vervangen_door, versie, reden (de kop is "
                      "code,vervangen_door,versie,reden)"]


def test_toon_zegt_wat_er_met_een_vervallen_code_gebeurde(tmp_path, capsys):
    lijst = _lijst(tmp_path, {"code": "EENLING", "bedrag": "1.00", "overlapgroep": "alleen"})
    (lijst / "vervallen.csv").write_text("code,vervangen_door,versie,reden\nOUD,LOS,2027.1,samengevoegd\n",
                                         encoding="utf-8")
    code, uit, _ = draai(capsys, "prijslijst", "toon", "oud", "--prijslijst", lijst)
    assert code == 0 and "prijscode OUD is vervallen in prijslijst 2027.1 (samengevoegd); gebruik LOS" in uit
    code, uit, _ = draai(capsys, "prijslijst", "toon", "EENLING", "--prijslijst", lijst)
    assert "overlapgroep" not in uit  # geen "niet optellen met" zonder iets erachter


def test_oude_versies_berekenen_dezelfde_hash_voor_een_lijst_met_de_nieuwe_kolommen(tmp_path):
    """Een versie van vóór 2027.1 leest overlapgroep, herziening en geldig_vanaf als onbekende kolommen (in
    `extra`, gesorteerd geschreven). De canonieke tekst moet dan dezelfde zijn: een collega met een oudere versie
    leest een nieuw vastgelegd besluit zonder vals alarm."""
    from dataclasses import replace

    from doorbraak.domein.prijslijst import inhoud_hash

    pl = laad_prijslijst(_lijst(tmp_path, *NORMEN, {"code": "MET-OPMERKING", "bedrag": "1.00", "opmerking": "intern",
                                                     "overlapgroep": "hbh"}))
    zoals_oud = {c: replace(i, overlapgroep="", herziening="", geldig_vanaf=None,
                            extra={k: v for k, v in i.als_waarden().items()
                                   if k in ("overlapgroep", "herziening", "geldig_vanaf", "opmerking")})
                 for c, i in pl.items.items()}
    assert inhoud_hash(zoals_oud, pl.indexcijfers) == pl.inhoud_hash
    assert (PROJECT / "prijslijst" / "prijslijst.csv").read_text(encoding="utf-8").splitlines()[0].endswith(
        "toelichting,geldig_vanaf,herziening,overlapgroep")


def test_excel_met_andere_kopnamen_tekstdatums_en_hoofdletters(tmp_path):
    from openpyxl import Workbook

    from doorbraak.domein.prijslijstcontrole import maak_prijslijst
    from doorbraak.export.prijslijst_xlsx import lees_prijslijst_xlsx

    wb = Workbook()
    ws = wb.active
    ws.title = "Prijslijst"
    kop = ["code", "naam", "categorie", "eenheid", "bedrag", "prijsjaar", "indexatie", "financier", "bron", "url",
           "brontype", "gecontroleerd_op", "Overlapgroepen", "Herzieningsmoment", "Geldig per"]
    ws.append(kop)
    ws.append(["NORM", "Norm", "inkomen", "maand", "1369.06", 2025, "geen", "gemeente", "bron", "https://example.org",
               "O", "2026-10-01", None, "Halfjaarlijks", "1-7-2025"])
    ws.append(["HBH-A", "Hbh a", "wmo", "uur", "30.00", 2024, "cpi", "gemeente", "bron", "https://example.org", "O",
               "2026-10-01", "HBH", None, None])
    ws.append(["HBH-B", "Hbh b", "wmo", "uur", "32.00", 2024, "cpi", "gemeente", "bron", "https://example.org", "O",
               "2026-10-01", "hbh", None, None])
    wv = wb.create_sheet("Versie")
    for rij in (("versie", "2027.2"), ("datum", "2027-01-10"), ("vastgesteld_door", "Team")):
        wv.append(rij)
    wi = wb.create_sheet("Indexcijfers")
    wi.append(["jaar", "cpi", "ova"])
    wi.append([2024, 130.3, None])
    wi.append([2025, 134.6, None])
    wb.save(tmp_path / "lijst.xlsx")
    pl = maak_prijslijst(lees_prijslijst_xlsx(tmp_path / "lijst.xlsx"))
    norm = pl.items["NORM"]
    assert (norm.herziening, norm.geldig_vanaf) == ("halfjaarlijks", date(2025, 7, 1))
    assert pl.items["HBH-A"].overlapgroepen == pl.items["HBH-B"].overlapgroepen == ("hbh",)
    assert not pl.items["NORM"].extra


def test_excel_heen_en_terug_zonder_nieuwe_kolommen_houdt_de_hash(tmp_path):
    from doorbraak.domein.prijslijstcontrole import maak_prijslijst
    from doorbraak.export.prijslijst_xlsx import exporteer_prijslijst, lees_prijslijst_xlsx

    pl = laad_prijslijst(OUDE_LIJST)
    exporteer_prijslijst(pl, tmp_path / "oud.xlsx")  # de export heeft de drie kolommen, leeg
    terug = maak_prijslijst(lees_prijslijst_xlsx(tmp_path / "oud.xlsx"))
    assert terug.inhoud_hash == pl.inhoud_hash == "68c80c5eed867849171bb3a5bdf561df46ef10a7a101cf9747e1043a29de43ed"
