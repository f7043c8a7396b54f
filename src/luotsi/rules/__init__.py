"""The rules engine: pure Python, no Django (see docs/principles.md)."""
