"""Het verantwoordingsdocument als PDF/A-2b: wat een auditor, rechter of archivaris jaren later leest.

- A4, Nederlands, bedragen als `€ 1.234,56`, DejaVu Sans ingebed (ook ë, Ö, ğ, €).
- Watermerk `CONCEPT` zolang er geen goedkeuring is, `OEFENCASUS` voor oefencasussen.
- Deterministisch: dezelfde casus en hetzelfde besluit geven byte-identieke bestanden (de
  documentdatum is het tijdstip van het laatste besluit, niet het moment van exporteren).
- PDF/A-2b: XMP-metadata met `pdfaid`, een sRGB-OutputIntent en alle fonts ingebed; pikepdf
  controleert het geschreven bestand tegen PDF/A-2b voordat het wordt teruggegeven.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from doorbraak.domein.berekening import Businesscase, Regeluitkomst
from doorbraak.domein.casus import Casus, casus_naar_json
from doorbraak.domein.geld import formatteer, getal_nl
from doorbraak.domein.prijslijst import REEKSNAAM
from doorbraak.samenvatting import discontobron, procent, terugverdiend
from doorbraak.uitvoer import MAKER, PDF_PRODUCENT

FONT = "DejaVuSans"
FONT_VET = "DejaVuSans-Bold"
FONTMAP = Path(__file__).resolve().parents[2] / "resources" / "fonts"
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class Beslisstap:
    rol: str  # "ingediend", "getoetst", "besloten"
    naam: str
    machine: str
    tijd: str  # ISO UTC
    akkoord: bool | None = None
    reden: str = ""


@dataclass(frozen=True)
class Besluitspoor:
    """Het spoor van een aanvraag in het register: wie diende in, wie toetste, wie besloot."""

    aanvraag: str
    status: str
    route: str
    stappen: tuple[Beslisstap, ...] = field(default_factory=tuple)
    register_id: str = ""  # de hash van record 1: hetzelfde op elke schijfletter of share-naam
    record_hash: str = ""  # het eigen laatste record van deze aanvraag (haar besluit), niet de kop van nu
    record: int = 0
    budgetjaar: int | None = None  # de pot waaruit een goedkeuring betaald wordt (registers met budgetjaren)
    kostenplaats: str = ""
    #: de pot op het moment van de goedkeuring (records vanaf versie 0.3.0; anders None): Decimal-bedragen
    #: budget, toegekend_voor, vrijgevallen, beschikbaar_voor, beschikbaar_na
    budget: dict[str, Decimal] | None = None


def vingerafdruk(casus: Casus) -> str:
    """SHA-256 van de casusgegevens (het casusbestand zoals Doorbraak het schrijft)."""
    return hashlib.sha256(casus_naar_json(casus).encode("utf-8")).hexdigest()


def maak_pdf(casus: Casus, bc: Businesscase, spoor: Besluitspoor | None = None) -> bytes:
    """Het verantwoordingsdocument als PDF/A-2b-bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    _registreer_fonts()
    goedgekeurd = spoor is not None and spoor.status == "goedgekeurd"
    watermerk = " · ".join(t for t in ("OEFENCASUS" if casus.is_oefening else "",
                                       "" if goedgekeurd else "CONCEPT") if t)
    documentdatum = _documentdatum(casus, spoor)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
        invariant=1, initialFontName=FONT, title=f"Verantwoording doorbraakbudget {casus.casus_id}",
        author=casus.coach or "Doorbraak", subject=_schoon(casus.titel), creator=MAKER,
    )

    def achtergrond(canvas, _doc):
        if watermerk:
            _teken_watermerk(canvas, watermerk, A4[0] / 2, A4[1] / 2, 64 if len(watermerk) < 12 else 44)

    doc.build(_inhoud(casus, bc, spoor, doc.width), onFirstPage=achtergrond, onLaterPages=achtergrond,
              canvasmaker=_genummerd_canvas(f"Doorbraak · verantwoording casus {casus.casus_id}"))
    return _als_pdfa(buf.getvalue(), documentdatum)


# ---------------------------------------------------------------- watermerk

