"""Hoe snel start de desktopapp? Van het starten van het proces tot het hoofdvenster zichtbaar is,
met de voorbeeldcasus huurachterstand geladen en doorgerekend, en getekend; vergeleken met een
kaal PySide6-venster (een QMainWindow met één QLabel) dat op dezelfde manier start.

Draai: python benchmarks/start.py [--herhalingen 5] [--importtijd]
Doelen: onder 1,5 s, hooguit 2,5x het kale venster (issue 16: van de start tot een bruikbaar venster met een
doorgerekende casus), onder 250 MB geheugen.

Elke meting is een nieuw proces (zonder scherm: QT_QPA_PLATFORM=offscreen, tenzij al gezet) met
lege, tijdelijke DOORBRAAK_CONFIG en DOORBRAAK_DATA: elke keer dus een eerste start, waarbij het
lokale register wordt aangemaakt. Wel met bytecode, zoals na een installatie (pip compileert dan): de
starts delen een tijdelijke PYTHONPYCACHEPREFIX die de opwarmstarts vullen, ook als PYTHONDONTWRITEBYTECODE
gezet is; anders meet elke start ook het compileren van alle modules. De tijd loopt van vlak voor het
starten van het proces tot de regel die het proces print als het venster klaar is. Het proces meldt ook
zijn geheugen (RSS) en of er zware modules geladen zijn (pandas, reportlab, openpyxl, pikepdf): bij de
start hoort dat geen enkele te zijn. Met --importtijd draait één start met `python -X importtime` en print
de duurste imports. De verhouding is die van de medianen; per paar (kaal en app vlak na elkaar gestart) staat
ook de spreiding erbij.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VOORBEELD = PROJECT / "resources" / "voorbeelden" / "huurachterstand.json"
ZWAAR = ("pandas", "reportlab", "openpyxl", "pikepdf")
KLAAR = "DOORBRAAK-START-KLAAR"
REGISTER = "DOORBRAAK-START-REGISTER"
DOEL_TIJD = 1.5  # s
DOEL_FACTOR = 2.5  # x het kale venster
DOEL_MB = 250.0
WACHTTIJD = 60.0  # s: langer is een hangend proces


# ------------------------------------------------------------------ in het gestarte proces

def _geheugen_mb() -> float:
    """Het huidige RSS-geheugen van dit proces in MB (VmRSS), anders het maximum tot nu toe."""
    try:
        for regel in Path("/proc/self/status").read_text().splitlines():
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1]) / 1024
    except OSError:
        pass
    import resource  # niet op Windows; daar is ook geen /proc

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # macOS: bytes, Linux: kB


def _meld(markering: str, **extra) -> None:
    gegevens = {"mb": round(_geheugen_mb(), 1), "zwaar": [m for m in ZWAAR if m in sys.modules], **extra}
    print(f"{markering} {json.dumps(gegevens)}", flush=True)


def _wacht_tot(app, voorwaarde, wat: str) -> None:
    """Gebeurtenissen verwerken (in plaats van app.exec()) tot de voorwaarde geldt."""
    from PySide6.QtCore import QEventLoop, QTimer

    wekker = QTimer()  # zodat processEvents nooit eindeloos op een gebeurtenis wacht
    wekker.start(20)
    grens = time.monotonic() + WACHTTIJD
    while not voorwaarde():
        if time.monotonic() > grens:
            print(f"start.py: na {WACHTTIJD:g} s nog niet klaar: {wat}", file=sys.stderr, flush=True)
            sys.exit(3)
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    wekker.stop()


class _Getekend:
    """Onthoudt of een widget zijn eerste paint-gebeurtenis kreeg."""

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(filt, obj, event):  # noqa: N805
                if event.type() == QEvent.Type.Paint:
                    self.ja = True
                return False

        self.ja = False
        self._filter = Filter()
        widget.installEventFilter(self._filter)


def kind_app() -> int:
    """Zoals `doorbraak open huurachterstand.json` (cli -> gui.app.start), maar zonder app.exec()."""
    import doorbraak.cli  # noqa: F401  het ingangspunt van `doorbraak` laadt dit eerst
    from doorbraak.domein.casus import lees_casus
    from doorbraak.gui.app import installeer_uitzonderingshaak, maak_app, richt_logboek_in
    from doorbraak.gui.beeldscherm import waarom_geen_beeldscherm
    from doorbraak.gui.hoofdvenster import Hoofdvenster
    from doorbraak.instellingen import Mappen

    casus_id = lees_casus(VOORBEELD).casus_id  # zoals `doorbraak open` het bestand eerst controleert
    if melding := waarom_geen_beeldscherm():  # en daarna, vóór Qt, het beeldscherm
        print(f"start.py: {melding}", file=sys.stderr)
        return 2
    app = maak_app()
    mappen = Mappen.standaard()
    mappen.maak()
    logpad = richt_logboek_in(mappen.logboek)
    venster = Hoofdvenster(mappen)
    installeer_uitzonderingshaak(venster, logpad)
    getekend = _Getekend(venster)
    venster.show()
    venster.begin(VOORBEELD)
    _wacht_tot(app, lambda: (venster.isVisible() and getekend.ja and venster.bc is not None
                             and venster.editor.toestand().get("casus_id") == casus_id),
               "venster zichtbaar met de casus doorgerekend")
    _meld(KLAAR)
    _wacht_tot(app, lambda: not venster.bezig, "register gelezen")
    _meld(REGISTER, register=(mappen.standaardregister / "records").is_dir())
    return 0  # niet sluiten: bij een gewijzigd document zou closeEvent een vraag stellen


def kind_kaal() -> int:
    """Een kaal PySide6-venster: QMainWindow met één QLabel."""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])
    venster = QMainWindow()
    venster.setCentralWidget(QLabel("Doorbraak"))
    getekend = _Getekend(venster)
    venster.show()
    _wacht_tot(app, lambda: venster.isVisible() and getekend.ja, "kaal venster zichtbaar")
    _meld(KLAAR)
    venster.close()
    return 0


# ------------------------------------------------------------------ het meetproces

def _omgeving(tmp: Path) -> dict[str, str]:
    omgeving = dict(os.environ)
    omgeving.setdefault("QT_QPA_PLATFORM", "offscreen")
    omgeving["DOORBRAAK_CONFIG"] = str(tmp / "config")
    omgeving["DOORBRAAK_DATA"] = str(tmp / "data")
    omgeving.pop("DOORBRAAK_REGISTER", None)
    omgeving.pop("PYTHONDONTWRITEBYTECODE", None)
    omgeving["PYTHONPYCACHEPREFIX"] = _bytecodemap()
    return omgeving


@functools.cache
def _bytecodemap() -> str:
    """Eén tijdelijke bytecodemap voor alle starts van deze meting (weg na afloop)."""
    map_ = tempfile.mkdtemp(prefix="doorbraak-bytecode-")
    atexit.register(shutil.rmtree, map_, ignore_errors=True)
    return map_


def start_een(soort: str, python_opties: tuple[str, ...] = ()) -> dict:
    """Eén start in een nieuw proces: de tijden (s) tot elke markering en wat het proces meldde."""
    with tempfile.TemporaryDirectory(prefix="doorbraak-start-") as tmp:
        opdracht = [sys.executable, *python_opties, str(Path(__file__).resolve()), "--kind", soort]
        foutpad = Path(tmp) / "stderr.txt"  # een bestand, geen pijp: -X importtime schrijft veel
        with foutpad.open("w", encoding="utf-8") as foutbestand:
            t0 = time.perf_counter()
            proces = subprocess.Popen(opdracht, env=_omgeving(Path(tmp)), cwd=tmp, stdout=subprocess.PIPE,
                                      stderr=foutbestand, text=True, encoding="utf-8", errors="replace")
            waakhond = threading.Timer(2 * WACHTTIJD, proces.kill)  # een hangend proces (een modale melding?)
            waakhond.start()
            uitkomst: dict = {}
            try:
                for regel in proces.stdout:
                    for markering in (KLAAR, REGISTER):
                        if regel.startswith(markering + " "):
                            uitkomst[markering] = {"s": time.perf_counter() - t0,
                                                   **json.loads(regel[len(markering) + 1:])}
                code = proces.wait()
            finally:
                waakhond.cancel()
            uitkomst["totaal"] = time.perf_counter() - t0
        fout = foutpad.read_text(encoding="utf-8", errors="replace")
        uitkomst["stderr"] = fout
        if code != 0 or KLAAR not in uitkomst:
            print(f"start.py: de start ({soort}) mislukte met exitcode {code}:\n{fout}", file=sys.stderr)
            sys.exit(1)
        return uitkomst


def _reeks(naam: str, tijden: list[float]) -> str:
    return (f"{naam:<44} mediaan {statistics.median(tijden):5.2f} s   min {min(tijden):5.2f} s   "
            f"max {max(tijden):5.2f} s   ({len(tijden)}x)")


def _oordeel(gehaald: bool) -> str:
    return "gehaald" if gehaald else "niet gehaald"


def importtijd(hoeveel: int = 20) -> None:
    """Eén start met `python -X importtime`: de duurste imports (cumulatief, eigen tijd)."""
    uitkomst = start_een("app", ("-X", "importtime"))
    rijen = []
    for regel in uitkomst["stderr"].splitlines():
        if regel.startswith("import time:") and "|" in regel:
            eigen, cumulatief, naam = (d.strip() for d in regel[len("import time:"):].split("|"))
            if eigen.isdigit():
                rijen.append((int(cumulatief), int(eigen), naam))
    print(f"\nduurste imports van één start (python -X importtime), totaal "
          f"{sum(e for _, e, _ in rijen) / 1e6:.2f} s aan imports:")
    print(f"{'cumulatief':>11} {'eigen':>9}  module")
    for cumulatief, eigen, naam in sorted(rijen, reverse=True)[:hoeveel]:
        print(f"{cumulatief / 1000:9.0f} ms {eigen / 1000:6.0f} ms  {naam}")
    print("\nmeeste eigen tijd:")
    for cumulatief, eigen, naam in sorted(rijen, key=lambda r: r[1], reverse=True)[:hoeveel // 2]:
        print(f"{cumulatief / 1000:9.0f} ms {eigen / 1000:6.0f} ms  {naam.strip()}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Meet de starttijd en het geheugen van de desktopapp.")
    parser.add_argument("--herhalingen", type=int, default=5, metavar="N", help="aantal starts per soort (5)")
    parser.add_argument("--importtijd", action="store_true", help="toon ook de duurste imports van één start")
    parser.add_argument("--kind", choices=("app", "kaal"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kind == "app":
        return kind_app()
    if args.kind == "kaal":
        return kind_kaal()
    if args.herhalingen < 1:
        parser.error("--herhalingen moet minstens 1 zijn")

    print(f"QT_QPA_PLATFORM={_omgeving(Path('.'))['QT_QPA_PLATFORM']}, {args.herhalingen} starts per soort, "
          f"elk in een nieuw proces met lege instellingen- en datamap")
    start_een("kaal")  # één keer opwarmen: schijfcache en bytecode, zodat de eerste meting niet de enige koude is
    start_een("app")
    app, kaal = [], []
    for _ in range(args.herhalingen):  # afwisselend, zodat ruis beide gelijk treft
        kaal.append(start_een("kaal"))
        app.append(start_een("app"))

    tijd_app = [u[KLAAR]["s"] for u in app]
    tijd_kaal = [u[KLAAR]["s"] for u in kaal]
    mb_app = statistics.median(u[KLAAR]["mb"] for u in app)
    mb_kaal = statistics.median(u[KLAAR]["mb"] for u in kaal)
    factor = statistics.median(tijd_app) / statistics.median(tijd_kaal)
    zwaar = sorted({m for u in app for m in u[KLAAR]["zwaar"]})
    zwaar_later = sorted({m for u in app for m in u.get(REGISTER, {}).get("zwaar", [])})

    print(_reeks("app: venster met de casus doorgerekend", tijd_app))
    print(_reeks("kaal PySide6-venster", tijd_kaal))
    print(_reeks("app: en het lokale register aangemaakt", [u[REGISTER]["s"] for u in app if REGISTER in u]))
    print(f"{'verhouding app / kaal (medianen)':<44} {factor:5.2f}x")
    per_paar = [a / k for a, k in zip(tijd_app, tijd_kaal)]
    print(f"{'verhouding per paar':<44} mediaan {statistics.median(per_paar):5.2f}x   min {min(per_paar):5.2f}x   "
          f"max {max(per_paar):5.2f}x")
    print(f"{'geheugen (RSS, mediaan)':<44} app {mb_app:6.1f} MB   kaal {mb_kaal:6.1f} MB   "
          f"(met register: {statistics.median(u[REGISTER]['mb'] for u in app if REGISTER in u):.1f} MB)")
    print(f"{'zware modules bij de start':<44} {', '.join(zwaar) or 'geen'}"
          f"   (na het register: {', '.join(zwaar_later) or 'geen'})")
    print()
    print(f"doel start onder {DOEL_TIJD:g} s: {_oordeel(statistics.median(tijd_app) < DOEL_TIJD)}")
    print(f"doel hooguit {DOEL_FACTOR:g}x het kale venster: {_oordeel(factor <= DOEL_FACTOR)}")
    print(f"doel geheugen onder {DOEL_MB:g} MB: {_oordeel(mb_app < DOEL_MB)}")
    print(f"doel geen zware modules ({', '.join(ZWAAR)}) bij de start: {_oordeel(not zwaar)}")
    if args.importtijd:
        importtijd()
    return 0


if __name__ == "__main__":
    sys.exit(main())
