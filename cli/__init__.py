"""The command line behind ``main.py``: one module per group of subcommands, each adding its parsers.

Every command runs the same code as the window (``forms/``, ``storage/``, ``reports/``); this package
only reads arguments, prints in the user's language and returns an exit code (``cli.exits``).
"""
