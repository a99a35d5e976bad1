"""Issue 5: het verantwoordingsdocument (PDF/A) en de spreadsheets, gelezen zoals een mens ze leest."""

import io
import json
import os
import re
from datetime import datetime
from decimal import Decimal as D

import pikepdf
import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from doorbraak.diensten import bereken_bestand, dien_in, toets, uit_register
from doorbraak.domein.geld import formatteer
from doorbraak.export.casus_xlsx import schrijf_casus_xlsx
from doorbraak.export.pdf import maak_pdf, vingerafdruk
from tests.conftest import PROJECT, VOORBEELDEN, casusdata, draai, eigen_regel
from tests.registerhulp import ANNA, BERT, nieuw_register, schrijf_casus

ARTEFACTEN = PROJECT / "tests" / "artefacten"


def pdf_tekst(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


@pytest.fixture(scope="module")
def huur():
    casus, bc, _ = bereken_bestand(VOORBEELDEN / "huurachterstand.json")
    return casus, bc, maak_pdf(casus, bc)


# ------------------------------------------------------------------ PDF


def test_pdf_bevat_elk_bedrag_en_gegeven(huur):
    casus, bc, data = huur
    tekst = pdf_tekst(data)
    platte = re.sub(r"\s+", " ", tekst)
    for verwacht in [casus.casus_id, "Huurachterstand betalen voordat de ontruiming komt", "Oefengemeente", "Trainer",
                     "14 april 2026", "prijspeil 2026 (indexcijfers t/m 2025)", "12 maanden", "Situatie", "Reguliere route", "De doorbraak", "Perspectief",
                     "Waardendriehoek", "Rendement", "Legitimiteit", "Betrokkenheid", "versie 2027.1",
                     bc.prijslijst_hash, vingerafdruk(casus), "Vier ogen", "pagina 1 van", "WON-UITZETTING",
                     # de twee indexcijfers zelf, niet een afgeronde factor: zo rekent een controller na
                     "prijs 2014 € 7.500,00 × CPI 2025 134,6 / CPI 2014 99,4 = € 10.155,94"]:
        assert verwacht in platte.replace("Prijspeil", "prijspeil"), verwacht
    for bedrag in [bc.interventie_totaal, bc.kosten_zonder, bc.kosten_met, bc.vermeden_kosten, bc.netto_rendement,
                   *(u.bedrag for u in bc.zonder + bc.met), *(u.eenheidsprijs for u in bc.zonder + bc.met),
                   *(f.zonder for f in bc.financiers), *(f.vermeden for f in bc.financiers)]:
        assert formatteer(bedrag) in platte, formatteer(bedrag)
    assert "4,94" in platte
    # het watermerk (oefening, nog niet goedgekeurd) is een tekening, geen tekst: het mengt niet in de inhoud;
    # wat het zegt staat één keer als gewone tekst bij de gegevens van de casus
    assert platte.count("OEFENCASUS") == platte.count("CONCEPT") == 1
    assert "Document OEFENCASUS · CONCEPT: alleen voor training, nog niet goedgekeurd" in platte


def test_pdf_is_pdfa_met_ingebedde_fonts_en_byte_identiek(huur, tmp_path):
    casus, bc, data = huur
    assert maak_pdf(casus, bc) == data  # deterministisch
    pdf = pikepdf.open(io.BytesIO(data))
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and len(intent.DestOutputProfile.read_bytes()) > 1000
    fonts = set()
    for pagina in pdf.pages:
        for font in pagina.Resources.Font.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant.FontDescriptor, font.BaseFont  # TrueType ingebed
            fonts.add(str(font.BaseFont).split("+")[-1])
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold"} and "DejaVuSans" in fonts
    from pikepdf import pdfa

    assert pdfa.check(pdf, "2b").verdict == "pass"
    # de geschreven bytes zelf: bij het maken valideert Doorbraak niet (dat kost een kwart seconde per opdracht)
    rapport = pdfa.validate_written(io.BytesIO(data), "2b")
    assert rapport.passed, rapport
    info = {k: str(v) for k, v in pdf.docinfo.items()}
    assert f"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{info['/Title']}</rdf:li>" in xmp  # gelijk aan /Info


def test_pdf_laadt_de_pdfa_validator_niet():
    """De opdracht `doorbraak pdf` maakt PDF/A zonder de validator van pikepdf te importeren."""
    import subprocess
    import sys

    code = ("import sys; from doorbraak.diensten import bereken_bestand; from doorbraak.export.pdf import maak_pdf; "
            "c, bc = bereken_bestand('resources/voorbeelden/huurachterstand.json')[:2]; maak_pdf(c, bc); "
            "print('pikepdf.pdfa' in sys.modules)")
    uit = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip() == "False"


def test_pdf_als_plaatje_voor_een_mens(huur):
    _, _, data = huur
    ARTEFACTEN.mkdir(exist_ok=True)
    doc = pdfium.PdfDocument(data)
    beeld = doc[0].render(scale=1.5).to_pil()
    beeld.save(ARTEFACTEN / "verantwoording-huurachterstand-p1.png")
    assert beeld.size == (893, 1263)  # A4 bij 1,5 x 72 dpi
    # er staat echt iets op de pagina: genoeg donkere pixels voor tekst
    histogram = beeld.convert("L").histogram()
    assert sum(histogram[:100]) > 5000


def test_lange_teksten_en_namen_met_accenten(tmp_path):
    lang = "Een lange beschrijving van de situatie. " * 500  # 20.000 tekens
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(coach="Zoë Özdemir-Çelik", gemeente="Ağaoğlu", situatie=lang,
                                        titel="Test <b>geen opmaak</b> & zo",
                                        zonder_doorbraak=[eigen_regel("1000.00")])), encoding="utf-8")
    casus, bc, _ = bereken_bestand(pad)
    data = maak_pdf(casus, bc)
    tekst = re.sub(r"\s+", " ", pdf_tekst(data))
    assert "Zoë Özdemir-Çelik" in tekst and "Ağaoğlu" in tekst
    assert "Test<b>geenopmaak</b>&zo" in tekst.replace(" ", "")  # letterlijk, niet als opmaak
    assert len(pdfium.PdfDocument(data)) >= 4  # de tekst loopt over pagina's door
    assert tekst.count("beschrijving") == 500  # niets weggevallen (het watermerk kan tussen zinnen staan)


