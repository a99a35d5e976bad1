"""Hulpmiddelen voor de registertests (ook te importeren door gespawnde processen)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from doorbraak.diensten import dien_in, maak_register, toets
from doorbraak.domein.fouten import Weigering
from doorbraak.register.opslag import Gebruiker
from tests.conftest import casusdata, eigen_regel

ANNA = Gebruiker("anna", "anna", "pc-anna")
BERT = Gebruiker("bert", "bert", "pc-bert")
MANAGER = Gebruiker("Marieke", "marieke", "pc-marieke")


def schrijf_casus(map_: Path, casus_id: str, bedrag: str, **velden) -> Path:
    pad = map_ / f"{casus_id}.json"
    data = casusdata(casus_id=casus_id, datum="2025-06-01",
                     interventie=[{"omschrijving": "Interventie", "bedrag": bedrag, "categorie": "wonen"}],
                     zonder_doorbraak=[eigen_regel("20000.00", financier="gemeente (Wmo)")]) | velden
    pad.write_text(json.dumps(data), encoding="utf-8")
    return pad


def nieuw_register(map_: Path, budget: str = "10000", limiet: str = "5000", oefenregister: bool = False) -> Path:
    """Een register met de login van de teamleider op de escalatielijst, en haar weergavenaam."""
    maak_register(map_, Decimal(budget), Decimal(limiet), ["marieke"], oefenregister=oefenregister,
                  namen={"marieke": "Marieke de Boer"}, gebruiker=ANNA)
    return map_


def racer(args: tuple[Plaats, str, int]) -> list[str]:
    """Eén van de wedijverende processen: dien twee casussen in en keur alles van anderen goed."""
    plaats, casusmap, i = args
    ik = Gebruiker(f"coach{i}", f"coach{i}", f"pc-{i}")
    register = plaats.als(ik)
    log = []
    for j in (0, 1):
        pad = Path(casusmap) / f"RACE-{i}-{j}.json"
        dien_in(pad, register, gebruiker=ik)
        log.append(f"ingediend {pad.stem}")
    for ronde in range(3):
        for k in range(8):
            for j in (0, 1):
                if k == i:
                    continue
                try:
                    a, _ = toets(f"RACE-{k}-{j}", True, "ok", register, gebruiker=ik)
                    log.append(f"getoetst {a.aanvraag} {a.status}")
                except Weigering as w:
                    log.append(f"geweigerd {w.melding[:40]}")
    return log


def maak_tegelijk(args: tuple[str, int]) -> str:
    """Eén van de processen die tegelijk hetzelfde register proberen te maken."""
    from doorbraak.register.map_register import RegisterFout

    map_, i = args
    try:
        maak_register(Path(map_), Decimal(1000 + i), Decimal("5000"), ["marieke"],
                      gebruiker=Gebruiker(f"coach{i}", f"coach{i}", "pc"))
        return "gemaakt"
    except RegisterFout as fout:
        return fout.problemen[0].melding


# ------------------------------------------------------------------ twee backends: map en PostgreSQL


@dataclass(frozen=True)
class Plaats:
    """Een register voor de gedeelde tests: in een map, of in een database van het testcluster.

    `als(wie)` geeft de plek zoals `wie` het register opent. Bij een map is dat de map (en wie handelt, geeft de
    test mee als `gebruiker=`, zoals de login van het systeem); bij PostgreSQL is het de URL met `user=LOGIN`:
    de database verifieert die aanmelding (peer, zie tests/pgcluster.py) en `session_user` is wie handelt."""

    soort: str  # "map" of "postgresql"
    basis: str  # de map, of de URL zonder gebruiker

    def als(self, wie: Gebruiker | str | None = None) -> Path | str:
        if self.soort == "map":
            return Path(self.basis)
        login = (wie.os_login if isinstance(wie, Gebruiker) else wie or "anna").lower()
        return f"{self.basis}&user={login}"

    @property
    def map(self) -> Path:
        assert self.soort == "map", "alleen een register in een map heeft een map"
        return Path(self.basis)


def dien_in_als(plaats: Plaats, pad: Path, wie: Gebruiker):
    return dien_in(pad, plaats.als(wie), gebruiker=wie)


def toets_als(plaats: Plaats, casus_id: str, akkoord: bool, reden: str, wie: Gebruiker):
    return toets(casus_id, akkoord, reden, plaats.als(wie), gebruiker=wie)


def besluit_als(plaats: Plaats, casus_id: str, akkoord: bool, reden: str, wie: Gebruiker):
    from doorbraak.diensten import besluit

    return besluit(casus_id, akkoord, reden, plaats.als(wie), gebruiker=wie)


def stand(plaats: Plaats):
    from doorbraak.diensten import register_stand

    return register_stand(plaats.als(ANNA))


def records(plaats: Plaats) -> list[dict]:
    from doorbraak.diensten import open_register

    return open_register(plaats.als(ANNA)).records()


class Registers:
    """Maakt registers voor één test, op de backend van de test; ruimt databases achteraf op."""

    def __init__(self, soort: str, tmp_path: Path, cluster=None):
        self.soort, self.tmp_path, self.cluster = soort, tmp_path, cluster
        self.databases: list[str] = []

    def nieuw(self, naam: str = "register", budget: str = "10000", limiet: str = "5000",
              oefenregister: bool = False, escalatie: tuple[str, ...] = ("marieke",)) -> Plaats:
        """Een register met marieke (Marieke de Boer) op de escalatielijst. In een map maakt anna het; in
        PostgreSQL de eigenaar van de database (`eigenaar`), waarna de beheerder de coaches toelaat."""
        if self.soort == "map":
            map_ = self.tmp_path / naam
            maak_register(map_, Decimal(budget), Decimal(limiet), list(escalatie), oefenregister=oefenregister,
                          namen={"marieke": "Marieke de Boer"}, gebruiker=ANNA)
            return Plaats("map", str(map_))
        return Plaats("postgresql", self.database(budget, limiet, oefenregister, escalatie))

    def leeg(self, naam: str = "leeg") -> Plaats:
        """Een plek zonder register: een lege map, of een lege database van `eigenaar`."""
        if self.soort == "map":
            return Plaats("map", str(self.tmp_path / naam))
        return Plaats("postgresql", self._maak_database())

    def _maak_database(self) -> str:
        import uuid

        from tests.pgcluster import psql

        db = f"test_{uuid.uuid4().hex[:10]}"
        p = psql(self.cluster, "postgres", f"CREATE DATABASE {db} OWNER eigenaar")
        assert p.returncode == 0, p.stderr
        self.databases.append(db)
        return self.cluster.url(db)

    def database(self, budget, limiet, oefenregister, escalatie) -> str:
        from tests.pgcluster import TESTROLLEN, psql

        url = self._maak_database()
        maak_register(f"{url}&user=eigenaar", Decimal(budget), Decimal(limiet), list(escalatie),
                      oefenregister=oefenregister, namen={"marieke": "Marieke de Boer"})
        coaches = ", ".join(f'"{r}"' for r in TESTROLLEN if r not in ("eigenaar", "gast"))
        p = psql(self.cluster, "postgres", f"GRANT doorbraak_coach TO {coaches}", url.split("///")[1].split("?")[0])
        assert p.returncode == 0, p.stderr
        return url

    def ruim_op(self) -> None:
        from tests.pgcluster import psql

        for db in self.databases:
            psql(self.cluster, "postgres", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
