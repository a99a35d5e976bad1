"""Waar een opdracht mag schrijven: nooit over haar eigen invoer, nooit over andermans bestand.

Elke opdracht die een bestand schrijft (`pdf`, `xlsx`, `register exporteer`, `prijslijst
exporteer`, `prijslijst importeer`, `bereken --vastleggen`, en de export in de desktopapp)
controleert het doel hier, voordat er iets wordt berekend of geschreven:

- nooit een invoer van dezelfde opdracht, ook niet via een andere schrijfwijze, een symbolische
  of een harde link (`os.path.samefile`);
- nooit iets in een registermap (records, stukken, `kop.json`, het slot), behalve de eigen
  exportbestanden van dat register als het de invoer is: `register.xlsx` (die het register na elke
  wijziging zelf opnieuw schrijft) en `verantwoording/*.pdf`;
- een bestaand bestand alleen als het een eerdere, ongewijzigde export van dezelfde soort is
  (zie `herken`), of als de gebruiker dat uitdrukkelijk vraagt (`--overschrijven`; in de app: de
  bevestiging in het opslagvenster);
- een map, een pad dat op een scheidingsteken eindigt of een map die niet bestaat: een duidelijke
  melding in plaats van een fout over een tijdelijk bestand.

Geen Qt; PDF-metadata wordt pas gelezen als er een bestaand bestand te beoordelen is.
"""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Iterable

from doorbraak.domein.fouten import InvoerFout, Probleem
from doorbraak.domein.prijslijst import INDEXCIJFERS_CSV, PRIJSLIJST_CSV, VERSIE_JSON, VERVALLEN_CSV

#: Zo ondertekent Doorbraak zijn exports: `/Creator` van een PDF, `dc:creator` en
#: `cp:lastModifiedBy` van een werkmap. Een ander programma dat opslaat, zet er zijn eigen naam.
MAKER = "Doorbraak"
PDF_PRODUCENT = "Doorbraak (ReportLab)"
#: de producent in documenten van versies vóór 0.3.0 (toen pikepdf ze naar PDF/A omzette): ook die zijn van ons
EERDERE_PDF_PRODUCENTEN = ("Doorbraak (ReportLab, pikepdf)",)
#: Het begin van de `/Title` van een monitorrapport; een verantwoordingsdocument heet
#: `Verantwoording doorbraakbudget CASUS_ID`. Zo onderscheidt `herken` de twee soorten PDF.
MONITOR_PDF_TITEL = "Monitor doorbraakbudget"

EXPORT, NOOIT, BIJWERKEN = "export", "nooit", "bijwerken"


@dataclass(frozen=True)
class Soort:
    """Wat een opdracht schrijft, en wanneer een bestaand bestand met die naam vervangen mag worden."""

    kenmerk: str  # in de metadata van een werkmap (cp:category)
    formaat: str  # "pdf", "xlsx", "json" of "csv"
    naam: str  # "eerder verantwoordingsdocument (PDF)", voor de melding
    bestaand: str = EXPORT  # EXPORT: alleen over een eerdere export; NOOIT; BIJWERKEN: altijd


VERANTWOORDING_PDF = Soort("doorbraak-verantwoording", "pdf", "eerder verantwoordingsdocument (PDF) van Doorbraak")
CASUS_XLSX = Soort("doorbraak-casus", "xlsx", "eerdere casusspreadsheet van Doorbraak")
PRIJSLIJST_XLSX = Soort("doorbraak-prijslijst", "xlsx", "eerdere prijslijstspreadsheet van Doorbraak")
REGISTER_XLSX = Soort("doorbraak-register", "xlsx", "eerdere registerspreadsheet van Doorbraak")
MONITOR_XLSX = Soort("doorbraak-monitor", "xlsx", "eerdere monitor (Excel) van Doorbraak")
MONITOR_PDF = Soort("doorbraak-monitor-pdf", "pdf", "eerder monitorrapport (PDF) van Doorbraak")
VASTLEGGING = Soort("doorbraak-vastlegging", "json", "vastlegging", NOOIT)
PRIJSLIJSTMAP = Soort("doorbraak-prijslijstmap", "csv", "bestand van de prijslijstmap", BIJWERKEN)

_SOORTNAMEN = {VERANTWOORDING_PDF.kenmerk: "een verantwoordingsdocument van Doorbraak",
               CASUS_XLSX.kenmerk: "een casusspreadsheet van Doorbraak",
               PRIJSLIJST_XLSX.kenmerk: "een prijslijstspreadsheet van Doorbraak",
               REGISTER_XLSX.kenmerk: "een registerspreadsheet van Doorbraak",
               MONITOR_XLSX.kenmerk: "een monitor (Excel) van Doorbraak",
               MONITOR_PDF.kenmerk: "een monitorrapport (PDF) van Doorbraak"}

#: In een register dat de invoer is, mag alleen dit geschreven worden (relatief pad, glob).
_EIGEN_REGISTEREXPORTS = ((REGISTER_XLSX, "register.xlsx"), (VERANTWOORDING_PDF, "verantwoording/*.pdf"))
_MAX_TE_HERKENNEN = 200 * 1024 * 1024  # groter schrijft Doorbraak niet; zo'n bestand is van iemand anders


