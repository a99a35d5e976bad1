"""De opdrachtregel: `doorbraak <opdracht>`. Exitcodes: 0 goed, 2 foute invoer, 1 interne fout."""

from __future__ import annotations

import argparse
import json
import os
import sys
from decimal import Decimal

from doorbraak import __version__
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.geld import lees_invoer

EXIT_GOED = 0
EXIT_INTERN = 1
EXIT_INVOER = 2

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
    "ignored explicit argument %r": "deze optie neemt geen waarde: %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}
argparse._ = lambda tekst: _VERTALING.get(tekst, tekst)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D102 - exitcode 2 zoals bij andere foute invoer
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVOER, f"{self.prog}: fout: {message}\n")


def _bedrag_argument(tekst: str) -> Decimal:
    try:
        return lees_invoer(tekst)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def maak_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="doorbraak",
        description="Doorbraak: de maatschappelijke businesscase van een doorbraakcasus.",
        epilog="Voorbeeld: doorbraak bereken resources/voorbeelden/huurachterstand.json",
    )
    parser.add_argument("--versie", action="version", version=f"doorbraak {__version__}",
                        help="toon het versienummer en stop")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", parser_class=_Parser)

    b = sub.add_parser(
        "bereken",
        help="bereken de businesscase van een casusbestand",
        description="Bereken de maatschappelijke businesscase van een casusbestand (doorbraak-casus/1).",
    )
    b.add_argument("casus", metavar="CASUS.json", help="het casusbestand")
    b.add_argument("--json", action="store_true", help="uitvoer als één JSON-object")
    b.add_argument("--prijslijst", metavar="MAP",
                   help="map met prijslijst.csv en indexcijfers.csv (standaard: DOORBRAAK_PRIJSLIJST of de meegeleverde)")
    b.add_argument("--limiet", metavar="BEDRAG", type=_bedrag_argument,
                   help="vier-ogengrens in euro (standaard 5.000,00)")
    b.set_defaults(functie=_bereken)
    return parser


def _bereken(args: argparse.Namespace) -> int:
    from doorbraak.diensten import bereken_bestand
    from doorbraak.samenvatting import samenvatting

    casus, bc, prijslijst = bereken_bestand(args.casus, args.prijslijst, args.limiet)
    if args.json:
        print(json.dumps(bc.als_json(), ensure_ascii=False, indent=2))
    else:
        print(samenvatting(casus, bc, str(prijslijst.map)), end="")
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
        parser.print_help()
        return EXIT_GOED
    try:
        return args.functie(args)
    except InvoerFout as fout:
        _meld_invoerfout(fout)
        return EXIT_INVOER
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