#: per watermerktekst de letters als contouren (font-eenheden) en de breedte; één keer per proces gelezen
_CONTOUREN: dict[str, tuple[tuple[tuple, ...], float, int]] = {}


def _watermerk_contouren(tekst: str) -> tuple[tuple[tuple, ...], float, int]:
    """De letters van `tekst` in DejaVu Sans Bold als paden: (bewerkingen, breedte, eenheden per em).

    Contouren in plaats van tekst: een watermerk is geen inhoud en hoort niet in de tekst die pdftotext,
    een schermlezer of een zoekfunctie uit het document haalt. fontTools komt mee met pikepdf[pdfa]."""
    if tekst in _CONTOUREN:
        return _CONTOUREN[tekst]
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONTMAP / "DejaVuSans-Bold.ttf"), lazy=True)
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    bewerkingen: list[tuple] = []
    x = 0.0

    class Pen(BasePen):  # kwadratische krommen (TrueType) als kubische: dat tekent een PDF-pad
        def _moveTo(self, pt):
            bewerkingen.append(("m", pt[0] + x, pt[1]))

        def _lineTo(self, pt):
            bewerkingen.append(("l", pt[0] + x, pt[1]))

        def _curveToOne(self, p1, p2, p3):
            bewerkingen.append(("c", p1[0] + x, p1[1], p2[0] + x, p2[1], p3[0] + x, p3[1]))

        def _closePath(self):
            bewerkingen.append(("h",))

    for teken in tekst:
        naam = cmap.get(ord(teken))
        if naam is None:
            continue
        glyph = glyphs[naam]
        glyph.draw(Pen(glyphs))
        x += glyph.width
    _CONTOUREN[tekst] = (tuple(bewerkingen), x, font["head"].unitsPerEm)
    font.close()
    return _CONTOUREN[tekst]


def _teken_watermerk(canvas, tekst: str, midden_x: float, midden_y: float, grootte: float) -> None:
    """Het watermerk schuin over de pagina, als gevulde contouren in een /Artifact-blok (geen tekst)."""
    bewerkingen, breedte, em = _watermerk_contouren(tekst)
    schaal = grootte / em
    canvas.saveState()
    canvas.addLiteral("/Artifact <</Type /Pagination /Subtype /Watermark>> BDC")
    canvas.setFillColorRGB(0.88, 0.88, 0.88)
    canvas.translate(midden_x, midden_y)
    canvas.rotate(45)
    canvas.scale(schaal, schaal)
    canvas.translate(-breedte / 2, -0.36 * em)  # midden op de hoofdletterhoogte
    pad = canvas.beginPath()
    for b in bewerkingen:
        if b[0] == "m":
            pad.moveTo(b[1], b[2])
        elif b[0] == "l":
            pad.lineTo(b[1], b[2])
        elif b[0] == "c":
            pad.curveTo(*b[1:])
        else:
            pad.close()
    canvas.drawPath(pad, stroke=0, fill=1, fillMode=1)  # nonzero: zoals TrueType vult
    canvas.addLiteral("EMC")
    canvas.restoreState()


# ---------------------------------------------------------------- inhoud


def _stijlen():
    from reportlab.lib.styles import ParagraphStyle

    basis = ParagraphStyle("basis", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "basis": basis,
        "titel": ParagraphStyle("titel", parent=basis, fontName=FONT_VET, fontSize=16, leading=20, spaceAfter=2),
        "ondertitel": ParagraphStyle("ondertitel", parent=basis, fontSize=11, leading=14, spaceAfter=8),
        # een kop blijft bij wat erop volgt: nooit alleen onderaan een pagina
        "kop": ParagraphStyle("kop", parent=basis, fontName=FONT_VET, fontSize=11.5, leading=15, spaceBefore=10,
                              spaceAfter=4, keepWithNext=1),
        "na_tabel": ParagraphStyle("na_tabel", parent=basis, spaceBefore=4),
        "klein": ParagraphStyle("klein", parent=basis, fontSize=7.5, leading=9.5, spaceAfter=0),
        "klein_vet": ParagraphStyle("klein_vet", parent=basis, fontName=FONT_VET, fontSize=7.5, leading=9.5,
                                    spaceAfter=0),
        "klein_rechts": ParagraphStyle("klein_rechts", parent=basis, fontSize=7.5, leading=9.5, spaceAfter=0,
                                       alignment=2),
        "klein_vet_rechts": ParagraphStyle("klein_vet_rechts", parent=basis, fontName=FONT_VET, fontSize=7.5,
                                           leading=9.5, spaceAfter=0, alignment=2),
        "cel": ParagraphStyle("cel", parent=basis, fontSize=8.5, leading=11, spaceAfter=0),
        "cel_rechts": ParagraphStyle("cel_rechts", parent=basis, fontSize=8.5, leading=11, spaceAfter=0, alignment=2),
        "cel_vet": ParagraphStyle("cel_vet", parent=basis, fontName=FONT_VET, fontSize=8.5, leading=11, spaceAfter=0),
        "cel_vet_rechts": ParagraphStyle("cel_vet_rechts", parent=basis, fontName=FONT_VET, fontSize=8.5, leading=11,
                                         spaceAfter=0, alignment=2),
    }


