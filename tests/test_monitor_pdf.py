"""De monitor als rapport (PDF/A) voor wethouder of raad: twee pagina's, met de cijfers van het tekstrapport.

Het register hieronder is met de hand nagerekend (negen toekenningen in 2026, april zonder besluit):

    casus  toegekend  besluit      vermeden   per financier (vermeden)
    M-01    1.200,00  14 jan        18.500,00  woningcorporatie 6.500, gemeente (Wmo) 12.000
    M-02    3.500,00  28 jan         9.800,00  woningcorporatie 6.500, gemeente (Participatiewet) 4.200 − 900
    M-03      800,00  10 feb        15.000,00  zorgverzekeraar 15.000
    M-04    6.400,00   5 mrt (esc.) 54.000,00  gemeente (Jeugdwet) 48.000 − 6.000, gemeente (Wmo) 12.000
    M-05    2.500,00  20 mei        10.700,00  woningcorporatie 6.500, gemeente (Participatiewet) 4.200
    M-06    4.950,00   3 jun        12.000,00  gemeente (Participatiewet) 14.400, UWV −2.400
    M-07   12.000,00   8 jul (esc.) 63.000,00  gemeente (Jeugdwet) 48.000, zorgverzekeraar 15.000
    M-08      650,00  19 aug         6.500,00  woningcorporatie 6.500
    M-09    2.200,00   9 sep        12.000,00  gemeente (Wmo) 12.000
    samen  34.200,00               201.500,00  (gemiddeld 3.800,00; mediaan 2.500,00; rendement 5,89)

M-10 is afgewezen, M-11 staat open. Nacalculaties: M-01 (gerealiseerd 18.500,00), M-02 (7.800,00, vrijgevallen
500,00), M-04 (54.000,00, vrijgevallen 400,00), M-05 (4.200,00): verwacht 93.000,00, gerealiseerd 84.500,00,
realisatiegraad 0,91. Op 15 oktober 2026 is M-03 nog na te calculeren (goedgekeurd vóór 15 april).
"""

import io
import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pikepdf
import pypdfium2 as pdfium
import pytest

from doorbraak.analyse.monitor import feiten_en_cijfers, monitor_tekst
from doorbraak.diensten import besluit, dien_in, maak_register, monitor, nacalculeer, schrijf_monitor, toets
from doorbraak.domein.fouten import InvoerFout
from doorbraak.export.monitor_pdf import maak_monitor_pdf, schrijf_monitor_pdf
from doorbraak.register import opslag
from doorbraak.uitvoer import MONITOR_PDF, VERANTWOORDING_PDF, herken
from tests.conftest import PROJECT, casusdata, eigen_regel
from tests.registerhulp import ANNA, BERT, MANAGER

ARTEFACTEN = PROJECT / "tests" / "artefacten"
KOSTENPLAATS = "6.71.40 Doorbraakbudget"
VANDAAG = date(2026, 10, 15)

# casus_id, toegekend, ingediend, besluit, zonder [(omschrijving, bedrag, financier)], met, leefgebieden
CASUSSEN = [
    ("M-01", "1200.00", "01-12", "01-14", [("Ontruiming", "6500.00", "woningcorporatie"),
                                           ("Opvangplek", "12000.00", "gemeente (Wmo)")], [], ["wonen", "financiën"]),
    ("M-02", "3500.00", "01-20", "01-28", [("Ontruiming", "6500.00", "woningcorporatie"),
                                           ("Schuldhulpverlening", "4200.00", "gemeente (Participatiewet)")],
     [("Budgetbeheer", "900.00", "gemeente (Participatiewet)")], ["financiën"]),
    ("M-03", "800.00", "02-09", "02-10", [("Crisisopname", "15000.00", "zorgverzekeraar")], [], ["gezondheid"]),
    ("M-04", "6400.00", "02-25", "03-05", [("Uithuisplaatsing", "48000.00", "gemeente (Jeugdwet)"),
                                           ("Opvangplek", "12000.00", "gemeente (Wmo)")],
     [("Gezinsbegeleiding", "6000.00", "gemeente (Jeugdwet)")], ["opvoeding", "wonen"]),
    ("M-05", "2500.00", "05-18", "05-20", [("Ontruiming", "6500.00", "woningcorporatie"),
                                           ("Schuldhulpverlening", "4200.00", "gemeente (Participatiewet)")], [],
     ["wonen", "financiën"]),
    ("M-06", "4950.00", "06-01", "06-03", [("Bijstandsuitkering", "14400.00", "gemeente (Participatiewet)")],
     [("Re-integratietraject", "2400.00", "UWV")], ["werk"]),
    ("M-07", "12000.00", "07-01", "07-08", [("Uithuisplaatsing", "48000.00", "gemeente (Jeugdwet)"),
                                            ("Crisisopname", "15000.00", "zorgverzekeraar")], [],
     ["opvoeding", "gezondheid"]),
    ("M-08", "650.00", "08-18", "08-19", [("Ontruiming", "6500.00", "woningcorporatie")], [], ["wonen"]),
    ("M-09", "2200.00", "09-08", "09-09", [("Opvangplek", "12000.00", "gemeente (Wmo)")], [], ["wonen"]),
]
# casus_id, uitkomst, werkelijke uitgave, kosten met [(omschrijving, bedrag, financier)]
NACALCULATIES = [
    ("M-01", "bereikt", "1200.00", []),
    ("M-02", "deels", "3000.00", [("Budgetbeheer en ontruimingskosten", "2900.00", "gemeente (Participatiewet)")]),
    ("M-04", "bereikt", "6000.00", [("Gezinsbegeleiding", "6000.00", "gemeente (Jeugdwet)")]),
    ("M-05", "deels", "2500.00", [("Ontruiming", "6500.00", "woningcorporatie")]),
]


