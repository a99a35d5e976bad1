"""De monitor als rapport voor wethouder of raad: twee A4-pagina's, PDF/A-2b zoals het verantwoordingsdocument.

- Pagina 1: titel, periode en kostenplaats, de alinea 'Feiten en cijfers', de kerncijfers, de potten per
  budgetjaar en het toegekende bedrag per maand (staafdiagram en tabel).
- Pagina 2: verwacht vermeden kosten per financier (tabel en staafdiagram), per leefgebied, wat de hulp
  voorkomt, de nacalculatie (tabel en verwacht tegenover gerealiseerd) en wat nog na te calculeren is.
- Dezelfde cijfers als het tekstrapport (`monitor_tekst`); elk getoond bedrag komt uit een `Decimal` (float
  alleen voor de lengte van een staaf). Een lange lijst wordt ingekort ('… en 4 meer', met wat er samen achter
  zit), zodat het rapport altijd twee pagina's is; elke pagina staat in een KeepInFrame die de inhoud in het
  uiterste geval verkleint (lange namen die vaak afbreken), nooit een derde pagina.
- Een lege weergave zegt 'geen …' in plaats van een lege grafiek.
- Deterministisch: de documentdatum is het einde van de periode, niet het moment van exporteren.
- `/Creator` en `/Producer` zoals het verantwoordingsdocument; de `/Title` begint met `Monitor doorbraakbudget`,
  zodat `doorbraak.uitvoer.herken` een eerder monitorrapport herkent (en van een verantwoording onderscheidt).
"""

from __future__ import annotations

import io
from datetime import date, datetime, timezone
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from doorbraak.analyse.monitor import NACALCULATIE_NA_MAANDEN, Monitor, feiten_en_cijfers
from doorbraak.domein.geld import NUL, formatteer, getal_nl
from doorbraak.domein.jsonbestand import schrijf_bestanden_atomair
from doorbraak.domein.prijslijst import datum_nl
from doorbraak.export.pdf import (
    FONT, FONT_VET, _afgekort, _genummerd_canvas, financierstaven, laad_reportlab, _registreer_fonts, _stijlen, _tabel, _tekst,
)
from doorbraak.uitvoer import MAKER, MONITOR_PDF_TITEL

MAX_MAANDEN = 24  # de laatste 24 maanden in grafiek en tabel; de eerdere samen in één regel
MAX_RIJEN = 10  # financiers: de eerste tien, dan '… en N meer' met het bedrag van de rest
MAX_NAAST = 8  # leefgebieden en voorkomen (naast elkaar)
MAX_NACALCULATIES = 8  # in de tabel; de grafiek toont er tot 15
MAX_NACALCULATIES_GRAFIEK = 15
MAX_BUDGETJAREN = 4
MAX_NOG = 16  # casusnummers in 'nog na te calculeren'

_MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_TOEGEKEND, _VERMEDEN, _VERWACHT, _GEREALISEERD = "#4F81BD", "#9BBB59", "#A6A6A6", "#4F81BD"
_GRIJS = "#444444"


def schrijf_monitor_pdf(m: Monitor, pad: Path) -> None:
    """Schrijf het monitorrapport (twee pagina's, PDF/A-2b) atomair naar `pad`."""
    schrijf_bestanden_atomair({Path(pad): maak_monitor_pdf(m)})


def maak_monitor_pdf(m: Monitor) -> bytes:
    """Het monitorrapport als PDF/A-2b-bytes."""
    laad_reportlab()
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepInFrame, PageBreak, SimpleDocTemplate

    _registreer_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, **MARGES, invariant=1, initialFontName=FONT,
                            title=f"{MONITOR_PDF_TITEL} {_periode_iso(m)}".strip(), author="Doorbraak",
                            subject=_onderwerp(m), creator=MAKER)
    breedte, hoogte = vlak()
    pagina1, pagina2 = paginas(m, breedte)
    watermerk = "OEFENREGISTER" if m.oefenregister else ""

    def achtergrond(canvas, _doc):
        if watermerk:
            canvas.saveState()
            canvas.setFont(FONT_VET, 64)
            canvas.setFillColorRGB(0.88, 0.88, 0.88)
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, 0, watermerk)
            canvas.restoreState()

    # elke pagina in haar eigen kader: past de inhoud onverhoopt niet, dan wordt ze kleiner, nooit een derde pagina
    doc.build([KeepInFrame(breedte, hoogte, pagina1, mode="shrink"), PageBreak(),
               KeepInFrame(breedte, hoogte, pagina2, mode="shrink")],
              onFirstPage=achtergrond, onLaterPages=achtergrond,
              canvasmaker=_genummerd_canvas(f"Doorbraak · monitor doorbraakbudget · {_periode(m)}", _documentdatum(m)))
    return buf.getvalue()


