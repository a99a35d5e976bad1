"""Issue 3: de onderhouden prijslijst, haar controle, Excel heen en terug, verschil, toon en vastleggen."""

import json
import os
import shutil
from datetime import date, datetime
from decimal import Decimal as D
from fractions import Fraction

import pytest
from openpyxl import Workbook, load_workbook

from doorbraak.cli import main
from doorbraak.diensten import importeer_prijslijst
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.geld import rond_af
from doorbraak.domein.prijslijst import CATEGORIEEN, EENHEDEN, laad_prijslijst, prijslijst_uit_snapshot
from doorbraak.domein.prijslijstcontrole import FOUT, WAARSCHUWING, controleer, lees_invoer_map
from doorbraak.export.prijslijst_xlsx import exporteer_prijslijst, lees_prijslijst_xlsx
from tests.conftest import PROJECT, VOORBEELDEN, draai

PRIJSLIJST = PROJECT / "prijslijst"
PEILDATUM = date(2026, 11, 30)


@pytest.fixture
def kopie(tmp_path):
    doel = tmp_path / "prijslijst"
    shutil.copytree(PRIJSLIJST, doel)
    return doel


# ------------------------------------------------------------------ de data


def test_meegeleverde_lijst_heeft_geen_fouten_en_dekt_alle_domeinen():
    pl = laad_prijslijst(PRIJSLIJST)
    assert len(pl.items) >= 130
    bevindingen = controleer(lees_invoer_map(PRIJSLIJST), PEILDATUM)
    assert [str(b) for b in bevindingen if b.ernst == FOUT] == []
    per_categorie = {c: [i for i in pl.items.values() if i.categorie == c] for c in CATEGORIEEN}
    assert all(len(items) >= 2 for items in per_categorie.values()), {c: len(i) for c, i in per_categorie.items()}
    for item in pl.items.values():
        assert item.eenheid in EENHEDEN and item.url.startswith("https://") and item.bron and item.brontype in ("O", "R", "S")
        assert item.gecontroleerd_op is not None
        if item.bedrag_min is not None:
            assert item.bedrag_min <= item.bedrag <= item.bedrag_max and len(item.toelichting) > 20, item.code
    assert pl.versie is not None and pl.versie.versie == "2027.1"
    assert (PRIJSLIJST / "CHANGELOG.md").read_text(encoding="utf-8").count("2027.1") >= 1


@pytest.mark.parametrize(
    "code, jaar, verwacht",
    [
        ("JGD-AMB-HBO", 2025, "81.08"),  # 78,00 x 109,88 / 105,71 (OVA) = 81,0776...
        ("WMO-BEGEL-BASIS", 2025, "61.31"),  # 55,80 x 109,87 / 100,00 (OVA) = 61,3075
        ("WMO-GROEP", 2025, "50.71"),  # 46,15 x 109,88 / 100,00 (OVA) = 50,7096...
        ("WON-IBW", 2022, "38461.03"),  # 43.270,70 x 93,96 / 105,71 (OVA 2022 terug) = 38.461,0346...
        ("ZRG-SEH", 2024, "276.91"),  # 258 x 130,3 / 121,4 (CPI) = 276,9143...
        ("WON-UITZETTING", 2020, "8111.17"),  # 7.500 x 107,5 / 99,4 (CPI) = 8.111,1670...
        ("INK-BIJSTAND-ALLEEN", 2025, "1369.06"),  # wettelijke norm per 1 juli 2025: niet geïndexeerd
        ("WON-OPVANG-PLEK", 2026, "15000.00"),  # prijsjaar 2025, CPI 2026 nog niet gepubliceerd
        ("WON-UITZETTING", 2014, "7500.00"),  # prijsjaar zelf
    ],
)
def test_indexatie_exact_met_de_hand(code, jaar, verwacht):
    pl = laad_prijslijst(PRIJSLIJST)
    _, prijs = pl.eenheidsprijs(pl.item(code), jaar)
    assert prijs == D(verwacht)


def test_cpi_reeks_compleet_en_ova_als_mix():
    pl = laad_prijslijst(PRIJSLIJST)
    assert sorted(pl.indexcijfers["cpi"]) == list(range(2005, 2026))
    ova = pl.indexcijfers["ova"]
    assert ova[2023] == 100
    assert rond_af(Fraction(ova[2024]) / Fraction(ova[2023]) - 1, D("0.0001")) == D("0.0571")  # 0,9 x 6,00% + 0,1 x 3,10%
    assert rond_af(Fraction(ova[2025]) / Fraction(ova[2024]) - 1, D("0.0001")) == D("0.0394")


# ------------------------------------------------------------------ controleer


def _zet(map_, welke, **velden):
    import csv

    pad = map_ / "prijslijst.csv"
    rijen = list(csv.DictReader(pad.read_text(encoding="utf-8").splitlines()))
    for rij in rijen:
        if rij["code"] == welke:
            rij.update(velden)
    with pad.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rijen[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rijen)


