"""De grondslagen van een casus: een kleine lijst met wetsartikelen, elk met de toelichting van de coach."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QCompleter, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.grondslagen import Grondslag, standaard_grondslagen
from doorbraak.gui.formulier import lege_grondslag
from doorbraak.gui.regellijst import FOUTRIJ
from doorbraak.gui.velden import Veld, regelinvoer, tekst_van, zet_rol, zet_tekst

#: het pad van een grondslag in het casusformaat (en dus in de meldingen): waardendriehoek.grondslagen[0].code
PAD = "waardendriehoek.grondslagen"
GEEN_KEUZE = "— kies een grondslag —"


def artikeltekst(g: Grondslag) -> str:
    """`Participatiewet art. 35`; een artikel dat geen nummer is (de hardheidsclausule) zonder `art.`."""
    return f"{g.wet} art. {g.artikel}" if g.artikel[:1].isdigit() else f"{g.wet}, {g.artikel}"


def grondslagnaam(g: Grondslag) -> str:
    """`PW-35 – Participatiewet art. 35`, zoals in de keuzelijst."""
    return f"{g.code} – {artikeltekst(g)}"


def lees_lijst() -> tuple[dict[str, Grondslag], str]:
    """(code -> grondslag, melding); met een onleesbare lijst blijft de casus te bewerken."""
    try:
        return standaard_grondslagen(), ""
    except InvoerFout as fout:
        return {}, "De lijst met grondslagen is niet te lezen: " + "; ".join(
            f"{p.pad}: {p.melding}" for p in fout.problemen)


class Zoekkeuze(QComboBox):
    """Een keuzelijst waarin u kunt typen om te zoeken: 'jeugd' of '2.3' vindt 'JW-2.3 – Jeugdwet art. 2.3' (overal in
    de naam, zonder op hoofdletters te letten). Alleen een grondslag uit de lijst kan gekozen worden: een code of een
    tekst die er precies één aanwijst kiest die bij Enter of Tab; andere tekst verdwijnt dan en de keuze blijft."""

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        zoeker = self.completer()
        zoeker.setFilterMode(Qt.MatchContains)
        zoeker.setCaseSensitivity(Qt.CaseInsensitive)
        zoeker.setCompletionMode(QCompleter.PopupCompletion)
        self.lineEdit().editingFinished.connect(self._herstel_tekst)
        zoeker.popup().installEventFilter(self)  # Tab en Enter in de zoekresultaten zonder gekozen regel
        # nog geen keuze: een leeg veld met de uitleg als placeholder, zodat typen meteen zoekt
        self.currentIndexChanged.connect(lambda _i: self._toon_keuze())

    def eventFilter(self, obj, event) -> bool:
        """Tab of Enter terwijl de zoekresultaten open zijn en er geen is aangewezen: kies wat de tekst aanwijst
        (zoals bij het verlaten van het veld) en ga bij Tab verder, in plaats van dat de lijst de toets opeet."""
        popup = self.completer().popup()
        if obj is popup and event.type() == QEvent.KeyPress and not popup.currentIndex().isValid() and \
                event.key() in (Qt.Key_Tab, Qt.Key_Backtab, Qt.Key_Return, Qt.Key_Enter):
            popup.hide()
            self._herstel_tekst()
            if event.key() in (Qt.Key_Tab, Qt.Key_Backtab):
                self.focusNextPrevChild(event.key() == Qt.Key_Tab)
            return True
        return super().eventFilter(obj, event)

    def _keuzetekst(self) -> str:
        return self.itemText(self.currentIndex()) if self.itemData(self.currentIndex()) else ""

    def _toon_keuze(self) -> None:
        if self.lineEdit().text() != self._keuzetekst():
            self.lineEdit().setText(self._keuzetekst())

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if event.reason() not in (Qt.PopupFocusReason, Qt.ActiveWindowFocusReason):
            self.lineEdit().selectAll()  # typen vervangt de keuze door een zoekterm

    def _herstel_tekst(self) -> None:
        """Na Enter of Tab: wat u typte kiest de grondslag als het er precies één aanwijst (de code, of één naam
        waarin de tekst staat); anders blijft de keuze en komt haar naam terug in het veld."""
        getypt = self.lineEdit().text().strip().casefold()
        if getypt and getypt != self._keuzetekst().casefold():
            codes = [i for i in range(self.count()) if str(self.itemData(i) or "").casefold() == getypt]
            namen = [i for i in range(self.count()) if self.itemData(i) and getypt in self.itemText(i).casefold()]
            if keuze := (codes or (namen if len(namen) == 1 else [])):
                self.setCurrentIndex(keuze[0])
        self._toon_keuze()

    def focusOutEvent(self, event) -> None:
        if event.reason() not in (Qt.PopupFocusReason, Qt.ActiveWindowFocusReason):
            self.completer().popup().hide()
            self._herstel_tekst()
        super().focusOutEvent(event)


class _Uitleg(QLabel):
    """Afgebroken tekst die altijd helemaal zichtbaar is: de sectie geeft het schuifvlak geen hoogte-voor-breedte
    (zie editor._Formulierlaag), dus vraagt het label zelf de hoogte die het bij zijn breedte nodig heeft."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._pas_hoogte_aan()

    def setText(self, tekst: str) -> None:
        super().setText(tekst)
        self._pas_hoogte_aan()

    def _pas_hoogte_aan(self) -> None:
        nodig = self.heightForWidth(self.width()) if self.text() else 0
        if nodig > 0 and nodig != self.minimumHeight():
            self.setMinimumHeight(nodig)


