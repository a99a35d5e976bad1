"""De rooktest van een installatie: start de app, wacht tot het hoofdvenster zichtbaar is met een doorgerekende
casus, meld dat op stdout en sluit netjes af (exitcode 0).

Aan met de omgevingsvariabele `DOORBRAAK_ROOKTEST=1` bij `doorbraak-app` of `doorbraak open CASUS.json`, voor
een beheerder die een uitgepakte bundel of een installatie wil controleren zonder erin te klikken (de tests van
de bundel doen dat ook, zie tests/test_bundel.py). De regel die het meldt:

    DOORBRAAK-ROOKTEST-KLAAR {"casus_id": ..., "interventie": ...}

Met `DOORBRAAK_ROOKTEST_AFDRUK=PAD.png` bewaart het ook een schermafdruk van het hoofdvenster op het moment dat
het klaar is (om te zien of letters en iconen in een installatie goed zijn).

Er verandert niets: de casus wordt niet bewaard en er komt geen vraag bij het sluiten. Komt het venster er niet
binnen de wachttijd, dan meldt het dat op stderr en stopt de app met exitcode 3.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QTimer

MARKERING = "DOORBRAAK-ROOKTEST-KLAAR"
WACHTTIJD = 60.0  # s


def _meld(tekst: str, stroom) -> None:
    if stroom is not None:  # een venster-programma op Windows heeft geen stdout
        print(tekst, file=stroom, flush=True)


def bewaak(app, venster) -> QTimer:
    """Kijk elke 50 ms of het venster klaar is; dan melden en afsluiten."""
    grens = time.monotonic() + WACHTTIJD
    klok = QTimer(venster)

    def kijk() -> None:
        if venster.isVisible() and not venster.bezig and venster.bc is not None:
            klok.stop()
            from doorbraak.domein.geld import formatteer

            toestand = venster.editor.toestand()
            afdruk = os.environ.get("DOORBRAAK_ROOKTEST_AFDRUK")
            if afdruk and not venster.grab().save(afdruk):
                _meld(f"doorbraak: rooktest: de schermafdruk {afdruk} kon niet bewaard worden", sys.stderr)
            _meld(f"{MARKERING} " + json.dumps({"casus_id": toestand.get("casus_id"),
                                                "interventie": formatteer(venster.bc.interventie_totaal)},
                                               ensure_ascii=False), sys.stdout)
            venster.editor.undo.setClean()  # niets gewijzigd: sluiten zonder vraag
            venster.close()
            app.quit()
        elif time.monotonic() > grens:
            klok.stop()
            _meld(f"doorbraak: rooktest: na {WACHTTIJD:g} s geen venster met een doorgerekende casus", sys.stderr)
            app.exit(3)

    klok.timeout.connect(kijk)
    klok.start(50)
    return klok
