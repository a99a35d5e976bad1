"""Instellingen en lokale mappen van de desktopapp (zonder Qt)."""

import json
import multiprocessing
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from doorbraak.diensten import register_stand, verifieer_register
from doorbraak.instellingen import (
    Instellingen, Mappen, Vensterstand, bewaar_instellingen, bewaar_vensterstand, coachnaam, is_eerste_start,
    lees_instellingen, lees_vensterstand, registermap, zorg_voor_standaardregister,
)
from doorbraak.register import map_register
from doorbraak.register.opslag import systeemlogin


@pytest.fixture
def mappen(tmp_path) -> Mappen:
    return Mappen(tmp_path / "config", tmp_path / "data")


def test_mappen(tmp_path):
    m = Mappen(tmp_path / "c", tmp_path / "d")
    assert m.instellingenbestand == tmp_path / "c" / "instellingen.json"
    assert m.concepten == tmp_path / "d" / "concepten"
    assert m.oefeningen == tmp_path / "d" / "oefeningen"
    assert m.herstel == tmp_path / "d" / "herstel"
    assert m.standaardregister == tmp_path / "d" / "register"
    assert m.logboek == tmp_path / "d" / "logboek"
    m.maak()
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["concepten", "herstel", "logboek", "oefeningen"]
    assert (tmp_path / "c").is_dir() and not m.instellingenbestand.exists()
    assert (tmp_path / "d").stat().st_mode & 0o777 == 0o700  # casussen in bewerking: van deze gebruiker alleen
    m.maak()  # een tweede keer is geen fout


def test_zonder_bestand_de_standaard(mappen):
    inst, melding = lees_instellingen(mappen)
    assert inst == Instellingen("", "", []) and melding == ""
    assert not mappen.config.exists()  # lezen maakt niets aan


def test_bewaren_en_teruglezen(mappen):
    inst = Instellingen(registermap=r"\\server\share\Doorbraak register", prijslijstmap="/srv/prijslijst",
                        recent=["/a/C-1.json", "/b/Zoë.json"], naam="Zoë de Coach")
    bewaar_instellingen(mappen, inst)
    tekst = mappen.instellingenbestand.read_text(encoding="utf-8")
    assert json.loads(tekst) == {"schema": 1, "registermap": r"\\server\share\Doorbraak register",
                                 "prijslijstmap": "/srv/prijslijst", "recent": ["/a/C-1.json", "/b/Zoë.json"],
                                 "naam": "Zoë de Coach"}
    assert "Zoë.json" in tekst  # leesbaar, niet als \u-escape
    assert lees_instellingen(mappen) == (inst, "")
    bewaar_instellingen(mappen, Instellingen())  # overschrijven
    assert lees_instellingen(mappen) == (Instellingen(), "")
    assert [p.name for p in mappen.config.iterdir()] == ["instellingen.json"]  # geen tijdelijke bestanden


def test_ontbrekende_velden_en_te_veel_recente_bestanden(mappen):
    mappen.config.mkdir()
    recent = [f"/c/{i}.json" for i in range(15)]
    mappen.instellingenbestand.write_text(json.dumps({"schema": 1, "recent": [5, *recent], "nieuw_veld": 1}),
                                          encoding="utf-8")
    inst, melding = lees_instellingen(mappen)
    assert melding == "" and inst.registermap == "" and inst.recent == recent[:10]


def test_bestand_met_bom_wordt_gelezen(mappen):
    """Kladblok op Windows bewaart UTF-8 soms met een BOM; dat is geen beschadigd bestand."""
    mappen.config.mkdir()
    mappen.instellingenbestand.write_bytes(b"\xef\xbb\xbf" + json.dumps({"schema": 1, "registermap": "R:\\reg"}).encode())
    inst, melding = lees_instellingen(mappen)
    assert (inst.registermap, melding) == ("R:\\reg", "")
    assert mappen.instellingenbestand.exists()


def test_een_bestand_van_voor_de_eigen_naam_werkt_nog(mappen):
    """Een instellingenbestand zonder 'naam' (van voor de eerste-startdialoog): de naam is leeg, geen melding, en het
    telt als een eerdere start."""
    mappen.config.mkdir()
    mappen.instellingenbestand.write_text(json.dumps({"schema": 1, "registermap": "/r", "recent": []}), encoding="utf-8")
    assert lees_instellingen(mappen) == (Instellingen(registermap="/r", naam=""), "")
    assert not is_eerste_start(mappen)