class Grondslagenlijst(QGroupBox):
    """Tabel met de genoemde grondslagen; de gekozen grondslag bewerk je eronder.

    `regels` is een lijst dicts zoals `lege_grondslag()`. Elke wijziging meldt `gewijzigd(veldpad)`
    met het pad van het casusformaat, zoals de regellijsten doen.
    """

    gewijzigd = Signal(str)

    def __init__(self, ouder: QWidget | None = None):
        super().__init__("Grondslagen: de wetsartikelen waarop de doorbraak steunt of waarvan hij afwijkt", ouder)
        self.regels: list[dict[str, Any]] = []
        self.problemen: dict[int, dict[str, str]] = {}
        self.alleen_lezen = False
        self._zetten = False
        self.lijst, lijstfout = lees_lijst()

        self.tabel = QTableWidget(0, 2, self)
        self.tabel.setAccessibleName("Grondslagen")
        self.tabel.setHorizontalHeaderLabels(["Grondslag", "Toelichting"])
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tabel.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tabel.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tabel.setTabKeyNavigation(False)
        self.tabel.verticalHeader().setVisible(False)
        self.tabel.setWordWrap(False)
        kop = self.tabel.horizontalHeader()
        kop.setObjectName("kolommen-grondslagen")  # om de kolombreedtes te kunnen onthouden
        kop.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        kop.setSectionResizeMode(1, QHeaderView.Stretch)
        # drie regels zichtbaar; meer grondslagen dan dat zijn zeldzaam, de tabel schuift dan
        rij = self.tabel.verticalHeader().defaultSectionSize()
        self.tabel.setFixedHeight(kop.sizeHint().height() + 3 * rij + 2 * self.tabel.frameWidth())
        self.tabel.itemSelectionChanged.connect(self._keuze_veranderd)
        wis = QShortcut(QKeySequence.Delete, self.tabel, self.verwijder_gekozen, context=Qt.WidgetShortcut)
        wis.setWhatsThis("De gekozen grondslag verwijderen")  # zo heet zij in Help › Sneltoetsen

        self.knop_nieuw = QPushButton("Grondslag t&oevoegen")
        self.knop_nieuw.clicked.connect(self.voeg_toe)
        self.knop_weg = QPushButton("Grondslag verwij&deren")
        self.knop_weg.setToolTip("De gekozen grondslag verwijderen (Delete in de tabel)")
        self.knop_weg.clicked.connect(self.verwijder_gekozen)
        knoppen = QHBoxLayout()
        knoppen.addWidget(self.knop_nieuw)
        knoppen.addWidget(self.knop_weg)
        knoppen.addStretch(1)

        self.code = Zoekkeuze()
        self.code.lineEdit().setPlaceholderText(f"{GEEN_KEUZE[2:-2]}: typ om te zoeken op wet, artikel of code")
        self._vul_keuzes("")
        self.code.currentIndexChanged.connect(lambda _i: self._veld_bewerkt("code"))
        toelichting = regelinvoer("waarom dit artikel: waar de doorbraak op steunt of waarvan hij afwijkt")
        toelichting.textEdited.connect(lambda _t: self._veld_bewerkt("toelichting"))
        self.velden = {"code": Veld(self.code, "Grondslag"),
                       "toelichting": Veld(toelichting, "Toelichting bij de grondslag")}
        self.uitleg = _Uitleg()
        self.uitleg.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.uitleg.setWordWrap(True)
        self.uitleg.setOpenExternalLinks(True)
        self.uitleg.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.uitleg.setAccessibleName("Over de gekozen grondslag")
        self.detail = QWidget()
        vorm = QFormLayout(self.detail)
        vorm.setContentsMargins(0, 0, 0, 0)
        vorm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for naam, label in (("code", "Grond&slag"), ("toelichting", "Toel&ichting")):
            vorm.addRow(label, self.velden[naam])
            lbl = vorm.labelForField(self.velden[naam])
            if isinstance(lbl, QLabel):
                lbl.setBuddy(self.velden[naam].invoer)
        vorm.addRow("", self.uitleg)

        # een fout in de lijst zelf, of een lijst met grondslagen die niet te lezen is
        self.melding = QLabel(lijstfout)
        zet_rol(self.melding, "foutmelding")
        self.melding.setWordWrap(True)
        self.melding.setVisible(bool(lijstfout))
        self._lijstfout = lijstfout

        laag = QVBoxLayout(self)
        laag.addWidget(self.melding)
        laag.addWidget(self.tabel)
        laag.addLayout(knoppen)
        laag.addWidget(self.detail)
        self._werk_detail_bij()

    # ------------------------------------------------------------ toestand

    def zet_regels(self, regels: list[dict[str, Any]], gekozen: int | None = None) -> None:
        """Alle grondslagen vervangen (bij laden en bij ongedaan maken)."""
        oud = self.gekozen()
        self.regels = [dict(r) for r in regels]
        self._vul_tabel()
        keuze = gekozen if gekozen is not None else oud
        if self.regels:
            self.kies(min(keuze if keuze is not None else 0, len(self.regels) - 1))
        else:
            self._werk_detail_bij()

    def naam(self, code: str) -> str:
        if not code:
            return ""
        g = self.lijst.get(code)
        return grondslagnaam(g) if g else f"{code} (staat niet in de lijst)"

    def _vul_keuzes(self, code: str) -> None:
        """De keuzelijst: de grondslagen uit de lijst, en een code uit het bestand die er niet in staat."""
        self.code.clear()
        self.code.addItem(GEEN_KEUZE, "")
        for g in self.lijst.values():
            self.code.addItem(grondslagnaam(g), g.code)
            self.code.setItemData(self.code.count() - 1, g.omschrijving, Qt.ToolTipRole)
        if code and code not in self.lijst:
            self.code.addItem(self.naam(code), code)

    def _vul_tabel(self) -> None:
        self._zetten = True
        self.tabel.setRowCount(len(self.regels))
        for i, regel in enumerate(self.regels):
            fout = self.problemen.get(i, {})
            for k, tekst in enumerate((self.naam(regel.get("code", "")) or GEEN_KEUZE, regel.get("toelichting", ""))):
                item = self.tabel.item(i, k)
                if item is None:
                    item = QTableWidgetItem()
                    self.tabel.setItem(i, k, item)
                item.setText(tekst)
                item.setBackground(QBrush(FOUTRIJ) if fout else QBrush())
                item.setToolTip("\n".join(f"{veld or 'regel'}: {m}" for veld, m in fout.items()))
        self._zetten = False

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

    def _werk_detail_bij(self) -> None:
        i = self.gekozen()
        regel = self.regels[i] if i is not None and i < len(self.regels) else None
        self._zetten = True
        code = regel.get("code", "") if regel else ""
        if self.code.findData(code) < 0:
            self._vul_keuzes(code)
        self.code.setCurrentIndex(max(0, self.code.findData(code)))
        toelichting = self.velden["toelichting"].invoer
        if tekst_van(toelichting) != (regel.get("toelichting", "") if regel else ""):
            zet_tekst(toelichting, regel.get("toelichting", "") if regel else "")
            toelichting.setCursorPosition(0)  # een lange toelichting vanaf het begin tonen
        fouten = self.problemen.get(i, {}) if i is not None else {}
        for naam, veld in self.velden.items():
            veld.zet_fout(fouten.get(naam, ""))
            veld.invoer.setEnabled(regel is not None and not self.alleen_lezen)
        g = self.lijst.get(code)
        self.uitleg.setText("" if g is None else (
            f"<b>{escape(artikeltekst(g))}</b>: "
            f"{escape(g.omschrijving)}<br><a href=\"{escape(g.url)}\">{escape(g.url)}</a>"))
        self.uitleg.setVisible(g is not None)
        self.knop_weg.setEnabled(regel is not None and not self.alleen_lezen)
        self.knop_nieuw.setEnabled(not self.alleen_lezen)
        self._zetten = False

    def _veld_bewerkt(self, naam: str) -> None:
        if self._zetten:
            return
        i = self.gekozen()
        if i is None:
            return
        invoer = self.velden[naam].invoer
        self.regels[i][naam] = (invoer.currentData() or "") if isinstance(invoer, QComboBox) else tekst_van(invoer)
        self._vul_tabel()
        if naam == "code":
            self._werk_detail_bij()  # de uitleg bij het gekozen artikel
        self.gewijzigd.emit(f"{PAD}[{i}].{naam}")

    # ------------------------------------------------------------ handelingen

    def voeg_toe(self) -> None:
        if self.alleen_lezen:
            return
        self.regels.append(lege_grondslag())
        self._vul_tabel()
        self.kies(len(self.regels) - 1)
        self.gewijzigd.emit(f"{PAD}[{len(self.regels) - 1}]+")
        self.code.setFocus()

    def verwijder_gekozen(self) -> None:
        i = self.gekozen()
        if i is None or self.alleen_lezen:
            return
        del self.regels[i]
        self._vul_tabel()
        if self.regels:
            self.kies(min(i, len(self.regels) - 1))
        else:
            self._werk_detail_bij()
        self.gewijzigd.emit(f"{PAD}[{i}]-")

    # ------------------------------------------------------------ fouten

    def toon(self, problemen: dict[int, dict[str, str]], melding: str = "") -> None:
        """Fouten per grondslag (regel -> veld -> melding) en een fout in de lijst als geheel."""
        self.problemen = problemen
        tekst = "\n".join(t for t in (self._lijstfout, melding) if t)
        self.melding.setText(tekst)
        self.melding.setVisible(bool(tekst))
        self._vul_tabel()
        self._werk_detail_bij()

    def zet_alleen_lezen(self, alleen_lezen: bool) -> None:
        self.alleen_lezen = alleen_lezen
        self._werk_detail_bij()