def regels(lijst):
    return [eigen_regel(bedrag, financier=financier, omschrijving=omschrijving)
            for omschrijving, bedrag, financier in lijst]


def bouw_register(map_, klok) -> None:
    """Het register uit de docstring; `klok(tijd)` zet de tijd van het volgende record."""
    klok("2026-01-02T09:00:00.000000Z")
    maak_register(map_ / "register", D("250000"), D("5000"), ["marieke"], namen={"marieke": "Marieke de Boer"},
                  gebruiker=ANNA, budgetjaar=2026, kostenplaats=KOSTENPLAATS)
    reg = map_ / "register"

    def casus(casus_id, bedrag, zonder, met=(), leefgebieden=()):
        pad = map_ / f"{casus_id}.json"
        pad.write_text(json.dumps(casusdata(
            casus_id=casus_id, titel=f"Casus {casus_id}", datum="2026-01-01", leefgebieden=list(leefgebieden),
            interventie=[{"omschrijving": "Doorbraak", "bedrag": bedrag}],
            zonder_doorbraak=regels(zonder), met_doorbraak=regels(met))), encoding="utf-8")
        return pad

    for casus_id, bedrag, ingediend, besloten, zonder, met, leef in CASUSSEN:
        klok(f"2026-{ingediend}T09:00:00.000000Z")
        dien_in(casus(casus_id, bedrag, zonder, met, leef), reg, gebruiker=ANNA)
        klok(f"2026-{besloten}T10:00:00.000000Z")
        a, _ = toets(casus_id, True, "akkoord", reg, gebruiker=BERT)
        if a.status != "goedgekeurd":
            besluit(casus_id, True, "akkoord", reg, gebruiker=MANAGER)
    klok("2026-09-15T10:00:00.000000Z")
    dien_in(casus("M-10", "1500.00", [("Ontruiming", "6500.00", "woningcorporatie")]), reg, gebruiker=ANNA)
    toets("M-10", False, "de woningcorporatie betaalt dit zelf", reg, gebruiker=BERT)
    klok("2026-09-25T10:00:00.000000Z")
    dien_in(casus("M-11", "900.00", [("Ontruiming", "6500.00", "woningcorporatie")]), reg, gebruiker=ANNA)
    klok("2026-09-30T10:00:00.000000Z")
    for casus_id, uitkomst, uitgave, met in NACALCULATIES:
        pad = map_ / f"n-{casus_id}.json"
        pad.write_text(json.dumps({
            "formaat": "doorbraak-nacalculatie/1", "casus_id": casus_id, "peildatum": "2026-09-30", "maanden": 6,
            "uitkomst": uitkomst, "toelichting": "Nagevraagd bij het gezin en de betrokken partijen.",
            "werkelijke_uitgave": uitgave, "kosten_met": regels(met)}), encoding="utf-8")
        nacalculeer(casus_id, pad, reg, gebruiker=ANNA)


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    """Eén keer per module gebouwd. De autouse-fixture met eigen mappen geldt voor een fixture van de module nog
    niet: die mappen zet deze fixture zelf, zolang de module loopt (nooit die van wie de tests draait)."""
    map_ = tmp_path_factory.mktemp("monitor")
    with pytest.MonkeyPatch.context() as omgeving:
        omgeving.setenv("DOORBRAAK_CONFIG", str(map_ / "config"))
        omgeving.setenv("DOORBRAAK_DATA", str(map_ / "data"))
        omgeving.delenv("DOORBRAAK_REGISTER", raising=False)
        with pytest.MonkeyPatch.context() as klok:
            bouw_register(map_, lambda tijd: klok.setattr(opslag, "nu_utc", lambda: tijd))
        yield map_ / "register"


