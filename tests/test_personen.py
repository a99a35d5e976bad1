"""Regels over personen, getest met echte, verschillende OS-gebruikers in één groep (umask 022).

Wie handelt is de login van het besturingssysteem: geen omgevingsvariabele of instelling maakt van
iemand een ander. Zie tests/personen.py voor hoe de gebruikers worden gemaakt.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from doorbraak.export.register_xlsx import lokale_tijd

from tests.personen import GROEP
from tests.registerhulp import schrijf_casus
from tests.test_export import pdf_tekst

grp = pytest.importorskip("grp", reason="echte OS-gebruikers en groepen: alleen op Linux en macOS")
VERDACHT = {"DOORBRAAK_GEBRUIKER": "teamleider", "USER": "teamleider", "LOGNAME": "teamleider", "USERNAME": "teamleider"}


def _init(team, register: Path, *extra) -> None:
    u = team.als("anna", "register", "init", register, "--budget", "20000", "--escalatie", "teamleider",
                 "--naam", "teamleider=Tess de Teamleider", "--naam", "anna=Anna de Vries", *extra)
    assert u.code == 0, u.fout
    assert "escalatie: Tess de Teamleider (teamleider)" in u.uit


def _geescaleerd(team, casus_id: str, bedrag: str) -> Path:
    """Een nieuw register waarin anna een casus indiende die bram toetste: ze wacht op de teamleider."""
    reg = team.share / "register"
    _init(team, reg)
    schrijf_casus(team.casussen, casus_id, bedrag)
    assert team.als("anna", "indienen", team.casussen / f"{casus_id}.json", "--register", reg).code == 0
    assert team.als("bram", "toetsen", casus_id, "--register", reg, "--akkoord").code == 0
    return reg


def _status(team, login: str, register: Path) -> dict:
    u = team.als(login, "register", "status", "--register", register, "--json")
    assert u.code == 0, u.fout
    return json.loads(u.uit)


def test_niemand_kan_als_een_ander_handelen(team):
    reg = team.share / "register"
    _init(team, reg)
    casus = schrijf_casus(team.casussen, "E-1", "9800.00")
    u = team.als("anna", "indienen", casus, "--register", reg)
    assert u.code == 0 and "E-1-1: € 9.800,00, route escalatie, status ingediend" in u.uit
    # de indiener toetst niet zelf, ook niet onder een andere naam
    u = team.als("anna", "toetsen", "E-1", "--register", reg, "--akkoord", omgeving={"DOORBRAAK_GEBRUIKER": "bram"})
    assert u.code == 3 and "geweigerd: Anna de Vries (anna) heeft E-1-1 zelf ingediend" in u.fout
    u = team.als("bram", "toetsen", "E-1", "--register", reg, "--akkoord", "--reden", "goed onderbouwd")
    assert u.code == 0 and "status geëscaleerd" in u.uit
    # carl zet alles wat naar een naam ruikt op de teamleider: hij blijft carl (gemeten: was exit 0)
    u = team.als("carl", "besluiten", "E-1", "--register", reg, "--akkoord", omgeving=VERDACHT)
    assert u.code == 3
    assert "geweigerd: carl mag niet over escalaties beslissen; dat mogen: Tess de Teamleider (teamleider)" in u.fout
    assert _status(team, "carl", reg)["casussen"][0]["status"] == "geëscaleerd"
    # de toetser beslist ook niet
    u = team.als("bram", "besluiten", "E-1", "--register", reg, "--akkoord", omgeving=VERDACHT)
    assert u.code == 3 and "bram mag niet over escalaties beslissen" in u.fout
    # alleen de teamleider, met haar eigen login
    u = team.als("teamleider", "besluiten", "E-1", "--register", reg, "--akkoord", "--reden", "akkoord MT")
    assert u.code == 0 and "status goedgekeurd" in u.uit, u.fout
    st = _status(team, "carl", reg)
    (c,) = st["casussen"]
    assert (c["indiener_login"], c["toetser_login"], c["besluiter_login"]) == ("anna", "bram", "teamleider")
    assert (c["indiener"], c["besluiter"], st["gebruiker"]) == (
        "Anna de Vries", "Tess de Teamleider", {"os_login": "carl", "naam": "carl", "escalatie": False})
    # elk document dat iemand noemt, noemt ook de login
    rij = {k.value: v.value for k, v in zip(*load_workbook(reg / "register.xlsx")["Aanvragen"].iter_rows(max_row=2))}
    assert (rij["ingediend_door"], rij["getoetst_door"], rij["besloten_door"]) == (
        "Anna de Vries (anna)", "bram", "Tess de Teamleider (teamleider)")
    tekst = re.sub(r"\s+", " ", pdf_tekst((reg / "verantwoording" / "E-1-1.pdf").read_bytes()))
    assert "Anna de Vries (anna)" in tekst and "Tess de Teamleider (teamleider)" in tekst and "bram" in tekst
    uit = team.data("carl") / "E-1.xlsx"
    assert team.als("carl", "xlsx", "E-1", "--register", reg, "-o", uit).code == 0
    cellen = {c.value for ws in load_workbook(uit) for rij in ws.iter_rows() for c in rij if isinstance(c.value, str)}
    assert "Anna de Vries (anna)" in cellen and "Tess de Teamleider (teamleider)" in cellen, cellen


def test_alleen_de_escalatielijst_wijzigt_lijst_en_budget(team):
    reg = team.share / "register"
    _init(team, reg)
    u = team.als("carl", "register", "instellen", "--register", reg, "--escalatie", "carl", "--reden", "ik ook",
                 omgeving=VERDACHT)
    assert u.code == 3 and "carl staat niet op de escalatielijst" in u.fout
    u = team.als("anna", "register", "instellen", "--register", reg, "--budget", "1000000", "--reden", "meer")
    assert u.code == 3 and "Anna de Vries (anna) staat niet op de escalatielijst" in u.fout
    assert _status(team, "anna", reg)["budget_totaal"] == "20000.00" and _status(team, "anna", reg)[
        "aantal_records"] == 1
    u = team.als("teamleider", "register", "instellen", "--register", reg, "--escalatie", "teamleider,carl", "--naam",
                 "carl=Carl", "--budget", "25.000,00", "--reden", "Carl vervangt Tess in de zomer")
    assert u.code == 0 and "escalatie: Tess de Teamleider (teamleider), Carl (carl)" in u.uit, u.fout
    st = _status(team, "anna", reg)
    assert (st["budget_totaal"], st["escalatie"], st["aantal_records"]) == ("25000.00", ["teamleider", "carl"], 2)
    record = json.loads((reg / "records" / "000000000002.json").read_text(encoding="utf-8"))
    assert record["soort"] == "instellingen" and record["gebruiker"]["os_login"] == "teamleider"
    assert record["gegevens"]["reden"] == "Carl vervangt Tess in de zomer"
    # nu mag carl beslissen, en de wijziging staat in de spreadsheet voor financiën
    schrijf_casus(team.casussen, "E-2", "7000.00")
    assert team.als("anna", "indienen", team.casussen / "E-2.json", "--register", reg).code == 0
    assert team.als("bram", "toetsen", "E-2", "--register", reg, "--akkoord").code == 0
    u = team.als("carl", "besluiten", "E-2", "--register", reg, "--akkoord")
    assert u.code == 0 and "status goedgekeurd" in u.uit, u.fout
    ws = load_workbook(reg / "register.xlsx")["Wijzigingen"]
    rijen = [[c.value for c in r] for r in ws.iter_rows()]
    assert rijen[1][:5] == [2, lokale_tijd(record["tijd"]), "Tess de Teamleider (teamleider)", "instellingen",
                            "Carl vervangt Tess in de zomer"]


def _modus(pad: Path) -> int:
    return stat.S_IMODE(os.stat(pad).st_mode)


def test_een_gedeelde_map_werkt_voor_iedereen_in_de_groep(team):
    """Drie coaches en een teamleider, elk met umask 022 (gemeten: het archief van een collega met
    0755 hield de PDF van de teamleider tegen)."""
    reg = team.share / "register"
    _init(team, reg)
    for casus_id, bedrag in (("V-1", "1000.00"), ("E-1", "6000.00")):
        schrijf_casus(team.casussen, casus_id, bedrag)
    assert team.als("bram", "indienen", team.casussen / "V-1.json", "--register", reg).code == 0
    u = team.als("carl", "toetsen", "V-1", "--register", reg, "--akkoord")  # carl maakt verantwoording/
    assert u.code == 0 and u.fout == "", u.fout
    assert (reg / "verantwoording").stat().st_uid == __import__("pwd").getpwnam("carl").pw_uid
    assert team.als("anna", "indienen", team.casussen / "E-1.json", "--register", reg).code == 0
    assert team.als("bram", "toetsen", "E-1", "--register", reg, "--akkoord").code == 0
    u = team.als("teamleider", "besluiten", "E-1", "--register", reg, "--akkoord")
    assert u.code == 0 and u.fout == "", u.fout  # geen 'let op': alles is geschreven
    assert sorted(p.name for p in (reg / "verantwoording").iterdir()) == ["E-1-1.pdf", "V-1-1.pdf"]
    gid = grp.getgrnam(GROEP).gr_gid
    for pad in [reg, *reg.rglob("*")]:
        st = os.stat(pad)
        assert st.st_gid == gid, pad
        if pad.is_dir():
            assert _modus(pad) & (stat.S_ISGID | stat.S_IRWXG) == stat.S_ISGID | stat.S_IRWXG, (pad, oct(_modus(pad)))
        else:
            assert _modus(pad) & 0o060 == 0o060, (pad, oct(_modus(pad)))
    # ook wie de spreadsheet als laatste schreef, laat haar voor de anderen beschrijfbaar
    u = team.als("anna", "register", "status", "--register", reg)
    assert u.code == 0 and "€ 7.000,00" in u.uit


def test_na_het_besluit_zegt_de_melding_wat_wel_en_niet_is_vastgelegd(team):
    reg = _geescaleerd(team, "E-1", "6000.00")
    # een archiefmap zoals een oudere versie haar maakte: van carl, 0755, niet van de groep
    archief = reg / "verantwoording"
    archief.mkdir()
    os.chown(archief, __import__("pwd").getpwnam("carl").pw_uid, grp.getgrnam(GROEP).gr_gid)
    os.chmod(archief, 0o755)
    u = team.als("teamleider", "besluiten", "E-1", "--register", reg, "--akkoord", "--reden", "akkoord")
    assert u.code == 0 and "status goedgekeurd" in u.uit
    assert "het besluit over E-1-1 IS vastgelegd in het register (record 4)" in u.fout
    assert f"het verantwoordingsdocument is NIET gearchiveerd in {archief} (geen schrijfrechten in de map {archief})" in u.fout
    assert f"Archiveer het alsnog met: doorbraak register archiveer --register {reg}" in u.fout
    assert "niets gewijzigd" not in u.fout and "Excel" not in u.fout
    assert list(archief.iterdir()) == [] and _status(team, "anna", reg)["casussen"][0]["status"] == "goedgekeurd"
    u = team.als("anna", "register", "verifieer", "--register", reg)
    assert u.code == 0 and f"let op: de map {archief} is niet schrijfbaar voor de groep" in u.fout
    assert f"chmod g+ws {archief}" in u.fout
    # de voorgestelde opdracht maakt het document, zodra de map weer van de groep is
    os.chmod(archief, 0o2775)
    u = team.als("teamleider", "register", "archiveer", "--register", reg)
    assert u.code == 0 and "Gearchiveerd: E-1-1" in u.uit, u.fout
    assert [p.name for p in archief.iterdir()] == ["E-1-1.pdf"]
    u = team.als("anna", "register", "verifieer", "--register", reg)
    assert (u.code, u.fout) == (0, ""), u.fout


def _kop_herschrijven(reg: Path) -> None:
    """Wat iemand met schrijfrechten op de share kan doen: het laatste record weg, kop.json erbij passend."""
    records = sorted((reg / "records").glob("*.json"))
    records[-1].unlink()
    vorige = json.loads(records[-2].read_text(encoding="utf-8"))
    (reg / "kop.json").write_text(json.dumps({"aantal": vorige["volgnummer"], "hash": vorige["hash"]}) + "\n",
                                  encoding="utf-8")


def test_een_teruggezet_register_valt_op_bij_wie_het_zag(team):
    reg = _geescaleerd(team, "E-1", "6000.00")
    assert team.als("teamleider", "besluiten", "E-1", "--register", reg, "--akkoord").code == 0
    assert _status(team, "anna", reg)["toegekend"] == "6000.00"  # anna zag het besluit (record 4)
    _kop_herschrijven(reg)
    # de keten zelf klopt nog (gemeten: verifieer gaf exit 0); anna's getuige ziet het wel
    u = team.als("anna", "register", "verifieer", "--register", reg)
    assert u.code == 1
    assert "dit register is korter dan u het eerder zag: u zag 4 records, nu zijn er 3" in u.uit
    assert re.search(r"record 4 \(besluit over E-1-1, \d{4}-\d\d-\d\d \d\d:\d\d UTC, door Tess de Teamleider \(teamleider\)\)",
                     u.uit), u.uit
    for opdracht in (["register", "status", "--register", reg], ["register", "exporteer", "--register", reg, "-o",
                                                                  team.data("anna") / "r.xlsx"]):
        u = team.als("anna", *opdracht)
        assert u.code == 2 and u.uit == "" and "dit register is korter dan u het eerder zag" in u.fout
    schrijf_casus(team.casussen, "N-1", "100.00")
    u = team.als("anna", "indienen", team.casussen / "N-1.json", "--register", reg)
    assert u.code == 2 and "herstel-aanvaarden" in u.fout
    assert len(list((reg / "records").glob("*.json"))) == 3  # er is niets geschreven
    # wie het laatste record nooit zag, kan het register lezen (de getuige is per gebruiker), maar verifieer
    # vindt het document van het verdwenen besluit
    assert team.als("carl", "register", "status", "--register", reg).code == 0
    u = team.als("carl", "register", "verifieer", "--register", reg)
    assert u.code == 1 and "verantwoording/E-1-1.pdf hoort bij geen goedgekeurde aanvraag in dit register" in u.uit
    # alleen de escalatielijst aanvaardt het herstel, met een reden; dat wordt een record
    u = team.als("anna", "register", "herstel-aanvaarden", "--register", reg, "--reden", "back-up", omgeving=VERDACHT)
    assert u.code == 3 and "staat niet op de escalatielijst" in u.fout
    u = team.als("teamleider", "register", "herstel-aanvaarden", "--register", reg)
    assert u.code == 2 and "--reden" in u.fout
    u = team.als("teamleider", "register", "herstel-aanvaarden", "--register", reg, "--reden",
                 "share teruggezet uit de back-up van maandag")
    assert u.code == 0 and "Herstel aanvaard in record 4 door Tess de Teamleider (teamleider)" in u.uit, u.fout
    # daarna kan anna weer verder; één keer hoort ze wat er gebeurde
    u = team.als("anna", "register", "status", "--register", reg)
    assert u.code == 0 and "Dit herstel is aanvaard in record 4 door Tess de Teamleider (teamleider)" in u.fout
    assert "share teruggezet uit de back-up van maandag" in u.fout and "toegekend € 0,00" in u.uit
    u = team.als("anna", "register", "status", "--register", reg)
    assert u.code == 0 and u.fout == ""
    assert team.als("anna", "indienen", team.casussen / "N-1.json", "--register", reg).code == 0
    (reg / "verantwoording" / "E-1-1.pdf").rename(team.basis / "verdwenen-besluit-E-1-1.pdf")
    u = team.als("bram", "register", "verifieer", "--register", reg)
    assert u.code == 0 and u.fout == "", u.uit  # bram zag record 4 nooit: voor hem is er niets veranderd


def test_een_verantwoordingsdocument_blijft_byte_voor_byte_gelijk(team):
    """Het document noemt het record van zijn eigen besluit (gemeten: 'na 5 records' in het archief,
    'na 8 records' bij een latere export); verifieer controleert elk gearchiveerd document."""
    reg = team.share / "register"
    _init(team, reg)
    schrijf_casus(team.casussen, "V-1", "1000.00")
    assert team.als("anna", "indienen", team.casussen / "V-1.json", "--register", reg).code == 0
    assert team.als("bram", "toetsen", "V-1", "--register", reg, "--akkoord", "--reden", "ok").code == 0
    archief = reg / "verantwoording" / "V-1-1.pdf"
    for i in range(3):  # het register groeit door
        schrijf_casus(team.casussen, f"X-{i}", "10.00")
        assert team.als("carl", "indienen", team.casussen / f"X-{i}.json", "--register", reg).code == 0
    uit = team.data("carl") / "opnieuw.pdf"
    assert team.als("carl", "pdf", "V-1", "--register", reg, "-o", uit).code == 0
    assert uit.read_bytes() == archief.read_bytes()
    assert "record 3 " in re.sub(r"\s+", " ", pdf_tekst(archief.read_bytes()))
    u = team.als("anna", "register", "verifieer", "--register", reg)
    assert u.code == 0, u.uit
    data = bytearray(archief.read_bytes())
    data[data.rindex(b"%%EOF") - 20] ^= 1  # één bit in het archief
    archief.write_bytes(bytes(data))
    u = team.als("anna", "register", "verifieer", "--register", reg)
    assert u.code == 1 and "verantwoording/V-1-1.pdf komt niet overeen met het besluit in record 3" in u.uit
