"""Het verantwoordingsdocument als PDF/A-2b: wat een auditor, rechter of archivaris jaren later leest.

- A4, Nederlands, bedragen als `€ 1.234,56`, DejaVu Sans ingebed (ook ë, Ö, ğ, €).
- Watermerk `CONCEPT` zolang er geen goedkeuring is, `OEFENCASUS` voor oefencasussen: getekend als contouren
  (geen tekst), zodat het niet in de uitgelezen tekst mengt; wat het zegt staat één keer bij de gegevens.
- Narekenbaar: per regel de prijs, de twee indexcijfers, eenheidsprijs, aantal, kans en bedrag; een bijlage met
  elk gebruikt prijsitem en zijn bron; bij een goedkeuring de budgetpot op het moment van het besluit.
- Deterministisch: dezelfde casus en hetzelfde besluit geven byte-identieke bestanden (de documentdatum van een
  document uit het register is het tijdstip van de laatste stap; een concept draagt de dag van de export).
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

from doorbraak import PROJECTMAP
from doorbraak.domein.berekening import Businesscase, Regeluitkomst
from doorbraak.domein.casus import Casus, casus_naar_json
from doorbraak.domein.geld import formatteer, getal_nl
from doorbraak.domein.prijslijst import REEKSNAAM
from doorbraak.samenvatting import discontobron, procent, terugverdiend
from doorbraak.uitvoer import MAKER, PDF_PRODUCENT

FONT = "DejaVuSans"
FONT_VET = "DejaVuSans-Bold"
FONTMAP = PROJECTMAP / "resources" / "fonts"
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
    laad_reportlab()
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

    doc.build(_inhoud(casus, bc, spoor, doc.width, documentdatum), onFirstPage=achtergrond, onLaterPages=achtergrond,
              canvasmaker=_genummerd_canvas(f"Doorbraak · verantwoording casus {casus.casus_id}", documentdatum))
    return buf.getvalue()


def escape(tekst: str, entiteiten: dict[str, str] | None = None) -> str:
    """Als `xml.sax.saxutils.escape` (&, < en >, en wat `entiteiten` noemt), zonder die module: die laadt
    urllib.request mee, 15 ms bij elke `doorbraak pdf`."""
    tekst = tekst.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for teken, entiteit in (entiteiten or {}).items():
        tekst = tekst.replace(teken, entiteit)
    return tekst


# ---------------------------------------------------------------- ReportLab laden

#: het begin van `reportlab.platypus.paragraph.uri_pat`: een reguliere expressie (hoofdletterongevoelig, met
#: bereiken tot U+FFFF) waarvan het compileren bij elke start 30 ms kost, een tiende van `doorbraak pdf`. ReportLab
#: gebruikt haar alleen om URL's af te breken als `rl_config.uriWasteReduce` aan staat (standaard uit, en
#: Doorbraak zet het niet aan); ze wordt daarom pas gecompileerd als iemand haar echt gebruikt.
_URI_PATROON = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class _LuiPatroon:
    """Een reguliere expressie die pas bij het eerste gebruik wordt gecompileerd."""

    def __init__(self, compileer, patroon: str, vlaggen: int):
        self._compileer, self._patroon, self._vlaggen, self._echt = compileer, patroon, vlaggen, None

    def __getattr__(self, naam: str):
        if self._echt is None:
            self._echt = self._compileer(self._patroon, self._vlaggen)
        return getattr(self._echt, naam)


def laad_reportlab() -> None:
    """Importeer ReportLabs platypus (één keer per proces), met `uri_pat` lui (zie `_URI_PATROON`)."""
    import sys

    if "reportlab.platypus.paragraph" in sys.modules:
        return
    import re

    echt = re.compile

    def compileer(patroon, vlaggen=0):
        if isinstance(patroon, str) and patroon.startswith(_URI_PATROON):
            return _LuiPatroon(echt, patroon, vlaggen)
        return echt(patroon, vlaggen)

    re.compile = compileer
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = echt


# ---------------------------------------------------------------- watermerk

#: per watermerktekst de letters als contouren (font-eenheden) en de breedte; één keer per proces gelezen
_CONTOUREN: dict[str, tuple[tuple[tuple, ...], float, int]] = {}


#: de contouren van de letters van de watermerken, vooraf uit DejaVu Sans Bold gelezen (fontTools en het
#: lettertype uitlezen kosten bij elke opdracht 70 ms); `tests/test_export.py` vergelijkt ze met het lettertype
CONTOURENBESTAND = FONTMAP / "DejaVuSans-Bold.watermerk.json"


def _watermerk_contouren(tekst: str) -> tuple[tuple[tuple, ...], float, int]:
    """De letters van `tekst` in DejaVu Sans Bold als paden: (bewerkingen, breedte, eenheden per em).

    Contouren in plaats van tekst: een watermerk is geen inhoud en hoort niet in de tekst die pdftotext,
    een schermlezer of een zoekfunctie uit het document haalt. De letters komen uit `CONTOURENBESTAND`;
    een letter die daar niet in staat, uit het lettertype (fontTools komt mee met pikepdf[pdfa])."""
    if tekst in _CONTOUREN:
        return _CONTOUREN[tekst]
    import json

    try:
        vooraf = json.loads(CONTOURENBESTAND.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        vooraf = {"tekens": {}}
    if all(t in vooraf["tekens"] for t in tekst):
        bewerkingen, x = [], 0.0
        for teken in tekst:
            letter = vooraf["tekens"][teken]
            for b in letter["pad"]:
                bewerkingen.append((b[0], *(v + x if i % 2 == 0 else v for i, v in enumerate(b[1:]))))
            x += letter["breedte"]
        _CONTOUREN[tekst] = (tuple(bewerkingen), x, vooraf["em"])
        return _CONTOUREN[tekst]
    return _contouren_uit_lettertype(tekst)


def watermerkletters(tekens: str) -> dict:
    """De inhoud van `CONTOURENBESTAND` voor deze tekens (elke letter los, vanaf x = 0)."""
    letters = {}
    em = 0
    for teken in sorted(set(tekens)):
        bewerkingen, breedte, em = _contouren_uit_lettertype(teken)
        letters[teken] = {"breedte": breedte, "pad": [list(b) for b in bewerkingen]}
    return {"lettertype": "DejaVuSans-Bold.ttf", "em": em, "tekens": letters}


def _contouren_uit_lettertype(tekst: str) -> tuple[tuple[tuple, ...], float, int]:
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
    uitkomst = (tuple(bewerkingen), x, font["head"].unitsPerEm)
    font.close()
    _CONTOUREN[tekst] = uitkomst
    return uitkomst


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

#: de breedte van een getallenkolom in de kostentabellen (mm): `€ 99.999.999,99`, ook vet, past zonder afbreken
_EENHEIDSPRIJS_MM, _AANTAL_MM, _KANS_MM, _BEDRAG_MM = 25, 14, 11, 27
_CELMARGE = 4  # pt links en rechts in de kostentabellen en de bijlage
_GRIJS = "#444444"


def _stijlen():
    from reportlab.lib.styles import ParagraphStyle

    basis = ParagraphStyle("basis", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "basis": basis,
        "titel": ParagraphStyle("titel", parent=basis, fontName=FONT_VET, fontSize=16, leading=20, spaceAfter=2),
        "ondertitel": ParagraphStyle("ondertitel", parent=basis, fontSize=11, leading=14, spaceAfter=8),
        # een kop blijft bij wat erop volgt: nooit alleen onderaan een pagina (zie ook _kop)
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


def _kop(tekst: str, s, ruimte_mm: float = 28) -> list:
    """Een kop met minstens `ruimte_mm` eronder op dezelfde pagina (anders begint hij op de volgende): zo staat
    een kop nooit alleen onderaan, ook niet boven een tabel die langer is dan een pagina."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Paragraph

    return [CondPageBreak(ruimte_mm * mm), Paragraph(_tekst(tekst), s["kop"])]


