"""De sectie Nacalculatie van een goedgekeurde aanvraag, en de lijst 'Nog na te calculeren'. Alleen tonen: wat er
mag, wat er wordt vastgelegd en wat het oplevert, bepalen het register en de diensten (zie nacalculaties.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from doorbraak.domein.regels import NACALCULATIEMOMENTEN as MAANDEN
from doorbraak.gui.editor import Datumveld
from doorbraak.gui.formulier import euro
from doorbraak.gui.regellijst import Regellijst
from doorbraak.gui.velden import Veld, regelinvoer, tekst_van, tekstvak, zet_rol

UITKOMSTNAAM = {"bereikt": "Bereikt", "deels": "Deels bereikt", "niet": "Niet bereikt"}
#: wat de sectie toont na een nacalculatie (gegevens van het record), in deze volgorde
CIJFERS = (("verwacht_vermeden", "Verwacht vermeden (bij de goedkeuring)"),
           ("gerealiseerd_vermeden", "Gerealiseerd vermeden"),
           ("werkelijke_uitgave", "Werkelijke uitgave"),
           ("gerealiseerd_netto", "Gerealiseerd netto"),
           ("toegekend", "Toegekend"),
           ("vrijgevallen", "Vrijgevallen (terug in de budgetpot)"))
LIJSTEN = ("kosten_met", "kosten_zonder_bijgesteld")




def _tabel(koppen: list[str], naam: str) -> QTableWidget:
    t = QTableWidget(0, len(koppen))
    t.setHorizontalHeaderLabels(koppen)
    t.setAccessibleName(naam)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setTabKeyNavigation(False)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    # een naam 'kolommen-…': de vensterstand onthoudt wat de gebruiker aan de kolommen veranderde
    t.horizontalHeader().setObjectName("kolommen-" + naam.lower().replace(" ", "-"))
    return t


def _vul(tabel: QTableWidget, rijen: list[list[str]], rechts: tuple[int, ...] = ()) -> None:
    tabel.setRowCount(len(rijen))
    for i, rij in enumerate(rijen):
        for k, tekst in enumerate(rij):
            item = QTableWidgetItem(tekst)
            if k in rechts:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            tabel.setItem(i, k, item)


class _Laag(QVBoxLayout):
    """Geen hoogte-voor-breedte voor het schuifvlak (zoals `editor._Formulierlaag`): anders maakt het schuifvlak het
    deel zo hoog als de voorkeurshoogte van elke tabel, en schuift de sectie al op een scherm van 768 hoog."""

    def hasHeightForWidth(self) -> bool:
        return False


class Nacalculatiedeel(QWidget):
    """Het formulier van een nacalculatie, de uitkomst van de laatste en de eerdere nacalculaties."""

    vastleggen_gevraagd = Signal()

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.status.setAccessibleName("Nacalculatie van de aanvraag")
        self.velden: dict[str, Veld] = {}

        self.moment = QComboBox()
        for m in MAANDEN:
            self.moment.addItem(f"na {m} maanden", m)
        self.peildatum = Datumveld()
        self.peildatum.setCalendarPopup(True)
        self.peildatum.setDisplayFormat("dd-MM-yyyy")
        self.peildatum.setMinimumDate(QDate(2000, 1, 1))
        self.peildatum.setMaximumDate(QDate(2100, 12, 31))
        self.uitkomst = QComboBox()
        for code, naam in UITKOMSTNAAM.items():
            self.uitkomst.addItem(naam, code)
        self.uitgave = regelinvoer("wat het doorbraakbudget werkelijk betaalde")
        self.toelichting = tekstvak("Wat is er bereikt, en wat niet?")
        self.toelichting.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        vorm = QFormLayout()
        vorm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for naam, label, invoer in (("maanden", "&Moment", self.moment), ("peildatum", "Pei&ldatum", self.peildatum),
                                    ("uitkomst", "&Uitkomst", self.uitkomst),
                                    ("werkelijke_uitgave", "&Werkelijke uitgave (€)", self.uitgave),
                                    ("toelichting", "Toe&lichting", self.toelichting)):
            self.velden[naam] = veld = Veld(invoer, label.replace("&", "").replace(" (€)", ""))
            vorm.addRow(label, veld)
            if isinstance(lbl := vorm.labelForField(veld), QLabel):
                lbl.setBuddy(invoer)

        self.uitkomstvak = QGroupBox("Uitkomst")
        rooster = QGridLayout(self.uitkomstvak)
        self.cijfers: dict[str, QLabel] = {}
        for rij, (sleutel, naam) in enumerate(CIJFERS):
            waarde = QLabel("—")
            waarde.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            waarde.setAccessibleName(naam)
            waarde.setTextInteractionFlags(Qt.TextSelectableByMouse)
            rooster.addWidget(QLabel(naam), rij, 0)
            rooster.addWidget(waarde, rij, 1)
            self.cijfers[sleutel] = waarde
        rooster.setColumnStretch(0, 1)
        self.uitkomsttekst = QLabel("Nog geen nacalculatie vastgelegd.")
        self.uitkomsttekst.setWordWrap(True)
        rooster.addWidget(self.uitkomsttekst, len(CIJFERS), 0, 1, 2)
        self.eerdere = _tabel(["Moment", "Peildatum", "Uitkomst", "Gerealiseerd vermeden", "Vrijgevallen", "Door"],
                              "Eerdere nacalculaties")
        self.eerdere.horizontalHeader().setSectionResizeMode(5, QHeaderView.Stretch)
        eerdervak = QGroupBox("Nacalculaties van deze casus")
        QVBoxLayout(eerdervak).addWidget(self.eerdere)

        # boven het formulier en de uitkomst naast elkaar, eronder de nacalculaties over de hele breedte
        gegevens = QWidget()
        rooster = QGridLayout(gegevens)
        rooster.addLayout(vorm, 0, 0)
        rooster.addWidget(self.uitkomstvak, 0, 1, Qt.AlignTop)
        rooster.addWidget(eerdervak, 1, 0, 1, 2)
        rooster.setColumnStretch(0, 3)
        rooster.setColumnStretch(1, 2)
        rooster.setRowStretch(1, 1)

        self.lijsten: dict[str, Regellijst] = {}
        self.lijsten["kosten_met"] = Regellijst("kosten_met", "Werkelijke kosten met doorbraak")
        self.lijsten["kosten_zonder_bijgesteld"] = Regellijst("kosten_zonder_bijgesteld",
                                                              "Bijgestelde kosten zonder doorbraak")
        for lijst in self.lijsten.values():
            # de bedragen rekent het register bij het vastleggen, met de vastgelegde prijzen: hier geen kolom met '—'
            for k, (_kop, sleutel) in enumerate(lijst.kolommen):
                lijst.tabel.setColumnHidden(k, sleutel in ("eenheidsprijs", "bedrag"))
        self.bijstellen = QCheckBox("Scenario &zonder doorbraak bijstellen")
        self.bijstellen.setToolTip("Als u nu beter weet wat er zonder de doorbraak was gebeurd: de regels hieronder "
                                   "vervangen dan de verwachting van de goedkeuring")
        self.reden = regelinvoer("waarom weet u het scenario zonder doorbraak nu beter?")
        self.velden["reden_bijstelling"] = Veld(self.reden, "Reden van de bijstelling")
        zonder = QWidget()
        z = QVBoxLayout(zonder)
        rij = QHBoxLayout()  # op één regel: zo past het onderdeel op een scherm van 768 hoog
        rij.addWidget(self.bijstellen, 0, Qt.AlignTop)
        rij.addSpacing(12)
        rij.addWidget(QLabel("Reden:"), 0, Qt.AlignTop)
        rij.addWidget(self.velden["reden_bijstelling"], 1)
        z.addLayout(rij)
        z.addWidget(self.lijsten["kosten_zonder_bijgesteld"], 1)
        self.bijstellen.toggled.connect(self._bijstellen_gewijzigd)

        self.delen = QTabWidget()
        self.delen.setAccessibleName("Onderdelen van de nacalculatie")
        self.delen.addTab(gegevens, "Gegevens en uitkomst")
        self.delen.addTab(self.lijsten["kosten_met"], "Werkelijke kosten met doorbraak")
        self.delen.addTab(zonder, "Kosten zonder doorbraak (bijgesteld)")

        self.knop = QPushButton("&Vastleggen in het register…")
        self.knop.setToolTip("De nacalculatie als nieuw record in het register vastleggen (met uw login)")
        self.knop.clicked.connect(self.vastleggen_gevraagd)
        self.reden_knop = QLabel()
        zet_rol(self.reden_knop, "reden")
        self.reden_knop.setWordWrap(True)
        onder = QHBoxLayout()
        onder.addWidget(self.knop)
        onder.addWidget(self.reden_knop, 1)

        laag = _Laag(self)
        laag.addWidget(self.status)
        laag.addWidget(self.delen, 1)
        laag.addLayout(onder)
        self._bijstellen_gewijzigd(False)

    # ------------------------------------------------------------ formulier

    def _bijstellen_gewijzigd(self, aan: bool) -> None:
        self.reden.setEnabled(aan)
        self.lijsten["kosten_zonder_bijgesteld"].setEnabled(aan)

    def leeg(self, maanden: int, peildatum: date, uitgave_hint: str) -> None:
        """Een nieuw, leeg formulier voor de aanvraag die nu open is."""
        self.moment.setCurrentIndex(max(0, self.moment.findData(maanden)))
        self.peildatum.setDate(QDate(peildatum.year, peildatum.month, peildatum.day))
        self.uitkomst.setCurrentIndex(0)
        self.uitgave.clear()
        self.uitgave.setPlaceholderText(uitgave_hint)
        self.toelichting.clear()
        self.reden.clear()
        self.bijstellen.setChecked(False)
        for lijst in self.lijsten.values():
            lijst.zet_regels([])
        self.zet_fouten({})
        self.delen.setCurrentIndex(0)

    def formulier(self) -> dict[str, Any]:
        """Wat er is ingevuld, als tekst (zie nacalculaties.lees_nacalculatieformulier)."""
        return {"maanden": self.moment.currentData(), "peildatum": self.peildatum.date().toString("yyyy-MM-dd"),
                "uitkomst": self.uitkomst.currentData(), "werkelijke_uitgave": self.uitgave.text(),
                "toelichting": tekst_van(self.toelichting), "bijstellen": self.bijstellen.isChecked(),
                "reden_bijstelling": self.reden.text(),
                **{k: [dict(r) for r in lijst.regels] for k, lijst in self.lijsten.items()}}

    def zet_fouten(self, per_veld: dict[str, str], per_regel: dict[str, dict[int, dict[str, str]]] | None = None) -> None:
        for naam, veld in self.velden.items():
            veld.zet_fout(per_veld.get(naam, ""))
        for kant, lijst in self.lijsten.items():
            lijst.toon([], (per_regel or {}).get(kant, {}))
        for i, kant in enumerate(("", *LIJSTEN)):
            fout = bool((per_regel or {}).get(kant)) or (kant == "kosten_zonder_bijgesteld" and "reden_bijstelling"
                                                          in per_veld)
            tekst = self.delen.tabText(i).removeprefix("⚠ ")
            self.delen.setTabText(i, ("⚠ " if fout else "") + tekst)

    def ga_naar(self, kant: str, rij: int | None, veld: str) -> None:
        """Naar het veld van een fout: het juiste onderdeel, de regel en de invoer."""
        if kant in self.lijsten:
            self.delen.setCurrentIndex(1 + LIJSTEN.index(kant))
            lijst = self.lijsten[kant]
            if rij is not None and rij < len(lijst.regels):
                lijst.kies(rij)
            doel = lijst.velden.get(veld)
            (doel.invoer if doel and doel.invoer.isVisible() else lijst.tabel).setFocus()
        elif veld in self.velden:
            self.delen.setCurrentIndex(2 if veld == "reden_bijstelling" else 0)
            self.velden[veld].invoer.setFocus()

    # ------------------------------------------------------------ tonen

    def zet_knop(self, reden: str | None) -> None:
        self.knop.setEnabled(reden is None)
        tekst = "" if reden is None else f"Kan niet: {reden}"
        self.reden_knop.setText(tekst)
        self.knop.setAccessibleDescription(tekst)

    def toon_uitkomst(self, gegevens: dict[str, Any] | None, kop: str = "") -> None:
        """De cijfers van de laatste nacalculatie (de gegevens van haar record), of leeg."""
        for sleutel, label in self.cijfers.items():
            label.setText("—" if gegevens is None else euro(Decimal(gegevens[sleutel])))
        self.uitkomsttekst.setText(kop or "Nog geen nacalculatie vastgelegd.")

    def toon_eerdere(self, rijen: list[list[str]]) -> None:
        _vul(self.eerdere, rijen, rechts=(3, 4))


class Nalijst(QWidget):
    """De casussen die langer dan zes maanden geleden zijn goedgekeurd en nog geen nacalculatie hebben."""

    open_gevraagd = Signal(str)  # aanvraag

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.kop = QLabel("Nog na te calculeren")
        self.kop.setWordWrap(True)
        # korte koppen: het dock is op 1366 px smal; de uitleg staat in de tooltip van de kop
        self.tabel = _tabel(["Casus", "Aanvraag", "Besloten", "Mnd"], "Nog na te calculeren")
        for k, uitleg in enumerate(("De casus", "De laatste goedgekeurde aanvraag van de casus",
                                    "De datum van de goedkeuring", "Hele maanden sinds de goedkeuring")):
            self.tabel.horizontalHeaderItem(k).setToolTip(uitleg)
        self.tabel.horizontalHeader().setStretchLastSection(True)
        self.tabel.setToolTip("Dubbelklik of Enter: de aanvraag openen, bij de sectie Nacalculatie")
        self.tabel.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.tabel.activated.connect(self._geactiveerd)
        self.aanvragen: list[str] = []
        laag = QVBoxLayout(self)
        marge = laag.contentsMargins()  # zoals de casuslijst erboven, die zelf al ruimte onder zich heeft
        laag.setContentsMargins(marge.left(), 0, marge.right(), marge.bottom())
        laag.addWidget(self.kop)
        laag.addWidget(self.tabel, 1)
        self.zet([], "<b>Nog na te calculeren:</b> het register wordt gelezen…")

    def zet(self, rijen: list[tuple[str, str, str, str]], kop: str) -> None:
        """`rijen`: (casus, aanvraag, goedgekeurd op, maanden geleden)."""
        self.aanvragen = [r[1] for r in rijen]
        _vul(self.tabel, [list(r) for r in rijen], rechts=(3,))
        self.kop.setText(kop)
        self.tabel.setVisible(bool(rijen))
        self._pas_hoogte_aan()

    def _pas_hoogte_aan(self) -> None:
        """Zonder casussen alleen de zin, zo hoog als die bij deze breedte is: de casuslijst krijgt de rest."""
        if self.aanvragen:  # de kop en hooguit zes regels; meer schuift in de tabel
            t = self.tabel
            rijen = t.horizontalHeader().height() + sum(t.rowHeight(i) for i in range(min(t.rowCount(), 6)))
            self.setMaximumHeight(self.sizeHint().height() - t.sizeHint().height() + rijen + 2 * t.frameWidth())
            return
        m = self.layout().contentsMargins()
        self.setMaximumHeight(self.kop.heightForWidth(max(self.width() - m.left() - m.right(), 100)) + m.bottom())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._pas_hoogte_aan()

    def _geactiveerd(self, index) -> None:
        if index.isValid():
            self.open_gevraagd.emit(self.aanvragen[index.row()])