def _inhoud(casus: Casus, bc: Businesscase, spoor: Besluitspoor | None, breedte: float) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    s = _stijlen()
    p = lambda tekst, stijl="basis": Paragraph(_tekst(tekst), s[stijl])  # noqa: E731
    v: list = []
    v.append(Paragraph("Verantwoording doorbraakbudget", s["titel"]))
    v.append(Paragraph(_tekst(f"Casus {casus.casus_id}: {casus.titel}"), s["ondertitel"]))
    gegevens = [
        ("Casus", casus.casus_id), ("Gemeente", casus.gemeente or "-"), ("Doorbraakcoach", casus.coach or "-"),
        ("Datum casus (prijspeil)", f"{casus.datum.isoformat()} (prijspeil {bc.prijsjaar})"),
        ("Horizon", f"{casus.horizon} maanden"),
    ]
    if casus.huishouden:
        h = casus.huishouden
        gegevens.append(("Huishouden", f"{h.volwassenen if h.volwassenen is not None else '-'} volwassene(n), "
                                       f"{h.kinderen if h.kinderen is not None else '-'} kind(eren)"))
    if casus.leefgebieden:
        gegevens.append(("Leefgebieden", ", ".join(casus.leefgebieden)))
    if spoor:
        gegevens.append(("Aanvraag in het register", f"{spoor.aanvraag}, status {spoor.status}"))
    v.append(_sleutel_waarde(gegevens, s, breedte))

    for kop, tekst in (("Situatie", casus.situatie), ("Reguliere route", casus.reguliere_route),
                       ("De doorbraak", casus.doorbraak), ("Perspectief", casus.perspectief)):
        if tekst:
            v.append(Paragraph(kop, s["kop"]))
            v.append(p(tekst))
    if casus.waardendriehoek:
        w = casus.waardendriehoek
        v.append(Paragraph("Waardendriehoek", s["kop"]))
        v.append(_sleutel_waarde([("Rendement", w.rendement or "-"), ("Legitimiteit", w.legitimiteit or "-"),
                                  ("Betrokkenheid", w.betrokkenheid or "-")], s, breedte))
    if bc.grondslagen:
        v.append(Paragraph("Grondslagen", s["kop"]))
        v.append(_grondslagentabel(bc, s, breedte))

    meer_jaren = bc.horizon_jaren > 1
    v.append(Paragraph("Interventie (doorbraakbudget)", s["kop"]))
    rijen = [[Paragraph("Omschrijving", s["cel_vet"]), Paragraph("Categorie", s["cel_vet"]),
              Paragraph("Bedrag", s["cel_vet_rechts"])]]
    for i, r in enumerate(casus.interventie):
        omschrijving = [p(r.omschrijving, "cel")]
        if meer_jaren and i < len(bc.interventie):
            uitkomst = bc.interventie[i]
            omschrijving.append(p(f"jaar {uitkomst.jaar} · contant {formatteer(uitkomst.contant)}", "klein"))
        rijen.append([omschrijving, p(r.categorie or "-", "cel"), p(formatteer(r.bedrag), "cel_rechts")])
    rijen.append([Paragraph("Totaal", s["cel_vet"]), "", Paragraph(formatteer(bc.interventie_totaal), s["cel_vet_rechts"])])
    v.append(_tabel(rijen, [breedte - 70 * mm, 35 * mm, 35 * mm]))

    for titel, regels, totaal in (("Kosten zonder doorbraak", bc.zonder, bc.kosten_zonder),
                                  ("Kosten met doorbraak", bc.met, bc.kosten_met)):
        v.append(Paragraph(titel, s["kop"]))
        v.append(_kostentabel(regels, totaal, s, breedte, meer_jaren))

    ratio = "geen (interventie € 0,00)" if bc.rendement_ratio is None else getal_nl(bc.rendement_ratio, 2)
    v.append(KeepTogether([Paragraph("Businesscase", s["kop"]), _tabel([
        [p("Kosten zonder doorbraak", "cel"), p(formatteer(bc.kosten_zonder), "cel_rechts")],
        [p("Kosten met doorbraak", "cel"), p(formatteer(bc.kosten_met), "cel_rechts")],
        [Paragraph("Vermeden kosten", s["cel_vet"]), Paragraph(formatteer(bc.vermeden_kosten), s["cel_vet_rechts"])],
        [p("Interventie", "cel"), p(formatteer(bc.interventie_totaal), "cel_rechts")],
        [Paragraph("Netto maatschappelijk rendement", s["cel_vet"]),
         Paragraph(formatteer(bc.netto_rendement), s["cel_vet_rechts"])],
        [p("Rendementsratio (vermeden kosten / interventie)", "cel"), p(ratio, "cel_rechts")],
    ], [breedte - 45 * mm, 45 * mm], kop=False)]))
    v.extend(_over_de_jaren(casus, bc, s, breedte))

    if bc.financiers:
        v.append(KeepTogether([
            Paragraph("Wie betaalt, wie bespaart (per financier)", s["kop"]),
            _financiertabel(bc, s, breedte),
            Spacer(1, 4 * mm),
            _financiergrafiek(bc, breedte),
        ]))

    v.append(Paragraph("Route en besluit", s["kop"]))
    totaal = bc.eerder_goedgekeurd + bc.interventie_totaal
    if bc.route == "vier-ogen":
        route = (f"Vier ogen: {formatteer(totaal)} voor deze casus is niet meer dan de grens van "
                 f"{formatteer(bc.limiet)}; een tweede doorbraakcoach toetst.")
    else:
        route = (f"Escalatie: {formatteer(totaal)} voor deze casus is meer dan de vier-ogengrens van "
                 f"{formatteer(bc.limiet)}; na de toetsing beslist een daartoe aangewezen persoon.")
    if bc.eerder_goedgekeurd:
        route += f" Eerder goedgekeurd voor deze casus: {formatteer(bc.eerder_goedgekeurd)}."
    if spoor and spoor.budgetjaar:
        route += f" Ten laste van de budgetpot {spoor.budgetjaar}" + (
            f", kostenplaats {spoor.kostenplaats}." if spoor.kostenplaats else ".")
    v.append(p(route))
    if spoor and spoor.stappen:
        rijen = [[Paragraph(k, s["cel_vet"]) for k in ("Stap", "Wie (login) · machine", "Wanneer (UTC)", "Uitkomst en reden")]]
        for stap in spoor.stappen:
            uitkomst = "" if stap.akkoord is None else ("akkoord" if stap.akkoord else "afgewezen")
            if stap.reden:
                uitkomst = f"{uitkomst}: {stap.reden}" if uitkomst else stap.reden
            rijen.append([p(stap.rol, "cel"), p(f"{stap.naam} · {stap.machine}", "cel"),
                          p(stap.tijd.replace("T", " ")[:19], "cel"), p(uitkomst or "-", "cel")])
        v.append(_tabel(rijen, [22 * mm, 45 * mm, 33 * mm, breedte - 100 * mm]))
        v.append(p(f"Status: {spoor.status}. Vastgelegd in record {spoor.record} van register {spoor.register_id[:16]}, "
                   f"met recordhash {spoor.record_hash}. 'doorbraak register verifieer' controleert de keten en dit "
                   "document.", "klein"))
    else:
        v.append(p("Nog niet ingediend of besloten: dit document is een concept.", "basis"))

    if bc.waarschuwingen:
        v.append(Paragraph("Waarschuwingen", s["kop"]))
        for w in bc.waarschuwingen:
            v.append(p(f"• {w}", "klein"))

    v.append(Paragraph("Herkomst en controle", s["kop"]))
    v.append(_sleutel_waarde([
        ("Prijslijst", f"versie {bc.prijslijst_versie}"),
        ("Inhoudshash prijslijst", bc.prijslijst_hash),
        ("Vingerafdruk casus (SHA-256)", vingerafdruk(casus)),
    ], s, breedte, klein=True))
    v.append(p("De vingerafdruk is de SHA-256 van het casusbestand zoals Doorbraak het schrijft; dezelfde casus "
               "geeft altijd dezelfde vingerafdruk. Bedragen zijn exact berekend en half naar boven afgerond op "
               "centen.", "klein"))
    return v


