"""Hulpmiddelen voor de registertests (ook te importeren door gespawnde processen)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from doorbraak.diensten import dien_in, maak_register, toets
from doorbraak.domein.fouten import Weigering
from doorbraak.register.opslag import Gebruiker
from tests.conftest import casusdata, eigen_regel

ANNA = Gebruiker("anna", "anna", "pc-anna")
BERT = Gebruiker("bert", "bert", "pc-bert")
MANAGER = Gebruiker("Marieke", "marieke", "pc-marieke")


def schrijf_casus(map_: Path, casus_id: str, bedrag: str, **velden) -> Path:
    pad = map_ / f"{casus_id}.json"
    data = casusdata(casus_id=casus_id, datum="2025-06-01",
                     interventie=[{"omschrijving": "Interventie", "bedrag": bedrag, "categorie": "wonen"}],
                     zonder_doorbraak=[eigen_regel("20000.00", financier="gemeente (Wmo)")]) | velden
    pad.write_text(json.dumps(data), encoding="utf-8")
    return pad


def nieuw_register(map_: Path, budget: str = "10000", limiet: str = "5000", oefenregister: bool = False) -> Path:
    """Een register met de login van de teamleider op de escalatielijst, en haar weergavenaam."""
    maak_register(map_, Decimal(budget), Decimal(limiet), ["marieke"], oefenregister=oefenregister,
                  namen={"marieke": "Marieke de Boer"}, gebruiker=ANNA)
    return map_


def racer(args: tuple[str, str, int]) -> list[str]:
    """Eén van de wedijverende processen: dien twee casussen in en keur alles van anderen goed."""
    register, casusmap, i = args
    ik = Gebruiker(f"coach{i}", f"coach{i}", f"pc-{i}")
    log = []
    for j in (0, 1):
        pad = Path(casusmap) / f"RACE-{i}-{j}.json"
        dien_in(pad, register, gebruiker=ik)
        log.append(f"ingediend {pad.stem}")
    for ronde in range(3):
        for k in range(8):
            for j in (0, 1):
                if k == i:
                    continue
                try:
                    a, _ = toets(f"RACE-{k}-{j}", True, "ok", register, gebruiker=ik)
                    log.append(f"getoetst {a.aanvraag} {a.status}")
                except Weigering as w:
                    log.append(f"geweigerd {w.melding[:40]}")
    return log


def maak_tegelijk(args: tuple[str, int]) -> str:
    """Eén van de processen die tegelijk hetzelfde register proberen te maken."""
    from doorbraak.register.map_register import RegisterFout

    map_, i = args
    try:
        maak_register(Path(map_), Decimal(1000 + i), Decimal("5000"), ["marieke"],
                      gebruiker=Gebruiker(f"coach{i}", f"coach{i}", "pc"))
        return "gemaakt"
    except RegisterFout as fout:
        return fout.problemen[0].melding