def test_pdf_uit_register_met_besluitspoor_zonder_concept(tmp_path, capsys):
    reg = nieuw_register(tmp_path / "r")
    dien_in(schrijf_casus(tmp_path, "PDF-1", "1200.00"), reg, gebruiker=ANNA)
    toets("PDF-1", True, "goed onderbouwd", reg, gebruiker=BERT)
    automatisch = reg / "verantwoording" / "PDF-1-1.pdf"
    assert automatisch.is_file()
    code, uit, _ = draai(capsys, "pdf", "PDF-1", "--register", reg, "-o", tmp_path / "opnieuw.pdf")
    assert code == 0 and (tmp_path / "opnieuw.pdf").read_bytes() == automatisch.read_bytes()
    tekst = re.sub(r"\s+", " ", pdf_tekst(automatisch.read_bytes()))
    _, _, spoor = uit_register("PDF-1", reg)
    assert "CONCEPT" not in tekst
    from datetime import date

    from doorbraak.domein.prijslijst import datum_nl

    for stap in spoor.stappen:
        assert stap.naam in tekst and datum_nl(date.fromisoformat(stap.tijd[:10])) in tekst
    assert "akkoord: goed onderbouwd" in tekst and spoor.record_hash in tekst and f"record {spoor.record} " in tekst and "status goedgekeurd" in tekst


