from datetime import date
from decimal import Decimal as D
from fractions import Fraction

import pytest

from doorbraak.diensten import standaard_prijslijstmap
from doorbraak.domein.fouten import InvoerFout
from doorbraak.domein.geld import rond_af
from doorbraak.domein.prijslijst import BRONTYPEN, EENHEDEN, INDEXATIES, KOLOMMEN, laad_prijslijst
from tests.conftest import INDEX, PROJECT, schrijf_prijslijst


def test_meegeleverde_prijslijst_is_bruikbaar():
    pl = laad_prijslijst(PROJECT / "prijslijst")
    assert len(pl.items) >= 20
    for item in pl.items.values():
        assert item.eenheid in EENHEDEN and item.indexatie in INDEXATIES and item.brontype in BRONTYPEN
        assert item.bedrag > 0 and 1990 <= item.prijsjaar <= 2026
        assert item.url.startswith("https://") and item.bron and item.financier
        assert item.gecontroleerd_op is not None and item.gecontroleerd_op <= date.today()
        if item.indexatie != "geen":
            assert item.prijsjaar in pl.indexcijfers["cpi"], item.code
    # CPI 2005 tot en met 2025 (CBS 83131NED, 2015 = 100), zonder gaten
    assert sorted(pl.indexcijfers["cpi"]) == list(range(2005, 2026))
    assert pl.indexcijfers["cpi"][2015] == D("100.0")
    assert len(pl.inhoud_hash) == 64


def test_indexatie_van_de_meegeleverde_lijst_met_de_hand():
    pl = laad_prijslijst(PROJECT / "prijslijst")
    uitzetting = pl.item("WON-UITZETTING")
    ix = pl.indexeer(uitzetting, 2025)
    assert ix.factor == Fraction(D("134.6")) / Fraction(D("99.4"))
    # 7.500,00 x 134,6 / 99,4 = 10.155,9356... -> 10.155,94
    assert rond_af(Fraction(uitzetting.bedrag) * ix.factor) == D("10155.94")


def test_hash_verandert_met_de_inhoud(testprijslijst):
    eerst = laad_prijslijst(testprijslijst).inhoud_hash
    assert laad_prijslijst(testprijslijst).inhoud_hash == eerst
    pad = testprijslijst / "indexcijfers.csv"
    pad.write_text(pad.read_text(encoding="utf-8").replace("130", "131"), encoding="utf-8")
    assert laad_prijslijst(testprijslijst).inhoud_hash != eerst


