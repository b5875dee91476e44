"""Printing for a person at a terminal, the same way for every command: never a traceback, even
on a console that cannot show Hangul or in a windowed executable that has no console at all."""

from __future__ import annotations

import sys

from forms.errors import InputError, os_reason
from forms.i18n import N_


def say(text: str, err: bool = False) -> None:
    """Write one line to stdout (or stderr with ``err``)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # a windowed executable has no console
        return
    try:
        try:
            stream.write(text + "\n")
        except UnicodeEncodeError:  # a console that cannot show Hangul, or a name with undecodable bytes
            enc = stream.encoding or "ascii"
            stream.write(text.encode(enc, "replace").decode(enc) + "\n")
        stream.flush()
    except OSError as exc:  # `| head -1` closed the pipe, `> /dev/full`: the command's output cannot go out
        raise OutputLost(exc) from exc


class OutputLost(InputError):
    """Standard output (or error) cannot be written: a closed pipe, a full disk."""

    def __init__(self, exc: OSError) -> None:
        self.closed = isinstance(exc, BrokenPipeError)
        super().__init__(N_("The output cannot be written: {reason}"), reason=os_reason(exc))