def test_pdf_naar_geopend_bestand(tmp_path, capsys, monkeypatch):
    doel = tmp_path / "open.pdf"
    doel.write_bytes(b"oud")

    def geweigerd(*a, **k):
        raise PermissionError(13, "in gebruik")

    monkeypatch.setattr(os, "replace", geweigerd)
    code, _, err = draai(capsys, "pdf", VOORBEELDEN / "huurachterstand.json", "-o", doel, "--overschrijven")
    assert code == 2 and "geopend in een ander programma" in err and doel.read_bytes() == b"oud"


# ------------------------------------------------------------------ spreadsheet van een casus


def _evalueer(formule: str, ws, wb) -> D:
    """Reken de eenvoudige formules na die de export schrijft (ROUND, SUM, SUMIFS, +, -)."""
    if m := re.fullmatch(r"=ROUND\(([A-Z]+)(\d+)\*([A-Z]+)(\d+)\*([A-Z]+)(\d+),2\)", formule):
        waarden = [D(str(ws[f"{m[i]}{m[i + 1]}"].value)) for i in (1, 3, 5)]
        return (waarden[0] * waarden[1] * waarden[2]).quantize(D("0.01"), rounding="ROUND_HALF_UP")

    def som(uitdrukking: str) -> D:
        if m := re.fullmatch(r'SUMIFS\((\w+)!([A-Z]+)(\d+):[A-Z]+(\d+),\w+!([A-Z]+)\d+:[A-Z]+\d+,"(\w+)"\)', uitdrukking):
            blad = wb[m[1]]
            return sum((D(str(blad[f"{m[2]}{r}"].value)) for r in range(int(m[3]), int(m[4]) + 1)
                        if blad[f"{m[5]}{r}"].value == m[6]), D(0))
        if m := re.fullmatch(r"SUM\((\w+)!([A-Z]+)(\d+):[A-Z]+(\d+)\)", uitdrukking):
            blad = wb[m[1]]
            return sum((D(str(blad[f"{m[2]}{r}"].value)) for r in range(int(m[3]), int(m[4]) + 1)), D(0))
        raise AssertionError(uitdrukking)

    delen = re.split(r"-(?=SUM)", formule[1:])
    uitkomst = som(delen[0])
    for deel in delen[1:]:
        uitkomst -= som(deel)
    return uitkomst


def test_casusspreadsheet_getallen_en_formules_kloppen(tmp_path):
    casus, bc, _ = bereken_bestand(VOORBEELDEN / "hond-en-kliniek.json")
    schrijf_casus_xlsx(casus, bc, tmp_path / "c.xlsx")
    wb = load_workbook(tmp_path / "c.xlsx")
    waarden = load_workbook(tmp_path / "c.xlsx", data_only=True)  # de opgeslagen uitkomsten van de formules
    ws = wb["Kostenregels"]
    assert ws.freeze_panes == "A2" and "Kostenregels" in ws.tables
    kop = [c.value for c in ws[1]]
    regels = bc.zonder + bc.met
    assert ws.max_row == len(regels) + 1
    for r, u in enumerate(regels, 2):
        rij = {kop[i]: c for i, c in enumerate(waarden["Kostenregels"][r])}
        assert D(str(rij["bedrag"].value)) == u.bedrag and D(str(rij["eenheidsprijs"].value)) == u.eenheidsprijs
        assert D(str(rij["aantal"].value)) == u.aantal and D(str(rij["kans"].value)) == u.kans
        assert "€" in rij["bedrag"].number_format
        assert _evalueer(ws[f"J{r}"].value, waarden["Kostenregels"], waarden) == u.bedrag
    samen = {r[0].value: (r[1].value, r[2].value) for r in wb["Samenvatting"].iter_rows(min_row=2)}
    for naam, waarde in (("kosten zonder doorbraak", bc.kosten_zonder), ("kosten met doorbraak", bc.kosten_met),
                         ("vermeden kosten", bc.vermeden_kosten), ("interventie", bc.interventie_totaal),
                         ("netto maatschappelijk rendement", bc.netto_rendement)):
        opgeslagen, formule = samen[naam]
        assert D(str(opgeslagen)) == waarde, naam
        assert _evalueer(formule, waarden["Samenvatting"], waarden) == waarde, naam
    assert D(str(samen["rendementsratio"][0])) == bc.rendement_ratio
    interventie = wb["Interventie"]
    assert [D(str(c.value)) for (c,) in interventie.iter_rows(min_row=2, min_col=3, max_col=3)] == \
        [r.bedrag for r in casus.interventie]
    prijzen = waarden["Prijzen"]
    codes = {r[0].value: D(str(r[12].value)) for r in prijzen.iter_rows(min_row=2)}
    assert codes == {u.code: u.eenheidsprijs for u in regels if u.code}


