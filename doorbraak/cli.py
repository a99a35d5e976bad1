"""De opdrachtregel: `doorbraak <opdracht>`.

Exitcodes: 0 goed; 1 een fout in Doorbraak zelf (of: `prijslijst controleer` vond fouten);
2 foute invoer of een onbereikbaar bestand/register; 3 geweigerd door een regel (vier ogen,
budget, status).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from decimal import Decimal

from doorbraak.domein.fouten import InvoerFout, Weigering
from doorbraak.domein.geld import lees_invoer

EXIT_GOED = 0
EXIT_INTERN = 1
EXIT_INVOER = 2
EXIT_GEWEIGERD = 3

# argparse spreekt Engels; deze zinnen vertalen we (argparse zoekt `_` op bij elk gebruik).
_VERTALING = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "onbekende keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet samen met argument %s",
    "one of the arguments %s is required": "een van deze argumenten is verplicht: %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde: %r",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}
argparse._ = lambda tekst: _VERTALING.get(tekst, tekst)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D102 - exitcode 2 zoals bij andere foute invoer
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVOER, f"{self.prog}: fout: {message}\n")


REGISTER_ARGUMENT = {"metavar": "MAP|URL", "help": "de registermap of PostgreSQL-URL (standaard DOORBRAAK_REGISTER)"}

def _bedrag_argument(tekst: str) -> Decimal:
    try:
        return lees_invoer(tekst)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


OVERSCHRIJVEN_HULP = ("vervang een bestaand bestand ook als het geen eerdere export van deze soort is "
                      "(de invoer van de opdracht en een register worden nooit overschreven)")


class _Versie(argparse.Action):
    """`--versie`: de versieregels (zie doorbraak.versie), pas bij gebruik opgebouwd; de prijslijst is die van
    de opdrachten (`DOORBRAAK_PRIJSLIJST` of de meegeleverde)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from doorbraak.versie import versieregels

        print("\n".join(versieregels()))
        parser.exit()


