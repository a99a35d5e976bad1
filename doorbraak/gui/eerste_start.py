"""De eerste start: met welk register werkt u, en hoe heet u?

Zonder deze vraag maakte de app stil een lokaal register aan dat geen collega ziet. Nu kiest de gebruiker in twee
korte stappen: (1) voorlopig alleen werken (een lokaal register in de datamap) of het gedeelde register van het team
(een map of een PostgreSQL-URL), en (2) de eigen naam, die naast de login staat en bij een nieuwe casus in het veld
Coach komt. Wie handelt blijft altijd de login; de naam is alleen om te tonen.

De eerste start is: er is nog geen instellingenbestand (instellingen.is_eerste_start). De dialoog gaat via de naad
`Dialogen.eerste_start` en blokkeert de gebeurtenissenlus niet (open(), niet exec()). Het register wordt pas na de
keuze gelezen, zodat er geen lokaal register ontstaat als de gebruiker het gedeelde kiest. Annuleren (of het venster
sluiten) telt als "voorlopig alleen werken": dat wordt ook bewaard, zodat de vraag niet bij elke start terugkomt, en
de statusbalk zegt waar het later te veranderen is.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QStackedWidget, QVBoxLayout,
    QWidget,
)

from doorbraak import diensten
from doorbraak.domein.fouten import InvoerFout
from doorbraak.gui.overzicht import melding_van
from doorbraak.gui.velden import Veld, zet_rol
from doorbraak.instellingen import NAAM_MAX, Instellingen, bewaar_instellingen, eigen_naam

if TYPE_CHECKING:
    from doorbraak.gui.hoofdvenster import Hoofdvenster

LOKAAL_UITLEG = ("Het register staat alleen op deze computer: collega's zien uw aanvragen niet en kunnen ze dus ook "
                 "niet toetsen. Later overstappen kan via Bestand › Instellingen.")
GEDEELD_UITLEG = ("Het register van het team, op een netwerkmap of in een PostgreSQL-database: daarin toetsen "
                  "collega's elkaars aanvragen. De teamleider richt het in met <nobr>'register init'</nobr>; "
                  "vraag de teamleider waar het staat.")
LATER = "Een gedeeld register kiest u later in Bestand › Instellingen."


def vraag(venster: Hoofdvenster) -> bool:
    """Bij de eerste start (dat bepaalt `Hoofdvenster.begin`, vóór het openen van een bestand): de dialoog openen
    (zonder te wachten). True als het register pas na de keuze gelezen wordt; False als er niets gevraagd is: dan
    leest het venster het register meteen, zoals altijd."""
    try:
        login = venster.gebruiker.os_login
    except InvoerFout:  # het systeem gaf geen login (opslag.GeenLogin): handelen kan dan niet, kiezen wel
        login = "(onbekend)"
    return venster.dialogen.eerste_start(login, venster.mappen.standaardregister,
                                         lambda keuze: na_keuze(venster, keuze))


def na_keuze(venster: Hoofdvenster, keuze: Instellingen | None) -> None:
    """De keuze bewaren en pas dan het register lezen. `keuze` None: geannuleerd, dat is voorlopig lokaal."""
    v = venster
    nieuw = replace(v.inst, registermap=keuze.registermap if keuze else "", naam=keuze.naam if keuze else "")
    try:
        bewaar_instellingen(v.mappen, nieuw)
    except (OSError, InvoerFout) as fout:  # dan komt de vraag bij de volgende start terug; nu geldt de keuze wel
        v.dialogen.fout("Instellingen", f"Uw keuze is niet bewaard: {melding_van(fout)}")
    v.inst = nieuw
    if not nieuw.registermap:
        v.statusBar().showMessage(f"U werkt voorlopig alleen, met een lokaal register. {LATER}", 15000)
    if v.documenten.voorlopig_id and v.pad is None and v.editor.undo.isClean():
        v.documenten.nieuw_document()  # de eigen naam in het veld Coach, ook als het register niet te lezen is
    v.registeracties.lees()


def _uitleg(tekst: str, inspringen: int = 0, opgemaakt: bool = False) -> QLabel:
    """Een uitleg die over regels loopt; opgemaakt alleen voor vaste tekst (een pad of login blijft platte tekst)."""
    label = QLabel(tekst)
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText if opgemaakt else Qt.PlainText)
    label.setContentsMargins(inspringen, 0, 0, 0)
    return label


class Eerstestartdialoog(QDialog):
    """Twee stappen op één plek (een QStackedWidget): het register, en de eigen naam naast de login."""

    def __init__(self, login: str, standaardregister: Path, dialogen, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setWindowTitle("Welkom bij Doorbraak")
        self.dialogen = dialogen
        self.login = login
        self.stappen = QStackedWidget()
        self.stappen.addWidget(self._stap_register(standaardregister))
        self.stappen.addWidget(self._stap_naam(login))

        self.vorige = QPushButton("&Vorige")
        self.annuleren = QPushButton("Annuleren")
        self.annuleren.setToolTip("Voorlopig alleen werken, met een lokaal register. " + LATER)
        self.volgende = QPushButton("V&olgende")
        self.klaar = QPushButton("&Beginnen")
        self.vorige.clicked.connect(lambda: self._naar(0))
        self.annuleren.clicked.connect(self.reject)
        self.volgende.clicked.connect(self._volgende)
        self.klaar.clicked.connect(self.accept)
        knoppen = QHBoxLayout()
        knoppen.addWidget(self.annuleren)
        knoppen.addStretch(1)
        for knop in (self.vorige, self.volgende, self.klaar):
            knoppen.addWidget(knop)
        laag = QVBoxLayout(self)
        laag.addWidget(self.stappen)
        laag.addStretch(1)
        laag.addLayout(knoppen)
        self.resize(self.fontMetrics().horizontalAdvance("x") * 92, self.sizeHint().height())
        self._naar(0)

    def _stap_register(self, standaardregister: Path) -> QWidget:
        stap = QWidget()
        laag = QVBoxLayout(stap)
        laag.setContentsMargins(0, 0, 0, 0)
        kop = QLabel("<b>Stap 1 van 2: met welk register werkt u?</b>")
        self.lokaal = QRadioButton("Voorlopig &alleen werken, met een lokaal register op deze computer")
        self.gedeeld = QRadioButton("Het &gedeelde register van het team")
        self.lokaal.setChecked(True)
        self.soort = QButtonGroup(stap)
        self.soort.addButton(self.lokaal)
        self.soort.addButton(self.gedeeld)
        self.lokaal.toggled.connect(self._lokaal_gekozen)
        inspringen = self.fontMetrics().horizontalAdvance("x") * 4
        self.register = Veld(QLineEdit(), "Gedeeld register (map of PostgreSQL-URL)")
        self.register.invoer.setPlaceholderText("een netwerkmap, of postgresql://server/doorbraak")
        self.register.invoer.textEdited.connect(lambda _t: self.gedeeld.setChecked(True))
        self.bladeren = QPushButton("Bladeren…")
        self.bladeren.setAccessibleName("Map van het gedeelde register kiezen")
        self.bladeren.clicked.connect(self._blader)
        rij = QHBoxLayout()
        rij.setContentsMargins(inspringen, 0, 0, 0)
        rij.addWidget(self.register, 1)
        rij.addWidget(self.bladeren, 0, Qt.AlignTop)
        laag.addWidget(kop)
        laag.addSpacing(6)
        laag.addWidget(self.lokaal)
        laag.addWidget(_uitleg(LOKAAL_UITLEG, inspringen))
        # een oudere versie kan het al stil hebben aangemaakt (de datamap is lokaal: even kijken kost niets)
        plaats = _uitleg(f"Het lokale register {'staat' if standaardregister.exists() else 'komt'} in "
                         f"{standaardregister}", inspringen)
        plaats.setTextInteractionFlags(Qt.TextSelectableByMouse)
        laag.addWidget(plaats)
        laag.addSpacing(6)
        laag.addWidget(self.gedeeld)
        laag.addWidget(_uitleg(GEDEELD_UITLEG, inspringen, opgemaakt=True))
        laag.addLayout(rij)
        self.wachtwoordhint = _uitleg("Een wachtwoord hoort niet in de URL: gebruik PGPASSFILE, een servicebestand of "
                                      "<nobr>GSSAPI/Kerberos</nobr>.", inspringen, opgemaakt=True)
        laag.addWidget(self.wachtwoordhint)
        laag.addStretch(1)
        return stap

    def _stap_naam(self, login: str) -> QWidget:
        stap = QWidget()
        laag = QVBoxLayout(stap)
        laag.setContentsMargins(0, 0, 0, 0)
        kop = QLabel("<b>Stap 2 van 2: uw naam</b>")
        aangemeld = QLabel(f"U bent aangemeld als <b>{html.escape(login)}</b>.")
        aangemeld.setTextFormat(Qt.RichText)
        aangemeld.setAccessibleName("Aangemeld als")
        self.aangemeld = aangemeld
        self.naam = Veld(QLineEdit(), "Uw naam")
        self.naam.invoer.setMaxLength(NAAM_MAX)
        self.naam.invoer.setPlaceholderText("bijvoorbeeld Ann de Vries")
        self.naam.invoer.textChanged.connect(self._werk_naamhint_bij)
        label = QLabel("Uw &naam:")
        label.setBuddy(self.naam.invoer)
        rij = QHBoxLayout()
        rij.addWidget(label, 0, Qt.AlignTop)
        rij.addWidget(self.naam, 1)
        self.naamhint = _uitleg("")
        zet_rol(self.naamhint, "reden")
        laag.addWidget(kop)
        laag.addSpacing(6)
        laag.addWidget(aangemeld)
        laag.addWidget(_uitleg("Met die login legt Doorbraak vast wie iets doet; dat verandert u hier niet. Uw naam "
                               "staat ernaast en komt bij een nieuwe casus in het veld Coach. Kent het register een "
                               "naam bij uw login, dan staat die daar."))
        laag.addSpacing(6)
        laag.addLayout(rij)
        laag.addWidget(self.naamhint)
        laag.addSpacing(12)
        self.samenvatting = _uitleg("")  # de keuze uit stap 1, om na te kijken voor 'Beginnen'
        laag.addWidget(self.samenvatting)
        laag.addStretch(1)
        self._werk_naamhint_bij()
        return stap

    # ------------------------------------------------------------ de stappen

    @property
    def stap(self) -> int:
        return self.stappen.currentIndex()

    def _naar(self, stap: int) -> None:
        register = self.keuze().registermap
        self.samenvatting.setText(f"Register: het gedeelde register in {diensten.toonbare_locatie(register)}."
                                  if register else "Register: een lokaal register op deze computer (alleen voor u).")
        self.stappen.setCurrentIndex(stap)
        self.vorige.setVisible(stap == 1)
        self.volgende.setVisible(stap == 0)
        self.klaar.setVisible(stap == 1)
        (self.klaar if stap == 1 else self.volgende).setDefault(True)
        (self.naam.invoer if stap == 1 else (self.register.invoer if self.gedeeld.isChecked() else self.lokaal)
         ).setFocus()
        self._pas_hoogte_aan()

    def _pas_hoogte_aan(self) -> None:
        """Hoog genoeg voor alle tekst bij deze breedte, ook na een melding die er net bij kwam."""
        self.layout().activate()
        nodig = self.layout().totalHeightForWidth(self.width())
        if nodig > self.height():
            self.resize(self.width(), nodig)

    def _blader(self) -> None:
        tekst = self.register.invoer.text().strip()
        begin = Path(tekst) if tekst and not diensten.is_postgresql(tekst) else Path.home()
        gekozen = self.dialogen.kies_map("Map van het gedeelde register kiezen", begin)
        if gekozen:
            self.register.invoer.setText(str(gekozen))
            self.gedeeld.setChecked(True)
            self.register.zet_fout("")

    def _lokaal_gekozen(self, aan: bool) -> None:
        if aan:  # een melding over het gedeelde register geldt dan niet meer
            self.register.zet_fout("")
            self.wachtwoordhint.show()

    def _werk_naamhint_bij(self) -> None:
        leeg = not eigen_naam(self.naam.invoer.text())
        self.naamhint.setText(f"Leeg laten mag: dan staat uw login ({self.login}) in het veld Coach." if leeg else
                              "U kunt uw naam later wijzigen in Bestand › Instellingen.")

    def waarom_niet_verder(self) -> str:
        """Waarom stap 1 nog niet af is (leeg: wel af). Een map wordt hier niet gecontroleerd: een netwerkschijf kan
        traag zijn; het venster leest het register op de achtergrond en meldt wat er mis is."""
        if not self.gedeeld.isChecked():
            return ""
        tekst = self.register.invoer.text().strip()
        if not tekst:
            return "Vul de map of de URL van het gedeelde register in; de teamleider weet waar het staat."
        if diensten.is_postgresql(tekst):
            try:
                diensten.controleer_register_url(tekst)
            except InvoerFout as fout:
                melding = fout.problemen[0].melding
                return melding[0].upper() + melding[1:] + "."
        return ""

    def _volgende(self) -> None:
        reden = self.waarom_niet_verder()
        self.register.zet_fout(reden)
        self.wachtwoordhint.setVisible(not reden.startswith("Zet geen wachtwoord"))  # de melding zegt het al
        if reden:
            self._pas_hoogte_aan()
            self.register.invoer.setFocus()
            return
        self._naar(1)

    def accept(self) -> None:
        if self.stap == 0:  # Enter in stap 1 is 'Volgende'
            self._volgende()
            return
        super().accept()

    def keuze(self) -> Instellingen:
        """Wat er gekozen is (alleen het register en de naam; de rest van de instellingen blijft)."""
        register = self.register.invoer.text().strip() if self.gedeeld.isChecked() else ""
        return Instellingen(registermap=register, naam=eigen_naam(self.naam.invoer.text()))
