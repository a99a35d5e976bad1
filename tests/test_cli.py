"""De opdrachtregel: uitvoer, exitcodes en een duidelijke melding voor elke soort foute invoer."""

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from doorbraak.cli import main
from tests.conftest import PROJECT, VOORBEELDEN, casusdata, draai

HUUR = VOORBEELDEN / "huurachterstand.json"


def schrijf(tmp_path, data, naam="casus.json"):
    pad = tmp_path / naam
    pad.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return pad


def test_json_uitvoer_met_de_hand_nagerekend(capsys, monkeypatch):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)
    code, uit, err = draai(capsys, "bereken", HUUR, "--json")
    assert code == 0 and err == ""
    # CPI 2026 ontbreekt: prijzen naar 2025 (134,6). Uitzetting 7.500 x 134,6/99,4 = 10.155,94 x 0,8 = 8.124,75;
    # opvang 15.000 (prijsjaar 2025) x 0,5 x 0,6 = 4.500,00; pleegzorg 23,32 x 56 x 0,3 = 391,78;
    # toeslag 4,65 x 56 x 0,3 = 78,12; maatschappelijk werk 127 x 134,6/121,4 = 140,81 x 20 x 0,8 = 2.252,96.
    # Met: 140,81 x 6 = 844,86 en 35,00 x 12 = 420,00.
    uitvoer = json.loads(uit)
    assert uitvoer.pop("prijslijst")["versie"] == "2027.1"
    # rekenmodel 2 (alles in jaar 1: contant = nominaal); met de hand nagerekend in tests/test_rekenmodel2.py
    assert uitvoer.pop("contant")["vermeden_kosten"] == "14082.75" and uitvoer.pop("terugverdienjaar") == 1
    assert uitvoer.pop("scenarios")["midden"] == {"vermeden_kosten": "14082.75", "netto_rendement": "11232.75",
                                                  "rendement_ratio": "4.94"}
    assert len(uitvoer.pop("per_jaar")) == 1
    assert [g["code"] for g in uitvoer.pop("grondslagen")] == ["PW-35", "AWB-4:84"]
    assert uitvoer.pop("prijspeil") == "2026 (indexcijfers t/m 2025)"  # CPI 2026 is nog niet gepubliceerd
    regels = uitvoer.pop("regels")
    assert all(r["jaar"] == 1 and r["contant"] == r["bedrag"] for r in regels)
    assert [(r["code"], r["eenheidsprijs"], r["prijsjaar"], r["indexfactor"], r["bedrag"]) for r in regels] == [
        ("WON-UITZETTING", "10155.94", 2014, "1.354125", "8124.75"),
        ("WON-OPVANG-PLEK", "15000.00", 2025, "1.000000", "4500.00"),
        ("JGD-PLEEG-0-8", "23.32", 2024, "1.000000", "391.78"),
        ("JGD-PLEEG-CRISIS", "4.65", 2024, "1.000000", "78.12"),
        ("WMO-MW-CONTACT", "140.81", 2022, "1.108731", "2252.96"),
        ("WMO-MW-CONTACT", "140.81", 2022, "1.108731", "844.86"),
        (None, "35.00", None, "1.000000", "420.00"),
    ]
    assert uitvoer == {
        "casus_id": "OEF-HUUR-01",
        "interventie_totaal": "2850.00",
        "kosten_zonder": "15347.61",
        "kosten_met": "1264.86",
        "vermeden_kosten": "14082.75",
        "netto_rendement": "11232.75",
        "rendement_ratio": "4.94",
        "route": "vier-ogen",
        "limiet": "5000.00",
        "per_financier": {
            "verhuurder": "8124.75",
            "gemeente (Wmo, centrumgemeente)": "4500.00",
            "gemeente (Wmo)": "1408.10",
            "gemeente (Jeugdwet)": "469.90",
            "gemeente (schuldhulpverlening)": "-420.00",
        },
        "waarschuwingen": [
            "CPI-indexcijfer voor 2026 ontbreekt nog; prijzen zijn geïndexeerd tot 2025 (het laatst bekende jaar)",
            "JGD-PLEEG-0-8 is een vast bedrag uit 2024, geldig sinds 1 januari 2024 en jaarlijks opnieuw vastgesteld: "
            "op de casusdatum (14 april 2026) geldt mogelijk al een nieuw bedrag; werk de prijslijst bij",
            "JGD-PLEEG-CRISIS is een vast bedrag uit 2024, geldig sinds 1 januari 2024 en jaarlijks opnieuw vastgesteld: "
            "op de casusdatum (14 april 2026) geldt mogelijk al een nieuw bedrag; werk de prijslijst bij",
        ],
    }


