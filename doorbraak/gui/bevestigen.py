"""Wat een blijvende handeling precies doet, in woorden voor de bevestiging vooraf (indienen, toetsen, besluiten).

De feiten (welke aanvraag, welke route, welke pot) komen uit `workflow.gevolg_*`, dezelfde regels als de handeling
zelf; hier staan alleen de woorden. Bedragen met een vaste spatie na het €-teken, zodat ze nooit uit elkaar vallen.
"""

from __future__ import annotations

from dataclasses import dataclass

from doorbraak.gui.formulier import euro
from doorbraak.register import workflow

ONOMKEERBAAR = "Dit is niet ongedaan te maken."


@dataclass(frozen=True)
class Vraag:
    titel: str
    tekst: str
    knop: str  # de knop die het doet, genoemd naar de handeling




def pot(jaar: int | None) -> str:
    return "de budgetpot" if jaar is None else f"de pot {jaar}"


def _pot_van_besluit(jaar: int | None) -> str:
    return "de budgetpot" if jaar is None else f"de pot van het jaar van het besluit (nu {jaar})"


def _eerder(g: workflow.Gevolg) -> str:
    return ", ".join(f"{a.aanvraag} ({euro(a.bedrag)})" for a in g.goedgekeurd)


def _boven_limiet(g: workflow.Gevolg) -> str:
    """Waarom de aanvraag escaleert: het bedrag, of met wat al voor de casus is goedgekeurd het totaal
    (zoals regels.route)."""
    wat = "het bedrag"
    if g.eerder_goedgekeurd:
        wat = f"het totaal voor {g.casus_id} ({euro(g.eerder_goedgekeurd + g.bedrag)})"
    return f"Omdat {wat} boven de limiet van {euro(g.limiet)} komt"


def nieuwe_aanvraag(g: workflow.Gevolg) -> str:
    """Voor een casus met een goedgekeurde aanvraag: dat indienen een nieuwe aanvraag ernaast maakt, met de
    bedragen."""
    samen = g.eerder_goedgekeurd + g.bedrag
    zelfde = " (hetzelfde bedrag als al is goedgekeurd)" if g.bedrag == g.eerder_goedgekeurd else ""
    return (f"voor {g.casus_id} is al goedgekeurd: {_eerder(g)}. Indienen maakt een nieuwe aanvraag ernaast, {g.aanvraag}, voor nog eens "
            f"{euro(g.bedrag)}{zelfde}: samen {euro(samen)} voor deze casus")


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def _route(g: workflow.Gevolg, beslissers: str) -> str:
    if g.route == workflow.VIER_OGEN:
        return ""
    return f"{_boven_limiet(g)}, beslist daarna {beslissers} (escalatie). "


def indienen(g: workflow.Gevolg, beslissers: str) -> Vraag:
    if g.goedgekeurd:
        titel, knop = "Nieuwe aanvraag indienen", "Nieuwe aanvraag indienen"
        begin = f"Let op: dit wordt een NIEUWE aanvraag. {_hoofdletter(nieuwe_aanvraag(g))}.\n\n"
    else:
        titel, knop, begin = "Indienen bij het register", "Indienen", ""
    tekst = (f"{begin}Aanvraag {g.aanvraag} van {euro(g.bedrag)} wordt vastgelegd in het register, met de berekening "
             "en de gebruikte prijzen. Een andere coach toetst haar (vier ogen). " + _route(g, beslissers) +
             f"Bij goedkeuring wordt het bedrag gereserveerd uit {_pot_van_besluit(g.jaar)}.\n\n"
             "Een ingediende aanvraag kan niet worden gewijzigd of ingetrokken. " + ONOMKEERBAAR)
    return Vraag(titel, tekst, knop)


def _reservering(g: workflow.Gevolg) -> str:
    return (f"{euro(g.bedrag)} wordt gereserveerd uit {pot(g.jaar)} (daarna is er nog {euro(g.beschikbaar_na)} "
            "beschikbaar) en het verantwoordingsdocument wordt in het register gearchiveerd. ")


def _afwijzing(g: workflow.Gevolg, reden: str) -> str:
    return (f"Aanvraag {g.aanvraag} van {euro(g.bedrag)} wordt afgewezen, met deze reden in het register:\n"
            f"“{reden}”\n\nEr wordt niets gereserveerd; voor {g.casus_id} kan daarna een nieuwe aanvraag worden "
            "ingediend. ")


def toetsen(g: workflow.Gevolg, reden: str, beslissers: str) -> Vraag:
    if g.uitkomst == workflow.AFGEWEZEN:
        return Vraag("Toetsing: afwijzen", _afwijzing(g, reden) + ONOMKEERBAAR, "Afwijzen")
    if g.uitkomst == workflow.GOEDGEKEURD:
        tekst = (f"U keurt aanvraag {g.aanvraag} van {euro(g.bedrag)} goed als tweede coach (vier ogen); dat is het "
                 f"besluit. {_reservering(g)}{ONOMKEERBAAR}")
    else:
        tekst = (f"U keurt aanvraag {g.aanvraag} van {euro(g.bedrag)} goed als tweede coach. {_boven_limiet(g)}, gaat "
                 f"de aanvraag daarna naar de beslissers: {beslissers}. Er wordt nog niets gereserveerd.\n\n"
                 "Uw toetsing is niet ongedaan te maken.")
    return Vraag("Toetsing: goedkeuren", tekst, "Goedkeuren")


def besluiten(g: workflow.Gevolg, reden: str) -> Vraag:
    if g.uitkomst == workflow.AFGEWEZEN:
        return Vraag("Escalatie: afwijzen", _afwijzing(g, reden) + ONOMKEERBAAR, "Afwijzen")
    return Vraag("Escalatie: toekennen", f"U kent de geëscaleerde aanvraag {g.aanvraag} van {euro(g.bedrag)} toe. "
                 f"{_reservering(g)}{ONOMKEERBAAR}", "Toekennen")
