"""De monitor als Excel-werkmap (`doorbraak monitor -o monitor.xlsx`), cel voor cel gelezen met openpyxl.

Het register wordt echt opgebouwd (indienen, toetsen, escaleren, afwijzen, nacalculeren) met de meegeleverde
prijslijst en een klok die we zelf zetten, zodat de besluiten over vier maanden verspreid liggen (met een
maand zonder besluit ertussen). Elk bedrag is met de hand nagerekend; elke cel wordt vergeleken met de monitor.
"""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from doorbraak.domein.jsonbestand import Schrijffout
from doorbraak.export.monitor_xlsx import DATUM, EURO, schoon, schrijf_monitor_xlsx
from doorbraak.register.opslag import Gebruiker
from doorbraak.uitvoer import MONITOR_XLSX, herken
from tests.conftest import PROJECT, eigen_regel

ANNA = Gebruiker("Anna", "anna", "pc-anna")
BERT = Gebruiker("Bert", "bert", "pc-bert")
MARIEKE = Gebruiker("Marieke", "marieke", "pc-marieke")
VANDAAG = date(2026, 11, 30)
BLADEN = ["Samenvatting", "Per maand", "Per financier", "Per leefgebied", "Nacalculatie", "Alle aanvragen"]


def _casus(map_: Path, cid: str, titel: str, bedrag: str, zonder: list, leefgebieden: list[str]) -> Path:
    pad = map_ / f"{cid}.json"
    pad.write_text(json.dumps({"formaat": "doorbraak-casus/1", "casus_id": cid, "titel": titel, "datum": "2026-01-01",
                               "leefgebieden": leefgebieden,
                               "interventie": [{"omschrijving": "Interventie", "bedrag": bedrag}],
                               "zonder_doorbraak": zonder, "met_doorbraak": []}), encoding="utf-8")
    return pad


def _nacalculatie(map_: Path, cid: str, peildatum: str, uitgave: str, kosten_met: list) -> Path:
    pad = map_ / f"nacalculatie-{cid}.json"
    pad.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "casus_id": cid, "peildatum": peildatum,
                               "maanden": 6, "uitkomst": "bereikt", "toelichting": "Het gezin woont er nog.",
                               "werkelijke_uitgave": uitgave, "kosten_met": kosten_met}), encoding="utf-8")
    return pad


