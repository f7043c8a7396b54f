"""Luotsi: Kela's vocational rehabilitation rules made executable, and a case workspace."""

__version__ = "0.1.0"
