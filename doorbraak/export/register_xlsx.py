"""`register.xlsx`: het register zoals financiën het in Excel leest (een afgeleide weergave; de
records in de registermap zijn de bron)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from doorbraak.domein.geld import formatteer
from doorbraak.export.excel import EURO, bewaar_werkmap, kolombreedtes, maak_tabel, tekstcel
from doorbraak.register.opslag import persoon
from doorbraak.register.workflow import Registerstand
from doorbraak.uitvoer import REGISTER_XLSX

KOLOMMEN = (
    "aanvraag", "casus_id", "titel", "status", "route", "bedrag", "vermeden_kosten", "netto_rendement",
    "rendement_ratio", "discontovoet", "netto_rendement_contant", "terugverdienjaar", "ingediend_door",
    "ingediend_op", "getoetst_door", "getoetst_op", "besloten_door", "besloten_op", "reden", "prijslijst_versie",
    "prijslijst_hash",
)
BEDRAGEN = ("bedrag", "vermeden_kosten", "netto_rendement", "netto_rendement_contant")
OPMAAK = {"discontovoet": "0.00####%"}


def _terugverdienjaar(g: dict) -> int | str | None:
    """Het jaar, of 'niet binnen N jaar'; leeg bij een aanvraag van vóór rekenmodel 2 (zonder deze gegevens)."""
    if "terugverdienjaar" not in g:
        return None
    jaar = g["terugverdienjaar"]
    return jaar if jaar is not None else f"niet binnen {len(g.get('per_jaar') or [])} jaar"


def schrijf_register_xlsx(st: Registerstand, pad: Path | str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    for k, naam in enumerate(KOLOMMEN, 1):
        tekstcel(ws.cell(1, k), naam)
        ws.cell(1, k).font = Font(bold=True)
    for r, a in enumerate(st.aanvragen, 2):
        g = a.gegevens
        toetsing, besluit = a.toetsing or {}, a.besluit or {}
        contant = g.get("contant") or {}  # leeg bij een aanvraag van vóór rekenmodel 2
        waarden = {
            "aanvraag": a.aanvraag, "casus_id": a.casus_id, "titel": a.titel, "status": a.status, "route": a.route,
            "bedrag": a.bedrag, "vermeden_kosten": Decimal(g["vermeden_kosten"]),
            "netto_rendement": Decimal(g["netto_rendement"]),
            "rendement_ratio": Decimal(g["rendement_ratio"]) if g.get("rendement_ratio") else None,
            "discontovoet": Decimal(contant["discontovoet"]) if contant else None,
            "netto_rendement_contant": Decimal(contant["netto_rendement"]) if contant else None,
            "terugverdienjaar": _terugverdienjaar(g),
            # de naam die het register kent, met de login ernaast: "Anna de Vries (anna)"
            "ingediend_door": persoon(a.indiener), "ingediend_op": a.ingediend_op,
            "getoetst_door": persoon(toetsing.get("gebruiker")), "getoetst_op": toetsing.get("tijd", ""),
            "besloten_door": persoon(besluit.get("gebruiker")), "besloten_op": besluit.get("tijd", ""),
            "reden": " / ".join(x for x in (toetsing.get("reden"), besluit.get("reden")) if x),
            "prijslijst_versie": g["prijslijst"]["versie"], "prijslijst_hash": g["prijslijst"]["inhoud_hash"],
        }
        for k, naam in enumerate(KOLOMMEN, 1):
            waarde = waarden[naam]
            cel = ws.cell(r, k)
            if isinstance(waarde, Decimal):
                cel.value = waarde
                cel.number_format = EURO if naam in BEDRAGEN else OPMAAK.get(naam, "0.00")
            elif isinstance(waarde, int):
                cel.value = waarde
            elif waarde:
                tekstcel(cel, str(waarde))
    maak_tabel(ws, "Aanvragen", len(KOLOMMEN), len(st.aanvragen) + 1)
    kolombreedtes(ws)

    wb_budget = wb.create_sheet("Budget")
    regels = [("budget_totaal", st.budget), ("toegekend", st.toegekend), ("beschikbaar", st.beschikbaar),
              ("vier-ogengrens", st.instellingen.limiet), ("escalatie", st.instellingen.beslissers),
              ("aantal records", st.aantal_records), ("kop van de hashketen", st.kop_hash)]
    if st.nacalculaties:
        regels.append(("vrijgevallen (nacalculatie)", st.vrijgevallen))
    if st.jaarmodus:
        regels += [("budgetjaar", str(st.budgetjaar)), ("kostenplaats", st.instellingen.kostenplaats)]
        regels += [(f"pot {j['jaar']}: budget / toegekend / vrijgevallen / beschikbaar",
                    " / ".join(formatteer(j[k]) for k in ("budget", "toegekend", "vrijgevallen", "beschikbaar")))
                   for j in st.jaren()]
    for r, (sleutel, waarde) in enumerate(regels, 1):
        tekstcel(wb_budget.cell(r, 1), sleutel)
        wb_budget.cell(r, 1).font = Font(bold=True)
        cel = wb_budget.cell(r, 2)
        if isinstance(waarde, Decimal):
            cel.value = waarde
            cel.number_format = EURO
        elif isinstance(waarde, int):
            cel.value = waarde
        else:
            tekstcel(cel, waarde)
    # toegekend per maand (van goedkeuring) en per categorie
    per_maand: dict[str, Decimal] = {}
    per_categorie: dict[str, Decimal] = {}
    for a in st.aanvragen:
        if a.status != "goedgekeurd":
            continue
        stap = a.besluit if a.besluit and a.besluit.get("uitkomst") == "goedgekeurd" else a.toetsing
        maand = (stap or {}).get("tijd", a.ingediend_op)[:7]
        per_maand[maand] = per_maand.get(maand, Decimal("0.00")) + a.bedrag
        categorie = ", ".join(a.gegevens.get("categorieen") or []) or "(geen categorie)"
        per_categorie[categorie] = per_categorie.get(categorie, Decimal("0.00")) + a.bedrag
    rij = len(regels) + 2
    for titel, tabel, naam in (("toegekend per maand", sorted(per_maand.items()), "PerMaand"),
                               ("toegekend per categorie", sorted(per_categorie.items()), "PerCategorie")):
        tekstcel(wb_budget.cell(rij, 1), titel)
        wb_budget.cell(rij, 1).font = Font(bold=True)
        rij += 1
        begin = rij
        tekstcel(wb_budget.cell(rij, 1), "maand" if naam == "PerMaand" else "categorie")
        tekstcel(wb_budget.cell(rij, 2), "toegekend")
        for sleutel, bedrag in tabel:
            rij += 1
            tekstcel(wb_budget.cell(rij, 1), sleutel)
            wb_budget.cell(rij, 2, bedrag).number_format = EURO
        tabelobject = Table(displayName=naam, ref=f"A{begin}:B{max(rij, begin + 1)}")
        tabelobject.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        wb_budget.add_table(tabelobject)
        rij += 2
    kolombreedtes(wb_budget, maximum=70)
    _wijzigingen(wb, st)
    bewaar_werkmap(wb, pad, REGISTER_XLSX)


def _wijzigingen(wb, st: Registerstand) -> None:
    """Wie de instellingen wijzigde of een herstel uit een back-up aanvaardde, wanneer en waarom."""
    from openpyxl.styles import Font

    ws = wb.create_sheet("Wijzigingen")
    kop = ("record", "tijd", "wie", "soort", "reden", "inhoud")
    for k, naam in enumerate(kop, 1):
        tekstcel(ws.cell(1, k), naam)
        ws.cell(1, k).font = Font(bold=True)
    records = sorted(st.wijzigingen + st.herstellingen, key=lambda r: r["volgnummer"])
    for r, record in enumerate(records, 2):
        g = record["gegevens"]
        if record["soort"] == "instellingen":
            i = g["instellingen"]
            inhoud = (f"budget {i['budget']}, limiet {i['limiet']}, escalatie {', '.join(i['escalatie'])}"
                      + (f", namen {', '.join(f'{k}={v}' for k, v in (i.get('namen') or {}).items())}" if i.get("namen") else ""))
        else:
            gezien = g.get("gezien") or {}
            inhoud = (f"keten had {g['kop_voor_herstel']['aantal']} records"
                      + (f"; de aanvaarder had er {gezien['aantal']} gezien" if gezien else ""))
        ws.cell(r, 1, record["volgnummer"])
        for k, waarde in enumerate((record["tijd"], persoon(record["gebruiker"]), record["soort"], g.get("reden", ""),
                                    inhoud), 2):
            tekstcel(ws.cell(r, k), waarde)
    kolombreedtes(ws, maximum=70)
