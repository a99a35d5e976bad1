"""De desktopapp en een register dat niet klopt: een rode banner, niets uit dat register, geen handelingen."""

from __future__ import annotations

import json

from doorbraak.gui.casuslijst import AANVRAAG
from tests.guihulp import ANN, BEA, bewaar_schermafdruk, maak_casus
from tests.registerhulp import schrijf_casus


def test_een_teruggezet_register_geeft_een_rode_banner_en_geen_cijfers(omgeving, qtbot, tmp_path):
    from doorbraak import diensten

    register = omgeving.mappen.standaardregister
    omgeving.maak_teamregister()
    for casus_id in ("T-1", "T-2"):
        diensten.dien_in(schrijf_casus(tmp_path, casus_id, "100.00"), register, gebruiker=ANN)
    diensten.toets("T-2", True, "", register, gebruiker=BEA)
    v = omgeving.open()
    assert v.stand is not None and v.stand.toegekend == 100 and not v.register_onbetrouwbaar
    assert sorted(r.casus_id for r in v.lijst.regels if r.soort == AANVRAAG) == ["T-1", "T-2"]
    # iemand haalt het laatste record weg en herschrijft kop.json; deze gebruiker zag het wel
    records = sorted((register / "records").glob("*.json"))
    records[-1].unlink()
    vorige = json.loads(records[-2].read_text(encoding="utf-8"))
    (register / "kop.json").write_text(json.dumps({"aantal": vorige["volgnummer"], "hash": vorige["hash"]}),
                                       encoding="utf-8")
    v.registeracties.lees()
    omgeving.wacht(v)
    assert v.stand is None and v.register_onbetrouwbaar
    assert v.banner.isVisible() and v.banner.property("soort") == "fout"
    assert v.banner.text().startswith("Het register klopt niet, er wordt niets uit getoond of aan toegevoegd: ")
    assert "dit register is korter dan u het eerder zag: u zag 4 records, nu zijn er 3" in v.banner.text()
    assert "herstel-aanvaarden" in v.banner.text()
    assert not v.acties["indienen"].isEnabled() and not v.besluitdeel.knoppen["indienen"].isEnabled()
    assert v.lijst.budgettekst.text() == "Het register klopt niet: geen cijfers (zie de melding bovenaan)."
    assert [r for r in v.lijst.regels if r.soort == AANVRAAG] == []
    maak_casus(qtbot, v)  # een casus maken en rekenen blijft mogelijk
    assert v.bc is not None
    bewaar_schermafdruk(v, "hoofdvenster-register-klopt-niet.png")


def test_een_geopende_aanvraag_exporteren_geeft_het_gearchiveerde_document(omgeving, qtbot, tmp_path):
    from doorbraak import diensten

    register = omgeving.mappen.standaardregister
    omgeving.maak_teamregister()
    diensten.dien_in(schrijf_casus(tmp_path, "P-1", "300.00"), register, gebruiker=ANN)
    diensten.toets("P-1", True, "prima", register, gebruiker=BEA)
    omgeving.wie = BEA
    v = omgeving.open()
    (regel,) = [r for r in v.lijst.regels if r.soort == AANVRAAG and r.casus_id == "P-1"]
    v.documenten.open_lijstregel(regel)
    omgeving.wacht(v)
    assert v.aanvraag is not None and v.aanvraag.aanvraag == "P-1-1"
    for actie, naam in (("pdf", "P-1.pdf"), ("xlsx", "P-1.xlsx")):
        omgeving.dialogen.zet("kies_opslagbestand", tmp_path / naam)
        v.acties[actie].trigger()
        omgeving.wacht(v)
        assert omgeving.dialogen.teksten("fout") == []
        assert omgeving.dialogen.teksten("melding")[-1].endswith(f"Geschreven: {tmp_path / naam}")
    # precies het document dat bij het besluit in het register werd gearchiveerd
    assert (tmp_path / "P-1.pdf").read_bytes() == (register / "verantwoording" / "P-1-1.pdf").read_bytes()


def test_na_goedkeuren_in_het_venster_geeft_exporteren_het_nieuwe_besluitspoor(omgeving, qtbot, tmp_path):
    """De aanvraag stond open tijdens het toetsen: de export noemt daarna de toetsing (het gearchiveerde document),
    niet het spoor van toen ze werd geopend."""
    from PySide6.QtCore import Qt

    from doorbraak import diensten

    register = omgeving.mappen.standaardregister
    omgeving.maak_teamregister()
    diensten.dien_in(schrijf_casus(tmp_path, "Q-1", "300.00"), register, gebruiker=ANN)
    omgeving.wie = BEA
    v = omgeving.open()
    (regel,) = [r for r in v.lijst.regels if r.soort == AANVRAAG and r.casus_id == "Q-1"]
    v.documenten.open_lijstregel(regel)
    omgeving.wacht(v)
    qtbot.mouseClick(v.besluitdeel.knoppen["goedkeuren"], Qt.LeftButton)
    omgeving.wacht(v)
    assert v.stand.laatste("Q-1").status == "goedgekeurd" and v.spoor.status == "goedgekeurd"
    omgeving.dialogen.zet("kies_opslagbestand", tmp_path / "Q-1.pdf")
    v.acties["pdf"].trigger()
    omgeving.wacht(v)
    assert omgeving.dialogen.teksten("fout") == []
    assert (tmp_path / "Q-1.pdf").read_bytes() == (register / "verantwoording" / "Q-1-1.pdf").read_bytes()
