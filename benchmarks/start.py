"""Hoe snel start de desktopapp? Van het starten van het proces tot het hoofdvenster zichtbaar is,
met de voorbeeldcasus huurachterstand geladen en doorgerekend, en getekend; vergeleken met een
kaal PySide6-venster (een QMainWindow met één QLabel) dat op dezelfde manier start.

Draai: python benchmarks/start.py [--herhalingen 5] [--importtijd] [--monitor]; alleen het rekenen per toets: --rekenen
Doelen: onder 1,5 s, hooguit 2,5x het kale venster (issue 16: van de start tot een bruikbaar venster met een
doorgerekende casus), onder 250 MB geheugen.
Met --monitor alleen de monitor: het tabblad openen over een register met 1.000 aanvragen, onder 1 s.
Met --rekenen alleen het herberekenen per toets over een casus van 200 regels, onder 10 ms.
Met --bundel PAD alleen de start van de gebundelde app (python -m doorbraak.bouw) tegen het kale venster en tegen de
venv, met de rooktest van de app (DOORBRAAK_ROOKTEST=1) als melding 'klaar'; de bundel mag niet trager starten:
per paar (bundel en venv vlak na elkaar, om en om eerst) mag de bundel niet aantoonbaar vaker trager zijn
(tekentoets, p < 0,05; minstens 10 paren).

Elke meting is een nieuw proces (zonder scherm: QT_QPA_PLATFORM=offscreen, tenzij al gezet) met
tijdelijke DOORBRAAK_CONFIG en lege DOORBRAAK_DATA: elke keer wordt dus het lokale register
aangemaakt. In DOORBRAAK_CONFIG staat wel een instellingenbestand met de standaard (het lokale
register), zoals bij een gebruiker die al eens gestart heeft: zonder dat bestand zou de
eerste-startdialoog op een keuze wachten. Wel met bytecode, zoals na een installatie (pip compileert dan): de
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
import math
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
MONITOR = "DOORBRAAK-START-MONITOR"
MONITOR_AANVRAGEN = 1000
DOEL_MONITOR = 1.0  # s: van het tabblad openen tot de cijfers getoond zijn
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


def kind_monitor() -> int:
    """Het venster met het register uit `monitor_meting` (1.000 aanvragen); als het gelezen is: het tabblad Monitor
    openen, zoals Beeld › Monitor, en meten tot de cijfers getoond en getekend zijn (pandas laadt pas dan)."""
    from datetime import date

    from PySide6.QtCore import QEvent, QObject

    from doorbraak.gui.app import maak_app
    from doorbraak.gui.hoofdvenster import Hoofdvenster
    from doorbraak.instellingen import Mappen

    app = maak_app()
    venster = Hoofdvenster(Mappen.standaard())
    venster.resize(1366, 768)
    venster.show()
    venster.begin(None)
    _wacht_tot(app, lambda: not venster.bezig and venster.stand is not None, "register gelezen")
    voor = [m for m in ZWAAR if m in sys.modules]
    beeld = venster.monitor.beeld
    beeld.zet_periode(date(2025, 1, 1), date(2025, 12, 31))  # het jaar van de aanvragen in het register

    class Getekend(QObject):  # de maandgrafiek getekend met de cijfers erin
        ja = False

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and beeld.maanden.maanden:
                Getekend.ja = True
            return False

    filter_ = Getekend()
    beeld.maanden.installEventFilter(filter_)
    t0 = time.perf_counter()
    venster.acties["monitor"].trigger()
    _wacht_tot(app, lambda: Getekend.ja and venster.monitor.m is not None, "monitor getoond")
    duur = time.perf_counter() - t0
    _meld(MONITOR, duur=duur, voor=voor, toegekend=venster.monitor.m.aantal_toegekend,
          tekst=beeld.cijfers["toegekend"].text())
    venster.editor.undo.setClean()
    return 0


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
    """De omgeving van een gestart proces: eigen mappen in `tmp`, met de standaardinstellingen (geen eerste start)."""
    (tmp / "config").mkdir(exist_ok=True)  # geen eerste start (zie boven): de standaardinstellingen staan er al
    (tmp / "config" / "instellingen.json").write_text('{"schema": 1}\n', encoding="utf-8")
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


def monitor_meting(herhalingen: int) -> int:
    """Het tabblad Monitor openen over een register met 1.000 aanvragen, elke keer in een nieuw proces."""
    sys.path.insert(0, str(PROJECT))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from monitor import bouw_register  # benchmarks/monitor.py: geldige records met hashketen, direct geschreven

    tijden, meldingen = [], []
    for _ in range(herhalingen):
        with tempfile.TemporaryDirectory(prefix="doorbraak-monitor-") as tmp:
            omgeving = _omgeving(Path(tmp))
            eigen = {k: os.environ.get(k) for k in ("DOORBRAAK_CONFIG", "DOORBRAAK_DATA")}
            os.environ.update({k: omgeving[k] for k in eigen})  # ook de getuige van de opbouw in de tijdelijke map
            try:
                bouw_register(Path(omgeving["DOORBRAAK_DATA"]) / "register", MONITOR_AANVRAGEN)
            finally:
                for k, waarde in eigen.items():
                    os.environ.pop(k, None) if waarde is None else os.environ.__setitem__(k, waarde)
            proces = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--kind", "monitor"], env=omgeving,
                                    cwd=tmp, capture_output=True, text=True, encoding="utf-8", errors="replace",
                                    timeout=4 * WACHTTIJD)
            regel = next((r for r in proces.stdout.splitlines() if r.startswith(MONITOR + " ")), None)
            if proces.returncode != 0 or regel is None:
                print(f"start.py: de monitor mislukte met exitcode {proces.returncode}:\n{proces.stderr}", file=sys.stderr)
                return 1
            meldingen.append(json.loads(regel[len(MONITOR) + 1:]))
            tijden.append(meldingen[-1]["duur"])
    laatste = meldingen[-1]
    print(_reeks(f"monitor openen ({MONITOR_AANVRAGEN} aanvragen)", tijden))
    print(f"{'getoond':<44} {laatste['toegekend']} toegekend, samen {laatste['tekst']}")
    print(f"{'zware modules vóór het openen':<44} {', '.join(sorted({m for u in meldingen for m in u['voor']})) or 'geen'}"
          f"   (erna: {', '.join(laatste['zwaar']) or 'geen'})")
    print(f"doel monitor openen onder {DOEL_MONITOR:g} s: {_oordeel(statistics.median(tijden) < DOEL_MONITOR)}")
    return 0


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


DOEL_TOETS_MS = 10.0  # herberekenen per toets over een casus van 200 regels, met het paneel erbij


def meet_rekenen(herhalingen: int = 60) -> int:
    """Eén toets in het aantal van een regel, over een casus van 200 regels in een echt Hoofdvenster (zonder
    scherm): de tijd van de toets (de editor legt de wijziging vast) plus `Hoofdvenster.herbereken` (lezen,
    rekenen, de regellijsten en het paneel bijwerken). Afwisselend een cijfer erbij en weer weg."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from doorbraak import diensten
    from doorbraak.domein.casus import lees_casus
    from doorbraak.gui.app import maak_app
    from doorbraak.gui.formulier import formulier_uit_casus, lege_kostenregel
    from doorbraak.gui.hoofdvenster import Hoofdvenster
    from doorbraak.instellingen import Mappen

    app = maak_app()
    with tempfile.TemporaryDirectory() as tmp:
        venster = Hoofdvenster(Mappen(Path(tmp) / "config", Path(tmp) / "data"))
        formulier = formulier_uit_casus(lees_casus(VOORBEELD))
        codes = sorted(diensten.open_prijslijst(None).items)
        for i in range(200):  # de helft uit de prijslijst, de helft eigen regels; om en om zonder en met
            kant = "zonder_doorbraak" if i % 2 == 0 else "met_doorbraak"
            if i % 4 < 2:
                regel = lege_kostenregel(codes[i % len(codes)], "3")
            else:
                regel = lege_kostenregel(aantal="2") | {"omschrijving": f"Eigen kosten {i}", "bedrag_per_eenheid": "45,00",
                                                        "financier": "gemeente (Wmo)", "bron": "offerte"}
            formulier[kant].append(regel)
        venster.documenten.zet_document(formulier, None, "concept")
        venster.resize(1366, 768)
        venster.show()
        app.processEvents()
        assert venster.bc is not None, venster.problemen
        lijst = venster.editor.lijsten["zonder_doorbraak"]
        venster.editor.toon_lijst("zonder_doorbraak")
        lijst.kies(len(lijst.regels) - 1)
        veld = lijst.velden["aantal"].invoer
        veld.setFocus()
        veld.end(False)
        app.processEvents()
        tijden, alleen, cpu = [], [], []
        for i in range(herhalingen + 2):  # de eerste twee toetsen warmen op (caches, eerste opmaak)
            begin, begin_cpu = time.perf_counter(), time.thread_time()
            if i % 2 == 0:
                QTest.keyClicks(veld, "5")
            else:
                QTest.keyClick(veld, Qt.Key_Backspace)
            midden = time.perf_counter()
            venster.herbereken()
            eind, eind_cpu = time.perf_counter(), time.thread_time()
            if i >= 2:
                tijden.append((eind - begin) * 1000)
                alleen.append((eind - midden) * 1000)
                cpu.append((eind_cpu - begin_cpu) * 1000)
            app.processEvents()  # tekenen en de uitgestelde opmaak horen er niet bij, maar mogen niet opstapelen
        assert venster.bc is not None and len(venster.editor.lijsten["zonder_doorbraak"].regels) + len(
            venster.editor.lijsten["met_doorbraak"].regels) >= 200
        print(f"{'toets + herbereken (200 regels)':<44} mediaan {statistics.median(tijden):6.2f} ms   "
              f"max {max(tijden):6.2f} ms   ({herhalingen} toetsen)")
        print(f"{'waarvan herbereken':<44} mediaan {statistics.median(alleen):6.2f} ms   max {max(alleen):6.2f} ms")
        print(f"{'processortijd (minder gevoelig voor drukte)':<44} mediaan {statistics.median(cpu):6.2f} ms   "
              f"max {max(cpu):6.2f} ms   (belasting {os.getloadavg()[0]:.1f} op {os.cpu_count()} kernen)")
        print(f"doel onder {DOEL_TOETS_MS:g} ms per toets (mediaan): {_oordeel(statistics.median(tijden) < DOEL_TOETS_MS)}")
        venster.editor.undo.setClean()
        venster.herstel.verwijder()
        venster.close()
    return 0


