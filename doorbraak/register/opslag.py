"""De opslag van het register als interface: records toevoegen, alles lezen, exclusief schrijven.

Een record wordt nooit veranderd of verwijderd; correcties zijn nieuwe records. Elk record
draagt de SHA-256 van het vorige (domeingescheiden, canonieke JSON), zodat elke wijziging,
verwijdering of andere volgorde zichtbaar wordt. De map-opslag staat in `map_register.py`; een
PostgreSQL-opslag kan dezelfde interface later invullen.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

NUL_HASH = "0" * 64
RECORDFORMAAT = "doorbraak-register/1"


@dataclass(frozen=True)
class Gebruiker:
    """Wie iets doet: de naam waaronder hij handelt, de login van het systeem en de machine."""

    naam: str
    os_login: str
    machine: str

    def als_dict(self) -> dict[str, str]:
        return {"naam": self.naam, "os_login": self.os_login, "machine": self.machine}


def systeemlogin() -> str:
    """De login volgens het besturingssysteem zelf, niet volgens omgevingsvariabelen (die kan
    iedereen zetten): op Linux en macOS uit de gebruikersdatabase, op Windows via GetUserName."""
    try:
        if os.name == "posix":
            import pwd

            return pwd.getpwuid(os.geteuid()).pw_name
        return os.getlogin()
    except Exception:  # geen login te bepalen (bijvoorbeeld in een container zonder gebruikersdatabase)
        try:
            return getpass.getuser()
        except Exception:
            return "onbekend"


def huidige_gebruiker() -> Gebruiker:
    """De gebruiker van dit proces: `DOORBRAAK_GEBRUIKER` als die gezet is, anders de systeemlogin.

    De systeemlogin wordt altijd apart vastgelegd; twee namen op dezelfde login gelden voor de
    vier-ogenregel als dezelfde persoon.
    """
    login = systeemlogin()
    naam = " ".join(os.environ.get("DOORBRAAK_GEBRUIKER", "").split()) or login
    return Gebruiker(naam, login, socket.gethostname())


def canoniek(data: Any) -> bytes:
    """Canonieke JSON voor hashes: gesorteerde sleutels, geen spaties, UTF-8."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def recordhash(record: dict[str, Any]) -> str:
    """SHA-256 over het record zonder zijn eigen `hash`-veld, gescheiden van andere hashes."""
    inhoud = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(RECORDFORMAAT.encode() + b"\0record\0" + canoniek(inhoud)).hexdigest()


def stukhash(data: bytes) -> str:
    return hashlib.sha256(RECORDFORMAAT.encode() + b"\0stuk\0" + data).hexdigest()


def nu_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def maak_record(volgnummer: int, vorige: str, soort: str, gegevens: dict[str, Any], gebruiker: Gebruiker,
                tijd: str | None = None) -> dict[str, Any]:
    record = {
        "formaat": RECORDFORMAAT,
        "volgnummer": volgnummer,
        "vorige": vorige,
        "soort": soort,
        "tijd": tijd or nu_utc(),
        "gebruiker": gebruiker.als_dict(),
        "gegevens": gegevens,
    }
    record["hash"] = recordhash(record)
    return record


class Schrijfsessie(Protocol):
    """Binnen een exclusieve sessie: de records van dit moment lezen en er één aan toevoegen."""

    def records(self) -> list[dict[str, Any]]: ...

    def voeg_toe(self, soort: str, gegevens: dict[str, Any], gebruiker: Gebruiker) -> dict[str, Any]: ...

    def bewaar_stuk(self, data: bytes) -> str: ...


class Registeropslag(Protocol):
    """Wat het register van zijn opslag vraagt."""

    naam: str

    def bestaat(self) -> bool: ...

    def records(self) -> list[dict[str, Any]]: ...

    def exclusief(self, gebruiker: Gebruiker) -> AbstractContextManager[Schrijfsessie]: ...

    def lees_stuk(self, sleutel: str) -> bytes: ...

    def verifieer(self) -> list[str]: ...