@pytest.fixture(scope="module")
def rapport(register):
    m, _ = monitor(register, vandaag=VANDAAG)
    return m, maak_monitor_pdf(m)


def paginateksten(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    return [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]


def bewaar_als_png(data: bytes, naam: str) -> list:
    """Elke pagina als PNG (100 dpi) in tests/artefacten, om met het oog te bekijken."""
    ARTEFACTEN.mkdir(exist_ok=True)
    doc = pdfium.PdfDocument(data)
    beelden = []
    for i in range(len(doc)):
        beeld = doc[i].render(scale=100 / 72).to_pil()
        beeld.save(ARTEFACTEN / f"{naam}-p{i + 1}.png")
        beelden.append(beeld)
    return beelden


# ------------------------------------------------------------------ cijfers


def test_de_monitor_klopt_met_de_hand(rapport):
    m, _ = rapport
    assert (m.aantal_aanvragen, m.aantal_toegekend, m.aantal_afgewezen, m.aantal_open) == (11, 9, 1, 1)
    assert (m.toegekend_totaal, m.gemiddeld_bedrag, m.mediaan_bedrag) == (D("34200.00"), D("3800.00"), D("2500.00"))
    assert (m.vermeden_totaal, m.netto_totaal, m.rendement_ratio) == (D("201500.00"), D("167300.00"), D("5.89"))
    assert m.per_financier == {"gemeente (Jeugdwet)": D("90000.00"), "gemeente (Wmo)": D("36000.00"),
                               "zorgverzekeraar": D("30000.00"), "woningcorporatie": D("26000.00"),
                               "gemeente (Participatiewet)": D("21900.00"), "UWV": D("-2400.00")}
    n = m.nacalculatie
    assert (n["verwacht_vermeden"], n["gerealiseerd_vermeden"], n["realisatiegraad"], n["vrijgevallen"]) == (
        D("93000.00"), D("84500.00"), D("0.91"), D("900.00"))
    assert m.nog_na_te_calculeren == ["M-03"]
    assert [p["maand"] for p in m.per_maand] == [f"2026-{i:02}" for i in range(1, 10)]


def test_twee_paginas_met_de_cijfers_van_het_tekstrapport(rapport):
    m, data = rapport
    p1, p2 = paginateksten(data)  # precies twee pagina's
    alles = p1 + " " + p2
    # de alinea 'Feiten en cijfers' staat er woord voor woord (de regels breken anders af)
    assert " ".join(feiten_en_cijfers(m).split()) in p1
    for verwacht in ["Monitor doorbraakbudget", "Periode: 14 januari 2026 tot en met 15 september 2026 (datum van het eindbesluit)",
                     f"Kostenplaats: {KOSTENPLAATS}", "gemiddeld € 3.800,00 per casus", "(samen € 34.200,00)",
                     "Mediaan € 2.500,00", "Laagste € 650,00", "Hoogste € 12.000,00", "Aanvragen 11",
                     "toegekend · afgewezen · open 9 · 1 · 1", "Route: vier ogen · escalatie 7 · 2",
                     "Doorlooptijd, mediaan (dagen) 2 (langste 8)",
                     "Netto (vermeden − toegekend) € 167.300,00", "Rendement (per euro toegekend) 5,89",
                     "Beschikbaar € 216.700,00",  # 250.000 − 34.200 + 900
                     "Vrijgevallen na nacalculatie € 900,00",
                     "2026 € 250.000,00 € 34.200,00 € 900,00 € 216.700,00",
                     "jan 2026 2 € 4.700,00 € 28.300,00", "apr 2026 0 € 0,00 € 0,00", "sep 2026 1 € 2.200,00",
                     "toegekend bedrag per maand, in euro", "pagina 1 van 2"]:
        assert verwacht in p1, verwacht
    for verwacht in ["Verwacht vermeden kosten per financier", "gemeente (Jeugdwet) € 90.000,00", "UWV € -2.400,00",
                     "Totaal € 201.500,00", "Per leefgebied", "wonen 5", "Voorkomen (meest genoemd)",
                     "Ontruiming (eigen regel) 4",
                     "4 casussen nagecalculeerd (per casus telt de laatste nacalculatie); realisatiegraad 0,91",
                     "M-02 6 mnd deels € 9.800,00 € 7.800,00 € 3.000,00 € 500,00",
                     "Totaal € 93.000,00 € 84.500,00 € 12.700,00 € 900,00",
                     "gerealiseerd vermeden, in euro", "1 casus: M-03.", "pagina 2 van 2"]:
        assert verwacht in p2, verwacht
    # elk bedrag uit het tekstrapport staat ook in het PDF-rapport
    for bedrag in set(re.findall(r"€ -?[\d.]+,\d\d", monitor_tekst(m))):
        assert bedrag in alles, bedrag
    # de euro-as: hele euro's met punt, geen floats of Engelse notatie
    assert re.search(r"€ \d{1,3}\.000(?!,)", p1) and not re.search(r"\d\.\d+e\+|\d,\d{3}\.\d", alles)


def test_pdfa_herkend_en_deterministisch(rapport, tmp_path):
    m, data = rapport
    assert maak_monitor_pdf(m) == data  # de documentdatum komt uit de monitor, niet uit de klok
    pad = tmp_path / "monitor.pdf"
    schrijf_monitor_pdf(m, pad)
    assert pad.read_bytes() == data and [p.name for p in tmp_path.iterdir()] == ["monitor.pdf"]
    assert herken(pad) == (MONITOR_PDF.kenmerk, "")
    pdf = pikepdf.open(io.BytesIO(data))
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "2026-09-15T00:00:00+00:00" in xmp  # het einde van de periode
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and len(intent.DestOutputProfile.read_bytes()) > 1000
    fonts = set()
    for pagina in pdf.pages:
        assert [float(x) for x in pagina.MediaBox] == pytest.approx([0, 0, 595.28, 841.89], abs=0.01)  # A4
        for font in pagina.Resources.Font.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant.FontDescriptor, font.BaseFont  # ook de grafieken: ingebed
            fonts.add(str(font.BaseFont).split("+")[-1])
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}
    assert str(pdf.docinfo["/Title"]) == "Monitor doorbraakbudget 2026-01-14 tot en met 2026-09-15"
    from pikepdf import pdfa

    assert pdfa.check(pdf, "2b").verdict == "pass"
    assert pdfa.validate_written(io.BytesIO(data), "2b").passed  # de geschreven bytes zelf


