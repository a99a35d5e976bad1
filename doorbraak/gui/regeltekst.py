"""De teksten van een regel in de regellijst: de cellen van de tabel en de bron van een prijsregel."""

from __future__ import annotations

from html import escape
from typing import Any

from doorbraak.domein.berekening import Regeluitkomst
from doorbraak.domein.geld import formatteer, lees_invoer
from doorbraak.domein.prijslijst import Prijslijst, per_eenheid
from doorbraak.gui.formulier import euro_vast


def celtekst(regel: dict[str, Any], uitkomst: Regeluitkomst | None, sleutel: str, prijslijst: Prijslijst | None,
             is_interventie: bool) -> str:
    """Wat er in een cel van de regeltabel staat."""
    if sleutel == "jaar":
        return regel.get("jaar", "").strip() or "1"  # leeg telt als jaar 1
    if is_interventie:
        tekst = regel.get(sleutel, "")
        if sleutel == "bedrag" and tekst.strip():
            try:  # zoals elk bedrag in de app: € 2.400,00; wat niet te lezen is, zoals het getypt is
                return formatteer(lees_invoer(tekst))
            except ValueError:
                return tekst
        return tekst
    item = prijslijst.item(regel["prijs"]) if prijslijst and regel.get("prijs") else None
    if sleutel == "omschrijving":
        if regel.get("prijs"):
            return f"{item.naam} ({regel['prijs']})" if item else f"{regel['prijs']} (onbekende prijscode)"
        return regel.get("omschrijving", "")
    if sleutel == "eenheid":
        return item.eenheid if item else (regel.get("eenheid", "") if not regel.get("prijs") else "")
    if sleutel == "financier":
        return item.financier if item else regel.get("financier", "")
    if sleutel == "eenheidsprijs":
        return formatteer(uitkomst.eenheidsprijs) if uitkomst else "—"
    if sleutel == "bedrag":
        return formatteer(uitkomst.bedrag) if uitkomst else "—"
    if sleutel == "kans":
        kans = regel.get("kans", "")
        laag, hoog = regel.get("kans_laag", "").strip(), regel.get("kans_hoog", "").strip()
        if not (laag or hoog):
            return kans or "zeker"
        return f"{kans or 'zeker'} ({laag or kans or '1'}–{hoog or kans or '1'})"  # leeg = de kans
    return regel.get(sleutel, "")


def bronbeschrijving(regel: dict[str, Any], prijslijst: Prijslijst | None, casusjaar: int) -> str:
    """De prijslijstregel van een regel, met het bedrag in het casusjaar en de bron (HTML)."""
    item = prijslijst.item(regel["prijs"]) if prijslijst else None
    if item is None:
        if prijslijst and regel["prijs"] in prijslijst.vervallen:  # zeg wat ervoor in de plaats kwam
            melding = prijslijst.onbekend(regel["prijs"])
            return escape(melding[:1].upper() + melding[1:]) + "."
        return f"<b>{escape(regel['prijs'])}</b> staat niet in de prijslijst."
    try:
        _, prijs = prijslijst.eenheidsprijs(item, casusjaar)
        bedrag = f"{formatteer(prijs)} {per_eenheid(item.eenheid)} (prijspeil {casusjaar})"
    except Exception:  # een indexcijfer ontbreekt: de waarschuwingen van de berekening zeggen welke
        bedrag = f"{formatteer(item.bedrag)} {per_eenheid(item.eenheid)} (prijspeil {item.prijsjaar})"
    return (f"<b>{escape(item.naam)}</b> ({escape(item.code)}), {euro_vast(escape(bedrag))}; financier "
            f"{escape(item.financier)}.<br>Bron: <a href=\"{escape(item.url)}\">{escape(item.bron)}</a>")
