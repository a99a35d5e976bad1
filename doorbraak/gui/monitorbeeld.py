"""Het beeld van de monitor: de periode, de knoppen, de feiten en cijfers, de kerncijfers en de grafieken. Het toont
een `Monitor` (doorbraak.analyse.monitor) en rekent zelf niets; de bediening staat in gui/monitor.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy,
    QVBoxLayout, QWidget,
)

from doorbraak.domein.geld import formatteer, getal_nl
from doorbraak.gui.formulier import euro_vast
from doorbraak.gui.monitorgrafiek import (
    TOEGEKEND, VERWACHT, Budgetgrafiek, Maandgrafiek, Pot, Staaf, Staafgrafiek,
)
from doorbraak.gui.velden import zet_eigenschap, zet_rol

if TYPE_CHECKING:
    from doorbraak.analyse.monitor import Monitor

#: de kerncijfers: sleutel en label, in de volgorde van het beeld (kolom voor kolom)
KERNCIJFERS = (("aanvragen", "Aanvragen"), ("toegekend", "Toegekend"), ("gemiddeld", "Gemiddeld per toekenning"),
               ("mediaan", "Mediaan"), ("laagste_hoogste", "Laagste – hoogste"), ("vermeden", "Verwacht vermeden"),
               ("netto", "Netto"), ("rendement", "Rendement"), ("doorlooptijd", "Doorlooptijd"),
               ("route", "Route"), ("nog_na", "Nog na te calculeren"), ("beschikbaar", "Budget beschikbaar"))


def _datum(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _datumveld(naam: str) -> QDateEdit:
    veld = QDateEdit()
    veld.setDisplayFormat("dd-MM-yyyy")
    veld.setCalendarPopup(True)
    veld.setAccessibleName(naam)
    return veld


def _vak(titel: str, inhoud: QWidget, onder: QWidget | None = None, rekt: bool = False) -> QGroupBox:
    """Een kader met titel; `rekt`: de inhoud krijgt de hoogte die over is (anders blijft die onderaan leeg)."""
    vak = QGroupBox(titel)
    laag = QVBoxLayout(vak)
    laag.addWidget(inhoud, 1 if rekt else 0)
    if onder is not None:
        laag.addWidget(onder)
    if not rekt:
        laag.addStretch(1)
    return vak


class Monitorbeeld(QWidget):
    """Wat de teamleider ziet; de widgets zijn openbaar, de bediening verbindt ze."""

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.van = _datumveld("Periode van")
        self.tot = _datumveld("Periode tot en met")
        self.toepassen = QPushButton("Toepassen")
        self.toepassen.setToolTip("De monitor berekenen over de besluiten in deze periode")
        self.excel = QPushButton("Exporteer als Excel…")
        self.pdf = QPushButton("Exporteer als PDF…")
        balk = QHBoxLayout()
        balk.addWidget(QLabel("Besluiten van"))
        balk.addWidget(self.van)
        balk.addWidget(QLabel("tot en met"))
        balk.addWidget(self.tot)
        balk.addWidget(self.toepassen)
        balk.addStretch(1)
        balk.addWidget(self.excel)
        balk.addWidget(self.pdf)

        self.status = QLabel()
        zet_rol(self.status, "banner")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Melding van de monitor")
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status.hide()

        self.feiten = QLabel("—")
        self.feiten.setWordWrap(True)
        self.feiten.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.feiten.setAccessibleName("Feiten en cijfers")
        self.feiten.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.cijfers: dict[str, QLabel] = {}
        kern = QWidget()
        rooster = QGridLayout(kern)
        rooster.setContentsMargins(0, 0, 0, 0)
        rooster.setHorizontalSpacing(12)
        rooster.setVerticalSpacing(3)
        for i, (sleutel, label) in enumerate(KERNCIJFERS):
            waarde = QLabel("—")
            waarde.setAccessibleName(label)
            waarde.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
            self.cijfers[sleutel] = waarde
            rij, kolom = i % 6, (i // 6) * 2
            rooster.addWidget(QLabel(label + ":"), rij, kolom)
            rooster.addWidget(waarde, rij, kolom + 1)
        rooster.setColumnStretch(1, 1)
        rooster.setColumnStretch(3, 1)
        boven = QHBoxLayout()
        boven.addWidget(_vak("Feiten en cijfers", self.feiten), 1)
        boven.addWidget(_vak("Kerncijfers", kern), 1)

        self.maanden = Maandgrafiek()
        self.financiers = Staafgrafiek("Vermeden kosten per financier")
        self.nacalculatie = Staafgrafiek("Nacalculatie: verwacht tegenover gerealiseerd")
        self.nacalculatie.leegtekst = "Nog geen nacalculaties van casussen in deze periode."
        self.nacalculatietekst = QLabel()
        self.nacalculatietekst.setWordWrap(True)
        self.budget = Budgetgrafiek()
        self.grafieken = QGridLayout()
        self.grafieken.addWidget(_vak("Toegekend per maand (van het besluit)", self.maanden, rekt=True), 0, 0)
        self.grafieken.addWidget(_vak("Verwacht vermeden kosten per financier", self.financiers), 0, 1)
        self.grafieken.addWidget(_vak("Nacalculatie: verwacht tegenover gerealiseerd", self.nacalculatie,
                                      self.nacalculatietekst), 1, 0)
        self.grafieken.addWidget(_vak("Budget per jaar", self.budget), 1, 1)
        for kolom in (0, 1):
            self.grafieken.setColumnStretch(kolom, 1)

        self.inhoud = QWidget()  # de cijfers: weg bij een fout
        laag = QVBoxLayout(self.inhoud)
        laag.setContentsMargins(0, 0, 0, 0)
        laag.addLayout(boven)
        laag.addLayout(self.grafieken)
        # alles in een schuifvlak, ook de periode: het tabblad deelt het midden van het venster met de casus en mag
        # dat nooit breder of hoger maken dan een klein scherm toelaat
        geheel = QWidget()
        hoofd = QVBoxLayout(geheel)
        hoofd.setContentsMargins(6, 6, 6, 6)
        hoofd.addLayout(balk)
        hoofd.addWidget(self.status)
        hoofd.addWidget(self.inhoud)
        hoofd.addStretch(1)
        self.schuif = QScrollArea()
        self.schuif.setWidgetResizable(True)
        self.schuif.setFrameShape(QFrame.NoFrame)
        self.schuif.setWidget(geheel)
        buiten = QVBoxLayout(self)
        buiten.setContentsMargins(0, 0, 0, 0)
        buiten.addWidget(self.schuif)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    # ------------------------------------------------------------ periode

    def zet_periode(self, van: date, tot: date) -> None:
        self.van.setDate(_datum(van))
        self.tot.setDate(_datum(tot))

    def periode(self) -> tuple[date, date]:
        return self.van.date().toPython(), self.tot.date().toPython()

    # ------------------------------------------------------------ toestanden

    def toon_melding(self, tekst: str, soort: str = "register") -> None:
        """Een melding boven de cijfers ('register' is neutraal, 'fout' rood); leeg verbergt haar."""
        self.status.setText(tekst)
        self.status.setVisible(bool(tekst))
        zet_eigenschap(self.status, "soort", soort)

    def zet_bezig(self, bezig: bool) -> None:
        for knop in (self.toepassen, self.excel, self.pdf):
            knop.setEnabled(not bezig)
        self.inhoud.setEnabled(not bezig)
        if bezig:
            self.toon_melding("Bezig… de monitor wordt berekend.")

    def zet_exporteerbaar(self, kan: bool, reden: str = "") -> None:
        for knop, soort in ((self.excel, "Excel-werkmap"), (self.pdf, "rapport (PDF)")):
            knop.setEnabled(kan)
            knop.setToolTip(f"De monitor van deze periode als {soort}" if kan else f"Kan niet: {reden}")

    def toon_fout(self, tekst: str) -> None:
        """Geen cijfers, alleen wat er mis is (lege grafieken zouden 'geen gegevens' zeggen, en dat is niet zo)."""
        self.wis()
        self.inhoud.hide()
        self.toon_melding(tekst, "fout")

    def wis(self) -> None:
        self.feiten.setText("—")
        for label in self.cijfers.values():
            label.setText("—")
            label.setToolTip("")
        self.maanden.zet([])
        self.financiers.zet([])
        self.nacalculatie.zet([])
        self.nacalculatietekst.setText("")
        self.budget.zet([])

    # ------------------------------------------------------------ de cijfers

    def toon(self, m: Monitor, feiten: str) -> None:
        self.inhoud.show()
        self.feiten.setText(euro_vast(feiten))
        c = self.cijfers
        c["aanvragen"].setText(f"{_aantal(m.aantal_aanvragen)} ({_aantal(m.aantal_toegekend)} toegekend, "
                               f"{_aantal(m.aantal_afgewezen)} afgewezen, {_aantal(m.aantal_open)} open)")
        c["toegekend"].setText(formatteer(m.toegekend_totaal))
        c["gemiddeld"].setText(_bedrag(m.gemiddeld_bedrag))
        c["mediaan"].setText(_bedrag(m.mediaan_bedrag))
        c["laagste_hoogste"].setText("—" if m.laagste_bedrag is None else
                                     f"{formatteer(m.laagste_bedrag)} – {formatteer(m.hoogste_bedrag)}")
        casussen = "1 casus" if m.aantal_casussen == 1 else f"{_aantal(m.aantal_casussen)} casussen"
        c["vermeden"].setText(f"{formatteer(m.vermeden_totaal)} ({casussen})")
        c["netto"].setText(formatteer(m.netto_totaal))
        c["rendement"].setText("—" if m.rendement_ratio is None else
                               f"{getal_nl(m.rendement_ratio, 2)} vermeden per euro")
        c["doorlooptijd"].setText("—" if m.doorlooptijd_mediaan is None else
                                  f"mediaan {getal_nl(m.doorlooptijd_mediaan)} dagen, langste {m.doorlooptijd_max}")
        c["route"].setText(f"vier ogen {m.per_route['vier-ogen']}, escalatie {m.per_route['escalatie']}")
        nog = m.nog_na_te_calculeren
        c["nog_na"].setText("geen" if not nog else ("1 casus" if len(nog) == 1 else f"{_aantal(len(nog))} casussen"))
        c["nog_na"].setToolTip(", ".join(nog))
        c["beschikbaar"].setToolTip("Over het hele register, niet alleen deze periode")
        c["beschikbaar"].setText(f"{formatteer(m.budget['beschikbaar'])} van {formatteer(m.budget['budget_totaal'])}")
        self.maanden.zet(m.per_maand)
        self.financiers.zet([Staaf(naam, bedrag) for naam, bedrag in m.per_financier.items()])
        n = m.nacalculatie
        if n["aantal"]:
            self.nacalculatie.zet([Staaf("Verwacht vermeden", n["verwacht_vermeden"], VERWACHT),
                                   Staaf("Gerealiseerd vermeden", n["gerealiseerd_vermeden"], TOEGEKEND)])
            graad = "" if n["realisatiegraad"] is None else f"Realisatiegraad {getal_nl(n['realisatiegraad'], 2)}; "
            self.nacalculatietekst.setText(euro_vast(
                f"{graad}{n['aantal']} {'casus' if n['aantal'] == 1 else 'casussen'} nagecalculeerd; werkelijk "
                f"uitgegeven {formatteer(n['werkelijk_uitgegeven'])}, terug in de pot {formatteer(n['vrijgevallen'])}."))
        else:
            self.nacalculatie.zet([])
            self.nacalculatietekst.setText("")
        b = m.budget
        potten = [Pot(str(j["jaar"]), j["budget"], j["toegekend"], j["vrijgevallen"], j["beschikbaar"])
                  for j in m.budgetjaren] or [Pot("Pot (het hele register)", b["budget_totaal"], b["toegekend"],
                                                  b["vrijgevallen"], b["beschikbaar"])]
        self.budget.zet(potten)


def _aantal(n: int) -> str:
    return getal_nl(Decimal(n))


def _bedrag(b: Decimal | None) -> str:
    return "—" if b is None else formatteer(b)
