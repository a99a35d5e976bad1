"""De casus als spreadsheet voor financiën: samenvatting, kostenregels, interventie en gebruikte prijzen.

Bedragen zijn getallen met euro-opmaak; naast de waarden staan formules die regelbedragen en
totalen narekenen (ROUND(eenheidsprijs × aantal × kans; 2) en SOM), zodat een controller kan
volgen hoe elk bedrag ontstaat. De waarden zelf komen uit de berekening van Doorbraak.

Meer jaren (rekenmodel 2): per regel het jaar en de contante waarde, met ernaast
ROUND(bedrag / (1 + discontovoet)^(jaar − 1); 2), waarbij de discontovoet in één cel op het blad
Samenvatting staat; de contante totalen als SOM; bladen per jaar, met de scenario's en met de
grondslagen. Formules die openpyxl schrijft hebben nog geen opgeslagen uitkomst: Excel en
LibreOffice rekenen ze uit bij het openen.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from doorbraak.domein.berekening import Businesscase
from doorbraak.domein.casus import Casus
from doorbraak.export.excel import EURO, bewaar_werkmap, kolombreedtes, maak_tabel, tekstcel
from doorbraak.samenvatting import discontobron
from doorbraak.uitvoer import CASUS_XLSX

#: 'bedrag scenario laag' is het bedrag van de regel in het voorzichtige scenario: een regel zonder doorbraak met
#: kans_laag, een regel met doorbraak met kans_hoog ('bedrag scenario hoog' omgekeerd)
KOSTKOLOMMEN = ("kant", "regel", "code", "omschrijving", "eenheid", "eenheidsprijs", "aantal", "kans", "bedrag",
                "bedrag (formule)", "jaar", "contant", "contant (formule)", "bedrag scenario laag",
                "bedrag scenario hoog", "financier", "prijsjaar", "indexreeks", "indexfactor", "bron")
KOSTBEDRAGEN = ("eenheidsprijs", "bedrag", "contant", "bedrag scenario laag", "bedrag scenario hoog")
INTERVENTIEKOLOMMEN = ("omschrijving", "categorie", "bedrag", "jaar", "contant", "contant (formule)")
JAARKOLOMMEN = ("jaar", "zonder", "met", "interventie", "vermeden", "netto", "zonder (formule)", "met (formule)",
                "interventie (formule)", "netto contant t/m dit jaar (formule)")
SCENARIOKOLOMMEN = ("scenario", "kosten zonder doorbraak", "kosten met doorbraak", "vermeden kosten", "interventie",
                    "netto maatschappelijk rendement", "rendementsratio", "kosten zonder (formule)",
                    "kosten met (formule)", "netto (formule)")
GRONDSLAGKOLOMMEN = ("code", "wet", "artikel", "toelichting", "omschrijving", "url", "gecontroleerd op")
PROCENT = "0.00####%"


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

    def kop(blad, kolommen) -> None:
        for k, naam in enumerate(kolommen, 1):
            tekst(blad.cell(1, k), naam, "kop")
            blad.cell(1, k).font = vet

    kol = {naam: get_column_letter(k) for k, naam in enumerate(KOSTKOLOMMEN, 1)}
    ikol = {naam: get_column_letter(k) for k, naam in enumerate(INTERVENTIEKOLOMMEN, 1)}
    regels = [("zonder", u) for u in bc.zonder] + [("met", u) for u in bc.met]
    laatste = len(regels) + 1
    ilaatste = len(casus.interventie) + 1

    def kostbereik(naam: str) -> str:
        return f"Kostenregels!{kol[naam]}2:{kol[naam]}{laatste}"

    def interventiebereik(naam: str) -> str:
        return f"Interventie!{ikol[naam]}2:{ikol[naam]}{ilaatste}"

    def per_kant(kolom: str, kant: str, *voorwaarden: str) -> str:
        return f"SUMIFS({kostbereik(kolom)},{kostbereik('kant')},\"{kant}\"{''.join(',' + v for v in voorwaarden)})"

    # --- samenvatting: eerst de rijen, want de regelformules verwijzen naar de cel met de discontovoet
    zonder, met = per_kant("bedrag", "zonder"), per_kant("bedrag", "met")
    interventie = f"SUM({interventiebereik('bedrag')})"
    czonder, cmet = per_kant("contant", "zonder"), per_kant("contant", "met")
    cinterventie = f"SUM({interventiebereik('contant')})"

    def ratio(vermeden: str, investering: str) -> str:
        return f"=IF({investering}=0,\"geen\",ROUND(({vermeden})/{investering},2))"

    def of_geen(r: Decimal | None) -> Decimal | str:
        return r if r is not None else "geen"

    rijen: list[tuple[str, object, str | None]] = [
        ("casus", casus.casus_id, None), ("titel", casus.titel, None), ("datum (prijspeil)", casus.datum.isoformat(), None),
        ("oefencasus", "ja" if casus.is_oefening else "nee", None),
        ("kosten zonder doorbraak", bc.kosten_zonder, f"={zonder}"),
        ("kosten met doorbraak", bc.kosten_met, f"={met}"),
        ("vermeden kosten", bc.vermeden_kosten, f"={zonder}-{met}"),
        ("interventie", bc.interventie_totaal, f"={interventie}"),
        ("netto maatschappelijk rendement", bc.netto_rendement, f"={zonder}-{met}-{interventie}"),
        ("rendementsratio", of_geen(bc.rendement_ratio), ratio(f"{zonder}-{met}", interventie)),
        ("discontovoet", bc.discontovoet, None), ("bron discontovoet", discontobron(casus, bc), None),
        ("horizon (jaren)", bc.horizon_jaren, None),
        ("contant: kosten zonder doorbraak", bc.contant.kosten_zonder, f"={czonder}"),
        ("contant: kosten met doorbraak", bc.contant.kosten_met, f"={cmet}"),
        ("contant: vermeden kosten", bc.contant.vermeden_kosten, f"={czonder}-{cmet}"),
        ("contant: interventie", bc.contant.interventie_totaal, f"={cinterventie}"),
        ("contant: netto maatschappelijk rendement", bc.contant.netto_rendement, f"={czonder}-{cmet}-{cinterventie}"),
        ("contant: rendementsratio", of_geen(bc.contant.rendement_ratio), ratio(f"{czonder}-{cmet}", cinterventie)),
        ("terugverdienjaar", bc.terugverdienjaar if bc.terugverdienjaar is not None
         else f"niet terugverdiend binnen de horizon van {bc.horizon_jaren} jaar", None),
        ("route", bc.route, None), ("vier-ogengrens", bc.limiet, None),
        ("eerder goedgekeurd voor deze casus", bc.eerder_goedgekeurd, None),
        ("prijslijst versie", bc.prijslijst_versie, None), ("prijslijst inhoudshash", bc.prijslijst_hash, None),
    ] + [(k, w, None) for k, w in (extra or [])]
    voet = f"Samenvatting!$B${[naam for naam, _, _ in rijen].index('discontovoet') + 2}"

    # --- kostenregels
    ws = wb.create_sheet("Kostenregels")
    kop(ws, KOSTKOLOMMEN)
    for r, (kant, u) in enumerate(regels, 2):
        waarden = {
            "kant": kant, "regel": u.pad, "code": u.code or "eigen", "omschrijving": u.omschrijving, "eenheid": u.eenheid,
            "eenheidsprijs": u.eenheidsprijs, "aantal": u.aantal, "kans": u.kans, "bedrag": u.bedrag,
            "jaar": u.jaar, "contant": u.contant,
            "bedrag scenario laag": u.bedrag_laag, "bedrag scenario hoog": u.bedrag_hoog,
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
            if naam == "contant (formule)":
                cel.value = f"=ROUND({kol['bedrag']}{r}/(1+{voet})^({kol['jaar']}{r}-1),2)"
                cel.number_format = EURO
                continue
            waarde = waarden[naam]
            if isinstance(waarde, Decimal):
                cel.value = waarde
                cel.number_format = EURO if naam in KOSTBEDRAGEN else (
                    "0.000000" if naam == "indexfactor" else "General")
            elif isinstance(waarde, int):
                cel.value = waarde
            elif waarde:
                tekst(cel, str(waarde), f"Kostenregels!{kol[naam]}{r}")
    maak_tabel(ws, "Kostenregels", len(KOSTKOLOMMEN), laatste)
    kolombreedtes(ws)

    # --- interventie
    wi = wb.create_sheet("Interventie")
    kop(wi, INTERVENTIEKOLOMMEN)
    for r, (regel, uitkomst) in enumerate(zip(casus.interventie, bc.interventie), 2):
        tekst(wi.cell(r, 1), regel.omschrijving, f"Interventie!A{r}")
        if regel.categorie:
            tekst(wi.cell(r, 2), regel.categorie, f"Interventie!B{r}")
        wi.cell(r, 3, uitkomst.bedrag).number_format = EURO
        wi.cell(r, 4, uitkomst.jaar)
        wi.cell(r, 5, uitkomst.contant).number_format = EURO
        wi.cell(r, 6, f"=ROUND({ikol['bedrag']}{r}/(1+{voet})^({ikol['jaar']}{r}-1),2)").number_format = EURO
    maak_tabel(wi, "Interventie", len(INTERVENTIEKOLOMMEN), ilaatste)
    kolombreedtes(wi)

    # --- per jaar (nominaal), met de contante netto-opbrengst tot en met elk jaar: het terugverdienjaar is het
    # eerste jaar waarin die 0 of meer is
    wj = wb.create_sheet("Per jaar")
    kop(wj, JAARKOLOMMEN)
    for r, j in enumerate(bc.per_jaar, 2):
        for k, bedrag in enumerate((j.zonder, j.met, j.interventie, j.vermeden, j.netto), 2):
            wj.cell(r, k, bedrag).number_format = EURO
        wj.cell(r, 1, j.jaar)
        tot = f"\"<=\"&A{r}"
        for k, formule in enumerate((
                per_kant("bedrag", "zonder", kostbereik("jaar"), f"A{r}"),
                per_kant("bedrag", "met", kostbereik("jaar"), f"A{r}"),
                f"SUMIFS({interventiebereik('bedrag')},{interventiebereik('jaar')},A{r})",
                f"{per_kant('contant', 'zonder', kostbereik('jaar'), tot)}-{per_kant('contant', 'met', kostbereik('jaar'), tot)}"
                f"-SUMIFS({interventiebereik('contant')},{interventiebereik('jaar')},{tot})"), 7):
            wj.cell(r, k, f"={formule}").number_format = EURO
    maak_tabel(wj, "PerJaar", len(JAARKOLOMMEN), len(bc.per_jaar) + 1)
    kolombreedtes(wj)

    # --- scenario's (nominaal): laag en hoog tellen de kolommen 'bedrag scenario laag' en
    # 'bedrag scenario hoog' van de kostenregels op
    wsc = wb.create_sheet("Scenario's")
    kop(wsc, SCENARIOKOLOMMEN)
    kolom_van = {"laag": "bedrag scenario laag", "midden": "bedrag", "hoog": "bedrag scenario hoog"}
    for r, (naam, sc) in enumerate(bc.scenarios.items(), 2):
        tekst(wsc.cell(r, 1), naam, "Scenario's")
        for k, bedrag in enumerate((sc.kosten_zonder, sc.kosten_met, sc.vermeden_kosten, sc.interventie_totaal,
                                    sc.netto_rendement), 2):
            wsc.cell(r, k, bedrag).number_format = EURO
        if sc.rendement_ratio is None:
            tekst(wsc.cell(r, 7), "geen", "Scenario's")
        else:
            wsc.cell(r, 7, sc.rendement_ratio).number_format = "0.00"
        wsc.cell(r, 8, f"={per_kant(kolom_van[naam], 'zonder')}").number_format = EURO
        wsc.cell(r, 9, f"={per_kant(kolom_van[naam], 'met')}").number_format = EURO
        wsc.cell(r, 10, f"=H{r}-I{r}-{interventie}").number_format = EURO
    maak_tabel(wsc, "Scenarios", len(SCENARIOKOLOMMEN), len(bc.scenarios) + 1)
    kolombreedtes(wsc)

    # --- grondslagen
    wg = wb.create_sheet("Grondslagen")
    kop(wg, GRONDSLAGKOLOMMEN)
    for r, g in enumerate(bc.grondslagen, 2):
        gs = g.grondslag
        for k, waarde in enumerate((gs.code, gs.wet, gs.artikel, g.toelichting, gs.omschrijving, gs.url,
                                    gs.gecontroleerd_op.isoformat()), 1):
            if waarde:
                tekst(wg.cell(r, k), waarde, f"Grondslagen!{get_column_letter(k)}{r}")
    maak_tabel(wg, "Grondslagen", len(GRONDSLAGKOLOMMEN), len(bc.grondslagen) + 1)
    kolombreedtes(wg)

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
    kop(samen, ("onderdeel", "waarde", "controle (formule)"))
    for w in bc.waarschuwingen:
        rijen.append(("waarschuwing", w, None))
    for r, (naam, waarde, formule) in enumerate(rijen, 2):
        tekst(samen.cell(r, 1), naam, "Samenvatting")
        cel = samen.cell(r, 2)
        opmaak = "0.00" if naam.endswith("rendementsratio") else PROCENT if naam == "discontovoet" else EURO
        if isinstance(waarde, Decimal):
            cel.value = waarde
            cel.number_format = opmaak
        elif isinstance(waarde, int):
            cel.value = waarde
        else:
            tekst(cel, str(waarde), f"Samenvatting!B{r}")
        if formule:
            samen.cell(r, 3).value = formule
            samen.cell(r, 3).number_format = opmaak
    if ingekort:
        r = len(rijen) + 3
        tekst(samen.cell(r, 1), "let op", "Samenvatting")
        tekst(samen.cell(r, 2), f"uit {len(ingekort)} cel(len) zijn tekens weggelaten die Excel niet kan bewaren: "
                                + ", ".join(ingekort[:20]), "Samenvatting")
    samen.freeze_panes = "A2"
    kolombreedtes(samen, maximum=80)
    bewaar_werkmap(wb, pad, CASUS_XLSX)
    return ingekort
