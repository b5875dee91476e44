"""Printing for a person at a terminal, the same way for every command: never a traceback, even
on a console that cannot show Hangul or in a windowed executable that has no console at all."""

from __future__ import annotations

import sys


def say(text: str, err: bool = False) -> None:
    """Write one line to stdout (or stderr with ``err``)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # a windowed executable has no console
        return
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:
        enc = stream.encoding or "ascii"
        stream.write(text.encode(enc, "replace").decode(enc) + "\n")
    stream.flush()