@pytest.mark.parametrize("vijandig", ['=HYPERLINK("http://x","klik")', "@SUM(A1)", "+31 6 12345678", "-5 euro",
                                      "\tinspringen", "\rterug"])
def test_gebruikerstekst_wordt_nooit_een_formule(tmp_path, vijandig):
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(titel=vijandig, interventie=[{"omschrijving": vijandig, "bedrag": "10.00",
                                                                       "categorie": vijandig}],
                                        zonder_doorbraak=[eigen_regel("5.00", omschrijving=vijandig,
                                                                      financier=vijandig, bron=vijandig)])),
                   encoding="utf-8")
    casus, bc, _ = bereken_bestand(pad)
    schrijf_casus_xlsx(casus, bc, tmp_path / "c.xlsx")
    wb = load_workbook(tmp_path / "c.xlsx")
    zoals_excel = vijandig.replace("\r", "\n")  # Excel kent alleen LF als regelovergang in een cel
    gevonden = [c for ws in wb for rij in ws.iter_rows() for c in rij if c.value == zoals_excel]
    assert len(gevonden) >= 5 and all(c.data_type == "s" for c in gevonden)


def test_tekens_die_excel_niet_kan_bewaren_worden_weggelaten_en_gemeld(tmp_path, capsys):
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(titel="a\u0001b\u0007c", zonder_doorbraak=[eigen_regel("5.00")])),
                   encoding="utf-8")
    code, _, err = draai(capsys, "xlsx", pad, "-o", tmp_path / "c.xlsx")
    assert code == 0 and "uit 1 cel(len) zijn tekens weggelaten" in err
    samen = {r[0].value: r[1].value for r in load_workbook(tmp_path / "c.xlsx")["Samenvatting"].iter_rows(min_row=2)}
    assert samen["titel"] == "abc" and "tekens weggelaten" in samen["let op"]


def test_register_xlsx_budget_per_maand_en_categorie(tmp_path):
    reg = nieuw_register(tmp_path / "r")
    for casus_id, bedrag in (("M-1", "1000.00"), ("M-2", "250.50")):
        dien_in(schrijf_casus(tmp_path, casus_id, bedrag), reg, gebruiker=ANNA)
        toets(casus_id, True, "", reg, gebruiker=BERT)
    wb = load_workbook(reg / "register.xlsx")
    budget = {r[0].value: r[1].value for r in wb["Budget"].iter_rows() if r[0].value}
    assert D(str(budget["toegekend"])) == D("1250.50") and D(str(budget["beschikbaar"])) == D("8749.50")
    assert D(str(budget["wonen"])) == D("1250.50")  # categorie
    maand = next(k for k in budget if isinstance(k, datetime))  # de maand van het besluit: een echte datum
    assert D(str(budget[maand])) == D("1250.50")
    assert {"Aanvragen"} <= set(wb["Aanvragen"].tables) and {"PerMaand", "PerCategorie"} <= set(wb["Budget"].tables)


