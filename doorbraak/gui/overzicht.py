"""Wat het venster op de achtergrond leest: het register en de lokale casussen, en meldingen bij fouten."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from doorbraak import diensten
from doorbraak.domein.casus import lees_casus
from doorbraak.domein.fouten import InvoerFout, Weigering
from doorbraak.domein.geld import NUL
from doorbraak.domein.regels import route
from doorbraak.gui.casuslijst import AANVRAAG, CONCEPT, OEFENING, Lijstregel
from doorbraak.instellingen import Mappen, zorg_voor_standaardregister
from doorbraak.register import workflow
from doorbraak.register.map_register import AfwijkingFout, KetenFout
from doorbraak.register.opslag import Gebruiker, persoon


@dataclass
class Overzicht:
    """Wat een achtergrondtaak over het register en de lokale casussen vond."""

    stand: workflow.Registerstand | None
    registerfout: str
    regels: list[Lijstregel]
    nieuw_register: bool = False
    onbetrouwbaar: bool = False  # het register is er wel, maar de keten klopt niet of het is teruggezet
    meldingen: list[str] = field(default_factory=list)
    gebruiker: Gebruiker | None = None  # bij PostgreSQL: wie de database aanmeldt (session_user)


def melding_van(fout: BaseException) -> str:
    """Een Nederlandse melding die zegt wat er mis is; nooit een traceback voor de gebruiker."""
    if isinstance(fout, InvoerFout):
        bron = f"{fout.bron}: " if fout.bron and len(fout.problemen) == 1 else (f"{fout.bron}:\n" if fout.bron else "")
        return bron + "\n".join(str(p) for p in fout.problemen[:12]) + (
            f"\n… en nog {len(fout.problemen) - 12} problemen" if len(fout.problemen) > 12 else "")
    if isinstance(fout, Weigering):
        return fout.melding
    if isinstance(fout, PermissionError):
        return f"Geen toegang tot {fout.filename or 'het bestand'}: is het geopend in een ander programma (Excel)?"
    if isinstance(fout, OSError):
        return f"{fout.filename or 'Bestand of map'}: {fout.strerror or fout}"
    if is_databasefout(fout):
        regel = next((r.strip() for r in str(fout).splitlines() if r.strip()), type(fout).__name__)
        return f"De database gaf een fout: {regel}"
    return f"Onverwachte fout ({type(fout).__name__}); zie het logboek."


def is_databasefout(fout: BaseException) -> bool:
    """Een fout van psycopg die het register niet zelf vertaalde, zoals een URL die libpq niet kan lezen (zonder
    psycopg te laden: het is een extra pakket, alleen voor PostgreSQL)."""
    return type(fout).__module__.split(".")[0] == "psycopg"


def lees_overzicht(mappen: Mappen, map_: Path | str, standaard: bool) -> Overzicht:
    """Op de achtergrond: het register (aangemaakt bij de eerste start) en de lokale casussen; bij PostgreSQL
    ook wie de database aanmeldt. `map_` is een map of een PostgreSQL-URL."""
    stand, fout, nieuw, onbetrouwbaar, gebruiker = None, "", False, False, None
    try:
        if standaard:
            nieuw = zorg_voor_standaardregister(mappen)
        if diensten.is_postgresql(map_):  # eerst wie: zonder die geen stand (de knoppen volgen de gebruiker)
            gebruiker = diensten.wie_ben_ik(map_)
        stand = diensten.register_stand(map_)
    except (KetenFout, AfwijkingFout, workflow.OnleesbaarRegister) as e:
        fout, onbetrouwbaar = melding_van(e).replace("\n", " "), True
    except (InvoerFout, Weigering, OSError) as e:  # Weigering: de database laat deze gebruiker niet toe
        fout = melding_van(e).replace("\n", " ")
    except Exception as e:
        if not is_databasefout(e):
            raise
        fout = melding_van(e).replace("\n", " ")
    regels: list[Lijstregel] = []
    for soort, map_casussen in ((CONCEPT, mappen.concepten), (OEFENING, diensten.voorbeeldenmap())):
        for pad in sorted(map_casussen.glob("*.json")):
            try:
                casus = lees_casus(pad)
            except InvoerFout:
                regels.append(Lijstregel(soort, pad.stem, "(onleesbaar bestand)", "onleesbaar", None, "", pad))
                continue
            bedrag = sum((r.bedrag for r in casus.interventie), NUL)
            status = "concept" if soort == CONCEPT else "voorbeeld"
            eerder = NUL
            if stand is not None:
                if (open_ := stand.open_aanvraag(casus.casus_id)) is not None:
                    status = f"concept; aanvraag {open_.status}"
                eerder = stand.goedgekeurd_voor(casus.casus_id)
            limiet = stand.instellingen.limiet if stand else diensten.STANDAARD_LIMIET
            regels.append(Lijstregel(soort, casus.casus_id, casus.titel, status, bedrag, route(bedrag, limiet, eerder), pad))
    if stand is not None:
        laatste: dict[str, workflow.Aanvraag] = {}
        for a in stand.aanvragen:
            laatste[a.casus_id.casefold()] = a
        for a in laatste.values():
            regels.append(Lijstregel(AANVRAAG, a.casus_id, a.titel, a.status, a.bedrag, a.route, None, a.aanvraag,
                                     f"ingediend door {persoon(a.indiener)} op {a.ingediend_op[:10]}"))
    return Overzicht(stand, fout, regels, nieuw, onbetrouwbaar, stand.meldingen if stand is not None else [],
                     gebruiker)
