"""Kan de desktopapp hier een venster openen? Een controle vóór de QApplication, zonder Qt.

Qt stopt het hele proces (qFatal, exitcode 134, Engelse tekst) als het platform geen verbinding
met een beeldscherm krijgt of als een systeembibliotheek van de xcb-plugin ontbreekt. Op Linux en
BSD kijken we daarom eerst zelf, en zeggen in het Nederlands wat er mis is en wat te doen. Alleen
wat zeker niet werkt wordt geweigerd: bij twijfel mag Qt het proberen. De controle kost bij een
bereikbaar beeldscherm één socketverbinding en het laden van bibliotheken die Qt daarna toch laadt.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

X11_SOCKETS = Path("/tmp/.X11-unix")
TIJDSLIMIET = 1.0  # s, voor een X-server op een andere machine

#: Wat de xcb-plugin van Qt nodig heeft, met het Debian/Ubuntu-pakket (dezelfde lijst als in de README).
XCB_BIBLIOTHEKEN = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libEGL.so.1", "libegl1"), ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"), ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"), ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"), ("libxcb-sync.so.1", "libxcb-sync1"), ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"), ("libxcb-xkb.so.1", "libxcb-xkb1"), ("libX11-xcb.so.1", "libx11-xcb1"),
)
_MET_BEELDSCHERM = {"xcb", "wayland", "wayland-egl"}  # andere platforms (offscreen, minimal, vnc, eglfs…) niet
_ZONDER_VENSTER = ("Zonder venster werken de andere opdrachten wel (doorbraak --help), bijvoorbeeld "
                   "doorbraak bereken CASUS.json.")


def waarom_geen_beeldscherm(omgeving: Mapping[str, str] | None = None, systeem: str | None = None,
                            x11map: Path = X11_SOCKETS,
                            laadbaar: Callable[[str], bool] | None = None) -> str:
    """Leeg als Qt hier (waarschijnlijk) een venster kan openen; anders een Nederlandse melding die
    zegt wat er mis is en wat te doen. Windows en macOS hebben altijd een beeldscherm."""
    omgeving = os.environ if omgeving is None else omgeving
    systeem = sys.platform if systeem is None else systeem
    if not systeem.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly")):
        return ""
    gevraagd = [deel.split(":")[0].strip().lower() for deel in omgeving.get("QT_QPA_PLATFORM", "").split(";")]
    gevraagd = [naam for naam in gevraagd if naam]
    if gevraagd and not _MET_BEELDSCHERM & set(gevraagd):
        return ""  # offscreen, minimal, vnc, eglfs: daar is geen beeldscherm voor nodig
    wayland_mag = not gevraagd or bool({"wayland", "wayland-egl"} & set(gevraagd))
    x_mag = not gevraagd or "xcb" in gevraagd
    wayland = omgeving.get("WAYLAND_DISPLAY", "").strip()
    x = omgeving.get("DISPLAY", "").strip()

    redenen = []
    if wayland_mag and wayland:
        if _wayland_bereikbaar(wayland, omgeving):
            return ""
        redenen.append(f"het Wayland-beeldscherm WAYLAND_DISPLAY={wayland} is niet bereikbaar")
    elif wayland_mag and omgeving.get("XDG_RUNTIME_DIR") and _wayland_bereikbaar("wayland-0", omgeving):
        return ""  # zonder WAYLAND_DISPLAY probeert Wayland de socket wayland-0
    if x_mag and x:
        if _x_bereikbaar(x, x11map, systeem) is not False:
            return _ontbrekende_bibliotheken(laadbaar or _laadbaar)
        redenen.append(f"het beeldscherm DISPLAY={x} is niet bereikbaar (daar draait geen X-server)")
    if not redenen:
        platform = omgeving.get("QT_QPA_PLATFORM", "").strip()
        redenen.append(f"QT_QPA_PLATFORM={platform} vraagt om X11, maar DISPLAY is niet gezet" if not wayland_mag else
                       f"QT_QPA_PLATFORM={platform} vraagt om Wayland, maar WAYLAND_DISPLAY is niet gezet" if not x_mag
                       else "er is geen beeldscherm (DISPLAY en WAYLAND_DISPLAY zijn niet gezet)")
    controleer = "Controleer DISPLAY, of start" if x and x_mag else "Start"
    return (f"de desktopapp kan geen venster openen: {'; '.join(redenen)}. {controleer} Doorbraak op het bureaublad "
            "(in een grafische sessie) of via ssh met een doorgestuurd beeldscherm (ssh -X). " + _ZONDER_VENSTER)


def _ontbrekende_bibliotheken(laadbaar: Callable[[str], bool]) -> str:
    """Leeg als de xcb-plugin van Qt alles heeft; anders welke pakketten te installeren."""
    ontbreekt = [pakket for bibliotheek, pakket in XCB_BIBLIOTHEKEN if not laadbaar(bibliotheek)]
    if not ontbreekt:
        return ""
    return (f"de desktopapp kan geen venster openen: Qt mist {len(ontbreekt)} systeembibliothe"
            f"{'ek' if len(ontbreekt) == 1 else 'ken'} voor het beeldscherm (X11). Installeer op Debian of Ubuntu: "
            f"sudo apt-get install {' '.join(ontbreekt)} (de README noemt alle pakketten die Qt op Linux nodig heeft; "
            "op een andere distributie heten ze anders).")


def _wayland_bereikbaar(naam: str, omgeving: Mapping[str, str]) -> bool:
    if os.path.isabs(naam):
        return os.path.exists(naam)
    map_ = omgeving.get("XDG_RUNTIME_DIR", "").strip()
    return not map_ or os.path.exists(os.path.join(map_, naam))  # zonder XDG_RUNTIME_DIR: niet zeker


def _x_bereikbaar(display: str, x11map: Path, systeem: str) -> bool | None:
    """True of False als dat zeker is; None bij een DISPLAY die we niet kennen (dan beslist Qt)."""
    import socket  # hier pas: zonder X (offscreen, Wayland) kost de controle niets

    m = re.fullmatch(r"(?:(?P<protocol>[a-z]+)/)?(?P<machine>[\w.-]*):(?P<nummer>\d+)(?:\.\d+)?", display)
    if m is None:
        return None
    machine, nummer, protocol = m["machine"], int(m["nummer"]), m["protocol"] or ""
    if machine in ("", "unix") or protocol == "unix":
        pad = str(x11map / f"X{nummer}")
        adressen = [pad] + (["\0" + pad] if systeem.startswith("linux") else [])  # Linux kent ook abstracte sockets
        return any(_verbindt(adres) for adres in adressen)
    try:
        with socket.create_connection((machine, 6000 + nummer), timeout=TIJDSLIMIET):
            return True
    except OSError:
        return False


def _verbindt(adres: str) -> bool:
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(TIJDSLIMIET)
        try:
            s.connect(adres)
        except OSError:
            return False
    return True


def _laadbaar(bibliotheek: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(bibliotheek)
    except OSError:
        return False
    return True
