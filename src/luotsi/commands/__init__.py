"""Subcommands of the ``luotsi`` command (see :mod:`luotsi.cli`)."""