def test_bom_en_windows_regeleinden_worden_gelezen(testprijslijst):
    pad = testprijslijst / "prijslijst.csv"
    pad.write_bytes(b"\xef\xbb\xbf" + pad.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    assert "UUR-CPI" in laad_prijslijst(testprijslijst).items


@pytest.mark.parametrize(
    "item, verwacht",
    [
        ({"code": "A1", "bedrag": "12,50"}, "regel 2 (A1).bedrag: '12,50' is geen geldig bedrag"),
        ({"code": "A1", "bedrag": "-3"}, "regel 2 (A1).bedrag: '-3' is negatief"),
        ({"code": "A1", "bedrag": "3", "eenheid": "rit"}, "regel 2 (A1).eenheid: 'rit' is geen bekende eenheid"),
        ({"code": "A1", "bedrag": "3", "indexatie": "cbs"}, "regel 2 (A1).indexatie: 'cbs' is geen bekende indexatie"),
        ({"code": "A1", "bedrag": "3", "prijsjaar": "20"}, "regel 2 (A1).prijsjaar: '20' is geen jaar"),
        ({"code": "a b", "bedrag": "3"}, "regel 2 (a b): code 'a b' is ongeldig"),
        ({"code": "A1", "bedrag": "3", "bron": ""}, "regel 2 (A1).bron: is leeg"),
        ({"code": "A1", "bedrag": "3", "gecontroleerd_op": "gisteren"}, "regel 2 (A1).gecontroleerd_op: 'gisteren' is geen datum"),
    ],
)
def test_onbruikbare_regel_met_regelnummer_en_code(tmp_path, item, verwacht):
    pad = schrijf_prijslijst(tmp_path / "p", [item], INDEX)
    with pytest.raises(InvoerFout) as e:
        laad_prijslijst(pad)
    assert [str(p) for p in e.value.problemen][0].startswith(verwacht)


def test_dubbele_code(tmp_path):
    pad = schrijf_prijslijst(tmp_path / "p", [{"code": "A1", "bedrag": "1"}, {"code": "A1", "bedrag": "2"}], INDEX)
    with pytest.raises(InvoerFout, match=r"regel 3 \(A1\): code A1 komt twee keer voor"):
        laad_prijslijst(pad)


def test_ontbrekende_kolommen_en_bestanden(tmp_path):
    pad = schrijf_prijslijst(tmp_path / "p", [{"code": "A1", "bedrag": "1"}], INDEX)
    (pad / "prijslijst.csv").write_text("code,naam\nA1,x\n", encoding="utf-8")
    with pytest.raises(InvoerFout, match="kolommen ontbreken: categorie, eenheid, bedrag"):
        laad_prijslijst(pad)
    (pad / "indexcijfers.csv").unlink()
    with pytest.raises(InvoerFout, match="indexcijfers.csv: bestand niet gevonden"):
        laad_prijslijst(pad)
    with pytest.raises(InvoerFout, match="prijslijstmap niet gevonden"):
        laad_prijslijst(tmp_path / "nergens")


@pytest.mark.parametrize(
    "regel, verwacht",
    [("2026,abc,", "regel 6.cpi: 'abc' is geen indexcijfer (een getal van 1 tot 10000, zoals 134.6)"),
     ("2026,-1,", "regel 6.cpi: '-1' is geen indexcijfer (een getal van 1 tot 10000, zoals 134.6)"),
     ("2026,1e999999,", "regel 6.cpi: '1e999999' is geen indexcijfer (een getal van 1 tot 10000, zoals 134.6)"),
     ("2026,٩٩.٤,", "regel 6.cpi: '٩٩.٤' is geen indexcijfer (een getal van 1 tot 10000, zoals 134.6)"),
     ("2026,134,6", "jaar 2026.ova: 6 wijkt te sterk af van 104 (2025); staat er een komma als decimaalteken? "
                    "Schrijf 99.4, niet 99,4"),
     ("2026,134,6,1", "regel 6: meer velden dan kolommen (schrijf indexcijfers met een punt: 99.4)"),
     ("2025,131,", "regel 6.jaar: jaar 2025 komt twee keer voor"),
     ("twintig,1,", "regel 6.jaar: 'twintig' is geen jaar tussen 1990 en 2100")],
)
def test_foute_indexcijfers(testprijslijst, regel, verwacht):
    pad = testprijslijst / "indexcijfers.csv"
    pad.write_text(pad.read_text(encoding="utf-8") + regel + "\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as e:
        laad_prijslijst(testprijslijst)
    assert str(e.value.problemen[0]) == verwacht


def test_kolommen_van_het_formaat():
    kop = (PROJECT / "prijslijst" / "prijslijst.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert kop[: len(KOLOMMEN)] == list(KOLOMMEN)


def test_omgevingsvariabele_wijst_naar_eigen_prijslijst(monkeypatch, tmp_path):
    monkeypatch.delenv("DOORBRAAK_PRIJSLIJST", raising=False)
    assert standaard_prijslijstmap() == PROJECT / "prijslijst"
    monkeypatch.setenv("DOORBRAAK_PRIJSLIJST", str(tmp_path))
    assert standaard_prijslijstmap() == tmp_path


def test_kapotte_csv_en_map_in_plaats_van_bestand(testprijslijst):
    pad = testprijslijst / "indexcijfers.csv"
    pad.write_text('jaar,cpi,ova\n2020,"100\n', encoding="utf-8")
    with pytest.raises(InvoerFout) as e:
        laad_prijslijst(testprijslijst)
    assert e.value.bron == str(pad) and "onleesbare CSV" in str(e.value)
    pad.unlink()
    pad.mkdir()
    with pytest.raises(InvoerFout, match="indexcijfers.csv: is een map, geen bestand"):
        laad_prijslijst(testprijslijst)


def test_losse_cr_regeleinden_worden_gelezen(testprijslijst):
    pad = testprijslijst / "indexcijfers.csv"
    pad.write_bytes(pad.read_bytes().replace(b"\n", b"\r"))
    assert laad_prijslijst(testprijslijst).indexcijfers["cpi"][2025] == D("130")
