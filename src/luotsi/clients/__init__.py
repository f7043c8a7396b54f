"""Clients (asiakkaat) of a provider organisation, with their identity codes protected."""