def test_leesbare_samenvatting(capsys):
    code, uit, _ = draai(capsys, "bereken", HUUR)
    assert code == 0
    regels = uit.splitlines()
    assert regels[0] == "Casus OEF-HUUR-01: Huurachterstand betalen voordat de ontruiming komt"
    assert regels[1].startswith("OEFENCASUS")
    for verwacht in [
        "€ 15.347,61", "€ 1.264,86", "€ 14.082,75", "€ 11.232,75", "€ 2.850,00",
        "Rendementsratio: 4,94", "Route: vier ogen", "€ -420,00",
        "1 eenmalig × € 10.155,94 × kans 0,8 · verhuurder · prijs 2014 € 7.500,00 × CPI 2025 134,6 / CPI 2014 99,4 "
        "= € 10.155,94",
        "datum 2026-04-14 · prijspeil 2026 (indexcijfers t/m 2025) · horizon 12 maanden",
        "prijs 2025 € 15.000,00, niet verder geïndexeerd: CPI 2025 is het laatst bekende indexcijfer",
        "! CPI-indexcijfer voor 2026 ontbreekt nog",
    ]:
        assert verwacht in uit, verwacht
    assert any(r.startswith("  Vermeden kosten") and r.endswith("€ 14.082,75") for r in regels)


def test_limiet_en_andere_prijslijst(capsys, tmp_path, testprijslijst, monkeypatch):
    code, uit, _ = draai(capsys, "bereken", HUUR, "--json", "--limiet", "2.500,00")
    assert code == 0 and json.loads(uit)["route"] == "escalatie" and json.loads(uit)["limiet"] == "2500.00"
    pad = schrijf(tmp_path, casusdata(zonder_doorbraak=[{"prijs": "UUR-CPI", "aantal": 10}]))
    code, uit, _ = draai(capsys, "bereken", pad, "--json", "--prijslijst", testprijslijst)
    assert code == 0 and json.loads(uit)["kosten_zonder"] == "1040.00"  # 80 x 130/100 x 10
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(testprijslijst))
    code, uit, _ = draai(capsys, "bereken", pad, "--json")
    assert code == 0 and json.loads(uit)["kosten_zonder"] == "1040.00"


@pytest.mark.parametrize(
    "inhoud, verwacht",
    [
        ("{niet: json", ["ongeldige JSON op regel 1, kolom 2"]),
        (casusdata(titel=None) | {"titel": None}, ["titel: ontbreekt"]),
        (casusdata(interventie=[{"omschrijving": "x", "bedrag": "12,3x"}]), ["interventie[0].bedrag: '12,3x' is geen geldig bedrag"]),
        (casusdata(interventie=[{"omschrijving": "x", "bedrag": -5}]), ["interventie[0].bedrag: -5 is negatief"]),
        (casusdata(zonder_doorbraak=[{"prijs": "WON-UITZETTING", "aantal": 1, "kans": 1.5}]),
         ["zonder_doorbraak[0].kans: 1.5 ligt buiten het bereik 0 tot en met 1"]),
        (casusdata(met_doorbraak=[{"prijs": "BESTAAT-NIET", "aantal": 1}]),
         ["met_doorbraak[0].prijs: onbekende prijscode 'BESTAAT-NIET'"]),
        ('{"formaat": "doorbraak-casus/1", "casus_id": "abc", "titel": "t", "datum": "2026-01-01",'
         ' "interventie": [{"omschrijving": "x", "bedrag": 1e999999}],'
         ' "zonder_doorbraak": [{"prijs": "WMO-HBH", "aantal": 1e-30}]}',
         ["interventie[0].bedrag: 1E+999999 is onmogelijk hoog", "zonder_doorbraak[0].aantal: 1E-30 heeft meer dan 6 decimalen"]),
        (casusdata(casus_id="x", interventie=[{"omschrijving": "x", "bedrag": "1.001"}]),
         ["2 problemen", "  - casus_id: 'x' is ongeldig", "  - interventie[0].bedrag: '1.001' heeft meer dan twee decimalen"]),
    ],
)
def test_foute_invoer_geeft_exitcode_2_en_noemt_veld_en_waarde(capsys, tmp_path, inhoud, verwacht):
    pad = schrijf(tmp_path, inhoud)
    code, uit, err = draai(capsys, "bereken", pad)
    assert code == 2 and uit == ""
    assert err.startswith(f"doorbraak: {pad}: ")
    for v in verwacht:
        assert v in err


