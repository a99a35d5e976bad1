"""Het register op PostgreSQL (psycopg 3), achter dezelfde interface als het register in een map.

De database dwingt de regels af die over personen gaan (zie sql/001_register.sql): wie handelt is de
geauthenticeerde gebruiker (`session_user`), records worden alleen toegevoegd (ook de eigenaar wijzigt of
verwijdert niets), de indiener toetst en besluit niet, en besluiten en instellingen wijzigen mag alleen een lid
van `doorbraak_escalatie`. Clientrollen hebben geen INSERT, UPDATE, DELETE of TRUNCATE: ze handelen alleen via
functies. De records dragen dezelfde hashketen als een register in een map.

Wachtwoorden komen nooit op de opdrachtregel: gebruik PGPASSFILE, een servicebestand of GSSAPI/Kerberos.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from doorbraak.domein.fouten import InvoerFout, Probleem, Weigering
from doorbraak.register.opslag import NUL_HASH, RECORDFORMAAT, Gebruiker, programma, recordhash

SQLMAP = Path(__file__).resolve().parent / "sql"
ROLLEN = ("doorbraak_coach", "doorbraak_escalatie")


def is_postgresql(locatie: str | Path | None) -> bool:
    """Is `locatie` een PostgreSQL-URL (`postgresql://…`) in plaats van een map?"""
    return str(locatie or "").strip().lower().startswith(("postgresql:", "postgres:"))


def wachtwoord_in_url(url: str) -> bool:
    """Staat er een wachtwoord in deze PostgreSQL-URL: `postgresql://wie:wachtwoord@…` of `?password=…`?"""
    from urllib.parse import parse_qsl, urlsplit

    tekst = str(url).strip()
    gebruiker, apenstaart, _ = tekst.split("//", 1)[-1].split("?", 1)[0].rpartition("@")
    if apenstaart and ":" in gebruiker:  # ook met een '/' in het wachtwoord, dat urlsplit als pad leest
        return True
    try:
        delen = urlsplit(tekst)
        return delen.password is not None or any(
            sleutel.strip().lower() == "password" for sleutel, _ in parse_qsl(delen.query, keep_blank_values=True))
    except ValueError:  # geen leesbare URL: dan zeker geen wachtwoord laten staan
        return "password" in tekst.lower()


class PgFout(InvoerFout):
    def __init__(self, url: str, melding: str):
        super().__init__(Probleem("", melding), f"register {_zonder_wachtwoord(url)}")


def _zonder_wachtwoord(url: str) -> str:
    """Een URL om te tonen: een eventueel wachtwoord (dat er niet hoort) vervangen door ***."""
    import re

    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _psycopg():
    try:
        import psycopg
    except ModuleNotFoundError as fout:
        if fout.name != "psycopg":
            raise InvoerFout(Probleem("--register", f"psycopg is er, maar kan niet laden: {fout}")) from None
        raise InvoerFout(Probleem("--register", "een register op PostgreSQL vraagt psycopg: installeer Doorbraak met "
                                  "pip install -e \".[postgresql]\"")) from None
    except ImportError as fout:  # geïnstalleerd, maar een bibliotheek ervan ontbreekt of laadt niet
        raise InvoerFout(Probleem("--register", f"psycopg is er, maar kan niet laden: {fout}")) from None
    return psycopg


class PgRegister:
    """Een register in een PostgreSQL-database (schema `doorbraak`)."""

    def __init__(self, url: str):
        if wachtwoord_in_url(url):
            raise InvoerFout(Probleem("--register", "zet geen wachtwoord in de URL: gebruik PGPASSFILE, een "
                                      "servicebestand of GSSAPI/Kerberos"))
        self.url = url
        self.naam = _zonder_wachtwoord(url)
        self.meldingen: list[str] = []

    def _verbind(self):
        psycopg = _psycopg()
        try:
            return psycopg.connect(self.url, connect_timeout=10, application_name="doorbraak")
        except psycopg.OperationalError as e:
            raise PgFout(self.url, f"de database is niet bereikbaar ({_eerste_regel(e)})") from None
        except psycopg.Error as e:  # bijvoorbeeld een URL die libpq niet kan lezen
            raise PgFout(self.url, f"de URL is niet te gebruiken ({_eerste_regel(e)})") from None

    @contextmanager
    def _verbinding(self):
        """Een verbinding waarbinnen elke fout van de database een Nederlandse melding wordt (en de transactie
        terugdraait: er is dan niets half vastgelegd)."""
        psycopg = _psycopg()
        with self._verbind() as c:
            try:
                yield c
            except psycopg.Error as e:
                raise _vertaal(e, self.url) from None

    def sessiegebruiker(self) -> Gebruiker:
        """De geauthenticeerde databasegebruiker (session_user), met de naam van deze machine."""
        import socket

        with self._verbinding() as c:
            login = c.execute("SELECT session_user").fetchone()[0]
        return Gebruiker(login, login, socket.gethostname())

    # ------------------------------------------------------------ lezen

    def bestaat(self) -> bool:
        with self._verbinding() as c:
            return c.execute("SELECT to_regclass('doorbraak.record') IS NOT NULL").fetchone()[0]

    def records(self, *, volledig: bool = False) -> list[dict[str, Any]]:
        with self._verbinding() as c:
            return _lees_records(c, self.url, volledig=volledig)

    def keten(self) -> list[dict[str, Any]]:
        records = self.records()
        if not records:
            raise PgFout(self.url, "er staat nog geen register in deze database; maak het met 'doorbraak register init'")
        return records

    def bevestig(self, records, escalatie) -> None:
        """De database zelf is de bron: geen getuige nodig (niemand kan records weghalen of vervangen)."""

    def verifieer(self) -> list[str]:
        """De hele keten opnieuw nagerekend, en of elk stuk waarnaar een record verwijst er is en klopt."""
        from doorbraak.register.opslag import stukhash

        try:
            records = self.records(volledig=True)
        except PgFout as fout:
            return [fout.problemen[0].melding]
        if not records:
            return ["er staat nog geen register in deze database"]
        problemen = []
        gewist = {sleutel for r in records if r["soort"] == "onderhoud" for sleutel in _gewiste_stukken(r)}
        with self._verbinding() as c:
            for r in records:
                sleutel = (r.get("gegevens") or {}).get("stuk")
                if isinstance(sleutel, str) and (r["soort"] == "onderhoud" or sleutel in gewist):
                    continue  # met reden gewist via het onderhoudspad (record 'onderhoud'); de keten zelf klopt
                if isinstance(sleutel, str):
                    rij = c.execute("SELECT inhoud FROM doorbraak.stuk WHERE sleutel = %s", (sleutel,)).fetchone()
                    if rij is None or stukhash(bytes(rij[0])) != sleutel:
                        problemen.append(f"record {r['volgnummer']}: stuk {sleutel[:16]} ontbreekt of is gewijzigd")
            problemen += _vergelijk_afgeleide_stand(c, records)
        return problemen

    def afwijking(self, records):
        return None  # niemand kan records weghalen of vervangen: geen getuige nodig

    def aantal_records(self) -> int:
        with self._verbinding() as c:
            return c.execute("SELECT count(*) FROM doorbraak.record").fetchone()[0]

    def lees_stuk(self, sleutel: str) -> bytes:
        with self._verbinding() as c:
            rij = c.execute("SELECT inhoud FROM doorbraak.stuk WHERE sleutel = %s", (sleutel,)).fetchone()
        if rij is None:
            for r in self.records():
                if r["soort"] == "onderhoud" and sleutel in _gewiste_stukken(r):
                    g = r["gegevens"]
                    raise PgFout(self.url, f"het stuk van {g.get('aanvraag')} is gewist door {r['gebruiker']['os_login']}"
                                           f" op {r['tijd'][:10]} (record {r['volgnummer']}): {g.get('reden')}")
            raise PgFout(self.url, f"stuk {sleutel[:16]} ontbreekt")
        return bytes(rij[0])

    def stand_voor(self, casus_id: str):
        """De stand van één casus met de totalen van het register (zonder alle records te lezen)."""
        with self._verbinding() as c:
            return stand_uit(_lees_records_voor(c, self.url, casus_id))

    def rollen(self, logins: list[str]) -> dict[str, bool | None]:
        """Per login: lid van doorbraak_escalatie (True), een rol zonder dat lidmaatschap (False), of geen rol (None)."""
        uit: dict[str, bool | None] = {}
        with self._verbinding() as c:
            for login in logins:
                rij = c.execute("SELECT pg_has_role(oid, 'doorbraak_escalatie', 'MEMBER') FROM pg_roles WHERE rolname = %s",
                                (login,)).fetchone()
                uit[login] = None if rij is None else bool(rij[0])
        return uit

    def archiveer(self, aanvraag: str, pdf: bytes) -> str:
        """Bewaar het verantwoordingsdocument van een goedgekeurde aanvraag (sql/005); het eerste blijft."""
        with self._verbinding() as c:
            with c.transaction():
                return c.execute("SELECT doorbraak.archiveer(%s, %s)", (aanvraag, pdf)).fetchone()[0]

    def documenten(self) -> dict[str, str]:
        """Aanvraag -> sleutel van het gearchiveerde document."""
        with self._verbinding() as c:
            if c.execute("SELECT to_regclass('doorbraak.document')").fetchone()[0] is None:
                return {}
            return dict(c.execute("SELECT aanvraag, sleutel FROM doorbraak.document").fetchall())

    def wis_stuk(self, aanvraag: str, reden: str) -> dict[str, Any]:
        """Het onderhoudspad (sql/003): wis het stuk van een aanvraag, met een record 'onderhoud' in de keten. Alleen
        de eigenaar van de database; de database controleert dat zelf."""
        with self._verbinding() as c:
            with c.transaction():
                record = c.execute("SELECT doorbraak.wis_stuk(%s, %s, %s)", (aanvraag, reden, programma())).fetchone()[0]
        if recordhash(record) != record["hash"]:
            raise PgFout(self.url, f"record {record['volgnummer']}: de hash van de database en die van Doorbraak verschillen")
        return record

    # ------------------------------------------------------------ schrijven

    def maak(self, instellingen: dict[str, Any], gebruiker: Gebruiker, *, gedeeld: bool = True) -> dict[str, Any]:
        """Het schema (migraties), de rollen en record 1; als eigenaar van de database."""
        escalatie = [str(e) for e in instellingen.get("escalatie", [])]
        with self._verbinding() as c:
            with c.transaction():
                _migreer(c, self.url)
                for login in escalatie:
                    if c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
                        c.execute(f"GRANT doorbraak_escalatie TO {_ident(login)}")
                record = _voeg_toe(c, self.url, "register", instellingen, gebruiker)
        return record

    def importeer(self, records: list[dict[str, Any]], stukken: dict[str, bytes], escalatie: list[str],
                  documenten: dict[str, bytes] | None = None) -> int:
        """Neem een hele keten over (`register migreer`), record voor record in volgorde, met hun eigen tijden en
        gebruikers, in één transactie: alles of niets. Alleen in een lege database, als de eigenaar; de database
        controleert elk record op aansluiting en hash (trigger `aan_de_keten`). Geeft het aantal records."""
        from doorbraak.register.opslag import canoniek

        with self._verbinding() as c:
            with c.transaction():
                _migreer(c, self.url)
                if c.execute("SELECT count(*) FROM doorbraak.record").fetchone()[0]:
                    raise PgFout(self.url, "de database heeft al een register; migreren kan alleen naar een lege")
                c.execute("SET LOCAL doorbraak.migreren = 'aan'")  # eerder getoetste records: zie 002_route_en_budget
                for login in escalatie:
                    if c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
                        c.execute(f"GRANT doorbraak_escalatie TO {_ident(login)}")
                with c.cursor() as cur:
                    cur.executemany("INSERT INTO doorbraak.stuk (sleutel, inhoud) VALUES (%s, %s)",
                                    sorted(stukken.items()))
                    cur.executemany(
                        "INSERT INTO doorbraak.record (volgnummer, vorige, hash, soort, login, inhoud) "
                        "VALUES (%s, %s, %s, %s, %s, %s)",
                        [(r["volgnummer"], r["vorige"], r["hash"], r["soort"], r["gebruiker"]["os_login"],
                          canoniek({k: v for k, v in r.items() if k != "hash"}).decode("utf-8")) for r in records])
                for aanvraag, pdf in sorted((documenten or {}).items()):  # het archief van de map, als de eigenaar
                    c.execute("SELECT doorbraak.archiveer(%s, %s)", (aanvraag, pdf))
        return len(records)

    @contextmanager
    def exclusief(self, gebruiker: Gebruiker, *, herstel: bool = False) -> Iterator[_PgSessie]:
        with self._verbinding() as c:
            with c.transaction():
                c.execute("SELECT pg_advisory_xact_lock(hashtext('doorbraak.register'))")
                yield _PgSessie(c, self.url)


class _PgSessie:
    afwijking = None

    def __init__(self, verbinding, url: str):
        self._c, self._url = verbinding, url
        self._records: list[dict[str, Any]] | None = None

    def records(self) -> list[dict[str, Any]]:
        if self._records is None:
            self._records = _lees_records(self._c, self._url)
        return self._records

    def stand_voor(self, casus_id: str):
        """Alleen de records van één casus (en instellingen en totalen): zie _lees_records_voor. Daarna zijn dat de
        records van deze sessie, waar een nieuw record bij komt."""
        gelezen = _lees_records_voor(self._c, self._url, casus_id)
        self._records = gelezen[0]
        return stand_uit(gelezen)

    def voeg_toe(self, soort: str, gegevens: dict[str, Any], gebruiker: Gebruiker) -> dict[str, Any]:
        record = _voeg_toe(self._c, self._url, soort, gegevens, gebruiker)
        self.records().append(record)
        return record

    def bewaar_stuk(self, data: bytes) -> str:
        return self._c.execute("SELECT doorbraak.bewaar_stuk(%s)", (data,)).fetchone()[0]

    def bevestig(self, escalatie) -> None:
        pass


def _gewiste_stukken(record: dict[str, Any]) -> list[str]:
    """De stukken die een record 'onderhoud' wiste: dat van de indiening, het document en die van nacalculaties."""
    g = record["gegevens"]
    return [s for s in (g.get("stuk"), g.get("document"), *g.get("nacalculaties", [])) if isinstance(s, str)]


def _eerste_regel(fout: Exception) -> str:
    return str(fout).strip().splitlines()[0] if str(fout).strip() else type(fout).__name__


def _ident(naam: str) -> str:
    return '"' + naam.replace('"', '""') + '"'


def _migreer(c, url: str) -> None:
    """Maak de rollen (clusterbreed: bestaan ze al, dan worden ze hergebruikt) en voer ontbrekende migraties uit."""
    for rol in ROLLEN:
        if not c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (rol,)).fetchone():
            c.execute(f"CREATE ROLE {rol} NOLOGIN")
    c.execute("GRANT doorbraak_coach TO doorbraak_escalatie")
    gedaan = set()
    if c.execute("SELECT to_regclass('doorbraak.migratie')").fetchone()[0] is not None:
        gedaan = {r[0] for r in c.execute("SELECT versie FROM doorbraak.migratie")}
    for pad in sorted(SQLMAP.glob("[0-9][0-9][0-9]_*.sql")):
        versie = int(pad.name[:3])
        if versie not in gedaan:
            c.execute(pad.read_text(encoding="utf-8"))


_RECORDPREFIX = RECORDFORMAAT.encode() + b"\0record\0"  # wat recordhash vóór de canonieke JSON zet
_JSON = json.JSONDecoder()


def _json_lezer():
    """Leest één record: met orjson (een extra van `.[postgresql]`: ruim twee keer zo snel, bij 100.000 aanvragen
    een halve seconde), anders met de standaardbibliotheek. Een record is canonieke JSON zonder getallen met
    decimalen (bedragen zijn tekst), dus beide geven hetzelfde; tekst na het object is bij beide een fout."""
    try:
        from orjson import loads
    except ImportError:
        def loads(tekst: str):
            waarde, einde = _JSON.raw_decode(tekst)
            if einde != len(tekst):
                raise ValueError("tekst na het record")
            return waarde
    return loads


def _lees_records(c, url: str, *, volledig: bool = False) -> list[dict[str, Any]]:
    """Alle records in volgorde, nadat de keten is nagelopen: elk record sluit aan op het vorige en zijn hash klopt.

    De hash wordt berekend over de opgeslagen tekst. De trigger `aan_de_keten` liet alleen canonieke JSON toe (bij
    elk record, ook van de eigenaar en bij migreren), en over precies die tekst gaat `recordhash`: het is dezelfde
    hash, zonder de JSON in Python opnieuw op te bouwen (bij 100.000 aanvragen scheelt dat seconden). Wie een
    record wijzigt of weghaalt zonder de hashes van de rest van de keten na te rekenen, valt dus op, net als
    eerst. `volledig` (verifieer): bovendien de canonieke JSON in Python opnieuw gemaakt, zoals een register in
    een map; dan valt ook een tekst op die niet canoniek is, wat alleen buiten de trigger om kan."""
    if c.execute("SELECT to_regclass('doorbraak.record')").fetchone()[0] is None:
        return []
    rijen = c.execute("SELECT volgnummer, hash, inhoud FROM doorbraak.record ORDER BY volgnummer").fetchall()
    return _records_uit(rijen, url, keten=True, volledig=volledig)


def _records_uit(rijen, url: str, *, keten: bool, volledig: bool = False) -> list[dict[str, Any]]:
    """(volgnummer, hash, inhoud)-rijen als records, elk met een kloppende hash over de opgeslagen tekst; met `keten`
    ook aansluitend op het vorige (alle records vanaf 1), met `volledig` ook de canonieke JSON nagerekend."""
    records = []
    vorige = NUL_HASH
    lees, sha256, prefix = _json_lezer(), hashlib.sha256, _RECORDPREFIX
    for volgnummer, hash_, inhoud in rijen:
        try:
            record = lees(inhoud)
        except ValueError:  # ook orjson.JSONDecodeError
            record = None
        if (type(record) is not dict or "hash" in record
                or record.get("volgnummer") != volgnummer or (keten and record.get("vorige") != vorige)
                or sha256(prefix + inhoud.encode()).hexdigest() != hash_
                or (volledig and recordhash(record) != hash_)):
            raise PgFout(url, f"record {volgnummer} klopt niet met zijn hash of met de keten; draai 'doorbraak register "
                              "verifieer'")
        record["hash"] = hash_
        records.append(record)
        vorige = hash_
    return records


def _lees_records_voor(c, url: str, casus_id: str) -> tuple[list[dict[str, Any]], dict[int, tuple], int, str]:
    """Wat een handeling over één casus nodig heeft (sql/006): record 1, de records van instellingen, budget en
    herstel, en alle records van de aanvragen van deze casus, in volgorde en elk met een kloppende hash; daarbij
    per jaar wat in het hele register is toegekend en vrijgevallen, en het aantal records en de kop. Bij 100.000
    aanvragen een paar records in plaats van 150.000. Dat de keten zelf aansluit, bewaakt de database bij elk
    record (trigger aan_de_keten); `register verifieer` loopt hem helemaal na."""
    rijen = c.execute(
        "SELECT volgnummer, hash, inhoud FROM doorbraak.record WHERE volgnummer = 1 "
        "UNION ALL SELECT volgnummer, hash, inhoud FROM doorbraak.record "
        " WHERE soort IN ('instellingen', 'herstel', 'budget') AND volgnummer > 1 "
        "UNION ALL SELECT r.volgnummer, r.hash, r.inhoud FROM doorbraak.record r "
        " JOIN (SELECT DISTINCT unnest(volgnummers) AS v FROM doorbraak.aanvraag WHERE casus = lower(%s)) e "
        "   ON r.volgnummer = e.v "
        "ORDER BY 1", (casus_id,)).fetchall()
    records = _records_uit(rijen, url, keten=False)
    totalen = {jaar: (toegekend, vrijgevallen) for jaar, toegekend, vrijgevallen
               in c.execute("SELECT jaar, toegekend, vrijgevallen FROM doorbraak.totaal")}
    aantal, kop = c.execute("SELECT volgnummer, hash FROM doorbraak.record ORDER BY volgnummer DESC LIMIT 1").fetchone()
    return records, totalen, aantal, kop


def _vergelijk_afgeleide_stand(c, records: list[dict[str, Any]]) -> list[str]:
    """De afgeleide stand (sql/006), waarop de regels van de database en de handelingen van Doorbraak steunen,
    vergeleken met wat uit de hele keten volgt. Alleen de trigger schrijft erin; wie haar buiten de trigger om
    wijzigt (de eigenaar), valt hier op."""
    from decimal import Decimal

    from doorbraak.register import workflow

    if c.execute("SELECT to_regclass('doorbraak.aanvraag')").fetchone()[0] is None:
        return []
    try:
        st = workflow.stand(records)
    except workflow.OnleesbaarRegister:
        return []  # dat meldt verifieer_register zelf
    from doorbraak.domein.regels import route

    def route_van(a) -> str:  # een open aanvraag volgt de limiet van nu, zoals bij het toetsen
        return route(a.bedrag, st.instellingen.limiet, st.goedgekeurd_voor(a.casus_id)) if a.status == "ingediend" \
            else a.route

    verwacht = {a.aanvraag: (a.casus_id.lower(), a.bedrag, a.status, a.indiener["os_login"],
                             (a.toetsing or {}).get("gebruiker", {}).get("os_login"), sorted(a.volgnummers))
                for a in st.aanvragen}
    routes = {a.aanvraag: route_van(a) for a in st.aanvragen if a.status == "ingediend"}
    nacalc = {}
    for r in records:
        if r["soort"] == "nacalculatie":
            nacalc.setdefault(r["gegevens"]["aanvraag"], []).append(r["volgnummer"])
    problemen = []
    gevonden = {}
    for aanvraag, casus, bedrag, route_nu, status, indiener, toetser, volgnummers in c.execute(
            "SELECT aanvraag, casus, bedrag, route, status, indiener, toetser, volgnummers FROM doorbraak.aanvraag"):
        eigen = sorted(v for v in volgnummers if v not in set(nacalc.get(aanvraag, [])))
        gevonden[aanvraag] = (casus, Decimal(bedrag), status, indiener, toetser, eigen)
        if status == "ingediend" and routes.get(aanvraag) != route_nu:
            gevonden[aanvraag] += ("route " + route_nu,)
    for aanvraag in sorted(set(verwacht) | set(gevonden)):
        if verwacht.get(aanvraag) != gevonden.get(aanvraag):
            problemen.append(f"de afgeleide stand in de database (doorbraak.aanvraag) wijkt bij {aanvraag} af van de "
                             "keten; de regels van de database rekenen daarmee. Meld het aan de beheerder")
    jaren = {j for j, a, b in c.execute("SELECT jaar, toegekend, vrijgevallen FROM doorbraak.totaal") if a or b}
    jaren |= {a.besluitjaar for a in st.aanvragen if a.status == workflow.GOEDGEKEURD}
    for jaar, toegekend, vrijgevallen in [(j, st.toegekend_in(j), st.vrijgevallen_in(j)) for j in sorted(jaren)]:
        rij = c.execute("SELECT toegekend, vrijgevallen FROM doorbraak.totaal WHERE jaar = %s", (jaar,)).fetchone()
        in_db = (Decimal(rij[0]), Decimal(rij[1])) if rij else (Decimal(0), Decimal(0))
        if in_db != (toegekend, vrijgevallen):
            problemen.append(f"de afgeleide stand in de database (doorbraak.totaal) wijkt voor {jaar} af van de keten: "
                             f"toegekend {in_db[0]} en vrijgevallen {in_db[1]} in plaats van {toegekend} en "
                             f"{vrijgevallen}. Meld het aan de beheerder")
    return problemen


def stand_uit(records_voor: tuple[list[dict[str, Any]], dict[int, tuple], int, str]):
    """De stand van één casus (met de totalen van het hele register) uit `_lees_records_voor`."""
    from decimal import Decimal

    from doorbraak.register import workflow

    records, totalen, aantal, kop = records_voor
    st = workflow.stand(records)
    st.totalen = {jaar: (Decimal(a), Decimal(b)) for jaar, (a, b) in totalen.items()}
    st.aantal_records, st.kop_hash = aantal, kop
    return st


_WEIGERINGEN = {"DB001", "DB003"}  # een regel weigert (exitcode 3); de andere DB-codes zijn fouten van de plek (2)


def _vertaal(fout: Exception, url: str) -> Exception:
    """Een fout van de database als de Nederlandse melding die Doorbraak ook bij een map geeft."""
    psycopg = _psycopg()
    status = getattr(getattr(fout, "diag", None), "sqlstate", None) or ""
    if status.startswith("DB"):
        melding = (fout.diag.message_primary or "").removeprefix("doorbraak: ")
        return Weigering(melding) if status in _WEIGERINGEN else PgFout(url, melding)
    if isinstance(fout, psycopg.errors.InsufficientPrivilege):
        return Weigering("deze databasegebruiker heeft geen rol doorbraak_coach of doorbraak_escalatie; vraag de "
                         "beheerder om 'GRANT doorbraak_coach TO <login>'")
    if isinstance(fout, psycopg.OperationalError):
        return PgFout(url, f"de verbinding met de database viel weg; er is niets vastgelegd ({_eerste_regel(fout)})")
    return PgFout(url, f"de database weigerde: {_eerste_regel(fout)}")


def _voeg_toe(c, url: str, soort: str, gegevens: dict[str, Any], gebruiker: Gebruiker) -> dict[str, Any]:
    psycopg = _psycopg()
    try:
        with c.transaction():  # een savepoint: een weigering laat de sessie bruikbaar
            rij = c.execute("SELECT doorbraak.voeg_toe(%s, %s::jsonb, %s, %s, %s)",
                            (soort, json.dumps(gegevens, ensure_ascii=False), gebruiker.naam, gebruiker.machine,
                             programma())).fetchone()
    except psycopg.Error as e:
        raise _vertaal(e, url) from None
    record = rij[0]
    if recordhash(record) != record["hash"]:
        raise PgFout(url, f"record {record['volgnummer']}: de hash van de database en die van Doorbraak verschillen")
    return record
