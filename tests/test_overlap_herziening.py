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
        "regel 8 (FOUTE-NAAM).overlapgroep: 'huis_uitzetting' is geen geldige groepsnaam (kleine letters, cijfers en -, "
        "zoals uithuisplaatsing; meer groepen met een spatie ertussen)",
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