# ------------------------------------------------------------------ de bundel (--bundel)

ROOKTEST = "DOORBRAAK-ROOKTEST-KLAAR"  # doorbraak.gui.rooktest: het venster met de casus doorgerekend, dan dicht


def _start_rooktest(opdracht: list[str]) -> float:
    """Eén start van een app met DOORBRAAK_ROOKTEST=1: de tijd (s) tot haar regel 'venster klaar'."""
    with tempfile.TemporaryDirectory(prefix="doorbraak-start-") as tmp:
        omgeving = {**_omgeving(Path(tmp)), "DOORBRAAK_ROOKTEST": "1"}
        t0 = time.perf_counter()
        proces = subprocess.Popen(opdracht, env=omgeving, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True, encoding="utf-8", errors="replace")
        klaar = None
        try:
            for regel in proces.stdout:
                if klaar is None and regel.startswith(ROOKTEST + " "):
                    klaar = time.perf_counter() - t0
            code = proces.wait(timeout=2 * WACHTTIJD)
        finally:
            if proces.poll() is None:
                proces.kill()
        if code != 0 or klaar is None:
            print(f"start.py: {' '.join(opdracht)} mislukte met exitcode {code}", file=sys.stderr)
            sys.exit(1)
        return klaar


MIN_PAREN = 10  # minder paren geven geen oordeel over 'niet trager'


