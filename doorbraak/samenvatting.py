"""De leesbare Nederlandse samenvatting van een businesscase (voor `doorbraak bereken`)."""

from __future__ import annotations

from decimal import Decimal

from doorbraak.domein.berekening import Businesscase, Grondslaguitkomst, Regeluitkomst
from doorbraak.domein.casus import Casus
from doorbraak.domein.geld import formatteer, getal_nl
from doorbraak.domein.prijslijst import REEKSNAAM, STANDAARD_DISCONTOVOET
from doorbraak.domein.regels import VIER_OGEN

BREEDTE = 78
_BEDRAG = 16


def _regel(links: str, bedrag: Decimal, inspringing: int = 0) -> str:
    ruimte = BREEDTE - _BEDRAG - inspringing
    links = links if len(links) <= ruimte else links[: ruimte - 1] + "…"
    return " " * inspringing + links.ljust(ruimte) + formatteer(bedrag).rjust(_BEDRAG)


def procent(voet: Decimal) -> str:
    """Een discontovoet als percentage, exact en minstens twee decimalen: `0.0225` -> `2,25%`."""
    p = (voet * 100).normalize()
    return f"{getal_nl(p, max(2, -p.as_tuple().exponent))}%"


def terugverdiend(bc: Businesscase) -> str:
    """`terugverdiend in jaar N` of `niet terugverdiend binnen de horizon van N jaar` (contante waarde)."""
    if bc.terugverdienjaar is None:
        return f"niet terugverdiend binnen de horizon van {bc.horizon_jaren} jaar"
    return f"terugverdiend in jaar {bc.terugverdienjaar}"


def discontobron(casus: Casus, bc: Businesscase) -> str:
    """Waar de discontovoet van de berekening vandaan komt (de casus, de standaard of de prijslijst)."""
    if casus.discontovoet is not None:
        return "vastgesteld in de casus"
    if bc.discontovoet == STANDAARD_DISCONTOVOET:
        return ("de standaarddiscontovoet voor maatschappelijke kosten-batenanalyses sinds 1 januari 2021 "
                "(Werkgroep discontovoet 2020, https://www.rwseconomie.nl/discontovoet)")
    return f"vastgesteld in de prijslijst (versie {bc.prijslijst_versie})"


def grondslagregel(g: Grondslaguitkomst) -> str:
    """`JW-2.3, Jeugdwet art. 2.3: toelichting` (zonder toelichting zonder dubbele punt)."""
    tekst = f"{g.grondslag.code}, {g.grondslag.wet} art. {g.grondslag.artikel}"
    return f"{tekst}: {g.toelichting}" if g.toelichting else tekst


def eenheidsprijs_uitleg(u: Regeluitkomst) -> str:
    """Hoe de eenheidsprijs van een prijslijstregel ontstaat, met de getallen waarmee een controller haar
    narekent: `prijs 2014 € 7.500,00 × CPI 2025 134,6 / CPI 2014 99,4 = € 10.155,94` (half naar boven)."""
    if not u.geindexeerd:
        if u.prijsjaar is not None and u.indexatie != "geen":
            return f"prijs {u.prijsjaar} {formatteer(u.bedrag_bron)}, al in het prijsjaar van de casus"
        return f"prijs {u.prijsjaar} {formatteer(u.bedrag_bron)}, vast bedrag (niet geïndexeerd)"
    ix = u.indexering
    reeks = REEKSNAAM.get(ix.reeks, ix.reeks.upper())
    if ix.van_jaar == ix.naar_jaar:
        return (f"prijs {u.prijsjaar} {formatteer(u.bedrag_bron)}, niet verder geïndexeerd: {reeks} {ix.naar_jaar} "
                "is het laatst bekende indexcijfer")
    return (f"prijs {u.prijsjaar} {formatteer(u.bedrag_bron)} × {reeks} {ix.naar_jaar} {getal_nl(ix.index_naar)} / "
            f"{reeks} {ix.van_jaar} {getal_nl(ix.index_van)} = {formatteer(u.eenheidsprijs)}")


def _kostenregel(u: Regeluitkomst) -> list[str]:
    label = f"[{u.code}] {u.omschrijving}" if u.code else f"[eigen] {u.omschrijving}"
    detail = f"{getal_nl(u.aantal)} {u.eenheid} × {formatteer(u.eenheidsprijs)}"
    if u.kans != 1:
        detail += f" × kans {getal_nl(u.kans)}"
    detail += f" · {u.financier}"
    if u.code:
        detail += " · " + eenheidsprijs_uitleg(u)
    else:
        detail += f" · bron: {u.bron}"
    return [_regel(label, u.bedrag, 2), "      " + detail]