def test_de_eigen_naam_wordt_een_regel_van_hooguit_80_tekens(mappen):
    bewaar_instellingen(mappen, Instellingen(naam="  Ann\n de   Coach \t"))
    assert json.loads(mappen.instellingenbestand.read_text(encoding="utf-8"))["naam"] == "Ann de Coach"
    mappen.instellingenbestand.write_text(json.dumps({"schema": 1, "naam": "x" * 200}), encoding="utf-8")
    assert lees_instellingen(mappen)[0].naam == "x" * 80
    mappen.instellingenbestand.write_text(json.dumps({"schema": 1, "naam": ["Ann"]}), encoding="utf-8")
    inst, melding = lees_instellingen(mappen)
    assert inst == Instellingen() and "naam is geen tekst" in melding


def test_eerste_start_is_zonder_instellingenbestand(mappen):
    assert is_eerste_start(mappen)
    mappen.maak()
    assert is_eerste_start(mappen), "de mappen aanmaken is nog geen keuze"
    bewaar_instellingen(mappen, Instellingen())
    assert not is_eerste_start(mappen)
    # een beschadigd bestand wordt opzij gezet en gemeld: dat is geen eerste start, de gebruiker koos eerder al
    mappen.instellingenbestand.write_text("{kapot", encoding="utf-8")
    assert lees_instellingen(mappen)[1] and not mappen.instellingenbestand.exists()
    assert not is_eerste_start(mappen)


@pytest.mark.parametrize("registernaam, eigen, coach", [
    ("Ann de Vries", "Ann", "Ann de Vries"),  # de naam die het register kent, gaat voor: die zien collega's
    ("ann", "Ann", "Ann"),  # het register kent geen naam (het geeft de login): de eigen naam
    ("ann", "", "ann"),  # geen van beide: de login, zoals voorheen
    (None, "Ann", "Ann"),  # het register is nog niet gelezen
    (None, "", ""),
])
def test_coachnaam(registernaam, eigen, coach):
    assert coachnaam(Instellingen(naam=eigen), "ann", registernaam) == coach


def test_een_oude_weergavenaam_telt_niet_meer(mappen):
    """Wie handelt is de login; een weergavenaam uit een oudere versie wordt genegeerd, niet gemeld."""
    mappen.config.mkdir()
    mappen.instellingenbestand.write_text(json.dumps({"schema": 1, "weergavenaam": "teamleider", "registermap": "/r"}),
                                          encoding="utf-8")
    inst, melding = lees_instellingen(mappen)
    assert (inst, melding) == (Instellingen(registermap="/r"), "") and not hasattr(inst, "weergavenaam")


@pytest.mark.parametrize(
    "inhoud, reden",
    [
        (b'{"schema": 1, "registermap": ', "ongeldige JSON op regel 1, kolom 30: waarde verwacht"),
        (b"", "ongeldige JSON op regel 1, kolom 1: waarde verwacht"),
        (b"\xff\xfe{}", "is geen UTF-8-tekst (ongeldige byte op positie 0)"),
        (b'{"schema": 2, "registermap": "/r"}', "onbekend schema 2"),
        (b'{"registermap": "/r"}', "onbekend schema None"),
        (b"[1, 2]", "onbekend schema ?"),
        (b'{"schema": 1, "registermap": 5}', "registermap is geen tekst"),
        (b'{"schema": 1, "registermap": ["/r"]}', "registermap is geen tekst"),
        (b'{"schema": 1, "recent": null}', "recent is geen lijst"),
        (b'{"schema": 1, "recent": 5}', "recent is geen lijst"),
        (b'{"schema": 1, "recent": "/a/C-1.json"}', "recent is geen lijst"),
        (b"[" * 100_000, "ongeldige JSON: te diep genest"),
    ],
)
def test_onleesbaar_bestand_gaat_opzij(mappen, inhoud, reden):
    mappen.config.mkdir()
    pad = mappen.instellingenbestand
    pad.write_bytes(inhoud)
    inst, melding = lees_instellingen(mappen)
    assert inst == Instellingen()
    opzij = mappen.config / "instellingen.json.onleesbaar"
    assert melding == (f"De instellingen in {pad} waren niet te lezen ({reden}); de app gebruikt de "
                       f"standaardinstellingen. Het oude bestand staat in {opzij}.")
    assert not pad.exists()
    assert opzij.read_bytes() == inhoud  # het origineel blijft bewaard, byte voor byte
    # de volgende start begint schoon, en bewaren overschrijft het opzijgezette bestand niet
    assert lees_instellingen(mappen) == (Instellingen(), "")
    bewaar_instellingen(mappen, Instellingen(registermap="/r"))
    assert lees_instellingen(mappen) == (Instellingen(registermap="/r"), "")
    assert opzij.read_bytes() == inhoud


