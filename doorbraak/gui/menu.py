"""De menu's en sneltoetsen van het hoofdvenster: één plek, zodat elke handeling een naam heeft in `acties`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from doorbraak.gui import besluit as B
from doorbraak.gui import voorbeelden as V
from doorbraak.gui.editor import SECTIES

if TYPE_CHECKING:
    from doorbraak.gui.hoofdvenster import Hoofdvenster


def maak_menus(v: Hoofdvenster) -> dict[str, QAction]:
    """De menubalk van `v`; geeft de acties per naam (de app zet ze aan en uit met een reden)."""
    acties: dict[str, QAction] = {}

    def actie(menu, tekst: str, functie, sneltoets=None, naam: str = "") -> QAction:
        a = QAction(tekst, v)
        if isinstance(sneltoets, QKeySequence.StandardKey):
            a.setShortcuts(sneltoets)  # alle toetsen die het platform hiervoor kent
        elif sneltoets is not None:
            a.setShortcuts(sneltoets if isinstance(sneltoets, list) else [QKeySequence(sneltoets)])
        a.triggered.connect(lambda _c=False: functie())
        menu.addAction(a)
        acties[naam or tekst.replace("&", "").rstrip("…")] = a
        return a

    doc, reg = v.documenten, v.registeracties
    m = v.menuBar().addMenu("&Bestand")
    actie(m, "&Nieuwe casus", doc.nieuwe_casus, QKeySequence.New, "nieuw")
    actie(m, "&Openen…", doc.open_kiezen, QKeySequence.Open, "openen")
    voorbeelden = m.addMenu("&Voorbeeldcasus openen")
    for vb in V.voorbeelden():
        actie(voorbeelden, vb.menutekst, lambda p=vb.pad: doc.open_voorbeeld(p), None, f"voorbeeld:{vb.pad.stem}")
    actie(m, "Voorbeeld &herstellen", doc.herstel_voorbeeld, None, "voorbeeld herstellen")
    actie(m, "A&lle voorbeelden herstellen…", lambda: V.herstel_alle(v), None, "alle voorbeelden herstellen")
    m.addSeparator()
    actie(m, "&Opslaan", doc.opslaan, QKeySequence.Save, "opslaan")
    actie(m, "Opslaan &als…", doc.opslaan_als, QKeySequence.SaveAs, "opslaan als")
    m.addSeparator()
    actie(m, "&Verantwoording exporteren (PDF)…", doc.exporteer_pdf, "Ctrl+E", "pdf")
    actie(m, "&Spreadsheet exporteren (Excel)…", doc.exporteer_xlsx, "Ctrl+Shift+E", "xlsx")
    actie(m, "&Registermap openen", v.open_registermap, None, "registermap")
    m.setToolTipsVisible(True)  # waarom 'Registermap openen' uit staat (een register in PostgreSQL)
    m.addSeparator()
    actie(m, "&Instellingen…", v.toon_instellingen, [QKeySequence("Ctrl+,")], "instellingen")
    # QKeySequence.Quit is leeg op Windows: daar geldt Alt+F4 al, Ctrl+Q geven we overal
    actie(m, "&Afsluiten", v.close, [QKeySequence("Ctrl+Q")], "afsluiten")

    m = v.menuBar().addMenu("Be&werken")
    ongedaan = v.editor.undo.createUndoAction(v, "&Ongedaan maken")
    ongedaan.setShortcuts(QKeySequence.Undo)
    opnieuw = v.editor.undo.createRedoAction(v, "O&pnieuw")
    opnieuw.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    m.addAction(ongedaan)
    m.addAction(opnieuw)
    acties["ongedaan"], acties["opnieuw"] = ongedaan, opnieuw
    m.addSeparator()
    actie(m, "Regel uit de &prijslijst…", lambda: v.toon_prijslijst(v.huidige_kant()), "Ctrl+L", "prijsregel")
    actie(m, "&Eigen regel", v.eigen_regel, "Ctrl+Shift+L", "eigen regel")

    m = v.menuBar().addMenu("&Register")
    actie(m, "&Vernieuwen", reg.lees, QKeySequence.Refresh, "vernieuwen")
    for sleutel, tekst, _ in B.KNOPPEN:
        actie(m, tekst, lambda s=sleutel: reg.handeling(s), None, sleutel)
    actie(m, "&Nacalculatie…", v.nacalculaties.toon, "Ctrl+8", "nacalculatie")

    m = v.menuBar().addMenu("Bee&ld")
    for dock, sneltoets in ((v.lijstdock, "Ctrl+Shift+1"), (v.paneeldock, "Ctrl+Shift+2")):
        a = dock.toggleViewAction()
        a.setShortcut(QKeySequence(sneltoets))
        m.addAction(a)
    actie(m, "&Zoeken in de casussen", v.zoek, QKeySequence.Find, "zoeken")
    actie(m, "&Monitor", v.monitor.toon, "Ctrl+M", "monitor").setCheckable(True)
    m.addSeparator()
    for i, naam in enumerate(SECTIES):
        actie(m, f"Sectie {naam}", lambda i=i: v.toon_sectie(i), f"Ctrl+{i + 1}", f"sectie:{i}")

    m = v.menuBar().addMenu("&Help")
    actie(m, "&Handleiding", lambda: _hulp().toon_handleiding(v), QKeySequence.HelpContents, "handleiding")
    actie(m, "&Sneltoetsen", lambda: _hulp().toon_sneltoetsen(v), None, "sneltoetsen")
    m.addSeparator()
    actie(m, "&Over Doorbraak", lambda: _hulp().toon_over(v), None, "over")
    return acties


def _hulp():
    """gui/hulp.py pas bij gebruik (Help › Handleiding, Sneltoetsen): niet bij de start."""
    from doorbraak.gui import hulp

    return hulp
