"""`doorbraak` zonder bruikbaar beeldscherm: een Nederlandse melding en exitcode 2, geen Qt-abort (134)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from doorbraak.gui.beeldscherm import XCB_BIBLIOTHEKEN, X11_SOCKETS, waarom_geen_beeldscherm
from tests.conftest import PROJECT

LINUX = sys.platform.startswith("linux")
alleen_linux = pytest.mark.skipif(not LINUX, reason="de controle geldt voor Linux en BSD (Qt's xcb en Wayland)")
ALLES_ER = lambda bibliotheek: True  # noqa: E731


def vrij_displaynummer() -> int:
    """Een X-displaynummer waar zeker niets draait (CI draait vaak Xvfb op :99)."""
    for nummer in range(99, 200):
        pad = str(X11_SOCKETS / f"X{nummer}")
        if not os.path.exists(pad) and not _abstract_bezet(pad):
            return nummer
    pytest.skip("geen vrij X-displaynummer")


def _abstract_bezet(pad: str) -> bool:
    with socket.socket(socket.AF_UNIX) as s:
        try:
            s.connect("\0" + pad)
        except OSError:
            return False
    return True


def start_doorbraak(tmp_path: Path, *args: str, **omgeving: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {"DOORBRAAK_CONFIG": str(tmp_path / "config"), "DOORBRAAK_DATA": str(tmp_path / "data"), **omgeving}
    return subprocess.run([sys.executable, "-m", "doorbraak", *args], cwd=PROJECT, capture_output=True, text=True,
                          env=env, timeout=60)


@alleen_linux
def test_zonder_beeldscherm_een_nederlandse_melding_en_exitcode_2(tmp_path):
    r = start_doorbraak(tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert r.stderr.startswith("doorbraak: de desktopapp kan geen venster openen: er is geen beeldscherm "
                               "(DISPLAY en WAYLAND_DISPLAY zijn niet gezet). Start Doorbraak op het bureaublad")
    assert "doorbraak --help" in r.stderr
    assert "Traceback" not in r.stderr and "qt.qpa" not in r.stderr and "Aborted" not in r.stderr
    assert not (tmp_path / "config").exists() and not (tmp_path / "data").exists()  # niets gestart


@alleen_linux
def test_een_display_zonder_x_server_geeft_exitcode_2(tmp_path):
    nummer = vrij_displaynummer()
    for args in ((), ("open", str(PROJECT / "resources" / "voorbeelden" / "huurachterstand.json"))):
        r = start_doorbraak(tmp_path, *args, DISPLAY=f":{nummer}")
        assert r.returncode == 2, r.stderr
        assert f"het beeldscherm DISPLAY=:{nummer} is niet bereikbaar (daar draait geen X-server). Controleer " \
               "DISPLAY" in r.stderr
        assert "Traceback" not in r.stderr and "qt.qpa" not in r.stderr


@pytest.fixture
def x_server(tmp_path):
    """Een socket zoals die van een X-server (luistert en neemt verbindingen aan)."""
    map_ = tmp_path / "x11"
    map_.mkdir()
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(map_ / "X7"))
    server.listen(64)
    yield map_
    server.close()


@alleen_linux
def test_bereikbare_x_server_met_alle_bibliotheken_mag(x_server):
    assert waarom_geen_beeldscherm({"DISPLAY": ":7"}, x11map=x_server, laadbaar=ALLES_ER) == ""
    assert waarom_geen_beeldscherm({"DISPLAY": ":7.0", "QT_QPA_PLATFORM": "xcb"}, x11map=x_server,
                                   laadbaar=ALLES_ER) == ""
    assert "DISPLAY=:8 is niet bereikbaar" in waarom_geen_beeldscherm({"DISPLAY": ":8"}, x11map=x_server,
                                                                      laadbaar=ALLES_ER)


@alleen_linux
def test_ontbrekende_bibliotheek_van_qt_noemt_het_pakket(x_server):
    melding = waarom_geen_beeldscherm({"DISPLAY": ":7"}, x11map=x_server,
                                      laadbaar=lambda bibliotheek: bibliotheek != "libxcb-cursor.so.0")
    assert melding == ("de desktopapp kan geen venster openen: Qt mist 1 systeembibliotheek voor het beeldscherm "
                       "(X11). Installeer op Debian of Ubuntu: sudo apt-get install libxcb-cursor0 (de README noemt "
                       "alle pakketten die Qt op Linux nodig heeft; op een andere distributie heten ze anders).")
    melding = waarom_geen_beeldscherm({"DISPLAY": ":7"}, x11map=x_server,
                                      laadbaar=lambda b: b not in ("libxcb-icccm.so.4", "libxkbcommon-x11.so.0"))
    assert "Qt mist 2 systeembibliotheken" in melding
    assert "sudo apt-get install libxkbcommon-x11-0 libxcb-icccm4 (" in melding


def test_de_pakketten_staan_ook_in_de_readme():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    regel = next(r for r in readme.splitlines() if r.startswith("sudo apt-get install libxcb-cursor0"))
    assert sorted(regel.split()[3:]) == sorted(pakket for _, pakket in XCB_BIBLIOTHEKEN)


@alleen_linux
def test_x_server_op_een_andere_machine(tmp_path):
    server = socket.create_server(("127.0.0.1", 0))
    nummer = server.getsockname()[1] - 6000
    assert waarom_geen_beeldscherm({"DISPLAY": f"127.0.0.1:{nummer}.0"}, laadbaar=ALLES_ER) == ""
    server.close()
    assert f"DISPLAY=127.0.0.1:{nummer}.0 is niet bereikbaar" in waarom_geen_beeldscherm(
        {"DISPLAY": f"127.0.0.1:{nummer}.0"}, laadbaar=ALLES_ER)


@pytest.mark.parametrize("platform", ["offscreen", "offscreen:configfile=scherm.json", "minimal", "vnc", "eglfs"])
def test_platforms_zonder_beeldscherm_worden_niet_gecontroleerd(platform):
    assert waarom_geen_beeldscherm({"QT_QPA_PLATFORM": platform}, systeem="linux") == ""


@pytest.mark.parametrize("systeem", ["win32", "darwin"])
def test_windows_en_macos_worden_niet_gecontroleerd(systeem):
    assert waarom_geen_beeldscherm({}, systeem=systeem) == ""


def test_wayland(tmp_path):
    (tmp_path / "wayland-1").touch()  # de socket van de compositor
    omgeving = {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert waarom_geen_beeldscherm(omgeving, systeem="linux") == ""
    assert waarom_geen_beeldscherm(omgeving | {"QT_QPA_PLATFORM": "wayland"}, systeem="linux") == ""
    assert "WAYLAND_DISPLAY=wayland-2 is niet bereikbaar" in waarom_geen_beeldscherm(
        omgeving | {"WAYLAND_DISPLAY": "wayland-2"}, systeem="linux", x11map=tmp_path)
    assert "QT_QPA_PLATFORM=xcb vraagt om X11, maar DISPLAY is niet gezet" in waarom_geen_beeldscherm(
        omgeving | {"QT_QPA_PLATFORM": "xcb"}, systeem="linux")
    assert "vraagt om Wayland, maar WAYLAND_DISPLAY is niet gezet" in waarom_geen_beeldscherm(
        {"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}, systeem="linux")
    # zonder WAYLAND_DISPLAY gebruikt Wayland de socket wayland-0
    (tmp_path / "wayland-0").touch()
    assert waarom_geen_beeldscherm({"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)},
                                   systeem="linux") == ""


def test_onbekende_display_laat_qt_beslissen(tmp_path):
    """Alleen wat zeker niet werkt wordt geweigerd (XQuartz-achtige DISPLAY, IPv6)."""
    for display in ("/private/tmp/com.apple.launchd.abc/org.xquartz:0", "[::1]:0"):
        assert waarom_geen_beeldscherm({"DISPLAY": display}, systeem="linux", x11map=tmp_path,
                                       laadbaar=ALLES_ER) == ""
