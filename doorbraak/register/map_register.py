"""Het register als map (op een netwerkschijf of lokaal): één bestand per record, een slotbestand.

- `records/000000000001.json`, `…2.json`, …: elk record in zijn eigen bestand, eerst volledig naar
  een tijdelijk bestand geschreven en dan met een harde link (die faalt als de naam al bestaat)
  op zijn plaats gezet. Een record is er dus helemaal of niet.
- `stukken/<hash>.json`: de casus, de berekening en de vastgelegde prijzen van een aanvraag; het
  record noemt de hash, dus de keten dekt ook deze bestanden.
- `register.lock`: exclusief aangemaakt (O_CREAT|O_EXCL), met eigenaar, machine, proces en tijd.
  Een verlopen slot (eigenaar op deze machine bestaat niet meer, of ouder dan `SLOT_VERLOOPT`
  seconden) wordt overgenomen via een tweede, kortstondig slot, zodat nooit twee processen
  tegelijk een slot breken of een vers slot van een ander weghalen.
- Tijdelijke restanten van een afgebroken schrijver worden genegeerd en door de volgende
  schrijver opgeruimd.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from doorbraak.domein.fouten import InvoerFout, Probleem, opdrachtregel
from doorbraak.register import RECORDS, recordbestand
from doorbraak.domein.jsonbestand import maak_gedeelde_map, standaardrechten
from doorbraak.register.getuige import Afwijking, Getuige, GetuigeFout
from doorbraak.register.opslag import (
    NUL_HASH, RECORDFORMAAT, Gebruiker, maak_record, nu_utc, recordhash, stukhash,
)

STUKKEN = "stukken"
SLOT = "register.lock"
KOP = "kop.json"
BREEKSLOT = "register.lock.breken"
SLOT_VERLOOPT = 120.0  # seconden; een schrijver houdt het slot normaal een fractie van een seconde
WACHTTIJD = 30.0
LEEG_SLOT_VERLOOPT = 5.0
OPRUIM_NA = 60.0
_RECORDNAAM = re.compile(r"([0-9]{12})\.json")
_GELEZEN: dict[str, dict[int, tuple[Any, dict[str, Any]]]] = {}  # per registermap: gelezen records met hun kenmerk
# records (als object) waarvan de hash al is nagerekend; de verwijzing houdt het object in leven,
# zodat een id nooit naar een ander, later gelezen record kan wijzen
_GECONTROLEERD: dict[int, dict[str, Any]] = {}


class RegisterFout(InvoerFout):
    """Het register is niet te lezen of te schrijven (map weg, share traag, bestand beschadigd)."""

    def __init__(self, map_: Path, melding: str):
        super().__init__(Probleem("", melding), f"register {map_}")


class RegisterBezet(RegisterFout):
    pass


class KetenFout(RegisterFout):
    """De hashketen klopt niet: een record is gewijzigd, verwijderd of verplaatst."""


class AfwijkingFout(RegisterFout):
    """Het register is korter dan, of anders dan, wat deze gebruiker eerder zag."""

    def __init__(self, map_: Path, afwijking: Afwijking):
        self.afwijking = afwijking
        aanvaarden = opdrachtregel("doorbraak", "register", "herstel-aanvaarden", "--register", map_, "--reden", "...")
        super().__init__(map_, f"{afwijking.melding()} Er wordt niets uit dit register gemeld of aan toegevoegd tot "
                               f"iemand van de escalatielijst het herstel aanvaardt: {aanvaarden}. Draai 'doorbraak "
                               "register verifieer' voor de details.")


class MapRegister:
    """Een register in een map; zie de moduledocumentatie voor de indeling."""

    def __init__(self, map_: Path | str, *, getuige: Getuige | None = None, wachttijd: float = WACHTTIJD,
                 slot_verloopt: float = SLOT_VERLOOPT, opruim_na: float = OPRUIM_NA):
        self.map = Path(map_)
        self.naam = str(self.map)
        self.getuige = getuige
        self.wachttijd = wachttijd
        self.slot_verloopt = slot_verloopt
        self.opruim_na = opruim_na
        self.meldingen: list[str] = []  # wat de gebruiker moet weten, maar geen fout is (een aanvaard herstel)

    # ------------------------------------------------------------ lezen

    def bestaat(self) -> bool:
        return (self.map / RECORDS / _bestandsnaam(1)).is_file()

    def records(self) -> list[dict[str, Any]]:
        """Alle records in volgorde. RegisterFout als de map weg is of een record onleesbaar.

        Records veranderen nooit (alleen toevoegen), dus een record dat dit proces al las, wordt
        niet opnieuw gelezen; `verifieer` leest wel alles opnieuw.
        """
        gelezen = _GELEZEN.setdefault(os.path.abspath(self.map), {})
        records = []
        for nummer, pad in self._recordbestanden():
            try:
                st = os.stat(pad)
                kenmerk = (st.st_size, st.st_mtime_ns)
            except OSError:
                kenmerk = None
            if nummer in gelezen and gelezen[nummer][0] == kenmerk:
                records.append(gelezen[nummer][1])
                continue
            try:
                with open(pad, "rb") as f:
                    record = json.loads(f.read())
            except FileNotFoundError:
                raise RegisterFout(self.map, f"record {nummer} verdween tijdens het lezen") from None
            except OSError as e:
                raise RegisterFout(self.map, f"record {nummer} is niet te lezen (systeemfout {e.errno})") from None
            except ValueError:
                raise RegisterFout(self.map, f"record {nummer} is beschadigd (geen geldige JSON); "
                                   "draai 'doorbraak register verifieer'") from None
            if not isinstance(record, dict):
                raise RegisterFout(self.map, f"record {nummer} is beschadigd; draai 'doorbraak register verifieer'")
            gelezen[nummer] = (kenmerk, record)
            records.append(record)
        return records

    def keten(self) -> list[dict[str, Any]]:
        """Alle records, pas nadat de hele keten is gecontroleerd en vergeleken met wat deze gebruiker
        eerder zag: een lezer meldt niets uit een beschadigd of teruggezet register alsof het klopt.
        KetenFout of AfwijkingFout (beide een RegisterFout, exitcode 2) als het niet klopt. Wat de
        gebruiker zag, legt `bevestig` vast, nadat ook de inhoud van de records klopt."""
        for poging in (1, 2):
            kop = self.lees_kop()  # eerst de kop: een schrijver zet hem pas ná zijn record
            records = self.records()
            try:
                self._controleer_keten(records, kop)
                self._toets_getuige(records)
                return records
            except (KetenFout, AfwijkingFout):
                # schreef intussen iemand (ook een ander venster van deze gebruiker, dat zijn getuige al
                # bijwerkte)? Dan klopt het bij een tweede lezing wel; anders is het echt zo
                if poging == 2:
                    raise
        raise AssertionError("onbereikbaar")

    def _controleer_keten(self, records: list[dict[str, Any]], kop: dict[str, Any] | None) -> None:
        """Nummering, hashes en verwijzingen; met `kop` ook of er niet minder records zijn dan `kop.json` zegt.
        Een record dat dit proces al controleerde, wordt niet opnieuw gehasht (records veranderen niet)."""
        vorige = NUL_HASH
        for i, record in enumerate(records, 1):
            if _GECONTROLEERD.get(id(record)) is not record:
                if record.get("volgnummer") != i or record.get("vorige") != vorige or record.get("hash") != recordhash(record):
                    raise KetenFout(self.map, f"de hashketen klopt niet: record {i} is gewijzigd, verwijderd of "
                                    "verplaatst. Er wordt niets uit dit register gemeld of aan toegevoegd tot dat is "
                                    "uitgezocht ('doorbraak register verifieer')")
                _GECONTROLEERD[id(record)] = record
            elif record.get("vorige") != vorige:
                raise KetenFout(self.map, f"de hashketen klopt niet: record {i} sluit niet aan op het vorige "
                                "('doorbraak register verifieer')")
            vorige = record["hash"]
        if kop is None:
            return
        aantal = kop.get("aantal") if type(kop.get("aantal")) is int else 0
        if aantal > len(records) or (aantal > 0 and records[aantal - 1].get("hash") != kop.get("hash")):
            raise KetenFout(self.map, f"het register telde {aantal} records (kop.json) en nu {len(records)}, of het "
                            "laatste record is vervangen: er zijn records verwijderd. Er wordt niets uit dit register "
                            "gemeld of aan toegevoegd tot dat is uitgezocht ('doorbraak register verifieer')")

    def afwijking(self, records: list[dict[str, Any]]) -> Afwijking | None:
        """Wat de getuige van deze gebruiker van `records` vindt (zonder iets te onthouden)."""
        if self.getuige is None or not records:
            return None
        try:
            return self.getuige.vergelijk(self.map, records)
        except GetuigeFout as fout:
            raise RegisterFout(self.map, str(fout)) from None

    def _toets_getuige(self, records: list[dict[str, Any]], *, herstel: bool = False) -> None:
        """Weiger een register dat korter is dan, of anders dan, wat deze gebruiker zag (tenzij dat herstel
        aanvaard is); een aanvaard herstel wordt een melding."""
        afwijking = self.afwijking(records)
        if afwijking is None:
            return
        if afwijking.aanvaard_door is None:
            if not herstel:
                raise AfwijkingFout(self.map, afwijking)
            return
        melding = afwijking.melding_aanvaard()
        if melding not in self.meldingen:
            self.meldingen.append(melding)

    def bevestig(self, records: list[dict[str, Any]], escalatie: tuple[str, ...] | list[str], *,
                 herstel: bool = False) -> None:
        """Onthoud wat deze gebruiker nu zag (nadat de keten én de inhoud klopten), met de escalatielijst."""
        if self.getuige is None or not records:
            return
        try:
            afwijking = self.getuige.vergelijk(self.map, records)
        except GetuigeFout:
            afwijking = None
        self.getuige.onthoud(self.map, records, escalatie, ook_korter=herstel or afwijking is not None)

    def aantal_records(self) -> int:
        return len(self._recordbestanden())

    def lees_stuk(self, sleutel: str) -> bytes:
        if not re.fullmatch(r"[0-9a-f]{64}", sleutel):
            raise RegisterFout(self.map, f"ongeldige stukverwijzing {sleutel!r}")
        try:
            data = (self.map / STUKKEN / f"{sleutel}.json").read_bytes()
        except OSError:
            raise RegisterFout(self.map, f"stuk {sleutel[:12]} ontbreekt of is niet te lezen") from None
        if stukhash(data) != sleutel:  # de keten noemt de hash van het stuk: ook de stukken horen erbij
            raise KetenFout(self.map, f"stuk {sleutel[:12]} is gewijzigd: het past niet bij de hash in zijn record. "
                            "Er wordt niets uit gemeld ('doorbraak register verifieer')")
        return data

    def _recordbestanden(self) -> list[tuple[int, str]]:
        map_ = os.path.join(self.map, RECORDS)
        try:
            namen = os.listdir(map_)
        except FileNotFoundError:
            if not self.map.exists():
                raise RegisterFout(self.map, "de registermap is niet bereikbaar (bestaat niet, of de netwerkschijf "
                                   "is niet verbonden)") from None
            raise RegisterFout(self.map, "dit is geen register (de map records ontbreekt); maak er een met "
                               "'doorbraak register init'") from None
        except OSError as e:
            raise RegisterFout(self.map, f"de registermap is niet te lezen (systeemfout {e.errno})") from None
        gevonden = sorted((int(m[1]), os.path.join(map_, naam)) for naam in namen if (m := _RECORDNAAM.fullmatch(naam)))
        if not gevonden:
            raise RegisterFout(self.map, "dit register is leeg; maak het met 'doorbraak register init'")
        return gevonden

    # ------------------------------------------------------------ controleren

    def verifieer(self) -> list[str]:
        """Controleer de hele keten: nummering, hashes, verwijzingen naar vorige en naar stukken."""
        problemen: list[str] = []
        vorige = NUL_HASH
        verwacht = 1
        kop = self.lees_kop()  # eerst de kop: een schrijver zet hem pas ná zijn record
        bestanden = self._recordbestanden()  # onbereikbaar of geen register: RegisterFout (exitcode 2)
        if kop and kop.get("aantal", 0) > bestanden[-1][0]:
            problemen.append(f"het register telde {kop['aantal']} records, er zijn er nog {bestanden[-1][0]}: "
                             "de laatste records zijn verwijderd")
        for nummer, pad in bestanden:
            if nummer != verwacht:
                problemen.append(f"record {verwacht}" + (f" tot en met {nummer - 1}" if nummer - 1 > verwacht else "")
                                 + " ontbreekt (verwijderd?)")
            verwacht = nummer + 1
            try:
                with open(pad, "rb") as f:
                    record = json.loads(f.read())
            except (OSError, ValueError):
                problemen.append(f"record {nummer} is onleesbaar of beschadigd")
                vorige = "?"
                continue
            if not isinstance(record, dict):
                problemen.append(f"record {nummer} is geen record")
                vorige = "?"
                continue
            if record.get("volgnummer") != nummer:
                problemen.append(f"record {nummer} draagt volgnummer {record.get('volgnummer')!r} (verplaatst of verwisseld?)")
            if record.get("hash") != recordhash(record):
                problemen.append(f"record {nummer} is gewijzigd: de inhoud past niet bij zijn hash")
            if vorige != "?" and record.get("vorige") != vorige:
                problemen.append(f"record {nummer} verwijst niet naar het record ervoor (keten verbroken: "
                                 "verwijderd, ingevoegd of van volgorde veranderd)")
            if nummer == 1 and record.get("soort") != "register":
                problemen.append("record 1 is niet de aanmaak van het register")
            sleutel = (record.get("gegevens") or {}).get("stuk") if isinstance(record.get("gegevens"), dict) else None
            if sleutel:
                try:
                    self.lees_stuk(sleutel)
                except KetenFout:
                    problemen.append(f"het stuk van record {nummer} is gewijzigd")
                except RegisterFout:
                    problemen.append(f"het stuk van record {nummer} ontbreekt")
            if kop and nummer == kop.get("aantal") and record.get("hash") != kop.get("hash"):
                problemen.append(f"record {nummer} is niet het record dat het register als laatste vastlegde "
                                 "(vervangen?)")
            vorige = record.get("hash", "?")
        return problemen

    # ------------------------------------------------------------ schrijven

    def maak(self, instellingen: dict[str, Any], gebruiker: Gebruiker, *, gedeeld: bool = True) -> dict[str, Any]:
        """Maak een nieuw register met zijn instellingen als eerste record; `gedeeld`: van de groep van de map."""
        if self.map.exists() and not self.map.is_dir():
            raise RegisterFout(self.map, "is een bestand, geen map")
        try:
            inhoud = {p.name for p in self.map.iterdir()} if self.map.exists() else set()
            # een eerder afgebroken init (lege records- en stukkenmap) mag opnieuw
            if inhoud - {RECORDS, STUKKEN, SLOT} or any((self.map / RECORDS).glob("*.json")):
                raise RegisterFout(self.map, "de map bestaat al en is niet leeg; kies een nieuwe of lege map")
            # een gedeeld register is bruikbaar voor de groep van de map, wat de umask van elke gebruiker ook
            # is; het lokale register op de eigen laptop blijft van de gebruiker alleen
            for map_ in (self.map, self.map / RECORDS, self.map / STUKKEN):
                maak_gedeelde_map(map_, groep=gedeeld)
        except RegisterFout:
            raise
        except OSError as e:
            raise RegisterFout(self.map, f"kan de registermap niet maken (systeemfout {e.errno})") from None
        with self.exclusief(gebruiker) as sessie:
            if sessie.records():
                raise RegisterFout(self.map, "hier is zojuist al een register gemaakt (door een ander); er is niets "
                                   "veranderd")
            record = sessie.voeg_toe("register", instellingen, gebruiker)
        # wie het register maakt, zag het: ook als hier eerder een ander register stond
        self.bevestig([record], instellingen.get("escalatie") or [], herstel=True)
        return record

    @contextmanager
    def exclusief(self, gebruiker: Gebruiker, *, herstel: bool = False) -> Iterator[_Sessie]:
        """Het register exclusief: lezen, beslissen en schrijven met de stand van dit moment.

        Met `herstel` mag de keten korter zijn dan `kop.json` of de getuige zegt (niet: beschadigd);
        dat is alleen voor het aanvaarden van een herstel uit een back-up."""
        token = self._neem_slot(gebruiker)
        try:
            self._ruim_op()
            yield _Sessie(self, herstel)
        finally:
            self._geef_slot_terug(token)

    def _schrijf_record(self, record: dict[str, Any]) -> None:
        doel = self.map / RECORDS / _bestandsnaam(record["volgnummer"])
        data = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        self._plaats(doel, data)

    def bewaar_stuk(self, data: bytes) -> str:
        sleutel = stukhash(data)
        doel = self.map / STUKKEN / f"{sleutel}.json"
        if doel.exists():
            try:
                self.lees_stuk(sleutel)
            except KetenFout:
                raise RegisterFout(self.map, f"stuk {sleutel[:12]} in het register is gewijzigd; er wordt niets "
                                   "toegevoegd") from None
        if not doel.exists():
            self._plaats(doel, data)
        return sleutel

    # ------------------------------------------------------------ de kop: aantal en laatste hash

    def lees_kop(self) -> dict[str, Any]:
        try:
            data = json.loads((self.map / KOP).read_bytes())
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _schrijf_kop(self, record: dict[str, Any]) -> None:
        """Leg aantal en laatste hash vast, zodat ook het weghalen van de laatste records opvalt."""
        from doorbraak.domein.jsonbestand import schrijf_atomair

        try:
            schrijf_atomair(self.map / KOP, json.dumps({"aantal": record["volgnummer"], "hash": record["hash"]}) + "\n")
        except InvoerFout:
            pass  # het record staat; de kop volgt bij de volgende schrijver

    def _plaats(self, doel: Path, data: bytes) -> None:
        """Schrijf naar een tijdelijk bestand, fsync, en zet het met een link op zijn plaats."""
        tijdelijk = doel.parent / f".{doel.name}.{uuid.uuid4().hex}.tmp"
        try:
            fd = os.open(tijdelijk, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o666)
            try:
                standaardrechten(fd, doel.parent)
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(tijdelijk, doel)  # faalt als de naam al bestaat: nooit een record overschrijven
            except FileExistsError:
                raise RegisterFout(self.map, f"{doel.name} bestaat al: een andere schrijver ging voor "
                                   "(het slot is gebroken?); er is niets overschreven") from None
            except OSError:
                if doel.exists():  # bestandssystemen zonder harde links: onder het slot hernoemen
                    raise RegisterFout(self.map, f"{doel.name} bestaat al; er is niets overschreven") from None
                os.rename(tijdelijk, doel)
            _fsync_map(doel.parent)
        except RegisterFout:
            raise
        except OSError as e:
            raise RegisterFout(self.map, f"kan niet schrijven in het register (systeemfout {e.errno}: "
                               "netwerkschijf weg of vol?); er is niets half geschreven") from None
        finally:
            try:
                os.unlink(tijdelijk)
            except OSError:
                pass

    # ------------------------------------------------------------ het slot

    def _neem_slot(self, gebruiker: Gebruiker) -> str:
        token = uuid.uuid4().hex
        inhoud = json.dumps({
            "token": token, "naam": gebruiker.naam, "os_login": gebruiker.os_login, "machine": socket.gethostname(),
            "pid": os.getpid(), "tijd": nu_utc(), "sinds": time.time(),
        }).encode("utf-8")
        einde = time.monotonic() + self.wachttijd
        slot = self.map / SLOT
        while True:
            try:
                fd = os.open(slot, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:
                houder = self._lees_slot(slot)
                if self._verlopen(slot, houder) and time.monotonic() <= einde:
                    self._breek(slot, houder)
                    continue
                if time.monotonic() > einde:
                    if self._verlopen(slot, houder):
                        raise RegisterBezet(self.map, "een verlopen slot (register.lock) kon niet worden weggehaald: "
                                            "controleer de schrijfrechten op de registermap") from None
                    wie = f"{houder.get('naam', '?')} op {houder.get('machine', '?')} sinds {houder.get('tijd', '?')}" \
                        if houder else "een ander proces"
                    raise RegisterBezet(self.map, f"het register is bezet door {wie}; probeer het zo opnieuw") from None
                time.sleep(random.uniform(0.002, 0.02))
                continue
            except FileNotFoundError:
                raise RegisterFout(self.map, "de registermap is niet bereikbaar (bestaat niet, of de netwerkschijf "
                                   "is niet verbonden)") from None
            except OSError as e:
                raise RegisterFout(self.map, f"kan het register niet vergrendelen (systeemfout {e.errno})") from None
            try:
                standaardrechten(fd, self.map)
                os.write(fd, inhoud)
                os.fsync(fd)
            finally:
                os.close(fd)
            return token

    def _geef_slot_terug(self, token: str) -> None:
        slot = self.map / SLOT
        houder = self._lees_slot(slot)
        if houder and houder.get("token") == token:
            try:
                os.unlink(slot)
            except OSError:
                pass

    @staticmethod
    def _lees_slot(slot: Path) -> dict[str, Any]:
        try:
            data = json.loads(slot.read_bytes())
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _verlopen(self, slot: Path, houder: dict[str, Any]) -> bool:
        if not houder:
            # Leeg of half geschreven: de maker schrijft zijn gegevens direct na het aanmaken; is het
            # na enkele seconden nog leeg, dan is hij daartussen afgebroken.
            try:
                return time.time() - slot.stat().st_mtime > LEEG_SLOT_VERLOOPT
            except OSError:
                return False
        if houder.get("machine") == socket.gethostname() and isinstance(houder.get("pid"), int):
            if not _proces_leeft(houder["pid"]):
                return True
        try:
            sinds = float(houder["sinds"]) if "sinds" in houder else slot.stat().st_mtime
        except (OSError, ValueError, TypeError):
            return False
        return time.time() - sinds > self.slot_verloopt

    def _breek(self, slot: Path, houder: dict[str, Any]) -> None:
        """Haal een verlopen slot weg, maar alleen als het nog hetzelfde slot is (onder een breekslot)."""
        breek = self.map / BREEKSLOT
        try:
            fd = os.open(breek, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            breker = self._lees_slot(breek)
            if self._verlopen(breek, breker):  # een breker die zelf is afgebroken
                try:
                    os.unlink(breek)
                except OSError:
                    pass
            time.sleep(random.uniform(0.002, 0.02))
            return
        except OSError:
            time.sleep(random.uniform(0.01, 0.05))
            return
        try:
            os.write(fd, json.dumps({"machine": socket.gethostname(), "pid": os.getpid(), "sinds": time.time()}).encode())
        finally:
            os.close(fd)
        try:
            nu = self._lees_slot(slot)
            if nu.get("token") == houder.get("token") and self._verlopen(slot, nu):
                os.unlink(slot)  # nog steeds hetzelfde verlopen slot (of nog steeds leeg en oud)
        except OSError:
            pass
        finally:
            try:
                os.unlink(breek)
            except OSError:
                pass

    def _ruim_op(self) -> None:
        """Tijdelijke restanten van afgebroken schrijvers weghalen (onder het slot): records en stukken
        in wording, en `register.xlsx` of `kop.json` in wording in de registermap zelf."""
        grens = time.time() - self.opruim_na
        for map_ in (self.map, self.map / RECORDS, self.map / STUKKEN):
            try:
                namen = os.listdir(map_)
            except OSError:
                continue
            for naam in namen:
                if naam.startswith(".") and naam.endswith(".tmp"):
                    try:
                        if (map_ / naam).stat().st_mtime <= grens:
                            (map_ / naam).unlink()
                    except OSError:
                        pass


class _Sessie:
    """Binnen het slot: de records van nu lezen en er één aan toevoegen."""

    def __init__(self, register: MapRegister, herstel: bool = False):
        self._register = register
        self._herstel = herstel
        self._records: list[dict[str, Any]] | None = None

    def records(self) -> list[dict[str, Any]]:
        """De records van nu, met de hele keten gecontroleerd: op een gewijzigd of teruggezet register
        wordt niet voortgebouwd."""
        if self._records is None:
            map_ = self._register.map / RECORDS
            kop = None if self._herstel else self._register.lees_kop()
            self._records = self._register.records() if any(map_.glob("*.json")) else []
            self._register._controleer_keten(self._records, kop)
            self._register._toets_getuige(self._records, herstel=self._herstel)
        return self._records

    def bevestig(self, escalatie: tuple[str, ...] | list[str]) -> None:
        """Na het schrijven: de schrijver zag wat hij schreef (zie MapRegister.bevestig)."""
        self._register.bevestig(self.records(), escalatie, herstel=self._herstel)

    @property
    def afwijking(self) -> Afwijking | None:
        """Wat de getuige van de gebruiker van deze sessie van het register vindt."""
        return self._register.afwijking(self.records())

    def voeg_toe(self, soort: str, gegevens: dict[str, Any], gebruiker: Gebruiker) -> dict[str, Any]:
        records = self.records()
        vorige = None
        if records:  # het laatste record vers van schijf: daar bouwt de keten op voort
            pad = self._register.map / RECORDS / _bestandsnaam(records[-1]["volgnummer"])
            try:
                vorige = json.loads(pad.read_bytes())
            except (OSError, ValueError):
                raise RegisterFout(self._register.map, f"record {records[-1]['volgnummer']} is niet te lezen; er wordt "
                                   "niets toegevoegd ('doorbraak register verifieer')") from None
        if vorige is not None and vorige.get("hash") != recordhash(vorige):
            raise RegisterFout(self._register.map, f"record {vorige.get('volgnummer')} is gewijzigd; er wordt niets "
                               "toegevoegd tot dat is uitgezocht ('doorbraak register verifieer')")
        volgnummer = vorige["volgnummer"] + 1 if vorige else 1
        record = maak_record(volgnummer, vorige["hash"] if vorige else NUL_HASH, soort, gegevens, gebruiker)
        self._register._schrijf_record(record)
        records.append(record)
        _GECONTROLEERD[id(record)] = record
        self._register._schrijf_kop(record)
        return record

    def bewaar_stuk(self, data: bytes) -> str:
        return self._register.bewaar_stuk(data)


_bestandsnaam = recordbestand


def _proces_leeft(pid: int) -> bool:
    if os.name != "posix":  # op Windows stuurt os.kill(pid, 0) een signaal; daar alleen de tijd
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_map(map_: Path) -> None:
    if os.name == "posix":
        try:
            fd = os.open(map_, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            pass


__all__ = ["AfwijkingFout", "KetenFout", "MapRegister", "RegisterFout", "RegisterBezet", "RECORDFORMAAT"]