def _mm(x: float) -> float:
    return x * 72 / 25.4


MARGES = {"leftMargin": _mm(18), "rightMargin": _mm(18), "topMargin": _mm(15), "bottomMargin": _mm(17)}


def vlak() -> tuple[float, float]:
    """Breedte en hoogte van de inhoud van een pagina: A4 min de marges en de binnenmarge van het kader (6 pt
    rondom), en 1 pt speling zodat het kader nooit net te vol is."""
    from reportlab.lib.pagesizes import A4

    return (A4[0] - MARGES["leftMargin"] - MARGES["rightMargin"] - 12,
            A4[1] - MARGES["topMargin"] - MARGES["bottomMargin"] - 13)


def _documentdatum(m: Monitor) -> datetime:
    """Het einde van de periode; zonder besluiten de laatste indiening (alleen zonder aanvragen: vandaag)."""
    dag = m.tot or max((a["ingediend"] for a in m.aanvragen if a.get("ingediend")), default=None) or date.today()
    return datetime(dag.year, dag.month, dag.day, tzinfo=timezone.utc)


def _periode(m: Monitor) -> str:
    if m.van and m.tot and m.van == m.tot:
        return datum_nl(m.van)
    if m.van and m.tot:
        return f"{datum_nl(m.van)} tot en met {datum_nl(m.tot)}"
    return "nog geen besluiten"


def _periode_iso(m: Monitor) -> str:
    if m.van and m.tot:
        return m.van.isoformat() if m.van == m.tot else f"{m.van.isoformat()} tot en met {m.tot.isoformat()}"
    return ""


def _onderwerp(m: Monitor) -> str:
    delen = [f"Monitor over {_periode(m)}"]
    if m.kostenplaats:
        delen.append(f"kostenplaats {m.kostenplaats}")
    if m.oefenregister:
        delen.append("oefenregister")
    return ", ".join(delen)


# ---------------------------------------------------------------- de twee pagina's


def paginas(m: Monitor, breedte: float) -> tuple[list, list]:
    """De inhoud van pagina 1 en pagina 2; elk past binnen `vlak()` (zie de tests, ook met veel gegevens)."""
    _registreer_fonts()
    s = _monitorstijlen()
    return _pagina1(m, s, breedte), _pagina2(m, s, breedte)


def _monitorstijlen() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    s = dict(_stijlen())
    s["basis"] = ParagraphStyle("mbasis", parent=s["basis"], fontSize=9, leading=11.5, spaceAfter=2)
    s["kop"] = ParagraphStyle("mkop", parent=s["kop"], fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=3)
    s["subkop"] = ParagraphStyle("msubkop", parent=s["kop"], fontSize=9.5, leading=12, spaceBefore=0, spaceAfter=3)
    s["ondertitel"] = ParagraphStyle("mondertitel", parent=s["ondertitel"], fontSize=10, leading=13, spaceAfter=2)
    s["klein"] = ParagraphStyle("mklein", parent=s["klein"], textColor=_GRIJS)
    for naam in ("cel", "cel_rechts", "cel_vet", "cel_vet_rechts"):
        s[naam] = ParagraphStyle("m" + naam, parent=s[naam], fontSize=8, leading=9.5)
    s["leeg"] = ParagraphStyle("mleeg", parent=s["basis"], fontSize=8.5, leading=11, textColor="#555555")
    return s


def _p(tekst: str, stijl):
    """Een Paragraph met gebruikerstekst; nooit een regelovergang tussen € en het bedrag."""
    from reportlab.platypus import Paragraph

    return Paragraph(_tekst(tekst).replace("€ ", "€\u00a0"), stijl)


