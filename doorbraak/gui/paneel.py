"""Het businesscasepaneel: totalen, contante waarde en scenario's, grondslagen, route, een staafdiagram per
financier, waarschuwingen en problemen. Het paneel toont velden van de Businesscase en rekent zelf niets."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QFrame, QGroupBox, QLabel, QListWidget, QListWidgetItem, QScrollArea, QVBoxLayout,
    QWidget,
)

from doorbraak.domein.berekening import Businesscase
from doorbraak.domein.fouten import Probleem
from doorbraak.domein.geld import formatteer, getal_nl
from doorbraak.domein.regels import VIER_OGEN
from doorbraak.gui.formulier import euro_vast, getal_tekst, leesbaar_pad, nog_in_te_vullen
from doorbraak.gui.grafieken import Financiersgrafiek, Jaarstaven
from doorbraak.gui.grondslagenlijst import artikeltekst
from doorbraak.gui.velden import zet_eigenschap, zet_rol

SCENARIO_UITLEG = {
    "laag": "Voorzichtig: zonder doorbraak met kans laag, met doorbraak met kans hoog",
    "midden": "Verwacht: met de kans van elke regel (het netto rendement hierboven)",
    "hoog": "Gunstig: zonder doorbraak met kans hoog, met doorbraak met kans laag",
}
class Schuifvlak(QScrollArea):
    """Het paneel in de dock. Het paneel wordt hoger met elke financier; zonder schuifvlak zou het
    hoofdvenster dan hoger moeten zijn dan een laag scherm (1366 × 768, zeker bij 125 %).

    De breedte is vast: genoeg voor bedragen van zes cijfers (`vaste_breedte` van het paneel), en alleen breder
    als een bedrag meer nodig heeft; nooit weer smaller. Zo verspringt het formulier niet als de lijst met
    problemen verschijnt of de bedragen een streepje worden."""

    def __init__(self, inhoud: QWidget, ouder: QWidget | None = None):
        super().__init__(ouder)
        self._breedte = 0
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setFocusPolicy(Qt.NoFocus)  # geen extra Tab-stop; de lijsten in het paneel blijven bereikbaar
        self.setWidget(inhoud)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.widget() and event.type() == QEvent.LayoutRequest and self._nodig() > self._breedte:
            self.updateGeometry()  # een breder bedrag dan ooit: de dock moet breder
        return super().eventFilter(obj, event)

    def _nodig(self) -> int:
        inhoud = self.widget()
        breedte = max(inhoud.minimumSizeHint().width(), getattr(inhoud, "vaste_breedte", 0))
        return breedte + self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        self._breedte = max(self._breedte, self._nodig())
        return QSize(self._breedte, super().minimumSizeHint().height())


def _lijst(naam: str) -> QListWidget:
    """Een lijst in het paneel (problemen, nog in te vullen, waarschuwingen): minstens twee regels tekst hoog, niet
    het hogere minimum van Qt. De lijsten rekken mee als er ruimte is; zo past het paneel op 1366 × 768 zonder te
    schuiven, ook met een probleem, voorlopige totalen en hun waarschuwing. Een lange lijst schuift zelf."""
    lijst = QListWidget()
    lijst.setAccessibleName(naam)
    lijst.setWordWrap(True)
    lijst.setAlternatingRowColors(True)
    lijst.setMinimumHeight(2 * lijst.fontMetrics().lineSpacing() + 2 * lijst.frameWidth() + 4)
    return lijst


class _PaneelLaag(QVBoxLayout):
    """Zegt tegen het schuifvlak geen hoogte-voor-breedte te hebben (de afgebroken teksten wel): dan
    krijgt het paneel de hoogte van de dock en krimpen de lijsten, zoals zonder schuifvlak, en schuift
    het pas als zelfs het minimum niet past."""

    def hasHeightForWidth(self) -> bool:
        return False


class Businesscasepaneel(QWidget):
    """Wat de casus oplevert, bijgewerkt bij elke toets."""

    probleem_gekozen = Signal(str)  # veldpad

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.route = QLabel("—")
        zet_rol(self.route, "route")
        self.route.setAccessibleName("Beslisroute")
        self.route.setWordWrap(True)
        self.bedragen: dict[str, QLabel] = {}
        totalen = QGroupBox("Businesscase")
        vorm = QFormLayout(totalen)
        for sleutel, label in (("interventie", "Interventie"), ("zonder", "Kosten zonder doorbraak"),
                               ("met", "Kosten met doorbraak"), ("vermeden", "Vermeden kosten"),
                               ("netto", "Netto rendement"), ("ratio", "Rendementsratio"),
                               ("prijslijst", "Prijslijst")):
            waarde = QLabel("—")
            waarde.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
            waarde.setAccessibleName(label)
            waarde.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.bedragen[sleutel] = waarde
            vorm.addRow(label + ":", waarde)
        self.jarenvak = self._maak_jarenvak()
        self.grondslagen = QLabel("—")
        self.grondslagen.setWordWrap(True)
        self.grondslagen.setOpenExternalLinks(True)
        self.grondslagen.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.grondslagen.setAccessibleName("Grondslagen")
        grondslagvak = QGroupBox("Grondslagen")
        QVBoxLayout(grondslagvak).addWidget(self.grondslagen)
        self.grafiek = Financiersgrafiek()
        grafiekvak = QGroupBox("Vermeden kosten per financier")
        QVBoxLayout(grafiekvak).addWidget(self.grafiek)
        self.waarschuwingen = _lijst("Waarschuwingen")
        # wat nog ontbreekt (neutraal, zolang de coach het veld niet bewerkte) en wat niet klopt
        self.nog_kop, self.nog = self._veldlijst("Nog in te vullen (kies er een om naar het veld te gaan):",
                                                 "Nog in te vullen")
        self.problemen_kop, self.problemen = self._veldlijst(
            "Problemen in de invoer (kies er een om naar het veld te gaan):", "Problemen in de invoer")
        laag = _PaneelLaag(self)
        laag.setContentsMargins(2, 2, 2, 2)  # het schuifvlak en de dock hebben al een rand
        laag.addWidget(self.route)
        laag.addWidget(totalen)
        laag.addWidget(self.jarenvak)
        laag.addWidget(grondslagvak)
        laag.addWidget(grafiekvak)
        for kop, lijst in ((self.nog_kop, self.nog), (self.problemen_kop, self.problemen)):
            laag.addWidget(kop)
            laag.addWidget(lijst, 1)
        laag.addWidget(QLabel("Waarschuwingen:"))
        laag.addWidget(self.waarschuwingen, 1)
        # de breedte met bedragen van zes cijfers in elk vak: het paneel wordt niet smaller als ze een streepje
        # worden (bij een probleem in de invoer), en niet breder bij gewone bedragen
        for label in self.bedragen.values():
            label.setText("€ 000.000,00")
        self.vaste_breedte = self.minimumSizeHint().width()
        for label in self.bedragen.values():
            label.setText("—")

    def _bedraglabel(self, sleutel: str, naam: str) -> QLabel:
        """Een bedrag: rechts uitgelijnd, selecteerbaar, nooit afgebroken (geen woordomslag)."""
        waarde = QLabel("—")
        waarde.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        waarde.setAccessibleName(naam)
        waarde.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        waarde.setToolTip(SCENARIO_UITLEG.get(sleutel, ""))
        self.bedragen[sleutel] = waarde
        return waarde

    def _maak_jarenvak(self) -> QGroupBox:
        """Meerdere jaren, compact (dichte regels): contant (disconto), de drie scenario's uit het kansbereik, het
        terugverdienjaar en een kleine staaf per jaar."""
        vak = QGroupBox("Over de jaren")
        vorm = QFormLayout(vak)
        vorm.setVerticalSpacing(2)
        for sleutel, label in (("contant_vermeden", "Contant vermeden"), ("contant_netto", "Contant netto"),
                               ("laag", "Netto laag"), ("midden", "Netto midden"), ("hoog", "Netto hoog"),
                               ("terugverdienjaar", "Terugverdiend")):
            vorm.addRow(label + ":", self._bedraglabel(sleutel, label))
            if sleutel in SCENARIO_UITLEG:
                vorm.labelForField(self.bedragen[sleutel]).setToolTip(SCENARIO_UITLEG[sleutel])
        self.jaarstaven = Jaarstaven()
        vorm.addRow("Per jaar:", self.jaarstaven)
        return vak

    def _veldlijst(self, kop: str, naam: str) -> tuple[QLabel, QListWidget]:
        label = QLabel(kop)
        label.setWordWrap(True)
        lijst = _lijst(naam)
        lijst.itemActivated.connect(lambda item: self.probleem_gekozen.emit(item.data(Qt.UserRole)))
        lijst.itemClicked.connect(lambda item: self.probleem_gekozen.emit(item.data(Qt.UserRole)))
        return label, lijst

    @staticmethod
    def _vul(kop: QLabel, lijst: QListWidget, problemen: list[Probleem], tekst) -> None:
        lijst.clear()
        for p in problemen:
            item = QListWidgetItem(euro_vast(tekst(p) if p.pad else p.melding))
            item.setToolTip(p.pad)
            item.setData(Qt.UserRole, p.pad)
            lijst.addItem(item)
        lijst.setVisible(bool(problemen))
        kop.setVisible(bool(problemen))

    def toon(self, bc: Businesscase | None, problemen: list[Probleem], nog: list[Probleem] = (),
             weggelaten: int = 0) -> None:
        """`problemen` zijn fouten in de invoer; `nog` zijn velden die de coach nog niet invulde; `weggelaten`
        onvolledige regels: dan zijn de totalen voorlopig en zegt de route (bovenaan, altijd in beeld) dat."""
        self._vul(self.problemen_kop, self.problemen, problemen, lambda p: f"{leesbaar_pad(p.pad)}: {p.melding}")
        self._vul(self.nog_kop, self.nog, list(nog), nog_in_te_vullen)
        self.waarschuwingen.clear()
        if bc is None:
            for label in self.bedragen.values():
                label.setText("—")
            self.jarenvak.setTitle("Over de jaren")
            self.bedragen["terugverdienjaar"].setToolTip("")
            self.grondslagen.setText("—")
            self.grondslagen.setToolTip("")
            if problemen:
                aantal = "1 probleem" if len(problemen) == 1 else f"{len(problemen)} problemen"
                self.route.setText(f"Nog niet te berekenen: {aantal} in de invoer")
            elif nog:
                self.route.setText(f"Nog niet te berekenen: nog {len(nog)} {'veld' if len(nog) == 1 else 'velden'} "
                                   "in te vullen")
            else:
                self.route.setText("Nog niet te berekenen")
            zet_eigenschap(self.route, "soort", "geen")
            self.grafiek.zet(())
            self.jaarstaven.zet((), None)
            return
        b = self.bedragen
        b["interventie"].setText(formatteer(bc.interventie_totaal))
        b["zonder"].setText(formatteer(bc.kosten_zonder))
        b["met"].setText(formatteer(bc.kosten_met))
        b["vermeden"].setText(formatteer(bc.vermeden_kosten))
        b["netto"].setText(formatteer(bc.netto_rendement))
        b["ratio"].setText("geen" if bc.rendement_ratio is None else getal_nl(bc.rendement_ratio, 2))
        b["ratio"].setToolTip("Geen ratio: de interventie is € 0,00" if bc.rendement_ratio is None else
                              f"Elke euro interventie vermijdt {formatteer(bc.rendement_ratio)} aan kosten")
        b["prijslijst"].setText(bc.prijslijst_versie or "—")
        self._toon_jaren(bc)
        self._toon_grondslagen(bc)
        eerder = f"; eerder goedgekeurd voor deze casus {formatteer(bc.eerder_goedgekeurd)}" if bc.eerder_goedgekeurd else ""
        if bc.route == VIER_OGEN:
            route = f"Vier ogen: tot en met {formatteer(bc.limiet)} na toetsing door een tweede coach{eerder}"
        else:
            route = f"Escalatie: boven de limiet van {formatteer(bc.limiet)}{eerder}"
        if weggelaten:
            regels = "1 onvolledige regel" if weggelaten == 1 else f"{weggelaten} onvolledige regels"
            route = f"Voorlopig: totalen zonder {regels} (zie Waarschuwingen)"
        self.route.setText(euro_vast(route))
        zet_eigenschap(self.route, "soort", "geen" if weggelaten else bc.route)
        self.grafiek.zet(bc.financiers)
        for w in bc.waarschuwingen:
            self.waarschuwingen.addItem(euro_vast(w))
        if not bc.waarschuwingen:
            self.waarschuwingen.addItem("Geen waarschuwingen.")

    def _toon_jaren(self, bc: Businesscase) -> None:
        b = self.bedragen
        jaren = "1 jaar" if bc.horizon_jaren == 1 else f"{bc.horizon_jaren} jaar"
        self.jarenvak.setTitle(f"Over {jaren} (discontovoet {getal_tekst(bc.discontovoet * 100)}%)")
        b["contant_vermeden"].setText(formatteer(bc.contant.vermeden_kosten))
        b["contant_netto"].setText(formatteer(bc.contant.netto_rendement))
        b["terugverdienjaar"].setText("niet binnen de horizon" if bc.terugverdienjaar is None
                                      else f"in jaar {bc.terugverdienjaar}")
        b["terugverdienjaar"].setToolTip("\n".join(
            ["Het eerste jaar waarin de contante vermeden kosten de interventie dekken.",
             "Netto per jaar (nominaal):"] + [f"jaar {j.jaar}: {formatteer(j.netto)}" for j in bc.per_jaar]))
        for naam in ("laag", "midden", "hoog"):
            scenario = bc.scenarios.get(naam)
            b[naam].setText("—" if scenario is None else formatteer(scenario.netto_rendement))
        self.jaarstaven.zet(bc.per_jaar, bc.terugverdienjaar)

    def _toon_grondslagen(self, bc: Businesscase) -> None:
        if not bc.grondslagen:
            self.grondslagen.setText("Geen grondslag genoemd.")
            self.grondslagen.setToolTip("")
            return
        self.grondslagen.setText("<br>".join(
            f'<a href="{escape(g.grondslag.url)}">{escape(g.grondslag.code)}</a> {escape(artikeltekst(g.grondslag))}'
            for g in bc.grondslagen))
        self.grondslagen.setToolTip("\n".join(f"{g.grondslag.code}: {g.toelichting or g.grondslag.omschrijving}"
                                               for g in bc.grondslagen))