def test_schrijf_monitor_over_een_eerder_rapport_maar_niet_over_een_verantwoording(rapport, register, tmp_path):
    m, data = rapport
    doel = tmp_path / "monitor.pdf"
    schrijf_monitor(m, doel)
    schrijf_monitor(m, doel)  # een eerder monitorrapport mag vervangen worden
    assert doel.read_bytes() == data
    verantwoording = tmp_path / "verantwoording.pdf"
    verantwoording.write_bytes((register / "verantwoording" / "M-01-1.pdf").read_bytes())
    assert herken(verantwoording)[0] == VERANTWOORDING_PDF.kenmerk  # nog steeds een verantwoording
    with pytest.raises(InvoerFout, match="het is een verantwoordingsdocument van Doorbraak"):
        schrijf_monitor(m, verantwoording)


def test_als_plaatje_voor_een_mens(rapport):
    _, data = rapport
    for beeld in bewaar_als_png(data, "monitor"):
        assert beeld.size == (827, 1170)  # A4 bij 100 dpi
        assert sum(beeld.convert("L").histogram()[:100]) > 5000  # er staat echt iets op


# ------------------------------------------------------------------ groot en leeg


FINANCIERS = ["gemeente (Jeugdwet)", "gemeente (Wmo)", "zorgverzekeraar", "Rijk (Justitie en Veiligheid)",
              "huishouden", "gemeente (Wmo, centrumgemeente beschermd wonen)",
              "huishouden of gemeente (bijzondere bijstand)", "huishouden (schuldenaar; de schuldeiser schiet voor)",
              "Rijk (OCW)", "gemeente (Wmo, centrumgemeente)", "werkgever", "gemeente (Participatiewet)"]
