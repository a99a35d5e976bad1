"""De casus als spreadsheet voor financiën: samenvatting, kostenregels, interventie en gebruikte prijzen.

Bedragen zijn getallen met euro-opmaak; naast de waarden staan formules die regelbedragen en
totalen narekenen (ROUND(eenheidsprijs × aantal × kans; 2) en SOM), zodat een controller kan
volgen hoe elk bedrag ontstaat. De waarden zelf komen uit de berekening van Doorbraak.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from doorbraak.domein.berekening import Businesscase
from doorbraak.domein.casus import Casus
from doorbraak.export.excel import EURO, bewaar_werkmap, kolombreedtes, maak_tabel, tekstcel
from doorbraak.uitvoer import CASUS_XLSX

KOSTKOLOMMEN = ("kant", "regel", "code", "omschrijving", "eenheid", "eenheidsprijs", "aantal", "kans", "bedrag",
                "bedrag (formule)", "financier", "prijsjaar", "indexreeks", "indexfactor", "bron")


def schrijf_casus_xlsx(casus: Casus, bc: Businesscase, pad: Path | str, extra: list[tuple[str, str]] | None = None) -> list[str]:
    """Schrijf de werkmap; geeft de cellen waaruit tekens zijn weggelaten die Excel niet kan bewaren."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ingekort: list[str] = []
    vet = Font(bold=True)

    def tekst(cel, waarde: str, waar: str) -> None:
        if tekstcel(cel, waarde):
            ingekort.append(waar)

    wb = Workbook()
    samen = wb.active
    samen.title = "Samenvatting"

    # --- kostenregels (eerst: de samenvatting verwijst ernaar)
    ws = wb.create_sheet("Kostenregels")
    for k, naam in enumerate(KOSTKOLOMMEN, 1):
        tekst(ws.cell(1, k), naam, "kop")
        ws.cell(1, k).font = vet
    kol = {naam: get_column_letter(k) for k, naam in enumerate(KOSTKOLOMMEN, 1)}
    regels = [("zonder", u) for u in bc.zonder] + [("met", u) for u in bc.met]
    for r, (kant, u) in enumerate(regels, 2):
        waarden = {
            "kant": kant, "regel": u.pad, "code": u.code or "eigen", "omschrijving": u.omschrijving, "eenheid": u.eenheid,
            "eenheidsprijs": u.eenheidsprijs, "aantal": u.aantal, "kans": u.kans, "bedrag": u.bedrag,
            "financier": u.financier, "prijsjaar": u.prijsjaar, "indexreeks": u.indexreeks or "",
            "indexfactor": Decimal(u.indexfactor.numerator) / Decimal(u.indexfactor.denominator),
            "bron": u.bron,
        }
        for k, naam in enumerate(KOSTKOLOMMEN, 1):
            cel = ws.cell(r, k)
            if naam == "bedrag (formule)":
                cel.value = f"=ROUND({kol['eenheidsprijs']}{r}*{kol['aantal']}{r}*{kol['kans']}{r},2)"
                cel.number_format = EURO
                continue
            waarde = waarden[naam]
            if isinstance(waarde, Decimal):
                cel.value = waarde
                cel.number_format = EURO if naam in ("eenheidsprijs", "bedrag") else (
                    "0.000000" if naam == "indexfactor" else "General")
            elif isinstance(waarde, int):
                cel.value = waarde
            elif waarde:
                tekst(cel, str(waarde), f"Kostenregels!{kol[naam]}{r}")
    laatste = len(regels) + 1
    maak_tabel(ws, "Kostenregels", len(KOSTKOLOMMEN), laatste)
    kolombreedtes(ws)

    # --- interventie
    wi = wb.create_sheet("Interventie")
    for k, naam in enumerate(("omschrijving", "categorie", "bedrag"), 1):
        tekst(wi.cell(1, k), naam, "kop")
        wi.cell(1, k).font = vet
    for r, regel in enumerate(casus.interventie, 2):
        tekst(wi.cell(r, 1), regel.omschrijving, f"Interventie!A{r}")
        if regel.categorie:
            tekst(wi.cell(r, 2), regel.categorie, f"Interventie!B{r}")
        wi.cell(r, 3, regel.bedrag).number_format = EURO
    maak_tabel(wi, "Interventie", 3, len(casus.interventie) + 1)
    kolombreedtes(wi)

    # --- prijzen die gebruikt zijn
    wp = wb.create_sheet("Prijzen")
    pkop = ("code", "omschrijving", "eenheid", "bedrag in prijsjaar", "prijsjaar", "indexreeks", "indexfactor",
            "eenheidsprijs casusjaar", "financier", "bron")
    for k, naam in enumerate(pkop, 1):
        tekst(wp.cell(1, k), naam, "kop")
        wp.cell(1, k).font = vet
    gezien: dict[str, object] = {}
    for u in bc.zonder + bc.met:
        if u.code and u.code not in gezien:
            gezien[u.code] = u
    for r, u in enumerate(gezien.values(), 2):
        rij = (u.code, u.omschrijving, u.eenheid, u.bedrag_bron, u.prijsjaar, u.indexreeks or "",
               Decimal(u.indexfactor.numerator) / Decimal(u.indexfactor.denominator), u.eenheidsprijs, u.financier, u.bron)
        for k, waarde in enumerate(rij, 1):
            cel = wp.cell(r, k)
            if isinstance(waarde, Decimal):
                cel.value = waarde
                cel.number_format = "0.000000" if k == 7 else EURO
            elif isinstance(waarde, int):
                cel.value = waarde
            elif waarde:
                tekst(cel, str(waarde), f"Prijzen!{get_column_letter(k)}{r}")
    maak_tabel(wp, "Prijzen", len(pkop), len(gezien) + 1)
    kolombreedtes(wp)

    # --- samenvatting: waarden uit de berekening, met formules ernaast ter controle
    for k, naam in enumerate(("onderdeel", "waarde", "controle (formule)"), 1):
        tekst(samen.cell(1, k), naam, "kop")
        samen.cell(1, k).font = vet
    b, kant = kol["bedrag"], kol["kant"]
    zonder = f"SUMIFS(Kostenregels!{b}2:{b}{laatste},Kostenregels!{kant}2:{kant}{laatste},\"zonder\")"
    met = f"SUMIFS(Kostenregels!{b}2:{b}{laatste},Kostenregels!{kant}2:{kant}{laatste},\"met\")"
    interventie = f"SUM(Interventie!C2:C{len(casus.interventie) + 1})"
    rijen: list[tuple[str, object, str | None]] = [
        ("casus", casus.casus_id, None), ("titel", casus.titel, None), ("datum (prijspeil)", casus.datum.isoformat(), None),
        ("oefencasus", "ja" if casus.is_oefening else "nee", None),
        ("kosten zonder doorbraak", bc.kosten_zonder, f"={zonder}"),
        ("kosten met doorbraak", bc.kosten_met, f"={met}"),
        ("vermeden kosten", bc.vermeden_kosten, f"={zonder}-{met}"),
        ("interventie", bc.interventie_totaal, f"={interventie}"),
        ("netto maatschappelijk rendement", bc.netto_rendement, f"={zonder}-{met}-{interventie}"),
        ("rendementsratio", bc.rendement_ratio if bc.rendement_ratio is not None else "geen",
         f"=IF({interventie}=0,\"geen\",ROUND(({zonder}-{met})/{interventie},2))"),
        ("route", bc.route, None), ("vier-ogengrens", bc.limiet, None),
        ("eerder goedgekeurd voor deze casus", bc.eerder_goedgekeurd, None),
        ("prijslijst versie", bc.prijslijst_versie, None), ("prijslijst inhoudshash", bc.prijslijst_hash, None),
    ] + [(k, w, None) for k, w in (extra or [])]
    for w in bc.waarschuwingen:
        rijen.append(("waarschuwing", w, None))
    for r, (naam, waarde, formule) in enumerate(rijen, 2):
        tekst(samen.cell(r, 1), naam, "Samenvatting")
        cel = samen.cell(r, 2)
        if isinstance(waarde, Decimal):
            cel.value = waarde
            cel.number_format = "0.00" if naam == "rendementsratio" else EURO
        else:
            tekst(cel, str(waarde), f"Samenvatting!B{r}")
        if formule:
            samen.cell(r, 3).value = formule
            samen.cell(r, 3).number_format = "0.00" if naam == "rendementsratio" else EURO
    if ingekort:
        r = len(rijen) + 3
        tekst(samen.cell(r, 1), "let op", "Samenvatting")
        tekst(samen.cell(r, 2), f"uit {len(ingekort)} cel(len) zijn tekens weggelaten die Excel niet kan bewaren: "
                                + ", ".join(ingekort[:20]), "Samenvatting")
    samen.freeze_panes = "A2"
    kolombreedtes(samen, maximum=80)
    bewaar_werkmap(wb, pad, CASUS_XLSX)
    return ingekort