@pytest.fixture(scope="module")
def opbouw(tmp_path_factory):
    """Een register over januari tot en met september 2026, en de monitor op 30 november 2026:

    - M-1 € 120,00, ingediend 10-01, goedgekeurd 12-01 (vier ogen); vermeden € 5.000,00 (woningcorporatie);
    - M-2 € 3.000,00, ingediend 20-01, goedgekeurd 05-03 (vier ogen); vermeden WON-OPVANG-PLEK (meegeleverde
      prijslijst) + € 2.000,00 (gemeente (Wmo));
    - M-3 € 12.000,00, ingediend 01-03, geëscaleerd 02-03, goedgekeurd 15-04; vermeden € 40.000,00;
    - M-4 € 800,00 afgewezen op 03-04; M-5 € 500,00 nog open (ingediend 01-05);
    - nacalculatie M-1 (15-07): uitgegeven € 100,00, met doorbraak € 1.000,00; M-2 (10-09): € 3.000,00, geen kosten.
    """
    from doorbraak.diensten import besluit, dien_in, maak_register, monitor, nacalculeer, toets
    from doorbraak.register import opslag

    map_ = tmp_path_factory.mktemp("monitor")
    klok = {"nu": ""}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DOORBRAAK_CONFIG", str(map_ / "config"))
        mp.setenv("DOORBRAAK_DATA", str(map_ / "data"))
        mp.delenv("DOORBRAAK_PRIJSLIJST", raising=False)  # de meegeleverde prijslijst
        mp.delenv("DOORBRAAK_REGISTER", raising=False)
        mp.setattr(opslag, "nu_utc", lambda: klok["nu"])

        def op(dag: str) -> None:
            klok["nu"] = f"{dag}T10:00:00.000000Z"

        reg = map_ / "register"
        op("2026-01-02")
        maak_register(reg, D("100000"), D("5000"), ["marieke"], gebruiker=ANNA, budgetjaar=2026, kostenplaats="6.71")
        op("2026-01-10")
        dien_in(_casus(map_, "M-1", "=SOM(1;2) \x07huur", "120.00",
                       [eigen_regel("5000.00", financier="woningcorporatie")], ["wonen"]), reg, gebruiker=ANNA)
        op("2026-01-12")
        assert toets("M-1", True, "", reg, gebruiker=BERT)[0].status == "goedgekeurd"
        op("2026-01-20")
        opvang = {"prijs": "WON-OPVANG-PLEK", "aantal": "1"}
        dien_in(_casus(map_, "M-2", "Schulden", "3000.00", [opvang, eigen_regel("2000.00", financier="gemeente (Wmo)")],
                       ["wonen", "financien"]), reg, gebruiker=ANNA)
        op("2026-03-05")
        assert toets("M-2", True, "", reg, gebruiker=BERT)[0].status == "goedgekeurd"
        op("2026-03-01")
        dien_in(_casus(map_, "M-3", "Groot", "12000.00", [eigen_regel("40000.00", financier="woningcorporatie")],
                       ["financien"]), reg, gebruiker=ANNA)
        op("2026-03-02")
        assert toets("M-3", True, "", reg, gebruiker=BERT)[0].status == "geëscaleerd"
        op("2026-04-15")
        assert besluit("M-3", True, "", reg, gebruiker=MARIEKE)[0].status == "goedgekeurd"
        op("2026-04-01")
        dien_in(_casus(map_, "M-4", "Afgewezen", "800.00", [eigen_regel("900.00")], ["wonen"]), reg, gebruiker=ANNA)
        op("2026-04-03")
        assert toets("M-4", False, "niet nodig", reg, gebruiker=BERT)[0].status == "afgewezen"
        op("2026-05-01")
        dien_in(_casus(map_, "M-5", "Open", "500.00", [eigen_regel("900.00")], ["wonen"]), reg, gebruiker=ANNA)
        op("2026-07-15")
        nacalculeer("M-1", _nacalculatie(map_, "M-1", "2026-07-12", "100.00",
                                         [eigen_regel("1000.00", financier="woningcorporatie")]), reg, gebruiker=ANNA)
        op("2026-09-10")
        nacalculeer("M-2", _nacalculatie(map_, "M-2", "2026-09-05", "3000.00", []), reg, gebruiker=BERT)
        m, _ = monitor(reg, vandaag=VANDAAG)

        leeg = map_ / "leeg"
        maak_register(leeg, D("1000"), D("500"), ["marieke"], gebruiker=ANNA)
        m_leeg, _ = monitor(leeg, vandaag=VANDAAG)

    pad = map_ / "monitor.xlsx"
    schrijf_monitor_xlsx(m, pad)
    pad_leeg = map_ / "leeg.xlsx"
    schrijf_monitor_xlsx(m_leeg, pad_leeg)
    return m, pad, m_leeg, pad_leeg


@pytest.fixture(scope="module")
def werkmap(opbouw):
    _, pad, _, _ = opbouw
    return load_workbook(pad), load_workbook(pad, data_only=True)


# ------------------------------------------------------------------ hulpjes


def bedrag(cel) -> D:
    """Een bedragcel: een getal (nooit tekst) met de euro-opmaak, als Decimal."""
    assert cel.data_type == "n" and isinstance(cel.value, (int, float)), (cel.coordinate, cel.value)
    assert cel.number_format == EURO, (cel.coordinate, cel.number_format)
    return D(repr(cel.value))


def aantal(cel) -> int:
    assert cel.data_type == "n" and isinstance(cel.value, int), (cel.coordinate, cel.value)
    return cel.value


def datum(cel) -> date:
    assert cel.data_type == "d" and isinstance(cel.value, datetime), (cel.coordinate, cel.value)
    assert cel.number_format == DATUM == "dd-mm-yyyy"
    assert cel.value.time() == datetime.min.time()
    return cel.value.date()


def maand_(cel) -> str:
    """Een maand is een echte datum (de eerste van de maand), getoond als jjjj-mm; geeft "JJJJ-MM"."""
    assert cel.data_type == "d" and isinstance(cel.value, datetime), (cel.coordinate, cel.value)
    assert cel.number_format == "yyyy-mm" and cel.value.day == 1
    return cel.value.strftime("%Y-%m")


def tekst(cel) -> str:
    assert cel.data_type == "s", (cel.coordinate, cel.value)
    return cel.value


def totaal(ws, ws_waarden, adres: str, formule: str, verwacht: D | int) -> None:
    """Een totaal is een formule; de opgeslagen uitkomst (data_only) is het in Decimal berekende totaal."""
    assert ws[adres].data_type == "f" and ws[adres].value == formule, (adres, ws[adres].value)
    assert ws[adres].font.b
    cel = ws_waarden[adres]
    if isinstance(verwacht, int):
        assert aantal(cel) == verwacht
    else:
        assert bedrag(cel) == verwacht, adres


