"""Thin command line: every command is one call of the public library API.

Each command group lives in its own module and registers itself on ``accord.cli.app.app``.
"""

import importlib

from accord.cli.app import app

# Command modules, each owning one group of commands.  A module that is not written yet is
# simply skipped so that the rest of the CLI still works.
_COMMAND_MODULES = ("code", "ingest", "evaluate", "query", "export", "serve", "watch", "bench")

for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(f"accord.cli.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"accord.cli.{_name}":
            raise

__all__ = ["app"]
