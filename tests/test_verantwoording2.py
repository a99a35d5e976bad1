"""Issue 'Verantwoording 2': wat een controller uit het document zelf moet kunnen narekenen, en hoe het eruitziet.

Alles wordt gelezen zoals een mens of een programma het leest: de tekst uit de PDF (pypdfium2, en pdftotext als
dat er is) en de pagina's als plaatjes (tests/artefacten/verantwoording2-*.png, om te bekijken). Elk bedrag in de
kostentabellen wordt uit de afgedrukte getallen nagerekend, voor elk voorbeeld in resources/voorbeelden en voor
een goedgekeurde escalatie uit een register met budgetjaar en kostenplaats.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from decimal import Decimal as D
from fractions import Fraction
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from doorbraak.diensten import (
    bereken_bestand,
    besluit,
    dien_in,
    maak_register,
    open_prijslijst,
    toets,
    verifieer_register,
)
from doorbraak.domein.geld import formatteer
from doorbraak.domein.prijslijst import REEKSNAAM, datum_nl
from doorbraak.export.pdf import maak_pdf
from doorbraak.domein.tijd import lokale_datum
from doorbraak.register import opslag
from tests.conftest import VOORBEELDEN
from tests.registerhulp import ANNA, BERT, MANAGER
from tests.test_export import ARTEFACTEN

VOORBEELDNAMEN = sorted(p.stem for p in VOORBEELDEN.glob("*.json"))
KOSTENPLAATS = "6.71.40 Doorbraakbudget"
BESLUITTIJD = "2026-05-20T09:15:00.000000Z"
KOPPEN = ["Situatie", "Reguliere route", "De doorbraak", "Perspectief", "Waardendriehoek", "Grondslagen",
          "Interventie (doorbraakbudget)", "Kosten zonder doorbraak", "Kosten met doorbraak", "Businesscase",
          "Contante waarde en terugverdienjaar", "Per jaar (nominaal)", "Scenario's (nominaal)",
          "Wie betaalt, wie bespaart (per financier)", "Route en besluit", "Waarschuwingen", "Herkomst en controle",
          "Bijlage: gebruikte prijzen en bronnen"]
KOSTENKOP = "Omschrijving, financier en prijs Eenheidsprijs Aantal Kans Bedrag"
BIJLAGEKOP = "Code Naam, bron en vindplaats Bedrag (prijsjaar) Index Gecontroleerd op"
FINANCIERKOP = "Financier Kosten zonder Kosten met Vermeden"
STAPPENKOP = "Stap Wie (login) · machine Wanneer (UTC) Uitkomst en reden"
VOETTEKST = re.compile(r"Doorbraak · verantwoording casus .* pagina \d+ van \d+$")

BEDRAG = r"€ -?[\d.]+,\d\d"
GETAL = r"-?[\d.]+(?:,\d+)?"
#: één regel van een kostentabel zoals de tekst eruit komt: omschrijving [code], financier (· jaar · contant), hoe
#: de eenheidsprijs ontstaat, en de kolommen eenheidsprijs (eenheid), aantal, kans en bedrag
KOSTENREGEL = re.compile(
    rf"financier: (?P<financier>.+?)(?: · jaar (?P<jaar>\d+) · contant (?P<contant>{BEDRAG}))? "
    rf"(?P<uitleg>prijs \d{{4}} .+?|eigen eenheidsprijs; bron: .*?) "
    rf"(?P<eenheidsprijs>{BEDRAG})(?: (?P<eenheid>eenmalig|per [^\d€]+?))? (?P<aantal>{GETAL}) (?P<kans>{GETAL}) "
    rf"(?P<bedrag>{BEDRAG})")
GEINDEXEERD = re.compile(rf"prijs (?P<jaar>\d{{4}}) (?P<bedrag>{BEDRAG}) × (?P<reeks>[A-Z]+) (?P<naarjaar>\d{{4}}) "
                         rf"(?P<naar>{GETAL}) / (?P=reeks) (?P<vanjaar>\d{{4}}) (?P<van>{GETAL}) = (?P<uitkomst>{BEDRAG})$")
NIET_GEINDEXEERD = re.compile(rf"prijs (?P<jaar>\d{{4}}) (?P<bedrag>{BEDRAG}), (?:vast bedrag \(niet geïndexeerd\)|"
                              r"al in het prijsjaar van de casus|niet verder geïndexeerd: [A-Z]+ \d{4} is het laatst "
                              r"bekende indexcijfer)$")


# ------------------------------------------------------------------ hulpjes


def getal(tekst: str) -> Fraction:
    """`€ 1.234,56`, `134,6` of `-5` zoals gedrukt, exact."""
    return Fraction(D(tekst.replace("€", "").strip().replace(".", "").replace(",", ".")))


def op_centen(waarde: Fraction) -> Fraction:
    """Half naar boven (van nul af) op centen, exact."""
    centen = abs(waarde) * 100
    heel = int(centen + Fraction(1, 2))
    return Fraction(heel if waarde >= 0 else -heel, 100)


def platte(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip()  # ook de harde spatie tussen € en het bedrag


def paginateksten(data: bytes) -> list[str]:
    """De tekst per pagina. Een streepje aan het eind van een regel (in een lange url) geeft pdfium als U+FFFE
    (een afbreekstreepje): hier weer gewoon een streepje."""
    doc = pdfium.PdfDocument(data)
    return [doc[i].get_textpage().get_text_range().replace("\ufffe", "-") for i in range(len(doc))]


class Document:
    def __init__(self, naam, casus, bc, data):
        self.naam, self.casus, self.bc, self.data = naam, casus, bc, data
        self.paginas = paginateksten(data)
        self.tekst = platte(" ".join(self.paginas))


def bewaar_plaatjes(doc: Document) -> list[Path]:
    ARTEFACTEN.mkdir(exist_ok=True)
    pdf = pdfium.PdfDocument(doc.data)
    paden = []
    for i in range(len(pdf)):
        pad = ARTEFACTEN / f"verantwoording2-{doc.naam}-p{i + 1}.png"
        pdf[i].render(scale=1.5).to_pil().save(pad)
        paden.append(pad)
    return paden


# ------------------------------------------------------------------ de documenten


@pytest.fixture(scope="module")
def voorbeelden() -> dict[str, Document]:
    uit = {}
    for naam in VOORBEELDNAMEN:
        casus, bc, _ = bereken_bestand(VOORBEELDEN / f"{naam}.json")
        uit[naam] = Document(naam, casus, bc, maak_pdf(casus, bc))
    return uit


@pytest.fixture(scope="module")
def escalatie(tmp_path_factory) -> Document:
    """Een goedgekeurde escalatie (natuurlijk-mentor, € 17.000) uit een oefenregister met budgetjaar 2026 en
    kostenplaats; eerst is een kleine casus goedgekeurd, zodat 'eerder toegekend' niet nul is."""
    from doorbraak.diensten import uit_register

    basis = tmp_path_factory.mktemp("escalatie")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DOORBRAAK_CONFIG", str(basis / "config"))
        mp.setenv("DOORBRAAK_DATA", str(basis / "data"))
        mp.delenv("DOORBRAAK_REGISTER", raising=False)
        mp.setattr(opslag, "nu_utc", lambda: BESLUITTIJD)
        reg = basis / "register"
        maak_register(reg, D("60000"), D("5000"), ["marieke"], oefenregister=True, namen={"marieke": "Marieke de Boer"},
                      gebruiker=ANNA, budgetjaar=2026, kostenplaats=KOSTENPLAATS)
        dien_in(VOORBEELDEN / "ov-kaart.json", reg, gebruiker=ANNA)
        toets(json.loads((VOORBEELDEN / "ov-kaart.json").read_text(encoding="utf-8"))["casus_id"], True, "", reg,
              gebruiker=BERT)
        casus_id = json.loads((VOORBEELDEN / "natuurlijk-mentor.json").read_text(encoding="utf-8"))["casus_id"]
        dien_in(VOORBEELDEN / "natuurlijk-mentor.json", reg, gebruiker=ANNA)
        toets(casus_id, True, "onderbouwing klopt", reg, gebruiker=BERT)
        a, _ = besluit(casus_id, True, "akkoord, ten laste van 2026", reg, gebruiker=MANAGER)
        assert a.status == "goedgekeurd" and a.route == "escalatie"
        casus, bc, spoor = uit_register(casus_id, reg)
        _, problemen = verifieer_register(reg)  # ook dit document maakt verifieer byte voor byte na
        assert problemen == []
        doc = Document("escalatie", casus, bc, (reg / "verantwoording" / f"{a.aanvraag}.pdf").read_bytes())
        doc.spoor = spoor
        return doc


@pytest.fixture(scope="module")
def alle(voorbeelden, escalatie) -> list[Document]:
    return [*voorbeelden.values(), escalatie]


@pytest.fixture(scope="module")
def veel_regels(tmp_path_factory) -> Document:
    """Elk item van de prijslijst in één casus: tabellen over pagina's, lange financiernamen, meer dan twaalf
    financiers in de grafiek en een lange bijlage."""
    prijslijst = open_prijslijst()
    data = json.loads((VOORBEELDEN / "huurachterstand.json").read_text(encoding="utf-8"))
    data["zonder_doorbraak"] = [{"prijs": c, "aantal": 1, "kans": 0.5} for c in sorted(prijslijst.items)]
    data["met_doorbraak"].append({"prijs": "WON-MO-PLEK-EDE", "aantal": 3})  # de centrumgemeente betaalt meer
    pad = tmp_path_factory.mktemp("veel") / "veel.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    casus, bc, _ = bereken_bestand(pad)
    return Document("veel-regels", casus, bc, maak_pdf(casus, bc))


# ------------------------------------------------------------------ narekenen


def kostenregels(doc: Document) -> list[re.Match]:
    return list(KOSTENREGEL.finditer(doc.tekst))


def test_elk_bedrag_na_te_rekenen_uit_de_gedrukte_getallen(alle):
    """Per regel: bedrag × index casusjaar / index prijsjaar, half naar boven = de gedrukte eenheidsprijs;
    eenheidsprijs × aantal × kans, half naar boven = het gedrukte bedrag; bij meer jaren de contante waarde met
    de gedrukte discontovoet. Per tabel de som van de regels = het gedrukte totaal, en de businesscase en de
    financiers uit die totalen. Alleen met getallen uit de tekst van het document."""
    for doc in alle:
        regels = kostenregels(doc)
        verwacht = doc.bc.zonder + doc.bc.met
        assert len(regels) == len(verwacht), doc.naam
        # we lazen de goede getallen (dezelfde volgorde als de berekening)
        assert [getal(m["bedrag"]) for m in regels] == [Fraction(u.bedrag) for u in verwacht], doc.naam
        voet = getal(re.search(r"Discontovoet (\d+(?:,\d+)?)%", doc.tekst)[1]) / 100
        geindexeerd = 0
        for m in regels:
            eenheidsprijs = getal(m["eenheidsprijs"])
            uitleg = m["uitleg"]
            if (ix := GEINDEXEERD.match(uitleg)) is not None:
                geindexeerd += 1
                assert int(ix["vanjaar"]) <= int(ix["naarjaar"])
                nagerekend = op_centen(getal(ix["bedrag"]) * getal(ix["naar"]) / getal(ix["van"]))
                assert nagerekend == getal(ix["uitkomst"]) == eenheidsprijs, (doc.naam, uitleg)
            elif (vast := NIET_GEINDEXEERD.match(uitleg)) is not None:
                assert getal(vast["bedrag"]) == eenheidsprijs, (doc.naam, uitleg)
            else:
                assert uitleg.startswith("eigen eenheidsprijs; bron: "), (doc.naam, uitleg)
            bedrag = getal(m["bedrag"])
            assert op_centen(eenheidsprijs * getal(m["aantal"]) * getal(m["kans"])) == bedrag, (doc.naam, m[0])
            if m["jaar"]:
                assert op_centen(bedrag / (1 + voet) ** (int(m["jaar"]) - 1)) == getal(m["contant"]), (doc.naam, m[0])
        assert geindexeerd, doc.naam  # elk voorbeeld heeft geïndexeerde prijzen

        # de totalen van de tabellen zijn sommen van de gedrukte regels
        totalen = {}
        for kant in ("zonder", "met"):
            blok = re.search(rf"Kosten {kant} doorbraak {KOSTENKOP} (.*?) Totaal ({BEDRAG})", doc.tekst)
            gedrukt = [getal(m["bedrag"]) for m in KOSTENREGEL.finditer(blok[1])]
            assert sum(gedrukt) == getal(blok[2]), (doc.naam, kant)
            totalen[kant] = getal(blok[2])
        interventie = getal(re.search(rf"Interventie \(doorbraakbudget\) .*? Totaal ({BEDRAG})", doc.tekst)[1])
        bc = re.search(rf"Businesscase Kosten zonder doorbraak ({BEDRAG}) Kosten met doorbraak ({BEDRAG}) Vermeden kosten "
                       rf"({BEDRAG}) Interventie ({BEDRAG}) Netto maatschappelijk rendement ({BEDRAG})", doc.tekst)
        zonder, met, vermeden, ingreep, netto = (getal(b) for b in bc.groups())
        assert (zonder, met, ingreep) == (totalen["zonder"], totalen["met"], interventie), doc.naam
        assert vermeden == zonder - met and netto == vermeden - ingreep, doc.naam

        # per financier: de som van zijn regels, zonder en met
        blok = re.search(rf"{FINANCIERKOP} (.*?) Vermeden kosten per financier", doc.tekst)[1]
        financiers = {f[1]: tuple(getal(b) for b in f.groups()[1:])
                      for f in re.finditer(rf"(.+?) ({BEDRAG}) ({BEDRAG}) ({BEDRAG})(?: |$)", blok)}
        assert len(financiers) == len(doc.bc.financiers), doc.naam
        for naam, (z, mt, v) in financiers.items():
            kanten = {"zonder": Fraction(0), "met": Fraction(0)}
            for kant in kanten:
                tabel = re.search(rf"Kosten {kant} doorbraak {KOSTENKOP} (.*?) Totaal {BEDRAG}", doc.tekst)[1]
                kanten[kant] = sum((getal(m["bedrag"]) for m in KOSTENREGEL.finditer(tabel) if m["financier"] == naam),
                                   Fraction(0))
            assert (z, mt, v) == (kanten["zonder"], kanten["met"], z - mt), (doc.naam, naam)


def test_twee_indexcijfers_en_geen_afgeronde_factor(voorbeelden):
    huur = voorbeelden["huurachterstand"].tekst
    # het voorbeeld uit het issue: € 7.500,00 × 1,3541 gaf € 10.155,75; met de twee indexcijfers klopt het
    assert "prijs 2014 € 7.500,00 × CPI 2025 134,6 / CPI 2014 99,4 = € 10.155,94" in huur
    for doc in voorbeelden.values():
        assert not re.search(r"× \d+,\d{4} (CPI|OVA)", doc.tekst), doc.naam
        for u in doc.bc.zonder + doc.bc.met:
            if u.geindexeerd and u.indexering.van_jaar != u.indexering.naar_jaar:
                reeks = REEKSNAAM[u.indexreeks]
                assert (f"{reeks} {u.indexering.naar_jaar} {str(u.index_naar).replace('.', ',')} / "
                        f"{reeks} {u.indexering.van_jaar} {str(u.index_van).replace('.', ',')}") in doc.tekst


def test_prijspeil_zegt_tot_welk_jaar_er_indexcijfers_zijn(voorbeelden):
    huur = voorbeelden["huurachterstand"].tekst
    assert "Prijspeil 2026 (indexcijfers t/m 2025)" in huur
    # nergens 'prijspeil 2026' zonder erbij te zeggen dat de cijfers van 2026 er nog niet zijn
    assert not re.findall(r"prijspeil 2026(?! \(indexcijfers t/m 2025\))", huur, flags=re.IGNORECASE)
    belasting = voorbeelden["belastingschuld-kinderopvang"]
    assert belasting.bc.prijspeil == "2025" and "Prijspeil 2025 Horizon" in belasting.tekst
    for doc in voorbeelden.values():
        assert f"Prijspeil {doc.bc.prijspeil}" in doc.tekst


# ------------------------------------------------------------------ bronnen en budget


def test_bijlage_noemt_elk_gebruikt_prijsitem_met_bron_url_en_controledatum(alle):
    for doc in alle:
        items = {u.code: u.prijsitem for u in doc.bc.zonder + doc.bc.met if u.code}
        bijlage = doc.tekst.split("Bijlage: gebruikte prijzen en bronnen", 1)[1]
        codes = sorted(doc.bc.gebruikte_codes)
        assert bijlage.count(BIJLAGEKOP) >= 1, doc.naam
        # één rij per item, op volgorde van code: de tekst van een rij loopt tot de volgende code
        posities = [bijlage.index(f" {c} ") for c in codes]
        assert posities == sorted(posities), doc.naam
        for i, code in enumerate(codes):
            item = items[code]
            rij = bijlage[posities[i]: posities[i + 1] if i + 1 < len(codes) else len(bijlage)]
            for verwacht in (item.naam, f"bron: {item.bron}", formatteer(item.bedrag), f"({item.prijsjaar})",
                             REEKSNAAM.get(item.indexatie, item.indexatie),
                             datum_nl(item.gecontroleerd_op) if item.gecontroleerd_op else "-"):
                assert platte(verwacht) in rij, (doc.naam, code, verwacht)
            # een lange url loopt over regels (na een / of -): zonder witruimte staat hij er heel
            assert item.url.replace(" ", "") in rij.replace(" ", ""), (doc.naam, code)
        eigen = [u for u in doc.bc.zonder + doc.bc.met if not u.code]
        if eigen:
            deel = bijlage.split("Eigen regels:", 1)[1]
            for u in eigen:
                assert f"{platte(u.omschrijving)} {formatteer(u.eenheidsprijs)}" in deel and platte(u.bron) in deel
        # de regel in de kostentabel noemt zijn code; de bijlage de rest
        assert all(f"[{c}]" in doc.tekst for c in codes)


def test_de_budgetpot_bij_het_besluit_na_te_rekenen(escalatie):
    t = escalatie.tekst
    assert f"Ten laste van de budgetpot 2026, kostenplaats {KOSTENPLAATS}." in t
    pot = re.search(rf"Budgetjaar 2026 Kostenplaats {re.escape(KOSTENPLAATS)} Budget 2026 \(de hele pot\) ({BEDRAG}) "
                    rf"Eerder toegekend uit deze pot ({BEDRAG}) Vrijgevallen na nacalculatie ({BEDRAG}) "
                    rf"Beschikbaar vóór dit besluit ({BEDRAG}) Toegekend met dit besluit ({BEDRAG}) "
                    rf"Beschikbaar na dit besluit ({BEDRAG})", t)
    assert pot, t
    budget, eerder, vrij, voor, dit, na = (getal(b) for b in pot.groups())
    assert (budget, eerder, dit) == (60000, Fraction("120"), 17000)  # ov-kaart (€ 120,00) ging eerder
    assert voor == budget - eerder + vrij and na == voor - dit
    assert dit == Fraction(escalatie.bc.interventie_totaal)


def test_een_doorlopende_pot_zonder_budgetjaar(tmp_path):
    """Een register zonder budgetjaren: de pot heet 'één doorlopende pot'; vier ogen legt haar ook vast."""
    from tests.registerhulp import nieuw_register, schrijf_casus

    reg = nieuw_register(tmp_path / "r")
    dien_in(schrijf_casus(tmp_path, "POT-1", "1200.00"), reg, gebruiker=ANNA)
    toets("POT-1", True, "", reg, gebruiker=BERT)
    t = platte(" ".join(paginateksten((reg / "verantwoording" / "POT-1-1.pdf").read_bytes())))
    pot = re.search(rf"Budgetjaar geen \(één doorlopende pot\) Kostenplaats - Budget \(de hele pot\) ({BEDRAG}) "
                    rf"Eerder toegekend uit deze pot ({BEDRAG}) Vrijgevallen na nacalculatie ({BEDRAG}) "
                    rf"Beschikbaar vóór dit besluit ({BEDRAG}) Toegekend met dit besluit ({BEDRAG}) "
                    rf"Beschikbaar na dit besluit ({BEDRAG})", t)
    budget, eerder, vrij, voor, dit, na = (getal(b) for b in pot.groups())
    assert (budget, dit, na) == (10000, 1200, 8800) and voor == budget - eerder + vrij
    assert "Ten laste van de budgetpot" not in t  # geen budgetjaar: geen jaar om te noemen


def test_het_besluit_blijft_bij_elkaar(escalatie):
    """Route, pot, stappen en status van het besluit op één pagina."""
    (pagina,) = [p for p in escalatie.paginas if "Route en besluit" in p]
    p = platte(pagina)
    for deel in ("Escalatie: € 17.000,00", "Beschikbaar na dit besluit", STAPPENKOP, "besloten Marieke de Boer",
                 "Status: goedgekeurd. Vastgelegd in record"):
        assert deel in p, deel


# ------------------------------------------------------------------ Nederlands


def test_datums_in_lopende_tekst_zijn_nederlands(alle):
    for doc in alle:
        assert f"Datum casus {datum_nl(doc.casus.datum)}" in doc.tekst, doc.naam
        # nergens een ISO-datum, ook niet bij de controledatum van een wetsartikel
        assert not re.search(r"\b\d{4}-\d\d-\d\d\b", doc.tekst), (doc.naam, re.search(r".{40}\d{4}-\d\d-\d\d.{20}",
                                                                                         doc.tekst))
    stappen = re.search(rf"{re.escape(STAPPENKOP)} (.*?) Status:", alle[-1].tekst)[1]
    assert stappen.count("20 mei 2026 09:15:00") == 3  # ingediend, getoetst, besloten (UTC)


def test_eenmalig_zonder_per(alle):
    huur = next(d for d in alle if d.naam == "huurachterstand")
    assert "€ 10.155,94 eenmalig 1 0,8 € 8.124,75" in huur.tekst
    for doc in alle:
        assert "per eenmalig" not in doc.tekst, doc.naam


# ------------------------------------------------------------------ opmaak


def _woorden(doc: Document) -> list[str]:
    """Wat het document zelf laat zien (zonder urls: die breken bewust na een leesteken)."""
    bc, c = doc.bc, doc.casus
    teksten = [KOSTENKOP, BIJLAGEKOP, FINANCIERKOP, STAPPENKOP, "Omschrijving Categorie Bedrag", *KOPPEN,
               c.titel, c.situatie, c.reguliere_route, c.doorbraak, c.perspectief, *c.leefgebieden,
               *(r.omschrijving for r in c.interventie), *(r.categorie or "" for r in c.interventie),
               *(f.financier for f in bc.financiers)]
    for u in bc.zonder + bc.met:
        teksten += [u.omschrijving, u.code or "", u.eenheid, u.financier, u.bron]
        if u.prijsitem:
            teksten += [u.prijsitem.naam, u.prijsitem.bron]
    if c.waardendriehoek:
        w = c.waardendriehoek
        teksten += [w.rendement, w.legitimiteit, w.betrokkenheid]
    return [t for t in teksten if t]


def test_geen_woord_midden_in_afgebroken(alle, veel_regels):
    """Koppen en cellen breken nooit midden in een woord (vroeger 'Eenheidsprij s', 'centrumg emeente'): geen twee
    opeenvolgende stukjes tekst die samen een woord uit het document zijn, tenzij ze ook zo in de bron staan."""
    for doc in [*alle, veel_regels]:
        bronnen = [platte(t) for t in _woorden(doc)]
        woorden = {w for t in bronnen for w in t.split() if len(w) >= 4 and "://" not in w and "www." not in w}
        in_de_bron = {(a, b) for t in bronnen for a, b in zip(t.split(), t.split()[1:])}
        tokens = doc.tekst.split()
        gebroken = {f"{a}|{b}" for a, b in zip(tokens, tokens[1:]) if a + b in woorden and (a, b) not in in_de_bron}
        gebroken |= {f"{a}|{b}|{c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:]) if a + b + c in woorden}
        assert not gebroken, (doc.naam, sorted(gebroken)[:10])
        # elke kolomkop en elke financier staat er heel
        for kop in (KOSTENKOP, FINANCIERKOP):
            assert kop in doc.tekst, (doc.naam, kop)
        gelezen = [m["financier"] for m in kostenregels(doc)]
        assert gelezen == [platte(u.financier) for u in doc.bc.zonder + doc.bc.met], doc.naam


def test_geen_kop_alleen_onderaan_en_geen_totaal_alleen_bovenaan(alle, veel_regels):
    for doc in [*alle, veel_regels]:
        for nummer, pagina in enumerate(doc.paginas, 1):
            regels = [r.strip() for r in pagina.splitlines() if r.strip()]
            assert VOETTEKST.match(regels[-1]), regels[-1]  # de voettekst komt als laatste
            inhoud = regels[:-1]
            assert inhoud[-1] not in KOPPEN, (doc.naam, nummer, inhoud[-1])
            # bovenaan een pagina: eventueel de herhaalde kopregel van de tabel, dan nooit meteen het totaal
            assert not any(r.startswith("Totaal") for r in inhoud[:2]), (doc.naam, nummer, inhoud[:2])
    assert len(pdfium.PdfDocument(veel_regels.data)) >= 10  # de tabellen lopen echt over pagina's


def test_watermerk_is_een_tekening_geen_tekst(alle):
    for doc in alle:
        pdf = pdfium.PdfDocument(doc.data)
        for i in range(len(pdf)):
            for obj in pdf[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
                _, b, c, _, _, _ = obj.get_matrix().get()
                assert abs(b) < 1e-6 and abs(c) < 1e-6, (doc.naam, i)  # geen schuine tekst
        # wat het watermerk zegt staat één keer bij de gegevens, niet verspreid over de pagina's
        assert doc.tekst.count("OEFENCASUS") == 1, doc.naam
        # het watermerk staat er wel: lichtgrijze vlakken, in een /Artifact-blok
        beeld = pdf[0].render(scale=1).to_pil().convert("L")
        assert sum(beeld.histogram()[221:228]) > 3000, doc.naam
        with pikepdf.open(io.BytesIO(doc.data)) as bestand:
            bewerkingen = pikepdf.parse_content_stream(bestand.pages[0])
            assert any(str(op) == "BDC" and operanden[0] == pikepdf.Name.Artifact for operanden, op in bewerkingen)
    assert "CONCEPT" not in alle[-1].tekst  # goedgekeurd: geen concept meer, wel een oefening


@pytest.mark.skipif(shutil.which("pdftotext") is None and not os.environ.get("CI"),
                    reason="pdftotext (poppler-utils) niet geïnstalleerd; .ci/run installeert het")
def test_pdftotext_leest_de_inhoud_op_volgorde(alle, tmp_path):
    for doc in alle:
        pad = tmp_path / f"{doc.naam}.pdf"
        pad.write_bytes(doc.data)
        tekst = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pad), "-"], capture_output=True, text=True,
                               check=True).stdout
        regels = [r for r in tekst.splitlines() if r.strip()]
        # de titel eerst, dan de casus en de gegevens: de leesvolgorde van de pagina
        assert platte(tekst).startswith(f"Verantwoording doorbraakbudget Casus {doc.casus.casus_id}: "
                                        f"{platte(doc.casus.titel)} Casus {doc.casus.casus_id}")
        assert platte(tekst).count("OEFENCASUS") == 1
        # geen losse letters van een schuin watermerk tussen de regels
        assert not [r for r in regels if re.fullmatch(r"[A-Z·]( [A-Z·])*", r.strip())], doc.naam
        platte_tekst = platte(tekst)
        for kop in KOPPEN:
            if kop in doc.tekst:
                assert kop in platte_tekst


def test_grafiek_volledige_namen_bedragen_en_nullijn(voorbeelden):
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib.units import mm

    from doorbraak.export.pdf import _financiergrafiek, _registreer_fonts

    doc = voorbeelden["hond-en-kliniek"]
    bc = doc.bc
    assert any(f.vermeden < 0 for f in bc.financiers) and any(f.vermeden > 0 for f in bc.financiers)
    grafiek = re.search(r"Vermeden kosten per financier \(zonder − met\):(.*?)€ 0 ", doc.tekst)[1]
    for f in bc.financiers:  # heel, niet afgekapt met '…', en met het bedrag
        assert platte(f.financier) in grafiek and formatteer(f.vermeden) in grafiek, f.financier
    assert "…" not in grafiek
    _registreer_fonts()
    tekening = _financiergrafiek(bc, 174 * mm)
    (nul,) = [v for v in tekening.contents if isinstance(v, Line) and v.x1 == v.x2]  # de nullijn, verticaal
    assert nul.strokeWidth >= 1
    staven = [v for v in tekening.contents if isinstance(v, Rect) and v.height > 10]
    labels = {v.text: v for v in tekening.contents if isinstance(v, String)}
    for f in bc.financiers:
        label = labels[formatteer(f.vermeden)]
        staaf = min(staven, key=lambda r: abs((r.y + r.height / 2) - (label.y + 2.5)))
        if f.vermeden < 0:  # links van de nullijn, het bedrag links van de staaf
            assert staaf.x + staaf.width <= nul.x1 + 0.01 and label.x <= staaf.x
        else:
            assert staaf.x >= nul.x1 - 0.01 and label.x >= staaf.x + staaf.width


def test_meer_dan_twaalf_financiers(veel_regels):
    """De grafiek toont de twaalf grootste bedragen (wie het meest bespaart en wie het meest betaalt); de tabel
    erboven noemt ze allemaal."""
    bc = veel_regels.bc
    assert len(bc.financiers) > 12
    kop = f"Vermeden kosten per financier (zonder − met), de 12 grootste van {len(bc.financiers)} financiers:"
    grafiek = re.search(rf"{re.escape(kop)}(.*?)€ 0 ", veel_regels.tekst)[1]
    grootste = sorted(bc.financiers, key=lambda f: -abs(f.vermeden))[:12]
    assert any(f.vermeden < 0 for f in grootste)
    for f in bc.financiers:
        assert (formatteer(f.vermeden) in grafiek) == (f in grootste), f.financier


# ------------------------------------------------------------------ documentdatum


def test_documentdatum_concept_is_de_exportdag_besluit_het_besluit(voorbeelden, escalatie, monkeypatch):
    def xmp(data: bytes) -> str:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return str(pdf.open_metadata()["xmp:CreateDate"])

    assert xmp(escalatie.data) == "2026-05-20T09:15:00+00:00"
    assert "Documentdatum 20 mei 2026, 09:15:00 UTC (het tijdstip van het besluit" in escalatie.tekst
    doc = voorbeelden["huurachterstand"]
    monkeypatch.setattr(opslag, "nu_utc", lambda: "2026-04-20T22:30:00.000000Z")  # 00.30 uur in Nederland
    data = maak_pdf(doc.casus, doc.bc)
    assert xmp(data) == "2026-04-21T00:00:00+00:00"
    assert "Documentdatum 21 april 2026 (de dag van de export" in platte(" ".join(paginateksten(data)))
    monkeypatch.setattr(opslag, "nu_utc", lambda: "2026-04-21T15:00:00.000000Z")
    assert maak_pdf(doc.casus, doc.bc) == data  # dezelfde dag: byte voor byte hetzelfde
    # de exportdag is de Nederlandse datum: tussen 23.00 en 24.00 uur UTC is dat al morgen
    assert date.fromisoformat(xmp(doc.data)[:10]) <= lokale_datum(datetime.now(timezone.utc).isoformat())


# ------------------------------------------------------------------ plaatjes om te bekijken


@pytest.mark.parametrize("naam", ["huurachterstand", "hond-en-kliniek", "escalatie"])
def test_paginas_als_plaatjes(naam, voorbeelden, escalatie):
    doc = escalatie if naam == "escalatie" else voorbeelden[naam]
    for pad in bewaar_plaatjes(doc):
        from PIL import Image

        with Image.open(pad) as beeld:
            assert beeld.size == (893, 1263)
            assert sum(beeld.convert("L").histogram()[:100]) > 5000


def test_elk_document_is_pdfa(voorbeelden, escalatie):
    """Elk voorbeeld (concept) en het besluit na escalatie: de geschreven bytes zijn PDF/A-2b. Bij het maken
    valideert Doorbraak niet (dat kost elke opdracht een vijfde seconde); hier wel."""
    from pikepdf import pdfa

    for data in [d.data for d in voorbeelden.values()] + [escalatie.data]:
        rapport = pdfa.validate_written(io.BytesIO(data), "2b")
        assert rapport.passed, rapport
