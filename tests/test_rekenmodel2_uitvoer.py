"""Rekenmodel 2 in de uitvoer: contante waarde, terugverdienjaar, scenario's, per jaar en grondslagen in de
samenvatting, het verantwoordingsdocument, de casusspreadsheet en het register.

De verwachte bedragen komen uit de berekening van de voorbeelden (zie tests/test_rekenmodel2.py voor het
narekenen met de hand); de uitvoer toont ze alleen.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal as D

import pikepdf
import pypdfium2 as pdfium
import pytest

from doorbraak.diensten import bereken_bestand
from doorbraak.domein.geld import formatteer
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
        "https://wetten.overheid.nl/jci1.3:c:BWBR0034925&artikel=2.3 (gecontroleerd op 2026-11-30)",
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


@pytest.mark.parametrize("naam", ["natuurlijk-mentor", "joyce-woning"])
def test_pdf_over_meer_jaren_als_plaatjes(naam, mentor_pdf, joyce_pdf):
    """Elke pagina als PNG in tests/artefacten, om te bekijken; elke pagina A4 en met inhoud."""
    _, _, data = mentor_pdf if naam == "natuurlijk-mentor" else joyce_pdf
    ARTEFACTEN.mkdir(exist_ok=True)
    doc = pdfium.PdfDocument(data)
    assert len(doc) == 4
    for i in range(len(doc)):
        beeld = doc[i].render(scale=1.5).to_pil()
        beeld.save(ARTEFACTEN / f"verantwoording-{naam}-p{i + 1}.png")
        assert beeld.size == (893, 1263)
        assert sum(beeld.convert("L").histogram()[:100]) > 5000
