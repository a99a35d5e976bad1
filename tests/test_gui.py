"""De desktopapp door de echte widgets heen: typen, klikken, en kijken wat er staat.

Vragen aan de gebruiker gaan via `Nepdialogen` (vooraf ingestelde antwoorden), zodat geen test
ooit op een dialoog blijft wachten. Schermafdrukken komen in tests/artefacten/ om te bekijken.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from doorbraak import diensten
from doorbraak.domein.casus import casus_naar_json, lees_casus
from doorbraak.domein.fouten import InvoerFout, Probleem, Weigering
from doorbraak.gui.casuslijst import AANVRAAG
from doorbraak.gui.dialogen import ANNULEREN, OPSLAAN, WEGGOOIEN
from doorbraak.gui.hoofdvenster import Hoofdvenster
from doorbraak.instellingen import Instellingen, bewaar_instellingen
from doorbraak.register.opslag import Gebruiker
from tests.conftest import VOORBEELDEN
from tests.guihulp import ARTEFACTEN, BEA, TEAMLEIDER, bedrag, bewaar_schermafdruk, maak_casus, typ, voeg_prijsregel_toe

# ---------------------------------------------------------------- rekenen in de editor


def test_casus_maken_met_prijslijst_en_eigen_regel_geeft_exacte_totalen(omgeving, qtbot):
    omgeving.teamregister = False  # de eerste start maakt het lokale register zelf
    v = omgeving.open()
    assert v.registermap == omgeving.mappen.standaardregister and v.stand is not None
    assert v.stand.instellingen.budget == Decimal("200000.00")
    maak_casus(qtbot, v, interventie="2.850,00")
    # UUR-CPI: € 80,00 in 2020, CPI 2020 = 100 en 2025 = 130 -> € 104,00 per uur; 12,5 uur = € 1.300,00
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "12,5")
    regel = v.editor.lijsten["zonder_doorbraak"]
    assert "€\u00a0104,00 per uur (prijspeil 2025)" in regel.bron_label.text() and "testbron" in regel.bron_label.text()
    typ(qtbot, regel.velden["kans"].invoer, "80%")
    # DAG-OVA: € 200,00 in 2024, OVA 100 -> 104 -> € 208,00 per dag; 3 dagen = € 624,00
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "dag-ova", "3")
    # met doorbraak een eigen regel: 12 maanden x € 35,00 = € 420,00, met bron
    met = v.editor.lijsten["met_doorbraak"]
    v.editor.tabs.setCurrentIndex(3)
    qtbot.mouseClick(met.knop_nieuw, Qt.LeftButton)
    typ(qtbot, met.velden["omschrijving"].invoer, "Budgetbeheer")
    typ(qtbot, met.velden["bedrag_per_eenheid"].invoer, "€ 35")
    met.velden["eenheid"].invoer.setCurrentText("maand")
    typ(qtbot, met.velden["aantal"].invoer, "12")
    typ(qtbot, met.velden["financier"].invoer, "gemeente (schuldhulp)")
    typ(qtbot, met.velden["bron"].invoer, "offerte budgetbeheerder 2025")
    v.herbereken()

    assert v.problemen == []
    assert bedrag(v, "interventie") == "€ 2.850,00"
    assert bedrag(v, "zonder") == "€ 1.664,00"  # 1.300,00 x 0,8 = 1.040,00 + 624,00
    assert bedrag(v, "met") == "€ 420,00"
    assert bedrag(v, "vermeden") == "€ 1.244,00"
    assert bedrag(v, "netto") == "€ -1.606,00"
    assert bedrag(v, "ratio") == "0,44"  # 1.244 / 2.850 = 0,4365 -> 0,44
    assert sorted((s.financier, s.vermeden) for s in v.bc.financiers) == [
        ("gemeente (Jeugdwet)", Decimal("624.00")), ("gemeente (Wmo)", Decimal("1040.00")),
        ("gemeente (schuldhulp)", Decimal("-420.00"))]
    assert "gemeente (schuldhulp): € -420,00" in v.paneel.grafiek.accessibleDescription()
    tabel = v.editor.lijsten["zonder_doorbraak"].tabel
    # kolommen: omschrijving, jaar, aantal, eenheid, kans, eenheidsprijs, bedrag, financier
    assert [tabel.item(0, k).text() for k in (1, 2, 4, 5, 6)] == ["1", "12,5", "80%", "€ 104,00", "€ 1.040,00"]
    assert v.windowTitle() == f"{v.editor.toestand()['casus_id']} – Voorbeeld[*] — Doorbraak"


def test_route_wisselt_precies_bij_de_limiet(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="5.000,00")
    assert v.paneel.route.property("soort") == "vier-ogen"
    assert v.paneel.route.text().startswith("Vier ogen: tot en met €\u00a05.000,00")
    typ(qtbot, v.editor.lijsten["interventie"].velden["bedrag"].invoer, "5.000,01")
    v.herbereken()
    assert v.paneel.route.property("soort") == "escalatie"
    assert v.paneel.route.text() == "Escalatie: boven de limiet van €\u00a05.000,00"


def test_ongeldig_bedrag_staat_bij_het_veld_en_blijft_staan(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v)
    veld = v.editor.lijsten["interventie"].velden["bedrag"]
    typ(qtbot, veld.invoer, "12,3,4")
    v.herbereken()
    assert veld.invoer.text() == "12,3,4"  # nooit stil aangepast
    assert not veld.melding.isHidden()
    assert veld.melding.text() == "'12,3,4' is geen geldig bedrag (schrijf bijvoorbeeld 1.234,56)"
    assert veld.invoer.property("fout") == "true"
    # de totalen zijn voorlopig, zonder de regel die niet klopt; de casus zelf is er niet (niet in te dienen)
    assert bedrag(v, "interventie") == "€ 0,00" and v.bc is None and v.casus is None and v.voorlopig is not None
    assert [str(p) for p in v.problemen] == [
        "interventie[0].bedrag: '12,3,4' is geen geldig bedrag (schrijf bijvoorbeeld 1.234,56)"]
    assert v.paneel.problemen.item(0).text() == (
        "Interventie, regel 1, Bedrag: '12,3,4' is geen geldig bedrag (schrijf bijvoorbeeld 1.234,56)")
    assert v.paneel.waarschuwingen.item(0).text().startswith(
        "Voorlopig: de totalen zijn zonder 1 onvolledige regel (Interventie, regel 1).")
    assert v.besluitdeel.knoppen["indienen"].isEnabled() is False
    assert "los eerst de problemen" in v.besluitdeel.redenen["indienen"].text()
    # het probleem in het paneel kiezen brengt je naar het veld
    v.editor.tabs.setCurrentIndex(0)
    v.paneel.probleem_gekozen.emit(v.problemen[0].pad)
    assert v.editor.tabs.currentIndex() == 4 and veld.invoer.hasFocus()
    typ(qtbot, veld.invoer, "€ 250")
    v.herbereken()
    assert veld.melding.text() == "" and veld.invoer.property("fout") == "false"
    assert bedrag(v, "interventie") == "€ 250,00"


def test_rekenhulp_zet_het_aantal(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v)
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "1")
    lijst = v.editor.lijsten["zonder_doorbraak"]
    qtbot.mouseClick(lijst.knop_rekenhulp, Qt.LeftButton)
    hulp = v.hulp
    assert hulp.isVisible()
    qtbot.keyClicks(hulp.a.invoer, "2,5")
    qtbot.keyClicks(hulp.b.invoer, "26")
    assert hulp.uitkomst.text() == "65"
    qtbot.mouseClick(hulp.knoppen.button(QDialogButtonBox.Ok), Qt.LeftButton)
    v.herbereken()
    assert lijst.velden["aantal"].invoer.text() == "65"
    assert bedrag(v, "zonder") == "€ 6.760,00"  # 65 x € 104,00


def test_ongedaan_maken_en_opnieuw(omgeving, qtbot):
    v = omgeving.open()
    titel = v.editor.velden["titel"].invoer
    typ(qtbot, titel, "Eerste")
    v.editor.tabs.setCurrentIndex(4)
    qtbot.mouseClick(v.editor.lijsten["interventie"].knop_nieuw, Qt.LeftButton)
    assert len(v.editor.lijsten["interventie"].regels) == 1
    v.acties["ongedaan"].trigger()
    assert v.editor.lijsten["interventie"].regels == []
    v.acties["ongedaan"].trigger()  # het typen in één veld is één stap
    assert titel.text() == ""
    assert v.editor.undo.isClean() and not v.isWindowModified()
    v.acties["opnieuw"].trigger()
    assert titel.text() == "Eerste" and v.isWindowModified()


# ---------------------------------------------------------------- register: indienen, toetsen, besluiten


def _aanvraagregel(v: Hoofdvenster, casus_id: str):
    return next(r for r in v.lijst.regels if r.soort == AANVRAAG and r.casus_id == casus_id)


def _dien_in_en_wissel_naar(omgeving, qtbot, v, wie, interventie="1.000,00"):
    """Een nieuwe casus indienen als de huidige gebruiker; daarna is `wie` aan de beurt (register gelezen)."""
    maak_casus(qtbot, v, interventie=interventie)
    casus_id = v.editor.toestand()["casus_id"]
    qtbot.mouseClick(v.besluitdeel.knoppen["indienen"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    omgeving.wie = wie
    v.registeracties.lees()
    omgeving.wacht(v)
    return casus_id


def test_indienen_tweede_coach_keurt_goed_zelftoetsing_geweigerd(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="4.999,99")
    casus_id = v.editor.toestand()["casus_id"]
    assert v.besluitdeel.knoppen["indienen"].isEnabled()
    qtbot.mouseClick(v.besluitdeel.knoppen["indienen"], Qt.LeftButton)
    omgeving.wacht(v)
    assert (omgeving.mappen.concepten / f"{casus_id}.json").exists()  # eerst als concept bewaard
    assert any(f"Aanvraag {casus_id}-1 (€ 4.999,99) wacht nu op de toetsing" in t
               for t in omgeving.dialogen.teksten("melding"))
    omgeving.wacht(v)
    assert v.stand.laatste(casus_id).status == "ingediend"
    # de indiener zelf: goedkeuren staat uit, met de reden
    knop = v.besluitdeel.knoppen["goedkeuren"]
    assert not knop.isEnabled()
    assert v.besluitdeel.redenen["goedkeuren"].text() == (
        f"Kan niet: Ann de Coach (ann) heeft {casus_id}-1 zelf ingediend; een andere coach moet toetsen (vier ogen)")
    # ook via het menu weigert de app, zonder iets vast te leggen
    v.registeracties.handeling("goedkeuren")
    assert "zelf ingediend" in omgeving.dialogen.teksten("fout")[-1]
    assert v.stand.laatste(casus_id).status == "ingediend"

    # een tweede coach opent de aanvraag uit de lijst en keurt goed
    omgeving.wie = BEA
    v.registeracties.lees()
    omgeving.wacht(v)
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)
    assert v.editor.alleen_lezen and "(aanvraag, alleen-lezen)" in v.windowTitle()
    assert v.bc is v.vastgelegd and v.bc.interventie_totaal == Decimal("4999.99")  # de vastgelegde berekening
    assert v.editor.velden["titel"].invoer.isReadOnly()
    assert v.besluitdeel.knoppen["goedkeuren"].isEnabled()
    assert not v.besluitdeel.knoppen["indienen"].isEnabled()
    bewaar_schermafdruk(v, "hoofdvenster-toetsing.png")
    qtbot.mouseClick(v.besluitdeel.knoppen["goedkeuren"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    a = v.stand.laatste(casus_id)
    assert a.status == "goedgekeurd" and a.toetsing["gebruiker"]["naam"] == "Bea"
    assert v.stand.toegekend == Decimal("4999.99")
    assert v.lijst.budgettekst.text().startswith(
        "€\u00a04.999,99 toegekend van €\u00a0200.000,00; €\u00a0195.000,01 beschikbaar")
    assert (v.registermap / "verantwoording" / f"{casus_id}-1.pdf").read_bytes().startswith(b"%PDF")
    assert "Getoetst door Bea" in v.besluitdeel.spoor.text()
    assert not v.besluitdeel.knoppen["goedkeuren"].isEnabled()


def test_escalatie_alleen_door_de_beslisser_en_afwijzen_vraagt_een_reden(omgeving, qtbot):
    v = omgeving.open()
    casus_id = _dien_in_en_wissel_naar(omgeving, qtbot, v, BEA, interventie="6.000,00")
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)
    qtbot.mouseClick(v.besluitdeel.knoppen["goedkeuren"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    assert v.stand.laatste(casus_id).status == "geëscaleerd"
    assert v.besluitdeel.redenen["besluit_ja"].text() == (
        "Kan niet: Bea (bea) mag niet over escalaties beslissen; dat mogen: Teamleider (tl)")
    omgeving.wie = TEAMLEIDER
    v.registeracties.lees()
    omgeving.wacht(v)
    assert v.besluitdeel.knoppen["besluit_nee"].isEnabled()
    omgeving.dialogen.zet("vraag_tekst", "   ")  # een lege reden legt niets vast
    qtbot.mouseClick(v.besluitdeel.knoppen["besluit_nee"], Qt.LeftButton)
    assert omgeving.dialogen.teksten("fout")[-1] == "Afwijzen: Een afwijzing heeft een reden nodig; er is niets vastgelegd."
    omgeving.dialogen.zet("vraag_tekst", "Eerst de reguliere route via de woningcorporatie")
    qtbot.mouseClick(v.besluitdeel.knoppen["besluit_nee"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    a = v.stand.laatste(casus_id)
    assert a.status == "afgewezen" and a.besluit["reden"] == "Eerst de reguliere route via de woningcorporatie"
    assert v.stand.toegekend == Decimal("0.00")


def test_te_weinig_budget_knop_uit_met_reden(omgeving, qtbot, tmp_path):
    register = tmp_path / "share" / "register"
    register.mkdir(parents=True)
    diensten.maak_register(register, Decimal("100.00"), Decimal("5000.00"), ["tl"], gebruiker=TEAMLEIDER)
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=str(register)))
    v = omgeving.open()
    casus_id = _dien_in_en_wissel_naar(omgeving, qtbot, v, BEA, interventie="250,00")
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)
    assert not v.besluitdeel.knoppen["goedkeuren"].isEnabled()
    assert v.besluitdeel.redenen["goedkeuren"].text() == (  # het €-teken breekt niet af van zijn bedrag
        f"Kan niet: {casus_id}-1 vraagt € 250,00, maar in de budgetpot is nog € 100,00 beschikbaar (van € 100,00)"
    ).replace("€ ", "€\u00a0")
    assert v.besluitdeel.knoppen["afwijzen"].isEnabled()  # afwijzen mag wel
    assert v.lijst.budget.format() == "0% toegekend"


def test_trage_of_onbereikbare_share_bevriest_het_venster_niet(omgeving, qtbot, monkeypatch):
    def traag(map_=None):
        time.sleep(1.5)
        raise InvoerFout(Probleem("", "de registermap is niet bereikbaar (bestaat niet, of de netwerkschijf is "
                                      "niet verbonden)"))

    monkeypatch.setattr(diensten, "register_stand", traag)
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap="/niet/verbonden/share"))
    begin = time.monotonic()
    v = omgeving.open(wachten=False)
    assert time.monotonic() - begin < 1.0  # het venster staat er al
    assert v.bezig and v.voortgang.isVisible() and v.bezigtekst.text() == "Register lezen…"
    # intussen kan de coach gewoon typen
    typ(qtbot, v.editor.velden["titel"].invoer, "Tijdens het wachten")
    assert v.editor.velden["titel"].invoer.text() == "Tijdens het wachten"
    omgeving.wacht(v)
    assert not v.voortgang.isVisible()
    assert "Het register is niet bereikbaar: de registermap is niet bereikbaar" in v.banner.text()
    assert v.banner.property("soort") == "fout"
    assert v.besluitdeel.redenen["indienen"].text().startswith("Kan niet: het register is niet bereikbaar")


def test_een_onverwachte_fout_bij_het_lezen_is_een_melding_en_geen_lus(omgeving, qtbot, monkeypatch):
    """Mislukt het lezen van het register zelf, dan één melding; niet na elke melding opnieuw lezen."""
    pogingen = []

    def kapot(map_=None):
        pogingen.append(map_)
        raise RuntimeError("stuk")

    monkeypatch.setattr(diensten, "register_stand", kapot)
    v = omgeving.open()
    qtbot.wait(200)
    omgeving.wacht(v)
    assert len(pogingen) == 1
    assert omgeving.dialogen.teksten("fout") == ["Niet gelukt: Onverwachte fout (RuntimeError); zie het logboek."]
    assert v.stand is None and not v.acties["indienen"].isEnabled()


# ---------------------------------------------------------------- oefenen


def test_oefencasus_gemarkeerd_niet_in_echt_register_en_herstellen(omgeving, qtbot, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST")  # de voorbeelden rekenen met de meegeleverde prijslijst
    v = omgeving.open()
    origineel = VOORBEELDEN / "huurachterstand.json"
    voor = origineel.read_bytes()
    v.documenten.open_voorbeeld(origineel)
    kopie = omgeving.mappen.oefeningen / "huurachterstand.json"
    assert v.pad == kopie and v.voorbeeld == origineel
    assert "(oefening)" in v.windowTitle() and v.banner.isVisible()
    assert v.banner.text().startswith("Oefencasus: voor training. Kan niet in een echt register worden ingediend.")
    assert v.besluitdeel.redenen["indienen"].text() == (
        "Kan niet: OEF-HUUR-01 is een oefencasus; die kan niet in een echt register")
    typ(qtbot, v.editor.velden["titel"].invoer, "Door de cursist veranderd")
    assert v.documenten.opslaan()
    assert lees_casus(kopie).titel == "Door de cursist veranderd"
    omgeving.dialogen.zet("bevestig", True)
    v.acties["voorbeeld herstellen"].trigger()
    assert casus_naar_json(lees_casus(kopie)) == casus_naar_json(lees_casus(origineel))
    assert v.editor.velden["titel"].invoer.text() == lees_casus(origineel).titel
    assert origineel.read_bytes() == voor  # het origineel is nooit aangeraakt
    v.acties["ongedaan"].trigger()  # herstellen is zelf ook ongedaan te maken
    assert v.editor.velden["titel"].invoer.text() == "Door de cursist veranderd"


# ---------------------------------------------------------------- exports


def test_exporteer_pdf_en_xlsx(omgeving, qtbot, tmp_path):
    import openpyxl
    import pypdfium2

    v = omgeving.open()
    maak_casus(qtbot, v, interventie="2.850,00")
    voeg_prijsregel_toe(qtbot, v, "zonder_doorbraak", "uur-cpi", "12,5")
    casus_id = v.editor.toestand()["casus_id"]
    pdf, xlsx = tmp_path / "uit" / "v.pdf", tmp_path / "uit" / "v.xlsx"
    pdf.parent.mkdir()
    omgeving.dialogen.zet("kies_opslagbestand", pdf, xlsx)
    v.acties["pdf"].trigger()
    omgeving.wacht(v)
    v.acties["xlsx"].trigger()
    omgeving.wacht(v)
    assert omgeving.dialogen.teksten("fout") == []
    doc = pypdfium2.PdfDocument(str(pdf))
    tekst = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert casus_id in tekst and "2.850,00" in tekst and "1.300,00" in tekst and "CONCEPT" in tekst
    ARTEFACTEN.mkdir(exist_ok=True)
    doc[0].render(scale=1.2).to_pil().save(ARTEFACTEN / "gui-verantwoording.png")
    werkmap = openpyxl.load_workbook(xlsx)
    waarden = [c.value for blad in werkmap for rij in blad.iter_rows() for c in rij]
    assert Decimal("2850") in [Decimal(str(w)) for w in waarden if isinstance(w, (int, float))]
    assert Decimal("1300") in [Decimal(str(w)) for w in waarden if isinstance(w, (int, float))]


# ---------------------------------------------------------------- nooit werk kwijt


def test_vraag_bij_niet_opgeslagen_wijzigingen(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v)
    casus_id = v.editor.toestand()["casus_id"]
    assert v.isWindowModified() and "[*]" in v.windowTitle()
    omgeving.dialogen.zet("niet_opgeslagen", ANNULEREN)
    assert not v.close() and v.isVisible()
    omgeving.dialogen.zet("niet_opgeslagen", OPSLAAN)
    assert v.close()
    assert lees_casus(omgeving.mappen.concepten / f"{casus_id}.json").titel == "Voorbeeld"
    v2 = omgeving.open()
    typ(qtbot, v2.editor.velden["titel"].invoer, "weg ermee")
    omgeving.dialogen.zet("niet_opgeslagen", WEGGOOIEN)
    assert v2.close()
    assert list(omgeving.mappen.herstel.glob("*.json")) == []


def test_herstel_na_crash(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, titel="Bijna klaar")
    assert v.documenten.opslaan()
    typ(qtbot, v.editor.velden["gemeente"].invoer, "Dordrecht")
    typ(qtbot, v.editor.lijsten["interventie"].velden["bedrag"].invoer, "12,3,4")  # ook ongeldige invoer telt
    qtbot.waitUntil(lambda: v.herstel.bestand.exists(), timeout=5000)
    herstel = json.loads(v.herstel.bestand.read_text(encoding="utf-8"))
    assert herstel["formulier"]["gemeente"] == "Dordrecht"
    # 'crash': het venster verdwijnt zonder af te sluiten; een nieuwe start biedt herstel aan
    pad = v.pad
    v.hide()
    omgeving.vensters.remove(v)
    v.taken.wacht()
    v.editor.undo.setClean()  # zodat opruimen straks niets vraagt; het herstelbestand blijft staan
    v.herstel._rust.stop()
    omgeving.dialogen.zet("bevestig", True)
    v2 = omgeving.open()
    assert "niet netjes afgesloten" in omgeving.dialogen.teksten("bevestig")[-1]
    assert v2.pad == pad and v2.editor.velden["gemeente"].invoer.text() == "Dordrecht"
    assert v2.editor.lijsten["interventie"].regels[0]["bedrag"] == "12,3,4"
    assert v2.isWindowModified()
    v2.acties["ongedaan"].trigger()  # terug naar wat er opgeslagen was
    assert v2.editor.velden["gemeente"].invoer.text() == ""
    assert v2.editor.lijsten["interventie"].regels[0]["bedrag"] == "1.000,00"


# ---------------------------------------------------------------- randgevallen uit een tweede lezing


def test_late_aanvraag_overschrijft_geen_ander_werk(omgeving, qtbot):
    v = omgeving.open()
    casus_id = _dien_in_en_wissel_naar(omgeving, qtbot, v, BEA)
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))  # het lezen loopt nog als de coach al verder gaat
    v.documenten.nieuwe_casus()
    typ(qtbot, v.editor.velden["titel"].invoer, "Belangrijk werk")
    omgeving.wacht(v)
    assert v.soort != AANVRAAG and v.editor.velden["titel"].invoer.text() == "Belangrijk werk"
    assert v.isWindowModified()
    assert "niet geopend: er is intussen ander werk geopend" in v.statusBar().currentMessage()


def test_goedkeuren_alleen_wat_je_ziet(omgeving, qtbot):
    v = omgeving.open()
    casus_id = _dien_in_en_wissel_naar(omgeving, qtbot, v, BEA)
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)
    omgeving.dialogen.zet("vraag_tekst", "Eerst de reguliere route")
    qtbot.mouseClick(v.besluitdeel.knoppen["afwijzen"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    # Ann dient intussen opnieuw in (buiten dit venster); Bea kijkt nog naar de eerste aanvraag
    concept = omgeving.mappen.concepten / f"{casus_id}.json"
    diensten.dien_in(concept, v.registermap, gebruiker=Gebruiker("Ann de Coach", "ann", "pc-ann"))
    v.registeracties.lees()
    omgeving.wacht(v)
    assert v.aanvraag.aanvraag == f"{casus_id}-1"
    assert not v.besluitdeel.knoppen["goedkeuren"].isEnabled()
    assert v.besluitdeel.redenen["goedkeuren"].text() == (
        f"Kan niet: u bekijkt {casus_id}-1, maar nu staat {casus_id}-2 open; open die uit de casuslijst")
    # ook het register zelf weigert, binnen zijn slot
    with pytest.raises(Weigering, match=f"de open aanvraag voor {casus_id} is nu {casus_id}-2, niet {casus_id}-1"):
        diensten.toets(casus_id, True, "", v.registermap, BEA, verwacht=f"{casus_id}-1")
    assert v.stand.laatste(casus_id).status == "ingediend"


def test_opslaan_als_maakt_van_een_werkkopie_een_gewoon_concept(omgeving, qtbot, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST")
    v = omgeving.open()
    v.documenten.open_voorbeeld(VOORBEELDEN / "ov-kaart.json")
    nieuw = omgeving.mappen.concepten / "C-2026-777.json"
    omgeving.dialogen.zet("kies_opslagbestand", nieuw)
    assert v.documenten.opslaan_als()
    assert v.pad == nieuw and v.voorbeeld is None and v.soort == "concept"
    assert not v.acties["voorbeeld herstellen"].isEnabled()
    assert (omgeving.mappen.oefeningen / "ov-kaart.json").exists()


def test_alleen_lezen_aanvraag_krijgt_geen_regels_erbij(omgeving, qtbot):
    v = omgeving.open()
    casus_id = _dien_in_en_wissel_naar(omgeving, qtbot, v, BEA)
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)
    assert not v.acties["eigen regel"].isEnabled() and not v.acties["prijsregel"].isEnabled()
    v.eigen_regel()
    assert [len(l.regels) for l in v.editor.lijsten.values()] == [0, 0, 1]
    assert not v.isWindowModified()


def test_ctrl_z_in_een_veld_is_de_geschiedenis_van_de_app(omgeving, qtbot):
    v = omgeving.open()
    v.activateWindow()
    v.editor.tabs.setCurrentIndex(4)
    lijst = v.editor.lijsten["interventie"]
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    veld = lijst.velden["omschrijving"].invoer
    typ(qtbot, veld, "abc")
    qtbot.keyClick(veld, Qt.Key_Z, Qt.ControlModifier)  # het typen in dit veld
    assert veld.text() == "" and len(lijst.regels) == 1
    qtbot.keyClick(veld, Qt.Key_Z, Qt.ControlModifier)  # en daarna de toegevoegde regel
    assert lijst.regels == []
    qtbot.keyClick(v, Qt.Key_Y, Qt.ControlModifier)
    assert len(lijst.regels) == 1