def _pagina1(m: Monitor, s: dict, breedte: float) -> list:
    v: list = [_p(MONITOR_PDF_TITEL + (" (oefenregister)" if m.oefenregister else ""), s["titel"])]
    v.append(_p(f"Periode: {_periode(m)}" + (" (datum van het eindbesluit)" if m.van and m.tot else ""),
                s["ondertitel"]))
    if m.kostenplaats:
        v.append(_p(f"Kostenplaats: {m.kostenplaats}", s["ondertitel"]))
    v.append(_p("Feiten en cijfers", s["kop"]))
    v.append(_p(feiten_en_cijfers(m), s["basis"]))
    v.append(_p("Kerncijfers", s["kop"]))
    v.append(_kerncijfers(m, s, breedte))
    if m.budgetjaren:
        v.append(_p("Per budgetjaar", s["kop"]))
        v.append(_budgetjaren(m, s, breedte))
    v.append(_p("Toegekend per maand (maand van het eindbesluit)", s["kop"]))
    if not m.per_maand:
        v.append(_p("Geen toekenningen in deze periode.", s["leeg"]))
        return v
    maanden = m.per_maand[-MAX_MAANDEN:]
    v.append(_maandgrafiek(maanden, breedte))
    v.append(_maandtabel(maanden, s, breedte))
    eerder = m.per_maand[:-MAX_MAANDEN]
    if eerder:
        v.append(_p(f"… en {len(eerder)} eerdere maanden: {sum(p['aantal'] for p in eerder)} toegekend, samen "
                    f"{formatteer(_som(p['toegekend'] for p in eerder))}; verwacht vermeden "
                    f"{formatteer(_som(p['vermeden'] for p in eerder))}.", s["klein"]))
    return v


def _pagina2(m: Monitor, s: dict, breedte: float) -> list:
    v: list = [_p("Verwacht vermeden kosten per financier", s["kop"])]
    if not m.per_financier:
        v.append(_p("Geen verwacht vermeden kosten per financier in deze periode.", s["leeg"]))
    else:
        links = _mm(102)
        v.append(_naast([_financiertabel(m, s, links - _mm(4))], [_financiergrafiek(m, breedte - links)],
                        [links, breedte - links]))

    links = _mm(46)
    v.append(_naast([_p("Per leefgebied", s["subkop"]), _leefgebiedtabel(m, s, links - _mm(4))],
                    [_p("Voorkomen (meest genoemd)", s["subkop"]), _voorkomentabel(m, s, breedte - links)],
                    [links, breedte - links], boven=_mm(2)))

    n = m.nacalculatie
    v.append(_p("Nacalculatie: verwacht en gerealiseerd vermeden", s["kop"]))
    if not m.nacalculaties:
        v.append(_p("Geen nacalculaties in deze periode.", s["leeg"]))
    else:
        graad = ("" if n["realisatiegraad"] is None else
                 f"; realisatiegraad {getal_nl(n['realisatiegraad'], 2)} (gerealiseerd gedeeld door verwacht)")
        v.append(_p(f"{n['aantal']} {'casus' if n['aantal'] == 1 else 'casussen'} nagecalculeerd (per casus telt de "
                    f"laatste nacalculatie){graad}.",
                    s["basis"]))
        v.append(_nacalculatietabel(m, s, breedte))
        v.append(_ruimte(_mm(2)))
        v.append(_nacalculatiegrafiek(m, breedte))

    v.append(_p(f"Nog na te calculeren (langer dan {NACALCULATIE_NA_MAANDEN} maanden geleden goedgekeurd)", s["kop"]))
    nog = m.nog_na_te_calculeren
    if not nog:
        v.append(_p("Geen: elke casus die zo lang geleden is goedgekeurd, is nagecalculeerd." if m.aantal_casussen
                    else "Geen.", s["leeg"]))
    else:
        tekst = ", ".join(nog[:MAX_NOG]) + (f" … en {len(nog) - MAX_NOG} meer" if len(nog) > MAX_NOG else "")
        v.append(_p(f"{len(nog)} {'casus' if len(nog) == 1 else 'casussen'}: {tekst}.", s["basis"]))
    return v


# ---------------------------------------------------------------- tabellen