def leeg_vanaf(ws, rij: int) -> None:
    assert all(c.value is None for r in ws.iter_rows(min_row=rij) for c in r), ws.title


def kolombreedtes(ws) -> dict[int, float]:
    breedtes = {}
    for dim in ws.column_dimensions.values():
        if dim.min and dim.customWidth:
            for k in range(dim.min, dim.max + 1):
                breedtes[k] = dim.width
    return breedtes


def kopregel(ws, koppen: list[str]) -> None:
    """De kopregel: vet, vastgezet, en elke kolom minstens zo breed als haar kop."""
    assert [tekst(c) for c in ws[1]][:len(koppen)] == koppen
    assert all(c.font.b for c in ws[1][:len(koppen)])
    assert ws.freeze_panes == "A2"
    breedtes = kolombreedtes(ws)
    for k, kop in enumerate(koppen, 1):
        assert breedtes.get(k, 0) >= len(kop), (ws.title, kop, breedtes)


def lees_zip(pad: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pad) as z:
        return {naam: z.read(naam) for naam in z.namelist()}


# ------------------------------------------------------------------ de werkmap


def test_bladen_metadata_en_herkenning(opbouw, werkmap):
    pad = opbouw[1]
    wb, _ = werkmap
    assert wb.sheetnames == BLADEN
    kern = ElementTree.fromstring(lees_zip(pad)["docProps/core.xml"])
    dc = "{http://purl.org/dc/elements/1.1/}"
    cp = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    assert kern.findtext(f"{dc}creator") == "Doorbraak"
    assert kern.findtext(f"{cp}lastModifiedBy") == "Doorbraak"
    assert kern.findtext(f"{cp}category") == MONITOR_XLSX.kenmerk == "doorbraak-monitor"
    assert herken(pad) == ("doorbraak-monitor", "")
    assert (wb.properties.creator, wb.properties.lastModifiedBy) == ("Doorbraak", "Doorbraak")


def test_de_monitor_zelf_met_de_hand_nagerekend(opbouw):
    """Het register doet wat de docstring van de opbouw zegt; daarop rusten de tests hieronder."""
    m = opbouw[0]
    (m2,) = [a for a in m.aanvragen if a["casus_id"] == "M-2"]
    opvang = m2["vermeden"] - D("2000.00")  # WON-OPVANG-PLEK uit de meegeleverde prijslijst
    assert opvang > 0
    assert (m.van, m.tot) == (date(2026, 1, 12), date(2026, 4, 15))
    assert (m.aantal_aanvragen, m.aantal_toegekend, m.aantal_afgewezen, m.aantal_open) == (5, 3, 1, 1)
    assert m.toegekend_totaal == D("15120.00")  # 120 + 3.000 + 12.000
    assert m.vermeden_totaal == D("47000.00") + opvang  # 5.000 + 2.000 + 40.000 + opvang
    assert m.per_route == {"vier-ogen": 2, "escalatie": 1}
    assert [p["maand"] for p in m.per_maand] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert m.per_maand[1] == {"maand": "2026-02", "aantal": 0, "toegekend": D("0"), "vermeden": D("0")}
    assert m.nacalculatie["verwacht_vermeden"] == D("7000.00") + opvang  # 5.000 + 2.000 + opvang
    assert m.nacalculatie["gerealiseerd_vermeden"] == D("6000.00") + opvang  # (5.000 − 1.000) + (2.000 + opvang)
    assert m.nacalculatie["werkelijk_uitgegeven"] == D("3100.00")
    assert m.nacalculatie["vrijgevallen"] == D("20.00")  # 120 − 100
    assert m.nog_na_te_calculeren == ["M-3"]  # goedgekeurd vóór 30-05-2026, zonder nacalculatie
    assert m.budget == {"budget_totaal": D("100000.00"), "toegekend": D("15120.00"), "vrijgevallen": D("20.00"),
                        "beschikbaar": D("84900.00")}
    assert m.doorlooptijd_mediaan == D("23") and m.doorlooptijd_max == 45  # 2, 2, 44, 45 dagen


