"""Echte mensen voor de tests: OS-gebruikers in één groep, die Doorbraak draaien met `runuser`.

Regels over personen (vier ogen, escalatie, wie iets mag, een gedeelde map) worden getest met echte,
verschillende logins van het besturingssysteem, zoals op een netwerkschijf van een team: een
gemeenschappelijke groep en umask 022. Daarvoor is root nodig (`useradd`, `runuser`); CI draait als
root. Zonder root worden deze tests overgeslagen, behalve in CI: daar is overslaan een fout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT

GROEP = "doorbraakteam"
LOGINS = ("anna", "bram", "carl", "teamleider")


@dataclass
class Uitkomst:
    code: int
    uit: str
    fout: str


class Team:
    """Vier echte gebruikers in één groep, met een gedeelde map en elk een eigen datamap."""

    def __init__(self, basis: Path):
        import grp
        import pwd

        self.basis = basis
        self.gid = grp.getgrnam(GROEP).gr_gid
        self.share = basis / "share"  # zoals een beheerder een teammap inricht: van de groep, setgid
        self.share.mkdir()
        os.chown(self.share, 0, self.gid)
        os.chmod(self.share, 0o2770)
        self.casussen = basis / "casussen"  # voor iedereen leesbaar
        self.casussen.mkdir(mode=0o755)
        for login in LOGINS:
            data = self.data(login)
            data.mkdir(mode=0o700)
            os.chown(data, pwd.getpwnam(login).pw_uid, pwd.getpwnam(login).pw_gid)

    def data(self, login: str) -> Path:
        return self.basis / f"data-{login}"

    def als(self, login: str, *args, umask: str = "022", omgeving: dict[str, str] | None = None) -> Uitkomst:
        """`doorbraak ARGS` als `login`, met umask 022, zijn eigen datamap en verder een schone omgeving."""
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUTF8": "1",
               "DOORBRAAK_DATA": str(self.data(login)), "DOORBRAAK_CONFIG": str(self.data(login) / "config"),
               **(omgeving or {})}
        opdracht = ["runuser", "-u", login, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
                    "sh", "-c", f'umask {umask} && cd / && exec "$@"', "sh", sys.executable, "-m", "doorbraak",
                    *map(str, args)]
        p = subprocess.run(opdracht, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in p.stderr, p.stderr
        return Uitkomst(p.returncode, p.stdout, p.stderr)


def _bestaat(soort, naam: str) -> bool:  # soort: grp.getgrnam of pwd.getpwnam
    try:
        soort(naam)
        return True
    except KeyError:
        return False


def _maak_team() -> str | None:
    """Maak de groep en de gebruikers (als ze er nog niet zijn); geeft de reden als het niet kan."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        return "echte gebruikers maken kan alleen als root, met useradd en runuser (CI draait zo)"
    import grp
    import pwd

    if not _bestaat(grp.getgrnam, GROEP):
        subprocess.run(["groupadd", GROEP], check=True)
    for login in LOGINS:
        if not _bestaat(pwd.getpwnam, login):
            # elk een eigen primaire groep (zoals op Debian), en het team als extra groep
            subprocess.run(["useradd", "--create-home", "--user-group", "--groups", GROEP, "--shell", "/bin/sh",
                            login], check=True)
        elif login not in grp.getgrnam(GROEP).gr_mem:  # bestond al (een eerdere run): wel in het team
            subprocess.run(["usermod", "--append", "--groups", GROEP, login], check=True)
    proef = subprocess.run(["runuser", "-u", LOGINS[0], "--", sys.executable, "-c", "import doorbraak, reportlab"],
                           capture_output=True, text=True, cwd="/")
    if proef.returncode != 0:
        return (f"{LOGINS[0]} kan {sys.executable} of {PROJECT} niet gebruiken (rechten op de mappen ervoor?): "
                f"{proef.stderr.strip()[-300:]}. .ci/run maakt ze bereikbaar.")
    return None


_REDEN: list[str | None] = []


def team_voor_een_test():
    """De fixture `team` (in conftest.py): vier echte gebruikers, een gedeelde map en eigen datamappen."""
    if not _REDEN:
        _REDEN.append(_maak_team())
    if _REDEN[0] is not None:
        if os.environ.get("CI"):
            pytest.fail(f"in CI moeten de tests met echte gebruikers draaien: {_REDEN[0]}")
        pytest.skip(_REDEN[0])
    basis = Path(tempfile.mkdtemp(prefix="doorbraak-team-"))
    os.chmod(basis, 0o755)
    try:
        yield Team(basis)
    finally:
        shutil.rmtree(basis, ignore_errors=True)
