"""De stijl (velden.STIJL) hangt alleen aan de widgets met een rol of een fout, niet aan het hele venster: zo
tekent Qt de rest met de gewone stijl, en dat scheelt bij de start. Deze tests kijken naar de pixels: een
foute invoer krijgt de rode rand, de oefenbanner zijn gele achtergrond, een melding bij een veld is rood."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from doorbraak.gui.velden import FOUTKLEUR, STIJL
from tests.conftest import PROJECT
from tests.guihulp import bewaar_schermafdruk, typ

VOORBEELD = PROJECT / "resources" / "voorbeelden" / "huurachterstand.json"


def kleuren(widget: QWidget) -> set[str]:
    """Alle kleuren (#rrggbb) in een schermafdruk van de widget."""
    beeld = widget.grab().toImage()
    return {QColor(beeld.pixel(x, y)).name() for x in range(beeld.width()) for y in range(beeld.height())}


def test_een_foute_invoer_is_rood_omrand_en_de_melding_rood(omgeving, qtbot):
    v = omgeving.open()
    assert v.styleSheet() == "", "de stijl hoort niet aan het hele venster"
    titel = v.editor.velden["titel"]
    assert FOUTKLEUR not in kleuren(titel.invoer)
    typ(qtbot, titel.invoer, "Huur")
    for _ in "Huur":
        qtbot.keyClick(titel.invoer, Qt.Key_Backspace)
    v.herbereken()
    assert titel.fout == "is leeg" and titel.invoer.property("fout") == "true"
    beeld = titel.invoer.grab().toImage()
    assert QColor(beeld.pixel(0, beeld.height() // 2)).name() == FOUTKLEUR  # de linkerrand
    assert QColor(beeld.pixel(beeld.width() - 1, beeld.height() // 2)).name() == FOUTKLEUR  # de rechterrand
    assert any(QColor(k).red() > 150 and QColor(k).green() < 90 for k in kleuren(titel.melding)), "rode letters"
    v.resize(1366, 768)
    qtbot.wait(20)
    bewaar_schermafdruk(v, "stijl-fout-bij-veld-1366.png")

    # weer goed: de rand is weg (de invoer houdt zijn stylesheet, maar geen regel past meer)
    typ(qtbot, titel.invoer, "Huur")
    v.herbereken()
    assert titel.fout == "" and titel.invoer.property("fout") == "false"
    assert FOUTKLEUR not in kleuren(titel.invoer)


def test_de_oefenbanner_en_de_route_hebben_hun_kleur(omgeving, qtbot, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST")  # de voorbeelden rekenen met de meegeleverde prijslijst
    v = omgeving.open(VOORBEELD)
    assert v.banner.isVisible() and v.banner.property("soort") == "oefening"
    banner = kleuren(v.banner)
    assert "#fff3c4" in banner and "#d9b200" in banner  # achtergrond en rand
    route = v.paneel.route
    assert route.property("soort") in ("vier-ogen", "escalatie")
    assert {"vier-ogen": "#dff3e4", "escalatie": "#fde7e6"}[route.property("soort")] in kleuren(route)
    for maat in ((1366, 768), (1920, 1080)):
        v.resize(*maat)
        qtbot.wait(20)
        bewaar_schermafdruk(v, f"stijl-oefening-{maat[0]}.png")


def test_alleen_widgets_met_een_rol_of_fout_dragen_de_stijl(omgeving, qtbot):
    """Wie een label een rol geeft met setProperty in plaats van velden.zet_rol, ziet dat hier: dat label zou
    zonder zijn kleur getoond worden."""
    v = omgeving.open(VOORBEELD)
    v.editor.tabs.setCurrentIndex(v.editor.tabs.count() - 1)  # de sectie Besluit, met de redenen
    v.resize(1366, 768)
    qtbot.wait(20)
    bewaar_schermafdruk(v, "stijl-besluit-1366.png")
    for widget in v.findChildren(QWidget):
        rol, fout = widget.property("rol"), widget.property("fout")
        zichtbaar_met_stijl = (rol is not None or fout == "true") and widget.isVisible()
        if zichtbaar_met_stijl:
            assert widget.styleSheet() == STIJL, f"{type(widget).__name__} met rol {rol!r} mist de stijl"
    kaal = [w for w in v.findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit))
            and w.property("fout") != "true" and w.styleSheet()]
    assert kaal == [], "een invoer die nooit fout was, heeft geen eigen stylesheet nodig"