@dataclass(frozen=True)
class Invoer:
    """Iets wat een opdracht leest en dus nooit overschrijft: een bestand, of een hele (register)map."""

    rol: str  # "het casusbestand"
    pad: Path
    is_register: bool = False


def casusbestand(pad: Path | str) -> Invoer:
    return Invoer("het casusbestand", Path(pad))


def prijslijstbestanden(map_: Path | str) -> list[Invoer]:
    """De bestanden die uit een prijslijstmap gelezen worden."""
    return [Invoer("een bestand van de prijslijst", Path(map_) / naam)
            for naam in (PRIJSLIJST_CSV, INDEXCIJFERS_CSV, VERSIE_JSON, VERVALLEN_CSV)]


def registermap(map_: Path | str) -> Invoer:
    return Invoer("het register", Path(map_), is_register=True)


def controleer_uitvoer(uit: Path | str, soort: Soort, invoer: Iterable[Invoer] = (), *,
                       overschrijven: bool = False) -> Path:
    """Het doelpad als er naar geschreven mag worden; anders InvoerFout (er is dan niets gewijzigd).

    `overschrijven` staat toe dat een bestaand bestand vervangen wordt dat geen eerdere export van
    deze soort is; de invoer van de opdracht en een register blijven ook dan beschermd.
    """
    tekst = os.fspath(uit)
    pad = _doelbestand(tekst)
    invoer = list(invoer)
    _niet_de_invoer(pad, tekst, soort, [i for i in invoer if not i.is_register])
    eigen_registerexport = _controleer_registers(pad, tekst, soort, [i.pad for i in invoer if i.is_register])
    if os.path.lexists(pad):
        _mag_vervangen(pad, tekst, soort, overschrijven or eigen_registerexport)
    return pad


def _doelbestand(tekst: str) -> Path:
    """Het pad als het een bestandsnaam is in een map die bestaat; anders een melding die dat zegt."""
    if not tekst.strip():
        raise InvoerFout(Probleem("", "geen bestandsnaam opgegeven voor de uitvoer"))
    pad = Path(tekst)
    try:
        if tekst.endswith(tuple(s for s in (os.sep, os.altsep) if s)) or pad.name in ("", ".", "..") or pad.is_dir():
            raise InvoerFout(Probleem(tekst, "is een map; geef een bestandsnaam"))
        if not pad.parent.is_dir():
            reden = f"{pad.parent} is geen map" if pad.parent.exists() else f"de map {pad.parent} bestaat niet"
            raise InvoerFout(Probleem(tekst, f"{reden}; er is niets geschreven"))
    except PermissionError:  # een map op het pad waar deze gebruiker niet in mag kijken
        raise InvoerFout(Probleem(tekst, f"u hebt geen toegang tot de map {pad.parent}; er is niets geschreven")) from None
    return pad


def _niet_de_invoer(pad: Path, tekst: str, soort: Soort, bestanden: list[Invoer]) -> None:
    for inv in bestanden:
        if not _zelfde_bestand(pad, inv.pad):
            continue
        zelf = os.path.normpath(tekst) == os.path.normpath(inv.pad)
        wat = f"{inv.rol} zelf" if zelf else f"hetzelfde bestand als {inv.rol} {inv.pad}"
        advies = "" if soort.bestaand == BIJWERKEN else "; kies een andere naam voor de uitvoer"
        raise InvoerFout(Probleem(tekst, f"is {wat}, de invoer van deze opdracht; die wordt nooit overschreven"
                                  f"{advies} (er is niets gewijzigd)"))


def _mag_vervangen(pad: Path, tekst: str, soort: Soort, toegestaan: bool) -> None:
    """Een bestaand bestand: alleen een gewoon bestand, en alleen een eerdere export (of `toegestaan`)."""
    try:
        modus = os.stat(pad).st_mode
    except OSError:
        modus = None  # een link die nergens heen wijst: de link zelf wordt vervangen
    if modus is not None and not stat.S_ISREG(modus):  # /dev/null, een pipe: nooit vervangen
        raise InvoerFout(Probleem(tekst, "is geen gewoon bestand; kies een andere naam (er is niets gewijzigd)"))
    if soort.bestaand == NOOIT:
        raise InvoerFout(Probleem(tekst, f"bestaat al; een {soort.naam} wordt nooit overschreven (kies een nieuwe naam)"))
    if soort.bestaand == BIJWERKEN or toegestaan:
        return
    kenmerk, toelichting = herken(pad)
    if kenmerk == soort.kenmerk:
        return
    if kenmerk in _SOORTNAMEN:
        toelichting = f"het is {_SOORTNAMEN[kenmerk]}"
    raise InvoerFout(Probleem(tekst, f"bestaat al en is geen {soort.naam}{f' ({toelichting})' if toelichting else ''}; "
                              "kies een andere naam, of geef --overschrijven om het toch te vervangen "
                              "(er is niets gewijzigd)"))


