"""De bundel bouwen: `python -m doorbraak.bouw [--uit MAP]` maakt met PyInstaller MAP/Doorbraak/ (standaard dist/),
één map met Python, Qt, de meegeleverde bestanden en twee programma's: `doorbraak-app` (de desktopapp) en
`doorbraak` (de opdrachtregel). Het recept staat in packaging/doorbraak.spec; PyInstaller zit in het extra
`test` (pip install -e ".[test]"). Aan het eind: de grootte van de bundel en de bouwtijd.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from doorbraak import PROJECTMAP

SPEC = PROJECTMAP / "packaging" / "doorbraak.spec"
NAAM = "Doorbraak"
EXIT_FOUT = 2


class Bouwfout(Exception):
    """De bundel kon niet gebouwd worden; de tekst is voor de gebruiker."""


def grootte(map_: Path) -> int:
    """Het aantal bytes van alle bestanden in de map (uitgepakt), symbolische koppelingen niet meegeteld."""
    totaal = 0
    for wortel, _mappen, bestanden in os.walk(map_):
        for naam in bestanden:
            pad = Path(wortel) / naam
            if not pad.is_symlink():
                totaal += pad.stat().st_size
    return totaal


def bouw(uit: Path, stil: bool = True) -> Path:
    """Bouw de bundel in `uit`/Doorbraak en geef die map terug; Bouwfout als het niet lukt."""
    if getattr(sys, "frozen", False):
        raise Bouwfout("de bundel bouwt u vanuit de broncode (python -m doorbraak.bouw), niet vanuit een bundel.")
    if importlib.util.find_spec("PyInstaller") is None:
        raise Bouwfout('PyInstaller is niet geïnstalleerd. Installeer het met: pip install -e ".[test]"')
    if not SPEC.is_file():
        raise Bouwfout(f"het recept {SPEC} ontbreekt; bouw vanuit een volledige checkout van Doorbraak.")
    uit = Path(uit).resolve()
    try:
        uit.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise Bouwfout(f"de map {uit} kan niet gemaakt worden ({fout.strerror}).") from fout
    with tempfile.TemporaryDirectory(prefix="doorbraak-bouw-") as werk:
        opdracht = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(uit), "--workpath", werk, str(SPEC)]
        omgeving = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECTMAP),
                                                                               os.environ.get("PYTHONPATH")]))}
        proces = subprocess.run(opdracht, cwd=PROJECTMAP, env=omgeving, text=True,
                                stdout=subprocess.PIPE if stil else None, stderr=subprocess.STDOUT if stil else None)
    if proces.returncode != 0:
        staart = "\n".join((proces.stdout or "").splitlines()[-30:])
        raise Bouwfout(f"PyInstaller stopte met exitcode {proces.returncode}.\n{staart}".rstrip())
    bundel = uit / NAAM
    if not (bundel / "doorbraak").exists() and not (bundel / "doorbraak.exe").exists():
        raise Bouwfout(f"PyInstaller is klaar, maar {bundel} heeft geen programma 'doorbraak'.")
    return bundel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m doorbraak.bouw", description="Bouw de bundel van Doorbraak "
                                     "(PyInstaller, één map): MAP/Doorbraak met doorbraak-app en doorbraak.")
    parser.add_argument("--uit", type=Path, default=Path("dist"), metavar="MAP", help="waar de bundel komt "
                        "(standaard dist/)")
    parser.add_argument("--uitgebreid", action="store_true", help="laat de uitvoer van PyInstaller zien")
    args = parser.parse_args(argv)
    begin = time.monotonic()
    try:
        bundel = bouw(args.uit, stil=not args.uitgebreid)
    except Bouwfout as fout:
        print(f"doorbraak.bouw: {fout}", file=sys.stderr)
        return EXIT_FOUT
    mb = grootte(bundel) / 1_000_000
    print(f"bundel: {bundel}")
    print(f"grootte: {mb:.0f} MB uitgepakt; bouwtijd {time.monotonic() - begin:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
