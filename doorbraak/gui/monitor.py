"""De monitor in het venster (het beeld van de teamleider): het tabblad naast de casus, het berekenen op de
achtergrond en de export naar Excel en PDF.

Wie mag kijken: iedereen die het register kan lezen. De monitor telt wat al in het register staat (de opdracht
`doorbraak monitor` vraagt ook geen rol), dus het tabblad is er voor elke coach.

pandas (de monitor rekent ermee) laadt pas als het tabblad voor het eerst opent, op de achtergrond: de start van
de app wacht er nooit op."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from doorbraak import diensten
from doorbraak.gui import besluit as B
from doorbraak.gui.overzicht import melding_van
from doorbraak.gui.venstermaat import Kolomgeheugen

if TYPE_CHECKING:
    from doorbraak.analyse.monitor import Monitor
    from doorbraak.gui.monitorbeeld import Monitorbeeld
    from doorbraak.gui.hoofdvenster import Hoofdvenster

#: handelingen aan de casus: vanuit de monitor gaan die eerst terug naar het tabblad Casus
_CASUSACTIES = ("nieuw", "openen", "voorbeeld herstellen", "prijsregel", "eigen regel", "zoeken",
                *(sleutel for sleutel, _t, _u in B.KNOPPEN))


def bereken(stand, map_, van: date, tot: date) -> tuple[Monitor, str]:
    """Op de achtergrond: de monitor en de alinea 'Feiten en cijfers' (hier laadt pandas). Over de stand die het
    venster al las en controleerde; is die er niet (nog niet gelezen, of niet bereikbaar), dan leest de monitor het
    register zelf, en meldt hij wat er mis is."""
    from doorbraak.analyse.monitor import feiten_en_cijfers

    m = diensten.monitor_van_stand(stand, map_, van, tot) if stand is not None else diensten.monitor(map_, van, tot)[0]
    return m, feiten_en_cijfers(m)


class Monitorbediening(QObject):
    """Zet de casus (banner en editor) en de monitor als tabbladen in het midden van het venster."""

    def __init__(self, venster: Hoofdvenster, casus: QWidget):
        super().__init__(venster)
        self.v = venster
        self._beeld: Monitorbeeld | None = None  # pas gebouwd als het nodig is (zie beeld)
        self.plek = QWidget()  # het tabblad Monitor; het beeld komt erin bij het eerste openen
        QVBoxLayout(self.plek).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Casus of monitor")
        self.tabs.addTab(casus, "Casus")
        self.tabs.addTab(self.plek, "Monitor")
        self.tabs.setTabToolTip(1, "Wat het doorbraakbudget heeft opgeleverd, over alle aanvragen in het register")
        self.m: Monitor | None = None
        self.verouderd = True  # nog niet berekend, of het register is intussen opnieuw gelezen
        self.bezig = False
        self._vraag = 0  # alleen de uitkomst van de laatste berekening telt
        self._docks: dict[QWidget, bool] = {}
        self._verbonden = False
        self.tabs.currentChanged.connect(self._gewisseld)
        venster.installEventFilter(self)

    @property
    def beeld(self) -> Monitorbeeld:
        """Het beeld met de cijfers en grafieken, gebouwd bij het eerste gebruik (het tabblad openen): de start van
        de app bouwt de grafieken en datumvelden niet voor niets."""
        if self._beeld is None:
            from doorbraak.gui.monitorbeeld import Monitorbeeld

            self._beeld = b = Monitorbeeld()
            vandaag = date.today()
            b.zet_periode(date(vandaag.year, 1, 1), date(vandaag.year, 12, 31))
            b.zet_exporteerbaar(False, "de monitor is nog niet berekend")
            b.toepassen.clicked.connect(self.laad)
            b.excel.clicked.connect(lambda: self.exporteer(".xlsx"))
            b.pdf.clicked.connect(lambda: self.exporteer(".pdf"))
            self.plek.layout().addWidget(b)
            if (geheugen := self.v.findChild(Kolomgeheugen, "kolomgeheugen")) is not None:
                geheugen.neem_op(b)  # de kolommen zoals de gebruiker ze achterliet, ook nu het beeld later komt
        return self._beeld

    @property
    def zichtbaar(self) -> bool:
        return self.tabs.currentWidget() is self.plek

    def toon(self) -> None:
        """Beeld › Monitor: naar de monitor, of terug naar de casus als die al open is."""
        self.tabs.setCurrentWidget(self.tabs.widget(0) if self.zichtbaar else self.plek)

    def toon_casus(self) -> None:
        self.tabs.setCurrentIndex(0)

    def _gewisseld(self, _index: int) -> None:
        v = self.v
        self._verbind_acties()
        if "monitor" in v.acties:
            v.acties["monitor"].setChecked(self.zichtbaar)
        if self.zichtbaar:
            self.beeld  # het eerste openen bouwt het beeld, vóór het getekend wordt
            # de hele breedte voor de cijfers; de docks horen bij de casus en komen terug zoals ze waren
            self._docks = {dock: dock.isVisible() for dock in (v.lijstdock, v.paneeldock)}
            for dock in self._docks:
                dock.hide()
            if self.verouderd and not self.bezig:
                self.laad()
        else:
            for dock, zichtbaar in self._docks.items():
                if zichtbaar:  # een dock dat intussen (Ctrl+Shift+1) is geopend, blijft open
                    dock.show()
            self._docks = {}

    def _verbind_acties(self) -> None:
        """Eén keer: een handeling aan de casus (menu of sneltoets) toont eerst weer de casus."""
        if self._verbonden:
            return
        self._verbonden = True
        v = self.v
        for naam, actie in v.acties.items():
            if naam.startswith("sectie:"):
                i = int(naam.split(":")[1])
                actie.triggered.connect(lambda _c=False, i=i: self._naar_sectie(i))
            elif naam in _CASUSACTIES or naam.startswith("voorbeeld:"):
                actie.triggered.connect(lambda _c=False: self.toon_casus())
        v.lijst.open_gevraagd.connect(lambda _regel: self.toon_casus())
        v.register_gelezen.connect(self._register_gelezen)

    def _naar_sectie(self, i: int) -> None:
        if self.zichtbaar:
            self.toon_casus()
            self.v.toon_sectie(i)  # nog eens, nu de sectie zichtbaar is en de focus kan krijgen

    def eventFilter(self, obj, event) -> bool:
        # bij het sluiten eerst de casus (en de docks) terug: zo bewaart het venster zijn indeling met docks
        if obj is self.v and event.type() == QEvent.Close and self.zichtbaar:
            self.toon_casus()
        return False

    # ------------------------------------------------------------ berekenen

    def _register_gelezen(self) -> None:
        """Het register is opnieuw gelezen (Register › Vernieuwen, na een handeling): de cijfers ook."""
        self.verouderd = True
        if self.zichtbaar:
            self.laad()

    def laad(self) -> None:
        v, beeld = self.v, self.beeld
        van, tot = beeld.periode()
        if van > tot:
            beeld.toon_melding(f"De begindatum ({van:%d-%m-%Y}) ligt na de einddatum ({tot:%d-%m-%Y}); kies een "
                               "periode en klik op Toepassen.", "fout")
            return
        self._vraag += 1
        vraag, map_, stand = self._vraag, v.registermap, v.stand
        self.bezig, self.verouderd = True, False
        beeld.zet_bezig(True)

        def klaar(uitkomst) -> None:
            if vraag == self._vraag:
                self._toon(*uitkomst)

        def mislukt(fout: BaseException) -> None:
            if vraag == self._vraag:
                self._fout(fout)

        v.start("Monitor berekenen…", lambda: bereken(stand, map_, van, tot), klaar, blokkeert=False, mislukt=mislukt)

    def _toon(self, m: Monitor, feiten: str) -> None:
        self.bezig, self.m = False, m
        self.beeld.zet_bezig(False)
        self.beeld.toon(m, feiten)
        meldingen = []
        if m.oefenregister:
            meldingen.append("Dit is een oefenregister: de cijfers zijn van oefencasussen.")
        self.beeld.toon_melding(" ".join(meldingen), "oefening" if m.oefenregister else "register")
        self.beeld.zet_exporteerbaar(True)

    def _fout(self, fout: BaseException) -> None:
        self.bezig, self.m = False, None
        self.beeld.zet_bezig(False)
        self.beeld.zet_exporteerbaar(False, "de monitor is niet berekend (zie de melding)")
        plaats = "de URL van het register" if self.v.register_in_database else "de registermap"
        self.beeld.toon_fout(f"De monitor is niet te berekenen: {melding_van(fout)}\nControleer {plaats} (Bestand › "
                             "Instellingen) en kies Register › Vernieuwen (F5).")
        self.verouderd = True  # de volgende keer opnieuw proberen

    # ------------------------------------------------------------ exporteren

    def exporteer(self, soort: str) -> None:
        v, m = self.v, self.m
        if m is None:
            return
        titel = "Exporteer als Excel" if soort == ".xlsx" else "Exporteer als PDF"
        filter_ = "Excel-werkmap (*.xlsx)" if soort == ".xlsx" else "PDF (*.pdf)"
        periode = (f"{m.van.year}" if m.van and m.tot and (m.van.month, m.van.day, m.tot.month, m.tot.day) == (1, 1, 12, 31)
                   and m.van.year == m.tot.year else f"{m.van:%Y%m%d}-{m.tot:%Y%m%d}" if m.van and m.tot else "alles")
        pad = v.dialogen.kies_opslagbestand(titel, Path.home() / f"monitor-{periode}{soort}", filter_)
        if not pad:
            return
        if pad.suffix.lower() != soort:
            pad = pad.with_name(pad.name + soort)

        def klaar(doel: Path) -> None:
            v.statusBar().showMessage(f"Geschreven: {doel}", 10000)
            v.dialogen.melding_met_map(titel, f"Geschreven: {doel}", doel.parent)

        # het opslagvenster vroeg al of een bestaand bestand vervangen mag
        v.start(f"{titel}…", lambda: diensten.schrijf_monitor(m, pad, overschrijven=True), klaar,
                mislukt=lambda fout: v._mislukt(fout, opnieuw_lezen=False))