def _kerncijfers(m: Monitor, s: dict, breedte: float):
    """Twee kolommen naast elkaar: aanvragen en bedragen links, opbrengst en budget rechts."""

    def bedrag(b: Decimal | None) -> str:
        return "geen" if b is None else formatteer(b)

    if m.doorlooptijd_mediaan is None:
        doorloop = "geen"
    else:
        doorloop = f"{getal_nl(m.doorlooptijd_mediaan)} (langste {m.doorlooptijd_max})"
    route = m.per_route
    links = [
        ("Aanvragen", str(m.aantal_aanvragen), False),
        ("toegekend · afgewezen · open", f"{m.aantal_toegekend} · {m.aantal_afgewezen} · {m.aantal_open}", False),
        ("Route: vier ogen · escalatie", f"{route.get('vier-ogen', 0)} · {route.get('escalatie', 0)}", False),
        ("Toegekend, totaal", formatteer(m.toegekend_totaal), True),
        ("Gemiddeld per toekenning", bedrag(m.gemiddeld_bedrag), False),
        ("Mediaan", bedrag(m.mediaan_bedrag), False),
        ("Laagste", bedrag(m.laagste_bedrag), False),
        ("Hoogste", bedrag(m.hoogste_bedrag), False),
        ("Doorlooptijd, mediaan (dagen)", doorloop, False),
    ]
    b = m.budget
    rechts = [
        ("Casussen met een toekenning", str(m.aantal_casussen), False),
        ("Verwacht vermeden kosten", formatteer(m.vermeden_totaal), True),
        ("Gemiddeld vermeden per casus", bedrag(m.gemiddeld_vermeden), False),
        ("Netto (vermeden − toegekend)", formatteer(m.netto_totaal), True),
        ("Rendement (per euro toegekend)", "geen" if m.rendement_ratio is None
         else f"{getal_nl(m.rendement_ratio, 2)}", False),
        ("Budget" + (" (alle budgetjaren)" if m.budgetjaren else ""), formatteer(b["budget_totaal"]), False),
        ("Toegekend uit het budget", formatteer(b["toegekend"]), False),
        ("Vrijgevallen na nacalculatie", formatteer(b["vrijgevallen"]), False),
        ("Beschikbaar", formatteer(b["beschikbaar"]), True),
    ]
    helft = (breedte - _mm(6)) / 2
    return _naast([_sleuteltabel(links, s, helft)], [_sleuteltabel(rechts, s, helft)], [helft + _mm(6), helft])


def _sleuteltabel(rijen: list[tuple[str, str, bool]], s: dict, breedte: float):
    waarde = _mm(30)
    return _compact(_tabel([[_cel(k, s, vet=vet), _cel(w, s, rechts=True, vet=vet)] for k, w, vet in rijen],
                           [breedte - waarde, waarde], kop=False))


def _budgetjaren(m: Monitor, s: dict, breedte: float):
    jaren = m.budgetjaren[-MAX_BUDGETJAREN:]
    kolommen = ("budget", "toegekend", "vrijgevallen", "beschikbaar")
    rijen = [_kop(["Jaar", "Budget", "Toegekend", "Vrijgevallen", "Beschikbaar"], s)]
    eerder = m.budgetjaren[:-MAX_BUDGETJAREN]
    if eerder:
        rijen.append(_rij([f"{len(eerder)} eerdere jaren"] + [formatteer(_som(j[k] for j in eerder))
                                                            for k in kolommen], s))
    rijen += [_rij([str(j["jaar"])] + [formatteer(j[k]) for k in kolommen], s) for j in jaren]
    return _compact(_tabel(rijen, [breedte - 4 * _mm(32), *[_mm(32)] * 4]))


def _maandtabel(maanden: list[dict[str, Any]], s: dict, breedte: float):
    """De maanden in één of twee blokken naast elkaar (eerst het linkerblok van boven naar beneden)."""

    def blok(deel: list[dict[str, Any]], b: float):
        rijen = [_kop(["Maand", "Aantal", "Toegekend", "Verwacht vermeden"], s)]
        rijen += [_rij([_maandnaam(p["maand"]), str(p["aantal"]), formatteer(p["toegekend"]),
                        formatteer(p["vermeden"])], s) for p in deel]
        vast = [_mm(12.5), _mm(24), _mm(27)]
        return _compact(_tabel(rijen, [b - sum(vast), *vast]))

    if len(maanden) <= 6:
        return blok(maanden, breedte / 2)
    helft = (len(maanden) + 1) // 2
    b = (breedte - _mm(6)) / 2
    return _naast([blok(maanden[:helft], b)], [blok(maanden[helft:], b)], [b + _mm(6), b])