def _documentstatus(casus: Casus, spoor: Besluitspoor | None) -> str:
    """Wat het watermerk zegt, ook als tekst (het watermerk zelf is een tekening): leeg voor een besluit."""
    goedgekeurd = spoor is not None and spoor.status == "goedgekeurd"
    if casus.is_oefening:
        return ("OEFENCASUS: alleen voor training, goedgekeurd in een oefenregister" if goedgekeurd else
                "OEFENCASUS · CONCEPT: alleen voor training, nog niet goedgekeurd")
    return "" if goedgekeurd else "CONCEPT: nog niet goedgekeurd"


def _inhoud(casus: Casus, bc: Businesscase, spoor: Besluitspoor | None, breedte: float,
            documentdatum: datetime) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from doorbraak.domein.prijslijst import datum_nl

    s = _stijlen()
    p = lambda tekst, stijl="basis": Paragraph(_tekst(tekst), s[stijl])  # noqa: E731
    v: list = []
    v.append(Paragraph("Verantwoording doorbraakbudget", s["titel"]))
    v.append(Paragraph(_tekst(f"Casus {casus.casus_id}: {casus.titel}"), s["ondertitel"]))
    gegevens = [("Casus", casus.casus_id), ("Gemeente", casus.gemeente or "-"), ("Doorbraakcoach", casus.coach or "-"),
                ("Datum casus", datum_nl(casus.datum)), ("Prijspeil", bc.prijspeil),
                ("Horizon", f"{casus.horizon} maanden")]
    if casus.huishouden and (casus.huishouden.volwassenen is not None or casus.huishouden.kinderen is not None):
        h = casus.huishouden
        delen = []  # zoals de samenvatting: `1 volwassene, 2 kinderen`
        if h.volwassenen is not None:
            delen.append(f"{h.volwassenen} volwassene{'n' if h.volwassenen != 1 else ''}")
        if h.kinderen is not None:
            delen.append(f"{h.kinderen} kind{'eren' if h.kinderen != 1 else ''}")
        gegevens.append(("Huishouden", ", ".join(delen)))
    if casus.leefgebieden:
        gegevens.append(("Leefgebieden", ", ".join(casus.leefgebieden)))
    if spoor:
        gegevens.append(("Aanvraag in het register", f"{spoor.aanvraag}, status {spoor.status}"))
    if status := _documentstatus(casus, spoor):
        gegevens.append(("Document", status))
    v.append(_sleutel_waarde(gegevens, s, breedte))

    for kop, tekst in (("Situatie", casus.situatie), ("Reguliere route", casus.reguliere_route),
                       ("De doorbraak", casus.doorbraak), ("Perspectief", casus.perspectief)):
        if tekst:
            v.extend(_kop(kop, s, 20))
            v.append(p(tekst))
    if casus.waardendriehoek:
        w = casus.waardendriehoek
        v.extend(_kop("Waardendriehoek", s, 20))
        v.append(_sleutel_waarde([("Rendement", w.rendement or "-"), ("Legitimiteit", w.legitimiteit or "-"),
                                  ("Betrokkenheid", w.betrokkenheid or "-")], s, breedte))
    if bc.grondslagen:
        v.extend(_kop("Grondslagen", s))
        v.append(_grondslagentabel(bc, s, breedte))

    meer_jaren = bc.horizon_jaren > 1
    v.extend(_kop("Interventie (doorbraakbudget)", s))
    rijen = [[Paragraph("Omschrijving", s["cel_vet"]), Paragraph("Categorie", s["cel_vet"]),
              Paragraph("Bedrag", s["cel_vet_rechts"])]]
    for i, r in enumerate(casus.interventie):
        omschrijving = [p(r.omschrijving, "cel")]
        if meer_jaren and i < len(bc.interventie):
            uitkomst = bc.interventie[i]
            omschrijving.append(p(f"jaar {uitkomst.jaar} · contant {formatteer(uitkomst.contant)}", "klein"))
        rijen.append([omschrijving, p(r.categorie or "-", "cel"), p(formatteer(r.bedrag), "cel_rechts")])
    rijen.append([Paragraph("Totaal", s["cel_vet"]), "", Paragraph(formatteer(bc.interventie_totaal), s["cel_vet_rechts"])])
    categorie = max(35 * mm, _langste_woord([r.categorie or "-" for r in casus.interventie] + ["Categorie"],
                                            FONT_VET, 8.5) + 14)
    v.append(_tabel(rijen, [breedte - 35 * mm - categorie, categorie, 35 * mm], totaalrij=True))

    v.append(p(f"Prijspeil {bc.prijspeil}. Eenheidsprijs = bedrag uit de prijslijst × indexcijfer casusjaar / "
               "indexcijfer prijsjaar; regelbedrag = eenheidsprijs × aantal × kans; beide half naar boven afgerond op "
               "centen. Bron, vindplaats en controledatum van elke prijs: zie de bijlage.", "na_tabel"))
    for titel, regels, totaal in (("Kosten zonder doorbraak", bc.zonder, bc.kosten_zonder),
                                  ("Kosten met doorbraak", bc.met, bc.kosten_met)):
        v.extend(_kop(titel, s, 35))
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

    v.append(KeepTogether(_besluitblok(bc, spoor, s, breedte)))  # route, pot en besluit op één pagina

    if bc.waarschuwingen:
        v.extend(_kop("Waarschuwingen", s, 20))
        for w in bc.waarschuwingen:
            v.append(p(f"• {w}", "klein"))

    v.append(KeepTogether([Paragraph("Herkomst en controle", s["kop"]), _sleutel_waarde([
        ("Prijslijst", f"versie {bc.prijslijst_versie}"),
        ("Inhoudshash prijslijst", bc.prijslijst_hash),
        ("Vingerafdruk casus (SHA-256)", vingerafdruk(casus)),
        ("Documentdatum", _documentdatum_uitleg(spoor, documentdatum)),
    ], s, breedte, klein=True), p(
        "De vingerafdruk is de SHA-256 van het casusbestand zoals Doorbraak het schrijft; dezelfde casus "
        "geeft altijd dezelfde vingerafdruk. Bedragen zijn exact berekend en half naar boven afgerond op "
        "centen.", "klein")]))
    v.extend(_bijlage(bc, s, breedte))
    return v