VOORKOMEN = [  # tien echte regels uit de prijslijst: de helft langer dan een regel
    ("SCH-SHV", "Schuldhulpverlening, gemeentelijke kosten per hulpvrager (van intake tot nazorg)"),
    ("WON-BW-THUISPLUS", "Beschermd thuis (ThuisPlus, ambulant), 4 tot en met 6 uur begeleiding per week, per etmaal"),
    ("WMO-BEGEL-PLUS", "Individuele begeleiding Wmo, plus"),
    ("VEI-POLITIE-VERWARD", "Politie-inzet bij een melding over verward gedrag, per melding"),
    ("JGD-PLEEG-0-8", "Pleegvergoeding aan pleegouders, kind 0-8 jaar"),
    (None, "Ontruiming"),
    ("VEI-POLITIE-UUR", "Politie-inzet, integrale kosten per agent-uur"),
    ("INK-BIJSTAND-GEHUWD", "Bijstandsnorm gehuwden/samenwonenden, incl. vakantiegeld"),
    ("SCH-PROBLEMATISCH", "Maatschappelijke kosten van problematische schulden, gemiddeld per huishouden"),
    ("SCH-DEURW-BANKBESLAG", "Gerechtsdeurwaarder: bankbeslag (beslag onder derden, niet-periodiek), per exploot"),
]
LEEFGEBIEDEN = ["financiën", "huisvesting", "wonen", "werk en inkomen", "gezondheid", "psychische gezondheid",
                "opvoeding", "veiligheid", "dagbesteding", "sociaal netwerk", "verslaving", "justitie"]


def groot(m, maanden=27, nacalculaties=15, jaren=3, nog=30, financiers=FINANCIERS, voorkomen=VOORKOMEN,
          leefgebieden=LEEFGEBIEDEN, kostenplaats="6.71.40 Doorbraakbudget sociaal domein"):
    """Een monitor over ruim twee jaar met veel van alles en echte namen uit de prijslijst."""
    per_maand = [{"maand": f"{2024 + i // 12}-{i % 12 + 1:02}", "aantal": i % 4 + 1,
                  "toegekend": D(1500 * (i % 7) + 250) + D("0.45"), "vermeden": D(9000 * (i % 5) + 1000)}
                 for i in range(maanden)]
    rijen = [{"casus_id": f"C-2025-{i:03}", "aanvraag": f"C-2025-{i:03}-1", "maanden": (6, 12, 24)[i % 3],
              "peildatum": date(2026, 6, 1), "uitkomst": ("bereikt", "deels", "niet")[i % 3],
              "toegekend": D("5000.00"), "werkelijke_uitgave": D("4500.00"),
              "verwacht_vermeden": D(40000 + 1000 * i), "gerealiseerd_vermeden": D(30000 + 1500 * i),
              "gerealiseerd_netto": D(25500 + 1500 * i), "vrijgevallen": D("500.00"), "door": "anna"}
             for i in range(nacalculaties)]
    potten = [{"jaar": 2027 - jaren + i, "budget": D("250000"), "toegekend": D("180000.00"),
               "vrijgevallen": D("1200.00"), "beschikbaar": D("71200.00")} for i in range(jaren)]
    som = lambda k: sum((r[k] for r in rijen), D(0))  # noqa: E731
    nacalculatie = {"aantal": len(rijen), "verwacht_vermeden": som("verwacht_vermeden"),
                    "gerealiseerd_vermeden": som("gerealiseerd_vermeden"), "realisatiegraad": D("0.78"),
                    "werkelijk_uitgegeven": som("werkelijke_uitgave"), "vrijgevallen": som("vrijgevallen")}
    return replace(m, per_maand=per_maand, nacalculaties=rijen, nacalculatie=nacalculatie, budgetjaren=potten,
                   per_financier={naam: D(250000 - 9000 * i) + D("0.10") for i, naam in enumerate(financiers)},
                   voorkomen=[{"code": c, "omschrijving": o, "aantal": 20 - i} for i, (c, o) in enumerate(voorkomen)],
                   per_leefgebied={naam: 30 - i for i, naam in enumerate(leefgebieden)},
                   nog_na_te_calculeren=[f"C-2024-{i:03}" for i in range(nog)], kostenplaats=kostenplaats)


