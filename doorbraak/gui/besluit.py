"""De sectie Besluit: indienen, toetsen en besluiten, met de reden als iets niet mag."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from doorbraak.gui.formulier import euro_vast
from doorbraak.gui.velden import zet_eigenschap, zet_rol

INDIENEN, GOEDKEUREN, AFWIJZEN, BESLUIT_JA, BESLUIT_NEE = "indienen", "goedkeuren", "afwijzen", "besluit_ja", "besluit_nee"
#: de tekst van de knop Indienen als de casus al een goedgekeurde aanvraag heeft
NIEUWE_AANVRAAG = "&Nieuwe aanvraag indienen"
KNOPPEN = (
    (INDIENEN, "&Indienen bij het register", "De casus met haar berekening en de gebruikte prijzen vastleggen"),
    (GOEDKEUREN, "Toetsing: &goedkeuren", "Als tweede coach akkoord geven (vier ogen)"),
    (AFWIJZEN, "Toetsing: af&wijzen…", "Als tweede coach afwijzen, met een reden"),
    (BESLUIT_JA, "Escalatie: &toekennen", "Als beslisser een geëscaleerde aanvraag toekennen"),
    (BESLUIT_NEE, "Escalatie: a&fwijzen…", "Als beslisser een geëscaleerde aanvraag afwijzen, met een reden"),
)


class Besluitdeel(QWidget):
    """Knoppen voor de handelingen; een knop die niet mag is uitgeschakeld en de reden staat ernaast."""

    gevraagd = Signal(str)

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.status = QLabel("Het register wordt gelezen…")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.status.setAccessibleName("Status in het register")
        self.knoppen: dict[str, QPushButton] = {}
        self.redenen: dict[str, QLabel] = {}
        vak = QGroupBox("Handelingen")
        rooster = QGridLayout(vak)
        for rij, (sleutel, tekst, uitleg) in enumerate(KNOPPEN):
            knop = QPushButton(tekst)
            knop.setAccessibleName(tekst.replace("&", "").rstrip("…"))
            knop.setToolTip(uitleg)
            knop.clicked.connect(lambda _c=False, s=sleutel: self.gevraagd.emit(s))
            reden = QLabel()
            zet_rol(reden, "reden")
            reden.setWordWrap(True)
            self.knoppen[sleutel] = knop
            self.redenen[sleutel] = reden
            rooster.addWidget(knop, rij, 0)
            rooster.addWidget(reden, rij, 1)
        rooster.setColumnStretch(1, 1)
        self.spoor = QLabel()
        self.spoor.setWordWrap(True)
        self.spoor.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        laag = QVBoxLayout(self)
        laag.addWidget(self.status)
        laag.addWidget(vak)
        laag.addWidget(self.spoor)
        laag.addStretch(1)

    def zet(self, status: str, redenen: dict[str, str | None], spoor: str = "",
            opmerkingen: dict[str, str] | None = None) -> None:
        """`redenen[sleutel]` is None als de handeling mag, anders waarom niet. `opmerkingen[sleutel]`: wat de
        gebruiker moet weten bij een handeling die mag (zoals dat indienen een nieuwe aanvraag naast een goedgekeurde
        maakt)."""
        self.status.setText(euro_vast(status))  # afgebroken tekst: het €-teken blijft bij zijn bedrag
        self.spoor.setText(euro_vast(spoor))
        opmerkingen = opmerkingen or {}
        for sleutel, knop in self.knoppen.items():
            reden = redenen.get(sleutel, "niet beschikbaar")
            tekst = f"Kan niet: {reden}" if reden is not None else opmerkingen.get(sleutel, "")
            knop.setEnabled(reden is None)
            zet_eigenschap(self.redenen[sleutel], "rol", "reden" if reden is not None else "opmerking")
            self.redenen[sleutel].setText(euro_vast(tekst))
            knop.setAccessibleDescription(tekst)
            knop.setToolTip(dict((k, u) for k, _t, u in KNOPPEN)[sleutel] + (f"\n{tekst}" if tekst else ""))

    def zet_knoptekst(self, sleutel: str, tekst: str) -> None:
        knop = self.knoppen[sleutel]
        if knop.text() != tekst:
            knop.setText(tekst)
            knop.setAccessibleName(tekst.replace("&", "").rstrip("…"))