def test_lange_omschrijving_in_de_spreadsheet(tmp_path):
    lang = "x" * 20000
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(casusdata(situatie=lang, zonder_doorbraak=[eigen_regel("5.00", omschrijving=lang)])),
                   encoding="utf-8")
    casus, bc, _ = bereken_bestand(pad)
    schrijf_casus_xlsx(casus, bc, tmp_path / "c.xlsx")
    ws = load_workbook(tmp_path / "c.xlsx")["Kostenregels"]
    assert ws["D2"].value == lang and D(str(ws["I2"].value)) == D("5.00")


def test_register_xlsx_elke_aanvraag_met_zijn_getallen(tmp_path):
    reg = nieuw_register(tmp_path / "r")
    for casus_id, bedrag in (("X-1", "100.00"), ("X-2", "4999.99"), ("X-3", "7000.00")):
        dien_in(schrijf_casus(tmp_path, casus_id, bedrag), reg, gebruiker=ANNA)
    toets("X-1", True, "", reg, gebruiker=BERT)
    from doorbraak.diensten import register_stand

    st = register_stand(reg)
    ws = load_workbook(reg / "register.xlsx")["Aanvragen"]
    kop = [c.value for c in ws[1]]
    laatste = range_boundaries(ws.tables["Aanvragen"].ref)[3]  # onder de tabel staan de totaalregels
    rijen = [{kop[i]: c.value for i, c in enumerate(r)} for r in ws.iter_rows(min_row=2, max_row=laatste)]
    assert len(rijen) == len(st.aanvragen) == 3
    for rij, a in zip(rijen, st.aanvragen):
        assert (rij["aanvraag"], rij["status"], rij["route"]) == (a.aanvraag, a.status, a.route)
        assert D(str(rij["bedrag"])) == a.bedrag
        for veld in ("vermeden_kosten", "netto_rendement"):
            assert D(str(rij[veld])) == D(a.gegevens[veld])
        assert rij["ingediend_door"] == "anna" and rij["prijslijst_versie"] == "2027.1"


def test_verantwoording_noemt_de_versie_van_doorbraak(huur):
    from doorbraak import __version__
    from doorbraak.export.pdf import pdf_versiekenmerk, versiekenmerk_van

    _, _, data = huur
    assert versiekenmerk_van(data) == pdf_versiekenmerk() == f"Doorbraak {__version__}"
    assert versiekenmerk_van(b"%PDF-1.4 geen echt document") is None