def samenvatting(casus: Casus, bc: Businesscase, prijslijstnaam: str = "") -> str:
    r: list[str] = []
    r.append(f"Casus {casus.casus_id}: {casus.titel}")
    if casus.is_oefening:
        r.append("OEFENCASUS: alleen voor training, kan niet in een echt register")
    kop = [f"datum {casus.datum.isoformat()}", f"prijspeil {bc.prijspeil}", f"horizon {casus.horizon} maanden"]
    if casus.gemeente:
        kop.append(f"gemeente {casus.gemeente}")
    if casus.coach:
        kop.append(f"coach {casus.coach}")
    r.append(" · ".join(kop))
    if casus.huishouden and (casus.huishouden.volwassenen is not None or casus.huishouden.kinderen is not None):
        h = casus.huishouden
        delen = []
        if h.volwassenen is not None:
            delen.append(f"{h.volwassenen} volwassene{'n' if h.volwassenen != 1 else ''}")
        if h.kinderen is not None:
            delen.append(f"{h.kinderen} kind{'eren' if h.kinderen != 1 else ''}")
        r.append("Huishouden: " + ", ".join(delen))
    r.append("")

    r.append(_regel("Interventie (doorbraakbudget)", bc.interventie_totaal))
    for i in casus.interventie:
        r.append(_regel(i.omschrijving, i.bedrag, 2))
    r.append("")
    for titel, totaal, regels in (
        ("Kosten zonder doorbraak", bc.kosten_zonder, bc.zonder),
        ("Kosten met doorbraak", bc.kosten_met, bc.met),
    ):
        r.append(_regel(titel, totaal))
        for u in regels:
            r.extend(_kostenregel(u))
        r.append("")

    r.append("Businesscase")
    r.append(_regel("Kosten zonder doorbraak", bc.kosten_zonder, 2))
    r.append(_regel("Kosten met doorbraak", bc.kosten_met, 2))
    r.append(_regel("Vermeden kosten", bc.vermeden_kosten, 2))
    r.append(_regel("Interventie", bc.interventie_totaal, 2))
    r.append(_regel("Netto maatschappelijk rendement", bc.netto_rendement, 2))
    if bc.rendement_ratio is None:
        r.append("  Rendementsratio: geen (de interventie is € 0,00)")
    else:
        r.append(
            f"  Rendementsratio: {getal_nl(bc.rendement_ratio, 2)} "
            f"(elke euro interventie vermijdt {formatteer(bc.rendement_ratio)} aan kosten)"
        )
    totaal = bc.eerder_goedgekeurd + bc.interventie_totaal
    if bc.route == VIER_OGEN:
        r.append(f"  Route: vier ogen ({formatteer(totaal)} is niet meer dan de grens van {formatteer(bc.limiet)};"
                 " een tweede coach toetst)")
    else:
        r.append(f"  Route: escalatie ({formatteer(totaal)} is meer dan de vier-ogengrens van "
                 f"{formatteer(bc.limiet)})")
    r.append("")
    r.extend(_over_de_jaren(bc))

    if bc.financiers:
        r.append("Per financier (vermeden = zonder − met)")
        breedte = min(max(max(len(f.financier) for f in bc.financiers), 9), 34)
        r.append("  " + "financier".ljust(breedte) + "".join(k.rjust(15) for k in ("zonder", "met", "vermeden")))
        for f in bc.financiers:
            naam = f.financier if len(f.financier) <= breedte else f.financier[: breedte - 1] + "…"
            r.append("  " + naam.ljust(breedte)
                     + "".join(formatteer(b).rjust(15) for b in (f.zonder, f.met, f.vermeden)))
        r.append("")
    if bc.waarschuwingen:
        r.append("Waarschuwingen")
        r.extend(f"  ! {w}" for w in bc.waarschuwingen)
        r.append("")
    if prijslijstnaam:
        r.append(f"Prijslijst: versie {bc.prijslijst_versie} (inhoud {bc.prijslijst_hash[:12]}), {prijslijstnaam}")
    return "\n".join(_schoon(regel) for regel in r).rstrip() + "\n"


