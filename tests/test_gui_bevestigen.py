"""Blijvende handelingen in de app: eerst een bevestiging die precies zegt wat er gebeurt (Annuleren is de
standaardknop), na een goedkeuring geen stil tweede indienen, redenen zonder opdrachten voor de opdrachtregel, en
exportmeldingen met 'Map openen'. Schermafdrukken in tests/artefacten/ om te bekijken."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from doorbraak import diensten
from doorbraak.domein.fouten import Weigering
from doorbraak.gui import besluit as B
from doorbraak.gui.casuslijst import AANVRAAG
from doorbraak.gui.dialogen import Dialogen
from doorbraak.instellingen import Instellingen, bewaar_instellingen
from doorbraak.register.workflow import huidig_jaar
from tests.guihulp import ANN, BEA, NAMEN, TEAMLEIDER, bewaar_schermafdruk, maak_casus

E = "€\u00a0"  # in een bevestiging staat het bedrag vast aan het €-teken
NU = huidig_jaar()


def _aanvraagregel(v, casus_id: str):
    return next(r for r in v.lijst.regels if r.soort == AANVRAAG and r.casus_id == casus_id)


def _klik(omgeving, qtbot, v, sleutel: str) -> None:
    """Een knop van de sectie Besluit, en wachten tot de handeling en het opnieuw lezen klaar zijn."""
    assert v.besluitdeel.knoppen[sleutel].isEnabled(), v.besluitdeel.redenen[sleutel].text()
    qtbot.mouseClick(v.besluitdeel.knoppen[sleutel], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)


def _als(omgeving, v, wie) -> None:
    omgeving.wie = wie
    v.registeracties.lees()
    omgeving.wacht(v)


def _open_aanvraag(omgeving, v, casus_id: str) -> None:
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)


def _ingediend_bij_bea(omgeving, qtbot, v, **velden) -> str:
    """Een nieuwe casus, ingediend (bevestigd) en geopend door BEA, de tweede coach; geeft het casus-id."""
    maak_casus(qtbot, v, **velden)
    casus_id = v.editor.toestand()["casus_id"]
    _klik(omgeving, qtbot, v, B.INDIENEN)
    _als(omgeving, v, BEA)
    _open_aanvraag(omgeving, v, casus_id)
    return casus_id


def _jaarregister(omgeving, budgetjaar: int = NU, budget: str = "10000") -> None:
    """Het standaardregister, maar met een pot per budgetjaar (zoals `register init --budgetjaar`)."""
    diensten.maak_register(omgeving.mappen.standaardregister, Decimal(budget), Decimal("5000"), ["tl"], namen=NAMEN,
                           gebruiker=TEAMLEIDER, budgetjaar=budgetjaar)


def _vragen(omgeving) -> list[str]:
    return omgeving.dialogen.teksten("bevestig_handeling")


def _geannuleerd(omgeving, qtbot, v, sleutel: str) -> list[str]:
    """Een knop van de sectie Besluit, en in de vraag om bevestiging Annuleren: de vragen tot nu toe."""
    omgeving.dialogen.zet("bevestig_handeling", False)
    qtbot.mouseClick(v.besluitdeel.knoppen[sleutel], Qt.LeftButton)
    omgeving.wacht(v)
    return _vragen(omgeving)


# ---------------------------------------------------------------- indienen en toetsen langs vier ogen


def test_indienen_en_goedkeuren_vragen_eerst_en_annuleren_legt_niets_vast(omgeving, qtbot):
    _jaarregister(omgeving)
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="2.400,00")
    casus_id = v.editor.toestand()["casus_id"]
    concept = omgeving.mappen.concepten / f"{casus_id}.json"

    # de coach leest het en annuleert
    assert _geannuleerd(omgeving, qtbot, v, B.INDIENEN) == [
        f"Indienen bij het register [Indienen]: Aanvraag {casus_id}-1 van {E}2.400,00 wordt vastgelegd in het register, "
        "met de berekening en de gebruikte prijzen. Een andere coach toetst haar (vier ogen). Bij goedkeuring wordt "
        f"het bedrag gereserveerd uit de pot van het jaar van het besluit (nu {NU}).\n\n"
        "Een ingediende aanvraag kan niet worden gewijzigd of ingetrokken. Dit is niet ongedaan te maken."]
    assert v.stand.laatste(casus_id) is None and not concept.exists()  # niets ingediend, ook niet opgeslagen
    assert omgeving.dialogen.teksten("melding") == []

    _klik(omgeving, qtbot, v, B.INDIENEN)  # nu bevestigd (het standaardantwoord van de nepdialogen)
    assert len(_vragen(omgeving)) == 2 and concept.exists()
    assert v.stand.laatste(casus_id).status == "ingediend"

    _als(omgeving, v, BEA)
    _open_aanvraag(omgeving, v, casus_id)
    assert _geannuleerd(omgeving, qtbot, v, B.GOEDKEUREN)[-1] == (
        f"Toetsing: goedkeuren [Goedkeuren]: U keurt aanvraag {casus_id}-1 van {E}2.400,00 goed als tweede coach "
        f"(vier ogen); dat is het besluit. {E}2.400,00 wordt gereserveerd uit de pot {NU} (daarna is er nog "
        f"{E}7.600,00 beschikbaar) en het verantwoordingsdocument wordt in het register gearchiveerd. "
        "Dit is niet ongedaan te maken.")
    assert v.stand.laatste(casus_id).status == "ingediend" and v.stand.toegekend == 0
    assert v.besluitdeel.knoppen[B.GOEDKEUREN].isEnabled()  # er is niets gebeurd; het kan nog

    _klik(omgeving, qtbot, v, B.GOEDKEUREN)
    a = v.stand.laatste(casus_id)
    assert a.status == "goedgekeurd" and a.besluitjaar == NU and v.stand.toegekend_in(NU) == Decimal("2400.00")
    assert omgeving.dialogen.teksten("melding")[-1].splitlines()[0] == (
        f"Vastgelegd: Aanvraag {casus_id}-1 (€ 2.400,00) is goedgekeurd; het bedrag is gereserveerd in de pot {NU}.")


def test_afwijzen_vraagt_de_reden_en_dan_de_bevestiging_met_die_reden(omgeving, qtbot):
    v = omgeving.open()
    casus_id = _ingediend_bij_bea(omgeving, qtbot, v, interventie="800,00")
    omgeving.dialogen.zet("vraag_tekst", "Eerst de reguliere route", "Eerst de reguliere route")
    assert _geannuleerd(omgeving, qtbot, v, B.AFWIJZEN)[-1] == (
        f"Toetsing: afwijzen [Afwijzen]: Aanvraag {casus_id}-1 van {E}800,00 wordt afgewezen, met deze reden in het "
        "register:\n“Eerst de reguliere route”\n\nEr wordt niets gereserveerd; voor "
        f"{casus_id} kan daarna een nieuwe aanvraag worden ingediend. Dit is niet ongedaan te maken.")
    assert v.stand.laatste(casus_id).status == "ingediend"
    _klik(omgeving, qtbot, v, B.AFWIJZEN)
    a = v.stand.laatste(casus_id)
    assert a.status == "afgewezen" and a.toetsing["reden"] == "Eerst de reguliere route"


# ---------------------------------------------------------------- de escalatieroute


def test_escalatie_zegt_bij_indienen_toetsen_en_besluiten_wat_er_gebeurt(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="6.000,00")
    casus_id = v.editor.toestand()["casus_id"]
    _klik(omgeving, qtbot, v, B.INDIENEN)
    assert _vragen(omgeving)[-1] == (
        f"Indienen bij het register [Indienen]: Aanvraag {casus_id}-1 van {E}6.000,00 wordt vastgelegd in het register, "
        "met de berekening en de gebruikte prijzen. Een andere coach toetst haar (vier ogen). Omdat het bedrag boven "
        f"de limiet van {E}5.000,00 komt, beslist daarna Teamleider (tl) (escalatie). Bij goedkeuring wordt het "
        "bedrag gereserveerd uit de budgetpot.\n\n"
        "Een ingediende aanvraag kan niet worden gewijzigd of ingetrokken. Dit is niet ongedaan te maken.")

    _als(omgeving, v, BEA)
    _open_aanvraag(omgeving, v, casus_id)
    _klik(omgeving, qtbot, v, B.GOEDKEUREN)
    assert _vragen(omgeving)[-1] == (
        f"Toetsing: goedkeuren [Goedkeuren]: U keurt aanvraag {casus_id}-1 van {E}6.000,00 goed als tweede coach. "
        f"Omdat het bedrag boven de limiet van {E}5.000,00 komt, gaat de aanvraag daarna naar de beslissers: "
        "Teamleider (tl). Er wordt nog niets gereserveerd.\n\nUw toetsing is niet ongedaan te maken.")
    assert v.stand.laatste(casus_id).status == "geëscaleerd" and v.stand.toegekend == 0

    _als(omgeving, v, TEAMLEIDER)
    assert _geannuleerd(omgeving, qtbot, v, B.BESLUIT_JA)[-1] == (
        f"Escalatie: toekennen [Toekennen]: U kent de geëscaleerde aanvraag {casus_id}-1 van {E}6.000,00 toe. "
        f"{E}6.000,00 wordt gereserveerd uit de budgetpot (daarna is er nog {E}194.000,00 beschikbaar) en het "
        "verantwoordingsdocument wordt in het register gearchiveerd. Dit is niet ongedaan te maken.")
    assert v.stand.laatste(casus_id).status == "geëscaleerd"
    _klik(omgeving, qtbot, v, B.BESLUIT_JA)
    assert v.stand.laatste(casus_id).status == "goedgekeurd" and v.stand.toegekend == Decimal("6000.00")


# ---------------------------------------------------------------- na een goedkeuring: een nieuwe aanvraag


def test_na_goedkeuring_biedt_het_concept_een_nieuwe_aanvraag_en_zegt_dat(omgeving, qtbot):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="3.000,00")
    casus_id = v.editor.toestand()["casus_id"]
    assert v.besluitdeel.knoppen[B.INDIENEN].text() == "&Indienen bij het register"
    assert v.besluitdeel.redenen[B.INDIENEN].text() == ""
    _klik(omgeving, qtbot, v, B.INDIENEN)
    _als(omgeving, v, BEA)
    _open_aanvraag(omgeving, v, casus_id)
    _klik(omgeving, qtbot, v, B.GOEDKEUREN)
    assert v.stand.laatste(casus_id).status == "goedgekeurd"

    # de indiener opent haar concept weer: hetzelfde bedrag nog eens indienen zou een tweede aanvraag zijn
    _als(omgeving, v, ANN)
    assert v.documenten.open_bestand(omgeving.mappen.concepten / f"{casus_id}.json")
    knop = v.besluitdeel.knoppen[B.INDIENEN]
    notitie = (f"Let op: voor {casus_id} is al goedgekeurd: {casus_id}-1 ({E}3.000,00). Indienen maakt een nieuwe "
               f"aanvraag ernaast, {casus_id}-2, voor nog eens {E}3.000,00 (hetzelfde bedrag als al is goedgekeurd): "
               f"samen {E}6.000,00 voor deze casus.")
    assert knop.isEnabled() and knop.text() == "&Nieuwe aanvraag indienen"
    assert knop.accessibleName() == "Nieuwe aanvraag indienen" and knop.accessibleDescription() == notitie
    assert v.besluitdeel.redenen[B.INDIENEN].text() == notitie
    assert v.acties[B.INDIENEN].text() == "&Nieuwe aanvraag indienen" and v.acties[B.INDIENEN].statusTip() == notitie
    v.editor.tabs.setCurrentWidget(v.besluitdeel)
    for breedte, hoogte in ((1366, 768), (1920, 1080)):
        v.resize(breedte, hoogte)
        bewaar_schermafdruk(v, f"besluit-nieuwe-aanvraag-{breedte}.png")

    assert _geannuleerd(omgeving, qtbot, v, B.INDIENEN)[-1] == (
        f"Nieuwe aanvraag indienen [Nieuwe aanvraag indienen]: Let op: dit wordt een NIEUWE aanvraag. Voor {casus_id} "
        f"is al goedgekeurd: {casus_id}-1 ({E}3.000,00). Indienen maakt een nieuwe aanvraag ernaast, {casus_id}-2, "
        f"voor nog eens {E}3.000,00 (hetzelfde bedrag als al is goedgekeurd): samen {E}6.000,00 voor deze casus.\n\n"
        f"Aanvraag {casus_id}-2 van {E}3.000,00 wordt vastgelegd in het register, met de berekening en de gebruikte "
        f"prijzen. Een andere coach toetst haar (vier ogen). Omdat het totaal voor {casus_id} ({E}6.000,00) boven de "
        f"limiet van {E}5.000,00 komt, beslist daarna Teamleider (tl) (escalatie). Bij goedkeuring wordt het bedrag "
        "gereserveerd uit de budgetpot.\n\n"
        "Een ingediende aanvraag kan niet worden gewijzigd of ingetrokken. Dit is niet ongedaan te maken.")
    assert [a.aanvraag for a in v.stand.van_casus(casus_id)] == [f"{casus_id}-1"]  # geannuleerd: niets ingediend

    _klik(omgeving, qtbot, v, B.INDIENEN)  # bewust bevestigd: de tweede aanvraag, met de escalatieroute
    tweede = v.stand.laatste(casus_id)
    assert (tweede.aanvraag, tweede.status, tweede.route) == (f"{casus_id}-2", "ingediend", "escalatie")
    # zolang die loopt, kan er niets bij; de knop heet weer gewoon Indienen, met de reden
    assert not knop.isEnabled() and knop.text() == "&Indienen bij het register"
    assert v.besluitdeel.redenen[B.INDIENEN].text() == (
        f"Kan niet: voor {casus_id} loopt al aanvraag {casus_id}-2 (ingediend); wacht op de toetsing of het besluit")


# ---------------------------------------------------------------- de echte bevestiging


def _met_de_echte_dialoog(qtbot, doe, bij_de_dialoog) -> list:
    """`doe()` opent een echte QMessageBox (modaal, exec); een timer wacht tot die er is, geeft haar aan
    `bij_de_dialoog(doos)` en sluit haar hoe dan ook, zodat de test nooit blijft hangen. Geeft de fouten uit de timer;
    kwam er geen dialoog, dan is dat ook een fout."""
    fouten: list = []
    gezien: list[QMessageBox] = []
    klaar = False

    def kijk() -> None:
        if klaar:
            return
        doos = QApplication.activeModalWidget()
        if not isinstance(doos, QMessageBox) or not doos.isVisible():
            QTimer.singleShot(20, kijk)
            return
        gezien.append(doos)
        try:
            bij_de_dialoog(doos)
        except BaseException as fout:  # noqa: BLE001 — doorgeven aan de test, na het sluiten
            fouten.append(fout)
        finally:
            if doos.isVisible():
                QTimer.singleShot(0, doos.reject)

    QTimer.singleShot(0, kijk)
    try:
        doe()
    finally:
        klaar = True
    return fouten + ([] if gezien else [AssertionError("er kwam geen dialoog")])


def test_de_echte_bevestiging_heeft_annuleren_als_standaard(omgeving, qtbot, monkeypatch):
    v = omgeving.open()
    maak_casus(qtbot, v, interventie="2.400,00")
    casus_id = v.editor.toestand()["casus_id"]
    v.dialogen = Dialogen(v)  # vanaf hier de echte dialogen van de app
    gezien = {}

    def enter(doos: QMessageBox) -> None:
        gezien["titel"], gezien["tekst"] = doos.windowTitle(), doos.text()
        gezien["knoppen"] = [k.text() for k in doos.buttons()]
        gezien["standaard"], gezien["escape"] = doos.defaultButton().text(), doos.escapeButton().text()
        bewaar_schermafdruk(doos, "bevestiging-indienen.png")
        qtbot.keyClick(doos, Qt.Key_Return)  # Enter kiest de standaardknop: Annuleren

    fouten = _met_de_echte_dialoog(qtbot, lambda: qtbot.mouseClick(v.besluitdeel.knoppen[B.INDIENEN], Qt.LeftButton),
                                   enter)
    assert fouten == []
    assert gezien["titel"] == "Indienen bij het register"
    assert gezien["tekst"].startswith(f"Aanvraag {casus_id}-1 van {E}2.400,00 wordt vastgelegd in het register")
    assert sorted(gezien["knoppen"]) == ["Annuleren", "Indienen"]
    assert gezien["standaard"] == "Annuleren" and gezien["escape"] == "Annuleren"
    omgeving.wacht(v)
    assert v.stand.laatste(casus_id) is None and not v.bezig  # Enter heeft niets vastgelegd

    fouten = _met_de_echte_dialoog(qtbot, lambda: qtbot.mouseClick(v.besluitdeel.knoppen[B.INDIENEN], Qt.LeftButton),
                                   lambda doos: qtbot.keyClick(doos, Qt.Key_Escape))
    assert fouten == []
    omgeving.wacht(v)
    assert v.stand.laatste(casus_id) is None

    def indienen(doos: QMessageBox) -> None:
        (knop,) = [k for k in doos.buttons() if k.text() == "Indienen"]
        qtbot.mouseClick(knop, Qt.LeftButton)

    monkeypatch.setattr(Dialogen, "melding", lambda *_a: None)  # de melding daarna niet modaal in een test
    fouten = _met_de_echte_dialoog(qtbot, lambda: qtbot.mouseClick(v.besluitdeel.knoppen[B.INDIENEN], Qt.LeftButton),
                                   indienen)
    assert fouten == []
    omgeving.wacht(v)
    omgeving.wacht(v)
    assert v.stand.laatste(casus_id).status == "ingediend"


# ---------------------------------------------------------------- redenen in de woorden van de app


def _alle_redenen(v) -> list[str]:
    """Alles waarmee de app zegt waarom een handeling niet kan: naast de knop, als tooltip, voor een schermlezer,
    en in de statusbalk bij het menu."""
    teksten = []
    for sleutel, knop in v.besluitdeel.knoppen.items():
        teksten += [v.besluitdeel.redenen[sleutel].text(), knop.toolTip(), knop.accessibleDescription(),
                    v.acties[sleutel].statusTip()]
    return [t for t in teksten if t]


def _zonder_opdrachten(v) -> None:
    for tekst in _alle_redenen(v):
        assert "doorbraak " not in tekst and "--" not in tekst, tekst


def test_redenen_noemen_het_menu_en_nooit_een_opdracht(omgeving, qtbot):
    _jaarregister(omgeving, budgetjaar=NU - 1)  # de pot van dit jaar is nog niet geopend
    v = omgeving.open()
    casus_id = _ingediend_bij_bea(omgeving, qtbot, v, interventie="1.500,00")
    redenen = v.besluitdeel.redenen
    assert redenen[B.GOEDKEUREN].text() == (
        f"Kan niet: er is nog geen budgetpot voor {NU}; iemand van de escalatielijst (Teamleider (tl)) moet die "
        "eerst openen")
    assert redenen[B.BESLUIT_JA].text() == (
        f"Kan niet: {casus_id}-1 wacht nog op de toetsing door een tweede coach (Register › Toetsing: goedkeuren of "
        "afwijzen); pas daarna volgt een besluit")
    _zonder_opdrachten(v)
    v.resize(1366, 768)
    bewaar_schermafdruk(v, "besluit-reden-1366.png")
    v.resize(1920, 1080)
    bewaar_schermafdruk(v, "besluit-reden-1920.png")
    # de opdrachtregel noemt wel de opdracht (dezelfde regel, in haar eigen woorden)
    from doorbraak.register.workflow import waarom_niet_besluiten, waarom_niet_toetsen

    assert waarom_niet_toetsen(v.stand, casus_id, BEA).endswith(
        f"opent die met 'doorbraak register budget --jaar {NU} --bedrag …'")
    assert "('doorbraak toetsen')" in waarom_niet_besluiten(v.stand, casus_id, BEA)

    # afwijzen mag wel (het budget telt daar niet); daarna is er een escalatie om te zien
    _klik(omgeving, qtbot, v, B.AFWIJZEN)
    v.documenten.nieuw_document()
    _als(omgeving, v, ANN)
    groot = _ingediend_bij_bea(omgeving, qtbot, v, titel="Groot", interventie="6.000,00")
    _klik(omgeving, qtbot, v, B.GOEDKEUREN)  # escaleert: het budget telt pas bij het besluit
    assert v.stand.laatste(groot).status == "geëscaleerd"
    assert redenen[B.GOEDKEUREN].text() == (
        f"Kan niet: {groot}-1 is al getoetst en geëscaleerd; nu beslist Teamleider (tl) (Register › Escalatie: "
        "toekennen of afwijzen)")
    _zonder_opdrachten(v)
    # ook als de stand intussen veranderd is en het register zelf weigert, zegt het dat de app in haar woorden
    register = omgeving.mappen.standaardregister
    with pytest.raises(Weigering) as app:
        diensten.toets(groot, True, "", register, gebruiker=BEA, app=True)
    assert app.value.melding == redenen[B.GOEDKEUREN].text().removeprefix("Kan niet: ")
    with pytest.raises(Weigering, match=r"\('doorbraak besluiten'\)$"):
        diensten.toets(groot, True, "", register, gebruiker=BEA)


@pytest.mark.parametrize("geval", ["leeg", "onbereikbaar"])
def test_een_register_dat_er_niet_is_geeft_een_reden_zonder_opdracht(omgeving, qtbot, tmp_path, geval):
    map_ = tmp_path / "register"
    if geval == "leeg":
        map_.mkdir()  # een lege map: het register zegt 'maak het met doorbraak register init'
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=str(map_)))
    v = omgeving.open()
    assert v.stand is None and v.registerfout
    maak_casus(qtbot, v)
    _zonder_opdrachten(v)
    if geval == "leeg":  # de melding van het register noemt de opdracht; die staat bovenaan, niet bij de knop
        assert "'doorbraak register init'" in v.registerfout and "doorbraak register init" in v.banner.text()
        assert v.besluitdeel.redenen[B.INDIENEN].text() == (
            "Kan niet: het register is niet bereikbaar (zie de melding bovenaan)")
    else:
        assert v.besluitdeel.redenen[B.INDIENEN].text() == f"Kan niet: het register is niet bereikbaar ({v.registerfout})"


# ---------------------------------------------------------------- exporteren: Map openen


def test_na_exporteren_biedt_de_melding_map_openen(omgeving, qtbot, tmp_path):
    v = omgeving.open()
    maak_casus(qtbot, v)
    uit = tmp_path / "exports"
    uit.mkdir()
    omgeving.dialogen.zet("kies_opslagbestand", uit / "verantwoording.pdf", uit / "businesscase.xlsx")
    omgeving.dialogen.zet("melding_met_map", True)  # na de PDF: Map openen; na de spreadsheet niet
    v.acties["pdf"].trigger()
    omgeving.wacht(v)
    assert (uit / "verantwoording.pdf").read_bytes().startswith(b"%PDF")
    assert omgeving.dialogen.teksten("melding") == [f"Verantwoording exporteren: Geschreven: {uit / 'verantwoording.pdf'}"]
    assert omgeving.dialogen.teksten("melding_met_map") == [str(uit)]
    assert omgeving.dialogen.teksten("open_map") == [str(uit)]
    v.acties["xlsx"].trigger()
    omgeving.wacht(v)
    assert (uit / "businesscase.xlsx").exists()
    assert omgeving.dialogen.teksten("melding_met_map") == [str(uit), str(uit)]
    assert omgeving.dialogen.teksten("open_map") == [str(uit)]  # niet gekozen: niets geopend


def test_de_echte_melding_opent_de_map_van_het_bestand(omgeving, qtbot, tmp_path, monkeypatch):
    v = omgeving.open()
    geopend: list[Path] = []
    monkeypatch.setattr(Dialogen, "open_map", lambda _self, map_: geopend.append(map_) or True)
    dialogen = Dialogen(v)
    gezien = {}

    def map_openen(doos: QMessageBox) -> None:
        gezien["knoppen"] = sorted(k.text() for k in doos.buttons())
        gezien["standaard"] = doos.defaultButton().text()
        bewaar_schermafdruk(doos, "melding-map-openen.png")
        (knop,) = [k for k in doos.buttons() if k.text() == "Map openen"]
        qtbot.mouseClick(knop, Qt.LeftButton)

    pad = tmp_path / "exports" / "C-1-verantwoording.pdf"
    fouten = _met_de_echte_dialoog(
        qtbot, lambda: dialogen.melding_met_map("Verantwoording exporteren", f"Geschreven: {pad}", pad.parent),
        map_openen)
    assert fouten == []
    assert gezien == {"knoppen": ["Map openen", "OK"], "standaard": "OK"}
    assert geopend == [tmp_path / "exports"]
    # OK opent niets
    fouten = _met_de_echte_dialoog(
        qtbot, lambda: dialogen.melding_met_map("Verantwoording exporteren", f"Geschreven: {pad}", pad.parent),
        lambda doos: qtbot.keyClick(doos, Qt.Key_Return))
    assert fouten == [] and geopend == [tmp_path / "exports"]
