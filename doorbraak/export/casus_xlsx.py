"""De casus als spreadsheet voor financiën: samenvatting, kostenregels, interventie, per jaar, per financier,
scenario's, grondslagen, de gebruikte prijzen en hun indexcijfers.

Naast elke waarde uit de berekening van Doorbraak staat een formule die haar narekent, met de opgeslagen uitkomst
erbij (XlsxWriter, zie `doorbraak.export.excel`): elke viewer toont dus waarden, ook zonder te rekenen. De
formules vormen één keten, zodat een controller die een invoercel wijzigt het gevolg overal ziet:

- Indexcijfers (jaar, CPI, OVA) → Prijzen: eenheidsprijs casusjaar = ROUND(bedrag × index naar / index van; 2),
  exact de cent van Doorbraak (ROUND van Excel rondt half van nul af, zoals Doorbraak half naar boven);
- Prijzen → Kostenregels: de eenheidsprijs van een prijslijstregel verwijst naar Prijzen; bedrag (formule) =
  ROUND(eenheidsprijs × aantal × kans; 2), contant (formule) = ROUND(bedrag (formule) / (1 + discontovoet)^(jaar − 1); 2)
  met de discontovoet in één cel op het blad Samenvatting, en de scenariobedragen met de kans van dat scenario;
- de controlekolom van Samenvatting, de bladen Per jaar, Per financier en Scenario's tellen de formulekolommen op
  (nooit de opgeslagen waarden), zodat een gewijzigd indexcijfer tot in de totalen doorwerkt.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from doorbraak.domein.berekening import Businesscase, Regeluitkomst
from doorbraak.domein.casus import Casus, Kostenregel
from doorbraak.domein.geld import NUL
from doorbraak.export.excel import Blad, Werkmap, blad_ref, cel, staafgrafiek
from doorbraak.samenvatting import discontobron
from doorbraak.uitvoer import CASUS_XLSX

#: 'bedrag scenario laag' is het bedrag van de regel in het voorzichtige scenario: een regel zonder doorbraak met
#: kans_laag, een regel met doorbraak met kans_hoog ('bedrag scenario hoog' omgekeerd); 'kans scenario laag' is
#: die kans
KOSTKOLOMMEN = ("kant", "regel", "code", "omschrijving", "eenheid", "eenheidsprijs", "aantal", "kans", "bedrag",
                "bedrag (formule)", "jaar", "contant", "contant (formule)", "bedrag scenario laag",
                "bedrag scenario hoog", "financier", "prijsjaar", "indexreeks", "indexfactor", "bron",
                "kans scenario laag", "kans scenario hoog", "bedrag scenario laag (formule)",
                "bedrag scenario hoog (formule)")
INTERVENTIEKOLOMMEN = ("omschrijving", "categorie", "bedrag", "jaar", "contant", "contant (formule)")
JAARKOLOMMEN = ("jaar", "zonder", "met", "interventie", "vermeden", "netto", "zonder (formule)", "met (formule)",
                "interventie (formule)", "netto contant t/m dit jaar (formule)", "vermeden (formule)",
                "netto (formule)", "contant zonder (formule)", "contant met (formule)",
                "contant interventie (formule)", "contant netto (formule)", "netto scenario laag (formule)",
                "netto scenario hoog (formule)")
FINANCIERKOLOMMEN = ("financier", "kosten zonder doorbraak", "kosten met doorbraak", "vermeden kosten",
                     "zonder (formule)", "met (formule)", "vermeden (formule)")
SCENARIOKOLOMMEN = ("scenario", "kosten zonder doorbraak", "kosten met doorbraak", "vermeden kosten", "interventie",
                    "netto maatschappelijk rendement", "rendementsratio", "kosten zonder (formule)",
                    "kosten met (formule)", "netto (formule)", "vermeden (formule)", "rendementsratio (formule)")
GRONDSLAGKOLOMMEN = ("code", "wet", "artikel", "toelichting", "omschrijving", "url", "gecontroleerd op")
PRIJSKOLOMMEN = ("code", "omschrijving", "eenheid", "bedrag in prijsjaar", "prijsjaar", "indexatie", "indexreeks",
                 "indexjaar van", "indexcijfer van", "indexjaar naar", "indexcijfer naar", "indexfactor",
                 "eenheidsprijs casusjaar", "financier", "bron")
#: de kolommen van het blad Indexcijfers na 'jaar'; een andere reeks (die de prijslijst nu niet kent) komt erachter
REEKSEN = ("cpi", "ova")
GEEN = "geen"

SAMENVATTING, KOSTENREGELS, INTERVENTIE, PER_JAAR, PER_FINANCIER, SCENARIOS, GRONDSLAGEN, PRIJZEN, INDEXCIJFERS = (
    "Samenvatting", "Kostenregels", "Interventie", "Per jaar", "Per financier", "Scenario's", "Grondslagen",
    "Prijzen", "Indexcijfers")


def _factor(u: Regeluitkomst) -> Decimal:
    return Decimal(u.indexfactor.numerator) / Decimal(u.indexfactor.denominator)


def _kansen(casus: Casus, kant: str, u: Regeluitkomst) -> tuple[Decimal, Decimal] | None:
    """(kans in scenario laag, kans in scenario hoog) van de casusregel achter `u`, zoals de berekening ze nam."""
    try:
        lijst, index = u.pad.rstrip("]").split("[")
        regel: Kostenregel = getattr(casus, lijst)[int(index)]
    except (ValueError, AttributeError, IndexError):
        return None
    laag, hoog = regel.kans_laag_of_kans, regel.kans_hoog_of_kans
    return (laag, hoog) if kant == "zonder" else (hoog, laag)


def schrijf_casus_xlsx(casus: Casus, bc: Businesscase, pad: Path | str,
                      extra: list[tuple[str, object]] | None = None) -> list[str]:
    """Schrijf de werkmap; geeft de cellen waaruit tekens zijn weggelaten die Excel niet kan bewaren.

    `extra`: regels onder de samenvatting (naam, waarde); een `date` of `datetime` wordt een echte Excel-datum."""
    from xlsxwriter.utility import xl_col_to_name

    wm = Werkmap(CASUS_XLSX, f"Casus {casus.casus_id}")
    bladen = {naam: wm.blad(naam) for naam in (SAMENVATTING, KOSTENREGELS, INTERVENTIE, PER_JAAR, PER_FINANCIER,
                                                SCENARIOS, GRONDSLAGEN, PRIJZEN, INDEXCIJFERS)}
    kol = {naam: xl_col_to_name(k) for k, naam in enumerate(KOSTKOLOMMEN)}
    ik = {naam: xl_col_to_name(k) for k, naam in enumerate(INTERVENTIEKOLOMMEN)}
    regels = [("zonder", u) for u in bc.zonder] + [("met", u) for u in bc.met]
    laatste = max(len(regels), 1) + 1  # de laatste Excel-rij van de tabel (een lege tabel heeft één lege rij)
    ilaatste = max(len(casus.interventie), 1) + 1

    def kb(naam: str, absoluut: bool = False) -> str:
        """Een kolom van de kostenregels als bereik: `Kostenregels!J2:J9`."""
        d = "$" if absoluut else ""
        return f"{KOSTENREGELS}!{d}{kol[naam]}{d}2:{d}{kol[naam]}{d}{laatste}"

    def ib(naam: str) -> str:
        return f"{INTERVENTIE}!{ik[naam]}2:{ik[naam]}{ilaatste}"

    def per_kant(kolom: str, kant: str, *voorwaarden: str) -> str:
        return f"SUMIFS({kb(kolom)},{kb('kant')},\"{kant}\"{''.join(',' + v for v in voorwaarden)})"

    # --- samenvatting eerst als lijst: de regelformules verwijzen naar de cel met de discontovoet
    zonder, met = per_kant("bedrag (formule)", "zonder"), per_kant("bedrag (formule)", "met")
    interventie = f"SUM({ib('bedrag')})"
    czonder, cmet = per_kant("contant (formule)", "zonder"), per_kant("contant (formule)", "met")
    cinterventie = f"SUM({ib('contant (formule)')})"

    def ratio(vermeden: str, investering: str) -> str:
        return f"=IF({investering}=0,\"{GEEN}\",ROUND(({vermeden})/{investering},2))"

    def of_geen(r: Decimal | None) -> Decimal | str:
        return r if r is not None else GEEN

    c = bc.contant
    rijen: list[tuple[str, object, str | None]] = [
        ("casus", casus.casus_id, None), ("titel", casus.titel, None), ("datum (prijspeil)", casus.datum, None),
        ("oefencasus", "ja" if casus.is_oefening else "nee", None),
        ("kosten zonder doorbraak", bc.kosten_zonder, f"={zonder}"),
        ("kosten met doorbraak", bc.kosten_met, f"={met}"),
        ("vermeden kosten", bc.vermeden_kosten, f"={zonder}-{met}"),
        ("interventie", bc.interventie_totaal, f"={interventie}"),
        ("netto maatschappelijk rendement", bc.netto_rendement, f"={zonder}-{met}-{interventie}"),
        ("rendementsratio", of_geen(bc.rendement_ratio), ratio(f"{zonder}-{met}", interventie)),
        ("discontovoet", bc.discontovoet, None), ("bron discontovoet", discontobron(casus, bc), None),
        ("horizon (jaren)", bc.horizon_jaren, None),
        ("contant: kosten zonder doorbraak", c.kosten_zonder, f"={czonder}"),
        ("contant: kosten met doorbraak", c.kosten_met, f"={cmet}"),
        ("contant: vermeden kosten", c.vermeden_kosten, f"={czonder}-{cmet}"),
        ("contant: interventie", c.interventie_totaal, f"={cinterventie}"),
        ("contant: netto maatschappelijk rendement", c.netto_rendement, f"={czonder}-{cmet}-{cinterventie}"),
        ("contant: rendementsratio", of_geen(c.rendement_ratio), ratio(f"{czonder}-{cmet}", cinterventie)),
        ("terugverdienjaar", bc.terugverdienjaar if bc.terugverdienjaar is not None
         else f"niet terugverdiend binnen de horizon van {bc.horizon_jaren} jaar", None),
        ("route", bc.route, None), ("vier-ogengrens", bc.limiet, None),
        ("eerder goedgekeurd voor deze casus", bc.eerder_goedgekeurd, None),
        ("prijslijst versie", bc.prijslijst_versie, None), ("prijslijst inhoudshash", bc.prijslijst_hash, None),
        ("prijspeil", bc.prijspeil, None),
    ] + [(k, w, None) for k, w in (extra or [])]
    voet = f"{SAMENVATTING}!$B${[naam for naam, _, _ in rijen].index('discontovoet') + 2}"

    index = _indexcijfers(bladen[INDEXCIJFERS], regels)
    prijsrij = _prijzen(bladen[PRIJZEN], regels, index)
    _kostenregels(bladen[KOSTENREGELS], casus, regels, prijsrij, kol, voet)
    _interventie(bladen[INTERVENTIE], casus, bc, ik, voet)

    # --- per jaar: nominaal, contant en de scenario's; de contante netto-opbrengst tot en met elk jaar (het
    # terugverdienjaar is het eerste jaar waarin die 0 of meer is en blijft)
    wj = bladen[PER_JAAR]
    per_jaar: dict[int, dict[str, Decimal]] = {j.jaar: {} for j in bc.per_jaar}
    for kant, u in regels:
        if u.jaar in per_jaar:
            for sleutel, bedrag in (("contant", u.contant), ("laag", u.bedrag_laag), ("hoog", u.bedrag_hoog)):
                per_jaar[u.jaar][f"{sleutel} {kant}"] = per_jaar[u.jaar].get(f"{sleutel} {kant}", NUL) + bedrag
    for i in bc.interventie:
        if i.jaar in per_jaar:
            per_jaar[i.jaar]["contant interventie"] = per_jaar[i.jaar].get("contant interventie", NUL) + i.contant
    cumulatief = NUL
    for r, j in enumerate(bc.per_jaar, 1):
        x = r + 1  # de Excel-rij
        som = per_jaar[j.jaar].get
        wj.getal(r, 0, j.jaar)
        for k, bedrag in enumerate((j.zonder, j.met, j.interventie, j.vermeden, j.netto), 1):
            wj.bedrag(r, k, bedrag)
        contant_netto = som("contant zonder", NUL) - som("contant met", NUL) - som("contant interventie", NUL)
        cumulatief += contant_netto
        tot = f"\"<=\"&A{x}"
        formules = (
            (per_kant("bedrag (formule)", "zonder", kb("jaar"), f"A{x}"), j.zonder),
            (per_kant("bedrag (formule)", "met", kb("jaar"), f"A{x}"), j.met),
            (f"SUMIFS({ib('bedrag')},{ib('jaar')},A{x})", j.interventie),
            (f"{per_kant('contant (formule)', 'zonder', kb('jaar'), tot)}"
             f"-{per_kant('contant (formule)', 'met', kb('jaar'), tot)}"
             f"-SUMIFS({ib('contant (formule)')},{ib('jaar')},{tot})", cumulatief),
            (f"G{x}-H{x}", j.vermeden),
            (f"G{x}-H{x}-I{x}", j.netto),
            (per_kant("contant (formule)", "zonder", kb("jaar"), f"A{x}"), som("contant zonder", NUL)),
            (per_kant("contant (formule)", "met", kb("jaar"), f"A{x}"), som("contant met", NUL)),
            (f"SUMIFS({ib('contant (formule)')},{ib('jaar')},A{x})", som("contant interventie", NUL)),
            (f"M{x}-N{x}-O{x}", contant_netto),
            (f"{per_kant('bedrag scenario laag (formule)', 'zonder', kb('jaar'), f'A{x}')}"
             f"-{per_kant('bedrag scenario laag (formule)', 'met', kb('jaar'), f'A{x}')}-I{x}",
             som("laag zonder", NUL) - som("laag met", NUL) - j.interventie),
            (f"{per_kant('bedrag scenario hoog (formule)', 'zonder', kb('jaar'), f'A{x}')}"
             f"-{per_kant('bedrag scenario hoog (formule)', 'met', kb('jaar'), f'A{x}')}-I{x}",
             som("hoog zonder", NUL) - som("hoog met", NUL) - j.interventie),
        )
        for k, (formule, uitkomst) in enumerate(formules, 6):
            wj.formule(r, k, f"={formule}", uitkomst, "euro")
    wj.tabel("PerJaar", JAARKOLOMMEN, len(bc.per_jaar))
    wj.kolombreedtes()
    if bc.per_jaar:
        grafiek = staafgrafiek(wm, "Netto per jaar", PER_JAAR, 1, len(bc.per_jaar), 0,
                               [("netto (nominaal)", JAARKOLOMMEN.index("netto (formule)")),
                                ("netto (contant)", JAARKOLOMMEN.index("contant netto (formule)"))], liggend=False)
        wj.ws.insert_chart(len(bc.per_jaar) + 3, 0, grafiek, {"x_scale": 1.3, "y_scale": 1.1})

    # --- per financier: vermeden kosten, met een staafgrafiek. EXACT vergelijkt de naam letterlijk (SUMIFS zou
    # * en ? als jokers lezen en hoofdletters gelijk nemen)
    wf = bladen[PER_FINANCIER]
    for r, f in enumerate(bc.financiers, 1):
        x = r + 1
        wf.tekst(r, 0, f.financier)
        for k, bedrag in enumerate((f.zonder, f.met, f.vermeden), 1):
            wf.bedrag(r, k, bedrag)
        for k, (kant, bedrag) in enumerate((("zonder", f.zonder), ("met", f.met)), 4):
            wf.formule(r, k, f"=SUMPRODUCT(--({kb('kant', True)}=\"{kant}\"),--EXACT({kb('financier', True)},$A{x}),"
                             f"{kb('bedrag (formule)', True)})", bedrag, "euro")
        wf.formule(r, 6, f"=E{x}-F{x}", f.vermeden, "euro")
    wf.tabel("PerFinancier", FINANCIERKOLOMMEN, len(bc.financiers))
    if bc.financiers:
        totaal = len(bc.financiers) + 2
        wf.tekst(totaal, 0, "Totaal", "totaal")
        for k, bedragen in enumerate(([f.zonder for f in bc.financiers], [f.met for f in bc.financiers],
                                      [f.vermeden for f in bc.financiers]) * 2, 1):
            kolom = xl_col_to_name(k)
            wf.formule(totaal, k, f"=SUM({kolom}2:{kolom}{len(bc.financiers) + 1})", sum(bedragen, NUL),
                       "euro_totaal")
        grafiek = staafgrafiek(wm, "Vermeden kosten per financier", PER_FINANCIER, 1, len(bc.financiers), 0,
                               [("vermeden kosten", FINANCIERKOLOMMEN.index("vermeden (formule)"))])
        wf.ws.insert_chart(totaal + 2, 0, grafiek,
                           {"x_scale": 1.4, "y_scale": max(1.0, min(3.0, 0.4 + 0.15 * len(bc.financiers)))})
    else:
        wf.tekst(3, 0, "Geen kostenregels, dus geen bedragen per financier.", "notitie", meten=False)
    wf.kolombreedtes()

    # --- scenario's (nominaal): laag en hoog tellen de scenariokolommen van de kostenregels op
    wsc = bladen[SCENARIOS]
    kolom_van = {"laag": "bedrag scenario laag (formule)", "midden": "bedrag (formule)",
                 "hoog": "bedrag scenario hoog (formule)"}
    for r, (naam, sc) in enumerate(bc.scenarios.items(), 1):
        x = r + 1
        wsc.tekst(r, 0, naam)
        for k, bedrag in enumerate((sc.kosten_zonder, sc.kosten_met, sc.vermeden_kosten, sc.interventie_totaal,
                                    sc.netto_rendement), 1):
            wsc.bedrag(r, k, bedrag)
        wsc.waarde(r, 6, of_geen(sc.rendement_ratio), "verhouding")
        wsc.formule(r, 7, f"={per_kant(kolom_van[naam], 'zonder')}", sc.kosten_zonder, "euro")
        wsc.formule(r, 8, f"={per_kant(kolom_van[naam], 'met')}", sc.kosten_met, "euro")
        wsc.formule(r, 9, f"=H{x}-I{x}-{interventie}", sc.netto_rendement, "euro")
        wsc.formule(r, 10, f"=H{x}-I{x}", sc.vermeden_kosten, "euro")
        wsc.formule(r, 11, ratio(f"H{x}-I{x}", interventie), of_geen(sc.rendement_ratio), "verhouding")
    wsc.tabel("Scenarios", SCENARIOKOLOMMEN, len(bc.scenarios))
    wsc.kolombreedtes()

    # --- grondslagen
    wg = bladen[GRONDSLAGEN]
    for r, g in enumerate(bc.grondslagen, 1):
        gs = g.grondslag
        for k, waarde in enumerate((gs.code, gs.wet, gs.artikel, g.toelichting, gs.omschrijving, gs.url,
                                    gs.gecontroleerd_op)):
            wg.waarde(r, k, waarde)
    wg.tabel("Grondslagen", GRONDSLAGKOLOMMEN, len(bc.grondslagen))
    wg.kolombreedtes()

    # --- samenvatting: waarden uit de berekening, met formules ernaast ter controle
    samen = bladen[SAMENVATTING]
    samen.kopregel(0, ("onderdeel", "waarde", "controle (formule)"))
    rijen += [("waarschuwing", w, None) for w in bc.waarschuwingen]
    for r, (naam, waarde, formule) in enumerate(rijen, 1):
        samen.tekst(r, 0, naam)
        opmaak = None if not isinstance(waarde, Decimal) else "verhouding" if naam.endswith("rendementsratio") \
            else "procent" if naam == "discontovoet" else "euro"
        samen.waarde(r, 1, waarde, opmaak)
        if formule:
            samen.formule(r, 2, formule, waarde, opmaak)
    if wm.ingekort:
        r = len(rijen) + 2
        samen.tekst(r, 0, "let op")
        samen.tekst(r, 1, f"uit {len(wm.ingekort)} cel(len) zijn tekens weggelaten die Excel niet kan bewaren: "
                          + ", ".join(wm.ingekort[:20]), meten=False)
    samen.ws.freeze_panes(1, 0)
    samen.kolombreedtes(maximum=80)
    wm.bewaar(pad)
    return wm.ingekort


def _indexcijfers(wx: Blad, regels: list[tuple[str, Regeluitkomst]]) -> dict[tuple[str, int], str]:
    """Het blad Indexcijfers met de cijfers die de regels gebruiken; geeft per (reeks, jaar) de cel (`Indexcijfers!$B$3`)."""
    cijfers: dict[tuple[str, int], Decimal] = {}
    for _, u in regels:
        if u.geindexeerd:
            ix = u.indexering
            cijfers.setdefault((ix.reeks, ix.van_jaar), ix.index_van)
            cijfers.setdefault((ix.reeks, ix.naar_jaar), ix.index_naar)
    reeksen = list(REEKSEN) + sorted({r for r, _ in cijfers} - set(REEKSEN))
    jaren = sorted({j for _, j in cijfers})
    cellen: dict[tuple[str, int], str] = {}
    for r, jaar in enumerate(jaren, 1):
        wx.getal(r, 0, jaar)
        for k, reeks in enumerate(reeksen, 1):
            if (reeks, jaar) in cijfers:
                wx.getal(r, k, cijfers[reeks, jaar])
                cellen[reeks, jaar] = blad_ref(INDEXCIJFERS, cel(r, k, absoluut=True))
    wx.tabel("Indexcijfers", ["jaar", *reeksen], len(jaren))
    wx.tekst(max(len(jaren), 1) + 2, 0, "De indexcijfers die deze casus gebruikt (uit de prijslijst). Wijzig een "
             "cijfer en de eenheidsprijzen op het blad Prijzen, de kostenregels en de totalen rekenen mee.",
             "notitie", meten=False)
    wx.kolombreedtes()
    return cellen


def _prijzen(wp: Blad, regels: list[tuple[str, Regeluitkomst]], index: dict[tuple[str, int], str]) -> dict[str, int]:
    """Het blad Prijzen (elke gebruikte prijscode één keer); geeft per code de Excel-rij."""
    gezien: dict[str, Regeluitkomst] = {}
    for _, u in regels:
        if u.code and u.code not in gezien:
            gezien[u.code] = u
    rijnummers: dict[str, int] = {}
    for r, u in enumerate(gezien.values(), 1):
        x = r + 1
        rijnummers[u.code] = x
        for k, waarde in ((0, u.code), (1, u.omschrijving), (2, u.eenheid), (4, u.prijsjaar), (5, u.indexatie),
                          (6, u.indexreeks), (13, u.financier), (14, u.bron)):
            wp.waarde(r, k, waarde)
        wp.bedrag(r, 3, u.bedrag_bron)
        if u.geindexeerd:
            ix = u.indexering
            wp.getal(r, 7, ix.van_jaar)
            wp.formule(r, 8, f"={index[ix.reeks, ix.van_jaar]}", ix.index_van)
            wp.getal(r, 9, ix.naar_jaar)
            wp.formule(r, 10, f"={index[ix.reeks, ix.naar_jaar]}", ix.index_naar)
            wp.formule(r, 11, f"=K{x}/I{x}", ix.index_naar / ix.index_van, "factor")
            wp.formule(r, 12, f"=ROUND(D{x}*K{x}/I{x},2)", u.eenheidsprijs, "euro")
        else:  # niet geïndexeerd (indexatie geen, of het prijsjaar is het casusjaar): de prijs zoals hij is
            wp.getal(r, 11, _factor(u), "factor")
            wp.formule(r, 12, f"=ROUND(D{x}*L{x},2)", u.eenheidsprijs, "euro")
    wp.tabel("Prijzen", PRIJSKOLOMMEN, len(gezien))
    wp.kolombreedtes()
    return rijnummers


def _kostenregels(ws: Blad, casus: Casus, regels: list[tuple[str, Regeluitkomst]], prijsrij: dict[str, int],
                  kol: dict[str, str], voet: str) -> None:
    k = {naam: i for i, naam in enumerate(KOSTKOLOMMEN)}
    for r, (kant, u) in enumerate(regels, 1):
        x = r + 1

        def ref(naam: str) -> str:
            return f"{kol[naam]}{x}"

        for naam, waarde in (("kant", kant), ("regel", u.pad), ("code", u.code or "eigen"),
                             ("omschrijving", u.omschrijving), ("eenheid", u.eenheid), ("aantal", u.aantal),
                             ("kans", u.kans), ("jaar", u.jaar), ("financier", u.financier),
                             ("prijsjaar", u.prijsjaar), ("indexreeks", u.indexreeks), ("bron", u.bron)):
            ws.waarde(r, k[naam], waarde)
        for naam, bedrag in (("bedrag", u.bedrag), ("contant", u.contant), ("bedrag scenario laag", u.bedrag_laag),
                             ("bedrag scenario hoog", u.bedrag_hoog)):
            ws.bedrag(r, k[naam], bedrag)
        if u.code in prijsrij:  # een prijslijstregel: de eenheidsprijs komt van het blad Prijzen
            p = prijsrij[u.code]
            ws.formule(r, k["eenheidsprijs"], f"={PRIJZEN}!M{p}", u.eenheidsprijs, "euro")
            ws.formule(r, k["indexfactor"], f"={PRIJZEN}!L{p}", _factor(u), "factor")
        else:
            ws.bedrag(r, k["eenheidsprijs"], u.eenheidsprijs)
            ws.getal(r, k["indexfactor"], _factor(u), "factor")
        ws.formule(r, k["bedrag (formule)"], f"=ROUND({ref('eenheidsprijs')}*{ref('aantal')}*{ref('kans')},2)",
                   u.bedrag, "euro")
        ws.formule(r, k["contant (formule)"], f"=ROUND({ref('bedrag (formule)')}/(1+{voet})^({ref('jaar')}-1),2)",
                   u.contant, "euro")
        kansen = _kansen(casus, kant, u)
        for scenario, kans, bedrag in (("laag", kansen and kansen[0], u.bedrag_laag),
                                       ("hoog", kansen and kansen[1], u.bedrag_hoog)):
            doel = k[f"bedrag scenario {scenario} (formule)"]
            if kans is None:  # de casusregel is niet te vinden: het bedrag zoals berekend
                ws.bedrag(r, doel, bedrag)
                continue
            ws.getal(r, k[f"kans scenario {scenario}"], kans)
            ws.formule(r, doel, f"=ROUND({ref('eenheidsprijs')}*{ref('aantal')}*{ref(f'kans scenario {scenario}')},2)",
                       bedrag, "euro")
    ws.tabel("Kostenregels", KOSTKOLOMMEN, len(regels))
    ws.kolombreedtes()


def _interventie(wi: Blad, casus: Casus, bc: Businesscase, ik: dict[str, str], voet: str) -> None:
    for r, (regel, uitkomst) in enumerate(zip(casus.interventie, bc.interventie), 1):
        x = r + 1
        wi.tekst(r, 0, regel.omschrijving)
        wi.waarde(r, 1, regel.categorie)
        wi.bedrag(r, 2, uitkomst.bedrag)
        wi.getal(r, 3, uitkomst.jaar)
        wi.bedrag(r, 4, uitkomst.contant)
        wi.formule(r, 5, f"=ROUND({ik['bedrag']}{x}/(1+{voet})^({ik['jaar']}{x}-1),2)", uitkomst.contant, "euro")
    wi.tabel("Interventie", INTERVENTIEKOLOMMEN, len(casus.interventie))
    wi.kolombreedtes()