def test_groot_register_blijft_twee_paginas_en_past_zonder_verkleinen(rapport):
    from doorbraak.export import monitor_pdf

    m = groot(rapport[0])
    data = maak_monitor_pdf(m)
    p1, p2 = paginateksten(data)
    bewaar_als_png(data, "monitor-groot")
    assert "… en 3 eerdere maanden: 6 toegekend, samen € 5.251,35" in p1  # de maanden 2024-01 t/m 2024-03
    assert "apr 2024" in p1 and "mrt 2026" in p1 and "mrt 2024" not in p1
    assert "… en 2 meer € 311.000,20" in p2  # financiers 10 en 11: 2 × 250.000,10 − 9.000 × (10 + 11)
    assert "… en 4 meer" in p2  # leefgebieden (acht van de twaalf)
    # nacalculaties: acht in de tabel, dan de som van de andere zeven (i = 8 … 14: verwacht 40.000 + 1.000 × i,
    # gerealiseerd 30.000 + 1.500 × i)
    assert "… en 7 meer € 357.000,00 € 325.500,00 € 31.500,00 € 3.500,00" in p2
    assert "C-2025-014" in p2  # de grafiek toont ze alle vijftien
    assert "30 casussen: C-2024-000" in p2 and "C-2024-015 … en 14 meer" in p2
    # elke pagina past binnen het kader, ook zonder de KeepInFrame die in het uiterste geval verkleint (bovenaan
    # een pagina vervalt de ruimte boven de eerste kop)
    breedte, hoogte = monitor_pdf.vlak()
    for inhoud in monitor_pdf.paginas(m, breedte):
        gebruikt = sum(f.wrap(breedte, hoogte)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in inhoud)
        assert gebruikt - inhoud[0].getSpaceBefore() <= hoogte, (gebruikt, hoogte)


def test_ook_het_uiterste_blijft_twee_paginas(rapport):
    """Vijf jaar, de langste namen uit de prijslijst, veertig nacalculaties: korter en kleiner, maar twee
    pagina's en PDF/A."""
    lang = [("CODE-LANG", f"{VOORKOMEN[1][1]}, variant {i}") for i in range(10)]
    m = groot(rapport[0], maanden=60, nacalculaties=40, jaren=8, nog=80, voorkomen=lang,
              financiers=[f"{FINANCIERS[7]} en {FINANCIERS[5]} {i}" for i in range(14)],
              leefgebieden=[f"leefgebied met een lange naam {i}" for i in range(16)],
              kostenplaats="6.71.40.001 Doorbraakbudget sociaal domein, gemeente Oefenstad (centrumgemeente)")
    data = maak_monitor_pdf(m)
    p1, p2 = paginateksten(data)
    bewaar_als_png(data, "monitor-uiterst")
    assert "… en 36 eerdere maanden" in p1 and "4 eerdere jaren" in p1 and "… en 32 meer" in p2
    from pikepdf import pdfa

    assert pdfa.check(pikepdf.open(io.BytesIO(data)), "2b").verdict == "pass"


def test_lege_monitor_zegt_geen(tmp_path, monkeypatch):
    monkeypatch.setattr(opslag, "nu_utc", lambda: "2026-03-02T09:00:00.000000Z")
    maak_register(tmp_path / "leeg", D("50000"), D("5000"), ["marieke"], gebruiker=ANNA, oefenregister=True)
    m, _ = monitor(tmp_path / "leeg", vandaag=VANDAAG)
    data = maak_monitor_pdf(m)
    p1, p2 = paginateksten(data)
    bewaar_als_png(data, "monitor-leeg")
    assert "Monitor doorbraakbudget (oefenregister)" in p1 and "OEFENREGISTER" in p1
    assert "Tot nu toe is het oefenbudget niet ingezet." in p1 and "Periode: nog geen besluiten Feiten" in p1
    assert "Geen toekenningen in deze periode." in p1 and "Rendement (per euro toegekend) geen" in p1
    for geen in ["Geen verwacht vermeden kosten per financier", "Geen leefgebieden genoemd.",
                 "Geen voorkomen kosten vastgelegd.", "Geen nacalculaties in deze periode.", "goedgekeurd) Geen."]:
        assert geen in p2, geen
    assert "in euro" not in p1 + p2  # geen lege grafieken
    pdf = pikepdf.open(io.BytesIO(data))
    from pikepdf import pdfa

    assert pdfa.check(pdf, "2b").verdict == "pass"
