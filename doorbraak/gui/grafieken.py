"""De tekeningen in het businesscasepaneel: staven per financier en kleine staven per jaar.

Elke tekening heeft een indeling die een gewone functie is (tekst, staaf en waarde per rij, bij een
gegeven breedte); `paintEvent` tekent alleen wat die functie teruggeeft. Zo is te testen dat een lange
naam helemaal getekend wordt en een negatieve staaf links van de nullijn staat."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from doorbraak.domein.berekening import Financierssaldo, Jaaruitkomst
from doorbraak.domein.geld import NUL, formatteer
from doorbraak.gui.formulier import euro_vast

BESPAARD = QColor("#2e7d4f")
EXTRA = QColor("#b3261e")
RAND = 2  # pixels rondom de tekening
TUSSENRUIMTE = 6  # pixels tussen staaf en waarde




def breek_af(tekst: str, breedte: float, fm: QFontMetrics) -> list[str]:
    """De tekst over regels van hoogstens `breedte` pixels, afgebroken tussen woorden; alleen een woord dat
    zelf te breed is, wordt binnen het woord afgebroken. Nooit ingekort: samen is het de hele tekst."""
    regels: list[str] = []
    regel = ""
    for woord in tekst.split():
        kandidaat = f"{regel} {woord}" if regel else woord
        if fm.horizontalAdvance(kandidaat) <= breedte:
            regel = kandidaat
            continue
        if regel:
            regels.append(regel)
        while fm.horizontalAdvance(woord) > breedte and len(woord) > 1:
            n = len(woord) - 1
            while n > 1 and fm.horizontalAdvance(woord[:n]) > breedte:
                n -= 1
            regels.append(woord[:n])
            woord = woord[n:]
        regel = woord
    if regel or not regels:
        regels.append(regel)
    return regels


@dataclass(frozen=True)
class Staafrij:
    """Eén financier in de grafiek: de naam (over één of meer regels), de staaf en de waarde ernaast."""

    regels: tuple[str, ...]
    tekstvak: QRectF  # waar de naam staat
    staaf: QRectF
    waarde: str
    waardevak: QRectF
    negatief: bool


@dataclass(frozen=True)
class Staafindeling:
    rijen: tuple[Staafrij, ...]
    nul_x: float
    hoogte: int


def pixels(ruimte: float, deel: Decimal, totaal: Decimal) -> int:
    """Het deel van `ruimte` (pixels, op hele pixels afgerond) dat bij `deel` van `totaal` hoort, afgerond op
    hele pixels; de bedragen blijven Decimal (ook in de grafieken van de monitor)."""
    return int((round(ruimte) * deel / totaal).to_integral_value(ROUND_HALF_UP))


def financiersindeling(saldi: tuple[Financierssaldo, ...], breedte: int, fm: QFontMetrics) -> Staafindeling:
    """Per financier de naam over de hele breedte (afgebroken, nooit ingekort) en daaronder de staaf vanaf de
    nullijn, met de waarde rechts in een eigen kolom. Negatief (extra kosten) gaat naar links."""
    binnen = max(breedte - 2 * RAND, 40)
    waarden = [euro_vast(formatteer(s.vermeden)) for s in saldi]
    waardebreedte = max((fm.horizontalAdvance(w) for w in waarden), default=0)
    staafruimte = max(binnen - waardebreedte - TUSSENRUIMTE, 20)
    plus = max((s.vermeden for s in saldi if s.vermeden > 0), default=NUL)
    min_ = max((-s.vermeden for s in saldi if s.vermeden < 0), default=NUL)
    totaal = plus + min_ or Decimal(1)
    nul_x = RAND + pixels(staafruimte, min_, totaal)
    staafhoogte = max(fm.height() - 2, 8)
    rijen, y = [], RAND
    for s, waarde in zip(saldi, waarden):
        regels = tuple(breek_af(s.financier, binnen, fm))
        tekstvak = QRectF(RAND, y, binnen, fm.height() * len(regels))
        y += tekstvak.height() + 1
        lengte = max(pixels(staafruimte, abs(s.vermeden), totaal), 1)
        negatief = s.vermeden < 0
        staaf = QRectF(nul_x - lengte if negatief else nul_x, y + 1, lengte, staafhoogte)
        waardevak = QRectF(RAND + binnen - waardebreedte, y, waardebreedte, fm.height())
        rijen.append(Staafrij(regels, tekstvak, staaf, waarde, waardevak, negatief))
        y += fm.height() + 6
    return Staafindeling(tuple(rijen), nul_x, int(y) + RAND)


class Financiersgrafiek(QWidget):
    """Vermeden kosten per financier als liggende staven: groen is besparing, rood zijn extra kosten (links van
    de nullijn). De namen worden afgebroken, nooit ingekort; de hoogte volgt de breedte."""

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.saldi: tuple[Financierssaldo, ...] = ()
        self.setAccessibleName("Vermeden kosten per financier")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        self._hoogte = 0

    def zet(self, saldi: tuple[Financierssaldo, ...]) -> None:
        self.saldi = tuple(sorted(saldi, key=lambda s: -s.vermeden))
        tekst = "; ".join(f"{s.financier}: {formatteer(s.vermeden)}" for s in self.saldi) or "geen kosten"
        self.setAccessibleDescription(tekst)
        self.setToolTip(euro_vast(tekst).replace("; ", "\n"))
        self._werk_hoogte_bij()
        self.update()

    def indeling(self, breedte: int | None = None) -> Staafindeling:
        return financiersindeling(self.saldi, self.width() if breedte is None else breedte, self.fontMetrics())

    def _werk_hoogte_bij(self) -> None:
        hoogte = self.indeling(max(self.width(), 160)).hoogte if self.saldi else self.fontMetrics().height() + 4
        if hoogte != self._hoogte:
            self._hoogte = hoogte
            self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._werk_hoogte_bij()  # smaller: namen over meer regels, dus hoger

    def sizeHint(self) -> QSize:
        return QSize(260, self._hoogte or self.fontMetrics().height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        tekstkleur = self.palette().color(QPalette.WindowText)
        p.setPen(tekstkleur)
        if not self.saldi:
            p.drawText(self.rect(), Qt.AlignLeft | Qt.AlignVCenter, "Nog geen kosten ingevuld.")
            return
        indeling = self.indeling()
        fm = self.fontMetrics()
        for rij in indeling.rijen:
            for i, regel in enumerate(rij.regels):
                p.drawText(QRectF(rij.tekstvak.x(), rij.tekstvak.y() + i * fm.height(), rij.tekstvak.width(),
                                  fm.height()), Qt.AlignLeft | Qt.AlignVCenter, regel)
            p.fillRect(rij.staaf, EXTRA if rij.negatief else BESPAARD)
            p.drawText(rij.waardevak, Qt.AlignRight | Qt.AlignVCenter, rij.waarde)
        # de nullijn bij elke staaf, twee pixels breed; niet door de namen heen (die beginnen links, ook bij nul)
        p.setPen(QPen(tekstkleur, 2))
        x = int(round(indeling.nul_x))
        for rij in indeling.rijen:
            p.drawLine(x, int(rij.staaf.top() - 2), x, int(rij.staaf.bottom() + 2))


@dataclass(frozen=True)
class Jaarstaaf:
    jaartekst: str
    staaf: QRectF
    jaarvak: QRectF
    negatief: bool
    terugverdiend: bool


def jaarindeling(per_jaar: tuple[Jaaruitkomst, ...], breedte: int, hoogte: int, teksthoogte: int,
                 terugverdienjaar: int | None = None) -> tuple[list[Jaarstaaf], float]:
    """Een kolom per jaar: een staaf vanaf de nullijn (omhoog is netto winst, omlaag netto kosten) en eronder
    het jaartal. Geeft de staven en de hoogte (y) van de nullijn."""
    if not per_jaar:
        return [], 0.0
    kolom = min((breedte - 2 * RAND) / len(per_jaar), 4 * teksthoogte)
    staafvlak = max(hoogte - teksthoogte - 2 * RAND, 6)
    plus = max((j.netto for j in per_jaar if j.netto > 0), default=NUL)
    min_ = max((-j.netto for j in per_jaar if j.netto < 0), default=NUL)
    totaal = plus + min_ or Decimal(1)
    nul_y = RAND + (pixels(staafvlak, plus, totaal) if plus + min_ else staafvlak)
    staven = []
    for i, j in enumerate(per_jaar):
        x = RAND + i * kolom
        lengte = max(pixels(staafvlak, abs(j.netto), totaal), 1)
        negatief = j.netto < 0
        staaf = QRectF(x + kolom * 0.2, nul_y if negatief else nul_y - lengte, kolom * 0.6, lengte)
        jaarvak = QRectF(x, RAND + staafvlak, kolom, teksthoogte)
        staven.append(Jaarstaaf(str(j.jaar), staaf, jaarvak, negatief, j.jaar == terugverdienjaar))
    return staven, nul_y


class Jaarstaven(QWidget):
    """Het netto rendement per jaar (nominaal) als kleine staven: groen winst, rood kosten; het jaar waarin de
    interventie is terugverdiend heeft een vet jaartal. De bedragen staan in de beschrijving en de tooltip."""

    def __init__(self, ouder: QWidget | None = None):
        super().__init__(ouder)
        self.per_jaar: tuple[Jaaruitkomst, ...] = ()
        self.terugverdienjaar: int | None = None
        self.setAccessibleName("Netto per jaar")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def zet(self, per_jaar: tuple[Jaaruitkomst, ...], terugverdienjaar: int | None) -> None:
        self.per_jaar, self.terugverdienjaar = tuple(per_jaar), terugverdienjaar
        waarden = [f"jaar {j.jaar}: {formatteer(j.netto)}" for j in self.per_jaar]
        self.setAccessibleDescription("Netto per jaar (nominaal): " + "; ".join(waarden) if waarden else "")
        self.setToolTip(euro_vast("\n".join(["Netto per jaar (nominaal):", *waarden])) if waarden else "")
        self.update()

    def indeling(self) -> tuple[list[Jaarstaaf], float]:
        return jaarindeling(self.per_jaar, self.width(), self.height(), self.fontMetrics().height(),
                            self.terugverdienjaar)

    def sizeHint(self) -> QSize:
        return QSize(120, self.fontMetrics().height() * 5 // 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        staven, nul_y = self.indeling()
        if not staven:
            return
        p = QPainter(self)
        tekstkleur = self.palette().color(QPalette.WindowText)
        vet = self.font()
        vet.setBold(True)
        for s in staven:
            p.fillRect(s.staaf, EXTRA if s.negatief else BESPAARD)
            p.setPen(tekstkleur)
            p.setFont(vet if s.terugverdiend else self.font())
            p.drawText(s.jaarvak, Qt.AlignHCenter | Qt.AlignVCenter, s.jaartekst)
        p.setPen(QPen(tekstkleur, 1))
        p.drawLine(int(staven[0].jaarvak.left()), int(round(nul_y)), int(staven[-1].jaarvak.right()), int(round(nul_y)))
