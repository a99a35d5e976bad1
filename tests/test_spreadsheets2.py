"""Verantwoording 2, de spreadsheets: de casuswerkmap en register.xlsx, gelezen zoals Excel en een voorbeeldweergave
ze lezen.

- Elke formulecel heeft een opgeslagen uitkomst (openpyxl met `data_only=True` ziet een waarde), en die uitkomst is
  wat de formule geeft: een kleine rekenmachine hieronder rekent elke formule exact (breuken) na uit de cellen waar
  ze naar verwijst, tot aan de ingevoerde getallen toe (indexcijfers, bedragen, aantallen, kansen).
- De eenheidsprijs van elke prijslijstregel is een formule over de bladen Indexcijfers en Prijzen; de test rekent
  haar ook los na in Python, en wijzigt een indexcijfer zoals een controller dat doet.
- Datums zijn echte Excel-datums; tekst blijft tekst, ook op de nieuwe bladen.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.utils.cell import get_column_letter

from doorbraak.diensten import besluit, bereken_bestand, dien_in, nacalculeer, register_stand, toets
from doorbraak.export.casus_xlsx import schrijf_casus_xlsx
from doorbraak.export.register_xlsx import lokale_tijd, schrijf_register_xlsx
from doorbraak.register import opslag
from doorbraak.register.map_register import MapRegister
from doorbraak.register.opslag import Gebruiker
from doorbraak.register.workflow import lokale_datum
from doorbraak.uitvoer import CASUS_XLSX, REGISTER_XLSX, herken
from tests.conftest import VOORBEELDEN, casusdata, eigen_regel
from tests.registerhulp import ANNA, BERT, MANAGER, nieuw_register, schrijf_casus

VOORBEELDBESTANDEN = sorted(VOORBEELDEN.glob("*.json"))
CENT = D("0.01")


# ------------------------------------------------------------------ de rekenmachine

_TOKEN = re.compile(r"""\s*(?:
    (?P<tekst>"(?:[^"]|"")*")
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
  | (?P<functie>[A-Z][A-Z0-9.]*)\(
  | (?P<getal>\d+(?:\.\d+)?)
  | (?P<op><=|>=|<>|[-+*/^&=<>(),])
)""", re.VERBOSE)


def _getal(w) -> Fraction:
    if isinstance(w, bool):
        return Fraction(int(w))
    if w is None:
        return Fraction(0)
    assert isinstance(w, Fraction), w
    return w


def _per_element(f, a, b):
    """Excel rekent een bereik element voor element (zoals in SUMPRODUCT)."""
    if isinstance(a, list) or isinstance(b, list):
        n = len(a) if isinstance(a, list) else len(b)
        aa, bb = (a if isinstance(a, list) else [a] * n), (b if isinstance(b, list) else [b] * n)
        assert len(aa) == len(bb)
        return [f(x, y) for x, y in zip(aa, bb)]
    return f(a, b)


def _vergelijk(a, op, b) -> bool:
    if a is None:
        a = "" if isinstance(b, str) else Fraction(0)
    if b is None:
        b = "" if isinstance(a, str) else Fraction(0)
    if isinstance(a, str) != isinstance(b, str):
        return op == "<>"
    if isinstance(a, str):
        a, b = a.casefold(), b.casefold()  # = in Excel: zonder onderscheid tussen hoofd- en kleine letters
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def _als_tekst(w) -> str:
    if isinstance(w, str):
        return w
    if w is None:
        return ""
    return str(w.numerator) if w.denominator == 1 else str(D(w.numerator) / w.denominator)


class Rekenaar:
    """Rekent elke formule van een werkmap (gelezen zonder data_only) exact na: + - * / ^ &, vergelijkingen (ook
    per element), ROUND, SUM, SUBTOTAL(109), SUMIFS, SUMPRODUCT, EXACT en IF. Een cel met een formule wordt zelf
    nagerekend, nooit de opgeslagen uitkomst gebruikt."""

    def __init__(self, wb):
        self.wb = wb
        self.onthouden: dict[tuple[str, str], object] = {}

    def cel(self, blad: str, coordinaat: str):
        sleutel = (blad, coordinaat)
        if sleutel not in self.onthouden:
            c = self.wb[blad][coordinaat]
            if c.data_type == "f":
                self.onthouden[sleutel] = self.reken(blad, c.value)
            elif isinstance(c.value, bool):
                self.onthouden[sleutel] = c.value
            elif isinstance(c.value, (int, float)):
                self.onthouden[sleutel] = Fraction(D(str(c.value)))
            else:
                self.onthouden[sleutel] = c.value
        return self.onthouden[sleutel]

    def reken(self, blad: str, formule: str):
        assert formule.startswith("="), formule
        tekst, tokens, plek = formule[1:], [], 0
        while plek < len(tekst):
            m = _TOKEN.match(tekst, plek)
            assert m and m.end() > plek, f"onbekend in {formule!r} op {plek}"
            tokens.append((m.lastgroup, m.group(m.lastgroup)))
            plek = m.end()
        return _Ontleder(self, blad, tokens).alles()


class _Ontleder:
    def __init__(self, rekenaar: Rekenaar, blad: str, tokens):
        self.r, self.blad, self.tokens, self.i = rekenaar, blad, tokens, 0

    def alles(self):
        w = self.vergelijking()
        assert self.i == len(self.tokens), self.tokens[self.i:]
        return w

    def kijk(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def neem(self, op=None):
        t = self.kijk()
        assert op is None or t == ("op", op), (t, op)
        self.i += 1
        return t

    def vergelijking(self):
        links = self.koppel()
        while self.kijk()[0] == "op" and self.kijk()[1] in ("=", "<", ">", "<=", ">=", "<>"):
            op = self.neem()[1]
            links = _per_element(lambda a, b, op=op: _vergelijk(a, op, b), links, self.koppel())
        return links

    def koppel(self):
        links = self.som()
        while self.kijk() == ("op", "&"):
            self.neem()
            links = _als_tekst(links) + _als_tekst(self.som())
        return links

    def som(self):
        links = self.product()
        while self.kijk()[0] == "op" and self.kijk()[1] in "+-":
            op = self.neem()[1]
            rechts = self.product()
            links = _per_element(lambda a, b, op=op: _getal(a) + _getal(b) if op == "+" else _getal(a) - _getal(b),
                                 links, rechts)
        return links

    def product(self):
        links = self.macht()
        while self.kijk()[0] == "op" and self.kijk()[1] in "*/":
            op = self.neem()[1]
            rechts = self.macht()
            links = _per_element(lambda a, b, op=op: _getal(a) * _getal(b) if op == "*" else _getal(a) / _getal(b),
                                 links, rechts)
        return links

    def macht(self):
        links = self.teken()
        while self.kijk() == ("op", "^"):
            self.neem()
            exponent = _getal(self.teken())
            assert exponent.denominator == 1
            links = _getal(links) ** int(exponent)
        return links

    def teken(self):
        if self.kijk() == ("op", "-"):
            self.neem()
            w = self.teken()
            return [-_getal(x) for x in w] if isinstance(w, list) else -_getal(w)
        return self.primair()

    def primair(self):
        soort, waarde = self.neem()
        if soort == "getal":
            return Fraction(waarde)
        if soort == "tekst":
            return waarde[1:-1].replace('""', '"')
        if soort == "ref":
            return self.cellen(waarde)
        if soort == "op" and waarde == "(":
            w = self.vergelijking()
            self.neem(")")
            return w
        assert soort == "functie", (soort, waarde)
        argumenten = []
        while self.kijk() != ("op", ")"):
            argumenten.append(self.vergelijking())
            if self.kijk() == ("op", ","):
                self.neem()
        self.neem(")")
        return getattr(self, f"f_{waarde}")(*argumenten)

    def cellen(self, ref: str):
        blad = self.blad
        if "!" in ref:
            naam, ref = ref.rsplit("!", 1)
            blad = naam[1:-1].replace("''", "'") if naam.startswith("'") else naam
        ref = ref.replace("$", "")
        if ":" not in ref:
            return self.r.cel(blad, ref)
        k1, r1, k2, r2 = range_boundaries(ref)
        return [self.r.cel(blad, f"{get_column_letter(k)}{r}") for r in range(r1, r2 + 1) for k in range(k1, k2 + 1)]

    # -- functies
    @staticmethod
    def f_ROUND(x, decimalen):
        stap = Fraction(1, 10 ** int(decimalen))
        geheel, rest = divmod(abs(_getal(x)) / stap, 1)
        geheel += 1 if rest >= Fraction(1, 2) else 0  # half van nul af, zoals Excel
        return (1 if x >= 0 else -1) * geheel * stap

    @staticmethod
    def f_SUM(*argumenten):
        return sum((w for a in argumenten for w in (a if isinstance(a, list) else [a]) if isinstance(w, Fraction)),
                   Fraction(0))

    def f_SUBTOTAL(self, functie, *bereiken):
        assert functie == 109  # SOM van de zichtbare rijen; bij het schrijven is niets gefilterd
        return self.f_SUM(*bereiken)

    @staticmethod
    def f_SUMIFS(optellen, *paren):
        def past(waarde, criterium):
            if isinstance(criterium, str) and (m := re.fullmatch(r"(<=|>=|<>|<|>|=)(.*)", criterium)):
                return isinstance(waarde, Fraction) and _vergelijk(waarde, m[1], Fraction(m[2]))
            if isinstance(criterium, str):
                assert not set(criterium) & set("*?~"), criterium  # geen jokers in wat de export schrijft
                return isinstance(waarde, str) and waarde.casefold() == criterium.casefold()
            return waarde == criterium

        return sum((w for k, w in enumerate(optellen)
                    if all(past(paren[p][k], paren[p + 1]) for p in range(0, len(paren), 2)) and isinstance(w, Fraction)),
                   Fraction(0))

    @staticmethod
    def f_SUMPRODUCT(*reeksen):
        n = len(reeksen[0])
        assert all(isinstance(r, list) and len(r) == n for r in reeksen)
        uitkomst = Fraction(0)
        for k in range(n):
            product = Fraction(1)
            for r in reeksen:
                product *= r[k] if isinstance(r[k], Fraction) else 0  # tekst en leeg tellen als 0
            uitkomst += product
        return uitkomst

    @staticmethod
    def f_EXACT(a, b):
        return _per_element(lambda x, y: _als_tekst(x) == _als_tekst(y), a, b)

    @staticmethod
    def f_IF(voorwaarde, dan, anders):
        return dan if voorwaarde else anders


def test_rekenmachine_zelf():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Per jaar"
    for k, w in zip("ABCDE", (2.5, 3, "zonder", "met", 0.005)):
        ws[f"{k}1"] = w
    ws["A2"], ws["A3"], ws["B2"], ws["B3"] = "Gemeente*", "gemeente*", 7, 11
    ws["D1"] = "=A1*2"
    r = Rekenaar(wb)

    def reken(formule: str):
        return r.reken("Per jaar", formule)

    assert reken("=ROUND(A1*E1,2)") == Fraction("0.01") and reken("=ROUND(-0.125,2)") == Fraction("-0.13")
    assert reken("=B1/(1+1)^(B1-1)") == Fraction(3, 4)
    assert reken("=SUMPRODUCT(--EXACT(A2:A3,A3),B2:B3)") == 11  # letterlijk: geen joker, wel hoofdletters
    assert reken("=SUMPRODUCT(--(A2:A3=\"GEMEENTE*\"),B2:B3)") == 18  # = zonder onderscheid in hoofdletters
    assert reken("='Per jaar'!D1+1") == 6  # een formule die naar een formule verwijst
    assert reken('=IF(SUM(A1:B1)=0,"geen",ROUND(B1/A1,2))') == Fraction("1.2")
    assert reken('=SUMIFS(A1:B1,A1:B1,"<="&A1)') == Fraction("2.5")


# ------------------------------------------------------------------ hulpjes


def _werkmappen(pad: Path):
    """(formules, opgeslagen uitkomsten): zoals openpyxl de werkmap leest, en zoals een voorbeeldweergave."""
    return load_workbook(pad), load_workbook(pad, data_only=True)


def _als_decimal(w) -> D:
    assert isinstance(w, (int, float)) and not isinstance(w, bool), w
    return D(str(w))


def _rijen(blad, tabel: str | None = None) -> list[dict]:
    """De rijen van een tabel (of van het hele blad onder de kopregel) als {kop: cel}."""
    if tabel is not None:
        k1, r1, k2, r2 = range_boundaries(blad.tables[tabel].ref)
    else:
        k1, r1, k2, r2 = 1, 1, blad.max_column, blad.max_row
    kop = [blad.cell(r1, k).value for k in range(k1, k2 + 1)]
    rijen = [{kop[i]: blad.cell(r, k) for i, k in enumerate(range(k1, k2 + 1))} for r in range(r1 + 1, r2 + 1)]
    return [rij for rij in rijen if any(c.value is not None for c in rij.values())]


def controleer_alle_formules(pad: Path) -> int:
    """Elke formulecel van elk blad: er is een opgeslagen uitkomst, en die is wat de formule geeft (een bedrag
    precies op de cent). Geeft het aantal formules."""
    formules, uitkomsten = _werkmappen(pad)
    rekenaar = Rekenaar(formules)
    aantal = 0
    for blad in formules:
        for rij in blad.iter_rows():
            for c in rij:
                if c.data_type != "f":
                    continue
                aantal += 1
                opgeslagen = uitkomsten[blad.title][c.coordinate].value
                waar = f"{blad.title}!{c.coordinate} {c.value}"
                assert opgeslagen is not None, f"{waar}: geen opgeslagen uitkomst"
                nagerekend = rekenaar.cel(blad.title, c.coordinate)
                if isinstance(nagerekend, str):
                    assert opgeslagen == nagerekend, waar
                elif "€" in c.number_format or nagerekend.denominator == 1:
                    assert _als_decimal(opgeslagen) == D(nagerekend.numerator) / nagerekend.denominator, waar
                else:  # een indexfactor: de opgeslagen uitkomst is een binair getal
                    assert abs(Fraction(_als_decimal(opgeslagen)) - nagerekend) < Fraction(1, 10 ** 12), waar
    return aantal


def _half_naar_boven(waarde: Fraction) -> D:
    return (D(waarde.numerator) / D(waarde.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ de casuswerkmap


@pytest.fixture(scope="module")
def voorbeelden(tmp_path_factory):
    """Elk voorbeeld: (casus, businesscase, pad van de werkmap)."""
    map_ = tmp_path_factory.mktemp("voorbeelden")
    uit = {}
    for bestand in VOORBEELDBESTANDEN:
        casus, bc, _ = bereken_bestand(bestand)
        pad = map_ / f"{bestand.stem}.xlsx"
        assert schrijf_casus_xlsx(casus, bc, pad) == []
        uit[bestand.stem] = (casus, bc, pad)
    return uit


@pytest.mark.parametrize("naam", [p.stem for p in VOORBEELDBESTANDEN])
def test_elke_formule_heeft_een_uitkomst_en_die_klopt(voorbeelden, naam):
    _, bc, pad = voorbeelden[naam]
    regels = len(bc.zonder) + len(bc.met)
    assert controleer_alle_formules(pad) >= 5 * regels  # per regel minstens bedrag, contant en de scenario's
    assert herken(pad) == (CASUS_XLSX.kenmerk, "")


@pytest.mark.parametrize("naam", [p.stem for p in VOORBEELDBESTANDEN])
def test_casuswerkmap_cel_voor_cel(voorbeelden, naam):
    """Elk getal op elk blad, uit de opgeslagen waarden (zoals een voorbeeldweergave ze toont), tegen de berekening."""
    casus, bc, pad = voorbeelden[naam]
    formules, wb = _werkmappen(pad)
    assert wb.sheetnames == ["Samenvatting", "Kostenregels", "Interventie", "Per jaar", "Per financier", "Scenario's",
                             "Grondslagen", "Prijzen", "Indexcijfers"]
    regels = [("zonder", u) for u in bc.zonder] + [("met", u) for u in bc.met]

    # kostenregels: elke kolom, en de kansen per scenario uit de casus
    rijen = _rijen(wb["Kostenregels"], "Kostenregels")
    assert len(rijen) == len(regels)
    for rij, (kant, u) in zip(rijen, regels):
        lijst, i = u.pad.rstrip("]").split("[")
        regel = getattr(casus, lijst)[int(i)]
        laag, hoog = ((regel.kans_laag_of_kans, regel.kans_hoog_of_kans) if kant == "zonder"
                      else (regel.kans_hoog_of_kans, regel.kans_laag_of_kans))
        assert (rij["kant"].value, rij["regel"].value, rij["code"].value, rij["jaar"].value) == (
            kant, u.pad, u.code or "eigen", u.jaar, )
        assert rij["financier"].value == u.financier and rij["indexreeks"].value == u.indexreeks
        for naam_, waarde in (("eenheidsprijs", u.eenheidsprijs), ("aantal", u.aantal), ("kans", u.kans),
                              ("bedrag", u.bedrag), ("bedrag (formule)", u.bedrag), ("contant", u.contant),
                              ("contant (formule)", u.contant), ("bedrag scenario laag", u.bedrag_laag),
                              ("bedrag scenario hoog", u.bedrag_hoog), ("kans scenario laag", laag),
                              ("kans scenario hoog", hoog), ("bedrag scenario laag (formule)", u.bedrag_laag),
                              ("bedrag scenario hoog (formule)", u.bedrag_hoog)):
            assert _als_decimal(rij[naam_].value) == waarde, (u.pad, naam_)
        cellen = {c.column_letter: c for c in formules["Kostenregels"][rij["kant"].row]}
        if u.code:  # de eenheidsprijs van een prijslijstregel is een formule naar het blad Prijzen
            assert re.fullmatch(r"=Prijzen!M\d+", cellen["F"].value)

    # per financier: de bedragen, de formules en het totaal
    pf = _rijen(wb["Per financier"], "PerFinancier")
    assert [r["financier"].value for r in pf] == [f.financier for f in bc.financiers]
    for rij, f in zip(pf, bc.financiers):
        for naam_, waarde in (("kosten zonder doorbraak", f.zonder), ("kosten met doorbraak", f.met),
                              ("vermeden kosten", f.vermeden), ("zonder (formule)", f.zonder),
                              ("met (formule)", f.met), ("vermeden (formule)", f.vermeden)):
            assert _als_decimal(rij[naam_].value) == waarde, (f.financier, naam_)
    totaal = {c.value: c.row for c in wb["Per financier"]["A"]}.get("Totaal")
    assert totaal is not None
    assert [_als_decimal(wb["Per financier"].cell(totaal, k).value) for k in range(2, 8)] == [
        bc.kosten_zonder, bc.kosten_met, bc.vermeden_kosten] * 2

    # per jaar: nominaal, contant en de scenario's
    pj = _rijen(wb["Per jaar"], "PerJaar")
    assert len(pj) == len(bc.per_jaar)
    cumulatief = D(0)
    for rij, j in zip(pj, bc.per_jaar):
        def som(veld, kant, jaar=j.jaar):
            return sum((getattr(u, veld) for k, u in regels if k == kant and u.jaar == jaar), D(0))
        cz, cm = som("contant", "zonder"), som("contant", "met")
        ci = sum((i.contant for i in bc.interventie if i.jaar == j.jaar), D(0))
        cumulatief += cz - cm - ci
        verwacht = {"zonder": j.zonder, "met": j.met, "interventie": j.interventie, "vermeden": j.vermeden,
                    "netto": j.netto, "zonder (formule)": j.zonder, "met (formule)": j.met,
                    "interventie (formule)": j.interventie, "vermeden (formule)": j.vermeden,
                    "netto (formule)": j.netto, "contant zonder (formule)": cz, "contant met (formule)": cm,
                    "contant interventie (formule)": ci, "contant netto (formule)": cz - cm - ci,
                    "netto contant t/m dit jaar (formule)": cumulatief,
                    "netto scenario laag (formule)": som("bedrag_laag", "zonder") - som("bedrag_laag", "met")
                    - j.interventie,
                    "netto scenario hoog (formule)": som("bedrag_hoog", "zonder") - som("bedrag_hoog", "met")
                    - j.interventie}
        for naam_, waarde in verwacht.items():
            assert _als_decimal(rij[naam_].value) == waarde, (j.jaar, naam_)
    assert cumulatief == bc.contant.netto_rendement

    # scenario's
    for rij in _rijen(wb["Scenario's"], "Scenarios"):
        sc = bc.scenarios[rij["scenario"].value]
        for naam_, waarde in (("kosten zonder (formule)", sc.kosten_zonder), ("kosten met (formule)", sc.kosten_met),
                              ("netto (formule)", sc.netto_rendement), ("vermeden (formule)", sc.vermeden_kosten)):
            assert _als_decimal(rij[naam_].value) == waarde
        ratio = rij["rendementsratio (formule)"].value
        assert (ratio == "geen") if sc.rendement_ratio is None else _als_decimal(ratio) == sc.rendement_ratio

    # samenvatting: de waarde en de controle
    samen = {r[0].value: (r[1].value, r[2].value) for r in wb["Samenvatting"].iter_rows(min_row=2) if r[0].value}
    for naam_, waarde in (("kosten zonder doorbraak", bc.kosten_zonder), ("kosten met doorbraak", bc.kosten_met),
                          ("vermeden kosten", bc.vermeden_kosten), ("interventie", bc.interventie_totaal),
                          ("netto maatschappelijk rendement", bc.netto_rendement),
                          ("contant: kosten zonder doorbraak", bc.contant.kosten_zonder),
                          ("contant: netto maatschappelijk rendement", bc.contant.netto_rendement)):
        assert [_als_decimal(w) for w in samen[naam_]] == [waarde, waarde], naam_
    assert samen["prijspeil"][0] == bc.prijspeil

    # prijzen en indexcijfers: elk gebruikt indexcijfer staat er, bij zijn jaar en reeks
    index = {(kop.value, r[0].value): r[k].value for r in wb["Indexcijfers"].iter_rows(min_row=2)
             if isinstance(r[0].value, int) for k, kop in enumerate(wb["Indexcijfers"][1]) if k}
    for _, u in regels:
        if u.geindexeerd:
            ix = u.indexering
            assert _als_decimal(index[ix.reeks, ix.van_jaar]) == ix.index_van
            assert _als_decimal(index[ix.reeks, ix.naar_jaar]) == ix.index_naar
    prijzen = {r["code"].value: r for r in _rijen(wb["Prijzen"], "Prijzen")}
    assert set(prijzen) == {u.code for _, u in regels if u.code}
    for _, u in regels:
        if u.code:
            rij = prijzen[u.code]
            assert _als_decimal(rij["bedrag in prijsjaar"].value) == u.bedrag_bron
            assert _als_decimal(rij["eenheidsprijs casusjaar"].value) == u.eenheidsprijs
            assert (rij["indexcijfer van"].value is None) == (not u.geindexeerd)


@pytest.mark.parametrize("naam", [p.stem for p in VOORBEELDBESTANDEN])
def test_eenheidsprijs_na_te_rekenen_uit_indexcijfers_en_prijzen(voorbeelden, naam):
    """Zoals een controller: bedrag × indexcijfer casusjaar / indexcijfer prijsjaar, half naar boven op centen, uit
    de getallen op de bladen Prijzen en Indexcijfers; dat is de opgeslagen eenheidsprijs, op elke kostenregel."""
    _, bc, pad = voorbeelden[naam]
    wb = load_workbook(pad, data_only=True)
    kop = [c.value for c in wb["Indexcijfers"][1]]
    index = {(kop[k], r[0].value): r[k].value for r in wb["Indexcijfers"].iter_rows(min_row=2)
             if isinstance(r[0].value, int) for k in range(1, len(kop))}
    per_code = {}
    for rij in _rijen(wb["Prijzen"], "Prijzen"):
        bedrag = _als_decimal(rij["bedrag in prijsjaar"].value)
        if rij["indexjaar van"].value is None:
            verwacht = bedrag.quantize(CENT, rounding=ROUND_HALF_UP)
        else:
            reeks = rij["indexreeks"].value
            van = _als_decimal(index[reeks, rij["indexjaar van"].value])
            naar = _als_decimal(index[reeks, rij["indexjaar naar"].value])
            assert (_als_decimal(rij["indexcijfer van"].value), _als_decimal(rij["indexcijfer naar"].value)) == (van, naar)
            verwacht = _half_naar_boven(Fraction(bedrag) * Fraction(naar) / Fraction(van))
        assert _als_decimal(rij["eenheidsprijs casusjaar"].value) == verwacht, rij["code"].value
        per_code[rij["code"].value] = verwacht
    for u in bc.zonder + bc.met:
        if u.code:
            assert per_code[u.code] == u.eenheidsprijs
    for rij in _rijen(wb["Kostenregels"], "Kostenregels"):
        if rij["code"].value != "eigen":
            assert _als_decimal(rij["eenheidsprijs"].value) == per_code[rij["code"].value]


def test_controller_wijzigt_een_indexcijfer_en_de_casus_rekent_mee(voorbeelden):
    """Het CPI-cijfer van 2025 omhoog: de eenheidsprijzen, de kostenregels, per financier, per jaar en de controle
    in de samenvatting volgen; de waardekolom (de berekening van Doorbraak) blijft staan."""
    _, bc, pad = voorbeelden["hond-en-kliniek"]
    wb = load_workbook(pad)
    blad = wb["Indexcijfers"]
    kop = [c.value for c in blad[1]]
    rij = next(r for r in blad.iter_rows(min_row=2) if r[0].value == 2025)
    rij[kop.index("cpi")].value = 150
    nieuw = {(u.code): _half_naar_boven(Fraction(u.bedrag_bron) * (150 if u.indexering.naar_jaar == 2025 else
                                                                   Fraction(u.index_naar)) / Fraction(u.index_van))
             for u in bc.zonder + bc.met if u.geindexeerd and u.indexreeks == "cpi"}
    assert nieuw and any(p != u.eenheidsprijs for u in bc.zonder + bc.met for c, p in nieuw.items() if c == u.code)

    def bedrag(u):
        prijs = nieuw.get(u.code, u.eenheidsprijs)
        return _half_naar_boven(Fraction(prijs) * Fraction(u.aantal) * Fraction(u.kans))

    zonder, met = sum(map(bedrag, bc.zonder), D(0)), sum(map(bedrag, bc.met), D(0))
    rekenaar = Rekenaar(wb)
    samen = {r[0].value: r[0].row for r in wb["Samenvatting"].iter_rows(min_row=2)}
    uit = {naam: rekenaar.cel("Samenvatting", f"C{samen[naam]}") for naam in
           ("kosten zonder doorbraak", "kosten met doorbraak", "vermeden kosten")}
    assert uit == {"kosten zonder doorbraak": zonder, "kosten met doorbraak": met, "vermeden kosten": zonder - met}
    assert zonder != bc.kosten_zonder
    assert _als_decimal(wb["Samenvatting"][f"B{samen['kosten zonder doorbraak']}"].value) == bc.kosten_zonder
    financiers = {r["financier"].value: r["vermeden (formule)"].coordinate
                  for r in _rijen(wb["Per financier"], "PerFinancier")}
    for f in bc.financiers:
        verwacht = sum((bedrag(u) for u in bc.zonder if u.financier == f.financier), D(0)) - \
            sum((bedrag(u) for u in bc.met if u.financier == f.financier), D(0))
        assert rekenaar.cel("Per financier", financiers[f.financier]) == verwacht
    assert rekenaar.cel("Per jaar", "G2") == sum((bedrag(u) for u in bc.zonder if u.jaar == 1), D(0))


def test_grafieken_en_datums(voorbeelden):
    casus, bc, pad = voorbeelden["natuurlijk-mentor"]
    with zipfile.ZipFile(pad) as z:
        grafieken = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        teksten = [z.read(n).decode("utf-8") for n in grafieken]
    assert len(grafieken) == 2
    assert any("'Per financier'!$G$2<" in t and "<c:barChart>" in t and "252439.64" in t for t in teksten)
    assert any("'Per jaar'!$L$2:$L$4" in t for t in teksten)
    wb = load_workbook(pad)
    samen = {r[0].value: r[1] for r in wb["Samenvatting"].iter_rows(min_row=2)}
    assert samen["datum (prijspeil)"].is_date
    assert samen["datum (prijspeil)"].value == datetime.combine(casus.datum, datetime.min.time())
    assert samen["datum (prijspeil)"].number_format == "dd-mm-yyyy"
    grondslag = _rijen(wb["Grondslagen"], "Grondslagen")[0]["gecontroleerd op"]
    assert grondslag.is_date and grondslag.value.date() == bc.grondslagen[0].grondslag.gecontroleerd_op


def test_geen_financiers_geen_grafiek(tmp_path):
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata()), encoding="utf-8")
    casus, bc, _ = bereken_bestand(pad)
    schrijf_casus_xlsx(casus, bc, tmp_path / "c.xlsx")
    controleer_alle_formules(tmp_path / "c.xlsx")
    wb = load_workbook(tmp_path / "c.xlsx")
    assert wb["Per financier"]["A4"].value.startswith("Geen kostenregels")
    with zipfile.ZipFile(tmp_path / "c.xlsx") as z:  # alleen de grafiek per jaar
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 1


VIJANDIG = ['=HYPERLINK("http://x","klik")', "+1", "@SUM(A1)", "-5 euro", "=1+1", "gemeente*", "GEMEENTE*"]


def test_tekst_blijft_tekst_op_elk_blad(tmp_path):
    """Titels, omschrijvingen, financiers, bronnen en categorieën die op een formule lijken: overal platte tekst,
    ook op Per financier; en de formules daar vergelijken letterlijk (geen jokers, wel hoofdletters)."""
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(
        titel=VIJANDIG[0],
        interventie=[{"omschrijving": v, "bedrag": "10.00", "categorie": v} for v in VIJANDIG[:4]],
        zonder_doorbraak=[eigen_regel(f"{5 + i}.00", omschrijving=v, financier=v, bron=v)
                          for i, v in enumerate(VIJANDIG)],
        met_doorbraak=[eigen_regel("1.00", financier="GEMEENTE*")])), encoding="utf-8")
    casus, bc, _ = bereken_bestand(pad)
    schrijf_casus_xlsx(casus, bc, tmp_path / "c.xlsx")
    wb, waarden = _werkmappen(tmp_path / "c.xlsx")
    for v in VIJANDIG:
        cellen = [c for ws in wb for rij in ws.iter_rows() for c in rij if c.value == v]
        assert {c.parent.title for c in cellen} >= {"Kostenregels", "Per financier"}, v
        assert all(c.data_type == "s" for c in cellen), v
        assert not [c for ws in wb for rij in ws.iter_rows() for c in rij if c.data_type == "f" and v in c.value]
    assert controleer_alle_formules(tmp_path / "c.xlsx") > 0
    per_financier = {r["financier"].value: _als_decimal(r["vermeden (formule)"].value)
                     for r in _rijen(waarden["Per financier"], "PerFinancier")}
    assert per_financier == bc.per_financier and per_financier["gemeente*"] == D("10.00")
    assert per_financier["GEMEENTE*"] == D("10.00")  # 11,00 zonder min 1,00 met


def test_prijslijst_met_echte_datums_en_geen_formules(tmp_path):
    from doorbraak.diensten import open_prijslijst
    from doorbraak.export.prijslijst_xlsx import exporteer_prijslijst

    exporteer_prijslijst(open_prijslijst(), tmp_path / "l.xlsx")
    wb, waarden = _werkmappen(tmp_path / "l.xlsx")
    assert not [c for ws in wb for rij in ws.iter_rows() for c in rij if c.data_type == "f"]
    versie = {r[0].value: r[1] for r in wb["Versie"].iter_rows()}
    assert versie["datum"].is_date
    rij = _rijen(wb["Prijslijst"], "Prijzen")[0]
    assert rij["gecontroleerd_op"].is_date and rij["gecontroleerd_op"].number_format == "dd-mm-yyyy"
    assert [[c.value for c in r] for r in wb["Prijslijst"].iter_rows()] == \
        [[c.value for c in r] for r in waarden["Prijslijst"].iter_rows()]


# ------------------------------------------------------------------ register.xlsx


def _klok(monkeypatch, tijd: str):
    monkeypatch.setattr(opslag, "nu_utc", lambda: tijd)


@pytest.fixture
def register(tmp_path, monkeypatch):
    """R-1 vier ogen, ingediend in januari en goedgekeurd op 31 januari om 23.30 uur UTC (1 februari in Nederland);
    R-2 geëscaleerd en na een besluit goedgekeurd; R-3 afgewezen; R-4 open."""
    reg = nieuw_register(tmp_path / "r")
    _klok(monkeypatch, "2026-01-10T09:00:00.000000Z")
    dien_in(schrijf_casus(tmp_path, "R-1", "1200.00"), reg, gebruiker=ANNA)
    _klok(monkeypatch, "2026-01-31T23:30:00.000000Z")
    toets("R-1", True, "goed onderbouwd", reg, gebruiker=BERT)
    _klok(monkeypatch, "2026-03-02T10:00:00.000000Z")
    dien_in(schrijf_casus(tmp_path, "R-2", "7000.00", datum="2026-02-15",
                          zonder_doorbraak=[eigen_regel("20000.00", financier="gemeente (Wmo)"),
                                            eigen_regel("3000.00", financier="zorgverzekeraar")]), reg, gebruiker=ANNA)
    _klok(monkeypatch, "2026-03-03T10:00:00.000000Z")
    toets("R-2", True, "door naar het MT", reg, gebruiker=BERT)
    _klok(monkeypatch, "2026-03-04T11:15:00.000000Z")
    besluit("R-2", True, "akkoord MT", reg, gebruiker=MANAGER)
    dien_in(schrijf_casus(tmp_path, "R-3", "300.00"), reg, gebruiker=ANNA)
    toets("R-3", False, "niet nodig", reg, gebruiker=BERT)
    dien_in(schrijf_casus(tmp_path, "R-4", "400.00"), reg, gebruiker=ANNA)
    return reg


def test_register_xlsx_aanvragen(register):
    pad = register / "register.xlsx"
    assert herken(pad) == (REGISTER_XLSX.kenmerk, "")
    assert controleer_alle_formules(pad) >= 8
    formules, wb = _werkmappen(pad)
    st = register_stand(register)
    rijen = {r["aanvraag"].value: r for r in _rijen(wb["Aanvragen"], "Aanvragen")}
    assert list(rijen) == ["R-1-1", "R-2-1", "R-3-1", "R-4-1"]
    r1, r2, r3, r4 = rijen.values()
    # de casusdatum (uit het vastgelegde stuk) en de datum van het eindbesluit, in Nederlandse tijd
    assert r1["casusdatum"].value == datetime(2025, 6, 1) and r2["casusdatum"].value == datetime(2026, 2, 15)
    assert r1["datum_eindbesluit"].value == datetime(2026, 2, 1) and r1["datum_eindbesluit"].is_date
    assert r1["getoetst_op"].value == datetime(2026, 2, 1, 0, 30) and r1["getoetst_op"].number_format == \
        "dd-mm-yyyy hh:mm:ss"
    assert r1["ingediend_op"].value == datetime(2026, 1, 10, 10, 0)
    assert r2["datum_eindbesluit"].value == datetime(2026, 3, 4) and r2["besloten_op"].value == datetime(2026, 3, 4, 12, 15)
    assert r3["datum_eindbesluit"].value is not None and r4["datum_eindbesluit"].value is None
    # wie, met de login apart, en de reden van de toetser en van de beslisser elk in een eigen kolom
    assert (r2["ingediend_door"].value, r2["ingediend_login"].value) == ("anna", "anna")
    assert (r2["getoetst_login"].value, r2["reden_toetsing"].value) == ("bert", "door naar het MT")
    assert (r2["besloten_door"].value, r2["besloten_login"].value, r2["reden_besluit"].value) == (
        "Marieke de Boer (marieke)", "marieke", "akkoord MT")
    assert (r1["reden_toetsing"].value, r1["reden_besluit"].value, r1["besloten_login"].value) == (
        "goed onderbouwd", None, None)
    # de koppeling naar het gearchiveerde verantwoordingsdocument (relatief) en zijn SHA-256
    cellen = {r["aanvraag"].value: r for r in _rijen(formules["Aanvragen"], "Aanvragen")}
    for a in ("R-1-1", "R-2-1"):
        link = cellen[a]["verantwoording"].hyperlink
        doel = link.target.replace("\\", "/")
        assert doel == f"verantwoording/{a}.pdf" and not Path(doel).is_absolute()
        pdf = (pad.parent / doel).read_bytes()
        assert pdf.startswith(b"%PDF") and rijen[a]["verantwoording_sha256"].value == hashlib.sha256(pdf).hexdigest()
    assert r3["verantwoording"].value is None and r4["verantwoording_sha256"].value is None
    # de totaalregels: zichtbare rijen en toegekend
    blad = wb["Aanvragen"]
    totalen = {blad.cell(r, 1).value: r for r in range(6, blad.max_row + 1)}
    kop = [c.value for c in blad[1]]
    bedrag = kop.index("bedrag") + 1
    assert _als_decimal(blad.cell(totalen["Totaal (zichtbare rijen)"], bedrag).value) == sum(
        (a.bedrag for a in st.aanvragen), D(0)) == D("8900.00")
    assert _als_decimal(blad.cell(totalen["Toegekend (status goedgekeurd)"], bedrag).value) == D("8200.00")
    assert formules["Aanvragen"].cell(totalen["Totaal (zichtbare rijen)"], bedrag).value.startswith("=SUBTOTAL(109,")


def test_register_xlsx_budget_per_financier_en_logboek(register):
    pad = register / "register.xlsx"
    wb = load_workbook(pad, data_only=True)
    # toegekend per maand van het besluit: R-1 telt in februari (Nederlandse tijd), R-2 in maart
    budget = wb["Budget"]
    maanden = {r["maand van het besluit"].value: _als_decimal(r["toegekend"].value)
               for r in _rijen(budget, "PerMaand")}
    assert maanden == {datetime(2026, 2, 1): D("1200.00"), datetime(2026, 3, 1): D("7000.00")}
    assert all(r["maand van het besluit"].number_format == "yyyy-mm" for r in _rijen(budget, "PerMaand"))
    # per financier: elke goedgekeurde aanvraag per financier, en het totaal per financier
    pf = wb["Per financier"]
    detail = [(r["aanvraag"].value, r["financier"].value, _als_decimal(r["verwacht vermeden"].value))
              for r in _rijen(pf, "Financiering")]
    assert detail == [("R-1-1", "gemeente (Wmo)", D("20000.00")), ("R-2-1", "gemeente (Wmo)", D("20000.00")),
                      ("R-2-1", "zorgverzekeraar", D("3000.00"))]
    totaal = [(r["financier"].value, r["casussen"].value, _als_decimal(r["verwacht vermeden (goedgekeurd)"].value))
              for r in _rijen(pf, "PerFinancier")]
    assert totaal == [("gemeente (Wmo)", 2, D("40000.00")), ("zorgverzekeraar", 1, D("3000.00"))]
    with zipfile.ZipFile(pad) as z:
        grafiek = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(grafiek) == 1 and "'Per financier'!$H$2:$H$3" in grafiek[0]
    # logboek: elk record, met tijd, soort, wie (naam, login, machine) en hash
    records = MapRegister(register).records()
    logboek = _rijen(wb["Logboek"], "Logboek")
    assert [r["record"].value for r in logboek] == [r["volgnummer"] for r in records] == list(range(1, 10))
    for rij, record in zip(logboek, records):
        assert (rij["soort"].value, rij["hash"].value, rij["login"].value, rij["machine"].value, rij["door"].value) == (
            record["soort"], record["hash"], record["gebruiker"]["os_login"], record["gebruiker"]["machine"],
            record["gebruiker"]["naam"])
        assert rij["tijd"].is_date and rij["tijd"].value == lokale_tijd(record["tijd"])
        assert rij["aanvraag"].value == record["gegevens"].get("aanvraag")
    wijzigingen = wb["Wijzigingen"]
    assert [c.value for c in wijzigingen[1]] == ["record", "tijd", "wie", "soort", "reden", "inhoud"]


def test_register_xlsx_elders_met_koppeling_naar_het_register(register, tmp_path):
    st = register_stand(register)
    uit = tmp_path / "export" / "r.xlsx"
    uit.parent.mkdir()
    schrijf_register_xlsx(st, uit, registermap=register, records=MapRegister(register).records())
    wb = load_workbook(uit)
    rij = _rijen(wb["Aanvragen"], "Aanvragen")[0]
    doel = rij["verantwoording"].hyperlink.target.replace("\\", "/")
    assert doel == "../r/verantwoording/R-1-1.pdf" and (uit.parent / doel).is_file()
    assert rij["casusdatum"].value == datetime(2025, 6, 1)
    # zonder registermap: geen koppeling; de casusdatum staat sinds versie 0.3.0 in het record zelf
    schrijf_register_xlsx(st, tmp_path / "los.xlsx")
    rij = _rijen(load_workbook(tmp_path / "los.xlsx")["Aanvragen"], "Aanvragen")[0]
    assert rij["verantwoording"].value is None and rij["casusdatum"].value == datetime(2025, 6, 1)
    assert rij["datum_eindbesluit"].value == datetime(2026, 2, 1)
    controleer_alle_formules(tmp_path / "los.xlsx")


def test_logboek_met_en_zonder_records(tmp_path, testprijslijst, monkeypatch):
    """Een tweede nacalculatie vervangt de eerste in de stand; het logboek toont haar alleen als de records
    worden meegegeven, en zegt anders hoeveel er ontbreken."""
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    _klok(monkeypatch, "2025-12-01T10:00:00.000000Z")
    reg = nieuw_register(tmp_path / "r")
    dien_in(schrijf_casus(tmp_path, "N-1", "2400.00"), reg, gebruiker=ANNA)
    toets("N-1", True, "akkoord", reg, gebruiker=BERT)
    for naam in ("a.json", "b.json"):
        (tmp_path / naam).write_text(json.dumps({
            "formaat": "doorbraak-nacalculatie/1", "casus_id": "N-1", "peildatum": "2025-12-01", "maanden": 6,
            "uitkomst": "bereikt", "toelichting": "x", "werkelijke_uitgave": "1950.00",
            "kosten_met": [eigen_regel("412.50", aantal="4")]}),
            encoding="utf-8")
        nacalculeer("N-1", tmp_path / naam, reg, gebruiker=MANAGER)
    st = register_stand(reg)
    records = MapRegister(reg).records()
    assert [r["soort"] for r in records] == ["register", "indiening", "toetsing", "nacalculatie", "nacalculatie"]
    assert st.aantal_records == 5
    schrijf_register_xlsx(st, tmp_path / "zonder.xlsx")
    blad = load_workbook(tmp_path / "zonder.xlsx")["Logboek"]
    assert [r["record"].value for r in _rijen(blad, "Logboek")] == [1, 2, 3, 5]
    assert any(str(c.value).startswith("1 van de 5 records staan hier niet") for c in blad["A"])
    schrijf_register_xlsx(st, tmp_path / "met.xlsx", records=records)
    blad = load_workbook(tmp_path / "met.xlsx")["Logboek"]
    assert [(r["record"].value, r["soort"].value) for r in _rijen(blad, "Logboek")] == [
        (r["volgnummer"], r["soort"]) for r in records]
    assert not any(str(c.value).startswith("1 van de") for c in blad["A"])
    # records van een andere stand (één te weinig): dan wat de stand zelf weet
    schrijf_register_xlsx(st, tmp_path / "ander.xlsx", records=records[:-1])
    blad = load_workbook(tmp_path / "ander.xlsx")["Logboek"]
    assert [r["record"].value for r in _rijen(blad, "Logboek")] == [1, 2, 3, 5]


def test_register_tekst_blijft_tekst(tmp_path):
    reg = nieuw_register(tmp_path / "r")
    vijand = Gebruiker("=HYPERLINK(\"http://x\",\"klik\")", "vijand", "@SUM(A1)")
    dien_in(schrijf_casus(tmp_path, "V-1", "100.00", titel="+1",
                          interventie=[{"omschrijving": "x", "bedrag": "100.00", "categorie": "=1+1"}],
                          zonder_doorbraak=[eigen_regel("500.00", financier="-5 euro")]), reg, gebruiker=vijand)
    toets("V-1", True, "=HYPERLINK(\"http://x\",\"klik\")", reg, gebruiker=BERT)
    pad = reg / "register.xlsx"
    wb = load_workbook(pad)
    for v, bladen in (('=HYPERLINK("http://x","klik")', {"Aanvragen"}), ("+1", {"Aanvragen"}),
                      ("=1+1", {"Budget"}), ("-5 euro", {"Per financier"}), ("@SUM(A1)", {"Logboek"})):
        cellen = [c for ws in wb for rij in ws.iter_rows() for c in rij if c.value == v]
        assert {c.parent.title for c in cellen} >= bladen, v
        assert all(c.data_type == "s" for c in cellen), v
    controleer_alle_formules(pad)


def test_register_leeg(tmp_path):
    reg = nieuw_register(tmp_path / "r")
    schrijf_register_xlsx(register_stand(reg), tmp_path / "leeg.xlsx", registermap=reg)
    assert controleer_alle_formules(tmp_path / "leeg.xlsx") >= 0
    wb = load_workbook(tmp_path / "leeg.xlsx")
    assert _rijen(wb["Aanvragen"], "Aanvragen") == []
    assert [r["soort"].value for r in _rijen(wb["Logboek"], "Logboek")] == ["register"]


def test_lokale_tijd():
    assert lokale_tijd("2026-07-01T10:00:00.000000Z") == datetime(2026, 7, 1, 12, 0)  # zomertijd
    assert lokale_tijd("2026-12-31T23:30:00Z") == datetime(2027, 1, 1, 0, 30)
    assert lokale_datum("2026-12-31T23:30:00Z") == date(2027, 1, 1)
    assert lokale_tijd(None) is None


# ------------------------------------------------------------------ een echte rekenmachine: LibreOffice

_HERREKENEN = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_libreoffice_rekent_hetzelfde(voorbeelden, register, tmp_path):
    """LibreOffice rekent bij het openen elke formule opnieuw uit (altijd herberekenen): dezelfde uitkomsten als de
    opgeslagen, ook na een gewijzigd indexcijfer (een kopie zonder opgeslagen uitkomsten: alleen rekenen helpt)."""
    profiel = tmp_path / "profiel"
    (profiel / "user").mkdir(parents=True)
    (profiel / "user" / "registrymodifications.xcu").write_text(_HERREKENEN, encoding="utf-8")
    invoer, uit = tmp_path / "in", tmp_path / "uit"
    invoer.mkdir()
    shutil.copy(voorbeelden["natuurlijk-mentor"][2], invoer / "mentor.xlsx")
    shutil.copy(register / "register.xlsx", invoer / "register.xlsx")
    wb = load_workbook(voorbeelden["hond-en-kliniek"][2])
    for rij in wb["Indexcijfers"].iter_rows(min_row=2):
        if rij[0].value == 2025:
            rij[1].value = 150
    wb.save(invoer / "gewijzigd.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation={profiel.as_uri()}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(uit), *map(str, sorted(invoer.iterdir()))], check=True, capture_output=True,
                   timeout=300)
    for naam in ("mentor.xlsx", "register.xlsx", "gewijzigd.xlsx"):
        formules = load_workbook(invoer / naam)
        opgeslagen = load_workbook(invoer / naam, data_only=True)
        herrekend = load_workbook(uit / naam, data_only=True)
        rekenaar = Rekenaar(formules)
        aantal = 0
        for blad in formules:
            for rij in blad.iter_rows():
                for c in rij:
                    if c.data_type != "f":
                        continue
                    aantal += 1
                    nagerekend = rekenaar.cel(blad.title, c.coordinate)
                    waarden = [herrekend[blad.title][c.coordinate].value]
                    if naam != "gewijzigd.xlsx":
                        waarden.append(opgeslagen[blad.title][c.coordinate].value)
                    for w in waarden:
                        waar = (naam, blad.title, c.coordinate)
                        if isinstance(nagerekend, str):
                            assert w == nagerekend, waar
                        else:
                            assert abs(Fraction(_als_decimal(w)) - nagerekend) < Fraction(1, 10 ** 9), waar
        assert aantal > 8, naam


def test_register_xlsx_telt_een_casus_met_twee_toekenningen_een_keer(tmp_path, testprijslijst, monkeypatch):
    """Een tweede aanvraag voor dezelfde casus herhaalt haar vermeden kosten: die tellen één keer (de laatste
    toekenning), zoals in de monitor; de toegekende bedragen tellen wel allebei."""
    from doorbraak.diensten import besluit, dien_in, toets

    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    reg = nieuw_register(tmp_path / "r", budget="20000")
    for bedrag in ("3000.00", "4000.00"):  # samen € 7.000,00: de tweede gaat via escalatie
        schrijf_casus(tmp_path, "T-1", bedrag)
        dien_in(tmp_path / "T-1.json", reg, gebruiker=ANNA)
        a, _ = toets("T-1", True, "", reg, gebruiker=BERT)
        if a.status == "geëscaleerd":
            besluit("T-1", True, "", reg, gebruiker=MANAGER)
    wb = load_workbook(reg / "register.xlsx", data_only=True)
    totaal = [(r["financier"].value, r["casussen"].value, _als_decimal(r["verwacht vermeden (goedgekeurd)"].value))
              for r in _rijen(wb["Per financier"], "PerFinancier")]
    assert totaal == [("gemeente (Wmo)", 1, D("20000.00"))]
    aanvragen = wb["Aanvragen"]
    toegekend = next(r for r in aanvragen.iter_rows() if r[0].value == "Toegekend (status goedgekeurd)")
    kop = [c.value for c in aanvragen[1]]
    assert _als_decimal(toegekend[kop.index("bedrag")].value) == D("7000.00")
    assert toegekend[kop.index("vermeden_kosten")].value is None  # niet dubbel opgeteld