def _documentdatum_uitleg(spoor: Besluitspoor | None, datum: datetime) -> str:
    from doorbraak.domein.prijslijst import datum_nl

    if spoor and spoor.stappen:
        waarom = ("het tijdstip van het besluit" if spoor.status == "goedgekeurd" else
                  "het tijdstip van de laatste stap in het register")
        return (f"{datum_nl(datum.date())}, {datum:%H:%M:%S} UTC ({waarom}: elke latere export van dit document "
                "is byte voor byte gelijk)")
    return f"{datum_nl(datum.date())} (de dag van de export; een concept wordt niet gearchiveerd)"


def _besluitblok(bc: Businesscase, spoor: Besluitspoor | None, s, breedte: float) -> list:
    """Route en besluit: de route, de budgetpot op het moment van het besluit en wie wanneer wat besloot."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from doorbraak.domein.prijslijst import datum_nl

    p = lambda tekst, stijl="basis": Paragraph(_tekst(tekst), s[stijl])  # noqa: E731
    v: list = [Paragraph("Route en besluit", s["kop"])]
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
    elif spoor and spoor.kostenplaats:
        route += f" Kostenplaats {spoor.kostenplaats}."
    v.append(p(route))
    if spoor and spoor.budget:
        v.extend(_budgetpot(spoor, s, breedte))
        v.append(Spacer(1, 3 * mm))
    if spoor and spoor.stappen:
        rijen = [[Paragraph(k, s["cel_vet"]) for k in ("Stap", "Wie (login) · machine", "Wanneer (UTC)", "Uitkomst en reden")]]
        for stap in spoor.stappen:
            uitkomst = "" if stap.akkoord is None else ("akkoord" if stap.akkoord else "afgewezen")
            if stap.reden:
                uitkomst = f"{uitkomst}: {stap.reden}" if uitkomst else stap.reden
            try:
                moment = datetime.strptime(stap.tijd[:19], "%Y-%m-%dT%H:%M:%S")
                wanneer = f"{datum_nl(moment.date())}<br/>{moment:%H:%M:%S}"
            except ValueError:  # een onleesbaar tijdstip: zoals het in het register staat
                wanneer = _tekst(stap.tijd)
            rijen.append([p(stap.rol, "cel"), p(f"{stap.naam} · {stap.machine}", "cel"),
                          Paragraph(wanneer, s["cel"]), p(uitkomst or "-", "cel")])
        v.append(_tabel(rijen, [22 * mm, 45 * mm, 36 * mm, breedte - 103 * mm]))
        v.append(p(f"Status: {spoor.status}. Vastgelegd in record {spoor.record} van register {spoor.register_id[:16]}, "
                   f"met recordhash {spoor.record_hash}. 'doorbraak register verifieer' controleert de keten en dit "
                   "document.", "klein"))
    else:
        v.append(p("Nog niet ingediend of besloten: dit document is een concept.", "basis"))
    return v


def _budgetpot(spoor: Besluitspoor, s, breedte: float) -> list:
    """De pot waaruit deze goedkeuring betaald is, zoals hij op het moment van het besluit was."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    pot = spoor.budget or {}
    deze = pot["beschikbaar_voor"] - pot["beschikbaar_na"]
    jaar = f" {spoor.budgetjaar}" if spoor.budgetjaar else ""
    rijen = [("Budgetjaar", str(spoor.budgetjaar) if spoor.budgetjaar else "geen (één doorlopende pot)", False),
             ("Kostenplaats", spoor.kostenplaats or "-", False),
             (f"Budget{jaar} (de hele pot)", formatteer(pot["budget"]), False),
             ("Eerder toegekend uit deze pot", formatteer(pot["toegekend_voor"]), False),
             ("Vrijgevallen na nacalculatie", formatteer(pot["vrijgevallen"]), False),
             ("Beschikbaar vóór dit besluit", formatteer(pot["beschikbaar_voor"]), True),
             ("Toegekend met dit besluit", formatteer(deze), False),
             ("Beschikbaar na dit besluit", formatteer(pot["beschikbaar_na"]), True)]
    return [
        Paragraph(_tekst("De budgetpot op het moment van het besluit (beschikbaar vóór = budget − eerder toegekend + "
                         "vrijgevallen; beschikbaar na = beschikbaar vóór − dit besluit):"), s["na_tabel"]),
        _tabel([[Paragraph(_tekst(k), s["cel_vet" if vet else "cel"]),
                 Paragraph(_tekst(w), s["cel_vet_rechts" if vet else "cel_rechts"])] for k, w, vet in rijen],
               [breedte - 70 * mm, 70 * mm], kop=False),
    ]


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
                               _tabel(rijen, [breedte - 5 * 31 * mm, *[31 * mm] * 5], totaalrij=True)]))

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
    """Per grondslag: code, wet en artikel; de toelichting uit de casus, de omschrijving en de vindplaats.

    De controledatum van de vindplaats staat hier als ISO-datum (2026-11-30): een citaat, geen lopende tekst;
    tests/test_rekenmodel2_uitvoer.py leest haar zo."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from doorbraak.domein.prijslijst import datum_nl

    rijen = [[Paragraph("Grondslag", s["cel_vet"]), Paragraph("Toelichting, artikel en vindplaats", s["cel_vet"])]]
    for g in bc.grondslagen:
        gs = g.grondslag
        rechts = [Paragraph(_tekst(g.toelichting or "-"), s["cel"]),
                  Paragraph(_tekst(gs.omschrijving), s["klein"]),
                  Paragraph(_tekst(f"{gs.url} (gecontroleerd op {datum_nl(gs.gecontroleerd_op)})"), s["klein"])]
        rijen.append([[Paragraph(_tekst(gs.code), s["cel_vet"]), Paragraph(_tekst(f"{gs.wet} art. {gs.artikel}"),
                                                                            s["cel"])], rechts])
    return _tabel(rijen, [45 * mm, breedte - 45 * mm])


def _eenheid(eenheid: str) -> str:
    """`per uur`, maar `eenmalig` (niet `per eenmalig`)."""
    eenheid = _schoon(eenheid).strip()
    if not eenheid or eenheid.lower() in ("eenmalig", "eenmalige kosten") or eenheid.lower().startswith("per "):
        return eenheid
    return f"per {eenheid}"


def _prijsuitleg(u: Regeluitkomst) -> str:
    """Hoe de eenheidsprijs ontstaat, met de getallen om haar na te rekenen (zie samenvatting)."""
    from doorbraak.samenvatting import eenheidsprijs_uitleg

    if u.code:
        return eenheidsprijs_uitleg(u)
    return f"eigen eenheidsprijs; bron: {u.bron or '-'}"


def _kostentabel(regels: tuple[Regeluitkomst, ...], totaal: Decimal, s, breedte: float, meer_jaren: bool = False):
    """Per regel: omschrijving en code, financier, hoe de eenheidsprijs ontstaat (bedrag × index casusjaar /
    index prijsjaar), en eenheidsprijs, aantal, kans en bedrag: genoeg om elk bedrag op de cent na te rekenen."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, TableStyle

    kop = ["Omschrijving, financier en prijs", "Eenheidsprijs", "Aantal", "Kans", "Bedrag"]
    rijen = [[Paragraph(k, s["klein_vet" if i == 0 else "klein_vet_rechts"]) for i, k in enumerate(kop)]]
    vast = [_EENHEIDSPRIJS_MM * mm, _AANTAL_MM * mm, _KANS_MM * mm, _BEDRAG_MM * mm]
    ruimte = vast[0] - 2 * _CELMARGE
    for u in regels:
        naam = f"{u.omschrijving} [{u.code}]" if u.code else f"{u.omschrijving} (eigen regel)"
        detail = f"financier: {u.financier or '-'}"
        if meer_jaren:
            detail += f" · jaar {u.jaar} · contant {formatteer(u.contant)}"
        # `€ 1.234,56` blijft bij elkaar op één regel (een harde spatie)
        tekst = _regels([(naam, ""), (detail.replace("€ ", "€\u00a0"), _GRIJS),
                         (_prijsuitleg(u).replace("€ ", "€\u00a0"), _GRIJS)])
        eenheid = _eenheid(u.eenheid)
        # getallen als gewone tekst met een vaste regelovergang (snel: een rapport kan honderden regels hebben);
        # alleen een eenheid die niet past wordt een Paragraph (die breekt tussen woorden)
        prijs: object = f"{formatteer(u.eenheidsprijs)}\n{eenheid}" if eenheid else formatteer(u.eenheidsprijs)
        if eenheid and stringWidth(eenheid, FONT, 7.5) > ruimte:
            prijs = Paragraph(_tekst(formatteer(u.eenheidsprijs)) + "<br/>" + _tekst(eenheid), s["klein_rechts"])
        rijen.append([tekst, prijs, getal_nl(u.aantal), getal_nl(u.kans), formatteer(u.bedrag)])
    rijen.append([Paragraph("Totaal", s["klein_vet"]), "", "", "", Paragraph(formatteer(totaal), s["klein_vet_rechts"])])
    tabel = _tabel(rijen, [breedte - sum(vast), *vast], totaalrij=True)
    tabel.setStyle(TableStyle([("FONTSIZE", (1, 1), (4, -1), 7.5), ("LEADING", (1, 1), (4, -1), 9),
                               ("ALIGN", (1, 1), (4, -1), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), _CELMARGE),
                               ("RIGHTPADDING", (0, 0), (-1, -1), _CELMARGE)]))
    return tabel


