"""Wat de installatie voor Windows meeneemt: het icoon (ook als vensterpictogram) en het Inno Setup-script.

Het script is hier niet te bouwen (geen Windows); deze tests houden het in de pas met de code: de versie, de
naam van het programma, de bronmap van de bundel, en dat de instellingen en gegevens van de gebruiker blijven.
"""

import re

from PIL import Image

from doorbraak import __version__
from tests.conftest import PROJECT

ICONS = PROJECT / "packaging" / "icons"
ISS = PROJECT / "packaging" / "windows" / "doorbraak.iss"


def test_icoon_als_png_en_als_ico_met_alle_maten():
    with Image.open(ICONS / "doorbraak.png") as png:
        assert png.size == (256, 256)
        assert png.mode == "RGBA"
        assert png.getpixel((0, 0))[3] == 0  # de hoeken zijn rond: doorzichtig
        assert png.getpixel((128, 20))[:3] == (0x25, 0x63, 0xA8)  # het blauwe vlak
    with Image.open(ICONS / "doorbraak.ico") as ico:
        assert ico.ico.sizes() == {(m, m) for m in (16, 24, 32, 48, 64, 128, 256)}
    assert (PROJECT / "resources" / "icons" / "doorbraak.png").read_bytes() == (ICONS / "doorbraak.png").read_bytes()


def test_de_app_heeft_het_vensterpictogram(qapp):
    from doorbraak.gui.app import maak_app

    app = maak_app()
    icoon = app.windowIcon()
    assert not icoon.isNull()
    assert icoon.pixmap(256, 256).toImage().pixelColor(128, 20).name() == "#2563a8"


def _iss() -> str:
    return ISS.read_text(encoding="utf-8")


def _instellingen(tekst: str, sectie: str) -> dict[str, str]:
    """De regels `Naam=waarde` van een sectie van het script."""
    blok = re.search(rf"^\[{sectie}\]\n(.*?)(?=^\[|\Z)", tekst, re.M | re.S)
    assert blok, f"sectie [{sectie}] ontbreekt"
    return dict(re.findall(r"^(\w+)=(.*)$", blok.group(1), re.M))


def test_inno_setup_versie_is_die_van_doorbraak():
    assert re.findall(r'^#define AppVersion "(.*)"$', _iss(), re.M) == [__version__]


def test_inno_setup_installeert_per_gebruiker_zonder_beheerdersrechten():
    tekst = _iss()
    setup = _instellingen(tekst, "Setup")
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # geen vraag om toch voor iedereen te installeren
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\Doorbraak"
    # een vaste AppId: een nieuwe versie werkt dezelfde installatie bij in plaats van ernaast te komen
    assert re.fullmatch(r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["SetupIconFile"] == r"..\icons\doorbraak.ico"
    assert setup["UninstallDisplayIcon"] == r"{app}\doorbraak-app.exe"
    assert 'Name: "dutch"; MessagesFile: "compiler:Languages\\Dutch.isl"' in tekst


def test_inno_setup_neemt_de_hele_bundel_en_maakt_alleen_voor_de_app_een_snelkoppeling():
    tekst = _iss()
    assert re.search(r'^Source: "\.\.\\\.\.\\dist\\Doorbraak\\\*"; DestDir: "\{app\}"; '
                     r"Flags: ignoreversion recursesubdirs createallsubdirs$", tekst, re.M)
    iconen = re.findall(r"^Name: .*$", tekst.split("[Icons]")[1].split("\n[")[0], re.M)
    assert iconen and all('Filename: "{app}\\doorbraak-app.exe"' in regel for regel in iconen)
    assert len(iconen) == 2  # startmenu, en op verzoek het bureaublad; geen snelkoppeling naar doorbraak.exe
    assert not any("\\doorbraak.exe" in regel for regel in iconen)


def test_inno_setup_laat_instellingen_en_gegevens_van_de_gebruiker_staan():
    """De instellingen staan in %APPDATA%\\Doorbraak, de gegevens in %LOCALAPPDATA%\\Doorbraak (platformdirs, zie
    instellingen.Mappen): buiten de installatiemap. Er wordt alleen binnen de installatiemap ({app}) opgeruimd."""
    tekst = _iss()
    assert "[UninstallDelete]" not in tekst.replace("; Geen [UninstallDelete]", "")
    assert _instellingen(tekst, "InstallDelete") == {}
    opruimen = re.search(r"^\[InstallDelete\]\n(.*?)(?=^\[)", tekst, re.M | re.S).group(1)
    assert [r for r in opruimen.splitlines() if r and not r.startswith(";")] == [
        'Type: filesandordirs; Name: "{app}\\_internal"']
    for regel in tekst.splitlines():
        if not regel.startswith(";"):
            assert "{userappdata}" not in regel and "{localappdata}\\Doorbraak" not in regel, regel
            assert "DelTree" not in regel and "DeleteFile" not in regel, regel
