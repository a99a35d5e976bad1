"""De voorbeeldcasussen voor trainers: geldig, als oefening gemarkeerd, beide routes vertegenwoordigd."""

import json
import re

import pytest

from doorbraak.diensten import bereken_bestand
from doorbraak.domein.casus import bewaar_casus, lees_casus
from doorbraak.domein.regels import ESCALATIE, VIER_OGEN
from tests.conftest import VOORBEELDEN

BESTANDEN = sorted(VOORBEELDEN.glob("*.json"))


def test_minstens_vijf_voorbeelden():
    assert len(BESTANDEN) >= 5


@pytest.mark.parametrize("pad", BESTANDEN, ids=lambda p: p.stem)
def test_voorbeeld_is_geldig_oefening_en_zonder_persoonsgegevens(pad, tmp_path):
    casus, bc, _ = bereken_bestand(pad)
    assert casus.oefening is True
    assert casus.casus_id.startswith("OEF-")
    assert casus.titel and casus.situatie and casus.reguliere_route and casus.doorbraak and casus.perspectief
    w = casus.waardendriehoek
    assert w and w.rendement and w.legitimiteit and w.betrokkenheid
    assert casus.interventie and casus.zonder_doorbraak and casus.met_doorbraak
    assert bc.interventie_totaal > 0 and bc.vermeden_kosten > 0
    for waarschuwing in bc.waarschuwingen:  # alleen een nog niet gepubliceerd indexjaar of een oud vast bedrag
        assert re.match(r"(CPI|OVA)-indexcijfer voor \d{4} ontbreekt nog|[A-Z0-9-]+ is een vast bedrag uit \d{4}",
                        waarschuwing), waarschuwing
    for regel in casus.zonder_doorbraak + casus.met_doorbraak:
        if not regel.is_prijslijstregel:
            assert len(regel.bron) >= 20, f"{pad.name}: eigen regel zonder echte bron: {regel.omschrijving}"
    # opslaan en opnieuw laden verandert niets
    kopie = tmp_path / pad.name
    bewaar_casus(casus, kopie)
    assert lees_casus(kopie) == casus
    assert json.loads(kopie.read_text(encoding="utf-8")) == json.loads(pad.read_text(encoding="utf-8"))


def test_beide_routes_komen_voor():
    routes = {bereken_bestand(p)[1].route for p in BESTANDEN}
    assert routes == {VIER_OGEN, ESCALATIE}


def test_casus_ids_zijn_uniek():
    ids = [lees_casus(p).casus_id for p in BESTANDEN]
    assert len(ids) == len(set(ids))


def test_voorbeeld_in_de_documentatie_klopt():
    from doorbraak.diensten import bereken_casus, open_prijslijst
    from doorbraak.domein.casus import lees_casus_tekst
    from tests.conftest import PROJECT

    tekst = (PROJECT / "docs" / "casusformaat.md").read_text(encoding="utf-8")
    blok = tekst.split("```json\n", 1)[1].split("```", 1)[0]
    casus = lees_casus_tekst(blok)
    bc = bereken_casus(casus, open_prijslijst())
    assert bc.route == VIER_OGEN and bc.interventie_totaal == 2850
