"""Twee kleine dialogen: de prijslijst doorzoeken, en een aantal uitrekenen.

Beide openen met `open()` (niet blokkerend) en melden hun uitkomst met een signaal.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from doorbraak import diensten
from doorbraak.domein.geld import formatteer, getal_nl, lees_getal_invoer
from doorbraak.domein.prijslijst import Prijslijst, datum_nl, per_eenheid, ritme
from doorbraak.gui.formulier import euro_vast
from doorbraak.gui.velden import Veld, richt_kolommen_in

ALLE = "Alle categorieën"


class Prijslijstkiezer(QDialog):
    """Zoek een item op naam, code of categorie; toont het geïndexeerde bedrag van het casusjaar en de bron."""

    gekozen = Signal(str)  # prijscode

    def __init__(self, prijslijst: Prijslijst, jaar: int, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setWindowTitle(f"Prijslijst {prijslijst.versienaam}: item kiezen")
        self.prijslijst = prijslijst
        self.jaar = jaar
        self.zoek = QLineEdit()
        self.zoek.setPlaceholderText("zoek op naam, code, categorie of financier")
        self.zoek.setAccessibleName("Zoeken in de prijslijst")
        self.categorie = QComboBox()
        self.categorie.setAccessibleName("Categorie")
        self.categorie.addItems([ALLE, *sorted({i.categorie for i in prijslijst.items.values()})])
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(["Code", "Naam", "Categorie", "Eenheid", f"Bedrag {jaar}", "Financier"])
        for item in prijslijst.items.values():
            try:
                bedrag = formatteer(prijslijst.eenheidsprijs(item, jaar)[1])
            except Exception:  # geen indexcijfer voor dit jaar: toon het bedrag uit de lijst met zijn jaar
                bedrag = f"{formatteer(item.bedrag)} ({item.prijsjaar})"
            rij = [QStandardItem(t) for t in (item.code, item.naam, item.categorie, item.eenheid, bedrag, item.financier)]
            rij[4].setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            for cel in (rij[2], rij[5]):  # in een smalle kolom afgekort: de volledige tekst in de tooltip
                cel.setToolTip(cel.text())
            for cel in rij:
                cel.setEditable(False)
            rij[0].setData(item.code, Qt.UserRole)
            self.model.appendRow(rij)
        self.filter = QSortFilterProxyModel(self)
        self.filter.setSourceModel(self.model)
        self.tabel = QTableView()
        self.tabel.setAccessibleName("Items in de prijslijst")
        self.tabel.setModel(self.filter)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tabel.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tabel.setSortingEnabled(True)
        self.tabel.sortByColumn(0, Qt.AscendingOrder)
        self.tabel.verticalHeader().setVisible(False)
        richt_kolommen_in(self.tabel.horizontalHeader(), ["code", "naam", "categorie", "eenheid", "bedrag", "financier"],
                          "prijslijstkiezer", breed="naam")
        self.tabel.doubleClicked.connect(lambda _i: self.accept())
        # Een lange toelichting (bandbreedte, waarom een oud prijsjaar) schuift binnen een vaste hoogte,
        # zodat de tabel en de knoppen ook op 1366 × 768 in beeld blijven.
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        self.detail.setAccessibleName("Gegevens van het gekozen item")
        self.detail.setFrameShape(QTextBrowser.NoFrame)
        self.detail.setFixedHeight(self.fontMetrics().lineSpacing() * 7)
        self.knoppen = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.knoppen.button(QDialogButtonBox.Ok).setText("&Toevoegen")
        self.knoppen.button(QDialogButtonBox.Cancel).setText("&Annuleren")
        self.knoppen.accepted.connect(self.accept)
        self.knoppen.rejected.connect(self.reject)
        zoekrij = QHBoxLayout()
        zoekrij.addWidget(self.zoek, 2)
        zoekrij.addWidget(self.categorie, 1)
        laag = QVBoxLayout(self)
        laag.addLayout(zoekrij)
        laag.addWidget(self.tabel, 1)
        laag.addWidget(self.detail)
        laag.addWidget(self.knoppen)
        self.zoek.textChanged.connect(self._filter)
        self.categorie.currentTextChanged.connect(self._filter)
        self.tabel.selectionModel().selectionChanged.connect(self._toon_detail)
        self.zoek.installEventFilter(self)  # pijltje omlaag: naar de tabel; Enter: het gekozen item toevoegen
        self.tabel.activated.connect(lambda _i: self.accept())
        # breed genoeg dat de naam ruimte houdt naast de code, het bedrag en de financier; nooit breder dan het scherm
        scherm = (ouder.screen() if ouder is not None else self.screen()).availableGeometry()
        self.resize(min(self.fontMetrics().horizontalAdvance("x") * 160, scherm.width() - 80),
                    self.fontMetrics().height() * 30)
        self._filter()

    def _filter(self) -> None:
        """Zelfde zoekregel als `doorbraak prijslijst toon`: zonder hoofdletters en accenten."""
        codes = {i.code for i in diensten.zoek_in_prijslijst(self.prijslijst, self.zoek.text())}
        categorie = self.categorie.currentText()
        for rij in range(self.model.rowCount()):
            code = self.model.item(rij, 0).text()
            past = code in codes and (categorie == ALLE or self.model.item(rij, 2).text() == categorie)
            self.model.item(rij, 0).setData("1" if past else "0", Qt.UserRole + 1)
        self.filter.setFilterRole(Qt.UserRole + 1)
        self.filter.setFilterKeyColumn(0)
        self.filter.setFilterFixedString("1")
        if self.filter.rowCount():
            self.tabel.selectRow(0)
        self._toon_detail()

    def eventFilter(self, obj, event) -> bool:
        """↓ in het zoekveld: naar de uitkomsten, één regel verder dan de gekozen (de eerste is al gekozen zolang u
        zoekt). Enter voegt dan de gekozen regel toe."""
        if obj is self.zoek and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Down and self.filter.rowCount():
            rijen = self.tabel.selectionModel().selectedRows()
            volgende = min(rijen[0].row() + 1 if rijen else 0, self.filter.rowCount() - 1)
            self.tabel.setFocus(Qt.TabFocusReason)
            self.tabel.setCurrentIndex(self.filter.index(volgende, 0))
            return True
        return super().eventFilter(obj, event)

    def code(self) -> str | None:
        rijen = self.tabel.selectionModel().selectedRows()
        return self.filter.index(rijen[0].row(), 0).data() if rijen else None

    def _toon_detail(self, *_args) -> None:
        from html import escape

        code = self.code()
        item = self.prijslijst.item(code) if code else None
        self.knoppen.button(QDialogButtonBox.Ok).setEnabled(item is not None)
        if item is None:
            self.detail.setPlainText("Geen item gekozen." if self.filter.rowCount() else "Niets gevonden.")
            return
        band = ""
        anderen = sorted({c for groep in item.overlapgroepen for c, j in self.prijslijst.items.items()
                          if groep in j.overlapgroepen and c != item.code})
        if anderen:  # dezelfde kosten: niet in één scenario optellen
            band += f"<br><b>Niet optellen met {escape(', '.join(anderen))}: die prijzen dezelfde kosten.</b>"
        if item.herziening:
            band += (f"<br>Vast bedrag, geldig sinds {datum_nl(item.ingang)}; wordt {escape(ritme(item.herziening))} "
                     "opnieuw vastgesteld.")
        if item.bedrag_min is not None and item.bedrag_max is not None:
            band += f"<br>Bandbreedte {formatteer(item.bedrag_min)} tot {formatteer(item.bedrag_max)}."
        if item.toelichting:
            band += f"<br>{escape(item.toelichting)}"
        self.detail.setHtml(euro_vast(  # het €-teken breekt niet af van zijn bedrag
            f"<b>{escape(item.naam)}</b>: {formatteer(item.bedrag)} {escape(per_eenheid(item.eenheid))} (prijsjaar {item.prijsjaar}, "
            f"indexatie {escape(item.indexatie)}), financier {escape(item.financier)}.<br>"
            f"Bron: <a href=\"{escape(item.url)}\">{escape(item.bron)}</a>; gecontroleerd op "
            f"{item.gecontroleerd_op.strftime('%d-%m-%Y') if item.gecontroleerd_op else 'onbekend'}.{band}"))

    def accept(self) -> None:
        code = self.code()
        if code and self.result() != QDialog.Accepted:  # één keer, ook als Enter twee wegen vindt
            self.setResult(QDialog.Accepted)
            self.gekozen.emit(code)
            super().accept()


MODI = (
    ("Uren per week × aantal weken", "Uren per week", "Aantal weken"),
    ("Dagen per week × aantal weken", "Dagen per week", "Aantal weken"),
    ("Aantal per maand × aantal maanden", "Aantal per maand", "Aantal maanden"),
    ("Aantal dagen × aantal personen", "Aantal dagen", "Aantal personen"),
)


class Aantalhulp(QDialog):
    """Reken een aantal uit zoals mensen het denken: 3 uur per week gedurende 26 weken = 78."""

    gekozen = Signal(str)  # het aantal, op z'n Nederlands

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setWindowTitle("Rekenhulp voor het aantal")
        self.modus = QComboBox()
        self.modus.setAccessibleName("Manier van rekenen")
        self.modus.addItems([m[0] for m in MODI])
        self.a = Veld(QLineEdit(), "Eerste getal")
        self.b = Veld(QLineEdit(), "Tweede getal")
        self.uitkomst = QLabel()
        self.uitkomst.setAccessibleName("Uitkomst")
        self.vorm = QFormLayout()
        self.vorm.addRow("&Manier:", self.modus)
        self.vorm.addRow(MODI[0][1] + ":", self.a)
        self.vorm.addRow(MODI[0][2] + ":", self.b)
        self.vorm.addRow("Aantal:", self.uitkomst)
        for label, veld in ((self.vorm.labelForField(self.a), self.a), (self.vorm.labelForField(self.b), self.b)):
            label.setBuddy(veld.invoer)
        self.knoppen = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.knoppen.button(QDialogButtonBox.Ok).setText("&Gebruiken")
        self.knoppen.button(QDialogButtonBox.Cancel).setText("&Annuleren")
        self.knoppen.accepted.connect(self.accept)
        self.knoppen.rejected.connect(self.reject)
        laag = QVBoxLayout(self)
        laag.addLayout(self.vorm)
        laag.addWidget(self.knoppen)
        self.modus.currentIndexChanged.connect(self._modus)
        self.a.invoer.textChanged.connect(self._reken)
        self.b.invoer.textChanged.connect(self._reken)
        self._reken()

    def _modus(self, i: int) -> None:
        self.vorm.labelForField(self.a).setText(MODI[i][1] + ":")
        self.vorm.labelForField(self.b).setText(MODI[i][2] + ":")
        self.a.invoer.setAccessibleName(MODI[i][1])
        self.b.invoer.setAccessibleName(MODI[i][2])

    def waarde(self) -> Decimal | None:
        getallen = []
        for veld in (self.a, self.b):
            try:
                getallen.append(lees_getal_invoer(veld.invoer.text(), maximum=Decimal(100000), decimalen=4, wat="getal"))
                veld.zet_fout("")
            except (ValueError, InvalidOperation) as fout:
                veld.zet_fout(str(fout) if veld.invoer.text().strip() else "")
                getallen.append(None)
        if None in getallen:
            return None
        return getallen[0] * getallen[1]

    def _reken(self) -> None:
        w = self.waarde()
        self.uitkomst.setText("—" if w is None else getal_nl(w.normalize() if w else Decimal(0)))
        self.knoppen.button(QDialogButtonBox.Ok).setEnabled(w is not None)

    def accept(self) -> None:
        w = self.waarde()
        if w is not None:
            self.gekozen.emit(getal_nl(w.normalize() if w else Decimal(0)))
            super().accept()


def open_prijslijstkiezer(venster, prijslijst: Prijslijst, jaar: int, lijst) -> None:
    """De kiezer bij het venster openen (niet blokkerend, als `venster.kiezer`); een gekozen item komt in `lijst`
    (een Regellijst)."""
    venster.kiezer = Prijslijstkiezer(prijslijst, jaar, venster)
    venster.kiezer.gekozen.connect(lambda code: lijst.voeg_prijsregel_toe(code))
    venster.kiezer.open()


def open_aantalhulp(venster, lijst) -> None:
    """De rekenhulp bij het venster openen (niet blokkerend, als `venster.hulp`); het aantal komt in `lijst`."""
    venster.hulp = Aantalhulp(venster)
    venster.hulp.gekozen.connect(lijst.zet_aantal)
    venster.hulp.open()
