"""Quarterly Resolution 57-NQ/TW report of a Vietnamese ward or commune, from its spreadsheets."""

__version__ = "0.1.0"
