"""Een nieuwe casus: wat nog ontbreekt staat er neutraal bij ("Nog in te vullen"); een fout bij het
veld pas als de coach dat veld bewerkte of probeerde op te slaan. Wat niet klopt, is meteen een fout."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.guihulp import bewaar_schermafdruk, typ


def teksten(lijst) -> list[str]:
    return [lijst.item(i).text() for i in range(lijst.count())]


def zonder_fout(veld) -> bool:
    return veld.fout == "" and veld.melding.isHidden() and veld.invoer.property("fout") != "true"


def test_nieuwe_casus_zegt_wat_nog_in_te_vullen_is_zonder_fouten(omgeving, qtbot):
    v = omgeving.open()
    p = v.paneel
    assert all(zonder_fout(veld) for veld in v.editor.velden.values())
    assert p.problemen.isHidden() and p.problemen_kop.isHidden() and p.problemen.count() == 0
    assert not p.nog.isHidden() and p.nog_kop.text().startswith("Nog in te vullen")
    assert teksten(p.nog) == ["Titel"]
    assert p.route.text() == "Nog niet te berekenen: nog 1 veld in te vullen" and p.route.property("soort") == "geen"

    # een eigen regel erbij: wat daar nog leeg is, is ook nog in te vullen, niet fout (en de rij is niet rood)
    v.editor.tabs.setCurrentIndex(3)
    lijst = v.editor.lijsten["met_doorbraak"]
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    v.herbereken()
    assert all(zonder_fout(veld) for veld in lijst.velden.values())
    assert lijst.tabel.item(0, 0).background().style() == Qt.NoBrush
    assert teksten(p.nog) == ["Titel", "Met doorbraak, regel 1, Omschrijving", "Met doorbraak, regel 1, Bedrag per eenheid",
                              "Met doorbraak, regel 1, Financier", "Met doorbraak, regel 1, Bron"]
    assert p.route.text() == "Nog niet te berekenen: nog 5 velden in te vullen"
    v.resize(1366, 768)
    qtbot.wait(20)
    bewaar_schermafdruk(v, "nieuwe-casus-nog-in-te-vullen.png")

    # een regel in de lijst kiezen brengt je naar het veld
    qtbot.mouseClick(p.nog.viewport(), Qt.LeftButton, pos=p.nog.visualItemRect(p.nog.item(0)).center())
    assert v.editor.tabs.currentIndex() == 0 and v.editor.velden["titel"].invoer.hasFocus()


def test_een_bewerkt_veld_dat_leeg_is_of_niet_klopt_is_meteen_een_fout(omgeving, qtbot):
    v = omgeving.open()
    titel = v.editor.velden["titel"]
    typ(qtbot, titel.invoer, "Huur")
    for _ in "Huur":
        qtbot.keyClick(titel.invoer, Qt.Key_Backspace)
    v.herbereken()
    assert titel.fout == "is leeg" and titel.invoer.property("fout") == "true" and not titel.melding.isHidden()
    assert teksten(v.paneel.problemen) == ["Titel: is leeg"] and v.paneel.nog.isHidden()
    assert v.paneel.route.text() == "Nog niet te berekenen: 1 probleem in de invoer"

    # wat er staat maar niet klopt, is meteen een fout; de lege velden van de regel nog niet
    v.editor.tabs.setCurrentIndex(4)
    lijst = v.editor.lijsten["interventie"]
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    typ(qtbot, lijst.velden["bedrag"].invoer, "12,3,4")
    horizon = v.editor.velden["horizon_maanden"]
    typ(qtbot, horizon.invoer, "een jaar")
    v.herbereken()
    assert lijst.velden["bedrag"].fout == "'12,3,4' is geen geldig bedrag (schrijf bijvoorbeeld 1.234,56)"
    assert horizon.fout == "'een jaar' is geen geheel getal"
    assert zonder_fout(lijst.velden["omschrijving"])
    assert teksten(v.paneel.nog) == ["Interventie, regel 1, Omschrijving"]
    assert len(teksten(v.paneel.problemen)) == 3


def test_opslaan_zet_ook_wat_nog_leeg_is_als_fout_bij_het_veld(omgeving, qtbot):
    v = omgeving.open()
    titel = v.editor.velden["titel"]
    assert zonder_fout(titel)
    v.acties["opslaan"].trigger()
    assert omgeving.dialogen.teksten("fout")[0].startswith("Niet opgeslagen: De casus kan nog niet worden opgeslagen")
    assert titel.fout == "is leeg" and titel.invoer.property("fout") == "true" and titel.invoer.hasFocus()
    assert teksten(v.paneel.problemen) == ["Titel: is leeg"] and v.paneel.nog.isHidden()
    # een volgende nieuwe casus begint weer zonder fouten
    v.acties["nieuw"].trigger()
    assert zonder_fout(titel) and teksten(v.paneel.nog) == ["Titel"]


def test_een_regel_weghalen_verschuift_wat_bewerkt_is(omgeving, qtbot):
    v = omgeving.open()
    v.editor.tabs.setCurrentIndex(4)
    lijst = v.editor.lijsten["interventie"]
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    qtbot.mouseClick(lijst.knop_nieuw, Qt.LeftButton)
    typ(qtbot, lijst.velden["omschrijving"].invoer, "x")  # regel 2: omschrijving bewerkt en weer leeg
    qtbot.keyClick(lijst.velden["omschrijving"].invoer, Qt.Key_Backspace)
    lijst.kies(0)
    qtbot.mouseClick(lijst.knop_weg, Qt.LeftButton)  # regel 1 weg: de bewerkte regel is nu regel 1
    v.herbereken()
    assert lijst.velden["omschrijving"].fout == "is leeg"
    assert "Interventie, regel 1, Omschrijving: is leeg" in teksten(v.paneel.problemen)
    assert teksten(v.paneel.nog) == ["Titel", "Interventie, regel 1, Bedrag"]