def test_verifieer_bij_een_document_van_een_andere_versie(tmp_path, capsys, monkeypatch):
    """Een nieuwe versie maakt het document anders op: byte voor byte nagaan kan dan niet. Dat is een melding
    met de opdracht om het opnieuw te maken, geen fout; hetzelfde document met één bit anders wel."""
    import doorbraak

    reg = nieuw_register(tmp_path / "r")
    dien_in(schrijf_casus(tmp_path, "PDF-2", "1200.00"), reg, gebruiker=ANNA)
    toets("PDF-2", True, "goed onderbouwd", reg, gebruiker=BERT)
    archief = reg / "verantwoording" / "PDF-2-1.pdf"
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 0 and "PDF-2-1.pdf" not in uit
    versie = doorbraak.__version__
    monkeypatch.setattr(doorbraak, "__version__", "9.9.9")  # een latere versie leest het archief
    code, uit, err = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 0, uit
    assert f"verantwoording/PDF-2-1.pdf is gemaakt met Doorbraak {versie}; deze versie (Doorbraak 9.9.9) maakt het " \
           "document anders op" in re.sub(r"\s+", " ", uit + err)
    monkeypatch.setattr(doorbraak, "__version__", versie)
    import pikepdf  # een vervalst versiekenmerk: het besluit is met deze versie vastgelegd, het document noemt 0.1.0

    with pikepdf.open(archief, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Keywords"] = "Doorbraak 0.1.0"
        pdf.docinfo["/Title"] = "Een ander besluit"
        pdf.save(archief)
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 1 and "verantwoording/PDF-2-1.pdf noemt Doorbraak 0.1.0, maar het besluit in record 3 is " \
        f"vastgelegd met Doorbraak {versie}: gewijzigd of vervangen" in re.sub(r"\s+", " ", uit)
    archief.write_bytes(b"geen pdf meer")
    code, uit, _ = draai(capsys, "register", "verifieer", "--register", reg)
    assert code == 1 and "verantwoording/PDF-2-1.pdf is geen leesbaar PDF-document" in uit


def test_lettertypecache_geeft_dezelfde_pdf(tmp_path):
    """Met de cache van de uitgelezen lettertypen precies dezelfde bytes als zonder; een kapotte cache valt
    terug op uitlezen."""
    import subprocess
    import sys

    code = ("import sys; from doorbraak.diensten import bereken_bestand; from doorbraak.export.pdf import maak_pdf; "
            "c, bc = bereken_bestand('resources/voorbeelden/huurachterstand.json')[:2]; "
            "sys.stdout.buffer.write(maak_pdf(c, bc))")

    def pdf(**omgeving):
        import os

        r = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True,
                           env={**os.environ, "DOORBRAAK_DATA": str(tmp_path / "data"), **omgeving})
        assert r.returncode == 0, r.stderr
        return r.stdout

    zonder = pdf(DOORBRAAK_GEEN_LETTERCACHE="1")
    eerste = pdf()  # schrijft de cache
    caches = sorted(p.name for p in (tmp_path / "data" / "cache").iterdir())
    assert caches == ["DejaVuSans-Bold.marshal", "DejaVuSans.marshal"]
    assert pdf() == eerste == zonder  # uit de cache
    (tmp_path / "data" / "cache" / "DejaVuSans.marshal").write_bytes(b"kapot")
    assert pdf() == zonder


def test_watermerkcontouren_vooraf_gelijk_aan_het_lettertype():
    """De vooraf gelezen letters van de watermerken zijn precies die van DejaVu Sans Bold (anders: opnieuw maken
    met `doorbraak.export.pdf.watermerkletters`)."""
    from doorbraak.export import pdf

    vooraf = json.loads(pdf.CONTOURENBESTAND.read_text(encoding="utf-8"))
    assert vooraf == json.loads(json.dumps(pdf.watermerkletters("".join(vooraf["tekens"]))))
    for tekst in ("OEFENCASUS · CONCEPT", "OEFENCASUS", "CONCEPT"):
        pdf._CONTOUREN.clear()
        uit_bestand = pdf._watermerk_contouren(tekst)
        pdf._CONTOUREN.clear()
        assert uit_bestand == pdf._contouren_uit_lettertype(tekst)


def test_reportlab_zonder_de_dure_uri_expressie_met_hetzelfde_gedrag():
    """`laad_reportlab` compileert ReportLabs `uri_pat` pas bij gebruik; wie haar gebruikt, krijgt dezelfde
    uitkomst als met de echte expressie."""
    import re
    import subprocess
    import sys

    code = ("import sys; from doorbraak.export.pdf import laad_reportlab; laad_reportlab(); "
            "from reportlab.platypus import paragraph as p; print(type(p.uri_pat).__name__); "
            "print(p.uri_pat.match('https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=35') is not None, "
            "p.uri_pat.match('geen url') is None, p.uri_pat.pattern[:9])")
    uit = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True).stdout
    assert uit.splitlines() == ["_LuiPatroon", "True True (^(?:[a-z"]
    # en zonder de truc (een echte expressie): dezelfde uitkomsten
    from reportlab.platypus.paragraph import uri_pat

    echt = re.compile(uri_pat.pattern, uri_pat.flags)
    assert echt.match("https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=35") and not echt.match("geen url")
