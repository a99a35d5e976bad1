"""Bouwstenen van de casuseditor: het datumveld, één geschiedenis voor ongedaan maken, en het formulier."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import QDateEdit, QFormLayout, QWidget

if TYPE_CHECKING:
    from doorbraak.gui.editor import Casuseditor


def kopie_regels(regels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Regels kopiëren voor de geschiedenis: de tekst is onveranderlijk, alleen `_extra` (uit het bestand) kan
    geneste gegevens hebben. Bij elke toets, dus zonder een diepe kopie van honderden regels."""
    return [{**r, "_extra": copy.deepcopy(r["_extra"])} if r.get("_extra") else dict(r) for r in regels]


class Datumveld(QDateEdit):
    """Een datumveld waar Tab naar het volgende veld gaat (dag, maand en jaar kies je met de pijltjes)."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Tab, Qt.Key_Backtab) and not event.modifiers() & ~Qt.ShiftModifier:
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key_Tab and not event.modifiers() & Qt.ShiftModifier)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, volgende: bool) -> bool:
        return QWidget.focusNextPrevChild(self, volgende)


class AppOngedaan(QObject):
    """Ctrl+Z en Ctrl+Y in een veld zijn voor de app (één geschiedenis voor velden én regels), niet
    voor het veld zelf: anders maakt Ctrl+Z alleen getypte tekst ongedaan en nooit een regel."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.ShortcutOverride:
            return False
        if event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo) or event.keyCombination() == \
                QKeyCombination(Qt.ControlModifier, Qt.Key_Y):
            event.ignore()  # niet voor het veld: dan gaat de sneltoets van het venster af
            return True
        return False


class Formulierlaag(QFormLayout):
    """Een formulier dat het schuifvlak geen hoogte-voor-breedte geeft (de afgebroken uitleg bij een grondslag
    heeft die wel): anders rekent het schuifvlak met de voorkeurshoogte van elk tekstvak en schuift de sectie
    al op een gewoon scherm. Zo krimpen de tekstvakken eerst, zoals in `paneel._PaneelLaag`."""

    def hasHeightForWidth(self) -> bool:
        return False


class Stap(QUndoCommand):
    """Eén wijziging: de toestand ervoor en erna. Typen in hetzelfde veld wordt één stap."""

    def __init__(self, editor: Casuseditor, voor: dict, na: dict, sleutel: str):
        super().__init__(f"wijziging in {sleutel}")
        self.editor, self.voor, self.na, self.sleutel = editor, voor, na, sleutel
        self._eerste = True

    def id(self) -> int:
        return 1

    def mergeWith(self, ander: QUndoCommand) -> bool:
        # alleen tikken in één veld samenvoegen; regels toevoegen of weghalen blijft een eigen stap
        if not isinstance(ander, Stap) or ander.sleutel != self.sleutel or self.sleutel.endswith(("+", "-", "!")):
            return False
        self.na = ander.na
        if self.na == self.voor:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if self._eerste:  # bij het vastleggen staat de wijziging al in de velden
            self._eerste = False
            return
        self.editor.herstel(self.na, self.sleutel)

    def undo(self) -> None:
        self.editor.herstel(self.voor, self.sleutel)
