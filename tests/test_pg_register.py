"""Issue 15 (eerste deel): het register op PostgreSQL, met echte OS-gebruikers die via `peer` als zichzelf bij de
database komen. De database zelf weigert wat niet mag, ook als iemand de functies of tabellen direct aanspreekt.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from decimal import Decimal as D
from pathlib import Path

import pytest

from doorbraak.register.opslag import Gebruiker
from tests.pgcluster import psql
from tests.registerhulp import schrijf_casus

pytest.importorskip("grp", reason="echte OS-gebruikers: alleen op Linux en macOS")
pytest.importorskip("psycopg", reason="pip install -e '.[postgresql]'")

COACHES = ("anna", "bram", "carl")


@pytest.fixture
def db(pgcluster, team):
    """Een nieuwe database van de teamleider (teamleider), die rollen mag maken; de coaches hebben een inlogrol."""
    naam = f"doorbraak_{uuid.uuid4().hex[:8]}"
    for login in (*COACHES, "teamleider"):
        psql(pgcluster, "postgres", f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{login}') "
                                    f"THEN CREATE ROLE \"{login}\" LOGIN; END IF; END$$")
    psql(pgcluster, "postgres", 'ALTER ROLE "teamleider" CREATEROLE')
    assert psql(pgcluster, "postgres", f'CREATE DATABASE {naam} OWNER "teamleider"').returncode == 0
    yield naam, pgcluster.url(naam)
    psql(pgcluster, "postgres", f"DROP DATABASE {naam} WITH (FORCE)")


@pytest.fixture
def registers(pgcluster, tmp_path):
    """Registers in nieuwe databases van het testcluster (tests/registerhulp.py), na de test weer weg."""
    from tests.registerhulp import Registers

    r = Registers("postgresql", tmp_path, pgcluster)
    yield r
    r.ruim_op()


def _sql(cluster, db_naam, login, sql):
    return psql(cluster, login, sql, db_naam)


def test_init_vier_ogen_en_escalatie_in_de_database(team, pgcluster, db):
    naam, url = db
    u = team.als("teamleider", "register", "init", url, "--budget", "20000", "--escalatie", "teamleider",
                 "--naam", "teamleider=Tess de Teamleider", "--naam", "anna=Anna de Vries")
    assert u.code == 0, u.fout
    assert "GRANT doorbraak_coach TO" in u.uit  # wat een beheerder doet om coaches toe te laten
    for login in COACHES:
        assert _sql(pgcluster, naam, "postgres", f'GRANT doorbraak_coach TO "{login}"').returncode == 0
    casus = schrijf_casus(team.casussen, "E-1", "9800.00")
    casus.chmod(0o644)
    u = team.als("anna", "indienen", casus, "--register", url)
    assert u.code == 0 and "E-1-1: € 9.800,00, route escalatie, status ingediend" in u.uit, u.fout
    # de indiener toetst niet zelf: de regel in Doorbraak, en (hieronder) ook in de database
    u = team.als("anna", "toetsen", "E-1", "--register", url, "--akkoord")
    assert u.code == 3 and "zelf ingediend" in u.fout
    assert team.als("bram", "toetsen", "E-1", "--register", url, "--akkoord").code == 0
    u = team.als("carl", "besluiten", "E-1", "--register", url, "--akkoord")
    assert u.code == 3 and "mag niet over escalaties beslissen" in u.fout
    u = team.als("teamleider", "besluiten", "E-1", "--register", url, "--akkoord", "--reden", "akkoord MT")
    assert u.code == 0 and "status goedgekeurd" in u.uit, u.fout
    u = team.als("carl", "register", "status", "--register", url, "--json")
    assert u.code == 0, u.fout
    (c,) = json.loads(u.uit)["casussen"]
    assert (c["status"], c["indiener_login"], c["toetser_login"], c["besluiter_login"]) == (
        "goedgekeurd", "anna", "bram", "teamleider")
    assert (c["indiener"], c["besluiter"]) == ("Anna de Vries", "Tess de Teamleider")
    u = team.als("bram", "register", "verifieer", "--register", url)
    assert u.code == 0 and "4 records, keten in orde" in u.uit, u.uit + u.fout  # aanmaak, indiening, toetsing, besluit

    # direct in de database: anna toetst haar eigen aanvraag, met de naam van bram
    r = _sql(pgcluster, naam, "anna", "SELECT doorbraak.voeg_toe('toetsing', "
             "'{\"aanvraag\": \"E-1-1\", \"akkoord\": true, \"reden\": \"\", \"uitkomst\": \"goedgekeurd\"}', "
             "'bram', 'pc-bram', 'Doorbraak 0.3.0')")
    assert r.returncode != 0 and "anna heeft E-1-1 zelf ingediend" in r.stderr
    # carl (geen lid van doorbraak_escalatie) besluit direct
    r = _sql(pgcluster, naam, "carl", "SELECT doorbraak.voeg_toe('besluit', "
             "'{\"aanvraag\": \"E-1-1\", \"akkoord\": true, \"reden\": \"\", \"uitkomst\": \"goedgekeurd\"}', "
             "'Tess de Teamleider', 'pc', 'Doorbraak 0.3.0')")
    assert r.returncode != 0 and "carl mag niet over escalaties beslissen" in r.stderr
    # en instellingen wijzigen mag hij ook niet
    r = _sql(pgcluster, naam, "carl", "SELECT doorbraak.voeg_toe('instellingen', '{\"reden\": \"x\"}', 'x', 'x', 'x')")
    assert r.returncode != 0 and "staat niet op de escalatielijst" in r.stderr
    assert _sql(pgcluster, naam, "carl", "SELECT count(*) FROM doorbraak.record").stdout.strip() == "4"


KOLOM = {"record": "soort", "stuk": "inhoud", "migratie": "versie", "document": "sleutel"}


@pytest.mark.parametrize("tabel", ["record", "stuk", "migratie", "document"])
def test_een_coach_schrijft_niet_in_de_tabellen(team, pgcluster, db, tabel):
    naam, url = db
    assert team.als("teamleider", "register", "init", url, "--budget", "1000", "--escalatie", "teamleider").code == 0
    assert _sql(pgcluster, naam, "postgres", 'GRANT doorbraak_coach TO "anna"').returncode == 0
    for sql in (f"INSERT INTO doorbraak.{tabel} SELECT * FROM doorbraak.{tabel}",
                f"UPDATE doorbraak.{tabel} SET {KOLOM[tabel]} = {KOLOM[tabel]}",
                f"DELETE FROM doorbraak.{tabel}", f"TRUNCATE doorbraak.{tabel}"):
        r = _sql(pgcluster, naam, "anna", sql)
        assert r.returncode != 0 and "permission denied" in r.stderr, (sql, r.stderr)
    assert _sql(pgcluster, naam, "anna", f"SELECT count(*) >= 0 FROM doorbraak.{tabel}").stdout.strip() == "t"


def test_ook_de_eigenaar_wijzigt_of_verwijdert_geen_record(team, pgcluster, db):
    naam, url = db
    assert team.als("teamleider", "register", "init", url, "--budget", "1000", "--escalatie", "teamleider").code == 0
    for login in ("teamleider", "postgres"):  # de eigenaar van de database, en zelfs de superuser
        for sql in ("UPDATE doorbraak.record SET soort = 'x'", "DELETE FROM doorbraak.record",
                    "TRUNCATE doorbraak.record", "DELETE FROM doorbraak.stuk", "TRUNCATE doorbraak.stuk",
                    "DELETE FROM doorbraak.document", "UPDATE doorbraak.document SET sleutel = 'x'"):
            r = _sql(pgcluster, naam, login, sql)
            assert r.returncode != 0 and "alleen aangevuld" in r.stderr, (login, sql, r.stderr)
    u = team.als("teamleider", "register", "verifieer", "--register", url)
    assert u.code == 0, u.uit + u.fout


def test_een_onbereikbare_server_is_een_duidelijke_melding(team, pgcluster):
    u = team.als("anna", "register", "status", "--register",
                 f"postgresql:///bestaat_niet?host={pgcluster.socketmap}&port={pgcluster.poort}")
    assert u.code == 2 and "de database is niet bereikbaar" in u.fout and "Traceback" not in u.fout
    u = team.als("anna", "register", "status", "--register", "postgresql://anna:geheim@localhost/doorbraak")
    assert u.code == 2 and "zet geen wachtwoord in de URL" in u.fout and "geheim" not in u.fout


def _map_register(team, aantal_extra: int = 0):
    """Een register in de gedeelde map, gevuld in dit proces (anna dient in, bram toetst, marieke... hier teamleider
    besluit), met stukken; daarna `aantal_extra` aanvragen die als records direct worden geschreven (zoals
    benchmarks/register.py), de helft goedgekeurd."""
    import os
    from decimal import Decimal

    from doorbraak.diensten import besluit, dien_in, maak_register, toets
    from doorbraak.register.map_register import RECORDS, MapRegister, _bestandsnaam
    from doorbraak.register.opslag import Gebruiker, maak_record

    anna, bram, tl = (Gebruiker(n, n, "pc") for n in ("anna", "bram", "teamleider"))
    reg = team.share / "register"
    maak_register(reg, Decimal("10000000"), Decimal("5000"), ["teamleider"], namen={"teamleider": "Tess"}, gebruiker=anna)
    for casus_id, bedrag in (("M-1", "1200.00"), ("M-2", "9800.00")):
        dien_in(schrijf_casus(team.casussen, casus_id, bedrag), reg, gebruiker=anna)
        a, _ = toets(casus_id, True, "ok", reg, gebruiker=bram)
        if a.status == "geëscaleerd":
            besluit(casus_id, True, "akkoord", reg, gebruiker=tl)
    vorige = MapRegister(reg).records()[-1]
    for i in range(aantal_extra):
        casus_id = f"X-{i:04d}"
        g = {"aanvraag": f"{casus_id}-1", "casus_id": casus_id, "titel": "x", "gemeente": "", "bedrag": "120.00",
             "route": "vier-ogen", "limiet": "5000.00", "eerder_goedgekeurd": "0.00", "kosten_zonder": "1000.00",
             "kosten_met": "0.00", "vermeden_kosten": "1000.00", "netto_rendement": "880.00", "rendement_ratio": "8.33",
             "categorieen": [], "prijslijst": {"versie": "2027.1", "inhoud_hash": "0" * 64}, "stuk": None}
        for soort, gegevens, wie in (("indiening", g, anna), ("toetsing", {"aanvraag": g["aanvraag"], "akkoord": True,
                                                                          "reden": "", "uitkomst": "goedgekeurd"}, bram)):
            if soort == "toetsing" and i % 2:
                continue
            record = maak_record(vorige["volgnummer"] + 1, vorige["hash"], soort, gegevens, wie)
            pad = reg / RECORDS / _bestandsnaam(record["volgnummer"])
            pad.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
            pad.chmod(0o664)
            os.chown(pad, -1, team.gid)
            vorige = record
    kop = reg / "kop.json"
    kop.write_text(json.dumps({"aantal": vorige["volgnummer"], "hash": vorige["hash"]}) + "\n", encoding="utf-8")
    return reg


def test_migreren_van_een_map_met_1000_aanvragen(team, pgcluster, db):
    naam, url = db
    reg = _map_register(team, aantal_extra=1000)
    voor = team.als("teamleider", "register", "status", "--register", reg, "--json")
    assert voor.code == 0, voor.fout
    u = team.als("teamleider", "register", "migreer", "--van", reg, "--naar", url)
    assert u.code == 0, u.fout
    assert "records gemigreerd, keten in orde" in u.uit
    na = team.als("teamleider", "register", "status", "--register", url, "--json")
    assert na.code == 0, na.fout
    a, b = json.loads(voor.uit), json.loads(na.uit)
    assert len(b["casussen"]) == 1002 and b["register_id"] == a["register_id"] and b["kop_hash"] == a["kop_hash"]
    assert b == a  # dezelfde stand: bedragen, wie wat deed, het register-id en de kop van de keten
    assert _sql(pgcluster, naam, "postgres", 'GRANT doorbraak_coach TO "anna", "bram"').returncode == 0
    assert team.als("bram", "register", "verifieer", "--register", url).code == 0
    # het archief ging mee: de documenten zoals ze bij het besluit in de map zijn gemaakt
    for aanvraag in ("M-1-1", "M-2-1"):
        u = team.als("bram", "register", "document", aanvraag, "-o", team.data("bram") / f"{aanvraag}.pdf",
                     "--register", url)
        assert u.code == 0, u.fout
        assert (team.data("bram") / f"{aanvraag}.pdf").read_bytes() == (reg / "verantwoording" / f"{aanvraag}.pdf").read_bytes()
    # wat daarna komt, sluit aan: een nieuwe aanvraag door anna (coach) in de database
    casus = schrijf_casus(team.casussen, "N-1", "300.00")
    casus.chmod(0o644)
    u = team.als("anna", "indienen", casus, "--register", url)
    assert u.code == 0, u.fout
    # een tweede keer migreren weigert: de database heeft al een register
    u = team.als("teamleider", "register", "migreer", "--van", reg, "--naar", url)
    assert u.code == 2 and "al een register" in u.fout


def test_een_record_met_de_hand_ertussen_wordt_geweigerd(team, pgcluster, db):
    naam, url = db
    assert team.als("teamleider", "register", "init", url, "--budget", "1000", "--escalatie", "teamleider").code == 0
    # de eigenaar probeert een record toe te voegen dat niet aansluit, of waarvan de hash niet klopt
    r = _sql(pgcluster, naam, "teamleider", "INSERT INTO doorbraak.record SELECT volgnummer + 1, hash, repeat('a', 64), "
                                       "'indiening', login, inhoud FROM doorbraak.record")
    assert r.returncode != 0 and "sluit niet aan op de keten" in r.stderr
    # een record zonder de velden van een record (vroeger kwam een ontbrekend veld als NULL door de controle)
    r = _sql(pgcluster, naam, "teamleider", "INSERT INTO doorbraak.record SELECT 2, hash, "
                                            "doorbraak.recordhash('{\"x\":1}'), 'onderhoud', 'teamleider', '{\"x\":1}' "
                                            "FROM doorbraak.record WHERE volgnummer = 1")
    assert r.returncode != 0 and "record 2 sluit niet aan op de keten" in r.stderr, r.stderr


def test_status_rekent_de_keten_na_en_verifieer_ook_de_canonieke_json(pgcluster, db):
    """De status rekent elke hash na over de opgeslagen tekst; verifieer bouwt bovendien de canonieke JSON opnieuw op
    in Python. Alleen de superuser kan buiten de triggers om iets veranderen: hier om dat na te bootsen. (In dit
    proces, als de teamleider: het testcluster laat root zich als een testrol aanmelden.)"""
    import gc
    from decimal import Decimal

    from doorbraak.diensten import maak_register, register_stand, verifieer_register
    from doorbraak.domein.fouten import InvoerFout

    naam, url = db
    url += "&user=teamleider"
    maak_register(url, Decimal("1000"), Decimal("500"), ["teamleider"])

    def buiten_de_triggers(sql):
        r = _sql(pgcluster, naam, "postgres", "ALTER TABLE doorbraak.record DISABLE TRIGGER USER; "
                                             f"{sql}; ALTER TABLE doorbraak.record ENABLE TRIGGER USER")
        assert r.returncode == 0, r.stderr

    fout = "record 1 klopt niet met zijn hash"
    # een ander budget in record 1, zonder de hash na te rekenen: status en verifieer weigeren
    buiten_de_triggers("UPDATE doorbraak.record SET inhoud = replace(inhoud, '\"1000.00\"', '\"9000.00\"')")
    with pytest.raises(InvoerFout, match=fout):
        register_stand(url)
    assert any(fout in p for p in verifieer_register(url)[1])
    buiten_de_triggers("UPDATE doorbraak.record SET inhoud = replace(inhoud, '\"9000.00\"', '\"1000.00\"')")
    assert verifieer_register(url)[1] == [] and register_stand(url).instellingen.budget == Decimal("1000")
    # dezelfde inhoud, maar niet canoniek en met de hash over die tekst (de trigger laat zo'n tekst nooit toe): de
    # status leest hem (de hash klopt met wat er staat); verifieer ziet dat de tekst niet canoniek is
    buiten_de_triggers("UPDATE doorbraak.record SET inhoud = '{ ' || substr(inhoud, 2), "
                       "hash = doorbraak.recordhash('{ ' || substr(inhoud, 2))")
    assert register_stand(url).instellingen.budget == Decimal("1000")
    assert any(fout in p for p in verifieer_register(url)[1])
    # de stand wordt opgebouwd zonder de garbage collector; daarna staat die weer zoals hij stond
    assert gc.isenabled()
    gc.disable()
    try:
        register_stand(url)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _init_met_coaches(team, pgcluster, naam, url, budget="1000"):
    u = team.als("teamleider", "register", "init", url, "--budget", budget, "--escalatie", "teamleider")
    assert u.code == 0, u.fout
    for login in COACHES:
        assert _sql(pgcluster, naam, "postgres", f'GRANT doorbraak_coach TO "{login}"').returncode == 0


def _dien_in(team, url, casus_id, bedrag, login="anna"):
    casus = schrijf_casus(team.casussen, casus_id, bedrag)
    casus.chmod(0o644)
    u = team.als(login, "indienen", casus, "--register", url)
    assert u.code == 0, u.fout


def test_route_status_en_budget_ook_bij_directe_aanroepen(team, pgcluster, db):
    naam, url = db
    _init_met_coaches(team, pgcluster, naam, url, budget="10000")
    # een aanvraag van € 9.800 als vier ogen indienen, buiten Doorbraak om
    gegevens = {"aanvraag": "Z-1-1", "casus_id": "Z-1", "titel": "x", "bedrag": "9800.00", "route": "vier-ogen",
                "eerder_goedgekeurd": "0.00", "limiet": "5000.00", "stuk": None}
    r = _sql(pgcluster, naam, "anna", f"SELECT doorbraak.voeg_toe('indiening', '{json.dumps(gegevens)}', 'x', "
                                         "'x', 'x')")
    assert r.returncode != 0 and "de aanvraag noemt route vier-ogen" in r.stderr and "escalatie" in r.stderr
    # een escalatie bij de toetsing goedkeuren
    _dien_in(team, url, "E-1", "9800.00")
    r = _sql(pgcluster, naam, "bram", "SELECT doorbraak.voeg_toe('toetsing', '{\"aanvraag\": \"E-1-1\", "
                                         "\"akkoord\": true, \"reden\": \"\", \"uitkomst\": \"goedgekeurd\"}', 'x', 'x', 'x')")
    assert r.returncode != 0 and "de uitkomst van E-1-1 is geëscaleerd, niet goedgekeurd" in r.stderr
    # de pot overschrijden: € 9.800 goedgekeurd (via de route), dan € 300 uit een pot met nog € 200
    assert team.als("bram", "toetsen", "E-1", "--register", url, "--akkoord").code == 0
    assert team.als("teamleider", "besluiten", "E-1", "--register", url, "--akkoord").code == 0
    _dien_in(team, url, "V-1", "300.00", login="carl")
    r = _sql(pgcluster, naam, "bram", "SELECT doorbraak.voeg_toe('toetsing', '{\"aanvraag\": \"V-1-1\", "
                                         "\"akkoord\": true, \"reden\": \"\", \"uitkomst\": \"goedgekeurd\"}', 'x', 'x', 'x')")
    assert r.returncode != 0 and "V-1-1 vraagt 300.00, maar in de budgetpot is nog 200.00 beschikbaar" in r.stderr
    # en een coach die de migratie-instelling zet, wordt toch gecontroleerd
    r = _sql(pgcluster, naam, "bram", "SET doorbraak.migreren = 'aan'; SELECT doorbraak.voeg_toe('toetsing', "
                                         "'{\"aanvraag\": \"V-1-1\", \"akkoord\": true, \"reden\": \"\", "
                                         "\"uitkomst\": \"goedgekeurd\"}', 'x', 'x', 'x')")
    assert r.returncode != 0 and "budgetpot" in r.stderr


def test_acht_processen_om_een_pot_voor_drie(team, pgcluster, db):
    """Acht toetsingen tegelijk (in acht processen) tegen een pot waarin drie passen: precies drie goedgekeurd."""
    import subprocess
    import sys

    naam, url = db
    _init_met_coaches(team, pgcluster, naam, url, budget="900")
    for i in range(8):
        _dien_in(team, url, f"R-{i}", "300.00")
    env = ["env", "-i", "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "PYTHONUTF8=1", f"DOORBRAAK_DATA={team.data('bram')}",
           f"DOORBRAAK_CONFIG={team.data('bram')}/config"]
    processen = [subprocess.Popen(["runuser", "-u", "bram", "--", *env, sys.executable, "-m", "doorbraak", "toetsen",
                                   f"R-{i}", "--register", url, "--akkoord"], cwd="/", stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for i in range(8)]
    uitkomsten = []
    for p in processen:  # communicate sluit ook de pijpen
        uit, fout = p.communicate(timeout=120)
        uitkomsten.append((p.returncode, uit, fout))
    goed = [u for u in uitkomsten if u[0] == 0]
    geweigerd = [u for u in uitkomsten if u[0] == 3]
    assert len(goed) == 3 and len(geweigerd) == 5, uitkomsten
    assert all("budgetpot" in u[2] for u in geweigerd)
    st = json.loads(team.als("carl", "register", "status", "--register", url, "--json").uit)
    assert (st["toegekend"], st["beschikbaar"]) == ("900.00", "0.00")


def test_een_gedode_client_midden_in_een_transactie_laat_niets_achter(team, pgcluster, db):
    import signal
    import subprocess
    import time

    naam, url = db
    _init_met_coaches(team, pgcluster, naam, url)
    gegevens = {"aanvraag": "K-1-1", "casus_id": "K-1", "titel": "x", "bedrag": "100.00", "route": "vier-ogen",
                "eerder_goedgekeurd": "0.00", "limiet": "5000.00", "stuk": None}
    sql = (f"BEGIN; SELECT doorbraak.voeg_toe('indiening', '{json.dumps(gegevens)}', 'anna', 'x', 'x'); "
           "SELECT 'toegevoegd'; SELECT pg_sleep(60); COMMIT;")
    p = subprocess.Popen(["runuser", "-u", "anna", "--", "psql", "-X", "-At", "-h", str(pgcluster.socketmap), "-p",
                          str(pgcluster.poort), "-d", naam, "-c", sql], cwd="/", stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        for _ in range(100):  # wacht tot het record in de (nog open) transactie staat
            if "1" == _sql(pgcluster, naam, "postgres", "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                                                        "'%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid()"
                           ).stdout.strip():
                break
            time.sleep(0.1)
        else:
            pytest.fail("de client kwam niet midden in zijn transactie")
    finally:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()  # wacht en sluit de pijpen
    for _ in range(100):  # de server merkt zelf dat de client weg is en draait de transactie terug
        if _sql(pgcluster, naam, "postgres", "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' "
                                             "AND pid <> pg_backend_pid()").stdout.strip() == "0":
            break
        time.sleep(0.1)
    else:
        pytest.fail("de server draaide de transactie van de verdwenen client niet terug")
    assert _sql(pgcluster, naam, "anna", "SELECT count(*) FROM doorbraak.record").stdout.strip() == "1"
    u = team.als("bram", "register", "verifieer", "--register", url)
    assert u.code == 0 and "1 records, keten in orde" in u.uit, u.uit + u.fout
    # en wie daarna indient, krijgt gewoon het volgende nummer
    _dien_in(team, url, "K-1", "100.00")


def test_een_record_noemt_wie_handelt_bij_zijn_eigen_naam(team, pgcluster, db):
    naam, url = db
    u = team.als("teamleider", "register", "init", url, "--budget", "1000", "--escalatie", "teamleider",
                 "--naam", "anna=Anna de Vries")
    assert u.code == 0, u.fout
    assert _sql(pgcluster, naam, "postgres", 'GRANT doorbraak_coach TO "anna"').returncode == 0
    gegevens = ('{"aanvraag": "N-1-1", "casus_id": "N-1", "bedrag": "10.00", "route": "vier-ogen", '
                '"eerder_goedgekeurd": "0.00", "stuk": null}')
    # anna dient direct in met de naam van de teamleider: de database weigert
    r = _sql(pgcluster, naam, "anna", f"SELECT doorbraak.voeg_toe('indiening', '{gegevens}', 'Tess de Teamleider', 'pc', 'x')")
    assert r.returncode != 0 and '"Tess de Teamleider" is niet de naam van anna' in r.stderr
    # een soort die het register niet kent, ook niet
    r = _sql(pgcluster, naam, "anna", "SELECT doorbraak.voeg_toe('notitie', '{}', 'anna', 'pc', 'x')")
    assert r.returncode != 0 and 'een record van soort "notitie" kent het register niet' in r.stderr
    # met haar login of haar weergavenaam wel
    r = _sql(pgcluster, naam, "anna", f"SELECT doorbraak.voeg_toe('indiening', '{gegevens}', 'Anna de Vries', 'pc', 'x')")
    assert r.returncode == 0, r.stderr
    assert _sql(pgcluster, naam, "anna", "SELECT inhoud::jsonb -> 'gebruiker' ->> 'naam' FROM doorbraak.record "
                                         "WHERE volgnummer = 2").stdout.strip() == "Anna de Vries"


def test_onderhoud_wist_een_stuk_en_laat_een_record_achter(team, pgcluster, db, tmp_path):
    naam, url = db
    _init_met_coaches(team, pgcluster, naam, url)
    _dien_in(team, url, "W-1", "100.00")
    sleutel = _sql(pgcluster, naam, "anna", "SELECT sleutel FROM doorbraak.stuk").stdout.strip()
    assert len(sleutel) == 64
    # geen coach, en geen DELETE buiten het pad om (ook niet met de instelling van het pad zelf)
    u = team.als("anna", "register", "wis-stuk", "W-1-1", "--reden", "BSN in de toelichting", "--register", url)
    assert u.code == 3 and "onderhoud doet alleen de eigenaar van de database (teamleider), niet anna" in u.fout
    for sql in ("DELETE FROM doorbraak.stuk",
                f"BEGIN; SET LOCAL doorbraak.onderhoud = '{sleutel}'; DELETE FROM doorbraak.stuk; COMMIT"):
        r = _sql(pgcluster, naam, "teamleider", sql)
        assert r.returncode != 0 and "doorbraak.wis_stuk" in r.stderr, (sql, r.stderr)
    u = team.als("teamleider", "register", "wis-stuk", "W-1-1", "--reden", "kort", "--register", url)
    assert u.code == 2 and "minstens 10 tekens" in u.fout
    # de eigenaar, met reden
    u = team.als("teamleider", "register", "wis-stuk", "W-1-1", "--reden", "BSN stond in de toelichting",
                 "--register", url)
    assert u.code == 0 and "Het stuk van W-1-1 is gewist; record 3 (onderhoud)" in u.uit, u.fout
    assert _sql(pgcluster, naam, "anna", "SELECT count(*) FROM doorbraak.stuk").stdout.strip() == "0"
    record = json.loads(_sql(pgcluster, naam, "anna", "SELECT inhoud FROM doorbraak.record WHERE volgnummer = 3").stdout)
    assert (record["soort"], record["gebruiker"]["os_login"], record["gegevens"]) == ("onderhoud", "teamleider", {
        "handeling": "stuk gewist", "aanvraag": "W-1-1", "stuk": sleutel, "reden": "BSN stond in de toelichting"})
    # de keten klopt, de aanvraag en haar bedrag staan er nog; het document zegt waarom het niet meer kan
    u = team.als("bram", "register", "verifieer", "--register", url)
    assert u.code == 0 and "3 records, keten in orde" in u.uit, u.uit + u.fout
    u = team.als("bram", "register", "status", "--register", url, "--json")
    (c,) = json.loads(u.uit)["casussen"]
    assert (c["casus_id"], c["bedrag"], c["status"]) == ("W-1", "100.00", "ingediend")
    u = team.als("bram", "pdf", "W-1", "--register", url, "-o", tmp_path / "w.pdf")  # root's map: geen toegang
    assert u.code == 2 and f"u hebt geen toegang tot de map {tmp_path}; er is niets geschreven" in u.fout, u.fout
    u = team.als("bram", "pdf", "W-1", "--register", url, "-o", team.data("bram") / "w.pdf")
    assert u.code == 2 and "het stuk van W-1-1 is gewist door teamleider" in u.fout and "BSN stond in" in u.fout
    # een document archiveren bij een aanvraag die niet is goedgekeurd, kan niet
    r = _sql(pgcluster, naam, "anna", "SELECT doorbraak.archiveer('W-1-1', '%PDF-1.4'::bytea)")
    assert r.returncode != 0 and "W-1-1 is geen goedgekeurde aanvraag" in r.stderr
    # nog eens wissen kan niet: er is niets meer
    u = team.als("teamleider", "register", "wis-stuk", "W-1-1", "--reden", "nog een keer wissen", "--register", url)
    assert u.code == 2 and "heeft geen stuk (meer)" in u.fout


def test_wis_stuk_in_een_map_verwijst_naar_postgresql(tmp_path, capsys):
    from tests import conftest
    from tests.registerhulp import nieuw_register

    reg = nieuw_register(tmp_path / "r")
    code, _, err = conftest.draai(capsys, "register", "wis-stuk", "C-1-1", "--reden", "BSN in de toelichting",
                                  "--register", reg)
    assert code == 2 and "kan alleen in een register op PostgreSQL" in err


def test_een_nacalculatie_buiten_doorbraak_om_vult_de_pot_niet(registers, pgcluster, tmp_path):
    """Een coach die de functie direct aanroept met een te hoog 'vrijgevallen' bedrag (dat zou de pot vullen)."""
    import psycopg

    from tests.registerhulp import BERT, dien_in_als, stand, toets_als

    reg = registers.nieuw()
    dien_in_als(reg, schrijf_casus(tmp_path, "N-1", "2400.00"), BERT)
    toets_als(reg, "N-1", True, "", Gebruiker("carla", "carla", "pc"))
    gegevens = {"aanvraag": "N-1-1", "casus_id": "N-1", "werkelijke_uitgave": "0.00", "toegekend": "2400.00",
                "vrijgevallen": "9000.00", "stuk": None}
    with psycopg.connect(reg.als("anna")) as c:
        for g, melding in ((gegevens, "de nacalculatie van N-1-1 klopt niet: toegekend 2400.00, werkelijke uitgave "
                                      "0.00, vrijgevallen 9000.00 (de database rekent toegekend 2400.00, dus "
                                      "vrijgevallen 2400.00)"),
                           (gegevens | {"werkelijke_uitgave": "-6600.00", "vrijgevallen": "9000.00"}, "klopt niet"),
                           (gegevens | {"aanvraag": "N-1-2"}, "gaat over de laatste goedgekeurde aanvraag van N-1 "
                                                              "(N-1-1), niet N-1-2")):
            with pytest.raises(psycopg.Error, match=re.escape(melding)):
                with c.transaction():
                    c.execute("SELECT doorbraak.voeg_toe('nacalculatie', %s::jsonb, 'anna', 'pc', 'x')",
                              (json.dumps(g),))
        with pytest.raises(psycopg.Error, match="anna staat niet op de escalatielijst"):
            with c.transaction():
                c.execute("SELECT doorbraak.voeg_toe('budget', '{\"jaar\": 2027, \"bedrag\": \"-5\"}', 'anna', "
                          "'pc', 'x')")
    with psycopg.connect(reg.als("marieke")) as c:  # (op de escalatielijst)
        for g, melding in (('{"jaar": 2027, "bedrag": "-5"}', "een wijziging van de instellingen of het budget noemt "
                                                               "een reden"),
                           ('{"jaar": 2027, "bedrag": "5.00", "reden": "x"}', "dit register heeft geen budgetjaren")):
            with pytest.raises(psycopg.Error, match=melding):
                with c.transaction():
                    c.execute("SELECT doorbraak.voeg_toe('budget', %s::jsonb, 'marieke', 'pc', 'x')", (g,))
    assert stand(reg).beschikbaar == D("7600.00")


def test_wis_stuk_wist_ook_het_gearchiveerde_document(team, pgcluster, db, tmp_path):
    naam, url = db
    _init_met_coaches(team, pgcluster, naam, url)
    _dien_in(team, url, "G-1", "100.00")
    u = team.als("bram", "toetsen", "G-1", "--register", url, "--akkoord")
    assert u.code == 0 and "NIET gearchiveerd" not in u.fout, u.fout
    uit = team.data("bram") / "g.pdf"
    assert team.als("bram", "register", "document", "G-1-1", "-o", uit, "--register", url).code == 0
    assert uit.read_bytes().startswith(b"%PDF-")
    # een tweede, ander document vervangt het eerste niet
    eerste = _sql(pgcluster, naam, "bram", "SELECT sleutel FROM doorbraak.document").stdout.strip()
    r = _sql(pgcluster, naam, "bram", "SELECT doorbraak.archiveer('G-1-1', '%PDF-1.7 vals'::bytea)")
    assert r.returncode == 0 and r.stdout.strip() == eerste
    # een ander dan wie besloot kan er geen eigen PDF neerleggen
    r = _sql(pgcluster, naam, "carl", "SELECT doorbraak.archiveer('G-1-1', '%PDF-1.7 vals'::bytea)")
    assert r.returncode != 0 and ("het document van G-1-1 archiveert wie besloot (bram) of de eigenaar van de database, "
                                  "niet carl") in r.stderr
    u = team.als("teamleider", "register", "wis-stuk", "G-1-1", "--reden", "naam van het kind in de toelichting",
                 "--register", url)
    assert u.code == 0, u.fout
    record = json.loads(_sql(pgcluster, naam, "anna", "SELECT inhoud FROM doorbraak.record ORDER BY volgnummer DESC "
                                                       "LIMIT 1").stdout)
    assert record["gegevens"]["document"] == eerste and len(record["gegevens"]["stuk"]) == 64
    assert _sql(pgcluster, naam, "anna", "SELECT count(*) FROM doorbraak.stuk").stdout.strip() == "0"
    u = team.als("bram", "register", "document", "G-1-1", "-o", team.data("bram") / "h.pdf", "--register", url)
    assert u.code == 2 and "het stuk van G-1-1 is gewist door teamleider" in u.fout
    u = team.als("carl", "register", "verifieer", "--register", url)
    assert u.code == 0 and "keten in orde" in u.uit, u.uit + u.fout


def test_een_tweede_register_in_een_andere_database_hergebruikt_de_rollen(team, pgcluster, db):
    naam, url = db
    u = team.als("teamleider", "register", "init", url, "--budget", "1000", "--escalatie", "teamleider,nog_niemand")
    assert u.code == 0, u.fout
    assert "doorbraak_escalatie is gegeven aan: teamleider" in u.uit
    assert ('let op: nog_niemand heeft nog geen rol in deze database; maak die (CREATE ROLE "nog_niemand" LOGIN'
            in u.uit)
    tweede = f"{naam}_2"
    assert psql(pgcluster, "postgres", f'CREATE DATABASE {tweede} OWNER "teamleider"').returncode == 0
    try:
        u = team.als("teamleider", "register", "init", pgcluster.url(tweede), "--budget", "500", "--escalatie",
                     "teamleider")
        assert u.code == 0 and "Register gemaakt in" in u.uit, u.fout
        rollen = psql(pgcluster, "postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'doorbraak%' ORDER BY 1")
        assert rollen.stdout.split() == ["doorbraak_coach", "doorbraak_escalatie"]
        # dezelfde rol geldt in beide registers: bram (coach) kan in allebei lezen
        assert _sql(pgcluster, naam, "postgres", 'GRANT doorbraak_coach TO "bram"').returncode == 0
        for url_ in (url, pgcluster.url(tweede)):
            u = team.als("bram", "register", "status", "--register", url_, "--json")
            assert u.code == 0, u.fout
        assert [json.loads(team.als("bram", "register", "status", "--register", u_, "--json").uit)["budget_totaal"]
                for u_ in (url, pgcluster.url(tweede))] == ["1000.00", "500.00"]
    finally:
        psql(pgcluster, "postgres", f"DROP DATABASE {tweede} WITH (FORCE)")


def test_de_rol_doorbraak_escalatie_geldt_alleen_met_de_escalatielijst_van_het_register(registers, pgcluster, tmp_path):
    """De rol is clusterbreed: wie in register A mag beslissen, mag dat in register B alleen als hij ook op de
    escalatielijst van B staat, ook wie de functies direct aanroept."""
    import psycopg

    from tests.registerhulp import BERT, dien_in_als, toets_als

    a = registers.nieuw("a", escalatie=("marieke", "carla"))  # carla krijgt de rol doorbraak_escalatie
    b = registers.nieuw("b", escalatie=("marieke",))
    assert a.basis != b.basis
    dien_in_als(b, schrijf_casus(tmp_path, "E-1", "7000.00"), Gebruiker("anna", "anna", "pc"))
    toets_als(b, "E-1", True, "", BERT)
    besluit = {"aanvraag": "E-1-1", "akkoord": True, "reden": "", "uitkomst": "goedgekeurd"}
    with psycopg.connect(b.als("carla")) as c:
        with pytest.raises(psycopg.Error, match="carla staat niet op de escalatielijst van dit register"):
            c.execute("SELECT doorbraak.voeg_toe('besluit', %s::jsonb, 'carla', 'pc', 'x')", (json.dumps(besluit),))
    with psycopg.connect(b.als("marieke")) as c:
        c.execute("SELECT doorbraak.voeg_toe('besluit', %s::jsonb, 'Marieke de Boer', 'pc', 'x')",
                  (json.dumps(besluit),))


def test_back_up_met_pg_dump_en_terugzetten_met_pg_restore(registers, pgcluster, tmp_path):
    """Zoals de README het beschrijft: een dump, teruggezet in een nieuwe database, geeft dezelfde keten."""
    import subprocess
    import tempfile
    import uuid

    from tests.pgcluster import BINMAP
    from tests.registerhulp import ANNA, BERT, dien_in_als, stand, toets_als

    herstel = f"herstel_{uuid.uuid4().hex[:8]}"
    dumpmap = Path(tempfile.mkdtemp(prefix="doorbraak-dump-"))
    try:
        reg = registers.nieuw()
        dien_in_als(reg, schrijf_casus(tmp_path, "H-1", "800.00"), ANNA)
        toets_als(reg, "H-1", True, "", BERT)
        dumpmap.chmod(0o777)
        dump = dumpmap / "doorbraak.dump"
        db = reg.basis.split("///")[1].split("?")[0]
        verbinding = ["-h", str(pgcluster.socketmap), "-p", str(pgcluster.poort)]
        for opdracht in ([BINMAP / "pg_dump", "-Fc", "-f", dump, *verbinding, db],
                         [BINMAP / "createdb", "-O", "eigenaar", *verbinding, herstel],
                         [BINMAP / "pg_restore", "-d", herstel, *verbinding, dump]):
            p = subprocess.run(["runuser", "-u", "postgres", "--", *map(str, opdracht)], capture_output=True,
                               text=True, cwd="/")
            assert p.returncode == 0, p.stderr
        kopie = reg.__class__("postgresql", pgcluster.url(herstel))
        origineel, terug = stand(reg), stand(kopie)
        assert (terug.kop_hash, terug.aantal_records, terug.toegekend) == (
            origineel.kop_hash, origineel.aantal_records, D("800.00"))
        from doorbraak.diensten import lees_document, verifieer_register

        assert verifieer_register(kopie.als("carla"))[1] == []
        assert lees_document("H-1-1", kopie.als("carla")) == lees_document("H-1-1", reg.als("carla"))
        # en ook in de kopie wijzigt niemand iets
        r = psql(pgcluster, "postgres", "DELETE FROM doorbraak.record", herstel)
        assert r.returncode != 0 and "alleen aangevuld" in r.stderr
    finally:
        psql(pgcluster, "postgres", f"DROP DATABASE IF EXISTS {herstel} WITH (FORCE)")
        import shutil

        shutil.rmtree(dumpmap, ignore_errors=True)


def test_de_afgeleide_stand_volgt_de_keten_en_verifieer_ziet_een_afwijking(registers, pgcluster, tmp_path):
    """De regels van de database en de handelingen lezen de afgeleide stand (sql/006); die moet precies volgen uit
    de keten, ook na een nacalculatie, en wie haar buiten de trigger om wijzigt, ziet verifieer terug."""
    from doorbraak.diensten import nacalculeer, verifieer_register
    from tests.registerhulp import BERT, MANAGER, dien_in_als, stand, toets_als
    from tests.test_register_gedeeld import _nacalculatie

    reg = registers.nieuw()
    anna = Gebruiker("anna", "anna", "pc")
    for casus_id, bedrag in (("A-1", "1000.00"), ("A-2", "2500.00"), ("A-3", "300.00")):
        dien_in_als(reg, schrijf_casus(tmp_path, casus_id, bedrag), anna)
    toets_als(reg, "A-1", True, "", BERT)
    toets_als(reg, "A-2", True, "", BERT)
    toets_als(reg, "A-3", False, "nee", BERT)
    nacalculeer("A-1", _nacalculatie(tmp_path, "A-1", "900.00"), reg.als(MANAGER), gebruiker=MANAGER)
    nacalculeer("A-1", _nacalculatie(tmp_path, "A-1", "750.00"), reg.als(MANAGER), gebruiker=MANAGER)  # telt
    db = reg.basis.split("///")[1].split("?")[0]
    jaar = stand(reg).aanvragen[0].besluitjaar
    assert psql(pgcluster, "postgres", "SELECT jaar, toegekend, vrijgevallen FROM doorbraak.totaal", db
                ).stdout.split() == [f"{jaar}|3500.00|250.00"]
    assert stand(reg).beschikbaar == D("6750.00")  # 10.000 - 3.500 + 250
    assert verifieer_register(reg.als("carla"))[1] == []
    # de eigenaar (hier de superuser) past de afgeleide stand aan: de database zou meer geld zien
    assert psql(pgcluster, "postgres", "UPDATE doorbraak.totaal SET toegekend = 0; "
                                       "UPDATE doorbraak.aanvraag SET status = 'afgewezen' WHERE aanvraag = 'A-2-1'",
                db).returncode == 0
    problemen = verifieer_register(reg.als("carla"))[1]
    assert "de afgeleide stand in de database (doorbraak.aanvraag) wijkt bij A-2-1 af van de keten" in problemen[0]
    assert (f"de afgeleide stand in de database (doorbraak.totaal) wijkt voor {jaar} af van de keten: toegekend 0 "
            "en vrijgevallen 250.00 in plaats van 3500.00 en 250.00") in problemen[1]


@pytest.mark.parametrize("met_orjson", [True, False])
def test_een_record_lezen_met_en_zonder_orjson(monkeypatch, met_orjson):
    import sys

    from doorbraak.register.pg_register import _json_lezer

    if not met_orjson:
        monkeypatch.setitem(sys.modules, "orjson", None)  # niet geïnstalleerd: de standaardbibliotheek
    lees = _json_lezer()
    assert lees('{"gegevens":{"bedrag":"120.00"},"volgnummer":2}') == {"gegevens": {"bedrag": "120.00"}, "volgnummer": 2}
    for fout in ('{"a":1} x', '{"a":', ""):
        with pytest.raises(ValueError):
            lees(fout)


def test_archiveer_slaat_een_gewist_stuk_over_en_gaat_door(registers, pgcluster, tmp_path, monkeypatch):
    from doorbraak.diensten import archiveer_documenten, verifieer_register, wis_stuk
    from doorbraak.register.pg_register import PgRegister
    from tests.registerhulp import BERT, dien_in_als, toets_als

    reg = registers.nieuw()
    anna = Gebruiker("anna", "anna", "pc")
    echt = PgRegister.archiveer

    def mislukt(self, aanvraag, pdf):
        raise OSError(28, "schijf vol")

    monkeypatch.setattr(PgRegister, "archiveer", mislukt)  # het archiveren na het besluit mislukt
    for casus_id in ("A-1", "B-1"):
        dien_in_als(reg, schrijf_casus(tmp_path, casus_id, "100.00"), anna)
        _, melding = toets_als(reg, casus_id, True, "", BERT)
        assert f"het besluit over {casus_id}-1 IS vastgelegd" in melding and "NIET gearchiveerd" in melding
    monkeypatch.setattr(PgRegister, "archiveer", echt)
    wis_stuk("A-1-1", "BSN in de toelichting gevonden", reg.als("eigenaar"))
    _, problemen = verifieer_register(reg.als("carla"))
    assert problemen == []
    assert archiveer_documenten(reg.als("bert")) == ["B-1-1"]  # wie besloot; A-1-1 is met reden gewist
    assert archiveer_documenten(reg.als("bert")) == []
    register, problemen = verifieer_register(reg.als("carla"))
    assert problemen == [] and not [m for m in register.meldingen if "verantwoordingsdocument" in m]


def test_de_database_weigert_een_record_dat_doorbraak_niet_kan_lezen(registers, pgcluster, tmp_path):
    """Records gaan nooit meer weg: wat Doorbraak bij het lezen eist, eist de database bij het schrijven."""
    import psycopg

    from doorbraak.diensten import register_stand
    from tests.registerhulp import dien_in_als

    reg = registers.nieuw()
    dien_in_als(reg, schrijf_casus(tmp_path, "V-1", "100.00"), Gebruiker("anna", "anna", "pc"))
    indiening = {"aanvraag": "V-1-7", "casus_id": "V-1", "bedrag": "10.00", "route": "vier-ogen",
                 "eerder_goedgekeurd": "0.00"}
    with psycopg.connect(reg.als("bert")) as c:
        for soort, g, melding in (
                ("toetsing", {"aanvraag": "V-1-1", "uitkomst": "goedgekeurd"}, "noemt aanvraag, akkoord"),
                ("toetsing", {"aanvraag": "V-1-1", "akkoord": "ja", "uitkomst": "goedgekeurd"}, "akkoord (true of"),
                ("indiening", indiening | {"casus_id": "W-1"}, "de volgende aanvraag voor W-1 heet W-1-1"),
                ("indiening", indiening | {"casus_id": "W-1", "aanvraag": "W-1-1", "bedrag": "10"},
                 "een indiening noemt casus_id, bedrag, route"),
                ):
            with pytest.raises(psycopg.Error, match=re.escape(melding)):
                with c.transaction():
                    c.execute("SELECT doorbraak.voeg_toe(%s, %s::jsonb, 'bert', 'pc', 'x')", (soort, json.dumps(g)))
    with psycopg.connect(reg.als("marieke")) as c:  # ook wie op de escalatielijst staat
        with pytest.raises(psycopg.Error, match="een herstel aanvaarden hoort bij een register in een map"):
            c.execute("SELECT doorbraak.voeg_toe('herstel', '{\"reden\": \"x\"}', 'marieke', 'pc', 'x')")
    st = register_stand(reg.als("carla"))  # het register is nog te lezen
    assert [(a.aanvraag, a.status) for a in st.aanvragen] == [("V-1-1", "ingediend")]


def test_vrijgevallen_geld_gaat_terug_naar_de_potten_waaruit_het_kwam(registers, pgcluster, tmp_path, monkeypatch):
    """Een casus met een goedkeuring in 2025 (€ 4.000) en een in dit jaar (€ 100). Gaf de casus niets uit, dan valt
    € 100 terug in de pot van dit jaar en € 4.000 in die van 2025, niet alles in die van dit jaar (dan kon een
    nacalculatie de pot van dit jaar vullen met geld van vorig jaar). Database en Doorbraak rekenen hetzelfde."""
    from doorbraak.diensten import (
        maak_register, migreer_register, nacalculeer, open_budget, register_stand, verifieer_register,
    )
    from doorbraak.register import opslag, workflow
    from tests.registerhulp import ANNA, BERT, MANAGER, dien_in_als, toets_als
    from tests.test_register_gedeeld import _nacalculatie

    dit_jaar = workflow.huidig_jaar()
    echt = opslag.nu_utc
    monkeypatch.setattr(opslag, "nu_utc", lambda: f"{dit_jaar - 1}-06-01T10:00:00.000000Z")
    map_ = tmp_path / "map"
    maak_register(map_, D("10000"), D("5000"), ["marieke"], gebruiker=ANNA, budgetjaar=dit_jaar - 1)
    from doorbraak.diensten import dien_in, toets

    dien_in(schrijf_casus(tmp_path, "J-1", "4000.00"), map_, gebruiker=ANNA)
    toets("J-1", True, "", map_, gebruiker=BERT)
    monkeypatch.setattr(opslag, "nu_utc", echt)
    reg = registers.leeg()
    migreer_register(map_, reg.als("eigenaar"))
    db = reg.basis.split("///")[1].split("?")[0]
    assert psql(pgcluster, "postgres", 'GRANT doorbraak_coach TO "anna", "bert", "carla"', db).returncode == 0
    open_budget(reg.als(MANAGER), dit_jaar, D("1000"), "begroting", gebruiker=MANAGER)
    dien_in_als(reg, schrijf_casus(tmp_path, "J-1", "100.00"), ANNA)
    assert toets_als(reg, "J-1", True, "", BERT)[0].status == "goedgekeurd"
    nacalculeer("J-1", _nacalculatie(tmp_path, "J-1", "0.00"), reg.als(ANNA), gebruiker=ANNA)
    jaren = {j["jaar"]: (j["toegekend"], j["vrijgevallen"], j["beschikbaar"])
             for j in register_stand(reg.als("carla")).jaren()}
    assert jaren == {dit_jaar - 1: (D("4000.00"), D("4000.00"), D("10000.00")),
                     dit_jaar: (D("100.00"), D("100.00"), D("1000.00"))}
    assert psql(pgcluster, "postgres", "SELECT jaar, toegekend, vrijgevallen FROM doorbraak.totaal ORDER BY jaar",
                db).stdout.split() == [f"{dit_jaar - 1}|4000.00|4000.00", f"{dit_jaar}|100.00|100.00"]
    assert verifieer_register(reg.als("carla"))[1] == []
    # en een aanvraag van € 1.100 past dus niet in de pot van dit jaar (€ 1.000 beschikbaar)
    dien_in_als(reg, schrijf_casus(tmp_path, "K-1", "1100.00"), ANNA)
    with pytest.raises(Exception, match=r"K-1-1 vraagt € 1\.100,00, maar in de budgetpot \d+ is nog € 1\.000,00"):
        toets_als(reg, "K-1", True, "", BERT)


def test_het_budget_kan_ook_buiten_doorbraak_om_niet_onder_het_toegekende(registers, pgcluster, tmp_path):
    import psycopg

    from doorbraak.diensten import register_stand
    from tests.registerhulp import ANNA, BERT, dien_in_als, toets_als

    reg = registers.nieuw()
    dien_in_als(reg, schrijf_casus(tmp_path, "B-1", "4000.00"), ANNA)
    toets_als(reg, "B-1", True, "", BERT)
    instellingen = register_stand(reg.als("marieke")).instellingen.als_dict() | {"budget": "1.00"}
    for vast in ("oefenregister", "budgetjaar", "kostenplaats"):
        instellingen.pop(vast, None)
    with psycopg.connect(reg.als("marieke")) as c:  # op de escalatielijst, maar toch niet onder de € 4.000
        with pytest.raises(psycopg.Error, match="het budget kan niet lager worden dan wat al is toegekend"):
            c.execute("SELECT doorbraak.voeg_toe('instellingen', %s::jsonb, 'marieke', 'pc', 'x')",
                      (json.dumps({"instellingen": instellingen, "reden": "bezuiniging"}),))
    assert register_stand(reg.als("carla")).beschikbaar == D("6000.00")


def test_wis_stuk_wist_ook_de_stukken_van_de_nacalculaties(registers, pgcluster, tmp_path):
    from doorbraak.diensten import nacalculeer, verifieer_register, wis_stuk
    from tests.registerhulp import BERT, MANAGER, dien_in_als, toets_als
    from tests.test_register_gedeeld import _nacalculatie

    reg = registers.nieuw()
    dien_in_als(reg, schrijf_casus(tmp_path, "N-1", "500.00"), Gebruiker("anna", "anna", "pc"))
    toets_als(reg, "N-1", True, "", BERT)
    nacalculeer("N-1", _nacalculatie(tmp_path, "N-1", "400.00"), reg.als(MANAGER), gebruiker=MANAGER)
    db = reg.basis.split("///")[1].split("?")[0]
    assert psql(pgcluster, "postgres", "SELECT count(*) FROM doorbraak.stuk", db).stdout.strip() == "3"
    record = wis_stuk("N-1-1", "toelichting noemt de naam van het kind", reg.als("eigenaar"))
    assert len(record["gegevens"]["nacalculaties"]) == 1 and record["gegevens"]["document"]
    assert psql(pgcluster, "postgres", "SELECT count(*) FROM doorbraak.stuk", db).stdout.strip() == "0"
    assert verifieer_register(reg.als("carla"))[1] == []