def maak_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="doorbraak",
        description="Doorbraak: de maatschappelijke businesscase van een doorbraakcasus.",
        epilog="Voorbeeld: doorbraak bereken resources/voorbeelden/huurachterstand.json",
    )
    parser.add_argument("--versie", action=_Versie, help="toon de versies van Doorbraak, de prijslijst, Python en Qt, "
                        "en stop")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", parser_class=_Parser)

    b = sub.add_parser(
        "bereken",
        help="bereken de businesscase van een casusbestand",
        description="Bereken de maatschappelijke businesscase van een casusbestand (doorbraak-casus/1 of /2).",
    )
    b.add_argument("casus", metavar="CASUS.json", help="het casusbestand")
    b.add_argument("--json", action="store_true", help="uitvoer als één JSON-object")
    b.add_argument("--prijslijst", metavar="MAP",
                   help="map met prijslijst.csv en indexcijfers.csv (standaard: DOORBRAAK_PRIJSLIJST of de meegeleverde)")
    b.add_argument("--limiet", metavar="BEDRAG", type=_bedrag_argument,
                   help="vier-ogengrens in euro (standaard 5.000,00)")
    vast = b.add_mutually_exclusive_group()
    vast.add_argument("--vastleggen", metavar="SNAPSHOT.json",
                      help="schrijf de gebruikte prijzen en indexcijfers weg, om later exact na te rekenen")
    vast.add_argument("--vastgelegd", metavar="SNAPSHOT.json",
                      help="reken met een eerder vastgelegde prijslijst en vergelijk met de huidige")
    b.set_defaults(functie=_bereken)

    p = sub.add_parser("prijslijst", help="de maatschappelijke prijslijst bekijken, controleren en bijwerken",
                       description="De maatschappelijke prijslijst: bekijken, controleren, naar Excel en terug.")
    psub = p.add_subparsers(dest="prijslijst_opdracht", metavar="OPDRACHT", parser_class=_Parser, required=True)
    c = psub.add_parser("controleer", help="controleer een prijslijstmap of Excel-bestand",
                        description="Controleer codes, eenheden, bedragen, jaren, indexering, bronnen en "
                                    "versie; meld verouderde items. Exitcode 1 bij fouten.")
    c.add_argument("bron", nargs="?", metavar="MAP|BESTAND.xlsx", help="standaard: de prijslijst in gebruik")
    c.add_argument("--peildatum", metavar="JJJJ-MM-DD", type=_datum_argument,
                   help="controleer veroudering op deze datum (standaard vandaag)")
    c.set_defaults(functie=_prijslijst_controleer)
    e = psub.add_parser("exporteer", help="schrijf de prijslijst naar Excel",
                        description="Schrijf de prijslijst naar een Excel-bestand om bij te werken.")
    e.add_argument("bestand", metavar="BESTAND.xlsx")
    e.add_argument("--prijslijst", metavar="MAP", help="standaard: de prijslijst in gebruik")
    e.add_argument("--overschrijven", action="store_true", help=OVERSCHRIJVEN_HULP)
    e.set_defaults(functie=_prijslijst_exporteer)
    i = psub.add_parser("importeer", help="lees een bijgewerkte Excel-prijslijst in",
                        description="Lees een Excel-prijslijst in. Er wordt niets geschreven als er ook maar "
                                    "één fout in staat; elke fout noemt rij, code en veld.")
    i.add_argument("bestand", metavar="BESTAND.xlsx")
    i.add_argument("--naar", metavar="MAP", required=True, help="de prijslijstmap die wordt bijgewerkt")
    i.add_argument("--versie", help="nieuw versienummer (zoals 2027.1) als het blad Versie ontbreekt")
    i.add_argument("--door", metavar="NAAM", help="wie deze versie vaststelt")
    i.set_defaults(functie=_prijslijst_importeer)
    v = psub.add_parser("verschil", help="wat veranderde tussen twee prijslijsten",
                        description="Toegevoegde, verwijderde en gewijzigde items (oud en nieuw bedrag, procent).")
    v.add_argument("oud", metavar="OUD", help="map of Excel-bestand")
    v.add_argument("nieuw", metavar="NIEUW", help="map of Excel-bestand")
    v.add_argument("--json", action="store_true", help="uitvoer als JSON")
    v.set_defaults(functie=_prijslijst_verschil)
    t = psub.add_parser("toon", help="zoek items, met het geïndexeerde bedrag van nu",
                        description="Toon items (zoekterm in code, naam, categorie of financier) met het "
                                    "bedrag geïndexeerd naar dit jaar.")
    t.add_argument("zoekterm", nargs="?", default="", metavar="ZOEKTERM")
    t.add_argument("--json", action="store_true", help="uitvoer als JSON")
    t.add_argument("--jaar", type=int, help="indexeer naar dit jaar (standaard het huidige)")
    t.add_argument("--prijslijst", metavar="MAP", help="standaard: de prijslijst in gebruik")
    t.set_defaults(functie=_prijslijst_toon)
    r = sub.add_parser("register", help="het gedeelde register: aanmaken, stand, controle, export",
                       description="Het gedeelde register van aanvragen en besluiten.")
    rsub = r.add_subparsers(dest="register_opdracht", metavar="OPDRACHT", parser_class=_Parser, required=True)
    ri = rsub.add_parser("init", help="maak een nieuw register",
                         description="Maak een nieuw register in een nieuwe of lege map.")
    ri.add_argument("map", metavar="MAP")
    ri.add_argument("--budget", required=True, type=_bedrag_argument, metavar="BEDRAG", help="de budgetpot, bijv. 200000")
    ri.add_argument("--limiet", type=_bedrag_argument, default=None, metavar="BEDRAG",
                    help="de vier-ogengrens per casus (standaard 5000)")
    ri.add_argument("--escalatie", required=True, metavar="LOGIN[,LOGIN...]",
                    help="de logins (van het besturingssysteem; op Windows DOMEIN\\gebruiker) die over escalaties "
                         "beslissen en de instellingen mogen wijzigen")
    ri.add_argument("--naam", action="append", default=[], metavar="LOGIN=NAAM", type=_naam_argument,
                    help="een weergavenaam voor een login, in documenten en de app (mag vaker)")
    ri.add_argument("--oefening", action="store_true", help="een oefenregister: alleen oefencasussen")
    ri.add_argument("--budgetjaar", type=_jaar_argument, metavar="JJJJ",
                    help="werk met een pot per jaar: --budget is dan de pot van dit jaar; een goedkeuring gaat ten "
                         "laste van de pot van het jaar van het besluit")
    ri.add_argument("--kostenplaats", default="", metavar="TEKST", help="de kostenplaats van het budget (in documenten)")
    ri.set_defaults(functie=_register_init)
    rw = rsub.add_parser("instellen", help="wijzig budget, limiet, escalatielijst of weergavenamen",
                         description="Wijzig de instellingen van het register. Alleen wie op de escalatielijst staat, "
                                     "mag dit; de wijziging wordt een record met uw login en de reden.")
    rw.add_argument("--register", **REGISTER_ARGUMENT)
    rw.add_argument("--budget", type=_bedrag_argument, metavar="BEDRAG", help="de nieuwe budgetpot")
    rw.add_argument("--limiet", type=_bedrag_argument, metavar="BEDRAG", help="de nieuwe vier-ogengrens")
    rw.add_argument("--escalatie", metavar="LOGIN[,LOGIN...]", help="de nieuwe escalatielijst (logins)")
    rw.add_argument("--naam", action="append", default=[], metavar="LOGIN=NAAM", type=_naam_argument,
                    help="weergavenaam van een login; LOGIN= haalt hem weg (mag vaker)")
    rw.add_argument("--reden", required=True, metavar="TEKST", help="waarom (komt in het register)")
    rw.set_defaults(functie=_register_instellen)
    rb = rsub.add_parser("budget", help="open de budgetpot van een jaar",
                         description="Open (of wijzig) de budgetpot van een jaar, in een register met budgetjaren. "
                                     "Alleen wie op de escalatielijst staat; het wordt een record met de reden.")
    rb.add_argument("--register", **REGISTER_ARGUMENT)
    rb.add_argument("--jaar", required=True, type=_jaar_argument, metavar="JJJJ")
    rb.add_argument("--bedrag", required=True, type=_bedrag_argument, metavar="BEDRAG")
    rb.add_argument("--reden", required=True, metavar="TEKST", help="waarom (komt in het register)")
    rb.set_defaults(functie=_register_budget)
    rm = rsub.add_parser("migreer", help="kopieer een register in een map naar PostgreSQL",
                         description="Kopieer een register in een map naar een lege PostgreSQL-database: elk record in "
                                     "volgorde, met de stukken; de keten wordt voor en na gecontroleerd. Draai dit als "
                                     "de eigenaar van de database.")
    rm.add_argument("--van", required=True, metavar="MAP")
    rm.add_argument("--naar", required=True, metavar="postgresql://…")
    rm.set_defaults(functie=_register_migreer)
    rh = rsub.add_parser("herstel-aanvaarden", help="aanvaard dat het register uit een back-up is teruggezet",
                         description="Leg vast dat het register legitiem is teruggezet (bijvoorbeeld uit een "
                                     "back-up), zodat collega's die de verdwenen records zagen weer verder kunnen. "
                                     "Alleen wie op de escalatielijst staat; het wordt een record in de keten.")
    rh.add_argument("--register", **REGISTER_ARGUMENT)
    rh.add_argument("--reden", required=True, metavar="TEKST", help="waarom dit herstel terecht is")
    rh.set_defaults(functie=_register_herstel)
    ra = rsub.add_parser("archiveer", help="archiveer ontbrekende verantwoordingsdocumenten",
                         description="Archiveer het verantwoordingsdocument van elke goedgekeurde aanvraag die er nog "
                                     "geen heeft (in de map verantwoording/ of in de database), bijvoorbeeld als dat "
                                     "na het besluit mislukte. Een bestaand document blijft zoals het is.")
    ra.add_argument("--register", **REGISTER_ARGUMENT)
    ra.set_defaults(functie=_register_archiveer)
    rd = rsub.add_parser("document", help="het gearchiveerde verantwoordingsdocument van een aanvraag",
                         description="Schrijf het verantwoordingsdocument zoals het bij het besluit is gearchiveerd "
                                     "(in de map verantwoording/ of in de database) naar een bestand.")
    rd.add_argument("aanvraag", metavar="AANVRAAG", help="bijvoorbeeld C-1-1")
    rd.add_argument("-o", dest="uit", required=True, metavar="BESTAND.pdf")
    rd.add_argument("--overschrijven", action="store_true", help=OVERSCHRIJVEN_HULP)
    rd.add_argument("--register", **REGISTER_ARGUMENT)
    rd.set_defaults(functie=_register_document)
    rs = rsub.add_parser("wis-stuk", help="onderhoud (PostgreSQL): wis het vastgelegde stuk van een aanvraag",
                         description="Wis de vastgelegde casus (met berekening en prijzen), het gearchiveerde document en de "
                                     "nacalculatiebestanden van een aanvraag, bijvoorbeeld "
                                     "omdat er per ongeluk een BSN of naam in staat (AVG). Alleen de eigenaar van de "
                                     "database. Het register krijgt een record 'onderhoud' met de reden; de aanvraag "
                                     "met haar bedragen en de keten blijven staan.")
    rs.add_argument("aanvraag", metavar="AANVRAAG", help="bijvoorbeeld C-1-1")
    rs.add_argument("--reden", required=True, metavar="TEKST", help="waarom het stuk weg moet (minstens 10 tekens)")
    rs.add_argument("--register", metavar="URL", help="de PostgreSQL-URL (standaard DOORBRAAK_REGISTER)")
    rs.set_defaults(functie=_register_wis_stuk)
    for naam, hulp, functie in (("status", "budget en aanvragen", _register_status),
                                ("verifieer", "controleer de hashketen van het hele register", _register_verifieer),
                                ("exporteer", "schrijf het register naar Excel", _register_exporteer)):
        q = rsub.add_parser(naam, help=hulp, description=hulp[0].upper() + hulp[1:] + ".")
        q.add_argument("--register", **REGISTER_ARGUMENT)
        if naam == "status":
            q.add_argument("--json", action="store_true", help="uitvoer als JSON")
        if naam == "exporteer":
            q.add_argument("-o", dest="uit", required=True, metavar="BESTAND.xlsx")
            q.add_argument("--overschrijven", action="store_true", help=OVERSCHRIJVEN_HULP)
        q.set_defaults(functie=functie)

    d = sub.add_parser("indienen", help="dien een casus in bij het register",
                       description="Dien een casus in: de berekening en de gebruikte prijzen worden vastgelegd.")
    d.add_argument("casus", metavar="CASUS.json")
    d.add_argument("--register", **REGISTER_ARGUMENT)
    d.add_argument("--prijslijst", metavar="MAP", help="standaard: de prijslijst in gebruik")
    d.set_defaults(functie=_indienen)
    for naam, hulp, functie in (("toetsen", "toets de aanvraag van een collega (vier ogen)", _toetsen),
                                ("besluiten", "besluit over een geëscaleerde aanvraag", _besluiten)):
        q = sub.add_parser(naam, help=hulp, description=hulp[0].upper() + hulp[1:] + ".")
        q.add_argument("casus_id", metavar="CASUS_ID")
        q.add_argument("--register", **REGISTER_ARGUMENT)
        keuze = q.add_mutually_exclusive_group(required=True)
        keuze.add_argument("--akkoord", action="store_true", help="akkoord")
        keuze.add_argument("--afwijzen", action="store_true", help="afwijzen")
        q.add_argument("--reden", default="", metavar="TEKST", help="de reden (aanbevolen, zeker bij afwijzen)")
        q.set_defaults(functie=functie)
    n = sub.add_parser("nacalculatie", help="leg de nacalculatie van een goedgekeurde casus vast",
                       description="Leg na 6, 12 of 24 maanden vast wat een goedgekeurde casus werkelijk opleverde "
                                   "(formaat doorbraak-nacalculatie/1, zie docs/nacalculatie.md). Gerekend wordt met "
                                   "de prijzen die bij de goedkeuring zijn vastgelegd.")
    n.add_argument("casus_id", metavar="CASUS_ID")
    n.add_argument("--register", **REGISTER_ARGUMENT)
    n.add_argument("--bestand", required=True, metavar="NACALCULATIE.json")
    n.set_defaults(functie=_nacalculatie)
    m = sub.add_parser("monitor", help="wat het doorbraakbudget heeft opgeleverd (het programma)",
                       description="De monitor over alle aanvragen van het register: aantallen, bedragen, verwachte en "
                                   "gerealiseerde vermeden kosten, budget. De periode filtert op de datum van het "
                                   "eindbesluit. Zie docs/monitor.md.")
    m.add_argument("--register", **REGISTER_ARGUMENT)
    m.add_argument("--van", type=_datum_argument, metavar="JJJJ-MM-DD", help="eerste besluitdatum (inclusief)")
    m.add_argument("--tot", type=_datum_argument, metavar="JJJJ-MM-DD", help="laatste besluitdatum (inclusief)")
    m.add_argument("--json", action="store_true", help="uitvoer als JSON")
    m.add_argument("-o", dest="uit", metavar="BESTAND.xlsx|BESTAND.pdf", help="schrijf de monitor naar Excel of PDF")
    m.add_argument("--overschrijven", action="store_true", help=OVERSCHRIJVEN_HULP)
    m.set_defaults(functie=_monitor)
    o = sub.add_parser("open", help="open de desktopapp, eventueel met een casus",
                       description="Open de desktopapp (zonder opdracht gebeurt hetzelfde), eventueel met een casus.")
    o.add_argument("casus", nargs="?", metavar="CASUS.json")
    o.set_defaults(functie=_open)
    for naam, hulp, functie in (("pdf", "het verantwoordingsdocument (PDF/A)", _pdf),
                                ("xlsx", "de casus als spreadsheet voor financiën", _xlsx)):
        q = sub.add_parser(naam, help=hulp, description=f"Schrijf {hulp} van een casusbestand, of van een casus "
                           "uit het register (met het besluitspoor en de vastgelegde prijzen).")
        q.add_argument("bron", metavar="CASUS.json|CASUS_ID")
        q.add_argument("--register", metavar="MAP|URL", help="haal CASUS_ID uit dit register (map of PostgreSQL-URL)")
        q.add_argument("--prijslijst", metavar="MAP", help="voor een casusbestand: standaard de prijslijst in gebruik")
        q.add_argument("-o", dest="uit", required=True, metavar=f"BESTAND.{naam}")
        q.add_argument("--overschrijven", action="store_true", help=OVERSCHRIJVEN_HULP)
        q.set_defaults(functie=functie)
    return parser


