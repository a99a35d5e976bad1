"""Fouten die een gebruiker zelf kan herstellen, met het pad van het veld erbij."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Probleem:
    """Eén probleem in de invoer: waar het zit (veldpad of bestand) en wat er mis is."""

    pad: str
    melding: str

    def __str__(self) -> str:
        return f"{self.pad}: {self.melding}" if self.pad else self.melding


class InvoerFout(Exception):
    """Invoer die niet klopt; draagt één of meer problemen (de CLI geeft exitcode 2)."""

    def __init__(self, problemen: list[Probleem] | Probleem, bron: str = ""):
        if isinstance(problemen, Probleem):
            problemen = [problemen]
        self.problemen: list[Probleem] = list(problemen)
        self.bron = bron
        super().__init__("\n".join(str(p) for p in self.problemen))


class Problemenlijst:
    """Verzamelt problemen tijdens een controle, zodat alle fouten tegelijk gemeld worden."""

    def __init__(self) -> None:
        self.problemen: list[Probleem] = []

    def voeg_toe(self, pad: str, melding: str) -> None:
        self.problemen.append(Probleem(pad, melding))

    def __bool__(self) -> bool:
        return bool(self.problemen)

    def werp_als_nodig(self, bron: str = "") -> None:
        if self.problemen:
            raise InvoerFout(self.problemen, bron)


class Weigering(Exception):
    """Een handeling die een regel niet toestaat (vier ogen, budget, status); de CLI geeft exitcode 3."""

    def __init__(self, melding: str):
        self.melding = melding
        super().__init__(melding)


def opdrachtregel(*delen: object) -> str:
    """Een opdracht om in een melding te zetten, zo dat ze te kopiëren is: paden met spaties tussen
    aanhalingstekens, zoals de shell van dit platform ze wil."""
    import os
    import shlex
    import subprocess

    teksten = [str(d) for d in delen]
    if os.name == "nt":
        return subprocess.list2cmdline(teksten)
    return " ".join(t if t in ("...", "…") else shlex.quote(t) for t in teksten)