def _financiertabel(m: Monitor, s: dict, breedte: float):
    items = list(m.per_financier.items())
    rijen = [_kop(["Financier", "Verwacht vermeden"], s)]
    rijen += [_rij([k, formatteer(v)], s) for k, v in items[:MAX_RIJEN]]
    if len(items) > MAX_RIJEN:
        rest = items[MAX_RIJEN:]
        rijen.append(_rij([f"… en {len(rest)} meer", formatteer(_som(v for _, v in rest))], s))
    rijen.append([_cel("Totaal", s, vet=True), _cel(formatteer(_som(v for _, v in items)), s, rechts=True, vet=True)])
    return _compact(_tabel(rijen, [breedte - _mm(30), _mm(30)]))


def _leefgebiedtabel(m: Monitor, s: dict, breedte: float):
    if not m.per_leefgebied:
        return _p("Geen leefgebieden genoemd.", s["leeg"])
    items = list(m.per_leefgebied.items())
    rijen = [_kop(["Leefgebied", "Casussen"], s)]
    rijen += [_rij([k, str(v)], s) for k, v in items[:MAX_NAAST]]
    if len(items) > MAX_NAAST:
        rijen.append(_rij([f"… en {len(items) - MAX_NAAST} meer", ""], s))
    return _compact(_tabel(rijen, [breedte - _mm(18.5), _mm(18.5)]))


def _voorkomentabel(m: Monitor, s: dict, breedte: float):
    from reportlab.platypus import Paragraph

    if not m.voorkomen:
        return _p("Geen voorkomen kosten vastgelegd.", s["leeg"])
    rijen = [_kop(["Omschrijving [prijscode]", "Casussen"], s)]
    for v in m.voorkomen[:MAX_NAAST]:
        code = f"[{v['code']}]" if v["code"] else "(eigen regel)"
        rijen.append([Paragraph(_tekst(v["omschrijving"]) + f' <font color="{_GRIJS}" size="7">{_tekst(code)}</font>',
                                s["cel"]), _cel(str(v["aantal"]), s, rechts=True)])
    if len(m.voorkomen) > MAX_NAAST:
        rijen.append(_rij([f"… en {len(m.voorkomen) - MAX_NAAST} meer", ""], s))
    return _compact(_tabel(rijen, [breedte - _mm(18.5), _mm(18.5)]))


def _nacalculatietabel(m: Monitor, s: dict, breedte: float):
    koppen = ["Casus", "Na", "Uitkomst", "Verwacht", "Gerealiseerd", "Uitgegeven", "Vrijgevallen"]
    bedragen = ("verwacht_vermeden", "gerealiseerd_vermeden", "werkelijke_uitgave", "vrijgevallen")
    rijen = [[_cel(k, s, vet=True, rechts=i > 2) for i, k in enumerate(koppen)]]
    rijen += [[_cel(r["casus_id"], s), _cel(f"{r['maanden']} mnd", s), _cel(r["uitkomst"], s)]
              + [_cel(formatteer(r[k]), s, rechts=True) for k in bedragen] for r in m.nacalculaties[:MAX_NACALCULATIES]]
    if len(m.nacalculaties) > MAX_NACALCULATIES:
        rest = m.nacalculaties[MAX_NACALCULATIES:]
        rijen.append([_cel(f"… en {len(rest)} meer", s), "", ""]
                     + [_cel(formatteer(_som(r[k] for r in rest)), s, rechts=True) for k in bedragen])
    n = m.nacalculatie
    rijen.append([_cel("Totaal", s, vet=True), "", ""]
                 + [_cel(formatteer(b), s, rechts=True, vet=True) for b in (
                     n["verwacht_vermeden"], n["gerealiseerd_vermeden"], n["werkelijk_uitgegeven"], n["vrijgevallen"])])
    vast = [_mm(14), _mm(18), _mm(27), _mm(27), _mm(27), _mm(27)]
    return _compact(_tabel(rijen, [breedte - sum(vast), *vast]))


def _kop(koppen: list[str], s: dict) -> list:
    return [_cel(k, s, vet=True, rechts=i > 0) for i, k in enumerate(koppen)]


def _rij(waarden: list[str], s: dict) -> list:
    """Een tabelrij: de eerste kolom tekst (links), de rest getallen (rechts)."""
    return [_cel(w, s, rechts=i > 0) for i, w in enumerate(waarden)]


def _cel(tekst: str, s: dict, *, rechts: bool = False, vet: bool = False):
    return _p(tekst, s["cel" + ("_vet" if vet else "") + ("_rechts" if rechts else "")])