def _open(args: argparse.Namespace) -> int:
    """De desktopapp; een casus die niet te lezen is, wordt eerst hier gemeld (exitcode 2)."""
    from pathlib import Path

    bestand = None
    if getattr(args, "casus", None):
        from doorbraak.domein.casus import lees_casus

        bestand = Path(args.casus)
        lees_casus(bestand)
    from doorbraak.gui.beeldscherm import waarom_geen_beeldscherm

    if melding := waarom_geen_beeldscherm():  # vóór Qt: dat stopt het proces zonder uitleg (exitcode 134)
        print(f"doorbraak: {melding}", file=sys.stderr)
        return EXIT_INVOER
    try:
        from doorbraak.gui.app import start
    except ImportError as fout:
        print(f"doorbraak: de desktopapp kan niet starten ({fout}). Installeer PySide6 (pip install -e .); op Linux "
              "ook de systeembibliotheken uit de README.", file=sys.stderr)
        return EXIT_INTERN
    return start(bestand)


def _pdf(args: argparse.Namespace) -> int:
    from doorbraak.diensten import schrijf_verantwoording

    uit = schrijf_verantwoording(args.bron, args.uit, args.register, args.prijslijst,
                                 overschrijven=args.overschrijven)
    print(f"Verantwoordingsdocument geschreven: {uit}")
    return EXIT_GOED