def test_samenvatting_cel_voor_cel(opbouw, werkmap):
    from doorbraak.analyse.monitor import feiten_en_cijfers

    m, _, _, _ = opbouw
    ws, ws_w = werkmap[0]["Samenvatting"], werkmap[1]["Samenvatting"]
    assert tekst(ws["A1"]) == "Monitor doorbraakbudget" and ws["A1"].font.b
    assert tekst(ws["A2"]) == feiten_en_cijfers(m)
    assert ws["A2"].value.startswith("Tussen 12 januari 2026 en 15 april 2026 is het doorbraakbudget 3 keer ingezet")
    assert "A2:E2" in {str(r) for r in ws.merged_cells.ranges} and ws["A2"].alignment.wrap_text
    assert ws.row_dimensions[2].height >= 45  # de alinea past: drie regels of meer
    assert [tekst(ws["A4"]), tekst(ws["B4"])] == ["Kengetal", "Waarde"] and ws["A4"].font.b and ws["B4"].font.b
    n = m.nacalculatie
    verwacht = [
        ("Periode van (datum eindbesluit)", datum, date(2026, 1, 12)),
        ("Periode tot en met", datum, date(2026, 4, 15)),
        ("Aanvragen", aantal, 5),
        ("Toegekend", aantal, 3),
        ("Afgewezen", aantal, 1),
        ("Open", aantal, 1),
        ("Toegekend langs vier ogen", aantal, 2),
        ("Toegekend na escalatie", aantal, 1),
        ("Toegekend bedrag, totaal", bedrag, D("15120.00")),
        ("Gemiddeld toegekend bedrag", bedrag, D("5040.00")),
        ("Mediaan toegekend bedrag", bedrag, D("3000.00")),
        ("Laagste toegekend bedrag", bedrag, D("120.00")),
        ("Hoogste toegekend bedrag", bedrag, D("12000.00")),
        ("Casussen met een goedkeuring", aantal, 3),
        ("Verwacht vermeden kosten, totaal", bedrag, m.vermeden_totaal),
        ("Verwacht vermeden kosten, gemiddeld per casus", bedrag, m.gemiddeld_vermeden),
        ("Netto (verwacht vermeden min toegekend)", bedrag, m.vermeden_totaal - D("15120.00")),
        ("Rendement (euro vermeden per euro budget)", None, m.rendement_ratio),
        ("Doorlooptijd tot eindbesluit, mediaan (dagen)", aantal, 23),
        ("Doorlooptijd tot eindbesluit, langste (dagen)", aantal, 45),
        ("Nacalculaties", aantal, 2),
        ("Nacalculatie: verwacht vermeden", bedrag, n["verwacht_vermeden"]),
        ("Nacalculatie: gerealiseerd vermeden", bedrag, n["gerealiseerd_vermeden"]),
        ("Realisatiegraad (gerealiseerd per euro verwacht)", None, n["realisatiegraad"]),
        ("Nacalculatie: werkelijk uitgegeven", bedrag, D("3100.00")),
        ("Nacalculatie: vrijgevallen (terug in de pot)", bedrag, D("20.00")),
        ("Nog na te calculeren (langer dan 6 maanden geleden goedgekeurd)", tekst, "M-3"),
        ("Kostenplaats", tekst, "6.71"),
        ("Budget, totaal", bedrag, D("100000.00")),
        ("Budget: toegekend", bedrag, D("15120.00")),
        ("Budget: vrijgevallen", bedrag, D("20.00")),
        ("Budget: beschikbaar", bedrag, D("84900.00")),
    ]
    assert m.gemiddeld_vermeden == (m.vermeden_totaal / 3).quantize(D("0.01"))
    for rij, (label, lees, waarde) in enumerate(verwacht, 5):
        assert tekst(ws.cell(rij, 1)) == label
        cel = ws.cell(rij, 2)
        if lees is None:  # een verhouding: getal met twee decimalen
            assert cel.data_type == "n" and cel.number_format == "0.00" and D(repr(cel.value)) == waarde, label
        else:
            assert lees(cel) == waarde, label
        assert ws_w.cell(rij, 2).value == cel.value  # geen formules hier: dezelfde waarde
        assert ws.cell(rij, 3).value is None
    assert m.rendement_ratio == (m.vermeden_totaal / D("15120.00")).quantize(D("0.01"))
    assert n["realisatiegraad"] == (n["gerealiseerd_vermeden"] / n["verwacht_vermeden"]).quantize(D("0.01"))
    rij = 5 + len(verwacht)
    assert ws.cell(rij, 1).value is None

    # per budgetjaar, met een totaalregel als formules
    assert tekst(ws.cell(rij + 1, 1)) == "Per budgetjaar"
    assert [tekst(c) for c in ws[rij + 2][:5]] == ["Jaar", "Budget", "Toegekend", "Vrijgevallen", "Beschikbaar"]
    assert tekst(ws.cell(rij + 3, 1)) == "2026"
    bedragen = [D("100000.00"), D("15120.00"), D("20.00"), D("84900.00")]
    assert [bedrag(c) for c in ws[rij + 3][1:5]] == bedragen
    assert tekst(ws.cell(rij + 4, 1)) == "Totaal"
    for letter, waarde in zip("BCDE", bedragen):
        totaal(ws, ws_w, f"{letter}{rij + 4}", f"=SUM({letter}{rij + 3})", waarde)

    # type hulp voorkomen
    rij += 6
    assert tekst(ws.cell(rij, 1)) == "Type hulp voorkomen (meest genoemd)"
    assert [tekst(c) for c in ws[rij + 1][:3]] == ["Omschrijving", "Code", "Casussen"]
    assert len(m.voorkomen) == 2
    for i, v in enumerate(m.voorkomen, rij + 2):
        assert (tekst(ws.cell(i, 1)), tekst(ws.cell(i, 2)), aantal(ws.cell(i, 3))) == (
            v["omschrijving"], v["code"] or "eigen regel", v["aantal"])
    assert {(v["code"], v["aantal"]) for v in m.voorkomen} == {(None, 3), ("WON-OPVANG-PLEK", 1)}
    leeg_vanaf(ws, rij + 2 + len(m.voorkomen))
    assert kolombreedtes(ws)[1] >= len("Nog na te calculeren (langer dan 6 maanden geleden goedgekeurd)")