def herken(pad: Path | str) -> tuple[str | None, str]:
    """(kenmerk, toelichting): het kenmerk van een ongewijzigde export van Doorbraak, anders None.

    Een PDF is van Doorbraak als hij met `%PDF-` begint, `/Creator` en `/Producer` van Doorbraak
    zijn en er geen latere bijwerking is aangehangen (één `%%EOF`); een monitorrapport heeft een
    `/Title` die met `MONITOR_PDF_TITEL` begint, elke andere is een verantwoordingsdocument. Een
    werkmap is van Doorbraak als `dc:creator` en `cp:lastModifiedBy` Doorbraak zijn (Excel en
    LibreOffice zetten daar bij opslaan de gebruiker); het kenmerk staat in `cp:category`.
    """
    try:
        with open(pad, "rb") as f:
            kop = f.read(5)
            grootte = os.fstat(f.fileno()).st_size
            if grootte > _MAX_TE_HERKENNEN:
                return None, ""
            if kop == b"%PDF-":
                f.seek(0)
                return _herken_pdf(f.read())
    except OSError:
        return None, ""
    if kop.startswith(b"PK"):
        return _herken_xlsx(pad)
    return None, ""


def _herken_pdf(data: bytes) -> tuple[str | None, str]:
    if data.count(b"%%EOF") != 1:
        return None, "na het exporteren bijgewerkt door een ander programma"
    try:
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            maker, producent = str(pdf.docinfo.get("/Creator", "")), str(pdf.docinfo.get("/Producer", ""))
            titel = str(pdf.docinfo.get("/Title", ""))
    except Exception:  # elk probleem met een vreemd bestand: dan is het in elk geval niet van ons
        return None, ""
    if maker == MAKER and producent in (PDF_PRODUCENT, *EERDERE_PDF_PRODUCENTEN):
        if titel.startswith(MONITOR_PDF_TITEL):
            return MONITOR_PDF.kenmerk, ""
        return VERANTWOORDING_PDF.kenmerk, ""
    return None, ""


_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


def _herken_xlsx(pad: Path | str) -> tuple[str | None, str]:
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(pad) as z:
            namen = set(z.namelist())
            if "xl/workbook.xml" not in namen or "docProps/core.xml" not in namen:
                return None, ""
            if z.getinfo("docProps/core.xml").file_size > 1024 * 1024:
                return None, ""
            kern = ElementTree.fromstring(z.read("docProps/core.xml"))
    except Exception:  # elk probleem met een vreemd bestand: dan is het in elk geval niet van ons
        return None, ""
    maker, gewijzigd_door = kern.findtext(f"{_DC}creator"), kern.findtext(f"{_CP}lastModifiedBy")
    if maker != MAKER:
        return None, ""
    if gewijzigd_door != MAKER:
        return None, f"na het exporteren gewijzigd{f' door {gewijzigd_door}' if gewijzigd_door else ''}"
    return kern.findtext(f"{_CP}category"), ""


def _zelfde_bestand(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # een van beide bestaat (nog) niet: dan vergelijken we de opgeloste paden
        return _echt(a) == _echt(b)


def _echt(pad: Path | str) -> str:
    return os.path.normcase(os.path.realpath(pad))


def _binnen(pad: str, map_: str) -> str | None:
    """Het relatieve pad als `pad` in `map_` ligt, anders None."""
    try:
        if os.path.commonpath([pad, map_]) != map_:
            return None
    except ValueError:  # een ander station (Windows)
        return None
    return os.path.relpath(pad, map_)


def _controleer_registers(pad: Path, tekst: str, soort: Soort, invoerregisters: list[Path]) -> bool:
    """InvoerFout als het doel in een register ligt; True als het een eigen export van een invoerregister is."""
    # zowel de link zelf als waar hij heen wijst
    kandidaten = {_echt(pad), os.path.join(_echt(pad.parent), os.path.normcase(pad.name))}
    registers = [(_echt(m), m, True) for m in invoerregisters]
    for voorouder in (pad.parent, pad.parent.parent):  # MAP/x, MAP/records/x, MAP/verantwoording/x
        if _is_register(voorouder):
            registers.append((_echt(voorouder), voorouder, False))
    for echt, map_, is_invoer in registers:
        relatief = [r for r in (_binnen(k, echt) for k in kandidaten) if r is not None]
        if not relatief:
            continue
        toegestaan = [p for s, p in _EIGEN_REGISTEREXPORTS if s == soort] if is_invoer else []
        if toegestaan and all(any(fnmatchcase(r, os.path.normcase(p)) for p in toegestaan) for r in relatief):
            return True
        hier = f" (hier schrijft deze opdracht alleen {map_ / toegestaan[0]})" if toegestaan else ""
        raise InvoerFout(Probleem(tekst, f"ligt in het register {map_}; een record, stuk of ander bestand van het "
                                  f"register wordt nooit overschreven{hier}. Kies een bestand buiten de registermap "
                                  "(er is niets gewijzigd)"))
    return False


def _is_register(map_: Path) -> bool:
    from doorbraak.register import is_mapregister

    return is_mapregister(map_)