def _over_de_jaren(casus: Casus, bc: Businesscase, s, breedte: float) -> list:
    """Contante waarde met discontovoet en bron, terugverdienjaar, de bedragen per jaar en de scenario's."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph

    p = lambda tekst, stijl="cel": Paragraph(_tekst(tekst), s[stijl])  # noqa: E731
    v: list = []

    def ratio(r: Decimal | None) -> str:
        return "geen" if r is None else getal_nl(r, 2)

    def bedragrijen(kolommen) -> list:
        """Rijen kosten zonder tot ratio, één kolom per Scenario (of de Businesscase zelf)."""
        rijen = []
        for naam, waarde, vet in (("Kosten zonder doorbraak", lambda c: c.kosten_zonder, False),
                                  ("Kosten met doorbraak", lambda c: c.kosten_met, False),
                                  ("Vermeden kosten", lambda c: c.vermeden_kosten, True),
                                  ("Interventie", lambda c: c.interventie_totaal, False),
                                  ("Netto maatschappelijk rendement", lambda c: c.netto_rendement, True)):
            rijen.append([p(naam, "cel_vet" if vet else "cel")]
                         + [p(formatteer(waarde(c)), "cel_vet_rechts" if vet else "cel_rechts") for c in kolommen])
        rijen.append([p("Rendementsratio")] + [p(ratio(c.rendement_ratio), "cel_rechts") for c in kolommen])
        return rijen

    # de nominale kolom: de bedragen van de businesscase zelf (die heeft dezelfde velden als een Scenario)
    kolommen = [bc, bc.contant]
    kop = [p("", "cel_vet"), p("Nominaal", "cel_vet_rechts"), p("Contant", "cel_vet_rechts")]
    v.append(KeepTogether([
        Paragraph("Contante waarde en terugverdienjaar", s["kop"]),
        p(f"Discontovoet {procent(bc.discontovoet)}: {discontobron(casus, bc)}. De contante waarde van een regel is "
          "bedrag / (1 + discontovoet)^(jaar − 1), per regel half naar boven afgerond op centen; de totalen zijn "
          f"sommen van regels. Jaar 1 is het jaar vanaf de casusdatum; de horizon is {bc.horizon_jaren} jaar.",
          "basis"),
        _tabel([kop, *bedragrijen(kolommen)], [breedte - 35 * mm * len(kolommen), *[35 * mm] * len(kolommen)]),
        Paragraph(_tekst(f"Terugverdienjaar: de interventie is {terugverdiend(bc)}") + " " + _tekst(
            "(het eerste jaar waarin de opgetelde contante vermeden kosten minstens de opgetelde contante "
            "interventie zijn)."), s["na_tabel"]),
    ]))

    if bc.per_jaar:
        kop = [p("Jaar", "cel_vet")] + [p(k, "cel_vet_rechts") for k in
                                        ("Kosten zonder", "Kosten met", "Interventie", "Vermeden", "Netto")]
        rijen = [kop] + [[p(str(j.jaar))] + [p(formatteer(b), "cel_rechts")
                                             for b in (j.zonder, j.met, j.interventie, j.vermeden, j.netto)]
                         for j in bc.per_jaar]
        rijen.append([p("Totaal", "cel_vet")] + [p(formatteer(b), "cel_vet_rechts") for b in (
            bc.kosten_zonder, bc.kosten_met, bc.interventie_totaal, bc.vermeden_kosten, bc.netto_rendement)])
        v.append(KeepTogether([Paragraph("Per jaar (nominaal)", s["kop"]),
                               _tabel(rijen, [breedte - 5 * 31 * mm, *[31 * mm] * 5])]))

    if bc.scenarios:
        namen = [n for n in ("laag", "midden", "hoog") if n in bc.scenarios]
        kop = [p("", "cel_vet")] + [p(n.capitalize(), "cel_vet_rechts") for n in namen]
        v.append(KeepTogether([
            Paragraph("Scenario's (nominaal)", s["kop"]),
            p("Laag is voorzichtig: de kosten zonder doorbraak met kans_laag en de kosten met doorbraak met kans_hoog; "
              "hoog is omgekeerd. Midden rekent met de kansen zelf (de businesscase hierboven). Een regel zonder "
              "kansbereik telt in elk scenario met zijn kans.", "basis"),
            _tabel([kop, *bedragrijen([bc.scenarios[n] for n in namen])],
                   [breedte - 35 * mm * len(namen), *[35 * mm] * len(namen)]),
        ]))
    return v


def _grondslagentabel(bc: Businesscase, s, breedte: float):
    """Per grondslag: code, wet en artikel; de toelichting uit de casus, de omschrijving en de vindplaats."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    rijen = [[Paragraph("Grondslag", s["cel_vet"]), Paragraph("Toelichting, artikel en vindplaats", s["cel_vet"])]]
    for g in bc.grondslagen:
        gs = g.grondslag
        rechts = [Paragraph(_tekst(g.toelichting or "-"), s["cel"]),
                  Paragraph(_tekst(gs.omschrijving), s["klein"]),
                  Paragraph(_tekst(f"{gs.url} (gecontroleerd op {gs.gecontroleerd_op.isoformat()})"), s["klein"])]
        rijen.append([[Paragraph(_tekst(gs.code), s["cel_vet"]), Paragraph(_tekst(f"{gs.wet} art. {gs.artikel}"),
                                                                            s["cel"])], rechts])
    return _tabel(rijen, [45 * mm, breedte - 45 * mm])


