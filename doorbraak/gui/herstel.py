"""Niet-opgeslagen werk veiligstellen in een herstelbestand, en het na een crash weer aanbieden."""

from __future__ import annotations

import json
import os
import socket
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from doorbraak.domein.casus import lees_casus
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.jsonbestand import schrijf_atomair
from doorbraak.gui.casuslijst import CONCEPT, OEFENING
from doorbraak.gui.formulier import formulier_uit_casus, leeg_formulier
from doorbraak.gui.overzicht import melding_van

if TYPE_CHECKING:
    from doorbraak.gui.hoofdvenster import Hoofdvenster

SCHEMA = 1
BESTAND = "bestand"  # een casus buiten de concepten- en oefenmap


class Herstel(QObject):
    """Het herstelbestand van het document in de editor: bewaard zodra het typen even stilvalt, en bij
    doortypen toch uiterlijk een paar seconden na de eerste niet-bewaarde wijziging (anders bewaart een
    coach die blijft typen nooit iets)."""

    def __init__(self, venster: Hoofdvenster):
        super().__init__(venster)
        self.v = venster
        self.sleutel = uuid.uuid4().hex  # per document: een ander document is een ander herstelbestand
        self.na_rust_ms = 1500
        self.uiterlijk_ms = 4000
        self._rust = QTimer(self)  # herstart bij elke wijziging
        self._rust.setSingleShot(True)
        self._rust.timeout.connect(self.bewaar)
        self._uiterlijk = QTimer(self)  # loopt vanaf de eerste wijziging na het laatste bewaren
        self._uiterlijk.setSingleShot(True)
        self._uiterlijk.timeout.connect(self.bewaar)

    @property
    def bestand(self) -> Path:
        return self.v.mappen.herstel / f"{self.sleutel}.json"

    def nieuw_document(self) -> None:
        self.verwijder()
        self.sleutel = uuid.uuid4().hex

    def gewijzigd(self) -> None:
        self._rust.start(self.na_rust_ms)
        if not self._uiterlijk.isActive():
            self._uiterlijk.start(self.uiterlijk_ms)

    def bewaar(self) -> None:
        """De toestand van het formulier, ook als die nog niet klopt."""
        self._rust.stop()
        self._uiterlijk.stop()
        v = self.v
        if v.editor.undo.isClean():
            self.verwijder()
            return
        data = {"schema": SCHEMA, "tijd": datetime.now().isoformat(timespec="seconds"), "pid": os.getpid(),
                "machine": socket.gethostname(), "pad": str(v.pad) if v.pad else None, "soort": v.soort,
                "voorbeeld": str(v.voorbeeld) if v.voorbeeld else None, "formulier": v.editor.toestand()}
        try:
            v.mappen.herstel.mkdir(parents=True, exist_ok=True)
            schrijf_atomair(self.bestand, json.dumps(data, ensure_ascii=False, indent=1))
        except OSError as fout:
            v.statusBar().showMessage(f"Automatisch bewaren mislukt: {melding_van(fout)}", 8000)

    def verwijder(self) -> None:
        self._rust.stop()
        self._uiterlijk.stop()
        try:
            self.bestand.unlink(missing_ok=True)
        except OSError:
            pass

    def biedt_aan(self) -> bool:
        """Werk van een sessie die onverwacht stopte, terughalen. True als er iets hersteld is."""
        v = self.v
        kandidaten = []
        for pad in v.mappen.herstel.glob("*.json"):
            try:
                data = json.loads(pad.read_text(encoding="utf-8"))
                if data.get("schema") != SCHEMA or not isinstance(data.get("formulier"), dict):
                    raise ValueError
            except (OSError, ValueError):
                continue
            if data.get("machine") == socket.gethostname() and data.get("pid") != os.getpid() and _leeft(data.get("pid")):
                continue  # van een ander venster dat nog open is
            kandidaten.append((data.get("tijd", ""), pad, data))
        for tijd, pad, data in sorted(kandidaten, key=lambda k: k[0], reverse=True):
            f = data["formulier"]
            naam = f.get("casus_id") or "een nieuwe casus"
            if not v.dialogen.bevestig(
                    "Werk herstellen", f"Doorbraak is de vorige keer niet netjes afgesloten. Er is niet-opgeslagen werk "
                    f"aan {naam} van {tijd.replace('T', ' ')}.\n\nHerstellen? (Nee gooit dit werk weg.)"):
                pad.unlink(missing_ok=True)
                continue
            origineel = Path(data["pad"]) if data.get("pad") else None
            basis = leeg_formulier()
            if origineel and origineel.exists():
                try:
                    basis = formulier_uit_casus(lees_casus(origineel))
                except InvoerFout:
                    pass
            soort = data.get("soort") if data.get("soort") in (CONCEPT, OEFENING, BESTAND) else CONCEPT
            v.documenten.zet_document(basis, origineel, soort,
                                      voorbeeld=Path(data["voorbeeld"]) if data.get("voorbeeld") else None)
            v.editor.vervang(f, "herstel")  # ongedaan maken gaat terug naar wat er opgeslagen was
            pad.unlink(missing_ok=True)
            self.bewaar()
            return True
        return False


def _leeft(pid: object) -> bool:
    """Draait dit proces nog (op deze machine)? Op Windows is os.kill(pid, 0) geen controle maar een
    Ctrl+C-signaal: daar geldt een herstelbestand daarom altijd als achtergelaten."""
    if not isinstance(pid, int) or pid <= 0 or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
