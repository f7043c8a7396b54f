"""The ``luotsi`` command.

Each subcommand lives in a module of :mod:`luotsi.commands` that defines ``register``
(adds its parser) and sets ``handler`` on it. Commands that only run the rules engine
(``check``, ``schema``) never import Django, so they stay fast and usable without a
database.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Subcommand modules, in the order ``luotsi --help`` lists them.
COMMAND_MODULES = [
    "luotsi.commands.check",
    "luotsi.commands.documents",
    "luotsi.commands.group_start",
    "luotsi.commands.invoice",
    "luotsi.commands.group_notice",
    "luotsi.commands.web",
    "luotsi.commands.worker",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="luotsi",
        description="Luotsi: Kela's vocational rehabilitation rules made executable.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # ``manage`` passes everything after it through to Django untouched.
    if args_list and args_list[0] == "manage":
        from luotsi.commands.web import run_manage

        return run_manage(args_list[1:])
    args = parser.parse_args(args_list)
    try:
        result = args.handler(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``luotsi check ... | head``): stop quietly, as Unix tools
        # do, and keep Python from reporting the same error again when it exits.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE
    return int(result or 0)


# The exit status of a command that the closing of its output ended (128 + SIGPIPE).
BROKEN_PIPE = 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
