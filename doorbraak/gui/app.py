"""De desktopapp starten: QApplication, logboek, uitzonderingen, het hoofdvenster."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from doorbraak import PROJECTMAP, __version__
from doorbraak.gui.vertaling import nederlands
from doorbraak.instellingen import Mappen

log = logging.getLogger("doorbraak")


def _sla_featurecontrole_over() -> None:
    """PySide6 leest bij de eerste import van elke module ná PySide6 haar hele broncode (inspect.getsource), om te
    zien of ze `from __feature__ import ...` gebruikt; ook bij modules die er al waren (typing, logging, de domeinlagen,
    zie doorbraak.gui): zo'n 10 ms van de start. Doorbraak gebruikt geen features. De modules die er nu al zijn en de
    modules van de GUI krijgen daarom meteen de waarde 'negeer deze module' (-1): de keuze van features blijft dan de
    standaard, zoals bij elke module die er geen kiest. Andere modules controleert PySide6 zoals altijd; zonder deze
    tabel (een andere versie van PySide6) gebeurt er niets."""
    tabel = getattr(sys.modules.get("PySide6.support.feature"), "pyside_feature_dict", None)
    if isinstance(tabel, dict):
        map_ = Path(__file__).parent  # in een bundel staan de modules in een archief, niet in deze map
        gui = [f"{__package__}.{Path(p).stem}" for p in os.listdir(map_) if p.endswith(".py")] if map_.is_dir() else []
        for naam in [*sys.modules, *gui]:
            if not naam.startswith(("PySide6", "shiboken6")):
                tabel.setdefault(naam, -1)


_sla_featurecontrole_over()


def richt_logboek_in(map_: Path) -> Path:
    """Een roulerend logboek: wat de app deed en welke fouten er waren, nooit de inhoud van een casus."""
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / "doorbraak.log"
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in log.handlers):
        handler = logging.handlers.RotatingFileHandler(pad, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return pad


def installeer_uitzonderingshaak(venster, logpad: Path) -> None:
    """Een onverwachte fout geeft een melding (en een regel in het logboek) in plaats van te verdwijnen."""
    def haak(soort, fout, tb):
        log.error("onverwachte fout:\n%s", "".join(traceback.format_exception(soort, fout, tb)))
        try:
            venster.herstel.bewaar()  # eerst het werk veiligstellen
            venster.dialogen.fout("Onverwachte fout", f"Er ging iets mis in Doorbraak ({soort.__name__}). Uw werk is "
                                  f"automatisch bewaard. Details staan in het logboek:\n{logpad}")
        except Exception:
            sys.__excepthook__(soort, fout, tb)

    sys.excepthook = haak


#: Het vensterpictogram (gemaakt met packaging/icons/maak_icoon.py).
ICOON = PROJECTMAP / "resources" / "icons" / "doorbraak.png"


def maak_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # schaal 125 % en 150 % precies, niet afgerond naar 100 % of 200 %
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or [sys.argv[0]])
    nederlands(app)  # Qt's eigen dialogen en knoppen in het Nederlands, vóór het eerste venster
    app.setApplicationName("Doorbraak")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Doorbraak")
    app.setDesktopFileName("doorbraak")
    app.setWindowIcon(QIcon(str(ICOON)))  # QIcon leest het bestand pas als een venster het tekent
    return app


def start(bestand: Path | None = None, mappen: Mappen | None = None) -> int:
    from doorbraak.gui.hoofdvenster import Hoofdvenster

    app = maak_app()
    mappen = mappen or Mappen.standaard()
    mappen.maak()
    logpad = richt_logboek_in(mappen.logboek)
    log.info("start %s", __version__)
    venster = Hoofdvenster(mappen)
    installeer_uitzonderingshaak(venster, logpad)
    venster.show()
    venster.begin(bestand)
    if os.environ.get("DOORBRAAK_ROOKTEST"):  # zie doorbraak.gui.rooktest: stopt na het eerste doorgerekende venster
        from doorbraak.gui.rooktest import bewaak

        bewaak(app, venster)
    code = app.exec()
    log.info("einde")
    return code


def main() -> int:
    """Het ingangspunt voor `doorbraak-app` (gui-scripts)."""
    from doorbraak.cli import main as cli_main

    return cli_main(["open", *sys.argv[1:2]])