def _xlsx(args: argparse.Namespace) -> int:
    from doorbraak.diensten import schrijf_casusspreadsheet

    ingekort = schrijf_casusspreadsheet(args.bron, args.uit, args.register, args.prijslijst,
                                        overschrijven=args.overschrijven)
    print(f"Spreadsheet geschreven: {args.uit}")
    if ingekort:
        print(f"let op: uit {len(ingekort)} cel(len) zijn tekens weggelaten die Excel niet kan bewaren "
              f"(stuurtekens): {', '.join(ingekort[:10])}", file=sys.stderr)
    return EXIT_GOED


def _naam_argument(tekst: str) -> tuple[str, str]:
    login, is_, naam = tekst.partition("=")
    if not is_ or not login.strip():
        raise argparse.ArgumentTypeError(f"'{tekst}' is niet LOGIN=NAAM")
    return login.strip(), " ".join(naam.split())


def _jaar_argument(tekst: str) -> int:
    if not tekst.strip().isdigit() or len(tekst.strip()) != 4:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen jaar (JJJJ)")
    return int(tekst)


def _register_migreer(args: argparse.Namespace) -> int:
    from doorbraak.diensten import migreer_register
    from doorbraak.domein.geld import formatteer

    van, naar = migreer_register(args.van, args.naar)
    print(f"{naar.aantal_records} records gemigreerd, keten in orde (kop {naar.kop_hash[:16]}, register "
          f"{naar.register_id[:16]}); {len(naar.aanvragen)} aanvragen, toegekend {formatteer(naar.toegekend)}")
    return EXIT_GOED


def _register_archiveer(args: argparse.Namespace) -> int:
    from doorbraak.diensten import archiveer_documenten

    gedaan = archiveer_documenten(args.register)
    print(f"Gearchiveerd: {', '.join(gedaan)}" if gedaan else "Elke goedgekeurde aanvraag heeft al een gearchiveerd "
          "verantwoordingsdocument")
    return EXIT_GOED


def _register_document(args: argparse.Namespace) -> int:
    from doorbraak.diensten import schrijf_document

    pad = schrijf_document(args.aanvraag, args.uit, args.register, overschrijven=args.overschrijven)
    print(f"Het gearchiveerde verantwoordingsdocument van {args.aanvraag} staat in {pad}")
    return EXIT_GOED


def _register_wis_stuk(args: argparse.Namespace) -> int:
    from doorbraak.diensten import wis_stuk

    record = wis_stuk(args.aanvraag, args.reden, args.register)
    print(f"Het stuk van {args.aanvraag} is gewist; record {record['volgnummer']} (onderhoud) legt vast wie, wanneer "
          "en waarom")
    return EXIT_GOED


def _register_budget(args: argparse.Namespace) -> int:
    from doorbraak.diensten import open_budget
    from doorbraak.domein.geld import formatteer

    st, melding = open_budget(args.register, args.jaar, args.bedrag, args.reden)
    return _meld(f"Budgetpot {args.jaar}: {formatteer(st.budget_in(args.jaar))} (record {st.aantal_records})", melding)


def _pot(st) -> str:
    """De pot die nu telt, met kostenplaats, in één regel."""
    from doorbraak.domein.geld import formatteer

    jaar = f" {st.budgetjaar}" if st.jaarmodus else ""
    plaats = f" (kostenplaats {st.instellingen.kostenplaats})" if st.instellingen.kostenplaats else ""
    return f"budget{jaar}{plaats} {formatteer(st.budget)}"


def _logins(tekst: str) -> list[str]:
    return [n.strip() for n in tekst.split(",") if n.strip()]


def _register_init(args: argparse.Namespace) -> int:
    from doorbraak.diensten import escalatierollen, is_postgresql, maak_register
    from doorbraak.domein.geld import formatteer
    from doorbraak.domein.regels import STANDAARD_LIMIET

    st = maak_register(args.map, args.budget, args.limiet or STANDAARD_LIMIET, _logins(args.escalatie),
                       oefenregister=args.oefening, namen=dict(args.naam), budgetjaar=args.budgetjaar,
                       kostenplaats=args.kostenplaats)
    soort = "Oefenregister" if st.instellingen.oefenregister else "Register"
    pot = f"budget {formatteer(st.instellingen.budget)}"
    if st.instellingen.kostenplaats and not st.jaarmodus:
        pot = f"budget (kostenplaats {st.instellingen.kostenplaats}) {formatteer(st.instellingen.budget)}"
    if st.jaarmodus:
        pot = f"budget {st.instellingen.budgetjaar}" + (f" (kostenplaats {st.instellingen.kostenplaats})"
                                                         if st.instellingen.kostenplaats else "") + pot[6:]
    if is_postgresql(args.map):
        rollen = escalatierollen(args.map, list(st.instellingen.escalatie))
        print("Een beheerder (de eigenaar van de database) geeft coaches en beslissers toegang met:\n"
              "  GRANT doorbraak_coach TO <login>;       -- elke coach\n"
              "  GRANT doorbraak_escalatie TO <login>;   -- wie over escalaties beslist")
        if gedaan := [login for login, lid in rollen.items() if lid]:
            print(f"doorbraak_escalatie is gegeven aan: {', '.join(gedaan)}")
        for login in (login for login, lid in rollen.items() if lid is None):
            print(f"let op: {login} heeft nog geen rol in deze database; maak die (CREATE ROLE \"{login}\" LOGIN, of via "
                  f"GSSAPI/LDAP) en geef dan: GRANT doorbraak_escalatie TO \"{login}\";")
    print(f"{soort} gemaakt in {args.map}: {pot}, vier-ogengrens "
          f"{formatteer(st.instellingen.limiet)}, escalatie: {st.instellingen.beslissers}")
    return EXIT_GOED


