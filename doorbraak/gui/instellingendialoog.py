"""De instellingen: het register (een map, bijvoorbeeld op een share, of een PostgreSQL-URL), de prijslijstmap en
uw eigen naam.

Wie u bent, stelt u hier niet in: dat is de login van het systeem (bij PostgreSQL de gebruiker waarmee de
database u aanmeldt), met de weergavenaam die het register bij die login kent
(`doorbraak register instellen --naam LOGIN=NAAM`). De eigen naam staat alleen naast de login en komt bij een nieuwe
casus in het veld Coach als het register geen naam bij de login kent. Een wachtwoord hoort nooit in de URL en dus
nooit in het instellingenbestand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from doorbraak import diensten
from doorbraak.domein.fouten import InvoerFout
from doorbraak.instellingen import NAAM_MAX, Instellingen, Mappen, eigen_naam
from doorbraak.gui.velden import Veld


class Instellingendialoog(QDialog):
    """Lege velden betekenen: de standaard (die staat als voorbeeld in het veld)."""

    def __init__(self, inst: Instellingen, mappen: Mappen, login: str, dialogen, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setWindowTitle("Instellingen")
        self.dialogen = dialogen
        self.mappen = mappen
        self.register = Veld(QLineEdit(inst.registermap), "Register (map of PostgreSQL-URL)")
        self.register.invoer.setPlaceholderText(f"standaard: lokaal register in {mappen.standaardregister}")
        self.prijslijst = Veld(QLineEdit(inst.prijslijstmap), "Prijslijstmap")
        self.prijslijst.invoer.setPlaceholderText(f"standaard: {diensten.standaard_prijslijstmap()}")
        self.naam = Veld(QLineEdit(inst.naam), "Uw naam")
        self.naam.invoer.setMaxLength(NAAM_MAX)
        self.naam.invoer.setPlaceholderText(f"leeg: uw login ({login})")
        vorm = QFormLayout()
        vorm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for label, veld, titel in (("&Register (map of PostgreSQL-URL)", self.register, "Registermap kiezen"),
                                   ("&Prijslijstmap", self.prijslijst, "Prijslijstmap kiezen"),
                                   (f"Uw &naam (naast uw login {login.replace('&', '&&')})", self.naam, "")):
            if titel:
                rij = QWidget()
                h = QHBoxLayout(rij)
                h.setContentsMargins(0, 0, 0, 0)
                h.addWidget(veld, 1)
                knop = QPushButton("Bladeren…")
                knop.setAccessibleName(f"{titel}")
                knop.clicked.connect(lambda _c=False, v=veld, t=titel: self._blader(v, t))
                h.addWidget(knop)
                vorm.addRow(label, rij)
            else:
                vorm.addRow(label, veld)
            lbl = vorm.labelForField(rij if titel else veld)
            lbl.setBuddy(veld.invoer)
        uitleg = QLabel(f"U handelt altijd als uw login van het systeem ({login}); de naam die daarbij in documenten "
                        "staat, legt de teamleider vast in het register. Uw eigen naam komt bij een nieuwe casus in "
                        "het veld Coach als het register geen naam bij uw login kent. Een registermap op een "
                        "netwerkschijf delen coaches samen; een lege map wordt bij de eerste start het lokale "
                        "register.")
        uitleg.setWordWrap(True)
        # opgemaakte tekst, zodat de voorbeeld-URL niet over twee regels breekt (er staat niets van de gebruiker in)
        database = QLabel("Het register kan ook in een PostgreSQL-database staan: vul dan een URL in, zoals "
                          "<nobr>postgresql://server/doorbraak</nobr>. U handelt dan als de gebruiker waarmee de "
                          "database u aanmeldt. Een wachtwoord hoort niet in de URL: gebruik PGPASSFILE, een "
                          "servicebestand of <nobr>GSSAPI/Kerberos</nobr>.")
        database.setTextFormat(Qt.RichText)
        database.setWordWrap(True)
        knoppen = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        knoppen.button(QDialogButtonBox.Ok).setText("&Bewaren")
        knoppen.button(QDialogButtonBox.Cancel).setText("&Annuleren")
        knoppen.accepted.connect(self.accept)
        knoppen.rejected.connect(self.reject)
        self.knoppen = knoppen
        laag = QVBoxLayout(self)
        laag.addLayout(vorm)
        laag.addWidget(uitleg)
        laag.addWidget(database)
        laag.addWidget(knoppen)
        self.resize(self.fontMetrics().horizontalAdvance("x") * 100, self.sizeHint().height())
        self._pas_hoogte_aan()

    def _pas_hoogte_aan(self) -> None:
        """Hoog genoeg voor alle tekst bij deze breedte, ook voor een melding die er net bij kwam (een venster
        past zijn hoogte niet vanzelf aan tekst aan die over meer regels loopt)."""
        self.layout().activate()
        nodig = self.layout().totalHeightForWidth(self.width())
        if nodig > self.height():
            self.resize(self.width(), nodig)

    def _blader(self, veld: Veld, titel: str) -> None:
        tekst = veld.invoer.text().strip()
        begin = Path(tekst) if tekst and not diensten.is_postgresql(tekst) else Path.home()
        gekozen = self.dialogen.kies_map(titel, begin)
        if gekozen:
            veld.invoer.setText(str(gekozen))

    def instellingen(self, oud: Instellingen) -> Instellingen:
        return Instellingen(self.register.invoer.text().strip(), self.prijslijst.invoer.text().strip(), oud.recent,
                            eigen_naam(self.naam.invoer.text()))

    def accept(self) -> None:
        """Een prijslijstmap die niet te lezen is, of een register-URL met een wachtwoord, wordt niet bewaard:
        de melding staat bij het veld."""
        self.register.zet_fout("")
        self.prijslijst.zet_fout("")
        register = self.register.invoer.text().strip()
        if diensten.is_postgresql(register):
            try:
                diensten.controleer_register_url(register)
            except InvoerFout as fout:
                melding = fout.problemen[0].melding
                self.register.zet_fout(melding[0].upper() + melding[1:] + ".")
                self._pas_hoogte_aan()
                self.register.invoer.setFocus()
                return
        pad = self.prijslijst.invoer.text().strip()
        if pad:
            try:
                diensten.open_prijslijst(pad)
            except InvoerFout as fout:
                self.prijslijst.zet_fout("; ".join(str(p) for p in fout.problemen[:3]))
                self._pas_hoogte_aan()
                self.prijslijst.invoer.setFocus()
                return
        # verder wordt het register niet hier gecontroleerd (een share of een databaseserver kan traag zijn):
        # het venster leest het register op de achtergrond en meldt wat er mis is
        super().accept()
