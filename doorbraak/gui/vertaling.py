"""Qt's eigen teksten in het Nederlands: knoppen, bestandsdialoog, contextmenu's, namen van toetsen.

Qt levert zijn vertalingen mee (`qtbase_nl.qm`, in PySide6/Qt/translations). Die catalogus loopt achter op
Qt 6: de labels van de bestandsdialoog kregen een sneltoetsletter ('&Look in:', 'Files of &type:') en de
catalogus vertaalt alleen de oude tekst ('Look in:'). `Aanvulling` geeft die paar teksten; al het andere
komt uit `qtbase_nl.qm`. De taal van het systeem doet er niet toe: Doorbraak is altijd Nederlands.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: (context, brontekst) -> vertaling, voor wat `qtbase_nl.qm` van Qt 6 mist (de rest vertaalt die catalogus).
AANVULLING = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestanden van &type:",
    ("QAbstractFileIconProvider", "Drive"): "Station",
    ("QAbstractFileIconProvider", "Folder"): "Map",
}


class Aanvulling(QTranslator):
    """Vult `qtbase_nl.qm` aan; None betekent 'niet vertaald hier' (dan vraagt Qt de volgende vertaler)."""

    def translate(self, context, bron, disambiguation=None, n=-1):  # noqa: N802 (naam van Qt)
        return AANVULLING.get((context, bron))

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def vertalingenmappen() -> list[Path]:
    """Waar `qtbase_nl.qm` kan staan: waar Qt zelf zoekt, en in het PySide6-pakket (ook in een bundel die
    PySide6/Qt/translations, op Windows PySide6/translations, meeneemt maar geen qt.conf heeft)."""
    import PySide6

    mappen = [Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath)),
              Path(PySide6.__file__).parent / "Qt" / "translations", Path(PySide6.__file__).parent / "translations"]
    return list(dict.fromkeys(mappen))


def nederlands(app: QCoreApplication) -> bool:
    """Installeer de Nederlandse vertalingen van Qt één keer per applicatie; True als `qtbase_nl.qm` er is.

    Ook het hoofdvenster roept dit aan, zodat elke dialoog Nederlands is, hoe het venster ook is gestart."""
    if getattr(app, "_doorbraak_vertaling", None) is not None:
        return bool(app._doorbraak_vertaling[0])
    qtbase = QTranslator(app)
    nl = QLocale(QLocale.Dutch, QLocale.Netherlands)
    gevonden = any(qtbase.load(nl, "qtbase", "_", str(map_)) for map_ in vertalingenmappen())
    if gevonden:
        app.installTranslator(qtbase)
    aanvulling = Aanvulling(app)
    app.installTranslator(aanvulling)  # als laatste geïnstalleerd: Qt vraagt deze eerst
    app._doorbraak_vertaling = (qtbase if gevonden else None, aanvulling)
    return gevonden