def _bijlage(bc: Businesscase, s, breedte: float) -> list:
    """Bijlage: elk gebruikt prijslijstitem op één regel (naam, bedrag, prijsjaar, indexreeks, bron, url,
    gecontroleerd op), en de eigen regels met hun opgegeven bron."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, TableStyle

    from doorbraak.domein.prijslijst import datum_nl

    v = _kop("Bijlage: gebruikte prijzen en bronnen", s, 45)
    regels = bc.zonder + bc.met
    items: dict[str, tuple] = {}
    for u in regels:
        if u.code and u.code not in items:
            i = u.prijsitem
            if i is not None:
                items[u.code] = (i.naam, i.bedrag, i.prijsjaar, i.indexatie, i.bron, i.url, i.gecontroleerd_op)
            else:  # een berekening zonder prijsitem (buiten bereken gemaakt): wat de regel zelf weet
                items[u.code] = (u.omschrijving, u.bedrag_bron, u.prijsjaar, u.indexatie, u.bron, "", None)
    eigen = [u for u in regels if not u.code]
    if items:
        v.append(Paragraph(_tekst(f"Elk gebruikt item uit prijslijst versie {bc.prijslijst_versie}, zoals het bij de "
                                  "berekening gold."), s["basis"]))
        # zo breed als de langste code (tot 40 tekens, vet): een code breekt nooit af
        codebreedte = min(60 * mm, max(18 * mm, _langste_woord(list(items) + ["Code"], FONT_VET, 7.5) + 2 * _CELMARGE + 1))
        vast = [_EENHEIDSPRIJS_MM * mm, 13 * mm, 25 * mm]
        kop = ["Code", "Naam, bron en vindplaats", "Bedrag (prijsjaar)", "Index", "Gecontroleerd op"]
        rijen = [[Paragraph(k, s["klein_vet_rechts" if k.startswith("Bedrag") else "klein_vet"]) for k in kop]]
        for code in sorted(items):
            naam, bedrag, prijsjaar, indexatie, bron, url, gecontroleerd = items[code]
            tekst = _regels([(naam, ""), (f"bron: {bron or '-'}", _GRIJS)] + ([(url, _GRIJS + " url")] if url else []))
            rijen.append([Paragraph(_tekst(code), s["klein_vet"]), tekst,
                          f"{formatteer(bedrag)}\n({prijsjaar})", REEKSNAAM.get(indexatie or "", indexatie or "-"),
                          Paragraph(datum_nl(gecontroleerd) if gecontroleerd else "-", s["klein"])])
        tabel = _tabel(rijen, [codebreedte, breedte - codebreedte - sum(vast), *vast])
        tabel.setStyle(TableStyle([("FONTSIZE", (2, 1), (3, -1), 7.5), ("LEADING", (2, 1), (3, -1), 9),
                                   ("ALIGN", (2, 1), (2, -1), "RIGHT"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), _CELMARGE),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), _CELMARGE)]))
        v.append(tabel)
    if eigen:
        from reportlab.platypus import CondPageBreak

        v.append(CondPageBreak(25 * mm))  # de inleiding nooit alleen onderaan: zij hoort bij haar tabel
        v.append(Paragraph(_tekst("Eigen regels: geen prijslijstitem; de eenheidsprijs en de bron zijn zoals de "
                                  "doorbraakcoach ze opgaf."), s["na_tabel"]))
        rijen = [[Paragraph(k, s["klein_vet_rechts" if k == "Eenheidsprijs" else "klein_vet"])
                  for k in ("Omschrijving", "Eenheidsprijs", "Bron")]]
        for u in eigen:
            rijen.append([Paragraph(_tekst(u.omschrijving or "-"), s["klein"]),
                          Paragraph(_tekst(formatteer(u.eenheidsprijs)) + "<br/>" + _tekst(_eenheid(u.eenheid)),
                                    s["klein_rechts"]),
                          Paragraph(_tekst(u.bron or "-"), s["klein"])])
        breed = (breedte - _EENHEIDSPRIJS_MM * mm) / 2
        tabel = _tabel(rijen, [breed, _EENHEIDSPRIJS_MM * mm, breed])
        tabel.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), _CELMARGE),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), _CELMARGE)]))
        v.append(tabel)
    if not items and not eigen:
        v.append(Paragraph("Deze casus heeft geen kostenregels.", s["basis"]))
    return v


def _financiertabel(bc: Businesscase, s, breedte: float):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    rijen = [[Paragraph(k, s["cel_vet" if i == 0 else "cel_vet_rechts"])
              for i, k in enumerate(("Financier", "Kosten zonder", "Kosten met", "Vermeden"))]]
    for f in bc.financiers:
        rijen.append([Paragraph(_tekst(f.financier), s["cel"])] +
                     [Paragraph(formatteer(b), s["cel_rechts"]) for b in (f.zonder, f.met, f.vermeden)])
    return _tabel(rijen, [breedte - 90 * mm, 30 * mm, 30 * mm, 30 * mm])


_BESPAART, _BETAALT = "#4F81BD", "#C0504D"


def _financiergrafiek(bc: Businesscase, breedte: float):
    """Vermeden kosten per financier als liggende staven rond een zichtbare nullijn: rechts bespaart de financier,
    links betaalt hij meer. Volledige namen (over regels verdeeld, nooit afgekapt) en het bedrag bij elke staaf."""
    return financierstaven([(f.financier, f.vermeden) for f in bc.financiers], breedte,
                           "Vermeden kosten per financier (zonder − met)")


def financierstaven(paren: list[tuple[str, Decimal]], breedte: float, kop: str, naambreedte: float = 140,
                    grootte: float = 7.5, legenda: bool = True):
    """Liggende staven per (naam, bedrag) rond een zichtbare nullijn, met volledige namen en het bedrag bij elke
    staaf; ook voor de monitor (kleiner: `grootte`). Meer dan twaalf: de twaalf grootste bedragen, in hun volgorde."""
    from reportlab.graphics import shapes
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    shapes.STATE_DEFAULTS["fontName"] = FONT  # anders begint elke tekening met Helvetica (niet ingebed)
    regelhoogte, staaf = grootte * 1.2, grootte * 1.45
    from types import SimpleNamespace

    alle = [SimpleNamespace(financier=naam, vermeden=bedrag) for naam, bedrag in paren]
    financiers = list(alle)
    if len(financiers) > 12:  # de twaalf grootste bedragen, wie bespaart en wie betaalt, op de volgorde van de tabel
        grootste = set(sorted(range(len(financiers)), key=lambda i: (-abs(financiers[i].vermeden), i))[:12])
        financiers = [f for i, f in enumerate(financiers) if i in grootste]
    namen = [simpleSplit(_schoon(f.financier), FONT, grootte, naambreedte) or [""] for f in financiers]
    naamkolom = max([stringWidth(r, FONT, grootte) for regels in namen for r in regels] + [60]) + 8
    labels = [formatteer(f.vermeden) for f in financiers]
    labelbreedte = max(stringWidth(t, FONT, grootte) for t in labels) + 6
    hoogtes = [max(len(regels) * regelhoogte + 0.8 * grootte, staaf + grootte) for regels in namen]
    # de legenda bovenaan: titel en twee kleuren, zo nodig over twee regels
    titel = kop
    if len(alle) > len(financiers):
        titel += f", de {len(financiers)} grootste van {len(alle)} financiers"
    titel += ":"
    sleutels = [(_BESPAART, "bespaart (rechts van € 0)"), (_BETAALT, "betaalt meer (links van € 0)")]
    if not legenda:
        sleutels = [(k, t) for k, t in sleutels if k == _BETAALT and any(f.vermeden < 0 for f in financiers)]
    breedtes = [11 + stringWidth(tekst, FONT, grootte) for _, tekst in sleutels]
    x = stringWidth(titel, FONT_VET, grootte) + 12
    regel = 0
    if x + sum(breedtes) + 14 > breedte:  # past het niet achter de titel, dan samen op de regel eronder
        x, regel = naamkolom, 1
    plaatsen = []
    for (kleur, tekst), w in zip(sleutels, breedtes):
        plaatsen.append((x, regel, kleur, tekst))
        x += w + 14
    legenda, as_ = 22 + 12 * regel, 14
    d = Drawing(breedte, sum(hoogtes) + legenda + as_)
    y = sum(hoogtes) + as_ + 6 + 12 * regel
    d.add(String(0, y + 1, titel, fontName=FONT_VET, fontSize=grootte))
    for x, regel, kleur, tekst in plaatsen:
        d.add(Rect(x, y - 12 * regel, 8, 8, fillColor=colors.HexColor(kleur), strokeColor=None))
        d.add(String(x + 11, y - 12 * regel + 1, tekst, fontName=FONT, fontSize=grootte))
    # de schaal: float alleen voor de lengte van de staven, nooit voor een bedrag dat wordt getoond of opgeteld
    laag = float(min([f.vermeden for f in financiers] + [Decimal(0)]))  # float ok
    hoog = float(max([f.vermeden for f in financiers] + [Decimal(0)]))  # float ok
    links = naamkolom + 4 + (labelbreedte if laag < 0 else 0)
    rechts = breedte - 2 - (labelbreedte if hoog > 0 else 0)
    schaal = (rechts - links) / (hoog - laag) if hoog > laag else 0.0
    nul = links - laag * schaal
    y = sum(hoogtes) + as_
    for f, regels, h, label in zip(financiers, namen, hoogtes, labels):
        y -= h
        midden = y + h / 2
        for i, regel in enumerate(regels):  # de naam rechts uitgelijnd naast de staaf, verticaal gecentreerd
            d.add(String(naamkolom - 6, midden + (len(regels) / 2 - i - 1) * regelhoogte + 2.5, regel,
                         fontName=FONT, fontSize=grootte, textAnchor="end"))
        lengte = float(f.vermeden) * schaal  # float ok
        kleur = _BESPAART if f.vermeden >= 0 else _BETAALT
        if lengte:
            d.add(Rect(min(nul, nul + lengte), midden - staaf / 2, abs(lengte), staaf,
                       fillColor=colors.HexColor(kleur), strokeColor=None))
        if f.vermeden >= 0:
            d.add(String(nul + lengte + 3, midden - 2.5, label, fontName=FONT, fontSize=grootte))
        else:
            d.add(String(nul + lengte - 3, midden - 2.5, label, fontName=FONT, fontSize=grootte, textAnchor="end"))
        d.add(Line(naamkolom, y, breedte, y, strokeColor=colors.HexColor("#DDDDDD"), strokeWidth=0.25))
    d.add(Line(nul, as_ - 2, nul, sum(hoogtes) + as_, strokeColor=colors.HexColor("#333333"), strokeWidth=1))
    d.add(String(nul, 3, "€ 0", fontName=FONT, fontSize=grootte, textAnchor="middle"))
    return d


#: de klasse van _regels, één keer gemaakt (ReportLab wordt pas geladen als er een document gemaakt wordt)
_KLASSEN: dict[str, type] = {}


def _regels(blokken: list[tuple[str, str]], grootte: float = 7.5, regelafstand: float = 9.5):
    """Een celinhoud van een paar regels tekst, (tekst, kleur) per blok (kleur "" is zwart; met " url" erachter
    een url), zonder opmaak: veel sneller dan een Paragraph in een tabel met honderden rijen. Breekt tussen woorden
    (een harde spatie houdt samen), een url na een leesteken (_url_regels)."""
    if "regels" not in _KLASSEN:
        from reportlab.lib.colors import HexColor, black
        from reportlab.pdfbase.pdfmetrics import getAscent
        from reportlab.platypus import Flowable

        kleuren: dict[str, object] = {}

        class Regels(Flowable):
            def __init__(self, blokken, grootte, regelafstand):
                super().__init__()
                self.blokken, self.grootte, self.regelafstand = blokken, grootte, regelafstand
                self._regels: list[tuple[str, object]] = []
                self._breedte = -1.0

            def wrap(self, beschikbaar, _hoogte):
                if beschikbaar != self._breedte:
                    self._breedte, self._regels = beschikbaar, []
                    for tekst, kleur in self.blokken:
                        url = kleur.endswith(" url")
                        kleur = kleur.removesuffix(" url")
                        delen = (_url_regels(tekst, beschikbaar, FONT, self.grootte) if url else
                                 _woordregels(_schoon(tekst), beschikbaar, FONT, self.grootte))
                        kleur = kleuren.setdefault(kleur, HexColor(kleur) if kleur else black)
                        self._regels += [(d, kleur) for d in delen]
                self.width, self.height = beschikbaar, len(self._regels) * self.regelafstand
                return self.width, self.height

            def draw(self):  # één tekstobject voor alle regels: minder werk dan drawString per regel
                t = self.canv.beginText(0, self.height - getAscent(FONT, self.grootte))
                t.setFont(FONT, self.grootte, self.regelafstand)
                vorige = None
                for tekst, kleur in self._regels:
                    if kleur is not vorige:
                        t.setFillColor(kleur)
                        vorige = kleur
                    t.textLine(tekst)
                self.canv.drawText(t)

        _KLASSEN["regels"] = Regels
    return _KLASSEN["regels"](blokken, grootte, regelafstand)


def _woordregels(tekst: str, breedte: float, font: str, grootte: float) -> list[str]:
    """Tekst over regels van hoogstens `breedte` verdeeld, tussen woorden (alleen bij een gewone spatie). Een woord
    dat alleen al te breed is, wordt als noodgreep op tekens afgebroken (zoals ReportLab dat ook doet)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regels: list[str] = []
    spatie = stringWidth(" ", font, grootte)
    for alinea in tekst.replace("\r\n", "\n").split("\n"):
        huidig, breed = "", 0.0
        for woord in alinea.split(" "):
            if not woord:
                continue
            w = stringWidth(woord, font, grootte)
            if huidig and breed + spatie + w <= breedte:
                huidig, breed = f"{huidig} {woord}", breed + spatie + w
                continue
            if huidig:
                regels.append(huidig)
            while w > breedte and len(woord) > 1:  # noodgreep: een woord breder dan de kolom
                n = len(woord) - 1
                while n > 1 and stringWidth(woord[:n], font, grootte) > breedte:
                    n -= 1
                regels.append(woord[:n])
                woord = woord[n:]
                w = stringWidth(woord, font, grootte)
            huidig, breed = woord, w
        regels.append(huidig)
    return regels


