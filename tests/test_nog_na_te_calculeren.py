"""'Nog na te calculeren': de monitor en de lijst in de app gebruiken één definitie (workflow.nog_na_te_calculeren)."""

import json
from datetime import date

import pytest

from doorbraak.analyse.monitor import bereken_monitor
from doorbraak.diensten import nacalculeer, open_register, register_stand
from doorbraak.domein.tijd import maanden_erbij
from doorbraak.register.workflow import nog_na_te_calculeren
from tests.conftest import eigen_regel
from tests.registerhulp import BERT
from tests.test_monitor import klok, reg  # noqa: F401 (reg is een fixture)


def _ids(aanvragen):
    return [a.casus_id for a in aanvragen]


@pytest.mark.parametrize("vandaag, verwacht", [
    (date(2026, 7, 13), []),  # M-1 (besloten 14 januari) precies 6 maanden na 13 juli: nog niet
    (date(2026, 7, 14), []),  # 14 januari ligt niet vóór 14 januari
    (date(2026, 7, 15), ["M-1"]),
    (date(2026, 9, 20), ["M-1"]),  # M-2: de laatste goedgekeurde aanvraag (20 maart) telt, niet die van 3 maart
    (date(2026, 9, 21), ["M-1", "M-2"]),
    (date(2027, 1, 1), ["M-1", "M-2"]),  # M-3 is afgewezen, M-4 staat open
])
def test_de_grens_van_zes_maanden(reg, vandaag, verwacht):  # noqa: F811
    st = register_stand(reg)
    assert _ids(nog_na_te_calculeren(st, vandaag)) == verwacht
    assert bereken_monitor(st, open_register(reg).lees_stuk, vandaag=vandaag).nog_na_te_calculeren == verwacht


def test_monitor_en_app_zijn_het_eens_ook_per_periode_en_na_een_nacalculatie(reg, tmp_path, monkeypatch):  # noqa: F811
    klok(monkeypatch, "2026-09-01")
    n = tmp_path / "n.json"
    n.write_text(json.dumps({"formaat": "doorbraak-nacalculatie/1", "casus_id": "m-1", "peildatum": "2026-08-31",
                             "maanden": 6, "uitkomst": "deels", "toelichting": "x", "werkelijke_uitgave": "900.00",
                             "kosten_met": [eigen_regel("2500.00")]}), encoding="utf-8")
    nacalculeer("m-1", n, reg, gebruiker=BERT)  # andere schrijfwijze: dezelfde casus
    st = register_stand(reg)
    lees = open_register(reg).lees_stuk
    vandaag = date(2026, 11, 30)
    assert _ids(nog_na_te_calculeren(st, vandaag)) == ["M-2"]
    for van, tot in ((None, None), (date(2026, 3, 1), date(2026, 3, 10)), (date(2026, 3, 15), None),
                     (None, date(2026, 1, 31)), (date(2026, 4, 1), None)):
        m = bereken_monitor(st, lees, van=van, tot=tot, vandaag=vandaag)
        # de monitor telt de aanvragen met een eindbesluit in de periode: de app geeft dezelfde lijst over die aanvragen
        in_periode = [a for a in st.aanvragen if a.besloten_op and (van is None or _d(a) >= van)
                      and (tot is None or _d(a) <= tot)]
        assert m.nog_na_te_calculeren == _ids(nog_na_te_calculeren(st, vandaag, in_periode)), (van, tot)
    # in maart tot de 10e: alleen de eerste aanvraag van M-2 (3 maart), en die is ook lang genoeg geleden
    assert bereken_monitor(st, lees, van=date(2026, 3, 1), tot=date(2026, 3, 10), vandaag=vandaag
                           ).nog_na_te_calculeren == ["M-2"]


def _d(a):
    from doorbraak.domein.tijd import lokale_datum

    return lokale_datum(a.besloten_op)


def test_maanden_erbij_aan_het_eind_van_de_maand():
    assert maanden_erbij(date(2026, 8, 31), -6) == date(2026, 2, 28)
    assert maanden_erbij(date(2028, 8, 31), -6) == date(2028, 2, 29)
    assert maanden_erbij(date(2026, 3, 15), -6) == date(2025, 9, 15)
    assert maanden_erbij(date(2026, 1, 31), 1) == date(2026, 2, 28)
