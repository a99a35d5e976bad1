"""Een lijst regels (interventie of kosten) met een formulier voor de gekozen regel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from doorbraak.domein.berekening import Regeluitkomst
from doorbraak.domein.geld import formatteer
from doorbraak.domein.prijslijst import EENHEDEN, Prijslijst
from doorbraak.gui.formulier import lege_interventieregel, lege_kostenregel
from doorbraak.gui.regeltekst import bronbeschrijving, celtekst
from doorbraak.gui.velden import (
    SMALLE_KOLOMMEN, Veld, pas_kolommen_aan, regelinvoer, richt_kolommen_in, tekst_van, zet_focus, zet_tekst,
)

FOUTRIJ = QColor("#fde7e6")
JAAR_HINT = "leeg = 1, het eerste jaar vanaf de casusdatum"
ONVOLLEDIG = "Onvolledig: deze regel telt nog niet mee in de totalen"


class Regellijst(QWidget):
    """Tabel met regels; de gekozen regel bewerk je in het formulier eronder.

    `regels` is een lijst dicts met tekst (zie formulier.py). Elke wijziging meldt
    `gewijzigd(veldpad)`, zodat de editor een stap voor ongedaan maken kan vastleggen.
    """

    gewijzigd = Signal(str)
    kies_uit_prijslijst = Signal()
    rekenhulp_gevraagd = Signal()

    def __init__(self, kant: str, titel: str, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.kant = kant
        self.is_interventie = kant == "interventie"
        self.regels: list[dict[str, Any]] = []
        self.uitkomsten: list[Regeluitkomst | None] = []
        self.problemen: dict[int, dict[str, str]] = {}
        self.onvolledig: dict[int, str] = {}  # regel -> wat er nog ontbreekt (de regel telt niet mee in de totalen)
        self._getoond: list[tuple | None] = []  # per rij wat er staat: een rij die niet veranderde, blijft staan
        self._detailstaat: tuple | None = None  # idem voor het formulier van de gekozen regel
        self.prijslijst: Prijslijst | None = None
        self.casusjaar = 2026
        self._zetten = False
        self.alleen_lezen = False

        self.tabel = QTableWidget(0, 0, self)
        self.tabel.setAccessibleName(titel)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tabel.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tabel.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tabel.setTabKeyNavigation(False)  # Tab verlaat de tabel; pijltjes kiezen een regel
        self.tabel.verticalHeader().setVisible(False)
        self.tabel.setWordWrap(False)
        if self.is_interventie:
            self.kolommen = [("Omschrijving", "omschrijving"), ("Jaar", "jaar"), ("Bedrag", "bedrag"),
                             ("Categorie", "categorie")]
        else:
            self.kolommen = [("Omschrijving", "omschrijving"), ("Jaar", "jaar"), ("Aantal", "aantal"),
                             ("Eenheid", "eenheid"), ("Kans", "kans"), ("Eenheidsprijs", "eenheidsprijs"),
                             ("Bedrag", "bedrag"), ("Financier", "financier")]
        self.tabel.setColumnCount(len(self.kolommen))
        self.tabel.setHorizontalHeaderLabels([k for k, _ in self.kolommen])
        richt_kolommen_in(self.tabel.horizontalHeader(), [s for _, s in self.kolommen], kant,
                          passend=QHeaderView.Interactive)
        self._passend = [k for k, (_, s) in enumerate(self.kolommen) if s != "omschrijving" and s not in SMALLE_KOLOMMEN]
        self._gewijzigd: list[int] = []  # rijen met andere tekst: daarvoor de kolommen zo nodig breder maken
        self.tabel.itemSelectionChanged.connect(self._keuze_veranderd)

        knoppen = QHBoxLayout()
        if not self.is_interventie:
            self.knop_prijslijst = QPushButton("Uit &prijslijst…")
            self.knop_prijslijst.setToolTip("Een regel uit de prijslijst toevoegen (Ctrl+L)")
            self.knop_prijslijst.clicked.connect(self.kies_uit_prijslijst)
            knoppen.addWidget(self.knop_prijslijst)
        self.knop_nieuw = QPushButton("&Eigen regel" if not self.is_interventie else "Regel &toevoegen")
        self.knop_nieuw.clicked.connect(self.voeg_eigen_regel_toe)
        self.knop_weg = QPushButton("&Verwijderen")
        self.knop_weg.setToolTip("De gekozen regel verwijderen (Delete in de tabel)")
        self.knop_weg.clicked.connect(self.verwijder_gekozen)
        knoppen.addWidget(self.knop_nieuw)
        knoppen.addWidget(self.knop_weg)
        knoppen.addStretch(1)
        wis = QShortcut(QKeySequence.Delete, self.tabel, self.verwijder_gekozen, context=Qt.WidgetShortcut)
        wis.setWhatsThis("De gekozen regel verwijderen")  # zo heet zij in Help › Sneltoetsen

        self.detail = QGroupBox("Gekozen regel", self)
        vorm = QFormLayout(self.detail)
        vorm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.bron_label = QLabel(self.detail)
        self.bron_label.setWordWrap(True)
        self.bron_label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.bron_label.setOpenExternalLinks(True)
        self.velden: dict[str, Veld] = {}
        self._rijen: dict[str, QWidget] = {}
        if self.is_interventie:
            specificatie = [("omschrijving", "&Omschrijving", regelinvoer("wat het doorbraakbudget betaalt")),
                            ("bedrag", "Be&drag (€)", regelinvoer("bijvoorbeeld 2.850,00")),
                            ("jaar", "&Jaar", regelinvoer(JAAR_HINT)),
                            ("categorie", "&Categorie", regelinvoer("bijvoorbeeld wonen"))]
        else:
            vorm.addRow("Prijslijst:", self.bron_label)
            eenheid = QComboBox()
            eenheid.addItems(EENHEDEN)
            specificatie = [
                ("omschrijving", "&Omschrijving", regelinvoer("wat deze kosten zijn")),
                ("bedrag_per_eenheid", "Be&drag per eenheid (€)", regelinvoer("bijvoorbeeld 35,00")),
                ("eenheid", "&Eenheid", eenheid),
                ("aantal", "&Aantal", regelinvoer("bijvoorbeeld 12 of 0,5")),
                ("kans", "Ka&ns", regelinvoer("leeg = zeker; 0,8 of 80%")),
                ("financier", "&Financier", regelinvoer("wie deze kosten draagt")),
                ("bron", "B&ron", regelinvoer("waar het bedrag vandaan komt (verplicht)")),
                ("toelichting", "&Toelichting", regelinvoer("waarom dit aantal en deze kans")),
            ]
        # velden op de rij van een ander veld: het jaar bij het aantal, het kansbereik (voor de scenario's
        # laag en hoog) bij de kans; zo blijft het formulier laag genoeg voor een scherm van 768 hoog
        naast = {} if self.is_interventie else {
            "aantal": [("jaar", "&Jaar", regelinvoer("leeg = 1"))],
            "kans": [("kans_laag", "Kans laa&g", regelinvoer("leeg = de kans")),
                     ("kans_hoog", "Kans hoog", regelinvoer("leeg = de kans"))]}
        for naam, label, invoer in specificatie:
            veld = self._maak_veld(naam, label, invoer)
            if naam == "aantal" or naam in naast:
                rij = QWidget(self.detail)
                h = QHBoxLayout(rij)
                h.setContentsMargins(0, 0, 0, 0)
                h.addWidget(veld, 2)
                if naam == "aantal":
                    self.knop_rekenhulp = QPushButton("Re&kenhulp…")
                    self.knop_rekenhulp.setToolTip("Het aantal uitrekenen: uren per week × weken, dagen, maanden")
                    self.knop_rekenhulp.clicked.connect(self.rekenhulp_gevraagd)
                    h.addWidget(self.knop_rekenhulp, 0, Qt.AlignTop)
                for bijnaam, bijlabel, bijinvoer in naast.get(naam, []):
                    bijveld = self._maak_veld(bijnaam, bijlabel, bijinvoer)
                    bijschrift = QLabel(bijlabel, rij)
                    bijschrift.setBuddy(bijinvoer)
                    # even hoog als het invoerveld: het bijschrift staat ernaast, ook als er een fout onder komt
                    bijschrift.setMinimumHeight(bijinvoer.sizeHint().height())
                    h.addSpacing(8)
                    h.addWidget(bijschrift, 0, Qt.AlignTop)
                    h.addWidget(bijveld, 1)
                    self._rijen[bijnaam] = rij
                vorm.addRow(label, rij)
                self._rijen[naam] = rij
            else:
                vorm.addRow(label, veld)
                self._rijen[naam] = veld
            lbl = vorm.labelForField(self._rijen[naam])
            if isinstance(lbl, QLabel):
                lbl.setBuddy(invoer)
        self.vorm = vorm
        if not self.is_interventie:  # Tab van het aantal naar de kans; de rekenhulp (Alt+K) achteraan
            volgorde = [self.velden[n].invoer for n in ("aantal", "kans", "kans_laag", "kans_hoog", "jaar", "financier",
                                                          "bron", "toelichting")] + [self.knop_rekenhulp]
            for voor, na in zip(volgorde, volgorde[1:]):
                QWidget.setTabOrder(voor, na)

        laag = QVBoxLayout(self)
        laag.addWidget(self.tabel, 3)
        laag.addLayout(knoppen)
        laag.addWidget(self.detail, 2)
        self._werk_detail_bij()

    def _maak_veld(self, naam: str, label: str, invoer: QWidget) -> Veld:
        veld = Veld(invoer, label.replace("&", ""), self.detail)
        self.velden[naam] = veld
        if isinstance(invoer, QComboBox):
            invoer.currentTextChanged.connect(lambda _t, n=naam: self._veld_bewerkt(n))
        else:
            invoer.textEdited.connect(lambda _t, n=naam: self._veld_bewerkt(n))
        return veld

    # ------------------------------------------------------------ toestand

    def zet_regels(self, regels: list[dict[str, Any]], gekozen: int | None = None) -> None:
        """Alle regels vervangen (bij laden en bij ongedaan maken)."""
        oud = self.gekozen()
        self.regels = [dict(r) for r in regels]
        self._getoond = []  # andere regels: alles opnieuw
        self.uitkomsten = [None] * len(self.regels)
        self._vul_tabel()
        keuze = gekozen if gekozen is not None else oud
        if self.regels:
            self.kies(min(keuze if keuze is not None else 0, len(self.regels) - 1))
        else:
            self._werk_detail_bij()

    def _vul_tabel(self) -> None:
        self._zetten = True
        n = len(self.regels)
        alle = n != self.tabel.rowCount() or not n
        self.tabel.setRowCount(n)
        self._getoond = self._getoond[:n] + [None] * (n - len(self._getoond))
        for i in range(n):
            self._vul_rij(i)
        if alle or self._gewijzigd:
            pas_kolommen_aan(self.tabel, self._passend, None if alle else [i for i in self._gewijzigd if i < n])
        self._gewijzigd = []
        self._zetten = False

    def _vul_rij(self, i: int) -> None:
        """Eén rij van de tabel; bij elke toets worden alleen de rijen die veranderden opnieuw gevuld."""
        regel = self.regels[i]
        uitkomst = self.uitkomsten[i] if i < len(self.uitkomsten) else None
        fout = self.problemen.get(i, {})
        onvolledig = self.onvolledig.get(i)  # wat er ontbreekt of niet klopt; None: de regel is volledig
        # wat de rij toont, behalve de tekst van de regel zelf: wie die verandert, wist haar `_getoond`
        staat = (None if uitkomst is None else (uitkomst.eenheidsprijs, uitkomst.bedrag, uitkomst.contant, uitkomst.jaar),
                 tuple(fout.items()), onvolledig, id(self.prijslijst), self.casusjaar)
        if self._getoond[i] == staat:
            return
        self._getoond[i] = staat
        for k, (_, sleutel) in enumerate(self.kolommen):
            tekst = celtekst(regel, uitkomst, sleutel, self.prijslijst, self.is_interventie)
            if onvolledig and sleutel == "bedrag" and uitkomst is None and not self.is_interventie:
                tekst = "onvolledig"
            item = self.tabel.item(i, k)
            if item is None:
                item = QTableWidgetItem()
                self.tabel.setItem(i, k, item)
                if sleutel in ("bedrag", "eenheidsprijs", "aantal", "kans", "jaar"):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            if item.text() != tekst:  # alleen wat anders is: elke wijziging van een cel kost de tabel werk
                item.setText(tekst)
                self._gewijzigd.append(i)
            if (item.background().style() != Qt.NoBrush) != bool(fout):
                item.setBackground(QBrush(FOUTRIJ) if fout else QBrush())
            uitleg = "\n".join(f"{veld or 'regel'}: {m}" for veld, m in fout.items())
            if not uitleg and sleutel == "bedrag" and uitkomst is not None and uitkomst.contant != uitkomst.bedrag:
                uitleg = f"Contante waarde (jaar {uitkomst.jaar}): {formatteer(uitkomst.contant)}"
            elif not uitleg and sleutel in SMALLE_KOLOMMEN:
                uitleg = tekst  # afgekort in een smalle kolom: de volledige naam
            if onvolledig:
                uitleg = f"{ONVOLLEDIG} ({onvolledig})." + (f"\n{uitleg}" if uitleg else "")
            if item.toolTip() != uitleg:
                item.setToolTip(uitleg)
            toegankelijk = (f"{tekst} (onvolledig{', met een fout' if fout else ''})" if onvolledig else None)
            if k == 0 and item.data(Qt.AccessibleTextRole) != toegankelijk:  # zoals op de tab: fout of nog leeg
                soort = QStyle.SP_MessageBoxWarning if fout else QStyle.SP_MessageBoxInformation
                item.setIcon(self.style().standardIcon(soort) if onvolledig else QIcon())
                item.setData(Qt.AccessibleTextRole, toegankelijk)

    def gekozen(self) -> int | None:
        rijen = self.tabel.selectionModel().selectedRows()
        return rijen[0].row() if rijen else None

    def kies(self, i: int) -> None:
        self.tabel.selectRow(i)
        self.tabel.setCurrentCell(i, 0)
        self._werk_detail_bij()

    def _keuze_veranderd(self) -> None:
        if not self._zetten:
            self._werk_detail_bij()

    def _werk_detail_bij(self, alleen_als_anders: bool = False) -> None:
        """Het formulier toont de gekozen regel, met de velden die bij haar soort horen."""
        i = self.gekozen()
        regel = self.regels[i] if i is not None and i < len(self.regels) else None
        staat = (i, tuple(item for item in regel.items() if item[0] != "_extra") if regel else None,
                 tuple(self.problemen.get(i, {}).items()) if i is not None else (), self.alleen_lezen,
                 id(self.prijslijst), self.casusjaar)
        if alleen_als_anders and staat == self._detailstaat:
            return
        self._detailstaat = staat
        self.detail.setEnabled(regel is not None)
        self.detail.setTitle("Gekozen regel" if regel is None else f"Regel {i + 1}")
        self.knop_weg.setEnabled(regel is not None and not self.alleen_lezen)
        self._zetten = True
        prijsregel = bool(regel and regel.get("prijs"))
        for naam, veld in self.velden.items():
            eigen_veld = naam in ("omschrijving", "bedrag_per_eenheid", "eenheid", "financier", "bron")
            zichtbaar = self.is_interventie or not (prijsregel and eigen_veld)
            self.vorm.setRowVisible(self._rijen[naam], zichtbaar)
            waarde = regel.get(naam, "") if regel else ""
            if isinstance(veld.invoer, QComboBox):
                veld.invoer.setCurrentText(waarde or "uur")
            else:
                zet_tekst(veld.invoer, waarde)
            veld.zet_fout((self.problemen.get(i, {}) if i is not None else {}).get(naam, ""))
            veld.invoer.setEnabled(not self.alleen_lezen)
        if not self.is_interventie:
            self.vorm.setRowVisible(self.bron_label, prijsregel)
            self.bron_label.setText(bronbeschrijving(regel, self.prijslijst, self.casusjaar) if prijsregel else "")
            self.knop_rekenhulp.setEnabled(regel is not None and not self.alleen_lezen)
        self._zetten = False

    def zet_focus(self) -> None:
        """Na Ctrl+3…5: het eerste veld van de gekozen regel (de tekst geselecteerd, typen vervangt haar); zonder
        gekozen regel, of alleen-lezen, de tabel."""
        if self.gekozen() is not None and not self.alleen_lezen:
            for veld in self.velden.values():
                if veld.invoer.isVisibleTo(self.detail) and veld.invoer.isEnabled():
                    zet_focus(veld.invoer)
                    return
        self.tabel.setFocus(Qt.ShortcutFocusReason)

    def _veld_bewerkt(self, naam: str) -> None:
        if self._zetten:
            return
        i = self.gekozen()
        if i is None:
            return
        self._getoond[i] = None
        self.regels[i][naam] = tekst_van(self.velden[naam].invoer) if not isinstance(
            self.velden[naam].invoer, QComboBox) else self.velden[naam].invoer.currentText()
        self._zetten = True
        self._vul_rij(i)
        self._zetten = False
        self.gewijzigd.emit(f"{self.kant}[{i}].{naam}")

    # ------------------------------------------------------------ handelingen

    def voeg_toe(self, regel: dict[str, Any]) -> None:
        self.regels.append(regel)
        self._getoond = []
        self.uitkomsten.append(None)
        self._vul_tabel()
        self.kies(len(self.regels) - 1)
        self.gewijzigd.emit(f"{self.kant}[{len(self.regels) - 1}]+")

    def voeg_eigen_regel_toe(self) -> None:
        self.voeg_toe(lege_interventieregel() if self.is_interventie else lege_kostenregel())
        self.velden["omschrijving"].invoer.setFocus()

    def voeg_prijsregel_toe(self, code: str, aantal: str = "1") -> None:
        self.voeg_toe(lege_kostenregel(code, aantal))
        self.velden["aantal"].invoer.setFocus()
        self.velden["aantal"].invoer.selectAll()

    def verwijder_gekozen(self) -> None:
        i = self.gekozen()
        if i is None or self.alleen_lezen:
            return
        del self.regels[i]
        self._getoond = []
        del self.uitkomsten[i]
        self._vul_tabel()
        if self.regels:
            self.kies(min(i, len(self.regels) - 1))
        else:
            self._werk_detail_bij()
        self.gewijzigd.emit(f"{self.kant}[{i}]-")

    def zet_aantal(self, aantal: str) -> None:
        """Het aantal van de gekozen regel (uit de rekenhulp)."""
        if self.gekozen() is not None:
            self.velden["aantal"].invoer.setText(aantal)
            self._veld_bewerkt("aantal")

    # ------------------------------------------------------------ uitkomst en fouten

    def toon(self, uitkomsten: list[Regeluitkomst | None], problemen: dict[int, dict[str, str]],
             onvolledig: dict[int, str] | None = None) -> None:
        """`problemen`: de fouten per regel en veld; `onvolledig`: per regel met een probleem wat er ontbreekt."""
        self.uitkomsten = list(uitkomsten) + [None] * (len(self.regels) - len(uitkomsten))
        self.problemen = problemen
        self.onvolledig = onvolledig or {}
        self._vul_tabel()
        self._werk_detail_bij(alleen_als_anders=True)

    def zet_alleen_lezen(self, alleen_lezen: bool) -> None:
        self.alleen_lezen = alleen_lezen
        for knop in (self.knop_nieuw, getattr(self, "knop_prijslijst", None)):
            if knop is not None:
                knop.setEnabled(not alleen_lezen)
        self._werk_detail_bij()

