"""Doorbraak: de maatschappelijke businesscase van een doorbraakcasus."""

__version__ = "0.1.0"
