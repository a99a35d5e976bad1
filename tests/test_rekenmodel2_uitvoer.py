"""Rekenmodel 2 in de uitvoer: contante waarde, terugverdienjaar, scenario's, per jaar en grondslagen in de
samenvatting, het verantwoordingsdocument, de casusspreadsheet en het register.

De verwachte bedragen komen uit de berekening van de voorbeelden (zie tests/test_rekenmodel2.py voor het
narekenen met de hand); de uitvoer toont ze alleen.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, time
from decimal import Decimal as D
from fractions import Fraction

import pikepdf
import pypdfium2 as pdfium
import pytest

from doorbraak.diensten import bereken_bestand, dien_in
from doorbraak.domein.geld import formatteer
from doorbraak.export.casus_xlsx import schrijf_casus_xlsx
from doorbraak.export.pdf import maak_pdf
from doorbraak.samenvatting import procent
from tests.conftest import VOORBEELDEN, casusdata, draai, eigen_regel
from tests.test_export import ARTEFACTEN, pdf_tekst

MENTOR = VOORBEELDEN / "natuurlijk-mentor.json"
JOYCE = VOORBEELDEN / "joyce-woning.json"
HUUR = VOORBEELDEN / "huurachterstand.json"


def niet_terugverdiend(tmp_path):
    """Twee jaar, discontovoet 10%: 1.040,00 in jaar 2 is contant 945,45, minder dan de interventie van 1.000,00."""
    pad = tmp_path / "niet-terug.json"
    pad.write_text(json.dumps(casusdata(
        formaat="doorbraak-casus/2", casus_id="NIET-TERUG-1", datum="2025-01-10", horizon_maanden=24,
        discontovoet="0.1", zonder_doorbraak=[eigen_regel("104.00", aantal="10", jaar=2)])), encoding="utf-8")
    return pad


# ------------------------------------------------------------------ samenvatting van `doorbraak bereken`


def test_samenvatting_over_drie_jaar(capsys):
    code, uit, _ = draai(capsys, "bereken", MENTOR)
    assert code == 0
    verwacht = """\
Contante waarde (discontovoet 2,25%; jaar 1 is het jaar vanaf de casusdatum)
  Vermeden kosten                                                 € 246.983,04
  Interventie                                                      € 17.000,00
  Netto maatschappelijk rendement                                 € 229.983,04
  De interventie is terugverdiend in jaar 1.

Scenario's (nominaal)                                 vermeden           netto
  laag                                            € 141.415,40    € 124.415,40
  midden                                          € 252.439,64    € 235.439,64
  hoog                                            € 311.421,29    € 294.421,29

Per jaar (nominaal)
  jaar        zonder           met   interventie      vermeden         netto
     1   € 91.480,87    € 5.577,59   € 17.000,00   € 85.903,28   € 68.903,28
     2   € 86.737,69    € 3.469,51        € 0,00   € 83.268,18   € 83.268,18
     3   € 86.737,69    € 3.469,51        € 0,00   € 83.268,18   € 83.268,18

Grondslagen
  JW-2.3, Jeugdwet art. 2.3: Een natuurlijke mentor en het InVerbindingteam als passende jeugdhulp in plaats \
van een plaatsing op een leefgroep.