def test_controleer_meldt_elke_fout_met_regel_en_code(kopie, capsys):
    _zet(kopie, "ZRG-SEH", eenheid="bezoek", url="")
    _zet(kopie, "WMO-HBH", bedrag="0.00", brontype="X")
    _zet(kopie, "WON-UITZETTING", bedrag="20000.00")  # buiten de bandbreedte 5.000-10.000
    _zet(kopie, "JGD-GEZINSHUIS", code="JGD-AMB-HBO")  # dubbele code
    _zet(kopie, "OND-BASIS", prijsjaar="2031", categorie="school")
    code, uit, _ = draai(capsys, "prijslijst", "controleer", kopie, "--peildatum", "2026-11-30")
    assert code == 1
    fouten = [r for r in uit.splitlines() if r.startswith("FOUT")]
    verwacht = [
        "(JGD-AMB-HBO): code JGD-AMB-HBO komt twee keer voor",
        "(WON-UITZETTING).bedrag: ligt niet binnen de bandbreedte 5000.00 - 10000.00",
        "(ZRG-SEH).eenheid: 'bezoek' is geen bekende eenheid",
        "(WMO-HBH).bedrag: moet groter dan € 0,00 zijn",
        "(WMO-HBH).brontype: 'X' is geen bekend brontype",
        "(OND-BASIS).categorie: 'school' is geen bekende categorie",
        "(OND-BASIS).prijsjaar: 2031 ligt meer dan een jaar in de toekomst",
    ]
    for v in verwacht:
        assert any(v in f and "regel " in f for f in fouten), (v, fouten)
    assert uit.splitlines()[-1].startswith(f"{len(fouten)} fouten")


def test_controleer_meldt_veroudering(kopie):
    bevindingen = controleer(lees_invoer_map(kopie), date(2028, 1, 15))
    oud = [str(b) for b in bevindingen if b.ernst == WAARSCHUWING and "niet gecontroleerd sinds 2026-11-" in b.melding]
    assert len(oud) == 132
    assert any("(WON-UITZETTING): prijsjaar 2014 is meer dan 5 jaar oud" in str(b) for b in bevindingen)
    assert any("het laatste CPI-jaar is 2025" in str(b) for b in bevindingen)
    assert not [b for b in bevindingen if b.ernst == FOUT]


def test_controleer_zonder_problemen_exitcode_0(capsys):
    code, uit, _ = draai(capsys, "prijslijst", "controleer", PRIJSLIJST, "--peildatum", "2026-11-30")
    assert code == 0 and "0 fouten" in uit.splitlines()[-1]


def test_controleer_onleesbare_bron_exitcode_2(capsys, tmp_path):
    code, _, err = draai(capsys, "prijslijst", "controleer", tmp_path / "nergens")
    assert code == 2 and "prijslijstmap niet gevonden" in err
    (tmp_path / "kapot.xlsx").write_bytes(b"geen zip")
    code, _, err = draai(capsys, "prijslijst", "controleer", tmp_path / "kapot.xlsx")
    assert code == 2 and "is geen leesbaar Excel-bestand" in err


# ------------------------------------------------------------------ Excel heen en terug


def test_export_en_import_houden_de_lijst_gelijk(tmp_path, capsys):
    code, uit, _ = draai(capsys, "prijslijst", "exporteer", tmp_path / "lijst.xlsx")
    assert code == 0 and "132 items (versie 2027.1" in uit
    wb = load_workbook(tmp_path / "lijst.xlsx")
    ws = wb["Prijslijst"]
    assert ws.freeze_panes == "A2" and "Prijzen" in ws.tables
    kop = [c.value for c in ws[1]]
    rij = {kop[i]: c for i, c in enumerate(ws[2])}
    assert isinstance(rij["bedrag"].value, (int, float)) and "€" in rij["bedrag"].number_format
    assert isinstance(rij["gecontroleerd_op"].value, datetime)
    code, uit, _ = draai(capsys, "prijslijst", "importeer", tmp_path / "lijst.xlsx", "--naar", tmp_path / "terug")
    assert code == 0
    for naam in ("prijslijst.csv", "indexcijfers.csv", "versie.json"):
        assert (tmp_path / "terug" / naam).read_bytes() == (PRIJSLIJST / naam).read_bytes(), naam
    assert laad_prijslijst(tmp_path / "terug").inhoud_hash == laad_prijslijst(PRIJSLIJST).inhoud_hash