def test_ontbrekend_en_onleesbaar_bestand(capsys, tmp_path):
    code, _, err = draai(capsys, "bereken", tmp_path / "weg.json")
    assert code == 2 and err == f"doorbraak: {tmp_path / 'weg.json'}: bestand niet gevonden\n"
    pad = tmp_path / "latin1.json"
    pad.write_bytes('{"titel": "Zo\xeb"}'.encode("latin-1"))
    code, _, err = draai(capsys, "bereken", pad)
    assert code == 2 and "is geen UTF-8-tekst" in err
    code, _, err = draai(capsys, "bereken", tmp_path)
    assert code == 2 and "is een map, geen bestand" in err


def test_kapotte_prijslijst_geeft_exitcode_2(capsys, tmp_path, testprijslijst):
    (testprijslijst / "prijslijst.csv").write_text(
        (testprijslijst / "prijslijst.csv").read_text(encoding="utf-8").replace("80.00", '"80,00"'), encoding="utf-8")
    code, _, err = draai(capsys, "bereken", HUUR, "--prijslijst", testprijslijst)
    assert code == 2
    assert err == f"doorbraak: {testprijslijst / 'prijslijst.csv'}: regel 2 (UUR-CPI).bedrag: '80,00' is geen geldig bedrag (schrijf bijvoorbeeld 2850.00)\n"
    code, _, err = draai(capsys, "bereken", HUUR, "--prijslijst", tmp_path / "geen")
    assert code == 2 and "prijslijstmap niet gevonden" in err


def test_foute_argumenten(capsys):
    for args, verwacht in [
        (["bereken"], "deze argumenten ontbreken: CASUS.json"),
        (["bereken", HUUR, "--limiet", "veel"], "argument --limiet: 'veel' is geen geldig bedrag"),
        (["rekenen"], "onbekende keuze: 'rekenen'"),
        (["bereken", HUUR, "--json=1"], "deze optie neemt geen waarde: '1'"),
    ]:
        with pytest.raises(SystemExit) as e:
            main([str(a) for a in args])
        assert e.value.code == 2
        assert verwacht in capsys.readouterr().err


def test_onverwachte_fout_zonder_traceback(capsys, monkeypatch):
    import doorbraak.diensten as diensten

    def stuk(*a, **k):
        raise RuntimeError("kapot")

    monkeypatch.setattr(diensten, "bereken_bestand", stuk)
    code, _, err = draai(capsys, "bereken", HUUR)
    assert code == 1 and "onverwachte fout (RuntimeError: kapot)" in err


def test_zonder_opdracht_opent_de_app_en_hulp_blijft_bij_help(capsys, monkeypatch):
    import doorbraak.gui.app as app

    gestart = []
    monkeypatch.setattr(app, "start", lambda bestand=None: gestart.append(bestand) or 0)
    assert draai(capsys)[0] == 0 and gestart == [None]
    assert draai(capsys, "open", HUUR)[0] == 0 and gestart[-1] == HUUR
    with pytest.raises(SystemExit) as stop:
        draai(capsys, "--help")
    assert stop.value.code == 0 and "gebruik: doorbraak" in capsys.readouterr().out