def _register_instellen(args: argparse.Namespace) -> int:
    from doorbraak.diensten import wijzig_register
    from doorbraak.domein.geld import formatteer

    st, melding = wijzig_register(args.register, args.reden, budget=args.budget, limiet=args.limiet,
                                  escalatie=None if args.escalatie is None else _logins(args.escalatie),
                                  namen=dict(args.naam))
    return _meld(f"Instellingen gewijzigd (record {st.aantal_records}): budget {formatteer(st.instellingen.budget)}, "
                 f"vier-ogengrens {formatteer(st.instellingen.limiet)}, escalatie: {st.instellingen.beslissers}",
                 melding)


def _register_herstel(args: argparse.Namespace) -> int:
    from doorbraak.diensten import aanvaard_herstel
    from doorbraak.register.opslag import persoon

    st, record, melding = aanvaard_herstel(args.register, args.reden)
    gezien = record["gegevens"].get("gezien")
    extra = ""
    if gezien and gezien["splitsing"] == 0:
        extra = f" U zag op deze plek eerder een ander register (met {gezien['aantal']} records)."
    elif gezien:
        extra = (f" U had {gezien['aantal']} records gezien; tot en met record {gezien['splitsing']} is het "
                 "register hetzelfde gebleven.")
    return _meld(f"Herstel aanvaard in record {record['volgnummer']} door {persoon(record['gebruiker'])}.{extra}",
                 melding)


def _aanvraag_regel(a) -> str:
    from doorbraak.domein.geld import formatteer

    return f"{a.aanvraag}: {formatteer(a.bedrag)}, route {a.route}, status {a.status}"


def _indienen(args: argparse.Namespace) -> int:
    from doorbraak.diensten import dien_in

    a, melding = dien_in(args.casus, args.register, args.prijslijst)
    return _meld(f"Ingediend: {_aanvraag_regel(a)}. Een andere coach toetst met: doorbraak toetsen {a.casus_id}",
                 melding)


def _toetsen(args: argparse.Namespace) -> int:
    from doorbraak.diensten import toets

    a, melding = toets(args.casus_id, args.akkoord, args.reden, args.register)
    return _meld(f"Getoetst: {_aanvraag_regel(a)}", melding)


def _besluiten(args: argparse.Namespace) -> int:
    from doorbraak.diensten import besluit

    a, melding = besluit(args.casus_id, args.akkoord, args.reden, args.register)
    return _meld(f"Besloten: {_aanvraag_regel(a)}", melding)


def _nacalculatie(args: argparse.Namespace) -> int:
    from doorbraak.diensten import nacalculeer
    from doorbraak.domein.geld import formatteer
    from doorbraak.register.opslag import persoon

    record, g, melding = nacalculeer(args.casus_id, args.bestand, args.register)
    d = record["gegevens"]
    regels = [f"Nacalculatie na {d['maanden']} maanden vastgelegd voor {d['aanvraag']} (record {record['volgnummer']}, "
              f"door {persoon(record['gebruiker'])}); uitkomst: {d['uitkomst']}",
              f"  verwacht vermeden:       {formatteer(g.verwacht_vermeden):>14}",
              f"  kosten zonder doorbraak: {formatteer(g.kosten_zonder):>14}"
              + (" (bijgesteld)" if d["kosten_zonder_bijgesteld"] else ""),
              f"  kosten met (werkelijk):  {formatteer(g.kosten_met):>14}",
              f"  gerealiseerd vermeden:   {formatteer(g.gerealiseerd_vermeden):>14}",
              f"  werkelijke uitgave:      {formatteer(g.werkelijke_uitgave):>14} (toegekend {formatteer(g.toegekend)})",
              f"  gerealiseerd netto:      {formatteer(g.gerealiseerd_netto):>14}"]
    if g.vrijgevallen:
        regels.append(f"  vrijgevallen:            {formatteer(g.vrijgevallen):>14} (terug in de budgetpot)")
    return _meld("\n".join(regels), melding)


def _monitor(args: argparse.Namespace) -> int:
    from doorbraak.analyse.monitor import monitor_tekst
    from doorbraak.diensten import monitor, schrijf_monitor

    m, st = monitor(args.register, args.van, args.tot)
    for melding in st.meldingen:
        print(melding, file=sys.stderr)
    if args.uit:
        doel = schrijf_monitor(m, args.uit, overschrijven=args.overschrijven)
        if not args.json:
            print(f"Monitor geschreven naar {doel}")
    if args.json:
        print(json.dumps(m.als_json(), ensure_ascii=False, indent=2))
    elif not args.uit:
        print(monitor_tekst(m), end="")
    return EXIT_GOED


def _meld(tekst: str, melding: str) -> int:
    """Wat er gebeurde; een melding over register.xlsx naar stderr (de stap zelf is gelukt)."""
    print(tekst)
    if melding:
        print(melding, file=sys.stderr)
    return EXIT_GOED