def _url_regels(url: str, breedte: float, font: str, grootte: float) -> list[str]:
    """Een lange url over regels verdeeld, elke regel zo vol mogelijk en liefst na een / - _ ? & = # of punt; alleen
    een stuk zonder zulke tekens wordt midden in afgebroken (een url heeft geen spaties om bij af te breken)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    url = _schoon(url).strip()
    regels: list[str] = []
    begin, breed, knip = 0, 0.0, -1
    for i, teken in enumerate(url):
        w = stringWidth(teken, font, grootte)
        if breed + w > breedte and i > begin:
            einde = knip if knip > begin + (i - begin) // 2 else i  # liefst bij een leesteken in de 2e helft
            regels.append(url[begin:einde])
            begin = einde
            breed = stringWidth(url[begin:i], font, grootte)
        breed += w
        if teken in "/-_?&=#.":
            knip = i + 1
    return regels + ([url[begin:]] if begin < len(url) else [])


def _langste_woord(teksten: list[str], font: str, grootte: float) -> float:
    """De breedte (pt) van het breedste woord: een kolom die dat haalt, breekt nooit midden in een woord."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max((stringWidth(w, font, grootte) for t in teksten for w in _schoon(t).split()), default=0.0)


def _sleutel_waarde(paren: list[tuple[str, str]], s, breedte: float, klein: bool = False):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    stijl, vet = ("klein", "klein_vet") if klein else ("cel", "cel_vet")
    rijen = [[Paragraph(_tekst(k), s[vet]), Paragraph(_tekst(w), s[stijl])] for k, w in paren]
    return _tabel(rijen, [48 * mm, breedte - 48 * mm], kop=False, raster=False)