def _tekentoets(vaker: int, minder: int) -> float:
    """De kans (eenzijdig) op minstens `vaker` van `vaker + minder` paren in één richting als beide even snel zijn
    (de tekentoets; gelijke paren tellen niet mee)."""
    n = vaker + minder
    return sum(math.comb(n, k) for k in range(vaker, n + 1)) / 2 ** n if n else 1.0


def _niet_trager_oordeel(trager: int, sneller: int) -> str:
    """'Niet trager dan de venv': de bundel is niet aantoonbaar trager (tekentoets, p < 0,05) over minstens
    MIN_PAREN paren."""
    if trager + sneller < MIN_PAREN:
        return f"geen oordeel: minstens {MIN_PAREN} paren nodig (--herhalingen {MIN_PAREN})"
    p_trager, p_sneller = _tekentoets(trager, sneller), _tekentoets(sneller, trager)
    if p_trager < 0.05:
        return f"niet gehaald (trager in {trager} van {trager + sneller} paren; tekentoets p = {p_trager:.3f})"
    uitleg = "sneller" if p_sneller < 0.05 else "gelijk binnen de meetruis"
    return f"gehaald ({uitleg}; tekentoets: trager in {trager} van {trager + sneller} paren, p = {p_trager:.2f})"


def bundel_meting(bundel: Path, herhalingen: int) -> int:
    """De start van de gebundelde app (`doorbraak-app CASUS` uit de bundel) tegen het kale PySide6-venster en tegen
    de app uit de venv (`python -m doorbraak open CASUS`), elk in een nieuw proces. De app en de bundel melden
    'klaar' met de rooktest (doorbraak.gui.rooktest: zichtbaar venster met de casus doorgerekend; die kijkt elke
    50 ms, bij de bundel en de venv gelijk), het kale venster zoals in de gewone meting."""
    programma = bundel / ("doorbraak-app.exe" if sys.platform == "win32" else "doorbraak-app")
    if not programma.is_file():
        print(f"start.py: {programma} bestaat niet; bouw de bundel met python -m doorbraak.bouw", file=sys.stderr)
        return 2
    met_bundel = [str(programma), str(VOORBEELD)]
    met_venv = [sys.executable, "-m", "doorbraak", "open", str(VOORBEELD)]
    start_een("kaal"), _start_rooktest(met_bundel), _start_rooktest(met_venv)  # opwarmen (schijfcache, bytecode)
    tijd_kaal, tijd_bundel, tijd_venv = [], [], []
    for i in range(herhalingen):  # afwisselend, zodat ruis alle drie gelijk treft; bundel en venv om en om eerst
        tijd_kaal.append(start_een("kaal")[KLAAR]["s"])
        if i % 2:
            tijd_venv.append(_start_rooktest(met_venv))
            tijd_bundel.append(_start_rooktest(met_bundel))
        else:
            tijd_bundel.append(_start_rooktest(met_bundel))
            tijd_venv.append(_start_rooktest(met_venv))
    bundel_med, venv_med = statistics.median(tijd_bundel), statistics.median(tijd_venv)
    factor = bundel_med / statistics.median(tijd_kaal)
    print(f"bundel {bundel}: {herhalingen} starts per soort, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print(_reeks("bundel: venster met de casus doorgerekend", tijd_bundel))
    print(_reeks("venv: venster met de casus doorgerekend", tijd_venv))
    print(_reeks("kaal PySide6-venster", tijd_kaal))
    print(f"{'verhouding bundel / kaal (medianen)':<44} {factor:5.2f}x")
    print(f"{'verhouding bundel / venv (medianen)':<44} {bundel_med / venv_med:5.2f}x")
    # Per paar (bundel en venv vlak na elkaar gestart): het verschil, minder gevoelig voor wat de machine erbij doet.
    verschil = sorted(1000 * (b - v) for b, v in zip(tijd_bundel, tijd_venv))
    kwart = statistics.quantiles(verschil, n=4, method="inclusive") if len(verschil) >= 2 else verschil * 3
    trager, sneller = sum(d > 0 for d in verschil), sum(d < 0 for d in verschil)
    print(f"{'bundel - venv per paar (ms)':<44} mediaan {statistics.median(verschil):+6.1f}   "
          f"middelste helft {kwart[0]:+6.1f} .. {kwart[2]:+6.1f}   bundel sneller in {sneller}, trager in {trager} "
          f"van {len(verschil)} paren")
    print()
    print(f"doel hooguit {DOEL_FACTOR:g}x het kale venster: {_oordeel(factor <= DOEL_FACTOR)}")
    print(f"doel niet trager dan de venv: {_niet_trager_oordeel(trager, sneller)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Meet de starttijd en het geheugen van de desktopapp.")
    parser.add_argument("--herhalingen", type=int, default=5, metavar="N", help="aantal starts per soort (5)")
    parser.add_argument("--importtijd", action="store_true", help="toon ook de duurste imports van één start")
    parser.add_argument("--monitor", action="store_true",
                        help="meet alleen het openen van het tabblad Monitor over 1.000 aanvragen")
    parser.add_argument("--bundel", type=Path, metavar="PAD", help="meet alleen de start van de gebundelde app "
                        "(PAD: de map Doorbraak van python -m doorbraak.bouw) tegen het kale venster en de venv")
    parser.add_argument("--kind", choices=("app", "kaal", "monitor"), help=argparse.SUPPRESS)
    parser.add_argument("--rekenen", action="store_true",
                        help="meet alleen het herberekenen per toets over een casus van 200 regels")
    args = parser.parse_args()
    if args.rekenen:
        return meet_rekenen()
    if args.kind == "app":
        return kind_app()
    if args.kind == "kaal":
        return kind_kaal()
    if args.kind == "monitor":
        return kind_monitor()
    if args.herhalingen < 1:
        parser.error("--herhalingen moet minstens 1 zijn")
    if args.monitor:
        return monitor_meting(args.herhalingen)
    if args.bundel:
        return bundel_meting(args.bundel.resolve(), args.herhalingen)

    print(f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, {args.herhalingen} starts per soort, "
          f"elk in een nieuw proces met standaardinstellingen en een lege datamap")
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