def _register_status(args: argparse.Namespace) -> int:
    from doorbraak.diensten import register_stand, wie_ben_ik
    from doorbraak.domein.geld import als_tekst, formatteer
    from doorbraak.register.opslag import persoon

    st = register_stand(args.register)
    for melding in st.meldingen:
        print(melding, file=sys.stderr)
    ik = wie_ben_ik(args.register)
    if args.json:
        def wie(stap):
            return (stap or {}).get("gebruiker") or None

        print(json.dumps({
            "budget_totaal": als_tekst(st.budget), "toegekend": als_tekst(st.toegekend),
            "budgetjaar": st.budgetjaar, "kostenplaats": st.instellingen.kostenplaats,
            "budgetjaren": [{k: (als_tekst(v) if isinstance(v, Decimal) else v) for k, v in j.items()}
                            for j in st.jaren()] if st.jaarmodus else [],
            "vrijgevallen": als_tekst(st.vrijgevallen), "beschikbaar": als_tekst(st.beschikbaar), "limiet": als_tekst(st.instellingen.limiet),
            "escalatie": list(st.instellingen.escalatie), "namen": st.instellingen.namen,
            "oefenregister": st.instellingen.oefenregister, "register_id": st.register_id,
            "aantal_records": st.aantal_records, "kop_hash": st.kop_hash,
            "gebruiker": {"os_login": ik.os_login, "naam": st.instellingen.naam_van(ik.os_login),
                          "escalatie": st.instellingen.mag_escaleren(ik)},
            "casussen": [{
                "aanvraag": a.aanvraag, "casus_id": a.casus_id, "titel": a.titel, "status": a.status,
                "bedrag": als_tekst(a.bedrag), "route": a.route, "eerder_goedgekeurd": als_tekst(a.eerder_goedgekeurd),
                "indiener": a.indiener["naam"], "indiener_login": a.indiener.get("os_login"),
                "ingediend_op": a.ingediend_op,
                "toetser": (wie(a.toetsing) or {}).get("naam"), "toetser_login": (wie(a.toetsing) or {}).get("os_login"),
                "getoetst_op": (a.toetsing or {}).get("tijd"),
                "besluiter": (wie(a.besluit) or {}).get("naam"), "besluiter_login": (wie(a.besluit) or {}).get("os_login"),
                "besloten_op": (a.besluit or {}).get("tijd"),
                "reden": " / ".join(x for x in ((a.toetsing or {}).get("reden"), (a.besluit or {}).get("reden")) if x),
                "prijslijst": a.gegevens.get("prijslijst"),
                "nacalculatie": _nacalculatie_json(st, a),
            } for a in st.aanvragen],
        }, ensure_ascii=False, indent=2))
        return EXIT_GOED
    soort = "Oefenregister" if st.instellingen.oefenregister else "Register"
    vrij = f", vrijgevallen {formatteer(st.vrijgevallen)}" if st.nacalculaties else ""
    print(f"{soort}: {_pot(st)}, toegekend {formatteer(st.toegekend)}{vrij}, "
          f"beschikbaar {formatteer(st.beschikbaar)}; vier-ogengrens {formatteer(st.instellingen.limiet)}")
    if st.jaarmodus:
        for j in st.jaren():
            pot = "geen pot geopend" if j["jaar"] not in st.potten else f"budget {formatteer(j['budget'])}"
            print(f"  {j['jaar']}: {pot}, toegekend {formatteer(j['toegekend'])}, vrijgevallen "
                  f"{formatteer(j['vrijgevallen'])}, beschikbaar {formatteer(j['beschikbaar'])}")
    print(f"Escalatie: {st.instellingen.beslissers}")
    print(f"{st.aantal_records} records, keten in orde, kop {st.kop_hash[:16]}")
    print(f"U bent {st.instellingen.wie(ik.os_login)}"
          + (" en staat op de escalatielijst" if st.instellingen.mag_escaleren(ik) else ""))
    for a in st.aanvragen:
        wie = f"ingediend door {persoon(a.indiener)} op {a.ingediend_op[:16].replace('T', ' ')}"
        if a.toetsing:
            wie += f", getoetst door {persoon(a.toetsing['gebruiker'])}"
        if a.besluit:
            wie += f", besloten door {persoon(a.besluit['gebruiker'])}"
        print(f"  {_aanvraag_regel(a)} ({wie})")
        n = _nacalculatie_json(st, a)
        if n:
            print(f"    nacalculatie na {n['maanden']} maanden ({n['peildatum']}, {n['uitkomst']}): gerealiseerd "
                  f"vermeden {formatteer(Decimal(n['gerealiseerd_vermeden']))}, werkelijke uitgave "
                  f"{formatteer(Decimal(n['werkelijke_uitgave']))}, vrijgevallen {formatteer(Decimal(n['vrijgevallen']))}")
    return EXIT_GOED


def _nacalculatie_json(st, a) -> dict | None:
    """De laatste nacalculatie van de casus, bij haar laatste goedgekeurde aanvraag."""
    r = st.nacalculatie(a.casus_id)
    if r is None or r["gegevens"]["aanvraag"] != a.aanvraag:
        return None
    d = r["gegevens"]
    return {k: d[k] for k in ("peildatum", "maanden", "uitkomst", "werkelijke_uitgave", "verwacht_vermeden",
                              "gerealiseerd_vermeden", "gerealiseerd_netto", "vrijgevallen")} | {
        "record": r["volgnummer"], "door": r["gebruiker"].get("os_login")}


def _register_verifieer(args: argparse.Namespace) -> int:
    from doorbraak.diensten import verifieer_register

    register, problemen = verifieer_register(args.register)
    if problemen:
        print(f"Register {getattr(register, 'map', None) or register.naam}: {len(problemen)} "
              f"{'problemen' if len(problemen) != 1 else 'probleem'}")
        for p in problemen:
            print(f"  - {p}")
        for m in register.meldingen:
            print(m, file=sys.stderr)
        return EXIT_INTERN
    records = register.records()
    print(f"Register {getattr(register, 'map', None) or register.naam}: {len(records)} records, keten in orde; "
          f"kop {records[-1]['hash']}")
    for m in register.meldingen:
        print(m, file=sys.stderr)
    return EXIT_GOED


def _register_exporteer(args: argparse.Namespace) -> int:
    from doorbraak.diensten import exporteer_register

    st = exporteer_register(args.uit, args.register, overschrijven=args.overschrijven)
    for melding in st.meldingen:
        print(melding, file=sys.stderr)
    print(f"{len(st.aanvragen)} aanvragen geschreven naar {args.uit}")
    return EXIT_GOED


