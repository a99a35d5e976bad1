"""De lijst met casussen (concepten, oefeningen, aanvragen in het register) en de budgetmeter."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QLineEdit, QProgressBar, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from doorbraak.domein.geld import formatteer
from doorbraak.gui.formulier import euro_vast
from doorbraak.register.workflow import Registerstand

CONCEPT, OEFENING, AANVRAAG = "concept", "oefening", "aanvraag"
SOORTNAAM = {CONCEPT: "Concept", OEFENING: "Oefening", AANVRAAG: "Register"}
ROUTENAAM = {"vier-ogen": "vier ogen", "escalatie": "escalatie"}
#: De kolommen, in volgorde; bedrag en route vooraan, zodat ze ook in een smalle lijst te zien zijn.
KOLOMMEN = ("Casus", "Bedrag", "Route", "Status", "Soort", "Titel")
BEDRAG = KOLOMMEN.index("Bedrag")
GEEN_KEUZE = "Kies een casus: hier staan dan bedrag, route en titel."


@dataclass(frozen=True)
class Lijstregel:
    soort: str
    casus_id: str
    titel: str
    status: str
    bedrag: Decimal | None
    route: str
    pad: Path | None = None  # concept of oefening
    aanvraag: str = ""  # in het register
    wie: str = ""


def samenvatting(r: Lijstregel) -> str:
    """Eén casus in een paar regels, voor de regel onder de tabel en de tooltip."""
    bedrag = "nog geen bedrag" if r.bedrag is None else formatteer(r.bedrag)
    route = f", {ROUTENAAM.get(r.route, r.route)}" if r.route else ""
    regels = [f"{r.casus_id} ({SOORTNAAM[r.soort].lower()}, {r.status}): {bedrag}{route}", r.titel or "(geen titel)"]
    if r.wie:
        regels.append(r.wie)
    return euro_vast("\n".join(regels))


class Casuslijst(QWidget):
    """Zoekbare tabel; Enter of dubbelklik opent de casus."""

    open_gevraagd = Signal(object)  # Lijstregel

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.regels: list[Lijstregel] = []
        self.zoek = QLineEdit()
        self.zoek.setPlaceholderText("Zoeken (Ctrl+F): casus, titel, status, indiener…")
        self.zoek.setAccessibleName("Casussen zoeken")
        self.zoek.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, len(KOLOMMEN), self)
        self.model.setHorizontalHeaderLabels(list(KOLOMMEN))
        self.filter = QSortFilterProxyModel(self)
        self.filter.setSourceModel(self.model)
        self.filter.setFilterKeyColumn(-1)
        self.filter.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.filter.setSortRole(Qt.UserRole + 1)
        self.tabel = QTableView()
        self.tabel.setAccessibleName("Casussen")
        self.tabel.setModel(self.filter)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tabel.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tabel.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tabel.setTabKeyNavigation(False)
        self.tabel.setSortingEnabled(True)
        self.tabel.verticalHeader().setVisible(False)
        self.tabel.setWordWrap(False)
        self._zet_kolommen()
        self.tabel.activated.connect(self._geactiveerd)
        self.zoek.textChanged.connect(self.filter.setFilterFixedString)
        self.zoek.returnPressed.connect(self.tabel.setFocus)
        self.tabel.selectionModel().currentRowChanged.connect(lambda index, _vorige: self._toon_details(index))
        # wat in een smalle lijst buiten beeld valt (bedrag, route, titel), staat voor de gekozen casus hieronder
        self.details = QLabel(GEEN_KEUZE)
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Gekozen casus")
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.knop_open = QPushButton("Casus &openen")
        self.knop_open.clicked.connect(lambda: self._geactiveerd(self.tabel.currentIndex()))
        self.budget = QProgressBar()
        self.budget.setAccessibleName("Budget")
        self.budget.setTextVisible(True)
        self.budgettekst = QLabel("Register wordt gelezen…")
        self.budgettekst.setWordWrap(True)
        laag = QVBoxLayout(self)
        laag.addWidget(self.zoek)
        laag.addWidget(self.tabel, 1)
        laag.addWidget(self.details)
        laag.addWidget(self.knop_open)
        laag.addWidget(QLabel("Budgetpot:"))
        laag.addWidget(self.budget)
        laag.addWidget(self.budgettekst)

    def zet(self, regels: list[Lijstregel]) -> None:
        self.regels = regels
        self.model.removeRows(0, self.model.rowCount())
        for i, r in enumerate(regels):
            cellen = [r.casus_id, "" if r.bedrag is None else formatteer(r.bedrag), ROUTENAAM.get(r.route, r.route),
                      r.status, SOORTNAAM[r.soort], r.titel]
            rij = [QStandardItem(t) for t in cellen]
            tip = samenvatting(r)
            for k, cel in enumerate(rij):
                cel.setData(cellen[k].casefold() if k != BEDRAG else
                            (int(r.bedrag * 100) if r.bedrag is not None else -1), Qt.UserRole + 1)
                cel.setToolTip(tip)
            rij[0].setData(i, Qt.UserRole)
            rij[BEDRAG].setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.model.appendRow(rij)
        self._toon_details(self.tabel.currentIndex())

    def _zet_kolommen(self) -> None:
        """Kolommen die de gebruiker kan verbreden (onthouden via de naam, zie venstermaat); de titel krijgt de rest."""
        kop = self.tabel.horizontalHeader()
        kop.setObjectName("kolommen-casussen")
        kop.setSectionResizeMode(QHeaderView.Interactive)
        kop.setStretchLastSection(True)
        fm = self.tabel.fontMetrics()
        ruimte = fm.horizontalAdvance("x") * 3  # marge en sorteerpijl
        for k, langste in enumerate(("OEF-MENTOR-01", "€ 188.000,00", "vier ogen", "goedgekeurd", "Oefening")):
            kop.resizeSection(k, max(fm.horizontalAdvance(langste), fm.horizontalAdvance(KOLOMMEN[k])) + ruimte)

    def _toon_details(self, index) -> None:
        if not index.isValid():
            self.details.setText(GEEN_KEUZE)
            return
        rij = self.model.item(self.filter.mapToSource(index).row(), 0).data(Qt.UserRole)
        self.details.setText(samenvatting(self.regels[rij]))

    def _geactiveerd(self, index) -> None:
        if index.isValid():
            bron = self.filter.mapToSource(index)
            self.open_gevraagd.emit(self.regels[self.model.item(bron.row(), 0).data(Qt.UserRole)])

    def zet_budget(self, stand: Registerstand | None, fout: str = "") -> None:
        if stand is None:
            self.budget.setRange(0, 1)
            self.budget.setValue(0)
            self.budget.setFormat("onbekend")
            self.budgettekst.setText(fout or "Register wordt gelezen…")
            return
        inst = stand.instellingen
        budget = stand.budget
        self.budget.setRange(0, max(int(budget * 100), 1))
        self.budget.setValue(int(min(stand.toegekend, budget) * 100))
        procent = (stand.toegekend / budget * 100).quantize(Decimal("1")) if budget else 0
        self.budget.setFormat(f"{procent}% toegekend")
        pot = f" (pot {stand.budgetjaar})" if stand.jaarmodus else ""
        tekst = (f"{formatteer(stand.toegekend)} toegekend van {formatteer(budget)}{pot}; "
                 f"{formatteer(stand.beschikbaar)} beschikbaar. Limiet vier ogen: {formatteer(inst.limiet)}.")
        if inst.oefenregister:
            tekst += " Dit is een oefenregister."
        self.budgettekst.setText(euro_vast(tekst))
        self.budget.setAccessibleDescription(tekst)
