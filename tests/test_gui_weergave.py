"""Hoe het venster eruitziet: schermafdrukken van elke sectie op een laptop- en een gewoon scherm, de grafiek
per financier, het paneel over de jaren, de casuslijst, kolombreedtes die blijven en een formulier dat niet
verspringt. De schermafdrukken staan in tests/artefacten/ om te bekijken."""

from __future__ import annotations

import pytest

from doorbraak.gui.editor import SECTIES
from tests.conftest import VOORBEELDEN
from tests.guihulp import bewaar_schermafdruk

JOYCE = VOORBEELDEN / "joyce-woning.json"


@pytest.fixture
def echte_prijslijst(omgeving, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)  # de voorbeelden rekenen met de meegeleverde lijst


def _bestandsnaam(sectie: str) -> str:
    return sectie.lower().replace(" ", "-")


@pytest.mark.parametrize("breedte,hoogte", [(1366, 768), (1920, 1080)])
def test_schermafdrukken_van_elke_sectie(omgeving, echte_prijslijst, qtbot, breedte, hoogte):
    """Om te bekijken: elke sectie van een ingevulde casus over meerdere jaren."""
    v = omgeving.open(JOYCE)
    v.resize(breedte, hoogte)
    qtbot.waitUntil(lambda: v.width() == breedte and v.height() == hoogte)
    assert v.bc is not None and v.bc.horizon_jaren > 1
    e = v.editor
    assert [e.tabs.tabText(i).replace("&", "") for i in range(e.tabs.count())][:len(SECTIES)] == list(SECTIES)
    for i, sectie in enumerate(SECTIES):
        e.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: e.tabs.currentWidget().isVisible())
        pad = bewaar_schermafdruk(v, f"weergave-{_bestandsnaam(sectie)}-{breedte}x{hoogte}.png")
        assert pad.stat().st_size > 10_000
    bewaar_schermafdruk(v.paneeldock, f"weergave-paneel-{breedte}x{hoogte}.png")
    bewaar_schermafdruk(v.lijstdock, f"weergave-casussen-{breedte}x{hoogte}.png")
