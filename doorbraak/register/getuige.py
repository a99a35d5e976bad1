"""De getuige: wat deze gebruiker eerder van een register zag, om terugzetten en afsplitsen te zien.

Iedereen met schrijfrechten op een gedeelde map kan de laatste records weghalen en `kop.json`
herschrijven; de hashketen klopt dan nog steeds. Daarom onthoudt elke gebruiker in zijn eigen
datamap, per register (het id is de hash van record 1), het hoogste record dat hij zag en de hash
ervan, met een korte samenvatting van de laatste records (wie, wat, wanneer). Een register dat
korter is dan wat deze gebruiker zag, of vanaf een record anders verder gaat, wordt gemeld; zo'n
afwijking is pas weer in orde als iemand van de escalatielijst het herstel aanvaardt (een record
`herstel` in de keten, ná het punt van afsplitsing).

Dit module kent geen Qt en schrijft alleen in de eigen map van de gebruiker.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doorbraak.register.opslag import persoon

FORMAAT = "doorbraak-getuige/1"
SAMENVATTINGEN = 1000  # zoveel laatste records onthoudt de getuige met wie, wat en wanneer
_HASH = re.compile(r"[0-9a-f]{64}")


class GetuigeFout(Exception):
    """Het eigen getuigebestand van deze gebruiker is beschadigd: dan wordt er niet geraden."""

    def __init__(self, pad: Path, reden: str):
        self.pad = pad
        super().__init__(f"uw getuigebestand {pad} is beschadigd ({reden}); zonder dat bestand kan niet worden "
                         "nagegaan of dit register is teruggezet. Zet het opzij als u zeker weet dat het register "
                         "klopt; dan begint de getuige opnieuw")


def samenvatting(record: dict[str, Any]) -> dict[str, Any]:
    """Wat de getuige van één record onthoudt: genoeg om te zeggen wat er weg is."""
    g = record.get("gegevens") if isinstance(record.get("gegevens"), dict) else {}
    wie = record.get("gebruiker") if isinstance(record.get("gebruiker"), dict) else {}
    return {"nummer": record.get("volgnummer"), "hash": record.get("hash"), "soort": record.get("soort"),
            "tijd": record.get("tijd"), "naam": wie.get("naam"), "os_login": wie.get("os_login"),
            "aanvraag": g.get("aanvraag") or g.get("casus_id") or ""}


def beschrijf(s: dict[str, Any]) -> str:
    """`record 8 (besluit over K-1-1, 2026-11-30 14:02 UTC, door Marieke (marieke))`."""
    wat = str(s.get("soort") or "?")
    if s.get("aanvraag"):
        wat += f" over {s['aanvraag']}" if wat in ("toetsing", "besluit") else f" {s['aanvraag']}"
    tijd = str(s.get("tijd") or "?")[:16].replace("T", " ")
    return f"record {s.get('nummer')} ({wat}, {tijd} UTC, door {persoon(s)})"


def _tekst(waarde: Any) -> str:
    return waarde if isinstance(waarde, str) else ""


@dataclass
class Afwijking:
    """Het register wijkt af van wat deze gebruiker eerder zag."""

    gezien_aantal: int
    gezien_hash: str
    nu_aantal: int
    splitsing: int  # het laatste record dat zeker nog hetzelfde is (0: vanaf het begin anders)
    verloren: list[dict[str, Any]] = field(default_factory=list)  # samenvattingen van wat weg of anders is
    zeker: bool = True  # False: de afsplitsing ligt vóór de records die de getuige nog kent
    aanvaard_door: dict[str, Any] | None = None  # het herstelrecord dat dit aanvaardt, als dat er is

    @property
    def korter(self) -> bool:
        return self.zeker and self.splitsing == self.nu_aantal

    def melding(self) -> str:
        if self.splitsing == 0:
            kop = (f"op deze plek zag u eerder een ander register (met {self.gezien_aantal} records); dit register "
                   "begint anders")
        elif self.korter:
            kop = (f"dit register is korter dan u het eerder zag: u zag {self.gezien_aantal} records, nu zijn er "
                   f"{self.nu_aantal}")
        elif self.zeker:
            kop = (f"dit register wijkt af van wat u eerder zag: tot en met record {self.splitsing} is het hetzelfde, "
                   f"daarna anders (u zag {self.gezien_aantal} records, nu zijn er {self.nu_aantal})")
        else:
            kop = (f"dit register wijkt af van wat u eerder zag (u zag {self.gezien_aantal} records, nu zijn er "
                   f"{self.nu_aantal}); waar het anders wordt, ligt vóór de laatste {len(self.verloren)} records die "
                   "u nog kent")
        if self.zeker:
            aantal = self.gezien_aantal - self.splitsing
            weg = ("1 record dat u zag, is weg of vervangen" if aantal == 1
                   else f"{aantal} records die u zag, zijn weg of vervangen")
        else:
            weg = "records die u zag, zijn weg of vervangen"
        if self.verloren:
            weg += ": " + "; ".join(beschrijf(s) for s in self.verloren[:20])
            if len(self.verloren) > 20:
                weg += f"; en nog {len(self.verloren) - 20}"
            onbekend = self.gezien_aantal - self.splitsing - len(self.verloren)
            if self.zeker and onbekend > 0:
                weg += f" (van {onbekend} oudere {'record' if onbekend == 1 else 'records'} weet u niet meer wie en wanneer)"
        return f"{kop}. {weg}."

    def melding_aanvaard(self) -> str:
        h = self.aanvaard_door or {}
        g = h.get("gegevens") if isinstance(h.get("gegevens"), dict) else {}
        wie = h.get("gebruiker") if isinstance(h.get("gebruiker"), dict) else {}
        reden = _tekst(g.get("reden")).strip()
        return (f"let op: {self.melding()} Dit herstel is aanvaard in record {h.get('volgnummer')} door "
                f"{persoon(wie)} op {_tekst(h.get('tijd'))[:16].replace('T', ' ')} UTC"
                + (f" (reden: {reden})" if reden else "") + ".")


class Getuige:
    """De waarnemingen van één gebruiker, in `map_` (in zijn eigen datamap)."""

    def __init__(self, map_: Path | str):
        self.map = Path(map_)

    def _bestand(self, register_id: str) -> Path:
        return self.map / f"{register_id[:32]}.json"

    def _index(self) -> Path:
        return self.map / "mappen.json"

    @staticmethod
    def _plek(register: Path | str) -> str:
        """Dezelfde map onder een andere schrijfwijze (hoofdletters op Windows, een link) is dezelfde plek."""
        pad = os.path.normcase(os.path.realpath(register))
        return hashlib.sha256(pad.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def lees(self, register_id: str) -> dict[str, Any] | None:
        """Wat deze gebruiker van dit register zag; None als hij het nooit zag. GetuigeFout als het
        bestand er is maar niet klopt: een beschadigde getuige mag geen terugzetting verbergen."""
        pad = self._bestand(register_id)
        try:
            data = json.loads(pad.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise GetuigeFout(pad, f"niet te lezen: {type(e).__name__}") from None
        reden = _controleer(data, register_id)
        if reden:
            raise GetuigeFout(pad, reden)
        return data

    def _lees_index(self) -> dict[str, Any]:
        try:
            data = json.loads(self._index().read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def vergelijk(self, register: Path | str, records: list[dict[str, Any]]) -> Afwijking | None:
        """Wijkt `records` af van wat deze gebruiker van dit register (of op deze plek) zag? None als niet."""
        if not records:
            return None
        register_id = records[0]["hash"]
        eerder = self.lees(register_id)
        if eerder is None:
            ander = self._lees_index().get(self._plek(register))
            if isinstance(ander, str) and ander != register_id and (oud := self.lees(ander)) is not None:
                return self._aanvaard(Afwijking(oud["aantal"], oud["hash"], len(records), 0, oud["records"]), oud,
                                      records)
            return None
        n, m = eerder["aantal"], len(records)
        if n <= m and records[n - 1].get("hash") == eerder["hash"]:
            return None
        bekend = {s["nummer"]: s["hash"] for s in eerder["records"]}
        oudste = min(bekend, default=n + 1)
        splitsing, zeker = 1, False  # record 1 is hetzelfde: het is het id van het register
        for i in range(min(n, m), oudste - 1, -1):
            if i in bekend and records[i - 1].get("hash") == bekend[i]:
                splitsing, zeker = i, True
                break
        else:
            if oudste <= 2:  # de getuige kent alles vanaf record 2: dan is het zeker na record 1
                zeker = True
        verloren = [s for s in eerder["records"] if s["nummer"] > splitsing]
        return self._aanvaard(Afwijking(n, eerder["hash"], m, splitsing, verloren, zeker), eerder, records)

    @staticmethod
    def _aanvaard(afwijking: Afwijking, eerder: dict[str, Any], records: list[dict[str, Any]]) -> Afwijking:
        """Een herstelrecord dat deze gebruiker nog niet eerder zag, gemaakt door iemand die op de
        escalatielijst stond zoals deze gebruiker het register kende, aanvaardt de afwijking.

        Een herstel dat hij al zag, geldt niet opnieuw (anders zou één oud herstel elke latere
        terugzetting dekken); en een nieuw register dat iemand op deze plek zet, met zichzelf op de
        lijst, kan zijn eigen vervanging niet aanvaarden."""
        gezien = set(eerder.get("herstellingen") or [])
        lijst = eerder.get("escalatie")
        bevoegd = None if lijst is None else {_login(x) for x in lijst}
        for r in records[1:]:
            if r.get("soort") != "herstel" or r.get("hash") in gezien:
                continue
            wie = r.get("gebruiker") if isinstance(r.get("gebruiker"), dict) else {}
            if bevoegd is None or _login(wie.get("os_login")) in bevoegd:
                afwijking.aanvaard_door = r
                break
        return afwijking

    def onthoud(self, register: Path | str, records: list[dict[str, Any]], escalatie: list[str] | tuple[str, ...],
                *, ook_korter: bool = False) -> None:
        """Leg vast wat deze gebruiker nu zag, met de escalatielijst van dat moment. Nooit terug naar
        minder, tenzij `ook_korter` (na een aanvaard herstel). Lukt schrijven niet, dan is dat geen
        fout: de getuige is een extra controle (en de volgende lezing probeert het opnieuw)."""
        if not records:
            return
        from doorbraak.domein.jsonbestand import schrijf_atomair

        register_id = records[0]["hash"]
        try:
            eerder = self.lees(register_id)
        except GetuigeFout:
            if not ook_korter:
                return
            eerder = None
        if (eerder is not None and eerder["aantal"] == len(records) and eerder["hash"] == records[-1].get("hash")
                and eerder.get("escalatie") == list(escalatie)):
            return
        if eerder is not None and eerder["aantal"] > len(records) and not ook_korter:
            return
        if (eerder is not None and eerder["aantal"] <= len(records)
                and records[eerder["aantal"] - 1].get("hash") == eerder["hash"]):
            nieuw_gezien = records[eerder["aantal"]:]
            samenvattingen = eerder["records"] + [samenvatting(r) for r in nieuw_gezien]
            herstellingen = list(eerder.get("herstellingen") or [])
        else:
            nieuw_gezien = records
            samenvattingen = [samenvatting(r) for r in records[-SAMENVATTINGEN:]]
            herstellingen = list((eerder or {}).get("herstellingen") or [])
        herstellingen += [r["hash"] for r in nieuw_gezien if r.get("soort") == "herstel" and r["hash"] not in herstellingen]
        data = {"formaat": FORMAAT, "register": register_id, "map": os.path.abspath(register),
                "aantal": len(records), "hash": records[-1]["hash"], "escalatie": list(escalatie),
                "herstellingen": herstellingen, "records": samenvattingen[-SAMENVATTINGEN:]}
        try:
            self.map.mkdir(parents=True, exist_ok=True)
            schrijf_atomair(self._bestand(register_id), json.dumps(data, ensure_ascii=False) + "\n")
            index = self._lees_index()
            if index.get(self._plek(register)) != register_id:
                index[self._plek(register)] = register_id
                schrijf_atomair(self._index(), json.dumps(index, sort_keys=True) + "\n")
        except Exception:  # noqa: BLE001 - een volle of onleesbare eigen map mag het werk niet tegenhouden
            pass


def _login(tekst: Any) -> str:
    return " ".join(_tekst(tekst).split()).casefold()


def _controleer(data: Any, register_id: str) -> str:
    """Waarom dit geen geldige getuige is, of '' als hij klopt."""
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        return "onbekend formaat"
    if data.get("register") != register_id:
        return "hoort bij een ander register"
    aantal = data.get("aantal")
    if type(aantal) is not int or aantal < 1:
        return "aantal records ongeldig"
    if not isinstance(data.get("hash"), str) or not _HASH.fullmatch(data["hash"]):
        return "hash ongeldig"
    samenvattingen = data.get("records")
    if not isinstance(samenvattingen, list) or not all(
            isinstance(s, dict) and type(s.get("nummer")) is int and 1 <= s["nummer"] <= aantal
            and isinstance(s.get("hash"), str) for s in samenvattingen):
        return "samenvattingen ongeldig"
    for sleutel in ("escalatie", "herstellingen"):
        if sleutel in data and not (isinstance(data[sleutel], list) and all(isinstance(x, str) for x in data[sleutel])):
            return f"{sleutel} ongeldig"
    return ""


__all__ = ["Afwijking", "Getuige", "GetuigeFout", "beschrijf", "samenvatting"]
