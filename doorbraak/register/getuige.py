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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doorbraak.register.opslag import persoon

FORMAAT = "doorbraak-getuige/1"
SAMENVATTINGEN = 1000  # zoveel laatste records onthoudt de getuige met wie, wat en wanneer


def samenvatting(record: dict[str, Any]) -> dict[str, Any]:
    """Wat de getuige van één record onthoudt: genoeg om te zeggen wat er weg is."""
    g = record.get("gegevens") if isinstance(record.get("gegevens"), dict) else {}
    wie = record.get("gebruiker") if isinstance(record.get("gebruiker"), dict) else {}
    return {"nummer": record.get("volgnummer"), "hash": record.get("hash"), "soort": record.get("soort"),
            "tijd": record.get("tijd"), "naam": wie.get("naam"), "os_login": wie.get("os_login"),
            "aanvraag": g.get("aanvraag") or g.get("casus_id") or ""}


def beschrijf(s: dict[str, Any]) -> str:
    """`record 8 (besluit over K-1-1, 2026-11-30 14:02 UTC, door Marieke (marieke))`."""
    wat = s.get("soort") or "?"
    if s.get("aanvraag"):
        wat += f" over {s['aanvraag']}" if wat in ("toetsing", "besluit") else f" {s['aanvraag']}"
    tijd = str(s.get("tijd") or "?")[:16].replace("T", " ")
    return f"record {s.get('nummer')} ({wat}, {tijd} UTC, door {persoon(s)})"


@dataclass
class Afwijking:
    """Het register wijkt af van wat deze gebruiker eerder zag."""

    gezien_aantal: int
    gezien_hash: str
    nu_aantal: int
    splitsing: int  # het laatste record dat nog hetzelfde is (0: vanaf het begin anders)
    verloren: list[dict[str, Any]] = field(default_factory=list)  # samenvattingen van wat weg of anders is
    aanvaard_door: dict[str, Any] | None = None  # het herstelrecord dat dit aanvaardt, als dat er is

    @property
    def korter(self) -> bool:
        return self.splitsing == self.nu_aantal

    def melding(self) -> str:
        if self.splitsing == 0:
            kop = (f"op deze plek zag u eerder een ander register (met {self.gezien_aantal} records); dit register "
                   "begint anders")
        elif self.korter:
            kop = (f"dit register is korter dan u het eerder zag: u zag {self.gezien_aantal} records, nu zijn er "
                   f"{self.nu_aantal}")
        else:
            kop = (f"dit register wijkt af van wat u eerder zag: tot en met record {self.splitsing} is het hetzelfde, "
                   f"daarna anders (u zag {self.gezien_aantal} records, nu zijn er {self.nu_aantal})")
        aantal = self.gezien_aantal - self.splitsing
        weg = "1 record dat u zag, is weg of vervangen" if aantal == 1 else f"{aantal} records die u zag, zijn weg of vervangen"
        if self.verloren:
            weg += ": " + "; ".join(beschrijf(s) for s in self.verloren[:20])
            if len(self.verloren) > 20:
                weg += f"; en nog {len(self.verloren) - 20}"
            bekend = {s.get("nummer") for s in self.verloren}
            onbekend = self.gezien_aantal - self.splitsing - len(bekend)
            if onbekend > 0:
                weg += f" (van {onbekend} oudere {'record' if onbekend == 1 else 'records'} weet u niet meer wie en wanneer)"
        return f"{kop}. {weg}."

    def melding_aanvaard(self) -> str:
        h = self.aanvaard_door or {}
        reden = ((h.get("gegevens") or {}).get("reden") or "").strip()
        return (f"let op: {self.melding()} Dit herstel is aanvaard in record {h.get('volgnummer')} door "
                f"{persoon(h.get('gebruiker'))} op {str(h.get('tijd', ''))[:16].replace('T', ' ')} UTC"
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
        return hashlib.sha256(os.path.abspath(register).encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def lees(self, register_id: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._bestand(register_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (not isinstance(data, dict) or data.get("formaat") != FORMAAT or data.get("register") != register_id
                or not isinstance(data.get("aantal"), int) or not isinstance(data.get("records"), list)):
            return None
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
                afwijking = Afwijking(oud["aantal"], oud["hash"], len(records), 0,
                                      [s for s in oud["records"] if isinstance(s, dict)])
                return self._aanvaard(afwijking, records)
            return None
        n, m = eerder["aantal"], len(records)
        if n <= m and records[n - 1].get("hash") == eerder["hash"]:
            return None
        bekend = {s.get("nummer"): s.get("hash") for s in eerder["records"] if isinstance(s, dict)}
        splitsing = 0
        for i in range(min(n, m), 0, -1):
            if i in bekend:
                if records[i - 1].get("hash") == bekend[i]:
                    splitsing = i
                    break
            elif i == 1 or i < min(bekend, default=1):
                # ouder dan wat de getuige onthoudt: record 1 (het id) is hetzelfde, dus daar sowieso
                splitsing = 1 if records[0]["hash"] == register_id else 0
                break
        verloren = [s for s in eerder["records"] if isinstance(s, dict) and (s.get("nummer") or 0) > splitsing]
        return self._aanvaard(Afwijking(n, eerder["hash"], m, splitsing, verloren), records)

    @staticmethod
    def _aanvaard(afwijking: Afwijking, records: list[dict[str, Any]]) -> Afwijking:
        """Een herstelrecord ná het punt van afsplitsing aanvaardt de afwijking (en meldt dat)."""
        afwijking.aanvaard_door = next((r for r in records[afwijking.splitsing:] if r.get("soort") == "herstel"), None)
        return afwijking

    def onthoud(self, register: Path | str, records: list[dict[str, Any]], *, ook_korter: bool = False) -> None:
        """Leg vast wat deze gebruiker nu zag. Nooit terug naar minder, tenzij `ook_korter` (na een
        aanvaard herstel). Lukt schrijven niet, dan is dat geen fout: de getuige is een extra controle."""
        if not records:
            return
        from doorbraak.domein.jsonbestand import schrijf_atomair

        register_id = records[0]["hash"]
        eerder = self.lees(register_id)
        if eerder is not None and eerder["aantal"] == len(records) and eerder["hash"] == records[-1].get("hash"):
            return
        if eerder is not None and eerder["aantal"] >= len(records) and not ook_korter:
            return
        if eerder is not None and eerder["aantal"] < len(records) and records[eerder["aantal"] - 1].get("hash") == eerder["hash"]:
            bewaard = [s for s in eerder["records"] if isinstance(s, dict)]
            nieuw = bewaard + [samenvatting(r) for r in records[eerder["aantal"]:]]
        else:
            nieuw = [samenvatting(r) for r in records[-SAMENVATTINGEN:]]
        data = {"formaat": FORMAAT, "register": register_id, "map": os.path.abspath(register),
                "aantal": len(records), "hash": records[-1]["hash"], "records": nieuw[-SAMENVATTINGEN:]}
        try:
            self.map.mkdir(parents=True, exist_ok=True)
            schrijf_atomair(self._bestand(register_id), json.dumps(data, ensure_ascii=False) + "\n")
            index = self._lees_index()
            if index.get(self._plek(register)) != register_id:
                index[self._plek(register)] = register_id
                schrijf_atomair(self._index(), json.dumps(index, sort_keys=True) + "\n")
        except Exception:  # noqa: BLE001 - een volle of onleesbare eigen map mag het werk niet tegenhouden
            pass


__all__ = ["Afwijking", "Getuige", "beschrijf", "samenvatting"]
