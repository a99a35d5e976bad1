"""Het domein blijft vrij van Qt en van de lagen erboven; opstarten laadt geen zware pakketten."""

import ast
import subprocess
import sys

from tests.conftest import PROJECT

VERBODEN_IN_DOMEIN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "doorbraak.gui", "doorbraak.cli",
                      "doorbraak.export", "doorbraak.diensten")


def _imports(pad):
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            yield from (a.name for a in knoop.names)
        elif isinstance(knoop, ast.ImportFrom) and knoop.module:
            yield knoop.module


def test_domein_importeert_geen_qt_en_geen_hogere_laag():
    bestanden = sorted((PROJECT / "doorbraak" / "domein").glob("*.py"))
    assert len(bestanden) >= 6
    for pad in bestanden:
        for naam in _imports(pad):
            assert not naam.startswith(VERBODEN_IN_DOMEIN), f"{pad.name} importeert {naam}"


def test_rekenen_laadt_geen_qt_of_zware_pakketten():
    code = (
        "import sys, doorbraak.cli, doorbraak.diensten as d;"
        "from doorbraak.domein.casus import lees_casus;"
        "d.bereken_bestand('resources/voorbeelden/huurachterstand.json');"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6','pandas','reportlab','openpyxl','numpy'}))"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_pandas_alleen_in_analyse_en_analyse_zonder_qt():
    """pandas hoort bij de monitor (doorbraak/analyse/) en alleen daar; de analyse kent geen Qt of GUI."""
    for pad in sorted((PROJECT / "doorbraak").rglob("*.py")):
        namen = set(_imports(pad))
        binnen_analyse = pad.parent.name == "analyse"
        if not binnen_analyse:
            assert not any(n == "pandas" or n.startswith("pandas.") for n in namen), f"{pad} importeert pandas"
        else:
            assert not any(n.startswith(("PySide6", "doorbraak.gui", "doorbraak.cli")) for n in namen), pad
