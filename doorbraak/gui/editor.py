"""De casuseditor: de casus in secties, met ongedaan maken en fouten bij het veld."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QStyle, QTabWidget,
    QVBoxLayout, QWidget,
)

from doorbraak.domein.berekening import Businesscase
from doorbraak.domein.fouten import Probleem
from doorbraak.domein.prijslijst import STANDAARD_DISCONTOVOET, Prijslijst
from doorbraak.gui.editordelen import AppOngedaan, Datumveld, Formulierlaag, Stap, kopie_regels
from doorbraak.gui.formulier import (
    KANTEN, getal_tekst, leeg_formulier, leesbaar_pad, veld_van_pad, verdeel_problemen,
)
from doorbraak.gui.grondslagenlijst import Grondslagenlijst
from doorbraak.gui.regellijst import Regellijst
from doorbraak.gui.velden import Veld, regelinvoer, tekst_van, tekstvak, zet_focus, zet_tekst

SECTIES = ("Casus", "Verhaal", "Zonder doorbraak", "Met doorbraak", "Interventie", "Waardendriehoek", "Besluit")
_SECTIE_VAN = {"interventie": 4, "zonder_doorbraak": 2, "met_doorbraak": 3, "grondslagen": 5}
_VERHAAL = ("situatie", "reguliere_route", "doorbraak", "perspectief")
_DRIEHOEK = ("rendement", "legitimiteit", "betrokkenheid")


class Casuseditor(QWidget):
    """Toont een formulier (zie formulier.py) en meldt elke wijziging met `gewijzigd`."""

    gewijzigd = Signal()
    rekenhulp_gevraagd = Signal(str)  # kant
    prijslijst_gevraagd = Signal(str)  # kant

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.undo = QUndoStack(self)
        self._zetten = False
        self.alleen_lezen = False
        self._extra: dict[str, Any] = {}
        self.velden: dict[str, Veld] = {}
        # een leeg veld is pas een fout als de coach het bewerkte, of na een poging om op te slaan
        self.bewerkt: set[tuple[str, int | None, str]] = set()
        self.alles_tonen = False
        self._tekens = [""] * len(SECTIES)  # per sectie wat haar tab nu zegt over fouten (zie _markeer_secties)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Secties van de casus")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._scroll(self._maak_casusdeel()), "Casus")
        self.tabs.addTab(self._scroll(self._maak_tekstdeel(_VERHAAL, (
            "&Situatie", "De reg&uliere route", "De &doorbraak", "&Perspectief"), (
            "Wat er aan de hand is, zonder namen of BSN", "Waarom de gewone weg niet (op tijd) helpt",
            "De kleine, ongewone interventie", "Waar het huishouden over een jaar staat"))), "Verhaal")
        self.lijsten: dict[str, Regellijst] = {}
        for kant, titel in (("zonder_doorbraak", "Kosten zonder doorbraak"), ("met_doorbraak", "Kosten met doorbraak"),
                            ("interventie", "Interventie")):
            lijst = Regellijst(kant, titel, self)
            lijst.gewijzigd.connect(self._na_wijziging)
            lijst.rekenhulp_gevraagd.connect(lambda k=kant: self.rekenhulp_gevraagd.emit(k))
            lijst.kies_uit_prijslijst.connect(lambda k=kant: self.prijslijst_gevraagd.emit(k))
            self.lijsten[kant] = lijst
            self.tabs.addTab(lijst, titel.replace("Kosten z", "Z").replace("Kosten m", "M"))
        driehoek = self._maak_tekstdeel(_DRIEHOEK, ("Re&ndement", "Le&gitimiteit", "Be&trokkenheid"), (
            "Wat het oplevert, ook wat niet in geld te vangen is", "Waarom dit rechtmatig en uitlegbaar is",
            "Wat het huishouden zelf doet"))
        # de grondslagen horen bij de legitimiteit: het wetsartikel waarop de doorbraak steunt
        self.grondslagen = Grondslagenlijst(driehoek)
        self.grondslagen.gewijzigd.connect(self._na_wijziging)
        driehoek.layout().addRow(self.grondslagen)
        self.tabs.addTab(self._scroll(driehoek), "Waardendriehoek")
        laag = QVBoxLayout(self)
        laag.setContentsMargins(0, 0, 0, 0)
        laag.addWidget(self.tabs)
        self._ongedaan = AppOngedaan(self)
        for veld in [*self.findChildren(QLineEdit), *self.findChildren(QPlainTextEdit)]:
            veld.installEventFilter(self._ongedaan)
            if isinstance(veld, QPlainTextEdit):
                veld.setUndoRedoEnabled(False)
        self._laatste = self.toestand()

    # ------------------------------------------------------------ opbouw

    @staticmethod
    def _scroll(widget: QWidget) -> QScrollArea:
        vlak = QScrollArea()
        vlak.setWidgetResizable(True)
        vlak.setWidget(widget)
        vlak.setFrameShape(QScrollArea.NoFrame)
        return vlak

    def _voeg_veld_toe(self, vorm: QFormLayout, naam: str, label: str, invoer: QWidget) -> None:
        veld = Veld(invoer, label.replace("&", ""))
        self.velden[naam] = veld
        vorm.addRow(label, veld)
        lbl = vorm.labelForField(veld)
        if isinstance(lbl, QLabel):
            lbl.setBuddy(invoer)
        if isinstance(invoer, QLineEdit):
            invoer.textEdited.connect(lambda _t, n=naam: self._na_wijziging(n))
        elif isinstance(invoer, QPlainTextEdit):
            invoer.textChanged.connect(lambda n=naam: self._na_wijziging(n))

    def _maak_casusdeel(self) -> QWidget:
        deel = QWidget()
        vorm = QFormLayout(deel)
        vorm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._voeg_veld_toe(vorm, "casus_id", "Casus-&id", regelinvoer("pseudoniem, bijvoorbeeld C-2026-014"))
        self._voeg_veld_toe(vorm, "titel", "&Titel", regelinvoer("korte titel, zonder namen"))
        self.datum = Datumveld()
        self.datum.setCalendarPopup(True)
        self.datum.setDisplayFormat("dd-MM-yyyy")
        self.datum.setMinimumDate(QDate(2000, 1, 1))
        self.datum.setMaximumDate(QDate(2100, 12, 31))
        self._voeg_veld_toe(vorm, "datum", "&Datum (prijspeil)", self.datum)
        self.datum.dateChanged.connect(lambda _d: self._na_wijziging("datum"))
        self._voeg_veld_toe(vorm, "gemeente", "&Gemeente", regelinvoer())
        self._voeg_veld_toe(vorm, "coach", "Co&ach", regelinvoer())
        self._voeg_veld_toe(vorm, "horizon_maanden", "Hori&zon (maanden)", regelinvoer("leeg = 12"))
        self._voeg_veld_toe(vorm, "discontovoet", "Di&scontovoet",
                            regelinvoer(self._discontohint(STANDAARD_DISCONTOVOET)))
        self._voeg_veld_toe(vorm, "volwassenen", "&Volwassenen", regelinvoer("aantal in het huishouden"))
        self._voeg_veld_toe(vorm, "kinderen", "&Kinderen", regelinvoer("aantal in het huishouden"))
        self._voeg_veld_toe(vorm, "leefgebieden", "Leefg&ebieden", regelinvoer("gescheiden door komma's"))
        self.oefening = QCheckBox("Dit is een &oefencasus (nooit in een echt register)")
        self.oefening.setAccessibleName("Oefencasus")
        self.oefening.toggled.connect(lambda _a: self._na_wijziging("oefening!"))
        vorm.addRow("", self.oefening)
        return deel

    @staticmethod
    def _discontohint(standaard) -> str:
        return (f"leeg = de standaard van de prijslijst ({getal_tekst(standaard * 100)}%); "
                "bijvoorbeeld 2,25% of 0,0225")

    def _maak_tekstdeel(self, namen, labels, hints) -> QWidget:
        deel = QWidget()
        vorm = Formulierlaag(deel)
        vorm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for naam, label, hint in zip(namen, labels, hints):
            self._voeg_veld_toe(vorm, naam, label, tekstvak(hint))
        return deel

    # ------------------------------------------------------------ toestand

    def toestand(self) -> dict[str, Any]:
        """Het formulier zoals het nu in de velden staat (tekst, precies zoals getypt)."""
        f = leeg_formulier()
        for naam, veld in self.velden.items():
            if naam == "datum":
                f["datum"] = self.datum.date().toString("yyyy-MM-dd")
            else:
                f[naam] = tekst_van(veld.invoer)
        f["oefening"] = self.oefening.isChecked()
        for kant, lijst in self.lijsten.items():
            f[kant] = kopie_regels(lijst.regels)
        f["grondslagen"] = kopie_regels(self.grondslagen.regels)
        f["_extra"] = copy.deepcopy(self._extra)
        return f

    def huidig(self) -> dict[str, Any]:
        """De toestand zoals die bij de laatste wijziging is vastgelegd (niet veranderen): rekenen per toets hoeft
        het formulier dan niet nog eens te kopiëren."""
        return self._laatste

    def kop(self) -> tuple[str, str, bool]:
        """Casus-id, titel en oefening voor de venstertitel, zonder het hele formulier te kopiëren (per toets)."""
        return (tekst_van(self.velden["casus_id"].invoer), tekst_van(self.velden["titel"].invoer),
                self.oefening.isChecked())

    def laad(self, formulier: dict[str, Any]) -> None:
        """Een nieuw formulier tonen; de geschiedenis van ongedaan maken begint opnieuw."""
        self._zet(formulier)
        self.undo.clear()
        self.undo.setClean()
        self.bewerkt.clear()
        self.alles_tonen = False

    def _zet(self, f: dict[str, Any], sleutel: str = "") -> None:
        self._zetten = True
        try:
            for naam, veld in self.velden.items():
                if naam == "datum":
                    d = QDate.fromString(f.get("datum") or date.today().isoformat(), "yyyy-MM-dd")
                    self.datum.setDate(d if d.isValid() else QDate.currentDate())
                else:
                    zet_tekst(veld.invoer, f.get(naam, ""))
            self.oefening.setChecked(bool(f.get("oefening")))
            kant_van_sleutel, rij, _ = veld_van_pad(sleutel.rstrip("+-!"))
            for kant, lijst in {**self.lijsten, "grondslagen": self.grondslagen}.items():
                lijst.zet_regels(f.get(kant, []), rij if kant_van_sleutel == kant else None)
            self._extra = copy.deepcopy(f.get("_extra") or {})
            self._laatste = self.toestand()
        finally:
            self._zetten = False

    def herstel(self, f: dict[str, Any], sleutel: str) -> None:
        """Voor ongedaan maken / opnieuw: zet een eerdere toestand en toon waar de wijziging zat."""
        self._zet(f, sleutel)
        kant, rij, veld = veld_van_pad(sleutel.rstrip("+-!"))
        if sleutel.endswith(("+", "-")):  # regels terug of weg: welke regel wat was, is niet meer zeker
            self.bewerkt = {b for b in self.bewerkt if b[0] != kant}
        if kant in _SECTIE_VAN:
            self.toon_lijst(kant)
        elif veld in self.velden:
            self.tabs.setCurrentIndex(0 if veld not in _VERHAAL + _DRIEHOEK else (1 if veld in _VERHAAL else 5))
        self.gewijzigd.emit()

    def vervang(self, f: dict[str, Any], omschrijving: str) -> None:
        """Het hele formulier vervangen als één stap die ongedaan te maken is (voorbeeld herstellen)."""
        voor = self._laatste
        self._zet(f)
        self.undo.push(Stap(self, voor, self._laatste, omschrijving + "!"))
        self.gewijzigd.emit()

    def _na_wijziging(self, sleutel: str = "") -> None:
        if self._zetten:
            return
        na = self.toestand()
        if na == self._laatste:
            return
        voor, self._laatste = self._laatste, na
        self._onthoud_bewerkt(sleutel)
        self.undo.push(Stap(self, voor, na, sleutel))
        self.gewijzigd.emit()

    def _onthoud_bewerkt(self, sleutel: str) -> None:
        kant, rij, veld = veld_van_pad(sleutel.rstrip("+-!"))
        if sleutel.endswith("-") and rij is not None:  # een regel weg: de regels eronder schuiven op
            self.bewerkt = {(k, r - 1 if k == kant and r is not None and r > rij else r, v)
                            for k, r, v in self.bewerkt if not (k == kant and r == rij)}
        elif veld:
            self.bewerkt.add((kant, rij, veld))

    def verdeel(self, problemen: list[Probleem]) -> tuple[list[Probleem], list[Probleem]]:
        """(fouten, nog in te vullen): zie `formulier.verdeel_problemen`."""
        return verdeel_problemen(self._laatste, problemen, self.bewerkt, self.alles_tonen)

    # ------------------------------------------------------------ uitkomst, fouten, navigatie

    def toon(self, bc: Businesscase | None, problemen: list[Probleem], prijslijst: Prijslijst | None, jaar: int,
             nog: list[Probleem] = (), weggelaten: list[tuple[str, int]] = ()) -> None:
        """`problemen` zijn de fouten, `nog` wat nog leeg is; `weggelaten` de regels (kant, index) waar `bc`
        zonder is berekend (zie `formulier.zonder_onvolledige_regels`)."""
        per_veld: dict[str, str] = {}
        per_rij: dict[str, dict[int, dict[str, str]]] = {k: {} for k in (*self.lijsten, "grondslagen")}
        for p in problemen:
            kant, rij, veld = veld_van_pad(p.pad)
            if rij is not None:
                per_rij[kant].setdefault(rij, {}).setdefault(veld, p.melding)
            else:
                per_veld.setdefault(veld, p.melding)
        onvolledig: dict[str, dict[int, list[str]]] = {k: {} for k in per_rij}
        for p in [*problemen, *nog]:  # een regel met een fout of een leeg veld telt (nog) niet mee
            kant, rij, veld = veld_van_pad(p.pad)
            if rij is not None:
                onvolledig[kant].setdefault(rij, []).append(leesbaar_pad(p.pad).split(", ")[-1] if veld else p.melding)
        for naam, veld in self.velden.items():
            veld.zet_fout(per_veld.get(naam, ""))
        for kant, lijst in self.lijsten.items():
            lijst.prijslijst = prijslijst
            lijst.casusjaar = jaar
            uitkomsten: list = []
            if bc is not None and kant in KANTEN:
                uitkomsten = list(bc.zonder if kant == "zonder_doorbraak" else bc.met)
                for rij in sorted(r for k, r in weggelaten if k == kant):  # de uitkomsten weer op hun eigen rij
                    uitkomsten.insert(rij, None)
            lijst.toon(uitkomsten, per_rij[kant], {rij: ", ".join(v) for rij, v in onvolledig[kant].items()})
        self._markeer_secties(problemen, onvolledig)
        self.grondslagen.toon(per_rij["grondslagen"], per_veld.get("grondslagen", ""))
        standaard = prijslijst.versie.discontovoet if prijslijst and prijslijst.versie else None
        self.velden["discontovoet"].invoer.setPlaceholderText(self._discontohint(standaard or STANDAARD_DISCONTOVOET))

    def _sectie_van(self, pad: str) -> int | None:
        kant, _rij, veld = veld_van_pad(pad)
        if kant in _SECTIE_VAN:
            return _SECTIE_VAN[kant]
        if veld in _VERHAAL:
            return 1
        if veld in _DRIEHOEK or veld == "grondslagen":
            return 5
        return 0 if veld in self.velden else None

    def _markeer_secties(self, fouten: list[Probleem], onvolledig: dict[str, dict[int, list[str]]]) -> None:
        """Een sectie met een fout of een onvolledige regel krijgt een teken op haar tab, en dat staat ook in de
        toegankelijke naam en de tooltip: `Zonder doorbraak (1 probleem)`. Wat alleen nog leeg is, is geen fout."""
        aantal = [0] * len(SECTIES)
        for p in fouten:
            if (i := self._sectie_van(p.pad)) is not None:
                aantal[i] += 1
        for i, naam in enumerate(SECTIES[:6]):
            regels = sum(len(rijen) for kant, rijen in onvolledig.items() if _SECTIE_VAN[kant] == i)
            delen = ([f"{aantal[i]} {'probleem' if aantal[i] == 1 else 'problemen'}"] if aantal[i] else []) + (
                [f"{regels} {'regel' if regels == 1 else 'regels'} onvolledig"] if regels else [])
            uitleg = f"{naam} ({', '.join(delen)})" if delen else ""
            if self._tekens[i] == uitleg:
                continue
            self._tekens[i] = uitleg
            soort = QStyle.SP_MessageBoxWarning if aantal[i] else QStyle.SP_MessageBoxInformation
            self.tabs.setTabIcon(i, self.style().standardIcon(soort) if delen else QIcon())
            self.tabs.setTabToolTip(i, uitleg)
            self.tabs.tabBar().setAccessibleTabName(i, uitleg or naam)

    def toon_sectie(self, i: int) -> None:
        """Naar sectie `i` (Ctrl+1…7), met de focus op haar eerste veld: wat u daarna typt, komt daar."""
        self.tabs.setCurrentIndex(i)
        vlak = self.tabs.widget(i)
        if isinstance(vlak, Regellijst):
            vlak.zet_focus()
            return
        w = vlak.nextInFocusChain()
        while w is not vlak and vlak.isAncestorOf(w):
            if w.focusPolicy() & Qt.TabFocus and w.isEnabled() and w.isVisibleTo(vlak):
                zet_focus(w)
                return
            w = w.nextInFocusChain()
        vlak.setFocus(Qt.ShortcutFocusReason)

    def toon_lijst(self, kant: str) -> None:
        """De sectie met de regels van `kant` (interventie, zonder_doorbraak, met_doorbraak, grondslagen)."""
        self.tabs.setCurrentIndex(_SECTIE_VAN[kant])

    def ga_naar(self, pad: str) -> None:
        """Naar het veld van een probleem: de juiste sectie, regel en invoer."""
        kant, rij, veld = veld_van_pad(pad)
        if rij is not None and kant in self.lijsten:
            self.toon_lijst(kant)
            lijst = self.lijsten[kant]
            if rij < len(lijst.regels):
                lijst.kies(rij)
            doel = lijst.velden.get(veld)
            (doel.invoer if doel and doel.invoer.isVisible() else lijst.tabel).setFocus()
            return
        if kant == "grondslagen" or veld == "grondslagen":
            self.toon_lijst("grondslagen")
            g = self.grondslagen
            if rij is not None and rij < len(g.regels):
                g.kies(rij)
            doel = g.velden.get(veld)
            invoer = doel.invoer if doel and doel.invoer.isEnabled() else g.tabel
            invoer.setFocus()
            vlak = self.tabs.widget(_SECTIE_VAN["grondslagen"])
            if isinstance(vlak, QScrollArea):  # de grondslagen staan onder de drie teksten
                vlak.ensureWidgetVisible(invoer)
            return
        if veld in self.velden:
            self.tabs.setCurrentIndex(1 if veld in _VERHAAL else 5 if veld in _DRIEHOEK else 0)
            self.velden[veld].invoer.setFocus()

    def zet_alleen_lezen(self, alleen_lezen: bool) -> None:
        self.alleen_lezen = alleen_lezen
        for veld in self.velden.values():
            invoer = veld.invoer
            if isinstance(invoer, (QLineEdit, QPlainTextEdit)):
                invoer.setReadOnly(alleen_lezen)
            else:
                invoer.setEnabled(not alleen_lezen)
        self.oefening.setEnabled(not alleen_lezen)
        for lijst in self.lijsten.values():
            lijst.zet_alleen_lezen(alleen_lezen)
        self.grondslagen.zet_alleen_lezen(alleen_lezen)