def test_vensterstand_bewaren_en_teruglezen(mappen):
    assert lees_vensterstand(mappen) is None  # de eerste start
    stand = Vensterstand((-4, 20, 1354, 720), "AdnQywAD", "AAAA/wAA")
    bewaar_vensterstand(mappen, stand)
    assert json.loads(mappen.vensterbestand.read_text(encoding="utf-8")) == {
        "schema": 1, "kader": [-4, 20, 1354, 720], "geometrie": "AdnQywAD", "indeling": "AAAA/wAA", "kolommen": {}}
    assert lees_vensterstand(mappen) == stand
    # met de kolombreedtes van de tabellen; een onbruikbare waarde kost alleen die breedtes
    stand = Vensterstand((-4, 20, 1354, 720), "AdnQywAD", "AAAA/wAA", {"kolommen-casussen": "6:AAAA/wAA"})
    bewaar_vensterstand(mappen, stand)
    assert lees_vensterstand(mappen) == stand
    data = json.loads(mappen.vensterbestand.read_text(encoding="utf-8"))
    mappen.vensterbestand.write_text(json.dumps(data | {"kolommen": {"kolommen-casussen": 6}}), encoding="utf-8")
    assert lees_vensterstand(mappen) == Vensterstand((-4, 20, 1354, 720), "AdnQywAD", "AAAA/wAA")
    assert not mappen.instellingenbestand.exists()  # los van de instellingen


@pytest.mark.parametrize("inhoud", [
    b"", b"{", b"[]", b'{"schema": 2, "kader": [0, 0, 800, 600], "geometrie": "", "indeling": ""}',
    b'{"schema": 1, "kader": [0, 0, 800], "geometrie": "", "indeling": ""}',
    b'{"schema": 1, "kader": [0, 0, 800, 0], "geometrie": "", "indeling": ""}',
    b'{"schema": 1, "kader": [0, 0, 800, 600.5], "geometrie": "", "indeling": ""}',
    b'{"schema": 1, "kader": [0, 0, true, 600], "geometrie": "", "indeling": ""}',
    b'{"schema": 1, "kader": [0, 0, 800, 600], "geometrie": 5, "indeling": ""}',
    b"\xff\xfe",
])
def test_onbruikbare_vensterstand_is_geen_fout(mappen, inhoud):
    """Dan opent het venster passend op het scherm; een melding zou de gebruiker alleen lastigvallen."""
    mappen.config.mkdir()
    mappen.vensterbestand.write_bytes(inhoud)
    assert lees_vensterstand(mappen) is None


def test_registermap(mappen):
    assert registermap(mappen, Instellingen()) == mappen.data / "register"
    assert registermap(mappen, Instellingen(registermap="/gedeeld/register")) == Path("/gedeeld/register")
    # een PostgreSQL-URL blijft tekst: Path() zou van '///' en '//' één '/' maken
    for url in ("postgresql:///doorbraak?host=/var/run/postgresql", "postgresql://db.gemeente.nl/doorbraak"):
        assert registermap(mappen, Instellingen(registermap=url)) == url


@pytest.mark.parametrize("url, wachtwoord", [
    ("postgresql:///doorbraak?host=/var/run/postgresql&port=5433", False),
    ("postgresql://db.gemeente.nl/doorbraak", False),
    ("postgresql://anna@db.gemeente.nl:5433/doorbraak", False),
    ("postgresql://db1:5432,db2:5432/doorbraak?target_session_attrs=read-write", False),
    ("postgresql://anna:geheim@db.gemeente.nl/doorbraak", True),
    ("postgresql://anna:ge/heim@db.gemeente.nl/doorbraak", True),
    ("postgresql://anna:@db.gemeente.nl/doorbraak", True),
    ("postgresql://db.gemeente.nl/doorbraak?user=anna&password=geheim", True),
    ("postgres://db.gemeente.nl/doorbraak?PASSWORD=geheim", True),
])
def test_een_wachtwoord_in_de_register_url_komt_nooit_in_het_bestand(mappen, url, wachtwoord):
    from doorbraak import diensten
    from doorbraak.domein.fouten import InvoerFout

    assert diensten.wachtwoord_in_url(url) is wachtwoord
    if not wachtwoord:
        bewaar_instellingen(mappen, Instellingen(registermap=url))
        assert lees_instellingen(mappen) == (Instellingen(registermap=url), "")
        assert diensten.toonbare_locatie(url) == url
        return
    with pytest.raises(InvoerFout, match="zet geen wachtwoord in de URL: gebruik PGPASSFILE"):
        bewaar_instellingen(mappen, Instellingen(registermap=url))
    assert not mappen.instellingenbestand.exists()
    with pytest.raises(InvoerFout, match="zet geen wachtwoord in de URL"):
        diensten.open_register(url)  # ook de opdrachtregel en DOORBRAAK_REGISTER verbinden er niet mee
    assert "geheim" not in diensten.toonbare_locatie(url) and "***" in diensten.toonbare_locatie(url)


