"""The command line: a thin click layer over the library, one module per group of commands.

Arguments and options in; the library called; issues printed through `argmap.report`;
exit 0 ok, 1 a map has errors, 2 usage or I/O. Nothing in argmap imports this package.
"""

from .app import cli, main

__all__ = ["cli", "main"]