def _kostentabel(regels: tuple[Regeluitkomst, ...], totaal: Decimal, s, breedte: float, meer_jaren: bool = False):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    kop = ["Omschrijving (bron)", "Eenheidsprijs", "Prijs / jaar / index", "Aantal", "Kans", "Bedrag", "Financier"]
    rijen = [[Paragraph(k, s["klein_vet_rechts" if k in ("Aantal", "Kans", "Bedrag") else "klein_vet"]) for k in kop]]
    for u in regels:
        bron = f"[{u.code}]" if u.code else f"eigen regel; bron: {u.bron}"
        if u.code:
            herkomst = (f"{formatteer(u.bedrag_bron)} ({u.prijsjaar})\n" + (
                "vast bedrag" if u.indexreeks == "geen" else
                f"× {getal_nl(u.indexfactor, 4)} {REEKSNAAM.get(u.indexreeks or '', '')}"))
        else:
            herkomst = "-"
        omschrijving = _tekst(f"{u.omschrijving} {bron}")
        if meer_jaren:
            omschrijving += "<br/>" + _tekst(f"jaar {u.jaar} · contant {formatteer(u.contant)}")
        # getallen als gewone tekst met een vaste regelovergang (snel: een rapport kan honderden regels hebben);
        # tekst die kan afbreken (omschrijving, financier) als Paragraph
        rijen.append([
            Paragraph(omschrijving, s["klein"]),
            f"{formatteer(u.eenheidsprijs)}\nper {u.eenheid}",
            herkomst,
            getal_nl(u.aantal), getal_nl(u.kans), formatteer(u.bedrag),
            Paragraph(_tekst(u.financier), s["klein"]),
        ])
    rijen.append([Paragraph("Totaal", s["klein_vet"]), "", "", "", "",
                  Paragraph(formatteer(totaal), s["klein_vet_rechts"]), ""])
    # smallere celmarge (4 pt): "Eenheidsprijs" en een bedrag tot € 99.999.999,99 passen zonder af te breken
    vast = [24 * mm, 28 * mm, 14 * mm, 13 * mm, 27 * mm, 22 * mm]
    tabel = _tabel(rijen, [breedte - sum(vast), *vast])
    from reportlab.platypus import TableStyle

    tabel.setStyle(TableStyle([("FONTSIZE", (1, 1), (5, -1), 7.5), ("LEADING", (1, 1), (5, -1), 9),
                               ("ALIGN", (1, 1), (1, -1), "RIGHT"), ("ALIGN", (3, 1), (5, -1), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
    return tabel


def _financiertabel(bc: Businesscase, s, breedte: float):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    rijen = [[Paragraph(k, s["cel_vet" if i == 0 else "cel_vet_rechts"])
              for i, k in enumerate(("Financier", "Kosten zonder", "Kosten met", "Vermeden"))]]
    for f in bc.financiers:
        rijen.append([Paragraph(_tekst(f.financier), s["cel"])] +
                     [Paragraph(formatteer(b), s["cel_rechts"]) for b in (f.zonder, f.met, f.vermeden)])
    return _tabel(rijen, [breedte - 90 * mm, 30 * mm, 30 * mm, 30 * mm])


def _financiergrafiek(bc: Businesscase, breedte: float):
    """Staafdiagram per financier: kosten zonder en met doorbraak (wie betaalt, wie bespaart)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.graphics import shapes
    from reportlab.lib import colors

    shapes.STATE_DEFAULTS["fontName"] = FONT  # anders begint elke tekening met Helvetica (niet ingebed)
    financiers = list(bc.financiers)[:12]
    hoogte = 40 + 26 * len(financiers)
    d = Drawing(breedte, hoogte + 30)
    grafiek = HorizontalBarChart()
    grafiek.x, grafiek.y = 150, 25
    grafiek.width, grafiek.height = breedte - 170, hoogte - 20
    # float alleen voor de lengte van de staven, nooit voor een bedrag dat wordt getoond of opgeteld
    grafiek.data = [[float(f.zonder) for f in financiers], [float(f.met) for f in financiers]]  # float ok
    grafiek.categoryAxis.categoryNames = [_afgekort(f.financier, 30) for f in financiers]
    grafiek.categoryAxis.labels.fontName = FONT
    grafiek.categoryAxis.labels.fontSize = 7
    grafiek.categoryAxis.labels.boxAnchor = "e"
    grafiek.categoryAxis.reverseDirection = 1
    grafiek.valueAxis.labels.fontName = FONT
    grafiek.valueAxis.labels.fontSize = 7
    grafiek.valueAxis.valueMin = 0
    grafiek.valueAxis.labelTextFormat = lambda w: formatteer(Decimal(int(w)), teken=True)[:-3]
    grafiek.bars[0].fillColor = colors.HexColor("#C0504D")
    grafiek.bars[1].fillColor = colors.HexColor("#4F81BD")
    grafiek.bars.strokeColor = None
    d.add(grafiek)
    legenda = Legend()
    legenda.x, legenda.y = 150, hoogte + 18
    legenda.fontName = FONT
    legenda.fontSize = 7.5
    legenda.alignment = "right"
    legenda.columnMaximum = 1
    legenda.colorNamePairs = [(colors.HexColor("#C0504D"), "kosten zonder doorbraak"),
                              (colors.HexColor("#4F81BD"), "kosten met doorbraak")]
    d.add(legenda)
    if len(bc.financiers) > len(financiers):
        d.add(String(0, 4, f"(de eerste {len(financiers)} van {len(bc.financiers)} financiers)", fontName=FONT,
                     fontSize=7))
    return d


def _sleutel_waarde(paren: list[tuple[str, str]], s, breedte: float, klein: bool = False):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    stijl, vet = ("klein", "klein_vet") if klein else ("cel", "cel_vet")
    rijen = [[Paragraph(_tekst(k), s[vet]), Paragraph(_tekst(w), s[stijl])] for k, w in paren]
    return _tabel(rijen, [48 * mm, breedte - 48 * mm], kop=False, raster=False)


def _tabel(rijen: list, breedtes: list, kop: bool = True, raster: bool = True):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(rijen, colWidths=breedtes, repeatRows=1 if kop else 0)
    stijl = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if raster:
        stijl += [("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#BBBBBB"))]
    if kop:
        stijl += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#4F6D8A"))]
    t.setStyle(TableStyle(stijl))
    return t


def _genummerd_canvas(voettekst: str):
    """Een canvas dat pas aan het eind weet hoeveel pagina's er zijn: `pagina X van Y`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class GenummerdCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._paginas: list[dict] = []

        def showPage(self):
            self._paginas.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            totaal = len(self._paginas)
            for nummer, staat in enumerate(self._paginas, 1):
                self.__dict__.update(staat)
                self.setFont(FONT, 7.5)
                self.setFillColorRGB(0.35, 0.35, 0.35)
                self.drawString(18 * mm, 10 * mm, _schoon(voettekst))
                self.drawRightString(A4[0] - 18 * mm, 10 * mm, f"pagina {nummer} van {totaal}")
                super().showPage()
            super().save()

    return GenummerdCanvas


# ---------------------------------------------------------------- PDF/A


def _documentdatum(casus: Casus, spoor: Besluitspoor | None) -> datetime:
    if spoor and spoor.stappen:
        laatste = max(stap.tijd for stap in spoor.stappen)
        return datetime.strptime(laatste[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    return datetime(casus.datum.year, casus.datum.month, casus.datum.day, tzinfo=timezone.utc)


def _als_pdfa(data: bytes, datum: datetime) -> bytes:
    """Maak er PDF/A-2b van (XMP, sRGB-OutputIntent) en laat pikepdf het resultaat valideren."""
    import pikepdf
    from pikepdf import pdfa

    pdf = pikepdf.open(io.BytesIO(data))
    for pagina in pdf.pages:
        if "/Trans" in pagina.obj:  # ReportLab schrijft een lege paginaovergang; PDF/A kent die niet
            del pagina.obj["/Trans"]
    pdfa.prepare(pdf, "2b")
    stempel = datum.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
        for sleutel in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            meta[sleutel] = stempel
        meta["pdf:Producer"] = PDF_PRODUCENT  # maker en producent: zo herkent doorbraak.uitvoer een eerdere export
        meta["xmp:CreatorTool"] = MAKER
        meta["pdf:Keywords"] = pdf_versiekenmerk()  # welke versie het maakte: zie register verifieer
    uit = io.BytesIO()
    pdfa.save(pdf, uit, "2b", repair=False, deterministic_id=True)
    return uit.getvalue()


def pdf_versiekenmerk() -> str:
    """Het kenmerk van de versie van Doorbraak in een verantwoordingsdocument (`/Keywords`): alleen dezelfde
    versie maakt het document byte voor byte opnieuw. Gelijk aan het veld `programma` van een record."""
    from doorbraak.register.opslag import programma

    return programma()


def versiekenmerk_van(data: bytes) -> str | None:
    """Het versiekenmerk van een eerder gemaakt document; leeg als het er niet in staat (vóór versie 0.2.0),
    None als het geen leesbaar PDF-document is."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return str(pdf.docinfo.get("/Keywords", ""))
    except pikepdf.PdfError:
        return None


# ---------------------------------------------------------------- tekst


def _registreer_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONTMAP / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_VET, str(FONTMAP / "DejaVuSans-Bold.ttf")))
    for vet, schuin, naam in ((0, 0, FONT), (1, 0, FONT_VET), (0, 1, FONT), (1, 1, FONT_VET)):
        addMapping(FONT, vet, schuin, naam)


def _schoon(tekst: str) -> str:
    return _STUURTEKENS.sub("", tekst or "")


def _tekst(tekst: str) -> str:
    """Gebruikerstekst veilig voor een Paragraph: geen opmaak-tags, regelovergangen behouden."""
    return escape(_schoon(tekst)).replace("\r\n", "\n").replace("\n", "<br/>")


def _afgekort(tekst: str, lengte: int) -> str:
    tekst = _schoon(tekst)
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"
