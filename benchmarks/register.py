"""Hoe snel is het register? Openen en samenvatten van registers met 1.000 en 10.000 aanvragen in een map, en
met 10.000 en 100.000 aanvragen op PostgreSQL; één aanvraag indienen in elk.

Draai: python benchmarks/register.py [--aantallen 1000 10000] [--pg-aantallen 10000 100000]
                                     [--postgresql postgresql:///DATABASE] [--alleen map|postgresql]
Doelen: in een map 10.000 aanvragen samengevat in minder dan 1 s (issue 4); op PostgreSQL de status van 10.000
en 100.000 aanvragen in minder dan 1 s en 2 s, één aanvraag indienen in minder dan 100 ms (issue 15).

De registers worden snel opgebouwd door geldige records met hashketen te maken (zoals het register ze zelf
schrijft), niet door 10.000 keer `indienen` te draaien. In een map worden ze direct weggeschreven; op PostgreSQL
gaan ze in één transactie de database in zoals `doorbraak register migreer` dat doet (`PgRegister.importeer`),
zodat de database elk record op aansluiting en hash controleert.

PostgreSQL: met --postgresql een lege database waarvan u de eigenaar bent (alleen de eigenaar mag een keten
overnemen); de registers worden daarin na elkaar opgebouwd (eerst 10.000 aanvragen, dan aangevuld tot 100.000) en
blijven staan. Zonder --postgresql start het script als root een wegwerpcluster (tests/pgcluster.py, PostgreSQL 15)
en ruimt het daarna op.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from meten import meet  # noqa: E402

from doorbraak.diensten import dien_in, maak_register, register_stand  # noqa: E402
from doorbraak.domein.casus import lees_casus, bewaar_casus  # noqa: E402
from doorbraak.register import map_register  # noqa: E402
from doorbraak.register.map_register import RECORDS, MapRegister, _bestandsnaam  # noqa: E402
from doorbraak.register.opslag import Gebruiker, maak_record  # noqa: E402

ANNA = Gebruiker("anna", "anna", "pc-1")
BERT = Gebruiker("bert", "bert", "pc-2")
VOORBEELD = Path(__file__).resolve().parent.parent / "resources" / "voorbeelden" / "huurachterstand.json"


def bench_records(vorige: dict[str, Any], van: int, tot: int) -> Iterator[dict[str, Any]]:
    """De records van aanvragen `van` tot `tot`, aansluitend op `vorige`: elke aanvraag ingediend door anna, de
    helft ook getoetst (goedgekeurd) door bert; de andere helft blijft openstaan."""
    for i in range(van, tot):
        casus_id = f"BENCH-{i:05d}"
        gegevens = {
            "aanvraag": f"{casus_id}-1", "casus_id": casus_id, "titel": "Benchmark", "gemeente": "",
            "bedrag": "120.00", "route": "vier-ogen", "limiet": "5000.00", "eerder_goedgekeurd": "0.00",
            "kosten_zonder": "15320.67", "kosten_met": "1264.14", "vermeden_kosten": "14056.53",
            "netto_rendement": "11206.53", "rendement_ratio": "4.93", "categorieen": ["wonen"],
            "prijslijst": {"versie": "2026.1", "inhoud_hash": "0" * 64}, "stuk": None,
        }
        for soort, g, wie in (("indiening", gegevens, ANNA),
                              ("toetsing", {"aanvraag": f"{casus_id}-1", "akkoord": True, "reden": "",
                                            "uitkomst": "goedgekeurd"}, BERT)):
            if soort == "toetsing" and i % 2:
                continue  # de helft blijft openstaan
            vorige = maak_record(vorige["volgnummer"] + 1, vorige["hash"], soort, g, wie)
            yield vorige


def bouw_register(map_: Path, aanvragen: int) -> None:
    from decimal import Decimal

    maak_register(map_, Decimal("10000000"), Decimal("5000"), ["manager"], gebruiker=ANNA)
    records = MapRegister(map_).records()
    for record in bench_records(records[-1], 0, aanvragen):
        (map_ / RECORDS / _bestandsnaam(record["volgnummer"])).write_text(
            json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def casusbestand(tmp: Path, casus_id: str) -> Path:
    """Een echte casus (geen oefencasus: die kan niet in een echt register) onder een eigen casus-id."""
    casus = lees_casus(VOORBEELD)
    casus.oefening = False
    casus.casus_id = casus_id
    pad = tmp / f"{casus_id}.json"
    bewaar_casus(casus, pad)
    return pad


def doel(seconden: float, grens: float) -> str:
    grenstekst = f"{grens:g} s" if grens >= 1 else f"{grens * 1000:.0f} ms"
    return f"doel < {grenstekst}: " + ("gehaald" if seconden < grens else "NIET gehaald")


def ms(seconden: float) -> str:
    return f"{seconden * 1000:.0f} ms"


def opdracht() -> str:
    return shlex.join(["python", "benchmarks/register.py", *sys.argv[1:]])


# ---------------------------------------------------------------- in een map


def meet_map(aantallen: list[int], herhalingen: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        casuspad = casusbestand(Path(tmp), "BENCH-NIEUW")
        for n in aantallen:
            map_ = Path(tmp) / f"register-{n}"
            t0 = time.perf_counter()
            bouw_register(map_, n)
            opbouw = time.perf_counter() - t0

            def koud():  # zoals een nieuw proces: niets van dit register al gelezen
                map_register._GELEZEN.clear()
                return register_stand(map_)

            st = koud()
            tijden = meet(koud, herhalingen)
            warm = meet(lambda: register_stand(map_), herhalingen)
            t0 = time.perf_counter()
            dien_in(casuspad, map_, gebruiker=ANNA)
            indienen = time.perf_counter() - t0
            doeltekst = " (doel < 1 s: " + ("gehaald" if statistics.median(tijden) < 1 else "NIET gehaald") + ")" \
                if n >= 10000 else ""
            print(f"{n:>6} aanvragen ({st.aantal_records} records, opgebouwd in {opbouw:.1f} s): openen en samenvatten "
                  f"mediaan {statistics.median(tijden) * 1000:.0f} ms, min {min(tijden) * 1000:.0f} ms{doeltekst}; "
                  f"opnieuw in hetzelfde proces {statistics.median(warm) * 1000:.0f} ms; "
                  f"één aanvraag indienen (met register.xlsx) {indienen * 1000:.0f} ms")


# ---------------------------------------------------------------- op PostgreSQL

#: doelen van issue 15: de status (seconden) per aantal aanvragen, en één aanvraag indienen
PG_DOEL_STATUS = {10000: 1.0, 100000: 2.0}
PG_DOEL_INDIENEN = 0.1


class PgDoel:
    """Waar het PostgreSQL-deel meet: de URL van de eigenaar (opbouwen) en die van een coach (status, indienen)."""

    def __init__(self, eigenaar_url: str, coach_url: str, beschrijving: str, eigenaar: str, opruimen=None):
        self.eigenaar_url, self.coach_url, self.beschrijving = eigenaar_url, coach_url, beschrijving
        self.eigenaar = eigenaar
        self.opruimen = opruimen
        self.na_opbouw = lambda: None  # wat er na het opbouwen moet (rechten, fsync weer aan)


def _met_gebruiker(url: str, gebruiker: str) -> str:
    return url + ("&" if "?" in url else "?") + f"user={gebruiker}"


def pg_doel(url: str | None) -> tuple[PgDoel | None, str]:
    """De database om in te meten, of (None, waarom het PostgreSQL-deel wordt overgeslagen)."""
    try:
        import psycopg
    except ImportError:
        return None, "psycopg ontbreekt (pip install -e \".[postgresql]\")"
    if url:
        try:
            with psycopg.connect(url, connect_timeout=10) as c:
                wie, eigenaar, versie, bestaat = c.execute(
                    "SELECT session_user, pg_get_userbyid(datdba), current_setting('server_version'), "
                    "to_regclass('doorbraak.record') IS NOT NULL FROM pg_database "
                    "WHERE datname = current_database()").fetchone()
        except psycopg.Error as e:
            return None, f"{url} is niet bereikbaar ({str(e).strip().splitlines()[0]})"
        if wie != eigenaar:
            return None, (f"{wie} is niet de eigenaar van de database ({eigenaar}); alleen de eigenaar mag een keten "
                          "overnemen zoals 'register migreer' (geef een lege database van uzelf)")
        if bestaat:
            return None, ("er staat al een register in deze database; geef een lege database (de registers "
                          "blijven staan)")
        return PgDoel(url, url, f"PostgreSQL {versie}, {url}; opbouwen, status en indienen als {wie}", wie), ""
    from tests import pgcluster

    reden = pgcluster.beschikbaar()
    if reden is not None:
        return None, (f"geen --postgresql URL gegeven, en {reden}; geef een lege database van uzelf met "
                      "--postgresql postgresql:///DATABASE")
    basis = Path(tempfile.mkdtemp(prefix="doorbraak-bench-pg-"))  # postgres moet erbij (niet onder een 0700-map)
    try:
        cluster = pgcluster.start(basis)
        pgcluster.maak_testrollen(cluster)
        p = pgcluster.psql(cluster, pgcluster.EIGENAAR, 'CREATE DATABASE doorbraak_bench OWNER "eigenaar"')
        if p.returncode != 0:
            raise RuntimeError(p.stderr.strip())
    except Exception:
        pgcluster.stop(basis)
        raise
    versie = pgcluster.psql(cluster, pgcluster.EIGENAAR, "SHOW server_version").stdout.strip()
    doel_ = PgDoel(_met_gebruiker(cluster.url("doorbraak_bench"), "eigenaar"),
                   _met_gebruiker(cluster.url("doorbraak_bench"), "anna"),
                   f"PostgreSQL {versie}, wegwerpcluster van tests/pgcluster.py (Unix-socket, peer); opgebouwd als "
                   "eigenaar (de eigenaar van de database), status en indienen als coach anna; fsync, "
                   "synchronous_commit en full_page_writes staan tijdens het meten weer aan",
                   "eigenaar", lambda: pgcluster.stop(basis))

    def na_opbouw():
        for sql in ("GRANT doorbraak_coach TO anna, bert",):
            p = pgcluster.psql(cluster, pgcluster.EIGENAAR, sql, "doorbraak_bench")
            if p.returncode != 0:
                raise RuntimeError(p.stderr.strip())
        # het testcluster schrijft zonder fsync (snel voor tests); gemeten wordt zoals een echte server schrijft
        for sql in ("ALTER SYSTEM SET fsync = on", "ALTER SYSTEM SET synchronous_commit = on",
                    "ALTER SYSTEM SET full_page_writes = on", "SELECT pg_reload_conf()"):
            pgcluster.psql(cluster, pgcluster.EIGENAAR, sql)

    doel_.na_opbouw = na_opbouw
    return doel_, ""


def pg_opbouwen(doel_: PgDoel, van: int, tot: int) -> None:
    """Vul het register in de database aan met benchmarkaanvragen `van` tot `tot`. De eerste keer als `register
    migreer` (`PgRegister.importeer`: schema, rollen en de hele keten in één transactie); daarna met dezelfde
    INSERT, ook in één transactie, aansluitend op het laatste record (dat van een zojuist ingediende aanvraag).
    De database controleert elk record op aansluiting en hash; de regels voor nieuwe aanvragen (route, budget)
    slaat ze alleen voor de eigenaar over, zoals bij migreren."""
    import psycopg

    from doorbraak.register.opslag import canoniek
    from doorbraak.register.pg_register import PgRegister
    from doorbraak.register.workflow import Instellingen
    from decimal import Decimal

    if van == 0:
        eigenaar = Gebruiker(doel_.eigenaar, doel_.eigenaar, "pc-0")
        instellingen = Instellingen(Decimal("10000000"), Decimal("5000"), (doel_.eigenaar,))
        eerste = maak_record(1, "0" * 64, "register", instellingen.als_dict(), eigenaar)
        PgRegister(doel_.eigenaar_url).importeer([eerste, *bench_records(eerste, 0, tot)], {}, [doel_.eigenaar])
        return
    with psycopg.connect(doel_.eigenaar_url, autocommit=True) as c:
        inhoud, hash_ = c.execute("SELECT inhoud, hash FROM doorbraak.record "
                                  "ORDER BY volgnummer DESC LIMIT 1").fetchone()
        rijen = [(r["volgnummer"], r["vorige"], r["hash"], r["soort"], r["gebruiker"]["os_login"],
                  canoniek({k: v for k, v in r.items() if k != "hash"}).decode("utf-8"))
                 for r in bench_records(json.loads(inhoud) | {"hash": hash_}, van, tot)]
        with c.transaction():
            c.execute("SET LOCAL doorbraak.migreren = 'aan'")  # zoals importeer: alleen de eigenaar
            with c.cursor() as cur:
                cur.executemany("INSERT INTO doorbraak.record (volgnummer, vorige, hash, soort, login, inhoud) "
                                "VALUES (%s, %s, %s, %s, %s, %s)", rijen)


def pg_opruimen(doel_: PgDoel) -> None:
    """VACUUM en ANALYZE na het opbouwen, zoals in een register dat gegroeid is: anders ruimt autovacuum tijdens het
    meten de zojuist geschreven rijen op (op een machine met weinig processors merkbaar in de status)."""
    import psycopg

    with psycopg.connect(doel_.eigenaar_url, autocommit=True) as c:
        c.execute("VACUUM (ANALYZE) doorbraak.record, doorbraak.stuk, doorbraak.aanvraag, doorbraak.totaal")


def meet_postgresql(url: str | None, aantallen: list[int], herhalingen: int, indieningen: int) -> None:
    doel_, reden = pg_doel(url)
    if doel_ is None:
        print(f"PostgreSQL overgeslagen: {reden}")
        return
    try:
        print(f"PostgreSQL: {doel_.beschrijving}")
        gebouwd = 0
        with tempfile.TemporaryDirectory() as tmp:
            for n in sorted(aantallen):
                t0 = time.perf_counter()
                pg_opbouwen(doel_, gebouwd, n)
                pg_opruimen(doel_)
                doel_.na_opbouw()
                opbouw = time.perf_counter() - t0
                st = register_stand(doel_.coach_url)
                status = meet(lambda: register_stand(doel_.coach_url), herhalingen)
                indienen = []
                for k in range(indieningen):  # elk een nieuwe casus: één aanvraag per keer
                    casuspad = casusbestand(Path(tmp), f"BENCH-NIEUW-{n}-{k + 1}")
                    t0 = time.perf_counter()
                    dien_in(casuspad, doel_.coach_url)
                    indienen.append(time.perf_counter() - t0)
                grens = PG_DOEL_STATUS.get(n)
                print(f"{n:>6} aanvragen ({len(st.aanvragen)} aanvragen, {st.aantal_records} records, "
                      f"{'aangevuld' if gebouwd else 'opgebouwd'} in {opbouw:.1f} s): status mediaan "
                      f"{ms(statistics.median(status))}, min {ms(min(status))} ({herhalingen}x)"
                      + (f" ({doel(statistics.median(status), grens)})" if grens else "")
                      + f"; één aanvraag indienen mediaan {ms(statistics.median(indienen))} "
                      f"({', '.join(ms(t) for t in indienen)}) ({doel(statistics.median(indienen), PG_DOEL_INDIENEN)})")
                gebouwd = n
    finally:
        if doel_.opruimen:
            doel_.opruimen()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aantallen", type=int, nargs="+", default=[1000, 10000], help="registers in een map")
    ap.add_argument("--pg-aantallen", type=int, nargs="+", default=[10000, 100000], help="registers op PostgreSQL")
    ap.add_argument("--herhalingen", type=int, default=5)
    ap.add_argument("--indieningen", type=int, default=3, help="hoe vaak één aanvraag wordt ingediend (PostgreSQL)")
    ap.add_argument("--postgresql", metavar="URL", help="een lege database van uzelf (postgresql:///DATABASE); zonder: "
                    "als root een wegwerpcluster")
    ap.add_argument("--alleen", choices=["map", "postgresql"], help="alleen dit deel")
    args = ap.parse_args()
    print(f"Opdracht: {opdracht()}")
    if hasattr(os, "getloadavg"):  # een drukke machine meet trager: zeg hoe druk ze was
        print(f"Belasting van de machine bij de start: {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} processors")
    if args.alleen != "postgresql":
        meet_map(args.aantallen, args.herhalingen)
    if args.alleen != "map":
        meet_postgresql(args.postgresql, args.pg_aantallen, args.herhalingen, args.indieningen)


if __name__ == "__main__":
    main()
