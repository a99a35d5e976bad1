"""De instellingen: registermap (bijvoorbeeld op een share) en prijslijstmap.

Wie u bent, stelt u hier niet in: dat is de login van het systeem, met de weergavenaam die het register
bij die login kent (`doorbraak register instellen --naam LOGIN=NAAM`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from doorbraak import diensten
from doorbraak.domein.fouten import InvoerFout
from doorbraak.instellingen import Instellingen, Mappen
from doorbraak.gui.velden import Veld


class Instellingendialoog(QDialog):
    """Lege velden betekenen: de standaard (die staat als voorbeeld in het veld)."""

    def __init__(self, inst: Instellingen, mappen: Mappen, login: str, dialogen, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setWindowTitle("Instellingen")
        self.dialogen = dialogen
        self.mappen = mappen
        self.register = Veld(QLineEdit(inst.registermap), "Registermap")
        self.register.invoer.setPlaceholderText(f"standaard: lokaal register in {mappen.standaardregister}")
        self.prijslijst = Veld(QLineEdit(inst.prijslijstmap), "Prijslijstmap")
        self.prijslijst.invoer.setPlaceholderText(f"standaard: {diensten.standaard_prijslijstmap()}")
        vorm = QFormLayout()
        vorm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for label, veld, titel in (("&Registermap", self.register, "Registermap kiezen"),
                                   ("&Prijslijstmap", self.prijslijst, "Prijslijstmap kiezen")):
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
                        "staat, legt de teamleider vast in het register. Een registermap op een netwerkschijf delen "
                        "coaches samen; een lege map wordt bij de eerste start het lokale register.")
        uitleg.setWordWrap(True)
        knoppen = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        knoppen.button(QDialogButtonBox.Ok).setText("&Bewaren")
        knoppen.button(QDialogButtonBox.Cancel).setText("&Annuleren")
        knoppen.accepted.connect(self.accept)
        knoppen.rejected.connect(self.reject)
        self.knoppen = knoppen
        laag = QVBoxLayout(self)
        laag.addLayout(vorm)
        laag.addWidget(uitleg)
        laag.addWidget(knoppen)
        self.resize(self.fontMetrics().horizontalAdvance("x") * 90, self.sizeHint().height())

    def _blader(self, veld: Veld, titel: str) -> None:
        begin = Path(veld.invoer.text()) if veld.invoer.text().strip() else Path.home()
        gekozen = self.dialogen.kies_map(titel, begin)
        if gekozen:
            veld.invoer.setText(str(gekozen))

    def instellingen(self, oud: Instellingen) -> Instellingen:
        return Instellingen(self.register.invoer.text().strip(), self.prijslijst.invoer.text().strip(), oud.recent)

    def accept(self) -> None:
        """Een prijslijstmap die niet te lezen is, wordt niet bewaard: de melding staat bij het veld."""
        self.prijslijst.zet_fout("")
        pad = self.prijslijst.invoer.text().strip()
        if pad:
            try:
                diensten.open_prijslijst(pad)
            except InvoerFout as fout:
                self.prijslijst.zet_fout("; ".join(str(p) for p in fout.problemen[:3]))
                self.prijslijst.invoer.setFocus()
                return
        # de registermap wordt niet hier gecontroleerd (een share kan traag zijn): het venster leest
        # het register op de achtergrond en meldt wat er mis is
        super().accept()
