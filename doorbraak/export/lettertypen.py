"""De DejaVu-lettertypen voor ReportLab, snel geladen.

ReportLab leest bij elke start het hele TrueType-bestand uit (6.000 tekens: breedtes, cmap, glyfposities);
voor twee lettertypen kost dat ongeveer 55 ms, een flink deel van `doorbraak pdf`. Wat het uitlezen oplevert,
bewaren we daarom na de eerste keer in de cache van de gebruiker (marshal: alleen getallen, teksten en
lijsten), met als sleutel de ReportLab-versie en grootte en wijzigingstijd van het lettertypebestand. Past de
cache niet, of is hij onleesbaar, dan leest ReportLab het bestand gewoon opnieuw uit; schrijven mag mislukken.
Het resultaat is hetzelfde object: `tests/test_export.py` vergelijkt de PDF met en zonder cache byte voor byte.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

_CACHEFORMAAT = 1


def _cachemap() -> Path:
    from doorbraak.instellingen import Mappen

    return Mappen.standaard().data / "cache"


def _sleutel(pad: Path) -> str:
    import reportlab

    st = pad.stat()
    return f"{_CACHEFORMAAT}-{reportlab.Version}-{st.st_size}-{st.st_mtime_ns}"


def ttfont(naam: str, pad: Path, *, cache: bool = True):
    """Een `TTFont` voor `pad`, uit de cache als die past."""
    from reportlab.pdfbase.ttfonts import TTFont

    if not cache or os.environ.get("DOORBRAAK_GEEN_LETTERCACHE"):
        return TTFont(naam, str(pad))
    bestand = _cachemap() / f"{pad.stem}.marshal"
    sleutel = _sleutel(pad)
    try:
        gegevens = marshal.loads(bestand.read_bytes())
        if isinstance(gegevens, dict) and gegevens.get("sleutel") == sleutel:
            return _uit_cache(naam, pad, gegevens)
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass  # geen of een oude cache: gewoon uitlezen
    font = TTFont(naam, str(pad))
    _bewaar(bestand, sleutel, font)
    return font


def _bewaar(bestand: Path, sleutel: str, font) -> None:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    velden = {k: v for k, v in vars(font.face).items() if k not in ("_ttf_data", "_pdfScale")}
    namen = sorted(k for k, v in velden.items() if isinstance(v, TTFNameBytes))
    velden = {k: (bytes(v) if k in namen else v) for k, v in velden.items()}
    try:
        data = marshal.dumps({"sleutel": sleutel, "velden": velden, "namen": namen})
    except ValueError:  # een ReportLab-versie met iets anders in het object: dan zonder cache
        return
    try:
        bestand.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = bestand.with_name(f".{bestand.name}.{os.getpid()}")
        tijdelijk.write_bytes(data)
        os.replace(tijdelijk, bestand)
    except OSError:
        pass  # alleen een cache: de volgende keer opnieuw uitlezen


def _uit_cache(naam: str, pad: Path, gegevens: dict):
    import reportlab.pdfbase.ttfonts as tt
    from reportlab.pdfbase import pdfmetrics

    face = tt.TTFontFace.__new__(tt.TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    velden = dict(gegevens["velden"])
    for k in gegevens["namen"]:
        velden[k] = tt.TTFNameBytes(velden[k])
    face.__dict__.update(velden)
    face._ttf_data = pad.read_bytes()
    schaal = 1000 / face.unitsPerEm  # zoals TTFontFile.extractInfo
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * schaal)
    # TTFont.__init__ zelf laten lopen, met dit uitgelezen lettertype in plaats van een nieuw
    origineel = tt.TTFontFace
    tt.TTFontFace = lambda *_a, **_k: face
    try:
        return tt.TTFont(naam, str(pad))
    finally:
        tt.TTFontFace = origineel