def _datum_argument(tekst: str):
    from datetime import date

    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen datum (JJJJ-MM-DD)") from None


def _prijslijst_controleer(args: argparse.Namespace) -> int:
    from doorbraak.diensten import controleer_prijslijst
    from doorbraak.domein.prijslijstcontrole import FOUT

    invoer, bevindingen = controleer_prijslijst(args.bron, args.peildatum)
    fouten = [b for b in bevindingen if b.ernst == FOUT]
    print(f"Prijslijst {invoer.naam}: {len(invoer.item_rijen)} items")
    for b in bevindingen:
        print(f"{'FOUT' if b.ernst == FOUT else 'let op':<7} {b}")
    print(f"{len(fouten)} fout{'en' if len(fouten) != 1 else ''}, "
          f"{len(bevindingen) - len(fouten)} waarschuwing{'en' if len(bevindingen) - len(fouten) != 1 else ''}")
    return 1 if fouten else EXIT_GOED


def _prijslijst_exporteer(args: argparse.Namespace) -> int:
    from doorbraak.diensten import exporteer_prijslijst

    pl, ingekort = exporteer_prijslijst(args.bestand, args.prijslijst, overschrijven=args.overschrijven)
    print(f"{len(pl.items)} items (versie {pl.versienaam}, inhoud {pl.inhoud_hash[:12]}) geschreven naar {args.bestand}")
    for cel in ingekort:
        print(f"let op  {cel}: tekens die Excel niet kan bewaren (stuurtekens) zijn weggelaten")
    return EXIT_GOED


def _prijslijst_importeer(args: argparse.Namespace) -> int:
    from doorbraak.diensten import importeer_prijslijst

    pl, waarschuwingen, verschil = importeer_prijslijst(args.bestand, args.naar, versie=args.versie, door=args.door)
    print(f"Ingelezen: {len(pl.items)} items, versie {pl.versienaam}, inhoud {pl.inhoud_hash[:12]}, naar {args.naar}")
    if verschil is not None:
        print(f"Ten opzichte van wat er stond: {len(verschil.toegevoegd)} toegevoegd, {len(verschil.verwijderd)} "
              f"verwijderd, {len(verschil.gewijzigd)} gewijzigd, {len(verschil.index)} indexcijfers anders")
    for b in waarschuwingen:
        print(f"let op  {b}")
    return EXIT_GOED


def _prijslijst_verschil(args: argparse.Namespace) -> int:
    from doorbraak.diensten import vergelijk_prijslijsten
    from doorbraak.domein.geld import formatteer, getal_nl

    from doorbraak.domein.prijslijst import per_eenheid

    oud, nieuw, v = vergelijk_prijslijsten(args.oud, args.nieuw)
    if args.json:
        print(json.dumps({
            "oud": {"versie": oud.versienaam, "inhoud_hash": oud.inhoud_hash},
            "nieuw": {"versie": nieuw.versienaam, "inhoud_hash": nieuw.inhoud_hash},
            "toegevoegd": [{"code": i.code, "naam": i.naam, "bedrag": f"{i.bedrag:.2f}"} for i in v.toegevoegd],
            "verwijderd": [{"code": i.code, "naam": i.naam, "bedrag": f"{i.bedrag:.2f}"} for i in v.verwijderd],
            "gewijzigd": [{"code": w.code, "naam": w.naam, "oud_bedrag": f"{w.oud_bedrag:.2f}",
                           "nieuw_bedrag": f"{w.nieuw_bedrag:.2f}",
                           "procent": None if w.procent is None else f"{w.procent:f}",
                           "velden": {k: {"oud": a, "nieuw": b} for k, (a, b) in w.velden.items()}}
                          for w in v.gewijzigd],
            "indexcijfers": [{"reeks": r, "jaar": j, "oud": a or None, "nieuw": b or None} for r, j, a, b in v.index],
        }, ensure_ascii=False, indent=2))
        return EXIT_GOED
    print(f"Van versie {oud.versienaam} ({oud.inhoud_hash[:12]}) naar versie {nieuw.versienaam} ({nieuw.inhoud_hash[:12]})")
    if v.leeg:
        print("Geen verschillen.")
    for i in v.toegevoegd:
        print(f"+ {i.code}  {i.naam}: {formatteer(i.bedrag)} {per_eenheid(i.eenheid)} ({i.prijsjaar})")
    for i in v.verwijderd:
        print(f"- {i.code}  {i.naam}: was {formatteer(i.bedrag)} {per_eenheid(i.eenheid)} ({i.prijsjaar})")
    for w in v.gewijzigd:
        regel = f"~ {w.code}  {w.naam}"
        if w.oud_bedrag != w.nieuw_bedrag:
            procent = "" if w.procent is None else f" ({'+' if w.procent > 0 else ''}{getal_nl(w.procent, 1)}%)"
            regel += f": {formatteer(w.oud_bedrag)} -> {formatteer(w.nieuw_bedrag)}{procent}"
        print(regel)
        for veld, (a, b) in w.velden.items():
            print(f"      {veld}: {a or '(leeg)'} -> {b or '(leeg)'}")
    for reeks, jaar, a, b in v.index:
        print(f"~ indexcijfer {reeks.upper()} {jaar}: {a or '(geen)'} -> {b or '(geen)'}")
    return EXIT_GOED


