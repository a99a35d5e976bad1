"""JSON lezen en schrijven zonder `float`: getallen worden `Decimal` en blijven exact.

Lezen weigert dubbele sleutels, NaN en Infinity. Schrijven gebeurt atomair: eerst een
tijdelijk bestand in dezelfde map, dan `os.replace`, zodat er nooit een half bestand staat.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from decimal import Decimal
from pathlib import Path

from doorbraak.domein.fouten import InvoerFout, Probleem

_JSON_MELDINGEN = {
    "Expecting value": "waarde verwacht",
    "Expecting property name enclosed in double quotes": "veldnaam tussen dubbele aanhalingstekens verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbele punt verwacht",
    "Extra data": "extra tekst na het einde van het JSON-object",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "ongeldig stuurteken in tekst",
    "Invalid \\escape": "ongeldige escape in tekst",
    "Illegal trailing comma before end of object": "overbodige komma voor het einde van een object",
    "Illegal trailing comma before end of array": "overbodige komma voor het einde van een lijst",
    "Invalid \\uXXXX escape": "ongeldige \\u-escape in tekst",
    "Unexpected UTF-8 BOM": "dubbele BOM aan het begin van het bestand",
    "Unterminated string": "tekst zonder afsluitend aanhalingsteken",
}


class _DubbeleSleutel(ValueError):
    pass


def _geen_dubbelen(paren: list[tuple[str, object]]) -> dict:
    resultaat: dict = {}
    for sleutel, waarde in paren:
        if sleutel in resultaat:
            raise _DubbeleSleutel(sleutel)
        resultaat[sleutel] = waarde
    return resultaat


class _GeenGetal(ValueError):
    pass


def _geen_constante(naam: str) -> object:
    raise _GeenGetal(f"{naam} is geen geldig JSON-getal")


#: Een casus is hooguit enkele honderden kilobytes; dit is een ruime bovengrens.
MAX_BESTAND = 20 * 1024 * 1024


def lees_bytes(pad: Path | str, max_bytes: int = MAX_BESTAND) -> bytes:
    """Lees een bestand; InvoerFout met een Nederlandse melding als dat niet lukt."""
    pad = Path(pad)
    if not str(pad).strip() or str(pad) == ".":
        raise InvoerFout(Probleem("", "geen bestandsnaam opgegeven"))
    try:
        with open(pad, "rb") as f:
            # eerst de grootte: read(n) reserveert n bytes vooraf, ook voor een bestand van 1 kB
            grootte = os.fstat(f.fileno()).st_size
            data = f.read(min(grootte, max_bytes) + 1) if grootte else f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InvoerFout(Probleem(str(pad), "bestand niet gevonden")) from None
    except IsADirectoryError:
        raise InvoerFout(Probleem(str(pad), "is een map, geen bestand")) from None
    except PermissionError:
        raise InvoerFout(Probleem(str(pad), "geen toegang tot het bestand (leesrechten, of het is geopend in een ander programma)")) from None
    except OSError as e:
        raise InvoerFout(Probleem(str(pad), f"kan het bestand niet lezen (systeemfout {e.errno})")) from None
    if len(data) > max_bytes:
        raise InvoerFout(Probleem(str(pad), f"is te groot (meer dan {max_bytes // (1024 * 1024)} MB)"))
    return data


def lees_json(pad: Path | str) -> object:
    """Lees een UTF-8 JSON-bestand; InvoerFout met een Nederlandse melding bij elk probleem."""
    return lees_json_tekst(lees_bytes(pad), str(pad))


def lees_json_tekst(data: bytes | str, bron: str = "") -> object:
    if isinstance(data, bytes):
        try:
            tekst = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InvoerFout(Probleem(bron, f"is geen UTF-8-tekst (ongeldige byte op positie {e.start})")) from None
    else:
        tekst = data
    try:
        return json.loads(
            tekst,
            parse_float=Decimal,
            parse_constant=_geen_constante,
            object_pairs_hook=_geen_dubbelen,
        )
    except json.JSONDecodeError as e:
        melding = next((nl for en, nl in _JSON_MELDINGEN.items() if e.msg.startswith(en)), "")
        plaats = f"ongeldige JSON op regel {e.lineno}, kolom {e.colno}"
        raise InvoerFout(Probleem(bron, f"{plaats}: {melding}" if melding else plaats)) from None
    except _DubbeleSleutel as e:
        raise InvoerFout(Probleem(bron, f"ongeldige JSON: veld {str(e)!r} komt twee keer voor in hetzelfde object")) from None
    except _GeenGetal as e:
        raise InvoerFout(Probleem(bron, f"ongeldige JSON: {e}")) from None
    except ValueError:  # bv. een geheel getal van duizenden cijfers
        raise InvoerFout(Probleem(bron, "ongeldige JSON: een getal met te veel cijfers")) from None
    except RecursionError:
        raise InvoerFout(Probleem(bron, "ongeldige JSON: te diep genest")) from None


def naar_json(waarde: object, inspringing: int = 2) -> str:
    """JSON-tekst met `Decimal` als exact getal (nooit via float), UTF-8 leesbaar."""
    delen: list[str] = []
    _schrijf(waarde, delen, 0, inspringing)
    return "".join(delen) + "\n"


def _schrijf(w: object, uit: list[str], niveau: int, stap: int) -> None:
    if isinstance(w, dict):
        if not w:
            uit.append("{}")
            return
        binnen = "\n" + " " * (stap * (niveau + 1))
        uit.append("{")
        for i, (k, v) in enumerate(w.items()):
            uit.append(("," if i else "") + binnen + json.dumps(str(k), ensure_ascii=False) + ": ")
            _schrijf(v, uit, niveau + 1, stap)
        uit.append("\n" + " " * (stap * niveau) + "}")
    elif isinstance(w, (list, tuple)):
        if not w:
            uit.append("[]")
            return
        binnen = "\n" + " " * (stap * (niveau + 1))
        uit.append("[")
        for i, v in enumerate(w):
            uit.append(("," if i else "") + binnen)
            _schrijf(v, uit, niveau + 1, stap)
        uit.append("\n" + " " * (stap * niveau) + "]")
    elif isinstance(w, Decimal):
        if not w.is_finite():
            raise ValueError(f"{w} kan niet als JSON-getal")
        # Gewone notatie (12.5, 100); alleen extreme getallen in exponentnotatie (1E+999999), ook geldige JSON.
        uit.append(f"{w:f}" if -40 <= w.adjusted() <= 40 else str(w))
    elif isinstance(w, float):
        raise TypeError("float hoort niet in een casusbestand; gebruik Decimal")
    else:
        uit.append(json.dumps(w, ensure_ascii=False))


def _umask() -> int:
    """De umask van dit proces, zonder hem even op 0 te zetten (dat is niet veilig naast andere threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for regel in f:
                if regel.startswith("Umask:"):
                    return int(regel.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    masker = os.umask(0o022)
    os.umask(masker)
    return masker


def _gedeeld(map_: Path | str) -> bool:
    """Is `map_` een map van een groep (groepschrijfbaar of setgid, zoals `register init` haar maakt)?"""
    try:
        modus = os.stat(map_).st_mode
    except OSError:
        return False
    return bool(modus & (stat.S_IWGRP | stat.S_ISGID))


def standaardrechten(fd: int, map_: Path | str | None = None) -> None:
    """Geef een nieuw (tijdelijk) bestand de gewone rechten (0666 min umask) in plaats van 0600, zodat
    collega's op een gedeelde map het kunnen lezen. In een map van een groep (zie `maak_gedeelde_map`)
    krijgt de groep ook schrijfrechten, wat de umask van deze gebruiker ook is."""
    if os.name == "posix":
        modus = 0o666 & ~_umask()
        if map_ is not None and _gedeeld(map_):
            modus |= 0o660
        os.fchmod(fd, modus)


def maak_gedeelde_map(pad: Path | str, *, groep: bool = False) -> None:
    """Maak een map (als die er nog niet is). Is de bovenliggende map van een groep, of vraagt de
    aanroeper erom (`groep`, bij `register init`), dan wordt ook deze map van de groep: setgid (nieuwe
    bestanden krijgen de groep van de map) en schrijfbaar voor de groep, wat de umask ook is."""
    pad = Path(pad)
    pad.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or not (groep or _gedeeld(pad.parent)):
        return
    try:
        modus = stat.S_IMODE(os.stat(pad).st_mode)
        gewenst = modus | stat.S_ISGID | stat.S_IRWXG | stat.S_IRWXU
        if gewenst != modus:
            os.chmod(pad, gewenst)
    except PermissionError:
        pass  # niet de eigenaar: dan bepaalt de eigenaar de rechten (register verifieer meldt het)


class Schrijffout(InvoerFout):
    """Een bestand kon niet (helemaal) worden geschreven; er is niets gewijzigd. `reden` zegt waarom,
    zonder dat laatste: wie na een vastgelegd besluit een document schrijft, meldt het zelf anders."""

    def __init__(self, pad: str, reden: str):
        self.reden = reden
        super().__init__(Probleem(pad, f"{reden}; er is niets gewijzigd"))


def schrijf_atomair(pad: Path | str, tekst: str) -> None:
    """Schrijf tekst als UTF-8 via een tijdelijk bestand en `os.replace`: alles of niets."""
    schrijf_bestanden_atomair({Path(pad): tekst})


def schrijf_bestanden_atomair(bestanden: dict[Path, str | bytes]) -> None:
    """Schrijf een of meer bestanden (tekst of bytes): eerst alles naar tijdelijke bestanden, dan vervangen.

    Mislukt het vervangen halverwege (bijvoorbeeld omdat een bestand open staat in Excel), dan
    worden de al vervangen bestanden teruggezet: het resultaat is alles of niets. InvoerFout met
    een Nederlandse melding.
    """
    tijdelijk: dict[Path, str] = {}
    oud: dict[Path, bytes | None] = {}
    vervangen: list[Path] = []
    try:
        for pad, tekst in bestanden.items():
            if not pad.parent.is_dir():
                raise InvoerFout(Probleem(str(pad), f"de map {pad.parent} bestaat niet"))
            if pad.is_dir():
                raise InvoerFout(Probleem(str(pad), "is een map; geef een bestandsnaam"))
            oud[pad] = pad.read_bytes() if pad.is_file() else None
            fd, naam = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent)
            tijdelijk[pad] = naam
            standaardrechten(fd, pad.parent)
            with os.fdopen(fd, "wb") as f:
                f.write(tekst if isinstance(tekst, bytes) else tekst.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
        for pad, naam in tijdelijk.items():
            os.replace(naam, pad)
            vervangen.append(pad)
    except OSError as e:
        for pad in vervangen:  # terugzetten wat al vervangen was
            try:
                if oud[pad] is None:
                    pad.unlink()
                else:
                    pad.write_bytes(oud[pad])
            except OSError:
                pass
        doel = next((p for p in bestanden if p not in tijdelijk), None) or next(
            (p for p in bestanden if p not in vervangen), next(iter(bestanden)))
        if isinstance(e, PermissionError) and doel not in tijdelijk:
            reden = f"geen schrijfrechten in de map {doel.parent}"
        elif isinstance(e, PermissionError):
            reden = (f"{doel.name} kan niet worden vervangen: geen schrijfrechten, of het bestand is geopend in een "
                     "ander programma (is het geopend in Excel? Sluit het en probeer opnieuw)")
        else:
            reden = f"kan {doel.name} niet schrijven (systeemfout {e.errno}: schijf vol of netwerkschijf weg?)"
        raise Schrijffout(str(doel), reden) from None
    finally:
        for naam in tijdelijk.values():
            if os.path.exists(naam):
                os.unlink(naam)