def _tabel(rijen: list, breedtes: list, kop: bool = True, raster: bool = True, totaalrij: bool = False):
    """Een tabel met kopregel (herhaald op een volgende pagina). Met `totaalrij` blijft de laatste rij bij de
    rij erboven: een totaal staat nooit alleen bovenaan een pagina."""
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
    if totaalrij and len(rijen) >= 3:
        stijl += [("NOSPLIT", (0, -2), (-1, -1))]
    t.setStyle(TableStyle(stijl))
    return t


def _genummerd_canvas(voettekst: str, datum: datetime):
    """Een canvas dat pas aan het eind weet hoeveel pagina's er zijn (`pagina X van Y`), en dat het document
    als PDF/A-2b schrijft met `datum` als aanmaak- en wijzigingsdatum (zie `_maak_pdfa`)."""
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
            _maak_pdfa(self._doc, datum)
            from reportlab import rl_config

            a85 = rl_config.useA85
            rl_config.useA85 = 0  # binaire streams (FlateDecode zonder ASCII85): kleiner en sneller, ook PDF/A
            try:
                super().save()
            finally:
                rl_config.useA85 = a85

    return GenummerdCanvas


# ---------------------------------------------------------------- PDF/A


def _documentdatum(casus: Casus, spoor: Besluitspoor | None) -> datetime:
    """De datum in de metadata (XMP, /CreationDate) en onder 'Herkomst en controle'.

    - Uit het register (een besluit, of een aanvraag die nog loopt): het tijdstip van de laatste stap. Zo maakt
      `register verifieer` een gearchiveerd document byte voor byte na, ook jaren later.
    - Een concept (buiten het register): de dag van de export (Nederlandse datum), afgerond op de dag. Een concept
      wordt nooit gearchiveerd of byte voor byte nagegaan; op de dag afgerond geeft een tweede export op dezelfde
      dag toch dezelfde bytes (de GUI en de opdrachtregel maken hetzelfde document).
    """
    if spoor and spoor.stappen:
        laatste = max(stap.tijd for stap in spoor.stappen)
        return datetime.strptime(laatste[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    from doorbraak.domein.tijd import lokale_datum
    from doorbraak.register import opslag

    dag = lokale_datum(opslag.nu_utc())
    return datetime(dag.year, dag.month, dag.day, tzinfo=timezone.utc)


def _maak_pdfa(doc, datum: datetime) -> None:
    """Maak van het ReportLab-document PDF/A-2b, vlak voordat het geschreven wordt: een sRGB-OutputIntent,
    XMP-metadata met dezelfde waarden als /Info, `datum` als aanmaak- en wijzigingsdatum, en geen lege
    paginaovergang (/Trans, die PDF/A niet kent).

    Zonder pikepdf bij het maken: dat kost een opdracht een twintigste seconde importeren, de validator nog
    eens een vijfde. ReportLab schrijft de rest al zoals PDF/A het wil (ingebedde TrueType-subsets, een
    /ID, geen annotaties of JavaScript); de tests en CI valideren elk soort document met de validator van
    pikepdf (`pikepdf.pdfa.validate_written`)."""
    from reportlab.pdfbase import pdfdoc

    for pagina in doc.Pages.pages:
        pagina.Trans = None
    ts = doc._timeStamp
    ts.YMDhms = datum.utctimetuple()[:6]
    ts.dhh = ts.dmm = 0
    info = doc.info
    info.producer, info.creator = PDF_PRODUCENT, MAKER  # zo herkent doorbraak.uitvoer een eerdere export
    info.keywords = pdf_versiekenmerk()  # welke versie het maakte: zie register verifieer
    waarden = {"/Title": info.title, "/Author": info.author, "/Subject": info.subject, "/Keywords": info.keywords,
               "/Creator": info.creator, "/Producer": info.producer}
    profiel = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), _srgb_profiel())
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString("sRGB"), "Info": pdfdoc.PDFString("sRGB"),
        "DestOutputProfile": doc.Reference(profiel)})
    xmp = _xmp(waarden, datum.strftime("%Y-%m-%dT%H:%M:%S+00:00")).encode("utf-8")
    meta = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"),
                                                  "Subtype": pdfdoc.PDFName("XML")}), xmp, filters=[])
    catalogus = doc.Catalog
    catalogus.__NoDefault__ = [*type(catalogus).__NoDefault__, "OutputIntents"]  # ReportLab kent de sleutel niet
    catalogus.OutputIntents = pdfdoc.PDFArray([doc.Reference(intent)])
    catalogus.Metadata = meta