def _prijslijst_toon(args: argparse.Namespace) -> int:
    from datetime import date

    from doorbraak.diensten import open_prijslijst, zoek_in_prijslijst
    from doorbraak.domein.geld import formatteer, getal_nl
    from doorbraak.domein.prijslijst import REEKSNAAM, datum_nl, per_eenheid, ritme

    pl = open_prijslijst(args.prijslijst)
    jaar = args.jaar or date.today().year
    items = zoek_in_prijslijst(pl, args.zoekterm)
    rijen = []
    for item in items:
        ix, prijs = pl.eenheidsprijs(item, jaar)
        rijen.append((item, ix, prijs))
    if args.json:
        print(json.dumps([{
            "code": i.code, "naam": i.naam, "categorie": i.categorie, "eenheid": i.eenheid,
            "bedrag": f"{i.bedrag:.2f}", "prijsjaar": i.prijsjaar, "indexatie": i.indexatie,
            "jaar": jaar, "indexreeks": ix.reeks, "indexfactor": f"{getal_nl(ix.factor, 6).replace('.', '').replace(',', '.')}",
            "bedrag_geindexeerd": f"{prijs:.2f}", "financier": i.financier, "bron": i.bron, "url": i.url,
            "brontype": i.brontype, "gecontroleerd_op": i.gecontroleerd_op.isoformat() if i.gecontroleerd_op else None,
            "overlapgroep": i.overlapgroep or None, "overlapgroepen": list(i.overlapgroepen),
            "herziening": i.herziening or None,
            "geldig_vanaf": i.geldig_vanaf.isoformat() if i.geldig_vanaf else None,
            "waarschuwingen": list(ix.waarschuwingen),
        } for i, ix, prijs in rijen], ensure_ascii=False, indent=2))
        return EXIT_GOED
    print(f"Prijslijst versie {pl.versienaam} ({pl.inhoud_hash[:12]}), {len(rijen)} van {len(pl.items)} items, "
          f"geïndexeerd naar {jaar}")
    for i, ix, prijs in rijen:
        index = "vast bedrag" if ix.reeks == "geen" else f"{REEKSNAAM.get(ix.reeks, ix.reeks)} × {getal_nl(ix.factor, 4)}"
        print(f"{i.code:<20} {i.naam}")
        print(f"{'':<20} {formatteer(prijs)} {per_eenheid(i.eenheid)} in {jaar} (prijs {i.prijsjaar}: {formatteer(i.bedrag)}, "
              f"{index}) · {i.financier}")
        print(f"{'':<20} bron ({i.brontype}): {i.bron} · {i.url}")
        if i.herziening:
            print(f"{'':<20} vast bedrag, geldig sinds {datum_nl(i.ingang)}, herziening: {ritme(i.herziening)}")
        for groep in i.overlapgroepen:
            anderen = [c for c, j in pl.items.items() if groep in j.overlapgroepen and c != i.code]
            if anderen:
                print(f"{'':<20} overlapgroep {groep}: niet optellen met {', '.join(anderen)}")
    term = (args.zoekterm or "").strip().upper()
    if term in pl.vervallen:
        print(pl.onbekend(term))
    waarschuwingen = dict.fromkeys(w for _, ix, _ in rijen for w in ix.waarschuwingen)
    for w in waarschuwingen:
        print(f"let op  {w}")
    return EXIT_GOED


def _bereken(args: argparse.Namespace) -> int:
    from doorbraak.diensten import bereken_bestand
    from doorbraak.samenvatting import samenvatting

    if args.vastgelegd:
        from doorbraak.diensten import bereken_met_vastgelegde_prijslijst
        from doorbraak.domein.casus import lees_casus
        from doorbraak.domein.jsonbestand import lees_json
        from doorbraak.samenvatting import vergelijking_met_huidige

        casus = lees_casus(args.casus)
        bc, nu, huidige = bereken_met_vastgelegde_prijslijst(casus, lees_json(args.vastgelegd), args.prijslijst, args.limiet)
        uitvoer = bc.als_json() | {"huidige_prijslijst": None if nu is None else nu.als_json()}
        vergelijking = vergelijking_met_huidige(bc, nu, huidige)
    else:
        casus, bc, prijslijst = bereken_bestand(args.casus, args.prijslijst, args.limiet)
        uitvoer = bc.als_json()
        vergelijking = ""
    if args.vastleggen:
        from doorbraak.diensten import leg_prijslijst_vast
        from doorbraak.domein.jsonbestand import naar_json, schrijf_atomair
        from doorbraak.uitvoer import VASTLEGGING, casusbestand, controleer_uitvoer, prijslijstbestanden

        invoer = [casusbestand(args.casus), *(prijslijstbestanden(prijslijst.map) if prijslijst.map else [])]
        doel = controleer_uitvoer(args.vastleggen, VASTLEGGING, invoer)  # nooit een bestaand bestand, de casus ook niet
        schrijf_atomair(doel, naar_json(leg_prijslijst_vast(bc, prijslijst)))
    if args.json:
        print(json.dumps(uitvoer, ensure_ascii=False, indent=2))
    else:
        bron = f"vastgelegd in {args.vastgelegd}" if args.vastgelegd else str(prijslijst.map)
        print(samenvatting(casus, bc, bron), end="")
        if vergelijking:
            print("\n" + vergelijking, end="")
        if args.vastleggen:
            print(f"\nPrijzen vastgelegd in {args.vastleggen}")
    return EXIT_GOED


def _meld_invoerfout(fout: InvoerFout) -> None:
    kop = f"doorbraak: {fout.bron}: " if fout.bron else "doorbraak: "
    if len(fout.problemen) == 1 and not fout.problemen[0].pad == fout.bron:
        print(kop + str(fout.problemen[0]), file=sys.stderr)
        return
    if len(fout.problemen) == 1:
        print(kop + fout.problemen[0].melding, file=sys.stderr)
        return
    print(kop + f"{len(fout.problemen)} problemen", file=sys.stderr)
    for p in fout.problemen:
        print(f"  - {p.melding if p.pad == fout.bron else p}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    for stroom in (sys.stdout, sys.stderr):
        if hasattr(stroom, "reconfigure"):
            stroom.reconfigure(errors="replace")
    parser = maak_parser()
    args = parser.parse_args(argv)
    if args.opdracht is None:
        args.functie = _open  # zonder opdracht: de desktopapp
    try:
        return args.functie(args)
    except InvoerFout as fout:
        _meld_invoerfout(fout)
        return EXIT_INVOER
    except Weigering as w:
        print(f"doorbraak: geweigerd: {w.melding}", file=sys.stderr)
        return EXIT_GEWEIGERD
    except KeyboardInterrupt:
        print("doorbraak: afgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_GOED
    except Exception as e:  # geen traceback voor de gebruiker; wel met DOORBRAAK_DEBUG=1
        if os.environ.get("DOORBRAAK_DEBUG"):
            raise
        print(
            f"doorbraak: onverwachte fout ({type(e).__name__}: {e}). Dit is een fout in Doorbraak zelf;"
            " meld hem met deze regel (zet DOORBRAAK_DEBUG=1 voor details).",
            file=sys.stderr,
        )
        return EXIT_INTERN


__all__ = ["main", "maak_parser"]