def _rommelige_werkmap(pad, met_fout: bool):
    """Zoals financiën hem aanlevert: titel, samengevoegde kopcellen, lege rijen, decimaalkomma's."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws["A1"] = "Maatschappelijke prijslijst gemeente Oefenstad 2027"
    ws.merge_cells("A1:H1")
    kop = ["Code", "Naam", "Categorie", "Eenheid", "Bedrag (€)", "Prijsjaar", "Indexatie", "Financier", "Bron",
           "URL", "Brontype", "Gecontroleerd op", "Minimum", "Maximum", "Toelichting"]
    for k, naam in enumerate(kop, 1):
        ws.cell(3, k, naam)
    ws.merge_cells("L3:L4")  # kopcel over twee rijen samengevoegd
    ws.merge_cells("M3:M4")
    rijen = [
        ["OS-HULP", "Hulp thuis", "wmo", "uur", "€ 61,20", 2026, "ova", "gemeente (Wmo)", "Tarieven 2026",
         "https://example.org/tarieven", "O", datetime(2026, 10, 1), None, None, None],
        None,  # lege rij
        ["OS-OPVANG", "Opvang", "wonen", "jaar", "1.234,56", "2025", "cpi", "gemeente (Wmo)", "Onderzoek",
         "https://example.org/opvang", "R", "01-10-2026", "1.000,00", "1500", "Midden van de bandbreedte."],
        ["OS-CONSULT", "Consult", "zorg", "contact", 42.5, 2024.0, "cpi", "zorgverzekeraar", "Handleiding",
         "https://example.org/consult", "O", "2026-10-01", None, None, None],
    ]
    if met_fout:
        rijen.append(["OS-FOUT", "Fout", "zorg", "contact", "twaalf euro", 2024, "cpi", "zorgverzekeraar", "b",
                      "https://example.org", "O", "2026-10-01", None, None, None])
        rijen.append(["OS-FOUT2", "Fout", "zorg", "rit", "12,345", 2024, "cpi", "zorgverzekeraar", "b",
                      "https://example.org", "O", "2026-10-01", None, None, None])
    for r, waarden in enumerate(rijen, 5):
        for k, waarde in enumerate(waarden or [], 1):
            ws.cell(r, k, waarde)
    wv = wb.create_sheet("Versie")
    for r, (a, b) in enumerate([("Versie", "2027.2"), ("Datum", datetime(2027, 1, 10)), ("Vastgesteld door", "Team Financiën")], 1):
        wv.cell(r, 1, a)
        wv.cell(r, 2, b)
    wb.save(pad)
    return pad


def test_import_van_rommelige_werkmap_met_fouten_schrijft_niets(tmp_path, kopie, capsys):
    pad = _rommelige_werkmap(tmp_path / "rommel.xlsx", met_fout=True)
    voor = {p.name: p.read_bytes() for p in kopie.iterdir()}
    code, uit, err = draai(capsys, "prijslijst", "importeer", pad, "--naar", kopie)
    assert code == 2 and uit == ""
    assert "blad Blad1 rij 9 (OS-FOUT).bedrag: 'twaalf euro' is geen geldig bedrag" in err
    assert "blad Blad1 rij 10 (OS-FOUT2).bedrag: '12,345' is geen geldig bedrag" in err
    assert {p.name: p.read_bytes() for p in kopie.iterdir()} == voor  # niets geschreven, ook geen restanten


def test_import_van_rommelige_werkmap_zonder_fouten(tmp_path, kopie):
    pad = _rommelige_werkmap(tmp_path / "rommel.xlsx", met_fout=False)
    pl, waarschuwingen, verschil = importeer_prijslijst(pad, kopie, vandaag=date(2027, 1, 10))
    assert list(pl.items) == ["OS-HULP", "OS-OPVANG", "OS-CONSULT"]
    hulp, opvang, consult = pl.items.values()
    assert (hulp.bedrag, hulp.prijsjaar, hulp.gecontroleerd_op) == (D("61.20"), 2026, date(2026, 10, 1))
    assert (opvang.bedrag, opvang.bedrag_min, opvang.bedrag_max) == (D("1234.56"), D("1000.00"), D("1500.00"))
    assert opvang.gecontroleerd_op == date(2026, 10, 1) and opvang.toelichting == "Midden van de bandbreedte."
    assert (consult.bedrag, consult.prijsjaar) == (D("42.50"), 2024)
    assert pl.versie.versie == "2027.2" and pl.versie.vastgesteld_door == "Team Financiën"
    assert pl.indexcijfers == laad_prijslijst(PRIJSLIJST).indexcijfers  # geen indexblad: de bestaande blijven
    assert len(verschil.verwijderd) == 132 and len(verschil.toegevoegd) == 3
    assert any(w.plaats == "blad Blad1 rij 5 (OS-HULP)" and "ligt na het laatst gepubliceerde indexcijfer" in w.melding
               for w in waarschuwingen)


def test_import_zonder_versie_vraagt_erom(tmp_path, kopie, capsys):
    wb = load_workbook(_rommelige_werkmap(tmp_path / "r.xlsx", met_fout=False))
    del wb["Versie"]
    wb.save(tmp_path / "r.xlsx")
    code, _, err = draai(capsys, "prijslijst", "importeer", tmp_path / "r.xlsx", "--naar", kopie)
    assert code == 2 and "versie.versie" in err and "is geen versie (zoals 2026.1)" in err
    code, uit, _ = draai(capsys, "prijslijst", "importeer", tmp_path / "r.xlsx", "--naar", kopie,
                         "--versie", "2027.2", "--door", "A. Controller")
    assert code == 0 and "versie 2027.2" in uit
    assert json.loads((kopie / "versie.json").read_text(encoding="utf-8"))["vastgesteld_door"] == "A. Controller"


def test_export_naar_bestand_dat_open_staat_in_excel(tmp_path, capsys, monkeypatch):
    doel = tmp_path / "lijst.xlsx"
    doel.write_bytes(b"oud")

    def geweigerd(*a):
        raise PermissionError(13, "in gebruik")

    monkeypatch.setattr(os, "replace", geweigerd)
    code, _, err = draai(capsys, "prijslijst", "exporteer", doel, "--overschrijven")
    assert code == 2 and "is het geopend in Excel?" in err
    assert doel.read_bytes() == b"oud" and sorted(p.name for p in tmp_path.iterdir()) == ["lijst.xlsx"]


def test_tekst_in_excel_wordt_nooit_een_formule(tmp_path, kopie):
    _zet(kopie, "ZRG-SEH", naam='=HYPERLINK("http://x","klik")', toelichting="@SUM(A1)")
    exporteer_prijslijst(laad_prijslijst(kopie), tmp_path / "l.xlsx")
    ws = load_workbook(tmp_path / "l.xlsx")["Prijslijst"]
    cellen = [c for rij in ws.iter_rows() for c in rij if isinstance(c.value, str) and c.value[:1] in "=@"]
    assert {c.value for c in cellen} == {'=HYPERLINK("http://x","klik")', "@SUM(A1)"}
    assert all(c.data_type == "s" for c in cellen)
    terug = lees_prijslijst_xlsx(tmp_path / "l.xlsx")
    assert dict(terug.item_rijen)  # leesbaar
    assert any(w["naam"] == '=HYPERLINK("http://x","klik")' for _, w in terug.item_rijen)


# ------------------------------------------------------------------ verschil en toon


def test_verschil(tmp_path, kopie, capsys):
    _zet(kopie, "ZRG-SEH", bedrag="300.00")
    _zet(kopie, "WMO-HBH", bron="Nieuwe bron")
    code, uit, _ = draai(capsys, "prijslijst", "verschil", PRIJSLIJST, kopie, "--json")
    v = json.loads(uit)
    assert code == 0 and v["toegevoegd"] == [] and v["verwijderd"] == [] and v["indexcijfers"] == []
    assert v["gewijzigd"] == [
        {"code": "ZRG-SEH", "naam": "Bezoek spoedeisende hulp", "oud_bedrag": "258.00", "nieuw_bedrag": "300.00",
         "procent": "16.3", "velden": {}},  # 42/258 = 16,28%
        {"code": "WMO-HBH", "naam": "Hulp bij het huishouden (Wmo)", "oud_bedrag": "32.40", "nieuw_bedrag": "32.40",
         "procent": "0.0", "velden": {"bron": {"oud": "Gemeente Westerveld, Tarieven Wmo 2023", "nieuw": "Nieuwe bron"}}},
    ]
    code, uit, _ = draai(capsys, "prijslijst", "verschil", PRIJSLIJST, kopie)
    assert "~ ZRG-SEH  Bezoek spoedeisende hulp: € 258,00 -> € 300,00 (+16,3%)" in uit
    assert "JGD-AMB-HBO" not in uit  # ongewijzigd: niet genoemd
    code, uit, _ = draai(capsys, "prijslijst", "verschil", PRIJSLIJST, PRIJSLIJST)
    assert "Geen verschillen." in uit


def test_toon_met_geindexeerd_bedrag(capsys):
    code, uit, _ = draai(capsys, "prijslijst", "toon", "spoedeisende", "--jaar", "2024", "--json")
    (item,) = json.loads(uit)
    assert code == 0
    assert (item["code"], item["bedrag"], item["prijsjaar"], item["bedrag_geindexeerd"], item["indexreeks"]) == (
        "ZRG-SEH", "258.00", 2022, "276.91", "cpi")
    code, uit, _ = draai(capsys, "prijslijst", "toon", "JEUGDHULP", "--jaar", "2025")
    assert "€ 81,08 per uur in 2025 (prijs 2024: € 78,00, OVA × 1,0394)" in uit
    code, uit, _ = draai(capsys, "prijslijst", "toon", "financien")  # zonder accent vindt ook 'financiën'
    assert code == 0


# ------------------------------------------------------------------ vastleggen en reproduceren


def test_vastgelegde_prijzen_geven_jaren_later_dezelfde_centen(tmp_path, kopie, capsys):
    casus = VOORBEELDEN / "huurachterstand.json"
    snapshot = tmp_path / "vast.json"
    code, uit, _ = draai(capsys, "bereken", casus, "--json", "--vastleggen", snapshot)
    eerst = json.loads(uit)
    data = json.loads(snapshot.read_text(encoding="utf-8"))
    assert data["inhoud_hash"] == laad_prijslijst(PRIJSLIJST).inhoud_hash and data["versie"]["versie"] == "2027.1"
    assert sorted(i["code"] for i in data["items"]) == ["JGD-PLEEG-0-8", "JGD-PLEEG-CRISIS", "WMO-MW-CONTACT",
                                                          "WON-OPVANG-PLEK", "WON-UITZETTING"]
    # Later: een nieuwe prijs voor de uitzetting en het CPI-cijfer van 2026 is gepubliceerd.
    _zet(kopie, "WON-UITZETTING", bedrag="8000.00")
    (kopie / "indexcijfers.csv").write_text((kopie / "indexcijfers.csv").read_text(encoding="utf-8") + "2026,138.0,\n",
                                            encoding="utf-8")
    code, uit, _ = draai(capsys, "bereken", casus, "--json", "--vastgelegd", snapshot, "--prijslijst", kopie)
    later = json.loads(uit)
    nu = later.pop("huidige_prijslijst")
    for sleutel in ("kosten_zonder", "kosten_met", "vermeden_kosten", "netto_rendement", "rendement_ratio", "regels"):
        assert later[sleutel] == eerst[sleutel], sleutel
    assert nu["kosten_zonder"] != eerst["kosten_zonder"]
    code, uit, _ = draai(capsys, "bereken", casus, "--vastgelegd", snapshot, "--prijslijst", kopie)
    # uitzetting nu 8.000 x 138,0/99,4 = 11.106,64 x 0,8 = 8.885,31 (was 8.124,75)
    assert "zonder_doorbraak[0] [WON-UITZETTING]: € 8.124,75 -> € 8.885,31 (+€ 760,56)" in uit
    assert "Met de huidige prijslijst (versie 2027.1" in uit


def test_snapshot_met_gewijzigde_inhoud_wordt_geweigerd():
    pl = laad_prijslijst(PRIJSLIJST)
    data = pl.snapshot({"ZRG-SEH"})
    data["items"][0]["bedrag"] = "12,50"
    with pytest.raises(InvoerFout, match=r"items\[0\] \(ZRG-SEH\)\.bedrag"):
        prijslijst_uit_snapshot(data)
    with pytest.raises(InvoerFout, match="geen prijslijst-snapshot"):
        prijslijst_uit_snapshot({"formaat": "iets anders"})


# ------------------------------------------------------------------ randgevallen (tweede lezing)


def _werkmap(pad, kop, rijen, versie=("2027.2", "2027-01-10", "Team Financiën"), bewerk=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prijslijst"
    for k, naam in enumerate(kop, 1):
        ws.cell(1, k, naam)
    for r, waarden in enumerate(rijen, 2):
        for k, waarde in enumerate(waarden, 1):
            ws.cell(r, k, waarde)
    if bewerk:
        bewerk(wb, ws)
    if versie:
        wv = wb.create_sheet("Versie")
        for r, (a, b) in enumerate(zip(("versie", "datum", "vastgesteld_door"), versie), 1):
            wv.cell(r, 1, a)
            wv.cell(r, 2, b)
    wb.save(pad)
    return pad


KOP = ["code", "naam", "categorie", "eenheid", "bedrag", "prijsjaar", "indexatie", "financier", "bron", "url",
       "brontype", "gecontroleerd_op"]


def _rij(code, bedrag="10.00", **anders):
    waarden = dict(zip(KOP, [code, "Naam", "zorg", "uur", bedrag, 2024, "cpi", "zorgverzekeraar", "Bron",
                             "https://example.org/bron", "O", "2026-10-01"]))
    waarden.update(anders)
    return [waarden[k] for k in KOP]


def _importeer_weigert(capsys, pad, doel, *verwacht):
    voor = {p.name: p.read_bytes() for p in doel.iterdir()}
    code, uit, err = draai(capsys, "prijslijst", "importeer", pad, "--naar", doel)
    assert code == 2 and uit == "", (code, uit, err)
    for v in verwacht:
        assert v in err, err
    assert {p.name: p.read_bytes() for p in doel.iterdir()} == voor
    return err


def test_lege_werkmap_wist_de_lijst_niet(tmp_path, kopie, capsys):
    pad = _werkmap(tmp_path / "leeg.xlsx", KOP, [])
    _importeer_weigert(capsys, pad, kopie, "de prijslijst bevat geen enkel item")
    (kopie / "prijslijst.csv").write_text("", encoding="utf-8")
    code, uit, _ = draai(capsys, "prijslijst", "controleer", kopie)
    assert code == 1 and "kolommen: ontbreken: code" in uit


def test_samengevoegd_opmerkingenkader_naast_de_kop(tmp_path, kopie):
    def kader(wb, ws):
        ws["N1"] = "Opmerking: bedragen in euro"
        ws.merge_cells("N1:N6")

    pad = _werkmap(tmp_path / "k.xlsx", KOP, [_rij(f"B-{i}") for i in range(1, 8)], bewerk=kader)
    pl, _, _ = importeer_prijslijst(pad, kopie, vandaag=date(2027, 1, 10))
    assert list(pl.items) == [f"B-{i}" for i in range(1, 8)]
    assert all(i.extra == {} for i in pl.items.values())


def test_dubbele_kolomnaam_wordt_geweigerd(tmp_path, kopie, capsys):
    kop = KOP[:5] + ["Bedrag (nieuw)"] + KOP[5:]
    rij = _rij("A-1")
    pad = _werkmap(tmp_path / "d.xlsx", kop, [rij[:5] + ["12.00"] + rij[5:]])
    _importeer_weigert(capsys, pad, kopie, "kolom 'bedrag' komt twee keer voor (kolom E en F)")


def test_formule_zonder_opgeslagen_uitkomst(tmp_path, kopie, capsys):
    pad = _werkmap(tmp_path / "f.xlsx", KOP, [_rij("A-1", bedrag="=9+1")])
    _importeer_weigert(capsys, pad, kopie, "rij 2 (A-1).bedrag: de cel bevat een formule waarvan Excel geen uitkomst")


@pytest.mark.parametrize(
    "bedrag, verwacht",
    [("12.345", "'12.345' is dubbelzinnig"), ("€ 1.234", "'€ 1.234' is dubbelzinnig"), (1e30, "is onmogelijk hoog"),
     (12.345, "12.345 heeft meer dan twee decimalen"), (-3, "is negatief"), (True, "true is geen geldige waarde")],
)
def test_onbruikbare_bedragen_in_excel(tmp_path, kopie, capsys, bedrag, verwacht):
    pad = _werkmap(tmp_path / "b.xlsx", KOP, [_rij("A-1", bedrag=bedrag)])
    _importeer_weigert(capsys, pad, kopie, "blad Prijslijst rij 2 (A-1).bedrag: ", verwacht)


def test_grafiekblad_en_kapot_bestand(tmp_path, kopie, capsys):
    def grafiek(wb, ws):
        from openpyxl.chart import BarChart, Reference

        grafiekje = BarChart()
        grafiekje.add_data(Reference(ws, min_col=5, min_row=1, max_row=2))
        wb.create_chartsheet("Grafiek", 0).add_chart(grafiekje)

    pad = _werkmap(tmp_path / "g.xlsx", KOP, [_rij("A-1")], bewerk=grafiek)
    pl, _, _ = importeer_prijslijst(pad, kopie, vandaag=date(2027, 1, 10))
    assert list(pl.items) == ["A-1"]
    import zipfile

    with zipfile.ZipFile(pad) as z, zipfile.ZipFile(tmp_path / "kapot.xlsx", "w") as uit:
        for naam in z.namelist():
            data = z.read(naam)
            uit.writestr(naam, data[: len(data) // 2] if naam.endswith("sheet1.xml") else data)
    _importeer_weigert(capsys, tmp_path / "kapot.xlsx", kopie, "is geen leesbaar Excel-bestand")


def test_import_die_halverwege_faalt_laat_alles_staan(tmp_path, kopie, capsys, monkeypatch):
    pad = _werkmap(tmp_path / "ok.xlsx", KOP, [_rij("A-1")])
    echt = os.replace

    def excel_houdt_open(bron, doel, *a, **k):
        if str(doel).endswith("prijslijst.csv"):
            raise PermissionError(13, "in gebruik", str(doel))
        return echt(bron, doel, *a, **k)

    monkeypatch.setattr(os, "replace", excel_houdt_open)
    err = _importeer_weigert(capsys, pad, kopie, "geopend in een ander programma", "er is niets gewijzigd")
    assert "prijslijst.csv" in err


def test_zelfde_versienummer_met_andere_inhoud_wordt_geweigerd(tmp_path, kopie, capsys):
    exporteer_prijslijst(laad_prijslijst(kopie), tmp_path / "l.xlsx")
    wb = load_workbook(tmp_path / "l.xlsx")
    wb["Prijslijst"]["E2"] = 99.99
    wb.save(tmp_path / "l.xlsx")
    _importeer_weigert(capsys, tmp_path / "l.xlsx", kopie, "het versienummer is hetzelfde")


def test_extra_kolom_blijft_bij_heen_en_terug(tmp_path, kopie):
    import csv

    pad = kopie / "prijslijst.csv"
    rijen = list(csv.DictReader(pad.read_text(encoding="utf-8").splitlines()))
    for rij in rijen:
        rij["Opmerking Intern"] = "nagekeken" if rij["code"] == "ZRG-SEH" else ""
    with pad.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rijen[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rijen)
    voor = laad_prijslijst(kopie)
    exporteer_prijslijst(voor, tmp_path / "l.xlsx")
    importeer_prijslijst(tmp_path / "l.xlsx", tmp_path / "terug", vandaag=PEILDATUM)
    na = laad_prijslijst(tmp_path / "terug")
    assert na.inhoud_hash == voor.inhoud_hash and na.items["ZRG-SEH"].extra == {"Opmerking Intern": "nagekeken"}


@pytest.mark.skipif(os.name != "posix", reason="bestandsrechten zoals op Linux en macOS")
def test_geschreven_bestanden_zijn_leesbaar_voor_collegas(tmp_path):
    pad = tmp_path / "l.xlsx"
    exporteer_prijslijst(laad_prijslijst(PRIJSLIJST), pad)
    importeer_prijslijst(pad, tmp_path / "terug", vandaag=PEILDATUM)
    masker = os.umask(0)
    os.umask(masker)
    for bestand in [pad, *(tmp_path / "terug").iterdir()]:
        assert bestand.stat().st_mode & 0o777 == 0o666 & ~masker, bestand


@pytest.mark.parametrize(
    "gecontroleerd, waarschuwt",
    [("2025-11-29", True), ("2025-11-01", True), ("2025-11-30", False), ("2026-06-01", False)],
)
def test_veroudering_precies_na_twaalf_maanden(kopie, gecontroleerd, waarschuwt):
    _zet(kopie, "ZRG-SEH", gecontroleerd_op=gecontroleerd)
    bevindingen = controleer(lees_invoer_map(kopie), PEILDATUM)
    assert any("(ZRG-SEH)" in b.plaats and "niet gecontroleerd sinds" in b.melding for b in bevindingen) == waarschuwt


def test_controle_randgevallen(kopie):
    _zet(kopie, "ZRG-SEH", prijsjaar="2027")  # tarief voor volgend jaar: mag
    _zet(kopie, "ZRG-POLI", url="https://")
    _zet(kopie, "ZRG-IC-DAG", eenheid="bezoek")
    _zet(kopie, "ZRG-HUISARTS", code="ZRG-IC-DAG")  # dubbel met een rij die zelf een fout heeft
    (kopie / "indexcijfers.csv").write_text((kopie / "indexcijfers.csv").read_text(encoding="utf-8") + "2026,138.0,\n",
                                            encoding="utf-8")
    fouten = [str(b) for b in controleer(lees_invoer_map(kopie), PEILDATUM) if b.ernst == FOUT]
    assert not any("(ZRG-SEH)" in f for f in fouten)
    assert any("(ZRG-POLI).url: 'https://' is geen volledig webadres" in f for f in fouten)
    assert any("(ZRG-IC-DAG): code ZRG-IC-DAG komt twee keer voor" in f for f in fouten)
    assert any(f.startswith("indexcijfers.cpi: cijfers voor jaren die nog niet gepubliceerd kunnen zijn: 2026")
               for f in fouten)


def test_vastgelegd_rekent_ook_als_een_code_uit_de_huidige_lijst_verdween(tmp_path, kopie, capsys):
    casus = VOORBEELDEN / "huurachterstand.json"
    code, uit, _ = draai(capsys, "bereken", casus, "--json", "--vastleggen", tmp_path / "vast.json")
    eerst = json.loads(uit)
    import csv

    pad = kopie / "prijslijst.csv"
    rijen = [r for r in csv.DictReader(pad.read_text(encoding="utf-8").splitlines()) if r["code"] != "WON-UITZETTING"]
    with pad.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rijen[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rijen)
    code, uit, _ = draai(capsys, "bereken", casus, "--vastgelegd", tmp_path / "vast.json", "--prijslijst", kopie, "--json")
    later = json.loads(uit)
    assert code == 0 and later["huidige_prijslijst"] is None and later["vermeden_kosten"] == eerst["vermeden_kosten"]
    code, uit, _ = draai(capsys, "bereken", casus, "--vastgelegd", tmp_path / "vast.json", "--prijslijst", tmp_path / "weg")
    assert code == 0 and "Met de huidige prijslijst is deze casus niet door te rekenen (niet te lezen:" in uit


def test_gewijzigde_snapshot_wordt_geweigerd(tmp_path, capsys):
    casus = VOORBEELDEN / "huurachterstand.json"
    draai(capsys, "bereken", casus, "--vastleggen", tmp_path / "vast.json")
    data = json.loads((tmp_path / "vast.json").read_text(encoding="utf-8"))
    data["items"][0]["bedrag"] = "9000.00"
    (tmp_path / "vast.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = draai(capsys, "bereken", casus, "--vastgelegd", tmp_path / "vast.json")
    assert code == 2 and "de vastgelegde prijzen zijn na het vastleggen gewijzigd" in err
    data["indexcijfers"] = [1, 2]
    (tmp_path / "vast.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = draai(capsys, "bereken", casus, "--vastgelegd", tmp_path / "vast.json")
    assert code == 2 and "indexcijfers: moet een object met reeksen" in err


def test_vastleggen_overschrijft_nooit(tmp_path, capsys):
    casus = tmp_path / "casus.json"
    shutil.copy(VOORBEELDEN / "huurachterstand.json", casus)
    voor = casus.read_bytes()
    code, _, err = draai(capsys, "bereken", casus, "--vastleggen", casus)
    assert code == 2 and "is het casusbestand zelf" in err and casus.read_bytes() == voor
    ander = tmp_path / "ander.json"
    ander.write_bytes(b"{}")
    code, _, err = draai(capsys, "bereken", casus, "--vastleggen", ander)
    assert code == 2 and "bestaat al; een vastlegging wordt nooit overschreven" in err and ander.read_bytes() == b"{}"
    code, _, err = draai(capsys, "bereken", casus, "--vastleggen", tmp_path / "geen" / "v.json")
    assert code == 2 and "bestaat niet" in err


def test_foute_doelen_en_argumenten(tmp_path, capsys):
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    pad = _werkmap(tmp_path / "ok.xlsx", KOP, [_rij("A-1")])
    code, _, err = draai(capsys, "prijslijst", "importeer", pad, "--naar", tmp_path / "bestand")
    assert code == 2 and "is een bestand, geen map" in err
    code, _, err = draai(capsys, "prijslijst", "importeer", pad, "--naar", "")
    assert code == 2 and "--naar: geen map opgegeven" in err
    with pytest.raises(SystemExit) as e:
        main(["prijslijst", "toon", "--jaar", "abc"])
    assert e.value.code == 2 and "argument --jaar: ongeldige waarde: 'abc'" in capsys.readouterr().err


# ------------------------------------------------------------------ versie 2027.1

LIJST_2026_1 = PROJECT / "tests" / "data" / "prijslijst-2026.1"


def test_2027_1_minstens_30_nieuwe_items_en_weinig_oude_prijsjaren():
    nu, toen = laad_prijslijst(PRIJSLIJST), laad_prijslijst(LIJST_2026_1)
    nieuw = set(nu.items) - set(toen.items)
    assert len(nu.items) >= 130 and len(nieuw) >= 30
    oud = [i for i in nu.items.values() if i.prijsjaar <= 2020]
    assert len(oud) < 12, [i.code for i in oud]
    for item in oud:  # elk zegt waarom er geen nieuwere bron is
        assert "Waarom" in item.toelichting, item.code
    for item in nu.items.values():
        assert item.bron and item.url.startswith("https://"), item.code
        assert "bronnendocument" not in item.toelichting, item.code
        if item.indexatie == "geen":
            assert item.herziening, item.code


def test_2027_1_changelog_noemt_elke_toevoeging_en_elk_vervallen_item():
    nu, toen = laad_prijslijst(PRIJSLIJST), laad_prijslijst(LIJST_2026_1)
    changelog = (PRIJSLIJST / "CHANGELOG.md").read_text(encoding="utf-8").split("## 2026.1")[0]
    for code in (set(nu.items) ^ set(toen.items)):
        assert code in changelog, code
    for code in ("SCH-BEWIND", "INK-BIJSTAND-UITV", "WMO-GROEP", "SCH-SHV", "JUS-DETENTIE", "WON-IBW", "JGD-VERBLIJF-JO"):
        assert code in changelog, code
    for voorbeeld in VOORBEELDEN.glob("*.json"):
        assert voorbeeld.stem in changelog


def test_2027_1_vervallen_codes_wijzen_naar_een_bestaand_item():
    nu, toen = laad_prijslijst(PRIJSLIJST), laad_prijslijst(LIJST_2026_1)
    weg = set(toen.items) - set(nu.items)
    assert set(nu.vervallen) == weg and len(weg) == 18
    for code, (door, versie, reden) in nu.vervallen.items():
        assert versie == "2027.1" and len(reden) > 20, code
        assert door == "" or door in nu.items, (code, door)


@pytest.mark.parametrize("term", ["veilig thuis", "crisis", "voortijdig", "leerlingenvervoer", "beschermd wonen",
                                  "vrouwenopvang", "deurwaarder", "wanbetaler", "verhuis", "afsluit", "politie"])
def test_2027_1_zoektermen_van_de_praktijk(capsys, term):
    code, uit, _ = draai(capsys, "prijslijst", "toon", term, "--json")
    assert code == 0 and len(json.loads(uit)) >= 1


def test_2027_1_correcties():
    pl = laad_prijslijst(PRIJSLIJST)
    cpi, ova = pl.indexcijfers["cpi"], pl.indexcijfers["ova"]
    assert cpi[2022] == D("121.4")
    # OVA-mix 2022 uit de definitieve cijfers van 2023: 100 / (1 + 0,9 x 6,36% + 0,1 x 7,02%), op twee decimalen
    assert ova[2022] == rond_af(Fraction(100) / (1 + Fraction(9, 10) * Fraction("0.0636") + Fraction(1, 10) * Fraction("0.0702")))
    assert ova[2025] == rond_af(Fraction(ova[2024]) * (1 + Fraction(9, 10) * Fraction("0.0418") + Fraction(1, 10) * Fraction("0.0182")))
    assert ova[2025] == D("109.88")
    bewind = pl.items["SCH-BEWIND"]
    assert bewind.bedrag == D("2065.47") and "incl. btw" in bewind.naam and "schulden" in bewind.naam
    assert pl.items["INK-BIJSTAND-UITV"].bedrag == rond_af(Fraction("1219.64") * Fraction(6, 5))
    assert "ZONDER vakantiegeld" in pl.items["INK-BIJSTAND-UITV"].toelichting
    assert pl.items["WMO-GROEP"].bedrag == D("46.15")
    assert pl.items["JGD-VERBLIJF-JO"].naam.startswith("Pgb-maximumtarief")
    for code in ("JGD-RESIDENTIEEL", "JGD-GEZINSHUIS-ZIN", "JGD-PLEEGZORG-ZIN"):
        assert "zorg in natura" in pl.items[code].naam, code
    assert pl.items["JGD-JEUGDZORGPLUS"].naam.startswith("JeugdzorgPlus (gesloten jeugdhulp)")
    # zwakke bronnen: vervangen, of met "(schatting)" en de reden
    for code in ("JUS-DETENTIE", "JUS-TBS", "WON-OPVANG-PLEK"):
        assert "(schatting)" in pl.items[code].naam, code


def test_2027_1_overlapgroepen_verbinden_de_bekende_paren():
    pl = laad_prijslijst(PRIJSLIJST)

    def samen(a, b):
        return bool(set(pl.items[a].overlapgroepen) & set(pl.items[b].overlapgroepen))

    for a, b in [("WMO-HBH", "WMO-HBH-ZIN"), ("WMO-BEGEL-BASIS", "WMO-BEGEL-ZIN"), ("WON-UITZETTING", "WON-UITZETTING-GEM"),
                 ("WON-UITZETTING", "SCH-DEURW-ONTRUIMING"), ("WON-OPVANG-PLEK", "WON-MO-PLEK-EDE"),
                 ("SCH-PROBLEMATISCH", "SCH-INCASSO-GEM"), ("SCH-PROBLEMATISCH", "SCH-LOONBESLAG"),
                 ("SCH-PROBLEMATISCH", "SCH-SHV"), ("SCH-BEWIND", "SCH-BEWIND-STANDAARD"),
                 ("JGD-VERBLIJF-JO", "JGD-RESIDENTIEEL"), ("INK-BIJSTAND-ALLEEN", "INK-BIJSTAND-UITV")]:
        assert samen(a, b), (a, b)
    assert not samen("SCH-INCASSO-GEM", "SCH-LOONBESLAG")  # twee onderdelen van het totaal, geen dubbeltelling
    assert not samen("WON-UITZETTING", "WON-OPVANG-PLEK")  # de uitzetting en de opvang erna zijn twee kosten