def _over_de_jaren(bc: Businesscase) -> list[str]:
    """Contante waarde en terugverdienjaar, de scenario's, per jaar (bij meer jaren) en de grondslagen."""
    r = [f"Contante waarde (discontovoet {procent(bc.discontovoet)}; jaar 1 is het jaar vanaf de casusdatum)",
         _regel("Vermeden kosten", bc.contant.vermeden_kosten, 2),
         _regel("Interventie", bc.contant.interventie_totaal, 2),
         _regel("Netto maatschappelijk rendement", bc.contant.netto_rendement, 2),
         f"  De interventie is {terugverdiend(bc)}.", ""]
    if bc.scenarios:
        kolom = _BEDRAG
        r.append("Scenario's (nominaal)".ljust(BREEDTE - 2 * kolom) + "vermeden".rjust(kolom) + "netto".rjust(kolom))
        for naam, sc in bc.scenarios.items():
            r.append(("  " + naam).ljust(BREEDTE - 2 * kolom)
                     + "".join((" " + formatteer(b)).rjust(kolom) for b in (sc.vermeden_kosten, sc.netto_rendement)))
        r.append("")
    if len(bc.per_jaar) > 1:
        kolom = 14
        r.append("Per jaar (nominaal)")
        r.append("  jaar" + "".join(k.rjust(kolom) for k in ("zonder", "met", "interventie", "vermeden", "netto")))
        for j in bc.per_jaar:
            r.append("  " + str(j.jaar).rjust(4) + "".join(
                (" " + formatteer(b)).rjust(kolom) for b in (j.zonder, j.met, j.interventie, j.vermeden, j.netto)))
        r.append("")
    if bc.grondslagen:
        r.append("Grondslagen")
        r.extend(f"  {grondslagregel(g)}" for g in bc.grondslagen)
        r.append("")
    return r


def vergelijking_met_huidige(vast: Businesscase, nu: Businesscase | None, huidige: str) -> str:
    """Wat de huidige prijslijst anders zou geven dan de vastgelegde."""
    if nu is None:
        return _schoon(f"Met de huidige prijslijst is deze casus niet door te rekenen ({huidige}); "
                       "de bedragen hierboven komen uit de vastgelegde prijslijst.") + "\n"
    huidige_versie = nu.prijslijst_versie
    r = []
    for a, b in zip(vast.zonder + vast.met, nu.zonder + nu.met):
        if a.bedrag != b.bedrag:
            r.append(f"  {a.pad} [{a.code or 'eigen'}]: {formatteer(a.bedrag)} -> {formatteer(b.bedrag)} "
                     f"({'+' if b.bedrag > a.bedrag else ''}{formatteer(b.bedrag - a.bedrag)})")
    if vast.discontovoet != nu.discontovoet:
        r.append(f"  discontovoet: {procent(vast.discontovoet)} -> {procent(nu.discontovoet)}")
    for naam, a, b in (("kosten zonder doorbraak", vast.kosten_zonder, nu.kosten_zonder),
                       ("kosten met doorbraak", vast.kosten_met, nu.kosten_met),
                       ("vermeden kosten", vast.vermeden_kosten, nu.vermeden_kosten),
                       ("vermeden kosten, contant", vast.contant.vermeden_kosten, nu.contant.vermeden_kosten),
                       ("nettorendement, contant", vast.contant.netto_rendement, nu.contant.netto_rendement)):
        if a != b:
            r.append(f"  {naam}: {formatteer(a)} -> {formatteer(b)} (verschil {formatteer(b - a)})")
    if vast.terugverdienjaar != nu.terugverdienjaar:
        r.append(f"  terugverdienjaar: {vast.terugverdienjaar or 'niet binnen de horizon'} -> "
                 f"{nu.terugverdienjaar or 'niet binnen de horizon'}")
    if not r:
        return (f"De huidige prijslijst (versie {huidige_versie}) geeft precies dezelfde bedragen "
                "als de vastgelegde.\n")
    kop = (f"Met de huidige prijslijst (versie {huidige_versie}, inhoud {nu.prijslijst_hash[:12]}) zouden "
           f"de bedragen anders zijn dan met de vastgelegde (versie {vast.prijslijst_versie}, "
           f"inhoud {vast.prijslijst_hash[:12]}):")
    return "\n".join(_schoon(regel) for regel in [kop, *r]) + "\n"


def _schoon(regel: str) -> str:
    """Geen stuurtekens van gebruikers naar de terminal: regelovergang en tab worden een spatie,
    andere stuurtekens (escape-reeksen, NUL) het vervangingsteken."""
    return regel.translate(_STUURTEKENS)


_STUURTEKENS = {c: " " if chr(c) in "\t\n\r" else "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0)]}