def _compact(tabel):
    """Kleinere celmarges dan in het verantwoordingsdocument: alles moet op twee pagina's."""
    from reportlab.platypus import TableStyle

    tabel.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    tabel.hAlign = "LEFT"
    return tabel


def _naast(links: list, rechts: list, breedtes: list[float], boven: float = 0):
    """Twee blokken naast elkaar (een tabel zonder lijnen en zonder marges)."""
    from reportlab.platypus import Table, TableStyle

    t = Table([[links, rechts]], colWidths=breedtes)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                           ("TOPPADDING", (0, 0), (-1, -1), boven),
                           *[(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "BOTTOMPADDING")]]))
    return t


def _ruimte(hoogte: float):
    from reportlab.platypus import Spacer

    return Spacer(1, hoogte)


def _som(bedragen) -> Decimal:
    return sum(bedragen, NUL)


def _maandnaam(maand: str) -> str:
    """`2026-03` -> `mrt 2026`."""
    jaar, nummer = maand.split("-")
    return f"{_MAANDEN[int(nummer) - 1]} {jaar}"


# ---------------------------------------------------------------- grafieken


def _tekening(breedte: float, hoogte: float):
    from reportlab.graphics import shapes
    from reportlab.graphics.shapes import Drawing

    shapes.STATE_DEFAULTS["fontName"] = FONT  # anders begint elke tekening met Helvetica (niet ingebed)
    return Drawing(breedte, hoogte)


def _schaal(kleinste: Decimal, grootste: Decimal, stappen: int) -> tuple[Decimal, Decimal, Decimal]:
    """(van, tot, stap) van een euro-as met hoogstens `stappen` ronde stappen (1, 2, 2,5 of 5 maal een macht van
    tien, in hele euro's), nul op de as en de langste staaf erbinnen."""
    laag, hoog = min(kleinste, NUL), max(grootste, NUL)
    if hoog == laag:
        return NUL, Decimal(1000), Decimal(200)
    naar_boven = lambda x, stap: (x / stap).to_integral_value(rounding=ROUND_CEILING) * stap  # noqa: E731
    macht = Decimal(1).scaleb(max((hoog - laag).adjusted() - 2, 0))
    while True:
        for f in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            stap = f * macht
            if stap != stap.to_integral_value():
                continue
            van, tot = -naar_boven(-laag, stap), naar_boven(hoog, stap)
            if (tot - van) / stap <= stappen:
                return van, tot, stap
        macht *= 10


