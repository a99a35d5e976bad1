"""De eerste start: de dialoog vraagt lokaal of het gedeelde register, en de eigen naam naast de login.

Door de echte dialoog (Nepdialogen met ECHTE_DIALOOG; 'Bladeren…' gaat door de nepdialogen), met muis en toetsenbord.
Zonder instellingenbestand is het een eerste start; de omgeving maakt hier geen register klaar, zodat te zien is
welk register de app leest en of ze er een aanmaakt."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QRadioButton

from doorbraak import diensten
from doorbraak.instellingen import Instellingen, bewaar_instellingen, lees_instellingen
from doorbraak.register.opslag import systeemlogin
from tests.guihulp import ARTEFACTEN, ECHTE_DIALOOG, NAMEN, TEAMLEIDER, bewaar_schermafdruk, typ


@pytest.fixture
def eerste(omgeving):
    """Een eerste start: geen instellingenbestand, geen register; de echte eerste-startdialoog."""
    omgeving.teamregister = False
    omgeving.dialogen.zet("eerste_start", ECHTE_DIALOOG)
    return omgeving


def _open(omgeving):
    v = omgeving.open()
    dlg = omgeving.dialogen.eerstestart
    omgeving.qtbot.waitUntil(dlg.isVisible, timeout=3000)
    return v, dlg


def _coach(v) -> str:
    return v.editor.velden["coach"].invoer.text()


def _klik(qtbot, knop) -> None:
    assert knop.isVisible() and knop.isEnabled(), knop.text()
    # een keuzerondje reageert alleen op het rondje en zijn tekst, niet op de lege ruimte rechts ervan
    plek = QPoint(8, knop.height() // 2) if isinstance(knop, QRadioButton) else QPoint()
    qtbot.mouseClick(knop, Qt.LeftButton, pos=plek)


def _schermafdruk(v, dlg, naam: str) -> None:
    """Het hoofdvenster met de dialoog ervoor (zoals de gebruiker het ziet), als één beeld."""
    beeld = v.grab()
    schilder = QPainter(beeld)
    schilder.fillRect(beeld.rect(), QColor(0, 0, 0, 60))  # het venster erachter is niet te bedienen
    x, y = (v.width() - dlg.width()) // 2, (v.height() - dlg.height()) // 3
    schilder.fillRect(x - 1, y - 25, dlg.width() + 2, 25, QColor("#d8d8d8"))  # een titelbalk, zoals het systeem
    schilder.drawText(x + 8, y - 8, dlg.windowTitle())
    schilder.drawPixmap(x, y, dlg.grab())
    schilder.setPen(QColor("#777777"))
    schilder.drawRect(x - 1, y - 25, dlg.width() + 1, dlg.height() + 25)
    schilder.end()
    ARTEFACTEN.mkdir(exist_ok=True)
    assert beeld.save(str(ARTEFACTEN / naam))


def test_lokaal_kiezen_met_naam(eerste, qtbot):
    v, dlg = _open(eerste)
    # de dialoog wacht niet in een eigen lus: het venster staat er al, en er is nog niets gelezen of aangemaakt
    assert v.isVisible() and dlg.isModal() and dlg.stap == 0
    assert v.stand is None and not v.bezig and not eerste.mappen.standaardregister.exists()
    assert not eerste.mappen.instellingenbestand.exists()
    assert dlg.lokaal.isChecked() and not dlg.vorige.isVisible() and dlg.volgende.isDefault()
    teksten = " ".join(lbl.text() for lbl in dlg.findChildren(QLabel))
    assert "collega's zien uw aanvragen niet" in teksten
    assert f"Het lokale register komt in {eerste.mappen.standaardregister}" in teksten
    assert "De teamleider richt het in met <nobr>'register init'</nobr>; vraag de teamleider waar het staat." in teksten
    _klik(qtbot, dlg.volgende)
    assert dlg.stap == 1 and dlg.aangemeld.text() == "U bent aangemeld als <b>ann</b>."
    assert dlg.samenvatting.text() == "Register: een lokaal register op deze computer (alleen voor u)."
    assert dlg.focusWidget() is dlg.naam.invoer and dlg.klaar.isDefault() and not dlg.volgende.isVisible()
    qtbot.keyClicks(dlg.naam.invoer, "Ann de Vries")
    assert dlg.naamhint.text() == "U kunt uw naam later wijzigen in Bestand › Instellingen."
    qtbot.keyClick(dlg.naam.invoer, Qt.Key_Return)  # Enter is 'Beginnen'
    assert not dlg.isVisible()
    eerste.wacht(v)
    inst, melding = lees_instellingen(eerste.mappen)
    assert melding == "" and (inst.registermap, inst.naam) == ("", "Ann de Vries")
    assert v.registermap == eerste.mappen.standaardregister and v.stand is not None and v.registerfout == ""
    assert v.stand.instellingen.budget == Decimal("200000.00")
    # het lokale register kent geen naam bij de login: de eigen naam staat als Coach in de nieuwe casus
    assert _coach(v) == "Ann de Vries"
    assert v.editor.undo.isClean()  # het veld is ingevuld, niet door de gebruiker gewijzigd
    assert "collega's zien het niet" in v.statusBar().currentMessage()
    assert "Bestand › Instellingen" in v.statusBar().currentMessage()
    # wie handelt blijft de login
    assert v.gebruiker.os_login == "ann" and v.besluitdeel.status.text().endswith("\nU handelt als ann.")


def test_gedeelde_map_kiezen_leest_daar_en_maakt_niets_lokaal(eerste, qtbot, tmp_path):
    team = tmp_path / "share" / "team"
    team.mkdir(parents=True)
    diensten.maak_register(team, Decimal("50000"), Decimal("2500"), ["tl"], namen=NAMEN, gebruiker=TEAMLEIDER)
    v, dlg = _open(eerste)
    _klik(qtbot, dlg.gedeeld)
    _klik(qtbot, dlg.volgende)
    assert dlg.stap == 0, "zonder map of URL is er geen gedeeld register"
    assert dlg.register.fout == "Vul de map of de URL van het gedeelde register in; de teamleider weet waar het staat."
    assert dlg.register.invoer.property("fout") == "true" and dlg.focusWidget() is dlg.register.invoer
    eerste.dialogen.zet("kies_map", team)
    _klik(qtbot, dlg.bladeren)
    assert eerste.dialogen.teksten("kies_map") == ["Map van het gedeelde register kiezen"]
    assert dlg.register.invoer.text() == str(team) and dlg.register.fout == "" and dlg.gedeeld.isChecked()
    _klik(qtbot, dlg.volgende)
    assert dlg.samenvatting.text() == f"Register: het gedeelde register in {team}."
    typ(qtbot, dlg.naam.invoer, "Ann")
    _klik(qtbot, dlg.klaar)
    eerste.wacht(v)
    assert lees_instellingen(eerste.mappen)[0] == Instellingen(registermap=str(team), naam="Ann")
    assert v.registermap == team and v.registerfout == "" and v.stand.instellingen.budget == Decimal("50000.00")
    assert not eerste.mappen.standaardregister.exists(), "geen lokaal register naast het gedeelde"
    # het register kent een naam bij de login: die zien collega's, dus die gaat voor de eigen naam
    assert _coach(v) == "Ann de Coach"
    assert "Lokaal register" not in v.statusBar().currentMessage()


def test_een_postgresql_url_met_wachtwoord_wordt_geweigerd(eerste, qtbot):
    v, dlg = _open(eerste)
    typ(qtbot, dlg.register.invoer, "postgresql://ann:geheim@server/doorbraak")
    assert dlg.gedeeld.isChecked(), "typen in het veld kiest het gedeelde register"
    qtbot.keyClick(dlg.register.invoer, Qt.Key_Return)
    assert dlg.stap == 0
    assert dlg.register.fout == ("Zet geen wachtwoord in de URL: gebruik PGPASSFILE, een servicebestand of "
                                 "GSSAPI/Kerberos.")
    assert dlg.register.melding.isVisible() and dlg.register.invoer.toolTip() == dlg.register.fout
    assert not dlg.wachtwoordhint.isVisible()  # de melding zegt het al; niet twee keer hetzelfde
    _schermafdruk(v, dlg, "eerste-start-url-met-wachtwoord.png")
    _klik(qtbot, dlg.lokaal)  # dan geldt de melding over het gedeelde register niet meer
    assert dlg.register.fout == "" and not dlg.wachtwoordhint.isHidden()
    typ(qtbot, dlg.register.invoer, "postgresql://server/doorbraak?user=ann&password=geheim")
    _klik(qtbot, dlg.volgende)
    assert dlg.stap == 0 and dlg.register.fout.startswith("Zet geen wachtwoord in de URL")
    typ(qtbot, dlg.register.invoer, "postgresql://server/doorbraak")
    _klik(qtbot, dlg.volgende)
    assert dlg.stap == 1 and dlg.register.fout == "" and not dlg.wachtwoordhint.isHidden()
    assert dlg.keuze() == Instellingen(registermap="postgresql://server/doorbraak")
    # terug en toch lokaal: dan telt de URL niet
    _klik(qtbot, dlg.vorige)
    assert dlg.stap == 0 and dlg.register.invoer.text() == "postgresql://server/doorbraak"
    _klik(qtbot, dlg.lokaal)
    _klik(qtbot, dlg.volgende)
    _klik(qtbot, dlg.klaar)
    eerste.wacht(v)
    tekst = eerste.mappen.instellingenbestand.read_text(encoding="utf-8")
    assert "geheim" not in tekst and "postgresql" not in tekst and json.loads(tekst)["registermap"] == ""
    assert v.stand is not None and v.registermap == eerste.mappen.standaardregister


def test_zonder_naam_mag_en_dan_staat_de_login_bij_coach(eerste, qtbot):
    v, dlg = _open(eerste)
    _klik(qtbot, dlg.volgende)
    assert dlg.naam.invoer.text() == ""
    assert dlg.naamhint.text() == "Leeg laten mag: dan staat uw login (ann) in het veld Coach."
    typ(qtbot, dlg.naam.invoer, "   ")  # alleen spaties is geen naam
    assert dlg.naamhint.text().startswith("Leeg laten mag")
    _klik(qtbot, dlg.klaar)
    eerste.wacht(v)
    assert lees_instellingen(eerste.mappen)[0] == Instellingen()
    assert v.stand is not None and _coach(v) == "ann"


def test_annuleren_is_voorlopig_lokaal_en_de_vraag_komt_niet_terug(eerste, qtbot):
    v, dlg = _open(eerste)
    typ(qtbot, dlg.register.invoer, "/ergens/anders")
    _klik(qtbot, dlg.volgende)
    typ(qtbot, dlg.naam.invoer, "Ann")
    qtbot.keyClick(dlg, Qt.Key_Escape)  # zoals het venster sluiten: niets van de keuze telt
    assert not dlg.isVisible()
    eerste.wacht(v)
    assert lees_instellingen(eerste.mappen) == (Instellingen(), "")
    assert v.registermap == eerste.mappen.standaardregister and v.stand is not None
    assert "Bestand › Instellingen" in v.statusBar().currentMessage()
    assert _coach(v) == "ann"
    # de volgende start: geen dialoog meer (het klaargezette antwoord blijft liggen), het register wordt meteen gelezen
    eerste.dialogen.zet("eerste_start", ECHTE_DIALOOG)
    w = eerste.open()
    assert eerste.dialogen.teksten("eerste_start") == ["ann"]
    assert w.stand is not None and w.registermap == eerste.mappen.standaardregister


def test_annuleren_met_de_knop(eerste, qtbot):
    v, dlg = _open(eerste)
    _klik(qtbot, dlg.annuleren)
    eerste.wacht(v)
    assert not dlg.isVisible() and lees_instellingen(eerste.mappen) == (Instellingen(), "")
    assert v.stand is not None


def test_tweede_start_toont_geen_dialoog(eerste, qtbot):
    bewaar_instellingen(eerste.mappen, Instellingen(naam="Ann de Vries"))  # een eerdere start
    v = eerste.open()
    assert eerste.dialogen.teksten("eerste_start") == [] and not hasattr(eerste.dialogen, "eerstestart")
    assert v.stand is not None and _coach(v) == "Ann de Vries"


def test_de_naam_later_wijzigen_in_de_instellingen(eerste, qtbot):
    bewaar_instellingen(eerste.mappen, Instellingen(naam="Ann"))
    v = eerste.open()
    v.acties["instellingen"].trigger()
    dlg = v.instellingendialoog
    assert dlg.naam.invoer.text() == "Ann"
    assert any(lbl.buddy() is dlg.naam.invoer and lbl.text() == f"Uw &naam (naast uw login {systeemlogin()})"
               for lbl in dlg.findChildren(QLabel))
    typ(qtbot, dlg.naam.invoer, "Ann de Vries")
    bewaar_schermafdruk(dlg, "instellingen-met-naam.png")
    _klik(qtbot, dlg.knoppen.button(QDialogButtonBox.Ok))
    eerste.wacht(v)
    assert lees_instellingen(eerste.mappen)[0].naam == "Ann de Vries" and v.inst.naam == "Ann de Vries"
    assert v.gebruiker.os_login == "ann"  # een naam maakt van niemand een ander
    v.acties["nieuw"].trigger()
    assert _coach(v) == "Ann de Vries"


@pytest.mark.parametrize("breedte, hoogte", [(1366, 768), (1920, 1080)])
def test_schermafdrukken_van_beide_stappen(eerste, qtbot, breedte, hoogte):
    v, dlg = _open(eerste)
    v.resize(breedte, hoogte)
    _schermafdruk(v, dlg, f"eerste-start-stap1-{breedte}x{hoogte}.png")
    # alle tekst past: geen label is afgekapt (hoog genoeg voor de tekst bij deze breedte)
    assert dlg.height() >= dlg.layout().totalHeightForWidth(dlg.width())
    _klik(qtbot, dlg.volgende)
    typ(qtbot, dlg.naam.invoer, "Ann de Vries")
    _schermafdruk(v, dlg, f"eerste-start-stap2-{breedte}x{hoogte}.png")
    assert dlg.height() >= dlg.layout().totalHeightForWidth(dlg.width())
    _klik(qtbot, dlg.klaar)
    eerste.wacht(v)


def test_zonder_klaargezet_antwoord_vraagt_de_naad_niets(omgeving, qtbot):
    """De nepdialogen beantwoorden de eerste start standaard met 'niet gevraagd': het venster leest meteen het
    register en schrijft geen instellingen, zoals de andere GUI-tests verwachten."""
    omgeving.teamregister = False
    v = omgeving.open()
    assert omgeving.dialogen.teksten("eerste_start") == ["ann"]  # wel gevraagd aan de naad: het is een eerste start
    assert v.stand is not None and v.registermap == omgeving.mappen.standaardregister
    assert not omgeving.mappen.instellingenbestand.exists()


def test_met_een_bestand_openen_vraagt_de_eerste_start_ook(eerste, tmp_path):
    """`doorbraak open casus.json` bij de allereerste start: het bestand komt in de recente bestanden (dat schrijft
    de instellingen), maar de vraag naar register en naam komt toch."""
    bron = tmp_path / "mijn-casus.json"
    bron.write_bytes((diensten.voorbeeldenmap() / "huurachterstand.json").read_bytes())
    v = eerste.open(bron, wachten=False)
    dlg = eerste.dialogen.eerstestart
    eerste.qtbot.waitUntil(dlg.isVisible, timeout=3000)
    assert v.editor.velden["casus_id"].invoer.text() == "OEF-HUUR-01"  # het bestand is geopend
    assert v.stand is None  # het register wordt pas na de keuze gelezen