def test_per_maand(opbouw, werkmap):
    m, _, _, _ = opbouw
    ws, ws_w = werkmap[0]["Per maand"], werkmap[1]["Per maand"]
    kopregel(ws, ["Maand van het besluit", "Aantal toegekend", "Toegekend", "Verwacht vermeden"])
    (m2,) = [a for a in m.aanvragen if a["casus_id"] == "M-2"]
    verwacht = [("2026-01", 1, D("120.00"), D("5000.00")), ("2026-02", 0, D("0.00"), D("0.00")),
                ("2026-03", 1, D("3000.00"), m2["vermeden"]), ("2026-04", 1, D("12000.00"), D("40000.00"))]
    for rij, (maand, n, toegekend, vermeden) in enumerate(verwacht, 2):
        r = ws[rij]
        assert (maand_(r[0]), aantal(r[1]), bedrag(r[2]), bedrag(r[3])) == (maand, n, toegekend, vermeden)
    assert [(p["maand"], p["aantal"], p["toegekend"], p["vermeden"]) for p in m.per_maand] == verwacht
    assert tekst(ws["A6"]) == "Totaal" and ws["A6"].font.b
    totaal(ws, ws_w, "B6", "=SUM(B2:B5)", 3)
    totaal(ws, ws_w, "C6", "=SUM(C2:C5)", D("15120.00"))
    totaal(ws, ws_w, "D6", "=SUM(D2:D5)", m.vermeden_totaal)  # elke casus één keer, in de maand van haar besluit
    leeg_vanaf(ws, 7)


def test_per_financier_en_per_leefgebied(opbouw, werkmap):
    m, _, _, _ = opbouw
    ws, ws_w = werkmap[0]["Per financier"], werkmap[1]["Per financier"]
    kopregel(ws, ["Financier", "Verwacht vermeden kosten"])
    (m2,) = [a for a in m.aanvragen if a["casus_id"] == "M-2"]
    opvang = m2["vermeden"] - D("2000.00")
    assert m.per_financier["woningcorporatie"] == D("45000.00")  # M-1 5.000 + M-3 40.000
    assert m.per_financier["gemeente (Wmo)"] == D("2000.00")
    assert sum(m.per_financier.values()) == D("47000.00") + opvang
    assert len(m.per_financier) == 3
    for rij, (naam, waarde) in enumerate(m.per_financier.items(), 2):
        assert (tekst(ws.cell(rij, 1)), bedrag(ws.cell(rij, 2))) == (naam, waarde)
    assert tekst(ws["A5"]) == "Totaal"
    totaal(ws, ws_w, "B5", "=SUM(B2:B4)", D("47000.00") + opvang)
    leeg_vanaf(ws, 6)

    ws = werkmap[0]["Per leefgebied"]
    kopregel(ws, ["Leefgebied", "Casussen"])
    assert m.per_leefgebied == {"financien": 2, "wonen": 2}  # M-1 wonen, M-2 beide, M-3 financien
    assert [(tekst(ws.cell(r, 1)), aantal(ws.cell(r, 2))) for r in (2, 3)] == [("financien", 2), ("wonen", 2)]
    assert ws["A4"].value is None and "tellen daarom niet op" in tekst(ws["A5"])
    leeg_vanaf(ws, 6)