def test_open_met_kapotte_casus_start_geen_venster(capsys, monkeypatch, tmp_path):
    import doorbraak.gui.app as app

    monkeypatch.setattr(app, "start", lambda bestand=None: pytest.fail("het venster mag niet openen"))
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{"formaat": "doorbraak-casus/1", "casus_id": "X"', encoding="utf-8")
    code, _, err = draai(capsys, "open", kapot)
    assert code == 2 and "kapot.json" in err
    code, _, err = draai(capsys, "open", tmp_path / "bestaat-niet.json")
    assert code == 2 and "bestaat-niet.json" in err


def test_console_script_en_main_py_starten_hetzelfde():
    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "doorbraak"]
    assert ep.value == "doorbraak.cli:main"
    for cmd in ([sys.executable, "main.py"], [sys.executable, "-m", "doorbraak"]):
        r = subprocess.run([*cmd, "bereken", str(HUUR), "--json"], cwd=PROJECT, capture_output=True,
                           text=True, encoding="utf-8")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["vermeden_kosten"] == "14082.75"
        r = subprocess.run([*cmd, "bereken", "bestaat-niet.json"], cwd=PROJECT, capture_output=True,
                           text=True, encoding="utf-8")
        assert r.returncode == 2 and r.stderr == "doorbraak: bestaat-niet.json: bestand niet gevonden\n"


def test_stuurtekens_uit_de_casus_bereiken_de_terminal_niet(capsys, tmp_path):
    pad = schrijf(tmp_path, casusdata(titel="a\u0000b\u001b[31mROOD\nregel", zonder_doorbraak=[{
        "omschrijving": "x\ty", "bedrag_per_eenheid": "1.00", "eenheid": "uur", "aantal": 1,
        "financier": "gem\u0007eente", "bron": "b"}]))
    code, uit, _ = draai(capsys, "bereken", pad)
    assert code == 0
    assert not any(c in uit for c in "\x00\x1b\x07\t")
    assert "Casus TEST-001: a\ufffdb\ufffd[31mROOD regel" in uit
    assert "[eigen] x y" in uit


def test_lege_namen(capsys):
    code, _, err = draai(capsys, "bereken", "")
    assert code == 2 and err == "doorbraak: geen bestandsnaam opgegeven\n"
    code, _, err = draai(capsys, "bereken", HUUR, "--prijslijst", "")
    assert code == 2 and err == "doorbraak: --prijslijst: geen map opgegeven\n"


def test_samenvatting_narekenbaar_voor_elk_voorbeeld(capsys):
    """Elke prijslijstregel van elk voorbeeld: met de afgedrukte getallen (bedrag × index casusjaar / index
    prijsjaar, half naar boven) komt precies de afgedrukte eenheidsprijs uit, en daarmee het regelbedrag."""
    import re
    from decimal import ROUND_HALF_UP, Decimal

    def getal(t: str) -> Decimal:
        return Decimal(t.replace("€", "").replace(".", "").replace(",", ".").strip())

    bedrag = r"€ -?[\d.]+,\d\d"
    gezien = 0
    for pad in sorted(VOORBEELDEN.glob("*.json")):
        code, uit, _ = draai(capsys, "bereken", pad)
        assert code == 0
        regels = uit.splitlines()
        for i, regel in enumerate(regels):
            m = re.search(rf"(?P<aantal>[\d.,]+) \S+ × (?P<prijs>{bedrag})(?: × kans (?P<kans>[\d,]+))? · .*"
                          rf"prijs \d{{4}} (?P<bron>{bedrag}) × (CPI|OVA) \d{{4}} (?P<naar>[\d,]+) / (CPI|OVA) \d{{4}} "
                          rf"(?P<van>[\d,]+) = (?P<uitkomst>{bedrag})", regel)
            if not m:
                continue
            eenheidsprijs = (getal(m["bron"]) * getal(m["naar"]) / getal(m["van"])).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert eenheidsprijs == getal(m["uitkomst"]) == getal(m["prijs"]), regel
            kans = getal(m["kans"]) if m["kans"] else Decimal(1)
            regelbedrag = (eenheidsprijs * getal(m["aantal"]) * kans).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert regels[i - 1].endswith(f"€ {regelbedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")), \
                (regels[i - 1], regel)
            gezien += 1
    assert gezien == 35  # alle geïndexeerde regels van de zes voorbeelden