def _euro_as(as_, bedragen: list[Decimal], lengte: float, per_getal: float = 16, duizenden: bool = False) -> str:
    """Een waardeas met ronde stappen, hoogstens één getal per `per_getal` pt: in hele euro's (`€ 10.000`), of
    met `duizenden` (een liggende as, waar weinig plaats is) in duizenden euro's (`10`; `2,5`). Geeft de eenheid
    voor het bijschrift."""
    van, tot, stap = _schaal(min(bedragen), max(bedragen), max(2, min(8, int(lengte // per_getal))))
    duizenden = duizenden and stap >= 1000
    as_.valueMin, as_.valueMax, as_.valueStep = float(van), float(tot), float(stap)  # float ok: de schaal
    as_.labels.fontName = FONT
    as_.labels.fontSize = 7
    if duizenden:
        as_.labelTextFormat = lambda w: getal_nl(Decimal(round(w)) / 1000)
    else:
        as_.labelTextFormat = lambda w: formatteer(Decimal(round(w)))[:-3]
    as_.visibleGrid = 1
    as_.gridStrokeColor = _kleur("#DDDDDD")
    as_.gridStrokeWidth = 0.4
    return "in duizenden euro" if duizenden else "in euro"


def _categorie_as(as_, namen: list[str]) -> None:
    as_.categoryNames = namen
    as_.labels.fontName = FONT
    as_.labels.fontSize = 7


def _kleur(hex_: str):
    from reportlab.lib import colors

    return colors.HexColor(hex_)


def _bijschrift(d, x: float, y: float, tekst: str, rechts: bool = False) -> None:
    from reportlab.graphics.shapes import String

    d.add(String(x, y, tekst, fontName=FONT, fontSize=7.5, fillColor=_kleur(_GRIJS),
                 textAnchor="end" if rechts else "start"))


def _maandgrafiek(maanden: list[dict[str, Any]], breedte: float):
    """Staven: het toegekende bedrag per maand, met het jaar onder januari en onder de eerste maand."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart

    hoogte = 128
    d = _tekening(breedte, hoogte)
    g = VerticalBarChart()
    g.x, g.y = 50, 26
    g.width, g.height = min(breedte - 56, 40 * len(maanden) + 20), hoogte - 40  # een paar maanden: smalle staven
    # float alleen voor de hoogte van de staven; elk getoond bedrag staat in de tabel eronder (uit Decimal)
    g.data = [[float(p["toegekend"]) for p in maanden]]  # float ok
    namen = []
    for i, p in enumerate(maanden):
        jaar, nummer = p["maand"].split("-")
        namen.append(_MAANDEN[int(nummer) - 1] + (f"\n{jaar}" if i == 0 or nummer == "01" else ""))
    _categorie_as(g.categoryAxis, namen)
    g.categoryAxis.labels.boxAnchor = "n"
    g.categoryAxis.labels.dy = -3
    eenheid = _euro_as(g.valueAxis, [p["toegekend"] for p in maanden], g.height)
    g.bars[0].fillColor = _kleur(_TOEGEKEND)
    g.bars.strokeColor = None
    g.groupSpacing = 4 if len(maanden) > 12 else 8
    d.add(g)
    _bijschrift(d, 0, hoogte - 8, f"toegekend bedrag per maand, {eenheid}")
    return d


def _financiergrafiek(m: Monitor, breedte: float):
    """Liggende staven: de verwacht vermeden kosten per financier (de eerste tien, de grootste bovenaan), met
    volledige namen en het bedrag bij elke staaf, negatieve bedragen links van de nullijn (zoals de verantwoording)."""
    return financierstaven(list(m.per_financier.items())[:MAX_RIJEN], breedte, "in euro", naambreedte=124,
                           grootte=6, legenda=False)


def _nacalculatiegrafiek(m: Monitor, breedte: float):
    """Staven per casus: verwacht vermeden (bij de goedkeuring) naast gerealiseerd vermeden (nacalculatie)."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend

    rijen = m.nacalculaties[:MAX_NACALCULATIES_GRAFIEK]
    schuin = len(rijen) > 8
    hoogte = 100 if schuin else 92
    d = _tekening(breedte, hoogte)
    g = VerticalBarChart()
    g.x, g.y = 50, 30 if schuin else 20
    g.width, g.height = min(breedte - 56, 80 * len(rijen) + 20), hoogte - g.y - 22
    g.data = [[float(r["verwacht_vermeden"]) for r in rijen],  # float ok: alleen de hoogte van de staven
              [float(r["gerealiseerd_vermeden"]) for r in rijen]]  # float ok
    _categorie_as(g.categoryAxis, [_afgekort(r["casus_id"], 16) for r in rijen])
    g.categoryAxis.labels.boxAnchor = "ne" if schuin else "n"
    g.categoryAxis.labels.angle = 25 if schuin else 0
    g.categoryAxis.labels.dy = -3
    g.categoryAxis.joinAxisMode = "bottom"  # de casusnummers onderaan, ook bij een negatief resultaat
    eenheid = _euro_as(g.valueAxis, [r[k] for r in rijen for k in ("verwacht_vermeden", "gerealiseerd_vermeden")],
                       g.height)
    g.bars[0].fillColor = _kleur(_VERWACHT)
    g.bars[1].fillColor = _kleur(_GEREALISEERD)
    g.bars.strokeColor = None
    g.barSpacing = 1
    g.groupSpacing = 10
    d.add(g)
    legenda = Legend()
    legenda.x, legenda.y = 0, hoogte - 4
    legenda.fontName, legenda.fontSize = FONT, 7.5
    legenda.alignment = "right"
    legenda.columnMaximum = 1
    legenda.deltax, legenda.dx, legenda.dy = 175, 7, 7
    legenda.colorNamePairs = [(_kleur(_VERWACHT), f"verwacht vermeden, {eenheid}"),
                              (_kleur(_GEREALISEERD), f"gerealiseerd vermeden, {eenheid}")]
    d.add(legenda)
    if len(m.nacalculaties) > len(rijen):
        _bijschrift(d, breedte, hoogte - 8, f"de eerste {len(rijen)} van {len(m.nacalculaties)} casussen",
                    rechts=True)
    return d