def test_nacalculatie(opbouw, werkmap):
    m, _, _, _ = opbouw
    ws, ws_w = werkmap[0]["Nacalculatie"], werkmap[1]["Nacalculatie"]
    kopregel(ws, ["Casus", "Aanvraag", "Na (maanden)", "Peildatum", "Uitkomst", "Toegekend", "Werkelijke uitgave",
                  "Verwacht vermeden", "Gerealiseerd vermeden", "Gerealiseerd netto", "Vrijgevallen", "Door"])
    (m2,) = [a for a in m.aanvragen if a["casus_id"] == "M-2"]
    v2 = m2["vermeden"]
    verwacht = [
        ("M-1", "M-1-1", 6, date(2026, 7, 12), "bereikt", D("120.00"), D("100.00"), D("5000.00"), D("4000.00"),
         D("3900.00"), D("20.00"), "anna"),
        ("M-2", "M-2-1", 6, date(2026, 9, 5), "bereikt", D("3000.00"), D("3000.00"), v2, v2, v2 - D("3000.00"),
         D("0.00"), "bert"),
    ]
    lezers = [tekst, tekst, aantal, datum, tekst, bedrag, bedrag, bedrag, bedrag, bedrag, bedrag, tekst]
    sleutels = ["casus_id", "aanvraag", "maanden", "peildatum", "uitkomst", "toegekend", "werkelijke_uitgave",
                "verwacht_vermeden", "gerealiseerd_vermeden", "gerealiseerd_netto", "vrijgevallen", "door"]
    assert [tuple(r[s] for s in sleutels) for r in m.nacalculaties] == verwacht
    for rij, waarden in enumerate(verwacht, 2):
        assert tuple(lees(c) for lees, c in zip(lezers, ws[rij])) == waarden
    assert tekst(ws["A4"]) == "Totaal" and all(ws.cell(4, k).value is None for k in (2, 3, 4, 5, 12))
    n = m.nacalculatie
    for letter, waarde in zip("FGHIJK", [D("3120.00"), n["werkelijk_uitgegeven"], n["verwacht_vermeden"],
                                         n["gerealiseerd_vermeden"], D("3900.00") + v2 - D("3000.00"),
                                         n["vrijgevallen"]]):
        totaal(ws, ws_w, f"{letter}4", f"=SUM({letter}2:{letter}3)", waarde)
    leeg_vanaf(ws, 5)


def test_alle_aanvragen(opbouw, werkmap):
    m, pad, _, _ = opbouw
    ws, ws_w = werkmap[0]["Alle aanvragen"], werkmap[1]["Alle aanvragen"]
    koppen = ["Aanvraag", "Casus", "Titel", "Status", "Route", "Bedrag", "Verwacht vermeden", "Netto", "Ingediend",
              "Besloten", "Maand van het besluit", "Doorlooptijd (dagen)", "Ingediend door"]
    kopregel(ws, koppen)
    assert ws.auto_filter.ref == "A1:M6"
    (m2,) = [a for a in m.aanvragen if a["casus_id"] == "M-2"]
    v2 = m2["vermeden"]
    verwacht = [
        ("M-1-1", "M-1", "=SOM(1;2) huur", "goedgekeurd", "vier-ogen", D("120.00"), D("5000.00"), D("4880.00"),
         date(2026, 1, 10), date(2026, 1, 12), "2026-01", 2, "anna"),
        ("M-2-1", "M-2", "Schulden", "goedgekeurd", "vier-ogen", D("3000.00"), v2, v2 - D("3000.00"),
         date(2026, 1, 20), date(2026, 3, 5), "2026-03", 44, "anna"),
        ("M-3-1", "M-3", "Groot", "goedgekeurd", "escalatie", D("12000.00"), D("40000.00"), D("28000.00"),
         date(2026, 3, 1), date(2026, 4, 15), "2026-04", 45, "anna"),
        ("M-4-1", "M-4", "Afgewezen", "afgewezen", "vier-ogen", D("800.00"), D("900.00"), D("100.00"),
         date(2026, 4, 1), date(2026, 4, 3), "2026-04", 2, "anna"),
        ("M-5-1", "M-5", "Open", "ingediend", "vier-ogen", D("500.00"), D("900.00"), D("400.00"),
         date(2026, 5, 1), None, None, None, "anna"),
    ]
    lezers = [tekst, tekst, tekst, tekst, tekst, bedrag, bedrag, bedrag, datum, datum, maand_, aantal, tekst]
    for rij, waarden in enumerate(verwacht, 2):
        gelezen = tuple(None if c.value is None else lees(c) for lees, c in zip(lezers, ws[rij]))
        assert gelezen == waarden, rij
    # de titel begint met '=' maar is tekst, geen formule; het stuurteken \x07 is weggelaten
    assert m.aanvragen[0]["titel"] == "=SOM(1;2) \x07huur"
    blad = lees_zip(pad)["xl/worksheets/sheet6.xml"].decode()
    assert '<c r="C2"' in blad and not re.search(r'<c r="C2"[^>]*><f>', blad)
    # een lege regel, dan het toegekende totaal: SUMIF op de status
    assert all(c.value is None for c in ws[7])
    assert tekst(ws["A8"]) == "Totaal toegekend (status goedgekeurd)"
    totaal(ws, ws_w, "F8", '=SUMIF(D2:D6,"goedgekeurd",F2:F6)', D("15120.00"))
    assert all(ws.cell(8, k).value is None for k in range(2, 14) if k != 6)
    leeg_vanaf(ws, 9)