def test_mappen_uit_de_omgeving(monkeypatch, tmp_path):
    monkeypatch.setenv("DOORBRAAK_CONFIG", str(tmp_path / "cfg"))
    monkeypatch.setenv("DOORBRAAK_DATA", str(tmp_path / "dat"))
    assert Mappen.standaard() == Mappen(tmp_path / "cfg", tmp_path / "dat")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG-mappen gelden alleen op Linux")
def test_mappen_van_het_platform(monkeypatch, tmp_path):
    monkeypatch.delenv("DOORBRAAK_CONFIG", raising=False)
    monkeypatch.setenv("DOORBRAAK_DATA", "  ")  # alleen spaties telt als niet gezet
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    m = Mappen.standaard()
    assert m == Mappen(tmp_path / "xdg-config" / "Doorbraak", tmp_path / "xdg-data" / "Doorbraak")
    assert m.config.name == "Doorbraak" and m.data.name == "Doorbraak"
    assert m.instellingenbestand == tmp_path / "xdg-config" / "Doorbraak" / "instellingen.json"


def test_standaardregister_wordt_eenmaal_gemaakt(mappen):
    assert zorg_voor_standaardregister(mappen) is True
    assert zorg_voor_standaardregister(mappen) is False
    st = register_stand(mappen.standaardregister)
    assert st.instellingen.budget == D("200000.00") and str(st.instellingen.budget) == "200000.00"
    assert st.instellingen.limiet == D("5000.00")
    assert st.instellingen.escalatie == (systeemlogin(),)  # het lokale register van deze gebruiker
    assert st.instellingen.oefenregister is False
    assert st.aantal_records == 1 and st.aanvragen == []
    assert verifieer_register(mappen.standaardregister)[1] == []
    # het lokale register is van deze gebruiker alleen: niet van een groep (een gedeeld register wel)
    import os
    import stat

    assert not os.stat(mappen.standaardregister).st_mode & (stat.S_IWGRP | stat.S_ISGID)
    assert not os.stat(mappen.standaardregister / "records").st_mode & (stat.S_IWGRP | stat.S_ISGID)


def _zorg_tegelijk(data: str, start, uitkomsten) -> None:
    """Eén van de processen die bij de eerste start tegelijk het lokale register aanmaken."""
    start.wait(timeout=60)
    try:
        uitkomsten.put(repr(zorg_voor_standaardregister(Mappen(Path(data) / "config", Path(data)))))
    except Exception as fout:  # pragma: no cover - alleen bij een fout
        uitkomsten.put(f"{type(fout).__name__}: {fout}")


def test_vier_processen_tegelijk_maken_een_register(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(4)
    uitkomsten = ctx.Queue()
    processen = [ctx.Process(target=_zorg_tegelijk, args=(str(data), start, uitkomsten)) for _ in range(4)]
    for p in processen:
        p.start()
    gevonden = sorted(uitkomsten.get(timeout=120) for _ in processen)
    for p in processen:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert gevonden == ["False", "False", "False", "True"], gevonden
    map_register._GELEZEN.clear()
    register = data / "register"
    assert sorted(p.name for p in (register / "records").iterdir()) == ["000000000001.json"]
    st = register_stand(register)
    assert st.aantal_records == 1
    assert (st.instellingen.budget, st.instellingen.limiet, st.instellingen.escalatie) == (
        D("200000.00"), D("5000.00"), (systeemlogin(),))
    assert verifieer_register(register)[1] == []
    assert zorg_voor_standaardregister(Mappen(data / "config", data)) is False
