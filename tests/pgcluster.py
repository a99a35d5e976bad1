"""Een wegwerpcluster van PostgreSQL 15 voor de tests, zoals .ci/run het start.

`initdb` in een tijdelijke map, gedraaid door een onbevoegde OS-gebruiker (`postgres`, van het Debian-pakket),
zonder TCP: alleen een Unix-socket in een tijdelijke map, op een vrije poort. Aanmelden gaat met `peer`: de
databaserol is de OS-login, zoals in een gemeente met één login voor alles. De rollen van de testgebruikers
(tests/personen.py) heten zoals hun login.

Als script (`python -m tests.pgcluster start MAP` / `stop MAP`) gebruikt door .ci/run; in de tests door de
fixture `pg` (conftest.py): die gebruikt het cluster van CI (`DOORBRAAK_TEST_PGHOST`, `DOORBRAAK_TEST_PGPORT`)
of start er zelf een.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BINMAP = Path("/usr/lib/postgresql/15/bin")
EIGENAAR = "postgres"  # de onbevoegde OS-gebruiker die het cluster draait (en de superuser-rol)
# De rollen waarmee de tests in hun eigen proces (als root) handelen: de gebruikers van tests/registerhulp.py,
# de wedijverende coaches, `eigenaar`, die databases van de tests bezit (CREATEROLE, geen superuser), en `gast`,
# die nooit een rol van Doorbraak krijgt (rollen gelden voor het hele cluster, dus ook over tests heen).
TESTROLLEN = ("anna", "bert", "bram", "carl", "carla", "marieke", "teamleider", "eigenaar", "gast",
              *(f"coach{i}" for i in range(8)))


@dataclass
class Cluster:
    socketmap: Path
    poort: int

    def url(self, database: str = "doorbraak") -> str:
        return f"postgresql:///{database}?host={self.socketmap}&port={self.poort}"

    def omgeving(self) -> dict[str, str]:
        return {"PGHOST": str(self.socketmap), "PGPORT": str(self.poort)}


def beschikbaar() -> str | None:
    """Waarom er hier geen cluster kan draaien, of None."""
    if os.name != "posix" or os.geteuid() != 0:
        return "een wegwerpcluster starten kan alleen als root (CI draait zo)"
    if not (BINMAP / "initdb").is_file():
        return f"PostgreSQL 15 ontbreekt ({BINMAP}; Debian-pakket postgresql-15)"
    try:
        pwd.getpwnam(EIGENAAR)
    except KeyError:
        return f"de OS-gebruiker {EIGENAAR} ontbreekt (komt mee met postgresql-15)"
    return None


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _als_eigenaar(*opdracht: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", EIGENAAR, "--", *map(str, opdracht)], capture_output=True, text=True,
                          cwd="/", check=True)


def start(basis: Path) -> Cluster:
    """Een nieuw cluster in `basis` (data en socket), gestart; geeft socketmap en poort."""
    eigenaar = pwd.getpwnam(EIGENAAR)
    basis.mkdir(parents=True, exist_ok=True)
    os.chmod(basis, 0o755)
    data, sockets = basis / "data", basis / "socket"
    for map_ in (data, sockets):
        map_.mkdir()
        os.chown(map_, eigenaar.pw_uid, eigenaar.pw_gid)
    os.chmod(sockets, 0o755)  # iedereen mag verbinden; wie wat mag, beslist de database
    _als_eigenaar(BINMAP / "initdb", "-D", data, "-A", "peer", "-U", EIGENAAR, "-E", "UTF8", "--locale", "C.UTF-8")
    # peer: elke OS-gebruiker is de rol met zijn eigen naam. Alleen in dit testcluster mag ook root (het
    # testproces) zich als een van de testrollen aanmelden, zodat de gedeelde registertests in één proces
    # verschillende, door de database geverifieerde gebruikers kunnen zijn (PostgreSQL 15 kent daarvoor geen
    # reguliere expressie aan de rolkant: één regel per rol).
    (data / "pg_hba.conf").write_text("local all all peer map=test\n", encoding="utf-8")
    (data / "pg_ident.conf").write_text(
        "test /^(.*)$ \\1\n" + "".join(f"test root {rol}\n" for rol in TESTROLLEN), encoding="utf-8")
    poort = _vrije_poort()
    with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write(f"listen_addresses = ''\nunix_socket_directories = '{sockets}'\nport = {poort}\n"
                   "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"  # alleen voor tests: snel
                   "client_connection_check_interval = 200ms\n")  # een verdwenen client merkt de server zelf
    _als_eigenaar(BINMAP / "pg_ctl", "-D", data, "-l", data / "server.log", "-w", "start")
    (basis / "poort").write_text(str(poort), encoding="utf-8")
    return Cluster(sockets, poort)


def stop(basis: Path) -> None:
    if (basis / "data" / "postmaster.pid").exists():
        _als_eigenaar(BINMAP / "pg_ctl", "-D", basis / "data", "-m", "immediate", "-w", "stop")
    shutil.rmtree(basis, ignore_errors=True)


def maak_testrollen(cluster: Cluster) -> None:
    """De rollen van TESTROLLEN (inloggen; `eigenaar` mag ook databases en rollen maken), als ze er nog niet zijn."""
    for rol in TESTROLLEN:
        extra = " CREATEDB CREATEROLE" if rol == "eigenaar" else ""
        p = psql(cluster, EIGENAAR, f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{rol}') "
                                    f"THEN CREATE ROLE \"{rol}\" LOGIN{extra}; END IF; END$$")
        if p.returncode != 0:
            raise RuntimeError(f"rol {rol} maken mislukte: {p.stderr.strip()}")


def psql(cluster: Cluster, login: str, sql: str, database: str = "postgres") -> subprocess.CompletedProcess:
    """`psql` als OS-gebruiker `login` (peer: de rol met dezelfde naam); geeft het resultaat, ook bij een fout."""
    return subprocess.run(["runuser", "-u", login, "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At",
                           "-h", str(cluster.socketmap), "-p", str(cluster.poort), "-d", database, "-c", sql],
                          capture_output=True, text=True, cwd="/")


if __name__ == "__main__":  # .ci/run: python -m tests.pgcluster start|stop MAP
    opdracht, map_ = sys.argv[1], Path(sys.argv[2])
    if opdracht == "start":
        c = start(map_)
        print(f"DOORBRAAK_TEST_PGHOST={c.socketmap} DOORBRAAK_TEST_PGPORT={c.poort}")
    else:
        stop(map_)
