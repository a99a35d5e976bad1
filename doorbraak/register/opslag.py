"""De opslag van het register als interface: records toevoegen, alles lezen, exclusief schrijven.

Een record wordt nooit veranderd of verwijderd; correcties zijn nieuwe records. Elk record
draagt de SHA-256 van het vorige (domeingescheiden, canonieke JSON), zodat elke wijziging,
verwijdering of andere volgorde zichtbaar wordt. De map-opslag staat in `map_register.py`; een
PostgreSQL-opslag kan dezelfde interface later invullen.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from doorbraak.domein.fouten import InvoerFout, Probleem

NUL_HASH = "0" * 64
RECORDFORMAAT = "doorbraak-register/1"


@dataclass(frozen=True)
class Gebruiker:
    """Wie iets doet: de naam zoals het register hem kent, de geverifieerde login en de machine.

    Alleen `os_login` telt voor de regels (vier ogen, escalatie); `naam` is de weergavenaam die het
    register bij die login kent, of de login zelf.
    """

    naam: str
    os_login: str
    machine: str

    def als_dict(self) -> dict[str, str]:
        return {"naam": self.naam, "os_login": self.os_login, "machine": self.machine}


class GeenLogin(InvoerFout):
    """Het besturingssysteem geeft geen login: dan handelt niemand (er wordt niet geraden)."""

    def __init__(self, reden: str):
        super().__init__(Probleem("login", f"uw login is niet vast te stellen ({reden}); zonder login kan Doorbraak "
                                  "niet vastleggen wie iets doet. Meld dit bij de beheerder van uw computer"))


def systeemlogin() -> str:
    """De geverifieerde login volgens het besturingssysteem zelf, nooit volgens omgevingsvariabelen
    (die kan iedereen zetten).

    - Linux en macOS: de gebruikersdatabase bij het effectieve uid van dit proces. Een uid zonder
      naam (een container zonder gebruikersdatabase) wordt `uid-1234`: ook dat is geverifieerd.
    - Windows: het account als `DOMEIN\\gebruiker` (GetUserNameExW, NameSamCompatible; een lokaal account
      als `COMPUTER\\gebruiker`). Geen terugval op alleen de gebruikersnaam: dan zou één persoon onder
      twee logins kunnen verschijnen.
    """
    if os.name == "posix":
        import pwd

        uid = os.geteuid()
        try:
            return pwd.getpwuid(uid).pw_name
        except KeyError:
            return f"uid-{uid}"
    return _windowslogin()


def _windowslogin() -> str:  # pragma: no cover - alleen op Windows
    import ctypes
    from ctypes import wintypes

    grootte = wintypes.ULONG(512)
    buffer = ctypes.create_unicode_buffer(grootte.value)
    name_sam_compatible = 2
    try:
        if ctypes.windll.secur32.GetUserNameExW(name_sam_compatible, buffer, ctypes.byref(grootte)) and buffer.value:
            return buffer.value
    except (AttributeError, OSError):
        pass
    raise GeenLogin("Windows gaf geen account (GetUserNameExW)")


def huidige_gebruiker() -> Gebruiker:
    """De gebruiker van dit proces: de systeemlogin, op deze machine. Er is geen manier om als een
    ander te handelen; de weergavenaam komt uit de instellingen van het register (zie workflow)."""
    login = systeemlogin()
    import socket

    return Gebruiker(login, login, socket.gethostname())


def login_sleutel(login: str | None) -> str:
    """Een login zoals het besturingssysteem hem vergelijkt: op Windows zonder onderscheid tussen hoofd- en
    kleine letters (DOMEIN\\Anna is DOMEIN\\anna), elders precies (daar kunnen `tl` en `TL` twee accounts zijn)."""
    tekst = " ".join((login or "").split())
    return tekst.casefold() if os.name == "nt" else tekst


def persoon(gebruiker: dict[str, Any] | Gebruiker | None) -> str:
    """Zoals documenten en meldingen iemand noemen: de weergavenaam met de login ernaast,
    `Anna de Vries (anna)`, of alleen de login als er geen andere naam is."""
    if gebruiker is None:
        return ""
    if isinstance(gebruiker, Gebruiker):
        gebruiker = gebruiker.als_dict()
    naam = " ".join(str(gebruiker.get("naam") or "").split())
    login = str(gebruiker.get("os_login") or "").strip()
    if not login:
        return naam or "?"
    return login if not naam or naam == login else f"{naam} ({login})"


def canoniek(data: Any) -> bytes:
    """Canonieke JSON voor hashes: gesorteerde sleutels, geen spaties, UTF-8."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def recordhash(record: dict[str, Any]) -> str:
    """SHA-256 over het record zonder zijn eigen `hash`-veld, gescheiden van andere hashes."""
    inhoud = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(RECORDFORMAAT.encode() + b"\0record\0" + canoniek(inhoud)).hexdigest()


def stukhash(data: bytes) -> str:
    return hashlib.sha256(RECORDFORMAAT.encode() + b"\0stuk\0" + data).hexdigest()


def programma() -> str:
    """`Doorbraak 0.2.0`: de versie in een record en in een verantwoordingsdocument (records van vóór 0.2.0
    hebben het veld niet)."""
    import doorbraak

    return f"Doorbraak {doorbraak.__version__}"


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
        "programma": programma(),  # welke versie het record schreef (en het verantwoordingsdocument maakte)
    }
    record["hash"] = recordhash(record)
    return record


class Schrijfsessie(Protocol):
    """Binnen een exclusieve sessie: de records van dit moment lezen en er één aan toevoegen."""

    def records(self) -> list[dict[str, Any]]: ...

    def voeg_toe(self, soort: str, gegevens: dict[str, Any], gebruiker: Gebruiker) -> dict[str, Any]: ...

    def bewaar_stuk(self, data: bytes) -> str: ...

    def bevestig(self, escalatie: tuple[str, ...]) -> None: ...


class Registeropslag(Protocol):
    """Wat het register van zijn opslag vraagt."""

    naam: str

    def bestaat(self) -> bool: ...

    def records(self) -> list[dict[str, Any]]: ...

    def keten(self) -> list[dict[str, Any]]:
        """De records nadat de keten (en wat deze gebruiker eerder zag) is gecontroleerd."""
        ...

    def bevestig(self, records: list[dict[str, Any]], escalatie: tuple[str, ...]) -> None:
        """Onthoud (de getuige) dat deze gebruiker deze records zag, nu ook hun inhoud klopt."""
        ...

    def exclusief(self, gebruiker: Gebruiker, *, herstel: bool = False) -> AbstractContextManager[Schrijfsessie]: ...

    def lees_stuk(self, sleutel: str) -> bytes: ...

    def verifieer(self) -> list[str]: ...