Per financier (vermeden = zonder − met)
"""
    assert verwacht in uit
    assert all(len(r) <= 78 for r in verwacht.splitlines() if not r.startswith("  JW-"))
    # de bestaande regels blijven zoals ze waren
    assert "  Route: escalatie (€ 17.000,00 is meer dan de vier-ogengrens van € 5.000,00)\n\nContante waarde" in uit


def test_samenvatting_contant_anders_dan_nominaal_en_twee_grondslagen(capsys):
    code, uit, _ = draai(capsys, "bereken", JOYCE)
    assert code == 0
    regels = uit.splitlines()
    begin = regels.index("Contante waarde (discontovoet 2,25%; jaar 1 is het jaar vanaf de casusdatum)")
    assert regels[begin + 1:begin + 5] == [
        "  Vermeden kosten                                                 € 216.499,59",
        "  Interventie                                                      € 18.601,96",
        "  Netto maatschappelijk rendement                                 € 197.897,63",
        "  De interventie is terugverdiend in jaar 1.",
    ]
    begin = regels.index("Per jaar (nominaal)")
    assert regels[begin + 2:begin + 4] == [
        "     1  € 119.079,48    € 9.625,42    € 9.800,00  € 109.454,06   € 99.654,06",
        "     2  € 119.079,48    € 9.625,42    € 9.000,00  € 109.454,06  € 100.454,06",
    ]
    begin = regels.index("Grondslagen")
    assert regels[begin + 1:begin + 3] == [
        "  JW-2.3, Jeugdwet art. 2.3: De passende voorziening is hier een woning waarin het gezin samen kan blijven, "
        "geen extra opvoedondersteuning.",
        "  GEMW-160, Gemeentewet art. 160: Het college huurt het huis en verhuurt het door; een privaatrechtelijke "
        "handeling van het college.",
    ]
    assert "  laag                                            € 192.659,92    € 173.859,92" in regels
    assert "  hoog                                            € 232.748,08    € 213.948,08" in regels


def test_samenvatting_een_jaar_zonder_tabel_per_jaar(capsys):
    code, uit, _ = draai(capsys, "bereken", HUUR)
    assert code == 0
    assert "Per jaar" not in uit
    assert ("Contante waarde (discontovoet 2,25%; jaar 1 is het jaar vanaf de casusdatum)\n"
            "  Vermeden kosten                                                  € 14.082,75\n") in uit
    assert "  De interventie is terugverdiend in jaar 1.\n" in uit
    assert "  midden                                           € 14.082,75     € 11.232,75\n" in uit
    assert ("Grondslagen\n  PW-35, Participatiewet art. 35: Bijzondere bijstand voor de huurachterstand, zodat de "
            "ontruiming van een gezin met kinderen niet doorgaat.\n  AWB-4:84, Algemene wet bestuursrecht art. 4:84: "
            "Schulden vallen buiten de bijzondere bijstand; de gevolgen van een ontruiming zijn hier onevenredig.\n") in uit


def test_samenvatting_niet_terugverdiend(capsys, tmp_path):
    code, uit, _ = draai(capsys, "bereken", niet_terugverdiend(tmp_path))
    assert code == 0
    assert ("Contante waarde (discontovoet 10,00%; jaar 1 is het jaar vanaf de casusdatum)\n"
            "  Vermeden kosten                                                     € 945,45\n"
            "  Interventie                                                       € 1.000,00\n"
            "  Netto maatschappelijk rendement                                     € -54,55\n"
            "  De interventie is niet terugverdiend binnen de horizon van 2 jaar.\n") in uit
    assert "\nGrondslagen" not in uit  # geen grondslagen: geen kop


@pytest.mark.parametrize("voet, tekst", [("0.0225", "2,25%"), ("0.1", "10,00%"), ("0", "0,00%"),
                                         ("0.03125", "3,125%"), ("0.000001", "0,0001%")])
def test_procent(voet, tekst):
    assert procent(D(voet)) == tekst


# ------------------------------------------------------------------ verantwoordingsdocument (PDF/A)


def _pdf(pad, prijslijstmap=None):
    casus, bc, _ = bereken_bestand(pad, prijslijstmap)
    return casus, bc, maak_pdf(casus, bc)


@pytest.fixture(scope="module")
def mentor_pdf():
    return _pdf(MENTOR)


@pytest.fixture(scope="module")
def joyce_pdf():
    return _pdf(JOYCE)


def platte_tekst(data: bytes) -> str:
    return re.sub(r"\s+", " ", pdf_tekst(data))


def test_pdf_per_jaar_contant_scenarios_en_terugverdienjaar(mentor_pdf):
    casus, bc, data = mentor_pdf
    tekst = platte_tekst(data)
    for verwacht in [
        # de discontovoet met zijn bron, en hoe de contante waarde ontstaat
        "Contante waarde en terugverdienjaar Discontovoet 2,25%: de standaarddiscontovoet voor maatschappelijke "
        "kosten-batenanalyses sinds 1 januari 2021 (Werkgroep discontovoet 2020, https://www.rwseconomie.nl/discontovoet). "
        "De contante waarde van een regel is bedrag / (1 + discontovoet)^(jaar − 1), per regel half naar boven "
        "afgerond op centen; de totalen zijn sommen van regels. Jaar 1 is het jaar vanaf de casusdatum; de horizon is 3 jaar.",
        # nominaal naast contant
        "Nominaal Contant Kosten zonder doorbraak € 264.956,25 € 259.272,29 Kosten met doorbraak € 12.516,61 € 12.289,25 "
        "Vermeden kosten € 252.439,64 € 246.983,04 Interventie € 17.000,00 € 17.000,00 Netto maatschappelijk rendement "
        "€ 235.439,64 € 229.983,04 Rendementsratio 14,85 14,53",
        "Terugverdienjaar: de interventie is terugverdiend in jaar 1 (het eerste jaar waarin de opgetelde contante "
        "vermeden kosten minstens de opgetelde contante interventie zijn).",
        # per jaar, met de totalen van de businesscase
        "Per jaar (nominaal) Jaar Kosten zonder Kosten met Interventie Vermeden Netto "
        "1 € 91.480,87 € 5.577,59 € 17.000,00 € 85.903,28 € 68.903,28 "
        "2 € 86.737,69 € 3.469,51 € 0,00 € 83.268,18 € 83.268,18 "
        "3 € 86.737,69 € 3.469,51 € 0,00 € 83.268,18 € 83.268,18 "
        "Totaal € 264.956,25 € 12.516,61 € 17.000,00 € 252.439,64 € 235.439,64",
        # de drie scenario's naast elkaar
        "Laag Midden Hoog Kosten zonder doorbraak € 178.218,57 € 264.956,25 € 316.998,87 "
        "Kosten met doorbraak € 36.803,17 € 12.516,61 € 5.577,58 "
        "Vermeden kosten € 141.415,40 € 252.439,64 € 311.421,29 "
        "Interventie € 17.000,00 € 17.000,00 € 17.000,00 "
        "Netto maatschappelijk rendement € 124.415,40 € 235.439,64 € 294.421,29 Rendementsratio 8,32 14,85 18,32",
        # de grondslag met artikel en vindplaats
        "Grondslagen Grondslag Toelichting, artikel en vindplaats JW-2.3 Jeugdwet art. 2.3 Een natuurlijke mentor en "
        "het InVerbindingteam als passende jeugdhulp in plaats van een plaatsing op een leefgroep. Het college zorgt "
        "voor een passende jeugdhulpvoorziening",
        "https://wetten.overheid.nl/jci1.3:c:BWBR0034925&artikel=2.3 (gecontroleerd op 30 november 2026)",
        # per regel het jaar en de contante waarde
        "jaar 1 · contant € 86.737,69", "jaar 2 · contant € 84.829,04", "jaar 3 · contant € 82.962,38",
        "jaar 1 · contant € 4.743,18", "jaar 1 · contant € 3.469,51", "jaar 2 · contant € 3.393,16",
        "jaar 3 · contant € 3.318,50", "jaar 1 · contant € 2.108,08",
        "jaar 1 · contant € 16.000,00", "jaar 1 · contant € 1.000,00",
    ]:
        assert verwacht in tekst, verwacht
    # elk bedrag van de nieuwe onderdelen staat er, zoals de berekening het geeft
    for c in (bc.contant, *bc.scenarios.values()):
        for bedrag in (c.kosten_zonder, c.kosten_met, c.vermeden_kosten, c.interventie_totaal, c.netto_rendement):
            assert formatteer(bedrag) in tekst
    for j in bc.per_jaar:
        assert " ".join([str(j.jaar), *(formatteer(b) for b in (j.zonder, j.met, j.interventie, j.vermeden, j.netto))]) \
            in tekst
    for u in bc.zonder + bc.met:
        assert f"jaar {u.jaar} · contant {formatteer(u.contant)}" in tekst


def test_pdf_over_twee_jaar_met_twee_grondslagen(joyce_pdf):
    _, bc, data = joyce_pdf
    tekst = platte_tekst(data)
    for verwacht in [
        "Vermeden kosten € 218.908,12 € 216.499,59 Interventie € 18.800,00 € 18.601,96 "
        "Netto maatschappelijk rendement € 200.108,12 € 197.897,63 Rendementsratio 11,64 11,64",
        "de horizon is 2 jaar", "de interventie is terugverdiend in jaar 1",
        "1 € 119.079,48 € 9.625,42 € 9.800,00 € 109.454,06 € 99.654,06 "
        "2 € 119.079,48 € 9.625,42 € 9.000,00 € 109.454,06 € 100.454,06 "
        "Totaal € 238.158,96 € 19.250,84 € 18.800,00 € 218.908,12 € 200.108,12",
        "Vermeden kosten € 192.659,92 € 218.908,12 € 232.748,08",
        "Netto maatschappelijk rendement € 173.859,92 € 200.108,12 € 213.948,08 Rendementsratio 10,25 11,64 12,38",
        "JW-2.3 Jeugdwet art. 2.3 De passende voorziening is hier een woning",
        "GEMW-160 Gemeentewet art. 160 Het college huurt het huis en verhuurt het door",
        "https://wetten.overheid.nl/jci1.3:c:BWBR0005416&artikel=160",
        "jaar 2 · contant € 8.801,96",  # de tweede huur, contant
        "jaar 2 · contant € 61.850,76", "jaar 2 · contant € 54.608,39", "jaar 2 · contant € 8.246,77",
        "jaar 2 · contant € 1.166,85",
    ]:
        assert verwacht in tekst, verwacht


def test_pdf_niet_terugverdiend_en_discontovoet_uit_de_casus(tmp_path):
    _, bc, data = _pdf(niet_terugverdiend(tmp_path))
    tekst = platte_tekst(data)
    assert bc.terugverdienjaar is None
    assert "Discontovoet 10,00%: vastgesteld in de casus." in tekst
    assert "Terugverdienjaar: de interventie is niet terugverdiend binnen de horizon van 2 jaar" in tekst
    assert "Vermeden kosten € 1.040,00 € 945,45 Interventie € 1.000,00 € 1.000,00 " \
           "Netto maatschappelijk rendement € 40,00 € -54,55" in tekst
    assert "Grondslagen" not in tekst


def test_pdf_discontovoet_uit_de_prijslijst(tmp_path, testprijslijst):
    (testprijslijst / "versie.json").write_text(json.dumps({"versie": "2027.9", "datum": "2026-11-30",
                                                            "vastgesteld_door": "Test", "discontovoet": "0.04"}))
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(formaat="doorbraak-casus/2", horizon_maanden=24,
                                        zonder_doorbraak=[eigen_regel("1000.00", jaar=2)])), encoding="utf-8")
    _, bc, data = _pdf(pad, testprijslijst)
    tekst = platte_tekst(data)
    assert bc.zonder[0].contant == D("961.54")
    assert "Discontovoet 4,00%: vastgesteld in de prijslijst (versie 2027.9)." in tekst
    assert "jaar 2 · contant € 961,54" in tekst


def test_pdf_blijft_pdfa_en_deterministisch(mentor_pdf):
    casus, bc, data = mentor_pdf
    assert maak_pdf(casus, bc) == data
    from pikepdf import pdfa

    assert pdfa.check(pikepdf.open(io.BytesIO(data)), "2b").verdict == "pass"
    assert pdfa.validate_written(io.BytesIO(data), "2b").passed


@pytest.mark.parametrize("naam", ["natuurlijk-mentor", "joyce-woning"])
def test_pdf_over_meer_jaren_als_plaatjes(naam, mentor_pdf, joyce_pdf):
    """Elke pagina als PNG in tests/artefacten, om te bekijken; elke pagina A4 en met inhoud."""
    _, _, data = mentor_pdf if naam == "natuurlijk-mentor" else joyce_pdf
    ARTEFACTEN.mkdir(exist_ok=True)
    doc = pdfium.PdfDocument(data)
    assert 3 <= len(doc) <= 6  # met de bijlage van de gebruikte prijzen; geen lege of losgeraakte pagina's
    for i in range(len(doc)):
        beeld = doc[i].render(scale=1.5).to_pil()
        beeld.save(ARTEFACTEN / f"verantwoording-{naam}-p{i + 1}.png")
        assert beeld.size == (893, 1263)
        assert sum(beeld.convert("L").histogram()[:100]) > 5000


# ------------------------------------------------------------------ casusspreadsheet
#
# openpyxl schrijft formules zonder opgeslagen uitkomst. Daarom: de waardekolommen exact tegen de berekening,
# de formuletekst letterlijk, en elke formule nagerekend met de kleine rekenmachine hieronder (exact, met
# breuken) tegen de waardecellen waar ze naar verwijst.

_TOKEN = re.compile(r"""\s*(?:
    (?P<tekst>"(?:[^"]|"")*")
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
  | (?P<functie>[A-Z][A-Z0-9.]*)\(
  | (?P<getal>\d+(?:\.\d+)?)
  | (?P<op><=|>=|<>|[-+*/^&=<>(),])
)""", re.VERBOSE)


class Formule:
    """Rekent de formules na die de export schrijft: + - * / ^ &, vergelijkingen, ROUND, SUM, SUMIFS en IF."""

    def __init__(self, wb, blad):
        self.wb, self.blad = wb, blad

    def reken(self, formule: str):
        assert formule.startswith("="), formule
        tekst, self.tokens, plek = formule[1:], [], 0
        while plek < len(tekst):
            m = _TOKEN.match(tekst, plek)
            assert m and m.end() > plek, f"onbekend in {formule!r} op {plek}"
            soort = m.lastgroup
            self.tokens.append((soort, m.group(soort)))
            plek = m.end()
        self.i = 0
        uitkomst = self._vergelijking()
        assert self.i == len(self.tokens), formule
        return uitkomst

    # -- ontleden
    def _kijk(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def _neem(self, op=None):
        token = self._kijk()
        assert op is None or token == ("op", op), (token, op)
        self.i += 1
        return token

    def _vergelijking(self):
        links = self._koppel()
        while self._kijk()[0] == "op" and self._kijk()[1] in ("=", "<", ">", "<=", ">=", "<>"):
            op = self._neem()[1]
            links = _vergelijk(links, op, self._koppel())
        return links

    def _koppel(self):
        links = self._som()
        while self._kijk() == ("op", "&"):
            self._neem()
            links = _als_tekst(links) + _als_tekst(self._som())
        return links

    def _som(self):
        links = self._product()
        while self._kijk()[0] == "op" and self._kijk()[1] in "+-":
            op = self._neem()[1]
            rechts = self._product()
            links = links + rechts if op == "+" else links - rechts
        return links

    def _product(self):
        links = self._macht()
        while self._kijk()[0] == "op" and self._kijk()[1] in "*/":
            op = self._neem()[1]
            rechts = self._macht()
            links = links * rechts if op == "*" else links / rechts
        return links

    def _macht(self):
        links = self._teken()
        while self._kijk() == ("op", "^"):
            self._neem()
            exponent = self._teken()
            assert exponent.denominator == 1
            links = links ** int(exponent)
        return links

    def _teken(self):
        if self._kijk() == ("op", "-"):
            self._neem()
            return -self._teken()
        return self._primair()

    def _primair(self):
        soort, waarde = self._neem()
        if soort == "getal":
            return Fraction(waarde)
        if soort == "tekst":
            return waarde[1:-1].replace('""', '"')
        if soort == "ref":
            cellen = self._cellen(waarde)
            return cellen if ":" in waarde else cellen[0]
        if soort == "op" and waarde == "(":
            uitkomst = self._vergelijking()
            self._neem(")")
            return uitkomst
        assert soort == "functie", (soort, waarde)
        argumenten = []
        while self._kijk() != ("op", ")"):
            argumenten.append(self._vergelijking())
            if self._kijk() == ("op", ","):
                self._neem()
        self._neem(")")
        return getattr(self, f"_f_{waarde}")(*argumenten)

    def _cellen(self, ref: str):
        blad = self.blad
        if "!" in ref:
            naam, ref = ref.rsplit("!", 1)
            blad = self.wb[naam.strip("'").replace("''", "'")]
        bereik = blad[ref.replace("$", "")]
        cellen = [c for rij in bereik for c in rij] if ":" in ref else [bereik]
        # een cel met een formule (zonder opgeslagen uitkomst) wordt zelf nagerekend
        return [Formule(self.wb, c.parent).reken(c.value) if isinstance(c.value, str) and c.value.startswith("=")
                else _celwaarde(c) for c in cellen]

    # -- functies
    @staticmethod
    def _f_ROUND(x, decimalen):
        stap = Fraction(1, 10 ** int(decimalen))
        geheel, rest = divmod(abs(x) / stap, 1)
        geheel += 1 if rest >= Fraction(1, 2) else 0  # half van nul af, zoals Excel
        return (1 if x >= 0 else -1) * geheel * stap

    @staticmethod
    def _f_SUM(*argumenten):
        return sum((w for a in argumenten for w in (a if isinstance(a, list) else [a]) if isinstance(w, Fraction)),
                   Fraction(0))

    @staticmethod
    def _f_SUMIFS(optellen, *paren):
        def past(waarde, criterium):
            if isinstance(criterium, str) and (m := re.fullmatch(r"(<=|>=|<>|<|>|=)(.*)", criterium)):
                return isinstance(waarde, Fraction) and _vergelijk(waarde, m[1], Fraction(m[2]))
            if isinstance(criterium, str):
                return isinstance(waarde, str) and waarde.casefold() == criterium.casefold()
            return waarde == criterium

        uitkomst = Fraction(0)
        for k, waarde in enumerate(optellen):
            if all(past(paren[p][k], paren[p + 1]) for p in range(0, len(paren), 2)) and isinstance(waarde, Fraction):
                uitkomst += waarde
        return uitkomst

    @staticmethod
    def _f_IF(voorwaarde, dan, anders):
        return dan if voorwaarde else anders


def _celwaarde(cel):
    w = cel.value
    if isinstance(w, bool) or w is None or isinstance(w, str):
        return w
    return Fraction(D(str(w)))  # een getal zoals het in het bestand staat (openpyxl leest het als float)


def _als_tekst(w) -> str:
    return w if isinstance(w, str) else str(w.numerator) if w.denominator == 1 else str(D(w.numerator) / w.denominator)


def _vergelijk(a, op, b) -> bool:
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def _getal(w) -> D:
    """Een celwaarde (of formule-uitkomst) als Decimal op centen, om exact met de berekening te vergelijken."""
    return D(str(w)) if not isinstance(w, Fraction) else D(w.numerator) / D(w.denominator)


def _rijen(blad) -> list[dict]:
    kop = [c.value for c in blad[1]]
    return [{kop[i]: c for i, c in enumerate(rij)} for rij in blad.iter_rows(min_row=2)]


def test_formulerekenmachine_zelf():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Blad 1"
    ws["A1"], ws["A2"], ws["B1"], ws["B2"], ws["C1"] = 2.5, 3, "zonder", "met", 0.005
    reken = Formule(wb, ws).reken
    assert reken("=ROUND(A1*C1,2)") == Fraction("0.01")  # 0,0125 -> 0,01
    assert reken("=ROUND(-0.125,2)") == Fraction("-0.13")  # half van nul af
    assert reken("=A2/(1+1)^(A2-1)") == Fraction(3, 4)
    assert reken('=SUMIFS(A1:A2,B1:B2,"ZONDER")') == Fraction("2.5")
    assert reken('=SUMIFS(A1:A2,A1:A2,"<="&A1)+\'Blad 1\'!A2') == Fraction("5.5")
    assert reken('=IF(SUM(A1:A2)=0,"geen",ROUND(A2/A1,2))') == Fraction("1.2")
    ws["D1"] = "=A1*2"
    assert reken("=D1+1") == 6  # een formule die naar een formule verwijst


@pytest.fixture(scope="module")
def mentor_xlsx(tmp_path_factory):
    from openpyxl import load_workbook

    casus, bc, _ = bereken_bestand(MENTOR)
    pad = tmp_path_factory.mktemp("xlsx") / "mentor.xlsx"
    assert schrijf_casus_xlsx(casus, bc, pad) == []
    return casus, bc, load_workbook(pad)


def _controleer_werkmap(wb, casus, bc):
    """Elke waardecel exact tegen de berekening en elke formule nagerekend; geeft de cel met de discontovoet."""
    samen = {r[0].value: (r[1], r[2]) for r in wb["Samenvatting"].iter_rows(min_row=2)}
    voetcel, _ = samen["discontovoet"]
    assert _getal(voetcel.value) == bc.discontovoet and voetcel.number_format == "0.00####%"
    voet = f"Samenvatting!$B${voetcel.row}"

    # kostenregels: jaar, contant, bedrag in scenario laag en hoog; de formule per regel
    ws = wb["Kostenregels"]
    regels = bc.zonder + bc.met
    assert len(_rijen(ws)) == len(regels)
    for r, (rij, u) in enumerate(zip(_rijen(ws), regels), 2):
        assert rij["jaar"].value == u.jaar
        for naam, waarde in (("bedrag", u.bedrag), ("contant", u.contant), ("bedrag scenario laag", u.bedrag_laag),
                             ("bedrag scenario hoog", u.bedrag_hoog)):
            assert _getal(rij[naam].value) == waarde, (r, naam)
            assert "€" in rij[naam].number_format
        assert rij["contant (formule)"].value == f"=ROUND(J{r}/(1+{voet})^(K{r}-1),2)"  # J: bedrag (formule)
        assert "€" in rij["contant (formule)"].number_format
        assert _getal(Formule(wb, ws).reken(rij["contant (formule)"].value)) == u.contant, r
        assert _getal(Formule(wb, ws).reken(rij["bedrag (formule)"].value)) == u.bedrag, r

    # interventie
    wi = wb["Interventie"]
    assert len(_rijen(wi)) == len(bc.interventie)
    for r, (rij, i) in enumerate(zip(_rijen(wi), bc.interventie), 2):
        assert (rij["omschrijving"].value, rij["jaar"].value) == (i.omschrijving, i.jaar)
        assert (_getal(rij["bedrag"].value), _getal(rij["contant"].value)) == (i.bedrag, i.contant)
        assert rij["contant (formule)"].value == f"=ROUND(C{r}/(1+{voet})^(D{r}-1),2)"
        assert _getal(Formule(wb, wi).reken(rij["contant (formule)"].value)) == i.contant

    # samenvatting: elke waarde, en elke controleformule geeft dezelfde waarde
    c = bc.contant
    verwacht = {
        "kosten zonder doorbraak": bc.kosten_zonder, "kosten met doorbraak": bc.kosten_met,
        "vermeden kosten": bc.vermeden_kosten, "interventie": bc.interventie_totaal,
        "netto maatschappelijk rendement": bc.netto_rendement, "rendementsratio": bc.rendement_ratio,
        "contant: kosten zonder doorbraak": c.kosten_zonder, "contant: kosten met doorbraak": c.kosten_met,
        "contant: vermeden kosten": c.vermeden_kosten, "contant: interventie": c.interventie_totaal,
        "contant: netto maatschappelijk rendement": c.netto_rendement, "contant: rendementsratio": c.rendement_ratio,
    }
    for naam, waarde in verwacht.items():
        cel, formule = samen[naam]
        assert _getal(cel.value) == waarde, naam
        assert _getal(Formule(wb, wb["Samenvatting"]).reken(formule.value)) == waarde, naam
    assert samen["horizon (jaren)"][0].value == bc.horizon_jaren
    terug = samen["terugverdienjaar"][0].value
    assert terug == (bc.terugverdienjaar if bc.terugverdienjaar is not None else
                     f"niet terugverdiend binnen de horizon van {bc.horizon_jaren} jaar")

    # per jaar: de bedragen, de formules per jaar, en de contante netto-opbrengst t/m elk jaar
    wj = wb["Per jaar"]
    rijen = _rijen(wj)
    assert len(rijen) == len(bc.per_jaar) == bc.horizon_jaren
    cumulatief = []
    for rij, j in zip(rijen, bc.per_jaar):
        assert rij["jaar"].value == j.jaar
        for naam, waarde in (("zonder", j.zonder), ("met", j.met), ("interventie", j.interventie),
                             ("vermeden", j.vermeden), ("netto", j.netto)):
            assert _getal(rij[naam].value) == waarde, (j.jaar, naam)
            if f"{naam} (formule)" in rij:
                assert _getal(Formule(wb, wj).reken(rij[f"{naam} (formule)"].value)) == waarde, (j.jaar, naam)
        cumulatief.append(_getal(Formule(wb, wj).reken(rij["netto contant t/m dit jaar (formule)"].value)))
    assert cumulatief[-1] == bc.contant.netto_rendement
    assert next((j + 1 for j, w in enumerate(cumulatief) if w >= 0), None) == bc.terugverdienjaar

    # scenario's
    wsc = wb["Scenario's"]
    rijen = _rijen(wsc)
    assert [r["scenario"].value for r in rijen] == ["laag", "midden", "hoog"]
    for rij in rijen:
        sc = bc.scenarios[rij["scenario"].value]
        for naam, waarde in (("kosten zonder doorbraak", sc.kosten_zonder), ("kosten met doorbraak", sc.kosten_met),
                             ("vermeden kosten", sc.vermeden_kosten), ("interventie", sc.interventie_totaal),
                             ("netto maatschappelijk rendement", sc.netto_rendement),
                             ("rendementsratio", sc.rendement_ratio),
                             ("kosten zonder (formule)", sc.kosten_zonder), ("kosten met (formule)", sc.kosten_met),
                             ("netto (formule)", sc.netto_rendement)):
            cel = rij[naam].value
            assert _getal(Formule(wb, wsc).reken(cel) if str(cel).startswith("=") else cel) == waarde, (naam, rij)

    # grondslagen
    wg = wb["Grondslagen"]
    assert [[c.value for c in r] for r in wg.iter_rows(min_row=2)] == [
        [g.grondslag.code, g.grondslag.wet, g.grondslag.artikel, g.toelichting, g.grondslag.omschrijving,
         g.grondslag.url, datetime.combine(g.grondslag.gecontroleerd_op, time())] for g in bc.grondslagen]
    return voet


def test_casusspreadsheet_over_drie_jaar(mentor_xlsx):
    casus, bc, wb = mentor_xlsx
    voet = _controleer_werkmap(wb, casus, bc)
    assert voet == "Samenvatting!$B$12"
    # de verwachte getallen letterlijk, zoals de berekening ze geeft
    contant = [_getal(r["contant"].value) for r in _rijen(wb["Kostenregels"])]
    assert contant == [D("86737.69"), D("84829.04"), D("82962.38"), D("4743.18"),
                       D("3469.51"), D("3393.16"), D("3318.50"), D("2108.08")]
    assert [r["jaar"].value for r in _rijen(wb["Kostenregels"])] == [1, 2, 3, 1, 1, 2, 3, 1]
    assert wb["Kostenregels"]["M3"].value == "=ROUND(J3/(1+Samenvatting!$B$12)^(K3-1),2)"
    assert wb["Kostenregels"]["N2"].value == 57825.13 and wb["Kostenregels"]["O2"].value == 104085.23  # kans 0,5 en 0,9
    samen = {r[0].value: r[1].value for r in wb["Samenvatting"].iter_rows(min_row=2)}
    assert (samen["discontovoet"], samen["horizon (jaren)"], samen["terugverdienjaar"]) == (0.0225, 3, 1)
    assert samen["bron discontovoet"].startswith("de standaarddiscontovoet") and \
        "https://www.rwseconomie.nl/discontovoet" in samen["bron discontovoet"]
    assert (samen["contant: vermeden kosten"], samen["contant: netto maatschappelijk rendement"],
            samen["contant: rendementsratio"]) == (246983.04, 229983.04, 14.53)
    formule = {r[0].value: r[2].value for r in wb["Samenvatting"].iter_rows(min_row=2)}
    # de controle telt de formulekolommen op, niet de opgeslagen waarden
    assert formule["contant: kosten zonder doorbraak"] == '=SUMIFS(Kostenregels!M2:M9,Kostenregels!A2:A9,"zonder")'
    assert formule["contant: interventie"] == "=SUM(Interventie!F2:F3)"
    per_jaar = [[c.value for c in r[:6]] for r in wb["Per jaar"].iter_rows(min_row=2)]
    assert per_jaar == [[1, 91480.87, 5577.59, 17000, 85903.28, 68903.28],
                        [2, 86737.69, 3469.51, 0, 83268.18, 83268.18],
                        [3, 86737.69, 3469.51, 0, 83268.18, 83268.18]]
    assert wb["Per jaar"]["J2"].value == (
        '=SUMIFS(Kostenregels!M2:M9,Kostenregels!A2:A9,"zonder",Kostenregels!K2:K9,"<="&A2)'
        '-SUMIFS(Kostenregels!M2:M9,Kostenregels!A2:A9,"met",Kostenregels!K2:K9,"<="&A2)'
        '-SUMIFS(Interventie!F2:F3,Interventie!D2:D3,"<="&A2)')
    scenarios = [[c.value for c in r[:7]] for r in wb["Scenario's"].iter_rows(min_row=2)]
    assert scenarios == [["laag", 178218.57, 36803.17, 141415.4, 17000, 124415.4, 8.32],
                         ["midden", 264956.25, 12516.61, 252439.64, 17000, 235439.64, 14.85],
                         ["hoog", 316998.87, 5577.58, 311421.29, 17000, 294421.29, 18.32]]
    assert wb["Scenario's"]["H2"].value == '=SUMIFS(Kostenregels!W2:W9,Kostenregels!A2:A9,"zonder")'
    assert wb["Grondslagen"]["A2"].value == "JW-2.3" and wb["Grondslagen"]["C2"].value == "2.3"
    assert {"Kostenregels", "Interventie", "PerJaar", "PerFinancier", "Scenarios", "Grondslagen", "Prijzen",
            "Indexcijfers"} == \
        {naam for ws in wb for naam in ws.tables}


def test_casusspreadsheet_joyce_interventie_over_twee_jaar(tmp_path):
    from openpyxl import load_workbook

    casus, bc, _ = bereken_bestand(JOYCE)
    schrijf_casus_xlsx(casus, bc, tmp_path / "j.xlsx")
    wb = load_workbook(tmp_path / "j.xlsx")
    _controleer_werkmap(wb, casus, bc)
    interventie = [[c.value for c in r[2:5]] for r in wb["Interventie"].iter_rows(min_row=2)]
    assert interventie == [[9000, 1, 9000], [9000, 2, 8801.96], [800, 1, 800]]
    samen = {r[0].value: r[1].value for r in wb["Samenvatting"].iter_rows(min_row=2)}
    assert (samen["contant: interventie"], samen["contant: netto maatschappelijk rendement"]) == (18601.96, 197897.63)
    assert [r[0].value for r in wb["Grondslagen"].iter_rows(min_row=2)] == ["JW-2.3", "GEMW-160"]


def test_casusspreadsheet_niet_terugverdiend(tmp_path):
    from openpyxl import load_workbook

    casus, bc, _ = bereken_bestand(niet_terugverdiend(tmp_path))
    schrijf_casus_xlsx(casus, bc, tmp_path / "n.xlsx")
    wb = load_workbook(tmp_path / "n.xlsx")
    _controleer_werkmap(wb, casus, bc)
    samen = {r[0].value: r[1].value for r in wb["Samenvatting"].iter_rows(min_row=2)}
    assert samen["terugverdienjaar"] == "niet terugverdiend binnen de horizon van 2 jaar"
    assert (samen["discontovoet"], samen["bron discontovoet"]) == (0.1, "vastgesteld in de casus")
    assert samen["contant: kosten zonder doorbraak"] == 945.45
    assert wb["Grondslagen"].max_row == 1 and wb["Grondslagen"]["A2"].value is None


def test_casusspreadsheet_van_elk_voorbeeld_klopt(tmp_path):
    """Ook de voorbeelden in één jaar: contant = nominaal, en elke formule rekent na."""
    from openpyxl import load_workbook

    for pad in sorted(VOORBEELDEN.glob("*.json")):
        casus, bc, _ = bereken_bestand(pad)
        schrijf_casus_xlsx(casus, bc, tmp_path / f"{pad.stem}.xlsx")
        _controleer_werkmap(load_workbook(tmp_path / f"{pad.stem}.xlsx"), casus, bc)


# ------------------------------------------------------------------ register: de aanvraag legt de getallen vast


def _aanvragen_xlsx(reg) -> list[dict]:
    from openpyxl import load_workbook

    from openpyxl.utils import range_boundaries

    ws = load_workbook(reg / "register.xlsx")["Aanvragen"]
    kop = [c.value for c in ws[1]]
    laatste = range_boundaries(ws.tables["Aanvragen"].ref)[3]  # onder de tabel staan de totaalregels
    return [{kop[i]: c for i, c in enumerate(r)} for r in ws.iter_rows(min_row=2, max_row=laatste)]


def test_indiening_legt_contante_waarde_terugverdienjaar_scenarios_per_jaar_en_grondslagen_vast(tmp_path):
    from doorbraak.register.map_register import MapRegister
    from tests.registerhulp import ANNA, nieuw_register

    reg = nieuw_register(tmp_path / "oefen", oefenregister=True)
    a, _ = dien_in(MENTOR, reg, gebruiker=ANNA)
    vastgelegd = MapRegister(reg).records()[-1]
    assert vastgelegd["soort"] == "indiening" and vastgelegd["gegevens"] == a.gegevens
    g = a.gegevens
    assert g["contant"] == {"discontovoet": "0.0225", "interventie_totaal": "17000.00", "kosten_zonder": "259272.29",
                            "kosten_met": "12289.25", "vermeden_kosten": "246983.04", "netto_rendement": "229983.04",
                            "rendement_ratio": "14.53"}
    assert g["terugverdienjaar"] == 1
    assert g["scenarios"] == {
        "laag": {"vermeden_kosten": "141415.40", "netto_rendement": "124415.40", "rendement_ratio": "8.32"},
        "midden": {"vermeden_kosten": "252439.64", "netto_rendement": "235439.64", "rendement_ratio": "14.85"},
        "hoog": {"vermeden_kosten": "311421.29", "netto_rendement": "294421.29", "rendement_ratio": "18.32"},
    }
    assert g["per_jaar"] == [
        {"jaar": 1, "zonder": "91480.87", "met": "5577.59", "interventie": "17000.00", "vermeden": "85903.28",
         "netto": "68903.28"},
        {"jaar": 2, "zonder": "86737.69", "met": "3469.51", "interventie": "0.00", "vermeden": "83268.18",
         "netto": "83268.18"},
        {"jaar": 3, "zonder": "86737.69", "met": "3469.51", "interventie": "0.00", "vermeden": "83268.18",
         "netto": "83268.18"},
    ]
    assert g["grondslagen"] == ["JW-2.3"]
    # in dezelfde vorm als de vastgelegde berekening in het stuk
    stuk = json.loads(MapRegister(reg).lees_stuk(g["stuk"]))["berekening"]
    for sleutel in ("contant", "terugverdienjaar", "scenarios", "per_jaar"):
        assert g[sleutel] == stuk[sleutel], sleutel
    assert g["grondslagen"] == [x["code"] for x in stuk["grondslagen"]]

    (rij,) = _aanvragen_xlsx(reg)
    assert rij["discontovoet"].value == 0.0225 and rij["discontovoet"].number_format == "0.00####%"
    assert rij["netto_rendement_contant"].value == 229983.04 and "€" in rij["netto_rendement_contant"].number_format
    assert rij["terugverdienjaar"].value == 1
    assert rij["netto_rendement"].value == 235439.64  # de nominale kolom blijft


def test_register_niet_terugverdiend_en_twee_grondslagen(tmp_path):
    from tests.registerhulp import ANNA, nieuw_register

    reg = nieuw_register(tmp_path / "r")
    a, _ = dien_in(niet_terugverdiend(tmp_path), reg, gebruiker=ANNA)
    assert a.gegevens["terugverdienjaar"] is None and a.gegevens["grondslagen"] == []
    assert a.gegevens["contant"]["discontovoet"] == "0.1" and a.gegevens["contant"]["netto_rendement"] == "-54.55"
    (rij,) = _aanvragen_xlsx(reg)
    assert rij["terugverdienjaar"].value == "niet binnen 2 jaar"
    assert (rij["discontovoet"].value, rij["netto_rendement_contant"].value) == (0.1, -54.55)

    oefen = nieuw_register(tmp_path / "oefen", oefenregister=True)
    b, _ = dien_in(JOYCE, oefen, gebruiker=ANNA)
    assert b.gegevens["grondslagen"] == ["JW-2.3", "GEMW-160"] and b.gegevens["terugverdienjaar"] == 1
    assert b.gegevens["contant"]["interventie_totaal"] == "18601.96"


def test_aanvraag_van_voor_rekenmodel_2_blijft_leesbaar(tmp_path):
    """Een indiening zonder de nieuwe sleutels (zoals oudere records): register.xlsx laat de cellen leeg."""
    from doorbraak.diensten import register_stand
    from doorbraak.export.register_xlsx import schrijf_register_xlsx
    from tests.registerhulp import ANNA, nieuw_register, schrijf_casus

    reg = nieuw_register(tmp_path / "r")
    dien_in(schrijf_casus(tmp_path, "OUD-1", "100.00"), reg, gebruiker=ANNA)
    st = register_stand(reg)
    for sleutel in ("contant", "terugverdienjaar", "scenarios", "per_jaar", "grondslagen"):
        del st.aanvragen[0].gegevens[sleutel]
    schrijf_register_xlsx(st, tmp_path / "oud.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "oud.xlsx")["Aanvragen"]
    rij = {k.value: v.value for k, v in zip(ws[1], ws[2])}
    assert rij["discontovoet"] is None and rij["netto_rendement_contant"] is None and rij["terugverdienjaar"] is None
    assert rij["aanvraag"] == "OUD-1-1" and rij["netto_rendement"] == 19900  # 20.000 - 100