def _xmp(waarden: dict[str, str], stempel: str) -> str:
    """Het XMP-pakket van PDF/A-2b, met dezelfde waarden als /Info."""
    def x(tekst: str) -> str:
        return escape(tekst, {'"': "&quot;"})

    regels = [f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(waarden["/Title"])}</rdf:li></rdf:Alt></dc:title>',
              f"<dc:creator><rdf:Seq><rdf:li>{x(waarden['/Author'])}</rdf:li></rdf:Seq></dc:creator>",
              f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(waarden["/Subject"])}</rdf:li>'
              "</rdf:Alt></dc:description>"]
    regels += [f"<xmp:CreatorTool>{x(waarden['/Creator'])}</xmp:CreatorTool>",
               f"<pdf:Producer>{x(waarden['/Producer'])}</pdf:Producer>",
               f"<pdf:Keywords>{x(waarden['/Keywords'])}</pdf:Keywords>",
               f"<xmp:CreateDate>{stempel}</xmp:CreateDate>", f"<xmp:ModifyDate>{stempel}</xmp:ModifyDate>",
               f"<xmp:MetadataDate>{stempel}</xmp:MetadataDate>",
               "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    inhoud = "\n      ".join(regels)
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
            'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
            f"      {inhoud}\n"
            "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
            '<?xpacket end="w"?>')


def _srgb_profiel() -> bytes:
    """Het sRGB-ICC-profiel dat pikepdf meelevert (zonder zijn PDF/A-validator te importeren)."""
    import sys

    for map_ in sys.path:  # het pakket vinden zonder het (of importlib.util) te importeren
        pad = Path(map_ or ".") / "pikepdf" / "pdfa" / "data" / "sRGB.icc"
        if pad.is_file():
            return pad.read_bytes()
    from pikepdf.pdfa._output_intent import load_srgb  # een andere indeling van het pakket

    return load_srgb()


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

    from doorbraak.export.lettertypen import ttfont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(ttfont(FONT, FONTMAP / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(ttfont(FONT_VET, FONTMAP / "DejaVuSans-Bold.ttf"))
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
