"""Bestanden voor mensen buiten het programma: spreadsheets (en later de PDF)."""