def test_grafieken(opbouw):
    _, pad, _, _ = opbouw
    bestanden = lees_zip(pad)
    assert sorted(n for n in bestanden if n.startswith("xl/charts/")) == [
        "xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]

    def grafiek_van(blad: int) -> str:
        """Volg de relaties: werkblad → tekening → grafiek."""
        rels = bestanden[f"xl/worksheets/_rels/sheet{blad}.xml.rels"].decode()
        (tekening,) = re.findall(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels)
        rels = bestanden[f"xl/drawings/_rels/{tekening}.rels"].decode()
        (grafiek,) = re.findall(r'Target="\.\./charts/(chart\d+\.xml)"', rels)
        return bestanden[f"xl/charts/{grafiek}"].decode()

    maand = grafiek_van(2)
    assert '<c:barDir val="col"/>' in maand and maand.count("<c:ser>") == 1
    assert "<c:f>'Per maand'!$A$2:$A$5</c:f>" in maand and "<c:f>'Per maand'!$C$2:$C$5</c:f>" in maand
    assert "Toegekend per maand" in maand
    financier = grafiek_van(3)
    assert '<c:barDir val="bar"/>' in financier and financier.count("<c:ser>") == 1
    assert "<c:f>'Per financier'!$A$2:$A$4</c:f>" in financier
    assert "<c:f>'Per financier'!$B$2:$B$4</c:f>" in financier
    nacalculatie = grafiek_van(5)
    assert '<c:barDir val="col"/>' in nacalculatie and '<c:grouping val="clustered"/>' in nacalculatie
    assert nacalculatie.count("<c:ser>") == 2
    assert nacalculatie.count("<c:f>Nacalculatie!$A$2:$A$3</c:f>") == 2
    assert "<c:f>Nacalculatie!$H$2:$H$3</c:f>" in nacalculatie and "<c:f>Nacalculatie!$I$2:$I$3</c:f>" in nacalculatie
    assert "<c:v>Verwacht vermeden</c:v>" in nacalculatie and "<c:v>Gerealiseerd vermeden</c:v>" in nacalculatie
    # geen grafiek op de andere bladen
    assert not {f"xl/worksheets/_rels/sheet{i}.xml.rels" for i in (1, 4, 6)} & set(bestanden)


def test_leeg_register(opbouw):
    _, _, m, pad = opbouw
    assert m.aantal_aanvragen == 0 and not m.per_maand and not m.nacalculaties
    assert herken(pad) == ("doorbraak-monitor", "")
    assert not [n for n in lees_zip(pad) if "chart" in n or "drawing" in n]
    wb, wb_w = load_workbook(pad), load_workbook(pad, data_only=True)
    assert wb.sheetnames == BLADEN
    ws = wb["Samenvatting"]
    assert tekst(ws["A2"]) == "Tot nu toe is het doorbraakbudget niet ingezet."
    waarden = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(5, ws.max_row + 1)}
    for label in ("Periode van (datum eindbesluit)", "Periode tot en met", "Gemiddeld toegekend bedrag",
                  "Mediaan toegekend bedrag", "Laagste toegekend bedrag", "Hoogste toegekend bedrag",
                  "Rendement (euro vermeden per euro budget)", "Realisatiegraad (gerealiseerd per euro verwacht)",
                  "Doorlooptijd tot eindbesluit, mediaan (dagen)", "Doorlooptijd tot eindbesluit, langste (dagen)"):
        assert tekst(waarden[label]) == "n.v.t.", label
    assert bedrag(waarden["Toegekend bedrag, totaal"]) == 0 and aantal(waarden["Aanvragen"]) == 0
    assert bedrag(waarden["Budget: beschikbaar"]) == D("1000.00")
    assert tekst(waarden["Nog na te calculeren (langer dan 6 maanden geleden goedgekeurd)"]) == "geen"
    assert tekst(waarden["Kostenplaats"]) == "geen"
    assert "Per budgetjaar" not in waarden and "Type hulp voorkomen (meest genoemd)" not in waarden
    noties = {"Per maand": "Geen toegekende aanvragen in deze periode.",
              "Per financier": "Geen verwacht vermeden kosten per financier in deze periode.",
              "Per leefgebied": "Geen leefgebieden: geen toegekende casussen in deze periode.",
              "Nacalculatie": "Geen nacalculaties in deze periode.",
              "Alle aanvragen": "Geen aanvragen in deze periode."}
    for blad, notitie in noties.items():
        ws = wb[blad]
        assert ws.freeze_panes == "A2" and all(c.font.b for c in ws[1] if c.value is not None)
        assert tekst(ws["A2"]) == notitie
        assert all(c.value is None for c in ws[2][1:])
        leeg_vanaf(ws, 3)
        assert not [c for r in wb_w[blad].iter_rows() for c in r if c.data_type == "f"]
    assert wb["Alle aanvragen"].auto_filter.ref == "A1:M1"


