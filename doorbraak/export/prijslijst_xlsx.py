"""De prijslijst in Excel: exporteren voor de afdeling financiën en weer inlezen.

Inlezen is vergevingsgezind in de vorm (een titelregel boven de kop, samengevoegde kopcellen,
lege rijen, Nederlandse decimaalkomma's en €-tekens) maar streng in de inhoud: elke rij die niet
klopt wordt met rijnummer, code en veld gemeld.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from doorbraak.domein.fouten import InvoerFout, Probleem
from doorbraak.domein.geld import lees_bedrag, lees_invoer, toon_waarde
from doorbraak.domein.prijslijst import KOLOMMEN, OPTIONELE_KOLOMMEN, Prijslijst
from doorbraak.domein.prijslijst import kolommen as prijslijstkolommen
from doorbraak.domein.prijslijstcontrole import PrijslijstInvoer
from doorbraak.export.excel import Werkmap
from doorbraak.uitvoer import PRIJSLIJST_XLSX
from openpyxl.utils import get_column_letter

BLAD_PRIJZEN = "Prijslijst"
BLAD_INDEX = "Indexcijfers"
BLAD_VERSIE = "Versie"
BLAD_UITLEG = "Uitleg"
BEDRAGKOLOMMEN = ("bedrag", "bedrag_min", "bedrag_max")
BEKENDE_KOLOMMEN = (*KOLOMMEN, *OPTIONELE_KOLOMMEN, "jaar", "cpi", "ova")
SYNONIEMEN = {
    "omschrijving": "naam", "prijs": "bedrag", "bedrag_in_euro": "bedrag", "bedrag_euro": "bedrag",
    "minimum": "bedrag_min", "min": "bedrag_min", "maximum": "bedrag_max", "max": "bedrag_max",
    "gecontroleerd": "gecontroleerd_op", "laatst_gecontroleerd": "gecontroleerd_op", "link": "url",
    "bron_url": "url", "type_bron": "brontype", "jaar_prijspeil": "prijsjaar", "prijspeil": "prijsjaar",
    "overlapgroepen": "overlapgroep", "overlap_groep": "overlapgroep", "overlap": "overlapgroep",
    "herzieningsmoment": "herziening", "herzien": "herziening", "geldig_per": "geldig_vanaf",
    "ingangsdatum": "geldig_vanaf", "geldig_sinds": "geldig_vanaf",
}

UITLEG = [
    "Zo werk je deze prijslijst bij",
    "1. Pas bedragen, bronnen en datums aan op het blad Prijslijst; voeg rijen toe onderaan de tabel.",
    "2. Bedragen in euro's met hoogstens twee decimalen; een decimaalkomma (12,50) of €-teken mag.",
    "3. Elke rij heeft een bron, een url, een brontype (O, R of S) en de datum gecontroleerd_op.",
    "4. Geeft de bron een bandbreedte, vul dan bedrag_min en bedrag_max in en leg in toelichting uit welk bedrag je koos.",
    "5. overlapgroep: items die dezelfde kosten prijzen (zoals hbh voor twee tarieven hulp bij het huishouden) krijgen "
    "dezelfde groepsnaam in kleine letters; een totaal dat met elk onderdeel overlapt krijgt meer groepen met een spatie ertussen.",
    "6. herziening (alleen bij indexatie geen): jaarlijks, halfjaarlijks of wetswijziging; geldig_vanaf: de datum vanaf "
    "wanneer het vaste bedrag geldt (leeg: 1 januari van het prijsjaar).",
    "7. Zet op het blad Versie een nieuw versienummer (zoals 2027.2), de datum en je naam.",
    "8. Controleer: doorbraak prijslijst controleer BESTAND.xlsx",
    "9. Lees in: doorbraak prijslijst importeer BESTAND.xlsx --naar MAP (er wordt niets geschreven als er een fout in staat).",
]


def exporteer_prijslijst(prijslijst: Prijslijst, pad: Path | str) -> list[str]:
    """Schrijf de prijslijst als Excel-werkmap (bladen Prijslijst, Indexcijfers, Versie, Uitleg).

    Geeft de cellen terug waaruit tekens zijn weggelaten die Excel niet kan bewaren (stuurtekens), als
    `CODE.kolom`.
    """
    wm = Werkmap(PRIJSLIJST_XLSX, "Prijslijst doorbraakbudget")
    ws = wm.blad(BLAD_PRIJZEN)
    kop = prijslijstkolommen(prijslijst.items, alle_aanvullende=True)
    ingekort: list[str] = []
    for r, item in enumerate(prijslijst.items.values(), 1):
        waarden = item.als_waarden()
        for k, naam in enumerate(kop):
            if naam in BEDRAGKOLOMMEN:
                ws.waarde(r, k, getattr(item, naam), "euro")
            elif naam == "prijsjaar":
                ws.getal(r, k, item.prijsjaar)
            elif naam in ("gecontroleerd_op", "geldig_vanaf"):
                ws.waarde(r, k, getattr(item, naam))
            elif waarden.get(naam):
                voor = len(wm.ingekort)
                ws.tekst(r, k, waarden[naam])
                if len(wm.ingekort) > voor:
                    ingekort.append(f"{item.code}.{naam}")
    ws.tabel("Prijzen", kop, len(prijslijst.items))
    ws.kolombreedtes()

    wi = wm.blad(BLAD_INDEX)
    jaren = sorted(set(prijslijst.indexcijfers.get("cpi", {})) | set(prijslijst.indexcijfers.get("ova", {})))
    for r, jaar in enumerate(jaren, 1):
        wi.getal(r, 0, jaar)
        for k, reeks in enumerate(("cpi", "ova"), 1):
            wi.waarde(r, k, prijslijst.indexcijfers.get(reeks, {}).get(jaar))
    wi.tabel("Index", ("jaar", "cpi", "ova"), len(jaren))
    wi.kolombreedtes()

    wv = wm.blad(BLAD_VERSIE)
    versie = prijslijst.versie.als_dict() if prijslijst.versie else {}
    regels = [("versie", versie.get("versie", "")), ("datum", _als_datum(versie.get("datum", ""))),
              ("vastgesteld_door", versie.get("vastgesteld_door", "")), ("opmerking", versie.get("opmerking", "")),
              ("discontovoet", versie.get("discontovoet", "")),
              ("inhoud_hash (ter informatie)", prijslijst.inhoud_hash)]
    for r, (sleutel, waarde) in enumerate(regels):
        wv.tekst(r, 0, sleutel, "kop")
        wv.waarde(r, 1, waarde)
    wv.kolombreedtes(maximum=90)

    wu = wm.blad(BLAD_UITLEG)
    for r, regel in enumerate(UITLEG):
        wu.tekst(r, 0, regel, "kop" if r == 0 else None, meten=False)
    wu.ws.set_column(0, 0, 110)
    wm.bewaar(pad)
    return ingekort


def _als_datum(tekst: str) -> date | str:
    """Een ISO-datum als echte datum; iets anders blijft tekst (het inlezen meldt het dan)."""
    try:
        return date.fromisoformat(tekst)
    except (TypeError, ValueError):
        return tekst


# ---------------------------------------------------------------- inlezen


def lees_prijslijst_xlsx(pad: Path | str) -> PrijslijstInvoer:
    """Lees een Excel-prijslijst als ruwe rijen met tekstwaarden (voor controle en import)."""
    from openpyxl import load_workbook

    pad = Path(pad)
    try:
        wb = load_workbook(pad, data_only=True)
        formules = load_workbook(pad, data_only=False)  # om formules zonder berekende waarde te herkennen
    except FileNotFoundError:
        raise InvoerFout(Probleem(str(pad), "bestand niet gevonden")) from None
    except PermissionError:
        raise InvoerFout(Probleem(str(pad), "geen toegang tot het bestand (is het geopend in Excel?)")) from None
    except Exception:  # openpyxl meldt een kapot bestand met allerlei fouttypen
        raise InvoerFout(Probleem(str(pad), "is geen leesbaar Excel-bestand (.xlsx)")) from None

    problemen: list[Probleem] = []
    blad = _zoek_blad(wb, BLAD_PRIJZEN, ("code", "bedrag"))
    if blad is None:
        raise InvoerFout(Probleem(str(pad), "geen blad met een kopregel met 'code' en 'bedrag' gevonden"))
    kop, rijen = _tabel(blad, formules[blad.title], ("code", "bedrag"), problemen)
    item_rijen = []
    for plaats, cellen in rijen:
        code = str(cellen.get("code") or "").strip()
        fouten_voor = len(problemen)
        waarden = {}
        for naam, waarde in cellen.items():
            try:
                waarden[naam] = _als_tekst(naam, waarde)
            except ValueError as e:
                problemen.append(Probleem(f"{plaats} ({code or 'zonder code'}).{naam}", str(e)))
        if len(problemen) == fouten_voor:  # een rij met een onleesbare cel doet niet verder mee
            item_rijen.append((plaats, waarden))

    index_rijen = None
    indexblad = _zoek_blad(wb, BLAD_INDEX, ("jaar", "cpi"), behalve=blad)
    if indexblad is not None:
        _, ruwe = _tabel(indexblad, formules[indexblad.title], ("jaar", "cpi"), problemen)
        index_rijen = []
        for plaats, cellen in ruwe:
            try:
                index_rijen.append((plaats, {k: _als_tekst(k, v) for k, v in cellen.items()}))
            except ValueError as e:
                problemen.append(Probleem(plaats, str(e)))

    versie = None
    if BLAD_VERSIE in wb.sheetnames and hasattr(wb[BLAD_VERSIE], "iter_rows"):
        versie = {}
        for rij in wb[BLAD_VERSIE].iter_rows(min_col=1, max_col=2, values_only=True):
            if rij[0] is not None:
                sleutel = _kopnaam(rij[0])
                try:
                    if sleutel == "discontovoet" and rij[1] in (None, ""):
                        continue  # leeg: de standaarddiscontovoet
                    versie[sleutel] = _datum(rij[1]) if sleutel == "datum" else (
                        "" if rij[1] is None else str(rij[1]).strip())
                except ValueError as e:
                    problemen.append(Probleem(f"blad {BLAD_VERSIE}.{sleutel}", str(e)))
    return PrijslijstInvoer(str(pad), item_rijen, index_rijen, versie, problemen, kop)


def _zoek_blad(wb, voorkeur: str, nodig: tuple[str, ...], behalve=None):
    """Het blad met die naam, anders het eerste werkblad met een passende kopregel (grafiekbladen niet)."""
    bladen = sorted(wb.worksheets, key=lambda ws: ws.title != voorkeur)
    for ws in bladen:
        if behalve is not None and ws.title == behalve.title:
            continue
        if _kopregel(ws, nodig) is not None:
            return ws
    return None


def _kopregel(ws, nodig: tuple[str, ...]) -> int | None:
    """Het rijnummer van de kopregel: de eerste rij (van de eerste 20) met alle `nodig`-kolommen."""
    for r, rij in enumerate(ws.iter_rows(min_row=1, max_row=20, values_only=True), 1):
        namen = {_kopnaam(v) for v in rij if v is not None}
        if all(n in namen for n in nodig):
            return r
    return None


def _tabel(ws, ws_formules, nodig: tuple[str, ...], problemen: list[Probleem]) -> tuple[list[str], list[tuple[str, dict]]]:
    """Kolomnamen en de niet-lege rijen onder de kopregel, als (plaats, {kolom: celwaarde}).

    Een kopcel die naar beneden is samengevoegd (over twee rijen) schuift de eerste datarij op;
    een samengevoegd kader ernaast (een opmerking) niet. Een kolomnaam die twee keer voorkomt is
    een fout: welke van de twee bedoeld is, raden we niet.
    """
    kopnr = _kopregel(ws, nodig)
    assert kopnr is not None
    samengevoegd = {}
    eerste_datarij = kopnr + 1
    for bereik in ws.merged_cells.ranges:
        if bereik.min_row <= kopnr <= bereik.max_row:
            anker = ws.cell(bereik.min_row, bereik.min_col).value
            for kolom in range(bereik.min_col, bereik.max_col + 1):
                samengevoegd[kolom] = anker
            if bereik.min_row == kopnr and _kopnaam(anker) in BEKENDE_KOLOMMEN:
                eerste_datarij = max(eerste_datarij, bereik.max_row + 1)
    kolommen: dict[int, str] = {}
    for cel in ws[kopnr]:
        waarde = cel.value if cel.value is not None else samengevoegd.get(cel.column)
        if waarde is None or not str(waarde).strip():
            continue
        naam = _kopnaam(waarde)
        naam = naam if naam in BEKENDE_KOLOMMEN else str(waarde).strip()  # onbekende kolom: naam zoals hij is
        if naam in kolommen.values():
            eerder = next(get_column_letter(k) for k, n in kolommen.items() if n == naam)
            problemen.append(Probleem(f"blad {ws.title} rij {kopnr}",
                                      f"kolom {naam!r} komt twee keer voor (kolom {eerder} en "
                                      f"{get_column_letter(cel.column)}); welke bedoeld is, is niet te zeggen"))
            continue
        kolommen[cel.column] = naam
    rijen = []
    for rij in ws.iter_rows(min_row=eerste_datarij):
        cellen = {}
        for c in rij:
            if c.column not in kolommen:
                continue
            waarde = c.value
            if waarde is None and isinstance(ws_formules.cell(c.row, c.column).value, str) and \
                    ws_formules.cell(c.row, c.column).value.startswith("="):
                waarde = _GEEN_WAARDE
            cellen[kolommen[c.column]] = waarde
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cellen.values()):
            continue
        rijen.append((f"blad {ws.title} rij {rij[0].row}", cellen))
    # een kolom zonder enige waarde (zoals een samengevoegd opmerkingenkader) doet niet mee
    gevuld = {n for _, cellen in rijen for n, v in cellen.items() if v is not None and str(v).strip()}
    leeg = [n for n in kolommen.values() if n not in gevuld and n not in BEKENDE_KOLOMMEN]
    rijen = [(p, {n: v for n, v in c.items() if n not in leeg}) for p, c in rijen]
    return [n for n in kolommen.values() if n not in leeg], rijen


class _GeenWaarde:
    """Een formulecel waarvan Excel de uitkomst niet heeft opgeslagen."""


_GEEN_WAARDE = _GeenWaarde()


def _kopnaam(waarde: object) -> str:
    """`'Bedrag (€)'` -> `bedrag`; `'Gecontroleerd op'` -> `gecontroleerd_op`."""
    tekst = unicodedata.normalize("NFKD", str(waarde)).encode("ascii", "ignore").decode().lower()
    tekst = re.sub(r"\(.*?\)", "", tekst)
    tekst = re.sub(r"[^a-z0-9]+", "_", tekst).strip("_")
    return SYNONIEMEN.get(tekst, tekst)


def _als_tekst(kolom: str, waarde: object) -> str:
    """Een celwaarde als de tekst die de prijslijst verwacht; ValueError met een Nederlandse melding."""
    if waarde is _GEEN_WAARDE:
        raise ValueError("de cel bevat een formule waarvan Excel geen uitkomst heeft opgeslagen; "
                         "open het bestand in Excel, sla het op en probeer opnieuw")
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        raise ValueError(f"{toon_waarde(waarde)} is geen geldige waarde")
    if kolom in BEDRAGKOLOMMEN:
        return f"{_bedrag(waarde):.2f}"
    if kolom in ("prijsjaar", "jaar"):
        return _geheel(waarde)
    if kolom in ("cpi", "ova"):
        return _getal(waarde)
    if kolom in ("gecontroleerd_op", "geldig_vanaf"):
        return _datum(waarde)
    if isinstance(waarde, (datetime, date)):
        return waarde.isoformat()[:10]
    tekst = str(waarde).strip()
    if kolom in ("overlapgroep", "herziening"):  # 'Jaarlijks' of 'HBH' uit Excel: dezelfde waarde
        return tekst.lower()
    return tekst


def _excelgetal(waarde: float) -> Decimal:
    """Een Excel-getal (binair opgeslagen) als de decimale waarde die Excel toont (15 cijfers)."""
    return Decimal(f"{waarde:.15g}")


def _bedrag(waarde: object) -> Decimal:
    if isinstance(waarde, str):
        tekst = waarde.strip()
        if re.fullmatch(r"(€\s*)?[0-9]{1,3}\.[0-9]{3}", tekst):
            raise ValueError(f"{toon_waarde(tekst)} is dubbelzinnig: bedoel je duizenden of decimalen? "
                             "Schrijf bijvoorbeeld 12345,00 of 12,35")
        return lees_invoer(tekst)
    if isinstance(waarde, int):
        d = Decimal(waarde)
    elif isinstance(waarde, float):
        d = _excelgetal(waarde)
    elif isinstance(waarde, Decimal):
        d = waarde
    else:
        raise ValueError(f"{toon_waarde(str(waarde))} is geen geldig bedrag")
    return lees_bedrag(d)


def _geheel(waarde: object) -> str:
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    tekst = str(waarde).strip()
    if isinstance(waarde, str) and re.fullmatch(r"[0-9]+", tekst):
        return tekst
    raise ValueError(f"{toon_waarde(tekst)} is geen jaartal")


def _getal(waarde: object) -> str:
    if isinstance(waarde, float):
        return str(_excelgetal(waarde).normalize())
    if isinstance(waarde, (int, Decimal)):
        return str(waarde)
    tekst = str(waarde).strip().replace(",", ".")
    try:
        Decimal(tekst)
    except InvalidOperation:
        raise ValueError(f"{toon_waarde(str(waarde))} is geen indexcijfer") from None
    return tekst


def _datum(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, (int, float)):
        raise ValueError(f"{toon_waarde(waarde)} is een getal, geen datum: geef de cel de celopmaak Datum")
    tekst = str(waarde).strip()
    m = re.fullmatch(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})", tekst)
    if m:  # Nederlandse schrijfwijze dag-maand-jaar
        try:
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        except ValueError:
            raise ValueError(f"{toon_waarde(tekst)} is geen bestaande datum") from None
    return tekst
