"""De grafieken van de monitor, getekend met QPainter: toegekend per maand, liggende staven (per financier, de
nacalculatie) en de budgetpotten per jaar. Ze tonen wat ze krijgen en rekenen niets; een staaf krijgt zijn
lengte in hele pixels uit de Decimal-bedragen (grafieken.pixels).

Elke grafiek noemt haar waarden ook in de toegankelijke beschrijving en de tooltip, zodat een schermlezer
(en wie geen kleuren ziet) dezelfde cijfers krijgt."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from doorbraak.domein.geld import NUL, formatteer
from doorbraak.gui.formulier import euro_vast
from doorbraak.gui.grafieken import BESPAARD, EXTRA, pixels

TOEGEKEND = QColor("#3a6ea5")
VERWACHT = QColor("#7a9cd6")
POT = QColor("#dfe8f3")
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")




def maandnaam(maand: str, kort: bool = False) -> str:
    """'2026-03' -> 'maart 2026' (of 'mrt' kort)."""
    jaar, nummer = maand.split("-")
    naam = MAANDEN[int(nummer) - 1]
    if kort:
        return {"maart": "mrt", "juni": "jun", "juli": "jul", "september": "sep"}.get(naam, naam[:3])
    return f"{naam} {jaar}"


class _Grafiek(QWidget):
    """Gemeenschappelijk: een toegankelijke naam, de waarden als beschrijving en tooltip, een tekst als het leeg is."""

    def __init__(self, naam: str, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.setAccessibleName(naam)
        self.leegtekst = "Geen gegevens in deze periode."
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)

    def _beschrijf(self, regels: list[str]) -> None:
        tekst = "; ".join(regels) if regels else self.leegtekst
        self.setAccessibleDescription(tekst)
        self.setToolTip("\n".join(regels) if regels else "")
        self.updateGeometry()
        self.update()

    def _tekstkleur(self) -> QColor:
        return self.palette().color(QPalette.WindowText)

    def _leeg(self, p: QPainter) -> None:
        p.setPen(self._tekstkleur())
        p.drawText(self.rect().adjusted(2, 2, -2, -2), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, self.leegtekst)


class Maandgrafiek(_Grafiek):
    """Staande staven: het toegekende bedrag per maand van het besluit (ook maanden zonder besluit)."""

    def __init__(self, ouder: QWidget | None = None):
        super().__init__("Toegekend per maand", ouder)
        self.maanden: list[tuple[str, Decimal, int]] = []  # (JJJJ-MM, toegekend, aantal)
        self.setMinimumHeight(self.fontMetrics().height() * 7)
        self.setMaximumHeight(self.fontMetrics().height() * 18)  # hoger zegt niets meer; op een groot scherm ook niet

    def zet(self, per_maand: list[dict]) -> None:
        self.maanden = [(m["maand"], m["toegekend"], m["aantal"]) for m in per_maand]
        self._beschrijf([self._tekst(i) for i in range(len(self.maanden))])

    def _tekst(self, i: int) -> str:
        maand, bedrag, n = self.maanden[i]
        return f"{maandnaam(maand)}: {formatteer(bedrag)} ({n} {'toekenning' if n == 1 else 'toekenningen'})"

    def sizeHint(self) -> QSize:
        return QSize(320, self.fontMetrics().height() * 16)

    def _vlak(self) -> QRectF:
        """Het vlak van de staven: boven ruimte voor de hoogste waarde, onder voor de maanden."""
        fm = self.fontMetrics()
        return QRectF(4, fm.height() + 6, self.width() - 8, self.height() - 2 * fm.height() - 12)

    def _staaf(self, i: int) -> QRectF:
        vlak = self._vlak()
        grootste = max((b for _m, b, _n in self.maanden), default=NUL) or Decimal(1)
        vak = vlak.width() / max(1, len(self.maanden))
        _m, bedrag, _n = self.maanden[i]
        hoogte = pixels(vlak.height(), max(bedrag, NUL), grootste)
        breedte = min(vak - 2 * min(vak * 0.15, 8.0), self.fontMetrics().horizontalAdvance("x") * 8.0)
        return QRectF(vlak.left() + i * vak + (vak - breedte) / 2, vlak.bottom() - hoogte, breedte, hoogte)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        if not self.maanden:
            self._leeg(p)
            return
        fm = self.fontMetrics()
        kleur = self._tekstkleur()
        vlak = self._vlak()
        vak = vlak.width() / len(self.maanden)
        grootste = max(b for _m, b, _n in self.maanden)
        p.setPen(kleur)
        # de bedragen boven de staven als ze passen, anders alleen de hoogste maand (de rest in de tooltip)
        boven = max(fm.horizontalAdvance(formatteer(b)) for _m, b, _n in self.maanden) + 4 <= vak
        if not boven:
            p.drawText(QRectF(4, 2, self.width() - 8, fm.height()), Qt.AlignLeft | Qt.AlignVCenter,
                       f"hoogste maand: {formatteer(grootste)}")
        jaren = {m[:4] for m, _b, _n in self.maanden}
        # de maandnamen: zo veel als er passen, altijd de eerste
        stap = 1
        breedste = max(fm.horizontalAdvance("mrt '26"), 1)
        while vak * stap < breedste + 4:
            stap += 1
        for i, (maand, bedrag, _n) in enumerate(self.maanden):
            staaf = self._staaf(i)
            p.fillRect(staaf if staaf.height() >= 1 else QRectF(staaf.left(), vlak.bottom() - 1, staaf.width(), 1),
                       TOEGEKEND)
            if boven:
                p.drawText(QRectF(vlak.left() + i * vak, staaf.top() - fm.height() - 2, vak, fm.height()),
                           Qt.AlignHCenter | Qt.AlignBottom, formatteer(bedrag))
            if i % stap == 0:
                naam = maandnaam(maand, kort=True) + (f" '{maand[2:4]}" if len(jaren) > 1 else "")
                p.drawText(QRectF(vlak.left() + i * vak - vak, vlak.bottom() + 3, 3 * vak, fm.height()),
                           Qt.AlignHCenter | Qt.AlignTop, naam)
        p.drawLine(int(vlak.left()), int(vlak.bottom()), int(vlak.right()), int(vlak.bottom()))

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip and self.maanden:  # de maand onder de muis, anders alle maanden
            for i in range(len(self.maanden)):
                staaf = self._staaf(i)
                kolom = QRectF(staaf.left(), self._vlak().top(), staaf.width(), self._vlak().height())
                if kolom.contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), self._tekst(i), self)
                    return True
        return super().event(event)


@dataclass(frozen=True)
class Staaf:
    naam: str
    bedrag: Decimal
    kleur: QColor | None = None  # standaard groen (positief) of rood (negatief)


class _Rijengrafiek(_Grafiek):
    """Een rij per waarde: een tekst (afgebroken op woorden) met daaronder een balk. De hoogte volgt de breedte."""

    def _koppen(self) -> list[str]:
        raise NotImplementedError

    def _kophoogte(self, tekst: str, breedte: int) -> int:
        return self.fontMetrics().boundingRect(QRect(0, 0, max(breedte, 40), 10_000), Qt.TextWordWrap, tekst).height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, breedte: int) -> int:
        koppen = self._koppen()
        if not koppen:
            return self.fontMetrics().height() * 2
        return sum(self._kophoogte(k, breedte - 4) + self.fontMetrics().height() + 10 for k in koppen) + 4

    def sizeHint(self) -> QSize:
        return QSize(300, self.heightForWidth(300))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.fontMetrics().height() * 2)


class Staafgrafiek(_Rijengrafiek):
    """Liggende staven met de naam erboven (afgebroken op woorden, nooit midden in een naam) en het bedrag naast
    de staaf; negatieve bedragen links van een duidelijke nullijn."""

    def __init__(self, naam: str, ouder: QWidget | None = None):
        super().__init__(naam, ouder)
        self.staven: list[Staaf] = []

    def zet(self, staven: list[Staaf]) -> None:
        self.staven = list(staven)
        self._beschrijf([f"{s.naam}: {formatteer(s.bedrag)}" for s in self.staven])

    def _koppen(self) -> list[str]:
        return [s.naam for s in self.staven]

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        if not self.staven:
            self._leeg(p)
            return
        fm = self.fontMetrics()
        kleur = self._tekstkleur()
        breedte = self.width() - 4
        bedragbreedte = max(fm.horizontalAdvance(formatteer(s.bedrag)) for s in self.staven) + 8
        grootste = max(abs(s.bedrag) for s in self.staven) or Decimal(1)
        negatief = any(s.bedrag < 0 for s in self.staven)
        positief = any(s.bedrag > 0 for s in self.staven)
        ruimte = max(breedte - bedragbreedte * (2 if negatief and positief else 1), 20)
        # de nullijn: links als alles positief is, rechts als alles negatief is, anders naar verhouding
        links = max((abs(s.bedrag) for s in self.staven if s.bedrag < 0), default=NUL)
        if negatief and positief:
            nul_x = 2 + bedragbreedte + pixels(ruimte, links, links + max(s.bedrag for s in self.staven))
        elif negatief:
            nul_x = 2 + bedragbreedte + ruimte
        else:
            nul_x = 2.0
        y = 2
        onder = y
        for s in self.staven:
            naamhoogte = self._kophoogte(s.naam, breedte)
            p.setPen(kleur)
            p.drawText(QRectF(2, y, breedte, naamhoogte), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, s.naam)
            y += naamhoogte + 2
            lengte = max(pixels(ruimte, abs(s.bedrag), grootste), 1)
            x = nul_x if s.bedrag >= 0 else nul_x - lengte
            vulling = s.kleur or (BESPAARD if s.bedrag >= 0 else EXTRA)
            p.fillRect(QRectF(x, y, lengte, fm.height()), vulling)
            tekst = formatteer(s.bedrag)
            if s.bedrag >= 0:
                p.drawText(QRectF(x + lengte + 4, y, bedragbreedte, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, tekst)
            else:
                p.drawText(QRectF(x - bedragbreedte - 4, y, bedragbreedte, fm.height()),
                           Qt.AlignRight | Qt.AlignVCenter, tekst)
            y += fm.height() + 8
            onder = y
        if negatief:
            p.setPen(kleur)
            p.drawLine(int(nul_x), 2, int(nul_x), onder - 6)


@dataclass(frozen=True)
class Pot:
    naam: str  # het jaar, of "Pot" bij één doorlopende pot
    budget: Decimal
    toegekend: Decimal
    vrijgevallen: Decimal
    beschikbaar: Decimal


class Budgetgrafiek(_Rijengrafiek):
    """Per budgetjaar een balk zo lang als de pot; het gevulde deel is wat eruit is toegekend (min wat vrijviel)."""

    def __init__(self, ouder: QWidget | None = None):
        super().__init__("Budget per jaar", ouder)
        self.potten: list[Pot] = []
        self.leegtekst = "Geen budget bekend."

    def zet(self, potten: list[Pot]) -> None:
        self.potten = list(potten)
        self._beschrijf([self._tekst(pot) for pot in self.potten])

    @staticmethod
    def _tekst(pot: Pot) -> str:
        vrij = f", vrijgevallen {formatteer(pot.vrijgevallen)}" if pot.vrijgevallen else ""
        return (f"{pot.naam}: pot {formatteer(pot.budget)}, toegekend {formatteer(pot.toegekend)}{vrij}, "
                f"beschikbaar {formatteer(pot.beschikbaar)}")

    def _koppen(self) -> list[str]:
        return [euro_vast(self._tekst(pot)) for pot in self.potten]

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        if not self.potten:
            self._leeg(p)
            return
        fm = self.fontMetrics()
        kleur = self._tekstkleur()
        breedte = self.width() - 4
        grootste = max(max(pot.budget, pot.toegekend) for pot in self.potten) or Decimal(1)
        y = 2
        for pot in self.potten:
            hoogte = self._kophoogte(euro_vast(self._tekst(pot)), breedte)
            p.setPen(kleur)
            p.drawText(QRectF(2, y, breedte, hoogte), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap,
                       euro_vast(self._tekst(pot)))
            y += hoogte + 2
            lengte = pixels(breedte, pot.budget, grootste)
            gebruikt = pixels(breedte, max(pot.toegekend - pot.vrijgevallen, NUL), grootste)
            p.fillRect(QRectF(2, y, lengte, fm.height()), POT)
            p.fillRect(QRectF(2, y, min(gebruikt, breedte), fm.height()), TOEGEKEND)
            p.setPen(QColor("#7a9cd6"))
            p.drawRect(QRectF(2, y, max(lengte - 1, 1.0), fm.height() - 1))
            y += fm.height() + 8
