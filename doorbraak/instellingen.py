"""Instellingen en lokale mappen van de desktopapp (zonder Qt; ook zonder scherm te testen).

Waar dingen staan volgt de conventies van het platform (platformdirs): op Windows onder
`%APPDATA%` / `%LOCALAPPDATA%`, op Linux onder `~/.config` en `~/.local/share`, op macOS onder
`~/Library`. Het instellingenbestand heeft een schemanummer, zodat een latere versie het kan
omzetten.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from doorbraak.domein.fouten import InvoerFout, Probleem
from doorbraak.domein.jsonbestand import lees_bytes, lees_json_tekst, schrijf_atomair

APP = "Doorbraak"
SCHEMA = 1
INSTELLINGEN_JSON = "instellingen.json"
VENSTER_JSON = "venster.json"
VENSTER_SCHEMA = 1
DATA_OMGEVING = "DOORBRAAK_DATA"
CONFIG_OMGEVING = "DOORBRAAK_CONFIG"

#: Het lokale register dat bij de eerste start wordt aangemaakt: het budget en de limiet van het
#: doorbraakbudget (zie de README). Het staat op de eigen laptop van één gebruiker: diens login staat
#: op de escalatielijst (een gedeeld register maakt de teamleider met `register init`).
STANDAARD_BUDGET = Decimal("200000.00")
STANDAARD_LIMIET = Decimal("5000.00")


@dataclass
class Instellingen:
    """Wat een gebruiker instelt. Lege tekst betekent: de standaard."""

    registermap: str = ""  # leeg: het lokale register in de datamap; ook een PostgreSQL-URL (zonder wachtwoord)
    prijslijstmap: str = ""  # leeg: de meegeleverde prijslijst (of DOORBRAAK_PRIJSLIJST)
    recent: list[str] = field(default_factory=list)
    # de naam die de gebruiker zelf opgaf (eerste start, Instellingen): alleen om te tonen naast de login en als
    # Coach van een nieuwe casus; nooit wie handelt. Een naam die het register bij de login kent, gaat voor.
    naam: str = ""


#: Zo lang mag de eigen naam zijn (een naam, geen verhaal).
NAAM_MAX = 80


@dataclass(frozen=True)
class Vensterstand:
    """Het hoofdvenster zoals het werd afgesloten. `geometrie` en `indeling` zijn de base64-tekst van
    wat Qt bewaart (saveGeometry, saveState); `kader` is het venster met rand: (x, y, breedte, hoogte).
    `kolommen` zijn de kolombreedtes per tabel (naam van de kopregel -> wat Qt bewaart, als tekst)."""

    kader: tuple[int, int, int, int]
    geometrie: str
    indeling: str
    kolommen: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Mappen:
    """Waar de app haar instellingen en lokale bestanden bewaart."""

    config: Path
    data: Path

    @classmethod
    def standaard(cls) -> Mappen:
        """De mappen van het platform; `DOORBRAAK_CONFIG` en `DOORBRAAK_DATA` wijzen andere aan."""
        import platformdirs

        config = os.environ.get(CONFIG_OMGEVING, "").strip()
        data = os.environ.get(DATA_OMGEVING, "").strip()
        return cls(
            Path(config) if config else platformdirs.user_config_path(APP, appauthor=False, roaming=True),
            Path(data) if data else platformdirs.user_data_path(APP, appauthor=False),
        )

    @property
    def instellingenbestand(self) -> Path:
        return self.config / INSTELLINGEN_JSON

    @property
    def vensterbestand(self) -> Path:
        """Maat, plaats en indeling van het hoofdvenster bij het afsluiten: apart van de instellingen,
        omdat het bij elk afsluiten verandert en een kapot bestand dan alleen de indeling kost."""
        return self.config / VENSTER_JSON

    @property
    def concepten(self) -> Path:
        """Casussen in bewerking: `<casus_id>.json` (pseudoniem, nooit een naam in de bestandsnaam)."""
        return self.data / "concepten"

    @property
    def oefeningen(self) -> Path:
        """Werkkopieën van de voorbeeldcasussen; het origineel blijft in resources/voorbeelden."""
        return self.data / "oefeningen"

    @property
    def herstel(self) -> Path:
        """Automatisch bewaarde, nog niet opgeslagen wijzigingen (voor herstel na een crash)."""
        return self.data / "herstel"

    @property
    def standaardregister(self) -> Path:
        return self.data / "register"

    @property
    def logboek(self) -> Path:
        return self.data / "logboek"

    @property
    def getuigen(self) -> Path:
        """Wat deze gebruiker eerder van elk register zag (zie register/getuige.py)."""
        return self.data / "getuigen"

    def maak(self) -> None:
        # de datamap (casussen in bewerking, het lokale register) is van deze gebruiker alleen
        self.data.mkdir(mode=0o700, parents=True, exist_ok=True)
        for map_ in (self.config, self.concepten, self.oefeningen, self.herstel, self.logboek):
            map_.mkdir(parents=True, exist_ok=True)


def lees_instellingen(mappen: Mappen) -> tuple[Instellingen, str]:
    """De opgeslagen instellingen, en een melding als het bestand niet te gebruiken was.

    Een beschadigd bestand wordt opzij gezet (`instellingen.json.onleesbaar`), niet stil
    overschreven: de app start dan met de standaard en zegt dat.
    """
    pad = mappen.instellingenbestand
    if not pad.exists():
        return Instellingen(), ""
    try:
        # als een casusbestand: ook met BOM (Kladblok), en bij een fout een Nederlandse melding
        data = lees_json_tekst(lees_bytes(pad))
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError(f"onbekend schema {data.get('schema') if isinstance(data, dict) else '?'}")
        recent = data.get("recent", [])
        if not isinstance(recent, list):
            raise ValueError("recent is geen lijst")
        # een 'weergavenaam' van een oudere versie telt niet meer (die maakte van een getypte naam wie handelde);
        # 'naam' is alleen om te tonen, en een bestand zonder 'naam' (van voor de eerste-startdialoog) is goed
        inst = Instellingen(
            registermap=_tekst(data, "registermap"), prijslijstmap=_tekst(data, "prijslijstmap"),
            recent=[r for r in recent if isinstance(r, str)][:10], naam=eigen_naam(_tekst(data, "naam")),
        )
        return inst, ""
    except (InvoerFout, ValueError) as fout:
        reden = "; ".join(p.melding for p in fout.problemen) if isinstance(fout, InvoerFout) else str(fout)
        opzij = pad.with_name(pad.name + ".onleesbaar")
        try:
            os.replace(pad, opzij)
        except OSError:
            opzij = pad
        return Instellingen(), (f"De instellingen in {pad} waren niet te lezen ({reden}); de app gebruikt de "
                                f"standaardinstellingen. Het oude bestand staat in {opzij}.")


def _tekst(data: dict, naam: str) -> str:
    waarde = data.get(naam, "")
    if not isinstance(waarde, str):
        raise ValueError(f"{naam} is geen tekst")
    return waarde.strip()


def eigen_naam(tekst: str) -> str:
    """De eigen naam zoals hij bewaard en getoond wordt: witruimte (ook regeleinden) wordt één spatie, en hooguit
    NAAM_MAX tekens."""
    return " ".join(tekst.split())[:NAAM_MAX].strip()


def is_eerste_start(mappen: Mappen) -> bool:
    """Start de app hier voor het eerst: is er nog geen instellingenbestand? Een bestand dat niet te lezen was
    (opzij gezet als `.onleesbaar`) telt als een eerdere start: daarover krijgt de gebruiker al een melding."""
    pad = mappen.instellingenbestand
    return not pad.exists() and not pad.with_name(pad.name + ".onleesbaar").exists()


def coachnaam(inst: Instellingen, login: str, registernaam: str | None) -> str:
    """Wat er bij een nieuwe casus in het veld Coach komt. `registernaam` is de naam die het register bij de
    login kent (None: het register is nog niet gelezen). Die gaat voor: dat is de naam die collega's in
    documenten en in het register zien. Kent het register geen naam (dan geeft het de login zelf), dan de eigen
    naam uit de instellingen, en anders de login."""
    if registernaam is not None and registernaam.strip() and registernaam != login:
        return registernaam
    if inst.naam:
        return inst.naam
    return login if registernaam is not None else ""


def bewaar_instellingen(mappen: Mappen, inst: Instellingen) -> None:
    """Schrijf de instellingen; een register-URL met een wachtwoord nooit (InvoerFout, er is dan niets geschreven)."""
    from doorbraak import diensten

    if diensten.is_postgresql(inst.registermap):
        diensten.controleer_register_url(inst.registermap)
    mappen.config.mkdir(parents=True, exist_ok=True)
    data = {"schema": SCHEMA, **asdict(inst), "naam": eigen_naam(inst.naam)}
    schrijf_atomair(mappen.instellingenbestand, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def registermap(mappen: Mappen, inst: Instellingen) -> Path | str:
    """Waar het register staat: de ingestelde map, het lokale register, of een PostgreSQL-URL. Een URL blijft
    tekst: `Path("postgresql://server/db")` zou er `postgresql:/server/db` van maken."""
    from doorbraak.diensten import is_postgresql

    if not inst.registermap:
        return mappen.standaardregister
    return inst.registermap if is_postgresql(inst.registermap) else Path(inst.registermap)


def zorg_voor_standaardregister(mappen: Mappen) -> bool:
    """Maak bij de eerste start het lokale register aan; True als dat nu gebeurd is."""
    from doorbraak import diensten
    from doorbraak.register.map_register import MapRegister
    from doorbraak.register.opslag import systeemlogin

    if MapRegister(mappen.standaardregister).bestaat():
        return False
    mappen.standaardregister.mkdir(parents=True, exist_ok=True)
    try:
        diensten.maak_register(mappen.standaardregister, STANDAARD_BUDGET, STANDAARD_LIMIET, [systeemlogin()],
                               gedeeld=False)
    except InvoerFout as fout:
        # een ander proces maakte het tegelijk aan: dan is er nu een register, en is dat goed
        if not MapRegister(mappen.standaardregister).bestaat():
            raise InvoerFout(Probleem(str(mappen.standaardregister), f"het lokale register is niet aan te maken: {fout}"))
        return False
    return True


def lees_vensterstand(mappen: Mappen) -> Vensterstand | None:
    """Hoe het hoofdvenster de vorige keer was, of None (geen of een onbruikbaar bestand: dan opent
    het venster gewoon passend op het scherm; daar hoeft niemand een melding over te krijgen)."""
    try:
        data = json.loads(mappen.vensterbestand.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != VENSTER_SCHEMA:
        return None
    kader, geometrie, indeling = data.get("kader"), data.get("geometrie"), data.get("indeling")
    if not (isinstance(kader, list) and len(kader) == 4 and all(type(k) is int and abs(k) < 100_000 for k in kader)
            and kader[2] > 0 and kader[3] > 0 and isinstance(geometrie, str) and isinstance(indeling, str)
            and geometrie.isascii() and indeling.isascii()):  # base64; groter dan elk scherm past niet in Qt
        return None
    kolommen = data.get("kolommen", {})
    if not (isinstance(kolommen, dict) and all(isinstance(k, str) and isinstance(w, str) and w.isascii()
                                               for k, w in kolommen.items())):
        kolommen = {}  # alleen de kolombreedtes kwijt, niet de rest van het venster
    return Vensterstand((kader[0], kader[1], kader[2], kader[3]), geometrie, indeling, kolommen)


def bewaar_vensterstand(mappen: Mappen, stand: Vensterstand) -> None:
    mappen.config.mkdir(parents=True, exist_ok=True)
    schrijf_atomair(mappen.vensterbestand, json.dumps({"schema": VENSTER_SCHEMA, **asdict(stand)}) + "\n")
