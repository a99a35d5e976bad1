"""Issue 15: de desktopapp met het register op PostgreSQL. De instelling 'Register' neemt een URL (nooit met een
wachtwoord), en het hele venster werkt ermee: lezen op de achtergrond, indienen, toetsen en besluiten als de
gebruiker waarmee de database aanmeldt (niet de login die de app van het systeem kent), een onbereikbare server
als duidelijke melding. Tegen een echt wegwerpcluster (tests/pgcluster.py); schermafdrukken in tests/artefacten/.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from doorbraak import diensten
from doorbraak.domein.fouten import InvoerFout
from doorbraak.gui.casuslijst import AANVRAAG
from doorbraak.instellingen import Instellingen, bewaar_instellingen, lees_instellingen
from tests.guihulp import ANN, bewaar_schermafdruk, maak_casus, typ
from tests.pgcluster import psql
from tests.registerhulp import schrijf_casus

pytest.importorskip("psycopg", reason="pip install -e '.[postgresql]'")

NAMEN = {"anna": "Anna de Vries", "bert": "Bert Jansen", "marieke": "Marieke de Boer"}
GEEN_WACHTWOORD = "Zet geen wachtwoord in de URL: gebruik PGPASSFILE, een servicebestand of GSSAPI/Kerberos."


@pytest.fixture
def pgdb(pgcluster):
    """Een nieuwe database met een register (budget € 10.000,00, limiet € 5.000,00, marieke beslist over
    escalaties); anna, bert en carl zijn coach, gast heeft een inlogrol maar nooit een rol van Doorbraak."""
    naam = f"doorbraak_gui_{uuid.uuid4().hex[:8]}"
    r = psql(pgcluster, "postgres", f"CREATE DATABASE {naam} OWNER eigenaar")
    assert r.returncode == 0, r.stderr
    try:
        diensten.maak_register(pgcluster.url(naam) + "&user=eigenaar", Decimal("10000"), Decimal("5000"), ["marieke"],
                               namen=NAMEN)
        r = psql(pgcluster, "postgres", "GRANT doorbraak_coach TO anna, bert, carl", naam)
        assert r.returncode == 0, r.stderr
        yield naam, pgcluster.url(naam)
    finally:
        psql(pgcluster, "postgres", f"DROP DATABASE {naam} WITH (FORCE)")


def _records(cluster, naam: str) -> list[tuple[str, str, str]]:
    """(volgnummer, soort, login) van elk record, zoals de database ze heeft."""
    r = psql(cluster, "postgres", "SELECT volgnummer, soort, login FROM doorbraak.record ORDER BY volgnummer", naam)
    assert r.returncode == 0, r.stderr
    return [tuple(regel.split("|")) for regel in r.stdout.split()]


def _kies_register(omgeving, qtbot, v, locatie: str) -> None:
    """Zoals een gebruiker: Bestand › Instellingen, de URL intikken, Bewaren; daarna is het register gelezen."""
    v.acties["instellingen"].trigger()
    dlg = v.instellingendialoog
    assert dlg.isVisible()
    typ(qtbot, dlg.register.invoer, locatie)
    dlg.accept()
    assert not dlg.isVisible() and dlg.register.fout == ""
    omgeving.wacht(v)


def _aanvraagregel(v, casus_id: str):
    return next(r for r in v.lijst.regels if r.soort == AANVRAAG and r.casus_id == casus_id)


def _schermafdrukken(qtbot, v, naam: str) -> None:
    for breedte, hoogte in ((1366, 768), (1920, 1080)):
        v.resize(breedte, hoogte)
        qtbot.wait(50)
        assert bewaar_schermafdruk(v, f"{naam}-{breedte}.png").stat().st_size > 10_000


# ---------------------------------------------------------------- de instelling


def test_de_instelling_neemt_een_url_maar_nooit_een_wachtwoord(omgeving, qtbot, pgcluster, pgdb):
    naam, url = pgdb
    v = omgeving.open()
    v.acties["instellingen"].trigger()
    dlg = v.instellingendialoog
    assert dlg.register.invoer.accessibleName() == "Register (map of PostgreSQL-URL)"
    assert any("PostgreSQL-database" in lbl.text() and "PGPASSFILE" in lbl.text() for lbl in dlg.findChildren(QLabel))
    for met_wachtwoord in (f"postgresql://bert:geheim@localhost/{naam}", f"{url}&user=bert&password=geheim"):
        typ(qtbot, dlg.register.invoer, met_wachtwoord)
        dlg.accept()
        assert dlg.isVisible(), "een URL met een wachtwoord wordt niet bewaard"
        assert dlg.register.fout == GEEN_WACHTWOORD
        assert dlg.register.invoer.property("fout") == "true"
    bewaar_schermafdruk(dlg, "instellingen-url-met-wachtwoord.png")
    assert not omgeving.mappen.instellingenbestand.exists()  # niets geschreven
    # een URL zonder wachtwoord wordt bewaard; het venster leest het register uit de database
    typ(qtbot, dlg.register.invoer, f"{url}&user=bert")
    dlg.accept()
    assert not dlg.isVisible() and dlg.register.fout == ""
    omgeving.wacht(v)
    tekst = omgeving.mappen.instellingenbestand.read_text(encoding="utf-8")
    assert json.loads(tekst)["registermap"] == f"{url}&user=bert"
    assert "geheim" not in tekst and "password" not in tekst
    inst, melding = lees_instellingen(omgeving.mappen)
    assert melding == "" and inst.registermap == f"{url}&user=bert"
    assert v.registermap == f"{url}&user=bert" and isinstance(v.registermap, str)  # nooit Path("postgresql://…")
    assert v.stand is not None and v.registerfout == "" and v.stand.instellingen.budget == Decimal("10000.00")
    assert v.lijst.budgettekst.text().startswith("€\u00a00,00 toegekend van €\u00a010.000,00")
    # ook buiten de dialoog komt een wachtwoord nooit in het bestand
    with pytest.raises(InvoerFout, match="zet geen wachtwoord in de URL"):
        bewaar_instellingen(omgeving.mappen, Instellingen(f"postgresql://bert:geheim@localhost/{naam}"))
    assert omgeving.mappen.instellingenbestand.read_text(encoding="utf-8") == tekst


def test_een_url_met_wachtwoord_in_een_oud_bestand_wordt_niet_gebruikt_of_getoond(omgeving, qtbot):
    """Iemand zette het wachtwoord met de hand in instellingen.json: de app verbindt er niet mee en toont het nergens."""
    omgeving.mappen.config.mkdir(parents=True)
    omgeving.mappen.instellingenbestand.write_text(json.dumps(
        {"schema": 1, "registermap": "postgresql:///doorbraak?host=/tmp&user=bert&password=geheim"}), encoding="utf-8")
    omgeving.teamregister = False
    v = omgeving.open()
    assert v.stand is None
    assert "zet geen wachtwoord in de URL" in v.banner.text() and "geheim" not in v.banner.text()
    v.acties["over"].trigger()
    (over,) = omgeving.dialogen.teksten("melding")
    assert "Register: postgresql:///doorbraak?host=/tmp&user=bert&password=***" in over and "geheim" not in over
    assert omgeving.dialogen.teksten("fout") == []


# ---------------------------------------------------------------- het register in de database


def test_toetsen_vanuit_het_venster_legt_de_databasegebruiker_vast(omgeving, qtbot, tmp_path, pgcluster, pgdb):
    naam, url = pgdb
    diensten.dien_in(schrijf_casus(tmp_path, "PG-1", "300.00"), f"{url}&user=anna")
    omgeving.wie = ANN  # de login die de app van het systeem kent; de database meldt bert aan
    omgeving.teamregister = False
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=f"{url}&user=bert"))
    v = omgeving.open()
    assert v.registerfout == "" and v.stand is not None
    assert v.gebruiker.os_login == "bert"
    regel = _aanvraagregel(v, "PG-1")
    assert (regel.status, regel.bedrag) == ("ingediend", Decimal("300.00"))
    assert "ingediend door Anna de Vries (anna)" in regel.wie
    v.documenten.open_lijstregel(regel)
    omgeving.wacht(v)
    assert v.aanvraag is not None and v.aanvraag.aanvraag == "PG-1-1" and v.editor.alleen_lezen
    assert "U handelt als Bert Jansen (bert): zo meldt de database u aan." in v.besluitdeel.status.text()
    assert v.besluitdeel.knoppen["goedkeuren"].isEnabled()
    assert not v.besluitdeel.knoppen["besluit_ja"].isEnabled()
    qtbot.mouseClick(v.besluitdeel.knoppen["goedkeuren"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    assert omgeving.dialogen.teksten("fout") == []
    (melding,) = omgeving.dialogen.teksten("melding")
    # het verantwoordingsdocument staat in de database, niet in een map: de melding noemt geen map
    assert melding == "Vastgelegd: Aanvraag PG-1-1 (€ 300,00) is goedgekeurd; het bedrag is gereserveerd in de budgetpot."
    assert _records(pgcluster, naam)[-1] == ("3", "toetsing", "bert")
    a = v.stand.laatste("PG-1")
    assert a.status == "goedgekeurd" and a.toetsing["gebruiker"]["os_login"] == "bert"
    assert "Getoetst door Bert Jansen (bert)" in v.besluitdeel.spoor.text()
    assert v.lijst.budgettekst.text().startswith("€\u00a0300,00 toegekend van €\u00a010.000,00")
    assert not Path("postgresql:").exists() and not (tmp_path / "postgresql:").exists()  # geen map van een URL
    _schermafdrukken(qtbot, v, "hoofdvenster-postgresql-getoetst")
    # de verantwoording van de aanvraag exporteren (geen registermap om te beschermen) geeft precies het document
    # dat bij het besluit in de database is gearchiveerd
    omgeving.dialogen.zet("kies_opslagbestand", tmp_path / "PG-1.pdf")
    v.acties["pdf"].trigger()
    omgeving.wacht(v)
    assert omgeving.dialogen.teksten("fout") == []
    assert (tmp_path / "PG-1.pdf").read_bytes() == diensten.lees_document("PG-1-1", f"{url}&user=bert")
    assert omgeving.dialogen.teksten("open_map") == []


def test_indienen_toetsen_en_besluiten_vanuit_het_venster(omgeving, qtbot, pgcluster, pgdb):
    """De hele escalatieroute in de app: anna dient in, bert toetst, marieke besluit; wie dat is, zegt de database."""
    naam, url = pgdb
    omgeving.wie = ANN
    v = omgeving.open()
    _kies_register(omgeving, qtbot, v, f"{url}&user=anna")
    assert v.gebruiker.os_login == "anna" and v.registerfout == ""
    maak_casus(qtbot, v, titel="Escalatie via de database", interventie="6.000,00")
    casus_id = v.editor.toestand()["casus_id"]
    qtbot.mouseClick(v.besluitdeel.knoppen["indienen"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    assert omgeving.dialogen.teksten("fout") == []
    assert f"Aanvraag {casus_id}-1 (€ 6.000,00) wacht nu op de toetsing" in omgeving.dialogen.teksten("melding")[-1]
    # zelf toetsen mag niet: de app zegt het, en de database zou het ook weigeren
    assert not v.besluitdeel.knoppen["goedkeuren"].isEnabled()
    assert "zelf ingediend" in v.besluitdeel.redenen["goedkeuren"].text()

    _kies_register(omgeving, qtbot, v, f"{url}&user=bert")
    assert v.gebruiker.os_login == "bert"
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)
    qtbot.mouseClick(v.besluitdeel.knoppen["goedkeuren"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    assert "gaat nu naar de beslissers: Marieke de Boer (marieke)" in omgeving.dialogen.teksten("melding")[-1]
    assert not v.besluitdeel.knoppen["besluit_ja"].isEnabled()  # bert beslist niet over escalaties

    _kies_register(omgeving, qtbot, v, f"{url}&user=marieke")
    v.documenten.open_lijstregel(_aanvraagregel(v, casus_id))
    omgeving.wacht(v)
    assert v.besluitdeel.knoppen["besluit_ja"].isEnabled()
    qtbot.mouseClick(v.besluitdeel.knoppen["besluit_ja"], Qt.LeftButton)
    omgeving.wacht(v)
    omgeving.wacht(v)
    assert omgeving.dialogen.teksten("fout") == []
    assert omgeving.dialogen.teksten("melding")[-1] == (
        f"Vastgelegd: Aanvraag {casus_id}-1 (€ 6.000,00) is goedgekeurd; het bedrag is gereserveerd in de budgetpot.")
    assert [(s, login) for _, s, login in _records(pgcluster, naam)] == [
        ("register", "eigenaar"), ("indiening", "anna"), ("toetsing", "bert"), ("besluit", "marieke")]
    assert v.stand.laatste(casus_id).status == "goedgekeurd"
    assert omgeving.dialogen.teksten("open_map") == []


# ---------------------------------------------------------------- als het niet lukt


def test_een_onbereikbare_database_is_een_duidelijke_melding(omgeving, qtbot, tmp_path):
    url = f"postgresql:///doorbraak?host={tmp_path / 'bestaat-niet'}&port=5432&user=bert"
    omgeving.teamregister = False
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=url))
    v = omgeving.open()
    assert v.stand is None and v.registergebruiker is None
    assert v.registerfout.startswith(f"register {url}: de database is niet bereikbaar (")
    assert v.banner.isVisible() and v.banner.property("soort") == "fout"
    assert v.banner.text().startswith(f"Het register is niet bereikbaar: register {url}: de database is niet "
                                      "bereikbaar (")
    assert "Controleer de URL van het register (Bestand › Instellingen)" in v.banner.text()
    assert "Traceback" not in v.banner.text()
    assert omgeving.dialogen.teksten("fout") == []  # geen 'onverwachte fout'
    assert v.besluitdeel.redenen["indienen"].text().startswith("Kan niet: het register is niet bereikbaar (register ")
    assert not v.acties["indienen"].isEnabled()
    # rekenen blijft mogelijk, en Vernieuwen (F5) probeert het opnieuw zonder te hangen
    maak_casus(qtbot, v)
    assert v.bc is not None
    v.acties["vernieuwen"].trigger()
    omgeving.wacht(v)
    assert v.stand is None and "de database is niet bereikbaar" in v.banner.text()
    _schermafdrukken(qtbot, v, "hoofdvenster-postgresql-onbereikbaar")


def test_zonder_de_rol_doorbraak_coach_zegt_de_app_wat_er_moet_gebeuren(omgeving, qtbot, pgcluster, pgdb):
    _, url = pgdb
    omgeving.teamregister = False
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=f"{url}&user=gast"))  # nooit een rol gekregen
    v = omgeving.open()
    assert v.stand is None
    assert v.banner.text().startswith(
        "Het register is niet bereikbaar: deze databasegebruiker heeft geen rol doorbraak_coach of doorbraak_escalatie; "
        "vraag de beheerder om 'GRANT doorbraak_coach TO <login>'. Controleer de URL van het register")
    assert v.banner.property("soort") == "fout"
    assert omgeving.dialogen.teksten("fout") == []  # een melding bovenaan, geen dialoog (en niet steeds opnieuw)


def test_een_url_die_libpq_niet_kan_lezen_is_een_melding(omgeving, qtbot, tmp_path):
    """Een tikfout in de URL geeft de fout van de database bovenaan, geen 'onverwachte fout'."""
    omgeving.teamregister = False
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=f"postgresql:///doorbraak?host={tmp_path}&gebruiker=bert"))
    v = omgeving.open()
    assert v.stand is None
    assert v.banner.text().startswith("Het register is niet bereikbaar: register postgresql:///doorbraak?")
    assert 'de URL is niet te gebruiken (invalid URI query parameter: "gebruiker"). Controleer de URL van het ' \
           'register' in v.banner.text()
    assert omgeving.dialogen.teksten("fout") == []


def test_registermap_openen_staat_uit_bij_een_database(omgeving, qtbot, tmp_path):
    url = f"postgresql:///doorbraak?host={tmp_path / 'bestaat-niet'}&port=5432"
    omgeving.teamregister = False
    bewaar_instellingen(omgeving.mappen, Instellingen(registermap=url))
    v = omgeving.open()
    actie = v.acties["registermap"]
    assert not actie.isEnabled()
    assert actie.toolTip() == "Kan niet: het register staat in een PostgreSQL-database, niet in een map"
    assert actie.statusTip() == actie.toolTip()
    v.open_registermap()  # ook als iemand er toch bij komt: geen map openen, maar zeggen waarom
    assert omgeving.dialogen.teksten("open_map") == []
    assert omgeving.dialogen.teksten("fout") == [
        f"Registermap openen: Het register staat in een PostgreSQL-database ({url}), niet in een map: er is geen "
        "map om te openen."]
    v.acties["over"].trigger()
    assert f"\nRegister: {url}\n" in omgeving.dialogen.teksten("melding")[-1]
    # terug naar een map: de actie staat weer aan
    _kies_register(omgeving, qtbot, v, "")
    assert actie.isEnabled() and v.registermap == omgeving.mappen.standaardregister