def test_decimal_totaal_en_schone_tekst(opbouw, tmp_path):
    """Het totaal wordt in Decimal berekend (€ 0,10 + € 0,20 is € 0,30, niet 0.30000000000000004), en tekst
    blijft tekst: tab en regelovergang blijven staan, stuurtekens niet; '_x0041_' blijft letterlijk staan."""
    m = opbouw[0]
    rij = dict(m.aanvragen[0], titel="Regel 1\nRegel 2\tmet tab\x00\x1b[31m _x0041_ \x85", casus_id="+C-1",
               indiener="@anna")
    m2 = dataclasses.replace(m, per_financier={"a": D("0.10"), "b": D("0.20")}, aanvragen=[rij],
                             kostenplaats="=1+1")
    pad = tmp_path / "m.xlsx"
    schrijf_monitor_xlsx(m2, pad)
    blad = lees_zip(pad)["xl/worksheets/sheet3.xml"].decode()
    assert "<f>SUM(B2:B3)</f><v>0.30</v>" in blad
    ws_w = load_workbook(pad, data_only=True)["Per financier"]
    assert bedrag(ws_w["B4"]) == D("0.30")
    ws = load_workbook(pad)["Alle aanvragen"]
    assert tekst(ws["C2"]) == "Regel 1\nRegel 2\tmet tab[31m _x0041_ "
    assert (tekst(ws["B2"]), tekst(ws["M2"])) == ("+C-1", "@anna")
    assert ws.auto_filter.ref == "A1:M2"
    totaal(ws, load_workbook(pad, data_only=True)["Alle aanvragen"], "F4", '=SUMIF(D2,"goedgekeurd",F2)',
           D("120.00"))
    assert tekst(load_workbook(pad)["Samenvatting"]["B32"]) == "=1+1"
    assert schoon("a\x00b\tc\nd\x1fe\x7f\x9ff\r") == "ab\tc\ndef"


def test_opnieuw_schrijven_en_excel_houdt_het_bestand_open(opbouw, tmp_path, monkeypatch):
    """Via de dienst: een eerdere monitor wordt zonder --overschrijven vervangen; houdt Excel het bestand open
    (PermissionError bij het vervangen), dan een Nederlandse melding en het oude bestand blijft staan."""
    import os

    from doorbraak.diensten import schrijf_monitor
    from doorbraak.domein import jsonbestand

    m, _, m_leeg, _ = opbouw
    pad = tmp_path / "monitor.xlsx"
    assert schrijf_monitor(m_leeg, pad) == pad
    assert schrijf_monitor(m, pad) == pad  # over de eerdere export heen: mag
    oud = pad.read_bytes()
    assert load_workbook(pad)["Samenvatting"]["B7"].value == 5

    def bezet(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jsonbestand.os, "replace", bezet)
    with pytest.raises(Schrijffout) as fout:
        schrijf_monitor_xlsx(m_leeg, pad)
    assert "geopend in Excel" in fout.value.reden and "monitor.xlsx" in fout.value.reden
    assert "er is niets gewijzigd" in str(fout.value)
    assert pad.read_bytes() == oud
    assert sorted(os.listdir(tmp_path)) == ["monitor.xlsx"]  # geen tijdelijk bestand achtergebleven


def test_geen_float_voor_geld():
    bron = (PROJECT / "doorbraak" / "export" / "monitor_xlsx.py").read_text(encoding="utf-8")
    assert "float(" not in bron
