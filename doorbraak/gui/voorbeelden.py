"""De voorbeeldcasussen voor training: de lijst voor het menu, en alle werkkopieën in één keer herstellen.

Een voorbeeld opent als werkkopie in de map oefeningen (Documenten.open_voorbeeld); het origineel in
resources/voorbeelden wordt nooit bewerkt. Een trainer zet na een cursus alle werkkopieën terug.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from doorbraak import diensten
from doorbraak.domein.casus import lees_casus
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.jsonbestand import schrijf_atomair
from doorbraak.gui.formulier import formulier_uit_casus
from doorbraak.gui.overzicht import melding_van

if TYPE_CHECKING:
    from doorbraak.gui.hoofdvenster import Hoofdvenster

TITEL = "Alle voorbeelden herstellen"


@dataclass(frozen=True)
class Voorbeeld:
    pad: Path
    titel: str
    jaren: int  # het hoogste jaar van een regel: 2 of meer is een meerjarige casus

    @property
    def menutekst(self) -> str:
        tekst = self.titel if self.jaren < 2 else f"{self.titel} (over {self.jaren} jaar)"
        return tekst.replace("&", "&&")  # een & in de titel is geen sneltoetsletter


def voorbeelden() -> list[Voorbeeld]:
    """De meegeleverde voorbeelden op titel. Alleen gelezen, niet gecontroleerd (dat doet openen): een
    onleesbaar bestand staat er met zijn bestandsnaam, zodat openen de fout kan melden."""
    lijst = []
    for pad in diensten.voorbeeldenmap().glob("*.json"):
        try:
            data = json.loads(pad.read_text(encoding="utf-8"))
            regels = [r for k in ("interventie", "zonder_doorbraak", "met_doorbraak") for r in data.get(k) or []]
            jaren = max([r.get("jaar") or 1 for r in regels if isinstance(r, dict)], default=1)
            lijst.append(Voorbeeld(pad, str(data.get("titel") or pad.stem).strip(), int(jaren)))
        except (OSError, ValueError, TypeError, AttributeError):
            lijst.append(Voorbeeld(pad, pad.stem, 1))
    return sorted(lijst, key=lambda vb: vb.titel.casefold())


def werkkopieen(v: Hoofdvenster) -> list[tuple[Path, Path]]:
    """(werkkopie, origineel) voor elk voorbeeld dat ooit is geopend."""
    originelen = diensten.voorbeeldenmap()
    return [(kopie, originelen / kopie.name) for kopie in sorted(v.mappen.oefeningen.glob("*.json"))
            if (originelen / kopie.name).is_file()]


def herstel_alle(v: Hoofdvenster) -> None:
    """Elke werkkopie terug naar haar origineel, na één bevestiging. Het voorbeeld in de editor wordt hersteld als
    één stap die ongedaan kan worden (zoals Voorbeeld herstellen); een ander document in de editor blijft zoals
    het is, ook met wijzigingen die nog niet zijn opgeslagen."""
    paren = werkkopieen(v)
    if not paren:
        v.dialogen.melding(TITEL, "Er zijn geen werkkopieën van voorbeeldcasussen: elk voorbeeld opent nog als "
                           "het origineel.")
        return
    open_kopie = v.pad if v.voorbeeld is not None and v.pad is not None else None
    namen = "\n".join(f"• {kopie.stem}" for kopie, _ in paren)
    if not v.dialogen.bevestig(TITEL, f"{len(paren)} werkkopie{'ën' if len(paren) != 1 else ''} van voorbeeldcasussen "
                               f"terugzetten naar het origineel?\n{namen}\n\nWat erin is veranderd gaat verloren"
                               + (". Het voorbeeld in de editor kan daarna nog ongedaan worden gemaakt (Ctrl+Z)."
                                  if open_kopie else ".")):
        return
    mislukt = []
    for kopie, origineel in paren:
        try:
            if open_kopie is not None and kopie.resolve() == open_kopie.resolve():
                v.editor.vervang(formulier_uit_casus(lees_casus(origineel)), "voorbeeld hersteld")
            else:
                schrijf_atomair(kopie, origineel.read_bytes())
        except (OSError, InvoerFout) as fout:
            mislukt.append(f"{kopie.name}: {melding_van(fout) if isinstance(fout, InvoerFout) else fout}")
    if open_kopie is not None and not v.documenten.opslaan():
        mislukt.append(f"{open_kopie.name}: niet opgeslagen")
    if mislukt:
        v.dialogen.fout(TITEL, "Niet alles is hersteld:\n" + "\n".join(mislukt))
    v.statusBar().showMessage(f"{len(paren) - len(mislukt)} voorbeeld(en) hersteld naar het origineel", 8000)
    if open_kopie is None:  # opslaan leest het register (en de casuslijst) al opnieuw
        v.registeracties.lees()  # de casuslijst toont de oefeningen met hun titel
